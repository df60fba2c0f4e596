//! API tokens: scoped, expiring, revocable, kept as the hash of their secret.

use base64::Engine as _;
use serde::Serialize;
use sqlx::Row;
use utoipa::ToSchema;

use super::principal::{Secret, principal_from};
use super::{Principal, TOUCH_EVERY_MS, Via, instant_text, secret_hash};
use crate::Store;
use crate::error::{StoreError, StoreResult};
use crate::sql::{RowExt, Sql};

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

    pub fn parse(text: &str) -> Result<TokenScope, crate::UnknownName> {
        match text {
            "read" => Ok(TokenScope::Read),
            "write" => Ok(TokenScope::Write),
            "admin" => Ok(TokenScope::Admin),
            other => Err(crate::UnknownName {
                given: other.to_owned(),
                allowed: vec!["read", "write", "admin"],
            }),
        }
    }
}

/// 256 random bits, URL-safe base64: a session cookie, a CSRF token, an API token's secret,
/// a one-time password.
pub fn new_secret() -> StoreResult<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| StoreError::System {
        what: "drawing random bytes",
        source: Box::new(e),
    })?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
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

impl Store {
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
        let Some(row) = self.live_secret_row(Secret::Token, secret, now).await? else {
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
        let scope = TokenScope::parse(&row.text("scope")?)
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
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
                        .map_err(|e| StoreError::Corrupt(e.to_string()))?,
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
}
