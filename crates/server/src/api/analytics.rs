//! `/api/v1/analytics`: the base-wide models and the figures built on them. Every figure is
//! computed on the customers the caller may see.

use axum::Json;
use axum::extract::State;
use clientele_core::analytics::TimeUnit;
use clientele_core::analytics::models::{
    FitReport, ModelSettings, PredictionRow, calibrate, calibration_read_until,
    default_calibration_end, fit_models,
};
use clientele_core::analytics::report::{
    AnalysisSettings, BaseAnalysis, ChannelsReport, CohortsReport, PersonaReport, ProspectsReport,
    RfmReport, TiersReport, analyse,
};
use clientele_core::time::{parse_instant, to_millis};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use clientele_store::auth::Need;

use super::Page;
use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::extract::QueryParams;

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(fit))
        .routes(routes!(predictions))
        .routes(routes!(rfm))
        .routes(routes!(tiers))
        .routes(routes!(cohorts))
        .routes(routes!(channels))
        .routes(routes!(persona))
        .routes(routes!(prospects))
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
    /// Last calibration day (YYYY-MM-DD or RFC 3339); default the day after the base's last
    /// order (today at the latest).
    #[param(value_type = Option<String>, format = DateTime)]
    calibration_end: Option<String>,
    /// `week` (default, fractional weeks as in the literature) or `day`.
    #[param(inline)]
    unit: Option<Unit>,
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct PredictionParams {
    /// Last calibration day (YYYY-MM-DD or RFC 3339); default the day after the base's last
    /// order (today at the latest).
    #[param(value_type = Option<String>, format = DateTime)]
    calibration_end: Option<String>,
    /// `week` (default) or `day`.
    #[param(inline)]
    unit: Option<Unit>,
    /// Horizon of `expected_orders` in `unit` (default 13 weeks or 90 days; at most a hundred
    /// years: 5,218 weeks or 36,525 days).
    #[param(maximum = 36525)]
    horizon: Option<f64>,
    /// Discount rate per 30-day month of the 12-month CLV (default 0.01).
    discount_rate: Option<f64>,
    /// Rows per page, 1 to 500 (default 50).
    #[param(minimum = 1, maximum = 500)]
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
    caller: Caller,
    QueryParams(p): QueryParams<FitParams>,
) -> ApiResult<Json<FitReport>> {
    let scope = app
        .authorise(&caller, Need::Aggregate, "fit the models")
        .await?;
    let mut settings = model_settings(p.calibration_end.as_deref(), p.unit)?;
    let base = app
        .store
        .customer_facts(&scope, calibration_read_until(&settings.calibration))
        .await?;
    if p.calibration_end.is_none() {
        settings.calibration.end =
            default_calibration_end(&base.customers, settings.calibration.end);
    }
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
    caller: Caller,
    QueryParams(p): QueryParams<PredictionParams>,
) -> ApiResult<Json<Page<PredictionRow>>> {
    let scope = app
        .authorise(&caller, Need::ReadPersonal, "read predictions per customer")
        .await?;
    let mut settings = model_settings(p.calibration_end.as_deref(), p.unit)?;
    if let Some(horizon) = p.horizon {
        // A hundred years at most: beyond it the model's instants leave the calendar (a
        // horizon of 10^160 days answered 500).
        let most = match p.unit.unwrap_or_default() {
            Unit::Week => 5_218.0,
            Unit::Day => 36_525.0,
        };
        if !(horizon.is_finite() && horizon > 0.0 && horizon <= most) {
            return Err(ApiError::invalid(
                "horizon",
                format!("must be a positive number of the unit, at most {most} (a hundred years)"),
            ));
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
        .customer_facts(&scope, calibration_read_until(&settings.calibration))
        .await?;
    if p.calibration_end.is_none() {
        settings.calibration.end =
            default_calibration_end(&base.customers, settings.calibration.end);
    }
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

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct ReportParams {
    /// The instant the report is as of (YYYY-MM-DD or RFC 3339); default now.
    #[param(value_type = Option<String>, format = DateTime)]
    as_of: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct ProspectParams {
    /// The instant the report is as of (YYYY-MM-DD or RFC 3339); default now.
    #[param(value_type = Option<String>, format = DateTime)]
    as_of: Option<String>,
    /// Prospects listed, best first: 1 to 500 (default 50).
    #[param(minimum = 1, maximum = 500)]
    limit: Option<u32>,
}

/// Runs the analytics pass as of the requested instant on the customers the caller sees.
async fn analysis(
    app: &AppState,
    scope: &clientele_store::AccessScope,
    as_of: Option<&str>,
) -> ApiResult<(
    clientele_store::analytics::BaseFacts,
    BaseAnalysis,
    clientele_core::Currency,
)> {
    let as_of = match as_of {
        Some(text) => parse_instant(text)
            .map(to_millis)
            .map_err(|e| ApiError::invalid("as_of", e))?,
        None => to_millis(jiff::Timestamp::now()),
    };
    let base = app.store.customer_facts(scope, as_of).await?;
    let analysis = analyse(&base.customers, &AnalysisSettings::new(as_of));
    Ok((base, analysis, app.store.currency().await?))
}

/// The whole-base reports: each authorises an aggregate read, runs the analytics pass as of
/// the requested instant on the customers the caller sees, and answers one report of it.
macro_rules! base_reports {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident: $path:literal => $body:ty, $what:literal,
            |$base:pat_param, $analysis:ident, $currency:ident| $report:expr;
    )*) => {$(
        $(#[doc = $doc])*
        #[utoipa::path(get, path = $path, tag = "analytics", params(ReportParams),
            responses((status = 200, body = $body), (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
        async fn $name(
            State(app): State<AppState>,
            caller: Caller,
            QueryParams(p): QueryParams<ReportParams>,
        ) -> ApiResult<Json<$body>> {
            let scope = app.authorise(&caller, Need::Aggregate, $what).await?;
            let (base, $analysis, $currency) = analysis(&app, &scope, p.as_of.as_deref()).await?;
            let $base = &base.customers;
            Ok(Json($report))
        }
    )*};
}

base_reports! {
    /// RFM segments: customers with orders scored 1–5 on recency, frequency and monetary value.
    rfm: "/analytics/rfm" => RfmReport, "read the RFM report",
        |_, analysis, currency| analysis.rfm(currency);
    /// Value tiers A/B/C on trailing-12-month profit, and the Lorenz curves of profit and revenue.
    tiers: "/analytics/tiers" => TiersReport, "read the tiers report",
        |_, analysis, currency| analysis.tiers(currency);
    /// Monthly acquisition cohorts × months since first order: share still ordering, revenue.
    cohorts: "/analytics/cohorts" => CohortsReport, "read the cohorts report",
        |base, analysis, currency| analysis.cohorts(base, currency);
    /// Acquisition channels: customers, acquisition cost, mean 12-month CLV, CLV per unit of
    /// acquisition cost, profit and share of tier A.
    channels: "/analytics/channels" => ChannelsReport, "read the channels report",
        |base, analysis, currency| analysis.channels(base, currency);
    /// The persona of tier A against the other buyers: every profile attribute, with lift.
    persona: "/analytics/persona" => PersonaReport, "read the persona report",
        |base, analysis, currency| analysis.persona(base, currency);
}

/// Prospects ranked by how much their profile resembles tier A's, with the reasons; the top
/// 10 % are ideal prospects.
#[utoipa::path(get, path = "/analytics/prospects", tag = "analytics", params(ProspectParams),
    responses((status = 200, body = ProspectsReport), (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
async fn prospects(
    State(app): State<AppState>,
    caller: Caller,
    QueryParams(p): QueryParams<ProspectParams>,
) -> ApiResult<Json<ProspectsReport>> {
    let scope = app
        .authorise(&caller, Need::ReadPersonal, "read the prospects list")
        .await?;
    let limit = p.limit.unwrap_or(clientele_store::DEFAULT_LIMIT);
    if !(1..=clientele_store::MAX_LIMIT).contains(&limit) {
        return Err(ApiError::invalid(
            "limit",
            format!("must be 1 to {}", clientele_store::MAX_LIMIT),
        ));
    }
    let (base, analysis, currency) = analysis(&app, &scope, p.as_of.as_deref()).await?;
    Ok(Json(analysis.prospects(
        &base.customers,
        currency,
        limit as usize,
    )))
}
