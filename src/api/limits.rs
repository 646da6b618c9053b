//! The server's limits, named once: what one request may send and how
//! long and how many it may take. Each is answered in the API's one error
//! shape: a body over its cap is 413, a query string over its cap 400, a
//! request over its time 503; a request over the concurrency limit waits
//! for a slot, inside its time.
//!
//! The search's own caps (the query's length and words, the page size and
//! depth) live with the query (`index::Query`: `MAX_QUERY_CHARS`,
//! `MAX_PER_PAGE`, `MAX_DEPTH`), so the command line has them too.

use super::error::ApiError;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::time::Duration;

/// The largest request body (`POST /api/v1/parse`, `POST /api/v1/acts`),
/// in bytes.
pub const MAX_BODY: usize = 10 * 1024 * 1024;

/// The longest query string, in bytes as sent (percent-encoded): room for
/// a search of the longest query (1,000 Cyrillic characters, 6 bytes each
/// encoded) and its filters.
pub const MAX_QUERY_STRING: usize = 16 * 1024;

/// How long a reading request may take, waiting for a slot included.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// How long a writing request (`POST /api/v1/acts`, `/api/v1/reindex`) may
/// take: indexing a large corpus takes minutes. A write whose client gave
/// up still completes, and the server then answers from its result.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(15 * 60);

/// How many requests are served at once; more wait for a slot. The
/// handlers compute on the runtime's threads, so a few more than the cores
/// keep them busy without piling up work no one waits for.
pub const MAX_CONCURRENT: usize = 64;

/// Answer 503 `timeout` when the rest of the stack takes longer than the
/// limit in the state. The handler's work is dropped at its next await.
pub async fn deadline(State(limit): State<Duration>, req: Request, next: Next) -> Response {
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(response) => response,
        Err(_) => ApiError::timeout(limit).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::Router;
    use axum::body::Body;
    use axum::routing::get;
    use tower::ServiceExt;

    /// A request that outlives its time gets the JSON 503, not a dropped
    /// connection.
    #[test]
    fn a_request_over_its_time_is_a_json_503() {
        let app: Router = Router::new()
            .route("/never", get(std::future::pending::<&'static str>))
            .route("/now", get(|| async { "ok" }))
            .layer(axum::middleware::from_fn_with_state(
                Duration::from_millis(1),
                deadline,
            ));
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let r = app
                .clone()
                .oneshot(Request::get("/never").body(Body::empty()).unwrap())
                .await
                .unwrap();
            assert_eq!(r.status(), 503);
            let bytes = axum::body::to_bytes(r.into_body(), 1024).await.unwrap();
            let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            assert_eq!(v["code"], "timeout");
            let r = app
                .oneshot(Request::get("/now").body(Body::empty()).unwrap())
                .await
                .unwrap();
            assert_eq!(r.status(), 200);
        });
    }
}
