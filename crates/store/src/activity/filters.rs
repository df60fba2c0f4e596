//! What each activity list may be narrowed by. Every list takes whose (a customer id) and
//! when (`from` inclusive, `to` exclusive); the rest is each kind's own.

#[derive(Clone, Debug, Default)]
pub struct CostFilter {
    pub customer_id: Option<String>,
    pub category: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct InteractionFilter {
    pub customer_id: Option<String>,
    pub channel: Option<String>,
    pub employee_email: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct ComplaintFilter {
    pub customer_id: Option<String>,
    /// `true` for open complaints, `false` for resolved ones.
    pub open: Option<bool>,
    pub severity: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct FeedbackFilter {
    pub customer_id: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// The whose and when every activity filter has.
pub(crate) trait WhoseAndWhen {
    /// The customer id, `from` and `to`.
    fn whose_and_when(&self) -> [Option<&str>; 3];
}

macro_rules! whose_and_when {
    ($($filter:ty),+) => {$(
        impl WhoseAndWhen for $filter {
            fn whose_and_when(&self) -> [Option<&str>; 3] {
                [self.customer_id.as_deref(), self.from.as_deref(), self.to.as_deref()]
            }
        }
    )+};
}

whose_and_when!(
    CostFilter,
    InteractionFilter,
    ComplaintFilter,
    FeedbackFilter
);
