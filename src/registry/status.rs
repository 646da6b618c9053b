//! Status as of a date: `in_force`, `lost_force`, `not_yet_in_force` or
//! `unknown`, with the reason — the event and the act that decided it.
//!
//! The status is never invented. An act's entry into force, and the effect
//! of its repeal, usually hang on a publication date the texts do not
//! give ("по истечении десяти календарных дней после дня первого
//! официального опубликования"). Such a date is not guessed: the rule is
//! kept, and only its *earliest possible* day is used (publication cannot
//! precede signing or registration). Before that day the answer is certain;
//! after it the answer is the one the texts point to, marked `exact:
//! false` with the reason spelled out; with no date at all it is `unknown`.

use super::{EdgeKind, Node, NodeKind, Registry, label};
use crate::record::{Date, EntryIntoForce, EntryRule};
use serde::Serialize;

/// A status value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Value {
    /// In force on the date.
    InForce,
    /// Lost force by the date.
    LostForce,
    /// Not adopted yet, or adopted but not in force yet.
    NotYetInForce,
    /// The texts do not say.
    Unknown,
}

/// What a dated fact rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DateBasis {
    /// The date an act was adopted (signed).
    Adopted,
    /// The date of state registration.
    Registered,
    /// The repealing act's own date of adoption (signing): its effect
    /// follows by its entry-into-force rule.
    RepealingActSigned,
}

/// The act that decided a status.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Decider {
    /// Its id.
    pub id: String,
    /// A label ("resolution № 204 of 2015-08-04").
    pub label: String,
    /// The relation ("lost_force_by").
    pub edge: EdgeKind,
}

/// The status of one act on one date.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct StatusAt {
    /// The act.
    pub id: String,
    /// A label for people.
    pub label: String,
    /// Region (ISO 3166-2:KZ).
    pub region: Option<String>,
    /// The date asked about.
    pub as_of: Date,
    /// The answer.
    pub status: Value,
    /// The act that decided it (a repeal), if another act did.
    pub decided_by: Option<Decider>,
    /// The date of the deciding fact, and what that date is.
    pub date: Option<Date>,
    /// What `date` is the date of.
    pub date_basis: Option<DateBasis>,
    /// The earliest day the deciding event can have taken effect.
    pub earliest_effective: Option<Date>,
    /// Whether the answer rests on known dates only (false: on the earliest
    /// possible day of an event whose date the texts do not give).
    pub exact: bool,
    /// Why, in words.
    pub basis: String,
}

/// The earliest day an event governed by `rule` can take effect, counting
/// from `from` (a signing or registration date), whether that day is exact,
/// and the rule in words. `None` when the rule is one reglament cannot date.
fn earliest(from: Date, rule: Option<&EntryIntoForce>) -> Option<(Date, bool, String)> {
    if let Some(r) = rule.filter(|r| r.rule == EntryRule::OnDate) {
        let on = r.date.as_ref().map(|d| d.value)?;
        return Some((on.max(from), true, format!("on {on}, as its text says")));
    }
    Some(
        match rule.map(|r| (r.rule, r.days.as_ref().map(|d| d.value))) {
            Some((EntryRule::DaysAfterFirstPublication, Some(days))) => {
                let date = add_days(from, days);
                (
                    date,
                    false,
                    format!(
                        "{days} calendar days after its first official publication, whose date the texts do not give"
                    ),
                )
            }
            Some((EntryRule::FirstPublication, _)) => (
                from,
                false,
                "on its first official publication, whose date the texts do not give".into(),
            ),
            Some((EntryRule::Registration, _)) => (from, true, "on its state registration".into()),
            Some((EntryRule::Signing, _)) => (from, true, "on its signing".into()),
            Some((EntryRule::Other | EntryRule::OnDate, _)) => return None,
            // A repeal whose act states no rule: it cannot take effect before
            // it is signed; when is not known.
            _ => (from, false, "by a rule the texts do not state".into()),
        },
    )
}

fn add_days(d: Date, days: u32) -> Date {
    d.0.checked_add(jiff::Span::new().days(i64::from(days)))
        .map(Date)
        .unwrap_or(d)
}

