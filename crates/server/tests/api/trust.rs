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

/// Two teams: Retail (a manager, agent A) and Key accounts (agent B), an analyst; A owns
/// `C-A` (a member of organisation `O-A`), B owns `C-B`; both have orders, a complaint and
/// feedback; the base is classified.
async fn team(app: &TestApp) -> Staff {
    let staff = staff(&app.store).await;
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
    staff
}

/// The answers most rows expect (admin, manager, agent A, analyst): what the caller may see,
/// what they may not (answered as if it did not exist), figures for everyone, and what only
/// an admin may do.
const SEEN: [u16; 4] = [200, 200, 200, 403];
const UNSEEN: [u16; 4] = [200, 404, 404, 403];
const EVERYONE: [u16; 4] = [200, 200, 200, 200];
const ADMIN_ONLY: [u16; 4] = [200, 403, 403, 403];

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

/// A row for a GET, which sends no body.
fn get(path: &'static str, expect: [u16; 4]) -> Case {
    case("GET", path, Value::Null, expect)
}

fn post(path: &'static str, body: Value, expect: [u16; 4]) -> Case {
    case("POST", path, body, expect)
}

fn patch(path: &'static str, body: Value, expect: [u16; 4]) -> Case {
    case("PATCH", path, body, expect)
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
            get("/api/v1/customers/C-A", SEEN),
            get("/api/v1/customers/C-B", UNSEEN),
            get("/api/v1/customers/O-A", SEEN),
            patch(
                "/api/v1/customers/O-A",
                json!({"city": "Tbilisi"}),
                [200, 200, 404, 403],
            ),
            get("/api/v1/customers/C-A/profile", SEEN),
            get("/api/v1/customers/C-B/profile", UNSEEN),
            get("/api/v1/customers/C-A/export", SEEN),
            get("/api/v1/customers/C-B/export", UNSEEN),
            patch("/api/v1/customers/C-A", json!({"city": "Manila"}), SEEN),
            patch("/api/v1/customers/C-B", json!({"city": "Manila"}), UNSEEN),
            // Giving a customer away to someone one cannot see is refused.
            patch(
                "/api/v1/customers/C-A",
                json!({"owner_email": "b@example.ge"}),
                [200, 422, 422, 403],
            ),
            post(
                "/api/v1/customers",
                json!({"name": "Owned by B", "owner_email": "b@example.ge"}),
                [201, 422, 422, 403],
            ),
            get("/api/v1/customers?limit=500", SEEN),
            get("/api/v1/customers?q=Bartholomew", SEEN),
            // What hangs off a customer.
            get("/api/v1/orders?customer_id=C-B", SEEN),
            get("/api/v1/complaints/K-B", UNSEEN),
            patch(
                "/api/v1/complaints/K-B",
                json!({"severity": "high"}),
                UNSEEN,
            ),
            // An invisible customer is answered as one that does not exist.
            post(
                "/api/v1/complaints",
                json!({"customer_id": "C-B", "opened_at": "2026-02-01"}),
                [201, 422, 422, 403],
            ),
            post(
                "/api/v1/complaints",
                json!({"customer_id": "C-A", "opened_at": "2026-02-01"}),
                [201, 201, 201, 403],
            ),
            get("/api/v1/feedback?customer_id=C-B", SEEN),
            get("/api/v1/interactions", SEEN),
            get("/api/v1/costs", SEEN),
            get("/api/v1/transitions?customer_id=C-B", SEEN),
            // Figures: everyone, over what they may see; analysts over everyone.
            get("/api/v1/segments", EVERYONE),
            get("/api/v1/analytics/rfm", EVERYONE),
            get("/api/v1/analytics/tiers", EVERYONE),
            get("/api/v1/analytics/cohorts", EVERYONE),
            get("/api/v1/analytics/channels", EVERYONE),
            get("/api/v1/analytics/persona", EVERYONE),
            get("/api/v1/analytics/prospects", SEEN),
            get("/api/v1/analytics/predictions", [422, 422, 422, 403]),
            get("/api/v1/settings/types", EVERYONE),
            patch(
                "/api/v1/settings/types",
                json!({"lost_days": 400}),
                ADMIN_ONLY,
            ),
            // People, tokens, audit.
            get("/api/v1/employees", EVERYONE),
            post(
                "/api/v1/employees",
                json!({"name": "New", "email": "new@example.ge"}),
                [201, 403, 403, 403],
            ),
            get("/api/v1/audit", ADMIN_ONLY),
            get("/api/v1/session", EVERYONE),
            get("/api/v1/tokens", EVERYONE),
            post(
                "/api/v1/handovers",
                json!({"from": "b@example.ge", "to": "a@example.ge", "customers": ["C-B"]}),
                [200, 404, 403, 403],
            ),
            post("/api/v1/customers/C-B/erase", json!(null), ADMIN_ONLY),
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

fn session_cookie(response: &reqwest::Response) -> String {
    let header = response
        .headers()
        .get("set-cookie")
        .expect("a session cookie")
        .to_str()
        .unwrap()
        .to_owned();
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(header.contains(attribute), "{attribute} missing: {header}");
    }
    header
        .split(';')
        .next()
        .unwrap()
        .split_once('=')
        .unwrap()
        .1
        .to_owned()
}

