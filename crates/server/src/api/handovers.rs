//! `POST /api/v1/handovers`: an employee leaves, their customers stay.

use axum::Json;
use axum::extract::State;
use axum::response::Response;
use clientele_store::handover::HandoverReport;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::{Caller, audited};
use crate::error::ApiResult;
use crate::extract::JsonBody;

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(handover))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct HandoverRequest {
    /// The e-mail of the employee whose customers are handed over.
    from: String,
    /// The e-mail of the employee who takes them.
    to: String,
    /// Only these customers (ids); absent: all of them, and `from` is deactivated.
    customers: Option<Vec<String>>,
}

/// Hands an employee's customers (all, or those named) to another employee. Handing all of
/// them over deactivates the employee at once: their sessions and tokens are refused from the
/// next request. Admins hand over anyone; managers within their team. Answers with the
/// tier-A customers moved and whether they were at risk before and after.
#[utoipa::path(post, path = "/handovers", tag = "employees", request_body = HandoverRequest,
    responses((status = 200, body = HandoverReport),
        (status = 403, body = crate::Problem, content_type = "application/problem+json"),
        (status = 404, body = crate::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
async fn handover(
    State(app): State<AppState>,
    caller: Caller,
    JsonBody(request): JsonBody<HandoverRequest>,
) -> ApiResult<Response> {
    let report = hand_over(
        &app,
        &caller,
        &request.from,
        &request.to,
        request.customers.as_deref(),
    )
    .await?;
    Ok(audited(Json(report)))
}

/// Hands `from`'s customers (all, or those named) to `to` within the caller's scope and
/// records it in the audit log: the API's handover and the web app's team page both.
pub(crate) async fn hand_over(
    app: &AppState,
    caller: &Caller,
    from: &str,
    to: &str,
    customers: Option<&[String]>,
) -> ApiResult<HandoverReport> {
    Ok(app
        .app
        .hand_over(clientele_app::Actor::Employee(caller), from, to, customers)
        .await?)
}
