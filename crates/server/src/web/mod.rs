//! The web app: server-rendered pages for a sales team, in English, Persian, Georgian and
//! Tagalog, from the same binary and with no resource from anywhere else. Pages read and
//! write through the same store calls, scopes and audit log as the API; forms carry the
//! session's CSRF token (checked for every form before any handler runs).

mod admin;
mod charts;
mod customer;
mod customers;
mod dashboard;
pub(crate) mod dashboard_cache;
mod evidence;
mod export;
mod form_state;
pub(crate) mod i18n;
pub(crate) mod insights;
mod messages;
mod new_customer;
mod preferences;
mod record;
mod sign_in;
mod today;
mod winback;

use askama::Template;
use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use clientele_store::auth::{Need, Via};

use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use i18n::{LANGUAGES, Tr, negotiate};

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(dashboard::dashboard))
        .route(
            "/sign-in",
            get(sign_in::sign_in_page).post(sign_in::sign_in),
        )
        .route("/sign-out", post(sign_in::sign_out))
        .route(
            "/preferences",
            get(preferences::preferences_page).post(preferences::save_preferences),
        )
        .route("/password", post(preferences::change_password))
        .route("/customers", get(customers::customers_page))
        .route(
            "/customers/new",
            get(new_customer::new_customer_page).post(new_customer::create_customer),
        )
        .route("/customers.csv", get(export::customers_csv))
        .route("/customers/{customer_id}", get(customer::customer_page))
        .route(
            "/customers/{customer_id}/complaints",
            post(record::add_complaint),
        )
        .route("/static/app.css", get(stylesheet))
        .route("/static/icon.svg", get(icon))
        .merge(winback::router())
        .merge(today::router())
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
        .with_zone(caller.and_then(|c| c.principal.time_zone.as_deref()))
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
/// pages. Extracted from the request like the caller it wraps, so a handler names it once.
struct Page {
    caller: Caller,
    tr: Tr,
}

impl<S: Send + Sync> FromRequestParts<S> for Page {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let caller = Caller::from_request_parts(parts, state).await?;
        let tr = tr_for(Some(&caller), &parts.headers);
        Ok(Page { caller, tr })
    }
}

impl Page {
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
            .map_err(|e| self.fail(ApiError::internal("rendering a page", e)))
    }
}

/// A country code (ISO 3166, `IR`) as its name in the reader's language, from CLDR
/// (`locales/*/countries.ftl`); a code CLDR does not know is shown as written.
pub(crate) fn country_name(t: &Tr, code: &str) -> String {
    t.try_t(&format!("country-{}", code.trim().to_uppercase()))
        .unwrap_or_else(|| code.to_owned())
}

/// The employees a page offers in its lists, by name: those still here, or (`everyone`)
/// those who left too. One page of the store's largest: a business has fewer.
async fn employees_for_lists(
    app: &AppState,
    page: &Page,
    everyone: bool,
) -> Result<Vec<clientele_core::model::EmployeeRecord>, PageError> {
    let filter = clientele_store::EmployeeFilter {
        active: (!everyone).then_some(true),
        ..Default::default()
    };
    let request = clientele_store::ListRequest {
        limit: Some(clientele_store::MAX_LIMIT),
        cursor: None,
        sort: Some("name".into()),
    };
    Ok(app
        .store
        .list_employees(&filter, &request)
        .await
        .map_err(|e| page.fail(e))?
        .items)
}

/// An employee as a choice of a list: their name and e-mail, each isolated so that neither
/// reorders the other in a right-to-left page.
pub(crate) fn person_label(name: &str, email: &str) -> String {
    format!("\u{2068}{name}\u{2069} (\u{2068}{email}\u{2069})")
}

/// Every country as a choice by its name in the reader's language (the base's three most
/// common first, then by name), `chosen` selected; the first choice, empty, is `none`.
fn country_options(t: &Tr, chosen: &str, none: String) -> Vec<Option_> {
    const FIRST: [&str; 3] = ["IR", "GE", "PH"];
    let mut rest: Vec<(String, String)> = country_codes()
        .into_iter()
        .filter(|c| !FIRST.contains(&c.as_str()))
        .map(|c| {
            let name = country_name(t, &c);
            (c, name)
        })
        .collect();
    rest.sort_by(|a, b| a.1.cmp(&b.1));
    let code = chosen.trim().to_uppercase();
    let known = code.is_empty() || country_codes().contains(&code);
    // A country stored as the business wrote it (not a code) stays a choice, as written:
    // saving the form must not clear it.
    let as_written = (!known).then(|| (chosen.trim().to_owned(), chosen.trim().to_owned()));
    std::iter::once((String::new(), none))
        .chain(as_written)
        .chain(FIRST.iter().map(|c| ((*c).to_owned(), country_name(t, c))))
        .chain(rest)
        .map(|(value, label)| Option_ {
            selected: if known {
                value == code
            } else {
                value == chosen.trim()
            },
            value,
            label,
        })
        .collect()
}

/// The country codes CLDR names (those of `locales/en/countries.ftl`).
pub(crate) fn country_codes() -> Vec<String> {
    include_str!("../../locales/en/countries.ftl")
        .lines()
        .filter_map(|line| line.strip_prefix("country-"))
        .filter_map(|rest| rest.split_once(" = ").map(|(code, _)| code.to_owned()))
        .collect()
}

/// A choice of a `<select>`, and whether it is the one chosen.
struct Option_ {
    value: String,
    label: String,
    selected: bool,
}

/// The choices of a `<select>` of names translated as `{prefix}-{name}`.
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
