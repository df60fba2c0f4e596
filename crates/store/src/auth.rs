//! Identity and trust: who is asking (a signed-in employee or an API token), what they may
//! see and do, their passwords, sessions and tokens, and the employees who leave.
//!
//! Secrets are never stored: a password as an argon2id hash, a session cookie and an API token
//! as the SHA-256 of a 256-bit random value (enough entropy that a fast hash is safe). An
//! employee who has left (`left_at` reached) opens nothing: their sessions and tokens are
//! refused from the next request on, whatever their expiry.

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use base64::Engine as _;
use clientele_core::EmployeeRole;
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::Row;
use utoipa::ToSchema;

use crate::error::{StoreError, StoreResult};
use crate::sql::{RowExt, Sql};
use crate::{AccessScope, Store};

/// What an API token may do, at most (never more than its employee's role).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum TokenScope {
    /// Reads.
    Read,
    /// Reads and changes to the customer base.
    Write,
    /// Everything the employee's role allows, administration included.
    Admin,
}

impl TokenScope {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenScope::Read => "read",
            TokenScope::Write => "write",
            TokenScope::Admin => "admin",
        }
    }

    pub fn parse(text: &str) -> Result<TokenScope, String> {
        match text {
            "read" => Ok(TokenScope::Read),
            "write" => Ok(TokenScope::Write),
            "admin" => Ok(TokenScope::Admin),
            other => Err(format!("`{other}` is not one of: read, write, admin")),
        }
    }
}

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
    fn data_scope(&self) -> AccessScope {
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
                        Need::ReadPersonal | Need::WritePersonal | Need::Aggregate
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
            Need::Aggregate => true,
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

/// How long sessions live and how sign-in failures are held against an account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionPolicy {
    /// A session unused for this long is over (ms).
    pub idle_ms: i64,
    /// A session is over this long after sign-in, used or not (ms).
    pub absolute_ms: i64,
    /// Failed sign-ins in a row that lock the account…
    pub lock_after_failures: i64,
    /// …for this long (ms).
    pub lock_ms: i64,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        SessionPolicy {
            idle_ms: 30 * 60 * 1000,
            absolute_ms: 12 * 60 * 60 * 1000,
            lock_after_failures: 5,
            lock_ms: 15 * 60 * 1000,
        }
    }
}

/// The shortest password accepted (ASVS 5.0 V6.2.1 asks for at least 8; 12 here).
pub const MIN_PASSWORD_CHARS: usize = 12;
/// Long enough for any passphrase, short enough that hashing it costs nothing extra.
pub const MAX_PASSWORD_CHARS: usize = 128;

/// Checks a new password: length only, no composition rules (ASVS V6.2.5), and not the
/// employee's own e-mail address.
pub fn check_new_password(password: &str, email: &str) -> Result<(), String> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(format!(
            "must be at least {MIN_PASSWORD_CHARS} characters long"
        ));
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(format!(
            "must be at most {MAX_PASSWORD_CHARS} characters long"
        ));
    }
    let local = email.split('@').next().unwrap_or_default().to_lowercase();
    if !local.is_empty() && password.to_lowercase().contains(&local) {
        return Err("must not contain your e-mail address".to_owned());
    }
    Ok(())
}

/// An argon2id hash of a password (PHC string). Slow by design (tens of milliseconds):
/// callers on an async runtime run it on a blocking thread.
pub fn hash_password(password: &str) -> StoreResult<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|e| StoreError::Config(format!("hashing a password failed: {e}")))
}

/// Whether `password` matches the stored hash. Slow by design, like [`hash_password`].
pub fn verify_password(password: &str, hash: &str) -> bool {
    Argon2::default()
        .verify_password(password.as_bytes(), hash)
        .is_ok()
}

/// A hash to verify against when the e-mail is unknown, so that an unknown account takes as
/// long to refuse as a wrong password.
pub fn decoy_password_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password("decoy password, never valid").unwrap_or_default())
}

/// 256 random bits, URL-safe base64: a session cookie, a CSRF token, an API token's secret,
/// a one-time password.
pub fn new_secret() -> StoreResult<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| StoreError::Config(format!("no randomness from the system: {e}")))?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

