//! Inputs the fuzzer found (issue 13): every file under
//! `tests/fuzzed/<target>/` goes through the same checks as the fuzz target
//! of that name (`fuzz/src/lib.rs`, included here), so a crash once found
//! stays fixed. fuzz/README.md says how a crash becomes a file here.

#[path = "../fuzz/src/lib.rs"]
mod checks;

use crate::util::root;
use std::path::PathBuf;

/// The saved inputs of a target, by file name.
fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = root().join("tests/fuzzed").join(target);
    let mut out: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| {
            let path = e.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            (path, bytes)
        })
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no inputs in {}", dir.display());
    out
}

/// Run every input of `target` through `check`; a panic names the file.
fn replay(target: &str, check: impl Fn(&[u8])) {
    for (path, bytes) in inputs(target) {
        if std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&bytes))).is_err() {
            panic!("fuzz input {} fails", path.display());
        }
    }
}

#[test]
fn decode_inputs() {
    replay("decode", checks::decode);
}

#[test]
fn parse_inputs() {
    replay("parse", checks::parse);
}

#[test]
fn folder_inputs() {
    replay("folder", checks::folder);
}

#[test]
fn diff_inputs() {
    replay("diff", checks::diff);
}

#[test]
fn query_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let index = checks::query_index(&root().join("corpus"), dir.path());
    assert!(index.is_some(), "the index of corpus/*.txt builds");
    replay("query", |bytes| checks::query(bytes, index.as_ref()));
}
