//! The special functions the buy-till-you-die models need: log-gamma, digamma and the Gauss
//! hypergeometric series ₂F₁.
//!
//! The standard library has none of them on stable Rust, and the models evaluate them with
//! positive arguments only, so small self-contained implementations with known error bounds
//! serve better than a dependency. Checked against 30-digit mpmath values in the tests: ln Γ
//! and ψ to about 1e-15 relative for arguments ≥ 10 and 5e-15 absolute below (the
//! likelihoods only ever use differences of ln Γ, where absolute error is what counts).

/// ½·ln(2π).
const HALF_LN_2PI: f64 = 0.918_938_533_204_672_8;

/// Below this the recurrences shift the argument up before the asymptotic series are used: at
/// 10 the first omitted terms are below 1e-16 relative.
const ASYMPTOTIC_FROM: f64 = 10.0;

/// ln Γ(x) for x > 0; `+∞` at 0 and NaN for negative or NaN arguments (the models never ask
/// for those: every argument is a sum of positive parameters and counts).
///
/// For x ≥ 10 the Stirling series with seven correction terms (up to 1/x¹³); below, the
/// recurrence Γ(x) = Γ(x+n)/(x(x+1)…(x+n−1)) first moves the argument past 10. The product of
/// at most ten factors cannot overflow for x > 0.
pub fn ln_gamma(x: f64) -> f64 {
    if x.is_nan() || x < 0.0 {
        return f64::NAN;
    }
    if x == 0.0 {
        return f64::INFINITY;
    }
    if x >= ASYMPTOTIC_FROM {
        return stirling(x);
    }
    let mut y = x;
    let mut product = 1.0;
    while y < ASYMPTOTIC_FROM {
        product *= y;
        y += 1.0;
    }
    stirling(y) - product.ln()
}

/// The Stirling series for ln Γ(x), x ≥ 10. The coefficients are B₂ₖ/(2k(2k−1)).
fn stirling(x: f64) -> f64 {
    let inv = 1.0 / x;
    let inv2 = inv * inv;
    let series = inv
        * in_powers_of(
            inv2,
            [
                1.0 / 12.0,
                -1.0 / 360.0,
                1.0 / 1260.0,
                -1.0 / 1680.0,
                1.0 / 1188.0,
                -691.0 / 360_360.0,
            ],
            156.0,
        );
    (x - 0.5) * x.ln() - x + HALF_LN_2PI + series
}

/// c₀ + x·(c₁ + x·(… + x·(c₅ + x/d))) by Horner's rule: the shape of both asymptotic
/// series, in x = 1/y². The last term is divided by its denominator `d` rather than multiplied
/// by 1/d, as the series have always been evaluated, so the results stay the same to the bit.
fn in_powers_of(x: f64, coefficients: [f64; 6], last_denominator: f64) -> f64 {
    let (&innermost, outer) = coefficients.split_last().expect("six coefficients");
    outer
        .iter()
        .rev()
        .fold(innermost + x / last_denominator, |inner, &c| c + x * inner)
}

/// The digamma function ψ(x) = d/dx ln Γ(x) for x > 0 (NaN otherwise), which the analytic
/// gradients of the likelihoods need.
///
/// For x ≥ 10 the asymptotic series ln x − 1/(2x) − Σ B₂ₖ/(2k·x²ᵏ) to 1/x¹⁴; below, the
/// recurrence ψ(x) = ψ(x+1) − 1/x.
pub fn digamma(x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 {
        return f64::NAN;
    }
    let mut y = x;
    let mut shift = 0.0;
    while y < ASYMPTOTIC_FROM {
        shift += 1.0 / y;
        y += 1.0;
    }
    let inv = 1.0 / y;
    let inv2 = inv * inv;
    let series = inv2
        * in_powers_of(
            inv2,
            [
                1.0 / 12.0,
                -1.0 / 120.0,
                1.0 / 252.0,
                -1.0 / 240.0,
                1.0 / 132.0,
                -691.0 / 32_760.0,
            ],
            12.0,
        );
    y.ln() - 0.5 * inv - series - shift
}

/// The relative accuracy the hypergeometric series are summed to.
pub const SERIES_EPSILON: f64 = 1e-15;

