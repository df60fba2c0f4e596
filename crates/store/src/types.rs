//! The type engine's results: each customer's current stage, tier and flags (with the whole
//! classification for the profile), and the dated transitions between evaluations.

use std::collections::HashMap;

use clientele_core::analytics::Millis;
use clientele_core::analytics::pareto::ValueTier;
use clientele_core::classify::{Classification, PreviousStage};
use clientele_core::{Flag, Stage};
use futures_util::TryStreamExt;
use serde::Serialize;
use sqlx::Row;
use utoipa::ToSchema;

use crate::error::{StoreError, StoreResult};
use crate::import::children::insert_rows;
use crate::sql::{BackendOf, Sql};
use crate::{AccessScope, Store};

/// A customer's stored types.
#[derive(Clone, Debug, PartialEq)]
struct Current {
    stage: Stage,
    tier: ValueTier,
    flags: Vec<Flag>,
    as_of: Millis,
}

/// What saving an evaluation changed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, ToSchema)]
pub struct SavedTypes {
    pub customers: u64,
    /// Transitions recorded (stage, tier and each flag that changed).
    pub transitions: u64,
}

/// A stored classification and when it was made.
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
    /// Of the latest evaluation (RFC 3339); absent before the first.
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

fn tier_parse(text: &str) -> StoreResult<ValueTier> {
    match text {
        "A" => Ok(ValueTier::A),
        "B" => Ok(ValueTier::B),
        "C" => Ok(ValueTier::C),
        other => Err(StoreError::Corrupt(format!("tier `{other}`"))),
    }
}

fn corrupt(what: &str) -> impl Fn(String) -> StoreError + '_ {
    move |e| StoreError::Corrupt(format!("{what}: {e}"))
}

impl Store {
    /// Every customer's stored types, by customer key (a system path: the engine's own).
    async fn current_types(&self) -> StoreResult<HashMap<i64, Current>> {
        self.current_types_where(None).await
    }

    /// The stored types of these customers only.
    async fn current_types_of(&self, keys: &[i64]) -> StoreResult<HashMap<i64, Current>> {
        if keys.is_empty() {
            return Ok(HashMap::new());
        }
        self.current_types_where(Some(keys)).await
    }

