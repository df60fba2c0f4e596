//! Cost-to-serve entries, interactions, complaints and feedback: everything dated that
//! happens around a customer besides orders.
//!
//! Costs, interactions and feedback have no id of the business's own, so each row keeps a
//! `natural_key`: a hash of its content. Importing the same file twice adds nothing, and
//! recording the very same thing twice is answered as a duplicate.
//!
//! Each kind is described once ([`Child`]: its table, columns, sort keys and row mapping)
//! and read, written and listed by the one generic path below.

/// The public methods of one child kind, each a call of the generic path below: `create`,
/// `get`, `update`, `delete` and `list`, the child named by `by` (a column of type `id`).
macro_rules! child_methods {
    ($child:ty, by $by:expr, $id:ty, $input:ty => $record:ty, $filter:ty;
     $create:ident, $get:ident, $update:ident, $delete:ident, $list:ident) => {
        impl $crate::Store {
            pub async fn $create(
                &self,
                scope: &$crate::AccessScope,
                input: &$input,
            ) -> $crate::StoreResult<$record> {
                self.create_child::<$child>(scope, input).await
            }

            pub async fn $get(
                &self,
                scope: &$crate::AccessScope,
                id: $id,
            ) -> $crate::StoreResult<$record> {
                self.get_child::<$child>(scope, $by, id).await
            }

            pub async fn $update(
                &self,
                scope: &$crate::AccessScope,
                id: $id,
                input: &$input,
            ) -> $crate::StoreResult<$record> {
                self.update_child::<$child>(scope, $by, id, input).await
            }

            pub async fn $delete(
                &self,
                scope: &$crate::AccessScope,
                id: $id,
            ) -> $crate::StoreResult<()> {
                self.delete_child::<$child>(scope, $by, id).await
            }

            pub async fn $list(
                &self,
                scope: &$crate::AccessScope,
                filter: &$filter,
                request: &$crate::ListRequest,
            ) -> $crate::StoreResult<$crate::Page<$record>> {
                self.list_children::<$child>(scope, filter, request).await
            }
        }
    };
}

mod complaints;
mod costs;
mod feedback;
mod filters;
mod interactions;
mod tasks;

pub use filters::{ComplaintFilter, CostFilter, FeedbackFilter, InteractionFilter};
pub use tasks::{TaskFilter, TaskLine};

pub(crate) use complaints::Complaints;
pub(crate) use costs::{Costs, cost_key};
pub(crate) use feedback::{FeedbackTable, feedback_key};
pub(crate) use interactions::{Interactions, interaction_key};
pub(crate) use tasks::{day_ms, hand_over_open_tasks, release_open_tasks};

use std::collections::HashMap;

use clientele_core::Currency;
use sha2::{Digest, Sha256};
use sqlx::any::AnyRow;
use sqlx::{Any, Transaction};

use crate::Store;
use crate::bounds::{Accumulated, Whose, within_customer_total};
use crate::customers::visible_customer_key;
use crate::error::{StoreError, StoreResult, is_unique_violation};
use crate::import::children::insert_rows;
use crate::list::{ListRequest, Listing, Page, SortColumn};
use crate::orders::unknown_customer;
use crate::scope::AccessScope;
use crate::sql::{BackendOf, RowExt, Sql, Value, bind_value, found_key};
use filters::WhoseAndWhen;

/// The content hash that makes a row without a business id idempotent to import.
pub(crate) fn natural_key(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update([0x1f]);
    }
    let digest = hasher.finalize();
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// A kind of record that hangs off a customer: where it is stored and how its rows read.
/// The child is aliased `x` in every query, its customer `c`.
pub(crate) trait Child {
    /// What a caller writes.
    type Input;
    /// What a caller reads back.
    type Record;
    type Filter: WhoseAndWhen;
    /// The entity's name in messages (`cost entry`).
    const ENTITY: &'static str;
    const TABLE: &'static str;
    /// The store key column.
    const KEY: &'static str;
    /// The columns written (`a, b, …`), in the order of [`Child::values`].
    const COLUMNS: &'static str;
    /// The select list, without `from`.
    const SELECT: &'static str;
    /// What else the select list reads, joined after the child and its customer.
    const JOINS: &'static str = "";
    /// The columns a list sorts on; the first is the default order, and the instant the
    /// `from` and `to` filters compare.
    const SORTS: &'static [SortColumn];
    /// Whether rows hold amounts, read in the business currency.
    const PRICED: bool = false;

