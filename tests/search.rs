//! The search index (issue 10): the acceptance queries over the shipped
//! corpus, facets against a direct count of the records, incremental
//! updates, and a build killed mid-way.

use crate::util::{grammar, root};
use reglament::{
    Date, Index, IndexOptions, IndexReport, Registry, SearchQuery, SearchResults, StatusValue,
};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

fn update(corpus: &Path, index: &Path) -> IndexReport {
    let opts = IndexOptions {
        corpus: corpus.to_path_buf(),
        index: index.to_path_buf(),
        fingerprint: "test".into(),
        rebuild: false,
    };
    reglament::update_index(&opts, grammar(), &mut |_| {}).expect("index builds")
}

/// The index of the shipped corpus, built once for this test binary.
fn corpus_index() -> &'static Index {
    static INDEX: OnceLock<(tempfile::TempDir, Index)> = OnceLock::new();
    let (_, index) = INDEX.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        update(&root().join("corpus"), dir.path());
        let index = Index::open(dir.path(), grammar()).expect("index opens");
        (dir, index)
    });
    index
}

fn day(s: &str) -> Date {
    Date::parse(s).expect("a date")
}

fn search(index: &Index, text: &str, filters: &[(&str, &str)]) -> SearchResults {
    let mut q = SearchQuery::new(text, day("2026-11-29")).expect("query");
    for (k, v) in filters {
        q.set(k, v).expect("filter");
    }
    index.search(&q).expect("search runs")
}

/// The seed a hit comes from ("000"), or its file name.
fn seed_of(source: &str) -> String {
    let name = Path::new(source)
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    name.split('_').next().unwrap_or_default().to_string()
}

/// The acts of a result page in order, by the seed of their first hit.
fn act_seeds(r: &SearchResults) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut last = None;
    for h in &r.hits {
        if last != Some(&h.act_id) {
            out.push(seed_of(&h.source));
            last = Some(&h.act_id);
        }
    }
    out
}

#[test]
fn registration_of_job_seekers_lists_seeds_000_002_003_first() {
    let r = search(corpus_index(), "регистрация лиц ищущих работу", &[]);
    let first: Vec<String> = act_seeds(&r).into_iter().take(3).collect();
    let mut sorted = first.clone();
    sorted.sort();
    assert_eq!(sorted, ["000", "002", "003"], "{first:?}");
    // Their regulations are among the hits, each with its status.
    let regulation = |seed: &str| {
        r.hits.iter().any(|h| {
            seed_of(&h.source) == seed
                && h.regulation_id.is_some()
                && h.status != StatusValue::Unknown
        })
    };
    assert!(["000", "002", "003"].into_iter().all(regulation));
}

#[test]
fn a_kazakh_query_finds_seed_001_first() {
    let r = search(corpus_index(), "жұмыспен қамту", &[("lang", "kk")]);
    let first = r.hits.first().expect("a hit");
    assert_eq!(seed_of(&first.source), "001", "{first:?}");
    assert!(r.hits.iter().all(|h| h.lang == reglament::Language::Kk));
}

#[test]
fn lost_force_in_west_kazakhstan_is_seeds_000_and_004() {
    let r = search(
        corpus_index(),
        "безработных",
        &[
            ("status", "lost_force"),
            ("region", "KZ-27"),
            ("per_page", "100"),
        ],
    );
    let seeds: std::collections::BTreeSet<String> =
        r.hits.iter().map(|h| seed_of(&h.source)).collect();
    assert_eq!(seeds.into_iter().collect::<Vec<_>>(), ["000", "004"]);
    assert!(r.hits.iter().all(|h| h.status == StatusValue::LostForce));
}

#[test]
fn as_of_2016_in_force_leaves_out_seed_000_adopted_in_2017() {
    let all = search(corpus_index(), "регистрация", &[("per_page", "100")]);
    assert!(act_seeds(&all).contains(&"000".to_string()));
    let r = search(
        corpus_index(),
        "регистрация",
        &[
            ("as_of", "2016-01-01"),
            ("status", "in_force"),
            ("per_page", "100"),
        ],
    );
    assert!(
        !act_seeds(&r).contains(&"000".to_string()),
        "{:?}",
        act_seeds(&r)
    );
    assert!(r.hits.iter().all(|h| h.status == StatusValue::InForce));
    // In 2018 it was in force.
    let r = search(
        corpus_index(),
        "регистрация",
        &[
            ("as_of", "2018-06-01"),
            ("status", "in_force"),
            ("per_page", "100"),
        ],
    );
    assert!(act_seeds(&r).contains(&"000".to_string()));
}

