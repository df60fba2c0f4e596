//! Customers: create, read, update, delete and list, with tags, owner and organisation
//! resolved from the ids the API speaks to the keys the tables join on.

use clientele_core::model::Customer;
use clientele_core::search::{customer_search_text, fold};
use clientele_core::time::parse_instant;
use clientele_core::{Currency, CustomerKind, FieldErrors, Money, Party};
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use crate::error::{StoreError, StoreResult, is_unique_violation};
use crate::list::{ListRequest, Page, SortColumn, SortKind, Sorting};
use crate::scope::AccessScope;
use crate::sql::{BackendOf, RowExt, Sql, like_pattern, ms};
use crate::{Backend, Store};

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
    SortColumn {
        name: "customer_id",
        expr: "c.customer_id",
        kind: SortKind::Text,
    },
    SortColumn {
        name: "name",
        expr: "c.sort_name",
        kind: SortKind::Text,
    },
    SortColumn {
        name: "created_at",
        expr: "c.created_at",
        kind: SortKind::Int,
    },
    SortColumn {
        name: "updated_at",
        expr: "c.updated_at",
        kind: SortKind::Int,
    },
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

/// The keys a customer's references resolve to.
pub(crate) struct References {
    pub owner_key: Option<i64>,
    pub organisation_key: Option<i64>,
}

impl Store {
    /// Creates a customer; `by` (who, for the owner history) names the caller.
    pub async fn create_customer(
        &self,
        scope: &AccessScope,
        customer: &Customer,
        by: &str,
    ) -> StoreResult<Customer> {
        let mut tx = self.pool().begin().await?;
        let refs = resolve_references(&mut tx, customer, None).await?;
        let change = OwnerChange { reason: "edit", by };
        let key = insert_customer(&mut tx, customer, &refs, &change)
            .await
            .map_err(|e| match e {
                StoreError::Database(e) if is_unique_violation(&e) => StoreError::Duplicate {
                    entity: "customer",
                    field: "customer_id",
                    id: customer.customer_id.clone(),
                },
                other => other,
            })?;
        replace_tags(&mut tx, key, &customer.tags).await?;
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
        let row = sql
            .query(self.backend)
            .fetch_optional(self.pool())
            .await?
            .ok_or_else(|| StoreError::not_found("customer", customer_id))?;
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
        let mut tx = self.pool().begin().await?;
        let key = visible_customer_key(&mut tx, scope, customer_id).await?;
        let refs = resolve_references(&mut tx, customer, Some(key)).await?;
        let change = OwnerChange { reason: "edit", by };
        update_customer_row(&mut tx, key, customer, &refs, &change).await?;
        tx.commit().await?;
        self.get_customer(scope, &customer.customer_id).await
    }