/// A browser signs in, reads, must send its CSRF token to change anything, gets a new
/// session id at every sign-in (one planted before is closed), and signs out.
#[tokio::test]
async fn sessions_need_their_csrf_token_to_change_anything_and_are_renewed_at_sign_in() {
    for app in apps().await {
        team(&app).await;
        set_password(&app.store, "a@example.ge", PASSWORD).await;
        let client = browser();
        let response = sign_in(&client, &app, "a@example.ge", PASSWORD).await;
        assert_eq!(response.status(), StatusCode::OK);
        let first = session_cookie(&response);
        let session: Value = response.json().await.unwrap();
        let csrf = session["csrf_token"].as_str().unwrap().to_owned();
        assert_eq!(session["email"], "a@example.ge");
        assert_eq!(session["via"], "session");

        let customer = get_with(&client, &app, "/api/v1/customers/C-A").await;
        assert_eq!(customer.status(), StatusCode::OK);
        // A change without the token (or with a wrong one) is refused, and nothing is stored…
        let body = json!({"customer_id": "C-A", "opened_at": "2026-03-01", "subject": "forged"});
        let complain = async |token: Option<&str>| {
            let request = client.post(app.url("/api/v1/complaints")).json(&body);
            match token {
                Some(token) => request.header("x-csrf-token", token),
                None => request,
            }
            .send()
            .await
            .unwrap()
        };
        for token in [None, Some("not-the-token")] {
            let refused = complain(token).await;
            assert_eq!(
                refused.status(),
                StatusCode::FORBIDDEN,
                "CSRF token {token:?}"
            );
            problem(refused, StatusCode::FORBIDDEN).await;
        }
        let listed = get_json(&client, &app, "/api/v1/complaints?customer_id=C-A").await;
        assert!(listed["items"].as_array().unwrap().is_empty());
        // …with it, it goes through.
        let honest = complain(Some(&csrf)).await;
        assert_eq!(honest.status(), StatusCode::CREATED);

        // Signing in again gives a new id, and the one brought along is closed.
        let again = sign_in(&client, &app, "a@example.ge", PASSWORD).await;
        let second = session_cookie(&again);
        assert_ne!(first, second);
        let with_cookie = async |id: &str| {
            reqwest::Client::new()
                .get(app.url("/api/v1/session"))
                .header("cookie", format!("clientele_session={id}"))
                .send()
                .await
                .unwrap()
        };
        problem(with_cookie(&first).await, StatusCode::UNAUTHORIZED).await;

        // Sign-out ends the session.
        let csrf = get_json(&client, &app, "/api/v1/session").await;
        let out = client
            .delete(app.url("/api/v1/session"))
            .header("x-csrf-token", csrf["csrf_token"].as_str().unwrap())
            .send()
            .await
            .unwrap();
        assert_eq!(out.status(), StatusCode::NO_CONTENT);
        problem(with_cookie(&second).await, StatusCode::UNAUTHORIZED).await;
        // A bearer token needs no CSRF token: it is not sent by a browser on its own.
        let token = app
            .as_caller(Some(
                &employee_with_token(&app.store, "a@example.ge", "agent", Some("Retail"))
                    .await
                    .1,
            ))
            .post(
                "/api/v1/complaints",
                &json!({"customer_id": "C-A", "opened_at": "2026-03-02"}),
            )
            .await;
        assert_eq!(token.status(), StatusCode::CREATED);
    }
}

