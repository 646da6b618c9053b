//! Access control and limits (issue 13): the writing endpoints exist only
//! with an admin token and answer only to it; a posted text is stored,
//! then indexed, and a failed indexing is retried; bodies, query strings
//! and pages are capped; the source endpoints read nothing outside the
//! corpus, however the path is spelled.
//!
//! Every test works on its own copy of a small corpus in a temporary
//! directory: nothing is written into the repository.

use crate::api::run;
use crate::util::{grammar, root};
use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use reglament::{Admin, AppState, Date, IndexOptions};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower::ServiceExt;

const TOKEN: &str = "s3cret-token";

/// A small act of its own: its id, and a word no seed holds.
const NEW_ACT: &str = "**Об утверждении регламента государственной услуги «Выдача справок пасечникам»**\n\n\
Постановление акимата Западно-Казахстанской области от 31 октября 2017 года № 9001. \
Зарегистрировано Департаментом юстиции Западно-Казахстанской области 20 ноября 2017 года № 4999.\n\n\
Акимат Западно-Казахстанской области ПОСТАНОВЛЯЕТ:\n\n\
1. Утвердить регламент государственной услуги «Выдача справок пасечникам».\n\n\
2. Настоящее постановление вводится в действие по истечении десяти календарных дней после дня первого официального опубликования.\n";
const NEW_ID: &str = "akn/kz-27/act/resolution/akimat/2017-10-31/9001";

/// A corpus (seed 000) and its index in a temporary directory.
struct Corpus {
    dir: tempfile::TempDir,
}

impl Corpus {
    fn new() -> Corpus {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("corpus")).unwrap();
        std::fs::copy(
            root().join("corpus/000_c6230eaa1ba36d7d.txt"),
            dir.path().join("corpus/000_c6230eaa1ba36d7d.txt"),
        )
        .unwrap();
        Corpus { dir }
    }

    fn corpus(&self) -> PathBuf {
        self.dir.path().join("corpus")
    }

    fn index(&self) -> PathBuf {
        self.dir.path().join("index")
    }

    /// Index the corpus, and a router over it: with the writing endpoints
    /// when `admin`.
    fn router(&self, admin: bool) -> Router {
        let opts = IndexOptions {
            corpus: self.corpus(),
            index: self.index(),
            fingerprint: "test".into(),
            rebuild: false,
        };
        reglament::update_index(&opts, grammar(), &mut |_| {}).unwrap();
        let today = Date::parse("2026-11-29").unwrap();
        let state = AppState::load(&self.corpus(), &self.index(), grammar(), today).unwrap();
        let admin = admin.then(|| Admin {
            token: TOKEN.into(),
            index: self.index(),
            fingerprint: "test".into(),
        });
        reglament::router_with(Arc::new(state), admin)
    }
}

/// Send a request: status, headers, body as JSON (null when not JSON) and
/// as text.
async fn send(
    app: &Router,
    req: Request<Body>,
) -> (StatusCode, axum::http::HeaderMap, serde_json::Value, String) {
    let response = app.clone().oneshot(req).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let json = serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null);
    (status, headers, json, text)
}

async fn get(app: &Router, uri: &str) -> (StatusCode, serde_json::Value, String) {
    let (status, _, json, text) = send(app, Request::get(uri).body(Body::empty()).unwrap()).await;
    (status, json, text)
}

/// A POST with an optional Authorization header.
fn post(uri: &str, auth: Option<&str>, body: impl Into<Body>) -> Request<Body> {
    let mut req = Request::post(uri);
    if let Some(a) = auth {
        req = req.header(header::AUTHORIZATION, a);
    }
    req.body(body.into()).unwrap()
}

fn bearer() -> String {
    format!("Bearer {TOKEN}")
}

#[test]
fn without_the_token_variable_the_writing_endpoints_are_404() {
    let c = Corpus::new();
    let app = c.router(false);
    run(async {
        let (_, _, unknown, _) = send(&app, post("/api/v1/nowhere", None, "")).await;
        for uri in ["/api/v1/acts?name=new.md", "/api/v1/reindex"] {
            for auth in [None, Some(bearer())] {
                let (status, _, v, _) = send(&app, post(uri, auth.as_deref(), NEW_ACT)).await;
                assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
                assert_eq!(v, unknown, "{uri}: the 404 of any unknown path");
            }
        }
    });
    assert!(!c.corpus().join("new.md").exists());
}

