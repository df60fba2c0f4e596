//! One's own account and the accounts one manages: who may deactivate whom by a handover,
//! what a password change ends, and what a read-scoped token may not touch.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::*;

/// A manager hands over an agent of their team (which deactivates the agent), but handing
/// all of a manager's or an admin's customers over would deactivate them: only an admin may.
#[tokio::test]
async fn a_manager_s_handover_deactivates_an_agent_but_never_a_manager_or_an_admin() {
    for app in apps().await {
        let staff = staff(&app.store).await;
        employee_with_token(&app.store, "mgr2@example.ge", "manager", Some("Retail")).await;
        employee_with_token(&app.store, "boss@example.ge", "admin", Some("Retail")).await;
        employee_with_token(&app.store, "c@example.ge", "agent", Some("Retail")).await;
        let manager = app.as_caller(Some(&staff.manager));
        for from in ["mgr2@example.ge", "boss@example.ge"] {
            let refused = manager
                .post(
                    "/api/v1/handovers",
                    &json!({"from": from, "to": "a@example.ge"}),
                )
                .await;
            let refused = problem(refused, StatusCode::FORBIDDEN).await;
            assert!(
                refused["detail"].as_str().unwrap().contains("manager"),
                "{refused}"
            );
            let still = app.store.employee_by_email(from).await.unwrap();
            assert!(still.employee.left_at.is_none(), "{from} was deactivated");
        }
        let denied = app.audited("permission denied").await;
        assert!(
            denied
                .iter()
                .any(|e| e.details.to_string().contains("deactivate a manager")),
            "the refusal is audited"
        );
        // An agent of the team: handed over and deactivated.
        let report = manager
            .post(
                "/api/v1/handovers",
                &json!({"from": "c@example.ge", "to": "a@example.ge"}),
            )
            .await;
        let report = json_of(report, StatusCode::OK).await;
        assert_eq!(report["deactivated"], true, "{report}");
        // An admin may deactivate a manager the same way.
        let report = app
            .post(
                "/api/v1/handovers",
                &json!({"from": "mgr2@example.ge", "to": "a@example.ge"}),
            )
            .await;
        assert_eq!(json_of(report, StatusCode::OK).await["deactivated"], true);
    }
}

/// Changing one's password ends every other session of one's own (the one that changed it
/// goes on); an admin's reset ends them all.
#[tokio::test]
async fn a_password_change_or_reset_ends_the_employee_s_other_sessions() {
    for app in apps().await {
        staff(&app.store).await;
        let (changer, csrf) = session(&app, "a@example.ge").await;
        let other = browser();
        let signed_in = sign_in(&other, &app, "a@example.ge", PASSWORD).await;
        assert_eq!(signed_in.status(), StatusCode::OK);
        let alive = async |client: &reqwest::Client| {
            get_with(client, &app, "/api/v1/session").await.status() == StatusCode::OK
        };
        assert!(alive(&changer).await && alive(&other).await);

        let changed = changer
            .put(app.url("/api/v1/session/password"))
            .header("x-csrf-token", &csrf)
            .json(&json!({"current_password": PASSWORD, "new_password": "mellow yellow river"}))
            .send()
            .await
            .unwrap();
        assert_eq!(changed.status(), StatusCode::NO_CONTENT);
        assert!(alive(&changer).await, "the session that changed it goes on");
        assert!(!alive(&other).await, "the other session ended");

        let again = sign_in(&other, &app, "a@example.ge", "mellow yellow river").await;
        assert_eq!(again.status(), StatusCode::OK);
        let a = app.store.employee_by_email("a@example.ge").await.unwrap();
        let reset = app
            .post(
                &format!("/api/v1/employees/{}/password", a.employee_id),
                &json!({"password": "quiet window ledge"}),
            )
            .await;
        assert_eq!(reset.status(), StatusCode::OK);
        assert!(!alive(&changer).await && !alive(&other).await);
    }
}

