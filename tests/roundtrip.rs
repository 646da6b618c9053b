//! A parsed record round-trips through its raw serde form (spans inline as
//! `{"$span", "$value"}`, not moved to `.spans`), so a cache of records
//! can be read back and re-linked without parsing again.

use crate::util::{grammar, root};
use reglament::Document;

/// The record, read back from `serde_json::to_value` of itself.
fn round_trip(doc: &Document) -> Document {
    let raw = serde_json::to_value(doc).expect("record serializes");
    serde_json::from_value(raw)
        .unwrap_or_else(|e| panic!("{}: record does not read back: {e}", doc.source.path))
}

#[test]
fn every_corpus_record_reads_back_equal() {
    let (docs, errors) =
        reglament::records(&root().join("corpus"), grammar()).expect("corpus reads");
    assert!(errors.is_empty(), "{errors:?}");
    assert!(docs.len() >= 5, "the corpus is shipped with the crate");
    // Act folders' texts carry meta.yaml spans: the round trip must see some.
    assert!(
        docs.iter().any(|d| d.source.meta.is_some()),
        "no act folder in the corpus"
    );
    for doc in &docs {
        let back = round_trip(doc);
        assert!(
            back == *doc,
            "{}: record differs after a round trip",
            doc.source.path
        );
    }
}
