//! `/api/v1/transitions`: read-only. The type engine writes the history; nobody edits it.

use axum::Json;
use axum::extract::{Path, State};
use clientele_core::model::TransitionRecord;
use clientele_store::TransitionFilter;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use clientele_store::auth::Need;

use super::{Page, list_request, numeric_id};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiResult;
use crate::extract::QueryParams;

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_transitions))
        .routes(routes!(get_transition))
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct TransitionListParams {
    customer_id: Option<String>,
    /// `stage`, `tier`, `flag` or `sentiment`.
    #[param(value_type = Option<clientele_core::Axis>, inline)]
    axis: Option<String>,
    /// At or after (YYYY-MM-DD or RFC 3339).
    #[param(value_type = Option<String>, format = DateTime)]
    since: Option<String>,
    /// Before.
    #[param(value_type = Option<String>, format = DateTime)]
    until: Option<String>,
    /// What they became: a stage, tier or flag (`lapsed`, `reborn`, `A`, `dissatisfied`…).
    to: Option<String>,
    #[param(minimum = 1, maximum = 500)]
    limit: Option<u32>,
    cursor: Option<String>,
    /// `at` (default); `-at` for the latest first.
    sort: Option<String>,
}

/// Lists type transitions: who became what, when.
#[utoipa::path(get, path = "/transitions", tag = "transitions", params(TransitionListParams),
    responses((status = 200, body = Page<TransitionRecord>), (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
async fn list_transitions(
    State(app): State<AppState>,
    caller: Caller,
    QueryParams(p): QueryParams<TransitionListParams>,
) -> ApiResult<Json<Page<TransitionRecord>>> {
    let scope = app
        .authorise(&caller, Need::ReadPersonal, "list transitions")
        .await?;
    let filter = TransitionFilter {
        customer_id: p.customer_id,
        axis: p.axis,
        since: p.since,
        until: p.until,
        to: p.to,
    };
    Ok(Json(
        app.store
            .list_transitions(&scope, &filter, &list_request(p.limit, p.cursor, p.sort))
            .await?
            .into(),
    ))
}

/// One transition.
#[utoipa::path(get, path = "/transitions/{transition_id}", tag = "transitions",
    params(("transition_id" = i64, Path)),
    responses((status = 200, body = TransitionRecord), (status = 404, body = crate::Problem, content_type = "application/problem+json")))]
async fn get_transition(
    State(app): State<AppState>,
    caller: Caller,
    Path(transition_id): Path<String>,
) -> ApiResult<Json<TransitionRecord>> {
    let scope = app
        .authorise(&caller, Need::ReadPersonal, "read a transition")
        .await?;
    Ok(Json(
        app.store
            .get_transition(&scope, numeric_id("transition", &transition_id)?)
            .await?,
    ))
}
