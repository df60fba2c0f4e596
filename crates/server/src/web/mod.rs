//! The web app: server-rendered pages for a sales team, in English, Persian, Georgian and
//! Tagalog, from the same binary and with no resource from anywhere else. Pages read and
//! write through the same store calls, scopes and audit log as the API; forms carry the
//! session's CSRF token (checked for every form before any handler runs).

mod admin;
mod charts;
pub(crate) mod dashboard_cache;
mod evidence;
mod export;
pub(crate) mod i18n;
pub(crate) mod insights;
mod messages;
mod record;
mod winback;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use clientele_core::model::ComplaintDraft;
use clientele_store::auth::{Need, Via, new_secret};
use clientele_store::{CustomerFilter, ListRequest, TransitionFilter};
use serde::Deserialize;

use crate::AppState;
use crate::api::session::attempt_sign_in;
use crate::auth::{Caller, client_address, cookie, cookie_name};
use crate::error::ApiError;
use i18n::{LANGUAGES, Tr, negotiate};

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(dashboard))
        .route("/sign-in", get(sign_in_page).post(sign_in))
        .route("/sign-out", post(sign_out))
        .route("/preferences", get(preferences_page).post(save_preferences))
        .route("/customers", get(customers_page))
        .route("/customers.csv", get(export::customers_csv))
        .route("/customers/{customer_id}", get(customer_page))
        .route("/customers/{customer_id}/complaints", post(add_complaint))
        .route("/static/app.css", get(stylesheet))
        .route("/static/icon.svg", get(icon))
        .merge(winback::router())
        .merge(record::router())
        .merge(insights::router())
        .merge(admin::router())
}

/// The app's icon, so the browser's own request for one is answered (not sent to sign-in).
async fn icon() -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        include_str!("../../static/icon.svg"),
    )
        .into_response()
}

/// The one stylesheet, built into the binary.
async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../static/app.css"),
    )
        .into_response()
}

/// The signed-in employee as a page shows them.
pub(crate) struct Me {
    pub name: String,
    pub csrf: String,
    /// May change settings, users and read the audit log (the admin pages' links).
    pub admin: bool,
    /// May see the team page (admins and managers).
    pub manages_team: bool,
}

fn me(caller: &Caller) -> Me {
    let may = |need| caller.principal.authorise(need).is_ok();
    Me {
        admin: may(Need::Admin),
        manages_team: may(Need::ManageTeam),
        name: caller.principal.name.clone(),
        csrf: match &caller.principal.via {
            Via::Session { csrf_token, .. } => csrf_token.clone(),
            Via::Token { .. } => String::new(),
        },
    }
}

/// The language and calendar of a page: the employee's choice, else the browser's.
fn tr_for(caller: Option<&Caller>, headers: &HeaderMap) -> Tr {
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    let chosen = caller
        .and_then(|c| c.principal.locale.as_deref())
        .and_then(|code| LANGUAGES.iter().find(|(c, _)| *c == code).map(|(c, _)| *c));
    let code = chosen.unwrap_or_else(|| negotiate(accept));
    Tr::new(code, caller.and_then(|c| c.principal.calendar.as_deref()))
}

/// A failure shown as a page in the reader's language.
pub(crate) struct PageError {
    status: StatusCode,
    // Boxed: a page's `Result` stays small.
    tr: Box<Tr>,
    me: Option<Me>,
    detail: String,
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    t: &'a Tr,
    me: &'a Option<Me>,
    message: String,
    detail: &'a str,
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let message = match self.status {
            StatusCode::NOT_FOUND => self.tr.t("error-not-found"),
            StatusCode::FORBIDDEN => self.tr.t("error-forbidden"),
            StatusCode::UNPROCESSABLE_ENTITY | StatusCode::BAD_REQUEST => {
                self.tr.t("error-invalid")
            }
            StatusCode::CONFLICT => self.tr.t("error-conflict"),
            StatusCode::TOO_MANY_REQUESTS => self.tr.t("error-too-many"),
            StatusCode::PAYLOAD_TOO_LARGE => self.tr.t("error-too-large"),
            status if status.is_server_error() => self.tr.t("error-ours"),
            _ => self.tr.t("error-other"),
        };
        let page = ErrorPage {
            t: &self.tr,
            me: &self.me,
            message,
            detail: &self.detail,
        };
        match page.render() {
            Ok(html) => (self.status, Html(html)).into_response(),
            Err(_) => self.status.into_response(),
        }
    }
}

