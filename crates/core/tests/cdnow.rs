//! The BG/NBD and Gamma-Gamma models against the published results on the CDNOW sample (see
//! tests/data/cdnow/README.md), and property tests of the forecasts and the fits.
//!
//! Tolerances: a published value given to k digits is reproduced when our value rounds to it,
//! i.e. lies within half a unit of its last digit (`assert_published`). (A relative 5e-4 on
//! the printed three digits would fail even the exact maximum: r = 0.24259 prints as 0.243,
//! 1.6e-3 away.) Where a more precise reference exists (the `lifetimes` package's six-digit
//! fit, 30-digit mpmath evaluations of the formulas) we compare to it relatively. The one
//! published value we do not reproduce, E[X(78)] = 1.8576, is explained where it is tested.

use std::collections::BTreeMap;
use std::path::Path;

use clientele_core::analytics::{
    BgNbdData, BgNbdParams, CalibrationSettings, CalibrationSummary, Calibrator, DAY_MS,
    GammaGammaData, GammaGammaParams, Millis, OrderFact, TimeUnit,
};
use proptest::prelude::*;

fn data_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/cdnow"))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// 1997-09-30, the last day of the calibration period, at noon (any instant of it will do).
fn calibration_end() -> Millis {
    days_from_civil(1997, 9, 30) * DAY_MS + DAY_MS / 2
}

/// The raw transactions by sample id (the summary CSV's `ID`), amounts in cents.
fn raw_orders() -> BTreeMap<u32, Vec<OrderFact>> {
    let text = std::fs::read_to_string(data_dir().join("CDNOW_sample.txt")).unwrap();
    let mut customers: BTreeMap<u32, Vec<OrderFact>> = BTreeMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let fields: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(fields.len(), 5, "{line}");
        let id: u32 = fields[1].parse().unwrap();
        let date: i64 = fields[2].parse().unwrap();
        let day = days_from_civil(date / 10_000, date / 100 % 100, date % 100);
        let dollars: f64 = fields[4].parse().unwrap();
        // A few hours into the day, so that a day boundary mistake would show.
        let at = day * DAY_MS + 5 * 3_600_000;
        customers.entry(id).or_default().push(OrderFact {
            at,
            amount: (dollars * 100.0).round() as i64,
            cost: None,
        });
    }
    customers
}

/// The published calibration summary: (id, x, t_x, T).
fn published_summary() -> Vec<(u32, u32, f64, f64)> {
    let text = std::fs::read_to_string(data_dir().join("cdnow_customers_summary.csv")).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next().map(str::trim), Some("ID,frequency,recency,T"));
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.trim().split(',').collect();
            (
                f[0].parse().unwrap(),
                f[1].parse().unwrap(),
                f[2].parse().unwrap(),
                f[3].parse().unwrap(),
            )
        })
        .collect()
}

/// Our calibration summaries of the raw transactions, by id, in weeks.
fn raw_summaries() -> BTreeMap<u32, CalibrationSummary> {
    let mut calibrator =
        Calibrator::new(CalibrationSettings::new(calibration_end(), TimeUnit::Week));
    raw_orders()
        .into_iter()
        .map(|(id, orders)| {
            (
                id,
                calibrator
                    .summarise(&orders)
                    .expect("every customer bought in Q1 1997"),
            )
        })
        .collect()
}

/// Asserts that `actual` reproduces a published value given as text: that it lies within
/// half a unit of the published value's last digit (i.e. rounds to it).
fn assert_published(what: &str, actual: f64, published: &str) {
    let value: f64 = published.parse().unwrap();
    let decimals = published.split_once('.').map_or(0, |(_, d)| d.len()) as i32;
    let half_unit = 0.5 * 10f64.powi(-decimals);
    assert!(
        (actual - value).abs() <= half_unit * (1.0 + 1e-9),
        "{what}: {actual} does not reproduce the published {published} (±{half_unit})"
    );
}

