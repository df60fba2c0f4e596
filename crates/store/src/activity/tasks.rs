//! Tasks: the `tasks` table, read and written by the generic path of the records kept about
//! a customer ([`Child`]): a task is seen by whoever sees its customer, and its
//! assignee must be one of them.

use clientele_core::model::Task;
use clientele_core::{Currency, TaskPriority, TaskStatus};
use jiff::civil::{Date, Time};
use sqlx::any::AnyRow;
use sqlx::{Any, Transaction};

use super::Child;
use super::filters::WhoseAndWhen;
use crate::error::{StoreError, StoreResult};
use crate::list::{Listing, SortColumn};
use crate::sql::{RowExt, Value, ms};

/// What a task list may be narrowed by.
#[derive(Clone, Debug, Default)]
pub struct TaskFilter {
    pub customer_id: Option<String>,
    /// The assignee's e-mail.
    pub assignee_email: Option<String>,
    /// `open`, `done` or `cancelled`.
    pub status: Option<String>,
    /// Due on or after this day (YYYY-MM-DD).
    pub from: Option<String>,
    /// Due before this day.
    pub to: Option<String>,
    /// Only open tasks due before this instant (the start of today, for "overdue").
    pub overdue_before: Option<i64>,
    /// Only tasks a playbook made (its id).
    pub playbook_id: Option<String>,
}

impl WhoseAndWhen for TaskFilter {
    fn whose_and_when(&self) -> [Option<&str>; 3] {
        [
            self.customer_id.as_deref(),
            self.from.as_deref(),
            self.to.as_deref(),
        ]
    }
}

/// The `tasks` table, its rows named by `task_id`.
pub(crate) struct Tasks;

const BY_ID: &str = "task_id";

/// A day as stored: its 00:00 UTC in milliseconds.
pub(crate) fn day_ms(day: Date) -> i64 {
    day.to_zoned(jiff::tz::TimeZone::UTC)
        .map(|z| z.timestamp().as_millisecond())
        .unwrap_or(0)
}

fn day_of(ms: i64) -> StoreResult<Date> {
    clientele_core::time::from_millis(ms)
        .map(|at| at.to_zoned(jiff::tz::TimeZone::UTC).date())
        .ok_or_else(|| StoreError::Corrupt(format!("task due day {ms}")))
}

