//! The team: employees, their passwords, API tokens, preferences, and handing customers over
//! when someone leaves. What the API, the team page and `clientele user|token|handover` do.

use clientele_core::model::{EMPLOYEE_READ_ONLY, EmployeeDraft, EmployeeRecord};
use clientele_store::auth::{
    Need, NewToken, TokenScope, Via, check_new_password, hash_password, new_secret,
};
use clientele_store::handover::HandoverReport;

use crate::patch::{changed_fields, patched};
use crate::{Actor, App, AppError, AppResult, Caller, blocking};

/// An employee just added, with the one-time password made for them when none was given.
pub struct NewUser {
    pub employee: EmployeeRecord,
    pub one_time_password: Option<String>,
}

/// A password set: the one made, when none was given (tell it to the employee once).
pub struct PasswordOutcome {
    pub employee: EmployeeRecord,
    pub one_time_password: Option<String>,
}

impl App {
    /// Adds an employee without a password (the API's `POST /employees`).
    pub async fn add_employee(
        &self,
        caller: &Caller,
        draft: EmployeeDraft,
    ) -> AppResult<EmployeeRecord> {
        self.authorise(caller, Need::Admin, "add an employee")
            .await?;
        let employee = draft.validate(&self.context().await?)?;
        let stored = self.store.create_employee(&employee).await?;
        self.record(
            &self
                .entry(caller, "create")
                .on("employee", stored.employee_id),
        )
        .await;
        Ok(stored)
    }

    /// Adds an employee who can sign in: with `password` (checked) or a one-time password
    /// made here.
    pub async fn add_user(
        &self,
        actor: Actor<'_>,
        draft: EmployeeDraft,
        password: Option<String>,
    ) -> AppResult<NewUser> {
        self.scope_of(actor, Need::Admin, "add an employee").await?;
        let employee = draft.validate(&self.context().await?)?;
        let (password, one_time) = new_password(password, &employee.email)?;
        let stored = self.store.create_employee(&employee).await?;
        let must_change = one_time.is_some();
        self.store_password(stored.employee_id, password, None, must_change)
            .await?;
        self.record(
            &self
                .entry_of(actor, "create")
                .on("employee", stored.employee_id),
        )
        .await;
        Ok(NewUser {
            employee: stored,
            one_time_password: one_time,
        })
    }

    /// Changes an employee with a merge patch. Setting `left_at` to the past ends their
    /// sessions and tokens at once; their customers are re-evaluated either way (an owner
    /// who left puts tier-A customers at risk, one who is back no longer).
    pub async fn update_employee(
        &self,
        caller: &Caller,
        employee_id: &str,
        patch: serde_json::Value,
    ) -> AppResult<EmployeeRecord> {
        self.authorise(caller, Need::Admin, "change an employee")
            .await?;
        let id = employee_key(employee_id)?;
        let current = self.store.get_employee(id).await?;
        let draft: EmployeeDraft = patched(&current, EMPLOYEE_READ_ONLY, patch)?;
        let employee = draft.validate(&self.context().await?)?;
        let stored = self.store.update_employee(id, &employee).await?;
        if stored
            .employee
            .left_at
            .is_some_and(|left| left <= self.now())
        {
            self.store
                .deactivate_employee(id, self.now_millis())
                .await?;
        }
        self.record(
            &self
                .entry(caller, "update")
                .on("employee", id)
                .with(serde_json::json!({ "fields": changed_fields(&current, &stored) })),
        )
        .await;
        self.reevaluate_owned_by(id).await;
        Ok(stored)
    }

    /// Removes an employee who owns no customers (one who does is handed over or marked as
    /// left).
    pub async fn delete_employee(&self, caller: &Caller, employee_id: &str) -> AppResult<()> {
        self.authorise(caller, Need::Admin, "remove an employee")
            .await?;
        let id = employee_key(employee_id)?;
        self.store.delete_employee(id).await?;
        self.record(&self.entry(caller, "delete").on("employee", id))
            .await;
        Ok(())
    }

