//! Pass 5: paragraphs. Lines become paragraphs; the output is canonical.
//!
//! Where a paragraph starts:
//! - markdown: after a blank line, at headings, list items, blockquote
//!   changes and table rows;
//! - HTML: at every block;
//! - hard-wrapped text (PDF; paragraphs are indented): at an indented line,
//!   after a blank line, at a heading word at the start of a line
//!   ("Приложение 1", "Утвержден", "Регламент", "Глава 2"), and after a
//!   signature line laid out in columns;
//! - other text: at every line.
//!
//! Then one filter for all: a break is cancelled when the paragraph so far
//! does not end a sentence and the next line continues it: it starts with a
//! lower-case letter, a bracket, punctuation, `№`, a closing quote, a
//! number that is not an item number ("2014 года", not "1." or "1)"), or
//! the country's name in the genitive (`[country] genitive`: "Республики
//! Казахстан" after "приказом Министра юстиции"). That is what joins a service title
//! split across a page break, and because the filter alone decides breaks
//! between blank-separated lines, canonical text normalizes to itself.
//!
//! Inside a paragraph lines join with one space; spaces collapse; no space
//! stands before `, ; : . )`, after `(`, inside quotes.

use super::{LineInfo, line_ranges};
use crate::grammar::Grammar;
use crate::source::Format;
use crate::text::{Builder, Text};
use std::ops::Range;

struct Line {
    /// The line without indentation and trailing spaces.
    content: Range<usize>,
    info: LineInfo,
    blank_before: bool,
}

/// Run pass 5.
pub fn paragraphs(text: &Text, layout: &[LineInfo], format: Format, grammar: &Grammar) -> Text {
    let input = text.as_str();
    let lines = content_lines(input, layout);
    let hard_wrapped = format == Format::Text
        && layout.iter().filter(|l| l.indent >= 2).count() * 10 >= layout.len().max(1);
    let mut groups: Vec<Vec<&Line>> = Vec::new();
    // The last group ended with a closing quote on a line of its own.
    let mut closed = false;
    // Quotes since the last line ending in ":" (which introduces a
    // wording): odd while a quoted wording is open.
    let mut quotes = 0usize;
    for (i, line) in lines.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|j| lines.get(j));
        let starts = closed
            || match prev {
                None => true,
                Some(p) => starts_paragraph(input, p, line, format, hard_wrapped, grammar),
            };
        let s = line_str(input, line);
        let closes = prev.is_some() && closing_quote_line(s, quotes);
        quotes = if s.trim_end().ends_with(':') {
            0
        } else {
            quotes + s.matches('"').count()
        };
        let current = groups.last().map(|g| last_line(input, g));
        let continues = !closed
            && current.is_some_and(|c| {
                !ends_sentence(c)
                    && (continues_sentence(input, line) && !unit_label(input, line, grammar)
                        || genitive_country(input, line, grammar))
            });
        match groups.last_mut() {
            Some(g) if closes || !starts || continues => g.push(line),
            _ => groups.push(vec![line]),
        }
        closed = closes;
    }
    // Every group has a non-blank line, so no paragraph comes out empty.
    text.edit(|b| {
        for (gi, group) in groups.iter().enumerate() {
            if gi > 0 {
                let at = group.first().map_or(0, |l| l.content.start);
                separate(b, at);
            }
            emit_paragraph(b, group);
        }
    })
}

fn content_lines(input: &str, layout: &[LineInfo]) -> Vec<Line> {
    let mut out = Vec::new();
    let mut blank = false;
    for (i, r) in line_ranges(input).enumerate() {
        let s = input.get(r.clone()).unwrap_or("");
        let trimmed = s.trim();
        if trimmed.is_empty()
            || trimmed.chars().all(|c| c == '-' || c == '_' || c == ' ') && trimmed.len() < 2
        {
            blank = true;
            continue;
        }
        let lead = s.len() - s.trim_start().len();
        let content = r.start + lead..r.start + lead + trimmed.len();
        out.push(Line {
            content,
            info: layout.get(i).copied().unwrap_or_default(),
            blank_before: blank,
        });
        blank = false;
    }
    out
}

