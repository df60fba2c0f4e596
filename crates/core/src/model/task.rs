//! Tasks: work about one customer for one employee — a call to make, a complaint to settle —
//! made by a person or by a playbook when a customer's type changes. A task never changes
//! the facts the types are computed from, so finishing one cannot move a type.

use jiff::Timestamp;
use jiff::civil::{Date, Time};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{Context, choice, given};
use crate::enums::{TaskPriority, TaskStatus};
use crate::message::Message;
use crate::time::rfc3339;
use crate::validation::{self, FieldErrors, external_id, optional_long_text, required_text};

/// The outcomes every business has; a business may record its own words besides.
pub const KNOWN_OUTCOMES: &[&str] = &["reached", "no_answer", "won_back", "refused", "let_go"];

#[derive(Clone, Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskDraft {
    /// Generated when absent (`TSK-…`).
    pub task_id: Option<String>,
    pub customer_id: Option<String>,
    pub title: Option<String>,
    /// Why: the transition and its evidence, or a person's words.
    pub description: Option<String>,
    /// The employee who is to do it; default: the one who makes the task if they can own
    /// customers, else the customer's owner.
    pub assignee_email: Option<String>,
    /// The day it is due (YYYY-MM-DD).
    #[schema(value_type = String, format = Date)]
    pub due_on: Option<String>,
    /// The time of day it is due (HH:MM), if any.
    pub due_time: Option<String>,
    /// `low`, `normal` (default) or `high`.
    #[schema(value_type = Option<TaskPriority>)]
    pub priority: Option<String>,
    /// `open` (default), `done` or `cancelled`.
    #[schema(value_type = Option<TaskStatus>)]
    pub status: Option<String>,
    /// When done: `reached`, `no_answer`, `won_back`, `refused`, `let_go`, or the
    /// business's own word.
    pub outcome: Option<String>,
    pub notes: Option<String>,
}

/// A task as stored and shown.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Task {
    pub task_id: String,
    pub customer_id: String,
    pub title: String,
    pub description: Option<String>,
    pub assignee_email: Option<String>,
    #[schema(value_type = String, format = Date)]
    pub due_on: Date,
    /// HH:MM.
    #[serde(serialize_with = "hours_and_minutes")]
    #[schema(value_type = Option<String>)]
    pub due_time: Option<Time>,
    pub priority: TaskPriority,
    pub status: TaskStatus,
    pub outcome: Option<String>,
    pub notes: Option<String>,
    /// Who made it: an employee's e-mail, `playbook: NAME`, or a system path.
    pub created_by: String,
    /// The playbook that made it, if one did.
    pub playbook_id: Option<String>,
    /// The type transition it was made for, if a playbook made it.
    pub transition_id: Option<i64>,
    #[serde(with = "rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
    #[serde(with = "rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub done_at: Option<Timestamp>,
    /// Who finished or cancelled it.
    pub done_by: Option<String>,
    #[serde(with = "rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: Timestamp,
}

/// Fields a change may not name: who made it and when, and who finished it (the app sets
/// them from the caller and the clock).
pub const TASK_READ_ONLY: &[&str] = &[
    "task_id",
    "created_by",
    "playbook_id",
    "transition_id",
    "created_at",
    "done_at",
    "done_by",
    "updated_at",
];

/// Who a task is made by, and what it was before (for a change): the fields the caller may
/// not set.
#[derive(Clone, Debug)]
pub struct TaskOrigin {
    pub created_by: String,
    pub playbook_id: Option<String>,
    pub transition_id: Option<i64>,
    pub created_at: Timestamp,
    /// The task before this change, if it is one.
    pub before: Option<(TaskStatus, Option<Timestamp>, Option<String>)>,
    /// The actor making this change.
    pub actor: String,
}

impl TaskDraft {
    /// A valid task, or every field at fault. `origin` supplies what the caller may not
    /// set; a task becoming done or cancelled is stamped with the actor and the instant, and
    /// one reopened loses them.
    pub fn validate(self, ctx: &Context, origin: &TaskOrigin) -> Result<Task, FieldErrors> {
        let mut e = FieldErrors::new();
        let task_id = e.check("task_id", external_id(self.task_id));
        let customer_id = e.check("customer_id", external_id(self.customer_id));
        let title = e.check("title", required_text(self.title, 200));
        let description = e
            .check("description", optional_long_text(self.description, 4000))
            .flatten();
        let assignee_email = e
            .check("assignee_email", validation::email(self.assignee_email))
            .flatten()
            .map(|m| m.to_lowercase());
        let due_on = match given(self.due_on.as_deref()) {
            Some(text) => e.check("due_on", parse_day(text)),
            None => {
                e.add("due_on", Message::new("required"));
                None
            }
        };
        let due_time = match given(self.due_time.as_deref()) {
            Some(text) => e.check("due_time", parse_time_of_day(text)),
            None => None,
        };
        let priority = choice(
            &mut e,
            "priority",
            self.priority.as_deref(),
            TaskPriority::parse,
        )
        .unwrap_or(TaskPriority::Normal);
        let status = choice(&mut e, "status", self.status.as_deref(), TaskStatus::parse)
            .unwrap_or(TaskStatus::Open);
        let outcome = e
            .check("outcome", validation::optional_text(self.outcome, 60))
            .flatten()
            .map(|o| outcome_code(&o));
        if outcome.is_some() && status != TaskStatus::Done {
            e.add("outcome", Message::new("outcome-when-done"));
        }
        let notes = e
            .check("notes", optional_long_text(self.notes, 4000))
            .flatten();
        let (done_at, done_by) = match (status, &origin.before) {
            (TaskStatus::Open, _) => (None, None),
            // Already finished the same way: who and when stay.
            (status, Some((before, at, by))) if *before == status => (*at, by.clone()),
            _ => (Some(ctx.now), Some(origin.actor.clone())),
        };
        e.finish(|| Task {
            task_id: task_id.unwrap_or_default(),
            customer_id: customer_id.unwrap_or_default(),
            title: title.unwrap_or_default(),
            description,
            assignee_email,
            due_on: due_on.unwrap_or(Date::constant(1970, 1, 1)),
            due_time,
            priority,
            status,
            outcome,
            notes,
            created_by: origin.created_by.clone(),
            playbook_id: origin.playbook_id.clone(),
            transition_id: origin.transition_id,
            created_at: origin.created_at,
            done_at,
            done_by,
            updated_at: ctx.now,
        })
    }
}

/// An outcome as stored: one every business has by its code (`won back` is `won_back`),
/// else the business's own word as written.
pub fn outcome_code(outcome: &str) -> String {
    let code = outcome.to_lowercase().replace([' ', '-'], "_");
    if KNOWN_OUTCOMES.contains(&code.as_str()) {
        code
    } else {
        outcome.to_owned()
    }
}

/// A calendar day, `YYYY-MM-DD`.
pub fn parse_day(text: &str) -> Result<Date, Message> {
    text.trim()
        .parse::<Date>()
        .map_err(|_| Message::new("not-day").text("value", text))
}

/// A time of day, `HH:MM` (seconds allowed and dropped).
pub fn parse_time_of_day(text: &str) -> Result<Time, Message> {
    text.trim()
        .parse::<Time>()
        .map(|t| Time::constant(t.hour(), t.minute(), 0, 0))
        .map_err(|_| Message::new("not-time").text("value", text))
}

fn hours_and_minutes<S: serde::Serializer>(time: &Option<Time>, s: S) -> Result<S::Ok, S::Error> {
    match time {
        Some(time) => s.collect_str(&time.strftime("%H:%M")),
        None => s.serialize_none(),
    }
}