#[test]
fn a_missing_token_is_401_and_a_wrong_one_403() {
    let c = Corpus::new();
    let app = c.router(true);
    run(async {
        for uri in ["/api/v1/acts?name=new.md", "/api/v1/reindex"] {
            for auth in [
                None,
                Some("Basic czNjcmV0"),
                Some("Bearer"),
                Some("Bearer "),
            ] {
                let (status, headers, v, _) = send(&app, post(uri, auth, NEW_ACT)).await;
                assert_eq!(status, StatusCode::UNAUTHORIZED, "{uri} {auth:?}");
                assert_eq!(v["code"], "unauthorized");
                assert!(
                    headers[header::WWW_AUTHENTICATE]
                        .to_str()
                        .unwrap()
                        .starts_with("Bearer"),
                    "{uri}"
                );
            }
            let wrong = [
                "Bearer wrong",
                "Bearer s3cret-toke",
                "Bearer s3cret-token!",
                "Bearer S3CRET-TOKEN",
            ];
            for auth in wrong {
                let (status, _, v, _) = send(&app, post(uri, Some(auth), NEW_ACT)).await;
                assert_eq!(status, StatusCode::FORBIDDEN, "{uri} {auth}");
                assert_eq!(v["code"], "forbidden");
                assert_eq!(v["status"], 403);
            }
        }
    });
    assert!(!c.corpus().join("new.md").exists());
}

