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

#[tokio::test]
async fn each_admin_page_answers_only_those_allowed() {
    for app in apps().await {
        let staff = staff(&app.store).await;
        let admin = app.as_admin();
        let manager = app.as_caller(Some(&staff.manager));
        let agent = app.as_caller(Some(&staff.agent_a));
        let analyst = app.as_caller(Some(&staff.analyst));
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
                let html = page_text(response).await;
                assert!(html.contains("<html"), "{who} {path}: a page, not {html}");
            }
        }
        // The links are shown to those who may follow them.
        let all: &[&str] = &["/settings", "/team", "/audit", "/import"];
        for (who, caller, shown, hidden) in [
            ("admin", &admin, all, &[][..]),
            ("manager", &manager, &["/team"][..], &["/settings"][..]),
            ("agent", &agent, &[][..], all),
        ] {
            let nav = caller.page("/").await;
            for link in shown {
                assert!(nav.contains(&format!("href=\"{link}\"")), "{who}: {link}");
            }
            for link in hidden {
                assert!(!nav.contains(&format!("href=\"{link}\"")), "{who}: {link}");
            }
        }
        // Changing the settings is refused to a manager, and nothing is saved.
        let refused = manager
            .post_form("/settings", settings_form(&[("new_days", "5")]))
            .await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
        assert_eq!(app.store.stored_type_settings().await.unwrap(), None);
    }
}

