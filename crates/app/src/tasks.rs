//! Tasks: work about a customer for an employee. Anyone who may change what is recorded
//! about a customer may give a task on them; the assignee must be able to see the customer.
//! A task never changes the facts the types are computed from: nothing is re-evaluated.

use clientele_core::TaskStatus;
use clientele_core::model::{TASK_READ_ONLY, Task, TaskDraft, TaskOrigin};
use clientele_store::auth::Need;
use clientele_store::{ListRequest, Page, TaskFilter};

use crate::{Actor, App, AppResult};

/// What finishing a task records.
#[derive(Clone, Debug, Default)]
pub struct TaskDone {
    /// `reached`, `no_answer`, `won_back`, `refused`, `let_go`, or the business's own word.
    pub outcome: Option<String>,
    /// Added to the task's notes.
    pub notes: Option<String>,
}

/// Who an actor is in a task's `created_by` and `done_by`.
fn who(actor: Actor<'_>) -> String {
    match actor {
        Actor::Employee(caller) => caller.principal.email.clone(),
        Actor::System(path) => format!("system: {path}"),
    }
}

impl App {
    /// Gives a task on a customer. Without an assignee it goes to whoever gives it (an
    /// employee), or to the customer's owner (a system path such as the CLI).
    pub async fn create_task(&self, actor: Actor<'_>, mut draft: TaskDraft) -> AppResult<Task> {
        let scope = self
            .scope_of(actor, Need::WritePersonal, "create a task")
            .await?;
        if draft
            .task_id
            .as_deref()
            .is_none_or(|id| id.trim().is_empty())
        {
            draft.task_id = Some(App::new_id("TSK"));
        }
        if draft
            .assignee_email
            .as_deref()
            .is_none_or(|e| e.trim().is_empty())
        {
            draft.assignee_email = match actor {
                Actor::Employee(caller) => Some(caller.principal.email.clone()),
                Actor::System(_) => match draft.customer_id.as_deref() {
                    Some(id) => self
                        .store
                        .get_customer(&scope, id.trim())
                        .await
                        .ok()
                        .and_then(|c| c.owner_email),
                    None => None,
                },
            };
        }
        let ctx = self.context().await?;
        let origin = TaskOrigin {
            created_by: who(actor),
            playbook_id: None,
            transition_id: None,
            created_at: ctx.now,
            before: None,
            actor: who(actor),
        };
        let valid = draft.validate(&ctx, &origin)?;
        let task = self.store.create_task(&scope, &valid).await?;
        self.record(
            &self
                .entry_of(actor, "create")
                .on("task", &task.task_id)
                .with(serde_json::json!({ "customer": task.customer_id })),
        )
        .await;
        Ok(task)
    }

    pub async fn get_task(&self, actor: Actor<'_>, task_id: &str) -> AppResult<Task> {
        let scope = self
            .scope_of(actor, Need::ReadPersonal, "get a task")
            .await?;
        Ok(self.store.get_task(&scope, task_id).await?)
    }

    pub async fn list_tasks(
        &self,
        actor: Actor<'_>,
        filter: &TaskFilter,
        request: &ListRequest,
    ) -> AppResult<Page<Task>> {
        let scope = self
            .scope_of(actor, Need::ReadPersonal, "list tasks")
            .await?;
        Ok(self.store.list_tasks(&scope, filter, request).await?)
    }

    /// Changes a task with a merge patch. Becoming done or cancelled stamps who and when;
    /// reopening clears them.
    pub async fn update_task(
        &self,
        actor: Actor<'_>,
        task_id: &str,
        patch: serde_json::Value,
    ) -> AppResult<Task> {
        let scope = self
            .scope_of(actor, Need::WritePersonal, "update a task")
            .await?;
        let current = self.store.get_task(&scope, task_id).await?;
        let mut draft: TaskDraft = crate::patch::patched(&current, TASK_READ_ONLY, patch)?;
        // Its id is its address: it does not change.
        draft.task_id = Some(current.task_id.clone());
        let origin = TaskOrigin {
            created_by: current.created_by.clone(),
            playbook_id: current.playbook_id.clone(),
            transition_id: current.transition_id,
            created_at: current.created_at,
            before: Some((current.status, current.done_at, current.done_by.clone())),
            actor: who(actor),
        };
        let valid = draft.validate(&self.context().await?, &origin)?;
        let task = self.store.update_task(&scope, task_id, &valid).await?;
        self.record(
            &self
                .entry_of(actor, "update")
                .on("task", &task.task_id)
                .with(serde_json::json!({
                    "fields": crate::patch::changed_fields(&current, &task),
                })),
        )
        .await;
        Ok(task)
    }

    /// Marks a task done, with its outcome; notes given are added to the task's.
    pub async fn complete_task(
        &self,
        actor: Actor<'_>,
        task_id: &str,
        done: TaskDone,
    ) -> AppResult<Task> {
        let mut patch = serde_json::json!({ "status": TaskStatus::Done.as_str() });
        if let Some(outcome) = done.outcome.filter(|o| !o.trim().is_empty()) {
            patch["outcome"] = outcome.into();
        }
        if let Some(notes) = done.notes.filter(|n| !n.trim().is_empty()) {
            let scope = self
                .scope_of(actor, Need::ReadPersonal, "get a task")
                .await?;
            let current = self.store.get_task(&scope, task_id).await?;
            patch["notes"] = match current.notes {
                Some(before) => format!("{before}\n{notes}"),
                None => notes,
            }
            .into();
        }
        self.update_task(actor, task_id, patch).await
    }
}

impl App {
    /// "My day": the caller's open tasks due within the next week (overdue ones included),
    /// or, for a manager or an admin who asks (`team`), everyone's on the customers they
    /// see; by due day and time, at most 500.
    pub async fn my_day(
        &self,
        caller: &crate::Caller,
        team: bool,
        until: jiff::civil::Date,
    ) -> AppResult<Vec<clientele_store::TaskLine>> {
        let scope = self
            .authorise(caller, Need::ReadPersonal, "read their tasks")
            .await?;
        let everyone = team && caller.principal.authorise(Need::ManageTeam).is_ok();
        let until = until
            .to_zoned(jiff::tz::TimeZone::UTC)
            .map(|z| z.timestamp().as_millisecond())
            .unwrap_or(i64::MAX);
        Ok(self
            .store
            .open_task_lines(
                &scope,
                (!everyone).then_some(caller.principal.employee_key),
                until,
                500,
            )
            .await?)
    }
}
