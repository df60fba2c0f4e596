//! The BG/NBD model of repeat buying (Fader, Hardie & Lee 2005, "Counting your customers the
//! easy way: an alternative to the Pareto/NBD model", Marketing Science 24(2)).
//!
//! While alive, a customer buys as a Poisson process with rate λ; after every purchase they
//! drop out with probability p. Across customers λ ~ Gamma(r, α) (shape r, rate α, so α is in
//! the time unit of the data) and p ~ Beta(a, b). The model is fitted by maximum likelihood on
//! each customer's (x, t_x, T) (see [`super::calibration`]) and then forecasts:
//! - E[X(t)], the expected number of transactions of a new customer in a period of length t;
//! - P(alive | x, t_x, T), the probability that a customer has not dropped out;
//! - E[Y(t) | x, t_x, T], a customer's expected number of transactions in the next t.
//!
//! # Speed
//!
//! The likelihood depends on a customer only through (x, t_x, T), so [`BgNbdData`] compresses
//! the base into distinct triples with weights, grouped by x: the log-gamma terms are then
//! evaluated once per distinct x, ln(α + t) once per distinct time value, and each triple costs
//! one `exp` and one `ln_1p`. With the analytic gradient, a fit takes a few dozen likelihood
//! evaluations, so its cost is proportional to the number of distinct triples, not customers.

use super::calibration::CalibrationSummary;
use super::optimize::{FitError, Options, fit_positive};
use super::special::{digamma, ln_gamma, sum_series};

/// The four BG/NBD parameters, all positive.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BgNbdParams {
    /// Shape of the Gamma distribution of purchase rates λ.
    pub r: f64,
    /// Rate (inverse scale) of the Gamma distribution of λ, in the data's time unit.
    pub alpha: f64,
    /// First shape of the Beta distribution of the dropout probability p.
    pub a: f64,
    /// Second shape of the Beta distribution of p.
    pub b: f64,
}

impl BgNbdParams {
    /// One customer's log-likelihood (the log of the paper's eq. 6), x repeat transactions,
    /// the last at t_x, observed for T (`age`).
    ///
    /// Written as in the `lifetimes` package: ln L = A₁ + A₂ + ln(e^A₃ + δ_{x>0}·e^A₄) with
    /// A₁ = ln Γ(r+x) − ln Γ(r) + r ln α, A₂ = ln B(a, b+x) − ln B(a, b),
    /// A₃ = −(r+x) ln(α+T), A₄ = ln a − ln(b+x−1) − (r+x) ln(α+t_x); the last sum is taken
    /// around its larger term so that neither exponential can overflow or underflow to 0, and
    /// the Gamma-function ratios in A₁ and A₂ are summed rather than subtracted (see
    /// `CountTerms`), which keeps them exact where few customers drop out and b is large.
    pub fn log_likelihood(&self, x: u32, t_x: f64, age: f64) -> f64 {
        let BgNbdParams { r, alpha, a, b } = *self;
        let xf = f64::from(x);
        let terms = CountTerms::new(self).at(x);
        let a1 = terms.ln_rising_r + r * alpha.ln();
        let a2 = terms.ln_beta_ratio;
        let a3 = -(r + xf) * (alpha + age).ln();
        if x == 0 {
            return a1 + a2 + a3;
        }
        let a4 = a.ln() - (b + xf - 1.0).ln() - (r + xf) * (alpha + t_x).ln();
        a1 + a2 + log_add_exp(a3, a4)
    }

    /// E[X(t)]: the expected number of transactions in a period of length t of a customer
    /// observed from their first purchase (the paper's eq. 9),
    /// (a+b−1)/(a−1) · [1 − (α/(α+t))^r · ₂F₁(r, b; a+b−1; t/(α+t))].
    ///
    /// Evaluated as [`Self::conditional_expected_transactions`] with x = t_x = T = 0, which it
    /// is; see there for how the hypergeometric function is summed. NaN for t < 0.
    pub fn expected_transactions(&self, t: f64) -> f64 {
        self.expected_numerator(t, 0, 0.0)
    }

