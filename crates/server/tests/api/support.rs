use std::net::SocketAddr;

use clientele_server::ServerConfig;
use clientele_store::Backend;
use clientele_store::testing::{TestDatabase, databases};
use reqwest::{Client, Response, StatusCode};
use serde_json::Value;

/// A running server on its own database.
pub struct TestApp {
    pub address: SocketAddr,
    pub backend: Backend,
    client: Client,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    _database: TestDatabase,
}

impl TestApp {
    pub async fn start(database: TestDatabase, config: ServerConfig) -> TestApp {
        let store = database.open().await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind an ephemeral port");
        let address = listener.local_addr().unwrap();
        let (shutdown, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(clientele_server::serve(
            listener,
            store,
            config,
            async move {
                let _ = stopped.await;
            },
        ));
        TestApp {
            address,
            backend: database.backend,
            client: Client::new(),
            shutdown: Some(shutdown),
            _database: database,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("GET answered")
    }

    pub async fn post(&self, path: &str, body: &Value) -> Response {
        self.client
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .expect("POST answered")
    }

    pub async fn patch(&self, path: &str, body: &Value) -> Response {
        self.client
            .patch(self.url(path))
            .header("content-type", "application/merge-patch+json")
            .body(body.to_string())
            .send()
            .await
            .expect("PATCH answered")
    }

    pub async fn delete(&self, path: &str) -> Response {
        self.client
            .delete(self.url(path))
            .send()
            .await
            .expect("DELETE answered")
    }

    pub async fn raw(
        &self,
        method: reqwest::Method,
        path: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> Response {
        self.client
            .request(method, self.url(path))
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .expect("request answered")
    }

    /// POSTs and expects 201, returning the body.
    pub async fn create(&self, path: &str, body: Value) -> Value {
        let response = self.post(path, &body).await;
        let status = response.status();
        let body = json(response).await;
        assert_eq!(
            status,
            StatusCode::CREATED,
            "POST {path} on {:?}: {body}",
            self.backend
        );
        body
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

/// A server on every database this run reaches.
pub async fn apps() -> Vec<TestApp> {
    apps_with(ServerConfig::default()).await
}

pub async fn apps_with(config: ServerConfig) -> Vec<TestApp> {
    let mut apps = Vec::new();
    for database in databases().await {
        apps.push(TestApp::start(database, config.clone()).await);
    }
    apps
}

pub async fn json(response: Response) -> Value {
    let text = response.text().await.expect("a body");
    serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text}"))
}

/// Asserts a problem+json answer with this status, returning the problem.
pub async fn problem(response: Response, status: StatusCode) -> Value {
    assert_eq!(response.status(), status, "status of {}", response.url());
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned());
    assert_eq!(content_type.as_deref(), Some("application/problem+json"));
    let body = json(response).await;
    assert_eq!(body["status"], status.as_u16(), "{body}");
    body
}

/// The fields named by a validation problem, in order.
pub fn fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| e["field"].as_str().unwrap_or("").to_owned())
                .collect()
        })
        .unwrap_or_default()
}
