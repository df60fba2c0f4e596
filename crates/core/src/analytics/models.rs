//! The base-wide models as the product uses them: calibrate every customer, fit the BG/NBD
//! and the Gamma-Gamma model, refuse fits that cannot be trusted with a message that says
//! why, and predict per customer (expected orders, probability alive, expected order value,
//! lifetime value). This is what `clientele fit`, `clientele predict` and the analytics API
//! run; the statistics themselves are in [`super::bgnbd`], [`super::gamma_gamma`] and
//! [`super::clv`].

use serde::Serialize;
use thiserror::Error;
use utoipa::ToSchema;

use crate::Currency;

use super::bgnbd::{BgNbdData, BgNbdFit, BgNbdParams};
use super::calibration::{CalibrationSettings, CalibrationSummary, Calibrator, TimeUnit};
use super::clv::{ClvModel, ClvSettings};
use super::gamma_gamma::{GammaGammaData, GammaGammaFit, GammaGammaParams};
use super::optimize::FitError;
use super::{CustomerFacts, Millis};

/// Fewer repeat customers than this and a fit says more about noise than about the base.
pub const MIN_REPEAT_CUSTOMERS: u64 = 20;

/// How the models are fitted and what they forecast.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ModelSettings {
    pub calibration: CalibrationSettings,
    /// Horizon of `expected_orders`, in the calibration unit.
    pub horizon: f64,
    pub clv: ClvSettings,
}

impl ModelSettings {
    /// Calibration up to `end` in `unit`; expected orders over the spec's 90 days (13 weeks in
    /// unit `week`); CLV over 12 months of 30 days at 1 % a month, of revenue.
    pub fn new(end: Millis, unit: TimeUnit) -> ModelSettings {
        ModelSettings {
            calibration: CalibrationSettings::new(end, unit),
            horizon: match unit {
                TimeUnit::Day => 90.0,
                TimeUnit::Week => 13.0,
            },
            clv: ClvSettings::default(),
        }
    }
}

/// Why the models cannot be used on this base.
#[derive(Clone, Debug, Error, PartialEq)]
pub enum ModelError {
    #[error("the {model} model cannot be fitted: {source}")]
    Fit {
        model: &'static str,
        source: FitError,
    },
    #[error(
        "only {found} customers made a repeat purchase by the calibration end; the {model} model needs at least {needed} to say anything about the base"
    )]
    TooFewRepeatCustomers {
        model: &'static str,
        found: u64,
        needed: u64,
    },
    #[error(
        "the {model} fit did not converge (best found: {best}); the data do not support the model, e.g. nobody seems to drop out or spend hardly varies"
    )]
    NotConverged { model: &'static str, best: String },
    #[error(
        "the Gamma-Gamma fit has q = {q:.4} ≤ 1: the expected order value would be infinite; the spend data do not support the model"
    )]
    InfiniteMeanSpend { q: f64 },
}

/// Both fitted models and what they were fitted on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FittedModels {
    pub settings: ModelSettings,
    pub bgnbd: BgNbdFit,
    pub gamma_gamma: GammaGammaFit,
}

/// One customer's forecast; `None` fields where the customer has no order by the
/// calibration end.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Prediction {
    /// x: repeat transactions (order days − 1).
    pub frequency: u32,
    /// t_x, in the calibration unit.
    pub recency: f64,
    /// T, in the calibration unit.
    #[serde(rename = "T")]
    pub age: f64,
    /// Expected transactions within the horizon.
    pub expected_orders: f64,
    pub p_alive: f64,
    /// Expected value of a future transaction, in minor units.
    pub expected_avg_value: f64,
    /// Lifetime value over the CLV horizon, in minor units.
    pub clv: f64,
}

