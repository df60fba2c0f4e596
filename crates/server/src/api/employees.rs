//! `/api/v1/employees`.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use clientele_core::model::{EmployeeDraft, EmployeeRecord};
use clientele_store::EmployeeFilter;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use clientele_core::EmployeeRole;
use serde::Serialize;
use utoipa::ToSchema;

use super::{ListParams, Page, created, numeric_id};
use crate::AppState;
use crate::auth::{Caller, audited};
use crate::error::ApiError;
use crate::error::ApiResult;
use crate::extract::{JsonBody, QueryParams};

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_employees, create_employee))
        .routes(routes!(get_employee, update_employee, delete_employee))
        .routes(routes!(set_password))
}

/// Whom the caller may see among employees: an admin everyone, a manager their team, anyone
/// else themselves.
fn may_see(caller: &Caller, employee: &EmployeeRecord) -> bool {
    let me = &caller.principal;
    match me.role {
        EmployeeRole::Admin => true,
        EmployeeRole::Manager => {
            employee.employee_id == me.employee_key
                || (me.team.is_some() && employee.employee.team == me.team)
        }
        EmployeeRole::Agent | EmployeeRole::Analyst => employee.employee_id == me.employee_key,
    }
}

list_params!(
    EmployeeListParams => EmployeeFilter {
        /// `admin`, `manager`, `agent` or `analyst`.
        #[param(value_type = Option<clientele_core::EmployeeRole>, inline)]
        role: Option<String>,
        team: Option<String>,
        /// `true`: those who work here; `false`: those who left.
        active: Option<bool>,
        /// Text in the name or e-mail.
        q: Option<String>,
    }
    page {
        limit,
        cursor,
        /// `email` (default), `name` or `created_at`; `-` in front for descending.
        sort,
    }
);

/// Lists employees.
#[utoipa::path(get, path = "/employees", tag = "employees", params(EmployeeListParams),
    responses((status = 200, body = Page<EmployeeRecord>), (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
async fn list_employees(
    State(app): State<AppState>,
    caller: Caller,
    QueryParams(p): QueryParams<EmployeeListParams>,
) -> ApiResult<Json<Page<EmployeeRecord>>> {
    let me = &caller.principal;
    let (mut filter, request) = p.split();
    // Narrowed by who asks, not by what they ask for.
    match me.role {
        EmployeeRole::Admin => {}
        EmployeeRole::Manager if me.team.is_some() => filter.team = me.team.clone(),
        _ => filter.employee_key = Some(me.employee_key),
    }
    Ok(Json(
        app.store.list_employees(&filter, &request).await?.into(),
    ))
}

/// Adds an employee.
#[utoipa::path(post, path = "/employees", tag = "employees", request_body = EmployeeDraft,
    responses(
        (status = 201, body = EmployeeRecord, headers(("location" = String, description = "The new employee's address"))),
        (status = 409, body = crate::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
async fn create_employee(
    State(app): State<AppState>,
    caller: Caller,
    JsonBody(draft): JsonBody<EmployeeDraft>,
) -> ApiResult<Response> {
    let stored = app.app.add_employee(&caller, draft).await?;
    Ok(audited(created(
        "employees",
        &stored.employee_id.to_string(),
        stored,
    )))
}

/// One employee.
#[utoipa::path(get, path = "/employees/{employee_id}", tag = "employees",
    params(("employee_id" = i64, Path)),
    responses((status = 200, body = EmployeeRecord), (status = 404, body = crate::Problem, content_type = "application/problem+json")))]
async fn get_employee(
    State(app): State<AppState>,
    caller: Caller,
    Path(employee_id): Path<String>,
) -> ApiResult<Json<EmployeeRecord>> {
    let employee = app
        .store
        .get_employee(numeric_id("employee", &employee_id)?)
        .await?;
    if !may_see(&caller, &employee) {
        return Err(ApiError::NotFound(format!(
            "employee `{employee_id}` was not found"
        )));
    }
    Ok(Json(employee))
}

/// Changes an employee (merge patch). Setting `left_at` marks them as gone.
#[utoipa::path(patch, path = "/employees/{employee_id}", tag = "employees",
    params(("employee_id" = i64, Path)),
    request_body(content = EmployeeDraft, content_type = "application/merge-patch+json"),
    responses((status = 200, body = EmployeeRecord),
        (status = 404, body = crate::Problem, content_type = "application/problem+json"),
        (status = 409, body = crate::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
async fn update_employee(
    State(app): State<AppState>,
    caller: Caller,
    Path(employee_id): Path<String>,
    JsonBody(patch): JsonBody<serde_json::Value>,
) -> ApiResult<Response> {
    let stored = app
        .app
        .update_employee(&caller, &employee_id, patch)
        .await?;
    Ok(audited(Json(stored)))
}

/// Removes an employee who owns no customers (one who does is handed over or marked as left).
#[utoipa::path(delete, path = "/employees/{employee_id}", tag = "employees",
    params(("employee_id" = i64, Path)),
    responses((status = 204),
        (status = 404, body = crate::Problem, content_type = "application/problem+json"),
        (status = 409, body = crate::Problem, content_type = "application/problem+json")))]
async fn delete_employee(
    State(app): State<AppState>,
    caller: Caller,
    Path(employee_id): Path<String>,
) -> ApiResult<Response> {
    app.app.delete_employee(&caller, &employee_id).await?;
    Ok(audited(StatusCode::NO_CONTENT))
}

#[derive(serde::Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PasswordRequest {
    /// The new password (at least 12 characters); absent: a one-time password is made and
    /// returned.
    password: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct PasswordSet {
    /// The password made, when none was given: tell it to the employee; it is not shown again.
    one_time_password: Option<String>,
}

/// Sets an employee's password (admins): the employee signs in with it. Their failures and
/// lock are cleared.
#[utoipa::path(post, path = "/employees/{employee_id}/password", tag = "employees",
    params(("employee_id" = i64, Path)), request_body = PasswordRequest,
    responses((status = 200, body = PasswordSet),
        (status = 403, body = crate::Problem, content_type = "application/problem+json"),
        (status = 404, body = crate::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
async fn set_password(
    State(app): State<AppState>,
    caller: Caller,
    Path(employee_id): Path<String>,
    JsonBody(request): JsonBody<PasswordRequest>,
) -> ApiResult<Response> {
    let employee_key = numeric_id("employee", &employee_id)?;
    let set = app
        .app
        .set_password((&*caller).into(), employee_key, request.password)
        .await?;
    Ok(audited(Json(PasswordSet {
        one_time_password: set.one_time_password,
    })))
}
