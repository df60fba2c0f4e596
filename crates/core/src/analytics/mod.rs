//! The numbers the customer types stand on: per-customer summaries, RFM, the BG/NBD and
//! Gamma-Gamma models with lifetime value, profitability and Pareto tiers, cohorts,
//! acquisition channels, personas and lookalike scores.
//!
//! Everything here works on plain integers and floats so that a base of millions fits in
//! memory and runs in seconds: time is milliseconds since the Unix epoch (UTC), money is
//! integer minor units of the business currency. The store aggregates rows into these facts;
//! nothing here knows where they came from.

pub mod bgnbd;
pub mod calibration;
pub mod channels;
pub mod clv;
pub mod cohorts;
pub mod gamma_gamma;
pub mod lookalike;
pub mod models;
pub mod optimize;
pub mod pareto;
pub mod persona;
pub mod report;
pub mod rfm;
pub mod special;
pub mod summary;

pub use bgnbd::{BgNbdData, BgNbdFit, BgNbdParams};
pub use calibration::{
    CalibrationSettings, CalibrationSummary, Calibrator, TimeUnit, calibration_summary,
};
pub use channels::{ChannelRow, acquisition_channels};
pub use clv::{ClvModel, ClvSettings, customer_lifetime_value};
pub use cohorts::{CohortMonth, CohortRow, CohortTable, cohort_table};
pub use gamma_gamma::{GammaGammaData, GammaGammaExclusions, GammaGammaFit, GammaGammaParams};
pub use lookalike::{
    IDEAL_PROSPECT_SHARE, IdealProspects, LookalikeModel, LookalikeReason, LookalikeScore,
    LookalikeSettings, auc, ideal_prospects,
};
pub use optimize::FitError;
pub use pareto::{
    LorenzCurve, LorenzPoint, TierRow, TierSettings, TierSummary, ValueTier, ValueTiers,
    lorenz_curve, value_tiers,
};
pub use persona::{AgeBands, Persona, PersonaRow, ProfileAttribute, persona};
pub use rfm::{
    RfmInput, RfmScore, RfmSegment, RfmSegmentCount, RfmSegmentCounts, rfm_scores, rfm_scores_of,
    rfm_segment_counts,
};
pub use summary::{CustomerSummary, SummarySettings, summarise};

/// Milliseconds since 1970-01-01T00:00:00Z.
pub type Millis = i64;

/// One day in milliseconds. Days here are 24-hour spans of UTC time.
pub const DAY_MS: Millis = 86_400_000;

/// One order as the analytics see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OrderFact {
    pub at: Millis,
    /// Amount in minor units.
    pub amount: i64,
    /// Cost of goods in minor units, when the business recorded it.
    pub cost: Option<i64>,
}

/// One cost-to-serve entry (support time, discount, return, shipping…).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CostFact {
    pub at: Millis,
    /// Amount in minor units.
    pub amount: i64,
}

/// The demographic and acquisition profile personas and lookalike scores compare.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Profile {
    pub birth_year: Option<i32>,
    pub gender: Option<String>,
    pub income_band: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    pub country: Option<String>,
    pub acquisition_channel: Option<String>,
}

/// Everything the analytics know about one customer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CustomerFacts {
    pub customer_id: String,
    /// When the customer was acquired (the record's `created_at`).
    pub created_at: Millis,
    /// Acquisition cost in minor units.
    pub acquisition_cost: Option<i64>,
    pub profile: Profile,
    /// Orders in any order; the functions here sort what they need.
    pub orders: Vec<OrderFact>,
    pub costs: Vec<CostFact>,
}
