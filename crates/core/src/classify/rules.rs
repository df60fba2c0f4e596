//! The rules of the spec as plain functions of a customer's history, the base-wide models
//! and the settings. Deterministic: nothing depends on the order rows came in.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::facts::CustomerContext;
use super::phrase::{Arg, Phrase, english};
use super::settings::TypeSettings;
use crate::analytics::lookalike::{LookalikeModel, LookalikeSettings, ideal_prospects};
use crate::analytics::models::ModelSettings;
use crate::analytics::pareto::{TierSettings, ValueTier};
use crate::analytics::report::{AnalysisSettings, BaseAnalysis, judge_base};
use crate::analytics::{CustomerFacts, CustomerSummary, DAY_MS, Millis, SummarySettings, TimeUnit};
use crate::{Currency, CustomerKind, Flag, Money, Stage};

/// The stage a customer had at an earlier evaluation, for `reborn` across evaluations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PreviousStage {
    pub stage: Stage,
    /// The as-of instant of that evaluation.
    pub at: Millis,
}

/// The numbers behind a classification. Money is exact decimal text in the business
/// currency; the model's figures are absent when the base cannot support the models.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Metrics {
    pub recency_days: Option<i64>,
    pub orders: u32,
    pub median_interval_days: Option<f64>,
    pub monetary: String,
    pub profit_12m: String,
    pub cost_to_serve_12m: String,
    pub p_alive: Option<f64>,
    pub expected_orders_90d: Option<f64>,
    pub clv_12m: Option<String>,
    pub complaints: u32,
    pub open_complaints: u32,
}

/// A recommended action, and whose job it is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Action {
    /// The stage or flag it answers.
    pub because: String,
    pub action: String,
    /// The owner's name and e-mail, when the customer has an owner who still works here.
    pub owner: Option<String>,
}

/// One customer's types as of an instant.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Classification {
    pub customer_id: String,
    pub stage: Stage,
    pub tier: ValueTier,
    /// In the spec's order.
    pub flags: Vec<Flag>,
    /// Keyed by `stage`, `tier`, each flag, and `relationship` for an internal customer,
    /// an intermediary or an organisation member: the facts, in words, with the numbers.
    pub evidence: BTreeMap<String, String>,
    /// The same evidence as phrases (message ids with arguments), for a user interface to say
    /// in its own language; `evidence` is their English. Not part of the API's documents.
    #[serde(skip)]
    pub phrases: BTreeMap<String, Vec<Phrase>>,
    pub actions: Vec<Action>,
    pub metrics: Metrics,
}

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

/// What the base-wide models say about one customer. The forecasts are computed only for an
/// explanation; a verdict reads P(alive) alone.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ModelView {
    pub p_alive: f64,
    pub expected_orders_90d: Option<f64>,
    /// Minor units.
    pub clv_12m: Option<f64>,
}

/// Everything the rules look at for one customer.
#[derive(Clone, Copy, Debug)]
pub struct CustomerInputs<'a> {
    pub facts: &'a CustomerFacts,
    pub context: &'a CustomerContext,
    pub summary: &'a CustomerSummary,
    pub tier: ValueTier,
    /// The models' view; `None` when the base cannot support them (or no order yet).
    pub model: Option<ModelView>,
    /// Among the top share of prospects by lookalike score.
    pub ideal_prospect: bool,
    pub previous: Option<PreviousStage>,
}

