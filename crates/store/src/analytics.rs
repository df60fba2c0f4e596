//! The per-customer facts the analytics run on, read in one consistent snapshot.
//!
//! The base is read in three streams sorted by customer key (customers, their orders, their
//! cost-to-serve entries) and merged, so memory is the facts themselves and never a map of
//! millions of keys.

use clientele_core::analytics::{CostFact, CustomerFacts, Millis, OrderFact, Profile};
use clientele_core::classify::{
    ComplaintFact, CustomerContext, FeedbackFact, InteractionFact, OwnerFact,
};
use clientele_core::{Channel, CustomerKind, Party, Severity};
use futures_util::TryStreamExt;
use sqlx::Row;

use crate::sql::{BackendOf, Sql};
use crate::{AccessScope, Store, StoreResult};

/// The analytics' view of a base: customers in key order, each with its facts and the type
/// engine's context.
#[derive(Clone, Debug, Default)]
pub struct BaseFacts {
    pub customers: Vec<CustomerFacts>,
    /// Aligned with `customers`.
    pub context: Vec<CustomerContext>,
    /// The store's keys of the customers, aligned with `customers`.
    pub customer_keys: Vec<i64>,
}

fn corrupt(what: &str, e: impl std::fmt::Display) -> crate::StoreError {
    crate::StoreError::Corrupt(format!("{what}: {e}"))
}

fn small(value: Option<i64>) -> Option<u8> {
    value.and_then(|v| u8::try_from(v).ok())
}

impl Store {
    /// Reads every customer the scope may see, with their orders and cost-to-serve entries up
    /// to `as_of` (inclusive), for the analytics.
    pub async fn customer_facts(
        &self,
        scope: &AccessScope,
        as_of: Millis,
    ) -> StoreResult<BaseFacts> {
        let unrestricted = matches!(scope, AccessScope::System(_) | AccessScope::All);
        if let (true, Some(file)) = (unrestricted, self.sqlite_file()) {
            let file = file.to_path_buf();
            return tokio::task::spawn_blocking(move || {
                crate::sqlite_native::read_base(&file, as_of)
            })
            .await
            .map_err(|e| crate::StoreError::Config(format!("reading the base failed: {e}")))?;
        }
        self.facts_of(scope, as_of, None).await
    }

    /// The same for the customers with these keys only (those the scope may see): what
    /// re-evaluating a few customers after an edit reads.
    pub async fn customer_facts_of(
        &self,
        scope: &AccessScope,
        as_of: Millis,
        customer_keys: &[i64],
    ) -> StoreResult<BaseFacts> {
        if customer_keys.is_empty() {
            return Ok(BaseFacts::default());
        }
        self.facts_of(scope, as_of, Some(customer_keys)).await
    }

