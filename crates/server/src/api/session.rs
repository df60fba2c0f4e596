//! Signing in and out, one's own password, API tokens, and the audit log.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use clientele_core::EmployeeRole;
use clientele_store::audit::{AuditFilter, AuditRecord};
use clientele_store::auth::{Need, NewToken, SignInRefused, TokenRecord, TokenScope, Via};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{ListParams, Page};
use crate::AppState;
use crate::auth::{Caller, audited, cookie_name};
use crate::error::{ApiError, ApiResult};
use crate::extract::{JsonBody, QueryParams};

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(sign_in, who_am_i, sign_out))
        .routes(routes!(change_password))
        .routes(routes!(list_tokens, create_token))
        .routes(routes!(revoke_token))
        .routes(routes!(list_audit))
        .routes(routes!(list_audit_alerts))
}

fn now() -> i64 {
    clientele_core::time::to_millis(jiff::Timestamp::now())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Credentials {
    email: String,
    password: String,
}

/// The signed-in employee.
#[derive(Serialize, ToSchema)]
pub(crate) struct SessionInfo {
    employee_id: i64,
    email: String,
    name: String,
    #[schema(value_type = String)]
    role: EmployeeRole,
    team: Option<String>,
    /// `session` (a browser) or `token`.
    via: &'static str,
    /// For a session: send it as `X-CSRF-Token` with every request that changes something.
    csrf_token: Option<String>,
    /// For a token: its scope.
    token_scope: Option<TokenScope>,
}

fn session_info(principal: &clientele_store::auth::Principal) -> SessionInfo {
    let (via, csrf_token, token_scope) = match &principal.via {
        Via::Session { csrf_token, .. } => ("session", Some(csrf_token.clone()), None),
        Via::Token { scope, .. } => ("token", None, Some(*scope)),
    };
    SessionInfo {
        employee_id: principal.employee_key,
        email: principal.email.clone(),
        name: principal.name.clone(),
        role: principal.role,
        team: principal.team.clone(),
        via,
        csrf_token,
        token_scope,
    }
}

pub(crate) fn session_cookie(app: &AppState, value: &str, max_age_s: i64) -> HeaderValue {
    let secure = if app.auth.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let text = format!(
        "{}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_s}{secure}",
        cookie_name(app.auth.secure_cookies)
    );
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// Signs in with e-mail and password: sets a fresh session cookie (HttpOnly, SameSite=Lax,
/// Secure over TLS) and answers with the session's CSRF token. Repeated failures lock the
/// account for a while and slow the address down (429).
#[utoipa::path(post, path = "/session", tag = "session", request_body = Credentials,
    security(()),
    responses((status = 200, body = SessionInfo, headers(("set-cookie" = String, description = "The session cookie"))),
        (status = 401, body = crate::Problem, content_type = "application/problem+json"),
        (status = 429, body = crate::Problem, content_type = "application/problem+json")))]
async fn sign_in(
    State(app): State<AppState>,
    request: axum::extract::Request,
) -> ApiResult<Response> {
    let address = app.auth.client_address(&request);
    let headers = request.headers().clone();
    let JsonBody(credentials): JsonBody<Credentials> =
        <JsonBody<Credentials> as axum::extract::FromRequest<()>>::from_request(request, &())
            .await?;
    let (caller, cookie) = attempt_sign_in(
        &app,
        &credentials.email,
        credentials.password,
        address,
        &headers,
    )
    .await?;
    let mut response = audited(Json(session_info(&caller.principal)));
    response.headers_mut().insert(header::SET_COOKIE, cookie);
    Ok(response)
}

/// Checks e-mail and password (with the account lock and the address limit), opens a fresh
/// session (closing one the browser brought along) and audits the attempt: what both the
/// API and the web form do. Answers the caller and the `Set-Cookie` value.
pub(crate) async fn attempt_sign_in(
    app: &AppState,
    email: &str,
    password: String,
    address: Option<std::net::IpAddr>,
    headers: &axum::http::HeaderMap,
) -> ApiResult<(Caller, HeaderValue)> {
    let now = now();
    let address_text = address.map(|a| a.to_string());
    let email = email.trim().to_lowercase();
    if let Some(until) = app.limiter.blocked_until(address, now, &app.auth) {
        return Err(ApiError::TooManyRequests {
            message: "too many failed sign-ins from this address; try again later".into(),
            retry_after_s: (until - now) / 1000,
        });
    }
    // A session cookie the browser brought along (planted, or left over) is closed: the id
    // after sign-in is always a fresh one.
    let brought = crate::auth::cookie(headers, cookie_name(app.auth.secure_cookies));
    let signed_in = match app
        .app
        .sign_in(
            &email,
            password,
            address_text,
            &app.auth.policy,
            brought.as_deref(),
        )
        .await?
    {
        Ok(signed_in) => signed_in,
        Err(refused) => {
            app.limiter.failed(address, now, &app.auth);
            return Err(match refused {
                SignInRefused::Invalid => {
                    ApiError::Unauthenticated("the e-mail or the password is wrong".into())
                }
                SignInRefused::Locked { until } => ApiError::TooManyRequests {
                    message: "too many failed sign-ins for this account; it is locked for a while"
                        .into(),
                    retry_after_s: (until - now) / 1000,
                },
            });
        }
    };
    app.limiter.succeeded(address);
    let caller = Caller(signed_in.caller);
    let cookie = session_cookie(app, &signed_in.cookie, app.auth.policy.absolute_ms / 1000);
    Ok((caller, cookie))
}

