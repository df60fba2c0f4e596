//! The admin pages of the web app over real HTTP: who may open them, the settings preview
//! that writes nothing and the save that changes the counts, a bad threshold named and not
//! saved, a handover from the team page, a sign-in in the audit log, and a CSV upload that
//! imports nothing on error unless asked to skip the bad rows.

use clientele_core::classify::TypeSettings;
use clientele_demo::{DemoSpec, generate};
use clientele_store::audit::AuditFilter;
use clientele_store::{AccessScope, BulkBase, ListRequest};
use reqwest::StatusCode;
use serde_json::json;

use crate::support::*;

const PASSWORD: &str = "correct horse battery staple";

struct Callers {
    manager: String,
    agent: String,
    analyst: String,
}

async fn callers(app: &TestApp) -> Callers {
    let (_, manager) =
        employee_with_token(&app.store, "mgr@example.ge", "manager", Some("Retail")).await;
    let (_, agent) = employee_with_token(&app.store, "a@example.ge", "agent", Some("Retail")).await;
    employee_with_token(&app.store, "b@example.ge", "agent", Some("Key accounts")).await;
    let (_, analyst) = employee_with_token(&app.store, "an@example.ge", "analyst", None).await;
    Callers {
        manager,
        agent,
        analyst,
    }
}

/// A demo base, classified with the default settings.
async fn classified_demo(app: &TestApp) {
    let base = generate(&DemoSpec {
        customers: 300,
        seed: 11,
        as_of: jiff::Timestamp::now(),
        currency: clientele_core::Currency::USD,
    });
    app.store.bulk_load(BulkBase::from(&base)).await.unwrap();
    let response = app.patch("/api/v1/settings/types", &json!({})).await;
    assert_eq!(response.status(), StatusCode::OK);
}

/// The settings form as a browser sends it: every threshold, with some changed.
fn settings_form(changes: &[(&str, &str)]) -> String {
    let values = serde_json::to_value(TypeSettings::default()).unwrap();
    let mut form = form_urlencoded::Serializer::new(String::new());
    for (name, value) in values.as_object().unwrap() {
        let value = changes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| (*v).to_owned())
            .unwrap_or_else(|| value.to_string());
        form.append_pair(name, &value);
    }
    form.finish()
}

async fn post_form(caller: &As<'_>, path: &str, body: String) -> reqwest::Response {
    caller
        .raw(
            reqwest::Method::POST,
            path,
            "application/x-www-form-urlencoded",
            body.into_bytes(),
        )
        .await
}

#[tokio::test]
async fn each_admin_page_answers_only_those_allowed() {
    for app in apps().await {
        let c = callers(&app).await;
        let admin = app.as_admin();
        let manager = app.as_caller(Some(&c.manager));
        let agent = app.as_caller(Some(&c.agent));
        let analyst = app.as_caller(Some(&c.analyst));
        for (path, expect) in [
            ("/settings", [200, 403, 403, 403]),
            ("/team", [200, 200, 403, 403]),
            ("/audit", [200, 403, 403, 403]),
            ("/import", [200, 403, 403, 403]),
        ] {
            for (who, caller, status) in [
                ("admin", &admin, expect[0]),
                ("manager", &manager, expect[1]),
                ("agent", &agent, expect[2]),
                ("analyst", &analyst, expect[3]),
            ] {
                let response = caller.get(path).await;
                assert_eq!(response.status().as_u16(), status, "{who} {path}");
                let html = response
                    .text()
                    .await
                    .unwrap()
                    .replace(['\u{2068}', '\u{2069}'], "");
                assert!(html.contains("<html"), "{who} {path}: a page, not {html}");
            }
        }
        // The links are shown to those who may follow them.
        let admin_nav = admin
            .get("/")
            .await
            .text()
            .await
            .unwrap()
            .replace(['\u{2068}', '\u{2069}'], "");
        for link in ["/settings", "/team", "/audit", "/import"] {
            assert!(admin_nav.contains(&format!("href=\"{link}\"")), "{link}");
        }
        let manager_nav = manager
            .get("/")
            .await
            .text()
            .await
            .unwrap()
            .replace(['\u{2068}', '\u{2069}'], "");
        assert!(manager_nav.contains("href=\"/team\""));
        assert!(!manager_nav.contains("href=\"/settings\""));
        let agent_nav = agent
            .get("/")
            .await
            .text()
            .await
            .unwrap()
            .replace(['\u{2068}', '\u{2069}'], "");
        for link in ["/settings", "/team", "/audit", "/import"] {
            assert!(!agent_nav.contains(&format!("href=\"{link}\"")), "{link}");
        }
        // Changing the settings is refused to a manager, and nothing is saved.
        let refused = post_form(&manager, "/settings", settings_form(&[("new_days", "5")])).await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
        assert_eq!(app.store.stored_type_settings().await.unwrap(), None);
    }
}

