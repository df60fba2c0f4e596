//! The type settings: every threshold by the axis it decides, a dry run of their effect on
//! the whole base before saving, and the new counts after.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use clientele_core::classify::TypeSettings;
use clientele_store::TypeCounts;
use clientele_store::auth::Need;

use super::{ascii_digits, render_status};
use crate::AppState;
use crate::auth::audited;
use crate::web::i18n::Tr;
use crate::web::{Me, Page, PageError, me};

/// Every threshold of `TypeSettings`, in the spec's order, by the axis it decides.
const SETTING_GROUPS: [(&str, &[&str]); 3] = [
    (
        "stage",
        &[
            "new_days",
            "lapse_min_days",
            "lapse_interval_multiple",
            "lapse_p_alive",
            "lost_days",
            "lost_p_alive",
            "reborn_days",
        ],
    ),
    (
        "tier",
        &[
            "tier_a_share",
            "tier_b_share",
            "profit_window_days",
            "default_margin_rate",
        ],
    ),
    (
        "flag",
        &[
            "dissatisfied_days",
            "dissatisfied_nps_max",
            "dissatisfied_csat_max",
            "complaint_open_days",
            "dissatisfied_complaints",
            "windbag_complaints",
            "windbag_interactions",
            "let_go_cost_multiple",
            "ideal_prospect_share",
            "owner_risk_days",
        ],
    ),
];

struct SettingField {
    name: &'static str,
    label: String,
    hint: String,
    value: String,
    whole: bool,
    error: Option<String>,
}

struct SettingGroup {
    title: String,
    fields: Vec<SettingField>,
}

struct CountList {
    title: String,
    counts: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "admin_settings.html")]
struct SettingsPage<'a> {
    t: &'a Tr,
    me: Option<Me>,
    csrf: String,
    groups: Vec<SettingGroup>,
    errors: Vec<(String, String)>,
    preview: Option<Vec<String>>,
    preview_summary: String,
    saved: Option<String>,
    counts: Vec<CountList>,
}

