//! Consolidation: the text of an act (or of a regulation in it) as of a
//! date, with every amendment in force by then applied, and each provision
//! marked by the act that last changed it.
//!
//! The base is the target's own text where the corpus has it. An amendment
//! whose target text is absent is listed as unapplied with the reason
//! "target text not in corpus" — except a regulation restated as a whole,
//! whose new text is in the amending act: that text becomes the base,
//! marked as restated by it.

use super::Registry;
use super::status::entered_by;
use crate::numbering::{key, order};
use crate::record::StructureUnit;
use crate::record::{Amendment, Date, Document, Language, Op, PathPart, ProvisionUnit, Scope};
use crate::text::same_service;
use serde::Serialize;
use std::collections::HashMap;

/// The reason given when the amended text is not in the corpus.
pub const NOT_IN_CORPUS: &str = "target text not in corpus";

/// One step of a provision's address: a unit and its number (digits only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Step {
    /// The unit.
    pub unit: StructureUnit,
    /// Its number.
    pub n: String,
}

/// How a provision was last changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// Part of a regulation restated as a whole (a new edition).
    Restated,
    /// Given new wording.
    Replaced,
    /// Added.
    Inserted,
    /// Deleted.
    Deleted,
}

impl From<Op> for Change {
    fn from(op: Op) -> Self {
        match op {
            Op::Replace => Change::Replaced,
            Op::Insert => Change::Inserted,
            Op::Delete => Change::Deleted,
        }
    }
}

/// A provision of the consolidated text.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Provision {
    /// Its address.
    pub path: Vec<Step>,
    /// Its text; none once deleted.
    pub text: Option<String>,
    /// The act that last changed it.
    pub changed_by: Option<String>,
    /// How.
    pub change: Option<Change>,
}

/// An amendment that was applied.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Applied {
    /// The amending act.
    pub by: String,
    /// The operation.
    pub op: Op,
    /// Its instruction as written.
    pub instruction: String,
    /// Whether the amending act's entry into force by the date rests on
    /// known dates (false: on the earliest day its rule allows, the
    /// publication date not being in the texts).
    pub exact: bool,
}

/// An amendment that could not be applied, and why.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Unapplied {
    /// The amending act.
    pub by: String,
    /// The operation.
    pub op: Op,
    /// Its instruction as written.
    pub instruction: String,
    /// Why: [`NOT_IN_CORPUS`], the provision it names is not there, or
    /// the amending act's entry into force cannot be dated.
    pub reason: String,
}

/// A consolidated text.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Consolidated {
    /// The act.
    pub target: String,
    /// The regulation in it, by its service, when that is the text asked for.
    pub regulation: Option<String>,
    /// The date.
    pub as_of: Date,
    /// Whether a base text was found (in the corpus or in a restatement).
    pub has_text: bool,
    /// The act's adoption, when the date asked about is before it: it has
    /// no text yet on that date.
    pub adopted_later: Option<Date>,
    /// The language of the base text (amendments are read in it too).
    pub language: Option<Language>,
    /// The provisions, in order.
    pub provisions: Vec<Provision>,
    /// Amendments applied, in order.
    pub applied: Vec<Applied>,
    /// Amendments in force by the date (or that may be: their act's entry
    /// into force cannot be dated) that were not applied.
    pub unapplied: Vec<Unapplied>,
}

