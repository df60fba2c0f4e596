//! Export: every record of one kind, as CSV in exactly the columns the import reads (so an
//! export can be imported elsewhere unchanged; cells a spreadsheet would run are neutralised
//! by [`crate::csv_writer`], whose `'` the import drops again) or as a JSON array of the API's records.
//! Rows stream page by page, so a base of millions is never held in memory.

use std::fmt;
use std::io::Write;

use clientele_core::time::format_instant;
use serde::Serialize;

use crate::csv_writer::CsvWriter;
use crate::error::{StoreError, StoreResult};
use crate::import::ImportKind;
use crate::list::{ListRequest, Page, every_page};
use crate::{AccessScope, Store};

/// What can be exported: everything that can be imported, and the type transitions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    Records(ImportKind),
    Transitions,
}

impl ExportKind {
    pub fn parse(text: &str) -> Result<ExportKind, crate::UnknownName> {
        if text.trim() == "transitions" {
            return Ok(ExportKind::Transitions);
        }
        ImportKind::parse(text)
            .map(ExportKind::Records)
            .map_err(|_| {
                let mut allowed: Vec<&'static str> =
                    ImportKind::ALL.iter().map(|k| k.name()).collect();
                allowed.push("transitions");
                crate::UnknownName {
                    given: text.to_owned(),
                    allowed,
                }
            })
    }

    fn columns(self) -> Vec<&'static str> {
        match self {
            ExportKind::Records(kind) => kind.columns().iter().map(|c| c.name).collect(),
            ExportKind::Transitions => vec!["customer_id", "at", "axis", "from", "to"],
        }
    }
}

impl fmt::Display for ExportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportKind::Records(kind) => kind.fmt(f),
            ExportKind::Transitions => f.write_str("transitions"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Json,
}

/// Writes rows in one format.
enum Sink<'w> {
    Csv(Box<CsvWriter<&'w mut (dyn Write + Send)>>),
    Json {
        out: &'w mut (dyn Write + Send),
        first: bool,
    },
}

fn io_error(e: impl std::error::Error + Send + Sync + 'static) -> StoreError {
    StoreError::Write(Box::new(e))
}

impl Sink<'_> {
    fn row<T: Serialize>(
        &mut self,
        record: &T,
        cells: impl FnOnce(&T) -> Vec<String>,
    ) -> StoreResult<()> {
        match self {
            Sink::Csv(writer) => writer.write_row(cells(record)).map_err(io_error),
            Sink::Json { out, first } => {
                out.write_all(if *first { b"[\n" } else { b",\n" })
                    .map_err(io_error)?;
                *first = false;
                serde_json::to_writer(&mut **out, record).map_err(io_error)
            }
        }
    }

    fn finish(self) -> StoreResult<()> {
        match self {
            Sink::Csv(mut writer) => writer.flush().map_err(io_error),
            Sink::Json { out, first } => out
                .write_all(if first { b"[]\n" } else { b"\n]\n" })
                .map_err(io_error),
        }
    }
}

