//! CSV import: customers, orders, interactions, complaints, feedback, costs and employees.
//!
//! An import is all or nothing by default: every row is read and checked (shape, values,
//! references, repeated ids), and one bad row means nothing is written, with an error that
//! names the file, line, column and reason. With `skip_invalid` the good rows go in and the
//! rejected ones are written, with their reasons, to `FILE.rejected.csv` beside the input.
//!
//! Importing the same file twice changes nothing: rows with a business id (customers,
//! orders, complaints, employees by e-mail) are upserted and only really changed rows are
//! touched; rows without one (costs, interactions, feedback) are recognised by a hash of
//! their content. A column absent from the file leaves that field of existing records as it
//! is; an empty cell clears it.
//!
//! Orders, the commonest first import (a shop's order export), create the customers they
//! name when those are unknown.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use clientele_core::FieldErrors;
use serde::de::DeserializeOwned;

use crate::Store;
use crate::error::{StoreError, StoreResult};

pub(crate) mod children;
mod customers;

use children::{ChildState, Chunk, finish_children, read_chunks, write_child_chunk};
use customers::{import_customers, import_employees};

/// What a CSV file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ImportKind {
    Customers,
    Orders,
    Interactions,
    Complaints,
    Feedback,
    Costs,
    Employees,
}

/// A column an import understands, and whether every row must fill it.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub name: &'static str,
    pub required: bool,
}

const fn req(name: &'static str) -> Column {
    Column {
        name,
        required: true,
    }
}
const fn opt(name: &'static str) -> Column {
    Column {
        name,
        required: false,
    }
}

const CUSTOMER_COLUMNS: &[Column] = &[
    req("customer_id"),
    opt("name"),
    opt("party"),
    opt("kind"),
    opt("email"),
    opt("phone"),
    opt("organisation_id"),
    opt("role"),
    opt("birth_year"),
    opt("gender"),
    opt("income_band"),
    opt("city"),
    opt("region"),
    opt("country"),
    opt("acquisition_channel"),
    opt("acquisition_cost"),
    opt("competitor"),
    opt("competitor_reason"),
    opt("owner_email"),
    opt("tags"),
    opt("created_at"),
];
const ORDER_COLUMNS: &[Column] = &[
    req("order_id"),
    req("customer_id"),
    req("ordered_at"),
    req("amount"),
    opt("cost"),
    opt("currency"),
];
const INTERACTION_COLUMNS: &[Column] = &[
    req("customer_id"),
    req("occurred_at"),
    opt("channel"),
    opt("direction"),
    opt("employee_email"),
    opt("summary"),
];
const COMPLAINT_COLUMNS: &[Column] = &[
    req("complaint_id"),
    req("customer_id"),
    req("opened_at"),
    opt("resolved_at"),
    opt("severity"),
    opt("subject"),
];
const FEEDBACK_COLUMNS: &[Column] = &[
    req("customer_id"),
    req("given_at"),
    opt("nps"),
    opt("csat"),
    opt("comment"),
];
const COST_COLUMNS: &[Column] = &[
    req("customer_id"),
    req("incurred_at"),
    opt("category"),
    req("amount"),
];
const EMPLOYEE_COLUMNS: &[Column] = &[
    req("email"),
    req("name"),
    opt("role"),
    opt("team"),
    opt("left_at"),
];

impl ImportKind {
    pub const ALL: &'static [ImportKind] = &[
        ImportKind::Customers,
        ImportKind::Orders,
        ImportKind::Interactions,
        ImportKind::Complaints,
        ImportKind::Feedback,
        ImportKind::Costs,
        ImportKind::Employees,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ImportKind::Customers => "customers",
            ImportKind::Orders => "orders",
            ImportKind::Interactions => "interactions",
            ImportKind::Complaints => "complaints",
            ImportKind::Feedback => "feedback",
            ImportKind::Costs => "costs",
            ImportKind::Employees => "employees",
        }
    }

    /// The columns of this kind's CSV, in the documented order.
    pub fn columns(self) -> &'static [Column] {
        match self {
            ImportKind::Customers => CUSTOMER_COLUMNS,
            ImportKind::Orders => ORDER_COLUMNS,
            ImportKind::Interactions => INTERACTION_COLUMNS,
            ImportKind::Complaints => COMPLAINT_COLUMNS,
            ImportKind::Feedback => FEEDBACK_COLUMNS,
            ImportKind::Costs => COST_COLUMNS,
            ImportKind::Employees => EMPLOYEE_COLUMNS,
        }
    }

    pub fn parse(text: &str) -> Result<ImportKind, String> {
        ImportKind::ALL
            .iter()
            .copied()
            .find(|k| k.name() == text.trim())
            .ok_or_else(|| {
                let names: Vec<&str> = ImportKind::ALL.iter().map(|k| k.name()).collect();
                format!("`{text}` is not one of: {}", names.join(", "))
            })
    }
}

