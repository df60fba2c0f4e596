//! Monthly acquisition cohorts: customers grouped by the UTC calendar month of their first
//! order, followed month by month since then: how many still order, and what they spend.
//! The classic retention triangle, which shows whether newer customers stay better or worse
//! than older ones, something a single base-wide number hides.

use std::collections::BTreeMap;

use serde::Serialize;
use utoipa::ToSchema;

use super::{CustomerFacts, DAY_MS, Millis};

/// One month of one cohort.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct CohortMonth {
    /// 0 is the month of the first order itself.
    pub months_since_first_order: u32,
    /// Cohort members with at least one order in this calendar month.
    pub ordering_customers: u64,
    /// `ordering_customers` as a share of the cohort (1 in month 0).
    pub share_ordering: f64,
    /// What the cohort's members ordered in this month, in minor units.
    pub revenue: i64,
}

/// The customers whose first order fell in one calendar month.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct CohortRow {
    /// The month of the first order, `YYYY-MM` (UTC).
    pub cohort: String,
    pub customers: u64,
    /// Every month from the cohort's month to the as-of month, in order (the current month
    /// is still running).
    pub months: Vec<CohortMonth>,
}

/// The cohort table as of an instant.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct CohortTable {
    /// The month of the as-of instant, `YYYY-MM` (UTC): the last column.
    pub as_of_month: String,
    /// Oldest first; months in which nobody placed a first order have no row.
    pub cohorts: Vec<CohortRow>,
}

/// Running totals of one cohort.
struct Accumulator {
    customers: u64,
    ordering: Vec<u64>,
    revenue: Vec<i128>,
}

