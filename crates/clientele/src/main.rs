//! `clientele`: the command-line program. Every command works on the database named by
//! `--database-url` (or `CLIENTELE_DATABASE_URL`), the embedded SQLite file
//! `clientele.db` in the working directory by default.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::builder::TypedValueParser;
use clap::{Parser, Subcommand, ValueEnum};
use clientele_app::{Actor, App, ImportOutcome, ImportRequest};
use clientele_core::Currency;
use clientele_store::export::{ExportFormat, ExportKind};
use clientele_store::import::{ImportInput, ImportKind, ImportOptions, rejected_path_for};
use clientele_store::{AccessScope, DEFAULT_DATABASE_URL, Reevaluation, Store};

/// A whole-base pass allocates tens of millions of small values (strings of the profile,
/// order lists, evidence) from two threads; mimalloc does that several times faster than the
/// system allocator and returns memory to the system promptly.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod analytics;
mod classify;
mod demo;
mod people;
mod serve;
mod tasks;

#[derive(Parser)]
#[command(
    name = "clientele",
    version,
    about = "Clientele: what kind of customer is each one, how we know, and what to do about them."
)]
struct Cli {
    /// Database: sqlite://FILE (created when missing) or postgres://USER@HOST/DATABASE.
    #[arg(long, global = true, env = "CLIENTELE_DATABASE_URL", default_value = DEFAULT_DATABASE_URL, hide_env_values = true)]
    database_url: String,

    /// The business currency (ISO 4217), set on a database that holds no amounts yet.
    #[arg(long, global = true, env = "CLIENTELE_CURRENCY")]
    currency: Option<String>,

    /// The settings file (the `[types]` thresholds). Default: clientele.toml in the working
    /// directory, when it exists.
    #[arg(long, global = true, env = "CLIENTELE_CONFIG", value_name = "FILE")]
    config: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the HTTP server (REST API under /api/v1).
    Serve(serve::ServeArgs),
    /// Fill an empty database with a realistic synthetic customer base.
    Demo(demo::DemoArgs),
    /// Import a CSV file (all or nothing unless --skip-invalid).
    Import(ImportArgs),
    /// Export every record of one kind to standard output.
    Export(ExportArgs),
    /// Fit the BG/NBD and Gamma-Gamma models on the orders up to a calibration end.
    Fit(analytics::FitArgs),
    /// Per customer: expected orders, probability alive, expected order value and CLV.
    Predict(analytics::PredictArgs),
    /// Evaluate every customer's stage, tier and flags as of a date, store them and the
    /// transitions, and print them.
    Classify(classify::ClassifyArgs),
    /// Reports on the base: rfm, tiers, cohorts, channels, persona, prospects, types.
    #[command(subcommand)]
    Report(ReportCommand),
    /// Employees who sign in: add, list, deactivate, reset-password.
    #[command(subcommand)]
    User(people::UserCommand),
    /// API tokens.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Give a leaving employee's customers (all, or chosen) to another employee.
    Handover(people::HandoverArgs),
    /// The audit log: who did what, when, from where.
    Audit(people::AuditArgs),
    /// Tasks: list, add, done.
    #[command(subcommand)]
    Tasks(tasks::TasksCommand),
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Make an API token for an employee; prints its secret once.
    Create(people::TokenArgs),
}

#[derive(Subcommand)]
enum ReportCommand {
    /// Counts per stage, tier and flag, and the transitions since a date.
    Types(classify::TypesReportArgs),
    #[command(flatten)]
    Analytics(analytics::ReportCommand),
}

#[derive(clap::Args)]
struct ImportArgs {
    /// What the file holds.
    #[arg(value_parser = import_kind())]
    kind: ImportKind,
    /// The CSV file (UTF-8, with a header line).
    file: PathBuf,
    /// Import the good rows and write the rejected ones, with reasons, beside the file.
    #[arg(long)]
    skip_invalid: bool,
    /// Where to write rejected rows (default: FILE.rejected.csv).
    #[arg(long, requires = "skip_invalid")]
    rejected: Option<PathBuf>,
    /// Re-evaluate the customers' types as of this instant (YYYY-MM-DD or RFC 3339) after
    /// the import. Default: the base's evaluation clock (the date of the last
    /// `classify --as-of`, else now). Another date re-evaluates the whole base as of it and
    /// makes it the clock.
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
}

