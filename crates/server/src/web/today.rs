//! "My day": the signed-in employee's open tasks — overdue, today's, the next week's — each
//! with its customer, their types, the reason in one line, a `tel:` and a `mailto:` link,
//! and done-with-outcome in one click that comes back to the same place on the page.
//! Managers and admins can see their team's.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use clientele_app::{Actor, TaskDone};
use clientele_core::model::KNOWN_OUTCOMES;
use clientele_store::auth::Need;
use serde::Deserialize;

use super::{Me, Option_, Page, PageError, me};
use crate::AppState;
use crate::web::i18n::Tr;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/today", get(today_page))
        .route("/today/tasks/{task_id}/done", post(task_done))
}

/// A task's title as the reader reads it: one a shipped playbook made from its unedited
/// English title is said in the reader's language (`playbook-<id>-task`), any other as
/// written.
pub(super) fn said_title(t: &Tr, task: &clientele_core::model::Task, name: Option<&str>) -> String {
    use clientele_core::model::SHIPPED_PLAYBOOK_TITLES;
    let name = name.unwrap_or(&task.customer_id);
    let shipped = task.playbook_id.as_deref().and_then(|id| {
        SHIPPED_PLAYBOOK_TITLES
            .iter()
            .find(|(shipped, title)| *shipped == id && title.replace("{name}", name) == task.title)
    });
    match shipped {
        Some((id, _)) => t
            .try_t(&format!("playbook-{id}-task"))
            .map(|_| t.with_args(&format!("playbook-{id}-task"), &[("name", name.to_owned())]))
            .unwrap_or_else(|| task.title.clone()),
        None => task.title.clone(),
    }
}

/// Why, in one line in the reader's language: the transition a playbook acted on, or the
/// first line of what a person wrote.
pub(super) fn reason(
    t: &Tr,
    task: &clientele_core::model::Task,
    transition: Option<&(String, Option<String>, Option<String>)>,
) -> String {
    let label = |axis: &str, value: &str| {
        t.try_t(&format!("{axis}-{value}"))
            .unwrap_or_else(|| value.to_owned())
    };
    match transition {
        Some((axis, from, to)) => {
            let axis_name = t.t(&format!("axis-{axis}"));
            match (axis.as_str(), from.as_deref(), to.as_deref()) {
                ("flag", _, Some(flag)) => {
                    t.with_args("task-reason-flag-set", &[("flag", label("flag", flag))])
                }
                ("flag", Some(flag), None) => {
                    t.with_args("task-reason-flag-cleared", &[("flag", label("flag", flag))])
                }
                (_, Some(from), Some(to)) => t.with_args(
                    "task-reason-moved",
                    &[
                        ("axis", axis_name),
                        ("from", label(axis, from)),
                        ("to", label(axis, to)),
                    ],
                ),
                (_, None, Some(to)) => t.with_args(
                    "task-reason-became",
                    &[("axis", axis_name), ("to", label(axis, to))],
                ),
                _ => String::new(),
            }
        }
        None => task
            .description
            .as_deref()
            .and_then(|d| d.lines().next())
            .unwrap_or("")
            .to_owned(),
    }
}

#[derive(Deserialize, Default)]
struct TodayQuery {
    team: Option<String>,
}

struct TaskView {
    id: String,
    /// Where the page comes back to once this one is done: the next task, else its list.
    next: String,
    title: String,
    due: String,
    high: bool,
    assignee: String,
    reason: String,
    customer_id: String,
    customer: String,
    types: Vec<String>,
    phone: String,
    phone_link: String,
    email: String,
}

struct Group {
    id: &'static str,
    title: String,
    count: String,
    tasks: Vec<TaskView>,
}

#[derive(Template)]
#[template(path = "today.html")]
struct TodayPage<'a> {
    t: &'a Tr,
    me: Option<Me>,
    heading: String,
    intro: String,
    manages: bool,
    team: bool,
    groups: Vec<Group>,
    outcomes: Vec<Option_>,
    csrf: String,
    back: String,
}

/// Today's date, UTC (as tasks' due days are kept).
pub(crate) fn today() -> jiff::civil::Date {
    jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
}