    async fn current_types_where(
        &self,
        only: Option<&[i64]>,
    ) -> StoreResult<HashMap<i64, Current>> {
        let mut conn = self.pool().acquire().await?;
        let backend = conn.backend();
        let mut current: HashMap<i64, Current> = HashMap::new();
        let narrow = |sql: &mut Sql| {
            if let Some(keys) = only {
                sql.push(" where customer_key in (")
                    .bind_list(keys.iter().copied())
                    .push(")");
            }
        };
        let mut types = Sql::new("select customer_key, stage, tier, as_of from customer_types");
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
                        as_of: row.try_get(3)?,
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

    /// The stages stored by the last evaluation, aligned with `keys`, for `reborn` across
    /// evaluations.
    pub async fn previous_stages(&self, keys: &[i64]) -> StoreResult<Vec<Option<PreviousStage>>> {
        let current = self.current_types().await?;
        Ok(keys
            .iter()
            .map(|k| {
                current.get(k).map(|c| PreviousStage {
                    stage: c.stage,
                    at: c.as_of,
                })
            })
            .collect())
    }

    /// Stores an evaluation of the customers with these keys (aligned with
    /// `classifications`) as of an instant, and records a transition for every stage, tier
    /// and flag that changed since their last evaluation. All or nothing.
    pub async fn save_types(
        &self,
        as_of: Millis,
        keys: &[i64],
        classifications: &[Classification],
    ) -> StoreResult<SavedTypes> {
        let before = self.current_types().await?;
        self.save_types_with(as_of, keys, classifications, &before)
            .await
    }

    async fn save_types_with(
        &self,
        as_of: Millis,
        keys: &[i64],
        classifications: &[Classification],
        before: &HashMap<i64, Current>,
    ) -> StoreResult<SavedTypes> {
        assert_eq!(
            keys.len(),
            classifications.len(),
            "keys and classifications are aligned"
        );
        // Transitions: (key, axis, from, to).
        let mut transitions: Vec<(i64, &'static str, Option<String>, Option<String>)> = Vec::new();
        for (&key, c) in keys.iter().zip(classifications) {
            let previous = before.get(&key);
            if previous.map(|p| p.stage) != Some(c.stage) {
                transitions.push((
                    key,
                    "stage",
                    previous.map(|p| p.stage.as_str().to_owned()),
                    Some(c.stage.as_str().to_owned()),
                ));
            }
            if previous.map(|p| p.tier) != Some(c.tier) {
                transitions.push((
                    key,
                    "tier",
                    previous.map(|p| p.tier.as_str().to_owned()),
                    Some(c.tier.as_str().to_owned()),
                ));
            }
            let old: &[Flag] = previous.map_or(&[], |p| &p.flags);
            for flag in &c.flags {
                if !old.contains(flag) {
                    transitions.push((key, "flag", None, Some(flag.as_str().to_owned())));
                }
            }
            for flag in old {
                if !c.flags.contains(flag) {
                    transitions.push((key, "flag", Some(flag.as_str().to_owned()), None));
                }
            }
        }
        let profiles: Vec<String> = classifications
            .iter()
            .map(|c| serde_json::to_string(c).map_err(|e| StoreError::Corrupt(e.to_string())))
            .collect::<StoreResult<_>>()?;
        let rows: Vec<(i64, &Classification, &String)> = keys
            .iter()
            .zip(classifications)
            .zip(&profiles)
            .map(|((&k, c), p)| (k, c, p))
            .collect();
        let flags: Vec<(i64, &'static str)> = keys
            .iter()
            .zip(classifications)
            .flat_map(|(&k, c)| c.flags.iter().map(move |f| (k, f.as_str())))
            .collect();

        let mut tx = self.pool().begin().await?;
        let backend = tx.backend();
        for batch in keys.chunks(500) {
            for table in ["customer_flags", "customer_types"] {
                let mut sql = Sql::new(&format!("delete from {table} where customer_key in ("));
                sql.bind_list(batch.iter().copied()).push(")");
                sql.query(backend).execute(&mut *tx).await?;
            }
        }
        insert_rows(
            &mut tx,
            "insert into customer_types (customer_key, as_of, stage, tier, profile) values",
            "",
            5,
            &rows,
            |q, (k, c, p)| {
                q.bind(*k)
                    .bind(as_of)
                    .bind(c.stage.as_str())
                    .bind(c.tier.as_str())
                    .bind((*p).clone())
            },
        )
        .await?;
        insert_rows(
            &mut tx,
            "insert into customer_flags (customer_key, flag) values",
            "",
            2,
            &flags,
            |q, (k, f)| q.bind(*k).bind(*f),
        )
        .await?;
        insert_rows(
            &mut tx,
            "insert into type_transitions (customer_key, at, axis, from_value, to_value) values",
            "",
            5,
            &transitions,
            |q, (k, axis, from, to)| {
                q.bind(*k)
                    .bind(as_of)
                    .bind(*axis)
                    .bind(from.clone())
                    .bind(to.clone())
            },
        )
        .await?;
        tx.commit().await?;
        Ok(SavedTypes {
            customers: keys.len() as u64,
            transitions: transitions.len() as u64,
        })
    }

    /// A customer's stored classification, if the scope may see the customer and it has
    /// been evaluated.
    pub async fn customer_profile(
        &self,
        scope: &AccessScope,
        customer_id: &str,
    ) -> StoreResult<StoredProfile> {
        let mut sql = Sql::new(
            "select t.as_of, t.profile from customer_types t
             join customers c on c.customer_key = t.customer_key where c.customer_id = ",
        );
        sql.bind(customer_id);
        scope.restrict(&mut sql, "c");
        let row = sql
            .query(self.backend())
            .fetch_optional(self.pool())
            .await?
            .ok_or_else(|| StoreError::not_found("customer profile", customer_id))?;
        let as_of: i64 = row.try_get(0)?;
        let profile: String = row.try_get(1)?;
        Ok(StoredProfile {
            evaluated_as_of: clientele_core::time::from_millis(as_of)
                .map(clientele_core::time::format_instant)
                .unwrap_or_default(),
            classification: serde_json::from_str(&profile)
                .map_err(|e| StoreError::Corrupt(format!("stored profile: {e}")))?,
        })
    }

    /// Counts per stage, tier and flag over the customers the scope may see.
    pub async fn type_counts(&self, scope: &AccessScope) -> StoreResult<TypeCounts> {
        let mut counts = TypeCounts::default();
        for (column, from, target) in [
            ("t.stage", "customer_types t", 0),
            ("t.tier", "customer_types t", 1),
            ("t.flag", "customer_flags t", 2),
        ] {
            let mut sql = Sql::new(&format!(
                "select {column}, count(*) from {from} join customers c on c.customer_key = t.customer_key where 1 = 1"
            ));
            scope.restrict(&mut sql, "c");
            sql.push(&format!(" group by {column} order by {column}"));
            let rows = sql.query(self.backend()).fetch_all(self.pool()).await?;
            let named: Vec<NamedCount> = rows
                .iter()
                .map(|r| {
                    Ok(NamedCount {
                        name: r.try_get(0)?,
                        customers: r.try_get::<i64, _>(1)? as u64,
                    })
                })
                .collect::<StoreResult<_>>()?;
            match target {
                0 => counts.stages = named,
                1 => counts.tiers = named,
                _ => counts.flags = named,
            }
        }
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
        let mut sql = Sql::new(
            "select max(t.as_of) from customer_types t join customers c on c.customer_key = t.customer_key where 1 = 1",
        );
        scope.restrict(&mut sql, "c");
        let latest: Option<i64> = sql
            .query(self.backend())
            .fetch_one(self.pool())
            .await?
            .try_get(0)?;
        counts.as_of = latest
            .and_then(clientele_core::time::from_millis)
            .map(clientele_core::time::format_instant);
        Ok(counts)
    }
}

impl Store {
    /// The type settings an admin stored at run time, if any.
    pub async fn stored_type_settings(
        &self,
    ) -> StoreResult<Option<clientele_core::classify::TypeSettings>> {
        let stored: Option<String> =
            sqlx::query_scalar("select value from settings where key = 'type_settings'")
                .fetch_optional(self.pool())
                .await?;
        stored
            .map(|text| {
                serde_json::from_str(&text)
                    .map_err(|e| StoreError::Corrupt(format!("stored type settings: {e}")))
            })
            .transpose()
    }

    /// Stores the type settings (validated by the caller), replacing any stored before.
    pub async fn store_type_settings(
        &self,
        settings: &clientele_core::classify::TypeSettings,
    ) -> StoreResult<()> {
        let text = serde_json::to_string(settings)
            .map_err(|e| StoreError::Corrupt(format!("type settings: {e}")))?;
        sqlx::query(
            "insert into settings (key, value) values ('type_settings', $1)
             on conflict (key) do update set value = excluded.value",
        )
        .bind(text)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// A full pass of the type engine: reads the base as of `as_of`, classifies every
    /// customer (refitting the base-wide models), stores the result and the transitions.
    /// A system path: it sees every customer, whoever asked for it.
    pub async fn classify_all(
        &self,
        settings: &clientele_core::classify::TypeSettings,
        as_of: Millis,
    ) -> StoreResult<(clientele_core::classify::ClassifiedBase, SavedTypes)> {
        let scope = AccessScope::System("type engine");
        let started = std::time::Instant::now();
        let base = self.customer_facts(&scope, as_of).await?;
        let read = started.elapsed();
        let previous = self.previous_stages(&base.customer_keys).await?;
        let read_previous = started.elapsed();
        let currency = self.currency().await?;
        let classified = clientele_core::classify::classify_base(
            &base.customers,
            &base.context,
            &previous,
            settings,
            as_of,
            currency,
        );
        let computed = started.elapsed();
        let saved = self
            .save_types(as_of, &base.customer_keys, &classified.classifications)
            .await?;
        tracing::debug!(
            customers = base.customers.len(),
            read_facts_s = read.as_secs_f64(),
            read_previous_s = (read_previous - read).as_secs_f64(),
            classify_s = (computed - read_previous).as_secs_f64(),
            save_s = (started.elapsed() - computed).as_secs_f64(),
            "full pass of the type engine"
        );
        self.store_engine_state(&clientele_core::classify::EngineState::of(
            &classified,
            settings,
            as_of,
        ))
        .await?;
        Ok((classified, saved))
    }
}

impl Store {
    /// The state the last full pass left, if there was one.
    pub async fn engine_state(&self) -> StoreResult<Option<clientele_core::classify::EngineState>> {
        let stored: Option<String> =
            sqlx::query_scalar("select value from settings where key = 'type_engine_state'")
                .fetch_optional(self.pool())
                .await?;
        stored
            .map(|text| {
                serde_json::from_str(&text)
                    .map_err(|e| StoreError::Corrupt(format!("stored engine state: {e}")))
            })
            .transpose()
    }

    async fn store_engine_state(
        &self,
        state: &clientele_core::classify::EngineState,
    ) -> StoreResult<()> {
        let text = serde_json::to_string(state)
            .map_err(|e| StoreError::Corrupt(format!("engine state: {e}")))?;
        sqlx::query(
            "insert into settings (key, value) values ('type_engine_state', $1)
             on conflict (key) do update set value = excluded.value",
        )
        .bind(text)
        .execute(self.pool())
        .await?;
        Ok(())
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
        let mut saved = SavedTypes::default();
        // Bounded batches: an import may name a large share of the base.
        for keys in keys.chunks(10_000) {
            let batch = self.reclassify_batch(&state, &scope, keys, as_of).await?;
            saved.customers += batch.customers;
            saved.transitions += batch.transitions;
        }
        Ok(saved)
    }

    async fn reclassify_batch(
        &self,
        state: &clientele_core::classify::EngineState,
        scope: &AccessScope,
        keys: &[i64],
        as_of: Millis,
    ) -> StoreResult<SavedTypes> {
        let base = self.customer_facts_of(scope, as_of, keys).await?;
        let current = self.current_types_of(&base.customer_keys).await?;
        let currency = self.currency().await?;
        let classifications: Vec<Classification> = base
            .customers
            .iter()
            .zip(&base.context)
            .zip(&base.customer_keys)
            .map(|((facts, context), key)| {
                let previous = current.get(key);
                state.classify_one(
                    facts,
                    context,
                    previous.map(|c| PreviousStage {
                        stage: c.stage,
                        at: c.as_of,
                    }),
                    previous.is_some_and(|c| c.flags.contains(&Flag::IdealProspect)),
                    as_of,
                    currency,
                )
            })
            .collect();
        self.save_types_with(as_of, &base.customer_keys, &classifications, &current)
            .await
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

impl Store {
    /// Keeps the stored types true after an import, as of `as_of`. Orders, costs, customers
    /// and employees feed the base-wide models, the tier cut-offs, the lookalike profile or
    /// the owners of many customers, so they cost a full pass with `settings`; complaints,
    /// feedback and interactions change only the customers they name, who are re-evaluated
    /// with the models of the last full pass.
    pub async fn reevaluate_after_import(
        &self,
        kind: crate::import::ImportKind,
        report: &crate::import::ImportReport,
        settings: &clientele_core::classify::TypeSettings,
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
                let (_, saved) = self.classify_all(settings, as_of).await?;
                Ok(Reevaluation::FullPass(saved))
            }
        }
    }
}
