//! Profitability and the value tiers (spec §4): the Pareto ranking of customers on their
//! trailing-12-month profit into `A` (primary), `B` and `C` (secondary), and the Lorenz
//! (cumulative share) curves behind the "top 20 % make 80 %" view.
//!
//! # The tier rule
//!
//! Let P be the total **positive** profit (the sum over customers whose profit is above 0).
//! For a customer with profit p > 0, let S be the sum of the profits of the customers with a
//! profit **strictly greater** than p: what the customers ranked above them have already made.
//!
//! * `A` when S < 80 % of P: the customer's profit starts inside the first 80 %. So the
//!   customer whose profit *crosses* the 80 % line is `A` (part of their profit is in the
//!   first 80 %), and a customer who starts exactly at 80 % is not;
//! * `B` when S < 95 % of P (80 % + 15 %), otherwise `C`;
//! * every customer with profit ≤ 0 is `C`; when nobody has a positive profit, everyone is.
//!
//! Customers with equal profit have the same S, hence the same tier: a tie is never split
//! across a boundary, and the tiers do not depend on the order of the input. The tier of a
//! customer is therefore a function of their profit alone, given by two cut-offs
//! ([`TierSummary::a_min_profit`], [`TierSummary::b_min_profit`]) which are also the
//! evidence a tier is shown with ("profit 1,240.00 ≥ 1,100.00, the least profit in `A`").
//!
//! The shares are settings; they are applied to the nearest basis point (0.01 %), so that
//! the comparison is exact integer arithmetic and a customer exactly at a boundary is
//! classified the same way on every machine.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The value tier (spec §4), exactly one per customer.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
pub enum ValueTier {
    /// Primary: the customers making up the first 80 % of the positive profit.
    A,
    /// The next 15 %.
    B,
    /// Secondary: the rest, and everyone with profit ≤ 0.
    C,
}

impl ValueTier {
    pub const ALL: [ValueTier; 3] = [ValueTier::A, ValueTier::B, ValueTier::C];

    pub fn as_str(self) -> &'static str {
        match self {
            ValueTier::A => "A",
            ValueTier::B => "B",
            ValueTier::C => "C",
        }
    }
}

/// Where the tier boundaries lie, as shares of the total positive profit.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct TierSettings {
    /// Share of the positive profit made by tier `A` (default 0.80).
    pub a_share: f64,
    /// Share made by tier `B`, after `A`'s (default 0.15).
    pub b_share: f64,
}

impl Default for TierSettings {
    fn default() -> Self {
        TierSettings {
            a_share: 0.80,
            b_share: 0.15,
        }
    }
}

impl TierSettings {
    /// The two cumulative boundaries in basis points, clamped to 0..=10,000 and ordered.
    fn boundaries(&self) -> (i128, i128) {
        let bp = |share: f64| {
            if share.is_nan() {
                0
            } else {
                (share * 10_000.0).round().clamp(0.0, 10_000.0) as i128
            }
        };
        let a = bp(self.a_share);
        let ab = bp(self.a_share + self.b_share.max(0.0)).max(a);
        (a, ab)
    }
}

/// One tier's customers and profit.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct TierRow {
    pub tier: ValueTier,
    pub customers: u64,
    /// Share of all customers ranked.
    pub share_of_customers: f64,
    /// The tier's net profit in minor units (tier `C` includes the losses).
    pub profit: i64,
    /// The tier's positive profit as a share of the total positive profit (0 when there is
    /// none).
    pub share_of_positive_profit: f64,
}

/// The tiers of a base: how many customers each holds, what they make, and the cut-offs.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct TierSummary {
    pub customers: u64,
    /// Sum of the positive profits, in minor units: the total the shares are of.
    pub total_positive_profit: i64,
    /// The least profit in tier `A`: a customer is `A` exactly when their profit is at least
    /// this. `None` when tier `A` is empty.
    pub a_min_profit: Option<i64>,
    /// The least profit in tier `B` (`None` when `B` is empty): a customer not in `A` is `B`
    /// exactly when their profit is at least this.
    pub b_min_profit: Option<i64>,
    /// `A`, `B`, `C`, in that order.
    pub tiers: Vec<TierRow>,
}

impl TierSummary {
    /// The tier of a profit under these cut-offs.
    pub fn tier_of(&self, profit: i64) -> ValueTier {
        if self.a_min_profit.is_some_and(|min| profit >= min) {
            ValueTier::A
        } else if self.b_min_profit.is_some_and(|min| profit >= min) {
            ValueTier::B
        } else {
            ValueTier::C
        }
    }
}

