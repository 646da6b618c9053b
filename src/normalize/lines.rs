//! Pass 1: lines. Unify line breaks, take markdown markup off, and record
//! what the layout says about each line before the layout is lost.
//!
//! After this pass the number of lines is fixed: later passes edit within
//! lines, so `LineInfo` stays aligned with `text.lines()`.

use super::line_ranges;
use crate::source::{Format, entity_len};
use crate::text::{Builder, Text};

/// Layout facts about one line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LineInfo {
    /// Leading whitespace characters (paragraph indentation in PDF text).
    pub indent: usize,
    /// A markdown heading (`## …`).
    pub heading: bool,
    /// Inside a blockquote (`> …`).
    pub quote: bool,
    /// A markdown list item (`- …`).
    pub list: bool,
    /// A block of its own (HTML block, table row): starts a paragraph,
    /// which only the continuation rule may join to the one before.
    pub block: bool,
}

/// Run pass 1.
pub fn prepare(text: &Text, format: Format) -> (Text, Vec<LineInfo>) {
    let text = text.edit(|b| unify_breaks(b, format == Format::Markdown));
    match format {
        Format::Markdown => strip_markdown(&text),
        Format::Text | Format::Html => {
            let infos = line_ranges(text.as_str())
                .map(|r| LineInfo {
                    indent: indent_of(text.as_str().get(r).unwrap_or("")),
                    block: format == Format::Html,
                    ..LineInfo::default()
                })
                .collect();
            (text, infos)
        }
    }
}

fn indent_of(line: &str) -> usize {
    line.chars().take_while(|c| c.is_whitespace()).count()
}

/// `\r\n` and `\r` become `\n`; a form feed (page break) a blank line. In
/// markdown, block-level HTML tags (`<table>`, `<tr>`, `<td>`, `<br>`)
/// become line breaks and other inline tags (`<a id="…">`) vanish.
fn unify_breaks(b: &mut Builder<'_>, markdown: bool) {
    let input = b.input();
    let mut at = 0;
    while let Some(rest) = input.as_bytes().get(at..).filter(|r| !r.is_empty()) {
        // A stretch with no byte that can start a break or a tag is copied
        // whole (0xC2 and 0xE2 lead U+0085 and U+2028/U+2029).
        let plain = rest
            .iter()
            .position(|&x| matches!(x, b'\r' | 0x0B | 0x0C | 0xC2 | 0xE2 | b'<'))
            .unwrap_or(rest.len());
        if plain > 0 {
            b.copy(at..at + plain);
            at += plain;
            continue;
        }
        let Some(c) = input.get(at..).and_then(|s| s.chars().next()) else {
            break;
        };
        let w = c.len_utf8();
        match c {
            '\r' => {
                let crlf = input.get(at + 1..at + 2) == Some("\n");
                let end = if crlf { at + 2 } else { at + 1 };
                b.replace("\n", at..end);
                at = end;
            }
            '\u{0C}' => {
                b.replace("\n\n", at..at + 1);
                at += 1;
            }
            '\u{0B}' | '\u{2028}' | '\u{2029}' | '\u{85}' => {
                b.replace("\n", at..at + w);
                at += w;
            }
            '<' if markdown => match html_tag(input, at) {
                Some((end, block)) => {
                    if block {
                        b.replace("\n", at..end);
                    }
                    at = end;
                }
                None => {
                    b.copy(at..at + 1);
                    at += 1;
                }
            },
            _ => {
                b.copy(at..at + w);
                at += w;
            }
        }
    }
}

/// An HTML tag at `at` in markdown: `(end, is_block)`.
fn html_tag(s: &str, at: usize) -> Option<(usize, bool)> {
    let rest = s.get(at + 1..)?;
    let name_start = rest.strip_prefix('/').unwrap_or(rest);
    // A tag name starts with a letter ("сумма <10 и >5" is text), and a
    // tag is short: look for its end nearby, never across a line.
    if !name_start.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let name: String = name_start
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    let window = rest
        .get(..crate::text::floor_char_boundary(rest, MAX_TAG))
        .unwrap_or(rest);
    let gt = window
        .find(['>', '\n'])
        .filter(|&i| window.get(i..).is_some_and(|r| r.starts_with('>')))?;
    let block = matches!(
        name.as_str(),
        "table" | "tr" | "td" | "th" | "br" | "p" | "div" | "li" | "thead" | "tbody"
    );
    Some((at + 1 + gt + 1, block))
}

/// Strip markdown line markers and inline markup, recording line facts.
fn strip_markdown(text: &Text) -> (Text, Vec<LineInfo>) {
    let mut infos = Vec::new();
    let out = text.edit(|b| {
        let input = b.input();
        let mut first = true;
        for r in line_ranges(input) {
            if !first {
                b.copy(r.start - 1..r.start);
            }
            first = false;
            infos.push(markdown_line(b, r.start, r.end));
        }
    });
    (out, infos)
}

/// One markdown line: block markers first (`>`, `#`, `-`, `|`), then
/// inline markup.
fn markdown_line(b: &mut Builder<'_>, start: usize, end: usize) -> LineInfo {
    let input = b.input();
    let line = input.get(start..end).unwrap_or("");
    let mut info = LineInfo {
        indent: indent_of(line),
        ..LineInfo::default()
    };
    let mut at = start + (line.len() - line.trim_start().len());
    loop {
        let rest = input.get(at..end).unwrap_or("");
        if let Some(r) = rest.strip_prefix('>') {
            info.quote = true;
            at = end - r.trim_start().len();
        } else {
            break;
        }
    }
    let rest = input.get(at..end).unwrap_or("");
    let hashes = rest.chars().take_while(|&c| c == '#').count();
    if (1..=6).contains(&hashes) && rest.get(hashes..).is_some_and(|r| r.starts_with(' ')) {
        info.heading = true;
        at += hashes + 1;
    }
    let rest = input.get(at..end).unwrap_or("");
    if rest.len() > 2 && matches!(rest.get(..2), Some("- " | "* " | "+ ")) {
        info.list = true;
        at += 2;
    }
    let rest = input.get(at..end).unwrap_or("");
    if rest.starts_with('|') {
        info.block = true;
        table_row(b, at, end);
        return info;
    }
    inline_markdown(b, at, end);
    info
}

