//! Crash safety (issue 13): `reglament index` and `reglament serve` are
//! killed (SIGKILL) at pseudo-random moments, and then the index opens,
//! answers a fixed set of queries as it did before the batch or as it
//! does after it, and has lost no document it had committed; a server
//! restarted on it comes up and answers as one never killed.
//!
//! The moments are a seeded, fixed list of fractions of how long the same
//! work takes uninterrupted on this machine, so they fall inside the work
//! on a fast machine and a slow one alike (timing chooses when to kill;
//! nothing asserts on time). tests/search.rs kills a build of the whole
//! corpus at fixed moments; this module compares the whole document set
//! and the hits to both reference answers, and kills the server too.

use crate::util::{grammar, root};
use reglament::{Date, Index, SearchQuery};
use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The acts indexed first: part of the shipped corpus (four seeds, an act
/// folder and a short decision).
const BEFORE: [&str; 6] = [
    "000_c6230eaa1ba36d7d.txt",
    "001_a4933109749b0e54.txt",
    "002_d50d220c519b16df.txt",
    "003_2fc52e01c1e7de1d.txt",
    "kazakhstan-law/local-kostanay/2015-0330-88098",
    "extra/ru_akim_sela_bestobe_reshenie_2_servitut_2026.txt",
];

/// The batch an update adds: the largest seed (its regulations change the
/// status of acts already in) and a long ruling.
const BATCH: [&str; 2] = [
    "004_e21e414c054581b8.txt",
    "extra/ru_konstitutsionnyi_sud_normativnoe_postanovlenie_77_np_2026.txt",
];

/// The fixed queries: each finds acts before the batch, after it, or both.
const QUERIES: [&str; 5] = [
    "регистрация лиц ищущих работу",
    "жұмыспен қамту",
    "безработного",
    "Конституционный Суд",
    "государственных закупок",
];

/// The day statuses are asked for, the same in every run.
const AS_OF: &str = "2026-11-29";

/// What an index answers: the ids of all its documents, and for each
/// query its total and its hits (id and status), in order.
#[derive(Debug, Clone, PartialEq)]
struct Answers {
    documents: BTreeSet<String>,
    queries: Vec<(u64, Vec<String>)>,
}

/// The answers of the index at `dir`; it must open.
fn answers(dir: &Path) -> Answers {
    let index = Index::open(dir, grammar())
        .unwrap_or_else(|e| panic!("the index at {} opens: {e}", dir.display()));
    Answers {
        documents: document_ids(&index),
        queries: QUERIES
            .iter()
            .map(|q| {
                let q = SearchQuery::new(q, Date::parse(AS_OF).unwrap()).unwrap();
                let r = index.search(&q).unwrap();
                let hits = r
                    .hits
                    .iter()
                    .map(|h| format!("{} {:?}", h.id, h.status))
                    .collect();
                (r.total, hits)
            })
            .collect(),
    }
}

/// Every search document's id.
fn document_ids(index: &Index) -> BTreeSet<String> {
    use tantivy::schema::Value;
    let searcher = index.reader.searcher();
    let all = searcher
        .search(
            &tantivy::query::AllQuery,
            &tantivy::collector::DocSetCollector,
        )
        .unwrap();
    all.into_iter()
        .map(|a| {
            let d: tantivy::TantivyDocument = searcher.doc(a).unwrap();
            let id = d.get_first(index.fields.id).and_then(|v| v.as_str());
            id.unwrap().to_string()
        })
        .collect()
}

/// Copy the shipped corpus's `names` (files or folders) into `corpus`.
fn copy_acts(names: &[&str], corpus: &Path) {
    for name in names {
        copy(&root().join("corpus").join(name), &corpus.join(name));
    }
}

/// Copy a file or a directory tree.
fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    if from.is_dir() {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            copy(&e.path(), &to.join(e.file_name()));
        }
    } else {
        std::fs::copy(from, to).unwrap();
    }
}

fn reglament(args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_reglament"));
    c.args(args).stdout(Stdio::null()).stderr(Stdio::null());
    c
}

/// `reglament index`, to the end; how long it took.
fn index(corpus: &Path, index: &Path, rebuild: bool) -> Duration {
    let start = Instant::now();
    let status = reglament(&index_args(corpus, index, rebuild))
        .status()
        .unwrap();
    assert!(status.success(), "reglament index {}", index.display());
    start.elapsed()
}