/// What a page handler needs: the caller, their language, and a way to turn failures into
/// pages.
struct Page {
    caller: Caller,
    tr: Tr,
}

impl Page {
    fn new(caller: Caller, headers: &HeaderMap) -> Page {
        let tr = tr_for(Some(&caller), headers);
        Page { caller, tr }
    }

    fn fail(&self, error: impl Into<ApiError>) -> PageError {
        let error = error.into();
        // What was wrong with the request is told (it names the field); our own failures
        // are logged, not shown.
        let detail = match &error {
            ApiError::Invalid(errors) => messages::field_errors(&self.tr, errors),
            // The store says these in English: told as they are to English readers; for the
            // others the page's translated title says what happened.
            ApiError::NotFound(_) | ApiError::Conflict(_) if self.tr.code == "en" => {
                error.to_string()
            }
            _ => String::new(),
        };
        let status = error.into_response().status();
        PageError {
            status,
            tr: Box::new(self.tr.clone()),
            me: Some(me(&self.caller)),
            detail,
        }
    }

    /// What the caller may reach for this need, or the page saying they may not.
    async fn authorise(
        &self,
        app: &AppState,
        need: Need,
        what: &str,
    ) -> Result<clientele_store::AccessScope, PageError> {
        app.authorise(&self.caller, need, what)
            .await
            .map_err(|e| self.fail(e))
    }

    fn render(&self, template: impl Template) -> Result<Response, PageError> {
        template
            .render()
            .map(|html| Html(html).into_response())
            .map_err(|e| self.fail(ApiError::Internal(format!("rendering a page: {e}"))))
    }
}

// ----- sign-in ---------------------------------------------------------------------------

/// A cookie and a hidden field with the same random value: a sign-in form posted from
/// elsewhere has no cookie to match (login CSRF).
const SIGN_IN_COOKIE: &str = "clientele_sign_in";

#[derive(Template)]
#[template(path = "sign_in.html")]
struct SignInPage<'a> {
    t: &'a Tr,
    me: Option<Me>,
    problem: Option<String>,
    form_token: String,
    email: String,
    languages: &'a [(&'static str, &'static str)],
}

#[derive(Deserialize)]
struct LangQuery {
    lang: Option<String>,
}

fn sign_in_tr(lang: Option<&str>, headers: &HeaderMap) -> Tr {
    match lang.and_then(|l| LANGUAGES.iter().find(|(c, _)| *c == l)) {
        Some((code, _)) => Tr::new(code, None),
        None => tr_for(None, headers),
    }
}

