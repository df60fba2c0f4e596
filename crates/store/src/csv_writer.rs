//! The one CSV writer every CSV Clientele writes goes through (exports, `/customers.csv`,
//! the CLI's `--format csv`, rejected rows): a cell a spreadsheet would run as a formula is
//! neutralised as OWASP advises, by a leading `'`.
//!
//! A cell is neutralised when it starts with `=`, `+`, `-`, `@`, TAB or CR — unless the whole
//! cell is a plain number (`-12.50`, `+3`): a spreadsheet reads that as the number it is,
//! and a refund or a negative log-odds must stay a number. A cell that already starts with
//! `'` before such a start gets one more, so the import (which drops exactly the `'` this
//! writer adds, see [`restored`]) reads back every exported value unchanged.

use std::borrow::Cow;
use std::io::Write;

/// Writes CSV rows with every cell neutralised.
pub struct CsvWriter<W: Write> {
    inner: csv::Writer<W>,
}

impl<W: Write> CsvWriter<W> {
    /// Comma-separated.
    pub fn new(out: W) -> CsvWriter<W> {
        CsvWriter::with_delimiter(out, b',')
    }

    /// Separated by `delimiter` (a TAB for a table a terminal shows).
    pub fn with_delimiter(out: W, delimiter: u8) -> CsvWriter<W> {
        CsvWriter {
            inner: csv::WriterBuilder::new()
                .delimiter(delimiter)
                .from_writer(out),
        }
    }

    /// Writes one row (the header is a row too).
    pub fn write_row<I, T>(&mut self, cells: I) -> csv::Result<()>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<[u8]>,
    {
        for cell in cells {
            self.inner.write_field(neutralised(cell.as_ref()))?;
        }
        self.inner.write_record(None::<&[u8]>)
    }

    pub fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }

    /// The output, flushed.
    pub fn into_inner(self) -> std::io::Result<W> {
        self.inner
            .into_inner()
            .map_err(|e| std::io::Error::other(e.to_string()))
    }
}

/// Whether a spreadsheet would take the cell for a formula (or a formula behind a `'` this
/// writer would have added).
fn needs_prefix(cell: &[u8]) -> bool {
    match cell.first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => !is_plain_number(cell),
        Some(b'\'') => needs_prefix(&cell[1..]),
        _ => false,
    }
}

/// An optional sign, digits, and optionally a point and more digits: what a spreadsheet
/// reads as a number and never runs.
fn is_plain_number(cell: &[u8]) -> bool {
    let unsigned = cell
        .strip_prefix(b"-")
        .or(cell.strip_prefix(b"+"))
        .unwrap_or(cell);
    let (whole, fraction) = match unsigned.iter().position(|&b| b == b'.') {
        Some(point) => (&unsigned[..point], Some(&unsigned[point + 1..])),
        None => (unsigned, None),
    };
    !whole.is_empty()
        && whole.iter().all(u8::is_ascii_digit)
        && fraction.is_none_or(|f| !f.is_empty() && f.iter().all(u8::is_ascii_digit))
}

/// The cell as written: with a leading `'` when a spreadsheet would run it.
pub fn neutralised(cell: &[u8]) -> Cow<'_, [u8]> {
    if needs_prefix(cell) {
        let mut prefixed = Vec::with_capacity(cell.len() + 1);
        prefixed.push(b'\'');
        prefixed.extend_from_slice(cell);
        Cow::Owned(prefixed)
    } else {
        Cow::Borrowed(cell)
    }
}

/// A cell as read back by the import: without the `'` [`neutralised`] added, so an export
/// imports unchanged. Any other leading `'` is data and stays.
pub fn restored(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_prefix(rest.as_bytes()) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(cell: &str) -> String {
        String::from_utf8(neutralised(cell.as_bytes()).into_owned()).unwrap()
    }

    #[test]
    fn formula_starts_get_an_apostrophe() {
        for cell in [
            "=1+1",
            "+cmd",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "=HYPERLINK(\"x\")",
            "-",
            "+",
        ] {
            assert_eq!(written(cell), format!("'{cell}"), "{cell:?}");
        }
    }

    #[test]
    fn plain_numbers_and_other_text_stay() {
        for cell in [
            "-12.50", "+3", "-0", "42", "12.5", "Ada", "", "a=b", "'quoted", "'-12.50",
        ] {
            assert_eq!(written(cell), cell, "{cell:?}");
        }
        for cell in ["-12.", "-.5", "-1e5", "--1", "-1.2.3"] {
            assert_eq!(written(cell), format!("'{cell}"), "{cell:?}");
        }
    }

    #[test]
    fn the_import_reads_back_what_was_written() {
        for cell in [
            "=1+1", "'=1+1", "''=x", "'quoted", "-12.50", "'-12.50", "Ada", "@x", "",
        ] {
            assert_eq!(restored(&written(cell)), cell, "{cell:?}");
        }
    }
}
