//! Words as data: a message is an id with named arguments, so that a user interface can say
//! it in its own language while the API and the command line say the English made from the
//! same data. [`Phrase`] and [`Arg`] are the generic form (the evidence of the customer types
//! is made of them too); [`Message`] is what is wrong with a value, with its English.
//!
//! This module depends on nothing else in the crate, so that validation, time, money and the
//! classification can all speak in messages without depending on each other.

use std::fmt;

/// One argument of a phrase, in a form a renderer can format for its language.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// A whole number (days, orders, a score).
    Int(i64),
    /// A fraction, shown with two decimal places (a probability).
    Decimal(f64),
    /// A number shown as briefly as it can be (a multiple from the settings).
    Number(f64),
    /// Exact decimal text in a currency, e.g. `-12.50` and `USD`.
    Money { amount: String, currency: String },
    /// A day, given as an instant (milliseconds since the Unix epoch, the stored form);
    /// English writes it `YYYY-MM-DD`.
    Date(i64),
    /// Words from the data (a name, an identifier, a role the business named), said as they are.
    Text(String),
    /// A word of a closed vocabulary (a stage, a tier, a role), for the message to choose its
    /// words by.
    Key(&'static str),
}

impl Arg {
    /// The argument as English writes it in the evidence: Western digits, no grouping,
    /// money as bare decimal text.
    pub fn plain(&self) -> String {
        match self {
            Arg::Int(n) => n.to_string(),
            Arg::Decimal(v) => format!("{v:.2}"),
            Arg::Number(v) => format!("{v}"),
            Arg::Money { amount, .. } => amount.clone(),
            Arg::Date(ms) => jiff::Timestamp::from_millisecond(*ms)
                .map(|t| t.strftime("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            Arg::Text(text) => text.clone(),
            Arg::Key(key) => (*key).to_owned(),
        }
    }
}

/// One clause of evidence: a message id (`last-order`) and its named arguments.
#[derive(Clone, Debug, PartialEq)]
pub struct Phrase {
    pub id: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl Phrase {
    pub fn new(id: &'static str) -> Phrase {
        Phrase {
            id,
            args: Vec::new(),
        }
    }

    /// The phrase with one more argument.
    pub fn arg(mut self, name: &'static str, value: Arg) -> Phrase {
        self.args.push((name, value));
        self
    }

    pub fn int(self, name: &'static str, value: i64) -> Phrase {
        self.arg(name, Arg::Int(value))
    }

    /// The argument by name, as English writes it; empty when absent.
    pub(crate) fn plain(&self, name: &str) -> String {
        self.args
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, a)| a.plain())
            .unwrap_or_default()
    }
}

/// What is wrong with a value, as data: a message id (`not-one-of`) with named arguments.
/// Its English ([`english_message`], also its `Display`) is the text of the API and the
/// command line, so a translated interface and the English cannot disagree. Text that has no
/// id yet is kept as it is (id [`TEXT_ID`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Message(pub Phrase);

// The arguments are whole numbers and text; no NaN is ever said.
impl Eq for Message {}

impl Default for Message {
    fn default() -> Self {
        Message::from(String::new())
    }
}

/// The id of a message that is English text only.
pub const TEXT_ID: &str = "text";

impl Message {
    pub fn new(id: &'static str) -> Message {
        Message(Phrase::new(id))
    }

    /// With a whole-number argument.
    pub fn int(self, name: &'static str, value: impl Into<i64>) -> Message {
        Message(self.0.int(name, value.into()))
    }

    /// With an argument that is words from the user or the data, said as they are.
    pub fn text(self, name: &'static str, value: impl Into<String>) -> Message {
        Message(self.0.arg(name, Arg::Text(value.into())))
    }

    pub fn id(&self) -> &'static str {
        self.0.id
    }

    pub fn args(&self) -> &[(&'static str, Arg)] {
        &self.0.args
    }

    /// The argument by name, as English writes it; empty when absent.
    fn plain(&self, name: &str) -> String {
        self.0.plain(name)
    }
}

impl From<String> for Message {
    fn from(text: String) -> Message {
        Message::new(TEXT_ID).text("text", text)
    }
}

impl From<&str> for Message {
    fn from(text: &str) -> Message {
        Message::from(text.to_owned())
    }
}

impl From<Message> for String {
    fn from(message: Message) -> String {
        english_message(&message)
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&english_message(self))
    }
}

