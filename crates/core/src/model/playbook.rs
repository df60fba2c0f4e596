//! Playbooks: a type change that matters becomes a task for the right person. A playbook is
//! a trigger (a transition on an axis), an action (a task from a template, due in business
//! days, for the owner, the owner's manager or a named employee) and a re-entry rule. The
//! rules here decide; the store runs them exactly once per transition.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::Axis;
use crate::enums::text_enum;

text_enum! {
    /// Who a playbook's task goes to.
    AssigneeRule {
        Owner => "owner",
        OwnerManager => "owner_manager",
        Employee => "employee",
    }
}

text_enum! {
    /// How often a playbook acts on the same customer.
    Reentry {
        /// Once per customer, ever.
        Once => "once",
        /// Again only after `reentry_days` since its last task on them.
        EveryNDays => "every_n_days",
        /// On every matching transition.
        EveryTime => "every_time",
    }
}

/// A playbook as stored and shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Playbook {
    #[serde(default)]
    pub playbook_id: String,
    pub name: String,
    /// The axis of the transitions it acts on.
    pub axis: Axis,
    /// The value moved from; none: any.
    pub from_value: Option<String>,
    /// The value moved to (a stage, tier or flag set); none: any (a flag cleared has none).
    pub to_value: Option<String>,
    /// Only customers of this tier (`A`, `B`, `C`), if given.
    pub only_tier: Option<String>,
    /// Only customers of this kind (`external`, `intermediary`, `internal`), if given.
    pub only_kind: Option<String>,
    /// The task's title; `{name}` and `{customer_id}` are the customer's, `{from}` and
    /// `{to}` the transition's.
    pub title: String,
    pub description: Option<String>,
    pub due_in_business_days: u32,
    pub priority: crate::TaskPriority,
    pub assignee_rule: AssigneeRule,
    /// The employee of the `employee` rule.
    pub assignee_email: Option<String>,
    pub reentry: Reentry,
    pub reentry_days: Option<u32>,
    pub active: bool,
}

/// One transition as a playbook sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct SeenTransition<'a> {
    pub axis: Axis,
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
}

/// What the customer is now, to check the condition still holds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CustomerNow<'a> {
    pub stage: Option<&'a str>,
    pub tier: Option<&'a str>,
    pub flags: Vec<&'a str>,
    pub kind: Option<&'a str>,
    pub name: Option<&'a str>,
    pub customer_id: &'a str,
}

/// Why a matching transition made no task.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Skipped {
    /// The customer is no longer what the transition made them.
    NoLongerHolds,
    /// Outside the playbook's tier or kind.
    OutsideAudience,
    /// The playbook already has an open task on the customer.
    OpenTaskExists,
    /// The re-entry rule says not yet (or never again).
    Reentry,
}

impl Skipped {
    pub fn as_str(self) -> &'static str {
        match self {
            Skipped::NoLongerHolds => "no_longer_holds",
            Skipped::OutsideAudience => "outside_audience",
            Skipped::OpenTaskExists => "open_task_exists",
            Skipped::Reentry => "reentry",
        }
    }
}

impl Playbook {
    /// Whether the transition is one this playbook acts on.
    pub fn triggered_by(&self, t: &SeenTransition<'_>) -> bool {
        t.axis == self.axis
            && self.from_value.as_deref().is_none_or(|f| t.from == Some(f))
            && self.to_value.as_deref().is_none_or(|v| t.to == Some(v))
    }

    /// Whether to make a task now: the condition still holds, the customer is in the
    /// audience, no open task of this playbook is on them, and the re-entry rule allows
    /// it (`last_task`: when this playbook last gave a task on the customer).
    pub fn decide(
        &self,
        t: &SeenTransition<'_>,
        now: &CustomerNow<'_>,
        open_task: bool,
        last_task: Option<Timestamp>,
        at: Timestamp,
    ) -> Result<(), Skipped> {
        let holds = match (self.axis, t.to) {
            (Axis::Stage, Some(to)) => now.stage == Some(to),
            (Axis::Tier, Some(to)) => now.tier == Some(to),
            (Axis::Flag, Some(to)) => now.flags.contains(&to),
            (Axis::Flag, None) => t.from.is_some_and(|f| !now.flags.contains(&f)),
            _ => true,
        };
        if !holds {
            return Err(Skipped::NoLongerHolds);
        }
        if self
            .only_tier
            .as_deref()
            .is_some_and(|x| now.tier != Some(x))
            || self
                .only_kind
                .as_deref()
                .is_some_and(|x| now.kind != Some(x))
        {
            return Err(Skipped::OutsideAudience);
        }
        if open_task {
            return Err(Skipped::OpenTaskExists);
        }
        let again = match (self.reentry, last_task) {
            (_, None) | (Reentry::EveryTime, _) => true,
            (Reentry::Once, Some(_)) => false,
            (Reentry::EveryNDays, Some(last)) => {
                let days = i64::from(self.reentry_days.unwrap_or(30));
                at.as_millisecond() - last.as_millisecond() >= days * 86_400_000
            }
        };
        if !again {
            return Err(Skipped::Reentry);
        }
        Ok(())
    }

