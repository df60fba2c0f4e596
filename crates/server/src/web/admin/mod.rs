//! The admin pages: the type settings with a dry run of their effect before saving (admins),
//! the team with users and handovers (admins; managers for their team), the audit log
//! (admins), and CSV import with its validation report (admins: the importer writes any
//! customer, so it is not offered to roles whose scope is narrower).
//!
//! Each page calls the same store code as the API and the CLI: saving settings and handing
//! over go through the API's own functions, so they are checked, audited and followed by
//! the same re-evaluation.

mod audit;
mod import;
mod playbook_form;
mod playbooks;
mod settings;
mod team;

use askama::Template;
use axum::Router;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use super::Page;
use crate::AppState;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/settings",
            get(settings::settings_page).post(settings::save_settings),
        )
        .route("/settings/preview", post(settings::preview_settings))
        .route("/team", get(team::team_page))
        .route("/team/users", post(team::add_user))
        .route("/team/deactivate", post(team::deactivate_user))
        .route("/team/handover", post(team::handover))
        .route("/audit", get(audit::audit_page))
        .route("/playbooks", get(playbooks::playbooks_page))
        .route(
            "/playbooks/new",
            get(playbook_form::new_page).post(playbook_form::create),
        )
        .route(
            "/playbooks/{playbook_id}/edit",
            get(playbook_form::edit_page).post(playbook_form::update),
        )
        .route(
            "/playbooks/{playbook_id}/edit/remove",
            post(playbook_form::remove),
        )
        .route(
            "/playbooks/{playbook_id}/active",
            post(playbooks::set_active),
        )
        .route(
            "/playbooks/{playbook_id}/backfill",
            post(playbooks::backfill),
        )
        .route(
            "/import",
            get(import::import_page).post(import::import_file),
        )
}

/// Persian and Arabic-Indic digits and the Persian decimal separator as ASCII, so a number
/// typed on a Persian keyboard is read.
pub(crate) fn ascii_digits(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| match c {
            '۰'..='۹' => char::from_u32('0' as u32 + (c as u32 - '۰' as u32)).unwrap_or(c),
            '٠'..='٩' => char::from_u32('0' as u32 + (c as u32 - '٠' as u32)).unwrap_or(c),
            '٫' => '.',
            '٬' => ',',
            other => other,
        })
        .collect()
}

/// A page with a status of its own: a form shown again (422) with what is wrong.
fn render_status(page: &Page, status: StatusCode, template: impl Template) -> Response {
    match page.render(template) {
        Ok(response) => (status, response).into_response(),
        Err(e) => e.into_response(),
    }
}
