//! The JSON endpoints under `/api/v1`. Each handler reads its parameters
//! through [`Params`], so every bad value is a 400 naming the parameter.
//! The `#[utoipa::path]` attributes are the OpenAPI document's source.

use super::AppState;
use super::error::{ApiError, IdPath, Params};
use crate::index::Query;
use crate::record::{Date, Document, Language, Regulation};
use crate::registry::{Registry, StatusQuery, act_key};
use crate::registry::{ReportFormat as Format, render_status};
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use std::path::{Path, PathBuf};
use std::sync::Arc;

type Shared = State<Arc<AppState>>;

/// Search acts, regulations and provisions.
#[utoipa::path(get, path = "/api/v1/search", tag = "search",
    params(
        ("q" = String, Query, description = "Words and \"phrases\", Russian or Kazakh"),
        ("status" = Option<String>, Query, description = "in_force | lost_force | not_yet_in_force | unknown"),
        ("as_of" = Option<String>, Query, description = "The date statuses are taken on (YYYY-MM-DD); today by default"),
        ("region" = Option<String>, Query, description = "ISO 3166-2:KZ code (KZ-27), or KZ for national acts"),
        ("body" = Option<String>, Query, description = "Issuing body: akimat, maslikhat, ministry, …"),
        ("kind" = Option<String>, Query, description = "Kind of act: resolution, decision, order, …"),
        ("lang" = Option<String>, Query, description = "ru | kk"),
        ("year" = Option<String>, Query, description = "A year or a range: 2015..2019"),
        ("level" = Option<String>, Query, description = "act | regulation | provision"),
        ("service" = Option<String>, Query, description = "Words of the service's name"),
        ("page" = Option<u32>, Query, description = "Page, from 1"),
    ),
    responses((status = 200, description = "Hits grouped by act, facets and snippets"),
              (status = 400, body = ApiError)))]
pub async fn search(State(s): Shared, params: Params) -> Result<Response, ApiError> {
    Ok(Json(run_search(&s, &params)?).into_response())
}

/// The search a query string asks for (shared with the web page).
pub fn run_search(s: &AppState, params: &Params) -> Result<crate::index::Results, ApiError> {
    let mut q = Query::new(params.get("q").unwrap_or_default(), s.today)?;
    for (k, v) in &params.0 {
        // `ui` is the web page's language; empty form fields are not given.
        if k != "q" && k != "ui" && !v.is_empty() {
            q.set(k, v)?;
        }
    }
    Ok(s.index.search(&q)?)
}

/// The texts (records) of an act.
pub fn act_documents<'a>(r: &'a Registry, id: &str) -> Vec<&'a Document> {
    r.documents.iter().filter(|d| act_key(d) == id).collect()
}

/// An act's records, with its status today and its status history.
/// `/api/v1/acts/{id}/regulations` lists its regulations, and
/// `/api/v1/acts/{id}/source` gives its original text.
#[utoipa::path(get, path = "/api/v1/acts/{id}", tag = "acts",
    params(("id" = String, Path, description = "Work id without its leading slash: akn/kz-27/act/resolution/akimat/2017-10-31/272"),
           ("format" = Option<String>, Query, description = "json (default) | akn: the Akoma Ntoso 3.0 document of one text"),
           ("lang" = Option<String>, Query, description = "ru | kk: the text, with format=akn")),
    responses((status = 200, description = "The act's records (one per language), status and history"),
              (status = 404, body = ApiError)))]
pub async fn act(
    State(s): Shared,
    IdPath(id): IdPath,
    params: Params,
) -> Result<Response, ApiError> {
    // A wildcard must end a route: the sub-resources are told apart here.
    if let Some(id) = id.strip_suffix("/regulations") {
        return act_regulations(&s, id);
    }
    if let Some(id) = id.strip_suffix("/source") {
        return source(&s, id, &params);
    }
    params.only(&["format", "lang"])?;
    match params.get("format") {
        None | Some("json") => {}
        Some("akn") => {
            let lang = language(params.get("lang"))?;
            let xml = crate::export::akn_act(&s.registry, &id, lang)?;
            return Ok(([(header::CONTENT_TYPE, "application/akn+xml")], xml).into_response());
        }
        Some(other) => {
            return Err(ApiError::bad(format!(
                "format: {other:?}: expected json or akn"
            )));
        }
    }
    let docs = act_documents(&s.registry, &id);
    if docs.is_empty() {
        return Err(ApiError::not_found(format!("{id}: no such act")));
    }
    let records = docs
        .iter()
        .map(|d| d.to_json())
        .collect::<crate::error::Result<Vec<_>>>()?;
    let node = s.registry.node(&id);
    Ok(Json(serde_json::json!({
        "id": id,
        "status": node.map(|n| s.registry.status_at(n, s.today)),
        "history": node.map(|n| s.registry.history(n)),
        "records": records,
    }))
    .into_response())
}

