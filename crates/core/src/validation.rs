//! Field-level validation: every check that fails names the field and says what is wrong,
//! and all failures of one record are reported together.

use std::fmt;

use serde::Serialize;
use utoipa::ToSchema;

use crate::classify::phrase::{Arg, Phrase};

/// One thing wrong with one field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldError {
    /// The field (JSON property or CSV column) at fault.
    pub field: String,
    /// What is wrong, in words a user can act on.
    pub message: String,
    /// The same as a message id with arguments, for a user interface to say in its own
    /// language; `message` is its English.
    #[serde(skip)]
    #[schema(ignore)]
    pub says: Message,
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
        self.0
            .args
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, a)| a.plain())
            .unwrap_or_default()
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

/// Every message id a validation error can have, for renderers to check they know each.
pub const MESSAGE_IDS: &[&str] = &[
    "required",
    "too-long",
    "control-character",
    "not-email",
    "not-phone",
    "not-one-of",
    "not-whole",
    "outside-range",
    "negative",
    "not-date",
    "no-offset",
    "outside-years",
    "not-currency",
    "other-currency",
    "not-amount",
    "decimal-places",
    "too-large-amount",
    "not-country",
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
    "empty-file",
    "utf16-file",
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
        "not-email" => format!("`{}` is not an e-mail address", a("value")),
        "not-phone" => format!("`{}` is not a telephone number", a("value")),
        "not-one-of" => format!("`{}` is not one of: {}", a("value"), a("choices")),
        "not-whole" => format!("`{}` is not a whole number", a("value")),
        "outside-range" => format!("{} is outside {}–{}", a("value"), a("min"), a("max")),
        "negative" => "cannot be negative".to_owned(),
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
        "empty-file" => format!("the file is empty; expected a header line: {}", a("header")),
        "utf16-file" => "the file is UTF-16; save it as CSV UTF-8 and import again".to_owned(),
        _ => a("text"),
    }
}

/// Everything wrong with one record.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn single(field: &str, message: impl Into<Message>) -> Self {
        let mut errors = Self::new();
        errors.add(field, message);
        errors
    }

    pub fn add(&mut self, field: &str, message: impl Into<Message>) {
        let says = message.into();
        self.0.push(FieldError {
            field: field.to_owned(),
            message: english_message(&says),
            says,
        });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &FieldError> {
        self.0.iter()
    }

    /// Keeps the value of a check, or records its error and gives `None`.
    pub fn check<T>(&mut self, field: &str, result: Result<T, impl Into<Message>>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(message) => {
                self.add(field, message);
                None
            }
        }
    }

    /// `Ok(value)` when nothing was recorded.
    pub fn finish<T>(self, value: impl FnOnce() -> T) -> Result<T, FieldErrors> {
        if self.is_empty() {
            Ok(value())
        } else {
            Err(self)
        }
    }
}

impl fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{}: {}", e.field, e.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for FieldErrors {}

/// Trims text; empty becomes `None`. Refuses control characters and text longer than
/// `max_chars` characters.
pub fn optional_text(value: Option<String>, max_chars: usize) -> Result<Option<String>, Message> {
    let Some(value) = value else { return Ok(None) };
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    check_text(trimmed, max_chars, false)?;
    Ok(Some(trimmed.to_owned()))
}

/// Like [`optional_text`] but keeps line breaks and tabs, for summaries and comments.
pub fn optional_long_text(
    value: Option<String>,
    max_chars: usize,
) -> Result<Option<String>, Message> {
    let Some(value) = value else { return Ok(None) };
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    check_text(trimmed, max_chars, true)?;
    Ok(Some(trimmed.to_owned()))
}

/// Text that must be present.
pub fn required_text(value: Option<String>, max_chars: usize) -> Result<String, Message> {
    optional_text(value, max_chars)?.ok_or_else(|| Message::new("required"))
}

fn check_text(text: &str, max_chars: usize, multiline: bool) -> Result<(), Message> {
    let count = text.chars().count();
    if count > max_chars {
        return Err(Message::new("too-long")
            .int("count", count as i64)
            .int("max", max_chars as i64));
    }
    if let Some(c) = text
        .chars()
        .find(|c| c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t')))
    {
        return Err(Message::new("control-character").text("code", format!("{:04X}", u32::from(c))));
    }
    Ok(())
}

/// A plausible e-mail address: one `@`, something before it, a dotted domain after it, no
/// spaces. Deliverability is not ours to judge.
pub fn email(value: Option<String>) -> Result<Option<String>, Message> {
    let Some(text) = optional_text(value, 254)? else {
        return Ok(None);
    };
    let valid = match text.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !text.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if valid {
        Ok(Some(text))
    } else {
        Err(Message::new("not-email").text("value", text))
    }
}

/// A telephone number as people write it: digits (in any script) with `+ - ( ) . /` and
/// spaces, optionally an extension after `x` or `ext`.
pub fn phone(value: Option<String>) -> Result<Option<String>, Message> {
    let Some(text) = optional_text(value, 40)? else {
        return Ok(None);
    };
    let digits = text.chars().filter(|c| c.is_numeric()).count();
    let allowed = |c: char| {
        c.is_numeric()
            || matches!(
                c,
                '+' | '-' | '(' | ')' | '.' | '/' | ' ' | 'x' | 'X' | 'e' | 't'
            )
    };
    if digits < 3 || !text.chars().all(allowed) {
        return Err(Message::new("not-phone").text("value", text));
    }
    Ok(Some(text))
}

/// An identifier chosen by the business (customer, order or complaint number).
pub fn external_id(value: Option<String>) -> Result<String, Message> {
    required_text(value, 64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_and_blank_becomes_none() {
        assert_eq!(
            optional_text(Some("  Ali  ".into()), 10)
                .unwrap()
                .as_deref(),
            Some("Ali")
        );
        assert_eq!(optional_text(Some("   ".into()), 10).unwrap(), None);
        assert!(
            optional_text(Some("a\u{7}b".into()), 10)
                .unwrap_err()
                .to_string()
                .contains("U+0007")
        );
        assert!(
            optional_text(Some("abcdef".into()), 5)
                .unwrap_err()
                .to_string()
                .contains("6 characters")
        );
        assert!(optional_long_text(Some("line\nline".into()), 50).is_ok());
    }

    #[test]
    fn emails_and_phones_are_checked_for_shape() {
        assert!(email(Some("a@b.ge".into())).is_ok());
        for bad in ["ab.ge", "a@b", "@b.ge", "a b@c.ge", "a@@b.ge", "a@.ge"] {
            assert!(email(Some(bad.into())).is_err(), "{bad}");
        }
        assert!(phone(Some("+98 (912) 123-4567".into())).is_ok());
        assert!(phone(Some("۰۹۱۲۱۲۳۴۵۶۷".into())).is_ok());
        assert!(phone(Some("call me".into())).is_err());
    }
}
