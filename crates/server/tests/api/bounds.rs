//! What one customer can accumulate: sums never overflow, and a write past the bound is
//! refused with an error that names the amount.

use reqwest::StatusCode;
use serde_json::json;

use crate::support::*;

/// The largest amount an order or a cost may have (9×10^16 minor units), as the API writes it
/// in the test currency (two decimals).
const LARGEST: &str = "900000000000000.00";

#[tokio::test]
async fn one_customer_cannot_accumulate_past_the_bound_and_sums_stay_exact() {
    for app in apps().await {
        app.create(
            "/api/v1/customers",
            json!({"customer_id": "RICH", "name": "Rich"}),
        )
        .await;
        // Ten of the largest orders reach the bound exactly; the eleventh would pass it.
        for day in 1..=10 {
            app.create(
                "/api/v1/orders",
                json!({"customer_id": "RICH", "ordered_at": format!("2026-01-{day:02}"), "amount": LARGEST}),
            )
            .await;
        }
        let past = app
            .post(
                "/api/v1/orders",
                &json!({"customer_id": "RICH", "ordered_at": "2026-01-11", "amount": LARGEST}),
            )
            .await;
        let refusal = problem(past, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(fields(&refusal), ["amount"], "{refusal}");
        assert!(refusal.to_string().contains("RICH"), "{refusal}");
        // Even a small order more is refused; what is stored is unchanged.
        let orders = json(app.get("/api/v1/orders?customer_id=RICH&limit=1").await).await;
        let first = orders["items"][0]["order_id"].as_str().unwrap().to_owned();
        let small = app
            .post(
                "/api/v1/orders",
                &json!({"order_id": "SMALL", "customer_id": "RICH", "ordered_at": "2026-01-12", "amount": "1.00"}),
            )
            .await;
        assert_eq!(small.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let unchanged = json(app.get(&format!("/api/v1/orders/{first}")).await).await;
        assert_eq!(unchanged["amount"], LARGEST);

        // Costs to serve are bounded alike.
        for day in 1..=10 {
            app.create(
                "/api/v1/costs",
                json!({"customer_id": "RICH", "incurred_at": format!("2026-02-{day:02}"), "category": "shipping", "amount": LARGEST}),
            )
            .await;
        }
        let past = app
            .post(
                "/api/v1/costs",
                &json!({"customer_id": "RICH", "incurred_at": "2026-02-11", "category": "shipping", "amount": "0.01"}),
            )
            .await;
        assert_eq!(
            fields(&problem(past, StatusCode::UNPROCESSABLE_ENTITY).await),
            ["amount"]
        );

        // At the bound every figure is exact and positive: win-back lists what they spent,
        // the classification's monetary value has not wrapped.
        assert_eq!(
            app.patch("/api/v1/settings/types", &json!({}))
                .await
                .status(),
            StatusCode::OK
        );
        let win_back = app.as_admin().get("/win-back?stage=lost").await;
        assert_eq!(win_back.status(), StatusCode::OK);
        let profile = json(app.get("/api/v1/customers/RICH/profile").await).await;
        assert_eq!(
            profile["metrics"]["monetary"], "9000000000000000.00",
            "{profile}"
        );
    }
}
