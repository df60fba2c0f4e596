//! Who is asking, and what they may see and do.

use clientele_core::EmployeeRole;

use super::TokenScope;
use crate::AccessScope;
use crate::error::StoreResult;
use crate::sql::{RowExt, Sql};

/// How a request proved who it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Via {
    /// A browser session; state-changing requests must carry its CSRF token.
    Session {
        session_key: i64,
        csrf_token: String,
    },
    /// A bearer token.
    Token { token_key: i64, scope: TokenScope },
}

/// The employee behind a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Principal {
    pub employee_key: i64,
    pub email: String,
    pub name: String,
    pub role: EmployeeRole,
    pub team: Option<String>,
    /// The language the employee chose (`en`, `fa`, `ka`, `tl`), if any.
    pub locale: Option<String>,
    /// The calendar the employee chose for dates (`gregorian`, `jalali`), if any.
    pub calendar: Option<String>,
    /// The time zone the employee chose (IANA), if any: times are shown in it.
    pub time_zone: Option<String>,
    /// Whether their password is one somebody else chose, to be changed before anything else.
    pub must_change_password: bool,
    pub via: Via,
}

/// What a request needs to be allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// To read customers and what is recorded about them (personal fields).
    ReadPersonal,
    /// To change them.
    WritePersonal,
    /// Figures over many customers, no personal field (reports, segment counts).
    Aggregate,
    /// To change one's own account: one's password, preferences and tokens. Every role may;
    /// a read-scoped token may not (read means read, and a stolen read token must not lock
    /// the account out with wrong passwords or revoke the tokens that work).
    OwnAccount,
    /// To see employees and hand customers over (managers, within their team).
    ManageTeam,
    /// Settings, users, other people's tokens, the audit log, erasure.
    Admin,
}

/// Why a request was refused (answered 403; a customer outside one's scope is 404 instead).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Denied(pub String);

impl Principal {
    /// Who did it, for the audit log.
    pub fn actor(&self) -> String {
        match &self.via {
            Via::Session { .. } => self.email.clone(),
            Via::Token { token_key, .. } => format!("token {token_key} of {}", self.email),
        }
    }

    pub fn token_key(&self) -> Option<i64> {
        match &self.via {
            Via::Token { token_key, .. } => Some(*token_key),
            Via::Session { .. } => None,
        }
    }

    /// The customers this employee's role lets them see: an admin all, a manager their
    /// team's, an agent their own. Analysts see figures over everyone, never a record.
    pub(crate) fn data_scope(&self) -> AccessScope {
        match self.role {
            EmployeeRole::Admin | EmployeeRole::Analyst => AccessScope::All,
            EmployeeRole::Manager => AccessScope::Team(self.team.clone().unwrap_or_default()),
            EmployeeRole::Agent => AccessScope::Owner(self.email.clone()),
        }
    }

    /// Decides whether the request may go on, and over which customers.
    pub fn authorise(&self, need: Need) -> Result<AccessScope, Denied> {
        if let Via::Token { scope, .. } = &self.via {
            let allowed = match scope {
                TokenScope::Read => matches!(need, Need::ReadPersonal | Need::Aggregate),
                TokenScope::Write => {
                    matches!(
                        need,
                        Need::ReadPersonal
                            | Need::WritePersonal
                            | Need::Aggregate
                            | Need::OwnAccount
                    )
                }
                TokenScope::Admin => true,
            };
            if !allowed {
                return Err(Denied(format!(
                    "this token's scope is `{}`, which does not allow this",
                    scope.as_str()
                )));
            }
        }
        let role = self.role;
        let allowed = match need {
            Need::ReadPersonal | Need::WritePersonal => role != EmployeeRole::Analyst,
            Need::Aggregate | Need::OwnAccount => true,
            Need::ManageTeam => matches!(role, EmployeeRole::Admin | EmployeeRole::Manager),
            Need::Admin => role == EmployeeRole::Admin,
        };
        if allowed {
            Ok(self.data_scope())
        } else {
            Err(Denied(format!(
                "an employee with the role `{}` may not do this",
                role.as_str()
            )))
        }
    }
}

pub(crate) const PRINCIPAL_COLUMNS: &str = "e.employee_key, e.email, e.name, e.role, e.team, e.locale, e.calendar, e.time_zone, cast(case when e.password_must_change then 1 else 0 end as bigint) as password_must_change";

pub(crate) fn principal_from(row: &sqlx::any::AnyRow, via: Via) -> StoreResult<Principal> {
    Ok(Principal {
        employee_key: row.int("employee_key")?,
        email: row.text("email")?,
        name: row.text("name")?,
        role: row.choice("role", EmployeeRole::parse)?,
        team: row.opt_text("team")?,
        locale: row.opt_text("locale")?,
        calendar: row.opt_text("calendar")?,
        time_zone: row.opt_text("time_zone")?,
        must_change_password: row.int("password_must_change")? != 0,
        via,
    })
}

/// What a secret opens.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Secret {
    /// A session cookie.
    Session,
    /// An API token (not revoked).
    Token,
}

impl crate::Store {
    /// The row a secret opens (its own columns, then its employee's), if its employee has
    /// not left by `now`.
    pub(crate) async fn live_secret_row(
        &self,
        kind: Secret,
        secret: &str,
        now: i64,
    ) -> StoreResult<Option<sqlx::any::AnyRow>> {
        let (columns, from_where) = match kind {
            Secret::Session => (
                "select s.session_key, s.csrf_token, s.created_at, s.last_seen_at, ",
                " from sessions s join employees e on e.employee_key = s.employee_key
                 where s.token_hash = ",
            ),
            Secret::Token => (
                "select t.token_key, t.scope, t.last_used_at, ",
                " from api_tokens t join employees e on e.employee_key = t.employee_key
                 where t.revoked_at is null and t.token_hash = ",
            ),
        };
        let mut sql = Sql::new(columns);
        sql.push(PRINCIPAL_COLUMNS)
            .push(from_where)
            .bind(super::secret_hash(secret))
            .push(" and (e.left_at is null or e.left_at > ")
            .bind(now)
            .push(")");
        Ok(sql
            .query(self.backend())
            .fetch_optional(self.pool())
            .await?)
    }
}