    /// Marks an employee as gone: their sessions and tokens end at once and their customers
    /// are re-evaluated (their owner has left). Answers how many were re-evaluated.
    pub async fn deactivate_employee(
        &self,
        actor: Actor<'_>,
        employee_key: i64,
    ) -> AppResult<(EmployeeRecord, u64)> {
        self.scope_of(actor, Need::Admin, "deactivate an employee")
            .await?;
        let employee = self.store.get_employee(employee_key).await?;
        self.store
            .deactivate_employee(employee_key, self.now_millis())
            .await?;
        self.record(
            &self
                .entry_of(actor, "update")
                .on("employee", employee_key)
                .with(serde_json::json!({ "fields": ["left_at"] })),
        )
        .await;
        let reevaluated = self.reevaluate_owned_by(employee_key).await;
        Ok((employee, reevaluated))
    }

    /// Sets an employee's password (admins, or the system): `password` (checked) or a
    /// one-time password made here. Their failures and lock are cleared and every session
    /// of theirs ends (a reset is often for a password that leaked).
    pub async fn set_password(
        &self,
        actor: Actor<'_>,
        employee_key: i64,
        password: Option<String>,
    ) -> AppResult<PasswordOutcome> {
        self.scope_of(actor, Need::Admin, "set an employee's password")
            .await?;
        let employee = self.store.get_employee(employee_key).await?;
        let (password, one_time) = new_password(password, &employee.employee.email)?;
        // A password made here is the admin's secret as much as the employee's: it is
        // changed at the next sign-in.
        let must_change = one_time.is_some();
        self.store_password(employee_key, password, None, must_change)
            .await?;
        self.record(
            &self
                .entry_of(actor, "update")
                .on("employee", employee_key)
                .with(serde_json::json!({ "fields": ["password"] })),
        )
        .await;
        Ok(PasswordOutcome {
            employee,
            one_time_password: one_time,
        })
    }

    /// Hashes a password off the async threads and stores the hash, ending every session
    /// of the employee but `keep_session`; `must_change`: one somebody else chose, changed
    /// at the employee's next sign-in before anything else.
    pub(crate) async fn store_password(
        &self,
        employee_key: i64,
        password: String,
        keep_session: Option<i64>,
        must_change: bool,
    ) -> AppResult<()> {
        let hash = blocking("hashing a password", move || hash_password(&password)).await??;
        self.store
            .set_password_hash(employee_key, &hash, keep_session, must_change)
            .await?;
        Ok(())
    }

