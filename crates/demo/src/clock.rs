//! The demo's time: whole seconds since the epoch, kept between 1900 and the base's `as_of`.

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::rng::{self, Rng};

pub(crate) const DAY: i64 = 86_400;
/// 1900-01-01T00:00:00Z, the earliest instant the model accepts.
const EARLIEST: i64 = -2_208_988_800;
/// 2200-01-01T00:00:00Z, the first instant the model refuses.
const LATEST: i64 = 7_258_118_400;
const HISTORY_DAYS: f64 = 5.0 * 365.25;

/// Whole seconds since the epoch, kept between 1900 and `as_of`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Clock {
    pub(crate) now: i64,
    pub(crate) start: i64,
    pub(crate) year: i32,
}

impl Clock {
    pub(crate) fn new(as_of: Timestamp) -> Clock {
        // Whole seconds at or before `as_of`: `as_second` truncates towards zero, which is
        // after `as_of` for instants before 1970 with a fraction.
        let mut now = as_of.as_second();
        if Timestamp::from_second(now).is_ok_and(|t| t > as_of) {
            now -= 1;
        }
        assert!(
            (EARLIEST..LATEST).contains(&now),
            "the demo base must be dated in the years 1900 to 2199, not {as_of}"
        );
        let start = (now - (HISTORY_DAYS * DAY as f64) as i64).max(EARLIEST);
        let year = i32::from(stamp(now).to_zoned(TimeZone::UTC).year());
        Clock { now, start, year }
    }

    pub(crate) fn clamp(&self, at: i64) -> i64 {
        at.clamp(EARLIEST, self.now)
    }

    pub(crate) fn days_ago(&self, days: f64) -> i64 {
        self.clamp(self.now - seconds(days))
    }

    pub(crate) fn plus_days(&self, at: i64, days: f64) -> i64 {
        self.clamp(at + seconds(days))
    }

    /// Uniform in [from, to].
    pub(crate) fn between(&self, rng: &mut Rng, from: i64, to: i64) -> i64 {
        let (from, to) = (self.clamp(from), self.clamp(to.max(from)));
        from + (rng.unit() * (to - from) as f64) as i64
    }

    /// When a customer was acquired, in [from, to], more of them late: the business grows,
    /// so acquisitions thicken towards `as_of` (density rising like t^⅓).
    pub(crate) fn acquired(&self, rng: &mut Rng, from: i64, to: i64) -> i64 {
        let (from, to) = (self.clamp(from), self.clamp(to.max(from)));
        from + (rng::exp(0.75 * rng::ln(rng.unit().max(1e-300))) * (to - from) as f64) as i64
    }
}

pub(crate) fn seconds(days: f64) -> i64 {
    (days * DAY as f64) as i64
}

pub(crate) fn stamp(at: i64) -> Timestamp {
    Timestamp::from_second(at).expect("demo instants are kept within 1900..2200")
}
