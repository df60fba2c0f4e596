//! Importing the records that hang off a customer: orders, interactions, complaints,
//! feedback and costs. These files can hold millions of rows, so they stream: a chunk is
//! read and checked, its customers resolved, and it is written, all inside the import's one
//! transaction, so memory stays flat and one bad row still means nothing is kept.

mod indexes;
mod read;
mod write;

pub(super) use read::read_chunks;
pub(crate) use write::{insert_rows, write_complaints, write_new, write_orders};

use clientele_core::Message;
use std::collections::HashMap;

use clientele_core::model::*;
use sqlx::{Any, AssertSqlSafe, Transaction};

use super::{Columns, Errors, ImportKind, ImportReport, RowError};
use crate::activity::{Costs, FeedbackTable, Interactions};
use crate::error::StoreResult;
use crate::sql::{BackendOf, RowExt, Sql, ms};
use indexes::{DEFER_INDEXES_FROM_ROWS, SECONDARY_INDEXES, SecondaryIndex};

/// What the writing side of an import of child records carries from chunk to chunk.
#[derive(Default)]
pub(super) struct ChildState {
    /// customer_id → key for every customer this import has met.
    customers: HashMap<String, i64>,
    /// The first customer key this import created, if it created any.
    first_created: Option<i64>,
    /// Employees by e-mail, loaded on first need.
    employees: Option<HashMap<String, i64>>,
    /// The highest key of the target table before the import: rows above it are new.
    first_new_key: Option<i64>,
    /// Secondary indexes dropped for a large import, to be built again at the end.
    deferred_indexes: Vec<&'static SecondaryIndex>,
    /// Rows written (inserted or really changed) so far.
    affected: u64,
}

impl ChildState {
    /// The keys of the customers this import met, ascending.
    pub(super) fn customer_keys(&self) -> Vec<i64> {
        let mut keys: Vec<i64> = self.customers.values().copied().collect();
        keys.sort_unstable();
        keys
    }
}

/// One chunk of rows read and checked, on its way from the reading thread to the writer.
pub(super) struct Chunk {
    pub rows: Rows,
    pub errors: Vec<RowError>,
    /// Data rows read for this chunk, valid or not.
    pub read: u64,
}

pub(super) enum Rows {
    Orders(Vec<(u64, Order)>),
    Interactions(Vec<(u64, Interaction)>),
    Complaints(Vec<(u64, Complaint)>),
    Feedback(Vec<(u64, Feedback)>),
    Costs(Vec<(u64, CostToServe)>),
}

impl Rows {
    fn kind(&self) -> ImportKind {
        match self {
            Rows::Orders(_) => ImportKind::Orders,
            Rows::Interactions(_) => ImportKind::Interactions,
            Rows::Complaints(_) => ImportKind::Complaints,
            Rows::Feedback(_) => ImportKind::Feedback,
            Rows::Costs(_) => ImportKind::Costs,
        }
    }

    fn new(kind: ImportKind) -> Rows {
        match kind {
            ImportKind::Interactions => Rows::Interactions(Vec::new()),
            ImportKind::Complaints => Rows::Complaints(Vec::new()),
            ImportKind::Feedback => Rows::Feedback(Vec::new()),
            ImportKind::Costs => Rows::Costs(Vec::new()),
            _ => Rows::Orders(Vec::new()),
        }
    }
}