impl fmt::Display for ImportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

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
    /// Rows are wrong: the first [`LISTED_ERRORS`] are listed, `total` counts them all.
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
    if total > errors.len() as u64 {
        text.push_str(&format!("\n  … and {} more", total - errors.len() as u64));
    }
    text
}

/// How to import.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// Import the good rows and write the rejected ones to `rejected_path`.
    pub skip_invalid: bool,
    /// Where rejected rows go (default: `FILE.rejected.csv` beside the input).
    pub rejected_path: Option<PathBuf>,
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

// ----- reading ---------------------------------------------------------------------------

/// A CSV file open for reading, its header checked.
struct Source {
    file: String,
    reader: csv::Reader<CountingReader>,
    columns: Columns,
    bytes_total: u64,
    record: csv::StringRecord,
}

/// The header of a file, to place errors at their columns.
#[derive(Clone, Debug)]
struct Columns(csv::StringRecord);

impl Columns {
    /// The column number and name of a header column, for messages.
    fn column(&self, name: &str) -> Option<(usize, String)> {
        self.0
            .iter()
            .position(|h| h == name)
            .map(|i| (i + 1, name.to_owned()))
    }

    fn has(&self, name: &str) -> bool {
        self.0.iter().any(|h| h == name)
    }

    /// Field errors of one row, each placed at its column.
    fn field_errors(&self, line: u64, errors: &FieldErrors) -> Vec<RowError> {
        errors
            .iter()
            .map(|e| RowError {
                line,
                column: self.column(&e.field),
                message: e.says.clone(),
            })
            .collect()
    }
}

/// Counts bytes as they are read, for progress.
struct CountingReader {
    inner: BufReader<File>,
    read: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl Read for CountingReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read
            .fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
        Ok(n)
    }
}

fn file_error(file: &str, message: impl Into<clientele_core::Message>) -> ImportError {
    ImportError::File {
        file: file.to_owned(),
        message: message.into(),
    }
}

impl Source {
    fn open(
        kind: ImportKind,
        path: &Path,
    ) -> Result<(Source, std::sync::Arc<std::sync::atomic::AtomicU64>), ImportError> {
        let file_name = path.display().to_string();
        let expected = kind
            .columns()
            .iter()
            .map(|c| c.name)
            .collect::<Vec<_>>()
            .join(",");
        let (counting, bytes_total, read) = open_counting(path, &file_name, &expected)?;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(counting);
        let headers = match reader.headers() {
            Ok(h) => h.clone(),
            Err(e) => {
                return Err(match e.kind() {
                    csv::ErrorKind::Utf8 { err, .. } => ImportError::Header {
                        file: file_name,
                        errors: vec![RowError {
                            line: 1,
                            column: Some((err.field() + 1, format!("field {}", err.field() + 1))),
                            message: clientele_core::Message::new("not-utf8"),
                        }],
                    },
                    _ => file_error(&file_name, format!("cannot read the header: {e}")),
                });
            }
        };
        check_header(kind, &file_name, &headers)?;
        let source = Source {
            file: file_name,
            reader,
            columns: Columns(headers),
            bytes_total,
            record: csv::StringRecord::new(),
        };
        Ok((source, read))
    }

    /// Reads the next record as a draft, or the error that makes it unreadable. `None` at
    /// the end of the file; `Err(None)` for an I/O failure already reported.
    fn next<D: DeserializeOwned>(&mut self) -> Option<Result<(u64, D), RowError>> {
        match self.reader.read_record(&mut self.record) {
            Ok(false) => None,
            Ok(true) => {
                let line = self.record.position().map_or(0, |p| p.line());
                Some(
                    self.record
                        .deserialize::<D>(Some(&self.columns.0))
                        .map(|d| (line, d))
                        .map_err(|e| self.csv_error(&e, line)),
                )
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                Some(Err(self.csv_error(&e, line)))
            }
        }
    }

