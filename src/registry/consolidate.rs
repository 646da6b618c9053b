//! Consolidation: the text of an act (or of a regulation in it) as of a
//! date, with every amendment in force by then applied, and each provision
//! marked by the act that last changed it.
//!
//! The base is the target's own text where the corpus has it. An amendment
//! whose target text is absent is listed as unapplied with the reason
//! "target text not in corpus" — except a regulation restated as a whole,
//! whose new text is in the amending act: that text becomes the base,
//! marked as restated by it.

use super::status::{Value, status_at};
use super::{Loaded, Registry};
use crate::grammar::StructureUnit;
use crate::parse::act::same_service;
use crate::record::{Amendment, Date, Op, PathPart};
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
    /// Why: [`NOT_IN_CORPUS`], or the provision it names is not there.
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
    /// The provisions, in order.
    pub provisions: Vec<Provision>,
    /// Amendments applied, in order.
    pub applied: Vec<Applied>,
    /// Amendments in force by the date that could not be applied.
    pub unapplied: Vec<Unapplied>,
}

/// Consolidate the act `target` (or its regulation for `service`) as of `as_of`.
pub fn consolidate(r: &Registry, target: &str, service: Option<&str>, as_of: Date) -> Consolidated {
    let mut out = Consolidated {
        target: target.into(),
        regulation: service.map(str::to_string),
        as_of,
        has_text: false,
        provisions: Vec::new(),
        applied: Vec::new(),
        unapplied: Vec::new(),
    };
    let mut base = base_text(r, target, service);
    out.has_text = base.is_some();
    for (loaded, amendment, by) in amendments_in_force(r, target, service, as_of) {
        let applied = Applied {
            by: by.clone(),
            op: amendment.op.value,
            instruction: amendment.instruction.value.clone(),
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

/// Amendments of the target by acts in force on the date, oldest act first.
fn amendments_in_force<'r>(
    r: &'r Registry,
    target: &str,
    service: Option<&str>,
    as_of: Date,
) -> Vec<(&'r Loaded, &'r Amendment, String)> {
    let mut out = Vec::new();
    for l in &r.loaded {
        let by = &super::act_key(&l.doc);
        let Some(node) = r.node(by) else { continue };
        if status_at(r, node, as_of).status != Value::InForce {
            continue;
        }
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
                out.push((l, a, by.clone()));
            }
        }
    }
    out.sort_by_key(|(l, _, _)| l.doc.act.date.as_ref().map(|d| d.value));
    out
}

/// The target's own text in the corpus: the act's operative part, or the
/// regulation's points.
fn base_text(r: &Registry, target: &str, service: Option<&str>) -> Option<Vec<Provision>> {
    let l = r.loaded.iter().find(|l| super::act_key(&l.doc) == target)?;
    match service {
        None => Some(operative_provisions(l)),
        Some(s) => {
            let (i, _) = l.doc.regulations.iter().enumerate().find(|(_, reg)| {
                reg.service
                    .as_ref()
                    .is_some_and(|x| same_service(&x.value, s))
            })?;
            regulation_provisions(l, i, None)
        }
    }
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

/// The number a block opens with: "17) …" -> "17", "5. …" -> "5".
fn leading_number(s: &str) -> Option<String> {
    let d: String = s.chars().take_while(char::is_ascii_digit).collect();
    (!d.is_empty()).then_some(d)
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
            out.push(mark(
                vec![step(
                    StructureUnit::Chapter,
                    leading_number(&text).unwrap_or_default(),
                )],
                text,
            ));
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

/// The digits of a number as written ("17)" -> "17").
fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
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

fn starts_with(path: &[Step], prefix: &[Step]) -> bool {
    path.len() >= prefix.len() && path.iter().zip(prefix).all(|(a, b)| a == b)
}

/// Apply one amendment to the provisions.
fn apply(provisions: &mut Vec<Provision>, a: &Amendment, by: &str) -> Result<(), String> {
    let addresses = targets(&a.path);
    if addresses.is_empty() {
        return Err("the instruction names no provision the parser could address".into());
    }
    match a.op.value {
        Op::Replace | Op::Delete => {
            for address in &addresses {
                let at = provisions
                    .iter()
                    .position(|p| p.path == *address)
                    .ok_or_else(|| format!("no provision {} in the target text", show(address)))?;
                // The provision's own parts go with it.
                let i = at + 1;
                while provisions
                    .get(i)
                    .is_some_and(|p| starts_with(&p.path, address))
                {
                    provisions.remove(i);
                }
                if let Some(p) = provisions.get_mut(at) {
                    p.text = if a.op.value == Op::Delete {
                        None
                    } else {
                        a.text.as_ref().map(|t| t.value.clone()).or(p.text.take())
                    };
                    p.changed_by = Some(by.into());
                    p.change = Some(a.op.value.into());
                }
            }
            Ok(())
        }
        Op::Insert => {
            let items = split_items(a.text.as_ref().map_or("", |t| t.value.as_str()), &addresses);
            for (address, text) in addresses.iter().zip(items) {
                let parent = address
                    .get(..address.len().saturating_sub(1))
                    .unwrap_or(&[]);
                // After the parent's last part numbered below the new one.
                let n: u64 = address
                    .last()
                    .and_then(|s| s.n.parse().ok())
                    .unwrap_or(u64::MAX);
                let mut at = provisions
                    .iter()
                    .position(|p| p.path == parent)
                    .map_or(provisions.len(), |i| i + 1);
                while let Some(p) = provisions.get(at) {
                    let inside = starts_with(&p.path, parent) && p.path.len() > parent.len();
                    let before = p
                        .path
                        .get(parent.len())
                        .and_then(|s| s.n.parse::<u64>().ok())
                        .is_some_and(|m| m < n);
                    if !inside || !(before || p.path.len() > parent.len() + 1) {
                        break;
                    }
                    at += 1;
                }
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

/// Split inserted wording into its items ("19) …; 20) …") by the numbers
/// the instruction names; the whole text for a single item.
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
                text.get(from..)
                    .and_then(|t| t.find(m.as_str()))
                    .map(|i| from + i)
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
        "{} {}as of {}\n\n",
        c.target,
        c.regulation
            .as_ref()
            .map(|r| format!("«{r}» "))
            .unwrap_or_default(),
        c.as_of
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