/// Asserts a relative difference of at most `rel`.
fn assert_relative(what: &str, actual: f64, reference: f64, rel: f64) {
    assert!(
        (actual - reference).abs() <= rel * reference.abs(),
        "{what}: {actual} vs {reference} (relative {:.2e} > {rel:.0e})",
        (actual - reference).abs() / reference.abs()
    );
}

/// The `lifetimes` package's fit (0.11.3, bench/lifetimes_crosscheck.py) of the same summary
/// CSV: r = 0.242593, α = 4.413532, a = 0.792886, b = 2.425752.
const LIFETIMES_BGNBD: [f64; 4] = [0.242593, 4.413532, 0.792886, 2.425752];

/// Checks a fit of the CDNOW calibration sample against the paper's published figures (to
/// their printed digits) and `lifetimes`' six-digit fit (to a relative `rel`).
fn assert_bgnbd_published(source: &str, fit: &clientele_core::analytics::BgNbdFit, rel: f64) {
    assert!(fit.converged, "{source}: {fit:?}");
    assert_eq!(fit.customers, 2357);
    let p = fit.params;
    assert_published(&format!("{source} r"), p.r, "0.243");
    assert_published(&format!("{source} alpha"), p.alpha, "4.414");
    assert_published(&format!("{source} a"), p.a, "0.793");
    assert_published(&format!("{source} b"), p.b, "2.426");
    assert_published(
        &format!("{source} log-likelihood"),
        fit.log_likelihood,
        "-9582.4",
    );
    let [r, alpha, a, b] = LIFETIMES_BGNBD;
    assert_relative(&format!("{source} r vs lifetimes"), p.r, r, rel);
    assert_relative(&format!("{source} alpha vs lifetimes"), p.alpha, alpha, rel);
    assert_relative(&format!("{source} a vs lifetimes"), p.a, a, rel);
    assert_relative(&format!("{source} b vs lifetimes"), p.b, b, rel);
}

/// The BG/NBD fitted on the published summary, as every fixture below uses it.
fn bgnbd_from_published_summary() -> clientele_core::analytics::BgNbdFit {
    let published = published_summary();
    BgNbdData::from_triples(published.iter().map(|&(_, x, t_x, age)| (x, t_x, age)))
        .unwrap()
        .fit()
        .unwrap()
}

#[test]
fn the_calibration_summary_of_the_raw_transactions_is_the_published_one() {
    let ours = raw_summaries();
    let published = published_summary();
    assert_eq!(ours.len(), 2357);
    assert_eq!(published.len(), 2357);
    for &(id, x, t_x, age) in &published {
        let s = ours[&id];
        assert_eq!(s.frequency, x, "customer {id}");
        // The CSV rounds to two decimals.
        assert!(
            (s.recency - t_x).abs() <= 0.005 + 1e-9,
            "customer {id}: {} vs {t_x}",
            s.recency
        );
        assert!(
            (s.age - age).abs() <= 0.005 + 1e-9,
            "customer {id}: {} vs {age}",
            s.age
        );
        assert_eq!(s.monetary_value.is_some(), x > 0);
    }
    assert_eq!(ours.values().filter(|s| s.frequency > 0).count(), 946);
    // Customer 1: first bought 1997-01-01, repeats on 01-18 ($29.73) and 08-02 ($14.96).
    assert_eq!(ours[&1].age, 272.0 / 7.0);
    assert_eq!(ours[&1].recency, 213.0 / 7.0);
    assert_eq!(ours[&1].monetary_value, Some((2973.0 + 1496.0) / 2.0));
}

#[test]
fn bgnbd_on_the_published_summary_reproduces_the_paper() {
    let fit = bgnbd_from_published_summary();
    // The same input as lifetimes': agreement to its six printed digits.
    assert_bgnbd_published("summary CSV", &fit, 1e-5);
    assert_eq!(fit.distinct_triples, 1016);
}

#[test]
fn bgnbd_on_the_raw_transactions_reproduces_the_paper() {
    let summaries: Vec<CalibrationSummary> = raw_summaries().into_values().collect();
    let fit = BgNbdData::from_summaries(&summaries)
        .unwrap()
        .fit()
        .unwrap();
    // Exact t_x and T rather than the CSV's two decimals: the maximum moves by up to 6e-5.
    assert_bgnbd_published("raw transactions", &fit, 5e-4);
}

