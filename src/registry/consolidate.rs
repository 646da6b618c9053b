//! Consolidation: the text of an act (or of a regulation in it) as of a
//! date, with every amendment in force by then applied, and each provision
//! marked by the act that last changed it.
//!
//! The base is the target's own text where the corpus has it. An amendment
//! whose target text is absent is listed as unapplied with the reason
//! "target text not in corpus" — except a regulation restated as a whole,
//! whose new text is in the amending act: that text becomes the base,
//! marked as restated by it.

use super::status::entered_by;
use super::{Loaded, Registry};
use crate::grammar::StructureUnit;
use crate::parse::act::same_service;
use crate::record::{Amendment, Date, Language, Op, PathPart, Scope};
use crate::segment::{Block, Class};
use serde::Serialize;

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
        language: None,
        provisions: Vec::new(),
        applied: Vec::new(),
        unapplied: Vec::new(),
    };
    let (mut base, language) = match base_text(r, target, service, language) {
        Some((provisions, language)) => (Some(provisions), Some(language)),
        None => (None, language),
    };
    out.has_text = base.is_some();
    out.language = language;
    for (loaded, amendment, by, entered) in amendments_by(r, target, service, as_of, language) {
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
        if amendment.path.is_empty()
            && amendment.regulation.is_some()
            && amendment.op.value == Op::Replace
        {
            if let Some(new) = restated_text(loaded, amendment, &by) {
                base = Some(new);
                out.has_text = true;
                out.applied.push(applied);
                continue;
            }
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
) -> Vec<(&'r Loaded, &'r Amendment, String, Entered)> {
    let mut out = Vec::new();
    for l in &r.loaded {
        let by = &super::act_key(&l.doc);
        let Some(node) = r.node(by) else { continue };
        if !is_amending_text(r, l, by, language) {
            continue;
        }
        let entered = match entered_by(node, as_of) {
            Some((true, exact)) => Entered::Yes { exact },
            Some((false, _)) => continue,
            None => Entered::Undatable,
        };
        for a in &l.doc.amendments {
            if r.resolve(&a.target).as_deref() != Some(target) {
                continue;
            }
            let same_regulation = match (service, &a.regulation) {
                (Some(s), Some(reg)) => same_service(s, &reg.value),
                (None, None) => true,
                _ => false,
            };
            if same_regulation {
                out.push((l, a, by.clone(), entered));
            }
        }
    }
    out.sort_by_key(|(l, _, _, _)| l.doc.act.date.as_ref().map(|d| d.value));
    out
}

/// Whether `l` is the one text of act `by` whose amendments count: the
/// first of its texts in `language`, or its first text when none is.
fn is_amending_text(r: &Registry, l: &Loaded, by: &str, language: Option<Language>) -> bool {
    let texts: Vec<&Loaded> = r
        .loaded
        .iter()
        .filter(|x| super::act_key(&x.doc) == by)
        .collect();
    let chosen = texts
        .iter()
        .find(|x| Some(x.doc.language) == language)
        .or(texts.first());
    chosen.is_some_and(|x| std::ptr::eq(*x, l))
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
    let texts = r.loaded.iter().filter(|l| super::act_key(&l.doc) == target);
    let (preferred, others): (Vec<&Loaded>, Vec<&Loaded>) =
        texts.partition(|l| Some(l.doc.language) == language);
    preferred.into_iter().chain(others).find_map(|l| {
        let provisions = match service {
            None => Some(operative_provisions(l)),
            Some(s) => {
                let i = l.doc.regulations.iter().position(|reg| {
                    reg.service
                        .as_ref()
                        .is_some_and(|x| same_service(&x.value, s))
                })?;
                regulation_provisions(l, i, None)
            }
        };
        provisions.map(|p| (p, l.doc.language))
    })
}

/// The new text of a restated regulation, every provision marked.
fn restated_text(l: &Loaded, a: &Amendment, by: &str) -> Option<Vec<Provision>> {
    let id = a.new_regulations.first()?;
    let i = l
        .doc
        .regulations
        .iter()
        .position(|r| r.id.as_ref() == Some(id))?;
    regulation_provisions(l, i, Some(by))
}

fn block_text(l: &Loaded, b: &Block) -> String {
    let s = l
        .normalized
        .text
        .as_str()
        .get(b.range.clone())
        .unwrap_or("");
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The number a block opens with: "17) …" -> "17", "5. …" -> "5",
/// "5-1. …" -> "5-1" (a point inserted after 5).
fn leading_number(s: &str) -> Option<String> {
    let d: String = s
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '-')
        .collect();
    let d = d.trim_end_matches('-');
    (d.starts_with(|c: char| c.is_ascii_digit())).then(|| d.to_string())
}

/// A number's place in order: "5" < "5-1" < "5-2" < "6".
fn order(n: &str) -> Vec<u64> {
    n.split('-')
        .map(|x| x.parse().unwrap_or(u64::MAX))
        .collect()
}

fn step(unit: StructureUnit, n: impl Into<String>) -> Step {
    Step { unit, n: n.into() }
}

/// The act's points and subpoints, with their paragraphs.
fn operative_provisions(l: &Loaded) -> Vec<Provision> {
    let mut out = Vec::new();
    let mut point: Option<String> = None;
    let mut paragraph = 0;
    for (b, class) in &l.segments.operative {
        let text = block_text(l, b);
        let path = match (class, leading_number(&text)) {
            (Class::Point, Some(n)) => {
                point = Some(n.clone());
                paragraph = 0;
                vec![step(StructureUnit::Point, n)]
            }
            (Class::Subpoint, Some(n)) => point
                .iter()
                .map(|p| step(StructureUnit::Point, p.clone()))
                .chain([step(StructureUnit::Subpoint, n)])
                .collect(),
            _ => {
                paragraph += 1;
                point
                    .iter()
                    .map(|p| step(StructureUnit::Point, p.clone()))
                    .chain([step(StructureUnit::Paragraph, paragraph.to_string())])
                    .collect()
            }
        };
        out.push(Provision {
            path,
            text: Some(text),
            changed_by: None,
            change: None,
        });
    }
    out
}

/// A regulation's chapters, points, subpoints and paragraphs.
fn regulation_provisions(l: &Loaded, index: usize, by: Option<&str>) -> Option<Vec<Provision>> {
    let appendix = l.regulations.get(index)?;
    let mark = |path: Vec<Step>, text: String| Provision {
        path,
        text: Some(text),
        changed_by: by.map(str::to_string),
        change: by.map(|_| Change::Restated),
    };
    let mut out = vec![mark(Vec::new(), block_text(l, &appendix.title))];
    for c in &appendix.chapters {
        if let Some(h) = &c.heading {
            let text = block_text(l, h);
            let n = c
                .number
                .as_ref()
                .and_then(|r| l.normalized.text.as_str().get(r.clone()))
                .map(digits)
                .unwrap_or_default();
            out.push(mark(vec![step(StructureUnit::Chapter, n)], text));
        }
        for (k, (b, _)) in c.loose.iter().enumerate() {
            out.push(mark(
                vec![step(StructureUnit::Paragraph, (k + 1).to_string())],
                block_text(l, b),
            ));
        }
        for p in &c.points {
            let head = block_text(l, &p.head);
            let n = leading_number(&head).unwrap_or_default();
            out.push(mark(vec![step(StructureUnit::Point, n.clone())], head));
            let mut paragraph = 0;
            for (b, class) in &p.items {
                let text = block_text(l, b);
                let last = match (class, leading_number(&text)) {
                    (Class::Subpoint, Some(m)) => step(StructureUnit::Subpoint, m),
                    _ => {
                        paragraph += 1;
                        step(StructureUnit::Paragraph, paragraph.to_string())
                    }
                };
                out.push(mark(
                    vec![step(StructureUnit::Point, n.clone()), last],
                    text,
                ));
            }
        }
    }
    Some(out)
}

/// A number as written, without its bracket or dot ("17)" -> "17",
/// "5-1." -> "5-1").
fn digits(s: &str) -> String {
    let kept: String = s
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '-')
        .collect();
    kept.trim_matches('-').to_string()
}