/// A pipe-table row: cells separated by spaces; a `|---|` rule vanishes.
fn table_row(b: &mut Builder<'_>, start: usize, end: usize) {
    let input = b.input();
    let row = input.get(start..end).unwrap_or("");
    if row.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
        return;
    }
    let mut cell_start = start;
    for (i, c) in row.char_indices() {
        if c == '|' {
            inline_markdown(b, cell_start, start + i);
            b.replace(" ", start + i..start + i + 1);
            cell_start = start + i + 1;
        }
    }
    inline_markdown(b, cell_start, end);
}

/// Emphasis markers, links `[text](url)`, escapes and entities.
fn inline_markdown(b: &mut Builder<'_>, start: usize, end: usize) {
    let input = b.input();
    let mut at = start;
    while at < end {
        let Some(c) = input.get(at..end).and_then(|s| s.chars().next()) else {
            break;
        };
        let w = c.len_utf8();
        match c {
            // Emphasis: legal texts never use a literal asterisk.
            '*' => at += 1,
            '\\' => match input.get(at + 1..end).and_then(|s| s.chars().next()) {
                Some(p) if p.is_ascii_punctuation() => {
                    b.copy(at + 1..at + 2);
                    at += 2;
                }
                _ => {
                    b.copy(at..at + 1);
                    at += 1;
                }
            },
            '[' => match link(input, at, end) {
                Some((text, after)) => {
                    inline_markdown(b, text.start, text.end);
                    at = after;
                }
                None => {
                    b.copy(at..at + 1);
                    at += 1;
                }
            },
            '&' => match input.get(at..end).and_then(entity_len) {
                Some(len) => {
                    let raw = input.get(at..at + len).unwrap_or("");
                    // An entity must not add a line (`&#10;`): lines are counted.
                    let decoded = html_escape::decode_html_entities(raw)
                        .replace(['\n', '\r', '\u{2028}', '\u{2029}', '\u{85}'], " ");
                    b.replace(&decoded, at..at + len);
                    at += len;
                }
                None => {
                    b.copy(at..at + 1);
                    at += 1;
                }
            },
            _ => {
                b.copy(at..at + w);
                at += w;
            }
        }
    }
}

/// `[text](url)` at `at`: the text's range and the offset after `)`.
fn link(s: &str, at: usize, end: usize) -> Option<(std::ops::Range<usize>, usize)> {
    let line = s.get(at..end)?;
    let rest = line
        .get(..crate::text::floor_char_boundary(line, MAX_LINK))
        .unwrap_or(line);
    // The text ends at the first "]" (a "[" before it means no link here).
    let close = rest.get(1..)?.find(['[', ']'])? + 1;
    if !rest.get(close..)?.starts_with("](") {
        return None;
    }
    let url_end = rest.get(close + 2..)?.find([')', ' '])? + close + 2;
    rest.get(url_end..)?
        .starts_with(')')
        .then_some((at + 1..at + close, at + url_end + 1))
}

/// How far a markdown tag or link may reach.
const MAX_TAG: usize = 256;
const MAX_LINK: usize = 2048;

#[cfg(test)]
mod tests {
    use super::*;

    fn md(s: &str) -> (String, Vec<LineInfo>) {
        let (t, i) = prepare(&Text::identity(s), Format::Markdown);
        (t.as_str().to_string(), i)
    }

    /// Issue 8: markdown read `&#x41;` as text, while HTML decoded it.
    #[test]
    fn markdown_decodes_the_entities_html_does() {
        let (t, _) = md("&#65;&#x42;&#X43;&nbsp;&#;&#x; & x");
        assert_eq!(t, "ABC\u{a0}&#;&#x; & x");
        // A reference is read within its line only.
        let (t, _) = md("&#x4\n1;");
        assert_eq!(t, "&#x4\n1;");
    }

    #[test]
    fn markdown_markup_comes_off() {
        let (t, info) = md(
            "## **2. Описание**\n> *Сноска. Утратило силу*\n- 1) канцелярию;\n2) [www.egov.kz](http://www.egov.kz) (далее)",
        );
        assert_eq!(
            t,
            "2. Описание\nСноска. Утратило силу\n1) канцелярию;\n2) www.egov.kz (далее)"
        );
        assert!(info.first().is_some_and(|i| i.heading));
        assert!(info.get(1).is_some_and(|i| i.quote));
        assert!(info.get(2).is_some_and(|i| i.list));
    }

    #[test]
    fn anchors_vanish_and_table_cells_split() {
        let (t, _) =
            md("<a id=\"z1\"></a>Текст<table><tr><td>Аким</td><td>Б. Байбек</td></tr></table>");
        let lines: Vec<&str> = t.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(lines, ["Текст", "Аким", "Б. Байбек"]);
    }

    #[test]
    fn text_records_indentation() {
        let (t, info) = prepare(
            &Text::identity("      1. Пункт\r\nпродолжение\u{0C}Приложение"),
            Format::Text,
        );
        assert_eq!(t.as_str(), "      1. Пункт\nпродолжение\n\nПриложение");
        let indents: Vec<usize> = info.iter().map(|i| i.indent).collect();
        assert_eq!(indents, [6, 0, 0, 0]);
    }
}
