//! The customer-base model: what the business records about its customers.
//!
//! Each entity comes in two shapes. A `*Draft` is what a client or a CSV row says, every
//! field optional and loosely typed, so that one validation turns both JSON bodies and CSV
//! rows into the same field-level errors. The validated record (`Customer`, `Order`, …) is
//! what the store keeps and the API returns. References to other records (an owner's
//! e-mail, an organisation's id) are checked for shape here and for existence by the store.

mod activity;
mod customer;
mod employee;
mod order;
mod playbook;
mod task;
mod transition;

pub use activity::*;
pub use customer::*;
pub use employee::*;
pub use order::*;
pub use playbook::*;
pub use task::*;
pub use transition::*;

use crate::message::Message;
use std::fmt;

use jiff::Timestamp;
use serde::{Deserialize, Deserializer};

use crate::money::{AmountText, Currency, Money};
use crate::time::parse_instant;
use crate::validation::FieldErrors;

/// What validation needs besides the draft: the business's currency and the present
/// instant (for defaults such as `created_at`).
#[derive(Clone, Copy, Debug)]
pub struct Context {
    pub now: Timestamp,
    pub currency: Currency,
}

impl Context {
    pub fn new(now: Timestamp, currency: Currency) -> Self {
        Context {
            now: crate::time::truncate_to_millis(now),
            currency,
        }
    }
}

/// A field's text, trimmed; `None` when it is absent or blank.
pub(crate) fn given(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

/// Reports a field that is absent or blank as required; checks it with `check` otherwise.
fn required<T>(
    errors: &mut FieldErrors,
    field: &str,
    value: Option<&str>,
    check: impl FnOnce(&mut FieldErrors, &str) -> Option<T>,
) -> Option<T> {
    match given(value) {
        Some(v) => check(errors, v),
        None => {
            errors.add(field, Message::new("required"));
            None
        }
    }
}

/// Parses an optional enum field; `None` when it is absent, blank or not one of the values.
pub(crate) fn choice<T>(
    errors: &mut FieldErrors,
    field: &str,
    value: Option<&str>,
    parse: fn(&str) -> Result<T, Message>,
) -> Option<T> {
    errors.check(field, parse(given(value)?))
}

/// Checks an optional instant field.
pub(crate) fn instant(
    errors: &mut FieldErrors,
    field: &str,
    value: Option<&str>,
) -> Option<Timestamp> {
    errors.check(field, parse_instant(given(value)?))
}

/// Checks an instant that must be present.
pub(crate) fn required_instant(
    errors: &mut FieldErrors,
    field: &str,
    value: Option<&str>,
) -> Option<Timestamp> {
    required(errors, field, value, |errors, v| {
        errors.check(field, parse_instant(v))
    })
}

/// Checks an optional amount in the business currency.
pub(crate) fn amount(
    errors: &mut FieldErrors,
    field: &str,
    value: Option<&AmountText>,
    currency: Currency,
) -> Option<Money> {
    let value = given(value.map(|a| a.0.as_str()))?;
    errors.check(field, Money::parse(value, currency))
}

/// Checks an amount that must be present, in `currency`.
pub(crate) fn required_amount(
    errors: &mut FieldErrors,
    field: &str,
    value: Option<&AmountText>,
    currency: Currency,
) -> Option<Money> {
    required(errors, field, value.map(|a| a.0.as_str()), |errors, v| {
        errors.check(field, Money::parse(v, currency))
    })
}

/// Applies an RFC 7396 JSON merge patch: members of `patch` replace those of `target`,
/// `null` removes them, nested objects merge.
pub fn merge_patch(target: &mut serde_json::Value, patch: &serde_json::Value) {
    let serde_json::Value::Object(patch) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = serde_json::Value::Object(serde_json::Map::new());
    }
    if let serde_json::Value::Object(target) = target {
        for (key, value) in patch {
            if value.is_null() {
                target.remove(key);
            } else {
                merge_patch(
                    target.entry(key.clone()).or_insert(serde_json::Value::Null),
                    value,
                );
            }
        }
    }
}

/// A list of tags: a JSON array of strings, or in CSV one cell with the tags separated by
/// `;` (`vip;wholesale`).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct TagList(pub Vec<String>);

impl<'de> Deserialize<'de> for TagList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = TagList;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of tags, or tags separated by `;`")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<TagList, E> {
                Ok(TagList(v.split(';').map(str::to_owned).collect()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<TagList, A::Error> {
                let mut tags = Vec::new();
                while let Some(tag) = seq.next_element::<String>()? {
                    tags.push(tag);
                }
                Ok(TagList(tags))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// A whole number given as a JSON number or as text (CSV cells are text); the text is kept
/// when it is not a number, so the error can quote it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NumberText {
    Number(i64),
    Text(String),
}

impl NumberText {
    /// The number, or a message naming the text that is not one.
    pub fn whole(&self) -> Result<i64, Message> {
        match self {
            NumberText::Number(n) => Ok(*n),
            NumberText::Text(t) => t
                .trim()
                .parse::<i64>()
                .map_err(|_| Message::new("not-whole").text("value", t.as_str())),
        }
    }

    fn is_blank(&self) -> bool {
        matches!(self, NumberText::Text(t) if t.trim().is_empty())
    }
}

impl<'de> Deserialize<'de> for NumberText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = NumberText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a whole number")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<NumberText, E> {
                Ok(NumberText::Text(v.to_owned()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<NumberText, E> {
                Ok(NumberText::Number(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<NumberText, E> {
                i64::try_from(v)
                    .map(NumberText::Number)
                    .or_else(|_| Ok(NumberText::Text(v.to_string())))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<NumberText, E> {
                Ok(NumberText::Text(v.to_string()))
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<NumberText, E> {
                Ok(NumberText::Text(v.to_string()))
            }
        }
        d.deserialize_any(Visitor)
    }
}

impl serde::Serialize for NumberText {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            NumberText::Number(n) => s.serialize_i64(*n),
            NumberText::Text(t) => s.serialize_str(t),
        }
    }
}

/// Checks an optional whole number within `range`.
pub(crate) fn whole_number(
    errors: &mut FieldErrors,
    field: &str,
    value: Option<&NumberText>,
    range: std::ops::RangeInclusive<i64>,
) -> Option<i64> {
    let value = value.filter(|v| !v.is_blank())?;
    let number = errors.check(field, value.whole())?;
    if range.contains(&number) {
        Some(number)
    } else {
        errors.add(
            field,
            Message::new("outside-range")
                .int("value", number)
                .int("min", *range.start())
                .int("max", *range.end()),
        );
        None
    }
}

impl serde::Serialize for AmountText {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merge_patch_follows_rfc_7396() {
        let mut doc = json!({"a": "b", "c": {"d": "e", "f": "g"}});
        merge_patch(&mut doc, &json!({"a": "z", "c": {"f": null}}));
        assert_eq!(doc, json!({"a": "z", "c": {"d": "e"}}));
    }

    #[test]
    fn tags_come_from_a_list_or_a_separated_cell() {
        let from_list: TagList = serde_json::from_value(json!(["vip", "b2b"])).unwrap();
        let from_cell: TagList = serde_json::from_value(json!("vip;b2b")).unwrap();
        assert_eq!(from_list, from_cell);
    }
}
