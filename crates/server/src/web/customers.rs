//! The customer list: search, filters, order and paging, with each customer's types.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use clientele_store::auth::Need;
use clientele_store::{CustomerFilter, ListRequest};
use serde::Deserialize;

use super::i18n::Tr;
use super::{Me, Option_, Page, PageError, me, options};
use crate::AppState;
use crate::error::ApiError;

#[derive(Deserialize, Default)]
pub(super) struct ListQuery {
    q: Option<String>,
    stage: Option<String>,
    tier: Option<String>,
    flag: Option<String>,
    kind: Option<String>,
    owner: Option<String>,
    channel: Option<String>,
    country: Option<String>,
    tag: Option<String>,
    sort: Option<String>,
    cursor: Option<String>,
    /// `0`: a CSV export without the byte-order mark (for tools other than Excel).
    bom: Option<String>,
}

/// The orders a list can be read in (the store's sort columns, `-` for descending).
const LIST_SORTS: &[&str] = &[
    "name",
    "-name",
    "customer_id",
    "-created_at",
    "created_at",
    "-updated_at",
];

impl ListQuery {
    /// Whether a CSV export starts with the byte-order mark: yes unless `bom=0`.
    pub(super) fn bom(&self) -> bool {
        self.bom.as_deref() != Some("0")
    }

    pub(super) fn filter(&self) -> CustomerFilter {
        let given = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        CustomerFilter {
            q: given(&self.q),
            stage: given(&self.stage),
            tier: given(&self.tier),
            flag: given(&self.flag),
            kind: given(&self.kind),
            owner_email: given(&self.owner),
            acquisition_channel: given(&self.channel),
            country: given(&self.country),
            tag: given(&self.tag),
            ..Default::default()
        }
    }

    fn sort(&self) -> &str {
        self.sort
            .as_deref()
            .filter(|s| LIST_SORTS.contains(s))
            .unwrap_or("name")
    }

    /// The query string of these filters and the order (without the cursor).
    pub(super) fn query(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (name, value) in [
            ("q", &self.q),
            ("stage", &self.stage),
            ("tier", &self.tier),
            ("flag", &self.flag),
            ("kind", &self.kind),
            ("owner", &self.owner),
            ("channel", &self.channel),
            ("country", &self.country),
            ("tag", &self.tag),
            ("sort", &self.sort),
        ] {
            if let Some(value) = value.as_deref().filter(|v| !v.is_empty()) {
                query.append_pair(name, value);
            }
        }
        query.finish()
    }
}

struct Row {
    id: String,
    name: String,
    stage: String,
    tier: String,
    flags: String,
    owner: String,
    city: String,
}

#[derive(Template)]
#[template(path = "customers.html")]
struct CustomersPage<'a> {
    t: &'a Tr,
    me: Option<Me>,
    /// Whether the caller may add customers (the "new customer" link).
    can_write: bool,
    q: String,
    query: String,
    stage_options: Vec<Option_>,
    tier_options: Vec<Option_>,
    flag_options: Vec<Option_>,
    kind_options: Vec<Option_>,
    owner_options: Vec<Option_>,
    sort_options: Vec<Option_>,
    channel: String,
    country: String,
    tag: String,
    rows: Vec<Row>,
    next: Option<String>,
    /// Whether this is a later page (a link back to the first is shown).
    paged: bool,
}

