//! The requirements table of a service: «Перечень основных требований к
//! оказанию государственной услуги» / «Мемлекеттік қызмет көрсетуге
//! қойылатын негізгі талаптардың тізбесі», the appendix of the 2020+ rules
//! (often headed «Стандарт государственной услуги «…»»). Each row is a
//! requirement's name and its content: the provider, the channels, the
//! term, the form, the result, the fee, the schedule, the documents, the
//! grounds for refusal, other requirements.
//!
//! Normalization flattens an HTML table one cell per paragraph, so a row
//! reads `N`, then the name, then the content's paragraphs. A row written
//! as one paragraph («Срок оказания государственной услуги 2 (два) рабочих
//! дня.», «3. Форма оказания …: электронная») has its name first. The names
//! are the grammar's (`[requirements]`), so a new wording is a data change.

use crate::grammar::Grammar;
use crate::segment::regulation::Regulation;
use crate::segment::{Block, Class};
use std::ops::Range;

/// The paragraphs of a service document's requirements table: those after
/// its heading in one of the document's own appendices, up to the next.
/// A standard is itself the list of requirements: its whole body, when no
/// table heads an appendix.
pub fn region(text: &str, rs: &Regulation, standard: bool, g: &Grammar) -> Vec<Range<usize>> {
    for appendix in &rs.appendices {
        let at = appendix
            .iter()
            .position(|(b, c)| is_heading(text.get(b.range.clone()).unwrap_or(""), c, g));
        if let Some(at) = at {
            return appendix
                .iter()
                .skip(at + 1)
                .map(|(b, _)| b.range.clone())
                .collect();
        }
    }
    if !standard {
        return Vec::new();
    }
    rs.chapters
        .iter()
        .flat_map(|c| {
            c.loose.iter().map(|(b, _)| b).chain(
                c.points
                    .iter()
                    .flat_map(|p| std::iter::once(&p.head).chain(p.items.iter().map(|(b, _)| b))),
            )
        })
        .map(|b: &Block| b.range.clone())
        .collect()
}

/// A table's heading: a standard's title («Стандарт государственной услуги
/// "…"») or «Перечень основных требований …» at its start (Russian) or
/// end (Kazakh). A heading is no sentence and no numbered point: the rules'
/// point that names the table («4. Перечень основных требований … приведен
/// в приложении 3») is not it.
fn is_heading(s: &str, class: &Class, g: &Grammar) -> bool {
    let t = s.trim_end();
    if t.len() > 2000
        || t.ends_with(['.', ';', ':'])
        || matches!(class, Class::Point | Class::Subpoint)
    {
        return false;
    }
    let standard = crate::segment::service_document(t, g).is_some_and(|k| k == "standard");
    let trimmed = t.trim_end_matches(|c: char| !crate::text::is_letter_or_digit(c));
    standard
        || g.requirements_heading.at_start(t).is_some()
        || g.requirements_heading.at_end(trimmed).is_some()
}

/// One requirement of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Its number, where written.
    pub n: Option<u32>,
    /// The requirement (`provider`, `term`, …), when the grammar knows
    /// its name; an unknown name is still a row, for a diagnostic.
    pub field: Option<String>,
    /// The name as written.
    pub name: Range<usize>,
    /// The content: the rest of the name's paragraph (a one-paragraph
    /// row), then each following paragraph up to the next row.
    pub content: Vec<Range<usize>>,
}

/// The rows in `paragraphs` (ranges of `text`, in order, the table's
/// region): every paragraph lands in exactly one row, or before the first.
pub fn rows(text: &str, paragraphs: &[Range<usize>], g: &Grammar) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    let mut i = 0;
    while let Some(p) = paragraphs.get(i) {
        let expected = rows.iter().rev().find_map(|r| r.n).map_or(1, |n| n + 1);
        let next = paragraphs.get(i + 1);
        if let Some(row) = numbered_cell(text, p, next, expected, g) {
            let after = paragraphs.get(i + 2).and_then(|q| text.get(q.clone()));
            rows.push(whole_name_cell(row, next, after));
            i += 2;
        } else if let Some(row) = one_paragraph(text, p, g) {
            rows.push(row);
            i += 1;
        } else {
            if let Some(last) = rows.last_mut() {
                last.content.push(p.clone());
            }
            i += 1;
        }
    }
    rows
}

/// A name cell with its own content after it is all name («Перечень
/// документов, необходимых для оказания государственной услуги»); only a
/// cell followed by the next row's number ran its content into its name.
fn whole_name_cell(row: Row, cell: Option<&Range<usize>>, after: Option<&str>) -> Row {
    let content_follows = after.is_some_and(|s| bare_number(s).is_none());
    match cell {
        Some(cell) if content_follows && !row.content.is_empty() => Row {
            name: cell.clone(),
            content: Vec::new(),
            ..row
        },
        _ => row,
    }
}