/// What a read token's employee can check of their own account: it is as it was.
async fn account_of(app: &TestApp, email: &str) -> Value {
    let employee = app.store.employee_by_email(email).await.unwrap();
    let tokens = json(
        app.get(&format!(
            "/api/v1/tokens?employee_id={}",
            employee.employee_id
        ))
        .await,
    )
    .await;
    // When a token was last used is no change to it.
    let tokens: Vec<Value> = tokens
        .as_array()
        .unwrap()
        .iter()
        .map(|t| json!([t["token_id"], t["name"], t["scope"], t["revoked_at"]]))
        .collect();
    let customers = json(app.get("/api/v1/customers?limit=500").await).await;
    let employees = json(app.get("/api/v1/employees?limit=500").await).await;
    let settings = json(app.get("/api/v1/settings/types").await).await;
    json!([tokens, customers["items"], employees["items"], settings])
}

/// Every operation of the API document that changes something, and the web app's
/// preferences form, answer a read-scoped token 403 and change nothing: not the password
/// (five wrong current passwords would lock the account), not the tokens, not the
/// preferences.
#[tokio::test]
async fn a_read_token_changes_nothing_through_any_operation() {
    let document: Value =
        serde_json::from_str(include_str!("../../openapi.json")).expect("the API document");
    for app in apps().await {
        staff(&app.store).await;
        set_password(&app.store, "a@example.ge", PASSWORD).await;
        app.create(
            "/api/v1/customers",
            json!({"customer_id": "C-A", "name": "Ana Alvarez", "owner_email": "a@example.ge"}),
        )
        .await;
        let a = app.store.employee_by_email("a@example.ge").await.unwrap();
        let now = clientele_core::time::to_millis(jiff::Timestamp::now());
        let read = app
            .store
            .create_token(
                a.employee_id,
                "read",
                clientele_store::auth::TokenScope::Read,
                None,
                now,
            )
            .await
            .unwrap();
        let other = app
            .store
            .create_token(
                a.employee_id,
                "other",
                clientele_store::auth::TokenScope::Admin,
                None,
                now,
            )
            .await
            .unwrap();
        let reader = app.as_caller(Some(&read.secret));
        let before = account_of(&app, "a@example.ge").await;

        let mut walked = 0;
        for (path, operations) in document["paths"].as_object().unwrap() {
            for (method, operation) in operations.as_object().unwrap() {
                if matches!(method.as_str(), "get" | "head" | "options" | "parameters") {
                    continue;
                }
                // Signing in is open to anyone and acts on no token.
                if operation["security"]
                    .as_array()
                    .is_some_and(|schemes| schemes.iter().any(|s| s == &json!({})))
                    || (method == "post" && path == "/api/v1/session")
                {
                    continue;
                }
                let path = path
                    .replace("{customer_id}", "C-A")
                    .replace("{employee_id}", &a.employee_id.to_string())
                    .replace("{token_id}", &other.token.token_id.to_string());
                let path = with_other_ids(&path);
                let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
                for _ in 0..(if path.ends_with("/password") { 6 } else { 1 }) {
                    let body = json!({"current_password": "a wrong guess", "new_password": "a long enough passphrase", "locale": "fa"});
                    let response = reader
                        .raw(
                            method.clone(),
                            &path,
                            "application/json",
                            body.to_string().into_bytes(),
                        )
                        .await;
                    assert_eq!(
                        response.status(),
                        StatusCode::FORBIDDEN,
                        "{method} {path} with a read token on {:?}",
                        app.backend
                    );
                    problem(response, StatusCode::FORBIDDEN).await;
                }
                walked += 1;
            }
        }
        assert!(walked >= 25, "only {walked} operations walked");
        // The web app's preferences form too.
        let preferences = reader
            .post_form(
                "/preferences",
                form(&[("locale", "fa"), ("calendar", "jalali")]),
            )
            .await;
        assert_eq!(preferences.status(), StatusCode::FORBIDDEN);

        assert_eq!(account_of(&app, "a@example.ge").await, before);
        let a_now = app.store.employee_by_email("a@example.ge").await.unwrap();
        assert_eq!(a_now.employee.left_at, None);
        let principal = app
            .store
            .token_principal(&read.secret, now)
            .await
            .unwrap()
            .expect("the read token still opens");
        assert_eq!((principal.locale, principal.calendar), (None, None));
        // Not locked, and the password is the one it was.
        let signed_in = sign_in(&browser(), &app, "a@example.ge", PASSWORD).await;
        assert_eq!(signed_in.status(), StatusCode::OK);
        assert_eq!(
            app.as_caller(Some(&other.secret))
                .get("/api/v1/session")
                .await
                .status(),
            StatusCode::OK,
            "the other token is not revoked"
        );
    }
}