fn sign_in_form(
    tr: &Tr,
    headers: &HeaderMap,
    status: StatusCode,
    problem: Option<String>,
    email: &str,
) -> Response {
    // The browser's existing form token is kept: a second tab, or any request the browser
    // makes on its own that ends here, must not invalidate a form already on screen.
    let existing = cookie(headers, SIGN_IN_COOKIE).filter(|t| {
        t.len() == 43
            && t.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    });
    let Some(form_token) = existing.or_else(|| new_secret().ok()) else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let page = SignInPage {
        t: tr,
        me: None,
        problem,
        form_token: form_token.clone(),
        email: email.to_owned(),
        languages: &LANGUAGES,
    };
    let Ok(html) = page.render() else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let mut response = (status, Html(html)).into_response();
    if let Ok(value) = HeaderValue::from_str(&format!(
        "{SIGN_IN_COOKIE}={form_token}; Path=/sign-in; HttpOnly; SameSite=Strict; Max-Age=3600"
    )) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

async fn sign_in_page(Query(q): Query<LangQuery>, headers: HeaderMap) -> Response {
    let tr = sign_in_tr(q.lang.as_deref(), &headers);
    sign_in_form(&tr, &headers, StatusCode::OK, None, "")
}

#[derive(Deserialize)]
struct SignInForm {
    email: String,
    password: String,
    form_token: String,
}

async fn sign_in(State(app): State<AppState>, request: axum::extract::Request) -> Response {
    let address = client_address(request.extensions());
    let headers = request.headers().clone();
    let tr = tr_for(None, &headers);
    let form =
        <axum::Form<SignInForm> as axum::extract::FromRequest<()>>::from_request(request, &())
            .await;
    let Ok(axum::Form(form)) = form else {
        return sign_in_form(
            &tr,
            &headers,
            StatusCode::BAD_REQUEST,
            Some(tr.t("sign-in-expired")),
            "",
        );
    };
    let expected = cookie(&headers, SIGN_IN_COOKIE).unwrap_or_default();
    if expected.is_empty()
        || !crate::auth::constant_time_eq(expected.as_bytes(), form.form_token.as_bytes())
    {
        return sign_in_form(
            &tr,
            &headers,
            StatusCode::FORBIDDEN,
            Some(tr.t("sign-in-expired")),
            &form.email,
        );
    }
    match attempt_sign_in(&app, &form.email, form.password, address, &headers).await {
        Ok((_, cookie)) => {
            let mut response = Redirect::to("/").into_response();
            response.headers_mut().append(header::SET_COOKIE, cookie);
            response
        }
        Err(ApiError::TooManyRequests { .. }) => sign_in_form(
            &tr,
            &headers,
            StatusCode::TOO_MANY_REQUESTS,
            Some(tr.t("sign-in-locked")),
            &form.email,
        ),
        Err(_) => sign_in_form(
            &tr,
            &headers,
            StatusCode::UNAUTHORIZED,
            Some(tr.t("sign-in-failed")),
            &form.email,
        ),
    }
}

async fn sign_out(State(app): State<AppState>, caller: Caller) -> Response {
    if let Err(e) = app.app.sign_out(&caller).await {
        return ApiError::from(e).into_response();
    }
    let mut response = Redirect::to("/sign-in").into_response();
    if let Ok(value) = HeaderValue::from_str(&format!(
        "{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0",
        cookie_name(app.auth.secure_cookies)
    )) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    crate::auth::audited(response)
}

// ----- preferences -----------------------------------------------------------------------

#[derive(Template)]
#[template(path = "preferences.html")]
struct PreferencesPage<'a> {
    t: &'a Tr,
    me: Option<Me>,
    csrf: String,
    locale: String,
    calendar: String,
    languages: &'a [(&'static str, &'static str)],
}

async fn preferences_page(caller: Caller, headers: HeaderMap) -> Result<Response, PageError> {
    let page = Page::new(caller, &headers);
    let me = me(&page.caller);
    page.render(PreferencesPage {
        t: &page.tr,
        csrf: me.csrf.clone(),
        me: Some(me),
        locale: page.caller.principal.locale.clone().unwrap_or_default(),
        calendar: page.caller.principal.calendar.clone().unwrap_or_default(),
        languages: &LANGUAGES,
    })
}

#[derive(Deserialize)]
struct PreferencesForm {
    locale: String,
    calendar: String,
    #[serde(rename = "csrf_token")]
    _csrf_token: String,
}

async fn save_preferences(
    State(app): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    axum::Form(form): axum::Form<PreferencesForm>,
) -> Result<Response, PageError> {
    let page = Page::new(caller, &headers);
    let blank = |v: &str| (!v.is_empty()).then(|| v.to_owned());
    app.app
        .set_preferences(
            &page.caller,
            blank(&form.locale).as_deref(),
            blank(&form.calendar).as_deref(),
        )
        .await
        .map_err(|e| page.fail(e))?;
    Ok(crate::auth::audited(Redirect::to("/preferences")))
}

// ----- dashboard -------------------------------------------------------------------------

struct Count {
    name: String,
    label: String,
    count: String,
}

struct Moved {
    label: String,
    customers: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage<'a> {
    t: &'a Tr,
    me: Option<Me>,
    classified: String,
    stages: Vec<Count>,
    tiers: Vec<Count>,
    flags: Vec<Count>,
    moved: Vec<Moved>,
    charts: insights::DashboardCharts,
}

