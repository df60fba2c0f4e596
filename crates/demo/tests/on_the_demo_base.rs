//! The core's engine on a whole demo base: every stage and flag occurs, a customer alone is
//! classified as in the full pass, the lookalike score finds the planted profile, and the
//! reports agree with each other. Here rather than in the core's own tests because the
//! generator depends on the core.

use clientele_core::analytics::lookalike::{
    IDEAL_PROSPECT_SHARE, LookalikeModel, LookalikeSettings, auc, ideal_prospects,
};
use clientele_core::analytics::pareto::{TierSettings, ValueTier, value_tiers};
use clientele_core::analytics::report::{AnalysisSettings, analyse};
use clientele_core::analytics::{CustomerSummary, Millis, SummarySettings, summarise};
use clientele_core::classify::{EngineState, TypeSettings, classify_base};
use clientele_core::time::to_millis;
use clientele_core::{Currency, Flag, Party, Stage};
use clientele_demo::{DemoBase, DemoSpec, generate, has_planted_profile};

// A Fisher-Yates shuffle driven by SplitMix64: the same permutations as the core's tests
// use, so that the shuffled-label figures stay those measured there.
#[path = "../../core/benches/support/splitmix.rs"]
mod splitmix;
use splitmix::shuffle;

/// A demo base in dollars as of midnight UTC on 22 November 2026, with that instant in
/// milliseconds as the engine takes it.
fn demo_base(customers: usize, seed: u64) -> (DemoBase, Millis) {
    let as_of: jiff::Timestamp = "2026-11-22T00:00:00Z".parse().unwrap();
    let base = generate(&DemoSpec {
        customers,
        seed,
        as_of,
        currency: Currency::USD,
    });
    (base, to_millis(as_of))
}

#[test]
fn on_the_demo_base_every_stage_and_every_flag_occurs() {
    let (base, as_of) = demo_base(4000, 3);
    let (facts, context) = (base.facts(), base.context());
    let classified = classify_base(
        &facts,
        &context,
        &[],
        &TypeSettings::default(),
        as_of,
        Currency::USD,
    );
    assert!(
        classified.analysis.models.is_ok(),
        "{:?}",
        classified.analysis.models.as_ref().err()
    );
    let all = &classified.classifications(&facts, &context);
    // The words and the verdict the pass stored without them are one set of rules.
    for (c, v) in all.iter().zip(&classified.verdicts) {
        let said = (c.stage, c.tier, &c.flags);
        assert_eq!(said, (v.stage, v.tier, &v.flags), "{}", c.customer_id);
    }
    for stage in Stage::ALL {
        let n = all.iter().filter(|c| c.stage == *stage).count();
        assert!(n > 0, "no customer is {stage}");
    }
    for flag in Flag::ALL {
        let n = all.iter().filter(|c| c.flags.contains(flag)).count();
        assert!(n > 0, "no customer is flagged {flag}");
    }
    for tier in ValueTier::ALL {
        assert!(all.iter().any(|c| c.tier == tier));
    }
}

/// Re-evaluating every customer alone with the stored state gives what the full pass
/// gave: the fast path is the same rules on the same numbers.
#[test]
fn one_customer_alone_is_classified_as_in_the_full_pass() {
    let (base, as_of) = demo_base(1500, 4);
    let (facts, context) = (base.facts(), base.context());
    let settings = TypeSettings::default();
    let full = classify_base(&facts, &context, &[], &settings, as_of, Currency::USD);
    let state = EngineState::of(&full, &settings, as_of);
    assert!(state.models.is_some());
    for (i, expected) in full.classifications(&facts, &context).iter().enumerate() {
        let ideal = expected.flags.contains(&Flag::IdealProspect);
        let alone = state.classify_one(&facts[i], &context[i], None, ideal, as_of, Currency::USD);
        assert_eq!(&alone, expected, "customer {i}");
    }
}

