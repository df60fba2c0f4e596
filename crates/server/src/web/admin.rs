//! The admin pages: the type settings with a dry run of their effect before saving (admins),
//! the team with users and handovers (admins; managers for their team), the audit log
//! (admins), and CSV import with its validation report (admins: the importer writes any
//! customer, so it is not offered to roles whose scope is narrower).
//!
//! Each page calls the same store code as the API and the CLI: saving settings and handing
//! over go through the API's own functions, so they are checked, audited and followed by
//! the same re-evaluation.

use askama::Template;
use axum::extract::{Multipart, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use clientele_core::EmployeeRole;
use clientele_core::classify::TypeSettings;
use clientele_core::model::{EmployeeDraft, EmployeeRecord};
use clientele_store::audit::{AuditFilter, AuditRecord};
use clientele_store::auth::Need;
use clientele_store::import::{ImportError, ImportKind, ImportOptions, RowError};
use clientele_store::{EmployeeFilter, ListRequest, Reevaluation, StoreError, TypeCounts};
use serde::Deserialize;

use super::i18n::Tr;
use super::{Me, Page, PageError, me};
use crate::AppState;
use crate::auth::{Caller, audited};
use crate::error::ApiError;
use crate::extract::BodyLimit;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/settings", get(settings_page).post(save_settings))
        .route("/settings/preview", post(preview_settings))
        .route("/team", get(team_page))
        .route("/team/users", post(add_user))
        .route("/team/deactivate", post(deactivate_user))
        .route("/team/handover", post(handover))
        .route("/audit", get(audit_page))
        .route("/import", get(import_page).post(import_file))
}

fn now() -> i64 {
    clientele_core::time::to_millis(jiff::Timestamp::now())
}

/// Persian and Arabic-Indic digits and the Persian decimal separator as ASCII, so a number
/// typed on a Persian keyboard is read.
fn ascii_digits(text: &str) -> String {
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

// ----- settings --------------------------------------------------------------------------

/// Every threshold of `TypeSettings`, in the spec's order, by the axis it decides.
const SETTING_GROUPS: [(&str, &[&str]); 3] = [
    (
        "stage",
        &[
            "new_days",
            "lapse_min_days",
            "lapse_interval_multiple",
            "lapse_p_alive",
            "lost_days",
            "lost_p_alive",
            "reborn_days",
        ],
    ),
    (
        "tier",
        &[
            "tier_a_share",
            "tier_b_share",
            "profit_window_days",
            "default_margin_rate",
        ],
    ),
    (
        "flag",
        &[
            "dissatisfied_days",
            "dissatisfied_nps_max",
            "dissatisfied_csat_max",
            "complaint_open_days",
            "dissatisfied_complaints",
            "windbag_complaints",
            "windbag_interactions",
            "let_go_cost_multiple",
            "ideal_prospect_share",
            "owner_risk_days",
        ],
    ),
];

struct SettingField {
    name: &'static str,
    label: String,
    hint: String,
    value: String,
    whole: bool,
    error: Option<String>,
}

struct SettingGroup {
    title: String,
    fields: Vec<SettingField>,
}

struct CountList {
    title: String,
    counts: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "admin_settings.html")]
struct SettingsPage<'a> {
    t: &'a Tr,
    me: Option<Me>,
    csrf: String,
    groups: Vec<SettingGroup>,
    errors: Vec<(String, String)>,
    preview: Option<Vec<String>>,
    preview_summary: String,
    saved: Option<String>,
    counts: Vec<CountList>,
}

