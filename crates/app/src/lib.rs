//! Clientele's application layer: every use case once — validate, authorise (the caller's
//! scope), write, re-evaluate the customers it touched, audit — and the read models the web
//! pages and the API show. The HTTP server (API and web pages) and the CLI parse their
//! input, call an [`App`] method and render what it answers; none of them changes data
//! through the store itself (`clippy.toml` in `crates/server` and `crates/clientele` forbids
//! the store's writing methods there).
//!
//! Functions take plain inputs — a [`Caller`] (or a named system path for the CLI), drafts,
//! an import's file — and the present instant comes from the app's [`Clock`], so a
//! use case runs the same from every edge and in tests.

mod alerts;
mod customers;
mod error;
mod import;
pub mod patch;
mod people;
mod playbooks;
mod probes;
mod read;
pub mod records;
mod sessions;
mod tasks;
mod types;

pub use customers::{CustomerPatch, EraseOutcome};
pub use error::{AppError, AppResult};
pub use import::{ImportOutcome, ImportRequest};
pub use people::{FirstAdmin, NewUser, PasswordOutcome};
pub use read::CustomerPageData;
pub use records::{
    ComplaintRecord, CostRecord, FeedbackRecordKind, InteractionRecordKind, OrderRecord, Record,
};
pub use sessions::{SignIn, SignInFailure};
pub use tasks::TaskDone;

use clientele_core::classify::TypeSettings;
use clientele_core::model::Context;
use clientele_store::audit::AuditEntry;
use clientele_store::auth::{Need, Principal};
use clientele_store::{AccessScope, Store};
use jiff::Timestamp;

/// The employee behind a request, and where it came from (for the audit log).
#[derive(Clone, Debug)]
pub struct Caller {
    pub principal: Principal,
    pub address: Option<String>,
}

/// Who a use case acts for: an employee, or a path of the system itself (a CLI command),
/// named so that the audit log can say which.
#[derive(Clone, Copy, Debug)]
pub enum Actor<'a> {
    Employee(&'a Caller),
    System(&'static str),
}

impl<'a> From<&'a Caller> for Actor<'a> {
    fn from(caller: &'a Caller) -> Self {
        Actor::Employee(caller)
    }
}

/// Where "now" comes from: the system clock, or a fixed instant (tests, replays).
#[derive(Clone, Copy, Debug, Default)]
pub enum Clock {
    #[default]
    System,
    Fixed(Timestamp),
}

impl Clock {
    pub fn now(&self) -> Timestamp {
        match self {
            Clock::System => Timestamp::now(),
            Clock::Fixed(at) => *at,
        }
    }
}

/// The application: the store, the type settings of the settings file (what an admin
/// stores at run time wins over them) and the clock. Cheap to clone.
#[derive(Clone, Debug)]
pub struct App {
    store: Store,
    file_settings: TypeSettings,
    clock: Clock,
    probes: probes::Probes,
}

impl App {
    pub fn new(store: Store, file_settings: TypeSettings) -> App {
        App {
            store,
            file_settings,
            clock: Clock::System,
            probes: probes::Probes::default(),
        }
    }

    pub fn with_clock(mut self, clock: Clock) -> App {
        self.clock = clock;
        self
    }

    /// The store, for the reads the edges make themselves (lists, records, figures).
    /// Changes go through the use cases of this crate.
    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    /// Now, in the store's milliseconds since the epoch.
    pub fn now_millis(&self) -> i64 {
        clientele_core::time::to_millis(self.now())
    }

    /// What validation needs: the business currency and the present instant.
    pub async fn context(&self) -> AppResult<Context> {
        Ok(Context::new(self.now(), self.store.currency().await?))
    }

    /// What `caller` may do for `need`, as the scope every query of the use case is narrowed
    /// with. A refusal is audited with `what` was attempted.
    pub async fn authorise(
        &self,
        caller: &Caller,
        need: Need,
        what: &str,
    ) -> AppResult<AccessScope> {
        match caller.principal.authorise(need) {
            Ok(scope) => Ok(scope),
            Err(denied) => {
                let entry = self
                    .entry(caller, "permission denied")
                    .with(serde_json::json!({ "attempted": what, "reason": denied.0 }));
                self.record(&entry).await;
                Err(AppError::Forbidden(denied.0))
            }
        }
    }

