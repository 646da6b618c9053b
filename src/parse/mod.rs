//! Stage 4: parse. nom rules over normalized paragraphs: dates, numbers,
//! number words, act references, status and entry-into-force phrases,
//! durations, amendment operations. One function per grammar rule; the
//! words come from [`Grammar`], never from the code.
//!
//! Rules never fail on content: they return `None` (no match here) or a
//! match with raw values, and a separate validation judges the values
//! (an impossible date is a match whose date is `None`, plus a diagnostic).
//! Positions are byte offsets into the normalized text; [`Doc::span`]
//! turns them into spans of the original file.

pub mod act;
pub mod act_ref;
pub mod amendment;
pub mod date;
pub mod duration;
pub mod number;
pub mod regulation;
pub mod status;

use crate::error::Result;
use crate::grammar::{Grammar, Matcher};
use crate::record::{Date, Diagnostic, Document, Language, SCHEMA_VERSION, SourceInfo};
use crate::source::Source;
use crate::span::{Span, Spanned};
use crate::text::Text;
use nom::IResult;
use std::ops::Range;

/// Run the whole pipeline on a decoded source: normalize, segment, parse.
/// Never fails on content; every problem is a diagnostic.
pub fn document(source: &Source, g: &Grammar) -> Document {
    document_with_structure(source, g).0
}

/// [`document`], also returning the normalized text and the segments the
/// record was read from (the registry consolidates texts with them).
pub fn document_with_structure(
    source: &Source,
    g: &Grammar,
) -> (
    Document,
    crate::normalize::Normalized,
    crate::segment::Segments,
) {
    let normalized = crate::normalize::normalize(source, g);
    let doc = Doc::new(&normalized.text, g);
    let segments = crate::segment::segment(&normalized, g);
    let mut diagnostics = normalized.diagnostics.clone();
    let mut act = act::act(&doc, &segments, &mut diagnostics);
    let regulations = regulation::regulations(&doc, &segments, &act, &mut diagnostics);
    regulation::link_approvals(&mut act, &regulations, &mut diagnostics);
    let amendments = amendment::amendments(&doc, &segments, &regulations, &mut diagnostics);
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
    diagnostics.extend(doc.take_diagnostics());
    // A block read by two rules (an approval line is both the regulation's
    // and the appendix's) reports its problems once.
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.code).cmp(&(b.span.start, b.span.end, &b.code))
    });
    diagnostics.dedup();
    let record = Document {
        schema_version: SCHEMA_VERSION.to_string(),
        source: SourceInfo {
            path: source.path.display().to_string(),
            sha256: source.sha256.clone(),
            encoding: source.encoding,
            format: source.format,
        },
        language,
        act,
        regulations,
        amendments,
        diagnostics,
    };
    (record, normalized, segments)
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
    n: &crate::normalize::Normalized,
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

/// The result type of every rule.
pub type PResult<'a, T> = IResult<&'a str, T>;

/// What every rule may consult: the normalized text, its map to the
/// original bytes, and the grammar.
pub struct Doc<'a> {
    /// Normalized text.
    pub text: &'a str,
    map: &'a Text,
    /// The lexicon.
    pub g: &'a Grammar,
    /// Slices [`Doc::at`] was given from outside the text: a rule's bug,
    /// reported by [`Doc::take_diagnostics`] rather than hidden.
    strays: std::cell::RefCell<Vec<Diagnostic>>,
}

impl<'a> Doc<'a> {
    /// A context over normalized text.
    pub fn new(map: &'a Text, g: &'a Grammar) -> Self {
        Doc {
            text: map.as_str(),
            map,
            g,
            strays: std::cell::RefCell::new(Vec::new()),
        }
    }

    /// The problems found while rules consulted the document (a slice from
    /// outside it), once each; the pipeline adds them to the record's.
    pub fn take_diagnostics(&self) -> Vec<Diagnostic> {
        self.strays.take()
    }

    /// The original-file span of a normalized range.
    pub fn span(&self, r: Range<usize>) -> Span {
        self.map.source_span(r)
    }