/// The settings as the form's values (numbers as the API writes them).
fn setting_values(settings: &TypeSettings) -> serde_json::Map<String, serde_json::Value> {
    match serde_json::to_value(settings) {
        Ok(serde_json::Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    }
}

fn is_whole(field: &str) -> bool {
    setting_values(&TypeSettings::default())
        .get(field)
        .is_some_and(serde_json::Value::is_u64)
}

fn setting_groups(
    t: &Tr,
    values: &dyn Fn(&str) -> String,
    errors: &[(String, String)],
) -> Vec<SettingGroup> {
    SETTING_GROUPS
        .iter()
        .map(|(axis, fields)| SettingGroup {
            title: t.t(&format!("settings-group-{axis}")),
            fields: fields
                .iter()
                .map(|name| SettingField {
                    name,
                    label: t.t(&format!("setting-{name}")),
                    hint: t.digits(&t.t(&format!("setting-{name}-range"))),
                    value: values(name),
                    whole: is_whole(name),
                    error: errors
                        .iter()
                        .find(|(field, _)| field == name)
                        .map(|(_, message)| message.clone()),
                })
                .collect(),
        })
        .collect()
}

/// Reads the form into settings, or says, field by field in the page's language, what is
/// wrong: not a number, or out of the range the engine accepts.
fn read_settings(t: &Tr, form: &[(String, String)]) -> Result<TypeSettings, Vec<(String, String)>> {
    let mut errors = Vec::new();
    let mut map = serde_json::Map::new();
    let out_of_range = |field: &str| {
        t.tn(
            "settings-out-of-range",
            None,
            &[
                ("field", t.t(&format!("setting-{field}"))),
                ("range", t.digits(&t.t(&format!("setting-{field}-range")))),
            ],
        )
    };
    for field in SETTING_GROUPS.iter().flat_map(|(_, fields)| fields.iter()) {
        let text = form
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, v)| ascii_digits(v))
            .unwrap_or_default();
        let value = if is_whole(field) {
            // Two thresholds are small numbers (`u8`); the rest are days and counts (`u32`).
            let most = if field.ends_with("_max") {
                u64::from(u8::MAX)
            } else {
                u64::from(u32::MAX)
            };
            match text.parse::<u64>() {
                Ok(n) if n <= most => Some(serde_json::Value::from(n)),
                Ok(_) => {
                    errors.push(((*field).to_owned(), out_of_range(field)));
                    None
                }
                Err(_) => None,
            }
        } else {
            text.replace(',', ".")
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .and_then(serde_json::Number::from_f64)
                .map(serde_json::Value::Number)
        };
        match value {
            Some(value) => {
                map.insert((*field).to_owned(), value);
            }
            None if errors.iter().any(|(f, _)| f == field) => {}
            None => errors.push((
                (*field).to_owned(),
                t.tn(
                    if is_whole(field) {
                        "settings-not-whole"
                    } else {
                        "settings-not-number"
                    },
                    None,
                    &[("field", t.t(&format!("setting-{field}")))],
                ),
            )),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let settings: TypeSettings = serde_json::from_value(serde_json::Value::Object(map))
        .map_err(|_| vec![(String::new(), t.t("settings-unreadable"))])?;
    if let Err(invalid) = settings.validate() {
        return Err(invalid
            .0
            .iter()
            .map(|e| (e.field.clone(), out_of_range(&e.field)))
            .collect());
    }
    Ok(settings)
}

fn count_lists(t: &Tr, counts: &TypeCounts) -> Vec<CountList> {
    let list = |title: &str, prefix: &str, named: &[clientele_store::NamedCount]| CountList {
        title: t.t(title),
        counts: named
            .iter()
            .map(|c| {
                (
                    t.t(&format!("{prefix}-{}", c.name)),
                    t.number(c.customers as i64),
                )
            })
            .collect(),
    };
    vec![
        list("dashboard-stages", "stage", &counts.stages),
        list("dashboard-tiers", "tier", &counts.tiers),
        list("dashboard-flags", "flag", &counts.flags),
    ]
}

/// A type's name in the page's language: `stage-lapsed`, `tier-A`, `flag-windbag`.
fn type_label(t: &Tr, axis: &str, value: &str) -> String {
    t.t(&format!("{axis}-{value}"))
}

fn settings_view<'a>(
    page: &'a Page,
    values: &dyn Fn(&str) -> String,
    errors: Vec<(String, String)>,
) -> SettingsPage<'a> {
    let me = me(&page.caller);
    SettingsPage {
        t: &page.tr,
        csrf: me.csrf.clone(),
        me: Some(me),
        groups: setting_groups(&page.tr, values, &errors),
        errors,
        preview: None,
        preview_summary: String::new(),
        saved: None,
        counts: Vec::new(),
    }
}

/// The settings a form posts, or the form shown again (422) with what is wrong, field by
/// field; preview and save read them alike.
fn settings_of_form(page: &Page, form: &[(String, String)]) -> Result<TypeSettings, Box<Response>> {
    read_settings(&page.tr, form).map_err(|errors| {
        Box::new(render_status(
            page,
            StatusCode::UNPROCESSABLE_ENTITY,
            settings_view(page, &submitted(form), errors),
        ))
    })
}

fn render_status(page: &Page, status: StatusCode, template: impl Template) -> Response {
    match page.render(template) {
        Ok(response) => (status, response).into_response(),
        Err(e) => e.into_response(),
    }
}

async fn settings_page(
    State(app): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let page = Page::new(caller, &headers);
    page.authorise(&app, Need::Admin, "read the type settings page")
        .await?;
    let current = app.app.type_settings().await.map_err(|e| page.fail(e))?;
    let values = setting_values(&current);
    let value = |name: &str| values.get(name).map(|v| v.to_string()).unwrap_or_default();
    page.render(settings_view(&page, &value, Vec::new()))
}

