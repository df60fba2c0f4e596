//! The type engine through the API: a customer's profile, the segment counts, and the
//! type settings, whose change re-evaluates the base.

use axum::Json;
use axum::extract::{Path, State};
use clientele_core::classify::TypeSettings;
use clientele_store::{SavedTypes, StoredProfile, TypeCounts};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use clientele_store::auth::Need;

use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::extract::JsonBody;

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(profile))
        .routes(routes!(segments))
        .routes(routes!(get_type_settings, update_type_settings))
}

/// A customer's stage, tier and flags, each with its evidence, the recommended actions and
/// the metrics, as of the last evaluation.
#[utoipa::path(get, path = "/customers/{customer_id}/profile", tag = "types",
    params(("customer_id" = String, Path, description = "The business's own id")),
    responses((status = 200, body = StoredProfile),
        (status = 404, description = "No such customer, or not evaluated yet", body = crate::Problem, content_type = "application/problem+json")))]
async fn profile(
    State(app): State<AppState>,
    caller: Caller,
    Path(customer_id): Path<String>,
) -> ApiResult<Json<StoredProfile>> {
    let scope = app
        .authorise(&caller, Need::ReadPersonal, "read a customer's profile")
        .await?;
    match app.store.customer_profile(&scope, &customer_id).await {
        Ok(profile) => Ok(Json(profile)),
        Err(clientele_store::StoreError::NotFound { .. }) => {
            // Tell a missing customer from one the engine has not seen yet.
            app.store.get_customer(&scope, &customer_id).await?;
            Err(ApiError::NotFound(format!(
                "customer `{customer_id}` has not been classified yet: run `clientele classify` or change a type setting"
            )))
        }
        Err(e) => Err(e.into()),
    }
}

/// How many customers have each stage, tier and flag.
#[utoipa::path(get, path = "/segments", tag = "types",
    responses((status = 200, body = TypeCounts)))]
async fn segments(State(app): State<AppState>, caller: Caller) -> ApiResult<Json<TypeCounts>> {
    let scope = app
        .authorise(&caller, Need::Aggregate, "count segments")
        .await?;
    Ok(Json(app.store.type_counts(&scope).await?))
}

/// The type thresholds in force: what an admin set, else the settings file, else the spec.
#[utoipa::path(get, path = "/settings/types", tag = "types",
    responses((status = 200, body = TypeSettings)))]
async fn get_type_settings(
    State(app): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<TypeSettings>> {
    app.authorise(&caller, Need::Aggregate, "read the type settings")
        .await?;
    Ok(Json(app.app.type_settings().await?))
}

/// The new settings and what re-evaluating the base with them changed.
#[derive(Serialize, ToSchema)]
pub(crate) struct SettingsChange {
    settings: TypeSettings,
    reevaluated: SavedTypes,
}

/// Changes type thresholds (an RFC 7396 merge patch of the settings) and re-evaluates the
/// whole base as of now with them.
#[utoipa::path(patch, path = "/settings/types", tag = "types", request_body = TypeSettings,
    responses((status = 200, body = SettingsChange),
        (status = 403, body = crate::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
async fn update_type_settings(
    State(app): State<AppState>,
    caller: Caller,
    JsonBody(patch): JsonBody<serde_json::Value>,
) -> ApiResult<axum::response::Response> {
    let (settings, reevaluated) = app.app.patch_type_settings(&caller, patch).await?;
    Ok(crate::auth::audited(Json(SettingsChange {
        settings,
        reevaluated,
    })))
}
