//! The API's one error shape, `{status, code, message}`, and the
//! extractors that turn every rejection into it: a client's bad input is a
//! 4xx with a message, never a 500 and never axum's plain-text default.

use crate::error::Error;
use axum::Json;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{FromRequestParts, Query};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use std::collections::BTreeMap;

/// The API's one error shape.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ApiError {
    /// The HTTP status.
    pub status: u16,
    /// A stable code: `bad_parameter`, `bad_body`, `not_found`,
    /// `payload_too_large`, `unauthorized`, `forbidden`, `timeout`,
    /// `not_indexed`, `internal`.
    pub code: &'static str,
    /// What is wrong, for people.
    pub message: String,
}

impl ApiError {
    /// A bad parameter (400).
    pub fn bad(message: impl Into<String>) -> ApiError {
        ApiError {
            status: 400,
            code: "bad_parameter",
            message: message.into(),
        }
    }

    /// An unknown id or path (404).
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError {
            status: 404,
            code: "not_found",
            message: message.into(),
        }
    }

    /// A body that cannot be read (400), or is too large (413).
    pub fn body(rejection: BytesRejection) -> ApiError {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError {
                status: 413,
                code: "payload_too_large",
                message: format!("the body is over the limit of {} bytes", super::MAX_BODY),
            }
        } else {
            ApiError {
                status: 400,
                code: "bad_body",
                message: rejection.body_text(),
            }
        }
    }

    /// No usable `Authorization: Bearer …` header (401).
    pub fn unauthorized() -> ApiError {
        ApiError {
            status: 401,
            code: "unauthorized",
            message: "this endpoint needs an Authorization: Bearer token".into(),
        }
    }

    /// A token that is not the server's (403).
    pub fn forbidden() -> ApiError {
        ApiError {
            status: 403,
            code: "forbidden",
            message: "the token is not accepted".into(),
        }
    }

    /// A request that took longer than its limit (503).
    pub fn timeout(limit: std::time::Duration) -> ApiError {
        ApiError {
            status: 503,
            code: "timeout",
            message: format!(
                "the request took longer than {} s; try again later",
                limit.as_secs_f64()
            ),
        }
    }

    /// A write whose indexing failed (500). A text it stored stays stored,
    /// the server answers from the index it had, and a retry indexes it.
    pub fn not_indexed(stored: Option<&str>) -> ApiError {
        let message = match stored {
            Some(name) => format!(
                "{name} is stored in the corpus, but indexing failed; \
                 POST /api/v1/reindex (or the same text again) retries"
            ),
            None => "indexing failed; the server answers from the index it had, \
                     and POST /api/v1/reindex retries"
                .to_string(),
        };
        ApiError {
            status: 500,
            code: "not_indexed",
            message,
        }
    }

    /// A failure of the server's own (500); the details are logged.
    pub fn internal() -> ApiError {
        ApiError {
            status: 500,
            code: "internal",
            message: "internal error".into(),
        }
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> ApiError {
        match e {
            Error::Invalid { .. } => ApiError::bad(e.to_string()),
            Error::NoSuchAct { .. } => ApiError::not_found(e.to_string()),
            Error::Decode { reason, .. } => ApiError {
                status: 400,
                code: "bad_body",
                message: format!("the text cannot be read: {reason}"),
            },
            // Internal details stay in the log.
            e => {
                tracing::error!("{e}");
                ApiError::internal()
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, Json(self)).into_response()
    }
}

/// The query string as name → value, its rejection in the one error shape
/// (a malformed query string, or one over `MAX_QUERY_STRING`, is a bad
/// parameter).
pub struct Params(pub BTreeMap<String, String>);

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let length = parts.uri.query().map_or(0, str::len);
        if length > super::MAX_QUERY_STRING {
            return Err(ApiError::bad(format!(
                "the query string is {length} bytes, over the limit of {}",
                super::MAX_QUERY_STRING
            )));
        }
        Query::<BTreeMap<String, String>>::from_request_parts(parts, state)
            .await
            .map(|Query(q)| Params(q))
            .map_err(|e: QueryRejection| ApiError::bad(e.body_text()))
    }
}

impl Params {
    /// A parameter, when given and not empty (an empty form field is
    /// "not given").
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// Refuse any parameter not in `known`, naming it.
    pub fn only(&self, known: &[&str]) -> Result<(), ApiError> {
        match self.0.keys().find(|k| !known.contains(&k.as_str())) {
            Some(k) => Err(ApiError::bad(format!(
                "{k}: no such parameter (expected one of: {})",
                known.join(", ")
            ))),
            None => Ok(()),
        }
    }
}

/// An id from a wildcard path, its rejection in the one error shape. The
/// work id is written without its leading slash, which is put back.
pub struct IdPath(pub String);

impl<S: Send + Sync> FromRequestParts<S> for IdPath {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<String>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(id)| IdPath(format!("/{}", id.trim_start_matches('/'))))
            .map_err(|e| ApiError::bad(e.body_text()))
    }
}
