//! Adding, changing and removing a playbook (admins): one form for its trigger, audience,
//! task and re-entry rule. A mistake is said next to its field on the same page, with what
//! was typed kept; the change goes through the same use case as the API's.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use clientele_app::Actor;
use clientele_core::model::Playbook;
use clientele_core::{Axis, CustomerKind, Flag, Stage, TaskPriority};
use clientele_store::auth::Need;
use serde::Deserialize;

use crate::AppState;
use crate::error::ApiError;
use crate::web::i18n::Tr;
use crate::web::{Option_, Page, PageError, me, messages};

struct Field {
    name: &'static str,
    label: String,
    /// `text`, `id`, `number`, `area`, `select` or `check`.
    kind: &'static str,
    value: String,
    options: Vec<Option_>,
    hint: String,
    error: Option<String>,
    wide: bool,
}

struct Group {
    title: String,
    fields: Vec<Field>,
}

#[derive(Template)]
#[template(path = "admin_playbook_form.html")]
struct FormPage<'a> {
    t: &'a Tr,
    me: Option<crate::web::Me>,
    csrf: String,
    heading: String,
    action: String,
    groups: Vec<Group>,
    errors: Vec<(String, String)>,
    can_remove: bool,
    confirm_remove: bool,
    remove_text: String,
}

/// What the form holds: the playbook's fields as typed.
type Typed = HashMap<String, String>;

fn typed_of(p: &Playbook) -> Typed {
    let mut typed = Typed::new();
    let mut put = |k: &str, v: Option<String>| {
        typed.insert(k.to_owned(), v.unwrap_or_default());
    };
    put("playbook_id", Some(p.playbook_id.clone()));
    put("name", Some(p.name.clone()));
    put("axis", Some(p.axis.as_str().to_owned()));
    put("from_value", p.from_value.clone());
    put("to_value", p.to_value.clone());
    put("only_tier", p.only_tier.clone());
    put("only_kind", p.only_kind.clone());
    put("title", Some(p.title.clone()));
    put("description", p.description.clone());
    put(
        "due_in_business_days",
        Some(p.due_in_business_days.to_string()),
    );
    put("priority", Some(p.priority.as_str().to_owned()));
    put("assignee_rule", Some(p.assignee_rule.as_str().to_owned()));
    put("assignee_email", p.assignee_email.clone());
    put("reentry", Some(p.reentry.as_str().to_owned()));
    put("reentry_days", p.reentry_days.map(|d| d.to_string()));
    put("active", Some(if p.active { "1" } else { "" }.to_owned()));
    typed
}

