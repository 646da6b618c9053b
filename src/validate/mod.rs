//! The validate stage, after parse: it judges the finished record. These
//! are the consistency checks auditors rely on (a duration's digits against
//! its words, chapter 2 against chapter 3, the steps against the service
//! term, the act's dates against its targets', an identity left
//! incomplete, paragraphs in the other language), as diagnostics.
//!
//! Invariants: extracting stays in `parse/`; validate never changes an
//! extracted value and never reads the text for facts. It reads the
//! [`Document`] and, for what the record does not hold, a [`Context`] the
//! driver fills from the extraction, and only pushes diagnostics.

mod act;
mod language;
mod languages;
mod regulation;

pub use languages::languages_agree;

use crate::record::{Code, Diagnostic, Document, Language};
use crate::text::Text;
use std::ops::Range;

/// What the checks need that the record does not hold. Ranges are byte
/// ranges of the normalized `text`.
pub struct Context<'a> {
    /// The normalized text, mapped to the original bytes.
    pub text: &'a Text,
    /// Its paragraphs, in order, with their languages.
    pub paragraphs: Vec<Paragraph>,
    /// The act's first header paragraph: where findings about the act as a
    /// whole are reported.
    pub head: Range<usize>,
    /// Numbers written both in digits and in words in the regulations'
    /// durations, in document order.
    pub spelled: Vec<Spelled>,
}

/// A paragraph of the normalized text and its language, when detected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// Its bytes in the normalized text.
    pub range: Range<usize>,
    /// Its language; none when too short to tell.
    pub language: Option<Language>,
}

/// A number written twice, in digits and in words: «2 (трех) минут».
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spelled {
    /// The number in digits.
    pub digits: u64,
    /// The number in words.
    pub words: u64,
    /// From the digits to the end of the words.
    pub numbers: Range<usize>,
    /// The whole phrase, number to unit.
    pub phrase: Range<usize>,
}

/// Judge a finished record: push what the checks find to its diagnostics.
pub fn document(doc: &mut Document, cx: &Context<'_>) {
    let mut found = Vec::new();
    act::identity(&doc.act, cx, &mut found);
    regulation::words_against_digits(cx, &mut found);
    for reg in &doc.regulations {
        regulation::check(reg, &doc.act, &mut found);
    }
    act::dated_before_its_targets(&doc.act, &mut found);
    language::mixed(cx, doc.language, &mut found);
    doc.diagnostics.extend(found);
}

impl Context<'_> {
    /// A diagnostic at a range of the normalized text.
    fn diagnostic(&self, code: Code, message: impl Into<String>, r: Range<usize>) -> Diagnostic {
        Diagnostic::new(code, message, self.text.source_span(r))
    }

    /// The normalized text of a range.
    fn slice(&self, r: Range<usize>) -> &str {
        self.text.as_str().get(r).unwrap_or("")
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A context over `text` with nothing extracted from it.
    pub(crate) fn context(text: &Text) -> Context<'_> {
        Context {
            text,
            paragraphs: Vec::new(),
            head: 0..0,
            spelled: Vec::new(),
        }
    }

    #[test]
    fn a_diagnostic_maps_its_range_to_the_original() {
        let text = Text::identity("abc def");
        let cx = context(&text);
        let d = cx.diagnostic(Code::LanguageMixed, "m", 4..7);
        assert_eq!(d.span.range(), 4..7);
        assert_eq!(cx.slice(4..7), "def");
        assert_eq!(cx.slice(4..70), "");
    }
}
