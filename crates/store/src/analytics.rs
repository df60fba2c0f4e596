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

use sqlx::{Any, Transaction};

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

/// A column every row has, or the row is corrupt.
fn required<T>(value: Option<T>, what: &str) -> StoreResult<T> {
    value.ok_or_else(|| corrupt(what, "missing"))
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
            .map_err(crate::StoreError::task("reading the base"))?;
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
        let mut tx = self.begin_read().await?;
        let backend = tx.backend();
        let mut base = BaseFacts::default();

        let mut sql = Sql::new(CUSTOMER_SELECT);
        sql.push(" where 1 = 1");
        restrict(&mut sql);
        sql.push(" order by c.customer_key");
        {
            let mut rows = sql.query(backend).fetch(&mut *tx);
            while let Some(row) = rows.try_next().await? {
                let (key, facts, context) = customer_from(&row)?;
                base.customer_keys.push(key);
                base.customers.push(facts);
                base.context.push(context);
            }
        }

        read_dated::<OrderFact>(&mut tx, as_of, &restrict, &mut base).await?;
        read_dated::<CostFact>(&mut tx, as_of, &restrict, &mut base).await?;
        read_dated::<ComplaintFact>(&mut tx, as_of, &restrict, &mut base).await?;
        read_dated::<FeedbackFact>(&mut tx, as_of, &restrict, &mut base).await?;
        read_dated::<InteractionFact>(&mut tx, as_of, &restrict, &mut base).await?;
        // Vectors grown row by row hold up to twice their length; a base of millions of
        // orders should cost what it holds.
        for customer in &mut base.customers {
            customer.orders.shrink_to_fit();
            customer.costs.shrink_to_fit();
        }
        Ok(base)
    }
}

/// Reads the rows of a dated kind up to `as_of` for the customers of `restrict`, in the
/// order of `base`'s customers, into each customer's list.
async fn read_dated<F: DatedFact>(
    tx: &mut Transaction<'_, Any>,
    as_of: Millis,
    restrict: &(impl Fn(&mut Sql) + Sync),
    base: &mut BaseFacts,
) -> StoreResult<()> {
    let columns: Vec<String> = F::COLUMNS.split(", ").map(|c| format!("x.{c}")).collect();
    let mut sql = Sql::new(&format!(
        "select x.customer_key, x.{at}, {columns}
         from {table} x join customers c on c.customer_key = x.customer_key
         where x.{at} <= ",
        at = F::AT,
        columns = columns.join(", "),
        table = F::TABLE,
    ));
    sql.bind(as_of);
    restrict(&mut sql);
    sql.push(&format!(" order by x.customer_key, x.{}", F::AT));
    let backend = tx.backend();
    let mut rows = sql.query(backend).fetch(&mut **tx);
    let mut at = 0usize;
    while let Some(row) = rows.try_next().await? {
        let key: i64 = row.try_get(0)?;
        if let Some(i) = seek(&base.customer_keys, &mut at, key) {
            F::list(&mut base.customers[i], &mut base.context[i]).push(F::read(&row)?);
        }
    }
    Ok(())
}

/// A kind of dated row the facts hold, as both drivers read it: by position, the customer's
/// key, the instant `AT` and then `COLUMNS`, sorted by customer and instant.
pub(crate) trait DatedFact: Sized {
    const TABLE: &'static str;
    const AT: &'static str;
    const COLUMNS: &'static str;
    fn read(row: &impl Columns) -> StoreResult<Self>;
    /// Where a customer keeps facts of this kind.
    fn list<'a>(
        facts: &'a mut CustomerFacts,
        context: &'a mut CustomerContext,
    ) -> &'a mut Vec<Self>;
}

impl DatedFact for OrderFact {
    const TABLE: &'static str = "orders";
    const AT: &'static str = "ordered_at";
    const COLUMNS: &'static str = "amount, cost";
    fn read(row: &impl Columns) -> StoreResult<Self> {
        Ok(OrderFact {
            at: required(row.int(1)?, "ordered_at")?,
            amount: required(row.int(2)?, "amount")?,
            cost: row.int(3)?,
        })
    }
    fn list<'a>(facts: &'a mut CustomerFacts, _: &'a mut CustomerContext) -> &'a mut Vec<Self> {
        &mut facts.orders
    }
}

impl DatedFact for CostFact {
    const TABLE: &'static str = "cost_entries";
    const AT: &'static str = "incurred_at";
    const COLUMNS: &'static str = "amount";
    fn read(row: &impl Columns) -> StoreResult<Self> {
        Ok(CostFact {
            at: required(row.int(1)?, "incurred_at")?,
            amount: required(row.int(2)?, "amount")?,
        })
    }
    fn list<'a>(facts: &'a mut CustomerFacts, _: &'a mut CustomerContext) -> &'a mut Vec<Self> {
        &mut facts.costs
    }
}

impl DatedFact for ComplaintFact {
    const TABLE: &'static str = "complaints";
    const AT: &'static str = "opened_at";
    const COLUMNS: &'static str = "resolved_at, severity";
    fn read(row: &impl Columns) -> StoreResult<Self> {
        let severity = required(row.text(3)?, "severity")?;
        Ok(ComplaintFact {
            opened_at: required(row.int(1)?, "opened_at")?,
            resolved_at: row.int(2)?,
            severity: Severity::parse(&severity).map_err(|e| corrupt("severity", e))?,
        })
    }
    fn list<'a>(_: &'a mut CustomerFacts, context: &'a mut CustomerContext) -> &'a mut Vec<Self> {
        &mut context.complaints
    }
}

impl DatedFact for FeedbackFact {
    const TABLE: &'static str = "feedback";
    const AT: &'static str = "given_at";
    const COLUMNS: &'static str = "nps, csat";
    fn read(row: &impl Columns) -> StoreResult<Self> {
        let small = |value: Option<i64>| value.and_then(|v| u8::try_from(v).ok());
        Ok(FeedbackFact {
            given_at: required(row.int(1)?, "given_at")?,
            nps: small(row.int(2)?),
            csat: small(row.int(3)?),
        })
    }
    fn list<'a>(_: &'a mut CustomerFacts, context: &'a mut CustomerContext) -> &'a mut Vec<Self> {
        &mut context.feedback
    }
}

impl DatedFact for InteractionFact {
    const TABLE: &'static str = "interactions";
    const AT: &'static str = "occurred_at";
    const COLUMNS: &'static str = "channel, employee_key";
    fn read(row: &impl Columns) -> StoreResult<Self> {
        Ok(InteractionFact {
            occurred_at: required(row.int(1)?, "occurred_at")?,
            channel: row
                .text(2)?
                .map(|c| Channel::parse(&c).map_err(|e| corrupt("channel", e)))
                .transpose()?,
            employee: row.int(3)?,
        })
    }
    fn list<'a>(_: &'a mut CustomerFacts, context: &'a mut CustomerContext) -> &'a mut Vec<Self> {
        &mut context.interactions
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
    let key = required(row.int(0)?, "customer_key")?;
    let facts = CustomerFacts {
        customer_id: required(row.text(1)?, "customer_id")?,
        created_at: required(row.int(2)?, "created_at")?,
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