    /// The field that names the employee, for messages.
    const EMPLOYEE_FIELD: &'static str = "employee_email";
    /// Whether the employee the record names must be able to see its customer (a task's
    /// assignee: a task on a customer one may not see would show them to one).
    const EMPLOYEE_SEES_CUSTOMER: bool = false;

    fn customer_id(input: &Self::Input) -> &str;
    /// The employee the record names, checked to exist.
    fn employee_email(_input: &Self::Input) -> Option<&str> {
        None
    }
    /// The values of [`Child::COLUMNS`].
    fn values(input: &Self::Input, customer_key: i64, employee_key: Option<i64>) -> Vec<Value>;
    /// The field and the words a repeated record is reported with.
    fn duplicate(input: &Self::Input) -> (&'static str, String);
    fn from_row(row: &AnyRow, currency: Currency) -> StoreResult<Self::Record>;
    /// The filter's own conditions, appended to the list.
    fn narrow(_filter: &Self::Filter, _list: &mut Listing) {}
}

/// The `from` clause of a child's reads: the child, its customer and its [`Child::JOINS`].
fn from<C: Child>() -> String {
    format!(
        " from {} x join customers c on c.customer_key = x.customer_key{}",
        C::TABLE,
        C::JOINS
    )
}

async fn employee_key(
    tx: &mut Transaction<'_, Any>,
    field: &str,
    email: Option<&str>,
) -> StoreResult<Option<i64>> {
    let Some(email) = email else { return Ok(None) };
    let key: Option<i64> =
        sqlx::query_scalar("select employee_key from employees where email = $1")
            .bind(email.to_owned())
            .fetch_optional(&mut **tx)
            .await?;
    key.map(Some).ok_or_else(|| {
        StoreError::invalid(
            field,
            clientele_core::Message::new("no-employee").text("email", email),
        )
    })
}

fn duplicate<C: Child>(input: &C::Input) -> impl FnOnce(sqlx::Error) -> StoreError {
    let (field, id) = C::duplicate(input);
    move |e| {
        if is_unique_violation(&e) {
            StoreError::Duplicate {
                entity: C::ENTITY,
                field,
                id,
            }
        } else {
            e.into()
        }
    }
}

/// Writes rows of a child kind many at a time (imports, bulk loads), each with its
/// customer's key and employee's key from the maps; `tail` follows the values (an upsert's
/// `on conflict …`).
pub(crate) async fn insert_children<C: Child>(
    tx: &mut Transaction<'_, Any>,
    rows: &[&C::Input],
    tail: &str,
    customers: &HashMap<String, i64>,
    employees: Option<&HashMap<String, i64>>,
) -> StoreResult<u64> {
    let head = format!("insert into {} ({}) values", C::TABLE, C::COLUMNS);
    let columns = C::COLUMNS.split(", ").count();
    insert_rows(tx, &head, tail, columns, rows, |q, row| {
        let customer = customers.get(C::customer_id(row)).copied().unwrap_or(0);
        let employee = C::employee_email(row).and_then(|e| employees?.get(e).copied());
        C::values(row, customer, employee)
            .iter()
            .fold(q, bind_value)
    })
    .await
}

impl Store {
    /// Records a child of a visible customer.
    async fn create_child<C: Child>(
        &self,
        scope: &AccessScope,
        input: &C::Input,
    ) -> StoreResult<C::Record> {
        let mut tx = self.begin_write().await?;
        let values = Self::child_values::<C>(&mut tx, scope, input).await?;
        let mut sql = Sql::new(&format!(
            "insert into {} ({}) values (",
            C::TABLE,
            C::COLUMNS
        ));
        sql.bind_list(values)
            .push(&format!(") returning {}", C::KEY));
        let row = sql
            .query(tx.backend())
            .fetch_one(&mut *tx)
            .await
            .map_err(duplicate::<C>(input))?;
        let key = row.int(C::KEY)?;
        self.within_bounds::<C>(&mut tx, key).await?;
        tx.commit().await?;
        self.get_child::<C>(scope, C::KEY, key).await
    }

    /// The child whose `column` is `id`, if its customer is visible.
    async fn get_child<C: Child>(
        &self,
        scope: &AccessScope,
        column: &str,
        id: impl Into<Value> + ToString,
    ) -> StoreResult<C::Record> {
        let currency = self.child_currency::<C>().await?;
        let shown = id.to_string();
        let select = format!("{}{}", C::SELECT, from::<C>());
        let sql = Sql::visible(&select, &format!("x.{column}"), id, scope);
        C::from_row(&self.found(&sql, C::ENTITY, shown).await?, currency)
    }

