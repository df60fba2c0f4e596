//! The web app in a real browser: headless Chromium driven through chromedriver (Debian's
//! `chromium` and `chromium-driver`; `.ci/run` installs them), against the real server on a
//! demo base. Without chromedriver the run says loudly that the browser tests were skipped.
//!
//! Screenshots of each page in each language are saved to `target/screenshots/` as an
//! artefact to look at.

// Fixtures are written through the store directly: the rule that edges change data only
// through the application layer is for the product, not for setting up a test.
#![allow(clippy::disallowed_methods)]

mod admin;

#[path = "../api/support.rs"]
#[allow(dead_code)]
mod support;

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use clientele_demo::{DemoSpec, generate};
use clientele_store::BulkBase;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use support::*;

mod insights;
mod today;

pub(crate) const AGENT: &str = "maricel.santos@example.com";
pub(crate) const ADMIN: &str = "sarah.mitchell@example.com";

pub(crate) fn chromedriver() -> Option<PathBuf> {
    let path = std::env::var_os("CHROMEDRIVER")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromedriver"));
    path.exists().then_some(path)
}

/// Chromedriver, or none after saying loudly that these browser tests were skipped (and
/// failing if CLIENTELE_REQUIRE_BROWSER asks for them).
pub(crate) fn chromedriver_or_skip(tests: &str) -> Option<PathBuf> {
    let found = chromedriver();
    if found.is_none() {
        assert!(
            std::env::var_os("CLIENTELE_REQUIRE_BROWSER").is_none(),
            "CLIENTELE_REQUIRE_BROWSER is set but there is no chromedriver"
        );
        eprintln!(
            "\n*** {tests} SKIPPED: no chromedriver (apt-get install chromium chromium-driver, or set CHROMEDRIVER). ***\n"
        );
    }
    found
}

struct Driver {
    child: Child,
    url: String,
    profile: PathBuf,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

pub(crate) async fn start_driver(path: &PathBuf) -> Driver {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(path)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let profile = std::env::temp_dir().join(format!(
        "clientele-chromium-{}",
        uuid::Uuid::new_v4().simple()
    ));
    Driver {
        child,
        url: format!("http://127.0.0.1:{port}"),
        profile,
    }
}

/// For a test of its own: the demo app and a browser signed in as the admin, with the driver
/// that runs it (to be kept until the end); none if the browser tests are skipped.
pub(crate) async fn admin_in_a_browser(tests: &str) -> Option<(Driver, TestApp, Client)> {
    let chromedriver = chromedriver_or_skip(tests)?;
    let driver = start_driver(&chromedriver).await;
    let app = demo_app().await;
    let client = browser(&driver).await;
    sign_in(&client, &app, ADMIN).await;
    Some((driver, app, client))
}

pub(crate) async fn browser(driver: &Driver) -> Client {
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--window-size=1280,1000",
                format!("--user-data-dir={}", driver.profile.display()),
            ],
        }),
    );
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities)
        .connect(&driver.url)
        .await
        .expect("a browser session")
}

pub(crate) async fn screenshot(client: &Client, name: &str) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    let png = client.screenshot().await.expect("a screenshot");
    std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
}

