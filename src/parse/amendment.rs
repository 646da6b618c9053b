//! Amendment operations: what the operative part does to another act.
//!
//! After "Внести в постановление … следующие изменения:" come lines such as
//!
//! ```text
//! в пункте 1:                                       (context: point 1)
//! подпункты 4), 5) исключить;                       delete point 1 / subpoints 4), 5)
//! подпункт 6) изложить в следующей редакции:        replace point 1 / subpoint 6)
//! "6) регламент государственной услуги "…";";       (its new wording)
//! в регламенте государственной услуги "…":          (context: that regulation)
//! регламент … "…" изложить в новой редакции согласно приложению 1
//!                                                   replace the regulation, new
//!                                                   wording in appendix 1
//! ```
//!
//! The operation is found by its phrase (`[amendments]` in the grammar),
//! the path by every unit word with its numbers, in either language's word
//! order ("подпункт 17) пункта 1", "1-тармақтың 17) тармақшасы"), ranked
//! outermost first. A path that starts below a point continues the
//! context's path.

use super::Doc;
use super::act_ref::to_record;
use crate::grammar::StructureUnit;
use crate::record::{ActRef, Amendment, Diagnostic, Level, PathPart, Regulation};
use crate::segment::{Block, Class, Segments};
use crate::span::Spanned;
use std::ops::Range;

/// The outermost unit first.
fn rank(u: StructureUnit) -> u8 {
    match u {
        StructureUnit::Appendix => 0,
        StructureUnit::Chapter => 1,
        StructureUnit::Article => 2,
        StructureUnit::Point => 3,
        StructureUnit::Subpoint => 4,
        StructureUnit::Paragraph => 5,
    }
}

/// How many content paragraphs one operation may carry.
const MAX_CONTENT_BLOCKS: usize = 64;

/// The amendment operations of an act.
pub fn amendments(
    doc: &Doc<'_>,
    seg: &Segments,
    regs: &[Regulation],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Amendment> {
    let mut out = Vec::new();
    let blocks = &seg.operative;
    let mut i = 0;
    while let Some((block, _)) = blocks.get(i) {
        i += 1;
        let s = doc.slice(block.range.clone());
        if !doc.g.amend.is_match(s) {
            continue;
        }
        let Some(target) = super::act::nearest_ref(doc, s, &doc.g.amend) else {
            continue;
        };
        let target = to_record(doc, &target, diagnostics);
        // The instructions follow, up to the next point.
        let end = blocks
            .get(i..)
            .unwrap_or(&[])
            .iter()
            .position(|(_, c)| *c == Class::Point)
            .map_or(blocks.len(), |p| i + p);
        let instructions = blocks.get(i..end).unwrap_or(&[]);
        out.extend(instruction_list(
            doc,
            &target,
            instructions,
            regs,
            diagnostics,
        ));
        i = end;
    }
    out
}

/// Where the operations of one "Внести в …" point are.
struct Context {
    regulation: Option<Spanned<String>>,
    path: Vec<PathPart>,
}

fn instruction_list(
    doc: &Doc<'_>,
    target: &ActRef,
    blocks: &[(Block, Class)],
    regs: &[Regulation],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Amendment> {
    let mut out = Vec::new();
    let mut ctx = Context {
        regulation: None,
        path: Vec::new(),
    };
    let mut i = 0;
    while let Some((block, _)) = blocks.get(i) {
        i += 1;
        let s = doc.slice(block.range.clone());
        if let Some(reg) = regulation_context(doc, s) {
            ctx = Context {
                regulation: Some(reg),
                path: Vec::new(),
            };
            continue;
        }
        let Some((op, op_range)) = doc.g.operations.find(s) else {
            if let Some(path) = unit_context(doc, s) {
                ctx.path = path;
            } else {
                diagnostics.push(doc.diagnostic(
                    Level::Warning,
                    "amendment-text-unplaced",
                    "a line among amendment instructions that is neither an operation, its new wording, nor a context",
                    block.range.clone(),
                ));
            }
            continue;
        };
        let base = doc.at(s);
        let op = doc.spanned(op, base + op_range.start..base + op_range.end);
        // The new wording, in the paragraphs after an instruction ending in ":".
        let mut span = doc.span(block.range.clone());
        let mut text = None;
        if s.trim_end().ends_with(':') {
            let (content, used) = content(doc, blocks.get(i..).unwrap_or(&[]));
            if let Some(c) = content {
                span = span.cover(c.span);
                text = Some(c);
            }
            i += used;
        }
        let (appendices, path_text) = per_appendix(doc, s);
        let whole_regulation = regulation_operand(doc, s);
        let own_path = path(doc, path_text);
        let path = if whole_regulation.is_some() || starts_at_top(&own_path) {
            own_path
        } else {
            ctx.path.iter().cloned().chain(own_path).collect()
        };
        let regulation = whole_regulation.clone().or_else(|| ctx.regulation.clone());
        if whole_regulation.is_some() {
            ctx = Context {
                regulation: None,
                path: Vec::new(),
            };
        }
        let new_regulations = appendices
            .iter()
            .filter_map(|n| regulation_in_appendix(regs, &n.value))
            .filter_map(|r| r.id.clone())
            .collect();

        out.push(Amendment {
            op,
            target: target.clone(),
            regulation,
            path,
            text,
            appendices,
            new_regulations,
            instruction: doc.text_at(block.range.clone()),
            span,
        });
    }
    out
}

/// The regulation record in appendix `n`: by its number, or, when the
/// appendix's heading was lost, the only unnumbered regulation standing in
/// place `n`.
fn regulation_in_appendix<'r>(regs: &'r [Regulation], n: &str) -> Option<&'r Regulation> {
    if let Some(r) = regs
        .iter()
        .find(|r| r.appendix.as_ref().is_some_and(|a| a.value == n))
    {
        return Some(r);
    }
    let unnumbered: Vec<(usize, &Regulation)> = regs
        .iter()
        .enumerate()
        .filter(|(_, r)| r.appendix.is_none())
        .collect();
    match (unnumbered.as_slice(), n.parse::<usize>()) {
        ([(i, r)], Ok(place)) if i + 1 == place => Some(r),
        _ => None,
    }
}

