//! The type engine's settings and passes: which thresholds are in force, changing them (which
//! re-evaluates the base), and the full pass of `clientele classify`.

use clientele_core::classify::TypeSettings;
use clientele_store::auth::Need;
use clientele_store::{FullPass, SavedTypes};

use crate::patch::{changed_fields, patched};
use crate::{App, AppResult, Caller};

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
        Ok(self
            .store
            .classify_all(settings, self.now_millis())
            .await?
            .saved)
    }

    /// The full pass over the base as of an instant, with the settings in force: every
    /// customer's stage, tier and flags stored with the transitions since the last pass.
    /// A system path (the CLI, the demo's start): every customer is in it.
    pub async fn classify_all(&self, as_of: i64) -> AppResult<FullPass> {
        let settings = self.type_settings().await?;
        Ok(self.store.classify_all(&settings, as_of).await?)
    }
}
