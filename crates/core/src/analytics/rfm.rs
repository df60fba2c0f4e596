//! RFM (spec §8): quintile scores 1–5 for recency, frequency and monetary value, and the
//! familiar named segments built on them, as a second view beside the customer types.
//!
//! # Scores
//!
//! Only customers with at least one order are scored: without an order there is no recency.
//! For each of the three measures, with n scored customers and w the number of them whose
//! value is **strictly worse**,
//!
//! > score = 1 + ⌊5 · w / n⌋
//!
//! so the score is the quintile of the customer's position, and
//!
//! * equal values always get the same score (no arbitrary split of a tie across a quintile
//!   boundary), which also makes the scores independent of the order of the input;
//! * the worst value always scores 1: the many one-order customers of a typical base all get
//!   frequency 1, as they should, rather than being spread over 1 and 2 by accident;
//! * a large tie at the top can score below 5 (everyone equal scores 1): scores say how many
//!   customers a customer beats, nothing else.
//!
//! Recency is better when smaller (days since the last order), frequency is the number of
//! orders, and monetary value is the lifetime revenue (monetary total), both better when
//! larger.
//!
//! # Segments
//!
//! The boxes are those the spec quotes from the R package `rfm` (R / F / M score ranges):
//! Champions 4–5/4–5/4–5, Loyal 2–5/3–5/3–5, Potential Loyalist 3–5/1–3/1–3, New 4–5/1/1,
//! Promising 3–4/1/1, Need Attention 2–3/2–3/2–3, About To Sleep 2–3/1–2/1–2, At Risk
//! 1–2/2–5/2–5, Can't Lose Them 1/4–5/4–5, and Hibernating / Lost 1–2/1–2/1–2.
//!
//! The boxes overlap, and they are tested in the spec's order, first match wins (as the
//! `rfm` package does), **with one change**: New and Promising are tested before Potential
//! Loyalist, and Can't Lose Them before At Risk. Each of the three lies wholly inside the box
//! listed before it, so in the literal order it could never match, and a segment nobody can
//! be in is no use. Score triples in no box are `Others` (36 of the 125). Hibernating and
//! Lost share a box: a customer in it who ever ordered at least twice is Hibernating (they
//! were a repeat buyer once), a one-order customer is Lost. [`RfmSegment`] lists, for each
//! segment, the score triples it ends up with.

use serde::Serialize;
use utoipa::ToSchema;

use super::CustomerSummary;

/// What RFM needs of one customer with at least one order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RfmInput {
    /// Whole days since the last order; smaller is better.
    pub recency_days: i64,
    /// Number of orders; larger is better.
    pub orders: u32,
    /// Lifetime revenue in minor units; larger is better.
    pub monetary: i64,
}

impl RfmInput {
    /// The RFM input of a summary, `None` for a customer without orders.
    pub fn from_summary(summary: &CustomerSummary) -> Option<RfmInput> {
        if summary.orders == 0 {
            return None;
        }
        Some(RfmInput {
            recency_days: summary.recency_days?,
            orders: summary.orders,
            monetary: summary.monetary_total,
        })
    }
}

/// A customer's three quintile scores, 1 (worst) to 5 (best), and the segment they give.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct RfmScore {
    /// 5 = ordered most recently.
    pub recency: u8,
    /// 5 = most orders.
    pub frequency: u8,
    /// 5 = highest lifetime revenue.
    pub monetary: u8,
    pub segment: RfmSegment,
}

/// The named RFM segments. The ranges given for each are the score triples (R / F / M) that
/// end up in it after the precedence rule of the module documentation; `a–b` means every
/// score from a to b.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RfmSegment {
    /// 4–5 / 4–5 / 4–5 (8 triples): bought recently, often, and spent the most.
    Champions,
    /// 2–5 / 3–5 / 3–5 less Champions (28 triples): good frequency and spend, not gone.
    Loyal,
    /// 3–5 / 1–3 / 1–3 less Loyal (F = M = 3), New and Promising (21 triples): recent buyers
    /// with average frequency and spend.
    PotentialLoyalist,
    /// 4–5 / 1 / 1: bought recently, once and little.
    New,
    /// 3 / 1 / 1 (R 4 of its box goes to New, tested first): fairly recent, one small order.
    Promising,
    /// 2/2/2, 2/2/3 and 2/3/2 (R 3 of its box goes to Potential Loyalist, tested first):
    /// average customers going quiet.
    NeedAttention,
    /// 2/1/1, 2/1/2 and 2/2/1: below average, going quiet.
    AboutToSleep,
    /// 1–2 / 2–5 / 2–5 less Loyal, Need Attention and Can't Lose Them (16 triples): ordered
    /// and spent well, long ago.
    AtRisk,
    /// 1 / 4–5 / 4–5: among the best by frequency and spend, but not seen for the longest.
    CantLoseThem,
    /// 1/1/1, 1/1/2 and 1/2/1 with two or more orders: a small repeat buyer, long quiet.
    Hibernating,
    /// 1/1/1, 1/1/2 and 1/2/1 with a single order: a small one-time buyer, long gone.
    Lost,
    /// Every triple in no box (36), e.g. 5/1/4: recent, one order, but a large one.
    Others,
}

