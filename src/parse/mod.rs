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
use crate::record::{Code, Diagnostic, Document, Language, SCHEMA_VERSION, SourceInfo};
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
    let (regulations, spelled) = regulation::regulations(&doc, &segments, &act, &mut diagnostics);
    regulation::link_approvals(&mut act, &regulations, &mut diagnostics);
    let amendments = amendment::amendments(&doc, &segments, &regulations, &mut diagnostics);
    let paragraph_languages = crate::lang::paragraph_languages(&normalized, g);
    let language = crate::lang::majority(&normalized, &paragraph_languages).unwrap_or(Language::Ru);
    let mut record = Document {
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
    let context = validation_context(&normalized, &paragraph_languages, &segments, &spelled);
    crate::validate::document(&mut record, &context);
    // A block read by two rules (an approval line is both the regulation's
    // and the appendix's) reports its problems once.
    record
        .diagnostics
        .sort_by_key(|d| (d.span.start, d.span.end, d.code.as_str()));
    record.diagnostics.dedup();
    (record, normalized, segments)
}

/// What validation needs beyond the record, from what extraction found.
fn validation_context<'a>(
    n: &'a crate::normalize::Normalized,
    languages: &[Option<Language>],
    segments: &crate::segment::Segments,
    spelled: &[duration::DurationMatch],
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
        head: act::head(segments),
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
#[derive(Clone, Copy)]
pub struct Doc<'a> {
    /// Normalized text.
    pub text: &'a str,
    map: &'a Text,
    /// The lexicon.
    pub g: &'a Grammar,
}

impl<'a> Doc<'a> {
    /// A context over normalized text.
    pub fn new(map: &'a Text, g: &'a Grammar) -> Self {
        Doc {
            text: map.as_str(),
            map,
            g,
        }
    }

    /// The original-file span of a normalized range.
    pub fn span(&self, r: Range<usize>) -> Span {
        self.map.source_span(r)
    }

    /// Offset of `s`, a slice of `self.text`, in `self.text`.
    pub fn at(&self, s: &str) -> usize {
        let base = self.text.as_ptr() as usize;
        let p = s.as_ptr() as usize;
        let inside = p >= base && p + s.len() <= base + self.text.len();
        // Rules only pass slices of the document; anything else maps to the
        // start rather than panicking.
        if inside { p - base } else { 0 }
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
        code: Code,
        message: impl Into<String>,
        r: Range<usize>,
    ) -> Diagnostic {
        Diagnostic::new(code, message, self.span(r))
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
