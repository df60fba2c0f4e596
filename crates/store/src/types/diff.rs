//! The difference between the stored verdicts and new ones, read and written: core
//! decides what moved ([`verdict_change`]); this module reads the stored side and writes
//! the result.

use std::collections::HashMap;

use clientele_core::Flag;
use clientele_core::analytics::Millis;
use clientele_core::classify::changes::verdict_change;
use clientele_core::classify::{PreviousStage, Verdict};
use futures_util::TryStreamExt;
use sqlx::{Any, Row, Transaction};

use super::{stored_flag, stored_verdict};
use crate::Store;
use crate::error::{StoreError, StoreResult};
use crate::import::children::insert_rows;
use crate::sql::{BackendOf, Sql};

/// A customer's stored verdict.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Current {
    pub verdict: Verdict,
    /// Set when re-evaluated alone after the last full pass.
    pub evaluated_at: Option<Millis>,
    /// For a reborn customer, when they became so (their latest transition into it).
    pub since: Option<Millis>,
}

impl Current {
    /// The stored stage as the engine's previous stage; `last_pass` is the as-of instant of
    /// the last full pass, which speaks for those not re-evaluated alone since.
    pub fn previous(&self, last_pass: Millis) -> PreviousStage {
        PreviousStage {
            stage: self.verdict.stage,
            at: self.evaluated_at.unwrap_or(last_pass),
            since: self.since,
        }
    }
}

/// One row of the transitions table: (customer key, axis, from, to).
pub(super) type TransitionRow = (
    i64,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
);

