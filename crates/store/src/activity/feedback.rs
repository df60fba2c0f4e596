//! Feedback: NPS and CSAT scores with the customer's comment.

use clientele_core::Currency;
use clientele_core::model::{Feedback, FeedbackRecord};
use sqlx::any::AnyRow;

use super::{Child, natural_key};
use crate::Store;
use crate::error::StoreResult;
use crate::list::{ListRequest, Page, SortColumn, SortKind};
use crate::scope::AccessScope;
use crate::sql::{RowExt, Value, ms};

#[derive(Clone, Debug, Default)]
pub struct FeedbackFilter {
    pub customer_id: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

pub(crate) fn feedback_key(customer_key: i64, f: &Feedback) -> String {
    natural_key(&[
        &customer_key.to_string(),
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
    const COLUMNS: &'static [&'static str] = &[
        "customer_key",
        "given_at",
        "nps",
        "csat",
        "comment",
        "natural_key",
    ];
    const SELECT: &'static str =
        "select x.feedback_key, c.customer_id, x.given_at, x.nps, x.csat, x.comment";
    const FROM: &'static str =
        " from feedback x join customers c on c.customer_key = x.customer_key";
    const SORTS: &'static [SortColumn] = &[SortColumn {
        name: "given_at",
        expr: "x.given_at",
        kind: SortKind::Int,
    }];
    const DEFAULT_SORT: &'static str = "given_at";
    const SORT_KEY: &'static str = "x.feedback_key";
    const AT: &'static str = "x.given_at";

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
            feedback_key(customer_key, f).into(),
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

    fn common(filter: &FeedbackFilter) -> [Option<&str>; 3] {
        [
            filter.customer_id.as_deref(),
            filter.from.as_deref(),
            filter.to.as_deref(),
        ]
    }
}

impl Store {
    pub async fn create_feedback(
        &self,
        scope: &AccessScope,
        feedback: &Feedback,
    ) -> StoreResult<FeedbackRecord> {
        self.create_child::<FeedbackTable>(scope, feedback).await
    }

    pub async fn get_feedback(
        &self,
        scope: &AccessScope,
        feedback_id: i64,
    ) -> StoreResult<FeedbackRecord> {
        let key = FeedbackTable::KEY;
        self.get_child::<FeedbackTable>(scope, key, feedback_id)
            .await
    }

    pub async fn update_feedback(
        &self,
        scope: &AccessScope,
        feedback_id: i64,
        feedback: &Feedback,
    ) -> StoreResult<FeedbackRecord> {
        let key = FeedbackTable::KEY;
        self.update_child::<FeedbackTable>(scope, key, feedback_id, feedback)
            .await
    }

    pub async fn delete_feedback(&self, scope: &AccessScope, feedback_id: i64) -> StoreResult<()> {
        let key = FeedbackTable::KEY;
        self.delete_child::<FeedbackTable>(scope, key, feedback_id)
            .await
    }

    pub async fn list_feedback(
        &self,
        scope: &AccessScope,
        filter: &FeedbackFilter,
        request: &ListRequest,
    ) -> StoreResult<Page<FeedbackRecord>> {
        self.list_children::<FeedbackTable>(scope, filter, request)
            .await
    }
}
