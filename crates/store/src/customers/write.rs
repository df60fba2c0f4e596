//! Writing customers: their references resolved, their row and tags written, a change of
//! owner recorded.

use clientele_core::model::Customer;
use clientele_core::search::{customer_search_text, fold};
use clientele_core::{FieldErrors, Party};
use sqlx::{Any, Transaction};

use crate::error::{StoreError, StoreResult, is_unique_violation};
use crate::scope::AccessScope;
use crate::sql::{BackendOf, RowExt, Sql, Value, found_key, ms};

/// The keys a customer's references resolve to.
pub(crate) struct References {
    pub owner_key: Option<i64>,
    pub organisation_key: Option<i64>,
}

/// The customer key of `customer_id` if the scope lets the caller see it.
pub(crate) async fn visible_customer_key(
    tx: &mut Transaction<'_, Any>,
    scope: &AccessScope,
    customer_id: &str,
) -> StoreResult<i64> {
    let select = "select c.customer_key from customers c";
    let sql = Sql::visible(select, "c.customer_id", customer_id, scope);
    found_key(tx, &sql, "customer_key", "customer", customer_id).await
}

/// Resolves the owner's e-mail and the organisation's id to keys, or says which is unknown.
/// The organisation is looked up among the customers the caller may already read: one
/// outside their scope is answered exactly like one that does not exist (naming it would
/// otherwise grant read on it, and "is a person" would tell it exists).
pub(crate) async fn resolve_references(
    tx: &mut Transaction<'_, Any>,
    scope: &AccessScope,
    customer: &Customer,
    own_key: Option<i64>,
) -> StoreResult<References> {
    let mut errors = FieldErrors::new();
    let owner_key = match &customer.owner_email {
        Some(email) => {
            let found: Option<(i64, String)> =
                sqlx::query_as("select employee_key, role from employees where email = $1")
                    .bind(email.clone())
                    .fetch_optional(&mut **tx)
                    .await?;
            match &found {
                None => errors.add(
                    "owner_email",
                    clientele_core::Message::new("no-employee").text("email", email.as_str()),
                ),
                Some((_, role))
                    if clientele_core::EmployeeRole::parse(role)
                        .is_ok_and(|r| !r.may_own_customers()) =>
                {
                    errors.add(
                        "owner_email",
                        clientele_core::Message::new("cannot-own").text("email", email.as_str()),
                    )
                }
                Some(_) => {}
            }
            found.map(|(key, _)| key)
        }
        None => None,
    };
    let organisation_key = match &customer.organisation_id {
        Some(org) => {
            let mut sql = Sql::new("select c.customer_key, c.party from customers c");
            sql.push(" where c.customer_id = ").bind(org.as_str());
            scope.restrict_read(&mut sql, "c");
            let row = sql.query(tx.backend()).fetch_optional(&mut **tx).await?;
            match row {
                None => {
                    errors.add(
                        "organisation_id",
                        clientele_core::Message::new("no-customer").text("id", org.as_str()),
                    );
                    None
                }
                Some(row) => {
                    let key = row.int("customer_key")?;
                    if Some(key) == own_key {
                        errors.add(
                            "organisation_id",
                            clientele_core::Message::new("own-organisation"),
                        );
                    } else if row.text("party")? != Party::Organisation.as_str() {
                        errors.add(
                            "organisation_id",
                            clientele_core::Message::new("not-an-organisation")
                                .text("id", org.as_str()),
                        );
                    }
                    Some(key)
                }
            }
        }
        None => None,
    };
    if errors.is_empty() {
        Ok(References {
            owner_key,
            organisation_key,
        })
    } else {
        Err(StoreError::Invalid(errors))
    }
}

/// The folded search text and the sort name kept beside each customer.
pub(crate) fn derived_text(customer: &Customer) -> (String, String) {
    let search = customer_search_text(
        &customer.customer_id,
        customer.name.as_deref(),
        customer.email.as_deref(),
        customer.phone.as_deref(),
    );
    let sort = fold(customer.name.as_deref().unwrap_or(&customer.customer_id));
    (search, sort)
}

/// The columns of a customer's row, in the order of [`customer_values`].
pub(crate) const COLUMNS: &str = "customer_id, name, party, kind, email, phone, organisation_key, \
    role, birth_year, gender, income_band, city, region, country, acquisition_channel, \
    acquisition_cost, competitor, competitor_reason, owner_key, search_text, sort_name, \
    created_at, updated_at";

/// What a customer's row holds: its fields, its references' keys and the derived text.
pub(crate) fn customer_values(customer: &Customer, refs: &References) -> Vec<Value> {
    let (search_text, sort_name) = derived_text(customer);
    vec![
        customer.customer_id.as_str().into(),
        customer.name.as_deref().into(),
        customer.party.as_str().into(),
        customer.kind.as_str().into(),
        customer.email.as_deref().into(),
        customer.phone.as_deref().into(),
        refs.organisation_key.into(),
        customer.role.as_deref().into(),
        customer.birth_year.map(i64::from).into(),
        customer.gender.as_deref().into(),
        customer.income_band.as_deref().into(),
        customer.city.as_deref().into(),
        customer.region.as_deref().into(),
        customer.country.as_deref().into(),
        customer.acquisition_channel.as_deref().into(),
        customer.acquisition_cost.map(|m| m.minor()).into(),
        customer.competitor.as_deref().into(),
        customer.competitor_reason.as_deref().into(),
        refs.owner_key.into(),
        search_text.into(),
        sort_name.into(),
        ms(customer.created_at).into(),
        ms(customer.updated_at).into(),
    ]
}

