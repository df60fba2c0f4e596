//! Acquisition channels (spec §6): per channel that brought customers in (targeted
//! advertising, partnerships, referral, organic…), how many customers, what acquiring them
//! cost, what they are expected to be worth over the next 12 months, what they make, and how
//! many are among the best. The point is CLV / acquisition cost per channel: where the next
//! unit of marketing money buys the most value.

use std::collections::BTreeMap;

use serde::Serialize;
use utoipa::ToSchema;

use super::pareto::ValueTier;
use super::{CustomerFacts, CustomerSummary};

/// One acquisition channel.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct ChannelRow {
    /// The channel as recorded; `None` for customers whose channel is not recorded (shown as
    /// "unknown").
    pub channel: Option<String>,
    /// Every customer record acquired through the channel, prospects included: acquiring a
    /// prospect cost money too.
    pub customers: u64,
    /// Those with at least one order.
    pub buyers: u64,
    /// Acquisition cost of all of them, in minor units.
    pub acquisition_cost_total: i64,
    /// Per customer (record), in minor units.
    pub acquisition_cost_mean: f64,
    /// Mean 12-month customer lifetime value over the customers that have one (minor units);
    /// `None` when none has.
    pub clv_12m_mean: Option<f64>,
    /// Expected 12-month value bought per unit of acquisition cost: the summed CLV (a customer
    /// without one counts as worth nothing yet) over the summed acquisition cost, which is
    /// the mean CLV over the mean acquisition cost when every customer has a CLV. `None` when
    /// the channel cost nothing.
    pub clv_to_acquisition_cost: Option<f64>,
    /// Profit of the channel's customers over the profit window (`profit_window_days`, a
    /// year by default), in minor units.
    pub profit_window: i64,
    /// Deprecated: the same as `profit_window`, named for a window that is a setting, not
    /// always 12 months. Removed in the next release.
    #[schema(deprecated)]
    pub profit_12m: i64,
    pub tier_a_customers: u64,
    /// Tier-`A` customers as a share of the channel's customers.
    pub tier_a_share: f64,
}

/// CLVs are summed as integers of 2⁻²⁰ minor units: a float sum depends on the order of its
/// terms, an integer sum does not, and a millionth of a cent is below any difference that
/// matters.
const CLV_SCALE: f64 = (1u64 << 20) as f64;

#[derive(Default)]
struct Accumulator {
    customers: u64,
    buyers: u64,
    cost: i128,
    clv_sum: i128,
    clv_count: u64,
    profit: i128,
    tier_a: u64,
}

/// The channel table. The four slices are aligned, one entry per customer: the facts (for
/// the channel), the summaries (for acquisition cost as of the summary date, orders and
/// trailing profit), the tiers and each customer's 12-month CLV (`None` where the models
/// give none, e.g. for prospects). Channels come in name order, unrecorded last.
///
/// # Panics
///
/// If the slices differ in length.
pub fn acquisition_channels(
    facts: &[CustomerFacts],
    summaries: &[CustomerSummary],
    tiers: &[ValueTier],
    clv_12m: &[Option<f64>],
) -> Vec<ChannelRow> {
    assert!(
        facts.len() == summaries.len()
            && facts.len() == tiers.len()
            && facts.len() == clv_12m.len(),
        "facts, summaries, tiers and CLVs must be aligned"
    );
    // Keyed by `(is unknown, name)`: names in order, the unrecorded channel last. The keys
    // borrow from the facts, so counting allocates nothing per customer.
    let mut channels: BTreeMap<(bool, &str), Accumulator> = BTreeMap::new();
    for (((fact, summary), &tier), &clv) in facts.iter().zip(summaries).zip(tiers).zip(clv_12m) {
        let key = match fact.profile.acquisition_channel.as_deref() {
            Some(name) => (false, name),
            None => (true, ""),
        };
        let acc = channels.entry(key).or_default();
        acc.customers += 1;
        acc.buyers += u64::from(summary.orders > 0);
        acc.cost += i128::from(summary.acquisition_cost);
        if let Some(clv) = clv.filter(|v| v.is_finite()) {
            acc.clv_sum += (clv * CLV_SCALE).round() as i128;
            acc.clv_count += 1;
        }
        acc.profit += i128::from(summary.profit_window);
        acc.tier_a += u64::from(tier == ValueTier::A);
    }
    channels
        .into_iter()
        .map(|((unknown, name), acc)| {
            let clv_sum = acc.clv_sum as f64 / CLV_SCALE;
            ChannelRow {
                channel: (!unknown).then(|| name.to_owned()),
                customers: acc.customers,
                buyers: acc.buyers,
                acquisition_cost_total: saturate(acc.cost),
                acquisition_cost_mean: acc.cost as f64 / acc.customers as f64,
                clv_12m_mean: (acc.clv_count > 0).then(|| clv_sum / acc.clv_count as f64),
                clv_to_acquisition_cost: (acc.cost != 0).then(|| clv_sum / acc.cost as f64),
                profit_window: saturate(acc.profit),
                profit_12m: saturate(acc.profit),
                tier_a_customers: acc.tier_a,
                tier_a_share: acc.tier_a as f64 / acc.customers as f64,
            }
        })
        .collect()
}