/// The settings as the form's values (numbers as the API writes them).
fn setting_values(settings: &TypeSettings) -> serde_json::Map<String, serde_json::Value> {
    match serde_json::to_value(settings) {
        Ok(serde_json::Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    }
}

fn is_whole(field: &str) -> bool {
    setting_values(&TypeSettings::default())
        .get(field)
        .is_some_and(serde_json::Value::is_u64)
}

fn setting_groups(
    t: &Tr,
    values: &dyn Fn(&str) -> String,
    errors: &[(String, String)],
) -> Vec<SettingGroup> {
    SETTING_GROUPS
        .iter()
        .map(|(axis, fields)| SettingGroup {
            title: t.t(&format!("settings-group-{axis}")),
            fields: fields
                .iter()
                .map(|name| SettingField {
                    name,
                    label: t.t(&format!("setting-{name}")),
                    hint: t.digits(&t.t(&format!("setting-{name}-range"))),
                    value: values(name),
                    whole: is_whole(name),
                    error: errors
                        .iter()
                        .find(|(field, _)| field == name)
                        .map(|(_, message)| message.clone()),
                })
                .collect(),
        })
        .collect()
}

/// Reads the form into settings, or says, field by field in the page's language, what is
/// wrong: not a number, or out of the range the engine accepts.
fn read_settings(t: &Tr, form: &[(String, String)]) -> Result<TypeSettings, Vec<(String, String)>> {
    let mut errors = Vec::new();
    let mut map = serde_json::Map::new();
    let out_of_range = |field: &str| {
        t.tn(
            "settings-out-of-range",
            None,
            &[
                ("field", t.t(&format!("setting-{field}"))),
                ("range", t.digits(&t.t(&format!("setting-{field}-range")))),
            ],
        )
    };
    for field in SETTING_GROUPS.iter().flat_map(|(_, fields)| fields.iter()) {
        let text = form
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, v)| ascii_digits(v))
            .unwrap_or_default();
        let value = if is_whole(field) {
            // Two thresholds are small numbers (`u8`); the rest are days and counts (`u32`).
            let most = if field.ends_with("_max") {
                u64::from(u8::MAX)
            } else {
                u64::from(u32::MAX)
            };
            match text.parse::<u64>() {
                Ok(n) if n <= most => Some(serde_json::Value::from(n)),
                Ok(_) => {
                    errors.push(((*field).to_owned(), out_of_range(field)));
                    None
                }
                Err(_) => None,
            }
        } else {
            text.replace(',', ".")
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .and_then(serde_json::Number::from_f64)
                .map(serde_json::Value::Number)
        };
        match value {
            Some(value) => {
                map.insert((*field).to_owned(), value);
            }
            None if errors.iter().any(|(f, _)| f == field) => {}
            None => errors.push((
                (*field).to_owned(),
                t.tn(
                    if is_whole(field) {
                        "settings-not-whole"
                    } else {
                        "settings-not-number"
                    },
                    None,
                    &[("field", t.t(&format!("setting-{field}")))],
                ),
            )),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let settings: TypeSettings = serde_json::from_value(serde_json::Value::Object(map))
        .map_err(|_| vec![(String::new(), t.t("settings-unreadable"))])?;
    if let Err(invalid) = settings.validate() {
        return Err(invalid
            .0
            .iter()
            .map(|e| (e.field.clone(), out_of_range(&e.field)))
            .collect());
    }
    Ok(settings)
}

fn count_lists(t: &Tr, counts: &TypeCounts) -> Vec<CountList> {
    let list = |title: &str, prefix: &str, named: &[clientele_store::NamedCount]| CountList {
        title: t.t(title),
        counts: named
            .iter()
            .map(|c| {
                (
                    t.t(&format!("{prefix}-{}", c.name)),
                    t.number(c.customers as i64),
                )
            })
            .collect(),
    };
    vec![
        list("dashboard-stages", "stage", &counts.stages),
        list("dashboard-tiers", "tier", &counts.tiers),
        list("dashboard-flags", "flag", &counts.flags),
    ]
}

/// A type's name in the page's language: `stage-lapsed`, `tier-A`, `flag-windbag`.
fn type_label(t: &Tr, axis: &str, value: &str) -> String {
    t.t(&format!("{axis}-{value}"))
}

fn settings_view<'a>(
    page: &'a Page,
    values: &dyn Fn(&str) -> String,
    errors: Vec<(String, String)>,
) -> SettingsPage<'a> {
    let me = me(&page.caller);
    SettingsPage {
        t: &page.tr,
        csrf: me.csrf.clone(),
        me: Some(me),
        groups: setting_groups(&page.tr, values, &errors),
        errors,
        preview: None,
        preview_summary: String::new(),
        saved: None,
        counts: Vec::new(),
    }
}

/// The settings a form posts, or the form shown again (422) with what is wrong, field by
/// field; preview and save read them alike.
fn settings_of_form(page: &Page, form: &[(String, String)]) -> Result<TypeSettings, Box<Response>> {
    read_settings(&page.tr, form).map_err(|errors| {
        Box::new(render_status(
            page,
            StatusCode::UNPROCESSABLE_ENTITY,
            settings_view(page, &submitted(form), errors),
        ))
    })
}

pub(super) async fn settings_page(
    State(app): State<AppState>,
    page: Page,
) -> Result<Response, PageError> {
    page.authorise(&app, Need::Admin, "read the type settings page")
        .await?;
    let current = app.app.type_settings().await.map_err(|e| page.fail(e))?;
    let values = setting_values(&current);
    let value = |name: &str| values.get(name).map(|v| v.to_string()).unwrap_or_default();
    page.render(settings_view(&page, &value, Vec::new()))
}

type FormPairs = axum::Form<Vec<(String, String)>>;

fn submitted(form: &[(String, String)]) -> impl Fn(&str) -> String + '_ {
    move |name: &str| {
        form.iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }
}