/// Who is signed in (or whose token this is), and the session's CSRF token.
#[utoipa::path(get, path = "/session", tag = "session",
    responses((status = 200, body = SessionInfo), (status = 401, body = crate::Problem, content_type = "application/problem+json")))]
async fn who_am_i(caller: Caller) -> Json<SessionInfo> {
    Json(session_info(&caller.principal))
}

/// Signs out: the session ends and its cookie is cleared.
#[utoipa::path(delete, path = "/session", tag = "session",
    responses((status = 204), (status = 401, body = crate::Problem, content_type = "application/problem+json")))]
async fn sign_out(State(app): State<AppState>, caller: Caller) -> ApiResult<Response> {
    app.app.sign_out(&caller).await?;
    let mut response = audited(StatusCode::NO_CONTENT);
    response
        .headers_mut()
        .insert(header::SET_COOKIE, session_cookie(&app, "", 0));
    Ok(response)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PasswordChange {
    current_password: String,
    new_password: String,
}

/// Changes one's own password (at least 12 characters, not one's e-mail).
#[utoipa::path(put, path = "/session/password", tag = "session", request_body = PasswordChange,
    responses((status = 204), (status = 401, body = crate::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
async fn change_password(
    State(app): State<AppState>,
    caller: Caller,
    JsonBody(change): JsonBody<PasswordChange>,
) -> ApiResult<Response> {
    app.app
        .change_password(
            &caller,
            change.current_password,
            change.new_password,
            &app.auth.policy,
        )
        .await?;
    Ok(audited(StatusCode::NO_CONTENT))
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct TokenListParams {
    /// Whose tokens (admins only; default: one's own).
    employee_id: Option<i64>,
}

/// API tokens: one's own, or (admins) another employee's. Secrets are never shown again.
#[utoipa::path(get, path = "/tokens", tag = "session", params(TokenListParams),
    responses((status = 200, body = Vec<TokenRecord>), (status = 403, body = crate::Problem, content_type = "application/problem+json")))]
async fn list_tokens(
    State(app): State<AppState>,
    caller: Caller,
    QueryParams(p): QueryParams<TokenListParams>,
) -> ApiResult<Json<Vec<TokenRecord>>> {
    let whose = match p.employee_id {
        Some(other) if other != caller.principal.employee_key => {
            app.authorise(&caller, Need::Admin, "list another employee's tokens")
                .await?;
            other
        }
        _ => caller.principal.employee_key,
    };
    Ok(Json(app.store.list_tokens(Some(whose)).await?))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct TokenRequest {
    /// What it is for, e.g. `nightly export`.
    name: String,
    scope: TokenScope,
    /// For another employee (admins only; default: oneself).
    employee_id: Option<i64>,
}

/// Makes an API token. Its secret is in this answer only: keep it; a hash is stored. The
/// token never allows more than its employee's role, whatever its scope.
#[utoipa::path(post, path = "/tokens", tag = "session", request_body = TokenRequest,
    responses((status = 201, body = NewToken), (status = 403, body = crate::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
async fn create_token(
    State(app): State<AppState>,
    caller: Caller,
    JsonBody(request): JsonBody<TokenRequest>,
) -> ApiResult<Response> {
    let token = app
        .app
        .create_token(
            (&*caller).into(),
            request.employee_id,
            &request.name,
            request.scope,
        )
        .await?;
    Ok(audited((StatusCode::CREATED, Json(token))))
}

/// Revokes a token: one's own, or (admins) anyone's. It is refused from the next request on.
#[utoipa::path(delete, path = "/tokens/{token_id}", tag = "session",
    params(("token_id" = i64, Path)),
    responses((status = 204), (status = 404, body = crate::Problem, content_type = "application/problem+json")))]
async fn revoke_token(
    State(app): State<AppState>,
    caller: Caller,
    Path(token_id): Path<String>,
) -> ApiResult<Response> {
    app.app.revoke_token(&caller, &token_id).await?;
    Ok(audited(StatusCode::NO_CONTENT))
}

list_params!(
    AuditListParams => AuditFilter {
        /// At or after (YYYY-MM-DD or RFC 3339).
        #[param(value_type = Option<String>, format = DateTime)]
        since: Option<String>,
        /// Before.
        #[param(value_type = Option<String>, format = DateTime)]
        until: Option<String>,
        /// `sign-in`, `sign-in failed`, `create`, `update`, `delete`, `export`, `handover`,
        /// `permission denied`, `settings`, `erase`…
        action: Option<String>,
        /// An employee's e-mail: their sessions and their tokens.
        actor: Option<String>,
        entity: Option<String>,
        record_id: Option<String>,
    }
    page {
        limit,
        cursor,
        /// `at` (default) or `-at`.
        sort,
    }
);

/// The audit log (admins). Read-only: nothing can change or remove an entry.
#[utoipa::path(get, path = "/audit", tag = "session", params(AuditListParams),
    responses((status = 200, body = Page<AuditRecord>), (status = 403, body = crate::Problem, content_type = "application/problem+json")))]
async fn list_audit(
    State(app): State<AppState>,
    caller: Caller,
    QueryParams(p): QueryParams<AuditListParams>,
) -> ApiResult<Json<Page<AuditRecord>>> {
    app.authorise(&caller, Need::Admin, "read the audit log")
        .await?;
    let (filter, request) = p.split();
    Ok(Json(app.store.list_audit(&filter, &request).await?.into()))
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct AuditAlertParams {
    /// The first day looked at (YYYY-MM-DD or RFC 3339, its UTC day); default 6 days ago,
    /// so that the last 7 days are.
    #[param(value_type = Option<String>, format = DateTime)]
    since: Option<String>,
    /// How many times the actor's usual daily count (the average of the 30 days before) a
    /// day must exceed; default 5.
    #[param(minimum = 1)]
    factor: Option<u64>,
    /// No alarm for a day with fewer customers than this; default 500.
    min_customers: Option<u64>,
}

/// A day on which an employee read or exported far more customers than they usually do.
#[derive(Serialize, ToSchema)]
pub(crate) struct AuditAlert {
    /// The employee's e-mail (their sessions and tokens together), or a system path.
    actor: String,
    /// The UTC day, YYYY-MM-DD.
    day: String,
    /// Customer rows read in lists or exported that day (a data-subject export counts one).
    customers: u64,
    /// The actor's average per day over the 30 days before, rounded up.
    usual: u64,
    /// How many exports the day held.
    exports: u64,
}

/// The audit log's alarms (admins): days an employee read or exported far more customers
/// than usual, the worst first — a bulk export of the base shows here.
#[utoipa::path(get, path = "/audit/alerts", tag = "session", params(AuditAlertParams),
    responses((status = 200, body = Vec<AuditAlert>),
        (status = 403, body = crate::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
async fn list_audit_alerts(
    State(app): State<AppState>,
    caller: Caller,
    QueryParams(p): QueryParams<AuditAlertParams>,
) -> ApiResult<Json<Vec<AuditAlert>>> {
    use clientele_core::analytics::DAY_MS;
    let since = match p.since.as_deref() {
        Some(text) => clientele_core::time::parse_instant(text)
            .map(clientele_core::time::to_millis)
            .map_err(|e| ApiError::invalid("since", e))?,
        None => now() - 6 * DAY_MS,
    };
    let defaults = clientele_core::bulk_reads::BulkReadSettings::default();
    let factor = p.factor.unwrap_or(defaults.factor);
    if factor == 0 {
        return Err(ApiError::invalid("factor", "must be 1 or more"));
    }
    let settings = clientele_core::bulk_reads::BulkReadSettings {
        factor,
        min_customers: p.min_customers.unwrap_or(defaults.min_customers),
        ..defaults
    };
    let alerts = app
        .app
        .bulk_read_alerts(clientele_app::Actor::Employee(&caller), since, &settings)
        .await?;
    Ok(Json(
        alerts
            .into_iter()
            .map(|a| AuditAlert {
                day: clientele_core::time::from_millis(a.day.saturating_mul(DAY_MS))
                    .map(|at| at.strftime("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                actor: a.actor,
                customers: a.customers,
                usual: a.usual,
                exports: a.exports,
            })
            .collect(),
    ))
}
