//! The pipeline: decode → normalize → segment → parse → provision tree →
//! validate, each stage run once per text. Every caller (the CLI, the
//! registry, the tests) goes through here, so no stage is ever repeated
//! on the same text.
//!
//! Never fails on content: every problem is a diagnostic in the record.

use crate::error::Result;
use crate::grammar::Grammar;
use crate::normalize::Normalized;
use crate::parse::duration::DurationMatch;
use crate::parse::{Doc, act, amendment, approval, regulation};
use crate::record::{Act, Document, Language, SCHEMA_VERSION, SourceInfo};
use crate::segment::Segments;
use crate::source::{Entry, Folder, Source, corpus_entries};
use std::path::Path;

mod folder;
pub use folder::folder;

/// The floor any reader of these texts pays: read, decode and compose
/// (NFC) every text of `path` (a file, or a corpus directory), and nothing
/// else. `reglament bench floor` runs it as a whole process, to set
/// `reglament parse` against. Returns the bytes read and the errors.
pub fn floor(path: &Path) -> Result<(usize, Vec<String>)> {
    use unicode_normalization::UnicodeNormalization;
    let (files, mut errors) = if path.is_dir() {
        crate::source::corpus_files(path)?
    } else {
        (vec![path.to_path_buf()], Vec::new())
    };
    let mut bytes = 0;
    for file in files {
        let read = std::fs::read(&file)
            .map_err(|e| e.to_string())
            .and_then(|b| {
                let (text, _) = crate::source::decode(&b)?;
                Ok((b.len(), text.as_str().nfc().count()))
            });
        match read {
            // The composed length keeps the composition from being
            // optimised away.
            Ok((n, chars)) => bytes += n.max(chars.min(n)),
            Err(e) => errors.push(format!("{}: {e}", file.display())),
        }
    }
    Ok((bytes, errors))
}

/// A date found in a text by [`dates`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FoundDate {
    /// Its bytes in the text.
    pub range: std::ops::Range<usize>,
    /// The year.
    pub year: i64,
    /// The month, unless only a year is named («на 2026 год»).
    pub month: Option<i64>,
    /// The day, unless only a year is named.
    pub day: Option<i64>,
    /// Whether the calendar has it (31 февраля does not).
    pub valid: bool,
}

/// Every date the parser's date rules find in `text` (taken as it is:
/// normalize it first), and every year named on its own, left to right.
/// Date extraction alone, as `reglament bench dates` sets it against
/// other extractors.
pub fn dates(text: &str, g: &Grammar) -> Vec<FoundDate> {
    use crate::parse::date::Mention;
    let map = crate::text::Text::identity(text);
    let doc = Doc::new(&map, g);
    crate::parse::date::mentions_in(&doc, map.as_str())
        .into_iter()
        .map(|m| match m {
            Mention::Date(d) => FoundDate {
                range: d.range,
                year: d.raw.year,
                month: Some(d.raw.month),
                day: Some(d.raw.day),
                valid: d.raw.validate().is_some(),
            },
            Mention::Year(year, range) => FoundDate {
                range,
                year,
                month: None,
                day: None,
                valid: true,
            },
        })
        .collect()
}

/// The language of a text (normalized), if it has words to judge.
pub fn language(text: &str, g: &Grammar) -> Option<Language> {
    crate::lang::detect(text, g)
}

/// The record of a decoded source: every stage, once. Never fails on
/// content: every problem is a diagnostic in the record.
pub fn document(source: &Source, g: &Grammar) -> Document {
    read(source, g, None)
}

/// The record of a text; an act folder's text gets its requisite line's
/// facts before its regulations are named and the record is validated, so
/// both see the act as the requisite states it.
fn read(source: &Source, g: &Grammar, requisite: Option<&Act>) -> Document {
    let normalized = crate::normalize::normalize(source, g);
    let doc = Doc::new(&normalized.text, g);
    let segments = crate::segment::segment(&normalized, g);
    let mut diagnostics = normalized.diagnostics.clone();
    let approvals = approval::approvals(&doc, &segments, &mut diagnostics);
    let mut act = act::act(&doc, &segments, &approvals, &mut diagnostics);
    if let Some(r) = requisite {
        folder::apply(&mut act, r, g, &mut diagnostics);
    }
    let (regulations, spelled) =
        regulation::regulations(&doc, &segments, &approvals, &act, &mut diagnostics);
    regulation::link_approvals(&mut act, &regulations, &mut diagnostics);
    let amendments = amendment::amendments(&doc, &segments, &regulations, &mut diagnostics);
    let provisions = crate::segment::tree::operative(&normalized.text, &segments.operative, g);
    let paragraph_languages = crate::lang::paragraph_languages(&normalized, g);
    let language = crate::lang::majority(&normalized, &paragraph_languages).unwrap_or(Language::Ru);
    let mut document = Document {
        schema_version: SCHEMA_VERSION.to_string(),
        source: SourceInfo {
            path: source.path.display().to_string(),
            sha256: source.sha256.clone(),
            encoding: source.encoding,
            format: source.format,
            meta: None,
        },
        language,
        act,
        provisions,
        regulations,
        amendments,
        diagnostics,
    };
    // A rule that passed a slice from outside the text said so.
    document.diagnostics.extend(doc.take_diagnostics());
    let context = validation_context(&normalized, &paragraph_languages, &segments, &spelled);
    crate::validate::document(&mut document, &context);
    // A block read by two rules (an approval line is both the regulation's
    // and the appendix's) reports its problems once.
    merge_repeats(&mut document.diagnostics);
    document
}

