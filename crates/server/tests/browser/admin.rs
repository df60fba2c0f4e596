//! The admin pages in the browser: an admin changes a threshold on the settings page, sees
//! how many customers would change type before saving, saves, and finds the dashboard's
//! counts changed. The settings, team, audit and import pages are photographed in every
//! language.

use fantoccini::{Client, Locator};

use super::*;

/// The number of lapsed customers on the dashboard, as written there.
async fn lapsed_on_dashboard(client: &Client, app: &TestApp) -> String {
    client.goto(&app.url("/")).await.unwrap();
    text_of(client, Locator::Css("a[href='/customers?stage=lapsed'] b")).await
}

/// Asks the settings form for a preview; the preview's text.
async fn previewed(client: &Client) -> String {
    click_and_load(
        client,
        Locator::Css("button[formaction='/settings/preview']"),
    )
    .await;
    text_of(client, Locator::Css("section.preview")).await
}

/// Saves the settings form.
async fn save(client: &Client) {
    click_and_load(
        client,
        Locator::Css("form.settings .buttons button:not([formaction])"),
    )
    .await;
}

#[tokio::test]
async fn an_admin_changes_a_threshold_sees_the_preview_saves_and_the_counts_change() {
    let Some((_driver, app, client)) = admin_in_a_browser("BROWSER TESTS (admin)").await else {
        return;
    };
    let before = lapsed_on_dashboard(&client, &app).await;

    click_and_load(&client, Locator::Css("nav a[href='/settings']")).await;
    type_into(&client, "lapse_min_days", "20").await;
    type_into(&client, "lapse_interval_multiple", "1").await;
    let preview = previewed(&client).await;
    assert!(preview.contains("would change type"), "{preview}");
    let moves = client
        .find_all(Locator::Css("section.preview ul.moves li"))
        .await
        .unwrap();
    assert!(!moves.is_empty(), "{preview}");
    assert!(preview.contains("Lapsed"), "{preview}");
    screenshot(&client, "en-settings-preview").await;
    // Nothing saved yet: the dashboard is as it was.
    assert_eq!(
        app.store
            .stored_type_settings()
            .await
            .unwrap()
            .unwrap()
            .lapse_min_days,
        60
    );

    // The preview kept the values; save them.
    let kept = value_of(&client, Locator::Id("lapse_min_days")).await;
    assert_eq!(kept.as_deref(), Some("20"));
    save(&client).await;
    let saved = text_of(&client, Locator::Css("section.saved")).await;
    assert!(saved.contains("re-evaluated"), "{saved}");
    screenshot(&client, "en-settings-saved").await;
    let after = lapsed_on_dashboard(&client, &app).await;
    assert_ne!(before, after, "the lapsed count changed");

    // A bad value is named, and not saved.
    client.goto(&app.url("/settings")).await.unwrap();
    type_into(&client, "tier_b_share", "0.9").await;
    save(&client).await;
    let errors = text_of(&client, Locator::Css("section.problem-box")).await;
    assert!(errors.contains("Tier B"), "{errors}");
    assert!(html(&client).await.contains("aria-invalid=\"true\""));

    every_page_in(
        &client,
        &app,
        &["en", "fa", "ka", "tl"],
        &[
            ("settings", "/settings"),
            ("team", "/team"),
            ("audit", "/audit"),
            ("import", "/import"),
            ("playbooks", "/playbooks"),
            ("playbook-new", "/playbooks/new"),
            ("playbook-edit", "/playbooks/lapsed/edit"),
        ],
        true,
    )
    .await;
    // The team page offers no analyst as "To" and asks once before handing all over.
    for code in ["en", "fa"] {
        set_language(&client, &app, code).await;
        client.goto(&app.url("/team")).await.unwrap();
        let to = text_of(&client, Locator::Id("to")).await;
        assert!(
            !to.contains("james.carter"),
            "{code}: the analyst is offered: {to}"
        );
        choose(&client, "from", "juan.bautista@example.com").await;
        choose(&client, "to", "reza.karimi@example.com").await;
        client
            .find(Locator::Id("which-all"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        client
            .execute(
                "document.getElementById('handover').scrollIntoView()",
                vec![],
            )
            .await
            .unwrap();
        screenshot(&client, &format!("{code}-team-handover")).await;
        click_and_load(
            &client,
            Locator::Css("form[action='/team/handover'] button"),
        )
        .await;
        let asked = text_of(&client, Locator::Css("section.problem-box")).await;
        assert!(
            asked.contains("juan.bautista@example.com"),
            "{code}: {asked}"
        );
        screenshot(&client, &format!("{code}-team-handover-confirm")).await;
    }
    let juan = app
        .store
        .employee_by_email("juan.bautista@example.com")
        .await
        .unwrap();
    assert!(juan.employee.active, "asking moved nobody");
    // The playbooks: the seven defaults, on; a back-fill's preview before anything is made.
    set_language(&client, &app, "en").await;
    client.goto(&app.url("/playbooks")).await.unwrap();
    let rows = client
        .find_all(Locator::Css("table.playbooks tbody tr"))
        .await
        .unwrap();
    assert_eq!(rows.len(), 7);
    click_and_load(
        &client,
        Locator::Css("#playbook-lapsed a[href*='preview=lapsed']"),
    )
    .await;
    let preview = text_of(&client, Locator::Css("section.preview")).await;
    assert!(preview.contains("Back-fill preview"), "{preview}");
    screenshot(&client, "en-playbooks-preview").await;
    client.set_window_size(390, 844).await.unwrap();
    for code in ["en", "fa"] {
        set_language(&client, &app, code).await;
        client.goto(&app.url("/playbooks")).await.unwrap();
        screenshot(&client, &format!("phone-{code}-playbooks")).await;
        client.goto(&app.url("/playbooks/new")).await.unwrap();
        fits_the_width(&client, &format!("{code} playbook form")).await;
        screenshot(&client, &format!("phone-{code}-playbook-new")).await;
    }
    client.set_window_size(1280, 1000).await.unwrap();
    // An agent who took the whole base out today shows on the admin's dashboard, with a
    // link to their entries in the audit log.
    let agent = app.store.employee_by_email(AGENT).await.unwrap();
    app.store
        .audit(&clientele_store::audit::AuditEntry {
            at: clientele_core::time::to_millis(jiff::Timestamp::now()),
            actor: AGENT.into(),
            employee_key: Some(agent.employee_id),
            token_key: None,
            address: None,
            action: "export".into(),
            entity: Some("customer".into()),
            record_id: None,
            details: serde_json::json!({"rows": 604, "complete": true}),
        })
        .await
        .unwrap();
    set_language(&client, &app, "en").await;
    client.goto(&app.url("/")).await.unwrap();
    let alert = text_of(&client, Locator::Css("section.alerts li.alert"))
        .await
        .replace(['\u{2068}', '\u{2069}'], "");
    assert!(
        alert.contains(&format!("{AGENT} read or exported 604 customers on")),
        "{alert}"
    );
    every_page_in(
        &client,
        &app,
        &["en", "fa", "ka", "tl"],
        &[("admin-dashboard", "/")],
        true,
    )
    .await;
    client.set_window_size(390, 844).await.unwrap();
    for code in ["en", "fa", "ka", "tl"] {
        set_language(&client, &app, code).await;
        client.goto(&app.url("/")).await.unwrap();
        // The alarm in view, and nothing wider than the phone (an e-mail is long).
        client
            .execute(
                "document.querySelector('section.alerts').scrollIntoView()",
                vec![],
            )
            .await
            .unwrap();
        fits_the_width(&client, &format!("{code} dashboard")).await;
        screenshot(&client, &format!("phone-{code}-admin-dashboard")).await;
    }
    client.set_window_size(1280, 1000).await.unwrap();

    // The Persian preview reads right to left with Persian digits.
    set_language(&client, &app, "fa").await;
    client.goto(&app.url("/settings")).await.unwrap();
    type_into(&client, "lapse_min_days", "۱۰").await;
    let fa_preview = previewed(&client).await;
    assert!(fa_preview.contains("مشتری"), "{fa_preview}");
    assert!(
        fa_preview.chars().any(|c| ('۰'..='۹').contains(&c)),
        "{fa_preview}"
    );
    screenshot(&client, "fa-settings-preview").await;
    client.close().await.unwrap();
}