    /// The task's title or description from a template: the customer's name and id, the
    /// transition's values.
    pub fn fill(template: &str, t: &SeenTransition<'_>, now: &CustomerNow<'_>) -> String {
        template
            .replace("{name}", now.name.unwrap_or(now.customer_id))
            .replace("{customer_id}", now.customer_id)
            .replace("{from}", t.from.unwrap_or("—"))
            .replace("{to}", t.to.unwrap_or("—"))
    }
}

/// The playbooks Clientele ships (the spec's recommended actions, installed by migration
/// 0009) with their task titles as shipped, in English: a task made from an unedited shipped
/// title is shown in the reader's language (`playbook-<id>-task` in the locales).
pub const SHIPPED_PLAYBOOK_TITLES: &[(&str, &str)] = &[
    ("lapsed", "Reach out to {name}: they have gone quiet"),
    ("lost", "Call {name} and settle any old complaint"),
    ("dissatisfied", "Service recovery for {name}"),
    ("reborn", "Thank {name} for coming back"),
    ("owner_risk", "Give {name} a new owner and a second contact"),
    ("ideal_prospect", "Pursue {name} through the best channel"),
    (
        "let_go",
        "Confirm before anyone tells {name} we let them go",
    ),
];

/// Whether `title` is the shipped title of the shipped playbook `playbook_id`.
pub fn is_shipped_title(playbook_id: &str, title: &str) -> bool {
    SHIPPED_PLAYBOOK_TITLES
        .iter()
        .any(|(id, shipped)| *id == playbook_id && *shipped == title)
}

/// The longest id a playbook may have.
pub const PLAYBOOK_ID_MAX: usize = 64;

/// A playbook id as it is made from a name: its ASCII letters (lower-cased) and digits, any
/// other run of characters one `_`; `playbook` when nothing is left (a name in Persian or
/// Georgian script: the creator may give an id).
pub fn playbook_id_from(name: &str) -> String {
    let mut id = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() && c.is_ascii() {
            id.push(c);
        } else if !id.ends_with('_') && !id.is_empty() {
            id.push('_');
        }
    }
    let id: String = id
        .trim_end_matches('_')
        .chars()
        .take(PLAYBOOK_ID_MAX)
        .collect();
    if id.is_empty() {
        "playbook".to_owned()
    } else {
        id
    }
}

/// Whether an id may name a playbook: 1–64 of `a-z`, `0-9`, `_`, `-` (it stands in URLs
/// and locale keys).
pub fn valid_playbook_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= PLAYBOOK_ID_MAX
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

impl Playbook {
    /// What a new playbook starts from before the fields its creator gives: on, for the
    /// owner, normal priority, due in 3 business days, acting every time. Name, trigger and
    /// title are the creator's (empty here, so `check` asks for them).
    pub fn blank() -> Playbook {
        Playbook {
            playbook_id: String::new(),
            name: String::new(),
            axis: Axis::Stage,
            from_value: None,
            to_value: None,
            only_tier: None,
            only_kind: None,
            title: String::new(),
            description: None,
            due_in_business_days: 3,
            priority: crate::TaskPriority::Normal,
            assignee_rule: AssigneeRule::Owner,
            assignee_email: None,
            reentry: Reentry::EveryTime,
            reentry_days: None,
            active: true,
        }
    }
}

/// The fields a change of a playbook may name.
pub const PLAYBOOK_FIELDS: &[&str] = &[
    "name",
    "axis",
    "from_value",
    "to_value",
    "only_tier",
    "only_kind",
    "title",
    "description",
    "due_in_business_days",
    "priority",
    "assignee_rule",
    "assignee_email",
    "reentry",
    "reentry_days",
    "active",
];

