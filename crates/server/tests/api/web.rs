//! The web app's pages over real HTTP (the browser tests drive the same pages in Chromium):
//! what each page shows a caller, and that its forms change what the API would.

use reqwest::StatusCode;
use serde_json::json;

use crate::support::*;

async fn page(caller: &As<'_>, path: &str) -> String {
    let response = caller.get(path).await;
    assert_eq!(response.status(), StatusCode::OK, "GET {path}");
    response.text().await.unwrap()
}

/// Win-back lists the caller's lapsed and lost customers only, the bigger spender first, with
/// their open complaints and not the resolved ones.
#[tokio::test]
async fn win_back_lists_the_callers_silent_customers_biggest_spenders_first() {
    for app in apps().await {
        let (_, agent) = employee_with_token(&app.store, "ana@example.com", "agent", None).await;
        employee_with_token(&app.store, "ben@example.com", "agent", None).await;
        let admin = app.as_admin();
        // Silent for two years: lost, and no profit in the last 12 months for anyone, so one
        // tier for all and the order is by what they spent.
        for (id, owner, amounts) in [
            ("W-SMALL", "ana@example.com", ["20.00", "30.00"]),
            ("W-BIG", "ana@example.com", ["900.00", "700.00"]),
            ("W-OTHER", "ben@example.com", ["5000.00", "10.00"]),
        ] {
            app.create(
                "/api/v1/customers",
                json!({"customer_id": id, "name": format!("Name of {id}"), "owner_email": owner}),
            )
            .await;
            for (i, amount) in amounts.iter().enumerate() {
                app
                    .create(
                        "/api/v1/orders",
                        json!({"customer_id": id, "ordered_at": format!("2024-0{}-10", i + 1), "amount": amount}),
                    )
                    .await;
            }
        }
        app
            .create(
                "/api/v1/complaints",
                json!({"customer_id": "W-BIG", "opened_at": "2024-03-01", "severity": "high", "subject": "Parcel never came"}),
            )
            .await;
        app
            .create(
                "/api/v1/complaints",
                json!({"customer_id": "W-BIG", "opened_at": "2024-02-01", "resolved_at": "2024-02-03", "severity": "low", "subject": "Settled long ago"}),
            )
            .await;
        assert_eq!(
            admin
                .patch("/api/v1/settings/types", &json!({}))
                .await
                .status(),
            StatusCode::OK
        );

        let html = page(&app.as_caller(Some(&agent)), "/win-back").await;
        let big = html
            .find("Name of W-BIG")
            .expect("the big spender is listed");
        let small = html
            .find("Name of W-SMALL")
            .expect("the small spender is listed");
        assert!(big < small, "the bigger spender first");
        assert!(!html.contains("W-OTHER"), "another agent's customer shown");
        assert!(html.contains("Parcel never came"));
        assert!(
            !html.contains("Settled long ago"),
            "a resolved complaint shown as open"
        );
        assert!(html.contains("$1,600.00"), "what W-BIG spent: {html}");

        let all = page(&admin, "/win-back?stage=lost").await;
        assert!(all.find("W-OTHER").unwrap() < all.find("W-BIG").unwrap());
        let lapsed_only = page(&admin, "/win-back?stage=lapsed").await;
        assert!(!lapsed_only.contains("W-BIG"));
    }
}

/// The customer list filters by owner, kind, country and tag, sorts, and a bad filter value
/// is answered with a page naming the field.
#[tokio::test]
async fn the_customer_list_filters_sorts_and_names_a_bad_filter() {
    for app in apps().await {
        let admin = app.as_admin();
        employee_with_token(&app.store, "ana@example.com", "agent", None).await;
        for (id, name, kind, country, tags, owner) in [
            (
                "L-1",
                "Arash",
                "external",
                "IR",
                json!(["vip"]),
                json!("ana@example.com"),
            ),
            ("L-2", "Bakur", "intermediary", "GE", json!([]), json!(null)),
            (
                "L-3",
                "Carmela",
                "external",
                "PH",
                json!(["vip"]),
                json!(null),
            ),
        ] {
            app
                .create(
                    "/api/v1/customers",
                    json!({"customer_id": id, "name": name, "kind": kind, "country": country, "tags": tags, "owner_email": owner}),
                )
                .await;
        }
        let ids = |html: &str| -> Vec<&str> {
            ["L-1", "L-2", "L-3"]
                .into_iter()
                .filter(|id| html.contains(&format!(">{id}<")))
                .collect()
        };
        for (path, expected) in [
            ("/customers?kind=intermediary", &["L-2"][..]),
            ("/customers?country=PH", &["L-3"]),
            ("/customers?tag=vip", &["L-1", "L-3"]),
            ("/customers?owner=ana%40example.com", &["L-1"]),
        ] {
            assert_eq!(ids(&page(&admin, path).await), expected, "{path}");
        }
        let descending = page(&admin, "/customers?sort=-name").await;
        assert!(descending.find("Carmela").unwrap() < descending.find("Arash").unwrap());
        let bad = admin.get("/customers?kind=alien").await;
        assert!(
            page_of(bad, StatusCode::UNPROCESSABLE_ENTITY)
                .await
                .contains("kind")
        );
    }
}

