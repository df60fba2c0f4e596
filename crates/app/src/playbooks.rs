//! Playbooks: listing them with what they made, turning them on and off (admins), and
//! running them after every evaluation that can record transitions — whoever or whatever
//! made it (a full pass, an import, an edit, a handover). The store guarantees each
//! transition is acted on once.

use clientele_store::auth::Need;
use clientele_store::playbooks::{Backfill, PlaybookRecord, PlaybookRun};

use crate::{Actor, App, AppResult};

impl App {
    /// Every playbook with the tasks it made, done and with which outcomes (admins and
    /// managers: the figures are of the whole base).
    pub async fn list_playbooks(&self, actor: Actor<'_>) -> AppResult<Vec<PlaybookRecord>> {
        self.scope_of(actor, Need::Aggregate, "list playbooks")
            .await?;
        Ok(self.store.list_playbooks().await?)
    }

    pub async fn get_playbook(&self, actor: Actor<'_>, id: &str) -> AppResult<PlaybookRecord> {
        self.scope_of(actor, Need::Aggregate, "get a playbook")
            .await?;
        Ok(self.store.get_playbook(id).await?)
    }

    /// Turns a playbook on (acting on transitions from now on) or off (admins).
    pub async fn set_playbook_active(
        &self,
        actor: Actor<'_>,
        id: &str,
        active: bool,
    ) -> AppResult<PlaybookRecord> {
        self.scope_of(actor, Need::Admin, "turn a playbook on or off")
            .await?;
        let record = self
            .store
            .set_playbook_active(id, active, self.now_millis())
            .await?;
        self.record(
            &self
                .entry_of(actor, "update")
                .on("playbook", id)
                .with(serde_json::json!({ "fields": ["active"], "active": active })),
        )
        .await;
        Ok(record)
    }

    /// Acts on the transitions recorded before the playbook was turned on (admins); with
    /// `dry_run`, only says how many tasks that would make and for whom.
    pub async fn backfill_playbook(
        &self,
        actor: Actor<'_>,
        id: &str,
        dry_run: bool,
    ) -> AppResult<Backfill> {
        self.scope_of(actor, Need::Admin, "back-fill a playbook")
            .await?;
        let weekend = self.store.weekend().await?;
        let done = self
            .store
            .backfill_playbook(id, self.now(), &weekend, dry_run)
            .await?;
        if !dry_run {
            self.record(
                &self
                    .entry_of(actor, "backfill")
                    .on("playbook", id)
                    .with(serde_json::json!({ "tasks": done.tasks })),
            )
            .await;
        }
        Ok(done)
    }

    /// The days the business does not work, as due days count them.
    pub async fn weekend(&self) -> AppResult<clientele_core::time::Weekend> {
        Ok(self.store.weekend().await?)
    }

    /// Sets the business's weekend (admins): days named in English, separated by commas.
    pub async fn set_weekend(
        &self,
        actor: Actor<'_>,
        days: &str,
    ) -> AppResult<clientele_core::time::Weekend> {
        self.scope_of(actor, Need::Admin, "change the weekend")
            .await?;
        let weekend = clientele_core::time::Weekend::parse(days)
            .map_err(|m| crate::AppError::invalid("weekend", m))?;
        self.store.set_weekend(&weekend).await?;
        self.record(
            &self
                .entry_of(actor, "settings")
                .on("settings", "weekend")
                .with(serde_json::json!({ "fields": ["weekend"] })),
        )
        .await;
        Ok(weekend)
    }

    /// Runs the active playbooks on the transitions they have not seen.
    pub async fn run_playbooks(&self) -> AppResult<PlaybookRun> {
        let weekend = self.store.weekend().await?;
        Ok(self.store.run_playbooks(self.now(), &weekend).await?)
    }

    /// [`Self::run_playbooks`] after a change whose own result is already stored: a failure
    /// is logged, and the next run acts on what this one missed.
    pub(crate) async fn playbooks_after_change(&self) {
        if let Err(e) = self.run_playbooks().await {
            tracing::warn!(error = %e, "running the playbooks failed; the next run will act on these transitions");
        }
    }
}
