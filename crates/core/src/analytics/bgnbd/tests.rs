use super::*;
use crate::analytics::optimize::tests::assert_gradient_matches;
use crate::analytics::special::hyp2f1;

const CDNOW: BgNbdParams = BgNbdParams {
    r: 0.243,
    alpha: 4.414,
    a: 0.793,
    b: 2.426,
};

/// Eq. 10 as printed, with the plain series: the reference for the transformed form.
fn printed_formula(p: &BgNbdParams, t: f64, x: u32, t_x: f64, age: f64) -> f64 {
    let xf = f64::from(x);
    let c = p.a + p.b + xf - 1.0;
    let z = t / (p.alpha + age + t);
    let f = hyp2f1(p.r + xf, p.b + xf, c, z);
    let bracket = 1.0 - ((p.alpha + age) / (p.alpha + age + t)).powf(p.r + xf) * f;
    c / (p.a - 1.0) * bracket * p.probability_alive(x, t_x, age)
}

#[test]
fn the_transformed_expectation_matches_the_printed_formula() {
    let others = [
        CDNOW,
        BgNbdParams {
            r: 2.0,
            alpha: 30.0,
            a: 3.5,
            b: 1.2,
        },
        BgNbdParams {
            r: 0.5,
            alpha: 1.0,
            a: 0.2,
            b: 0.9,
        },
    ];
    for p in &others {
        for &(x, t_x, age) in &[
            (0, 0.0, 0.0),
            (0, 0.0, 20.0),
            (2, 30.43, 38.86),
            (12, 5.0, 50.0),
        ] {
            for &t in &[0.01, 1.0, 39.0, 200.0, 2000.0] {
                let ours = p.conditional_expected_transactions(t, x, t_x, age);
                let printed = printed_formula(p, t, x, t_x, age);
                assert!(
                    (ours - printed).abs() <= 1e-11 * printed.abs().max(1e-3),
                    "{p:?} t={t} x={x}: {ours} vs {printed}"
                );
            }
        }
    }
}

#[test]
fn a_equal_to_one_is_the_limit_of_its_neighbours() {
    let at = |a: f64| {
        BgNbdParams { a, ..CDNOW }.conditional_expected_transactions(39.0, 2, 30.43, 38.86)
    };
    let exact = at(1.0);
    let below = at(1.0 - 1e-7);
    let above = at(1.0 + 1e-7);
    assert!(exact.is_finite() && exact > 0.0);
    assert!((exact - below).abs() < 1e-6 && (exact - above).abs() < 1e-6);
    // And a + b + x = 1, a pole of the printed formula, is no problem.
    let pole = BgNbdParams {
        r: 0.5,
        alpha: 2.0,
        a: 0.4,
        b: 0.6,
    };
    let e = pole.expected_transactions(10.0);
    let near = BgNbdParams {
        b: 0.6 + 1e-9,
        ..pole
    }
    .expected_transactions(10.0);
    assert!(e.is_finite() && (e - near).abs() < 1e-7, "{e} vs {near}");
}

#[test]
fn short_horizons_grow_like_the_purchase_rate() {
    // E[X(t)] ≈ r t / α for t → 0.
    let t = 1e-6;
    let e = CDNOW.expected_transactions(t);
    assert!((e / (CDNOW.r * t / CDNOW.alpha) - 1.0).abs() < 1e-5, "{e}");
    assert_eq!(CDNOW.expected_transactions(0.0), 0.0);
    assert!(CDNOW.expected_transactions(-1.0).is_nan());
}

#[test]
fn the_gradient_matches_finite_differences() {
    let data = BgNbdData::from_triples([
        (0, 0.0, 38.86),
        (0, 0.0, 30.0),
        (2, 30.43, 38.86),
        (1, 1.71, 38.86),
        (7, 29.43, 38.86),
        (7, 29.43, 38.86),
        (3, 12.0, 20.0),
    ])
    .unwrap();
    let p = [0.3, 5.0, 0.9, 2.0];
    let mut g = [0.0; 4];
    data.evaluate(&params_of(&p), &mut g, &mut Vec::new());
    assert_gradient_matches(p, g, |v| data.log_likelihood(&params_of(v)));
}