/// A message is the error of every parser of a single value (`Currency`, a stage, a date):
/// callers keep its id and arguments instead of a bare string.
impl std::error::Error for Message {}

/// Every message id a validation error can have, for renderers to check they know each.
pub const MESSAGE_IDS: &[&str] = &[
    "required",
    "too-long",
    "control-character",
    "bidi-control",
    "not-email",
    "not-phone",
    "not-one-of",
    "not-whole",
    "outside-range",
    "negative",
    "negative-order",
    "not-date",
    "no-offset",
    "outside-years",
    "not-currency",
    "other-currency",
    "not-amount",
    "decimal-places",
    "too-large-amount",
    "customer-total-too-large",
    "not-country",
    "uk-is-gb",
    "tag-semicolon",
    "too-many-tags",
    "role-needs-organisation",
    "own-organisation",
    "organisation-in-organisation",
    "before-opened",
    "feedback-empty",
    "transition-empty",
    "transition-same",
    "no-employee",
    "no-employee-import-first",
    "no-customer",
    "no-customer-import-first",
    "not-an-organisation",
    "not-their-customer",
    "duplicate-in-file",
    "repeats-line",
    "line-cut-short",
    "too-many-fields",
    "not-a-column",
    "unknown-column",
    "column-twice",
    "missing-column",
    "not-utf8",
    "cannot-sort",
    "bad-cursor",
    "cursor-other-order",
    "organisation-has-members",
    "handover-to-self",
    "has-left",
    "cannot-own",
    "passwords-differ",
    "empty-file",
    "utf16-file",
    "not-day",
    "not-time",
    "outcome-when-done",
    "cannot-see-customer",
];