#[tokio::test]
async fn a_preview_changes_nothing_a_save_changes_the_counts_and_a_bad_value_is_named() {
    for app in apps().await {
        classified_demo(&app).await;
        let admin = app.as_admin();
        let page = admin.page("/settings").await;
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
        // Nothing written: the counts and the settings as they were.
        let unchanged = async || {
            assert_eq!(
                app.store.type_counts(&AccessScope::All).await.unwrap(),
                counts_before
            );
            assert_eq!(
                app.store.stored_type_settings().await.unwrap(),
                Some(TypeSettings::default())
            );
        };
        let stricter = [("lapse_min_days", "20"), ("lapse_interval_multiple", "1")];

        let preview = admin
            .post_form("/settings/preview", settings_form(&stricter))
            .await;
        let html = page_of(preview, StatusCode::OK).await;
        assert!(html.contains("would change type"), "{html}");
        assert!(
            html.contains("→ Lapsed"),
            "a move to lapsed is counted: {html}"
        );
        assert!(html.contains("value=\"20\""), "the form keeps the values");
        // Nothing was written: counts, settings, audit log.
        unchanged().await;
        assert_eq!(audit_entries().await, audited_before);

        // A bad value is named in the page's language and nothing is saved.
        let bad = admin
            .post_form_in(
                Some("ka"),
                "/settings",
                settings_form(&[("tier_a_share", "1.5"), ("lapse_min_days", "20")]),
            )
            .await;
        let html = page_of(bad, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert!(html.contains("კატეგორია A: მოგების წილი"), "{html}");
        assert!(html.contains("aria-invalid=\"true\""));
        unchanged().await;

        let saved = admin.post_form("/settings", settings_form(&stricter)).await;
        let html = page_of(saved, StatusCode::OK).await;
        assert!(html.contains("re-evaluated"), "{html}");
        let stored = app.store.stored_type_settings().await.unwrap().unwrap();
        assert_eq!(stored.lapse_min_days, 20);
        let counts_after = app.store.type_counts(&AccessScope::All).await.unwrap();
        assert_ne!(counts_after.stages, counts_before.stages);
        assert_eq!(
            app.audited("settings").await.len(),
            2,
            "the demo's classification and this save"
        );
    }
}

#[tokio::test]
async fn the_team_page_adds_users_and_hands_customers_over_within_scope() {
    for app in apps().await {
        let staff = staff(&app.store).await;
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
        let manager = app.as_caller(Some(&staff.manager));
        let admin = app.as_admin();
        let page = manager.page("/team").await;
        assert!(page.contains("a@example.ge"));
        assert!(
            !page.contains("b@example.ge"),
            "another team's member is not listed"
        );
        assert!(
            !page.contains("action=\"/team/users\""),
            "only admins add users"
        );
        // A manager cannot hand over someone outside their team; within the team, one chosen
        // customer moves to the manager.
        for (body, status, says) in [
            (
                "from=b%40example.ge&to=a%40example.ge&customers=T-3",
                StatusCode::UNPROCESSABLE_ENTITY,
                "No such employee in your team",
            ),
            (
                "from=a%40example.ge&to=mgr%40example.ge&customers=T-1",
                StatusCode::OK,
                "customer moved from",
            ),
        ] {
            let html = page_of(manager.post_form("/team/handover", body).await, status).await;
            assert!(html.contains(says), "{body}: {html}");
        }
        for (id, owner) in [("T-1", "mgr@example.ge"), ("T-2", "a@example.ge")] {
            let customer = json(app.get(&format!("/api/v1/customers/{id}")).await).await;
            assert_eq!(customer["owner_email"], owner, "{id}");
        }
        assert_eq!(app.audited("handover").await.len(), 1);

        // No slip moves anyone: "To" offers no analyst and preselects nobody, an empty "To"
        // or "only these" with none named is said, an analyst is refused by the server too,
        // and handing all over says what it does and asks once before it deactivates.
        let team = admin.page("/team").await;
        let to = team
            .split("<select id=\"to\"")
            .nth(1)
            .and_then(|rest| rest.split("</select>").next())
            .expect("the To list");
        assert!(!to.contains("an@example.ge"), "{to}");
        assert!(to.contains("<option value=\"\" selected>"), "{to}");
        for (body, says) in [
            (
                "from=a%40example.ge&to=&which=all",
                "Choose who takes the customers.",
            ),
            (
                "from=a%40example.ge&to=mgr%40example.ge&which=chosen&customers=",
                "Name the customers to hand over",
            ),
            (
                "from=a%40example.ge&to=an%40example.ge&which=chosen&customers=T-2",
                "an@example.ge is an analyst",
            ),
        ] {
            let html = page_of(
                admin.post_form("/team/handover", body).await,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
            assert!(html.contains(says), "{body}: {html}");
        }
        let refused = problem(
            admin
                .post(
                    "/api/v1/handovers",
                    &json!({"from": "a@example.ge", "to": "an@example.ge"}),
                )
                .await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(fields(&refused), ["to"], "{refused}");
        let asked = page_of(
            admin
                .post_form(
                    "/team/handover",
                    "from=a%40example.ge&to=mgr%40example.ge&which=all",
                )
                .await,
            StatusCode::OK,
        )
        .await;
        assert!(
            asked.contains("This moves the one customer of a@example.ge to mgr@example.ge and deactivates a@example.ge"),
            "{asked}"
        );
        assert!(asked.contains("name=\"confirmed\" value=\"1\""), "{asked}");
        let still = app.store.employee_by_email("a@example.ge").await.unwrap();
        assert!(still.employee.active, "asking moved nothing");
        assert_eq!(app.audited("handover").await.len(), 1);
        let done = page_of(
            admin
                .post_form(
                    "/team/handover",
                    "from=a%40example.ge&to=mgr%40example.ge&which=all&confirmed=1",
                )
                .await,
            StatusCode::OK,
        )
        .await;
        assert!(done.contains("a@example.ge was deactivated."), "{done}");
        // Deactivating says what it does and asks once too.
        let b = app.store.employee_by_email("b@example.ge").await.unwrap();
        let asked = page_of(
            admin
                .post_form("/team/deactivate", format!("employee_id={}", b.employee_id))
                .await,
            StatusCode::OK,
        )
        .await;
        assert!(
            asked.contains("Deactivating b@example.ge ends their sessions and tokens at once. Their one customer stays theirs"),
            "{asked}"
        );
        let b_now = app.store.employee_by_email("b@example.ge").await.unwrap();
        assert!(b_now.employee.active, "asking deactivated nobody");
        admin
            .post_form(
                "/team/deactivate",
                format!("employee_id={}&confirmed=1", b.employee_id),
            )
            .await;
        let b_now = app.store.employee_by_email("b@example.ge").await.unwrap();
        assert!(!b_now.employee.active);

        // An admin adds a user, whose one-time password is shown once and works.
        let added = admin
            .post_form(
                "/team/users",
                "email=new%40example.ge&name=New+One&role=agent&team=Retail",
            )
            .await;
        let html = page_of(added, StatusCode::OK).await;
        let password = one_time_password_in(&html);
        let signed_in = sign_in(&reqwest::Client::new(), &app, "new@example.ge", &password).await;
        assert_eq!(signed_in.status(), StatusCode::OK);
        let again = admin.page("/team").await;
        assert!(!again.contains(&password), "shown once only");
        // A duplicate is refused, named, and a manager may not add anyone.
        for (who, caller, body, status) in [
            (
                "admin",
                &admin,
                "email=new%40example.ge&name=X&role=agent&team=",
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            (
                "manager",
                &manager,
                "email=x%40example.ge&name=X&role=admin&team=",
                StatusCode::FORBIDDEN,
            ),
        ] {
            let response = caller.post_form("/team/users", body).await;
            assert_eq!(response.status(), status, "{who}: {body}");
        }
        assert!(app.store.employee_by_email("x@example.ge").await.is_err());
    }
}

#[tokio::test]
async fn the_audit_page_lists_a_sign_in_newest_first() {
    for app in apps().await {
        staff(&app.store).await;
        session(&app, "a@example.ge").await;
        let html = app.page("/audit?action=sign-in").await;
        assert!(html.contains("a@example.ge"), "{html}");
        let all = app.page("/audit").await;
        // Newest first: the admin's own token use of this request's neighbours comes after
        // the sign-in only if it is older; the sign-in is listed above the employees created
        // before it.
        let sign_in = all
            .find("<td>Signed in</td>")
            .expect("the sign-in is listed, in words");
        let created = all.rfind("<td>Added</td>").unwrap_or(usize::MAX);
        assert!(sign_in < created || created == usize::MAX);
        // Details read as a list of named fields, not JSON; the filters are lists to choose.
        assert!(!all.contains("{&quot;"), "raw JSON in the details: {all}");
        assert!(
            all.contains("<select id=\"action\" name=\"action\">"),
            "{all}"
        );
        assert!(all.contains("<option value=\"a@example.ge\">"), "{all}");
        let filtered = app.page("/audit?since=2999-01-01").await;
        assert!(!filtered.contains("<td>Signed in</td>"));
        // A Persian reader types the day in Jalali, in Persian digits: ۱۴۰۵/۰۱/۰۱ is
        // 2026-03-21, before today's sign-in; a Jalali day far ahead lists nothing.
        let in_persian = async |since: &str| {
            page_text(
                app.as_admin()
                    .request(
                        reqwest::Method::GET,
                        &format!(
                            "/audit?action=sign-in&since={}",
                            form_urlencoded::byte_serialize(since.as_bytes()).collect::<String>()
                        ),
                    )
                    .header("accept-language", "fa")
                    .send()
                    .await
                    .unwrap(),
            )
            .await
        };
        let persian = in_persian("۱۴۰۵/۰۱/۰۱").await;
        assert!(persian.contains("<td>وارد شد</td>"), "{persian}");
        let ahead = in_persian("۱۵۰۰/۰۱/۰۱").await;
        assert!(!ahead.contains("<td>وارد شد</td>"), "{ahead}");
        let bad = app.page("/audit?since=yesterday").await;
        assert!(bad.contains("The date cannot be read"));
    }
}

#[tokio::test]
async fn an_upload_with_an_error_imports_nothing_unless_the_bad_rows_are_skipped() {
    for app in apps().await {
        staff(&app.store).await;
        employee_with_token(&app.store, "boss@example.ge", "admin", None).await;
        let (client, csrf) = session(&app, "boss@example.ge").await;
        let csrf = csrf.as_str();
        let bad_file = "customer_id,name,birth_year\nU-1,Ana,1980\nU-2,Bob,notayear\n";
        let status = async |id: &str| app.get(&format!("/api/v1/customers/{id}")).await.status();
        let import = async |fields: &[(&str, &str)], file: &str| {
            upload(&client, &app, None, fields, file).await
        };
        // Without the CSRF token the upload is refused.
        let forged = import(&[("kind", "customers")], bad_file).await;
        assert_eq!(forged.status(), StatusCode::FORBIDDEN);

        let refused = import(&[("csrf_token", csrf), ("kind", "customers")], bad_file).await;
        let html = page_of(refused, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert!(html.contains("nothing was imported"), "{html}");
        assert!(html.contains("birth_year"), "the column is named: {html}");
        assert!(html.contains("<td>3</td>"), "the line is named: {html}");
        assert!(status("U-1").await == StatusCode::NOT_FOUND);

        let skipped = import(
            &[
                ("csrf_token", csrf),
                ("kind", "customers"),
                ("skip_invalid", "1"),
            ],
            bad_file,
        )
        .await;
        let html = page_of(skipped, StatusCode::OK).await;
        assert!(html.contains("1 added"), "{html}");
        assert!(html.contains("Imported, with rows skipped"), "{html}");
        assert!(
            html.contains("birth_year"),
            "the skipped row's reason is shown"
        );
        assert_eq!(status("U-1").await, StatusCode::OK);
        assert_eq!(status("U-2").await, StatusCode::NOT_FOUND);

        let good = import(&[("csrf_token", csrf), ("kind", "orders")],
            "order_id,customer_id,ordered_at,amount\nO-9,U-1,2026-01-05,120.00\nO-10,U-3,2026-01-06,80.00\n",
        )
        .await;
        let html = page_of(good, StatusCode::OK).await;
        assert!(html.contains("2 added"), "{html}");
        assert!(html.contains(">Imported</h2>"), "{html}");
        // Every row skipped: said as nothing imported, not as "Imported".
        let none = import(
            &[
                ("csrf_token", csrf),
                ("kind", "customers"),
                ("skip_invalid", "1"),
            ],
            "customer_id,name,birth_year\nU-7,Ana,notayear\nU-8,Bob,neither\n",
        )
        .await;
        let html = page_of(none, StatusCode::OK).await;
        assert!(html.contains("0 added"), "{html}");
        assert!(html.contains(">Nothing imported</h2>"), "{html}");
        assert!(!html.contains(">Imported</h2>"), "{html}");
        assert_eq!(status("U-3").await, StatusCode::OK);
        let imports = app.audited("import").await;
        assert_eq!(imports.len(), 4, "the refusal and the three imports");
        assert!(imports.iter().all(|e| e.actor == "boss@example.ge"));
    }
}

/// An upload larger than axum's default body limit of 2 MiB, on a server whose limit is
/// raised, is read whole: its CSRF token is found and the file gets its own answer (here a
/// column the import does not know), not "must send its CSRF token".
#[tokio::test]
async fn an_upload_over_two_mebibytes_keeps_its_csrf_token_when_the_limit_allows_it() {
    let config = clientele_server::ServerConfig {
        max_body_bytes: 8 * 1024 * 1024,
        ..Default::default()
    };
    for app in apps_with(config).await {
        employee_with_token(&app.store, "boss@example.ge", "admin", None).await;
        let (client, csrf) = session(&app, "boss@example.ge").await;
        let file = format!("customer_id,shoe_size\n{}\n", "x".repeat(3 * 1024 * 1024));
        let fields = [("csrf_token", csrf.as_str()), ("kind", "customers")];
        let answer = upload(&client, &app, None, &fields, &file).await;
        let html = page_of(answer, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert!(!html.contains("CSRF"), "{html}");
        assert!(html.contains("shoe_size"), "the file's own problem: {html}");
    }
}