#[test]
fn degenerate_bases_are_refused() {
    assert_eq!(
        BgNbdData::from_triples([]).unwrap().fit(),
        Err(FitError::NoCustomers)
    );
    let nobody_returned = BgNbdData::from_triples([(0, 0.0, 10.0), (0, 0.0, 3.0)]).unwrap();
    assert_eq!(nobody_returned.fit(), Err(FitError::NoRepeatCustomers));
    assert!(matches!(
        BgNbdData::from_triples([(1, 5.0, 4.0)]),
        Err(FitError::InvalidInput { index: 0, .. })
    ));
    assert!(matches!(
        BgNbdData::from_triples([(0, 0.0, 1.0), (1, f64::NAN, 4.0)]),
        Err(FitError::InvalidInput { index: 1, .. })
    ));
}

#[test]
fn a_maximum_at_the_boundary_ends_quickly_and_says_so() {
    // Everyone bought regularly up to the end of their observation: nobody seems to drop
    // out, so the likelihood rises as the dropout probability goes to 0 (a/b → 0).
    let triples: Vec<(u32, f64, f64)> = (1..200)
        .map(|i| (i % 9 + 1, f64::from(i), f64::from(i)))
        .collect();
    let fit = BgNbdData::from_triples(triples).unwrap().fit().unwrap();
    assert!(fit.evaluations < 3000, "{fit:?}");
    assert!(fit.log_likelihood.is_finite(), "{fit:?}");
    if !fit.converged {
        assert!(fit.params.a / fit.params.b < 1e-3, "{fit:?}");
    }
}

#[test]
fn count_terms_agree_with_the_closed_forms() {
    let params = BgNbdParams {
        r: 0.7,
        alpha: 3.0,
        a: 1.3,
        b: 4.1,
    };
    let mut terms = CountTerms::new(&params);
    for x in [0, 1, 2, 7, 40, 3, 10_000] {
        let sums = terms.at(x);
        let xf = f64::from(x);
        let (r, a, b) = (params.r, params.a, params.b);
        let closed = [
            ln_gamma(r + xf) - ln_gamma(r),
            digamma(r + xf) - digamma(r),
            ln_gamma(a + b) + ln_gamma(b + xf) - ln_gamma(b) - ln_gamma(a + b + xf),
            digamma(a + b) - digamma(a + b + xf),
            digamma(a + b) + digamma(b + xf) - digamma(b) - digamma(a + b + xf),
        ];
        let ours = [
            sums.ln_rising_r,
            sums.d_r,
            sums.ln_beta_ratio,
            sums.d_a,
            sums.d_b,
        ];
        for (o, c) in ours.iter().zip(closed) {
            assert!(
                (o - c).abs() <= 1e-10 * c.abs().max(1.0),
                "x = {x}: {ours:?} vs {closed:?}"
            );
        }
    }
    // Past the limit the closed forms are used directly.
    let beyond = terms.at(CountTerms::DIRECT_LIMIT + 1);
    let near = CountTerms::new(&params).at(CountTerms::DIRECT_LIMIT);
    assert!((beyond.ln_rising_r - near.ln_rising_r - (params.r + 10_000.0).ln()).abs() < 1e-8);
}

#[test]
fn compression_merges_equal_triples_and_ignores_recency_at_zero_frequency() {
    let data = BgNbdData::from_triples([
        (1, 2.0, 10.0),
        (0, 0.0, 10.0),
        (1, 2.0, 10.0),
        (0, 3.0, 10.0),
        (0, -0.0, 10.0),
    ])
    .unwrap();
    assert_eq!(data.customers(), 5);
    assert_eq!(data.distinct_triples(), 2);
}
