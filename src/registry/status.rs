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
use serde::{Deserialize, Serialize};

/// A status value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
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
    /// The date of the document the act's own text says it lost force by,
    /// which is not an act (a letter on the expiry of its term).
    StatedDocument,
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

/// When an event takes effect, as far as the texts date it.
#[derive(Debug, Clone)]
struct Effect {
    earliest: Date,
    exact: bool,
    how: String,
}

/// When an act governed by `rule` takes effect, from the dates known of it:
/// adopted (signed) and, if stated, registered. Publication follows
/// registration, so publication-dependent rules count from registration
/// when it is known. `None` when the rule is one reglament cannot date.
fn effect(
    adopted: Date,
    registered: Option<Date>,
    rule: Option<&EntryIntoForce>,
) -> Option<Effect> {
    let from = registered.unwrap_or(adopted);
    let (earliest, exact, how) = match rule.map(|r| r.rule) {
        Some(EntryRule::OnDate) => {
            let on = rule.and_then(|r| r.date.as_ref()).map(|d| d.value)?;
            (on.max(adopted), true, format!("on {on}, as its text says"))
        }
        Some(EntryRule::Signing) => (adopted, true, "on its signing".into()),
        Some(EntryRule::Registration) => match registered {
            Some(reg) => (reg, true, "on its state registration".into()),
            None => (
                adopted,
                false,
                "on its state registration, whose date the texts do not give".into(),
            ),
        },
        Some(EntryRule::FirstPublication) => (
            from,
            false,
            "on its first official publication, whose date the texts do not give".into(),
        ),
        Some(EntryRule::DaysAfterFirstPublication) => {
            let days = rule.and_then(|r| r.days.as_ref()).map(|d| d.value)?;
            // "по истечении десяти календарных дней после дня первого
            // официального опубликования": the days count from the day
            // after publication, and the act is in force once they have
            // run out, on the day after the last of them.
            (
                add_days(from, days.checked_add(1)?)?,
                false,
                format!(
                    "{days} calendar days after its first official publication, whose date the texts do not give"
                ),
            )
        }
        Some(EntryRule::Other) => return None,
        // No rule stated (a repealing act known only from a reference): it
        // cannot take effect before it is signed; when is not known.
        None => (adopted, false, "by a rule the texts do not state".into()),
    };
    Some(Effect {
        earliest,
        exact,
        how,
    })
}

/// `d` plus `days`, or `None` past the calendar's end.
fn add_days(d: Date, days: u32) -> Option<Date> {
    let span = jiff::Span::new().try_days(i64::from(days)).ok()?;
    d.0.checked_add(span).ok().map(Date)
}

/// A repealing act and when its repeal takes effect (`None`: not datable).
struct Repeal<'r> {
    by: &'r Node,
    effect: Option<Effect>,
}

/// Every act known to repeal `node` (its own footnote's "утратило силу …",
/// or another act's "признать утратившим силу …"), earliest effect first
/// and those whose effect cannot be dated last.
fn repeals<'r>(r: &'r Registry, node: &Node) -> Vec<Repeal<'r>> {
    let mut out: Vec<Repeal<'r>> = r
        .repealers(&node.id)
        .filter_map(|id| r.node(id))
        .map(|by| {
            // The rule as this act's footnote states it for the act the
            // footnote names, else as the repealing act's own text does.
            let footnote = node
                .facts
                .repeal_effective
                .as_ref()
                .filter(|_| r.named_in_footnote(&node.id, &by.id));
            let rule = footnote.or(by.facts.entry_into_force.as_ref());
            let effect = by
                .facts
                .date
                .and_then(|signed| effect(signed, by.facts.registered, rule));
            Repeal { by, effect }
        })
        .collect();
    out.sort_by_key(|x| (x.effect.is_none(), x.effect.as_ref().map(|e| e.earliest)));
    out
}