/// Evaluates the whole base in memory with the settings of the form and shows how many
/// customers would change type; nothing is written.
pub(super) async fn preview_settings(
    State(app): State<AppState>,
    page: Page,
    axum::Form(form): FormPairs,
) -> Result<Response, PageError> {
    page.authorise(&app, Need::Admin, "preview the type settings")
        .await?;
    let values = submitted(&form);
    let settings = match settings_of_form(&page, &form) {
        Ok(settings) => settings,
        Err(shown_again) => return Ok(*shown_again),
    };
    // As of the base's evaluation clock, like the pass saving would run.
    let as_of = app
        .app
        .evaluation_instant()
        .await
        .map_err(|e| page.fail(e))?;
    let preview = app
        .store
        .preview_classify_all(&settings, as_of)
        .await
        .map_err(|e| page.fail(e))?;
    let t = &page.tr;
    let lines = preview
        .moves
        .iter()
        .map(|m| {
            let n = vec![("n", t.number(m.customers as i64))];
            let label =
                |v: &Option<String>| type_label(t, &m.axis, v.as_deref().unwrap_or_default());
            match (&m.from, &m.to) {
                (Some(_), Some(_)) => {
                    let mut args = n;
                    args.push(("from", label(&m.from)));
                    args.push(("to", label(&m.to)));
                    t.tn("settings-move", Some(m.customers), &args)
                }
                (None, _) => {
                    let mut args = n;
                    args.push(("flag", label(&m.to)));
                    t.tn("settings-move-raised", Some(m.customers), &args)
                }
                (Some(_), None) => {
                    let mut args = n;
                    args.push(("flag", label(&m.from)));
                    t.tn("settings-move-cleared", Some(m.customers), &args)
                }
            }
        })
        .collect();
    let mut view = settings_view(&page, &values, Vec::new());
    view.preview_summary = t.tn(
        "settings-preview-summary",
        Some(preview.customers_changed),
        &[
            ("n", t.number(preview.customers_changed as i64)),
            ("total", t.number(preview.customers as i64)),
        ],
    );
    view.preview = Some(lines);
    // A preview changes nothing: there is nothing for the audit log.
    Ok(audited(page.render(view)?))
}

/// Saves the settings of the form as the API's PATCH does (checked, audited, the whole base
/// re-evaluated with them) and shows the new counts.
pub(super) async fn save_settings(
    State(app): State<AppState>,
    page: Page,
    axum::Form(form): FormPairs,
) -> Result<Response, PageError> {
    page.authorise(&app, Need::Admin, "change the type settings")
        .await?;
    let settings = match settings_of_form(&page, &form) {
        Ok(settings) => settings,
        Err(shown_again) => return Ok(*shown_again),
    };
    let saved = app
        .app
        .save_type_settings(&page.caller, &settings)
        .await
        .map_err(|e| page.fail(e))?;
    let counts = app
        .store
        .type_counts(&clientele_store::AccessScope::All)
        .await
        .map_err(|e| page.fail(e))?;
    let t = &page.tr;
    let stored = setting_values(&settings);
    let value = |name: &str| stored.get(name).map(|v| v.to_string()).unwrap_or_default();
    let mut view = settings_view(&page, &value, Vec::new());
    view.saved = Some(t.tn(
        "settings-saved",
        Some(saved.customers),
        &[
            ("n", t.number(saved.customers as i64)),
            ("changes", t.number(saved.transitions as i64)),
        ],
    ));
    view.counts = count_lists(t, &counts);
    Ok(audited(page.render(view)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_admin_message_and_every_threshold_a_label() {
        let keys = crate::web::i18n::keys_in_every_language("admin.ftl");
        let fields = setting_values(&TypeSettings::default());
        let listed: Vec<&str> = SETTING_GROUPS
            .iter()
            .flat_map(|(_, f)| f.iter().copied())
            .collect();
        assert_eq!(listed.len(), fields.len());
        for field in fields.keys() {
            assert!(
                listed.contains(&field.as_str()),
                "{field} is not on the page"
            );
            assert!(keys.contains(&format!("setting-{field}")));
            assert!(keys.contains(&format!("setting-{field}-range")));
        }
    }

    #[test]
    fn a_bad_threshold_is_named_in_the_page_s_language() {
        let form = |lapse: &str| -> Vec<(String, String)> {
            setting_values(&TypeSettings::default())
                .into_iter()
                .map(|(k, v)| {
                    let v = if k == "lapse_min_days" {
                        lapse.to_owned()
                    } else {
                        v.to_string()
                    };
                    (k, v)
                })
                .collect()
        };
        let fa = Tr::new("fa", None);
        let errors = read_settings(&fa, &form("-3")).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].0, "lapse_min_days");
        assert!(errors[0].1.contains("غیرفعال‌شده"), "{}", errors[0].1);
        let en = Tr::new("en", None);
        let errors = read_settings(&en, &form("40000")).unwrap_err();
        assert!(
            errors[0].1.contains("Lapsed: silent for at least"),
            "{errors:?}"
        );
        // Persian digits are read.
        let read = read_settings(&fa, &form("۴۵")).unwrap();
        assert_eq!(read.lapse_min_days, 45);
    }
}
