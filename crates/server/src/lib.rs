//! Clientele's HTTP edge: the REST API under `/api/v1`, its OpenAPI 3.1 document (generated
//! from the handlers, so it cannot drift from them) with a vendored Swagger UI, `/healthz`,
//! and the server-rendered web app (`web`: pages in four languages, forms, charts).
//!
//! Handlers are thin: they parse the request, call the application layer
//! (`clientele-app`, where every use case that changes data lives: validation, scope,
//! write, re-evaluation, audit) and render its answer. They may read through the store;
//! they never write through it (`clippy.toml` forbids it). Every failure is answered as
//! RFC 9457 problem+json, or as a page in the reader's language.

mod api;
mod auth;
mod error;
mod extract;
mod web;

pub use auth::{AuthConfig, trusted_proxy};
pub use ipnet::IpNet;

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
    /// Sessions, cookies and sign-in limits.
    pub auth: AuthConfig,
    /// How long one `probe` audit entry gathers an actor's reads refused as not found.
    pub probe_window: Duration,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            max_body_bytes: 1024 * 1024,
            request_timeout: Duration::from_secs(30),
            type_settings: clientele_core::classify::TypeSettings::default(),
            auth: AuthConfig::default(),
            probe_window: Duration::from_secs(60),
        }
    }
}

/// What every handler shares.
#[derive(Clone)]
pub(crate) struct AppState {
    /// Every use case that changes data (and the read models of the pages).
    pub app: clientele_app::App,
    /// The same store, for the reads handlers make themselves.
    pub store: Store,
    pub auth: std::sync::Arc<AuthConfig>,
    pub limiter: auth::AddressLimiter,
    /// The charts' figures per access scope, kept in memory.
    pub insights: web::insights::InsightsCache,
    /// The dashboard's counts per access scope, dropped by any change.
    pub dashboard: web::dashboard_cache::DashboardCache,
}

/// The OpenAPI document of the API, as the handlers declare it.
pub fn openapi() -> OpenApi {
    let mut document = api::router().split_for_parts().1;
    api::document_problems(&mut document);
    document
}

/// The whole application: API, OpenAPI document, Swagger UI and health check.
pub fn app(store: Store, config: &ServerConfig) -> Router {
    let (api, mut document) = api::router().split_for_parts();
    api::document_problems(&mut document);
    // Swagger UI serves the document at /api/v1/openapi.json and its page at /api/docs, all
    // from files built into the binary.
    let swagger: Router = SwaggerUi::new("/api/docs")
        .url("/api/v1/openapi.json", document)
        .into();
    let state = AppState {
        app: clientele_app::App::new(store.clone(), config.type_settings)
            .with_probe_window(config.probe_window),
        store,
        auth: std::sync::Arc::new(config.auth.clone()),
        limiter: auth::AddressLimiter::default(),
        insights: web::insights::InsightsCache::default(),
        dashboard: web::dashboard_cache::DashboardCache::default(),
    };
    // A probe window is written when it ends, also for an actor who stopped probing.
    let flusher = state.app.clone();
    if let Ok(runtime) = tokio::runtime::Handle::try_current() {
        runtime.spawn(async move {
            let mut tick = tokio::time::interval(flusher.probe_flush_interval());
            loop {
                tick.tick().await;
                flusher.flush_probes(false).await;
            }
        });
    }
    Router::new()
        .merge(api.with_state(state.clone()))
        .merge(web::router().with_state(state.clone()))
        .merge(swagger)
        .fallback(not_found)
        // Inside the error mapping and the limits; every route but the public few needs a
        // caller, and every change it makes is audited.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::audit_changes,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state,
            auth::authenticate,
        ))
        .layer(axum::Extension(extract::BodyLimit(config.max_body_bytes)))
        .layer(DefaultBodyLimit::max(config.max_body_bytes))
        .layer(CatchPanicLayer::custom(|_| {
            ApiError::internal("answering a request", "a handler panicked").into_response()
        }))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            config.request_timeout,
        ))
        // Outside the timeout and the method router, so their bare answers become problems.
        .layer(axum::middleware::map_response(problem_for_bare_errors))
        .layer(axum::middleware::from_fn(security_headers))
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
    // The peer's address, for the audit log and the sign-in limits.
    axum::serve(
        listener,
        app(store, &config).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

/// Headers every answer carries: no framing, no content sniffing, no referrer, no caching of
/// customer data, and a Content-Security-Policy that allows only our own resources. The
/// vendored Swagger UI page needs its inline bootstrap script and styles; nothing else does.
async fn security_headers(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let docs = request.uri().path().starts_with("/api/docs");
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let csp = if docs {
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    } else {
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    };
    for (name, value) in [
        ("content-security-policy", csp),
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
        ("referrer-policy", "no-referrer"),
        ("cross-origin-opener-policy", "same-origin"),
        (
            "permissions-policy",
            "camera=(), microphone=(), geolocation=()",
        ),
    ] {
        headers.insert(name, axum::http::HeaderValue::from_static(value));
    }
    if !docs && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(
            header::CACHE_CONTROL,
            axum::http::HeaderValue::from_static("no-store"),
        );
    }
    response
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
