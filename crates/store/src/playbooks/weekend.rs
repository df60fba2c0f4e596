//! The business's weekend: the days due days in business days skip.

use clientele_core::time::Weekend;

use crate::Store;
use crate::error::{StoreError, StoreResult};

/// The settings key of the business's weekend (JSON text such as `"friday"`).
const WEEKEND: &str = "weekend";

impl Store {
    /// The days the business does not work, for due days counted in business days:
    /// Saturday and Sunday unless the business set its own.
    pub async fn weekend(&self) -> StoreResult<Weekend> {
        let stored: Option<String> =
            sqlx::query_scalar("select value from settings where key = $1")
                .bind(WEEKEND)
                .fetch_optional(self.pool())
                .await?;
        match stored {
            None => Ok(Weekend::of_language("en")),
            Some(text) => {
                let days: String = serde_json::from_str(&text)
                    .map_err(|e| StoreError::Corrupt(format!("stored setting `{WEEKEND}`: {e}")))?;
                Weekend::parse(&days)
                    .map_err(|e| StoreError::Corrupt(format!("stored setting `{WEEKEND}`: {e}")))
            }
        }
    }

    /// Sets the business's weekend (checked by the caller with `Weekend::parse`).
    pub async fn set_weekend(&self, weekend: &Weekend) -> StoreResult<()> {
        let names: Vec<String> = weekend
            .days()
            .iter()
            .map(|d| format!("{d:?}").to_lowercase())
            .collect();
        let text = serde_json::to_string(&names.join(","))
            .map_err(|e| StoreError::Corrupt(format!("setting `{WEEKEND}`: {e}")))?;
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "insert into settings (key, value) values ($1, $2) on conflict (key) do update set value = excluded.value",
        )
        .bind(WEEKEND)
        .bind(text)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
