//! The Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005, "RFM and CLV:
//! using iso-value curves for customer base analysis", JMR 42(4); Hardie's note 025, "The
//! Gamma-Gamma model of monetary value").
//!
//! A customer's transaction values are Gamma(p, ν) (shape p, rate ν) around their own mean
//! p/ν, and ν varies across customers as Gamma(q, γ). Observing x transactions with mean m_x,
//! the model shrinks m_x towards the population mean pγ/(q−1), the less the fewer
//! transactions there are. Spend is assumed independent of the purchase process, so the
//! model is fitted apart from the BG/NBD and their forecasts multiply in the lifetime value.
//!
//! It is fitted on repeat customers only, on (x = repeat transactions, m_x = mean value of the
//! repeat transactions): that is what reproduces the published CDNOW fit (p = 6.25,
//! q = 3.74, γ = 15.44), see `tests/cdnow.rs`. Customers with x = 0 carry no spend to fit;
//! customers whose mean is not positive (refunds, free orders) are outside a Gamma model and
//! are left out — both are counted in [`GammaGammaExclusions`] so that nobody disappears
//! silently.

use super::calibration::CalibrationSummary;
use super::optimize::{FitError, Options, fit_positive};
use super::special::{digamma, ln_gamma};

/// The three Gamma-Gamma parameters, all positive.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct GammaGammaParams {
    /// Shape of each customer's distribution of transaction values.
    pub p: f64,
    /// Shape of the distribution of ν across customers.
    pub q: f64,
    /// Rate of the distribution of ν across customers; in money units (it scales with them).
    pub gamma: f64,
}

impl GammaGammaParams {
    /// The log-density of one customer's mean m_x of x transactions (note 025, eq. 5):
    /// ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m_x + px ln x − (px+q) ln(γ + x m_x).
    pub fn log_likelihood(&self, x: u32, m_x: f64) -> f64 {
        let GammaGammaParams { p, q, gamma } = *self;
        let xf = f64::from(x);
        let px = p * xf;
        ln_gamma(px + q) - ln_gamma(px) - ln_gamma(q)
            + q * gamma.ln()
            + (px - 1.0) * m_x.ln()
            + px * xf.ln()
            - (px + q) * (gamma + xf * m_x).ln()
    }

    /// The population mean transaction value E[Z] = pγ/(q−1); `None` when q ≤ 1, where the
    /// model's mean is infinite.
    pub fn population_mean(&self) -> Option<f64> {
        (self.q > 1.0).then(|| self.p * self.gamma / (self.q - 1.0))
    }

    /// E[M | x, m_x], the expected value of this customer's future transactions (note 025,
    /// eq. 6): (γ + m_x x)·p / (px + q − 1), a weighted mean of the population mean and the
    /// customer's own m_x. For x = 0 the population mean. `None` when the expectation is
    /// infinite (px + q ≤ 1) or m_x is not finite. A non-positive m_x is taken as it is.
    pub fn conditional_expected_average_value(&self, x: u32, m_x: f64) -> Option<f64> {
        if x == 0 {
            return self.population_mean();
        }
        let GammaGammaParams { p, q, gamma } = *self;
        let xf = f64::from(x);
        let denominator = p * xf + q - 1.0;
        (denominator > 0.0 && m_x.is_finite()).then(|| (gamma + m_x * xf) * p / denominator)
    }
}

/// The customers left out of a Gamma-Gamma fit, by reason.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GammaGammaExclusions {
    /// No repeat transaction: no spend to fit on (not an anomaly; most customers of a base).
    pub zero_frequency: u64,
    /// A mean repeat-transaction value of zero or less, which a Gamma model cannot produce.
    pub non_positive_mean: u64,
    /// A mean that is NaN or infinite (or missing with x > 0).
    pub non_finite_mean: u64,
}

impl GammaGammaExclusions {
    /// All customers left out.
    pub fn total(&self) -> u64 {
        self.zero_frequency + self.non_positive_mean + self.non_finite_mean
    }
}

/// Repeat customers' (x, m_x), compressed into distinct pairs with weights and grouped by x,
/// with ln m_x precomputed; what [`GammaGammaData::fit`] works on. Building it sorts, so the
/// fit does not depend on the order of the customers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GammaGammaData {
    groups: Vec<Group>,
    cells: Vec<Cell>,
    customers: u64,
    excluded: GammaGammaExclusions,
}

/// The customers with one x: `cells[start..end]`, with Σ weight and Σ weight·ln m_x.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Group {
    x: u32,
    start: usize,
    end: usize,
    weight: f64,
    sum_ln_m: f64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Cell {
    m: f64,
    weight: f64,
}

