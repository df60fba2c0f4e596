use clientele_store::{AccessScope, CustomerFilter, ListRequest, StoreError};
use serde_json::json;

use crate::support::*;

#[tokio::test]
async fn a_customer_round_trips_with_owner_organisation_and_tags() {
    for db in databases().await {
        let store = db.open().await;
        add_employee(&store, json!({"name": "Nino", "email": "nino@example.ge"})).await;
        add_customer(
            &store,
            json!({"customer_id": "ORG-1", "name": "Acme", "party": "organisation"}),
        )
        .await;
        let created = add_customer(
            &store,
            json!({
                "customer_id": "P-1", "name": "მარიამ ბერიძე", "organisation_id": "ORG-1",
                "role": "wallet_holder", "owner_email": "NINO@example.ge", "tags": ["vip", "b2b"],
                "acquisition_cost": "12.50", "country": "ge", "birth_year": 1985
            }),
        )
        .await;
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
            add_customer(
                &store,
                json!({"customer_id": format!("C-{i:02}"), "name": format!("N{}", 22 - i)}),
            )
            .await;
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
        for (name, email, team) in [("A", "a@x.ir", "north"), ("B", "b@x.ir", "south")] {
            add_employee(&store, json!({"name": name, "email": email, "team": team})).await;
            add_customer(
                &store,
                json!({"customer_id": format!("{name}-1"), "owner_email": email}),
            )
            .await;
        }
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
        add_customer(
            &store,
            json!({"customer_id": "S-1", "name": "Tamar Gelashvili", "phone": "+995 599 12 34 56"}),
        )
        .await;
        add_customer(&store, json!({"customer_id": "S-2", "name": "Mahsa Sadat"})).await;
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

/// An agent's list reads the same whichever way the store plans it: walking the sort order
/// for a scope of thousands of customers (from 2,000) or collecting a small scope by owner.
/// Both see their own customers and, read-only, the organisations those belong to, in name
/// order, every one once across the pages.
#[tokio::test]
async fn a_large_and_a_small_scope_list_the_same_customers_in_order() {
    for db in databases().await {
        let store = db.open().await;
        for email in ["big@example.com", "small@example.com", "other@example.com"] {
            add_employee(&store, json!({"name": email, "email": email})).await;
        }
        add_customer(&store, json!({"customer_id": "ORG", "name": "Mmm Organisation", "party": "organisation", "owner_email": "other@example.com"})).await;
        let mut expected_big = vec!["ORG".to_owned()];
        for i in 0..2_050 {
            let id = format!("B-{i:04}");
            let mut c = json!({"customer_id": id, "name": format!("Name {:04}", (i * 7919) % 2_050), "owner_email": "big@example.com"});
            if i == 3 {
                c["organisation_id"] = json!("ORG");
            }
            add_customer(&store, c).await;
            expected_big.push(id);
        }
        let mut expected_small = vec!["ORG".to_owned()];
        for i in 0..5 {
            let id = format!("S-{i}");
            let mut c = json!({"customer_id": id, "name": format!("Small {i}"), "owner_email": "small@example.com"});
            if i == 0 {
                c["organisation_id"] = json!("ORG");
            }
            add_customer(&store, c).await;
            expected_small.push(id);
        }
        for (owner, mut expected) in [
            ("big@example.com", expected_big),
            ("small@example.com", expected_small),
        ] {
            let scope = AccessScope::Owner(owner.into());
            let mut seen: Vec<(String, String)> = Vec::new();
            let mut cursor = None;
            loop {
                let page = store
                    .list_customers(
                        &scope,
                        &CustomerFilter::default(),
                        &ListRequest {
                            limit: Some(500),
                            cursor,
                            sort: Some("name".into()),
                        },
                    )
                    .await
                    .unwrap();
                seen.extend(
                    page.items
                        .into_iter()
                        .map(|c| (c.name.unwrap_or_default().to_lowercase(), c.customer_id)),
                );
                match page.next_cursor {
                    Some(next) => cursor = Some(next),
                    None => break,
                }
            }
            let mut sorted = seen.clone();
            sorted.sort();
            assert_eq!(seen, sorted, "{owner}: not in name order");
            let mut ids: Vec<String> = seen.into_iter().map(|(_, id)| id).collect();
            ids.sort();
            expected.sort();
            assert_eq!(ids, expected, "{owner}");
        }
        store.close().await;
    }
}