#[derive(clap::Args)]
struct ExportArgs {
    #[arg(value_parser = export_kind())]
    kind: ExportKind,
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
}

/// The kinds of file `import` reads, as the store names them (the list `--help` shows).
fn import_kind() -> impl TypedValueParser<Value = ImportKind> {
    let names: Vec<&'static str> = ImportKind::ALL.iter().map(|k| k.name()).collect();
    clap::builder::PossibleValuesParser::new(names)
        .try_map(|name| ImportKind::parse(&name).map_err(|e| e.to_string()))
}

/// What `export` writes: every kind `import` reads, and the type transitions.
fn export_kind() -> impl TypedValueParser<Value = ExportKind> {
    let mut names: Vec<&'static str> = ImportKind::ALL.iter().map(|k| k.name()).collect();
    names.push("transitions");
    clap::builder::PossibleValuesParser::new(names)
        .try_map(|name| ExportKind::parse(&name).map_err(|e| e.to_string()))
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Csv,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_tracing();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        // `clientele predict | head` closing the pipe early is the reader's choice, not an
        // error.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            // The chain says what failed and why, without a backtrace.
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<csv::Error>()
                .is_some_and(|e| matches!(e.kind(), csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe))
    })
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("CLIENTELE_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    // Colours only on a terminal: a log written to a file or a pipe stays plain text.
    use std::io::IsTerminal;
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let store = open(&cli.database_url, cli.currency.as_deref()).await?;
    let config = cli.config.as_deref();
    let result = match cli.command {
        Command::Serve(args) => serve::run(&store, args, config).await,
        Command::Demo(args) => {
            // Filling a base classifies nothing: the settings file is not read.
            let app = App::new(store.clone(), Default::default());
            demo::run(&app, &args).await.map(|_| ())
        }
        Command::Import(args) => import(&store, args, config).await,
        Command::Export(args) => export(&store, args).await,
        Command::Fit(args) => analytics::fit(&store, args).await,
        Command::Predict(args) => analytics::predict(&store, args).await,
        Command::Classify(args) => classify::classify(&store, args, config).await,
        Command::Report(ReportCommand::Types(args)) => {
            classify::report_types(&store, args, config).await
        }
        Command::Report(ReportCommand::Analytics(command)) => {
            analytics::report(&store, command).await
        }
        // The team's commands use no type threshold: the settings file is not read.
        Command::User(command) => {
            people::user(&App::new(store.clone(), Default::default()), command).await
        }
        Command::Token(TokenCommand::Create(args)) => {
            people::token(&App::new(store.clone(), Default::default()), args).await
        }
        Command::Handover(args) => {
            people::handover(&App::new(store.clone(), Default::default()), args).await
        }
        Command::Tasks(command) => {
            tasks::run(&App::new(store.clone(), Default::default()), command).await
        }
        Command::Audit(args) => {
            people::audit(&App::new(store.clone(), Default::default()), args).await
        }
    };
    store.close().await;
    result
}

/// Opens the database (migrating it) and settles the business currency.
async fn open(url: &str, currency: Option<&str>) -> anyhow::Result<Store> {
    let store = Store::open(url).await?;
    if let Some(code) = currency {
        let currency: Currency = code
            .parse()
            .map_err(anyhow::Error::msg)
            .context("--currency")?;
        clientele_app::settle_currency(&store, currency).await?;
    }
    Ok(store)
}

