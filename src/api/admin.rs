//! The writing endpoints: `POST /api/v1/acts` adds a text to the corpus
//! and indexes it, `POST /api/v1/reindex` brings the index up to date with
//! the corpus. They exist only on a server given an [`Admin`] (`serve`
//! with `REGLAMENT_ADMIN_TOKEN` set), and answer only a request carrying
//! its token as `Authorization: Bearer …`: without one 401, with another
//! 403.
//!
//! Invariants:
//! - a posted text is stored before it is indexed, atomically (a temporary
//!   file beside it, synced, renamed over the name, the directory synced):
//!   the corpus holds the old text or the new one, whole;
//! - a failed indexing leaves the text stored and the server answering
//!   from the index it had; a retry (reindex, or the same post) indexes it;
//! - one write at a time; the work goes on to its end even when the client
//!   leaves, and the server's state is replaced only with a whole new one.

use super::error::{ApiError, Params};
use super::limits::{MAX_BODY, WRITE_TIMEOUT, deadline};
use super::{AppState, Live};
use crate::index::{Options, Report};
use crate::registry::act_key;
use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use subtle::ConstantTimeEq;

/// What the writing endpoints need. A server without one has none.
#[derive(Debug, Clone)]
pub struct Admin {
    /// The token a writer must present (`Authorization: Bearer …`).
    pub token: String,
    /// The index directory the server answers from, updated by writes.
    pub index: PathBuf,
    /// The parser's fingerprint, as `reglament index` uses it.
    pub fingerprint: String,
}

/// The longest file name a posted text is stored under, in bytes.
pub const MAX_NAME: usize = 200;

/// The writing endpoints' state: the configuration, the token's digest,
/// and the lock that lets one write run at a time.
pub struct Writer {
    config: Admin,
    digest: [u8; 32],
    serial: Arc<tokio::sync::Mutex<()>>,
}

impl Writer {
    /// A writer for `config`.
    pub fn new(config: Admin) -> Writer {
        Writer {
            digest: Sha256::digest(config.token.as_bytes()).into(),
            config,
            serial: Arc::new(tokio::sync::Mutex::new(())),
        }
    }

    /// Whether `token` is the server's, in time independent of where they
    /// differ: the digests compared are of equal length whatever was sent.
    fn accepts(&self, token: &str) -> bool {
        let digest: [u8; 32] = Sha256::digest(token.as_bytes()).into();
        !self.config.token.is_empty() && bool::from(digest.ct_eq(&self.digest))
    }
}

/// The writing routes, each under the write timeout.
pub fn routes() -> Router<Live> {
    Router::new()
        .route(
            "/api/v1/acts",
            post(add_act).layer(DefaultBodyLimit::max(MAX_BODY)),
        )
        .route("/api/v1/reindex", post(reindex))
        .layer(axum::middleware::from_fn_with_state(
            WRITE_TIMEOUT,
            deadline,
        ))
}

/// A request that carried the server's token.
pub struct Authorized(Arc<Writer>);

impl FromRequestParts<Live> for Authorized {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, live: &Live) -> Result<Self, Response> {
        let Some(writer) = live.admin.clone() else {
            return Err(ApiError::not_found("no such page or endpoint").into_response());
        };
        match bearer(&parts.headers) {
            None => {
                let mut r = ApiError::unauthorized().into_response();
                r.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"reglament\""),
                );
                Err(r)
            }
            Some(token) if writer.accepts(token) => Ok(Authorized(writer)),
            Some(_) => Err(ApiError::forbidden().into_response()),
        }
    }
}

/// The token of an `Authorization: Bearer …` header, when there is one
/// header of that scheme with a token.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    let mut values = headers.get_all(header::AUTHORIZATION).iter();
    let value = values.next()?.to_str().ok()?;
    if values.next().is_some() {
        return None;
    }
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// Add a text to the corpus and index it. The text is stored under `name`
/// in the corpus directory (a plain file name ending in .txt, .md, .html
/// or .htm; an existing text of that name is replaced), then the index is
/// updated and the server answers from it.
#[utoipa::path(post, path = "/api/v1/acts", tag = "admin",
    params(("name" = String, Query, description = "The file name the text is stored under in the corpus: a plain name ending in .txt, .md, .html or .htm")),
    request_body(content = String, description = "The text, at most 10 MB, in any encoding reglament reads", content_type = "text/plain"),
    security(("bearer" = [])),
    responses((status = 201, description = "Stored and indexed: {stored, replaced, acts, index}"),
              (status = 200, description = "Replaced a text of that name, and indexed"),
              (status = 400, body = ApiError), (status = 401, body = ApiError),
              (status = 403, body = ApiError), (status = 413, body = ApiError),
              (status = 500, description = "Stored, but not indexed: a retry indexes it", body = ApiError)))]
