//! The optimiser behind the maximum-likelihood fits, and the fits' error type.
//!
//! The models' parameters are all positive, so the fits minimise the negative mean
//! log-likelihood over θ = ln(parameters): every θ ∈ ℝⁿ is a valid model and no constraint
//! handling is needed. The likelihoods are smooth with cheap analytic gradients, which makes
//! quasi-Newton the right tool: [`minimize`] runs BFGS with a strong-Wolfe line search, and
//! falls back on Nelder-Mead (which needs no gradient and shrugs off non-finite values) when
//! BFGS breaks down, polishing its result with BFGS again. When the maximum lies at a
//! boundary of the model (a parameter → 0 or ∞) the search stops as soon as it stalls and
//! reports that it did not converge, rather than chase the boundary.
//!
//! Minimising the *mean* rather than the total makes the tolerances independent of the
//! number of customers: the gradient tolerance is per customer and per unit of log-parameter.

use thiserror::Error;

/// Why a model could not be fitted.
#[derive(Clone, Debug, Error, PartialEq)]
pub enum FitError {
    /// There is nobody to fit the model on.
    #[error("no customers to fit the model on")]
    NoCustomers,
    /// Every customer has frequency 0: the likelihood keeps increasing as r → 0, so the
    /// BG/NBD has no maximum; the Gamma-Gamma model has no spend data at all.
    #[error("no customer made a repeat transaction: the model cannot be fitted")]
    NoRepeatCustomers,
    /// An input that no customer history can produce.
    #[error("customer {index}: {reason}")]
    InvalidInput { index: usize, reason: String },
    /// The likelihood is not finite at any point the optimiser tried (this takes data far
    /// outside what the model describes).
    #[error("the likelihood is not finite: the data do not fit the model")]
    NonFiniteLikelihood,
}

/// Stopping rules for [`minimize`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Options {
    /// Converged when every component of the gradient is at most this in magnitude.
    pub gradient_tolerance: f64,
    /// BFGS iterations (each one line search) per BFGS run.
    pub max_iterations: u32,
    /// Largest step in any coordinate of θ in one line search: e⁸ ≈ 3000 times a parameter,
    /// so that a poor first quasi-Newton step cannot throw the search into overflow.
    pub max_step: f64,
    /// The search stops, not converged, when a coordinate of θ leaves [−bound, bound]: with
    /// θ = ln(parameter) and the default 30, a parameter beyond e^±30 ≈ 1e±13 means the
    /// maximum lies at a boundary of the model (nobody drops out, spend does not vary…), and
    /// chasing it further would only cost time.
    pub bound: f64,
}

impl Default for Options {
    /// 1e-9 on the gradient of a mean log-likelihood is far tighter than the three or four
    /// significant digits the published fits report, yet still two or three orders of
    /// magnitude above the rounding noise of a sum over millions of customers.
    fn default() -> Self {
        Options {
            gradient_tolerance: 1e-9,
            max_iterations: 1000,
            max_step: 8.0,
            bound: 30.0,
        }
    }
}

/// Where the minimisation ended.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Outcome<const N: usize> {
    /// The best point found.
    pub x: [f64; N],
    /// The objective there.
    pub value: f64,
    /// The gradient there.
    pub gradient: [f64; N],
    /// BFGS iterations plus Nelder-Mead iterations.
    pub iterations: u32,
    /// Objective evaluations.
    pub evaluations: u32,
    /// Whether the gradient tolerance was met.
    pub converged: bool,
}

/// Minimises `f`, which returns the objective at a point and writes its gradient into the
/// second argument. BFGS from `x0`; if it breaks down (a non-finite start, or no descent
/// even along the gradient), Nelder-Mead from the best point so far and BFGS again from
/// there. Converged means the gradient tolerance was met within the bounds.
pub fn minimize<const N: usize, F>(mut f: F, x0: [f64; N], options: &Options) -> Outcome<N>
where
    F: FnMut(&[f64; N], &mut [f64; N]) -> f64,
{
    let mut evaluations = 0u32;
    let mut counted = |x: &[f64; N], g: &mut [f64; N]| {
        evaluations += 1;
        f(x, g)
    };
    let (first, stop) = bfgs(&mut counted, x0, options);
    // The simplex is for a BFGS that broke down; when BFGS converged, or ran off to a
    // boundary, or stopped making progress, the simplex would only follow it.
    if stop != Stop::BrokeDown {
        return Outcome {
            evaluations,
            ..first
        };
    }
    let start = if first.value.is_finite() { first.x } else { x0 };
    let mut scratch = [0.0; N];
    let simplex = nelder_mead(&mut |x: &[f64; N]| counted(x, &mut scratch), start, options);
    let (second, _) = bfgs(&mut counted, simplex.x, options);
    let iterations = first.iterations + simplex.iterations + second.iterations;
    let best = if second.value <= first.value || !first.value.is_finite() {
        second
    } else {
        first
    };
    Outcome {
        iterations,
        evaluations,
        ..best
    }
}

