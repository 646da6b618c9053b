//! Pass 4: displaced hyperlink words.
//!
//! PDF export of the official portal pulls a linked word out of its place,
//! leaving a hole, and appends it to the end of the line:
//!
//! ```text
//! Утратило силу  акимата города Алматы от 20.10.2020постановлением
//! в :пункте 1
//! ,  исключить;подпункты 4) 5)
//! ```
//!
//! The repair moves the word back when the evidence proves its place:
//! - the *suffix* (the moved text) is recognised by the grammar's link
//!   patterns (`[[displaced]]` in `grammar/*.toml`), or, for a word glued to
//!   a known word (`Казахстанместном`), by the document's vocabulary;
//! - each candidate *hole* is scored: structural evidence (a double space,
//!   a space before punctuation, an odd line start) and grammatical
//!   evidence (the link's governor on the left, its dependent on the right);
//! - a repair is made only when one hole is best and the evidence is proof:
//!   a structural hole with grammar behind it, governors on both sides, or
//!   a glued word (certainly displaced) with any evidence. Anything less is
//!   a warning diagnostic, and the text stays as it was.
//!
//! Only hard-wrapped text (paragraphs indented, as PDF exports are) is
//! examined: that is where these holes come from, and canonical text has no
//! indentation, which keeps normalization idempotent.

use super::{LineInfo, Vocabulary, line_ranges};
use crate::grammar::{DisplacedLink, Grammar};
use crate::record::{Code, Diagnostic};
use crate::text::{Builder, Text};
use std::ops::Range;

/// Run pass 4.
pub fn repair(
    text: &Text,
    layout: &[LineInfo],
    vocabulary: &Vocabulary,
    grammar: &Grammar,
    diagnostics: &mut Vec<Diagnostic>,
) -> Text {
    let modal = modal_indent(layout);
    if modal < 2 {
        return text.clone();
    }
    let input = text.as_str();
    let lines: Vec<Range<usize>> = line_ranges(input).collect();
    let mut plans = Vec::with_capacity(lines.len());
    let text_of = |r: &Range<usize>| input.get(r.clone()).unwrap_or("");
    let mut prev: Option<&str> = None;
    for (i, line) in lines.iter().enumerate() {
        // The neighbouring lines that have text (blank runs are page breaks).
        let next = lines
            .get(i + 1..)
            .unwrap_or(&[])
            .iter()
            .map(text_of)
            .find(|l| !l.trim().is_empty());
        let ctx = LineCtx {
            input,
            line: line.clone(),
            prev,
            next,
            modal,
            vocabulary,
            grammar,
        };
        let plan = ctx.plan();
        report(&plan, text, input, diagnostics);
        plans.push(plan);
        if !text_of(line).trim().is_empty() {
            prev = Some(text_of(line));
        }
    }
    text.edit(|b| {
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                b.copy(line.start - 1..line.start);
            }
            match plans.get(i) {
                Some(Plan::Repair(r)) => emit_repair(b, line, r),
                Some(Plan::Unplaced {
                    split_at: Some(at), ..
                }) => {
                    b.copy(line.start..*at);
                    b.insert(" ", *at);
                    b.copy(*at..line.end);
                }
                _ => b.copy(line.clone()),
            }
        }
    })
}

/// The longest token examined for a glued pair of words.
const MAX_GLUED_CHARS: usize = 48;

/// The most common non-zero indentation: PDF exports indent paragraphs.
fn modal_indent(layout: &[LineInfo]) -> usize {
    let mut counts = std::collections::BTreeMap::new();
    for l in layout.iter().filter(|l| l.indent > 0) {
        *counts.entry(l.indent).or_insert(0usize) += 1;
    }
    let lines = layout.len().max(1);
    counts
        .into_iter()
        .max_by_key(|&(_, n)| n)
        .filter(|&(_, n)| n * 10 >= lines) // at least a tenth of the lines
        .map_or(0, |(indent, _)| indent)
}

/// What to do with one line.
#[derive(Debug)]
enum Plan {
    Keep,
    Repair(Repair),
    Unplaced {
        suffix: Range<usize>,
        split_at: Option<usize>,
    },
}

