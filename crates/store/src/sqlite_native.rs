//! Whole-base reads of a SQLite file through SQLite's own API (rusqlite), for the type
//! engine's full pass.
//!
//! Why a second driver: everything else goes through `sqlx::Any` with one portable SQL text,
//! but a full pass reads every order, cost, complaint, feedback answer and interaction of a
//! million customers, some 16 million rows, and `Any` costs about 3 µs a row on top of
//! SQLite's own 0.3 µs: a minute instead of seconds. The SQL here is the same portable text;
//! only the driver differs, and only for reads of the whole base without an access scope.
//!
//! Two connections read in parallel (customers and orders on one; costs, complaints,
//! feedback and interactions on the other). Their snapshots are taken while a third
//! connection holds the write lock, so no write can land between them: both see the same
//! committed state, as one transaction would.

use std::path::Path;
use std::time::Duration;

use clientele_core::analytics::{CostFact, Millis, OrderFact};
use clientele_core::classify::{ComplaintFact, FeedbackFact, InteractionFact};
use clientele_core::{Channel, Severity};
use rusqlite::{Connection, OpenFlags, params};

use crate::analytics::BaseFacts;
use crate::error::{StoreError, StoreResult};

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Config(format!("SQLite: {e}"))
    }
}

fn open(path: &Path, flags: OpenFlags) -> StoreResult<Connection> {
    let conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    conn.busy_timeout(Duration::from_secs(10))?;
    // A larger page cache than the default 2 MiB: the pass reads each index once, in order.
    conn.execute_batch("pragma cache_size = -65536; pragma temp_store = memory;")?;
    Ok(conn)
}

impl crate::analytics::Columns for rusqlite::Row<'_> {
    fn int(&self, i: usize) -> StoreResult<Option<i64>> {
        Ok(self.get(i)?)
    }
    fn text(&self, i: usize) -> StoreResult<Option<String>> {
        Ok(self.get(i)?)
    }
}

fn corrupt(what: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{what}: {e}"))
}

fn small(value: Option<i64>) -> Option<u8> {
    value.and_then(|v| u8::try_from(v).ok())
}

/// What the second connection reads: rows keyed by customer, sorted by key.
#[derive(Default)]
struct Activity {
    costs: Vec<(i64, CostFact)>,
    complaints: Vec<(i64, ComplaintFact)>,
    feedback: Vec<(i64, FeedbackFact)>,
    interactions: Vec<(i64, InteractionFact)>,
}

/// Reads every customer with their facts up to `as_of` (inclusive) from the SQLite file at
/// `path`: what `Store::customer_facts` reads, for an unrestricted scope. Blocking.
pub(crate) fn read_base(path: &Path, as_of: Millis) -> StoreResult<BaseFacts> {
    let read_only = OpenFlags::SQLITE_OPEN_READ_ONLY;
    let customers_conn = open(path, read_only)?;
    let activity_conn = open(path, read_only)?;
    {
        // Hold the write lock while both readers take their snapshot.
        let lock = open(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        lock.execute_batch("begin immediate")?;
        for conn in [&customers_conn, &activity_conn] {
            conn.execute_batch("begin")?;
            conn.query_row("select count(*) from settings", [], |r| r.get::<_, i64>(0))?;
        }
        lock.execute_batch("rollback")?;
    }
    let (customers, activity) = std::thread::scope(|scope| {
        let activity = scope.spawn(move || {
            let activity = read_activity(&activity_conn, as_of)?;
            activity_conn.execute_batch("commit")?;
            Ok::<_, StoreError>(activity)
        });
        let customers = read_customers(&customers_conn, as_of);
        let activity = activity
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (customers, activity)
    });
    customers_conn.execute_batch("commit")?;
    let mut base = customers?;
    let activity = activity?;
    let keys = &base.customer_keys;
    for (i, costs) in runs(keys, &activity.costs) {
        base.customers[i].costs = costs;
    }
    for (i, complaints) in runs(keys, &activity.complaints) {
        base.context[i].complaints = complaints;
    }
    for (i, feedback) in runs(keys, &activity.feedback) {
        base.context[i].feedback = feedback;
    }
    for (i, interactions) in runs(keys, &activity.interactions) {
        base.context[i].interactions = interactions;
    }
    Ok(base)
}

/// The rows of each customer, as a vector of exactly their size, with the customer's index
/// in `keys`: both are sorted by key, so one linear merge. Rows of customers not in `keys`
/// (created after the customers were read) are left out.
fn runs<'a, T: Copy>(
    keys: &'a [i64],
    rows: &'a [(i64, T)],
) -> impl Iterator<Item = (usize, Vec<T>)> + 'a {
    let mut at = 0usize;
    rows.chunk_by(|a, b| a.0 == b.0).filter_map(move |run| {
        let i = crate::analytics::seek(keys, &mut at, run[0].0)?;
        Some((i, run.iter().map(|(_, fact)| *fact).collect()))
    })
}