/// Maximum-likelihood fit of a model whose parameters are all positive: minimises the mean
/// negative log-likelihood over θ = ln(parameters) from `start`, so that every point the
/// optimiser tries is a valid model. `log_likelihood` is given the parameters (not their
/// logarithms) and writes the gradient with respect to them. The outcome's `x` is θ.
pub(crate) fn fit_positive<const N: usize, F>(
    customers: u64,
    start: [f64; N],
    options: &Options,
    mut log_likelihood: F,
) -> Result<Outcome<N>, FitError>
where
    F: FnMut(&[f64; N], &mut [f64; N]) -> f64,
{
    let n = customers as f64;
    let objective = |theta: &[f64; N], grad: &mut [f64; N]| {
        let v = theta.map(f64::exp);
        let mut g = [0.0; N];
        let ll = log_likelihood(&v, &mut g);
        for i in 0..N {
            grad[i] = -g[i] * v[i] / n;
        }
        if ll.is_finite() {
            -ll / n
        } else {
            f64::INFINITY
        }
    };
    let outcome = minimize(objective, start, options);
    if !outcome.value.is_finite() {
        return Err(FitError::NonFiniteLikelihood);
    }
    Ok(outcome)
}

fn dot<const N: usize>(a: &[f64; N], b: &[f64; N]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn max_abs<const N: usize>(a: &[f64; N]) -> f64 {
    a.iter().fold(0.0f64, |m, v| m.max(v.abs()))
}

fn all_finite<const N: usize>(a: &[f64; N]) -> bool {
    a.iter().all(|v| v.is_finite())
}

/// BFGS on the inverse Hessian (Nocedal & Wright, Numerical Optimization, algorithm 6.1),
/// with the initial matrix rescaled after the first step (their eq. 6.20) and reset to the
/// identity whenever the update would lose positive definiteness or the line search fails.
fn bfgs<const N: usize, F>(f: &mut F, x0: [f64; N], options: &Options) -> (Outcome<N>, Stop)
where
    F: FnMut(&[f64; N], &mut [f64; N]) -> f64,
{
    let mut x = x0;
    let mut g = [0.0; N];
    let mut value = f(&x, &mut g);
    let mut outcome = Outcome {
        x,
        value,
        gradient: g,
        iterations: 0,
        evaluations: 0,
        converged: false,
    };
    if !value.is_finite() || !all_finite(&g) {
        outcome.value = f64::INFINITY;
        return (outcome, Stop::BrokeDown);
    }
    let identity = {
        let mut m = [[0.0; N]; N];
        for (i, row) in m.iter_mut().enumerate() {
            row[i] = 1.0;
        }
        m
    };
    let mut h = identity;
    let mut fresh = true;
    let mut stop = Stop::Exhausted;
    // The objective at the last STALL_WINDOW iterations, oldest first.
    let mut history = [f64::INFINITY; STALL_WINDOW];
    for iteration in 0..options.max_iterations {
        if max_abs(&g) <= options.gradient_tolerance {
            stop = Stop::Converged;
            break;
        }
        if max_abs(&x) > options.bound {
            stop = Stop::Stalled;
            break;
        }
        let oldest = history[iteration as usize % STALL_WINDOW];
        if oldest - value <= STALL * value.abs() {
            stop = Stop::Stalled;
            break;
        }
        history[iteration as usize % STALL_WINDOW] = value;
        let mut p = [0.0; N];
        for (pi, row) in p.iter_mut().zip(&h) {
            *pi = -dot(row, &g);
        }
        let mut slope = dot(&p, &g);
        // Not a descent direction (or NaN): fall back on steepest descent.
        if slope.is_nan() || slope >= 0.0 {
            h = identity;
            fresh = true;
            p = g.map(|v| -v);
            slope = dot(&p, &g);
        }
        if max_abs(&p) == 0.0 {
            outcome.iterations = iteration;
            stop = Stop::BrokeDown;
            break;
        }
        // A unit quasi-Newton step, except on a fresh (identity) matrix, where the gradient's
        // scale is arbitrary: there the first trial moves the largest coordinate by 1.
        let step_cap = options.max_step / max_abs(&p);
        let initial = if fresh {
            (1.0 / max_abs(&p)).min(step_cap)
        } else {
            1.0f64.min(step_cap)
        };
        let Some((step, new_x, new_value, new_g)) =
            line_search(f, &x, value, slope, &p, initial, step_cap)
        else {
            if fresh {
                // Even a gradient step finds no decrease: we are at the optimum to within
                // the objective's rounding, or the gradient is wrong.
                outcome.iterations = iteration;
                stop = Stop::BrokeDown;
                break;
            }
            h = identity;
            fresh = true;
            continue;
        };
        let s: [f64; N] = std::array::from_fn(|i| new_x[i] - x[i]);
        let y: [f64; N] = std::array::from_fn(|i| new_g[i] - g[i]);
        let sy = dot(&s, &y);
        x = new_x;
        value = new_value;
        g = new_g;
        outcome.iterations = iteration + 1;
        if sy > 1e-300 && step > 0.0 {
            if fresh {
                let scale = sy / dot(&y, &y);
                for (i, row) in h.iter_mut().enumerate() {
                    for (j, v) in row.iter_mut().enumerate() {
                        *v = if i == j { scale } else { 0.0 };
                    }
                }
                fresh = false;
            }
            // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, expanded.
            let rho = 1.0 / sy;
            let hy: [f64; N] = std::array::from_fn(|i| dot(&h[i], &y));
            let yhy = dot(&y, &hy);
            for i in 0..N {
                for j in 0..N {
                    h[i][j] += -rho * (hy[i] * s[j] + s[i] * hy[j])
                        + (rho * rho * yhy + rho) * s[i] * s[j];
                }
            }
        }
    }
    if max_abs(&g) <= options.gradient_tolerance && max_abs(&x) <= options.bound {
        outcome.converged = true;
    }
    outcome.x = x;
    outcome.value = value;
    outcome.gradient = g;
    (outcome, stop)
}

/// Why a BFGS run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stop {
    Converged,
    /// Out of bounds, or no real progress for [`STALL_WINDOW`] iterations: the maximum is
    /// at infinity along some direction, or flat to within rounding.
    Stalled,
    /// The iteration limit.
    Exhausted,
    /// No descent found even along the gradient, or a non-finite start.
    BrokeDown,
}