pub(super) async fn customers_page(
    State(app): State<AppState>,
    page: Page,
    Query(q): Query<ListQuery>,
) -> Result<Response, PageError> {
    let t = &page.tr;
    let scope = page
        .authorise(&app, Need::ReadPersonal, "list customers")
        .await?;
    let list = app
        .store
        .list_customers(
            &scope,
            &q.filter(),
            &ListRequest {
                limit: Some(50),
                cursor: q.cursor.clone().filter(|c| !c.is_empty()),
                sort: Some(q.sort().to_owned()),
            },
        )
        .await
        .map_err(|e| page.fail(e))?;
    app.record(
        &app.entry(&page.caller, "list")
            .about("customer")
            .with(serde_json::json!({ "rows": list.items.len(), "page": "web" })),
    )
    .await;
    let ids: Vec<String> = list.items.iter().map(|c| c.customer_id.clone()).collect();
    let verdicts = app
        .store
        .verdicts_of(&scope, &ids)
        .await
        .map_err(|e| page.fail(e))?;
    let rows = list
        .items
        .iter()
        .map(|c| {
            let verdict = verdicts.get(&c.customer_id);
            Row {
                id: c.customer_id.clone(),
                name: c.name.clone().unwrap_or_else(|| t.t("unnamed")),
                stage: verdict
                    .map(|v| t.t(&format!("stage-{}", v.stage.as_str())))
                    .unwrap_or_default(),
                tier: verdict
                    .map(|v| t.t(&format!("tier-{}", v.tier.as_str())))
                    .unwrap_or_default(),
                flags: verdict
                    .map(|v| {
                        v.flags
                            .iter()
                            .map(|f| t.t(&format!("flag-{}", f.as_str())))
                            .collect::<Vec<_>>()
                            .join(&t.t("list-separator"))
                    })
                    .unwrap_or_default(),
                owner: c.owner_email.clone().unwrap_or_default(),
                city: c.city.clone().unwrap_or_default(),
            }
        })
        .collect();
    let query = q.query();
    let next = list.next_cursor.map(|cursor| {
        let mut next = form_urlencoded::Serializer::new(query.clone());
        next.append_pair("cursor", &cursor);
        next.finish()
    });
    let stages: Vec<&str> = clientele_core::Stage::ALL
        .iter()
        .map(|s| s.as_str())
        .collect();
    let flags: Vec<&str> = clientele_core::Flag::ALL
        .iter()
        .map(|s| s.as_str())
        .collect();
    let kinds: Vec<&str> = clientele_core::CustomerKind::ALL
        .iter()
        .map(|s| s.as_str())
        .collect();
    // The owners a caller may filter by: those whose customers they may see.
    let owner_options = owner_choices(&app, &page.caller.principal, q.owner.as_deref())
        .await
        .map_err(|e| page.fail(e))?;
    let sort_options = LIST_SORTS
        .iter()
        .map(|s| Option_ {
            value: (*s).to_owned(),
            label: t.t(&format!("sort-{}", s.replace('-', "desc-"))),
            selected: q.sort() == *s,
        })
        .collect();
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    page.render(CustomersPage {
        can_write: page.caller.principal.authorise(Need::WritePersonal).is_ok(),
        t,
        me: Some(me(&page.caller)),
        q: text(&q.q),
        query,
        stage_options: options(t, "stage", &stages, q.stage.as_deref()),
        tier_options: options(t, "tier", &["A", "B", "C"], q.tier.as_deref()),
        flag_options: options(t, "flag", &flags, q.flag.as_deref()),
        kind_options: options(t, "kind", &kinds, q.kind.as_deref()),
        owner_options,
        sort_options,
        channel: text(&q.channel),
        country: text(&q.country),
        tag: text(&q.tag),
        rows,
        next,
        paged: q.cursor.as_deref().is_some_and(|c| !c.is_empty()),
    })
}

/// Owners to filter a list by: everyone for an admin (and an analyst, who sees no list),
/// the team for a manager, oneself for an agent; and "no owner" for those who hand over.
async fn owner_choices(
    app: &AppState,
    me: &clientele_store::auth::Principal,
    chosen: Option<&str>,
) -> Result<Vec<Option_>, ApiError> {
    use clientele_core::EmployeeRole;
    let mut filter = clientele_store::EmployeeFilter {
        active: Some(true),
        ..Default::default()
    };
    match me.role {
        EmployeeRole::Admin | EmployeeRole::Analyst => {}
        EmployeeRole::Manager => match &me.team {
            Some(team) => filter.team = Some(team.clone()),
            None => filter.employee_key = Some(me.employee_key),
        },
        EmployeeRole::Agent => filter.employee_key = Some(me.employee_key),
    }
    let employees = app
        .store
        .list_employees(
            &filter,
            &ListRequest {
                limit: Some(clientele_store::MAX_LIMIT),
                cursor: None,
                sort: Some("email".into()),
            },
        )
        .await?;
    let mut choices: Vec<Option_> = employees
        .items
        .into_iter()
        .map(|e| Option_ {
            selected: chosen == Some(e.employee.email.as_str()),
            label: e.employee.email.clone(),
            value: e.employee.email,
        })
        .collect();
    if !matches!(me.role, EmployeeRole::Agent) {
        choices.push(Option_ {
            value: "none".into(),
            label: "—".into(),
            selected: chosen == Some("none"),
        });
    }
    Ok(choices)
}
