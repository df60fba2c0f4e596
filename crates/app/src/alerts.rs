//! The audit's bulk-read alarm: days an employee read or exported far more customers than
//! they usually do, for the admin's dashboard, the API and `clientele audit --alerts`.

use clientele_core::analytics::DAY_MS;
use clientele_core::bulk_reads::{BulkReadAlert, BulkReadSettings, bulk_read_alerts};
use clientele_store::auth::Need;

use crate::{Actor, App, AppResult};

impl App {
    /// The alarms of the days from `since` on (UTC days), worst first: admins only, as the
    /// audit log they come from.
    pub async fn bulk_read_alerts(
        &self,
        actor: Actor<'_>,
        since: i64,
        settings: &BulkReadSettings,
    ) -> AppResult<Vec<BulkReadAlert>> {
        self.scope_of(actor, Need::Admin, "read the audit log's alarms")
            .await?;
        let first_day = since.div_euclid(DAY_MS);
        let baseline_from = first_day.saturating_sub(settings.baseline_days.max(1));
        let daily = self
            .store
            .daily_customer_reads(baseline_from.saturating_mul(DAY_MS))
            .await?;
        Ok(bulk_read_alerts(&daily, first_day, settings))
    }
}
