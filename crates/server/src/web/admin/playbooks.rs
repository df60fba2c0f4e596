//! The playbooks page (admins): each playbook's trigger and task, what it made (tasks, done,
//! outcomes — did the win-back calls win anyone back?), on and off, and a back-fill over the
//! base's history that first shows how many tasks it would make and for whom.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{Redirect, Response};
use clientele_app::Actor;
use clientele_store::auth::Need;
use clientele_store::playbooks::{Backfill, PlaybookRecord};
use serde::Deserialize;

use crate::AppState;
use crate::web::i18n::Tr;
use crate::web::{Me, Page, PageError, me};

struct PlaybookView {
    id: String,
    name: String,
    trigger: String,
    action: String,
    active: bool,
    made: String,
    outcomes: String,
}

struct PreviewView {
    id: String,
    name: String,
    summary: String,
    customers: Vec<(String, String, String)>,
    tasks: u64,
}

#[derive(Template)]
#[template(path = "admin_playbooks.html")]
struct PlaybooksPage<'a> {
    t: &'a Tr,
    me: Option<Me>,
    csrf: String,
    playbooks: Vec<PlaybookView>,
    preview: Option<PreviewView>,
    done: Option<String>,
}

#[derive(Deserialize, Default)]
pub(super) struct PlaybooksQuery {
    preview: Option<String>,
    backfilled: Option<String>,
    tasks: Option<u64>,
    saved: Option<String>,
    removed: Option<String>,
}

fn name_of(t: &Tr, p: &PlaybookRecord) -> String {
    t.try_t(&format!("playbook-{}", p.playbook.playbook_id))
        .unwrap_or_else(|| p.playbook.name.clone())
}

fn value_label(t: &Tr, axis: &str, value: Option<&str>) -> String {
    match value {
        None => t.t("playbooks-any"),
        Some(v) => t
            .try_t(&format!("{axis}-{v}"))
            .unwrap_or_else(|| v.to_owned()),
    }
}

pub(super) async fn playbooks_page(
    State(app): State<AppState>,
    page: Page,
    Query(q): Query<PlaybooksQuery>,
) -> Result<Response, PageError> {
    page.authorise(&app, Need::Admin, "manage playbooks")
        .await?;
    let t = &page.tr;
    let actor = Actor::Employee(&page.caller);
    let records = app
        .app
        .list_playbooks(actor)
        .await
        .map_err(|e| page.fail(e))?;
    let playbooks = records
        .iter()
        .map(|r| {
            let p = &r.playbook;
            let axis = p.axis.as_str();
            PlaybookView {
                id: p.playbook_id.clone(),
                name: name_of(t, r),
                trigger: t.with_args(
                    "playbooks-trigger-text",
                    &[
                        ("axis", t.t(&format!("axis-{axis}"))),
                        ("from", value_label(t, axis, p.from_value.as_deref())),
                        ("to", value_label(t, axis, p.to_value.as_deref())),
                    ],
                ),
                action: t.with_numbers(
                    "playbooks-action-text",
                    &[
                        (
                            "who",
                            t.t(&format!("assignee-rule-{}", p.assignee_rule.as_str())),
                        ),
                        ("days", t.number(i64::from(p.due_in_business_days))),
                    ],
                    &[("days", i64::from(p.due_in_business_days))],
                ),
                active: p.active,
                made: t.with_args(
                    "playbooks-made-text",
                    &[
                        ("tasks", t.number(r.tasks as i64)),
                        ("done", t.number(r.done as i64)),
                        ("open", t.number(r.open as i64)),
                    ],
                ),
                outcomes: r
                    .outcomes
                    .iter()
                    .map(|o| {
                        format!(
                            "{} {}",
                            t.try_t(&format!("outcome-{}", o.outcome))
                                .unwrap_or_else(|| o.outcome.clone()),
                            t.number(o.tasks as i64)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(&t.t("list-separator")),
            }
        })
        .collect();
    let preview = match q.preview.as_deref() {
        Some(id) => {
            let record = records
                .iter()
                .find(|r| r.playbook.playbook_id == id)
                .ok_or_else(|| {
                    page.fail(crate::error::ApiError::NotFound(format!(
                        "playbook `{id}` was not found"
                    )))
                })?;
            let Backfill {
                tasks, customers, ..
            } = app
                .app
                .backfill_playbook(actor, id, true)
                .await
                .map_err(|e| page.fail(e))?;
            Some(PreviewView {
                id: id.to_owned(),
                name: name_of(t, record),
                summary: t.with_numbers(
                    "playbooks-preview-text",
                    &[("tasks", t.number(tasks as i64))],
                    &[("tasks", tasks as i64)],
                ),
                customers: customers
                    .into_iter()
                    .map(|c| {
                        (
                            c.customer_id.clone(),
                            c.name.unwrap_or(c.customer_id),
                            c.assignee_email.unwrap_or_else(|| t.t("today-unassigned")),
                        )
                    })
                    .collect(),
                tasks,
            })
        }
        None => None,
    };
    let done = q.backfilled.as_deref().map(|id| {
        let tasks = q.tasks.unwrap_or(0);
        t.with_numbers(
            "playbooks-backfilled-text",
            &[
                (
                    "name",
                    t.try_t(&format!("playbook-{id}"))
                        .unwrap_or_else(|| id.to_owned()),
                ),
                ("tasks", t.number(tasks as i64)),
            ],
            &[("tasks", tasks as i64)],
        )
    });
    let name_of_id = |id: &str| {
        records
            .iter()
            .find(|r| r.playbook.playbook_id == id)
            .map(|r| name_of(t, r))
            .unwrap_or_else(|| id.to_owned())
    };
    let done = done
        .or_else(|| {
            q.saved
                .as_deref()
                .map(|id| t.with_args("playbooks-saved-text", &[("name", name_of_id(id))]))
        })
        .or_else(|| {
            q.removed
                .as_deref()
                .map(|id| t.with_args("playbooks-removed-text", &[("name", id.to_owned())]))
        });
    let me = me(&page.caller);
    page.render(PlaybooksPage {
        t,
        csrf: me.csrf.clone(),
        me: Some(me),
        playbooks,
        preview,
        done,
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct ActiveForm {
    active: String,
    #[serde(rename = "csrf_token")]
    _csrf_token: String,
}

pub(super) async fn set_active(
    State(app): State<AppState>,
    page: Page,
    Path(id): Path<String>,
    axum::Form(form): axum::Form<ActiveForm>,
) -> Result<Response, PageError> {
    app.app
        .set_playbook_active(Actor::Employee(&page.caller), &id, form.active == "1")
        .await
        .map_err(|e| page.fail(e))?;
    Ok(crate::auth::audited(Redirect::to("/playbooks")))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct BackfillForm {
    #[serde(rename = "csrf_token")]
    _csrf_token: String,
}

pub(super) async fn backfill(
    State(app): State<AppState>,
    page: Page,
    Path(id): Path<String>,
    axum::Form(_form): axum::Form<BackfillForm>,
) -> Result<Response, PageError> {
    let done = app
        .app
        .backfill_playbook(Actor::Employee(&page.caller), &id, false)
        .await
        .map_err(|e| page.fail(e))?;
    let mut query = form_urlencoded::Serializer::new(String::new());
    query
        .append_pair("backfilled", &id)
        .append_pair("tasks", &done.tasks.to_string());
    Ok(crate::auth::audited(Redirect::to(&format!(
        "/playbooks?{}",
        query.finish()
    ))))
}
