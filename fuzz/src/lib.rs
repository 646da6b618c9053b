//! The fuzz targets' checks, one function per target. Each takes the raw
//! fuzz input and panics only when the library breaks a promise. The
//! targets in `fuzz_targets/` call them; the main crate's
//! `tests/fuzzed.rs` includes this file and runs every input saved under
//! `tests/fuzzed/<target>/` through the same function, so a crash the
//! fuzzer found stays a regression test.
//!
//! Inputs that hold several files (two texts to diff; an act folder's
//! meta.yaml and texts) separate them by a line of their own,
//! [`SEPARATOR`]: a seed is readable text, and the mutator keeps the
//! separators it finds while it changes the parts.

use reglament::{
    Code, Date, Diff, Folder, Format, Grammar, Index, IndexOptions, Provision, Regulation,
    SearchQuery, Source,
};
use std::path::Path;

/// The line between the parts of one input.
pub const SEPARATOR: &[u8] = b"\n--8<--\n";

/// The first `n` parts of `data`, cut at [`SEPARATOR`]: fewer when it has
/// fewer separators; the last part keeps any further separators.
pub fn split(data: &[u8], n: usize) -> Vec<&[u8]> {
    let mut parts = Vec::with_capacity(n);
    let mut rest = data;
    while parts.len() + 1 < n {
        let Some(at) = rest.windows(SEPARATOR.len()).position(|w| w == SEPARATOR) else {
            break;
        };
        parts.push(&rest[..at]);
        rest = &rest[at + SEPARATOR.len()..];
    }
    parts.push(rest);
    parts
}

/// Every span of a record's JSON (`"spans"`: pointer → `[start, end]`, or
/// `[start, end, "meta.yaml"]`) lies in its file: `text_len` bytes for the
/// text, `meta_len` for meta.yaml.
pub fn check_spans(json: &serde_json::Value, text_len: usize, meta_len: usize) {
    for (ptr, span) in json["spans"].as_object().into_iter().flatten() {
        let start = span[0].as_u64().unwrap_or(u64::MAX) as usize;
        let end = span[1].as_u64().unwrap_or(u64::MAX) as usize;
        let len = if span[2].as_str() == Some("meta.yaml") {
            meta_len
        } else {
            text_len
        };
        assert!(
            start <= end && end <= len,
            "{ptr}: {start}..{end} of {len} ({span})"
        );
    }
}

fn grammar() -> &'static Grammar {
    Grammar::builtin().expect("the built-in grammar loads")
}

/// `decode`: any bytes are decoded or refused; the decoded text maps every
/// line back into the input; normalizing gives the same text whichever way
/// it is asked for, and normalizing the result again changes nothing
/// (unless the record says normalization did not converge).
pub fn decode(data: &[u8]) {
    let g = grammar();
    let Ok(source) = Source::from_bytes("fuzz", data.to_vec()) else {
        return;
    };
    assert_eq!(source.bytes, data, "the original bytes are kept");
    let text = source.text.as_str();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let span = source.text.source_span(at..at + line.len());
        assert!(
            span.start <= span.end && span.end <= data.len(),
            "line at {at}: {span:?} of {}",
            data.len()
        );
        let _ = source.original(span);
        at += line.len();
    }
    let whole = source.text.source_span(0..text.len());
    assert!(whole.end <= data.len(), "{whole:?} of {}", data.len());

    let once = reglament::normalized_text(&source, g);
    assert_eq!(
        once,
        reglament::normalize_str(text, source.format, g),
        "the source's text and the same string normalize alike"
    );
    let twice = reglament::normalize_str(&once, Format::Text, g);
    if twice != once {
        // Only a text the record flags as still changing may change again.
        let doc = reglament::document(&source, g);
        assert!(
            doc.diagnostics
                .iter()
                .any(|d| d.code == Code::NormalizationNotConverged),
            "normalizing twice changed the text and no diagnostic says so:\n{once:?}\n{twice:?}"
        );
    }
}