/// The customer page's forms record an interaction and feedback and edit the customer, as
/// the API would, each audited; the page then shows them.
#[tokio::test]
async fn the_customer_page_records_contacts_feedback_and_edits() {
    for app in apps().await {
        let admin = app.as_admin();
        employee_with_token(&app.store, "ana@example.com", "agent", None).await;
        app.create_all(
            "/api/v1/customers",
            [
                json!({"customer_id": "ORG-1", "name": "Kartli Wines", "party": "organisation"}),
                json!({"customer_id": "P-1", "name": "Nino", "organisation_id": "ORG-1", "role": "wallet_holder"}),
                json!({"customer_id": "P-2", "name": "Giorgi", "organisation_id": "ORG-1", "role": "ally"}),
            ],
        )
        .await;
        for (path, pairs) in [
            (
                "/customers/P-2/interactions",
                &[
                    ("channel", "call"),
                    ("direction", "outbound"),
                    ("summary", "Asked about the spring order"),
                    ("csrf_token", ""),
                ][..],
            ),
            (
                "/customers/P-2/feedback",
                &[
                    ("nps", "9"),
                    ("csat", ""),
                    ("comment", "Quick delivery"),
                    ("csrf_token", ""),
                ],
            ),
        ] {
            let done = admin.post_form(path, form(pairs)).await;
            assert_eq!(done.status(), StatusCode::OK, "{path}");
            // The page it comes back to says what was done, by the form that did it.
            let said = if path.ends_with("/feedback") {
                "Feedback recorded."
            } else {
                "Contact recorded."
            };
            let page = page_text(done).await;
            assert!(
                page.contains(&format!("role=\"status\">{said}")),
                "{path}: {page}"
            );
        }
        let bad = admin
            .post_form(
                "/customers/P-2/feedback",
                "nps=11&csat=&comment=&csrf_token=",
            )
            .await;
        // Refused on the same page: the mistake beside the field, what was typed kept.
        let refused = page_of(bad, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert!(refused.contains("id=\"nps-error\""), "{refused}");
        assert!(refused.contains("value=\"11\""), "{refused}");
        assert!(
            refused.contains("Giorgi"),
            "the customer page again: {refused}"
        );
        let edited = admin
            .post_form(
                "/customers/P-2",
                form(&[
                    ("name", "Giorgi Beridze"),
                    ("email", "giorgi@example.ge"),
                    ("phone", ""),
                    ("city", "Tbilisi"),
                    ("country", "GE"),
                    ("role", "ally"),
                    ("kind", "external"),
                    ("owner_email", "ana@example.com"),
                    ("channel", "referral"),
                    ("tags", "wine, spring"),
                    ("csrf_token", ""),
                ]),
            )
            .await;
        assert_eq!(edited.status(), StatusCode::OK);
        let customer = json(admin.get("/api/v1/customers/P-2").await).await;
        assert_eq!(customer["name"], "Giorgi Beridze");
        assert_eq!(customer["owner_email"], "ana@example.com");
        assert_eq!(customer["tags"], json!(["spring", "wine"]));
        assert_eq!(customer["acquisition_channel"], "referral");
        let interactions = json(admin.get("/api/v1/interactions?customer_id=P-2").await).await;
        assert_eq!(
            interactions["items"][0]["summary"],
            "Asked about the spring order"
        );
        assert_eq!(
            interactions["items"][0]["employee_email"],
            "root@clientele.test"
        );

        let html = page(&admin, "/customers/P-2").await;
        assert!(html.contains("Asked about the spring order"));
        assert!(
            html.contains("Wallet holder (pays)"),
            "the organisation's wallet holder"
        );
        assert!(html.contains("Nino"));
        assert!(html.contains("Owner changed:"), "owner history");
        let org = page(&admin, "/customers/ORG-1").await;
        assert!(
            org.find("Nino").unwrap() < org.find("Giorgi Beridze").unwrap(),
            "wallet holder first"
        );

        let audit = json(admin.get("/api/v1/audit?limit=50").await).await;
        let actions: Vec<String> = audit["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                format!(
                    "{} {}",
                    e["action"].as_str().unwrap_or(""),
                    e["entity"].as_str().unwrap_or("")
                )
            })
            .collect();
        for expected in ["create interaction", "create feedback", "update customer"] {
            assert!(
                actions.iter().any(|a| a == expected),
                "{expected} not audited: {actions:?}"
            );
        }
    }
}

