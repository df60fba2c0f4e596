//! The OpenAPI document is 3.1, describes every route, and is committed so that a change to
//! the API shows in review. `UPDATE_OPENAPI=1 cargo test -p clientele-server` rewrites it.

use serde_json::Value;

use crate::support::*;

const COMMITTED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.json");

#[tokio::test]
async fn the_served_document_is_openapi_3_1_with_every_path() {
    let app = apps().await.remove(0);
    let document = json(app.get("/api/v1/openapi.json").await).await;
    assert_eq!(document["openapi"], "3.1.0");
    let paths = document["paths"].as_object().unwrap();
    let expected = [
        "/api/v1/customers",
        "/api/v1/customers/{customer_id}",
        "/api/v1/employees",
        "/api/v1/employees/{employee_id}",
        "/api/v1/orders",
        "/api/v1/orders/{order_id}",
        "/api/v1/costs",
        "/api/v1/costs/{cost_id}",
        "/api/v1/interactions",
        "/api/v1/interactions/{interaction_id}",
        "/api/v1/complaints",
        "/api/v1/complaints/{complaint_id}",
        "/api/v1/feedback",
        "/api/v1/feedback/{feedback_id}",
        "/api/v1/tasks",
        "/api/v1/tasks/{task_id}",
        "/api/v1/tasks/{task_id}/complete",
        "/api/v1/transitions",
        "/api/v1/transitions/{transition_id}",
        "/api/v1/analytics/fit",
        "/api/v1/analytics/predictions",
        "/api/v1/analytics/rfm",
        "/api/v1/analytics/tiers",
        "/api/v1/analytics/cohorts",
        "/api/v1/analytics/channels",
        "/api/v1/analytics/persona",
        "/api/v1/analytics/prospects",
        "/api/v1/customers/{customer_id}/profile",
        "/api/v1/playbooks",
        "/api/v1/playbooks/{playbook_id}",
        "/api/v1/playbooks/{playbook_id}/backfill",
        "/api/v1/segments",
        "/api/v1/settings/types",
        "/api/v1/settings/weekend",
        "/api/v1/session",
        "/api/v1/session/password",
        "/api/v1/tokens",
        "/api/v1/tokens/{token_id}",
        "/api/v1/audit",
        "/api/v1/audit/alerts",
        "/api/v1/employees/{employee_id}/password",
        "/api/v1/handovers",
        "/api/v1/customers/{customer_id}/export",
        "/api/v1/customers/{customer_id}/erase",
        "/healthz",
    ];
    for path in expected {
        assert!(paths.contains_key(path), "{path} is not in the document");
    }
    assert_eq!(
        paths.len(),
        expected.len(),
        "a path nobody listed here: {:?}",
        paths.keys().collect::<Vec<_>>()
    );
    // The Swagger UI page is served from the binary.
    let page = app.get("/api/docs/").await;
    assert_eq!(page.status(), reqwest::StatusCode::OK);
}

#[test]
fn the_committed_document_matches_the_code() {
    let generated = serde_json::to_string_pretty(&clientele_server::openapi()).unwrap() + "\n";
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(COMMITTED, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(COMMITTED).unwrap_or_default();
    let parse = |text: &str| serde_json::from_str::<Value>(text).ok();
    assert!(
        parse(&committed) == parse(&generated),
        "crates/server/openapi.json differs from the API the code declares; if the change is meant, \
         run `UPDATE_OPENAPI=1 cargo test -p clientele-server --test api openapi` and commit the file"
    );
}

/// Every `$ref` of the document names a schema it has (a client generator or a fuzzer
/// otherwise skips what it cannot resolve), and every enumeration is spelled as the API
/// speaks it.
#[test]
fn every_reference_resolves_and_enumerations_are_spelled_as_sent() {
    let document = serde_json::to_value(clientele_server::openapi()).unwrap();
    let text = document.to_string();
    let schemas = document["components"]["schemas"].as_object().unwrap();
    for (start, _) in text.match_indices("#/components/schemas/") {
        let name: String = text[start + 21..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        assert!(
            schemas.contains_key(&name),
            "{name} is referenced but not defined"
        );
    }
    for name in [
        "CustomerKind",
        "Party",
        "Stage",
        "Flag",
        "Channel",
        "Severity",
        "EmployeeRole",
    ] {
        let values = schemas[name]["enum"].as_array().unwrap();
        assert!(
            values.iter().all(|v| v
                .as_str()
                .unwrap()
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '_')),
            "{name}: {values:?}"
        );
    }
}
