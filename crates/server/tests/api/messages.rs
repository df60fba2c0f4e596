//! Validation errors on the web pages are said in the page's language, field names too; the
//! API's English is unchanged.

use reqwest::StatusCode;
use serde_json::json;

use crate::support::*;

/// A bad list filter and a bad feedback score, asked for in Persian, are named in Persian:
/// the message, the field's name, the numbers in Persian digits; the values typed as typed.
#[tokio::test]
async fn a_validation_error_on_a_persian_page_is_said_in_persian() {
    for app in apps().await {
        let admin = app.as_admin();
        app.create(
            "/api/v1/customers",
            json!({"customer_id": "P-1", "name": "Nino"}),
        )
        .await;

        for (what, bad, persian, english) in [
            (
                "a list filter",
                admin
                    .request(reqwest::Method::GET, "/customers?kind=alien")
                    .header("accept-language", "fa")
                    .send()
                    .await
                    .unwrap(),
                "گونهٔ مشتری: «alien» هیچ‌یک از این‌ها نیست:",
                "is not one of",
            ),
            (
                "a feedback score",
                admin
                    .post_form_in(
                        Some("fa"),
                        "/customers/P-1/feedback",
                        form(&[
                            ("nps", "11"),
                            ("csat", ""),
                            ("comment", ""),
                            ("csrf_token", ""),
                        ]),
                    )
                    .await,
                "امتیاز NPS: ۱۱ بیرون از بازهٔ ۰ تا ۱۰ است",
                "is outside",
            ),
        ] {
            let html = page_of(bad, StatusCode::UNPROCESSABLE_ENTITY).await;
            assert!(html.contains(persian), "{what}: {html}");
            assert!(!html.contains(english), "{what}: {html}");
        }

        // The same in English says what the API says.
        let html = admin.page("/customers?kind=alien").await;
        assert!(
            html.contains("kind: `alien` is not one of: external, intermediary, internal"),
            "{html}"
        );
        let problem = problem(
            admin.get("/api/v1/customers?kind=alien").await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(
            problem["errors"][0]["message"],
            "`alien` is not one of: external, intermediary, internal"
        );
    }
}

/// An import refused for its rows lists each row's problem in the page's language.
#[tokio::test]
async fn an_import_report_is_said_in_the_pages_language() {
    for app in apps().await {
        employee_with_token(&app.store, "boss@example.ge", "admin", None).await;
        let (client, csrf) = session(&app, "boss@example.ge").await;
        let file = "customer_id,name,birth_year,owner_email\nU-1,Ana,notayear,\nU-1,Bob,1980,nobody@example.ge\n";
        let refused = upload(
            &client,
            &app,
            Some("ka"),
            &[("csrf_token", csrf.as_str()), ("kind", "customers")],
            file,
        )
        .await;
        let html = page_of(refused, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert!(html.contains("„notayear“ არ არის მთელი რიცხვი"), "{html}");
        assert!(
            html.contains("„U-1“ უკვე გვხვდება ამ ფაილის 2-ე ხაზზე"),
            "{html}"
        );
        assert!(!html.contains("is not a whole number"), "{html}");
        assert!(!html.contains("already appears"), "{html}");
    }
}
