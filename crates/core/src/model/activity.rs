//! What happens around a customer besides orders: what serving them costs, every contact,
//! every complaint and every piece of feedback.

use crate::message::Message;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{
    Context, NumberText, choice, instant, required_amount, required_instant, whole_number,
};
use crate::enums::{Channel, Direction, Severity};
use crate::money::{AmountText, Money};
use crate::time::rfc3339;
use crate::validation::{self, FieldErrors, external_id, optional_long_text, optional_text};

// ----- cost to serve ---------------------------------------------------------------------

// A cost to serve as a client writes it. The API document keeps the names it always had
// (`CostEntryDraft`, `CostEntry`, `CostEntryRecord`).
#[derive(Clone, Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = CostEntryDraft)]
pub struct CostToServeDraft {
    pub customer_id: Option<String>,
    #[schema(value_type = String, format = DateTime)]
    pub incurred_at: Option<String>,
    /// What the cost was: `support`, `discount`, `promotion`, `return`, `shipping`, or the
    /// business's own word (default `other`).
    pub category: Option<String>,
    /// In the business currency, e.g. `"12.00"`.
    #[schema(value_type = String, example = "12.00")]
    pub amount: Option<AmountText>,
}

/// One cost of serving a customer (support time, discounts and promotions, returns,
/// shipping), dated.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
#[schema(as = CostEntry)]
pub struct CostToServe {
    pub customer_id: String,
    #[serde(with = "rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub incurred_at: Timestamp,
    pub category: String,
    #[schema(value_type = String, example = "12.00")]
    pub amount: Money,
}

#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
#[schema(as = CostEntryRecord)]
pub struct CostToServeRecord {
    pub cost_id: i64,
    #[serde(flatten)]
    pub entry: CostToServe,
}

pub const COST_TO_SERVE_READ_ONLY: &[&str] = &["cost_id"];

impl CostToServeDraft {
    pub fn validate(self, ctx: &Context) -> Result<CostToServe, FieldErrors> {
        let mut e = FieldErrors::new();
        let customer_id = e.check("customer_id", external_id(self.customer_id));
        let incurred_at = required_instant(&mut e, "incurred_at", self.incurred_at.as_deref());
        let category = e
            .check("category", optional_text(self.category, 64))
            .flatten()
            .map(|c| c.to_lowercase());
        let amount_value = required_amount(&mut e, "amount", self.amount.as_ref(), ctx.currency);
        if amount_value.is_some_and(|a| a.is_negative()) {
            e.add("amount", Message::new("negative"));
        }
        e.finish(|| CostToServe {
            customer_id: customer_id.unwrap_or_default(),
            incurred_at: incurred_at.unwrap_or(ctx.now),
            category: category.unwrap_or_else(|| "other".to_owned()),
            amount: amount_value.unwrap_or(Money::zero(ctx.currency)),
        })
    }
}

// ----- interactions ----------------------------------------------------------------------

#[derive(Clone, Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InteractionDraft {
    pub customer_id: Option<String>,
    #[schema(value_type = String, format = DateTime)]
    pub occurred_at: Option<String>,
    #[schema(value_type = Option<Channel>)]
    pub channel: Option<String>,
    #[schema(value_type = Option<Direction>)]
    pub direction: Option<String>,
    /// The employee who took part.
    pub employee_email: Option<String>,
    pub summary: Option<String>,
    /// How it ended: `reached`, `no_answer`, `won_back`, `refused`, `let_go`, or the
    /// business's own word.
    pub outcome: Option<String>,
}

/// One contact with a customer: a call, e-mail, SMS, chat, meeting or visit.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Interaction {
    pub customer_id: String,
    #[serde(with = "rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub occurred_at: Timestamp,
    pub channel: Option<Channel>,
    pub direction: Option<Direction>,
    pub employee_email: Option<String>,
    pub summary: Option<String>,
    pub outcome: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct InteractionRecord {
    pub interaction_id: i64,
    #[serde(flatten)]
    pub interaction: Interaction,
}

pub const INTERACTION_READ_ONLY: &[&str] = &["interaction_id"];

impl InteractionDraft {
    pub fn validate(self, ctx: &Context) -> Result<Interaction, FieldErrors> {
        let mut e = FieldErrors::new();
        let customer_id = e.check("customer_id", external_id(self.customer_id));
        let occurred_at = required_instant(&mut e, "occurred_at", self.occurred_at.as_deref());
        let channel = choice(&mut e, "channel", self.channel.as_deref(), Channel::parse);
        let direction = choice(
            &mut e,
            "direction",
            self.direction.as_deref(),
            Direction::parse,
        );
        let employee_email = e
            .check("employee_email", validation::email(self.employee_email))
            .flatten()
            .map(|m| m.to_lowercase());
        let summary = e
            .check("summary", optional_long_text(self.summary, 4000))
            .flatten();
        let outcome = e
            .check("outcome", validation::optional_text(self.outcome, 60))
            .flatten()
            .map(|o| super::outcome_code(&o));
        e.finish(|| Interaction {
            customer_id: customer_id.unwrap_or_default(),
            occurred_at: occurred_at.unwrap_or(ctx.now),
            channel,
            direction,
            employee_email,
            summary,
            outcome,
        })
    }
}

// ----- complaints ------------------------------------------------------------------------

