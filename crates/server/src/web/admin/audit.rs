//! The audit log for people, newest first: actions and records in words, filters chosen from
//! lists (who, what), the day typed in the reader's calendar, and each entry's details as a
//! readable list (the fields changed, by name) instead of raw JSON.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use clientele_store::ListRequest;
use clientele_store::audit::{AuditFilter, AuditRecord};
use clientele_store::auth::Need;
use serde::Deserialize;

use crate::AppState;
use crate::web::i18n::Tr;
use crate::web::{Me, Page, PageError, me};

#[derive(Deserialize, Default)]
pub(super) struct AuditQuery {
    since: Option<String>,
    actor: Option<String>,
    action: Option<String>,
    cursor: Option<String>,
}

struct AuditRow {
    day: String,
    time: String,
    actor: String,
    action: String,
    what: String,
    /// The record's id, shown left to right beside what it is.
    record: String,
    address: String,
    /// The details as (what, value) lines.
    details: Vec<(String, String)>,
}

/// The actions the log records, offered as the action filter.
const ACTIONS: &[&str] = &[
    "sign-in",
    "sign-in failed",
    "sign-out",
    "create",
    "update",
    "delete",
    "settings",
    "handover",
    "import",
    "export",
    "list",
    "backfill",
    "erase",
    "probe",
    "permission denied",
];

/// An action in words (`audit-action-<action>`), as written when it has none.
fn action_label(t: &Tr, action: &str) -> String {
    t.try_t(&format!("audit-action-{}", action.replace(' ', "-")))
        .unwrap_or_else(|| crate::web::insights::in_words(action))
}

/// A detail's name in words: a record's field by its form label, else the key in words.
fn detail_name(t: &Tr, key: &str) -> String {
    t.try_t(&format!("audit-detail-{key}"))
        .or_else(|| t.try_t(&format!("audit-entity-{key}")))
        .or_else(|| t.try_t(&format!("setting-{key}")))
        .or_else(|| t.try_t(&format!("error-field-{key}")))
        .unwrap_or_else(|| crate::web::insights::in_words(key))
}

/// A detail's value as text: a list of field names by their labels, other lists joined,
/// objects as `key: value`, scalars as they are.
fn detail_value(t: &Tr, key: &str, value: &serde_json::Value) -> String {
    use serde_json::Value;
    match value {
        Value::Array(items) => items
            .iter()
            .map(|v| match (key, v) {
                ("fields", Value::String(field)) => detail_name(t, field),
                _ => detail_value(t, "", v),
            })
            .collect::<Vec<_>>()
            .join(&t.t("list-separator")),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| format!("{}: {}", detail_name(t, k), detail_value(t, k, v)))
            .collect::<Vec<_>>()
            .join(&t.t("list-separator")),
        Value::String(text) => text.clone(),
        Value::Bool(true) => t.t("insights-yes"),
        Value::Bool(false) => t.t("audit-no"),
        Value::Number(n) => n
            .as_i64()
            .map(|n| t.number(n))
            .unwrap_or_else(|| t.digits(&n.to_string())),
        Value::Null => "–".to_owned(),
    }
}

fn details_of(t: &Tr, details: &serde_json::Value) -> Vec<(String, String)> {
    match details {
        serde_json::Value::Object(map) => map
            .iter()
            .map(|(k, v)| (detail_name(t, k), detail_value(t, k, v)))
            .collect(),
        serde_json::Value::Null => Vec::new(),
        other => vec![(String::new(), detail_value(t, "", other))],
    }
}

#[derive(Template)]
#[template(path = "admin_audit.html")]
struct AuditPage<'a> {
    t: &'a Tr,
    me: Option<Me>,
    since: String,
    /// The day field's example, in the reader's calendar.
    since_hint: String,
    actors: Vec<crate::web::Option_>,
    actions: Vec<crate::web::Option_>,
    problem: Option<String>,
    rows: Vec<AuditRow>,
    next: Option<String>,
}