/// An honest evaluation on the demo base, whose planted profile (income `high`, channel
/// `referral`, age 30–45) drives value: train on half the buyers, measure the AUC of
/// "tier A" on the other half, and again with the training labels shuffled, where it
/// must fall to chance; then flag the ideal prospects and count the planted lookalikes
/// among them. `cargo test -p clientele-demo demo_base -- --nocapture` prints the figures.
#[test]
fn on_the_demo_base_the_score_finds_tier_a_and_the_planted_lookalikes() {
    let customers = 50_000;
    let spec = DemoSpec {
        customers,
        seed: 2026,
        as_of: "2026-11-22T10:00:00Z".parse().unwrap(),
        currency: Currency::USD,
    };
    let base = generate(&spec);
    let facts = base.facts();
    let as_of = to_millis(spec.as_of);
    let settings = SummarySettings::new(as_of);
    let summaries: Vec<CustomerSummary> = facts.iter().map(|f| summarise(f, &settings)).collect();
    let profits: Vec<i64> = summaries.iter().map(|s| s.profit_window).collect();
    let tiers = value_tiers(&profits, &TierSettings::default()).tiers;
    let planted: Vec<bool> = base
        .customers
        .iter()
        .map(|c| has_planted_profile(c, spec.as_of))
        .collect();

    // Buyers, split in halves by a hash of their id (FNV-1a, then a mixing step).
    let held_out = |id: &str| {
        let mut h = 0xcbf2_9ce4_8422_2325u64;
        for b in id.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        (h ^ (h >> 29)).wrapping_mul(0xBF58_476D_1CE4_E5B9) >> 63 == 1
    };
    let buyers: Vec<usize> = (0..facts.len())
        .filter(|&i| summaries[i].orders > 0)
        .collect();
    let (test, train): (Vec<usize>, Vec<usize>) = buyers
        .iter()
        .partition(|&&i| held_out(&facts[i].customer_id));
    let is_a = |i: usize| tiers[i] == ValueTier::A;
    let lookalike = LookalikeSettings::default();
    // A model trained on the training half with these labels (one per customer there), and
    // how well it ranks the held-out half's tier A.
    let trained_with = |labels: &[bool]| {
        LookalikeModel::train(
            train
                .iter()
                .zip(labels)
                .map(|(&i, &a)| (&facts[i].profile, a)),
            as_of,
            &lookalike,
        )
    };
    let labels: Vec<bool> = test.iter().map(|&i| is_a(i)).collect();
    let held_out_auc_of = |model: &LookalikeModel| {
        let scores: Vec<f64> = test
            .iter()
            .map(|&i| model.log_odds(&facts[i].profile))
            .collect();
        auc(&scores, &labels).unwrap()
    };
    let train_labels: Vec<bool> = train.iter().map(|&i| is_a(i)).collect();
    let model = trained_with(&train_labels);
    let held_out_auc = held_out_auc_of(&model);
    // What knowing the planted profile exactly would achieve on tier A.
    let planted_as_score: Vec<f64> = test
        .iter()
        .map(|&i| f64::from(u8::from(planted[i])))
        .collect();
    let planted_ceiling = auc(&planted_as_score, &labels).unwrap();

    // The same with the training labels shuffled, ten times.
    let mut null_aucs = Vec::new();
    for seed in 0..10 {
        let mut shuffled = train_labels.clone();
        shuffle(&mut shuffled, seed);
        null_aucs.push(held_out_auc_of(&trained_with(&shuffled)));
    }
    let null_mean = null_aucs.iter().sum::<f64>() / null_aucs.len() as f64;
    let null_min = null_aucs.iter().copied().fold(f64::INFINITY, f64::min);
    let null_max = null_aucs.iter().copied().fold(f64::NEG_INFINITY, f64::max);

    // Ideal prospects: people without an order, scored by the model trained on half the
    // buyers.
    let prospects: Vec<usize> = (0..facts.len())
        .filter(|&i| summaries[i].orders == 0 && base.customers[i].party == Party::Person)
        .collect();
    let prospect_scores: Vec<f64> = prospects
        .iter()
        .map(|&i| model.log_odds(&facts[i].profile))
        .collect();
    let prospect_planted: Vec<bool> = prospects.iter().map(|&i| planted[i]).collect();
    let planted_prospects = prospect_planted.iter().filter(|&&p| p).count();
    let planted_prospect_auc = auc(&prospect_scores, &prospect_planted).unwrap();
    let ideal = ideal_prospects(&prospect_scores, IDEAL_PROSPECT_SHARE);
    let ideal_planted = ideal
        .selected
        .iter()
        .zip(&prospect_planted)
        .filter(|&(&s, &p)| s && p)
        .count();
    let best = prospects
        .iter()
        .zip(&prospect_scores)
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map(|(&i, _)| model.score(&facts[i].profile))
        .unwrap();

    println!(
        "demo base of {customers} customers (seed 2026): {} buyers ({} train, {} held \
         out), {} in tier A",
        buyers.len(),
        train.len(),
        test.len(),
        buyers.iter().filter(|&&i| is_a(i)).count()
    );
    println!("held-out AUC, tier A: {held_out_auc:.4}");
    println!(
        "held-out AUC with shuffled training labels, 10 seeds: mean {null_mean:.4}, \
         min {null_min:.4}, max {null_max:.4}"
    );
    println!("held-out AUC of the planted profile itself for tier A: {planted_ceiling:.4}");
    println!(
        "prospects (people): {}, of which planted {planted_prospects}; AUC of the score \
         for the planted profile {planted_prospect_auc:.4}; ideal prospects {} (log-odds \
         ≥ {:.3}), of which planted {ideal_planted}",
        prospects.len(),
        ideal.ideal,
        ideal.threshold.unwrap()
    );
    println!("best prospect: log-odds {:.3}", best.log_odds);
    for r in &best.reasons {
        println!(
            "  reason {:?} = {:?}: {:+.3} ({} in A, {} others)",
            r.attributes, r.values, r.contribution, r.tier_a_customers, r.other_customers
        );
    }
    for w in model.weights().iter().take(5) {
        println!(
            "  weight {:?} = {:?}: {:+.3} ({} in A, {} others)",
            w.attributes, w.values, w.contribution, w.tier_a_customers, w.other_customers
        );
    }

    // Measured: 0.722 held out; shuffled labels 0.512 on average (0.454 to 0.572).
    assert!(held_out_auc > 0.68, "held-out AUC {held_out_auc}");
    assert!(
        held_out_auc > null_max,
        "held-out AUC {held_out_auc} is within the shuffled runs (up to {null_max})"
    );
    assert!(
        (0.47..0.53).contains(&null_mean),
        "shuffled AUC {null_mean}"
    );
    assert!(planted_prospect_auc > 0.95, "{planted_prospect_auc}");
    assert!(
        ideal_planted * 10 >= planted_prospects * 9,
        "{ideal_planted} of {planted_prospects} planted prospects are ideal"
    );
}