    fn csv_error(&self, e: &csv::Error, line: u64) -> RowError {
        let header_column =
            |i: usize| Some((i + 1, self.columns.0.get(i).unwrap_or("?").to_owned()));
        match e.kind() {
            csv::ErrorKind::Utf8 { err, .. } => RowError {
                line,
                column: header_column(err.field()),
                message: clientele_core::Message::new("not-utf8"),
            },
            csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            } => RowError {
                line,
                column: None,
                message: clientele_core::Message::new(if len < expected_len {
                    "line-cut-short"
                } else {
                    "too-many-fields"
                })
                .int("fields", *len as i64)
                .int("expected", *expected_len as i64),
            },
            csv::ErrorKind::Deserialize { err, .. } => RowError {
                line,
                column: err.field().and_then(|f| header_column(f as usize)),
                message: err.kind().to_string().into(),
            },
            _ => RowError {
                line,
                column: None,
                message: e.to_string().into(),
            },
        }
    }
}

/// Opens a CSV file past its UTF-8 byte-order mark (spreadsheet programs write one; it is not
/// part of the first column's name), refusing empty and UTF-16 files with a clear word.
fn open_counting(
    path: &Path,
    file_name: &str,
    expected_header: &str,
) -> Result<
    (
        CountingReader,
        u64,
        std::sync::Arc<std::sync::atomic::AtomicU64>,
    ),
    ImportError,
> {
    use std::io::{Seek, SeekFrom};
    let mut file =
        File::open(path).map_err(|e| file_error(file_name, format!("cannot open: {e}")))?;
    let bytes_total = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut head = [0u8; 3];
    let mut got = 0;
    while got < 3 {
        match file.read(&mut head[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) => return Err(file_error(file_name, format!("cannot read: {e}"))),
        }
    }
    if got == 0 {
        return Err(file_error(
            file_name,
            clientele_core::Message::new("empty-file").text("header", expected_header),
        ));
    }
    if got >= 2 && (head[..2] == [0xFF, 0xFE] || head[..2] == [0xFE, 0xFF]) {
        return Err(file_error(
            file_name,
            clientele_core::Message::new("utf16-file"),
        ));
    }
    let start = if got == 3 && head == [0xEF, 0xBB, 0xBF] {
        3
    } else {
        0
    };
    file.seek(SeekFrom::Start(start))
        .map_err(|e| file_error(file_name, format!("cannot read: {e}")))?;
    let read = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(start));
    let counting = CountingReader {
        inner: BufReader::with_capacity(1 << 16, file),
        read: read.clone(),
    };
    Ok((counting, bytes_total, read))
}