/// BFGS stops as stalled when the objective fell by less than [`STALL`] (relative) over this
/// many iterations. Near a proper optimum BFGS converges superlinearly, so twenty iterations
/// without progress mean it is creeping along a ridge towards a boundary of the model
/// (parameters tending to 0 or ∞), where the likelihood approaches a limit.
const STALL_WINDOW: usize = 20;
const STALL: f64 = 1e-10;

/// The relative rounding error assumed in the objective: a sum over up to millions of
/// customers, each term accurate to a few ulps, accumulates to well below this.
const NOISE: f64 = 1e-12;

/// A point tried by the line search: step length, value, directional derivative, and the
/// position and gradient to hand back.
#[derive(Clone, Copy)]
struct Trial<const N: usize> {
    step: f64,
    value: f64,
    slope: f64,
    x: [f64; N],
    g: [f64; N],
}

impl<const N: usize> Trial<N> {
    /// What the line search hands back: the step, the position, its value and gradient.
    fn accepted(self) -> (f64, [f64; N], f64, [f64; N]) {
        (self.step, self.x, self.value, self.g)
    }
}

/// Line search for the strong Wolfe conditions (Nocedal & Wright, algorithms 3.5 and 3.6,
/// with c₁ = 1e-4, c₂ = 0.9 and safeguarded cubic interpolation in the zoom). Non-finite
/// values count as "too far". Returns the accepted step, or the best step that decreased the
/// objective if the conditions could not be met exactly, or `None` if nothing decreased it.
///
/// Close to the optimum the decrease a step promises (about the gradient squared over the
/// curvature) falls below the rounding of the objective, and the sufficient-decrease test
/// compares noise. There, like Hager & Zhang's CG_DESCENT, a step is also accepted on the
/// *approximate Wolfe conditions*: the value has not risen beyond its rounding
/// ([`NOISE`] relative) and the directional derivative satisfies
/// c₂·φ′(0) ≤ φ′(α) ≤ (2δ−1)·φ′(0) with δ = 0.1, which for a quadratic is equivalent to
/// sufficient decrease but is computed from gradients that are still accurate. This is what
/// lets the fits reach a gradient of 1e-9.
fn line_search<const N: usize, F>(
    f: &mut F,
    x: &[f64; N],
    value: f64,
    slope: f64,
    p: &[f64; N],
    initial: f64,
    max_step: f64,
) -> Option<(f64, [f64; N], f64, [f64; N])>
where
    F: FnMut(&[f64; N], &mut [f64; N]) -> f64,
{
    const C1: f64 = 1e-4;
    const C2: f64 = 0.9;
    const DELTA: f64 = 0.1;
    let noise = NOISE * value.abs();
    let within_noise = |t: &Trial<N>| t.slope.is_finite() && (t.value - value).abs() <= noise;
    let approximately_wolfe = |t: &Trial<N>| {
        t.value <= value + noise && t.slope >= C2 * slope && t.slope <= (2.0 * DELTA - 1.0) * slope
    };
    // Every point tried is remembered when it is the best decrease so far.
    let mut best: Option<Trial<N>> = None;
    let mut trial = |step: f64| -> Trial<N> {
        let at: [f64; N] = std::array::from_fn(|i| x[i] + step * p[i]);
        let mut g = [0.0; N];
        let v = f(&at, &mut g);
        let t = if v.is_finite() && all_finite(&g) {
            Trial {
                step,
                value: v,
                slope: dot(&g, p),
                x: at,
                g,
            }
        } else {
            Trial {
                step,
                value: f64::INFINITY,
                slope: f64::NAN,
                x: at,
                g,
            }
        };
        if t.value < value && best.as_ref().is_none_or(|b| t.value < b.value) {
            best = Some(t);
        }
        t
    };
    let origin = Trial {
        step: 0.0,
        value,
        slope,
        x: *x,
        g: [0.0; N],
    };
    let mut previous = origin;
    let mut step = initial;
    let mut bracket = None;
    for i in 0..40 {
        let t = trial(step);
        if approximately_wolfe(&t) {
            return Some(t.accepted());
        }
        if within_noise(&t) {
            // Values cannot be compared here: the slope says whether we passed the minimum.
            if t.slope >= 0.0 {
                bracket = Some((previous, t));
                break;
            }
        } else if t.value > value + C1 * step * slope || (i > 0 && t.value >= previous.value) {
            bracket = Some((previous, t));
            break;
        }
        if t.slope.abs() <= -C2 * slope {
            return Some(t.accepted());
        }
        if t.slope >= 0.0 {
            bracket = Some((t, previous));
            break;
        }
        if step >= max_step {
            break;
        }
        previous = t;
        step = (step * 2.0).min(max_step);
    }
    if let Some((mut lo, mut hi)) = bracket {
        for _ in 0..60 {
            let step = interpolate(&lo, &hi);
            if (hi.step - lo.step).abs() <= 1e-16 * lo.step.abs().max(1e-300) {
                break;
            }
            let t = trial(step);
            if approximately_wolfe(&t) {
                return Some(t.accepted());
            }
            if within_noise(&t) {
                // As in Hager & Zhang's update: the slope's sign decides which end moves.
                if t.slope >= 0.0 {
                    hi = t;
                } else {
                    lo = t;
                }
            } else if t.value > value + C1 * t.step * slope || t.value >= lo.value {
                hi = t;
            } else {
                if t.slope.abs() <= -C2 * slope {
                    return Some(t.accepted());
                }
                if t.slope * (hi.step - lo.step) >= 0.0 {
                    hi = lo;
                }
                lo = t;
            }
        }
    }
    best.map(Trial::accepted)
}

