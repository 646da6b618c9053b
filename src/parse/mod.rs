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
pub mod approval;
pub mod date;
pub mod duration;
pub mod number;
pub mod regulation;
pub mod status;

use crate::grammar::{Grammar, Matcher};
use crate::record::{Code, Diagnostic};
use crate::span::{Span, Spanned};
use crate::text::Text;
use nom::IResult;
use std::ops::Range;

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
