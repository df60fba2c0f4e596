//! Every failure is RFC 9457 problem+json with the right status and the field at fault.

use clientele_server::ServerConfig;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::support::*;

#[tokio::test]
async fn invalid_values_are_422_with_every_field_named() {
    for app in apps().await {
        let body = json!({"customer_id": "C-1", "kind": "vip", "email": "nope", "birth_year": 1800, "country": "Iran", "role": "ally"});
        let problem = problem(
            app.post("/api/v1/customers", &body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(
            fields(&problem),
            ["kind", "email", "role", "birth_year", "country"]
        );
        assert_eq!(problem["type"], "urn:clientele:problem:validation");
        assert_eq!(
            problem["errors"][0]["message"],
            "`vip` is not one of: external, intermediary, internal"
        );
        // Nothing was stored.
        problem_is_404(&app, "/api/v1/customers/C-1").await;
    }
}

async fn problem_is_404(app: &TestApp, path: &str) {
    problem(app.get(path).await, StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn values_of_the_wrong_type_and_unknown_fields_are_422_naming_the_field() {
    for app in apps().await {
        let wrong_type = problem(
            app.post("/api/v1/customers", &json!({"customer_id": 5}))
                .await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(fields(&wrong_type), ["customer_id"]);
        let unknown = problem(
            app.post(
                "/api/v1/customers",
                &json!({"customer_id": "C", "colour": "red"}),
            )
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(fields(&unknown), ["colour"]);
        let references = problem(
            app.post(
                "/api/v1/orders",
                &json!({"customer_id": "ghost", "ordered_at": "2026-01-01", "amount": 1}),
            )
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(fields(&references), ["customer_id"]);
    }
}

#[tokio::test]
async fn a_duplicate_business_id_is_409_naming_the_field() {
    for app in apps().await {
        app.create("/api/v1/customers", json!({"customer_id": "C-1"}))
            .await;
        let duplicate = problem(
            app.post("/api/v1/customers", &json!({"customer_id": "C-1"}))
                .await,
            StatusCode::CONFLICT,
        )
        .await;
        assert_eq!(fields(&duplicate), ["customer_id"]);
        assert_eq!(
            duplicate["detail"],
            "a customer with customer_id `C-1` already exists"
        );
        app.create(
            "/api/v1/employees",
            json!({"name": "A", "email": "a@example.ge"}),
        )
        .await;
        let duplicate = problem(
            app.post(
                "/api/v1/employees",
                &json!({"name": "B", "email": "A@example.ge"}),
            )
            .await,
            StatusCode::CONFLICT,
        )
        .await;
        assert_eq!(fields(&duplicate), ["email"]);
    }
}

#[tokio::test]
async fn malformed_json_is_400_and_a_wrong_content_type_415() {
    for app in apps().await {
        let broken = app
            .raw(
                Method::POST,
                "/api/v1/customers",
                "application/json",
                b"{\"customer_id\": ".to_vec(),
            )
            .await;
        problem(broken, StatusCode::BAD_REQUEST).await;
        let form = app
            .raw(
                Method::POST,
                "/api/v1/customers",
                "application/x-www-form-urlencoded",
                b"customer_id=C".to_vec(),
            )
            .await;
        problem(form, StatusCode::UNSUPPORTED_MEDIA_TYPE).await;
    }
}

#[tokio::test]
async fn an_oversized_body_is_413() {
    let config = ServerConfig {
        max_body_bytes: 2_048,
        ..ServerConfig::default()
    };
    for app in apps_with(config).await {
        let big = json!({"customer_id": "C-1", "name": "x".repeat(4_000)});
        let problem = problem(
            app.post("/api/v1/customers", &big).await,
            StatusCode::PAYLOAD_TOO_LARGE,
        )
        .await;
        assert_eq!(
            problem["detail"],
            "the request body is larger than 2048 bytes"
        );
        problem_is_404(&app, "/api/v1/customers/C-1").await;
    }
}

#[tokio::test]
async fn unknown_routes_are_404_and_wrong_methods_405_as_problems() {
    for app in apps().await {
        problem(app.get("/api/v1/nothing-here").await, StatusCode::NOT_FOUND).await;
        let response = app
            .raw(
                Method::PUT,
                "/api/v1/customers",
                "application/json",
                b"{}".to_vec(),
            )
            .await;
        assert!(response.headers().contains_key("allow"));
        problem(response, StatusCode::METHOD_NOT_ALLOWED).await;
        problem(
            app.get("/api/v1/employees/not-a-number").await,
            StatusCode::NOT_FOUND,
        )
        .await;
    }
}

#[tokio::test]
async fn bad_query_parameters_are_422_naming_the_parameter() {
    for app in apps().await {
        let unknown = problem(
            app.get("/api/v1/customers?mood=happy").await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(fields(&unknown), ["mood"]);
        let not_a_number = problem(
            app.get("/api/v1/customers?limit=many").await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(fields(&not_a_number), ["limit"]);
        let too_many = problem(
            app.get("/api/v1/customers?limit=501").await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(fields(&too_many), ["limit"]);
        let bad_kind = problem(
            app.get("/api/v1/customers?kind=vip").await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(fields(&bad_kind), ["kind"]);
        let bad_sort = problem(
            app.get("/api/v1/orders?sort=colour").await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(fields(&bad_sort), ["sort"]);
        let bad_cursor = problem(
            app.get("/api/v1/customers?cursor=xyz").await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(fields(&bad_cursor), ["cursor"]);
        let bad_date = problem(
            app.get("/api/v1/customers?created_from=yesterday").await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(fields(&bad_date), ["created_from"]);
    }
}

#[tokio::test]
async fn healthz_answers_while_the_database_does() {
    for app in apps().await {
        let response = app.get("/healthz").await;
        assert_eq!(response.status(), StatusCode::OK);
        let body = json(response).await;
        assert_eq!(body["status"], "ok");
    }
}
