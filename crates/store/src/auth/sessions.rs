//! Sessions: a signed-in employee's cookie, kept as the hash of its secret.

use super::principal::{Secret, principal_from};
use super::{Principal, TOUCH_EVERY_MS, Via, new_secret, secret_hash};
use crate::Store;
use crate::error::StoreResult;
use crate::sql::RowExt;

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

/// A session just opened: the cookie's value and the session's CSRF token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewSession {
    pub cookie: String,
    pub csrf_token: String,
}

impl Store {
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
        let Some(row) = self.live_secret_row(Secret::Session, cookie, now).await? else {
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
}
