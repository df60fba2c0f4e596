//! "My day" in a real browser: an agent opens `/today`, sees their tasks with the customer,
//! a `tel:` link and the reason, finishes one with an outcome in one click and sees it gone;
//! photographed in every language at desktop and phone width.

use fantoccini::Locator;

use crate::*;

#[tokio::test]
async fn an_agent_finishes_a_task_from_my_day_and_sees_it_gone() {
    let Some(chromedriver) = chromedriver_or_skip("BROWSER TESTS (my day)") else {
        return;
    };
    let driver = start_driver(&chromedriver).await;
    let app = demo_app().await;
    let today = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    let yesterday = today.yesterday().unwrap();
    app.patch(
        "/api/v1/customers/FA-1",
        &json!({"phone": "+98 912 345 6789"}),
    )
    .await;
    let mut ids = Vec::new();
    for (title, due, reason) in [
        (
            "Call back about the late delivery",
            yesterday,
            "Flagged dissatisfied: two complaints this month.",
        ),
        ("Send the spring catalogue", today, ""),
    ] {
        let body = json!({
            "customer_id": "FA-1", "title": title, "due_on": due.to_string(),
            "assignee_email": AGENT, "description": reason, "priority": "high",
        });
        let task = json(app.post("/api/v1/tasks", &body).await).await;
        ids.push(task["task_id"].as_str().unwrap().to_owned());
    }
    let client = browser(&driver).await;
    sign_in(&client, &app, AGENT).await;
    click_and_load(&client, Locator::Css("nav a[href='/today']")).await;
    let page = html(&client).await;
    assert!(page.contains("Call back about the late delivery"), "{page}");
    assert!(page.contains("href=\"tel:+989123456789\""), "{page}");
    assert!(
        page.contains("Flagged dissatisfied: two complaints this month."),
        "{page}"
    );
    let overdue = text_of(
        &client,
        Locator::Css("section#overdue, section[aria-labelledby='overdue']"),
    )
    .await;
    assert!(overdue.contains("Call back"), "{overdue}");
    screenshot(&client, "en-today").await;

    // Done, won back, in one click: back on the same page, the task gone.
    let first = &ids[0];
    client
        .find(Locator::Css(&format!(
            "#task-{first} select[name='outcome'] option[value='won_back']"
        )))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    click_and_load(
        &client,
        Locator::Css(&format!("#task-{first} form.done button")),
    )
    .await;
    let after = html(&client).await;
    assert!(after.contains("<h1>My day</h1>"), "{after}");
    assert!(
        !after.contains("Call back about the late delivery"),
        "{after}"
    );
    assert!(after.contains("Send the spring catalogue"), "{after}");
    let done = json(app.get(&format!("/api/v1/tasks/{first}")).await).await;
    assert_eq!(done["status"], "done");
    assert_eq!(done["outcome"], "won_back");
    assert_eq!(done["done_by"], AGENT);

    // The dashboard starts with today.
    client.goto(&app.url("/")).await.unwrap();
    let dashboard = text_of(&client, Locator::Css("section.today")).await;
    assert!(
        dashboard.contains("Send the spring catalogue"),
        "{dashboard}"
    );

    every_page_in(
        &client,
        &app,
        &["en", "fa", "ka", "tl"],
        &[("today", "/today"), ("dashboard-today", "/")],
        true,
    )
    .await;
    // Who moved this week: names, what they were, when.
    for code in ["en", "fa"] {
        set_language(&client, &app, code).await;
        client.goto(&app.url("/")).await.unwrap();
        client
            .execute(
                "document.querySelector('section[aria-labelledby=\"moved\"]').scrollIntoView()",
                vec![],
            )
            .await
            .unwrap();
        screenshot(&client, &format!("{code}-dashboard-moved")).await;
    }
    // The customer's open tasks and the contact form with its outcome and follow-up, as a
    // reader sees them.
    for code in ["en", "fa"] {
        set_language(&client, &app, code).await;
        client.goto(&app.url("/customers/FA-1")).await.unwrap();
        for section in ["tasks", "interaction"] {
            client
                .execute(
                    &format!("document.querySelector('section[aria-labelledby=\"{section}\"]').scrollIntoView()"),
                    vec![],
                )
                .await
                .unwrap();
            screenshot(&client, &format!("{code}-customer-{section}")).await;
        }
    }
    client.set_window_size(390, 844).await.unwrap();
    for code in ["en", "fa", "ka", "tl"] {
        set_language(&client, &app, code).await;
        client.goto(&app.url("/today")).await.unwrap();
        fits_the_width(&client, &format!("{code} /today")).await;
        screenshot(&client, &format!("phone-{code}-today")).await;
    }
    client.close().await.unwrap();
}
