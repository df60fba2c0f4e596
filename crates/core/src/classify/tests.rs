//! One hand-written history per rule and boundary, the reborn history over successive
//! as-of dates, and property tests. The run on a whole demo base is in the demo crate's
//! tests, which can depend on this crate.

use proptest::prelude::*;

use super::*;
use crate::analytics::pareto::ValueTier;
use crate::analytics::{CostFact, CustomerFacts, DAY_MS, Millis, OrderFact};
use crate::{Currency, CustomerKind, Flag, Party, Severity, Stage};

/// 2026-01-01T00:00:00Z: day 0 of the histories.
const T0: Millis = 1_767_225_600_000;

fn at(day: i64) -> Millis {
    T0 + day * DAY_MS
}

fn buyer(id: &str, order_days: &[i64], amount: i64) -> (CustomerFacts, CustomerContext) {
    (
        CustomerFacts {
            customer_id: id.to_owned(),
            created_at: at(order_days.first().copied().unwrap_or(0)),
            orders: order_days
                .iter()
                .map(|&d| OrderFact {
                    at: at(d),
                    amount,
                    cost: Some(amount / 2),
                })
                .collect(),
            ..Default::default()
        },
        CustomerContext::default(),
    )
}

fn classify(base: &[(CustomerFacts, CustomerContext)], as_of_day: i64) -> Vec<Classification> {
    classify_with(base, &[], as_of_day)
}

fn classify_with(
    base: &[(CustomerFacts, CustomerContext)],
    previous: &[Option<PreviousStage>],
    as_of_day: i64,
) -> Vec<Classification> {
    let facts: Vec<CustomerFacts> = base.iter().map(|(f, _)| f.clone()).collect();
    let context: Vec<CustomerContext> = base.iter().map(|(_, c)| c.clone()).collect();
    let classified = classify_base(
        &facts,
        &context,
        previous,
        &TypeSettings::default(),
        at(as_of_day),
        Currency::USD,
    );
    explained_as_judged(&classified, &facts, &context)
}

/// Every customer's classification with words, checked against the verdict the pass stored
/// without them: the two are one set of rules.
fn explained_as_judged(
    classified: &ClassifiedBase,
    facts: &[CustomerFacts],
    context: &[CustomerContext],
) -> Vec<Classification> {
    let all = classified.classifications(facts, context);
    for (c, v) in all.iter().zip(&classified.verdicts) {
        assert_eq!(
            (c.stage, c.tier, &c.flags),
            (v.stage, v.tier, &v.flags),
            "{}",
            c.customer_id
        );
    }
    all
}

fn one(base: &[(CustomerFacts, CustomerContext)], id: &str, as_of_day: i64) -> Classification {
    classify(base, as_of_day)
        .into_iter()
        .find(|c| c.customer_id == id)
        .unwrap()
}

#[test]
fn exactly_at_the_lapse_threshold_is_repeat_and_one_day_past_it_is_lapsed() {
    // Every 10 days: own threshold max(3 × 10, 60) = 60 days.
    let base = [buyer("C-1", &[0, 10, 20, 30, 40], 5000)];
    let at_threshold = one(&base, "C-1", 100);
    assert_eq!(at_threshold.stage, Stage::Repeat);
    assert_eq!(
        at_threshold.evidence["stage"],
        "5 orders on 5 days; last order 60 days ago; usually orders every 10 days; no purchase model for this base yet"
    );
    let past = one(&base, "C-1", 101);
    assert_eq!(past.stage, Stage::Lapsed);
    assert_eq!(
        past.evidence["stage"],
        "last order 61 days ago; usually orders every 10 days; lapsed after 60 days; no purchase model for this base yet"
    );
    assert_eq!(past.actions[0].because, "lapsed");
    assert_eq!(past.metrics.recency_days, Some(61));
}

