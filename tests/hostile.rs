//! The hostile-input suite (issue 13): every case gets a clear error that
//! names the file (and its line or field), or a correct result; none
//! panics, overflows the stack or hangs. tests/limits.rs holds the first
//! cases (a 50 MB single line, 31 февраля, a bare №, Windows-1251 and
//! UTF-16 with a byte-order mark); this module holds the rest, through the
//! library and the command line. (No timing here: the CI time limit bounds
//! these; speed is measured in the benches.)

use crate::util::{grammar, root};
use reglament::{Document, IndexOptions, IndexReport, SearchQuery, Source};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// An act's header, whose facts each case checks.
const ACT: &str = "Постановление акимата города Алматы от 25 апреля 2019 года № 2/260. Зарегистрировано Департаментом юстиции города Алматы 26 апреля 2019 года № 1550.\n";

fn parse(bytes: Vec<u8>) -> Document {
    let source = Source::from_bytes("test.txt", bytes).expect("decodes");
    reglament::document(&source, grammar())
}

fn codes(doc: &Document) -> Vec<&str> {
    doc.diagnostics.iter().map(|d| d.code.as_str()).collect()
}

fn number(doc: &Document) -> Option<&str> {
    doc.act.number.as_ref().map(|n| n.value.as_str())
}

fn date(doc: &Document) -> Option<String> {
    doc.act.date.as_ref().map(|d| d.value.to_string())
}

fn reglament(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reglament"))
        .args(args)
        .output()
        .expect("binary runs")
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, bytes).unwrap();
    p
}