#[derive(Clone, Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ComplaintDraft {
    /// The business's own ticket number, unique. Generated by the API when absent.
    pub complaint_id: Option<String>,
    pub customer_id: Option<String>,
    #[schema(value_type = String, format = DateTime)]
    pub opened_at: Option<String>,
    /// Absent or null while the complaint is open.
    #[schema(value_type = Option<String>, format = DateTime)]
    pub resolved_at: Option<String>,
    /// `low`, `medium` (default), `high` or `critical`.
    #[schema(value_type = Option<Severity>)]
    pub severity: Option<String>,
    pub subject: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Complaint {
    pub complaint_id: String,
    pub customer_id: String,
    #[serde(with = "rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub opened_at: Timestamp,
    #[serde(with = "rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub resolved_at: Option<Timestamp>,
    pub severity: Severity,
    pub subject: Option<String>,
    #[serde(with = "rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: Timestamp,
}

pub const COMPLAINT_READ_ONLY: &[&str] = &["updated_at"];

impl ComplaintDraft {
    pub fn validate(self, ctx: &Context) -> Result<Complaint, FieldErrors> {
        let mut e = FieldErrors::new();
        let complaint_id = e.check("complaint_id", external_id(self.complaint_id));
        let customer_id = e.check("customer_id", external_id(self.customer_id));
        let opened_at = required_instant(&mut e, "opened_at", self.opened_at.as_deref());
        let resolved_at = instant(&mut e, "resolved_at", self.resolved_at.as_deref());
        if let (Some(opened), Some(resolved)) = (opened_at, resolved_at)
            && resolved < opened
        {
            e.add("resolved_at", Message::new("before-opened"));
        }
        let severity = choice(
            &mut e,
            "severity",
            self.severity.as_deref(),
            Severity::parse,
        );
        let subject = e
            .check("subject", optional_text(self.subject, 300))
            .flatten();
        e.finish(|| Complaint {
            complaint_id: complaint_id.unwrap_or_default(),
            customer_id: customer_id.unwrap_or_default(),
            opened_at: opened_at.unwrap_or(ctx.now),
            resolved_at,
            severity: severity.unwrap_or(Severity::Medium),
            subject,
            updated_at: ctx.now,
        })
    }
}

// ----- feedback --------------------------------------------------------------------------

#[derive(Clone, Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FeedbackDraft {
    pub customer_id: Option<String>,
    #[schema(value_type = String, format = DateTime)]
    pub given_at: Option<String>,
    /// Net Promoter answer, 0–10.
    #[schema(value_type = Option<i64>, minimum = 0, maximum = 10)]
    pub nps: Option<NumberText>,
    /// Satisfaction, 1–5.
    #[schema(value_type = Option<i64>, minimum = 1, maximum = 5)]
    pub csat: Option<NumberText>,
    pub comment: Option<String>,
}

/// What a customer told us: an NPS answer, a CSAT score, or both, with a comment.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Feedback {
    pub customer_id: String,
    #[serde(with = "rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub given_at: Timestamp,
    pub nps: Option<i16>,
    pub csat: Option<i16>,
    pub comment: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct FeedbackRecord {
    pub feedback_id: i64,
    #[serde(flatten)]
    pub feedback: Feedback,
}

pub const FEEDBACK_READ_ONLY: &[&str] = &["feedback_id"];

impl FeedbackDraft {
    pub fn validate(self, ctx: &Context) -> Result<Feedback, FieldErrors> {
        let mut e = FieldErrors::new();
        let customer_id = e.check("customer_id", external_id(self.customer_id));
        let given_at = required_instant(&mut e, "given_at", self.given_at.as_deref());
        let nps = whole_number(&mut e, "nps", self.nps.as_ref(), 0..=10);
        let csat = whole_number(&mut e, "csat", self.csat.as_ref(), 1..=5);
        let blank = |v: &Option<NumberText>| v.as_ref().is_none_or(NumberText::is_blank);
        if blank(&self.nps) && blank(&self.csat) {
            e.add("nps", Message::new("feedback-empty"));
        }
        let comment = e
            .check("comment", optional_long_text(self.comment, 4000))
            .flatten();
        e.finish(|| Feedback {
            customer_id: customer_id.unwrap_or_default(),
            given_at: given_at.unwrap_or(ctx.now),
            nps: nps.and_then(|n| i16::try_from(n).ok()),
            csat: csat.and_then(|n| i16::try_from(n).ok()),
            comment,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;
    use serde_json::json;

    fn ctx() -> Context {
        Context::new(Timestamp::UNIX_EPOCH, Currency::USD)
    }

    #[test]
    fn feedback_needs_a_score_within_its_scale() {
        let none: FeedbackDraft =
            serde_json::from_value(json!({"customer_id": "C", "given_at": "2026-01-01"})).unwrap();
        assert!(
            none.validate(&ctx())
                .unwrap_err()
                .to_string()
                .contains("give an NPS answer")
        );
        let bad: FeedbackDraft = serde_json::from_value(
            json!({"customer_id": "C", "given_at": "2026-01-01", "nps": 11, "csat": "x"}),
        )
        .unwrap();
        assert_eq!(
            bad.validate(&ctx()).unwrap_err().to_string(),
            "nps: 11 is outside 0–10; csat: `x` is not a whole number"
        );
    }

    #[test]
    fn a_complaint_cannot_be_resolved_before_it_was_opened() {
        let draft: ComplaintDraft = serde_json::from_value(json!({
            "complaint_id": "K-1", "customer_id": "C", "opened_at": "2026-02-01", "resolved_at": "2026-01-01"
        }))
        .unwrap();
        assert_eq!(
            draft.validate(&ctx()).unwrap_err().to_string(),
            "resolved_at: is before opened_at"
        );
    }

    #[test]
    fn interaction_channels_are_the_spec_ones() {
        let draft: InteractionDraft = serde_json::from_value(json!({
            "customer_id": "C", "occurred_at": "2026-02-01", "channel": "fax"
        }))
        .unwrap();
        assert!(
            draft
                .validate(&ctx())
                .unwrap_err()
                .to_string()
                .starts_with("channel: `fax` is not one of: call, email")
        );
    }
}