/// Consolidate the act `target` (or its regulation for `service`) as of
/// `as_of`, in `language` where the corpus has the act in it (else in the
/// language of its first text in path order).
pub fn consolidate(
    r: &Registry,
    target: &str,
    service: Option<&str>,
    language: Option<Language>,
    as_of: Date,
) -> Consolidated {
    let mut out = Consolidated {
        target: target.into(),
        regulation: service.map(str::to_string),
        as_of,
        has_text: false,
        adopted_later: None,
        language: None,
        provisions: Vec::new(),
        applied: Vec::new(),
        unapplied: Vec::new(),
    };
    if let Some(adopted) = r.node(target).and_then(|n| n.facts.date)
        && as_of < adopted
    {
        out.adopted_later = Some(adopted);
        return out;
    }
    let (mut base, language) = match base_text(r, target, service, language) {
        Some((provisions, language)) => (Some(provisions), Some(language)),
        None => (None, language),
    };
    out.has_text = base.is_some();
    out.language = language;
    for (amending, amendment, by, entered) in amendments_by(r, target, service, as_of, language) {
        let exact = match entered {
            Entered::Yes { exact } => exact,
            Entered::Undatable => {
                out.unapplied.push(unapplied(amendment, &by, UNDATABLE));
                continue;
            }
        };
        let applied = Applied {
            by: by.clone(),
            op: amendment.op.value,
            instruction: amendment.instruction.value.clone(),
            exact,
        };
        // A regulation restated as a whole: its new text is in the amending act.
        if amendment.whole_regulation
            && amendment.op.value == Op::Replace
            && let Some(new) = restated_text(amending, amendment, &by)
        {
            base = Some(new);
            out.has_text = true;
            out.applied.push(applied);
            continue;
        }
        let Some(provisions) = base.as_mut() else {
            out.unapplied.push(unapplied(amendment, &by, NOT_IN_CORPUS));
            continue;
        };
        match apply(provisions, amendment, &by) {
            Ok(()) => out.applied.push(applied),
            Err(reason) => out.unapplied.push(unapplied(amendment, &by, &reason)),
        }
    }
    out.provisions = base.unwrap_or_default();
    out
}

fn unapplied(a: &Amendment, by: &str, reason: &str) -> Unapplied {
    Unapplied {
        by: by.into(),
        op: a.op.value,
        instruction: a.instruction.value.clone(),
        reason: reason.into(),
    }
}

/// The reason given when the amending act's entry into force cannot be
/// dated, so whether it applies on the date is not known.
pub const UNDATABLE: &str = "the amending act's entry into force cannot be dated";

/// Whether an amending act had entered into force by the date.
#[derive(Clone, Copy)]
enum Entered {
    Yes { exact: bool },
    Undatable,
}

/// Amendments of the target by acts that had entered into force by the
/// date (or whose entry cannot be dated), oldest act first. An act with a
/// Russian and a Kazakh text amends once: by the text in the base text's
/// language, else by its first file.
fn amendments_by<'r>(
    r: &'r Registry,
    target: &str,
    service: Option<&str>,
    as_of: Date,
    language: Option<Language>,
) -> Vec<(&'r Document, &'r Amendment, String, Entered)> {
    let mut out = Vec::new();
    let chosen = amending_texts(r, language);
    for (i, doc) in r.documents.iter().enumerate() {
        let by = &super::act_key(doc);
        let Some(node) = r.node(by) else { continue };
        if chosen.get(by) != Some(&i) {
            continue;
        }
        let entered = match entered_by(node, as_of) {
            Some((true, exact)) => Entered::Yes { exact },
            Some((false, _)) => continue,
            None => Entered::Undatable,
        };
        for a in &doc.amendments {
            if r.resolve(&a.target).as_deref() != Some(target) {
                continue;
            }
            let same_regulation = match (service, &a.regulation) {
                (Some(s), Some(reg)) => same_service(s, &reg.value),
                (None, None) => true,
                _ => false,
            };
            if same_regulation {
                out.push((doc, a, by.clone(), entered));
            }
        }
    }
    out.sort_by_key(|(doc, _, _, _)| doc.act.date.as_ref().map(|d| d.value));
    out
}

/// For each act, the one text whose amendments count (by its place in
/// `r.documents`): the first of its texts in `language`, or its first text
/// when none is.
fn amending_texts(r: &Registry, language: Option<Language>) -> HashMap<String, usize> {
    let mut chosen: HashMap<String, usize> = HashMap::new();
    for (i, doc) in r.documents.iter().enumerate() {
        let in_language = |x: &Document| Some(x.language) == language;
        let act = super::act_key(doc);
        let better = match chosen.get(&act).and_then(|&j| r.documents.get(j)) {
            None => true,
            Some(first) => in_language(doc) && !in_language(first),
        };
        if better {
            chosen.insert(act, i);
        }
    }
    chosen
}

