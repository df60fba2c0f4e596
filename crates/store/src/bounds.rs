//! What one customer may accumulate: their orders, and their costs to serve, may not add up
//! past [`MAX_CUSTOMER_TOTAL_MINOR`], so that every per-customer sum (in SQL and in the
//! analytics) fits an i64. Checked inside the writing transaction, after the write.

use clientele_core::money::{MAX_CUSTOMER_TOTAL_MINOR, Money};
use clientele_core::{Currency, Message};
use sqlx::{Any, Transaction};

use crate::Backend;
use crate::error::{StoreError, StoreResult};
use crate::sql::{BackendOf, RowExt, Sql};

/// The amounts one customer accumulates.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Accumulated {
    Orders,
    Costs,
}

impl Accumulated {
    fn table(self) -> &'static str {
        match self {
            Accumulated::Orders => "orders",
            Accumulated::Costs => "cost_entries",
        }
    }
}

/// Whose total to check.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Whose {
    /// The customer with this key.
    Customer(i64),
    /// The customer of the row whose key column (the first) is the second.
    OfRow(&'static str, i64),
    /// Every customer (after an import).
    Anyone,
}

/// Refuses, naming the field `amount`, when the customer checked now holds more than one
/// customer may accumulate, summed exactly whatever was stored before the bound existed.
pub(crate) async fn within_customer_total(
    tx: &mut Transaction<'_, Any>,
    what: Accumulated,
    whose: Whose,
    currency: Currency,
) -> StoreResult<()> {
    let table = what.table();
    let mut sql = Sql::new(&format!(
        "select c.customer_id from {table} x join customers c on c.customer_key = x.customer_key"
    ));
    match whose {
        Whose::Customer(key) => {
            sql.push(" where x.customer_key = ").bind(key);
        }
        Whose::OfRow(column, key) => {
            sql.push(&format!(
                " where x.customer_key = (select r.customer_key from {table} r where r.{column} = "
            ))
            .bind(key)
            .push(")");
        }
        Whose::Anyone => {}
    }
    // Exact where it matters: PostgreSQL sums bigints as numeric, which cannot overflow;
    // SQLite's sum() stops at an integer overflow, so it sums the parts above and below 10^9
    // (neither can overflow) and puts them together, which is exact up to an i64 and turns
    // into a float (still far above the bound) past it.
    let total = match tx.backend() {
        Backend::Postgres => "sum(x.amount)",
        Backend::Sqlite => "(sum(x.amount / 1000000000) * 1000000000 + sum(x.amount % 1000000000))",
    };
    sql.push(&format!(" group by c.customer_id having {total} > "))
        .bind(MAX_CUSTOMER_TOTAL_MINOR)
        .push(" limit 1");
    let found = sql.query(tx.backend()).fetch_optional(&mut **tx).await?;
    match found.map(|row| row.text("customer_id")).transpose()? {
        None => Ok(()),
        Some(customer_id) => Err(StoreError::invalid(
            "amount",
            Message::new("customer-total-too-large")
                .text("id", customer_id)
                .text(
                    "max",
                    Money::from_minor(MAX_CUSTOMER_TOTAL_MINOR, currency).to_string(),
                ),
        )),
    }
}