/// Every customer's tier (aligned with the input) and the summary.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ValueTiers {
    pub tiers: Vec<ValueTier>,
    pub summary: TierSummary,
}

/// Ranks customers into tiers on their trailing-12-month profit (one profit per customer,
/// in minor units, usually [`super::CustomerSummary::profit_window`]). O(n log n): one sort
/// of the positive profits.
pub fn value_tiers(profits: &[i64], settings: &TierSettings) -> ValueTiers {
    let (a_bp, ab_bp) = settings.boundaries();
    let mut positive: Vec<i64> = profits.iter().copied().filter(|&p| p > 0).collect();
    positive.sort_unstable_by(|a, b| b.cmp(a));
    let total: i128 = positive.iter().map(|&p| i128::from(p)).sum();

    // Walk the groups of equal profit, from the highest; `before` is S for the group.
    let (mut a_min, mut b_min) = (None, None);
    let mut before: i128 = 0;
    let mut start = 0;
    while start < positive.len() {
        let profit = positive[start];
        let end = start + positive[start..].partition_point(|&p| p == profit);
        if before * 10_000 < a_bp * total {
            a_min = Some(profit);
        } else if before * 10_000 < ab_bp * total {
            b_min = Some(profit);
        } else {
            break;
        }
        before += i128::from(profit) * (end - start) as i128;
        start = end;
    }

    let mut summary = TierSummary {
        customers: profits.len() as u64,
        total_positive_profit: saturate(total),
        a_min_profit: a_min,
        b_min_profit: b_min,
        tiers: Vec::new(),
    };
    let mut customers = [0u64; 3];
    let mut net = [0i128; 3];
    let mut gains = [0i128; 3];
    let tiers: Vec<ValueTier> = profits
        .iter()
        .map(|&profit| {
            let tier = summary.tier_of(profit);
            let t = tier as usize;
            customers[t] += 1;
            net[t] += i128::from(profit);
            gains[t] += i128::from(profit.max(0));
            tier
        })
        .collect();
    let n = profits.len();
    summary.tiers = ValueTier::ALL
        .iter()
        .map(|&tier| {
            let t = tier as usize;
            TierRow {
                tier,
                customers: customers[t],
                share_of_customers: ratio(customers[t] as f64, n as f64),
                profit: saturate(net[t]),
                share_of_positive_profit: ratio(gains[t] as f64, total as f64),
            }
        })
        .collect();
    ValueTiers { tiers, summary }
}

/// One point of a Lorenz curve.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, ToSchema)]
pub struct LorenzPoint {
    /// Share of the customers, best first (0 to 1).
    pub share_of_customers: f64,
    /// Their share of the total. With losses in the base it can pass 1 before coming back
    /// down to 1 (the "whale curve" of customer profitability).
    pub share_of_total: f64,
}

/// How concentrated a measure (profit, revenue) is across customers: customers sorted by the
/// measure, largest first, against their cumulative share of the total.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct LorenzCurve {
    pub customers: u64,
    /// Sum of the measure over all customers, in minor units.
    pub total: i64,
    /// From (0, 0) to (1, 1), at most the number of points asked for, evenly spaced in the
    /// share of customers (each point exact, not interpolated). Empty when the total is not
    /// positive: shares of a total of zero or less mean nothing.
    pub points: Vec<LorenzPoint>,
    /// The share of the total held by the top 20 % of customers, exactly: when 20 % of the
    /// customers is not a whole number, the customer on the boundary counts with the
    /// fraction of them inside it. `None` when the total is not positive.
    pub top_20_share: Option<f64>,
    /// The Gini coefficient: 0 when every customer has the same, (n − 1)/n when one has it
    /// all; above 1 when losses are large. `None` when the total is not positive.
    pub gini: Option<f64>,
}

