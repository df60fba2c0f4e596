//! The per-customer summary (spec §2, "derived per customer"): orders, first and last order,
//! recency, the customer's own median interval, monetary total and mean, gross margin, cost
//! to serve, acquisition cost and profit over a trailing window.

use super::{CustomerFacts, DAY_MS, Millis};

/// A year of acquisition-cost amortisation: the spec spreads acquisition cost over the
/// customer's first year.
const YEAR_MS: Millis = 365 * DAY_MS;

/// What a summary depends on besides the customer's own facts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SummarySettings {
    /// The instant the summary is taken at; facts after it are ignored, so that a base can be
    /// evaluated as of any past date.
    pub as_of: Millis,
    /// Margin assumed for an order whose cost of goods is unknown, as a share of its amount.
    pub default_margin_rate: f64,
    /// Length of the trailing profit window in days (the spec's default: 12 months).
    pub profit_window_days: u32,
}

impl SummarySettings {
    /// The spec's defaults: a 365-day profit window and a 30 % default margin.
    pub fn new(as_of: Millis) -> Self {
        SummarySettings {
            as_of,
            default_margin_rate: 0.30,
            profit_window_days: 365,
        }
    }
}

/// One customer's derived numbers as of [`SummarySettings::as_of`]. Money is in minor units.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CustomerSummary {
    /// Order rows up to the as-of instant.
    pub orders: u32,
    /// Distinct UTC days with at least one order: several orders on one day are one visit.
    pub order_days: u32,
    pub first_order: Option<Millis>,
    pub last_order: Option<Millis>,
    /// Whole days from the last order to the as-of instant.
    pub recency_days: Option<i64>,
    /// Median gap in days between successive order days; needs two order days.
    pub median_interval_days: Option<f64>,
    pub monetary_total: i64,
    /// Mean amount per order.
    pub monetary_mean: Option<f64>,
    /// Amount − cost of goods over all orders (amount × default margin rate where the cost
    /// is unknown).
    pub gross_margin: i64,
    /// All cost-to-serve entries up to the as-of instant.
    pub cost_to_serve: i64,
    pub acquisition_cost: i64,
    /// Revenue, margin and cost to serve within the trailing window.
    pub revenue_window: i64,
    pub margin_window: i64,
    pub cost_to_serve_window: i64,
    /// The part of the acquisition cost that falls in the window: it is spread evenly over
    /// the customer's first year.
    pub acquisition_window: i64,
    /// margin − cost to serve − spread acquisition cost, in the trailing window.
    pub profit_window: i64,
    /// The same for the window before it (what `let_go` looks at).
    pub profit_previous_window: i64,
}

/// Margin of one order in minor units.
pub fn order_margin(amount: i64, cost: Option<i64>, default_margin_rate: f64) -> i64 {
    match cost {
        Some(cost) => amount - cost,
        None => (amount as f64 * default_margin_rate).round() as i64,
    }
}

/// Sums over the half-open span (start, end].
struct Window {
    start: Millis,
    end: Millis,
}

impl Window {
    fn holds(&self, at: Millis) -> bool {
        at > self.start && at <= self.end
    }
}

fn acquisition_share(cost: i64, acquired: Millis, window: &Window) -> i64 {
    let from = acquired.max(window.start);
    let to = (acquired + YEAR_MS).min(window.end);
    if to <= from || cost == 0 {
        return 0;
    }
    // i128: a large cost times a year in milliseconds does not fit an i64.
    ((cost as i128 * (to - from) as i128 + YEAR_MS as i128 / 2) / YEAR_MS as i128) as i64
}

/// One customer's sums as they are added up.
#[derive(Default)]
struct Sums {
    monetary: i128,
    margin: i128,
    revenue_window: i128,
    margin_window: i128,
    margin_previous: i128,
    cost: i128,
    cost_window: i128,
    cost_previous: i128,
}

/// A sum held to the i64 range.
fn held(sum: i128) -> i64 {
    sum.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
}