#[test]
fn on_the_demo_base_every_report_covers_the_whole_base_and_agrees_with_the_others() {
    let (base, as_of) = demo_base(3000, 5);
    let facts = base.facts();
    let analysis = analyse(&facts, &AnalysisSettings::new(as_of));
    let models = analysis
        .models
        .as_ref()
        .expect("the demo base supports the models");
    assert!(models.bgnbd.params.r > 0.0);

    let rfm = analysis.rfm(Currency::USD);
    let buyers = analysis.summaries.iter().filter(|s| s.orders > 0).count() as u64;
    assert_eq!(rfm.counts.scored_customers, buyers);
    assert_eq!(
        rfm.counts.scored_customers + rfm.counts.unscored_customers,
        rfm.header.customers
    );
    assert_eq!(
        rfm.counts.segments.iter().map(|s| s.customers).sum::<u64>(),
        buyers
    );

    let tiers = analysis.tiers(Currency::USD);
    assert_eq!(
        tiers.tiers.tiers.iter().map(|t| t.customers).sum::<u64>(),
        tiers.header.customers
    );
    let top = tiers.profit.top_20_share.unwrap();
    assert!(top > 0.5, "the top 20 % make {top} of the profit");

    let channels = analysis.channels(&facts, Currency::USD);
    assert_eq!(channels.clv_unavailable, None);
    assert_eq!(
        channels.channels.iter().map(|c| c.customers).sum::<u64>(),
        tiers.header.customers
    );
    let referral = channels
        .channels
        .iter()
        .find(|c| c.channel.as_deref() == Some("referral"))
        .unwrap();
    assert!(referral.tier_a_share > 0.0);

    let persona = analysis.persona(&facts, Currency::USD);
    let income_high = persona
        .persona
        .rows
        .iter()
        .find(|r| r.value.as_deref() == Some("high"))
        .unwrap();
    assert!(income_high.lift > 1.0, "{income_high:?}");

    let prospects = analysis.prospects(&facts, Currency::USD, 20);
    assert_eq!(
        prospects.prospects,
        analysis.summaries.len() as u64 - buyers
    );
    assert!(prospects.ranked.len() <= 20);
    assert!(prospects.ranked[0].ideal_prospect);
    assert!(
        prospects
            .ranked
            .windows(2)
            .all(|w| w[0].score.log_odds >= w[1].score.log_odds)
    );

    let cohorts = analysis.cohorts(&facts, Currency::USD);
    assert_eq!(
        cohorts
            .table
            .cohorts
            .iter()
            .map(|c| c.customers)
            .sum::<u64>(),
        buyers
    );
}