#[tokio::test]
async fn a_preview_changes_nothing_a_save_changes_the_counts_and_a_bad_value_is_named() {
    for app in apps().await {
        classified_demo(&app).await;
        let admin = app.as_admin();
        let page = admin
            .get("/settings")
            .await
            .text()
            .await
            .unwrap()
            .replace(['\u{2068}', '\u{2069}'], "");
        assert!(page.contains("id=\"lapse_min_days\""));
        assert!(page.contains("value=\"60\""));
        let audit_entries = || async {
            app.store
                .list_audit(
                    &AuditFilter::default(),
                    &ListRequest {
                        limit: Some(500),
                        ..Default::default()
                    },
                )
                .await
                .unwrap()
                .items
                .len()
        };
        let counts_before = app.store.type_counts(&AccessScope::All).await.unwrap();
        let audited_before = audit_entries().await;
        let stricter = [("lapse_min_days", "20"), ("lapse_interval_multiple", "1")];

        let preview = post_form(&admin, "/settings/preview", settings_form(&stricter)).await;
        assert_eq!(preview.status(), StatusCode::OK);
        let html = preview
            .text()
            .await
            .unwrap()
            .replace(['\u{2068}', '\u{2069}'], "");
        assert!(html.contains("would change type"), "{html}");
        assert!(
            html.contains("→ Lapsed"),
            "a move to lapsed is counted: {html}"
        );
        assert!(html.contains("value=\"20\""), "the form keeps the values");
        // Nothing was written: counts, settings, audit log.
        assert_eq!(
            app.store.type_counts(&AccessScope::All).await.unwrap(),
            counts_before
        );
        assert_eq!(
            app.store.stored_type_settings().await.unwrap(),
            Some(TypeSettings::default())
        );
        assert_eq!(audit_entries().await, audited_before);

        // A bad value is named in the page's language and nothing is saved.
        let bad = admin
            .request(reqwest::Method::POST, "/settings")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept-language", "ka")
            .body(settings_form(&[
                ("tier_a_share", "1.5"),
                ("lapse_min_days", "20"),
            ]))
            .send()
            .await
            .unwrap();
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = bad
            .text()
            .await
            .unwrap()
            .replace(['\u{2068}', '\u{2069}'], "");
        assert!(html.contains("კატეგორია A: მოგების წილი"), "{html}");
        assert!(html.contains("aria-invalid=\"true\""));
        assert_eq!(
            app.store.stored_type_settings().await.unwrap(),
            Some(TypeSettings::default())
        );
        assert_eq!(
            app.store.type_counts(&AccessScope::All).await.unwrap(),
            counts_before
        );

        let saved = post_form(&admin, "/settings", settings_form(&stricter)).await;
        assert_eq!(saved.status(), StatusCode::OK);
        let html = saved
            .text()
            .await
            .unwrap()
            .replace(['\u{2068}', '\u{2069}'], "");
        assert!(html.contains("re-evaluated"), "{html}");
        let stored = app.store.stored_type_settings().await.unwrap().unwrap();
        assert_eq!(stored.lapse_min_days, 20);
        let counts_after = app.store.type_counts(&AccessScope::All).await.unwrap();
        assert_ne!(counts_after.stages, counts_before.stages);
        let entries = app
            .store
            .list_audit(
                &AuditFilter {
                    action: Some("settings".into()),
                    ..Default::default()
                },
                &ListRequest::default(),
            )
            .await
            .unwrap();
        assert_eq!(
            entries.items.len(),
            2,
            "the demo's classification and this save"
        );
    }
}