fn line_str<'a>(input: &'a str, l: &Line) -> &'a str {
    input.get(l.content.clone()).unwrap_or("")
}

/// The last line of a paragraph being built: where its sentence ends.
fn last_line<'a>(input: &'a str, g: &[&Line]) -> &'a str {
    g.last().map_or("", |l| line_str(input, l))
}

fn starts_paragraph(
    input: &str,
    prev: &Line,
    line: &Line,
    format: Format,
    hard_wrapped: bool,
    grammar: &Grammar,
) -> bool {
    match format {
        Format::Html => true,
        Format::Markdown => {
            line.blank_before
                || line.info.heading
                || prev.info.heading
                || line.info.list
                || line.info.quote != prev.info.quote
                || line.info.block
                || prev.info.block
        }
        Format::Text if !hard_wrapped => true,
        Format::Text => {
            line.blank_before
                || line.info.indent >= 2
                || heading_word(line_str(input, line), grammar)
                || badge(line_str(input, prev), grammar)
                || columns(input, prev)
        }
    }
}

/// A heading word at the start of a line: "Приложение 1", "Утвержден",
/// "Регламент" (alone or before "государственной услуги"), "Глава 2".
fn heading_word(s: &str, g: &Grammar) -> bool {
    if badge(s, g) {
        return true;
    }
    let followed_by_number = |len: usize| {
        s.get(len..).is_some_and(|r| {
            r.trim_start().starts_with(|c: char| c.is_ascii_digit()) || r.trim().is_empty()
        })
    };
    if let Some((_, len)) = g.appendix_heading.at_start(s) {
        return followed_by_number(len);
    }
    if let Some((_, len)) = g.approved.at_start(s) {
        return s
            .get(len..)
            .is_some_and(|r| r.trim().is_empty() || g.kinds.at_start(r.trim_start()).is_some());
    }
    if g.regulation_title.at_start(s).is_some() {
        return true;
    }
    if g.kinds.whole(s) == Some(crate::record::ActKind::Regulation) {
        return true;
    }
    if let Some((crate::record::StructureUnit::Chapter, len)) = g.structure.at_start(s) {
        return s
            .get(len..)
            .is_some_and(|r| r.trim_start().starts_with(|c: char| c.is_ascii_digit()));
    }
    false
}

/// The portal's status badge ("Утративший силу") stands alone.
fn badge(s: &str, g: &Grammar) -> bool {
    g.lost_force_label.matches_whole(s)
        || g.in_force_label.matches_whole(s)
        || g.not_in_force_label.matches_whole(s)
}

/// A line laid out in columns (a signature: position, wide gap, name).
fn columns(input: &str, l: &Line) -> bool {
    line_str(input, l).contains("     ")
}

/// A quote alone on its line that closes the quoted wording above it
/// ("»" while a quote is open, or "».", "»;"): it belongs to that
/// paragraph, not to the line after it. `open` counts the quotes since the
/// wording's introduction.
fn closing_quote_line(s: &str, open: usize) -> bool {
    s.strip_prefix('"').is_some_and(|rest| {
        rest.chars().all(|c| matches!(c, '.' | ';' | ',')) && (!rest.is_empty() || open % 2 == 1)
    })
}

/// Whether a paragraph ends a sentence; a closing quote after the stop
/// (`… объединениями."`) does not reopen it.
fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end();
    let stop = ['.', ';', ':', '!', '?'];
    t.ends_with(stop) || t.strip_suffix('"').is_some_and(|t| t.ends_with(stop))
}

