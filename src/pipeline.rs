//! The pipeline: decode → normalize → segment → parse → provision tree →
//! validate, each stage run once per text. Every caller (the CLI, the
//! registry, the tests) goes through here, so no stage is ever repeated
//! on the same text.
//!
//! Never fails on content: every problem is a diagnostic in the record.

use crate::error::Result;
use crate::grammar::Grammar;
use crate::normalize::Normalized;
use crate::parse::{Doc, act, amendment, approval, regulation};
use crate::record::{Date, Diagnostic, Document, Language, SCHEMA_VERSION, SourceInfo};
use crate::segment::Segments;
use crate::source::Source;
use crate::span::{Span, Spanned};
use std::ops::Range;

/// Everything the pipeline computed for one text.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The record, provision trees included.
    pub document: Document,
    /// The normalized text and its map to the original bytes.
    pub normalized: Normalized,
    /// The act's parts, each appendix's regulation segmented once.
    pub segments: Segments,
}

/// Run the whole pipeline on a decoded source.
pub fn run(source: &Source, g: &Grammar) -> Parsed {
    let normalized = crate::normalize::normalize(source, g);
    let doc = Doc::new(&normalized.text, g);
    let segments = crate::segment::segment(&normalized, g);
    let mut diagnostics = normalized.diagnostics.clone();
    let approvals = approval::approvals(&doc, &segments, &mut diagnostics);
    let mut act = act::act(&doc, &segments, &approvals, &mut diagnostics);
    let mut regulations =
        regulation::regulations(&doc, &segments, &approvals, &act, &mut diagnostics);
    regulation::link_approvals(&mut act, &regulations, &mut diagnostics);
    let amendments = amendment::amendments(&doc, &segments, &regulations, &mut diagnostics);
    let provisions = crate::segment::tree::operative(&normalized, &segments.operative, g);
    let segmented = segments
        .appendices
        .iter()
        .filter_map(|a| a.regulation.as_ref());
    for (reg, seg) in regulations.iter_mut().zip(segmented) {
        reg.provisions = crate::segment::tree::regulation(&normalized, seg, g);
    }
    dated_before_its_targets(&act, &mut diagnostics);
    let paragraph_languages = crate::lang::paragraph_languages(&normalized, g);
    let language = crate::lang::majority(&normalized, &paragraph_languages).unwrap_or(Language::Ru);
    mixed_language(
        &doc,
        &normalized,
        &paragraph_languages,
        language,
        &mut diagnostics,
    );
    // A block read by two rules (an approval line is both the regulation's
    // and the appendix's) reports its problems once.
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.code).cmp(&(b.span.start, b.span.end, &b.code))
    });
    diagnostics.dedup();
    let document = Document {
        schema_version: SCHEMA_VERSION.to_string(),
        source: SourceInfo {
            path: source.path.display().to_string(),
            sha256: source.sha256.clone(),
            encoding: source.encoding,
            format: source.format,
        },
        language,
        act,
        provisions,
        regulations,
        amendments,
        diagnostics,
    };
    Parsed {
        document,
        normalized,
        segments,
    }
}

/// The record of a decoded source.
pub fn document(source: &Source, g: &Grammar) -> Document {
    run(source, g).document
}

/// An act cannot amend or repeal an act adopted after it, nor lose force by
/// one adopted before it: one of the two dates is misprinted (Atbasar 37/9
/// dates itself 2025-03-18 and amends an act of 2025-12-18). Both are kept
/// as written; the reader is told.
fn dated_before_its_targets(act: &crate::record::Act, diagnostics: &mut Vec<Diagnostic>) {
    let Some(own) = &act.date else { return };
    let mut misdated = |what: &str, theirs: &Spanned<Date>, span: Span| {
        diagnostics.push(Diagnostic::new(
            crate::record::Level::Warning,
            "date-before-target",
            format!(
                "the act is dated {} but {what} an act of {}; one of the dates is misprinted",
                own.value, theirs.value
            ),
            span,
        ));
    };
    for target in act.amends.iter().chain(&act.repeals) {
        if let Some(theirs) = target.date.as_ref().filter(|d| d.value > own.value) {
            misdated("acts on", theirs, own.span);
        }
    }
    let repealer = act.lost_force.as_ref().and_then(|l| l.by.as_ref());
    if let Some(theirs) = repealer
        .and_then(|by| by.date.as_ref())
        .filter(|d| d.value < own.value)
    {
        misdated("is said to have lost force by", theirs, theirs.span);
    }
}

