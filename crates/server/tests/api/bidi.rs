//! Text that runs both ways: a bidirectional override in a name or an id is refused (a
//! customer named with U+202E shows reversed and can pose as another), and what users typed
//! is isolated in pages, so that a right-to-left name does not reorder the text around it.

use reqwest::StatusCode;
use serde_json::json;

use crate::support::*;

#[tokio::test]
async fn bidirectional_overrides_in_names_and_ids_are_refused_naming_the_character() {
    for app in apps().await {
        for (field, body) in [
            (
                "name",
                json!({"customer_id": "C-1", "name": "Ana \u{202E}zerezlA"}),
            ),
            (
                "customer_id",
                json!({"customer_id": "C-\u{2067}1", "name": "Ana"}),
            ),
        ] {
            let refused = app
                .post_problem("/api/v1/customers", &body, StatusCode::UNPROCESSABLE_ENTITY)
                .await;
            assert_eq!(fields(&refused), [field], "{refused}");
            let says = refused["errors"][0]["message"].as_str().unwrap();
            assert!(
                says.contains("bidirectional control character U+"),
                "{says}"
            );
        }
        let employee = app
            .post_problem(
                "/api/v1/employees",
                &json!({"name": "\u{202D}Root", "email": "r@example.ge", "role": "agent"}),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        assert_eq!(fields(&employee), ["name"], "{employee}");
        let listed = json(app.get("/api/v1/customers").await).await;
        assert!(listed["items"].as_array().unwrap().is_empty(), "{listed}");
        // The web form's edit says so too, in the page's language, and changes nothing.
        app.create(
            "/api/v1/customers",
            json!({"customer_id": "C-2", "name": "Bea"}),
        )
        .await;
        let page = app
            .as_admin()
            .post_form_in(
                Some("fa"),
                "/customers/C-2",
                form(&[("name", "Bea \u{202E}x")]),
            )
            .await;
        let page = page_text(page).await;
        assert!(
            page.contains("U+202E") && page.contains("نویسهٔ کنترل جهت"),
            "{page}"
        );
        let stored = json(app.get("/api/v1/customers/C-2").await).await;
        assert_eq!(stored["name"], "Bea");
    }
}

#[tokio::test]
async fn names_and_ids_typed_by_users_are_isolated_in_pages() {
    for app in apps().await {
        app.create(
            "/api/v1/customers",
            json!({"customer_id": "O-1", "name": "شرکت آلفا", "party": "organisation", "owner_email": null}),
        )
        .await;
        app.create(
            "/api/v1/customers",
            json!({"customer_id": "C-1", "name": "لیلا رضایی", "organisation_id": "O-1", "role": "wallet_holder", "city": "تهران"}),
        )
        .await;
        let list = app.page("/customers").await;
        for isolated in ["<bdi>لیلا رضایی</bdi>", "<bdi>C-1</bdi>", "<bdi>تهران</bdi>"]
        {
            assert!(list.contains(isolated), "`{isolated}` not in the list");
        }
        let customer = app.page("/customers/C-1").await;
        assert!(
            customer.contains("<h1><bdi>لیلا رضایی</bdi> <bdi class=\"id\">C-1</bdi></h1>"),
            "{customer}"
        );
        assert!(customer.contains("<bdi>O-1</bdi>"), "the organisation");
        let organisation = app.page("/customers/O-1").await;
        assert!(organisation.contains("<bdi>لیلا رضایی</bdi>"), "its people");
        let team = app.page("/team").await;
        assert!(team.contains("<bdi>root@clientele.test</bdi>"), "{team}");
    }
}
