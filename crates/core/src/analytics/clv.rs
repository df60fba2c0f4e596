//! Customer lifetime value from the BG/NBD (how many transactions) and the Gamma-Gamma model
//! (how much each is worth), as the literature and the `lifetimes` package define it.
//!
//! CLV = margin · Σᵢ₌₁ᴴ (E[Y(i·P) | x, t_x, T] − E[Y((i−1)·P) | x, t_x, T]) · E[M | x, m_x] / (1 + d)ⁱ
//!
//! - H periods (months by default) of length P, converted into the models' time unit: a
//!   30-day month is 30 days in unit `day` and 30/7 = 4.2857 weeks in unit `week`. (`lifetimes`
//!   uses 4.345 weeks a month in weekly data — 30.4 days — but 30 days in daily data; here
//!   the period is set in days once, so both units forecast the same calendar span.)
//! - E[Y(t) | …] is cumulative, so each period's expected transactions are the difference of
//!   two horizons, discounted at the end of their period;
//! - d is the discount rate per period, by default 0.01 a month (`lifetimes`' default,
//!   about 12.7 % a year);
//! - E[M | x, m_x] is the Gamma-Gamma expected value of a transaction, in the money the model
//!   was fitted on (minor units for a calibration summary). The models predict revenue; the
//!   margin factor (default 1, i.e. CLV of revenue) turns it into CLV of gross margin, e.g.
//!   0.3 for a 30 % margin.

use super::bgnbd::BgNbdParams;
use super::calibration::{CalibrationSummary, TimeUnit};
use super::gamma_gamma::GammaGammaParams;

/// The horizon, discounting and margin of a lifetime value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClvSettings {
    /// Number of periods H.
    pub periods: u32,
    /// Length of a period in days.
    pub period_days: f64,
    /// Discount rate per period.
    pub discount_rate: f64,
    /// Share of revenue that is margin: 1 for CLV of revenue.
    pub margin: f64,
}

impl Default for ClvSettings {
    /// Twelve 30-day months discounted at 1 % a month, of revenue: `lifetimes`' defaults.
    fn default() -> Self {
        ClvSettings {
            periods: 12,
            period_days: 30.0,
            discount_rate: 0.01,
            margin: 1.0,
        }
    }
}

/// The lifetime value of a customer with x repeat transactions, the last at t_x, observed for
/// T (`age`), in the model's `unit`, each future transaction worth `expected_value` (usually
/// [`GammaGammaParams::conditional_expected_average_value`]); see the module documentation
/// for the formula. NaN if a forecast is (see
/// [`BgNbdParams::conditional_expected_transactions`]).
pub fn customer_lifetime_value(
    model: &BgNbdParams,
    unit: TimeUnit,
    x: u32,
    t_x: f64,
    age: f64,
    expected_value: f64,
    settings: &ClvSettings,
) -> f64 {
    let period = unit.from_days(settings.period_days);
    let mut previous = 0.0;
    let mut discount = 1.0;
    let mut total = 0.0;
    for i in 1..=settings.periods {
        let cumulative =
            model.conditional_expected_transactions(f64::from(i) * period, x, t_x, age);
        discount /= 1.0 + settings.discount_rate;
        total += (cumulative - previous) * discount;
        previous = cumulative;
    }
    settings.margin * expected_value * total
}

/// The two fitted models and the settings, to value customers from their calibration
/// summaries.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClvModel {
    pub transactions: BgNbdParams,
    pub spend: GammaGammaParams,
    /// The unit the BG/NBD was fitted in.
    pub unit: TimeUnit,
    pub settings: ClvSettings,
}

impl ClvModel {
    /// A customer's lifetime value; `None` when the Gamma-Gamma expectation does not exist
    /// (see [`GammaGammaParams::conditional_expected_average_value`]). A customer with x = 0
    /// is valued at the population mean spend.
    pub fn value(&self, summary: &CalibrationSummary) -> Option<f64> {
        let m_x = summary.monetary_value.unwrap_or(0.0);
        let spend = self
            .spend
            .conditional_expected_average_value(summary.frequency, m_x)?;
        let value = customer_lifetime_value(
            &self.transactions,
            self.unit,
            summary.frequency,
            summary.recency,
            summary.age,
            spend,
            &self.settings,
        );
        value.is_finite().then_some(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BG: BgNbdParams = BgNbdParams {
        r: 0.243,
        alpha: 4.414,
        a: 0.793,
        b: 2.426,
    };

    #[test]
    fn one_period_undiscounted_is_the_expected_transactions_times_the_value() {
        let settings = ClvSettings {
            periods: 1,
            period_days: 273.0,
            discount_rate: 0.0,
            margin: 1.0,
        };
        let clv = customer_lifetime_value(&BG, TimeUnit::Week, 2, 30.43, 38.86, 10.0, &settings);
        let expected = BG.conditional_expected_transactions(39.0, 2, 30.43, 38.86) * 10.0;
        assert!((clv - expected).abs() < 1e-12, "{clv} vs {expected}");
    }

    #[test]
    fn periods_telescope_without_discounting_and_margin_scales() {
        let flat = ClvSettings {
            discount_rate: 0.0,
            ..ClvSettings::default()
        };
        let clv = customer_lifetime_value(&BG, TimeUnit::Week, 5, 20.0, 38.0, 1.0, &flat);
        let whole = BG.conditional_expected_transactions(360.0 / 7.0, 5, 20.0, 38.0);
        assert!((clv - whole).abs() < 1e-12);
        let discounted = customer_lifetime_value(
            &BG,
            TimeUnit::Week,
            5,
            20.0,
            38.0,
            1.0,
            &ClvSettings::default(),
        );
        assert!(discounted < clv && discounted > clv / 1.01f64.powi(12));
        let margin = ClvSettings {
            margin: 0.3,
            ..flat
        };
        let of_margin = customer_lifetime_value(&BG, TimeUnit::Week, 5, 20.0, 38.0, 1.0, &margin);
        assert!((of_margin - 0.3 * clv).abs() < 1e-12);
    }

    #[test]
    fn days_and_weeks_value_the_same_calendar_span() {
        // The same model in days: α scales with the unit, the rest does not.
        let daily = BgNbdParams {
            alpha: BG.alpha * 7.0,
            ..BG
        };
        let settings = ClvSettings::default();
        let weeks = customer_lifetime_value(&BG, TimeUnit::Week, 2, 30.0, 38.0, 1.0, &settings);
        let days = customer_lifetime_value(&daily, TimeUnit::Day, 2, 210.0, 266.0, 1.0, &settings);
        assert!((weeks - days).abs() < 1e-12 * weeks, "{weeks} vs {days}");
    }

    #[test]
    fn the_model_values_a_summary() {
        let model = ClvModel {
            transactions: BG,
            spend: GammaGammaParams {
                p: 6.25,
                q: 3.74,
                gamma: 15.44,
            },
            unit: TimeUnit::Week,
            settings: ClvSettings::default(),
        };
        let summary = CalibrationSummary {
            frequency: 0,
            recency: 0.0,
            age: 38.86,
            monetary_value: None,
        };
        let value = model.value(&summary).unwrap();
        let spend = model.spend.population_mean().unwrap();
        let direct = customer_lifetime_value(
            &BG,
            TimeUnit::Week,
            0,
            0.0,
            38.86,
            spend,
            &ClvSettings::default(),
        );
        assert_eq!(value, direct);
        let no_mean = ClvModel {
            spend: GammaGammaParams {
                q: 0.5,
                ..model.spend
            },
            ..model
        };
        assert_eq!(no_mean.value(&summary), None);
    }
}
