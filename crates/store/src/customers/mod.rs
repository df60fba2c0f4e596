//! Customers: create, read, update, delete and list, with tags, owner and organisation
//! resolved from the ids the API speaks to the keys the tables join on.

mod lines;
pub use lines::CustomerLine;
mod filter;
mod write;

use filter::apply_filter;

pub(crate) use write::{
    COLUMNS, OwnerChange, References, acquired_by_first_order, customer_values, insert_customer,
    record_owner_change, replace_tags, resolve_references, update_customer_row,
    visible_customer_key,
};

use clientele_core::model::Customer;
use clientele_core::{Currency, CustomerKind, Money, Party};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::Store;
use crate::error::{StoreError, StoreResult, is_unique_violation};
use crate::list::{ListRequest, Listing, Page, SortColumn};
use crate::scope::AccessScope;
use crate::sql::{RowExt, Sql};

/// What a customer list may be narrowed by. Values are as the client sent them and are
/// checked here, so that a bad one is reported by its parameter name.
#[derive(Clone, Debug, Default)]
pub struct CustomerFilter {
    pub kind: Option<String>,
    pub party: Option<String>,
    /// An employee's e-mail, or `none` for customers without an owner.
    pub owner_email: Option<String>,
    pub acquisition_channel: Option<String>,
    pub country: Option<String>,
    pub tag: Option<String>,
    /// Members of this organisation.
    pub organisation_id: Option<String>,
    /// Created at or after (YYYY-MM-DD or RFC 3339).
    pub created_from: Option<String>,
    /// Created before.
    pub created_to: Option<String>,
    /// Text search on name, e-mail and telephone, folding case and Arabic/Persian letter
    /// variants.
    pub q: Option<String>,
    /// Lifecycle stage at the last evaluation.
    pub stage: Option<String>,
    /// Value tier at the last evaluation (`A`, `B`, `C`).
    pub tier: Option<String>,
    /// A flag at the last evaluation.
    pub flag: Option<String>,
    /// `true`: customers whose owner has left or who have none (what a manager must hand
    /// over); `false`: those with an owner who works here.
    pub unassigned: Option<bool>,
}

const SORTS: &[SortColumn] = &[
    SortColumn::text("customer_id", "c.customer_id"),
    SortColumn::text("name", "c.sort_name"),
    SortColumn::int("created_at", "c.created_at"),
    SortColumn::int("updated_at", "c.updated_at"),
];

/// From how many customers of its own a scope's lists walk the sort order (see
/// `list_customers`).
const WALK_SORT_ORDER_FROM: i64 = 2_000;

pub(crate) const SELECT: &str =
    "select c.customer_key, c.customer_id, c.name, c.party, c.kind, c.email, c.phone,
        org.customer_id as organisation_id, c.role, c.birth_year, c.gender, c.income_band, c.city,
        c.region, c.country, c.acquisition_channel, c.acquisition_cost, c.competitor,
        c.competitor_reason, owner.email as owner_email, c.created_at, c.updated_at";

pub(crate) const FROM: &str = " from customers c
        left join customers org on org.customer_key = c.organisation_key
        left join employees owner on owner.employee_key = c.owner_key";

impl Store {
    /// Creates a customer; `by` (who, for the owner history) names the caller.
    pub async fn create_customer(
        &self,
        scope: &AccessScope,
        customer: &Customer,
        by: &str,
    ) -> StoreResult<Customer> {
        self.write_customer(scope, None, customer, by).await
    }