type FormPairs = axum::Form<Vec<(String, String)>>;

fn submitted(form: &[(String, String)]) -> impl Fn(&str) -> String + '_ {
    move |name: &str| {
        form.iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }
}

/// Evaluates the whole base in memory with the settings of the form and shows how many
/// customers would change type; nothing is written.
async fn preview_settings(
    State(app): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    axum::Form(form): FormPairs,
) -> Result<Response, PageError> {
    let page = Page::new(caller, &headers);
    page.authorise(&app, Need::Admin, "preview the type settings")
        .await?;
    let values = submitted(&form);
    let settings = match settings_of_form(&page, &form) {
        Ok(settings) => settings,
        Err(shown_again) => return Ok(*shown_again),
    };
    let preview = app
        .store
        .preview_classify_all(&settings, now())
        .await
        .map_err(|e| page.fail(e))?;
    let t = &page.tr;
    let lines = preview
        .moves
        .iter()
        .map(|m| {
            let n = vec![("n", t.number(m.customers as i64))];
            let label =
                |v: &Option<String>| type_label(t, &m.axis, v.as_deref().unwrap_or_default());
            match (&m.from, &m.to) {
                (Some(_), Some(_)) => {
                    let mut args = n;
                    args.push(("from", label(&m.from)));
                    args.push(("to", label(&m.to)));
                    t.tn("settings-move", Some(m.customers), &args)
                }
                (None, _) => {
                    let mut args = n;
                    args.push(("flag", label(&m.to)));
                    t.tn("settings-move-raised", Some(m.customers), &args)
                }
                (Some(_), None) => {
                    let mut args = n;
                    args.push(("flag", label(&m.from)));
                    t.tn("settings-move-cleared", Some(m.customers), &args)
                }
            }
        })
        .collect();
    let mut view = settings_view(&page, &values, Vec::new());
    view.preview_summary = t.tn(
        "settings-preview-summary",
        Some(preview.customers_changed),
        &[
            ("n", t.number(preview.customers_changed as i64)),
            ("total", t.number(preview.customers as i64)),
        ],
    );
    view.preview = Some(lines);
    // A preview changes nothing: there is nothing for the audit log.
    Ok(audited(page.render(view)?))
}

/// Saves the settings of the form as the API's PATCH does (checked, audited, the whole base
/// re-evaluated with them) and shows the new counts.
async fn save_settings(
    State(app): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    axum::Form(form): FormPairs,
) -> Result<Response, PageError> {
    let page = Page::new(caller, &headers);
    page.authorise(&app, Need::Admin, "change the type settings")
        .await?;
    let settings = match settings_of_form(&page, &form) {
        Ok(settings) => settings,
        Err(shown_again) => return Ok(*shown_again),
    };
    let saved = app
        .app
        .save_type_settings(&page.caller, &settings)
        .await
        .map_err(|e| page.fail(e))?;
    let counts = app
        .store
        .type_counts(&clientele_store::AccessScope::All)
        .await
        .map_err(|e| page.fail(e))?;
    let t = &page.tr;
    let stored = setting_values(&settings);
    let value = |name: &str| stored.get(name).map(|v| v.to_string()).unwrap_or_default();
    let mut view = settings_view(&page, &value, Vec::new());
    view.saved = Some(t.tn(
        "settings-saved",
        Some(saved.customers),
        &[
            ("n", t.number(saved.customers as i64)),
            ("changes", t.number(saved.transitions as i64)),
        ],
    ));
    view.counts = count_lists(t, &counts);
    Ok(audited(page.render(view)?))
}

// ----- team ------------------------------------------------------------------------------

struct EmployeeRow {
    id: i64,
    name: String,
    email: String,
    role: String,
    team: String,
    active: bool,
    owned: String,
    owned_count: i64,
    is_me: bool,
}

struct HandoverView {
    summary: String,
    tier_a: Vec<(String, String, String)>,
}

#[derive(Template)]
#[template(path = "admin_team.html")]
struct TeamPage<'a> {
    t: &'a Tr,
    me: Option<Me>,
    csrf: String,
    admin: bool,
    employees: Vec<EmployeeRow>,
    roles: Vec<(&'static str, String)>,
    errors: Vec<String>,
    notice: Option<String>,
    one_time: Option<(String, String)>,
    handover: Option<HandoverView>,
}

