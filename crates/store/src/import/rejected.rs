//! The rows an import rejected, written beside the input with their reasons.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::fs::File;
use std::path::{Path, PathBuf};

use super::source::{file_error, open_counting};
use super::{ImportSource, RowError};
use crate::error::StoreResult;

/// `orders.csv` → `orders.rejected.csv`, beside it.
pub fn rejected_path_for(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "import".into());
    path.with_file_name(format!("{stem}.rejected.csv"))
}

/// Writes the rejected rows, as they were in the input, after their line and reasons.
pub(super) fn write_rejected(
    input: Box<dyn ImportSource>,
    input_name: &str,
    target: &Path,
    rejected: &HashMap<u64, Vec<RowError>>,
) -> StoreResult<()> {
    let (counting, _, _) = open_counting(input, input_name, "")?;
    let file = target.display().to_string();
    let write_err =
        |e: &dyn fmt::Display| file_error(&file, format!("cannot write the rejected rows: {e}"));
    let out = File::create(target).map_err(|e| write_err(&e))?;
    // The user opens this file in a spreadsheet to fix the rows: its cells are neutralised too.
    let mut writer = crate::csv_writer::CsvWriter::new(out);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(counting);
    let mut header: Vec<Vec<u8>> = vec![b"line".to_vec(), b"column".to_vec(), b"reason".to_vec()];
    if let Ok(h) = reader.byte_headers() {
        header.extend(h.iter().map(<[u8]>::to_vec));
    }
    writer.write_row(&header).map_err(|e| write_err(&e))?;
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
                .write_row(rejected_row(line, reasons, record.iter()))
                .map_err(|e| write_err(&e))?;
            written.insert(line);
        }
    }
    // A row the reader could not split again is still listed, with its reasons.
    for line in lines.into_iter().filter(|l| !written.contains(*l)) {
        writer
            .write_row(rejected_row(*line, &rejected[line], std::iter::empty()))
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
