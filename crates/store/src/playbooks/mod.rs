//! Playbooks: the stored playbooks, what they made, and their run. A run reads the
//! transitions recorded after each active playbook was installed that it has not yet seen,
//! and for each one claims it in `playbook_runs` (its primary key is playbook × transition,
//! so a transition is acted on once, whichever process or pass gets there first) before
//! deciding (core: `Playbook::decide`) and giving the task. A system path: it sees every
//! customer.

use std::collections::{HashMap, HashSet};

use clientele_core::model::{AssigneeRule, CustomerNow, Playbook, Reentry, SeenTransition};
use clientele_core::time::Weekend;
use clientele_core::{Axis, TaskPriority};
use jiff::Timestamp;
use serde::Serialize;
use sqlx::any::AnyRow;
use utoipa::ToSchema;

use crate::Store;
use crate::error::{StoreError, StoreResult};
use crate::sql::{BackendOf, RowExt, Sql};

mod backfill;
mod weekend;

pub use backfill::{Backfill, BackfillLine};

/// A playbook with what it made.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct PlaybookRecord {
    #[serde(flatten)]
    pub playbook: Playbook,
    /// Tasks it gave, in all.
    pub tasks: u64,
    /// Of those, done.
    pub done: u64,
    /// Of those, still open.
    pub open: u64,
    /// The done tasks per outcome, most first.
    pub outcomes: Vec<OutcomeCount>,
}

#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct OutcomeCount {
    pub outcome: String,
    pub tasks: u64,
}

/// What a run of the playbooks did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct PlaybookRun {
    /// Transitions looked at (each once per playbook, ever).
    pub transitions: u64,
    pub tasks_created: u64,
    pub skipped: u64,
}

const SELECT: &str = "select p.playbook_key, p.playbook_id, p.name, p.axis, p.from_value, p.to_value, p.only_tier, p.only_kind, p.title, p.description, p.due_in_business_days, p.priority, p.assignee_rule, a.email as assignee_email, p.reentry, p.reentry_days, cast(case when p.active then 1 else 0 end as bigint) as active, p.starts_after_key from playbooks p left join employees a on a.employee_key = p.assignee_key";

fn playbook_from(row: &AnyRow) -> StoreResult<(i64, i64, Playbook)> {
    let count = |column: &str| -> StoreResult<Option<u32>> {
        row.opt_int(column)?
            .map(|n| u32::try_from(n).map_err(|_| StoreError::Corrupt(format!("{column} {n}"))))
            .transpose()
    };
    Ok((
        row.int("playbook_key")?,
        row.int("starts_after_key")?,
        Playbook {
            playbook_id: row.text("playbook_id")?,
            name: row.text("name")?,
            axis: row.choice("axis", Axis::parse)?,
            from_value: row.opt_text("from_value")?,
            to_value: row.opt_text("to_value")?,
            only_tier: row.opt_text("only_tier")?,
            only_kind: row.opt_text("only_kind")?,
            title: row.text("title")?,
            description: row.opt_text("description")?,
            due_in_business_days: count("due_in_business_days")?.unwrap_or(0),
            priority: row.choice("priority", TaskPriority::parse)?,
            assignee_rule: row.choice("assignee_rule", AssigneeRule::parse)?,
            assignee_email: row.opt_text("assignee_email")?,
            reentry: row.choice("reentry", Reentry::parse)?,
            reentry_days: count("reentry_days")?,
            active: row.int("active")? != 0,
        },
    ))
}

/// Binds a playbook's fields as `$1`–`$14` of an insert or an update, in the order both
/// name them: name, axis, from, to, audience, title, description, due days, priority,
/// assignee rule and key, re-entry rule and days.
fn bind_fields<'q>(
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    p: &Playbook,
    assignee: Option<i64>,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    query
        .bind(p.name.clone())
        .bind(p.axis.as_str())
        .bind(p.from_value.clone())
        .bind(p.to_value.clone())
        .bind(p.only_tier.clone())
        .bind(p.only_kind.clone())
        .bind(p.title.clone())
        .bind(p.description.clone())
        .bind(i64::from(p.due_in_business_days))
        .bind(p.priority.as_str())
        .bind(p.assignee_rule.as_str())
        .bind(assignee)
        .bind(p.reentry.as_str())
        .bind(p.reentry_days.map(i64::from))
}

