//! The dashboard's figures (counts per stage, tier and flag, who moved this week) per access
//! scope, kept in memory. Every sales person opens the dashboard many times a day; on a
//! million customers counting the base costs tens of milliseconds a time, and the figures
//! change only when something is written. An entry is dropped when this server records a
//! change (any successful write, counted by the audit middleware) and after
//! [`MAX_AGE`], which bounds how long a change made elsewhere (a nightly `clientele
//! classify`, an import from the command line) takes to show.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use clientele_store::TypeCounts;

pub(crate) const MAX_AGE: Duration = Duration::from_secs(30);

/// One customer who moved: who, from what, when.
pub(crate) struct MovedCustomer {
    pub customer_id: String,
    pub name: Option<String>,
    /// The stage or flag they moved from (none: a flag newly set).
    pub from: Option<String>,
    pub at: jiff::Timestamp,
}

/// Who moved, per kind of move, newest first.
pub(crate) type Moves = Vec<(&'static str, Vec<MovedCustomer>)>;

/// What the dashboard shows of a scope.
pub(crate) struct DashboardFacts {
    pub counts: TypeCounts,
    /// Empty for callers who may not read customers.
    pub moved: Moves,
}

struct Entry {
    at: Instant,
    changes: u64,
    facts: Arc<DashboardFacts>,
}

#[derive(Clone, Default)]
pub(crate) struct DashboardCache {
    entries: Arc<Mutex<HashMap<String, Entry>>>,
    /// Successful writes through this server so far.
    changes: Arc<AtomicU64>,
}

impl DashboardCache {
    /// Something was written: every entry is stale.
    pub(crate) fn changed(&self) {
        self.changes.fetch_add(1, Ordering::SeqCst);
    }

    /// The entry for `key` if it is still good, and the change count to store a new one
    /// under (read before the figures are, so a write during the reading marks them stale).
    pub(crate) fn get(&self, key: &str) -> (Option<Arc<DashboardFacts>>, u64) {
        let changes = self.changes.load(Ordering::SeqCst);
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let fresh = entries
            .get(key)
            .filter(|e| e.changes == changes && e.at.elapsed() < MAX_AGE)
            .map(|e| Arc::clone(&e.facts));
        (fresh, changes)
    }

    pub(crate) fn put(&self, key: String, changes: u64, facts: Arc<DashboardFacts>) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        // Scopes are few (one per team and agent); drop the stale ones when it grows.
        if entries.len() >= 256 {
            let now = self.changes.load(Ordering::SeqCst);
            entries.retain(|_, e| e.changes == now && e.at.elapsed() < MAX_AGE);
        }
        entries.insert(
            key,
            Entry {
                at: Instant::now(),
                changes,
                facts,
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_dropped_by_any_change() {
        let cache = DashboardCache::default();
        let (none, changes) = cache.get("all");
        assert!(none.is_none());
        let facts = Arc::new(DashboardFacts {
            counts: TypeCounts::default(),
            moved: Vec::new(),
        });
        cache.put("all".into(), changes, facts);
        assert!(cache.get("all").0.is_some());
        assert!(cache.get("owner:a").0.is_none());
        cache.changed();
        assert!(cache.get("all").0.is_none());
        // Figures read before a change and stored after it are not served.
        let (_, before) = cache.get("all");
        cache.changed();
        cache.put(
            "all".into(),
            before,
            Arc::new(DashboardFacts {
                counts: TypeCounts::default(),
                moved: Vec::new(),
            }),
        );
        assert!(cache.get("all").0.is_none());
    }
}
