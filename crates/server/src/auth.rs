//! Who is asking: every request but the public few (sign-in, health, the API's own
//! description) carries a session cookie or a bearer token, resolved here into a [`Caller`]
//! before any handler runs. A cookie-borne request that changes something must also carry
//! its session's CSRF token. Handlers then ask [`AppState::authorise`] for what they need and
//! get the access scope the store narrows every query with; a refusal is audited.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use clientele_store::AccessScope;
use clientele_store::audit::AuditEntry;
use clientele_store::auth::{Need, SessionPolicy, TokenScope, Via};

use crate::AppState;
use crate::error::ApiError;

/// The session cookie's name; `__Host-` (Secure, no Domain, Path=/) over TLS.
pub(crate) fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-clientele_session"
    } else {
        "clientele_session"
    }
}

/// The header a cookie-borne state-changing request carries its CSRF token in.
pub(crate) const CSRF_HEADER: &str = "x-csrf-token";

/// How the server treats identities.
#[derive(Clone, Debug)]
pub struct AuthConfig {
    pub policy: SessionPolicy,
    /// Mark the session cookie `Secure` (serve over TLS, or behind a proxy that does).
    pub secure_cookies: bool,
    /// Failed sign-ins from one address, within [`Self::address_window_ms`], before it is
    /// answered 429.
    pub address_failures: u32,
    pub address_window_ms: i64,
    /// The proxies in front of the server (`serve --trusted-proxy`): from a connection of
    /// theirs, the client's address is the last one in `X-Forwarded-For` that is not a
    /// trusted proxy's. From any other connection the header is ignored (anyone can send
    /// it), so without one behind a proxy every client shares the proxy's address.
    pub trusted_proxies: Vec<ipnet::IpNet>,
}

impl Default for AuthConfig {
    fn default() -> Self {
        AuthConfig {
            policy: SessionPolicy::default(),
            secure_cookies: false,
            address_failures: 20,
            address_window_ms: 15 * 60 * 1000,
            trusted_proxies: Vec::new(),
        }
    }
}

/// Failed sign-ins per address, in memory: the account lock lives in the database, this
/// slows down one address trying many accounts.
#[derive(Clone, Default)]
pub(crate) struct AddressLimiter(Arc<Mutex<HashMap<IpAddr, (i64, u32)>>>);

impl AddressLimiter {
    /// When the address may try again, if it is blocked now.
    pub(crate) fn blocked_until(
        &self,
        address: Option<IpAddr>,
        now: i64,
        config: &AuthConfig,
    ) -> Option<i64> {
        let address = address?;
        let map = self.0.lock().ok()?;
        let &(start, failures) = map.get(&address)?;
        (failures >= config.address_failures && now - start < config.address_window_ms)
            .then_some(start + config.address_window_ms)
    }

    pub(crate) fn failed(&self, address: Option<IpAddr>, now: i64, config: &AuthConfig) {
        let (Some(address), Ok(mut map)) = (address, self.0.lock()) else {
            return;
        };
        // Forget old windows, so that the map does not grow without end.
        map.retain(|_, (start, _)| now - *start < config.address_window_ms);
        let entry = map.entry(address).or_insert((now, 0));
        entry.1 += 1;
    }

    pub(crate) fn succeeded(&self, address: Option<IpAddr>) {
        if let (Some(address), Ok(mut map)) = (address, self.0.lock()) {
            map.remove(&address);
        }
    }
}

/// The employee behind a request, and where it came from: the application layer's caller,
/// resolved by [`authenticate`] and taken by handlers as an extractor.
#[derive(Clone, Debug)]
pub(crate) struct Caller(pub clientele_app::Caller);

impl std::ops::Deref for Caller {
    type Target = clientele_app::Caller;
    fn deref(&self) -> &clientele_app::Caller {
        &self.0
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Caller>()
            .cloned()
            .ok_or_else(|| ApiError::Unauthenticated("sign in first".into()))
    }
}

/// A trusted proxy as `serve --trusted-proxy` names it: a CIDR block (`10.0.0.0/8`,
/// `fd00::/8`) or one address (`127.0.0.1`, a block of one).
pub fn trusted_proxy(text: &str) -> Result<ipnet::IpNet, String> {
    let text = text.trim();
    text.parse::<ipnet::IpNet>()
        .or_else(|_| text.parse::<IpAddr>().map(ipnet::IpNet::from))
        .map(|network| network.trunc())
        .map_err(|_| {
            format!(
                "`{text}` is neither an IP address nor a CIDR block such as 10.0.0.0/8 or fd00::/8"
            )
        })
}

