//! Every failure is RFC 9457 problem+json with the right status and the field at fault.

use clientele_server::ServerConfig;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::*;

#[tokio::test]
async fn invalid_values_are_422_with_every_field_named() {
    for app in apps().await {
        let body = json!({"customer_id": "C-1", "kind": "vip", "email": "nope", "birth_year": 1800, "country": "Iran", "role": "ally"});
        let problem = refused_customer(&app, &body, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(
            fields(&problem),
            ["kind", "email", "role", "birth_year", "country"]
        );
        assert_eq!(problem["type"], "urn:clientele:problem:validation");
        assert_eq!(
            problem["errors"][0]["message"],
            "`vip` is not one of: external, intermediary, internal"
        );
    }
}

/// POSTs customer `C-1`, which is refused with this status, and checks that nothing was
/// stored; returns the problem.
async fn refused_customer(app: &TestApp, body: &Value, status: StatusCode) -> Value {
    let problem = app.post_problem("/api/v1/customers", body, status).await;
    app.get_problem("/api/v1/customers/C-1", StatusCode::NOT_FOUND)
        .await;
    problem
}

#[tokio::test]
async fn values_of_the_wrong_type_and_unknown_fields_are_422_naming_the_field() {
    for app in apps().await {
        for (path, body, field) in [
            (
                "/api/v1/customers",
                json!({"customer_id": 5}),
                "customer_id",
            ),
            (
                "/api/v1/customers",
                json!({"customer_id": "C", "colour": "red"}),
                "colour",
            ),
            (
                "/api/v1/orders",
                json!({"customer_id": "ghost", "ordered_at": "2026-01-01", "amount": 1}),
                "customer_id",
            ),
        ] {
            let problem = app
                .post_problem(path, &body, StatusCode::UNPROCESSABLE_ENTITY)
                .await;
            assert_eq!(fields(&problem), [field], "{path} {body}");
        }
    }
}

#[tokio::test]
async fn a_duplicate_business_id_is_409_naming_the_field() {
    for app in apps().await {
        for (path, first, again, field) in [
            (
                "/api/v1/customers",
                json!({"customer_id": "C-1"}),
                json!({"customer_id": "C-1"}),
                "customer_id",
            ),
            (
                "/api/v1/employees",
                json!({"name": "A", "email": "a@example.ge"}),
                json!({"name": "B", "email": "A@example.ge"}),
                "email",
            ),
        ] {
            app.create(path, first).await;
            let duplicate = app.post_problem(path, &again, StatusCode::CONFLICT).await;
            assert_eq!(fields(&duplicate), [field], "{path} {again}");
            if field == "customer_id" {
                assert_eq!(
                    duplicate["detail"],
                    "a customer with customer_id `C-1` already exists"
                );
            }
        }
    }
}

#[tokio::test]
async fn malformed_json_is_400_and_a_wrong_content_type_415() {
    for app in apps().await {
        for (content_type, body, status) in [
            (
                "application/json",
                &b"{\"customer_id\": "[..],
                StatusCode::BAD_REQUEST,
            ),
            (
                "application/x-www-form-urlencoded",
                b"customer_id=C",
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ),
        ] {
            let response = app
                .as_admin()
                .raw(
                    Method::POST,
                    "/api/v1/customers",
                    content_type,
                    body.to_vec(),
                )
                .await;
            problem(response, status).await;
        }
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
        let problem = refused_customer(&app, &big, StatusCode::PAYLOAD_TOO_LARGE).await;
        assert_eq!(
            problem["detail"],
            "the request body is larger than 2048 bytes"
        );
    }
}

#[tokio::test]
async fn unknown_routes_are_404_and_wrong_methods_405_as_problems() {
    for app in apps().await {
        app.get_problem("/api/v1/nothing-here", StatusCode::NOT_FOUND)
            .await;
        let response = app
            .as_admin()
            .raw(
                Method::PUT,
                "/api/v1/customers",
                "application/json",
                b"{}".to_vec(),
            )
            .await;
        assert!(response.headers().contains_key("allow"));
        problem(response, StatusCode::METHOD_NOT_ALLOWED).await;
        app.get_problem("/api/v1/employees/not-a-number", StatusCode::NOT_FOUND)
            .await;
    }
}

#[tokio::test]
async fn bad_query_parameters_are_422_naming_the_parameter() {
    for app in apps().await {
        for (path, parameter) in [
            ("/api/v1/customers?mood=happy", "mood"),
            ("/api/v1/customers?limit=many", "limit"),
            ("/api/v1/customers?limit=501", "limit"),
            ("/api/v1/customers?kind=vip", "kind"),
            ("/api/v1/orders?sort=colour", "sort"),
            ("/api/v1/customers?cursor=xyz", "cursor"),
            ("/api/v1/customers?created_from=yesterday", "created_from"),
        ] {
            let problem = app
                .get_problem(path, StatusCode::UNPROCESSABLE_ENTITY)
                .await;
            assert_eq!(fields(&problem), [parameter], "{path}");
        }
    }
}

#[tokio::test]
async fn healthz_answers_while_the_database_does() {
    for app in apps().await {
        let response = app.get("/healthz").await;
        let body = json_of(response, StatusCode::OK).await;
        assert_eq!(body["status"], "ok");
    }
}
