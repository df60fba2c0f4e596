//! `/api/v1/analytics`: the base-wide models and the figures built on them. Every figure is
//! computed on the customers the caller may see.

use axum::Json;
use axum::extract::State;
use clientele_core::analytics::TimeUnit;
use clientele_core::analytics::models::{
    FitReport, ModelSettings, PredictionRow, calibrate, calibration_read_until, fit_models,
};
use clientele_core::time::{parse_instant, to_millis};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{Page, SCOPE};
use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::QueryParams;

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(fit))
        .routes(routes!(predictions))
}

/// The time unit of recency, T, alpha and horizons.
#[derive(Clone, Copy, Debug, Default, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Unit {
    #[default]
    Week,
    Day,
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct FitParams {
    /// Last calibration day (YYYY-MM-DD or RFC 3339); default today.
    calibration_end: Option<String>,
    /// `week` (default, fractional weeks as in the literature) or `day`.
    unit: Option<Unit>,
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct PredictionParams {
    /// Last calibration day (YYYY-MM-DD or RFC 3339); default today.
    calibration_end: Option<String>,
    /// `week` (default) or `day`.
    unit: Option<Unit>,
    /// Horizon of `expected_orders` in `unit` (default 13 weeks or 90 days).
    horizon: Option<f64>,
    /// Discount rate per 30-day month of the 12-month CLV (default 0.01).
    discount_rate: Option<f64>,
    /// Rows per page, 1 to 500 (default 50).
    limit: Option<u32>,
    cursor: Option<String>,
}

fn model_settings(calibration_end: Option<&str>, unit: Option<Unit>) -> ApiResult<ModelSettings> {
    let end = match calibration_end {
        Some(text) => parse_instant(text)
            .map(to_millis)
            .map_err(|e| ApiError::invalid("calibration_end", e))?,
        None => to_millis(jiff::Timestamp::now()),
    };
    let unit = match unit.unwrap_or_default() {
        Unit::Week => TimeUnit::Week,
        Unit::Day => TimeUnit::Day,
    };
    Ok(ModelSettings::new(end, unit))
}

/// Fits the BG/NBD and Gamma-Gamma models on the orders up to the calibration end.
#[utoipa::path(get, path = "/analytics/fit", tag = "analytics", params(FitParams),
    responses((status = 200, body = FitReport),
        (status = 422, description = "Invalid parameters, or data that cannot support the models (too few repeat customers, no convergence)", body = crate::Problem, content_type = "application/problem+json")))]
async fn fit(
    State(app): State<AppState>,
    QueryParams(p): QueryParams<FitParams>,
) -> ApiResult<Json<FitReport>> {
    let settings = model_settings(p.calibration_end.as_deref(), p.unit)?;
    let base = app
        .store
        .customer_facts(&SCOPE, calibration_read_until(&settings.calibration))
        .await?;
    let models = fit_models(
        &calibrate(&base.customers, &settings.calibration),
        &settings,
    )?;
    Ok(Json(models.report(app.store.currency().await?)))
}

/// Per customer: frequency, recency, T, expected orders within the horizon, probability
/// alive, expected order value and 12-month CLV (money in the business currency).
#[utoipa::path(get, path = "/analytics/predictions", tag = "analytics", params(PredictionParams),
    responses((status = 200, body = Page<PredictionRow>),
        (status = 422, description = "Invalid parameters, or data that cannot support the models", body = crate::Problem, content_type = "application/problem+json")))]
async fn predictions(
    State(app): State<AppState>,
    QueryParams(p): QueryParams<PredictionParams>,
) -> ApiResult<Json<Page<PredictionRow>>> {
    let mut settings = model_settings(p.calibration_end.as_deref(), p.unit)?;
    if let Some(horizon) = p.horizon {
        if !(horizon.is_finite() && horizon > 0.0) {
            return Err(ApiError::invalid("horizon", "must be a positive number"));
        }
        settings.horizon = horizon;
    }
    if let Some(rate) = p.discount_rate {
        if !(rate.is_finite() && rate > -1.0) {
            return Err(ApiError::invalid(
                "discount_rate",
                "must be a number above -1",
            ));
        }
        settings.clv.discount_rate = rate;
    }
    let limit = p.limit.unwrap_or(clientele_store::DEFAULT_LIMIT);
    if !(1..=clientele_store::MAX_LIMIT).contains(&limit) {
        return Err(ApiError::invalid(
            "limit",
            format!("must be 1 to {}", clientele_store::MAX_LIMIT),
        ));
    }
    // The cursor is the position in the base's key order: customers are read sorted by key.
    let start: usize = match p.cursor.as_deref() {
        None | Some("") => 0,
        Some(text) => text
            .parse()
            .map_err(|_| ApiError::invalid("cursor", "is not a cursor this list gave"))?,
    };
    let base = app
        .store
        .customer_facts(&SCOPE, calibration_read_until(&settings.calibration))
        .await?;
    let summaries = calibrate(&base.customers, &settings.calibration);
    let models = fit_models(&summaries, &settings)?;
    let currency = app.store.currency().await?;
    let end = (start + limit as usize).min(base.customers.len());
    let items = (start.min(end)..end)
        .map(|i| {
            models.prediction_row(
                &base.customers[i].customer_id,
                summaries[i].as_ref(),
                currency,
            )
        })
        .collect();
    Ok(Json(Page {
        items,
        next_cursor: (end < base.customers.len()).then(|| end.to_string()),
    }))
}