    /// Offset of `s`, a slice of `self.text`, in `self.text`. Rules only
    /// pass slices of the document; anything else is a rule's bug, which
    /// must neither panic nor pass unseen: it maps to the start, and a
    /// `span-outside-document` warning is kept for the record.
    pub fn at(&self, s: &str) -> usize {
        match self.offset_of(s) {
            Some(at) => at,
            None => {
                self.strays.borrow_mut().push(Diagnostic::new(
                    crate::record::Level::Warning,
                    "span-outside-document",
                    format!(
                        "a rule read {} byte(s) from outside the document; the value's span is the start of the file",
                        s.len()
                    ),
                    self.span(0..0),
                ));
                0
            }
        }
    }

    /// Offset of `s` in `self.text`, if `s` is a slice of it.
    fn offset_of(&self, s: &str) -> Option<usize> {
        let base = self.text.as_ptr() as usize;
        let p = s.as_ptr() as usize;
        let inside = p >= base && p + s.len() <= base + self.text.len();
        inside.then(|| p - base)
    }

    /// The range of `s`, a slice of `self.text`.
    pub fn range_of(&self, s: &str) -> Range<usize> {
        let start = self.at(s);
        start..start + s.len()
    }

    /// The normalized text of a range.
    pub fn slice(&self, r: Range<usize>) -> &'a str {
        self.text.get(r).unwrap_or("")
    }

    /// A value with the span of a normalized range.
    pub fn spanned<T>(&self, value: T, r: Range<usize>) -> Spanned<T> {
        Spanned::new(value, self.span(r))
    }

    /// The text of a range, as written (normalized), with its span. A
    /// range over several paragraphs reads as one line.
    pub fn text_at(&self, r: Range<usize>) -> Spanned<String> {
        let s = self.slice(r.clone());
        let value = if s.contains('\n') {
            s.split_whitespace().collect::<Vec<_>>().join(" ")
        } else {
            s.trim().to_string()
        };
        Spanned::new(value, self.span(r))
    }

    /// A diagnostic at a normalized range.
    pub fn diagnostic(
        &self,
        level: crate::record::Level,
        code: &str,
        message: impl Into<String>,
        r: Range<usize>,
    ) -> Diagnostic {
        Diagnostic::new(level, code, message, self.span(r))
    }
}

/// Match a grammar phrase at the start of the input.
pub fn phrase<'a, K: Clone>(m: &Matcher<K>) -> impl Fn(&'a str) -> PResult<'a, K> + '_ {
    move |i: &'a str| match m.at_start(i) {
        Some((k, len)) => Ok((i.get(len..).unwrap_or(""), k)),
        None => Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Tag,
        ))),
    }
}

/// The rule failed here (used by hand-written rules).
pub fn fail<T>(i: &str) -> PResult<'_, T> {
    Err(nom::Err::Error(nom::error::Error::new(
        i,
        nom::error::ErrorKind::Verify,
    )))
}

pub use crate::text::word_starts;

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 8: a slice from outside the document used to get offset 0
    /// silently.
    #[test]
    fn a_slice_from_outside_the_document_is_reported() {
        let t = Text::identity("Постановление акимата");
        let doc = Doc::new(&t, crate::grammar::for_tests());
        let inside = t.as_str().get("Постановление ".len()..).unwrap_or("");
        assert_eq!(doc.at(inside), "Постановление ".len());
        assert!(doc.take_diagnostics().is_empty());

        let elsewhere = String::from("акимата");
        assert_eq!(doc.range_of(&elsewhere), 0..elsewhere.len());
        let d = doc.take_diagnostics();
        assert_eq!(d.len(), 1);
        assert_eq!(
            d.first().map(|d| d.code.as_str()),
            Some("span-outside-document")
        );
        assert!(matches!(
            d.first().map(|d| d.level),
            Some(crate::record::Level::Warning)
        ));
        // Taken once.
        assert!(doc.take_diagnostics().is_empty());
    }
}
