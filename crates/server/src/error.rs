//! The server's one error type, answered as RFC 9457 `application/problem+json`.
//! Internal failures are logged with their cause and answered with a generic word: no SQL,
//! no stack trace ever reaches a client.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use clientele_core::{FieldError, FieldErrors};
use clientele_store::StoreError;
use serde::Serialize;
use utoipa::ToSchema;

pub type ApiResult<T> = Result<T, ApiError>;

/// Everything a request can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// No valid session or token: 401.
    #[error("{0}")]
    Unauthenticated(String),
    /// Signed in, but not allowed: 403 (a customer outside one's scope is 404 instead).
    #[error("{0}")]
    Forbidden(String),
    /// Too many failed attempts: 429, with when to try again.
    #[error("{message}")]
    TooManyRequests { message: String, retry_after_s: i64 },
    #[error("{0}")]
    NotFound(String),
    /// A record with the same business id exists; the field names which.
    #[error("{message}")]
    Duplicate { field: String, message: String },
    #[error("{0}")]
    Conflict(String),
    /// Values that do not pass validation, field by field.
    #[error("{0}")]
    Invalid(FieldErrors),
    /// The body is not JSON at all.
    #[error("{0}")]
    MalformedBody(String),
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("the request body is larger than {limit} bytes")]
    PayloadTooLarge { limit: usize },
    #[error("{0}")]
    Unavailable(String),
    /// The data cannot support a statistical model (too few repeat customers, no
    /// convergence): the request was fine, the base cannot answer it yet.
    #[error("{0}")]
    Unfit(String),
    /// A failure of ours: what we were doing, and the failure with its causes, logged, not
    /// told.
    #[error("internal error: {context}")]
    Internal {
        context: &'static str,
        #[source]
        cause: Box<dyn std::error::Error + Send + Sync>,
    },
}

/// An RFC 9457 problem document.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem; `about:blank` when the status says it all.
    #[serde(rename = "type")]
    pub problem_type: String,
    /// The status's phrase, or a short summary of the kind of problem.
    pub title: String,
    pub status: u16,
    /// What went wrong with this request, in words a person can act on.
    pub detail: String,
    /// For validation problems: every field at fault with what is wrong with it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

impl ApiError {
    /// A failure of ours while doing `context`, its cause kept for the log.
    pub(crate) fn internal(
        context: &'static str,
        cause: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> ApiError {
        ApiError::Internal {
            context,
            cause: cause.into(),
        }
    }

    fn status(&self) -> StatusCode {
        match self {
            ApiError::Unauthenticated(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Duplicate { .. } | ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::Invalid(_) | ApiError::Unfit(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::MalformedBody(_) => StatusCode::BAD_REQUEST,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal { .. } => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// One field error.
    pub fn invalid(field: &str, message: impl Into<clientele_core::Message>) -> ApiError {
        ApiError::Invalid(FieldErrors::single(field, message))
    }
}

/// A problem response with the given status and detail.
pub fn problem(
    status: StatusCode,
    problem_type: &str,
    detail: String,
    errors: Vec<FieldError>,
) -> Response {
    let body = Problem {
        problem_type: problem_type.to_owned(),
        title: status.canonical_reason().unwrap_or("Error").to_owned(),
        status: status.as_u16(),
        detail,
        errors,
    };
    let mut response = (status, axum::Json(body)).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    response
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        match self {
            ApiError::Invalid(errors) => {
                let detail = if errors.0.len() == 1 {
                    "1 field is invalid".to_owned()
                } else {
                    format!("{} fields are invalid", errors.0.len())
                };
                problem(status, "urn:clientele:problem:validation", detail, errors.0)
            }
            ApiError::Duplicate { field, message } => {
                let errors = vec![FieldError {
                    field,
                    message: "is already taken".into(),
                    says: "is already taken".into(),
                }];
                problem(status, "urn:clientele:problem:duplicate", message, errors)
            }
            ApiError::Unfit(detail) => {
                problem(status, "urn:clientele:problem:model", detail, Vec::new())
            }
            ApiError::Unauthenticated(detail) => {
                let mut response = problem(status, "about:blank", detail, Vec::new());
                response.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"clientele\""),
                );
                response
            }
            ApiError::TooManyRequests {
                message,
                retry_after_s,
            } => {
                let mut response = problem(status, "about:blank", message, Vec::new());
                if let Ok(value) = HeaderValue::from_str(&retry_after_s.max(1).to_string()) {
                    response.headers_mut().insert(header::RETRY_AFTER, value);
                }
                response
            }
            error @ ApiError::Internal { .. } => {
                let cause = error_chain(&error);
                tracing::error!(%cause, "request failed");
                problem(
                    status,
                    "about:blank",
                    "something went wrong on our side; it has been logged".into(),
                    Vec::new(),
                )
            }
            other => problem(status, "about:blank", other.to_string(), Vec::new()),
        }
    }
}

impl From<clientele_core::analytics::models::ModelError> for ApiError {
    fn from(error: clientele_core::analytics::models::ModelError) -> Self {
        ApiError::Unfit(error.to_string())
    }
}

impl From<FieldErrors> for ApiError {
    fn from(errors: FieldErrors) -> Self {
        ApiError::Invalid(errors)
    }
}

impl From<clientele_app::AppError> for ApiError {
    fn from(error: clientele_app::AppError) -> Self {
        use clientele_app::AppError;
        match error {
            AppError::Forbidden(message) => ApiError::Forbidden(message),
            AppError::Invalid(errors) => ApiError::Invalid(errors),
            AppError::NotFound(message) => ApiError::NotFound(message),
            AppError::Store(e) => e.into(),
            e @ (AppError::Task { .. } | AppError::Json { .. }) => {
                ApiError::internal("the application failed", e)
            }
        }
    }
}

/// An error and its causes, for the log of an internal failure.
pub(crate) fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(e) = cause {
        text.push_str(": ");
        text.push_str(&e.to_string());
        cause = e.source();
    }
    text
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        match error {
            e @ StoreError::NotFound { .. } => ApiError::NotFound(e.to_string()),
            StoreError::Duplicate { entity, field, id } => ApiError::Duplicate {
                field: field.to_owned(),
                message: format!("a {entity} with {field} `{id}` already exists"),
            },
            StoreError::Invalid(errors) => ApiError::Invalid(errors),
            StoreError::Conflict(message) => ApiError::Conflict(message),
            e @ StoreError::OutOfTimeOrder { .. } => ApiError::Conflict(e.to_string()),
            StoreError::Import(e) => ApiError::Conflict(e.to_string()),
            e @ (StoreError::Config(_)
            | StoreError::Task { .. }
            | StoreError::System { .. }
            | StoreError::Write(_)
            | StoreError::Sqlite(_)
            | StoreError::Corrupt(_)
            | StoreError::Database(_)
            | StoreError::Migration(_)) => ApiError::internal("the store failed", e),
        }
    }
}
