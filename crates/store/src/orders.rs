//! Orders.

use clientele_core::model::Order;
use clientele_core::{Currency, Money};
use sqlx::any::AnyRow;

use crate::Store;
use crate::bounds::{Accumulated, Whose, within_customer_total};
use crate::customers::visible_customer_key;
use crate::error::{StoreError, StoreResult, is_unique_violation};
use crate::list::{ListRequest, Listing, Page, SortColumn};
use crate::scope::AccessScope;
use crate::sql::{RowExt, Sql, found_key, ms};

#[derive(Clone, Debug, Default)]
pub struct OrderFilter {
    pub customer_id: Option<String>,
    /// Ordered at or after.
    pub ordered_from: Option<String>,
    /// Ordered before.
    pub ordered_to: Option<String>,
}

const SORTS: &[SortColumn] = &[
    SortColumn::int("ordered_at", "o.ordered_at"),
    SortColumn::text("order_id", "o.order_id"),
    SortColumn::int("amount", "o.amount"),
];

const SELECT: &str =
    "select o.order_key, o.order_id, c.customer_id, o.ordered_at, o.amount, o.cost,
        o.currency, o.updated_at";
const FROM: &str = " from orders o join customers c on c.customer_key = o.customer_key";

impl Store {
    pub async fn create_order(&self, scope: &AccessScope, order: &Order) -> StoreResult<Order> {
        self.write_order(scope, None, order).await
    }

    pub async fn get_order(&self, scope: &AccessScope, order_id: &str) -> StoreResult<Order> {
        let sql = Sql::visible(&format!("{SELECT}{FROM}"), "o.order_id", order_id, scope);
        order_from_row(&self.found(&sql, "order", order_id).await?)
    }

    pub async fn update_order(
        &self,
        scope: &AccessScope,
        order_id: &str,
        order: &Order,
    ) -> StoreResult<Order> {
        self.write_order(scope, Some(order_id), order).await
    }

    /// Inserts `order`, or replaces the order `replaced` (which it may rename), and reads it
    /// back; both the order replaced and the customer named must be visible.
    async fn write_order(
        &self,
        scope: &AccessScope,
        replaced: Option<&str>,
        order: &Order,
    ) -> StoreResult<Order> {
        let mut tx = self.begin_write().await?;
        let key = match replaced {
            Some(order_id) => Some(self.visible_order_key(&mut tx, scope, order_id).await?),
            None => None,
        };
        let customer_key = visible_customer_key(&mut tx, scope, &order.customer_id)
            .await
            .map_err(|e| unknown_customer(e, &order.customer_id))?;
        let statement = match key {
            None => {
                "insert into orders (order_id, customer_key, ordered_at, amount, cost, currency, updated_at)
             values ($1, $2, $3, $4, $5, $6, $7)"
            }
            Some(_) => {
                "update orders set order_id = $1, customer_key = $2, ordered_at = $3, amount = $4,
                 cost = $5, currency = $6, updated_at = $7
             where order_key = $8"
            }
        };
        let mut query = sqlx::query(statement)
            .bind(order.order_id.clone())
            .bind(customer_key)
            .bind(ms(order.ordered_at))
            .bind(order.amount.minor())
            .bind(order.cost.map(|c| c.minor()))
            .bind(order.currency.code().to_owned())
            .bind(ms(order.updated_at));
        if let Some(key) = key {
            query = query.bind(key);
        }
        match query.execute(&mut *tx).await {
            Err(e) if is_unique_violation(&e) => return Err(duplicate(&order.order_id)),
            other => other?,
        };
        crate::customers::acquired_by_first_order(&mut tx, Some(customer_key)).await?;
        within_customer_total(
            &mut tx,
            Accumulated::Orders,
            Whose::Customer(customer_key),
            order.currency,
        )
        .await?;
        tx.commit().await?;
        self.get_order(scope, &order.order_id).await
    }

    pub async fn delete_order(&self, scope: &AccessScope, order_id: &str) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        let key = self.visible_order_key(&mut tx, scope, order_id).await?;
        sqlx::query("delete from orders where order_key = $1")
            .bind(key)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn list_orders(
        &self,
        scope: &AccessScope,
        filter: &OrderFilter,
        request: &ListRequest,
    ) -> StoreResult<Page<Order>> {
        let mut list = Listing::new(request, SORTS, "ordered_at", "o.order_key", SELECT, FROM)?;
        scope.restrict(&mut list.sql, "c");
        list.equals("c.customer_id", filter.customer_id.as_deref());
        list.between(
            "o.ordered_at",
            ("ordered_from", filter.ordered_from.as_deref()),
            ("ordered_to", filter.ordered_to.as_deref()),
        );
        list.page(self, order_from_row).await
    }

    async fn visible_order_key(
        &self,
        tx: &mut sqlx::Transaction<'_, sqlx::Any>,
        scope: &AccessScope,
        order_id: &str,
    ) -> StoreResult<i64> {
        let select = format!("select o.order_key{FROM}");
        let sql = Sql::visible(&select, "o.order_id", order_id, scope);
        found_key(tx, &sql, "order_key", "order", order_id).await
    }
}

fn duplicate(order_id: &str) -> StoreError {
    StoreError::Duplicate {
        entity: "order",
        field: "order_id",
        id: order_id.to_owned(),
    }
}

/// A record that points at a customer the caller cannot see names the field at fault.
pub(crate) fn unknown_customer(error: StoreError, customer_id: &str) -> StoreError {
    match error {
        StoreError::NotFound { .. } => StoreError::invalid(
            "customer_id",
            clientele_core::Message::new("no-customer").text("id", customer_id),
        ),
        other => other,
    }
}

fn order_from_row(row: &AnyRow) -> StoreResult<Order> {
    let currency: Currency = row
        .text("currency")?
        .parse()
        .map_err(|e: clientele_core::Message| StoreError::Corrupt(format!("currency: {e}")))?;
    Ok(Order {
        order_id: row.text("order_id")?,
        customer_id: row.text("customer_id")?,
        ordered_at: row.instant("ordered_at")?,
        amount: Money::from_minor(row.int("amount")?, currency),
        cost: row.opt_int("cost")?.map(|c| Money::from_minor(c, currency)),
        currency,
        updated_at: row.instant("updated_at")?,
    })
}
