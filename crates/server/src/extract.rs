//! Extractors whose failures are problems that name the field at fault: a JSON body, and a
//! query string. Axum's own rejections are plain text and name no field.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// The largest body the server reads, made known to extractors for their messages.
#[derive(Clone, Copy, Debug)]
pub struct BodyLimit(pub usize);

/// A JSON request body (`application/json`, `application/merge-patch+json` or any `+json`).
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let content_type = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let essence = content_type
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if !(essence == "application/json" || essence.ends_with("+json")) {
            return Err(ApiError::UnsupportedMediaType(format!(
                "send the body as application/json (got {})",
                if content_type.is_empty() {
                    "no content type"
                } else {
                    &content_type
                }
            )));
        }
        let limit = request.extensions().get::<BodyLimit>().map_or(0, |l| l.0);
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                    ApiError::PayloadTooLarge { limit }
                } else {
                    ApiError::MalformedBody(format!("cannot read the body: {rejection}"))
                }
            })?;
        parse_json(&bytes).map(JsonBody)
    }
}

/// Parses JSON, telling a syntax error (400) from a value of the wrong shape (422, with the
/// path of the field).
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let result: Result<T, _> = serde_path_to_error::deserialize(&mut deserializer);
    match result {
        Ok(value) => {
            deserializer
                .end()
                .map_err(|e| ApiError::MalformedBody(format!("the body is not valid JSON: {e}")))?;
            Ok(value)
        }
        Err(error) => {
            let inner = error.inner();
            if inner.is_syntax() || inner.is_eof() || inner.is_io() {
                return Err(ApiError::MalformedBody(format!(
                    "the body is not valid JSON: {inner}"
                )));
            }
            Err(shape_error(error.path().to_string(), &inner.to_string()))
        }
    }
}

/// A value of the wrong shape at `path`, as a field error (worded as the application layer
/// words a merge patch's).
pub fn shape_error(path: String, message: &str) -> ApiError {
    ApiError::Invalid(clientele_app::patch::shape_error(path, message))
}

/// Query-string parameters; an unknown or malformed one is a 422 that names it. A parameter
/// given empty (`stage=`, as an HTML form sends a filter left blank) is as if absent.
pub struct QueryParams<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for QueryParams<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or("");
        let given: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(
                form_urlencoded::parse(query.as_bytes()).filter(|(_, value)| !value.is_empty()),
            )
            .finish();
        let deserializer =
            serde_urlencoded::Deserializer::new(form_urlencoded::parse(given.as_bytes()));
        serde_path_to_error::deserialize(deserializer)
            .map(QueryParams)
            .map_err(|error| {
                let path = error.path().to_string();
                shape_error(path, &error.inner().to_string())
            })
    }
}
