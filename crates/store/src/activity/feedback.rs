//! Feedback: NPS and CSAT scores with the customer's comment.

use clientele_core::Currency;
use clientele_core::model::{Feedback, FeedbackRecord};
use sqlx::any::AnyRow;

use super::{Child, FeedbackFilter, natural_key};
use crate::error::StoreResult;
use crate::list::SortColumn;
use crate::sql::{RowExt, Value, ms};

/// The answer's content hash, its customer named by `customer` (the key stored, the id in
/// a file).
pub(crate) fn feedback_key(customer: &str, f: &Feedback) -> String {
    natural_key(&[
        customer,
        &ms(f.given_at).to_string(),
        &f.nps.map(|n| n.to_string()).unwrap_or_default(),
        &f.csat.map(|n| n.to_string()).unwrap_or_default(),
        f.comment.as_deref().unwrap_or(""),
    ])
}

/// The `feedback` table.
pub(crate) struct FeedbackTable;

impl Child for FeedbackTable {
    type Input = Feedback;
    type Record = FeedbackRecord;
    type Filter = FeedbackFilter;
    const ENTITY: &'static str = "feedback";
    const TABLE: &'static str = "feedback";
    const KEY: &'static str = "feedback_key";
    const COLUMNS: &'static str = "customer_key, given_at, nps, csat, comment, natural_key";
    const SELECT: &'static str =
        "select x.feedback_key, c.customer_id, x.given_at, x.nps, x.csat, x.comment";
    const SORTS: &'static [SortColumn] = &[SortColumn::int("given_at", "x.given_at")];

    fn customer_id(feedback: &Feedback) -> &str {
        &feedback.customer_id
    }

    fn values(f: &Feedback, customer_key: i64, _employee: Option<i64>) -> Vec<Value> {
        vec![
            customer_key.into(),
            ms(f.given_at).into(),
            f.nps.map(i64::from).into(),
            f.csat.map(i64::from).into(),
            f.comment.clone().into(),
            feedback_key(&customer_key.to_string(), f).into(),
        ]
    }

    fn duplicate(_feedback: &Feedback) -> (&'static str, String) {
        (
            "given_at",
            "with the same customer, time, scores and comment".into(),
        )
    }

    fn from_row(row: &AnyRow, _currency: Currency) -> StoreResult<FeedbackRecord> {
        Ok(FeedbackRecord {
            feedback_id: row.int("feedback_key")?,
            feedback: Feedback {
                customer_id: row.text("customer_id")?,
                given_at: row.instant("given_at")?,
                nps: row.opt_int("nps")?.and_then(|n| i16::try_from(n).ok()),
                csat: row.opt_int("csat")?.and_then(|n| i16::try_from(n).ok()),
                comment: row.opt_text("comment")?,
            },
        })
    }
}

child_methods!(FeedbackTable, by FeedbackTable::KEY, i64, Feedback => FeedbackRecord, FeedbackFilter;
    create_feedback, get_feedback, update_feedback, delete_feedback, list_feedback);