fn days(ms: Millis) -> i64 {
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

    // Reborn: an order within the window after a gap that had made them lapsed or lost,
    // seen in the order history itself, or in the stage a previous evaluation stored.
    if recency <= i64::from(settings.reborn_days) && order_days.len() >= 2 {
        let before = &order_days[..order_days.len() - 1];
        let gap = last - before[before.len() - 1];
        let threshold = lapse_threshold(before, settings);
        let was_lost = gap >= i64::from(settings.lost_days);
        let was_lapsed = before.len() >= 2 && gap as f64 > threshold;
        if was_lost || was_lapsed {
            return (
                Stage::Reborn,
                say!(
                    explain,
                    if was_lost {
                        Phrase::new("reborn-after-lost")
                            .int("recency", recency)
                            .int("gap", gap)
                    } else {
                        Phrase::new("reborn-after-lapsed")
                            .int("recency", recency)
                            .int("gap", gap)
                            .int("threshold", threshold.round() as i64)
                    }
                ),
            );
        }
        // Won back since an evaluation that found them lapsed or lost (by the models, say,
        // where the gap alone would not show it); and once reborn, they stay so for the
        // window, not only at the one evaluation that saw the comeback.
        if let Some(previous) = inputs.previous
            && previous.stage == Stage::Reborn
        {
            return (
                Stage::Reborn,
                say!(
                    explain,
                    Phrase::new("reborn-won-back")
                        .int("recency", recency)
                        .arg("date", Arg::Date(previous.at))
                ),
            );
        }
        if let Some(previous) = inputs.previous
            && matches!(previous.stage, Stage::Lapsed | Stage::Lost)
            && last > days(previous.at)
        {
            return (
                Stage::Reborn,
                say!(
                    explain,
                    Phrase::new("reborn-after-evaluation")
                        .int("recency", recency)
                        .arg("stage", Arg::Key(previous.stage.as_str()))
                        .arg("date", Arg::Date(previous.at))
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
                Phrase::new("p-alive-below")
                    .arg("p_alive", Arg::Decimal(p))
                    .arg("threshold", Arg::Decimal(settings.lost_p_alive))
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
                    Phrase::new("p-alive-below")
                        .arg("p_alive", Arg::Decimal(p))
                        .arg("threshold", Arg::Decimal(settings.lapse_p_alive))
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
    if recency <= i64::from(settings.new_days) {
        return (
            Stage::New,
            say!(
                explain,
                Phrase::new("new-first-order")
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
            Phrase::new("one-order-no-second").int("recency", recency),
            Phrase::new("new-expected-again").int("new_days", i64::from(settings.new_days))
        ),
    )
}

/// A customer's types without their explanation: what a pass stores and compares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    pub stage: Stage,
    pub tier: ValueTier,
    /// In the spec's order.
    pub flags: Vec<Flag>,
}

/// Evidence keyed by stage, tier, flag or relationship; makes nothing unless wanted.
struct Evidence {
    explain: bool,
    phrases: BTreeMap<String, Vec<Phrase>>,
}

impl Evidence {
    fn add(&mut self, key: &str, phrases: impl FnOnce() -> Vec<Phrase>) {
        if self.explain {
            self.phrases.insert(key.to_owned(), phrases());
        }
    }
}

/// Runs every rule for one customer: the verdict, and with `explain` the evidence, actions
/// and metrics (otherwise empty).
fn judge(
    inputs: &CustomerInputs,
    settings: &TypeSettings,
    as_of: Millis,
    currency: Currency,
    explain: bool,
) -> (Verdict, BTreeMap<String, Vec<Phrase>>) {
    let money = |minor: i64| Arg::Money {
        amount: Money::from_minor(minor, currency).to_string(),
        currency: currency.code().to_owned(),
    };
    let summary = inputs.summary;
    let context = inputs.context;
    let mut evidence = Evidence {
        explain,
        phrases: BTreeMap::new(),
    };
    let (stage, stage_phrases) = stage_of(inputs, settings, as_of, explain);
    evidence.add("stage", || stage_phrases);
    evidence.add("tier", || {
        vec![
            Phrase::new("tier")
                .arg("tier", Arg::Key(inputs.tier.as_str()))
                .int("days", i64::from(settings.profit_window_days))
                .arg("profit", money(summary.profit_window)),
        ]
    });
    match context.kind {
        CustomerKind::Internal => evidence.add("relationship", || {
            vec![Phrase::new("relationship-internal")]
        }),
        CustomerKind::Intermediary => evidence.add("relationship", || {
            vec![Phrase::new("relationship-intermediary")]
        }),
        CustomerKind::External => {}
    }
    if let (Some(role), Some(organisation)) = (&context.role, &context.organisation_id) {
        evidence.add("relationship", || {
            vec![
                Phrase::new("relationship-member")
                    .arg("role", Arg::Text(role.clone()))
                    .arg("organisation", Arg::Text(organisation.clone())),
            ]
        });
    }

    let today = days(as_of);
    let window_start = as_of - i64::from(settings.dissatisfied_days) * DAY_MS;
    let complaints = context
        .complaints
        .iter()
        .filter(|c| c.opened_at <= as_of)
        .count() as u32;
    let is_open = |c: &crate::classify::ComplaintFact| {
        c.opened_at <= as_of && c.resolved_at.is_none_or(|r| r > as_of)
    };
    let mut flags = Vec::new();

    // dissatisfied
    let mut reasons = Vec::new();
    let mut dissatisfied = false;
    let recent_feedback = |score: fn(&crate::classify::FeedbackFact) -> Option<u8>| {
        context
            .feedback
            .iter()
            .filter(|f| f.given_at <= as_of && f.given_at > window_start)
            .filter_map(|f| score(f).map(|s| (f.given_at, s)))
            .max_by_key(|&(at, s)| (at, std::cmp::Reverse(s)))
    };
    if let Some((at, nps)) = recent_feedback(|f| f.nps)
        && nps <= settings.dissatisfied_nps_max
    {
        dissatisfied = true;
        if explain {
            reasons.push(
                Phrase::new("latest-nps")
                    .int("nps", i64::from(nps))
                    .int("days", today - days(at)),
            );
        }
    }
    if let Some((at, csat)) = recent_feedback(|f| f.csat)
        && csat <= settings.dissatisfied_csat_max
    {
        dissatisfied = true;
        if explain {
            reasons.push(
                Phrase::new("latest-csat")
                    .int("csat", i64::from(csat))
                    .int("days", today - days(at)),
            );
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
            None => Some(None),
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
    (
        Verdict {
            stage,
            tier: inputs.tier,
            flags,
        },
        evidence.phrases,
    )
}

/// Runs every rule for one customer, with the evidence, actions and metrics.
pub fn classify_customer(
    inputs: &CustomerInputs,
    settings: &TypeSettings,
    as_of: Millis,
    currency: Currency,
) -> Classification {
    let (verdict, phrases) = judge(inputs, settings, as_of, currency, true);
    let evidence = phrases
        .iter()
        .map(|(key, phrases)| (key.clone(), english(phrases)))
        .collect();
    let money = |minor: i64| Money::from_minor(minor, currency).to_string();
    let summary = inputs.summary;
    let context = inputs.context;
    let owner = context
        .owner
        .as_ref()
        .filter(|o| o.left_at.is_none_or(|left| left > as_of))
        .map(|o| format!("{} <{}>", o.name, o.email));
    let mut actions = vec![Action {
        because: verdict.stage.as_str().to_owned(),
        action: stage_action(verdict.stage).to_owned(),
        owner: owner.clone(),
    }];
    for flag in &verdict.flags {
        actions.push(Action {
            because: flag.as_str().to_owned(),
            action: flag_action(*flag).to_owned(),
            owner: owner.clone(),
        });
    }
    let minor_to_text = |minor: f64| {
        let exponent = i32::from(currency.exponent());
        format!("{:.*}", exponent as usize, minor / 10f64.powi(exponent))
    };
    let today = days(as_of);
    let complaints = context.complaints.iter().filter(|c| c.opened_at <= as_of);
    Classification {
        customer_id: inputs.facts.customer_id.clone(),
        stage: verdict.stage,
        tier: verdict.tier,
        flags: verdict.flags,
        evidence,
        phrases,
        actions,
        metrics: Metrics {
            // Calendar days, as the stage rules and their evidence count them.
            recency_days: summary.last_order.map(|last| today - days(last)),
            orders: summary.orders,
            median_interval_days: summary.median_interval_days,
            monetary: money(summary.monetary_total),
            profit_12m: money(summary.profit_window),
            cost_to_serve_12m: money(summary.cost_to_serve_window),
            p_alive: inputs.model.map(|m| m.p_alive),
            expected_orders_90d: inputs.model.and_then(|m| m.expected_orders_90d),
            clv_12m: inputs.model.and_then(|m| m.clv_12m).map(minor_to_text),
            complaints: complaints.clone().count() as u32,
            open_complaints: complaints
                .filter(|c| c.resolved_at.is_none_or(|r| r > as_of))
                .count() as u32,
        },
    }
}

/// Runs every rule for one customer, without words: what a pass stores.
pub fn verdict_of(
    inputs: &CustomerInputs,
    settings: &TypeSettings,
    as_of: Millis,
    currency: Currency,
) -> Verdict {
    judge(inputs, settings, as_of, currency, false).0
}

/// The analytics settings the type settings imply, as of an instant.
pub fn analysis_settings(settings: &TypeSettings, as_of: Millis) -> AnalysisSettings {
    let mut summary = SummarySettings::new(as_of);
    summary.default_margin_rate = settings.default_margin_rate;
    summary.profit_window_days = settings.profit_window_days;
    let mut models = ModelSettings::new(as_of, TimeUnit::Day);
    models.horizon = 90.0;
    AnalysisSettings {
        summary,
        tiers: TierSettings {
            a_share: settings.tier_a_share,
            b_share: settings.tier_b_share,
        },
        models,
    }
}

/// A base classified: the analytics pass it stands on and every customer's verdict. The
/// words (evidence, actions, metrics) are written per customer on demand, with
/// [`ClassifiedBase::classification`]: a million of them cost more than the whole pass.
pub struct ClassifiedBase {
    pub analysis: BaseAnalysis,
    pub verdicts: Vec<Verdict>,
    /// Among the top share of prospects by lookalike score, aligned with the verdicts.
    ideal: Vec<bool>,
    previous: Vec<Option<PreviousStage>>,
    settings: TypeSettings,
    as_of: Millis,
    currency: Currency,
}

impl ClassifiedBase {
    /// Customer `i`'s inputs; with `forecast`, the models' forecasts too (an explanation).
    fn inputs<'a>(
        &'a self,
        i: usize,
        facts: &'a [CustomerFacts],
        context: &'a [CustomerContext],
        forecast: bool,
    ) -> CustomerInputs<'a> {
        let model = match (&self.analysis.models, &self.analysis.calibration[i]) {
            (Ok(models), Some(summary)) if forecast => {
                let p = models.predict(summary);
                Some(ModelView {
                    p_alive: p.p_alive,
                    expected_orders_90d: Some(p.expected_orders),
                    clv_12m: Some(p.clv),
                })
            }
            _ => self.analysis.p_alive[i].map(|p_alive| ModelView {
                p_alive,
                expected_orders_90d: None,
                clv_12m: None,
            }),
        };
        CustomerInputs {
            facts: &facts[i],
            context: &context[i],
            summary: &self.analysis.summaries[i],
            tier: self.analysis.tiers.tiers[i],
            model,
            ideal_prospect: self.ideal[i],
            previous: self.previous.get(i).copied().flatten(),
        }
    }

    /// Customer `i`'s classification with its words; `facts` and `context` are those the
    /// base was classified on.
    pub fn classification(
        &self,
        i: usize,
        facts: &[CustomerFacts],
        context: &[CustomerContext],
    ) -> Classification {
        classify_customer(
            &self.inputs(i, facts, context, true),
            &self.settings,
            self.as_of,
            self.currency,
        )
    }

    /// Every customer's classification, on every core.
    pub fn classifications(
        &self,
        facts: &[CustomerFacts],
        context: &[CustomerContext],
    ) -> Vec<Classification> {
        crate::parallel::map_indexed(self.verdicts.len(), |i| {
            self.classification(i, facts, context)
        })
    }
}

/// Classifies a whole base as of an instant. `previous` is empty or aligned with `facts`.
pub fn classify_base(
    facts: &[CustomerFacts],
    context: &[CustomerContext],
    previous: &[Option<PreviousStage>],
    settings: &TypeSettings,
    as_of: Millis,
    currency: Currency,
) -> ClassifiedBase {
    assert_eq!(facts.len(), context.len(), "facts and context are aligned");
    let analysis = judge_base(facts, &analysis_settings(settings, as_of));
    // Prospects ranked against tier A's profile.
    let prospects: Vec<usize> = (0..facts.len())
        .filter(|&i| analysis.summaries[i].orders == 0)
        .collect();
    let mut ideal = vec![false; facts.len()];
    if !prospects.is_empty() {
        let model = LookalikeModel::from_base(
            facts,
            &analysis.summaries,
            &analysis.tiers.tiers,
            as_of,
            &LookalikeSettings::default(),
        );
        let scores: Vec<f64> = prospects
            .iter()
            .map(|&i| model.log_odds(&facts[i].profile))
            .collect();
        let chosen = ideal_prospects(&scores, settings.ideal_prospect_share);
        // The top share, among those whose profile says anything in favour of tier A: a
        // prospect with nothing recorded, or with only what tier A lacks, is not ideal
        // however few prospects there are.
        for (k, &i) in prospects.iter().enumerate() {
            ideal[i] = chosen.selected[k] && scores[k] > model.prior_log_odds;
        }
    }
    let mut base = ClassifiedBase {
        analysis,
        verdicts: Vec::new(),
        ideal,
        previous: previous.to_vec(),
        settings: *settings,
        as_of,
        currency,
    };
    base.verdicts = crate::parallel::map_indexed(facts.len(), |i| {
        verdict_of(
            &base.inputs(i, facts, context, false),
            settings,
            as_of,
            currency,
        )
    });
    base
}
