//! Type transitions: every change of a customer's stage, tier or flags, dated, so that "who
//! became lapsed this week" can be answered. Written by the type engine, read by everyone.

use crate::message::Message;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{Context, required_instant};
use crate::enums::Axis;
use crate::time::rfc3339;
use crate::validation::{FieldErrors, external_id, optional_text};

#[derive(Clone, Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransitionDraft {
    pub customer_id: Option<String>,
    #[schema(value_type = String, format = DateTime)]
    pub at: Option<String>,
    #[schema(value_type = Axis)]
    pub axis: Option<String>,
    /// The value before (absent for a first assignment or a raised flag).
    pub from: Option<String>,
    /// The value after (absent for a cleared flag).
    pub to: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Transition {
    pub customer_id: String,
    #[serde(with = "rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub at: Timestamp,
    pub axis: Axis,
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct TransitionRecord {
    pub transition_id: i64,
    #[serde(flatten)]
    pub transition: Transition,
}

impl TransitionDraft {
    pub fn validate(self, _ctx: &Context) -> Result<Transition, FieldErrors> {
        let mut e = FieldErrors::new();
        let customer_id = e.check("customer_id", external_id(self.customer_id));
        let at = required_instant(&mut e, "at", self.at.as_deref());
        let axis = match self.axis.as_deref() {
            Some(a) => e.check("axis", Axis::parse(a)),
            None => {
                e.add("axis", Message::new("required"));
                None
            }
        };
        let from = e.check("from", optional_text(self.from, 64)).flatten();
        let to = e.check("to", optional_text(self.to, 64)).flatten();
        if from.is_none() && to.is_none() {
            e.add("to", Message::new("transition-empty"));
        }
        if from.is_some() && from == to {
            e.add("to", Message::new("transition-same"));
        }
        e.finish(|| Transition {
            customer_id: customer_id.unwrap_or_default(),
            at: at.unwrap_or(Timestamp::UNIX_EPOCH),
            axis: axis.unwrap_or(Axis::Stage),
            from,
            to,
        })
    }
}