    /// P(alive | x, t_x, T): the probability that a customer with this history has not
    /// dropped out by T (Fader, Hardie & Lee, "Computing P(alive) using the BG/NBD model"):
    /// 1 / (1 + δ_{x>0} · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)), 1 for x = 0 (in the BG/NBD
    /// a customer can only drop out right after a repeat purchase).
    pub fn probability_alive(&self, x: u32, t_x: f64, age: f64) -> f64 {
        if x == 0 {
            return 1.0;
        }
        let BgNbdParams { r, alpha, a, b } = *self;
        let xf = f64::from(x);
        // The odds of being dead, in logs: the power can overflow for long-lapsed customers,
        // which then correctly gives P(alive) = 0.
        let log_odds =
            a.ln() - (b + xf - 1.0).ln() + (r + xf) * ((alpha + age).ln() - (alpha + t_x).ln());
        1.0 / (1.0 + log_odds.exp())
    }

    /// E[Y(t) | x, t_x, T]: the expected number of transactions in the next t of a customer
    /// with x repeat transactions, the last at t_x, observed for T (the paper's eq. 10):
    ///
    /// (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x; a+b+x−1; z)] · P(alive),
    /// with z = t/(α+T+t).
    ///
    /// # How it is evaluated
    ///
    /// The formula as printed divides by a − 1, and subtracts from 1 a quantity that tends to 1
    /// as a → 1 (and as t → 0), so it loses digits near a = 1 — a value fitted data often
    /// give. Euler's transformation ₂F₁(A, B; C; z) = (1−z)^(C−A−B) ₂F₁(C−A, C−B; C; z) turns
    /// the bracket into (1−z)^(a−1) · ₂F₁(a+b−1−r, a−1; C; z), whose series is 1 + (a−1)·H
    /// with H = Σₙ≥₁ (a+b−1−r)ₙ (a)ₙ₋₁ zⁿ / ((C)ₙ n!). So, with L = ln(1−z) and C = a+b+x−1,
    ///
    /// C/(a−1) · [1 − …] = C · (−expm1((a−1)L)/(a−1)) − e^((a−1)L) · C·H,
    ///
    /// where the first term tends to −C·L as a → 1 (and is computed so), and C·H is summed
    /// with C folded into its first term, which also removes the pole of the printed formula
    /// at a + b + x = 1. The series converges for every t ≥ 0 (0 ≤ z < 1), summed with the
    /// remainder bound documented at [`super::special::hyp2f1`]; it needs about 35(α+T+t)/(α+T)
    /// terms, and gives NaN past [`super::special::SERIES_MAX_TERMS`] (a horizon some 28,000
    /// times α+T), and for t < 0.
    pub fn conditional_expected_transactions(&self, t: f64, x: u32, t_x: f64, age: f64) -> f64 {
        self.expected_numerator(t, x, age) * self.probability_alive(x, t_x, age)
    }

    /// The bracketed part of eq. 10 times (a+b+x−1)/(a−1); see
    /// [`Self::conditional_expected_transactions`].
    fn expected_numerator(&self, t: f64, x: u32, age: f64) -> f64 {
        if t.is_nan() || t < 0.0 {
            return f64::NAN;
        }
        if t == 0.0 {
            return 0.0;
        }
        let BgNbdParams { r, alpha, a, b } = *self;
        let xf = f64::from(x);
        let c = a + b + xf - 1.0;
        let base = alpha + age;
        let z = t / (base + t);
        let ln_one_minus_z = -(t / base).ln_1p();
        let y = (a - 1.0) * ln_one_minus_z;
        let first = if a == 1.0 {
            -ln_one_minus_z
        } else {
            -y.exp_m1() / (a - 1.0)
        };
        // C·H = Σₙ≥₁ uₙ with u₁ = (a+b−1−r)·z and u_{n+1}/uₙ = z(a+b−1−r+n)(a−1+n)/((C+n)(n+1));
        // in sum_series' indexing (k = n − 1) that is A = a+b−r, B = a, C' = C+1, d = 2.
        let ch = sum_series((a + b - 1.0 - r) * z, a + b - r, a, c + 1.0, 2.0, z);
        c * first - y.exp() * ch
    }
}

/// The terms of the likelihood that depend on the count x through Gamma-function ratios,
/// with their derivatives:
/// - ln Γ(r+x) − ln Γ(r) = Σₖ<ₓ ln(r+k), and its ∂/∂r, ψ(r+x) − ψ(r) = Σₖ<ₓ 1/(r+k);
/// - ln B(a, b+x) − ln B(a, b) = −Σₖ<ₓ ln(1 + a/(b+k)), with ∂/∂a = −Σₖ<ₓ 1/(a+b+k) and
///   ∂/∂b = Σₖ<ₓ a/((b+k)(a+b+k)).
///
/// The sums matter: written as differences of ln Γ (as in the paper and `lifetimes`) these
/// cancel catastrophically when b is large — ln Γ(b) ≈ 5·10⁵ at b = 5·10⁴, where the
/// difference is needed to 1e-12 — which turns the likelihood into noise near a fit where
/// few customers drop out. Groups come in increasing x, so the sums are extended, not
/// restarted: O(largest x) per likelihood evaluation. Beyond [`CountTerms::DIRECT_LIMIT`]
/// the closed forms are used (the terms are then large and their relative error small).
struct CountTerms {
    params: BgNbdParams,
    /// The x the sums run to.
    k: u32,
    sums: Terms,
}