/// The target's own text in the corpus (the act's operative part, or the
/// regulation's points) and its language: the text in `language` if the
/// corpus has one, else the first in path order.
fn base_text(
    r: &Registry,
    target: &str,
    service: Option<&str>,
    language: Option<Language>,
) -> Option<(Vec<Provision>, Language)> {
    let texts = r.documents.iter().filter(|d| super::act_key(d) == target);
    let (preferred, others): (Vec<&Document>, Vec<&Document>) =
        texts.partition(|d| Some(d.language) == language);
    preferred.into_iter().chain(others).find_map(|doc| {
        let provisions = match service {
            None => Some(flatten(&doc.provisions, None)),
            Some(s) => {
                let reg = doc.regulations.iter().find(|reg| {
                    reg.service
                        .as_ref()
                        .is_some_and(|x| same_service(&x.value, s))
                })?;
                Some(regulation_text(reg, None))
            }
        };
        provisions.map(|p| (p, doc.language))
    })
}

/// The new text of a restated regulation, every provision marked.
fn restated_text(doc: &Document, a: &Amendment, by: &str) -> Option<Vec<Provision>> {
    let id = a.new_regulations.first()?;
    let reg = doc.regulations.iter().find(|r| r.id.as_ref() == Some(id))?;
    Some(regulation_text(reg, Some(by)))
}

/// A regulation's title (the empty address) and its provisions.
fn regulation_text(reg: &crate::record::Regulation, by: Option<&str>) -> Vec<Provision> {
    let title = marked(Vec::new(), reg.title.value.clone(), by);
    std::iter::once(title)
        .chain(flatten(&reg.provisions, by))
        .collect()
}

fn step(unit: StructureUnit, n: impl Into<String>) -> Step {
    Step { unit, n: n.into() }
}

fn marked(path: Vec<Step>, text: String, by: Option<&str>) -> Provision {
    Provision {
        path,
        text: Some(text),
        changed_by: by.map(str::to_string),
        change: by.map(|_| Change::Restated),
    }
}

/// The provision tree as addressed provisions, in document order. Points
/// are numbered through a text, not per chapter, so a chapter is its own
/// address but not part of its points' addresses; an unnumbered paragraph
/// is addressed by its place among its parent's paragraphs.
fn flatten(tree: &[crate::record::Provision], by: Option<&str>) -> Vec<Provision> {
    let mut out = Vec::new();
    flatten_into(tree, &[], by, &mut out);
    out
}

fn flatten_into(
    nodes: &[crate::record::Provision],
    prefix: &[Step],
    by: Option<&str>,
    out: &mut Vec<Provision>,
) {
    let mut paragraphs = 0;
    for node in nodes {
        let number = || {
            node.number
                .as_ref()
                .map(|n| key(&n.value))
                .unwrap_or_default()
        };
        let own = match node.unit {
            ProvisionUnit::Chapter => step(StructureUnit::Chapter, number()),
            ProvisionUnit::Article => step(StructureUnit::Article, number()),
            ProvisionUnit::Point => step(StructureUnit::Point, number()),
            ProvisionUnit::Subpoint => step(StructureUnit::Subpoint, number()),
            ProvisionUnit::Paragraph => {
                paragraphs += 1;
                step(StructureUnit::Paragraph, paragraphs.to_string())
            }
        };
        let path: Vec<Step> = match node.unit {
            ProvisionUnit::Chapter => vec![own],
            _ => prefix.iter().cloned().chain([own]).collect(),
        };
        out.push(marked(path.clone(), node.text.value.clone(), by));
        let inner = if node.unit == ProvisionUnit::Chapter {
            prefix
        } else {
            &path
        };
        flatten_into(&node.children, inner, by, out);
    }
}

/// The addresses an amendment's path names: one per number of its last
/// unit ("подпункты 19), 20)" names two). Points are numbered through a
/// regulation, not per chapter, so a chapter named on the way ("в главе
/// 2: пункт 5 изложить") is not part of a point's address.
fn targets(path: &[PathPart]) -> Vec<Vec<Step>> {
    let Some((last, outer)) = path.split_last() else {
        return Vec::new();
    };
    let prefix: Vec<Step> = outer
        .iter()
        .filter(|p| p.unit.value != StructureUnit::Chapter)
        .filter_map(|p| p.numbers.first().map(|n| step(p.unit.value, key(&n.value))))
        .collect();
    last.numbers
        .iter()
        .map(|n| {
            prefix
                .iter()
                .cloned()
                .chain([step(last.unit.value, key(&n.value))])
                .collect()
        })
        .collect()
}

