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
                grammar: grammar(),
                today,
                corpus: root().join("corpus"),
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

/// Run a test's requests (the timer is on: requests have a deadline).
pub fn run<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
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

/// Any request through the router: status, content type, body.
async fn send(req: Request<Body>) -> (StatusCode, String, Vec<u8>) {
    let response = reglament::router(state()).oneshot(req).await.unwrap();
    let status = response.status();
    let kind = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, kind, bytes.to_vec())
}

async fn page(uri: &str) -> (StatusCode, String) {
    let (status, kind, body) = send(Request::get(uri).body(Body::empty()).unwrap()).await;
    assert!(kind.starts_with("text/html"), "{uri}: {kind}");
    (status, String::from_utf8(body).unwrap())
}

const ACT_272: &str = "akn/kz-27/act/resolution/akimat/2017-10-31/272";

#[test]
fn openapi_document_names_every_endpoint() {
    run(async {
        let (status, v) = get("/openapi.json").await;
        assert_eq!(status, StatusCode::OK);
        assert!(v["openapi"].as_str().unwrap().starts_with("3.1"));
        for path in [
            "/api/v1/search",
            "/api/v1/acts/{id}",
            "/api/v1/acts/{id}/regulations",
            "/api/v1/acts/{id}/source",
            "/api/v1/regulations/{id}",
            "/api/v1/lineage/{id}",
            "/api/v1/status",
            "/api/v1/consolidated/{id}",
            "/api/v1/diff",
            "/api/v1/parse",
            "/api/v1/align",
            "/api/v1/export",
            "/feed.atom",
        ] {
            assert!(
                v["paths"][path].is_object(),
                "{path} is not in the document"
            );
        }
        assert!(v["components"]["schemas"]["ApiError"].is_object());
        assert!(v["components"]["schemas"]["Document"].is_object());
    });
}

