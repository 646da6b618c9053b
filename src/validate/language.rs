//! Runs of paragraphs in the other language than the document's.

use super::Context;
use crate::record::{Code, Diagnostic, Language};
use std::ops::Range;

/// Runs of paragraphs in the other language (a bilingual act, a quoted
/// Kazakh decision in a Russian one) are worth a reader's note. A
/// paragraph too short to tell neither breaks nor extends a run.
pub(super) fn mixed(cx: &Context<'_>, language: Language, out: &mut Vec<Diagnostic>) {
    let mut run: Option<(Range<usize>, Language, usize)> = None;
    let mut flush = |run: &mut Option<(Range<usize>, Language, usize)>| {
        if let Some((r, l, count)) = run.take() {
            out.push(cx.diagnostic(
                Code::LanguageMixed,
                format!(
                    "{count} paragraph(s) in {} within a {} text",
                    l.code(),
                    language.code()
                ),
                r,
            ));
        }
    };
    for p in &cx.paragraphs {
        match (&p.language, &mut run) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Text;
    use crate::validate::Paragraph;

    fn paragraph(range: Range<usize>, language: Option<Language>) -> Paragraph {
        Paragraph { range, language }
    }

    #[test]
    fn a_run_of_kazakh_paragraphs_in_a_russian_text_is_one_note() {
        let text = Text::identity("ру\nқаз\n1\nқаз\nру\nқаз");
        let mut cx = super::super::tests::context(&text);
        let (ru, kk) = (Some(Language::Ru), Some(Language::Kk));
        cx.paragraphs = vec![
            paragraph(0..4, ru),
            paragraph(5..11, kk),
            paragraph(12..13, None),
            paragraph(14..20, kk),
            paragraph(21..25, ru),
            paragraph(26..32, kk),
        ];
        let mut out = Vec::new();
        mixed(&cx, Language::Ru, &mut out);
        let found: Vec<(Code, Range<usize>, &str)> = out
            .iter()
            .map(|d| (d.code, d.span.range(), d.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    Code::LanguageMixed,
                    5..20,
                    "2 paragraph(s) in kk within a ru text"
                ),
                (
                    Code::LanguageMixed,
                    26..32,
                    "1 paragraph(s) in kk within a ru text"
                ),
            ]
        );
    }

    #[test]
    fn a_text_all_in_its_language_has_no_note() {
        let text = Text::identity("ру\nру");
        let mut cx = super::super::tests::context(&text);
        cx.paragraphs = vec![
            paragraph(0..4, Some(Language::Ru)),
            paragraph(5..9, Some(Language::Ru)),
        ];
        let mut out = Vec::new();
        mixed(&cx, Language::Ru, &mut out);
        assert!(out.is_empty());
    }
}