    /// Deletes the customer with everything recorded about them (orders, interactions,
    /// complaints, feedback, costs, transitions). Members of a deleted organisation stay,
    /// without an organisation.
    pub async fn delete_customer(&self, scope: &AccessScope, customer_id: &str) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
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
        let sorting = Sorting::parse(request, SORTS, "customer_id", "c.customer_key")?;
        let mut sql = Sql::new(SELECT);
        sql.push(", ")
            .push(&sorting.select_columns())
            .push(FROM)
            .push(" where 1 = 1");
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
        scope.restrict_read_planned(&mut sql, "c", walk_sort_order);
        apply_filter(&mut sql, filter, self.backend)?;
        let limit = sorting.finish(&mut sql, request)?;
        let rows = sql.query(self.backend).fetch_all(self.pool()).await?;
        let keys: Vec<i64> = rows
            .iter()
            .take(limit as usize)
            .map(|r| r.int("customer_key"))
            .collect::<StoreResult<_>>()?;
        let mut tags = self.tags_of(&keys).await?;
        sorting.page(rows, limit, |row| {
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

fn apply_filter(sql: &mut Sql, filter: &CustomerFilter, backend: Backend) -> StoreResult<()> {
    let mut errors = FieldErrors::new();
    let given = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    if let Some(kind) = given(&filter.kind)
        && let Some(kind) = errors.check("kind", CustomerKind::parse(&kind))
    {
        sql.push(" and c.kind = ").bind(kind.as_str());
    }
    let stage = given(&filter.stage)
        .and_then(|stage| errors.check("stage", clientele_core::Stage::parse(&stage)));
    let tier = given(&filter.tier).and_then(|tier| {
        let tier = tier.to_ascii_uppercase();
        if ["A", "B", "C"].contains(&tier.as_str()) {
            Some(tier)
        } else {
            errors.add(
                "tier",
                clientele_core::Message::new("not-one-of")
                    .text("value", tier.as_str())
                    .text("choices", "A, B, C"),
            );
            None
        }
    });
    // Stage and tier together are one walk of the (stage, tier) index: on a million
    // customers, lapsed tier-A ones are found in a few ms instead of intersecting two sets
    // of a hundred thousand.
    match (stage, tier) {
        (Some(stage), Some(tier)) => {
            sql.push(
                " and c.customer_key in (select customer_key from customer_types where stage = ",
            )
            .bind(stage.as_str())
            .push(" and tier = ")
            .bind(tier)
            .push(")");
        }
        (Some(stage), None) => {
            sql.push(
                " and c.customer_key in (select customer_key from customer_types where stage = ",
            )
            .bind(stage.as_str())
            .push(")");
        }
        (None, Some(tier)) => {
            sql.push(
                " and c.customer_key in (select customer_key from customer_types where tier = ",
            )
            .bind(tier)
            .push(")");
        }
        (None, None) => {}
    }
    if let Some(flag) = given(&filter.flag)
        && let Some(flag) = errors.check("flag", clientele_core::Flag::parse(&flag))
    {
        sql.push(" and c.customer_key in (select customer_key from customer_flags where flag = ")
            .bind(flag.as_str())
            .push(")");
    }
    if let Some(party) = given(&filter.party)
        && let Some(party) = errors.check("party", Party::parse(&party))
    {
        sql.push(" and c.party = ").bind(party.as_str());
    }
    match filter.unassigned {
        Some(true) => {
            sql.push(
                " and (c.owner_key is null or c.owner_key in (select employee_key from employees where left_at is not null))",
            );
        }
        Some(false) => {
            sql.push(
                " and c.owner_key in (select employee_key from employees where left_at is null)",
            );
        }
        None => {}
    }
    match given(&filter.owner_email) {
        Some(owner) if owner.eq_ignore_ascii_case("none") => {
            sql.push(" and c.owner_key is null");
        }
        Some(owner) => {
            sql.push(" and owner.email = ").bind(owner.to_lowercase());
        }
        None => {}
    }
    if let Some(channel) = given(&filter.acquisition_channel) {
        sql.push(" and c.acquisition_channel = ").bind(channel);
    }
    if let Some(country) = given(&filter.country) {
        sql.push(" and c.country = ")
            .bind(country.to_ascii_uppercase());
    }
    if let Some(tag) = given(&filter.tag) {
        sql.push(" and c.customer_key in (select customer_key from customer_tags where tag = ")
            .bind(tag)
            .push(")");
    }
    if let Some(org) = given(&filter.organisation_id) {
        sql.push(" and org.customer_id = ").bind(org);
    }
    if let Some(from) = given(&filter.created_from)
        && let Some(at) = errors.check("created_from", parse_instant(&from))
    {
        sql.push(" and c.created_at >= ").bind(ms(at));
    }
    if let Some(to) = given(&filter.created_to)
        && let Some(at) = errors.check("created_to", parse_instant(&to))
    {
        sql.push(" and c.created_at < ").bind(ms(at));
    }
    if let Some(q) = given(&filter.q) {
        let folded = fold(&q);
        let digits = clientele_core::search::digits(&q);
        let by_digits = digits.len() >= 4
            && digits.len() * 2 >= q.chars().filter(|c| !c.is_whitespace()).count();
        // SQLite's trigram index (migration 0007) answers substrings of three characters or
        // more; the phrase query matches exactly where `like '%…%'` would.
        if backend == Backend::Sqlite && folded.chars().count() >= 3 {
            let phrase = |text: &str| format!("\"{}\"", text.replace('"', "\"\""));
            let mut query = phrase(&folded);
            if by_digits {
                query = format!("{query} OR {}", phrase(&digits));
            }
            sql.push(
                " and c.customer_key in (select rowid from customer_search where customer_search match ",
            )
            .bind(query)
            .push(")");
        } else {
            sql.push(" and (c.search_text like ")
                .bind(like_pattern(&folded))
                .push(" escape '\\'");
            // A telephone number typed with other spacing still matches its bare digits.
            if by_digits {
                sql.push(" or c.search_text like ")
                    .bind(like_pattern(&digits))
                    .push(" escape '\\'");
            }
            sql.push(")");
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Invalid(errors))
    }
}

/// The customer key of `customer_id` if the scope lets the caller see it.
pub(crate) async fn visible_customer_key(
    tx: &mut Transaction<'_, Any>,
    scope: &AccessScope,
    customer_id: &str,
) -> StoreResult<i64> {
    let mut sql = Sql::new("select c.customer_key from customers c where c.customer_id = ");
    sql.bind(customer_id);
    scope.restrict(&mut sql, "c");
    let row = sql.query(tx.backend()).fetch_optional(&mut **tx).await?;
    match row {
        Some(row) => row.int("customer_key"),
        None => Err(StoreError::not_found("customer", customer_id)),
    }
}

/// Resolves the owner's e-mail and the organisation's id to keys, or says which is unknown.
pub(crate) async fn resolve_references(
    tx: &mut Transaction<'_, Any>,
    customer: &Customer,
    own_key: Option<i64>,
) -> StoreResult<References> {
    let mut errors = FieldErrors::new();
    let owner_key = match &customer.owner_email {
        Some(email) => {
            let key: Option<i64> =
                sqlx::query_scalar("select employee_key from employees where email = $1")
                    .bind(email.clone())
                    .fetch_optional(&mut **tx)
                    .await?;
            if key.is_none() {
                errors.add(
                    "owner_email",
                    clientele_core::Message::new("no-employee").text("email", email.as_str()),
                );
            }
            key
        }
        None => None,
    };
    let organisation_key = match &customer.organisation_id {
        Some(org) => {
            let row =
                sqlx::query("select customer_key, party from customers where customer_id = $1")
                    .bind(org.clone())
                    .fetch_optional(&mut **tx)
                    .await?;
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
    let (search_text, sort_name) = derived_text(customer);
    let result = sqlx::query(
        "update customers set customer_id = $1, name = $2, party = $3, kind = $4, email = $5,
             phone = $6, organisation_key = $7, role = $8, birth_year = $9, gender = $10,
             income_band = $11, city = $12, region = $13, country = $14,
             acquisition_channel = $15, acquisition_cost = $16, competitor = $17,
             competitor_reason = $18, owner_key = $19, search_text = $20, sort_name = $21,
             created_at = $22, updated_at = $23
         where customer_key = $24",
    )
    .bind(customer.customer_id.clone())
    .bind(customer.name.clone())
    .bind(customer.party.as_str())
    .bind(customer.kind.as_str())
    .bind(customer.email.clone())
    .bind(customer.phone.clone())
    .bind(refs.organisation_key)
    .bind(customer.role.clone())
    .bind(customer.birth_year.map(i64::from))
    .bind(customer.gender.clone())
    .bind(customer.income_band.clone())
    .bind(customer.city.clone())
    .bind(customer.region.clone())
    .bind(customer.country.clone())
    .bind(customer.acquisition_channel.clone())
    .bind(customer.acquisition_cost.map(|m| m.minor()))
    .bind(customer.competitor.clone())
    .bind(customer.competitor_reason.clone())
    .bind(refs.owner_key)
    .bind(search_text)
    .bind(sort_name)
    .bind(ms(customer.created_at))
    .bind(ms(customer.updated_at))
    .bind(key)
    .execute(&mut **tx)
    .await;
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
    let (search_text, sort_name) = derived_text(customer);
    let key: i64 = sqlx::query_scalar(
        "insert into customers (customer_id, name, party, kind, email, phone, organisation_key,
             role, birth_year, gender, income_band, city, region, country, acquisition_channel,
             acquisition_cost, competitor, competitor_reason, owner_key, search_text, sort_name,
             created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
             $19, $20, $21, $22, $23)
         returning customer_key",
    )
    .bind(customer.customer_id.clone())
    .bind(customer.name.clone())
    .bind(customer.party.as_str())
    .bind(customer.kind.as_str())
    .bind(customer.email.clone())
    .bind(customer.phone.clone())
    .bind(refs.organisation_key)
    .bind(customer.role.clone())
    .bind(customer.birth_year.map(i64::from))
    .bind(customer.gender.clone())
    .bind(customer.income_band.clone())
    .bind(customer.city.clone())
    .bind(customer.region.clone())
    .bind(customer.country.clone())
    .bind(customer.acquisition_channel.clone())
    .bind(customer.acquisition_cost.map(|m| m.minor()))
    .bind(customer.competitor.clone())
    .bind(customer.competitor_reason.clone())
    .bind(refs.owner_key)
    .bind(search_text)
    .bind(sort_name)
    .bind(ms(customer.created_at))
    .bind(ms(customer.updated_at))
    .fetch_one(&mut **tx)
    .await?;
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