/// The employee the `employee` rule names, by e-mail, among those still here.
async fn assignee_key(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    p: &Playbook,
) -> StoreResult<Option<i64>> {
    let Some(email) = &p.assignee_email else {
        return Ok(None);
    };
    let key: Option<i64> = sqlx::query_scalar(
        "select employee_key from employees where email = $1 and left_at is null",
    )
    .bind(email.to_lowercase())
    .fetch_optional(&mut **tx)
    .await?;
    key.map(Some).ok_or_else(|| {
        StoreError::invalid(
            "assignee_email",
            clientele_core::Message::new("no-employee").text("email", email.as_str()),
        )
    })
}

/// One transition a playbook has not seen, with the customer as they are now.
struct Pending {
    transition_key: i64,
    customer_key: i64,
    at: i64,
    from: Option<String>,
    to: Option<String>,
    customer_id: String,
    name: Option<String>,
    kind: Option<String>,
    stage: Option<String>,
    tier: Option<String>,
    /// Who the task would go to by the playbook's rule.
    assignee: Option<i64>,
}

/// What acting on a batch did (or, in a dry run, would do).
#[derive(Default)]
struct Acted {
    made: u64,
    skipped: u64,
    /// Each task's (in a dry run, each it would make) customer id, name and assignee key.
    would: Vec<(String, Option<String>, Option<i64>)>,
}

/// How many transitions a run reads and claims at a time.
const BATCH: i64 = 2_000;

impl Store {
    async fn playbooks_where(
        &self,
        condition: &str,
        id: Option<&str>,
    ) -> StoreResult<Vec<(i64, i64, Playbook)>> {
        let mut sql = Sql::new(&format!("{SELECT} where {condition}"));
        if let Some(id) = id {
            sql.push(" and p.playbook_id = ").bind(id);
        }
        sql.push(" order by p.playbook_key");
        sql.query(self.backend())
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(playbook_from)
            .collect()
    }

    /// Every playbook with what it made. A system path: the figures are of every customer.
    pub async fn list_playbooks(&self) -> StoreResult<Vec<PlaybookRecord>> {
        let playbooks = self.playbooks_where("1 = 1", None).await?;
        let mut records = Vec::with_capacity(playbooks.len());
        for (_, _, playbook) in playbooks {
            records.push(self.with_figures(playbook).await?);
        }
        Ok(records)
    }

    pub async fn get_playbook(&self, playbook_id: &str) -> StoreResult<PlaybookRecord> {
        let (_, _, playbook) = self
            .playbooks_where("1 = 1", Some(playbook_id))
            .await?
            .pop()
            .ok_or_else(|| StoreError::not_found("playbook", playbook_id))?;
        self.with_figures(playbook).await
    }

    async fn with_figures(&self, playbook: Playbook) -> StoreResult<PlaybookRecord> {
        let rows = sqlx::query(
            "select status, coalesce(outcome, ''), count(*) from tasks where playbook_id = $1 group by status, outcome",
        )
        .bind(playbook.playbook_id.clone())
        .fetch_all(self.pool())
        .await?;
        let (mut tasks, mut done, mut open) = (0u64, 0u64, 0u64);
        let mut outcomes: HashMap<String, u64> = HashMap::new();
        for row in rows {
            use sqlx::Row;
            let status: String = row.try_get(0)?;
            let outcome: String = row.try_get(1)?;
            let n = u64::try_from(row.try_get::<i64, _>(2)?).unwrap_or(0);
            tasks += n;
            match status.as_str() {
                "done" => {
                    done += n;
                    if !outcome.is_empty() {
                        *outcomes.entry(outcome).or_default() += n;
                    }
                }
                "open" => open += n,
                _ => {}
            }
        }
        let mut outcomes: Vec<OutcomeCount> = outcomes
            .into_iter()
            .map(|(outcome, tasks)| OutcomeCount { outcome, tasks })
            .collect();
        outcomes.sort_by(|a, b| {
            b.tasks
                .cmp(&a.tasks)
                .then_with(|| a.outcome.cmp(&b.outcome))
        });
        Ok(PlaybookRecord {
            playbook,
            tasks,
            done,
            open,
            outcomes,
        })
    }

