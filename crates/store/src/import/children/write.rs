//! The multi-row writers imports and bulk loads share.

use std::collections::HashMap;

use clientele_core::model::*;
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, AssertSqlSafe, Transaction};

use crate::Backend;
use crate::activity::{Child, Complaints, insert_children};
use crate::error::StoreResult;
use crate::sql::{BackendOf, ms};

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
    let tail = upsert_tail(Complaints::TABLE, "complaint_id", &updatable);
    insert_children::<Complaints>(tx, rows, &tail, customers, None).await
}

/// Writes rows without a business id: a row whose content is already stored (the same
/// natural key) is left alone.
pub(crate) async fn write_new<C: Child>(
    tx: &mut Transaction<'_, Any>,
    rows: &[&C::Input],
    customers: &HashMap<String, i64>,
    employees: Option<&HashMap<String, i64>>,
) -> StoreResult<u64> {
    let tail = "on conflict (natural_key) do nothing";
    insert_children::<C>(tx, rows, tail, customers, employees).await
}
