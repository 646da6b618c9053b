//! An act folder's records: one per text, each carrying the facts of the
//! folder's meta.yaml `requisite:` line.
//!
//! The requisite line is the official requisites, read by the same grammar
//! as any requisites line. What it states outranks what was inferred from
//! the text; where the two disagree, a `requisite-disagrees` diagnostic
//! names both. Values taken from it keep their spans, marked as
//! meta.yaml's. The folder's texts share one work id.

use crate::grammar::Grammar;
use crate::parse::act_ref::act_id;
use crate::record::{
    Act, ActKind, Code, Diagnostic, Document, InMeta, Issuer, LostForce, MetaInfo, Registration,
    Status,
};
use crate::source::Folder;
use crate::span::{Span, Spanned};
use serde::Serialize;

/// The records of an act folder's texts, in `rus.md`, `kaz.md` order. The
/// folder is one act: every record gets one work id, the requisite's, else
/// the first a text gives.
pub fn folder(f: &Folder, g: &Grammar) -> Vec<Document> {
    let requisite = f.meta.requisite.as_ref().map(|s| super::document(s, g).act);
    let meta = MetaInfo {
        path: f.meta.path.display().to_string(),
        sha256: f.meta.sha256.clone(),
    };
    let mut docs: Vec<Document> = f
        .texts
        .iter()
        .map(|t| {
            let mut d = super::read(t, g, requisite.as_ref());
            d.source.meta = Some(meta.clone());
            d
        })
        .collect();
    let id = docs.iter().find_map(|d| d.act.id.clone());
    for d in &mut docs {
        d.act.id.clone_from(&id);
    }
    crate::validate::languages_agree(&mut docs);
    docs
}

/// Put the requisite's facts into the text's act.
pub(super) fn apply(act: &mut Act, req: &Act, g: &Grammar, found: &mut Vec<Diagnostic>) {
    // A text whose enacting clause has two bodies is a joint act; a
    // requisite line naming the first of its two acts does not undo that.
    if act.kind.as_ref().map(|k| k.value) != Some(ActKind::Joint) {
        take(&mut act.kind, &req.kind, "kind", found);
    }
    take(&mut act.date, &req.date, "date", found);
    take(&mut act.number, &req.number, "number", found);
    act.issuer = issuer(act.issuer.take(), req.issuer.as_ref(), found);
    act.registration = registration(act.registration.take(), req.registration.as_ref(), found);
    act.lost_force = lost_force(act.lost_force.take(), req.lost_force.as_ref(), found);
    if req.status != Status::Unknown {
        act.status = req.status;
    }
    act.id = act_id(g, act).or(act.id.take());
    // What the text alone could not say, the requisite may have said.
    if act.issuer.as_ref().is_some_and(|i| i.region.is_some()) {
        found.retain(|d| d.code != Code::RegionUnknown);
    }
}

/// The requisite's value, if it states one; a different value the text
/// stated is reported at the text's span.
fn take<T: Clone + PartialEq + Serialize>(
    field: &mut Option<Spanned<T>>,
    req: &Option<Spanned<T>>,
    name: &str,
    found: &mut Vec<Diagnostic>,
) {
    let Some(r) = req else { return };
    if let Some(t) = field.as_ref().filter(|t| t.value != r.value) {
        found.push(disagree(name, &r.value, &t.value, t.span));
    }
    *field = Some(r.clone().in_meta());
}

fn disagree<T: Serialize>(name: &str, req: &T, text: &T, at: Span) -> Diagnostic {
    Diagnostic::new(
        Code::RequisiteDisagrees,
        format!(
            "{name}: the requisite in meta.yaml says {}, the text says {}; the requisite's is kept",
            shown(req),
            shown(text)
        ),
        at,
    )
}

/// A value as a reader knows it from the record (`order`, `2016-08-12`).
fn shown<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// The requisite's issuer, its body and region compared with the text's
/// (names differ by case alone: «маслихат» / «маслихата»). What it does
/// not say (a body it names in words the grammar does not know) the text
/// may still say.
fn issuer(
    text: Option<Issuer>,
    req: Option<&Issuer>,
    found: &mut Vec<Diagnostic>,
) -> Option<Issuer> {
    let Some(r) = req else { return text };
    let mut out = r.clone().in_meta();
    if let Some(t) = text {
        let mut body = t.body;
        take(&mut body, &r.body, "issuer body", found);
        out.body = body;
        // A national body has no region, whatever the text inferred.
        let national = out.body.as_ref().is_some_and(|b| !b.value.is_local());
        let mut region = t.region;
        take(&mut region, &r.region, "region", found);
        out.region = if national { None } else { region };
    }
    Some(out)
}

fn registration(
    text: Option<Registration>,
    req: Option<&Registration>,
    found: &mut Vec<Diagnostic>,
) -> Option<Registration> {
    let Some(r) = req else { return text };
    let mut out = r.clone().in_meta();
    if let Some(t) = text {
        let (mut date, mut number) = (t.date, t.number);
        take(&mut date, &r.date, "registration date", found);
        take(&mut number, &r.number, "registration number", found);
        out.date = date;
        out.number = number;
        out.authority = out.authority.or(t.authority);
    }
    Some(out)
}

/// The requisite's loss of force outranks a footnote's; the footnote's
/// entry-into-force rule stays when the requisite states none.
fn lost_force(
    text: Option<LostForce>,
    req: Option<&LostForce>,
    found: &mut Vec<Diagnostic>,
) -> Option<LostForce> {
    let Some(r) = req else { return text };
    let mut out = r.clone().in_meta();
    if let Some(t) = text {
        let by = |l: &LostForce| {
            l.by.as_ref().map(|b| {
                (
                    b.date.as_ref().map(|d| d.value),
                    b.number.as_ref().map(|n| n.value.clone()),
                )
            })
        };
        if let (Some(rb), Some(tb)) = (by(r), by(&t))
            && rb != tb
        {
            found.push(disagree(
                "lost force by",
                &shown_ref(&rb),
                &shown_ref(&tb),
                t.statement.span,
            ));
        }
        out.effective = out.effective.or(t.effective);
        out.by = out.by.or(t.by);
    }
    Some(out)
}

fn shown_ref((date, number): &(Option<crate::record::Date>, Option<String>)) -> String {
    let date = date.map(|d| shown(&d)).unwrap_or_default();
    format!(
        "{} № {}",
        date.trim_matches('"'),
        number.as_deref().unwrap_or("?")
    )
}
