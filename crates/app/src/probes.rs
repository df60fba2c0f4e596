//! Reads refused as not found (a record the caller may not see, or that does not exist:
//! the answer is the same, so both are how a base is mapped by guessing ids). Each one is
//! counted, not logged: the log gets one `probe` entry per actor per window (a minute by
//! default) with the count and the first ids asked for, so a probe of 400 ids is one line
//! and not 400.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use clientele_store::audit::AuditEntry;

use crate::{App, Caller};

/// The ids kept in an entry, enough to see what was tried.
const IDS_KEPT: usize = 10;

/// One actor's refused reads in the current window.
#[derive(Debug)]
struct Window {
    index: i64,
    count: u64,
    ids: Vec<String>,
    /// The entry to write, as of the first refusal.
    entry: AuditEntry,
}

impl Window {
    fn into_entry(self) -> AuditEntry {
        let Window {
            count, ids, entry, ..
        } = self;
        entry.with(serde_json::json!({ "count": count, "ids": ids }))
    }
}

/// The open windows, by actor; shared by every clone of the app.
#[derive(Clone, Debug)]
pub(crate) struct Probes {
    window_millis: i64,
    open: Arc<Mutex<HashMap<String, Window>>>,
}

impl Default for Probes {
    fn default() -> Self {
        Probes {
            window_millis: 60_000,
            open: Arc::default(),
        }
    }
}

impl App {
    /// How long one `probe` entry gathers an actor's refusals (a minute unless set).
    pub fn with_probe_window(mut self, window: std::time::Duration) -> App {
        self.probes.window_millis = i64::try_from(window.as_millis()).unwrap_or(i64::MAX).max(1);
        self
    }

    /// Counts a read of `entity` `id` refused to the caller as not found; writes the
    /// actor's previous window if this one is a later one.
    pub async fn probe(&self, caller: &Caller, entity: &str, id: &str) {
        let now = self.now_millis();
        let index = now / self.probes.window_millis;
        let entry = self.entry(caller, "probe").about(entity);
        let closed = {
            let mut open = self.probes.open.lock().unwrap_or_else(|e| e.into_inner());
            match open.get_mut(&entry.actor) {
                Some(window) if window.index == index => {
                    window.count += 1;
                    if window.ids.len() < IDS_KEPT {
                        window.ids.push(id.to_owned());
                    }
                    None
                }
                _ => open.insert(
                    entry.actor.clone(),
                    Window {
                        index,
                        count: 1,
                        ids: vec![id.to_owned()],
                        entry,
                    },
                ),
            }
        };
        if let Some(window) = closed {
            self.record(&window.into_entry()).await;
        }
    }

    /// Writes every window that has ended (all of them with `all`, at shutdown); the
    /// server calls it every few seconds, so a probe is in the log soon after its window.
    pub async fn flush_probes(&self, all: bool) {
        let index = self.now_millis() / self.probes.window_millis;
        let ended: Vec<Window> = {
            let mut open = self.probes.open.lock().unwrap_or_else(|e| e.into_inner());
            let actors: Vec<String> = open
                .iter()
                .filter(|(_, w)| all || w.index < index)
                .map(|(actor, _)| actor.clone())
                .collect();
            actors.iter().filter_map(|a| open.remove(a)).collect()
        };
        for window in ended {
            self.record(&window.into_entry()).await;
        }
    }

    /// How often the server should call [`Self::flush_probes`].
    pub fn probe_flush_interval(&self) -> std::time::Duration {
        std::time::Duration::from_millis((self.probes.window_millis / 4).clamp(100, 5_000) as u64)
    }
}
