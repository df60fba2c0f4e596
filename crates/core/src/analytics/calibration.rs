//! The calibration summary the BG/NBD and Gamma-Gamma models are fitted on: per customer the
//! frequency x, recency t_x and age T, and the mean value of the repeat transactions.
//!
//! The definitions follow the papers and the published CDNOW summary (Fader, Hardie & Lee
//! 2005), which the tests reproduce line for line from the raw transactions:
//! - a *transaction* is a UTC day with at least one order: several orders on one day are one
//!   transaction whose value is their sum (the models describe purchase occasions, and a
//!   split basket is not a second occasion);
//! - x is the number of *repeat* transactions: distinct days − 1;
//! - t_x (recency) and T (age) are measured from the first transaction's day, to the last
//!   transaction's day and to the calibration end's day respectively, in whole days divided by
//!   the unit's length: for a customer who first bought on 1997-01-01 and a calibration that
//!   ends on 1997-09-30, T = 272 days = 38.857 weeks (the published 38.86);
//! - the monetary value is the mean of the repeat transactions only: the first transaction is
//!   left out, as in the Gamma-Gamma paper, because acquisition purchases are systematically
//!   different and x counts repeat transactions only.

use super::{DAY_MS, Millis, OrderFact};

/// The unit recency, age and forecast horizons are expressed in. The fitted α (BG/NBD) is a
/// rate per unit, so a model fitted in one unit forecasts in that unit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TimeUnit {
    /// Whole days: precise, but many more distinct (x, t_x, T) triples to fit on.
    Day,
    /// Days / 7, fractional, as in the published CDNOW analyses.
    #[default]
    Week,
}

impl TimeUnit {
    /// Length of one unit in days.
    pub const fn days(self) -> f64 {
        match self {
            TimeUnit::Day => 1.0,
            TimeUnit::Week => 7.0,
        }
    }

    /// A span of days in this unit.
    pub fn from_days(self, days: f64) -> f64 {
        days / self.days()
    }
}

/// The calibration period's end and the time unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CalibrationSettings {
    /// Any instant in the last day of the calibration period: the period runs to the end of
    /// that UTC day, so every order on that day counts (the papers work in whole days).
    pub end: Millis,
    pub unit: TimeUnit,
}

impl CalibrationSettings {
    pub fn new(end: Millis, unit: TimeUnit) -> Self {
        CalibrationSettings { end, unit }
    }

    /// The UTC day number (days since 1970-01-01) of the last calibration day.
    pub fn end_day(&self) -> i64 {
        self.end.div_euclid(DAY_MS)
    }
}

/// One customer's calibration summary, in the unit of [`CalibrationSettings::unit`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CalibrationSummary {
    /// x: the number of repeat transactions (distinct order days − 1).
    pub frequency: u32,
    /// t_x: time from the first transaction to the last one (0 when x = 0).
    pub recency: f64,
    /// T: time from the first transaction to the end of the calibration period.
    pub age: f64,
    /// m_x: the mean value of the repeat transactions in minor units, the first transaction
    /// excluded; `None` when x = 0.
    pub monetary_value: Option<f64>,
}

/// The calibration summary of one customer from their orders (in any order); `None` when the
/// customer has no order on or before the calibration end.
///
/// Allocates only when the orders are not sorted by time; summarising a whole base with a
/// [`Calibrator`] reuses one buffer instead.
pub fn calibration_summary(
    orders: &[OrderFact],
    settings: &CalibrationSettings,
) -> Option<CalibrationSummary> {
    Calibrator::new(*settings).summarise(orders)
}

/// Summarises customer after customer without allocating per customer: orders sorted by time
/// (as a store usually returns them) are summarised in one pass, and unsorted ones are sorted
/// in a buffer that is kept between calls.
#[derive(Clone, Debug)]
pub struct Calibrator {
    settings: CalibrationSettings,
    end_day: i64,
    /// (day, amount) of the orders in the calibration period, for unsorted input.
    buffer: Vec<(i64, i64)>,
}

impl Calibrator {
    pub fn new(settings: CalibrationSettings) -> Self {
        Calibrator {
            settings,
            end_day: settings.end_day(),
            buffer: Vec::new(),
        }
    }

    pub fn settings(&self) -> &CalibrationSettings {
        &self.settings
    }

    /// The summary of one customer; see [`calibration_summary`].
    pub fn summarise(&mut self, orders: &[OrderFact]) -> Option<CalibrationSummary> {
        let end_day = self.end_day;
        let sorted = orders.windows(2).all(|w| w[0].at <= w[1].at);
        let days = if sorted {
            Days::collect(
                orders
                    .iter()
                    .map(|o| (o.at.div_euclid(DAY_MS), o.amount))
                    .take_while(|&(day, _)| day <= end_day),
            )
        } else {
            self.buffer.clear();
            self.buffer.extend(
                orders
                    .iter()
                    .map(|o| (o.at.div_euclid(DAY_MS), o.amount))
                    .filter(|&(day, _)| day <= end_day),
            );
            self.buffer.sort_unstable_by_key(|&(day, _)| day);
            Days::collect(self.buffer.iter().copied())
        }?;
        let unit = self.settings.unit;
        let frequency = days.distinct - 1;
        let monetary_value =
            (frequency > 0).then(|| (days.total - days.first_amount) as f64 / f64::from(frequency));
        Some(CalibrationSummary {
            frequency,
            recency: unit.from_days((days.last - days.first) as f64),
            age: unit.from_days((end_day - days.first) as f64),
            monetary_value,
        })
    }
}

