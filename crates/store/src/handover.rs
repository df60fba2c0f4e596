//! When an employee leaves, their customers must not leave with them (a relationship kept by one person walks out with them): a handover
//! deactivates the employee (their sessions and tokens die at once), gives their customers,
//! all or chosen, to another employee, keeps the history of owners, and reports the tier-A
//! customers that were at risk before and after.

use clientele_core::Flag;
use serde::Serialize;
use sqlx::Row;
use utoipa::ToSchema;

use crate::customers::{OwnerChange, record_owner_change};
use crate::error::{StoreError, StoreResult};
use crate::sql::{BackendOf, Sql};
use crate::{AccessScope, Store};

/// A tier-A customer that changed hands, and whether it was at risk (`owner_risk`).
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct TierACustomer {
    pub customer_id: String,
    pub owner_risk_before: bool,
    pub owner_risk_after: bool,
}

/// What a handover did.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct HandoverReport {
    pub from: String,
    pub to: String,
    /// Customers given to `to`.
    pub moved: u64,
    /// Whether `from` was deactivated (a handover of all their customers).
    pub deactivated: bool,
    /// `from`'s customers that `to` does not get (a handover of chosen customers): they
    /// stay with `from`, or show as unassigned once `from` has left.
    pub remaining: u64,
    /// The tier-A customers among those moved.
    pub tier_a: Vec<TierACustomer>,
}

impl Store {
    /// Hands `from`'s customers (all, or those named) over to `to`, as of `now`. Handing all
    /// of them over also deactivates `from`. Both employees must be in `scope` (a manager
    /// hands over within their team); `by` is who asked, for the owner history.
    pub async fn handover(
        &self,
        scope: &AccessScope,
        from_email: &str,
        to_email: &str,
        customer_ids: Option<&[String]>,
        by: &str,
        now: i64,
    ) -> StoreResult<HandoverReport> {
        for email in [from_email, to_email] {
            if !self.scope_covers_owner(scope, email).await? {
                return Err(StoreError::not_found("employee", email));
            }
        }
        let from = self.employee_by_email(from_email).await?;
        let to = self.employee_by_email(to_email).await?;
        if from.employee_id == to.employee_id {
            return Err(StoreError::invalid(
                "to",
                clientele_core::Message::new("handover-to-self"),
            ));
        }
        if !to.employee.role.may_own_customers() {
            return Err(StoreError::invalid(
                "to",
                clientele_core::Message::new("cannot-own")
                    .text("email", to.employee.email.as_str()),
            ));
        }
        if to.employee.left_at.is_some() {
            return Err(StoreError::invalid(
                "to",
                clientele_core::Message::new("has-left").text("email", to.employee.email.as_str()),
            ));
        }
        let mut tx = self.begin_write().await?;
        let backend = tx.backend();
        let mut sql = Sql::new(
            "select c.customer_key, c.customer_id, t.tier,
                    (select count(*) from customer_flags f where f.customer_key = c.customer_key and f.flag = ",
        );
        sql.bind(Flag::OwnerRisk.as_str())
            .push(
                ") from customers c left join customer_types t on t.customer_key = c.customer_key
                 where c.owner_key = ",
            )
            .bind(from.employee_id);
        let owned = sql.query(backend).fetch_all(&mut *tx).await?;
        let owned: Vec<(i64, String, Option<String>, bool)> = owned
            .iter()
            .map(|r| {
                Ok((
                    r.try_get(0)?,
                    r.try_get(1)?,
                    r.try_get(2)?,
                    r.try_get::<i64, _>(3)? > 0,
                ))
            })
            .collect::<StoreResult<_>>()?;
        let chosen: Vec<&(i64, String, Option<String>, bool)> = match customer_ids {
            None => owned.iter().collect(),
            Some(ids) => {
                let mut errors = clientele_core::FieldErrors::new();
                for id in ids {
                    if !owned.iter().any(|(_, owned_id, _, _)| owned_id == id) {
                        errors.add(
                            "customers",
                            clientele_core::Message::new("not-their-customer")
                                .text("id", id.as_str())
                                .text("email", from.employee.email.as_str()),
                        );
                    }
                }
                if !errors.is_empty() {
                    return Err(StoreError::Invalid(errors));
                }
                owned
                    .iter()
                    .filter(|(_, id, _, _)| ids.contains(id))
                    .collect()
            }
        };
        let change = OwnerChange {
            reason: "handover",
            by,
        };
        for batch in chosen.chunks(5_000) {
            let mut sql = Sql::new("update customers set owner_key = ");
            sql.bind(to.employee_id)
                .push(", updated_at = ")
                .bind(now)
                .push(" where customer_key in (")
                .bind_list(batch.iter().map(|(key, _, _, _)| *key))
                .push(")");
            sql.query(backend).execute(&mut *tx).await?;
            for (key, _, _, _) in batch {
                record_owner_change(
                    &mut tx,
                    *key,
                    Some(from.employee_id),
                    Some(to.employee_id),
                    &change,
                )
                .await?;
            }
        }
        // Their open tasks on those customers go with them.
        let moved: Vec<i64> = chosen.iter().map(|(key, _, _, _)| *key).collect();
        crate::activity::hand_over_open_tasks(
            &mut tx,
            from.employee_id,
            to.employee_id,
            &moved,
            now,
        )
        .await?;
        let deactivated = customer_ids.is_none();
        if deactivated {
            sqlx::query(
                "update employees set left_at = coalesce(left_at, $1), updated_at = $1 where employee_key = $2",
            )
            .bind(now)
            .bind(from.employee_id)
            .execute(&mut *tx)
            .await?;
            Self::end_access(&mut tx, from.employee_id, now).await?;
            crate::activity::release_open_tasks(&mut tx, from.employee_id, now).await?;
        }
        tx.commit().await?;

        // The customers' types follow their new owner (and `from`'s departure).
        let moved_keys: Vec<i64> = chosen.iter().map(|(key, _, _, _)| *key).collect();
        let mut all_keys = moved_keys.clone();
        if deactivated {
            all_keys.extend(owned.iter().map(|(key, _, _, _)| *key));
            all_keys.sort_unstable();
            all_keys.dedup();
        }
        // As of the base's evaluation clock, which is now unless a pass pinned a date.
        let as_of = self.evaluation_instant(now).await?;
        self.reclassify_keys(&all_keys, as_of).await?;
        let mut tier_a = Vec::new();
        for (key, id, _, before) in chosen.iter().filter(|c| c.2.as_deref() == Some("A")) {
            let after: i64 = sqlx::query_scalar(
                "select count(*) from customer_flags where customer_key = $1 and flag = $2",
            )
            .bind(*key)
            .bind(Flag::OwnerRisk.as_str())
            .fetch_one(self.pool())
            .await?;
            tier_a.push(TierACustomer {
                customer_id: id.clone(),
                owner_risk_before: *before,
                owner_risk_after: after > 0,
            });
        }
        Ok(HandoverReport {
            from: from.employee.email,
            to: to.employee.email,
            moved: chosen.len() as u64,
            deactivated,
            remaining: (owned.len() - chosen.len()) as u64,
            tier_a,
        })
    }
}