/// `parse`: the whole pipeline on any bytes; every span of an accepted
/// file's record, and every diagnostic's, lies inside it.
pub fn parse(data: &[u8]) {
    let Ok(source) = Source::from_bytes("fuzz", data.to_vec()) else {
        return;
    };
    let doc = reglament::document(&source, grammar());
    for d in &doc.diagnostics {
        assert!(
            d.span.start <= d.span.end && d.span.end <= data.len(),
            "{d:?}"
        );
    }
    let json = doc.to_json().expect("a record serializes");
    check_spans(&json, data.len(), 0);
}

/// `folder`: meta.yaml, rus.md and kaz.md, separated by [`SEPARATOR`]
/// lines (a missing part is a missing file), read from these bytes
/// (`Folder::from_bytes`, what `Folder::read` does once the files are
/// read) and made records: one per text that decodes, one work id, every
/// span inside its file (the text's, or meta.yaml's for the requisite's).
pub fn folder(data: &[u8]) {
    let parts = split(data, 3);
    let meta = parts.first().map(|m| m.to_vec()).unwrap_or_default();
    let meta_len = meta.len();
    let text = |i: usize| parts.get(i).map(|t| t.to_vec());
    let Ok(folder) = Folder::from_bytes("fuzz", meta, [text(1), text(2)]) else {
        return;
    };
    if let Some(r) = &folder.meta.requisite {
        assert_eq!(
            r.bytes.len(),
            meta_len,
            "the requisite keeps meta.yaml's offsets"
        );
    }
    let docs = reglament::folder(&folder, grammar());
    assert_eq!(docs.len(), folder.texts.len(), "one record per text");
    let first = docs.first().map(|d| d.act.id.clone());
    for (doc, source) in docs.iter().zip(&folder.texts) {
        assert_eq!(Some(doc.act.id.clone()), first, "one work id");
        let json = doc.to_json().expect("a record serializes");
        check_spans(&json, source.bytes.len(), meta_len);
    }
}

/// `query`: the first line is the query text, each further line a
/// `name=value` filter. Parsing answers or errs (naming the parameter),
/// never panics; the words and phrases written back as text parse to the
/// same parts; the query then runs against `index`, which answers or errs.
pub fn query(data: &[u8], index: Option<&Index>) {
    let input = String::from_utf8_lossy(data);
    let mut lines = input.split('\n');
    let text = lines.next().unwrap_or_default();
    let today = Date::new(2026, 11, 29).expect("a date");
    let mut q = match SearchQuery::new(text, today) {
        Ok(q) => q,
        Err(e) => {
            assert!(e.to_string().starts_with("q: "), "{e}");
            return;
        }
    };
    round_trips(&q, today);
    for line in lines {
        let (name, value) = line.split_once('=').unwrap_or((line, ""));
        if let Err(e) = q.set(name, value) {
            assert!(!e.to_string().is_empty());
        }
    }
    if let Some(Ok(results)) = index.map(|i| i.search(&q)) {
        assert!(
            results.hits.len() as u64 <= results.total,
            "more hits than matches"
        );
    }
}

/// The parts written back as text parse to the same parts. (`Part` is not
/// public; its serde form, `{"Word": ..}` or `{"Phrase": ..}`, is.)
fn round_trips(q: &SearchQuery, today: Date) {
    let parts = serde_json::to_value(q.parts()).expect("parts serialize");
    let written: Vec<String> = parts
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| match (p["Word"].as_str(), p["Phrase"].as_str()) {
            (Some(w), _) => Some(w.to_string()),
            (_, Some(p)) => Some(format!("\"{p}\"")),
            _ => None,
        })
        .collect();
    // Closing a quote left open may take the text over the length cap.
    if let Ok(again) = SearchQuery::new(&written.join(" "), today) {
        let again = serde_json::to_value(again.parts()).expect("parts serialize");
        assert_eq!(again, parts, "{:?} written as {written:?}", q.text);
    }
}