/// The most terms a hypergeometric series may take. The number needed grows like
/// 35/(1 − z), so the cap is reached only for z > 0.99996: in the BG/NBD that is a horizon
/// about 28,000 times longer than α + T, far beyond any meaningful forecast.
pub const SERIES_MAX_TERMS: usize = 1_000_000;

/// The Gauss hypergeometric function ₂F₁(a, b; c; z) = Σₙ (a)ₙ(b)ₙ/((c)ₙ n!) zⁿ, summed as
/// its defining series, for c > 0 and 0 ≤ z < 1 (NaN outside that range, or if the series
/// needs more than [`SERIES_MAX_TERMS`] terms).
///
/// # Convergence
///
/// For |z| < 1 the series converges absolutely: the ratio of successive terms is
/// z·f(n) with f(n) = (a+n)(b+n)/((c+n)(1+n)) → 1. Summation stops at the first term tₙ
/// (n past −a and −b, so that f stays positive) whose geometric bound on the remainder,
/// |tₙ|·ρ/(1−ρ), is below [`SERIES_EPSILON`]·|S|, where ρ = z·F and F bounds f(k) for every
/// k ≥ n: f(k) − 1 = ((a+b−c−1)k + ab − c)/((c+k)(1+k)) ≤ max(a+b−c−1, 0)/(1+n) +
/// max(ab−c, 0)/((c+n)(1+n)). The bound is rigorous, not a heuristic on the last term.
///
/// When a, b > 0 (always so in the BG/NBD) every term is positive, the partial sums increase
/// and there is no cancellation, so the result is accurate to about the stopping tolerance
/// plus the rounding of the additions (a few ulps per term). With a negative a or b the
/// accuracy is relative to the sum of the terms' magnitudes.
pub fn hyp2f1(a: f64, b: f64, c: f64, z: f64) -> f64 {
    if !(c > 0.0 && (0.0..1.0).contains(&z)) || a.is_nan() || b.is_nan() {
        return f64::NAN;
    }
    sum_series(1.0, a, b, c, 1.0, z)
}