/// A bare row number («3», «3.»), in the paragraph that is only that.
fn bare_number(s: &str) -> Option<u32> {
    let s = s.trim().trim_end_matches(['.', ')']);
    if s.is_empty() || s.len() > 3 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// `N` as a paragraph of its own, then the name's paragraph: a flattened
/// table row. The number must be the next one, or the name a known one,
/// so that a number inside a cell's content does not start a row.
fn numbered_cell(
    text: &str,
    p: &Range<usize>,
    next: Option<&Range<usize>>,
    expected: u32,
    g: &Grammar,
) -> Option<Row> {
    let n = bare_number(text.get(p.clone())?)?;
    let cell = next?;
    let row = match named(text, cell, g) {
        Some(row) => row,
        None => Row {
            n: None,
            field: requirement_words(text.get(cell.clone())?, g),
            name: cell.clone(),
            content: Vec::new(),
        },
    };
    (n == expected || row.field.is_some()).then_some(Row { n: Some(n), ..row })
}

/// The requirement that the words of a name cell tell anywhere in it (a
/// Kazakh name puts them last: «… ақы мөлшері»).
fn requirement_words(name: &str, g: &Grammar) -> Option<String> {
    g.requirement_words.find(name).map(|(k, _)| k)
}

/// A paragraph that opens with a known name: the name (with its
/// parenthesis, «(каналы доступа)»), and the rest as content — a cell
/// whose content the export ran into its name, or a row in one paragraph.
fn named(text: &str, p: &Range<usize>, g: &Grammar) -> Option<Row> {
    let s = text.get(p.clone())?;
    let (field, len) = g.requirements.at_start(s)?;
    let mut name_end = p.start + len;
    let after = text.get(name_end..p.end)?;
    let gap = after.len() - after.trim_start().len();
    if after.trim_start().starts_with('(')
        && let Some(close) = after.find(')')
    {
        name_end += close + 1;
    } else if after.trim_start().is_empty() {
        name_end += gap;
    } else if let Some(colon) = name_colon(after) {
        // «8. График работы услугодателя: с понедельника …»: the name runs
        // to its colon.
        name_end += colon;
    }
    let rest = text.get(name_end..p.end)?;
    let lead = rest
        .find(|c: char| !(c.is_whitespace() || matches!(c, ':' | '-' | '–' | '—')))
        .unwrap_or(rest.len());
    let content = (name_end + lead < p.end).then_some(name_end + lead..p.end);
    Some(Row {
        n: None,
        field: Some(field),
        name: p.start..name_end,
        content: content.into_iter().collect(),
    })
}

/// Where a name that goes on past its opening words ends: at a colon
/// close after them, before any number or sentence end.
fn name_colon(after: &str) -> Option<usize> {
    let colon = after.find(':')?;
    let words = after.get(..colon)?;
    let plain = !words.contains(|c: char| c.is_ascii_digit() || matches!(c, '.' | ';'));
    (plain && words.chars().count() <= 120).then_some(colon)
}

/// A row in one paragraph: an optional number («3.»), a known name at the
/// start, then the content.
fn one_paragraph(text: &str, p: &Range<usize>, g: &Grammar) -> Option<Row> {
    let (n, skip) = leading_number(text.get(p.clone())?);
    let row = named(text, &(p.start + skip..p.end), g)?;
    Some(Row { n, ..row })
}

/// «3. » or «3) » at the start of `s`: the number and the bytes it takes.
fn leading_number(s: &str) -> (Option<u32>, usize) {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let rest = s.get(digits..).unwrap_or_default();
    match (digits, rest.chars().next()) {
        (1..=3, Some('.' | ')')) if rest.get(1..).is_some_and(|r| r.starts_with(' ')) => {
            let n = s.get(..digits).and_then(|d| d.parse().ok());
            (n, digits + 2)
        }
        _ => (None, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grammar() -> &'static Grammar {
        Grammar::builtin().unwrap_or_else(|e| panic!("{e}"))
    }

    /// Paragraphs of `text` split at blank lines.
    fn paragraphs(text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start = 0;
        for part in text.split("\n\n") {
            out.push(start..start + part.len());
            start += part.len() + 2;
        }
        out
    }

    /// A row as `(n, field, name, content)`, in words.
    type Read = (Option<u32>, Option<String>, String, Vec<String>);

    fn read(text: &str) -> Vec<Read> {
        rows(text, &paragraphs(text), grammar())
            .into_iter()
            .map(|r| {
                let s = |x: Range<usize>| text.get(x).unwrap_or_default().to_string();
                (
                    r.n,
                    r.field,
                    s(r.name),
                    r.content.into_iter().map(s).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn a_flattened_table_reads_row_by_row() {
        let text = "1\n\nНаименование услугодателя\n\nТерриториальные органы полиции\n\n2\n\nСпособы предоставления государственной услуги\n\nчерез: 1) Государственную корпорацию;\n\n2) портал.\n\n3\n\nСрок оказания государственной услуги\n\n1 (один) рабочий день";
        let rows = read(text);
        let fields: Vec<_> = rows.iter().map(|r| r.1.as_deref()).collect();
        assert_eq!(fields, [Some("provider"), Some("channels"), Some("term")]);
        assert_eq!(
            rows[1].3,
            ["через: 1) Государственную корпорацию;", "2) портал."]
        );
        assert_eq!(rows[2].0, Some(3));
    }

    #[test]
    fn a_number_inside_content_does_not_start_a_row() {
        let text = "1\n\nНаименование услугодателя\n\nМинистерство\n\n5\n\nего отделы\n\n2\n\nФорма оказания государственной услуги\n\nэлектронная";
        let rows = read(text);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].3, ["Министерство", "5", "его отделы"]);
    }

    #[test]
    fn a_row_in_one_paragraph_splits_name_and_content() {
        let rows = read(
            "Срок оказания государственной услуги 2 (два) рабочих дня.\n\n4. Форма оказания государственной услуги: электронная",
        );
        assert_eq!(rows[0].1.as_deref(), Some("term"));
        assert_eq!(rows[0].3, ["2 (два) рабочих дня."]);
        assert_eq!(rows[1].0, Some(4));
        assert_eq!(rows[1].2, "Форма оказания государственной услуги");
        assert_eq!(rows[1].3, ["электронная"]);
    }

    #[test]
    fn kazakh_names_are_read_by_their_words() {
        let text = "1\n\nКөрсетілетін қызметті берушінің атауы\n\nҚазақстан Республикасы Ауыл шаруашылығы министрлігі\n\n6\n\nМемлекеттік қызметті көрсету кезінде көрсетілетін қызметті алушыдан алынатын ақы мөлшері\n\nтегін\n\n8\n\nМемлекеттік қызметті көрсету үшін қажетті құжаттар тізбесі\n\nөтініш";
        let fields: Vec<_> = read(text).into_iter().map(|r| r.1).collect();
        assert_eq!(
            fields,
            [
                Some("provider".into()),
                Some("fee".into()),
                Some("documents".into())
            ]
        );
    }

    #[test]
    fn an_unknown_name_is_still_a_row() {
        let rows = read(
            "1\n\nНаименование услугодателя\n\nМинистерство\n\n2\n\nНечто новое\n\nсодержание",
        );
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].1, None);
        assert_eq!(rows[1].2, "Нечто новое");
    }

    /// The tables of the development rules (2020–2023), both languages:
    /// the region after the table's heading, read row by row. Wiring the
    /// rows into the record is the regulation parser's; this shows the
    /// grammar covers every row's name.
    #[test]
    fn the_development_rules_tables_name_every_row() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("corpus/kazakhstan-law/ministerial");
        // Russian headings open with these words; Kazakh ones end with them.
        let heads = [
            "стандарт государственной услуги",
            "перечень основных требований",
            "стандарты",
            "талаптардың тізбесі",
            "талаптар тізбесі",
        ];
        for folder in [
            "2020-0327-140854",
            "2020-0619-144367",
            "2020-1008-147299",
            "2021-0305-153229",
            "2023-1023-187609",
        ] {
            for file in ["rus.md", "kaz.md"] {
                let raw = std::fs::read_to_string(root.join(folder).join(file)).unwrap_or_default();
                let text = crate::normalize::normalize_str(
                    &raw,
                    crate::source::Format::Markdown,
                    grammar(),
                );
                let all = paragraphs(&text);
                let at = all.iter().position(|p| {
                    let s = text.get(p.clone()).unwrap_or_default().to_lowercase();
                    s.len() < 3000
                        && heads.iter().any(|h| s.starts_with(h) || s.trim_end().ends_with(h))
                        && !s.starts_with(|c: char| c.is_ascii_digit())
                        // A heading, not the rules' sentence that names it.
                        && !s.trim_end().ends_with('.')
                        && !s.contains("приложени")
                        && !s.contains("қосымша")
                });
                let Some(at) = at else {
                    panic!("{folder}/{file}: no table heading");
                };
                let region: Vec<Range<usize>> = all
                    .iter()
                    .skip(at + 1)
                    .take_while(|p| {
                        let s = text.get((*p).clone()).unwrap_or_default();
                        // The next appendix's stamp: «Приложение 2 к …» / «… 2-қосымша».
                        !(s.starts_with("Приложение") || s.trim_end().ends_with("қосымша"))
                    })
                    .cloned()
                    .collect();
                let rows = rows(&text, &region, grammar());
                let fields: Vec<&str> = rows
                    .iter()
                    .map(|r| r.field.as_deref().unwrap_or("?"))
                    .collect();
                for want in [
                    "provider",
                    "channels",
                    "term",
                    "form",
                    "result",
                    "fee",
                    "documents",
                ] {
                    assert!(
                        fields.contains(&want),
                        "{folder}/{file}: no {want} in {fields:?}"
                    );
                }
                let unknown: Vec<&str> = rows
                    .iter()
                    .filter(|r| r.field.is_none())
                    .map(|r| text.get(r.name.clone()).unwrap_or_default())
                    .collect();
                assert!(
                    unknown.is_empty(),
                    "{folder}/{file}: unknown row names {unknown:?}"
                );
            }
        }
    }
}
