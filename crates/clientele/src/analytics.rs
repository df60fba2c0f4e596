//! `clientele fit` and `clientele predict`: the base-wide BG/NBD and Gamma-Gamma models on
//! the orders in the database.

use std::io::Write;

use anyhow::Context as _;
use clap::ValueEnum;
use clientele_core::Money;
use clientele_core::analytics::models::{
    FitReport, FittedModels, ModelSettings, calibrate, calibration_read_until,
    default_calibration_end, fit_models,
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
    /// that UTC day count. Default: the day after the last order (today at the latest).
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

/// The calibration end given, if one was.
fn calibration_end(text: Option<&str>) -> anyhow::Result<Option<Millis>> {
    text.map(|text| {
        parse_instant(text)
            .map(to_millis)
            .map_err(anyhow::Error::msg)
            .context("--calibration-end")
    })
    .transpose()
}

/// The models' settings, and whether the calibration end was given (else it is the day
/// after the base's last order, settled once the base is read).
fn settings(args: &ModelArgs) -> anyhow::Result<(ModelSettings, bool)> {
    let given = calibration_end(args.calibration_end.as_deref())?;
    let end = given.unwrap_or_else(|| to_millis(jiff::Timestamp::now()));
    Ok((ModelSettings::new(end, args.unit.into()), given.is_some()))
}

/// Loads the base up to the calibration end and fits both models.
async fn fit_base(
    store: &Store,
    (settings, end_given): &mut (ModelSettings, bool),
) -> anyhow::Result<(
    clientele_store::analytics::BaseFacts,
    Vec<Option<clientele_core::analytics::CalibrationSummary>>,
    FittedModels,
)> {
    let base = store
        .customer_facts(&SCOPE, calibration_read_until(&settings.calibration))
        .await?;
    if !*end_given {
        settings.calibration.end =
            default_calibration_end(&base.customers, settings.calibration.end);
    }
    let summaries = calibrate(&base.customers, &settings.calibration);
    let models = fit_models(&summaries, settings)?;
    Ok((base, summaries, models))
}

pub async fn fit(store: &Store, args: FitArgs) -> anyhow::Result<()> {
    let mut settings = settings(&args.model)?;
    let (_, _, models) = fit_base(store, &mut settings).await?;
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
    let mut model = settings(&args.model)?;
    let settings = &mut model.0;
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
    let (base, summaries, models) = fit_base(store, &mut model).await?;
    let currency = store.currency().await?;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut write = || -> anyhow::Result<()> {
        match args.format {
            PredictFormat::Csv => {
                let mut writer = clientele_store::csv_writer::CsvWriter::new(&mut out);
                writer.write_row([
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
                    writer.write_row([
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
    };
    let written = write();
    // Every customer's predictions leave the base: audited like an export, also when the
    // output stopped halfway.
    clientele_app::App::new(store.clone(), Default::default())
        .record_system_export(
            "cli predict",
            "customer",
            Some(base.customers.len() as u64),
            written.is_ok(),
            serde_json::json!({ "format": args.format.to_possible_value().map(|v| v.get_name().to_owned()) }),
        )
        .await;
    written
}

#[derive(Clone, Copy)]
enum ReportKind {
    Rfm,
    Tiers,
    Cohorts,
    Channels,
    Persona,
    Prospects,
}

impl ReportKind {
    /// As the command names it, for the audit log.
    fn name(self) -> &'static str {
        match self {
            ReportKind::Rfm => "rfm",
            ReportKind::Tiers => "tiers",
            ReportKind::Cohorts => "cohorts",
            ReportKind::Channels => "channels",
            ReportKind::Persona => "persona",
            ReportKind::Prospects => "prospects",
        }
    }
}

/// The analytics reports.
#[derive(clap::Subcommand)]
pub enum ReportCommand {
    /// RFM segments.
    Rfm(ReportArgs),
    /// Value tiers A/B/C on trailing-12-month profit, and the concentration of profit.
    Tiers(ReportArgs),
    /// Monthly acquisition cohorts × months since first order.
    Cohorts(ReportArgs),
    /// Acquisition channels: customers, acquisition cost, 12-month CLV, CLV / cost, tier A.
    Channels(ReportArgs),
    /// Tier A against the rest, per profile attribute, with lift.
    Persona(ReportArgs),
    /// Prospects ranked by their resemblance to tier A, with reasons.
    Prospects(ReportArgs),
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ReportFormat {
    Table,
    Json,
    Csv,
}

#[derive(clap::Args)]
pub struct ReportArgs {
    /// The instant the report is as of (YYYY-MM-DD or RFC 3339). Default: now.
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// Prospects listed (report `prospects`).
    #[arg(long, default_value_t = 50)]
    limit: usize,
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    format: ReportFormat,
}

/// A report as rows of cells, for `table` and `csv`.
struct Grid {
    header: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

pub async fn report(store: &Store, command: ReportCommand) -> anyhow::Result<()> {
    use clientele_core::analytics::report::{AnalysisSettings, analyse};
    let (kind, args) = match command {
        ReportCommand::Rfm(args) => (ReportKind::Rfm, args),
        ReportCommand::Tiers(args) => (ReportKind::Tiers, args),
        ReportCommand::Cohorts(args) => (ReportKind::Cohorts, args),
        ReportCommand::Channels(args) => (ReportKind::Channels, args),
        ReportCommand::Persona(args) => (ReportKind::Persona, args),
        ReportCommand::Prospects(args) => (ReportKind::Prospects, args),
    };
    let as_of = match args.as_of.as_deref() {
        Some(text) => parse_instant(text)
            .map(to_millis)
            .map_err(anyhow::Error::msg)
            .context("--as-of")?,
        None => to_millis(jiff::Timestamp::now()),
    };
    let base = store.customer_facts(&SCOPE, as_of).await?;
    let currency = store.currency().await?;
    let analysis = analyse(&base.customers, &AnalysisSettings::new(as_of));
    let facts = &base.customers;
    let money = |minor: i64| Money::from_minor(minor, currency).to_string();
    let money_f = |minor: f64| {
        format!(
            "{:.*}",
            usize::from(currency.exponent()),
            minor / 10f64.powi(i32::from(currency.exponent()))
        )
    };
    let share = |v: f64| format!("{:.1}%", v * 100.0);
    let (json, grid) = match kind {
        ReportKind::Rfm => {
            let r = analysis.rfm(currency);
            let rows = r
                .counts
                .segments
                .iter()
                .map(|s| {
                    vec![
                        s.label.clone(),
                        s.customers.to_string(),
                        share(s.share),
                        s.action.clone(),
                    ]
                })
                .collect();
            (
                serde_json::to_value(&r)?,
                Grid {
                    header: vec!["segment", "customers", "share", "action"],
                    rows,
                },
            )
        }
        ReportKind::Tiers => {
            let r = analysis.tiers(currency);
            let rows = r
                .tiers
                .tiers
                .iter()
                .map(|t| {
                    vec![
                        t.tier.as_str().to_owned(),
                        t.customers.to_string(),
                        share(t.share_of_customers),
                        money(t.profit),
                        share(t.share_of_positive_profit),
                    ]
                })
                .collect();
            (
                serde_json::to_value(&r)?,
                Grid {
                    header: vec![
                        "tier",
                        "customers",
                        "share_of_customers",
                        "profit_window",
                        "share_of_positive_profit",
                    ],
                    rows,
                },
            )
        }
        ReportKind::Cohorts => {
            let r = analysis.cohorts(facts, currency);
            let rows = r
                .table
                .cohorts
                .iter()
                .flat_map(|c| {
                    c.months.iter().map(|m| {
                        vec![
                            c.cohort.clone(),
                            c.customers.to_string(),
                            m.months_since_first_order.to_string(),
                            m.ordering_customers.to_string(),
                            share(m.share_ordering),
                            money(m.revenue),
                        ]
                    })
                })
                .collect();
            (
                serde_json::to_value(&r)?,
                Grid {
                    header: vec![
                        "cohort",
                        "customers",
                        "month",
                        "ordering",
                        "share_ordering",
                        "revenue",
                    ],
                    rows,
                },
            )
        }
        ReportKind::Channels => {
            let r = analysis.channels(facts, currency);
            if let Some(why) = &r.clv_unavailable {
                eprintln!("note: no CLV: {why}");
            }
            let rows = r
                .channels
                .iter()
                .map(|c| {
                    vec![
                        c.channel.clone().unwrap_or_else(|| "unknown".into()),
                        c.customers.to_string(),
                        c.buyers.to_string(),
                        money(c.acquisition_cost_total),
                        money_f(c.acquisition_cost_mean),
                        c.clv_12m_mean.map(money_f).unwrap_or_default(),
                        c.clv_to_acquisition_cost
                            .map(|v| format!("{v:.2}"))
                            .unwrap_or_default(),
                        money(c.profit_window),
                        share(c.tier_a_share),
                    ]
                })
                .collect();
            (
                serde_json::to_value(&r)?,
                Grid {
                    header: vec![
                        "channel",
                        "customers",
                        "buyers",
                        "acquisition_cost",
                        "acquisition_cost_mean",
                        "clv_12m_mean",
                        "clv_per_acquisition_cost",
                        "profit_window",
                        "tier_a_share",
                    ],
                    rows,
                },
            )
        }
        ReportKind::Persona => {
            let r = analysis.persona(facts, currency);
            let rows = r
                .persona
                .rows
                .iter()
                .map(|p| {
                    vec![
                        serde_json::to_value(p.attribute)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_owned))
                            .unwrap_or_default(),
                        p.value.clone().unwrap_or_else(|| "(not recorded)".into()),
                        share(p.share_a),
                        share(p.share_rest),
                        format!("{:.2}", p.lift),
                    ]
                })
                .collect();
            (
                serde_json::to_value(&r)?,
                Grid {
                    header: vec!["attribute", "value", "share_tier_a", "share_rest", "lift"],
                    rows,
                },
            )
        }
        ReportKind::Prospects => {
            let r = analysis.prospects(facts, currency, args.limit);
            let rows = r
                .ranked
                .iter()
                .map(|p| {
                    let reasons: Vec<String> = p
                        .score
                        .reasons
                        .iter()
                        .map(|reason| {
                            format!("{} {:+.2}", reason.values.join(" & "), reason.contribution)
                        })
                        .collect();
                    vec![
                        p.customer_id.clone(),
                        format!("{:.3}", p.score.log_odds),
                        if p.ideal_prospect { "yes" } else { "" }.to_owned(),
                        reasons.join("; "),
                    ]
                })
                .collect();
            (
                serde_json::to_value(&r)?,
                Grid {
                    header: vec!["customer_id", "log_odds", "ideal_prospect", "reasons"],
                    rows,
                },
            )
        }
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut write = || -> anyhow::Result<()> {
        match args.format {
            ReportFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&json)?)?,
            ReportFormat::Csv => {
                let mut writer = clientele_store::csv_writer::CsvWriter::new(&mut out);
                writer.write_row(&grid.header)?;
                for row in &grid.rows {
                    writer.write_row(row)?;
                }
                writer.flush()?;
            }
            ReportFormat::Table => write_table(&mut out, &grid)?,
        }
        out.flush()?;
        Ok(())
    };
    let written = write();
    // A report's rows are customers (prospects) or groups of them: audited like an export.
    clientele_app::App::new(store.clone(), Default::default())
        .record_system_export(
            "cli report",
            "customer",
            Some(grid.rows.len() as u64),
            written.is_ok(),
            serde_json::json!({
                "report": kind.name(),
                "format": args.format.to_possible_value().map(|v| v.get_name().to_owned()),
            }),
        )
        .await;
    written
}

/// Columns padded to their widest cell (in characters, so Persian and Georgian line up too).
fn write_table(out: &mut impl Write, grid: &Grid) -> std::io::Result<()> {
    let mut widths: Vec<usize> = grid.header.iter().map(|h| h.chars().count()).collect();
    for row in &grid.rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let mut text = String::new();
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            if i > 0 {
                text.push_str("  ");
            }
            text.push_str(cell);
            if i + 1 < cells.len() {
                text.extend(std::iter::repeat_n(' ', w - cell.chars().count()));
            }
        }
        text
    };
    writeln!(out, "{}", line(grid.header.clone()))?;
    for row in &grid.rows {
        writeln!(out, "{}", line(row.iter().map(String::as_str).collect()))?;
    }
    Ok(())
}