/// The employees the caller may see (as the API lists them), with their customers counted.
async fn team_rows(app: &AppState, page: &Page) -> Result<Vec<EmployeeRow>, PageError> {
    let principal = &page.caller.principal;
    let mut filter = EmployeeFilter::default();
    match principal.role {
        EmployeeRole::Admin => {}
        EmployeeRole::Manager if principal.team.is_some() => {
            filter.team = principal.team.clone();
        }
        _ => filter.employee_key = Some(principal.employee_key),
    }
    let mut employees: Vec<EmployeeRecord> = Vec::new();
    let mut cursor = None;
    loop {
        let list = app
            .store
            .list_employees(
                &filter,
                &ListRequest {
                    limit: Some(clientele_store::MAX_LIMIT),
                    cursor,
                    sort: Some("name".into()),
                },
            )
            .await
            .map_err(|e| page.fail(e))?;
        employees.extend(list.items);
        match list.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    let t = &page.tr;
    let mut rows = Vec::with_capacity(employees.len());
    for record in employees {
        let owned = app
            .store
            .count_owned_by(record.employee_id)
            .await
            .map_err(|e| page.fail(e))?;
        let e = record.employee;
        rows.push(EmployeeRow {
            id: record.employee_id,
            is_me: record.employee_id == principal.employee_key,
            name: e.name,
            email: e.email,
            role: t.t(&format!("role-{}", e.role.as_str())),
            team: e.team.unwrap_or_default(),
            active: e.active,
            owned: t.number(owned),
            owned_count: owned,
        });
    }
    Ok(rows)
}

async fn team_view<'a>(app: &AppState, page: &'a Page) -> Result<TeamPage<'a>, PageError> {
    let t = &page.tr;
    let me = me(&page.caller);
    Ok(TeamPage {
        t,
        csrf: me.csrf.clone(),
        admin: me.admin,
        me: Some(me),
        employees: team_rows(app, page).await?,
        roles: ["agent", "manager", "analyst", "admin"]
            .into_iter()
            .map(|r| (r, t.t(&format!("role-{r}"))))
            .collect(),
        errors: Vec::new(),
        notice: None,
        one_time: None,
        handover: None,
    })
}

async fn team_page(
    State(app): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let page = Page::new(caller, &headers);
    page.authorise(&app, Need::ManageTeam, "read the team page")
        .await?;
    let view = team_view(&app, &page).await?;
    page.render(view)
}

/// A failure of a form on the team page, in the page's language: the fields it names.
fn field_problems(t: &Tr, error: &ApiError) -> Vec<String> {
    match error {
        ApiError::Invalid(errors) => errors
            .0
            .iter()
            .map(|e| {
                let field = t
                    .try_t(&format!("team-field-{}", e.field))
                    .unwrap_or_else(|| super::messages::field(t, &e.field));
                super::messages::with_id(t, field.clone(), &e.says)
                    .unwrap_or_else(|| t.tn("team-invalid-field", None, &[("field", field)]))
            })
            .collect(),
        ApiError::Duplicate { .. } => vec![t.t("team-duplicate-email")],
        ApiError::NotFound(_) => vec![t.t("team-not-found")],
        _ => vec![t.t("team-failed")],
    }
}

#[derive(Deserialize)]
struct UserForm {
    email: String,
    name: String,
    role: String,
    team: String,
}

/// Adds an employee who can sign in, as `clientele user add` does: the one-time password is
/// shown on this answer only.
async fn add_user(
    State(app): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    axum::Form(form): axum::Form<UserForm>,
) -> Result<Response, PageError> {
    let page = Page::new(caller, &headers);
    page.authorise(&app, Need::Admin, "add an employee").await?;
    let blank = |v: &str| (!v.trim().is_empty()).then(|| v.trim().to_owned());
    let draft = EmployeeDraft {
        name: blank(&form.name).or_else(|| {
            form.email
                .split('@')
                .next()
                .filter(|n| !n.trim().is_empty())
                .map(|n| n.trim().to_owned())
        }),
        email: blank(&form.email),
        role: blank(&form.role),
        team: blank(&form.team),
        left_at: None,
    };
    let created = app
        .app
        .add_user(clientele_app::Actor::Employee(&page.caller), draft, None)
        .await
        .map(|new| {
            (
                new.employee.employee.email,
                new.one_time_password.unwrap_or_default(),
            )
        })
        .map_err(ApiError::from);
    let mut view = team_view(&app, &page).await?;
    match created {
        Ok(one_time) => {
            view.one_time = Some(one_time);
            Ok(audited(page.render(view)?))
        }
        Err(e) => {
            view.errors = field_problems(&page.tr, &e);
            Ok(render_status(&page, StatusCode::UNPROCESSABLE_ENTITY, view))
        }
    }
}

