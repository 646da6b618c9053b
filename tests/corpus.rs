//! Snapshots of the record of every corpus text. A change in output is a
//! reviewed change: `cargo insta review` after an intended one.

use crate::util::{corpus_entries, parse_folder_rel, parse_rel, snapshot_name};
use reglament::Entry;

#[test]
fn every_corpus_file_matches_its_snapshot() {
    let entries = corpus_entries();
    assert!(entries.len() >= 5, "the corpus is shipped with the crate");
    for e in entries {
        let docs = match &e {
            Entry::File(rel) => vec![parse_rel(rel).1],
            Entry::Folder(rel) => parse_folder_rel(rel),
        };
        for doc in docs {
            let json = doc.to_json().expect("record serializes");
            let name = snapshot_name(std::path::Path::new(&doc.source.path));
            insta::with_settings!({ snapshot_path => "snapshots/corpus", prepend_module_to_snapshot => false }, {
                insta::assert_json_snapshot!(name, json);
            });
        }
    }
}