    /// Makes an API token for `whose` (default: the caller). Its secret is in this answer
    /// only. A token never allows more than its employee's role, and no token but an
    /// admin-scoped one makes tokens.
    pub async fn create_token(
        &self,
        actor: Actor<'_>,
        whose: Option<i64>,
        name: &str,
        scope: TokenScope,
    ) -> AppResult<NewToken> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(AppError::invalid("name", "must be 1 to 100 characters"));
        }
        let (whose, created_by) = match actor {
            Actor::Employee(caller) => {
                self.authorise(caller, Need::OwnAccount, "create a token")
                    .await?;
                let me = caller.principal.employee_key;
                let whose = match whose {
                    Some(other) if other != me => {
                        self.authorise(caller, Need::Admin, "create a token for another employee")
                            .await?;
                        self.store.get_employee(other).await?;
                        other
                    }
                    _ => me,
                };
                if let Via::Token { scope, .. } = caller.principal.via
                    && scope != TokenScope::Admin
                {
                    return Err(AppError::Forbidden(
                        "only a signed-in employee or an admin-scoped token can make tokens".into(),
                    ));
                }
                (whose, Some(me))
            }
            Actor::System(_) => {
                let whose = whose.ok_or_else(|| {
                    AppError::invalid(
                        "employee_id",
                        "a token made by the system names its employee",
                    )
                })?;
                (self.store.get_employee(whose).await?.employee_id, None)
            }
        };
        let token = self
            .store
            .create_token(whose, name, scope, created_by, self.now_millis())
            .await?;
        self.record(
            &self
                .entry_of(actor, "create")
                .on("token", token.token.token_id)
                .with(serde_json::json!({ "for": token.token.employee_email, "scope": scope.as_str() })),
        )
        .await;
        Ok(token)
    }

    /// Revokes a token: one's own, or (admins) anyone's.
    pub async fn revoke_token(&self, caller: &Caller, token_id: &str) -> AppResult<()> {
        let token_id = token_id
            .parse::<i64>()
            .map_err(|_| AppError::NotFound(format!("token `{token_id}` was not found")))?;
        self.authorise(caller, Need::OwnAccount, "revoke a token")
            .await?;
        let only_own = caller.principal.authorise(Need::Admin).is_err();
        self.store
            .revoke_token(
                token_id,
                only_own.then_some(caller.principal.employee_key),
                self.now_millis(),
            )
            .await?;
        self.record(&self.entry(caller, "delete").on("token", token_id))
            .await;
        Ok(())
    }

    /// The caller's language, calendar and time zone (empty: the browser's, the language's
    /// own and UTC). How one's own pages look is no change to the base: not audited.
    pub async fn set_preferences(
        &self,
        caller: &Caller,
        locale: Option<&str>,
        calendar: Option<&str>,
        time_zone: Option<&str>,
    ) -> AppResult<()> {
        self.authorise(caller, Need::OwnAccount, "save one's preferences")
            .await?;
        self.store
            .set_preferences(caller.principal.employee_key, locale, calendar, time_zone)
            .await?;
        Ok(())
    }

    /// Hands `from`'s customers (all, or those named) to `to` within the actor's scope and
    /// records it. Handing all of them over deactivates `from`.
    pub async fn hand_over(
        &self,
        actor: Actor<'_>,
        from: &str,
        to: &str,
        customers: Option<&[String]>,
    ) -> AppResult<HandoverReport> {
        let scope = self
            .scope_of(actor, Need::ManageTeam, "hand customers over")
            .await?;
        if customers.is_none() {
            self.may_deactivate_by_handover(actor, &scope, from).await?;
        }
        let by = match actor {
            Actor::Employee(caller) => caller.principal.actor(),
            Actor::System(path) => format!("system: {path}"),
        };
        let report = self
            .store
            .handover(&scope, from, to, customers, &by, self.now_millis())
            .await?;
        self.record(
            &self
                .entry_of(actor, "handover")
                .on("employee", &report.from)
                .with(serde_json::json!({
                    "to": report.to,
                    "moved": report.moved,
                    "deactivated": report.deactivated,
                    "tier_a": report.tier_a.len(),
                })),
        )
        .await;
        // The move re-evaluated the customers (owner_risk may have moved).
        self.playbooks_after_change().await;
        Ok(report)
    }
}

impl App {
    /// Handing all of `from`'s customers over deactivates `from`: a manager may do that to
    /// an agent of their team, only an admin to a manager or an admin (deactivating is an
    /// admin's right; handing over is what lets a manager run their team). An employee out
    /// of the scope is left to the handover to answer as not found, so that the refusal
    /// tells nothing about who they are.
    async fn may_deactivate_by_handover(
        &self,
        actor: Actor<'_>,
        scope: &clientele_store::AccessScope,
        from: &str,
    ) -> AppResult<()> {
        let Actor::Employee(caller) = actor else {
            return Ok(());
        };
        if caller.principal.authorise(Need::Admin).is_ok()
            || !self.store.scope_covers_owner(scope, from).await?
        {
            return Ok(());
        }
        let Ok(employee) = self.store.employee_by_email(from.trim()).await else {
            return Ok(());
        };
        if employee.employee.role != clientele_core::EmployeeRole::Agent {
            self.authorise(
                caller,
                Need::Admin,
                "deactivate a manager or an admin by handing all their customers over",
            )
            .await?;
        }
        Ok(())
    }
}

