//! The HTTP layer (axum): the JSON API under `/api/v1`, its OpenAPI
//! document, and the web page for legal staff. The router is built apart
//! from `main`, so tests call it with `oneshot`.
//!
//! Every error has one JSON shape, `{status, code, message}`: a bad
//! parameter is 400, an unknown id 404, an oversized body 413; nothing the
//! client sends is ever a 500.

mod error;
mod openapi;
mod pages;
mod v1;

pub use error::ApiError;

use crate::grammar::Grammar;
use crate::index::Index;
use crate::record::Date;
use crate::registry::Registry;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use std::sync::Arc;

/// The largest request body (`POST /api/v1/parse`), in bytes.
pub const MAX_BODY: usize = 10 * 1024 * 1024;

/// What the handlers share: the index and the registry of one corpus.
pub struct AppState {
    /// The search index.
    pub index: Index,
    /// The registry.
    pub registry: Registry,
    /// The grammar, for parsing posted texts.
    pub grammar: &'static Grammar,
    /// Today, for `as_of` defaults.
    pub today: Date,
}

/// The router over a shared state.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/openapi.json", get(openapi::document))
        .route("/api/v1/search", get(v1::search))
        .route("/api/v1/acts/{*id}", get(v1::act))
        .route("/api/v1/regulations/{*id}", get(v1::regulation_record))
        .route("/api/v1/lineage/{*id}", get(v1::lineage))
        .route("/api/v1/status", get(v1::status))
        .route("/api/v1/consolidated/{*id}", get(v1::consolidated))
        .route("/api/v1/diff", get(v1::diff))
        .route("/api/v1/align", get(v1::align))
        .route("/api/v1/export", get(v1::export))
        .route("/feed.atom", get(v1::feed))
        .route(
            "/api/v1/parse",
            post(v1::parse).layer(DefaultBodyLimit::max(MAX_BODY)),
        )
        .merge(pages::routes())
        .fallback(|| async { ApiError::not_found("no such page or endpoint") })
        .with_state(state)
}
