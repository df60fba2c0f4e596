//! Fitting the BG/NBD and Gamma-Gamma models on a synthetic base of 1,000,000 customers
//! simulated from the CDNOW fits (r = 0.243, α = 4.414/week, a = 0.793, b = 2.426;
//! p = 6.25, q = 3.74, γ = $15.44), with the CDNOW calendar: first purchases spread over
//! the first 12 weeks, calibration to day 272, orders simulated 90 days past it (which the
//! calibration summary must ignore), and one transaction in ten split into two orders on the
//! same day (which it must merge).
//!
//! `cargo bench -p clientele-core --bench fit`; `FIT_BENCH_CUSTOMERS` changes the size.
//! The set-up prints the base's shape and the fitted parameters once.

use std::hint::black_box;
use std::time::{Duration, Instant};

use clientele_core::analytics::{
    BgNbdData, CalibrationSettings, CalibrationSummary, Calibrator, DAY_MS, GammaGammaData,
    OrderFact, TimeUnit,
};
use criterion::{Criterion, criterion_group, criterion_main};

#[path = "support/rng.rs"]
mod rng;
use rng::Rng;

/// 1997-01-01T00:00:00Z.
const START: i64 = 852_076_800_000;
const CALIBRATION_DAYS: i64 = 272;

/// All customers' orders in one vector, customer i's at `orders[starts[i]..starts[i + 1]]`:
/// a million small vectors would measure the allocator, not the models.
struct Base {
    orders: Vec<OrderFact>,
    starts: Vec<usize>,
}

impl Base {
    fn customers(&self) -> impl Iterator<Item = &[OrderFact]> {
        self.starts.windows(2).map(|w| &self.orders[w[0]..w[1]])
    }
}

fn simulate(customers: usize, seed: u64) -> Base {
    let mut rng = Rng::new(seed);
    // The CDNOW fits, with α per day.
    let (r, alpha, a, b) = (0.243, 4.414 * 7.0, 0.793, 2.426);
    let (p, q, gamma) = (6.25, 3.74, 1544.0); // γ in cents
    let horizon = (CALIBRATION_DAYS + 90) as f64;
    let mut base = Base {
        orders: Vec::with_capacity(customers * 4),
        starts: vec![0],
    };
    for _ in 0..customers {
        let lambda = rng.gamma(r, alpha);
        let dropout = rng.beta(a, b);
        let nu = rng.gamma(q, gamma);
        // First purchase in the first quarter, at any time of day.
        let mut t = rng.uniform() * 84.0;
        let mut first = true;
        loop {
            let amount = (rng.gamma(p, nu).round() as i64).max(1);
            let at = START + (t * DAY_MS as f64) as i64;
            if rng.uniform() < 0.1 {
                // A split basket: two orders the same day, one transaction.
                let part = amount / 3;
                base.orders.push(OrderFact {
                    at,
                    amount: amount - part,
                    cost: None,
                });
                base.orders.push(OrderFact {
                    at: at - at.rem_euclid(DAY_MS),
                    amount: part,
                    cost: None,
                });
            } else {
                base.orders.push(OrderFact {
                    at,
                    amount,
                    cost: None,
                });
            }
            if !first && rng.uniform() < dropout {
                break;
            }
            first = false;
            t += rng.exponential(lambda.max(1e-300));
            if t >= horizon {
                break;
            }
        }
        base.starts.push(base.orders.len());
    }
    base
}

fn summarise(base: &Base, unit: TimeUnit) -> Vec<CalibrationSummary> {
    let end = START + CALIBRATION_DAYS * DAY_MS;
    let mut calibrator = Calibrator::new(CalibrationSettings::new(end, unit));
    base.customers()
        .filter_map(|orders| calibrator.summarise(orders))
        .collect()
}

fn spend_data(summaries: &[CalibrationSummary]) -> GammaGammaData {
    GammaGammaData::from_summaries(summaries)
}

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    eprintln!("  {what}: {:.1} ms", start.elapsed().as_secs_f64() * 1e3);
    out
}