/// The summary of one customer.
pub fn summarise(facts: &CustomerFacts, settings: &SummarySettings) -> CustomerSummary {
    let as_of = settings.as_of;
    let window_ms = settings.profit_window_days as i64 * DAY_MS;
    let current = Window {
        start: as_of - window_ms,
        end: as_of,
    };
    let previous = Window {
        start: as_of - 2 * window_ms,
        end: as_of - window_ms,
    };
    let rate = settings.default_margin_rate;

    let mut summary = CustomerSummary::default();
    let mut days: Vec<i64> = Vec::with_capacity(facts.orders.len());
    // Summed in i128 so that no number or size of amounts can overflow; each figure is then
    // held to the i64 range (the store bounds what one customer can accumulate, so this only
    // matters for data written before that bound).
    let mut sums = Sums::default();
    for order in facts.orders.iter().filter(|o| o.at <= as_of) {
        let margin = i128::from(order_margin(order.amount, order.cost, rate));
        let amount = i128::from(order.amount);
        summary.orders += 1;
        sums.monetary += amount;
        sums.margin += margin;
        summary.first_order = Some(summary.first_order.map_or(order.at, |f| f.min(order.at)));
        summary.last_order = Some(summary.last_order.map_or(order.at, |l| l.max(order.at)));
        days.push(order.at.div_euclid(DAY_MS));
        if current.holds(order.at) {
            sums.revenue_window += amount;
            sums.margin_window += margin;
        } else if previous.holds(order.at) {
            sums.margin_previous += margin;
        }
    }
    for cost in facts.costs.iter().filter(|c| c.at <= as_of) {
        let amount = i128::from(cost.amount);
        sums.cost += amount;
        if current.holds(cost.at) {
            sums.cost_window += amount;
        } else if previous.holds(cost.at) {
            sums.cost_previous += amount;
        }
    }
    // A customer not yet acquired at the as-of date has no acquisition cost yet.
    if facts.created_at <= as_of {
        summary.acquisition_cost = facts.acquisition_cost.unwrap_or(0);
    }
    summary.acquisition_window =
        acquisition_share(summary.acquisition_cost, facts.created_at, &current);
    let acquisition_previous =
        acquisition_share(summary.acquisition_cost, facts.created_at, &previous);
    summary.monetary_total = held(sums.monetary);
    summary.gross_margin = held(sums.margin);
    summary.revenue_window = held(sums.revenue_window);
    summary.margin_window = held(sums.margin_window);
    summary.cost_to_serve = held(sums.cost);
    summary.cost_to_serve_window = held(sums.cost_window);
    summary.profit_window =
        held(sums.margin_window - sums.cost_window - i128::from(summary.acquisition_window));
    summary.profit_previous_window =
        held(sums.margin_previous - sums.cost_previous - i128::from(acquisition_previous));

    if summary.orders > 0 {
        summary.monetary_mean = Some(summary.monetary_total as f64 / summary.orders as f64);
        summary.recency_days = summary
            .last_order
            .map(|last| (as_of - last).div_euclid(DAY_MS));
    }
    days.sort_unstable();
    days.dedup();
    summary.order_days = days.len() as u32;
    if days.len() >= 2 {
        let mut gaps: Vec<i64> = days.windows(2).map(|w| w[1] - w[0]).collect();
        gaps.sort_unstable();
        let mid = gaps.len() / 2;
        summary.median_interval_days = Some(if gaps.len() % 2 == 1 {
            gaps[mid] as f64
        } else {
            (gaps[mid - 1] + gaps[mid]) as f64 / 2.0
        });
    }
    summary
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::{CostFact, OrderFact};

    const T0: Millis = 1_700_000_000_000 - 1_700_000_000_000 % DAY_MS;

    fn order(day: i64, amount: i64, cost: Option<i64>) -> OrderFact {
        OrderFact {
            at: T0 + day * DAY_MS + 3_600_000,
            amount,
            cost,
        }
    }

    /// 105 orders at the largest amount accepted sum past what an i64 holds: the sums are
    /// held at its edge instead of wrapping negative.
    #[test]
    fn sums_of_the_largest_amounts_do_not_wrap() {
        let big = crate::money::MAX_MINOR;
        let facts = CustomerFacts {
            created_at: T0,
            orders: (0..105).map(|d| order(d, big, Some(0))).collect(),
            costs: (0..105)
                .map(|d| CostFact {
                    at: T0 + d * DAY_MS,
                    amount: big,
                })
                .collect(),
            ..Default::default()
        };
        let s = summarise(&facts, &SummarySettings::new(T0 + 200 * DAY_MS));
        assert_eq!(s.orders, 105);
        assert_eq!(s.monetary_total, i64::MAX);
        assert_eq!(s.gross_margin, i64::MAX);
        assert_eq!(s.cost_to_serve, i64::MAX);
        // Margin and cost to serve are equal: the profit is what they leave, none.
        assert_eq!(s.profit_window, 0);
        assert!(s.monetary_mean.unwrap() > 0.0);
    }

    #[test]
    fn a_customer_without_orders_has_no_order_numbers() {
        let facts = CustomerFacts {
            created_at: T0,
            ..Default::default()
        };
        let s = summarise(&facts, &SummarySettings::new(T0 + 10 * DAY_MS));
        assert_eq!(s.orders, 0);
        assert_eq!(s.recency_days, None);
        assert_eq!(s.median_interval_days, None);
        assert_eq!(s.monetary_mean, None);
    }

    #[test]
    fn intervals_are_between_order_days_and_the_median_is_of_the_gaps() {
        // Days 0, 0 (same day), 10, 40, 50: gaps 10, 30, 10 -> median 10.
        let facts = CustomerFacts {
            created_at: T0,
            orders: vec![
                order(40, 100, None),
                order(0, 100, Some(60)),
                order(0, 50, Some(10)),
                order(10, 100, None),
                order(50, 100, None),
            ],
            ..Default::default()
        };
        let s = summarise(&facts, &SummarySettings::new(T0 + 60 * DAY_MS));
        assert_eq!(s.orders, 5);
        assert_eq!(s.order_days, 4);
        assert_eq!(s.median_interval_days, Some(10.0));
        assert_eq!(s.monetary_total, 450);
        assert_eq!(s.monetary_mean, Some(90.0));
        // 40 + 40 known-cost margin, 3 × 30 at the 30 % default.
        assert_eq!(s.gross_margin, 170);
        assert_eq!(s.recency_days, Some(9)); // order at day 50 01:00, as of day 60 00:00
        assert_eq!(s.first_order, Some(T0 + 3_600_000));
    }

    #[test]
    fn an_even_number_of_gaps_takes_the_mean_of_the_middle_two() {
        let facts = CustomerFacts {
            orders: vec![order(0, 1, None), order(10, 1, None), order(30, 1, None)],
            ..Default::default()
        };
        let s = summarise(&facts, &SummarySettings::new(T0 + 100 * DAY_MS));
        assert_eq!(s.median_interval_days, Some(15.0));
    }

    #[test]
    fn facts_after_the_as_of_instant_are_ignored() {
        let facts = CustomerFacts {
            created_at: T0,
            orders: vec![order(0, 100, None), order(20, 100, None)],
            costs: vec![CostFact {
                at: T0 + 25 * DAY_MS,
                amount: 7,
            }],
            ..Default::default()
        };
        let s = summarise(&facts, &SummarySettings::new(T0 + 5 * DAY_MS));
        assert_eq!(s.orders, 1);
        assert_eq!(s.cost_to_serve, 0);
    }

    #[test]
    fn trailing_profit_spreads_acquisition_cost_over_the_first_year() {
        // Acquired at T0 for 3650; as of T0 + 365 days the whole year lies in the window.
        let facts = CustomerFacts {
            created_at: T0,
            acquisition_cost: Some(3650),
            orders: vec![order(100, 10_000, Some(6_000))],
            costs: vec![CostFact {
                at: T0 + 200 * DAY_MS,
                amount: 500,
            }],
            ..Default::default()
        };
        let year_end = summarise(&facts, &SummarySettings::new(T0 + 365 * DAY_MS));
        assert_eq!(year_end.acquisition_window, 3650);
        assert_eq!(year_end.profit_window, 4000 - 500 - 3650);
        // Half a year in, half of the acquisition cost has been spread.
        let half = summarise(&facts, &SummarySettings::new(T0 + 365 * DAY_MS / 2));
        assert_eq!(half.acquisition_window, 1825);
        // Two years in, the order and the cost fall in the previous window, with the
        // acquisition cost; the current window is empty.
        let later = summarise(&facts, &SummarySettings::new(T0 + 2 * 365 * DAY_MS));
        assert_eq!(later.profit_window, 0);
        assert_eq!(later.profit_previous_window, 4000 - 500 - 3650);
    }
}
