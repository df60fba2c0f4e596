//! Re-evaluating one customer after an edit, and recomputing one profile, on a real
//! database: what every API edit and every profile page costs. Prints the median, p99 and
//! largest time over customers spread through the base.
//!
//!     CLIENTELE_BENCH_DATABASE_URL=sqlite:///path/to/demo.db \
//!         cargo bench -p clientele-store --bench reevaluate [-- SAMPLES]
//!
//! The database needs a full pass first (`clientele classify`). `bench/classify.sh` builds
//! a 1,000,000-customer demo base and runs this against it.

use std::time::{Duration, Instant};

use clientele_store::{AccessScope, Store};

fn summary(mut times: Vec<Duration>) -> String {
    times.sort();
    let at = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
    format!(
        "median {:.2} ms, p99 {:.2} ms, max {:.2} ms over {}",
        at(0.5).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3,
        times.len()
    )
}

#[tokio::main]
async fn main() {
    let Ok(url) = std::env::var("CLIENTELE_BENCH_DATABASE_URL") else {
        eprintln!("set CLIENTELE_BENCH_DATABASE_URL to a classified database; nothing measured");
        return;
    };
    let samples: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(500);
    let store = Store::open(&url).await.expect("the database opens");
    if store.engine_state().await.expect("readable").is_none() {
        eprintln!("{url} has not been classified: run `clientele classify` first");
        return;
    }
    let scope = AccessScope::System("bench");
    let customers = store.count_customers().await.expect("countable");
    let ids: Vec<String> = store
        .sample_customer_ids(&scope, samples)
        .await
        .expect("customer ids");
    println!(
        "{customers} customers; {} sampled across the base",
        ids.len()
    );
    let now = clientele_core::time::to_millis(jiff::Timestamp::now());
    let mut reevaluate = Vec::new();
    let mut profile = Vec::new();
    for id in &ids {
        let started = Instant::now();
        store
            .reclassify(&[id.as_str()], now)
            .await
            .expect("re-evaluated");
        reevaluate.push(started.elapsed());
        let started = Instant::now();
        store.customer_profile(&scope, id).await.expect("a profile");
        profile.push(started.elapsed());
    }
    println!(
        "re-evaluate one customer after an edit: {}",
        summary(reevaluate)
    );
    println!(
        "recompute one customer's profile:       {}",
        summary(profile)
    );
    store.close().await;
}
