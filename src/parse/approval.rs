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
            let line = a.approved.as_ref().or(a.heading.get(1))?;
            let first = refs_in(doc, doc.slice(line.range.clone()))
                .into_iter()
                .next()?;
            Some(to_record(doc, &first, diagnostics))
        })
        .collect()
}