#[test]
fn a_slow_rhythm_sets_its_own_lapse_threshold() {
    // Every 40 days: threshold 3 × 40 = 120 days.
    let base = [buyer("C-1", &[0, 40, 80], 5000)];
    assert_eq!(one(&base, "C-1", 200).stage, Stage::Repeat);
    assert_eq!(one(&base, "C-1", 201).stage, Stage::Lapsed);
    assert_eq!(one(&base, "C-1", 80 + 365).stage, Stage::Lost);
}

#[test]
fn one_order_is_new_then_going_silent_then_lost() {
    let base = [buyer("C-1", &[0], 5000)];
    let new = one(&base, "C-1", 90);
    assert_eq!(new.stage, Stage::New);
    assert_eq!(
        new.evidence["stage"],
        "first and only order 90 days ago (new for 90 days)"
    );
    assert_eq!(one(&base, "C-1", 91).stage, Stage::Lapsed);
    assert_eq!(one(&base, "C-1", 364).stage, Stage::Lapsed);
    let lost = one(&base, "C-1", 365);
    assert_eq!(lost.stage, Stage::Lost);
    assert_eq!(
        lost.evidence["stage"],
        "no order for 365 days (lost after 365)"
    );
}

#[test]
fn a_windbag_complains_and_never_pays_while_a_complainer_who_pays_is_only_dissatisfied() {
    let mut windbag = buyer("W-1", &[], 0);
    let mut payer = buyer("P-1", &[10, 40, 70], 9000);
    for (context, first) in [(&mut windbag.1, 80), (&mut payer.1, 80)] {
        for k in 0..3 {
            context.complaints.push(ComplaintFact {
                opened_at: at(first + k),
                resolved_at: Some(at(first + k + 1)),
                severity: Severity::Medium,
            });
        }
    }
    let base = [windbag, payer];
    let w = one(&base, "W-1", 100);
    assert_eq!(w.stage, Stage::Prospect);
    assert_eq!(w.flags, vec![Flag::Dissatisfied, Flag::Windbag]);
    assert_eq!(
        w.evidence["windbag"],
        "3 complaints and 0 service contacts, and lifetime revenue 0.00"
    );
    assert_eq!(
        w.evidence["dissatisfied"],
        "3 complaints in the last 180 days"
    );
    let p = one(&base, "P-1", 100);
    assert_eq!(p.stage, Stage::Repeat);
    assert!(!p.flags.contains(&Flag::Windbag), "{:?}", p.flags);
    assert!(p.flags.contains(&Flag::Dissatisfied));
}

#[test]
fn a_detractor_or_a_complaint_left_open_makes_a_customer_dissatisfied() {
    let mut detractor = buyer("D-1", &[0, 30], 5000);
    detractor.1.feedback.push(FeedbackFact {
        given_at: at(35),
        nps: Some(6),
        csat: None,
    });
    let mut promoter = buyer("D-2", &[0, 30], 5000);
    promoter.1.feedback.push(FeedbackFact {
        given_at: at(35),
        nps: Some(9),
        csat: Some(5),
    });
    let mut waiting = buyer("D-3", &[0, 30], 5000);
    waiting.1.complaints.push(ComplaintFact {
        opened_at: at(40),
        resolved_at: None,
        severity: Severity::High,
    });
    let base = [detractor, promoter, waiting];
    let all = classify(&base, 48);
    assert_eq!(all[0].evidence["dissatisfied"], "latest NPS 6, 13 days ago");
    assert!(!all[1].flags.contains(&Flag::Dissatisfied));
    assert_eq!(
        all[2].evidence["dissatisfied"],
        "a complaint open for 8 days"
    );
    // Seven days open is not yet longer than seven days.
    assert!(!classify(&base, 47)[2].flags.contains(&Flag::Dissatisfied));
}