/// `/customers.csv` writes a cell a spreadsheet would run (`=`, `+`, `-`, `@` first) behind a
/// `'`, through the one CSV writer every export uses.
#[tokio::test]
async fn the_csv_export_neutralises_formula_cells() {
    for app in apps().await {
        app.create(
            "/api/v1/customers",
            json!({"customer_id": "=1+1", "name": "=HYPERLINK(\"http://evil\",\"x\")",
                   "phone": "+995 555 123456", "city": "@SUM(A1)", "email": "-x@example.com"}),
        )
        .await;
        let response = app.as_admin().get("/customers.csv").await;
        assert_eq!(response.status(), StatusCode::OK);
        let text = response.text().await.unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(records.len(), 1, "{text}");
        assert_eq!(
            records[0].iter().take(5).collect::<Vec<_>>(),
            [
                "'=1+1",
                "'=HYPERLINK(\"http://evil\",\"x\")",
                "'-x@example.com",
                "'+995 555 123456",
                "'@SUM(A1)"
            ],
            "{text}"
        );
    }
}

/// The list's CSV is every page of the filtered list the caller may see, streamed, and the
/// export is in the audit log with the rows sent.
#[tokio::test]
async fn the_csv_export_streams_every_page_of_the_callers_list_and_is_audited() {
    for app in apps().await {
        let (_, agent) = employee_with_token(&app.store, "ana@example.com", "agent", None).await;
        employee_with_token(&app.store, "ben@example.com", "agent", None).await;
        let system = clientele_store::AccessScope::System("test");
        let ctx = clientele_core::model::Context::new(
            jiff::Timestamp::now(),
            clientele_core::Currency::USD,
        );
        // More than one page of the list (500) for Ana, one customer for Ben.
        let rows = clientele_store::MAX_LIMIT as usize + 20;
        for i in 0..rows {
            let draft: clientele_core::model::CustomerDraft = serde_json::from_value(json!({
                "customer_id": format!("X-{i:04}"), "name": format!("Ana's, \"client\" {i}"),
                "owner_email": "ana@example.com", "country": if i % 2 == 0 { "GE" } else { "PH" },
            }))
            .unwrap();
            app.store
                .create_customer(&system, &draft.validate(&ctx).unwrap(), "test")
                .await
                .unwrap();
        }
        app.create(
            "/api/v1/customers",
            json!({"customer_id": "Y-1", "name": "Ben's", "owner_email": "ben@example.com"}),
        )
        .await;
        let ana = app.as_caller(Some(&agent));
        let response = ana.get("/customers.csv").await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(
            response.headers()["content-type"],
            "text/csv; charset=utf-8"
        );
        let text = response.text().await.unwrap();
        // UTF-8 with the byte-order mark, so Excel opens Persian and Georgian names cleanly.
        let text = text
            .strip_prefix('\u{feff}')
            .expect("the export starts with the byte-order mark");
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(
            reader.headers().unwrap().iter().collect::<Vec<_>>(),
            [
                "customer_id",
                "name",
                "email",
                "phone",
                "city",
                "country",
                "owner_email",
                "kind",
                "acquisition_channel",
                "tags",
                "stage",
                "tier",
                "flags",
                "orders",
                "spent",
                "last_order_at"
            ]
        );
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(records.len(), rows, "every page, once");
        assert!(
            records.iter().all(|r| &r[0] != "Y-1"),
            "another agent's customer exported"
        );
        assert!(
            records.iter().any(|r| &r[1] == "Ana's, \"client\" 7"),
            "quoting kept"
        );
        let georgian = ana
            .get("/customers.csv?country=GE")
            .await
            .text()
            .await
            .unwrap();
        assert_eq!(georgian.lines().count(), 1 + rows.div_ceil(2));
        let bad = ana.get("/customers.csv?kind=alien").await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);

        // The audit entry is written when the download ends.
        let mut exports = Vec::new();
        for _ in 0..50 {
            let audit = json(
                app.as_admin()
                    .get("/api/v1/audit?action=export&limit=50")
                    .await,
            )
            .await;
            exports = audit["items"].as_array().unwrap().clone();
            if exports.len() >= 2 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        let counts: Vec<(i64, bool)> = exports
            .iter()
            .map(|e| {
                (
                    e["details"]["rows"].as_i64().unwrap(),
                    e["details"]["complete"].as_bool().unwrap(),
                )
            })
            .collect();
        assert!(counts.contains(&(rows as i64, true)), "{exports:?}");
        assert!(
            counts.contains(&(rows.div_ceil(2) as i64, true)),
            "{exports:?}"
        );
    }
}