#[derive(Clone, Copy, Debug, Default)]
struct Terms {
    ln_rising_r: f64,
    d_r: f64,
    ln_beta_ratio: f64,
    d_a: f64,
    d_b: f64,
}

impl CountTerms {
    const DIRECT_LIMIT: u32 = 10_000;

    fn new(params: &BgNbdParams) -> CountTerms {
        CountTerms {
            params: *params,
            k: 0,
            sums: Terms::default(),
        }
    }

    fn at(&mut self, x: u32) -> Terms {
        let BgNbdParams { r, a, b, .. } = self.params;
        if x > Self::DIRECT_LIMIT {
            let xf = f64::from(x);
            return Terms {
                ln_rising_r: ln_gamma(r + xf) - ln_gamma(r),
                d_r: digamma(r + xf) - digamma(r),
                ln_beta_ratio: ln_gamma(a + b) + ln_gamma(b + xf)
                    - ln_gamma(b)
                    - ln_gamma(a + b + xf),
                d_a: digamma(a + b) - digamma(a + b + xf),
                d_b: digamma(a + b) + digamma(b + xf) - digamma(b) - digamma(a + b + xf),
            };
        }
        if x < self.k {
            self.k = 0;
            self.sums = Terms::default();
        }
        let s = &mut self.sums;
        while self.k < x {
            let k = f64::from(self.k);
            let (rk, bk, abk) = (r + k, b + k, a + b + k);
            s.ln_rising_r += rk.ln();
            s.d_r += 1.0 / rk;
            s.ln_beta_ratio -= (a / bk).ln_1p();
            s.d_a -= 1.0 / abk;
            s.d_b += a / (bk * abk);
            self.k += 1;
        }
        *s
    }
}

/// ln(eᵘ + eᵛ) without overflow or underflow.
fn log_add_exp(u: f64, v: f64) -> f64 {
    let (high, low) = if u >= v { (u, v) } else { (v, u) };
    high + (low - high).exp().ln_1p()
}

/// The customers of a base compressed into distinct (x, t_x, T) triples with weights, grouped
/// by x, with the distinct time values tabulated; what [`BgNbdData::fit`] works on.
///
/// Building it sorts the triples, so the fit does not depend on the order of the customers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BgNbdData {
    /// Every distinct value of t_x and T, ascending.
    times: Vec<f64>,
    groups: Vec<Group>,
    cells: Vec<Cell>,
    customers: u64,
}

/// The triples with one value of x: `cells[start..end]`.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Group {
    x: u32,
    start: usize,
    end: usize,
    weight: f64,
}

/// One distinct (t_x, T) within a group, as indices into the time table, and how many
/// customers share it.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Cell {
    t_x: u32,
    age: u32,
    weight: f64,
}

impl BgNbdData {
    /// Compresses (x, t_x, T) triples, one per customer. Errors on a triple no history can
    /// produce: a negative or non-finite time, or t_x > T. For x = 0 the recency carries no
    /// information and is ignored.
    pub fn from_triples(
        triples: impl IntoIterator<Item = (u32, f64, f64)>,
    ) -> Result<BgNbdData, FitError> {
        let mut keyed: Vec<(u32, u64, u64)> = Vec::new();
        for (index, (x, t_x, age)) in triples.into_iter().enumerate() {
            let t_x = if x == 0 { 0.0 } else { t_x };
            if !(t_x.is_finite() && age.is_finite() && t_x >= 0.0 && age >= 0.0) {
                return Err(FitError::InvalidInput {
                    index,
                    reason: format!("recency {t_x} and age {age} must be finite and ≥ 0"),
                });
            }
            if t_x > age {
                return Err(FitError::InvalidInput {
                    index,
                    reason: format!("recency {t_x} is after the end of the observation ({age})"),
                });
            }
            // Adding 0.0 turns −0.0 into +0.0; the bit patterns of non-negative floats then
            // sort as the numbers do, and integer keys sort faster than floats.
            keyed.push((x, (t_x + 0.0).to_bits(), (age + 0.0).to_bits()));
        }
        Ok(Self::from_keys(keyed))
    }

