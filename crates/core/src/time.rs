//! Instants in UTC. At the edges (JSON, CSV, CLI) they are RFC 3339 text; in storage they are
//! milliseconds since the Unix epoch. A bare date `YYYY-MM-DD` means midnight UTC of that day.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::message::Message;

/// The earliest instant accepted (1900-01-01): older dates in a customer base are typos.
const EARLIEST_MS: i64 = -2_208_988_800_000;
/// The latest instant accepted (2200-01-01).
const LATEST_MS: i64 = 7_258_118_400_000;

/// Parses `YYYY-MM-DD` (midnight UTC) or an RFC 3339 instant with its offset
/// (`2026-03-21T09:30:00+03:30`, `2026-03-21T06:00:00Z`), to millisecond precision.
pub fn parse_instant(text: &str) -> Result<Timestamp, Message> {
    let text = text.trim();
    let instant = if text.len() == 10 {
        let date: Date = text.parse().map_err(|_| bad_instant(text))?;
        date.to_zoned(TimeZone::UTC)
            .map_err(|_| bad_instant(text))?
            .timestamp()
    } else {
        let parsed: Timestamp = text.parse().map_err(|e: jiff::Error| {
            if e.to_string().contains("offset") {
                Message::new("no-offset").text("value", text)
            } else {
                bad_instant(text)
            }
        })?;
        parsed
    };
    let ms = instant.as_millisecond();
    if !(EARLIEST_MS..LATEST_MS).contains(&ms) {
        return Err(Message::new("outside-years").text("value", text));
    }
    from_millis(ms).ok_or_else(|| bad_instant(text))
}

fn bad_instant(text: &str) -> Message {
    Message::new("not-date").text("value", text)
}

/// The stored form: milliseconds since 1970-01-01T00:00:00Z.
pub fn to_millis(at: Timestamp) -> i64 {
    at.as_millisecond()
}

/// Reads the stored form back; `None` only for values no valid row can hold.
pub fn from_millis(ms: i64) -> Option<Timestamp> {
    Timestamp::from_millisecond(ms).ok()
}

/// Truncates to the stored precision, so that a value compares equal after a round trip.
pub fn truncate_to_millis(at: Timestamp) -> Timestamp {
    from_millis(at.as_millisecond()).unwrap_or(at)
}

/// RFC 3339 in UTC, e.g. `2026-03-21T06:00:00Z`.
pub fn format_instant(at: Timestamp) -> String {
    at.to_string()
}

/// Serde helpers that write instants as RFC 3339 UTC text.
pub mod rfc3339 {
    use jiff::Timestamp;
    use serde::Serializer;

    pub fn serialize<S: Serializer>(at: &Timestamp, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(at)
    }

    pub mod option {
        use jiff::Timestamp;
        use serde::Serializer;

