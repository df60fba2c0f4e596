//! Employees: the people who own customer relationships. Sign-in comes later; the model and
//! its roles are here.

use crate::message::Message;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{Context, choice, instant};
use crate::enums::EmployeeRole;
use crate::time::rfc3339;
use crate::validation::{self, FieldErrors, optional_text, required_text};

#[derive(Clone, Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EmployeeDraft {
    pub name: Option<String>,
    /// Unique; compared without regard to case.
    pub email: Option<String>,
    /// `admin`, `manager`, `agent` (default) or `analyst`.
    #[schema(value_type = Option<EmployeeRole>)]
    pub role: Option<String>,
    pub team: Option<String>,
    /// When the employee left; absent or null while they work here.
    #[schema(value_type = Option<String>, format = DateTime)]
    pub left_at: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Employee {
    pub name: String,
    pub email: String,
    pub role: EmployeeRole,
    pub team: Option<String>,
    /// False once the employee has left.
    pub active: bool,
    #[serde(with = "rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub left_at: Option<Timestamp>,
    #[serde(with = "rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
    #[serde(with = "rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: Timestamp,
}

/// An employee with the id the API addresses it by.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct EmployeeRecord {
    pub employee_id: i64,
    #[serde(flatten)]
    pub employee: Employee,
}

pub const EMPLOYEE_READ_ONLY: &[&str] = &["employee_id", "active", "created_at", "updated_at"];

impl EmployeeDraft {
    pub fn validate(self, ctx: &Context) -> Result<Employee, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = e.check("name", required_text(self.name, 200));
        let email = match e.check("email", validation::email(self.email)) {
            Some(Some(email)) => Some(email.to_lowercase()),
            Some(None) => {
                e.add("email", Message::new("required"));
                None
            }
            None => None,
        };
        let role = choice(&mut e, "role", self.role.as_deref(), EmployeeRole::parse);
        let team = e.check("team", optional_text(self.team, 100)).flatten();
        let left_at = instant(&mut e, "left_at", self.left_at.as_deref());
        e.finish(|| Employee {
            name: name.unwrap_or_default(),
            email: email.unwrap_or_default(),
            role: role.unwrap_or(EmployeeRole::Agent),
            team,
            active: left_at.is_none(),
            left_at,
            created_at: ctx.now,
            updated_at: ctx.now,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;
    use serde_json::json;

    #[test]
    fn an_employee_who_left_is_inactive_and_emails_are_lower_case() {
        let ctx = Context::new(Timestamp::UNIX_EPOCH, Currency::USD);
        let draft: EmployeeDraft = serde_json::from_value(json!({
            "name": "Nino Beridze", "email": "Nino@Example.GE", "left_at": "2026-06-30"
        }))
        .unwrap();
        let employee = draft.validate(&ctx).unwrap();
        assert_eq!(employee.email, "nino@example.ge");
        assert!(!employee.active);
        assert_eq!(employee.role, EmployeeRole::Agent);
    }

    #[test]
    fn name_and_email_are_required() {
        let ctx = Context::new(Timestamp::UNIX_EPOCH, Currency::USD);
        let errors = EmployeeDraft::default().validate(&ctx).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "email"]);
    }
}