#[derive(Deserialize)]
struct DeactivateForm {
    employee_id: i64,
}

/// Marks an employee as gone, as `clientele user deactivate` does: their sessions and tokens
/// end at once and their customers are re-evaluated (their owner has left).
async fn deactivate_user(
    State(app): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    axum::Form(form): axum::Form<DeactivateForm>,
) -> Result<Response, PageError> {
    let page = Page::new(caller, &headers);
    page.authorise(&app, Need::Admin, "deactivate an employee")
        .await?;
    if form.employee_id == page.caller.principal.employee_key {
        let mut view = team_view(&app, &page).await?;
        view.errors = vec![page.tr.t("team-not-yourself")];
        return Ok(render_status(&page, StatusCode::UNPROCESSABLE_ENTITY, view));
    }
    let (employee, _) = app
        .app
        .deactivate_employee(
            clientele_app::Actor::Employee(&page.caller),
            form.employee_id,
        )
        .await
        .map_err(|e| page.fail(e))?;
    let mut view = team_view(&app, &page).await?;
    view.notice = Some(
        page.tr
            .t1("team-deactivated", "email", employee.employee.email),
    );
    Ok(audited(page.render(view)?))
}

#[derive(Deserialize)]
struct HandoverForm {
    from: String,
    to: String,
    #[serde(default)]
    customers: String,
}

/// Hands customers over with the API's own handover (scope, audit, re-evaluation) and shows
/// what moved and the tier-A customers at risk before and after.
async fn handover(
    State(app): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    axum::Form(form): axum::Form<HandoverForm>,
) -> Result<Response, PageError> {
    let page = Page::new(caller, &headers);
    page.authorise(&app, Need::ManageTeam, "hand customers over")
        .await?;
    let chosen: Vec<String> = form
        .customers
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
        .collect();
    let customers = (!chosen.is_empty()).then_some(chosen.as_slice());
    let result = app
        .app
        .hand_over(
            clientele_app::Actor::Employee(&page.caller),
            &form.from,
            &form.to,
            customers,
        )
        .await
        .map_err(ApiError::from);
    let t = &page.tr;
    match result {
        Ok(report) => {
            let mut view = team_view(&app, &page).await?;
            let mut summary = t.tn(
                "team-handover-done",
                Some(report.moved),
                &[
                    ("n", t.number(report.moved as i64)),
                    ("from", report.from.clone()),
                    ("to", report.to.clone()),
                ],
            );
            if report.deactivated {
                summary.push(' ');
                summary.push_str(&t.t1("team-handover-deactivated", "email", &report.from));
            }
            let yes_no = |b: bool| {
                t.t(if b {
                    "team-at-risk"
                } else {
                    "team-not-at-risk"
                })
            };
            view.handover = Some(HandoverView {
                summary,
                tier_a: report
                    .tier_a
                    .iter()
                    .map(|c| {
                        (
                            c.customer_id.clone(),
                            yes_no(c.owner_risk_before),
                            yes_no(c.owner_risk_after),
                        )
                    })
                    .collect(),
            });
            Ok(audited(page.render(view)?))
        }
        Err(ApiError::Forbidden(_)) => Err(page.fail(ApiError::Forbidden(String::new()))),
        Err(e) => {
            let mut view = team_view(&app, &page).await?;
            view.errors = match &e {
                ApiError::Invalid(errors) => errors
                    .0
                    .iter()
                    .map(|f| {
                        let general = t.t(if f.field == "customers" {
                            "team-handover-not-theirs"
                        } else {
                            "team-handover-invalid"
                        });
                        match super::messages::with_id(
                            t,
                            super::messages::field(t, &f.field),
                            &f.says,
                        ) {
                            Some(said) => format!("{general} {said}"),
                            None => general,
                        }
                    })
                    .collect(),
                other => field_problems(t, other),
            };
            Ok(render_status(&page, StatusCode::UNPROCESSABLE_ENTITY, view))
        }
    }
}

// ----- audit log -------------------------------------------------------------------------

#[derive(Deserialize, Default)]
struct AuditQuery {
    since: Option<String>,
    actor: Option<String>,
    action: Option<String>,
    cursor: Option<String>,
}

struct AuditRow {
    day: String,
    time: String,
    actor: String,
    action: String,
    what: String,
    address: String,
    details: String,
}

#[derive(Template)]
#[template(path = "admin_audit.html")]
struct AuditPage<'a> {
    t: &'a Tr,
    me: Option<Me>,
    since: String,
    actor: String,
    action: String,
    problem: Option<String>,
    rows: Vec<AuditRow>,
    next: Option<String>,
}