async fn dashboard(
    State(app): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let page = Page::new(caller, &headers);
    let t = &page.tr;
    let scope = page
        .authorise(&app, Need::Aggregate, "read the dashboard")
        .await?;
    let personal = page.caller.principal.authorise(Need::ReadPersonal).ok();
    let facts = dashboard_facts(&app, &scope, personal.as_ref())
        .await
        .map_err(|e| page.fail(e))?;
    let counts = &facts.counts;
    let label_counts = |prefix: &str, list: &[clientele_store::NamedCount]| {
        list.iter()
            .map(|c| Count {
                name: c.name.clone(),
                label: t.t(&format!("{prefix}-{}", c.name)),
                count: t.number(c.customers as i64),
            })
            .collect::<Vec<_>>()
    };
    let classified = match &counts.as_of {
        Some(at) => t.count(
            "dashboard-classified",
            counts.classified,
            "date",
            t.date_text(at),
        ),
        None => t.t("dashboard-not-classified"),
    };
    let moved = facts
        .moved
        .iter()
        .map(|(key, customers)| Moved {
            label: t.t(key),
            customers: customers
                .iter()
                .map(|(id, at)| (id.clone(), t.date(*at)))
                .collect(),
        })
        .collect();
    let charts = insights::dashboard_charts(&app, &scope, t).await;
    page.render(DashboardPage {
        t,
        me: Some(me(&page.caller)),
        charts,
        classified,
        stages: label_counts("stage", &counts.stages),
        tiers: label_counts("tier", &counts.tiers),
        flags: label_counts("flag", &counts.flags),
        moved,
    })
}

/// The dashboard's figures for a scope: from memory when nothing changed since they were
/// read (see `dashboard_cache`), else from the store.
async fn dashboard_facts(
    app: &AppState,
    scope: &clientele_store::AccessScope,
    personal: Option<&clientele_store::AccessScope>,
) -> Result<std::sync::Arc<dashboard_cache::DashboardFacts>, ApiError> {
    let key = format!("{scope:?}|{personal:?}");
    let (cached, changes) = app.dashboard.get(&key);
    if let Some(facts) = cached {
        return Ok(facts);
    }
    let counts = app.store.type_counts(scope).await?;
    // Who moved this week: the latest of each kind of move the caller may see. Figures
    // only for an analyst; names for those who may read customers.
    let mut moved = Vec::new();
    if let Some(personal) = personal {
        let since = jiff::Timestamp::now() - jiff::SignedDuration::from_hours(24 * 7);
        for (key, axis, to) in [
            ("moved-lapsed", "stage", "lapsed"),
            ("moved-won-back", "stage", "reborn"),
            ("moved-dissatisfied", "flag", "dissatisfied"),
        ] {
            let transitions = app
                .store
                .list_transitions(
                    personal,
                    &TransitionFilter {
                        since: Some(since.to_string()),
                        axis: Some(axis.into()),
                        to: Some(to.into()),
                        ..Default::default()
                    },
                    &ListRequest {
                        limit: Some(12),
                        cursor: None,
                        sort: Some("-at".into()),
                    },
                )
                .await?;
            moved.push((
                key,
                transitions
                    .items
                    .into_iter()
                    .map(|r| (r.transition.customer_id, r.transition.at))
                    .collect(),
            ));
        }
    }
    let facts = std::sync::Arc::new(dashboard_cache::DashboardFacts { counts, moved });
    app.dashboard
        .put(key, changes, std::sync::Arc::clone(&facts));
    Ok(facts)
}

// ----- customers -------------------------------------------------------------------------

#[derive(Deserialize, Default)]
struct ListQuery {
    q: Option<String>,
    stage: Option<String>,
    tier: Option<String>,
    flag: Option<String>,
    kind: Option<String>,
    owner: Option<String>,
    channel: Option<String>,
    country: Option<String>,
    tag: Option<String>,
    sort: Option<String>,
    cursor: Option<String>,
}

/// The orders a list can be read in (the store's sort columns, `-` for descending).
const LIST_SORTS: &[&str] = &[
    "name",
    "-name",
    "customer_id",
    "-created_at",
    "created_at",
    "-updated_at",
];

impl ListQuery {
    fn filter(&self) -> CustomerFilter {
        let given = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        CustomerFilter {
            q: given(&self.q),
            stage: given(&self.stage),
            tier: given(&self.tier),
            flag: given(&self.flag),
            kind: given(&self.kind),
            owner_email: given(&self.owner),
            acquisition_channel: given(&self.channel),
            country: given(&self.country),
            tag: given(&self.tag),
            ..Default::default()
        }
    }