    async fn facts_of(
        &self,
        scope: &AccessScope,
        as_of: Millis,
        only: Option<&[i64]>,
    ) -> StoreResult<BaseFacts> {
        let restrict = |sql: &mut Sql| {
            scope.restrict(sql, "c");
            if let Some(keys) = only {
                sql.push(" and c.customer_key in (")
                    .bind_list(keys.iter().copied())
                    .push(")");
            }
        };
        let mut tx = self.pool().begin().await?;
        let backend = tx.backend();
        let mut base = BaseFacts::default();
        let mut keys: Vec<i64> = Vec::new();

        let mut sql = Sql::new(CUSTOMER_SELECT);
        sql.push(" where 1 = 1");
        restrict(&mut sql);
        sql.push(" order by c.customer_key");
        {
            let mut rows = sql.query(backend).fetch(&mut *tx);
            while let Some(row) = rows.try_next().await? {
                let (key, facts, context) = customer_from(&row)?;
                keys.push(key);
                base.customers.push(facts);
                base.context.push(context);
            }
        }

        let mut sql = Sql::new(
            "select o.customer_key, o.ordered_at, o.amount, o.cost
             from orders o join customers c on c.customer_key = o.customer_key
             where o.ordered_at <= ",
        );
        sql.bind(as_of);
        restrict(&mut sql);
        sql.push(" order by o.customer_key, o.ordered_at");
        {
            let mut rows = sql.query(backend).fetch(&mut *tx);
            let mut at = 0usize;
            while let Some(row) = rows.try_next().await? {
                let key: i64 = row.try_get(0)?;
                if let Some(i) = seek(&keys, &mut at, key) {
                    base.customers[i].orders.push(OrderFact {
                        at: row.try_get(1)?,
                        amount: row.try_get(2)?,
                        cost: row.try_get(3)?,
                    });
                }
            }
        }

        let mut sql = Sql::new(
            "select e.customer_key, e.incurred_at, e.amount
             from cost_entries e join customers c on c.customer_key = e.customer_key
             where e.incurred_at <= ",
        );
        sql.bind(as_of);
        restrict(&mut sql);
        sql.push(" order by e.customer_key, e.incurred_at");
        {
            let mut rows = sql.query(backend).fetch(&mut *tx);
            let mut at = 0usize;
            while let Some(row) = rows.try_next().await? {
                let key: i64 = row.try_get(0)?;
                if let Some(i) = seek(&keys, &mut at, key) {
                    base.customers[i].costs.push(CostFact {
                        at: row.try_get(1)?,
                        amount: row.try_get(2)?,
                    });
                }
            }
        }

        let mut sql = Sql::new(
            "select x.customer_key, x.opened_at, x.resolved_at, x.severity
             from complaints x join customers c on c.customer_key = x.customer_key
             where x.opened_at <= ",
        );
        sql.bind(as_of);
        restrict(&mut sql);
        sql.push(" order by x.customer_key, x.opened_at");
        {
            let mut rows = sql.query(backend).fetch(&mut *tx);
            let mut at = 0usize;
            while let Some(row) = rows.try_next().await? {
                let key: i64 = row.try_get(0)?;
                if let Some(i) = seek(&keys, &mut at, key) {
                    let severity: String = row.try_get(3)?;
                    base.context[i].complaints.push(ComplaintFact {
                        opened_at: row.try_get(1)?,
                        resolved_at: row.try_get(2)?,
                        severity: Severity::parse(&severity).map_err(|e| corrupt("severity", e))?,
                    });
                }
            }
        }

        let mut sql = Sql::new(
            "select x.customer_key, x.given_at, x.nps, x.csat
             from feedback x join customers c on c.customer_key = x.customer_key
             where x.given_at <= ",
        );
        sql.bind(as_of);
        restrict(&mut sql);
        sql.push(" order by x.customer_key, x.given_at");
        {
            let mut rows = sql.query(backend).fetch(&mut *tx);
            let mut at = 0usize;
            while let Some(row) = rows.try_next().await? {
                let key: i64 = row.try_get(0)?;
                if let Some(i) = seek(&keys, &mut at, key) {
                    base.context[i].feedback.push(FeedbackFact {
                        given_at: row.try_get(1)?,
                        nps: small(row.try_get(2)?),
                        csat: small(row.try_get(3)?),
                    });
                }
            }
        }

        let mut sql = Sql::new(
            "select x.customer_key, x.occurred_at, x.channel, x.employee_key
             from interactions x join customers c on c.customer_key = x.customer_key
             where x.occurred_at <= ",
        );
        sql.bind(as_of);
        restrict(&mut sql);
        sql.push(" order by x.customer_key, x.occurred_at");
        {
            let mut rows = sql.query(backend).fetch(&mut *tx);
            let mut at = 0usize;
            while let Some(row) = rows.try_next().await? {
                let key: i64 = row.try_get(0)?;
                if let Some(i) = seek(&keys, &mut at, key) {
                    let channel: Option<String> = row.try_get(2)?;
                    base.context[i].interactions.push(InteractionFact {
                        occurred_at: row.try_get(1)?,
                        channel: channel
                            .map(|c| Channel::parse(&c).map_err(|e| corrupt("channel", e)))
                            .transpose()?,
                        employee: row.try_get(3)?,
                    });
                }
            }
        }
        base.customer_keys = keys;
        // Vectors grown row by row hold up to twice their length; a base of millions of
        // orders should cost what it holds.
        for customer in &mut base.customers {
            customer.orders.shrink_to_fit();
            customer.costs.shrink_to_fit();
        }
        Ok(base)
    }
}

