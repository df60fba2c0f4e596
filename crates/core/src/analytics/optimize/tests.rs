use super::*;

/// Checks an analytic gradient of a log-likelihood against central differences, with a step
/// of a millionth of each parameter.
pub(crate) fn assert_gradient_matches<const N: usize>(
    p: [f64; N],
    gradient: [f64; N],
    log_likelihood: impl Fn(&[f64; N]) -> f64,
) {
    for i in 0..N {
        let h = 1e-6 * p[i];
        let (mut up, mut down) = (p, p);
        up[i] += h;
        down[i] -= h;
        let numeric = (log_likelihood(&up) - log_likelihood(&down)) / (2.0 * h);
        assert!(
            (gradient[i] - numeric).abs() < 1e-6 * numeric.abs().max(1.0),
            "{i}: {gradient:?} vs {numeric}"
        );
    }
}

/// The Rosenbrock function, the classic test of a curved valley.
fn rosenbrock(x: &[f64; 2], g: &mut [f64; 2]) -> f64 {
    let (a, b) = (1.0 - x[0], x[1] - x[0] * x[0]);
    g[0] = -2.0 * a - 400.0 * x[0] * b;
    g[1] = 200.0 * b;
    a * a + 100.0 * b * b
}

#[test]
fn bfgs_finds_the_rosenbrock_minimum() {
    let out = minimize(rosenbrock, [-1.2, 1.0], &Options::default());
    assert!(out.converged, "{out:?}");
    assert!(
        (out.x[0] - 1.0).abs() < 1e-8 && (out.x[1] - 1.0).abs() < 1e-8,
        "{out:?}"
    );
    assert!(out.iterations < 100, "{out:?}");
}

#[test]
fn a_badly_scaled_quadratic_converges() {
    let f = |x: &[f64; 3], g: &mut [f64; 3]| {
        let w = [1e-4, 1.0, 1e4];
        let mut v = 0.0;
        for i in 0..3 {
            let d = x[i] - (i as f64 + 1.0);
            g[i] = 2.0 * w[i] * d;
            v += w[i] * d * d;
        }
        v
    };
    let out = minimize(f, [0.0; 3], &Options::default());
    assert!(out.converged, "{out:?}");
    for (i, v) in out.x.iter().enumerate() {
        assert!((v - (i as f64 + 1.0)).abs() < 1e-4, "{out:?}");
    }
}

#[test]
fn nelder_mead_takes_over_when_the_gradient_is_useless() {
    // A wrong (zero) gradient stops BFGS at once; the simplex still finds the minimum.
    let f = |x: &[f64; 2], g: &mut [f64; 2]| {
        *g = [0.0, 0.0];
        (x[0] - 3.0).powi(2) + (x[1] + 1.0).powi(2) + 1.0
    };
    let options = Options {
        gradient_tolerance: -1.0,
        ..Options::default()
    };
    let out = minimize(f, [0.0, 0.0], &options);
    assert!(!out.converged);
    assert!(
        (out.x[0] - 3.0).abs() < 1e-6 && (out.x[1] + 1.0).abs() < 1e-6,
        "{out:?}"
    );
}

#[test]
fn infinite_regions_are_stepped_around() {
    // Finite only for x < 2; the minimum at 1.5 lies next to the wall.
    let f = |x: &[f64; 1], g: &mut [f64; 1]| {
        if x[0] >= 2.0 {
            g[0] = f64::NAN;
            return f64::INFINITY;
        }
        g[0] = 2.0 * (x[0] - 1.5);
        (x[0] - 1.5).powi(2)
    };
    let out = minimize(f, [-10.0], &Options::default());
    assert!(out.converged && (out.x[0] - 1.5).abs() < 1e-9, "{out:?}");
}