    /// Changes what a playbook does (checked by the caller with `Playbook::check`); its
    /// id and whether it is on stay (see [`Store::set_playbook_active`]).
    pub async fn update_playbook(
        &self,
        playbook_id: &str,
        p: &Playbook,
        now: i64,
    ) -> StoreResult<PlaybookRecord> {
        let mut tx = self.begin_write().await?;
        let assignee = assignee_key(&mut tx, p).await?;
        let done = sqlx::query(
            "update playbooks set name = $1, axis = $2, from_value = $3, to_value = $4, only_tier = $5, only_kind = $6,
                 title = $7, description = $8, due_in_business_days = $9, priority = $10, assignee_rule = $11,
                 assignee_key = $12, reentry = $13, reentry_days = $14, updated_at = $15
             where playbook_id = $16",
        );
        let done = bind_fields(done, p, assignee)
            .bind(now)
            .bind(playbook_id.to_owned())
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::not_found("playbook", playbook_id));
        }
        tx.commit().await?;
        self.get_playbook(playbook_id).await
    }

    /// Adds a playbook (checked by the caller with `Playbook::check`). It acts on the
    /// transitions recorded from now on, like one turned on; an id already taken is a
    /// conflict.
    pub async fn create_playbook(&self, p: &Playbook, now: i64) -> StoreResult<PlaybookRecord> {
        let mut tx = self.begin_write().await?;
        let taken: Option<i64> =
            sqlx::query_scalar("select playbook_key from playbooks where playbook_id = $1")
                .bind(p.playbook_id.clone())
                .fetch_optional(&mut *tx)
                .await?;
        if taken.is_some() {
            return Err(StoreError::Conflict(format!(
                "a playbook `{}` exists already",
                p.playbook_id
            )));
        }
        let assignee = assignee_key(&mut tx, p).await?;
        // `active` is written as a literal: its column is a boolean on PostgreSQL and an
        // integer on SQLite, which both read `true` and `false`.
        let sql = if p.active {
            "insert into playbooks (name, axis, from_value, to_value, only_tier, only_kind,
                 title, description, due_in_business_days, priority, assignee_rule, assignee_key,
                 reentry, reentry_days, playbook_id, active, starts_after_key, created_at, updated_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, true,
                 (select coalesce(max(transition_key), 0) from type_transitions), $16, $16)"
        } else {
            "insert into playbooks (name, axis, from_value, to_value, only_tier, only_kind,
                 title, description, due_in_business_days, priority, assignee_rule, assignee_key,
                 reentry, reentry_days, playbook_id, active, starts_after_key, created_at, updated_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, false,
                 (select coalesce(max(transition_key), 0) from type_transitions), $16, $16)"
        };
        bind_fields(sqlx::query(sql), p, assignee)
            .bind(p.playbook_id.clone())
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        self.get_playbook(&p.playbook_id).await
    }

    /// Removes a playbook that never made a task; one that did is kept for its figures and
    /// its tasks' origin (turn it off instead: a conflict says so).
    pub async fn delete_playbook(&self, playbook_id: &str) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        let made: i64 = sqlx::query_scalar("select count(*) from tasks where playbook_id = $1")
            .bind(playbook_id.to_owned())
            .fetch_one(&mut *tx)
            .await?;
        if made > 0 {
            return Err(StoreError::Conflict(format!(
                "playbook `{playbook_id}` made {made} tasks: turn it off instead, so its figures and its tasks' origin stay"
            )));
        }
        let done = sqlx::query("delete from playbooks where playbook_id = $1")
            .bind(playbook_id.to_owned())
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::not_found("playbook", playbook_id));
        }
        tx.commit().await?;
        Ok(())
    }

    /// Turns a playbook on or off. Turned on, it acts on the transitions recorded from now
    /// on, not on the whole base's history (a back-fill is asked for separately).
    pub async fn set_playbook_active(
        &self,
        playbook_id: &str,
        active: bool,
        now: i64,
    ) -> StoreResult<PlaybookRecord> {
        let mut tx = self.begin_write().await?;
        let was: Option<i64> = sqlx::query_scalar(
            "select case when active then 1 else 0 end from playbooks where playbook_id = $1",
        )
        .bind(playbook_id.to_owned())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(was) = was else {
            return Err(StoreError::not_found("playbook", playbook_id));
        };
        if (was != 0) != active {
            let sql = if active {
                "update playbooks set active = true, updated_at = $1, starts_after_key = (select coalesce(max(transition_key), 0) from type_transitions) where playbook_id = $2"
            } else {
                "update playbooks set active = false, updated_at = $1 where playbook_id = $2"
            };
            sqlx::query(sql)
                .bind(now)
                .bind(playbook_id.to_owned())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        self.get_playbook(playbook_id).await
    }

    /// Runs every active playbook on the transitions it has not seen, giving the tasks
    /// their rules decide, due `due_in_business_days` after `now`'s day with `weekend`.
    pub async fn run_playbooks(
        &self,
        now: Timestamp,
        weekend: &Weekend,
    ) -> StoreResult<PlaybookRun> {
        let started = std::time::Instant::now();
        let mut run = PlaybookRun::default();
        let playbooks = self.playbooks_where("p.active", None).await?;
        // Only the transitions no run has looked at (a partial index holds them), a batch at
        // a time: a run after one edit costs that edit's transitions, not the history.
        loop {
            let unplayed: Vec<i64> = sqlx::query_scalar(
                "select transition_key from type_transitions where played = false order by transition_key limit $1",
            )
            .bind(BATCH)
            .fetch_all(self.pool())
            .await?;
            let (Some(&first), Some(&last)) = (unplayed.first(), unplayed.last()) else {
                break;
            };
            for (key, starts_after, playbook) in &playbooks {
                let mut after = (*starts_after).max(first - 1);
                loop {
                    let pending = self.pending(*key, playbook, after, Some(last)).await?;
                    let Some(seen) = pending.last() else { break };
                    after = seen.transition_key;
                    let acted = self
                        .act(*key, playbook, &pending, now, weekend, false)
                        .await?;
                    run.transitions += pending.len() as u64;
                    run.tasks_created += acted.made;
                    run.skipped += acted.skipped;
                    if (pending.len() as i64) < BATCH {
                        break;
                    }
                }
            }
            // Looked at by every active playbook: each one's claims say what it did.
            let mut tx = self.begin_write().await?;
            for batch in unplayed.chunks(1_000) {
                let mut sql =
                    Sql::new("update type_transitions set played = true where transition_key in (");
                sql.bind_list(batch.iter().copied()).push(")");
                sql.query(tx.backend()).execute(&mut *tx).await?;
            }
            tx.commit().await?;
            if (unplayed.len() as i64) < BATCH {
                break;
            }
        }
        tracing::debug!(
            transitions = run.transitions,
            tasks = run.tasks_created,
            skipped = run.skipped,
            seconds = started.elapsed().as_secs_f64(),
            "playbooks ran"
        );
        Ok(run)
    }

    /// The next transitions `playbook` has not seen, oldest first.
    async fn pending(
        &self,
        key: i64,
        playbook: &Playbook,
        after: i64,
        up_to: Option<i64>,
    ) -> StoreResult<Vec<Pending>> {
        let mut sql = Sql::new(
            "select x.transition_key, x.customer_key, x.at, x.from_value, x.to_value, c.customer_id, c.name, c.kind, t.stage, t.tier, ",
        );
        // Who the rule gives the task to, if they are still here.
        match playbook.assignee_rule {
            AssigneeRule::Owner => sql.push(
                "(select o.employee_key from employees o where o.employee_key = c.owner_key and o.left_at is null)",
            ),
            AssigneeRule::OwnerManager => sql.push(
                "(select min(m.employee_key) from employees m join employees o on o.team = m.team where o.employee_key = c.owner_key and m.role = 'manager' and m.left_at is null)",
            ),
            AssigneeRule::Employee => sql
                .push("(select p.assignee_key from playbooks p join employees e on e.employee_key = p.assignee_key where p.playbook_key = ")
                .bind(key)
                .push(" and e.left_at is null)"),
        };
        sql.push(
            " as assignee
               from type_transitions x
               join customers c on c.customer_key = x.customer_key
               left join customer_types t on t.customer_key = x.customer_key
              where x.transition_key > ",
        );
        sql.bind(after);
        if let Some(up_to) = up_to {
            sql.push(" and x.transition_key <= ").bind(up_to);
        }
        sql.push(" and x.axis = ").bind(playbook.axis.as_str());
        if let Some(to) = &playbook.to_value {
            sql.push(" and x.to_value = ").bind(to.as_str());
        }
        if let Some(from) = &playbook.from_value {
            sql.push(" and x.from_value = ").bind(from.as_str());
        }
        sql.push(" and not exists (select 1 from playbook_runs r where r.playbook_key = ")
            .bind(key)
            .push(" and r.transition_key = x.transition_key) order by x.transition_key limit ")
            .bind(BATCH);
        let rows = sql.query(self.backend()).fetch_all(self.pool()).await?;
        rows.iter()
            .map(|r| {
                Ok(Pending {
                    transition_key: r.int("transition_key")?,
                    customer_key: r.int("customer_key")?,
                    at: r.int("at")?,
                    from: r.opt_text("from_value")?,
                    to: r.opt_text("to_value")?,
                    customer_id: r.text("customer_id")?,
                    name: r.opt_text("name")?,
                    kind: r.opt_text("kind")?,
                    stage: r.opt_text("stage")?,
                    tier: r.opt_text("tier")?,
                    assignee: r.opt_int("assignee")?,
                })
            })
            .collect()
    }

    /// Claims and acts on a batch of one playbook's transitions, in one transaction:
    /// (tasks made, transitions skipped).
    async fn act(
        &self,
        key: i64,
        playbook: &Playbook,
        pending: &[Pending],
        now: Timestamp,
        weekend: &Weekend,
        dry_run: bool,
    ) -> StoreResult<Acted> {
        let customers: Vec<i64> = pending
            .iter()
            .map(|p| p.customer_key)
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        let mut tx = self.begin_write().await?;
        let backend = tx.backend();
        let mut flags: HashMap<i64, Vec<String>> = HashMap::new();
        let mut open: HashSet<i64> = HashSet::new();
        let mut last: HashMap<i64, i64> = HashMap::new();
        for batch in customers.chunks(1_000) {
            let mut sql =
                Sql::new("select customer_key, flag from customer_flags where customer_key in (");
            sql.bind_list(batch.iter().copied()).push(")");
            for row in sql.query(backend).fetch_all(&mut *tx).await? {
                flags
                    .entry(row.int("customer_key")?)
                    .or_default()
                    .push(row.text("flag")?);
            }
            let mut sql = Sql::new(
                "select distinct customer_key from tasks where status = 'open' and playbook_id = ",
            );
            sql.bind(playbook.playbook_id.as_str())
                .push(" and customer_key in (")
                .bind_list(batch.iter().copied())
                .push(")");
            for row in sql.query(backend).fetch_all(&mut *tx).await? {
                open.insert(row.int("customer_key")?);
            }
            let mut sql = Sql::new(
                "select customer_key, max(at) as at from playbook_runs where task_key is not null and playbook_key = ",
            );
            sql.bind(key)
                .push(" and customer_key in (")
                .bind_list(batch.iter().copied())
                .push(") group by customer_key");
            for row in sql.query(backend).fetch_all(&mut *tx).await? {
                last.insert(row.int("customer_key")?, row.int("at")?);
            }
        }
        let today = now.to_zoned(jiff::tz::TimeZone::UTC).date();
        let due = crate::activity::day_ms(
            weekend.add_business_days(today, playbook.due_in_business_days),
        );
        let now_ms = crate::sql::ms(now);
        let created_by = format!("playbook: {}", playbook.playbook_id);
        let mut acted = Acted::default();
        for p in pending {
            let seen = SeenTransition {
                axis: playbook.axis,
                from: p.from.as_deref(),
                to: p.to.as_deref(),
            };
            let customer_flags = flags.get(&p.customer_key);
            let now_is = CustomerNow {
                stage: p.stage.as_deref(),
                tier: p.tier.as_deref(),
                flags: customer_flags
                    .map(|f| f.iter().map(String::as_str).collect())
                    .unwrap_or_default(),
                kind: p.kind.as_deref(),
                name: p.name.as_deref(),
                customer_id: &p.customer_id,
            };
            let at = clientele_core::time::from_millis(p.at).unwrap_or(now);
            let last_task = last
                .get(&p.customer_key)
                .and_then(|ms| clientele_core::time::from_millis(*ms));
            let decided = playbook.decide(
                &seen,
                &now_is,
                open.contains(&p.customer_key),
                last_task,
                at,
            );
            if dry_run {
                match decided {
                    Ok(()) => {
                        acted.made += 1;
                        open.insert(p.customer_key);
                        last.insert(p.customer_key, p.at);
                        acted
                            .would
                            .push((p.customer_id.clone(), p.name.clone(), p.assignee));
                    }
                    Err(_) => acted.skipped += 1,
                }
                continue;
            }
            // The claim: a transition is acted on once, whoever gets here first.
            let claimed = sqlx::query(
                "insert into playbook_runs (playbook_key, transition_key, customer_key, at) values ($1, $2, $3, $4) on conflict do nothing",
            )
            .bind(key)
            .bind(p.transition_key)
            .bind(p.customer_key)
            .bind(p.at)
            .execute(&mut *tx)
            .await?;
            if claimed.rows_affected() == 0 {
                continue;
            }
            if let Err(why) = decided {
                sqlx::query("update playbook_runs set skipped = $1 where playbook_key = $2 and transition_key = $3")
                    .bind(why.as_str())
                    .bind(key)
                    .bind(p.transition_key)
                    .execute(&mut *tx)
                    .await?;
                acted.skipped += 1;
                continue;
            }
            let title = Playbook::fill(&playbook.title, &seen, &now_is);
            let description = playbook
                .description
                .as_deref()
                .map(|d| Playbook::fill(d, &seen, &now_is));
            let task_id = format!("TSK-{}", &uuid::Uuid::new_v4().simple().to_string()[..12]);
            let mut insert = Sql::new(
                "insert into tasks (task_id, customer_key, title, description, assignee_key, due_on, priority, status, created_by, playbook_id, transition_key, created_at, updated_at) values (",
            );
            insert
                .bind_list::<crate::sql::Value>(vec![
                    task_id.into(),
                    p.customer_key.into(),
                    title.into(),
                    description.into(),
                    p.assignee.into(),
                    due.into(),
                    playbook.priority.as_str().into(),
                    "open".into(),
                    created_by.clone().into(),
                    playbook.playbook_id.clone().into(),
                    p.transition_key.into(),
                    now_ms.into(),
                    now_ms.into(),
                ])
                .push(") returning task_key");
            let task_key = insert
                .query(backend)
                .fetch_one(&mut *tx)
                .await?
                .int("task_key")?;
            sqlx::query("update playbook_runs set task_key = $1 where playbook_key = $2 and transition_key = $3")
                .bind(task_key)
                .bind(key)
                .bind(p.transition_key)
                .execute(&mut *tx)
                .await?;
            open.insert(p.customer_key);
            last.insert(p.customer_key, p.at);
            acted.made += 1;
            acted
                .would
                .push((p.customer_id.clone(), p.name.clone(), p.assignee));
        }
        if dry_run {
            tx.rollback().await?;
        } else {
            tx.commit().await?;
        }
        Ok(acted)
    }
}
