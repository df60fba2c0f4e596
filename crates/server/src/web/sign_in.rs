//! Signing in and out: the sign-in form (in the language asked for or the browser's), its
//! login-CSRF token, and ending the session.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use clientele_store::auth::new_secret;
use serde::Deserialize;

use super::i18n::{LANGUAGES, Tr};
use super::{Me, tr_for};
use crate::AppState;
use crate::api::session::attempt_sign_in;
use crate::auth::{Caller, cookie, cookie_name};
use crate::error::ApiError;

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
pub(super) struct LangQuery {
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

pub(super) async fn sign_in_page(Query(q): Query<LangQuery>, headers: HeaderMap) -> Response {
    let tr = sign_in_tr(q.lang.as_deref(), &headers);
    sign_in_form(&tr, &headers, StatusCode::OK, None, "")
}

#[derive(Deserialize)]
struct SignInForm {
    email: String,
    password: String,
    form_token: String,
}

pub(super) async fn sign_in(
    State(app): State<AppState>,
    request: axum::extract::Request,
) -> Response {
    let address = app.auth.client_address(&request);
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

pub(super) async fn sign_out(State(app): State<AppState>, caller: Caller) -> Response {
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
