//! The flags (spec `customer-types.md`, flags): dissatisfied, windbag, unprofitable, let go,
//! ideal prospect and owner risk, each with its evidence in phrases.

use super::facts::{ComplaintFact, FeedbackFact};
use super::rules::{CustomerInputs, Evidence};
use super::settings::TypeSettings;
use super::stage::days;
use crate::analytics::DAY_MS;
use crate::analytics::Millis;
use crate::analytics::pareto::ValueTier;
use crate::message::{Arg, Phrase};
use crate::{Flag, Stage};

/// The spec's recommended action for a flag.
pub fn flag_action(flag: Flag) -> &'static str {
    match flag {
        Flag::Dissatisfied => "service recovery now, by the owner, within 24 hours",
        Flag::Windbag => "cap the time spent; do not let them eat working hours",
        Flag::Unprofitable => {
            "cut the cost to serve or win more business before deciding to drop them"
        }
        Flag::LetGo => {
            "reprice, or tell them plainly the service they want does not fit the price they pay"
        }
        Flag::IdealProspect => "target them with the channel that brought the best customers",
        Flag::OwnerRisk => "assign a new owner and introduce a second contact",
    }
}

/// One score of a feedback answer (NPS or CSAT), when it was given.
type Score = fn(&FeedbackFact) -> Option<u8>;