fn decider(by: &Node) -> Decider {
    Decider {
        id: by.id.clone(),
        label: label(by),
        edge: EdgeKind::LostForceBy,
    }
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
    let repeals = repeals(r, node);
    // A repeal in effect by the date decides.
    if let Some(x) = repeals
        .iter()
        .find(|x| x.effect.as_ref().is_some_and(|e| e.earliest <= as_of))
        && let (Some(e), Some(signed)) = (&x.effect, x.by.facts.date)
    {
        return lost_force(node, x.by, signed, e, as_of);
    }
    // A repeal whose effect cannot be dated leaves the question open.
    if let Some(x) = repeals
        .iter()
        .find(|x| x.effect.is_none() && x.by.facts.date.is_none_or(|d| d <= as_of))
    {
        s.decided_by = Some(decider(x.by));
        s.basis = format!(
            "lost force by {}, at a date the texts do not give",
            label(x.by)
        );
        return s;
    }
    if repeals.is_empty() && node.facts.stated_status == Some(crate::record::Status::LostForce) {
        if let Some(lost) = by_document(node).filter(|l| l.date.is_some_and(|d| d <= as_of)) {
            return StatusAt { as_of, ..lost };
        }
        s.basis = "its text says it lost force, but not by which act or when".into();
        return s;
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
    let Some(rule) = node.facts.entry_into_force.as_ref() else {
        s.basis = format!("adopted {adopted}; the text states no rule for its entry into force");
        return s;
    };
    let Some(e) = effect(adopted, node.facts.registered, Some(rule)) else {
        s.basis = format!(
            "adopted {adopted}; it enters into force by a rule reglament cannot date: «{}»",
            rule.text.value
        );
        return s;
    };
    let (what, from, basis) = match node.facts.registered {
        Some(reg) => ("registered", reg, DateBasis::Registered),
        None => ("adopted", adopted, DateBasis::Adopted),
    };
    s.date = Some(from);
    s.date_basis = Some(basis);
    s.earliest_effective = Some(e.earliest);
    if as_of < e.earliest {
        s.status = Value::NotYetInForce;
        s.exact = true;
        s.basis = format!(
            "{what} {from}; enters into force {}; not before {}",
            e.how, e.earliest
        );
    } else {
        s.status = Value::InForce;
        s.exact = e.exact;
        s.basis = format!(
            "{what} {from}; enters into force {} (earliest {}); no repeal in effect on {as_of}",
            e.how, e.earliest
        );
    }
    s
}

/// When an act lost force, as far as the texts date it: by the repealing
/// act's signing, with the rule its effect follows. `as_of` is the earliest
/// day the repeal can have taken effect.
pub fn lost_on(r: &Registry, node: &Node) -> Option<StatusAt> {
    let repeals = repeals(r, node);
    if repeals.is_empty() && node.facts.stated_status == Some(crate::record::Status::LostForce) {
        return by_document(node);
    }
    let (x, signed) = repeals
        .into_iter()
        .find_map(|x| x.by.facts.date.map(|signed| (x, signed)))?;
    let e = x.effect.unwrap_or_else(|| Effect {
        earliest: signed,
        exact: false,
        how: "by a rule reglament cannot date".into(),
    });
    Some(lost_force(node, x.by, signed, &e, e.earliest))
}

/// Lost force by a document its text names that is not an act (a letter),
/// on the date of that document, as far as the text says: the day it
/// took effect is not stated, so the date is not exact.
fn by_document(node: &Node) -> Option<StatusAt> {
    let (text, date) = node.facts.lost_by_document.as_ref()?;
    Some(StatusAt {
        id: node.id.clone(),
        label: label(node),
        region: node.facts.region.clone(),
        as_of: *date,
        status: Value::LostForce,
        decided_by: None,
        date: Some(*date),
        date_basis: Some(DateBasis::StatedDocument),
        earliest_effective: Some(*date),
        exact: false,
        basis: format!(
            "its text says it lost force by «{text}», which is not an act; dated by that document"
        ),
    })
}

/// `node` lost force by `by`, signed `signed`, its repeal taking effect as
/// `e` says; the answer for `as_of`.
fn lost_force(node: &Node, by: &Node, signed: Date, e: &Effect, as_of: Date) -> StatusAt {
    StatusAt {
        id: node.id.clone(),
        label: label(node),
        region: node.facts.region.clone(),
        as_of,
        status: Value::LostForce,
        decided_by: Some(decider(by)),
        date: Some(signed),
        date_basis: Some(DateBasis::RepealingActSigned),
        earliest_effective: Some(e.earliest),
        exact: e.exact,
        basis: format!(
            "lost force by {}, signed {signed}; the repeal takes effect {} (earliest {})",
            label(by),
            e.how,
            e.earliest
        ),
    }
}

/// One stretch of an act's status history: the same answer on every day
/// from `from` (inclusive; `None`: since ever) to `to` (exclusive; `None`:
/// from then on), decided by the same act.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Interval {
    /// The first day.
    pub from: Option<Date>,
    /// The day after the last.
    pub to: Option<Date>,
    /// The status on those days.
    pub status: Value,
    /// The act that decided it, if another act did.
    pub by: Option<String>,
    /// Whether it rests on known dates only.
    pub exact: bool,
}

