use super::*;
use crate::analytics::DAY_MS;
use crate::splitmix::shuffle;
use proptest::prelude::*;

/// 2026-06-01T00:00:00Z.
const AS_OF: Millis = 20_605 * DAY_MS;

fn profile(income: Option<&str>, channel: Option<&str>, born: Option<i32>) -> Profile {
    Profile {
        income_band: income.map(str::to_owned),
        acquisition_channel: channel.map(str::to_owned),
        birth_year: born,
        ..Default::default()
    }
}

fn two_pseudo_customers() -> LookalikeSettings {
    LookalikeSettings {
        smoothing: 2.0,
        reasons: 3,
    }
}

#[test]
fn naive_bayes_by_hand() {
    // Two A customers with high income, two others: one high, one low.
    let high = profile(Some("high"), None, None);
    let low = profile(Some("low"), None, None);
    let examples = [(&high, true), (&high, true), (&high, false), (&low, false)];
    // m = 2: with equal classes, one pseudo-customer to each class per value.
    let model = LookalikeModel::train(examples, AS_OF, &two_pseudo_customers());
    assert_eq!((model.tier_a, model.rest), (2, 2));
    assert_eq!(model.prior_log_odds, 0.0); // ln(3 / 3)
    // P(high | A) ∝ (2 + 1) / 2, P(high | rest) ∝ (1 + 1) / 2: contribution ln 1.5.
    // P(low | A) ∝ (0 + 1) / 2, P(low | rest) ∝ (1 + 1) / 2: ln 0.5.
    let score = model.score(&high);
    assert!((score.log_odds - 1.5f64.ln()).abs() < 1e-12);
    assert!((score.probability - 0.6).abs() < 1e-12);
    assert_eq!(score.reasons.len(), 1);
    assert_eq!(
        score.reasons[0],
        LookalikeReason {
            attributes: vec![ProfileAttribute::IncomeBand],
            values: vec!["high".to_owned()],
            contribution: score.log_odds,
            tier_a_customers: 2,
            other_customers: 1,
        }
    );
    let low_score = model.score(&low);
    assert!((low_score.log_odds - 0.5f64.ln()).abs() < 1e-12);
    assert!(low_score.reasons.is_empty());
    // Unknown and unseen values say nothing: the prior.
    assert_eq!(model.log_odds(&Profile::default()), 0.0);
    assert_eq!(model.log_odds(&profile(Some("middle"), None, None)), 0.0);
}

#[test]
fn reasons_are_the_largest_positive_contributions() {
    let best = profile(Some("high"), Some("referral"), Some(1990));
    let other = profile(Some("low"), Some("organic"), Some(1960));
    let mut examples = vec![(&best, true); 5];
    examples.extend(vec![(&other, false); 20]);
    // One A customer without the referral makes the channel a weaker reason.
    let partial = profile(Some("high"), Some("organic"), Some(1990));
    examples.push((&partial, true));
    let model = LookalikeModel::train(
        examples,
        AS_OF,
        &LookalikeSettings {
            smoothing: 1.0,
            reasons: 2,
        },
    );
    let score = model.score(&best);
    let got: Vec<_> = score
        .reasons
        .iter()
        .map(|r| (r.attributes.clone(), r.values.join(" & ")))
        .collect();
    // Age 36 (band 35-39), high income and their pair tie on 6 of 6 A against 0 of 20
    // (two values each): feature order puts the age band first, the income band second;
    // the pair and referral (5 of 6) are cut.
    assert_eq!(
        got,
        vec![
            (vec![ProfileAttribute::AgeBand], "35-39".to_owned()),
            (vec![ProfileAttribute::IncomeBand], "high".to_owned())
        ]
    );
    assert!(score.reasons[0].contribution > 0.0);
}

#[test]
fn a_value_that_lives_only_in_a_combination_is_learnt_through_the_pair() {
    // Tier A: high income by referral, and low income found organically; the others the
    // other way round. Each attribute alone says nothing; the pair says everything.
    let hr = profile(Some("high"), Some("referral"), None);
    let lo = profile(Some("low"), Some("organic"), None);
    let ho = profile(Some("high"), Some("organic"), None);
    let lr = profile(Some("low"), Some("referral"), None);
    let mut examples = vec![(&hr, true); 4];
    examples.extend(vec![(&lo, true); 4]);
    examples.extend(vec![(&ho, false); 4]);
    examples.extend(vec![(&lr, false); 4]);
    // (4 + 1) / 8 against (0 + 1) / 8: ±ln 5 for the pairs, 0 for each attribute alone.
    let model = LookalikeModel::train(examples, AS_OF, &two_pseudo_customers());
    let score = model.score(&hr);
    assert!((score.log_odds - 5f64.ln()).abs() < 1e-12, "{score:?}");
    assert_eq!(score.reasons.len(), 1);
    assert_eq!(
        score.reasons[0].attributes,
        vec![
            ProfileAttribute::IncomeBand,
            ProfileAttribute::AcquisitionChannel
        ]
    );
    assert_eq!(score.reasons[0].values, vec!["high", "referral"]);
    assert!((model.log_odds(&ho) + 5f64.ln()).abs() < 1e-12);
    // The model's weights: the two tier-A pairs first, the singles at zero.
    let weights = model.weights();
    assert_eq!(weights.len(), 4 + 4);
    assert!((weights[0].contribution - 5f64.ln()).abs() < 1e-12);
    assert!((weights[1].contribution - 5f64.ln()).abs() < 1e-12);
    assert!(
        weights
            .iter()
            .filter(|w| w.attributes.len() == 1)
            .all(|w| w.contribution == 0.0)
    );
}

