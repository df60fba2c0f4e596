//! Teams and trust over HTTP: who sees what (every endpoint × every role × owned or not),
//! sessions and CSRF, lock-out, employees who leave, handover, hostile input, the audit log,
//! and a customer's export and erasure.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::*;

/// Words that appear only in the records of agent B's customer: none may reach a caller who
/// may not see that customer.
const SECRET_NAME: &str = "Bartholomew Quellingsworth";
const SECRET_EMAIL: &str = "bartholomew.q@example.org";
const SECRET_PHONE: &str = "+63 917 555 0199";

struct Team {
    manager: String,
    agent_a: String,
    agent_b: String,
    analyst: String,
}

/// Two teams: Retail (a manager, agent A) and Key accounts (agent B), an analyst; A owns
/// `C-A` (a member of organisation `O-A`), B owns `C-B`; both have orders, a complaint and
/// feedback; the base is classified.
async fn team(app: &TestApp) -> Team {
    let (_, manager) =
        employee_with_token(&app.store, "mgr@example.ge", "manager", Some("Retail")).await;
    let (_, agent_a) =
        employee_with_token(&app.store, "a@example.ge", "agent", Some("Retail")).await;
    let (_, agent_b) =
        employee_with_token(&app.store, "b@example.ge", "agent", Some("Key accounts")).await;
    let (_, analyst) = employee_with_token(&app.store, "an@example.ge", "analyst", None).await;
    app.create(
        "/api/v1/customers",
        json!({"customer_id": "O-A", "name": "Acme Retail", "party": "organisation", "owner_email": "mgr@example.ge"}),
    )
    .await;
    app.create(
        "/api/v1/customers",
        json!({"customer_id": "C-A", "name": "Ana Alvarez", "email": "ana@example.com", "owner_email": "a@example.ge", "organisation_id": "O-A", "role": "wallet_holder"}),
    )
    .await;
    app.create(
        "/api/v1/customers",
        json!({"customer_id": "C-B", "name": SECRET_NAME, "email": SECRET_EMAIL, "phone": SECRET_PHONE, "owner_email": "b@example.ge"}),
    )
    .await;
    for (customer, day) in [("C-A", 3), ("C-A", 40), ("C-B", 5), ("C-B", 50)] {
        let at = (jiff::Timestamp::now() - jiff::SignedDuration::from_hours(24 * day)).to_string();
        app.create(
            "/api/v1/orders",
            json!({"customer_id": customer, "ordered_at": at, "amount": "120.00"}),
        )
        .await;
    }
    app.create(
        "/api/v1/complaints",
        json!({"complaint_id": "K-B", "customer_id": "C-B", "opened_at": "2026-01-02", "subject": format!("{SECRET_NAME} was overcharged")}),
    )
    .await;
    app.create(
        "/api/v1/feedback",
        json!({"customer_id": "C-B", "given_at": "2026-01-03", "nps": 3, "comment": format!("signed {SECRET_NAME}")}),
    )
    .await;
    let response = app.patch("/api/v1/settings/types", &json!({})).await;
    assert_eq!(response.status(), StatusCode::OK);
    Team {
        manager,
        agent_a,
        agent_b,
        analyst,
    }
}

/// One row of the access matrix: a request and the status each role gets.
struct Case {
    method: &'static str,
    path: &'static str,
    body: Value,
    /// admin, manager (Retail), agent A, analyst.
    expect: [u16; 4],
}

fn case(method: &'static str, path: &'static str, body: Value, expect: [u16; 4]) -> Case {
    Case {
        method,
        path,
        body,
        expect,
    }
}

async fn send(caller: &As<'_>, method: &str, path: &str, body: &Value) -> reqwest::Response {
    match method {
        "GET" => caller.get(path).await,
        "POST" => caller.post(path, body).await,
        "PATCH" => caller.patch(path, body).await,
        "PUT" => {
            caller
                .raw(
                    reqwest::Method::PUT,
                    path,
                    "application/json",
                    body.to_string().into_bytes(),
                )
                .await
        }
        "DELETE" => caller.delete(path).await,
        other => panic!("no method {other}"),
    }
}