#[test]
fn regulation_records_carry_their_spans() {
    run(async {
        let (status, v) = get(&format!("/api/v1/regulations/{ACT_272}/!regulation-3")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(v["procedures"][1]["duration"]["value"], 3);
        let span = &v["spans"]["/service"];
        assert!(
            span[0].as_u64().unwrap() < span[1].as_u64().unwrap(),
            "{span}"
        );
        assert!(v["provisions"].as_array().is_some_and(|p| !p.is_empty()));
    });
}

#[test]
fn consolidated_text_marks_the_acts_that_changed_it() {
    run(async {
        // A regulation of act 204 (whose own text is not in the corpus),
        // restated by act 272: its text is 272's, each provision marked.
        let (status, v) = get(
            "/api/v1/consolidated/akn/kz-27/act/resolution/akimat/2015-08-04/204?as_of=2018-01-01&service=%D0%92%D1%8B%D0%B4%D0%B0%D1%87%D0%B0%20%D0%BD%D0%B0%D0%BF%D1%80%D0%B0%D0%B2%D0%BB%D0%B5%D0%BD%D0%B8%D0%B9%20%D0%BB%D0%B8%D1%86%D0%B0%D0%BC%20%D0%BD%D0%B0%20%D1%83%D1%87%D0%B0%D1%81%D1%82%D0%B8%D0%B5%20%D0%B2%20%D0%B0%D0%BA%D1%82%D0%B8%D0%B2%D0%BD%D1%8B%D1%85%20%D0%BC%D0%B5%D1%80%D0%B0%D1%85%20%D1%81%D0%BE%D0%B4%D0%B5%D0%B9%D1%81%D1%82%D0%B2%D0%B8%D1%8F%20%D0%B7%D0%B0%D0%BD%D1%8F%D1%82%D0%BE%D1%81%D1%82%D0%B8",
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{v}");
        assert_eq!(v["as_of"], "2018-01-01");
        let provisions = v["provisions"].as_array().unwrap();
        assert!(provisions.len() > 20, "{}", provisions.len());
        assert!(provisions.iter().all(|p| p["changed_by"]
            == "/akn/kz-27/act/resolution/akimat/2017-10-31/272"
            && p["change"] == "restated"));
        // The whole act: its amendments wait for a text not in the corpus.
        let (_, v) = get(
            "/api/v1/consolidated/akn/kz-27/act/resolution/akimat/2015-08-04/204?as_of=2018-01-01",
        )
        .await;
        assert!(!v["unapplied"].as_array().unwrap().is_empty(), "{v}");
        let (status, v) = get(&format!("/api/v1/consolidated/{ACT_272}?as_of=someday")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(v["code"], "bad_parameter");
        let (status, _) = get("/api/v1/consolidated/akn/kz/act/law/2000-01-01/1").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    });
}

#[test]
fn status_as_csv_by_parameter_or_accept_header() {
    run(async {
        let uri = "/api/v1/status?lost_between=2019-01-01..2020-12-31";
        let (status, kind, body) = send(
            Request::get(format!("{uri}&format=csv"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert!(kind.starts_with("text/csv"));
        let text = String::from_utf8(body).unwrap();
        assert!(text.lines().count() >= 4, "{text}");
        assert!(text.contains("2017-10-31/272"));
        let (_, kind, accepted) = send(
            Request::get(uri)
                .header("accept", "text/csv")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert!(kind.starts_with("text/csv"));
        assert_eq!(String::from_utf8(accepted).unwrap(), text);
        let (status, _) = get(&format!("{uri}&format=xml")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
    });
}

#[test]
fn parse_returns_a_record_and_refuses_bodies_over_10_mb() {
    run(async {
        let seed = std::fs::read("corpus/000_c6230eaa1ba36d7d.txt").unwrap();
        let (status, _, body) = send(
            Request::post("/api/v1/parse?name=act.txt")
                .body(Body::from(seed))
                .unwrap(),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(v["act"]["number"], "272");
        assert_eq!(v["regulations"].as_array().unwrap().len(), 3);
        let big = vec![b'a'; 10 * 1024 * 1024 + 1];
        let (status, _, body) = send(
            Request::post("/api/v1/parse")
                .body(Body::from(big))
                .unwrap(),
        )
        .await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
        let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(v["code"], "payload_too_large");
        let (status, _, body) =
            send(Request::post("/api/v1/parse").body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(v["status"], 400);
        let (status, _, _) = send(
            Request::post("/api/v1/parse?colour=red")
                .body(Body::from("x"))
                .unwrap(),
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
    });
}

#[test]
fn malformed_requests_are_400_in_the_json_shape() {
    run(async {
        for uri in [
            "/api/v1/acts/akn/%FF",
            "/api/v1/search?page=0",
            "/api/v1/search?page=abc",
            "/api/v1/search?as_of=2019-02-30",
            "/api/v1/search?year=20..19..18",
            "/api/v1/status?region=KZ-27&x=1",
        ] {
            let (status, v) = get(uri).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {v}");
            assert_eq!(v["status"], 400, "{uri}");
            assert!(
                v["message"].as_str().is_some_and(|m| !m.is_empty()),
                "{uri}"
            );
        }
        let long = format!("/api/v1/search?q={}", "слово+".repeat(400));
        let (status, v) = get(&long).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{v}");
    });
}

#[test]
fn the_search_page_shows_results_with_status_badges() {
    run(async {
        let (status, html) =
            page("/?q=%D1%80%D0%B5%D0%B3%D0%B8%D1%81%D1%82%D1%80%D0%B0%D1%86%D0%B8%D1%8F").await;
        assert_eq!(status, StatusCode::OK);
        let groups = html.matches("<li class=\"group\">").count();
        assert!(groups >= 3, "{groups} groups");
        assert!(html.matches("class=\"badge ").count() >= groups);
        assert!(html.contains("утратил силу"));
        assert!(html.contains("<b>"), "no highlighted snippet");
        let (status, html) =
            page("/?q=%D1%80%D0%B5%D0%B3%D0%B8%D1%81%D1%82%D1%80%D0%B0%D1%86%D0%B8%D1%8F&ui=kk")
                .await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("<html lang=\"kk\">"));
        assert!(html.contains("күші жойылған"));
        let (status, html) = page("/?q=x&status=valid").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(html.contains("role=\"alert\""));
    });
}

#[test]
fn the_act_page_links_every_value_to_its_source_span() {
    run(async {
        let (status, html) = page(&format!("/acts/{ACT_272}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("data-status=\"lost_force\""));
        assert!(html.contains("утратил силу постановлением от 05.06.2020 № 131"));
        assert!(html.contains("table class=\"procedures\""));
        assert!(html.contains("class=\"bar\""));
        assert!(html.matches("highlight=").count() > 20);
        // As of 2018 it was in force.
        let (_, html) = page(&format!("/acts/{ACT_272}?as_of=2018-06-01")).await;
        assert!(html.contains("<h1><span class=\"badge in_force\""));
        let (status, _) = page("/acts/akn/nope").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = page(&format!("/acts/{ACT_272}?as_of=tomorrow")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
    });
}

#[test]
fn the_source_page_highlights_the_span_and_the_diff_page_shows_steps() {
    run(async {
        let (status, html) = page(&format!("/source/{ACT_272}?lang=ru&highlight=534-537")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            html.contains("<mark id=\"hl\">272</mark>"),
            "the number is not highlighted"
        );
        let (status, _) = page(&format!("/source/{ACT_272}?highlight=5-999999999")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let (status, html) = page("/diff?a=%2Fakn%2Fkz-27%2Fact%2Fresolution%2Fakimat%2F2017-10-31%2F272%2F%21regulation-3&b=%2Fakn%2Fkz-35%2Fact%2Fresolution%2Fakimat%2F2017-11-23%2F75-02%2F%21regulation-1").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(html.matches("data-change=\"changed\"").count(), 4);
        assert!(html.contains("<ins>") || html.contains("<del>"));
        let (_, css, _) = send(
            Request::get("/static/style.css")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert!(css.starts_with("text/css"));
    });
}

#[test]
fn exports_stream_jsonl_csv_and_akn() {
    run(async {
        let (status, kind, body) = send(
            Request::get("/api/v1/export?format=jsonl")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert!(kind.starts_with("application/x-ndjson"));
        let text = String::from_utf8(body).unwrap();
        let ids: std::collections::BTreeSet<String> = text
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                v["_id"].as_str().unwrap().to_string()
            })
            .collect();
        assert_eq!(ids.len(), text.lines().count(), "the _ids are not unique");
        assert_eq!(ids.len(), state().registry.documents.len());
        let (_, kind, body) = send(
            Request::get("/api/v1/export?format=csv")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert!(kind.starts_with("text/csv"));
        let csv = String::from_utf8(body).unwrap();
        assert_eq!(csv.lines().next().unwrap().split(',').next(), Some("_id"));
        let (_, _, body) = send(
            Request::get("/api/v1/export?format=akn")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        let first: serde_json::Value =
            serde_json::from_str(String::from_utf8(body).unwrap().lines().next().unwrap()).unwrap();
        assert!(first["xml"].as_str().unwrap().contains("<akomaNtoso"));
        let (status, v) = get("/api/v1/export?format=pdf").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(v["code"], "bad_parameter");
        let (status, kind, body) = send(
            Request::get(format!("/api/v1/acts/{ACT_272}?format=akn"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert!(kind.starts_with("application/akn+xml"));
        assert!(String::from_utf8(body).unwrap().contains("FRBRWork"));
    });
}

#[test]
fn the_atom_feed_lists_status_changes_newest_first() {
    run(async {
        let (status, kind, body) = send(
            Request::get("/feed.atom")
                .header("host", "registry.example:8080")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert!(kind.starts_with("application/atom+xml"));
        let xml = String::from_utf8(body).unwrap();
        assert!(xml.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""));
        assert!(xml.contains(&format!(
            "href=\"http://registry.example:8080/acts/{ACT_272}\""
        )));
        let updated: Vec<&str> = xml
            .split("<entry>")
            .skip(1)
            .filter_map(|e| e.split("<updated>").nth(1)?.split('<').next())
            .collect();
        assert!(updated.len() > 3);
        assert!(updated.windows(2).all(|w| w[0] >= w[1]), "not newest first");
    });
}

#[test]
fn align_pairs_a_russian_and_a_kazakh_text_by_structure() {
    run(async {
        let id = "%2Fakn%2Fkz%2Fact%2Forder%2Fministry%2F2019-06-11%2F532";
        let (status, v) = get(&format!("/api/v1/align?a={id}&b={id}")).await;
        assert_eq!(status, StatusCode::OK, "{v}");
        assert_eq!(v["a"]["language"], "ru");
        assert_eq!(v["b"]["language"], "kk");
        assert_eq!(v["summary"]["pairs"], 9);
        assert_eq!(v["summary"]["matched"], 9);
        let (status, v) =
            get("/api/v1/align?a=%2Fakn%2Fkz%2Fnothing&b=%2Fakn%2Fkz%2Fnothing").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(v["code"], "not_found");
        let (status, _) = get(&format!("/api/v1/align?a={id}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
    });
}
