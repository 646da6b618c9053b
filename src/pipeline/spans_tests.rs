//! For every span in every record, the original bytes at that span read
//! back as the value, through the library's own rules:
//! - text: the span's original, normalized as its file was, is the value
//!   (whitespace folded; where the slice, normalized out of its line, spaces
//!   a quote or a letter-spaced word otherwise, its letters and digits in
//!   order);
//! - dates: the date rule reads the same date from the span;
//! - enums: the grammar reads the same value from the original words.
//!
//! The one reordering allowed is the normalizer's: where it reports moving
//! a displaced word (`displaced-word-repaired`) inside a span, the span
//! holds the value's letters in another order, or holds the value once
//! the moved word is taken out.

use crate::grammar::Grammar;
use crate::normalize::normalize_str;
use crate::record::Document;
use crate::source::{Format, Source};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// What a failed step of a test says.
type TestResult<T = ()> = Result<T, Box<dyn std::error::Error>>;

fn grammar() -> &'static Grammar {
    crate::grammar::for_tests()
}

/// Every file of the shipped corpus, relative to the crate root.
fn corpus_files() -> TestResult<Vec<PathBuf>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (files, errors) = crate::source::corpus_files(&root.join("corpus"))?;
    assert!(errors.is_empty(), "{errors:?}");
    Ok(files
        .iter()
        .filter_map(|p| p.strip_prefix(root).ok().map(Path::to_path_buf))
        .collect())
}

/// Parse a corpus file given relative to the crate root.
fn parse_rel(rel: &Path) -> TestResult<(Source, Document)> {
    let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel))?;
    let source = Source::from_bytes(rel, bytes)?;
    let doc = super::document(&source, grammar());
    Ok((source, doc))
}

/// A record as JSON, with its spans map.
fn json_and_spans(doc: &Document) -> TestResult<(Value, serde_json::Map<String, Value>)> {
    let json = doc.to_json()?;
    let spans = json["spans"]
        .as_object()
        .ok_or("the record has no spans map")?
        .clone();
    Ok((json, spans))
}

/// The span's original text as the parser reads it: markup off (an HTML
/// fragment goes through the page extractor), normalized.
fn read_back(original: &str, format: Format) -> String {
    match format {
        Format::Html => {
            let page = format!("<html><body>{original}</body></html>");
            // A span's bytes come from a file that decoded, so they decode.
            Source::from_bytes("span.html", page.into_bytes())
                .map(|source| {
                    crate::normalize::normalize(&source, grammar())
                        .text
                        .as_str()
                        .to_string()
                })
                .unwrap_or_default()
        }
        // A span may begin inside a link's text ("www.egov.kz](http://…)"):
        // give the link its opening bracket back.
        Format::Markdown
            if original
                .find("](")
                .is_some_and(|c| original.find('[').is_none_or(|o| c < o)) =>
        {
            normalize_str(&format!("[{original}"), Format::Markdown, grammar())
        }
        f => normalize_str(original, f, grammar()),
    }
}

/// Letters and digits in order, lowercased: what a slice normalized out of
/// its context still shares with the value (a quote's side or a
/// letter-spaced word is decided by the whole line).
fn letters(s: &str) -> String {
    alnum(s)
}

/// The letters and digits, lowercased and sorted: all that a span whose
/// words the normalizer moved (and, in the PDF, glued to their neighbours:
/// "20.10.2020постановлением") keeps of its value.
fn sorted_letters(s: &str) -> Vec<char> {
    let mut l: Vec<char> = alnum(s).chars().collect();
    l.sort_unstable();
    l
}