/// The form as the use case's fields: an empty optional field is none, a whole number is
/// read in any of the page's digits (as typed when it is not one, for the field to be named).
fn fields_of(typed: &Typed, with_id: bool) -> serde_json::Value {
    let mut map = serde_json::Map::new();
    let text = |k: &str| {
        typed
            .get(k)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let mut names = vec![
        "name",
        "axis",
        "title",
        "priority",
        "assignee_rule",
        "reentry",
    ];
    if with_id && !text("playbook_id").is_empty() {
        names.push("playbook_id");
    }
    for name in names {
        map.insert(name.to_owned(), text(name).into());
    }
    for name in [
        "from_value",
        "to_value",
        "only_tier",
        "only_kind",
        "description",
        "assignee_email",
    ] {
        let v = text(name);
        map.insert(
            name.to_owned(),
            if v.is_empty() {
                serde_json::Value::Null
            } else {
                v.into()
            },
        );
    }
    for name in ["due_in_business_days", "reentry_days"] {
        let v = super::ascii_digits(&text(name));
        let value = match v.parse::<u32>() {
            Ok(n) => n.into(),
            Err(_) if v.is_empty() && name == "reentry_days" => serde_json::Value::Null,
            Err(_) => v.into(),
        };
        map.insert(name.to_owned(), value);
    }
    map.insert("active".into(), (text("active") == "1").into());
    serde_json::Value::Object(map)
}

fn choice(value: &str, label: String, chosen: &str) -> Option_ {
    Option_ {
        value: value.to_owned(),
        label,
        selected: value == chosen,
    }
}

/// The values a transition can move from or to, each named with its axis.
fn value_options(t: &Tr, chosen: &str) -> Vec<Option_> {
    let mut options = vec![choice("", t.t("playbooks-any"), chosen)];
    let axis = |a: &str| t.t(&format!("axis-{a}"));
    for s in Stage::ALL {
        let label = format!(
            "{}: {}",
            axis("stage"),
            t.t(&format!("stage-{}", s.as_str()))
        );
        options.push(choice(s.as_str(), label, chosen));
    }
    for tier in ["A", "B", "C"] {
        let label = format!("{}: {}", axis("tier"), t.t(&format!("tier-{tier}")));
        options.push(choice(tier, label, chosen));
    }
    for f in Flag::ALL {
        let label = format!("{}: {}", axis("flag"), t.t(&format!("flag-{}", f.as_str())));
        options.push(choice(f.as_str(), label, chosen));
    }
    options
}

async fn groups(
    app: &AppState,
    page: &Page,
    typed: &Typed,
    errors: &HashMap<String, String>,
    new: bool,
) -> Result<Vec<Group>, PageError> {
    let t = &page.tr;
    let v = |k: &str| typed.get(k).cloned().unwrap_or_default();
    let employees = crate::web::employees_for_lists(app, page, false).await?;
    let field = |name: &'static str, kind: &'static str, options: Vec<Option_>| Field {
        name,
        label: t.t(&format!("playbook-field-{name}")),
        kind,
        value: v(name),
        options,
        hint: t
            .try_t(&format!("playbook-hint-{name}"))
            .unwrap_or_default(),
        error: errors.get(name).cloned(),
        wide: matches!(name, "title" | "description"),
    };
    let chosen = |k: &str| v(k);
    let mut trigger = vec![field("name", "text", vec![])];
    if new {
        trigger.push(field("playbook_id", "id", vec![]));
    }
    trigger.extend([
        field(
            "axis",
            "select",
            [Axis::Stage, Axis::Tier, Axis::Flag]
                .iter()
                .map(|a| {
                    choice(
                        a.as_str(),
                        t.t(&format!("axis-{}", a.as_str())),
                        &chosen("axis"),
                    )
                })
                .collect(),
        ),
        field(
            "from_value",
            "select",
            value_options(t, &chosen("from_value")),
        ),
        field("to_value", "select", value_options(t, &chosen("to_value"))),
        field(
            "only_tier",
            "select",
            std::iter::once(choice("", t.t("playbooks-any"), &chosen("only_tier")))
                .chain(
                    ["A", "B", "C"]
                        .iter()
                        .map(|x| choice(x, t.t(&format!("tier-{x}")), &chosen("only_tier"))),
                )
                .collect(),
        ),
        field(
            "only_kind",
            "select",
            std::iter::once(choice("", t.t("playbooks-any"), &chosen("only_kind")))
                .chain(CustomerKind::ALL.iter().map(|k| {
                    choice(
                        k.as_str(),
                        t.t(&format!("kind-{}", k.as_str())),
                        &chosen("only_kind"),
                    )
                }))
                .collect(),
        ),
    ]);
    let task = vec![
        field("title", "text", vec![]),
        field("description", "area", vec![]),
        field("due_in_business_days", "number", vec![]),
        field(
            "priority",
            "select",
            TaskPriority::ALL
                .iter()
                .map(|p| {
                    choice(
                        p.as_str(),
                        t.t(&format!("priority-{}", p.as_str())),
                        &chosen("priority"),
                    )
                })
                .collect(),
        ),
        field(
            "assignee_rule",
            "select",
            clientele_core::model::AssigneeRule::ALL
                .iter()
                .map(|r| {
                    choice(
                        r.as_str(),
                        t.t(&format!("assignee-rule-{}", r.as_str())),
                        &chosen("assignee_rule"),
                    )
                })
                .collect(),
        ),
        field(
            "assignee_email",
            "select",
            std::iter::once(choice(
                "",
                t.t("playbooks-nobody-named"),
                &chosen("assignee_email"),
            ))
            .chain(employees.iter().map(|e| {
                choice(
                    &e.employee.email,
                    crate::web::person_label(&e.employee.name, &e.employee.email),
                    &chosen("assignee_email"),
                )
            }))
            .collect(),
        ),
    ];
    let again = vec![
        field(
            "reentry",
            "select",
            clientele_core::model::Reentry::ALL
                .iter()
                .map(|r| {
                    choice(
                        r.as_str(),
                        t.t(&format!("reentry-{}", r.as_str())),
                        &chosen("reentry"),
                    )
                })
                .collect(),
        ),
        field("reentry_days", "number", vec![]),
        field("active", "check", vec![]),
    ];
    Ok(vec![
        Group {
            title: t.t("playbook-group-trigger"),
            fields: trigger,
        },
        Group {
            title: t.t("playbook-group-task"),
            fields: task,
        },
        Group {
            title: t.t("playbook-group-again"),
            fields: again,
        },
    ])
}

/// The form's page: a new playbook (`id` none) or one to change, with the mistakes of a
/// refused save beside their fields.
#[allow(clippy::too_many_arguments)]
async fn render(
    app: &AppState,
    page: &Page,
    id: Option<&str>,
    typed: &Typed,
    refused: Option<&clientele_core::FieldErrors>,
    confirm_remove: Option<&clientele_store::playbooks::PlaybookRecord>,
    status: axum::http::StatusCode,
) -> Result<Response, PageError> {
    let t = &page.tr;
    let mut errors = Vec::new();
    let mut by_field = HashMap::new();
    for e in refused.iter().flat_map(|r| r.iter()) {
        let said = messages::say(t, &e.says);
        by_field
            .entry(e.field.clone())
            .or_insert_with(|| said.clone());
        errors.push((
            e.field.clone(),
            t.with_args(
                "invalid-field",
                &[
                    ("field", t.t(&format!("playbook-field-{}", e.field))),
                    ("message", said),
                ],
            ),
        ));
    }
    let name = typed.get("name").cloned().unwrap_or_default();
    let heading = match id {
        None => t.t("playbooks-new"),
        Some(id) => t.with_args(
            "playbooks-edit-title",
            &[(
                "name",
                t.try_t(&format!("playbook-{id}")).unwrap_or(name.clone()),
            )],
        ),
    };
    let me = me(&page.caller);
    let html = FormPage {
        t,
        csrf: me.csrf.clone(),
        me: Some(me),
        heading,
        action: match id {
            None => "/playbooks/new".to_owned(),
            Some(id) => format!("/playbooks/{}/edit", urlencoding(id)),
        },
        groups: groups(app, page, typed, &by_field, id.is_none()).await?,
        errors,
        can_remove: id.is_some(),
        confirm_remove: confirm_remove.is_some(),
        remove_text: match confirm_remove {
            Some(r) if r.tasks > 0 => t.with_numbers(
                "playbooks-remove-refused",
                &[("tasks", t.number(r.tasks as i64))],
                &[("tasks", r.tasks as i64)],
            ),
            Some(_) => t.with_args("playbooks-remove-text", &[("name", name)]),
            None => String::new(),
        },
    }
    .render()
    .map_err(|e| page.fail(ApiError::internal("rendering a page", e)))?;
    Ok((status, axum::response::Html(html)).into_response())
}

fn urlencoding(id: &str) -> String {
    form_urlencoded::byte_serialize(id.as_bytes()).collect()
}

/// The fields the use case refused, if that is why it failed.
fn refused(error: clientele_app::AppError) -> Result<clientele_core::FieldErrors, ApiError> {
    match ApiError::from(error) {
        ApiError::Invalid(errors) => Ok(errors),
        other => Err(other),
    }
}

pub(super) async fn new_page(
    State(app): State<AppState>,
    page: Page,
) -> Result<Response, PageError> {
    page.authorise(&app, Need::Admin, "add a playbook").await?;
    let mut typed = typed_of(&Playbook::blank());
    typed.insert("reentry".into(), "once".into());
    render(
        &app,
        &page,
        None,
        &typed,
        None,
        None,
        axum::http::StatusCode::OK,
    )
    .await
}

pub(super) async fn create(
    State(app): State<AppState>,
    page: Page,
    axum::Form(typed): axum::Form<Typed>,
) -> Result<Response, PageError> {
    let saved = app
        .app
        .create_playbook(Actor::Employee(&page.caller), fields_of(&typed, true))
        .await
        .map(|record| record.playbook.playbook_id);
    saved_or_refused(&app, &page, None, &typed, saved).await
}

/// Back to the list saying the playbook `saved` is saved, or the form again with the
/// mistakes beside their fields (a new playbook's when `id` is none).
async fn saved_or_refused(
    app: &AppState,
    page: &Page,
    id: Option<&str>,
    typed: &Typed,
    saved: Result<String, clientele_app::AppError>,
) -> Result<Response, PageError> {
    match saved {
        Ok(id) => Ok(crate::auth::audited(Redirect::to(&format!(
            "/playbooks?saved={}#playbook-{id}",
            urlencoding(&id)
        )))),
        Err(e) => {
            let errors = refused(e).map_err(|e| page.fail(e))?;
            render(
                app,
                page,
                id,
                typed,
                Some(&errors),
                None,
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct EditQuery {
    remove: Option<String>,
}

pub(super) async fn edit_page(
    State(app): State<AppState>,
    page: Page,
    Path(id): Path<String>,
    Query(q): Query<EditQuery>,
) -> Result<Response, PageError> {
    page.authorise(&app, Need::Admin, "change a playbook")
        .await?;
    let record = app
        .app
        .get_playbook(Actor::Employee(&page.caller), &id)
        .await
        .map_err(|e| page.fail(e))?;
    let typed = typed_of(&record.playbook);
    let confirm = q.remove.is_some().then_some(&record);
    render(
        &app,
        &page,
        Some(&id),
        &typed,
        None,
        confirm,
        axum::http::StatusCode::OK,
    )
    .await
}

pub(super) async fn update(
    State(app): State<AppState>,
    page: Page,
    Path(id): Path<String>,
    axum::Form(typed): axum::Form<Typed>,
) -> Result<Response, PageError> {
    let saved = app
        .app
        .patch_playbook(Actor::Employee(&page.caller), &id, fields_of(&typed, false))
        .await
        .map(|record| record.playbook.playbook_id);
    saved_or_refused(&app, &page, Some(&id), &typed, saved).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct RemoveForm {
    #[serde(rename = "csrf_token")]
    _csrf_token: String,
}

pub(super) async fn remove(
    State(app): State<AppState>,
    page: Page,
    Path(id): Path<String>,
    axum::Form(_form): axum::Form<RemoveForm>,
) -> Result<Response, PageError> {
    app.app
        .delete_playbook(Actor::Employee(&page.caller), &id)
        .await
        .map_err(|e| page.fail(e))?;
    Ok(crate::auth::audited(Redirect::to(&format!(
        "/playbooks?removed={}",
        urlencoding(&id)
    ))))
}
