//! Structural diff of two regulations: their service fields side by side,
//! their procedures step by step (what changed: actor, action, duration,
//! result), and a word-level redline of their texts (`similar`).
//!
//! Work in progress (issue 11).

use crate::record::{Procedure, Regulation};
use serde::Serialize;

/// One field of the service model in both regulations.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldDiff {
    /// The field: service, provider, channels, forms, fee, result, terms.
    pub field: &'static str,
    /// Its value in `a`.
    pub a: serde_json::Value,
    /// Its value in `b`.
    pub b: serde_json::Value,
}

/// How a procedure step differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// The same in both.
    Same,
    /// In both, different.
    Changed,
    /// Only in `b`.
    Added,
    /// Only in `a`.
    Removed,
}

/// One procedure step in both regulations.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProcedureDiff {
    /// The step's number.
    pub n: u32,
    /// How it differs.
    pub change: Change,
    /// The step in `a`.
    pub a: Option<serde_json::Value>,
    /// The step in `b`.
    pub b: Option<serde_json::Value>,
    /// What changed: actor, action, duration, result.
    pub changed: Vec<&'static str>,
}

/// One run of the redline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Red {
    /// equal, insert or delete.
    pub op: &'static str,
    /// The words.
    pub text: String,
}

/// The diff of two regulations.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diff {
    /// The first regulation's id.
    pub a: String,
    /// The second's.
    pub b: String,
    /// The service fields.
    pub fields: Vec<FieldDiff>,
    /// The procedures, by step number.
    pub procedures: Vec<ProcedureDiff>,
    /// The texts, word by word.
    pub redline: Vec<Red>,
}

fn value<T: Serialize>(v: &T) -> serde_json::Value {
    crate::record::plain(v)
}

/// The diff of `a` and `b`, named `a_id` and `b_id` (what the API's
/// `/diff` serves; public as `reglament::diff_regulations` so that tests
/// and the fuzzer can diff any two parsed regulations).
pub fn regulations(a_id: &str, a: &Regulation, b_id: &str, b: &Regulation) -> Diff {
    let fields = vec![
        FieldDiff {
            field: "service",
            a: value(&a.service),
            b: value(&b.service),
        },
        FieldDiff {
            field: "provider",
            a: value(&a.provider),
            b: value(&b.provider),
        },
        FieldDiff {
            field: "channels",
            a: value(&a.channels),
            b: value(&b.channels),
        },
        FieldDiff {
            field: "forms",
            a: value(&a.forms),
            b: value(&b.forms),
        },
        FieldDiff {
            field: "fee",
            a: value(&a.fee),
            b: value(&b.fee),
        },
        FieldDiff {
            field: "result",
            a: value(&a.result),
            b: value(&b.result),
        },
        FieldDiff {
            field: "terms",
            a: value(&a.terms),
            b: value(&b.terms),
        },
    ];
    Diff {
        a: a_id.to_string(),
        b: b_id.to_string(),
        fields,
        procedures: procedures(&a.procedures, &b.procedures),
        redline: redline(&text(a), &text(b)),
    }
}

fn procedures(a: &[Procedure], b: &[Procedure]) -> Vec<ProcedureDiff> {
    let mut ns: Vec<u32> = a.iter().chain(b).map(|p| p.n.value).collect();
    ns.sort_unstable();
    ns.dedup();
    ns.into_iter()
        .map(|n| {
            let x = a.iter().find(|p| p.n.value == n);
            let y = b.iter().find(|p| p.n.value == n);
            let (change, changed) = match (x, y) {
                (Some(x), Some(y)) => {
                    let changed = what_changed(x, y);
                    (
                        if changed.is_empty() {
                            Change::Same
                        } else {
                            Change::Changed
                        },
                        changed,
                    )
                }
                (Some(_), None) => (Change::Removed, Vec::new()),
                _ => (Change::Added, Vec::new()),
            };
            ProcedureDiff {
                n,
                change,
                a: x.map(value),
                b: y.map(value),
                changed,
            }
        })
        .collect()
}

/// Words compared without case, punctuation or spacing.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !crate::text::is_letter_or_digit(c))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn what_changed(x: &Procedure, y: &Procedure) -> Vec<&'static str> {
    let mut out = Vec::new();
    let actor = |p: &Procedure| p.actor.as_ref().map(|a| words(&a.text.value));
    if actor(x) != actor(y) {
        out.push("actor");
    }
    if words(&x.action.value) != words(&y.action.value) {
        out.push("action");
    }
    let duration = |p: &Procedure| p.duration.as_ref().map(|d| d.iso8601.clone());
    if duration(x) != duration(y) {
        out.push("duration");
    }
    let result = |p: &Procedure| p.result.as_ref().map(|r| words(&r.value));
    if result(x) != result(y) {
        out.push("result");
    }
    out
}

/// A regulation's text: its provisions' own texts in order.
fn text(r: &Regulation) -> String {
    r.provisions
        .iter()
        .flat_map(crate::record::Provision::walk)
        .map(|p| p.text.value.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

fn redline(a: &str, b: &str) -> Vec<Red> {
    let diff = similar::TextDiff::from_words(a, b);
    let mut out: Vec<Red> = Vec::new();
    for change in diff.iter_all_changes() {
        let op = match change.tag() {
            similar::ChangeTag::Equal => "equal",
            similar::ChangeTag::Insert => "insert",
            similar::ChangeTag::Delete => "delete",
        };
        match out.last_mut() {
            Some(last) if last.op == op => last.text.push_str(change.value()),
            _ => out.push(Red {
                op,
                text: change.value().to_string(),
            }),
        }
    }
    out
}