impl Interval {
    /// Whether `day` falls in it.
    pub fn contains(&self, day: Date) -> bool {
        self.from.is_none_or(|f| f <= day) && self.to.is_none_or(|t| day < t)
    }
}

/// The status of an act on every day, as intervals in date order, so that
/// "in force on 2019-01-01" is answered without the registry. The status
/// can only change on a day some fact is dated (adoption, entry into
/// force, a repeal's signing or effect, a stated document), so it is
/// computed on each of those days and runs of equal answers are joined.
pub fn history(r: &Registry, node: &Node) -> Vec<Interval> {
    let mut days: Vec<Date> = Vec::new();
    if let Some(adopted) = node.facts.date {
        days.push(adopted);
        if let Some(e) = effect(
            adopted,
            node.facts.registered,
            node.facts.entry_into_force.as_ref(),
        ) {
            days.push(e.earliest);
        }
    }
    for x in repeals(r, node) {
        days.extend(x.by.facts.date);
        days.extend(x.effect.map(|e| e.earliest));
    }
    days.extend(node.facts.lost_by_document.as_ref().map(|(_, d)| *d));
    days.sort_unstable();
    days.dedup();
    let mut out: Vec<Interval> = Vec::new();
    let mut from = None;
    for day in std::iter::once(None).chain(days.into_iter().map(Some)) {
        // Before the first dated day, ask about a day before any act.
        let ask = day.or_else(|| Date::new(1900, 1, 1));
        let Some(ask) = ask else { continue };
        let s = status_at(r, node, ask);
        let by = s.decided_by.map(|d| d.id);
        match out.last_mut() {
            Some(last) if last.status == s.status && last.by == by && last.exact == s.exact => {}
            Some(last) => {
                last.to = day;
                from = day;
                out.push(Interval {
                    from,
                    to: None,
                    status: s.status,
                    by,
                    exact: s.exact,
                });
            }
            None => out.push(Interval {
                from,
                to: None,
                status: s.status,
                by,
                exact: s.exact,
            }),
        }
    }
    out
}