/// What one pass over a customer's (day, amount) pairs in day order yields.
struct Days {
    first: i64,
    last: i64,
    distinct: u32,
    /// Sum over the first day's orders.
    first_amount: i128,
    /// Sum over all orders; i128 so that no sum of i64 amounts can overflow.
    total: i128,
}

impl Days {
    fn collect(mut pairs: impl Iterator<Item = (i64, i64)>) -> Option<Days> {
        let (first, amount) = pairs.next()?;
        let mut days = Days {
            first,
            last: first,
            distinct: 1,
            first_amount: i128::from(amount),
            total: i128::from(amount),
        };
        for (day, amount) in pairs {
            if day != days.last {
                days.distinct += 1;
                days.last = day;
            } else if day == first {
                days.first_amount += i128::from(amount);
            }
            days.total += i128::from(amount);
        }
        Some(days)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 1997-01-01T00:00:00Z.
    const JAN_1_1997: Millis = 852_076_800_000;

    fn order(day: i64, hour: i64, amount: i64) -> OrderFact {
        OrderFact {
            at: JAN_1_1997 + day * DAY_MS + hour * 3_600_000,
            amount,
            cost: None,
        }
    }

    fn settings(unit: TimeUnit) -> CalibrationSettings {
        // 1997-09-30 is day 272 after 1997-01-01; any instant in it marks the end.
        CalibrationSettings::new(JAN_1_1997 + 272 * DAY_MS + 15 * 3_600_000, unit)
    }

    #[test]
    fn the_published_cdnow_age_is_272_days_in_weeks() {
        let s = calibration_summary(&[order(0, 9, 1000)], &settings(TimeUnit::Week)).unwrap();
        assert_eq!(s.frequency, 0);
        assert_eq!(s.recency, 0.0);
        assert_eq!(s.age, 272.0 / 7.0);
        assert_eq!(format!("{:.2}", s.age), "38.86");
        assert_eq!(s.monetary_value, None);
    }

    #[test]
    fn orders_on_one_day_are_one_transaction_with_their_values_summed() {
        // Day 0 twice (first transaction 30 + 20), day 17 twice (10 + 5), day 213 once (40).
        let orders = [
            order(17, 23, 5),
            order(0, 1, 30),
            order(213, 0, 40),
            order(0, 22, 20),
            order(17, 0, 10),
        ];
        let s = calibration_summary(&orders, &settings(TimeUnit::Week)).unwrap();
        assert_eq!(s.frequency, 2);
        assert_eq!(s.recency, 213.0 / 7.0);
        assert_eq!(format!("{:.2}", s.recency), "30.43");
        // Repeat transactions only: (15 + 40) / 2.
        assert_eq!(s.monetary_value, Some(27.5));
    }

    #[test]
    fn sorted_and_unsorted_input_agree() {
        let mut orders = vec![
            order(3, 2, 7),
            order(3, 5, 1),
            order(40, 0, 9),
            order(41, 1, 2),
            order(300, 0, 1000),
        ];
        let mut calibrator = Calibrator::new(settings(TimeUnit::Day));
        let sorted = calibrator.summarise(&orders).unwrap();
        orders.reverse();
        let unsorted = calibrator.summarise(&orders).unwrap();
        assert_eq!(sorted, unsorted);
        assert_eq!(sorted.frequency, 2);
        assert_eq!(sorted.monetary_value, Some(5.5));
    }

    #[test]
    fn day_and_week_units_differ_by_seven() {
        let orders = [order(10, 0, 1), order(24, 0, 3), order(31, 0, 5)];
        let day = calibration_summary(&orders, &settings(TimeUnit::Day)).unwrap();
        let week = calibration_summary(&orders, &settings(TimeUnit::Week)).unwrap();
        assert_eq!((day.frequency, day.recency, day.age), (2, 21.0, 262.0));
        assert_eq!(
            (week.frequency, week.recency, week.age),
            (2, 3.0, 262.0 / 7.0)
        );
        assert_eq!(day.monetary_value, week.monetary_value);
    }

    #[test]
    fn orders_after_the_calibration_end_are_ignored() {
        // The last calibration day counts in full (an order at 23:00 on it), the next day
        // does not.
        let orders = [
            order(0, 0, 10),
            order(272, 23, 20),
            order(273, 0, 99),
            order(400, 0, 99),
        ];
        let s = calibration_summary(&orders, &settings(TimeUnit::Day)).unwrap();
        assert_eq!((s.frequency, s.recency, s.age), (1, 272.0, 272.0));
        assert_eq!(s.monetary_value, Some(20.0));
        // A customer whose first order is after the end has no summary.
        assert_eq!(
            calibration_summary(&orders[2..], &settings(TimeUnit::Day)),
            None
        );
        assert_eq!(calibration_summary(&[], &settings(TimeUnit::Day)), None);
    }

    #[test]
    fn a_first_purchase_on_the_last_day_has_age_zero() {
        let s = calibration_summary(&[order(272, 8, 5)], &settings(TimeUnit::Week)).unwrap();
        assert_eq!((s.frequency, s.recency, s.age), (0, 0.0, 0.0));
    }

    #[test]
    fn days_before_the_epoch_are_whole_utc_days() {
        // 1969-12-31T23:00Z and 1970-01-01T01:00Z are two days, not one.
        let orders = [
            OrderFact {
                at: -3_600_000,
                amount: 1,
                cost: None,
            },
            OrderFact {
                at: 3_600_000,
                amount: 2,
                cost: None,
            },
        ];
        let s =
            calibration_summary(&orders, &CalibrationSettings::new(DAY_MS, TimeUnit::Day)).unwrap();
        assert_eq!((s.frequency, s.recency, s.age), (1, 1.0, 2.0));
    }
}