/// Whether `path` lies strictly inside `prefix`.
fn inside(path: &[Step], prefix: &[Step]) -> bool {
    path.len() > prefix.len() && path.iter().zip(prefix).all(|(a, b)| a == b)
}

/// Apply one amendment to the provisions. Every address is checked before
/// anything changes, so a failed amendment leaves the text as it was.
fn apply(provisions: &mut Vec<Provision>, a: &Amendment, by: &str) -> Result<(), String> {
    if a.scope == Scope::Words {
        return Err(WORD_EDIT.into());
    }
    let addresses = targets(&a.path);
    if addresses.is_empty() {
        return Err("the instruction names no provision the parser could address".into());
    }
    let wording = a.text.as_ref().map(|t| t.value.as_str());
    match a.op.value {
        Op::Replace | Op::Delete => {
            if let Some(missing) = addresses
                .iter()
                .find(|x| !provisions.iter().any(|p| p.path == **x))
            {
                return Err(format!("no provision {} in the target text", show(missing)));
            }
            let items = match (a.op.value, wording) {
                (Op::Delete, _) => vec![None; addresses.len()],
                (_, Some(w)) => split_items(w, &addresses)
                    .ok_or(UNSPLIT)?
                    .into_iter()
                    .map(Some)
                    .collect(),
                (_, None) => return Err(NO_WORDING.into()),
            };
            for (address, text) in addresses.iter().zip(items) {
                // The provision's own parts go with it.
                provisions.retain(|p| !inside(&p.path, address));
                if let Some(p) = provisions.iter_mut().find(|p| p.path == *address) {
                    p.text = text;
                    p.changed_by = Some(by.into());
                    p.change = Some(a.op.value.into());
                }
            }
            Ok(())
        }
        Op::Insert => {
            let Some(wording) = wording else {
                return Err(NO_WORDING.into());
            };
            let parent_of = |x: &[Step]| x.get(..x.len().saturating_sub(1)).unwrap_or(&[]).to_vec();
            if let Some(orphan) = addresses.iter().find(|x| {
                let parent = parent_of(x);
                !parent.is_empty() && !provisions.iter().any(|p| p.path == parent)
            }) {
                return Err(format!(
                    "no provision {} in the target text to insert into",
                    show(&parent_of(orphan))
                ));
            }
            if let Some(taken) = addresses
                .iter()
                .find(|x| provisions.iter().any(|p| p.path == **x))
            {
                return Err(format!(
                    "provision {} is already in the target text",
                    show(taken)
                ));
            }
            let items = split_items(wording, &addresses).ok_or(UNSPLIT)?;
            for (address, text) in addresses.iter().zip(items) {
                let at = insertion_point(provisions, address);
                provisions.insert(
                    at,
                    Provision {
                        path: address.clone(),
                        text: Some(text),
                        changed_by: Some(by.into()),
                        change: Some(Change::Inserted),
                    },
                );
            }
            Ok(())
        }
    }
}

/// Where a new provision goes: after its last sibling of the same unit
/// numbered below it ("5-1" after point 5 and all of point 5's parts), or
/// else right after its parent (at the start, for a top-level one).
fn insertion_point(provisions: &[Provision], address: &[Step]) -> usize {
    let Some((new, parent)) = address.split_last() else {
        return provisions.len();
    };
    let sibling_before = |p: &Provision| {
        p.path.len() == address.len()
            && p.path.starts_with(parent)
            && p.path
                .last()
                .is_some_and(|s| s.unit == new.unit && order(&s.n) < order(&new.n))
    };
    match provisions.iter().rposition(sibling_before) {
        Some(i) => {
            let sibling = provisions
                .get(i)
                .map(|p| p.path.clone())
                .unwrap_or_default();
            let mut at = i + 1;
            while provisions
                .get(at)
                .is_some_and(|p| inside(&p.path, &sibling))
            {
                at += 1;
            }
            at
        }
        // A regulation's title has the empty address; an act has none.
        None => provisions
            .iter()
            .position(|p| p.path == parent)
            .map_or(0, |i| i + 1),
    }
}

