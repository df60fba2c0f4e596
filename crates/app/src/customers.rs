//! Customers: creating, changing, deleting, a data subject's export and erasure. Each use case
//! checks the caller's scope, validates, writes, audits and re-evaluates the customer.

use clientele_core::model::{CUSTOMER_READ_ONLY, Customer, CustomerDraft};
use clientele_store::AccessScope;
use clientele_store::auth::Need;
use clientele_store::subject::{Erasure, SubjectExport};

use crate::patch::{changed_fields, patched};
use crate::{App, AppError, AppResult, Caller};

/// A change to a customer: an RFC 7396 merge patch of their record.
pub type CustomerPatch = serde_json::Value;

/// What erasing a customer did.
pub type EraseOutcome = Erasure;

impl App {
    /// Creates a customer (a `customer_id` is made when none is given), owned by the caller
    /// unless they name another owner they may name.
    pub async fn create_customer(
        &self,
        caller: &Caller,
        mut draft: CustomerDraft,
    ) -> AppResult<Customer> {
        let scope = self
            .authorise(caller, Need::WritePersonal, "create a customer")
            .await?;
        self.check_owner(caller, &scope, &mut draft.owner_email, true)
            .await?;
        if draft
            .customer_id
            .as_deref()
            .is_none_or(|id| id.trim().is_empty())
        {
            draft.customer_id = Some(App::new_id("CUS"));
        }
        let customer = draft.validate(&self.context().await?)?;
        let stored = self
            .store
            .create_customer(&scope, &customer, &caller.principal.actor())
            .await?;
        self.record(
            &self
                .entry(caller, "create")
                .on("customer", &stored.customer_id),
        )
        .await;
        self.reevaluate(&[&stored.customer_id]).await;
        Ok(stored)
    }

    /// Changes a customer with a merge patch (fields given replace, `null` clears); the
    /// audit log names the fields that changed.
    pub async fn update_customer(
        &self,
        caller: &Caller,
        customer_id: &str,
        patch: CustomerPatch,
    ) -> AppResult<Customer> {
        let scope = self
            .authorise(caller, Need::WritePersonal, "change a customer")
            .await?;
        let current = self.store.get_customer(&scope, customer_id).await?;
        let mut draft: CustomerDraft = patched(&current, CUSTOMER_READ_ONLY, patch)?;
        if draft.owner_email != current.owner_email {
            self.check_owner(caller, &scope, &mut draft.owner_email, false)
                .await?;
        }
        let customer = draft.validate(&self.context().await?)?;
        let stored = self
            .store
            .update_customer(&scope, customer_id, &customer, &caller.principal.actor())
            .await?;
        self.record(
            &self
                .entry(caller, "update")
                .on("customer", customer_id)
                .with(serde_json::json!({ "fields": changed_fields(&current, &stored) })),
        )
        .await;
        // Kind, role, owner and acquisition cost all enter the rules.
        self.reevaluate(&[&stored.customer_id]).await;
        Ok(stored)
    }

    /// Deletes a customer with everything recorded about them.
    pub async fn delete_customer(&self, caller: &Caller, customer_id: &str) -> AppResult<()> {
        let scope = self
            .authorise(caller, Need::WritePersonal, "delete a customer")
            .await?;
        self.store.delete_customer(&scope, customer_id).await?;
        self.record(&self.entry(caller, "delete").on("customer", customer_id))
            .await;
        Ok(())
    }

    /// Everything held about one customer (a data subject's right of access), audited as an
    /// export with the number of rows it holds.
    pub async fn export_customer(
        &self,
        caller: &Caller,
        customer_id: &str,
    ) -> AppResult<SubjectExport> {
        let scope = self
            .authorise(caller, Need::ReadPersonal, "export a customer's data")
            .await?;
        let export = self.store.export_subject(&scope, customer_id).await?;
        let rows = 1
            + export.orders.len()
            + export.costs.len()
            + export.interactions.len()
            + export.complaints.len()
            + export.feedback.len()
            + export.transitions.len();
        self.record(
            &self
                .entry(caller, "export")
                .on("customer", customer_id)
                .with(serde_json::json!({ "rows": rows })),
        )
        .await;
        Ok(export)
    }

    /// Erases a customer for good (admins): personal fields and free texts removed, ids
    /// replaced by pseudonyms, orders kept as anonymous figures.
    pub async fn erase_customer(
        &self,
        caller: &Caller,
        customer_id: &str,
    ) -> AppResult<EraseOutcome> {
        let scope = self
            .authorise(caller, Need::Admin, "erase a customer")
            .await?;
        let erasure = self
            .store
            .erase_subject(&scope, customer_id, self.now_millis())
            .await?;
        self.record(
            &self
                .entry(caller, "erase")
                .on("customer", customer_id)
                .with(serde_json::json!({ "pseudonym": erasure.customer_id, "orders_kept": erasure.orders_kept })),
        )
        .await;
        Ok(erasure)
    }

    /// The owner a customer gets when the caller creates or changes it: an admin names
    /// anyone; anyone else gets themselves by default and may name only an owner whose
    /// customers they can see (no request decides access by naming an owner).
    async fn check_owner(
        &self,
        caller: &Caller,
        scope: &AccessScope,
        owner: &mut Option<String>,
        defaulted: bool,
    ) -> AppResult<()> {
        if matches!(scope, AccessScope::All) {
            return Ok(());
        }
        match owner.as_deref().map(str::trim).filter(|o| !o.is_empty()) {
            None if defaulted => {
                *owner = Some(caller.principal.email.clone());
                Ok(())
            }
            None => Err(AppError::invalid(
                "owner_email",
                "only an admin can leave a customer without an owner",
            )),
            Some(email) => {
                if self.store.scope_covers_owner(scope, email).await? {
                    Ok(())
                } else {
                    Err(AppError::invalid(
                        "owner_email",
                        "you may make owner only yourself or, as a manager, someone in your team",
                    ))
                }
            }
        }
    }
}