#[test]
fn facet_counts_agree_with_a_direct_count_of_the_records() {
    let g = grammar();
    let registry = Registry::load(&root().join("corpus"), g).expect("corpus loads");
    for (as_of, status) in [
        ("2019-01-01", None),
        ("2026-11-29", Some(StatusValue::LostForce)),
    ] {
        let mut want: BTreeMap<&str, BTreeMap<String, u64>> = BTreeMap::new();
        let mut total = 0;
        for doc in &registry.documents {
            let key = reglament::act_key(doc);
            let node = registry.node(&key).expect("every act is a node");
            let s = registry.status_at(node, day(as_of)).status;
            if status.is_some_and(|x| x != s) {
                continue;
            }
            for d in reglament::search_documents(doc, g) {
                total += 1;
                let mut add = |facet: &'static str, value: String| {
                    *want.entry(facet).or_default().entry(value).or_default() += 1;
                };
                add(
                    "status",
                    serde_json::to_value(s)
                        .unwrap()
                        .as_str()
                        .unwrap()
                        .to_string(),
                );
                add("lang", d.lang.code().to_string());
                add(
                    "kind",
                    node.facts
                        .kind
                        .map_or("none".into(), |k| k.as_str().to_string()),
                );
                add(
                    "year",
                    node.facts
                        .date
                        .map_or("none".into(), |d| d.0.year().to_string()),
                );
                let region = node
                    .facts
                    .region
                    .clone()
                    .unwrap_or_else(|| match node.facts.body {
                        Some(b) if !b.is_local() => "KZ".into(),
                        _ => "none".into(),
                    });
                add("region", region);
            }
        }
        let mut filters = vec![("as_of", as_of)];
        if status.is_some() {
            filters.push(("status", "lost_force"));
        }
        let r = search(corpus_index(), "", &filters);
        assert_eq!(r.total, total, "as of {as_of}");
        let got: BTreeMap<&str, BTreeMap<String, u64>> = [
            ("status", r.facets.status.clone()),
            ("lang", r.facets.lang.clone()),
            ("kind", r.facets.kind.clone()),
            ("year", r.facets.year.clone()),
            ("region", r.facets.region.clone()),
        ]
        .into_iter()
        .collect();
        assert_eq!(got, want, "as of {as_of}");
    }
}

#[test]
fn typos_phrases_and_snippets() {
    let index = corpus_index();
    let typo = search(index, "регистрацыя безработных", &[]);
    assert!(typo.total > 0, "a typo in a long word still finds");
    let phrase = search(index, "\"лиц, ищущих работу\"", &[("level", "regulation")]);
    assert!(phrase.total > 0);
    assert!(
        phrase
            .hits
            .iter()
            .all(|h| h.level == reglament::SearchLevel::Regulation)
    );
    let words = search(index, "лиц ищущих работу", &[("level", "regulation")]);
    assert!(words.total >= phrase.total);
    let r = search(index, "безработных", &[]);
    assert!(
        r.hits.iter().any(|h| h.snippet.contains("<b>")),
        "snippets mark the words"
    );
    assert!(
        r.hits
            .iter()
            .all(|h| !h.path.is_empty() && h.span[0] <= h.span[1])
    );
}

#[test]
fn hits_of_one_act_are_grouped() {
    let r = search(corpus_index(), "услугодатель", &[("per_page", "20")]);
    let mut seen = Vec::new();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut last: Option<&str> = None;
    for h in &r.hits {
        if last != Some(h.act_id.as_str()) {
            assert!(!seen.contains(&h.act_id), "an act's hits are together");
            seen.push(h.act_id.clone());
            last = Some(&h.act_id);
        }
        *counts.entry(h.act_id.clone()).or_default() += 1;
    }
    assert!(seen.len() > 1);
    assert!(counts.values().all(|&n| n <= 3));
}