/// A path that names a point, an article, a chapter or an appendix is
/// complete; one that starts with a subpoint continues the context.
fn starts_at_top(path: &[PathPart]) -> bool {
    path.first()
        .is_some_and(|p| rank(p.unit) <= rank(StructureUnit::Point))
}

/// "в регламенте государственной услуги "…":" -> the service.
fn regulation_context(doc: &Doc<'_>, s: &str) -> Option<Spanned<String>> {
    let (_, len) = doc.g.in_regulation.at_start(s)?;
    if !s.trim_end().ends_with(':') || doc.g.operations.is_match(s) {
        return None;
    }
    super::act::quoted_name(doc, s.get(len..)?)
}

/// "регламент государственной услуги "…" изложить …": the regulation the
/// operation restates as a whole.
fn regulation_operand(doc: &Doc<'_>, s: &str) -> Option<Spanned<String>> {
    let (_, len) = doc.g.regulation_op.at_start(s)?;
    super::act::quoted_name(doc, s.get(len..)?)
}

/// "в пункте 1:" -> [point 1].
fn unit_context(doc: &Doc<'_>, s: &str) -> Option<Vec<PathPart>> {
    let t = s.trim_end();
    if !t.ends_with(':') {
        return None;
    }
    let (_, len) = doc.g.in_unit.at_start(t)?;
    let rest = t.get(len..)?;
    let p = path(doc, rest);
    (!p.is_empty()).then_some(p)
}

/// The new wording after an instruction: quoted paragraphs up to the one
/// that closes the quote (`…";` or `…".`). Returns it and how many blocks
/// it took.
fn content(doc: &Doc<'_>, blocks: &[(Block, Class)]) -> (Option<Spanned<String>>, usize) {
    let Some((first, _)) = blocks.first() else {
        return (None, 0);
    };
    if !doc.slice(first.range.clone()).starts_with('"') {
        return (None, 0);
    }
    // The wording ends where its outer quote closes: quotes balance, and
    // the paragraph ends with one ("…";" closes an inner title only).
    let mut last = first.range.clone();
    let mut used = 0;
    let mut quotes = 0usize;
    for (b, _) in blocks.iter().take(MAX_CONTENT_BLOCKS) {
        used += 1;
        last = b.range.clone();
        let s = doc.slice(b.range.clone());
        quotes += s.matches('"').count();
        let t = s.trim_end().trim_end_matches([';', '.', ',']);
        if t.ends_with('"') && quotes % 2 == 0 {
            break;
        }
    }
    let whole = first.range.start..last.end;
    let s = doc.slice(whole.clone());
    // Without the outer quotes and the closing punctuation.
    let inner_end = s.trim_end().trim_end_matches([';', '.', ',']).len();
    let inner = s.get(1..inner_end.saturating_sub(1)).unwrap_or("");
    let start = whole.start + 1;
    let r = start..start + inner.len();
    (Some(doc.text_at(r)), used)
}