/// The minimiser of the cubic through two trials' values and slopes, kept at least a tenth of
/// the interval away from either end; bisection when the cubic is not usable (an infinite
/// value, a missing slope or no real minimiser).
fn interpolate<const N: usize>(lo: &Trial<N>, hi: &Trial<N>) -> f64 {
    let (a, b) = (lo.step, hi.step);
    let bisect = 0.5 * (a + b);
    let usable = [lo.value, hi.value, lo.slope, hi.slope];
    if !usable.iter().all(|v| v.is_finite()) {
        return bisect;
    }
    let d1 = lo.slope + hi.slope - 3.0 * (lo.value - hi.value) / (a - b);
    let disc = d1 * d1 - lo.slope * hi.slope;
    if disc.is_nan() || disc < 0.0 {
        return bisect;
    }
    let d2 = (b - a).signum() * disc.sqrt();
    let denominator = hi.slope - lo.slope + 2.0 * d2;
    if denominator == 0.0 {
        return bisect;
    }
    let candidate = b - (b - a) * (hi.slope + d2 - d1) / denominator;
    let (left, right) = if a < b { (a, b) } else { (b, a) };
    let margin = 0.1 * (right - left);
    if candidate.is_finite() {
        candidate.clamp(left + margin, right - margin)
    } else {
        bisect
    }
}

