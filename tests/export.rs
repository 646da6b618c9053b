//! Exports (issue 11): JSON Lines, CSV, Akoma Ntoso validated against the
//! OASIS schema with xmllint, and the Atom feed of status changes.

use crate::util::{grammar, root};
use reglament::{Date, Registry, act_key};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn corpus() -> &'static Registry {
    static R: OnceLock<Registry> = OnceLock::new();
    R.get_or_init(|| Registry::load(&root().join("corpus"), grammar()).expect("corpus loads"))
}

fn today() -> Date {
    Date::parse("2026-11-30").expect("date")
}

const A272: &str = "/akn/kz-27/act/resolution/akimat/2017-10-31/272";
const A131: &str = "/akn/kz-27/act/resolution/akimat/2020-06-05/131";

/// Runs xmllint with `args` over `files`, without the network. A machine
/// without it fails the test, saying what to install: the schema check is
/// an acceptance criterion, never skipped.
fn xmllint(args: &[&str], files: &[PathBuf]) -> std::process::Output {
    match Command::new("xmllint")
        .arg("--nonet")
        .args(args)
        .args(files)
        .output()
    {
        Ok(out) => out,
        Err(e) => panic!(
            "xmllint cannot run ({e}): install it with `apt-get install -y libxml2-utils` (Debian's libxml2-utils)"
        ),
    }
}

fn write_all(dir: &Path, docs: &[(String, String)]) -> Vec<PathBuf> {
    docs.iter()
        .enumerate()
        .map(|(i, (_, xml))| {
            let path = dir.join(format!("{i:03}.xml"));
            std::fs::write(&path, xml).expect("writes");
            path
        })
        .collect()
}

/// Acceptance: the AKN export of every corpus act (each of its texts)
/// validates against the shipped schema.
#[test]
fn every_corpus_act_validates_as_akoma_ntoso() {
    let r = corpus();
    let docs: Vec<(String, String)> = r
        .documents
        .iter()
        .map(|d| (d.source.path.clone(), reglament::export::akn_document(r, d)))
        .collect();
    assert_eq!(docs.len(), r.documents.len());
    let dir = tempfile::tempdir().expect("temp dir");
    let files = write_all(dir.path(), &docs);
    let schema = root().join("tests/schemas/akomantoso30.xsd");
    let schema = schema.to_str().expect("utf-8 path");
    let out = xmllint(&["--noout", "--schema", schema], &files);
    let stderr = String::from_utf8_lossy(&out.stderr);
    // Name the corpus file of each failing document.
    let failing: Vec<&str> = files
        .iter()
        .zip(&docs)
        .filter(|(f, _)| stderr.contains(&format!("{} fails to validate", f.display())))
        .map(|(_, (path, _))| path.as_str())
        .collect();
    assert!(
        out.status.success(),
        "AKN invalid for {failing:?}:\n{}",
        stderr.lines().take(60).collect::<Vec<_>>().join("\n")
    );
    // The check is not vacuous: an act without its meta fails it.
    let broken = dir.path().join("broken.xml");
    std::fs::write(
        &broken,
        "<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\"><act name=\"x\"><body/></act></akomaNtoso>",
    )
    .expect("writes");
    assert!(
        !xmllint(&["--noout", "--schema", schema], &[broken])
            .status
            .success()
    );
}

#[test]
fn an_act_is_found_by_its_id_in_either_language() {
    let r = corpus();
    let xml = reglament::export::akn_act(r, A272, None).expect("272 exports");
    assert!(xml.contains("<FRBRuri value=\"/akn/kz-27/act/resolution/akimat/2017-10-31/272\"/>"));
    assert!(xml.contains("<FRBRlanguage language=\"rus\"/>"));
    // Seed 000's regulations are its attachments, with their trees.
    assert!(xml.contains(
        "<FRBRthis value=\"/akn/kz-27/act/resolution/akimat/2017-10-31/272/!regulation-1\"/>"
    ));
    assert!(xml.contains("<chapter eId=\"att_1__chp_1\">"));
    // Its loss of force by 131 is in its lifecycle.
    assert!(xml.contains(&format!("<passiveRef eId=\"repealer\" href=\"{A131}\"")));
    assert!(
        reglament::export::akn_act(r, "/akn/kz/act/law/parliament/1900-01-01/0", None).is_err()
    );
}