/// The addresses an amendment's path names: one per number of its last
/// unit ("подпункты 19), 20)" names two).
fn targets(path: &[PathPart]) -> Vec<Vec<Step>> {
    let Some((last, outer)) = path.split_last() else {
        return Vec::new();
    };
    let prefix: Vec<Step> = outer
        .iter()
        .filter_map(|p| p.numbers.first().map(|n| step(p.unit, digits(&n.value))))
        .collect();
    last.numbers
        .iter()
        .map(|n| {
            prefix
                .iter()
                .cloned()
                .chain([step(last.unit, digits(&n.value))])
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
                (_, Some(w)) => split_items(w, &addresses).into_iter().map(Some).collect(),
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
            let items = split_items(wording, &addresses);
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

/// Split new wording into its items ("19) …; 20) …") by the numbers the
/// instruction names; the whole text for a single item. A number counts as
/// an item's marker only at the start or after white space (so "п.19)" in
/// the wording is not one).
fn split_items(text: &str, addresses: &[Vec<Step>]) -> Vec<String> {
    if addresses.len() < 2 {
        return vec![text.trim().to_string()];
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
            .min();
        match found {
            Some(i) => {
                starts.push(i);
                from = i + 1;
            }
            None => return vec![text.trim().to_string(); numbers.len()],
        }
    }
    starts
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
        .collect()
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
    if !c.has_text {
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