/// Any other path parameter (`{order_id}`, …) as an id that need not exist: the refusal
/// comes before the record is looked up.
fn with_other_ids(path: &str) -> String {
    let mut filled = String::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        filled.push_str(&rest[..start]);
        let end = rest[start..]
            .find('}')
            .map_or(rest.len(), |e| start + e + 1);
        filled.push_str("X-1");
        rest = &rest[end..];
    }
    filled.push_str(rest);
    filled
}

/// Signs in as a client behind a proxy that says, in `X-Forwarded-For`, whom it forwards.
async fn sign_in_forwarded(
    app: &TestApp,
    forwarded_for: &str,
    email: &str,
    password: &str,
) -> reqwest::Response {
    reqwest::Client::new()
        .post(app.url("/api/v1/session"))
        .header("x-forwarded-for", forwarded_for)
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .unwrap()
}

/// Behind a trusted proxy (the tests' connections come from 127.0.0.1) the address limit
/// counts each client's own address, taken from `X-Forwarded-For`: one client guessing
/// does not lock every other one out, what the client adds to the header itself does not
/// move it, and the per-account lock holds whatever the address. Without a trusted proxy
/// the header is ignored.
#[tokio::test]
async fn behind_a_trusted_proxy_the_sign_in_limit_counts_each_client_s_own_address() {
    let behind_proxy = clientele_server::ServerConfig {
        auth: clientele_server::AuthConfig {
            trusted_proxies: vec![clientele_server::trusted_proxy("127.0.0.1").unwrap()],
            ..Default::default()
        },
        ..Default::default()
    };
    for app in apps_with(behind_proxy).await {
        staff(&app.store).await;
        set_password(&app.store, "a@example.ge", PASSWORD).await;
        for i in 0..20 {
            let guess = sign_in_forwarded(&app, "203.0.113.7", &format!("g{i}@x.ge"), "x").await;
            assert_eq!(guess.status(), StatusCode::UNAUTHORIZED);
        }
        let guesser = sign_in_forwarded(&app, "203.0.113.7", "a@example.ge", PASSWORD).await;
        assert_eq!(guesser.status(), StatusCode::TOO_MANY_REQUESTS);
        // Naming another address in front of its own does not free the guesser.
        let spoofed = "198.51.100.4, 203.0.113.7";
        let spoofed = sign_in_forwarded(&app, spoofed, "a@example.ge", PASSWORD).await;
        assert_eq!(spoofed.status(), StatusCode::TOO_MANY_REQUESTS);
        let colleague = sign_in_forwarded(&app, "198.51.100.4", "a@example.ge", PASSWORD).await;
        assert_eq!(
            colleague.status(),
            StatusCode::OK,
            "another client is not blocked"
        );
        let failed = app.audited("sign-in failed").await;
        assert!(
            failed
                .iter()
                .all(|e| e.address.as_deref() == Some("203.0.113.7")),
            "the audit names the client's address"
        );
        // Five wrong passwords from five addresses still lock the account.
        for i in 1..=5 {
            let from = format!("192.0.2.{i}");
            sign_in_forwarded(&app, &from, "a@example.ge", "not the password").await;
        }
        let locked = sign_in_forwarded(&app, "192.0.2.99", "a@example.ge", PASSWORD).await;
        assert_eq!(locked.status(), StatusCode::TOO_MANY_REQUESTS);
    }
    for app in apps().await {
        staff(&app.store).await;
        set_password(&app.store, "a@example.ge", PASSWORD).await;
        for i in 0..20 {
            let from = format!("192.0.2.{i}");
            sign_in_forwarded(&app, &from, &format!("g{i}@x.ge"), "x").await;
        }
        let untrusted = sign_in_forwarded(&app, "198.51.100.4", "a@example.ge", PASSWORD).await;
        assert_eq!(
            untrusted.status(),
            StatusCode::TOO_MANY_REQUESTS,
            "with no trusted proxy the header is the client's say and is ignored"
        );
    }
}

