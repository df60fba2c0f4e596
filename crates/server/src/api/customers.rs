//! `/api/v1/customers`.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use clientele_core::model::{CUSTOMER_READ_ONLY, Customer, CustomerDraft};
use clientele_store::CustomerFilter;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{Page, SCOPE, created, list_request, new_id, patched};
use crate::AppState;
use crate::error::ApiResult;
use crate::extract::{JsonBody, QueryParams};

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_customers, create_customer))
        .routes(routes!(get_customer, update_customer, delete_customer))
}

/// Filters, order and page of a customer list.
#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct CustomerListParams {
    /// `external`, `intermediary` or `internal`.
    kind: Option<String>,
    /// `person` or `organisation`.
    party: Option<String>,
    /// The owner's e-mail, or `none` for customers without an owner.
    owner_email: Option<String>,
    acquisition_channel: Option<String>,
    /// ISO 3166-1 two-letter code.
    country: Option<String>,
    tag: Option<String>,
    /// Members of this organisation.
    organisation_id: Option<String>,
    /// Created at or after (YYYY-MM-DD or RFC 3339).
    created_from: Option<String>,
    /// Created before (YYYY-MM-DD or RFC 3339).
    created_to: Option<String>,
    /// Text in the name, e-mail or telephone; case, Arabic/Persian letter variants and
    /// zero-width joiners do not matter.
    q: Option<String>,
    /// Lifecycle stage at the last evaluation: prospect, new, repeat, lapsed, lost, reborn.
    stage: Option<String>,
    /// Value tier at the last evaluation: A, B or C.
    tier: Option<String>,
    /// A flag at the last evaluation: dissatisfied, windbag, unprofitable, let_go,
    /// ideal_prospect, owner_risk.
    flag: Option<String>,
    /// Rows per page, 1–500 (default 50).
    limit: Option<u32>,
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
    /// `customer_id` (default), `name`, `created_at` or `updated_at`; `-` in front for descending.
    sort: Option<String>,
}

/// Lists customers.
#[utoipa::path(get, path = "/customers", tag = "customers", params(CustomerListParams),
    responses((status = 200, body = Page<Customer>), (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
async fn list_customers(
    State(app): State<AppState>,
    QueryParams(p): QueryParams<CustomerListParams>,
) -> ApiResult<Json<Page<Customer>>> {
    let filter = CustomerFilter {
        kind: p.kind,
        party: p.party,
        owner_email: p.owner_email,
        acquisition_channel: p.acquisition_channel,
        country: p.country,
        tag: p.tag,
        organisation_id: p.organisation_id,
        created_from: p.created_from,
        created_to: p.created_to,
        q: p.q,
        stage: p.stage,
        tier: p.tier,
        flag: p.flag,
    };
    let page = app
        .store
        .list_customers(&SCOPE, &filter, &list_request(p.limit, p.cursor, p.sort))
        .await?;
    Ok(Json(page.into()))
}

/// Creates a customer; a `customer_id` is generated when none is given.
#[utoipa::path(post, path = "/customers", tag = "customers", request_body = CustomerDraft,
    responses(
        (status = 201, body = Customer, headers(("location" = String, description = "The new customer's address"))),
        (status = 409, body = crate::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
async fn create_customer(
    State(app): State<AppState>,
    JsonBody(mut draft): JsonBody<CustomerDraft>,
) -> ApiResult<Response> {
    if draft
        .customer_id
        .as_deref()
        .is_none_or(|id| id.trim().is_empty())
    {
        draft.customer_id = Some(new_id("CUS"));
    }
    let customer = draft.validate(&app.store.context().await?)?;
    let stored = app.store.create_customer(&SCOPE, &customer).await?;
    super::reevaluate(&app, &[&stored.customer_id]).await;
    Ok(created("customers", &stored.customer_id.clone(), stored))
}

/// One customer.
#[utoipa::path(get, path = "/customers/{customer_id}", tag = "customers",
    params(("customer_id" = String, Path, description = "The business's id of the customer")),
    responses((status = 200, body = Customer), (status = 404, body = crate::Problem, content_type = "application/problem+json")))]
async fn get_customer(
    State(app): State<AppState>,
    Path(customer_id): Path<String>,
) -> ApiResult<Json<Customer>> {
    Ok(Json(app.store.get_customer(&SCOPE, &customer_id).await?))
}

/// Changes a customer: an RFC 7396 merge patch (fields given replace, `null` clears).
#[utoipa::path(patch, path = "/customers/{customer_id}", tag = "customers",
    params(("customer_id" = String, Path, description = "The business's id of the customer")),
    request_body(content = CustomerDraft, content_type = "application/merge-patch+json"),
    responses((status = 200, body = Customer),
        (status = 404, body = crate::Problem, content_type = "application/problem+json"),
        (status = 409, body = crate::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
async fn update_customer(
    State(app): State<AppState>,
    Path(customer_id): Path<String>,
    JsonBody(patch): JsonBody<serde_json::Value>,
) -> ApiResult<Json<Customer>> {
    let current = app.store.get_customer(&SCOPE, &customer_id).await?;
    let draft: CustomerDraft = patched(&current, CUSTOMER_READ_ONLY, patch)?;
    let customer = draft.validate(&app.store.context().await?)?;
    let stored = app
        .store
        .update_customer(&SCOPE, &customer_id, &customer)
        .await?;
    // Kind, role, owner and acquisition cost all enter the rules.
    super::reevaluate(&app, &[&stored.customer_id]).await;
    Ok(Json(stored))
}

/// Deletes a customer with everything recorded about them.
#[utoipa::path(delete, path = "/customers/{customer_id}", tag = "customers",
    params(("customer_id" = String, Path, description = "The business's id of the customer")),
    responses((status = 204), (status = 404, body = crate::Problem, content_type = "application/problem+json")))]
async fn delete_customer(
    State(app): State<AppState>,
    Path(customer_id): Path<String>,
) -> ApiResult<StatusCode> {
    app.store.delete_customer(&SCOPE, &customer_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
