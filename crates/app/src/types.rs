//! The type engine's settings and passes: which thresholds are in force, changing them (which
//! re-evaluates the base), and the full pass of `clientele classify`.

use clientele_core::classify::TypeSettings;
use clientele_store::auth::Need;
use clientele_store::{FullPass, SavedTypes};

use crate::patch::{changed_fields, patched};
use crate::{App, AppError, AppResult, Caller};

impl App {
    /// The type thresholds in force: what an admin stored wins over the settings file, which
    /// wins over the spec's defaults.
    pub async fn type_settings(&self) -> AppResult<TypeSettings> {
        Ok(self
            .store
            .stored_type_settings()
            .await?
            .unwrap_or(self.file_settings))
    }

    /// Changes type thresholds with a merge patch of the settings in force, and re-evaluates
    /// the whole base as of now with them. Answers the new settings and what moved.
    pub async fn patch_type_settings(
        &self,
        caller: &Caller,
        patch: serde_json::Value,
    ) -> AppResult<(TypeSettings, SavedTypes)> {
        self.authorise(caller, Need::Admin, "change the type settings")
            .await?;
        let current = self.type_settings().await?;
        let settings: TypeSettings = patched(&current, &[], patch)?;
        let saved = self
            .store_type_settings(caller, &current, &settings)
            .await?;
        Ok((settings, saved))
    }

    /// Replaces the type thresholds (the settings page's form) and re-evaluates the base.
    pub async fn save_type_settings(
        &self,
        caller: &Caller,
        settings: &TypeSettings,
    ) -> AppResult<SavedTypes> {
        self.authorise(caller, Need::Admin, "change the type settings")
            .await?;
        let current = self.type_settings().await?;
        self.store_type_settings(caller, &current, settings).await
    }

    async fn store_type_settings(
        &self,
        caller: &Caller,
        current: &TypeSettings,
        settings: &TypeSettings,
    ) -> AppResult<SavedTypes> {
        settings.validate()?;
        self.store.store_type_settings(settings).await?;
        self.record(
            &self
                .entry(caller, "settings")
                .on("settings", "types")
                .with(serde_json::json!({ "fields": changed_fields(current, settings) })),
        )
        .await;
        let as_of = self.evaluation_instant().await?;
        let saved = self.store.classify_all(settings, as_of).await?.saved;
        self.playbooks_after_change().await;
        Ok(saved)
    }

    /// The full pass over the base with the settings in force: every customer's stage, tier
    /// and flags stored with the transitions since the last pass. `as_of`: the date the
    /// business asks about (`classify --as-of`), which then becomes the base's evaluation
    /// clock; none, now, and the clock follows the wall clock again. Refused for a date in
    /// the future, or before the one the stored types speak for (history is recorded in
    /// time order). A system path (the CLI, the demo's start): every customer is in it.
    pub async fn classify_all(&self, as_of: Option<i64>) -> AppResult<FullPass> {
        let settings = self.type_settings().await?;
        let now = self.now_millis();
        let pass = match as_of {
            Some(as_of) => {
                self.refuse_future(as_of)?;
                self.store
                    .classify_all_dated(&settings, as_of, true)
                    .await?
            }
            None => self.store.classify_all_dated(&settings, now, false).await?,
        };
        self.playbooks_after_change().await;
        Ok(pass)
    }

    /// The instant the base's automatic re-evaluations (after an edit, an import, a
    /// settings change) are as of: the date of the last full pass when it was given one,
    /// else now. One clock for the whole base, so that its history stays in time order.
    pub async fn evaluation_instant(&self) -> AppResult<i64> {
        Ok(self.store.evaluation_instant(self.now_millis()).await?)
    }

    /// A date the base cannot be evaluated as of: one after now (a typed year too far would
    /// otherwise hold every later evaluation back until then).
    pub(crate) fn refuse_future(&self, as_of: i64) -> AppResult<()> {
        let now = self.now_millis();
        if as_of > now {
            let text = |ms| {
                clientele_core::time::from_millis(ms)
                    .map(clientele_core::time::format_instant)
                    .unwrap_or_default()
            };
            return Err(AppError::invalid(
                "as_of",
                format!(
                    "{} is in the future (now is {}): the base can be evaluated as of now or an earlier date",
                    text(as_of),
                    text(now)
                ),
            ));
        }
        Ok(())
    }
}
