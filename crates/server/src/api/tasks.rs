//! `/api/v1/tasks`: work about a customer for an employee — list (by assignee, customer,
//! status, due day, overdue), create, read, change, and complete with an outcome.

use axum::Json;
use axum::extract::{Path, State};
use axum::response::Response;
use clientele_app::{Actor, TaskDone};
use clientele_core::model::{Task, TaskDraft};
use clientele_store::TaskFilter;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{Page, created, list_request};
use crate::AppState;
use crate::auth::{Caller, audited};
use crate::error::ApiResult;
use crate::extract::{JsonBody, QueryParams};

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_tasks, create_task))
        .routes(routes!(get_task, update_task))
        .routes(routes!(complete_task))
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct TaskListParams {
    /// The assignee's e-mail.
    assignee_email: Option<String>,
    customer_id: Option<String>,
    /// `open`, `done` or `cancelled`.
    #[param(value_type = Option<clientele_core::TaskStatus>, inline)]
    status: Option<String>,
    /// Due on or after this day (YYYY-MM-DD).
    #[param(value_type = Option<String>, format = Date)]
    due_after: Option<String>,
    /// Due before this day.
    #[param(value_type = Option<String>, format = Date)]
    due_before: Option<String>,
    /// `true`: only open tasks due before today (UTC).
    overdue: Option<bool>,
    /// Only the tasks this playbook made.
    playbook_id: Option<String>,
    #[param(minimum = 1, maximum = 500)]
    limit: Option<u32>,
    cursor: Option<String>,
    /// `due_on` (default), `created_at` or `task_id`; `-` first for the other way.
    sort: Option<String>,
}

/// The start of today, UTC, in milliseconds.
fn start_of_today() -> i64 {
    let today = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    today
        .to_zoned(jiff::tz::TimeZone::UTC)
        .map(|z| z.timestamp().as_millisecond())
        .unwrap_or(0)
}

/// Lists tasks on the customers the caller may see, by due day.
#[utoipa::path(get, path = "/tasks", tag = "tasks", params(TaskListParams),
    responses((status = 200, body = Page<Task>), (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
async fn list_tasks(
    State(app): State<AppState>,
    caller: Caller,
    QueryParams(p): QueryParams<TaskListParams>,
) -> ApiResult<Json<Page<Task>>> {
    let filter = TaskFilter {
        customer_id: p.customer_id,
        assignee_email: p.assignee_email,
        status: p.status,
        from: p.due_after,
        to: p.due_before,
        overdue_before: p.overdue.unwrap_or(false).then(start_of_today),
        playbook_id: p.playbook_id,
    };
    let request = list_request(p.limit, p.cursor, p.sort);
    Ok(Json(
        app.app
            .list_tasks(Actor::Employee(&caller), &filter, &request)
            .await?
            .into(),
    ))
}

/// Gives a task on a customer; without an assignee it is the caller's.
#[utoipa::path(post, path = "/tasks", tag = "tasks", request_body = TaskDraft,
    responses(
        (status = 201, body = Task, headers(("location" = String, description = "The new task's address"))),
        (status = 409, body = crate::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
async fn create_task(
    State(app): State<AppState>,
    caller: Caller,
    JsonBody(draft): JsonBody<TaskDraft>,
) -> ApiResult<Response> {
    let task = app.app.create_task(Actor::Employee(&caller), draft).await?;
    let id = task.task_id.clone();
    Ok(audited(created("tasks", &id, task)))
}

/// One task.
#[utoipa::path(get, path = "/tasks/{task_id}", tag = "tasks", params(("task_id" = String, Path)),
    responses((status = 200, body = Task), (status = 404, body = crate::Problem, content_type = "application/problem+json")))]
async fn get_task(
    State(app): State<AppState>,
    caller: Caller,
    Path(task_id): Path<String>,
) -> ApiResult<Json<Task>> {
    Ok(Json(
        app.app.get_task(Actor::Employee(&caller), &task_id).await?,
    ))
}

/// Changes a task (merge patch): reassign, move the due day, reopen, cancel.
#[utoipa::path(patch, path = "/tasks/{task_id}", tag = "tasks", params(("task_id" = String, Path)),
    request_body(content = TaskDraft, content_type = "application/merge-patch+json"),
    responses((status = 200, body = Task),
        (status = 404, body = crate::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
async fn update_task(
    State(app): State<AppState>,
    caller: Caller,
    Path(task_id): Path<String>,
    JsonBody(patch): JsonBody<serde_json::Value>,
) -> ApiResult<Response> {
    let task = app
        .app
        .update_task(Actor::Employee(&caller), &task_id, patch)
        .await?;
    Ok(audited(Json(task)))
}

/// How a task ended.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Completion {
    /// `reached`, `no_answer`, `won_back`, `refused`, `let_go`, or the business's own word.
    outcome: Option<String>,
    /// Added to the task's notes.
    notes: Option<String>,
}

/// Marks a task done, with its outcome.
#[utoipa::path(post, path = "/tasks/{task_id}/complete", tag = "tasks", params(("task_id" = String, Path)),
    request_body = Completion,
    responses((status = 200, body = Task),
        (status = 404, body = crate::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
async fn complete_task(
    State(app): State<AppState>,
    caller: Caller,
    Path(task_id): Path<String>,
    JsonBody(done): JsonBody<Completion>,
) -> ApiResult<Response> {
    let task = app
        .app
        .complete_task(
            Actor::Employee(&caller),
            &task_id,
            TaskDone {
                outcome: done.outcome,
                notes: done.notes,
            },
        )
        .await?;
    Ok(audited(Json(task)))
}
