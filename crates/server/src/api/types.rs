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

pub(crate) async fn effective(app: &AppState) -> ApiResult<TypeSettings> {
    Ok(app
        .store
        .stored_type_settings()
        .await?
        .unwrap_or(app.type_settings))
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
    Ok(Json(effective(&app).await?))
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
    app.authorise(&caller, Need::Admin, "change the type settings")
        .await?;
    let current = effective(&app).await?;
    let settings: TypeSettings = super::patched(&current, &[], patch)?;
    let reevaluated = save_type_settings(&app, &caller, &current, &settings).await?;
    Ok(crate::auth::audited(Json(SettingsChange {
        settings,
        reevaluated,
    })))
}

/// Checks and stores new type settings (replacing `current`), records the change in the audit
/// log, and re-evaluates the whole base as of now with them: the API's PATCH and the web
/// app's settings page both. The caller must be an admin (checked by the caller).
pub(crate) async fn save_type_settings(
    app: &AppState,
    caller: &Caller,
    current: &TypeSettings,
    settings: &TypeSettings,
) -> ApiResult<SavedTypes> {
    settings.validate()?;
    app.store.store_type_settings(settings).await?;
    app.record(
        &app.entry(caller, "settings")
            .on("settings", "types")
            .with(serde_json::json!({ "fields": super::changed_fields(current, settings) })),
    )
    .await;
    let now = clientele_core::time::to_millis(jiff::Timestamp::now());
    Ok(app.store.classify_all(settings, now).await?.saved)
}