#[test]
fn bgnbd_in_days_is_the_same_model_with_alpha_in_days() {
    // Fitting in days instead of weeks rescales α by 7 and leaves r, a, b alone (exactly so:
    // the likelihood in days is the one in weeks plus a constant).
    let mut calibrator =
        Calibrator::new(CalibrationSettings::new(calibration_end(), TimeUnit::Day));
    let summaries: Vec<CalibrationSummary> = raw_orders()
        .values()
        .map(|orders| calibrator.summarise(orders).unwrap())
        .collect();
    let days = BgNbdData::from_summaries(&summaries)
        .unwrap()
        .fit()
        .unwrap();
    let weeks: Vec<CalibrationSummary> = raw_summaries().into_values().collect();
    let weeks = BgNbdData::from_summaries(&weeks).unwrap().fit().unwrap();
    assert!(days.converged);
    assert_relative("r", days.params.r, weeks.params.r, 1e-6);
    assert_relative("alpha", days.params.alpha / 7.0, weeks.params.alpha, 1e-6);
    assert_relative("a", days.params.a, weeks.params.a, 1e-6);
    assert_relative("b", days.params.b, weeks.params.b, 1e-6);
}

#[test]
fn gamma_gamma_on_repeat_transaction_means_reproduces_the_paper() {
    // The published summary CSV has no monetary column: the spend model is fitted on the
    // repeat-transaction means of the raw transactions, in dollars.
    let summaries: Vec<CalibrationSummary> = raw_summaries().into_values().collect();
    let data = GammaGammaData::from_pairs(summaries.iter().map(|s| {
        (
            s.frequency,
            s.monetary_value.map_or(f64::NAN, |m| m / 100.0),
        )
    }));
    let fit = data.fit().unwrap();
    assert!(fit.converged, "{fit:?}");
    assert_eq!(fit.customers, 946);
    assert_eq!(fit.excluded.zero_frequency, 2357 - 946);
    assert_eq!(fit.excluded.total(), 2357 - 946);
    assert_published("p", fit.params.p, "6.25");
    assert_published("q", fit.params.q, "3.74");
    assert_published("gamma", fit.params.gamma, "15.44");
    // lifetimes 0.11.3 on the same means (bench/lifetimes_crosscheck.py).
    assert_relative("p vs lifetimes", fit.params.p, 6.249572, 1e-5);
    assert_relative("q vs lifetimes", fit.params.q, 3.744225, 1e-5);
    assert_relative("gamma vs lifetimes", fit.params.gamma, 15.443521, 1e-5);
}

#[test]
fn gamma_gamma_on_means_rounded_to_cents_is_the_lifetimes_variant() {
    // `lifetimes`' CDNOW summary with monetary value stores the means rounded to cents,
    // halves up (customer 1: 22.35 for 22.345). That rounding moves γ to 15.447, which rounds
    // to 15.45, not the published 15.44: the published fit is on the unrounded means (above).
    // The likelihood is so flat along pγ/(q−1) = const that ties matter: rounding halves to
    // even instead gives γ = 15.4433. Fitted on the unrounded means, `lifetimes` finds
    // p = 6.249572, q = 3.744225, γ = 15.443521, as we do (bench/lifetimes_crosscheck.py).
    let summaries: Vec<CalibrationSummary> = raw_summaries().into_values().collect();
    let fit = GammaGammaData::from_pairs(summaries.iter().map(|s| {
        (
            s.frequency,
            s.monetary_value.map_or(f64::NAN, |m| m.round() / 100.0),
        )
    }))
    .fit()
    .unwrap();
    assert!(fit.converged);
    assert_published("p", fit.params.p, "6.25");
    assert_published("q", fit.params.q, "3.74");
    assert_relative("gamma", fit.params.gamma, 15.4473, 1e-4);
}