impl AuthConfig {
    /// The client's address: the connection's, or, when the connection comes from a trusted
    /// proxy, the nearest address in `X-Forwarded-For` that is not a trusted proxy's (the
    /// ones further left are the client's own say and could be anything).
    pub(crate) fn client_address(&self, request: &Request) -> Option<IpAddr> {
        let peer = request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|info| info.0.ip())?;
        let trusted = |address: &IpAddr| {
            self.trusted_proxies
                .iter()
                .any(|proxy| proxy.contains(&address.to_canonical()))
        };
        if !trusted(&peer) {
            return Some(peer);
        }
        let hops: Vec<&str> = request
            .headers()
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .collect();
        // From the nearest hop back: each proxy appends the address it was reached from.
        let mut client = peer;
        for hop in hops.iter().rev() {
            let Ok(address) = hop.trim().parse::<IpAddr>() else {
                break;
            };
            client = address;
            if !trusted(&address) {
                break;
            }
        }
        Some(client)
    }
}

/// A request's body, read whole up to its route's limit (these middlewares look at the body
/// before the handler does), or the answer that it is larger.
async fn body_bytes(parts: &Parts, body: axum::body::Body) -> Result<axum::body::Bytes, Response> {
    let limit = parts
        .extensions
        .get::<crate::extract::BodyLimit>()
        .map_or(1024 * 1024, |l| l.0);
    axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| ApiError::PayloadTooLarge { limit }.into_response())
}

/// Records that a request was refused before its handler ran, and why.
async fn refused(
    app: &AppState,
    principal: &clientele_store::auth::Principal,
    address: Option<IpAddr>,
    now: i64,
    (method, path): (&str, &str),
    reason: &str,
) {
    let entry = AuditEntry::by(
        principal,
        address.map(|a| a.to_string()).as_deref(),
        "permission denied",
        now,
    )
    .with(serde_json::json!({
        "reason": reason,
        "method": method,
        "path": path,
    }));
    app.record(&entry).await;
}

/// A cookie's value from the request's `Cookie` headers.
pub(crate) fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// Routes anyone may reach: signing in, health, the API's own description, the stylesheet.
fn is_public(method: &Method, path: &str) -> bool {
    (method == Method::POST && path == "/api/v1/session")
        || path == "/sign-in"
        || path.starts_with("/static/")
        || path == "/favicon.ico"
        || path == "/healthz"
        || path == "/api/v1/openapi.json"
        || path == "/api/docs"
        || path.starts_with("/api/docs/")
}

/// What a session whose password must be changed may still reach: the form that changes
/// it, signing out, the stylesheet and the session itself.
fn may_pass_before_changing_password(path: &str) -> bool {
    matches!(
        path,
        "/preferences" | "/password" | "/sign-out" | "/api/v1/session" | "/api/v1/session/password"
    ) || path.starts_with("/static/")
}

fn now() -> i64 {
    clientele_core::time::to_millis(jiff::Timestamp::now())
}

