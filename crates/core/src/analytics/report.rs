//! One analytics pass over a base and the reports built on it: what `clientele report` and
//! `/api/v1/analytics/...` show. Money in these reports is in minor units of the business
//! currency (each report names the currency and its exponent), as the analytics compute it.

use serde::Serialize;
use utoipa::ToSchema;

use super::calibration::CalibrationSummary;
use super::calibration::Calibrator;
use super::channels::{ChannelRow, acquisition_channels};
use super::cohorts::{CohortTable, cohort_table};
use super::lookalike::{
    IDEAL_PROSPECT_SHARE, LookalikeModel, LookalikeScore, LookalikeSettings, ideal_prospects,
};
use super::models::{FittedModels, ModelError, ModelSettings, Prediction, fit_models};
use super::pareto::{
    LorenzCurve, TierSettings, TierSummary, ValueTiers, lorenz_curve, value_tiers,
};
use super::persona::{Persona, persona};
use super::rfm::{RfmSegmentCounts, rfm_scores, rfm_segment_counts};
use super::summary::{CustomerSummary, SummarySettings, summarise};
use super::{CustomerFacts, Millis, TimeUnit};
use crate::Currency;

/// Points on a reported Lorenz curve: enough for a smooth chart.
const LORENZ_POINTS: usize = 101;

/// Everything one analytics pass depends on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AnalysisSettings {
    pub summary: SummarySettings,
    pub tiers: TierSettings,
    pub models: ModelSettings,
}

impl AnalysisSettings {
    /// The spec's defaults as of an instant; the models are calibrated up to that day.
    pub fn new(as_of: Millis) -> AnalysisSettings {
        AnalysisSettings {
            summary: SummarySettings::new(as_of),
            tiers: TierSettings::default(),
            models: ModelSettings::new(as_of, TimeUnit::Week),
        }
    }

    pub fn as_of(&self) -> Millis {
        self.summary.as_of
    }
}

/// The per-customer numbers of a base, aligned with its facts.
#[derive(Clone, Debug)]
pub struct BaseAnalysis {
    pub settings: AnalysisSettings,
    pub summaries: Vec<CustomerSummary>,
    pub tiers: ValueTiers,
    pub calibration: Vec<Option<CalibrationSummary>>,
    /// The fitted models, or why the base cannot support them (then nobody has a CLV).
    pub models: Result<FittedModels, ModelError>,
    /// What the models say of each customer (expected orders, P(alive), CLV…); `None`
    /// without models or without an order, and for everyone after [`judge_base`], which
    /// computes P(alive) alone.
    pub predictions: Vec<Option<Prediction>>,
    /// P(alive) of each customer with an order, when the models fit.
    pub p_alive: Vec<Option<f64>>,
    /// 12-month CLV in minor units, from the predictions.
    pub clv_12m: Vec<Option<f64>>,
}

/// Runs the pass: summaries, tiers on trailing profit, the models and every prediction.
/// The per-customer steps run on every core.
pub fn analyse(facts: &[CustomerFacts], settings: &AnalysisSettings) -> BaseAnalysis {
    let mut analysis = judge_base(facts, settings);
    if let Ok(models) = &analysis.models {
        analysis.predictions = crate::parallel::map(&analysis.calibration, |s| {
            s.as_ref().map(|s| models.predict(s))
        });
        analysis.clv_12m = analysis
            .predictions
            .iter()
            .map(|p| p.map(|p| p.clv))
            .collect();
    }
    analysis
}