/// One message in English.
pub fn english_message(m: &Message) -> String {
    let a = |name: &str| m.plain(name);
    match m.id() {
        "required" => "is required".to_owned(),
        "too-long" => format!(
            "is {} characters long; at most {} are allowed",
            a("count"),
            a("max")
        ),
        "control-character" => format!("contains the control character U+{}", a("code")),
        "bidi-control" => format!(
            "contains the bidirectional control character U+{}, which makes the text show in another order than it is stored; remove it (right-to-left text needs none)",
            a("code")
        ),
        "not-email" => format!("`{}` is not an e-mail address", a("value")),
        "not-phone" => format!("`{}` is not a telephone number", a("value")),
        "not-one-of" => format!("`{}` is not one of: {}", a("value"), a("choices")),
        "not-whole" => format!("`{}` is not a whole number", a("value")),
        "outside-range" => format!("{} is outside {}–{}", a("value"), a("min"), a("max")),
        "negative" => "cannot be negative".to_owned(),
        "negative-order" => "an order's amount cannot be negative: a refund or cancellation is \
                             not a purchase; record it as a cost to serve of category `return` \
                             (`clientele import costs`, or POST /api/v1/costs)"
            .to_owned(),
        "not-date" => format!(
            "`{}` is not a date: expected YYYY-MM-DD or an RFC 3339 time such as 2026-03-21T09:30:00Z",
            a("value")
        ),
        "no-offset" => format!(
            "`{}` has no UTC offset: add `Z` for UTC or the offset, e.g. 2026-03-21T09:30:00+03:30",
            a("value")
        ),
        "outside-years" => format!("`{}` is outside the years 1900 to 2199", a("value")),
        "not-currency" => format!(
            "`{}` is not a currency code: expected three letters such as USD, GEL, PHP or IRR",
            a("value")
        ),
        "other-currency" => format!(
            "the business keeps its books in {}; this order is in {}",
            a("books"),
            a("currency")
        ),
        "not-amount" => format!(
            "`{}` is not an amount: write digits with an optional `.` and decimals, e.g. 1250.50 (no thousands separators)",
            a("value")
        ),
        "decimal-places" => format!(
            "`{}` has {} decimal places; {} has {}",
            a("value"),
            a("places"),
            a("currency"),
            a("exponent")
        ),
        "too-large-amount" => format!("`{}` is too large an amount", a("value")),
        "customer-total-too-large" => format!(
            "customer `{}` would then total more than {} of these: more than one customer can \
             accumulate",
            a("id"),
            a("max")
        ),
        "uk-is-gb" => "the United Kingdom's ISO 3166-1 code is GB, not UK".to_owned(),
        "not-country" => format!(
            "`{}` is not an ISO 3166-1 two-letter country code such as IR, GE or PH",
            a("value")
        ),
        "tag-semicolon" => format!("`{}` contains `;`, which separates tags", a("tag")),
        "too-many-tags" => format!("{} tags; at most 50 are allowed", a("count")),
        "role-needs-organisation" => "a role needs the organisation_id it is a role in".to_owned(),
        "own-organisation" => "a customer cannot belong to itself".to_owned(),
        "organisation-in-organisation" => {
            "an organisation cannot belong to another organisation".to_owned()
        }
        "before-opened" => "is before opened_at".to_owned(),
        "feedback-empty" => "give an NPS answer (0–10), a CSAT score (1–5), or both".to_owned(),
        "transition-empty" => "a transition needs a value before or after it".to_owned(),
        "transition-same" => "is the same as from".to_owned(),
        "no-employee" => format!("no employee has the e-mail {}", a("email")),
        "no-employee-import-first" => format!(
            "no employee has the e-mail {}; import employees first",
            a("email")
        ),
        "no-customer" => format!("no customer has the id `{}`", a("id")),
        "no-customer-import-first" => format!(
            "no customer has the id `{}`; import customers (or orders) first",
            a("id")
        ),
        "not-an-organisation" => format!(
            "`{}` is a person, not an organisation (set its party to organisation)",
            a("id")
        ),
        "not-their-customer" => format!("`{}` is not a customer of {}", a("id"), a("email")),
        "duplicate-in-file" => format!(
            "`{}` already appears on line {} of this file",
            a("value"),
            a("line")
        ),
        "repeats-line" => format!(
            "repeats line {} exactly; identical rows cannot be told apart, so keep one",
            a("line")
        ),
        "line-cut-short" => format!(
            "has {} fields but the header has {} (is the line cut short?)",
            a("fields"),
            a("expected")
        ),
        "too-many-fields" => format!(
            "has {} fields but the header has {}",
            a("fields"),
            a("expected")
        ),
        "not-a-column" => format!(
            "`{}` is not a column name; the columns are: {}",
            a("name"),
            a("columns")
        ),
        "unknown-column" => format!(
            "unknown column `{}` for {}; the columns are: {}",
            a("name"),
            a("kind"),
            a("columns")
        ),
        "column-twice" => format!("column `{}` appears twice", a("name")),
        "missing-column" => format!(
            "the header has no `{}` column, which {} need",
            a("name"),
            a("kind")
        ),
        "not-utf8" => "is not valid UTF-8; save the file as CSV UTF-8".to_owned(),
        "cannot-sort" => format!(
            "cannot sort by `{}`; sort by one of: {} (prefix `-` for descending)",
            a("value"),
            a("choices")
        ),
        "bad-cursor" => "is not a cursor this API gave out; start again without one".to_owned(),
        "cursor-other-order" => {
            "belongs to a different sort order; start again without a cursor".to_owned()
        }
        "organisation-has-members" => format!(
            "{} people belong to this organisation; move them first",
            a("count")
        ),
        "handover-to-self" => "is the employee who leaves".to_owned(),
        "has-left" => format!("{} has left and cannot take customers", a("email")),
        "passwords-differ" => "is not the same as the new password".to_owned(),
        "cannot-own" => format!(
            "{} is an analyst: analysts read the base's figures and own no customers",
            a("email")
        ),
        "empty-file" => format!("the file is empty; expected a header line: {}", a("header")),
        "utf16-file" => "the file is UTF-16; save it as CSV UTF-8 and import again".to_owned(),
        "not-day" => format!("`{}` is not a day: expected YYYY-MM-DD", a("value")),
        "not-time" => format!("`{}` is not a time of day: expected HH:MM", a("value")),
        "outcome-when-done" => "an outcome is given when the task is done".to_owned(),
        "cannot-see-customer" => format!(
            "{} cannot see customer {}, so cannot be given a task on them",
            a("email"),
            a("customer")
        ),
        _ => a("text"),
    }
}