fn saturate(value: i128) -> i64 {
    value.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::Profile;
    use crate::splitmix::shuffle;
    use proptest::prelude::*;

    fn row(
        channel: Option<&str>,
        cost: i64,
        orders: u32,
        profit: i64,
        tier: ValueTier,
        clv: Option<f64>,
    ) -> (CustomerFacts, CustomerSummary, ValueTier, Option<f64>) {
        (
            CustomerFacts {
                profile: Profile {
                    acquisition_channel: channel.map(str::to_owned),
                    ..Default::default()
                },
                ..Default::default()
            },
            CustomerSummary {
                orders,
                acquisition_cost: cost,
                profit_window: profit,
                ..Default::default()
            },
            tier,
            clv,
        )
    }

    type Rows = Vec<(CustomerFacts, CustomerSummary, ValueTier, Option<f64>)>;

    fn table(rows: &Rows) -> Vec<ChannelRow> {
        let facts: Vec<_> = rows.iter().map(|r| r.0.clone()).collect();
        let summaries: Vec<_> = rows.iter().map(|r| r.1.clone()).collect();
        let tiers: Vec<_> = rows.iter().map(|r| r.2).collect();
        let clvs: Vec<_> = rows.iter().map(|r| r.3).collect();
        acquisition_channels(&facts, &summaries, &tiers, &clvs)
    }

    #[test]
    fn channels_by_hand() {
        let rows = vec![
            row(Some("referral"), 100, 3, 500, ValueTier::A, Some(900.0)),
            row(Some("referral"), 300, 0, -300, ValueTier::C, None),
            row(None, 0, 1, 40, ValueTier::B, Some(60.0)),
            row(Some("ads"), 50, 1, 10, ValueTier::C, Some(20.0)),
        ];
        let got = table(&rows);
        let names: Vec<_> = got.iter().map(|r| r.channel.as_deref()).collect();
        assert_eq!(names, vec![Some("ads"), Some("referral"), None]);
        let referral = &got[1];
        assert_eq!((referral.customers, referral.buyers), (2, 1));
        assert_eq!(referral.acquisition_cost_total, 400);
        assert_eq!(referral.acquisition_cost_mean, 200.0);
        assert_eq!(referral.clv_12m_mean, Some(900.0));
        // 900 of value for 400 of cost: the prospect's cost counts, its value is none yet.
        assert_eq!(referral.clv_to_acquisition_cost, Some(2.25));
        assert_eq!(referral.profit_window, 200);
        assert_eq!(referral.profit_12m, referral.profit_window);
        assert_eq!((referral.tier_a_customers, referral.tier_a_share), (1, 0.5));
        let unknown = &got[2];
        assert_eq!(unknown.clv_to_acquisition_cost, None);
        assert_eq!(unknown.clv_12m_mean, Some(60.0));
        assert!(table(&Vec::new()).is_empty());
    }

    proptest! {
        #[test]
        fn the_table_does_not_depend_on_input_order(
            raw in prop::collection::vec(
                (0usize..4, 0i64..100, 0u32..3, -50i64..50, 0usize..3, prop::option::of(0.0f64..1e9)),
                0..40),
            seed in any::<u64>(),
        ) {
            let names = [None, Some("ads"), Some("organic"), Some("referral")];
            let mut rows: Rows = raw
                .iter()
                .map(|&(c, cost, orders, profit, t, clv)| {
                    row(names[c], cost, orders, profit, ValueTier::ALL[t], clv)
                })
                .collect();
            let before = table(&rows);
            shuffle(&mut rows, seed);
            prop_assert_eq!(table(&rows), before);
        }
    }
}