impl Child for Tasks {
    type Input = Task;
    type Record = Task;
    type Filter = TaskFilter;
    const ENTITY: &'static str = "task";
    const TABLE: &'static str = "tasks";
    const KEY: &'static str = "task_key";
    const COLUMNS: &'static str = "task_id, customer_key, title, description, assignee_key, due_on, due_time, priority, status, outcome, notes, created_by, playbook_id, created_at, done_at, done_by, updated_at";
    const SELECT: &'static str = "select x.task_key, x.task_id, c.customer_id, x.title, x.description, a.email as assignee_email, x.due_on, x.due_time, x.priority, x.status, x.outcome, x.notes, x.created_by, x.playbook_id, x.transition_key as transition_id, x.created_at, x.done_at, x.done_by, x.updated_at";
    const JOINS: &'static str = " left join employees a on a.employee_key = x.assignee_key";
    const SORTS: &'static [SortColumn] = &[
        SortColumn::int("due_on", "x.due_on"),
        SortColumn::int("created_at", "x.created_at"),
        SortColumn::text("task_id", "x.task_id"),
    ];
    const EMPLOYEE_FIELD: &'static str = "assignee_email";
    const EMPLOYEE_SEES_CUSTOMER: bool = true;

    fn customer_id(task: &Task) -> &str {
        &task.customer_id
    }

    fn employee_email(task: &Task) -> Option<&str> {
        task.assignee_email.as_deref()
    }

    fn values(t: &Task, customer_key: i64, assignee: Option<i64>) -> Vec<Value> {
        vec![
            t.task_id.clone().into(),
            customer_key.into(),
            t.title.clone().into(),
            t.description.clone().into(),
            assignee.into(),
            day_ms(t.due_on).into(),
            t.due_time
                .map(|time| time.strftime("%H:%M").to_string())
                .into(),
            t.priority.as_str().into(),
            t.status.as_str().into(),
            t.outcome.clone().into(),
            t.notes.clone().into(),
            t.created_by.clone().into(),
            t.playbook_id.clone().into(),
            ms(t.created_at).into(),
            t.done_at.map(ms).into(),
            t.done_by.clone().into(),
            ms(t.updated_at).into(),
        ]
    }

    fn duplicate(task: &Task) -> (&'static str, String) {
        (BY_ID, task.task_id.clone())
    }

    fn from_row(row: &AnyRow, _currency: Currency) -> StoreResult<Task> {
        let due_time = match row.opt_text("due_time")? {
            Some(text) => Some(
                text.parse::<Time>()
                    .map_err(|e| StoreError::Corrupt(format!("task due time {text}: {e}")))?,
            ),
            None => None,
        };
        Ok(Task {
            task_id: row.text("task_id")?,
            customer_id: row.text("customer_id")?,
            title: row.text("title")?,
            description: row.opt_text("description")?,
            assignee_email: row.opt_text("assignee_email")?,
            due_on: day_of(row.int("due_on")?)?,
            due_time,
            priority: row.choice("priority", TaskPriority::parse)?,
            status: row.choice("status", TaskStatus::parse)?,
            outcome: row.opt_text("outcome")?,
            notes: row.opt_text("notes")?,
            created_by: row.text("created_by")?,
            playbook_id: row.opt_text("playbook_id")?,
            transition_id: row.opt_int("transition_id")?,
            created_at: row.instant("created_at")?,
            done_at: row.opt_instant("done_at")?,
            done_by: row.opt_text("done_by")?,
            updated_at: row.instant("updated_at")?,
        })
    }

    fn narrow(filter: &TaskFilter, list: &mut Listing) {
        if let Some(email) = filter
            .assignee_email
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty())
        {
            list.sql.push(" and a.email = ").bind(email.to_lowercase());
        }
        list.choice::<TaskStatus>("x.status", "status", filter.status.as_deref());
        list.equals("x.playbook_id", filter.playbook_id.as_deref());
        if let Some(before) = filter.overdue_before {
            list.sql
                .push(" and x.status = 'open' and x.due_on < ")
                .bind(before);
        }
    }
}

child_methods!(Tasks, by BY_ID, &str, Task => Task, TaskFilter;
    create_task, get_task, update_task, delete_task, list_tasks);

/// Whether the employee may see the customer, as their scope would decide: an admin sees
/// every customer, a manager those of their team's members, an agent their own (an analyst
/// reads no customer). A departed employee sees none.
pub(crate) async fn employee_sees_customer(
    tx: &mut Transaction<'_, Any>,
    employee_key: i64,
    customer_key: i64,
) -> StoreResult<bool> {
    let seen: Option<i64> = sqlx::query_scalar(
        "select 1 from customers c
           join employees a on a.employee_key = $1
           left join employees o on o.employee_key = c.owner_key
          where c.customer_key = $2 and a.left_at is null
            and (a.role = 'admin'
                 or (a.role = 'manager' and o.team is not null and o.team = a.team)
                 or (a.role = 'agent' and c.owner_key = a.employee_key))",
    )
    .bind(employee_key)
    .bind(customer_key)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(seen.is_some())
}

