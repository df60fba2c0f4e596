//! What a full pass leaves behind so that one customer can be re-evaluated after an edit
//! without refitting anything: the models' parameters, the tier cut-offs and the settings.
//! One customer's edit does not move the base-wide models measurably; an import or a
//! settings change runs a full pass, which refits them.

use serde::{Deserialize, Serialize};

use super::facts::CustomerContext;
use super::rules::{
    Classification, CustomerInputs, ModelView, PreviousStage, Verdict, classify_customer,
    verdict_of,
};
use super::settings::TypeSettings;
use crate::Currency;
use crate::analytics::bgnbd::BgNbdParams;
use crate::analytics::calibration::{CalibrationSettings, Calibrator, TimeUnit};
use crate::analytics::clv::{ClvModel, ClvSettings};
use crate::analytics::gamma_gamma::GammaGammaParams;
use crate::analytics::pareto::ValueTier;
use crate::analytics::{CustomerFacts, Millis, summarise};

/// The base-wide results of the last full pass.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct EngineState {
    /// The as-of instant of that pass.
    pub as_of: Millis,
    pub settings: TypeSettings,
    /// The fitted models, when the base supported them (unit: days).
    pub models: Option<(BgNbdParams, GammaGammaParams)>,
    /// The least trailing profit of tier A and of tier B.
    pub tier_a_min_profit: Option<i64>,
    pub tier_b_min_profit: Option<i64>,
    /// Whether the base gave any customer an owner; a state saved before this was kept
    /// reads as yes (what the engine assumed then).
    #[serde(default = "assigned")]
    pub owners_assigned: bool,
    /// Whether that pass was given its date (`classify --as-of`) rather than run as of now:
    /// the base then keeps that date as its evaluation clock, and re-evaluations after an
    /// edit or an import happen as of it, so that history is never recorded out of time
    /// order. A state saved before this was kept reads as not pinned.
    #[serde(default)]
    pub pinned: bool,
}

fn assigned() -> bool {
    true
}

impl EngineState {
    /// The state a classified base leaves.
    pub fn of(base: &super::rules::ClassifiedBase, settings: &TypeSettings, as_of: Millis) -> Self {
        EngineState {
            as_of,
            settings: *settings,
            models: base
                .analysis
                .models
                .as_ref()
                .ok()
                .map(|m| (m.bgnbd.params, m.gamma_gamma.params)),
            tier_a_min_profit: base.analysis.tiers.summary.a_min_profit,
            tier_b_min_profit: base.analysis.tiers.summary.b_min_profit,
            owners_assigned: base.owners_assigned,
            pinned: false,
        }
    }

    /// The instant the base's automatic re-evaluations happen at, given the wall clock:
    /// the pinned date of the last full pass, else now (never before the last pass, should
    /// the clock have gone back).
    pub fn evaluation_instant(&self, now: Millis) -> Millis {
        if self.pinned {
            self.as_of
        } else {
            now.max(self.as_of)
        }
    }

    fn tier_of(&self, profit: i64) -> ValueTier {
        if profit > 0 && self.tier_a_min_profit.is_some_and(|min| profit >= min) {
            ValueTier::A
        } else if profit > 0 && self.tier_b_min_profit.is_some_and(|min| profit >= min) {
            ValueTier::B
        } else {
            ValueTier::C
        }
    }

    /// Re-evaluates one customer as of `as_of` with the stored models and cut-offs.
    /// `was_ideal_prospect` carries the lookalike verdict of the last full pass (a single
    /// prospect's profile cannot be ranked against the others without them).
    pub fn classify_one(
        &self,
        facts: &CustomerFacts,
        context: &CustomerContext,
        previous: Option<PreviousStage>,
        was_ideal_prospect: bool,
        as_of: Millis,
        currency: Currency,
    ) -> Classification {
        self.with_inputs(
            facts,
            context,
            previous,
            was_ideal_prospect,
            as_of,
            true,
            |inputs| classify_customer(inputs, &self.settings, as_of, currency),
        )
    }

    /// The same without words: the verdict alone.
    pub fn verdict_one(
        &self,
        facts: &CustomerFacts,
        context: &CustomerContext,
        previous: Option<PreviousStage>,
        was_ideal_prospect: bool,
        as_of: Millis,
        currency: Currency,
    ) -> Verdict {
        self.with_inputs(
            facts,
            context,
            previous,
            was_ideal_prospect,
            as_of,
            false,
            |inputs| verdict_of(inputs, &self.settings, as_of, currency),
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn with_inputs<R>(
        &self,
        facts: &CustomerFacts,
        context: &CustomerContext,
        previous: Option<PreviousStage>,
        was_ideal_prospect: bool,
        as_of: Millis,
        forecast: bool,
        judge: impl FnOnce(&CustomerInputs) -> R,
    ) -> R {
        let analysis = super::rules::analysis_settings(&self.settings, as_of);
        let summary = summarise(facts, &analysis.summary);
        let model = self.models.and_then(|(transactions, spend)| {
            let calibration = CalibrationSettings::new(as_of, TimeUnit::Day);
            let s = Calibrator::new(calibration).summarise(&facts.orders)?;
            let clv = ClvModel {
                transactions,
                spend,
                unit: TimeUnit::Day,
                settings: ClvSettings::default(),
            };
            let finite = |v: f64| if v.is_finite() { v } else { 0.0 };
            Some(ModelView {
                p_alive: finite(transactions.probability_alive(s.frequency, s.recency, s.age)),
                expected_orders_90d: forecast.then(|| {
                    finite(transactions.conditional_expected_transactions(
                        analysis.models.horizon,
                        s.frequency,
                        s.recency,
                        s.age,
                    ))
                }),
                clv_12m: forecast.then(|| finite(clv.value(&s).unwrap_or(0.0))),
            })
        });
        let inputs = CustomerInputs {
            facts,
            context,
            summary: &summary,
            tier: self.tier_of(summary.profit_window),
            model,
            ideal_prospect: was_ideal_prospect,
            owners_assigned: self.owners_assigned || context.owner.is_some(),
            previous,
        };
        judge(&inputs)
    }
}
