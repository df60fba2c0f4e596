//! Amounts in the business currency: dollars at a rough price level, rounded as prices are.

use clientele_core::money::{Currency, Money};

/// Rough price levels (units of the currency per US dollar), so that amounts look
/// plausible in the business currency; other currencies are taken at par.
const PRICE_LEVELS: &[(&str, f64)] = &[
    ("USD", 1.0),
    ("EUR", 0.92),
    ("GBP", 0.79),
    ("CAD", 1.37),
    ("AUD", 1.52),
    ("NZD", 1.65),
    ("GEL", 2.7),
    ("PHP", 57.0),
    ("IRR", 1_000_000.0),
    ("JPY", 150.0),
];

/// Largest single amount, in dollars: keeps the gamma tail from producing absurd orders.
const MAX_AMOUNT_USD: f64 = 100_000.0;

pub(crate) struct Prices {
    pub(crate) currency: Currency,
    minor_per_usd: f64,
    /// Amounts are rounded to this many minor units: cents for dollars, ten thousand rials
    /// for rials (rial prices are quoted in round numbers).
    pub(crate) step: i64,
}

impl Prices {
    pub(crate) fn new(currency: Currency) -> Prices {
        let level = PRICE_LEVELS
            .iter()
            .find(|(code, _)| *code == currency.code())
            .map_or(1.0, |(_, level)| *level);
        let minor_per_usd = level * 10f64.powi(i32::from(currency.exponent()));
        let digits = (minor_per_usd.round().max(1.0) as i64).to_string().len();
        let step = 10i64.pow(digits.saturating_sub(3) as u32);
        Prices {
            currency,
            minor_per_usd,
            step,
        }
    }

    /// Dollars in minor units of the currency, rounded to the step and at least one step.
    pub(crate) fn minor(&self, usd: f64) -> i64 {
        let usd = usd.clamp(0.0, MAX_AMOUNT_USD);
        let steps = (usd * self.minor_per_usd / self.step as f64).round() as i64;
        steps.max(1) * self.step
    }

    pub(crate) fn round(&self, minor: f64) -> i64 {
        (minor / self.step as f64).round() as i64 * self.step
    }

    pub(crate) fn money(&self, minor: i64) -> Money {
        Money::from_minor(minor, self.currency)
    }
}