fn index_args<'a>(corpus: &'a Path, index: &'a Path, rebuild: bool) -> Vec<&'a str> {
    let mut args = vec![
        "index",
        "--corpus",
        corpus.to_str().unwrap(),
        "--index",
        index.to_str().unwrap(),
    ];
    if rebuild {
        args.push("--rebuild");
    }
    args
}

/// SIGKILL, and reap.
fn kill(mut child: Child) {
    let _ = child.kill();
    let _ = child.wait();
}

/// A fixed list of `n` pseudo-random fractions of [0, 1.2), one in each
/// n-th of it so that a few kills cover the work from its start to its
/// end (splitmix64 from a seed); the last may land after the work is
/// done, which must be harmless too.
fn moments(seed: u64, n: usize) -> Vec<f64> {
    let mut state = seed;
    (0..n)
        .map(|i| {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^= z >> 31;
            let u = (z >> 11) as f64 / (1u64 << 53) as f64;
            (i as f64 + u) / n as f64 * 1.2
        })
        .collect()
}

/// The indexer killed while it adds a batch (an update) and while it
/// rebuilds: each time from a fresh copy of the committed index, so every
/// kill interrupts real work. After each kill the index opens, answers
/// exactly as before the batch or as after it, and holds every document
/// committed before the kill; an uninterrupted run then brings it to the
/// answers after the batch.
#[test]
fn a_killed_indexer_leaves_the_index_before_or_after_the_batch() {
    let work = tempfile::tempdir().unwrap();
    let corpus = work.path().join("corpus");
    copy_acts(&BEFORE, &corpus);
    let committed = work.path().join("committed");
    index(&corpus, &committed, false);
    let before = answers(&committed);

    copy_acts(&BATCH, &corpus);
    // The references: the batch added by an update, and by a rebuild.
    let updated = work.path().join("updated");
    copy(&committed, &updated);
    let update_takes = index(&corpus, &updated, false);
    let rebuilt = work.path().join("rebuilt");
    copy(&committed, &rebuilt);
    let rebuild_takes = index(&corpus, &rebuilt, true);
    // Both hold the same documents; hits of equal score may come in
    // another order from another layout of segments, so each is a
    // reference.
    let afters = [answers(&updated), answers(&rebuilt)];
    assert_eq!(afters[0].documents, afters[1].documents);
    assert_ne!(
        before.queries, afters[0].queries,
        "the batch changes answers"
    );
    assert!(before.documents.is_subset(&afters[0].documents));
    assert!(before.documents.len() < afters[0].documents.len());

    for (i, fraction) in moments(13, 8).into_iter().enumerate() {
        let rebuild = i % 2 == 1;
        let takes = if rebuild { rebuild_takes } else { update_takes };
        let delay = takes.mul_f64(fraction);
        let dir = work.path().join(format!("killed-{i}"));
        copy(&committed, &dir);
        let child = reglament(&index_args(&corpus, &dir, rebuild))
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        kill(child);

        let what = format!(
            "{} killed after {delay:?}",
            if rebuild { "a rebuild" } else { "an update" }
        );
        let now = answers(&dir);
        assert!(
            now == before || afters.contains(&now),
            "{what}: answers neither as before nor as after the batch: {now:?}"
        );
        let lost: Vec<_> = before.documents.difference(&now.documents).collect();
        assert!(
            lost.is_empty(),
            "{what}: committed documents lost: {lost:?}"
        );

        index(&corpus, &dir, false);
        let again = answers(&dir);
        assert!(afters.contains(&again), "{what}, then run again: {again:?}");
    }
}

/// A port free now on 127.0.0.1.
fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// `reglament serve` on a free port.
struct Server {
    child: Child,
    port: u16,
}

fn serve(corpus: &Path, index: &Path) -> Server {
    let port = free_port();
    let addr = format!("127.0.0.1:{port}");
    let child = reglament(&[
        "serve",
        "--addr",
        &addr,
        "--corpus",
        corpus.to_str().unwrap(),
        "--index",
        index.to_str().unwrap(),
    ])
    .spawn()
    .unwrap();
    Server { child, port }
}

