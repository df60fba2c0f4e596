//! `clientele classify` and `clientele report types`: the type engine over the whole base.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::ValueEnum;
use clientele_core::classify::TypeSettings;
use clientele_core::time::{format_instant, from_millis, parse_instant, to_millis};
use clientele_store::{AccessScope, ListRequest, Store, TransitionFilter};

#[derive(Clone, Copy, ValueEnum)]
pub enum ClassifyFormat {
    Table,
    Json,
    Csv,
}

#[derive(clap::Args)]
pub struct ClassifyArgs {
    /// Evaluate the base as of this instant (YYYY-MM-DD or RFC 3339). Default: now. A date
    /// given becomes the base's evaluation clock: re-evaluations after an import or an edit
    /// happen as of it, until a pass without `--as-of` returns the base to the wall clock.
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    #[arg(long, value_enum, default_value_t = ClassifyFormat::Table)]
    format: ClassifyFormat,
}

#[derive(clap::Args)]
pub struct TypesReportArgs {
    /// List the transitions at or after this instant (YYYY-MM-DD or RFC 3339). Default: the
    /// last 7 days.
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    #[arg(long, value_enum, default_value_t = ClassifyFormat::Table)]
    format: ClassifyFormat,
}

/// `[types]` of the settings file, over the spec's defaults.
#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    types: TypeSettings,
}