/// A box of score ranges (R, F, M), inclusive.
type ScoreBox = (RfmSegment, (u8, u8), (u8, u8), (u8, u8));

/// The boxes in the order they are tested, first match wins. The last box stands for both
/// Hibernating and Lost.
const BOXES: [ScoreBox; 10] = [
    (RfmSegment::Champions, (4, 5), (4, 5), (4, 5)),
    (RfmSegment::Loyal, (2, 5), (3, 5), (3, 5)),
    (RfmSegment::New, (4, 5), (1, 1), (1, 1)),
    (RfmSegment::Promising, (3, 4), (1, 1), (1, 1)),
    (RfmSegment::PotentialLoyalist, (3, 5), (1, 3), (1, 3)),
    (RfmSegment::NeedAttention, (2, 3), (2, 3), (2, 3)),
    (RfmSegment::AboutToSleep, (2, 3), (1, 2), (1, 2)),
    (RfmSegment::CantLoseThem, (1, 1), (4, 5), (4, 5)),
    (RfmSegment::AtRisk, (1, 2), (2, 5), (2, 5)),
    (RfmSegment::Lost, (1, 2), (1, 2), (1, 2)),
];

impl RfmSegment {
    /// Every segment, in the order of the spec (Others last).
    pub const ALL: [RfmSegment; 12] = [
        RfmSegment::Champions,
        RfmSegment::Loyal,
        RfmSegment::PotentialLoyalist,
        RfmSegment::New,
        RfmSegment::Promising,
        RfmSegment::NeedAttention,
        RfmSegment::AboutToSleep,
        RfmSegment::AtRisk,
        RfmSegment::CantLoseThem,
        RfmSegment::Hibernating,
        RfmSegment::Lost,
        RfmSegment::Others,
    ];

    /// The segment of a score triple; `orders` separates Hibernating from Lost.
    pub fn classify(recency: u8, frequency: u8, monetary: u8, orders: u32) -> RfmSegment {
        let within = |score: u8, (lo, hi): (u8, u8)| (lo..=hi).contains(&score);
        let found = BOXES.iter().find(|(_, r, f, m)| {
            within(recency, *r) && within(frequency, *f) && within(monetary, *m)
        });
        match found {
            Some((RfmSegment::Lost, ..)) if orders >= 2 => RfmSegment::Hibernating,
            Some((segment, ..)) => *segment,
            None => RfmSegment::Others,
        }
    }

    /// The name as people write it.
    pub fn label(self) -> &'static str {
        match self {
            RfmSegment::Champions => "Champions",
            RfmSegment::Loyal => "Loyal",
            RfmSegment::PotentialLoyalist => "Potential Loyalist",
            RfmSegment::New => "New",
            RfmSegment::Promising => "Promising",
            RfmSegment::NeedAttention => "Need Attention",
            RfmSegment::AboutToSleep => "About To Sleep",
            RfmSegment::AtRisk => "At Risk",
            RfmSegment::CantLoseThem => "Can't Lose Them",
            RfmSegment::Hibernating => "Hibernating",
            RfmSegment::Lost => "Lost",
            RfmSegment::Others => "Others",
        }
    }

    /// The usual recommended action for the segment.
    pub fn action(self) -> &'static str {
        match self {
            RfmSegment::Champions => "reward them; ask for reviews and referrals",
            RfmSegment::Loyal => "upsell higher-value products; ask for reviews",
            RfmSegment::PotentialLoyalist => "offer a loyalty programme; recommend more products",
            RfmSegment::New => "welcome them and aim for the second order",
            RfmSegment::Promising => "build awareness; offer a trial of more products",
            RfmSegment::NeedAttention => "make a limited-time offer based on past purchases",
            RfmSegment::AboutToSleep => "reconnect with useful content and popular products",
            RfmSegment::AtRisk => "send a personal message to reconnect; offer a renewal",
            RfmSegment::CantLoseThem => "win them back personally, before a competitor does",
            RfmSegment::Hibernating => "offer relevant products and a special discount",
            RfmSegment::Lost => "try one reach-out campaign; otherwise leave them be",
            RfmSegment::Others => "no standard action: look at the customer's stage and flags",
        }
    }
}