fn opt(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

fn opt_display<T: fmt::Display>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

impl Store {
    /// Writes every record of `kind` the scope can see, returning how many.
    pub async fn export(
        &self,
        scope: &AccessScope,
        kind: ExportKind,
        format: ExportFormat,
        out: &mut (dyn Write + Send),
    ) -> StoreResult<u64> {
        let mut sink = match format {
            ExportFormat::Csv => {
                let mut writer = CsvWriter::new(out);
                writer.write_row(kind.columns()).map_err(io_error)?;
                Sink::Csv(Box::new(writer))
            }
            ExportFormat::Json => Sink::Json { out, first: true },
        };
        let rows = match kind {
            ExportKind::Records(ImportKind::Customers) => {
                let list =
                    |r| async move { self.list_customers(scope, &Default::default(), &r).await };
                write_all(&mut sink, list, |c| {
                    vec![
                        c.customer_id.clone(),
                        opt(&c.name),
                        c.party.to_string(),
                        c.kind.to_string(),
                        opt(&c.email),
                        opt(&c.phone),
                        opt(&c.organisation_id),
                        opt(&c.role),
                        opt_display(c.birth_year),
                        opt(&c.gender),
                        opt(&c.income_band),
                        opt(&c.city),
                        opt(&c.region),
                        opt(&c.country),
                        opt(&c.acquisition_channel),
                        opt_display(c.acquisition_cost),
                        opt(&c.competitor),
                        opt(&c.competitor_reason),
                        opt(&c.owner_email),
                        c.tags.join(";"),
                        format_instant(c.created_at),
                    ]
                })
                .await?
            }
            ExportKind::Records(ImportKind::Orders) => {
                let list =
                    |r| async move { self.list_orders(scope, &Default::default(), &r).await };
                write_all(&mut sink, list, |o| {
                    vec![
                        o.order_id.clone(),
                        o.customer_id.clone(),
                        format_instant(o.ordered_at),
                        o.amount.to_string(),
                        opt_display(o.cost),
                        o.currency.to_string(),
                    ]
                })
                .await?
            }
            ExportKind::Records(ImportKind::Interactions) => {
                let list =
                    |r| async move { self.list_interactions(scope, &Default::default(), &r).await };
                write_all(&mut sink, list, |r| {
                    let i = &r.interaction;
                    vec![
                        i.customer_id.clone(),
                        format_instant(i.occurred_at),
                        opt_display(i.channel),
                        opt_display(i.direction),
                        opt(&i.employee_email),
                        opt(&i.summary),
                        opt(&i.outcome),
                    ]
                })
                .await?
            }
            ExportKind::Records(ImportKind::Complaints) => {
                let list =
                    |r| async move { self.list_complaints(scope, &Default::default(), &r).await };
                write_all(&mut sink, list, |c| {
                    vec![
                        c.complaint_id.clone(),
                        c.customer_id.clone(),
                        format_instant(c.opened_at),
                        opt_display(c.resolved_at.map(format_instant)),
                        c.severity.to_string(),
                        opt(&c.subject),
                    ]
                })
                .await?
            }
            ExportKind::Records(ImportKind::Feedback) => {
                let list =
                    |r| async move { self.list_feedback(scope, &Default::default(), &r).await };
                write_all(&mut sink, list, |r| {
                    let f = &r.feedback;
                    vec![
                        f.customer_id.clone(),
                        format_instant(f.given_at),
                        opt_display(f.nps),
                        opt_display(f.csat),
                        opt(&f.comment),
                    ]
                })
                .await?
            }
            ExportKind::Records(ImportKind::Costs) => {
                let list = |r| async move { self.list_costs(scope, &Default::default(), &r).await };
                write_all(&mut sink, list, |r| {
                    let c = &r.entry;
                    vec![
                        c.customer_id.clone(),
                        format_instant(c.incurred_at),
                        c.category.clone(),
                        c.amount.to_string(),
                    ]
                })
                .await?
            }
            ExportKind::Records(ImportKind::Employees) => {
                let list = |r| async move { self.list_employees(&Default::default(), &r).await };
                write_all(&mut sink, list, |r| {
                    let e = &r.employee;
                    vec![
                        e.email.clone(),
                        e.name.clone(),
                        e.role.to_string(),
                        opt(&e.team),
                        opt_display(e.left_at.map(format_instant)),
                    ]
                })
                .await?
            }
            ExportKind::Transitions => {
                let list =
                    |r| async move { self.list_transitions(scope, &Default::default(), &r).await };
                write_all(&mut sink, list, |r| {
                    let t = &r.transition;
                    vec![
                        t.customer_id.clone(),
                        format_instant(t.at),
                        t.axis.to_string(),
                        opt(&t.from),
                        opt(&t.to),
                    ]
                })
                .await?
            }
        };
        sink.finish()?;
        Ok(rows)
    }
}

/// Writes every page of a list, each record by its `cells`; gives how many.
async fn write_all<T: Serialize, F: Future<Output = StoreResult<Page<T>>>>(
    sink: &mut Sink<'_>,
    list: impl FnMut(ListRequest) -> F,
    cells: impl Fn(&T) -> Vec<String>,
) -> StoreResult<u64> {
    let mut rows = 0u64;
    every_page(list, |items| -> StoreResult<()> {
        for item in &items {
            sink.row(item, &cells)?;
            rows += 1;
        }
        Ok(())
    })
    .await?;
    Ok(rows)
}