/// The status of an act on a date.
pub fn status_at(r: &Registry, node: &Node, as_of: Date) -> StatusAt {
    let mut s = StatusAt {
        id: node.id.clone(),
        label: label(node),
        region: node.facts.region.clone(),
        as_of,
        status: Value::Unknown,
        decided_by: None,
        date: None,
        date_basis: None,
        earliest_effective: None,
        exact: false,
        basis: String::new(),
    };
    let Some(adopted) = node.facts.date else {
        s.basis = "the texts do not give the date of its adoption".into();
        return s;
    };
    if as_of < adopted {
        s.status = Value::NotYetInForce;
        s.date = Some(adopted);
        s.date_basis = Some(DateBasis::Adopted);
        s.exact = true;
        s.basis = format!("adopted {adopted}, after {as_of}");
        return s;
    }
    // A repeal that has taken effect decides.
    if let Some(repeal) = repeal(r, node, as_of, &mut s) {
        return repeal;
    }
    if node.stub {
        s.basis = format!(
            "adopted {adopted}; its text is not in the corpus, so its entry into force and status are not known"
        );
        return s;
    }
    if node.kind == NodeKind::Regulation {
        s.basis = "a regulation: its force follows the act that approved it".into();
        return s;
    }
    // Its own entry into force.
    let (from, from_basis) = match node.facts.registered {
        Some(reg) => (reg, DateBasis::Registered),
        None => (adopted, DateBasis::Adopted),
    };
    let Some(rule) = node.facts.entry_into_force.as_ref() else {
        s.basis = format!("adopted {adopted}; the text states no rule for its entry into force");
        return s;
    };
    let Some((earliest, exact, how)) = earliest(from, Some(rule)) else {
        s.basis = format!(
            "adopted {adopted}; it enters into force by a rule reglament cannot date: «{}»",
            rule.text.value
        );
        return s;
    };
    s.date = Some(from);
    s.date_basis = Some(from_basis);
    s.earliest_effective = Some(earliest);
    let what = if from_basis == DateBasis::Registered {
        "registered"
    } else {
        "adopted"
    };
    if as_of < earliest {
        s.status = Value::NotYetInForce;
        s.exact = true;
        s.basis = format!("{what} {from}; enters into force {how}; not before {earliest}");
    } else {
        s.status = Value::InForce;
        s.exact = exact;
        s.basis = format!(
            "{what} {from}; enters into force {how} (earliest {earliest}); no repeal in force on {as_of}"
        );
    }
    s
}

/// The repeal of `node` if one has taken effect by `as_of`.
fn repeal(r: &Registry, node: &Node, as_of: Date, s: &mut StatusAt) -> Option<StatusAt> {
    let edge = r
        .edges
        .iter()
        .find(|e| e.kind == EdgeKind::LostForceBy && e.from == node.id)?;
    let by = r.node(&edge.to)?;
    let Some(signed) = by.facts.date else {
        let mut out = s.clone();
        out.status = Value::LostForce;
        out.decided_by = Some(Decider {
            id: by.id.clone(),
            label: label(by),
            edge: EdgeKind::LostForceBy,
        });
        out.basis = format!(
            "lost force by {}, whose date the texts do not give",
            label(by)
        );
        return Some(out);
    };
    // The rule the repeal takes effect by: as this act's footnote states
    // it, else as the repealing act's own text does.
    let rule = node
        .facts
        .repeal_effective
        .as_ref()
        .or(by.facts.entry_into_force.as_ref());
    let Some((earliest, exact, how)) = earliest(signed, rule) else {
        let mut out = s.clone();
        out.decided_by = Some(Decider {
            id: by.id.clone(),
            label: label(by),
            edge: EdgeKind::LostForceBy,
        });
        out.basis = format!(
            "lost force by {}, signed {signed}, by a rule reglament cannot date",
            label(by)
        );
        return (as_of >= signed).then_some(out);
    };
    if as_of < earliest {
        return None;
    }
    let mut out = s.clone();
    out.status = Value::LostForce;
    out.decided_by = Some(Decider {
        id: by.id.clone(),
        label: label(by),
        edge: EdgeKind::LostForceBy,
    });
    out.date = Some(signed);
    out.date_basis = Some(DateBasis::RepealingActSigned);
    out.earliest_effective = Some(earliest);
    out.exact = exact;
    out.basis = format!(
        "lost force by {}, signed {signed}; the repeal takes effect {how} (earliest {earliest})",
        label(by)
    );
    Some(out)
}

/// The date an act lost force, as far as the texts date it: the repealing
/// act's signing, with the rule its effect follows.
pub fn lost_on(r: &Registry, node: &Node) -> Option<StatusAt> {
    let edge = r
        .edges
        .iter()
        .find(|e| e.kind == EdgeKind::LostForceBy && e.from == node.id)?;
    let by = r.node(&edge.to)?;
    let signed = by.facts.date?;
    let rule = node
        .facts
        .repeal_effective
        .as_ref()
        .or(by.facts.entry_into_force.as_ref());
    let (earliest, exact, how) =
        earliest(signed, rule).unwrap_or((signed, false, "by a rule reglament cannot date".into()));
    Some(StatusAt {
        id: node.id.clone(),
        label: label(node),
        region: node.facts.region.clone(),
        as_of: earliest,
        status: Value::LostForce,
        decided_by: Some(Decider {
            id: by.id.clone(),
            label: label(by),
            edge: EdgeKind::LostForceBy,
        }),
        date: Some(signed),
        date_basis: Some(DateBasis::RepealingActSigned),
        earliest_effective: Some(earliest),
        exact,
        basis: format!(
            "lost force by {}, signed {signed}; the repeal takes effect {how} (earliest {earliest})",
            label(by)
        ),
    })
}
