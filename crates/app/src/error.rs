//! The application layer's one error type: what a use case can fail with, before an edge
//! says it (problem+json at the HTTP edge, a sentence on a page, a line on the terminal).

use clientele_core::FieldErrors;
use clientele_store::StoreError;

pub type AppResult<T> = Result<T, AppError>;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The caller may not do this (a record outside their scope is `NotFound` instead).
    #[error("{0}")]
    Forbidden(String),
    /// What the caller sent does not pass validation, field by field.
    #[error("{0}")]
    Invalid(FieldErrors),
    /// The caller named something that is not there (or not theirs to see).
    #[error("{0}")]
    NotFound(String),
    /// The store refused or failed; its error says which, with its own causes.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Work handed to a blocking thread (password hashing) did not come back.
    #[error("{what} did not finish")]
    Task {
        what: &'static str,
        #[source]
        source: tokio::task::JoinError,
    },
    /// A value of ours could not be turned into JSON or back: a bug, not the caller's doing.
    #[error("{what}")]
    Json {
        what: &'static str,
        #[source]
        source: serde_json::Error,
    },
}

impl AppError {
    /// One field at fault.
    pub fn invalid(field: &str, message: impl Into<clientele_core::Message>) -> AppError {
        AppError::Invalid(FieldErrors::single(field, message))
    }
}

impl From<FieldErrors> for AppError {
    fn from(errors: FieldErrors) -> Self {
        AppError::Invalid(errors)
    }
}