#[derive(Debug)]
struct Repair {
    /// Where the moved text starts (it runs to the end of the line).
    suffix_start: usize,
    /// `(hole, unit)`: insert `input[unit]` at `hole`, in order.
    moves: Vec<(usize, Range<usize>)>,
    /// The unit is glued to the word after the hole (`11. О` + `писание`).
    glue_right: bool,
}

struct LineCtx<'a> {
    input: &'a str,
    line: Range<usize>,
    prev: Option<&'a str>,
    next: Option<&'a str>,
    modal: usize,
    vocabulary: &'a Vocabulary,
    grammar: &'a Grammar,
}

/// A recognised suffix: where it starts, its units, and which link each
/// unit matched (`None` for a vocabulary-proven free word).
struct Suffix<'g> {
    start: usize,
    units: Vec<(Range<usize>, Option<&'g DisplacedLink>)>,
    glued: bool,
}

/// A candidate hole and its evidence.
#[derive(Debug, Clone, Copy, Default)]
struct Hole {
    at: usize,
    structural: bool,
    left: bool,
    right: bool,
}

impl Hole {
    fn score(&self) -> u8 {
        2 * u8::from(self.structural) + u8::from(self.left) + u8::from(self.right)
    }
}

impl<'a> LineCtx<'a> {
    fn text(&self) -> &'a str {
        self.input.get(self.line.clone()).unwrap_or("")
    }

    fn indent(&self) -> usize {
        self.text().chars().take_while(|&c| c == ' ').count()
    }

    fn content_start(&self) -> usize {
        self.line.start + self.indent()
    }

    fn plan(&self) -> Plan {
        if let Some(p) = self.paragraph_head() {
            return p;
        }
        let Some(suffix) = self.suffix() else {
            return Plan::Keep;
        };
        if !suffix.glued && self.in_place(&suffix) {
            return Plan::Keep;
        }
        let holes = self.holes(&suffix);
        let free = suffix.units.first().is_some_and(|(_, l)| l.is_none());
        // Splitting a glued word is safe only where the glue is proven by
        // punctuation or digits, or by a link pattern; never for a free word.
        let split_at = (suffix.glued && !free).then_some(suffix.start);

        // Worth a warning: a certainly displaced word, or a real hole.
        let named = suffix
            .units
            .iter()
            .all(|(_, l)| l.is_some_and(|l| !l.generic));
        // A wildcard link (a title's first word) at a line end is common in
        // honest text; only a hole with grammar behind it makes it suspect.
        let suspicious = (suffix.glued && !free)
            || holes.iter().any(|h| {
                if named {
                    h.structural || h.score() >= 1
                } else {
                    h.structural && (h.left || h.right)
                }
            });
        let give_up = || {
            if suspicious {
                Plan::Unplaced {
                    suffix: suffix.start..self.line.end,
                    split_at,
                }
            } else {
                Plan::Keep
            }
        };
        if suffix.units.len() == 1 {
            let best = holes.iter().map(Hole::score).max().unwrap_or(0);
            let top: Vec<&Hole> = holes.iter().filter(|h| h.score() == best).collect();
            let [hole] = top.as_slice() else {
                return give_up();
            };
            let grammatical = hole.left || hole.right;
            let proven = if free {
                hole.structural && hole.at == self.content_start()
            } else {
                (hole.structural && grammatical)
                    || (hole.left && hole.right)
                    || (suffix.glued && best >= 1)
            };
            if !proven {
                return give_up();
            }
            let moves = suffix
                .units
                .iter()
                .map(|(u, _)| (hole.at, u.clone()))
                .collect();
            return Plan::Repair(Repair {
                suffix_start: suffix.start,
                moves,
                glue_right: false,
            });
        }
        // Several units (`подпункты 4) 5)`): one structural hole each, in order.
        let strong: Vec<&Hole> = holes.iter().filter(|h| h.structural).collect();
        if strong.len() != suffix.units.len()
            || !(suffix.glued || strong.first().is_some_and(|h| h.left || h.right))
        {
            return give_up();
        }
        let moves = strong
            .iter()
            .zip(&suffix.units)
            .map(|(h, (u, _))| (h.at, u.clone()))
            .collect();
        Plan::Repair(Repair {
            suffix_start: suffix.start,
            moves,
            glue_right: false,
        })
    }

    /// `писание порядка … (действий)       11. О`: a paragraph's number and
    /// first letter thrown to the end of its first line.
    fn paragraph_head(&self) -> Option<Plan> {
        let text = self.text();
        let content = text.trim_start();
        if !content.chars().next().is_some_and(char::is_lowercase) {
            return None;
        }
        let trimmed = content.trim_end();
        let (body, head) = trimmed.rsplit_once("   ")?;
        let head = head.trim();
        let (num, letters) = head.split_once(". ").or_else(|| head.split_once('.'))?;
        let letters = letters.trim();
        let ok = !num.is_empty()
            && num.chars().all(|c| c.is_ascii_digit())
            && (1..=3).contains(&letters.chars().count())
            && letters.chars().all(crate::text::is_letter)
            && letters.chars().next().is_some_and(char::is_uppercase);
        if !ok || body.trim().is_empty() {
            return None;
        }
        let first_word: String = content
            .chars()
            .take_while(|c| crate::text::is_letter(*c))
            .collect();
        if self.vocabulary.count(&format!("{letters}{first_word}")) == 0 {
            return None;
        }
        let head_start = self.line.start + text.rfind(head)?;
        let start = self.content_start();
        Some(Plan::Repair(Repair {
            suffix_start: head_start,
            moves: vec![(start, head_start..head_start + head.len())],
            glue_right: true,
        }))
    }

    /// The displaced text at the end of the line, if any.
    fn suffix(&self) -> Option<Suffix<'a>> {
        let text = self.text();
        let end = self.line.start + text.trim_end().len();
        let content = self.content_start();
        let found: Vec<Suffix<'a>> = self
            .suffix_starts(content, end)
            .into_iter()
            .filter_map(|(s, glued)| {
                Some(Suffix {
                    start: s,
                    units: self.segment(s, end)?,
                    glued,
                })
            })
            .collect();
        // The longest suffix of named links wins; a wildcard link (a quoted
        // title's first words) only when nothing named is there.
        let specific = |s: &Suffix<'_>| s.units.iter().all(|(_, l)| l.is_some_and(|l| !l.generic));
        let mut found = found.into_iter();
        let (named, generic): (Vec<_>, Vec<_>) = found.by_ref().partition(specific);
        named
            .into_iter()
            .next()
            .or_else(|| generic.into_iter().next())
            .or_else(|| self.vocabulary_split(content, end))
    }

    /// Candidate suffix starts, longest suffix first: token starts of the
    /// last few tokens, and glue points inside them.
    fn suffix_starts(&self, content: usize, end: usize) -> Vec<(usize, bool)> {
        let s = self.input.get(content..end).unwrap_or("");
        let mut token_starts: Vec<usize> = Vec::new();
        let mut prev_space = true;
        for (i, c) in s.char_indices() {
            if c != ' ' && prev_space {
                token_starts.push(content + i);
            }
            prev_space = c == ' ';
        }
        let from = token_starts.len().saturating_sub(5);
        let mut out = Vec::new();
        for (k, &ts) in token_starts.iter().enumerate().skip(from) {
            if ts > content {
                out.push((ts, false));
            }
            let te = token_starts.get(k + 1).copied().unwrap_or(end);
            let token = self.input.get(ts..te).unwrap_or("").trim_end();
            out.extend(glue_points(token).into_iter().map(|g| (ts + g, true)));
            out.extend(
                self.vocabulary_glue(token)
                    .into_iter()
                    .map(|g| (ts + g, true)),
            );
        }
        out.sort_unstable();
        out
    }

    /// Split `input[s..end]` into link units; all of it must be covered.
    fn segment(
        &self,
        s: usize,
        end: usize,
    ) -> Option<Vec<(Range<usize>, Option<&'a DisplacedLink>)>> {
        let mut units = Vec::new();
        let mut at = s;
        while at < end {
            let rest = self.input.get(at..end)?;
            let (link, len) = self
                .grammar
                .displaced
                .iter()
                .filter_map(|d| d.link.at_start(rest).map(|(_, len)| (d, len)))
                .filter(|&(_, len)| {
                    rest.get(len..)
                        .is_some_and(|r| r.is_empty() || r.starts_with(' '))
                })
                .max_by_key(|&(_, len)| len)?;
            // A unit is a word, not a stray quote.
            if !rest
                .get(..len)
                .is_some_and(|u| u.chars().any(crate::text::is_letter_or_digit))
            {
                return None;
            }
            units.push((at..at + len, Some(link)));
            at += len;
            at += self.input.get(at..end)?.len() - self.input.get(at..end)?.trim_start().len();
        }
        (!units.is_empty()).then_some(units)
    }

    /// Offsets where a token splits into a known word and the rest, while
    /// the whole token is unknown: `Стандарта|пунктом`, `Республики|приказом`.
    fn vocabulary_glue(&self, token: &str) -> Vec<usize> {
        // The same export error repeats in every regulation of an act, so
        // "unknown" means: much rarer than the word it starts with.
        let word = token
            .split(|c: char| !crate::text::is_letter(c))
            .next()
            .unwrap_or("");
        let whole = self.vocabulary.count(word);
        // Real glued pairs are two words; a longer token is not one, and
        // trying every split of it would cost its length squared.
        if !(6..=MAX_GLUED_CHARS).contains(&word.chars().count()) {
            return Vec::new();
        }
        word.char_indices()
            .skip(3)
            .filter(|&(k, _)| {
                let (p, rest) = (word.get(..k).unwrap_or(""), word.get(k..).unwrap_or(""));
                let known = self.vocabulary.count(p);
                rest.chars().count() >= 3
                    && known >= 2
                    && whole * 2 <= known
                    && p.chars().last().is_some_and(char::is_lowercase)
            })
            .map(|(k, _)| k)
            .collect()
    }

    /// `Казахстанместном` at the end of a line with an odd start: a known
    /// word glued to a free word (no link pattern), the whole unknown. Only
    /// the line start can take it, so only such lines are examined.
    fn vocabulary_split(&self, content: usize, end: usize) -> Option<Suffix<'a>> {
        let indent = self.indent();
        if indent == 0 || indent == self.modal {
            return None;
        }
        let s = self.input.get(content..end)?;
        let token_start = content + s.rfind(' ').map_or(0, |i| i + 1);
        let token = self.input.get(token_start..end)?;
        let chars = token.chars().count();
        if !token.chars().all(crate::text::is_letter)
            || chars > MAX_GLUED_CHARS
            || self.vocabulary.count(token) > 1
        {
            return None;
        }
        for (k, _) in token.char_indices().skip(3) {
            let (p, rest) = (token.get(..k)?, token.get(k..)?);
            if rest.chars().count() >= 3
                && self.vocabulary.count(p) >= 2
                && p.chars().last().is_some_and(char::is_lowercase)
            {
                let at = token_start + k;
                return Some(Suffix {
                    start: at,
                    units: vec![(at..end, None)],
                    glued: true,
                });
            }
        }
        None
    }

    /// A spaced suffix already governed where it stands is not displaced.
    fn in_place(&self, suffix: &Suffix<'_>) -> bool {
        let Some((_, Some(link))) = suffix.units.first() else {
            return false;
        };
        let before = self
            .input
            .get(self.line.start..suffix.start)
            .unwrap_or("")
            .trim_end();
        if ends_with_phrase(before, link) {
            return true;
        }
        let Some((_, Some(last))) = suffix.units.last() else {
            return false;
        };
        self.next
            .is_some_and(|n| last.right.at_start(n.trim_start()).is_some())
    }

    /// Every candidate hole before the suffix, with its evidence.
    fn holes(&self, suffix: &Suffix<'_>) -> Vec<Hole> {
        let (first_link, last_link) = match (suffix.units.first(), suffix.units.last()) {
            (Some((_, f)), Some((_, l))) => (*f, *l),
            _ => (None, None),
        };
        let content = self.content_start();
        let text = self.input.get(content..suffix.start).unwrap_or("");
        let mut holes = Vec::new();
        // The line start.
        let indent = self.indent();
        let odd_start = (indent != 0 && indent != self.modal)
            || text
                .chars()
                .next()
                .is_some_and(|c| matches!(c, ',' | ';' | ':' | '.' | ')'));
        let at_paragraph_start = self
            .prev
            .is_none_or(|p| p.trim_end().ends_with(['.', ';', ':']))
            || indent == self.modal;
        holes.push(Hole {
            at: content,
            structural: odd_start,
            left: first_link.is_some_and(|l| {
                (l.left_at_start && at_paragraph_start)
                    || self.prev.is_some_and(|p| ends_with_phrase(p.trim_end(), l))
            }),
            right: last_link.is_some_and(|l| l.right.at_start(text).is_some()),
        });
        // Gaps between tokens.
        let mut i = 0;
        let bytes = text.as_bytes();
        while i < bytes.len() {
            if bytes.get(i) != Some(&b' ') {
                i += 1;
                continue;
            }
            let run_start = i;
            while bytes.get(i) == Some(&b' ') {
                i += 1;
            }
            let run = i - run_start;
            let at = content + run_start + 1;
            if i >= bytes.len() {
                break; // the gap before the suffix: "already in place"
            }
            let next_char = text.get(i..).and_then(|r| r.chars().next());
            let before = text.get(..run_start).unwrap_or("");
            let after = text.get(i..).unwrap_or("");
            let punct_after = next_char.is_some_and(|c| matches!(c, ',' | ';' | ':' | '.' | ')'));
            holes.push(Hole {
                at,
                structural: run >= 2 || punct_after,
                left: first_link.is_some_and(|l| ends_with_phrase(before, l)),
                right: last_link.is_some_and(|l| l.right.at_start(after).is_some()),
            });
        }
        holes
    }
}