#[test]
fn gamma_gamma_conditional_expectations_of_the_first_ten_customers() {
    let summaries = raw_summaries();
    let fit = GammaGammaData::from_pairs(summaries.values().map(|s| {
        (
            s.frequency,
            s.monetary_value.map_or(f64::NAN, |m| m / 100.0),
        )
    }))
    .fit()
    .unwrap();
    let published = [
        "24.65", "18.91", "35.17", "35.17", "35.17", "71.46", "18.91", "35.17", "27.28", "35.17",
    ];
    for (id, expected) in (1..=10u32).zip(published) {
        let s = summaries[&id];
        let m_x = s.monetary_value.map_or(0.0, |m| m / 100.0);
        let value = fit
            .params
            .conditional_expected_average_value(s.frequency, m_x)
            .unwrap();
        assert_published(&format!("customer {id}"), value, expected);
    }
    // The fixtures are of the full-precision fit: with the parameters rounded to the printed
    // 6.25, 3.74, 15.44 the population mean is 35.22, not 35.17.
    let rounded = GammaGammaParams {
        p: 6.25,
        q: 3.74,
        gamma: 15.44,
    };
    assert_published(
        "rounded population mean",
        rounded.population_mean().unwrap(),
        "35.22",
    );
}

#[test]
fn hardies_conditional_expectation_fixture() {
    // x = 2, t_x = 30.43, T = 38.86: 1.226 transactions in the next 39 weeks, with the
    // printed parameters and with the full-precision fit alike.
    let printed = BgNbdParams {
        r: 0.243,
        alpha: 4.414,
        a: 0.793,
        b: 2.426,
    };
    let fitted = bgnbd_from_published_summary().params;
    for params in [printed, fitted] {
        let e = params.conditional_expected_transactions(39.0, 2, 30.43, 38.86);
        assert_published("E[Y(39) | 2, 30.43, 38.86]", e, "1.226");
    }
    // Against a 30-digit evaluation of the printed formula (mpmath's hyp2f1).
    let e = printed.conditional_expected_transactions(39.0, 2, 30.43, 38.86);
    assert_relative("E[Y(39)] vs mpmath", e, 1.226_028_174_767_144_4, 1e-12);
}

#[test]
fn hardies_unconditional_expectation_fixtures() {
    let fitted = bgnbd_from_published_summary().params;
    for (t, expected) in [
        (0.1429, "0.0078"),
        (1.0, "0.0532"),
        (3.0, "0.1506"),
        (31.8571, "1.0405"),
        (32.0, "1.0437"),
    ] {
        assert_published(
            &format!("E[X({t})]"),
            fitted.expected_transactions(t),
            expected,
        );
    }
    // E[X(78)] is 1.85797 (so says `lifetimes` too with these parameters, and mpmath below
    // confirms the evaluation), not the published 1.8576: the published value is what the
    // series gives when summed to its first 150 terms only (z = 0.9465 here, so the terms
    // shrink slowly), as reproduced here. We keep the exact value and note the difference
    // (relative 2.0e-4).
    let e78 = fitted.expected_transactions(78.0);
    assert_relative("E[X(78)] vs published", e78, 1.8576, 5e-4);
    let BgNbdParams { r, alpha, a, b } = fitted;
    let z = 78.0 / (alpha + 78.0);
    let (mut term, mut series) = (1.0, 0.0);
    for n in 0..150 {
        let n = f64::from(n);
        series += term;
        term *= (r + n) * (b + n) / ((a + b - 1.0 + n) * (n + 1.0)) * z;
    }
    let truncated = (a + b - 1.0) / (a - 1.0) * (1.0 - (alpha / (alpha + 78.0)).powf(r) * series);
    assert_published("E[X(78)] with 150 terms", truncated, "1.8576");
    // mpmath (30 digits) with the printed parameters, for the whole list.
    let printed = BgNbdParams {
        r: 0.243,
        alpha: 4.414,
        a: 0.793,
        b: 2.426,
    };
    let reference = [
        (0.1429, 0.007_828_347_516_072_164),
        (1.0, 0.053_267_891_171_658_28),
        (3.0, 0.150_865_230_893_046_68),
        (31.8571, 1.041_996_060_852_211),
        (32.0, 1.045_243_328_374_443_8),
        (78.0, 1.860_519_057_942_768_6),
    ];
    for (t, expected) in reference {
        assert_relative(
            &format!("E[X({t})] vs mpmath"),
            printed.expected_transactions(t),
            expected,
            1e-12,
        );
    }
}