    fn sort(&self) -> &str {
        self.sort
            .as_deref()
            .filter(|s| LIST_SORTS.contains(s))
            .unwrap_or("name")
    }

    /// The query string of these filters and the order (without the cursor).
    fn query(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (name, value) in [
            ("q", &self.q),
            ("stage", &self.stage),
            ("tier", &self.tier),
            ("flag", &self.flag),
            ("kind", &self.kind),
            ("owner", &self.owner),
            ("channel", &self.channel),
            ("country", &self.country),
            ("tag", &self.tag),
            ("sort", &self.sort),
        ] {
            if let Some(value) = value.as_deref().filter(|v| !v.is_empty()) {
                query.append_pair(name, value);
            }
        }
        query.finish()
    }
}

struct Option_ {
    value: String,
    label: String,
    selected: bool,
}

struct Row {
    id: String,
    name: String,
    stage: String,
    tier: String,
    flags: String,
    owner: String,
    city: String,
}

#[derive(Template)]
#[template(path = "customers.html")]
struct CustomersPage<'a> {
    t: &'a Tr,
    me: Option<Me>,
    q: String,
    query: String,
    stage_options: Vec<Option_>,
    tier_options: Vec<Option_>,
    flag_options: Vec<Option_>,
    kind_options: Vec<Option_>,
    owner_options: Vec<Option_>,
    sort_options: Vec<Option_>,
    channel: String,
    country: String,
    tag: String,
    rows: Vec<Row>,
    next: Option<String>,
    /// Whether this is a later page (a link back to the first is shown).
    paged: bool,
}

fn options(t: &Tr, prefix: &str, names: &[&str], chosen: Option<&str>) -> Vec<Option_> {
    names
        .iter()
        .map(|name| Option_ {
            value: (*name).to_owned(),
            label: t.t(&format!("{prefix}-{name}")),
            selected: chosen == Some(*name),
        })
        .collect()
}

async fn customers_page(
    State(app): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Query(q): Query<ListQuery>,
) -> Result<Response, PageError> {
    let page = Page::new(caller, &headers);
    let t = &page.tr;
    let scope = page
        .authorise(&app, Need::ReadPersonal, "list customers")
        .await?;
    let list = app
        .store
        .list_customers(
            &scope,
            &q.filter(),
            &ListRequest {
                limit: Some(50),
                cursor: q.cursor.clone().filter(|c| !c.is_empty()),
                sort: Some(q.sort().to_owned()),
            },
        )
        .await
        .map_err(|e| page.fail(e))?;
    app.record(
        &app.entry(&page.caller, "list")
            .about("customer")
            .with(serde_json::json!({ "rows": list.items.len(), "page": "web" })),
    )
    .await;
    let ids: Vec<String> = list.items.iter().map(|c| c.customer_id.clone()).collect();
    let verdicts = app
        .store
        .verdicts_of(&scope, &ids)
        .await
        .map_err(|e| page.fail(e))?;
    let rows = list
        .items
        .iter()
        .map(|c| {
            let verdict = verdicts.get(&c.customer_id);
            Row {
                id: c.customer_id.clone(),
                name: c.name.clone().unwrap_or_else(|| t.t("unnamed")),
                stage: verdict
                    .map(|v| t.t(&format!("stage-{}", v.stage.as_str())))
                    .unwrap_or_default(),
                tier: verdict
                    .map(|v| v.tier.as_str().to_owned())
                    .unwrap_or_default(),
                flags: verdict
                    .map(|v| {
                        v.flags
                            .iter()
                            .map(|f| t.t(&format!("flag-{}", f.as_str())))
                            .collect::<Vec<_>>()
                            .join(", ")
                    })
                    .unwrap_or_default(),
                owner: c.owner_email.clone().unwrap_or_default(),
                city: c.city.clone().unwrap_or_default(),
            }
        })
        .collect();
    let query = q.query();
    let next = list.next_cursor.map(|cursor| {
        let mut next = form_urlencoded::Serializer::new(query.clone());
        next.append_pair("cursor", &cursor);
        next.finish()
    });
    let stages: Vec<&str> = clientele_core::Stage::ALL
        .iter()
        .map(|s| s.as_str())
        .collect();
    let flags: Vec<&str> = clientele_core::Flag::ALL
        .iter()
        .map(|s| s.as_str())
        .collect();
    let kinds: Vec<&str> = clientele_core::CustomerKind::ALL
        .iter()
        .map(|s| s.as_str())
        .collect();
    // The owners a caller may filter by: those whose customers they may see.
    let owner_options = owner_choices(&app, &page.caller.principal, q.owner.as_deref())
        .await
        .map_err(|e| page.fail(e))?;
    let sort_options = LIST_SORTS
        .iter()
        .map(|s| Option_ {
            value: (*s).to_owned(),
            label: t.t(&format!("sort-{}", s.replace('-', "desc-"))),
            selected: q.sort() == *s,
        })
        .collect();
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    page.render(CustomersPage {
        t,
        me: Some(me(&page.caller)),
        q: text(&q.q),
        query,
        stage_options: options(t, "stage", &stages, q.stage.as_deref()),
        tier_options: options(t, "tier", &["A", "B", "C"], q.tier.as_deref()),
        flag_options: options(t, "flag", &flags, q.flag.as_deref()),
        kind_options: options(t, "kind", &kinds, q.kind.as_deref()),
        owner_options,
        sort_options,
        channel: text(&q.channel),
        country: text(&q.country),
        tag: text(&q.tag),
        rows,
        next,
        paged: q.cursor.as_deref().is_some_and(|c| !c.is_empty()),
    })
}

