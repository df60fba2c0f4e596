//! A back-fill: a playbook acting on the transitions recorded before it was turned on,
//! after a dry run that says what it would make.

use std::collections::{HashMap, HashSet};

use clientele_core::time::Weekend;
use jiff::Timestamp;
use serde::Serialize;
use utoipa::ToSchema;

use super::BATCH;
use crate::Store;
use crate::error::{StoreError, StoreResult};
use crate::sql::{RowExt, Sql};

/// What a back-fill made, or in a dry run would make.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Backfill {
    pub dry_run: bool,
    /// Tasks made (or that would be).
    pub tasks: u64,
    /// Past transitions that make none: the customer is no longer so, has an open task of
    /// this playbook, or the re-entry rule says no.
    pub skipped: u64,
    /// The first hundred customers given a task, and to whom.
    pub customers: Vec<BackfillLine>,
}

#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct BackfillLine {
    pub customer_id: String,
    pub name: Option<String>,
    pub assignee_email: Option<String>,
}

impl Store {
    /// Acts on the transitions recorded before a playbook was turned on, which it has not
    /// seen (a new playbook on an old base): with `dry_run`, only says how many tasks it
    /// would make and for whom, exactly as the real one then makes them.
    pub async fn backfill_playbook(
        &self,
        playbook_id: &str,
        now: Timestamp,
        weekend: &Weekend,
        dry_run: bool,
    ) -> StoreResult<Backfill> {
        let (key, starts_after, playbook) = self
            .playbooks_where("1 = 1", Some(playbook_id))
            .await?
            .pop()
            .ok_or_else(|| StoreError::not_found("playbook", playbook_id))?;
        // Every past transition first, then one decision over them all, so that a dry run
        // sees what it would have made for a customer earlier in the list.
        let mut pending = Vec::new();
        let mut after = 0;
        loop {
            let page = self
                .pending(key, &playbook, after, Some(starts_after))
                .await?;
            let Some(last) = page.last() else { break };
            after = last.transition_key;
            let full = page.len() as i64 == BATCH;
            pending.extend(page);
            if !full {
                break;
            }
        }
        let all = self
            .act(key, &playbook, &pending, now, weekend, dry_run)
            .await?;
        let keys: Vec<i64> = all
            .would
            .iter()
            .filter_map(|w| w.2)
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        let mut emails: HashMap<i64, String> = HashMap::new();
        for batch in keys.chunks(1_000) {
            let mut sql =
                Sql::new("select employee_key, email from employees where employee_key in (");
            sql.bind_list(batch.iter().copied()).push(")");
            for row in sql.query(self.backend()).fetch_all(self.pool()).await? {
                emails.insert(row.int("employee_key")?, row.text("email")?);
            }
        }
        Ok(Backfill {
            dry_run,
            tasks: all.made,
            skipped: all.skipped,
            customers: all
                .would
                .into_iter()
                .take(100)
                .map(|(customer_id, name, assignee)| BackfillLine {
                    customer_id,
                    name,
                    assignee_email: assignee.and_then(|k| emails.get(&k).cloned()),
                })
                .collect(),
        })
    }
}
