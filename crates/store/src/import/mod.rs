//! CSV import: customers, orders, interactions, complaints, feedback, costs and employees.
//!
//! An import is all or nothing by default: every row is read and checked (shape, values,
//! references, repeated ids), and one bad row means nothing is written, with an error that
//! names the file, line, column and reason. With `skip_invalid` the good rows go in and the
//! rejected ones are written, with their reasons, where the options say (for a file,
//! `FILE.rejected.csv` beside it by default).
//!
//! An import reads any seekable input ([`ImportInput`]: a file, an upload held in memory):
//! once for the rows, and again from its start only when rejected rows are copied out.
//!
//! Importing the same file twice changes nothing: rows with a business id (customers,
//! orders, complaints, employees by e-mail) are upserted and only really changed rows are
//! touched; rows without one (costs, interactions, feedback) are recognised by a hash of
//! their content. A column absent from the file leaves that field of existing records as it
//! is; an empty cell clears it.
//!
//! Orders, the commonest first import (a shop's order export), create the customers they
//! name when those are unknown.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::Store;
use crate::bounds::{Accumulated, Whose, within_customer_total};
use crate::error::{StoreError, StoreResult};

pub(crate) mod children;
mod customers;
mod kind;
mod rejected;
mod source;

pub use kind::{Column, ImportKind};
pub use rejected::rejected_path_for;

use children::{ChildState, Chunk, finish_children, read_chunks, write_child_chunk};
use customers::{import_customers, import_employees};
use rejected::write_rejected;
use source::{Columns, Source};

/// Where in a file something is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    /// 1-based line of the record in the file.
    pub line: u64,
    /// 1-based column number and name, when one column is at fault.
    pub column: Option<(usize, String)>,
    /// What is wrong; its `Display` is the English.
    pub message: clientele_core::Message,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some((n, name)) => write!(
                f,
                "line {}, column {n} ({name}): {}",
                self.line, self.message
            ),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

/// How many row errors an error message lists before it only counts the rest.
pub const LISTED_ERRORS: usize = 20;

/// An import refused as a whole; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file cannot be read as CSV at all.
    #[error("{file}: {message}")]
    File {
        file: String,
        message: clientele_core::Message,
    },
    /// The header line is wrong (unknown, repeated or missing columns).
    #[error("{file}: the header is wrong; nothing was imported{}", list(.errors))]
    Header { file: String, errors: Vec<RowError> },
    /// Rows are wrong: the first [`LISTED_ERRORS`] problems are listed; `total` counts the
    /// rows that have one or more (a row with two wrong cells is one invalid row).
    #[error("{file}: {}", rows_message(.errors, *.total))]
    Rows {
        file: String,
        errors: Vec<RowError>,
        total: u64,
    },
}

fn list(errors: &[RowError]) -> String {
    errors.iter().map(|e| format!("\n  {e}")).collect()
}

fn rows_message(errors: &[RowError], total: u64) -> String {
    let mut text = if total == 1 {
        "1 invalid row; nothing was imported".to_owned()
    } else {
        format!("{total} invalid rows; nothing was imported")
    };
    for e in errors {
        text.push_str("\n  ");
        text.push_str(&e.to_string());
    }
    let shown = errors
        .iter()
        .map(|e| e.line)
        .collect::<std::collections::HashSet<_>>()
        .len() as u64;
    if total > shown {
        text.push_str(&format!("\n  … and {} more rows", total - shown));
    }
    text
}

/// How to import.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// Import the good rows and write the rejected ones to `rejected_path`.
    pub skip_invalid: bool,
    /// Where rejected rows go. [`Store::import_csv`] of a file defaults to
    /// `FILE.rejected.csv` beside it; with no path the rejected rows are counted and listed
    /// in the report's errors only.
    pub rejected_path: Option<PathBuf>,
    /// The audit entry of a done import, stored in the import's own transaction with the
    /// figures added to its details, so that an import is never in the base without it.
    pub audit: Option<crate::audit::AuditEntry>,
}

/// What an import reads: any input that can be read from its start again.
pub trait ImportSource: std::io::Read + std::io::Seek + Send + 'static {}

impl<T: std::io::Read + std::io::Seek + Send + 'static> ImportSource for T {}

/// An input to import and the name its messages give it (the file's, an upload's own).
pub struct ImportInput {
    pub name: String,
    pub reader: Box<dyn ImportSource>,
}

impl ImportInput {
    pub fn new(name: impl Into<String>, reader: impl ImportSource) -> ImportInput {
        ImportInput {
            name: name.into(),
            reader: Box::new(reader),
        }
    }