impl GammaGammaData {
    /// Collects (x, m_x) pairs, one per customer, leaving out and counting those the model
    /// cannot use (see [`GammaGammaExclusions`]).
    pub fn from_pairs(pairs: impl IntoIterator<Item = (u32, f64)>) -> GammaGammaData {
        let mut excluded = GammaGammaExclusions::default();
        let mut keyed: Vec<(u32, u64)> = Vec::new();
        for (x, m) in pairs {
            if x == 0 {
                excluded.zero_frequency += 1;
            } else if !m.is_finite() {
                excluded.non_finite_mean += 1;
            } else if m <= 0.0 {
                excluded.non_positive_mean += 1;
            } else {
                // Positive floats sort as their bit patterns do.
                keyed.push((x, m.to_bits()));
            }
        }
        keyed.sort_unstable();
        let mut data = GammaGammaData {
            excluded,
            ..GammaGammaData::default()
        };
        for (x, bits) in keyed {
            let m = f64::from_bits(bits);
            data.customers += 1;
            let same_group = data.groups.last().is_some_and(|g| g.x == x);
            if !same_group {
                let start = data.cells.len();
                data.groups.push(Group {
                    x,
                    start,
                    end: start,
                    weight: 0.0,
                    sum_ln_m: 0.0,
                });
            }
            let group = data.groups.len() - 1;
            let group = &mut data.groups[group];
            group.weight += 1.0;
            group.sum_ln_m += m.ln();
            match data.cells.last_mut() {
                Some(cell) if same_group && cell.m == m => cell.weight += 1.0,
                _ => {
                    data.cells.push(Cell { m, weight: 1.0 });
                    group.end += 1;
                }
            }
        }
        data
    }

    /// From calibration summaries: (frequency, repeat-transaction mean).
    pub fn from_summaries(summaries: &[CalibrationSummary]) -> GammaGammaData {
        Self::from_pairs(
            summaries
                .iter()
                .map(|s| (s.frequency, s.monetary_value.unwrap_or(f64::NAN))),
        )
    }

    /// Number of customers the model is fitted on.
    pub fn customers(&self) -> u64 {
        self.customers
    }

    /// Number of distinct (x, m_x) pairs.
    pub fn distinct_pairs(&self) -> usize {
        self.cells.len()
    }

    /// Who was left out.
    pub fn excluded(&self) -> GammaGammaExclusions {
        self.excluded
    }

    /// The total log-likelihood, Σ [`GammaGammaParams::log_likelihood`] over the customers.
    pub fn log_likelihood(&self, params: &GammaGammaParams) -> f64 {
        self.evaluate(params, &mut [0.0; 3])
    }

    /// The total log-likelihood and its gradient with respect to (p, q, γ). Per group of
    /// equal x, with W its weight and Sₗ = Σ ln(γ + x mᵢ):
    /// ∂/∂p = x[W(ψ(px+q) − ψ(px) + ln x) + Σ ln mᵢ − Sₗ],
    /// ∂/∂q = W(ψ(px+q) − ψ(q) + ln γ) − Sₗ,
    /// ∂/∂γ = W q/γ − (px+q) Σ 1/(γ + x mᵢ).
    fn evaluate(&self, params: &GammaGammaParams, gradient: &mut [f64; 3]) -> f64 {
        let GammaGammaParams { p, q, gamma } = *params;
        let (ln_gamma_q, digamma_q) = (ln_gamma(q), digamma(q));
        let ln_gamma_param = gamma.ln();
        let mut total = 0.0;
        let mut g = [0.0; 3];
        for group in &self.groups {
            let x = f64::from(group.x);
            let (px, ln_x) = (p * x, x.ln());
            let (mut sum_ln, mut sum_inv) = (0.0, 0.0);
            for cell in &self.cells[group.start..group.end] {
                let d = gamma + x * cell.m;
                sum_ln += cell.weight * d.ln();
                sum_inv += cell.weight / d;
            }
            let w = group.weight;
            let (ln_gamma_pxq, digamma_pxq) = (ln_gamma(px + q), digamma(px + q));
            total += w
                * (ln_gamma_pxq - ln_gamma(px) - ln_gamma_q + q * ln_gamma_param + px * ln_x)
                + (px - 1.0) * group.sum_ln_m
                - (px + q) * sum_ln;
            g[0] += x * (w * (digamma_pxq - digamma(px) + ln_x) + group.sum_ln_m - sum_ln);
            g[1] += w * (digamma_pxq - digamma_q + ln_gamma_param) - sum_ln;
            g[2] += w * q / gamma - (px + q) * sum_inv;
        }
        *gradient = g;
        total
    }

    /// Fits the model by maximum likelihood with the default [`Options`].
    pub fn fit(&self) -> Result<GammaGammaFit, FitError> {
        self.fit_with(&Options::default())
    }

    /// Fits the model by maximum likelihood: [`minimize`](super::optimize::minimize) on θ = ln(p, q, γ) of the negative
    /// mean log-likelihood, from p = 1, q = 2 and γ = the mean of m_x (which makes the
    /// starting population mean pγ/(q−1) the observed one).
    pub fn fit_with(&self, options: &Options) -> Result<GammaGammaFit, FitError> {
        if self.customers == 0 {
            return Err(if self.excluded.total() == 0 {
                FitError::NoCustomers
            } else {
                FitError::NoRepeatCustomers
            });
        }
        let n = self.customers as f64;
        let mean_m = self.cells.iter().map(|c| c.m * c.weight).sum::<f64>() / n;
        let start = [0.0, 2f64.ln(), mean_m.ln()];
        let outcome = fit_positive(self.customers, start, options, |v, g| {
            self.evaluate(&params_of(v), g)
        })?;
        let params = params_of(&outcome.x.map(f64::exp));
        Ok(GammaGammaFit {
            params,
            log_likelihood: self.log_likelihood(&params),
            iterations: outcome.iterations,
            evaluations: outcome.evaluations,
            converged: outcome.converged,
            customers: self.customers,
            distinct_pairs: self.cells.len(),
            excluded: self.excluded,
        })
    }
}