/// What the store keeps of a secret.
fn secret_hash(secret: &str) -> String {
    let digest = Sha256::digest(secret.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// An API token as listed: never its secret.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct TokenRecord {
    pub token_id: i64,
    pub employee_email: String,
    pub name: String,
    pub scope: TokenScope,
    /// RFC 3339.
    pub created_at: String,
    pub last_used_at: Option<String>,
    pub revoked_at: Option<String>,
}

/// A token just made: the only time its secret is shown.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct NewToken {
    #[serde(flatten)]
    pub token: TokenRecord,
    /// Send as `Authorization: Bearer <secret>`. Shown once; only a hash is kept.
    pub secret: String,
}

/// A session just opened: the cookie's value and the session's CSRF token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewSession {
    pub cookie: String,
    pub csrf_token: String,
}

/// Why a sign-in was refused. The message never says which of e-mail and password was wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignInRefused {
    /// Wrong e-mail or password, or an employee who left or has no password.
    Invalid,
    /// Too many failures in a row: try again after this instant (ms).
    Locked { until: i64 },
}

fn instant_text(ms: Option<i64>) -> Option<String> {
    ms.and_then(clientele_core::time::from_millis)
        .map(clientele_core::time::format_instant)
}

const PRINCIPAL_COLUMNS: &str =
    "e.employee_key, e.email, e.name, e.role, e.team, e.locale, e.calendar";

fn principal_from(row: &sqlx::any::AnyRow, via: Via) -> StoreResult<Principal> {
    Ok(Principal {
        employee_key: row.int("employee_key")?,
        email: row.text("email")?,
        name: row.text("name")?,
        role: row.choice("role", EmployeeRole::parse)?,
        team: row.opt_text("team")?,
        locale: row.opt_text("locale")?,
        calendar: row.opt_text("calendar")?,
        via,
    })
}

/// Last-used instants are written at most this often, so that every request is not a write.
const TOUCH_EVERY_MS: i64 = 60 * 1000;