/// The Lorenz curve of one value per customer (minor units), with at most `max_points`
/// points (at least 2 are always given). O(n log n): one sort.
pub fn lorenz_curve(values: &[i64], max_points: usize) -> LorenzCurve {
    let mut sorted = values.to_vec();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    let n = sorted.len();
    let total: i128 = sorted.iter().map(|&v| i128::from(v)).sum();
    let mut curve = LorenzCurve {
        customers: n as u64,
        total: saturate(total),
        points: Vec::new(),
        top_20_share: None,
        gini: None,
    };
    if total <= 0 {
        return curve;
    }

    // Points at customer counts i_j = round(j · n / (m − 1)), j = 0..m; strictly increasing
    // because m − 1 ≤ n.
    let m = max_points.max(2).min(n + 1);
    let mut cumulative: i128 = 0;
    let mut taken = 0usize;
    curve.points.reserve(m);
    for j in 0..m {
        let upto = ((j as u128 * n as u128 + (m as u128 - 1) / 2) / (m as u128 - 1)) as usize;
        cumulative += sorted[taken..upto]
            .iter()
            .map(|&v| i128::from(v))
            .sum::<i128>();
        taken = upto;
        curve.points.push(LorenzPoint {
            share_of_customers: upto as f64 / n as f64,
            share_of_total: cumulative as f64 / total as f64,
        });
    }

    // The top 20 %: 0.2 n = k + fraction, k whole customers and a fraction of the next.
    // In integers: k = ⌊n / 5⌋, the fraction is (n mod 5) / 5.
    let k = n / 5;
    let whole: i128 = sorted[..k].iter().map(|&v| i128::from(v)).sum();
    let part = sorted.get(k).map_or(0, |&v| i128::from(v)) * (n % 5) as i128;
    curve.top_20_share = Some((5 * whole + part) as f64 / (5 * total) as f64);

    // Gini from the ascending order x_(1) ≤ … ≤ x_(n):
    // G = (2 Σ i·x_(i) − (n + 1) Σ x) / (n Σ x). The i-th smallest is sorted[n − i].
    let weighted: i128 = sorted
        .iter()
        .enumerate()
        .map(|(d, &v)| (n - d) as i128 * i128::from(v))
        .sum();
    let numerator = 2 * weighted - (n as i128 + 1) * total;
    curve.gini = Some(numerator as f64 / (n as f64 * total as f64));
    curve
}

fn saturate(value: i128) -> i64 {
    value.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
}

