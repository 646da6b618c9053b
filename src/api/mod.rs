//! The HTTP API (axum): the router, apart from `main`, so that tests call
//! it with `oneshot`. Every error has one JSON shape, `{status, code,
//! message}`: a bad parameter is 400, an unknown id 404; nothing the client
//! sends is ever a 500.
//!
//! Work in progress (issue 11): search, acts, status and health so far.

use crate::error::Error;
use crate::index::{Index, Query};
use crate::record::Date;
use crate::registry::{Registry, StatusQuery};
use axum::extract::{Path, Query as Params, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// What the handlers share: the index and the registry of one corpus.
pub struct AppState {
    /// The search index.
    pub index: Index,
    /// The registry.
    pub registry: Registry,
    /// Today, for `as_of` defaults.
    pub today: Date,
}

/// The API's one error shape.
#[derive(Debug, Clone, Serialize)]
pub struct ApiError {
    /// The HTTP status.
    pub status: u16,
    /// A stable code: `bad_parameter`, `not_found`, `internal`.
    pub code: &'static str,
    /// What is wrong, for people.
    pub message: String,
}

impl ApiError {
    fn bad(message: String) -> ApiError {
        ApiError {
            status: 400,
            code: "bad_parameter",
            message,
        }
    }

    fn not_found(message: String) -> ApiError {
        ApiError {
            status: 404,
            code: "not_found",
            message,
        }
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> ApiError {
        match e {
            Error::Invalid { .. } => ApiError::bad(e.to_string()),
            Error::NoSuchAct { .. } => ApiError::not_found(e.to_string()),
            // Internal details stay in the log.
            e => {
                tracing::error!("{e}");
                ApiError {
                    status: 500,
                    code: "internal",
                    message: "internal error".into(),
                }
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

/// The router over a shared state.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/api/v1/search", get(search))
        .route("/api/v1/acts/{*id}", get(act))
        .route("/api/v1/regulations/{*id}", get(regulation_record))
        .route("/api/v1/lineage/{*id}", get(lineage))
        .route("/api/v1/status", get(status))
        .route("/api/v1/diff", get(diff))
        .fallback(|| async { ApiError::not_found("no such endpoint".into()) })
        .with_state(state)
}

async fn search(
    State(s): State<Arc<AppState>>,
    Params(params): Params<BTreeMap<String, String>>,
) -> Result<Response, ApiError> {
    let text = params.get("q").map(String::as_str).unwrap_or_default();
    let mut q = Query::new(text, s.today)?;
    for (k, v) in &params {
        if k != "q" {
            q.set(k, v)?;
        }
    }
    Ok(Json(s.index.search(&q)?).into_response())
}

/// An id from the path: the work id without its leading slash.
fn path_id(id: &str) -> String {
    format!("/{}", id.trim_start_matches('/'))
}

async fn act(
    State(s): State<Arc<AppState>>,
    Path(id): Path<String>,
    Params(params): Params<BTreeMap<String, String>>,
) -> Result<Response, ApiError> {
    // A wildcard must end a route: `/acts/{id}/regulations` and
    // `/acts/{id}/source` are told apart here.
    if let Some(id) = id.strip_suffix("/regulations") {
        return act_regulations(&s, &path_id(id));
    }
    if let Some(id) = id.strip_suffix("/source") {
        return source(&s, &path_id(id), &params);
    }
    let id = path_id(&id);
    let docs: Vec<serde_json::Value> = s
        .registry
        .documents
        .iter()
        .filter(|d| crate::registry::act_key(d) == id)
        .filter_map(|d| d.to_json().ok())
        .collect();
    if docs.is_empty() {
        return Err(ApiError::not_found(format!("{id}: no such act")));
    }
    let node = s.registry.node(&id);
    Ok(Json(serde_json::json!({
        "id": id,
        "status": node.map(|n| s.registry.status_at(n, s.today)),
        "history": node.map(|n| s.registry.history(n)),
        "records": docs,
    }))
    .into_response())
}

async fn status(
    State(s): State<Arc<AppState>>,
    Params(params): Params<BTreeMap<String, String>>,
) -> Result<Response, ApiError> {
    let date = |name: &str, v: &str| {
        Date::parse(v)
            .ok_or_else(|| ApiError::bad(format!("{name}: {v:?} is not a date (YYYY-MM-DD)")))
    };
    let between = match params.get("lost_between") {
        Some(v) => {
            let (a, b) = v
                .split_once("..")
                .ok_or_else(|| ApiError::bad(format!("lost_between: {v:?} is not FROM..TO")))?;
            Some((date("lost_between", a)?, date("lost_between", b)?))
        }
        None => None,
    };
    let as_of = match (params.get("as_of"), between) {
        (Some(v), _) => date("as_of", v)?,
        (None, Some((_, to))) => to,
        (None, None) => s.today,
    };
    for k in params.keys() {
        if !["as_of", "region", "lost_between", "format"].contains(&k.as_str()) {
            return Err(ApiError::bad(format!("{k}: no such parameter")));
        }
    }
    let rows = s.registry.status_rows(&StatusQuery {
        as_of,
        region: params.get("region").cloned(),
        lost_between: between,
        with_references: false,
    });
    Ok(Json(rows).into_response())
}

/// A regulation of the registry by its id.
fn regulation<'a>(s: &'a AppState, id: &str) -> Result<&'a crate::record::Regulation, ApiError> {
    s.registry
        .documents
        .iter()
        .flat_map(|d| &d.regulations)
        .find(|r| r.id.as_deref() == Some(id))
        .ok_or_else(|| ApiError::not_found(format!("{id}: no such regulation")))
}

async fn diff(
    State(s): State<Arc<AppState>>,
    Params(params): Params<BTreeMap<String, String>>,
) -> Result<Response, ApiError> {
    let id = |name: &str| {
        params
            .get(name)
            .ok_or_else(|| ApiError::bad(format!("{name}: a regulation id is needed")))
    };
    let (a_id, b_id) = (id("a")?, id("b")?);
    let (a, b) = (regulation(&s, a_id)?, regulation(&s, b_id)?);
    Ok(Json(crate::diff::regulations(a_id, a, b_id, b)).into_response())
}

fn act_regulations(s: &AppState, id: &str) -> Result<Response, ApiError> {
    let regs: Vec<serde_json::Value> = s
        .registry
        .documents
        .iter()
        .filter(|d| crate::registry::act_key(d) == id)
        .flat_map(|d| &d.regulations)
        .map(|r| {
            serde_json::json!({
                "id": r.id,
                "service": r.service.as_ref().map(|x| &x.value),
                "language": r.language,
            })
        })
        .collect();
    if s.registry.node(id).is_none() {
        return Err(ApiError::not_found(format!("{id}: no such act")));
    }
    Ok(Json(regs).into_response())
}

/// The original text of an act's file (`lang=ru|kk` picks a language),
/// with `highlight=START-END` marking a span as `{before, span, after}`.
fn source(s: &AppState, id: &str, params: &BTreeMap<String, String>) -> Result<Response, ApiError> {
    let lang = match params.get("lang").map(String::as_str) {
        None | Some("") => None,
        Some("ru") => Some(crate::record::Language::Ru),
        Some("kk") => Some(crate::record::Language::Kk),
        Some(other) => return Err(ApiError::bad(format!("lang: {other:?}: expected ru or kk"))),
    };
    let doc = s
        .registry
        .documents
        .iter()
        .filter(|d| crate::registry::act_key(d) == id)
        .find(|d| lang.is_none_or(|l| d.language == l))
        .ok_or_else(|| ApiError::not_found(format!("{id}: no such act text")))?;
    let bytes = std::fs::read(&doc.source.path).map_err(|e| {
        tracing::error!("{}: {e}", doc.source.path);
        ApiError::not_found(format!("{id}: its source file is not readable"))
    })?;
    let text = String::from_utf8_lossy(&bytes).to_string();
    let Some(h) = params.get("highlight") else {
        return Ok(
            Json(serde_json::json!({"path": doc.source.path, "text": text})).into_response(),
        );
    };
    let bad = || ApiError::bad(format!("highlight: {h:?}: expected START-END byte offsets"));
    let (a, b) = h.split_once('-').ok_or_else(bad)?;
    let (a, b): (usize, usize) = (a.parse().map_err(|_| bad())?, b.parse().map_err(|_| bad())?);
    let part =
        |r: std::ops::Range<usize>| bytes.get(r).map(|x| String::from_utf8_lossy(x).to_string());
    match (part(0..a), part(a..b), part(b..bytes.len())) {
        (Some(before), Some(span), Some(after)) => Ok(Json(serde_json::json!({
            "path": doc.source.path, "before": before, "span": span, "after": after
        }))
        .into_response()),
        _ => Err(bad()),
    }
}

async fn regulation_record(
    State(s): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let r = regulation(&s, &path_id(&id))?;
    Ok(Json(crate::record::plain(r)).into_response())
}

async fn lineage(
    State(s): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = path_id(&id);
    let l = s
        .registry
        .lineage(&id)
        .ok_or_else(|| ApiError::not_found(format!("{id}: no such act")))?;
    Ok(Json(l).into_response())
}