    /// Compresses calibration summaries.
    pub fn from_summaries(summaries: &[CalibrationSummary]) -> Result<BgNbdData, FitError> {
        Self::from_triples(summaries.iter().map(|s| (s.frequency, s.recency, s.age)))
    }

    fn from_keys(mut keyed: Vec<(u32, u64, u64)>) -> BgNbdData {
        keyed.sort_unstable();
        let mut times: Vec<u64> = Vec::new();
        let mut distinct: Vec<((u32, u64, u64), u64)> = Vec::new();
        for key in keyed {
            match distinct.last_mut() {
                Some((last, count)) if *last == key => *count += 1,
                _ => {
                    times.push(key.1);
                    times.push(key.2);
                    distinct.push((key, 1));
                }
            }
        }
        times.sort_unstable();
        times.dedup();
        let index = |bits: u64| times.binary_search(&bits).unwrap_or_default() as u32;
        let mut data = BgNbdData::default();
        for ((x, t_x, age), count) in distinct {
            let weight = count as f64;
            data.customers += count;
            match data.groups.last_mut() {
                Some(group) if group.x == x => {
                    group.end += 1;
                    group.weight += weight;
                }
                _ => {
                    let start = data.cells.len();
                    data.groups.push(Group {
                        x,
                        start,
                        end: start + 1,
                        weight,
                    });
                }
            }
            data.cells.push(Cell {
                t_x: index(t_x),
                age: index(age),
                weight,
            });
        }
        data.times = times.into_iter().map(f64::from_bits).collect();
        data
    }

    /// Number of customers.
    pub fn customers(&self) -> u64 {
        self.customers
    }

    /// Number of distinct (x, t_x, T) triples: what a likelihood evaluation costs.
    pub fn distinct_triples(&self) -> usize {
        self.cells.len()
    }

    /// The total log-likelihood of the base, Σ over customers of
    /// [`BgNbdParams::log_likelihood`].
    pub fn log_likelihood(&self, params: &BgNbdParams) -> f64 {
        let mut gradient = [0.0; 4];
        let mut scratch = Vec::new();
        self.evaluate(params, &mut gradient, &mut scratch)
    }

    /// The total log-likelihood and its gradient with respect to (r, α, a, b).
    ///
    /// Per group of equal x, with W the group's weight, wᵢ = e^A₃/(e^A₃ + e^A₄) and 1 − wᵢ
    /// the shares of the two terms of each triple's likelihood:
    /// ∂/∂r = W(ψ(r+x) − ψ(r) + ln α) − Σ(wᵢ ln(α+T) + (1−wᵢ) ln(α+t_x)),
    /// ∂/∂α = W r/α − (r+x) Σ(wᵢ/(α+T) + (1−wᵢ)/(α+t_x)),
    /// ∂/∂a = W(ψ(a+b) − ψ(a+b+x)) + Σ(1−wᵢ)/a,
    /// ∂/∂b = W(ψ(a+b) + ψ(b+x) − ψ(b) − ψ(a+b+x)) − Σ(1−wᵢ)/(b+x−1).
    fn evaluate(
        &self,
        params: &BgNbdParams,
        gradient: &mut [f64; 4],
        scratch: &mut Vec<(f64, f64)>,
    ) -> f64 {
        let BgNbdParams { r, alpha, a, b } = *params;
        scratch.clear();
        scratch.extend(self.times.iter().map(|&t| {
            let s = alpha + t;
            (s.ln(), 1.0 / s)
        }));
        let ln_alpha = alpha.ln();
        let ln_a = a.ln();
        let mut count_terms = CountTerms::new(params);
        let mut total = 0.0;
        let mut g = [0.0; 4];
        for group in &self.groups {
            let cells = &self.cells[group.start..group.end];
            let w = group.weight;
            if group.x == 0 {
                // L = (α/(α+T))^r: only A₁ + A₃ with x = 0.
                let (mut sum_ln, mut sum_inv) = (0.0, 0.0);
                for cell in cells {
                    let (ln_t, inv_t) = scratch[cell.age as usize];
                    sum_ln += cell.weight * ln_t;
                    sum_inv += cell.weight * inv_t;
                }
                total += w * r * ln_alpha - r * sum_ln;
                g[0] += w * ln_alpha - sum_ln;
                g[1] += w * r / alpha - r * sum_inv;
                continue;
            }
            let x = f64::from(group.x);
            let rx = r + x;
            let bx1 = b + x - 1.0;
            let terms = count_terms.at(group.x);
            let constant = terms.ln_rising_r + r * ln_alpha + terms.ln_beta_ratio;
            let ln_ratio = ln_a - bx1.ln();
            let (mut sum_lse, mut sum_ln, mut sum_inv, mut sum_w4) = (0.0, 0.0, 0.0, 0.0);
            for cell in cells {
                let (ln_t, inv_t) = scratch[cell.age as usize];
                let (ln_tx, inv_tx) = scratch[cell.t_x as usize];
                let a3 = -rx * ln_t;
                let a4 = ln_ratio - rx * ln_tx;
                let d = a3 - a4;
                let e = (-d.abs()).exp();
                let inv = 1.0 / (1.0 + e);
                let (w3, w4) = if d >= 0.0 {
                    (inv, e * inv)
                } else {
                    (e * inv, inv)
                };
                let lse = a3.max(a4) + e.ln_1p();
                sum_lse += cell.weight * lse;
                sum_ln += cell.weight * (w3 * ln_t + w4 * ln_tx);
                sum_inv += cell.weight * (w3 * inv_t + w4 * inv_tx);
                sum_w4 += cell.weight * w4;
            }
            total += w * constant + sum_lse;
            g[0] += w * (terms.d_r + ln_alpha) - sum_ln;
            g[1] += w * r / alpha - rx * sum_inv;
            g[2] += w * terms.d_a + sum_w4 / a;
            g[3] += w * terms.d_b - sum_w4 / bx1;
        }
        *gradient = g;
        total
    }

