//! `/api/v1/orders`.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use clientele_core::model::{ORDER_READ_ONLY, Order, OrderDraft};
use clientele_store::OrderFilter;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use clientele_store::auth::Need;

use super::{Page, created, list_request, new_id, patched};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiResult;
use crate::extract::{JsonBody, QueryParams};

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_orders, create_order))
        .routes(routes!(get_order, update_order, delete_order))
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct OrderListParams {
    customer_id: Option<String>,
    /// Ordered at or after (YYYY-MM-DD or RFC 3339).
    #[param(value_type = Option<String>, format = DateTime)]
    ordered_from: Option<String>,
    /// Ordered before.
    #[param(value_type = Option<String>, format = DateTime)]
    ordered_to: Option<String>,
    #[param(minimum = 1, maximum = 500)]
    limit: Option<u32>,
    cursor: Option<String>,
    /// `ordered_at` (default), `order_id` or `amount`; `-` in front for descending.
    sort: Option<String>,
}

/// Lists orders.
#[utoipa::path(get, path = "/orders", tag = "orders", params(OrderListParams),
    responses((status = 200, body = Page<Order>), (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
async fn list_orders(
    State(app): State<AppState>,
    caller: Caller,
    QueryParams(p): QueryParams<OrderListParams>,
) -> ApiResult<Json<Page<Order>>> {
    let scope = app
        .authorise(&caller, Need::ReadPersonal, "list orders")
        .await?;
    let filter = OrderFilter {
        customer_id: p.customer_id,
        ordered_from: p.ordered_from,
        ordered_to: p.ordered_to,
    };
    Ok(Json(
        app.store
            .list_orders(&scope, &filter, &list_request(p.limit, p.cursor, p.sort))
            .await?
            .into(),
    ))
}

/// Records an order of an existing customer; an `order_id` is generated when none is given.
#[utoipa::path(post, path = "/orders", tag = "orders", request_body = OrderDraft,
    responses(
        (status = 201, body = Order, headers(("location" = String, description = "The new order's address"))),
        (status = 409, body = crate::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
async fn create_order(
    State(app): State<AppState>,
    caller: Caller,
    JsonBody(mut draft): JsonBody<OrderDraft>,
) -> ApiResult<Response> {
    let scope = app
        .authorise(&caller, Need::WritePersonal, "create order")
        .await?;
    if draft
        .order_id
        .as_deref()
        .is_none_or(|id| id.trim().is_empty())
    {
        draft.order_id = Some(new_id("ORD"));
    }
    let order = draft.validate(&app.store.context().await?)?;
    let stored = app.store.create_order(&scope, &order).await?;
    super::reevaluate(&app, &[&stored.customer_id]).await;
    Ok(created("orders", &stored.order_id.clone(), stored))
}

/// One order.
#[utoipa::path(get, path = "/orders/{order_id}", tag = "orders",
    params(("order_id" = String, Path, description = "The business's order number")),
    responses((status = 200, body = Order), (status = 404, body = crate::Problem, content_type = "application/problem+json")))]
async fn get_order(
    State(app): State<AppState>,
    caller: Caller,
    Path(order_id): Path<String>,
) -> ApiResult<Json<Order>> {
    let scope = app
        .authorise(&caller, Need::ReadPersonal, "get order")
        .await?;
    Ok(Json(app.store.get_order(&scope, &order_id).await?))
}

/// Changes an order (merge patch).
#[utoipa::path(patch, path = "/orders/{order_id}", tag = "orders",
    params(("order_id" = String, Path, description = "The business's order number")),
    request_body(content = OrderDraft, content_type = "application/merge-patch+json"),
    responses((status = 200, body = Order),
        (status = 404, body = crate::Problem, content_type = "application/problem+json"),
        (status = 409, body = crate::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
async fn update_order(
    State(app): State<AppState>,
    caller: Caller,
    Path(order_id): Path<String>,
    JsonBody(patch): JsonBody<serde_json::Value>,
) -> ApiResult<Json<Order>> {
    let scope = app
        .authorise(&caller, Need::WritePersonal, "update order")
        .await?;
    let current = app.store.get_order(&scope, &order_id).await?;
    let draft: OrderDraft = patched(&current, ORDER_READ_ONLY, patch)?;
    let order = draft.validate(&app.store.context().await?)?;
    let stored = app.store.update_order(&scope, &order_id, &order).await?;
    // The order may have moved to another customer: both histories changed.
    super::reevaluate(&app, &[&current.customer_id, &stored.customer_id]).await;
    Ok(Json(stored))
}

/// Deletes an order.
#[utoipa::path(delete, path = "/orders/{order_id}", tag = "orders",
    params(("order_id" = String, Path, description = "The business's order number")),
    responses((status = 204), (status = 404, body = crate::Problem, content_type = "application/problem+json")))]
async fn delete_order(
    State(app): State<AppState>,
    caller: Caller,
    Path(order_id): Path<String>,
) -> ApiResult<StatusCode> {
    let scope = app
        .authorise(&caller, Need::WritePersonal, "delete order")
        .await?;
    let current = app.store.get_order(&scope, &order_id).await?;
    app.store.delete_order(&scope, &order_id).await?;
    super::reevaluate(&app, &[&current.customer_id]).await;
    Ok(StatusCode::NO_CONTENT)
}