async fn today_page(
    State(app): State<AppState>,
    page: Page,
    Query(q): Query<TodayQuery>,
) -> Result<Response, PageError> {
    let t = &page.tr;
    let manages = page.caller.principal.authorise(Need::ManageTeam).is_ok();
    let team = manages && q.team.as_deref().is_some_and(|v| !v.is_empty() && v != "0");
    let today = today();
    let until = today
        .checked_add(jiff::Span::new().days(8))
        .unwrap_or(today);
    let lines = app
        .app
        .my_day(&page.caller, team, until)
        .await
        .map_err(|e| page.fail(e))?;
    let mut groups = vec![
        Group {
            id: "overdue",
            title: t.t("today-overdue"),
            count: String::new(),
            tasks: Vec::new(),
        },
        Group {
            id: "due-today",
            title: t.t("today-due-today"),
            count: String::new(),
            tasks: Vec::new(),
        },
        Group {
            id: "upcoming",
            title: t.t("today-upcoming"),
            count: String::new(),
            tasks: Vec::new(),
        },
    ];
    let mut labels: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    let mut days: std::collections::HashMap<jiff::civil::Date, String> =
        std::collections::HashMap::new();
    for line in lines {
        let task = &line.task;
        let group = match task.due_on.cmp(&today) {
            std::cmp::Ordering::Less => 0,
            std::cmp::Ordering::Equal => 1,
            std::cmp::Ordering::Greater => 2,
        };
        let due_at = task
            .due_on
            .to_zoned(jiff::tz::TimeZone::UTC)
            .map(|z| z.timestamp())
            .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        let day = days
            .entry(task.due_on)
            .or_insert_with(|| t.date(due_at))
            .clone();
        let due = match task.due_time {
            Some(time) => format!("{day} {}", t.digits(&time.strftime("%H:%M").to_string())),
            None => day,
        };
        // Each label translated once per page, not once per task.
        let mut label = |key: String| -> String {
            labels.entry(key).or_insert_with_key(|key| t.t(key)).clone()
        };
        let mut types = Vec::new();
        if let (Some(stage), Some(tier)) = (&line.stage, &line.tier) {
            types.push(label(format!("stage-{stage}")));
            types.push(label(format!("tier-{tier}")));
        }
        types.extend(line.flags.iter().map(|f| label(format!("flag-{f}"))));
        let phone = line.phone.clone().unwrap_or_default();
        groups[group].tasks.push(TaskView {
            id: task.task_id.clone(),
            next: String::new(),
            title: said_title(t, task, line.customer_name.as_deref()),
            due,
            high: task.priority == clientele_core::TaskPriority::High,
            assignee: task
                .assignee_email
                .clone()
                .unwrap_or_else(|| t.t("today-unassigned")),
            reason: reason(t, task, line.transition.as_ref()),
            customer_id: task.customer_id.clone(),
            customer: line
                .customer_name
                .clone()
                .unwrap_or_else(|| task.customer_id.clone()),
            types,
            phone_link: phone
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == '+')
                .collect(),
            phone,
            email: line.email.clone().unwrap_or_default(),
        });
    }
    for group in &mut groups {
        group.count = t.number(group.tasks.len() as i64);
        let ids: Vec<String> = group.tasks.iter().map(|v| v.id.clone()).collect();
        for (i, view) in group.tasks.iter_mut().enumerate() {
            view.next = match ids.get(i + 1) {
                Some(next) => format!("task-{next}"),
                None => group.id.to_owned(),
            };
        }
    }
    let outcomes = KNOWN_OUTCOMES
        .iter()
        .map(|o| Option_ {
            value: (*o).to_owned(),
            label: t.t(&format!("outcome-{o}")),
            selected: *o == "reached",
        })
        .collect();
    let me = me(&page.caller);
    page.render(TodayPage {
        t,
        heading: t.t(if team {
            "today-team-title"
        } else {
            "today-title"
        }),
        intro: t.t(if team {
            "today-team-intro"
        } else {
            "today-intro"
        }),
        manages,
        team,
        groups,
        outcomes,
        csrf: me.csrf.clone(),
        back: if team {
            "/today?team=1".into()
        } else {
            "/today".into()
        },
        me: Some(me),
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct DoneForm {
    outcome: String,
    back: String,
    anchor: String,
    #[serde(rename = "csrf_token")]
    _csrf_token: String,
}

/// Finishes a task with the outcome chosen, and goes back to the same list.
async fn task_done(
    State(app): State<AppState>,
    page: Page,
    Path(task_id): Path<String>,
    axum::Form(form): axum::Form<DoneForm>,
) -> Result<Response, PageError> {
    app.app
        .complete_task(
            Actor::Employee(&page.caller),
            &task_id,
            TaskDone {
                outcome: Some(form.outcome).filter(|o| !o.trim().is_empty()),
                notes: None,
            },
        )
        .await
        .map_err(|e| page.fail(e))?;
    // Only back to one of this page's own addresses.
    let back = if form.back == "/today?team=1" {
        "/today?team=1"
    } else {
        "/today"
    };
    // Back where the reader was: the next task of the list (an id of ours, checked).
    let anchor = if !form.anchor.is_empty()
        && form.anchor.len() <= 80
        && form
            .anchor
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        format!("#{}", form.anchor)
    } else {
        String::new()
    };
    Ok(crate::auth::audited(Redirect::to(&format!(
        "{back}{anchor}"
    ))))
}
