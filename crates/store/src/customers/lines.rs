//! What a list shows of each customer beside their record: their stage, tier and flags as
//! last evaluated and their order figures (orders, what they spent, their last order), read
//! by key for one page of customers, within the caller's scope.

use std::collections::HashMap;

use clientele_core::Money;

use crate::error::StoreResult;
use crate::sql::{RowExt, Sql};
use crate::{AccessScope, Store};

/// One customer's types and order figures, as a list line shows them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CustomerLine {
    pub stage: Option<String>,
    pub tier: Option<String>,
    pub flags: Vec<String>,
    pub orders: i64,
    /// What they spent over their orders, in the base's currency.
    pub spent: Option<Money>,
    pub last_order_ms: Option<i64>,
}

impl Store {
    /// The list lines of these customers (by id) that the scope may read; others are left
    /// out. Each batch is three reads by key: types, flags and order figures.
    pub async fn customer_lines(
        &self,
        scope: &AccessScope,
        customer_ids: &[String],
    ) -> StoreResult<HashMap<String, CustomerLine>> {
        let currency = self.currency().await?;
        let mut lines: HashMap<String, CustomerLine> = HashMap::new();
        for batch in customer_ids.chunks(1_000) {
            let mut sql = Sql::new(
                "select c.customer_key, c.customer_id, t.stage, t.tier,
                        (select count(*) from orders o where o.customer_key = c.customer_key) as orders,
                        (select cast(sum(o.amount) as bigint) from orders o where o.customer_key = c.customer_key) as spent,
                        (select max(o.ordered_at) from orders o where o.customer_key = c.customer_key) as last_order
                 from customers c left join customer_types t on t.customer_key = c.customer_key
                 where c.customer_id in (",
            );
            sql.bind_list(batch.iter().map(String::as_str)).push(")");
            scope.restrict_read(&mut sql, "c");
            let rows = sql.query(self.backend()).fetch_all(self.pool()).await?;
            let mut by_key: HashMap<i64, String> = HashMap::with_capacity(rows.len());
            for row in &rows {
                let id = row.text("customer_id")?;
                by_key.insert(row.int("customer_key")?, id.clone());
                lines.insert(
                    id,
                    CustomerLine {
                        stage: row.opt_text("stage")?,
                        tier: row.opt_text("tier")?,
                        flags: Vec::new(),
                        orders: row.int("orders")?,
                        spent: row
                            .opt_int("spent")?
                            .map(|m| Money::from_minor(m, currency)),
                        last_order_ms: row.opt_int("last_order")?,
                    },
                );
            }
            if by_key.is_empty() {
                continue;
            }
            let mut sql =
                Sql::new("select customer_key, flag from customer_flags where customer_key in (");
            sql.bind_list(by_key.keys().copied())
                .push(") order by flag");
            for row in sql.query(self.backend()).fetch_all(self.pool()).await? {
                if let Some(id) = by_key.get(&row.int("customer_key")?)
                    && let Some(line) = lines.get_mut(id)
                {
                    line.flags.push(row.text("flag")?);
                }
            }
        }
        Ok(lines)
    }
}