/// Nelder-Mead with the standard coefficients (reflection 1, expansion 2, contraction ½,
/// shrink ½) from a simplex of unit steps in θ, restarted once from its best vertex to escape
/// a collapsed simplex. Used only as the fallback: slow, but indifferent to gradients and to
/// infinite values.
fn nelder_mead<const N: usize, F>(f: &mut F, x0: [f64; N], options: &Options) -> Outcome<N>
where
    F: FnMut(&[f64; N]) -> f64,
{
    let mut eval = |x: &[f64; N]| {
        let v = f(x);
        if v.is_nan() { f64::INFINITY } else { v }
    };
    let mut best = x0;
    let mut iterations = 0u32;
    for _restart in 0..2 {
        let mut points: Vec<[f64; N]> = (0..=N)
            .map(|k| {
                let mut p = best;
                if k > 0 {
                    p[k - 1] += 1.0;
                }
                p
            })
            .collect();
        let mut values: Vec<f64> = points.iter().map(&mut eval).collect();
        // 200 iterations a dimension per restart: plenty for the few parameters here, and a
        // bound on the time a fallback can take on a large base.
        for _ in 0..(200 * N as u32).min(options.max_iterations) {
            iterations += 1;
            let mut order: Vec<usize> = (0..=N).collect();
            order.sort_by(|&i, &j| values[i].total_cmp(&values[j]));
            points = order.iter().map(|&i| points[i]).collect();
            values = order.iter().map(|&i| values[i]).collect();
            let spread = values[N] - values[0];
            let size = points.iter().skip(1).fold(0.0f64, |m, p| {
                m.max(
                    p.iter()
                        .zip(&points[0])
                        .fold(0.0f64, |m, (a, b)| m.max((a - b).abs())),
                )
            });
            if spread.is_finite() && spread <= 1e-15 * (1.0 + values[0].abs()) && size < 1e-10 {
                break;
            }
            let centroid: [f64; N] =
                std::array::from_fn(|i| points[..N].iter().map(|p| p[i]).sum::<f64>() / N as f64);
            let along = |t: f64| -> [f64; N] {
                std::array::from_fn(|i| centroid[i] + t * (points[N][i] - centroid[i]))
            };
            let reflected = along(-1.0);
            let fr = eval(&reflected);
            if fr < values[0] {
                let expanded = along(-2.0);
                let fe = eval(&expanded);
                if fe < fr {
                    points[N] = expanded;
                    values[N] = fe;
                } else {
                    points[N] = reflected;
                    values[N] = fr;
                }
            } else if fr < values[N - 1] {
                points[N] = reflected;
                values[N] = fr;
            } else {
                let (contracted, fc) = if fr < values[N] {
                    let c = along(-0.5);
                    let v = eval(&c);
                    (c, v)
                } else {
                    let c = along(0.5);
                    let v = eval(&c);
                    (c, v)
                };
                if fc < values[N].min(fr) {
                    points[N] = contracted;
                    values[N] = fc;
                } else {
                    for k in 1..=N {
                        let p: [f64; N] = std::array::from_fn(|i| {
                            points[0][i] + 0.5 * (points[k][i] - points[0][i])
                        });
                        values[k] = eval(&p);
                        points[k] = p;
                    }
                }
            }
        }
        let (index, _) = values
            .iter()
            .enumerate()
            .fold(
                (0, f64::INFINITY),
                |acc, (i, &v)| if v < acc.1 { (i, v) } else { acc },
            );
        best = points[index];
    }
    let value = eval(&best);
    Outcome {
        x: best,
        value,
        gradient: [f64::NAN; N],
        iterations,
        evaluations: 0,
        converged: false,
    }
}

#[cfg(test)]
pub(crate) mod tests;
