//! `/api/v1/customers`.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use clientele_core::model::{Customer, CustomerDraft};
use clientele_store::CustomerFilter;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use clientele_store::auth::Need;

use super::{ListParams, Page, created};
use crate::AppState;
use crate::auth::{Caller, audited};
use crate::error::ApiResult;
use crate::extract::{JsonBody, QueryParams};

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_customers, create_customer))
        .routes(routes!(get_customer, update_customer, delete_customer))
        .routes(routes!(export_customer))
        .routes(routes!(erase_customer))
}

list_params!(
    /// Filters, order and page of a customer list.
    CustomerListParams => CustomerFilter {
        /// `external`, `intermediary` or `internal`.
        #[param(value_type = Option<clientele_core::CustomerKind>, inline)]
        kind: Option<String>,
        /// `person` or `organisation`.
        #[param(value_type = Option<clientele_core::Party>, inline)]
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
        #[param(value_type = Option<String>, format = DateTime)]
        created_from: Option<String>,
        /// Created before (YYYY-MM-DD or RFC 3339).
        #[param(value_type = Option<String>, format = DateTime)]
        created_to: Option<String>,
        /// Text in the name, e-mail or telephone; case, Arabic/Persian letter variants and
        /// zero-width joiners do not matter.
        q: Option<String>,
        /// Lifecycle stage at the last evaluation: prospect, new, repeat, lapsed, lost, reborn.
        #[param(value_type = Option<clientele_core::Stage>, inline)]
        stage: Option<String>,
        /// Value tier at the last evaluation: A, B or C.
        #[param(pattern = "^[ABC]$")]
        tier: Option<String>,
        /// A flag at the last evaluation: dissatisfied, windbag, unprofitable, let_go,
        /// ideal_prospect, owner_risk.
        #[param(value_type = Option<clientele_core::Flag>, inline)]
        flag: Option<String>,
    }
    page {
        /// Rows per page, 1–500 (default 50).
        limit,
        /// `next_cursor` of the previous page.
        cursor,
        /// `customer_id` (default), `name`, `created_at` or `updated_at`; `-` in front for descending.
        sort,
    }
    then {
        /// `true`: customers whose owner has left or who have none, to hand over.
        unassigned: Option<bool>,
    }
);

/// Lists customers.
#[utoipa::path(get, path = "/customers", tag = "customers", params(CustomerListParams),
    responses((status = 200, body = Page<Customer>), (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
async fn list_customers(
    State(app): State<AppState>,
    caller: Caller,
    QueryParams(p): QueryParams<CustomerListParams>,
) -> ApiResult<Json<Page<Customer>>> {
    let scope = app
        .authorise(&caller, Need::ReadPersonal, "list customers")
        .await?;
    let (filter, request) = p.split();
    let page = app.store.list_customers(&scope, &filter, &request).await?;
    app.record(
        &app.entry(&caller, "list")
            .about("customer")
            .with(serde_json::json!({ "rows": page.items.len() })),
    )
    .await;
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
    caller: Caller,
    JsonBody(draft): JsonBody<CustomerDraft>,
) -> ApiResult<Response> {
    let stored = app.app.create_customer(&caller, draft).await?;
    Ok(audited(created(
        "customers",
        &stored.customer_id.clone(),
        stored,
    )))
}

/// One customer.
#[utoipa::path(get, path = "/customers/{customer_id}", tag = "customers",
    params(("customer_id" = String, Path, description = "The business's id of the customer")),
    responses((status = 200, body = Customer), (status = 404, body = crate::Problem, content_type = "application/problem+json")))]
async fn get_customer(
    State(app): State<AppState>,
    caller: Caller,
    Path(customer_id): Path<String>,
) -> ApiResult<Json<Customer>> {
    let scope = app
        .authorise(&caller, Need::ReadPersonal, "read a customer")
        .await?;
    Ok(Json(app.store.get_customer(&scope, &customer_id).await?))
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
    caller: Caller,
    Path(customer_id): Path<String>,
    JsonBody(patch): JsonBody<serde_json::Value>,
) -> ApiResult<Response> {
    let stored = app
        .app
        .update_customer(&caller, &customer_id, patch)
        .await?;
    Ok(audited(Json(stored)))
}

/// Deletes a customer with everything recorded about them.
#[utoipa::path(delete, path = "/customers/{customer_id}", tag = "customers",
    params(("customer_id" = String, Path, description = "The business's id of the customer")),
    responses((status = 204), (status = 404, body = crate::Problem, content_type = "application/problem+json")))]
async fn delete_customer(
    State(app): State<AppState>,
    caller: Caller,
    Path(customer_id): Path<String>,
) -> ApiResult<Response> {
    app.app.delete_customer(&caller, &customer_id).await?;
    Ok(audited(StatusCode::NO_CONTENT))
}

/// Everything held about one customer, as one JSON document (a data subject's right of
/// access). Audited as an export.
#[utoipa::path(get, path = "/customers/{customer_id}/export", tag = "customers",
    params(("customer_id" = String, Path, description = "The business's id of the customer")),
    responses((status = 200, body = clientele_store::subject::SubjectExport),
        (status = 404, body = crate::Problem, content_type = "application/problem+json")))]
async fn export_customer(
    State(app): State<AppState>,
    caller: Caller,
    Path(customer_id): Path<String>,
) -> ApiResult<Json<clientele_store::subject::SubjectExport>> {
    Ok(Json(app.app.export_customer(&caller, &customer_id).await?))
}

/// Erases a customer for good (admins): personal fields and free texts removed, ids replaced
/// by pseudonyms, orders kept as anonymous figures. Audited; cannot be undone.
#[utoipa::path(post, path = "/customers/{customer_id}/erase", tag = "customers",
    params(("customer_id" = String, Path, description = "The business's id of the customer")),
    responses((status = 200, body = clientele_store::subject::Erasure),
        (status = 403, body = crate::Problem, content_type = "application/problem+json"),
        (status = 404, body = crate::Problem, content_type = "application/problem+json")))]
async fn erase_customer(
    State(app): State<AppState>,
    caller: Caller,
    Path(customer_id): Path<String>,
) -> ApiResult<Response> {
    Ok(audited(Json(
        app.app.erase_customer(&caller, &customer_id).await?,
    )))
}