/// The reason given for an edit of words inside a provision: where the
/// words go needs a reading of the provision reglament does not make.
pub const WORD_EDIT: &str = "an edit of words inside a provision is not applied";

/// The reason given when a replacement or insertion carries no wording.
const NO_WORDING: &str = "the instruction gives no new wording";

/// The reason given when new wording for several provisions does not
/// show where each one's text starts.
const UNSPLIT: &str = "the new wording does not show where each named provision's text starts";

/// Split new wording into its items ("19) …; 20) …") by the numbers the
/// instruction names; the whole text for a single item. A number counts as
/// an item's marker only at the start or after white space (so "п.19)" in
/// the wording is not one). `None` when an item's marker is missing.
fn split_items(text: &str, addresses: &[Vec<Step>]) -> Option<Vec<String>> {
    if addresses.len() < 2 {
        return Some(vec![text.trim().to_string()]);
    }
    let numbers: Vec<String> = addresses
        .iter()
        .filter_map(|a| a.last().map(|s| s.n.clone()))
        .collect();
    let mut starts = Vec::new();
    let mut from = 0;
    for n in &numbers {
        let marker = [format!("{n})"), format!("{n}.")];
        let found = marker
            .iter()
            .filter_map(|m| {
                text.get(from..).and_then(|t| {
                    t.match_indices(m.as_str())
                        .map(|(i, _)| from + i)
                        .find(|&i| at_item_start(text, i))
                })
            })
            .min()?;
        starts.push(found);
        from = found + 1;
    }
    let items = starts
        .iter()
        .enumerate()
        .map(|(k, &s)| {
            text.get(s..starts.get(k + 1).copied().unwrap_or(text.len()))
                .unwrap_or("")
                .trim()
                .trim_end_matches(['"'])
                .trim()
                .to_string()
        })
        .collect();
    Some(items)
}

/// Whether byte `i` of `text` starts a word: at the start, after white
/// space or an opening quote.
fn at_item_start(text: &str, i: usize) -> bool {
    text.get(..i)
        .and_then(|before| before.chars().next_back())
        .is_none_or(|c| c.is_whitespace() || matches!(c, '"' | '«' | '“' | '„'))
}

fn show(path: &[Step]) -> String {
    path.iter()
        .map(|s| format!("{:?} {}", s.unit, s.n).to_lowercase())
        .collect::<Vec<_>>()
        .join(" / ")
}

