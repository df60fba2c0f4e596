//! The type engine over HTTP: settings change → the base is re-evaluated → counts, lists
//! and profiles follow.

use reqwest::StatusCode;
use serde_json::{Value, json};

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

/// PATCHes the type settings and expects this status; the answer.
async fn patch_settings(
    app: &TestApp,
    body: serde_json::Value,
    status: StatusCode,
) -> serde_json::Value {
    let response = app.patch("/api/v1/settings/types", &body).await;
    assert_eq!(response.status(), status, "PATCH {body}");
    json(response).await
}

/// Asserts that the stored settings hold these values.
async fn assert_settings(app: &TestApp, expected: [(&str, serde_json::Value); 2]) {
    let settings = json(app.get("/api/v1/settings/types").await).await;
    for (name, value) in expected {
        assert_eq!(settings[name], value, "{name}");
    }
}

#[tokio::test]
async fn changing_a_threshold_reevaluates_the_base_and_lists_and_profiles_follow() {
    for (app, customers) in demo_apps(500).await {
        // Nothing is classified until asked.
        let counts = json(app.get("/api/v1/segments").await).await;
        assert_eq!(counts["classified"], 0);
        assert_settings(
            &app,
            [("lapse_min_days", json!(60)), ("lost_days", json!(365))],
        )
        .await;

        let change = patch_settings(&app, json!({"lost_days": 200}), StatusCode::OK).await;
        assert_eq!(change["settings"]["lost_days"], 200);
        assert_eq!(change["settings"]["lapse_min_days"], 60);
        assert_eq!(change["reevaluated"]["customers"], customers as u64);
        let strict = json(app.get("/api/v1/segments").await).await;
        assert_eq!(strict["classified"], customers as u64);
        let lost_strict = count(&strict, "stages", "lost");

        let change = patch_settings(&app, json!({"lost_days": 700}), StatusCode::OK).await;
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
        assert_settings(
            &app,
            [("tier_a_share", json!(0.8)), ("lost_days", json!(700))],
        )
        .await;
        patch_settings(
            &app,
            json!({"lapse_days": 10}),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;

        // A customer that does not exist is 404 with the reason.
        let missing = app.get("/api/v1/customers/NOPE/profile").await;
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    }
}

fn flags(profile: &serde_json::Value) -> Vec<String> {
    profile["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap().to_owned())
        .collect()
}

/// A repeat customer with no flags.
async fn calm_repeat_customer(app: &TestApp) -> String {
    let page = json(app.get("/api/v1/customers?stage=repeat&limit=500").await).await;
    for c in page["items"].as_array().unwrap() {
        let id = c["customer_id"].as_str().unwrap();
        let profile = json(app.get(&format!("/api/v1/customers/{id}/profile")).await).await;
        if flags(&profile).is_empty() {
            return id.to_owned();
        }
    }
    panic!("no repeat customer without flags");
}

/// Whether the customer is in the list of those with this flag.
async fn listed_with_flag(app: &TestApp, flag: &str, id: &str) -> bool {
    let listed = json(
        app.get(&format!("/api/v1/customers?flag={flag}&limit=500"))
            .await,
    )
    .await;
    listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["customer_id"] == id)
}

/// An edit through the API re-evaluates the customer it touches at once, with the models of
/// the last full pass: the profile, the list filters and the transitions follow.
#[tokio::test]
async fn an_edit_reevaluates_the_customer_it_touches() {
    for (app, _) in demo_apps(400).await {
        // Before any full pass there is nothing to keep up to date.
        app.create(
            "/api/v1/customers",
            json!({"customer_id": "EARLY", "name": "Early Bird"}),
        )
        .await;
        let early = app.get("/api/v1/customers/EARLY/profile").await;
        assert_eq!(early.status(), StatusCode::NOT_FOUND);

        // A full pass (an admin saving the settings as they are).
        let change = patch_settings(&app, json!({}), StatusCode::OK).await;
        assert!(change["reevaluated"]["customers"].as_u64().unwrap() > 0);

        // A contented repeat customer…
        let calm = calm_repeat_customer(&app).await;
        // …complains twice today and is dissatisfied at once.
        for _ in 0..2 {
            app.create(
                "/api/v1/complaints",
                json!({"customer_id": calm, "opened_at": jiff::Timestamp::now().to_string(), "subject": "late again"}),
            )
            .await;
        }
        let profile = json(app.get(&format!("/api/v1/customers/{calm}/profile")).await).await;
        assert_eq!(flags(&profile), ["dissatisfied"], "{profile}");
        assert_eq!(
            profile["evidence"]["dissatisfied"],
            "2 complaints in the last 180 days"
        );
        assert_eq!(profile["metrics"]["open_complaints"], 2);
        assert_eq!(profile["actions"][1]["because"], "dissatisfied");
        assert!(listed_with_flag(&app, "dissatisfied", &calm).await);
        let transitions = json(
            app.get(&format!("/api/v1/transitions?customer_id={calm}&axis=flag"))
                .await,
        )
        .await;
        let last = transitions["items"]
            .as_array()
            .unwrap()
            .last()
            .unwrap()
            .clone();
        assert_eq!(last["to"], "dissatisfied", "{transitions}");
        assert!(last["from"].is_null());

        // A customer created after the pass is a prospect at once; their first order makes
        // them new.
        app.create(
            "/api/v1/customers",
            json!({"customer_id": "LATE", "name": "Late Comer"}),
        )
        .await;
        let profile = json(app.get("/api/v1/customers/LATE/profile").await).await;
        assert_eq!(profile["stage"], "prospect");
        let response = app
            .post(
                "/api/v1/orders",
                &json!({"customer_id": "LATE", "ordered_at": jiff::Timestamp::now().to_string(), "amount": "40.00"}),
            )
            .await;
        assert_eq!(response.status(), StatusCode::CREATED);
        let profile = json(app.get("/api/v1/customers/LATE/profile").await).await;
        assert_eq!(profile["stage"], "new", "{profile}");
        assert_eq!(profile["metrics"]["orders"], 1);

        // The owner of a tier-A customer leaves: the customer is at risk, and the action
        // names nobody who has gone.
        let page = json(app.get("/api/v1/customers?tier=A&limit=500").await).await;
        let owned = page["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["owner_email"].is_string())
            .expect("an owned tier-A customer")
            .clone();
        let id = owned["customer_id"].as_str().unwrap();
        let owner = owned["owner_email"].as_str().unwrap();
        let employees = json(app.get("/api/v1/employees?limit=500").await).await;
        let employee = employees["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["email"] == owner)
            .unwrap()
            .clone();
        let response = app
            .patch(
                &format!("/api/v1/employees/{}", employee["employee_id"]),
                &json!({"left_at": jiff::Timestamp::now().to_string()}),
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        let profile = json(app.get(&format!("/api/v1/customers/{id}/profile")).await).await;
        assert!(
            flags(&profile).contains(&"owner_risk".to_owned()),
            "{profile}"
        );
        assert!(
            profile["evidence"]["owner_risk"]
                .as_str()
                .unwrap()
                .contains("has left"),
            "{profile}"
        );
        assert!(
            profile["actions"]
                .as_array()
                .unwrap()
                .iter()
                .all(|a| a["owner"].is_null()),
            "{profile}"
        );
    }
}

/// Changing or deleting a cost, an interaction or feedback re-evaluates its customer, as
/// creating one does: the stored verdict (what lists, counts and transitions read) follows
/// every edit, not only the first.
#[tokio::test]
async fn changing_or_deleting_a_record_reevaluates_its_customer() {
    for (app, _) in demo_apps(300).await {
        let change = patch_settings(&app, json!({}), StatusCode::OK).await;
        assert!(change["reevaluated"]["customers"].as_u64().unwrap() > 0);
        let calm = calm_repeat_customer(&app).await;
        let now = jiff::Timestamp::now().to_string();
        // When the customer's verdict was stored last; an edit after a pause must move it.
        let evaluated = async || {
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            let profile = json(app.get(&format!("/api/v1/customers/{calm}/profile")).await).await;
            let at = profile["evaluated_as_of"].clone();
            assert!(at.is_string(), "{profile}");
            at
        };
        let listed_dissatisfied = async || listed_with_flag(&app, "dissatisfied", &calm).await;
        let mut last = evaluated().await;
        let mut edited = async |status: StatusCode, expected: StatusCode, what: &str| {
            assert_eq!(status, expected, "{what}");
            let now = evaluated().await;
            assert_ne!(now, last, "{what} must re-evaluate the customer");
            last = now;
        };

        for (what, collection, id_field, body, change) in [
            (
                "cost",
                "costs",
                "cost_id",
                json!({"customer_id": calm, "incurred_at": now, "category": "support", "amount": "10.00"}),
                json!({"amount": "20.00"}),
            ),
            (
                "interaction",
                "interactions",
                "interaction_id",
                json!({"customer_id": calm, "occurred_at": now, "channel": "call"}),
                json!({"summary": "called back"}),
            ),
            (
                "order",
                "orders",
                "order_id",
                json!({"customer_id": calm, "ordered_at": now, "amount": "15.00"}),
                json!({"amount": "25.00"}),
            ),
            (
                "complaint",
                "complaints",
                "complaint_id",
                json!({"customer_id": calm, "opened_at": now, "subject": "late"}),
                json!({"resolved_at": now}),
            ),
        ] {
            let response = app.post(&format!("/api/v1/{collection}"), &body).await;
            edited(
                response.status(),
                StatusCode::CREATED,
                &format!("a new {what}"),
            )
            .await;
            let created = json(response).await;
            // Ids are numbers for records without a business id, the business's text otherwise.
            let id = match &created[id_field] {
                Value::String(id) => id.clone(),
                other => other.as_i64().unwrap().to_string(),
            };
            let path = format!("/api/v1/{collection}/{id}");
            let response = app.patch(&path, &change).await;
            edited(
                response.status(),
                StatusCode::OK,
                &format!("a changed {what}"),
            )
            .await;
            let response = app.delete(&path).await;
            edited(
                response.status(),
                StatusCode::NO_CONTENT,
                &format!("a deleted {what}"),
            )
            .await;
        }

        // A promoter's answer changed to a detractor's: listed as dissatisfied at once; the
        // answer deleted: no longer.
        let response = app
            .post(
                "/api/v1/feedback",
                &json!({"customer_id": calm, "given_at": now, "nps": 10}),
            )
            .await;
        edited(response.status(), StatusCode::CREATED, "new feedback").await;
        let feedback = json(response).await;
        let path = format!(
            "/api/v1/feedback/{}",
            feedback["feedback_id"].as_i64().unwrap()
        );
        assert!(!listed_dissatisfied().await);
        let response = app.patch(&path, &json!({"nps": 0})).await;
        edited(response.status(), StatusCode::OK, "changed feedback").await;
        assert!(
            listed_dissatisfied().await,
            "a detractor's answer makes them dissatisfied"
        );
        let response = app.delete(&path).await;
        edited(
            response.status(),
            StatusCode::NO_CONTENT,
            "deleted feedback",
        )
        .await;
        assert!(!listed_dissatisfied().await);
    }
}
