//! The audit log, newest first, filtered by day, actor and action.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use clientele_store::ListRequest;
use clientele_store::audit::{AuditFilter, AuditRecord};
use clientele_store::auth::Need;
use serde::Deserialize;

use super::ascii_digits;
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
    address: String,
    details: String,
}

#[derive(Template)]
#[template(path = "admin_audit.html")]
struct AuditPage<'a> {
    t: &'a Tr,
    me: Option<Me>,
    since: String,
    actor: String,
    action: String,
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
        action: r.action.clone(),
        what: match (&r.entity, &r.record_id) {
            (Some(entity), Some(id)) => format!("{entity} {id}"),
            (Some(entity), None) => entity.clone(),
            (None, Some(id)) => id.clone(),
            (None, None) => String::new(),
        },
        address: r.address.clone().unwrap_or_default(),
        details: if r.details.is_null() {
            String::new()
        } else {
            r.details.to_string()
        },
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
    let since = given(&q.since).map(ascii_digits);
    let mut problem = None;
    let since_valid = match since.as_deref() {
        Some(day) if day.parse::<jiff::civil::Date>().is_err() => {
            problem = Some(t.t("audit-bad-date"));
            None
        }
        other => other.map(str::to_owned),
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
    page.render(AuditPage {
        t,
        me: Some(me(&page.caller)),
        since: since.unwrap_or_default(),
        actor: given(&q.actor).unwrap_or_default().to_owned(),
        action: given(&q.action).unwrap_or_default().to_owned(),
        problem,
        rows: list.items.iter().map(|r| audit_row(t, r)).collect(),
        next,
    })
}