/// The changes between stored verdicts and new classifications.
#[derive(Default)]
pub(super) struct Changes {
    /// Customers whose stage or tier changed, or who had no verdict: (key, stage, tier).
    pub verdicts: Vec<(i64, &'static str, &'static str)>,
    pub flags_raised: Vec<(i64, &'static str)>,
    pub flags_cleared: Vec<(i64, &'static str)>,
    pub transitions: Vec<TransitionRow>,
}

/// The changes of every customer; `before` is aligned with `keys` and `verdicts`.
pub(super) fn changes(keys: &[i64], verdicts: &[Verdict], before: &[Option<Current>]) -> Changes {
    let mut changes = Changes::default();
    for ((&key, next), previous) in keys.iter().zip(verdicts).zip(before) {
        let change = verdict_change(previous.as_ref().map(|c| &c.verdict), next);
        if change.verdict_changed {
            changes
                .verdicts
                .push((key, next.stage.as_str(), next.tier.as_str()));
        }
        let of_key = |f: &Flag| (key, f.as_str());
        changes
            .flags_raised
            .extend(change.flags_raised.iter().map(of_key));
        changes
            .flags_cleared
            .extend(change.flags_cleared.iter().map(of_key));
        changes.transitions.extend(
            change
                .moves
                .iter()
                .map(|m| (key, m.axis.as_str(), m.from, m.to)),
        );
    }
    changes
}

impl Store {
    /// The stored verdicts of these customers (sorted keys), aligned with them, with when
    /// the reborn among them became so.
    pub(super) async fn current_aligned(&self, keys: &[i64]) -> StoreResult<Vec<Option<Current>>> {
        let mut aligned = self.verdicts_aligned(keys).await?;
        let reborn: Vec<i64> = keys
            .iter()
            .zip(&aligned)
            .filter(|(_, c)| {
                c.as_ref()
                    .is_some_and(|c| c.verdict.stage == clientele_core::Stage::Reborn)
            })
            .map(|(k, _)| *k)
            .collect();
        let since = self.reborn_since(&reborn).await?;
        for (key, current) in keys.iter().zip(&mut aligned) {
            if let Some(current) = current {
                current.since = since.get(key).copied();
            }
        }
        Ok(aligned)
    }

    /// When each of these customers entered the stage reborn: the instant of their latest
    /// transition into it.
    pub(super) async fn reborn_since(&self, keys: &[i64]) -> StoreResult<HashMap<i64, Millis>> {
        let mut since = HashMap::new();
        // Bounded lists of parameters; the reborn are a small share of a base.
        for keys in keys.chunks(10_000) {
            let mut sql = Sql::new(
                "select customer_key, max(at) from type_transitions \
                 where axis = 'stage' and to_value = 'reborn' and customer_key in (",
            );
            sql.bind_list(keys.iter().copied())
                .push(") group by customer_key");
            for row in sql.query(self.backend()).fetch_all(self.pool()).await? {
                since.insert(row.try_get::<i64, _>(0)?, row.try_get::<i64, _>(1)?);
            }
        }
        Ok(since)
    }

    async fn verdicts_aligned(&self, keys: &[i64]) -> StoreResult<Vec<Option<Current>>> {
        // A few customers are looked up by key; most of a SQLite base is read whole, natively.
        let native = self.sqlite_file().filter(|_| keys.len() > 20_000);
        let Some(file) = native else {
            let mut current = self.current_types(Some(keys)).await?;
            return Ok(keys.iter().map(|k| current.remove(k)).collect());
        };
        let file = file.to_path_buf();
        let (verdicts, flags) =
            tokio::task::spawn_blocking(move || crate::sqlite_native::read_verdicts(&file))
                .await
                .map_err(StoreError::task("reading the types"))??;
        let mut aligned: Vec<Option<Current>> = vec![None; keys.len()];
        let mut at = 0usize;
        for (key, stage, tier, evaluated_at) in verdicts {
            if let Some(i) = crate::analytics::seek(keys, &mut at, key) {
                aligned[i] = Some(Current {
                    verdict: stored_verdict(&stage, &tier)?,
                    evaluated_at,
                    since: None,
                });
            }
        }
        let mut at = 0usize;
        for (key, flag) in flags {
            if let Some(i) = crate::analytics::seek(keys, &mut at, key)
                && let Some(current) = &mut aligned[i]
            {
                current.verdict.flags.push(stored_flag(&flag)?);
            }
        }
        Ok(aligned)
    }

    /// Stored verdicts by customer key: all of them, or these customers' only.
    async fn current_types(&self, only: Option<&[i64]>) -> StoreResult<HashMap<i64, Current>> {
        let mut current: HashMap<i64, Current> = HashMap::new();
        if only.is_some_and(<[i64]>::is_empty) {
            return Ok(current);
        }
        let mut conn = self.pool().acquire().await?;
        let backend = conn.backend();
        let narrow = |sql: &mut Sql| {
            if let Some(keys) = only {
                sql.push(" where customer_key in (")
                    .bind_list(keys.iter().copied())
                    .push(")");
            }
        };
        let mut types =
            Sql::new("select customer_key, stage, tier, evaluated_at from customer_types");
        narrow(&mut types);
        let mut flags = Sql::new("select customer_key, flag from customer_flags");
        narrow(&mut flags);
        {
            let mut rows = types.query(backend).fetch(&mut *conn);
            while let Some(row) = rows.try_next().await? {
                let stage: String = row.try_get(1)?;
                let tier: String = row.try_get(2)?;
                current.insert(
                    row.try_get(0)?,
                    Current {
                        verdict: stored_verdict(&stage, &tier)?,
                        evaluated_at: row.try_get(3)?,
                        since: None,
                    },
                );
            }
        }
        let mut rows = flags.query(backend).fetch(&mut *conn);
        while let Some(row) = rows.try_next().await? {
            let key: i64 = row.try_get(0)?;
            let flag: String = row.try_get(1)?;
            if let Some(c) = current.get_mut(&key) {
                c.verdict.flags.push(stored_flag(&flag)?);
            }
        }
        Ok(current)
    }

    /// Writes the changes of an evaluation as of `as_of`, in the caller's transaction.
    /// `alone`: the customers were re-evaluated alone (after an edit), so their evaluation
    /// instant is theirs, not the last full pass's.
    pub(super) async fn write_changes(
        tx: &mut Transaction<'_, Any>,
        as_of: Millis,
        changes: &Changes,
        alone: Option<&[i64]>,
    ) -> StoreResult<()> {
        // In the write's transaction: no other evaluation can slip in between.
        super::settings::ensure_in_time_order(tx, as_of).await?;
        let backend = tx.backend();
        let evaluated_at = alone.map(|_| as_of);
        insert_rows(
            tx,
            "insert into customer_types (customer_key, stage, tier, evaluated_at) values",
            "on conflict (customer_key) do update set stage = excluded.stage, tier = excluded.tier, evaluated_at = excluded.evaluated_at",
            4,
            &changes.verdicts,
            |q, (k, stage, tier)| q.bind(*k).bind(*stage).bind(*tier).bind(evaluated_at),
        )
        .await?;
        if let Some(keys) = alone {
            // Unchanged verdicts too: their evidence is now as of this instant.
            for batch in keys.chunks(5_000) {
                let mut sql = Sql::new("update customer_types set evaluated_at = ");
                sql.bind(as_of)
                    .push(" where customer_key in (")
                    .bind_list(batch.iter().copied())
                    .push(")");
                sql.query(backend).execute(&mut **tx).await?;
            }
        }
        // One statement per flag and batch of customers (a chain of `or`s would hit
        // SQLite's limit on expression depth).
        for flag in Flag::ALL {
            let keys: Vec<i64> = changes
                .flags_cleared
                .iter()
                .filter(|(_, f)| *f == flag.as_str())
                .map(|(k, _)| *k)
                .collect();
            for batch in keys.chunks(5_000) {
                let mut sql = Sql::new("delete from customer_flags where flag = ");
                sql.bind(flag.as_str())
                    .push(" and customer_key in (")
                    .bind_list(batch.iter().copied())
                    .push(")");
                sql.query(backend).execute(&mut **tx).await?;
            }
        }
        insert_rows(
            tx,
            "insert into customer_flags (customer_key, flag) values",
            "",
            2,
            &changes.flags_raised,
            |q, (k, f)| q.bind(*k).bind(*f),
        )
        .await?;
        insert_rows(
            tx,
            "insert into type_transitions (customer_key, at, axis, from_value, to_value) values",
            "",
            5,
            &changes.transitions,
            |q, (k, axis, from, to)| {
                q.bind(*k)
                    .bind(as_of)
                    .bind(*axis)
                    .bind(from.map(str::to_owned))
                    .bind(to.map(str::to_owned))
            },
        )
        .await?;
        Ok(())
    }
}
