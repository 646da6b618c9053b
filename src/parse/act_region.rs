//! The region of an act's own issuer when its words are generic («Аким
//! области», «облыстық мәслихат»): read from the act's context.
//!
//! The context is read only when the issuer's own words name no region,
//! and never overrides them: the words just before the issuer in the
//! enacting clause, else the one oblast that the title, the requisites
//! (registration, loss of force), the footnotes, the appendix stamps and
//! the entry-into-force provision name together. Several oblasts, or none,
//! leave the region unknown, with a diagnostic. How words name a region is
//! [`super::region`]'s.

use super::Doc;
use super::act_ref;
use super::region::{Named, all_named, named, successor_note};
use crate::record::{Act, ActKind, Code, Date, Diagnostic, Issuer};
use crate::segment::{Class, Segments};
use std::collections::BTreeSet;

/// Give the act's own local issuer its region: from its own words (as of
/// the act's date), else from the context. Runs once, at the end of
/// [`super::act::act`]; the work id follows the region.
pub fn resolve(doc: &Doc<'_>, seg: &Segments, act: &mut Act, diagnostics: &mut Vec<Diagnostic>) {
    let date = act.date.as_ref().map(|d| d.value);
    let Some(issuer) = act.issuer.as_mut() else {
        return;
    };
    if !issuer.body.as_ref().is_some_and(|b| b.value.is_local()) {
        return;
    }
    let found = own_words(doc, issuer, date)
        .or_else(|| {
            issuer
                .region
                .is_none()
                .then(|| before_issuer(doc, seg, date))
                .flatten()
        })
        .or_else(|| {
            issuer
                .region
                .is_none()
                .then(|| from_context(doc, seg, date, diagnostics))
                .flatten()
        });
    let Some(found) = found else { return };
    diagnostics.extend(successor_note(doc, &found));
    issuer.region = Some(doc.spanned(found.code, found.range));
    refresh_id(doc, act);
}

/// The issuer's own words, found again in the text (the record keeps only
/// their span in the original), read as of the act's date.
fn own_words(doc: &Doc<'_>, issuer: &Issuer, date: Option<Date>) -> Option<Named> {
    let name = issuer.name.value.as_str();
    if name.is_empty() {
        return None;
    }
    let at = doc
        .text
        .match_indices(name)
        .map(|(i, _)| i..i + name.len())
        .find(|r| doc.span(r.clone()) == issuer.name.span)?;
    named(doc, doc.slice(at), date)
}

/// «… сәйкес Қарағанды облысының мәслихаты ШЕШІМ ЕТТІ»: a long enacting
/// clause leaves the issuer its body word alone, but the region named just
/// before it (with only qualifier words between) is the issuer's.
fn before_issuer(doc: &Doc<'_>, seg: &Segments, date: Option<Date>) -> Option<Named> {
    let block = seg.preamble.as_ref()?;
    let s = doc.slice(block.range.clone());
    let (_, enacting) = doc.g.enacting.find_iter(s).last()?;
    let before = s.get(..enacting.start)?;
    let clause_start = before.rfind(['"', ',', ')', ':']).map_or(0, |i| i + 1);
    let clause = before.get(clause_start..)?;
    let (_, body) = doc.g.bodies.find_iter(clause).last()?;
    let head = clause.get(..body.start)?;
    let last = all_named(doc, head, date).into_iter().last()?;
    let gap = doc.slice(last.range.end..doc.at(head) + head.len());
    gap.split_whitespace()
        .all(|w| doc.g.region_qualifiers.matches_whole(w))
        .then_some(last)
}

/// The one oblast the title, the requisites, the footnotes, the appendix
/// stamps and the entry-into-force provision name; several give a
/// diagnostic and none.
fn from_context(
    doc: &Doc<'_>,
    seg: &Segments,
    date: Option<Date>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Named> {
    let header = seg
        .header
        .iter()
        .filter(|(_, c)| matches!(c, Class::Plain | Class::Requisites | Class::Footnote))
        .map(|(b, _)| b);
    let stamps = seg
        .appendices
        .iter()
        .flat_map(|a| a.heading.iter().chain(a.approved.as_ref()));
    let entry = seg.operative.iter().map(|(b, _)| b).filter(|b| {
        let s = doc.slice(b.range.clone());
        doc.g.entry_into_force.is_match(s) || doc.g.from_registration.is_match(s)
    });
    let found: Vec<Named> = header
        .chain(stamps)
        .chain(entry)
        .filter(|b| b.range.len() <= crate::segment::MAX_PARAGRAPH)
        .flat_map(|b| all_named(doc, doc.slice(b.range.clone()), date))
        .collect();
    let codes: BTreeSet<&str> = found.iter().map(|n| n.code.as_str()).collect();
    if codes.len() > 1 {
        let list = codes.into_iter().collect::<Vec<_>>().join(", ");
        diagnostics.push(doc.diagnostic(
            Code::RegionAmbiguous,
            format!("the issuer names no oblast, and the text names several: {list}"),
            seg.head(),
        ));
        return None;
    }
    found.into_iter().next()
}

/// The work id again, now that the region is known (a regulation standing
/// alone keeps the id of the act approving it).
fn refresh_id(doc: &Doc<'_>, act: &mut Act) {
    if act.kind.as_ref().map(|k| k.value) == Some(ActKind::Regulation) {
        return;
    }
    act.id = act_ref::act_id(doc.g, act);
}