#[test]
fn with_the_token_a_text_is_stored_then_indexed_and_served() {
    let c = Corpus::new();
    let app = c.router(true);
    run(async {
        let (status, _, _) = get(&app, &format!("/api/v1/acts/{NEW_ID}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, headers, v, text) = send(
            &app,
            post("/api/v1/acts?name=new.md", Some(&bearer()), NEW_ACT),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{text}");
        assert_eq!(v["stored"], "new.md");
        assert_eq!(v["acts"][0], format!("/{NEW_ID}"));
        assert_eq!(v["index"]["parsed"], 1);
        assert_eq!(
            headers[header::LOCATION],
            format!("/api/v1/acts/{NEW_ID}").as_str()
        );
        // Stored in the corpus, whole, with no temporary file left.
        assert_eq!(
            std::fs::read_to_string(c.corpus().join("new.md")).unwrap(),
            NEW_ACT
        );
        assert_eq!(names(&c.corpus()), ["000_c6230eaa1ba36d7d.txt", "new.md"]);
        // Indexed, and the server answers from the new index.
        let (status, v, _) = get(&app, &format!("/api/v1/acts/{NEW_ID}")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(v["records"][0]["act"]["number"], "9001");
        let (status, v, _) = get(&app, "/api/v1/search?q=пасечникам").await;
        assert_eq!(status, StatusCode::OK);
        assert!(v.to_string().contains("2017-10-31/9001"), "{v}");
        // The seed is still there.
        let (status, _, _) = get(
            &app,
            "/api/v1/acts/akn/kz-27/act/resolution/akimat/2017-10-31/272",
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        // Posting the same name again replaces the text.
        let (status, _, v, _) = send(
            &app,
            post("/api/v1/acts?name=new.md", Some(&bearer()), NEW_ACT),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(v["replaced"], true);
    });
}

/// The names in a directory, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_failed_indexing_leaves_the_text_stored_and_a_reindex_indexes_it() {
    let c = Corpus::new();
    let app = c.router(true);
    // Another updater holds the index: this server's indexing fails.
    let lock = std::fs::File::create(c.index().join("LOCK")).unwrap();
    lock.try_lock().unwrap();
    run(async {
        let (status, _, v, _) = send(
            &app,
            post("/api/v1/acts?name=new.md", Some(&bearer()), NEW_ACT),
        )
        .await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(v["code"], "not_indexed");
        assert!(v["message"].as_str().unwrap().contains("new.md"), "{v}");
        assert_eq!(
            std::fs::read_to_string(c.corpus().join("new.md")).unwrap(),
            NEW_ACT
        );
        // The server still answers, from the index it had.
        let (status, _, _) = get(&app, &format!("/api/v1/acts/{NEW_ID}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _, _) = get(&app, "/api/v1/search?q=регистрация").await;
        assert_eq!(status, StatusCode::OK);
        let (status, _, v, _) = send(&app, post("/api/v1/reindex", Some(&bearer()), "")).await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(v["code"], "not_indexed");

        lock.unlock().unwrap();
        let (status, _, v, text) = send(&app, post("/api/v1/reindex", Some(&bearer()), "")).await;
        assert_eq!(status, StatusCode::OK, "{text}");
        assert_eq!(v["index"]["parsed"], 1);
        let (status, v, _) = get(&app, &format!("/api/v1/acts/{NEW_ID}")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(v["records"][0]["act"]["number"], "9001");
        // A second reindex finds nothing to do.
        let (status, _, v, _) = send(&app, post("/api/v1/reindex", Some(&bearer()), "")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(v["index"]["unchanged"], true);
        let (status, _, v, _) = send(
            &app,
            post("/api/v1/reindex?rebuild=yes", Some(&bearer()), ""),
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{v}");
    });
}

#[test]
fn a_posted_text_needs_a_plain_text_file_name_and_a_readable_body() {
    let c = Corpus::new();
    let app = c.router(true);
    run(async {
        for name in [
            "",
            "..%2Fescaped.md",
            "..",
            "sub%2Fnew.md",
            "%2Ftmp%2Fnew.md",
            "..%5Cnew.md",
            ".hidden.md",
            "new.exe",
            "SOURCES.md",
        ] {
            let uri = format!("/api/v1/acts?name={name}");
            let (status, _, v, _) = send(&app, post(&uri, Some(&bearer()), NEW_ACT)).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{name}");
            assert_eq!(v["code"], "bad_parameter", "{name}");
        }
        for body in [Vec::new(), vec![0u8, 159, 146, 150, 0, 1, 2, 3]] {
            let (status, _, v, _) = send(
                &app,
                post("/api/v1/acts?name=new.md", Some(&bearer()), body),
            )
            .await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{v}");
        }
    });
    assert_eq!(names(&c.corpus()), ["000_c6230eaa1ba36d7d.txt"]);
    assert!(!c.dir.path().join("escaped.md").exists());
}

#[test]
fn bodies_query_strings_and_pages_are_capped() {
    let c = Corpus::new();
    let app = c.router(true);
    run(async {
        let big = vec![b'a'; MAX_BODY + 1];
        let (status, _, v, _) = send(
            &app,
            post("/api/v1/acts?name=big.md", Some(&bearer()), big.clone()),
        )
        .await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(v["code"], "payload_too_large");
        // The token is asked for before the body is read.
        let (status, _, _, _) = send(&app, post("/api/v1/acts?name=big.md", None, big)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);

        let q = "а".repeat(1001);
        let (status, v, _) = get(&app, &format!("/api/v1/search?q={q}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(v["message"].as_str().unwrap().contains("1000"), "{v}");
        let (status, _, _) = get(&app, &format!("/api/v1/search?q={}", "а".repeat(1000))).await;
        assert_ne!(status, StatusCode::BAD_REQUEST);

        let long = format!("/api/v1/status?region={}", "x".repeat(17 * 1024));
        let (status, v, _) = get(&app, &long).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(
            v["message"].as_str().unwrap().contains("query string"),
            "{v}"
        );

        let (status, v, _) = get(&app, "/api/v1/search?q=регистрация&per_page=100").await;
        assert_eq!(status, StatusCode::OK, "{v}");
        for over in ["per_page=101", "per_page=100000", "page=11&per_page=100"] {
            let (status, v, _) = get(&app, &format!("/api/v1/search?q=регистрация&{over}")).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{over}");
            assert_eq!(v["code"], "bad_parameter");
        }
    });
}

/// The body cap the README states: 10 MB.
const MAX_BODY: usize = 10 * 1024 * 1024;

/// A text outside the corpus, and a link to it inside: whether the corpus
/// walk takes the link as a text or skips it, its content is never served
/// as a source.
const SECRET: &str = "**Об утверждении регламента государственной услуги «Тайна ПАРОЛЬ-ВНЕ-КОРПУСА»**\n\n\
Постановление акимата Западно-Казахстанской области от 31 октября 2017 года № 666.\n\n\
1. Утвердить регламент государственной услуги «Тайна ПАРОЛЬ-ВНЕ-КОРПУСА».\n";

#[test]
fn the_source_endpoints_read_nothing_outside_the_corpus() {
    let c = Corpus::new();
    let outside = c.dir.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    std::fs::write(outside.join("secret.txt"), SECRET).unwrap();
    std::os::unix::fs::symlink(outside.join("secret.txt"), c.corpus().join("link.txt")).unwrap();
    let app = c.router(false);
    let secret = outside.join("secret.txt").display().to_string();
    let encoded = secret.replace('/', "%2F");
    let seed = "akn/kz-27/act/resolution/akimat/2017-10-31/272";
    let linked = "akn/kz-27/act/resolution/akimat/2017-10-31/666";
    run(async {
        // The seed's source is served: the endpoints work.
        let (status, _, text) = get(&app, &format!("/api/v1/acts/{seed}/source")).await;
        assert_eq!(status, StatusCode::OK, "{text}");
        let mut uris = Vec::new();
        for prefix in ["/api/v1/acts/", "/source/"] {
            let suffix = if prefix.starts_with("/api") {
                "/source"
            } else {
                ""
            };
            for id in [
                linked.to_string(),
                "../outside/secret.txt".to_string(),
                "../../../../../../etc/passwd".to_string(),
                "..%2f..%2f..%2f..%2fetc%2fpasswd".to_string(),
                "..%2F..%2Foutside%2Fsecret.txt".to_string(),
                "%2e%2e/%2e%2e/%2e%2e/etc/passwd".to_string(),
                "%2e%2e%2f%2e%2e%2foutside%2fsecret.txt".to_string(),
                "%252e%252e%252f%252e%252e%252fetc%252fpasswd".to_string(),
                "/etc/passwd".to_string(),
                "%2Fetc%2Fpasswd".to_string(),
                secret.clone(),
                encoded.clone(),
                "..\\..\\outside\\secret.txt".to_string(),
                "..%5c..%5coutside%5csecret.txt".to_string(),
                format!("{seed}/../../../../outside/secret.txt"),
                format!("{seed}%2f..%2f..%2foutside%2fsecret.txt"),
            ] {
                uris.push(format!("{prefix}{id}{suffix}"));
            }
            for query in [
                "file=../../outside/secret.txt",
                "file=%2Fetc%2Fpasswd",
                "lang=..%2F..%2Fetc%2Fpasswd",
                "file=meta",
            ] {
                uris.push(format!("{prefix}{seed}{suffix}?{query}"));
            }
        }
        for uri in uris {
            let req = match Request::get(uri.as_str()).body(Body::empty()) {
                Ok(req) => req,
                // A URI that http refuses never reaches the server.
                Err(_) => continue,
            };
            let (status, _, _, text) = send(&app, req).await;
            assert!(
                status == StatusCode::BAD_REQUEST || status == StatusCode::NOT_FOUND,
                "{uri}: {status}"
            );
            assert!(!text.contains("ПАРОЛЬ-ВНЕ-КОРПУСА"), "{uri}: {text}");
            assert!(!text.contains("root:"), "{uri}: {text}");
        }
    });
}

#[test]
fn the_openapi_document_names_the_writing_endpoints_and_their_scheme() {
    let c = Corpus::new();
    let app = c.router(false);
    run(async {
        let (status, v, _) = get(&app, "/openapi.json").await;
        assert_eq!(status, StatusCode::OK);
        for path in ["/api/v1/acts", "/api/v1/reindex"] {
            let op = &v["paths"][path]["post"];
            assert!(op.is_object(), "{path} is not in the document");
            assert!(op["security"][0]["bearer"].is_array(), "{path}: {op}");
            assert!(op["responses"]["401"].is_object(), "{path}");
            assert!(op["responses"]["403"].is_object(), "{path}");
        }
        let scheme = &v["components"]["securitySchemes"]["bearer"];
        assert_eq!(scheme["type"], "http");
        assert_eq!(scheme["scheme"], "bearer");
    });
}