/// A given password, checked against the e-mail, or a fresh one-time password.
fn new_password(given: Option<String>, email: &str) -> AppResult<(String, Option<String>)> {
    match given {
        Some(password) => {
            check_new_password(&password, email)
                .map_err(|rejected| AppError::invalid("password", rejected.to_string()))?;
            Ok((password, None))
        }
        None => {
            let password = new_secret()?;
            Ok((password.clone(), Some(password)))
        }
    }
}

fn employee_key(text: &str) -> AppResult<i64> {
    text.parse::<i64>()
        .map_err(|_| AppError::NotFound(format!("employee `{text}` was not found")))
}

/// The first admin made on a database where no admin can sign in.
pub struct FirstAdmin {
    pub email: String,
    /// The password made, when none was given.
    pub one_time_password: Option<String>,
}

impl App {
    /// On a database where no admin can sign in, makes `email` one (an existing employee who
    /// is an admin gets the password; one who is not an admin is refused), with `password`
    /// or a one-time password. `None` when an admin can sign in already.
    pub async fn first_admin(
        &self,
        email: &str,
        password: Option<String>,
    ) -> AppResult<Option<FirstAdmin>> {
        if self.store.has_admin_with_password().await? {
            return Ok(None);
        }
        let email = email.trim().to_lowercase();
        let (password, one_time) = new_password(password, &email)?;
        let employee = match self.store.employee_by_email(&email).await {
            Ok(existing) if existing.employee.role == clientele_core::EmployeeRole::Admin => {
                existing
            }
            Ok(_) => {
                return Err(AppError::invalid(
                    "email",
                    format!(
                        "{email} is an employee but not an admin; set CLIENTELE_ADMIN_EMAIL to another address"
                    ),
                ));
            }
            Err(_) => {
                let draft = EmployeeDraft {
                    name: Some("Administrator".to_owned()),
                    email: Some(email.clone()),
                    role: Some("admin".to_owned()),
                    team: None,
                    left_at: None,
                };
                let employee = draft.validate(&self.context().await?)?;
                self.store.create_employee(&employee).await?
            }
        };
        let must_change = one_time.is_some();
        self.store_password(employee.employee_id, password, None, must_change)
            .await?;
        self.record(
            &self
                .entry_of(Actor::System("serve: first admin"), "create")
                .on("employee", employee.employee_id),
        )
        .await;
        Ok(Some(FirstAdmin {
            email,
            one_time_password: one_time,
        }))
    }

    /// Gives one active employee of each role a fresh password, for a demo: answers role,
    /// e-mail and password of each.
    pub async fn demo_credentials(&self) -> AppResult<Vec<(&'static str, String, String)>> {
        let employees = self
            .store
            .list_employees(
                &clientele_store::EmployeeFilter {
                    active: Some(true),
                    ..Default::default()
                },
                &clientele_store::ListRequest {
                    limit: Some(clientele_store::MAX_LIMIT),
                    cursor: None,
                    sort: None,
                },
            )
            .await?;
        let mut credentials = Vec::new();
        for role in clientele_core::EmployeeRole::ALL {
            if let Some(employee) = employees.items.iter().find(|e| e.employee.role == *role) {
                let password = new_secret()?;
                self.store_password(employee.employee_id, password.clone(), None, false)
                    .await?;
                credentials.push((role.as_str(), employee.employee.email.clone(), password));
            }
        }
        self.record(
            &self
                .entry_of(Actor::System("serve --demo"), "update")
                .about("employee")
                .with(serde_json::json!({ "fields": ["password"], "why": "demo credentials" })),
        )
        .await;
        Ok(credentials)
    }
}