/// The cohort table of a base as of `as_of`: orders after it are ignored, customers without
/// an order up to it belong to no cohort. O(number of orders); one scratch buffer for all
/// customers.
pub fn cohort_table(facts: &[CustomerFacts], as_of: Millis) -> CohortTable {
    let last = month_index(as_of);
    let mut cohorts: BTreeMap<i64, Accumulator> = BTreeMap::new();
    // One customer's (month, amount) pairs.
    let mut months: Vec<(i64, i64)> = Vec::new();
    for customer in facts {
        months.clear();
        months.extend(
            customer
                .orders
                .iter()
                .filter(|o| o.at <= as_of)
                .map(|o| (month_index(o.at), o.amount)),
        );
        let Some(first) = months.iter().map(|&(m, _)| m).min() else {
            continue;
        };
        let cohort = cohorts.entry(first).or_insert_with(|| {
            let width = (last - first + 1) as usize;
            Accumulator {
                customers: 0,
                ordering: vec![0; width],
                revenue: vec![0; width],
            }
        });
        cohort.customers += 1;
        months.sort_unstable_by_key(|&(m, _)| m);
        let mut previous = None;
        for &(month, amount) in &months {
            let offset = (month - first) as usize;
            cohort.revenue[offset] += i128::from(amount);
            if previous != Some(month) {
                cohort.ordering[offset] += 1;
                previous = Some(month);
            }
        }
    }
    CohortTable {
        as_of_month: month_text(last),
        cohorts: cohorts
            .into_iter()
            .map(|(first, acc)| CohortRow {
                cohort: month_text(first),
                customers: acc.customers,
                months: acc
                    .ordering
                    .iter()
                    .zip(&acc.revenue)
                    .enumerate()
                    .map(|(offset, (&ordering, &revenue))| CohortMonth {
                        months_since_first_order: offset as u32,
                        ordering_customers: ordering,
                        share_ordering: ordering as f64 / acc.customers as f64,
                        revenue: revenue.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64,
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// The proleptic Gregorian (year, month 1–12, day 1–31) of a UTC instant, by integer
/// arithmetic (Howard Hinnant's `civil_from_days`): no allocation, no time-zone database,
/// exact for every i64 millisecond count.
pub(crate) fn civil_date(at: Millis) -> (i64, u32, u32) {
    let z = at.div_euclid(DAY_MS) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097; // day of the 400-year era, 0..=146,096
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // day of the March-based year
    let mp = (5 * doy + 2) / 153; // March = 0
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The UTC calendar year of an instant.
pub(crate) fn civil_year(at: Millis) -> i64 {
    civil_date(at).0
}

/// Months since year 0: year × 12 + month − 1, so that consecutive months differ by one.
pub(crate) fn month_index(at: Millis) -> i64 {
    let (year, month, _) = civil_date(at);
    year * 12 + i64::from(month) - 1
}

fn month_text(index: i64) -> String {
    format!(
        "{:04}-{:02}",
        index.div_euclid(12),
        index.rem_euclid(12) + 1
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::OrderFact;
    use crate::splitmix::shuffle;
    use proptest::prelude::*;

    fn at(text: &str) -> Millis {
        crate::time::to_millis(crate::time::parse_instant(text).unwrap())
    }

    fn customer(orders: &[(&str, i64)]) -> CustomerFacts {
        CustomerFacts {
            orders: orders
                .iter()
                .map(|&(when, amount)| OrderFact {
                    at: at(when),
                    amount,
                    cost: None,
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn cohorts_follow_calendar_months_by_hand() {
        let facts = [
            // January cohort: orders in Jan (twice), Feb, Apr.
            customer(&[
                ("2026-01-31T23:59:59Z", 10),
                ("2026-01-02", 5),
                ("2026-02-01", 7),
                ("2026-04-15", 1),
            ]),
            // January cohort: Jan only.
            customer(&[("2026-01-10", 20)]),
            // March cohort, with an order after the as-of instant (ignored).
            customer(&[("2026-03-01", 4), ("2026-05-01", 100)]),
            // No orders at all: no cohort.
            customer(&[]),
        ];
        let table = cohort_table(&facts, at("2026-04-20"));
        assert_eq!(table.as_of_month, "2026-04");
        assert_eq!(table.cohorts.len(), 2);
        let jan = &table.cohorts[0];
        assert_eq!((jan.cohort.as_str(), jan.customers), ("2026-01", 2));
        let cells: Vec<(u32, u64, f64, i64)> = jan
            .months
            .iter()
            .map(|m| {
                (
                    m.months_since_first_order,
                    m.ordering_customers,
                    m.share_ordering,
                    m.revenue,
                )
            })
            .collect();
        assert_eq!(
            cells,
            vec![
                (0, 2, 1.0, 35),
                (1, 1, 0.5, 7),
                (2, 0, 0.0, 0),
                (3, 1, 0.5, 1)
            ]
        );
        let mar = &table.cohorts[1];
        assert_eq!(mar.cohort, "2026-03");
        assert_eq!(mar.months.len(), 2);
        assert_eq!(mar.months[1].revenue, 0);
    }

    #[test]
    fn an_empty_base_has_no_cohorts_and_years_roll_over() {
        let table = cohort_table(&[], at("2026-01-01"));
        assert_eq!(table.as_of_month, "2026-01");
        assert!(table.cohorts.is_empty());
        let table = cohort_table(&[customer(&[("2025-12-31", 1)])], at("2026-01-01"));
        assert_eq!(table.cohorts[0].cohort, "2025-12");
        assert_eq!(table.cohorts[0].months.len(), 2);
    }

    #[test]
    fn civil_dates_match_jiff_at_the_edges() {
        for text in [
            "1900-01-01",
            "1900-03-01",
            "1969-12-31T23:59:59.999Z",
            "1970-01-01",
            "2000-02-29",
            "2024-12-31T23:59:59Z",
            "2100-03-01",
            "2199-12-31",
        ] {
            let date: jiff::civil::Date = text[..10].parse().unwrap();
            let expected = (
                i64::from(date.year()),
                date.month() as u32,
                date.day() as u32,
            );
            assert_eq!(civil_date(at(text)), expected, "{text}");
        }
    }

    proptest! {
        #[test]
        fn civil_dates_match_jiff(ms in -2_208_988_800_000i64..7_258_118_400_000) {
            let zoned = jiff::Timestamp::from_millisecond(ms)
                .unwrap()
                .to_zoned(jiff::tz::TimeZone::UTC);
            prop_assert_eq!(
                civil_date(ms),
                (i64::from(zoned.year()), zoned.month() as u32, zoned.day() as u32)
            );
        }

        #[test]
        fn the_table_does_not_depend_on_the_order_of_customers_or_orders(
            customers in prop::collection::vec(
                prop::collection::vec((0i64..400, 1i64..100), 0..6), 0..30),
            seed in any::<u64>(),
        ) {
            let base = at("2025-01-01");
            let mut facts: Vec<CustomerFacts> = customers
                .iter()
                .map(|orders| CustomerFacts {
                    orders: orders
                        .iter()
                        .map(|&(day, amount)| OrderFact { at: base + day * DAY_MS, amount, cost: None })
                        .collect(),
                    ..Default::default()
                })
                .collect();
            let as_of = base + 300 * DAY_MS;
            let table = cohort_table(&facts, as_of);
            shuffle(&mut facts, seed);
            for (i, f) in facts.iter_mut().enumerate() {
                shuffle(&mut f.orders, seed ^ i as u64);
            }
            prop_assert_eq!(cohort_table(&facts, as_of), table);
        }
    }
}
