//! Create, read, update, delete for every entity, over HTTP.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::*;

/// An employee, an organisation and a person in it: what most records point at.
async fn base(app: &TestApp) {
    app.create("/api/v1/employees", json!({"name": "Nino Beridze", "email": "nino@example.ge", "role": "agent", "team": "east"})).await;
    app.create_all(
        "/api/v1/customers",
        [
            json!({"customer_id": "ORG-1", "name": "Acme", "party": "organisation"}),
            json!({"customer_id": "C-1", "name": "Ana", "organisation_id": "ORG-1", "role": "ally", "owner_email": "nino@example.ge"}),
        ],
    )
    .await;
}

#[tokio::test]
async fn a_customer_is_created_read_patched_and_deleted() {
    for app in apps().await {
        base(&app).await;
        let response = app
            .post("/api/v1/customers", &json!({"name": "Juan Dela Cruz", "tags": ["vip"], "country": "ph", "acquisition_cost": 12.5}))
            .await;
        assert_eq!(response.status(), StatusCode::CREATED);
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        let created = json(response).await;
        let id = created["customer_id"].as_str().unwrap().to_owned();
        assert!(id.starts_with("CUS-"), "a generated id: {id}");
        assert_eq!(location, format!("/api/v1/customers/{id}"));
        assert_eq!(created["country"], "PH");
        assert_eq!(created["acquisition_cost"], "12.50");
        assert_eq!(created["kind"], "external");

        let fetched = json(app.get(&location).await).await;
        assert_eq!(fetched, created);

        // A merge patch: given fields replace, null clears, absent fields stay.
        let response = app
            .patch(
                &location,
                &json!({"email": "juan@example.ph", "tags": null, "kind": "intermediary"}),
            )
            .await;
        let patched = json_of(response, StatusCode::OK).await;
        assert_eq!(patched["email"], "juan@example.ph");
        assert_eq!(patched["tags"], json!([]));
        assert_eq!(patched["kind"], "intermediary");
        assert_eq!(patched["name"], "Juan Dela Cruz");
        assert_eq!(patched["created_at"], created["created_at"]);

        let read_only = problem(
            app.patch(&location, &json!({"updated_at": "2020-01-01"}))
                .await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(fields(&read_only), ["updated_at"]);

        assert_eq!(app.delete(&location).await.status(), StatusCode::NO_CONTENT);
        app.get_problem(&location, StatusCode::NOT_FOUND).await;
        problem(app.delete(&location).await, StatusCode::NOT_FOUND).await;
    }
}

/// Creates, reads, patches and deletes one record of a collection.
async fn round_trip(app: &TestApp, collection: &str, id_field: &str, body: Value, change: Value) {
    let created = app
        .create(&format!("/api/v1/{collection}"), body.clone())
        .await;
    for (key, value) in body.as_object().unwrap() {
        if key.ends_with("_at") || key == "amount" || key == "cost" {
            continue; // normalised (RFC 3339 UTC, exact decimals): checked elsewhere
        }
        assert_eq!(
            &created[key], value,
            "{collection}.{key} on {:?}",
            app.backend
        );
    }
    let id = match &created[id_field] {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let path = format!("/api/v1/{collection}/{id}");
    assert_eq!(json(app.get(&path).await).await, created);
    let response = app.patch(&path, &change).await;
    let status = response.status();
    let patched = json(response).await;
    assert_eq!(status, StatusCode::OK, "PATCH {path}: {patched}");
    for (key, value) in change.as_object().unwrap() {
        assert_eq!(&patched[key], value, "patched {collection}.{key}");
    }
    let list = json(
        app.get(&format!("/api/v1/{collection}?customer_id=C-1"))
            .await,
    )
    .await;
    assert!(
        list["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|item| item[id_field] == created[id_field]),
        "{collection} list: {list}"
    );
    assert_eq!(app.delete(&path).await.status(), StatusCode::NO_CONTENT);
    app.get_problem(&path, StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn every_entity_has_create_read_update_delete_and_list() {
    for app in apps().await {
        base(&app).await;
        for (collection, id_field, body, change) in [
            (
                "orders",
                "order_id",
                json!({"order_id": "O-1", "customer_id": "C-1", "ordered_at": "2026-03-01T10:00:00+03:30", "amount": "49.90", "cost": "20"}),
                json!({"amount": "59.90"}),
            ),
            (
                "costs",
                "cost_id",
                json!({"customer_id": "C-1", "incurred_at": "2026-03-02", "category": "shipping", "amount": "4.50"}),
                json!({"category": "returns"}),
            ),
            (
                "interactions",
                "interaction_id",
                json!({"customer_id": "C-1", "occurred_at": "2026-03-03T09:00:00Z", "channel": "sms", "direction": "outbound",
                       "employee_email": "nino@example.ge", "summary": "Salamat po!"}),
                json!({"channel": "chat"}),
            ),
            (
                "complaints",
                "complaint_id",
                json!({"complaint_id": "K-1", "customer_id": "C-1", "opened_at": "2026-03-04", "severity": "high", "subject": "late delivery"}),
                json!({"resolved_at": "2026-03-05T00:00:00Z"}),
            ),
            (
                "feedback",
                "feedback_id",
                json!({"customer_id": "C-1", "given_at": "2026-03-06", "nps": 3, "comment": "ძალიან ნელა"}),
                json!({"csat": 2}),
            ),
        ] {
            round_trip(&app, collection, id_field, body, change).await;
        }
        let employee = app
            .create(
                "/api/v1/employees",
                json!({"name": "Maria Santos", "email": "maria@example.ph"}),
            )
            .await;
        let path = format!("/api/v1/employees/{}", employee["employee_id"]);
        let left = json(app.patch(&path, &json!({"left_at": "2026-06-30"})).await).await;
        assert_eq!(left["active"], false);
        assert_eq!(app.delete(&path).await.status(), StatusCode::NO_CONTENT);
        // An employee who owns customers is handed over, not deleted.
        let owner = json(app.get("/api/v1/employees?q=nino").await).await;
        let owner_path = format!("/api/v1/employees/{}", owner["items"][0]["employee_id"]);
        problem(app.delete(&owner_path).await, StatusCode::CONFLICT).await;
    }
}

#[tokio::test]
async fn transitions_are_read_only() {
    for app in apps().await {
        base(&app).await;
        let list = json(app.get("/api/v1/transitions").await).await;
        assert_eq!(list["items"], json!([]));
        app.post_problem(
            "/api/v1/transitions",
            &json!({}),
            StatusCode::METHOD_NOT_ALLOWED,
        )
        .await;
        app.get_problem("/api/v1/transitions/1", StatusCode::NOT_FOUND)
            .await;
    }
}

#[tokio::test]
async fn persian_georgian_and_tagalog_names_round_trip_byte_for_byte() {
    let names = [
        "علی کریمی",
        "مهسا\u{200c}سادات رضایی",
        "მარიამ ბერიძე",
        "Maria Dela Cruz-Santos",
        "Niño Ñañez",
        "ᲒᲘᲝᲠᲒᲘ",
    ];
    for app in apps().await {
        for (i, name) in names.iter().enumerate() {
            let id = format!("N-{i}");
            app.create(
                "/api/v1/customers",
                json!({"customer_id": id, "name": name}),
            )
            .await;
            let response = app.get(&format!("/api/v1/customers/{id}")).await;
            let bytes = response.bytes().await.unwrap();
            let body: Value = serde_json::from_slice(&bytes).unwrap();
            assert_eq!(
                body["name"].as_str().unwrap().as_bytes(),
                name.as_bytes(),
                "on {:?}",
                app.backend
            );
        }
    }
}

#[tokio::test]
async fn ids_with_slashes_and_spaces_are_addressable() {
    for app in apps().await {
        let response = app
            .post(
                "/api/v1/customers",
                &json!({"customer_id": "A/B 7", "name": "x"}),
            )
            .await;
        assert_eq!(
            response.headers()["location"],
            "/api/v1/customers/A%2FB%207"
        );
        assert_eq!(
            json(app.get("/api/v1/customers/A%2FB%207").await).await["customer_id"],
            "A/B 7"
        );
    }
}