/// The type settings: the spec's defaults, overridden by the settings file.
pub fn type_settings(config: Option<&Path>) -> anyhow::Result<TypeSettings> {
    let (path, required) = match config {
        Some(path) => (path.to_path_buf(), true),
        None => (PathBuf::from("clientele.toml"), false),
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(TypeSettings::default());
        }
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    let file: ConfigFile =
        toml::from_str(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    file.types.validate().map_err(|errors| {
        anyhow::anyhow!(
            "{}: {}",
            path.display(),
            errors
                .0
                .iter()
                .map(|e| format!("types.{} {}", e.field, e.message))
                .collect::<Vec<_>>()
                .join("; ")
        )
    })?;
    Ok(file.types)
}

fn instant(text: Option<&str>, flag: &str) -> anyhow::Result<i64> {
    match text {
        Some(text) => parse_instant(text)
            .map(to_millis)
            .map_err(anyhow::Error::msg)
            .with_context(|| flag.to_owned()),
        None => Ok(to_millis(jiff::Timestamp::now())),
    }
}

pub async fn classify(
    store: &Store,
    args: ClassifyArgs,
    config: Option<&Path>,
) -> anyhow::Result<()> {
    let app = clientele_app::App::new(store.clone(), type_settings(config)?);
    // A date given pins the base's evaluation clock to it; none, the pass is as of now.
    let given = match args.as_of.as_deref() {
        Some(text) => Some(instant(Some(text), "--as-of")?),
        None => None,
    };
    let started = std::time::Instant::now();
    let pass = app.classify_all(given).await?;
    let as_of = pass.as_of;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    // The words of each customer are written as they are printed, a block at a time on
    // every core: a million classifications at once would take gigabytes.
    const BLOCK: usize = 16_384;
    let customers = pass.classified.verdicts.len();
    let mut write = || -> anyhow::Result<()> {
        match args.format {
            ClassifyFormat::Json => {
                for start in (0..customers).step_by(BLOCK) {
                    let end = (start + BLOCK).min(customers);
                    let lines = clientele_core::parallel::map_indexed(end - start, |k| {
                        serde_json::to_string(&pass.classification(start + k))
                    });
                    for line in lines {
                        out.write_all(line?.as_bytes())?;
                        out.write_all(b"\n")?;
                    }
                }
            }
            ClassifyFormat::Csv | ClassifyFormat::Table => {
                let header = [
                    "customer_id",
                    "stage",
                    "tier",
                    "flags",
                    "recency_days",
                    "orders",
                    "monetary",
                    "profit_window",
                    "p_alive",
                    "clv_12m",
                    "evidence",
                ];
                let row = |c: clientele_core::classify::Classification| {
                    let m = &c.metrics;
                    vec![
                        c.customer_id.clone(),
                        c.stage.as_str().to_owned(),
                        c.tier.as_str().to_owned(),
                        c.flags
                            .iter()
                            .map(|f| f.as_str())
                            .collect::<Vec<_>>()
                            .join(";"),
                        m.recency_days.map(|d| d.to_string()).unwrap_or_default(),
                        m.orders.to_string(),
                        m.monetary.clone(),
                        m.profit_window.clone(),
                        m.p_alive.map(|p| format!("{p:.3}")).unwrap_or_default(),
                        m.clv_12m.clone().unwrap_or_default(),
                        c.evidence.get("stage").cloned().unwrap_or_default(),
                    ]
                };
                let delimiter = if matches!(args.format, ClassifyFormat::Table) {
                    b'\t'
                } else {
                    b','
                };
                let mut writer =
                    clientele_store::csv_writer::CsvWriter::with_delimiter(&mut out, delimiter);
                writer.write_row(header)?;
                for start in (0..customers).step_by(BLOCK) {
                    let end = (start + BLOCK).min(customers);
                    let rows = clientele_core::parallel::map_indexed(end - start, |k| {
                        row(pass.classification(start + k))
                    });
                    for row in rows {
                        writer.write_row(row)?;
                    }
                }
                writer.flush()?;
            }
        }
        out.flush()?;
        Ok(())
    };
    let written = write();
    // Every customer's types and figures leave the base: audited like an export, also
    // when the output stopped halfway.
    app.record_system_export(
        "cli classify",
        "customer",
        Some(customers as u64),
        written.is_ok(),
        serde_json::json!({ "format": args.format.to_possible_value().map(|v| v.get_name().to_owned()) }),
    )
    .await;
    written?;
    if let Err(e) = &pass.classified.analysis.models {
        eprintln!("note: no P(alive) or CLV: {e}");
    }
    eprintln!(
        "classified {} customers as of {} in {:.2} s; {} transitions recorded",
        pass.saved.customers,
        from_millis(as_of).map(format_instant).unwrap_or_default(),
        started.elapsed().as_secs_f64(),
        pass.saved.transitions
    );
    Ok(())
}

pub async fn report_types(
    store: &Store,
    args: TypesReportArgs,
    config: Option<&std::path::Path>,
) -> anyhow::Result<()> {
    // The report shows the stored types: an import stopped before its re-evaluation is
    // finished first.
    clientele_app::App::new(store.clone(), type_settings(config)?)
        .settle_owed_reevaluation()
        .await?;
    let scope = AccessScope::System("cli report types");
    let since = match args.since.as_deref() {
        Some(_) => instant(args.since.as_deref(), "--since")?,
        None => to_millis(jiff::Timestamp::now()) - 7 * 86_400_000,
    };
    let counts = store.type_counts(&scope).await?;
    let filter = TransitionFilter {
        since: from_millis(since).map(format_instant),
        ..Default::default()
    };
    let mut transitions = Vec::new();
    let mut cursor = None;
    loop {
        let page = store
            .list_transitions(
                &scope,
                &filter,
                &ListRequest {
                    limit: Some(clientele_store::MAX_LIMIT),
                    cursor,
                    sort: Some("at".into()),
                },
            )
            .await?;
        transitions.extend(page.items);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        ClassifyFormat::Json => {
            let report = serde_json::json!({
                "counts": counts,
                "since": from_millis(since).map(format_instant),
                "transitions": transitions,
            });
            writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
        }
        ClassifyFormat::Csv | ClassifyFormat::Table => {
            let sep = if matches!(args.format, ClassifyFormat::Table) {
                "\t"
            } else {
                ","
            };
            writeln!(
                out,
                "# {} customers classified, as of {}",
                counts.classified,
                counts.as_of.as_deref().unwrap_or("never")
            )?;
            writeln!(out, "axis{sep}value{sep}customers")?;
            for (axis, list) in [
                ("stage", &counts.stages),
                ("tier", &counts.tiers),
                ("flag", &counts.flags),
            ] {
                for c in list {
                    writeln!(out, "{axis}{sep}{}{sep}{}", c.name, c.customers)?;
                }
            }
            writeln!(
                out,
                "\n# transitions since {}",
                from_millis(since).map(format_instant).unwrap_or_default()
            )?;
            writeln!(
                out,
                "at{sep}customer_id{sep}axis{sep}from{sep}to{sep}meaning"
            )?;
            for t in &transitions {
                let t = &t.transition;
                let meaning = match (t.axis.as_str(), t.from.as_deref(), t.to.as_deref()) {
                    ("stage", _, Some("lapsed")) => "became lapsed",
                    ("stage", _, Some("lost")) => "was lost",
                    ("stage", _, Some("reborn")) => "won back",
                    ("flag", None, Some("dissatisfied")) => "became dissatisfied",
                    ("flag", Some("dissatisfied"), None) => "no longer dissatisfied",
                    ("tier", Some(_), Some("A")) => "rose to tier A",
                    ("tier", Some("A"), Some(_)) => "fell out of tier A",
                    _ => "",
                };
                writeln!(
                    out,
                    "{}{sep}{}{sep}{}{sep}{}{sep}{}{sep}{meaning}",
                    format_instant(t.at),
                    t.customer_id,
                    t.axis,
                    t.from.as_deref().unwrap_or(""),
                    t.to.as_deref().unwrap_or("")
                )?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example settings file documents every threshold with the spec's default: it
    /// must parse, name every setting, and change nothing.
    #[test]
    fn the_example_settings_file_holds_every_setting_at_its_default() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../clientele.example.toml");
        assert_eq!(type_settings(Some(&path)).unwrap(), TypeSettings::default());
        let text = std::fs::read_to_string(&path).unwrap();
        let defaults = serde_json::to_value(TypeSettings::default()).unwrap();
        for key in defaults.as_object().unwrap().keys() {
            assert!(
                text.lines().any(|l| l.starts_with(&format!("{key} = "))),
                "{key} is not in clientele.example.toml"
            );
        }
    }
}
