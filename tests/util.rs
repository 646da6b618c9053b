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

/// Every act of the shipped corpus (files and act folders), relative to the
/// crate root, sorted.
pub fn corpus_entries() -> Vec<reglament::Entry> {
    let root = root();
    let (entries, errors) = reglament::corpus_entries(&root.join("corpus")).expect("corpus reads");
    assert!(errors.is_empty(), "{errors:?}");
    entries
        .into_iter()
        .map(|e| match e {
            reglament::Entry::File(p) => reglament::Entry::File(relative(&p)),
            reglament::Entry::Folder(p) => reglament::Entry::Folder(relative(&p)),
        })
        .collect()
}

fn relative(p: &Path) -> PathBuf {
    p.strip_prefix(root())
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| p.to_path_buf())
}

/// The records of an act folder given relative to the crate root; their
/// paths stay relative so snapshots do not depend on the checkout.
pub fn parse_folder_rel(rel: &Path) -> Vec<Document> {
    let folder = reglament::Folder::read(root().join(rel)).expect("act folder reads");
    let prefix = format!("{}/", root().display());
    reglament::folder(&folder, grammar())
        .into_iter()
        .map(|mut d| {
            d.source.path = d.source.path.replacen(&prefix, "", 1);
            if let Some(m) = d.source.meta.as_mut() {
                m.path = m.path.replacen(&prefix, "", 1);
            }
            d
        })
        .collect()
}

/// A snapshot's name for a corpus text: its path under `corpus/`, without
/// the extension, `/` written `__` (act folders' texts share file names).
pub fn snapshot_name(rel: &Path) -> String {
    let under = rel.strip_prefix("corpus").unwrap_or(rel);
    let under = under.with_extension("");
    let parts: Vec<String> = under
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.len() == 1 || under.starts_with("extra") {
        // Files directly in corpus/ and corpus/extra keep their stems.
        parts.last().cloned().unwrap_or_default()
    } else {
        parts.join("__")
    }
}
