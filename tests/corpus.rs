//! Snapshots of the record of every corpus file. A change in output is a
//! reviewed change: `cargo insta review` after an intended one.

use crate::util::{corpus_files, parse_rel};

#[test]
fn every_corpus_file_matches_its_snapshot() {
    let files = corpus_files();
    assert!(files.len() >= 5, "the corpus is shipped with the crate");
    for rel in files {
        let (_, doc) = parse_rel(&rel);
        let json = doc.to_json().expect("record serializes");
        let name = rel
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        insta::with_settings!({ snapshot_path => "snapshots/corpus", prepend_module_to_snapshot => false }, {
            insta::assert_json_snapshot!(name, json);
        });
    }
}
