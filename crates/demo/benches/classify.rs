//! The type engine's full pass in memory on the demo base of 1,000,000 customers: the
//! analytics pass (summaries, tiers, calibration, fits, predictions), the lookalike ranking
//! of prospects and every customer's rules with evidence; then one customer re-evaluated
//! alone with the stored state, as after an edit. Prints the time of each step and the
//! process's peak memory.
//!
//!     cargo bench -p clientele-demo --bench classify [-- CUSTOMERS]
//!
//! What reading the base from a database and storing the result add is measured end to end
//! by `bench/classify.sh`.

use std::hint::black_box;
use std::time::Instant;

use clientele_core::Currency;
use clientele_core::classify::{EngineState, TypeSettings, classify_base};
use clientele_demo::{DemoSpec, generate};

// The core's benchmarks measure peak memory the same way.
#[path = "../../core/benches/support/memory.rs"]
mod memory;
use memory::peak_rss_mib;

fn main() {
    let customers: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let as_of: jiff::Timestamp = "2026-11-22T00:00:00Z".parse().unwrap();
    let started = Instant::now();
    let base = generate(&DemoSpec {
        customers,
        seed: 1,
        as_of,
        currency: Currency::USD,
    });
    let (facts, context) = (base.facts(), base.context());
    drop(base);
    let orders: usize = facts.iter().map(|c| c.orders.len()).sum();
    println!(
        "demo base: {} customers, {orders} orders, built in {:.2} s, peak {:.0} MiB",
        facts.len(),
        started.elapsed().as_secs_f64(),
        peak_rss_mib()
    );
    let as_of = clientele_core::time::to_millis(as_of);
    let settings = TypeSettings::default();

    let step = Instant::now();
    let analysis = clientele_core::analytics::report::analyse(
        &facts,
        &clientele_core::classify::rules::analysis_settings(&settings, as_of),
    );
    println!(
        "  of which the analytics pass alone: {:.3} s",
        step.elapsed().as_secs_f64()
    );
    drop(analysis);

    let pass = Instant::now();
    let classified = classify_base(&facts, &context, &[], &settings, as_of, Currency::USD);
    println!(
        "full pass (analytics, lookalike, every verdict): {:.3} s; peak memory {:.0} MiB",
        pass.elapsed().as_secs_f64(),
        peak_rss_mib()
    );
    black_box(&classified.verdicts);
    let words = Instant::now();
    let mut bytes = 0usize;
    for start in (0..facts.len()).step_by(16_384) {
        let end = (start + 16_384).min(facts.len());
        let block = clientele_core::parallel::map_indexed(end - start, |k| {
            classified.classification(start + k, &facts, &context)
        });
        bytes += block
            .iter()
            .map(|c| c.evidence.values().map(String::len).sum::<usize>())
            .sum::<usize>();
    }
    println!(
        "every customer's words (evidence, actions, metrics): {:.3} s ({} MB of evidence)",
        words.elapsed().as_secs_f64(),
        bytes / 1_000_000
    );

    let state = EngineState::of(&classified, &settings, as_of);
    let step = facts.len().max(1000) / 1000;
    let one = Instant::now();
    let mut n = 0u32;
    for i in (0..facts.len()).step_by(step) {
        black_box(state.classify_one(&facts[i], &context[i], None, false, as_of, Currency::USD));
        n += 1;
    }
    println!(
        "one customer re-evaluated with the stored state: {:.1} µs on average over {n}",
        one.elapsed().as_secs_f64() * 1e6 / f64::from(n)
    );
    // Freeing millions of small allocations takes seconds and measures nothing of ours.
    std::mem::forget((facts, context, classified));
}
