//! The HTTP API through the router (`oneshot`): every endpoint, and the one
//! error shape. (Work in progress, issue 11.)

use crate::util::{grammar, root};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use reglament::{AppState, Date, Index, IndexOptions, Registry};
use std::sync::{Arc, OnceLock};
use tower::ServiceExt;

fn state() -> Arc<AppState> {
    static STATE: OnceLock<(tempfile::TempDir, Arc<AppState>)> = OnceLock::new();
    let (_, s) = STATE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let opts = IndexOptions {
            corpus: root().join("corpus"),
            index: dir.path().to_path_buf(),
            fingerprint: "test".into(),
            rebuild: false,
        };
        reglament::update_index(&opts, grammar(), &mut |_| {}).unwrap();
        let index = Index::open(dir.path(), grammar()).unwrap();
        let records = reglament::cached_records(&index).unwrap();
        let registry = Registry::from_documents(records, Vec::new(), grammar());
        let today = Date::parse("2026-11-29").unwrap();
        (
            dir,
            Arc::new(AppState {
                index,
                registry,
                today,
            }),
        )
    });
    Arc::clone(s)
}

async fn get(uri: &str) -> (StatusCode, serde_json::Value) {
    let response = reglament::router(state())
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null),
    )
}

fn run<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(f)
}

#[test]
fn diff_of_seed_000_and_003_registration_reports_steps_2_to_5_changed() {
    run(async {
        let (status, v) = get("/api/v1/diff?a=/akn/kz-27/act/resolution/akimat/2017-10-31/272/!regulation-3&b=/akn/kz-35/act/resolution/akimat/2017-11-23/75-02/!regulation-1").await;
        assert_eq!(status, StatusCode::OK);
        let changed: Vec<u64> = v["procedures"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["change"] == "changed")
            .map(|p| p["n"].as_u64().unwrap())
            .collect();
        assert_eq!(changed, [2, 3, 4, 5]);
        let minutes = |side: &str| -> Vec<String> {
            v["procedures"].as_array().unwrap()[1..5]
                .iter()
                .map(|p| p[side]["duration"]["iso8601"].as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(minutes("a"), ["PT3M", "PT10M", "PT3M", "PT2M"]);
        assert_eq!(minutes("b"), ["PT2M", "PT3M", "PT2M", "PT1M"]);
        assert!(!v["redline"].as_array().unwrap().is_empty());
    });
}

#[test]
fn status_lost_between_lists_seeds_000_002_003_with_their_deciders() {
    run(async {
        let (status, v) = get("/api/v1/status?lost_between=2019-01-01..2020-12-31").await;
        assert_eq!(status, StatusCode::OK);
        let rows = v.as_array().unwrap();
        for (act, by) in [
            ("2017-10-31/272", "№ 131 "),
            ("2019-04-25/2-260", "№ 4/438 "),
            ("2017-11-23/75-02", "№ 37/02 "),
        ] {
            let row = rows
                .iter()
                .find(|r| r["id"].as_str().unwrap().ends_with(act))
                .unwrap();
            assert!(
                row["decided_by"]["label"].as_str().unwrap().contains(by),
                "{row}"
            );
        }
    });
}

#[test]
fn bad_parameters_are_400_unknown_ids_404_in_one_shape() {
    run(async {
        for uri in [
            "/api/v1/search?q=x&status=valid",
            "/api/v1/search?q=x&colour=red",
            "/api/v1/status?as_of=2019-13-01",
            "/api/v1/status?lost_between=2019",
            "/api/v1/diff?a=x",
        ] {
            let (status, v) = get(uri).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}");
            assert_eq!(v["status"], 400);
            assert_eq!(v["code"], "bad_parameter");
            assert!(v["message"].as_str().is_some_and(|m| !m.is_empty()));
        }
        for uri in ["/api/v1/acts/akn/nope", "/api/v1/diff?a=x&b=y", "/nowhere"] {
            let (status, v) = get(uri).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
            assert_eq!(v["code"], "not_found");
        }
    });
}

#[test]
fn search_and_acts() {
    run(async {
        let (status, v) = get("/api/v1/search?q=%D0%B1%D0%B5%D0%B7%D1%80%D0%B0%D0%B1%D0%BE%D1%82%D0%BD%D1%8B%D1%85&status=lost_force&region=KZ-27").await;
        assert_eq!(status, StatusCode::OK);
        assert!(v["total"].as_u64().unwrap() > 0);
        let (status, v) = get("/api/v1/acts/akn/kz-27/act/resolution/akimat/2017-10-31/272").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(v["status"]["status"], "lost_force");
        assert!(!v["records"].as_array().unwrap().is_empty());
        let (status, _) = get("/healthz").await;
        assert_eq!(status, StatusCode::OK);
    });
}

#[test]
fn regulations_lineage_and_source() {
    run(async {
        let act = "/api/v1/acts/akn/kz-27/act/resolution/akimat/2017-10-31/272";
        let (status, v) = get(&format!("{act}/regulations")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(v.as_array().unwrap().len(), 3);
        let (status, v) =
            get("/api/v1/regulations/akn/kz-27/act/resolution/akimat/2017-10-31/272/!regulation-3")
                .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(v["service"], "Регистрация лиц, ищущих работу");
        let (status, v) =
            get("/api/v1/lineage/akn/kz-27/act/resolution/akimat/2017-10-31/272").await;
        assert_eq!(status, StatusCode::OK);
        assert!(v.to_string().contains("2020-06-05/131"));
        let (status, v) = get(&format!("{act}/source?highlight=0-10")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(!v["span"].as_str().unwrap().is_empty());
        let (status, _) = get(&format!("{act}/source?highlight=9-x")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let (status, _) = get(&format!("{act}/source?lang=en")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let (status, _) = get("/api/v1/lineage/akn/nope").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    });
}
