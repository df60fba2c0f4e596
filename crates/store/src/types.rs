//! The type engine's results: each customer's current stage, tier and flags, the dated
//! transitions between evaluations, and the state of the last full pass (its instant, the
//! fitted models, the tier cut-offs and the settings).
//!
//! Only verdicts are stored. A profile's evidence, actions and metrics are recomputed on
//! demand from the customer's facts as of their evaluation instant with the stored state,
//! which gives what the evaluation gave (`EngineState::classify_one` is the full pass's
//! rules on the same numbers). So a pass writes the customers whose verdict changed and no
//! more: on a base of a million, a day's pass changes thousands.

use std::collections::HashMap;

use clientele_core::analytics::Millis;
use clientele_core::analytics::pareto::ValueTier;
use clientele_core::classify::{
    Classification, ClassifiedBase, EngineState, PreviousStage, TypeSettings, Verdict,
    classify_base,
};
use clientele_core::{Flag, Stage};
use futures_util::TryStreamExt;
use serde::Serialize;
use sqlx::{Any, Row, Transaction};
use utoipa::ToSchema;

use crate::error::{StoreError, StoreResult};
use crate::import::children::insert_rows;
use crate::sql::{BackendOf, Sql};
use crate::{AccessScope, Store};

/// A customer's stored verdict.
#[derive(Clone, Debug, PartialEq)]
struct Current {
    stage: Stage,
    tier: ValueTier,
    flags: Vec<Flag>,
    /// Set when re-evaluated alone after the last full pass.
    evaluated_at: Option<Millis>,
}

/// What saving an evaluation changed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, ToSchema)]
pub struct SavedTypes {
    /// Customers evaluated.
    pub customers: u64,
    /// Transitions recorded (stage, tier and each flag that changed).
    pub transitions: u64,
}

/// A customer's classification as of their last evaluation.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct StoredProfile {
    /// The as-of instant of the evaluation (RFC 3339).
    pub evaluated_as_of: String,
    #[serde(flatten)]
    pub classification: Classification,
}

/// How many customers have each stage, tier and flag.
#[derive(Clone, Debug, Default, PartialEq, Serialize, ToSchema)]
pub struct TypeCounts {
    /// Customers with a stored classification.
    pub classified: u64,
    /// The instant of the last full pass (RFC 3339); absent before the first.
    pub as_of: Option<String>,
    pub stages: Vec<NamedCount>,
    pub tiers: Vec<NamedCount>,
    pub flags: Vec<NamedCount>,
}

#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct NamedCount {
    pub name: String,
    pub customers: u64,
}

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

fn tier_parse(text: &str) -> StoreResult<ValueTier> {
    match text {
        "A" => Ok(ValueTier::A),
        "B" => Ok(ValueTier::B),
        "C" => Ok(ValueTier::C),
        other => Err(StoreError::Corrupt(format!("tier `{other}`"))),
    }
}

fn corrupt(what: &str) -> impl Fn(clientele_core::Message) -> StoreError + '_ {
    move |e| StoreError::Corrupt(format!("{what}: {e}"))
}

/// The settings key of the last full pass's state.
const ENGINE_STATE: &str = "type_engine_state";
/// The settings key of the thresholds an admin set at run time.
const TYPE_SETTINGS: &str = "type_settings";

/// One row of the transitions table: (customer key, axis, from, to).
type TransitionRow = (
    i64,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
);