/// Positive parameters over the range fits produce, and a little beyond.
fn params() -> impl Strategy<Value = BgNbdParams> {
    (0.01f64..20.0, 0.05f64..200.0, 0.02f64..20.0, 0.02f64..20.0)
        .prop_map(|(r, alpha, a, b)| BgNbdParams { r, alpha, a, b })
}

/// A customer history (x, t_x, T) with t_x ≤ T, and t_x = 0 when x = 0.
fn history() -> impl Strategy<Value = (u32, f64, f64)> {
    (0u32..60, 0.0f64..1.0, 0.0f64..400.0).prop_map(|(x, share, age)| {
        let t_x = if x == 0 { 0.0 } else { share * age };
        (x, t_x, age)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn probability_alive_is_a_probability(p in params(), (x, t_x, age) in history()) {
        let alive = p.probability_alive(x, t_x, age);
        prop_assert!((0.0..=1.0).contains(&alive), "{alive}");
        if x == 0 {
            prop_assert_eq!(alive, 1.0);
        }
    }

    #[test]
    fn expected_transactions_are_non_negative_and_grow_with_the_horizon(
        p in params(),
        (x, t_x, age) in history(),
        t1 in 0.0f64..300.0,
        extra in 0.0f64..300.0,
    ) {
        let t2 = t1 + extra;
        let e1 = p.conditional_expected_transactions(t1, x, t_x, age);
        let e2 = p.conditional_expected_transactions(t2, x, t_x, age);
        prop_assert!(e1.is_finite() && e2.is_finite(), "{e1} {e2}");
        prop_assert!(e1 >= 0.0, "{e1}");
        prop_assert!(e2 >= e1 - 1e-12 * e1.abs().max(1e-300), "{e1} > {e2}");
        let u = p.expected_transactions(t1);
        prop_assert!(u.is_finite() && u >= 0.0, "{u}");
    }

    #[test]
    fn the_compressed_likelihood_is_the_sum_over_customers(
        p in params(),
        customers in prop::collection::vec(history(), 1..60),
        duplicates in prop::collection::vec(0usize..60, 0..30),
    ) {
        let mut all = customers.clone();
        all.extend(duplicates.iter().map(|&i| customers[i % customers.len()]));
        let data = BgNbdData::from_triples(all.iter().copied()).unwrap();
        let sum: f64 = all.iter().map(|&(x, t_x, age)| p.log_likelihood(x, t_x, age)).sum();
        let compressed = data.log_likelihood(&p);
        prop_assert!((compressed - sum).abs() <= 1e-10 * sum.abs().max(1.0), "{compressed} vs {sum}");
        prop_assert_eq!(data.customers(), all.len() as u64);
    }
}

proptest! {
    // Each case fits the whole CDNOW sample twice, so fewer cases.
    #![proptest_config(ProptestConfig::with_cases(8))]

    #[test]
    fn the_fits_do_not_depend_on_the_order_of_the_customers(
        order in Just((0..2357usize).collect::<Vec<_>>()).prop_shuffle()
    ) {
        let summaries: Vec<CalibrationSummary> = raw_summaries().into_values().collect();
        let shuffled: Vec<CalibrationSummary> = order.iter().map(|&i| summaries[i]).collect();
        let bg = |s: &[CalibrationSummary]| BgNbdData::from_summaries(s).unwrap().fit().unwrap();
        prop_assert_eq!(bg(&summaries), bg(&shuffled));
        let gg = |s: &[CalibrationSummary]| GammaGammaData::from_summaries(s).fit().unwrap();
        prop_assert_eq!(gg(&summaries), gg(&shuffled));
    }
}
