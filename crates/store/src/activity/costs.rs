//! Cost-to-serve entries: what serving a customer cost, dated and by category.

use clientele_core::model::{CostEntry, CostEntryRecord};
use clientele_core::{Currency, FieldErrors, Money};
use sqlx::any::AnyRow;

use super::{Child, natural_key};
use crate::Store;
use crate::error::StoreResult;
use crate::list::{ListRequest, Page, SortColumn, SortKind};
use crate::scope::AccessScope;
use crate::sql::{RowExt, Sql, Value, ms};

#[derive(Clone, Debug, Default)]
pub struct CostFilter {
    pub customer_id: Option<String>,
    pub category: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

pub(crate) fn cost_key(customer_key: i64, c: &CostEntry) -> String {
    natural_key(&[
        &customer_key.to_string(),
        &ms(c.incurred_at).to_string(),
        &c.category,
        &c.amount.minor().to_string(),
    ])
}

/// The `cost_entries` table.
pub(crate) struct Costs;

impl Child for Costs {
    type Input = CostEntry;
    type Record = CostEntryRecord;
    type Filter = CostFilter;
    const ENTITY: &'static str = "cost entry";
    const TABLE: &'static str = "cost_entries";
    const KEY: &'static str = "cost_key";
    const COLUMNS: &'static [&'static str] = &[
        "customer_key",
        "incurred_at",
        "category",
        "amount",
        "natural_key",
    ];
    const SELECT: &'static str =
        "select x.cost_key, c.customer_id, x.incurred_at, x.category, x.amount";
    const FROM: &'static str =
        " from cost_entries x join customers c on c.customer_key = x.customer_key";
    const SORTS: &'static [SortColumn] = &[
        SortColumn {
            name: "incurred_at",
            expr: "x.incurred_at",
            kind: SortKind::Int,
        },
        SortColumn {
            name: "amount",
            expr: "x.amount",
            kind: SortKind::Int,
        },
    ];
    const DEFAULT_SORT: &'static str = "incurred_at";
    const SORT_KEY: &'static str = "x.cost_key";
    const AT: &'static str = "x.incurred_at";
    const PRICED: bool = true;

    fn customer_id(entry: &CostEntry) -> &str {
        &entry.customer_id
    }

    fn values(entry: &CostEntry, customer_key: i64, _employee: Option<i64>) -> Vec<Value> {
        vec![
            customer_key.into(),
            ms(entry.incurred_at).into(),
            entry.category.clone().into(),
            entry.amount.minor().into(),
            cost_key(customer_key, entry).into(),
        ]
    }

    fn duplicate(_entry: &CostEntry) -> (&'static str, String) {
        (
            "amount",
            "with the same customer, date, category and amount".into(),
        )
    }

    fn from_row(row: &AnyRow, currency: Currency) -> StoreResult<CostEntryRecord> {
        Ok(CostEntryRecord {
            cost_id: row.int("cost_key")?,
            entry: CostEntry {
                customer_id: row.text("customer_id")?,
                incurred_at: row.instant("incurred_at")?,
                category: row.text("category")?,
                amount: Money::from_minor(row.int("amount")?, currency),
            },
        })
    }

    fn common(filter: &CostFilter) -> [Option<&str>; 3] {
        [
            filter.customer_id.as_deref(),
            filter.from.as_deref(),
            filter.to.as_deref(),
        ]
    }

    fn narrow(filter: &CostFilter, sql: &mut Sql, _errors: &mut FieldErrors) {
        if let Some(category) = filter
            .category
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
        {
            sql.push(" and x.category = ").bind(category.to_lowercase());
        }
    }
}

impl Store {
    pub async fn create_cost(
        &self,
        scope: &AccessScope,
        entry: &CostEntry,
    ) -> StoreResult<CostEntryRecord> {
        self.create_child::<Costs>(scope, entry).await
    }

    pub async fn get_cost(
        &self,
        scope: &AccessScope,
        cost_id: i64,
    ) -> StoreResult<CostEntryRecord> {
        self.get_child::<Costs>(scope, Costs::KEY, cost_id).await
    }

    pub async fn update_cost(
        &self,
        scope: &AccessScope,
        cost_id: i64,
        entry: &CostEntry,
    ) -> StoreResult<CostEntryRecord> {
        self.update_child::<Costs>(scope, Costs::KEY, cost_id, entry)
            .await
    }

    pub async fn delete_cost(&self, scope: &AccessScope, cost_id: i64) -> StoreResult<()> {
        self.delete_child::<Costs>(scope, Costs::KEY, cost_id).await
    }

    pub async fn list_costs(
        &self,
        scope: &AccessScope,
        filter: &CostFilter,
        request: &ListRequest,
    ) -> StoreResult<Page<CostEntryRecord>> {
        self.list_children::<Costs>(scope, filter, request).await
    }
}
