//! The charts in a real browser: the dashboard's three SVG images load (an image that fails
//! has no natural width), and the Persona page draws its charts and lists prospects, in
//! English and in Persian (right to left). Screenshots: `<lang>-dashboard-charts.png`,
//! `<lang>-persona.png`.

use std::time::Duration;

use fantoccini::{Client, Locator};

use crate::*;

/// Waits until every chart image on the page has loaded, and returns their natural widths.
async fn loaded_charts(client: &Client) -> Vec<u64> {
    for _ in 0..400 {
        let done = client
            .execute(
                "return [...document.querySelectorAll('img.chart')].every(i => i.complete)",
                vec![],
            )
            .await
            .unwrap();
        if done.as_bool() == Some(true) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let widths = client
        .execute(
            "return [...document.querySelectorAll('img.chart')].map(i => i.naturalWidth)",
            vec![],
        )
        .await
        .unwrap();
    widths
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_u64().unwrap())
        .collect()
}

#[tokio::test]
async fn the_dashboard_charts_and_the_persona_page_load_in_english_and_persian() {
    let Some((_driver, app, client)) = admin_in_a_browser("BROWSER TESTS (insights)").await else {
        return;
    };
    for code in ["en", "fa"] {
        set_language(&client, &app, code).await;
        client.goto(&app.url("/")).await.unwrap();
        let widths = loaded_charts(&client).await;
        assert_eq!(widths.len(), 3, "three charts on the dashboard");
        assert!(
            widths.iter().all(|&w| w > 0),
            "every chart drew: {widths:?}"
        );
        // Reloaded once the figures are in, the tables are there too.
        client.goto(&app.url("/")).await.unwrap();
        loaded_charts(&client).await;
        let page = html(&client).await;
        assert!(page.contains("<table class=\"data\">"), "{page}");
        client
            .execute(
                "document.querySelector('.charts').scrollIntoView(); document.querySelector('.charts details').open = true;",
                vec![],
            )
            .await
            .unwrap();
        screenshot(&client, &format!("{code}-dashboard-charts")).await;
        // The SVG itself, fetched by the page's own session.
        let svg = client
            .execute_async(
                "const done = arguments[0]; fetch('/charts/lorenz.svg').then(r => r.text()).then(done);",
                vec![],
            )
            .await
            .unwrap();
        let svg = svg.as_str().unwrap().to_owned();
        assert!(svg.starts_with("<svg"), "{svg}");
        assert_eq!(svg.contains("direction=\"rtl\""), code == "fa");

        client.goto(&app.url("/persona")).await.unwrap();
        wait_for(&client, Locator::Css("section.chart svg")).await;
        let persona = html(&client).await;
        assert!(persona.contains("href=\"/customers/"), "prospects listed");
        if code == "fa" {
            assert!(persona.contains("پرسونا"));
        }
        screenshot(&client, &format!("{code}-persona")).await;
    }
    client.close().await.unwrap();
}