fn read_customers(conn: &Connection, as_of: Millis) -> StoreResult<BaseFacts> {
    let mut base = BaseFacts::default();
    let count: i64 = conn.query_row("select count(*) from customers", [], |r| r.get(0))?;
    let count = usize::try_from(count).unwrap_or(0);
    base.customers.reserve(count);
    base.context.reserve(count);
    base.customer_keys.reserve(count);
    let mut statement = conn.prepare(&format!(
        "{} order by c.customer_key",
        crate::analytics::CUSTOMER_SELECT
    ))?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let (key, facts, context) = crate::analytics::customer_from(row)?;
        base.customer_keys.push(key);
        base.customers.push(facts);
        base.context.push(context);
    }
    drop(rows);

    // Orders by customer and time, from the covering index alone.
    let mut statement = conn.prepare(
        "select customer_key, ordered_at, amount, cost from orders
         where ordered_at <= ?1 order by customer_key, ordered_at",
    )?;
    let mut rows = statement.query(params![as_of])?;
    let mut orders: Vec<(i64, OrderFact)> = Vec::with_capacity(table_size(conn, "orders")?);
    while let Some(row) = rows.next()? {
        orders.push((
            row.get(0)?,
            OrderFact {
                at: row.get(1)?,
                amount: row.get(2)?,
                cost: row.get(3)?,
            },
        ));
    }
    for (i, list) in runs(&base.customer_keys, &orders) {
        base.customers[i].orders = list;
    }
    Ok(base)
}

/// An upper bound of a table's rows, for reserving memory once: its largest key (keys are
/// assigned in ascending order), capped so that a stray large key costs nothing.
fn table_size(conn: &Connection, table: &str) -> StoreResult<usize> {
    let largest: Option<i64> =
        conn.query_row(&format!("select max(rowid) from {table}"), [], |r| r.get(0))?;
    Ok(usize::try_from(largest.unwrap_or(0))
        .unwrap_or(0)
        .min(50_000_000))
}

fn read_activity(conn: &Connection, as_of: Millis) -> StoreResult<Activity> {
    let mut activity = Activity {
        costs: Vec::with_capacity(table_size(conn, "cost_entries")?),
        complaints: Vec::with_capacity(table_size(conn, "complaints")?),
        feedback: Vec::with_capacity(table_size(conn, "feedback")?),
        interactions: Vec::with_capacity(table_size(conn, "interactions")?),
    };
    let mut statement = conn.prepare(
        "select customer_key, incurred_at, amount from cost_entries
         where incurred_at <= ?1 order by customer_key, incurred_at",
    )?;
    let mut rows = statement.query(params![as_of])?;
    while let Some(row) = rows.next()? {
        activity.costs.push((
            row.get(0)?,
            CostFact {
                at: row.get(1)?,
                amount: row.get(2)?,
            },
        ));
    }
    drop(rows);

    let mut statement = conn.prepare(
        "select customer_key, opened_at, resolved_at, severity from complaints
         where opened_at <= ?1 order by customer_key, opened_at",
    )?;
    let mut rows = statement.query(params![as_of])?;
    while let Some(row) = rows.next()? {
        let severity: String = row.get(3)?;
        activity.complaints.push((
            row.get(0)?,
            ComplaintFact {
                opened_at: row.get(1)?,
                resolved_at: row.get(2)?,
                severity: Severity::parse(&severity).map_err(|e| corrupt("severity", e))?,
            },
        ));
    }
    drop(rows);

    let mut statement = conn.prepare(
        "select customer_key, given_at, nps, csat from feedback
         where given_at <= ?1 order by customer_key, given_at",
    )?;
    let mut rows = statement.query(params![as_of])?;
    while let Some(row) = rows.next()? {
        activity.feedback.push((
            row.get(0)?,
            FeedbackFact {
                given_at: row.get(1)?,
                nps: small(row.get(2)?),
                csat: small(row.get(3)?),
            },
        ));
    }
    drop(rows);

    let mut statement = conn.prepare(
        "select customer_key, occurred_at, employee_key, channel from interactions
         where occurred_at <= ?1 order by customer_key, occurred_at",
    )?;
    let mut rows = statement.query(params![as_of])?;
    while let Some(row) = rows.next()? {
        let channel: Option<String> = row.get(3)?;
        activity.interactions.push((
            row.get(0)?,
            InteractionFact {
                occurred_at: row.get(1)?,
                employee: row.get(2)?,
                channel: channel
                    .map(|c| Channel::parse(&c).map_err(|e| corrupt("channel", e)))
                    .transpose()?,
            },
        ));
    }
    Ok(activity)
}

/// Every stored verdict, sorted by customer key: (key, stage, tier, evaluated_at), and the
/// raised flags as (key, flag). What a full pass compares its results with. Blocking.
#[allow(clippy::type_complexity)]
pub(crate) fn read_verdicts(
    path: &Path,
) -> StoreResult<(Vec<(i64, String, String, Option<i64>)>, Vec<(i64, String)>)> {
    let conn = open(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    conn.execute_batch("begin")?;
    let mut statement = conn.prepare(
        "select customer_key, stage, tier, evaluated_at from customer_types order by customer_key",
    )?;
    let verdicts = statement
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    let mut statement =
        conn.prepare("select customer_key, flag from customer_flags order by customer_key")?;
    let flags = statement
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    drop(statement);
    conn.execute_batch("commit")?;
    Ok((verdicts, flags))
}
