//! `/api/v1/employees`.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use clientele_core::model::{EMPLOYEE_READ_ONLY, EmployeeDraft, EmployeeRecord};
use clientele_store::EmployeeFilter;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{Page, created, list_request, numeric_id, patched};
use crate::AppState;
use crate::error::ApiResult;
use crate::extract::{JsonBody, QueryParams};

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_employees, create_employee))
        .routes(routes!(get_employee, update_employee, delete_employee))
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct EmployeeListParams {
    /// `admin`, `manager`, `agent` or `analyst`.
    role: Option<String>,
    team: Option<String>,
    /// `true`: those who work here; `false`: those who left.
    active: Option<bool>,
    /// Text in the name or e-mail.
    q: Option<String>,
    limit: Option<u32>,
    cursor: Option<String>,
    /// `email` (default), `name` or `created_at`; `-` in front for descending.
    sort: Option<String>,
}

/// Lists employees.
#[utoipa::path(get, path = "/employees", tag = "employees", params(EmployeeListParams),
    responses((status = 200, body = Page<EmployeeRecord>), (status = 422, body = crate::Problem, content_type = "application/problem+json")))]
async fn list_employees(
    State(app): State<AppState>,
    QueryParams(p): QueryParams<EmployeeListParams>,
) -> ApiResult<Json<Page<EmployeeRecord>>> {
    let filter = EmployeeFilter {
        role: p.role,
        team: p.team,
        active: p.active,
        q: p.q,
    };
    Ok(Json(
        app.store
            .list_employees(&filter, &list_request(p.limit, p.cursor, p.sort))
            .await?
            .into(),
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
    JsonBody(draft): JsonBody<EmployeeDraft>,
) -> ApiResult<Response> {
    let employee = draft.validate(&app.store.context().await?)?;
    let stored = app.store.create_employee(&employee).await?;
    Ok(created(
        "employees",
        &stored.employee_id.to_string(),
        stored,
    ))
}

/// One employee.
#[utoipa::path(get, path = "/employees/{employee_id}", tag = "employees",
    params(("employee_id" = i64, Path)),
    responses((status = 200, body = EmployeeRecord), (status = 404, body = crate::Problem, content_type = "application/problem+json")))]
async fn get_employee(
    State(app): State<AppState>,
    Path(employee_id): Path<String>,
) -> ApiResult<Json<EmployeeRecord>> {
    Ok(Json(
        app.store
            .get_employee(numeric_id("employee", &employee_id)?)
            .await?,
    ))
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
    Path(employee_id): Path<String>,
    JsonBody(patch): JsonBody<serde_json::Value>,
) -> ApiResult<Json<EmployeeRecord>> {
    let id = numeric_id("employee", &employee_id)?;
    let current = app.store.get_employee(id).await?;
    let draft: EmployeeDraft = patched(&current, EMPLOYEE_READ_ONLY, patch)?;
    let employee = draft.validate(&app.store.context().await?)?;
    let stored = app.store.update_employee(id, &employee).await?;
    // An owner who left puts their tier-A customers at risk (and an owner back, no longer).
    let now = clientele_core::time::to_millis(jiff::Timestamp::now());
    if let Err(e) = app.store.reclassify_owned_by(id, now).await {
        tracing::warn!(error = %e, employee = id, "re-evaluating the employee's customers failed");
    }
    Ok(Json(stored))
}

/// Removes an employee who owns no customers (one who does is handed over or marked as left).
#[utoipa::path(delete, path = "/employees/{employee_id}", tag = "employees",
    params(("employee_id" = i64, Path)),
    responses((status = 204),
        (status = 404, body = crate::Problem, content_type = "application/problem+json"),
        (status = 409, body = crate::Problem, content_type = "application/problem+json")))]
async fn delete_employee(
    State(app): State<AppState>,
    Path(employee_id): Path<String>,
) -> ApiResult<StatusCode> {
    app.store
        .delete_employee(numeric_id("employee", &employee_id)?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