/// The changes between stored verdicts and new classifications.
#[derive(Default)]
struct Changes {
    /// Customers whose stage or tier changed, or who had no verdict: (key, stage, tier).
    verdicts: Vec<(i64, &'static str, &'static str)>,
    flags_raised: Vec<(i64, &'static str)>,
    flags_cleared: Vec<(i64, &'static str)>,
    transitions: Vec<TransitionRow>,
}

/// `before` is aligned with `keys` and `verdicts`. A customer's first verdict is where their
/// history starts, not a change: it is stored without transitions (a first pass over a
/// base of a million would otherwise record millions of "none → repeat", news to nobody,
/// and spend most of its time writing them).
fn changes(keys: &[i64], verdicts: &[Verdict], before: &[Option<Current>]) -> Changes {
    let mut changes = Changes::default();
    for ((&key, c), previous) in keys.iter().zip(verdicts).zip(before) {
        let Some(previous) = previous else {
            changes
                .verdicts
                .push((key, c.stage.as_str(), c.tier.as_str()));
            changes
                .flags_raised
                .extend(c.flags.iter().map(|f| (key, f.as_str())));
            continue;
        };
        let stage_changed = previous.stage != c.stage;
        let tier_changed = previous.tier != c.tier;
        if stage_changed {
            changes.transitions.push((
                key,
                "stage",
                Some(previous.stage.as_str()),
                Some(c.stage.as_str()),
            ));
        }
        if tier_changed {
            changes.transitions.push((
                key,
                "tier",
                Some(previous.tier.as_str()),
                Some(c.tier.as_str()),
            ));
        }
        if stage_changed || tier_changed {
            changes
                .verdicts
                .push((key, c.stage.as_str(), c.tier.as_str()));
        }
        for flag in &c.flags {
            if !previous.flags.contains(flag) {
                changes.flags_raised.push((key, flag.as_str()));
                changes
                    .transitions
                    .push((key, "flag", None, Some(flag.as_str())));
            }
        }
        for flag in &previous.flags {
            if !c.flags.contains(flag) {
                changes.flags_cleared.push((key, flag.as_str()));
                changes
                    .transitions
                    .push((key, "flag", Some(flag.as_str()), None));
            }
        }
    }
    changes
}

impl Store {
    /// The stored verdicts of these customers (sorted keys), aligned with them.
    async fn current_aligned(&self, keys: &[i64]) -> StoreResult<Vec<Option<Current>>> {
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
                .map_err(|e| StoreError::Config(format!("reading the types failed: {e}")))??;
        let mut aligned: Vec<Option<Current>> = vec![None; keys.len()];
        let mut at = 0usize;
        for (key, stage, tier, evaluated_at) in verdicts {
            if let Some(i) = crate::analytics::seek(keys, &mut at, key) {
                aligned[i] = Some(Current {
                    stage: Stage::parse(&stage).map_err(corrupt("stage"))?,
                    tier: tier_parse(&tier)?,
                    flags: Vec::new(),
                    evaluated_at,
                });
            }
        }
        let mut at = 0usize;
        for (key, flag) in flags {
            if let Some(i) = crate::analytics::seek(keys, &mut at, key)
                && let Some(current) = &mut aligned[i]
            {
                current
                    .flags
                    .push(Flag::parse(&flag).map_err(corrupt("flag"))?);
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
                        stage: Stage::parse(&stage).map_err(corrupt("stage"))?,
                        tier: tier_parse(&tier)?,
                        flags: Vec::new(),
                        evaluated_at: row.try_get(3)?,
                    },
                );
            }
        }
        let mut rows = flags.query(backend).fetch(&mut *conn);
        while let Some(row) = rows.try_next().await? {
            let key: i64 = row.try_get(0)?;
            let flag: String = row.try_get(1)?;
            if let Some(c) = current.get_mut(&key) {
                c.flags.push(Flag::parse(&flag).map_err(corrupt("flag"))?);
            }
        }
        Ok(current)
    }

