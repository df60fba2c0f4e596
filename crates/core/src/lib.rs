//! Clientele's pure core: the customer-base model and its validation, money and time, search
//! folding, and (in later modules) the customer-type rules and the analytics.
//!
//! Nothing here does I/O, async work or database access: every function is a plain function
//! of its inputs, so that everything can be unit- and property-tested.

pub mod analytics;
pub mod classify;
pub mod enums;
pub mod message;
pub mod model;
pub mod money;
pub mod parallel;
pub mod search;
// Shared with the benches and the demo's tests, hence kept beside the benches.
#[cfg(test)]
#[path = "../benches/support/splitmix.rs"]
pub(crate) mod splitmix;
pub mod time;
pub mod validation;

pub use enums::{
    Axis, Channel, CustomerKind, Direction, EmployeeRole, Flag, Party, Severity, Stage,
};
pub use message::Message;
pub use money::{AmountText, Currency, Money};
pub use validation::{FieldError, FieldErrors};
