//! Clientele's domain: the customer-base model and its validation, money and time, messages
//! and their phrases, search folding, the customer-type rules (`classify`) and the analytics
//! (BG/NBD, Gamma-Gamma, CLV, RFM, tiers, cohorts, personas), and the audit's bulk-read
//! alarm. The demo generator is not
//! here: it is its own crate, `clientele-demo`.
//!
//! Nothing here does I/O, async work or database access: every function is a plain function
//! of its inputs, so that everything can be unit- and property-tested.

pub mod analytics;
pub mod bulk_reads;
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
    TaskPriority, TaskStatus,
};
pub use message::Message;
pub use money::{AmountText, Currency, Money};
pub use validation::{FieldError, FieldErrors};