/// An act's regulations.
#[utoipa::path(get, path = "/api/v1/acts/{id}/regulations", tag = "acts",
    params(("id" = String, Path, description = "Work id without its leading slash")),
    responses((status = 200, description = "[{id, service, language}]"), (status = 404, body = ApiError)))]
pub fn act_regulations(s: &AppState, id: &str) -> Result<Response, ApiError> {
    let docs = act_documents(&s.registry, id);
    if docs.is_empty() {
        return Err(ApiError::not_found(format!("{id}: no such act")));
    }
    let regs: Vec<serde_json::Value> = docs
        .iter()
        .flat_map(|d| &d.regulations)
        .map(|r| {
            serde_json::json!({
                "id": r.id,
                "service": r.service.as_ref().map(|x| &x.value),
                "language": r.language,
            })
        })
        .collect();
    Ok(Json(regs).into_response())
}

/// Which file of an act a source request reads.
pub struct SourceText {
    /// The file's path.
    pub path: String,
    /// Its bytes, as text.
    pub text: String,
    /// The highlighted span, when asked for and inside the file.
    pub highlight: Option<(usize, usize)>,
}

/// Read an act's source: `lang` picks the text, `file=meta` an act
/// folder's meta.yaml, `highlight=START-END` a byte span.
pub fn read_source(s: &AppState, id: &str, params: &Params) -> Result<SourceText, ApiError> {
    params.only(&["lang", "file", "highlight", "ui"])?;
    let lang = language(params.get("lang"))?;
    let doc = act_documents(&s.registry, id)
        .into_iter()
        .find(|d| lang.is_none_or(|l| d.language == l))
        .ok_or_else(|| ApiError::not_found(format!("{id}: no such act text")))?;
    let path = match params.get("file") {
        None | Some("text") => doc.source.path.clone(),
        Some("meta") => doc
            .source
            .meta
            .as_ref()
            .map(|m| m.path.clone())
            .ok_or_else(|| ApiError::not_found(format!("{id}: its text has no meta.yaml")))?,
        Some(other) => {
            return Err(ApiError::bad(format!(
                "file: {other:?}: expected text or meta"
            )));
        }
    };
    // Only files the registry loaded are read: a path never comes from the
    // request. And only inside the corpus: a link out of it is not followed.
    let unreadable = || ApiError::not_found(format!("{id}: its source file is not readable"));
    let file = inside(&s.corpus, Path::new(&path)).map_err(|e| {
        tracing::error!("{path}: {e}");
        unreadable()
    })?;
    let bytes = std::fs::read(&file).map_err(|e| {
        tracing::error!("{path}: {e}");
        unreadable()
    })?;
    let highlight = params
        .get("highlight")
        .map(|h| span(h, &bytes))
        .transpose()?;
    Ok(SourceText {
        path,
        text: String::from_utf8_lossy(&bytes).into_owned(),
        highlight,
    })
}

/// `path` with every link resolved, when that is inside `corpus` (also
/// resolved).
fn inside(corpus: &Path, path: &Path) -> std::io::Result<PathBuf> {
    let root = corpus.canonicalize()?;
    let real = path.canonicalize()?;
    if real.starts_with(&root) {
        Ok(real)
    } else {
        Err(std::io::Error::other(format!(
            "resolves to {}, outside the corpus {}",
            real.display(),
            root.display()
        )))
    }
}

/// `START-END`, byte offsets on character boundaries of `bytes`.
fn span(h: &str, bytes: &[u8]) -> Result<(usize, usize), ApiError> {
    let bad = || {
        ApiError::bad(format!(
            "highlight: {h:?}: expected START-END byte offsets inside the file"
        ))
    };
    let (a, b) = h.split_once('-').ok_or_else(bad)?;
    let (a, b): (usize, usize) = (a.parse().map_err(|_| bad())?, b.parse().map_err(|_| bad())?);
    match (bytes.get(..a), bytes.get(a..b)) {
        (Some(_), Some(_)) => Ok((a, b)),
        _ => Err(bad()),
    }
}

/// `ru` or `kk`.
pub fn language(v: Option<&str>) -> Result<Option<Language>, ApiError> {
    match v {
        None => Ok(None),
        Some("ru") => Ok(Some(Language::Ru)),
        Some("kk") => Ok(Some(Language::Kk)),
        Some(other) => Err(ApiError::bad(format!("lang: {other:?}: expected ru or kk"))),
    }
}

