//! The conditions of a customer list: what each filter of [`CustomerFilter`] adds to the
//! query.

use clientele_core::search::fold;
use clientele_core::time::parse_instant;
use clientele_core::{CustomerKind, FieldErrors, Party};

use super::CustomerFilter;
use crate::Backend;
use crate::error::{StoreError, StoreResult};
use crate::sql::{Sql, like_pattern, ms};

pub(super) fn apply_filter(
    sql: &mut Sql,
    filter: &CustomerFilter,
    backend: Backend,
) -> StoreResult<()> {
    let mut errors = FieldErrors::new();
    let given = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    if let Some(kind) = given(&filter.kind)
        && let Some(kind) = errors.check("kind", CustomerKind::parse(&kind))
    {
        sql.push(" and c.kind = ").bind(kind.as_str());
    }
    let stage = given(&filter.stage)
        .and_then(|stage| errors.check("stage", clientele_core::Stage::parse(&stage)));
    let tier = given(&filter.tier).and_then(|tier| {
        let tier = tier.to_ascii_uppercase();
        if ["A", "B", "C"].contains(&tier.as_str()) {
            Some(tier)
        } else {
            errors.add(
                "tier",
                clientele_core::Message::new("not-one-of")
                    .text("value", tier.as_str())
                    .text("choices", "A, B, C"),
            );
            None
        }
    });
    // Stage and tier together are one walk of the (stage, tier) index: on a million
    // customers, lapsed tier-A ones are found in a few ms instead of intersecting two sets
    // of a hundred thousand.
    match (stage, tier) {
        (Some(stage), Some(tier)) => {
            sql.push(
                " and c.customer_key in (select customer_key from customer_types where stage = ",
            )
            .bind(stage.as_str())
            .push(" and tier = ")
            .bind(tier)
            .push(")");
        }
        (Some(stage), None) => {
            sql.push(
                " and c.customer_key in (select customer_key from customer_types where stage = ",
            )
            .bind(stage.as_str())
            .push(")");
        }
        (None, Some(tier)) => {
            sql.push(
                " and c.customer_key in (select customer_key from customer_types where tier = ",
            )
            .bind(tier)
            .push(")");
        }
        (None, None) => {}
    }
    if let Some(flag) = given(&filter.flag)
        && let Some(flag) = errors.check("flag", clientele_core::Flag::parse(&flag))
    {
        sql.push(" and c.customer_key in (select customer_key from customer_flags where flag = ")
            .bind(flag.as_str())
            .push(")");
    }
    if let Some(party) = given(&filter.party)
        && let Some(party) = errors.check("party", Party::parse(&party))
    {
        sql.push(" and c.party = ").bind(party.as_str());
    }
    match filter.unassigned {
        Some(true) => {
            sql.push(
                " and (c.owner_key is null or c.owner_key in (select employee_key from employees where left_at is not null))",
            );
        }
        Some(false) => {
            sql.push(
                " and c.owner_key in (select employee_key from employees where left_at is null)",
            );
        }
        None => {}
    }
    match given(&filter.owner_email) {
        Some(owner) if owner.eq_ignore_ascii_case("none") => {
            sql.push(" and c.owner_key is null");
        }
        Some(owner) => {
            sql.push(" and owner.email = ").bind(owner.to_lowercase());
        }
        None => {}
    }
    if let Some(channel) = given(&filter.acquisition_channel) {
        sql.push(" and c.acquisition_channel = ").bind(channel);
    }
    if let Some(country) = given(&filter.country) {
        sql.push(" and c.country = ")
            .bind(country.to_ascii_uppercase());
    }
    if let Some(tag) = given(&filter.tag) {
        sql.push(" and c.customer_key in (select customer_key from customer_tags where tag = ")
            .bind(tag)
            .push(")");
    }
    if let Some(org) = given(&filter.organisation_id) {
        sql.push(" and org.customer_id = ").bind(org);
    }
    if let Some(from) = given(&filter.created_from)
        && let Some(at) = errors.check("created_from", parse_instant(&from))
    {
        sql.push(" and c.created_at >= ").bind(ms(at));
    }
    if let Some(to) = given(&filter.created_to)
        && let Some(at) = errors.check("created_to", parse_instant(&to))
    {
        sql.push(" and c.created_at < ").bind(ms(at));
    }
    if let Some(q) = given(&filter.q) {
        let folded = fold(&q);
        let digits = clientele_core::search::digits(&q);
        let by_digits = digits.len() >= 4
            && digits.len() * 2 >= q.chars().filter(|c| !c.is_whitespace()).count();
        // SQLite's trigram index (migration 0007) answers substrings of three characters or
        // more; the phrase query matches exactly where `like '%…%'` would.
        if backend == Backend::Sqlite && folded.chars().count() >= 3 {
            let phrase = |text: &str| format!("\"{}\"", text.replace('"', "\"\""));
            let mut query = phrase(&folded);
            if by_digits {
                query = format!("{query} OR {}", phrase(&digits));
            }
            sql.push(
                " and c.customer_key in (select rowid from customer_search where customer_search match ",
            )
            .bind(query)
            .push(")");
        } else {
            sql.push(" and (c.search_text like ")
                .bind(like_pattern(&folded))
                .push(" escape '\\'");
            // A telephone number typed with other spacing still matches its bare digits.
            if by_digits {
                sql.push(" or c.search_text like ")
                    .bind(like_pattern(&digits))
                    .push(" escape '\\'");
            }
            sql.push(")");
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Invalid(errors))
    }
}
