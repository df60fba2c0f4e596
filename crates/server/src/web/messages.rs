//! Validation errors in the page's language: the core's messages (ids with arguments) said
//! through `locales/*/messages.ftl`, field and column names by `error-field-<name>`, numbers
//! with the language's digits; values the user typed are shown as typed.

use clientele_core::classify::Arg;
use clientele_core::validation::TEXT_ID;
use clientele_core::{FieldErrors, Message};

use super::i18n::Tr;

/// One argument as the page shows it: whole numbers in the language's digits, the rest as
/// given.
fn shown(t: &Tr, arg: &Arg) -> String {
    match arg {
        Arg::Int(n) => t.number(*n),
        other => other.plain(),
    }
}

fn say_with(t: &Tr, message: &Message, write: impl Fn(&Arg) -> String) -> String {
    if message.id() == TEXT_ID {
        // Text that has no id yet is shown as the core wrote it.
        return message.to_string();
    }
    let args: Vec<(&'static str, String)> = message
        .args()
        .iter()
        .map(|(name, a)| (*name, write(a)))
        .collect();
    t.with_args(&format!("invalid-{}", message.id()), &args)
}

/// What is wrong, in the page's language.
pub(super) fn say(t: &Tr, message: &Message) -> String {
    say_with(t, message, |a| shown(t, a))
}

/// A field's or column's name in the page's language; as it is when it has no name there.
pub(super) fn field(t: &Tr, name: &str) -> String {
    t.try_t(&format!("error-field-{name}"))
        .unwrap_or_else(|| name.to_owned())
}

/// One error as `field: what is wrong`, the field named by the page; `None` when the core said
/// it in English only, for the page to say something general instead.
pub(super) fn with_id(t: &Tr, field: String, message: &Message) -> Option<String> {
    (message.id() != TEXT_ID).then(|| {
        t.with_args(
            "invalid-field",
            &[("field", field), ("message", say(t, message))],
        )
    })
}

/// Every error of a record, `field: what is wrong`, joined as the language joins clauses.
pub(super) fn field_errors(t: &Tr, errors: &FieldErrors) -> String {
    errors
        .iter()
        .map(|e| {
            t.with_args(
                "invalid-field",
                &[("field", field(t, &e.field)), ("message", say(t, &e.says))],
            )
        })
        .collect::<Vec<_>>()
        .join(&t.t("invalid-join"))
}

#[cfg(test)]
mod tests {
    use clientele_core::validation::{MESSAGE_IDS, english_message};

    use super::*;

    /// Fluent's bidi isolation marks around each argument.
    fn unisolated(text: &str) -> String {
        text.replace(['\u{2068}', '\u{2069}'], "")
    }

    /// One message of each id, with arguments like those the core gives.
    fn samples() -> Vec<Message> {
        let m = Message::new;
        vec![
            m("required"),
            m("too-long").int("count", 250).int("max", 200),
            m("control-character").text("code", "0007"),
            m("bidi-control").text("code", "202E"),
            m("not-email").text("value", "ali.example"),
            m("not-phone").text("value", "call me"),
            m("not-one-of")
                .text("value", "alien")
                .text("choices", "person, organisation"),
            m("not-whole").text("value", "ten"),
            m("outside-range")
                .int("value", 11)
                .int("min", 0)
                .int("max", 10),
            m("negative"),
            m("negative-order"),
            m("not-date").text("value", "yesterday"),
            m("no-offset").text("value", "2026-03-21T09:30:00"),
            m("outside-years").text("value", "1800-01-01"),
            m("not-currency").text("value", "dollars"),
            m("other-currency")
                .text("books", "USD")
                .text("currency", "GEL"),
            m("not-amount").text("value", "1,250"),
            m("decimal-places")
                .text("value", "1.005")
                .int("places", 3)
                .text("currency", "USD")
                .int("exponent", 2),
            m("too-large-amount").text("value", "99999999999999999999"),
            m("customer-total-too-large")
                .text("id", "C-1")
                .text("max", "9000000000000000.00"),
            m("not-country").text("value", "Iran"),
            m("uk-is-gb"),
            m("tag-semicolon").text("tag", "a;b"),
            m("too-many-tags").int("count", 51),
            m("role-needs-organisation"),
            m("own-organisation"),
            m("organisation-in-organisation"),
            m("before-opened"),
            m("feedback-empty"),
            m("transition-empty"),
            m("transition-same"),
            m("no-employee").text("email", "nobody@example.com"),
            m("no-employee-import-first").text("email", "nobody@example.com"),
            m("no-customer").text("id", "C-9"),
            m("no-customer-import-first").text("id", "C-9"),
            m("not-an-organisation").text("id", "C-1"),
            m("not-their-customer")
                .text("id", "C-1")
                .text("email", "sara@example.com"),
            m("duplicate-in-file").text("value", "C-1").int("line", 3),
            m("repeats-line").int("line", 4),
            m("line-cut-short").int("fields", 3).int("expected", 5),
            m("too-many-fields").int("fields", 6).int("expected", 5),
            m("not-a-column")
                .text("name", " name")
                .text("columns", "customer_id, name"),
            m("unknown-column")
                .text("name", "nick")
                .text("kind", "customers")
                .text("columns", "customer_id, name"),
            m("column-twice").text("name", "name"),
            m("missing-column")
                .text("name", "customer_id")
                .text("kind", "orders"),
            m("not-utf8"),
            m("cannot-sort")
                .text("value", "colour")
                .text("choices", "name, created_at"),
            m("bad-cursor"),
            m("cursor-other-order"),
            m("organisation-has-members").int("count", 3),
            m("handover-to-self"),
            m("has-left").text("email", "sara@example.com"),
            m("cannot-own").text("email", "sara@example.com"),
            m("passwords-differ"),
            m("empty-file").text("header", "customer_id,name"),
            m("utf16-file"),
            m("not-day").text("value", "2026-13-01"),
            m("not-time").text("value", "25:00"),
            m("outcome-when-done"),
            m("cannot-see-customer")
                .text("email", "sara@example.com")
                .text("customer", "C-1"),
        ]
    }

    /// The English of the web pages says exactly what the core's English (of the API and the
    /// command line) says, for every message id; every language has its own words for each.
    #[test]
    fn every_message_says_in_fluent_english_what_the_core_says() {
        let samples = samples();
        let ids: Vec<&str> = samples.iter().map(Message::id).collect();
        assert_eq!(ids, MESSAGE_IDS, "one sample per id, in the core's order");
        let en = Tr::new("en", None);
        for message in &samples {
            let core = english_message(message);
            assert_ne!(core, "", "{} has no English", message.id());
            assert_eq!(unisolated(&say_with(&en, message, Arg::plain)), core);
            for code in ["fa", "ka", "tl"] {
                let said = unisolated(&say(&Tr::new(code, None), message));
                assert_ne!(said, core, "{code} says {} in English", message.id());
                assert!(!said.starts_with("Unknown"), "{code}: {said}");
            }
        }
    }

    #[test]
    fn field_errors_are_said_with_the_fields_names_and_the_languages_digits() {
        let mut errors = FieldErrors::new();
        errors.add(
            "nps",
            Message::new("outside-range")
                .int("value", 11)
                .int("min", 0)
                .int("max", 10),
        );
        errors.add(
            "kind",
            Message::new("not-one-of")
                .text("value", "alien")
                .text("choices", "person"),
        );
        let fa = unisolated(&field_errors(&Tr::new("fa", None), &errors));
        assert_eq!(
            fa,
            "امتیاز NPS: ۱۱ بیرون از بازهٔ ۰ تا ۱۰ است؛ گونهٔ مشتری: «alien» هیچ‌یک از این‌ها نیست: person"
        );
        let en = unisolated(&field_errors(&Tr::new("en", None), &errors));
        assert_eq!(
            en,
            "nps: 11 is outside 0–10; kind: `alien` is not one of: person"
        );
        // A field without a name of its own, and text without an id, are shown as they are.
        let odd = FieldErrors::single("x_y", "is odd");
        assert_eq!(
            unisolated(&field_errors(&Tr::new("ka", None), &odd)),
            "x_y: is odd"
        );
    }
}
