//! The lifecycle stage (spec `customer-types.md`, stages): which of prospect, new, repeat,
//! lapsed, lost or reborn a customer is as of an instant, with its evidence in phrases.

use super::rules::{CustomerInputs, ModelView};
use super::settings::TypeSettings;
use crate::Stage;
use crate::analytics::{CustomerFacts, CustomerSummary, DAY_MS, Millis};
use crate::message::{Arg, Phrase};

/// The spec's recommended action for a stage.
pub fn stage_action(stage: Stage) -> &'static str {
    match stage {
        Stage::Prospect => "qualify; if an ideal prospect, pursue",
        Stage::New => "welcome them; aim for the second order",
        Stage::Repeat => "under-promise, over-deliver; reward; cross-sell",
        Stage::Lapsed => "reach out with a new reason to buy; cheaper than finding a new customer",
        Stage::Lost => "search their file, call them, settle old complaints, offer amends",
        Stage::Reborn => "thank them; make sure the old grievance is really settled",
    }
}

/// The UTC day of an instant, counted from 1970-01-01.
pub(super) fn days(ms: Millis) -> i64 {
    ms.div_euclid(DAY_MS)
}

/// Median of sorted-or-not gaps; `None` for none.
fn median(mut gaps: Vec<i64>) -> Option<f64> {
    if gaps.is_empty() {
        return None;
    }
    gaps.sort_unstable();
    let mid = gaps.len() / 2;
    Some(if gaps.len() % 2 == 1 {
        gaps[mid] as f64
    } else {
        (gaps[mid - 1] + gaps[mid]) as f64 / 2.0
    })
}

/// The lapse threshold in days for a customer whose order days (sorted, distinct) are these.
fn lapse_threshold(order_days: &[i64], settings: &TypeSettings) -> f64 {
    let gaps: Vec<i64> = order_days.windows(2).map(|w| w[1] - w[0]).collect();
    let own = median(gaps).map_or(0.0, |m| settings.lapse_interval_multiple * m);
    own.max(f64::from(settings.lapse_min_days))
}

/// Distinct UTC days with an order up to `as_of`, ascending.
fn order_days(facts: &CustomerFacts, as_of: Millis) -> Vec<i64> {
    let mut order_days: Vec<i64> = facts
        .orders
        .iter()
        .filter(|o| o.at <= as_of)
        .map(|o| days(o.at))
        .collect();
    order_days.sort_unstable();
    order_days.dedup();
    order_days
}

/// An order after a gap that had made the customer lapsed or lost by the gap rules alone:
/// an evaluation on any day of that gap would have found them so.
struct Comeback {
    /// The day of the order that ended the gap.
    day: i64,
    gap: i64,
    /// The gap reached the lost threshold; else it passed the lapse threshold (or, after a
    /// single order, the new window), which is given.
    lost: bool,
    threshold: i64,
}

impl Comeback {
    fn phrase(&self, recency: i64) -> Phrase {
        if self.lost {
            Phrase::new("reborn-after-lost")
                .int("recency", recency)
                .int("gap", self.gap)
        } else {
            Phrase::new("reborn-after-lapsed")
                .int("recency", recency)
                .int("gap", self.gap)
                .int("threshold", self.threshold)
        }
    }
}

/// The latest comeback in the order days (sorted, distinct) whose order falls between two
/// days, inclusive.
fn comeback_between(
    order_days: &[i64],
    settings: &TypeSettings,
    from: i64,
    to: i64,
) -> Option<Comeback> {
    for i in (1..order_days.len()).rev() {
        let day = order_days[i];
        if day < from {
            return None;
        }
        if day > to {
            continue;
        }
        let before = &order_days[..i];
        let gap = day - before[before.len() - 1];
        if gap >= i64::from(settings.lost_days) {
            return Some(Comeback {
                day,
                gap,
                lost: true,
                threshold: i64::from(settings.lost_days),
            });
        }
        // Two orders or more: the lapse threshold of the orders before; one: the window a
        // new customer has for a second order, after which the stage rules call them lapsed.
        let threshold = if before.len() >= 2 {
            lapse_threshold(before, settings)
        } else {
            f64::from(settings.new_days)
        };
        if gap as f64 > threshold {
            return Some(Comeback {
                day,
                gap,
                lost: false,
                threshold: threshold.round() as i64,
            });
        }
    }
    None
}

fn p_alive_phrase(model: Option<ModelView>) -> Phrase {
    match model {
        Some(m) => Phrase::new("p-alive").arg("p_alive", Arg::Decimal(m.p_alive)),
        None => Phrase::new("no-model"),
    }
}

fn interval_phrase(summary: &CustomerSummary) -> Phrase {
    match summary.median_interval_days {
        Some(m) => Phrase::new("usual-interval").int("interval", m.round() as i64),
        None => Phrase::new("no-interval"),
    }
}

/// The models' P(alive) under the threshold of a stage.
fn p_alive_below(p_alive: f64, threshold: f64) -> Phrase {
    Phrase::new("p-alive-below")
        .arg("p_alive", Arg::Decimal(p_alive))
        .arg("threshold", Arg::Decimal(threshold))
}

fn last_order(recency: i64) -> Phrase {
    Phrase::new("last-order").int("recency", recency)
}

/// The phrases of a piece of evidence, made only when an explanation is wanted.
macro_rules! say {
    ($explain:expr, $($phrase:expr),+ $(,)?) => {
        if $explain { vec![$($phrase),+] } else { Vec::new() }
    };
}

