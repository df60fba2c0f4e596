//! Complaints: the one child kind with an id of the business's own.

use clientele_core::model::Complaint;
use clientele_core::{Currency, Severity};
use sqlx::any::AnyRow;

use super::{Child, ComplaintFilter};
use crate::error::StoreResult;
use crate::list::{Listing, SortColumn};
use crate::sql::{RowExt, Value, ms};

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
    const COLUMNS: &'static str =
        "complaint_id, customer_key, opened_at, resolved_at, severity, subject, updated_at";
    const SELECT: &'static str = "select x.complaint_key, x.complaint_id, c.customer_id, x.opened_at, x.resolved_at, x.severity, x.subject, x.updated_at";
    const SORTS: &'static [SortColumn] = &[
        SortColumn::int("opened_at", "x.opened_at"),
        SortColumn::text("complaint_id", "x.complaint_id"),
    ];

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

    fn narrow(filter: &ComplaintFilter, list: &mut Listing) {
        list.null("x.resolved_at", filter.open);
        list.choice::<Severity>("x.severity", "severity", filter.severity.as_deref());
    }
}

child_methods!(Complaints, by BY_ID, &str, Complaint => Complaint, ComplaintFilter;
    create_complaint, get_complaint, update_complaint, delete_complaint, list_complaints);
