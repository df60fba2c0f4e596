//! `/api/v1/orders`, `/costs`, `/interactions`, `/complaints` and `/feedback`: what is
//! recorded about a customer. Every kind answers the same five operations through the
//! application layer's one generic path; [`record_api!`] declares each kind's routes with
//! their OpenAPI description.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use clientele_app::{
    ComplaintRecord, CostRecord, FeedbackRecordKind, InteractionRecordKind, OrderRecord, Record,
};
use clientele_core::model::{
    Complaint, ComplaintDraft, CostToServeDraft, CostToServeRecord, FeedbackDraft, FeedbackRecord,
    InteractionDraft, InteractionRecord, Order, OrderDraft,
};
use clientele_store::{
    ComplaintFilter, CostFilter, FeedbackFilter, InteractionFilter, OrderFilter,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{ListParams, Page, created};
use crate::AppState;
use crate::auth::{Caller, audited};
use crate::error::ApiResult;
use crate::extract::{JsonBody, QueryParams};

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_orders, create_order))
        .routes(routes!(get_order, update_order, delete_order))
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

/// The five handlers of one kind of record: list, create, get, update (merge patch), delete.
macro_rules! record_api {
    (
        $kind:ty, tag: $tag:tt, collection: $collection:tt, item: $item:tt,
        key: $key:tt, draft: $draft:ty, stored: $stored:ty, params: $params:ty,
        list: $list:ident $list_doc:tt, create: $create:ident $create_doc:tt $location:tt,
        get: $get:ident $get_doc:tt, update: $update:ident $update_doc:tt,
        delete: $delete:ident $delete_doc:tt $(,)?
    ) => {
        #[doc = $list_doc]
        #[utoipa::path(get, path = $collection, tag = $tag, params($params),
            responses((status = 200, body = Page<$stored>), (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
        async fn $list(
            State(app): State<AppState>,
            caller: Caller,
            QueryParams(p): QueryParams<$params>,
        ) -> ApiResult<Json<Page<$stored>>> {
            let (filter, request) = p.split();
            Ok(Json(
                app.app
                    .list_records::<$kind>(&caller, &filter, &request)
                    .await?
                    .into(),
            ))
        }

        #[doc = $create_doc]
        #[utoipa::path(post, path = $collection, tag = $tag, request_body = $draft,
            responses(
                (status = 201, body = $stored, headers(("location" = String, description = $location))),
                (status = 409, body = crate::Problem, content_type = "application/problem+json"),
                (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
        async fn $create(
            State(app): State<AppState>,
            caller: Caller,
            JsonBody(draft): JsonBody<$draft>,
        ) -> ApiResult<Response> {
            let stored = app.app.create_record::<$kind>(&caller, draft).await?;
            let key = <$kind as Record>::key_of(&stored);
            Ok(audited(created(<$kind as Record>::PLURAL, &key, stored)))
        }

        #[doc = $get_doc]
        #[utoipa::path(get, path = $item, tag = $tag, params($key),
            responses((status = 200, body = $stored), (status = 404, body = crate::Problem, content_type = "application/problem+json")))]
        async fn $get(
            State(app): State<AppState>,
            caller: Caller,
            Path(key): Path<String>,
        ) -> ApiResult<Json<$stored>> {
            Ok(Json(app.app.get_record::<$kind>(&caller, &key).await?))
        }

        #[doc = $update_doc]
        #[utoipa::path(patch, path = $item, tag = $tag, params($key),
            request_body(content = $draft, content_type = "application/merge-patch+json"),
            responses((status = 200, body = $stored),
                (status = 404, body = crate::Problem, content_type = "application/problem+json"),
                (status = 409, body = crate::Problem, content_type = "application/problem+json"),
                (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
        async fn $update(
            State(app): State<AppState>,
            caller: Caller,
            Path(key): Path<String>,
            JsonBody(patch): JsonBody<serde_json::Value>,
        ) -> ApiResult<Response> {
            let stored = app.app.update_record::<$kind>(&caller, &key, patch).await?;
            Ok(audited(Json(stored)))
        }

        #[doc = $delete_doc]
        #[utoipa::path(delete, path = $item, tag = $tag, params($key),
            responses((status = 204), (status = 404, body = crate::Problem, content_type = "application/problem+json")))]
        async fn $delete(
            State(app): State<AppState>,
            caller: Caller,
            Path(key): Path<String>,
        ) -> ApiResult<Response> {
            app.app.delete_record::<$kind>(&caller, &key).await?;
            Ok(audited(StatusCode::NO_CONTENT))
        }
    };
}

// ----- orders ----------------------------------------------------------------------------

list_params!(
    OrderListParams => OrderFilter {
        customer_id: Option<String>,
        /// Ordered at or after (YYYY-MM-DD or RFC 3339).
        #[param(value_type = Option<String>, format = DateTime)]
        ordered_from: Option<String>,
        /// Ordered before.
        #[param(value_type = Option<String>, format = DateTime)]
        ordered_to: Option<String>,
    }
    page {
        limit,
        cursor,
        /// `ordered_at` (default), `order_id` or `amount`; `-` in front for descending.
        sort,
    }
);

record_api!(
    OrderRecord, tag: "orders", collection: "/orders", item: "/orders/{order_id}",
    key: ("order_id" = String, Path, description = "The business's order number"),
    draft: OrderDraft, stored: Order, params: OrderListParams,
    list: list_orders " Lists orders.",
    create: create_order
        " Records an order of an existing customer; an `order_id` is generated when none is given."
        "The new order's address",
    get: get_order " One order.",
    update: update_order " Changes an order (merge patch).",
    delete: delete_order " Deletes an order.",
);

// ----- costs -----------------------------------------------------------------------------

list_params!(
    CostListParams => CostFilter {
        customer_id: Option<String>,
        category: Option<String>,
        /// Incurred at or after (YYYY-MM-DD or RFC 3339).
        from: Option<String>,
        /// Incurred before.
        to: Option<String>,
    }
    page {
        limit,
        cursor,
        /// `incurred_at` (default) or `amount`; `-` in front for descending.
        sort,
    }
);

record_api!(
    CostRecord, tag: "costs", collection: "/costs", item: "/costs/{cost_id}",
    key: ("cost_id" = i64, Path),
    draft: CostToServeDraft, stored: CostToServeRecord, params: CostListParams,
    list: list_costs " Lists cost-to-serve entries.",
    create: create_cost " Records a cost of serving a customer." "The new entry's address",
    get: get_cost " One cost entry.",
    update: update_cost " Changes a cost entry (merge patch).",
    delete: delete_cost " Deletes a cost entry.",
);

// ----- interactions ----------------------------------------------------------------------

list_params!(
    InteractionListParams => InteractionFilter {
        customer_id: Option<String>,
        /// `call`, `email`, `sms`, `chat`, `meeting` or `visit`.
        #[param(value_type = Option<clientele_core::Channel>, inline)]
        channel: Option<String>,
        employee_email: Option<String>,
        /// At or after (YYYY-MM-DD or RFC 3339).
        from: Option<String>,
        /// Before.
        to: Option<String>,
    }
    page {
        limit,
        cursor,
        /// `occurred_at` (default); `-occurred_at` for the latest first.
        sort,
    }
);

record_api!(
    InteractionRecordKind, tag: "interactions", collection: "/interactions",
    item: "/interactions/{interaction_id}", key: ("interaction_id" = i64, Path),
    draft: InteractionDraft, stored: InteractionRecord, params: InteractionListParams,
    list: list_interactions " Lists interactions.",
    create: create_interaction " Records an interaction." "The new interaction's address",
    get: get_interaction " One interaction.",
    update: update_interaction " Changes an interaction (merge patch).",
    delete: delete_interaction " Deletes an interaction.",
);

// ----- complaints ------------------------------------------------------------------------

list_params!(
    ComplaintListParams => ComplaintFilter {
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
    }
    page {
        limit,
        cursor,
        /// `opened_at` (default) or `complaint_id`; `-` in front for descending.
        sort,
    }
);

record_api!(
    ComplaintRecord, tag: "complaints", collection: "/complaints",
    item: "/complaints/{complaint_id}",
    key: ("complaint_id" = String, Path, description = "The business's ticket number"),
    draft: ComplaintDraft, stored: Complaint, params: ComplaintListParams,
    list: list_complaints " Lists complaints.",
    create: create_complaint
        " Records a complaint; a `complaint_id` is generated when none is given."
        "The new complaint's address",
    get: get_complaint " One complaint.",
    update: update_complaint " Changes a complaint (merge patch); set `resolved_at` to close it.",
    delete: delete_complaint " Deletes a complaint.",
);

// ----- feedback --------------------------------------------------------------------------

list_params!(
    FeedbackListParams => FeedbackFilter {
        customer_id: Option<String>,
        /// Given at or after (YYYY-MM-DD or RFC 3339).
        from: Option<String>,
        /// Given before.
        to: Option<String>,
    }
    page {
        limit,
        cursor,
        /// `given_at` (default); `-given_at` for the latest first.
        sort,
    }
);

record_api!(
    FeedbackRecordKind, tag: "feedback", collection: "/feedback",
    item: "/feedback/{feedback_id}", key: ("feedback_id" = i64, Path),
    draft: FeedbackDraft, stored: FeedbackRecord, params: FeedbackListParams,
    list: list_feedback " Lists feedback.",
    create: create_feedback
        " Records feedback: an NPS answer, a CSAT score, or both."
        "The new feedback's address",
    get: get_feedback " One piece of feedback.",
    update: update_feedback " Changes feedback (merge patch).",
    delete: delete_feedback " Deletes feedback.",
);