/// The last instant a calibration reads: the end of its last UTC day, since the whole day
/// counts.
/// The calibration end when none is given: the day after the base's last order, never after
/// `now`. A base whose history ended long ago (a shop's export of past years) is measured to
/// its own end; measured to today, every customer would look long gone.
pub fn default_calibration_end(customers: &[CustomerFacts], now: Millis) -> Millis {
    customers
        .iter()
        .flat_map(|c| c.orders.iter().map(|o| o.at))
        .max()
        .map_or(now, |last| (last + super::DAY_MS).min(now))
}

pub fn calibration_read_until(settings: &CalibrationSettings) -> Millis {
    (settings.end_day() + 1) * super::DAY_MS - 1
}

/// The calibration summaries of a base, aligned with `facts`.
pub fn calibrate(
    facts: &[CustomerFacts],
    settings: &CalibrationSettings,
) -> Vec<Option<CalibrationSummary>> {
    let mut calibrator = Calibrator::new(*settings);
    facts
        .iter()
        .map(|customer| calibrator.summarise(&customer.orders))
        .collect()
}

/// Fits both models on the calibration summaries; an error when either cannot be trusted.
pub fn fit_models(
    summaries: &[Option<CalibrationSummary>],
    settings: &ModelSettings,
) -> Result<FittedModels, ModelError> {
    let present: Vec<CalibrationSummary> = summaries.iter().flatten().copied().collect();
    let repeaters = present.iter().filter(|s| s.frequency > 0).count() as u64;
    for model in ["BG/NBD", "Gamma-Gamma"] {
        if repeaters < MIN_REPEAT_CUSTOMERS {
            return Err(ModelError::TooFewRepeatCustomers {
                model,
                found: repeaters,
                needed: MIN_REPEAT_CUSTOMERS,
            });
        }
    }
    let fit_error = |model| move |source| ModelError::Fit { model, source };
    let bgnbd = BgNbdData::from_summaries(&present)
        .and_then(|data| data.fit())
        .map_err(fit_error("BG/NBD"))?;
    if !bgnbd.converged {
        let BgNbdParams { r, alpha, a, b } = bgnbd.params;
        return Err(ModelError::NotConverged {
            model: "BG/NBD",
            best: format!("r = {r:.4}, alpha = {alpha:.4}, a = {a:.4}, b = {b:.4}"),
        });
    }
    let spend = GammaGammaData::from_summaries(&present);
    if spend.customers() < MIN_REPEAT_CUSTOMERS {
        return Err(ModelError::TooFewRepeatCustomers {
            model: "Gamma-Gamma",
            found: spend.customers(),
            needed: MIN_REPEAT_CUSTOMERS,
        });
    }
    let gamma_gamma = spend.fit().map_err(fit_error("Gamma-Gamma"))?;
    if !gamma_gamma.converged {
        let GammaGammaParams { p, q, gamma } = gamma_gamma.params;
        return Err(ModelError::NotConverged {
            model: "Gamma-Gamma",
            best: format!("p = {p:.4}, q = {q:.4}, gamma = {gamma:.4}"),
        });
    }
    if gamma_gamma.params.q <= 1.0 {
        return Err(ModelError::InfiniteMeanSpend {
            q: gamma_gamma.params.q,
        });
    }
    Ok(FittedModels {
        settings: *settings,
        bgnbd,
        gamma_gamma,
    })
}

impl FittedModels {
    /// The forecast for one calibrated customer. Every field is finite: the fit was refused
    /// where the expectations would not be (q ≤ 1), and a forecast that still is not finite
    /// (a history far outside the fitted model) is reported as 0 rather than as NaN.
    pub fn predict(&self, summary: &CalibrationSummary) -> Prediction {
        let params = &self.bgnbd.params;
        let CalibrationSummary {
            frequency,
            recency,
            age,
            monetary_value,
        } = *summary;
        let model = ClvModel {
            transactions: *params,
            spend: self.gamma_gamma.params,
            unit: self.settings.calibration.unit,
            settings: self.settings.clv,
        };
        let finite = |v: f64| if v.is_finite() { v } else { 0.0 };
        Prediction {
            frequency,
            recency,
            age,
            expected_orders: finite(params.conditional_expected_transactions(
                self.settings.horizon,
                frequency,
                recency,
                age,
            )),
            p_alive: finite(params.probability_alive(frequency, recency, age)),
            expected_avg_value: finite(
                self.gamma_gamma
                    .params
                    .conditional_expected_average_value(frequency, monetary_value.unwrap_or(0.0))
                    .unwrap_or(0.0),
            ),
            clv: finite(model.value(summary).unwrap_or(0.0)),
        }
    }
}

