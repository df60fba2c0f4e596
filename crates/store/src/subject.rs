//! A customer's rights over their data: everything held about them, in one document; and
//! erasure — their personal fields removed for good, their orders kept as anonymous figures so
//! that the statistics still add up.

use clientele_core::model::{
    Complaint, CostToServeRecord, Customer, FeedbackRecord, InteractionRecord, Order,
    TransitionRecord,
};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::{StoreError, StoreResult};
use crate::list::{ListRequest, Page, every_page};
use crate::sql::{BackendOf, RowExt, Sql};
use crate::{
    AccessScope, ComplaintFilter, CostFilter, FeedbackFilter, InteractionFilter, OrderFilter,
    Store, StoredProfile, TransitionFilter,
};

/// One change of a customer's owner.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct OwnerChangeRecord {
    /// RFC 3339.
    pub at: String,
    pub from_email: Option<String>,
    pub to_email: Option<String>,
    /// `edit`, `import` or `handover`.
    pub reason: String,
    pub changed_by: String,
}

/// Everything Clientele holds about one customer.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct SubjectExport {
    /// RFC 3339: when this document was made.
    pub exported_at: String,
    pub customer: Customer,
    /// Their types with evidence, when they have been classified.
    pub profile: Option<StoredProfile>,
    pub orders: Vec<Order>,
    pub costs: Vec<CostToServeRecord>,
    pub interactions: Vec<InteractionRecord>,
    pub complaints: Vec<Complaint>,
    pub feedback: Vec<FeedbackRecord>,
    pub transitions: Vec<TransitionRecord>,
    pub owner_history: Vec<OwnerChangeRecord>,
    /// The tasks about them, done or not.
    pub tasks: Vec<clientele_core::model::Task>,
}

/// What an erasure did.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Erasure {
    /// The pseudonym the customer's record now carries.
    pub customer_id: String,
    /// Orders kept, anonymous (amounts and dates only).
    pub orders_kept: u64,
}

/// Every page of a list.
async fn all<T, F: Future<Output = StoreResult<Page<T>>>>(
    list: impl FnMut(ListRequest) -> F,
) -> StoreResult<Vec<T>> {
    let mut items = Vec::new();
    every_page(list, |page| -> StoreResult<()> {
        items.extend(page);
        Ok(())
    })
    .await?;
    Ok(items)
}

/// A filter of one customer's records.
trait Whose: Default {
    fn of(customer_id: &str) -> Self;
}

macro_rules! whose {
    ($($filter:ty),+) => {$(
        impl Whose for $filter {
            fn of(customer_id: &str) -> Self {
                Self {
                    customer_id: Some(customer_id.to_owned()),
                    ..Default::default()
                }
            }
        }
    )+};
}

whose!(
    OrderFilter,
    CostFilter,
    InteractionFilter,
    ComplaintFilter,
    FeedbackFilter,
    TransitionFilter,
    crate::TaskFilter
);

fn pseudonym(prefix: &str) -> String {
    format!("{prefix}-{}", uuid::Uuid::new_v4().simple())
}

