//! `/api/v1/analytics` over HTTP, on a demo base loaded into each database.

use clientele_demo::{DemoSpec, generate};
use clientele_server::ServerConfig;
use clientele_store::BulkBase;
use clientele_store::testing::databases;
use reqwest::StatusCode;

use crate::support::*;

/// A server on each database, holding the same demo base.
pub(crate) async fn demo_apps(customers: usize) -> Vec<(TestApp, usize)> {
    let base = generate(&DemoSpec {
        customers,
        seed: 11,
        as_of: "2026-11-22T00:00:00Z".parse().unwrap(),
        currency: clientele_core::Currency::USD,
    });
    let mut apps = Vec::new();
    for database in databases().await {
        let store = database.open().await;
        store.bulk_load(BulkBase::from(&base)).await.unwrap();
        store.close().await;
        apps.push((
            TestApp::start(database, ServerConfig::default()).await,
            base.customers.len(),
        ));
    }
    apps
}

#[tokio::test]
async fn the_models_fit_on_the_stored_base_and_predictions_page_through_every_customer() {
    for (app, customers) in demo_apps(600).await {
        let response = app
            .get("/api/v1/analytics/fit?calibration_end=2026-11-21&unit=week")
            .await;
        let fit = json_of(response, StatusCode::OK).await;
        assert_eq!(fit["calibration_end"], "2026-11-21");
        assert_eq!(fit["unit"], "week");
        assert_eq!(fit["currency"], "USD");
        for name in ["r", "alpha", "a", "b"] {
            let value = fit["bgnbd"][name].as_f64().unwrap();
            assert!(value.is_finite() && value > 0.0, "{name} = {value}");
        }
        assert!(fit["gamma_gamma"]["q"].as_f64().unwrap() > 1.0);

        // The same fit over the same data is the same, whichever way it is asked.
        let again = json(
            app.get("/api/v1/analytics/fit?calibration_end=2026-11-21T12:00:00Z")
                .await,
        )
        .await;
        assert_eq!(again, fit);

        let mut seen = Vec::new();
        let mut cursor = String::new();
        loop {
            let response = app
                .get(&format!(
                    "/api/v1/analytics/predictions?calibration_end=2026-11-21&limit=250&cursor={cursor}"
                ))
                .await;
            let page = json_of(response, StatusCode::OK).await;
            for row in page["items"].as_array().unwrap() {
                if let Some(p) = row["p_alive"].as_f64() {
                    assert!((0.0..=1.0).contains(&p), "{row}");
                    assert!(row["clv"].as_f64().unwrap() >= 0.0, "{row}");
                } else {
                    // No order by the calibration end: no forecast, and no made-up numbers.
                    assert!(row["clv"].is_null() && row["frequency"].is_null(), "{row}");
                }
                seen.push(row["customer_id"].as_str().unwrap().to_owned());
            }
            match page["next_cursor"].as_str() {
                Some(next) => cursor = next.to_owned(),
                None => break,
            }
        }
        assert_eq!(seen.len(), customers, "on {:?}", app.backend);
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), customers);
    }
}

#[tokio::test]
async fn every_report_answers_on_the_stored_base_and_they_add_up() {
    for (app, customers) in demo_apps(800).await {
        let as_of = "as_of=2026-11-22";
        let get = |path: String| {
            let app = &app;
            async move {
                let response = app.get(&path).await;
                assert_eq!(response.status(), StatusCode::OK, "{path}");
                json(response).await
            }
        };
        let rfm = get(format!("/api/v1/analytics/rfm?{as_of}")).await;
        assert_eq!(rfm["customers"], customers as u64);
        assert_eq!(rfm["as_of"], "2026-11-22T00:00:00Z");
        assert_eq!(rfm["currency"], "USD");
        let scored = rfm["scored_customers"].as_u64().unwrap();
        assert_eq!(
            customers_in(&rfm["segments"]),
            scored,
            "customers in the RFM segments"
        );

        let tiers = get(format!("/api/v1/analytics/tiers?{as_of}")).await;
        assert_eq!(
            customers_in(&tiers["tiers"]["tiers"]),
            customers as u64,
            "customers in the tiers"
        );
        assert!(tiers["profit"]["points"].as_array().unwrap().len() > 2);

        let cohorts = get(format!("/api/v1/analytics/cohorts?{as_of}")).await;
        assert_eq!(
            customers_in(&cohorts["cohorts"]),
            scored,
            "customers in the cohorts"
        );

        let channels = get(format!("/api/v1/analytics/channels?{as_of}")).await;
        assert!(channels["clv_unavailable"].is_null(), "{channels}");
        assert_eq!(
            customers_in(&channels["channels"]),
            customers as u64,
            "customers in the channels"
        );

        let persona = get(format!("/api/v1/analytics/persona?{as_of}")).await;
        assert!(persona["tier_a_customers"].as_u64().unwrap() > 0);

        let prospects = get(format!("/api/v1/analytics/prospects?{as_of}&limit=5")).await;
        let ranked = prospects["ranked"].as_array().unwrap();
        assert_eq!(ranked.len(), 5);
        assert_eq!(ranked[0]["ideal_prospect"], true);
        assert!(ranked[0]["reasons"].as_array().is_some());
    }
}

#[tokio::test]
async fn a_base_that_cannot_support_the_models_gets_a_problem_not_numbers() {
    for app in apps().await {
        let problem = app
            .get_problem("/api/v1/analytics/fit", StatusCode::UNPROCESSABLE_ENTITY)
            .await;
        assert_eq!(problem["type"], "urn:clientele:problem:model");
        assert!(
            problem["detail"]
                .as_str()
                .unwrap()
                .starts_with("only 0 customers made a repeat purchase"),
            "{problem}"
        );
        let problem = problem_of(
            app.get("/api/v1/analytics/predictions?unit=fortnight")
                .await,
        )
        .await;
        assert!(problem.to_string().contains("unit"), "{problem}");
        // A horizon past a hundred years is refused by name (schemathesis found 10^160 days
        // answering 500).
        for horizon in ["6.6e160", "36526"] {
            let too_far = problem_of(
                app.get(&format!(
                    "/api/v1/analytics/predictions?unit=day&horizon={horizon}"
                ))
                .await,
            )
            .await;
            assert_eq!(too_far["errors"][0]["field"], "horizon", "{too_far}");
        }
        let bad_date = problem_of(
            app.get("/api/v1/analytics/fit?calibration_end=yesterday")
                .await,
        )
        .await;
        assert_eq!(bad_date["errors"][0]["field"], "calibration_end");
        // Reports that need no model still answer on an empty base; channels say why
        // there is no CLV instead of printing one.
        let channels = json(app.get("/api/v1/analytics/channels").await).await;
        assert!(
            channels["clv_unavailable"]
                .as_str()
                .unwrap()
                .contains("repeat purchase"),
            "{channels}"
        );
    }
}

async fn problem_of(response: reqwest::Response) -> serde_json::Value {
    let status = response.status();
    assert!(status.is_client_error(), "{status}");
    json(response).await
}

/// The customers counted in each group of a report, added up.
fn customers_in(groups: &serde_json::Value) -> u64 {
    groups
        .as_array()
        .unwrap()
        .iter()
        .map(|group| group["customers"].as_u64().unwrap())
        .sum()
}