/// An act's original text; `highlight=START-END` marks a span, given
/// as `{before, span, after}`.
#[utoipa::path(get, path = "/api/v1/acts/{id}/source", tag = "acts",
    params(("id" = String, Path, description = "Work id without its leading slash"),
           ("lang" = Option<String>, Query, description = "ru | kk"),
           ("file" = Option<String>, Query, description = "text (default) | meta: an act folder's meta.yaml"),
           ("highlight" = Option<String>, Query, description = "START-END byte offsets")),
    responses((status = 200, description = "{path, text} or {path, before, span, after}"),
              (status = 400, body = ApiError), (status = 404, body = ApiError)))]
pub fn source(s: &AppState, id: &str, params: &Params) -> Result<Response, ApiError> {
    let src = read_source(s, id, params)?;
    let Some((a, b)) = src.highlight else {
        return Ok(Json(serde_json::json!({"path": src.path, "text": src.text})).into_response());
    };
    let bytes = src.text.as_bytes();
    let part = |r: std::ops::Range<usize>| {
        String::from_utf8_lossy(bytes.get(r).unwrap_or_default()).into_owned()
    };
    Ok(Json(serde_json::json!({
        "path": src.path, "before": part(0..a), "span": part(a..b), "after": part(b..bytes.len())
    }))
    .into_response())
}

/// A regulation of the registry by its id.
pub fn regulation<'a>(r: &'a Registry, id: &str) -> Result<&'a Regulation, ApiError> {
    r.documents
        .iter()
        .flat_map(|d| &d.regulations)
        .find(|r| r.id.as_deref() == Some(id))
        .ok_or_else(|| ApiError::not_found(format!("{id}: no such regulation")))
}

/// A regulation's full record, with spans.
#[utoipa::path(get, path = "/api/v1/regulations/{id}", tag = "regulations",
    params(("id" = String, Path, description = "Regulation id without its leading slash: akn/kz-27/act/resolution/akimat/2017-10-31/272/!regulation-3")),
    responses((status = 200, description = "The regulation"), (status = 404, body = ApiError)))]
pub async fn regulation_record(State(s): Shared, IdPath(id): IdPath) -> Result<Response, ApiError> {
    let r = regulation(&s.registry, &id)?;
    Ok(Json(crate::record::with_spans(r, "regulation")?).into_response())
}

/// An act's ancestors and descendants.
#[utoipa::path(get, path = "/api/v1/lineage/{id}", tag = "acts",
    params(("id" = String, Path, description = "Work id without its leading slash")),
    responses((status = 200, description = "{root, ancestors, descendants}"), (status = 404, body = ApiError)))]
pub async fn lineage(State(s): Shared, IdPath(id): IdPath) -> Result<Response, ApiError> {
    let l = s
        .registry
        .lineage(&id)
        .ok_or_else(|| ApiError::not_found(format!("{id}: no such act")))?;
    Ok(Json(l).into_response())
}

/// A date parameter.
pub fn date(name: &str, v: &str) -> Result<Date, ApiError> {
    Date::parse(v).ok_or_else(|| ApiError::bad(format!("{name}: {v:?} is not a date (YYYY-MM-DD)")))
}

/// The auditor's table: each act's status as of a date, or the acts that
/// lost force in a window, each with its deciding act.
#[utoipa::path(get, path = "/api/v1/status", tag = "status",
    params(("as_of" = Option<String>, Query, description = "YYYY-MM-DD; today by default (the window's end with lost_between)"),
           ("region" = Option<String>, Query, description = "ISO 3166-2:KZ code"),
           ("lost_between" = Option<String>, Query, description = "FROM..TO: acts that lost force in the window"),
           ("format" = Option<String>, Query, description = "json (default) | csv; Accept: text/csv also gives CSV")),
    responses((status = 200, description = "Rows: id, label, region, status, decided_by, date, basis"),
              (status = 400, body = ApiError)))]
pub async fn status(
    State(s): Shared,
    headers: HeaderMap,
    params: Params,
) -> Result<Response, ApiError> {
    params.only(&["as_of", "region", "lost_between", "format"])?;
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
    let accept_csv = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/csv"));
    let csv = match params.get("format") {
        Some("csv") => true,
        Some("json") => false,
        Some(other) => {
            return Err(ApiError::bad(format!(
                "format: {other:?}: expected json or csv"
            )));
        }
        None => accept_csv,
    };
    let rows = s.registry.status_rows(&StatusQuery {
        as_of,
        region: params.get("region").map(str::to_string),
        lost_between: between,
        with_references: false,
    });
    if csv {
        let body = render_status(&rows, Format::Csv)?;
        return Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], body).into_response());
    }
    Ok(Json(rows).into_response())
}

