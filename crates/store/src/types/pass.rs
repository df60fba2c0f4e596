//! The full pass of the type engine, stored or only previewed.

use std::collections::HashMap;

use clientele_core::analytics::Millis;
use clientele_core::classify::Classification;
use clientele_core::classify::{
    ClassifiedBase, EngineState, PreviousStage, TypeSettings, classify_base,
};
use serde::Serialize;
use utoipa::ToSchema;

use super::SavedTypes;
use super::diff::{Changes, Current, changes};
use super::settings::{ENGINE_STATE, put_setting, settle_reevaluation};
use crate::error::{StoreError, StoreResult};
use crate::{AccessScope, Store};

/// What a full pass with other settings would change, computed and not stored.
#[derive(Clone, Debug, Default, PartialEq, Serialize, ToSchema)]
pub struct TypePreview {
    /// Customers evaluated.
    pub customers: u64,
    /// Customers whose stage, tier or a flag would change.
    pub customers_changed: u64,
    /// Customers with no stored verdict yet (their first is no change).
    pub first_verdicts: u64,
    /// Each move and how many customers would make it, the commonest first.
    pub moves: Vec<TypeMove>,
}

/// One move of a preview: `axis` (`stage`, `tier`, `flag`) from one value to another (a
/// flag raised has no `from`, one cleared no `to`).
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct TypeMove {
    pub axis: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub customers: u64,
}

/// A full pass: the base it read, every customer's verdict (and on demand their words,
/// with `classified.classification(i, &base.customers, &base.context)`), and what it stored.
pub struct FullPass {
    /// The instant the pass evaluated the base as of.
    pub as_of: Millis,
    pub base: crate::analytics::BaseFacts,
    pub classified: ClassifiedBase,
    pub saved: SavedTypes,
}

impl FullPass {
    /// Customer `i`'s classification with evidence, actions and metrics.
    pub fn classification(&self, i: usize) -> Classification {
        self.classified
            .classification(i, &self.base.customers, &self.base.context)
    }
}

/// The first half of a full pass (see `Store::evaluate_base`).
struct Evaluated {
    base: crate::analytics::BaseFacts,
    /// The stored verdicts, aligned with `base`.
    current: Vec<Option<Current>>,
    classified: ClassifiedBase,
    changes: Changes,
    laps: Laps,
    /// The state of the last full pass before this one.
    state_before: Option<EngineState>,
}

/// How long each phase of a pass took, for the debug log.
struct Laps {
    last: std::time::Instant,
    phases: Vec<(&'static str, f64)>,
}

impl Laps {
    fn new() -> Laps {
        Laps {
            last: std::time::Instant::now(),
            phases: Vec::new(),
        }
    }

    fn lap(&mut self, phase: &'static str) {
        self.phases.push((phase, self.last.elapsed().as_secs_f64()));
        self.last = std::time::Instant::now();
    }
}

impl std::fmt::Display for Laps {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (phase, seconds) in &self.phases {
            write!(f, "{phase} {seconds:.2} s; ")?;
        }
        write!(f, "store {:.2} s", self.last.elapsed().as_secs_f64())
    }
}

impl Store {
    /// A full pass of the type engine: reads the base as of `as_of`, classifies every
    /// customer (refitting the base-wide models), and stores the verdicts that changed, the
    /// transitions and the new engine state, all or nothing. A system path: it sees every
    /// customer, whoever asked for it.
    /// The base's evaluation clock stays as it was: pinned to the pass's date if the last
    /// pass was given its date, else following the wall clock.
    pub async fn classify_all(
        &self,
        settings: &TypeSettings,
        as_of: Millis,
    ) -> StoreResult<FullPass> {
        self.full_pass(settings, as_of, None).await
    }

    /// A full pass that sets the base's evaluation clock: `pinned`, the pass was given its
    /// date (`classify --as-of`), and later re-evaluations happen as of it; else they
    /// follow the wall clock. Refused, with nothing written, when `as_of` is before the
    /// instant the stored types already speak for.
    pub async fn classify_all_dated(
        &self,
        settings: &TypeSettings,
        as_of: Millis,
        pinned: bool,
    ) -> StoreResult<FullPass> {
        self.full_pass(settings, as_of, Some(pinned)).await
    }

