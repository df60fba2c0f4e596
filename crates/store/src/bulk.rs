//! Loading a whole customer base at once (the demo base), in one transaction, with the
//! same multi-row writers the CSV import uses.

use std::collections::HashMap;

use clientele_core::model::*;
use sqlx::{Any, Transaction};

use crate::activity::{Costs, FeedbackTable, Interactions};
use crate::customers::{COLUMNS, References, customer_values};
use crate::employees::insert_employee;
use crate::error::{StoreError, StoreResult};
use crate::import::children::{insert_rows, write_complaints, write_new, write_orders};
use crate::sql::{BackendOf, RowExt, Sql};
use crate::{AccessScope, Store};

/// A whole base to load; organisations come before their members in `customers`.
#[derive(Clone, Copy, Debug)]
pub struct BulkBase<'a> {
    pub employees: &'a [Employee],
    pub customers: &'a [Customer],
    pub orders: &'a [Order],
    pub costs: &'a [CostToServe],
    pub interactions: &'a [Interaction],
    pub complaints: &'a [Complaint],
    pub feedback: &'a [Feedback],
}

/// How many records of each kind were loaded.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct BulkReport {
    pub employees: u64,
    pub customers: u64,
    pub orders: u64,
    pub costs: u64,
    pub interactions: u64,
    pub complaints: u64,
    pub feedback: u64,
}

const CUSTOMER_COLUMNS: usize = 23;

impl Store {
    /// Number of customers stored (a system count, for `demo` and `serve --demo`).
    pub async fn count_customers(&self) -> StoreResult<i64> {
        Ok(sqlx::query_scalar("select count(*) from customers")
            .fetch_one(self.pool())
            .await?)
    }

    /// The ids of up to `n` customers spread evenly through the base (by key), for
    /// measurements and samples.
    pub async fn sample_customer_ids(
        &self,
        scope: &AccessScope,
        n: usize,
    ) -> StoreResult<Vec<String>> {
        let total = self.count_customers().await?.max(1);
        let step = (total / i64::try_from(n.max(1)).unwrap_or(i64::MAX)).max(1);
        let mut sql = Sql::new("select c.customer_id from customers c where c.customer_key % ");
        sql.bind(step).push(" = 0");
        scope.restrict(&mut sql, "c");
        sql.push(" order by c.customer_key limit ")
            .bind(i64::try_from(n).unwrap_or(i64::MAX));
        let rows = sql.query(self.backend()).fetch_all(self.pool()).await?;
        rows.iter().map(|r| Ok(sqlx::Row::try_get(r, 0)?)).collect()
    }

    /// Loads a whole base into an empty database, all or nothing.
    pub async fn bulk_load(&self, base: BulkBase<'_>) -> StoreResult<BulkReport> {
        let existing = self.count_customers().await?;
        if existing > 0 {
            return Err(StoreError::Conflict(format!(
                "the database already holds {existing} customers; a base is only loaded into an empty one"
            )));
        }
        let mut tx = self.begin_write().await?;
        let mut employees: HashMap<String, i64> = HashMap::new();
        for e in base.employees {
            let key = insert_employee(&mut *tx, e).await?;
            employees.insert(e.email.clone(), key);
        }
        let mut customers: HashMap<String, i64> = HashMap::with_capacity(base.customers.len());
        let (organisations, members): (Vec<&Customer>, Vec<&Customer>) = base
            .customers
            .iter()
            .partition(|c| c.organisation_id.is_none());
        for group in [organisations, members] {
            for batch in group.chunks(8_000 / CUSTOMER_COLUMNS) {
                insert_customers(&mut tx, batch, &employees, &mut customers).await?;
            }
        }
        let tagged: Vec<(i64, &String)> = base
            .customers
            .iter()
            .flat_map(|c| c.tags.iter().map(move |t| (c, t)))
            .filter_map(|(c, t)| customers.get(&c.customer_id).map(|k| (*k, t)))
            .collect();
        insert_rows(
            &mut tx,
            "insert into customer_tags (customer_key, tag) values",
            "",
            2,
            &tagged,
            |q, (k, t)| q.bind(*k).bind((*t).clone()),
        )
        .await?;
        let orders: Vec<&Order> = base.orders.iter().collect();
        write_orders(&mut tx, &orders, &customers, true, true).await?;
        let costs: Vec<&CostToServe> = base.costs.iter().collect();
        write_new::<Costs>(&mut tx, &costs, &customers, None).await?;
        let interactions: Vec<&Interaction> = base.interactions.iter().collect();
        write_new::<Interactions>(&mut tx, &interactions, &customers, Some(&employees)).await?;
        let complaints: Vec<&Complaint> = base.complaints.iter().collect();
        write_complaints(&mut tx, &complaints, &customers, |_| true).await?;
        let feedback: Vec<&Feedback> = base.feedback.iter().collect();
        write_new::<FeedbackTable>(&mut tx, &feedback, &customers, None).await?;
        tx.commit().await?;
        Ok(BulkReport {
            employees: base.employees.len() as u64,
            customers: base.customers.len() as u64,
            orders: base.orders.len() as u64,
            costs: base.costs.len() as u64,
            interactions: base.interactions.len() as u64,
            complaints: base.complaints.len() as u64,
            feedback: base.feedback.len() as u64,
        })
    }
}

async fn insert_customers(
    tx: &mut Transaction<'_, Any>,
    batch: &[&Customer],
    employees: &HashMap<String, i64>,
    keys: &mut HashMap<String, i64>,
) -> StoreResult<()> {
    let mut sql = Sql::new(&format!("insert into customers ({COLUMNS}) values "));
    for (i, c) in batch.iter().enumerate() {
        let organisation_key = match &c.organisation_id {
            Some(org) => Some(*keys.get(org).ok_or_else(|| {
                StoreError::invalid(
                    "organisation_id",
                    format!("`{org}` of {} is not loaded before it", c.customer_id),
                )
            })?),
            None => None,
        };
        let owner_key = match &c.owner_email {
            Some(email) => Some(*employees.get(email).ok_or_else(|| {
                StoreError::invalid(
                    "owner_email",
                    clientele_core::Message::new("no-employee").text("email", email.as_str()),
                )
            })?),
            None => None,
        };
        let refs = References {
            owner_key,
            organisation_key,
        };
        sql.push(if i == 0 { "(" } else { ", (" })
            .bind_list(customer_values(c, &refs))
            .push(")");
    }
    sql.push(" returning customer_id, customer_key");
    for row in sql.query(tx.backend()).fetch_all(&mut **tx).await? {
        keys.insert(row.text("customer_id")?, row.int("customer_key")?);
    }
    Ok(())
}