/// What a consolidation request names: an act, or a regulation in it.
pub fn consolidation_target(r: &Registry, id: &str) -> Result<(String, Option<String>), ApiError> {
    if let Some((act, _)) = id.split_once("/!") {
        let service = regulation(r, id)?.service.as_ref().map(|s| s.value.clone());
        return Ok((act.to_string(), service));
    }
    r.node(id)
        .map(|_| (id.to_string(), None))
        .ok_or_else(|| ApiError::not_found(format!("{id}: no such act")))
}

/// The consolidated text of an act or a regulation as of a date: each
/// provision marked by the act that last changed it, and the operations
/// that could not be applied.
#[utoipa::path(get, path = "/api/v1/consolidated/{id}", tag = "acts",
    params(("id" = String, Path, description = "Work id or regulation id, without its leading slash"),
           ("as_of" = Option<String>, Query, description = "YYYY-MM-DD; today by default"),
           ("lang" = Option<String>, Query, description = "ru | kk"),
           ("service" = Option<String>, Query, description = "The regulation of this service in the act")),
    responses((status = 200, description = "{target, as_of, provisions[{path, text, changed_by, change}], applied, unapplied}"),
              (status = 400, body = ApiError), (status = 404, body = ApiError)))]
pub async fn consolidated(
    State(s): Shared,
    IdPath(id): IdPath,
    params: Params,
) -> Result<Response, ApiError> {
    params.only(&["as_of", "lang", "service"])?;
    let as_of = params
        .get("as_of")
        .map(|v| date("as_of", v))
        .transpose()?
        .unwrap_or(s.today);
    let lang = language(params.get("lang"))?;
    let (act, of_id) = consolidation_target(&s.registry, &id)?;
    // A regulation named by its service: one restated by a later act has
    // its text there, not under the act's own regulation ids.
    let service = params.get("service").map(str::to_string).or(of_id);
    Ok(Json(
        s.registry
            .consolidate(&act, service.as_deref(), lang, as_of),
    )
    .into_response())
}

/// The structural diff of two regulations.
#[utoipa::path(get, path = "/api/v1/diff", tag = "regulations",
    params(("a" = String, Query, description = "A regulation id (/akn/…/!regulation-1)"),
           ("b" = String, Query, description = "Another regulation id")),
    responses((status = 200, description = "{a, b, fields[{field,a,b}], procedures[{n,change,a,b,changed}], redline[{op,text}]}"),
              (status = 400, body = ApiError), (status = 404, body = ApiError)))]
pub async fn diff(State(s): Shared, params: Params) -> Result<Response, ApiError> {
    params.only(&["a", "b"])?;
    let (a_id, b_id) = two_ids(&params)?;
    let (a, b) = (
        regulation(&s.registry, a_id)?,
        regulation(&s.registry, b_id)?,
    );
    Ok(Json(crate::diff::regulations(a_id, a, b_id, b)).into_response())
}

/// The `a` and `b` ids of a comparison.
pub fn two_ids(params: &Params) -> Result<(&str, &str), ApiError> {
    let id = |name: &str| {
        params
            .get(name)
            .ok_or_else(|| ApiError::bad(format!("{name}: an id is needed")))
    };
    Ok((id("a")?, id("b")?))
}

/// Parse a text (markdown, PDF-extracted text or a saved portal page, in
/// any encoding reglament reads) and return its record, storing nothing.
#[utoipa::path(post, path = "/api/v1/parse", tag = "parse",
    params(("name" = Option<String>, Query, description = "A file name for the record's source path (its extension picks the format)")),
    request_body(content = String, description = "The text, at most 10 MB", content_type = "text/plain"),
    responses((status = 200, description = "The record"), (status = 400, body = ApiError), (status = 413, body = ApiError)))]
pub async fn parse(
    State(s): Shared,
    params: Params,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    params.only(&["name"])?;
    let body = body.map_err(ApiError::body)?;
    let name = params.get("name").unwrap_or("request.md");
    let source = crate::source::Source::from_bytes(name, body.to_vec())?;
    let doc = crate::pipeline::document(&source, s.grammar);
    Ok(Json(doc.to_json()?).into_response())
}

