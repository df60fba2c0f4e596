//! The evidence of a customer's types and the recommended actions in the page's language:
//! the core's phrases (message ids with arguments) said through `locales/*/evidence.ftl`,
//! numbers with the language's digits, money in the business's currency, days in the
//! employee's calendar.

use clientele_core::classify::{Arg, Phrase};

use super::i18n::Tr;

/// One argument as the page shows it in the language of `t`.
fn shown(t: &Tr, arg: &Arg) -> String {
    match arg {
        Arg::Int(n) => t.number(*n),
        Arg::Decimal(_) | Arg::Number(_) => t.digits(&arg.plain()),
        Arg::Money { amount, currency } => t.money(amount, currency),
        Arg::Date(ms) => jiff::Timestamp::from_millisecond(*ms)
            .map(|at| t.date(at))
            .unwrap_or_default(),
        // Words from the data, and the closed words the message chooses its variant by.
        Arg::Text(_) | Arg::Key(_) => arg.plain(),
    }
}

/// The phrases of one stage, tier, flag or relationship, each argument written by `write`,
/// clauses joined as the language joins them.
fn say_with(t: &Tr, phrases: &[Phrase], write: impl Fn(&Arg) -> String) -> String {
    let join = t.t("evidence-join");
    phrases
        .iter()
        .map(|p| {
            let args: Vec<(&'static str, String)> =
                p.args.iter().map(|(name, a)| (*name, write(a))).collect();
            let numbers: Vec<(&'static str, i64)> = p
                .args
                .iter()
                .filter_map(|(name, a)| match a {
                    Arg::Int(n) => Some((*name, *n)),
                    _ => None,
                })
                .collect();
            t.with_numbers(&format!("evidence-{}", p.id), &args, &numbers)
        })
        .collect::<Vec<_>>()
        .join(&join)
}

/// The phrases in the page's language.
pub(super) fn say(t: &Tr, phrases: &[Phrase]) -> String {
    say_with(t, phrases, |a| shown(t, a))
}

/// The recommended action for a stage or flag, by its name (`lapsed`, `owner_risk`).
pub(super) fn action(t: &Tr, because: &str) -> String {
    t.t(&format!("action-{because}"))
}

#[cfg(test)]
mod tests {
    use clientele_core::classify::phrase::{PHRASE_IDS, english};
    use clientele_core::classify::rules::{flag_action, stage_action};
    use clientele_core::classify::{PreviousStage, TypeSettings, classify_base};
    use clientele_core::{Currency, Flag, Stage};

    use super::*;

    /// Fluent's bidi isolation marks around each argument.
    fn unisolated(text: &str) -> String {
        text.replace(['\u{2068}', '\u{2069}'], "")
    }

    /// The English messages say exactly what the core's English says, for every phrase of
    /// every customer of a demo base (arguments written as the core writes them), and every
    /// language has every message.
    #[test]
    fn english_messages_say_what_the_core_says_and_every_language_has_them() {
        let en = Tr::new("en", None);
        let as_of: jiff::Timestamp = "2026-11-22T00:00:00Z".parse().unwrap();
        let ms = clientele_core::time::to_millis(as_of);
        let mut seen = std::collections::BTreeSet::new();
        let mut compared = 0;
        for (seed, currency) in [(11, Currency::USD), (12, "IRR".parse().unwrap())] {
            let base = clientele_demo::generate(&clientele_demo::DemoSpec {
                customers: 2000,
                seed,
                as_of,
                currency,
            });
            let (facts, context) = (base.facts(), base.context());
            // Once as a first pass, once as if an earlier evaluation had found them
            // reborn, lapsed or lost (the evidence that names that evaluation).
            let previous: Vec<Option<PreviousStage>> = (0..facts.len())
                .map(|i| {
                    Some(PreviousStage {
                        stage: [Stage::Reborn, Stage::Lapsed, Stage::Lost][i % 3],
                        at: ms - 40 * 86_400_000,
                        since: Some(ms - 50 * 86_400_000),
                    })
                })
                .collect();
            for previous in [&[][..], &previous[..]] {
                let settings = TypeSettings::default();
                let classified = classify_base(&facts, &context, previous, &settings, ms, currency);
                for c in classified.classifications(&facts, &context) {
                    assert_eq!(
                        c.phrases.keys().collect::<Vec<_>>(),
                        c.evidence.keys().collect::<Vec<_>>()
                    );
                    for (key, phrases) in &c.phrases {
                        let fluent = unisolated(&say_with(&en, phrases, Arg::plain));
                        assert_eq!(fluent, c.evidence[key], "{} {key}", c.customer_id);
                        assert_eq!(english(phrases), c.evidence[key]);
                        // Said in Persian, no English word is left (only the data's own).
                        let persian = say(&Tr::new("fa", None), phrases);
                        assert!(
                            !persian.contains("days") && !persian.contains("order"),
                            "{persian}"
                        );
                        seen.extend(phrases.iter().map(|p| p.id));
                        compared += 1;
                    }
                }
            }
        }
        assert!(compared > 8000, "{compared}");
        // The demo base shows most kinds of evidence; the rest are said in the core's tests.
        assert!(seen.len() >= 20, "{seen:?}");
        for id in &seen {
            assert!(PHRASE_IDS.contains(id), "{id} is not listed in PHRASE_IDS");
        }

        for stage in Stage::ALL {
            assert_eq!(action(&en, stage.as_str()), stage_action(*stage));
        }
        for flag in Flag::ALL {
            assert_eq!(action(&en, flag.as_str()), flag_action(*flag));
        }

        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
        for code in ["en", "fa", "ka", "tl"] {
            let file = std::fs::read_to_string(dir.join(code).join("evidence.ftl")).unwrap();
            let has = |key: &str| file.lines().any(|l| l.starts_with(&format!("{key} =")));
            for id in PHRASE_IDS {
                assert!(has(&format!("evidence-{id}")), "{code} lacks evidence-{id}");
            }
            for name in Stage::ALL.iter().map(|s| s.as_str()) {
                assert!(has(&format!("action-{name}")), "{code} lacks action-{name}");
            }
            for name in Flag::ALL.iter().map(|f| f.as_str()) {
                assert!(has(&format!("action-{name}")), "{code} lacks action-{name}");
            }
        }
    }

    /// Persian says the evidence with Persian digits, its own separator, money in its words
    /// and days in the Jalali calendar.
    #[test]
    fn persian_evidence_has_persian_digits_money_and_dates() {
        let fa = Tr::new("fa", None);
        let phrases = [
            Phrase::new("last-order").int("recency", 1112),
            Phrase::new("p-alive-below")
                .arg("p_alive", Arg::Decimal(0.456))
                .arg("threshold", Arg::Decimal(0.5)),
        ];
        assert_eq!(
            unisolated(&say(&fa, &phrases)),
            "آخرین سفارش ۱٬۱۱۲ روز پیش؛ احتمال فعال ماندن ۰٫۴۶، کمتر از ۰٫۵۰"
        );
        let tier = Phrase::new("tier")
            .arg("tier", Arg::Key("A"))
            .int("days", 365)
            .arg(
                "profit",
                Arg::Money {
                    amount: "1250000".into(),
                    currency: "IRR".into(),
                },
            );
        let said = unisolated(&say(&fa, std::slice::from_ref(&tier)));
        assert!(said.starts_with("الف (اصلی"), "{said}");
        assert!(said.ends_with("۳۶۵ روز گذشته ۱٬۲۵۰٬۰۰۰ ریال"), "{said}");
        let nowruz = clientele_core::time::to_millis("2026-03-21T10:00:00Z".parse().unwrap());
        let won_back = Phrase::new("reborn-won-back")
            .int("recency", 3)
            .arg("date", Arg::Date(nowruz));
        assert!(unisolated(&say(&fa, &[won_back])).contains("۱۴۰۵/۰۱/۰۱"));
        let ka = Tr::new("ka", None);
        assert_eq!(
            unisolated(&say(&ka, &[Phrase::new("last-order").int("recency", 1112)])),
            "ბოლო შეკვეთა 1\u{a0}112 დღის წინ"
        );
        assert_eq!(
            action(&fa, "owner_risk"),
            "مسئول تازه‌ای بگمارید و فرد تماس دومی معرفی کنید"
        );
    }
}
