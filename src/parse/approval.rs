//! The act that approves each appendix: «Утвержден постановлением …», or,
//! where an appendix has no such line, its second heading naming the
//! regulation's place in the act it amends («Приложение 1 к постановлению
//! … № 4/496»).
//!
//! Read once per appendix: the act's approvals, a standalone regulation's
//! `approved_by` and each regulation's `approved_by` all use this one
//! reading, so its problems are reported once.

use super::Doc;
use super::act_ref::{refs_in, to_record};
use crate::record::{ActRef, Diagnostic};
use crate::segment::Segments;

/// For each appendix, in order, the act it names as approving it.
pub fn approvals(
    doc: &Doc<'_>,
    seg: &Segments,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Option<ActRef>> {
    seg.appendices
        .iter()
        .map(|a| {
            // An «Утвержден» line that names no act («Утвержден
            // постановлением акимата» and nothing more) does not hide the
            // act the second heading names.
            let first = a.approved.iter().chain(a.heading.get(1)).find_map(|line| {
                refs_in(doc, doc.slice(line.range.clone()))
                    .into_iter()
                    .next()
            })?;
            Some(to_record(doc, &first, diagnostics))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::{Appendix, Block};
    use crate::text::Text;

    /// The id of each appendix's approving act, for `text` cut into an
    /// appendix's blocks: headings, then the approval line, if any.
    fn approving_ids(text: &str, heading: &[&str], approved: Option<&str>) -> Vec<Option<String>> {
        let block = |line: &str| {
            let start = text.find(line).unwrap();
            Block {
                range: start..start + line.len(),
            }
        };
        let seg = Segments {
            appendices: vec![Appendix {
                heading: heading.iter().map(|l| block(l)).collect(),
                approved: approved.map(block),
                ..Appendix::default()
            }],
            ..Segments::default()
        };
        let t = Text::identity(text);
        let doc = Doc::new(&t, crate::grammar::for_tests());
        approvals(&doc, &seg, &mut Vec::new())
            .into_iter()
            .map(|r| r.and_then(|r| r.id))
            .collect()
    }

    const HEADING: &str =
        "к постановлению акимата Западно-Казахстанской области от 5 июня 2020 года № 131";
    const ID: &str = "/akn/kz-27/act/resolution/akimat/2020-06-05/131";

    /// Issue 8: an «Утвержден» line without a reference falls back to the
    /// appendix's second heading.
    #[test]
    fn an_approval_line_naming_no_act_falls_back_to_the_heading() {
        let approved = "Утвержден постановлением акимата";
        let text = format!("Приложение 1\n{HEADING}\n{approved}\n");
        assert_eq!(
            approving_ids(&text, &["Приложение 1", HEADING], Some(approved)),
            [Some(ID.to_string())]
        );
    }

    /// The «Утвержден» line, when it names an act, outranks the heading.
    #[test]
    fn an_approval_line_naming_an_act_comes_first() {
        let approved = "Утвержден постановлением акимата Западно-Казахстанской области от 1 марта 2021 года № 7";
        let text = format!("Приложение 1\n{HEADING}\n{approved}\n");
        assert_eq!(
            approving_ids(&text, &["Приложение 1", HEADING], Some(approved)),
            [Some(
                "/akn/kz-27/act/resolution/akimat/2021-03-01/7".to_string()
            )]
        );
        // Without a second heading or a reference, nothing is named.
        assert_eq!(approving_ids(&text, &["Приложение 1"], None), [None]);
    }
}