fn audit_row(t: &Tr, r: &AuditRecord) -> AuditRow {
    let at = r.at.parse::<jiff::Timestamp>().ok();
    AuditRow {
        day: at.map(|at| t.date(at)).unwrap_or_else(|| r.at.clone()),
        time: at
            .map(|at| t.digits(&at.strftime("%H:%M:%S UTC").to_string()))
            .unwrap_or_default(),
        actor: r.actor.clone(),
        action: r.action.clone(),
        what: match (&r.entity, &r.record_id) {
            (Some(entity), Some(id)) => format!("{entity} {id}"),
            (Some(entity), None) => entity.clone(),
            (None, Some(id)) => id.clone(),
            (None, None) => String::new(),
        },
        address: r.address.clone().unwrap_or_default(),
        details: if r.details.is_null() {
            String::new()
        } else {
            r.details.to_string()
        },
    }
}

async fn audit_page(
    State(app): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Query(q): Query<AuditQuery>,
) -> Result<Response, PageError> {
    let page = Page::new(caller, &headers);
    page.authorise(&app, Need::Admin, "read the audit log")
        .await?;
    let t = &page.tr;
    fn given(v: &Option<String>) -> Option<&str> {
        v.as_deref().map(str::trim).filter(|v| !v.is_empty())
    }
    let since = given(&q.since).map(ascii_digits);
    let mut problem = None;
    let since_valid = match since.as_deref() {
        Some(day) if day.parse::<jiff::civil::Date>().is_err() => {
            problem = Some(t.t("audit-bad-date"));
            None
        }
        other => other.map(str::to_owned),
    };
    let filter = AuditFilter {
        since: since_valid,
        actor: given(&q.actor).map(str::to_owned),
        action: given(&q.action).map(str::to_owned),
        ..Default::default()
    };
    let list = app
        .store
        .list_audit(
            &filter,
            &ListRequest {
                limit: Some(50),
                cursor: given(&q.cursor).map(str::to_owned),
                sort: Some("-at".into()),
            },
        )
        .await
        .map_err(|e| page.fail(e))?;
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (name, value) in [
        ("since", &q.since),
        ("actor", &q.actor),
        ("action", &q.action),
    ] {
        if let Some(value) = given(value) {
            query.append_pair(name, value);
        }
    }
    let next = list.next_cursor.map(|cursor| {
        let mut next = form_urlencoded::Serializer::new(query.finish());
        next.append_pair("cursor", &cursor);
        next.finish()
    });
    page.render(AuditPage {
        t,
        me: Some(me(&page.caller)),
        since: since.unwrap_or_default(),
        actor: given(&q.actor).unwrap_or_default().to_owned(),
        action: given(&q.action).unwrap_or_default().to_owned(),
        problem,
        rows: list.items.iter().map(|r| audit_row(t, r)).collect(),
        next,
    })
}

// ----- import ----------------------------------------------------------------------------

const KINDS: [&str; 7] = [
    "customers",
    "orders",
    "interactions",
    "complaints",
    "feedback",
    "costs",
    "employees",
];

struct KindView {
    name: &'static str,
    label: String,
    columns: Vec<(&'static str, bool)>,
}

struct ErrorRow {
    line: String,
    column: String,
    message: String,
}

#[derive(Template)]
#[template(path = "admin_import.html")]
struct ImportPage<'a> {
    t: &'a Tr,
    me: Option<Me>,
    csrf: String,
    kinds: Vec<KindView>,
    chosen: String,
    limit: String,
    refused: Option<String>,
    errors: Vec<ErrorRow>,
    done: Option<String>,
    rejected: Vec<ErrorRow>,
    reevaluated: Option<String>,
}

fn import_view<'a>(limit: &BodyLimit, page: &'a Page, chosen: &str) -> ImportPage<'a> {
    let t = &page.tr;
    let me = me(&page.caller);
    ImportPage {
        t,
        csrf: me.csrf.clone(),
        me: Some(me),
        kinds: KINDS
            .iter()
            .filter_map(|name| ImportKind::parse(name).ok().map(|kind| (name, kind)))
            .map(|(name, kind)| KindView {
                name,
                label: t.t(&format!("import-kind-{name}")),
                columns: kind
                    .columns()
                    .iter()
                    .map(|c| (c.name, c.required))
                    .collect(),
            })
            .collect(),
        chosen: chosen.to_owned(),
        limit: t.number((limit.0 / 1024) as i64),
        refused: None,
        errors: Vec::new(),
        done: None,
        rejected: Vec::new(),
        reevaluated: None,
    }
}