/// Bad or partial form posts: a field the edit form leaves out is left as stored (only an
/// empty one clears), a form missing a field is answered by a page naming it, and
/// win-back names a filter it does not know; nothing stored is lost on the way.
#[tokio::test]
async fn partial_and_bad_form_posts_lose_nothing_and_name_the_field() {
    for app in apps().await {
        let admin = app.as_admin();
        app.create(
            "/api/v1/customers",
            json!({"customer_id": "B-1", "name": "Leila", "email": "leila@example.ir", "city": "Shiraz", "tags": ["vip"]}),
        )
        .await;
        // Only the city sent: everything else stays.
        let edited = admin.post_form("/customers/B-1", "city=Isfahan").await;
        assert_eq!(edited.status(), StatusCode::OK);
        let customer = json(admin.get("/api/v1/customers/B-1").await).await;
        assert_eq!(customer["city"], "Isfahan");
        assert_eq!(customer["name"], "Leila");
        assert_eq!(customer["email"], "leila@example.ir");
        assert_eq!(customer["tags"], json!(["vip"]));
        // Sent empty: cleared.
        admin.post_form("/customers/B-1", "email=").await;
        let customer = json(admin.get("/api/v1/customers/B-1").await).await;
        assert_eq!(customer["email"], serde_json::Value::Null);
        assert_eq!(customer["name"], "Leila");

        // Feedback with its scores left out of the form: a page that names the field (it
        // was a bare-text deserialisation error before), nothing stored.
        let refused = admin
            .post_form("/customers/B-1/feedback", "comment=Fine")
            .await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            refused.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
        let refused = page_text(refused).await;
        assert!(refused.contains("class=\"problem-box\""), "{refused}");
        assert!(refused.contains(">Fine</textarea>"), "{refused}");
        let feedback = json(admin.get("/api/v1/feedback?customer_id=B-1").await).await;
        assert_eq!(feedback["items"], json!([]));

        let bad = admin.get("/win-back?stage=repeat&tier=Z").await;
        let page = page_of(bad, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert!(page.contains("stage") && page.contains("tier"), "{page}");
    }
}

/// Logging a contact on the customer page records how it ended and, in the same form, the
/// next step as a task for whoever logged it; a contact with nothing said of it is refused.
#[tokio::test]
async fn a_logged_contact_keeps_its_outcome_and_makes_the_follow_up_task() {
    for app in apps().await {
        let admin = app.as_admin();
        app.create(
            "/api/v1/customers",
            json!({"customer_id": "P-1", "name": "Nino"}),
        )
        .await;
        let done = admin
            .post_form(
                "/customers/P-1/interactions",
                form(&[
                    ("channel", "call"),
                    ("direction", "outbound"),
                    ("summary", ""),
                    ("outcome", "no_answer"),
                    ("follow_up_title", "Call Nino again"),
                    ("follow_up_on", "۱۴۰۵"),
                    ("csrf_token", ""),
                ]),
            )
            .await;
        // A Persian-digit year alone is no day: named, and nothing of the form is recorded.
        let refused = page_of(done, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert!(refused.contains("id=\"follow_up_on-error\""), "{refused}");
        assert!(refused.contains("value=\"Call Nino again\""), "{refused}");
        let interactions = json(admin.get("/api/v1/interactions?customer_id=P-1").await).await;
        assert!(
            interactions["items"].as_array().unwrap().is_empty(),
            "{interactions}"
        );
        let done = admin
            .post_form(
                "/customers/P-1/interactions",
                form(&[
                    ("channel", "call"),
                    ("direction", "outbound"),
                    ("summary", "Left a message"),
                    ("outcome", "no_answer"),
                    ("follow_up_title", "Call Nino again"),
                    ("follow_up_on", "2030-01-07"),
                    ("csrf_token", ""),
                ]),
            )
            .await;
        assert_eq!(done.status(), StatusCode::OK);
        let interactions = json(admin.get("/api/v1/interactions?customer_id=P-1").await).await;
        assert_eq!(interactions["items"][0]["outcome"], "no_answer");
        let tasks = json(admin.get("/api/v1/tasks?customer_id=P-1").await).await;
        let task = &tasks["items"][0];
        assert_eq!(task["title"], "Call Nino again");
        assert_eq!(task["due_on"], "2030-01-07");
        assert_eq!(task["assignee_email"], "root@clientele.test");
        let empty = admin
            .post_form(
                "/customers/P-1/interactions",
                form(&[
                    ("channel", "call"),
                    ("direction", "outbound"),
                    ("summary", " "),
                    ("outcome", ""),
                    ("follow_up_title", ""),
                    ("follow_up_on", ""),
                    ("csrf_token", ""),
                ]),
            )
            .await;
        let refused = page_of(empty, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert!(refused.contains("id=\"summary-error\""), "{refused}");
        let interactions = json(admin.get("/api/v1/interactions?customer_id=P-1").await).await;
        assert_eq!(interactions["items"].as_array().unwrap().len(), 1);
    }
}

/// A refused form of the customer page comes back on the same page with each mistake beside
/// its field in the reader's language and what was typed kept, nothing stored; a score typed
/// in Persian digits is read.
#[tokio::test]
async fn a_refused_form_keeps_what_was_typed_and_says_the_mistake_beside_its_field() {
    for app in apps().await {
        let admin = app.as_admin();
        app.create(
            "/api/v1/customers",
            json!({"customer_id": "F-1", "name": "Leila", "email": "leila@example.ir"}),
        )
        .await;
        let saved = admin
            .post_form(
                "/customers/F-1/feedback",
                form(&[("nps", "۹"), ("csat", "")]),
            )
            .await;
        assert_eq!(saved.status(), StatusCode::OK);
        let feedback = json(admin.get("/api/v1/feedback?customer_id=F-1").await).await;
        assert_eq!(feedback["items"][0]["nps"], 9, "{feedback}");

        let refused = admin
            .post_form_in(
                Some("fa"),
                "/customers/F-1",
                form(&[
                    ("name", "Leila Rezaei"),
                    ("email", "not an address"),
                    ("city", "Shiraz"),
                ]),
            )
            .await;
        let page = page_of(refused, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert!(page.contains("value=\"Leila Rezaei\""), "{page}");
        assert!(page.contains("value=\"not an address\""), "{page}");
        assert!(page.contains("value=\"Shiraz\""), "{page}");
        let beside = page
            .split("id=\"e-email-error\">")
            .nth(1)
            .and_then(|rest| rest.split('<').next())
            .expect("the e-mail's mistake beside it");
        assert!(
            beside
                .chars()
                .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)),
            "said in Persian: {beside}"
        );
        assert!(
            page.contains("aria-describedby=\"e-email-error\""),
            "{page}"
        );
        assert!(!page.contains("id=\"e-name-error\""), "{page}");
        let customer = json(admin.get("/api/v1/customers/F-1").await).await;
        assert_eq!(
            (&customer["name"], &customer["email"], &customer["city"]),
            (
                &json!("Leila"),
                &json!("leila@example.ir"),
                &serde_json::Value::Null
            )
        );
    }
}

/// The list's CSV carries what the customer is and their figures: stage, tier, flags, orders,
/// what they spent and their last order; `bom=0` leaves the byte-order mark out.
#[tokio::test]
async fn the_csv_export_carries_the_types_and_the_figures() {
    for app in apps().await {
        app.create(
            "/api/v1/customers",
            json!({"customer_id": "E-1", "name": "نیما", "tags": ["vip", "wholesale"]}),
        )
        .await;
        for (id, day, amount) in [
            ("O-1", "2026-01-05", "40.00"),
            ("O-2", "2026-03-07", "2.50"),
        ] {
            app.create(
                "/api/v1/orders",
                json!({"order_id": id, "customer_id": "E-1", "ordered_at": day, "amount": amount}),
            )
            .await;
        }
        assert_eq!(
            app.patch("/api/v1/settings/types", &json!({}))
                .await
                .status(),
            StatusCode::OK
        );
        let profile = json(app.get("/api/v1/customers/E-1/profile").await).await;
        let text = app
            .as_admin()
            .get("/customers.csv?bom=0")
            .await
            .text()
            .await
            .unwrap();
        assert!(!text.starts_with('\u{feff}'), "{text}");
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers = reader.headers().unwrap().clone();
        let record = reader.records().next().unwrap().unwrap();
        let column = |name: &str| {
            let i = headers.iter().position(|h| h == name).unwrap();
            record[i].to_owned()
        };
        assert_eq!(column("name"), "نیما");
        assert_eq!(column("tags"), "vip,wholesale");
        assert_eq!(column("orders"), "2");
        assert_eq!(column("spent"), "42.50");
        assert_eq!(column("last_order_at"), "2026-03-07T00:00:00Z");
        assert_eq!(
            column("stage"),
            profile["stage"].as_str().unwrap(),
            "{profile}"
        );
        assert_eq!(column("tier"), profile["tier"].as_str().unwrap());
        let mut flags: Vec<&str> = profile["flags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap())
            .collect();
        flags.sort_unstable();
        let exported = column("flags");
        let mut exported: Vec<&str> = exported.split(',').filter(|f| !f.is_empty()).collect();
        exported.sort_unstable();
        assert_eq!(exported, flags);
    }
}

/// The customer page records an order, resolves and reopens a complaint and deletes an
/// entry of the timeline, each through the API's use cases (the API then shows it), each
/// said on the page it comes back to; a bad amount is said beside its field.
#[tokio::test]
async fn the_customer_page_records_orders_and_changes_its_timeline() {
    for app in apps().await {
        let admin = app.as_admin();
        app.create(
            "/api/v1/customers",
            json!({"customer_id": "T-1", "name": "Tamar"}),
        )
        .await;
        app.create(
            "/api/v1/complaints",
            json!({"complaint_id": "K-1", "customer_id": "T-1", "opened_at": "2026-11-01", "severity": "high"}),
        )
        .await;
        let recorded = admin
            .post_form(
                "/customers/T-1/orders",
                form(&[
                    ("amount", "۱۲۰٫۵۰"),
                    ("ordered_on", "2026-11-20"),
                    ("order_id", "W-1"),
                ]),
            )
            .await;
        let page = page_of(recorded, StatusCode::OK).await;
        assert!(page.contains("Order recorded"), "{page}");
        let order = json(admin.get("/api/v1/orders/W-1").await).await;
        assert_eq!(order["amount"], "120.50", "{order}");
        let bad = admin
            .post_form("/customers/T-1/orders", form(&[("amount", "lots")]))
            .await;
        let page = page_of(bad, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert!(page.contains("id=\"amount-error\""), "{page}");
        assert!(page.contains("value=\"lots\""), "{page}");

        let resolved = admin
            .post_form("/customers/T-1/records/complaints/K-1/resolve", "")
            .await;
        assert!(
            page_of(resolved, StatusCode::OK)
                .await
                .contains("Complaint resolved")
        );
        let complaint = json(admin.get("/api/v1/complaints/K-1").await).await;
        assert!(complaint["resolved_at"].is_string(), "{complaint}");
        admin
            .post_form("/customers/T-1/records/complaints/K-1/reopen", "")
            .await;
        let complaint = json(admin.get("/api/v1/complaints/K-1").await).await;
        assert!(complaint["resolved_at"].is_null(), "{complaint}");

        let page = admin.page("/customers/T-1").await;
        assert!(
            page.contains("/customers/T-1/records/orders/W-1/delete"),
            "{page}"
        );
        let deleted = admin
            .post_form("/customers/T-1/records/orders/W-1/delete", "")
            .await;
        assert!(
            page_of(deleted, StatusCode::OK)
                .await
                .contains("Entry deleted")
        );
        assert_eq!(
            admin.get("/api/v1/orders/W-1").await.status(),
            StatusCode::NOT_FOUND
        );
        assert!(!app.audited("delete").await.is_empty());
    }
}

/// A new customer from the app: an organisation, then its wallet holder naming it, through
/// the API's use case (the API then shows them); a bad e-mail is said beside its field with
/// what was typed kept, and nothing is added.
#[tokio::test]
async fn a_new_customer_and_an_organisation_s_wallet_holder_are_added_in_the_app() {
    for app in apps().await {
        let admin = app.as_admin();
        let form_page = admin.page("/customers/new").await;
        assert!(form_page.contains("<label for=\"country\">"), "{form_page}");
        let org = admin
            .post_form(
                "/customers/new",
                form(&[
                    ("name", "Kartli Wines"),
                    ("party", "organisation"),
                    ("country", "GE"),
                ]),
            )
            .await;
        let page = page_of(org, StatusCode::OK).await;
        assert!(page.contains("Kartli Wines"), "{page}");
        let list = json(admin.get("/api/v1/customers?q=Kartli").await).await;
        let org_id = list["items"][0]["customer_id"].as_str().unwrap().to_owned();
        assert_eq!(list["items"][0]["party"], "organisation");
        assert_eq!(list["items"][0]["country"], "GE");
        let person = admin
            .post_form(
                "/customers/new",
                form(&[
                    ("name", "Nino Beridze"),
                    ("party", "person"),
                    ("organisation_id", &org_id),
                    ("role", "wallet_holder"),
                    ("tags", "vip، wine"),
                ]),
            )
            .await;
        assert_eq!(person.status(), StatusCode::OK);
        let people = json(admin.get("/api/v1/customers?q=Nino").await).await;
        assert_eq!(people["items"][0]["organisation_id"], org_id.as_str());
        assert_eq!(people["items"][0]["role"], "wallet_holder");
        assert_eq!(people["items"][0]["tags"], json!(["vip", "wine"]));

        let bad = admin
            .post_form(
                "/customers/new",
                form(&[("name", "Giorgi"), ("email", "not an address")]),
            )
            .await;
        let page = page_of(bad, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert!(page.contains("id=\"email-error\""), "{page}");
        assert!(page.contains("value=\"Giorgi\""), "{page}");
        let none = json(admin.get("/api/v1/customers?q=Giorgi").await).await;
        assert_eq!(none["items"], json!([]));
    }
}

/// The edit form offers the country by its name in the reader's language, the stored one
/// chosen, so saving another field keeps it.
#[tokio::test]
async fn the_edit_form_names_countries_and_keeps_the_stored_one() {
    for app in apps().await {
        let admin = app.as_admin();
        app.create(
            "/api/v1/customers",
            json!({"customer_id": "C-1", "name": "Leila", "country": "IR"}),
        )
        .await;
        let persian = page_text(
            admin
                .request(reqwest::Method::GET, "/customers/C-1")
                .header("accept-language", "fa")
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert!(
            persian.contains("<option value=\"IR\" selected>ایران</option>"),
            "{persian}"
        );
        let english = admin.page("/customers/C-1").await;
        assert!(
            english.contains("<option value=\"IR\" selected>Iran</option>"),
            "{english}"
        );
        // What a browser sends back for that form: the chosen option's value.
        admin
            .post_form(
                "/customers/C-1",
                form(&[("name", "Leila Rezaei"), ("country", "IR")]),
            )
            .await;
        let customer = json(admin.get("/api/v1/customers/C-1").await).await;
        assert_eq!(
            (&customer["name"], &customer["country"]),
            (&json!("Leila Rezaei"), &json!("IR"))
        );
    }
}