/// Resolves the chunk's customers (creating those orders name), checks its references, and
/// writes it, unless an earlier error already condemned the import.
pub(super) async fn write_child_chunk(
    tx: &mut Transaction<'_, Any>,
    columns: &Columns,
    estimated_rows: u64,
    errors: &mut Errors,
    state: &mut ChildState,
    rows: Rows,
    report: &mut ImportReport,
) -> StoreResult<()> {
    let (table, key) = table_of(rows.kind());
    if state.first_new_key.is_none() {
        let max: Option<i64> =
            sqlx::query_scalar(AssertSqlSafe(format!("select max({key}) from {table}")))
                .fetch_one(&mut **tx)
                .await?;
        let existing = u64::try_from(max.unwrap_or(0)).unwrap_or(0);
        state.first_new_key = Some(max.unwrap_or(0));
        if estimated_rows >= DEFER_INDEXES_FROM_ROWS && estimated_rows >= existing.saturating_mul(2)
        {
            for (t, indexes) in SECONDARY_INDEXES {
                if *t == table {
                    for index in *indexes {
                        sqlx::query(AssertSqlSafe(format!("drop index {}", index.name)))
                            .execute(&mut **tx)
                            .await?;
                        state.deferred_indexes.push(index);
                    }
                }
            }
        }
    }
    let wanted: Vec<String> = match &rows {
        Rows::Orders(r) => ids(r, |o| &o.customer_id),
        Rows::Complaints(r) => ids(r, |c| &c.customer_id),
        Rows::Interactions(r) => ids(r, |i| &i.customer_id),
        Rows::Feedback(r) => ids(r, |f| &f.customer_id),
        Rows::Costs(r) => ids(r, |c| &c.customer_id),
    };
    let unknown: Vec<String> = wanted
        .into_iter()
        .filter(|id| !state.customers.contains_key(id))
        .collect();
    lookup_customers(tx, &unknown, &mut state.customers).await?;
    match rows {
        Rows::Orders(rows) => {
            create_ordering_customers(tx, errors, state, &rows, report).await?;
            if !errors.fatal() {
                let present_cost = columns.has("cost");
                let present_currency = columns.has("currency");
                state.affected += write_orders(
                    tx,
                    &refs(&rows),
                    &state.customers,
                    present_cost,
                    present_currency,
                )
                .await?;
            }
        }
        Rows::Complaints(rows) => {
            let rows = keep_known(rows, columns, errors, &state.customers, |c| &c.customer_id);
            if !errors.fatal() {
                state.affected +=
                    write_complaints(tx, &refs(&rows), &state.customers, |c| columns.has(c))
                        .await?;
            }
        }
        Rows::Interactions(rows) => {
            let rows = keep_known(rows, columns, errors, &state.customers, |i| &i.customer_id);
            if state.employees.is_none() {
                state.employees = Some(load_employees(tx).await?);
            }
            let employees = state
                .employees
                .as_ref()
                .map_or_else(HashMap::new, Clone::clone);
            let mut kept = Vec::with_capacity(rows.len());
            for (line, i) in rows {
                match &i.employee_email {
                    Some(email) if !employees.contains_key(email) => errors.add([RowError {
                        line,
                        column: columns.column("employee_email"),
                        message: Message::new("no-employee-import-first")
                            .text("email", email.as_str()),
                    }]),
                    _ => kept.push((line, i)),
                }
            }
            if !errors.fatal() {
                state.affected +=
                    write_new::<Interactions>(tx, &refs(&kept), &state.customers, Some(&employees))
                        .await?;
            }
        }
        Rows::Feedback(rows) => {
            let rows = keep_known(rows, columns, errors, &state.customers, |f| &f.customer_id);
            if !errors.fatal() {
                state.affected +=
                    write_new::<FeedbackTable>(tx, &refs(&rows), &state.customers, None).await?;
            }
        }
        Rows::Costs(rows) => {
            let rows = keep_known(rows, columns, errors, &state.customers, |c| &c.customer_id);
            if !errors.fatal() {
                state.affected +=
                    write_new::<Costs>(tx, &refs(&rows), &state.customers, None).await?;
            }
        }
    }
    Ok(())
}