/// Runs of paragraphs in the other language (a bilingual act, a quoted
/// Kazakh decision in a Russian one) are worth a reader's note.
fn mixed_language(
    doc: &Doc<'_>,
    n: &Normalized,
    langs: &[Option<Language>],
    language: Language,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut run: Option<(Range<usize>, Language, usize)> = None;
    let mut flush = |run: &mut Option<(Range<usize>, Language, usize)>| {
        if let Some((r, l, count)) = run.take() {
            diagnostics.push(doc.diagnostic(
                crate::record::Level::Info,
                "language-mixed",
                format!(
                    "{count} paragraph(s) in {} within a {} text",
                    l.code(),
                    language.code()
                ),
                r,
            ));
        }
    };
    for (p, l) in n.paragraphs.iter().zip(langs) {
        match (l, &mut run) {
            (Some(l), Some((r, rl, count))) if l == rl => {
                r.end = p.range.end;
                *count += 1;
            }
            (Some(l), _) if *l != language => {
                flush(&mut run);
                run = Some((p.range.clone(), *l, 1));
            }
            (Some(_), _) => flush(&mut run),
            (None, _) => {}
        }
    }
    flush(&mut run);
}

/// Read, decode and parse a file with the built-in grammar.
pub fn file(path: impl AsRef<std::path::Path>) -> Result<Document> {
    let g = Grammar::builtin()?;
    let source = Source::read(path)?;
    Ok(document(&source, g))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::provision::walk;
    use crate::segment::{Block, Class};
    use crate::span::Span;

    /// The spans of blocks, as the tree must hold them.
    fn spans<'a>(p: &Parsed, blocks: impl Iterator<Item = &'a Block>) -> Vec<Span> {
        blocks
            .map(|b| p.normalized.text.source_span(b.range.clone()))
            .collect()
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
        let Ok((files, _)) = crate::registry::corpus_files(&root) else {
            panic!("the corpus reads");
        };
        let mut checked = 0;
        for path in &files {
            let Ok(source) = Source::read(path) else {
                panic!("{} decodes", path.display());
            };
            let p = run(&source, g);
            let own = |tree: &[crate::record::Provision]| -> Vec<Span> {
                walk(tree).map(|n| n.text.span).collect()
            };
            let operative = spans(&p, p.segments.operative.iter().map(|(b, _)| b));
            assert_eq!(own(&p.document.provisions), operative, "{}", path.display());
            checked += operative.len();
            let segmented: Vec<_> = p
                .segments
                .appendices
                .iter()
                .filter_map(|a| a.regulation.as_ref())
                .collect();
            assert_eq!(segmented.len(), p.document.regulations.len());
            for (reg, seg) in p.document.regulations.iter().zip(segmented) {
                let blocks = spans(&p, regulation_blocks(seg).into_iter());
                assert_eq!(own(&reg.provisions), blocks, "{}", path.display());
                checked += blocks.len();
            }
            // A node's span covers its own text and its children.
            for n in walk(&p.document.provisions).chain(
                p.document
                    .regulations
                    .iter()
                    .flat_map(|r| walk(&r.provisions)),
            ) {
                assert!(n.span.start <= n.text.span.start && n.text.span.end <= n.span.end);
                for c in &n.children {
                    assert!(n.span.start <= c.span.start && c.span.end <= n.span.end);
                }
            }
        }
        assert!(checked > 1500, "only {checked} paragraphs checked");
    }

    /// Classes that are not structure become paragraphs, not dropped.
    #[test]
    fn unnumbered_blocks_become_paragraphs() {
        let g = crate::grammar::for_tests();
        let text =
            "Акимат ПОСТАНОВЛЯЕТ:\n\n1. Утвердить:\n\n1) регламент;\n\nабзац.\n\n2. Контроль.";
        let Ok(source) = Source::from_bytes("t.txt", text.as_bytes().to_vec()) else {
            panic!("decodes");
        };
        let p = run(&source, g);
        let units: Vec<_> = walk(&p.document.provisions)
            .map(|n| (n.unit, n.number.as_ref().map(|x| x.value.clone())))
            .collect();
        use crate::record::ProvisionUnit::{Paragraph, Point, Subpoint};
        assert_eq!(
            units,
            vec![
                (Point, Some("1".into())),
                (Subpoint, Some("1)".into())),
                (Paragraph, None),
                (Point, Some("2".into())),
            ]
        );
        let first = p.document.provisions.first().map(|n| n.children.len());
        assert_eq!(
            first,
            Some(2),
            "the subpoint and the paragraph are point 1's"
        );
        assert!(
            p.segments
                .operative
                .iter()
                .all(|(_, c)| *c != Class::Chapter)
        );
    }
}
