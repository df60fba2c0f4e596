//! What an evaluation changes: the moves between a customer's previous verdict and their
//! new one, and which kinds of records oblige a full pass when they change. The store
//! writes these decisions; it does not make them.

use super::rules::Verdict;
use crate::{Axis, Flag};

/// One move of a customer on one axis: a stage or tier replaced, a flag raised (no
/// `from`) or cleared (no `to`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Move {
    pub axis: Axis,
    pub from: Option<&'static str>,
    pub to: Option<&'static str>,
}

/// What changed between a customer's previous verdict and their new one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VerdictChange {
    /// The stored stage and tier must be (re)written: they changed, or there was no
    /// verdict before.
    pub verdict_changed: bool,
    /// Flags to add, in the new verdict's order.
    pub flags_raised: Vec<Flag>,
    /// Flags to remove, in the previous verdict's order.
    pub flags_cleared: Vec<Flag>,
    /// The transitions to record: stage, then tier, then each flag raised, then each
    /// cleared.
    pub moves: Vec<Move>,
}

/// The change from `previous` to `next`. A customer's first verdict is where their history
/// starts, not a change: it is stored with its flags but records no transition (a first
/// pass over a base of a million would otherwise record millions of "none → repeat", news
/// to nobody).
pub fn verdict_change(previous: Option<&Verdict>, next: &Verdict) -> VerdictChange {
    let Some(previous) = previous else {
        return VerdictChange {
            verdict_changed: true,
            flags_raised: next.flags.clone(),
            ..VerdictChange::default()
        };
    };
    let mut change = VerdictChange::default();
    // Stage before tier: the order the moves are recorded in.
    for (axis, from, to) in [
        (Axis::Stage, previous.stage.as_str(), next.stage.as_str()),
        (Axis::Tier, previous.tier.as_str(), next.tier.as_str()),
    ] {
        if from != to {
            change.moves.push(Move {
                axis,
                from: Some(from),
                to: Some(to),
            });
            change.verdict_changed = true;
        }
    }
    change.flags_raised = flags_missing(&next.flags, &previous.flags);
    change.flags_cleared = flags_missing(&previous.flags, &next.flags);
    let raised = change.flags_raised.iter().map(|f| (None, Some(f.as_str())));
    let cleared = change
        .flags_cleared
        .iter()
        .map(|f| (Some(f.as_str()), None));
    change
        .moves
        .extend(raised.chain(cleared).map(|(from, to)| Move {
            axis: Axis::Flag,
            from,
            to,
        }));
    change
}

/// The flags of `these` that `others` lacks, in the order of `these`.
fn flags_missing(these: &[Flag], others: &[Flag]) -> Vec<Flag> {
    these
        .iter()
        .filter(|f| !others.contains(f))
        .copied()
        .collect()
}

/// The kinds of records a business keeps, as far as the type engine cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RecordKind {
    Customers,
    Orders,
    Interactions,
    Complaints,
    Feedback,
    Costs,
    Employees,
}

impl RecordKind {
    /// Whether a change to records of this kind obliges a full pass. Orders, costs,
    /// customers and employees feed the base-wide models, the tier cut-offs, the lookalike
    /// profile or the owners of many customers; complaints, feedback and interactions
    /// change only the customers they name, who can be re-evaluated alone with the models
    /// of the last full pass.
    pub fn needs_full_pass(self) -> bool {
        match self {
            RecordKind::Orders
            | RecordKind::Costs
            | RecordKind::Customers
            | RecordKind::Employees => true,
            RecordKind::Complaints | RecordKind::Feedback | RecordKind::Interactions => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Stage;
    use crate::analytics::pareto::ValueTier;

    fn verdict(stage: Stage, tier: ValueTier, flags: &[Flag]) -> Verdict {
        Verdict {
            stage,
            tier,
            flags: flags.to_vec(),
        }
    }

    #[test]
    fn a_first_verdict_is_stored_with_its_flags_and_records_no_transition() {
        let next = verdict(Stage::New, ValueTier::C, &[Flag::Windbag]);
        let change = verdict_change(None, &next);
        assert!(change.verdict_changed);
        assert_eq!(change.flags_raised, vec![Flag::Windbag]);
        assert!(change.flags_cleared.is_empty());
        assert!(change.moves.is_empty());
    }

    #[test]
    fn the_same_verdict_changes_nothing() {
        let same = verdict(Stage::Repeat, ValueTier::A, &[Flag::OwnerRisk]);
        assert_eq!(verdict_change(Some(&same), &same), VerdictChange::default());
    }

    #[test]
    fn moves_come_stage_tier_raised_cleared() {
        let before = verdict(
            Stage::Repeat,
            ValueTier::A,
            &[Flag::Dissatisfied, Flag::OwnerRisk],
        );
        let after = verdict(
            Stage::Lapsed,
            ValueTier::B,
            &[Flag::Windbag, Flag::OwnerRisk],
        );
        let change = verdict_change(Some(&before), &after);
        assert!(change.verdict_changed);
        assert_eq!(change.flags_raised, vec![Flag::Windbag]);
        assert_eq!(change.flags_cleared, vec![Flag::Dissatisfied]);
        let moves: Vec<(Axis, Option<&str>, Option<&str>)> = change
            .moves
            .iter()
            .map(|m| (m.axis, m.from, m.to))
            .collect();
        assert_eq!(
            moves,
            vec![
                (Axis::Stage, Some("repeat"), Some("lapsed")),
                (Axis::Tier, Some("A"), Some("B")),
                (Axis::Flag, None, Some("windbag")),
                (Axis::Flag, Some("dissatisfied"), None),
            ]
        );
    }

    #[test]
    fn a_flag_alone_does_not_rewrite_the_stage_and_tier() {
        let before = verdict(Stage::Repeat, ValueTier::A, &[]);
        let after = verdict(Stage::Repeat, ValueTier::A, &[Flag::LetGo]);
        let change = verdict_change(Some(&before), &after);
        assert!(!change.verdict_changed);
        assert_eq!(change.moves.len(), 1);
    }

    #[test]
    fn only_the_records_behind_base_wide_models_need_a_full_pass() {
        let full: Vec<RecordKind> = [
            RecordKind::Customers,
            RecordKind::Orders,
            RecordKind::Interactions,
            RecordKind::Complaints,
            RecordKind::Feedback,
            RecordKind::Costs,
            RecordKind::Employees,
        ]
        .into_iter()
        .filter(|k| k.needs_full_pass())
        .collect();
        assert_eq!(
            full,
            vec![
                RecordKind::Customers,
                RecordKind::Orders,
                RecordKind::Costs,
                RecordKind::Employees
            ]
        );
    }
}
