//! Reading a CSV file: its encoding, its header checked against the kind, each record as
//! a draft or the error that places it at its line and column.

use std::collections::HashSet;
use std::io::{BufReader, Read, Seek, SeekFrom};

use clientele_core::FieldErrors;
use serde::de::DeserializeOwned;

use super::{ImportError, ImportInput, ImportKind, ImportSource, RowError};

/// A CSV file open for reading, its header checked.
pub(super) struct Source {
    pub(super) file: String,
    pub(super) reader: csv::Reader<CountingReader>,
    pub(super) columns: Columns,
    pub(super) bytes_total: u64,
    pub(super) record: csv::StringRecord,
}

/// The header of a file, to place errors at their columns.
#[derive(Clone, Debug)]
pub(super) struct Columns(pub(super) csv::StringRecord);

impl Columns {
    /// The column number and name of a header column, for messages.
    pub(super) fn column(&self, name: &str) -> Option<(usize, String)> {
        self.0
            .iter()
            .position(|h| h == name)
            .map(|i| (i + 1, name.to_owned()))
    }

    pub(super) fn has(&self, name: &str) -> bool {
        self.0.iter().any(|h| h == name)
    }

    /// Field errors of one row, each placed at its column.
    pub(super) fn field_errors(&self, line: u64, errors: &FieldErrors) -> Vec<RowError> {
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
pub(super) struct CountingReader {
    inner: BufReader<Box<dyn ImportSource>>,
    read: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl CountingReader {
    /// The input, to read again from its start (to copy rejected rows out).
    pub(super) fn into_input(self) -> Box<dyn ImportSource> {
        self.inner.into_inner()
    }
}

impl Read for CountingReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read
            .fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
        Ok(n)
    }
}

pub(super) fn file_error(file: &str, message: impl Into<clientele_core::Message>) -> ImportError {
    ImportError::File {
        file: file.to_owned(),
        message: message.into(),
    }
}

impl Source {
    pub(super) fn open(
        kind: ImportKind,
        input: ImportInput,
    ) -> Result<(Source, std::sync::Arc<std::sync::atomic::AtomicU64>), ImportError> {
        let file_name = input.name;
        let expected = kind
            .columns()
            .iter()
            .map(|c| c.name)
            .collect::<Vec<_>>()
            .join(",");
        let (counting, bytes_total, read) = open_counting(input.reader, &file_name, &expected)?;
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
    pub(super) fn next<D: DeserializeOwned>(&mut self) -> Option<Result<(u64, D), RowError>> {
        match self.reader.read_record(&mut self.record) {
            Ok(false) => None,
            Ok(true) => {
                let line = self.record.position().map_or(0, |p| p.line());
                // An export's neutralised cells read back as they were stored.
                if self
                    .record
                    .iter()
                    .any(|cell| crate::csv_writer::restored(cell).len() != cell.len())
                {
                    self.record = self
                        .record
                        .iter()
                        .map(crate::csv_writer::restored)
                        .collect();
                }
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

/// Reads an input from its start past its UTF-8 byte-order mark (spreadsheet programs write
/// one; it is not part of the first column's name), refusing empty and UTF-16 files with a
/// clear word.
pub(super) fn open_counting(
    mut file: Box<dyn ImportSource>,
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
    let cannot_read = |e: std::io::Error| file_error(file_name, format!("cannot read: {e}"));
    let bytes_total = file.seek(SeekFrom::End(0)).map_err(cannot_read)?;
    file.seek(SeekFrom::Start(0)).map_err(cannot_read)?;
    let mut head = [0u8; 3];
    let mut got = 0;
    while got < 3 {
        match file.read(&mut head[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) => return Err(cannot_read(e)),
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
    file.seek(SeekFrom::Start(start)).map_err(cannot_read)?;
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
