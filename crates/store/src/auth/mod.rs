//! Identity and trust: who is asking (a signed-in employee or an API token), what they may
//! see and do, their passwords, sessions and tokens, and the employees who leave.
//!
//! Secrets are never stored: a password as an argon2id hash, a session cookie and an API token
//! as the SHA-256 of a 256-bit random value (enough entropy that a fast hash is safe). An
//! employee who has left (`left_at` reached) opens nothing: their sessions and tokens are
//! refused from the next request on, whatever their expiry.

mod passwords;
mod principal;
mod sessions;
#[cfg(test)]
mod tests;
mod tokens;

pub use passwords::{
    MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS, PasswordRejected, SignInRefused, check_new_password,
    decoy_password_hash, hash_password, verify_password,
};
pub use principal::{Denied, Need, Principal, Via};
pub use sessions::{NewSession, SessionPolicy};
pub use tokens::{NewToken, TokenRecord, TokenScope, new_secret};

use sha2::{Digest, Sha256};

use crate::Store;
use crate::error::{StoreError, StoreResult};

/// What the store keeps of a secret.
pub(crate) fn secret_hash(secret: &str) -> String {
    let digest = Sha256::digest(secret.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn instant_text(ms: Option<i64>) -> Option<String> {
    ms.and_then(clientele_core::time::from_millis)
        .map(clientele_core::time::format_instant)
}

/// Last-used instants are written at most this often, so that every request is not a write.
pub(crate) const TOUCH_EVERY_MS: i64 = 60 * 1000;

impl Store {
    /// Marks an employee as gone from `now`: their sessions end and their tokens are revoked
    /// at once. Their customers keep them as owner until handed over, and show as unassigned.
    pub async fn deactivate_employee(&self, employee_key: i64, now: i64) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
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
        crate::activity::release_open_tasks(&mut tx, employee_key, now).await?;
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

    /// Stores an employee's language, calendar and time zone (each `None` for the automatic
    /// choice); the zone must be one the time-zone database knows.
    pub async fn set_preferences(
        &self,
        employee_key: i64,
        locale: Option<&str>,
        calendar: Option<&str>,
        time_zone: Option<&str>,
    ) -> StoreResult<()> {
        if let Some(zone) = time_zone
            && jiff::tz::db().get(zone).is_err()
        {
            return Err(StoreError::invalid(
                "time_zone",
                clientele_core::Message::new("not-one-of")
                    .text("value", zone)
                    .text("choices", "an IANA time zone such as Asia/Tehran"),
            ));
        }
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
        sqlx::query(
            "update employees set locale = $1, calendar = $2, time_zone = $3 where employee_key = $4",
        )
            .bind(locale.map(str::to_owned))
            .bind(calendar.map(str::to_owned))
            .bind(time_zone.map(str::to_owned))
            .bind(employee_key)
            .execute(self.pool())
            .await?;
        Ok(())
    }
}