async fn import(
    store: &Store,
    args: ImportArgs,
    config: Option<&std::path::Path>,
) -> anyhow::Result<()> {
    let kind = args.kind;
    // Amounts are kept in minor units of the business currency, which cannot change once
    // amounts are stored: say which one a first import with amounts assumes.
    if matches!(
        kind,
        ImportKind::Orders | ImportKind::Costs | ImportKind::Customers
    ) && store.chosen_currency().await?.is_none()
    {
        eprintln!(
            "note: amounts are read as USD, the default business currency, which cannot change \
             once amounts are stored; for another (IRR, IRT, GEL, PHP…) import first with \
             --currency CODE"
        );
        // Said once: the base now names its currency (still changeable while no amount is
        // stored, should this import be refused).
        clientele_app::settle_currency(store, Currency::USD).await?;
    }
    let app = App::new(store.clone(), classify::type_settings(config)?);
    let bar = progress_bar(std::fs::metadata(&args.file).map(|m| m.len()).unwrap_or(0));
    let request = ImportRequest {
        kind,
        input: ImportInput::file(&args.file)?,
        options: ImportOptions {
            skip_invalid: args.skip_invalid,
            // Beside the file unless told otherwise.
            rejected_path: Some(
                args.rejected
                    .unwrap_or_else(|| rejected_path_for(&args.file)),
            ),
            ..Default::default()
        },
        as_of: args
            .as_of
            .as_deref()
            .map(|text| {
                clientele_core::time::parse_instant(text)
                    .map(clientele_core::time::to_millis)
                    .map_err(|e| anyhow::anyhow!("--as-of: {e}"))
            })
            .transpose()?,
    };
    let outcome = app
        .import(Actor::System("cli import"), request, &|p| {
            bar.set_length(p.bytes_total);
            bar.set_position(p.bytes_read);
        })
        .await;
    bar.finish_and_clear();
    let ImportOutcome {
        report,
        reevaluation,
    } = outcome?;
    let mut summary = format!(
        "{}: {} rows: {} inserted, {} updated, {} unchanged",
        report.file, report.rows, report.inserted, report.updated, report.unchanged
    );
    if report.customers_created > 0 {
        summary.push_str(&format!(
            ", {} created from orders",
            counted(report.customers_created, "new customer")
        ));
    }
    if let Some(file) = &report.rejected_file {
        summary.push_str(&format!(
            "; {} rejected, written with reasons to {file}",
            report.rejected
        ));
    }
    println!("{summary}");
    match reevaluation {
        Reevaluation::NotClassified | Reevaluation::Unchanged => {}
        Reevaluation::Customers(saved) => println!(
            "types: re-evaluated {} named in the file; {} recorded",
            counted(saved.customers, "customer"),
            counted(saved.transitions, "transition")
        ),
        Reevaluation::FullPass(saved) => println!(
            "types: re-evaluated all {}, models refitted; {} recorded",
            counted(saved.customers, "customer"),
            counted(saved.transitions, "transition")
        ),
    }
    Ok(())
}

async fn export(store: &Store, args: ExportArgs) -> anyhow::Result<()> {
    let kind = args.kind;
    let (format, format_name) = match args.format {
        Format::Csv => (ExportFormat::Csv, "csv"),
        Format::Json => (ExportFormat::Json, "json"),
    };
    // Stdout itself (not its lock, which cannot cross threads) behind a large buffer.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout());
    let written = store
        .export(&AccessScope::System("cli export"), kind, format, &mut out)
        .await
        .map_err(anyhow::Error::from)
        .and_then(|rows| {
            std::io::Write::flush(&mut out).context("writing the export")?;
            Ok(rows)
        });
    // Audited either way: an export stopped halfway still took rows out.
    let app = App::new(store.clone(), Default::default());
    let rows = written.as_ref().ok().copied();
    let entity = kind.to_string();
    let entity = entity.trim_end_matches('s');
    app.record_system_export(
        "cli export",
        entity,
        rows,
        written.is_ok(),
        serde_json::json!({ "format": format_name }),
    )
    .await;
    let rows = written?;
    tracing::info!(rows, kind = %kind, "exported");
    Ok(())
}

/// "1 customer", "2 customers".
fn counted(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// A progress bar on a terminal; nothing in logs or pipes.
pub(crate) fn progress_bar(total: u64) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} {eta}",
    ) {
        bar.set_style(style);
    }
    bar
}