impl Server {
    /// Wait until /healthz answers; how long it took.
    fn ready(&mut self) -> Duration {
        let start = Instant::now();
        loop {
            if get(self.port, "/healthz").is_some_and(|(code, body)| code == 200 && body == "ok") {
                return start.elapsed();
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("the server exited before it was ready: {status}");
            }
            assert!(
                start.elapsed() < Duration::from_secs(300),
                "the server is not ready after 5 minutes"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// What the server answers to the fixed queries: for each, its total
    /// and its hits (id and status).
    fn answers(&self) -> Vec<(u64, Vec<String>)> {
        QUERIES
            .iter()
            .map(|q| {
                let path = format!("/api/v1/search?q={}&as_of={AS_OF}", encode(q));
                let (code, body) = get(self.port, &path).expect("the server answers");
                assert_eq!(code, 200, "{path}: {body}");
                let v: serde_json::Value = serde_json::from_str(&body).unwrap();
                let hits = v["hits"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|h| format!("{} {}", h["id"], h["status"]))
                    .collect();
                (v["total"].as_u64().unwrap(), hits)
            })
            .collect()
    }

    fn kill(self) {
        kill(self.child);
    }
}

/// Percent-encode a query string value.
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A GET over HTTP/1.1: the status code and the body; `None` when nothing
/// answers (not yet listening, or killed).
fn get(port: u16, path: &str) -> Option<(u16, String)> {
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (head, body) = text.split_once("\r\n\r\n")?;
    let code = head.split(' ').nth(1)?.parse().ok()?;
    let chunked = head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked");
    Some((
        code,
        if chunked {
            dechunk(body)?
        } else {
            body.to_string()
        },
    ))
}

/// The body of a chunked response.
fn dechunk(mut body: &str) -> Option<String> {
    let mut out = String::new();
    loop {
        let (size, rest) = body.split_once("\r\n")?;
        let size = usize::from_str_radix(size.trim(), 16).ok()?;
        if size == 0 {
            return Some(out);
        }
        out.push_str(rest.get(..size)?);
        body = rest.get(size + 2..)?;
    }
}

/// The server killed while it builds the index on its first start, and
/// while it serves requests. Each time the index it leaves is whole or
/// absent, and the server restarted on it comes up and answers as a server
/// never killed.
#[test]
fn a_killed_server_comes_back_answering_the_same() {
    let work = tempfile::tempdir().unwrap();
    let corpus = work.path().join("corpus");
    copy_acts(&BEFORE, &corpus);
    copy_acts(&BATCH, &corpus);

    // The reference: a server never killed, on a fresh index.
    let reference_dir = work.path().join("reference");
    let mut server = serve(&corpus, &reference_dir);
    let start_takes = server.ready();
    let reference = server.answers();
    server.kill();
    let documents = answers(&reference_dir).documents;

    // Killed while it builds the index on its first start.
    for (i, fraction) in moments(29, 4).into_iter().enumerate() {
        let dir = work.path().join(format!("first-start-{i}"));
        let server = serve(&corpus, &dir);
        let delay = start_takes.mul_f64(fraction);
        std::thread::sleep(delay);
        server.kill();
        // A build that became current is whole; one that did not left no
        // index to open (the next start builds it).
        if dir.join("CURRENT").exists() {
            assert_eq!(answers(&dir).documents, documents, "killed after {delay:?}");
        }
        let mut server = serve(&corpus, &dir);
        server.ready();
        assert_eq!(
            server.answers(),
            reference,
            "killed after {delay:?}, restarted"
        );
        server.kill();
        assert_eq!(answers(&dir).documents, documents);
    }

    // Killed while it serves requests from a few clients.
    let dir = work.path().join("serving");
    copy(&reference_dir, &dir);
    for fraction in moments(31, 3) {
        let mut server = serve(&corpus, &dir);
        server.ready();
        let port = server.port;
        let clients: Vec<_> = (0..3)
            .map(|c| {
                std::thread::spawn(move || {
                    for n in 0.. {
                        let q = encode(QUERIES[(c + n) % QUERIES.len()]);
                        if get(port, &format!("/api/v1/search?q={q}")).is_none() {
                            break;
                        }
                    }
                })
            })
            .collect();
        let delay = Duration::from_millis(500).mul_f64(fraction);
        std::thread::sleep(delay);
        server.kill();
        for c in clients {
            c.join().unwrap();
        }
        assert_eq!(answers(&dir).documents, documents, "killed after {delay:?}");
        let mut server = serve(&corpus, &dir);
        server.ready();
        assert_eq!(server.answers(), reference, "killed serving, restarted");
        server.kill();
    }
}