    /// The scope of an actor: an employee's as [`Self::authorise`] decides, a system path
    /// sees every customer under its own name.
    pub async fn scope_of(
        &self,
        actor: Actor<'_>,
        need: Need,
        what: &str,
    ) -> AppResult<AccessScope> {
        match actor {
            Actor::Employee(caller) => self.authorise(caller, need, what).await,
            Actor::System(path) => Ok(AccessScope::System(path)),
        }
    }

    /// Appends to the audit log. The action itself has happened; a failure to record it is
    /// logged loudly rather than undoing it.
    pub async fn record(&self, entry: &AuditEntry) {
        if let Err(e) = self.store.audit(entry).await {
            tracing::error!(error = %e, action = %entry.action, "writing the audit log failed");
        }
    }

    /// Records that a system path (a CLI command) wrote records out of the base: which kind,
    /// how many rows, and whether the output was written whole (a reader such as `head` may
    /// stop it halfway). The CLI reads every customer, so what it takes out is in the log
    /// like an employee's export.
    pub async fn record_system_export(
        &self,
        path: &'static str,
        entity: &str,
        rows: Option<u64>,
        complete: bool,
        details: serde_json::Value,
    ) {
        let mut about = serde_json::json!({ "rows": rows, "complete": complete });
        if let (Some(about), serde_json::Value::Object(more)) = (about.as_object_mut(), details) {
            about.extend(more);
        }
        let entry = AuditEntry::system(path, "export", self.now_millis())
            .about(entity)
            .with(about);
        self.record(&entry).await;
    }

    /// An audit entry for the caller, now.
    pub fn entry(&self, caller: &Caller, action: &str) -> AuditEntry {
        AuditEntry::by(
            &caller.principal,
            caller.address.as_deref(),
            action,
            self.now_millis(),
        )
    }

    /// An audit entry for an actor, now.
    pub fn entry_of(&self, actor: Actor<'_>, action: &str) -> AuditEntry {
        match actor {
            Actor::Employee(caller) => self.entry(caller, action),
            Actor::System(path) => AuditEntry::system(path, action, self.now_millis()),
        }
    }

    /// Re-evaluates the types of customers whose history a change touched, with the models
    /// of the last full pass (a system path of the type engine, whoever made the change).
    /// The change itself is stored already; a failure here leaves the types as they were
    /// until the next pass, so it is logged rather than answered.
    pub(crate) async fn reevaluate(&self, customer_ids: &[&str]) {
        let saved = async {
            let as_of = self.evaluation_instant().await?;
            Ok::<_, AppError>(self.store.reclassify(customer_ids, as_of).await?)
        };
        if let Err(e) = saved.await {
            tracing::warn!(error = %e, ?customer_ids, "re-evaluating customer types failed");
        }
        self.playbooks_after_change().await;
    }

    /// Re-evaluates the customers an employee owns (their owner left, or came back), and
    /// answers how many; a failure is logged, as in [`Self::reevaluate`].
    pub(crate) async fn reevaluate_owned_by(&self, employee_key: i64) -> u64 {
        let saved = async {
            let as_of = self.evaluation_instant().await?;
            Ok::<_, AppError>(self.store.reclassify_owned_by(employee_key, as_of).await?)
        };
        let saved = saved.await;
        self.playbooks_after_change().await;
        match saved {
            Ok(saved) => saved.customers,
            Err(e) => {
                tracing::warn!(error = %e, employee = employee_key, "re-evaluating the employee's customers failed");
                0
            }
        }
    }

    /// A fresh business id for a record created without one, e.g. `CUS-3f2a9c41b7d0`.
    pub fn new_id(prefix: &str) -> String {
        let uuid = uuid::Uuid::new_v4().simple().to_string();
        format!("{prefix}-{}", &uuid[..12])
    }
}

/// Runs CPU-heavy work (password hashing) off the async threads.
pub(crate) async fn blocking<T: Send + 'static>(
    what: &'static str,
    work: impl FnOnce() -> T + Send + 'static,
) -> AppResult<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|source| AppError::Task { what, source })
}

impl App {
    /// Fills an empty base at once (the demo generator's base), in one transaction.
    pub async fn load_base(
        &self,
        base: clientele_store::BulkBase<'_>,
    ) -> AppResult<clientele_store::BulkReport> {
        Ok(self.store.bulk_load(base).await?)
    }
}

/// Sets the business currency of a database that holds no amounts yet (amounts are kept in
/// minor units of it); the one it has already is no change.
pub async fn settle_currency(store: &Store, currency: clientele_core::Currency) -> AppResult<()> {
    Ok(store.set_currency(currency).await?)
}