/// Does this line continue an unfinished sentence?
fn continues_sentence(input: &str, line: &Line) -> bool {
    let s = line_str(input, line);
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let second = chars.next();
    match first {
        c if c.is_lowercase() => true,
        '(' | ')' | ',' | ';' | '.' | ':' | '№' => true,
        // A closing quote continues; an opening one starts something new.
        '"' => second.is_none_or(|c| !crate::text::is_letter_or_digit(c)),
        c if c.is_ascii_digit() => {
            // "2014 года" continues; "1.", "1)" and "5-1." start items
            // (the item-number rule says which).
            crate::numbering::marked_number(s).is_err() && second.is_some()
        }
        _ => false,
    }
}

/// A Kazakh unit label opening a line ("1-бап.", "2-тарау. …") starts an
/// item even after a line that ends no sentence (a law's title).
fn unit_label(input: &str, line: &Line, g: &Grammar) -> bool {
    crate::numbering::item_number(g, line_str(input, line))
        .is_ok_and(|(_, n)| matches!(n.mark, crate::numbering::Mark::Unit(_)))
}

/// "Республики Казахстан" opening a line continues a name broken before
/// it ("приказ Министра здравоохранения" / "Республики Казахстан от …").
fn genitive_country(input: &str, line: &Line, g: &Grammar) -> bool {
    g.country_genitive.at_start(line_str(input, line)).is_some()
}

/// Emit one paragraph: its lines joined, spaces normalized.
fn emit_paragraph(b: &mut Builder<'_>, group: &[&Line]) {
    let input = b.input();
    let start = b.output().len();
    let mut pending: Option<usize> = None; // offset of a pending space
    let mut quotes = 0usize;
    for (li, line) in group.iter().enumerate() {
        if b.output().len() > start {
            pending.get_or_insert(line.content.start.saturating_sub(1));
        }
        let s = input.get(line.content.clone()).unwrap_or("");
        let next_line = group.get(li + 1).and_then(|l| input.get(l.content.clone()));
        let mut i = 0;
        while let Some(c) = s.get(i..).and_then(|r| r.chars().next()) {
            let at = line.content.start + i;
            if c == ' ' {
                pending.get_or_insert(at);
                i += 1;
                continue;
            }
            if let Some(sp) = pending.take() {
                let rest = s.get(i + c.len_utf8()..).unwrap_or("");
                let after = After {
                    // At a line's end the paragraph goes on: a join is a space.
                    next: rest.chars().next().or(next_line.map(|_| ' ')),
                    visible: rest
                        .trim_start()
                        .chars()
                        .next()
                        .or_else(|| next_line.and_then(|l| l.chars().next())),
                };
                let out = b.output().get(start..).unwrap_or("");
                if space_allowed(out, c, after, quotes % 2 == 1) {
                    space(b, sp);
                }
            }
            // The word up to the next space is copied whole.
            let word = s.get(i..).map_or("", |r| r.split(' ').next().unwrap_or(r));
            quotes += word.bytes().filter(|&x| x == b'"').count();
            b.copy(at..at + word.len());
            i += word.len();
        }
    }
}

/// Emit the blank line that ends a paragraph before `at`. Where the text
/// already has one, it is kept as it is (mapped to itself, so canonical
/// text passes through unchanged and keeps its map).
fn separate(b: &mut Builder<'_>, at: usize) {
    let before = at.saturating_sub(2)..at;
    if b.input().get(before.clone()) == Some("\n\n") {
        b.copy(before);
    } else {
        b.insert("\n\n", at);
    }
}

/// Emit the one space that stands for the gap starting at `sp`: the space
/// itself where it is one, else the line break or first space it replaces.
fn space(b: &mut Builder<'_>, sp: usize) {
    if b.input().get(sp..sp + 1) == Some(" ") {
        b.copy(sp..sp + 1);
    } else {
        b.replace(" ", sp..sp + 1);
    }
}

/// What follows the character after a space: the very next character,
/// and the next one that is not a space (spaces before punctuation go).
#[derive(Debug, Clone, Copy)]
struct After {
    next: Option<char>,
    visible: Option<char>,
}

