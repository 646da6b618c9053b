//! Exports: the registry in the formats other systems read. It sits beside
//! `index` and `diff`, reading the [`Registry`] and the records; nothing
//! below it knows it exists.
//!
//! - [`jsonl`]: JSON Lines, one record per text (a [`Document`]), each
//!   with a unique, stable `_id`, for a bulk load into a search engine
//!   (Quickwit ingests it as it is; for OpenSearch's `_bulk` API, move
//!   `_id` into an action line:
//!   `jq -c '{index: {_id: ._id}}, del(._id)'`). The unit is the text, not
//!   the regulation: a regulation is inside its text's record
//!   (`regulations`, each with its own `id`), and the search index is
//!   where regulations and provisions are documents of their own.
//! - [`csv()`]: one row per text: the act, its status today, when and by
//!   which act it lost force, and the file, with a header row first.
//! - [`akn`]: Akoma Ntoso 3.0, one XML document per text (an act's Russian
//!   and Kazakh texts are two expressions of one work, so two documents):
//!   [`akn_document`], [`akn_act`], and [`akn`] for the whole registry.
//! - [`feed`]: an Atom 1.0 feed of status changes.
//!
//! Every streamed item is one whole line (or XML document), ending with a
//! newline: the items concatenated are the file, so a server can send
//! them as they come without holding the whole export.

mod akn;
mod atom;
mod xml;

pub use akn::{akn, akn_act, akn_document};
pub use atom::feed;

use crate::error::{Error, Result};
use crate::record::{Date, Document, Language};
use crate::registry::{Registry, StatusValue, act_key};
use std::collections::HashSet;

/// The `_id` of every document of the registry, in the order of
/// `r.documents`: the act's work id and the text's language
/// (`/akn/kz-27/act/resolution/akimat/2017-10-31/272/rus`), or, for a
/// text that states no work id, `file:` and its path. Unique: where two
/// texts of one language claim one work id, the first (in path order)
/// keeps it and the others are named by their file. Stable: it depends
/// only on the records, not on the order of an export.
pub fn record_ids(r: &Registry) -> Vec<String> {
    let mut taken: HashSet<String> = HashSet::new();
    r.documents
        .iter()
        .map(|d| {
            let by_file = format!("file:{}", d.source.path);
            let id = d
                .act
                .id
                .as_ref()
                .map(|w| format!("{w}/{}", language_code(d.language)));
            match id {
                Some(id) if taken.insert(id.clone()) => id,
                _ => by_file,
            }
        })
        .collect()
}

/// The ISO 639-2 code of a language, as Akoma Ntoso writes it.
pub fn language_code(l: Language) -> &'static str {
    match l {
        Language::Ru => "rus",
        Language::Kk => "kaz",
    }
}

/// The registry as JSON Lines: one [`Document::to_json`] record per text,
/// in path order, each with its `_id` (see [`record_ids`]) as the first
/// key.
pub fn jsonl(r: &Registry) -> impl Iterator<Item = Result<String>> + '_ {
    r.documents
        .iter()
        .zip(record_ids(r))
        .map(|(d, id)| jsonl_line(d, id))
}

fn jsonl_line(d: &Document, id: String) -> Result<String> {
    let json = d.to_json()?;
    let mut object = serde_json::Map::new();
    object.insert("_id".into(), serde_json::Value::String(id));
    if let serde_json::Value::Object(fields) = json {
        object.extend(fields);
    }
    let mut line = serde_json::to_string(&object).map_err(|source| Error::Serialize {
        what: "an export record".into(),
        source,
    })?;
    line.push('\n');
    Ok(line)
}

/// The CSV columns, in order.
pub const CSV_HEADER: [&str; 16] = [
    "_id",
    "act",
    "language",
    "kind",
    "body",
    "region",
    "date",
    "number",
    "title",
    "status",
    "status_exact",
    "lost_force_on",
    "lost_force_exact",
    "lost_force_by",
    "lost_force_basis",
    "source",
];

/// The registry as CSV: the header ([`CSV_HEADER`]), then one row per
/// text, in path order: its `_id` (as in [`jsonl`]), the act's key
/// (its work id, or `file:…`), language, kind, body, region, date,
/// number and title as the text states them, its status on `today`, and,
/// when it lost force, the earliest day that took effect, whether that
/// day is exact, the deciding act and why (the `basis`), and its file.
pub fn csv(r: &Registry, today: Date) -> impl Iterator<Item = Result<String>> + '_ {
    let header = csv_line(CSV_HEADER.iter().map(|s| (*s).to_string()).collect());
    std::iter::once(header).chain(
        r.documents
            .iter()
            .zip(record_ids(r))
            .map(move |(d, id)| csv_line(csv_row(r, d, id, today))),
    )
}

fn csv_row(r: &Registry, d: &Document, id: String, today: Date) -> Vec<String> {
    let a = &d.act;
    let key = act_key(d);
    let node = r.node(&key);
    let status = node.map(|n| r.status_at(n, today));
    let lost = node.and_then(|n| r.lost_on(n));
    let text = |v: Option<String>| v.unwrap_or_default();
    vec![
        id,
        key,
        d.language.code().to_string(),
        text(a.kind.as_ref().map(|k| k.value.as_str().to_string())),
        text(
            a.issuer
                .as_ref()
                .and_then(|i| i.body.as_ref())
                .map(|b| b.value.as_str().to_string()),
        ),
        text(
            a.issuer
                .as_ref()
                .and_then(|i| i.region.as_ref())
                .map(|x| x.value.clone()),
        ),
        text(a.date.as_ref().map(|x| x.value.to_string())),
        text(a.number.as_ref().map(|x| x.value.clone())),
        text(a.title.as_ref().map(|x| x.value.clone())),
        status_name(status.as_ref().map_or(StatusValue::Unknown, |s| s.status)).to_string(),
        text(status.as_ref().map(|s| s.exact.to_string())),
        text(lost.as_ref().map(|l| l.as_of.to_string())),
        text(lost.as_ref().map(|l| l.exact.to_string())),
        text(
            lost.as_ref()
                .and_then(|l| l.decided_by.as_ref())
                .map(|x| x.id.clone()),
        ),
        text(lost.as_ref().map(|l| l.basis.clone())),
        d.source.path.clone(),
    ]
}

/// A status as the API and the status report write it.
pub fn status_name(v: StatusValue) -> &'static str {
    match v {
        StatusValue::InForce => "in_force",
        StatusValue::LostForce => "lost_force",
        StatusValue::NotYetInForce => "not_yet_in_force",
        StatusValue::Unknown => "unknown",
    }
}

/// One CSV record, quoted as needed, with its line break.
fn csv_line(fields: Vec<String>) -> Result<String> {
    let fail = |e: &dyn std::fmt::Display| Error::Write {
        what: "an export row as CSV".into(),
        reason: e.to_string(),
    };
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    w.write_record(&fields).map_err(|e| fail(&e))?;
    let bytes = w.into_inner().map_err(|e| fail(&e))?;
    String::from_utf8(bytes).map_err(|e| fail(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csv_line_quotes_what_needs_it() {
        let line = csv_line(vec!["a".into(), "b, \"c\"".into(), "d\ne".into()]);
        assert_eq!(line.ok().as_deref(), Some("a,\"b, \"\"c\"\"\",\"d\ne\"\n"));
    }

    #[test]
    fn the_header_names_every_column_once() {
        let mut names = CSV_HEADER.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), CSV_HEADER.len());
    }
}
