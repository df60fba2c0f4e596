//! Passwords: the rules a new one must meet, argon2id hashes, and signing in.

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

use super::SessionPolicy;
use crate::Store;
use crate::error::{StoreError, StoreResult};
use crate::sql::RowExt;

/// The shortest password accepted (ASVS 5.0 V6.2.1 asks for at least 8; 12 here).
pub const MIN_PASSWORD_CHARS: usize = 12;
/// Long enough for any passphrase, short enough that hashing it costs nothing extra.
pub const MAX_PASSWORD_CHARS: usize = 128;

/// Why a new password is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PasswordRejected {
    #[error("must be at least {MIN_PASSWORD_CHARS} characters long")]
    TooShort,
    #[error("must be at most {MAX_PASSWORD_CHARS} characters long")]
    TooLong,
    #[error("must not contain your e-mail address")]
    ContainsEmail,
}

/// Checks a new password: length only, no composition rules (ASVS V6.2.5), and not the
/// employee's own e-mail address.
pub fn check_new_password(password: &str, email: &str) -> Result<(), PasswordRejected> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(PasswordRejected::TooShort);
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(PasswordRejected::TooLong);
    }
    let local = email.split('@').next().unwrap_or_default().to_lowercase();
    if !local.is_empty() && password.to_lowercase().contains(&local) {
        return Err(PasswordRejected::ContainsEmail);
    }
    Ok(())
}

/// An argon2id hash of a password (PHC string). Slow by design (tens of milliseconds):
/// callers on an async runtime run it on a blocking thread.
pub fn hash_password(password: &str) -> StoreResult<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|e| StoreError::System {
            what: "hashing a password",
            source: Box::new(e),
        })
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

/// Why a sign-in was refused. The message never says which of e-mail and password was wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignInRefused {
    /// Wrong e-mail or password, or an employee who left or has no password.
    Invalid,
    /// Too many failures in a row: try again after this instant (ms).
    Locked { until: i64 },
}

impl Store {
    /// Stores a new password hash for an employee (the caller hashed and checked it), clears
    /// their failures and lock, and ends every session of theirs but `keep_session` (the one
    /// that changed its own password): a new password is often set because the old one
    /// leaked, and whoever signed in with it must not stay signed in. Tokens are not
    /// passwords and live on until revoked.
    pub async fn set_password_hash(
        &self,
        employee_key: i64,
        hash: &str,
        keep_session: Option<i64>,
        must_change: bool,
    ) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        let sql = if must_change {
            "update employees set password_hash = $1, failed_sign_ins = 0, locked_until = null, password_must_change = true
             where employee_key = $2"
        } else {
            "update employees set password_hash = $1, failed_sign_ins = 0, locked_until = null, password_must_change = false
             where employee_key = $2"
        };
        let done = sqlx::query(sql)
            .bind(hash.to_owned())
            .bind(employee_key)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::not_found("employee", employee_key));
        }
        sqlx::query("delete from sessions where employee_key = $1 and session_key <> $2")
            .bind(employee_key)
            // Session keys are positive: none is kept when none is named.
            .bind(keep_session.unwrap_or(0))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
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