/// The lifecycle stage with its evidence.
/// The phrases are made only when `explain` is set: a pass over a million customers needs
/// the verdicts, and their words only for those it shows.
pub fn stage_of(
    inputs: &CustomerInputs,
    settings: &TypeSettings,
    as_of: Millis,
    explain: bool,
) -> (Stage, Vec<Phrase>) {
    let order_days = order_days(inputs.facts, as_of);
    let Some(&last) = order_days.last() else {
        return (Stage::Prospect, say!(explain, Phrase::new("no-order-yet")));
    };
    let today = days(as_of);
    let recency = today - last;
    let model = inputs.model;
    let p_alive = model.map(|m| m.p_alive);

    // Reborn: an order within the window after a gap that had made them lapsed or lost.
    // What the orders show is judged from the orders alone, so that one evaluation gives
    // the stage that evaluating on every past day would have left (path independence);
    // only a lapse the models found, which no gap shows, is taken from an earlier
    // evaluation.
    let reborn_days = i64::from(settings.reborn_days);
    if let Some(comeback) = comeback_between(&order_days, settings, today - reborn_days, today) {
        return (
            Stage::Reborn,
            say!(explain, comeback.phrase(today - comeback.day)),
        );
    }
    if let Some(previous) = inputs.previous {
        // Found lapsed or lost by an evaluation (its models, say, where the gap alone would
        // not show it), and ordered since: reborn for the window from that order.
        if matches!(previous.stage, Stage::Lapsed | Stage::Lost)
            && let Some(&back) = order_days.iter().find(|&&d| d > days(previous.at))
            && today - back <= reborn_days
        {
            return (
                Stage::Reborn,
                say!(
                    explain,
                    Phrase::new("reborn-after-evaluation")
                        .int("recency", today - back)
                        .arg("stage", Arg::Key(previous.stage.as_str()))
                        .arg("date", Arg::Date(previous.at))
                ),
            );
        }
        // Won back that way at an earlier evaluation: they stay reborn for the window from
        // when they became so. A comeback the orders show is not extended this way: its
        // window runs from its order, as above.
        if previous.stage == Stage::Reborn
            && let Some(since) = previous.since
            && today - days(since) <= reborn_days
            && comeback_between(
                &order_days,
                settings,
                days(since) - reborn_days,
                days(since),
            )
            .is_none()
        {
            return (
                Stage::Reborn,
                say!(
                    explain,
                    Phrase::new("reborn-won-back")
                        .int("recency", recency)
                        .arg("date", Arg::Date(since))
                ),
            );
        }
    }

    if recency >= i64::from(settings.lost_days) {
        return (
            Stage::Lost,
            say!(
                explain,
                Phrase::new("lost-silent")
                    .int("recency", recency)
                    .int("lost_days", i64::from(settings.lost_days))
            ),
        );
    }
    if let Some(p) = p_alive
        && p < settings.lost_p_alive
    {
        return (
            Stage::Lost,
            say!(
                explain,
                last_order(recency),
                p_alive_below(p, settings.lost_p_alive)
            ),
        );
    }
    if order_days.len() >= 2 {
        let threshold = lapse_threshold(&order_days, settings);
        if recency as f64 > threshold {
            return (
                Stage::Lapsed,
                say!(
                    explain,
                    last_order(recency),
                    interval_phrase(inputs.summary),
                    Phrase::new("lapsed-after").int("threshold", threshold.round() as i64),
                    p_alive_phrase(model)
                ),
            );
        }
        if let Some(p) = p_alive
            && p < settings.lapse_p_alive
        {
            return (
                Stage::Lapsed,
                say!(
                    explain,
                    last_order(recency),
                    interval_phrase(inputs.summary),
                    p_alive_below(p, settings.lapse_p_alive)
                ),
            );
        }
        return (
            Stage::Repeat,
            say!(
                explain,
                Phrase::new("orders-on-days")
                    .int("orders", i64::from(inputs.summary.orders))
                    .int("days", order_days.len() as i64),
                last_order(recency),
                interval_phrase(inputs.summary),
                p_alive_phrase(model)
            ),
        );
    }
    // Orders on one day are one purchase to the rules (and to the models); the evidence
    // says how many there were, so that two orders on a day do not read as "one order".
    let orders_that_day = inputs.facts.orders.iter().filter(|o| o.at <= as_of).count() as i64;
    if recency <= i64::from(settings.new_days) {
        let first = if orders_that_day > 1 {
            Phrase::new("new-first-day").int("orders", orders_that_day)
        } else {
            Phrase::new("new-first-order")
        };
        return (
            Stage::New,
            say!(
                explain,
                first
                    .int("recency", recency)
                    .int("new_days", i64::from(settings.new_days))
            ),
        );
    }
    // One order, no second within the new window, not yet silent long enough to be lost:
    // the spec's `lapsed` needs two orders and a BG/NBD P(alive) is 1 for anyone without a
    // repeat purchase, so no rule of the spec places them. They are going silent, which is
    // what `lapsed` means to a salesperson, and the evidence says why.
    (
        Stage::Lapsed,
        say!(
            explain,
            if orders_that_day > 1 {
                Phrase::new("one-day-no-second")
                    .int("orders", orders_that_day)
                    .int("recency", recency)
            } else {
                Phrase::new("one-order-no-second").int("recency", recency)
            },
            Phrase::new("new-expected-again").int("new_days", i64::from(settings.new_days))
        ),
    )
}
