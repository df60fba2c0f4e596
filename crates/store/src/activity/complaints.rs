//! Complaints: the one child kind with an id of the business's own.

use clientele_core::model::Complaint;
use clientele_core::{Currency, FieldErrors, Severity};
use sqlx::any::AnyRow;

use super::Child;
use crate::Store;
use crate::error::StoreResult;
use crate::list::{ListRequest, Page, SortColumn, SortKind};
use crate::scope::AccessScope;
use crate::sql::{RowExt, Sql, Value, ms};

#[derive(Clone, Debug, Default)]
pub struct ComplaintFilter {
    pub customer_id: Option<String>,
    /// `true` for open complaints, `false` for resolved ones.
    pub open: Option<bool>,
    pub severity: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// The `complaints` table, its rows named by `complaint_id`.
pub(crate) struct Complaints;

/// The column complaints are named by.
const BY_ID: &str = "complaint_id";

impl Child for Complaints {
    type Input = Complaint;
    type Record = Complaint;
    type Filter = ComplaintFilter;
    const ENTITY: &'static str = "complaint";
    const TABLE: &'static str = "complaints";
    const KEY: &'static str = "complaint_key";
    const COLUMNS: &'static [&'static str] = &[
        "complaint_id",
        "customer_key",
        "opened_at",
        "resolved_at",
        "severity",
        "subject",
        "updated_at",
    ];
    const SELECT: &'static str = "select x.complaint_key, x.complaint_id, c.customer_id, x.opened_at, x.resolved_at, x.severity, x.subject, x.updated_at";
    const FROM: &'static str =
        " from complaints x join customers c on c.customer_key = x.customer_key";
    const SORTS: &'static [SortColumn] = &[
        SortColumn {
            name: "opened_at",
            expr: "x.opened_at",
            kind: SortKind::Int,
        },
        SortColumn {
            name: "complaint_id",
            expr: "x.complaint_id",
            kind: SortKind::Text,
        },
    ];
    const DEFAULT_SORT: &'static str = "opened_at";
    const SORT_KEY: &'static str = "x.complaint_key";
    const AT: &'static str = "x.opened_at";

    fn customer_id(complaint: &Complaint) -> &str {
        &complaint.customer_id
    }

    fn values(c: &Complaint, customer_key: i64, _employee: Option<i64>) -> Vec<Value> {
        vec![
            c.complaint_id.clone().into(),
            customer_key.into(),
            ms(c.opened_at).into(),
            c.resolved_at.map(ms).into(),
            c.severity.as_str().into(),
            c.subject.clone().into(),
            ms(c.updated_at).into(),
        ]
    }

    fn duplicate(complaint: &Complaint) -> (&'static str, String) {
        (BY_ID, complaint.complaint_id.clone())
    }

    fn from_row(row: &AnyRow, _currency: Currency) -> StoreResult<Complaint> {
        Ok(Complaint {
            complaint_id: row.text("complaint_id")?,
            customer_id: row.text("customer_id")?,
            opened_at: row.instant("opened_at")?,
            resolved_at: row.opt_instant("resolved_at")?,
            severity: row.choice("severity", Severity::parse)?,
            subject: row.opt_text("subject")?,
            updated_at: row.instant("updated_at")?,
        })
    }

    fn common(filter: &ComplaintFilter) -> [Option<&str>; 3] {
        [
            filter.customer_id.as_deref(),
            filter.from.as_deref(),
            filter.to.as_deref(),
        ]
    }

    fn narrow(filter: &ComplaintFilter, sql: &mut Sql, errors: &mut FieldErrors) {
        match filter.open {
            Some(true) => {
                sql.push(" and x.resolved_at is null");
            }
            Some(false) => {
                sql.push(" and x.resolved_at is not null");
            }
            None => {}
        }
        if let Some(severity) = filter.severity.as_deref().filter(|v| !v.trim().is_empty())
            && let Some(severity) = errors.check("severity", Severity::parse(severity))
        {
            sql.push(" and x.severity = ").bind(severity.as_str());
        }
    }
}

impl Store {
    pub async fn create_complaint(
        &self,
        scope: &AccessScope,
        complaint: &Complaint,
    ) -> StoreResult<Complaint> {
        self.create_child::<Complaints>(scope, complaint).await
    }

    pub async fn get_complaint(
        &self,
        scope: &AccessScope,
        complaint_id: &str,
    ) -> StoreResult<Complaint> {
        self.get_child::<Complaints>(scope, BY_ID, complaint_id)
            .await
    }

    pub async fn update_complaint(
        &self,
        scope: &AccessScope,
        complaint_id: &str,
        complaint: &Complaint,
    ) -> StoreResult<Complaint> {
        self.update_child::<Complaints>(scope, BY_ID, complaint_id, complaint)
            .await
    }

    pub async fn delete_complaint(
        &self,
        scope: &AccessScope,
        complaint_id: &str,
    ) -> StoreResult<()> {
        self.delete_child::<Complaints>(scope, BY_ID, complaint_id)
            .await
    }

    pub async fn list_complaints(
        &self,
        scope: &AccessScope,
        filter: &ComplaintFilter,
        request: &ListRequest,
    ) -> StoreResult<Page<Complaint>> {
        self.list_children::<Complaints>(scope, filter, request)
            .await
    }
}
