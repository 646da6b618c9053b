//! The command line: JSON Lines out, exit code 0 when parsed (diagnostics
//! included), exit code 2 with a one-line error naming the file otherwise.

use crate::util::root;
use std::path::Path;
use std::process::{Command, Output};

fn reglament(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reglament"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("binary runs")
}

fn assert_refused(path: &Path, why: &str) {
    let p = path.to_string_lossy();
    let out = reglament(&["parse", &p]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{why}: {stderr}");
    assert!(out.stdout.is_empty(), "{why}: nothing on stdout");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{why}: one line, got {stderr:?}");
    assert!(
        lines.first().is_some_and(|l| l.contains(p.as_ref())),
        "{why}: names the file: {stderr:?}"
    );
    assert!(!stderr.contains("panicked"), "{why}: {stderr}");
}

#[test]
fn unreadable_and_undecodable_inputs_exit_2_naming_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).expect("write");
        p
    };
    assert_refused(&write("empty.txt", b""), "empty file");
    assert_refused(&write("nul.txt", b"\x00\x00\x00abc\x00"), "NUL bytes");
    let random: Vec<u8> = (0u32..4096)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    assert_refused(&write("random.bin", &random), "random bytes");
    // Shift-JIS Japanese: neither UTF-8 nor Windows-1251 Cyrillic text.
    assert_refused(
        &write(
            "sjis.txt",
            &[
                0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea, 0x82, 0xcc, 0x95, 0xb6, 0x8f, 0xcd, 0x0a,
            ],
        ),
        "other encoding",
    );
    assert_refused(&dir.path().join("missing.txt"), "a missing file");
    let empty = tempfile::tempdir().expect("temp dir");
    assert_refused(empty.path(), "a directory with no act");
    // A directory is walked: each broken file is reported by name.
    let out = reglament(&["parse", &dir.path().to_string_lossy()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    for name in ["empty.txt", "nul.txt", "sjis.txt"] {
        assert!(stderr.contains(name), "names {name}: {stderr}");
    }
}

#[test]
fn one_json_object_per_file() {
    let out = reglament(&[
        "parse",
        "corpus/000_c6230eaa1ba36d7d.txt",
        "corpus/001_a4933109749b0e54.txt",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    for l in lines {
        let v: serde_json::Value = serde_json::from_str(l).expect("each line is JSON");
        assert_eq!(v["schema_version"], "3");
    }
}

#[test]
fn pretty_output_is_the_same_record() {
    let plain = reglament(&["parse", "corpus/004_e21e414c054581b8.txt"]);
    let pretty = reglament(&["parse", "--pretty", "corpus/004_e21e414c054581b8.txt"]);
    let a: serde_json::Value = serde_json::from_slice(&plain.stdout).expect("json");
    let b: serde_json::Value = serde_json::from_slice(&pretty.stdout).expect("json");
    assert_eq!(a, b);
    assert!(pretty.stdout.iter().filter(|&&c| c == b'\n').count() > 10);
}

/// Every record the corpus yields is valid against `reglament schema`.
#[test]
fn records_validate_against_the_schema() {
    let out = reglament(&["schema"]);
    assert_eq!(out.status.code(), Some(0));
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    for e in crate::util::corpus_entries() {
        let docs = match &e {
            reglament::Entry::File(rel) => vec![crate::util::parse_rel(rel).1],
            reglament::Entry::Folder(rel) => crate::util::parse_folder_rel(rel),
        };
        for doc in docs {
            let json = doc.to_json().expect("serializes");
            let errors: Vec<String> = validator
                .iter_errors(&json)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{}: {errors:#?}", doc.source.path);
        }
    }
}

/// An act folder: one record per text, both with the requisite's work id,
/// the requisite's values spanned into meta.yaml.
#[test]
fn parse_an_act_folder() {
    let out = reglament(&[
        "parse",
        "corpus/kazakhstan-law/local-kostanay/2015-0330-88098",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let records: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert_eq!(records.len(), 2);
    for r in &records {
        assert_eq!(r["act"]["id"], "/akn/kz-39/act/decision/akim/2015-03-30/4");
        assert_eq!(r["act"]["registration"]["number"], "5490");
        assert_eq!(r["spans"]["/act/date"][2], "meta.yaml");
        assert!(
            r["source"]["meta"]["path"]
                .as_str()
                .is_some_and(|p| p.ends_with("meta.yaml"))
        );
    }
    assert_eq!(records[0]["language"], "ru");
    assert_eq!(records[1]["language"], "kk");
}

/// One bad file among good ones: the good records are printed, the bad
/// one named, and the exit code is 2.
#[test]
fn a_bad_file_does_not_hide_the_good_ones() {
    let out = reglament(&[
        "parse",
        "corpus/000_c6230eaa1ba36d7d.txt",
        "no/such/file.txt",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/file.txt"));
}

/// `reglament lineage` shows the seeds' chain: № 177 repealed by № 204,
/// amended by № 272, repealed by № 131.
#[test]
fn lineage_shows_the_chain() {
    let out = reglament(&["lineage", "corpus/004_e21e414c054581b8.txt"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let steps = [
        "repealed by resolution № 204 of 2015-08-04",
        "amended by resolution № 272 of 2017-10-31",
        "repealed by resolution № 131 of 2020-06-05",
    ];
    let at: Vec<usize> = steps
        .iter()
        .map(|s| text.find(s).unwrap_or_else(|| panic!("{s} in {text}")))
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{text}");
    let json = reglament(&["lineage", "--json", "272"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(
        v["root"]["id"],
        "/akn/kz-27/act/resolution/akimat/2017-10-31/272"
    );
}

#[test]
fn status_table_in_three_formats() {
    let out = reglament(&["status", "--as-of", "2019-01-01", "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("json");
    let row = |id: &str| {
        rows.iter()
            .find(|r| r["id"].as_str().is_some_and(|x| x.ends_with(id)))
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(row("/2017-10-31/272")["status"], "in_force");
    assert_eq!(row("/2017-11-23/75-02")["status"], "in_force");
    assert_eq!(row("/2014-07-01/177")["status"], "lost_force");
    assert_eq!(
        row("/2014-07-01/177")["decided_by"]["label"],
        "resolution № 204 of 2015-08-04"
    );
    assert_eq!(row("/2019-04-25/2-260")["status"], "not_yet_in_force");
    assert!(
        rows.iter()
            .all(|r| r["basis"].as_str().is_some_and(|b| !b.is_empty()))
    );

    let csv = reglament(&[
        "status",
        "--lost-between",
        "2019-01-01..2020-12-31",
        "--format",
        "csv",
    ]);
    let text = String::from_utf8_lossy(&csv.stdout);
    let lines: Vec<&str> = text.lines().collect();
    // The header, the seeds' three, and the act folders' six.
    assert_eq!(lines.len(), 10, "{text}");
    assert!(lines[0].starts_with("act,label,status,decided_by,date,date_basis"));
    assert!(
        text.contains("2020-06-05/131")
            && text.contains("2020-07-14/514")
            && text.contains("2020-08-25/s-60-4")
            && text.contains("2020-10-20/4-438")
            && text.contains("2019-06-18/37-02")
    );
    assert!(text.contains("repealing_act_signed"));

    // Each row is dated at the earliest day its repeal can have taken
    // effect, and says that day is not a known one.
    let json = reglament(&[
        "status",
        "--lost-between",
        "2019-01-01..2020-12-31",
        "--format",
        "json",
    ]);
    let rows: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let rows = rows.as_array().expect("an array");
    assert_eq!(rows.len(), 9);
    for row in rows {
        assert_eq!(row["status"], "lost_force");
        assert_eq!(row["as_of"], row["earliest_effective"], "{row}");
        let (as_of, signed) = (row["as_of"].as_str(), row["date"].as_str());
        assert!(signed.is_some() && as_of >= signed, "{row}");
        assert_eq!(row["exact"], false, "{row}");
    }

    let table = reglament(&["status", "--as-of", "2019-01-01", "--region", "KZ-27"]);
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(
        text.contains("2017-10-31/272") && !text.contains("kz-35") && !text.contains("kz-75"),
        "{text}"
    );
}

#[test]
fn consolidate_prints_marked_provisions() {
    let out = reglament(&[
        "consolidate",
        "2015-08-04/204",
        "--regulation",
        "Выдача направлений лицам на участие в активных мерах содействия занятости",
        "--as-of",
        "2018-01-01",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("[restated by resolution № 272 of 2017-10-31]"),
        "{text}"
    );
    let bad = reglament(&["status", "--as-of", "yesterday"]);
    assert_eq!(bad.status.code(), Some(2));
}
