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
use crate::record::StructureUnit;
use crate::record::{ActRef, Amendment, Code, Diagnostic, PathPart, Regulation, Scope};
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
        let rest = blocks.get(i..).unwrap_or(&[]);
        let (ops, used) = instruction_list(doc, &target, rest, regs, diagnostics);
        out.extend(ops);
        i += used;
    }
    out
}

/// Where the operations of one "Внести в …" point are.
#[derive(Default)]
struct Context {
    regulation: Option<Spanned<String>>,
    path: Vec<PathPart>,
    /// The last context line named a unit without a number the parser can
    /// read ("в абзаце втором пункта 5:"): where its operations act is
    /// unknown, so they get no path rather than a wrong one.
    unresolved: bool,
}

/// The instructions of a "Внести в …" point: up to the act's next point.
/// A new wording may hold points of its own ("1. Утвердить …"); they are
/// read as its content, not as the end. Returns the operations and how
/// many blocks they took.
fn instruction_list(
    doc: &Doc<'_>,
    target: &ActRef,
    blocks: &[(Block, Class)],
    regs: &[Regulation],
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Amendment>, usize) {
    let mut out = Vec::new();
    let mut ctx = Context::default();
    let mut i = 0;
    while let Some((block, class)) = blocks.get(i) {
        if *class == Class::Point {
            break;
        }
        i += 1;
        let s = doc.slice(block.range.clone());
        let Some((op, op_range)) = operation(doc, s) else {
            if let Some(reg) = regulation_context(doc, s) {
                ctx = Context {
                    regulation: Some(reg),
                    ..Context::default()
                };
            } else if let Some(path) = unit_context(doc, s) {
                match path {
                    // "в приложении 2:" then "в пункте 3:" is appendix 2, point 3.
                    Ok(path) => {
                        ctx.path = continue_context(&ctx.path, path);
                        ctx.unresolved = false;
                    }
                    Err(unit) => {
                        diagnostics.push(unresolved(doc, unit));
                        ctx.path.clear();
                        ctx.unresolved = true;
                    }
                }
            } else {
                diagnostics.push(doc.diagnostic(
                    Code::AmendmentTextUnplaced,
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
            let (content, used) = content(doc, blocks.get(i..).unwrap_or(&[]), diagnostics);
            if let Some(c) = content {
                span = span.cover(c.span);
                text = Some(c);
            }
            i += used;
        }
        let (appendices, path_text) = per_appendix(doc, s);
        let operand = regulation_operand(doc, path_text);
        let scope = scope(doc, s);
        let own_path = path(doc, path_text);
        // The regulation itself, named with no unit inside it: "регламент
        // … изложить в новой редакции согласно приложению 1".
        let whole_regulation = operand.is_some()
            && own_path.as_ref().is_ok_and(Vec::is_empty)
            && scope == Scope::Provision;
        let path = match own_path {
            Err(unit) => {
                diagnostics.push(unresolved(doc, unit));
                Vec::new()
            }
            // A regulation named in the instruction is its own context.
            Ok(own) if operand.is_some() => own,
            Ok(_) if ctx.unresolved => Vec::new(),
            Ok(own) => continue_context(&ctx.path, own),
        };
        let regulation = operand.or_else(|| ctx.regulation.clone());
        if whole_regulation {
            ctx = Context::default();
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
            scope,
            whole_regulation,
            text,
            appendices,
            new_regulations,
            instruction: doc.text_at(block.range.clone()),
            span,
        });
    }
    (out, i)
}

/// The first operation phrase outside quotes: a quoted name or wording
/// may hold "исключить" without being an instruction.
fn operation(doc: &Doc<'_>, s: &str) -> Option<(crate::record::Op, Range<usize>)> {
    doc.g
        .operations
        .find_iter(s)
        .find(|(_, m)| !inside_quotes(s, m.start))
}

/// The diagnostic for a unit named without a readable number.
fn unresolved(doc: &Doc<'_>, unit: Range<usize>) -> Diagnostic {
    doc.diagnostic(
        Code::AmendmentPathUnresolved,
        "the instruction names a unit without a number reglament can read (\"абзац второй\"); its operations are kept without a path",
        unit,
    )
}

/// Whether an instruction acts on words inside a provision: a word-edit
/// word ("слова", "сөздері") outside its quotes.
fn scope(doc: &Doc<'_>, s: &str) -> Scope {
    let words = doc
        .g
        .word_edit
        .find_iter(s)
        .any(|(_, m)| !inside_quotes(s, m.start));
    if words {
        Scope::Words
    } else {
        Scope::Provision
    }
}

/// Whether byte `i` of `s` lies between an opening and a closing quote.
fn inside_quotes(s: &str, i: usize) -> bool {
    s.get(..i)
        .is_some_and(|before| before.matches('"').count() % 2 == 1)
}

/// An instruction's own path continues the context where the context is
/// the larger unit: "в приложении 2:" then "пункт 3 изложить" is appendix
/// 2, point 3; "в пункте 1:" then "пункт 3 изложить" is point 3.
fn continue_context(ctx: &[PathPart], own: Vec<PathPart>) -> Vec<PathPart> {
    let top = own.first().map_or(u8::MAX, |p| rank(p.unit.value));
    ctx.iter()
        .filter(|p| rank(p.unit.value) < top)
        .cloned()
        .chain(own)
        .collect()
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

/// "в регламенте государственной услуги "…":" (Kazakh: ""…" мемлекеттік
/// көрсетілетін қызмет регламентінде:") -> the service.
fn regulation_context(doc: &Doc<'_>, s: &str) -> Option<Spanned<String>> {
    if !s.trim_end().ends_with(':') {
        return None;
    }
    let (_, m) = doc.g.in_regulation.find(s)?;
    name_near(doc, s, m)
}

/// "регламент государственной услуги "…" изложить …" (Kazakh: ""…"
/// мемлекеттік көрсетілетін қызмет регламенті … жазылсын"): the regulation
/// the operation acts on.
fn regulation_operand(doc: &Doc<'_>, s: &str) -> Option<Spanned<String>> {
    let (_, m) = doc
        .g
        .regulation_op
        .find_iter(s)
        .find(|(_, m)| !inside_quotes(s, m.start))?;
    name_near(doc, s, m)
}

/// The quoted service name next to a regulation phrase: right after it
/// (Russian), else right before it (Kazakh).
fn name_near(doc: &Doc<'_>, s: &str, phrase: Range<usize>) -> Option<Spanned<String>> {
    let after = s.get(phrase.end..)?;
    let before = s.get(..phrase.start)?;
    if after.trim_start().starts_with('"') || !before.trim_end().ends_with('"') {
        return super::act::quoted_name(doc, after);
    }
    let open = last_opening_quote(before.trim_end())?;
    super::act::quoted_name(doc, before.get(open..)?)
}

/// Where the quoted name that `s` ends with opens: the quote before the
/// final one. (A name with quotes of its own is cut to its last part.)
fn last_opening_quote(s: &str) -> Option<usize> {
    let mut quotes = s.match_indices('"').map(|(i, _)| i).rev();
    quotes.next()?;
    quotes.next()
}

/// A context line: a path and a colon, no operation ("в пункте 1:",
/// Kazakh "1-тармақта:"). `Err` with the unit's range when it names a unit
/// without a readable number ("в абзаце втором пункта 5:").
fn unit_context(doc: &Doc<'_>, s: &str) -> Option<Result<Vec<PathPart>, Range<usize>>> {
    let t = s.trim_end();
    if !t.ends_with(':') {
        return None;
    }
    let rest = match doc.g.in_unit.at_start(t) {
        Some((_, len)) => t.get(len..)?,
        None => t,
    };
    match path(doc, rest) {
        Ok(p) if p.is_empty() => None,
        other => Some(other),
    }
}

/// The new wording after an instruction: quoted paragraphs up to the one
/// that closes the quote (`…";` or `…".`). Returns it and how many blocks
/// it took.
fn content(
    doc: &Doc<'_>,
    blocks: &[(Block, Class)],
    diagnostics: &mut Vec<Diagnostic>,
) -> (Option<Spanned<String>>, usize) {
    let Some((first, _)) = blocks.first() else {
        return (None, 0);
    };
    if !doc.slice(first.range.clone()).starts_with('"') {
        return (None, 0);
    }
    let used = match closing_block(doc, blocks) {
        Some(k) => k + 1,
        None => {
            let used = unclosed_end(doc, blocks);
            let end = blocks
                .get(used.saturating_sub(1))
                .map_or(first.range.end, |(b, _)| b.range.end);
            diagnostics.push(doc.diagnostic(
                Code::AmendmentWordingUnclosed,
                "the new wording's closing quote is missing; it is taken to end before the next instruction or point",
                first.range.start..end,
            ));
            used
        }
    };
    let last = blocks
        .get(used.saturating_sub(1))
        .map_or(first.range.clone(), |(b, _)| b.range.clone());
    let whole = first.range.start..last.end;
    let s = doc.slice(whole.clone());
    // Without the outer quotes and the closing punctuation; an unclosed
    // wording (a lost closing quote) keeps its last character.
    let t = s.trim_end().trim_end_matches([';', '.', ',']);
    let t = t.strip_suffix('"').unwrap_or(t);
    let inner = t.strip_prefix('"').unwrap_or(t);
    let start = whole.start + (t.len() - inner.len());
    (Some(doc.text_at(start..start + inner.len())), used)
}

/// The block whose closing quote ends the wording: it ends with a quote,
/// and either the quotes balance or the quote follows the wording's own
/// final stop (`…".`, `…;";`: a nested title left open by the source does
/// not keep the wording open). `…";` alone closes an inner title only.
fn closing_block(doc: &Doc<'_>, blocks: &[(Block, Class)]) -> Option<usize> {
    let mut quotes = 0usize;
    blocks.iter().take(MAX_CONTENT_BLOCKS).position(|(b, _)| {
        let s = doc.slice(b.range.clone());
        quotes += s.matches('"').count();
        let t = s.trim_end().trim_end_matches([';', '.', ',']);
        let stop_then_quote = t
            .strip_suffix('"')
            .is_some_and(|w| w.ends_with(['.', ';', '!', '?']));
        t.ends_with('"') && (quotes.is_multiple_of(2) || stop_then_quote)
    })
}

/// How many blocks a wording whose closing quote was lost takes: up to
/// the next instruction (an operation phrase outside quotes), else up to
/// the act's next point, so it does not swallow what follows it.
fn unclosed_end(doc: &Doc<'_>, blocks: &[(Block, Class)]) -> usize {
    let window = blocks.len().min(MAX_CONTENT_BLOCKS);
    let rest = || blocks.iter().take(window).enumerate().skip(1);
    rest()
        .find(|(_, (b, _))| operation(doc, doc.slice(b.range.clone())).is_some())
        .or_else(|| rest().find(|(_, (_, class))| *class == Class::Point))
        .map_or(window, |(k, _)| k)
}

/// The appendices named as carrying the new wording ("согласно приложению
/// 1", "согласно приложениям 2, 3"; Kazakh "1-қосымшаға сәйкес"), and the
/// instruction without them (so they are not read as the path). "согласно
/// приложению к настоящему решению" names the act's only appendix: no
/// number, but the words are still not the path.
fn per_appendix<'a>(doc: &Doc<'_>, s: &'a str) -> (Vec<Spanned<String>>, &'a str) {
    let base = doc.at(s);
    let spanned = |numbers: Vec<Range<usize>>| -> Vec<Spanned<String>> {
        numbers
            .into_iter()
            .map(|r| doc.spanned(doc.slice(r.clone()).to_string(), r))
            .collect()
    };
    for (_, m) in doc.g.per_appendix.find_iter(s) {
        let after = s.get(m.end..).unwrap_or("");
        let t = after.trim_start();
        // Russian: "согласно приложениям 2, 3".
        if let Some((StructureUnit::Appendix, len)) = doc.g.structure.at_start(t) {
            let at = m.end + (after.len() - t.len()) + len;
            let numbers = numbers_after(doc, s.get(at..).unwrap_or(""), base + at);
            return (spanned(numbers), s.get(..m.start).unwrap_or(s));
        }
        // Kazakh: "… 1-қосымшаға сәйкес".
        let before = s.get(..m.start).unwrap_or("").trim_end();
        if let Some((StructureUnit::Appendix, unit)) = doc.g.structure.find_iter(before).last()
            && unit.end == before.len()
        {
            let numbers = numbers_before(doc, before.get(..unit.start).unwrap_or(""), base);
            let first = numbers.first().map_or(unit.start, |r| r.start - base);
            return (spanned(numbers), s.get(..first).unwrap_or(s));
        }
    }
    (Vec::new(), s)
}

/// Every unit mentioned with its numbers, outermost first. Unit words in
/// quotes (a service's name) are not the path. `Err` with the unit word's
/// range when a unit has no number the parser can read ("абзац второй"):
/// a path without it would name a larger provision than the text means.
fn path(doc: &Doc<'_>, s: &str) -> Result<Vec<PathPart>, Range<usize>> {
    let base = doc.at(s);
    let mut parts: Vec<PathPart> = Vec::new();
    let mut taken: Vec<Range<usize>> = Vec::new();
    for (unit, m) in doc.g.structure.find_iter(s) {
        if inside_quotes(s, m.start) {
            continue;
        }
        let free = |ns: Vec<Range<usize>>| -> Vec<Range<usize>> {
            if ns
                .iter()
                .any(|r| taken.iter().any(|t| t.start < r.end && r.start < t.end))
            {
                Vec::new()
            } else {
                ns
            }
        };
        // "1-тармақтың": a number glued before its word by a hyphen is its
        // own; otherwise the Russian order, number after, comes first.
        let before = s.get(..m.start).unwrap_or("");
        let glued = before.ends_with('-')
            && before
                .trim_end_matches('-')
                .ends_with(|c: char| c.is_ascii_digit());
        let mut numbers = if glued {
            free(numbers_before(doc, before, base))
        } else {
            free(numbers_after(
                doc,
                s.get(m.end..).unwrap_or(""),
                base + m.end,
            ))
        };
        if numbers.is_empty() {
            numbers = free(numbers_before(doc, before, base));
        }
        if parts.iter().any(|p| p.unit.value == unit) {
            continue;
        }
        if numbers.is_empty() {
            return Err(base + m.start..base + m.end);
        }
        taken.extend(numbers.iter().cloned());
        let numbers = numbers
            .into_iter()
            .map(|r| doc.spanned(doc.slice(r.clone()).to_string(), r))
            .collect();
        parts.push(PathPart {
            unit: doc.spanned(unit, base + m.start..base + m.end),
            numbers,
        });
    }
    parts.sort_by_key(|p| rank(p.unit.value));
    Ok(parts)
}

/// Numbers right after a unit word: "17)", "19), 20)", "4) 5)", "19, 20",
/// "1 и 2", "5-1". Ranges are absolute (`base` is the offset of `s`).
fn numbers_after(doc: &Doc<'_>, s: &str, base: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    loop {
        let rest = s.get(at..).unwrap_or("");
        let mut t = rest.trim_start_matches([' ', ',']);
        if !out.is_empty()
            && let Some((_, len)) = doc.g.conjunctions.at_start(t)
        {
            t = t.get(len..).unwrap_or("").trim_start();
        }
        let skip = rest.len() - t.len();
        let len = crate::numbering::cited_len(t);
        if len == 0 || (out.is_empty() && skip > 1) {
            break;
        }
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
/// "1-тармақтың", "19), 20) тармақшалармен", "19 және 20 тармақтар".
fn numbers_before(doc: &Doc<'_>, s: &str, base: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut t = s.trim_end().trim_end_matches('-');
    loop {
        let token_start = t.rfind([' ', '\n']).map_or(0, |i| i + 1);
        let token = t.get(token_start..).unwrap_or("");
        let bare = token.trim_end_matches(',');
        if !out.is_empty() && doc.g.conjunctions.matches_whole(bare) {
            t = t.get(..token_start).unwrap_or("").trim_end();
            continue;
        }
        if bare.is_empty() || crate::numbering::cited_len(bare) != bare.len() {
            break;
        }
        let start = base + token_start;
        out.push(start..start + bare.len());
        t = t.get(..token_start).unwrap_or("").trim_end();
        // Only a comma or a conjunction continues the list leftwards.
        if !(t.ends_with(',') || ends_with_conjunction(doc, t)) {
            break;
        }
        t = t.trim_end_matches(',').trim_end();
    }
    out.reverse();
    out
}

fn ends_with_conjunction(doc: &Doc<'_>, t: &str) -> bool {
    let word_start = t.rfind([' ', '\n']).map_or(0, |i| i + 1);
    let word = t.get(word_start..).unwrap_or("");
    doc.g.conjunctions.matches_whole(word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Text;

    fn p(s: &str) -> Vec<(StructureUnit, Vec<String>)> {
        let g = crate::grammar::for_tests();
        let t = Text::identity(s);
        let doc = Doc::new(&t, g);
        path(&doc, t.as_str())
            .unwrap_or_default()
            .into_iter()
            .map(|x| {
                (
                    x.unit.value,
                    x.numbers.into_iter().map(|n| n.value).collect(),
                )
            })
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

    #[test]
    fn hyphenated_numbers_are_one_number() {
        use StructureUnit::*;
        assert_eq!(p("пункт 5-1 изложить"), [(Point, vec!["5-1".into()])]);
        assert_eq!(
            p("дополнить подпунктом 3-2) следующего содержания"),
            [(Subpoint, vec!["3-2)".into()])]
        );
        assert_eq!(
            p("5-1-тармақ алып тасталсын"),
            [(Point, vec!["5-1".into()])]
        );
    }

    #[test]
    fn lists_before_and_after_with_conjunctions() {
        use StructureUnit::*;
        assert_eq!(
            p("1-тармақ 19), 20) тармақшалармен толықтырылсын"),
            [
                (Point, vec!["1".into()]),
                (Subpoint, vec!["19)".into(), "20)".into()])
            ]
        );
        assert_eq!(
            p("пункты 19 и 20 исключить"),
            [(Point, vec!["19".into(), "20".into()])]
        );
        assert_eq!(
            p("19 және 20 тармақтар алып тасталсын"),
            [(Point, vec!["19".into(), "20".into()])]
        );
    }

    #[test]
    fn a_number_belongs_to_one_unit() {
        use StructureUnit::*;
        // "пункта" has no number of its own: "17)" is the subpoint's.
        let got = p("подпункт 17) пункта изложить");
        assert!(got.is_empty(), "{got:?}");
        assert_eq!(
            p("подпункт 17) пункта 1 изложить"),
            [(Point, vec!["1".into()]), (Subpoint, vec!["17)".into()])]
        );
    }

    #[test]
    fn a_unit_without_a_number_is_not_dropped() {
        let g = crate::grammar::for_tests();
        for s in [
            "абзац второй пункта 5 изложить",
            "пункт 1 дополнить абзацем следующего содержания",
        ] {
            let t = Text::identity(s);
            let doc = Doc::new(&t, g);
            assert!(path(&doc, t.as_str()).is_err(), "{s}");
        }
    }

    fn named(f: fn(&Doc<'_>, &str) -> Option<Spanned<String>>, s: &str) -> Option<String> {
        let g = crate::grammar::for_tests();
        let t = Text::identity(s);
        let doc = Doc::new(&t, g);
        f(&doc, t.as_str()).map(|n| n.value)
    }

    #[test]
    fn the_regulation_named_before_or_after_its_phrase() {
        let name = Some("Жұмыс іздеуші адамдарды тіркеу".to_string());
        assert_eq!(
            named(
                regulation_context,
                "\"Жұмыс іздеуші адамдарды тіркеу\" мемлекеттік көрсетілетін қызмет регламентінде:"
            ),
            name
        );
        assert_eq!(
            named(
                regulation_operand,
                "\"Жұмыс іздеуші адамдарды тіркеу\" мемлекеттік көрсетілетін қызмет регламенті осы қаулыға 1-қосымшаға сәйкес жаңа редакцияда жазылсын"
            ),
            name
        );
        assert_eq!(
            named(
                regulation_context,
                "в регламенте государственной услуги \"Регистрация лиц, ищущих работу\", утвержденном указанным постановлением:"
            ),
            Some("Регистрация лиц, ищущих работу".to_string())
        );
        // Without its colon a line is not a context.
        assert_eq!(
            named(
                regulation_context,
                "в регламенте государственной услуги \"Регистрация\" пункт 3 изложить"
            ),
            None
        );
    }

    #[test]
    fn a_kazakh_context_line_has_no_preposition() {
        let g = crate::grammar::for_tests();
        let t = Text::identity("1-тармақта:");
        let doc = Doc::new(&t, g);
        let got = unit_context(&doc, t.as_str())
            .and_then(Result::ok)
            .map(|p| {
                p.into_iter()
                    .map(|x| {
                        (
                            x.unit.value,
                            x.numbers.into_iter().map(|n| n.value).collect::<Vec<_>>(),
                        )
                    })
                    .collect::<Vec<_>>()
            });
        assert_eq!(
            got,
            Some(vec![(StructureUnit::Point, vec!["1".to_string()])])
        );
    }

    #[test]
    fn unit_words_in_quotes_are_not_the_path() {
        use StructureUnit::*;
        assert_eq!(
            p("пункт 2 регламента \"Выдача справки о пункте назначения\" изложить"),
            [(Point, vec!["2".into()])]
        );
    }
}
