//! `/api/v1/transitions`: read-only. The type engine writes the history; nobody edits it.

use axum::Json;
use axum::extract::{Path, State};
use clientele_core::model::TransitionRecord;
use clientele_store::TransitionFilter;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use clientele_store::auth::Need;

use super::{ListParams, Page, numeric_id};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiResult;
use crate::extract::QueryParams;

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_transitions))
        .routes(routes!(get_transition))
}

list_params!(
    TransitionListParams => TransitionFilter {
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
    }
    page {
        limit,
        cursor,
        /// `at` (default); `-at` for the latest first.
        sort,
    }
);

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
    let (filter, request) = p.split();
    Ok(Json(
        app.store
            .list_transitions(&scope, &filter, &request)
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
