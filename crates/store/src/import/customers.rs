//! Importing customers and employees. These files are small next to order files, so every
//! row is read first: a row for an existing record is a merge patch on it (absent columns
//! keep their value, empty cells clear it), and organisations named by members in the same
//! file are known before anyone refers to them.

use clientele_core::Message;
use std::collections::{BTreeMap, HashMap, HashSet};

use clientele_core::Party;
use clientele_core::model::*;
use serde_json::{Map, Value};
use sqlx::{Any, Transaction};

use super::children::load_employees;
use super::{Errors, ImportReport, RowError, SeenIds, Source};
use crate::customers::{
    OwnerChange, References, insert_customer, replace_tags, update_customer_row,
};
use crate::employees::{insert_employee, update_employee_row};
use crate::error::StoreResult;
use crate::sql::{BackendOf, RowExt, Sql};

/// Reads every row as the columns it has, empty cells as nulls.
fn read_rows(
    source: &mut Source,
    errors: &mut Errors,
    report: &mut ImportReport,
) -> Vec<(u64, Map<String, Value>)> {
    let mut rows = Vec::new();
    while let Some(next) = source.next::<BTreeMap<String, String>>() {
        report.rows += 1;
        match next {
            Ok((line, cells)) => {
                let map = cells
                    .into_iter()
                    .map(|(k, v)| {
                        let value = if v.trim().is_empty() {
                            Value::Null
                        } else {
                            Value::String(v)
                        };
                        (k, value)
                    })
                    .collect();
                rows.push((line, map));
            }
            Err(e) => errors.add([e]),
        }
    }
    rows
}

fn cell<'a>(row: &'a Map<String, Value>, column: &str) -> Option<&'a str> {
    row.get(column).and_then(Value::as_str).map(str::trim)
}

/// The stored record as a draft to patch: its JSON without the fields a client cannot set.
fn as_draft_base<T: serde::Serialize>(record: &T, read_only: &[&str]) -> Value {
    let mut value = serde_json::to_value(record).unwrap_or(Value::Object(Map::new()));
    if let Value::Object(map) = &mut value {
        for field in read_only {
            map.remove(*field);
        }
        map.retain(|_, v| !v.is_null());
    }
    value
}

/// The record a row makes, or `None` with the row's errors added: the stored record
/// (without its read-only fields) patched by the row's cells, or the cells alone for a new
/// record, then validated.
fn patched<T: serde::Serialize, D: serde::de::DeserializeOwned, R>(
    (line, row): (u64, Map<String, Value>),
    stored: Option<&T>,
    read_only: &[&str],
    source: &Source,
    errors: &mut Errors,
    validate: impl FnOnce(D) -> Result<R, clientele_core::FieldErrors>,
) -> Option<R> {
    let mut draft = stored.map_or_else(
        || Value::Object(Map::new()),
        |r| as_draft_base(r, read_only),
    );
    merge_patch(&mut draft, &Value::Object(row));
    let draft = match serde_json::from_value(draft) {
        Ok(draft) => draft,
        Err(e) => {
            errors.add([RowError {
                line,
                column: None,
                message: e.to_string().into(),
            }]);
            return None;
        }
    };
    match validate(draft) {
        Ok(record) => Some(record),
        Err(field_errors) => {
            errors.add(source.columns.field_errors(line, &field_errors));
            None
        }
    }
}

/// One customer row, checked, with what it changes.
struct CustomerRow {
    line: u64,
    customer: Customer,
    existing: Option<i64>,
    changed: bool,
}