/// Rewrites every column of one customer. Refuses to turn an organisation with members into a
/// person, and answers a taken `customer_id` as a duplicate.
pub(crate) async fn update_customer_row(
    tx: &mut Transaction<'_, Any>,
    key: i64,
    customer: &Customer,
    refs: &References,
    change: &OwnerChange<'_>,
) -> StoreResult<()> {
    let owner_before: Option<i64> =
        sqlx::query_scalar("select owner_key from customers where customer_key = $1")
            .bind(key)
            .fetch_one(&mut **tx)
            .await?;
    record_owner_change(tx, key, owner_before, refs.owner_key, change).await?;
    if customer.party == Party::Person {
        let members: i64 =
            sqlx::query_scalar("select count(*) from customers where organisation_key = $1")
                .bind(key)
                .fetch_one(&mut **tx)
                .await?;
        if members > 0 {
            return Err(StoreError::invalid(
                "party",
                clientele_core::Message::new("organisation-has-members").int("count", members),
            ));
        }
    }
    let mut sql = Sql::new("update customers set ");
    sql.set(COLUMNS, customer_values(customer, refs))
        .push(" where customer_key = ")
        .bind(key);
    let result = sql.query(tx.backend()).execute(&mut **tx).await;
    match result {
        Err(e) if is_unique_violation(&e) => Err(StoreError::Duplicate {
            entity: "customer",
            field: "customer_id",
            id: customer.customer_id.clone(),
        }),
        Err(e) => Err(e.into()),
        Ok(_) => replace_tags(tx, key, &customer.tags).await,
    }
}

/// Why and by whom a customer's owner changes, for the owner history.
pub(crate) struct OwnerChange<'a> {
    /// `edit`, `import` or `handover`.
    pub reason: &'static str,
    pub by: &'a str,
}

/// Records that a customer's owner changed from `from` to `to`, now.
pub(crate) async fn record_owner_change(
    tx: &mut Transaction<'_, Any>,
    customer_key: i64,
    from: Option<i64>,
    to: Option<i64>,
    change: &OwnerChange<'_>,
) -> StoreResult<()> {
    if from == to {
        return Ok(());
    }
    sqlx::query(
        "insert into owner_history (customer_key, from_employee, to_employee, at, reason, changed_by)
         values ($1, $2, $3, $4, $5, $6)",
    )
    .bind(customer_key)
    .bind(from)
    .bind(to)
    .bind(ms(jiff::Timestamp::now()))
    .bind(change.reason)
    .bind(change.by.to_owned())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub(crate) async fn insert_customer(
    tx: &mut Transaction<'_, Any>,
    customer: &Customer,
    refs: &References,
    change: &OwnerChange<'_>,
) -> StoreResult<i64> {
    let mut sql = Sql::new(&format!("insert into customers ({COLUMNS}) values ("));
    sql.bind_list(customer_values(customer, refs))
        .push(") returning customer_key");
    let key = sql
        .query(tx.backend())
        .fetch_one(&mut **tx)
        .await?
        .int("customer_key")?;
    record_owner_change(tx, key, None, refs.owner_key, change).await?;
    Ok(key)
}

pub(crate) async fn replace_tags(
    tx: &mut Transaction<'_, Any>,
    key: i64,
    tags: &[String],
) -> StoreResult<()> {
    sqlx::query("delete from customer_tags where customer_key = $1")
        .bind(key)
        .execute(&mut **tx)
        .await?;
    if !tags.is_empty() {
        let mut sql = Sql::new("insert into customer_tags (customer_key, tag) values ");
        for (i, tag) in tags.iter().enumerate() {
            if i > 0 {
                sql.push(", ");
            }
            sql.push("(")
                .bind(key)
                .push(", ")
                .bind(tag.as_str())
                .push(")");
        }
        sql.query(tx.backend()).execute(&mut **tx).await?;
    }
    Ok(())
}

/// A customer is acquired no later than their first order: a customer recorded without a
/// `created_at` (an import's rows default to the moment of the import) whose orders are
/// older is moved back to their first order, so cohorts and the `new` window count from it.
/// `None`: every customer (after an import); else the one customer.
pub(crate) async fn acquired_by_first_order(
    tx: &mut Transaction<'_, Any>,
    customer_key: Option<i64>,
) -> StoreResult<()> {
    let mut sql = Sql::new(
        "update customers set created_at = (select min(o.ordered_at) from orders o \
         where o.customer_key = customers.customer_key) \
         where exists (select 1 from orders o where o.customer_key = customers.customer_key \
         and o.ordered_at < customers.created_at)",
    );
    if let Some(key) = customer_key {
        sql.push(" and customers.customer_key = ").bind(key);
    }
    sql.query(tx.backend()).execute(&mut **tx).await?;
    Ok(())
}