/// RFM scores of every customer, aligned with `summaries`; `None` for customers without
/// orders. O(n log n): three sorts.
pub fn rfm_scores(summaries: &[CustomerSummary]) -> Vec<Option<RfmScore>> {
    let inputs: Vec<Option<RfmInput>> = summaries.iter().map(RfmInput::from_summary).collect();
    rfm_scores_of(&inputs)
}

/// RFM scores of every customer, aligned with `inputs`; `None` stays `None`.
pub fn rfm_scores_of(inputs: &[Option<RfmInput>]) -> Vec<Option<RfmScore>> {
    // (goodness key, index) of the scored customers; one buffer for all three measures.
    let mut keyed: Vec<(i64, u32)> = Vec::with_capacity(inputs.len());
    let mut scores = vec![[0u8; 3]; inputs.len()];
    let measures: [fn(&RfmInput) -> i64; 3] = [
        // Fewer days since the last order is better: negate so that larger is better.
        |i| i.recency_days.saturating_neg(),
        |i| i64::from(i.orders),
        |i| i.monetary,
    ];
    for (m, key) in measures.iter().enumerate() {
        keyed.clear();
        keyed.extend(
            inputs
                .iter()
                .enumerate()
                .filter_map(|(i, input)| input.as_ref().map(|input| (key(input), i as u32))),
        );
        assign_quintiles(&mut keyed, |index, score| scores[index as usize][m] = score);
    }
    inputs
        .iter()
        .zip(scores)
        .map(|(input, [r, f, m])| {
            input.map(|input| RfmScore {
                recency: r,
                frequency: f,
                monetary: m,
                segment: RfmSegment::classify(r, f, m, input.orders),
            })
        })
        .collect()
}

/// Sorts `(key, index)` pairs and gives each index its quintile score
/// 1 + ⌊5 · (number of strictly smaller keys) / n⌋.
fn assign_quintiles(keyed: &mut [(i64, u32)], mut set: impl FnMut(u32, u8)) {
    keyed.sort_unstable();
    let n = keyed.len() as u64;
    let mut start = 0;
    while start < keyed.len() {
        let key = keyed[start].0;
        let end = start + keyed[start..].partition_point(|&(k, _)| k == key);
        let score = 1 + (5 * start as u64 / n) as u8;
        for &(_, index) in &keyed[start..end] {
            set(index, score);
        }
        start = end;
    }
}

/// How many customers are in one segment.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct RfmSegmentCount {
    pub segment: RfmSegment,
    /// The segment's name as people write it.
    pub label: String,
    /// The usual recommended action.
    pub action: String,
    pub customers: u64,
    /// Share of the scored customers (those with at least one order).
    pub share: f64,
}

/// The size of every segment, all twelve listed (empty ones with zero) in the spec's order.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct RfmSegmentCounts {
    /// Customers with at least one order.
    pub scored_customers: u64,
    /// Customers without orders, who have no RFM scores.
    pub unscored_customers: u64,
    pub segments: Vec<RfmSegmentCount>,
}

