//! How many customers have each stage, tier and flag.

use clientele_core::{Flag, Stage};
use serde::Serialize;
use sqlx::Row;
use utoipa::ToSchema;

use crate::error::StoreResult;
use crate::sql::Sql;
use crate::{AccessScope, Store};

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

impl Store {
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
}