/// Every endpoint × every role × a customer owned (by agent A, in the manager's team) and one
/// not owned (agent B's, in another team): the status, and that nothing of a record the caller
/// may not see reaches them.
const ROLES: [&str; 4] = ["admin", "manager", "agent", "analyst"];

#[tokio::test]
async fn every_endpoint_answers_each_role_for_what_it_may_see_and_no_more() {
    // Each role on a world of its own, so that one role's changes do not decide another's
    // answers.
    for role in ROLES {
        for app in apps().await {
            matrix(&app, role).await;
        }
    }
}

async fn matrix(app: &TestApp, role: &str) {
    {
        let team = team(app).await;
        let admin_token = None;
        let tokens = [
            admin_token,
            Some(team.manager.as_str()),
            Some(team.agent_a.as_str()),
            Some(team.analyst.as_str()),
        ];
        let cases = [
            // Customers: owned, not owned, and the organisation of an owned one (read-only).
            case(
                "GET",
                "/api/v1/customers/C-A",
                json!(null),
                [200, 200, 200, 403],
            ),
            case(
                "GET",
                "/api/v1/customers/C-B",
                json!(null),
                [200, 404, 404, 403],
            ),
            case(
                "GET",
                "/api/v1/customers/O-A",
                json!(null),
                [200, 200, 200, 403],
            ),
            case(
                "PATCH",
                "/api/v1/customers/O-A",
                json!({"city": "Tbilisi"}),
                [200, 200, 404, 403],
            ),
            case(
                "GET",
                "/api/v1/customers/C-A/profile",
                json!(null),
                [200, 200, 200, 403],
            ),
            case(
                "GET",
                "/api/v1/customers/C-B/profile",
                json!(null),
                [200, 404, 404, 403],
            ),
            case(
                "GET",
                "/api/v1/customers/C-A/export",
                json!(null),
                [200, 200, 200, 403],
            ),
            case(
                "GET",
                "/api/v1/customers/C-B/export",
                json!(null),
                [200, 404, 404, 403],
            ),
            case(
                "PATCH",
                "/api/v1/customers/C-A",
                json!({"city": "Manila"}),
                [200, 200, 200, 403],
            ),
            case(
                "PATCH",
                "/api/v1/customers/C-B",
                json!({"city": "Manila"}),
                [200, 404, 404, 403],
            ),
            // Giving a customer away to someone one cannot see is refused.
            case(
                "PATCH",
                "/api/v1/customers/C-A",
                json!({"owner_email": "b@example.ge"}),
                [200, 422, 422, 403],
            ),
            case(
                "POST",
                "/api/v1/customers",
                json!({"name": "Owned by B", "owner_email": "b@example.ge"}),
                [201, 422, 422, 403],
            ),
            case(
                "GET",
                "/api/v1/customers?limit=500",
                json!(null),
                [200, 200, 200, 403],
            ),
            case(
                "GET",
                "/api/v1/customers?q=Bartholomew",
                json!(null),
                [200, 200, 200, 403],
            ),
            // What hangs off a customer.
            case(
                "GET",
                "/api/v1/orders?customer_id=C-B",
                json!(null),
                [200, 200, 200, 403],
            ),
            case(
                "GET",
                "/api/v1/complaints/K-B",
                json!(null),
                [200, 404, 404, 403],
            ),
            case(
                "PATCH",
                "/api/v1/complaints/K-B",
                json!({"severity": "high"}),
                [200, 404, 404, 403],
            ),
            // An invisible customer is answered as one that does not exist.
            case(
                "POST",
                "/api/v1/complaints",
                json!({"customer_id": "C-B", "opened_at": "2026-02-01"}),
                [201, 422, 422, 403],
            ),
            case(
                "POST",
                "/api/v1/complaints",
                json!({"customer_id": "C-A", "opened_at": "2026-02-01"}),
                [201, 201, 201, 403],
            ),
            case(
                "GET",
                "/api/v1/feedback?customer_id=C-B",
                json!(null),
                [200, 200, 200, 403],
            ),
            case(
                "GET",
                "/api/v1/interactions",
                json!(null),
                [200, 200, 200, 403],
            ),
            case("GET", "/api/v1/costs", json!(null), [200, 200, 200, 403]),
            case(
                "GET",
                "/api/v1/transitions?customer_id=C-B",
                json!(null),
                [200, 200, 200, 403],
            ),
            // Figures: everyone, over what they may see; analysts over everyone.
            case("GET", "/api/v1/segments", json!(null), [200, 200, 200, 200]),
            case(
                "GET",
                "/api/v1/analytics/rfm",
                json!(null),
                [200, 200, 200, 200],
            ),
            case(
                "GET",
                "/api/v1/analytics/tiers",
                json!(null),
                [200, 200, 200, 200],
            ),
            case(
                "GET",
                "/api/v1/analytics/cohorts",
                json!(null),
                [200, 200, 200, 200],
            ),
            case(
                "GET",
                "/api/v1/analytics/channels",
                json!(null),
                [200, 200, 200, 200],
            ),
            case(
                "GET",
                "/api/v1/analytics/persona",
                json!(null),
                [200, 200, 200, 200],
            ),
            case(
                "GET",
                "/api/v1/analytics/prospects",
                json!(null),
                [200, 200, 200, 403],
            ),
            case(
                "GET",
                "/api/v1/analytics/predictions",
                json!(null),
                [422, 422, 422, 403],
            ),
            case(
                "GET",
                "/api/v1/settings/types",
                json!(null),
                [200, 200, 200, 200],
            ),
            case(
                "PATCH",
                "/api/v1/settings/types",
                json!({"lost_days": 400}),
                [200, 403, 403, 403],
            ),
            // People, tokens, audit.
            case(
                "GET",
                "/api/v1/employees",
                json!(null),
                [200, 200, 200, 200],
            ),
            case(
                "POST",
                "/api/v1/employees",
                json!({"name": "New", "email": "new@example.ge"}),
                [201, 403, 403, 403],
            ),
            case("GET", "/api/v1/audit", json!(null), [200, 403, 403, 403]),
            case("GET", "/api/v1/session", json!(null), [200, 200, 200, 200]),
            case("GET", "/api/v1/tokens", json!(null), [200, 200, 200, 200]),
            case(
                "POST",
                "/api/v1/handovers",
                json!({"from": "b@example.ge", "to": "a@example.ge", "customers": ["C-B"]}),
                [200, 404, 403, 403],
            ),
            case(
                "POST",
                "/api/v1/customers/C-B/erase",
                json!(null),
                [200, 403, 403, 403],
            ),
            case(
                "DELETE",
                "/api/v1/customers/C-A",
                json!(null),
                [204, 204, 204, 403],
            ),
        ];
        let index = ROLES.iter().position(|r| *r == role).unwrap();
        let caller = match tokens[index] {
            Some(token) => app.as_caller(Some(token)),
            None => app.as_admin(),
        };
        for case in &cases {
            let response = send(&caller, case.method, case.path, &case.body).await;
            let status = response.status().as_u16();
            let text = response.text().await.unwrap_or_default();
            assert_eq!(
                status, case.expect[index],
                "{role} {} {} on {:?}: {text}",
                case.method, case.path, app.backend
            );
            if index != 0 {
                for secret in [SECRET_NAME, SECRET_EMAIL, SECRET_PHONE] {
                    assert!(
                        !text.contains(secret),
                        "{role} {} {} revealed `{secret}`: {text}",
                        case.method,
                        case.path
                    );
                }
            }
        }
        let _ = team.agent_b;
    }
}
