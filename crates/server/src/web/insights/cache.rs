//! The figures per access scope, kept in memory: computed once (off the async runtime) and
//! kept until the type engine's next full pass or ten minutes, whichever comes first.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use clientele_core::Currency;
use clientele_core::analytics::Millis;
use clientele_core::analytics::report::{
    AnalysisSettings, ChannelsReport, CohortsReport, PersonaReport, ProspectsReport, TiersReport,
    analyse,
};
use clientele_store::AccessScope;

use crate::AppState;
use crate::error::ApiError;

/// Prospects kept per scope: the Persona page lists these.
const PROSPECTS: usize = 50;
/// How long figures are kept at most.
const FRESH_FOR: Duration = Duration::from_secs(10 * 60);
/// Scopes kept at most (the oldest is dropped).
const SCOPES: usize = 64;

/// The reports the charts and the Persona page draw, for one scope.
pub(crate) struct Insights {
    pub tiers: TiersReport,
    pub cohorts: CohortsReport,
    pub channels: ChannelsReport,
    pub persona: PersonaReport,
    pub prospects: ProspectsReport,
    pub currency: Currency,
}

struct Entry {
    scope: AccessScope,
    /// The last full pass these figures follow.
    pass: Option<Millis>,
    made: Instant,
    cell: Arc<tokio::sync::OnceCell<Arc<Insights>>>,
}

/// Figures per access scope, in memory.
#[derive(Clone, Default)]
pub(crate) struct InsightsCache(Arc<Mutex<Vec<Entry>>>);

impl InsightsCache {
    /// The cell of this scope's figures, a new one if the kept one is stale.
    fn cell(
        &self,
        scope: &AccessScope,
        pass: Option<Millis>,
    ) -> Arc<tokio::sync::OnceCell<Arc<Insights>>> {
        let mut entries = self.0.lock().unwrap_or_else(|e| e.into_inner());
        entries.retain(|e| e.made.elapsed() < FRESH_FOR);
        if let Some(entry) = entries.iter().find(|e| &e.scope == scope && e.pass == pass) {
            return entry.cell.clone();
        }
        entries.retain(|e| &e.scope != scope);
        if entries.len() >= SCOPES {
            entries.remove(0);
        }
        let cell = Arc::new(tokio::sync::OnceCell::new());
        entries.push(Entry {
            scope: scope.clone(),
            pass,
            made: Instant::now(),
            cell: cell.clone(),
        });
        cell
    }

    /// This scope's figures, computed now if there are none fresh.
    pub(crate) async fn get(
        &self,
        app: &AppState,
        scope: &AccessScope,
    ) -> Result<Arc<Insights>, ApiError> {
        let pass = last_pass(app).await?;
        let cell = self.cell(scope, pass);
        if let Some(ready) = cell.get() {
            return Ok(ready.clone());
        }
        // On a task of its own, so that a reader who leaves (a closed tab) does not throw
        // away seconds of work the next one needs.
        let (app, scope) = (app.clone(), scope.clone());
        tokio::spawn(async move {
            cell.get_or_try_init(|| compute(&app, &scope))
                .await
                .map(Arc::clone)
        })
        .await
        .map_err(|e| ApiError::internal("computing the charts", e))?
    }

    /// This scope's figures if they are ready and fresh; never computes.
    pub(crate) async fn peek(&self, app: &AppState, scope: &AccessScope) -> Option<Arc<Insights>> {
        let pass = last_pass(app).await.ok()?;
        let entries = self.0.lock().unwrap_or_else(|e| e.into_inner());
        entries
            .iter()
            .find(|e| &e.scope == scope && e.pass == pass && e.made.elapsed() < FRESH_FOR)
            .and_then(|e| e.cell.get().cloned())
    }
}

async fn last_pass(app: &AppState) -> Result<Option<Millis>, ApiError> {
    Ok(app.store.engine_state().await?.map(|s| s.as_of))
}

/// One analytics pass over the scope's customers as of now, on a blocking thread.
async fn compute(app: &AppState, scope: &AccessScope) -> Result<Arc<Insights>, ApiError> {
    let as_of = clientele_core::time::to_millis(jiff::Timestamp::now());
    let base = app.store.customer_facts(scope, as_of).await?;
    let currency = app.store.currency().await?;
    let insights = tokio::task::spawn_blocking(move || {
        let facts = &base.customers;
        let analysis = analyse(facts, &AnalysisSettings::new(as_of));
        Insights {
            tiers: analysis.tiers(currency),
            cohorts: analysis.cohorts(facts, currency),
            channels: analysis.channels(facts, currency),
            persona: analysis.persona(facts, currency),
            prospects: analysis.prospects(facts, currency, PROSPECTS),
            currency,
        }
    })
    .await
    .map_err(|e| ApiError::internal("computing the charts", e))?;
    Ok(Arc::new(insights))
}
