//! Imports one CSV file into a database and prints the report with the elapsed time; used
//! by the import benchmark (bench/import.sh) to time the store alone.
//!
//! cargo run --release -p clientele-store --example import_file -- sqlite://bench.db orders FILE.csv

use std::time::Instant;

use clientele_store::Store;
use clientele_store::import::{ImportKind, ImportOptions};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, url, kind, file] = args.as_slice() else {
        return Err("usage: import_file DATABASE_URL KIND FILE".into());
    };
    let store = Store::open(url).await?;
    let kind = ImportKind::parse(kind)?;
    let started = Instant::now();
    let report = store
        .import_csv(kind, file.as_ref(), &ImportOptions::default(), &|_| {})
        .await?;
    let elapsed = started.elapsed();
    println!(
        "{} rows in {:.2?}: {:.0} rows/s ({report:?})",
        report.rows,
        elapsed,
        report.rows as f64 / elapsed.as_secs_f64()
    );
    store.close().await;
    Ok(())
}
