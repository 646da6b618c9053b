//! Act folders (rus.md, kaz.md, meta.yaml): one record per text, the
//! requisite line's facts outranking the text's, spans into meta.yaml; and
//! the measure of what the texts alone state, against their requisites.
//!
//! `cargo test --test integration folders -- --nocapture` prints the
//! per-field agreement table.

use crate::util::{corpus_entries, grammar, parse_folder_rel, root};
use regex::Regex;
use reglament::{Entry, Folder, Source};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The act folders of the shipped corpus, relative to the crate root.
fn folders() -> Vec<PathBuf> {
    corpus_entries()
        .into_iter()
        .filter_map(|e| match e {
            Entry::Folder(p) => Some(p),
            Entry::File(_) => None,
        })
        .collect()
}

/// The facts compared, by the record's JSON pointer.
const FACTS: [(&str, &str); 9] = [
    ("kind", "/act/kind"),
    ("body", "/act/issuer/body"),
    ("region", "/act/issuer/region"),
    ("date", "/act/date"),
    ("number", "/act/number"),
    ("registration date", "/act/registration/date"),
    ("registration number", "/act/registration/number"),
    ("lost force: date", "/act/lost_force/by/date"),
    ("lost force: number", "/act/lost_force/by/number"),
];

fn fact<'a>(v: &'a Value, pointer: &str) -> Option<&'a str> {
    v.pointer(pointer).and_then(Value::as_str)
}

/// The requisite line of a folder's meta.yaml, parsed alone.
fn requisite(rel: &Path) -> (String, Value) {
    let meta = reglament::Meta::read(&root().join(rel).join("meta.yaml")).expect("meta reads");
    let src = meta
        .requisite
        .expect("every development folder has a requisite");
    let line = String::from_utf8_lossy(&src.bytes).trim().to_string();
    let doc = reglament::document(&src, grammar());
    (line, doc.to_json().expect("serializes"))
}

#[test]
fn a_folder_gives_one_record_per_text_sharing_the_work_id() {
    let folders = folders();
    assert!(folders.len() >= 40, "the development folders are shipped");
    let mut named = 0;
    for rel in &folders {
        let docs = parse_folder_rel(rel);
        let texts = ["rus.md", "kaz.md"]
            .iter()
            .filter(|t| root().join(rel).join(t).is_file())
            .count();
        assert_eq!(docs.len(), texts, "{rel:?}");
        let ids: Vec<_> = docs.iter().map(|d| d.act.id.clone()).collect();
        assert!(ids.windows(2).all(|w| w[0] == w[1]), "{rel:?}: {ids:?}");
        named += usize::from(ids.first().is_some_and(Option::is_some));
        for d in &docs {
            let meta = d
                .source
                .meta
                .as_ref()
                .expect("the record names its meta.yaml");
            assert!(meta.path.ends_with("meta.yaml"), "{}", meta.path);
        }
    }
    // All but the joint act of two officials, whose requisite states no
    // number, are named.
    assert!(named + 1 >= folders.len(), "{named} of {}", folders.len());
}

