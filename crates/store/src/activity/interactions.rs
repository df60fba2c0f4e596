//! Interactions: calls, e-mails, meetings and the like, with whom and which way.

use clientele_core::model::{Interaction, InteractionRecord};
use clientele_core::{Channel, Currency, Direction};
use sqlx::any::AnyRow;

use super::{Child, InteractionFilter, natural_key};
use crate::error::StoreResult;
use crate::list::{Listing, SortColumn};
use crate::sql::{RowExt, Value, ms};

/// The interaction's content hash, its customer and employee named by `customer` and
/// `employee` (the keys stored, the id and e-mail in a file).
pub(crate) fn interaction_key(customer: &str, employee: &str, i: &Interaction) -> String {
    natural_key(&[
        customer,
        &ms(i.occurred_at).to_string(),
        i.channel.map_or("", Channel::as_str),
        i.direction.map_or("", Direction::as_str),
        employee,
        i.summary.as_deref().unwrap_or(""),
    ])
}

/// The `interactions` table.
pub(crate) struct Interactions;

impl Child for Interactions {
    type Input = Interaction;
    type Record = InteractionRecord;
    type Filter = InteractionFilter;
    const ENTITY: &'static str = "interaction";
    const TABLE: &'static str = "interactions";
    const KEY: &'static str = "interaction_key";
    const COLUMNS: &'static str = "customer_key, occurred_at, channel, direction, employee_key, summary, natural_key, outcome";
    const SELECT: &'static str =
        "select x.interaction_key, c.customer_id, x.occurred_at, x.channel, x.direction,
        e.email as employee_email, x.summary, x.outcome";
    const JOINS: &'static str = " left join employees e on e.employee_key = x.employee_key";
    const SORTS: &'static [SortColumn] = &[SortColumn::int("occurred_at", "x.occurred_at")];

    fn customer_id(interaction: &Interaction) -> &str {
        &interaction.customer_id
    }

    fn employee_email(interaction: &Interaction) -> Option<&str> {
        interaction.employee_email.as_deref()
    }

    fn values(i: &Interaction, customer_key: i64, employee_key: Option<i64>) -> Vec<Value> {
        vec![
            customer_key.into(),
            ms(i.occurred_at).into(),
            i.channel.map(Channel::as_str).into(),
            i.direction.map(Direction::as_str).into(),
            employee_key.into(),
            i.summary.clone().into(),
            interaction_key(
                &customer_key.to_string(),
                &employee_key.map(|k| k.to_string()).unwrap_or_default(),
                i,
            )
            .into(),
            i.outcome.clone().into(),
        ]
    }

    fn duplicate(_interaction: &Interaction) -> (&'static str, String) {
        (
            "occurred_at",
            "with the same customer, time, channel, employee and summary".into(),
        )
    }

    fn from_row(row: &AnyRow, _currency: Currency) -> StoreResult<InteractionRecord> {
        Ok(InteractionRecord {
            interaction_id: row.int("interaction_key")?,
            interaction: Interaction {
                customer_id: row.text("customer_id")?,
                occurred_at: row.instant("occurred_at")?,
                channel: row.opt_choice("channel", Channel::parse)?,
                direction: row.opt_choice("direction", Direction::parse)?,
                employee_email: row.opt_text("employee_email")?,
                summary: row.opt_text("summary")?,
                outcome: row.opt_text("outcome")?,
            },
        })
    }

    fn narrow(filter: &InteractionFilter, list: &mut Listing) {
        list.choice::<Channel>("x.channel", "channel", filter.channel.as_deref());
        let email = filter.employee_email.as_deref().map(str::to_lowercase);
        list.equals("e.email", email.as_deref());
    }
}

child_methods!(Interactions, by Interactions::KEY, i64, Interaction => InteractionRecord, InteractionFilter;
    create_interaction, get_interaction, update_interaction, delete_interaction, list_interactions);