/// Owners to filter a list by: everyone for an admin (and an analyst, who sees no list),
/// the team for a manager, oneself for an agent; and "no owner" for those who hand over.
async fn owner_choices(
    app: &AppState,
    me: &clientele_store::auth::Principal,
    chosen: Option<&str>,
) -> Result<Vec<Option_>, ApiError> {
    use clientele_core::EmployeeRole;
    let mut filter = clientele_store::EmployeeFilter {
        active: Some(true),
        ..Default::default()
    };
    match me.role {
        EmployeeRole::Admin | EmployeeRole::Analyst => {}
        EmployeeRole::Manager => match &me.team {
            Some(team) => filter.team = Some(team.clone()),
            None => filter.employee_key = Some(me.employee_key),
        },
        EmployeeRole::Agent => filter.employee_key = Some(me.employee_key),
    }
    let employees = app
        .store
        .list_employees(
            &filter,
            &ListRequest {
                limit: Some(clientele_store::MAX_LIMIT),
                cursor: None,
                sort: Some("email".into()),
            },
        )
        .await?;
    let mut choices: Vec<Option_> = employees
        .items
        .into_iter()
        .map(|e| Option_ {
            selected: chosen == Some(e.employee.email.as_str()),
            label: e.employee.email.clone(),
            value: e.employee.email,
        })
        .collect();
    if !matches!(me.role, EmployeeRole::Agent) {
        choices.push(Option_ {
            value: "none".into(),
            label: "—".into(),
            selected: chosen == Some("none"),
        });
    }
    Ok(choices)
}

struct TypeLine {
    class: &'static str,
    label: String,
    evidence: String,
    action: String,
}

struct ProfileView {
    lines: Vec<TypeLine>,
    metrics: Vec<(String, String)>,
    whose_job: Option<String>,
}

struct Event {
    at: jiff::Timestamp,
    when: String,
    what: String,
}