#[test]
fn cost_to_serve_above_the_margin_makes_a_customer_unprofitable_and_one_to_let_go() {
    let mut costly = buyer("U-1", &[10, 50], 10_000); // margin 2 × 50.00
    costly.0.costs.push(CostFact {
        at: at(60),
        amount: 25_000,
    });
    let good = buyer("G-1", &[10, 50], 100_000);
    let base = [costly, good];
    let u = one(&base, "U-1", 70);
    assert_eq!(u.tier, ValueTier::C);
    assert_eq!(u.flags, vec![Flag::Unprofitable, Flag::LetGo]);
    assert_eq!(
        u.evidence["unprofitable"],
        "profit over the last 365 days -150.00: margin 100.00 − cost to serve 250.00 − acquisition 0.00"
    );
    assert_eq!(
        u.evidence["let_go"],
        "cost to serve 250.00 is at least 2 × the margin 100.00 over the last 365 days"
    );
    assert_eq!(u.metrics.profit_window, "-150.00");
    assert_eq!(u.metrics.profit_window_days, 365);
    assert_eq!(one(&base, "G-1", 70).tier, ValueTier::A);
}

#[test]
fn a_tier_a_customer_whose_owner_left_is_at_risk_and_the_action_names_no_gone_owner() {
    let mut key = buyer("K-1", &[0, 20, 40], 50_000);
    key.1.owner = Some(OwnerFact {
        employee: 7,
        email: "sara@example.com".into(),
        name: "Sara Ahmadi".into(),
        left_at: Some(at(45)),
    });
    let base = [key];
    let before = one(&base, "K-1", 44);
    assert!(!before.flags.contains(&Flag::OwnerRisk));
    assert_eq!(
        before.actions[0].owner.as_deref(),
        Some("Sara Ahmadi <sara@example.com>")
    );
    let after = one(&base, "K-1", 50);
    assert_eq!(after.tier, ValueTier::A);
    assert_eq!(after.flags, vec![Flag::OwnerRisk]);
    assert_eq!(
        after.evidence["owner_risk"],
        "tier A customer; owner Sara Ahmadi has left"
    );
    assert_eq!(
        after.actions[1].action,
        "assign a new owner and introduce a second contact"
    );
    assert_eq!(after.actions[1].owner, None);
}

/// A business without a team gives no customer an owner: "no owner" is then how every
/// customer is, not a risk. Once anyone has an owner, a tier-A customer without one is.
#[test]
fn owner_risk_for_a_missing_owner_needs_a_business_that_assigns_owners() {
    let base = [
        buyer("K-1", &[0, 20, 40], 50_000),
        buyer("K-2", &[0, 30], 100),
    ];
    let alone = one(&base, "K-1", 50);
    assert_eq!(alone.tier, ValueTier::A);
    assert!(!alone.flags.contains(&Flag::OwnerRisk), "{:?}", alone.flags);

    let mut owned = buyer("K-2", &[0, 30], 100);
    owned.1.owner = Some(OwnerFact {
        employee: 7,
        email: "sara@example.com".into(),
        name: "Sara Ahmadi".into(),
        left_at: None,
    });
    let base = [buyer("K-1", &[0, 20, 40], 50_000), owned];
    let with_a_team = one(&base, "K-1", 50);
    assert_eq!(with_a_team.flags, vec![Flag::OwnerRisk]);
    assert_eq!(
        with_a_team.evidence["owner_risk"],
        "tier A customer; no owner"
    );
}

#[test]
fn an_internal_customer_and_an_organisation_with_a_wallet_holder_and_an_ally() {
    let mut internal = buyer("I-1", &[0, 30], 2000);
    internal.1.kind = CustomerKind::Internal;
    let mut organisation = buyer("O-1", &[0, 30, 60], 80_000);
    organisation.1.party = Party::Organisation;
    let mut wallet = buyer("O-1-W", &[], 0);
    wallet.1.role = Some("wallet_holder".into());
    wallet.1.organisation_id = Some("O-1".into());
    let mut ally = buyer("O-1-A", &[], 0);
    ally.1.role = Some("ally".into());
    ally.1.organisation_id = Some("O-1".into());
    let base = [internal, organisation, wallet, ally];
    let all = classify(&base, 70);
    assert_eq!(
        all[0].evidence["relationship"],
        "internal customer: a colleague, team or department the business serves"
    );
    assert_eq!(all[1].tier, ValueTier::A);
    assert_eq!(all[1].stage, Stage::Repeat);
    assert_eq!(
        all[2].evidence["relationship"],
        "the wallet holder (decides and pays) of organisation O-1"
    );
    assert_eq!(
        all[3].evidence["relationship"],
        "an ally (uses the product or influences the choice, holds no budget) of organisation O-1"
    );
    assert_eq!(all[3].stage, Stage::Prospect);
}

