//! Re-evaluating some customers alone, with the models of the last full pass: after an
//! edit, an import or an owner's departure.

use clientele_core::Flag;
use clientele_core::analytics::Millis;
use clientele_core::classify::{TypeSettings, Verdict};
use sqlx::Row;

use super::diff::changes;
use super::settings::settle_reevaluation;
use super::{FullPass, SavedTypes};
use crate::error::StoreResult;
use crate::sql::Sql;
use crate::{AccessScope, Store};

/// What an import did to the stored types.
#[derive(Clone, Debug, PartialEq)]
pub enum Reevaluation {
    /// The base has never been classified: there is nothing to keep up to date.
    NotClassified,
    /// The import changed nothing.
    Unchanged,
    /// Only the customers the file named were re-evaluated, with the stored models.
    Customers(SavedTypes),
    /// The whole base was re-evaluated and the models refitted.
    FullPass(SavedTypes),
}

impl Store {
    /// Re-evaluates the named customers as of `as_of` with the models and cut-offs of the
    /// last full pass (nothing is refitted), storing their types and transitions. Does
    /// nothing before the first full pass. A system path: the engine's own.
    pub async fn reclassify(
        &self,
        customer_ids: &[&str],
        as_of: Millis,
    ) -> StoreResult<SavedTypes> {
        if customer_ids.is_empty() {
            return Ok(SavedTypes::default());
        }
        let mut sql = Sql::new("select customer_key from customers where customer_id in (");
        sql.bind_list(customer_ids.iter().copied()).push(")");
        let keys: Vec<i64> = sql
            .query(self.backend())
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|r| r.try_get(0))
            .collect::<Result<_, _>>()?;
        self.reclassify_keys(&keys, as_of).await
    }

    /// Re-evaluates the customers an employee owns (their owner's departure or return
    /// changes `owner_risk` and whose job the actions are).
    pub async fn reclassify_owned_by(
        &self,
        employee_key: i64,
        as_of: Millis,
    ) -> StoreResult<SavedTypes> {
        let keys: Vec<i64> = sqlx::query_scalar(
            "select customer_key from customers where owner_key = $1 order by customer_key",
        )
        .bind(employee_key)
        .fetch_all(self.pool())
        .await?;
        self.reclassify_keys(&keys, as_of).await
    }

    /// The same, for customers named by their store keys.
    pub async fn reclassify_keys(&self, keys: &[i64], as_of: Millis) -> StoreResult<SavedTypes> {
        let Some(state) = self.engine_state().await? else {
            return Ok(SavedTypes::default());
        };
        let scope = AccessScope::System("type engine: re-evaluation after an edit");
        let currency = self.currency().await?;
        let mut saved = SavedTypes::default();
        // Bounded batches: an import may name a large share of the base.
        for keys in keys.chunks(10_000) {
            let base = self.customer_facts_of(&scope, as_of, keys).await?;
            let current = self.current_aligned(&base.customer_keys).await?;
            let verdicts: Vec<Verdict> = base
                .customers
                .iter()
                .zip(&base.context)
                .zip(&current)
                .map(|((facts, context), previous)| {
                    let previous = previous.as_ref();
                    state.verdict_one(
                        facts,
                        context,
                        previous.map(|c| c.previous(state.as_of)),
                        previous.is_some_and(|c| c.verdict.flags.contains(&Flag::IdealProspect)),
                        as_of,
                        currency,
                    )
                })
                .collect();
            let changes = changes(&base.customer_keys, &verdicts, &current);
            let mut tx = self.begin_write().await?;
            Self::write_changes(&mut tx, as_of, &changes, Some(&base.customer_keys)).await?;
            tx.commit().await?;
            saved.customers += base.customer_keys.len() as u64;
            saved.transitions += changes.transitions.len() as u64;
        }
        Ok(saved)
    }

    /// Keeps the stored types true after an import, as of `as_of`: a full pass with
    /// `settings` for the kinds of records that feed base-wide models, else the customers the
    /// file named, re-evaluated with the models of the last full pass (core decides which,
    /// `RecordKind::needs_full_pass`).
    pub async fn reevaluate_after_import(
        &self,
        kind: crate::import::ImportKind,
        report: &crate::import::ImportReport,
        settings: &TypeSettings,
        as_of: Millis,
    ) -> StoreResult<Reevaluation> {
        if self.engine_state().await?.is_none() {
            settle_reevaluation(self.pool()).await?;
            return Ok(Reevaluation::NotClassified);
        }
        if report.inserted + report.updated + report.customers_created == 0 {
            return Ok(Reevaluation::Unchanged);
        }
        if kind.record_kind().needs_full_pass() {
            // The pass settles what the import owed in its own transaction.
            let pass = self.classify_all(settings, as_of).await?;
            Ok(Reevaluation::FullPass(pass.saved))
        } else {
            let saved = self.reclassify_keys(&report.customer_keys, as_of).await?;
            // Stopped between the two, the debt stays, and a full pass settles it later.
            settle_reevaluation(self.pool()).await?;
            Ok(Reevaluation::Customers(saved))
        }
    }

    /// Does the re-evaluation an import owes when the process stopped before storing it
    /// (killed, or the power cut), as a full pass as of `as_of`; `None` when nothing is owed.
    pub async fn settle_owed_reevaluation(
        &self,
        settings: &TypeSettings,
        as_of: Millis,
    ) -> StoreResult<Option<FullPass>> {
        if self.owed_reevaluation().await?.is_none() {
            return Ok(None);
        }
        if self.engine_state().await?.is_none() {
            settle_reevaluation(self.pool()).await?;
            return Ok(None);
        }
        Ok(Some(self.classify_all(settings, as_of).await?))
    }
}
