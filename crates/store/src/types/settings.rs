//! The engine's stored settings: the state of the last full pass and the thresholds an
//! admin set at run time, each one JSON value under its key.

use clientele_core::classify::{EngineState, TypeSettings};
use serde::Serialize;
use sqlx::{Any, Transaction};

use crate::Store;
use crate::error::{StoreError, StoreResult};

/// The settings key of the last full pass's state.
pub(super) const ENGINE_STATE: &str = "type_engine_state";
/// The settings key of the thresholds an admin set at run time.
pub(super) const TYPE_SETTINGS: &str = "type_settings";
/// The settings key that says an import was committed and its re-evaluation not yet done
/// (the kind imported): the next full pass settles it.
pub(super) const REEVALUATION_OWED: &str = "type_reevaluation_owed";

/// Records, in an import's transaction, that the types owe a re-evaluation of what it wrote;
/// a base never classified owes none.
pub(crate) async fn owe_reevaluation(
    tx: &mut Transaction<'_, Any>,
    kind: crate::import::ImportKind,
) -> StoreResult<()> {
    let classified: Option<i64> = sqlx::query_scalar("select 1 from settings where key = $1")
        .bind(ENGINE_STATE)
        .fetch_optional(&mut **tx)
        .await?;
    if classified.is_some() {
        put_setting(tx, REEVALUATION_OWED, &kind.name()).await?;
    }
    Ok(())
}

/// Clears the debt: the re-evaluation it stood for is stored.
pub(super) async fn settle_reevaluation<'e>(
    executor: impl sqlx::Executor<'e, Database = Any>,
) -> StoreResult<()> {
    sqlx::query("delete from settings where key = $1")
        .bind(REEVALUATION_OWED)
        .execute(executor)
        .await?;
    Ok(())
}

/// The latest instant the stored types speak for: the last full pass's, or a later
/// transition's (a customer re-evaluated alone since). An evaluation before it would record
/// history out of time order.
pub(super) async fn evaluated_as_of(conn: &mut sqlx::AnyConnection) -> StoreResult<Option<i64>> {
    let stored: Option<String> = sqlx::query_scalar("select value from settings where key = $1")
        .bind(ENGINE_STATE)
        .fetch_optional(&mut *conn)
        .await?;
    let pass = stored
        .map(|text| {
            serde_json::from_str::<EngineState>(&text)
                .map(|state| state.as_of)
                .map_err(|e| StoreError::Corrupt(format!("stored setting `{ENGINE_STATE}`: {e}")))
        })
        .transpose()?;
    let transition: Option<i64> = sqlx::query_scalar("select max(at) from type_transitions")
        .fetch_one(&mut *conn)
        .await?;
    Ok(pass.max(transition))
}

/// Refuses an evaluation as of an instant before the one the stored types speak for.
pub(super) async fn ensure_in_time_order(
    conn: &mut sqlx::AnyConnection,
    as_of: i64,
) -> StoreResult<()> {
    match evaluated_as_of(conn).await? {
        Some(evaluated) if as_of < evaluated => {
            Err(StoreError::OutOfTimeOrder { as_of, evaluated })
        }
        _ => Ok(()),
    }
}

impl Store {
    /// The latest instant the stored types speak for, if the base was ever evaluated: an
    /// evaluation must be as of it or later.
    pub async fn evaluated_as_of(&self) -> StoreResult<Option<i64>> {
        let mut conn = self.pool().acquire().await?;
        evaluated_as_of(&mut conn).await
    }

    /// The instant automatic re-evaluations (after an edit, an import, a handover) are as
    /// of, given the wall clock: see [`EngineState::evaluation_instant`].
    pub async fn evaluation_instant(&self, now: i64) -> StoreResult<i64> {
        Ok(self
            .engine_state()
            .await?
            .map_or(now, |state| state.evaluation_instant(now)))
    }

    /// The state the last full pass left, if there was one.
    pub async fn engine_state(&self) -> StoreResult<Option<EngineState>> {
        self.setting(ENGINE_STATE).await
    }

    /// The kind of the import whose re-evaluation was never stored (the process stopped
    /// between the import's commit and the re-evaluation's), if any.
    pub async fn owed_reevaluation(&self) -> StoreResult<Option<String>> {
        self.setting(REEVALUATION_OWED).await
    }

    /// The type settings an admin stored at run time, if any.
    pub async fn stored_type_settings(&self) -> StoreResult<Option<TypeSettings>> {
        self.setting(TYPE_SETTINGS).await
    }

    /// Stores the type settings (validated by the caller), replacing any stored before.
    pub async fn store_type_settings(&self, settings: &TypeSettings) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        put_setting(&mut tx, TYPE_SETTINGS, settings).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn setting<T: serde::de::DeserializeOwned>(&self, key: &str) -> StoreResult<Option<T>> {
        let stored: Option<String> =
            sqlx::query_scalar("select value from settings where key = $1")
                .bind(key)
                .fetch_optional(self.pool())
                .await?;
        stored
            .map(|text| {
                serde_json::from_str(&text)
                    .map_err(|e| StoreError::Corrupt(format!("stored setting `{key}`: {e}")))
            })
            .transpose()
    }
}

pub(super) async fn put_setting(
    tx: &mut Transaction<'_, Any>,
    key: &str,
    value: &impl Serialize,
) -> StoreResult<()> {
    let text = serde_json::to_string(value)
        .map_err(|e| StoreError::Corrupt(format!("setting `{key}`: {e}")))?;
    sqlx::query(
        "insert into settings (key, value) values ($1, $2)
         on conflict (key) do update set value = excluded.value",
    )
    .bind(key.to_owned())
    .bind(text)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
