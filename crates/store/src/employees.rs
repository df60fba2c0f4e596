//! Employees: the people who own customer relationships.

use clientele_core::EmployeeRole;
use clientele_core::model::{Employee, EmployeeRecord};
use sqlx::any::AnyRow;

use crate::Store;
use crate::error::{StoreError, StoreResult, is_unique_violation};
use crate::list::{ListRequest, Listing, Page, SortColumn};
use crate::sql::{RowExt, Sql, Value, bind_value, like_pattern, ms};

#[derive(Clone, Debug, Default)]
pub struct EmployeeFilter {
    pub role: Option<String>,
    pub team: Option<String>,
    /// `true` for those who work here, `false` for those who left.
    pub active: Option<bool>,
    /// Text search on name and e-mail.
    pub q: Option<String>,
    /// This employee only (what a caller who sees nobody else may list).
    pub employee_key: Option<i64>,
}

const SORTS: &[SortColumn] = &[
    SortColumn::text("email", "e.email"),
    SortColumn::text("name", "e.name"),
    SortColumn::int("created_at", "e.created_at"),
];

pub(crate) const SELECT: &str =
    "select e.employee_key, e.name, e.email, e.role, e.team, e.left_at, e.created_at, e.updated_at";

impl Store {
    pub async fn create_employee(&self, employee: &Employee) -> StoreResult<EmployeeRecord> {
        let key = insert_employee(self.pool(), employee)
            .await
            .map_err(|e| duplicate_email(e, &employee.email))?;
        self.get_employee(key).await
    }

    pub async fn get_employee(&self, employee_id: i64) -> StoreResult<EmployeeRecord> {
        let mut sql = Sql::new(SELECT);
        sql.push(" from employees e where e.employee_key = ")
            .bind(employee_id);
        employee_from_row(&self.found(&sql, "employee", employee_id).await?)
    }

    pub async fn employee_by_email(&self, email: &str) -> StoreResult<EmployeeRecord> {
        let mut sql = Sql::new(SELECT);
        sql.push(" from employees e where e.email = ")
            .bind(email.trim().to_lowercase());
        employee_from_row(&self.found(&sql, "employee", email).await?)
    }

    /// Replaces the employee's fields; `created_at` is kept.
    pub async fn update_employee(
        &self,
        employee_id: i64,
        employee: &Employee,
    ) -> StoreResult<EmployeeRecord> {
        let done = update_employee_row(self.pool(), employee_id, employee)
            .await
            .map_err(|e| duplicate_email(e, &employee.email))?;
        if done == 0 {
            return Err(StoreError::not_found("employee", employee_id));
        }
        self.get_employee(employee_id).await
    }

    /// How many customers an employee owns.
    pub async fn count_owned_by(&self, employee_id: i64) -> StoreResult<i64> {
        Ok(
            sqlx::query_scalar("select count(*) from customers where owner_key = $1")
                .bind(employee_id)
                .fetch_one(self.pool())
                .await?,
        )
    }

    /// Deletes an employee who owns no customers. One who does is handed over or marked as
    /// left instead, so that no customer is silently left without an owner.
    pub async fn delete_employee(&self, employee_id: i64) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        let owned: i64 = sqlx::query_scalar("select count(*) from customers where owner_key = $1")
            .bind(employee_id)
            .fetch_one(&mut *tx)
            .await?;
        if owned > 0 {
            return Err(StoreError::Conflict(format!(
                "employee {employee_id} owns {owned} customers; hand them over or set left_at instead of deleting"
            )));
        }
        let done = sqlx::query("delete from employees where employee_key = $1")
            .bind(employee_id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::not_found("employee", employee_id));
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn list_employees(
        &self,
        filter: &EmployeeFilter,
        request: &ListRequest,
    ) -> StoreResult<Page<EmployeeRecord>> {
        let mut list = Listing::new(
            request,
            SORTS,
            "email",
            "e.employee_key",
            SELECT,
            " from employees e",
        )?;
        list.choice::<EmployeeRole>("e.role", "role", filter.role.as_deref());
        list.equals("e.team", filter.team.as_deref());
        if let Some(key) = filter.employee_key {
            list.sql.push(" and e.employee_key = ").bind(key);
        }
        list.null("e.left_at", filter.active);
        if let Some(q) = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
            let pattern = like_pattern(&q.to_lowercase());
            list.sql
                .push(" and (lower(e.name) like ")
                .bind(pattern.clone())
                .push(" escape '\\' or e.email like ")
                .bind(pattern)
                .push(" escape '\\')");
        }
        list.page(self, employee_from_row).await
    }
}

/// What an employee's row holds besides `created_at` (which only an insert writes): name,
/// email, role, team, left_at and updated_at, in this order.
fn employee_values(employee: &Employee) -> Vec<Value> {
    vec![
        employee.name.as_str().into(),
        employee.email.as_str().into(),
        employee.role.as_str().into(),
        employee.team.as_deref().into(),
        employee.left_at.map(ms).into(),
        ms(employee.updated_at).into(),
    ]
}

/// Inserts an employee and answers their key.
pub(crate) async fn insert_employee<'c>(
    db: impl sqlx::Executor<'c, Database = sqlx::Any>,
    employee: &Employee,
) -> Result<i64, sqlx::Error> {
    let insert = sqlx::query(
        "insert into employees (name, email, role, team, left_at, updated_at, created_at)
         values ($1, $2, $3, $4, $5, $6, $7) returning employee_key",
    );
    let row = employee_values(employee)
        .iter()
        .fold(insert, bind_value)
        .bind(ms(employee.created_at))
        .fetch_one(db)
        .await?;
    sqlx::Row::try_get(&row, 0)
}

/// Replaces the fields of the employee `key`, `created_at` kept; answers how many rows
/// changed (none: there is no such employee).
pub(crate) async fn update_employee_row<'c>(
    db: impl sqlx::Executor<'c, Database = sqlx::Any>,
    key: i64,
    employee: &Employee,
) -> Result<u64, sqlx::Error> {
    let update = sqlx::query(
        "update employees set name = $1, email = $2, role = $3, team = $4, left_at = $5,
             updated_at = $6
         where employee_key = $7",
    );
    let done = employee_values(employee)
        .iter()
        .fold(update, bind_value)
        .bind(key)
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}

fn duplicate_email(error: sqlx::Error, email: &str) -> StoreError {
    if is_unique_violation(&error) {
        StoreError::Duplicate {
            entity: "employee",
            field: "email",
            id: email.to_owned(),
        }
    } else {
        error.into()
    }
}

pub(crate) fn employee_from_row(row: &AnyRow) -> StoreResult<EmployeeRecord> {
    let left_at = row.opt_instant("left_at")?;
    Ok(EmployeeRecord {
        employee_id: row.int("employee_key")?,
        employee: Employee {
            name: row.text("name")?,
            email: row.text("email")?,
            role: row.choice("role", EmployeeRole::parse)?,
            team: row.opt_text("team")?,
            active: left_at.is_none(),
            left_at,
            created_at: row.instant("created_at")?,
            updated_at: row.instant("updated_at")?,
        },
    })
}
