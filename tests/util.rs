//! Helpers shared by the test modules.

use reglament::Document;
use reglament::Grammar;
use reglament::Source;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The crate root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file of the shipped corpus, as the registry finds them, relative
/// to the crate root, sorted.
pub fn corpus_files() -> Vec<PathBuf> {
    let root = root();
    let (files, errors) = reglament::corpus_files(&root.join("corpus")).expect("corpus reads");
    assert!(errors.is_empty(), "{errors:?}");
    files
        .iter()
        .filter_map(|p| p.strip_prefix(&root).ok().map(Path::to_path_buf))
        .collect()
}

/// The built-in grammar.
pub fn grammar() -> &'static Grammar {
    Grammar::builtin().expect("built-in grammar loads")
}

/// Parse a corpus file given relative to the crate root; the record's
/// path stays relative so snapshots do not depend on the checkout.
pub fn parse_rel(rel: &Path) -> (Source, Document) {
    let bytes = std::fs::read(root().join(rel)).expect("corpus file reads");
    let source = Source::from_bytes(rel, bytes).expect("corpus file decodes");
    let doc = reglament::document(&source, grammar());
    (source, doc)
}

/// A seed by its number ("000").
pub fn seed(n: &str) -> Value {
    let rel = corpus_files()
        .into_iter()
        .find(|p| {
            p.file_name()
                .is_some_and(|f| f.to_string_lossy().starts_with(n))
        })
        .expect("seed exists");
    parse_rel(&rel).1.to_json().expect("record serializes")
}

/// The string at a JSON pointer, or "" when absent.
pub fn s<'a>(v: &'a Value, pointer: &str) -> &'a str {
    v.pointer(pointer).and_then(Value::as_str).unwrap_or("")
}
