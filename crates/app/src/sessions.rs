//! Signing in and out and changing one's own password: the API's `/session` and the web
//! app's sign-in form both. The per-address limit and cookies are the HTTP edge's.

use clientele_store::audit::AuditEntry;
use clientele_store::auth::{
    Need, SessionPolicy, SignInRefused, Via, check_new_password, decoy_password_hash,
    verify_password,
};

use crate::{App, AppError, AppResult, Caller, blocking};

/// A session just opened: who, and the cookie's value.
pub struct SignIn {
    pub caller: Caller,
    pub cookie: String,
}

/// Why a sign-in was refused (never which of e-mail and password was wrong).
pub type SignInFailure = SignInRefused;

/// What the log keeps of the e-mail a failed sign-in typed: the text only if it looks like
/// an e-mail (one `@` between a name and a dotted domain, no spaces), because people type
/// their password into the e-mail field and the log must not keep it.
fn typed_email_for_the_log(typed: &str) -> &str {
    let looks_like_an_email = typed.len() <= 254
        && !typed.chars().any(char::is_whitespace)
        && typed.split_once('@').is_some_and(|(name, domain)| {
            !name.is_empty()
                && !domain.contains('@')
                && domain.split('.').all(|label| !label.is_empty())
                && domain.contains('.')
        });
    if looks_like_an_email {
        typed
    } else {
        "(not an e-mail)"
    }
}

impl App {
    /// Checks e-mail and password (with the account lock), opens a fresh session — closing
    /// one the browser brought along, so the id after sign-in is always new — and audits
    /// the attempt either way.
    pub async fn sign_in(
        &self,
        email: &str,
        password: String,
        address: Option<String>,
        policy: &SessionPolicy,
        brought_cookie: Option<&str>,
    ) -> AppResult<Result<SignIn, SignInFailure>> {
        let now = self.now_millis();
        let email = email.trim().to_lowercase();
        let outcome = self
            .store
            .check_sign_in(&email, now, policy, async |hash: Option<String>| {
                // The same work for an unknown e-mail as for a real account.
                blocking("checking a password", move || {
                    let hash = hash.unwrap_or_else(|| decoy_password_hash().to_owned());
                    verify_password(&password, &hash)
                })
                .await
                .unwrap_or(false)
            })
            .await?;
        let employee_key = match outcome {
            Ok(key) => key,
            Err(refused) => {
                let entry = AuditEntry {
                    address: address.clone(),
                    ..AuditEntry::system("sign-in", "sign-in failed", now)
                }
                .with(serde_json::json!({
                    "email": typed_email_for_the_log(&email),
                    "locked": matches!(refused, SignInRefused::Locked { .. }),
                }));
                self.record(&entry).await;
                return Ok(Err(refused));
            }
        };
        if let Some(old) = brought_cookie
            && let Ok(Some(principal)) = self.store.session_principal(old, now, policy).await
            && let Via::Session { session_key, .. } = principal.via
        {
            self.store.close_session(session_key).await?;
        }
        let session = self
            .store
            .open_session(employee_key, now, address.as_deref())
            .await?;
        let principal = self
            .store
            .session_principal(&session.cookie, now, policy)
            .await?
            .ok_or_else(|| AppError::NotFound("a session just opened is not found".into()))?;
        let caller = Caller { principal, address };
        self.record(&self.entry(&caller, "sign-in")).await;
        Ok(Ok(SignIn {
            caller,
            cookie: session.cookie,
        }))
    }

    /// Ends the caller's session (a token has none to end) and records it.
    pub async fn sign_out(&self, caller: &Caller) -> AppResult<()> {
        if let Via::Session { session_key, .. } = caller.principal.via {
            self.store.close_session(session_key).await?;
        }
        self.record(&self.entry(caller, "sign-out")).await;
        Ok(())
    }

    /// Changes one's own password (at least 12 characters, not one's e-mail), after checking
    /// the current one as a sign-in would (failures count towards the lock), and ends every
    /// other session of the caller's.
    pub async fn change_password(
        &self,
        caller: &Caller,
        current: String,
        new: String,
        policy: &SessionPolicy,
    ) -> AppResult<()> {
        // Before the current password is checked: a failure counts towards the lock.
        self.authorise(caller, Need::OwnAccount, "change one's password")
            .await?;
        let principal = &caller.principal;
        check_new_password(&new, &principal.email)
            .map_err(|rejected| AppError::invalid("new_password", rejected.to_string()))?;
        let outcome = self
            .store
            .check_sign_in(
                &principal.email,
                self.now_millis(),
                policy,
                async |hash: Option<String>| {
                    blocking("checking a password", move || {
                        hash.is_some_and(|hash| verify_password(&current, &hash))
                    })
                    .await
                    .unwrap_or(false)
                },
            )
            .await?;
        if outcome.is_err() {
            return Err(AppError::invalid("current_password", "is wrong"));
        }
        // Every other session ends (whoever knew the old password is signed out); the one
        // that changed it goes on.
        let own_session = match principal.via {
            Via::Session { session_key, .. } => Some(session_key),
            Via::Token { .. } => None,
        };
        self.store_password(principal.employee_key, new, own_session, false)
            .await?;
        self.record(
            &self
                .entry(caller, "update")
                .on("employee", principal.employee_key)
                .with(serde_json::json!({ "fields": ["password"] })),
        )
        .await;
        Ok(())
    }
}