#[derive(Template)]
#[template(path = "customer.html")]
struct CustomerPage<'a> {
    t: &'a Tr,
    me: Option<Me>,
    csrf: String,
    id: String,
    name: String,
    owner: String,
    organisation: Option<String>,
    profile: Option<ProfileView>,
    timeline: Vec<Event>,
    can_write: bool,
    severities: Vec<(&'static str, String)>,
    /// The organisation's people the caller may see, wallet holder first.
    people: Vec<Person>,
    owner_history: Vec<Event>,
    channels: Vec<(&'static str, String)>,
    directions: Vec<(&'static str, String)>,
    kinds: Vec<Option_>,
    edit: record::EditFields,
}

/// Someone at the customer's organisation (or the organisation's own people).
struct Person {
    id: String,
    name: String,
    role: String,
    /// `wallet_holder`, `ally` or empty: how the page marks them.
    class: &'static str,
}

async fn customer_page(
    State(app): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path(customer_id): Path<String>,
) -> Result<Response, PageError> {
    let page = Page::new(caller, &headers);
    let t = &page.tr;
    let export = app
        .app
        .customer_page(&page.caller, &customer_id)
        .await
        .map_err(|e| page.fail(e))?;
    let currency = export.currency;
    let money = |amount: &str| t.money(amount, currency.code());
    let profile = export.profile.as_ref().map(|p| {
        let c = &p.classification;
        let action_of = |because: &str| {
            c.actions
                .iter()
                .find(|a| a.because == because)
                .map(|a| evidence::action(t, &a.because))
                .unwrap_or_default()
        };
        let evidence_of =
            |key: &str| evidence::say(t, c.phrases.get(key).map_or(&[][..], Vec::as_slice));
        let mut lines = vec![TypeLine {
            class: "stage",
            label: t.t(&format!("stage-{}", c.stage.as_str())),
            evidence: evidence_of("stage"),
            action: action_of(c.stage.as_str()),
        }];
        lines.push(TypeLine {
            class: "tier",
            label: t.t(&format!("tier-{}", c.tier.as_str())),
            evidence: evidence_of("tier"),
            action: String::new(),
        });
        for flag in &c.flags {
            lines.push(TypeLine {
                class: "flag",
                label: t.t(&format!("flag-{}", flag.as_str())),
                evidence: evidence_of(flag.as_str()),
                action: action_of(flag.as_str()),
            });
        }
        let m = &c.metrics;
        let mut metrics = vec![(t.t("metric-orders"), t.number(i64::from(m.orders)))];
        if let Some(days) = m.recency_days {
            metrics.push((t.t("metric-recency"), t.number(days)));
        }
        metrics.push((t.t("metric-monetary"), money(&m.monetary)));
        metrics.push((t.t("metric-profit"), money(&m.profit_12m)));
        if let Some(p) = m.p_alive {
            metrics.push((t.t("metric-p-alive"), t.digits(&format!("{p:.2}"))));
        }
        if let Some(expected) = m.expected_orders_90d {
            metrics.push((
                t.t("metric-expected-orders"),
                t.digits(&format!("{expected:.2}")),
            ));
        }
        if let Some(clv) = &m.clv_12m {
            metrics.push((t.t("metric-clv"), money(clv)));
        }
        metrics.push((t.t("metric-cost-to-serve"), money(&m.cost_to_serve_12m)));
        metrics.push((
            t.t("metric-open-complaints"),
            t.number(i64::from(m.open_complaints)),
        ));
        let whose_job = c
            .actions
            .first()
            .and_then(|a| a.owner.clone())
            .map(|owner| t.t1("customer-whose-job", "owner", owner));
        ProfileView {
            lines,
            metrics,
            whose_job,
        }
    });
    let mut timeline: Vec<Event> = Vec::new();
    for order in &export.orders {
        timeline.push(Event {
            at: order.ordered_at,
            when: t.date(order.ordered_at),
            what: t.t1("timeline-order", "amount", money(&order.amount.to_string())),
        });
    }
    for complaint in &export.complaints {
        let mut what = t.t1(
            "timeline-complaint",
            "subject",
            complaint.subject.clone().unwrap_or_default(),
        );
        if complaint.resolved_at.is_some() {
            what = format!("{what} ({})", t.t("timeline-complaint-resolved"));
        }
        timeline.push(Event {
            at: complaint.opened_at,
            when: t.date(complaint.opened_at),
            what,
        });
    }
    for feedback in &export.feedback {
        let f = &feedback.feedback;
        timeline.push(Event {
            at: f.given_at,
            when: t.date(f.given_at),
            what: t.t1(
                "timeline-feedback",
                "nps",
                t.digits(&f.nps.map(|n| n.to_string()).unwrap_or_else(|| "–".into())),
            ),
        });
    }
    for interaction in &export.interactions {
        let i = &interaction.interaction;
        timeline.push(Event {
            at: i.occurred_at,
            when: t.date(i.occurred_at),
            what: {
                let channel = i
                    .channel
                    .map(|c| t.t(&format!("channel-{}", c.as_str())))
                    .unwrap_or_default();
                let what = t.t1("timeline-interaction", "channel", channel);
                match &i.summary {
                    Some(summary) => format!("{what}: {summary}"),
                    None => what,
                }
            },
        });
    }
    timeline.sort_by_key(|e| std::cmp::Reverse(e.at));
    let customer = &export.customer;
    // The organisation's people: of this customer if it is one, else of the organisation
    // the customer belongs to; only those the caller may see.
    let organisation_of = if customer.party == clientele_core::Party::Organisation {
        Some(customer.customer_id.clone())
    } else {
        customer.organisation_id.clone()
    };
    let mut people = Vec::new();
    if organisation_of.is_some() {
        for member in export.organisation_people.iter().cloned() {
            let role = member.role.clone().unwrap_or_default();
            let class = match role.as_str() {
                clientele_core::model::ROLE_WALLET_HOLDER => "wallet_holder",
                "ally" => "ally",
                _ => "",
            };
            people.push(Person {
                role: match class {
                    "" => role,
                    known => t.t(&format!("role-{known}")),
                },
                class,
                name: member.name.clone().unwrap_or_else(|| t.t("unnamed")),
                id: member.customer_id,
            });
        }
        people.sort_by_key(|p| match p.class {
            "wallet_holder" => 0,
            "ally" => 1,
            _ => 2,
        });
    }
    let mut owner_history: Vec<Event> = export
        .owner_history
        .iter()
        .filter_map(|h| {
            let at: jiff::Timestamp = h.at.parse().ok()?;
            let nobody = t.t("customer-no-owner");
            Some(Event {
                at,
                when: t.date(at),
                what: t.t1(
                    &format!("owner-change-{}", h.reason),
                    "change",
                    format!(
                        "{} → {}",
                        h.from_email.as_deref().unwrap_or(&nobody),
                        h.to_email.as_deref().unwrap_or(&nobody)
                    ),
                ),
            })
        })
        .collect();
    owner_history.sort_by_key(|e| std::cmp::Reverse(e.at));
    let kinds: Vec<&str> = clientele_core::CustomerKind::ALL
        .iter()
        .map(|k| k.as_str())
        .collect();
    let me = me(&page.caller);
    page.render(CustomerPage {
        t,
        csrf: me.csrf.clone(),
        me: Some(me),
        id: customer.customer_id.clone(),
        name: customer.name.clone().unwrap_or_else(|| t.t("unnamed")),
        owner: customer
            .owner_email
            .clone()
            .unwrap_or_else(|| t.t("customer-no-owner")),
        organisation: customer.organisation_id.clone(),
        profile,
        timeline,
        can_write: page.caller.principal.authorise(Need::WritePersonal).is_ok(),
        severities: ["low", "medium", "high", "critical"]
            .into_iter()
            .map(|s| (s, t.t(&format!("severity-{s}"))))
            .collect(),
        people,
        owner_history,
        channels: clientele_core::Channel::ALL
            .iter()
            .map(|c| (c.as_str(), t.t(&format!("channel-{}", c.as_str()))))
            .collect(),
        directions: clientele_core::Direction::ALL
            .iter()
            .map(|d| (d.as_str(), t.t(&format!("direction-{}", d.as_str()))))
            .collect(),
        kinds: options(t, "kind", &kinds, Some(customer.kind.as_str())),
        edit: record::EditFields::of(customer),
    })
}

/// A field left out counts as empty: validation then names what is missing.
#[derive(Deserialize, Default)]
#[serde(default)]
struct ComplaintForm {
    subject: String,
    severity: String,
    #[serde(rename = "csrf_token")]
    _csrf_token: String,
}

/// Records a complaint from the customer page; the customer is re-evaluated at once.
async fn add_complaint(
    State(app): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path(customer_id): Path<String>,
    axum::Form(form): axum::Form<ComplaintForm>,
) -> Result<Response, PageError> {
    let page = Page::new(caller, &headers);
    let draft = ComplaintDraft {
        complaint_id: None,
        customer_id: Some(customer_id.clone()),
        opened_at: Some(jiff::Timestamp::now().to_string()),
        resolved_at: None,
        severity: Some(form.severity),
        subject: Some(form.subject),
    };
    app.app
        .create_record::<clientele_app::ComplaintRecord>(&page.caller, draft)
        .await
        .map_err(|e| page.fail(e))?;
    let location = format!(
        "/customers/{}",
        percent_encoding::utf8_percent_encode(&customer_id, percent_encoding::NON_ALPHANUMERIC)
    );
    Ok(Redirect::to(&location).into_response())
}