    /// Replaces the child whose `column` is `id`; its customer, old and new, must be visible.
    async fn update_child<C: Child>(
        &self,
        scope: &AccessScope,
        column: &str,
        id: impl Into<Value> + ToString,
        input: &C::Input,
    ) -> StoreResult<C::Record> {
        let mut tx = self.begin_write().await?;
        let key = Self::visible_child::<C>(&mut tx, scope, column, id).await?;
        let values = Self::child_values::<C>(&mut tx, scope, input).await?;
        let mut sql = Sql::new(&format!("update {} set ", C::TABLE));
        sql.set(C::COLUMNS, values)
            .push(&format!(" where {} = ", C::KEY))
            .bind(key);
        sql.query(tx.backend())
            .execute(&mut *tx)
            .await
            .map_err(duplicate::<C>(input))?;
        self.within_bounds::<C>(&mut tx, key).await?;
        tx.commit().await?;
        self.get_child::<C>(scope, C::KEY, key).await
    }

    /// A priced child (a cost to serve) may not take its customer past what one customer
    /// may accumulate.
    async fn within_bounds<C: Child>(
        &self,
        tx: &mut Transaction<'_, Any>,
        key: i64,
    ) -> StoreResult<()> {
        if !C::PRICED {
            return Ok(());
        }
        let currency = self.child_currency::<C>().await?;
        within_customer_total(tx, Accumulated::Costs, Whose::OfRow(C::KEY, key), currency).await
    }

    async fn delete_child<C: Child>(
        &self,
        scope: &AccessScope,
        column: &str,
        id: impl Into<Value> + ToString,
    ) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        let key = Self::visible_child::<C>(&mut tx, scope, column, id).await?;
        let mut sql = Sql::new(&format!("delete from {} where {} = ", C::TABLE, C::KEY));
        sql.bind(key);
        sql.query(tx.backend()).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn list_children<C: Child>(
        &self,
        scope: &AccessScope,
        filter: &C::Filter,
        request: &ListRequest,
    ) -> StoreResult<Page<C::Record>> {
        let currency = self.child_currency::<C>().await?;
        let at = C::SORTS[0];
        let key = format!("x.{}", C::KEY);
        let mut list = Listing::new(request, C::SORTS, at.name, &key, C::SELECT, &from::<C>())?;
        scope.restrict(&mut list.sql, "c");
        let [customer_id, from, to] = filter.whose_and_when();
        list.equals("c.customer_id", customer_id);
        list.between(at.expr, ("from", from), ("to", to));
        C::narrow(filter, &mut list);
        list.page(self, |row| C::from_row(row, currency)).await
    }

    /// The currency a child's amounts are read in: the business's, for kinds with amounts.
    async fn child_currency<C: Child>(&self) -> StoreResult<Currency> {
        if C::PRICED {
            self.currency().await
        } else {
            Ok(Currency::USD)
        }
    }

    /// The key of the child whose `column` is `id`, if its customer is visible.
    async fn visible_child<C: Child>(
        tx: &mut Transaction<'_, Any>,
        scope: &AccessScope,
        column: &str,
        id: impl Into<Value> + ToString,
    ) -> StoreResult<i64> {
        let shown = id.to_string();
        let select = format!("select x.{}{}", C::KEY, from::<C>());
        let sql = Sql::visible(&select, &format!("x.{column}"), id, scope);
        found_key(tx, &sql, C::KEY, C::ENTITY, shown).await
    }

    /// The values to write for `input`, its customer (and employee) resolved.
    async fn child_values<C: Child>(
        tx: &mut Transaction<'_, Any>,
        scope: &AccessScope,
        input: &C::Input,
    ) -> StoreResult<Vec<Value>> {
        let customer_id = C::customer_id(input);
        let customer_key = visible_customer_key(tx, scope, customer_id)
            .await
            .map_err(|e| unknown_customer(e, customer_id))?;
        let employee = employee_key(tx, C::EMPLOYEE_FIELD, C::employee_email(input)).await?;
        if C::EMPLOYEE_SEES_CUSTOMER
            && let (Some(employee), Some(email)) = (employee, C::employee_email(input))
            && !tasks::employee_sees_customer(tx, employee, customer_key).await?
        {
            return Err(StoreError::invalid(
                C::EMPLOYEE_FIELD,
                clientele_core::Message::new("cannot-see-customer")
                    .text("email", email)
                    .text("customer", customer_id),
            ));
        }
        Ok(C::values(input, customer_key, employee))
    }
}
