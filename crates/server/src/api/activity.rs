//! `/api/v1/costs`, `/interactions`, `/complaints` and `/feedback`: what happens around a
//! customer besides orders.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use clientele_core::model::{
    COMPLAINT_READ_ONLY, COST_ENTRY_READ_ONLY, Complaint, ComplaintDraft, CostEntryDraft,
    CostEntryRecord, FEEDBACK_READ_ONLY, FeedbackDraft, FeedbackRecord, INTERACTION_READ_ONLY,
    InteractionDraft, InteractionRecord,
};
use clientele_store::{ComplaintFilter, CostFilter, FeedbackFilter, InteractionFilter};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use clientele_store::auth::Need;

use super::{Page, created, list_request, new_id, numeric_id, patched};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiResult;
use crate::extract::{JsonBody, QueryParams};

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_costs, create_cost))
        .routes(routes!(get_cost, update_cost, delete_cost))
        .routes(routes!(list_interactions, create_interaction))
        .routes(routes!(
            get_interaction,
            update_interaction,
            delete_interaction
        ))
        .routes(routes!(list_complaints, create_complaint))
        .routes(routes!(get_complaint, update_complaint, delete_complaint))
        .routes(routes!(list_feedback, create_feedback))
        .routes(routes!(get_feedback, update_feedback, delete_feedback))
}

// ----- costs -----------------------------------------------------------------------------

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct CostListParams {
    customer_id: Option<String>,
    category: Option<String>,
    /// Incurred at or after (YYYY-MM-DD or RFC 3339).
    from: Option<String>,
    /// Incurred before.
    to: Option<String>,
    #[param(minimum = 1, maximum = 500)]
    limit: Option<u32>,
    cursor: Option<String>,
    /// `incurred_at` (default) or `amount`; `-` in front for descending.
    sort: Option<String>,
}