#[test]
fn jsonl_has_one_record_per_text_with_unique_ids() {
    let r = corpus();
    let lines: Vec<String> = reglament::export::jsonl(r)
        .collect::<reglament::Result<_>>()
        .expect("exports");
    assert_eq!(lines.len(), r.documents.len());
    let mut ids = HashSet::new();
    for line in &lines {
        assert!(line.ends_with('\n') && !line.trim_end().contains('\n'));
        let v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        let id = v["_id"].as_str().expect("an _id").to_string();
        assert!(v["act"].is_object() && v["spans"].is_object());
        assert!(ids.insert(id.clone()), "{id} twice");
    }
    assert!(ids.contains(&format!("{A272}/rus")));
}

#[test]
fn akn_stream_carries_one_document_per_text() {
    let r = corpus();
    let lines: Vec<String> = reglament::export::akn(r)
        .collect::<reglament::Result<_>>()
        .expect("exports");
    assert_eq!(lines.len(), r.documents.len());
    let first: serde_json::Value = serde_json::from_str(&lines[0]).expect("JSON");
    assert!(first["xml"].as_str().expect("xml").starts_with("<?xml"));
    assert_eq!(
        first["act"].as_str(),
        Some(act_key(&r.documents[0]).as_str())
    );
}

#[test]
fn csv_has_a_header_and_one_row_per_text() {
    let r = corpus();
    let text: String = reglament::export::csv(r, today())
        .collect::<reglament::Result<_>>()
        .expect("exports");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(header, reglament::export::CSV_HEADER);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    assert_eq!(rows.len(), r.documents.len());
    let col = |name: &str| header.iter().position(|h| h == name).expect("column");
    let row = rows
        .iter()
        .find(|row| &row[col("act")] == A272 && &row[col("language")] == "ru")
        .expect("272 in Russian");
    assert_eq!(&row[col("status")], "lost_force");
    assert_eq!(&row[col("lost_force_by")], A131);
    assert_eq!(&row[col("number")], "272");
}

#[test]
fn the_atom_feed_lists_status_changes_newest_first() {
    let r = corpus();
    let feed = reglament::export::feed(r, "http://127.0.0.1:8080", today());
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("feed.atom");
    std::fs::write(&path, &feed).expect("writes");
    let out = xmllint(&["--noout"], &[path]);
    assert!(
        out.status.success(),
        "the feed is not well-formed XML:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let entries: Vec<&str> = feed.split("<entry>").skip(1).collect();
    assert!(entries.len() > 3, "{} entries", entries.len());
    let updated: Vec<&str> = entries
        .iter()
        .filter_map(|e| e.split("<updated>").nth(1)?.split('<').next())
        .collect();
    assert_eq!(updated.len(), entries.len());
    let mut sorted = updated.clone();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(updated, sorted, "newest first");
    // Seed 000 lost force by 131: an entry linking to its page.
    let link = "<link href=\"http://127.0.0.1:8080/acts/akn/kz-27/act/resolution/akimat/2017-10-31/272\"/>";
    let lost = entries
        .iter()
        .find(|e| e.contains(link) && e.contains("<category term=\"lost_force\"/>"))
        .expect("an entry for 000's loss of force");
    assert!(lost.contains("Утратил силу"), "{lost}");
    assert!(
        lost.contains("/acts/akn/kz-27/act/resolution/akimat/2020-06-05/131"),
        "{lost}"
    );
    let ids: HashSet<&str> = entries
        .iter()
        .filter_map(|e| e.split("<id>").nth(1)?.split('<').next())
        .collect();
    assert_eq!(ids.len(), entries.len(), "entry ids are unique");
}