/// With meta.yaml, every fact its requisite line states is in the record:
/// kind, issuer, date and number always; registration where it says
/// «Зарегистрирован»; loss of force, and the deciding act, where it says
/// «Утратил».
#[test]
fn every_requisite_fact_is_in_the_folder_records() {
    let mut missing = Vec::new();
    for rel in folders() {
        let (line, _) = requisite(&rel);
        for d in parse_folder_rel(&rel) {
            let v = d.to_json().expect("serializes");
            // The act's own requisites come before «Зарегистрирован» or
            // «Утратил»; a joint act of two officials may state no number.
            let own = line.split(". Зарегистрир").next().unwrap_or("");
            let own = own.split(". Утратил").next().unwrap_or("");
            let mut want = vec!["/act/kind", "/act/issuer/body", "/act/date"];
            if own.contains('№') || own.contains(" N ") {
                want.push("/act/number");
            }
            if line.contains("Зарегистрирован") {
                want.extend(["/act/registration/date", "/act/registration/number"]);
            }
            if line.contains("Утратил") {
                want.push("/act/lost_force/statement");
                if !line.contains("письмо") {
                    want.extend(["/act/lost_force/by/date", "/act/lost_force/by/number"]);
                }
                if fact(&v, "/act/status") != Some("lost_force") {
                    missing.push(format!("{}: status", d.source.path));
                }
            }
            for p in want {
                if fact(&v, p).is_none() {
                    missing.push(format!("{}: {p}", d.source.path));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "{} missing:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

/// A span marked meta.yaml points into meta.yaml, inside its requisite
/// line, and a number's span holds the number.
#[test]
fn meta_spans_point_into_meta_yaml() {
    let mut seen = 0;
    for rel in folders() {
        let meta = std::fs::read_to_string(root().join(&rel).join("meta.yaml")).unwrap();
        let line = meta.lines().find(|l| l.starts_with("requisite:")).unwrap();
        let at = meta.find(line).unwrap();
        for d in parse_folder_rel(&rel) {
            let v = d.to_json().unwrap();
            for (pointer, span) in v["spans"].as_object().unwrap() {
                let span = span.as_array().unwrap();
                if span.len() != 3 {
                    continue;
                }
                assert_eq!(span[2], "meta.yaml");
                let (s, e) = (
                    span[0].as_u64().unwrap() as usize,
                    span[1].as_u64().unwrap() as usize,
                );
                assert!(
                    at <= s && e <= at + line.len(),
                    "{pointer} {s}..{e} outside the line"
                );
                let text = meta.get(s..e).expect("on character boundaries");
                if pointer.ends_with("/number") {
                    let n = fact(&v, pointer).unwrap();
                    let flat = |x: &str| {
                        x.chars()
                            .filter(|c| c.is_alphanumeric())
                            .collect::<String>()
                    };
                    assert!(
                        flat(text).contains(&flat(n)),
                        "{pointer}: {text:?} holds {n:?}"
                    );
                }
                seen += 1;
            }
        }
    }
    assert!(seen > 300, "requisite facts carry meta.yaml spans ({seen})");
}

/// Whether a text states a fact, judged from its surface: the value must
/// be written in it (a date in any of its written forms, a number after
/// `№`). A text that does not state a fact is not counted against it.
fn stated(text: &str, field: &str, value: &str, local: bool) -> bool {
    match field {
        "kind" | "body" => true,
        "region" => local,
        "date" | "registration date" | "lost force: date" => date_written(text, value),
        _ => number_written(text, value),
    }
}

fn date_written(text: &str, iso: &str) -> bool {
    let mut p = iso.split('-');
    let (Some(y), Some(m), Some(d)) = (p.next(), p.next(), p.next()) else {
        return false;
    };
    let (d, m) = (d.trim_start_matches('0'), m.trim_start_matches('0'));
    let yy = y.get(2..).unwrap_or("");
    let forms = [
        format!(r#"\b0?{d}"?\s+\p{{L}}+\s+{y}"#),
        format!(r#"{y}\s+\p{{L}}+\s+"?0?{d}"?\s+\p{{L}}+"#),
        format!(r"\b0?{d}\.0?{m}\.(?:{y}|{yy})\b"),
        format!(r"\b{y}\.0?{m}\.0?{d}\b"),
    ];
    forms
        .iter()
        .any(|f| Regex::new(f).is_ok_and(|re| re.is_match(text)))
}

fn number_written(text: &str, number: &str) -> bool {
    let parts: Vec<String> = number
        .split(|c: char| !c.is_alphanumeric())
        .filter(|s| !s.is_empty())
        .map(regex::escape)
        .collect();
    let pattern = format!(r"(?i)[№N]\s*{}(?:[^\w]|$)", parts.join(r"\s*[-/ ]?\s*"));
    Regex::new(&pattern).is_ok_and(|re| re.is_match(text))
}

/// The measure: each rus.md/kaz.md parsed alone (as a text without its
/// folder), each fact it states compared with its requisite's. Prints the
/// per-field table; asserts a floor under today's agreement, so a change
/// that loses facts fails.
#[test]
fn texts_alone_state_their_requisite_facts() {
    let mut table: BTreeMap<(&str, &str), (usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    for rel in folders() {
        let (_, key) = requisite(&rel);
        let local = !matches!(
            fact(&key, "/act/issuer/body"),
            Some("ministry" | "government" | "president" | "parliament" | "court") | None
        );
        for t in ["rus.md", "kaz.md"] {
            let path = root().join(&rel).join(t);
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            let text = String::from_utf8_lossy(&bytes).replace('\u{a0}', " ");
            let src = Source::from_bytes(rel.join(t), bytes).unwrap();
            let got = reglament::document(&src, grammar()).to_json().unwrap();
            for (field, pointer) in FACTS {
                let Some(want) = fact(&key, pointer) else {
                    continue;
                };
                if !stated(&text, field, want, local) {
                    continue;
                }
                let cell = table.entry((t, field)).or_default();
                cell.1 += 1;
                if fact(&got, pointer) == Some(want) {
                    cell.0 += 1;
                } else {
                    misses.push(format!(
                        "{}/{t} {field}: want {want:?}, got {:?}",
                        rel.display(),
                        fact(&got, pointer)
                    ));
                }
            }
        }
    }
    let (mut ok, mut all) = (0, 0);
    eprintln!("| text | field | agree | stated | % |\n|---|---|---|---|---|");
    for ((t, field), (a, n)) in &table {
        ok += a;
        all += n;
        eprintln!(
            "| {t} | {field} | {a} | {n} | {:.0}% |",
            100.0 * *a as f64 / *n as f64
        );
    }
    eprintln!(
        "| all | all | {ok} | {all} | {:.1}% |",
        100.0 * ok as f64 / all as f64
    );
    eprintln!("misses:\n{}", misses.join("\n"));
    assert!(
        all > 250,
        "the measure counts the development folders' facts ({all})"
    );
    let floor = 0.90;
    assert!(
        ok as f64 >= floor * all as f64,
        "agreement {ok}/{all} fell under {floor}"
    );
}

#[test]
fn a_text_disagreeing_with_its_requisite_keeps_the_requisite_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("meta.yaml"),
        "act_code: '1'\nrequisite: Решение акима Костанайской области от 30 марта 2015 года № 4. Зарегистрировано Департаментом юстиции Костанайской области 1 апреля 2015 года № 5490\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("rus.md"),
        "Решение акима Костанайской области от 30 марта 2015 года № 7\n\n# О работах\n\nАким Костанайской области РЕШИЛ:\n\n1. Определить работы.\n",
    )
    .unwrap();
    let docs = reglament::folder(&Folder::read(dir.path()).unwrap(), grammar());
    assert_eq!(docs.len(), 1);
    let v = docs[0].to_json().unwrap();
    assert_eq!(fact(&v, "/act/number"), Some("4"));
    assert_eq!(v["spans"]["/act/number"][2], "meta.yaml");
    assert_eq!(fact(&v, "/act/registration/number"), Some("5490"));
    let d: Vec<_> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "requisite-disagrees")
        .collect();
    assert_eq!(d.len(), 1, "{d:?}");
    let msg = d[0]["message"].as_str().unwrap();
    assert!(
        msg.contains("\"4\"") && msg.contains("\"7\""),
        "names both: {msg}"
    );
}

/// A corpus tree mixing single files, act folders and a folder whose
/// meta.yaml is broken: meta.yaml is reported by its file and everything
/// loads, the broken folder's text without a requisite.
#[test]
fn a_broken_folder_is_reported_and_the_rest_loads() {
    let dir = tempfile::tempdir().unwrap();
    let good = root().join("corpus/kazakhstan-law/local-kostanay/2015-0330-88098");
    let copy = dir.path().join("good");
    std::fs::create_dir(&copy).unwrap();
    for f in ["rus.md", "kaz.md", "meta.yaml"] {
        std::fs::copy(good.join(f), copy.join(f)).unwrap();
    }
    let bad = dir.path().join("bad");
    std::fs::create_dir(&bad).unwrap();
    std::fs::write(bad.join("meta.yaml"), "requisite: [unclosed\n").unwrap();
    std::fs::write(bad.join("rus.md"), "# x\n").unwrap();
    std::fs::copy(
        root().join("corpus/000_c6230eaa1ba36d7d.txt"),
        dir.path().join("seed.txt"),
    )
    .unwrap();
    let r = reglament::Registry::load(dir.path(), grammar()).unwrap();
    assert_eq!(
        r.documents.len(),
        4,
        "the good folder's two texts, the broken one's text and the file"
    );
    assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
    assert!(r.errors[0].contains("bad/meta.yaml"), "{:?}", r.errors);
}