#[test]
fn lapsed_then_ordering_again_is_reborn_at_the_next_evaluation_and_from_history_alone() {
    let mut history = buyer("R-1", &[0, 10, 20, 30], 5000);
    let lapsed = one(std::slice::from_ref(&history), "R-1", 130);
    assert_eq!(lapsed.stage, Stage::Lapsed);
    history.0.orders.push(OrderFact {
        at: at(140),
        amount: 5000,
        cost: None,
    });
    let previous = [Some(PreviousStage::at(Stage::Lapsed, at(130)))];
    let next = classify_with(std::slice::from_ref(&history), &previous, 150);
    assert_eq!(next[0].stage, Stage::Reborn);
    assert_eq!(
        next[0].evidence["stage"],
        "ordered 10 days ago after 110 days of silence, which had made them lapsed (lapse threshold 60 days)"
    );
    // A first evaluation sees it in the orders alone.
    assert_eq!(one(&[history.clone()], "R-1", 150).stage, Stage::Reborn);
    // After the reborn window they are an ordinary repeat customer again.
    assert_eq!(one(&[history], "R-1", 231).stage, Stage::Lapsed);
}

#[test]
fn lapsed_by_an_earlier_evaluation_alone_then_ordering_is_reborn_for_the_whole_window() {
    // Ordering every 10 days; 55 days of silence is under the gap threshold (60), but an
    // earlier evaluation (its models, say) found them lapsed on day 80.
    let mut history = buyer("R-3", &[0, 10, 20, 30], 5000);
    history.0.orders.push(OrderFact {
        at: at(85),
        amount: 5000,
        cost: None,
    });
    let base = std::slice::from_ref(&history);
    // The orders alone do not show a lapse.
    assert_eq!(one(base, "R-3", 90).stage, Stage::Repeat);
    let lapsed_then = [Some(PreviousStage::at(Stage::Lapsed, at(80)))];
    let next = classify_with(base, &lapsed_then, 90);
    assert_eq!(next[0].stage, Stage::Reborn);
    assert_eq!(
        next[0].evidence["stage"],
        "ordered 5 days ago after being lapsed at the evaluation of 2026-03-22"
    );
    // The evaluations after that still see them reborn, within the window from when they
    // became so (day 90)…
    let reborn_then = [Some(PreviousStage {
        stage: Stage::Reborn,
        at: at(170),
        since: Some(at(90)),
    })];
    let later = classify_with(base, &reborn_then, 180);
    assert_eq!(later[0].stage, Stage::Reborn);
    assert_eq!(
        later[0].evidence["stage"],
        "ordered 95 days ago; won back, as the evaluation of 2026-04-01 found"
    );
    // …and past it they are judged on their orders again.
    let past = classify_with(base, &reborn_then, 181);
    assert_eq!(past[0].stage, Stage::Lapsed);
    // Without the instant they became reborn, nothing extends the comeback.
    let unknown = [Some(PreviousStage::at(Stage::Reborn, at(170)))];
    assert_eq!(classify_with(base, &unknown, 180)[0].stage, Stage::Lapsed);
}

