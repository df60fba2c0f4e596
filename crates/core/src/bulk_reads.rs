//! The bulk-read alarm of the audit log: an employee reading or exporting far more customers
//! than they usually do, as a departing salesperson taking the customer base with them does
//! (seed 004). A rule on daily counts the store reads from the log; no I/O here.

use serde::Serialize;

/// How unusual a day must be to raise the alarm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BulkReadSettings {
    /// The days before the day looked at that say what is usual for the actor.
    pub baseline_days: i64,
    /// How many times the usual daily count a day must exceed.
    pub factor: u64,
    /// Below this many customers in a day, no alarm, however unusual (a new employee's
    /// first list of fifty is not a theft).
    pub min_customers: u64,
}

impl Default for BulkReadSettings {
    fn default() -> Self {
        BulkReadSettings {
            baseline_days: 30,
            factor: 5,
            min_customers: 500,
        }
    }
}

/// What one actor read or exported on one UTC day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DailyReads {
    /// The employee (their sessions and tokens together), or a system path.
    pub actor: String,
    /// Days since 1970-01-01, UTC.
    pub day: i64,
    /// Customer rows read (lists, pages of a list) or exported that day.
    pub customers: u64,
    /// How many of the day's entries were exports.
    pub exports: u64,
}

/// A day an actor read or exported far more customers than usual.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BulkReadAlert {
    pub actor: String,
    /// Days since 1970-01-01, UTC.
    pub day: i64,
    pub customers: u64,
    pub exports: u64,
    /// The actor's average per day over the baseline days before (rounded up).
    pub usual: u64,
}

/// The alarms of the days from `first_day` on, worst first. `daily` must hold the baseline
/// days before `first_day` too, in any order; an actor's missing day read nothing.
pub fn bulk_read_alerts(
    daily: &[DailyReads],
    first_day: i64,
    settings: &BulkReadSettings,
) -> Vec<BulkReadAlert> {
    let baseline = settings.baseline_days.max(1);
    let mut alerts: Vec<BulkReadAlert> = daily
        .iter()
        .filter(|d| d.day >= first_day && d.customers >= settings.min_customers)
        .filter_map(|d| {
            let before: u64 = daily
                .iter()
                .filter(|o| o.actor == d.actor && o.day < d.day && o.day >= d.day - baseline)
                .map(|o| o.customers)
                .fold(0u64, u64::saturating_add);
            let usual = before.div_ceil(baseline as u64);
            (d.customers > usual.saturating_mul(settings.factor)).then(|| BulkReadAlert {
                actor: d.actor.clone(),
                day: d.day,
                customers: d.customers,
                exports: d.exports,
                usual,
            })
        })
        .collect();
    alerts.sort_by(|a, b| {
        b.customers
            .cmp(&a.customers)
            .then(b.day.cmp(&a.day))
            .then_with(|| a.actor.cmp(&b.actor))
    });
    alerts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(actor: &str, day: i64, customers: u64) -> DailyReads {
        DailyReads {
            actor: actor.to_owned(),
            day,
            customers,
            exports: 0,
        }
    }

    #[test]
    fn a_day_far_above_the_actor_s_usual_raises_the_alarm_and_an_ordinary_one_does_not() {
        let settings = BulkReadSettings::default();
        // Maryam reads about 200 customers a day; Reza as many, every day.
        let mut daily: Vec<DailyReads> = (0..30).map(|d| day("maryam", 100 + d, 200)).collect();
        daily.extend((0..31).map(|d| day("reza", 100 + d, 200)));
        // Then Maryam exports the whole base of 4,300.
        daily.push(DailyReads {
            exports: 1,
            ..day("maryam", 130, 4_300)
        });
        let alerts = bulk_read_alerts(&daily, 125, &settings);
        assert_eq!(
            alerts,
            [BulkReadAlert {
                actor: "maryam".into(),
                day: 130,
                customers: 4_300,
                exports: 1,
                usual: 200,
            }]
        );
    }

    #[test]
    fn small_days_and_a_habit_of_big_ones_raise_none() {
        let settings = BulkReadSettings::default();
        // A new employee's first list: unusual, but small.
        assert!(bulk_read_alerts(&[day("new", 10, 499)], 0, &settings).is_empty());
        // No history at all and a big day: the alarm.
        assert_eq!(
            bulk_read_alerts(&[day("new", 10, 500)], 0, &settings).len(),
            1
        );
        // An analyst who exports 5,000 every day: that is their usual.
        let daily: Vec<DailyReads> = (0..40).map(|d| day("analyst", d, 5_000)).collect();
        assert!(bulk_read_alerts(&daily, 35, &settings).is_empty());
        // Days before the first one looked at are only the baseline.
        let daily = [day("x", 1, 9_000), day("x", 50, 10)];
        assert!(bulk_read_alerts(&daily, 40, &settings).is_empty());
    }

    #[test]
    fn counts_never_overflow() {
        let daily = [
            day("x", 1, u64::MAX),
            day("x", 2, u64::MAX),
            day("x", 3, u64::MAX),
        ];
        let alerts = bulk_read_alerts(&daily, 0, &BulkReadSettings::default());
        assert_eq!(alerts.len(), 3, "{alerts:?}");
    }
}
