//! The type engine's results stored and read back, on both backends.

use clientele_core::classify::TypeSettings;
use clientele_store::{CustomerFilter, ListRequest, TransitionFilter};

use crate::support::*;

const DAY: i64 = 86_400_000;

#[tokio::test]
async fn a_classification_is_stored_counted_filtered_and_its_changes_become_transitions() {
    let (base, as_of) = demo_base(400, 9);
    for db in databases().await {
        let store = loaded(&db, &base).await;
        let settings = TypeSettings::default();
        let pass = store.classify_all(&settings, as_of).await.unwrap();
        let saved = &pass.saved;
        let classifications: Vec<_> = (0..pass.classified.verdicts.len())
            .map(|i| pass.classification(i))
            .collect();
        let n = base.customers.len() as u64;
        assert_eq!(saved.customers, n);
        // A first verdict is where a customer's history starts, not a change.
        assert_eq!(saved.transitions, 0);
        let flagged: u64 = classifications.iter().map(|c| c.flags.len() as u64).sum();
        assert!(flagged > 0);

        let counts = store.type_counts(&SYSTEM).await.unwrap();
        assert_eq!(counts.classified, n);
        assert_eq!(counts.as_of.as_deref(), Some("2026-11-22T00:00:00Z"));
        let lapsed = counts.stages.iter().find(|s| s.name == "lapsed").unwrap();
        let mut listed = 0;
        let mut cursor = None;
        loop {
            let page = store
                .list_customers(
                    &SYSTEM,
                    &CustomerFilter {
                        stage: Some("lapsed".into()),
                        ..Default::default()
                    },
                    &ListRequest {
                        limit: Some(500),
                        cursor,
                        sort: None,
                    },
                )
                .await
                .unwrap();
            listed += page.items.len() as u64;
            match page.next_cursor {
                Some(next) => cursor = Some(next),
                None => break,
            }
        }
        assert_eq!(listed, lapsed.customers, "on {:?}", db.backend);
        let bad = store
            .list_customers(
                &SYSTEM,
                &CustomerFilter {
                    tier: Some("D".into()),
                    flag: Some("grumpy".into()),
                    ..Default::default()
                },
                &ListRequest::default(),
            )
            .await
            .unwrap_err();
        assert_eq!(
            bad.to_string(),
            "tier: `D` is not one of: A, B, C; flag: `grumpy` is not one of: dissatisfied, windbag, unprofitable, let_go, ideal_prospect, owner_risk"
        );

        // Profiles are recomputed from the facts and the stored state: every one of them is
        // what the pass said, evidence, actions and metrics included.
        for expected in &classifications {
            let profile = store
                .customer_profile(&SYSTEM, &expected.customer_id)
                .await
                .unwrap();
            assert_eq!(&profile.classification, expected, "on {:?}", db.backend);
            assert_eq!(profile.evaluated_as_of, "2026-11-22T00:00:00Z");
        }

        // The same evaluation again changes nothing; a month later some customers move.
        let again = store.classify_all(&settings, as_of).await.unwrap().saved;
        assert_eq!(again.transitions, 0);
        let later = store
            .classify_all(&settings, as_of + 60 * DAY)
            .await
            .unwrap()
            .saved;
        assert!(later.transitions > 0);
        let moved = store
            .list_transitions(
                &SYSTEM,
                &TransitionFilter {
                    since: Some("2027-01-01".into()),
                    ..Default::default()
                },
                &ListRequest {
                    limit: Some(500),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert!(!moved.items.is_empty());
        assert!(
            moved
                .items
                .iter()
                .all(|t| t.transition.at.to_string() == "2027-01-21T00:00:00Z")
        );
    }
}

/// On SQLite a whole-base read goes through SQLite's own API; a read of chosen customers
/// through `sqlx::Any`. Both must read the same facts, to the last order.
#[tokio::test]
async fn the_native_whole_base_read_gives_what_the_portable_read_gives() {
    let (base, as_of) = demo_base(600, 21);
    // A day before the demo's end, so that the as-of bound cuts histories.
    let as_of = as_of - DAY;
    for db in databases().await {
        let store = loaded(&db, &base).await;
        let whole = store.customer_facts(&SYSTEM, as_of).await.unwrap();
        assert_eq!(whole.customers.len(), base.customers.len());
        let chosen = store
            .customer_facts_of(&SYSTEM, as_of, &whole.customer_keys)
            .await
            .unwrap();
        assert_eq!(whole.customer_keys, chosen.customer_keys);
        assert_eq!(whole.customers, chosen.customers, "on {:?}", db.backend);
        assert_eq!(whole.context, chosen.context, "on {:?}", db.backend);
        let orders: usize = whole.customers.iter().map(|c| c.orders.len()).sum();
        let interactions: usize = whole.context.iter().map(|c| c.interactions.len()).sum();
        assert!(
            orders > 1000 && interactions > 100,
            "{orders} orders, {interactions} interactions"
        );
        assert!(
            orders < base.orders.len(),
            "the as-of bound leaves later orders out"
        );
    }
}

/// A dry run of new settings counts exactly the moves the real pass with them then records,
/// and writes nothing: the verdicts, the transitions and the engine state are as they were.
#[tokio::test]
async fn a_preview_of_new_settings_counts_what_the_pass_would_change_and_writes_nothing() {
    let (base, as_of) = demo_base(300, 4);
    for db in databases().await {
        let store = loaded(&db, &base).await;
        let settings = TypeSettings::default();
        store.classify_all(&settings, as_of).await.unwrap();
        let counts_before = store.type_counts(&SYSTEM).await.unwrap();
        let state_before = store.engine_state().await.unwrap();
        let same = store.preview_classify_all(&settings, as_of).await.unwrap();
        assert_eq!(same.customers, base.customers.len() as u64);
        assert_eq!(same.customers_changed, 0);
        assert!(same.moves.is_empty());

        let stricter = TypeSettings {
            lapse_min_days: 20,
            lapse_interval_multiple: 1.0,
            ..settings
        };
        let preview = store.preview_classify_all(&stricter, as_of).await.unwrap();
        assert!(preview.customers_changed > 0, "{preview:?}");
        assert!(
            preview
                .moves
                .iter()
                .any(|m| m.axis == "stage" && m.to.as_deref() == Some("lapsed"))
        );
        assert_eq!(store.type_counts(&SYSTEM).await.unwrap(), counts_before);
        assert_eq!(store.engine_state().await.unwrap(), state_before);

        let saved = store.classify_all(&stricter, as_of).await.unwrap().saved;
        let previewed: u64 = preview.moves.iter().map(|m| m.customers).sum();
        assert_eq!(saved.transitions, previewed, "on {:?}", db.backend);
        let counts_after = store.type_counts(&SYSTEM).await.unwrap();
        assert_ne!(counts_after.stages, counts_before.stages);
    }
}

/// A base evaluated every week for a year and the same base evaluated once give every
/// customer the same stage, where the rules depend on the order history alone (the models'
/// P(alive) thresholds off): the stored stages and the instants the reborn became so carry
/// nothing the orders do not show.
#[tokio::test]
async fn weekly_evaluations_and_one_give_the_same_stages() {
    use clientele_core::Stage;
    use clientele_core::classify::classify_base;
    let (base, end) = demo_base(600, 31);
    let settings = TypeSettings {
        lost_p_alive: 0.0,
        lapse_p_alive: 0.0,
        ..TypeSettings::default()
    };
    for db in databases().await {
        let store = loaded(&db, &base).await;
        let mut as_of = end - 364 * DAY;
        let mut reborn_seen = 0;
        let last = loop {
            let pass = store.classify_all(&settings, as_of).await.unwrap();
            reborn_seen += pass
                .classified
                .verdicts
                .iter()
                .filter(|v| v.stage == Stage::Reborn)
                .count();
            if as_of == end {
                break pass;
            }
            as_of = (as_of + 7 * DAY).min(end);
        };
        assert!(reborn_seen > 20, "{reborn_seen} reborn along the way");
        let once = classify_base(
            &last.base.customers,
            &last.base.context,
            &[],
            &settings,
            end,
            clientele_core::Currency::USD,
        );
        let differ: Vec<_> = last
            .classified
            .verdicts
            .iter()
            .zip(&once.verdicts)
            .zip(&last.base.customers)
            .filter(|((weekly, one), _)| weekly.stage != one.stage)
            .map(|((weekly, one), c)| (c.customer_id.clone(), weekly.stage, one.stage))
            .collect();
        assert!(differ.is_empty(), "on {:?}: {differ:?}", db.backend);
    }
}
