//! The admin pages in the browser: an admin changes a threshold on the settings page, sees
//! how many customers would change type before saving, saves, and finds the dashboard's
//! counts changed. The settings, team, audit and import pages are photographed in every
//! language.

use fantoccini::{Client, Locator};

use super::*;

/// The number of lapsed customers on the dashboard, as written there.
async fn lapsed_on_dashboard(client: &Client, app: &TestApp) -> String {
    client.goto(&app.url("/")).await.unwrap();
    client
        .find(Locator::Css("a[href='/customers?stage=lapsed'] b"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

async fn type_into(client: &Client, id: &str, text: &str) {
    let input = client.find(Locator::Id(id)).await.unwrap();
    input.clear().await.unwrap();
    input.send_keys(text).await.unwrap();
}

#[tokio::test]
async fn an_admin_changes_a_threshold_sees_the_preview_saves_and_the_counts_change() {
    let Some(chromedriver) = chromedriver() else {
        assert!(
            std::env::var_os("CLIENTELE_REQUIRE_BROWSER").is_none(),
            "CLIENTELE_REQUIRE_BROWSER is set but there is no chromedriver"
        );
        eprintln!("\n*** BROWSER TESTS SKIPPED: no chromedriver. ***\n");
        return;
    };
    let driver = start_driver(&chromedriver).await;
    let app = demo_app().await;
    let client = browser(&driver).await;
    sign_in(&client, &app, ADMIN).await;
    let before = lapsed_on_dashboard(&client, &app).await;

    click_and_load(&client, Locator::Css("nav a[href='/settings']")).await;
    type_into(&client, "lapse_min_days", "20").await;
    type_into(&client, "lapse_interval_multiple", "1").await;
    click_and_load(
        &client,
        Locator::Css("button[formaction='/settings/preview']"),
    )
    .await;
    let preview = client
        .find(Locator::Css("section.preview"))
        .await
        .expect("a preview")
        .text()
        .await
        .unwrap();
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
    let kept = client
        .find(Locator::Id("lapse_min_days"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(kept.as_deref(), Some("20"));
    click_and_load(
        &client,
        Locator::Css("form.settings .buttons button:not([formaction])"),
    )
    .await;
    let saved = client
        .find(Locator::Css("section.saved"))
        .await
        .expect("saved")
        .text()
        .await
        .unwrap();
    assert!(saved.contains("re-evaluated"), "{saved}");
    screenshot(&client, "en-settings-saved").await;
    let after = lapsed_on_dashboard(&client, &app).await;
    assert_ne!(before, after, "the lapsed count changed");

    // A bad value is named, and not saved.
    client.goto(&app.url("/settings")).await.unwrap();
    type_into(&client, "tier_b_share", "0.9").await;
    click_and_load(
        &client,
        Locator::Css("form.settings .buttons button:not([formaction])"),
    )
    .await;
    let errors = client
        .find(Locator::Css("section.problem-box"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(errors.contains("Tier B"), "{errors}");
    assert!(html(&client).await.contains("aria-invalid=\"true\""));

    for code in ["en", "fa", "ka", "tl"] {
        set_language(&client, &app, code).await;
        for (name, path) in [
            ("settings", "/settings"),
            ("team", "/team"),
            ("audit", "/audit"),
            ("import", "/import"),
        ] {
            client.goto(&app.url(path)).await.unwrap();
            let page = html(&client).await;
            assert!(page.contains(&format!("lang=\"{code}\"")), "{code} {name}");
            if code == "fa" {
                assert!(page.contains("dir=\"rtl\""));
            }
            screenshot(&client, &format!("{code}-{name}")).await;
        }
    }
    // The Persian preview reads right to left with Persian digits.
    set_language(&client, &app, "fa").await;
    client.goto(&app.url("/settings")).await.unwrap();
    type_into(&client, "lapse_min_days", "۱۰").await;
    click_and_load(
        &client,
        Locator::Css("button[formaction='/settings/preview']"),
    )
    .await;
    let fa_preview = client
        .find(Locator::Css("section.preview"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(fa_preview.contains("مشتری"), "{fa_preview}");
    assert!(
        fa_preview.chars().any(|c| ('۰'..='۹').contains(&c)),
        "{fa_preview}"
    );
    screenshot(&client, "fa-settings-preview").await;
    client.close().await.unwrap();
}