#[test]
fn a_trusted_proxy_is_an_address_or_a_cidr_block_and_anything_else_is_named() {
    let parse = clientele_server::trusted_proxy;
    assert_eq!(parse("10.1.2.3/8").unwrap().to_string(), "10.0.0.0/8");
    assert_eq!(parse("127.0.0.1").unwrap().to_string(), "127.0.0.1/32");
    assert_eq!(parse("fd00::/8").unwrap().to_string(), "fd00::/8");
    let refused = parse("proxy.local").unwrap_err();
    assert!(refused.contains("`proxy.local`"), "{refused}");
}

/// A one-time password is changed before anything else: every page sends its employee to
/// the form, the API tells them; their own password and time zone are theirs to change, and
/// the audit log's times are then in their zone.
#[tokio::test]
async fn a_one_time_password_is_changed_first_and_an_employee_keeps_their_own_zone() {
    for app in apps().await {
        let admin = app.as_admin();
        let added = admin
            .post_form(
                "/team/users",
                "email=new%40example.ge&name=New+One&role=agent&team=Retail",
            )
            .await;
        let html = page_of(added, StatusCode::OK).await;
        let one_time = one_time_password_in(&html);
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let signed_in = sign_in(&client, &app, "new@example.ge", &one_time).await;
        assert_eq!(signed_in.status(), StatusCode::OK);
        let csrf = json(signed_in).await["csrf_token"]
            .as_str()
            .unwrap()
            .to_owned();
        for path in ["/", "/customers", "/today"] {
            let sent = get_with(&client, &app, path).await;
            assert_eq!(sent.status(), StatusCode::SEE_OTHER, "{path}");
            assert_eq!(
                sent.headers()["location"],
                "/preferences#password",
                "{path}"
            );
        }
        let refused = get_with(&client, &app, "/api/v1/customers").await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
        let form_page = page_text(get_with(&client, &app, "/preferences").await).await;
        assert!(
            form_page.contains("choose your own before you go on"),
            "{form_page}"
        );

        let post = |body: String| {
            client
                .post(app.url("/password"))
                .header("content-type", "application/x-www-form-urlencoded")
                .header("x-csrf-token", csrf.clone())
                .body(body)
                .send()
        };
        let mismatch = post(form(&[
            ("current_password", &one_time),
            ("new_password", "a long fresh secret 42"),
            ("repeat_password", "a long fresh secret 43"),
            ("csrf_token", &csrf),
        ]))
        .await
        .unwrap();
        let page = page_of(mismatch, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert!(page.contains("id=\"repeat_password-error\""), "{page}");
        let still = get_with(&client, &app, "/").await;
        assert_eq!(still.status(), StatusCode::SEE_OTHER, "nothing changed yet");
        let changed = post(form(&[
            ("current_password", &one_time),
            ("new_password", "a long fresh secret 42"),
            ("repeat_password", "a long fresh secret 42"),
            ("csrf_token", &csrf),
        ]))
        .await
        .unwrap();
        assert_eq!(changed.status(), StatusCode::SEE_OTHER);
        assert_eq!(get_with(&client, &app, "/").await.status(), StatusCode::OK);
        let again = reqwest::Client::new();
        assert_eq!(
            sign_in(&again, &app, "new@example.ge", &one_time)
                .await
                .status(),
            StatusCode::UNAUTHORIZED,
            "the one-time password is gone"
        );

        // The admin's own zone: the audit log's times in Tehran's (+0330), an unknown zone
        // refused with the field named.
        let zone = admin
            .post_form(
                "/preferences",
                form(&[
                    ("locale", "en"),
                    ("calendar", ""),
                    ("time_zone", "Asia/Tehran"),
                ]),
            )
            .await;
        let zone = page_text(zone).await;
        assert!(zone.contains("Your preferences are saved"), "{zone}");
        let audit = admin.page("/audit").await;
        assert!(audit.contains("+0330"), "{audit}");
        let bad = admin
            .post_form(
                "/preferences",
                form(&[
                    ("locale", "en"),
                    ("calendar", ""),
                    ("time_zone", "Mars/Olympus"),
                ]),
            )
            .await;
        let page = page_of(bad, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert!(page.contains("Mars/Olympus"), "{page}");
    }
}