#[test]
fn a_customer_lost_for_a_year_who_orders_again_is_reborn() {
    let base = [buyer("R-2", &[0, 400], 5000)];
    let c = one(&base, "R-2", 410);
    assert_eq!(c.stage, Stage::Reborn);
    assert_eq!(
        c.evidence["stage"],
        "ordered 10 days ago after 400 days of silence, which had made them lost"
    );
}

#[test]
fn a_comeback_the_orders_show_stays_reborn_for_its_window_only_however_often_they_order() {
    // Lost for 400 days, back on day 400, then ordering every 10 days: reborn until day 490
    // whether or not an evaluation on the way stored them reborn.
    let base = [buyer(
        "R-4",
        &[0, 400, 410, 420, 430, 440, 450, 460, 470, 480, 490],
        5000,
    )];
    assert_eq!(one(&base, "R-4", 490).stage, Stage::Reborn);
    let reborn_then = [Some(PreviousStage {
        stage: Stage::Reborn,
        at: at(485),
        since: Some(at(401)),
    })];
    let c = &classify_with(&base, &reborn_then, 491)[0];
    assert_eq!(c.stage, Stage::Repeat, "{:?}", c.evidence);
    assert_eq!(one(&base, "R-4", 491).stage, Stage::Repeat);
}

#[test]
fn a_single_order_silent_past_the_new_window_then_a_second_is_a_comeback() {
    // One order, 120 days of silence (lapsed after the 90-day new window, not lost), then a
    // second: reborn from the orders alone, as an evaluation in the silence would have seen.
    let base = [buyer("R-5", &[0, 120], 5000)];
    assert_eq!(one(&base, "R-5", 100).stage, Stage::Lapsed);
    let c = one(&base, "R-5", 121);
    assert_eq!(c.stage, Stage::Reborn);
    assert_eq!(
        c.evidence["stage"],
        "ordered 1 day ago after 120 days of silence, which had made them lapsed (lapse threshold 90 days)"
    );
}

#[test]
fn evidence_counts_days_and_orders_in_good_english() {
    // Two orders on one day are one purchase day to the rules, and said as two orders.
    let mut base = [buyer("D-1", &[0, 0], 5000)];
    assert_eq!(
        one(&base, "D-1", 1).evidence["stage"],
        "2 orders, all on one day, 1 day ago (new for 90 days)"
    );
    assert_eq!(
        one(&base, "D-1", 100).evidence["stage"],
        "2 orders, all on one day, 100 days ago, and none on a later day; \
         new customers are expected to order again within 90 days"
    );
    base[0].0.orders.truncate(1);
    assert_eq!(
        one(&base, "D-1", 0).evidence["stage"],
        "first and only order today (new for 90 days)"
    );
    let daily = [buyer("D-2", &[0, 1, 2, 3], 5000)];
    let c = one(&daily, "D-2", 4);
    assert!(
        c.evidence["stage"]
            .starts_with("4 orders on 4 days; last order 1 day ago; usually orders every day"),
        "{}",
        c.evidence["stage"]
    );
}

/// Settings under which no stage depends on the models, only on the order history.
fn history_only() -> TypeSettings {
    TypeSettings {
        lost_p_alive: 0.0,
        lapse_p_alive: 0.0,
        ..TypeSettings::default()
    }
}

