//! A customer's stored classification: the whole profile, recomputed, or the bare
//! verdicts a list shows.

use std::collections::HashMap;

use clientele_core::analytics::Millis;
use clientele_core::classify::{Classification, PreviousStage, Verdict};
use clientele_core::{Flag, Stage};
use serde::Serialize;
use sqlx::Row;
use utoipa::ToSchema;

use super::{corrupt, stored_flag, stored_verdict};
use crate::error::{StoreError, StoreResult};
use crate::sql::Sql;
use crate::{AccessScope, Store};

/// A customer's classification as of their last evaluation.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct StoredProfile {
    /// The as-of instant of the evaluation (RFC 3339).
    pub evaluated_as_of: String,
    #[serde(flatten)]
    pub classification: Classification,
}

impl Store {
    /// A customer's classification as of their last evaluation, if the scope may see the
    /// customer and they have been evaluated: recomputed from their facts with the stored
    /// state (see the module documentation).
    pub async fn customer_profile(
        &self,
        scope: &AccessScope,
        customer_id: &str,
    ) -> StoreResult<StoredProfile> {
        let mut sql = Sql::new(
            "select t.customer_key, t.stage, t.evaluated_at from customer_types t
             join customers c on c.customer_key = t.customer_key where c.customer_id = ",
        );
        sql.bind(customer_id);
        scope.restrict_read(&mut sql, "c");
        let not_found = || StoreError::not_found("customer profile", customer_id);
        let row = sql
            .query(self.backend())
            .fetch_optional(self.pool())
            .await?
            .ok_or_else(not_found)?;
        let key: i64 = row.try_get(0)?;
        let stage: String = row.try_get(1)?;
        let stage = Stage::parse(&stage).map_err(corrupt("stage"))?;
        let evaluated_at: Option<Millis> = row.try_get(2)?;
        let state = self.engine_state().await?.ok_or_else(not_found)?;
        let flags: Vec<String> =
            sqlx::query_scalar("select flag from customer_flags where customer_key = $1")
                .bind(key)
                .fetch_all(self.pool())
                .await?;
        let at = evaluated_at.unwrap_or(state.as_of);
        // The caller's access was decided above; the facts are read for that one customer.
        let facts_scope = AccessScope::System("profile of a customer the caller may read");
        let base = self.customer_facts_of(&facts_scope, at, &[key]).await?;
        let (Some(facts), Some(context)) = (base.customers.first(), base.context.first()) else {
            return Err(not_found());
        };
        let classification = state.classify_one(
            facts,
            context,
            Some(PreviousStage {
                stage,
                at,
                since: self.reborn_since(&[key]).await?.get(&key).copied(),
            }),
            flags.iter().any(|f| f == Flag::IdealProspect.as_str()),
            at,
            self.currency().await?,
        );
        Ok(StoredProfile {
            evaluated_as_of: clientele_core::time::from_millis(at)
                .map(clientele_core::time::format_instant)
                .unwrap_or_default(),
            classification,
        })
    }

    /// The stored stage, tier and flags of these customers (by id), those the scope may read:
    /// what a list page shows beside each customer.
    pub async fn verdicts_of(
        &self,
        scope: &AccessScope,
        customer_ids: &[String],
    ) -> StoreResult<HashMap<String, Verdict>> {
        let mut verdicts = HashMap::new();
        if customer_ids.is_empty() {
            return Ok(verdicts);
        }
        let mut sql = Sql::new(
            "select c.customer_id, t.stage, t.tier, f.flag from customer_types t
             join customers c on c.customer_key = t.customer_key
             left join customer_flags f on f.customer_key = t.customer_key
             where c.customer_id in (",
        );
        sql.bind_list(customer_ids.iter().map(String::as_str))
            .push(")");
        scope.restrict_read(&mut sql, "c");
        let rows = sql.query(self.backend()).fetch_all(self.pool()).await?;
        for row in rows {
            let id: String = row.try_get(0)?;
            let stage: String = row.try_get(1)?;
            let tier: String = row.try_get(2)?;
            let flag: Option<String> = row.try_get(3)?;
            let entry = match verdicts.entry(id) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(stored_verdict(&stage, &tier)?)
                }
            };
            if let Some(flag) = flag {
                entry.flags.push(stored_flag(&flag)?);
            }
        }
        for verdict in verdicts.values_mut() {
            verdict.flags.sort();
        }
        Ok(verdicts)
    }
}
