//! The win-back list (spec §2, `lapsed` and `lost`): the customers who went silent, most
//! valuable first, with what is still open between them and us and whose job they are.

use clientele_core::Money;
use serde::Serialize;
use sqlx::Row;
use utoipa::ToSchema;

use crate::error::StoreResult;
use crate::sql::Sql;
use crate::{AccessScope, Store};

/// One customer to win back.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct WinBackRow {
    pub customer_id: String,
    pub name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// `lapsed` or `lost`.
    pub stage: String,
    /// `A`, `B` or `C`.
    pub tier: String,
    /// Everything they have ever spent with us.
    #[schema(value_type = String)]
    pub spent: Money,
    pub orders: i64,
    /// Milliseconds since the epoch of their last order.
    pub last_order_ms: Option<i64>,
    pub owner_email: Option<String>,
    /// Whether the owner still works here (a gone owner's customers need a new one first).
    pub owner_active: bool,
    /// Their complaints not yet resolved, oldest first: (opened ms, severity, subject).
    pub open_complaints: Vec<(i64, String, Option<String>)>,
}

/// Which silent customers to list.
#[derive(Clone, Debug, Default)]
pub struct WinBackFilter {
    /// `lapsed` or `lost`; both when absent.
    pub stage: Option<String>,
    /// `A`, `B` or `C`; all when absent.
    pub tier: Option<String>,
}

impl Store {
    /// Lapsed and lost customers the scope may see, tier A first and, within a tier, those
    /// who spent most; `offset`/`limit` page through them.
    pub async fn win_back(
        &self,
        scope: &AccessScope,
        filter: &WinBackFilter,
        offset: u32,
        limit: u32,
    ) -> StoreResult<Vec<WinBackRow>> {
        let currency = self.currency().await?;
        let stage = filter
            .stage
            .as_deref()
            .filter(|s| matches!(*s, "lapsed" | "lost"));
        let tiers: Vec<&str> = match filter.tier.as_deref() {
            Some(tier @ ("A" | "B" | "C")) => vec![tier],
            _ => vec!["A", "B", "C"],
        };
        let restrict = |sql: &mut Sql, tier: &str| {
            match stage {
                Some(stage) => sql.push(" and t.stage = ").bind(stage.to_owned()),
                None => sql.push(" and t.stage in ('lapsed', 'lost')"),
            };
            sql.push(" and t.tier = ").bind(tier.to_owned());
            scope.restrict(sql, "c");
        };
        // A page is read a tier at a time: what they spent is summed only for the tier the
        // page falls in (on a million customers, tier A's silent ones, not half the base).
        let mut rows = Vec::new();
        let mut skip = i64::from(offset);
        let mut wanted = i64::from(limit);
        for tier in tiers {
            if wanted == 0 {
                break;
            }
            let mut count = Sql::new(
                "select count(*) from customer_types t join customers c on c.customer_key = t.customer_key where 1 = 1",
            );
            restrict(&mut count, tier);
            let in_tier: i64 = count
                .query(self.backend())
                .fetch_one(self.pool())
                .await?
                .try_get(0)?;
            if skip >= in_tier {
                skip -= in_tier;
                continue;
            }
            let mut sql = Sql::new(
                "select c.customer_id, c.name, c.phone, c.email, t.stage, t.tier,
                        (select cast(coalesce(sum(o.amount), 0) as bigint) from orders o where o.customer_key = c.customer_key) as spent,
                        (select count(*) from orders o where o.customer_key = c.customer_key) as orders,
                        (select max(o.ordered_at) from orders o where o.customer_key = c.customer_key) as last_order,
                        e.email, e.employee_key, e.left_at, c.customer_key
                 from customer_types t
                 join customers c on c.customer_key = t.customer_key
                 left join employees e on e.employee_key = c.owner_key
                 where 1 = 1",
            );
            restrict(&mut sql, tier);
            sql.push(" order by spent desc, c.customer_id limit ")
                .bind(wanted)
                .push(" offset ")
                .bind(skip);
            let got = sql.query(self.backend()).fetch_all(self.pool()).await?;
            wanted -= got.len() as i64;
            skip = 0;
            rows.extend(got);
        }
        let mut list = Vec::with_capacity(rows.len());
        let mut keys = Vec::with_capacity(rows.len());
        for row in rows {
            let owner_key: Option<i64> = row.try_get(10)?;
            let left_at: Option<i64> = row.try_get(11)?;
            list.push(WinBackRow {
                customer_id: row.try_get(0)?,
                name: row.try_get(1)?,
                phone: row.try_get(2)?,
                email: row.try_get(3)?,
                stage: row.try_get(4)?,
                tier: row.try_get(5)?,
                spent: Money::from_minor(row.try_get(6)?, currency),
                orders: row.try_get(7)?,
                last_order_ms: row.try_get(8)?,
                owner_email: row.try_get(9)?,
                owner_active: owner_key.is_some() && left_at.is_none(),
                open_complaints: Vec::new(),
            });
            keys.push(row.try_get::<i64, _>(12)?);
        }
        if keys.is_empty() {
            return Ok(list);
        }
        let mut sql = Sql::new(
            "select customer_key, opened_at, severity, subject from complaints
             where resolved_at is null and customer_key in (",
        );
        sql.bind_list(keys.iter().copied())
            .push(") order by opened_at");
        for row in sql.query(self.backend()).fetch_all(self.pool()).await? {
            let key: i64 = row.try_get(0)?;
            if let Some(i) = keys.iter().position(|k| *k == key) {
                list[i]
                    .open_complaints
                    .push((row.try_get(1)?, row.try_get(2)?, row.try_get(3)?));
            }
        }
        Ok(list)
    }
}
