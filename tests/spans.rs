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
    let field = ptr.rsplit('/').next().unwrap_or("");
    match (field, value) {
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
            if let Err(why) = holds(ptr, value, &original) {
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
