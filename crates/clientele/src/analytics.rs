//! `clientele fit` and `clientele predict`: the base-wide BG/NBD and Gamma-Gamma models on
//! the orders in the database.

use std::io::Write;

use anyhow::Context as _;
use clap::ValueEnum;
use clientele_core::analytics::models::{
    FitReport, FittedModels, ModelSettings, calibrate, calibration_read_until, fit_models,
};
use clientele_core::analytics::{Millis, TimeUnit};
use clientele_core::time::{parse_instant, to_millis};
use clientele_store::{AccessScope, Store};

#[derive(Clone, Copy, ValueEnum)]
pub enum Unit {
    Week,
    Day,
}

impl From<Unit> for TimeUnit {
    fn from(unit: Unit) -> TimeUnit {
        match unit {
            Unit::Week => TimeUnit::Week,
            Unit::Day => TimeUnit::Day,
        }
    }
}

#[derive(clap::Args)]
pub struct ModelArgs {
    /// Last day of the calibration period (YYYY-MM-DD or RFC 3339); orders up to the end of
    /// that UTC day count. Default: today.
    #[arg(long, value_name = "DATE")]
    calibration_end: Option<String>,
    /// Unit of recency, T and horizons: fractional weeks (days / 7) as in the literature, or
    /// days.
    #[arg(long, value_enum, default_value_t = Unit::Week)]
    unit: Unit,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum FitFormat {
    Json,
    Table,
}

#[derive(clap::Args)]
pub struct FitArgs {
    #[command(flatten)]
    model: ModelArgs,
    #[arg(long, value_enum, default_value_t = FitFormat::Table)]
    format: FitFormat,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum PredictFormat {
    Csv,
    Json,
}

#[derive(clap::Args)]
pub struct PredictArgs {
    #[command(flatten)]
    model: ModelArgs,
    /// Horizon of expected_orders, in --unit (default 13 weeks or 90 days).
    #[arg(long)]
    horizon: Option<f64>,
    /// Discount rate per 30-day month for the 12-month CLV.
    #[arg(long, default_value_t = 0.01)]
    discount_rate: f64,
    #[arg(long, value_enum, default_value_t = PredictFormat::Csv)]
    format: PredictFormat,
}

const SCOPE: AccessScope = AccessScope::System("cli analytics");

fn calibration_end(text: Option<&str>) -> anyhow::Result<Millis> {
    match text {
        Some(text) => parse_instant(text)
            .map(to_millis)
            .map_err(anyhow::Error::msg)
            .context("--calibration-end"),
        None => Ok(to_millis(jiff::Timestamp::now())),
    }
}

fn settings(args: &ModelArgs) -> anyhow::Result<ModelSettings> {
    let end = calibration_end(args.calibration_end.as_deref())?;
    Ok(ModelSettings::new(end, args.unit.into()))
}

/// Loads the base up to the calibration end and fits both models.
async fn fit_base(
    store: &Store,
    settings: &ModelSettings,
) -> anyhow::Result<(
    clientele_store::analytics::BaseFacts,
    Vec<Option<clientele_core::analytics::CalibrationSummary>>,
    FittedModels,
)> {
    let base = store
        .customer_facts(&SCOPE, calibration_read_until(&settings.calibration))
        .await?;
    let summaries = calibrate(&base.customers, &settings.calibration);
    let models = fit_models(&summaries, settings)?;
    Ok((base, summaries, models))
}

pub async fn fit(store: &Store, args: FitArgs) -> anyhow::Result<()> {
    let settings = settings(&args.model)?;
    let (_, _, models) = fit_base(store, &settings).await?;
    let report = models.report(store.currency().await?);
    let mut out = std::io::stdout().lock();
    match args.format {
        FitFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?,
        FitFormat::Table => write!(out, "{}", fit_table(&report))?,
    }
    Ok(())
}

fn fit_table(report: &FitReport) -> String {
    let b = &report.bgnbd;
    let g = &report.gamma_gamma;
    format!(
        "calibration end {} (unit: {}, money: {})\n\
         \n\
         BG/NBD         r {:.4}  alpha {:.4}  a {:.4}  b {:.4}\n\
         {:15}log-likelihood {:.3}  customers {}  repeat customers {}  distinct triples {}\n\
         \n\
         Gamma-Gamma    p {:.4}  q {:.4}  gamma {:.4}\n\
         {:15}log-likelihood {:.3}  customers {}  left out (mean not positive) {}\n\
         {:15}expected value of a transaction in the population {:.2}\n",
        report.calibration_end,
        report.unit,
        report.currency,
        b.r,
        b.alpha,
        b.a,
        b.b,
        "",
        b.log_likelihood,
        b.customers,
        b.repeat_customers,
        b.distinct_triples,
        g.p,
        g.q,
        g.gamma,
        "",
        g.log_likelihood,
        g.customers,
        g.excluded_non_positive_mean,
        "",
        g.population_mean_value,
    )
}

pub async fn predict(store: &Store, args: PredictArgs) -> anyhow::Result<()> {
    let mut settings = settings(&args.model)?;
    if let Some(horizon) = args.horizon {
        anyhow::ensure!(
            horizon.is_finite() && horizon > 0.0,
            "--horizon must be a positive number of {}s",
            clientele_core::analytics::models::unit_name(settings.calibration.unit)
        );
        settings.horizon = horizon;
    }
    anyhow::ensure!(
        args.discount_rate.is_finite() && args.discount_rate > -1.0,
        "--discount-rate must be a number above -1 (0.01 is 1 % a month)"
    );
    settings.clv.discount_rate = args.discount_rate;
    let (base, summaries, models) = fit_base(store, &settings).await?;
    let currency = store.currency().await?;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match args.format {
        PredictFormat::Csv => {
            let mut writer = csv::Writer::from_writer(&mut out);
            writer.write_record([
                "customer_id",
                "frequency",
                "recency",
                "T",
                "expected_orders",
                "p_alive",
                "expected_avg_value",
                "clv",
            ])?;
            let cell = |v: Option<f64>, decimals: usize| {
                v.map(|v| format!("{v:.decimals$}")).unwrap_or_default()
            };
            let money = usize::from(currency.exponent());
            for (facts, summary) in base.customers.iter().zip(&summaries) {
                let row = models.prediction_row(&facts.customer_id, summary.as_ref(), currency);
                writer.write_record([
                    row.customer_id,
                    row.frequency.map(|f| f.to_string()).unwrap_or_default(),
                    cell(row.recency, 4),
                    cell(row.age, 4),
                    cell(row.expected_orders, 6),
                    cell(row.p_alive, 6),
                    cell(row.expected_avg_value, money),
                    cell(row.clv, money),
                ])?;
            }
            writer.flush()?;
        }
        PredictFormat::Json => {
            // One JSON object a line: a million customers stream instead of building an array.
            for (facts, summary) in base.customers.iter().zip(&summaries) {
                let row = models.prediction_row(&facts.customer_id, summary.as_ref(), currency);
                serde_json::to_writer(&mut out, &row)?;
                out.write_all(b"\n")?;
            }
        }
    }
    out.flush().context("writing the predictions")?;
    Ok(())
}
