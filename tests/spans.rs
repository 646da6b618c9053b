//! For every span in every record, the original bytes at that span contain
//! the value's text, allowing for normalization:
//! - text: every word of the value occurs in the normalized original (word
//!   order may differ where a displaced word was moved back; letter-spacing
//!   is normalized away);
//! - dates: the year and the day occur in the original;
//! - enums: the grammar reads the same value from the original words.

use crate::util::{corpus_files, grammar, parse_rel};
use reglament::normalize::normalize_str;
use reglament::source::Format;
use serde_json::Value;

fn alnum(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Does `original` (normalized) hold `value` at pointer `ptr`?
fn holds(ptr: &str, value: &Value, original: &str) -> Result<(), String> {
    let g = grammar();
    let norm = normalize_str(original, Format::Text, g);
    let flat = alnum(&norm);
    let mut parts = ptr.rsplit('/');
    let last = parts.next().unwrap_or("");
    // Array items take their list's name ("/forms/0" is a form).
    let field = if last.chars().all(|c| c.is_ascii_digit()) {
        parts.next().unwrap_or("")
    } else {
        last
    };
    let found_key =
        |m: &reglament::grammar::Matcher<String>, k: &str| m.find_iter(&norm).any(|(x, _)| x == k);
    match (field, value) {
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
        ("role", Value::String(r)) => found_key(&g.roles, r)
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
        ("kind", Value::String(k)) if ptr.contains("/channels/") => (k == "other"
            || found_key(&g.channels, k))
        .then_some(())
        .ok_or_else(|| format!("channel {k} not in {norm:?}")),
        ("value" | "n" | "number", Value::Number(n)) => {
            let digits = n.to_string();
            let words = reglament::parse::number::number_words(g, norm.trim())
                .ok()
                .map(|(_, v)| v.to_string());
            (flat.contains(&digits) || words.as_deref() == Some(digits.as_str()))
                .then_some(())
                .ok_or_else(|| format!("{n} not in {norm:?}"))
        }
        ("date", Value::String(d)) => {
            let (y, rest) = d.split_once('-').ok_or("not a date")?;
            let day = rest
                .rsplit('-')
                .next()
                .unwrap_or("")
                .trim_start_matches('0');
            (flat.contains(y) && flat.contains(day))
                .then_some(())
                .ok_or_else(|| format!("{d} not in {norm:?}"))
        }
        ("kind", Value::String(k)) => {
            let found = g
                .kinds
                .find_iter(&norm)
                .chain(g.enacting.find_iter(&norm))
                .any(|(x, _)| x.as_str() == k);
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
            let found = g.regions.find_iter(&norm).any(|(x, _)| &x == r);
            found
                .then_some(())
                .ok_or_else(|| format!("region {r} not read from {norm:?}"))
        }
        ("days", Value::Number(n)) => {
            let digits = n.to_string();
            let words = reglament::parse::number::number_words(g, norm.trim())
                .ok()
                .map(|(_, v)| v.to_string());
            (flat.contains(&digits) || words.as_deref() == Some(digits.as_str()))
                .then_some(())
                .ok_or_else(|| format!("{n} not in {norm:?}"))
        }
        (_, Value::String(text)) => {
            let missing: Vec<&str> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .filter(|w| !flat.contains(&alnum(w)))
                .collect();
            missing
                .is_empty()
                .then_some(())
                .ok_or_else(|| format!("words {missing:?} of {text:?} not in {norm:?}"))
        }
        (_, other) => Err(format!("a span on a non-text value {other}")),
    }
}

/// The value and the span hold the same letters and digits, in any order.
fn same_letters(value: &str, original: &str) -> Result<(), String> {
    let norm = normalize_str(original, Format::Text, grammar());
    let sorted = |s: &str| {
        let mut v: Vec<char> = alnum(s).chars().collect();
        v.sort_unstable();
        v
    };
    (sorted(value) == sorted(&norm))
        .then_some(())
        .ok_or_else(|| format!("letters of {value:?} differ from {norm:?}"))
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
fn every_span_round_trips_over_the_corpus() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for rel in corpus_files() {
        let (source, doc) = parse_rel(&rel);
        let json = doc.to_json().expect("serializes");
        let spans = json["spans"].as_object().expect("spans map");
        for (ptr, span) in spans {
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
            let original = source.original(reglament::span::Span::new(start, end));
            // A word the PDF export moved and the normalizer put back makes
            // the span's words differ in order and in where they break
            // ("О" + "писание"): there the letters must be the same.
            let repaired = doc.diagnostics.iter().any(|d| {
                d.code.as_str() == "displaced-word-repaired"
                    && start <= d.span.start
                    && d.span.end <= end
            });
            let result = match (holds(ptr, value, &original), value) {
                (Err(_), Value::String(text)) if repaired && ptr.ends_with("/text") => {
                    same_letters(text, &original)
                }
                (result, _) => result,
            };
            if let Err(why) = result {
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
}

/// Every extracted value has a span: no string leaf of `act` lacks one,
/// except the ids and the status, which are derived, not extracted.
#[test]
fn every_extracted_value_has_a_span() {
    for rel in corpus_files() {
        let json = parse_rel(&rel).1.to_json().expect("serializes");
        let spans = json["spans"].as_object().expect("spans map");
        let mut leaves = Vec::new();
        collect_leaves(&json["act"], "/act".to_string(), &mut leaves);
        for ptr in leaves {
            let derived = ptr.ends_with("/id")
                || ptr.ends_with("/status")
                || ptr.ends_with("/rule")
                || ptr.ends_with("/regulation");
            assert!(
                derived || spans.contains_key(&ptr),
                "{}: {ptr} has no span",
                rel.display()
            );
        }
    }
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
