//! Tasks over real HTTP on both databases: given, seen and finished within the callers'
//! scopes, refused with the field named, moved by a handover, kept by an erasure without
//! their words.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::*;

fn day(offset: i64) -> String {
    jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
        .checked_add(jiff::Span::new().days(offset))
        .unwrap()
        .to_string()
}

/// Two serious complaints make customer C-A dissatisfied: the one task `playbook` gave on
/// that change.
async fn the_one_task_of(app: &TestApp, playbook: &str) -> Vec<Value> {
    for k in ["K1", "K2"] {
        app.create(
            "/api/v1/complaints",
            json!({"complaint_id": k, "customer_id": "C-A", "opened_at": day(0), "severity": "high"}),
        )
        .await;
    }
    let tasks = json_of(
        app.get(&format!("/api/v1/tasks?playbook_id={playbook}"))
            .await,
        StatusCode::OK,
    )
    .await;
    let items = tasks["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), 1, "{tasks}");
    items
}

fn ids(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["task_id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn tasks_are_given_seen_and_finished_within_scopes_and_follow_a_handover() {
    for app in apps().await {
        let staff = staff(&app.store).await;
        employee_with_token(&app.store, "c@example.ge", "agent", Some("Retail")).await;
        app.create(
            "/api/v1/customers",
            json!({"customer_id": "C-A", "name": "Nino", "owner_email": "a@example.ge"}),
        )
        .await;
        app.create(
            "/api/v1/customers",
            json!({"customer_id": "C-B", "owner_email": "b@example.ge"}),
        )
        .await;
        let agent_a = app.as_caller(Some(&staff.agent_a));
        let agent_b = app.as_caller(Some(&staff.agent_b));
        let manager = app.as_caller(Some(&staff.manager));

        // Agent A gives themself a task on their customer: theirs by default.
        let created = agent_a
            .post(
                "/api/v1/tasks",
                &json!({"customer_id": "C-A", "title": "Call Nino", "due_on": day(-1), "due_time": "09:30"}),
            )
            .await;
        assert_eq!(created.status(), StatusCode::CREATED);
        let location = created.headers()["location"].to_str().unwrap().to_owned();
        let task: Value = created.json().await.unwrap();
        let id = task["task_id"].as_str().unwrap().to_owned();
        assert!(id.starts_with("TSK-"), "{task}");
        assert_eq!(location, format!("/api/v1/tasks/{id}"));
        assert_eq!(task["assignee_email"], "a@example.ge");
        assert_eq!(task["created_by"], "a@example.ge");
        assert_eq!(task["status"], "open");
        assert_eq!(task["priority"], "normal");
        assert_eq!(task["due_time"], "09:30");
        assert!(task["done_at"].is_null());

        // Another team's customer is answered exactly like a missing one; an assignee who cannot
        // see the customer, a bad day or time, or an outcome of an open task, by its field.
        let refused = agent_a
            .post(
                "/api/v1/tasks",
                &json!({"customer_id": "C-B", "title": "x", "due_on": day(1)}),
            )
            .await;
        let hidden = problem(refused, StatusCode::UNPROCESSABLE_ENTITY).await;
        let missing = problem(
            agent_a
                .post(
                    "/api/v1/tasks",
                    &json!({"customer_id": "C-NONE", "title": "x", "due_on": day(1)}),
                )
                .await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(fields(&hidden), ["customer_id"]);
        assert_eq!(
            hidden["detail"].as_str().unwrap().replace("C-B", "?"),
            missing["detail"].as_str().unwrap().replace("C-NONE", "?")
        );
        for (body, field) in [
            (
                json!({"customer_id": "C-A", "title": "x", "due_on": day(1), "assignee_email": "b@example.ge"}),
                "assignee_email",
            ),
            (
                json!({"customer_id": "C-A", "title": "x", "due_on": "2026-13-01"}),
                "due_on",
            ),
            (
                json!({"customer_id": "C-A", "title": "x", "due_on": day(1), "due_time": "25:00"}),
                "due_time",
            ),
            (
                json!({"customer_id": "C-A", "title": "x", "due_on": day(1), "outcome": "reached"}),
                "outcome",
            ),
            (json!({"customer_id": "C-A", "due_on": day(1)}), "title"),
        ] {
            let refused = problem(
                agent_a.post("/api/v1/tasks", &body).await,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
            assert_eq!(fields(&refused), [field], "{body} {refused}");
        }

        // The manager of the team sees it; the other team's agent does not.
        assert_eq!(manager.get(&location).await.status(), StatusCode::OK);
        assert_eq!(agent_b.get(&location).await.status(), StatusCode::NOT_FOUND);
        let theirs = json_of(agent_b.get("/api/v1/tasks").await, StatusCode::OK).await;
        assert!(ids(&theirs).is_empty(), "{theirs}");
        // Overdue: open and due before today.
        let overdue = json_of(
            manager.get("/api/v1/tasks?overdue=true").await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(ids(&overdue), [id.as_str()]);
        let later = agent_a
            .post(
                "/api/v1/tasks",
                &json!({"customer_id": "C-A", "title": "Send the catalogue", "due_on": day(3), "priority": "high"}),
            )
            .await;
        let later: Value = json_of(later, StatusCode::CREATED).await;
        let later_id = later["task_id"].as_str().unwrap().to_owned();
        let due_soon = json_of(
            agent_a
                .get(&format!(
                    "/api/v1/tasks?due_after={}&due_before={}",
                    day(0),
                    day(7)
                ))
                .await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(ids(&due_soon), [later_id.as_str()]);

        // Finished in one call, with its outcome and who did it.
        let done = json_of(
            agent_a
                .post(
                    &format!("{location}/complete"),
                    &json!({"outcome": "won back", "notes": "ordered again"}),
                )
                .await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(done["status"], "done");
        assert_eq!(done["outcome"], "won_back");
        assert_eq!(done["done_by"], "a@example.ge");
        assert_eq!(done["notes"], "ordered again");
        assert!(done["done_at"].is_string());
        let open = json_of(
            agent_a.get("/api/v1/tasks?status=open").await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(ids(&open), [later_id.as_str()]);
        // Who made it cannot be changed; reopening clears who finished it.
        let refused = problem(
            agent_a
                .patch(&location, &json!({"created_by": "someone"}))
                .await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(fields(&refused), ["created_by"]);
        let reopened = json_of(
            agent_a
                .patch(&location, &json!({"status": "open", "outcome": null}))
                .await,
            StatusCode::OK,
        )
        .await;
        assert!(
            reopened["done_at"].is_null() && reopened["done_by"].is_null(),
            "{reopened}"
        );
        agent_a
            .post(
                &format!("{location}/complete"),
                &json!({"outcome": "reached"}),
            )
            .await;

        // A handover of everything: the open task goes with the customer, the done one stays.
        let report = manager
            .post(
                "/api/v1/handovers",
                &json!({"from": "a@example.ge", "to": "c@example.ge"}),
            )
            .await;
        assert_eq!(json_of(report, StatusCode::OK).await["deactivated"], true);
        let moved = json_of(
            app.get(&format!("/api/v1/tasks/{later_id}")).await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(moved["assignee_email"], "c@example.ge");
        let kept = json_of(app.get(&location).await, StatusCode::OK).await;
        assert_eq!(kept["assignee_email"], "a@example.ge");
        let left_open = json_of(
            app.get("/api/v1/tasks?assignee_email=a@example.ge&status=open")
                .await,
            StatusCode::OK,
        )
        .await;
        assert!(ids(&left_open).is_empty(), "{left_open}");

        // The customer's export holds their tasks; an erasure keeps them without their words.
        let export = json_of(
            app.get("/api/v1/customers/C-A/export").await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(export["tasks"].as_array().unwrap().len(), 2, "{export}");
        let erased = json_of(
            app.post("/api/v1/customers/C-A/erase", &json!(null)).await,
            StatusCode::OK,
        )
        .await;
        let pseudonym = erased["customer_id"].as_str().unwrap();
        let after = json_of(
            app.get(&format!("/api/v1/tasks?customer_id={pseudonym}"))
                .await,
            StatusCode::OK,
        )
        .await;
        let items = after["items"].as_array().unwrap();
        assert_eq!(items.len(), 2, "{after}");
        assert!(
            items
                .iter()
                .all(|t| t["title"] == "(erased)" && t["notes"].is_null()),
            "{after}"
        );
    }
}

/// A plain deactivation leaves the employee no open task: each waits for a manager, or
/// goes to the customer's owner if that is someone else.
#[tokio::test]
async fn a_deactivated_employee_keeps_no_open_task() {
    for app in apps().await {
        let staff = staff(&app.store).await;
        app.create(
            "/api/v1/customers",
            json!({"customer_id": "C-A", "owner_email": "a@example.ge"}),
        )
        .await;
        let manager = app.as_caller(Some(&staff.manager));
        let given = json_of(
            manager
                .post(
                    "/api/v1/tasks",
                    &json!({"customer_id": "C-A", "title": "Call", "due_on": day(1), "assignee_email": "a@example.ge"}),
                )
                .await,
            StatusCode::CREATED,
        )
        .await;
        assert_eq!(given["created_by"], "mgr@example.ge");
        let a = app.store.employee_by_email("a@example.ge").await.unwrap();
        let response = app
            .patch(
                &format!("/api/v1/employees/{}", a.employee_id),
                &json!({"left_at": day(0)}),
            )
            .await;
        assert_eq!(
            response.status(),
            StatusCode::OK,
            "{}",
            response.text().await.unwrap()
        );
        let task = json_of(
            manager
                .get(&format!(
                    "/api/v1/tasks/{}",
                    given["task_id"].as_str().unwrap()
                ))
                .await,
            StatusCode::OK,
        )
        .await;
        assert!(task["assignee_email"].is_null(), "{task}");
        assert_eq!(task["status"], "open");
    }
}

/// A customer who becomes dissatisfied through the API gets the default playbook's task at
/// once, for their owner, and the playbook counts it; only an admin turns a playbook off.
#[tokio::test]
async fn a_type_change_through_the_api_becomes_the_owner_s_task() {
    for app in apps().await {
        let staff = staff(&app.store).await;
        app.create(
            "/api/v1/customers",
            json!({"customer_id": "C-A", "name": "Nino", "owner_email": "a@example.ge"}),
        )
        .await;
        app.create(
            "/api/v1/orders",
            json!({"customer_id": "C-A", "ordered_at": day(-20), "amount": "40.00"}),
        )
        .await;
        // The first full pass: first verdicts, no transition, no task.
        let response = app.patch("/api/v1/settings/types", &json!({})).await;
        assert_eq!(response.status(), StatusCode::OK);
        let playbooks = json_of(app.get("/api/v1/playbooks").await, StatusCode::OK).await;
        let names: Vec<&str> = playbooks
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["playbook_id"].as_str().unwrap())
            .collect();
        assert_eq!(
            names,
            [
                "lapsed",
                "lost",
                "dissatisfied",
                "reborn",
                "owner_risk",
                "ideal_prospect",
                "let_go"
            ]
        );
        let none = json_of(app.get("/api/v1/tasks").await, StatusCode::OK).await;
        assert!(ids(&none).is_empty(), "{none}");

        let items = the_one_task_of(&app, "dissatisfied").await;
        let task = &items[0];
        assert_eq!(task["assignee_email"], "a@example.ge");
        assert_eq!(task["title"], "Service recovery for Nino");
        assert_eq!(task["priority"], "high");
        assert_eq!(task["created_by"], "playbook: dissatisfied");
        assert!(task["transition_id"].is_i64(), "{task}");
        let weekend = clientele_core::time::Weekend::of_language("en");
        let today = jiff::Timestamp::now()
            .to_zoned(jiff::tz::TimeZone::UTC)
            .date();
        assert_eq!(
            task["due_on"],
            weekend.add_business_days(today, 1).to_string().as_str()
        );
        // The dashboard's "who moved" names them, with a link.
        let dashboard = app.page("/").await;
        assert!(
            dashboard.contains("<a href=\"/customers/C-A\"><bdi>Nino</bdi></a>"),
            "{dashboard}"
        );
        let record = json_of(
            app.get("/api/v1/playbooks/dissatisfied").await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(
            (record["tasks"].as_u64(), record["open"].as_u64()),
            (Some(1), Some(1))
        );

        let agent = app.as_caller(Some(&staff.agent_a));
        let refused = agent
            .patch("/api/v1/playbooks/dissatisfied", &json!({"active": false}))
            .await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
        // An Iranian business's week ends on Friday; a week without work is refused.
        let set = json_of(
            app.as_admin()
                .request(reqwest::Method::PUT, "/api/v1/settings/weekend")
                .json(&json!({"weekend": "Friday"}))
                .send()
                .await
                .unwrap(),
            StatusCode::OK,
        )
        .await;
        assert_eq!(set["weekend"], "friday");
        let refused = problem(
            app.as_admin()
                .request(reqwest::Method::PUT, "/api/v1/settings/weekend")
                .json(
                    &json!({"weekend": "monday,tuesday,wednesday,thursday,friday,saturday,sunday"}),
                )
                .send()
                .await
                .unwrap(),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(fields(&refused), ["weekend"]);
        // What a playbook does can be changed; what does not fit is named.
        for (body, field) in [
            (json!({"assignee_rule": "employee"}), "assignee_email"),
            (json!({"due_in_business_days": 400}), "due_in_business_days"),
            (json!({"to_value": "grumpy"}), "to_value"),
            (json!({"colour": "red"}), "colour"),
        ] {
            let refused = problem(
                app.patch("/api/v1/playbooks/dissatisfied", &body).await,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
            assert_eq!(fields(&refused), [field], "{body} {refused}");
        }
        let changed = json_of(
            app.patch(
                "/api/v1/playbooks/dissatisfied",
                &json!({"title": "Recover {name} today", "due_in_business_days": 0, "assignee_rule": "employee", "assignee_email": "mgr@example.ge"}),
            )
            .await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(changed["title"], "Recover {name} today");
        assert_eq!(changed["assignee_email"], "mgr@example.ge");
        assert_eq!(changed["active"], true);
        let off = json_of(
            app.patch("/api/v1/playbooks/dissatisfied", &json!({"active": false}))
                .await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(off["active"], false);
    }
}

/// Admins add playbooks (the id made from the name, numbered when taken), their tasks come
/// from them, and one that made tasks stays when asked to go; the web form says a mistake
/// beside its field and keeps what was typed.
#[tokio::test]
async fn an_admin_adds_changes_and_removes_playbooks() {
    for app in apps().await {
        let staff = staff(&app.store).await;
        let admin = app.as_admin();
        let created = admin
            .post(
                "/api/v1/playbooks",
                &json!({"name": "Win back tier A!", "axis": "stage", "to_value": "lost", "only_tier": "A", "title": "Win back {name}"}),
            )
            .await;
        assert_eq!(created.status(), StatusCode::CREATED);
        assert_eq!(
            created.headers()["location"],
            "/api/v1/playbooks/win_back_tier_a"
        );
        let record: Value = created.json().await.unwrap();
        assert_eq!(record["playbook_id"], "win_back_tier_a");
        assert_eq!(
            (
                &record["active"],
                &record["reentry"],
                &record["due_in_business_days"],
                &record["tasks"]
            ),
            (&json!(true), &json!("every_time"), &json!(3), &json!(0))
        );
        let again = json_of(
            admin
                .post(
                    "/api/v1/playbooks",
                    &json!({"name": "Win back tier A!", "axis": "stage", "to_value": "lost", "title": "Again"}),
                )
                .await,
            StatusCode::CREATED,
        )
        .await;
        assert_eq!(again["playbook_id"], "win_back_tier_a_2");
        let taken = admin
            .post(
                "/api/v1/playbooks",
                &json!({"playbook_id": "win_back_tier_a", "name": "x", "axis": "stage", "to_value": "lost", "title": "x"}),
            )
            .await;
        assert_eq!(taken.status(), StatusCode::CONFLICT);
        for (body, want) in [
            (json!({}), vec!["to_value", "title", "name"]),
            (
                json!({"name": "x", "axis": "flag", "to_value": "lost", "title": "x"}),
                vec!["to_value"],
            ),
            (
                json!({"playbook_id": "Not An Id", "name": "x", "axis": "stage", "to_value": "lost", "title": "x"}),
                vec!["playbook_id"],
            ),
            (json!({"colour": "red"}), vec!["colour"]),
        ] {
            let refused = problem(
                admin.post("/api/v1/playbooks", &body).await,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
            assert_eq!(fields(&refused), want, "{body} {refused}");
        }
        let agent = app.as_caller(Some(&staff.agent_a));
        let refused = agent
            .post(
                "/api/v1/playbooks",
                &json!({"name": "x", "axis": "stage", "to_value": "lost", "title": "x"}),
            )
            .await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);

        // A playbook of the admin's own acts on the next change, beside the shipped one.
        json_of(
            admin
                .post(
                    "/api/v1/playbooks",
                    &json!({"playbook_id": "unhappy_call", "name": "Unhappy: call", "axis": "flag", "to_value": "dissatisfied", "title": "Call {name} ({customer_id})", "assignee_rule": "employee", "assignee_email": "mgr@example.ge", "priority": "high"}),
                )
                .await,
            StatusCode::CREATED,
        )
        .await;
        app.create(
            "/api/v1/customers",
            json!({"customer_id": "C-A", "name": "Nino", "owner_email": "a@example.ge"}),
        )
        .await;
        app.create(
            "/api/v1/orders",
            json!({"customer_id": "C-A", "ordered_at": day(-20), "amount": "40.00"}),
        )
        .await;
        assert_eq!(
            app.patch("/api/v1/settings/types", &json!({}))
                .await
                .status(),
            StatusCode::OK
        );
        let items = the_one_task_of(&app, "unhappy_call").await;
        assert_eq!(items[0]["title"], "Call Nino (C-A)");
        assert_eq!(items[0]["assignee_email"], "mgr@example.ge");
        // It made a task: it stays (turned off instead); one that made none goes.
        let kept = problem(
            admin.delete("/api/v1/playbooks/unhappy_call").await,
            StatusCode::CONFLICT,
        )
        .await;
        assert!(
            kept["detail"].as_str().unwrap().contains("turn it off"),
            "{kept}"
        );
        assert_eq!(
            admin
                .delete("/api/v1/playbooks/win_back_tier_a_2")
                .await
                .status(),
            StatusCode::NO_CONTENT
        );
        assert_eq!(
            admin
                .get("/api/v1/playbooks/win_back_tier_a_2")
                .await
                .status(),
            StatusCode::NOT_FOUND
        );
        assert!(!app.audited("create").await.is_empty());

        // The page's form: a mistake is said beside its field, what was typed is kept, and
        // nothing is added; a good form adds it and the list says so.
        let page = admin.page("/playbooks/new").await;
        for field in ["name", "axis", "to_value", "title", "due_in_business_days"] {
            assert!(
                page.contains(&format!("<label for=\"{field}\">")),
                "{field}: {page}"
            );
        }
        let refused = page_of(
            admin
                .post_form(
                    "/playbooks/new",
                    form(&[
                        ("name", "Lapsed gems"),
                        ("axis", "tier"),
                        ("to_value", "lapsed"),
                        ("title", "Call {name}"),
                        ("due_in_business_days", "۹"),
                        ("priority", "normal"),
                        ("assignee_rule", "owner"),
                        ("reentry", "once"),
                    ]),
                )
                .await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert!(refused.contains("value=\"Lapsed gems\""), "{refused}");
        assert!(
            refused.contains("id=\"to_value-hint\"><span class=\"problem\">"),
            "{refused}"
        );
        // The Persian digit was read: the due day is not at fault.
        assert!(
            !refused.contains("id=\"due_in_business_days-hint\"><span class=\"problem\">"),
            "{refused}"
        );
        assert_eq!(
            admin.get("/api/v1/playbooks/lapsed_gems").await.status(),
            StatusCode::NOT_FOUND
        );
        let saved = admin
            .post_form(
                "/playbooks/new",
                form(&[
                    ("name", "Lapsed gems"),
                    ("axis", "stage"),
                    ("to_value", "lapsed"),
                    ("only_tier", "A"),
                    ("title", "Call {name}"),
                    ("due_in_business_days", "۹"),
                    ("priority", "normal"),
                    ("assignee_rule", "owner"),
                    ("reentry", "once"),
                    ("active", "1"),
                ]),
            )
            .await;
        assert_eq!(saved.status(), StatusCode::OK);
        let stored = json_of(
            admin.get("/api/v1/playbooks/lapsed_gems").await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(
            (
                &stored["due_in_business_days"],
                &stored["only_tier"],
                &stored["active"]
            ),
            (&json!(9), &json!("A"), &json!(true))
        );
        // Changed through its form: the checkbox left out turns it off.
        let changed = admin
            .post_form(
                "/playbooks/lapsed_gems/edit",
                form(&[
                    ("name", "Lapsed gems"),
                    ("axis", "stage"),
                    ("to_value", "lapsed"),
                    ("title", "Call {name} now"),
                    ("due_in_business_days", "2"),
                    ("priority", "high"),
                    ("assignee_rule", "owner"),
                    ("reentry", "once"),
                ]),
            )
            .await;
        assert_eq!(changed.status(), StatusCode::OK);
        let stored = json_of(
            admin.get("/api/v1/playbooks/lapsed_gems").await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(
            (&stored["title"], &stored["only_tier"], &stored["active"]),
            (&json!("Call {name} now"), &Value::Null, &json!(false))
        );
        let list = admin.page("/playbooks?saved=lapsed_gems").await;
        assert!(list.contains("Lapsed gems"), "{list}");
        assert!(list.contains("/playbooks/lapsed_gems/edit"), "{list}");
        let confirm = admin.page("/playbooks/lapsed_gems/edit?remove=1").await;
        assert!(
            confirm.contains("/playbooks/lapsed_gems/edit/remove"),
            "{confirm}"
        );
        let removed = admin
            .post_form("/playbooks/lapsed_gems/edit/remove", "")
            .await;
        assert_eq!(removed.status(), StatusCode::OK);
        assert_eq!(
            admin.get("/api/v1/playbooks/lapsed_gems").await.status(),
            StatusCode::NOT_FOUND
        );
    }
}
