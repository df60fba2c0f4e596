//! Many clients at once through the real server: reads and writes mixed, on each database.
//! No answer may be a server error, and every write the server acknowledged must be stored.
//!
//! The suite runs it for 10 seconds; `bench/load.sh` runs it for 60 (a release build) and
//! prints the figures the README gives. `CLIENTELE_LOAD_SECONDS` and
//! `CLIENTELE_LOAD_CLIENTS` change the length and the number of clients.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use clientele_store::{AccessScope, ListRequest, OrderFilter, every_page};
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::support::*;

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .map(|value| {
            value
                .parse()
                .unwrap_or_else(|_| panic!("{name}={value}: not a number"))
        })
        .unwrap_or(default)
}

/// What one client saw.
#[derive(Default)]
struct Tally {
    latencies: Vec<Duration>,
    /// Answers other than the one the request was made to get, with their bodies.
    unexpected: Vec<String>,
    server_errors: u64,
    orders: Vec<String>,
    interactions: u64,
    /// The city this client's own customer was last acknowledged to live in.
    last_city: Option<String>,
}

/// A small xorshift: each client's mix of requests differs, and the same seed repeats it.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, sides: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % sides
    }
}

async fn client(app: &TestApp, number: usize, until: Instant) -> Tally {
    let mut tally = Tally::default();
    let mut dice = Dice(0x9E37_79B9_7F4A_7C15 ^ (number as u64 + 1).wrapping_mul(0x2545_F491));
    let own = format!("L-{number}");
    let mut sent = 0u64;
    while Instant::now() < until {
        sent += 1;
        let other = format!("L-{}", dice.roll(50));
        let (method, path, body, expected) = match dice.roll(10) {
            0..=2 => {
                let order_id = format!("LO-{number}-{sent}");
                let body = json!({"order_id": order_id, "customer_id": own,
                    "ordered_at": format!("2026-0{}-1{}", 1 + dice.roll(9), dice.roll(10)),
                    "amount": format!("{}.{:02}", 1 + dice.roll(500), dice.roll(100))});
                (
                    Method::POST,
                    "/api/v1/orders".to_owned(),
                    Some(body),
                    StatusCode::CREATED,
                )
            }
            3 => {
                let city = format!("City {number}-{sent}");
                let body = json!({"city": city});
                (
                    Method::PATCH,
                    format!("/api/v1/customers/{own}"),
                    Some(body),
                    StatusCode::OK,
                )
            }
            4 => {
                let body = json!({"customer_id": other, "occurred_at": "2026-05-01T10:00:00Z",
                    "channel": "call", "direction": "inbound", "summary": format!("call {number}-{sent}")});
                (
                    Method::POST,
                    "/api/v1/interactions".to_owned(),
                    Some(body),
                    StatusCode::CREATED,
                )
            }
            5..=6 => (
                Method::GET,
                format!("/api/v1/customers/{other}"),
                None,
                StatusCode::OK,
            ),
            7 => (
                Method::GET,
                "/api/v1/customers?limit=20".to_owned(),
                None,
                StatusCode::OK,
            ),
            8 => (
                Method::GET,
                format!("/api/v1/orders?customer_id={other}&limit=20"),
                None,
                StatusCode::OK,
            ),
            _ => (
                Method::GET,
                format!("/api/v1/customers/{other}/profile"),
                None,
                StatusCode::OK,
            ),
        };
        let mut request = app.as_admin().request(method.clone(), &path);
        if let Some(body) = &body {
            request = request.json(body);
        }
        let started = Instant::now();
        let response = request.send().await.expect("the server answers");
        let status = response.status();
        let text = response.text().await.unwrap_or_default();
        tally.latencies.push(started.elapsed());
        if status.is_server_error() {
            tally.server_errors += 1;
        }
        if status != expected {
            tally
                .unexpected
                .push(format!("{method} {path}: {status} {text}"));
            continue;
        }
        match (&method, body) {
            (&Method::POST, Some(body)) if body.get("order_id").is_some() => tally
                .orders
                .push(body["order_id"].as_str().unwrap().to_owned()),
            (&Method::POST, Some(_)) => tally.interactions += 1,
            (&Method::PATCH, Some(body)) => {
                tally.last_city = Some(body["city"].as_str().unwrap().to_owned())
            }
            _ => {}
        }
    }
    tally
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn many_clients_reading_and_writing_at_once_get_no_server_error_and_lose_nothing() {
    let seconds = setting("CLIENTELE_LOAD_SECONDS", 10);
    let clients = setting("CLIENTELE_LOAD_CLIENTS", 50) as usize;
    for app in apps().await {
        let app = Arc::new(app);
        let customers = (0..clients.max(50))
            .map(|n| json!({"customer_id": format!("L-{n}"), "name": format!("Load {n}")}));
        app.create_all("/api/v1/customers", customers).await;
        // A first full pass, so that every write re-evaluates its customer as in real use.
        let classified = app.patch("/api/v1/settings/types", &json!({})).await;
        assert_eq!(
            classified.status(),
            StatusCode::OK,
            "{:?}: the first pass",
            app.backend
        );
        let until = Instant::now() + Duration::from_secs(seconds);
        let started = Instant::now();
        let tallies = run_clients(&app, clients, until).await;
        let elapsed = started.elapsed();

        let mut latencies: Vec<Duration> =
            tallies.iter().flat_map(|t| t.latencies.clone()).collect();
        latencies.sort();
        let server_errors: u64 = tallies.iter().map(|t| t.server_errors).sum();
        let unexpected: Vec<&String> = tallies.iter().flat_map(|t| &t.unexpected).collect();
        let orders: Vec<&String> = tallies.iter().flat_map(|t| &t.orders).collect();
        let interactions: u64 = tallies.iter().map(|t| t.interactions).sum();
        println!(
            "{:?}: {clients} clients for {seconds} s: {} requests ({} acknowledged orders, {interactions} interactions), \
             {:.0} requests/s, p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms, {server_errors} server errors",
            app.backend,
            latencies.len(),
            orders.len(),
            latencies.len() as f64 / elapsed.as_secs_f64(),
            percentile(&latencies, 0.50).as_secs_f64() * 1000.0,
            percentile(&latencies, 0.99).as_secs_f64() * 1000.0,
            percentile(&latencies, 1.0).as_secs_f64() * 1000.0,
        );
        assert_eq!(
            server_errors,
            0,
            "{:?}: server errors, the first: {:?}",
            app.backend,
            unexpected.iter().take(5).collect::<Vec<_>>()
        );
        assert!(
            unexpected.is_empty(),
            "{:?}: {} unexpected answers, the first: {:?}",
            app.backend,
            unexpected.len(),
            unexpected.iter().take(5).collect::<Vec<_>>()
        );
        assert!(
            !orders.is_empty(),
            "{:?}: no write was acknowledged",
            app.backend
        );

        // Every acknowledged write is stored.
        let mut stored = HashMap::new();
        let (store, everyone, every_order) =
            (&app.store, &AccessScope::All, &OrderFilter::default());
        every_page(
            |request: ListRequest| async move {
                store.list_orders(everyone, every_order, &request).await
            },
            |page| {
                stored.extend(
                    page.into_iter()
                        .map(|order| (order.order_id.clone(), order)),
                );
                Ok::<_, clientele_store::StoreError>(())
            },
        )
        .await
        .unwrap();
        let lost: Vec<_> = orders
            .iter()
            .filter(|id| !stored.contains_key(id.as_str()))
            .collect();
        assert!(
            lost.is_empty(),
            "{:?}: acknowledged orders not stored: {lost:?}",
            app.backend
        );
        assert_eq!(
            stored.len(),
            orders.len(),
            "{:?}: orders nobody was told of",
            app.backend
        );
        for (number, tally) in tallies.iter().enumerate() {
            if let Some(city) = &tally.last_city {
                let customer = json(app.get(&format!("/api/v1/customers/L-{number}")).await).await;
                assert_eq!(
                    customer["city"],
                    city.as_str(),
                    "{:?}: L-{number}",
                    app.backend
                );
            }
        }
    }
}

/// Runs the clients side by side, each on its own task.
async fn run_clients(app: &Arc<TestApp>, clients: usize, until: Instant) -> Vec<Tally> {
    let tasks: Vec<_> = (0..clients)
        .map(|number| {
            let app = Arc::clone(app);
            tokio::spawn(async move { client(&app, number, until).await })
        })
        .collect();
    let mut tallies = Vec::new();
    for task in tasks {
        tallies.push(task.await.expect("a client ran to its end"));
    }
    tallies
}