/// Evaluates a base every `step` days from day 0 to `last`, each evaluation given the stages
/// the one before stored and when the reborn became so, as the store does; answers the
/// stages of the last.
fn evaluated_along_the_way(
    facts: &[CustomerFacts],
    context: &[CustomerContext],
    settings: &TypeSettings,
    step: i64,
    last: i64,
) -> Vec<Stage> {
    let mut previous: Vec<Option<PreviousStage>> = vec![None; facts.len()];
    let mut day = 0;
    loop {
        let classified = classify_base(facts, context, &previous, settings, at(day), Currency::USD);
        for (p, v) in previous.iter_mut().zip(&classified.verdicts) {
            let since = match p {
                Some(p) if p.stage == v.stage => p.since,
                _ => Some(at(day)),
            };
            *p = Some(PreviousStage {
                stage: v.stage,
                at: at(day),
                since,
            });
        }
        if day == last {
            return classified.verdicts.iter().map(|v| v.stage).collect();
        }
        day = (day + step).min(last);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Where the stage rules depend only on the order history, one evaluation gives the
    /// stage that evaluating every day, or every week, on the way would have left.
    #[test]
    fn one_evaluation_gives_the_stage_of_evaluating_all_along(
        histories in prop::collection::vec(prop::collection::vec(0i64..700, 0..12), 1..20),
        last in 300i64..760,
        step in prop::sample::select(vec![1i64, 7, 30]),
    ) {
        let base: Vec<_> = histories
            .iter()
            .enumerate()
            .map(|(i, days)| buyer(&format!("P-{i}"), days, 5000))
            .collect();
        let facts: Vec<CustomerFacts> = base.iter().map(|(f, _)| f.clone()).collect();
        let context: Vec<CustomerContext> = base.iter().map(|(_, c)| c.clone()).collect();
        let settings = history_only();
        let once = classify_base(&facts, &context, &[], &settings, at(last), Currency::USD);
        let along = evaluated_along_the_way(&facts, &context, &settings, step, last);
        let once: Vec<Stage> = once.verdicts.iter().map(|v| v.stage).collect();
        prop_assert_eq!(once, along);
    }
}

fn arbitrary_base() -> impl Strategy<Value = Vec<(Vec<i64>, i64, u8, u8)>> {
    prop::collection::vec(
        (
            prop::collection::vec(0i64..400, 0..8),
            1i64..50_000,
            0u8..5,
            0u8..12,
        ),
        1..25,
    )
}

fn build(spec: &[(Vec<i64>, i64, u8, u8)]) -> Vec<(CustomerFacts, CustomerContext)> {
    spec.iter()
        .enumerate()
        .map(|(i, (days, amount, complaints, contacts))| {
            let (mut facts, mut context) = buyer(&format!("C-{i:03}"), days, *amount);
            facts.costs.push(CostFact {
                at: at(200),
                amount: amount / 3,
            });
            for k in 0..i64::from(*complaints) {
                context.complaints.push(ComplaintFact {
                    opened_at: at(300 + k * 20),
                    resolved_at: (k % 2 == 0).then(|| at(305 + k * 20)),
                    severity: Severity::Low,
                });
            }
            for k in 0..i64::from(*contacts) {
                context.interactions.push(InteractionFact {
                    occurred_at: at(100 + k * 7),
                    channel: None,
                    employee: Some(1 + k % 2),
                });
            }
            (facts, context)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Stage and tier are always present (the types say so), flags never repeat, and the
    /// result does not depend on the order customers or their rows were stored in.
    #[test]
    fn classification_is_deterministic_and_independent_of_row_order(
        spec in arbitrary_base(),
        seed in any::<u64>(),
    ) {
        let base = build(&spec);
        let first = classify(&base, 410);
        prop_assert_eq!(&first, &classify(&base, 410));
        for c in &first {
            let mut flags = c.flags.clone();
            flags.dedup();
            prop_assert_eq!(flags.len(), c.flags.len());
            prop_assert!(c.evidence.contains_key("stage") && c.evidence.contains_key("tier"));
        }
        // Reverse the customers and shuffle every customer's rows.
        let mut shuffled: Vec<_> = base.iter().rev().cloned().collect();
        let mut state = seed;
        let mut next = move |n: usize| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize % n.max(1)
        };
        for (facts, context) in &mut shuffled {
            for i in (1..facts.orders.len()).rev() {
                let j = next(i + 1);
                facts.orders.swap(i, j);
            }
            for i in (1..context.complaints.len()).rev() {
                let j = next(i + 1);
                context.complaints.swap(i, j);
            }
        }
        let mut again = classify(&shuffled, 410);
        again.reverse();
        prop_assert_eq!(first, again);
    }
}