/// The name of a time unit as the CLI and the API spell it.
pub fn unit_name(unit: TimeUnit) -> &'static str {
    match unit {
        TimeUnit::Day => "day",
        TimeUnit::Week => "week",
    }
}

/// Minor units per major unit of a currency (100 for USD, 1 for IRR).
fn money_scale(currency: Currency) -> f64 {
    10f64.powi(i32::from(currency.exponent()))
}

/// A fitted BG/NBD model as reported.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct BgNbdReport {
    pub r: f64,
    /// Per unit of time (`unit`).
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
    pub log_likelihood: f64,
    /// Customers with an order by the calibration end.
    pub customers: u64,
    pub repeat_customers: u64,
    pub distinct_triples: usize,
    pub iterations: u32,
}

/// A fitted Gamma-Gamma model as reported, in major units of the business currency (the
/// model is scale-equivariant: p and q do not depend on the unit of money, gamma scales with
/// it, and the log-likelihood moves by customers × ln(scale)).
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct GammaGammaReport {
    pub p: f64,
    pub q: f64,
    pub gamma: f64,
    pub log_likelihood: f64,
    /// Repeat customers fitted on.
    pub customers: u64,
    /// Customers with orders left out because their mean repeat value is not positive.
    pub excluded_non_positive_mean: u64,
    /// The population's expected transaction value p·gamma/(q − 1).
    pub population_mean_value: f64,
}

/// What `clientele fit` and `GET /api/v1/analytics/fit` report.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct FitReport {
    /// The last calibration day, YYYY-MM-DD (UTC): orders up to its end count.
    pub calibration_end: String,
    /// `week` or `day`: the unit of recency, T, alpha and horizons.
    pub unit: &'static str,
    pub currency: String,
    pub bgnbd: BgNbdReport,
    pub gamma_gamma: GammaGammaReport,
}

/// One customer's forecast as reported, money in major units; model fields are absent for
/// customers without an order by the calibration end.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct PredictionRow {
    pub customer_id: String,
    pub frequency: Option<u32>,
    pub recency: Option<f64>,
    #[serde(rename = "T")]
    pub age: Option<f64>,
    pub expected_orders: Option<f64>,
    pub p_alive: Option<f64>,
    pub expected_avg_value: Option<f64>,
    pub clv: Option<f64>,
}

impl FittedModels {
    /// The report of both fits, with money in major units of `currency`.
    pub fn report(&self, currency: Currency) -> FitReport {
        let scale = money_scale(currency);
        let BgNbdParams { r, alpha, a, b } = self.bgnbd.params;
        let GammaGammaParams { p, q, gamma } = self.gamma_gamma.params;
        let end_day = self.settings.calibration.end_day();
        let calibration_end = crate::time::from_millis(end_day * super::DAY_MS)
            .map(|t| t.strftime("%Y-%m-%d").to_string())
            .unwrap_or_default();
        FitReport {
            calibration_end,
            unit: unit_name(self.settings.calibration.unit),
            currency: currency.code().to_owned(),
            bgnbd: BgNbdReport {
                r,
                alpha,
                a,
                b,
                log_likelihood: self.bgnbd.log_likelihood,
                customers: self.bgnbd.customers,
                repeat_customers: self.gamma_gamma.customers
                    + self.gamma_gamma.excluded.non_positive_mean
                    + self.gamma_gamma.excluded.non_finite_mean,
                distinct_triples: self.bgnbd.distinct_triples,
                iterations: self.bgnbd.iterations,
            },
            gamma_gamma: GammaGammaReport {
                p,
                q,
                gamma: gamma / scale,
                log_likelihood: self.gamma_gamma.log_likelihood
                    + self.gamma_gamma.customers as f64 * scale.ln(),
                customers: self.gamma_gamma.customers,
                excluded_non_positive_mean: self.gamma_gamma.excluded.non_positive_mean
                    + self.gamma_gamma.excluded.non_finite_mean,
                population_mean_value: p * gamma / (q - 1.0) / scale,
            },
        }
    }

