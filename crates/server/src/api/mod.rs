//! The REST API under `/api/v1`: one module per entity, each declaring its routes and their
//! OpenAPI description in one place.

/// A list's query string: the filter it asks for and the page.
pub(crate) trait ListParams {
    type Filter;
    fn split(self) -> (Self::Filter, clientele_store::ListRequest);
}

/// A list's query string: its filter's fields (each named as in the store's filter, which
/// fills the rest with its defaults), the page asked for with the sort keys it accepts, and
/// any filter fields listed after the page.
macro_rules! list_params {
    (
        $(#[$struct_meta:meta])*
        $name:ident => $filter:ident {
            $($(#[$meta:meta])* $field:ident: $ty:ty,)*
        }
        page {
            $(#[$limit_meta:meta])* limit,
            $(#[$cursor_meta:meta])* cursor,
            $(#[$sort_meta:meta])* sort $(,)?
        }
        $(then {
            $($(#[$then_meta:meta])* $then_field:ident: $then_ty:ty,)*
        })? $(,)?
    ) => {
        #[derive(serde::Deserialize, utoipa::IntoParams)]
        #[serde(deny_unknown_fields)]
        #[into_params(parameter_in = Query)]
        $(#[$struct_meta])*
        pub(crate) struct $name {
            $($(#[$meta])* $field: $ty,)*
            $(#[$limit_meta])*
            #[param(minimum = 1, maximum = 500)]
            limit: Option<u32>,
            $(#[$cursor_meta])*
            cursor: Option<String>,
            $(#[$sort_meta])*
            sort: Option<String>,
            $($($(#[$then_meta])* $then_field: $then_ty,)*)?
        }

        impl $crate::api::ListParams for $name {
            type Filter = $filter;
            #[allow(clippy::needless_update)]
            fn split(self) -> ($filter, clientele_store::ListRequest) {
                let filter = $filter {
                    $($field: self.$field,)*
                    $($($then_field: self.$then_field,)*)?
                    ..Default::default()
                };
                (filter, $crate::api::list_request(self.limit, self.cursor, self.sort))
            }
        }
    };
}

mod analytics;
mod customers;
mod employees;
pub(crate) mod handovers;
mod health;
mod playbooks;
mod records;
pub(crate) mod session;
mod tasks;
mod transitions;
pub(crate) mod types;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;

use crate::AppState;
use crate::error::{ApiError, ApiResult};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Clientele API",
        description = "The customer base of a business and what kind of customer each one is. \
            Errors are RFC 9457 application/problem+json. Lists are paginated with opaque cursors: \
            pass `next_cursor` back as `cursor`. Money is exact decimal text in the business currency; \
            instants are RFC 3339 in UTC.",
        license(name = "AGPL-3.0-or-later")
    ),
    tags(
        (name = "customers", description = "People and organisations the business serves"),
        (name = "employees", description = "The people who own customer relationships"),
        (name = "orders", description = "What customers bought"),
        (name = "costs", description = "What serving a customer cost: support time, discounts, returns, shipping"),
        (name = "interactions", description = "Calls, e-mails, SMS, chats, meetings and visits"),
        (name = "complaints", description = "Complaints, open and resolved"),
        (name = "feedback", description = "NPS and CSAT answers"),
        (name = "tasks", description = "Work about a customer for an employee: calls to make, complaints to settle; made by people and playbooks"),
        (name = "transitions", description = "Dated changes of a customer's stage, tier and flags (read-only)"),
        (name = "analytics", description = "The base-wide models (BG/NBD, Gamma-Gamma, CLV) and the figures built on them"),
        (name = "types", description = "The type engine: each customer's stage, tier and flags with evidence and actions, the segment counts, and the thresholds"),
        (name = "health", description = "Liveness of the server and its database"),
        (name = "session", description = "Signing in and out, passwords, API tokens and the audit log"),
    ),
    modifiers(&Security),
    security(("bearer" = []), ("session" = []))
)]
struct ApiDoc;

/// Every route but the public few needs a bearer token or a session cookie (whose
/// state-changing requests also carry `X-CSRF-Token`).
struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("An API token (`POST /api/v1/tokens`)"))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                "clientele_session",
                "The session cookie of `POST /api/v1/session`; changes also need the `X-CSRF-Token` header",
            ))),
        );
    }
}

/// Every route with its OpenAPI description.
pub(crate) fn router() -> OpenApiRouter<AppState> {
    let v1 = OpenApiRouter::new()
        .merge(customers::router())
        .merge(employees::router())
        .merge(records::router())
        .merge(transitions::router())
        .merge(analytics::router())
        .merge(types::router())
        .merge(session::router())
        .merge(handovers::router())
        .merge(tasks::router())
        .merge(playbooks::router());
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .nest("/api/v1", v1)
        .merge(health::router())
}

/// One page of a list.
#[derive(Serialize, ToSchema)]
pub(crate) struct Page<T> {
    pub items: Vec<T>,
    /// Pass back as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

impl<T> From<clientele_store::Page<T>> for Page<T> {
    fn from(page: clientele_store::Page<T>) -> Self {
        Page {
            items: page.items,
            next_cursor: page.next_cursor,
        }
    }
}

/// Paging parameters shared by every list.
pub(crate) fn list_request(
    limit: Option<u32>,
    cursor: Option<String>,
    sort: Option<String>,
) -> clientele_store::ListRequest {
    clientele_store::ListRequest {
        limit,
        cursor,
        sort,
    }
}

/// Characters kept as they are in a path segment (RFC 3986 unreserved).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// `201 Created` with the new record's address and the record.
pub(crate) fn created<T: Serialize>(collection: &str, id: &str, body: T) -> Response {
    let location = format!("/api/v1/{collection}/{}", utf8_percent_encode(id, SEGMENT));
    let mut response = (StatusCode::CREATED, axum::Json(body)).into_response();
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// A numeric id from the path; anything else names nothing.
pub(crate) fn numeric_id(entity: &str, text: &str) -> ApiResult<i64> {
    text.parse::<i64>()
        .map_err(|_| ApiError::NotFound(format!("{entity} `{text}` was not found")))
}

/// Declares, on every operation, the problems any request may meet besides those its handler
/// names: 401 and 403 where a caller is needed, 404 where the path names a record, 422 where
/// parameters or a body are read, and 400, 413, 415 where a body is read. So a client (or a
/// fuzzer) finds every status the API answers in the document.
pub(crate) fn document_problems(document: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::content::ContentBuilder;
    use utoipa::openapi::{Ref, RefOr, ResponseBuilder};
    let problem = |description: &str| {
        RefOr::T(
            ResponseBuilder::new()
                .description(description)
                .content(
                    "application/problem+json",
                    ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name("Problem")))
                        .build(),
                )
                .build(),
        )
    };
    for (path, item) in document.paths.paths.iter_mut() {
        let names_a_record = path.contains('{');
        for operation in [
            &mut item.get,
            &mut item.post,
            &mut item.put,
            &mut item.patch,
            &mut item.delete,
        ]
        .into_iter()
        .flatten()
        {
            // `security(())` marks a public operation: one empty requirement.
            let public = operation.security.as_ref().is_some_and(|s| {
                s.iter()
                    .all(|r| serde_json::to_value(r).is_ok_and(|v| v == serde_json::json!({})))
            });
            let reads_input = operation.parameters.as_ref().is_some_and(|p| !p.is_empty())
                || operation.request_body.is_some();
            let mut add = |status: &str, description: &str| {
                operation
                    .responses
                    .responses
                    .entry(status.to_owned())
                    .or_insert_with(|| problem(description));
            };
            if !public {
                add("401", "No valid session or API token");
                add(
                    "403",
                    "Signed in, but not allowed (or a missing CSRF token)",
                );
            }
            // A body may name records too (a token's employee, a handover's people).
            if names_a_record || (!public && operation.request_body.is_some()) {
                add(
                    "404",
                    "No such record (in the path or named in the body), or not one the caller may see",
                );
            }
            if reads_input {
                add("422", "Invalid parameters or values, each named");
            }
            if operation.request_body.is_some() {
                add("400", "The body is not JSON");
                add("413", "The body is too large");
                add("415", "The body is not sent as JSON");
            }
        }
    }
}