/// Sort diagnostics by place, then code, then message, and drop repeats.
/// The message is part of the key so that two equal diagnostics are
/// adjacent even when another one with the same span and code (but another
/// message) sorts between them.
pub(crate) fn merge_repeats(diagnostics: &mut Vec<crate::record::Diagnostic>) {
    fn key(d: &crate::record::Diagnostic) -> (usize, usize, &'static str, &str) {
        (
            d.span.start,
            d.span.end,
            d.code.as_str(),
            d.message.as_str(),
        )
    }
    diagnostics.sort_by(|a, b| key(a).cmp(&key(b)));
    diagnostics.dedup();
}

/// The normalized text the parser reads from a decoded source (only the
/// normalize stage runs).
pub fn normalized_text(source: &Source, g: &Grammar) -> String {
    crate::normalize::normalize(source, g)
        .text
        .as_str()
        .to_string()
}

/// What validation needs beyond the record, from what extraction found.
fn validation_context<'a>(
    n: &'a Normalized,
    languages: &[Option<Language>],
    segments: &Segments,
    spelled: &[DurationMatch],
) -> crate::validate::Context<'a> {
    let paragraphs = n.paragraphs.iter().zip(languages);
    crate::validate::Context {
        text: &n.text,
        paragraphs: paragraphs
            .map(|(p, l)| crate::validate::Paragraph {
                range: p.range.clone(),
                language: *l,
            })
            .collect(),
        head: segments.head(),
        spelled: spelled
            .iter()
            .filter_map(|d| {
                let (words, at) = d.words.clone()?;
                Some(crate::validate::Spelled {
                    digits: d.value,
                    words,
                    numbers: d.value_range.start..at.end,
                    phrase: d.range.clone(),
                })
            })
            .collect(),
    }
}

/// The records of one corpus entry: a text file's one, or an act folder's
/// one per text; beside them, the folder's texts that could not be read.
/// Errors name the file.
pub fn entry(e: &Entry, g: &Grammar) -> Result<(Vec<Document>, Vec<String>)> {
    Ok(match e {
        Entry::File(p) => (vec![document(&Source::read(p)?, g)], Vec::new()),
        Entry::Folder(d) => {
            let f = Folder::read(d)?;
            let unread = f.unread.iter().map(ToString::to_string).collect();
            (folder(&f, g), unread)
        }
    })
}

/// The records a path holds: a file is one act's text, an act folder gives
/// one record per text, and any other directory is walked as a corpus
/// (see [`corpus_entries`]). An entry that cannot be read is reported in
/// the second list, naming its file, and the others are still read.
pub fn records(path: &Path, g: &Grammar) -> Result<(Vec<Document>, Vec<String>)> {
    records_then(path, g, |d| d)
}

/// [`records`], each record passed through `then` (turned into JSON, say)
/// on the core that made it; the results in corpus order.
pub fn records_then<T: Send>(
    path: &Path,
    g: &Grammar,
    then: impl Fn(Document) -> T + Sync,
) -> Result<(Vec<T>, Vec<String>)> {
    let (entries, mut errors) = if path.is_dir() {
        corpus_entries(path)?
    } else {
        (vec![Entry::File(path.to_path_buf())], Vec::new())
    };
    let read = |e: &Entry| {
        entry(e, g).map(|(documents, unread)| {
            let done: Vec<T> = documents.into_iter().map(&then).collect();
            (done, unread)
        })
    };
    let parsed: Vec<_> = if entries.len() > 1 {
        // Entries are independent: they are parsed on every core. The
        // longest go first, so no core is left with a long text at the
        // end while the others wait; the records are then put back in
        // corpus order.
        use rayon::prelude::*;
        let mut order: Vec<(u64, usize)> = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.size(), i))
            .collect();
        order.sort_unstable_by(|a, b| b.cmp(a));
        let mut parsed: Vec<(usize, _)> = order
            .par_iter()
            .filter_map(|&(_, i)| entries.get(i).map(|e| (i, read(e))))
            .collect();
        parsed.sort_unstable_by_key(|(i, _)| *i);
        parsed.into_iter().map(|(_, p)| p).collect()
    } else {
        // One entry is parsed here: starting the pool would cost more
        // than a short text's parse.
        entries.iter().map(read).collect()
    };
    let mut documents = Vec::new();
    for p in parsed {
        match p {
            Ok((mut d, mut unread)) => {
                documents.append(&mut d);
                errors.append(&mut unread);
            }
            Err(err) => errors.push(err.to_string()),
        }
    }
    Ok((documents, errors))
}