    /// The reported forecast of one customer, `summary` being their calibration summary.
    pub fn prediction_row(
        &self,
        customer_id: &str,
        summary: Option<&CalibrationSummary>,
        currency: Currency,
    ) -> PredictionRow {
        let scale = money_scale(currency);
        let prediction = summary.map(|s| self.predict(s));
        PredictionRow {
            customer_id: customer_id.to_owned(),
            frequency: prediction.map(|p| p.frequency),
            recency: prediction.map(|p| p.recency),
            age: prediction.map(|p| p.age),
            expected_orders: prediction.map(|p| p.expected_orders),
            p_alive: prediction.map(|p| p.p_alive),
            expected_avg_value: prediction.map(|p| p.expected_avg_value / scale),
            clv: prediction.map(|p| p.clv / scale),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::{DAY_MS, OrderFact};

    fn customer(days: &[i64], amount: i64) -> CustomerFacts {
        CustomerFacts {
            orders: days
                .iter()
                .map(|d| OrderFact {
                    at: d * DAY_MS,
                    amount,
                    cost: None,
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn a_base_without_enough_repeat_customers_is_refused_with_the_count() {
        let facts: Vec<CustomerFacts> = (0..50)
            .map(|i| {
                if i < 5 {
                    customer(&[0, 10 + i], 1000)
                } else {
                    customer(&[i], 1000)
                }
            })
            .collect();
        let settings = ModelSettings::new(100 * DAY_MS, TimeUnit::Day);
        let error = fit_models(&calibrate(&facts, &settings.calibration), &settings).unwrap_err();
        assert_eq!(
            error,
            ModelError::TooFewRepeatCustomers {
                model: "BG/NBD",
                found: 5,
                needed: MIN_REPEAT_CUSTOMERS
            }
        );
        assert!(error.to_string().contains("only 5 customers"));
    }

    #[test]
    fn a_base_whose_spend_the_model_cannot_describe_is_refused_as_not_converged() {
        // Everyone buys every week for the same amount, the amounts spread evenly across
        // customers: the Gamma-Gamma likelihood keeps rising as q and gamma grow without
        // bound, so its maximum lies at the boundary and no parameters can be reported.
        let facts: Vec<CustomerFacts> = (0..200)
            .map(|i| {
                let days: Vec<i64> = (0..)
                    .map(|k| i % 7 + 7 * k)
                    .take_while(|&d| d <= 300)
                    .collect();
                customer(&days, 1000 + i)
            })
            .collect();
        let settings = ModelSettings::new(300 * DAY_MS, TimeUnit::Week);
        let error = fit_models(&calibrate(&facts, &settings.calibration), &settings).unwrap_err();
        let message = error.to_string();
        assert!(
            matches!(
                error,
                ModelError::NotConverged {
                    model: "Gamma-Gamma",
                    ..
                }
            ),
            "{message}"
        );
        assert!(message.contains("did not converge"), "{message}");
        assert!(!message.contains("NaN"), "{message}");
    }

    #[test]
    fn customers_without_orders_by_the_calibration_end_are_not_calibrated() {
        let facts = vec![customer(&[5], 100), customer(&[200], 100), customer(&[], 1)];
        let settings = ModelSettings::new(100 * DAY_MS, TimeUnit::Day);
        let summaries = calibrate(&facts, &settings.calibration);
        assert!(summaries[0].is_some());
        assert_eq!(summaries[1], None);
        assert_eq!(summaries[2], None);
    }
}