impl Store {
    /// Stores a new password hash for an employee (the caller hashed and checked it) and
    /// clears their failures and lock.
    pub async fn set_password_hash(&self, employee_key: i64, hash: &str) -> StoreResult<()> {
        let done = sqlx::query(
            "update employees set password_hash = $1, failed_sign_ins = 0, locked_until = null
             where employee_key = $2",
        )
        .bind(hash.to_owned())
        .bind(employee_key)
        .execute(self.pool())
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::not_found("employee", employee_key));
        }
        Ok(())
    }

    /// Checks an e-mail and password, counting failures against the account and locking it
    /// after too many. `verify` compares a password with a stored hash (slow: the caller
    /// runs it where blocking is fine). Succeeds only for an employee who works here.
    pub async fn check_sign_in(
        &self,
        email: &str,
        now: i64,
        policy: &SessionPolicy,
        verify: impl AsyncFnOnce(Option<String>) -> bool,
    ) -> StoreResult<Result<i64, SignInRefused>> {
        let row = sqlx::query(
            "select employee_key, password_hash, failed_sign_ins, locked_until, left_at
             from employees where email = $1",
        )
        .bind(email.trim().to_lowercase())
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else {
            // The same work as for a real account, then the same answer.
            verify(None).await;
            return Ok(Err(SignInRefused::Invalid));
        };
        let key = row.int("employee_key")?;
        let hash = row.opt_text("password_hash")?;
        let failures = row.int("failed_sign_ins")?;
        let locked_until = row.opt_int("locked_until")?;
        let left_at = row.opt_int("left_at")?;
        if let Some(until) = locked_until.filter(|&until| until > now) {
            return Ok(Err(SignInRefused::Locked { until }));
        }
        let matches = verify(hash).await;
        let working = left_at.is_none_or(|left| left > now);
        if matches && working {
            sqlx::query(
                "update employees set failed_sign_ins = 0, locked_until = null where employee_key = $1",
            )
            .bind(key)
            .execute(self.pool())
            .await?;
            return Ok(Ok(key));
        }
        let failures = failures + 1;
        let lock = (failures >= policy.lock_after_failures).then_some(now + policy.lock_ms);
        sqlx::query(
            "update employees set failed_sign_ins = $1, locked_until = $2 where employee_key = $3",
        )
        .bind(if lock.is_some() { 0 } else { failures })
        .bind(lock)
        .bind(key)
        .execute(self.pool())
        .await?;
        Ok(Err(match lock {
            Some(until) => SignInRefused::Locked { until },
            None => SignInRefused::Invalid,
        }))
    }

    /// Opens a session for an employee: a fresh random id every time (so an id planted
    /// before sign-in is never the one after), with its own CSRF token.
    pub async fn open_session(
        &self,
        employee_key: i64,
        now: i64,
        address: Option<&str>,
    ) -> StoreResult<NewSession> {
        let cookie = new_secret()?;
        let csrf_token = new_secret()?;
        sqlx::query(
            "insert into sessions (token_hash, employee_key, csrf_token, created_at, last_seen_at, address)
             values ($1, $2, $3, $4, $4, $5)",
        )
        .bind(secret_hash(&cookie))
        .bind(employee_key)
        .bind(csrf_token.clone())
        .bind(now)
        .bind(address.map(str::to_owned))
        .execute(self.pool())
        .await?;
        Ok(NewSession { cookie, csrf_token })
    }

    /// The employee behind a session cookie, if the session is open: not idle too long, not
    /// older than the absolute limit, and its employee still works here.
    pub async fn session_principal(
        &self,
        cookie: &str,
        now: i64,
        policy: &SessionPolicy,
    ) -> StoreResult<Option<Principal>> {
        let mut sql =
            Sql::new("select s.session_key, s.csrf_token, s.created_at, s.last_seen_at, ");
        sql.push(PRINCIPAL_COLUMNS)
            .push(
                " from sessions s join employees e on e.employee_key = s.employee_key
                 where s.token_hash = ",
            )
            .bind(secret_hash(cookie))
            .push(" and (e.left_at is null or e.left_at > ")
            .bind(now)
            .push(")");
        let Some(row) = sql
            .query(self.backend())
            .fetch_optional(self.pool())
            .await?
        else {
            return Ok(None);
        };
        let session_key = row.int("session_key")?;
        let created_at = row.int("created_at")?;
        let last_seen_at = row.int("last_seen_at")?;
        if now - last_seen_at > policy.idle_ms || now - created_at > policy.absolute_ms {
            sqlx::query("delete from sessions where session_key = $1")
                .bind(session_key)
                .execute(self.pool())
                .await?;
            return Ok(None);
        }
        if now - last_seen_at > TOUCH_EVERY_MS {
            sqlx::query("update sessions set last_seen_at = $1 where session_key = $2")
                .bind(now)
                .bind(session_key)
                .execute(self.pool())
                .await?;
        }
        let via = Via::Session {
            session_key,
            csrf_token: row.text("csrf_token")?,
        };
        principal_from(&row, via).map(Some)
    }

    /// Closes a session (sign-out).
    pub async fn close_session(&self, session_key: i64) -> StoreResult<()> {
        sqlx::query("delete from sessions where session_key = $1")
            .bind(session_key)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Makes an API token for an employee. The secret is returned once; a hash is kept.
    pub async fn create_token(
        &self,
        employee_key: i64,
        name: &str,
        scope: TokenScope,
        created_by: Option<i64>,
        now: i64,
    ) -> StoreResult<NewToken> {
        let secret = format!("clt_{}", new_secret()?);
        let key: i64 = sqlx::query_scalar(
            "insert into api_tokens (employee_key, name, token_hash, scope, created_at, created_by)
             values ($1, $2, $3, $4, $5, $6) returning token_key",
        )
        .bind(employee_key)
        .bind(name.to_owned())
        .bind(secret_hash(&secret))
        .bind(scope.as_str())
        .bind(now)
        .bind(created_by)
        .fetch_one(self.pool())
        .await?;
        let token = self
            .list_tokens(Some(employee_key))
            .await?
            .into_iter()
            .find(|t| t.token_id == key)
            .ok_or_else(|| StoreError::not_found("token", key))?;
        Ok(NewToken { token, secret })
    }

    /// The employee behind a bearer token, if it is neither revoked nor its employee gone.
    pub async fn token_principal(&self, secret: &str, now: i64) -> StoreResult<Option<Principal>> {
        let mut sql = Sql::new("select t.token_key, t.scope, t.last_used_at, ");
        sql.push(PRINCIPAL_COLUMNS)
            .push(
                " from api_tokens t join employees e on e.employee_key = t.employee_key
                 where t.revoked_at is null and t.token_hash = ",
            )
            .bind(secret_hash(secret))
            .push(" and (e.left_at is null or e.left_at > ")
            .bind(now)
            .push(")");
        let Some(row) = sql
            .query(self.backend())
            .fetch_optional(self.pool())
            .await?
        else {
            return Ok(None);
        };
        let token_key = row.int("token_key")?;
        if row
            .opt_int("last_used_at")?
            .is_none_or(|last| now - last > TOUCH_EVERY_MS)
        {
            sqlx::query("update api_tokens set last_used_at = $1 where token_key = $2")
                .bind(now)
                .bind(token_key)
                .execute(self.pool())
                .await?;
        }
        let scope = TokenScope::parse(&row.text("scope")?).map_err(StoreError::Corrupt)?;
        principal_from(&row, Via::Token { token_key, scope }).map(Some)
    }

    /// Tokens, of one employee or of everyone, newest first.
    pub async fn list_tokens(&self, employee_key: Option<i64>) -> StoreResult<Vec<TokenRecord>> {
        let mut sql = Sql::new(
            "select t.token_key, e.email, t.name, t.scope, t.created_at, t.last_used_at, t.revoked_at
             from api_tokens t join employees e on e.employee_key = t.employee_key where 1 = 1",
        );
        if let Some(key) = employee_key {
            sql.push(" and t.employee_key = ").bind(key);
        }
        sql.push(" order by t.token_key desc");
        let rows = sql.query(self.backend()).fetch_all(self.pool()).await?;
        rows.iter()
            .map(|row| {
                Ok(TokenRecord {
                    token_id: row.try_get(0)?,
                    employee_email: row.try_get(1)?,
                    name: row.try_get(2)?,
                    scope: TokenScope::parse(&row.try_get::<String, _>(3)?)
                        .map_err(StoreError::Corrupt)?,
                    created_at: instant_text(row.try_get(4)?).unwrap_or_default(),
                    last_used_at: instant_text(row.try_get(5)?),
                    revoked_at: instant_text(row.try_get(6)?),
                })
            })
            .collect()
    }

    /// Revokes a token, if it belongs to `of` (when given). Revoking twice is harmless.
    pub async fn revoke_token(&self, token_key: i64, of: Option<i64>, now: i64) -> StoreResult<()> {
        let mut sql = Sql::new("update api_tokens set revoked_at = coalesce(revoked_at, ");
        sql.bind(now).push(") where token_key = ").bind(token_key);
        if let Some(key) = of {
            sql.push(" and employee_key = ").bind(key);
        }
        let done = sql.query(self.backend()).execute(self.pool()).await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::not_found("token", token_key));
        }
        Ok(())
    }

    /// Marks an employee as gone from `now`: their sessions end and their tokens are revoked
    /// at once. Their customers keep them as owner until handed over, and show as unassigned.
    pub async fn deactivate_employee(&self, employee_key: i64, now: i64) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        let done = sqlx::query(
            "update employees set left_at = coalesce(left_at, $1), updated_at = $1 where employee_key = $2",
        )
        .bind(now)
        .bind(employee_key)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::not_found("employee", employee_key));
        }
        Self::end_access(&mut tx, employee_key, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Ends every session and revokes every token of an employee.
    pub(crate) async fn end_access(
        tx: &mut sqlx::Transaction<'_, sqlx::Any>,
        employee_key: i64,
        now: i64,
    ) -> StoreResult<()> {
        sqlx::query("delete from sessions where employee_key = $1")
            .bind(employee_key)
            .execute(&mut **tx)
            .await?;
        sqlx::query(
            "update api_tokens set revoked_at = $1 where employee_key = $2 and revoked_at is null",
        )
        .bind(now)
        .bind(employee_key)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Stores an employee's language and calendar (each `None` for the automatic choice);
    /// values are checked by the database (migration 0006).
    pub async fn set_preferences(
        &self,
        employee_key: i64,
        locale: Option<&str>,
        calendar: Option<&str>,
    ) -> StoreResult<()> {
        let allowed = |value: Option<&str>, names: &[&str], field: &str| match value {
            Some(v) if !names.contains(&v) => Err(StoreError::invalid(
                field,
                clientele_core::Message::new("not-one-of")
                    .text("value", v)
                    .text("choices", names.join(", ")),
            )),
            _ => Ok(()),
        };
        allowed(locale, &["en", "fa", "ka", "tl"], "locale")?;
        allowed(calendar, &["gregorian", "jalali"], "calendar")?;
        sqlx::query("update employees set locale = $1, calendar = $2 where employee_key = $3")
            .bind(locale.map(str::to_owned))
            .bind(calendar.map(str::to_owned))
            .bind(employee_key)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Whether any employee can sign in as an admin (a first admin is made when none can).
    pub async fn has_admin_with_password(&self) -> StoreResult<bool> {
        let count: i64 = sqlx::query_scalar(
            "select count(*) from employees where role = 'admin' and password_hash is not null and left_at is null",
        )
        .fetch_one(self.pool())
        .await?;
        Ok(count > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn principal(role: EmployeeRole, via: Via) -> Principal {
        Principal {
            employee_key: 1,
            email: "ana@example.com".into(),
            name: "Ana".into(),
            role,
            team: Some("Retail".into()),
            locale: None,
            calendar: None,
            via,
        }
    }

    const SESSION: Via = Via::Session {
        session_key: 1,
        csrf_token: String::new(),
    };

    #[test]
    fn roles_see_their_customers_and_analysts_only_figures() {
        use EmployeeRole::*;
        let scope = |role, need| principal(role, SESSION).authorise(need);
        assert_eq!(scope(Admin, Need::ReadPersonal), Ok(AccessScope::All));
        assert_eq!(
            scope(Manager, Need::WritePersonal),
            Ok(AccessScope::Team("Retail".into()))
        );
        assert_eq!(
            scope(Agent, Need::ReadPersonal),
            Ok(AccessScope::Owner("ana@example.com".into()))
        );
        assert!(scope(Analyst, Need::ReadPersonal).is_err());
        assert_eq!(scope(Analyst, Need::Aggregate), Ok(AccessScope::All));
        assert!(scope(Agent, Need::ManageTeam).is_err());
        assert!(scope(Manager, Need::ManageTeam).is_ok());
        assert!(scope(Manager, Need::Admin).is_err());
        assert!(scope(Admin, Need::Admin).is_ok());
    }

    #[test]
    fn a_token_never_exceeds_its_scope_nor_its_employee_s_role() {
        let token = |scope| Via::Token {
            token_key: 7,
            scope,
        };
        let reader = principal(EmployeeRole::Admin, token(TokenScope::Read));
        assert!(reader.authorise(Need::ReadPersonal).is_ok());
        assert!(reader.authorise(Need::WritePersonal).is_err());
        assert!(reader.authorise(Need::Admin).is_err());
        let writer = principal(EmployeeRole::Admin, token(TokenScope::Write));
        assert!(writer.authorise(Need::WritePersonal).is_ok());
        assert!(writer.authorise(Need::Admin).is_err());
        let agent_admin_token = principal(EmployeeRole::Agent, token(TokenScope::Admin));
        assert!(agent_admin_token.authorise(Need::Admin).is_err());
        assert_eq!(agent_admin_token.actor(), "token 7 of ana@example.com");
    }

    #[test]
    fn passwords_are_checked_for_length_and_the_e_mail_and_hashed_with_argon2id() {
        assert!(check_new_password("short", "ana@example.com").is_err());
        assert!(check_new_password("ana-is-my-password", "ana@example.com").is_err());
        assert!(check_new_password("correct horse battery", "ana@example.com").is_ok());
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("correct horse batterY", &hash));
        assert_ne!(
            hash,
            hash_password("correct horse battery").unwrap(),
            "salted"
        );
    }

    #[test]
    fn secrets_are_random_and_only_their_hash_is_kept() {
        let (a, b) = (new_secret().unwrap(), new_secret().unwrap());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(secret_hash(&a).len(), 64);
        assert_ne!(secret_hash(&a), a);
    }
}