    /// Inserts `customer`, or replaces every field of the customer `replaced` (which the new
    /// record may rename), and reads it back. A change of owner is kept in the owner history,
    /// with `by`.
    async fn write_customer(
        &self,
        scope: &AccessScope,
        replaced: Option<&str>,
        customer: &Customer,
        by: &str,
    ) -> StoreResult<Customer> {
        let mut tx = self.begin_write().await?;
        let key = match replaced {
            Some(customer_id) => Some(visible_customer_key(&mut tx, scope, customer_id).await?),
            None => None,
        };
        let refs = resolve_references(&mut tx, scope, customer, key).await?;
        let change = OwnerChange { reason: "edit", by };
        match key {
            Some(key) => update_customer_row(&mut tx, key, customer, &refs, &change).await?,
            None => {
                let key = insert_customer(&mut tx, customer, &refs, &change)
                    .await
                    .map_err(|e| match e {
                        StoreError::Database(e) if is_unique_violation(&e) => {
                            StoreError::Duplicate {
                                entity: "customer",
                                field: "customer_id",
                                id: customer.customer_id.clone(),
                            }
                        }
                        other => other,
                    })?;
                replace_tags(&mut tx, key, &customer.tags).await?;
            }
        }
        tx.commit().await?;
        self.get_customer(scope, &customer.customer_id).await
    }

    /// Whether a customer owned by the employee `email` would be in `scope`: whom an agent
    /// or a manager may make the owner of a customer they create or change.
    pub async fn scope_covers_owner(&self, scope: &AccessScope, email: &str) -> StoreResult<bool> {
        let email = email.trim().to_lowercase();
        Ok(match scope {
            AccessScope::System(_) | AccessScope::All => true,
            AccessScope::Owner(own) => own.to_lowercase() == email,
            AccessScope::Team(team) => {
                let count: i64 = sqlx::query_scalar(
                    "select count(*) from employees where email = $1 and team = $2",
                )
                .bind(email)
                .bind(team.clone())
                .fetch_one(self.pool())
                .await?;
                count > 0
            }
        })
    }

    pub async fn get_customer(
        &self,
        scope: &AccessScope,
        customer_id: &str,
    ) -> StoreResult<Customer> {
        let currency = self.currency().await?;
        let mut sql = Sql::new(SELECT);
        sql.push(FROM)
            .push(" where c.customer_id = ")
            .bind(customer_id);
        scope.restrict_read(&mut sql, "c");
        let row = self.found(&sql, "customer", customer_id).await?;
        let key = row.int("customer_key")?;
        let tags = self.tags_of(&[key]).await?;
        customer_from_row(&row, currency, tags.into_iter().map(|(_, t)| t).collect())
    }

    /// Replaces every field of the customer `customer_id` (which the new record may rename).
    /// A change of owner is kept in the owner history, with `by`.
    pub async fn update_customer(
        &self,
        scope: &AccessScope,
        customer_id: &str,
        customer: &Customer,
        by: &str,
    ) -> StoreResult<Customer> {
        self.write_customer(scope, Some(customer_id), customer, by)
            .await
    }

    /// Deletes the customer with everything recorded about them (orders, interactions,
    /// complaints, feedback, costs, transitions). Members of a deleted organisation stay,
    /// without an organisation.
    pub async fn delete_customer(&self, scope: &AccessScope, customer_id: &str) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        let key = visible_customer_key(&mut tx, scope, customer_id).await?;
        sqlx::query("delete from customers where customer_key = $1")
            .bind(key)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// How many customers the scope's owners hold (an index range; organisations read
    /// through their members are not counted).
    async fn count_in_scope(&self, scope: &AccessScope) -> StoreResult<i64> {
        let mut sql = Sql::new("select count(*) from customers c where 1 = 1");
        scope.restrict(&mut sql, "c");
        let count: i64 = sql
            .query(self.backend)
            .fetch_one(self.pool())
            .await?
            .try_get::<i64, _>(0)?;
        Ok(count)
    }

