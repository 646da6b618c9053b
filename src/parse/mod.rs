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
pub mod act_region;
pub mod amendment;
pub mod approval;
pub mod date;
pub mod duration;
pub mod number;
pub mod region;
pub mod regulation;
pub mod requirements;
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

    /// The normalized text with its map to the original bytes.
    pub fn map(&self) -> &'a Text {
        self.map
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
                    Code::SpanOutsideDocument,
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