        pub fn serialize<S: Serializer>(at: &Option<Timestamp>, s: S) -> Result<S::Ok, S::Error> {
            match at {
                Some(at) => s.collect_str(at),
                None => s.serialize_none(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_date_is_midnight_utc() {
        let at = parse_instant("1997-01-01").unwrap();
        assert_eq!(at.to_string(), "1997-01-01T00:00:00Z");
    }

    #[test]
    fn offsets_are_converted_to_utc() {
        let at = parse_instant("2026-03-21T09:30:00+03:30").unwrap();
        assert_eq!(format_instant(at), "2026-03-21T06:00:00Z");
    }

    #[test]
    fn an_instant_without_offset_is_refused_with_a_hint() {
        let err = parse_instant("2026-03-21T09:30:00").unwrap_err();
        assert!(err.to_string().contains("no UTC offset"), "{err}");
    }

    #[test]
    fn nonsense_and_impossible_dates_are_refused() {
        for bad in [
            "",
            "yesterday",
            "2026-02-30",
            "2026-13-01",
            "21/03/2026",
            "1850-01-01",
        ] {
            assert!(parse_instant(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn sub_millisecond_digits_are_truncated_consistently() {
        let at = parse_instant("2026-03-21T06:00:00.123456Z").unwrap();
        assert_eq!(from_millis(to_millis(at)).unwrap(), at);
        assert_eq!(to_millis(at) % 1000, 123);
    }
}

/// The days of the week a business does not work: business days are counted without them.
/// Iran's week ends on Friday; Georgia's and the Philippines' on Saturday and Sunday.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Weekend(Vec<jiff::civil::Weekday>);

impl Weekend {
    /// The usual weekend of the language's country: Friday in Persian, Saturday and Sunday
    /// elsewhere.
    pub fn of_language(code: &str) -> Weekend {
        use jiff::civil::Weekday::*;
        match code {
            "fa" => Weekend(vec![Friday]),
            _ => Weekend(vec![Saturday, Sunday]),
        }
    }

    /// Days named in English, separated by commas (`friday`, `saturday, sunday`); none is a
    /// seven-day week, all seven is refused.
    pub fn parse(text: &str) -> Result<Weekend, Message> {
        use jiff::civil::Weekday::*;
        let mut days = Vec::new();
        for name in text.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            let day = match name.to_lowercase().as_str() {
                "monday" => Monday,
                "tuesday" => Tuesday,
                "wednesday" => Wednesday,
                "thursday" => Thursday,
                "friday" => Friday,
                "saturday" => Saturday,
                "sunday" => Sunday,
                _ => {
                    return Err(Message::new("not-one-of").text("value", name).text(
                        "choices",
                        "monday, tuesday, wednesday, thursday, friday, saturday, sunday",
                    ));
                }
            };
            if !days.contains(&day) {
                days.push(day);
            }
        }
        if days.len() == 7 {
            return Err(Message::from("a week needs at least one working day"));
        }
        Ok(Weekend(days))
    }

    pub fn days(&self) -> &[jiff::civil::Weekday] {
        &self.0
    }

    pub fn is_business_day(&self, day: Date) -> bool {
        !self.0.contains(&day.weekday())
    }

    /// The day `n` business days after `from` (0: `from` itself, or the next business day
    /// if it falls on the weekend).
    pub fn add_business_days(&self, from: Date, n: u32) -> Date {
        let next = |d: Date| d.tomorrow().unwrap_or(d);
        let mut day = from;
        while !self.is_business_day(day) {
            day = next(day);
        }
        for _ in 0..n {
            day = next(day);
            while !self.is_business_day(day) {
                day = next(day);
            }
        }
        day
    }
}

#[cfg(test)]
mod weekend_tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn business_days_skip_the_language_s_weekend() {
        // 2026-12-03 is a Thursday.
        let thursday = date(2026, 12, 3);
        let iran = Weekend::of_language("fa");
        assert_eq!(iran.add_business_days(thursday, 1), date(2026, 12, 5));
        let georgia = Weekend::of_language("ka");
        assert_eq!(georgia.add_business_days(thursday, 1), date(2026, 12, 4));
        assert_eq!(georgia.add_business_days(thursday, 2), date(2026, 12, 7));
        assert_eq!(
            georgia.add_business_days(date(2026, 12, 5), 0),
            date(2026, 12, 7)
        );
        assert_eq!(iran.add_business_days(thursday, 6), date(2026, 12, 10));
    }

    #[test]
    fn a_weekend_setting_is_read_and_a_week_without_work_refused() {
        assert_eq!(
            Weekend::parse("Friday, thursday").unwrap().days(),
            [jiff::civil::Weekday::Friday, jiff::civil::Weekday::Thursday]
        );
        assert!(Weekend::parse("funday").is_err());
        let all = "monday,tuesday,wednesday,thursday,friday,saturday,sunday";
        assert!(Weekend::parse(all).is_err());
        // No weekend: every day counts.
        let none = Weekend::parse("").unwrap();
        assert_eq!(
            none.add_business_days(jiff::civil::date(2026, 12, 5), 2),
            jiff::civil::date(2026, 12, 7)
        );
    }
}
