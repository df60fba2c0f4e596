//! Cost-to-serve entries: what serving a customer cost, dated and by category.

use clientele_core::model::{CostToServe, CostToServeRecord};
use clientele_core::{Currency, Money};
use sqlx::any::AnyRow;

use super::{Child, CostFilter, natural_key};
use crate::error::StoreResult;
use crate::list::{Listing, SortColumn};
use crate::sql::{RowExt, Value, ms};

/// The entry's content hash, its customer named by `customer` (the key stored, the id in a
/// file).
pub(crate) fn cost_key(customer: &str, c: &CostToServe) -> String {
    natural_key(&[
        customer,
        &ms(c.incurred_at).to_string(),
        &c.category,
        &c.amount.minor().to_string(),
    ])
}

/// The `cost_entries` table.
pub(crate) struct Costs;

impl Child for Costs {
    type Input = CostToServe;
    type Record = CostToServeRecord;
    type Filter = CostFilter;
    const ENTITY: &'static str = "cost entry";
    const TABLE: &'static str = "cost_entries";
    const KEY: &'static str = "cost_key";
    const COLUMNS: &'static str = "customer_key, incurred_at, category, amount, natural_key";
    const SELECT: &'static str =
        "select x.cost_key, c.customer_id, x.incurred_at, x.category, x.amount";
    const SORTS: &'static [SortColumn] = &[
        SortColumn::int("incurred_at", "x.incurred_at"),
        SortColumn::int("amount", "x.amount"),
    ];
    const PRICED: bool = true;

    fn customer_id(entry: &CostToServe) -> &str {
        &entry.customer_id
    }

    fn values(entry: &CostToServe, customer_key: i64, _employee: Option<i64>) -> Vec<Value> {
        vec![
            customer_key.into(),
            ms(entry.incurred_at).into(),
            entry.category.clone().into(),
            entry.amount.minor().into(),
            cost_key(&customer_key.to_string(), entry).into(),
        ]
    }

    fn duplicate(_entry: &CostToServe) -> (&'static str, String) {
        (
            "amount",
            "with the same customer, date, category and amount".into(),
        )
    }

    fn from_row(row: &AnyRow, currency: Currency) -> StoreResult<CostToServeRecord> {
        Ok(CostToServeRecord {
            cost_id: row.int("cost_key")?,
            entry: CostToServe {
                customer_id: row.text("customer_id")?,
                incurred_at: row.instant("incurred_at")?,
                category: row.text("category")?,
                amount: Money::from_minor(row.int("amount")?, currency),
            },
        })
    }

    fn narrow(filter: &CostFilter, list: &mut Listing) {
        let category = filter.category.as_deref().map(str::to_lowercase);
        list.equals("x.category", category.as_deref());
    }
}

child_methods!(Costs, by Costs::KEY, i64, CostToServe => CostToServeRecord, CostFilter;
    create_cost, get_cost, update_cost, delete_cost, list_costs);