/// Whether `text` ends with one of the link's governing phrases.
fn ends_with_phrase(text: &str, link: &DisplacedLink) -> bool {
    let window_start = text.char_indices().rev().nth(60).map_or(0, |(i, _)| i);
    let window = text.get(window_start..).unwrap_or("");
    link.left.at_end(window).is_some()
}

/// Offsets inside a token where a displaced word may be glued on:
/// `2020|постановлением`, `:|пункте`, `;|"Регистрация`, `обучающимся|"Назначение`.
fn glue_points(token: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut chars = token.char_indices().peekable();
    let mut prev: Option<char> = None;
    while let Some((i, b)) = chars.next() {
        let c = chars.peek().map(|&(_, c)| c);
        let Some(a) = prev.replace(b) else { continue };
        let after_punct = (a.is_ascii_digit() || matches!(a, '.' | ',' | ';' | ':' | ')'))
            && (crate::text::is_letter(b) || b == '"' || b == '№');
        let quote_title =
            crate::text::is_letter(a) && b == '"' && c.is_some_and(char::is_uppercase);
        let case_change = a.is_lowercase() && b.is_uppercase();
        if after_punct || quote_title || case_change {
            out.push(i);
        }
    }
    out
}

fn emit_repair(b: &mut Builder<'_>, line: &Range<usize>, r: &Repair) {
    let input = b.input();
    let mut at = line.start;
    for (hole, unit) in &r.moves {
        b.copy(at..*hole);
        let out = b.output();
        if !r.glue_right && !out.is_empty() && !out.ends_with([' ', '\n']) {
            b.insert(" ", *hole);
        }
        b.copy(unit.clone());
        let next = input.get(*hole..).and_then(|s| s.chars().next());
        if r.glue_right {
            // `11. О` + `писание`: the letters join the word.
        } else if next.is_some_and(|c| crate::text::is_letter_or_digit(c) || c == '"' || c == '(') {
            b.insert(" ", *hole);
        }
        at = *hole;
    }
    b.copy(at..r.suffix_start.max(at));
}

