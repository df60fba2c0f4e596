use clientele_store::{AccessScope, CustomerFilter, ListRequest, StoreError};
use serde_json::json;

use crate::support::*;

const SYSTEM: AccessScope = AccessScope::System("test");

#[tokio::test]
async fn a_customer_round_trips_with_owner_organisation_and_tags() {
    for db in databases().await {
        let store = db.open().await;
        store
            .create_employee(&employee(
                json!({"name": "Nino", "email": "nino@example.ge"}),
            ))
            .await
            .unwrap();
        store
            .create_customer(
                &SYSTEM,
                &customer(json!({"customer_id": "ORG-1", "name": "Acme", "party": "organisation"})),
                "test",
            )
            .await
            .unwrap();
        let created = store
            .create_customer(
                &SYSTEM,
                &customer(json!({
                    "customer_id": "P-1", "name": "მარიამ ბერიძე", "organisation_id": "ORG-1",
                    "role": "wallet_holder", "owner_email": "NINO@example.ge", "tags": ["vip", "b2b"],
                    "acquisition_cost": "12.50", "country": "ge", "birth_year": 1985
                })), "test",
            )
            .await
            .unwrap();
        assert_eq!(
            created.name.as_deref(),
            Some("მარიამ ბერიძე"),
            "{:?}",
            db.backend
        );
        assert_eq!(created.organisation_id.as_deref(), Some("ORG-1"));
        assert_eq!(created.owner_email.as_deref(), Some("nino@example.ge"));
        assert_eq!(created.tags, ["b2b", "vip"]);
        assert_eq!(created.acquisition_cost.unwrap().minor(), 1250);
        assert_eq!(created.country.as_deref(), Some("GE"));
        let fetched = store.get_customer(&SYSTEM, "P-1").await.unwrap();
        assert_eq!(fetched, created);

        let duplicate = store
            .create_customer(&SYSTEM, &customer(json!({"customer_id": "P-1"})), "test")
            .await
            .unwrap_err();
        assert!(
            matches!(
                duplicate,
                StoreError::Duplicate {
                    field: "customer_id",
                    ..
                }
            ),
            "{duplicate:?}"
        );

        let unknown_owner = store
            .create_customer(&SYSTEM, &customer(json!({"customer_id": "P-2", "owner_email": "ghost@example.ge", "organisation_id": "P-1"})), "test")
            .await
            .unwrap_err();
        assert_eq!(
            unknown_owner.to_string(),
            "owner_email: no employee has the e-mail ghost@example.ge; organisation_id: `P-1` is a person, not an organisation (set its party to organisation)"
        );

        let page = store
            .list_customers(
                &SYSTEM,
                &CustomerFilter {
                    q: Some("ბერიძე".into()),
                    ..Default::default()
                },
                &ListRequest::default(),
            )
            .await
            .unwrap();
        assert_eq!(page.items.len(), 1);
        store.delete_customer(&SYSTEM, "P-1").await.unwrap();
        assert!(matches!(
            store.get_customer(&SYSTEM, "P-1").await,
            Err(StoreError::NotFound { .. })
        ));
        store.close().await;
    }
}

#[tokio::test]
async fn pages_follow_the_cursor_without_repeating_or_skipping() {
    for db in databases().await {
        let store = db.open().await;
        for i in 0..23 {
            store
                .create_customer(
                    &SYSTEM,
                    &customer(
                        json!({"customer_id": format!("C-{i:02}"), "name": format!("N{}", 22 - i)}),
                    ),
                    "test",
                )
                .await
                .unwrap();
        }
        for sort in ["customer_id", "-customer_id", "name", "-created_at"] {
            let mut seen = Vec::new();
            let mut cursor = None;
            loop {
                let request = ListRequest {
                    limit: Some(5),
                    cursor: cursor.clone(),
                    sort: Some(sort.into()),
                };
                let page = store
                    .list_customers(&SYSTEM, &CustomerFilter::default(), &request)
                    .await
                    .unwrap();
                seen.extend(page.items.into_iter().map(|c| c.customer_id));
                cursor = page.next_cursor;
                if cursor.is_none() {
                    break;
                }
            }
            let mut sorted = seen.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(sorted.len(), 23, "{sort} on {:?}: {seen:?}", db.backend);
        }
        store.close().await;
    }
}

