//! `GET /healthz`: answers 200 while the database answers.

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::error::{ApiError, ApiResult};

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(healthz))
}

#[derive(Serialize, ToSchema)]
struct Health {
    /// `ok`.
    status: &'static str,
    /// `sqlite` or `postgres`.
    database: &'static str,
}

/// Liveness: the server runs and its database answers.
#[utoipa::path(get, path = "/healthz", tag = "health", security(()),
    responses((status = 200, body = Health), (status = 503, body = crate::Problem, content_type = "application/problem+json")))]
async fn healthz(State(app): State<AppState>) -> ApiResult<Json<Health>> {
    app.store.ping().await.map_err(|e| {
        tracing::warn!(error = %e, "health check: the database does not answer");
        ApiError::Unavailable("the database does not answer".into())
    })?;
    let database = match app.store.backend() {
        clientele_store::Backend::Sqlite => "sqlite",
        clientele_store::Backend::Postgres => "postgres",
    };
    Ok(Json(Health {
        status: "ok",
        database,
    }))
}
