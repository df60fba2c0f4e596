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
use rusqlite::{Connection, OpenFlags, params};

use crate::analytics::{BaseFacts, DatedFact};
use crate::error::{StoreError, StoreResult};

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

/// What the second connection reads: rows keyed by customer, sorted by key.
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
    settle(&mut base, &activity.costs);
    settle(&mut base, &activity.complaints);
    settle(&mut base, &activity.feedback);
    settle(&mut base, &activity.interactions);
    Ok(base)
}

/// Gives each customer its rows of one kind.
fn settle<F: DatedFact + Copy>(base: &mut BaseFacts, rows: &[(i64, F)]) {
    for (i, list) in runs(&base.customer_keys, rows) {
        *F::list(&mut base.customers[i], &mut base.context[i]) = list;
    }
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
    settle(&mut base, &dated::<OrderFact>(conn, as_of)?);
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

/// The rows of a dated kind up to `as_of`, sorted by customer and date, each with its
/// customer's key.
fn dated<F: DatedFact>(conn: &Connection, as_of: Millis) -> StoreResult<Vec<(i64, F)>> {
    let mut statement = conn.prepare(&format!(
        "select customer_key, {at}, {columns} from {table}
         where {at} <= ?1 order by customer_key, {at}",
        at = F::AT,
        columns = F::COLUMNS,
        table = F::TABLE,
    ))?;
    let mut rows = statement.query(params![as_of])?;
    let mut facts = Vec::with_capacity(table_size(conn, F::TABLE)?);
    while let Some(row) = rows.next()? {
        facts.push((row.get(0)?, F::read(row)?));
    }
    Ok(facts)
}

fn read_activity(conn: &Connection, as_of: Millis) -> StoreResult<Activity> {
    Ok(Activity {
        costs: dated(conn, as_of)?,
        complaints: dated(conn, as_of)?,
        feedback: dated(conn, as_of)?,
        interactions: dated(conn, as_of)?,
    })
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
