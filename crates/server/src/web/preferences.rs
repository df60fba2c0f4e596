//! The employee's own preferences: the language and calendar of their pages.

use askama::Template;
use axum::extract::State;
use axum::response::{Redirect, Response};
use serde::Deserialize;

use super::i18n::{LANGUAGES, Tr};
use super::{Me, Page, PageError, me};
use crate::AppState;

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

pub(super) async fn preferences_page(page: Page) -> Result<Response, PageError> {
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
pub(super) struct PreferencesForm {
    locale: String,
    calendar: String,
    #[serde(rename = "csrf_token")]
    _csrf_token: String,
}

pub(super) async fn save_preferences(
    State(app): State<AppState>,
    page: Page,
    axum::Form(form): axum::Form<PreferencesForm>,
) -> Result<Response, PageError> {
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
