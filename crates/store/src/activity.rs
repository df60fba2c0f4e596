//! Cost-to-serve entries, interactions, complaints and feedback: everything dated that
//! happens around a customer besides orders.
//!
//! Costs, interactions and feedback have no id of the business's own, so each row keeps a
//! `natural_key`: a hash of its content. Importing the same file twice adds nothing, and
//! recording the very same thing twice is answered as a duplicate.

use clientele_core::model::{
    Complaint, CostEntry, CostEntryRecord, Feedback, FeedbackRecord, Interaction, InteractionRecord,
};
use clientele_core::time::parse_instant;
use clientele_core::{Channel, Currency, Direction, FieldErrors, Money, Severity};
use sha2::{Digest, Sha256};
use sqlx::any::AnyRow;
use sqlx::{Any, Transaction};

use crate::Store;
use crate::customers::visible_customer_key;
use crate::error::{StoreError, StoreResult, is_unique_violation};
use crate::list::{ListRequest, Page, SortColumn, SortKind, Sorting};
use crate::orders::unknown_customer;
use crate::scope::AccessScope;
use crate::sql::{BackendOf, RowExt, Sql, ms};

/// The content hash that makes a row without a business id idempotent to import.
pub(crate) fn natural_key(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update([0x1f]);
    }
    let digest = hasher.finalize();
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn cost_key(customer_key: i64, c: &CostEntry) -> String {
    natural_key(&[
        &customer_key.to_string(),
        &ms(c.incurred_at).to_string(),
        &c.category,
        &c.amount.minor().to_string(),
    ])
}

