//! The type engine's results: each customer's current stage, tier and flags, the dated
//! transitions between evaluations, and the state of the last full pass (its instant, the
//! fitted models, the tier cut-offs and the settings).
//!
//! Only verdicts are stored. A profile's evidence, actions and metrics are recomputed on
//! demand from the customer's facts as of their evaluation instant with the stored state,
//! which gives what the evaluation gave (`EngineState::classify_one` is the full pass's
//! rules on the same numbers). So a pass writes the customers whose verdict changed and no
//! more: on a base of a million, a day's pass changes thousands.

mod counts;
mod diff;
mod pass;
mod profile;
mod reevaluate;
mod settings;

pub use counts::{NamedCount, TypeCounts};
pub use pass::{FullPass, TypeMove, TypePreview};
pub use profile::StoredProfile;
pub use reevaluate::Reevaluation;
pub(crate) use settings::owe_reevaluation;

use clientele_core::analytics::pareto::ValueTier;
use clientele_core::classify::Verdict;
use clientele_core::{Flag, Stage};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::{StoreError, StoreResult};

/// What saving an evaluation changed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, ToSchema)]
pub struct SavedTypes {
    /// Customers evaluated.
    pub customers: u64,
    /// Transitions recorded (stage, tier and each flag that changed).
    pub transitions: u64,
}

/// A stored stage and tier, read back.
fn stored_verdict(stage: &str, tier: &str) -> StoreResult<Verdict> {
    Ok(Verdict {
        stage: Stage::parse(stage).map_err(corrupt("stage"))?,
        tier: tier_parse(tier)?,
        flags: Vec::new(),
    })
}

/// A stored flag, read back.
fn stored_flag(flag: &str) -> StoreResult<Flag> {
    Flag::parse(flag).map_err(corrupt("flag"))
}

fn tier_parse(text: &str) -> StoreResult<ValueTier> {
    match text {
        "A" => Ok(ValueTier::A),
        "B" => Ok(ValueTier::B),
        "C" => Ok(ValueTier::C),
        other => Err(StoreError::Corrupt(format!("tier `{other}`"))),
    }
}

fn corrupt(what: &str) -> impl Fn(clientele_core::Message) -> StoreError + '_ {
    move |e| StoreError::Corrupt(format!("{what}: {e}"))
}
