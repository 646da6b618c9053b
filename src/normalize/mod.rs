//! Stage 2: normalize. Decoded text in, canonical paragraphs out, with the
//! offset map kept so every span still points into the original bytes.
//!
//! Passes, in order (each a [`Text::edit`]):
//! 1. [`lines`]: markup off (markdown emphasis, headings, links, anchors,
//!    HTML tables); line breaks unified; per-line layout facts recorded;
//! 2. [`chars`]: NFC, one space, one dash, one quote, no soft hyphens,
//!    look-alike Latin letters folded into Cyrillic, `І997` into `1997`;
//! 3. [`spacing`]: letter-spaced words collapsed (`с о ц и а л ь н о й`);
//! 4. [`displaced`]: hyperlink words that PDF export moved to the end of a
//!    line put back where the evidence proves their place;
//! 5. [`unwrap`]: hard-wrapped lines and page breaks joined into paragraphs;
//!    then joining and letter-spacing again over the canonical text until
//!    it stops changing.
//!
//! Invariants: passes 2–4 keep the number of lines, so the layout facts of
//! pass 1 stay aligned; the output is canonical (one paragraph per line,
//! paragraphs separated by a blank line, single spaces), and normalizing
//! canonical text as plain text returns it unchanged.

mod chars;
mod displaced;
mod lines;
mod spacing;
mod unwrap;
mod vocabulary;

pub use lines::LineInfo;
pub use vocabulary::Vocabulary;

use crate::grammar::Grammar;
use crate::record::Diagnostic;
use crate::source::{Format, Source};
use crate::text::Text;
use std::ops::Range;

/// A paragraph of normalized text: its bytes, without the separator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// Its bytes in the normalized text.
    pub range: Range<usize>,
}

/// The result of normalization.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// Canonical text, mapped to the original bytes.
    pub text: Text,
    /// Its paragraphs, in order.
    pub paragraphs: Vec<Paragraph>,
    /// Repairs made and repairs refused.
    pub diagnostics: Vec<Diagnostic>,
}

impl Normalized {
    /// The text of a paragraph.
    pub fn paragraph_text(&self, p: &Paragraph) -> &str {
        self.text.as_str().get(p.range.clone()).unwrap_or("")
    }
}

/// Normalize a decoded source.
pub fn normalize(source: &Source, grammar: &Grammar) -> Normalized {
    normalize_text(&source.text, source.format, grammar)
}

/// Normalize text of a known format.
pub fn normalize_text(text: &Text, format: Format, grammar: &Grammar) -> Normalized {
    let mut diagnostics = Vec::new();
    let (text, layout) = lines::prepare(text, format);
    let text = chars::normalize(&text, grammar);
    let vocabulary = Vocabulary::of(text.as_str());
    let text = spacing::collapse(&text, &vocabulary);
    let text = displaced::repair(&text, &layout, &vocabulary, grammar, &mut diagnostics);
    let text = unwrap::paragraphs(&text, &layout, format, grammar);
    let (text, converged) = canonical(text, &vocabulary, grammar, CANONICAL_ROUNDS);
    if !converged {
        diagnostics.push(not_converged(&text));
    }
    let paragraphs = paragraph_ranges(text.as_str());
    Normalized {
        text,
        paragraphs,
        diagnostics,
    }
}

/// How many times [`canonical`] re-applies its passes before it gives up.
const CANONICAL_ROUNDS: usize = 4;

/// Re-apply the passes that see across lines (joining, letter-spacing) to
/// canonical text until it stops changing, at most `rounds` times; also
/// whether it stopped changing. Joining can bring together what a
/// line-by-line pass never saw (`Приложение 3` + `к  Р е`), and a later
/// normalization of this output would; so the first one goes all the way.
fn canonical(
    mut text: Text,
    vocabulary: &Vocabulary,
    grammar: &Grammar,
    rounds: usize,
) -> (Text, bool) {
    for _ in 0..rounds {
        // Collapsing letter-spacing can make new words ("с о ц и i" ->
        // "социi"), whose look-alikes then need folding.
        let spaced = spacing::collapse(&chars::normalize(&text, grammar), vocabulary);
        let layout = vec![LineInfo::default(); spaced.as_str().split('\n').count()];
        let joined = unwrap::paragraphs(&spaced, &layout, Format::Text, grammar);
        if joined.as_str() == text.as_str() {
            return (joined, true);
        }
        text = joined;
    }
    (text, false)
}

/// Text still changing after the last round is not canonical: normalizing
/// it again would change it, so the reader is told (over the whole text:
/// the passes do not say where they last moved).
fn not_converged(text: &Text) -> Diagnostic {
    Diagnostic::new(
        crate::record::Code::NormalizationNotConverged,
        format!(
            "the text still changed after {CANONICAL_ROUNDS} rounds of joining lines and letter-spacing; normalizing it again may give another text"
        ),
        text.source_span(0..text.as_str().len()),
    )
}

/// The paragraphs of canonical text: blank-line separated.
fn paragraph_ranges(s: &str) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut at = 0;
    for part in s.split("\n\n") {
        if !part.is_empty() {
            out.push(Paragraph {
                range: at..at + part.len(),
            });
        }
        at += part.len() + 2;
    }
    out
}

/// Normalize a plain string (used by tests and the property checks).
pub fn normalize_str(s: &str, format: Format, grammar: &Grammar) -> String {
    normalize_text(&Text::identity(s), format, grammar)
        .text
        .as_str()
        .to_string()
}

/// Iterate the lines of `s` as byte ranges, without their `\n`.
pub(crate) fn line_ranges(s: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        match s.get(start..).and_then(|rest| rest.find('\n')) {
            Some(i) => {
                let r = start..start + i;
                start += i + 1;
                Some(r)
            }
            None => {
                done = true;
                Some(start..s.len())
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 8: rounds that do not converge used to say nothing.
    #[test]
    fn rounds_that_do_not_converge_are_reported() {
        let g = crate::grammar::for_tests();
        // Not canonical: the first round changes it (spaces, a broken line).
        let raw = Text::identity("Приложение  3\nк  постановлению");
        let vocabulary = Vocabulary::of(raw.as_str());
        let (once, converged) = canonical(raw.clone(), &vocabulary, g, 1);
        assert!(!converged, "{:?}", once.as_str());
        let (done, converged) = canonical(raw, &vocabulary, g, CANONICAL_ROUNDS);
        assert!(converged, "{:?}", done.as_str());
        let d = not_converged(&once);
        assert_eq!(d.code.as_str(), "normalization-not-converged");
        assert_eq!(d.level, crate::record::Level::Warning);
    }

    #[test]
    fn canonical_text_converges_silently() {
        let n = normalize_text(
            &Text::identity("1. Утвердить регламент.\n\n2. Контроль возложить."),
            Format::Text,
            crate::grammar::for_tests(),
        );
        assert!(
            n.diagnostics
                .iter()
                .all(|d| d.code.as_str() != "normalization-not-converged")
        );
    }
}