pub(super) async fn import_customers(
    tx: &mut Transaction<'_, Any>,
    source: &mut Source,
    ctx: &Context,
    errors: &mut Errors,
    report: &mut ImportReport,
) -> StoreResult<()> {
    let rows = read_rows(source, errors, report);
    let mut seen = SeenIds::default();
    let mut ids = Vec::new();
    let mut rows_kept = Vec::with_capacity(rows.len());
    for (line, row) in rows {
        if let Some(id) = cell(&row, "customer_id").filter(|id| !id.is_empty()) {
            if let Err(first) = seen.check(id, line) {
                errors.add([RowError {
                    line,
                    column: source.columns.column("customer_id"),
                    message: Message::new("duplicate-in-file")
                        .text("value", id)
                        .int("line", first as i64),
                }]);
                continue;
            }
            ids.push(id.to_owned());
        }
        rows_kept.push((line, row));
    }
    // A customer that members of this file name as their organisation is one, unless its
    // own row says otherwise: the documented header has no `party` column.
    let named_organisations: HashSet<String> = rows_kept
        .iter()
        .filter_map(|(_, row)| {
            cell(row, "organisation_id")
                .filter(|o| !o.is_empty())
                .map(str::to_owned)
        })
        .collect();
    let existing = load_customers(tx, &ids).await?;

    let mut checked: Vec<CustomerRow> = Vec::with_capacity(rows_kept.len());
    for (line, mut row) in rows_kept {
        let id = cell(&row, "customer_id").unwrap_or("").to_owned();
        if named_organisations.contains(&id) && cell(&row, "party").is_none_or(str::is_empty) {
            row.insert(
                "party".into(),
                Value::String(Party::Organisation.as_str().into()),
            );
        }
        let stored = existing.get(&id);
        let customer = patched(
            (line, row),
            stored.map(|(_, c)| c),
            CUSTOMER_READ_ONLY,
            source,
            errors,
            |d: CustomerDraft| d.validate(ctx),
        );
        let Some(mut customer) = customer else {
            continue;
        };
        let changed = match stored {
            Some((_, before)) => {
                let mut same = customer.clone();
                same.updated_at = before.updated_at;
                same != *before
            }
            None => true,
        };
        if !changed && let Some((_, before)) = stored {
            customer.updated_at = before.updated_at;
        }
        checked.push(CustomerRow {
            line,
            customer,
            existing: stored.map(|(k, _)| *k),
            changed,
        });
    }

    // References: owners must be employees; organisations must exist (here or in the base)
    // and be organisations.
    let employees = load_employees(tx).await?;
    let in_file: HashMap<String, Party> = checked
        .iter()
        .map(|r| (r.customer.customer_id.clone(), r.customer.party))
        .collect();
    let outside: Vec<String> = checked
        .iter()
        .filter_map(|r| r.customer.organisation_id.clone())
        .filter(|o| !in_file.contains_key(o.as_str()))
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let mut organisations: HashMap<String, (i64, String)> = HashMap::new();
    for batch in outside.chunks(500) {
        let mut sql = Sql::new(
            "select customer_id, customer_key, party from customers where customer_id in (",
        );
        sql.bind_list(batch.iter().map(String::as_str)).push(")");
        for row in sql.query(tx.backend()).fetch_all(&mut **tx).await? {
            organisations.insert(
                row.text("customer_id")?,
                (row.int("customer_key")?, row.text("party")?),
            );
        }
    }
    let mut valid = Vec::with_capacity(checked.len());
    for row in checked {
        let mut row_errors = Vec::new();
        if let Some(owner) = &row.customer.owner_email
            && !employees.contains_key(owner)
        {
            row_errors.push(RowError {
                line: row.line,
                column: source.columns.column("owner_email"),
                message: Message::new("no-employee-import-first").text("email", owner.as_str()),
            });
        }
        if let Some(org) = &row.customer.organisation_id {
            let party = in_file
                .get(org.as_str())
                .map(|p| p.as_str().to_owned())
                .or_else(|| organisations.get(org).map(|(_, p)| p.clone()));
            let problem = match party.as_deref() {
                None => Some(Message::new("no-customer").text("id", org.as_str())),
                Some(p) if p != Party::Organisation.as_str() => {
                    Some(Message::new("not-an-organisation").text("id", org.as_str()))
                }
                Some(_) => None,
            };
            if let Some(message) = problem {
                row_errors.push(RowError {
                    line: row.line,
                    column: source.columns.column("organisation_id"),
                    message,
                });
            }
        }
        if row_errors.is_empty() {
            valid.push(row);
        } else {
            errors.add(row_errors);
        }
    }
    if errors.fatal() {
        return Ok(());
    }

    // Organisations (which never belong to one) first, so members can point at them.
    valid.sort_by_key(|r| r.customer.organisation_id.is_some());
    let mut keys: HashMap<String, i64> = organisations
        .into_iter()
        .map(|(id, (key, _))| (id, key))
        .collect();
    for row in &valid {
        let refs = References {
            owner_key: row
                .customer
                .owner_email
                .as_ref()
                .and_then(|e| employees.get(e).copied()),
            organisation_key: row
                .customer
                .organisation_id
                .as_ref()
                .and_then(|o| keys.get(o).copied()),
        };
        match row.existing {
            None => {
                let key = insert_customer(tx, &row.customer, &refs, &IMPORTED).await?;
                replace_tags(tx, key, &row.customer.tags).await?;
                keys.insert(row.customer.customer_id.clone(), key);
                report.inserted += 1;
            }
            Some(key) => {
                keys.insert(row.customer.customer_id.clone(), key);
                if row.changed {
                    update_customer_row(tx, key, &row.customer, &refs, &IMPORTED).await?;
                    report.updated += 1;
                }
            }
        }
    }
    Ok(())
}