/// Whether an act had entered into force by a date: `Some(true)` or
/// `Some(false)` when the texts settle it, `None` when they do not, with
/// whether the answer is exact.
pub fn entered_by(node: &Node, as_of: Date) -> Option<(bool, bool)> {
    let adopted = node.facts.date?;
    if as_of < adopted {
        return Some((false, true));
    }
    let e = effect(
        adopted,
        node.facts.registered,
        Some(node.facts.entry_into_force.as_ref()?),
    )?;
    Some(if as_of < e.earliest {
        (false, true)
    } else {
        (true, e.exact)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::{Span, Spanned};

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap_or(Date(jiff::civil::date(2000, 1, 1)))
    }

    fn rule(rule: EntryRule, days: Option<u32>, on: Option<&str>) -> EntryIntoForce {
        EntryIntoForce {
            rule,
            days: days.map(|n| Spanned::new(n, Span::new(0, 0))),
            date: on.map(|s| Spanned::new(d(s), Span::new(0, 0))),
            text: Spanned::new(String::new(), Span::new(0, 0)),
        }
    }

    fn earliest(
        adopted: &str,
        registered: Option<&str>,
        r: &EntryIntoForce,
    ) -> Option<(Date, bool)> {
        effect(d(adopted), registered.map(d), Some(r)).map(|e| (e.earliest, e.exact))
    }

    #[test]
    fn signing_does_not_wait_for_registration() {
        let r = rule(EntryRule::Signing, None, None);
        assert_eq!(
            earliest("2017-05-05", Some("2017-05-20"), &r),
            Some((d("2017-05-05"), true))
        );
    }

    #[test]
    fn publication_counts_from_registration_when_known() {
        let r = rule(EntryRule::DaysAfterFirstPublication, Some(10), None);
        assert_eq!(
            earliest("2017-05-05", Some("2017-05-20"), &r),
            Some((d("2017-05-31"), false))
        );
        assert_eq!(
            earliest("2017-05-05", None, &r),
            Some((d("2017-05-16"), false))
        );
    }

    #[test]
    fn registration_without_its_date_is_not_exact() {
        let r = rule(EntryRule::Registration, None, None);
        assert_eq!(
            earliest("2017-05-05", None, &r),
            Some((d("2017-05-05"), false))
        );
        assert_eq!(
            earliest("2017-05-05", Some("2017-05-20"), &r),
            Some((d("2017-05-20"), true))
        );
    }

    #[test]
    fn a_stated_date_before_adoption_is_adoption() {
        let r = rule(EntryRule::OnDate, None, Some("2026-01-01"));
        assert_eq!(
            earliest("2026-03-18", None, &r),
            Some((d("2026-03-18"), true))
        );
    }

    /// An act its text says lost force by a letter is lost from the
    /// letter's date, not exactly, with no deciding act.
    #[test]
    fn a_loss_of_force_by_a_letter_is_dated_by_the_letter() {
        let node = Node {
            id: "x".into(),
            kind: NodeKind::Act,
            stub: false,
            facts: super::super::Facts {
                date: Some(d("1998-09-23")),
                stated_status: Some(crate::record::Status::LostForce),
                lost_by_document: Some(("письмо маслихата № 1/5-282".into(), d("2004-12-20"))),
                ..Default::default()
            },
            files: Vec::new(),
        };
        let r = Registry::default();
        let s = status_at(&r, &node, d("2010-01-01"));
        assert_eq!(s.status, Value::LostForce);
        assert_eq!((s.date, s.exact), (Some(d("2004-12-20")), false));
        assert_eq!(s.date_basis, Some(DateBasis::StatedDocument));
        assert!(s.decided_by.is_none());
        assert_eq!(status_at(&r, &node, d("2000-01-01")).status, Value::Unknown);
        assert_eq!(
            lost_on(&r, &node).and_then(|l| l.date),
            Some(d("2004-12-20"))
        );
    }

    fn act(id: &str, signed: Option<&str>, rule: Option<EntryIntoForce>) -> Node {
        Node {
            id: id.into(),
            kind: NodeKind::Act,
            stub: false,
            facts: super::super::Facts {
                date: signed.map(d),
                entry_into_force: rule,
                ..Default::default()
            },
            files: Vec::new(),
        }
    }

    /// Act "x", in force from its signing in 2015, and the acts that repeal
    /// it; `named` is the one its own footnote names.
    fn registry(x: Node, repealers: Vec<Node>, named: Option<&str>) -> Registry {
        let mut r = Registry::default();
        for by in &repealers {
            let (kind, from, to) = if named == Some(by.id.as_str()) {
                (EdgeKind::LostForceBy, &x.id, &by.id)
            } else {
                (EdgeKind::Repeals, &by.id, &x.id)
            };
            r.edge(kind, from, to, "x.txt", None);
        }
        r.index_repealers();
        for n in repealers.into_iter().chain([x]) {
            r.nodes.insert(n.id.clone(), n);
        }
        r
    }

    fn x(footnote: Option<EntryIntoForce>) -> Node {
        let mut x = act(
            "x",
            Some("2015-01-01"),
            Some(rule(EntryRule::Signing, None, None)),
        );
        x.facts.repeal_effective = footnote;
        x
    }

    #[test]
    fn the_footnote_rule_is_for_the_act_it_names() {
        // The footnote: repealed by "b", with effect from 2020-06-01. "a"
        // repeals it too, from its own signing on 2020-03-01.
        let footnote = rule(EntryRule::OnDate, None, Some("2020-06-01"));
        let r = registry(
            x(Some(footnote)),
            vec![
                act(
                    "b",
                    Some("2020-01-10"),
                    Some(rule(EntryRule::Signing, None, None)),
                ),
                act(
                    "a",
                    Some("2020-03-01"),
                    Some(rule(EntryRule::Signing, None, None)),
                ),
            ],
            Some("b"),
        );
        let Some(node) = r.node("x") else {
            panic!("x is in the registry");
        };
        let s = status_at(&r, node, d("2020-04-01"));
        assert_eq!(s.status, Value::LostForce);
        assert_eq!(s.decided_by.map(|x| x.id), Some("a".to_string()));
        assert!(s.exact);
        assert_eq!(
            status_at(&r, node, d("2020-02-01")).status,
            Value::InForce,
            "b signed, but its repeal takes effect only on 2020-06-01"
        );
        let lost = lost_on(&r, node).map(|s| (s.as_of, s.decided_by.map(|x| x.id)));
        assert_eq!(lost, Some((d("2020-03-01"), Some("a".to_string()))));
    }

    #[test]
    fn an_undatable_repeal_comes_after_the_datable_ones() {
        let r = registry(
            x(None),
            vec![
                act("undated", None, None),
                act(
                    "other-rule",
                    Some("2020-01-05"),
                    Some(rule(EntryRule::Other, None, None)),
                ),
                act(
                    "a",
                    Some("2020-03-01"),
                    Some(rule(EntryRule::Signing, None, None)),
                ),
            ],
            None,
        );
        let Some(node) = r.node("x") else {
            panic!("x is in the registry");
        };
        // Before "a" takes effect, two repeals cannot be dated (one act
        // has no date, one a rule reglament cannot date): the question is
        // open.
        let s = status_at(&r, node, d("2020-02-01"));
        assert_eq!(s.status, Value::Unknown);
        assert!(s.decided_by.is_some_and(|x| x.id != "a"));
        // Once a datable repeal is in effect, it decides.
        let s = status_at(&r, node, d("2020-03-02"));
        assert_eq!(s.status, Value::LostForce);
        assert_eq!(s.decided_by.map(|x| x.id), Some("a".to_string()));
        assert_eq!(
            lost_on(&r, node).and_then(|s| s.decided_by).map(|x| x.id),
            Some("a".to_string())
        );
    }

    #[test]
    fn ten_days_after_publication_is_the_eleventh_day() {
        let r = rule(EntryRule::DaysAfterFirstPublication, Some(10), None);
        assert_eq!(
            earliest("2025-06-10", None, &r),
            Some((d("2025-06-21"), false))
        );
    }

    #[test]
    fn a_day_count_past_the_calendar_is_not_datable() {
        let r = rule(EntryRule::DaysAfterFirstPublication, Some(u32::MAX), None);
        assert_eq!(earliest("2017-05-05", None, &r), None);
        let node = Node {
            id: "x".into(),
            kind: NodeKind::Act,
            stub: false,
            facts: super::super::Facts {
                date: Some(d("2017-05-05")),
                entry_into_force: Some(r),
                ..Default::default()
            },
            files: Vec::new(),
        };
        let s = status_at(&Registry::default(), &node, d("2020-01-01"));
        assert_eq!(s.status, Value::Unknown);
        assert_eq!(entered_by(&node, d("2020-01-01")), None);
    }
}
