//! Lists: filters, text search, sorting and cursor pagination, over HTTP.

use serde_json::{Value, json};

use crate::support::*;

async fn all_pages(app: &TestApp, path: &str) -> Vec<Value> {
    let mut items = Vec::new();
    let mut url = path.to_owned();
    loop {
        let page = json(app.get(&url).await).await;
        items.extend(page["items"].as_array().unwrap().iter().cloned());
        match page["next_cursor"].as_str() {
            Some(cursor) => {
                let separator = if path.contains('?') { '&' } else { '?' };
                url = format!("{path}{separator}cursor={cursor}");
            }
            None => return items,
        }
    }
}

#[tokio::test]
async fn filters_sorting_and_pages_work_together() {
    for app in apps().await {
        app.create(
            "/api/v1/employees",
            json!({"name": "Nino", "email": "nino@example.ge"}),
        )
        .await;
        for i in 0..12 {
            let country = if i % 3 == 0 { "GE" } else { "PH" };
            let owner = if i % 2 == 0 {
                Some("nino@example.ge")
            } else {
                None
            };
            app.create(
                "/api/v1/customers",
                json!({"customer_id": format!("C-{i:02}"), "name": format!("Name {}", 11 - i), "country": country,
                       "owner_email": owner, "tags": if i < 4 { vec!["vip"] } else { vec![] },
                       "created_at": format!("2026-01-{:02}", i + 1)}),
            )
            .await;
        }
        for (path, count) in [
            ("/api/v1/customers?country=GE&limit=2", 4),
            ("/api/v1/customers?owner_email=none", 6),
            (
                "/api/v1/customers?created_from=2026-01-03&created_to=2026-01-06",
                3,
            ),
        ] {
            assert_eq!(all_pages(&app, path).await.len(), count, "{path}");
        }
        let vips = all_pages(
            &app,
            "/api/v1/customers?tag=vip&owner_email=nino@example.ge",
        )
        .await;
        assert_eq!(
            vips.iter()
                .map(|c| c["customer_id"].as_str().unwrap())
                .collect::<Vec<_>>(),
            ["C-00", "C-02"]
        );
        let by_name = all_pages(&app, "/api/v1/customers?sort=-name&limit=5").await;
        let names: Vec<&str> = by_name
            .iter()
            .map(|c| c["name"].as_str().unwrap())
            .collect();
        let mut sorted = names.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(names, sorted);
        assert_eq!(names.len(), 12);
    }
}

#[tokio::test]
async fn a_persian_name_typed_with_arabic_letters_is_found() {
    for app in apps().await {
        app.create_all(
            "/api/v1/customers",
            [
                json!({"customer_id": "IR-1", "name": "علی کریمی", "phone": "۰۹۱۲ ۱۲۳ ۴۵۶۷"}),
                json!({"customer_id": "IR-2", "name": "مهسا\u{200c}سادات"}),
            ],
        )
        .await;
        for (what, query, id) in [
            (
                // Arabic yeh (ي) and kaf (ك) instead of the Persian ones.
                "Arabic letters",
                "%D8%B9%D9%84%D9%8A%20%D9%83%D8%B1%D9%8A%D9%85%D9%8A",
                "IR-1",
            ),
            (
                "without the zero-width non-joiner",
                "%D9%85%D9%87%D8%B3%D8%A7%D8%B3%D8%A7%D8%AF%D8%A7%D8%AA",
                "IR-2",
            ),
            (
                "the telephone in ASCII digits, spaced differently",
                "0912-1234567",
                "IR-1",
            ),
        ] {
            let found = all_pages(&app, &format!("/api/v1/customers?q={query}")).await;
            assert_eq!(found.len(), 1, "{what} on {:?}", app.backend);
            assert_eq!(found[0]["customer_id"], id, "{what}");
        }
        // A LIKE wildcard is a literal character, not a match-all.
        assert!(all_pages(&app, "/api/v1/customers?q=%25").await.is_empty());
    }
}