    /// Writes the changes of an evaluation as of `as_of`, in the caller's transaction.
    /// `alone`: the customers were re-evaluated alone (after an edit), so their evaluation
    /// instant is theirs, not the last full pass's.
    async fn write_changes(
        tx: &mut Transaction<'_, Any>,
        as_of: Millis,
        changes: &Changes,
        alone: Option<&[i64]>,
    ) -> StoreResult<()> {
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

    /// A full pass of the type engine: reads the base as of `as_of`, classifies every
    /// customer (refitting the base-wide models), and stores the verdicts that changed, the
    /// transitions and the new engine state, all or nothing. A system path: it sees every
    /// customer, whoever asked for it.
    pub async fn classify_all(
        &self,
        settings: &TypeSettings,
        as_of: Millis,
    ) -> StoreResult<FullPass> {
        let mut laps = Laps::new();
        let (base, current, classified) = self.evaluate_base(settings, as_of, &mut laps).await?;
        let changes = changes(&base.customer_keys, &classified.verdicts, &current);
        let state = EngineState::of(&classified, settings, as_of);
        let mut tx = self.pool().begin().await?;
        Self::write_changes(&mut tx, as_of, &changes, None).await?;
        // The pass speaks for everyone now, those re-evaluated alone since the last included.
        sqlx::query("update customer_types set evaluated_at = null where evaluated_at is not null")
            .execute(&mut *tx)
            .await?;
        put_setting(&mut tx, ENGINE_STATE, &state).await?;
        tx.commit().await?;
        Ok(self.pass_done(base, classified, &changes, &laps))
    }

    /// What a full pass with `settings` as of `as_of` would change, written nowhere: the
    /// same reading and the same engine as [`Store::classify_all`], its changes counted per
    /// axis and move instead of stored (an admin sees them before saving new thresholds).
    pub async fn preview_classify_all(
        &self,
        settings: &TypeSettings,
        as_of: Millis,
    ) -> StoreResult<TypePreview> {
        let mut laps = Laps::new();
        let (base, current, classified) = self.evaluate_base(settings, as_of, &mut laps).await?;
        let changes = changes(&base.customer_keys, &classified.verdicts, &current);
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
    /// with it, and every customer classified with `settings` against them.
    async fn evaluate_base(
        &self,
        settings: &TypeSettings,
        as_of: Millis,
        laps: &mut Laps,
    ) -> StoreResult<(
        crate::analytics::BaseFacts,
        Vec<Option<Current>>,
        ClassifiedBase,
    )> {
        let scope = AccessScope::System("type engine");
        let base = self.customer_facts(&scope, as_of).await?;
        laps.lap("read facts");
        let state_before = self.engine_state().await?;
        let current = self.current_aligned(&base.customer_keys).await?;
        let previous: Vec<Option<PreviousStage>> = current
            .iter()
            .map(|current| {
                current.as_ref().map(|c| PreviousStage {
                    stage: c.stage,
                    at: c
                        .evaluated_at
                        .or(state_before.map(|s| s.as_of))
                        .unwrap_or(as_of),
                })
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
        Ok((base, current, classified))
    }

    fn pass_done(
        &self,
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
            base,
            classified,
            saved,
        }
    }

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
                        previous.map(|c| PreviousStage {
                            stage: c.stage,
                            at: c.evaluated_at.unwrap_or(state.as_of),
                        }),
                        previous.is_some_and(|c| c.flags.contains(&Flag::IdealProspect)),
                        as_of,
                        currency,
                    )
                })
                .collect();
            let changes = changes(&base.customer_keys, &verdicts, &current);
            let mut tx = self.pool().begin().await?;
            Self::write_changes(&mut tx, as_of, &changes, Some(&base.customer_keys)).await?;
            tx.commit().await?;
            saved.customers += base.customer_keys.len() as u64;
            saved.transitions += changes.transitions.len() as u64;
        }
        Ok(saved)
    }

    /// Keeps the stored types true after an import, as of `as_of`. Orders, costs, customers
    /// and employees feed the base-wide models, the tier cut-offs, the lookalike profile or
    /// the owners of many customers, so they cost a full pass with `settings`; complaints,
    /// feedback and interactions change only the customers they name, who are re-evaluated
    /// with the models of the last full pass.
    pub async fn reevaluate_after_import(
        &self,
        kind: crate::import::ImportKind,
        report: &crate::import::ImportReport,
        settings: &TypeSettings,
        as_of: Millis,
    ) -> StoreResult<Reevaluation> {
        use crate::import::ImportKind;
        if self.engine_state().await?.is_none() {
            return Ok(Reevaluation::NotClassified);
        }
        if report.inserted + report.updated + report.customers_created == 0 {
            return Ok(Reevaluation::Unchanged);
        }
        match kind {
            ImportKind::Complaints | ImportKind::Feedback | ImportKind::Interactions => Ok(
                Reevaluation::Customers(self.reclassify_keys(&report.customer_keys, as_of).await?),
            ),
            ImportKind::Orders
            | ImportKind::Costs
            | ImportKind::Customers
            | ImportKind::Employees => {
                let pass = self.classify_all(settings, as_of).await?;
                Ok(Reevaluation::FullPass(pass.saved))
            }
        }
    }

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
            Some(PreviousStage { stage, at }),
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
                std::collections::hash_map::Entry::Vacant(e) => e.insert(Verdict {
                    stage: Stage::parse(&stage).map_err(corrupt("stage"))?,
                    tier: tier_parse(&tier)?,
                    flags: Vec::new(),
                }),
            };
            if let Some(flag) = flag {
                entry
                    .flags
                    .push(Flag::parse(&flag).map_err(corrupt("flag"))?);
            }
        }
        for verdict in verdicts.values_mut() {
            verdict.flags.sort();
        }
        Ok(verdicts)
    }

    /// Counts per stage, tier and flag over the customers the scope may see.
    pub async fn type_counts(&self, scope: &AccessScope) -> StoreResult<TypeCounts> {
        let mut counts = TypeCounts::default();
        // The whole base is counted from the verdicts' own indexes, without reading a
        // customer row each; stage and tier in one walk of the (stage, tier) index.
        let whole_base = matches!(scope, AccessScope::All | AccessScope::System(_));
        let from = |columns: &str, table: &str| {
            let mut sql = if whole_base {
                Sql::new(&format!(
                    "select {columns}, count(*) from {table} t where 1 = 1"
                ))
            } else {
                Sql::new(&format!(
                    "select {columns}, count(*) from {table} t join customers c on c.customer_key = t.customer_key where 1 = 1"
                ))
            };
            scope.restrict(&mut sql, "c");
            sql
        };
        let mut by_stage_and_tier = from("t.stage, t.tier", "customer_types");
        by_stage_and_tier.push(" group by t.stage, t.tier");
        let mut stages: Vec<NamedCount> = Vec::new();
        let mut tiers: Vec<NamedCount> = Vec::new();
        let add = |list: &mut Vec<NamedCount>, name: String, n: u64| match list
            .iter_mut()
            .find(|c| c.name == name)
        {
            Some(c) => c.customers += n,
            None => list.push(NamedCount { name, customers: n }),
        };
        for row in by_stage_and_tier
            .query(self.backend())
            .fetch_all(self.pool())
            .await?
        {
            let n = row.try_get::<i64, _>(2)? as u64;
            add(&mut stages, row.try_get(0)?, n);
            add(&mut tiers, row.try_get(1)?, n);
        }
        let mut by_flag = from("t.flag", "customer_flags");
        by_flag.push(" group by t.flag");
        let mut flags = Vec::new();
        for row in by_flag.query(self.backend()).fetch_all(self.pool()).await? {
            let n = row.try_get::<i64, _>(1)? as u64;
            add(&mut flags, row.try_get(0)?, n);
        }
        counts.stages = stages;
        counts.tiers = tiers;
        counts.flags = flags;
        let order = |names: &[&str], list: &mut Vec<NamedCount>| {
            let mut full: Vec<NamedCount> = names
                .iter()
                .map(|n| NamedCount {
                    name: (*n).to_owned(),
                    customers: list
                        .iter()
                        .find(|c| c.name == *n)
                        .map_or(0, |c| c.customers),
                })
                .collect();
            std::mem::swap(list, &mut full);
        };
        let stages: Vec<&str> = Stage::ALL.iter().map(|s| s.as_str()).collect();
        let flags: Vec<&str> = Flag::ALL.iter().map(|s| s.as_str()).collect();
        order(&stages, &mut counts.stages);
        order(&["A", "B", "C"], &mut counts.tiers);
        order(&flags, &mut counts.flags);
        counts.classified = counts.stages.iter().map(|s| s.customers).sum();
        counts.as_of = self
            .engine_state()
            .await?
            .and_then(|s| clientele_core::time::from_millis(s.as_of))
            .map(clientele_core::time::format_instant);
        Ok(counts)
    }

    /// The state the last full pass left, if there was one.
    pub async fn engine_state(&self) -> StoreResult<Option<EngineState>> {
        self.setting(ENGINE_STATE).await
    }

    /// The type settings an admin stored at run time, if any.
    pub async fn stored_type_settings(&self) -> StoreResult<Option<TypeSettings>> {
        self.setting(TYPE_SETTINGS).await
    }

    /// Stores the type settings (validated by the caller), replacing any stored before.
    pub async fn store_type_settings(&self, settings: &TypeSettings) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
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

async fn put_setting(
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