    /// A file, named by its path.
    pub fn file(path: &Path) -> Result<ImportInput, ImportError> {
        let name = path.display().to_string();
        let file = std::fs::File::open(path)
            .map_err(|e| source::file_error(&name, format!("cannot open: {e}")))?;
        Ok(ImportInput::new(name, file))
    }
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportReport {
    pub kind: String,
    pub file: String,
    /// Data rows read.
    pub rows: u64,
    pub inserted: u64,
    pub updated: u64,
    /// Rows already stored exactly as in the file.
    pub unchanged: u64,
    /// Rows rejected (only with `skip_invalid`).
    pub rejected: u64,
    /// Customers created because orders named them.
    pub customers_created: u64,
    pub rejected_file: Option<String>,
    /// The customers the rows of a complaints, feedback or interactions file name (store
    /// keys): those whose types the import may have changed. Empty for other kinds.
    #[serde(skip)]
    pub customer_keys: Vec<i64>,
}

/// Progress of an import, for a progress bar.
#[derive(Clone, Copy, Debug)]
pub struct Progress {
    /// Bytes of the file read so far.
    pub bytes_read: u64,
    /// Size of the file.
    pub bytes_total: u64,
}

/// Rows read and written per round trip. Small enough to keep memory flat on files of
/// millions of rows, large enough that statement overhead is negligible.
const CHUNK_ROWS: usize = 20_000;

// ----- the import as a whole -------------------------------------------------------------

/// Collects errors: in all-or-nothing mode they end the import; with `skip_invalid` they
/// reject their rows.
struct Errors {
    skip_invalid: bool,
    listed: Vec<RowError>,
    /// With `skip_invalid`: every rejected line with its reasons.
    rejected: HashMap<u64, Vec<RowError>>,
    /// The lines with a problem, one bit each (a file of millions of bad rows stays small).
    bad_lines: Vec<u64>,
    /// How many lines have one or more problems.
    total: u64,
}

impl Errors {
    fn new(skip_invalid: bool) -> Self {
        Errors {
            skip_invalid,
            listed: Vec::new(),
            rejected: HashMap::new(),
            bad_lines: Vec::new(),
            total: 0,
        }
    }

    fn add(&mut self, errors: impl IntoIterator<Item = RowError>) {
        for e in errors {
            let (word, bit) = ((e.line / 64) as usize, e.line % 64);
            if self.bad_lines.len() <= word {
                self.bad_lines.resize(word + 1, 0);
            }
            if self.bad_lines[word] & (1 << bit) == 0 {
                self.bad_lines[word] |= 1 << bit;
                self.total += 1;
            }
            if self.skip_invalid {
                self.rejected.entry(e.line).or_default().push(e.clone());
            }
            if self.listed.len() < LISTED_ERRORS {
                self.listed.push(e);
            }
        }
    }

    /// True when nothing may be written any more (all-or-nothing mode after an error).
    fn fatal(&self) -> bool {
        !self.skip_invalid && self.total > 0
    }

    fn rejected_lines(&self) -> u64 {
        self.rejected.len() as u64
    }
}

/// Remembers where each id was first seen in the file.
#[derive(Default)]
struct SeenIds(HashMap<Box<str>, u64>);

impl SeenIds {
    fn check(&mut self, id: &str, line: u64) -> Result<(), u64> {
        match self.0.get(id) {
            Some(first) => Err(*first),
            None => {
                self.0.insert(id.into(), line);
                Ok(())
            }
        }
    }
}

impl Store {
    /// Imports a CSV file of the given kind, its rejected rows (with `skip_invalid`) beside it
    /// unless the options say where. See the module documentation for the rules.
    pub async fn import_csv(
        &self,
        kind: ImportKind,
        path: &Path,
        options: &ImportOptions,
        progress: &(dyn Fn(Progress) + Sync),
    ) -> StoreResult<ImportReport> {
        let mut options = options.clone();
        options
            .rejected_path
            .get_or_insert_with(|| rejected_path_for(path));
        self.import_from(kind, ImportInput::file(path)?, &options, progress)
            .await
    }