/// Bytes that are no text are refused with one line naming the file and
/// saying why: empty, whitespace only, a real binary (this test's own
/// executable), NUL bytes in a text, and invalid UTF-8 (with its offset).
#[test]
fn bytes_that_are_no_text_are_refused_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let exe = std::fs::read(std::env::current_exe().unwrap()).unwrap();
    let binary = exe.get(..64 * 1024).unwrap_or(&exe).to_vec();
    let with_nul = format!("{ACT}\0{ACT}");
    // A stray 0xFF between two characters, and a text cut inside «ё».
    let mut stray = ACT.as_bytes().to_vec();
    let at = ACT.find("акимата").unwrap();
    stray.insert(at, 0xFF);
    let cut = &"Приказ ё".as_bytes()[.."Приказ ё".len() - 1];
    for (name, bytes, why) in [
        ("empty.txt", Vec::new(), "empty file".to_string()),
        (
            "blank.txt",
            " \n\t\r\n   \u{a0}\u{2003}\n".as_bytes().to_vec(),
            "no text".into(),
        ),
        ("binary.txt", binary, "not UTF-8".into()),
        ("nul.txt", with_nul.into_bytes(), "NUL byte".into()),
        ("stray.txt", stray, format!("invalid byte at offset {at}")),
        (
            "cut.md",
            cut.to_vec(),
            format!("invalid byte at offset {}", cut.len() - 1),
        ),
    ] {
        let path = write(dir.path(), name, &bytes);
        let err = Source::read(&path).err().map(|e| e.to_string());
        let err = err.unwrap_or_else(|| panic!("{name} is refused"));
        assert!(
            err.starts_with(&format!("{}: ", path.display())),
            "{name}: {err}"
        );
        assert!(err.contains(&why), "{name}: {err}");
        assert_eq!(err.lines().count(), 1, "{name}: one line: {err}");
    }
    // The command line: one stderr line per refused file, naming it, the
    // good file (UTF-16 without a BOM) parsed, and exit code 2.
    let utf16: Vec<u8> = ACT.encode_utf16().flat_map(u16::to_be_bytes).collect();
    write(dir.path(), "good.txt", utf16);
    let out = reglament(&["parse", &dir.path().to_string_lossy()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
    assert_eq!(stderr.lines().count(), 6, "{stderr}");
    for name in [
        "empty.txt",
        "blank.txt",
        "binary.txt",
        "nul.txt",
        "stray.txt",
        "cut.md",
    ] {
        assert!(stderr.contains(&format!("{name}: ")), "{name}: {stderr}");
    }
}

/// UTF-16 without a byte-order mark, in either byte order, parses like
/// UTF-8, its spans in the file's own bytes; Windows-1251 is in
/// tests/limits.rs.
#[test]
fn utf16_without_a_byte_order_mark_parses_like_utf8() {
    for (bytes, encoding) in [
        (
            ACT.encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect::<Vec<u8>>(),
            "utf-16le",
        ),
        (
            ACT.encode_utf16().flat_map(u16::to_be_bytes).collect(),
            "utf-16be",
        ),
    ] {
        let doc = parse(bytes.clone());
        assert_eq!(number(&doc), Some("2/260"), "{encoding}");
        assert_eq!(date(&doc).as_deref(), Some("2019-04-25"), "{encoding}");
        assert_eq!(doc.to_json().unwrap()["source"]["encoding"], encoding);
        let span = doc.act.number.as_ref().unwrap().span;
        let source = Source::from_bytes("t", bytes).unwrap();
        assert_eq!(source.original(span), "2/260");
    }
}

/// 100,000 nested-looking subpoints, on one line and on lines of their
/// own, in an act and in a regulation; point numbers 100,000 levels deep;
/// 100,000 nested quotes and brackets. The provision tree's depth is
/// bounded by the units (chapter › article › point › subpoint ›
/// paragraph), not by the input, so nothing recurses per level; the act's
/// facts are still read and the record serializes.
#[test]
fn a_hundred_thousand_nested_subpoints() {
    const N: usize = 100_000;
    let regulation = "Утвержден постановлением акимата города Алматы от 25 апреля 2019 года № 2/260\n\n\
        Регламент государственной услуги \"Выдача справок\"\n\n\
        1. Общие положения\n\n\
        1. Государственная услуга оказывается:\n";
    let cases = [
        (
            "one line",
            format!("{ACT}\n1. Утвердить:\n{}\n", "1) ".repeat(N)),
        ),
        (
            "lines",
            format!("{ACT}\n1. Утвердить:\n{}", "1) текст;\n".repeat(N)),
        ),
        (
            "regulation lines",
            format!("{regulation}{}", "1) 1) 1) текст;\n".repeat(N / 3)),
        ),
        ("dotted", format!("{ACT}\n1.{} Текст\n", "1.".repeat(N))),
        (
            "quotes",
            format!("{ACT}\n{}Текст{}\n", "«".repeat(N), "»".repeat(N)),
        ),
        (
            "brackets",
            format!("{ACT}\n{}Текст{}\n", "(".repeat(N), ")".repeat(N)),
        ),
    ];
    for (what, text) in cases {
        let doc = parse(text.into_bytes());
        if what == "regulation lines" {
            // A regulation standing alone: the act that approved it.
            let by = doc.act.approved_by.as_ref().and_then(|a| a.number.as_ref());
            assert_eq!(by.map(|n| n.value.as_str()), Some("2/260"), "{what}");
            assert_eq!(doc.regulations.len(), 1, "{what}");
        } else {
            assert_eq!(number(&doc), Some("2/260"), "{what}");
        }
        let depth = max_depth(&doc.provisions);
        assert!(depth <= 5, "{what}: depth {depth}");
        assert!(doc.to_json().is_ok(), "{what}");
        if what == "lines" {
            // Each subpoint is one provision of the point.
            let point = doc.provisions.iter().find(|p| p.children.len() == N);
            assert!(point.is_some(), "{what}: the point holds {N} subpoints");
        }
    }
}

/// The tree's depth, walked without recursion.
fn max_depth(roots: &[reglament::Provision]) -> usize {
    let mut stack: Vec<(&reglament::Provision, usize)> = roots.iter().map(|p| (p, 1)).collect();
    let mut deepest = 0;
    while let Some((p, d)) = stack.pop() {
        deepest = deepest.max(d);
        stack.extend(p.children.iter().map(|c| (c, d + 1)));
    }
    deepest
}

/// Dates that do not exist are found and reported (`date-invalid`, with
/// their span), never taken; a form that is no date (ISO dashes, a month
/// word that does not exist) is no date; a real 29 February is a date.
#[test]
fn impossible_dates_and_unknown_months() {
    let head = "Постановление акимата Западно-Казахстанской области от ";
    let tail = " № 5\n\nО регламенте\n";
    for (written, want) in [
        ("31 февраля 2017 года", None),
        ("29 февраля 2019 года", None),
        ("1 января 0000 года", None),
        ("45.13.2019", None),
        ("2019.13.45", None),
        ("29 февраля 2020 года", Some("2020-02-29")),
    ] {
        let text = format!("{head}{written}{tail}");
        let doc = parse(text.clone().into_bytes());
        assert_eq!(date(&doc).as_deref(), want, "{written}");
        assert_eq!(number(&doc), Some("5"), "{written}");
        let invalid: Vec<&str> = doc
            .diagnostics
            .iter()
            .filter(|d| d.code.as_str() == "date-invalid")
            .filter_map(|d| text.get(d.span.range()))
            .collect();
        let expected: &[&str] = if want.is_none() { &[written] } else { &[] };
        assert_eq!(invalid, expected, "{written}");
    }
    // Not a date form: no date is read and none is reported invalid; the
    // header without its date is not read as one (the act's identity is
    // reported incomplete).
    for written in [
        "2019-13-45",
        "31 мартобря 2017 года",
        "5 фервраля 2017 года",
    ] {
        let doc = parse(format!("{head}{written}{tail}").into_bytes());
        assert_eq!(date(&doc), None, "{written}");
        let c = codes(&doc);
        assert!(!c.contains(&"date-invalid"), "{written}: {c:?}");
        assert!(c.contains(&"act-identity-incomplete"), "{written}: {c:?}");
    }
}

/// `№` with nothing after it: at the end of the file, before spaces only,
/// doubled, before a dash or another `№`. The number is missing and said
/// to be, the rest of the header read.
#[test]
fn a_numero_sign_with_nothing_after_it() {
    let head = "Постановление акимата Западно-Казахстанской области от 5 мая 2017 года ";
    for tail in ["№", "№   ", "№№\n", "№ -\n\nО\n", "№ №\n\nО\n"] {
        let doc = parse(format!("{head}{tail}").into_bytes());
        assert_eq!(number(&doc), None, "{tail:?}");
        assert_eq!(date(&doc).as_deref(), Some("2017-05-05"), "{tail:?}");
        assert!(codes(&doc).contains(&"number-missing"), "{tail:?}");
    }
}

/// A document mixing Russian and Kazakh: a Russian act followed by a
/// Kazakh regulation, and the two interleaved paragraph by paragraph. The
/// document is Russian (its head is), the Kazakh runs are reported as
/// `language-mixed` with their spans, and the act's facts are those of
/// the Russian act alone.
#[test]
fn a_mixed_russian_and_kazakh_document() {
    let ru = std::fs::read_to_string(root().join("corpus/000_c6230eaa1ba36d7d.txt")).unwrap();
    let kk = std::fs::read_to_string(root().join("corpus/001_a4933109749b0e54.txt")).unwrap();
    let alone = parse(ru.clone().into_bytes());
    let joined = format!("{ru}\n\n{kk}");
    let doc = parse(joined.clone().into_bytes());
    assert_eq!(doc.language, reglament::Language::Ru);
    let identity = |a: &reglament::Act| {
        (
            a.id.clone(),
            a.date.clone(),
            a.number.clone(),
            a.title.clone(),
            a.registration.clone(),
        )
    };
    assert_eq!(identity(&doc.act), identity(&alone.act));
    // The Kazakh regulation is one more the document holds.
    assert_eq!(doc.regulations.len(), alone.regulations.len() + 1);
    let runs: Vec<&str> = doc
        .diagnostics
        .iter()
        .filter(|d| d.code.as_str() == "language-mixed")
        .filter_map(|d| joined.get(d.span.range()))
        .collect();
    assert_eq!(runs.len(), 1, "{runs:?}");
    assert!(runs[0].contains("мемлекеттік көрсетілетін қызмет"));
    assert!(
        joined[ru.len()..].contains(runs[0]),
        "the run is Kazakh text"
    );

    let mut interleaved = String::new();
    for (a, b) in ru.split("\n\n").zip(kk.split("\n\n")) {
        interleaved.push_str(&format!("{a}\n\n{b}\n\n"));
    }
    let doc = parse(interleaved.clone().into_bytes());
    assert_eq!(doc.language, reglament::Language::Ru);
    let runs: Vec<&str> = doc
        .diagnostics
        .iter()
        .filter(|d| d.code.as_str() == "language-mixed")
        .filter_map(|d| interleaved.get(d.span.range()))
        .collect();
    assert!(runs.len() > 5, "{runs:?}");
    // Each run holds Kazakh (a short Russian paragraph, too short to
    // tell, does not break a run).
    let kazakh = |r: &&str| r.chars().any(|c| "әғқңөұүһі".contains(c));
    assert!(runs.iter().all(kazakh), "{runs:?}");
}

/// The act folder every malformed meta.yaml case starts from.
const FOLDER: &str = "corpus/kazakhstan-law/local-kostanay/2015-0330-88098";

/// A corpus of act folders whose meta.yaml is malformed: not YAML, a
/// requisite that is a map or a list, a requisite of 1 MB. Each meta.yaml
/// is reported naming the file and the field (or the line), and its texts
/// are still read, as a lone file's would be; a good folder is unharmed.
#[test]
fn malformed_meta_yaml_is_reported_and_the_texts_still_parse() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path();
    let huge = format!(
        "act_code: '1'\nrequisite: {}\n",
        "Решение акима Костанайской области ".repeat(1024 * 1024 / 64)
    );
    let cases = [
        ("good", None, ""),
        (
            "not-yaml",
            Some("это: не: YAML: [\n: {\n"),
            "not valid meta.yaml",
        ),
        (
            "map",
            Some("act_code: '1'\nrequisite:\n  rus: Решение № 4\n"),
            "requisite (line 3): a map, not one line of text",
        ),
        (
            "list",
            Some("requisite: [Решение, № 4]\n"),
            "requisite (line 1): a list, not one line of text",
        ),
        (
            "huge",
            Some(huge.as_str()),
            "requisite (line 2): 1081343 bytes long, not a requisite line",
        ),
    ];
    for (name, meta, _) in &cases {
        for f in ["rus.md", "kaz.md", "meta.yaml"] {
            std::fs::create_dir_all(corpus.join(name)).unwrap();
            std::fs::copy(root().join(FOLDER).join(f), corpus.join(name).join(f)).unwrap();
        }
        if let Some(meta) = meta {
            write(&corpus.join(name), "meta.yaml", meta);
        }
    }
    let (docs, errors) = reglament::records(corpus, grammar()).unwrap();
    assert_eq!(docs.len(), 2 * cases.len(), "every folder's two texts");
    assert_eq!(errors.len(), cases.len() - 1, "{errors:?}");
    for (name, _, says) in &cases[1..] {
        let file = corpus.join(name).join("meta.yaml");
        let error = errors
            .iter()
            .find(|e| e.starts_with(&format!("{}: ", file.display())))
            .unwrap_or_else(|| panic!("{name}: {errors:?}"));
        assert!(error.contains(says), "{name}: {error}");
        assert!(error.len() < 1000, "{name}: one short line");
    }
    // The texts parse as they would alone: the title and language are the
    // text's; only the good folder has the requisite's registration.
    for doc in &docs {
        let v = doc.to_json().unwrap();
        assert!(doc.act.title.is_some(), "{}", doc.source.path);
        let good = doc.source.path.contains("/good/");
        assert_eq!(
            v["act"]["registration"]["number"] == "5490",
            good,
            "{}",
            doc.source.path
        );
        assert!(
            v["source"]["meta"]["path"]
                .as_str()
                .is_some_and(|p| p.ends_with("meta.yaml"))
        );
    }

    // The command line prints all ten records, names each broken
    // meta.yaml on stderr and exits 2.
    let out = reglament(&["parse", &corpus.to_string_lossy()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 10);
    for (name, _, says) in &cases[1..] {
        assert!(
            stderr.contains(&format!("{name}/meta.yaml: ")) && stderr.contains(says),
            "{name}: {stderr}"
        );
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
}

fn index(corpus: &Path, index: &Path) -> IndexReport {
    let opts = IndexOptions {
        corpus: corpus.to_path_buf(),
        index: index.to_path_buf(),
        fingerprint: "test".into(),
        rebuild: false,
    };
    reglament::update_index(&opts, grammar(), &mut |_| {}).expect("index builds")
}

/// How many documents a search finds in an index.
fn found(index: &Path, words: &str) -> u64 {
    let index = reglament::Index::open(index, grammar()).expect("index opens");
    let day = reglament::Date::parse("2026-11-29").unwrap();
    let q = SearchQuery::new(words, day).unwrap();
    index.search(&q).unwrap().total
}

/// Two small acts of the shipped corpus, copied into `corpus`.
fn two_acts(corpus: &Path) {
    for seed in ["000_c6230eaa1ba36d7d.txt", "001_a4933109749b0e54.txt"] {
        std::fs::create_dir_all(corpus).unwrap();
        std::fs::copy(root().join("corpus").join(seed), corpus.join(seed)).unwrap();
    }
}

/// A corpus holding symbolic links out of itself (to a file, to a
/// directory of acts, and as an act folder's text): nothing outside is
/// read, each link is reported by name, and the rest is indexed.
#[test]
fn a_symlink_out_of_the_corpus_is_not_read() {
    let work = tempfile::tempdir().unwrap();
    let outside = work.path().join("outside");
    let secret = format!("{ACT}\nЗасекреченнаяфраза вне корпуса.\n");
    write(&outside, "secret.txt", &secret);
    write(&outside, "acts/more.txt", &secret);
    let corpus = work.path().join("corpus");
    two_acts(&corpus);
    let link = |to: &Path, name: &str| {
        std::fs::create_dir_all(corpus.join(name).parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(to, corpus.join(name)).unwrap();
    };
    link(&outside.join("secret.txt"), "secret.txt");
    link(&outside.join("acts"), "acts");
    write(&corpus, "folder/meta.yaml", "requisite: Решение № 4\n");
    link(&outside.join("secret.txt"), "folder/rus.md");
    // A link inside the corpus is an act like any other.
    link(&corpus.join("000_c6230eaa1ba36d7d.txt"), "again.txt");

    let idx = work.path().join("index");
    let report = index(&corpus, &idx);
    assert_eq!(
        report.entries, 3,
        "two acts and the link inside: {report:?}"
    );
    for name in ["secret.txt", "acts", "folder"] {
        let path = corpus.join(name).display().to_string();
        assert!(
            report
                .errors
                .iter()
                .any(|e| e.starts_with(&format!("{path}: ")) && e.contains("out of the corpus")),
            "{name}: {:?}",
            report.errors
        );
    }
    assert_eq!(report.errors.len(), 3, "{:?}", report.errors);
    assert_eq!(found(&idx, "засекреченнаяфраза"), 0);
    assert!(found(&idx, "безработного") > 0);

    // The command line says the same on stderr and builds the index.
    let out = reglament(&[
        "index",
        "--corpus",
        &corpus.to_string_lossy(),
        "--index",
        &work.path().join("cli-index").to_string_lossy(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    for name in ["secret.txt", "acts", "folder"] {
        let path = corpus.join(name).display().to_string();
        assert!(stderr.contains(&format!("{path}: ")), "{name}: {stderr}");
    }
}

/// A corpus with files that cannot be read: each is reported by name (in
/// the update's report and on the command line's stderr), and the rest is
/// indexed.
///
/// Which files genuinely fail: a file without read permission fails only
/// when the tests do not run as root (root reads through `chmod 000`), so
/// it is expected in the report exactly when reading it here fails. A
/// dangling symbolic link named like a text fails for everyone (there is
/// nothing to open), and a FIFO named like a text would block its reader
/// for ever, so it is reported without being opened. A text that cannot
/// be decoded is reported too.
#[test]
fn unreadable_files_are_reported_and_the_rest_indexed() {
    use std::os::unix::fs::PermissionsExt;
    let work = tempfile::tempdir().unwrap();
    let corpus = work.path().join("corpus");
    two_acts(&corpus);
    let locked = write(&corpus, "locked.txt", format!("{ACT}\nЗамкнутыйфайл.\n"));
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let locked_fails = std::fs::read(&locked).is_err();
    std::os::unix::fs::symlink(corpus.join("gone.txt"), corpus.join("dangling.txt")).unwrap();
    let fifo = Command::new("mkfifo")
        .arg(corpus.join("pipe.md"))
        .status()
        .is_ok_and(|s| s.success());
    write(&corpus, "sub/binary.txt", b"\x00\x01\x02\x03\xff\xfe\xfd");

    let mut unreadable = vec!["dangling.txt", "sub/binary.txt"];
    if fifo {
        unreadable.push("pipe.md");
    }
    if locked_fails {
        unreadable.push("locked.txt");
    }
    let idx = work.path().join("index");
    let report = index(&corpus, &idx);
    for name in &unreadable {
        let path = corpus.join(name).display().to_string();
        assert!(
            report
                .errors
                .iter()
                .any(|e| e.starts_with(&format!("{path}: "))),
            "{name}: {:?}",
            report.errors
        );
    }
    assert_eq!(report.errors.len(), unreadable.len(), "{:?}", report.errors);
    // The two acts (and the locked one, when root reads it) are indexed.
    assert!(found(&idx, "безработного") > 0);
    assert!(found(&idx, "жұмыспен") > 0);
    assert_eq!(found(&idx, "замкнутыйфайл") > 0, !locked_fails);

    let out = reglament(&[
        "index",
        "--corpus",
        &corpus.to_string_lossy(),
        "--index",
        &work.path().join("cli-index").to_string_lossy(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    for name in &unreadable {
        let path = corpus.join(name).display().to_string();
        assert!(
            stderr.contains(&format!("skipped {path}: ")),
            "{name}: {stderr}"
        );
    }
    // `reglament parse` of the corpus names them too, and exits 2.
    let out = reglament(&["parse", &corpus.to_string_lossy()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    for name in &unreadable {
        assert!(stderr.contains(name), "{name}: {stderr}");
    }
}
