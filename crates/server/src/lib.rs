//! Clientele's HTTP edge: the REST API under `/api/v1`, its OpenAPI 3.1 document (generated
//! from the handlers, so it cannot drift from them) with a vendored Swagger UI, and `/healthz`.
//!
//! Handlers are thin: validation lives in the core crate's drafts, SQL and access rules in
//! the store. Every failure is answered as RFC 9457 problem+json.

mod api;
mod error;
mod extract;

use std::future::Future;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use clientele_store::Store;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use utoipa::openapi::OpenApi;
use utoipa_swagger_ui::SwaggerUi;

pub use error::{ApiError, Problem};

/// How the server behaves.
#[derive(Clone, Debug)]
pub struct ServerConfig {
    /// Largest request body read, in bytes; larger ones are answered 413.
    pub max_body_bytes: usize,
    /// How long a request may take before it is answered 408.
    pub request_timeout: Duration,
    /// The type thresholds of the settings file (or the spec's defaults); what an admin
    /// stores at run time wins over them.
    pub type_settings: clientele_core::classify::TypeSettings,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            max_body_bytes: 1024 * 1024,
            request_timeout: Duration::from_secs(30),
            type_settings: clientele_core::classify::TypeSettings::default(),
        }
    }
}

/// What every handler shares.
#[derive(Clone)]
pub(crate) struct AppState {
    pub store: Store,
    pub type_settings: clientele_core::classify::TypeSettings,
}

/// The OpenAPI document of the API, as the handlers declare it.
pub fn openapi() -> OpenApi {
    api::router().split_for_parts().1
}

/// The whole application: API, OpenAPI document, Swagger UI and health check.
pub fn app(store: Store, config: &ServerConfig) -> Router {
    let (api, document) = api::router().split_for_parts();
    // Swagger UI serves the document at /api/v1/openapi.json and its page at /api/docs, all
    // from files built into the binary.
    let swagger: Router = SwaggerUi::new("/api/docs")
        .url("/api/v1/openapi.json", document)
        .into();
    Router::new()
        .merge(api.with_state(AppState {
            store,
            type_settings: config.type_settings,
        }))
        .merge(swagger)
        .fallback(not_found)
        .layer(axum::Extension(extract::BodyLimit(config.max_body_bytes)))
        .layer(DefaultBodyLimit::max(config.max_body_bytes))
        .layer(CatchPanicLayer::custom(|_| {
            ApiError::Internal("a handler panicked".into()).into_response()
        }))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            config.request_timeout,
        ))
        // Outside the timeout and the method router, so their bare answers become problems.
        .layer(axum::middleware::map_response(problem_for_bare_errors))
        .layer(TraceLayer::new_for_http())
}

/// Serves the application on `listener` until `shutdown` resolves, then finishes the
/// requests under way.
pub async fn serve(
    listener: tokio::net::TcpListener,
    store: Store,
    config: ServerConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app(store, &config))
        .with_graceful_shutdown(shutdown)
        .await
}

async fn not_found(uri: axum::http::Uri) -> Response {
    ApiError::NotFound(format!("nothing is at {}", uri.path())).into_response()
}

/// Axum answers a wrong method (405) and a timeout (408) with an empty body; every error
/// of ours is problem+json.
async fn problem_for_bare_errors(response: Response) -> Response {
    let status = response.status();
    let bare = (status.is_client_error() || status.is_server_error())
        && !response.headers().contains_key(header::CONTENT_TYPE);
    if !bare {
        return response;
    }
    let detail = match status {
        StatusCode::METHOD_NOT_ALLOWED => "this resource does not answer that method".to_owned(),
        StatusCode::REQUEST_TIMEOUT => "the request took too long and was stopped".to_owned(),
        other => other.canonical_reason().unwrap_or("error").to_lowercase(),
    };
    let mut problem = error::problem(status, "about:blank", detail, Vec::new());
    if let Some(allow) = response.headers().get(header::ALLOW) {
        problem.headers_mut().insert(header::ALLOW, allow.clone());
    }
    problem
}
