//! The team: its employees with their customers counted, adding and deactivating users
//! (admins), and handing customers over (admins; managers for their team).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use clientele_core::EmployeeRole;
use clientele_core::model::{EmployeeDraft, EmployeeRecord};
use clientele_store::auth::Need;
use clientele_store::{EmployeeFilter, ListRequest};
use serde::Deserialize;

use super::render_status;
use crate::AppState;
use crate::auth::audited;
use crate::error::ApiError;
use crate::web::i18n::Tr;
use crate::web::{Me, Page, PageError, me};

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
    /// Whether customers may be given to them (active, and not an analyst).
    may_own: bool,
}

/// A destructive action said before it is done: what it does, and a form that does it
/// (the same fields, and `confirmed`).
struct Confirm {
    title: String,
    text: String,
    yes: String,
    action: &'static str,
    hidden: Vec<(&'static str, String)>,
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
    confirm: Option<Confirm>,
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
            may_own: e.active && e.role.may_own_customers(),
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
        confirm: None,
    })
}

pub(super) async fn team_page(
    State(app): State<AppState>,
    page: Page,
) -> Result<Response, PageError> {
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
                    .unwrap_or_else(|| crate::web::messages::field(t, &e.field));
                crate::web::messages::with_id(t, field.clone(), &e.says)
                    .unwrap_or_else(|| t.tn("team-invalid-field", None, &[("field", field)]))
            })
            .collect(),
        ApiError::Duplicate { .. } => vec![t.t("team-duplicate-email")],
        ApiError::NotFound(_) => vec![t.t("team-not-found")],
        _ => vec![t.t("team-failed")],
    }
}

#[derive(Deserialize)]
pub(super) struct UserForm {
    email: String,
    name: String,
    role: String,
    team: String,
}

/// Adds an employee who can sign in, as `clientele user add` does: the one-time password is
/// shown on this answer only.
pub(super) async fn add_user(
    State(app): State<AppState>,
    page: Page,
    axum::Form(form): axum::Form<UserForm>,
) -> Result<Response, PageError> {
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
pub(super) struct DeactivateForm {
    employee_id: i64,
    /// `1` once the page has said what deactivating does and the user said yes.
    #[serde(default)]
    confirmed: String,
}

/// Marks an employee as gone, as `clientele user deactivate` does: their sessions and tokens
/// end at once and their customers are re-evaluated (their owner has left).
pub(super) async fn deactivate_user(
    State(app): State<AppState>,
    page: Page,
    axum::Form(form): axum::Form<DeactivateForm>,
) -> Result<Response, PageError> {
    page.authorise(&app, Need::Admin, "deactivate an employee")
        .await?;
    if form.employee_id == page.caller.principal.employee_key {
        let mut view = team_view(&app, &page).await?;
        view.errors = vec![page.tr.t("team-not-yourself")];
        return Ok(render_status(&page, StatusCode::UNPROCESSABLE_ENTITY, view));
    }
    if form.confirmed != "1" {
        let mut view = team_view(&app, &page).await?;
        let Some(who) = view.employees.iter().find(|e| e.id == form.employee_id) else {
            return Err(page.fail(ApiError::NotFound(format!(
                "employee {} was not found",
                form.employee_id
            ))));
        };
        let t = &page.tr;
        let text = t.tn(
            "team-deactivate-confirm-text",
            Some(who.owned_count.unsigned_abs()),
            &[
                ("email", who.email.clone()),
                ("n", t.number(who.owned_count)),
            ],
        );
        view.confirm = Some(Confirm {
            title: t.t1("team-deactivate-who", "email", who.email.clone()),
            text,
            yes: t.t("team-deactivate-confirm-yes"),
            action: "/team/deactivate",
            hidden: vec![("employee_id", form.employee_id.to_string())],
        });
        return page.render(view);
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
pub(super) struct HandoverForm {
    from: String,
    to: String,
    #[serde(default)]
    customers: String,
    /// `chosen` (the customers named) or `all` (and deactivate the one who leaves).
    #[serde(default)]
    which: String,
    /// `1` once the page has said what handing all over does and the user said yes.
    #[serde(default)]
    confirmed: String,
}

/// Hands customers over with the API's own handover (scope, audit, re-evaluation) and shows
/// what moved and the tier-A customers at risk before and after.
pub(super) async fn handover(
    State(app): State<AppState>,
    page: Page,
    axum::Form(form): axum::Form<HandoverForm>,
) -> Result<Response, PageError> {
    page.authorise(&app, Need::ManageTeam, "hand customers over")
        .await?;
    let chosen: Vec<String> = form
        .customers
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
        .collect();
    let t = &page.tr;
    let all = form.which == "all";
    // Nothing is moved by a slip: an empty "To", or "only these" with none named, is said;
    // handing all over (which deactivates the one who leaves) is said first and asked once.
    let refusal = if form.to.trim().is_empty() {
        Some(t.t("team-handover-choose-to"))
    } else if !all && chosen.is_empty() {
        Some(t.t("team-handover-name-customers"))
    } else {
        None
    };
    if let Some(refusal) = refusal {
        let mut view = team_view(&app, &page).await?;
        view.errors = vec![refusal];
        return Ok(render_status(&page, StatusCode::UNPROCESSABLE_ENTITY, view));
    }
    if all && form.confirmed != "1" {
        let mut view = team_view(&app, &page).await?;
        let owned = view
            .employees
            .iter()
            .find(|e| e.email == form.from)
            .map_or(0, |e| e.owned_count);
        view.confirm = Some(Confirm {
            title: t.t("team-handover-confirm"),
            yes: t.t("team-handover-confirm-yes"),
            action: "/team/handover",
            hidden: vec![
                ("from", form.from.clone()),
                ("to", form.to.clone()),
                ("which", "all".to_owned()),
            ],
            text: t.tn(
                "team-handover-confirm-text",
                Some(owned.unsigned_abs()),
                &[
                    ("n", t.number(owned)),
                    ("from", form.from.clone()),
                    ("to", form.to.clone()),
                ],
            ),
        });
        return page.render(view);
    }
    let customers = (!all).then_some(chosen.as_slice());
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
                        match crate::web::messages::with_id(
                            t,
                            crate::web::messages::field(t, &f.field),
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
