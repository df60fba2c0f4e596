//! The web app's charts and Persona page over HTTP: SVG for those signed in, the sign-in page
//! for others, every figure computed on the caller's own customers, prospects only in scope.

use reqwest::StatusCode;
use reqwest::header::{ACCEPT_LANGUAGE, CONTENT_TYPE, LOCATION};

use crate::analytics::demo_apps;
use crate::support::*;

const AGENT: &str = "maricel.santos@example.com";
const ADMIN: &str = "sarah.mitchell@example.com";
const CHARTS: [&str; 3] = [
    "/charts/lorenz.svg",
    "/charts/cohorts.svg",
    "/charts/channels.svg",
];

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// GETs a page as the holder of `token` (or nobody) in a language.
async fn fetch(
    app: &TestApp,
    token: Option<&str>,
    path: &str,
    language: &str,
) -> (StatusCode, reqwest::header::HeaderMap, String) {
    let mut request = client()
        .get(app.url(path))
        .header(ACCEPT_LANGUAGE, language);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    (status, headers, response.text().await.unwrap())
}

/// The customer count a Lorenz chart says it is based on.
fn based_on(svg: &str) -> u64 {
    let start = svg.find("Based on").expect("the customer count") + "Based on".len();
    let end = start + svg[start..].find("customers").unwrap();
    svg[start..end]
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap()
}

/// The customer ids the Persona page's prospects table links to.
fn prospect_ids(html: &str) -> Vec<String> {
    let Some(start) = html.find("<table class=\"list prospects\">") else {
        return Vec::new();
    };
    let table = &html[start..start + html[start..].find("</table>").unwrap()];
    table
        .match_indices("href=\"/customers/")
        .map(|(i, _)| {
            let rest = &table[i + "href=\"/customers/".len()..];
            rest[..rest.find('"').unwrap()].to_owned()
        })
        .collect()
}

