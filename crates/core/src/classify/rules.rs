//! The rules of the spec as plain functions of a customer's history, the base-wide models
//! and the settings. Deterministic: nothing depends on the order rows came in.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::facts::CustomerContext;
use super::flags::flags_of;
use super::phrase::english;
use super::settings::TypeSettings;
use super::stage::{days, stage_of};
use crate::analytics::lookalike::{LookalikeModel, LookalikeSettings, ideal_prospects};
use crate::analytics::models::ModelSettings;
use crate::analytics::pareto::{TierSettings, ValueTier};
use crate::analytics::report::{AnalysisSettings, BaseAnalysis, judge_base};
use crate::analytics::{CustomerFacts, CustomerSummary, Millis, SummarySettings, TimeUnit};
use crate::message::{Arg, Phrase};
use crate::{Currency, CustomerKind, Flag, Money, Stage};

// The edges show each stage's and flag's action next to the rules' verdicts.
pub use super::flags::flag_action;
pub use super::stage::stage_action;

/// The stage a customer had at an earlier evaluation, for `reborn` across evaluations.
/// Only what the order history cannot tell is taken from it (a lapse or loss that the
/// models, not the gaps, had found): everything the orders show is judged from the orders
/// alone, so a base evaluated every week and one evaluated once agree on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PreviousStage {
    pub stage: Stage,
    /// The as-of instant of that evaluation.
    pub at: Millis,
    /// When the customer entered that stage (the instant of the transition into it), when
    /// one was recorded; a reborn customer won back by the models stays reborn for the
    /// window counted from it.
    pub since: Option<Millis>,
}

impl PreviousStage {
    /// The stage found at `at`, entered at an unknown instant.
    pub fn at(stage: Stage, at: Millis) -> PreviousStage {
        PreviousStage {
            stage,
            at,
            since: None,
        }
    }
}

/// The numbers behind a classification. Money is exact decimal text in the business
/// currency; the model's figures are absent when the base cannot support the models.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Metrics {
    pub recency_days: Option<i64>,
    pub orders: u32,
    pub median_interval_days: Option<f64>,
    pub monetary: String,
    /// Profit over the last `profit_window_days` days (a setting, a year by default).
    pub profit_window: String,
    /// Cost to serve over the same window.
    pub cost_to_serve_window: String,
    /// The window, in days, that `profit_window` and `cost_to_serve_window` cover.
    pub profit_window_days: u32,
    /// Deprecated: the same as `profit_window`, named for a window that is a setting, not
    /// always 12 months. Removed in the next release.
    #[schema(deprecated)]
    pub profit_12m: String,
    /// Deprecated: the same as `cost_to_serve_window`. Removed in the next release.
    #[schema(deprecated)]
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

/// Evidence keyed by stage, tier, flag or relationship; makes nothing unless wanted.
pub(super) struct Evidence {
    pub(super) explain: bool,
    phrases: BTreeMap<String, Vec<Phrase>>,
}

impl Evidence {
    pub(super) fn add(&mut self, key: &str, phrases: impl FnOnce() -> Vec<Phrase>) {
        if self.explain {
            self.phrases.insert(key.to_owned(), phrases());
        }
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
    /// Whether the business gives its customers owners at all: without a team, "no owner"
    /// is how every customer is, not a risk.
    pub owners_assigned: bool,
    pub previous: Option<PreviousStage>,
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

    let flags = flags_of(inputs, stage, settings, as_of, &money, &mut evidence);
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
            profit_window: money(summary.profit_window),
            cost_to_serve_window: money(summary.cost_to_serve_window),
            profit_window_days: settings.profit_window_days,
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

/// A customer's types without their explanation: what a pass stores and compares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    pub stage: Stage,
    pub tier: ValueTier,
    /// In the spec's order.
    pub flags: Vec<Flag>,
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
    /// Whether any customer of the base has an owner (see [`CustomerInputs::owners_assigned`]).
    pub owners_assigned: bool,
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
            owners_assigned: self.owners_assigned,
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
        owners_assigned: context.iter().any(|c| c.owner.is_some()),
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