impl Store {
    /// Who owned a customer when, oldest first, if the scope may see the customer.
    pub async fn owner_history(
        &self,
        scope: &AccessScope,
        customer_id: &str,
    ) -> StoreResult<Vec<OwnerChangeRecord>> {
        self.get_customer(scope, customer_id).await?;
        let rows = sqlx::query(
            "select h.at, f.email as from_email, t.email as to_email, h.reason, h.changed_by
             from owner_history h
             join customers c on c.customer_key = h.customer_key
             left join employees f on f.employee_key = h.from_employee
             left join employees t on t.employee_key = h.to_employee
             where c.customer_id = $1 order by h.at, h.owner_change_key",
        )
        .bind(customer_id.to_owned())
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(OwnerChangeRecord {
                    at: clientele_core::time::format_instant(row.instant("at")?),
                    from_email: row.opt_text("from_email")?,
                    to_email: row.opt_text("to_email")?,
                    reason: row.text("reason")?,
                    changed_by: row.text("changed_by")?,
                })
            })
            .collect()
    }

    /// Everything held about one customer the scope may see.
    pub async fn export_subject(
        &self,
        scope: &AccessScope,
        customer_id: &str,
    ) -> StoreResult<SubjectExport> {
        let customer = self.get_customer(scope, customer_id).await?;
        let profile = match self.customer_profile(scope, customer_id).await {
            Ok(profile) => Some(profile),
            Err(StoreError::NotFound { .. }) => None,
            Err(e) => return Err(e),
        };
        let id = customer_id;
        let orders =
            all(|r| async move { self.list_orders(scope, &Whose::of(id), &r).await }).await?;
        let costs =
            all(|r| async move { self.list_costs(scope, &Whose::of(id), &r).await }).await?;
        let interactions =
            all(|r| async move { self.list_interactions(scope, &Whose::of(id), &r).await }).await?;
        let complaints =
            all(|r| async move { self.list_complaints(scope, &Whose::of(id), &r).await }).await?;
        let feedback =
            all(|r| async move { self.list_feedback(scope, &Whose::of(id), &r).await }).await?;
        let transitions =
            all(|r| async move { self.list_transitions(scope, &Whose::of(id), &r).await }).await?;
        let owner_history = self.owner_history(scope, customer_id).await?;
        let tasks =
            all(|r| async move { self.list_tasks(scope, &Whose::of(id), &r).await }).await?;
        Ok(SubjectExport {
            exported_at: clientele_core::time::format_instant(jiff::Timestamp::now()),
            customer,
            profile,
            orders,
            costs,
            interactions,
            complaints,
            feedback,
            transitions,
            owner_history,
            tasks,
        })
    }

    /// Erases a customer the scope may change, for good: name, contact details, profile,
    /// competitor, tags and every free text about them (interaction summaries, complaint
    /// subjects, feedback comments) are removed; their id and the ids of their orders and
    /// complaints are replaced by random pseudonyms, so nothing links them to another system.
    /// Orders (amounts and dates), costs, types and owners stay, anonymous, so every figure
    /// still adds up. Members of an erased organisation stay, without it.
    pub async fn erase_subject(
        &self,
        scope: &AccessScope,
        customer_id: &str,
        now: i64,
    ) -> StoreResult<Erasure> {
        let mut tx = self.begin_write().await?;
        let key = crate::customers::visible_customer_key(&mut tx, scope, customer_id).await?;
        let backend = tx.backend();
        let new_id = pseudonym("erased");
        sqlx::query(
            "update customers set customer_id = $1, name = null, email = null, phone = null,
                 organisation_key = null, role = null, birth_year = null, gender = null,
                 income_band = null, city = null, region = null, country = null,
                 competitor = null, competitor_reason = null, search_text = '', sort_name = $1,
                 erased_at = $2, updated_at = $2
             where customer_key = $3",
        )
        .bind(new_id.clone())
        .bind(now)
        .bind(key)
        .execute(&mut *tx)
        .await?;
        for statement in [
            "delete from customer_tags where customer_key = $1",
            "update customers set organisation_key = null where organisation_key = $1",
        ] {
            sqlx::query(statement).bind(key).execute(&mut *tx).await?;
        }
        // Rows that carry their own business id or content hash get a pseudonym each.
        for (table, key_column, id_column, extra) in [
            ("orders", "order_key", "order_id", ""),
            (
                "complaints",
                "complaint_key",
                "complaint_id",
                ", subject = null",
            ),
            (
                "interactions",
                "interaction_key",
                "natural_key",
                ", summary = null",
            ),
            (
                "feedback",
                "feedback_key",
                "natural_key",
                ", comment = null",
            ),
            ("cost_entries", "cost_key", "natural_key", ""),
            // A task's words are about the customer; its dates, status and outcome stay.
            (
                "tasks",
                "task_key",
                "task_id",
                ", title = '(erased)', description = null, notes = null",
            ),
        ] {
            let mut sql = Sql::new(&format!(
                "select {key_column} from {table} where customer_key = "
            ));
            sql.bind(key);
            let rows = sql.query(backend).fetch_all(&mut *tx).await?;
            for row in rows {
                let row_key = row.int(key_column)?;
                let mut update = Sql::new(&format!("update {table} set {id_column} = "));
                update
                    .bind(pseudonym("erased"))
                    .push(extra)
                    .push(&format!(" where {key_column} = "))
                    .bind(row_key);
                update.query(backend).execute(&mut *tx).await?;
            }
        }
        let orders_kept: i64 =
            sqlx::query_scalar("select count(*) from orders where customer_key = $1")
                .bind(key)
                .fetch_one(&mut *tx)
                .await?;
        tx.commit().await?;
        // What the rows held before must not linger in the database files either.
        match self.backend() {
            crate::Backend::Sqlite => {
                sqlx::query("pragma wal_checkpoint(truncate)")
                    .execute(self.pool())
                    .await?;
            }
            crate::Backend::Postgres => {
                for table in [
                    "customers",
                    "customer_tags",
                    "orders",
                    "complaints",
                    "interactions",
                    "feedback",
                    "cost_entries",
                ] {
                    sqlx::query(sqlx::AssertSqlSafe(format!("vacuum {table}")))
                        .execute(self.pool())
                        .await?;
                }
            }
        }
        Ok(Erasure {
            customer_id: new_id,
            orders_kept: u64::try_from(orders_kept).unwrap_or(0),
        })
    }
}