fn ratio(part: f64, whole: f64) -> f64 {
    if whole > 0.0 { part / whole } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::rfm::{RfmInput, rfm_scores_of};
    use crate::splitmix::shuffle;
    use ValueTier::{A, B, C};
    use proptest::prelude::*;

    fn tiers(profits: &[i64]) -> Vec<ValueTier> {
        value_tiers(profits, &TierSettings::default()).tiers
    }

    #[test]
    fn a_customer_who_starts_exactly_at_the_80_percent_line_is_not_a() {
        // P = 100. S: 0, 40, 80, 95 → A, A, B (80 is not < 80), C (95 is not < 95).
        assert_eq!(tiers(&[40, 40, 15, 5]), vec![A, A, B, C]);
        let summary = value_tiers(&[40, 40, 15, 5], &TierSettings::default()).summary;
        assert_eq!(summary.a_min_profit, Some(40));
        assert_eq!(summary.b_min_profit, Some(15));
        assert_eq!(summary.total_positive_profit, 100);
    }

    #[test]
    fn the_customer_crossing_the_80_percent_line_is_a() {
        // P = 100. S: 0, 50 (< 80: the 30 crosses from 50 to 80 and is A), 80 → B, 90 → C.
        assert_eq!(tiers(&[50, 30, 10, 10]), vec![A, A, B, B]);
        // The two 10s tie: both have S = 80, both B, although the second one starts at 90.
        assert_eq!(tiers(&[10, 50, 10, 30]), vec![B, A, B, A]);
    }

    #[test]
    fn a_tie_across_the_boundary_keeps_the_whole_group_together() {
        // P = 100. The three 10s share S = 70 < 80, so all are A, although ranked one after
        // the other the last would start at 90.
        assert_eq!(tiers(&[10, 70, 10, 10]), vec![A, A, A, A]);
    }

    #[test]
    fn losses_and_zero_profit_are_c_and_do_not_count_in_the_total() {
        let result = value_tiers(&[-500, 0, 100, -1], &TierSettings::default());
        assert_eq!(result.tiers, vec![C, C, A, C]);
        let s = &result.summary;
        assert_eq!(s.total_positive_profit, 100);
        assert_eq!(s.tiers[2].customers, 3);
        assert_eq!(s.tiers[2].profit, -501);
        assert_eq!(s.tiers[2].share_of_positive_profit, 0.0);
        assert_eq!(s.tiers[0].share_of_positive_profit, 1.0);
        assert_eq!(s.tiers[0].share_of_customers, 0.25);
    }

    #[test]
    fn when_every_profit_is_negative_everyone_is_c() {
        let result = value_tiers(&[-5, -10, -1], &TierSettings::default());
        assert_eq!(result.tiers, vec![C, C, C]);
        assert_eq!(result.summary.a_min_profit, None);
        assert_eq!(result.summary.b_min_profit, None);
    }

    #[test]
    fn a_single_customer_with_a_profit_is_a_and_an_empty_base_has_no_tiers() {
        assert_eq!(tiers(&[7]), vec![A]);
        let empty = value_tiers(&[], &TierSettings::default());
        assert!(empty.tiers.is_empty());
        assert_eq!(empty.summary.customers, 0);
        assert_eq!(empty.summary.tiers.len(), 3);
    }

    #[test]
    fn shares_are_settings() {
        // Half and half: S 0 → A, S 50 → B (50 is not < 50).
        let halves = TierSettings {
            a_share: 0.5,
            b_share: 0.5,
        };
        assert_eq!(value_tiers(&[50, 30, 20], &halves).tiers, vec![A, B, B]);
        let none = TierSettings {
            a_share: 0.0,
            b_share: 0.0,
        };
        assert_eq!(value_tiers(&[50, 30], &none).tiers, vec![C, C]);
    }

    #[test]
    fn lorenz_curve_of_a_small_base_by_hand() {
        // 10 customers: 500, 300 and eight with 25; 1000 in total.
        let values = [25, 500, 25, 25, 300, 25, 25, 25, 25, 25];
        let curve = lorenz_curve(&values, 100);
        assert_eq!(curve.total, 1000);
        assert_eq!(curve.points.len(), 11);
        assert_eq!(curve.points[0].share_of_total, 0.0);
        assert_eq!(curve.points[1].share_of_total, 0.5);
        assert_eq!(curve.points[2].share_of_total, 0.8);
        assert_eq!(curve.points[2].share_of_customers, 0.2);
        assert_eq!(curve.points[10].share_of_total, 1.0);
        // The top 20 % are exactly the top two customers.
        assert_eq!(curve.top_20_share, Some(0.8));
        // Ascending 25×8, 300, 500: Σ i·x = 25·36 + 300·9 + 500·10 = 8600;
        // G = (17200 − 11·1000) / (10·1000) = 0.62.
        assert!((curve.gini.unwrap() - 0.62).abs() < 1e-12);
    }

    #[test]
    fn the_top_20_percent_of_a_base_not_divisible_by_five_takes_a_fraction() {
        // n = 3: 20 % is 0.6 of the best customer (90 of 100): share 0.54.
        let curve = lorenz_curve(&[5, 90, 5], 10);
        assert!((curve.top_20_share.unwrap() - 0.54).abs() < 1e-12);
        // One customer holding everything of n: G = (n − 1) / n.
        let curve = lorenz_curve(&[0, 0, 0, 40], 10);
        assert!((curve.gini.unwrap() - 0.75).abs() < 1e-12);
        let equal = lorenz_curve(&[3, 3, 3], 10);
        assert!(equal.gini.unwrap().abs() < 1e-12);
        // A single customer: the diagonal, and 20 % of one customer holds 20 %.
        let single = lorenz_curve(&[9], 10);
        assert_eq!(single.points.len(), 2);
        assert_eq!(single.points[1].share_of_total, 1.0);
        assert_eq!(single.top_20_share, Some(0.2));
        assert_eq!(single.gini, Some(0.0));
    }

    #[test]
    fn lorenz_points_are_downsampled_evenly_and_exactly() {
        let values: Vec<i64> = (1..=1000).collect();
        let curve = lorenz_curve(&values, 5);
        let xs: Vec<f64> = curve.points.iter().map(|p| p.share_of_customers).collect();
        assert_eq!(xs, vec![0.0, 0.25, 0.5, 0.75, 1.0]);
        // The top 250 are 751..=1000: Σ = 250 · 875.5 = 218,875 of 500,500.
        assert!((curve.points[1].share_of_total - 218_875.0 / 500_500.0).abs() < 1e-15);
        assert_eq!(lorenz_curve(&values, 0).points.len(), 2);
    }

    #[test]
    fn profit_with_losses_gives_a_whale_curve_and_no_curve_without_a_positive_total() {
        let curve = lorenz_curve(&[150, -50], 10);
        assert_eq!(curve.points[1].share_of_total, 1.5);
        assert_eq!(curve.points[2].share_of_total, 1.0);
        for values in [&[][..], &[-3, 1][..], &[0, 0][..]] {
            let curve = lorenz_curve(values, 10);
            assert!(curve.points.is_empty());
            assert_eq!((curve.top_20_share, curve.gini), (None, None));
        }
    }

    proptest! {
        #[test]
        fn tiers_and_curves_do_not_depend_on_input_order(
            profits in prop::collection::vec(-50i64..100, 0..80),
            seed in any::<u64>(),
        ) {
            let result = value_tiers(&profits, &TierSettings::default());
            let mut order: Vec<usize> = (0..profits.len()).collect();
            shuffle(&mut order, seed);
            let shuffled: Vec<i64> = order.iter().map(|&i| profits[i]).collect();
            let again = value_tiers(&shuffled, &TierSettings::default());
            prop_assert_eq!(&again.summary, &result.summary);
            for (k, &i) in order.iter().enumerate() {
                prop_assert_eq!(again.tiers[k], result.tiers[i]);
            }
            prop_assert_eq!(lorenz_curve(&shuffled, 7), lorenz_curve(&profits, 7));
        }

        #[test]
        fn tier_a_makes_at_least_the_a_share_and_is_the_fewest_who_do(
            profits in prop::collection::vec(-50i64..1000, 1..80),
        ) {
            let result = value_tiers(&profits, &TierSettings::default());
            let s = &result.summary;
            let a: i64 = profits.iter().zip(&result.tiers)
                .filter(|(_, t)| **t == A).map(|(p, _)| *p).sum();
            if s.total_positive_profit > 0 {
                prop_assert!(a * 10 >= 8 * s.total_positive_profit);
                // Without its least-profitable group, A would fall below 80 %.
                let min = s.a_min_profit.unwrap();
                let rest: i64 = profits.iter().filter(|&&p| p > min).sum();
                prop_assert!(rest * 10 < 8 * s.total_positive_profit);
            }
            // Tiers never invert the profit order.
            for (p, t) in profits.iter().zip(&result.tiers) {
                for (q, u) in profits.iter().zip(&result.tiers) {
                    if p > q { prop_assert!(t <= u); }
                }
            }
        }
    }

    /// RFM, tiers and two Lorenz curves on a million synthetic customers:
    /// `cargo test -p clientele-core --release -- --ignored --nocapture million`.
    #[test]
    #[ignore]
    fn timing_of_rfm_tiers_and_lorenz_on_a_million_customers() {
        let n = 1_000_000usize;
        let mut state = 42u64;
        let mut next = || crate::splitmix::splitmix64(&mut state);
        let mut inputs = Vec::with_capacity(n);
        let mut profits = Vec::with_capacity(n);
        let mut revenues = Vec::with_capacity(n);
        for _ in 0..n {
            let r = next();
            let orders = 1 + (r % 1000).pow(2) as u32 / 20_000;
            let revenue = (orders as i64) * (1_000 + (r >> 20) as i64 % 20_000);
            inputs.push(Some(RfmInput {
                recency_days: ((r >> 40) % 1800) as i64,
                orders,
                monetary: revenue,
            }));
            revenues.push(revenue);
            profits.push(revenue / 4 - ((r >> 8) % 3_000) as i64);
        }
        let started = std::time::Instant::now();
        let scores = rfm_scores_of(&inputs);
        let rfm = started.elapsed();
        let tiered = value_tiers(&profits, &TierSettings::default());
        let tiers = started.elapsed() - rfm;
        let profit_curve = lorenz_curve(&profits, 101);
        let revenue_curve = lorenz_curve(&revenues, 101);
        let total = started.elapsed();
        println!(
            "{n} customers: RFM {rfm:?}, tiers {tiers:?}, two Lorenz curves {:?}, total {total:?}",
            total - rfm - tiers
        );
        println!(
            "A: {} customers; top 20 % of profit {:.3}, Gini {:.3}; of revenue {:.3}",
            tiered.summary.tiers[0].customers,
            profit_curve.top_20_share.unwrap(),
            profit_curve.gini.unwrap(),
            revenue_curve.top_20_share.unwrap()
        );
        assert_eq!(scores.len(), n);
    }
}
