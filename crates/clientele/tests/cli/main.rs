//! The `clientele` program as a user runs it: real processes, real files, real databases.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use clientele_store::testing::{TestDatabase, databases};

mod kill;

const BIN: &str = env!("CARGO_BIN_EXE_clientele");

struct Dir(PathBuf);

impl Dir {
    fn new() -> Dir {
        let dir =
            std::env::temp_dir().join(format!("clientele-cli-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).unwrap();
        Dir(dir)
    }
    fn file(&self, name: &str, content: &str) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, content).unwrap();
        path
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn clientele(database: &TestDatabase, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(["--database-url", &database.url])
        .args(args)
        .env_remove("CLIENTELE_CURRENCY")
        .output()
        .expect("clientele runs")
}

/// Runs `clientele` and expects it to succeed; what it printed.
fn ok(database: &TestDatabase, args: &[&str]) -> String {
    let output = clientele(database, args);
    assert!(
        output.status.success(),
        "clientele {args:?}: {}",
        text(&output.stderr)
    );
    text(&output.stdout)
}

/// Runs `clientele` and expects it to fail; what it said on stderr.
fn fails(database: &TestDatabase, args: &[&str]) -> String {
    let output = clientele(database, args);
    assert!(!output.status.success(), "clientele {args:?} succeeded");
    text(&output.stderr)
}

/// Writes `<kind>.csv` and imports it, expecting success: what the import printed.
fn import(db: &TestDatabase, kind: &str, content: &str) -> String {
    let dir = Dir::new();
    let file = dir.file(&format!("{kind}.csv"), content);
    ok(db, &["import", kind, path(&file)])
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[tokio::test]
async fn a_bad_file_fails_with_file_line_column_and_reason_and_stores_nothing() {
    for db in databases().await {
        let dir = Dir::new();
        let orders = dir.file("orders.csv", "order_id,customer_id,ordered_at,amount\nO-1,C-1,2026-01-05,10\nO-2,C-1,2026-13-01,10\n");
        // The business's currency chosen first: only the refusal is said.
        let refused = fails(
            &db,
            &["--currency", "USD", "import", "orders", path(&orders)],
        );
        assert_eq!(
            refused.trim_end(),
            format!(
                "error: {}: 1 invalid row; nothing was imported\n  line 3, column 3 (ordered_at): `2026-13-01` is not a date: \
                 expected YYYY-MM-DD or an RFC 3339 time such as 2026-03-21T09:30:00Z",
                orders.display()
            )
        );
        let export = clientele(&db, &["export", "orders"]);
        assert_eq!(
            text(&export.stdout),
            "order_id,customer_id,ordered_at,amount,cost,currency\n"
        );
    }
}

/// A first import with amounts says which currency it assumes (it cannot change once amounts
/// are stored); one that chose its currency, or a later one, says nothing about it.
#[tokio::test]
async fn a_first_import_with_amounts_names_the_currency_it_assumes() {
    let orders = "order_id,customer_id,ordered_at,amount\nO-1,C-1,2026-01-01,5.00\n";
    let dir = Dir::new();
    let file = dir.file("orders.csv", orders);
    for db in databases().await {
        let said = text(&clientele(&db, &["import", "orders", path(&file)]).stderr);
        assert!(
            said.contains("amounts are read as USD") && said.contains("--currency"),
            "{said}"
        );
        let again = text(&clientele(&db, &["import", "orders", path(&file)]).stderr);
        assert!(!again.contains("amounts are read as"), "{again}");
    }
    for db in databases().await {
        let output = clientele(&db, &["--currency", "GEL", "import", "orders", path(&file)]);
        assert!(output.status.success(), "{}", text(&output.stderr));
        assert!(!text(&output.stderr).contains("amounts are read as"));
    }
}

#[tokio::test]
async fn an_import_twice_reports_no_change_and_the_export_reads_back_the_file() {
    for db in databases().await {
        let dir = Dir::new();
        let content = "order_id,customer_id,ordered_at,amount,cost,currency\n\
                       O-1,C-1,2026-01-05T00:00:00Z,10.00,4.00,GEL\n\
                       O-2,C-2,2026-01-06T12:30:00Z,7.50,,GEL\n";
        let orders = dir.file("orders.csv", content);
        let first = ok(
            &db,
            &["--currency", "GEL", "import", "orders", path(&orders)],
        );
        assert_eq!(
            first.trim_end(),
            format!(
                "{}: 2 rows: 2 inserted, 0 updated, 0 unchanged, 2 new customers created from orders",
                orders.display()
            )
        );
        let again = clientele(&db, &["import", "orders", path(&orders)]);
        assert_eq!(
            text(&again.stdout).trim_end(),
            format!(
                "{}: 2 rows: 0 inserted, 0 updated, 2 unchanged",
                orders.display()
            )
        );
        assert_eq!(text(&clientele(&db, &["export", "orders"]).stdout), content);
        let json = clientele(&db, &["export", "orders", "--format", "json"]);
        let orders: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
        assert_eq!(orders[1]["amount"], "7.50");
        // The books are in lari now: another currency is refused, naming both.
        let dollars = clientele(&db, &["--currency", "USD", "export", "orders"]);
        assert!(
            text(&dollars.stderr).contains("already keeps its books in GEL"),
            "{}",
            text(&dollars.stderr)
        );
    }
}

#[tokio::test]
async fn the_demo_is_the_same_for_the_same_seed_and_refuses_a_full_database() {
    let mut exports = Vec::new();
    for _ in 0..2 {
        let db = clientele_store::testing::sqlite();
        ok(
            &db,
            &[
                "demo",
                "--customers",
                "300",
                "--seed",
                "9",
                "--as-of",
                "2026-11-01",
            ],
        );
        let again = clientele(&db, &["demo", "--customers", "300"]);
        assert!(text(&again.stderr).contains("demo fills only an empty database"));
        exports.push((
            text(&clientele(&db, &["export", "customers"]).stdout),
            text(&clientele(&db, &["export", "orders"]).stdout),
        ));
    }
    assert_eq!(exports[0], exports[1]);
    assert!(exports[0].1.lines().count() > 300);
}

/// A log written to a file or a pipe is plain text: no terminal colour codes.
#[tokio::test]
async fn logs_not_written_to_a_terminal_carry_no_colour_codes() {
    let db = clientele_store::testing::sqlite();
    let output = Command::new(BIN)
        .args(["--database-url", &db.url, "demo", "--customers", "20"])
        .env("CLIENTELE_LOG", "debug")
        .output()
        .expect("clientele runs");
    assert!(output.status.success());
    let log = text(&output.stderr);
    assert!(log.contains("DEBUG"), "a debug log was written: {log}");
    assert!(!log.contains('\u{1b}'), "colour codes in a piped log");
}

/// What `serve` prints up to the line that says where it serves, and that address.
fn until_serving(child: &mut std::process::Child) -> (Vec<String>, String) {
    let stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut lines = Vec::new();
    for line in std::io::BufRead::lines(stdout).map_while(Result::ok) {
        let serving = line.contains("is serving http://");
        lines.push(line);
        if serving {
            break;
        }
    }
    let address = lines
        .last()
        .and_then(|line| line.split("http://").nth(1))
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {lines:?}"))
        .to_owned();
    (lines, address)
}

/// `clientele serve` on an ephemeral port with these arguments, no first admin's e-mail or
/// password in its environment: the process, and what [`until_serving`] read.
fn serve(db: &TestDatabase, args: &[&str]) -> (std::process::Child, Vec<String>, String) {
    let mut child = Command::new(BIN)
        .args(["--database-url", &db.url, "serve", "--addr", "127.0.0.1:0"])
        .args(args)
        .env_remove("CLIENTELE_ADMIN_PASSWORD")
        .env_remove("CLIENTELE_ADMIN_EMAIL")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let (lines, address) = until_serving(&mut child);
    (child, lines, address)
}

fn stop(mut child: std::process::Child) {
    child.kill().unwrap();
    let _ = child.wait();
}

/// Signs in to the server at this address with this client; the session.
async fn sign_in(
    client: &reqwest::Client,
    address: &str,
    email: &str,
    password: &str,
) -> serde_json::Value {
    let response = client
        .post(format!("http://{address}/api/v1/session"))
        .json(&serde_json::json!({"email": email, "password": password}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        reqwest::StatusCode::OK,
        "signing in as {email}"
    );
    response.json().await.unwrap()
}

#[tokio::test]
async fn serve_with_demo_answers_on_its_port() {
    let db = clientele_store::testing::sqlite();
    // First the demo's summary and its sign-ins, then the address it serves on.
    let (child, lines, address) = serve(&db, &["--demo", "--demo-customers", "200"]);
    let credentials: std::collections::HashMap<String, (String, String)> = lines
        .iter()
        .filter_map(|line| {
            let words: Vec<&str> = line.split_whitespace().collect();
            match words.as_slice() {
                [
                    role @ ("admin" | "manager" | "agent" | "analyst"),
                    email,
                    password,
                ] => Some((role.to_string(), (email.to_string(), password.to_string()))),
                _ => None,
            }
        })
        .collect();
    assert_eq!(credentials.len(), 4, "demo sign-ins printed: {lines:?}");

    // Nothing without signing in.
    let anonymous = reqwest::Client::new()
        .get(format!("http://{address}/api/v1/customers?limit=5"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), reqwest::StatusCode::UNAUTHORIZED);

    // The agent signs in as a browser does and sees their own customers only.
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let (agent, password) = &credentials["agent"];
    let session = sign_in(&browser, &address, agent, password).await;
    assert_eq!(session["role"], "agent", "{session}");
    let customers: serde_json::Value = browser
        .get(format!("http://{address}/api/v1/customers?limit=500"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let items = customers["items"].as_array().unwrap();
    assert!(!items.is_empty());
    for customer in items {
        let own = customer["owner_email"] == agent.as_str();
        let organisation = customer["party"] == "organisation";
        assert!(own || organisation, "{customer}");
    }
    stop(child);
}

/// The CDNOW sample (public research data, copied into the core crate's test data) as an
/// orders CSV, one order a purchase line.
fn cdnow_orders(dir: &Dir) -> PathBuf {
    let raw = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../core/tests/data/cdnow/CDNOW_sample.txt"
    ))
    .unwrap();
    let mut csv = String::from("order_id,customer_id,ordered_at,amount\n");
    for (i, line) in raw.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let (customer, date, value) = (fields[0], fields[2], fields[4]);
        let value: f64 = value.parse().unwrap();
        csv.push_str(&format!(
            "CD-{},{customer},{}-{}-{},{value:.2}\n",
            i + 1,
            &date[..4],
            &date[4..6],
            &date[6..]
        ));
    }
    dir.file("cdnow-orders.csv", &csv)
}

fn assert_3_significant(name: &str, actual: f64, published: f64) {
    let digits = published.abs().log10().floor() as i32;
    let unit = 10f64.powi(digits - 2);
    assert_eq!(
        (actual / unit).round(),
        (published / unit).round(),
        "{name}: fitted {actual}, published {published}"
    );
}

#[tokio::test]
async fn fit_on_imported_cdnow_orders_reproduces_the_published_parameters() {
    for db in databases().await {
        let dir = Dir::new();
        let orders = cdnow_orders(&dir);
        ok(&db, &["import", "orders", path(&orders)]);
        let output = ok(
            &db,
            &[
                "fit",
                "--calibration-end",
                "1997-09-30",
                "--unit",
                "week",
                "--format",
                "json",
            ],
        );
        let fit: serde_json::Value = serde_json::from_str(&output).unwrap();
        let bgnbd = &fit["bgnbd"];
        for (name, published) in [("r", 0.243), ("alpha", 4.414), ("a", 0.793), ("b", 2.426)] {
            assert_3_significant(name, bgnbd[name].as_f64().unwrap(), published);
        }
        assert!((bgnbd["log_likelihood"].as_f64().unwrap() + 9582.4).abs() < 0.05);
        assert_eq!(bgnbd["customers"], 2357);
        assert_eq!(bgnbd["repeat_customers"], 946);
        let spend = &fit["gamma_gamma"];
        for (name, published) in [("p", 6.25), ("q", 3.74), ("gamma", 15.44)] {
            assert_3_significant(name, spend[name].as_f64().unwrap(), published);
        }
        assert_eq!(spend["customers"], 946);
        // Without a calibration end, a history that ended in 1998 is measured to its own end
        // (the day after its last order, 1998-06-30), not to today.
        let fit: serde_json::Value =
            serde_json::from_str(&ok(&db, &["fit", "--format", "json"])).unwrap();
        let end = fit["calibration_end"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert!(end.starts_with("1998-07-01"), "{fit}");

        // Predictions: Hardie's conditional expected average values for the first customers
        // and a row for every customer.
        let csv = ok(&db, &["predict", "--calibration-end", "1997-09-30"]);
        let mut lines = csv.lines();
        assert_eq!(
            lines.next(),
            Some("customer_id,frequency,recency,T,expected_orders,p_alive,expected_avg_value,clv")
        );
        let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
        assert_eq!(rows.len(), 2357);
        let first = &rows[0];
        assert_eq!(first[0], "00004");
        assert_eq!(&first[1..4], ["2", "30.4286", "38.8571"]);
        assert_eq!(first[6], "24.65");
    }
}

#[tokio::test]
async fn fit_on_a_base_without_repeat_customers_says_why_and_prints_no_numbers() {
    for db in databases().await {
        import(
            &db,
            "orders",
            "order_id,customer_id,ordered_at,amount\nO-1,C-1,2026-01-05,10\nO-2,C-2,2026-01-06,12\n",
        );
        let output = clientele(&db, &["fit", "--calibration-end", "2026-02-01"]);
        assert!(!output.status.success());
        assert!(output.stdout.is_empty());
        assert_eq!(
            text(&output.stderr).trim_end(),
            "error: only 0 customers made a repeat purchase by the calibration end; the BG/NBD model needs at least 20 to say anything about the base"
        );
    }
}

#[tokio::test]
async fn reports_print_as_table_csv_and_json() {
    for db in databases().await {
        ok(
            &db,
            &["demo", "--customers", "400", "--as-of", "2026-11-22"],
        );
        let as_of = ["--as-of", "2026-11-22"];

        let csv = ok(
            &db,
            &[&["report", "tiers", "--format", "csv"][..], &as_of].concat(),
        );
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(
            lines[0],
            "tier,customers,share_of_customers,profit_window,share_of_positive_profit"
        );
        assert_eq!(lines.len(), 4, "{csv}");
        assert!(lines[1].starts_with("A,") && lines[3].starts_with("C,"));

        let table = ok(&db, &[&["report", "rfm"][..], &as_of].concat());
        assert!(table.starts_with("segment  "));
        assert!(table.contains("Champions"));

        for kind in ["cohorts", "channels", "persona", "prospects"] {
            let output = ok(
                &db,
                &[&["report", kind, "--format", "json"][..], &as_of].concat(),
            );
            let report: serde_json::Value = serde_json::from_str(&output).unwrap();
            assert_eq!(report["as_of"], "2026-11-22T00:00:00Z", "{kind}");
        }
    }
}

#[tokio::test]
async fn classify_prints_one_object_a_line_stores_the_types_and_reports_them() {
    for db in databases().await {
        let dir = Dir::new();
        ok(
            &db,
            &["demo", "--customers", "300", "--as-of", "2026-11-22"],
        );
        // What it says on stderr is checked too, so this one is run by hand.
        let output = clientele(
            &db,
            &["classify", "--as-of", "2026-11-22", "--format", "json"],
        );
        assert!(output.status.success(), "{}", text(&output.stderr));
        let lines: Vec<serde_json::Value> = text(&output.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert!(lines.len() >= 300);
        for line in &lines {
            for key in [
                "customer_id",
                "stage",
                "tier",
                "flags",
                "evidence",
                "actions",
                "metrics",
            ] {
                assert!(line.get(key).is_some(), "{key} missing in {line}");
            }
            assert!(line["evidence"]["stage"].as_str().is_some());
            assert!(line["metrics"].get("recency_days").is_some());
        }
        assert!(text(&output.stderr).contains(&format!("classified {} customers", lines.len())));

        let report = ok(&db, &["report", "types", "--since", "2026-01-01"]);
        assert!(
            report.starts_with(&format!(
                "# {} customers classified, as of 2026-11-22T00:00:00Z",
                lines.len()
            )),
            "{report}"
        );
        assert!(report.contains("stage\tlapsed\t"));
        assert!(report.contains("# transitions since 2026-01-01T00:00:00Z"));

        // A bad settings file is refused with its name and the field.
        let config = dir.file("clientele.toml", "[types]\nlost_days = 0\n");
        let refused = fails(&db, &["classify", "--config", path(&config)]);
        assert_eq!(
            refused.trim_end(),
            format!(
                "error: {}: types.lost_days must be 1 to 36500 days",
                path(&config)
            )
        );
        let unknown = dir.file("other.toml", "[types]\nlapse_days = 3\n");
        let refused = fails(&db, &["classify", "--config", path(&unknown)]);
        assert!(refused.contains("unknown field `lapse_days`"), "{refused}");
    }
}

/// A day `n` days before today, as the import reads it.
fn days_ago(n: i64) -> String {
    let day = jiff::Zoned::now()
        .with_time_zone(jiff::tz::TimeZone::UTC)
        .date()
        .checked_sub(jiff::Span::new().days(n))
        .unwrap();
    day.to_string()
}

/// The settings file changes the verdict; an import keeps the stored types true (a full pass
/// for orders, only the named customers for complaints); a lapsed customer who orders again
/// is won back, and the types report says so.
#[tokio::test]
async fn imports_keep_the_types_true_and_a_lapsed_customer_who_orders_again_is_won_back() {
    for db in databases().await {
        let dir = Dir::new();
        let imported = import(
            &db,
            "orders",
            &format!(
                "order_id,customer_id,ordered_at,amount\n\
                 R1,R,{},50.00\nR2,R,{},50.00\nR3,R,{},50.00\n\
                 S1,S,{},20.00\nS2,S,{},20.00\n",
                days_ago(200),
                days_ago(185),
                days_ago(170),
                days_ago(40),
                days_ago(10),
            ),
        );
        // Nothing classified yet: the import says nothing about types.
        assert!(!imported.contains("types:"));

        let stage_of = |output: &str, id: &str| -> serde_json::Value {
            output
                .lines()
                .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
                .find(|c| c["customer_id"] == id)
                .unwrap()
        };
        // A business whose customers come back after long gaps says so in its settings.
        let patient = dir.file(
            "patient.toml",
            "# a patient business\n[types]\nlapse_min_days = 400\nlost_days = 500\n",
        );
        let output = ok(
            &db,
            &["--config", path(&patient), "classify", "--format", "json"],
        );
        let r = stage_of(&output, "R");
        assert_eq!(r["stage"], "repeat", "{r}");

        // With the spec's defaults, 170 days of silence after ordering every 15 days is a lapse.
        let output = ok(&db, &["classify", "--format", "json"]);
        let r = stage_of(&output, "R");
        assert_eq!(r["stage"], "lapsed", "{r}");
        assert_eq!(
            r["evidence"]["stage"],
            "last order 170 days ago; usually orders every 15 days; lapsed after 60 days; no purchase model for this base yet"
        );
        assert_eq!(stage_of(&output, "S")["stage"], "repeat");

        // Two complaints for S: only S is re-evaluated, with the stored models.
        let complaints = format!(
            "complaint_id,customer_id,opened_at\nK1,S,{}\nK2,S,{}\n",
            days_ago(3),
            days_ago(2)
        );
        let imported = import(&db, "complaints", &complaints);
        assert!(
            imported.contains(
                "types: re-evaluated 1 customer named in the file; 1 transition recorded"
            ),
            "{imported}"
        );
        // The same file again changes nothing, and re-evaluates nobody.
        let again = import(&db, "complaints", &complaints);
        assert!(!again.contains("types:"), "{again}");

        // R orders again: the import refits and re-evaluates the whole base.
        let imported = import(
            &db,
            "orders",
            &format!(
                "order_id,customer_id,ordered_at,amount\nR4,R,{},80.00\n",
                days_ago(1)
            ),
        );
        assert!(
            imported.contains("types: re-evaluated all 2 customers, models refitted"),
            "{imported}"
        );

        let report = ok(
            &db,
            &[
                "report",
                "types",
                "--since",
                &days_ago(1),
                "--format",
                "json",
            ],
        );
        let report: serde_json::Value = serde_json::from_str(&report).unwrap();
        let transitions = report["transitions"].as_array().unwrap();
        // Every evaluation above ran today: R was first repeat (patient settings; a first
        // verdict is not a transition), then lapsed, then won back.
        let r_stages: Vec<(&str, &str)> = transitions
            .iter()
            .filter(|t| t["customer_id"] == "R" && t["axis"] == "stage")
            .map(|t| (t["from"].as_str().unwrap_or(""), t["to"].as_str().unwrap()))
            .collect();
        assert_eq!(r_stages, [("repeat", "lapsed"), ("lapsed", "reborn")]);
        let won_back = transitions
            .iter()
            .rfind(|t| t["customer_id"] == "R" && t["axis"] == "stage")
            .unwrap();
        assert_eq!(won_back["from"], "lapsed");
        assert_eq!(won_back["to"], "reborn");
        assert!(
            transitions
                .iter()
                .any(|t| t["customer_id"] == "S" && t["to"] == "dissatisfied")
        );
        let stages = report["counts"]["stages"].as_array().unwrap();
        let reborn = stages.iter().find(|s| s["name"] == "reborn").unwrap();
        assert_eq!(reborn["customers"], 1);

        let table = clientele(&db, &["report", "types", "--since", &days_ago(1)]);
        let table = text(&table.stdout);
        assert!(
            table
                .lines()
                .any(|l| l.contains("\tR\tstage\tlapsed\treborn\twon back")),
            "{table}"
        );
    }
}

/// The team from the command line: add employees who can sign in, list them, make a token,
/// hand customers over, deactivate, and read the audit log of it all.
#[tokio::test]
async fn users_tokens_handover_and_audit_from_the_command_line() {
    for db in databases().await {
        import(
            &db,
            "employees",
            "email,name,role,team\nleila@example.ir,لیلا رضایی,agent,Retail\n",
        );
        import(
            &db,
            "customers",
            "customer_id,name,owner_email\nC1,Ana,leila@example.ir\nC2,Bea,leila@example.ir\n",
        );

        let added = ok(
            &db,
            &[
                "user",
                "add",
                "--email",
                "tamar@example.ge",
                "--role",
                "agent",
                "--team",
                "Retail",
                "--name",
                "თამარ",
            ],
        );
        let out = &added;
        assert!(
            out.starts_with("added tamar@example.ge (თამარ) as agent"),
            "{out}"
        );
        let password = out
            .lines()
            .find_map(|l| l.strip_prefix("one-time password: "))
            .expect("a one-time password")
            .to_owned();
        assert!(password.len() >= 40);
        // A weak password on standard input is refused, naming why.
        let weak = Command::new(BIN)
            .args([
                "--database-url",
                &db.url,
                "user",
                "add",
                "--email",
                "x@example.ge",
                "--role",
                "analyst",
                "--password-stdin",
            ])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut child| {
                use std::io::Write;
                child.stdin.take().unwrap().write_all(b"short\n")?;
                child.wait_with_output()
            })
            .unwrap();
        assert!(!weak.status.success());
        assert!(
            text(&weak.stderr).contains("at least 12 characters"),
            "{}",
            text(&weak.stderr)
        );

        let list = text(&clientele(&db, &["user", "list"]).stdout);
        for row in [
            "tamar@example.ge\tთამარ\tagent\tRetail\tyes",
            "leila@example.ir\tلیلا رضایی\tagent\tRetail\tyes",
        ] {
            assert!(list.contains(row), "`{row}` not in {list}");
        }

        let token = ok(
            &db,
            &[
                "token",
                "create",
                "--email",
                "tamar@example.ge",
                "--name",
                "reports",
                "--scope",
                "read",
            ],
        );
        assert!(token.trim().starts_with("clt_"));

        let handover = ok(
            &db,
            &[
                "handover",
                "--from",
                "leila@example.ir",
                "--to",
                "tamar@example.ge",
            ],
        );
        assert!(
            handover.starts_with(
                "2 customers of leila@example.ir handed over to tamar@example.ge; leila@example.ir deactivated"
            ),
            "{handover}"
        );
        let list = text(&clientele(&db, &["user", "list"]).stdout);
        assert!(
            list.contains("leila@example.ir\tلیلا رضایی\tagent\tRetail\tno"),
            "{list}"
        );
        let exported = text(&clientele(&db, &["export", "customers"]).stdout);
        assert_eq!(
            exported.matches("tamar@example.ge").count(),
            2,
            "{exported}"
        );

        let deactivated = ok(&db, &["user", "deactivate", "--email", "tamar@example.ge"]);
        assert!(
            deactivated.contains("2 customers are unassigned until handed over"),
            "{deactivated}"
        );

        let audit = text(&clientele(&db, &["audit"]).stdout);
        for expected in [
            "system: cli user add\t\tcreate\temployee",
            "system: cli token create\t\tcreate\ttoken",
            "system: cli handover\t\thandover\temployee\tleila@example.ir",
            "system: cli user deactivate\t\tupdate\temployee",
        ] {
            assert!(audit.contains(expected), "`{expected}` not in {audit}");
        }
        let json_lines =
            text(&clientele(&db, &["audit", "--action", "handover", "--format", "json"]).stdout);
        let entry: serde_json::Value =
            serde_json::from_str(json_lines.lines().next().unwrap()).unwrap();
        assert_eq!(entry["details"]["moved"], 2);
    }
}

/// `serve` on a database where no admin can sign in makes one and prints a one-time
/// password, which signs in.
#[tokio::test]
async fn serve_makes_a_first_admin_whose_one_time_password_signs_in() {
    let db = clientele_store::testing::sqlite();
    let (child, lines, address) = serve(&db, &[]);
    let first = lines
        .iter()
        .find(|l| l.starts_with("First admin: admin@clientele.local"))
        .unwrap_or_else(|| panic!("no first admin in {lines:?}"));
    let password = first
        .split("one-time password: ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap()
        .to_owned();
    let session = sign_in(
        &reqwest::Client::new(),
        &address,
        "admin@clientele.local",
        &password,
    )
    .await;
    assert_eq!(session["role"], "admin");
    stop(child);
    // A second start finds the admin and makes no other.
    let again = clientele(&db, &["user", "list"]);
    assert_eq!(
        text(&again.stdout).matches("admin@clientele.local").count(),
        1
    );
}

/// Every CSV the CLI writes holds a cell a spreadsheet would run only behind a `'`.
fn no_formula_cells(what: &str, csv: &str) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.as_bytes());
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            let runs = cell.starts_with(['=', '+', '@', '\t', '\r'])
                || (cell.starts_with('-') && cell.parse::<f64>().is_err());
            assert!(!runs, "{what} writes the formula cell {cell:?}");
        }
    }
}

#[tokio::test]
async fn every_csv_of_the_cli_neutralises_formula_cells() {
    for db in databases().await {
        ok(
            &db,
            &["demo", "--customers", "300", "--as-of", "2026-11-22"],
        );
        import(
            &db,
            "customers",
            "customer_id,name,city\n@prospect,=HYPERLINK(\"http://evil\"),-1+2\n",
        );
        import(
            &db,
            "orders",
            "order_id,customer_id,ordered_at,amount,currency\n\
             O-F1,=2+3,2026-03-05T00:00:00Z,10.00,USD\n\
             O-F2,=2+3,2026-06-05T00:00:00Z,12.00,USD\n",
        );
        let as_of = ["--as-of", "2026-11-22"];
        let outputs = [
            ("export customers", ok(&db, &["export", "customers"])),
            ("export orders", ok(&db, &["export", "orders"])),
            (
                "predict",
                ok(&db, &["predict", "--calibration-end", "2026-11-22"]),
            ),
            (
                "classify",
                ok(
                    &db,
                    &[&["classify", "--format", "csv"][..], &as_of].concat(),
                ),
            ),
            (
                "report prospects",
                ok(
                    &db,
                    &[&["report", "prospects", "--format", "csv"][..], &as_of].concat(),
                ),
            ),
        ];
        for (what, csv) in &outputs {
            no_formula_cells(what, csv);
        }
        let [customers, orders, predict, classify, prospects] = &outputs;
        assert!(
            customers
                .1
                .contains("'@prospect,\"'=HYPERLINK(\"\"http://evil\"\")\",person"),
            "{}",
            customers.1
        );
        assert!(orders.1.contains("O-F1,'=2+3,"), "{}", orders.1);
        assert!(predict.1.contains("\n'=2+3,"), "{}", predict.1);
        assert!(classify.1.contains("\n'=2+3,"), "{}", classify.1);
        assert!(prospects.1.contains("\n'@prospect,"), "{}", prospects.1);
        // A plain negative number stays the number it is.
        assert!(prospects.1.contains(",-"), "{}", prospects.1);
    }
}

/// What the CLI takes out of the base (export, predict, classify, report) is in the audit
/// log as the system path that did it, with the rows written.
#[tokio::test]
async fn cli_exports_predictions_classifications_and_reports_are_audited_with_their_rows() {
    for db in databases().await {
        ok(
            &db,
            &["demo", "--customers", "200", "--as-of", "2026-11-22"],
        );
        let as_of = ["--as-of", "2026-11-22"];
        let customers = ok(&db, &["export", "customers"]).lines().count() as u64 - 1;
        ok(&db, &["export", "orders", "--format", "json"]);
        ok(&db, &["predict", "--calibration-end", "2026-11-22"]);
        ok(
            &db,
            &[&["classify", "--format", "csv"][..], &as_of].concat(),
        );
        let tiers = ok(
            &db,
            &[&["report", "tiers", "--format", "csv"][..], &as_of].concat(),
        );
        let log =
            text(&clientele(&db, &["audit", "--action", "export", "--format", "json"]).stdout);
        let entries: Vec<serde_json::Value> = log
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let find = |actor: &str, entity: &str| {
            entries
                .iter()
                .find(|e| e["actor"] == actor && e["entity"] == entity)
                .unwrap_or_else(|| panic!("no export by {actor} of {entity} in {log}"))
                .clone()
        };
        let export = find("system: cli export", "customer");
        assert_eq!(export["details"]["rows"], customers);
        assert_eq!(export["details"]["complete"], true);
        assert_eq!(export["details"]["format"], "csv");
        let orders = find("system: cli export", "order");
        assert!(
            orders["details"]["rows"].as_u64().unwrap() > customers,
            "{orders}"
        );
        assert_eq!(orders["details"]["format"], "json");
        assert_eq!(
            find("system: cli predict", "customer")["details"]["rows"],
            customers
        );
        assert_eq!(
            find("system: cli classify", "customer")["details"]["rows"],
            customers
        );
        let report = find("system: cli report", "customer");
        assert_eq!(report["details"]["report"], "tiers");
        assert_eq!(report["details"]["rows"], tiers.lines().count() as u64 - 1);

        // Each took the whole base out today, with no such day before: the audit's alarm
        // says so once the bar is under the base's size, and stays quiet at the default.
        let alerts = ok(
            &db,
            &[
                "audit",
                "--alerts",
                "--alert-min-customers",
                "100",
                "--format",
                "json",
            ],
        );
        let alerts: Vec<serde_json::Value> = alerts
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let export = alerts
            .iter()
            .find(|a| a["actor"] == "system: cli export")
            .unwrap_or_else(|| panic!("no alarm for the export in {alerts:?}"));
        assert_eq!(export["customers"], customers, "{export}");
        assert_eq!(export["usual"], 0);
        assert_eq!(export["exports"], 1);
        let quiet = clientele(&db, &["audit", "--alerts"]);
        assert!(quiet.status.success());
        assert_eq!(
            text(&quiet.stdout).trim(),
            "day\tactor\tcustomers\tusual per day\texports"
        );
        assert!(
            text(&quiet.stderr).contains("no employee read or exported far more customers"),
            "{}",
            text(&quiet.stderr)
        );
    }
}

/// `clientele user reset-password` ends every session of the employee: whoever signed in
/// with the old password is signed out.
#[tokio::test]
#[allow(clippy::disallowed_methods)] // the session is opened straight in the store
async fn a_password_reset_from_the_command_line_ends_the_employee_s_sessions() {
    for db in databases().await {
        ok(
            &db,
            &[
                "user",
                "add",
                "--email",
                "tamar@example.ge",
                "--role",
                "agent",
            ],
        );
        let store = db.open().await;
        let employee = store.employee_by_email("tamar@example.ge").await.unwrap();
        let now = clientele_core::time::to_millis(jiff::Timestamp::now());
        let session = store
            .open_session(employee.employee_id, now, None)
            .await
            .unwrap();
        let policy = clientele_store::auth::SessionPolicy::default();
        let open = async || {
            store
                .session_principal(&session.cookie, now, &policy)
                .await
                .unwrap()
                .is_some()
        };
        assert!(open().await);
        let reset = ok(
            &db,
            &["user", "reset-password", "--email", "tamar@example.ge"],
        );
        assert!(
            reset.contains("one-time password for tamar@example.ge"),
            "{reset}"
        );
        assert!(!open().await, "the session outlived the reset");
    }
}

/// `serve --trusted-proxy` takes the client's address from `X-Forwarded-For` on the proxy's
/// connections: a client behind it who guesses twenty times is slowed down, another one is
/// not. A value that is neither an address nor a CIDR block is refused, named.
#[tokio::test]
async fn serve_behind_a_trusted_proxy_limits_each_client_by_its_own_address() {
    let db = clientele_store::testing::sqlite();
    let refused = fails(&db, &["serve", "--trusted-proxy", "proxy.local"]);
    assert!(refused.contains("`proxy.local`"), "{refused}");
    let (child, _, address) = serve(
        &db,
        &[
            "--trusted-proxy",
            "10.0.0.0/8",
            "--trusted-proxy",
            "127.0.0.1",
        ],
    );
    let attempt = async |forwarded_for: &str| {
        reqwest::Client::new()
            .post(format!("http://{address}/api/v1/session"))
            .header("x-forwarded-for", forwarded_for)
            .json(&serde_json::json!({"email": "nobody@example.ge", "password": "x"}))
            .send()
            .await
            .unwrap()
            .status()
    };
    for _ in 0..20 {
        assert_eq!(
            attempt("203.0.113.7").await,
            reqwest::StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        attempt("203.0.113.7").await,
        reqwest::StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        attempt("198.51.100.4, 10.1.2.3").await,
        reqwest::StatusCode::UNAUTHORIZED,
        "another client, through two trusted proxies, is not slowed down"
    );
    stop(child);
}

/// The instants of every stored transition, as RFC 3339 text, oldest first.
fn transition_instants(db: &TestDatabase) -> Vec<String> {
    let exported = ok(db, &["export", "transitions", "--format", "json"]);
    let exported: Vec<serde_json::Value> = serde_json::from_str(&exported).unwrap();
    let mut at: Vec<String> = exported
        .iter()
        .map(|t| t["at"].as_str().unwrap().to_owned())
        .collect();
    at.sort();
    at
}

/// A shop's old history evaluated as of its own date keeps that date as the base's clock:
/// imports after it re-evaluate as of it (not as of today, which would make everyone lost),
/// `import --as-of` moves the clock, an evaluation before the clock is refused with nothing
/// written, and a pass without a date returns the base to the wall clock.
#[tokio::test]
async fn a_past_dated_evaluation_is_the_clock_of_every_re_evaluation_after_it() {
    for db in databases().await {
        let dir = Dir::new();
        let mut orders = String::from("order_id,customer_id,ordered_at,amount\n");
        for (customer, months) in [("A", 1..=11), ("B", 9..=11), ("C", 1..=3)] {
            for month in months {
                orders.push_str(&format!(
                    "{customer}{month},{customer},2011-{month:02}-10,40.00\n"
                ));
            }
        }
        import(&db, "orders", &orders);
        let output = ok(
            &db,
            &["classify", "--as-of", "2011-12-10", "--format", "json"],
        );
        let stage = |output: &str, id: &str| -> String {
            output
                .lines()
                .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
                .find(|c| c["customer_id"] == id)
                .map(|c| c["stage"].as_str().unwrap().to_owned())
                .unwrap()
        };
        assert_eq!(stage(&output, "A"), "repeat");

        // A late order and two complaints: re-evaluated as of 2011-12-10, not as of today.
        let imported = import(
            &db,
            "orders",
            "order_id,customer_id,ordered_at,amount\nB12,B,2011-12-01,40.00\n",
        );
        assert!(imported.contains("models refitted"), "{imported}");
        let imported = import(
            &db,
            "complaints",
            "complaint_id,customer_id,opened_at\nK1,A,2011-12-01\nK2,A,2011-12-02\n",
        );
        assert!(imported.contains("re-evaluated 1 customer"), "{imported}");
        let instants = transition_instants(&db);
        assert!(!instants.is_empty());
        assert!(
            instants
                .iter()
                .all(|at| at.as_str() == "2011-12-10T00:00:00Z"),
            "{instants:?}"
        );
        let stages = ok(&db, &["report", "types", "--format", "json"]);
        let stages: serde_json::Value = serde_json::from_str(&stages).unwrap();
        let lost = stages["counts"]["stages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["name"] == "lost")
            .map_or(0, |s| s["customers"].as_u64().unwrap());
        assert!(lost <= 1, "only C may be lost as of 2011: {stages}");

        // Before the clock: refused, naming both dates, and nothing is written.
        let refused = fails(&db, &["classify", "--as-of", "2011-12-01"]);
        assert!(
            refused.contains("2011-12-10") && refused.contains("out of time order"),
            "{refused}"
        );
        let late = dir.file(
            "late.csv",
            "order_id,customer_id,ordered_at,amount\nA12,A,2011-11-30,40.00\n",
        );
        let refused = fails(
            &db,
            &["import", "orders", path(&late), "--as-of", "2011-12-01"],
        );
        assert!(refused.contains("out of time order"), "{refused}");
        let orders_now = ok(&db, &["export", "orders"]);
        assert!(
            !orders_now.contains("A12,"),
            "a refused import wrote {orders_now}"
        );
        assert_eq!(transition_instants(&db), instants);
        // A date in the future would hold every later evaluation back: refused too.
        let refused = fails(&db, &["classify", "--as-of", "2150-01-01"]);
        assert!(refused.contains("in the future"), "{refused}");

        // `import --as-of` a later date re-evaluates the base as of it and moves the clock.
        ok(
            &db,
            &["import", "orders", path(&late), "--as-of", "2011-12-20"],
        );
        import(
            &db,
            "complaints",
            "complaint_id,customer_id,opened_at\nK3,B,2011-12-15\nK4,B,2011-12-16\n",
        );
        let instants = transition_instants(&db);
        assert!(
            instants
                .iter()
                .all(|at| at.as_str() <= "2011-12-20T00:00:00Z"),
            "{instants:?}"
        );
        assert!(
            instants
                .iter()
                .any(|at| at.as_str() == "2011-12-20T00:00:00Z")
        );

        // A pass without a date is as of now, and the clock follows the wall clock again.
        ok(&db, &["classify"]);
        import(
            &db,
            "complaints",
            &format!(
                "complaint_id,customer_id,opened_at\nK5,C,{}\nK6,C,{}\n",
                days_ago(2),
                days_ago(1)
            ),
        );
        let today = days_ago(0);
        let last = transition_instants(&db).pop().unwrap();
        assert!(last.starts_with(&today), "{last}");
    }
}

/// `clientele tasks add|list|done`: a task due in business days goes to the customer's owner,
/// is listed, and is finished with its outcome; a bad day is named.
#[tokio::test]
async fn tasks_from_the_command_line() {
    for db in databases().await {
        import(
            &db,
            "employees",
            "email,name,role,team\nsara@example.com,Sara,agent,Retail\n",
        );
        import(
            &db,
            "customers",
            "customer_id,name,owner_email\nC-1,Nino,sara@example.com\n",
        );
        let added = ok(
            &db,
            &[
                "tasks",
                "add",
                "C-1",
                "Call Nino",
                "--in",
                "2",
                "--weekend",
                "friday",
            ],
        );
        let task_id = added.split('\t').next().unwrap().to_owned();
        assert!(task_id.starts_with("TSK-"), "{added}");
        assert!(added.contains("sara@example.com"), "{added}");
        let weekend = clientele_core::time::Weekend::parse("friday").unwrap();
        let today = jiff::Timestamp::now()
            .to_zoned(jiff::tz::TimeZone::UTC)
            .date();
        let due = weekend.add_business_days(today, 2).to_string();
        assert!(added.contains(&format!("due {due}")), "{added}");

        let listed = ok(&db, &["tasks", "list", "--assignee", "sara@example.com"]);
        assert!(
            listed.lines().any(|l| l.starts_with(&format!(
                "{task_id}\t{due}\topen\tC-1\tsara@example.com\tCall Nino"
            ))),
            "{listed}"
        );
        let done = ok(&db, &["tasks", "done", &task_id, "--outcome", "reached"]);
        assert_eq!(done.trim(), format!("{task_id} done: reached"));
        let json = ok(
            &db,
            &["tasks", "list", "--status", "done", "--format", "json"],
        );
        let task: serde_json::Value = serde_json::from_str(json.lines().next().unwrap()).unwrap();
        assert_eq!(task["done_by"], "system: cli tasks");
        assert_eq!(task["outcome"], "reached");

        let refused = fails(&db, &["tasks", "add", "C-1", "x", "--due", "2026-02-30"]);
        assert!(
            refused.contains("due_on") && refused.contains("2026-02-30"),
            "{refused}"
        );
        let refused = fails(&db, &["tasks", "add", "C-9", "x"]);
        assert!(refused.contains("C-9"), "{refused}");
    }
}