#[test]
fn an_empty_training_set_scores_everything_at_the_prior() {
    let model = LookalikeModel::train([], AS_OF, &LookalikeSettings::default());
    assert_eq!(
        model.log_odds(&profile(Some("high"), None, Some(1990))),
        0.0
    );
}

#[test]
fn auc_by_hand() {
    assert_eq!(
        auc(&[0.9, 0.8, 0.2, 0.1], &[true, true, false, false]),
        Some(1.0)
    );
    assert_eq!(auc(&[0.1, 0.2], &[true, false]), Some(0.0));
    // All tied: one half.
    assert_eq!(auc(&[1.0, 1.0, 1.0], &[true, false, false]), Some(0.5));
    // Positives 3, 1; negatives 2, 1: pairs (3>2) 1, (3>1) 1, (1<2) 0, (1=1) ½ → 2.5/4.
    assert_eq!(
        auc(&[3.0, 1.0, 2.0, 1.0], &[true, true, false, false]),
        Some(0.625)
    );
    assert_eq!(auc(&[1.0], &[true]), None);
    assert_eq!(auc(&[], &[]), None);
}

#[test]
fn ideal_prospects_are_the_top_ten_percent_with_ties_flagged_whole() {
    let scores: Vec<f64> = (0..20).map(f64::from).collect();
    let ideal = ideal_prospects(&scores, IDEAL_PROSPECT_SHARE);
    // 0 and 1 score strictly higher than 19 and 18: both fewer than 2 (10 % of 20).
    assert_eq!(ideal.threshold, Some(18.0));
    assert_eq!(ideal.ideal, 2);
    assert!(ideal.selected[19] && ideal.selected[18] && !ideal.selected[17]);
    // A tie at the boundary: 19, then three 18s (1 higher < 2), all flagged.
    let mut tied = scores;
    tied[17] = 18.0;
    tied[16] = 18.0;
    assert_eq!(ideal_prospects(&tied, 0.1).ideal, 4);
    // Small and empty inputs: the best one is always flagged; nothing to flag in none.
    assert_eq!(
        ideal_prospects(&[0.3, 0.1, 0.2], 0.1).selected,
        vec![true, false, false]
    );
    assert_eq!(ideal_prospects(&[], 0.1).threshold, None);
    assert_eq!(ideal_prospects(&[1.0, 2.0], 0.0).ideal, 0);
    assert_eq!(
        ideal_prospects(&[f64::NAN, 1.0], 0.1).selected,
        vec![false, true]
    );
}

proptest! {
    #[test]
    fn model_auc_and_ideal_prospects_do_not_depend_on_input_order(
        raw in prop::collection::vec((0usize..3, 0usize..3, prop::option::of(1950i32..2005), any::<bool>()), 0..40),
        scores in prop::collection::vec(prop::sample::select(vec![-1.0, 0.0, 0.5, 2.0, 3.0]), 1..40),
        seed in any::<u64>(),
    ) {
        let incomes = [None, Some("low"), Some("high")];
        let channels = [None, Some("organic"), Some("referral")];
        let profiles: Vec<(Profile, bool)> = raw
            .iter()
            .map(|&(i, c, born, a)| (profile(incomes[i], channels[c], born), a))
            .collect();
        let settings = LookalikeSettings::default();
        let model = LookalikeModel::train(profiles.iter().map(|(p, a)| (p, *a)), AS_OF, &settings);
        let mut shuffled = profiles;
        shuffle(&mut shuffled, seed);
        let again = LookalikeModel::train(shuffled.iter().map(|(p, a)| (p, *a)), AS_OF, &settings);
        prop_assert_eq!(&again, &model);

        let labels: Vec<bool> = scores.iter().enumerate().map(|(i, s)| (i as f64 + s) as i64 % 2 == 0).collect();
        let mut order: Vec<usize> = (0..scores.len()).collect();
        shuffle(&mut order, seed);
        let s2: Vec<f64> = order.iter().map(|&i| scores[i]).collect();
        let l2: Vec<bool> = order.iter().map(|&i| labels[i]).collect();
        prop_assert_eq!(auc(&s2, &l2), auc(&scores, &labels));
        let ideal = ideal_prospects(&scores, 0.1);
        let ideal2 = ideal_prospects(&s2, 0.1);
        prop_assert_eq!(ideal2.threshold, ideal.threshold);
        for (k, &i) in order.iter().enumerate() {
            prop_assert_eq!(ideal2.selected[k], ideal.selected[i]);
        }
    }
}