#[tokio::test]
async fn charts_are_svg_in_the_caller_s_language_and_scope_and_persona_lists_only_their_prospects()
{
    for (app, _) in demo_apps(600).await {
        let (_, admin) = employee_with_token(&app.store, ADMIN, "admin", None).await;
        let (_, agent) = employee_with_token(&app.store, AGENT, "agent", None).await;
        let (_, analyst) = employee_with_token(&app.store, "an@example.ge", "analyst", None).await;

        // Signed out: sent to sign in, nothing drawn.
        for path in CHARTS.iter().chain(&["/persona"]) {
            let (status, headers, body) = fetch(&app, None, path, "en").await;
            assert_eq!(status, StatusCode::SEE_OTHER, "{path}");
            assert_eq!(headers[LOCATION], "/sign-in");
            assert!(!body.contains("<svg"));
        }

        // Signed in: SVG images, with the security headers, no inline style or script.
        for path in CHARTS {
            let (status, headers, svg) = fetch(&app, Some(&admin), path, "en").await;
            assert_eq!(status, StatusCode::OK, "{path}: {svg}");
            assert_eq!(headers[CONTENT_TYPE], "image/svg+xml", "{path}");
            assert!(headers.contains_key("content-security-policy"));
            assert_eq!(headers["x-content-type-options"], "nosniff");
            assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
            assert!(svg.ends_with("</svg>"));
            assert!(svg.contains("<title>") && svg.contains("<desc>"));
            assert!(svg.contains("role=\"img\" aria-label=\""));
            assert!(!svg.contains("style") && !svg.contains("<script"), "{path}");
        }

        // In Persian: right to left, Persian digits.
        let (_, _, persian) = fetch(&app, Some(&admin), "/charts/lorenz.svg", "fa").await;
        assert!(persian.contains("direction=\"rtl\""));
        assert!(persian.contains("سهم سود"), "{persian}");
        assert!(persian.contains("٪"));

        // Each caller's figures are their own customers': the counts the charts are based on
        // are those the API's tiers report gives each, and the agent's are fewer.
        let (_, _, admin_svg) = fetch(&app, Some(&admin), "/charts/lorenz.svg", "en").await;
        let (_, _, agent_svg) = fetch(&app, Some(&agent), "/charts/lorenz.svg", "en").await;
        let admin_tiers = json(
            app.as_caller(Some(&admin))
                .get("/api/v1/analytics/tiers")
                .await,
        )
        .await;
        let agent_tiers = json(
            app.as_caller(Some(&agent))
                .get("/api/v1/analytics/tiers")
                .await,
        )
        .await;
        assert_eq!(
            based_on(&admin_svg),
            admin_tiers["profit"]["customers"].as_u64().unwrap()
        );
        // The demo base has customers who lose money: the chart draws the profit made (a
        // true Lorenz curve, no share above 100 %, its Gini within 0–1) and says the losses.
        assert!(
            admin_tiers["losing_customers"].as_u64().unwrap() > 0,
            "{admin_tiers}"
        );
        assert!(admin_tiers["losses"].as_i64().unwrap() < 0);
        let gini = admin_tiers["profit_made"]["gini"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&gini), "{gini}");
        assert!(admin_svg.contains("lose money"), "{admin_svg}");
        let over_100 = admin_svg.match_indices("%<").any(|(i, _)| {
            let digits: String = admin_svg[..i]
                .chars()
                .rev()
                .take_while(char::is_ascii_digit)
                .collect();
            digits
                .chars()
                .rev()
                .collect::<String>()
                .parse::<u32>()
                .is_ok_and(|p| p > 100)
        });
        assert!(!over_100, "a share above 100 %: {admin_svg}");
        assert_eq!(
            based_on(&agent_svg),
            agent_tiers["profit"]["customers"].as_u64().unwrap()
        );
        assert!(
            based_on(&agent_svg) < based_on(&admin_svg),
            "{} against {}",
            based_on(&agent_svg),
            based_on(&admin_svg)
        );
        // An analyst sees the base-wide figures.
        let (status, _, analyst_svg) =
            fetch(&app, Some(&analyst), "/charts/lorenz.svg", "en").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(based_on(&analyst_svg), based_on(&admin_svg));

        // The dashboard refers to the three images, with their tables once the figures are in.
        let (status, _, dashboard) = fetch(&app, Some(&admin), "/", "en").await;
        assert_eq!(status, StatusCode::OK);
        for path in CHARTS {
            assert!(dashboard.contains(&format!("<img class=\"chart\" src=\"{path}\" alt=\"")));
        }
        assert!(dashboard.contains("<table class=\"data\">"), "{dashboard}");
        assert!(dashboard.contains("of customers make 80% of the profit"));

        // Persona: the agent's prospects are all theirs; the admin's include others'.
        let (status, _, page) = fetch(&app, Some(&agent), "/persona", "en").await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            page.contains("Tier A against the rest") || page.contains("tier A against the rest")
        );
        assert!(page.contains("<svg"));
        let theirs = prospect_ids(&page);
        assert!(!theirs.is_empty(), "the agent has prospects: {page}");
        for id in &theirs {
            let customer = json(
                app.as_caller(Some(&agent))
                    .get(&format!("/api/v1/customers/{id}"))
                    .await,
            )
            .await;
            assert_eq!(customer["owner_email"], AGENT, "{id} listed to the agent");
        }
        let (_, _, admin_page) = fetch(&app, Some(&admin), "/persona", "en").await;
        // A small tier A says its lifts are too few to rely on; a large one does not.
        let report = json(
            app.as_caller(Some(&admin))
                .get("/api/v1/analytics/persona")
                .await,
        )
        .await;
        let tier_a = report["tier_a_customers"].as_u64().unwrap();
        assert_eq!(
            admin_page.contains("too few to rely on"),
            tier_a < 30,
            "tier A of {tier_a}"
        );
        let all = prospect_ids(&admin_page);
        let mut others = 0;
        for id in &all {
            let customer = json(app.get(&format!("/api/v1/customers/{id}")).await).await;
            if customer["owner_email"] != AGENT {
                others += 1;
            }
        }
        assert!(others > 0, "the admin's prospects include other owners'");
        // An analyst sees the comparison but no individual customer.
        let (status, _, analyst_page) = fetch(&app, Some(&analyst), "/persona", "en").await;
        assert_eq!(status, StatusCode::OK);
        assert!(analyst_page.contains("<svg"));
        assert!(prospect_ids(&analyst_page).is_empty());
        assert!(analyst_page.contains("Your role does not show individual customers."));
    }
}