fn report(plan: &Plan, text: &Text, input: &str, diagnostics: &mut Vec<Diagnostic>) {
    match plan {
        Plan::Repair(r) => {
            for (hole, unit) in &r.moves {
                let word = input.get(unit.clone()).unwrap_or("");
                let line_start = input
                    .get(..*hole)
                    .and_then(|s| s.rfind('\n'))
                    .map_or(0, |i| i + 1);
                let before: Vec<&str> = input
                    .get(line_start..*hole)
                    .unwrap_or("")
                    .split_whitespace()
                    .collect();
                let place = match before.len() {
                    0 => "at the start of its line".to_string(),
                    n => format!(
                        "after «{}»",
                        before.get(n.saturating_sub(3)..).unwrap_or(&[]).join(" ")
                    ),
                };
                diagnostics.push(Diagnostic::new(
                    Code::DisplacedWordRepaired,
                    format!("moved «{word}» back to its place {place}"),
                    text.source_span(unit.clone()),
                ));
            }
        }
        Plan::Unplaced { suffix, .. } => {
            let word = input.get(suffix.clone()).unwrap_or("").trim();
            diagnostics.push(Diagnostic::new(
                Code::DisplacedWordUnplaced,
                format!("«{word}» looks displaced to the end of its line, but its place cannot be proven; left where it is"),
                text.source_span(suffix.clone()),
            ));
        }
        Plan::Keep => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Repair `lines` as the body of an indented (PDF) text.
    fn fix(lines: &[&str]) -> Vec<String> {
        let g = crate::grammar::for_tests();
        // Indented filler first (the modal indent, and vocabulary), then the
        // lines under test, then a neutral line.
        let mut all = String::from(
            "      Республики Казахстан. Стандарта. Описание.\n      Республики Казахстан.\n      Описание порядка.\n",
        );
        all.push_str(&lines.join("\n"));
        all.push_str("\n      Конец.");
        let layout: Vec<LineInfo> = all
            .lines()
            .map(|l| LineInfo {
                indent: l.chars().take_while(|&c| c == ' ').count(),
                ..LineInfo::default()
            })
            .collect();
        let mut d = Vec::new();
        let t = repair(
            &Text::identity(all.as_str()),
            &layout,
            &Vocabulary::of(&all),
            g,
            &mut d,
        );
        t.as_str()
            .lines()
            .skip(3)
            .take(lines.len())
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    }

    #[test]
    fn glued_word_after_a_date() {
        assert_eq!(
            fix(&[
                "      Сноска. Утратило силу  акимата города Алматы от 20.10.2020постановлением"
            ]),
            ["Сноска. Утратило силу постановлением акимата города Алматы от 20.10.2020"]
        );
    }

    #[test]
    fn word_before_punctuation_hole() {
        assert_eq!(fix(&["      в :пункте 1"]), ["в пункте 1:"]);
    }

    #[test]
    fn two_units_two_holes() {
        assert_eq!(
            fix(&["      ,  исключить;подпункты 4) 5)"]),
            ["подпункты 4), 5) исключить;"]
        );
    }

    #[test]
    fn odd_line_start() {
        assert_eq!(
            fix(&["       изложить в следующей редакции:подпункт 6)"]),
            ["подпункт 6) изложить в следующей редакции:"]
        );
    }

    #[test]
    fn quoted_title_in_a_list() {
        assert_eq!(
            fix(&["      1)  и постановка на учет безработных граждан\";\"Регистрация"]),
            ["1) \"Регистрация и постановка на учет безработных граждан\";"]
        );
    }

    #[test]
    fn governors_on_both_sides_without_a_hole() {
        assert_eq!(
            fix(&[
                "      В соответствии с Республики Казахстан от 23 января 2001 года \"О Законом "
            ]),
            ["В соответствии с Законом Республики Казахстан от 23 января 2001 года \"О"]
        );
    }

    #[test]
    fn word_in_place_stays() {
        let line = "      Государственная услуга оказывается  в соответствии со стандартом";
        assert_eq!(
            fix(&[line]),
            [line.split_whitespace().collect::<Vec<_>>().join(" ")]
        );
    }

    #[test]
    fn paragraph_head() {
        assert_eq!(
            fix(&["писание порядка обращения (действий)       11. О"]),
            ["11. Описание порядка обращения (действий)"]
        );
    }

    #[test]
    fn unproven_is_left_alone() {
        // Only a right-hand dependent; no hole, no governor: not proof.
        let line =
            "      \", Республики Казахстан от 15 апреля 2013 года \"О государственных Законом";
        assert_eq!(
            fix(&[line]),
            [line.split_whitespace().collect::<Vec<_>>().join(" ")]
        );
    }
}
