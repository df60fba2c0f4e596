//! Field-level validation: every check that fails names the field and says what is wrong,
//! and all failures of one record are reported together.

use std::fmt;

use serde::Serialize;
use utoipa::ToSchema;

pub use crate::message::{MESSAGE_IDS, Message, TEXT_ID, english_message};

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

/// Trims text; empty becomes `None`. Refuses control characters, the bidirectional
/// embeddings, overrides and isolates (a name with U+202E shows reversed, so that one
/// customer can pose as another in lists and exports), and text longer than `max_chars`
/// characters. Zero-width joiners and non-joiners stay: Persian and Indic text needs them.
pub fn optional_text(value: Option<String>, max_chars: usize) -> Result<Option<String>, Message> {
    trimmed_text(value, max_chars, false)
}

/// Like [`optional_text`] but keeps line breaks and tabs, for summaries and comments.
pub fn optional_long_text(
    value: Option<String>,
    max_chars: usize,
) -> Result<Option<String>, Message> {
    trimmed_text(value, max_chars, true)
}

fn trimmed_text(
    value: Option<String>,
    max_chars: usize,
    multiline: bool,
) -> Result<Option<String>, Message> {
    let Some(value) = value else { return Ok(None) };
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    check_text(trimmed, max_chars, multiline)?;
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
    if !multiline && let Some(c) = text.chars().find(|&c| is_bidi_control(c)) {
        return Err(Message::new("bidi-control").text("code", format!("{:04X}", u32::from(c))));
    }
    Ok(())
}

/// The bidirectional embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069):
/// invisible, and they reorder the text around them.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
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
    fn bidirectional_overrides_are_refused_in_names_and_ids_but_joiners_stay() {
        for c in [
            '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}',
        ] {
            let name = format!("Ana{c} Alvarez");
            let refused = required_text(Some(name.clone()), 50).unwrap_err();
            assert_eq!(refused.id(), "bidi-control", "{name:?}");
            assert!(
                refused
                    .to_string()
                    .contains(&format!("U+{:04X}", u32::from(c))),
                "{refused}"
            );
            assert!(external_id(Some(format!("C-1{c}"))).is_err());
        }
        // The zero-width non-joiner of Persian, and right-to-left text itself, are no override.
        assert!(required_text(Some("می\u{200C}خواهم".into()), 50).is_ok());
        assert!(required_text(Some("لیلا رضایی".into()), 50).is_ok());
        // The neighbours of the ranges are ordinary characters.
        assert!(required_text(Some("10\u{202F}000".into()), 50).is_ok());
        assert!(required_text(Some("x\u{2070}".into()), 50).is_ok());
        // Long text (comments, summaries) may quote what it likes.
        assert!(optional_long_text(Some("\u{202B}quoted\u{202C}".into()), 50).is_ok());
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