/// The consolidated text for people: each provision, then its mark (the
/// changing act by its label).
pub fn render(r: &Registry, c: &Consolidated) -> String {
    let name = |id: &str| r.node(id).map_or_else(|| id.to_string(), super::label);
    let mut out = format!(
        "{} {}as of {}{}\n\n",
        c.target,
        c.regulation
            .as_ref()
            .map(|r| format!("«{r}» "))
            .unwrap_or_default(),
        c.as_of,
        c.language
            .map(|l| format!(" ({})", l.code()))
            .unwrap_or_default()
    );
    if let Some(adopted) = c.adopted_later {
        out.push_str(&format!("(not yet adopted: adopted {adopted})\n"));
    } else if !c.has_text {
        out.push_str(&format!("({NOT_IN_CORPUS})\n"));
    }
    for p in &c.provisions {
        let mark = match (&p.changed_by, p.change) {
            (Some(by), Some(change)) => format!(
                "  [{} by {}]",
                format!("{change:?}").to_lowercase(),
                name(by)
            ),
            _ => String::new(),
        };
        match &p.text {
            Some(t) => out.push_str(&format!("{t}{mark}\n")),
            None => out.push_str(&format!("({} deleted){mark}\n", show(&p.path))),
        }
    }
    for u in &c.unapplied {
        out.push_str(&format!(
            "\nunapplied ({}): {} — {}",
            name(&u.by),
            u.instruction,
            u.reason
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{ActRef, PathPart};
    use crate::span::{Span, Spanned};
    use StructureUnit::{Chapter, Paragraph, Point, Subpoint};

    fn sp<T>(v: T) -> Spanned<T> {
        Spanned::new(v, Span::new(0, 0))
    }

    fn amendment(op: Op, path: &[(StructureUnit, &[&str])], text: Option<&str>) -> Amendment {
        Amendment {
            op: sp(op),
            target: ActRef {
                id: None,
                kind: None,
                issuer: None,
                date: None,
                number: None,
                title: None,
                text: sp(String::new()),
            },
            regulation: None,
            path: path
                .iter()
                .map(|(unit, ns)| PathPart {
                    unit: sp(*unit),
                    numbers: ns.iter().map(|n| sp(n.to_string())).collect(),
                })
                .collect(),
            scope: Scope::Provision,
            whole_regulation: false,
            text: text.map(|t| sp(t.to_string())),
            appendices: Vec::new(),
            new_regulations: Vec::new(),
            instruction: sp(String::new()),
            span: Span::new(0, 0),
        }
    }

    fn provision(path: &[(StructureUnit, &str)], text: &str) -> Provision {
        Provision {
            path: path.iter().map(|(u, n)| step(*u, *n)).collect(),
            text: Some(text.into()),
            changed_by: None,
            change: None,
        }
    }

    /// Point 1 with subpoints 1) and 2), point 5, point 6.
    fn act() -> Vec<Provision> {
        vec![
            provision(&[(Point, "1")], "1. Утвердить:"),
            provision(&[(Point, "1"), (Subpoint, "1")], "1) первый;"),
            provision(&[(Point, "1"), (Subpoint, "2")], "2) второй."),
            provision(&[(Point, "5")], "5. Пятый."),
            provision(&[(Point, "6")], "6. Шестой."),
        ]
    }

    fn texts(p: &[Provision]) -> Vec<&str> {
        p.iter().map(|p| p.text.as_deref().unwrap_or("-")).collect()
    }

    #[test]
    fn numbers_order_with_their_insertions() {
        assert!(order("5") < order("5-1"));
        assert!(order("5-1") < order("5-2"));
        assert!(order("5-2") < order("6"));
        assert!(order("2") < order("2.1") && order("2.1") < order("3"));
    }

    /// A tree node with no span (spans do not take part in addressing).
    fn node(
        unit: ProvisionUnit,
        number: Option<&str>,
        text: &str,
        children: Vec<crate::record::Provision>,
    ) -> crate::record::Provision {
        let none = crate::span::Span::default();
        crate::record::Provision {
            unit,
            number: number.map(|n| crate::span::Spanned::new(n.to_string(), none)),
            heading: None,
            text: crate::span::Spanned::new(text.to_string(), none),
            span: none,
            children,
        }
    }

    #[test]
    fn the_tree_flattens_to_addresses() {
        use ProvisionUnit as U;
        let tree = vec![
            node(U::Paragraph, None, "Вводный.", vec![]),
            node(
                U::Chapter,
                Some("1"),
                "Глава 1. Общие",
                vec![node(
                    U::Point,
                    Some("5-1"),
                    "5-1. Пункт.",
                    vec![
                        node(U::Subpoint, Some("2)"), "2) подпункт;", vec![]),
                        node(U::Paragraph, None, "абзац", vec![]),
                    ],
                )],
            ),
        ];
        let flat = flatten(&tree, None);
        let paths: Vec<Vec<Step>> = flat.iter().map(|p| p.path.clone()).collect();
        assert_eq!(
            paths,
            vec![
                vec![step(Paragraph, "1")],
                vec![step(Chapter, "1")],
                // The chapter is not part of its points' addresses.
                vec![step(Point, "5-1")],
                vec![step(Point, "5-1"), step(Subpoint, "2")],
                vec![step(Point, "5-1"), step(Paragraph, "1")],
            ]
        );
        assert_eq!(texts(&flat)[2], "5-1. Пункт.");
    }

    #[test]
    fn an_inserted_point_goes_after_its_lower_sibling_and_its_parts() {
        let p = act();
        // Point 1-1 after point 1 and both its subpoints.
        assert_eq!(insertion_point(&p, &[step(Point, "1-1")]), 3);
        // Point 5-1 between 5 and 6.
        assert_eq!(insertion_point(&p, &[step(Point, "5-1")]), 4);
        // Subpoint 3) after subpoint 2).
        assert_eq!(
            insertion_point(&p, &[step(Point, "1"), step(Subpoint, "3")]),
            3
        );
        // Subpoint 1) of point 5 (no siblings yet): right after point 5.
        assert_eq!(
            insertion_point(&p, &[step(Point, "5"), step(Subpoint, "1")]),
            4
        );
        // A point before every other: at the start.
        assert_eq!(insertion_point(&p, &[step(Point, "0")]), 0);
    }

    #[test]
    fn wording_splits_at_item_markers_only() {
        let two = [
            vec![step(Point, "1"), step(Subpoint, "19")],
            vec![step(Point, "1"), step(Subpoint, "20")],
        ];
        assert_eq!(
            split_items("19) девятнадцатый, см. п.20); 20) двадцатый.", &two),
            Some(vec![
                "19) девятнадцатый, см. п.20);".to_string(),
                "20) двадцатый.".to_string()
            ])
        );
        assert_eq!(split_items("одна формулировка для двух", &two), None);
        assert_eq!(
            split_items(" одна ", &two[..1]),
            Some(vec!["одна".to_string()])
        );
        assert!(at_item_start("a \"19)", 3));
        assert!(!at_item_start("п.19)", 2));
    }

    #[test]
    fn replace_delete_and_insert_apply_in_place() {
        let mut p = act();
        let replace = amendment(Op::Replace, &[(Point, &["5"])], Some("5. Новый."));
        let delete = amendment(Op::Delete, &[(Point, &["1"])], None);
        let insert = amendment(Op::Insert, &[(Point, &["5-1"])], Some("5-1. Вставлен."));
        for a in [&replace, &delete, &insert] {
            assert_eq!(apply(&mut p, a, "by"), Ok(()));
        }
        // Deleting point 1 took its subpoints with it.
        assert_eq!(
            texts(&p),
            ["-", "5. Новый.", "5-1. Вставлен.", "6. Шестой."]
        );
        assert_eq!(
            p.iter().map(|p| p.change).collect::<Vec<_>>(),
            [
                Some(Change::Deleted),
                Some(Change::Replaced),
                Some(Change::Inserted),
                None
            ]
        );
    }

    #[test]
    fn a_failed_amendment_changes_nothing() {
        let before = act();
        let cases = [
            // One of two addresses is missing.
            amendment(
                Op::Replace,
                &[(Point, &["1"]), (Subpoint, &["2)", "9)"])],
                Some("2) а; 9) б."),
            ),
            // Two items, but the wording does not mark where each starts.
            amendment(
                Op::Replace,
                &[(Point, &["1"]), (Subpoint, &["1)", "2)"])],
                Some("общая формулировка"),
            ),
            // The provision is already there.
            amendment(Op::Insert, &[(Point, &["5"])], Some("5. Ещё раз.")),
            // Its parent is not.
            amendment(
                Op::Insert,
                &[(Point, &["9"]), (Subpoint, &["1)"])],
                Some("1) а."),
            ),
            // No wording.
            amendment(Op::Replace, &[(Point, &["5"])], None),
            // No address.
            amendment(Op::Delete, &[], None),
        ];
        for a in &cases {
            let mut p = before.clone();
            assert!(apply(&mut p, a, "by").is_err(), "{:?}", a.path);
            assert_eq!(p, before, "{:?}", a.path);
        }
        let mut p = before.clone();
        let no_wording = amendment(Op::Insert, &[(Point, &["7"])], None);
        assert_eq!(apply(&mut p, &no_wording, "by"), Err(NO_WORDING.into()));
    }

    #[test]
    fn a_chapter_named_on_the_way_is_not_in_a_points_address() {
        let a = amendment(
            Op::Replace,
            &[(StructureUnit::Chapter, &["2"]), (Point, &["5"])],
            Some("5. Новый."),
        );
        assert_eq!(targets(&a.path), [vec![step(Point, "5")]]);
        let chapter = amendment(Op::Replace, &[(StructureUnit::Chapter, &["2"])], None);
        assert_eq!(
            targets(&chapter.path),
            [vec![step(StructureUnit::Chapter, "2")]]
        );
    }
}