/// Whether a space may stand after `out` (the paragraph so far) and before
/// `next`. `inside_quotes` (an odd number of quotes so far) decides a quote
/// with spaces on both sides.
fn space_allowed(out: &str, next: char, after: After, inside_quotes: bool) -> bool {
    let mut tail = out.chars().rev();
    let Some(prev) = tail.next() else {
        return false;
    };
    let before_prev = tail.next();
    if matches!(next, ',' | ';' | ':' | ')' | '.') || prev == '(' {
        return false;
    }
    // An opening quote (after a space or bracket, or first) hugs its word.
    if prev == '"' && before_prev.is_none_or(|c| c == ' ' || c == '(') {
        return false;
    }
    // A closing quote hugs the word before it.
    let punct = |c: char| matches!(c, ',' | ';' | ':' | ')' | '.');
    let closing = after.visible.is_none_or(punct) || (after.next == Some(' ') && inside_quotes);
    let ends_text =
        crate::text::is_letter_or_digit(prev) || matches!(prev, '.' | ';' | '!' | '?' | ')');
    if next == '"' && closing && ends_text {
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str, format: Format) -> Vec<String> {
        let g = crate::grammar::for_tests();
        let t = Text::identity(s);
        let layout: Vec<LineInfo> = s
            .split('\n')
            .map(|l| LineInfo {
                indent: l.chars().take_while(|&c| c == ' ').count(),
                ..LineInfo::default()
            })
            .collect();
        let out = paragraphs(&t, &layout, format, g);
        out.as_str().split("\n\n").map(str::to_string).collect()
    }

    #[test]
    fn a_lone_closing_quote_ends_its_wording() {
        let got = run(
            "строку\n\"\n312\nСубсидии.\n\"\nизложить в следующей редакции:\n\"\n312\nСубсидии.\n\".",
            Format::Text,
        );
        assert_eq!(
            got,
            [
                // "строку «312 …»": the opening quote continues the line.
                "строку \"312",
                "Субсидии.\"",
                "изложить в следующей редакции:",
                "\"312",
                "Субсидии.\"."
            ]
        );
    }

    #[test]
    fn pdf_lines_join_and_page_breaks_heal() {
        let s = "      1. Государственная услуга оказывается отделами занятости и социальных \nпрограмм районов.\nРегламент\nгосударственной услуги \"Оформление документов\n\n\n\nна оказание специальных социальных услуг в\nмедико-социальных учреждениях (организациях)\"\n\n1. Общие положения";
        assert_eq!(
            run(s, Format::Text),
            [
                "1. Государственная услуга оказывается отделами занятости и социальных программ районов.",
                "Регламент государственной услуги \"Оформление документов на оказание специальных социальных услуг в медико-социальных учреждениях (организациях)\"",
                "1. Общие положения",
            ]
        );
    }

    #[test]
    fn spaces_around_punctuation_and_quotes() {
        let s = "      выдача \" Справки \" ( далее - Стандарт ) .\n      2 (\nдвух) минут\n.";
        assert_eq!(
            run(s, Format::Text),
            ["выдача \"Справки\" (далее - Стандарт).", "2 (двух) минут."]
        );
    }

    #[test]
    fn signature_columns_end_a_paragraph() {
        let s = "      Аким области                     Н. Ногаев\nУтвержден\nпостановлением акимата\n      1. Текст";
        assert_eq!(
            run(s, Format::Text),
            [
                "Аким области Н. Ногаев",
                "Утвержден постановлением акимата",
                "1. Текст"
            ]
        );
    }

    #[test]
    fn canonical_text_is_stable() {
        let s = "Регламент государственной услуги \"Выдача\"\n\n1. Общие положения\n\nАким области\n\nА.Кульгинов";
        let once = run(s, Format::Text).join("\n\n");
        assert_eq!(once, s);
    }
}
