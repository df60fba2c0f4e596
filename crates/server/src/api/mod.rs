//! The REST API under `/api/v1`: one module per entity, each declaring its routes and their
//! OpenAPI description in one place.

mod activity;
mod analytics;
mod customers;
mod employees;
pub(crate) mod handovers;
mod health;
mod orders;
pub(crate) mod session;
mod transitions;
pub(crate) mod types;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;
use serde::de::DeserializeOwned;
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
        .merge(orders::router())
        .merge(activity::router())
        .merge(transitions::router())
        .merge(analytics::router())
        .merge(types::router())
        .merge(session::router())
        .merge(handovers::router());
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

/// A fresh business id for a record created without one, e.g. `CUS-3f2a9c41b7d0`.
pub(crate) fn new_id(prefix: &str) -> String {
    let uuid = uuid::Uuid::new_v4().simple().to_string();
    format!("{prefix}-{}", &uuid[..12])
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

/// Applies an RFC 7396 merge patch to a stored record and reads the result back as the
/// entity's draft, which then goes through the same validation as a new record.
pub(crate) fn patched<T: Serialize, D: DeserializeOwned>(
    current: &T,
    read_only: &[&str],
    patch: serde_json::Value,
) -> ApiResult<D> {
    let serde_json::Value::Object(patch) = patch else {
        return Err(ApiError::invalid(
            "body",
            "a merge patch is a JSON object of the fields to change",
        ));
    };
    for field in read_only {
        if patch.contains_key(*field) {
            return Err(ApiError::invalid(field, "cannot be changed"));
        }
    }
    let mut document =
        serde_json::to_value(current).map_err(|e| ApiError::Internal(e.to_string()))?;
    if let serde_json::Value::Object(map) = &mut document {
        for field in read_only {
            map.remove(*field);
        }
        map.retain(|_, v| !v.is_null());
    }
    clientele_core::model::merge_patch(&mut document, &serde_json::Value::Object(patch));
    let bytes = serde_json::to_vec(&document).map_err(|e| ApiError::Internal(e.to_string()))?;
    crate::extract::parse_json(&bytes)
}

/// A numeric id from the path; anything else names nothing.
pub(crate) fn numeric_id(entity: &str, text: &str) -> ApiResult<i64> {
    text.parse::<i64>()
        .map_err(|_| ApiError::NotFound(format!("{entity} `{text}` was not found")))
}

/// Re-evaluates the types of customers whose history an edit changed, with the models of the
/// last full pass (a system path of the type engine, whoever made the edit). The edit itself
/// is stored already; a failure here leaves the types as they were until the next pass, so
/// it is logged rather than answered.
pub(crate) async fn reevaluate(app: &AppState, customer_ids: &[&str]) {
    let now = clientele_core::time::to_millis(jiff::Timestamp::now());
    if let Err(e) = app.store.reclassify(customer_ids, now).await {
        tracing::warn!(error = %e, ?customer_ids, "re-evaluating customer types failed");
    }
}

/// The names of the top-level fields that differ between two versions of a record: what an
/// update changed, for the audit log (names, never values).
pub(crate) fn changed_fields<T: Serialize>(before: &T, after: &T) -> Vec<String> {
    let (Ok(serde_json::Value::Object(before)), Ok(serde_json::Value::Object(after))) =
        (serde_json::to_value(before), serde_json::to_value(after))
    else {
        return Vec::new();
    };
    let mut fields: Vec<String> = after
        .iter()
        .filter(|(k, v)| before.get(*k) != Some(*v))
        .map(|(k, _)| k.clone())
        .filter(|k| k != "updated_at")
        .collect();
    fields.extend(before.keys().filter(|k| !after.contains_key(*k)).cloned());
    fields.sort();
    fields
}

/// The owner a customer gets when the caller creates or changes it: an admin names anyone;
/// anyone else gets themselves by default and may name only an owner whose customers they
/// can see (no request decides access by naming an owner).
pub(crate) async fn check_owner(
    app: &AppState,
    caller: &crate::auth::Caller,
    scope: &clientele_store::AccessScope,
    owner: &mut Option<String>,
    defaulted: bool,
) -> ApiResult<()> {
    if matches!(scope, clientele_store::AccessScope::All) {
        return Ok(());
    }
    match owner.as_deref().map(str::trim).filter(|o| !o.is_empty()) {
        None if defaulted => {
            *owner = Some(caller.principal.email.clone());
            Ok(())
        }
        None => Err(ApiError::invalid(
            "owner_email",
            "only an admin can leave a customer without an owner",
        )),
        Some(email) => {
            if app.store.scope_covers_owner(scope, email).await? {
                Ok(())
            } else {
                Err(ApiError::invalid(
                    "owner_email",
                    "you may make owner only yourself or, as a manager, someone in your team",
                ))
            }
        }
    }
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