/// Counts the segments of [`rfm_scores`]' output.
pub fn rfm_segment_counts(scores: &[Option<RfmScore>]) -> RfmSegmentCounts {
    let mut counts = [0u64; RfmSegment::ALL.len()];
    let mut scored = 0u64;
    for score in scores.iter().flatten() {
        scored += 1;
        // `ALL` lists the segments in declaration order.
        counts[score.segment as usize] += 1;
    }
    let segments = RfmSegment::ALL
        .iter()
        .zip(counts)
        .map(|(&segment, customers)| RfmSegmentCount {
            segment,
            label: segment.label().to_owned(),
            action: segment.action().to_owned(),
            customers,
            share: if scored == 0 {
                0.0
            } else {
                customers as f64 / scored as f64
            },
        })
        .collect();
    RfmSegmentCounts {
        scored_customers: scored,
        unscored_customers: scores.len() as u64 - scored,
        segments,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::splitmix::shuffle;
    use proptest::prelude::*;

    fn input(recency_days: i64, orders: u32, monetary: i64) -> Option<RfmInput> {
        Some(RfmInput {
            recency_days,
            orders,
            monetary,
        })
    }

    fn triple(score: &Option<RfmScore>) -> (u8, u8, u8) {
        let s = score.unwrap();
        (s.recency, s.frequency, s.monetary)
    }

    #[test]
    fn five_distinct_customers_get_one_score_each() {
        // Recency 10 is the best, 50 the worst; frequency and monetary the other way round.
        let inputs = [
            input(10, 1, 500),
            input(20, 2, 400),
            input(30, 3, 300),
            input(40, 4, 200),
            input(50, 5, 100),
        ];
        let scores = rfm_scores_of(&inputs);
        let got: Vec<_> = scores.iter().map(triple).collect();
        assert_eq!(
            got,
            vec![(5, 1, 5), (4, 2, 4), (3, 3, 3), (2, 4, 2), (1, 5, 1)]
        );
    }

    #[test]
    fn ties_share_a_score_and_the_worst_value_scores_one() {
        // Orders 1,1,1,1,1,1,2,3,5,5: six one-order customers all score 1; the 2 beats six of
        // ten (1 + ⌊30/10⌋ = 4); the 3 beats seven (4); the two 5s beat eight (5).
        let orders = [1, 1, 1, 1, 1, 1, 2, 3, 5, 5];
        let inputs: Vec<_> = orders.iter().map(|&o| input(1, o, 1)).collect();
        let got: Vec<u8> = rfm_scores_of(&inputs)
            .iter()
            .map(|s| s.unwrap().frequency)
            .collect();
        assert_eq!(got, vec![1, 1, 1, 1, 1, 1, 4, 4, 5, 5]);
    }

    #[test]
    fn everyone_equal_scores_one_and_a_single_customer_too() {
        let same = rfm_scores_of(&[input(5, 2, 10), input(5, 2, 10), input(5, 2, 10)]);
        assert!(same.iter().all(|s| triple(s) == (1, 1, 1)));
        assert_eq!(same[0].unwrap().segment, RfmSegment::Hibernating);
        let single = rfm_scores_of(&[input(0, 1, 10)]);
        assert_eq!(triple(&single[0]), (1, 1, 1));
        assert_eq!(single[0].unwrap().segment, RfmSegment::Lost);
    }

    #[test]
    fn customers_without_orders_are_not_scored_and_do_not_count() {
        let summaries = [
            CustomerSummary::default(),
            CustomerSummary {
                orders: 2,
                recency_days: Some(3),
                monetary_total: 50,
                ..Default::default()
            },
        ];
        let scores = rfm_scores(&summaries);
        assert_eq!(scores[0], None);
        assert_eq!(triple(&scores[1]), (1, 1, 1));
        assert!(rfm_scores(&[]).is_empty());
        let counts = rfm_segment_counts(&scores);
        assert_eq!(counts.scored_customers, 1);
        assert_eq!(counts.unscored_customers, 1);
        assert_eq!(counts.segments.len(), 12);
        let hibernating = &counts.segments[9];
        assert_eq!(hibernating.segment, RfmSegment::Hibernating);
        assert_eq!((hibernating.customers, hibernating.share), (1, 1.0));
    }

    #[test]
    fn scores_stay_within_one_to_five_for_any_size() {
        for n in 1..=40 {
            let inputs: Vec<_> = (0..n).map(|i| input(i, i as u32 + 1, i)).collect();
            let scores = rfm_scores_of(&inputs);
            for s in scores.iter().flatten() {
                for v in [s.recency, s.frequency, s.monetary] {
                    assert!((1..=5).contains(&v), "{n}: {s:?}");
                }
            }
        }
    }

    /// Every one of the 125 score triples (and both order counts) lands in exactly one
    /// segment, each named segment is reachable, and the result is the one the segment docs
    /// list.
    #[test]
    // The match below restates the segments in test order, first match wins, so its ranges
    // overlap on purpose.
    #[allow(overlapping_range_endpoints)]
    fn every_score_triple_maps_to_exactly_one_documented_segment() {
        let documented = |r: u8, f: u8, m: u8, orders: u32| -> RfmSegment {
            match (r, f, m) {
                (4..=5, 4..=5, 4..=5) => RfmSegment::Champions,
                (2..=5, 3..=5, 3..=5) => RfmSegment::Loyal,
                (4..=5, 1, 1) => RfmSegment::New,
                (3, 1, 1) => RfmSegment::Promising,
                (3..=5, 1..=3, 1..=3) => RfmSegment::PotentialLoyalist,
                (2, 2, 2) | (2, 2, 3) | (2, 3, 2) => RfmSegment::NeedAttention,
                (2, 1, 1) | (2, 1, 2) | (2, 2, 1) => RfmSegment::AboutToSleep,
                (1, 4..=5, 4..=5) => RfmSegment::CantLoseThem,
                (1, 1, 1) | (1, 1, 2) | (1, 2, 1) if orders >= 2 => RfmSegment::Hibernating,
                (1, 1, 1) | (1, 1, 2) | (1, 2, 1) => RfmSegment::Lost,
                (1..=2, 2..=5, 2..=5) => RfmSegment::AtRisk,
                _ => RfmSegment::Others,
            }
        };
        let mut seen = std::collections::BTreeMap::new();
        for orders in [1, 2] {
            for r in 1..=5 {
                for f in 1..=5 {
                    for m in 1..=5 {
                        let segment = RfmSegment::classify(r, f, m, orders);
                        assert_eq!(segment, documented(r, f, m, orders), "{r}/{f}/{m}");
                        let hits = BOXES
                            .iter()
                            .filter(|(_, rr, ff, mm)| {
                                (rr.0..=rr.1).contains(&r)
                                    && (ff.0..=ff.1).contains(&f)
                                    && (mm.0..=mm.1).contains(&m)
                            })
                            .count();
                        assert_eq!(hits == 0, segment == RfmSegment::Others);
                        *seen.entry(segment).or_insert(0) += 1;
                    }
                }
            }
        }
        // Triples per segment over both order counts (one and two orders): every named
        // segment is reachable, and 36 of the 125 triples are in no box.
        let expected = [
            (RfmSegment::Champions, 2 * 8),
            (RfmSegment::Loyal, 2 * 28),
            (RfmSegment::PotentialLoyalist, 2 * 21),
            (RfmSegment::New, 2 * 2),
            (RfmSegment::Promising, 2),
            (RfmSegment::NeedAttention, 2 * 3),
            (RfmSegment::AboutToSleep, 2 * 3),
            (RfmSegment::AtRisk, 2 * 16),
            (RfmSegment::CantLoseThem, 2 * 4),
            (RfmSegment::Hibernating, 3),
            (RfmSegment::Lost, 3),
            (RfmSegment::Others, 2 * 36),
        ];
        assert_eq!(seen, expected.into_iter().collect());
    }

    #[test]
    fn all_lists_the_segments_in_declaration_order() {
        for (i, segment) in RfmSegment::ALL.iter().enumerate() {
            assert_eq!(*segment as usize, i);
        }
    }

    #[test]
    fn segments_serialise_in_snake_case() {
        assert_eq!(
            serde_json::to_string(&RfmSegment::CantLoseThem).unwrap(),
            "\"cant_lose_them\""
        );
    }

    proptest! {
        #[test]
        fn scores_do_not_depend_on_input_order(
            rows in prop::collection::vec(
                prop::option::of((0i64..20, 1u32..6, -5i64..30)), 0..60),
            seed in any::<u64>(),
        ) {
            let inputs: Vec<_> = rows
                .iter()
                .map(|r| r.map(|(d, o, m)| RfmInput { recency_days: d, orders: o, monetary: m }))
                .collect();
            let scores = rfm_scores_of(&inputs);
            let mut order: Vec<usize> = (0..inputs.len()).collect();
            shuffle(&mut order, seed);
            let shuffled: Vec<_> = order.iter().map(|&i| inputs[i]).collect();
            let again = rfm_scores_of(&shuffled);
            for (k, &i) in order.iter().enumerate() {
                prop_assert_eq!(again[k], scores[i]);
            }
            // Equal inputs, equal scores.
            for i in 0..inputs.len() {
                for j in 0..inputs.len() {
                    if inputs[i] == inputs[j] {
                        prop_assert_eq!(scores[i], scores[j]);
                    }
                }
            }
        }
    }
}
