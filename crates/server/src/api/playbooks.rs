//! `/api/v1/playbooks`: the playbooks that turn type changes into tasks, with what each
//! made (tasks, done, outcomes); admins turn them on and off.

use axum::Json;
use axum::extract::{Path, State};
use axum::response::Response;
use clientele_app::Actor;
use clientele_store::playbooks::{Backfill, PlaybookRecord};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::{Caller, audited};
use crate::error::ApiResult;
use crate::extract::JsonBody;

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_playbooks, create_playbook))
        .routes(routes!(get_playbook, update_playbook, delete_playbook))
        .routes(routes!(backfill_playbook))
        .routes(routes!(get_weekend, set_weekend))
}

/// Every playbook, with the tasks it made, how many are done and with which outcomes.
#[utoipa::path(get, path = "/playbooks", tag = "tasks",
    responses((status = 200, body = Vec<PlaybookRecord>), (status = 403, body = crate::Problem, content_type = "application/problem+json")))]
async fn list_playbooks(
    State(app): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<Vec<PlaybookRecord>>> {
    Ok(Json(
        app.app.list_playbooks(Actor::Employee(&caller)).await?,
    ))
}

/// Adds a playbook (admins): the fields of a playbook (`name`, `axis`, `to_value` and/or
/// `from_value`, `title` required; `playbook_id` made from the name when not given; on, for
/// the owner, normal priority, due in 3 business days and every time unless said). It acts
/// on the transitions recorded from now on; a back-fill acts on the history.
#[utoipa::path(post, path = "/playbooks", tag = "tasks",
    request_body = clientele_core::model::Playbook,
    responses((status = 201, body = PlaybookRecord),
        (status = 403, body = crate::Problem, content_type = "application/problem+json"),
        (status = 409, body = crate::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
async fn create_playbook(
    State(app): State<AppState>,
    caller: Caller,
    JsonBody(fields): JsonBody<serde_json::Value>,
) -> ApiResult<Response> {
    let record = app
        .app
        .create_playbook(Actor::Employee(&caller), fields)
        .await?;
    let location = format!("/api/v1/playbooks/{}", record.playbook.playbook_id);
    Ok(audited((
        axum::http::StatusCode::CREATED,
        [(axum::http::header::LOCATION, location)],
        Json(record),
    )))
}

/// Removes a playbook that never made a task (admins); one that made tasks answers 409:
/// turn it off instead (`PATCH` with `{"active": false}`).
#[utoipa::path(delete, path = "/playbooks/{playbook_id}", tag = "tasks", params(("playbook_id" = String, Path)),
    responses((status = 204),
        (status = 403, body = crate::Problem, content_type = "application/problem+json"),
        (status = 404, body = crate::Problem, content_type = "application/problem+json"),
        (status = 409, body = crate::Problem, content_type = "application/problem+json")))]
async fn delete_playbook(
    State(app): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    app.app
        .delete_playbook(Actor::Employee(&caller), &id)
        .await?;
    Ok(audited(axum::http::StatusCode::NO_CONTENT))
}

/// One playbook.
#[utoipa::path(get, path = "/playbooks/{playbook_id}", tag = "tasks", params(("playbook_id" = String, Path)),
    responses((status = 200, body = PlaybookRecord), (status = 404, body = crate::Problem, content_type = "application/problem+json")))]
async fn get_playbook(
    State(app): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<PlaybookRecord>> {
    Ok(Json(
        app.app.get_playbook(Actor::Employee(&caller), &id).await?,
    ))
}

/// Changes a playbook (admins, merge patch): its trigger (`axis`, `from_value`,
/// `to_value`), audience (`only_tier`, `only_kind`), task (`title`, `description` with
/// `{name}`, `{customer_id}`, `{from}`, `{to}`; `due_in_business_days`, `priority`), who gets
/// it (`assignee_rule`: `owner`, `owner_manager`, `employee` with `assignee_email`), the
/// re-entry rule (`reentry`, `reentry_days`), and `active` (on: it acts on the transitions
/// recorded from now on).
#[utoipa::path(patch, path = "/playbooks/{playbook_id}", tag = "tasks", params(("playbook_id" = String, Path)),
    request_body(content = Object, content_type = "application/merge-patch+json"),
    responses((status = 200, body = PlaybookRecord),
        (status = 403, body = crate::Problem, content_type = "application/problem+json"),
        (status = 404, body = crate::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
async fn update_playbook(
    State(app): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(patch): JsonBody<serde_json::Value>,
) -> ApiResult<Response> {
    let record = app
        .app
        .patch_playbook(Actor::Employee(&caller), &id, patch)
        .await?;
    Ok(audited(Json(record)))
}

/// What a back-fill is asked.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct BackfillRequest {
    /// Only say how many tasks it would make, and for whom.
    dry_run: bool,
}

/// Acts on the transitions recorded before the playbook was turned on (admins): a dry run
/// first says how many tasks that makes and for whom.
#[utoipa::path(post, path = "/playbooks/{playbook_id}/backfill", tag = "tasks", params(("playbook_id" = String, Path)),
    request_body = BackfillRequest,
    responses((status = 200, body = Backfill),
        (status = 403, body = crate::Problem, content_type = "application/problem+json"),
        (status = 404, body = crate::Problem, content_type = "application/problem+json")))]
async fn backfill_playbook(
    State(app): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(request): JsonBody<BackfillRequest>,
) -> ApiResult<Response> {
    let done = app
        .app
        .backfill_playbook(Actor::Employee(&caller), &id, request.dry_run)
        .await?;
    Ok(audited(Json(done)))
}

/// The days the business does not work: due days in business days skip them.
#[derive(Debug, serde::Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct WeekendSetting {
    /// Days named in English, separated by commas: `friday` (Iran), `saturday,sunday`
    /// (the default).
    weekend: String,
}

fn weekend_text(weekend: &clientele_core::time::Weekend) -> WeekendSetting {
    WeekendSetting {
        weekend: weekend
            .days()
            .iter()
            .map(|d| format!("{d:?}").to_lowercase())
            .collect::<Vec<_>>()
            .join(","),
    }
}

/// The business's weekend.
#[utoipa::path(get, path = "/settings/weekend", tag = "tasks",
    responses((status = 200, body = WeekendSetting)))]
async fn get_weekend(
    State(app): State<AppState>,
    _caller: Caller,
) -> ApiResult<Json<WeekendSetting>> {
    Ok(Json(weekend_text(&app.app.weekend().await?)))
}

/// Sets the business's weekend (admins).
#[utoipa::path(put, path = "/settings/weekend", tag = "tasks", request_body = WeekendSetting,
    responses((status = 200, body = WeekendSetting),
        (status = 403, body = crate::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
async fn set_weekend(
    State(app): State<AppState>,
    caller: Caller,
    JsonBody(setting): JsonBody<WeekendSetting>,
) -> ApiResult<Response> {
    let weekend = app
        .app
        .set_weekend(Actor::Employee(&caller), &setting.weekend)
        .await?;
    Ok(audited(Json(weekend_text(&weekend))))
}
