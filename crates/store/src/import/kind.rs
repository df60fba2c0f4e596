//! The kinds of CSV file an import reads, and the columns of each.

use std::fmt;

use clientele_core::classify::changes::RecordKind;

/// What a CSV file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ImportKind {
    Customers,
    Orders,
    Interactions,
    Complaints,
    Feedback,
    Costs,
    Employees,
}

/// A column an import understands, and whether every row must fill it.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub name: &'static str,
    pub required: bool,
}

const fn req(name: &'static str) -> Column {
    Column {
        name,
        required: true,
    }
}
const fn opt(name: &'static str) -> Column {
    Column {
        name,
        required: false,
    }
}

const CUSTOMER_COLUMNS: &[Column] = &[
    req("customer_id"),
    opt("name"),
    opt("party"),
    opt("kind"),
    opt("email"),
    opt("phone"),
    opt("organisation_id"),
    opt("role"),
    opt("birth_year"),
    opt("gender"),
    opt("income_band"),
    opt("city"),
    opt("region"),
    opt("country"),
    opt("acquisition_channel"),
    opt("acquisition_cost"),
    opt("competitor"),
    opt("competitor_reason"),
    opt("owner_email"),
    opt("tags"),
    opt("created_at"),
];
const ORDER_COLUMNS: &[Column] = &[
    req("order_id"),
    req("customer_id"),
    req("ordered_at"),
    req("amount"),
    opt("cost"),
    opt("currency"),
];
const INTERACTION_COLUMNS: &[Column] = &[
    req("customer_id"),
    req("occurred_at"),
    opt("channel"),
    opt("direction"),
    opt("employee_email"),
    opt("summary"),
    opt("outcome"),
];
const COMPLAINT_COLUMNS: &[Column] = &[
    req("complaint_id"),
    req("customer_id"),
    req("opened_at"),
    opt("resolved_at"),
    opt("severity"),
    opt("subject"),
];
const FEEDBACK_COLUMNS: &[Column] = &[
    req("customer_id"),
    req("given_at"),
    opt("nps"),
    opt("csat"),
    opt("comment"),
];
const COST_COLUMNS: &[Column] = &[
    req("customer_id"),
    req("incurred_at"),
    opt("category"),
    req("amount"),
];
const EMPLOYEE_COLUMNS: &[Column] = &[
    req("email"),
    req("name"),
    opt("role"),
    opt("team"),
    opt("left_at"),
];

impl ImportKind {
    pub const ALL: &'static [ImportKind] = &[
        ImportKind::Customers,
        ImportKind::Orders,
        ImportKind::Interactions,
        ImportKind::Complaints,
        ImportKind::Feedback,
        ImportKind::Costs,
        ImportKind::Employees,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ImportKind::Customers => "customers",
            ImportKind::Orders => "orders",
            ImportKind::Interactions => "interactions",
            ImportKind::Complaints => "complaints",
            ImportKind::Feedback => "feedback",
            ImportKind::Costs => "costs",
            ImportKind::Employees => "employees",
        }
    }

    /// The columns of this kind's CSV, in the documented order.
    pub fn columns(self) -> &'static [Column] {
        match self {
            ImportKind::Customers => CUSTOMER_COLUMNS,
            ImportKind::Orders => ORDER_COLUMNS,
            ImportKind::Interactions => INTERACTION_COLUMNS,
            ImportKind::Complaints => COMPLAINT_COLUMNS,
            ImportKind::Feedback => FEEDBACK_COLUMNS,
            ImportKind::Costs => COST_COLUMNS,
            ImportKind::Employees => EMPLOYEE_COLUMNS,
        }
    }

    pub fn parse(text: &str) -> Result<ImportKind, crate::UnknownName> {
        ImportKind::ALL
            .iter()
            .copied()
            .find(|k| k.name() == text.trim())
            .ok_or_else(|| crate::UnknownName {
                given: text.to_owned(),
                allowed: ImportKind::ALL.iter().map(|k| k.name()).collect(),
            })
    }
}

impl fmt::Display for ImportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl ImportKind {
    /// The records this kind of file holds, in the type engine's words.
    pub(crate) fn record_kind(self) -> RecordKind {
        match self {
            ImportKind::Customers => RecordKind::Customers,
            ImportKind::Orders => RecordKind::Orders,
            ImportKind::Interactions => RecordKind::Interactions,
            ImportKind::Complaints => RecordKind::Complaints,
            ImportKind::Feedback => RecordKind::Feedback,
            ImportKind::Costs => RecordKind::Costs,
            ImportKind::Employees => RecordKind::Employees,
        }
    }
}
