//! Importing a CSV file: what `clientele import` and the web app's import page both do.
//! All or nothing unless bad rows are skipped; audited (refused or done) with the figures;
//! then the types are kept up to date — the customers the file named, or a full pass when
//! the file changes what every customer is measured against.

use clientele_store::auth::Need;
use clientele_store::import::{ImportInput, ImportKind, ImportOptions, ImportReport, Progress};
use clientele_store::{Reevaluation, StoreError};

use crate::{Actor, App, AppError, AppResult};

/// One file to import.
pub struct ImportRequest {
    pub kind: ImportKind,
    /// What to read, and the name the user knows it by (a file's path, an upload's own
    /// name), for messages and the audit log. Read again from its start only when rejected
    /// rows are copied out.
    pub input: ImportInput,
    pub options: ImportOptions,
    /// The instant the import's re-evaluation is as of (`import --as-of`); none, the base's
    /// evaluation clock. A date other than the clock re-evaluates the whole base as of it
    /// and sets the clock to it, as `classify --as-of` does.
    pub as_of: Option<i64>,
}

/// What an import did: the rows, and how the types were brought up to date.
pub struct ImportOutcome {
    pub report: ImportReport,
    pub reevaluation: Reevaluation,
}

impl App {
    /// Imports a file. The importer writes any customer, whoever owns them: only those whose
    /// scope is every customer (admins, and the system's own paths) may use it.
    pub async fn import(
        &self,
        actor: Actor<'_>,
        request: ImportRequest,
        progress: &(dyn Fn(Progress) + Sync),
    ) -> AppResult<ImportOutcome> {
        self.scope_of(actor, Need::Admin, "import a CSV file")
            .await?;
        // Read before importing, so that bad settings stop the import rather than leaving
        // the types stale after it.
        let settings = self.type_settings().await?;
        // An import interrupted before its re-evaluation is finished before this one starts.
        self.settle_owed_reevaluation().await?;
        // A date the types cannot be re-evaluated as of stops the import before any row.
        let clock = self.evaluation_instant().await?;
        if let Some(as_of) = request.as_of {
            self.refuse_future(as_of)?;
            if let Some(evaluated) = self.store.evaluated_as_of().await?
                && as_of < evaluated
            {
                return Err(StoreError::OutOfTimeOrder { as_of, evaluated }.into());
            }
        }
        let shown_name = request.input.name.clone();
        let entry = self.entry_of(actor, "import").about(request.kind.name());
        // The entry of a done import is stored with the rows, in the same transaction.
        let mut options = request.options;
        options.audit = Some(
            entry
                .clone()
                .with(serde_json::json!({ "file": shown_name })),
        );
        let report = match self
            .store
            .import_from(request.kind, request.input, &options, progress)
            .await
        {
            Ok(report) => report,
            Err(StoreError::Import(refusal)) => {
                let errors = match &refusal {
                    clientele_store::import::ImportError::File { .. } => 1,
                    clientele_store::import::ImportError::Header { errors, .. } => {
                        errors.len() as u64
                    }
                    clientele_store::import::ImportError::Rows { total, .. } => *total,
                };
                self.record(&entry.with(serde_json::json!({
                    "file": shown_name,
                    "refused": true,
                    "errors": errors,
                })))
                .await;
                return Err(AppError::Store(StoreError::Import(refusal)));
            }
            Err(e) => return Err(e.into()),
        };
        let changed = report.inserted + report.updated + report.customers_created > 0;
        let reevaluation = match request.as_of {
            Some(as_of)
                if as_of != clock && changed && self.store.engine_state().await?.is_some() =>
            {
                // The pass settles what the import owed in its own transaction.
                let pass = self
                    .store
                    .classify_all_dated(&settings, as_of, true)
                    .await?;
                Reevaluation::FullPass(pass.saved)
            }
            as_of => {
                self.store
                    .reevaluate_after_import(
                        request.kind,
                        &report,
                        &settings,
                        as_of.unwrap_or(clock),
                    )
                    .await?
            }
        };
        if !matches!(
            reevaluation,
            Reevaluation::NotClassified | Reevaluation::Unchanged
        ) {
            self.playbooks_after_change().await;
        }
        Ok(ImportOutcome {
            report,
            reevaluation,
        })
    }
}

impl App {
    /// Finishes the re-evaluation an import owes when its process was stopped after the
    /// import's commit and before the types were brought up to date (killed, a power cut):
    /// a full pass as of the base's evaluation clock. Commands that read or write the types call it first, so that
    /// a base is never seen with rows imported and types that do not know of them.
    pub async fn settle_owed_reevaluation(&self) -> AppResult<()> {
        if self.store.owed_reevaluation().await?.is_none() {
            return Ok(());
        }
        let settings = self.type_settings().await?;
        if let Some(pass) = self
            .store
            .settle_owed_reevaluation(&settings, self.evaluation_instant().await?)
            .await?
        {
            tracing::warn!(
                customers = pass.saved.customers,
                "an import was stopped before its re-evaluation; a full pass has done it now"
            );
            self.playbooks_after_change().await;
        }
        Ok(())
    }
}