/// The pass the type engine needs for its verdicts: summaries, tiers, the models and
/// P(alive), without the forecasts (expected orders, CLV: thirteen series sums a customer),
/// which only a customer's explanation shows.
pub fn judge_base(facts: &[CustomerFacts], settings: &AnalysisSettings) -> BaseAnalysis {
    let summaries: Vec<CustomerSummary> =
        crate::parallel::map(facts, |c| summarise(c, &settings.summary));
    let profits: Vec<i64> = summaries.iter().map(|s| s.profit_window).collect();
    let tiers = value_tiers(&profits, &settings.tiers);
    let calibration = crate::parallel::map(facts, |c| {
        Calibrator::new(settings.models.calibration).summarise(&c.orders)
    });
    let models = fit_models(&calibration, &settings.models);
    let p_alive: Vec<Option<f64>> = match &models {
        Ok(models) => crate::parallel::map(&calibration, |s| {
            s.as_ref().map(|s| {
                let p = models
                    .bgnbd
                    .params
                    .probability_alive(s.frequency, s.recency, s.age);
                if p.is_finite() { p } else { 0.0 }
            })
        }),
        Err(_) => vec![None; facts.len()],
    };
    BaseAnalysis {
        settings: *settings,
        summaries,
        tiers,
        calibration,
        models,
        predictions: vec![None; facts.len()],
        p_alive,
        clv_12m: vec![None; facts.len()],
    }
}

/// What every report says about itself.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct ReportHeader {
    /// The instant the report is as of (RFC 3339, UTC).
    pub as_of: String,
    /// The business currency; money in the report is in its minor units.
    pub currency: String,
    /// Decimal places of the currency: divide minor units by 10^exponent for the amount.
    pub currency_exponent: u8,
    /// Customers the report covers.
    pub customers: u64,
}

fn header(analysis: &BaseAnalysis, currency: Currency) -> ReportHeader {
    ReportHeader {
        as_of: crate::time::from_millis(analysis.settings.as_of())
            .map(crate::time::format_instant)
            .unwrap_or_default(),
        currency: currency.code().to_owned(),
        currency_exponent: currency.exponent(),
        customers: analysis.summaries.len() as u64,
    }
}

/// RFM segments.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct RfmReport {
    #[serde(flatten)]
    pub header: ReportHeader,
    #[serde(flatten)]
    pub counts: RfmSegmentCounts,
}

/// Value tiers and the concentration of profit and revenue.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct TiersReport {
    #[serde(flatten)]
    pub header: ReportHeader,
    /// Tiers on trailing-12-month profit.
    pub tiers: TierSummary,
    /// Lorenz curve of trailing-12-month profit (a "whale curve": shares pass 1 when some
    /// customers lose money).
    pub profit: LorenzCurve,
    /// Lorenz curve of the profit customers make, each customer's loss counted as none: a
    /// true Lorenz curve, within 0–1 with a Gini coefficient within 0–1, as a chart draws it.
    pub profit_made: LorenzCurve,
    /// The customers whose trailing-12-month profit is below zero, and what they lose in all
    /// (minor units, not above zero).
    pub losing_customers: u64,
    pub losses: i64,
    /// Lorenz curve of trailing-12-month revenue.
    pub revenue: LorenzCurve,
}

/// Monthly acquisition cohorts.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct CohortsReport {
    #[serde(flatten)]
    pub header: ReportHeader,
    #[serde(flatten)]
    pub table: CohortTable,
}

/// Acquisition channels.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct ChannelsReport {
    #[serde(flatten)]
    pub header: ReportHeader,
    /// Why there is no CLV, when the base cannot support the models.
    pub clv_unavailable: Option<String>,
    pub channels: Vec<ChannelRow>,
}

/// The persona of tier A against the rest.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct PersonaReport {
    #[serde(flatten)]
    pub header: ReportHeader,
    #[serde(flatten)]
    pub persona: Persona,
}

/// One prospect and how much their profile resembles tier A's.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct ProspectRow {
    pub customer_id: String,
    /// In the top 10 % of prospects: the `ideal_prospect` flag.
    pub ideal_prospect: bool,
    #[serde(flatten)]
    pub score: LookalikeScore,
}

/// Prospects ranked by their lookalike score.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct ProspectsReport {
    #[serde(flatten)]
    pub header: ReportHeader,
    /// Customers without an order.
    pub prospects: u64,
    pub ideal_prospects: u64,
    /// The lowest log-odds flagged ideal.
    pub ideal_threshold: Option<f64>,
    /// The best first, at most the number asked for.
    pub ranked: Vec<ProspectRow>,
}