/// Five wrong passwords lock the account (the right one is refused while locked, 429); the
/// answers never tell an unknown e-mail from a wrong password; many failures from one address
/// slow it down.
#[tokio::test]
async fn repeated_failures_lock_the_account_and_slow_the_address() {
    for app in apps().await {
        team(&app).await;
        set_password(&app.store, "a@example.ge", PASSWORD).await;
        let client = reqwest::Client::new();
        let unknown = sign_in(&client, &app, "nobody@example.ge", "whatever it is").await;
        let unknown = problem(unknown, StatusCode::UNAUTHORIZED).await;
        let wrong = sign_in(&client, &app, "a@example.ge", "not the password").await;
        let wrong = problem(wrong, StatusCode::UNAUTHORIZED).await;
        assert_eq!(unknown["detail"], wrong["detail"]);
        for _ in 0..4 {
            let response = sign_in(&client, &app, "a@example.ge", "still not it").await;
            assert!(
                [StatusCode::UNAUTHORIZED, StatusCode::TOO_MANY_REQUESTS]
                    .contains(&response.status())
            );
        }
        let locked = sign_in(&client, &app, "a@example.ge", PASSWORD).await;
        assert_eq!(locked.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(locked.headers().contains_key("retry-after"));
        // An admin resetting the password lifts the lock.
        set_password(&app.store, "a@example.ge", "a brand new passphrase").await;
        let unlocked = sign_in(&client, &app, "a@example.ge", "a brand new passphrase").await;
        assert_eq!(unlocked.status(), StatusCode::OK);
        // The address: twenty failures, whichever accounts, and it waits.
        for i in 0..20 {
            sign_in(&client, &app, &format!("guess{i}@example.ge"), "x").await;
        }
        let slowed = sign_in(&client, &app, "a@example.ge", "a brand new passphrase").await;
        assert_eq!(slowed.status(), StatusCode::TOO_MANY_REQUESTS);
        let audit = json(
            app.get("/api/v1/audit?action=sign-in%20failed&limit=500")
                .await,
        )
        .await;
        assert!(audit["items"].as_array().unwrap().len() >= 6, "{audit}");
    }
}

/// An employee who is handed over (or marked as gone) loses their session and their token on
/// the very next request; their customers are moved or show as unassigned.
#[tokio::test]
async fn a_deactivated_employee_s_session_and_token_are_refused_at_once() {
    for app in apps().await {
        let team = team(&app).await;
        set_password(&app.store, "b@example.ge", PASSWORD).await;
        let client = browser();
        let signed_in = sign_in(&client, &app, "b@example.ge", PASSWORD).await;
        assert_eq!(signed_in.status(), StatusCode::OK);
        let token = app.as_caller(Some(&team.agent_b));
        assert_eq!(
            token.get("/api/v1/customers/C-B").await.status(),
            StatusCode::OK
        );
        assert_eq!(
            get_with(&client, &app, "/api/v1/customers/C-B")
                .await
                .status(),
            StatusCode::OK
        );

        let report = app
            .post(
                "/api/v1/handovers",
                &json!({"from": "b@example.ge", "to": "a@example.ge"}),
            )
            .await;
        let report = json_of(report, StatusCode::OK).await;
        assert_eq!(report["moved"], 1);
        assert_eq!(report["deactivated"], true);
        assert_eq!(report["remaining"], 0);

        problem(
            token.get("/api/v1/customers/C-B").await,
            StatusCode::UNAUTHORIZED,
        )
        .await;
        let response = get_with(&client, &app, "/api/v1/session").await;
        problem(response, StatusCode::UNAUTHORIZED).await;
        let gone = sign_in(&client, &app, "b@example.ge", PASSWORD).await;
        problem(gone, StatusCode::UNAUTHORIZED).await;
        // The customer is A's now, with the history of owners.
        let agent_a = app.as_caller(Some(&team.agent_a));
        let customer = json(agent_a.get("/api/v1/customers/C-B").await).await;
        assert_eq!(customer["owner_email"], "a@example.ge");
        let export = json(agent_a.get("/api/v1/customers/C-B/export").await).await;
        let history = export["owner_history"].as_array().unwrap();
        let last = history.last().unwrap();
        assert_eq!(last["from_email"], "b@example.ge");
        assert_eq!(last["to_email"], "a@example.ge");
        assert_eq!(last["reason"], "handover");

        // Marking A as gone (without handing over) leaves A's customers unassigned for the
        // manager to hand over, and A's token dies too.
        let a = app.store.employee_by_email("a@example.ge").await.unwrap();
        let response = app
            .patch(
                &format!("/api/v1/employees/{}", a.employee_id),
                &json!({"left_at": jiff::Timestamp::now().to_string()}),
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        problem(
            agent_a.get("/api/v1/session").await,
            StatusCode::UNAUTHORIZED,
        )
        .await;
        let manager = app.as_caller(Some(&team.manager));
        let unassigned = json(manager.get("/api/v1/customers?unassigned=true").await).await;
        let ids: Vec<&str> = unassigned["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["customer_id"].as_str().unwrap())
            .collect();
        assert!(ids.contains(&"C-A") && ids.contains(&"C-B"), "{unassigned}");
        // The manager hands them over within the team.
        let (_, _) = employee_with_token(&app.store, "c@example.ge", "agent", Some("Retail")).await;
        let report = json(
            manager
                .post(
                    "/api/v1/handovers",
                    &json!({"from": "a@example.ge", "to": "c@example.ge", "customers": ["C-A"]}),
                )
                .await,
        )
        .await;
        assert_eq!(report["moved"], 1, "{report}");
        assert_eq!(report["remaining"], 1);
        // Handing to someone outside the team is not the manager's to do.
        let outside = manager
            .post(
                "/api/v1/handovers",
                &json!({"from": "a@example.ge", "to": "root@clientele.test"}),
            )
            .await;
        problem(outside, StatusCode::NOT_FOUND).await;
    }
}

/// What the base holds, to show that a hostile request changed nothing.
async fn fingerprint(app: &TestApp) -> Value {
    let customers = json(app.get("/api/v1/customers?limit=500").await).await;
    let complaints = json(app.get("/api/v1/complaints?limit=500").await).await;
    let employees = json(app.get("/api/v1/employees?limit=500").await).await;
    json!([customers["items"], complaints["items"], employees["items"]])
}

/// SQL, HTML, path traversal, huge numbers, invalid UTF-8 and deeply nested JSON in every
/// filter and body field: a 4xx answer (or, for a filter, an honest empty result), never a
/// 5xx, and no change to the data.
#[tokio::test]
async fn hostile_strings_in_filters_and_bodies_are_refused_and_change_nothing() {
    let hostile = [
        "' OR 1=1 --",
        "'; DROP TABLE customers; --",
        "\" OR \"\"=\"",
        "<script>alert(1)</script>",
        "../../../../etc/passwd",
        "%00",
        "99999999999999999999999999999",
        "-1e309",
        "${jndi:ldap://x}",
    ];
    for app in apps().await {
        let team = team(&app).await;
        let before = fingerprint(&app).await;
        let agent = app.as_caller(Some(&team.agent_a));
        let filters = [
            "/api/v1/customers?q=",
            "/api/v1/customers?kind=",
            "/api/v1/customers?owner_email=",
            "/api/v1/customers?country=",
            "/api/v1/customers?tag=",
            "/api/v1/customers?stage=",
            "/api/v1/customers?tier=",
            "/api/v1/customers?flag=",
            "/api/v1/customers?created_from=",
            "/api/v1/customers?sort=",
            "/api/v1/customers?cursor=",
            "/api/v1/customers?limit=",
            "/api/v1/orders?customer_id=",
            "/api/v1/orders?ordered_from=",
            "/api/v1/complaints?customer_id=",
            "/api/v1/transitions?since=",
            "/api/v1/audit?actor=",
            "/api/v1/audit?since=",
            "/api/v1/employees?q=",
            "/api/v1/analytics/rfm?as_of=",
            "/api/v1/customers/",
            "/api/v1/complaints/",
        ];
        for filter in filters {
            for value in hostile {
                let encoded: String = percent_encoding::utf8_percent_encode(
                    value,
                    percent_encoding::NON_ALPHANUMERIC,
                )
                .to_string();
                let path = format!("{filter}{encoded}");
                for (admin, caller) in [
                    (true, app.as_admin()),
                    (false, app.as_caller(Some(&team.agent_a))),
                ] {
                    let response = caller.get(&path).await;
                    let status = response.status();
                    let text = response.text().await.unwrap_or_default();
                    assert!(
                        status.is_success() || status.is_client_error(),
                        "GET {path}: {status} {text}"
                    );
                    assert!(admin || !text.contains(SECRET_NAME), "{path}: {text}");
                    assert!(
                        !text.to_lowercase().contains("syntax error"),
                        "{path}: {text}"
                    );
                }
            }
            // Invalid UTF-8 in the query.
            let response = agent.get(&format!("{filter}%FF%FE")).await;
            assert!(response.status().is_client_error() || response.status().is_success());
        }
        // Bodies: every field of a customer and a complaint, and the sign-in.
        let fields = [
            "customer_id",
            "name",
            "email",
            "phone",
            "country",
            "owner_email",
            "organisation_id",
            "birth_year",
            "acquisition_cost",
            "kind",
            "tags",
        ];
        for field in fields {
            for value in hostile {
                let mut body = json!({"customer_id": "HOSTILE", "name": "Hostile"});
                body[field] = json!(value);
                let response = agent.post("/api/v1/customers", &body).await;
                let status = response.status();
                // A hostile string may be a valid name; then it is stored as text, verbatim.
                if status == StatusCode::CREATED {
                    let stored = json(response).await;
                    if field == "name" {
                        assert_eq!(stored["name"], value);
                    }
                    let deleted = agent
                        .delete(&format!(
                            "/api/v1/customers/{}",
                            urlencode(stored["customer_id"].as_str().unwrap())
                        ))
                        .await;
                    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
                } else {
                    assert!(status.is_client_error(), "{field} = {value}: {status}");
                }
            }
        }
        for value in hostile {
            let response = agent
                .patch("/api/v1/complaints/K-B", &json!({"subject": value}))
                .await;
            problem(response, StatusCode::NOT_FOUND).await;
            let response = reqwest::Client::new()
                .post(app.url("/api/v1/session"))
                .json(&json!({"email": value, "password": value}))
                .send()
                .await
                .unwrap();
            assert!(response.status().is_client_error());
        }
        // Huge numbers and deep nesting in JSON bodies.
        let huge = agent
            .raw(
                reqwest::Method::POST,
                "/api/v1/orders",
                "application/json",
                br#"{"customer_id": "C-A", "ordered_at": "2026-01-01", "amount": 1e400}"#.to_vec(),
            )
            .await;
        assert!(huge.status().is_client_error());
        let mut nested = String::new();
        for _ in 0..10_000 {
            nested.push_str("{\"a\":");
        }
        nested.push('1');
        for _ in 0..10_000 {
            nested.push('}');
        }
        let deep = agent
            .raw(
                reqwest::Method::POST,
                "/api/v1/customers",
                "application/json",
                nested.into_bytes(),
            )
            .await;
        assert!(deep.status().is_client_error(), "{}", deep.status());
        let invalid_utf8 = agent
            .raw(
                reqwest::Method::POST,
                "/api/v1/customers",
                "application/json",
                b"{\"customer_id\": \"\xff\xfe\", \"name\": \"x\"}".to_vec(),
            )
            .await;
        assert!(invalid_utf8.status().is_client_error());
        assert_eq!(fingerprint(&app).await, before, "on {:?}", app.backend);
    }
}

fn urlencode(id: &str) -> String {
    percent_encoding::utf8_percent_encode(id, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// Every action the issue lists leaves an entry: who, when, from which address, what, on
/// which record; and nothing can change or remove one.
#[tokio::test]
async fn every_action_is_in_the_append_only_audit_log() {
    for app in apps().await {
        let team = team(&app).await;
        set_password(&app.store, "a@example.ge", PASSWORD).await;
        let client = reqwest::Client::new();
        sign_in(&client, &app, "a@example.ge", "not it").await;
        sign_in(&client, &app, "a@example.ge", PASSWORD).await;
        let agent = app.as_caller(Some(&team.agent_a));
        agent
            .patch(
                "/api/v1/customers/C-A",
                &json!({"city": "Kutaisi", "phone": "+995 555 123"}),
            )
            .await;
        agent.get("/api/v1/customers/C-A/export").await;
        agent.get("/api/v1/customers?limit=10").await;
        agent.get("/api/v1/customers/C-B").await; // not theirs: 404, not a denial
        agent
            .patch("/api/v1/settings/types", &json!({"lost_days": 100}))
            .await; // denied
        app.patch("/api/v1/settings/types", &json!({"lost_days": 300}))
            .await;
        let complaint = app
            .create(
                "/api/v1/complaints",
                json!({"customer_id": "C-A", "opened_at": "2026-04-01"}),
            )
            .await;
        let id = complaint["complaint_id"].as_str().unwrap().to_owned();
        app.delete(&format!("/api/v1/complaints/{id}")).await;
        app.post(
            "/api/v1/handovers",
            &json!({"from": "b@example.ge", "to": "a@example.ge", "customers": ["C-B"]}),
        )
        .await;
        app.post("/api/v1/customers/C-B/erase", &json!(null)).await;

        let log = json(app.get("/api/v1/audit?limit=500").await).await;
        let entries = log["items"].as_array().unwrap();
        let find = |action: &str, check: &dyn Fn(&Value) -> bool| {
            entries
                .iter()
                .find(|e| e["action"] == action && check(e))
                .unwrap_or_else(|| panic!("no `{action}` entry in {log}"))
                .clone()
        };
        let failed = find("sign-in failed", &|e| {
            e["details"]["email"] == "a@example.ge"
        });
        assert_eq!(failed["address"], "127.0.0.1");
        let signed = find("sign-in", &|e| e["actor"] == "a@example.ge");
        assert_eq!(signed["address"], "127.0.0.1");
        let update = find("update", &|e| {
            e["record_id"] == "C-A" && e["entity"] == "customer"
        });
        assert_eq!(update["details"]["fields"], json!(["city", "phone"]));
        assert!(
            update["actor"]
                .as_str()
                .unwrap()
                .ends_with("of a@example.ge"),
            "{update}"
        );
        let export = find("export", &|e| e["record_id"] == "C-A");
        assert!(export["details"]["rows"].as_u64().unwrap() >= 3, "{export}");
        let denied = find("permission denied", &|e| {
            e["actor"].as_str().unwrap().ends_with("a@example.ge")
        });
        assert_eq!(denied["details"]["attempted"], "change the type settings");
        // The team's set-up saved the settings unchanged (no fields); this one changed one.
        find("settings", &|e| {
            e["details"]["fields"] == json!(["lost_days"])
        });
        find("create", &|e| {
            e["entity"] == "complaint" && e["record_id"] == id.as_str()
        });
        find("delete", &|e| {
            e["entity"] == "complaint" && e["record_id"] == id.as_str()
        });
        let handover = find("handover", &|_| true);
        assert_eq!(handover["details"]["moved"], 1);
        find("erase", &|e| e["record_id"] == "C-B");
        find("list", &|e| e["entity"] == "customer");

        // No endpoint edits the log…
        for method in [
            reqwest::Method::PUT,
            reqwest::Method::PATCH,
            reqwest::Method::DELETE,
        ] {
            let response = app
                .as_admin()
                .raw(
                    method.clone(),
                    "/api/v1/audit",
                    "application/json",
                    b"{}".to_vec(),
                )
                .await;
            assert_eq!(
                response.status(),
                StatusCode::METHOD_NOT_ALLOWED,
                "{method}"
            );
        }
        // …and the database itself refuses to.
        let refused = app.store.tamper_with_audit_log_for_tests().await;
        assert!(refused.is_err(), "the audit log was changed");
        let after = json(app.get("/api/v1/audit?limit=500").await).await;
        assert!(after["items"].as_array().unwrap().len() >= entries.len());
    }
}

/// Everything about one customer comes out as one document; erasing them leaves no personal
/// field or free text, pseudonyms instead of ids, and every figure as it was.
/// Naming another team's organisation (or person) as one's customer's organisation neither
/// attaches it nor tells it exists: it is answered exactly like an id nobody has, on create
/// and on change, and the organisation stays unreadable. A taken id is answered alike
/// whoever holds it.
#[tokio::test]
async fn references_outside_ones_scope_are_answered_like_missing_ones() {
    for app in apps().await {
        let team = team(&app).await;
        app.create(
            "/api/v1/customers",
            json!({"customer_id": "O-B", "name": "Key Holdings", "party": "organisation", "owner_email": "b@example.ge"}),
        )
        .await;
        let agent = app.as_caller(Some(&team.agent_a));
        // What an id nobody has gets, with the id taken out of the words.
        let refusal = async |response: reqwest::Response, id: &str| {
            let problem = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
            problem.to_string().replace(id, "ID")
        };
        let create = |org: &str| json!({"customer_id": "C-A2", "name": "New", "owner_email": "a@example.ge", "organisation_id": org});
        let missing = refusal(
            agent.post("/api/v1/customers", &create("O-NONE")).await,
            "O-NONE",
        )
        .await;
        for other in ["O-B", "C-B"] {
            let answer =
                refusal(agent.post("/api/v1/customers", &create(other)).await, other).await;
            assert_eq!(answer, missing, "creating with organisation {other}");
            let answer = refusal(
                agent
                    .patch("/api/v1/customers/C-A", &json!({"organisation_id": other}))
                    .await,
                other,
            )
            .await;
            assert_eq!(answer, missing, "changing to organisation {other}");
        }
        assert_eq!(
            agent.get("/api/v1/customers/O-B").await.status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            agent.get("/api/v1/customers/O-B/export").await.status(),
            StatusCode::NOT_FOUND
        );
        // The organisation the agent's customer already belongs to is still theirs to name.
        let ok = agent.post("/api/v1/customers", &create("O-A")).await;
        assert_eq!(ok.status(), StatusCode::CREATED);

        // A taken id: the same answer for a customer of one's own and for another team's.
        let taken = async |id: &str| {
            let response = agent
                .post(
                    "/api/v1/customers",
                    &json!({"customer_id": id, "name": "Again"}),
                )
                .await;
            let status = response.status();
            (status, response.text().await.unwrap().replace(id, "ID"))
        };
        assert_eq!(taken("C-A").await, taken("C-B").await);
    }
}

/// A change made through the API or a web form is recorded once, by the use case that made
/// it, naming what really changed (a form sends every field it shows; a patch may repeat a
/// stored value).
#[tokio::test]
async fn every_write_is_recorded_once_with_the_fields_that_really_changed() {
    for app in apps().await {
        let admin = app.as_admin();
        app.create(
            "/api/v1/customers",
            json!({"customer_id": "W-1", "name": "Leila", "city": "Shiraz"}),
        )
        .await;
        let cost = app
            .create(
                "/api/v1/costs",
                json!({"customer_id": "W-1", "incurred_at": "2026-03-01", "category": "support", "amount": "4.00"}),
            )
            .await;
        let cost_id = cost["cost_id"].as_i64().unwrap().to_string();
        // The category is sent as stored: only the amount changed.
        let patched = app
            .patch(
                &format!("/api/v1/costs/{cost_id}"),
                &json!({"category": "support", "amount": "6.50"}),
            )
            .await;
        assert_eq!(patched.status(), StatusCode::OK);
        // The edit form sends every field it shows; only the city changed.
        let edited = admin
            .post_form(
                "/customers/W-1",
                form(&[("name", "Leila"), ("city", "Isfahan"), ("email", "")]),
            )
            .await;
        assert_eq!(edited.status(), StatusCode::OK);
        admin
            .post_form(
                "/customers/W-1/interactions",
                form(&[
                    ("channel", "call"),
                    ("direction", "inbound"),
                    ("summary", "asked"),
                ]),
            )
            .await;
        app.delete(&format!("/api/v1/costs/{cost_id}")).await;

        let updates = app.audited("update").await;
        let of = |entity: &str, id: &str| -> Vec<Value> {
            updates
                .iter()
                .filter(|e| {
                    e.entity.as_deref() == Some(entity) && e.record_id.as_deref() == Some(id)
                })
                .map(|e| e.details.clone())
                .collect()
        };
        assert_eq!(of("cost", &cost_id), vec![json!({"fields": ["amount"]})]);
        assert_eq!(of("customer", "W-1"), vec![json!({"fields": ["city"]})]);
        for (action, entity, want) in [
            ("create", "cost", 1),
            ("create", "interaction", 1),
            ("delete", "cost", 1),
        ] {
            let entries: Vec<_> = app
                .audited(action)
                .await
                .into_iter()
                .filter(|e| e.entity.as_deref() == Some(entity))
                .collect();
            assert_eq!(entries.len(), want, "{action} {entity}: {entries:?}");
            assert!(
                entries[0].record_id.is_some(),
                "{action} {entity}: {entries:?}"
            );
            assert_eq!(entries[0].details["customer"], "W-1", "{action} {entity}");
        }
    }
}

#[tokio::test]
async fn a_customer_is_exported_whole_and_erased_for_good_with_the_figures_intact() {
    for app in apps().await {
        team(&app).await;
        app.create(
            "/api/v1/interactions",
            json!({"customer_id": "C-B", "occurred_at": "2026-01-04", "channel": "call", "summary": format!("{SECRET_NAME} asked about refunds")}),
        )
        .await;
        let export = json(app.get("/api/v1/customers/C-B/export").await).await;
        assert_eq!(export["customer"]["name"], SECRET_NAME);
        assert_eq!(export["orders"].as_array().unwrap().len(), 2);
        assert_eq!(export["complaints"].as_array().unwrap().len(), 1);
        assert_eq!(export["feedback"].as_array().unwrap().len(), 1);
        assert_eq!(export["interactions"].as_array().unwrap().len(), 1);
        assert!(export["profile"]["stage"].is_string(), "{export}");
        let figures = json(app.get("/api/v1/analytics/tiers").await).await;
        let segments = json(app.get("/api/v1/segments").await).await;

        let erased = json(app.post("/api/v1/customers/C-B/erase", &json!(null)).await).await;
        let pseudonym = erased["customer_id"].as_str().unwrap().to_owned();
        assert!(pseudonym.starts_with("erased-"));
        assert_eq!(erased["orders_kept"], 2);
        problem(
            app.get("/api/v1/customers/C-B").await,
            StatusCode::NOT_FOUND,
        )
        .await;
        let after = json(
            app.get(&format!("/api/v1/customers/{pseudonym}/export"))
                .await,
        )
        .await;
        let text = after.to_string();
        for secret in [SECRET_NAME, SECRET_EMAIL, SECRET_PHONE, "K-B"] {
            assert!(!text.contains(secret), "`{secret}` survived: {text}");
        }
        assert!(after["customer"]["name"].is_null());
        assert_eq!(after["orders"].as_array().unwrap().len(), 2);
        assert!(
            after["orders"]
                .as_array()
                .unwrap()
                .iter()
                .all(|o| o["order_id"].as_str().unwrap().starts_with("erased-"))
        );
        assert_eq!(
            json(app.get("/api/v1/analytics/tiers").await).await["summary"],
            figures["summary"]
        );
        assert_eq!(
            json(app.get("/api/v1/segments").await).await["classified"],
            segments["classified"]
        );
        // Nothing anywhere in the database still holds the name.
        assert!(
            !app.store
                .any_text_contains_for_tests(SECRET_NAME)
                .await
                .unwrap()
        );
    }
}

/// Every answer carries the hardening headers; an anonymous request is 401 with a
/// `WWW-Authenticate` challenge and no detail about the server.
#[tokio::test]
async fn answers_carry_security_headers_and_anonymous_requests_are_challenged() {
    let app = apps().await.remove(0);
    for response in [
        app.get("/api/v1/customers").await,
        app.as_caller(None).get("/api/v1/customers").await,
        app.as_caller(Some("clt_forged"))
            .get("/api/v1/segments")
            .await,
        app.get("/healthz").await,
    ] {
        let headers = response.headers();
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"));
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert_eq!(headers["x-frame-options"], "DENY");
        assert_eq!(headers["referrer-policy"], "no-referrer");
        assert_eq!(headers["cache-control"], "no-store");
    }
    let anonymous = app.as_caller(None).get("/api/v1/customers").await;
    assert_eq!(
        anonymous.headers()["www-authenticate"],
        "Bearer realm=\"clientele\""
    );
    let body = problem(anonymous, StatusCode::UNAUTHORIZED).await;
    assert!(!body.to_string().contains("sqlx") && !body.to_string().contains("panicked"));
    // Public: health and the API's own description.
    assert_eq!(
        app.as_caller(None).get("/healthz").await.status(),
        StatusCode::OK
    );
    assert_eq!(
        app.as_caller(None)
            .get("/api/v1/openapi.json")
            .await
            .status(),
        StatusCode::OK
    );
}

/// A token is made (its secret shown once), shows when it was last used, and once revoked is
/// refused; a session unused past the idle limit is over.
#[tokio::test]
async fn tokens_are_shown_once_show_their_last_use_and_die_when_revoked_and_idle_sessions_end() {
    let config = clientele_server::ServerConfig {
        auth: clientele_server::AuthConfig {
            policy: clientele_store::auth::SessionPolicy {
                idle_ms: 1_500,
                ..Default::default()
            },
            ..Default::default()
        },
        ..Default::default()
    };
    for app in apps_with(config.clone()).await {
        let team = team(&app).await;
        let agent = app.as_caller(Some(&team.agent_a));
        let made = agent
            .post(
                "/api/v1/tokens",
                &json!({"name": "spreadsheet", "scope": "read"}),
            )
            .await;
        let made = json_of(made, StatusCode::CREATED).await;
        let secret = made["secret"].as_str().unwrap().to_owned();
        assert!(secret.starts_with("clt_"));
        let reader = app.as_caller(Some(&secret));
        assert_eq!(
            reader.get("/api/v1/customers/C-A").await.status(),
            StatusCode::OK
        );
        // Read-only: a change is refused.
        let refused = reader
            .patch("/api/v1/customers/C-A", &json!({"city": "Batumi"}))
            .await;
        problem(refused, StatusCode::FORBIDDEN).await;
        let listed = json(agent.get("/api/v1/tokens").await).await;
        let mine = listed
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["token_id"] == made["token_id"])
            .unwrap()
            .clone();
        assert!(mine["last_used_at"].is_string(), "{mine}");
        assert!(mine.get("secret").is_none() && !listed.to_string().contains(&secret));
        // An agent cannot make tokens for someone else.
        let other = agent
            .post(
                "/api/v1/tokens",
                &json!({"name": "x", "scope": "read", "employee_id": 1}),
            )
            .await;
        problem(other, StatusCode::FORBIDDEN).await;
        let revoked = agent
            .delete(&format!("/api/v1/tokens/{}", made["token_id"]))
            .await;
        assert_eq!(revoked.status(), StatusCode::NO_CONTENT);
        problem(
            reader.get("/api/v1/customers/C-A").await,
            StatusCode::UNAUTHORIZED,
        )
        .await;

        set_password(&app.store, "a@example.ge", PASSWORD).await;
        let client = browser();
        sign_in(&client, &app, "a@example.ge", PASSWORD).await;
        assert_eq!(
            get_with(&client, &app, "/api/v1/session").await.status(),
            StatusCode::OK
        );
        tokio::time::sleep(std::time::Duration::from_millis(1_700)).await;
        let idle = get_with(&client, &app, "/api/v1/session").await;
        problem(idle, StatusCode::UNAUTHORIZED).await;
    }
}

/// A failed sign-in keeps what was typed as the e-mail only if it looks like one: people
/// type their password into the e-mail field, and the log must not keep it. An e-mail that
/// is simply wrong is kept, to see who is being tried.
#[tokio::test]
async fn a_failed_sign_in_does_not_keep_a_password_typed_as_the_e_mail() {
    for app in apps().await {
        let client = browser();
        for typed in [
            "Tr0ub4dor&3-horse",
            "Hunter2 staple@",
            "p@ss",
            "ana@example.com",
        ] {
            let answer = sign_in(&client, &app, typed, "whatever-it-was").await;
            assert_eq!(answer.status(), StatusCode::UNAUTHORIZED, "{typed}");
        }
        let mut emails: Vec<String> = app
            .audited("sign-in failed")
            .await
            .into_iter()
            .map(|e| e.details["email"].as_str().unwrap().to_owned())
            .collect();
        emails.sort();
        assert_eq!(
            emails,
            [
                "(not an e-mail)",
                "(not an e-mail)",
                "(not an e-mail)",
                "ana@example.com"
            ],
        );
        // Sign-in folds the e-mail to lower case; so do these.
        for password in ["tr0ub4dor", "hunter2 staple", "p@ss"] {
            assert!(
                !app.store
                    .any_text_contains_for_tests(password)
                    .await
                    .unwrap(),
                "the log keeps {password}"
            );
        }
    }
}

/// Reads refused as not found (another agent's customer, or an id that is not there: the
/// same answer) are in the log without flooding it: one `probe` entry per actor per window
/// with the count and the first ids tried. A probe of 400 ids is a few lines, not 400.
#[tokio::test]
async fn reads_refused_as_not_found_are_logged_as_probes_counted_per_actor_and_window() {
    let config = clientele_server::ServerConfig {
        probe_window: std::time::Duration::from_secs(2),
        ..Default::default()
    };
    for app in apps_with(config).await {
        let (_, ana) = employee_with_token(&app.store, "ana@example.com", "agent", None).await;
        employee_with_token(&app.store, "ben@example.com", "agent", None).await;
        app.create(
            "/api/v1/customers",
            json!({"customer_id": "C-BEN", "owner_email": "ben@example.com"}),
        )
        .await;
        app.create(
            "/api/v1/customers",
            json!({"customer_id": "C-ANA", "owner_email": "ana@example.com"}),
        )
        .await;
        let agent = app.as_caller(Some(&ana));
        assert_eq!(
            agent.get("/api/v1/customers/C-BEN").await.status(),
            StatusCode::NOT_FOUND
        );
        const GUESSES: u64 = 400;
        for i in 0..GUESSES {
            let answer = agent.get(&format!("/api/v1/customers/C-{i:04}")).await;
            assert_eq!(answer.status(), StatusCode::NOT_FOUND);
        }
        // What the agent may read is no probe.
        assert_eq!(
            agent.get("/api/v1/customers/C-ANA").await.status(),
            StatusCode::OK
        );
        // Each window is written once it ends.
        let mut probes = Vec::new();
        for _ in 0..100 {
            probes = app.audited("probe").await;
            let counted: u64 = probes
                .iter()
                .map(|p| p.details["count"].as_u64().unwrap())
                .sum();
            if counted == GUESSES + 1 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let counted: u64 = probes
            .iter()
            .map(|p| p.details["count"].as_u64().unwrap())
            .sum();
        assert_eq!(counted, GUESSES + 1, "{probes:?}");
        assert!(probes.len() < 20, "{} entries for one probe", probes.len());
        assert!(
            probes
                .iter()
                .all(|p| p.actor.ends_with("of ana@example.com")
                    && p.entity.as_deref() == Some("customer")),
            "{probes:?}"
        );
        // Each entry names the first ids tried in its window (ten at most); the probe's first
        // ids are among them, whichever window they fell in.
        let ids: Vec<&str> = probes
            .iter()
            .flat_map(|p| {
                let ids = p.details["ids"].as_array().unwrap();
                assert!(ids.len() <= 10, "{p:?}");
                ids.iter().map(|id| id.as_str().unwrap())
            })
            .collect();
        assert!(
            ids.contains(&"C-BEN") && ids.contains(&"C-0000"),
            "{probes:?}"
        );
    }
}

/// An employee taking far more customers out than they usually do (a salesperson leaving
/// with the base, seed 004) raises the audit's alarm, on the admin's dashboard and in the
/// API; one who does it every day raises none, and nobody but an admin sees the alarms.
#[tokio::test]
async fn a_bulk_export_far_above_the_employee_s_usual_raises_the_audit_s_alarm() {
    for app in apps().await {
        let base = clientele_demo::generate(&clientele_demo::DemoSpec {
            customers: 600,
            seed: 4,
            as_of: jiff::Timestamp::now(),
            currency: clientele_core::Currency::USD,
        });
        app.store
            .bulk_load(clientele_store::BulkBase::from(&base))
            .await
            .unwrap();
        let staff = staff(&app.store).await;
        let (_, leaver) =
            employee_with_token(&app.store, "leaver@example.com", "admin", None).await;
        let (habit_key, habit) =
            employee_with_token(&app.store, "habit@example.com", "admin", None).await;
        // The habit: 600 customers exported every day of the last month.
        let now = clientele_core::time::to_millis(jiff::Timestamp::now());
        for days_ago in 1..=30 {
            app.store
                .audit(&clientele_store::audit::AuditEntry {
                    at: now - days_ago * 86_400_000,
                    actor: "habit@example.com".into(),
                    employee_key: Some(habit_key),
                    token_key: None,
                    address: None,
                    action: "export".into(),
                    entity: Some("customer".into()),
                    record_id: None,
                    details: json!({"rows": 600, "complete": true}),
                })
                .await
                .unwrap();
        }
        // Today both take the whole base; the agent reads a page of their list.
        for token in [&leaver, &habit] {
            let export = app.as_caller(Some(token)).get("/customers.csv").await;
            assert_eq!(export.status(), StatusCode::OK);
            export.text().await.unwrap();
        }
        let agent = app.as_caller(Some(&staff.agent_a));
        assert_eq!(
            agent.get("/api/v1/customers?limit=50").await.status(),
            StatusCode::OK
        );
        // The export's entry is written as its download ends.
        let mut alerts = Value::Null;
        for _ in 0..50 {
            alerts = json_of(app.get("/api/v1/audit/alerts").await, StatusCode::OK).await;
            if !alerts.as_array().unwrap().is_empty() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let alerts = alerts.as_array().unwrap();
        assert_eq!(alerts.len(), 1, "{alerts:?}");
        let alert = &alerts[0];
        assert_eq!(alert["actor"], "leaver@example.com");
        assert_eq!(alert["customers"], 600);
        assert_eq!(alert["usual"], 0);
        assert_eq!(alert["exports"], 1);
        let today = jiff::Timestamp::now().strftime("%Y-%m-%d").to_string();
        assert_eq!(alert["day"], today.as_str());
        // A higher bar than the day leaves none; a bad one is named.
        let high = json_of(
            app.get("/api/v1/audit/alerts?min_customers=601").await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(high, json!([]));
        let bad = problem(
            app.get("/api/v1/audit/alerts?since=yesterday").await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(fields(&bad), ["since"], "{bad}");
        // The admin's dashboard says who and links to their entries in the log.
        let dashboard = app.page("/").await;
        assert!(
            dashboard.contains("leaver@example.com read or exported 600 customers on"),
            "{dashboard}"
        );
        assert!(!dashboard.contains("habit@example.com read"), "{dashboard}");
        // Nobody else sees the alarms.
        for token in [&staff.manager, &staff.agent_a, &staff.analyst] {
            let caller = app.as_caller(Some(token));
            assert_eq!(
                caller.get("/api/v1/audit/alerts").await.status(),
                StatusCode::FORBIDDEN
            );
            let page = caller.page("/").await;
            assert!(!page.contains("Unusual reads and exports"), "{page}");
        }
    }
}