/// Clicks what the locator finds and waits for the page it leads to: the old document gone
/// (its root element stale), the new one there.
pub(crate) async fn click_and_load(client: &Client, locator: Locator<'_>) {
    let old = client.find(Locator::Css("html")).await.unwrap();
    client.find(locator).await.unwrap().click().await.unwrap();
    for _ in 0..400 {
        if old.tag_name().await.is_err() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    wait_for(client, Locator::Css("body")).await;
}

pub(crate) async fn html(client: &Client) -> String {
    client.source().await.unwrap()
}

/// Waits until the page shows what the locator finds.
pub(crate) async fn wait_for(client: &Client, locator: Locator<'_>) {
    client.wait().for_element(locator).await.unwrap();
}

pub(crate) async fn current_url(client: &Client) -> String {
    client.current_url().await.unwrap().to_string()
}

/// The text of what the locator finds.
pub(crate) async fn text_of(client: &Client, locator: Locator<'_>) -> String {
    client
        .find(locator)
        .await
        .unwrap_or_else(|e| panic!("{locator:?} not found: {e}"))
        .text()
        .await
        .unwrap()
}

/// The value of the form field the locator finds.
pub(crate) async fn value_of(client: &Client, locator: Locator<'_>) -> Option<String> {
    client
        .find(locator)
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap()
}

/// Types into the field with this id, replacing what it held.
pub(crate) async fn type_into(client: &Client, id: &str, text: &str) {
    let input = client.find(Locator::Id(id)).await.unwrap();
    input.clear().await.unwrap();
    input.send_keys(text).await.unwrap();
}

/// Opens each page in each language and checks that it is in that language (right to left in
/// Persian); photographed as `<code>-<name>` if asked.
pub(crate) async fn every_page_in(
    client: &Client,
    app: &TestApp,
    codes: &[&str],
    pages: &[(&str, &str)],
    photographed: bool,
) {
    for code in codes {
        set_language(client, app, code).await;
        for (name, path) in pages {
            client.goto(&app.url(path)).await.unwrap();
            let page = html(client).await;
            assert!(page.contains(&format!("lang=\"{code}\"")), "{code} {name}");
            if *code == "fa" {
                assert!(page.contains("dir=\"rtl\""), "{code} {name}");
            }
            labels_sit_by_their_inputs(client, &format!("{code} {name}")).await;
            shot(client, photographed, &format!("{code}-{name}")).await;
        }
    }
}

pub(crate) async fn sign_in(client: &Client, app: &TestApp, email: &str) {
    client.goto(&app.url("/sign-in")).await.unwrap();
    type_into(client, "email", email).await;
    type_into(client, "password", PASSWORD).await;
    if std::env::var_os("DEBUG_SIGN_IN").is_some() {
        let cookies = client.get_all_cookies().await.unwrap();
        let token = value_of(client, Locator::Css("input[name='form_token']")).await;
        eprintln!("cookies {cookies:?} token {token:?}");
    }
    click_and_load(client, Locator::Css("form[action='/sign-in'] button")).await;
    if client
        .wait()
        .for_element(Locator::Css("form.signout"))
        .await
        .is_err()
    {
        panic!("signing in as {email} failed: {}", html(client).await);
    }
}

async fn sign_out(client: &Client) {
    click_and_load(client, Locator::Css("form.signout button")).await;
    wait_for(client, Locator::Id("email")).await;
}

pub(crate) async fn choose(client: &Client, select: &str, value: &str) {
    client
        .find(Locator::Css(&format!(
            "select[name='{select}'] option[value='{value}']"
        )))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

pub(crate) async fn set_language(client: &Client, app: &TestApp, code: &str) {
    client.goto(&app.url("/preferences")).await.unwrap();
    choose(client, "locale", code).await;
    click_and_load(client, Locator::Css("form[action='/preferences'] button")).await;
    wait_for(client, Locator::Css(&format!("html[lang='{code}']"))).await;
}

pub(crate) async fn demo_app() -> TestApp {
    demo_app_on(clientele_store::testing::sqlite()).await
}

/// The demo app on a given database (the main scenario runs on SQLite and PostgreSQL).
pub(crate) async fn demo_app_on(database: clientele_store::testing::TestDatabase) -> TestApp {
    let store = database.open().await;
    let base = generate(&DemoSpec {
        customers: 600,
        seed: 5,
        as_of: jiff::Timestamp::now(),
        currency: clientele_core::Currency::USD,
    });
    store.bulk_load(BulkBase::from(&base)).await.unwrap();
    store.close().await;
    let app = TestApp::start(database, clientele_server::ServerConfig::default()).await;
    // A Persian name written with Persian letters (ی, ک), owned by the agent.
    app.create(
        "/api/v1/customers",
        json!({"customer_id": "FA-1", "name": "علی کریمی", "owner_email": AGENT, "city": "تهران"}),
    )
    .await;
    app.create(
        "/api/v1/orders",
        json!({"customer_id": "FA-1", "ordered_at": "2026-03-21", "amount": "1500000.00"}),
    )
    .await;
    assert_eq!(
        app.patch("/api/v1/settings/types", &json!({}))
            .await
            .status(),
        reqwest::StatusCode::OK
    );
    for email in [AGENT, ADMIN] {
        set_password(&app.store, email, PASSWORD).await;
    }
    app
}

/// An agent signs in and sees only their own customers, filters by stage and opens a
/// customer, records complaints and sees the customer become dissatisfied, switches to Persian
/// and finds the page right to left with Jalali dates, and finds a Persian name typed with
/// Arabic letters. Every main page is photographed in every language.
#[tokio::test]
async fn a_sales_team_works_in_the_browser_in_four_languages() {
    let Some(chromedriver) = chromedriver_or_skip("BROWSER TESTS") else {
        return;
    };
    let driver = start_driver(&chromedriver).await;
    // The same day's work on each database this run reaches; photographed once (SQLite).
    for (i, database) in clientele_store::testing::databases()
        .await
        .into_iter()
        .enumerate()
    {
        sales_team_day(&driver, database, i == 0).await;
    }
}

async fn shot(client: &Client, photographed: bool, name: &str) {
    if photographed {
        screenshot(client, name).await;
    }
}

async fn sales_team_day(
    driver: &Driver,
    database: clientele_store::testing::TestDatabase,
    photographed: bool,
) {
    let app = demo_app_on(database).await;
    let client = browser(driver).await;

    // Signed out, every page sends to the sign-in form.
    client.goto(&app.url("/customers")).await.unwrap();
    wait_for(&client, Locator::Id("email")).await;
    shot(&client, photographed, "en-sign-in").await;

    sign_in(&client, &app, AGENT).await;
    let dashboard = html(&client).await;
    assert!(
        dashboard.contains("What kind of customers we have"),
        "{dashboard}"
    );
    shot(&client, photographed, "en-dashboard").await;

    // From the keyboard: the first Tab reaches "skip to the content", Enter goes there.
    client
        .find(Locator::Css("body"))
        .await
        .unwrap()
        .send_keys(&fantoccini::key::Key::Tab.to_string())
        .await
        .unwrap();
    let focused = client.active_element().await.unwrap();
    assert_eq!(
        focused.attr("class").await.unwrap().as_deref(),
        Some("skip")
    );
    focused
        .send_keys(&fantoccini::key::Key::Enter.to_string())
        .await
        .unwrap();
    assert!(current_url(&client).await.ends_with("#main"));

    // The agent's list holds their customers only (and, read-only, their organisations).
    client.goto(&app.url("/customers")).await.unwrap();
    let owners = client
        .find_all(Locator::Css("table.list tbody tr td:nth-child(6)"))
        .await
        .unwrap();
    assert!(!owners.is_empty());
    for cell in owners {
        let owner = cell.text().await.unwrap();
        assert!(
            owner == AGENT || owner.is_empty(),
            "a customer of {owner} shown to {AGENT}"
        );
    }
    shot(&client, photographed, "en-customers").await;

    // Filter by a stage and open the first customer.
    choose(&client, "stage", "repeat").await;
    click_and_load(&client, Locator::Css("form.filters button")).await;
    wait_for(&client, Locator::Css("table.list")).await;
    assert!(current_url(&client).await.contains("stage=repeat"));
    let stages = client
        .find_all(Locator::Css("table.list tbody tr td:nth-child(3)"))
        .await
        .unwrap();
    for cell in &stages {
        assert_eq!(cell.text().await.unwrap(), "Repeat");
    }
    click_and_load(&client, Locator::Css("table.list tbody tr td a")).await;
    wait_for(&client, Locator::Id("subject")).await;
    let customer_url = current_url(&client).await;
    let before = html(&client).await;
    assert!(
        !before.contains(">Dissatisfied<"),
        "already dissatisfied: pick another"
    );

    // Two complaints today make a customer dissatisfied, at once.
    for subject in ["Late delivery", "Wrong size again"] {
        type_into(&client, "subject", subject).await;
        choose(&client, "severity", "high").await;
        click_and_load(&client, Locator::Css("form[action*='/complaints#'] button")).await;
        wait_for(&client, Locator::Id("subject")).await;
    }
    // A call recorded from the page lands in the timeline.
    type_into(&client, "summary", "Called to apologise").await;
    choose(&client, "channel", "call").await;
    click_and_load(
        &client,
        Locator::Css("form[action*='/interactions#'] button"),
    )
    .await;
    let after = html(&client).await;
    assert!(
        after.contains("Call\u{2069}): Called to apologise"),
        "{after}"
    );
    assert!(after.contains(">Dissatisfied<"), "{after}");
    // The flag's evidence and action, in English.
    // Fluent isolates each number and phrase; the words a reader sees are between them.
    let words = without_isolates(&after);
    assert!(words.contains("2 complaints in the last"), "{after}");
    assert!(
        after.contains("service recovery now, by the owner"),
        "{after}"
    );
    assert!(after.contains("Wrong size again"));
    shot(&client, photographed, "en-customer").await;

    // Persian: right to left, Persian digits, Jalali dates.
    set_language(&client, &app, "fa").await;
    client.goto(&customer_url).await.unwrap();
    let persian = html(&client).await;
    assert!(persian.contains("dir=\"rtl\""), "{persian}");
    assert!(persian.contains("ناراضی"), "the flag in Persian");
    // The evidence and the actions in Persian too: the repeat customer's last order, the
    // complaints that made them dissatisfied, and what to do; no English sentence left.
    assert!(persian.contains("آخرین سفارش"), "stage evidence: {persian}");
    assert!(persian.contains("شکایت در"), "flag evidence: {persian}");
    assert!(persian.contains("جبران خدمت همین حالا"), "action: {persian}");
    let persian_words = without_isolates(&persian);
    for english in [
        "days ago",
        "orders on",
        "probability still active",
        "complaints in the last",
        "service recovery",
        "profit over the last",
    ] {
        assert!(!persian_words.contains(english), "{english} in {persian}");
    }
    shot(&client, photographed, "fa-customer-evidence").await;
    let jalali = regex_like_jalali(&persian);
    assert!(jalali, "no Jalali date (۱۴۰x/..) in {persian}");
    // A Persian name typed with Arabic letters (ي for ی, ك for ک) is found.
    client
        .goto(&app.url("/customers?q=%D8%B9%D9%84%D9%8A%20%D9%83%D8%B1%D9%8A%D9%85%D9%8A"))
        .await
        .unwrap();
    let found = html(&client).await;
    assert!(found.contains("علی کریمی"), "{found}");
    client.goto(&app.url("/customers/FA-1")).await.unwrap();
    let fa_customer = html(&client).await;
    assert!(
        fa_customer.contains("۱۴۰۵/۰۱/۰۱"),
        "Nowruz 1405 in the timeline: {fa_customer}"
    );
    assert!(fa_customer.contains("۱٬۵۰۰٬۰۰۰٫۰۰ دلار"), "{fa_customer}");

    // Every main page in every language.
    every_page_in(
        &client,
        &app,
        &["en", "fa", "ka", "tl"],
        &[
            ("dashboard", "/"),
            ("customers", "/customers"),
            ("customer", "/customers/FA-1"),
            ("customer-new", "/customers/new"),
            ("preferences", "/preferences"),
            ("win-back", "/win-back"),
        ],
        photographed,
    )
    .await;
    // On a phone: one column, nothing wider than the screen.
    client.set_window_size(390, 844).await.unwrap();
    for code in ["en", "fa"] {
        set_language(&client, &app, code).await;
        for (name, path) in [
            ("dashboard", "/"),
            ("customers", "/customers"),
            ("customer", "/customers/FA-1"),
        ] {
            client.goto(&app.url(path)).await.unwrap();
            fits_the_width(&client, &format!("{code} {name}")).await;
            labels_sit_by_their_inputs(&client, &format!("phone {code} {name}")).await;
            shot(&client, photographed, &format!("phone-{code}-{name}")).await;
        }
    }
    client.set_window_size(1280, 1000).await.unwrap();
    set_language(&client, &app, "en").await;
    sign_out(&client).await;
    for code in ["fa", "ka", "tl"] {
        client
            .goto(&app.url(&format!("/sign-in?lang={code}")))
            .await
            .unwrap();
        shot(&client, photographed, &format!("{code}-sign-in")).await;
    }
    client.close().await.unwrap();
}

/// Whether the page holds a Jalali date of this era, in Persian digits: `۱۴۰x/xx/xx`.
fn regex_like_jalali(html: &str) -> bool {
    html.match_indices("۱۴۰").any(|(i, _)| {
        let rest: Vec<char> = html[i..].chars().take(10).collect();
        rest.len() == 10 && rest[4] == '/' && rest[7] == '/'
    })
}

/// The text without Unicode directional isolates (U+2066–U+2069), as a reader sees it.
fn without_isolates(html: &str) -> String {
    html.chars()
        .filter(|c| !('\u{2066}'..='\u{2069}').contains(c))
        .collect()
}

/// Asserts that nothing on the page is wider than the window (a phone's, say).
pub(crate) async fn fits_the_width(client: &Client, what: &str) {
    let overflow = client
        .execute(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        overflow.as_i64().unwrap_or(0) <= 1,
        "{what} is wider than the window by {overflow}px"
    );
}

/// Asserts that every visible label on the page sits by its own control: the box of the
/// label and the box of the control it names touch or nearly (within 24 px), and no other
/// control is nearer to the label than its own — so "Name" cannot sit over the phone's box.
pub(crate) async fn labels_sit_by_their_inputs(client: &Client, what: &str) {
    let found = client
        .execute(
            r#"
const shown = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'; };
const gap = (a, b) => {
  const dx = Math.max(0, Math.max(a.left, b.left) - Math.min(a.right, b.right));
  const dy = Math.max(0, Math.max(a.top, b.top) - Math.min(a.bottom, b.bottom));
  return Math.hypot(dx, dy);
};
const controls = [...document.querySelectorAll('input:not([type=hidden]), select, textarea')].filter(shown);
const wrong = [];
let checked = 0;
for (const label of document.querySelectorAll('label')) {
  if (!shown(label) || label.classList.contains('sr-only')) continue;
  const own = label.htmlFor ? document.getElementById(label.htmlFor) : label.querySelector('input, select, textarea');
  if (!own) { wrong.push(`label "${label.textContent.trim()}" names no control (${label.htmlFor})`); continue; }
  if (!shown(own)) continue;
  checked++;
  const l = label.getBoundingClientRect();
  const mine = gap(l, own.getBoundingClientRect());
  if (mine > 24) wrong.push(`label "${label.textContent.trim()}" is ${Math.round(mine)}px from its control #${own.id}`);
  for (const other of controls) {
    if (other === own || label.contains(other)) continue;
    const theirs = gap(l, other.getBoundingClientRect());
    if (theirs + 1 < mine) wrong.push(`label "${label.textContent.trim()}" is nearer #${other.id || other.name} (${Math.round(theirs)}px) than its own #${own.id} (${Math.round(mine)}px)`);
  }
}
return {checked, wrong};
"#,
            vec![],
        )
        .await
        .unwrap();
    let wrong = found["wrong"].as_array().cloned().unwrap_or_default();
    assert!(wrong.is_empty(), "{what}: {wrong:#?}");
}