#[tokio::test]
async fn an_agent_scope_sees_only_their_own_customers() {
    for db in databases().await {
        let store = db.open().await;
        store
            .create_employee(&employee(
                json!({"name": "A", "email": "a@x.ir", "team": "north"}),
            ))
            .await
            .unwrap();
        store
            .create_employee(&employee(
                json!({"name": "B", "email": "b@x.ir", "team": "south"}),
            ))
            .await
            .unwrap();
        store
            .create_customer(
                &SYSTEM,
                &customer(json!({"customer_id": "A-1", "owner_email": "a@x.ir"})),
                "test",
            )
            .await
            .unwrap();
        store
            .create_customer(
                &SYSTEM,
                &customer(json!({"customer_id": "B-1", "owner_email": "b@x.ir"})),
                "test",
            )
            .await
            .unwrap();
        let agent = AccessScope::Owner("a@x.ir".into());
        let page = store
            .list_customers(&agent, &CustomerFilter::default(), &ListRequest::default())
            .await
            .unwrap();
        let ids: Vec<_> = page.items.iter().map(|c| c.customer_id.as_str()).collect();
        assert_eq!(ids, ["A-1"]);
        assert!(matches!(
            store.get_customer(&agent, "B-1").await,
            Err(StoreError::NotFound { .. })
        ));
        let team = AccessScope::Team("south".into());
        assert!(store.get_customer(&team, "B-1").await.is_ok());
        assert!(store.create_order(&agent, &order(json!({"order_id": "O-1", "customer_id": "B-1", "ordered_at": "2026-01-01", "amount": 5}))).await.is_err());
        store.close().await;
    }
}

/// Search follows every change: a renamed customer is found by the new name and not the
/// old, a deleted one not at all, whether the text is long enough for SQLite's trigram
/// index or too short for it.
#[tokio::test]
async fn search_follows_renames_and_deletions() {
    for db in databases().await {
        let store = db.open().await;
        let found = |q: &'static str| {
            let store = &store;
            async move {
                store
                    .list_customers(
                        &SYSTEM,
                        &CustomerFilter {
                            q: Some(q.into()),
                            ..Default::default()
                        },
                        &ListRequest::default(),
                    )
                    .await
                    .unwrap()
                    .items
                    .into_iter()
                    .map(|c| c.customer_id)
                    .collect::<Vec<_>>()
            }
        };
        store
            .create_customer(&SYSTEM, &customer(json!({"customer_id": "S-1", "name": "Tamar Gelashvili", "phone": "+995 599 12 34 56"})), "test")
            .await
            .unwrap();
        store
            .create_customer(
                &SYSTEM,
                &customer(json!({"customer_id": "S-2", "name": "Mahsa Sadat"})),
                "test",
            )
            .await
            .unwrap();
        assert_eq!(found("tamar").await, ["S-1"]);
        assert_eq!(found("GELASH").await, ["S-1"]);
        assert_eq!(
            found("599 123 456").await,
            ["S-1"],
            "the phone's digits, spaced otherwise"
        );
        assert_eq!(
            found("Ta").await,
            ["S-1"],
            "two letters: read without the index"
        );
        assert!(
            found("Tamar\"").await.is_empty(),
            "a quote is text, not syntax"
        );
        let mut renamed = store.get_customer(&SYSTEM, "S-1").await.unwrap();
        renamed.name = Some("Nino Beridze".into());
        store
            .update_customer(&SYSTEM, "S-1", &renamed, "test")
            .await
            .unwrap();
        assert!(found("tamar").await.is_empty(), "the old name still found");
        assert_eq!(found("beridze").await, ["S-1"]);
        store.delete_customer(&SYSTEM, "S-1").await.unwrap();
        assert!(found("beridze").await.is_empty());
        assert_eq!(found("sadat").await, ["S-2"]);
        store.close().await;
    }
}
