use std::net::SocketAddr;

use clientele_server::ServerConfig;
use clientele_store::testing::{TestDatabase, databases};
use clientele_store::{Backend, Store};
use reqwest::{Client, Response, StatusCode};
use serde_json::{Value, json};

/// The password the tests give an employee who signs in as a browser does.
pub const PASSWORD: &str = "correct horse battery staple";

/// A running server on its own database, with an admin's API token that every request
/// carries unless another caller is chosen with [`TestApp::as_caller`].
pub struct TestApp {
    pub address: SocketAddr,
    pub backend: Backend,
    /// The same database, for setting up callers and checking what was stored.
    pub store: Store,
    client: Client,
    admin_token: String,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    _database: TestDatabase,
}

/// Requests as one caller: a bearer token, or none.
pub struct As<'a> {
    app: &'a TestApp,
    bearer: Option<String>,
}

impl TestApp {
    pub async fn start(database: TestDatabase, config: ServerConfig) -> TestApp {
        let store = database.open().await;
        let admin_token = admin_token(&store).await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind an ephemeral port");
        let address = listener.local_addr().unwrap();
        let (shutdown, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(clientele_server::serve(
            listener,
            store.clone(),
            config,
            async move {
                let _ = stopped.await;
            },
        ));
        TestApp {
            address,
            backend: database.backend,
            store,
            client: Client::new(),
            admin_token,
            shutdown: Some(shutdown),
            _database: database,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    /// Requests with another bearer token, or with none.
    pub fn as_caller(&self, bearer: Option<&str>) -> As<'_> {
        As {
            app: self,
            bearer: bearer.map(str::to_owned),
        }
    }

    /// Requests as the admin (what the plain methods do).
    pub fn as_admin(&self) -> As<'_> {
        self.as_caller(Some(&self.admin_token))
    }

    pub async fn get(&self, path: &str) -> Response {
        self.as_admin().get(path).await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Response {
        self.as_admin().post(path, body).await
    }

    pub async fn patch(&self, path: &str, body: &Value) -> Response {
        self.as_admin().patch(path, body).await
    }

    pub async fn delete(&self, path: &str) -> Response {
        self.as_admin().delete(path).await
    }

    /// A page's text as the admin sees it (see [`page_text`]), whatever its status.
    pub async fn page(&self, path: &str) -> String {
        self.as_admin().page(path).await
    }

    /// GETs as the admin and asserts a problem+json answer with this status.
    pub async fn get_problem(&self, path: &str, status: StatusCode) -> Value {
        problem(self.get(path).await, status).await
    }

    /// POSTs as the admin and asserts a problem+json answer with this status.
    pub async fn post_problem(&self, path: &str, body: &Value, status: StatusCode) -> Value {
        problem(self.post(path, body).await, status).await
    }

    /// The audit entries of this action, newest first.
    pub async fn audited(&self, action: &str) -> Vec<clientele_store::audit::AuditRecord> {
        self.store
            .list_audit(
                &clientele_store::audit::AuditFilter {
                    action: Some(action.into()),
                    ..Default::default()
                },
                &clientele_store::ListRequest::default(),
            )
            .await
            .unwrap()
            .items
    }

    /// POSTs each body to the same collection, expecting 201 for each.
    pub async fn create_all(&self, path: &str, bodies: impl IntoIterator<Item = Value>) {
        for body in bodies {
            self.create(path, body).await;
        }
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

impl As<'_> {
    pub fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let builder = self.app.client.request(method, self.app.url(path));
        match &self.bearer {
            Some(token) => builder.bearer_auth(token),
            None => builder,
        }
    }

    pub async fn get(&self, path: &str) -> Response {
        self.request(reqwest::Method::GET, path)
            .send()
            .await
            .expect("GET answered")
    }

    pub async fn post(&self, path: &str, body: &Value) -> Response {
        self.request(reqwest::Method::POST, path)
            .json(body)
            .send()
            .await
            .expect("POST answered")
    }

    pub async fn patch(&self, path: &str, body: &Value) -> Response {
        self.request(reqwest::Method::PATCH, path)
            .header("content-type", "application/merge-patch+json")
            .body(body.to_string())
            .send()
            .await
            .expect("PATCH answered")
    }

    pub async fn delete(&self, path: &str) -> Response {
        self.request(reqwest::Method::DELETE, path)
            .send()
            .await
            .expect("DELETE answered")
    }

    /// A page's text (see [`page_text`]), whatever its status.
    pub async fn page(&self, path: &str) -> String {
        page_text(self.get(path).await).await
    }

    /// POSTs a form as a browser does (already encoded: see [`form`]).
    pub async fn post_form(&self, path: &str, body: impl Into<String>) -> Response {
        self.post_form_in(None, path, body).await
    }

    /// POSTs a form asking for a page in this language (or the default).
    pub async fn post_form_in(
        &self,
        language: Option<&str>,
        path: &str,
        body: impl Into<String>,
    ) -> Response {
        let mut request = self
            .request(reqwest::Method::POST, path)
            .header("content-type", "application/x-www-form-urlencoded");
        if let Some(language) = language {
            request = request.header("accept-language", language);
        }
        request
            .body(body.into())
            .send()
            .await
            .expect("POST answered")
    }

    pub async fn raw(
        &self,
        method: reqwest::Method,
        path: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> Response {
        self.request(method, path)
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .expect("request answered")
    }
}

/// An employee with this role (and team) and an admin-scoped token of theirs, straight in
/// the store: the callers of the tests.
pub async fn employee_with_token(
    store: &Store,
    email: &str,
    role: &str,
    team: Option<&str>,
) -> (i64, String) {
    let draft = clientele_core::model::EmployeeDraft {
        name: Some(email.split('@').next().unwrap().to_owned()),
        email: Some(email.to_owned()),
        role: Some(role.to_owned()),
        team: team.map(str::to_owned),
        left_at: None,
    };
    let ctx =
        clientele_core::model::Context::new(jiff::Timestamp::now(), clientele_core::Currency::USD);
    let employee = draft.validate(&ctx).expect("a valid employee");
    let record = match store.employee_by_email(email).await {
        Ok(existing) => existing,
        Err(_) => store
            .create_employee(&employee)
            .await
            .expect("employee stored"),
    };
    let token = store
        .create_token(
            record.employee_id,
            "tests",
            clientele_store::auth::TokenScope::Admin,
            None,
            clientele_core::time::to_millis(jiff::Timestamp::now()),
        )
        .await
        .expect("a token");
    (record.employee_id, token.secret)
}

/// The callers most tests need, in two teams: a manager and agent A in Retail, agent B in
/// Key accounts, and an analyst; their tokens.
pub struct Staff {
    pub manager: String,
    pub agent_a: String,
    pub agent_b: String,
    pub analyst: String,
}

pub async fn staff(store: &Store) -> Staff {
    let token = async |email: &str, role: &str, team: Option<&str>| {
        employee_with_token(store, email, role, team).await.1
    };
    Staff {
        manager: token("mgr@example.ge", "manager", Some("Retail")).await,
        agent_a: token("a@example.ge", "agent", Some("Retail")).await,
        agent_b: token("b@example.ge", "agent", Some("Key accounts")).await,
        analyst: token("an@example.ge", "analyst", None).await,
    }
}

/// Sets an employee's password straight in the store, as an admin resetting it would.
pub async fn set_password(store: &Store, email: &str, password: &str) {
    let employee = store.employee_by_email(email).await.unwrap();
    let hash = clientele_store::auth::hash_password(password).unwrap();
    store
        .set_password_hash(employee.employee_id, &hash, None, false)
        .await
        .unwrap();
}

/// A browser: cookies kept between requests, as a signed-in page would.
pub fn browser() -> Client {
    Client::builder().cookie_store(true).build().unwrap()
}

/// Signs in through the API with this client.
pub async fn sign_in(client: &Client, app: &TestApp, email: &str, password: &str) -> Response {
    client
        .post(app.url("/api/v1/session"))
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .unwrap()
}

/// A browser's session: its password set, signed in through the API, its cookie kept, with
/// its CSRF token.
pub async fn session(app: &TestApp, email: &str) -> (Client, String) {
    set_password(&app.store, email, PASSWORD).await;
    let client = browser();
    let response = sign_in(&client, app, email, PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    (client, body["csrf_token"].as_str().unwrap().to_owned())
}

/// GETs with this client (a browser's, with its cookies).
pub async fn get_with(client: &Client, app: &TestApp, path: &str) -> Response {
    client.get(app.url(path)).send().await.unwrap()
}

/// GETs with this client (a browser's, with its cookies) and reads the JSON answer.
pub async fn get_json(client: &Client, app: &TestApp, path: &str) -> Value {
    json(get_with(client, app, path).await).await
}

/// A form, encoded as a browser sends it.
pub fn form(pairs: &[(&str, &str)]) -> String {
    let mut form = form_urlencoded::Serializer::new(String::new());
    form.extend_pairs(pairs);
    form.finish()
}

/// A multipart upload of these fields and a CSV file: its content type and body.
pub fn multipart(fields: &[(&str, &str)], file: &str) -> (String, String) {
    let boundary = "clientele-test-boundary-7d3f";
    let mut body = String::new();
    for (name, value) in fields {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        ));
    }
    body.push_str(&format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"people.csv\"\r\nContent-Type: text/csv\r\n\r\n{file}\r\n--{boundary}--\r\n"
    ));
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// Uploads a CSV file with these fields to the import page, from this browser, asking for a
/// page in this language (or the default).
pub async fn upload(
    client: &Client,
    app: &TestApp,
    language: Option<&str>,
    fields: &[(&str, &str)],
    file: &str,
) -> Response {
    let (content_type, body) = multipart(fields, file);
    let mut request = client
        .post(app.url("/import"))
        .header("content-type", content_type);
    if let Some(language) = language {
        request = request.header("accept-language", language);
    }
    request.body(body).send().await.unwrap()
}

/// Asserts the status of a page's answer, returning its text (see [`page_text`]).
pub async fn page_of(response: Response, status: StatusCode) -> String {
    assert_eq!(response.status(), status, "status of {}", response.url());
    page_text(response).await
}

/// The text of a page without Fluent's bidi isolation marks.
pub async fn page_text(response: Response) -> String {
    response
        .text()
        .await
        .unwrap()
        .replace(['\u{2068}', '\u{2069}'], "")
}

async fn admin_token(store: &Store) -> String {
    employee_with_token(store, "root@clientele.test", "admin", None)
        .await
        .1
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

/// Asserts the status of an answer, returning its JSON body.
pub async fn json_of(response: Response, status: StatusCode) -> Value {
    assert_eq!(response.status(), status, "status of {}", response.url());
    json(response).await
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

/// The one-time password a page shows once (the team page's, for a user it added).
pub fn one_time_password_in(html: &str) -> String {
    html.split("<code class=\"secret\" dir=\"ltr\">")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .expect("the one-time password is shown")
        .to_owned()
}
