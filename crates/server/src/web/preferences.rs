//! The employee's own preferences and password: the language, calendar and time zone of
//! their pages, and changing their password — which a one-time password (chosen by somebody
//! else) must be, before any other page opens.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::form_state::FormState;
use super::i18n::{LANGUAGES, Tr};
use super::{Me, Page, PageError, me};
use crate::AppState;
use crate::error::ApiError;

#[derive(Template)]
#[template(path = "preferences.html")]
struct PreferencesPage<'a> {
    t: &'a Tr,
    me: Option<Me>,
    csrf: String,
    locale: String,
    calendar: String,
    time_zone: String,
    zones: Vec<String>,
    languages: &'a [(&'static str, &'static str)],
    saved: Option<String>,
    f: FormState,
}

#[derive(Deserialize, Default)]
pub(super) struct PreferencesQuery {
    saved: Option<String>,
}

fn zones() -> Vec<String> {
    let mut zones: Vec<String> = jiff::tz::db()
        .available()
        .map(|name| name.to_string())
        .filter(|name| name.contains('/') && !name.starts_with("Etc/"))
        .collect();
    zones.sort_unstable();
    zones
}

fn render(
    page: &Page,
    saved: Option<String>,
    f: FormState,
    status: axum::http::StatusCode,
) -> Result<Response, PageError> {
    let me = me(&page.caller);
    let principal = &page.caller.principal;
    let mut answer = page.render(PreferencesPage {
        t: &page.tr,
        csrf: me.csrf.clone(),
        me: Some(me),
        locale: principal.locale.clone().unwrap_or_default(),
        calendar: principal.calendar.clone().unwrap_or_default(),
        time_zone: principal.time_zone.clone().unwrap_or_default(),
        zones: zones(),
        languages: &LANGUAGES,
        saved,
        f,
    })?;
    *answer.status_mut() = status;
    Ok(answer)
}

pub(super) async fn preferences_page(
    page: Page,
    Query(q): Query<PreferencesQuery>,
) -> Result<Response, PageError> {
    let saved = q.saved.as_deref().map(|what| match what {
        "password" => page.tr.t("password-changed"),
        _ => page.tr.t("preferences-saved"),
    });
    let must = page
        .caller
        .principal
        .must_change_password
        .then(|| page.tr.t("password-must-change"));
    render(
        &page,
        saved.or(must),
        FormState::default(),
        axum::http::StatusCode::OK,
    )
}

/// A field left out is the automatic choice.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct PreferencesForm {
    locale: String,
    calendar: String,
    time_zone: String,
    #[serde(rename = "csrf_token")]
    _csrf_token: String,
}

pub(super) async fn save_preferences(
    State(app): State<AppState>,
    page: Page,
    axum::Form(form): axum::Form<PreferencesForm>,
) -> Result<Response, PageError> {
    let blank = |v: &str| (!v.trim().is_empty()).then(|| v.trim().to_owned());
    app.app
        .set_preferences(
            &page.caller,
            blank(&form.locale).as_deref(),
            blank(&form.calendar).as_deref(),
            blank(&form.time_zone).as_deref(),
        )
        .await
        .map_err(|e| page.fail(e))?;
    Ok(crate::auth::audited(Redirect::to("/preferences?saved=1")))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct PasswordForm {
    current_password: String,
    new_password: String,
    repeat_password: String,
    #[serde(rename = "csrf_token")]
    _csrf_token: String,
}

/// Changes the signed-in employee's own password (the current one checked, the new one
/// typed twice); their other sessions end.
pub(super) async fn change_password(
    State(app): State<AppState>,
    page: Page,
    axum::Form(form): axum::Form<PasswordForm>,
) -> Result<Response, PageError> {
    let changed = if form.new_password != form.repeat_password {
        Err(ApiError::invalid(
            "repeat_password",
            clientele_core::Message::new("passwords-differ"),
        ))
    } else {
        app.app
            .change_password(
                &page.caller,
                form.current_password,
                form.new_password,
                &app.auth.policy,
            )
            .await
            .map_err(ApiError::from)
    };
    match changed {
        Ok(()) => Ok(crate::auth::audited(
            Redirect::to("/preferences?saved=password").into_response(),
        )),
        Err(ApiError::Invalid(errors)) => {
            let state =
                FormState::refused(&page.tr, "password", &errors, HashMap::new(), str::to_owned);
            render(
                &page,
                None,
                state,
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(e) => Err(page.fail(e)),
    }
}