    async fn full_pass(
        &self,
        settings: &TypeSettings,
        as_of: Millis,
        pinned: Option<bool>,
    ) -> StoreResult<FullPass> {
        // Refused before the minutes of reading and classifying, and again when writing
        // (another process may have evaluated meanwhile).
        if let Some(evaluated) = self.evaluated_as_of().await?
            && as_of < evaluated
        {
            return Err(StoreError::OutOfTimeOrder { as_of, evaluated });
        }
        let Evaluated {
            base,
            classified,
            changes,
            laps,
            state_before,
            ..
        } = self.evaluate_base(settings, as_of).await?;
        let mut state = EngineState::of(&classified, settings, as_of);
        state.pinned = pinned.unwrap_or(state_before.is_some_and(|s| s.pinned));
        let mut tx = self.begin_write().await?;
        Self::write_changes(&mut tx, as_of, &changes, None).await?;
        // The pass speaks for everyone now, those re-evaluated alone since the last included.
        sqlx::query("update customer_types set evaluated_at = null where evaluated_at is not null")
            .execute(&mut *tx)
            .await?;
        put_setting(&mut tx, ENGINE_STATE, &state).await?;
        // Whatever an interrupted import owed, this pass has done.
        settle_reevaluation(&mut *tx).await?;
        tx.commit().await?;
        Ok(self.pass_done(as_of, base, classified, &changes, &laps))
    }

    /// What a full pass with `settings` as of `as_of` would change, written nowhere: the
    /// same reading and the same engine as [`Store::classify_all`], its changes counted per
    /// axis and move instead of stored (an admin sees them before saving new thresholds).
    pub async fn preview_classify_all(
        &self,
        settings: &TypeSettings,
        as_of: Millis,
    ) -> StoreResult<TypePreview> {
        let Evaluated {
            base,
            current,
            changes,
            ..
        } = self.evaluate_base(settings, as_of).await?;
        let mut counted: HashMap<(&'static str, Option<&'static str>, Option<&'static str>), u64> =
            HashMap::new();
        let mut customers_changed = std::collections::HashSet::new();
        for (key, axis, from, to) in &changes.transitions {
            *counted.entry((axis, *from, *to)).or_default() += 1;
            customers_changed.insert(*key);
        }
        let mut moves: Vec<TypeMove> = counted
            .into_iter()
            .map(|((axis, from, to), customers)| TypeMove {
                axis: axis.to_owned(),
                from: from.map(str::to_owned),
                to: to.map(str::to_owned),
                customers,
            })
            .collect();
        moves.sort_by(|a, b| {
            b.customers
                .cmp(&a.customers)
                .then_with(|| (&a.axis, &a.from, &a.to).cmp(&(&b.axis, &b.from, &b.to)))
        });
        Ok(TypePreview {
            customers: base.customer_keys.len() as u64,
            customers_changed: customers_changed.len() as u64,
            first_verdicts: current.iter().filter(|c| c.is_none()).count() as u64,
            moves,
        })
    }

    /// The first half of a full pass: the base as of `as_of`, the stored verdicts aligned
    /// with it, every customer classified with `settings` against them, and what that
    /// changes.
    async fn evaluate_base(
        &self,
        settings: &TypeSettings,
        as_of: Millis,
    ) -> StoreResult<Evaluated> {
        let mut laps = Laps::new();
        let scope = AccessScope::System("type engine");
        let base = self.customer_facts(&scope, as_of).await?;
        laps.lap("read facts");
        let state_before = self.engine_state().await?;
        let current = self.current_aligned(&base.customer_keys).await?;
        let previous: Vec<Option<PreviousStage>> = current
            .iter()
            .map(|current| {
                current
                    .as_ref()
                    .map(|c| c.previous(state_before.map_or(as_of, |s| s.as_of)))
            })
            .collect();
        laps.lap("read verdicts");
        let currency = self.currency().await?;
        let classified = classify_base(
            &base.customers,
            &base.context,
            &previous,
            settings,
            as_of,
            currency,
        );
        laps.lap("classify");
        let changes = changes(&base.customer_keys, &classified.verdicts, &current);
        Ok(Evaluated {
            base,
            current,
            classified,
            changes,
            laps,
            state_before,
        })
    }

    fn pass_done(
        &self,
        as_of: Millis,
        base: crate::analytics::BaseFacts,
        classified: ClassifiedBase,
        changes: &Changes,
        laps: &Laps,
    ) -> FullPass {
        tracing::debug!(
            customers = base.customers.len(),
            changed = changes.verdicts.len(),
            phases = %laps,
            "full pass of the type engine"
        );
        let saved = SavedTypes {
            customers: base.customer_keys.len() as u64,
            transitions: changes.transitions.len() as u64,
        };
        FullPass {
            as_of,
            base,
            classified,
            saved,
        }
    }
}