fn bench(c: &mut Criterion) {
    let customers: usize = std::env::var("FIT_BENCH_CUSTOMERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let base = simulate(customers, 20_260_321);
    let weeks = summarise(&base, TimeUnit::Week);
    let days = summarise(&base, TimeUnit::Day);
    let week_data = BgNbdData::from_summaries(&weeks).expect("valid summaries");
    let day_data = BgNbdData::from_summaries(&days).expect("valid summaries");
    let gg_data = spend_data(&weeks);

    // One timed pass, printed, so that the figures are visible without criterion's reports.
    eprintln!(
        "{customers} customers, {} orders, {} repeat customers; distinct triples: {} in weeks, {} in days",
        base.orders.len(),
        weeks.iter().filter(|s| s.frequency > 0).count(),
        week_data.distinct_triples(),
        day_data.distinct_triples()
    );
    let week_fit = timed("BG/NBD fit, weeks", || week_data.fit().expect("fit"));
    eprintln!("    {week_fit:?}");
    let day_fit = timed("BG/NBD fit, days", || day_data.fit().expect("fit"));
    eprintln!("    {day_fit:?}");
    let gg_fit = timed("Gamma-Gamma fit", || gg_data.fit().expect("fit"));
    eprintln!("    {gg_fit:?}");

    let mut group = c.benchmark_group("fit_1m");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("calibration_summary_week", |bench| {
        bench.iter(|| summarise(black_box(&base), TimeUnit::Week))
    });
    group.bench_function("compress_bgnbd_week", |bench| {
        bench.iter(|| BgNbdData::from_summaries(black_box(&weeks)))
    });
    group.bench_function("compress_gamma_gamma", |bench| {
        bench.iter(|| spend_data(black_box(&weeks)))
    });
    group.bench_function("bgnbd_fit_week", |bench| {
        bench.iter(|| black_box(&week_data).fit())
    });
    group.bench_function("bgnbd_fit_day", |bench| {
        bench.iter(|| black_box(&day_data).fit())
    });
    group.bench_function("gamma_gamma_fit", |bench| {
        bench.iter(|| black_box(&gg_data).fit())
    });
    group.bench_function("from_summaries_both_fits_week", |bench| {
        bench.iter(|| {
            let bg = BgNbdData::from_summaries(black_box(&weeks)).map(|d| d.fit());
            let gg = spend_data(black_box(&weeks)).fit();
            (bg, gg)
        })
    });
    for (name, unit) in [
        ("from_raw_orders_both_fits_week", TimeUnit::Week),
        ("from_raw_orders_both_fits_day", TimeUnit::Day),
    ] {
        group.bench_function(name, |bench| {
            bench.iter(|| {
                let summaries = summarise(black_box(&base), unit);
                let bg = BgNbdData::from_summaries(&summaries).map(|d| d.fit());
                let gg = spend_data(&summaries).fit();
                (bg, gg)
            })
        });
    }
    group.finish();

    // The CDNOW summary as it is, and stacked 425 times (1,001,725 customers): what
    // bench/lifetimes_crosscheck.py times for the `lifetimes` package.
    let csv = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/cdnow/cdnow_customers_summary.csv"
    ))
    .expect("the CDNOW summary");
    let cdnow: Vec<(u32, f64, f64)> = csv
        .lines()
        .skip(1)
        .filter_map(|line| {
            let f: Vec<&str> = line.trim().split(',').collect();
            Some((
                f.get(1)?.parse().ok()?,
                f.get(2)?.parse().ok()?,
                f.get(3)?.parse().ok()?,
            ))
        })
        .collect();
    let stacked: Vec<(u32, f64, f64)> = (0..425).flat_map(|_| cdnow.iter().copied()).collect();
    let mut group = c.benchmark_group("cdnow");
    group.sample_size(20);
    group.bench_function("bgnbd_compress_and_fit_2357", |bench| {
        bench.iter(|| BgNbdData::from_triples(black_box(cdnow.iter().copied())).map(|d| d.fit()))
    });
    group.bench_function("bgnbd_compress_and_fit_x425", |bench| {
        bench.iter(|| BgNbdData::from_triples(black_box(stacked.iter().copied())).map(|d| d.fit()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
