//! The web app's languages: English, Persian (right to left), Georgian and Tagalog, every
//! visible word from the Fluent files in `locales/`, numbers with the language's digits, dates
//! in the Gregorian or the Solar Hijri (Jalali) calendar.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use icu_calendar::Date;
use icu_calendar::cal::Persian;
use unic_langid::LanguageIdentifier;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
    };
}

/// The languages the app speaks, by their codes.
pub const LANGUAGES: [(&str, &str); 4] = [
    ("en", "English"),
    ("fa", "فارسی"),
    ("ka", "ქართული"),
    ("tl", "Tagalog"),
];

/// The language of `Accept-Language` (with its q-values) that the app speaks, else English.
pub fn negotiate(accept_language: Option<&str>) -> &'static str {
    let Some(header) = accept_language else {
        return "en";
    };
    let mut wanted: Vec<(f32, String)> = header
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next()?.trim().to_ascii_lowercase();
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            Some((q, tag))
        })
        .collect();
    wanted.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(std::cmp::Ordering::Equal));
    for (_, tag) in wanted {
        let primary = tag.split('-').next().unwrap_or("");
        let primary = if primary == "fil" { "tl" } else { primary };
        if let Some((code, _)) = LANGUAGES.iter().find(|(code, _)| *code == primary) {
            return code;
        }
    }
    "en"
}

/// Words, numbers and dates in one language and calendar.
#[derive(Clone, Debug)]
pub struct Tr {
    pub code: &'static str,
    id: LanguageIdentifier,
    pub jalali: bool,
    /// The reader's time zone: days and times are shown in it (UTC unless they chose one).
    pub zone: jiff::tz::TimeZone,
}

impl Tr {
    /// `calendar`: the employee's choice; by default Jalali in Persian, Gregorian otherwise.
    pub fn new(code: &'static str, calendar: Option<&str>) -> Tr {
        let jalali = match calendar {
            Some("jalali") => true,
            Some(_) => false,
            None => code == "fa",
        };
        Tr {
            code,
            id: code.parse().unwrap_or_default(),
            jalali,
            zone: jiff::tz::TimeZone::UTC,
        }
    }

    /// The same, showing days and times in the time zone `name` (IANA) when it is one.
    pub fn with_zone(mut self, name: Option<&str>) -> Tr {
        if let Some(zone) = name.and_then(|n| jiff::tz::db().get(n).ok()) {
            self.zone = zone;
        }
        self
    }

    /// A time of day in the reader's zone, with the zone's abbreviation: `14:05:09 +0330`.
    pub fn time_of_day(&self, at: jiff::Timestamp) -> String {
        self.digits(
            &at.to_zoned(self.zone.clone())
                .strftime("%H:%M:%S %Z")
                .to_string(),
        )
    }