/// Owners set by an import.
const IMPORTED: OwnerChange<'static> = OwnerChange {
    reason: "import",
    by: "system: import",
};

/// The stored customers with these ids, with their keys.
async fn load_customers(
    tx: &mut Transaction<'_, Any>,
    ids: &[String],
) -> StoreResult<HashMap<String, (i64, Customer)>> {
    let currency = {
        let code: Option<String> =
            sqlx::query_scalar("select value from settings where key = 'currency'")
                .fetch_optional(&mut **tx)
                .await?;
        code.and_then(|c| c.parse().ok())
            .unwrap_or(clientele_core::Currency::USD)
    };
    let mut found = HashMap::new();
    for batch in ids.chunks(500) {
        let mut sql = Sql::new(crate::customers::SELECT);
        sql.push(crate::customers::FROM)
            .push(" where c.customer_id in (");
        sql.bind_list(batch.iter().map(String::as_str)).push(")");
        let rows = sql.query(tx.backend()).fetch_all(&mut **tx).await?;
        if rows.is_empty() {
            continue;
        }
        let keys: Vec<i64> = rows
            .iter()
            .map(|r| r.int("customer_key"))
            .collect::<StoreResult<_>>()?;
        let mut tags: HashMap<i64, Vec<String>> = HashMap::new();
        let mut sql =
            Sql::new("select customer_key, tag from customer_tags where customer_key in (");
        sql.bind_list(keys.iter().copied())
            .push(") order by customer_key, tag");
        for row in sql.query(tx.backend()).fetch_all(&mut **tx).await? {
            tags.entry(row.int("customer_key")?)
                .or_default()
                .push(row.text("tag")?);
        }
        for row in &rows {
            let key = row.int("customer_key")?;
            let customer = crate::customers::customer_from_row(
                row,
                currency,
                tags.remove(&key).unwrap_or_default(),
            )?;
            found.insert(customer.customer_id.clone(), (key, customer));
        }
    }
    Ok(found)
}

pub(super) async fn import_employees(
    tx: &mut Transaction<'_, Any>,
    source: &mut Source,
    ctx: &Context,
    errors: &mut Errors,
    report: &mut ImportReport,
) -> StoreResult<()> {
    let rows = read_rows(source, errors, report);
    let mut existing: HashMap<String, EmployeeRecord> = HashMap::new();
    let mut sql = Sql::new(crate::employees::SELECT);
    sql.push(" from employees e");
    for row in sql.query(tx.backend()).fetch_all(&mut **tx).await? {
        let record = crate::employees::employee_from_row(&row)?;
        existing.insert(record.employee.email.clone(), record);
    }
    let mut seen = SeenIds::default();
    let mut valid = Vec::new();
    for (line, row) in rows {
        let email = cell(&row, "email").unwrap_or("").to_lowercase();
        if !email.is_empty()
            && let Err(first) = seen.check(&email, line)
        {
            errors.add([RowError {
                line,
                column: source.columns.column("email"),
                message: Message::new("duplicate-in-file")
                    .text("value", email.as_str())
                    .int("line", first as i64),
            }]);
            continue;
        }
        let stored = existing.get(&email);
        let employee = patched(
            (line, row),
            stored.map(|r| &r.employee),
            EMPLOYEE_READ_ONLY,
            source,
            errors,
            |d: EmployeeDraft| d.validate(ctx),
        );
        let Some(mut employee) = employee else {
            continue;
        };
        if let Some(before) = stored {
            employee.created_at = before.employee.created_at;
            let mut same = employee.clone();
            same.updated_at = before.employee.updated_at;
            if same == before.employee {
                continue;
            }
        }
        valid.push((stored.map(|r| r.employee_id), employee));
    }
    if errors.fatal() {
        return Ok(());
    }
    for (key, employee) in valid {
        match key {
            None => {
                insert_employee(&mut **tx, &employee).await?;
                report.inserted += 1;
            }
            Some(key) => {
                update_employee_row(&mut **tx, key, &employee).await?;
                report.updated += 1;
            }
        }
    }
    Ok(())
}
