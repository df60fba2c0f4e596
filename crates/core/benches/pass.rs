//! The whole analytics pass on a synthetic base of 1,000,000 customers and about 10,000,000
//! orders held in memory: per-customer summaries, calibration, the BG/NBD fit, the
//! Gamma-Gamma fit and predictions (expected orders, P(alive), expected value, 12-month CLV)
//! for every customer. Prints the time of each step and the process's peak memory.
//!
//!     cargo bench -p clientele-core --bench pass [-- CUSTOMERS]
//!
//! A bench binary rather than criterion: one pass is seconds long and its peak memory is the
//! other figure that matters.

use std::hint::black_box;
use std::time::Instant;

use clientele_core::analytics::models::{ModelSettings, calibrate, fit_models};
use clientele_core::analytics::{
    CustomerFacts, DAY_MS, OrderFact, Profile, SummarySettings, TimeUnit, summarise,
};

#[path = "support/rng.rs"]
mod rng;
use rng::Rng;

const START: i64 = 1_640_995_200_000; // 2022-01-01T00:00:00Z
const YEARS: i64 = 4;

/// A base drawn from the BG/NBD's own story, so that the fit has a maximum to find: each
/// customer buys at their own Poisson rate (Gamma-distributed across customers), may drop out
/// after each purchase (Beta-distributed probability), and spends around their own mean
/// (Gamma-Gamma). About ten orders a customer.
fn synthetic_base(customers: usize) -> Vec<CustomerFacts> {
    let mut rng = Rng::new(42);
    let days = (YEARS * 365) as f64;
    // Rates per day; spend in cents.
    let (r, alpha, a, b) = (2.0, 100.0, 1.0, 12.0);
    let (p, q, gamma) = (6.0, 4.0, 1500.0);
    (0..customers)
        .map(|i| {
            let lambda = rng.gamma(r, alpha);
            let dropout = rng.beta(a, b);
            let nu = rng.gamma(q, gamma);
            let mut t = rng.uniform() * days * 0.75;
            let first = START + (t * DAY_MS as f64) as i64;
            let mut orders = Vec::new();
            loop {
                let amount = (rng.gamma(p, nu).round() as i64).max(1);
                orders.push(OrderFact {
                    at: START + (t * DAY_MS as f64) as i64,
                    amount,
                    cost: if orders.len() % 2 == 0 {
                        Some(amount * 6 / 10)
                    } else {
                        None
                    },
                });
                if orders.len() > 1 && rng.uniform() < dropout {
                    break;
                }
                t += rng.exponential(lambda.max(1e-300));
                if t >= days {
                    break;
                }
            }
            // As the store leaves them: no spare capacity.
            orders.shrink_to_fit();
            CustomerFacts {
                customer_id: format!("C-{i:07}"),
                created_at: first,
                acquisition_cost: Some(2_000),
                profile: Profile::default(),
                orders,
                costs: Vec::new(),
            }
        })
        .collect()
}

#[path = "support/memory.rs"]
mod memory;
use memory::peak_rss_mib;

fn main() {
    let customers: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let started = Instant::now();
    let base = synthetic_base(customers);
    let orders: usize = base.iter().map(|c| c.orders.len()).sum();
    println!(
        "base: {customers} customers, {orders} orders, built in {:.2} s, peak {:.0} MiB",
        started.elapsed().as_secs_f64(),
        peak_rss_mib()
    );

    let as_of = START + YEARS * 365 * DAY_MS;
    let pass = Instant::now();
    let mut step = Instant::now();
    let mut lap = |name: &str| {
        println!("{name:<34} {:>8.3} s", step.elapsed().as_secs_f64());
        step = Instant::now();
    };

    let settings = SummarySettings::new(as_of);
    let summaries: Vec<_> = base.iter().map(|c| summarise(c, &settings)).collect();
    black_box(&summaries);
    lap("per-customer summary");

    let models = ModelSettings::new(as_of, TimeUnit::Week);
    let calibration = calibrate(&base, &models.calibration);
    lap("calibration (x, t_x, T, m_x)");

    let fitted = fit_models(&calibration, &models).expect("the synthetic base fits");
    lap("BG/NBD + Gamma-Gamma fits");
    println!(
        "  BG/NBD r {:.4} alpha {:.4} a {:.4} b {:.4} ({} distinct triples); Gamma-Gamma p {:.4} q {:.4} gamma {:.1}",
        fitted.bgnbd.params.r,
        fitted.bgnbd.params.alpha,
        fitted.bgnbd.params.a,
        fitted.bgnbd.params.b,
        fitted.bgnbd.distinct_triples,
        fitted.gamma_gamma.params.p,
        fitted.gamma_gamma.params.q,
        fitted.gamma_gamma.params.gamma,
    );

    let predictions: Vec<_> = calibration
        .iter()
        .map(|s| s.as_ref().map(|s| fitted.predict(s)))
        .collect();
    black_box(&predictions);
    lap("predictions for every customer");

    println!(
        "whole pass                         {:>8.3} s; peak memory {:.0} MiB",
        pass.elapsed().as_secs_f64(),
        peak_rss_mib()
    );
}
