//! Importing the records that hang off a customer: orders, interactions, complaints,
//! feedback and costs. These files can hold millions of rows, so they stream: a chunk is
//! read and checked, its customers resolved, and it is written, all inside the import's one
//! transaction, so memory stays flat and one bad row still means nothing is kept.

use clientele_core::Message;
use std::collections::HashMap;

use clientele_core::model::*;
use clientele_core::{Channel, Direction};
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, AssertSqlSafe, Transaction};

use super::{CHUNK_ROWS, Columns, Errors, ImportKind, ImportReport, RowError, SeenIds, Source};
use crate::Backend;
use crate::activity::{cost_key, feedback_key, interaction_key, natural_key};
use crate::error::StoreResult;
use crate::sql::{BackendOf, RowExt, Sql, ms};

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
    Costs(Vec<(u64, CostEntry)>),
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

/// Reads the whole file chunk by chunk and hands each chunk to the writer. Runs on a thread
/// of its own so that reading and checking the next chunk overlaps writing this one.
pub(super) fn read_chunks(
    kind: ImportKind,
    mut source: Source,
    ctx: Context,
    sender: tokio::sync::mpsc::Sender<Chunk>,
) {
    let mut seen = SeenIds::default();
    loop {
        let (chunk, done) = read_chunk(kind, &mut source, &ctx, &mut seen);
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
    for _ in 0..CHUNK_ROWS {
        let more = match &mut chunk.rows {
            Rows::Orders(rows) => read_one(
                source,
                ctx,
                &mut chunk.errors,
                &mut chunk.read,
                OrderDraft::validate,
                |line, o: Order| {
                    seen.check(&o.order_id, line)
                        .map_err(|first| ("order_id", o.order_id.clone(), first))?;
                    rows.push((line, o));
                    Ok(())
                },
            ),
            Rows::Complaints(rows) => read_one(
                source,
                ctx,
                &mut chunk.errors,
                &mut chunk.read,
                ComplaintDraft::validate,
                |line, c: Complaint| {
                    seen.check(&c.complaint_id, line)
                        .map_err(|first| ("complaint_id", c.complaint_id.clone(), first))?;
                    rows.push((line, c));
                    Ok(())
                },
            ),
            Rows::Interactions(rows) => read_one(
                source,
                ctx,
                &mut chunk.errors,
                &mut chunk.read,
                InteractionDraft::validate,
                |line, i: Interaction| {
                    let key = natural_key(&[
                        &i.customer_id,
                        &ms(i.occurred_at).to_string(),
                        i.channel.map_or("", Channel::as_str),
                        i.direction.map_or("", Direction::as_str),
                        i.employee_email.as_deref().unwrap_or(""),
                        i.summary.as_deref().unwrap_or(""),
                    ]);
                    seen.check(&key, line)
                        .map_err(|first| ("", String::new(), first))?;
                    rows.push((line, i));
                    Ok(())
                },
            ),
            Rows::Feedback(rows) => read_one(
                source,
                ctx,
                &mut chunk.errors,
                &mut chunk.read,
                FeedbackDraft::validate,
                |line, f: Feedback| {
                    let key = natural_key(&[
                        &f.customer_id,
                        &ms(f.given_at).to_string(),
                        &f.nps.map(|n| n.to_string()).unwrap_or_default(),
                        &f.csat.map(|n| n.to_string()).unwrap_or_default(),
                        f.comment.as_deref().unwrap_or(""),
                    ]);
                    seen.check(&key, line)
                        .map_err(|first| ("", String::new(), first))?;
                    rows.push((line, f));
                    Ok(())
                },
            ),
            Rows::Costs(rows) => read_one(
                source,
                ctx,
                &mut chunk.errors,
                &mut chunk.read,
                CostEntryDraft::validate,
                |line, c: CostEntry| {
                    let key = natural_key(&[
                        &c.customer_id,
                        &ms(c.incurred_at).to_string(),
                        &c.category,
                        &c.amount.minor().to_string(),
                    ]);
                    seen.check(&key, line)
                        .map_err(|first| ("", String::new(), first))?;
                    rows.push((line, c));
                    Ok(())
                },
            ),
        };
        if !more {
            return (chunk, true);
        }
    }
    (chunk, false)
}

/// A repeated id: the column, the id, and the line it first appeared on. An empty column
/// means the whole row repeats an earlier one.
type Repeat = (&'static str, String, u64);

/// Reads one row; false at the end of the file.
fn read_one<D: serde::de::DeserializeOwned, T>(
    source: &mut Source,
    ctx: &Context,
    errors: &mut Vec<RowError>,
    read: &mut u64,
    validate: fn(D, &Context) -> Result<T, clientele_core::FieldErrors>,
    keep: impl FnOnce(u64, T) -> Result<(), Repeat>,
) -> bool {
    let Some(next) = source.next::<D>() else {
        return false;
    };
    *read += 1;
    let (line, draft) = match next {
        Ok(row) => row,
        Err(e) => {
            errors.push(e);
            return true;
        }
    };
    match validate(draft, ctx) {
        Ok(record) => {
            if let Err((column, id, first)) = keep(line, record) {
                let (column, message) = if column.is_empty() {
                    (None, Message::new("repeats-line").int("line", first as i64))
                } else {
                    (
                        source.columns.column(column),
                        Message::new("duplicate-in-file")
                            .text("value", id)
                            .int("line", first as i64),
                    )
                };
                errors.push(RowError {
                    line,
                    column,
                    message,
                });
            }
        }
        Err(field_errors) => errors.extend(source.columns.field_errors(line, &field_errors)),
    }
    true
}

/// A non-unique index that a large import drops and builds again at the end: building an
/// index from sorted data is several times faster than inserting a million random keys.
/// The definitions are those of the migrations (a test checks they agree).
pub(crate) struct SecondaryIndex {
    pub name: &'static str,
    pub definition: &'static str,
}

pub(crate) const SECONDARY_INDEXES: &[(&str, &[SecondaryIndex])] = &[
    (
        "orders",
        &[
            SecondaryIndex {
                name: "orders_customer",
                definition: "orders (customer_key, ordered_at, amount, cost)",
            },
            SecondaryIndex {
                name: "orders_ordered",
                definition: "orders (ordered_at, order_key)",
            },
        ],
    ),
    (
        "interactions",
        &[
            SecondaryIndex {
                name: "interactions_customer",
                definition: "interactions (customer_key, occurred_at, employee_key, channel)",
            },
            SecondaryIndex {
                name: "interactions_employee",
                definition: "interactions (employee_key)",
            },
            SecondaryIndex {
                name: "interactions_occurred",
                definition: "interactions (occurred_at, interaction_key)",
            },
        ],
    ),
    (
        "complaints",
        &[
            SecondaryIndex {
                name: "complaints_customer",
                definition: "complaints (customer_key, opened_at, resolved_at, severity)",
            },
            SecondaryIndex {
                name: "complaints_opened",
                definition: "complaints (opened_at, complaint_key)",
            },
        ],
    ),
    (
        "feedback",
        &[
            SecondaryIndex {
                name: "feedback_customer",
                definition: "feedback (customer_key, given_at, nps, csat)",
            },
            SecondaryIndex {
                name: "feedback_given",
                definition: "feedback (given_at, feedback_key)",
            },
        ],
    ),
    (
        "cost_entries",
        &[
            SecondaryIndex {
                name: "cost_entries_customer",
                definition: "cost_entries (customer_key, incurred_at, amount)",
            },
            SecondaryIndex {
                name: "cost_entries_incurred",
                definition: "cost_entries (incurred_at, cost_key)",
            },
        ],
    ),
];

/// Rows an import must bring, at least, before its table's secondary indexes are rebuilt
/// rather than maintained; it must also bring at least twice the rows the table holds (a
/// re-import of the same file keeps its indexes).
const DEFER_INDEXES_FROM_ROWS: u64 = 100_000;

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
                    write_interactions(tx, &refs(&kept), &state.customers, &employees).await?;
            }
        }
        Rows::Feedback(rows) => {
            let rows = keep_known(rows, columns, errors, &state.customers, |f| &f.customer_id);
            if !errors.fatal() {
                state.affected += write_feedback(tx, &refs(&rows), &state.customers).await?;
            }
        }
        Rows::Costs(rows) => {
            let rows = keep_known(rows, columns, errors, &state.customers, |c| &c.customer_id);
            if !errors.fatal() {
                state.affected += write_costs(tx, &refs(&rows), &state.customers).await?;
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

/// Runs a multi-row `insert … values (…), (…) …` for `rows`, `per_statement` rows at a time.
/// `columns` is the number of values per row; `bind` binds one row's values in order.
pub(crate) async fn insert_rows<T>(
    tx: &mut Transaction<'_, Any>,
    head: &str,
    tail: &str,
    columns: usize,
    rows: &[T],
    bind: impl Fn(Query<'static, Any, AnyArguments>, &T) -> Query<'static, Any, AnyArguments>,
) -> StoreResult<u64> {
    // SQLite allows 32,766 parameters per statement, PostgreSQL 65,535.
    let per_statement = (8_000 / columns).max(1);
    let mut affected = 0;
    let mut cached: Option<(usize, String)> = None;
    let sqlite = tx.backend() == Backend::Sqlite;
    for batch in rows.chunks(per_statement) {
        let text = match &cached {
            Some((n, text)) if *n == batch.len() => text.clone(),
            _ => {
                let text = values_statement(head, tail, columns, batch.len(), sqlite);
                cached = Some((batch.len(), text.clone()));
                text
            }
        };
        // Safe: the text is ours; every value is bound.
        let mut query = sqlx::query(AssertSqlSafe(text));
        for row in batch {
            query = bind(query, row);
        }
        affected += query.execute(&mut **tx).await?.rows_affected();
    }
    Ok(affected)
}

/// `head (…), (…) tail` with `$n` placeholders, or `?` for SQLite (see [`Sql`]).
fn values_statement(head: &str, tail: &str, columns: usize, rows: usize, sqlite: bool) -> String {
    let mut text = String::with_capacity(head.len() + tail.len() + rows * columns * 6);
    text.push_str(head);
    let mut n = 0;
    for r in 0..rows {
        text.push_str(if r == 0 { " (" } else { ", (" });
        for c in 0..columns {
            n += 1;
            if c > 0 {
                text.push_str(", ");
            }
            if sqlite {
                text.push('?');
            } else {
                text.push('$');
                text.push_str(&n.to_string());
            }
        }
        text.push(')');
    }
    text.push(' ');
    text.push_str(tail);
    text
}

/// The `set` list of an upsert: every updatable column present in the file, and a `where`
/// that skips rows already stored exactly so, which keeps re-imports from touching them.
fn upsert_tail(table: &str, conflict: &str, columns: &[&str]) -> String {
    let set: Vec<String> = columns
        .iter()
        .map(|c| format!("{c} = excluded.{c}"))
        .collect();
    let differs: Vec<String> = columns
        .iter()
        .map(|c| format!("{table}.{c} is distinct from excluded.{c}"))
        .collect();
    format!(
        "on conflict ({conflict}) do update set {}, updated_at = excluded.updated_at where {}",
        set.join(", "),
        differs.join(" or ")
    )
}

pub(crate) async fn write_orders(
    tx: &mut Transaction<'_, Any>,
    rows: &[&Order],
    customers: &HashMap<String, i64>,
    present_cost: bool,
    present_currency: bool,
) -> StoreResult<u64> {
    let mut updatable = vec!["customer_key", "ordered_at", "amount"];
    if present_cost {
        updatable.push("cost");
    }
    if present_currency {
        updatable.push("currency");
    }
    let tail = upsert_tail("orders", "order_id", &updatable);
    insert_rows(
        tx,
        "insert into orders (order_id, customer_key, ordered_at, amount, cost, currency, updated_at) values",
        &tail,
        7,
        rows,
        |q, o| {
            q.bind(o.order_id.clone())
                .bind(customers.get(&o.customer_id).copied())
                .bind(ms(o.ordered_at))
                .bind(o.amount.minor())
                .bind(o.cost.map(|c| c.minor()))
                .bind(o.currency.code().to_owned())
                .bind(ms(o.updated_at))
        },
    )
    .await
}

pub(crate) async fn write_complaints(
    tx: &mut Transaction<'_, Any>,
    rows: &[&Complaint],
    customers: &HashMap<String, i64>,
    present: impl Fn(&str) -> bool,
) -> StoreResult<u64> {
    let mut updatable = vec!["customer_key", "opened_at"];
    for optional in ["resolved_at", "severity", "subject"] {
        if present(optional) {
            updatable.push(optional);
        }
    }
    let tail = upsert_tail("complaints", "complaint_id", &updatable);
    insert_rows(
        tx,
        "insert into complaints (complaint_id, customer_key, opened_at, resolved_at, severity, subject, updated_at) values",
        &tail,
        7,
        rows,
        |q, c| {
            q.bind(c.complaint_id.clone())
                .bind(customers.get(&c.customer_id).copied())
                .bind(ms(c.opened_at))
                .bind(c.resolved_at.map(ms))
                .bind(c.severity.as_str())
                .bind(c.subject.clone())
                .bind(ms(c.updated_at))
        },
    )
    .await
}

pub(crate) async fn write_interactions(
    tx: &mut Transaction<'_, Any>,
    rows: &[&Interaction],
    customers: &HashMap<String, i64>,
    employees: &HashMap<String, i64>,
) -> StoreResult<u64> {
    insert_rows(
        tx,
        "insert into interactions (customer_key, occurred_at, channel, direction, employee_key, summary, natural_key) values",
        "on conflict (natural_key) do nothing",
        7,
        rows,
        |q, i| {
            let customer = customers.get(&i.customer_id).copied().unwrap_or(0);
            let employee = i.employee_email.as_ref().and_then(|e| employees.get(e).copied());
            q.bind(customer)
                .bind(ms(i.occurred_at))
                .bind(i.channel.map(Channel::as_str))
                .bind(i.direction.map(Direction::as_str))
                .bind(employee)
                .bind(i.summary.clone())
                .bind(interaction_key(customer, employee, i))
        },
    )
    .await
}

pub(crate) async fn write_feedback(
    tx: &mut Transaction<'_, Any>,
    rows: &[&Feedback],
    customers: &HashMap<String, i64>,
) -> StoreResult<u64> {
    insert_rows(
        tx,
        "insert into feedback (customer_key, given_at, nps, csat, comment, natural_key) values",
        "on conflict (natural_key) do nothing",
        6,
        rows,
        |q, f| {
            let customer = customers.get(&f.customer_id).copied().unwrap_or(0);
            q.bind(customer)
                .bind(ms(f.given_at))
                .bind(f.nps.map(i64::from))
                .bind(f.csat.map(i64::from))
                .bind(f.comment.clone())
                .bind(feedback_key(customer, f))
        },
    )
    .await
}

pub(crate) async fn write_costs(
    tx: &mut Transaction<'_, Any>,
    rows: &[&CostEntry],
    customers: &HashMap<String, i64>,
) -> StoreResult<u64> {
    insert_rows(
        tx,
        "insert into cost_entries (customer_key, incurred_at, category, amount, natural_key) values",
        "on conflict (natural_key) do nothing",
        5,
        rows,
        |q, c| {
            let customer = customers.get(&c.customer_id).copied().unwrap_or(0);
            q.bind(customer)
                .bind(ms(c.incurred_at))
                .bind(c.category.clone())
                .bind(c.amount.minor())
                .bind(cost_key(customer, c))
        },
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::SECONDARY_INDEXES;

    #[test]
    fn the_indexes_a_large_import_rebuilds_are_those_of_the_migrations() {
        for migrations in [
            concat!(
                include_str!("../../migrations/sqlite/0001_customer_base.sql"),
                include_str!("../../migrations/sqlite/0002_time_order_indexes.sql"),
                include_str!("../../migrations/sqlite/0004_covering_customer_indexes.sql"),
            ),
            concat!(
                include_str!("../../migrations/postgres/0001_customer_base.sql"),
                include_str!("../../migrations/postgres/0002_time_order_indexes.sql"),
                include_str!("../../migrations/postgres/0004_covering_customer_indexes.sql"),
            ),
        ] {
            for (_, indexes) in SECONDARY_INDEXES {
                for index in *indexes {
                    let statement = format!("create index {} on {};", index.name, index.definition);
                    assert!(
                        migrations.contains(&statement),
                        "`{statement}` is not in the migrations"
                    );
                }
            }
        }
    }
}
