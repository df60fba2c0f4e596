//! `clientele demo`: a realistic synthetic base, deterministic per seed.

use std::time::Instant;

use clientele_app::App;
use clientele_demo::{DemoSpec, generate};
use clientele_store::{BulkBase, BulkReport};

#[derive(clap::Args)]
pub struct DemoArgs {
    /// How many customers to generate.
    #[arg(long, default_value_t = 2_000)]
    pub customers: usize,
    /// The same seed (and --as-of) gives the same base.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The day the base's history ends (YYYY-MM-DD or RFC 3339; default: today, UTC).
    #[arg(long)]
    pub as_of: Option<String>,
}

pub async fn run(app: &App, args: &DemoArgs) -> anyhow::Result<BulkReport> {
    let store = app.store();
    let existing = store.count_customers().await?;
    if existing > 0 {
        anyhow::bail!(
            "the database already holds {existing} customers; demo fills only an empty database (choose another --database-url)"
        );
    }
    let as_of = match &args.as_of {
        Some(text) => clientele_core::time::parse_instant(text)
            .map_err(|e| anyhow::anyhow!("--as-of: {e}"))?,
        // The start of today: a base made twice in one day with one seed is the same base.
        None => jiff::Timestamp::now()
            .to_zoned(jiff::tz::TimeZone::UTC)
            .date()
            .to_zoned(jiff::tz::TimeZone::UTC)?
            .timestamp(),
    };
    let started = Instant::now();
    let spec = DemoSpec {
        customers: args.customers,
        seed: args.seed,
        as_of,
        currency: store.currency().await?,
    };
    let base = generate(&spec);
    let generated = started.elapsed();
    let report = app.load_base(BulkBase::from(&base)).await?;
    println!(
        "demo base (seed {}): {} customers, {} orders, {} interactions, {} complaints, {} feedback, {} costs, {} employees; generated in {:.2?}, stored in {:.2?}",
        args.seed,
        report.customers,
        report.orders,
        report.interactions,
        report.complaints,
        report.feedback,
        report.costs,
        report.employees,
        generated,
        started.elapsed() - generated
    );
    Ok(report)
}