impl Playbook {
    /// Every field at fault of a playbook as changed: values that name stages, tiers,
    /// flags and kinds that exist, a due day within a year, the re-entry days its rule needs
    /// and the employee the `employee` rule names.
    pub fn check(&self) -> Result<(), crate::FieldErrors> {
        use crate::message::Message;
        let mut e = crate::FieldErrors::new();
        let value_ok = |v: &str| -> bool {
            match self.axis {
                Axis::Stage => crate::Stage::parse(v).is_ok(),
                Axis::Tier => ["A", "B", "C"].contains(&v),
                Axis::Flag => crate::Flag::parse(v).is_ok(),
                Axis::Sentiment => false,
            }
        };
        if self.axis == Axis::Sentiment {
            e.add(
                "axis",
                Message::new("not-one-of")
                    .text("value", "sentiment")
                    .text("choices", "stage, tier, flag"),
            );
        }
        for (field, value) in [
            ("from_value", &self.from_value),
            ("to_value", &self.to_value),
        ] {
            if let Some(v) = value
                && !value_ok(v)
            {
                e.add(
                    field,
                    Message::new("not-one-of")
                        .text("value", v.as_str())
                        .text("choices", "a value of the playbook's axis"),
                );
            }
        }
        if self.from_value.is_none() && self.to_value.is_none() {
            e.add("to_value", Message::new("required"));
        }
        if let Some(tier) = &self.only_tier
            && !["A", "B", "C"].contains(&tier.as_str())
        {
            e.add(
                "only_tier",
                Message::new("not-one-of")
                    .text("value", tier.as_str())
                    .text("choices", "A, B, C"),
            );
        }
        if let Some(kind) = &self.only_kind
            && let Err(m) = crate::CustomerKind::parse(kind)
        {
            e.add("only_kind", m);
        }
        if !valid_playbook_id(&self.playbook_id) {
            e.add(
                "playbook_id",
                Message::new("not-one-of")
                    .text("value", self.playbook_id.as_str())
                    .text("choices", "1 to 64 of a-z, 0-9, _ and -"),
            );
        }
        if self.title.trim().is_empty() {
            e.add("title", Message::new("required"));
        }
        if self.name.trim().is_empty() {
            e.add("name", Message::new("required"));
        }
        if self.due_in_business_days > 365 {
            e.add(
                "due_in_business_days",
                Message::new("outside-range")
                    .int("value", i64::from(self.due_in_business_days))
                    .int("min", 0)
                    .int("max", 365),
            );
        }
        if self.reentry == Reentry::EveryNDays
            && self.reentry_days.is_none_or(|d| d == 0 || d > 3650)
        {
            e.add(
                "reentry_days",
                Message::new("outside-range")
                    .int("value", i64::from(self.reentry_days.unwrap_or(0)))
                    .int("min", 1)
                    .int("max", 3650),
            );
        }
        if self.assignee_rule == AssigneeRule::Employee && self.assignee_email.is_none() {
            e.add("assignee_email", Message::new("required"));
        }
        e.finish(|| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lapsed() -> Playbook {
        Playbook {
            playbook_id: "lapsed".into(),
            name: "Lapsed".into(),
            axis: Axis::Stage,
            from_value: None,
            to_value: Some("lapsed".into()),
            only_tier: None,
            only_kind: None,
            title: "Reach out to {name}".into(),
            description: None,
            due_in_business_days: 3,
            priority: crate::TaskPriority::Normal,
            assignee_rule: AssigneeRule::Owner,
            assignee_email: None,
            reentry: Reentry::EveryNDays,
            reentry_days: Some(30),
            active: true,
        }
    }

    fn at(day: i64) -> Timestamp {
        Timestamp::from_millisecond(day * 86_400_000).unwrap()
    }

    #[test]
    fn a_playbook_acts_on_its_transitions_while_they_hold_and_as_often_as_it_may() {
        let p = lapsed();
        let t = SeenTransition {
            axis: Axis::Stage,
            from: Some("repeat"),
            to: Some("lapsed"),
        };
        assert!(p.triggered_by(&t));
        assert!(!p.triggered_by(&SeenTransition {
            to: Some("lost"),
            ..t.clone()
        }));
        let mut now = CustomerNow {
            stage: Some("lapsed"),
            customer_id: "C-1",
            name: Some("Nino"),
            ..Default::default()
        };
        assert_eq!(p.decide(&t, &now, false, None, at(100)), Ok(()));
        assert_eq!(
            p.decide(&t, &now, true, None, at(100)),
            Err(Skipped::OpenTaskExists)
        );
        assert_eq!(
            p.decide(&t, &now, false, Some(at(80)), at(100)),
            Err(Skipped::Reentry)
        );
        assert_eq!(p.decide(&t, &now, false, Some(at(70)), at(100)), Ok(()));
        now.stage = Some("reborn");
        assert_eq!(
            p.decide(&t, &now, false, None, at(100)),
            Err(Skipped::NoLongerHolds)
        );
        assert_eq!(Playbook::fill(&p.title, &t, &now), "Reach out to Nino");
    }

    #[test]
    fn a_playbook_s_id_is_made_from_its_name_and_must_fit_urls() {
        assert_eq!(playbook_id_from("Win back A-tier!"), "win_back_a_tier");
        assert_eq!(playbook_id_from("مشتری ناراضی"), "playbook");
        assert!(valid_playbook_id("win_back-2"));
        assert!(!valid_playbook_id("Win back"));
        assert!(!valid_playbook_id(""));
        let mut p = Playbook::blank();
        let errors = p.check().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["to_value", "playbook_id", "title", "name"]);
        p.playbook_id = "pb".into();
        p.name = "Lapsed".into();
        p.title = "Call {name}".into();
        p.to_value = Some("lapsed".into());
        assert_eq!(p.check(), Ok(()));
    }
}
