//! Changes as RFC 7396 merge patches: the API's PATCH bodies and the web forms both become a
//! patch of the stored record, read back as the entity's draft, so a change goes through the
//! same validation as a new record.

use clientele_core::FieldErrors;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::{AppError, AppResult};

/// Applies a merge patch to a stored record and reads the result back as its draft. Fields
/// named in `read_only` cannot be patched.
pub fn patched<T: Serialize, D: DeserializeOwned>(
    current: &T,
    read_only: &[&str],
    patch: serde_json::Value,
) -> AppResult<D> {
    let serde_json::Value::Object(patch) = patch else {
        return Err(AppError::invalid(
            "body",
            "a merge patch is a JSON object of the fields to change",
        ));
    };
    for field in read_only {
        if patch.contains_key(*field) {
            return Err(AppError::invalid(field, "cannot be changed"));
        }
    }
    let mut document = serde_json::to_value(current).map_err(|source| AppError::Json {
        what: "a stored record as JSON",
        source,
    })?;
    if let serde_json::Value::Object(map) = &mut document {
        for field in read_only {
            map.remove(*field);
        }
        map.retain(|_, v| !v.is_null());
    }
    clientele_core::model::merge_patch(&mut document, &serde_json::Value::Object(patch));
    from_value(document)
}

/// A JSON value as a draft; a value of the wrong shape names its field.
pub fn from_value<D: DeserializeOwned>(value: serde_json::Value) -> AppResult<D> {
    serde_path_to_error::deserialize(value).map_err(|error| {
        AppError::Invalid(shape_error(
            error.path().to_string(),
            &error.inner().to_string(),
        ))
    })
}

/// A value of the wrong shape at `path` (as serde words it), as a field error.
pub fn shape_error(path: String, message: &str) -> FieldErrors {
    // serde words an unknown field at its parent; name the field itself.
    let (field, message) = match message.strip_prefix("unknown field `") {
        Some(rest) => {
            let name = rest.split('`').next().unwrap_or("");
            // serde_path_to_error already ends the path with the unknown field's name.
            let field = if path == "." || path.is_empty() {
                name.to_owned()
            } else if path == name || path.ends_with(&format!(".{name}")) {
                path
            } else {
                format!("{path}.{name}")
            };
            let allowed = strip_position(message)
                .split(", ")
                .skip(1)
                .collect::<Vec<_>>()
                .join(", ");
            (field, format!("is not a field here; {allowed}"))
        }
        None => (
            if path == "." { "body".to_owned() } else { path },
            strip_position(message),
        ),
    };
    FieldErrors::single(&field, message)
}

/// serde_json appends " at line L column C", which says nothing useful about a field.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// The names of the top-level fields that differ between two versions of a record: what an
/// update changed, for the audit log (names, never values).
pub fn changed_fields<T: Serialize>(before: &T, after: &T) -> Vec<String> {
    let (Ok(serde_json::Value::Object(before)), Ok(serde_json::Value::Object(after))) =
        (serde_json::to_value(before), serde_json::to_value(after))
    else {
        return Vec::new();
    };
    let mut fields: Vec<String> = after
        .iter()
        .filter(|(k, v)| before.get(*k) != Some(*v))
        .map(|(k, _)| k.clone())
        .filter(|k| k != "updated_at")
        .collect();
    fields.extend(before.keys().filter(|k| !after.contains_key(*k)).cloned());
    fields.sort();
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Stored {
        id: String,
        name: Option<String>,
        city: Option<String>,
    }

    #[derive(serde::Deserialize, Debug, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Draft {
        name: Option<String>,
        city: Option<String>,
    }

    fn stored() -> Stored {
        Stored {
            id: "C1".into(),
            name: Some("Ana".into()),
            city: Some("Tbilisi".into()),
        }
    }

    #[test]
    fn a_patch_replaces_what_it_names_clears_what_it_nulls_and_keeps_the_rest() {
        let draft: Draft = patched(
            &stored(),
            &["id"],
            serde_json::json!({ "name": "Anna", "city": null }),
        )
        .unwrap();
        assert_eq!(
            draft,
            Draft {
                name: Some("Anna".into()),
                city: None
            }
        );
    }

    #[test]
    fn a_read_only_field_or_an_unknown_one_is_named() {
        let err =
            patched::<_, Draft>(&stored(), &["id"], serde_json::json!({ "id": "X" })).unwrap_err();
        assert!(
            matches!(&err, AppError::Invalid(e) if e.0[0].field == "id"),
            "{err:?}"
        );
        let err = patched::<_, Draft>(&stored(), &["id"], serde_json::json!({ "nmae": "X" }))
            .unwrap_err();
        assert!(
            matches!(&err, AppError::Invalid(e) if e.0[0].field == "nmae"),
            "{err:?}"
        );
        let err = patched::<_, Draft>(&stored(), &["id"], serde_json::json!([1])).unwrap_err();
        assert!(
            matches!(&err, AppError::Invalid(e) if e.0[0].field == "body"),
            "{err:?}"
        );
    }

    #[test]
    fn changed_fields_name_what_differs_but_not_the_update_time() {
        let before = serde_json::json!({ "a": 1, "b": 2, "updated_at": "x", "gone": 1 });
        let after = serde_json::json!({ "a": 1, "b": 3, "updated_at": "y", "new": 1 });
        assert_eq!(changed_fields(&before, &after), ["b", "gone", "new"]);
    }
}