    pub async fn list_customers(
        &self,
        scope: &AccessScope,
        filter: &CustomerFilter,
        request: &ListRequest,
    ) -> StoreResult<Page<Customer>> {
        let currency = self.currency().await?;
        let mut list = Listing::new(
            request,
            SORTS,
            "customer_id",
            "c.customer_key",
            SELECT,
            FROM,
        )?;
        // A scope of many customers is best read by walking the sort order and keeping the
        // scope's rows (a page is found after a few hundred); a small one by collecting its
        // rows by owner and sorting them. SQLite cannot tell which without statistics, so
        // the store counts the scope's own customers (one index range) and says.
        let walk_sort_order = match scope {
            AccessScope::Team(_) | AccessScope::Owner(_) => {
                self.count_in_scope(scope).await? >= WALK_SORT_ORDER_FROM
            }
            AccessScope::All | AccessScope::System(_) => false,
        };
        scope.restrict_read_planned(&mut list.sql, "c", walk_sort_order);
        apply_filter(&mut list.sql, filter, self.backend)?;
        let fetched = list.fetch(self).await?;
        let keys: Vec<i64> = fetched
            .on_page()
            .map(|r| r.int("customer_key"))
            .collect::<StoreResult<_>>()?;
        let mut tags = self.tags_of(&keys).await?;
        fetched.page(|row| {
            let key = row.int("customer_key")?;
            let own: Vec<String> = tags
                .iter()
                .filter(|(k, _)| *k == key)
                .map(|(_, t)| t.clone())
                .collect();
            tags.retain(|(k, _)| *k != key);
            customer_from_row(row, currency, own)
        })
    }

    /// Tags of the given customers, sorted, as (customer_key, tag).
    async fn tags_of(&self, keys: &[i64]) -> StoreResult<Vec<(i64, String)>> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let mut sql =
            Sql::new("select customer_key, tag from customer_tags where customer_key in (");
        sql.bind_list(keys.iter().copied())
            .push(") order by customer_key, tag");
        let rows = sql.query(self.backend).fetch_all(self.pool()).await?;
        rows.iter()
            .map(|r| Ok((r.int("customer_key")?, r.text("tag")?)))
            .collect()
    }
}

pub(crate) fn customer_from_row(
    row: &AnyRow,
    currency: Currency,
    tags: Vec<String>,
) -> StoreResult<Customer> {
    Ok(Customer {
        customer_id: row.text("customer_id")?,
        name: row.opt_text("name")?,
        party: row.choice("party", Party::parse)?,
        kind: row.choice("kind", CustomerKind::parse)?,
        email: row.opt_text("email")?,
        phone: row.opt_text("phone")?,
        organisation_id: row.opt_text("organisation_id")?,
        role: row.opt_text("role")?,
        birth_year: row
            .opt_int("birth_year")?
            .and_then(|y| i32::try_from(y).ok()),
        gender: row.opt_text("gender")?,
        income_band: row.opt_text("income_band")?,
        city: row.opt_text("city")?,
        region: row.opt_text("region")?,
        country: row.opt_text("country")?,
        acquisition_channel: row.opt_text("acquisition_channel")?,
        acquisition_cost: row
            .opt_int("acquisition_cost")?
            .map(|m| Money::from_minor(m, currency)),
        competitor: row.opt_text("competitor")?,
        competitor_reason: row.opt_text("competitor_reason")?,
        owner_email: row.opt_text("owner_email")?,
        tags,
        created_at: row.instant("created_at")?,
        updated_at: row.instant("updated_at")?,
    })
}

impl Store {
    /// The names of the customers of these ids the scope may read, by id (a customer without
    /// a name maps to none); ids it may not read are left out.
    pub async fn customer_names(
        &self,
        scope: &AccessScope,
        customer_ids: &[String],
    ) -> StoreResult<std::collections::HashMap<String, Option<String>>> {
        let mut names = std::collections::HashMap::new();
        for batch in customer_ids.chunks(1_000) {
            let mut sql =
                Sql::new("select c.customer_id, c.name from customers c where c.customer_id in (");
            sql.bind_list(batch.iter().map(String::as_str)).push(")");
            scope.restrict_read(&mut sql, "c");
            for row in sql.query(self.backend()).fetch_all(self.pool()).await? {
                names.insert(row.text("customer_id")?, row.opt_text("name")?);
            }
        }
        Ok(names)
    }
}
