//! The store's one error type. The HTTP edge turns it into problem+json; the CLI prints it.

use clientele_core::FieldErrors;

use crate::import::ImportError;

pub type StoreResult<T, E = StoreError> = Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No such record, or not one the caller may see (the two are not told apart).
    #[error("{entity} `{id}` was not found")]
    NotFound { entity: &'static str, id: String },

    /// A record with the same business id (or, for rows without one, the same content)
    /// already exists.
    #[error("{entity} `{id}` already exists")]
    Duplicate {
        entity: &'static str,
        field: &'static str,
        id: String,
    },

    /// Values that are well-formed but do not fit the base: an owner who is not an
    /// employee, an organisation that does not exist, a filter with an unknown value.
    #[error("{0}")]
    Invalid(FieldErrors),

    /// The change would break something that depends on the record.
    #[error("{0}")]
    Conflict(String),

    /// An evaluation as of an instant before the one the base's types already speak for:
    /// its transitions would be recorded before ones already recorded.
    #[error(
        "the customers' types are already evaluated as of {}; an evaluation as of {} would record history out of time order (evaluate as of {} or later)",
        instant_text(*.evaluated),
        instant_text(*.as_of),
        instant_text(*.evaluated)
    )]
    OutOfTimeOrder { as_of: i64, evaluated: i64 },

    /// The database cannot be used as configured.
    #[error("{0}")]
    Config(String),

    /// Work moved to a blocking thread did not come back (it panicked or was cancelled).
    #[error("{what} did not finish")]
    Task {
        what: &'static str,
        #[source]
        source: tokio::task::JoinError,
    },

    /// The operating system or a library failed at something that never fails on a working
    /// machine: drawing random bytes, hashing a password.
    #[error("{what} failed")]
    System {
        what: &'static str,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },

    /// Writing an export to its destination failed (a full disk, a closed pipe).
    #[error("cannot write the export")]
    Write(#[source] Box<dyn std::error::Error + Send + Sync>),

    /// The embedded SQLite file, read directly for whole-base passes.
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),

    /// A CSV import was refused; nothing was written.
    #[error(transparent)]
    Import(#[from] ImportError),

    /// A stored value that no valid write could have produced.
    #[error("corrupt stored value: {0}")]
    Corrupt(String),

    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),

    #[error("database migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
}

impl StoreError {
    /// A blocking thread's work, doing `what`, that did not come back.
    pub(crate) fn task(what: &'static str) -> impl FnOnce(tokio::task::JoinError) -> StoreError {
        move |source| StoreError::Task { what, source }
    }

    pub(crate) fn invalid(field: &str, message: impl Into<clientele_core::Message>) -> StoreError {
        StoreError::Invalid(FieldErrors::single(field, message))
    }

    pub(crate) fn not_found(entity: &'static str, id: impl ToString) -> StoreError {
        StoreError::NotFound {
            entity,
            id: id.to_string(),
        }
    }
}

/// An instant as RFC 3339 UTC text, for messages.
fn instant_text(ms: i64) -> String {
    clientele_core::time::from_millis(ms)
        .map(clientele_core::time::format_instant)
        .unwrap_or_else(|| ms.to_string())
}

/// A name that is not one of those a parser knows (a token scope, an import or export kind).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{given}` is not one of: {}", allowed.join(", "))]
pub struct UnknownName {
    pub given: String,
    pub allowed: Vec<&'static str>,
}

/// True when the database refused a row because of a unique constraint.
pub(crate) fn is_unique_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(e) if e.is_unique_violation())
}
