//! Win-back: the lapsed and lost customers the caller may see, tier A first and the biggest
//! spenders first within a tier, with their open complaints (what to fix before asking them
//! back) and whose job they are.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use clientele_store::WinBackFilter;
use clientele_store::auth::Need;
use serde::Deserialize;

use super::{Me, Option_, Page, PageError, me, options};
use crate::AppState;
use crate::web::i18n::Tr;

pub(crate) fn router() -> Router<AppState> {
    Router::new().route("/win-back", get(win_back_page))
}

const PAGE_SIZE: u32 = 50;

#[derive(Deserialize, Default)]
struct WinBackQuery {
    stage: Option<String>,
    tier: Option<String>,
    page: Option<u32>,
}

struct OpenComplaint {
    when: String,
    severity: String,
    subject: String,
}

struct WinBackLine {
    id: String,
    name: String,
    /// The phone and the e-mail, each on its own line (no separator to land at the wrong
    /// end of a right-to-left line).
    contact: Vec<(String, String)>,
    stage_class: String,
    stage: String,
    tier: String,
    spent: String,
    orders: String,
    orders_n: u64,
    last_order: String,
    owner: String,
    owner_gone: bool,
    complaints: Vec<OpenComplaint>,
}

#[derive(Template)]
#[template(path = "winback.html")]
struct WinBackPage<'a> {
    t: &'a Tr,
    me: Option<Me>,
    stage_options: Vec<Option_>,
    tier_options: Vec<Option_>,
    lines: Vec<WinBackLine>,
    previous: Option<String>,
    next: Option<String>,
}

async fn win_back_page(
    State(app): State<AppState>,
    page: Page,
    Query(q): Query<WinBackQuery>,
) -> Result<Response, PageError> {
    let t = &page.tr;
    let scope = page
        .authorise(&app, Need::ReadPersonal, "list customers to win back")
        .await?;
    let given = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    // A filter this page does not know is said, as the customer list says it, not ignored.
    let mut errors = clientele_core::FieldErrors::new();
    for (field, value, choices) in [
        ("stage", given(&q.stage), "lapsed, lost"),
        ("tier", given(&q.tier), "A, B, C"),
    ] {
        if let Some(value) = value
            && !choices.split(", ").any(|c| c == value)
        {
            errors.add(
                field,
                clientele_core::validation::Message::new("not-one-of")
                    .text("value", value)
                    .text("choices", choices),
            );
        }
    }
    if !errors.is_empty() {
        return Err(page.fail(crate::error::ApiError::Invalid(errors)));
    }
    let filter = WinBackFilter {
        stage: given(&q.stage),
        tier: given(&q.tier),
    };
    let number = q.page.unwrap_or(1).clamp(1, 10_000);
    let rows = app
        .store
        .win_back(&scope, &filter, (number - 1) * PAGE_SIZE, PAGE_SIZE + 1)
        .await
        .map_err(|e| page.fail(e))?;
    app.record(&app.entry(&page.caller, "list").about("customer").with(
        serde_json::json!({ "rows": rows.len().min(PAGE_SIZE as usize), "page": "win-back" }),
    ))
    .await;
    let more = rows.len() > PAGE_SIZE as usize;
    let lines = rows
        .into_iter()
        .take(PAGE_SIZE as usize)
        .map(|r| WinBackLine {
            contact: r
                .phone
                .iter()
                .map(|p| {
                    let digits: String = p
                        .chars()
                        .filter(|c| c.is_ascii_digit() || *c == '+')
                        .collect();
                    (format!("tel:{digits}"), p.clone())
                })
                .chain(r.email.iter().map(|e| (format!("mailto:{e}"), e.clone())))
                .collect(),
            name: r.name.clone().unwrap_or_else(|| t.t("unnamed")),
            stage: t.t(&format!("stage-{}", r.stage)),
            stage_class: r.stage.clone(),
            tier: t.t(&format!("tier-{}", r.tier)),
            spent: t.money(&r.spent.to_string(), r.spent.currency().code()),
            orders: t.number(r.orders),
            orders_n: r.orders.max(0) as u64,
            last_order: r
                .last_order_ms
                .and_then(|ms| jiff::Timestamp::from_millisecond(ms).ok())
                .map(|at| t.date(at))
                .unwrap_or_default(),
            owner: r
                .owner_email
                .clone()
                .unwrap_or_else(|| t.t("customer-no-owner")),
            owner_gone: !r.owner_active,
            complaints: r
                .open_complaints
                .iter()
                .map(|(opened, severity, subject)| OpenComplaint {
                    when: jiff::Timestamp::from_millisecond(*opened)
                        .map(|at| t.date(at))
                        .unwrap_or_default(),
                    severity: t.t(&format!("severity-{severity}")),
                    subject: subject.clone().unwrap_or_default(),
                })
                .collect(),
            id: r.customer_id,
        })
        .collect();
    let link = |n: u32| {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if let Some(stage) = &filter.stage {
            query.append_pair("stage", stage);
        }
        if let Some(tier) = &filter.tier {
            query.append_pair("tier", tier);
        }
        query.append_pair("page", &n.to_string());
        query.finish()
    };
    page.render(WinBackPage {
        t,
        me: Some(me(&page.caller)),
        stage_options: options(t, "stage", &["lapsed", "lost"], filter.stage.as_deref()),
        tier_options: options(t, "tier", &["A", "B", "C"], filter.tier.as_deref()),
        lines,
        previous: (number > 1).then(|| link(number - 1)),
        next: more.then(|| link(number + 1)),
    })
}