/// The flags that hold for a customer of this stage, in the spec's order; their evidence goes
/// into `evidence` (when it explains). `money` writes minor units as a phrase argument.
pub(super) fn flags_of(
    inputs: &CustomerInputs,
    stage: Stage,
    settings: &TypeSettings,
    as_of: Millis,
    money: &impl Fn(i64) -> Arg,
    evidence: &mut Evidence,
) -> Vec<Flag> {
    let explain = evidence.explain;
    let summary = inputs.summary;
    let context = inputs.context;
    let today = days(as_of);
    let window_start = as_of - i64::from(settings.dissatisfied_days) * DAY_MS;
    let complaints = context
        .complaints
        .iter()
        .filter(|c| c.opened_at <= as_of)
        .count() as u32;
    let is_open =
        |c: &ComplaintFact| c.opened_at <= as_of && c.resolved_at.is_none_or(|r| r > as_of);
    let mut flags = Vec::new();

    // dissatisfied
    let mut reasons = Vec::new();
    let mut dissatisfied = false;
    let recent_feedback = |score: Score| {
        context
            .feedback
            .iter()
            .filter(|f| f.given_at <= as_of && f.given_at > window_start)
            .filter_map(|f| score(f).map(|s| (f.given_at, s)))
            .max_by_key(|&(at, s)| (at, std::cmp::Reverse(s)))
    };
    let scores: [(&'static str, &'static str, Score, u8); 2] = [
        (
            "latest-nps",
            "nps",
            |f| f.nps,
            settings.dissatisfied_nps_max,
        ),
        (
            "latest-csat",
            "csat",
            |f| f.csat,
            settings.dissatisfied_csat_max,
        ),
    ];
    for (id, name, score, max) in scores {
        if let Some((at, value)) = recent_feedback(score)
            && value <= max
        {
            dissatisfied = true;
            if explain {
                reasons.push(
                    Phrase::new(id)
                        .int(name, i64::from(value))
                        .int("days", today - days(at)),
                );
            }
        }
    }
    if let Some(oldest) = context
        .complaints
        .iter()
        .filter(|c| is_open(c))
        .filter(|c| as_of - c.opened_at > i64::from(settings.complaint_open_days) * DAY_MS)
        .map(|c| c.opened_at)
        .min()
    {
        dissatisfied = true;
        if explain {
            reasons.push(Phrase::new("complaint-open").int("days", today - days(oldest)));
        }
    }
    let recent_complaints = context
        .complaints
        .iter()
        .filter(|c| c.opened_at <= as_of && c.opened_at > window_start)
        .count() as u32;
    if recent_complaints >= settings.dissatisfied_complaints {
        dissatisfied = true;
        if explain {
            reasons.push(
                Phrase::new("recent-complaints")
                    .int("complaints", i64::from(recent_complaints))
                    .int("days", i64::from(settings.dissatisfied_days)),
            );
        }
    }
    if dissatisfied {
        flags.push(Flag::Dissatisfied);
        evidence.add("dissatisfied", || reasons);
    }

    // windbag
    let interactions = context
        .interactions
        .iter()
        .filter(|i| i.occurred_at <= as_of)
        .count() as u32;
    if summary.monetary_total <= 0
        && (complaints >= settings.windbag_complaints
            || interactions >= settings.windbag_interactions)
    {
        flags.push(Flag::Windbag);
        evidence.add("windbag", || {
            vec![
                Phrase::new("windbag")
                    .int("complaints", i64::from(complaints))
                    .int("contacts", i64::from(interactions))
                    .arg("revenue", money(summary.monetary_total)),
            ]
        });
    }

    // unprofitable
    if summary.profit_window < 0 {
        flags.push(Flag::Unprofitable);
        evidence.add("unprofitable", || {
            vec![
                Phrase::new("unprofitable")
                    .int("days", i64::from(settings.profit_window_days))
                    .arg("profit", money(summary.profit_window))
                    .arg("margin", money(summary.margin_window))
                    .arg("cost", money(summary.cost_to_serve_window))
                    .arg("acquisition", money(summary.acquisition_window)),
            ]
        });
    }

    // let_go
    if inputs.tier != ValueTier::A {
        let both_windows = summary.profit_window < 0 && summary.profit_previous_window < 0;
        let costly = summary.cost_to_serve_window > 0
            && summary.cost_to_serve_window as f64
                >= settings.let_go_cost_multiple * summary.margin_window as f64;
        if both_windows || costly {
            flags.push(Flag::LetGo);
            evidence.add("let_go", || {
                let days = i64::from(settings.profit_window_days);
                vec![if both_windows {
                    Phrase::new("let-go-two-windows")
                        .int("days", days)
                        .arg("previous", money(summary.profit_previous_window))
                        .arg("current", money(summary.profit_window))
                } else {
                    Phrase::new("let-go-costly")
                        .arg("cost", money(summary.cost_to_serve_window))
                        .arg("multiple", Arg::Number(settings.let_go_cost_multiple))
                        .arg("margin", money(summary.margin_window))
                        .int("days", days)
                }]
            });
        }
    }

    // ideal_prospect
    if stage == Stage::Prospect && inputs.ideal_prospect {
        flags.push(Flag::IdealProspect);
        evidence.add("ideal_prospect", || {
            vec![Phrase::new("ideal-prospect").int(
                "share",
                (settings.ideal_prospect_share * 100.0).round() as i64,
            )]
        });
    }

    // owner_risk
    if inputs.tier == ValueTier::A {
        let gone_owner = match &context.owner {
            None if inputs.owners_assigned => Some(None),
            None => None,
            Some(owner) if owner.left_at.is_some_and(|left| left <= as_of) => {
                Some(Some(owner.name.as_str()))
            }
            Some(_) => None,
        };
        let since = as_of - i64::from(settings.owner_risk_days) * DAY_MS;
        let mut employees: Vec<i64> = context
            .interactions
            .iter()
            .filter(|i| i.occurred_at <= as_of && i.occurred_at > since)
            .filter_map(|i| i.employee)
            .collect();
        let contacts = employees.len();
        employees.sort_unstable();
        employees.dedup();
        let single = contacts >= 2 && employees.len() == 1;
        if gone_owner.is_some() || single {
            flags.push(Flag::OwnerRisk);
            evidence.add("owner_risk", || {
                let mut reasons = vec![Phrase::new("owner-risk-tier-a")];
                match gone_owner {
                    Some(None) => reasons.push(Phrase::new("owner-risk-no-owner")),
                    Some(Some(name)) => reasons.push(
                        Phrase::new("owner-risk-owner-left")
                            .arg("name", Arg::Text(name.to_owned())),
                    ),
                    None => {}
                }
                if single {
                    reasons.push(
                        Phrase::new("owner-risk-one-employee")
                            .int("contacts", contacts as i64)
                            .int("days", i64::from(settings.owner_risk_days)),
                    );
                }
                reasons
            });
        }
    }
    flags
}