/// The original spans of the words the normalizer moved back to their
/// place: the only reordering a span's text may show.
fn moved_words(doc: &Value) -> Vec<(usize, usize)> {
    doc["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["code"] == "displaced-word-repaired")
        .filter_map(|d| {
            Some((
                d["span"][0].as_u64()? as usize,
                d["span"][1].as_u64()? as usize,
            ))
        })
        .collect()
}

fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first date the library's date rule reads in `s`.
fn first_date(s: &str) -> Option<String> {
    let t = crate::text::Text::identity(s);
    let doc = crate::parse::Doc::new(&t, grammar());
    crate::parse::date::dates_in(&doc, t.as_str())
        .into_iter()
        .find_map(|d| d.raw.validate())
        .map(|d| d.to_string())
}

fn alnum(s: &str) -> String {
    s.chars()
        .filter(|c| crate::text::is_letter_or_digit(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// What a span holds: its original text as written, and as it reads with
/// the words the normalizer moved away from it taken out.
struct Held {
    original: String,
    without_moved: String,
    format: Format,
    /// A moved word lies inside the span.
    moved: bool,
}

/// Does the span hold `value` at pointer `ptr`?
fn holds(ptr: &str, value: &Value, held: &Held) -> Result<(), String> {
    let g = grammar();
    let norm = read_back(&held.original, held.format);
    let mut parts = ptr.rsplit('/');
    let last = parts.next().unwrap_or("");
    // Array items take their list's name ("/forms/0" is a form).
    let field = if last.chars().all(|c| c.is_ascii_digit()) {
        parts.next().unwrap_or("")
    } else {
        last
    };
    let found_key =
        |m: &crate::grammar::Matcher<String>, k: &str| m.find_iter(&norm).any(|(x, _)| x == k);
    match (field, value) {
        // An amendment path's unit: the structure word reads it back.
        ("unit", Value::String(u)) if ptr.contains("/path/") => g
            .structure
            .find_iter(&norm)
            .any(|(x, _)| format!("{x:?}").to_lowercase() == *u)
            .then_some(())
            .ok_or_else(|| format!("unit {u} not read from {norm:?}")),
        ("unit", Value::String(u)) => {
            let base = match u.as_str() {
                "working_day" | "calendar_day" => "day",
                other => other,
            };
            // A slice of a letter-spaced line ("рабочего д н я") was
            // collapsed in context; join its single letters here too.
            let joined = join_single_letters(&norm);
            let found = g
                .units
                .find_iter(&joined)
                .any(|(x, _)| format!("{x:?}").to_lowercase() == base.replace('_', ""));
            found
                .then_some(())
                .ok_or_else(|| format!("unit {u} not read from {norm:?}"))
        }
        ("op", Value::String(o)) => {
            let found = g
                .operations
                .find_iter(&norm)
                .any(|(x, _)| format!("{x:?}").to_lowercase() == *o);
            found
                .then_some(())
                .ok_or_else(|| format!("operation {o} not read from {norm:?}"))
        }
        // A role is read in its own words, as the agent of a verbal noun
        // ("руководством"), or is `other`: words the lexicon does not know.
        ("role", Value::String(r)) => (r == "other"
            || found_key(&g.roles, r)
            || found_key(&g.role_agents, r)
            || found_key(&g.role_genitives, r))
        .then_some(())
        .ok_or_else(|| format!("role {r} not in {norm:?}")),
        ("forms", Value::String(f)) => found_key(&g.forms, f)
            .then_some(())
            .ok_or_else(|| format!("form {f} not in {norm:?}")),
        ("recipients", Value::String(r)) => found_key(&g.recipients, r)
            .then_some(())
            .ok_or_else(|| format!("{r} not in {norm:?}")),
        ("fee", Value::String(f)) => g
            .fee
            .find_iter(&norm)
            .any(|(x, _)| format!("{x:?}").to_lowercase() == *f)
            .then_some(())
            .ok_or_else(|| format!("fee {f} not in {norm:?}")),
        // A regulation's kind: its title reads as that kind of document.
        ("kind", Value::String(k))
            if ptr.ends_with(&format!("/regulations/{}/kind", regulation_index(ptr))) =>
        {
            let named =
                |m: &crate::grammar::Matcher<String>| m.find_iter(&norm).any(|(x, _)| x == *k);
            (named(&g.service_documents) || named(&g.approving_titles))
                .then_some(())
                .ok_or_else(|| format!("regulation kind {k} not read from {norm:?}"))
        }
        ("kind", Value::String(k)) if ptr.contains("/channels/") => (k == "other"
            || found_key(&g.channels, k))
        .then_some(())
        .ok_or_else(|| format!("channel {k} not in {norm:?}")),
        ("value" | "n" | "number" | "days", Value::Number(n)) => {
            let spelled = field == "value" && ptr.contains("/duration");
            reads_number(&norm, &n.to_string(), spelled)
                .then_some(())
                .ok_or_else(|| format!("{n} not read from {norm:?}"))
        }
        ("date", Value::String(d)) => {
            let read = first_date(&norm)
                .filter(|r| r == d || !held.moved)
                .or_else(|| first_date(&read_back(&held.without_moved, held.format)));
            (read.as_deref() == Some(d.as_str()))
                .then_some(())
                .ok_or_else(|| format!("{d} read back as {read:?} from {norm:?}"))
        }
        ("kind", Value::String(k)) => {
            // Two bodies enacting in one clause («ПОСТАНОВЛЯЕТ и … РЕШИЛ»)
            // make a joint act.
            let enacting: std::collections::HashSet<_> =
                g.enacting.find_iter(&norm).map(|(x, _)| x).collect();
            let found = g
                .kinds
                .find_iter(&norm)
                .chain(g.enacting.find_iter(&norm))
                // A text the head of state signs with no enacting clause
                // is a law (the signature is the kind's span).
                .chain(
                    g.head_of_state
                        .find_iter(&norm)
                        .map(|(_, r)| (crate::record::ActKind::Law, r)),
                )
                .any(|(x, _)| x.as_str() == k)
                || (k == "joint" && enacting.len() >= 2);
            found
                .then_some(())
                .ok_or_else(|| format!("kind {k} not read from {norm:?}"))
        }
        ("body", Value::String(b)) => {
            let found = g.bodies.find_iter(&norm).any(|(x, _)| x.as_str() == b);
            found
                .then_some(())
                .ok_or_else(|| format!("body {b} not read from {norm:?}"))
        }
        ("region", Value::String(r)) => {
            // A district or city of the gazetteer names its oblast (today's
            // or the one of the act's date).
            let found = g.regions.find_iter(&norm).any(|(x, _)| &x == r)
                || g.gazetteer.find_iter(&norm).any(|(places, _)| {
                    places.iter().any(|p| {
                        &p.oblast == r || p.before.as_ref().is_some_and(|(_, was)| was == r)
                    })
                });
            found
                .then_some(())
                .ok_or_else(|| format!("region {r} not read from {norm:?}"))
        }
        (_, Value::String(text)) => {
            let same = fold(&norm) == fold(text) || letters(&norm) == letters(text) || {
                // A word moved into the span reads elsewhere in its
                // original; a word moved out of it is taken out.
                let without = read_back(&held.without_moved, held.format);
                held.moved
                    && (sorted_letters(&norm) == sorted_letters(text)
                        || letters(&without) == letters(text))
            };
            same.then_some(())
                .ok_or_else(|| format!("{text:?} read back as {:?}", fold(&norm)))
        }
        (_, other) => Err(format!("a span on a non-text value {other}")),
    }
}

/// Does the span's text read as the number `digits`? The span of a number
/// covers its digits or its number words, nothing else: the folded text is
/// the digits, or the number words read the same value to the end. A
/// duration's value may be written in both, «2 (двух)»: its leading digits
/// are the value (whether the words agree is `duration-words-mismatch`'s
/// business, not the span's). Digits merely occurring in the span (5 in
/// «15») do not count.
fn reads_number(norm: &str, digits: &str, spelled: bool) -> bool {
    // A slice of a letter-spaced line ("в течение 1 0 минут") was collapsed
    // in context; join its single characters here too.
    let text = join_single_letters(&fold(norm));
    let words = crate::parse::number::number_words(grammar(), &text)
        .is_ok_and(|(rest, v)| rest.trim().is_empty() && v.to_string() == digits);
    let spelled_out = spelled
        && text
            .strip_prefix(digits)
            .is_some_and(|words| words.trim_start().starts_with('('));
    text == digits || words || spelled_out
}

fn join_single_letters(s: &str) -> String {
    let mut out = String::new();
    let mut prev_single = false;
    for w in s.split(' ') {
        let single = w.chars().count() == 1;
        if !(out.is_empty() || single && prev_single) {
            out.push(' ');
        }
        out.push_str(w);
        prev_single = single;
    }
    out
}

#[test]
fn every_span_round_trips_over_the_corpus() -> TestResult {
    let mut checked = 0;
    let mut failures = Vec::new();
    for rel in corpus_files()? {
        let (source, doc) = parse_rel(&rel)?;
        let (json, spans) = json_and_spans(&doc)?;
        let moved = moved_words(&json);
        for (ptr, span) in &spans {
            let (Some(start), Some(end)) = (span[0].as_u64(), span[1].as_u64()) else {
                failures.push(format!("{}: {ptr}: malformed span {span}", rel.display()));
                continue;
            };
            let (start, end) = (start as usize, end as usize);
            assert!(
                start <= end && end <= source.bytes.len(),
                "{}: {ptr}: span {start}..{end} out of the file",
                rel.display()
            );
            let value = json.pointer(ptr).unwrap_or(&Value::Null);
            let inside: Vec<&(usize, usize)> = moved
                .iter()
                .filter(|(s, e)| start <= *s && *e <= end && s < e)
                .collect();
            let text =
                |from: usize, to: usize| source.original(crate::span::Span::new(from.min(to), to));
            let mut without_moved = String::new();
            let mut at = start;
            for (s, e) in &inside {
                without_moved.push_str(&text(at, *s));
                without_moved.push(' ');
                at = at.max(*e);
            }
            without_moved.push_str(&text(at, end));
            let held = Held {
                original: text(start, end),
                without_moved,
                format: source.format,
                moved: !inside.is_empty(),
            };
            if let Err(why) = holds(ptr, value, &held) {
                failures.push(format!("{}: {ptr}: {why}", rel.display()));
            }
            checked += 1;
        }
    }
    assert!(checked > 300, "only {checked} spans checked");
    assert!(
        failures.is_empty(),
        "{} of {checked} spans do not hold their value:\n{}",
        failures.len(),
        failures.join("\n")
    );
    Ok(())
}

/// Every extracted value has a span: no string or number leaf of the whole
/// record lacks one (the act, its regulations, amendments, and whatever
/// tree the record grows), except what is derived, not extracted: ids,
/// statuses, rules, and the record's own metadata.
#[test]
fn every_extracted_value_has_a_span() -> TestResult {
    let mut checked = 0;
    let mut missing = Vec::new();
    for rel in corpus_files()? {
        let (json, spans) = json_and_spans(&parse_rel(&rel)?.1)?;
        let mut leaves = Vec::new();
        collect_leaves(&json, String::new(), &mut leaves);
        for ptr in leaves {
            if derived(&ptr, json.pointer(&ptr).unwrap_or(&Value::Null)) {
                continue;
            }
            if !spans.contains_key(&ptr) {
                missing.push(format!("{}: {ptr}", rel.display()));
            }
            checked += 1;
        }
    }
    assert!(checked > 300, "only {checked} values checked");
    assert!(
        missing.is_empty(),
        "{} of {checked} values have no span:\n{}",
        missing.len(),
        missing.join("\n")
    );
    Ok(())
}

/// The index in `/regulations/N/…`, or an empty string.
fn regulation_index(ptr: &str) -> &str {
    ptr.strip_prefix("/regulations/")
        .and_then(|r| r.split('/').next())
        .unwrap_or("")
}

/// Leaves no text states as such: the record's metadata, the diagnostics
/// and amendments' own spans, ids formed from other values, and values
/// judged from several facts (a duration's ISO form, a step's or term's
/// class, an amendment's scope, a regulation's language).
fn derived(ptr: &str, value: &Value) -> bool {
    const META: [&str; 5] = [
        "/schema_version",
        "/source/",
        "/language",
        "/diagnostics/",
        "/spans/",
    ];
    let mut parts = ptr.rsplit('/');
    let last = parts.next().unwrap_or("");
    let parent = parts.next().unwrap_or("");
    let grandparent = parts.next().unwrap_or("");
    let index = last.chars().all(|c| c.is_ascii_digit());
    META.iter().any(|m| ptr.starts_with(m))
        || matches!(
            last,
            "id" | "status" | "rule" | "regulation" | "iso8601" | "scope" | "language"
        )
        || (last == "kind" && matches!(grandparent, "portal_steps" | "terms"))
        // A whole operation's or provision's extent is itself a span.
        || (index && parent == "span")
        // A provision's unit is read from its label, whose span is the
        // number's (an unnumbered paragraph has no label to point to).
        || (last == "unit" && grandparent == "provisions")
        || (last == "unit" && grandparent == "children")
        // The ids of the regulation records an amendment brings.
        || (index && parent == "new_regulations")
        // Not stated: the default ("unknown"), which no text holds.
        || (last == "fee" && value == "unknown")
}

fn collect_leaves(v: &Value, ptr: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => m
            .iter()
            .for_each(|(k, x)| collect_leaves(x, format!("{ptr}/{k}"), out)),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| collect_leaves(x, format!("{ptr}/{i}"), out)),
        Value::String(_) | Value::Number(_) => out.push(ptr),
        Value::Bool(_) | Value::Null => {}
    }
}

/// Issue 8: the old check passed a date whose year and day occur anywhere
/// in the span, and a text whose words occur in any order.
#[test]
fn the_round_trip_rejects_what_the_old_check_let_through() {
    let held = |s: &str| Held {
        original: s.into(),
        without_moved: s.into(),
        format: Format::Text,
        moved: false,
    };
    let date = Value::from("2017-10-31");
    assert!(holds("/act/date", &date, &held("от 31 октября 2017 года")).is_ok());
    assert!(holds("/act/date", &date, &held("31 декабря 2017 года")).is_err());
    let title = Value::from("О внесении изменений");
    assert!(holds("/act/title", &title, &held("О  внесении изменений")).is_ok());
    assert!(holds("/act/title", &title, &held("изменений О внесении")).is_err());
    assert!(
        holds(
            "/act/title",
            &title,
            &held("О внесении изменений и дополнений")
        )
        .is_err()
    );
}

/// Issue 8: a number passed if its digits occurred anywhere in the span
/// (5 inside «15»); now the span must read as the number.
#[test]
fn a_number_is_read_back_not_found_inside_another() {
    let held = |s: &str| Held {
        original: s.into(),
        without_moved: s.into(),
        format: Format::Text,
        moved: false,
    };
    let n = "/regulations/0/procedures/0/n";
    let value = "/regulations/0/procedures/0/duration/value";
    let days = "/act/entry_into_force/days";
    let five = Value::from(5);
    assert!(holds(n, &five, &held("5")).is_ok());
    assert!(holds(n, &five, &held("15")).is_err());
    assert!(holds(days, &five, &held("15")).is_err());
    assert!(holds(days, &Value::from(10), &held("десяти")).is_ok());
    // Digits and words: the duration's leading digits are its value.
    let two = Value::from(2);
    assert!(holds(value, &two, &held("2 (двух)")).is_ok());
    assert!(holds(value, &two, &held("12 (двенадцати)")).is_err());
    assert!(holds(value, &two, &held("двух")).is_ok());
    // Only a duration's value is written so.
    assert!(holds(n, &two, &held("2 (двух)")).is_err());
    // A letter-spaced line's digits.
    assert!(holds(value, &Value::from(30), &held("3 0")).is_ok());
}