#[tokio::test]
async fn the_team_page_adds_users_and_hands_customers_over_within_scope() {
    for app in apps().await {
        let c = callers(&app).await;
        for (id, owner) in [
            ("T-1", "a@example.ge"),
            ("T-2", "a@example.ge"),
            ("T-3", "b@example.ge"),
        ] {
            app.create(
                "/api/v1/customers",
                json!({"customer_id": id, "owner_email": owner}),
            )
            .await;
        }
        let manager = app.as_caller(Some(&c.manager));
        let page = manager
            .get("/team")
            .await
            .text()
            .await
            .unwrap()
            .replace(['\u{2068}', '\u{2069}'], "");
        assert!(page.contains("a@example.ge"));
        assert!(
            !page.contains("b@example.ge"),
            "another team's member is not listed"
        );
        assert!(
            !page.contains("action=\"/team/users\""),
            "only admins add users"
        );
        // A manager cannot hand over someone outside their team.
        let outside = post_form(
            &manager,
            "/team/handover",
            "from=b%40example.ge&to=a%40example.ge&customers=T-3".into(),
        )
        .await;
        assert_eq!(outside.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            outside
                .text()
                .await
                .unwrap()
                .contains("No such employee in your team")
        );
        // Within the team: one chosen customer moves to the manager.
        let moved = post_form(
            &manager,
            "/team/handover",
            "from=a%40example.ge&to=mgr%40example.ge&customers=T-1".into(),
        )
        .await;
        assert_eq!(moved.status(), StatusCode::OK);
        let html = moved
            .text()
            .await
            .unwrap()
            .replace(['\u{2068}', '\u{2069}'], "");
        assert!(html.contains("customer moved from"), "{html}");
        let t1 = json(app.get("/api/v1/customers/T-1").await).await;
        assert_eq!(t1["owner_email"], "mgr@example.ge");
        let t2 = json(app.get("/api/v1/customers/T-2").await).await;
        assert_eq!(t2["owner_email"], "a@example.ge");
        let handovers = app
            .store
            .list_audit(
                &AuditFilter {
                    action: Some("handover".into()),
                    ..Default::default()
                },
                &ListRequest::default(),
            )
            .await
            .unwrap();
        assert_eq!(handovers.items.len(), 1);

        // An admin adds a user, whose one-time password is shown once and works.
        let added = post_form(
            &app.as_admin(),
            "/team/users",
            "email=new%40example.ge&name=New+One&role=agent&team=Retail".into(),
        )
        .await;
        assert_eq!(added.status(), StatusCode::OK);
        let html = added
            .text()
            .await
            .unwrap()
            .replace(['\u{2068}', '\u{2069}'], "");
        let password = html
            .split("<code class=\"secret\" dir=\"ltr\">")
            .nth(1)
            .and_then(|rest| rest.split('<').next())
            .expect("the one-time password is shown")
            .to_owned();
        let client = reqwest::Client::new();
        let signed_in = client
            .post(app.url("/api/v1/session"))
            .json(&json!({"email": "new@example.ge", "password": password}))
            .send()
            .await
            .unwrap();
        assert_eq!(signed_in.status(), StatusCode::OK);
        let again = admin_team(&app).await;
        assert!(!again.contains(&password), "shown once only");
        // A duplicate is refused, named, and a manager may not add anyone.
        let duplicate = post_form(
            &app.as_admin(),
            "/team/users",
            "email=new%40example.ge&name=X&role=agent&team=".into(),
        )
        .await;
        assert_eq!(duplicate.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let refused = post_form(
            &manager,
            "/team/users",
            "email=x%40example.ge&name=X&role=admin&team=".into(),
        )
        .await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
        assert!(app.store.employee_by_email("x@example.ge").await.is_err());
    }
}

async fn admin_team(app: &TestApp) -> String {
    app.as_admin()
        .get("/team")
        .await
        .text()
        .await
        .unwrap()
        .replace(['\u{2068}', '\u{2069}'], "")
}

/// A browser's session: signed in through the API, its cookie kept, with its CSRF token.
pub(crate) async fn session(app: &TestApp, email: &str) -> (reqwest::Client, String) {
    let employee = app.store.employee_by_email(email).await.unwrap();
    let hash = clientele_store::auth::hash_password(PASSWORD).unwrap();
    app.store
        .set_password_hash(employee.employee_id, &hash)
        .await
        .unwrap();
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let response = client
        .post(app.url("/api/v1/session"))
        .json(&json!({"email": email, "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body: serde_json::Value = response.json().await.unwrap();
    (client, body["csrf_token"].as_str().unwrap().to_owned())
}

#[tokio::test]
async fn the_audit_page_lists_a_sign_in_newest_first() {
    for app in apps().await {
        callers(&app).await;
        session(&app, "a@example.ge").await;
        let html = app
            .get("/audit?action=sign-in")
            .await
            .text()
            .await
            .unwrap()
            .replace(['\u{2068}', '\u{2069}'], "");
        assert!(html.contains("a@example.ge"), "{html}");
        let all = app
            .get("/audit")
            .await
            .text()
            .await
            .unwrap()
            .replace(['\u{2068}', '\u{2069}'], "");
        // Newest first: the admin's own token use of this request's neighbours comes after
        // the sign-in only if it is older; the sign-in is listed above the employees created
        // before it.
        let sign_in = all.find("<td>sign-in</td>").expect("the sign-in is listed");
        let created = all.rfind("<td>create</td>").unwrap_or(usize::MAX);
        assert!(sign_in < created || created == usize::MAX);
        let filtered = app
            .get("/audit?since=2999-01-01")
            .await
            .text()
            .await
            .unwrap();
        assert!(!filtered.contains("<td>sign-in</td>"));
        let bad = app
            .get("/audit?since=yesterday")
            .await
            .text()
            .await
            .unwrap();
        assert!(bad.contains("The date cannot be read"));
    }
}

pub(crate) fn multipart(fields: &[(&str, &str)], file: &str) -> (String, String) {
    let boundary = "clientele-test-boundary-7d3f";
    let mut body = String::new();
    for (name, value) in fields {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        ));
    }
    body.push_str(&format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"people.csv\"\r\nContent-Type: text/csv\r\n\r\n{file}\r\n--{boundary}--\r\n"
    ));
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[tokio::test]
async fn an_upload_with_an_error_imports_nothing_unless_the_bad_rows_are_skipped() {
    for app in apps().await {
        callers(&app).await;
        employee_with_token(&app.store, "boss@example.ge", "admin", None).await;
        let (client, csrf) = session(&app, "boss@example.ge").await;
        let bad_file = "customer_id,name,birth_year\nU-1,Ana,1980\nU-2,Bob,notayear\n";
        let upload = |fields: Vec<(&'static str, String)>, file: &'static str| {
            let client = client.clone();
            let url = app.url("/import");
            async move {
                let fields: Vec<(&str, &str)> =
                    fields.iter().map(|(n, v)| (*n, v.as_str())).collect();
                let (content_type, body) = multipart(&fields, file);
                client
                    .post(url)
                    .header("content-type", content_type)
                    .body(body)
                    .send()
                    .await
                    .unwrap()
            }
        };
        // Without the CSRF token the upload is refused.
        let forged = upload(vec![("kind", "customers".into())], bad_file).await;
        assert_eq!(forged.status(), StatusCode::FORBIDDEN);

        let refused = upload(
            vec![("csrf_token", csrf.clone()), ("kind", "customers".into())],
            bad_file,
        )
        .await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = refused
            .text()
            .await
            .unwrap()
            .replace(['\u{2068}', '\u{2069}'], "");
        assert!(html.contains("nothing was imported"), "{html}");
        assert!(html.contains("birth_year"), "the column is named: {html}");
        assert!(html.contains("<td>3</td>"), "the line is named: {html}");
        assert!(app.get("/api/v1/customers/U-1").await.status() == StatusCode::NOT_FOUND);

        let skipped = upload(
            vec![
                ("csrf_token", csrf.clone()),
                ("kind", "customers".into()),
                ("skip_invalid", "1".into()),
            ],
            bad_file,
        )
        .await;
        assert_eq!(skipped.status(), StatusCode::OK);
        let html = skipped
            .text()
            .await
            .unwrap()
            .replace(['\u{2068}', '\u{2069}'], "");
        assert!(html.contains("1 added"), "{html}");
        assert!(
            html.contains("birth_year"),
            "the skipped row's reason is shown"
        );
        assert_eq!(
            app.get("/api/v1/customers/U-1").await.status(),
            StatusCode::OK
        );
        assert_eq!(
            app.get("/api/v1/customers/U-2").await.status(),
            StatusCode::NOT_FOUND
        );

        let good = upload(
            vec![("csrf_token", csrf.clone()), ("kind", "orders".into())],
            "order_id,customer_id,ordered_at,amount\nO-9,U-1,2026-01-05,120.00\nO-10,U-3,2026-01-06,80.00\n",
        )
        .await;
        assert_eq!(good.status(), StatusCode::OK);
        let html = good
            .text()
            .await
            .unwrap()
            .replace(['\u{2068}', '\u{2069}'], "");
        assert!(html.contains("2 added"), "{html}");
        assert_eq!(
            app.get("/api/v1/customers/U-3").await.status(),
            StatusCode::OK
        );
        let imports = app
            .store
            .list_audit(
                &AuditFilter {
                    action: Some("import".into()),
                    ..Default::default()
                },
                &ListRequest::default(),
            )
            .await
            .unwrap();
        assert_eq!(imports.items.len(), 3, "the refusal and both imports");
        assert!(imports.items.iter().all(|e| e.actor == "boss@example.ge"));
    }
}