/// Resolves the caller of every non-public request, or answers 401; checks the CSRF token
/// of a cookie-borne request that changes something.
pub(crate) async fn authenticate(
    State(app): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    if is_public(request.method(), request.uri().path()) {
        return next.run(request).await;
    }
    let address = app.auth.client_address(&request);
    let headers = request.headers();
    let now = now();
    let resolved = if let Some(secret) = bearer(headers) {
        app.store.token_principal(secret, now).await
    } else if let Some(value) = cookie(headers, cookie_name(app.auth.secure_cookies)) {
        app.store
            .session_principal(&value, now, &app.auth.policy)
            .await
    } else {
        Ok(None)
    };
    let api = request.uri().path().starts_with("/api/");
    let principal = match resolved {
        Ok(Some(principal)) => principal,
        // A person at a page is sent to sign in; a program is told.
        Ok(None) if !api => return axum::response::Redirect::to("/sign-in").into_response(),
        Ok(None) => {
            return ApiError::Unauthenticated(
                "sign in (POST /api/v1/session) or send an API token as `Authorization: Bearer …`"
                    .into(),
            )
            .into_response();
        }
        Err(e) => return ApiError::from(e).into_response(),
    };
    // A one-time password (somebody else chose it) is changed before anything else: a
    // person at a page is sent to the form; a program signed in with it is told.
    if principal.must_change_password
        && matches!(principal.via, Via::Session { .. })
        && !may_pass_before_changing_password(request.uri().path())
    {
        if !api {
            return axum::response::Redirect::to("/preferences#password").into_response();
        }
        return ApiError::Forbidden(
            "change your one-time password first (PUT /api/v1/session/password)".into(),
        )
        .into_response();
    }
    let changes_something = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    // Read means read, whatever the endpoint: a read-scoped token changes nothing, even
    // where a use case would let its employee (their own password, tokens, preferences).
    if let Via::Token {
        scope: TokenScope::Read,
        ..
    } = &principal.via
        && changes_something
    {
        let asked = (request.method().as_str(), request.uri().path());
        refused(
            &app,
            &principal,
            address,
            now,
            asked,
            "a read-scoped token changes nothing",
        )
        .await;
        return ApiError::Forbidden(
            "this token's scope is `read`, which changes nothing; use a `write` or `admin` token"
                .into(),
        )
        .into_response();
    }
    if let Via::Session { csrf_token, .. } = &principal.via
        && changes_something
    {
        // The API's callers send the token in a header; the web app's forms in a field.
        let sent = if api {
            request
                .headers()
                .get(CSRF_HEADER)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        } else {
            let (parts, body) = request.into_parts();
            let bytes = match body_bytes(&parts, body).await {
                Ok(bytes) => bytes,
                Err(too_large) => return too_large,
            };
            let content_type = parts
                .headers
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned();
            let field = if content_type.starts_with("multipart/form-data") {
                // A file upload: the token is one of the parts.
                multipart_field(&parts, &content_type, bytes.clone(), "csrf_token").await
            } else {
                form_urlencoded::parse(&bytes)
                    .find(|(name, _)| name == "csrf_token")
                    .map(|(_, value)| value.into_owned())
                    .unwrap_or_default()
            };
            request = Request::from_parts(parts, axum::body::Body::from(bytes));
            field
        };
        if !constant_time_eq(sent.as_bytes(), csrf_token.as_bytes()) {
            let asked = (request.method().as_str(), request.uri().path());
            refused(
                &app,
                &principal,
                address,
                now,
                asked,
                "missing or wrong CSRF token",
            )
            .await;
            return ApiError::Forbidden(format!(
                "a signed-in browser must send its CSRF token in the {CSRF_HEADER} header with every change (GET /api/v1/session tells it)"
            ))
            .into_response();
        }
    }
    request
        .extensions_mut()
        .insert(Caller(clientele_app::Caller {
            principal,
            address: address.map(|a| a.to_string()),
        }));
    next.run(request).await
}

/// The text of the part named `name` of a multipart form body, or nothing. The body is read
/// again under the request's own limit (its extensions carry the server's body limit): a
/// bare request would fall back on axum's default of 2 MiB, and a larger upload would lose
/// its CSRF token.
async fn multipart_field(
    parts: &Parts,
    content_type: &str,
    body: axum::body::Bytes,
    name: &str,
) -> String {
    let Ok(mut request) = Request::builder()
        .header(header::CONTENT_TYPE, content_type)
        .body(axum::body::Body::from(body))
    else {
        return String::new();
    };
    *request.extensions_mut() = parts.extensions.clone();
    let Ok(mut form) =
        <axum::extract::Multipart as axum::extract::FromRequest<()>>::from_request(request, &())
            .await
    else {
        return String::new();
    };
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() == Some(name) {
            return field.text().await.unwrap_or_default();
        }
    }
    String::new()
}

/// Compares secrets without leaking where they differ through timing.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

impl AppState {
    /// Appends to the audit log (see [`clientele_app::App::record`]).
    pub(crate) async fn record(&self, entry: &AuditEntry) {
        self.app.record(entry).await;
    }

    /// What `caller` may do for `need`, as the scope every query of the request is narrowed
    /// with; a refusal is 403 and audited with `what` was attempted.
    pub(crate) async fn authorise(
        &self,
        caller: &Caller,
        need: Need,
        what: &str,
    ) -> Result<AccessScope, ApiError> {
        Ok(self.app.authorise(caller, need, what).await?)
    }

    /// An audit entry for the caller, now.
    pub(crate) fn entry(&self, caller: &Caller, action: &str) -> AuditEntry {
        self.app.entry(caller, action)
    }
}

/// Marks a response whose handler wrote its own, richer audit entry.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Audited;

/// A response marked [`Audited`].
pub(crate) fn audited(response: impl IntoResponse) -> Response {
    let mut response = response.into_response();
    response.extensions_mut().insert(Audited);
    response
}