/// A customer with what the analytics and the type engine need of them: the columns
/// [`customer_from`] reads, by position (both drivers read this text).
pub(crate) const CUSTOMER_SELECT: &str =
    "select c.customer_key, c.customer_id, c.created_at, c.acquisition_cost, c.birth_year,
            c.gender, c.income_band, c.city, c.region, c.country, c.acquisition_channel,
            c.kind, c.party, c.role, o.customer_id, e.employee_key, e.email, e.name, e.left_at
     from customers c
     left join customers o on o.customer_key = c.organisation_key
     left join employees e on e.employee_key = c.owner_key";

/// A row of either driver, read by column position.
pub(crate) trait Columns {
    fn int(&self, i: usize) -> StoreResult<Option<i64>>;
    fn text(&self, i: usize) -> StoreResult<Option<String>>;
}

impl Columns for sqlx::any::AnyRow {
    fn int(&self, i: usize) -> StoreResult<Option<i64>> {
        Ok(self.try_get(i)?)
    }
    fn text(&self, i: usize) -> StoreResult<Option<String>> {
        Ok(self.try_get(i)?)
    }
}

/// A row of [`CUSTOMER_SELECT`]: the customer's key, facts and context.
pub(crate) fn customer_from(
    row: &impl Columns,
) -> StoreResult<(i64, CustomerFacts, CustomerContext)> {
    let required = |value: Option<String>, what: &str| {
        value.ok_or_else(|| corrupt(what, "missing".to_owned()))
    };
    let key = row
        .int(0)?
        .ok_or_else(|| corrupt("customer_key", "missing".to_owned()))?;
    let facts = CustomerFacts {
        customer_id: required(row.text(1)?, "customer_id")?,
        created_at: row
            .int(2)?
            .ok_or_else(|| corrupt("created_at", "missing".to_owned()))?,
        acquisition_cost: row.int(3)?,
        profile: Profile {
            birth_year: row.int(4)?.and_then(|y| i32::try_from(y).ok()),
            gender: row.text(5)?,
            income_band: row.text(6)?,
            city: row.text(7)?,
            region: row.text(8)?,
            country: row.text(9)?,
            acquisition_channel: row.text(10)?,
        },
        orders: Vec::new(),
        costs: Vec::new(),
    };
    let kind = required(row.text(11)?, "kind")?;
    let party = required(row.text(12)?, "party")?;
    let context = CustomerContext {
        kind: CustomerKind::parse(&kind).map_err(|e| corrupt("kind", e))?,
        party: Party::parse(&party).map_err(|e| corrupt("party", e))?,
        role: row.text(13)?,
        organisation_id: row.text(14)?,
        owner: match row.int(15)? {
            Some(employee) => Some(OwnerFact {
                employee,
                email: required(row.text(16)?, "owner email")?,
                name: required(row.text(17)?, "owner name")?,
                left_at: row.int(18)?,
            }),
            None => None,
        },
        complaints: Vec::new(),
        feedback: Vec::new(),
        interactions: Vec::new(),
    };
    Ok((key, facts, context))
}

/// Moves `at` forward through the sorted `keys` to `key`. Both streams are sorted by key, so
/// the merge is linear.
pub(crate) fn seek(keys: &[i64], at: &mut usize, key: i64) -> Option<usize> {
    while *at < keys.len() && keys[*at] < key {
        *at += 1;
    }
    (*at < keys.len() && keys[*at] == key).then_some(*at)
}

#[cfg(test)]
mod tests {
    use super::seek;

    #[test]
    fn the_merge_finds_keys_and_skips_missing_ones() {
        let keys = [2, 5, 9];
        let mut at = 0;
        assert_eq!(seek(&keys, &mut at, 1), None);
        assert_eq!(seek(&keys, &mut at, 2), Some(0));
        assert_eq!(seek(&keys, &mut at, 2), Some(0));
        assert_eq!(seek(&keys, &mut at, 7), None);
        assert_eq!(seek(&keys, &mut at, 9), Some(2));
        assert_eq!(seek(&keys, &mut at, 10), None);
    }
}
