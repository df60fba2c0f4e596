//! The type engine's results stored and read back, on both backends.

use clientele_core::classify::TypeSettings;
use clientele_core::demo::{DemoSpec, generate};
use clientele_store::{AccessScope, BulkBase, CustomerFilter, ListRequest, TransitionFilter};

use crate::support::*;

const SYSTEM: AccessScope = AccessScope::System("test");
const DAY: i64 = 86_400_000;

#[tokio::test]
async fn a_classification_is_stored_counted_filtered_and_its_changes_become_transitions() {
    let as_of: jiff::Timestamp = "2026-11-22T00:00:00Z".parse().unwrap();
    let base = generate(&DemoSpec {
        customers: 400,
        seed: 9,
        as_of,
        currency: clientele_core::Currency::USD,
    });
    let as_of = clientele_core::time::to_millis(as_of);
    for db in databases().await {
        let store = db.open().await;
        store
            .bulk_load(BulkBase {
                employees: &base.employees,
                customers: &base.customers,
                orders: &base.orders,
                costs: &base.costs,
                interactions: &base.interactions,
                complaints: &base.complaints,
                feedback: &base.feedback,
            })
            .await
            .unwrap();
        let settings = TypeSettings::default();
        let (classified, saved) = store.classify_all(&settings, as_of).await.unwrap();
        let n = base.customers.len() as u64;
        assert_eq!(saved.customers, n);
        // The first evaluation records where every customer starts: a stage, a tier, and
        // each flag.
        let flags: u64 = classified
            .classifications
            .iter()
            .map(|c| c.flags.len() as u64)
            .sum();
        assert_eq!(saved.transitions, 2 * n + flags);

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
        for expected in &classified.classifications {
            let profile = store
                .customer_profile(&SYSTEM, &expected.customer_id)
                .await
                .unwrap();
            assert_eq!(&profile.classification, expected, "on {:?}", db.backend);
            assert_eq!(profile.evaluated_as_of, "2026-11-22T00:00:00Z");
        }

        // The same evaluation again changes nothing; a month later some customers move.
        let (_, again) = store.classify_all(&settings, as_of).await.unwrap();
        assert_eq!(again.transitions, 0);
        let (_, later) = store
            .classify_all(&settings, as_of + 60 * DAY)
            .await
            .unwrap();
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
