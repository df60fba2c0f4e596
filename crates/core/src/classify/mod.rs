//! The customer-type engine (spec `customer-types.md`): every customer's lifecycle stage,
//! value tier and flags, each with its evidence in plain words and the recommended action.

pub mod changes;
pub mod facts;
mod flags;
pub mod phrase;
pub mod rules;
pub mod settings;
mod stage;
pub mod state;

pub use crate::message::{Arg, Phrase};
pub use facts::{ComplaintFact, CustomerContext, FeedbackFact, InteractionFact, OwnerFact};
pub use rules::{
    Action, Classification, ClassifiedBase, CustomerInputs, Metrics, ModelView, PreviousStage,
    Verdict, classify_base, classify_customer, verdict_of,
};
pub use settings::TypeSettings;
pub use state::EngineState;

#[cfg(test)]
mod tests;