pub async fn add_act(
    Authorized(writer): Authorized,
    State(live): State<Live>,
    params: Params,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    params.only(&["name"])?;
    let name = file_name(params.get("name"))?.to_string();
    let body = body.map_err(ApiError::body)?;
    // Only a text reglament can read is stored.
    crate::source::Source::from_bytes(&name, body.to_vec())?;
    let done = write(live, writer, Some((name, body)), false).await?;
    let status = if done.replaced {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    let mut response = (status, axum::Json(&done)).into_response();
    if let [id] = done.acts.as_slice()
        && let Ok(location) = HeaderValue::from_str(&format!("/api/v1/acts{id}"))
    {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

/// Bring the index up to date with the corpus (only new and changed texts
/// are parsed; `rebuild=true` parses everything again), and answer from it.
#[utoipa::path(post, path = "/api/v1/reindex", tag = "admin",
    params(("rebuild" = Option<bool>, Query, description = "true: parse everything again and rebuild the index")),
    security(("bearer" = [])),
    responses((status = 200, description = "{index}: what the update did"),
              (status = 400, body = ApiError), (status = 401, body = ApiError),
              (status = 403, body = ApiError), (status = 500, body = ApiError)))]
pub async fn reindex(
    Authorized(writer): Authorized,
    State(live): State<Live>,
    params: Params,
) -> Result<Response, ApiError> {
    params.only(&["rebuild"])?;
    let rebuild = match params.get("rebuild") {
        None | Some("false") => false,
        Some("true") => true,
        Some(other) => {
            return Err(ApiError::bad(format!(
                "rebuild: {other:?}: expected true or false"
            )));
        }
    };
    let done = write(live, writer, None, rebuild).await?;
    Ok(axum::Json(&done).into_response())
}

/// What a write did.
#[derive(Debug, serde::Serialize)]
struct Done {
    /// The stored text's name in the corpus.
    #[serde(skip_serializing_if = "Option::is_none")]
    stored: Option<String>,
    /// Whether it replaced a text of that name.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    replaced: bool,
    /// The acts the stored text holds.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    acts: Vec<String>,
    /// What the index update did.
    index: Report,
}

/// Run a write on a blocking thread, after the one before it. The lock
/// goes with the work, so a client that leaves does not let another write
/// start before this one ends.
async fn write(
    live: Live,
    writer: Arc<Writer>,
    text: Option<(String, Bytes)>,
    rebuild: bool,
) -> Result<Done, ApiError> {
    let turn = Arc::clone(&writer.serial).lock_owned().await;
    tokio::task::spawn_blocking(move || {
        let _turn = turn;
        let text = text.as_ref().map(|(n, b)| (n.as_str(), b.as_ref()));
        store_and_index(&live, &writer.config, text, rebuild)
    })
    .await
    .map_err(|e| {
        tracing::error!("a write failed: {e}");
        ApiError::internal()
    })?
}

/// Store the text (when there is one), update the index, and replace the
/// server's state with one over the updated index.
fn store_and_index(
    live: &Live,
    admin: &Admin,
    text: Option<(&str, &[u8])>,
    rebuild: bool,
) -> Result<Done, ApiError> {
    let current = live.current.load_full();
    let mut done = Done {
        stored: None,
        replaced: false,
        acts: Vec::new(),
        index: Report::default(),
    };
    let mut path = None;
    if let Some((name, bytes)) = text {
        let p = current.corpus.join(name);
        done.replaced = p.exists();
        store(&p, bytes).map_err(|e| {
            tracing::error!("{}: cannot store: {e}", p.display());
            ApiError::internal()
        })?;
        done.stored = Some(name.to_string());
        path = Some(p);
    }
    let failed = |e: crate::error::Error| {
        tracing::error!("indexing {}: {e}", current.corpus.display());
        ApiError::not_indexed(done.stored.as_deref())
    };
    let opts = Options {
        corpus: current.corpus.clone(),
        index: admin.index.clone(),
        fingerprint: admin.fingerprint.clone(),
        rebuild,
    };
    let report = crate::index::update(&opts, current.grammar, &mut |_| {}).map_err(failed)?;
    let next = AppState::load(
        &current.corpus,
        &admin.index,
        current.grammar,
        current.today,
    )
    .map_err(failed)?;
    if let Some(p) = &path {
        done.acts = acts_of(&next, p);
    }
    done.index = report;
    live.replace(next);
    Ok(done)
}

/// The acts whose texts come from the file `path`.
fn acts_of(state: &AppState, path: &Path) -> Vec<String> {
    let mut ids: Vec<String> = state
        .registry
        .documents
        .iter()
        .filter(|d| Path::new(&d.source.path) == path)
        .map(act_key)
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// A posted text's name: a plain file name (no folders, not hidden) of a
/// format the corpus walk reads, and not the corpus's own documentation.
fn file_name(name: Option<&str>) -> Result<&str, ApiError> {
    let name = name.ok_or_else(|| ApiError::bad("name: a file name is needed (name=act.md)"))?;
    let bad = |why: &str| Err(ApiError::bad(format!("name: {name:?}: {why}")));
    if name.len() > MAX_NAME {
        return bad("longer than 200 bytes");
    }
    if name.starts_with('.')
        || name
            .chars()
            .any(|c| matches!(c, '/' | '\\' | ':') || c.is_control())
    {
        return bad("expected a plain file name, without folders");
    }
    let path = Path::new(name);
    if !crate::source::is_text(path) {
        return bad("expected a name ending in .txt, .md, .html or .htm");
    }
    if crate::source::is_corpus_doc(path) {
        return bad("the corpus's own documentation, not an act");
    }
    Ok(name)
}

/// Write `bytes` to `path` so that it holds its old content or the new,
/// whole: into a temporary file beside it (a name the corpus walk skips),
/// synced, renamed over it, and the directory synced so the rename lasts.
fn store(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let write = || -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        std::fs::File::open(dir)?.sync_all()
    };
    write().inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_plain_text_file_names() {
        for ok in ["act.md", "272.txt", "решение 5.html", "a.htm"] {
            assert_eq!(file_name(Some(ok)).unwrap(), ok);
        }
        for bad in [
            "../act.md",
            "a/b.md",
            "a\\b.md",
            "..",
            ".hidden.md",
            "/etc/passwd.md",
            "c:act.md",
            "act.exe",
            "act",
            "act.md\n",
            "SOURCES.md",
            "README.md",
        ] {
            assert!(file_name(Some(bad)).is_err(), "{bad:?}");
        }
        assert!(file_name(None).is_err());
        assert!(file_name(Some(&format!("{}.md", "a".repeat(MAX_NAME)))).is_err());
    }

    #[test]
    fn bearer_takes_one_header_of_its_scheme() {
        let with = |values: &[&str]| {
            let mut h = HeaderMap::new();
            for v in values {
                h.append(header::AUTHORIZATION, HeaderValue::from_str(v).unwrap());
            }
            h
        };
        assert_eq!(bearer(&with(&["Bearer abc"])), Some("abc"));
        assert_eq!(bearer(&with(&["bearer  abc "])), Some("abc"));
        assert_eq!(bearer(&with(&[])), None);
        assert_eq!(bearer(&with(&["Basic abc"])), None);
        assert_eq!(bearer(&with(&["Bearer"])), None);
        assert_eq!(bearer(&with(&["Bearer "])), None);
        assert_eq!(bearer(&with(&["Bearer a", "Bearer b"])), None);
    }

    #[test]
    fn only_the_token_is_accepted() {
        let w = Writer::new(Admin {
            token: "s3cret".into(),
            index: PathBuf::new(),
            fingerprint: String::new(),
        });
        assert!(w.accepts("s3cret"));
        for wrong in ["s3cre", "s3cret!", "S3CRET", ""] {
            assert!(!w.accepts(wrong), "{wrong:?}");
        }
        let empty = Writer::new(Admin {
            token: String::new(),
            index: PathBuf::new(),
            fingerprint: String::new(),
        });
        assert!(!empty.accepts(""));
    }

    #[test]
    fn a_stored_text_replaces_the_old_one_whole_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("act.md");
        store(&path, b"one").unwrap();
        store(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["act.md"]);
    }
}