/// After the last chunk: the counts, and the creation date of customers the import made
/// (their first order, which a later chunk may have brought).
pub(super) async fn finish_children(
    tx: &mut Transaction<'_, Any>,
    kind: ImportKind,
    state: &ChildState,
    report: &mut ImportReport,
) -> StoreResult<()> {
    let (table, key) = table_of(kind);
    let inserted: i64 = sqlx::query_scalar(AssertSqlSafe(format!(
        "select count(*) from {table} where {key} > $1"
    )))
    .bind(state.first_new_key.unwrap_or(0))
    .fetch_one(&mut **tx)
    .await?;
    report.inserted = u64::try_from(inserted).unwrap_or(0);
    report.updated = state.affected.saturating_sub(report.inserted);
    for index in &state.deferred_indexes {
        sqlx::query(AssertSqlSafe(format!(
            "create index {} on {}",
            index.name, index.definition
        )))
        .execute(&mut **tx)
        .await?;
    }
    // Customers this import created start at their first order, which a later chunk may
    // have brought: one set-based update rather than one per customer.
    if let Some(first_created) = state.first_created {
        sqlx::query(
            "update customers set created_at = (select min(o.ordered_at) from orders o where o.customer_key = customers.customer_key)
             where customer_key >= $1 and exists (select 1 from orders o where o.customer_key = customers.customer_key and o.ordered_at < customers.created_at)",
        )
        .bind(first_created)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

fn table_of(kind: ImportKind) -> (&'static str, &'static str) {
    match kind {
        ImportKind::Orders => ("orders", "order_key"),
        ImportKind::Complaints => ("complaints", "complaint_key"),
        ImportKind::Interactions => ("interactions", "interaction_key"),
        ImportKind::Feedback => ("feedback", "feedback_key"),
        ImportKind::Costs => ("cost_entries", "cost_key"),
        ImportKind::Customers => ("customers", "customer_key"),
        ImportKind::Employees => ("employees", "employee_key"),
    }
}

/// The records of numbered rows, for the writers.
fn refs<T>(rows: &[(u64, T)]) -> Vec<&T> {
    rows.iter().map(|(_, r)| r).collect()
}

fn ids<T>(rows: &[(u64, T)], id: impl Fn(&T) -> &String) -> Vec<String> {
    let mut ids: Vec<String> = rows.iter().map(|(_, r)| id(r).clone()).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// Finds the keys of customers by id, a few hundred per query.
pub(super) async fn lookup_customers(
    tx: &mut Transaction<'_, Any>,
    ids: &[String],
    into: &mut HashMap<String, i64>,
) -> StoreResult<()> {
    for batch in ids.chunks(500) {
        let mut sql =
            Sql::new("select customer_id, customer_key from customers where customer_id in (");
        sql.bind_list(batch.iter().map(String::as_str)).push(")");
        for row in sql.query(tx.backend()).fetch_all(&mut **tx).await? {
            into.insert(row.text("customer_id")?, row.int("customer_key")?);
        }
    }
    Ok(())
}

pub(super) async fn load_employees(
    tx: &mut Transaction<'_, Any>,
) -> StoreResult<HashMap<String, i64>> {
    let rows = sqlx::query("select email, employee_key from employees")
        .fetch_all(&mut **tx)
        .await?;
    rows.iter()
        .map(|r| Ok((r.text("email")?, r.int("employee_key")?)))
        .collect()
}

/// Drops rows naming customers that do not exist, each with its error.
fn keep_known<T>(
    rows: Vec<(u64, T)>,
    columns: &Columns,
    errors: &mut Errors,
    customers: &HashMap<String, i64>,
    id: impl Fn(&T) -> &String,
) -> Vec<(u64, T)> {
    let mut kept = Vec::with_capacity(rows.len());
    for (line, row) in rows {
        if customers.contains_key(id(&row)) {
            kept.push((line, row));
        } else {
            errors.add([RowError {
                line,
                column: columns.column("customer_id"),
                message: Message::new("no-customer-import-first").text("id", id(&row).as_str()),
            }]);
        }
    }
    kept
}

/// Creates the customers that orders name but the base does not know yet: external people,
/// created at their first order.
async fn create_ordering_customers(
    tx: &mut Transaction<'_, Any>,
    errors: &Errors,
    state: &mut ChildState,
    orders: &[(u64, Order)],
    report: &mut ImportReport,
) -> StoreResult<()> {
    let mut first_orders: Vec<(String, i64)> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (_, order) in orders {
        if state.customers.contains_key(&order.customer_id) {
            continue;
        }
        let at = ms(order.ordered_at);
        match index.get(order.customer_id.as_str()) {
            Some(&i) => first_orders[i].1 = first_orders[i].1.min(at),
            None => {
                index.insert(&order.customer_id, first_orders.len());
                first_orders.push((order.customer_id.clone(), at));
            }
        }
    }
    if first_orders.is_empty() {
        return Ok(());
    }
    report.customers_created += first_orders.len() as u64;
    if errors.fatal() {
        // Nothing will be written; make the ids known so later chunks do not count them again.
        for (id, _) in first_orders {
            state.customers.insert(id, 0);
        }
        return Ok(());
    }
    let now = ms(jiff::Timestamp::now());
    for batch in first_orders.chunks(400) {
        let mut sql = Sql::new(
            "insert into customers (customer_id, party, kind, search_text, sort_name, created_at, updated_at) values ",
        );
        for (i, (id, at)) in batch.iter().enumerate() {
            if i > 0 {
                sql.push(", ");
            }
            let folded = clientele_core::search::fold(id);
            sql.push("(")
                .bind(id.as_str())
                .push(", 'person', 'external', ")
                .bind(folded.clone())
                .push(", ")
                .bind(folded)
                .push(", ")
                .bind(*at)
                .push(", ")
                .bind(now)
                .push(")");
        }
        sql.push(" returning customer_id, customer_key");
        for row in sql.query(tx.backend()).fetch_all(&mut **tx).await? {
            let key = row.int("customer_key")?;
            state.first_created = Some(state.first_created.map_or(key, |k| k.min(key)));
            state.customers.insert(row.text("customer_id")?, key);
        }
    }
    Ok(())
}
