//! Validation errors on the web pages are said in the page's language, field names too; the
//! API's English is unchanged.

use reqwest::StatusCode;
use serde_json::json;

use crate::admin_pages::{multipart, session};
use crate::support::*;

/// The text of a page without Fluent's bidi isolation marks.
async fn text(response: reqwest::Response) -> String {
    response
        .text()
        .await
        .unwrap()
        .replace(['\u{2068}', '\u{2069}'], "")
}

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

        let bad = admin
            .request(reqwest::Method::GET, "/customers?kind=alien")
            .header("accept-language", "fa")
            .send()
            .await
            .unwrap();
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = text(bad).await;
        assert!(
            html.contains("گونهٔ مشتری: «alien» هیچ‌یک از این‌ها نیست:"),
            "{html}"
        );
        assert!(!html.contains("is not one of"), "{html}");

        let mut form = form_urlencoded::Serializer::new(String::new());
        form.extend_pairs([
            ("nps", "11"),
            ("csat", ""),
            ("comment", ""),
            ("csrf_token", ""),
        ]);
        let bad = admin
            .request(reqwest::Method::POST, "/customers/P-1/feedback")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept-language", "fa")
            .body(form.finish())
            .send()
            .await
            .unwrap();
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = text(bad).await;
        assert!(
            html.contains("امتیاز NPS: ۱۱ بیرون از بازهٔ ۰ تا ۱۰ است"),
            "{html}"
        );
        assert!(!html.contains("is outside"), "{html}");

        // The same in English says what the API says.
        let bad = admin.get("/customers?kind=alien").await;
        let html = text(bad).await;
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
        let (content_type, body) = multipart(
            &[("csrf_token", csrf.as_str()), ("kind", "customers")],
            file,
        );
        let refused = client
            .post(app.url("/import"))
            .header("content-type", content_type)
            .header("accept-language", "ka")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = text(refused).await;
        assert!(html.contains("„notayear“ არ არის მთელი რიცხვი"), "{html}");
        assert!(
            html.contains("„U-1“ უკვე გვხვდება ამ ფაილის 2-ე ხაზზე"),
            "{html}"
        );
        assert!(!html.contains("is not a whole number"), "{html}");
        assert!(!html.contains("already appears"), "{html}");
    }
}