    /// Imports a CSV input of the given kind. See the module documentation for the rules.
    pub async fn import_from(
        &self,
        kind: ImportKind,
        input: ImportInput,
        options: &ImportOptions,
        progress: &(dyn Fn(Progress) + Sync),
    ) -> StoreResult<ImportReport> {
        let (mut source, read) = Source::open(kind, input)?;
        let ctx = self.context().await?;
        let currency = ctx.currency;
        let mut report = ImportReport {
            kind: kind.name().to_owned(),
            file: source.file.clone(),
            ..Default::default()
        };
        let mut errors = Errors::new(options.skip_invalid);
        let mut tx = self.begin_write().await?;
        let bytes_total = source.bytes_total;
        match kind {
            ImportKind::Customers => {
                import_customers(&mut tx, &mut source, &ctx, &mut errors, &mut report).await?
            }
            ImportKind::Employees => {
                import_employees(&mut tx, &mut source, &ctx, &mut errors, &mut report).await?
            }
            _ => {
                let columns = source.columns.clone();
                // Rows per byte of the first chunk tell how large the import is.
                let bytes_total = source.bytes_total;
                let (sender, mut receiver) = tokio::sync::mpsc::channel::<Chunk>(2);
                let reading = tokio::task::spawn_blocking(move || {
                    read_chunks(kind, &mut source, ctx, sender);
                    source
                });
                let mut state = ChildState::default();
                let mut estimated_rows = None;
                while let Some(chunk) = receiver.recv().await {
                    report.rows += chunk.read;
                    errors.add(chunk.errors);
                    let bytes_read = read.load(std::sync::atomic::Ordering::Relaxed).max(1);
                    let estimate = *estimated_rows.get_or_insert_with(|| {
                        (report.rows as f64 * bytes_total as f64 / bytes_read as f64) as u64
                    });
                    progress(Progress {
                        bytes_read,
                        bytes_total,
                    });
                    write_child_chunk(
                        &mut tx,
                        &columns,
                        estimate,
                        &mut errors,
                        &mut state,
                        chunk.rows,
                        &mut report,
                    )
                    .await?;
                }
                source = reading
                    .await
                    .map_err(StoreError::task("reading the file"))?;
                if !errors.fatal() {
                    finish_children(&mut tx, kind, &state, &mut report).await?;
                    let accumulated = match kind {
                        ImportKind::Orders => Some(Accumulated::Orders),
                        ImportKind::Costs => Some(Accumulated::Costs),
                        _ => None,
                    };
                    if let Some(what) = accumulated {
                        // The whole file is refused: one customer past the bound.
                        within_customer_total(&mut tx, what, Whose::Anyone, currency)
                            .await
                            .map_err(|e| match e {
                                StoreError::Invalid(errors) => {
                                    StoreError::Import(ImportError::File {
                                        file: report.file.clone(),
                                        message: errors
                                            .iter()
                                            .next()
                                            .map(|e| e.says.clone())
                                            .unwrap_or_else(|| "too large".into()),
                                    })
                                }
                                other => other,
                            })?;
                    }
                }
                // The kinds re-evaluated customer by customer name their customers.
                if !kind.record_kind().needs_full_pass() {
                    report.customer_keys = state.customer_keys();
                }
            }
        }
        if !errors.fatal() && matches!(kind, ImportKind::Orders | ImportKind::Customers) {
            crate::customers::acquired_by_first_order(&mut tx, None).await?;
        }
        progress(Progress {
            bytes_read: read.load(std::sync::atomic::Ordering::Relaxed),
            bytes_total,
        });
        if errors.fatal() {
            tx.rollback().await?;
            return Err(ImportError::Rows {
                file: report.file.clone(),
                errors: errors.listed,
                total: errors.total,
            }
            .into());
        }
        report.rejected = errors.rejected_lines();
        report.unchanged = report
            .rows
            .saturating_sub(report.inserted + report.updated + report.rejected);
        if let Some(entry) = &options.audit {
            let mut entry = entry.clone();
            if let Some(details) = entry.details.as_object_mut() {
                for (figure, value) in [
                    ("rows", report.rows),
                    ("inserted", report.inserted),
                    ("updated", report.updated),
                    ("unchanged", report.unchanged),
                    ("rejected", report.rejected),
                    ("customers_created", report.customers_created),
                ] {
                    details.insert(figure.into(), value.into());
                }
            }
            crate::audit::append(&mut *tx, &entry).await?;
        }
        if report.inserted + report.updated + report.customers_created > 0 {
            // The types are re-evaluated after the commit (the pass reads the committed
            // base); until that is done the base owes it, whatever stops the process.
            crate::types::owe_reevaluation(&mut tx, kind).await?;
        }
        tx.commit().await?;
        if let (true, Some(target)) = (report.rejected > 0, &options.rejected_path) {
            let input = source.reader.into_inner().into_input();
            write_rejected(input, &report.file, target, &errors.rejected)?;
            report.rejected_file = Some(target.display().to_string());
        }
        Ok(report)
    }
}
