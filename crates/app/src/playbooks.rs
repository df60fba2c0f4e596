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

    /// Changes a playbook with a merge patch of its fields (admins): its trigger, audience,
    /// task template, due days, assignee rule and re-entry rule; `active` turns it on
    /// (acting on transitions from now on) or off. Its id stays.
    pub async fn patch_playbook(
        &self,
        actor: Actor<'_>,
        id: &str,
        patch: serde_json::Value,
    ) -> AppResult<PlaybookRecord> {
        self.scope_of(actor, Need::Admin, "change a playbook")
            .await?;
        let current = self.store.get_playbook(id).await?;
        let mut patch = patch;
        // A field a playbook does not have is named, not ignored.
        if let Some(map) = patch.as_object()
            && let Some(unknown) = map
                .keys()
                .find(|k| !clientele_core::model::PLAYBOOK_FIELDS.contains(&k.as_str()))
        {
            return Err(crate::AppError::invalid(
                unknown,
                format!("`{unknown}` is not a field of a playbook"),
            ));
        }
        let active = match patch.as_object_mut() {
            Some(map) => map.remove("active"),
            None => None,
        };
        let active = match active {
            None => None,
            Some(serde_json::Value::Bool(on)) => Some(on),
            Some(_) => return Err(crate::AppError::invalid("active", "must be true or false")),
        };
        let changed: clientele_core::model::Playbook =
            crate::patch::patched(&current.playbook, &["playbook_id"], patch)?;
        let changed = clientele_core::model::Playbook {
            playbook_id: current.playbook.playbook_id.clone(),
            active: current.playbook.active,
            ..changed
        };
        let mut record = current.clone();
        if changed != current.playbook {
            changed.check()?;
            record = self
                .store
                .update_playbook(id, &changed, self.now_millis())
                .await?;
            self.record(&self.entry_of(actor, "update").on("playbook", id).with(
                serde_json::json!({
                    "fields": crate::patch::changed_fields(&current.playbook, &changed),
                }),
            ))
            .await;
        }
        if let Some(on) = active
            && on != record.playbook.active
        {
            record = self.set_playbook_active(actor, id, on).await?;
        }
        Ok(record)
    }

    /// Adds a playbook (admins) from its fields as JSON, over [`Playbook::blank`]'s defaults;
    /// without a `playbook_id` one is made from the name (numbered when taken). It acts on
    /// the transitions recorded from now on; a back-fill acts on the history.
    ///
    /// [`Playbook::blank`]: clientele_core::model::Playbook::blank
    pub async fn create_playbook(
        &self,
        actor: Actor<'_>,
        fields: serde_json::Value,
    ) -> AppResult<PlaybookRecord> {
        use clientele_core::model::{PLAYBOOK_FIELDS, Playbook, playbook_id_from};
        self.scope_of(actor, Need::Admin, "add a playbook").await?;
        if let Some(unknown) = fields.as_object().and_then(|map| {
            map.keys()
                .find(|k| *k != "playbook_id" && !PLAYBOOK_FIELDS.contains(&k.as_str()))
        }) {
            return Err(crate::AppError::invalid(
                unknown,
                format!("`{unknown}` is not a field of a playbook"),
            ));
        }
        let mut playbook: Playbook = crate::patch::patched(&Playbook::blank(), &[], fields)?;
        if playbook.playbook_id.is_empty() {
            let base = playbook_id_from(&playbook.name);
            let taken: std::collections::HashSet<String> = self
                .store
                .list_playbooks()
                .await?
                .into_iter()
                .map(|r| r.playbook.playbook_id)
                .collect();
            playbook.playbook_id = (1..)
                .map(|n| {
                    if n == 1 {
                        base.clone()
                    } else {
                        format!("{base}_{n}")
                    }
                })
                .find(|id| !taken.contains(id))
                .unwrap_or(base);
        }
        playbook.check()?;
        let record = self
            .store
            .create_playbook(&playbook, self.now_millis())
            .await?;
        self.record(
            &self
                .entry_of(actor, "create")
                .on("playbook", &playbook.playbook_id)
                .with(serde_json::json!({ "name": playbook.name, "active": playbook.active })),
        )
        .await;
        Ok(record)
    }

    /// Removes a playbook that never made a task (admins); one that did is turned off
    /// instead, so its figures and its tasks' origin stay.
    pub async fn delete_playbook(&self, actor: Actor<'_>, id: &str) -> AppResult<()> {
        self.scope_of(actor, Need::Admin, "remove a playbook")
            .await?;
        self.store.delete_playbook(id).await?;
        self.record(&self.entry_of(actor, "delete").on("playbook", id))
            .await;
        Ok(())
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
