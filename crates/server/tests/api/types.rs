//! The type engine over HTTP: settings change → the base is re-evaluated → counts, lists
//! and profiles follow.

use reqwest::StatusCode;
use serde_json::json;

use crate::analytics::demo_apps;
use crate::support::*;

fn count(counts: &serde_json::Value, axis: &str, name: &str) -> u64 {
    counts[axis]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap()["customers"]
        .as_u64()
        .unwrap()
}

#[tokio::test]
async fn changing_a_threshold_reevaluates_the_base_and_lists_and_profiles_follow() {
    for (app, customers) in demo_apps(500).await {
        // Nothing is classified until asked.
        let counts = json(app.get("/api/v1/segments").await).await;
        assert_eq!(counts["classified"], 0);
        let settings = json(app.get("/api/v1/settings/types").await).await;
        assert_eq!(settings["lapse_min_days"], 60);
        assert_eq!(settings["lost_days"], 365);

        let response = app
            .patch("/api/v1/settings/types", &json!({"lost_days": 200}))
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        let change = json(response).await;
        assert_eq!(change["settings"]["lost_days"], 200);
        assert_eq!(change["settings"]["lapse_min_days"], 60);
        assert_eq!(change["reevaluated"]["customers"], customers as u64);
        let strict = json(app.get("/api/v1/segments").await).await;
        assert_eq!(strict["classified"], customers as u64);
        let lost_strict = count(&strict, "stages", "lost");

        let change = json(
            app.patch("/api/v1/settings/types", &json!({"lost_days": 700}))
                .await,
        )
        .await;
        assert_eq!(change["settings"]["lost_days"], 700);
        let lenient = json(app.get("/api/v1/segments").await).await;
        let lost_lenient = count(&lenient, "stages", "lost");
        assert!(
            lost_lenient < lost_strict,
            "lost after 200 days: {lost_strict}, after 700: {lost_lenient}"
        );

        // The list filter agrees with the counts, and a profile explains itself.
        let page = json(app.get("/api/v1/customers?stage=lost&limit=500").await).await;
        let listed = page["items"].as_array().unwrap();
        assert_eq!(listed.len() as u64, lost_lenient.min(500));
        let id = listed[0]["customer_id"].as_str().unwrap();
        let profile = json(app.get(&format!("/api/v1/customers/{id}/profile")).await).await;
        assert_eq!(profile["stage"], "lost");
        let why = profile["evidence"]["stage"].as_str().unwrap();
        assert!(
            why.contains("no order for") || why.contains("probability still active"),
            "{profile}"
        );
        assert_eq!(profile["actions"][0]["because"], "lost");
        assert!(profile["metrics"]["orders"].as_u64().unwrap() > 0);

        // Bad settings name the field and change nothing.
        let problem = problem(
            app.patch("/api/v1/settings/types", &json!({"tier_a_share": 1.5}))
                .await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(problem["errors"][0]["field"], "tier_a_share");
        let settings = json(app.get("/api/v1/settings/types").await).await;
        assert_eq!(settings["tier_a_share"], 0.8);
        assert_eq!(settings["lost_days"], 700);
        let unknown = app
            .patch("/api/v1/settings/types", &json!({"lapse_days": 10}))
            .await;
        assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);

        // A customer that does not exist is 404 with the reason.
        let missing = app.get("/api/v1/customers/NOPE/profile").await;
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    }
}