/// Lists cost-to-serve entries.
#[utoipa::path(get, path = "/costs", tag = "costs", params(CostListParams),
    responses((status = 200, body = Page<CostEntryRecord>), (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
async fn list_costs(
    State(app): State<AppState>,
    caller: Caller,
    QueryParams(p): QueryParams<CostListParams>,
) -> ApiResult<Json<Page<CostEntryRecord>>> {
    let scope = app
        .authorise(&caller, Need::ReadPersonal, "list costs")
        .await?;
    let filter = CostFilter {
        customer_id: p.customer_id,
        category: p.category,
        from: p.from,
        to: p.to,
    };
    Ok(Json(
        app.store
            .list_costs(&scope, &filter, &list_request(p.limit, p.cursor, p.sort))
            .await?
            .into(),
    ))
}

/// Records a cost of serving a customer.
#[utoipa::path(post, path = "/costs", tag = "costs", request_body = CostEntryDraft,
    responses(
        (status = 201, body = CostEntryRecord, headers(("location" = String, description = "The new entry's address"))),
        (status = 409, body = crate::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
async fn create_cost(
    State(app): State<AppState>,
    caller: Caller,
    JsonBody(draft): JsonBody<CostEntryDraft>,
) -> ApiResult<Response> {
    let scope = app
        .authorise(&caller, Need::WritePersonal, "create cost")
        .await?;
    let entry = draft.validate(&app.store.context().await?)?;
    let stored = app.store.create_cost(&scope, &entry).await?;
    super::reevaluate(&app, &[&stored.entry.customer_id]).await;
    Ok(created("costs", &stored.cost_id.to_string(), stored))
}

/// One cost entry.
#[utoipa::path(get, path = "/costs/{cost_id}", tag = "costs", params(("cost_id" = i64, Path)),
    responses((status = 200, body = CostEntryRecord), (status = 404, body = crate::Problem, content_type = "application/problem+json")))]
async fn get_cost(
    State(app): State<AppState>,
    caller: Caller,
    Path(cost_id): Path<String>,
) -> ApiResult<Json<CostEntryRecord>> {
    let scope = app
        .authorise(&caller, Need::ReadPersonal, "get cost")
        .await?;
    Ok(Json(
        app.store
            .get_cost(&scope, numeric_id("cost entry", &cost_id)?)
            .await?,
    ))
}

/// Changes a cost entry (merge patch).
#[utoipa::path(patch, path = "/costs/{cost_id}", tag = "costs", params(("cost_id" = i64, Path)),
    request_body(content = CostEntryDraft, content_type = "application/merge-patch+json"),
    responses((status = 200, body = CostEntryRecord),
        (status = 404, body = crate::Problem, content_type = "application/problem+json"),
        (status = 409, body = crate::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
async fn update_cost(
    State(app): State<AppState>,
    caller: Caller,
    Path(cost_id): Path<String>,
    JsonBody(patch): JsonBody<serde_json::Value>,
) -> ApiResult<Json<CostEntryRecord>> {
    let scope = app
        .authorise(&caller, Need::WritePersonal, "update cost")
        .await?;
    let id = numeric_id("cost entry", &cost_id)?;
    let current = app.store.get_cost(&scope, id).await?;
    let draft: CostEntryDraft = patched(&current, COST_ENTRY_READ_ONLY, patch)?;
    let entry = draft.validate(&app.store.context().await?)?;
    Ok(Json(app.store.update_cost(&scope, id, &entry).await?))
}

/// Deletes a cost entry.
#[utoipa::path(delete, path = "/costs/{cost_id}", tag = "costs", params(("cost_id" = i64, Path)),
    responses((status = 204), (status = 404, body = crate::Problem, content_type = "application/problem+json")))]
async fn delete_cost(
    State(app): State<AppState>,
    caller: Caller,
    Path(cost_id): Path<String>,
) -> ApiResult<StatusCode> {
    let scope = app
        .authorise(&caller, Need::WritePersonal, "delete cost")
        .await?;
    app.store
        .delete_cost(&scope, numeric_id("cost entry", &cost_id)?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

// ----- interactions ----------------------------------------------------------------------

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct InteractionListParams {
    customer_id: Option<String>,
    /// `call`, `email`, `sms`, `chat`, `meeting` or `visit`.
    #[param(value_type = Option<clientele_core::Channel>, inline)]
    channel: Option<String>,
    employee_email: Option<String>,
    /// At or after (YYYY-MM-DD or RFC 3339).
    from: Option<String>,
    /// Before.
    to: Option<String>,
    #[param(minimum = 1, maximum = 500)]
    limit: Option<u32>,
    cursor: Option<String>,
    /// `occurred_at` (default); `-occurred_at` for the latest first.
    sort: Option<String>,
}

/// Lists interactions.
#[utoipa::path(get, path = "/interactions", tag = "interactions", params(InteractionListParams),
    responses((status = 200, body = Page<InteractionRecord>), (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
async fn list_interactions(
    State(app): State<AppState>,
    caller: Caller,
    QueryParams(p): QueryParams<InteractionListParams>,
) -> ApiResult<Json<Page<InteractionRecord>>> {
    let scope = app
        .authorise(&caller, Need::ReadPersonal, "list interactions")
        .await?;
    let filter = InteractionFilter {
        customer_id: p.customer_id,
        channel: p.channel,
        employee_email: p.employee_email,
        from: p.from,
        to: p.to,
    };
    Ok(Json(
        app.store
            .list_interactions(&scope, &filter, &list_request(p.limit, p.cursor, p.sort))
            .await?
            .into(),
    ))
}

/// Records an interaction.
#[utoipa::path(post, path = "/interactions", tag = "interactions", request_body = InteractionDraft,
    responses(
        (status = 201, body = InteractionRecord, headers(("location" = String, description = "The new interaction's address"))),
        (status = 409, body = crate::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
async fn create_interaction(
    State(app): State<AppState>,
    caller: Caller,
    JsonBody(draft): JsonBody<InteractionDraft>,
) -> ApiResult<Response> {
    let scope = app
        .authorise(&caller, Need::WritePersonal, "create interaction")
        .await?;
    let interaction = draft.validate(&app.store.context().await?)?;
    let stored = app.store.create_interaction(&scope, &interaction).await?;
    super::reevaluate(&app, &[&stored.interaction.customer_id]).await;
    Ok(created(
        "interactions",
        &stored.interaction_id.to_string(),
        stored,
    ))
}

/// One interaction.
#[utoipa::path(get, path = "/interactions/{interaction_id}", tag = "interactions", params(("interaction_id" = i64, Path)),
    responses((status = 200, body = InteractionRecord), (status = 404, body = crate::Problem, content_type = "application/problem+json")))]
async fn get_interaction(
    State(app): State<AppState>,
    caller: Caller,
    Path(interaction_id): Path<String>,
) -> ApiResult<Json<InteractionRecord>> {
    let scope = app
        .authorise(&caller, Need::ReadPersonal, "get interaction")
        .await?;
    Ok(Json(
        app.store
            .get_interaction(&scope, numeric_id("interaction", &interaction_id)?)
            .await?,
    ))
}

/// Changes an interaction (merge patch).
#[utoipa::path(patch, path = "/interactions/{interaction_id}", tag = "interactions", params(("interaction_id" = i64, Path)),
    request_body(content = InteractionDraft, content_type = "application/merge-patch+json"),
    responses((status = 200, body = InteractionRecord),
        (status = 404, body = crate::Problem, content_type = "application/problem+json"),
        (status = 409, body = crate::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
async fn update_interaction(
    State(app): State<AppState>,
    caller: Caller,
    Path(interaction_id): Path<String>,
    JsonBody(patch): JsonBody<serde_json::Value>,
) -> ApiResult<Json<InteractionRecord>> {
    let scope = app
        .authorise(&caller, Need::WritePersonal, "update interaction")
        .await?;
    let id = numeric_id("interaction", &interaction_id)?;
    let current = app.store.get_interaction(&scope, id).await?;
    let draft: InteractionDraft = patched(&current, INTERACTION_READ_ONLY, patch)?;
    let interaction = draft.validate(&app.store.context().await?)?;
    Ok(Json(
        app.store
            .update_interaction(&scope, id, &interaction)
            .await?,
    ))
}

/// Deletes an interaction.
#[utoipa::path(delete, path = "/interactions/{interaction_id}", tag = "interactions", params(("interaction_id" = i64, Path)),
    responses((status = 204), (status = 404, body = crate::Problem, content_type = "application/problem+json")))]
async fn delete_interaction(
    State(app): State<AppState>,
    caller: Caller,
    Path(interaction_id): Path<String>,
) -> ApiResult<StatusCode> {
    let scope = app
        .authorise(&caller, Need::WritePersonal, "delete interaction")
        .await?;
    app.store
        .delete_interaction(&scope, numeric_id("interaction", &interaction_id)?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

// ----- complaints ------------------------------------------------------------------------

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct ComplaintListParams {
    customer_id: Option<String>,
    /// `true`: open complaints; `false`: resolved ones.
    open: Option<bool>,
    /// `low`, `medium`, `high` or `critical`.
    #[param(value_type = Option<clientele_core::Severity>, inline)]
    severity: Option<String>,
    /// Opened at or after (YYYY-MM-DD or RFC 3339).
    from: Option<String>,
    /// Opened before.
    to: Option<String>,
    #[param(minimum = 1, maximum = 500)]
    limit: Option<u32>,
    cursor: Option<String>,
    /// `opened_at` (default) or `complaint_id`; `-` in front for descending.
    sort: Option<String>,
}

/// Lists complaints.
#[utoipa::path(get, path = "/complaints", tag = "complaints", params(ComplaintListParams),
    responses((status = 200, body = Page<Complaint>), (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
async fn list_complaints(
    State(app): State<AppState>,
    caller: Caller,
    QueryParams(p): QueryParams<ComplaintListParams>,
) -> ApiResult<Json<Page<Complaint>>> {
    let scope = app
        .authorise(&caller, Need::ReadPersonal, "list complaints")
        .await?;
    let filter = ComplaintFilter {
        customer_id: p.customer_id,
        open: p.open,
        severity: p.severity,
        from: p.from,
        to: p.to,
    };
    Ok(Json(
        app.store
            .list_complaints(&scope, &filter, &list_request(p.limit, p.cursor, p.sort))
            .await?
            .into(),
    ))
}

/// Records a complaint; a `complaint_id` is generated when none is given.
#[utoipa::path(post, path = "/complaints", tag = "complaints", request_body = ComplaintDraft,
    responses(
        (status = 201, body = Complaint, headers(("location" = String, description = "The new complaint's address"))),
        (status = 409, body = crate::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
async fn create_complaint(
    State(app): State<AppState>,
    caller: Caller,
    JsonBody(mut draft): JsonBody<ComplaintDraft>,
) -> ApiResult<Response> {
    let scope = app
        .authorise(&caller, Need::WritePersonal, "create complaint")
        .await?;
    if draft
        .complaint_id
        .as_deref()
        .is_none_or(|id| id.trim().is_empty())
    {
        draft.complaint_id = Some(new_id("CMP"));
    }
    let complaint = draft.validate(&app.store.context().await?)?;
    let stored = app.store.create_complaint(&scope, &complaint).await?;
    super::reevaluate(&app, &[&stored.customer_id]).await;
    Ok(created("complaints", &stored.complaint_id.clone(), stored))
}

/// One complaint.
#[utoipa::path(get, path = "/complaints/{complaint_id}", tag = "complaints",
    params(("complaint_id" = String, Path, description = "The business's ticket number")),
    responses((status = 200, body = Complaint), (status = 404, body = crate::Problem, content_type = "application/problem+json")))]
async fn get_complaint(
    State(app): State<AppState>,
    caller: Caller,
    Path(complaint_id): Path<String>,
) -> ApiResult<Json<Complaint>> {
    let scope = app
        .authorise(&caller, Need::ReadPersonal, "get complaint")
        .await?;
    Ok(Json(app.store.get_complaint(&scope, &complaint_id).await?))
}

/// Changes a complaint (merge patch); set `resolved_at` to close it.
#[utoipa::path(patch, path = "/complaints/{complaint_id}", tag = "complaints",
    params(("complaint_id" = String, Path, description = "The business's ticket number")),
    request_body(content = ComplaintDraft, content_type = "application/merge-patch+json"),
    responses((status = 200, body = Complaint),
        (status = 404, body = crate::Problem, content_type = "application/problem+json"),
        (status = 409, body = crate::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
async fn update_complaint(
    State(app): State<AppState>,
    caller: Caller,
    Path(complaint_id): Path<String>,
    JsonBody(patch): JsonBody<serde_json::Value>,
) -> ApiResult<Json<Complaint>> {
    let scope = app
        .authorise(&caller, Need::WritePersonal, "update complaint")
        .await?;
    let current = app.store.get_complaint(&scope, &complaint_id).await?;
    let draft: ComplaintDraft = patched(&current, COMPLAINT_READ_ONLY, patch)?;
    let complaint = draft.validate(&app.store.context().await?)?;
    let stored = app
        .store
        .update_complaint(&scope, &complaint_id, &complaint)
        .await?;
    super::reevaluate(&app, &[&current.customer_id, &stored.customer_id]).await;
    Ok(Json(stored))
}

/// Deletes a complaint.
#[utoipa::path(delete, path = "/complaints/{complaint_id}", tag = "complaints",
    params(("complaint_id" = String, Path, description = "The business's ticket number")),
    responses((status = 204), (status = 404, body = crate::Problem, content_type = "application/problem+json")))]
async fn delete_complaint(
    State(app): State<AppState>,
    caller: Caller,
    Path(complaint_id): Path<String>,
) -> ApiResult<StatusCode> {
    let scope = app
        .authorise(&caller, Need::WritePersonal, "delete complaint")
        .await?;
    let current = app.store.get_complaint(&scope, &complaint_id).await?;
    app.store.delete_complaint(&scope, &complaint_id).await?;
    super::reevaluate(&app, &[&current.customer_id]).await;
    Ok(StatusCode::NO_CONTENT)
}

// ----- feedback --------------------------------------------------------------------------

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct FeedbackListParams {
    customer_id: Option<String>,
    /// Given at or after (YYYY-MM-DD or RFC 3339).
    from: Option<String>,
    /// Given before.
    to: Option<String>,
    #[param(minimum = 1, maximum = 500)]
    limit: Option<u32>,
    cursor: Option<String>,
    /// `given_at` (default); `-given_at` for the latest first.
    sort: Option<String>,
}

/// Lists feedback.
#[utoipa::path(get, path = "/feedback", tag = "feedback", params(FeedbackListParams),
    responses((status = 200, body = Page<FeedbackRecord>), (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
async fn list_feedback(
    State(app): State<AppState>,
    caller: Caller,
    QueryParams(p): QueryParams<FeedbackListParams>,
) -> ApiResult<Json<Page<FeedbackRecord>>> {
    let scope = app
        .authorise(&caller, Need::ReadPersonal, "list feedback")
        .await?;
    let filter = FeedbackFilter {
        customer_id: p.customer_id,
        from: p.from,
        to: p.to,
    };
    Ok(Json(
        app.store
            .list_feedback(&scope, &filter, &list_request(p.limit, p.cursor, p.sort))
            .await?
            .into(),
    ))
}

/// Records feedback: an NPS answer, a CSAT score, or both.
#[utoipa::path(post, path = "/feedback", tag = "feedback", request_body = FeedbackDraft,
    responses(
        (status = 201, body = FeedbackRecord, headers(("location" = String, description = "The new feedback's address"))),
        (status = 409, body = crate::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
async fn create_feedback(
    State(app): State<AppState>,
    caller: Caller,
    JsonBody(draft): JsonBody<FeedbackDraft>,
) -> ApiResult<Response> {
    let scope = app
        .authorise(&caller, Need::WritePersonal, "create feedback")
        .await?;
    let feedback = draft.validate(&app.store.context().await?)?;
    let stored = app.store.create_feedback(&scope, &feedback).await?;
    super::reevaluate(&app, &[&stored.feedback.customer_id]).await;
    Ok(created("feedback", &stored.feedback_id.to_string(), stored))
}

/// One piece of feedback.
#[utoipa::path(get, path = "/feedback/{feedback_id}", tag = "feedback", params(("feedback_id" = i64, Path)),
    responses((status = 200, body = FeedbackRecord), (status = 404, body = crate::Problem, content_type = "application/problem+json")))]
async fn get_feedback(
    State(app): State<AppState>,
    caller: Caller,
    Path(feedback_id): Path<String>,
) -> ApiResult<Json<FeedbackRecord>> {
    let scope = app
        .authorise(&caller, Need::ReadPersonal, "get feedback")
        .await?;
    Ok(Json(
        app.store
            .get_feedback(&scope, numeric_id("feedback", &feedback_id)?)
            .await?,
    ))
}

/// Changes feedback (merge patch).
#[utoipa::path(patch, path = "/feedback/{feedback_id}", tag = "feedback", params(("feedback_id" = i64, Path)),
    request_body(content = FeedbackDraft, content_type = "application/merge-patch+json"),
    responses((status = 200, body = FeedbackRecord),
        (status = 404, body = crate::Problem, content_type = "application/problem+json"),
        (status = 409, body = crate::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
async fn update_feedback(
    State(app): State<AppState>,
    caller: Caller,
    Path(feedback_id): Path<String>,
    JsonBody(patch): JsonBody<serde_json::Value>,
) -> ApiResult<Json<FeedbackRecord>> {
    let scope = app
        .authorise(&caller, Need::WritePersonal, "update feedback")
        .await?;
    let id = numeric_id("feedback", &feedback_id)?;
    let current = app.store.get_feedback(&scope, id).await?;
    let draft: FeedbackDraft = patched(&current, FEEDBACK_READ_ONLY, patch)?;
    let feedback = draft.validate(&app.store.context().await?)?;
    Ok(Json(
        app.store.update_feedback(&scope, id, &feedback).await?,
    ))
}

/// Deletes feedback.
#[utoipa::path(delete, path = "/feedback/{feedback_id}", tag = "feedback", params(("feedback_id" = i64, Path)),
    responses((status = 204), (status = 404, body = crate::Problem, content_type = "application/problem+json")))]
async fn delete_feedback(
    State(app): State<AppState>,
    caller: Caller,
    Path(feedback_id): Path<String>,
) -> ApiResult<StatusCode> {
    let scope = app
        .authorise(&caller, Need::WritePersonal, "delete feedback")
        .await?;
    app.store
        .delete_feedback(&scope, numeric_id("feedback", &feedback_id)?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