    /// Fits the model by maximum likelihood with the default [`Options`].
    pub fn fit(&self) -> Result<BgNbdFit, FitError> {
        self.fit_with(&Options::default())
    }

    /// Fits the model by maximum likelihood: [`minimize`](super::optimize::minimize) on θ = ln(r, α, a, b) of the
    /// negative mean log-likelihood, from r = a = b = 1 and α = ΣT/Σx (which makes the
    /// starting mean purchase rate r/α the observed one).
    pub fn fit_with(&self, options: &Options) -> Result<BgNbdFit, FitError> {
        if self.customers == 0 {
            return Err(FitError::NoCustomers);
        }
        let (mut sum_x, mut sum_age) = (0.0, 0.0);
        for group in &self.groups {
            for cell in &self.cells[group.start..group.end] {
                sum_x += f64::from(group.x) * cell.weight;
                sum_age += self.times[cell.age as usize] * cell.weight;
            }
        }
        if sum_x == 0.0 {
            return Err(FitError::NoRepeatCustomers);
        }
        let mut scratch = Vec::with_capacity(self.times.len());
        let start = [0.0, (sum_age / sum_x).max(1e-6).ln(), 0.0, 0.0];
        let outcome = fit_positive(self.customers, start, options, |v, g| {
            self.evaluate(&params_of(v), g, &mut scratch)
        })?;
        let params = params_of(&outcome.x.map(f64::exp));
        Ok(BgNbdFit {
            params,
            log_likelihood: self.log_likelihood(&params),
            iterations: outcome.iterations,
            evaluations: outcome.evaluations,
            converged: outcome.converged,
            customers: self.customers,
            distinct_triples: self.cells.len(),
        })
    }
}

fn params_of(v: &[f64; 4]) -> BgNbdParams {
    BgNbdParams {
        r: v[0],
        alpha: v[1],
        a: v[2],
        b: v[3],
    }
}

/// What a BG/NBD fit found.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BgNbdFit {
    pub params: BgNbdParams,
    /// The total log-likelihood at `params`.
    pub log_likelihood: f64,
    /// Optimiser iterations (BFGS line searches, plus Nelder-Mead steps if it fell back).
    pub iterations: u32,
    /// Likelihood evaluations (each with its gradient).
    pub evaluations: u32,
    /// Whether the gradient of the mean log-likelihood met the tolerance; when false the
    /// parameters are the best found, typically because the maximum lies at a boundary
    /// (e.g. nobody drops out: b/a → ∞).
    pub converged: bool,
    pub customers: u64,
    pub distinct_triples: usize,
}

#[cfg(test)]
mod tests;