/// The appendices named as carrying the new wording ("согласно приложению
/// 1", "согласно приложениям 2, 3"; Kazakh "1-қосымшаға сәйкес"), and the
/// instruction without them (so they are not read as the path).
fn per_appendix<'a>(doc: &Doc<'_>, s: &'a str) -> (Vec<Spanned<String>>, &'a str) {
    let base = doc.at(s);
    for (_, m) in doc.g.per_appendix.find_iter(s) {
        let after = s.get(m.end..).unwrap_or("");
        let t = after.trim_start();
        // Russian: "согласно приложениям 2, 3".
        if let Some((StructureUnit::Appendix, len)) = doc.g.structure.at_start(t) {
            let at = m.end + (after.len() - t.len()) + len;
            let numbers = numbers_after(s.get(at..).unwrap_or(""), base + at);
            if !numbers.is_empty() {
                let ns = numbers
                    .into_iter()
                    .map(|r| doc.spanned(doc.slice(r.clone()).to_string(), r))
                    .collect();
                return (ns, s.get(..m.start).unwrap_or(s));
            }
        }
        // Kazakh: "… 1-қосымшаға сәйкес".
        let before = s.get(..m.start).unwrap_or("").trim_end();
        if let Some((StructureUnit::Appendix, unit)) = doc.g.structure.find_iter(before).last() {
            if unit.end == before.len() {
                let numbers = numbers_before(before.get(..unit.start).unwrap_or(""), base);
                if !numbers.is_empty() {
                    let first = numbers.first().map_or(unit.start, |r| r.start - base);
                    let ns = numbers
                        .into_iter()
                        .map(|r| doc.spanned(doc.slice(r.clone()).to_string(), r))
                        .collect();
                    return (ns, s.get(..first).unwrap_or(s));
                }
            }
        }
    }
    (Vec::new(), s)
}

/// Every unit mentioned with its numbers, outermost first.
fn path(doc: &Doc<'_>, s: &str) -> Vec<PathPart> {
    let base = doc.at(s);
    let mut parts: Vec<PathPart> = Vec::new();
    for (unit, m) in doc.g.structure.find_iter(s) {
        // "1-тармақтың": a number glued before its word by a hyphen is its
        // own; otherwise the Russian order, number after, comes first.
        let before = s.get(..m.start).unwrap_or("");
        let glued = before.ends_with('-')
            && before
                .trim_end_matches('-')
                .ends_with(|c: char| c.is_ascii_digit());
        let mut numbers = if glued {
            numbers_before(before, base)
        } else {
            numbers_after(s.get(m.end..).unwrap_or(""), base + m.end)
        };
        if numbers.is_empty() {
            numbers = numbers_before(before, base);
        }
        if numbers.is_empty() || parts.iter().any(|p| p.unit == unit) {
            continue;
        }
        let numbers = numbers
            .into_iter()
            .map(|r| doc.spanned(doc.slice(r.clone()).to_string(), r))
            .collect();
        parts.push(PathPart { unit, numbers });
    }
    parts.sort_by_key(|p| rank(p.unit));
    parts
}

/// Numbers right after a unit word: "17)", "19), 20)", "4) 5)", "19, 20",
/// "1 и 2". Ranges are absolute (`base` is the offset of `s`).
fn numbers_after(s: &str, base: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    loop {
        let rest = s.get(at..).unwrap_or("");
        let t = rest.trim_start_matches([' ', ',']);
        let t = t.strip_prefix("и ").unwrap_or(t);
        let skip = rest.len() - t.len();
        let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
        if digits == 0 || (out.is_empty() && skip > 1) {
            break;
        }
        let len = digits + usize::from(t.get(digits..).is_some_and(|r| r.starts_with(')')));
        let start = base + at + skip;
        out.push(start..start + len);
        at += skip + len;
        // Only separators join numbers into one list.
        if !s.get(at..).is_some_and(|r| r.starts_with([',', ' '])) {
            break;
        }
    }
    out
}

/// Numbers right before a unit word (Kazakh): "17) тармақшасы",
/// "1-тармақтың".
fn numbers_before(s: &str, base: usize) -> Vec<Range<usize>> {
    let t = s.trim_end().trim_end_matches('-');
    let token_start = t.rfind(' ').map_or(0, |i| i + 1);
    let token = t.get(token_start..).unwrap_or("");
    let digits = token.trim_end_matches(')');
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Vec::new();
    }
    let range = base + token_start..base + token_start + token.len();
    vec![range]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::Grammar;
    use crate::text::Text;

    fn p(s: &str) -> Vec<(StructureUnit, Vec<String>)> {
        let Ok(g) = Grammar::builtin() else {
            return vec![];
        };
        let t = Text::identity(s);
        let doc = Doc::new(&t, g);
        path(&doc, t.as_str())
            .into_iter()
            .map(|x| (x.unit, x.numbers.into_iter().map(|n| n.value).collect()))
            .collect()
    }

    #[test]
    fn paths_in_both_word_orders() {
        use StructureUnit::*;
        assert_eq!(
            p("подпункт 17) пункта 1 изложить"),
            [(Point, vec!["1".into()]), (Subpoint, vec!["17)".into()])]
        );
        assert_eq!(
            p("пункт 1 дополнить подпунктами 19), 20) следующего"),
            [
                (Point, vec!["1".into()]),
                (Subpoint, vec!["19)".into(), "20)".into()])
            ]
        );
        assert_eq!(
            p("подпункты 4), 5) исключить"),
            [(Subpoint, vec!["4)".into(), "5)".into()])]
        );
        assert_eq!(
            p("дополнить приложениями 19, 20"),
            [(Appendix, vec!["19".into(), "20".into()])]
        );
        assert_eq!(
            p("1-тармақтың 17) тармақшасы мынадай редакцияда жазылсын"),
            [(Point, vec!["1".into()]), (Subpoint, vec!["17)".into()])]
        );
    }
}