/// Records every change a request made (a 2xx answer to anything but GET/HEAD/OPTIONS) that
/// its handler did not record itself: who, from where, the method's action, the entity and
/// record from the path (or the new record's `Location`), and for a merge patch the fields it
/// named. So no change goes unrecorded, whichever endpoint made it.
fn decode(segment: &str) -> String {
    percent_encoding::percent_decode_str(segment)
        .decode_utf8_lossy()
        .into_owned()
}

pub(crate) async fn audit_changes(
    State(app): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let method = request.method().clone();
    let action = match method {
        Method::POST => "create",
        Method::PATCH | Method::PUT => "update",
        Method::DELETE => "delete",
        Method::GET | Method::HEAD => return count_probe(&app, request, next).await,
        _ => return next.run(request).await,
    };
    let Some(caller) = request.extensions().get::<Caller>().cloned() else {
        return next.run(request).await;
    };
    let path = request.uri().path().to_owned();
    // The fields a JSON body names (a merge patch names what it changes); never values.
    let (parts, body) = request.into_parts();
    let bytes = match body_bytes(&parts, body).await {
        Ok(bytes) => bytes,
        Err(too_large) => return too_large,
    };
    let web_form = !path.starts_with("/api/");
    let fields: Vec<String> = match serde_json::from_slice::<serde_json::Value>(&bytes) {
        Ok(serde_json::Value::Object(map)) => map.keys().cloned().collect(),
        // A web form names its fields the same way; its token and any secret are no change.
        _ if web_form => form_urlencoded::parse(&bytes)
            .map(|(name, _)| name.into_owned())
            .filter(|name| !matches!(name.as_str(), "csrf_token" | "password"))
            .collect(),
        _ => Vec::new(),
    };
    let response = next
        .run(Request::from_parts(parts, axum::body::Body::from(bytes)))
        .await;
    // A web form that worked answers with a redirect to the page it changed.
    let done = response.status().is_success() || (web_form && response.status().is_redirection());
    if done {
        app.dashboard.changed();
    }
    if !done || response.extensions().get::<Audited>().is_some() {
        return response;
    }
    let segments: Vec<&str> = path
        .trim_start_matches("/api/v1/")
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    let entity = segments.first().copied().unwrap_or("");
    let record = match segments.get(1) {
        Some(id) => Some(
            percent_encoding::percent_decode_str(id)
                .decode_utf8_lossy()
                .into_owned(),
        ),
        None => response
            .headers()
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|l| l.rsplit('/').next())
            .map(|id| {
                percent_encoding::percent_decode_str(id)
                    .decode_utf8_lossy()
                    .into_owned()
            }),
    };
    let mut entry = app
        .entry(&caller, action)
        .about(entity.trim_end_matches('s'));
    entry.record_id = record;
    if action == "update" {
        entry = entry.with(serde_json::json!({ "fields": fields }));
    }
    // Web forms post to the page of what they change: `/customers/{id}` edits the customer,
    // `/customers/{id}/complaints` records a complaint about them.
    if web_form && entity == "customers" {
        match segments.as_slice() {
            [_, id] => {
                entry = app
                    .entry(&caller, "update")
                    .on("customer", decode(id))
                    .with(serde_json::json!({ "fields": fields }));
            }
            [_, id, what, ..] => {
                entry = app
                    .entry(&caller, "create")
                    .about(what.trim_end_matches('s'))
                    .with(serde_json::json!({ "customer": decode(id), "fields": fields }));
            }
            _ => {}
        }
    }
    app.record(&entry).await;
    response
}

/// A read of a record by id answered 404 (not the caller's to see, or not there: the same
/// answer either way) is counted as a probe, one `probe` entry per actor per window.
async fn count_probe(app: &AppState, request: Request, next: Next) -> Response {
    let caller = request.extensions().get::<Caller>().cloned();
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    if response.status() != StatusCode::NOT_FOUND {
        return response;
    }
    let Some(caller) = caller else {
        return response;
    };
    let segments: Vec<&str> = match path.strip_prefix("/api/v1/") {
        Some(api) => api.split('/').filter(|s| !s.is_empty()).collect(),
        // The web app's pages of one record are the customer's.
        None if path.starts_with("/customers/") => {
            path[1..].split('/').filter(|s| !s.is_empty()).collect()
        }
        None => return response,
    };
    if let [entity, id, ..] = segments.as_slice() {
        app.app
            .probe(&caller, entity.trim_end_matches('s'), &decode(id))
            .await;
    }
    response
}