fn check_header(
    kind: ImportKind,
    file: &str,
    headers: &csv::StringRecord,
) -> Result<(), ImportError> {
    let allowed = kind.columns();
    let names = || {
        allowed
            .iter()
            .map(|c| c.name)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    for (i, name) in headers.iter().enumerate() {
        let column = Some((i + 1, name.to_owned()));
        if name.trim() != name || name.is_empty() {
            errors.push(RowError {
                line: 1,
                column,
                message: clientele_core::Message::new("not-a-column")
                    .text("name", name)
                    .text("columns", names()),
            });
        } else if !allowed.iter().any(|c| c.name == name) {
            errors.push(RowError {
                line: 1,
                column,
                message: clientele_core::Message::new("unknown-column")
                    .text("name", name)
                    .text("kind", kind.name())
                    .text("columns", names()),
            });
        } else if !seen.insert(name) {
            errors.push(RowError {
                line: 1,
                column,
                message: clientele_core::Message::new("column-twice").text("name", name),
            });
        }
    }
    for column in allowed.iter().filter(|c| c.required) {
        if !headers.iter().any(|h| h == column.name) {
            errors.push(RowError {
                line: 1,
                column: None,
                message: clientele_core::Message::new("missing-column")
                    .text("name", column.name)
                    .text("kind", kind.name()),
            });
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ImportError::Header {
            file: file.to_owned(),
            errors,
        })
    }
}

// ----- the import as a whole -------------------------------------------------------------

/// Collects errors: in all-or-nothing mode they end the import; with `skip_invalid` they
/// reject their rows.
struct Errors {
    skip_invalid: bool,
    listed: Vec<RowError>,
    /// With `skip_invalid`: every rejected line with its reasons.
    rejected: HashMap<u64, Vec<RowError>>,
    total: u64,
}

impl Errors {
    fn new(skip_invalid: bool) -> Self {
        Errors {
            skip_invalid,
            listed: Vec::new(),
            rejected: HashMap::new(),
            total: 0,
        }
    }

    fn add(&mut self, errors: impl IntoIterator<Item = RowError>) {
        for e in errors {
            self.total += 1;
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
    /// Imports a CSV file of the given kind. See the module documentation for the rules.
    pub async fn import_csv(
        &self,
        kind: ImportKind,
        path: &Path,
        options: &ImportOptions,
        progress: &(dyn Fn(Progress) + Sync),
    ) -> StoreResult<ImportReport> {
        let (mut source, read) = Source::open(kind, path)?;
        let ctx = self.context().await?;
        let mut report = ImportReport {
            kind: kind.name().to_owned(),
            file: source.file.clone(),
            ..Default::default()
        };
        let mut errors = Errors::new(options.skip_invalid);
        let mut tx = self.pool().begin().await?;
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
                let reading =
                    tokio::task::spawn_blocking(move || read_chunks(kind, source, ctx, sender));
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
                reading.await.map_err(|e| {
                    StoreError::Config(format!("reading {} failed: {e}", report.file))
                })?;
                if !errors.fatal() {
                    finish_children(&mut tx, kind, &state, &mut report).await?;
                }
                if matches!(
                    kind,
                    ImportKind::Complaints | ImportKind::Feedback | ImportKind::Interactions
                ) {
                    report.customer_keys = state.customer_keys();
                }
            }
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
        tx.commit().await?;
        report.rejected = errors.rejected_lines();
        report.unchanged = report
            .rows
            .saturating_sub(report.inserted + report.updated + report.rejected);
        if report.rejected > 0 {
            let target = options
                .rejected_path
                .clone()
                .unwrap_or_else(|| rejected_path_for(path));
            write_rejected(path, &target, &errors.rejected)?;
            report.rejected_file = Some(target.display().to_string());
        }
        Ok(report)
    }
}

/// `orders.csv` → `orders.rejected.csv`, beside it.
pub fn rejected_path_for(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "import".into());
    path.with_file_name(format!("{stem}.rejected.csv"))
}

/// Writes the rejected rows, as they were in the input, after their line and reasons.
fn write_rejected(
    input: &Path,
    target: &Path,
    rejected: &HashMap<u64, Vec<RowError>>,
) -> StoreResult<()> {
    let input_name = input.display().to_string();
    let (counting, _, _) = open_counting(input, &input_name, "")?;
    let file = target.display().to_string();
    let write_err =
        |e: &dyn fmt::Display| file_error(&file, format!("cannot write the rejected rows: {e}"));
    let out = File::create(target).map_err(|e| write_err(&e))?;
    let mut writer = csv::Writer::from_writer(out);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(counting);
    let mut header: Vec<Vec<u8>> = vec![b"line".to_vec(), b"column".to_vec(), b"reason".to_vec()];
    if let Ok(h) = reader.byte_headers() {
        header.extend(h.iter().map(<[u8]>::to_vec));
    }
    writer.write_record(&header).map_err(|e| write_err(&e))?;
    let mut lines: Vec<&u64> = rejected.keys().collect();
    lines.sort();
    let mut record = csv::ByteRecord::new();
    let mut written = HashSet::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(_) => continue,
        }
        let line = record.position().map_or(0, |p| p.line());
        if let Some(reasons) = rejected.get(&line) {
            writer
                .write_record(rejected_row(line, reasons, record.iter()))
                .map_err(|e| write_err(&e))?;
            written.insert(line);
        }
    }
    // A row the reader could not split again is still listed, with its reasons.
    for line in lines.into_iter().filter(|l| !written.contains(*l)) {
        writer
            .write_record(rejected_row(*line, &rejected[line], std::iter::empty()))
            .map_err(|e| write_err(&e))?;
    }
    writer.flush().map_err(|e| write_err(&e))?;
    Ok(())
}

fn rejected_row<'a>(
    line: u64,
    reasons: &[RowError],
    fields: impl Iterator<Item = &'a [u8]>,
) -> Vec<Vec<u8>> {
    let column = reasons
        .iter()
        .find_map(|r| r.column.as_ref().map(|(_, n)| n.clone()))
        .unwrap_or_default();
    let reason = reasons
        .iter()
        .map(|r| r.message.to_string())
        .collect::<Vec<_>>()
        .join("; ");
    let mut row = vec![
        line.to_string().into_bytes(),
        column.into_bytes(),
        reason.into_bytes(),
    ];
    row.extend(fields.map(<[u8]>::to_vec));
    row
}