const ACT_A: &str = "ПОСТАНОВЛЕНИЕ АКИМАТА ПАВЛОДАРСКОЙ ОБЛАСТИ
от 10 января 2018 года № 5

Об утверждении регламента государственной услуги «Выдача справок о трудоустройстве»

Акимат Павлодарской области ПОСТАНОВЛЯЕТ:
1. Утвердить прилагаемый регламент государственной услуги «Выдача справок о трудоустройстве».
2. Настоящее постановление вводится в действие со дня его подписания.

Аким Павлодарской области Б. Бакауов
";

const ACT_B: &str = "ПОСТАНОВЛЕНИЕ АКИМАТА ПАВЛОДАРСКОЙ ОБЛАСТИ
от 1 марта 2020 года № 40

О признании утратившим силу постановления акимата Павлодарской области от 10 января 2018 года № 5

Акимат Павлодарской области ПОСТАНОВЛЯЕТ:
1. Признать утратившим силу постановление акимата Павлодарской области от 10 января 2018 года № 5 «Об утверждении регламента государственной услуги «Выдача справок о трудоустройстве»».
2. Настоящее постановление вводится в действие со дня его подписания.

Аким Павлодарской области Б. Бакауов
";

/// The status of act A (№ 5 of 2018-01-10) among the acts a query finds.
fn status_of(index: &Index, text: &str) -> Vec<StatusValue> {
    search(index, text, &[("level", "act")])
        .hits
        .iter()
        .filter(|h| h.act_id.ends_with("/2018-01-10/5"))
        .map(|h| h.status)
        .collect()
}

#[test]
fn updates_parse_only_what_changed_and_follow_new_repeals() {
    let corpus = tempfile::tempdir().unwrap();
    let index = tempfile::tempdir().unwrap();
    for seed in ["000", "001", "002"] {
        let src = crate::util::corpus_files()
            .into_iter()
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(seed))
            .unwrap();
        std::fs::copy(
            root().join(&src),
            corpus.path().join(src.file_name().unwrap()),
        )
        .unwrap();
    }
    std::fs::write(corpus.path().join("a.txt"), ACT_A).unwrap();
    let first = update(corpus.path(), index.path());
    assert_eq!((first.parsed, first.cached), (4, 0));
    let a = Index::open(index.path(), grammar()).unwrap();
    assert_eq!(status_of(&a, "трудоустройстве"), [StatusValue::InForce]);

    let again = update(corpus.path(), index.path());
    assert!(again.unchanged);
    assert_eq!((again.parsed, again.cached), (0, 4));

    // One file changes: it alone is parsed.
    let one = corpus.path().join("a.txt");
    std::fs::write(&one, format!("{ACT_A}\n")).unwrap();
    let changed = update(corpus.path(), index.path());
    assert_eq!((changed.parsed, changed.cached), (1, 3));
    assert_eq!(changed.documents, first.documents);

    // A repealing act arrives: the act it repeals is in force no more.
    std::fs::write(corpus.path().join("b.txt"), ACT_B).unwrap();
    let repeal = update(corpus.path(), index.path());
    assert_eq!((repeal.parsed, repeal.cached), (1, 4));
    assert!(repeal.acts_changed >= 2, "{repeal:?}");
    let b = Index::open(index.path(), grammar()).unwrap();
    assert_eq!(status_of(&b, "трудоустройстве"), [StatusValue::LostForce]);

    // A file leaves: its documents go.
    std::fs::remove_file(corpus.path().join("b.txt")).unwrap();
    let gone = update(corpus.path(), index.path());
    assert_eq!((gone.parsed, gone.removed), (0, 1));
    assert_eq!(gone.documents, first.documents);
    let c = Index::open(index.path(), grammar()).unwrap();
    assert_eq!(status_of(&c, "трудоустройстве"), [StatusValue::InForce]);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

const QUERIES: [&str; 4] = [
    "регистрация лиц ищущих работу",
    "жұмыспен қамту",
    "трудоустройстве",
    "безработных",
];

