//! Type transitions: written by the type engine (a system path), read through the API.
//! History is not edited: there is no update, and a transition goes only with its customer.

use clientele_core::Axis;
use clientele_core::model::{Transition, TransitionRecord};
use sqlx::any::AnyRow;

use crate::Store;
use crate::customers::visible_customer_key;
use crate::error::StoreResult;
use crate::list::{ListRequest, Listing, Page, SortColumn};
use crate::orders::unknown_customer;
use crate::scope::AccessScope;
use crate::sql::{RowExt, Sql, ms};

#[derive(Clone, Debug, Default)]
pub struct TransitionFilter {
    pub customer_id: Option<String>,
    pub axis: Option<String>,
    /// Transitions at or after this instant.
    pub since: Option<String>,
    /// Transitions before this instant.
    pub until: Option<String>,
    /// Transitions to this value (a stage, tier or flag).
    pub to: Option<String>,
}

const SORTS: &[SortColumn] = &[SortColumn::int("at", "x.at")];
const SELECT: &str =
    "select x.transition_key, c.customer_id, x.at, x.axis, x.from_value, x.to_value";
const FROM: &str = " from type_transitions x join customers c on c.customer_key = x.customer_key";

impl Store {
    /// Records transitions for the type engine, all or none.
    pub async fn record_transitions(
        &self,
        scope: &AccessScope,
        transitions: &[Transition],
    ) -> StoreResult<u64> {
        let mut tx = self.begin_write().await?;
        for t in transitions {
            let customer_key = visible_customer_key(&mut tx, scope, &t.customer_id)
                .await
                .map_err(|e| unknown_customer(e, &t.customer_id))?;
            sqlx::query(
                "insert into type_transitions (customer_key, at, axis, from_value, to_value) values ($1, $2, $3, $4, $5)",
            )
            .bind(customer_key)
            .bind(ms(t.at))
            .bind(t.axis.as_str())
            .bind(t.from.clone())
            .bind(t.to.clone())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(transitions.len() as u64)
    }

    pub async fn get_transition(
        &self,
        scope: &AccessScope,
        transition_id: i64,
    ) -> StoreResult<TransitionRecord> {
        let select = format!("{SELECT}{FROM}");
        let sql = Sql::visible(&select, "x.transition_key", transition_id, scope);
        transition_from_row(&self.found(&sql, "transition", transition_id).await?)
    }

    pub async fn list_transitions(
        &self,
        scope: &AccessScope,
        filter: &TransitionFilter,
        request: &ListRequest,
    ) -> StoreResult<Page<TransitionRecord>> {
        let mut list = Listing::new(request, SORTS, "at", "x.transition_key", SELECT, FROM)?;
        scope.restrict(&mut list.sql, "c");
        list.equals("c.customer_id", filter.customer_id.as_deref());
        list.choice::<Axis>("x.axis", "axis", filter.axis.as_deref());
        list.between(
            "x.at",
            ("since", filter.since.as_deref()),
            ("until", filter.until.as_deref()),
        );
        list.equals("x.to_value", filter.to.as_deref());
        list.page(self, transition_from_row).await
    }
}

fn transition_from_row(row: &AnyRow) -> StoreResult<TransitionRecord> {
    Ok(TransitionRecord {
        transition_id: row.int("transition_key")?,
        transition: Transition {
            customer_id: row.text("customer_id")?,
            at: row.instant("at")?,
            axis: row.choice("axis", Axis::parse)?,
            from: row.opt_text("from_value")?,
            to: row.opt_text("to_value")?,
        },
    })
}