/// The whole registry, streamed: `jsonl` (one record per text with its
/// `_id`, for a bulk load into OpenSearch or Quickwit), `csv` (one row per
/// text), or `akn` (JSON Lines of `{_id, act, language, xml}`, each `xml`
/// an Akoma Ntoso 3.0 document).
#[utoipa::path(get, path = "/api/v1/export", tag = "export",
    params(("format" = String, Query, description = "jsonl | csv | akn")),
    responses((status = 200, description = "The registry, streamed"), (status = 400, body = ApiError)))]
pub async fn export(State(s): Shared, params: Params) -> Result<Response, ApiError> {
    params.only(&["format"])?;
    let (kind, format) = match params.get("format") {
        Some("jsonl") => ("application/x-ndjson", Export::Jsonl),
        Some("csv") => ("text/csv; charset=utf-8", Export::Csv),
        Some("akn") => ("application/x-ndjson", Export::Akn),
        other => {
            return Err(ApiError::bad(format!(
                "format: {other:?}: expected jsonl, csv or akn"
            )));
        }
    };
    Ok(([(header::CONTENT_TYPE, kind)], stream(s, format)).into_response())
}

/// What an export writes.
#[derive(Clone, Copy)]
enum Export {
    Jsonl,
    Csv,
    Akn,
}

/// A body written line by line on a blocking thread as the client reads:
/// the registry is never rendered whole in memory. A failure mid-way is
/// logged and ends the stream, so the client sees a cut response, never a
/// complete-looking wrong one.
fn stream(s: Arc<AppState>, format: Export) -> axum::body::Body {
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<String, std::io::Error>>(64);
    tokio::task::spawn_blocking(move || {
        let r = &s.registry;
        let lines: Box<dyn Iterator<Item = crate::error::Result<String>>> = match format {
            Export::Jsonl => Box::new(crate::export::jsonl(r)),
            Export::Csv => Box::new(crate::export::csv(r, s.today)),
            Export::Akn => Box::new(crate::export::akn(r)),
        };
        for line in lines {
            let item = line.map_err(|e| {
                tracing::error!("export: {e}");
                std::io::Error::other("export failed")
            });
            let failed = item.is_err();
            if tx.blocking_send(item).is_err() || failed {
                break;
            }
        }
    });
    axum::body::Body::from_stream(futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    }))
}

/// A Russian and a Kazakh text of one act or regulation, aligned by
/// structure, each mismatch flagged.
#[utoipa::path(get, path = "/api/v1/align", tag = "acts",
    params(("a" = String, Query, description = "The act or regulation whose Russian text is aligned"),
           ("b" = String, Query, description = "The act or regulation whose Kazakh text is aligned (usually the same id)")),
    responses((status = 200, description = "{a, b, pairs[{path, a, b, flags}], summary}"),
              (status = 400, body = ApiError), (status = 404, body = ApiError)))]
pub async fn align(State(s): Shared, params: Params) -> Result<Response, ApiError> {
    params.only(&["a", "b"])?;
    let (a, b) = two_ids(&params)?;
    crate::align::by_ids(&s.registry, a, b, s.grammar)
        .map(|al| Json(al).into_response())
        .map_err(|e| ApiError::not_found(e.to_string()))
}

/// The Atom feed of status changes: acts that lost force or entered into
/// force, newest first, each linking to its page.
#[utoipa::path(get, path = "/feed.atom", tag = "export",
    responses((status = 200, description = "Atom 1.0", content_type = "application/atom+xml")))]
pub async fn feed(State(s): Shared, headers: HeaderMap) -> Response {
    // Links are absolute, as Atom wants, on the host the client asked.
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".:-[]".contains(c))
        })
        .unwrap_or("127.0.0.1:8080");
    let body = crate::export::feed(&s.registry, &format!("http://{host}"), s.today);
    (
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file of the corpus is read; a path that leaves it, by `..` or by
    /// a link, is not.
    #[test]
    fn only_files_inside_the_corpus_resolve() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        std::fs::create_dir_all(corpus.join("sub")).unwrap();
        std::fs::write(corpus.join("act.md"), "act").unwrap();
        std::fs::write(dir.path().join("secret.md"), "secret").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret.md"), corpus.join("link.md")).unwrap();
        std::os::unix::fs::symlink(corpus.join("act.md"), corpus.join("sub/inner.md")).unwrap();
        assert!(inside(&corpus, &corpus.join("act.md")).is_ok());
        assert!(inside(&corpus, &corpus.join("sub/inner.md")).is_ok());
        assert!(inside(&corpus, &corpus.join("sub/../act.md")).is_ok());
        for out in [
            "link.md",
            "../secret.md",
            "sub/../../secret.md",
            "/etc/passwd",
        ] {
            assert!(inside(&corpus, &corpus.join(out)).is_err(), "{out}");
        }
    }
}
