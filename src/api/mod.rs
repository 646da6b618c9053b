//! The HTTP layer (axum): the JSON API under `/api/v1`, its OpenAPI
//! document, and the web page for legal staff. The router is built apart
//! from `main`, so tests call it with `oneshot`.
//!
//! Every error has one JSON shape, `{status, code, message}`: a bad
//! parameter is 400, an unknown id 404, an oversized body 413; nothing the
//! client sends is ever a 500.
//!
//! The server is read-only unless it is given an [`Admin`]: then the
//! writing endpoints (`admin`) exist, behind a bearer token. Every request
//! runs under the limits of `limits` (body, query string, time, how many at
//! once), and after a write the handlers see the new index and registry
//! whole, never half.

mod admin;
mod error;
mod limits;
mod openapi;
mod pages;
mod v1;

pub use admin::Admin;
pub use error::ApiError;
pub use limits::{MAX_BODY, MAX_QUERY_STRING};

use crate::error::Result;
use crate::grammar::Grammar;
use crate::index::Index;
use crate::record::Date;
use crate::registry::Registry;
use arc_swap::ArcSwap;
use axum::Router;
use axum::extract::{DefaultBodyLimit, FromRef};
use axum::routing::{get, post};
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
    /// The corpus directory: source files are read only from inside it,
    /// and posted texts are stored in it.
    pub corpus: PathBuf,
}

impl AppState {
    /// Open the index at `index` and link the registry from its cached
    /// records (no parsing).
    pub fn load(
        corpus: &Path,
        index: &Path,
        grammar: &'static Grammar,
        today: Date,
    ) -> Result<AppState> {
        let index = Index::open(index, grammar)?;
        let records = crate::index::cached_records(&index)?;
        let registry = Registry::from_documents(records, Vec::new(), grammar);
        Ok(AppState {
            index,
            registry,
            grammar,
            today,
            corpus: corpus.to_path_buf(),
        })
    }
}

/// The router's state: the current [`AppState`], replaced whole once a
/// write is indexed (a request keeps the one it started with), and the
/// writing endpoints' configuration when the server has them.
#[derive(Clone)]
pub struct Live {
    current: Arc<ArcSwap<AppState>>,
    admin: Option<Arc<admin::Writer>>,
}

impl Live {
    /// Answer from `state` from now on.
    fn replace(&self, state: AppState) {
        self.current.store(Arc::new(state));
    }
}

/// Handlers take `State<Arc<AppState>>`: the state current when they ask.
impl FromRef<Live> for Arc<AppState> {
    fn from_ref(live: &Live) -> Arc<AppState> {
        live.current.load_full()
    }
}

/// The router of a read-only server.
pub fn router(state: Arc<AppState>) -> Router {
    router_with(state, None)
}

/// The router over a shared state; with `admin`, the writing endpoints
/// too (`POST /api/v1/acts`, `POST /api/v1/reindex`). Without it they do
/// not exist: a request to them is the 404 of any unknown path.
pub fn router_with(state: Arc<AppState>, admin: Option<Admin>) -> Router {
    let live = Live {
        current: Arc::new(ArcSwap::new(state)),
        admin: admin.map(|a| Arc::new(admin::Writer::new(a))),
    };
    let reads = Router::new()
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
        // The slot is waited for inside the deadline.
        .layer(tower::limit::GlobalConcurrencyLimitLayer::new(
            limits::MAX_CONCURRENT,
        ))
        .layer(axum::middleware::from_fn_with_state(
            limits::REQUEST_TIMEOUT,
            limits::deadline,
        ));
    let app = match live.admin {
        Some(_) => reads.merge(admin::routes()),
        None => reads,
    };
    app.fallback(|| async { ApiError::not_found("no such page or endpoint") })
        .with_state(live)
}