/// What the index answers to the test queries: total and the ids of the
/// first hits, with their statuses.
fn answers(index: &Path) -> Vec<(u64, Vec<(String, StatusValue)>)> {
    let index = Index::open(index, grammar()).expect("the index opens");
    QUERIES
        .iter()
        .map(|q| {
            let r = search(&index, q, &[]);
            (
                r.total,
                r.hits.iter().map(|h| (h.id.clone(), h.status)).collect(),
            )
        })
        .collect()
}

fn reglament(args: &[&str]) -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_reglament"));
    c.args(args);
    c
}

#[test]
fn a_killed_build_leaves_the_previous_index_answering() {
    let work = tempfile::tempdir().unwrap();
    let corpus = work.path().join("corpus");
    let index = work.path().join("index");
    copy_dir(&root().join("corpus"), &corpus);
    std::fs::write(corpus.join("a.txt"), ACT_A).unwrap();
    let (c, i) = (corpus.to_str().unwrap(), index.to_str().unwrap());
    let ok = reglament(&["index", "--corpus", c, "--index", i])
        .status()
        .unwrap();
    assert!(ok.success());
    let before = answers(&index);

    // What the index should answer once the new act is in.
    std::fs::write(corpus.join("b.txt"), ACT_B).unwrap();
    let after_dir = work.path().join("after");
    let ok = reglament(&[
        "index",
        "--corpus",
        c,
        "--index",
        after_dir.to_str().unwrap(),
    ])
    .status()
    .unwrap();
    assert!(ok.success());
    let after = answers(&after_dir);
    assert_ne!(before, after);

    // Kill rebuilds and updates at different moments.
    for (ms, rebuild) in [
        (150, true),
        (500, true),
        (1200, true),
        (2500, true),
        (100, false),
        (400, false),
    ] {
        let mut args = vec!["index", "--corpus", c, "--index", i];
        if rebuild {
            args.push("--rebuild");
        }
        let mut child = reglament(&args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(ms));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let now = answers(&index);
        assert!(
            now == before || now == after,
            "killed after {ms} ms: {now:?}"
        );
    }
    let ok = reglament(&["index", "--corpus", c, "--index", i])
        .status()
        .unwrap();
    assert!(ok.success());
    assert_eq!(answers(&index), after);
    // Only the current generation is left.
    let generations = std::fs::read_dir(&index)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("gen-")
        })
        .count();
    assert_eq!(generations, 1);
}

#[test]
fn the_command_line_searches_and_names_a_bad_filter() {
    let work = tempfile::tempdir().unwrap();
    let index = work.path().join("index");
    let corpus = root().join("corpus");
    let out = reglament(&[
        "search",
        "безработных",
        "--status",
        "lost_force",
        "--region",
        "KZ-27",
        "--json",
        "--index",
        index.to_str().unwrap(),
        "--corpus",
        corpus.to_str().unwrap(),
    ])
    .output()
    .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["total"].as_u64().unwrap() > 0);
    for key in [
        "act_id",
        "regulation_id",
        "path",
        "source",
        "status",
        "snippet",
        "score",
    ] {
        assert!(v["hits"][0].get(key).is_some(), "{key}");
    }
    assert!(v["facets"]["status"]["lost_force"].as_u64().unwrap() > 0);
    let text = reglament(&["search", "безработных", "--index", index.to_str().unwrap()])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("[LOST FORCE]"), "{text}");
    let bad = reglament(&[
        "search",
        "x",
        "--status",
        "valid",
        "--index",
        index.to_str().unwrap(),
    ])
    .output()
    .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains("--status") && err.contains("in_force"),
        "{err}"
    );
}

#[test]
fn status_intervals_agree_with_status_on_every_date() {
    let registry = Registry::load(&root().join("corpus"), grammar()).expect("corpus loads");
    let days: Vec<Date> = (1995..=2027)
        .flat_map(|y| [(1, 1), (6, 15), (10, 31)].map(|(m, d)| Date::new(y, m, d).unwrap()))
        .collect();
    for node in registry.nodes.values() {
        let history = registry.history(node);
        for w in history.windows(2) {
            assert_eq!(w[0].to, w[1].from, "{}: intervals meet", node.id);
        }
        for &d in &days {
            let want = registry.status_at(node, d).status;
            let got = history.iter().find(|i| i.contains(d)).map(|i| i.status);
            assert_eq!(got, Some(want), "{} on {d}", node.id);
        }
    }
}