/// Sums t₀ + t₁ + … where tₙ₊₁ = tₙ·z·(a+n)(b+n)/((c+n)(d+n)), with the remainder bound
/// described at [`hyp2f1`] (there d = 1). `d` ≥ 1 lets the BG/NBD sum a shifted series
/// without building Pochhammer symbols. Returns NaN if the cap on terms is reached.
pub(crate) fn sum_series(t0: f64, a: f64, b: f64, c: f64, d: f64, z: f64) -> f64 {
    debug_assert!(c > 0.0 && d >= 1.0 && (0.0..1.0).contains(&z));
    let mut term = t0;
    let mut sum = t0;
    if term == 0.0 || z == 0.0 {
        return sum;
    }
    // The index from which a + n and b + n are both positive (the ratio keeps its sign).
    let settled = (-a).max(-b).max(0.0);
    let excess_linear = (a + b - c - d).max(0.0);
    let excess_constant = (a * b - c * d).max(0.0);
    for n in 0..SERIES_MAX_TERMS {
        let n = n as f64;
        let ratio = z * (a + n) * (b + n) / ((c + n) * (d + n));
        term *= ratio;
        sum += term;
        if term == 0.0 {
            return sum;
        }
        let next = n + 1.0;
        if next > settled {
            // f(k) ≤ bound for every k ≥ next (see hyp2f1's documentation; d plays the role
            // of 1 there, and (d + k) ≥ (1 + k) keeps the same bound valid).
            let bound =
                1.0 + excess_linear / (d + next) + excess_constant / ((c + next) * (d + next));
            let rho = z * bound;
            if rho < 1.0 && term.abs() * rho / (1.0 - rho) <= SERIES_EPSILON * sum.abs() {
                return sum;
            }
        }
    }
    f64::NAN
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(actual: f64, expected: f64, rel: f64) -> bool {
        (actual - expected).abs() <= rel * expected.abs().max(1e-300)
    }

    #[test]
    fn ln_gamma_matches_known_values() {
        // Reference values from mpmath (30 digits). Below 10 the recurrence goes through
        // ln Γ(10 + …) ≈ 13 and a division, so the error is absolute, a few ulps of 13
        // (≈ 2e-15); above 10 it is relative.
        let abs = |x: f64, expected: f64| (ln_gamma(x) - expected).abs() < 5e-15;
        assert!(abs(1.0, 0.0));
        assert!(abs(2.0, 0.0));
        assert!(abs(5.0, 24f64.ln()));
        assert!(abs(0.5, 0.572_364_942_924_700_1));
        assert!(abs(0.1, 2.252_712_651_734_206));
        assert!(abs(1e-8, 18.420_680_738_180_21));
        assert!(abs(3.7, 1.428_072_326_665_388));
        assert!(abs(2.5, 0.284_682_870_472_919_2));
        assert!(close(ln_gamma(100.0), 359.134_205_369_575_4, 1e-15));
        assert!(close(ln_gamma(1e6), 12_815_504.569_147_61, 1e-15));
        assert_eq!(ln_gamma(0.0), f64::INFINITY);
        assert!(ln_gamma(-1.0).is_nan());
    }

    #[test]
    fn ln_gamma_satisfies_the_recurrence() {
        for i in 1..200 {
            let x = i as f64 * 0.173;
            let lhs = ln_gamma(x + 1.0);
            let rhs = ln_gamma(x) + x.ln();
            assert!((lhs - rhs).abs() <= 4e-15 * lhs.abs().max(1.0), "x = {x}");
        }
    }

    #[test]
    fn digamma_matches_known_values() {
        const EULER_GAMMA: f64 = 0.577_215_664_901_532_9;
        assert!(close(digamma(1.0), -EULER_GAMMA, 1e-15));
        assert!(close(
            digamma(0.5),
            -EULER_GAMMA - 2.0 * std::f64::consts::LN_2,
            1e-15
        ));
        assert!(close(digamma(0.1), -10.423_754_940_411_076, 1e-14));
        assert!(close(digamma(7.3), 1.917_820_335_637_986, 1e-14));
        assert!(close(digamma(1000.0), 6.907_255_195_648_812, 1e-15));
        assert!(digamma(0.0).is_nan());
    }

    #[test]
    fn digamma_is_the_derivative_of_ln_gamma() {
        for &x in &[0.05, 0.3, 1.7, 4.2, 9.99, 10.01, 55.0] {
            let h = 1e-5 * x;
            let numeric = (ln_gamma(x + h) - ln_gamma(x - h)) / (2.0 * h);
            assert!(close(digamma(x), numeric, 1e-7), "x = {x}");
        }
    }

    #[test]
    fn hyp2f1_matches_closed_forms() {
        // ₂F₁(1, 1; 2; z) = −ln(1−z)/z.
        for &z in &[0.0f64, 0.1, 0.5, 0.9, 0.99, 0.999] {
            let expected = if z == 0.0 { 1.0 } else { -(1.0 - z).ln() / z };
            assert!(close(hyp2f1(1.0, 1.0, 2.0, z), expected, 1e-13), "z = {z}");
        }
        // ₂F₁(a, b; b; z) = (1−z)^(−a).
        for &(a, b, z) in &[
            (0.243f64, 2.426, 0.3f64),
            (2.7, 0.5, 0.95),
            (10.0, 3.0, 0.7),
        ] {
            let expected = (1.0 - z).powf(-a);
            assert!(
                close(hyp2f1(a, b, b, z), expected, 1e-13),
                "a = {a}, z = {z}"
            );
        }
        // ₂F₁(½, ½; 3/2; z²) = arcsin(z)/z.
        for &s in &[0.2f64, 0.7, 0.95] {
            let expected = s.asin() / s;
            assert!(
                close(hyp2f1(0.5, 0.5, 1.5, s * s), expected, 1e-13),
                "s = {s}"
            );
        }
        // A terminating series: ₂F₁(−2, b; c; z) = 1 − 2bz/c + b(b+1)z²/(c(c+1)).
        let (b, c, z) = (1.5, 2.5, 0.6);
        let expected = 1.0 - 2.0 * b * z / c + b * (b + 1.0) * z * z / (c * (c + 1.0));
        assert!(close(hyp2f1(-2.0, b, c, z), expected, 1e-15));
    }

    #[test]
    fn hyp2f1_refuses_what_it_cannot_sum() {
        assert!(hyp2f1(1.0, 1.0, 2.0, 1.0).is_nan());
        assert!(hyp2f1(1.0, 1.0, 2.0, -0.5).is_nan());
        assert!(hyp2f1(1.0, 1.0, 0.0, 0.5).is_nan());
        assert!(hyp2f1(1.0, 1.0, 2.0, 1.0 - 1e-9).is_nan());
    }
}
