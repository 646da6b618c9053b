//! Checks on the act itself: an identity the text does not complete, and
//! dates that cannot both be right.

use super::Context;
use crate::record::{Act, ActKind, Code, Date, Diagnostic};
use crate::span::{Span, Spanned};

/// An act whose kind, date, number or issuer the text does not state has
/// no id. (A regulation standing alone takes its id from the approving act;
/// `parse` reports when that is missing.)
pub(super) fn identity(act: &Act, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if act.kind.as_ref().map(|k| k.value) == Some(ActKind::Regulation) {
        return;
    }
    let missing: Vec<&str> = [
        (act.kind.is_none(), "kind"),
        (act.date.is_none(), "date"),
        (act.number.is_none(), "number"),
        (act.issuer.is_none(), "issuer"),
    ]
    .into_iter()
    .filter_map(|(m, what)| m.then_some(what))
    .collect();
    if !missing.is_empty() {
        out.push(cx.diagnostic(
            Code::ActIdentityIncomplete,
            format!(
                "the text does not state the act's {}; its id cannot be formed",
                missing.join(", ")
            ),
            cx.head.clone(),
        ));
    }
}

/// An act cannot amend or repeal an act adopted after it, nor lose force by
/// one adopted before it: one of the two dates is misprinted (Atbasar 37/9
/// dates itself 2025-03-18 and amends an act of 2025-12-18). Both are kept
/// as written; the reader is told.
pub(super) fn dated_before_its_targets(act: &Act, out: &mut Vec<Diagnostic>) {
    let Some(own) = &act.date else { return };
    let mut misdated = |what: &str, theirs: &Spanned<Date>, span: Span| {
        out.push(Diagnostic::new(
            Code::DateBeforeTarget,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{ActRef, LostForce};
    use crate::text::Text;

    fn date(s: &str, at: usize) -> Option<Spanned<Date>> {
        Some(Spanned::new(
            Date::parse(s).unwrap(),
            Span::new(at, at + 10),
        ))
    }

    fn cited(d: &str, at: usize) -> ActRef {
        ActRef {
            id: None,
            kind: None,
            issuer: None,
            date: date(d, at),
            number: None,
            title: None,
            text: Spanned::new("…".into(), Span::new(at, at + 10)),
        }
    }

    fn codes(out: &[Diagnostic]) -> Vec<Code> {
        out.iter().map(|d| d.code).collect()
    }

    #[test]
    fn an_act_without_date_and_number_has_an_incomplete_identity() {
        let text = Text::identity("Постановление акимата\nвторой абзац");
        let mut cx = super::super::tests::context(&text);
        cx.head = 0..21;
        let act = Act {
            kind: Some(Spanned::new(ActKind::Resolution, Span::new(0, 10))),
            ..Act::default()
        };
        let mut out = Vec::new();
        identity(&act, &cx, &mut out);
        assert_eq!(codes(&out), [Code::ActIdentityIncomplete]);
        assert!(out[0].message.contains("date, number, issuer"), "{out:?}");
        assert_eq!(out[0].span, text.source_span(0..21));
    }

    #[test]
    fn a_regulation_standing_alone_is_not_judged_on_its_identity() {
        let text = Text::identity("Регламент");
        let cx = super::super::tests::context(&text);
        let act = Act {
            kind: Some(Spanned::new(ActKind::Regulation, Span::new(0, 9))),
            ..Act::default()
        };
        let mut out = Vec::new();
        identity(&act, &cx, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn amending_a_later_act_is_a_misprint() {
        let act = Act {
            date: date("2025-03-18", 0),
            amends: vec![cited("2025-12-18", 100), cited("2024-01-01", 200)],
            ..Act::default()
        };
        let mut out = Vec::new();
        dated_before_its_targets(&act, &mut out);
        assert_eq!(codes(&out), [Code::DateBeforeTarget]);
        assert_eq!(
            out[0].span,
            Span::new(0, 10),
            "reported at the act's own date"
        );
    }

    #[test]
    fn losing_force_by_an_earlier_act_is_a_misprint() {
        let act = Act {
            date: date("2025-03-18", 0),
            lost_force: Some(LostForce {
                by: Some(cited("2020-05-05", 300)),
                effective: None,
                statement: Spanned::new("…".into(), Span::new(290, 320)),
            }),
            ..Act::default()
        };
        let mut out = Vec::new();
        dated_before_its_targets(&act, &mut out);
        assert_eq!(codes(&out), [Code::DateBeforeTarget]);
        assert_eq!(
            out[0].span,
            Span::new(300, 310),
            "reported at the repealer's date"
        );
    }
}