/// Moves the open tasks `from` has on the customers handed over to `to`, in the handover's
/// transaction.
pub(crate) async fn hand_over_open_tasks(
    tx: &mut Transaction<'_, Any>,
    from: i64,
    to: i64,
    customer_keys: &[i64],
    now: i64,
) -> StoreResult<()> {
    for batch in customer_keys.chunks(5_000) {
        let mut sql = crate::sql::Sql::new("update tasks set assignee_key = ");
        sql.bind(to)
            .push(", updated_at = ")
            .bind(now)
            .push(" where status = 'open' and assignee_key = ")
            .bind(from)
            .push(" and customer_key in (")
            .bind_list(batch.iter().copied())
            .push(")");
        sql.query(crate::sql::BackendOf::backend(&**tx))
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Leaves a departing employee no open task: each goes to its customer's owner if that is
/// someone still here (after a handover, the new owner), else it waits unassigned for a
/// manager to give it.
pub(crate) async fn release_open_tasks(
    tx: &mut Transaction<'_, Any>,
    employee_key: i64,
    now: i64,
) -> StoreResult<()> {
    sqlx::query(
        "update tasks set updated_at = $2, assignee_key = (
             select c.owner_key from customers c join employees o on o.employee_key = c.owner_key
              where c.customer_key = tasks.customer_key and o.left_at is null and o.employee_key <> $1)
          where assignee_key = $1 and status = 'open'",
    )
    .bind(employee_key)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A task as "My day" shows it: with its customer's name and how to reach them.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskLine {
    pub task: Task,
    pub customer_name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// The customer's stored stage and tier, once classified, and flags.
    pub stage: Option<String>,
    pub tier: Option<String>,
    pub flags: Vec<String>,
    /// The transition a playbook made it for: axis, from and to (to say why in the
    /// reader's language).
    pub transition: Option<(String, Option<String>, Option<String>)>,
}

impl crate::Store {
    /// The open tasks due before `until` (a day as stored) on the customers `scope` sees:
    /// one employee's (`assignee`) or everyone's, by due day and time, at most `limit`.
    pub async fn open_task_lines(
        &self,
        scope: &crate::AccessScope,
        assignee: Option<i64>,
        until: i64,
        limit: i64,
    ) -> StoreResult<Vec<TaskLine>> {
        let mut sql = crate::sql::Sql::new(&format!(
            "{}, x.customer_key as customer_key, c.name as customer_name, c.phone as customer_phone, c.email as customer_email, t.stage as customer_stage, t.tier as customer_tier, tt.axis as transition_axis, tt.from_value as transition_from, tt.to_value as transition_to{} left join customer_types t on t.customer_key = x.customer_key left join type_transitions tt on tt.transition_key = x.transition_key where x.status = 'open' and x.due_on < ",
            Tasks::SELECT,
            super::from::<Tasks>()
        ));
        sql.bind(until);
        scope.restrict(&mut sql, "c");
        if let Some(key) = assignee {
            sql.push(" and x.assignee_key = ").bind(key);
        }
        sql.push(" order by x.due_on, x.due_time, x.task_key limit ")
            .bind(limit);
        let rows = sql.query(self.backend()).fetch_all(self.pool()).await?;
        let mut keys = Vec::with_capacity(rows.len());
        let mut lines = Vec::with_capacity(rows.len());
        for row in &rows {
            keys.push(row.int("customer_key")?);
            lines.push(TaskLine {
                task: Tasks::from_row(row, Currency::USD)?,
                customer_name: row.opt_text("customer_name")?,
                phone: row.opt_text("customer_phone")?,
                email: row.opt_text("customer_email")?,
                stage: row.opt_text("customer_stage")?,
                tier: row.opt_text("customer_tier")?,
                flags: Vec::new(),
                transition: match row.opt_text("transition_axis")? {
                    Some(axis) => Some((
                        axis,
                        row.opt_text("transition_from")?,
                        row.opt_text("transition_to")?,
                    )),
                    None => None,
                },
            });
        }
        // The flags of those customers (already within the scope), by their keys.
        let mut flags: std::collections::HashMap<i64, Vec<String>> =
            std::collections::HashMap::new();
        let mut distinct = keys.clone();
        distinct.sort_unstable();
        distinct.dedup();
        for batch in distinct.chunks(1_000) {
            let mut sql = crate::sql::Sql::new(
                "select customer_key, flag from customer_flags where customer_key in (",
            );
            sql.bind_list(batch.iter().copied()).push(") order by flag");
            for row in sql.query(self.backend()).fetch_all(self.pool()).await? {
                flags
                    .entry(row.int("customer_key")?)
                    .or_default()
                    .push(row.text("flag")?);
            }
        }
        for (line, key) in lines.iter_mut().zip(&keys) {
            line.flags = flags.get(key).cloned().unwrap_or_default();
        }
        Ok(lines)
    }
}