async fn import_page(
    State(app): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Extension(limit): Extension<BodyLimit>,
) -> Result<Response, PageError> {
    let page = Page::new(caller, &headers);
    import_allowed(&app, &page).await?;
    page.render(import_view(&limit, &page, "customers"))
}

/// The importer writes any customer, whoever owns them: only those whose scope is every
/// customer (admins) may use it.
async fn import_allowed(app: &AppState, page: &Page) -> Result<(), PageError> {
    page.authorise(app, Need::Admin, "import a CSV file")
        .await?;
    Ok(())
}

fn error_rows(t: &Tr, errors: &[RowError]) -> Vec<ErrorRow> {
    errors
        .iter()
        .map(|e| ErrorRow {
            line: t.number(e.line as i64),
            column: e
                .column
                .as_ref()
                .map(|(n, name)| format!("{} ({name})", t.number(*n as i64)))
                .unwrap_or_default(),
            message: super::messages::say(t, &e.message),
        })
        .collect()
}

/// A directory of its own for one upload, removed when dropped.
struct Upload(std::path::PathBuf);

impl Drop for Upload {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Imports an uploaded CSV file with the CLI's importer: all or nothing, unless the user
/// chose to import the valid rows and skip the rest; then re-evaluates as the CLI does.
async fn import_file(
    State(app): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Extension(limit): Extension<BodyLimit>,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    let page = Page::new(caller, &headers);
    import_allowed(&app, &page).await?;
    let t = &page.tr;
    let mut kind_name = String::new();
    let mut skip_invalid = false;
    let mut file_name = String::new();
    let mut content: Option<axum::body::Bytes> = None;
    let unreadable = |_| page.fail(ApiError::MalformedBody("an unreadable form".into()));
    while let Some(field) = multipart.next_field().await.map_err(unreadable)? {
        match field.name() {
            Some("kind") => kind_name = field.text().await.map_err(unreadable)?,
            Some("skip_invalid") => {
                skip_invalid = !field.text().await.map_err(unreadable)?.is_empty()
            }
            Some("file") => {
                file_name = field.file_name().unwrap_or_default().to_owned();
                content = Some(field.bytes().await.map_err(unreadable)?);
            }
            _ => {}
        }
    }
    let mut view = import_view(&limit, &page, &kind_name);
    let Ok(kind) = ImportKind::parse(&kind_name) else {
        view.refused = Some(t.t("import-choose-kind"));
        return Ok(render_status(&page, StatusCode::UNPROCESSABLE_ENTITY, view));
    };
    let Some(content) = content.filter(|c| !c.is_empty()) else {
        view.refused = Some(t.t("import-choose-file"));
        return Ok(render_status(&page, StatusCode::UNPROCESSABLE_ENTITY, view));
    };
    let internal = |e: std::io::Error| page.fail(ApiError::Internal(format!("an upload: {e}")));
    let upload = Upload(std::env::temp_dir().join(format!(
        "clientele-upload-{}",
        uuid::Uuid::new_v4().simple()
    )));
    std::fs::create_dir_all(&upload.0).map_err(internal)?;
    let path = upload.0.join(format!("{kind_name}.csv"));
    let rejected_path = upload.0.join("rejected.csv");
    std::fs::write(&path, &content).map_err(internal)?;
    let shown_name = if file_name.is_empty() {
        format!("{kind_name}.csv")
    } else {
        file_name
    };
    let request = clientele_app::ImportRequest {
        kind,
        path: &path,
        shown_name: Some(shown_name.clone()),
        options: ImportOptions {
            skip_invalid,
            rejected_path: Some(rejected_path.clone()),
        },
    };
    let imported = app
        .app
        .import(
            clientele_app::Actor::Employee(&page.caller),
            request,
            &|_| {},
        )
        .await;
    let clientele_app::ImportOutcome {
        report,
        reevaluation,
    } = match imported {
        Ok(outcome) => outcome,
        Err(clientele_app::AppError::Store(StoreError::Import(refusal))) => {
            let (total, errors) = match &refusal {
                ImportError::File { message, .. } => (
                    1,
                    vec![ErrorRow {
                        line: String::new(),
                        column: String::new(),
                        message: super::messages::say(t, message),
                    }],
                ),
                ImportError::Header { errors, .. } => (errors.len() as u64, error_rows(t, errors)),
                ImportError::Rows { errors, total, .. } => (*total, error_rows(t, errors)),
            };
            view.refused = Some(t.tn(
                "import-refused",
                Some(total),
                &[("n", t.number(total as i64)), ("file", shown_name)],
            ));
            view.errors = errors;
            return Ok(audited(render_status(
                &page,
                StatusCode::UNPROCESSABLE_ENTITY,
                view,
            )));
        }
        Err(e) => return Err(page.fail(e)),
    };
    view.done = Some(t.tn(
        "import-done",
        Some(report.rows),
        &[
            ("n", t.number(report.rows as i64)),
            ("file", shown_name),
            ("inserted", t.number(report.inserted as i64)),
            ("updated", t.number(report.updated as i64)),
            ("unchanged", t.number(report.unchanged as i64)),
            ("rejected", t.number(report.rejected as i64)),
            ("created", t.number(report.customers_created as i64)),
        ],
    ));
    if report.rejected > 0 {
        view.rejected = read_rejected(t, &rejected_path);
    }
    view.reevaluated = match reevaluation {
        Reevaluation::NotClassified | Reevaluation::Unchanged => None,
        Reevaluation::Customers(saved) => Some(t.tn(
            "import-reevaluated-customers",
            Some(saved.customers),
            &[
                ("n", t.number(saved.customers as i64)),
                ("changes", t.number(saved.transitions as i64)),
            ],
        )),
        Reevaluation::FullPass(saved) => Some(t.tn(
            "import-reevaluated-all",
            Some(saved.customers),
            &[
                ("n", t.number(saved.customers as i64)),
                ("changes", t.number(saved.transitions as i64)),
            ],
        )),
    };
    drop(upload);
    Ok(audited(page.render(view)?))
}

/// The rejected rows' line, column and reason, from the file the importer wrote them to.
fn read_rejected(t: &Tr, path: &std::path::Path) -> Vec<ErrorRow> {
    let Ok(mut reader) = csv::ReaderBuilder::new().flexible(true).from_path(path) else {
        return Vec::new();
    };
    reader
        .records()
        .filter_map(Result::ok)
        .take(200)
        .map(|r| ErrorRow {
            line: r
                .get(0)
                .and_then(|l| l.parse::<i64>().ok())
                .map(|l| t.number(l))
                .unwrap_or_default(),
            column: r.get(1).unwrap_or_default().to_owned(),
            message: r.get(2).unwrap_or_default().to_owned(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_admin_message_and_every_threshold_a_label() {
        let english = include_str!("../../locales/en/admin.ftl");
        let keys: Vec<&str> = english
            .lines()
            .filter_map(|l| l.split_once(" = ").map(|(k, _)| k))
            .filter(|k| !k.starts_with(' ') && !k.starts_with('#'))
            .collect();
        for (code, file) in [
            ("fa", include_str!("../../locales/fa/admin.ftl")),
            ("ka", include_str!("../../locales/ka/admin.ftl")),
            ("tl", include_str!("../../locales/tl/admin.ftl")),
        ] {
            for key in &keys {
                assert!(
                    file.lines().any(|l| l.starts_with(&format!("{key} ="))),
                    "{code} lacks {key}"
                );
            }
        }
        let fields = setting_values(&TypeSettings::default());
        let listed: Vec<&str> = SETTING_GROUPS
            .iter()
            .flat_map(|(_, f)| f.iter().copied())
            .collect();
        assert_eq!(listed.len(), fields.len());
        for field in fields.keys() {
            assert!(
                listed.contains(&field.as_str()),
                "{field} is not on the page"
            );
            assert!(keys.contains(&format!("setting-{field}").as_str()));
            assert!(keys.contains(&format!("setting-{field}-range").as_str()));
        }
    }

    #[test]
    fn a_bad_threshold_is_named_in_the_page_s_language() {
        let form = |lapse: &str| -> Vec<(String, String)> {
            setting_values(&TypeSettings::default())
                .into_iter()
                .map(|(k, v)| {
                    let v = if k == "lapse_min_days" {
                        lapse.to_owned()
                    } else {
                        v.to_string()
                    };
                    (k, v)
                })
                .collect()
        };
        let fa = Tr::new("fa", None);
        let errors = read_settings(&fa, &form("-3")).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].0, "lapse_min_days");
        assert!(errors[0].1.contains("غیرفعال‌شده"), "{}", errors[0].1);
        let en = Tr::new("en", None);
        let errors = read_settings(&en, &form("40000")).unwrap_err();
        assert!(
            errors[0].1.contains("Lapsed: silent for at least"),
            "{errors:?}"
        );
        // Persian digits are read.
        let read = read_settings(&fa, &form("۴۵")).unwrap();
        assert_eq!(read.lapse_min_days, 45);
    }
}