fn audit_row(t: &Tr, r: &AuditRecord) -> AuditRow {
    let at = r.at.parse::<jiff::Timestamp>().ok();
    AuditRow {
        day: at.map(|at| t.date(at)).unwrap_or_else(|| r.at.clone()),
        time: at.map(|at| t.time_of_day(at)).unwrap_or_default(),
        actor: r.actor.clone(),
        action: action_label(t, &r.action),
        what: r
            .entity
            .as_deref()
            .map(|entity| {
                t.try_t(&format!("audit-entity-{entity}"))
                    .unwrap_or_else(|| crate::web::insights::in_words(entity))
            })
            .unwrap_or_default(),
        record: r.record_id.clone().unwrap_or_default(),
        address: r.address.clone().unwrap_or_default(),
        details: details_of(t, &r.details),
    }
}

pub(super) async fn audit_page(
    State(app): State<AppState>,
    page: Page,
    Query(q): Query<AuditQuery>,
) -> Result<Response, PageError> {
    page.authorise(&app, Need::Admin, "read the audit log")
        .await?;
    let t = &page.tr;
    fn given(v: &Option<String>) -> Option<&str> {
        v.as_deref().map(str::trim).filter(|v| !v.is_empty())
    }
    // The day as the reader typed it (in their calendar), read as a Gregorian day.
    let since = given(&q.since).map(str::to_owned);
    let mut problem = None;
    let since_valid = match since.as_deref() {
        Some(day) => match t.parse_day(day) {
            Some(day) => Some(day.to_string()),
            None => {
                problem = Some(t.t("audit-bad-date"));
                None
            }
        },
        None => None,
    };
    let filter = AuditFilter {
        since: since_valid,
        actor: given(&q.actor).map(str::to_owned),
        action: given(&q.action).map(str::to_owned),
        ..Default::default()
    };
    let list = app
        .store
        .list_audit(
            &filter,
            &ListRequest {
                limit: Some(50),
                cursor: given(&q.cursor).map(str::to_owned),
                sort: Some("-at".into()),
            },
        )
        .await
        .map_err(|e| page.fail(e))?;
    // Read before the query is built: its serializer is not Send.
    let employees = crate::web::employees_for_lists(&app, &page, true).await?;
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (name, value) in [
        ("since", &q.since),
        ("actor", &q.actor),
        ("action", &q.action),
    ] {
        if let Some(value) = given(value) {
            query.append_pair(name, value);
        }
    }
    let next = list.next_cursor.map(|cursor| {
        let mut next = form_urlencoded::Serializer::new(query.finish());
        next.append_pair("cursor", &cursor);
        next.finish()
    });
    let chosen_actor = given(&q.actor).unwrap_or_default();
    let chosen_action = given(&q.action).unwrap_or_default();
    let any = |chosen: &str| crate::web::Option_ {
        value: String::new(),
        label: t.t("audit-anyone"),
        selected: chosen.is_empty(),
    };
    let actors = std::iter::once(any(chosen_actor))
        .chain(employees.iter().map(|e| crate::web::Option_ {
            value: e.employee.email.clone(),
            label: crate::web::person_label(&e.employee.name, &e.employee.email),
            selected: e.employee.email == chosen_actor,
        }))
        .collect();
    let actions = std::iter::once(crate::web::Option_ {
        label: t.t("audit-any-action"),
        ..any(chosen_action)
    })
    .chain(ACTIONS.iter().map(|a| crate::web::Option_ {
        value: (*a).to_owned(),
        label: action_label(t, a),
        selected: *a == chosen_action,
    }))
    .collect();
    page.render(AuditPage {
        t,
        me: Some(me(&page.caller)),
        since: since.unwrap_or_default(),
        since_hint: t.day(jiff::civil::date(2026, 3, 21)),
        actors,
        actions,
        problem,
        rows: list.items.iter().map(|r| audit_row(t, r)).collect(),
        next,
    })
}