pub(crate) fn interaction_key(
    customer_key: i64,
    employee_key: Option<i64>,
    i: &Interaction,
) -> String {
    natural_key(&[
        &customer_key.to_string(),
        &ms(i.occurred_at).to_string(),
        i.channel.map_or("", Channel::as_str),
        i.direction.map_or("", Direction::as_str),
        &employee_key.map(|k| k.to_string()).unwrap_or_default(),
        i.summary.as_deref().unwrap_or(""),
    ])
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

/// The filters every activity list shares: whose, and when.
fn filter_common(
    sql: &mut Sql,
    errors: &mut FieldErrors,
    customer_id: Option<&str>,
    at_column: &str,
    from: Option<&str>,
    to: Option<&str>,
) {
    if let Some(id) = customer_id.map(str::trim).filter(|v| !v.is_empty()) {
        sql.push(" and c.customer_id = ").bind(id);
    }
    if let Some(from) = from.filter(|v| !v.trim().is_empty())
        && let Some(at) = errors.check("from", parse_instant(from))
    {
        sql.push(&format!(" and {at_column} >= ")).bind(ms(at));
    }
    if let Some(to) = to.filter(|v| !v.trim().is_empty())
        && let Some(at) = errors.check("to", parse_instant(to))
    {
        sql.push(&format!(" and {at_column} < ")).bind(ms(at));
    }
}

async fn employee_key(
    tx: &mut Transaction<'_, Any>,
    email: Option<&str>,
) -> StoreResult<Option<i64>> {
    let Some(email) = email else { return Ok(None) };
    let key: Option<i64> =
        sqlx::query_scalar("select employee_key from employees where email = $1")
            .bind(email.to_owned())
            .fetch_optional(&mut **tx)
            .await?;
    key.map(Some).ok_or_else(|| {
        StoreError::invalid(
            "employee_email",
            clientele_core::Message::new("no-employee").text("email", email),
        )
    })
}

fn duplicate(
    entity: &'static str,
    field: &'static str,
    id: String,
) -> impl FnOnce(sqlx::Error) -> StoreError {
    move |e| {
        if is_unique_violation(&e) {
            StoreError::Duplicate { entity, field, id }
        } else {
            e.into()
        }
    }
}

// ----- cost to serve ---------------------------------------------------------------------

#[derive(Clone, Debug, Default)]
pub struct CostFilter {
    pub customer_id: Option<String>,
    pub category: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

const COST_SORTS: &[SortColumn] = &[
    SortColumn {
        name: "incurred_at",
        expr: "x.incurred_at",
        kind: SortKind::Int,
    },
    SortColumn {
        name: "amount",
        expr: "x.amount",
        kind: SortKind::Int,
    },
];
const COST_SELECT: &str = "select x.cost_key, c.customer_id, x.incurred_at, x.category, x.amount";

impl Store {
    pub async fn create_cost(
        &self,
        scope: &AccessScope,
        entry: &CostEntry,
    ) -> StoreResult<CostEntryRecord> {
        let mut tx = self.pool().begin().await?;
        let customer_key = visible_customer_key(&mut tx, scope, &entry.customer_id)
            .await
            .map_err(|e| unknown_customer(e, &entry.customer_id))?;
        let key: i64 = sqlx::query_scalar(
            "insert into cost_entries (customer_key, incurred_at, category, amount, natural_key)
             values ($1, $2, $3, $4, $5) returning cost_key",
        )
        .bind(customer_key)
        .bind(ms(entry.incurred_at))
        .bind(entry.category.clone())
        .bind(entry.amount.minor())
        .bind(cost_key(customer_key, entry))
        .fetch_one(&mut *tx)
        .await
        .map_err(duplicate(
            "cost entry",
            "amount",
            "with the same customer, date, category and amount".into(),
        ))?;
        tx.commit().await?;
        self.get_cost(scope, key).await
    }

    pub async fn get_cost(
        &self,
        scope: &AccessScope,
        cost_id: i64,
    ) -> StoreResult<CostEntryRecord> {
        let currency = self.currency().await?;
        let mut sql = Sql::new(COST_SELECT);
        sql.push(" from cost_entries x join customers c on c.customer_key = x.customer_key where x.cost_key = ").bind(cost_id);
        scope.restrict(&mut sql, "c");
        let row = sql
            .query(self.backend)
            .fetch_optional(self.pool())
            .await?
            .ok_or_else(|| StoreError::not_found("cost entry", cost_id))?;
        cost_from_row(&row, currency)
    }

    pub async fn update_cost(
        &self,
        scope: &AccessScope,
        cost_id: i64,
        entry: &CostEntry,
    ) -> StoreResult<CostEntryRecord> {
        let mut tx = self.pool().begin().await?;
        self.visible_child(
            &mut tx,
            scope,
            "cost_entries",
            "cost_key",
            cost_id,
            "cost entry",
        )
        .await?;
        let customer_key = visible_customer_key(&mut tx, scope, &entry.customer_id)
            .await
            .map_err(|e| unknown_customer(e, &entry.customer_id))?;
        sqlx::query(
            "update cost_entries set customer_key = $1, incurred_at = $2, category = $3, amount = $4,
                 natural_key = $5 where cost_key = $6",
        )
        .bind(customer_key)
        .bind(ms(entry.incurred_at))
        .bind(entry.category.clone())
        .bind(entry.amount.minor())
        .bind(cost_key(customer_key, entry))
        .bind(cost_id)
        .execute(&mut *tx)
        .await
        .map_err(duplicate("cost entry", "amount", "with the same customer, date, category and amount".into()))?;
        tx.commit().await?;
        self.get_cost(scope, cost_id).await
    }

    pub async fn delete_cost(&self, scope: &AccessScope, cost_id: i64) -> StoreResult<()> {
        self.delete_child(scope, "cost_entries", "cost_key", cost_id, "cost entry")
            .await
    }

    pub async fn list_costs(
        &self,
        scope: &AccessScope,
        filter: &CostFilter,
        request: &ListRequest,
    ) -> StoreResult<Page<CostEntryRecord>> {
        let currency = self.currency().await?;
        let sorting = Sorting::parse(request, COST_SORTS, "incurred_at", "x.cost_key")?;
        let mut sql = Sql::new(COST_SELECT);
        sql.push(", ").push(&sorting.select_columns()).push(
            " from cost_entries x join customers c on c.customer_key = x.customer_key where 1 = 1",
        );
        scope.restrict(&mut sql, "c");
        let mut errors = FieldErrors::new();
        filter_common(
            &mut sql,
            &mut errors,
            filter.customer_id.as_deref(),
            "x.incurred_at",
            filter.from.as_deref(),
            filter.to.as_deref(),
        );
        if let Some(category) = filter
            .category
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
        {
            sql.push(" and x.category = ").bind(category.to_lowercase());
        }
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        let limit = sorting.finish(&mut sql, request)?;
        let rows = sql.query(self.backend).fetch_all(self.pool()).await?;
        sorting.page(rows, limit, |row| cost_from_row(row, currency))
    }

    /// Checks that a row of `table` exists and belongs to a customer the scope can see.
    async fn visible_child(
        &self,
        tx: &mut Transaction<'_, Any>,
        scope: &AccessScope,
        table: &'static str,
        key_column: &'static str,
        key: i64,
        entity: &'static str,
    ) -> StoreResult<()> {
        let mut sql = Sql::new(&format!(
            "select x.{key_column} from {table} x join customers c on c.customer_key = x.customer_key where x.{key_column} = "
        ));
        sql.bind(key);
        scope.restrict(&mut sql, "c");
        match sql.query(tx.backend()).fetch_optional(&mut **tx).await? {
            Some(_) => Ok(()),
            None => Err(StoreError::not_found(entity, key)),
        }
    }

    async fn delete_child(
        &self,
        scope: &AccessScope,
        table: &'static str,
        key_column: &'static str,
        key: i64,
        entity: &'static str,
    ) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        self.visible_child(&mut tx, scope, table, key_column, key, entity)
            .await?;
        let mut sql = Sql::new(&format!("delete from {table} where {key_column} = "));
        sql.bind(key);
        sql.query(tx.backend()).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }
}

fn cost_from_row(row: &AnyRow, currency: Currency) -> StoreResult<CostEntryRecord> {
    Ok(CostEntryRecord {
        cost_id: row.int("cost_key")?,
        entry: CostEntry {
            customer_id: row.text("customer_id")?,
            incurred_at: row.instant("incurred_at")?,
            category: row.text("category")?,
            amount: Money::from_minor(row.int("amount")?, currency),
        },
    })
}

// ----- interactions ----------------------------------------------------------------------

#[derive(Clone, Debug, Default)]
pub struct InteractionFilter {
    pub customer_id: Option<String>,
    pub channel: Option<String>,
    pub employee_email: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

const INTERACTION_SORTS: &[SortColumn] = &[SortColumn {
    name: "occurred_at",
    expr: "x.occurred_at",
    kind: SortKind::Int,
}];
const INTERACTION_SELECT: &str =
    "select x.interaction_key, c.customer_id, x.occurred_at, x.channel, x.direction,
        e.email as employee_email, x.summary";
const INTERACTION_FROM: &str =
    " from interactions x join customers c on c.customer_key = x.customer_key
        left join employees e on e.employee_key = x.employee_key";

impl Store {
    pub async fn create_interaction(
        &self,
        scope: &AccessScope,
        interaction: &Interaction,
    ) -> StoreResult<InteractionRecord> {
        let mut tx = self.pool().begin().await?;
        let customer_key = visible_customer_key(&mut tx, scope, &interaction.customer_id)
            .await
            .map_err(|e| unknown_customer(e, &interaction.customer_id))?;
        let employee = employee_key(&mut tx, interaction.employee_email.as_deref()).await?;
        let key: i64 = sqlx::query_scalar(
            "insert into interactions (customer_key, occurred_at, channel, direction, employee_key, summary, natural_key)
             values ($1, $2, $3, $4, $5, $6, $7) returning interaction_key",
        )
        .bind(customer_key)
        .bind(ms(interaction.occurred_at))
        .bind(interaction.channel.map(Channel::as_str))
        .bind(interaction.direction.map(Direction::as_str))
        .bind(employee)
        .bind(interaction.summary.clone())
        .bind(interaction_key(customer_key, employee, interaction))
        .fetch_one(&mut *tx)
        .await
        .map_err(duplicate("interaction", "occurred_at", "with the same customer, time, channel, employee and summary".into()))?;
        tx.commit().await?;
        self.get_interaction(scope, key).await
    }

    pub async fn get_interaction(
        &self,
        scope: &AccessScope,
        interaction_id: i64,
    ) -> StoreResult<InteractionRecord> {
        let mut sql = Sql::new(INTERACTION_SELECT);
        sql.push(INTERACTION_FROM)
            .push(" where x.interaction_key = ")
            .bind(interaction_id);
        scope.restrict(&mut sql, "c");
        let row = sql
            .query(self.backend)
            .fetch_optional(self.pool())
            .await?
            .ok_or_else(|| StoreError::not_found("interaction", interaction_id))?;
        interaction_from_row(&row)
    }

    pub async fn update_interaction(
        &self,
        scope: &AccessScope,
        interaction_id: i64,
        interaction: &Interaction,
    ) -> StoreResult<InteractionRecord> {
        let mut tx = self.pool().begin().await?;
        self.visible_child(
            &mut tx,
            scope,
            "interactions",
            "interaction_key",
            interaction_id,
            "interaction",
        )
        .await?;
        let customer_key = visible_customer_key(&mut tx, scope, &interaction.customer_id)
            .await
            .map_err(|e| unknown_customer(e, &interaction.customer_id))?;
        let employee = employee_key(&mut tx, interaction.employee_email.as_deref()).await?;
        sqlx::query(
            "update interactions set customer_key = $1, occurred_at = $2, channel = $3, direction = $4,
                 employee_key = $5, summary = $6, natural_key = $7 where interaction_key = $8",
        )
        .bind(customer_key)
        .bind(ms(interaction.occurred_at))
        .bind(interaction.channel.map(Channel::as_str))
        .bind(interaction.direction.map(Direction::as_str))
        .bind(employee)
        .bind(interaction.summary.clone())
        .bind(interaction_key(customer_key, employee, interaction))
        .bind(interaction_id)
        .execute(&mut *tx)
        .await
        .map_err(duplicate("interaction", "occurred_at", "with the same customer, time, channel, employee and summary".into()))?;
        tx.commit().await?;
        self.get_interaction(scope, interaction_id).await
    }

    pub async fn delete_interaction(
        &self,
        scope: &AccessScope,
        interaction_id: i64,
    ) -> StoreResult<()> {
        self.delete_child(
            scope,
            "interactions",
            "interaction_key",
            interaction_id,
            "interaction",
        )
        .await
    }

    pub async fn list_interactions(
        &self,
        scope: &AccessScope,
        filter: &InteractionFilter,
        request: &ListRequest,
    ) -> StoreResult<Page<InteractionRecord>> {
        let sorting = Sorting::parse(
            request,
            INTERACTION_SORTS,
            "occurred_at",
            "x.interaction_key",
        )?;
        let mut sql = Sql::new(INTERACTION_SELECT);
        sql.push(", ")
            .push(&sorting.select_columns())
            .push(INTERACTION_FROM)
            .push(" where 1 = 1");
        scope.restrict(&mut sql, "c");
        let mut errors = FieldErrors::new();
        filter_common(
            &mut sql,
            &mut errors,
            filter.customer_id.as_deref(),
            "x.occurred_at",
            filter.from.as_deref(),
            filter.to.as_deref(),
        );
        if let Some(channel) = filter.channel.as_deref().filter(|v| !v.trim().is_empty())
            && let Some(channel) = errors.check("channel", Channel::parse(channel))
        {
            sql.push(" and x.channel = ").bind(channel.as_str());
        }
        if let Some(email) = filter
            .employee_email
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
        {
            sql.push(" and e.email = ").bind(email.to_lowercase());
        }
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        let limit = sorting.finish(&mut sql, request)?;
        let rows = sql.query(self.backend).fetch_all(self.pool()).await?;
        sorting.page(rows, limit, interaction_from_row)
    }
}

fn interaction_from_row(row: &AnyRow) -> StoreResult<InteractionRecord> {
    Ok(InteractionRecord {
        interaction_id: row.int("interaction_key")?,
        interaction: Interaction {
            customer_id: row.text("customer_id")?,
            occurred_at: row.instant("occurred_at")?,
            channel: row.opt_choice("channel", Channel::parse)?,
            direction: row.opt_choice("direction", Direction::parse)?,
            employee_email: row.opt_text("employee_email")?,
            summary: row.opt_text("summary")?,
        },
    })
}

// ----- complaints ------------------------------------------------------------------------

#[derive(Clone, Debug, Default)]
pub struct ComplaintFilter {
    pub customer_id: Option<String>,
    /// `true` for open complaints, `false` for resolved ones.
    pub open: Option<bool>,
    pub severity: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

const COMPLAINT_SORTS: &[SortColumn] = &[
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
const COMPLAINT_SELECT: &str = "select x.complaint_key, x.complaint_id, c.customer_id, x.opened_at, x.resolved_at, x.severity, x.subject, x.updated_at";
const COMPLAINT_FROM: &str =
    " from complaints x join customers c on c.customer_key = x.customer_key";

impl Store {
    pub async fn create_complaint(
        &self,
        scope: &AccessScope,
        complaint: &Complaint,
    ) -> StoreResult<Complaint> {
        let mut tx = self.pool().begin().await?;
        let customer_key = visible_customer_key(&mut tx, scope, &complaint.customer_id)
            .await
            .map_err(|e| unknown_customer(e, &complaint.customer_id))?;
        sqlx::query(
            "insert into complaints (complaint_id, customer_key, opened_at, resolved_at, severity, subject, updated_at)
             values ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(complaint.complaint_id.clone())
        .bind(customer_key)
        .bind(ms(complaint.opened_at))
        .bind(complaint.resolved_at.map(ms))
        .bind(complaint.severity.as_str())
        .bind(complaint.subject.clone())
        .bind(ms(complaint.updated_at))
        .execute(&mut *tx)
        .await
        .map_err(duplicate("complaint", "complaint_id", complaint.complaint_id.clone()))?;
        tx.commit().await?;
        self.get_complaint(scope, &complaint.complaint_id).await
    }

    pub async fn get_complaint(
        &self,
        scope: &AccessScope,
        complaint_id: &str,
    ) -> StoreResult<Complaint> {
        let mut sql = Sql::new(COMPLAINT_SELECT);
        sql.push(COMPLAINT_FROM)
            .push(" where x.complaint_id = ")
            .bind(complaint_id);
        scope.restrict(&mut sql, "c");
        let row = sql
            .query(self.backend)
            .fetch_optional(self.pool())
            .await?
            .ok_or_else(|| StoreError::not_found("complaint", complaint_id))?;
        complaint_from_row(&row)
    }

    pub async fn update_complaint(
        &self,
        scope: &AccessScope,
        complaint_id: &str,
        complaint: &Complaint,
    ) -> StoreResult<Complaint> {
        let mut tx = self.pool().begin().await?;
        let mut sql = Sql::new(
            "select x.complaint_key from complaints x join customers c on c.customer_key = x.customer_key where x.complaint_id = ",
        );
        sql.bind(complaint_id);
        scope.restrict(&mut sql, "c");
        let key = match sql.query(tx.backend()).fetch_optional(&mut *tx).await? {
            Some(row) => row.int("complaint_key")?,
            None => return Err(StoreError::not_found("complaint", complaint_id)),
        };
        let customer_key = visible_customer_key(&mut tx, scope, &complaint.customer_id)
            .await
            .map_err(|e| unknown_customer(e, &complaint.customer_id))?;
        sqlx::query(
            "update complaints set complaint_id = $1, customer_key = $2, opened_at = $3, resolved_at = $4,
                 severity = $5, subject = $6, updated_at = $7 where complaint_key = $8",
        )
        .bind(complaint.complaint_id.clone())
        .bind(customer_key)
        .bind(ms(complaint.opened_at))
        .bind(complaint.resolved_at.map(ms))
        .bind(complaint.severity.as_str())
        .bind(complaint.subject.clone())
        .bind(ms(complaint.updated_at))
        .bind(key)
        .execute(&mut *tx)
        .await
        .map_err(duplicate("complaint", "complaint_id", complaint.complaint_id.clone()))?;
        tx.commit().await?;
        self.get_complaint(scope, &complaint.complaint_id).await
    }

    pub async fn delete_complaint(
        &self,
        scope: &AccessScope,
        complaint_id: &str,
    ) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        let mut sql = Sql::new(
            "select x.complaint_key from complaints x join customers c on c.customer_key = x.customer_key where x.complaint_id = ",
        );
        sql.bind(complaint_id);
        scope.restrict(&mut sql, "c");
        let key = match sql.query(tx.backend()).fetch_optional(&mut *tx).await? {
            Some(row) => row.int("complaint_key")?,
            None => return Err(StoreError::not_found("complaint", complaint_id)),
        };
        sqlx::query("delete from complaints where complaint_key = $1")
            .bind(key)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn list_complaints(
        &self,
        scope: &AccessScope,
        filter: &ComplaintFilter,
        request: &ListRequest,
    ) -> StoreResult<Page<Complaint>> {
        let sorting = Sorting::parse(request, COMPLAINT_SORTS, "opened_at", "x.complaint_key")?;
        let mut sql = Sql::new(COMPLAINT_SELECT);
        sql.push(", ")
            .push(&sorting.select_columns())
            .push(COMPLAINT_FROM)
            .push(" where 1 = 1");
        scope.restrict(&mut sql, "c");
        let mut errors = FieldErrors::new();
        filter_common(
            &mut sql,
            &mut errors,
            filter.customer_id.as_deref(),
            "x.opened_at",
            filter.from.as_deref(),
            filter.to.as_deref(),
        );
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
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        let limit = sorting.finish(&mut sql, request)?;
        let rows = sql.query(self.backend).fetch_all(self.pool()).await?;
        sorting.page(rows, limit, complaint_from_row)
    }
}

fn complaint_from_row(row: &AnyRow) -> StoreResult<Complaint> {
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

// ----- feedback --------------------------------------------------------------------------

#[derive(Clone, Debug, Default)]
pub struct FeedbackFilter {
    pub customer_id: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

const FEEDBACK_SORTS: &[SortColumn] = &[SortColumn {
    name: "given_at",
    expr: "x.given_at",
    kind: SortKind::Int,
}];
const FEEDBACK_SELECT: &str =
    "select x.feedback_key, c.customer_id, x.given_at, x.nps, x.csat, x.comment";
const FEEDBACK_FROM: &str = " from feedback x join customers c on c.customer_key = x.customer_key";

impl Store {
    pub async fn create_feedback(
        &self,
        scope: &AccessScope,
        feedback: &Feedback,
    ) -> StoreResult<FeedbackRecord> {
        let mut tx = self.pool().begin().await?;
        let customer_key = visible_customer_key(&mut tx, scope, &feedback.customer_id)
            .await
            .map_err(|e| unknown_customer(e, &feedback.customer_id))?;
        let key: i64 = sqlx::query_scalar(
            "insert into feedback (customer_key, given_at, nps, csat, comment, natural_key)
             values ($1, $2, $3, $4, $5, $6) returning feedback_key",
        )
        .bind(customer_key)
        .bind(ms(feedback.given_at))
        .bind(feedback.nps.map(i64::from))
        .bind(feedback.csat.map(i64::from))
        .bind(feedback.comment.clone())
        .bind(feedback_key(customer_key, feedback))
        .fetch_one(&mut *tx)
        .await
        .map_err(duplicate(
            "feedback",
            "given_at",
            "with the same customer, time, scores and comment".into(),
        ))?;
        tx.commit().await?;
        self.get_feedback(scope, key).await
    }

    pub async fn get_feedback(
        &self,
        scope: &AccessScope,
        feedback_id: i64,
    ) -> StoreResult<FeedbackRecord> {
        let mut sql = Sql::new(FEEDBACK_SELECT);
        sql.push(FEEDBACK_FROM)
            .push(" where x.feedback_key = ")
            .bind(feedback_id);
        scope.restrict(&mut sql, "c");
        let row = sql
            .query(self.backend)
            .fetch_optional(self.pool())
            .await?
            .ok_or_else(|| StoreError::not_found("feedback", feedback_id))?;
        feedback_from_row(&row)
    }

    pub async fn update_feedback(
        &self,
        scope: &AccessScope,
        feedback_id: i64,
        feedback: &Feedback,
    ) -> StoreResult<FeedbackRecord> {
        let mut tx = self.pool().begin().await?;
        self.visible_child(
            &mut tx,
            scope,
            "feedback",
            "feedback_key",
            feedback_id,
            "feedback",
        )
        .await?;
        let customer_key = visible_customer_key(&mut tx, scope, &feedback.customer_id)
            .await
            .map_err(|e| unknown_customer(e, &feedback.customer_id))?;
        sqlx::query(
            "update feedback set customer_key = $1, given_at = $2, nps = $3, csat = $4, comment = $5,
                 natural_key = $6 where feedback_key = $7",
        )
        .bind(customer_key)
        .bind(ms(feedback.given_at))
        .bind(feedback.nps.map(i64::from))
        .bind(feedback.csat.map(i64::from))
        .bind(feedback.comment.clone())
        .bind(feedback_key(customer_key, feedback))
        .bind(feedback_id)
        .execute(&mut *tx)
        .await
        .map_err(duplicate("feedback", "given_at", "with the same customer, time, scores and comment".into()))?;
        tx.commit().await?;
        self.get_feedback(scope, feedback_id).await
    }

    pub async fn delete_feedback(&self, scope: &AccessScope, feedback_id: i64) -> StoreResult<()> {
        self.delete_child(scope, "feedback", "feedback_key", feedback_id, "feedback")
            .await
    }

    pub async fn list_feedback(
        &self,
        scope: &AccessScope,
        filter: &FeedbackFilter,
        request: &ListRequest,
    ) -> StoreResult<Page<FeedbackRecord>> {
        let sorting = Sorting::parse(request, FEEDBACK_SORTS, "given_at", "x.feedback_key")?;
        let mut sql = Sql::new(FEEDBACK_SELECT);
        sql.push(", ")
            .push(&sorting.select_columns())
            .push(FEEDBACK_FROM)
            .push(" where 1 = 1");
        scope.restrict(&mut sql, "c");
        let mut errors = FieldErrors::new();
        filter_common(
            &mut sql,
            &mut errors,
            filter.customer_id.as_deref(),
            "x.given_at",
            filter.from.as_deref(),
            filter.to.as_deref(),
        );
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        let limit = sorting.finish(&mut sql, request)?;
        let rows = sql.query(self.backend).fetch_all(self.pool()).await?;
        sorting.page(rows, limit, feedback_from_row)
    }
}

fn feedback_from_row(row: &AnyRow) -> StoreResult<FeedbackRecord> {
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