impl BaseAnalysis {
    pub fn rfm(&self, currency: Currency) -> RfmReport {
        RfmReport {
            header: header(self, currency),
            counts: rfm_segment_counts(&rfm_scores(&self.summaries)),
        }
    }

    pub fn tiers(&self, currency: Currency) -> TiersReport {
        let revenue: Vec<i64> = self.summaries.iter().map(|s| s.revenue_window).collect();
        let profit: Vec<i64> = self.summaries.iter().map(|s| s.profit_window).collect();
        let made: Vec<i64> = profit.iter().map(|&p| p.max(0)).collect();
        let losses: i128 = profit
            .iter()
            .filter(|&&p| p < 0)
            .map(|&p| i128::from(p))
            .sum();
        TiersReport {
            header: header(self, currency),
            tiers: self.tiers.summary.clone(),
            profit_made: lorenz_curve(&made, LORENZ_POINTS),
            losing_customers: profit.iter().filter(|&&p| p < 0).count() as u64,
            losses: losses.clamp(i128::from(i64::MIN), 0) as i64,
            profit: lorenz_curve(&profit, LORENZ_POINTS),
            revenue: lorenz_curve(&revenue, LORENZ_POINTS),
        }
    }

    pub fn cohorts(&self, facts: &[CustomerFacts], currency: Currency) -> CohortsReport {
        CohortsReport {
            header: header(self, currency),
            table: cohort_table(facts, self.settings.as_of()),
        }
    }

    pub fn channels(&self, facts: &[CustomerFacts], currency: Currency) -> ChannelsReport {
        ChannelsReport {
            header: header(self, currency),
            clv_unavailable: self.models.as_ref().err().map(ToString::to_string),
            channels: acquisition_channels(
                facts,
                &self.summaries,
                &self.tiers.tiers,
                &self.clv_12m,
            ),
        }
    }

    pub fn persona(&self, facts: &[CustomerFacts], currency: Currency) -> PersonaReport {
        PersonaReport {
            header: header(self, currency),
            persona: persona(
                facts,
                &self.summaries,
                &self.tiers.tiers,
                self.settings.as_of(),
            ),
        }
    }

    /// Prospects (customers without an order) scored against tier A, the best `limit` first.
    pub fn prospects(
        &self,
        facts: &[CustomerFacts],
        currency: Currency,
        limit: usize,
    ) -> ProspectsReport {
        let model = LookalikeModel::from_base(
            facts,
            &self.summaries,
            &self.tiers.tiers,
            self.settings.as_of(),
            &LookalikeSettings::default(),
        );
        let prospects: Vec<usize> = (0..facts.len())
            .filter(|&i| self.summaries[i].orders == 0)
            .collect();
        let scores: Vec<f64> = prospects
            .iter()
            .map(|&i| model.log_odds(&facts[i].profile))
            .collect();
        let ideal = ideal_prospects(&scores, IDEAL_PROSPECT_SHARE);
        // Best first; equal scores by customer id, so the order is the same every time.
        let mut order: Vec<usize> = (0..prospects.len()).collect();
        order.sort_by(|&x, &y| {
            scores[y].total_cmp(&scores[x]).then_with(|| {
                facts[prospects[x]]
                    .customer_id
                    .cmp(&facts[prospects[y]].customer_id)
            })
        });
        let ranked = order
            .into_iter()
            .take(limit)
            .map(|k| ProspectRow {
                customer_id: facts[prospects[k]].customer_id.clone(),
                ideal_prospect: ideal.selected[k],
                score: model.score(&facts[prospects[k]].profile),
            })
            .collect();
        ProspectsReport {
            header: header(self, currency),
            prospects: prospects.len() as u64,
            ideal_prospects: ideal.ideal,
            ideal_threshold: ideal.threshold,
            ranked,
        }
    }
}
