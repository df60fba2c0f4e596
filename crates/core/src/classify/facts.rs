//! What the type engine knows about a customer beyond the analytics' facts
//! ([`crate::analytics::CustomerFacts`]): who they are to the business, who owns them, and
//! their complaints, feedback and contacts. Plain integers and enums, aligned by index with
//! the analytics' facts, so that a base of millions stays compact.

use crate::analytics::Millis;
use crate::{Channel, CustomerKind, Party, Severity};

/// The employee who owns a customer relationship.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnerFact {
    /// The employee's key in the store, to compare with [`InteractionFact::employee`].
    pub employee: i64,
    pub email: String,
    pub name: String,
    /// When the employee left; `None` while they work here.
    pub left_at: Option<Millis>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ComplaintFact {
    pub opened_at: Millis,
    /// `None` while open.
    pub resolved_at: Option<Millis>,
    pub severity: Severity,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FeedbackFact {
    pub given_at: Millis,
    /// 0–10.
    pub nps: Option<u8>,
    /// 1–5.
    pub csat: Option<u8>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InteractionFact {
    pub occurred_at: Millis,
    pub channel: Option<Channel>,
    /// The employee's key, when an employee took part.
    pub employee: Option<i64>,
}

/// One customer's context for the type engine, aligned with their analytics facts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomerContext {
    pub kind: CustomerKind,
    pub party: Party,
    /// `wallet_holder`, `ally` or the business's own word, for a member of an organisation.
    pub role: Option<String>,
    /// The organisation's `customer_id`, for a member.
    pub organisation_id: Option<String>,
    pub owner: Option<OwnerFact>,
    /// Sorted by time (the store reads them so; the engine does not rely on it).
    pub complaints: Vec<ComplaintFact>,
    pub feedback: Vec<FeedbackFact>,
    pub interactions: Vec<InteractionFact>,
}

impl Default for CustomerContext {
    fn default() -> Self {
        CustomerContext {
            kind: CustomerKind::External,
            party: Party::Person,
            role: None,
            organisation_id: None,
            owner: None,
            complaints: Vec::new(),
            feedback: Vec::new(),
            interactions: Vec::new(),
        }
    }
}