/// An index of the `.txt` files of `corpus` (not its act folders: they
/// add time, not query paths), built in `dir`, which is made anew.
pub fn query_index(corpus: &Path, dir: &Path) -> Option<Index> {
    let _ = std::fs::remove_dir_all(dir);
    let texts = dir.join("corpus");
    std::fs::create_dir_all(&texts).ok()?;
    for entry in std::fs::read_dir(corpus).ok()?.flatten() {
        if entry.path().extension().is_some_and(|e| e == "txt") {
            std::fs::copy(entry.path(), texts.join(entry.file_name())).ok()?;
        }
    }
    let opts = IndexOptions {
        corpus: texts,
        index: dir.join("index"),
        fingerprint: "fuzz".into(),
        rebuild: true,
    };
    reglament::update_index(&opts, grammar(), &mut |_| {}).ok()?;
    Index::open(&opts.index, grammar()).ok()
}

/// Regulations per text diffed (pairs grow as the square).
const MAX_DIFFED: usize = 3;

/// `diff`: two texts separated by a [`SEPARATOR`] line, each parsed, their
/// regulations diffed pairwise (`reglament::diff_regulations`): the
/// redline's equal and deleted runs spell the first regulation's text, its
/// equal and inserted runs the second's; a regulation diffed with itself
/// has no change at all.
pub fn diff(data: &[u8]) {
    let g = grammar();
    let parts = split(data, 2);
    let parse = |i: usize| {
        let bytes = parts.get(i)?.to_vec();
        Some(reglament::document(
            &Source::from_bytes("fuzz", bytes).ok()?,
            g,
        ))
    };
    let Some(a) = parse(0) else { return };
    let b = parse(1).unwrap_or_else(|| a.clone());
    for x in a.regulations.iter().take(MAX_DIFFED) {
        unchanged_against_itself(x);
        for y in b.regulations.iter().take(MAX_DIFFED) {
            redline_spells_both(x, y, &reglament::diff_regulations("a", x, "b", y));
        }
    }
    for y in b.regulations.iter().take(MAX_DIFFED) {
        unchanged_against_itself(y);
    }
}

/// A regulation's text as the diff reads it: its provisions' own texts.
fn regulation_text(r: &Regulation) -> String {
    r.provisions
        .iter()
        .flat_map(Provision::walk)
        .map(|p| p.text.value.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

fn redline_spells_both(x: &Regulation, y: &Regulation, d: &Diff) {
    let spelled = |skip: &str| -> String {
        d.redline
            .iter()
            .filter(|r| r.op != skip)
            .map(|r| r.text.as_str())
            .collect()
    };
    assert_eq!(
        spelled("insert"),
        regulation_text(x),
        "equal + delete spell a"
    );
    assert_eq!(
        spelled("delete"),
        regulation_text(y),
        "equal + insert spell b"
    );
    let ns: Vec<u32> = d.procedures.iter().map(|p| p.n).collect();
    assert!(
        ns.windows(2).all(|w| w[0] < w[1]),
        "steps by number, once: {ns:?}"
    );
}

fn unchanged_against_itself(x: &Regulation) {
    let d = reglament::diff_regulations("a", x, "a", x);
    redline_spells_both(x, x, &d);
    assert!(
        d.fields.iter().all(|f| f.a == f.b),
        "fields differ from themselves"
    );
    assert!(
        d.procedures.iter().all(|p| p.changed.is_empty()),
        "a step differs from itself"
    );
    assert!(
        d.redline.iter().all(|r| r.op == "equal"),
        "a redline against itself"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_most_n() {
        assert_eq!(
            split(b"a\n--8<--\nb\n--8<--\nc", 2),
            [&b"a"[..], b"b\n--8<--\nc"]
        );
        assert_eq!(split(b"a", 3), [&b"a"[..]]);
        assert_eq!(split(b"\n--8<--\n", 2), [&b""[..], b""]);
    }
}