fn params_of(v: &[f64; 3]) -> GammaGammaParams {
    GammaGammaParams {
        p: v[0],
        q: v[1],
        gamma: v[2],
    }
}

/// What a Gamma-Gamma fit found.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GammaGammaFit {
    pub params: GammaGammaParams,
    /// The total log-likelihood at `params`.
    pub log_likelihood: f64,
    pub iterations: u32,
    pub evaluations: u32,
    /// Whether the gradient of the mean log-likelihood met the tolerance. When false the
    /// parameters are the best found, typically because spend hardly varies between
    /// customers and the maximum lies at q → ∞.
    pub converged: bool,
    /// Customers fitted on.
    pub customers: u64,
    pub distinct_pairs: usize,
    /// Customers left out, by reason.
    pub excluded: GammaGammaExclusions,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::optimize::tests::assert_gradient_matches;

    const CDNOW: GammaGammaParams = GammaGammaParams {
        p: 6.25,
        q: 3.74,
        gamma: 15.44,
    };

    #[test]
    fn the_conditional_expectation_shrinks_towards_the_population_mean() {
        let population = CDNOW.population_mean().unwrap();
        assert!((population - 35.22).abs() < 0.01, "{population}");
        assert_eq!(
            CDNOW.conditional_expected_average_value(0, 123.0),
            Some(population)
        );
        let one = CDNOW.conditional_expected_average_value(1, 100.0).unwrap();
        let many = CDNOW.conditional_expected_average_value(50, 100.0).unwrap();
        assert!(population < one && one < many && many < 100.0);
        let infinite = GammaGammaParams { q: 0.9, ..CDNOW };
        assert_eq!(infinite.population_mean(), None);
        assert!(
            infinite
                .conditional_expected_average_value(1, 10.0)
                .is_some()
        );
        assert_eq!(CDNOW.conditional_expected_average_value(1, f64::NAN), None);
    }

    #[test]
    fn the_gradient_matches_finite_differences() {
        let data =
            GammaGammaData::from_pairs([(1, 10.0), (1, 10.0), (2, 22.35), (7, 73.74), (3, 5.0)]);
        let p = [4.0, 3.0, 12.0];
        let mut g = [0.0; 3];
        data.evaluate(&params_of(&p), &mut g);
        assert_gradient_matches(p, g, |v| data.log_likelihood(&params_of(v)));
    }

    #[test]
    fn exclusions_are_counted_by_reason() {
        let data = GammaGammaData::from_pairs([
            (0, 0.0),
            (0, 5.0),
            (1, 0.0),
            (2, -3.0),
            (1, f64::NAN),
            (3, 10.0),
            (3, 10.0),
            (1, 4.0),
        ]);
        assert_eq!(
            data.excluded(),
            GammaGammaExclusions {
                zero_frequency: 2,
                non_positive_mean: 2,
                non_finite_mean: 1
            }
        );
        assert_eq!(data.customers(), 3);
        assert_eq!(data.distinct_pairs(), 2);
    }

    #[test]
    fn degenerate_input_is_refused() {
        assert_eq!(
            GammaGammaData::from_pairs([]).fit(),
            Err(FitError::NoCustomers)
        );
        assert_eq!(
            GammaGammaData::from_pairs([(0, 1.0), (1, -1.0)]).fit(),
            Err(FitError::NoRepeatCustomers)
        );
    }

    #[test]
    fn spend_that_never_varies_ends_at_the_boundary_quickly() {
        // Every transaction is worth exactly 10: no spread within or across customers, so
        // the maximum lies at p, q → ∞.
        let data = GammaGammaData::from_pairs((1..100).map(|i| (i % 7 + 1, 10.0)));
        let fit = data.fit().unwrap();
        assert!(fit.evaluations < 3000, "{fit:?}");
        assert!(!fit.converged, "{fit:?}");
        assert!(fit.log_likelihood.is_finite(), "{fit:?}");
    }

    #[test]
    fn compressed_likelihood_is_the_sum_over_customers() {
        let pairs = [
            (1, 10.0),
            (1, 10.0),
            (2, 22.35),
            (7, 73.74),
            (3, 5.0),
            (1, 3.0),
        ];
        let data = GammaGammaData::from_pairs(pairs);
        let sum: f64 = pairs.iter().map(|&(x, m)| CDNOW.log_likelihood(x, m)).sum();
        assert!((data.log_likelihood(&CDNOW) - sum).abs() < 1e-10 * sum.abs());
    }
}