/// Read, decode and parse a file with the built-in grammar.
pub fn file(path: impl AsRef<std::path::Path>) -> Result<Document> {
    let g = Grammar::builtin()?;
    let source = Source::read(path)?;
    Ok(document(&source, g))
}

// Every span in every record holds its value, over the whole corpus.
#[cfg(test)]
mod spans_tests;

#[cfg(test)]
mod tests {
    use super::*;

    use crate::record::Provision;
    use crate::segment::Block;
    use crate::span::Span;

    /// The spans of blocks, as the tree must hold them.
    fn spans<'a>(n: &Normalized, blocks: impl Iterator<Item = &'a Block>) -> Vec<Span> {
        blocks
            .map(|b| n.text.source_span(b.range.clone()))
            .collect()
    }

    /// The record of a short invented text.
    fn parse(text: &str) -> Document {
        let Ok(source) = Source::from_bytes("t.txt", text.as_bytes().to_vec()) else {
            panic!("decodes");
        };
        document(&source, crate::grammar::for_tests())
    }

    /// The blocks of a segmented regulation after its title, in order.
    fn regulation_blocks(r: &crate::segment::regulation::Regulation) -> Vec<&Block> {
        let mut out = Vec::new();
        for c in &r.chapters {
            out.extend(c.heading.iter());
            out.extend(c.loose.iter().map(|(b, _)| b));
            for p in &c.points {
                out.push(&p.head);
                out.extend(p.items.iter().map(|(b, _)| b));
            }
        }
        out
    }

    /// Over the whole corpus: every operative and regulation paragraph is
    /// the own text of exactly one node, and a depth-first walk meets them
    /// in document order. Nothing is lost or doubled.
    #[test]
    fn every_paragraph_lands_in_exactly_one_node_in_order() {
        let g = crate::grammar::for_tests();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let Ok((files, _)) = crate::source::corpus_files(&root) else {
            panic!("the corpus reads");
        };
        let mut checked = 0;
        for path in &files {
            let Ok(source) = Source::read(path) else {
                panic!("{} decodes", path.display());
            };
            let doc = document(&source, g);
            // Normalizing and segmenting are deterministic: these are the
            // blocks the trees were built from.
            let normalized = crate::normalize::normalize(&source, g);
            let segments = crate::segment::segment(&normalized, g);
            let own = |tree: &[crate::record::Provision]| -> Vec<Span> {
                tree.iter()
                    .flat_map(Provision::walk)
                    .map(|n| n.text.span)
                    .collect()
            };
            let operative = spans(&normalized, segments.operative.iter().map(|(b, _)| b));
            assert_eq!(own(&doc.provisions), operative, "{}", path.display());
            checked += operative.len();
            let segmented: Vec<_> = segments
                .appendices
                .iter()
                .filter_map(|a| a.regulation.as_ref())
                .collect();
            assert_eq!(segmented.len(), doc.regulations.len());
            for (reg, seg) in doc.regulations.iter().zip(segmented) {
                let blocks = spans(&normalized, regulation_blocks(seg).into_iter());
                assert_eq!(own(&reg.provisions), blocks, "{}", path.display());
                checked += blocks.len();
            }
            // A node's span covers its own text and its children.
            for n in doc.provisions.iter().flat_map(Provision::walk).chain(
                doc.regulations
                    .iter()
                    .flat_map(|r| r.provisions.iter().flat_map(Provision::walk)),
            ) {
                assert!(n.span.start <= n.text.span.start && n.text.span.end <= n.span.end);
                for c in &n.children {
                    assert!(n.span.start <= c.span.start && c.span.end <= n.span.end);
                }
            }
        }
        assert!(checked > 1500, "only {checked} paragraphs checked");
    }

    /// A maslikhat's Kazakh formula makes the act a decision.
    #[test]
    fn the_kazakh_formula_names_a_decision() {
        let text = "Бюджет туралы\n\nАудандық мәслихат ШЕШІМ ЕТТІ:\n\n1. Бекітілсін.";
        let doc = parse(text);
        assert_eq!(
            doc.act.kind.map(|k| k.value),
            Some(crate::record::ActKind::Decision)
        );
        assert_eq!(doc.provisions.len(), 1, "point 1 is operative");
    }

    /// Older repeal wordings, Russian and Kazakh, repeal the act they name.
    #[test]
    fn older_repeal_wordings_repeal() {
        for text in [
            "Аким области РЕШИЛ:\n\n1. Отменить решение акима Жамбылской области от 21 июня 2005 года № 31.",
            "Аким области РЕШИЛ:\n\n1. Считать утратившим силу решение акима Жамбылской области от 21 июня 2005 года № 31.",
            "Облыс әкімі ШЕШТІМ:\n\n1. Жамбыл облысы әкімінің 2005 жылғы 21 маусымдағы № 31 шешімінің күші жойылсын.",
            // An older text: a year-first date and a Latin N for №.
            "Аким области РЕШИЛ:\n\n1. Отменить решение акима Жамбылской области от 2005.06.21 N 31.",
        ] {
            let doc = parse(text);
            let numbers: Vec<_> = doc
                .act
                .repeals
                .iter()
                .filter_map(|r| r.number.as_ref().map(|n| n.value.as_str()))
                .collect();
            assert_eq!(numbers, ["31"], "{text}");
            let dates: Vec<_> = doc
                .act
                .repeals
                .iter()
                .filter_map(|r| r.date.as_ref().map(|d| d.value.to_string()))
                .collect();
            assert_eq!(dates, ["2005-06-21"], "{text}");
        }
    }

    /// Classes that are not structure become paragraphs, not dropped.
    #[test]
    fn unnumbered_blocks_become_paragraphs() {
        let text =
            "Акимат ПОСТАНОВЛЯЕТ:\n\n1. Утвердить:\n\n1) регламент;\n\nабзац.\n\n2. Контроль.";
        let doc = parse(text);
        let units: Vec<_> = doc
            .provisions
            .iter()
            .flat_map(Provision::walk)
            .map(|n| (n.unit, n.number.as_ref().map(|x| x.value.clone())))
            .collect();
        use crate::record::ProvisionUnit::{Chapter, Paragraph, Point, Subpoint};
        assert_eq!(
            units,
            vec![
                (Point, Some("1".into())),
                (Subpoint, Some("1)".into())),
                (Paragraph, None),
                (Point, Some("2".into())),
            ]
        );
        let first = doc.provisions.first().map(|n| n.children.len());
        assert_eq!(
            first,
            Some(2),
            "the subpoint and the paragraph are point 1's"
        );
        assert!(doc.provisions.iter().all(|n| n.unit != Chapter));
    }

    /// The act's own issuer takes the same rule as a reference's (moved
    /// from `parse::act_ref`, which must not call the pipeline above it).
    #[test]
    fn own_region_from_a_district_act() {
        let text = "ПОСТАНОВЛЕНИЕ АКИМАТА ЖАМБЫЛСКОГО РАЙОНА АЛМАТИНСКОЙ ОБЛАСТИ\n\nот 5 июня 2020 года № 5\n\nОб утверждении регламента\n\nАкимат Жамбылского района Алматинской области ПОСТАНОВЛЯЕТ:\n\n1. Утвердить.\n";
        let Ok(source) = crate::source::Source::from_bytes("t.txt", text.as_bytes().to_vec())
        else {
            panic!("text decodes");
        };
        let doc = document(&source, crate::grammar::for_tests());
        let region = doc
            .act
            .issuer
            .as_ref()
            .and_then(|i| i.region.as_ref())
            .map(|r| r.value.as_str());
        assert_eq!(region, Some("KZ-19"), "{:?}", doc.act.issuer);
        assert!(
            doc.act
                .id
                .as_deref()
                .is_some_and(|id| id.starts_with("/akn/kz-19/")),
            "{:?}",
            doc.act.id
        );
    }

    /// Issue 8: equal diagnostics with another of the same span and code
    /// between them (as two rules reading one block report) are merged.
    #[test]
    fn repeated_diagnostics_are_merged_even_when_interleaved() {
        use crate::record::{Code, Diagnostic};
        let d = |message: &str, start| {
            Diagnostic::new(Code::DateInvalid, message, Span::new(start, start + 1))
        };
        let mut diagnostics = vec![d("b", 0), d("a", 0), d("b", 0), d("c", 5), d("a", 0)];
        merge_repeats(&mut diagnostics);
        assert_eq!(diagnostics, [d("a", 0), d("b", 0), d("c", 5)]);
    }
}