    /// `rtl` for Persian, `ltr` otherwise: the page's `dir`.
    pub fn dir(&self) -> &'static str {
        if self.code == "fa" { "rtl" } else { "ltr" }
    }

    /// A message.
    pub fn t(&self, key: &str) -> String {
        LOCALES.lookup(&self.id, key)
    }

    /// A message, or `None` when no language has it.
    pub fn try_t(&self, key: &str) -> Option<String> {
        LOCALES.try_lookup(&self.id, key)
    }

    /// A message with one argument.
    pub fn t1(&self, key: &str, name: &'static str, value: impl ToString) -> String {
        let mut args: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
        args.insert(Cow::Borrowed(name), FluentValue::from(value.to_string()));
        LOCALES.lookup_with_args(&self.id, key, &args)
    }

    /// A message with named arguments, each already written as the page shows it.
    pub fn with_args(&self, key: &str, args: &[(&'static str, String)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(name, value)| (Cow::Borrowed(*name), FluentValue::from(value.clone())))
            .collect();
        LOCALES.lookup_with_args(&self.id, key, &args)
    }

    /// A message with named arguments written as the page shows them, and whole numbers
    /// the message chooses its words by (English "1 day" / "2 days"), each given under its
    /// argument's name with `_n` added (`recency_n`).
    pub fn with_numbers(
        &self,
        key: &str,
        args: &[(&'static str, String)],
        numbers: &[(&'static str, i64)],
    ) -> String {
        let mut values: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(name, value)| (Cow::Borrowed(*name), FluentValue::from(value.clone())))
            .collect();
        for (name, n) in numbers {
            values.insert(Cow::Owned(format!("{name}_n")), FluentValue::from(*n));
        }
        LOCALES.lookup_with_args(&self.id, key, &values)
    }

    /// A message with a count (for plurals) and another argument.
    pub fn count(&self, key: &str, count: u64, name: &'static str, value: impl ToString) -> String {
        let mut args: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
        args.insert(Cow::Borrowed("count"), FluentValue::from(count));
        args.insert(Cow::Borrowed(name), FluentValue::from(value.to_string()));
        self.digits(&LOCALES.lookup_with_args(&self.id, key, &args))
    }

    /// A message with several arguments, and a count for plurals if given. Numbers shown go in
    /// as arguments already written with [`Tr::number`]; the rest of the text (e-mails, file
    /// names) is left as it is.
    pub fn tn(&self, key: &str, count: Option<u64>, named: &[(&'static str, String)]) -> String {
        let mut args: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
        if let Some(count) = count {
            args.insert(Cow::Borrowed("count"), FluentValue::from(count));
        }
        for (name, value) in named {
            args.insert(Cow::Borrowed(*name), FluentValue::from(value.clone()));
        }
        LOCALES.lookup_with_args(&self.id, key, &args)
    }

    /// Western digits in `text` as the language writes them (Persian: ۰–۹).
    pub fn digits(&self, text: &str) -> String {
        // The decimal separator is the point between two digits only: a full stop ending a
        // sentence stays one.
        let decimal = match self.code {
            "fa" => '٫',
            "ka" => ',',
            _ => return text.to_owned(),
        };
        let chars: Vec<char> = text.chars().collect();
        chars
            .iter()
            .enumerate()
            .map(|(i, &c)| match c {
                '0'..='9' if self.code == "fa" => {
                    char::from_u32(0x06F0 + (c as u32 - '0' as u32)).unwrap_or(c)
                }
                '.' if i > 0
                    && chars[i - 1].is_ascii_digit()
                    && chars.get(i + 1).is_some_and(char::is_ascii_digit) =>
                {
                    decimal
                }
                other => other,
            })
            .collect()
    }

    /// A whole number with thousands grouped as the language groups them.
    pub fn number(&self, n: i64) -> String {
        let text = n.unsigned_abs().to_string();
        let separator = match self.code {
            "fa" => '٬',
            // Georgian groups with a (no-break) space and writes a decimal comma.
            "ka" => '\u{a0}',
            _ => ',',
        };
        let mut grouped = String::new();
        for (i, c) in text.chars().enumerate() {
            if i > 0 && (text.len() - i).is_multiple_of(3) {
                grouped.push(separator);
            }
            grouped.push(c);
        }
        let sign = if n < 0 { "-" } else { "" };
        self.digits(&format!("{sign}{grouped}"))
    }

    /// An amount of money given as exact decimal text (`1250.50`), grouped, with the
    /// currency as this language names it: `$1,250.50`, `1 250,50 ₾`, `۱٬۲۵۰٬۰۰۰ ریال`.
    pub fn money(&self, amount: &str, currency: &str) -> String {
        let negative = amount.starts_with('-');
        let (whole, mut fraction) = amount
            .trim_start_matches('-')
            .split_once('.')
            .unwrap_or((amount.trim_start_matches('-'), ""));
        // Rial prices are quoted whole, although ISO gives the rial two decimals.
        if currency == "IRR" && fraction.bytes().all(|b| b == b'0') {
            fraction = "";
        }
        let whole: i64 = whole.parse().unwrap_or(0);
        let mut number = self.number(whole);
        if !fraction.is_empty() {
            number.push(match self.code {
                "fa" => '٫',
                "ka" => ',',
                _ => '.',
            });
            number.push_str(&self.digits(fraction));
        }
        let sign = if negative { "-" } else { "" };
        let symbol = match currency {
            "USD" => "$",
            "EUR" => "€",
            "GBP" => "£",
            "GEL" => "₾",
            "PHP" => "₱",
            _ => "",
        };
        match self.code {
            "fa" => {
                let word = match currency {
                    "IRR" => "ریال",
                    "IRT" => "تومان",
                    "USD" => "دلار",
                    "EUR" => "یورو",
                    "GEL" => "لاری",
                    "PHP" => "پزو",
                    other => other,
                };
                format!("{sign}{number} {word}")
            }
            _ if currency == "IRT" => {
                let word = match self.code {
                    "ka" => "თუმანი",
                    _ => "toman",
                };
                format!("{sign}{number} {word}")
            }
            "ka" if !symbol.is_empty() => format!("{sign}{number}\u{a0}{symbol}"),
            _ if !symbol.is_empty() => format!("{sign}{symbol}{number}"),
            _ => format!("{sign}{number} {currency}"),
        }
    }

    /// A day, in the employee's calendar: `2026-03-21`, or `۱۴۰۵/۰۱/۰۱` in Jalali.
    pub fn date(&self, at: jiff::Timestamp) -> String {
        let day = at.to_zoned(self.zone.clone()).date();
        if !self.jalali {
            return self.digits(&day.to_string());
        }
        match Date::try_new_iso(i32::from(day.year()), day.month() as u8, day.day() as u8) {
            Ok(iso) => {
                let persian = iso.to_calendar(Persian);
                self.digits(&format!(
                    "{:04}/{:02}/{:02}",
                    persian.year().extended_year(),
                    persian.month().ordinal,
                    persian.day_of_month().0
                ))
            }
            Err(_) => self.digits(&day.to_string()),
        }
    }

    /// A day as the reader types it: `YYYY-MM-DD`, or in Jalali (`۱۴۰۵/۰۹/۱۳`, any digits) for
    /// a reader of the Jalali calendar; as a Gregorian day, or none when it is no day.
    pub fn parse_day(&self, text: &str) -> Option<jiff::civil::Date> {
        let ascii: String = text
            .trim()
            .chars()
            .map(|c| match c {
                '۰'..='۹' => char::from_u32('0' as u32 + (c as u32 - '۰' as u32)).unwrap_or(c),
                '٠'..='٩' => char::from_u32('0' as u32 + (c as u32 - '٠' as u32)).unwrap_or(c),
                other => other,
            })
            .collect();
        let parts: Vec<&str> = ascii.split(['/', '-']).collect();
        let [y, m, d] = parts.as_slice() else {
            return None;
        };
        let (y, m, d): (i32, u8, u8) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        // A year before 1700 is a Jalali one (the Gregorian years a business has are later).
        if y < 1700 {
            let persian = Date::try_new_persian(y, m, d).ok()?;
            let iso = persian.to_calendar(icu_calendar::Iso);
            return jiff::civil::Date::new(
                i16::try_from(iso.era_year().year).ok()?,
                i8::try_from(iso.month().ordinal).ok()?,
                i8::try_from(iso.day_of_month().0).ok()?,
            )
            .ok();
        }
        jiff::civil::Date::new(
            i16::try_from(y).ok()?,
            i8::try_from(m).ok()?,
            i8::try_from(d).ok()?,
        )
        .ok()
    }

    /// A day as the reader reads it: in their calendar and digits.
    pub fn day(&self, day: jiff::civil::Date) -> String {
        match day.to_zoned(jiff::tz::TimeZone::UTC) {
            Ok(z) => Tr {
                zone: jiff::tz::TimeZone::UTC,
                ..self.clone()
            }
            .date(z.timestamp()),
            Err(_) => self.digits(&day.to_string()),
        }
    }

    /// A day given as RFC 3339 text (as the model serialises instants).
    pub fn date_text(&self, rfc3339: &str) -> String {
        rfc3339
            .parse::<jiff::Timestamp>()
            .map(|at| self.date(at))
            .unwrap_or_else(|_| rfc3339.to_owned())
    }
}

/// The message keys of English's Fluent file `file` (`admin.ftl`), once every other language
/// is seen to have each of them in its own.
#[cfg(test)]
pub(crate) fn keys_in_every_language(file: &str) -> Vec<String> {
    let read = |code: &str| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(code)
            .join(file);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{code} has no {file}: {e}"))
    };
    let keys: Vec<String> = read("en")
        .lines()
        .filter_map(|l| l.split_once(" = ").map(|(k, _)| k))
        .filter(|k| !k.starts_with(' ') && !k.starts_with('#'))
        .map(str::to_owned)
        .collect();
    for (code, _) in LANGUAGES.iter().filter(|(code, _)| *code != "en") {
        let text = read(code);
        for key in &keys {
            assert!(
                text.lines().any(|l| l.starts_with(&format!("{key} ="))),
                "{code}/{file} lacks {key}"
            );
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browser_s_language_is_chosen_by_quality_and_filipino_is_tagalog() {
        assert_eq!(negotiate(Some("fa-IR,fa;q=0.9,en;q=0.8")), "fa");
        assert_eq!(negotiate(Some("de;q=1.0, ka;q=0.5")), "ka");
        assert_eq!(negotiate(Some("fil-PH")), "tl");
        assert_eq!(negotiate(Some("en;q=0.2, tl;q=0.9")), "tl");
        assert_eq!(negotiate(Some("zh")), "en");
        assert_eq!(negotiate(None), "en");
    }

    #[test]
    fn persian_dates_are_jalali_with_persian_digits_and_nowruz_falls_on_the_equinox() {
        let nowruz: jiff::Timestamp = "2026-03-21T10:00:00Z".parse().unwrap();
        let fa = Tr::new("fa", None);
        assert_eq!(fa.dir(), "rtl");
        assert_eq!(fa.date(nowruz), "۱۴۰۵/۰۱/۰۱");
        assert_eq!(Tr::new("fa", Some("gregorian")).date(nowruz), "۲۰۲۶-۰۳-۲۱");
        assert_eq!(Tr::new("en", Some("jalali")).date(nowruz), "1405/01/01");
        // Typed back in Jalali, in Persian digits, it is the same Gregorian day.
        let fa = Tr::new("fa", None);
        assert_eq!(
            fa.parse_day("۱۴۰۵/۰۱/۰۱"),
            Some(nowruz.to_zoned(jiff::tz::TimeZone::UTC).date())
        );
        assert_eq!(
            fa.parse_day("2026-03-21"),
            Some(jiff::civil::date(2026, 3, 21))
        );
        assert_eq!(fa.parse_day("۱۴۰۵/۱۳/۰۱"), None);
        assert_eq!(fa.day(jiff::civil::date(2026, 3, 21)), "۱۴۰۵/۰۱/۰۱");
        let last: jiff::Timestamp = "2025-03-20T00:00:00Z".parse().unwrap();
        assert_eq!(Tr::new("en", Some("jalali")).date(last), "1403/12/30");
        assert_eq!(Tr::new("ka", None).date(nowruz), "2026-03-21");
    }

    #[test]
    fn decimal_points_are_the_language_s_and_full_stops_stay() {
        let fa = Tr::new("fa", None);
        assert_eq!(fa.digits("0.46. Done."), "۰٫۴۶. Done.");
        assert_eq!(Tr::new("ka", None).digits("p 0.11."), "p 0,11.");
        assert_eq!(Tr::new("en", None).digits("0.11."), "0.11.");
    }

    #[test]
    fn numbers_and_money_in_each_language() {
        assert_eq!(Tr::new("en", None).number(1_234_567), "1,234,567");
        assert_eq!(Tr::new("fa", None).number(1_234_567), "۱٬۲۳۴٬۵۶۷");
        assert_eq!(Tr::new("ka", None).number(1_234_567), "1\u{a0}234\u{a0}567");
        assert_eq!(Tr::new("en", None).money("-1250.50", "GEL"), "-₾1,250.50");
        assert_eq!(
            Tr::new("ka", None).money("-1250.50", "GEL"),
            "-1\u{a0}250,50\u{a0}₾"
        );
        assert_eq!(Tr::new("tl", None).money("1250.50", "PHP"), "₱1,250.50");
        assert_eq!(
            Tr::new("fa", None).money("1250000", "IRR"),
            "۱٬۲۵۰٬۰۰۰ ریال"
        );
        assert_eq!(Tr::new("en", None).money("1250000", "IRR"), "1,250,000 IRR");
        assert_eq!(
            Tr::new("fa", None).money("1250000.00", "IRR"),
            "۱٬۲۵۰٬۰۰۰ ریال"
        );
        assert_eq!(Tr::new("fa", None).money("125000", "IRT"), "۱۲۵٬۰۰۰ تومان");
        assert_eq!(Tr::new("en", None).money("125000", "IRT"), "125,000 toman");
        assert_eq!(Tr::new("en", None).money("-0.50", "USD"), "-$0.50");
        assert_eq!(Tr::new("fa", None).money("12.5", "USD"), "۱۲٫۵ دلار");
        assert_eq!(Tr::new("en", None).money("7", "JPY"), "7 JPY");
    }

    #[test]
    fn every_language_has_every_message_of_english() {
        let english = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales/en");
        let mut files: Vec<String> = std::fs::read_dir(english)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".ftl"))
            .collect();
        files.sort();
        let keys: usize = files
            .iter()
            .map(|name| keys_in_every_language(name).len())
            .sum();
        assert!(keys > 80);
        let fa = Tr::new("fa", None);
        assert_eq!(fa.t("nav-customers"), "مشتریان");
        // Every figure of a sentence in the reader's digits.
        let alert = fa.tn(
            "dashboard-alert",
            Some(604),
            &[
                ("actor", "x@example.com".into()),
                ("customers", fa.number(604)),
                ("usual", fa.number(0)),
                ("day", "d".into()),
            ],
        );
        assert!(alert.contains("۶۰۴") && !alert.contains("604"), "{alert}");
        assert_eq!(Tr::new("ka", None).t("nav-customers"), "კლიენტები");
        assert_eq!(Tr::new("tl", None).t("stage-repeat"), "Suki");
        // Tagalog plurals (CLDR): one for 1, 2, 3, 5…; other for 4, 6, 9…
        let tl = Tr::new("tl", None);
        assert!(
            tl.count("dashboard-classified", 1, "date", "x")
                .contains(" kliyente ")
        );
        assert!(
            tl.count("dashboard-classified", 4, "date", "x")
                .contains(" na kliyente ")
        );
        // "One" in words is said of one only: Filipino's CLDR "one" also holds 40, and
        // Persian's holds 0.
        let orders = |t: &Tr, n: u64| t.count("winback-orders", n, "orders", t.number(n as i64));
        assert!(orders(&tl, 40).contains("40"), "{}", orders(&tl, 40));
        assert!(orders(&tl, 1).contains("isang"));
        let fa = Tr::new("fa", None);
        assert!(!orders(&fa, 0).contains("یک"), "{}", orders(&fa, 0));
        assert!(orders(&fa, 1).contains("یک"));
    }
}
