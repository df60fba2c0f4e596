//! The reading side of an import of child records: a thread reads and checks chunks of
//! rows while the writer stores the previous one.

use clientele_core::Message;
use clientele_core::model::*;
use serde::de::DeserializeOwned;

use super::{Chunk, Rows};
use crate::activity::{cost_key, feedback_key, interaction_key};
use crate::import::{CHUNK_ROWS, ImportKind, RowError, SeenIds, Source};

/// Reads the whole file chunk by chunk and hands each chunk to the writer. Runs on a thread
/// of its own so that reading and checking the next chunk overlaps writing this one.
pub(in crate::import) fn read_chunks(
    kind: ImportKind,
    source: &mut Source,
    ctx: Context,
    sender: tokio::sync::mpsc::Sender<Chunk>,
) {
    let mut seen = SeenIds::default();
    loop {
        let (chunk, done) = read_chunk(kind, source, &ctx, &mut seen);
        // A closed channel means the writer stopped (an error): stop reading too.
        if sender.blocking_send(chunk).is_err() || done {
            return;
        }
    }
}

/// Reads up to one chunk of rows. True when the file is finished.
fn read_chunk(
    kind: ImportKind,
    source: &mut Source,
    ctx: &Context,
    seen: &mut SeenIds,
) -> (Chunk, bool) {
    let mut chunk = Chunk {
        rows: Rows::new(kind),
        errors: Vec::new(),
        read: 0,
    };
    let mut reader = Reader {
        source,
        ctx,
        seen,
        errors: &mut chunk.errors,
        read: &mut chunk.read,
    };
    for _ in 0..CHUNK_ROWS {
        let more = match &mut chunk.rows {
            Rows::Orders(rows) => reader.read_one(rows),
            Rows::Complaints(rows) => reader.read_one(rows),
            Rows::Interactions(rows) => reader.read_one(rows),
            Rows::Feedback(rows) => reader.read_one(rows),
            Rows::Costs(rows) => reader.read_one(rows),
        };
        if !more {
            return (chunk, true);
        }
    }
    (chunk, false)
}

/// A record a file of child records holds: the draft it is read as, and what makes two rows
/// the same record.
trait FileRow: Sized {
    type Draft: DeserializeOwned;
    fn validate(draft: Self::Draft, ctx: &Context) -> Result<Self, clientele_core::FieldErrors>;
    /// The column and id two rows may not share; an empty column means the id is the whole
    /// row's content, which may not repeat an earlier row.
    fn identity(&self) -> (&'static str, String);
}

/// Each kind's draft, and its identity: a business id, or the content hash the store keeps.
macro_rules! file_rows {
    ($($record:ty: $draft:ty, |$row:ident| $identity:expr;)+) => {$(
        impl FileRow for $record {
            type Draft = $draft;
            fn validate(draft: $draft, ctx: &Context) -> Result<Self, clientele_core::FieldErrors> {
                draft.validate(ctx)
            }
            fn identity(&self) -> (&'static str, String) {
                let $row = self;
                $identity
            }
        }
    )+};
}

file_rows! {
    Order: OrderDraft, |o| ("order_id", o.order_id.clone());
    Complaint: ComplaintDraft, |c| ("complaint_id", c.complaint_id.clone());
    Interaction: InteractionDraft, |i| {
        let employee = i.employee_email.as_deref().unwrap_or("");
        ("", interaction_key(&i.customer_id, employee, i))
    };
    Feedback: FeedbackDraft, |f| ("", feedback_key(&f.customer_id, f));
    CostToServe: CostToServeDraft, |c| ("", cost_key(&c.customer_id, c));
}

/// What reading one chunk works with.
struct Reader<'a> {
    source: &'a mut Source,
    ctx: &'a Context,
    seen: &'a mut SeenIds,
    errors: &'a mut Vec<RowError>,
    read: &'a mut u64,
}

impl Reader<'_> {
    /// Reads one row into `rows`, or its errors; false at the end of the file.
    fn read_one<T: FileRow>(&mut self, rows: &mut Vec<(u64, T)>) -> bool {
        let Some(next) = self.source.next::<T::Draft>() else {
            return false;
        };
        *self.read += 1;
        let (line, draft) = match next {
            Ok(row) => row,
            Err(e) => {
                self.errors.push(e);
                return true;
            }
        };
        let record = match T::validate(draft, self.ctx) {
            Ok(record) => record,
            Err(field_errors) => {
                let columns = &self.source.columns;
                self.errors
                    .extend(columns.field_errors(line, &field_errors));
                return true;
            }
        };
        let (column, id) = record.identity();
        match self.seen.check(&id, line) {
            Ok(()) => rows.push((line, record)),
            Err(first) => {
                let (column, message) = if column.is_empty() {
                    (None, Message::new("repeats-line").int("line", first as i64))
                } else {
                    (
                        self.source.columns.column(column),
                        Message::new("duplicate-in-file")
                            .text("value", id)
                            .int("line", first as i64),
                    )
                };
                self.errors.push(RowError {
                    line,
                    column,
                    message,
                });
            }
        }
        true
    }
}
