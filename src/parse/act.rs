//! The act record, assembled from the segments.
//!
//! Where each fact comes from:
//! - kind, issuer, date, number: the requisites line, else the enacting
//!   clause ("аким села Бестобе РЕШИЛ") and the "Настоящее постановление"
//!   provisions;
//! - registration and loss of force: the requisites line and footnotes;
//! - status: the portal's badge, else a loss-of-force statement; never
//!   guessed;
//! - amends / repeals: the title and the operative points;
//! - approves: "Утвердить прилагаемые регламенты: 1) "…"" and the
//!   appendices' approval lines;
//! - approved_by: the approval line of a regulation that stands alone;
//! - signatory: the signature block; entry into force: its provision.

use super::Doc;
use super::act_ref::{self, RefMatch, refs_in, to_record};
use super::status::{entry_into_force, lost_force, registration};
use crate::record::{
    Act, ActKind, ActRef, Approval, Body, Code, Diagnostic, EntryIntoForce, Footnote, Issuer,
    LostForce, Registration, Signatory, Status,
};
use crate::segment::{Block, Class, Segments};
use crate::span::Spanned;
use std::ops::Range;

use crate::segment::MAX_PARAGRAPH;
/// A title is a line, not a page.
const MAX_TITLE: usize = 4 * 1024;

/// Assemble the act record; problems go to `diagnostics`. `approvals` are
/// the appendices' approving acts, in appendix order.
pub fn act(
    doc: &Doc<'_>,
    seg: &Segments,
    approvals: &[Option<ActRef>],
    diagnostics: &mut Vec<Diagnostic>,
) -> Act {
    let mut act = Act::default();
    report_oversized(doc, seg, diagnostics);
    let seg = &without_oversized(seg);
    header(doc, seg, &mut act, diagnostics);
    preamble(doc, seg, &mut act);
    operative(doc, seg, &mut act, diagnostics);
    act.signatory = signatory(doc, &seg.signature);
    issuer_from_signature(doc, seg, &mut act);
    standalone_regulation(doc, seg, approvals, &mut act);
    if act.kind.as_ref().map(|k| k.value) != Some(ActKind::Regulation) {
        appendix_approvals(doc, seg, approvals, &mut act);
    }
    act.id = match (&act.approved_by, act.kind.as_ref().map(|k| k.value)) {
        (Some(by), Some(ActKind::Regulation)) => {
            by.id.as_ref().map(|id| format!("{id}/!regulation"))
        }
        _ => act_ref::work_id(
            doc.g,
            act.kind.as_ref().map(|k| k.value),
            act.issuer.as_ref(),
            act.date.as_ref().map(|d| d.value),
            act.number.as_ref().map(|n| n.value.as_str()),
        ),
    };
    identity_from_appendix(doc, seg, &mut act, diagnostics);
    report_missing(doc, seg, &act, diagnostics);
    act
}

/// With no requisites, the first appendix heading names the act itself:
/// "Приложение к решению Атбасарского районного маслихата от 18 марта
/// 2026 года № 8С 37/3"; failing that, an approval stamp does: "Утвержден
/// приказом Министра здравоохранения Республики Казахстан от 12 марта 2017
/// года № 214" / "… 2018 жылғы 3 шілдедегі № 77 бұйрығымен бекітілген".
fn identity_from_appendix(
    doc: &Doc<'_>,
    seg: &Segments,
    act: &mut Act,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if act.date.is_some()
        || act.number.is_some()
        || act
            .kind
            .as_ref()
            .is_some_and(|k| k.value == ActKind::Regulation)
    {
        return;
    }
    let heading = seg.appendices.iter().find_map(|a| a.heading.first());
    let stamps = seg.appendices.iter().filter_map(|a| a.approved.as_ref());
    let Some(rec) = heading
        .into_iter()
        .chain(stamps)
        .find_map(|line| own_stamp(doc, line, act, diagnostics))
    else {
        return;
    };
    act.kind = act.kind.take().or(rec.kind);
    act.date = rec.date;
    act.number = rec.number;
    if act.issuer.as_ref().is_none_or(|i| {
        i.region.is_none() && rec.issuer.as_ref().is_some_and(|r| r.region.is_some())
    }) {
        act.issuer = rec.issuer.or(act.issuer.take());
    }
    act.id = act_ref::work_id(
        doc.g,
        act.kind.as_ref().map(|k| k.value),
        act.issuer.as_ref(),
        act.date.as_ref().map(|d| d.value),
        act.number.as_ref().map(|n| n.value.as_str()),
    );
}

/// The act an appendix heading or approval stamp names, when that can be
/// the act itself: a date or a number, the same kind and body as the text
/// says, and not an act this one amends or repeals. A stamp naming a
/// restating act ("в редакции приказа …") is another act's.
fn own_stamp(
    doc: &Doc<'_>,
    line: &Block,
    act: &Act,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ActRef> {
    let s = block_str(doc, line);
    if doc.g.edition.is_match(s) {
        return None;
    }
    let own = refs_in(doc, s).into_iter().next()?;
    let rec = to_record(doc, &own, diagnostics);
    let named = |r: &ActRef| {
        r.date.as_ref().map(|d| d.value) == rec.date.as_ref().map(|d| d.value)
            && r.number.as_ref().map(|n| &n.value) == rec.number.as_ref().map(|n| &n.value)
    };
    let other = differs(act.kind.as_ref(), rec.kind.as_ref())
        || differs(
            act.issuer.as_ref().and_then(|i| i.body.as_ref()),
            rec.issuer.as_ref().and_then(|i| i.body.as_ref()),
        )
        || act.amends.iter().chain(&act.repeals).any(named);
    (!other && (rec.date.is_some() || rec.number.is_some())).then_some(rec)
}

/// Two values that are both known and not the same.
fn differs<T: PartialEq>(a: Option<&Spanned<T>>, b: Option<&Spanned<T>>) -> bool {
    matches!((a, b), (Some(a), Some(b)) if a.value != b.value)
}

fn oversized(b: &Block) -> bool {
    b.range.len() > MAX_PARAGRAPH
}

fn report_oversized(doc: &Doc<'_>, seg: &Segments, diagnostics: &mut Vec<Diagnostic>) {
    let all = seg
        .header
        .iter()
        .map(|(b, _)| b)
        .chain(seg.operative.iter().map(|(b, _)| b))
        .chain(&seg.recitals)
        .chain(&seg.signature);
    for b in all.filter(|b| oversized(b)) {
        diagnostics.push(doc.diagnostic(
            Code::ParagraphTooLong,
            format!(
                "a paragraph of {} bytes (over {MAX_PARAGRAPH}); not read for facts",
                b.range.len()
            ),
            b.range.clone(),
        ));
    }
}

/// The segments with oversized blocks left out of fact-finding.
fn without_oversized(seg: &Segments) -> Segments {
    let mut s = seg.clone();
    s.header.retain(|(b, _)| !oversized(b));
    s.operative.retain(|(b, _)| !oversized(b));
    s.signature.retain(|b| !oversized(b));
    s
}

fn block_str<'a>(doc: &Doc<'a>, b: &Block) -> &'a str {
    doc.slice(b.range.clone())
}

/// Title, badge, requisites, footnotes.
fn header(doc: &Doc<'_>, seg: &Segments, act: &mut Act, diagnostics: &mut Vec<Diagnostic>) {
    for (i, (block, class)) in seg.header.iter().enumerate() {
        let s = block_str(doc, block);
        match class {
            Class::Badge => {
                if doc.g.lost_force_label.is_match(s) {
                    act.status = Status::LostForce;
                } else if doc.g.in_force_label.is_match(s) {
                    act.status = Status::InForce;
                }
            }
            Class::Requisites => requisites(doc, s, act, diagnostics),
            Class::Footnote => footnote(doc, s, block, act, diagnostics),
            Class::Plain if crate::segment::is_formula(doc.text, block, doc.g) => {}
            Class::Plain if block.range.len() > MAX_TITLE => diagnostics.push(doc.diagnostic(
                Code::TitleTooLong,
                format!("the first paragraph has {} bytes; too long to be a title", block.range.len()),
                block.range.clone(),
            )),
            Class::Plain if act.title.is_none() && (i == 0 || seg.header.iter().take(i).all(|(b, c)| *c != Class::Plain || crate::segment::is_formula(doc.text, b, doc.g))) => {
                act.title = Some(doc.text_at(block.range.clone()));
                title_links(doc, s, act, diagnostics);
            }
            _ => diagnostics.push(doc.diagnostic(
                Code::HeaderTextUnplaced,
                "text in the act's header that is neither its title, status, requisites nor a footnote",
                block.range.clone(),
            )),
        }
    }
}

/// "Постановление акимата … от … № 272. Зарегистрировано … № 4954.
/// Утратило силу постановлением … № 131".
fn requisites(doc: &Doc<'_>, s: &str, act: &mut Act, diagnostics: &mut Vec<Diagnostic>) {
    let refs = refs_in(doc, s);
    if let Some(own) = refs
        .first()
        .filter(|r| r.range.start - doc.at(s) < 4 || own_kazakh(doc, s, r))
    {
        set_identity(doc, own, act, diagnostics);
    }
    if let Some(r) = registration(doc, s) {
        act.registration = Some(Registration {
            authority: r.authority.map(|a| doc.text_at(a)),
            date: r
                .date
                .as_ref()
                .and_then(|d| act_ref::checked_date(doc, d, diagnostics)),
            number: r.number.and_then(|(n, range)| match n {
                Some(n) => Some(doc.spanned(n, range)),
                None => {
                    diagnostics.push(doc.diagnostic(
                        Code::NumberMissing,
                        "«№» with no number after it",
                        range,
                    ));
                    None
                }
            }),
        });
    }
    if let Some(l) = lost_force(doc, s) {
        let by = l.by.as_ref().map(|b| to_record(doc, b, diagnostics));
        let statement_end = l.by.as_ref().map_or(l.phrase.end, |b| b.range.end);
        let statement = doc.text_at(l.phrase.start..statement_end);
        act.status = Status::LostForce;
        merge_lost_force(
            act,
            LostForce {
                by,
                effective: None,
                statement,
            },
        );
    }
}

/// A Kazakh requisites line starts with the issuer, not the kind word.
fn own_kazakh(doc: &Doc<'_>, s: &str, r: &RefMatch) -> bool {
    r.range.start == doc.at(s) || doc.slice(doc.at(s)..r.range.start).trim().is_empty()
}

fn set_identity(doc: &Doc<'_>, own: &RefMatch, act: &mut Act, diagnostics: &mut Vec<Diagnostic>) {
    let rec = to_record(doc, own, diagnostics);
    act.kind = act.kind.take().or(rec.kind);
    act.issuer = act.issuer.take().or(rec.issuer);
    act.date = act.date.take().or(rec.date);
    act.number = act.number.take().or(rec.number);
    if act.title.is_none() {
        act.title = rec.title;
    }
}

/// A later statement adds what an earlier one lacked (the footnote gives
/// the repealing act's entry-into-force rule; the requisites line may not).
fn merge_lost_force(act: &mut Act, new: LostForce) {
    match &mut act.lost_force {
        None => act.lost_force = Some(new),
        Some(old) => {
            if old.by.as_ref().is_none_or(|b| {
                b.date.is_none() && new.by.as_ref().is_some_and(|n| n.date.is_some())
            }) {
                old.by = new.by.or(old.by.take());
            }
            if old.effective.is_none() {
                old.effective = new.effective;
            }
        }
    }
}

/// "Сноска. Утратило силу постановлением … (вводится в действие …)".
fn footnote(
    doc: &Doc<'_>,
    s: &str,
    block: &Block,
    act: &mut Act,
    diagnostics: &mut Vec<Diagnostic>,
) {
    act.footnotes.push(Footnote {
        text: doc.text_at(block.range.clone()),
    });
    if let Some(l) = lost_force(doc, s) {
        let by = l.by.as_ref().map(|b| to_record(doc, b, diagnostics));
        let effective = entry_into_force(doc, s).map(|e| entry_record(doc, &e));
        act.status = Status::LostForce;
        merge_lost_force(
            act,
            LostForce {
                by,
                effective,
                statement: doc.text_at(block.range.clone()),
            },
        );
    }
}

/// The entry-into-force record of a found provision.
pub fn entry_record(doc: &Doc<'_>, e: &super::status::EntryMatch) -> EntryIntoForce {
    EntryIntoForce {
        rule: e.rule,
        days: e.days.clone().map(|(d, r)| doc.spanned(d, r)),
        date: e
            .date
            .as_ref()
            .and_then(|d| d.raw.validate().map(|v| doc.spanned(v, d.range.clone()))),
        text: doc.text_at(e.range.clone()),
    }
}

/// "О внесении изменений … в постановление …": the act amended.
/// "О признании утратившим силу постановление …": the act repealed.
fn title_links(doc: &Doc<'_>, s: &str, act: &mut Act, diagnostics: &mut Vec<Diagnostic>) {
    let refs = refs_in(doc, s);
    if doc.g.amend_title.is_match(s) {
        if let Some(r) = refs.first() {
            push_unique(&mut act.amends, to_record(doc, r, diagnostics));
        }
    }
    if doc.g.repeal_title.is_match(s) {
        for r in &refs {
            push_unique(&mut act.repeals, to_record(doc, r, diagnostics));
        }
    }
}

/// Add a reference unless the same act is already listed.
fn push_unique(list: &mut Vec<ActRef>, r: ActRef) {
    let same = |a: &ActRef| match (&a.id, &r.id) {
        (Some(x), Some(y)) => x == y,
        _ => a.text.value == r.text.value,
    };
    if !list.iter().any(same) {
        list.push(r);
    }
}

/// Kind and issuer from the enacting clause when no requisites gave them.
fn preamble(doc: &Doc<'_>, seg: &Segments, act: &mut Act) {
    let Some(block) = &seg.preamble else { return };
    let s = block_str(doc, block);
    let enacting: Vec<(ActKind, Range<usize>)> = doc.g.enacting.find_iter(s).collect();
    let Some((kind, m)) = enacting.last().cloned() else {
        return;
    };
    let base = doc.at(s);
    // "Акимат … ПОСТАНОВЛЯЕТ и маслихат … РЕШИЛ": a joint act.
    let joint = enacting.iter().any(|(k, _)| *k != kind);
    if act.kind.is_none() {
        let first = enacting.first().map_or(m.start, |(_, r)| r.start);
        act.kind = Some(if joint {
            doc.spanned(ActKind::Joint, base + first..base + m.end)
        } else {
            doc.spanned(kind, base + m.start..base + m.end)
        });
    }
    if act.issuer.is_none() {
        // The issuer stands right before the enacting word, after the legal
        // basis: past its last quote, comma, closing bracket or colon.
        let before = s.get(..m.start).unwrap_or("");
        let clause_start = before.rfind(['"', ',', ')', ':']).map_or(0, |i| i + 1);
        let clause = before.get(clause_start..).unwrap_or("");
        if let Some((body, bm)) = doc.g.bodies.find_iter(clause).last() {
            // "Атбасарский районный маслихат": a short clause is the name.
            let lead = clause.len() - clause.trim_start().len();
            let from = if clause.split_whitespace().count() <= 8 {
                lead
            } else {
                bm.start
            };
            let start = base + clause_start + from;
            let end = base + clause_start + clause.trim_end().len();
            let body_range = base + clause_start + bm.start..base + clause_start + bm.end;
            act.issuer = Some(issuer(doc, body, body_range, start..end));
        }
    }
}

/// An issuer record from its body word (and where it stands) and its name.
fn issuer(doc: &Doc<'_>, body: Body, body_range: Range<usize>, r: Range<usize>) -> Issuer {
    let s = doc.slice(r.clone());
    let national = doc.g.country.is_match(s) || !body.is_local();
    let region = if national {
        None
    } else {
        act_ref::region(doc, s).map(|(c, m)| doc.spanned(c, r.start + m.start..r.start + m.end))
    };
    Issuer {
        body: Some(doc.spanned(body, body_range)),
        region,
        name: doc.text_at(r),
    }
}

/// Amendments, repeals, approvals and entry into force in the points.
fn operative(doc: &Doc<'_>, seg: &Segments, act: &mut Act, diagnostics: &mut Vec<Diagnostic>) {
    let mut approving = false;
    for (block, class) in &seg.operative {
        let s = block_str(doc, block);
        if matches!(class, Class::Point) {
            approving = false;
        }
        if doc.g.amend.is_match(s) {
            if let Some(r) = nearest_ref(doc, s, &doc.g.amend) {
                push_unique(&mut act.amends, to_record(doc, &r, diagnostics));
            }
        }
        if doc.g.repeal.is_match(s) {
            for r in refs_in(doc, s) {
                push_unique(&mut act.repeals, to_record(doc, &r, diagnostics));
            }
        }
        if *class == Class::Point
            && doc.g.approve.is_match(s)
            && doc
                .g
                .kinds
                .find_iter(s)
                .any(|(k, _)| k == ActKind::Regulation)
        {
            approving = true;
        }
        if approving && *class == Class::Subpoint {
            if let Some(name) = quoted_name(doc, s) {
                act.approves.push(Approval {
                    regulation: None,
                    service: name,
                    of: None,
                });
            }
        }
        if act.entry_into_force.is_none() {
            if let Some(e) = entry_into_force(doc, s) {
                act.entry_into_force = Some(entry_record(doc, &e));
            }
        }
    }
}

/// The reference the amend phrase governs: the one after it (Russian) or,
/// failing that, the one before it (Kazakh).
pub fn nearest_ref(doc: &Doc<'_>, s: &str, phrase: &crate::grammar::Phrases) -> Option<RefMatch> {
    let (_, m) = phrase.find(s)?;
    let base = doc.at(s);
    let refs = refs_in(doc, s);
    refs.iter()
        .find(|r| r.range.start >= base + m.end)
        .or_else(|| refs.iter().rev().find(|r| r.range.end <= base + m.start))
        .cloned()
}

/// The first quoted name in a list item: `1) "Регистрация …";`. A stray
/// closing quote before it (`услуги" "Выдача …"`) is passed over.
pub fn quoted_name(doc: &Doc<'_>, s: &str) -> Option<Spanned<String>> {
    let opening = |i: usize| {
        let prev = s.get(..i).and_then(|p| p.chars().last());
        let next = s.get(i + 1..).and_then(|r| r.chars().next());
        prev.is_none_or(|c| c == ' ' || c == '(') && next.is_some_and(char::is_alphanumeric)
    };
    let q = s
        .match_indices('"')
        .map(|(i, _)| i)
        .find(|&i| opening(i))
        .or_else(|| s.find('"'))?;
    let t = s.get(q..)?;
    let (inner, _) = act_ref::quoted(t)?;
    let base = doc.at(s) + q;
    let r = base + inner.start..base + inner.end;
    let name = doc.slice(r.clone()).trim_end_matches(['"', ';', '.', ' ']);
    Some(doc.spanned(name.to_string(), r.start..r.start + name.len()))
}

/// The signature: position lines, then a name. A position over several
/// lines is joined with spaces; its span covers them all.
fn signatory(doc: &Doc<'_>, blocks: &[Block]) -> Option<Signatory> {
    let name_re = name_regex()?;
    let mut position: Vec<Range<usize>> = Vec::new();
    for b in blocks {
        let s = block_str(doc, b);
        if let Some(m) = name_re.find(s) {
            let base = doc.at(s);
            let before = s.get(..m.start()).unwrap_or("").trim_end();
            if !before.is_empty() {
                position.push(base..base + before.len());
            }
            let pos = (!position.is_empty()).then(|| {
                let text = position
                    .iter()
                    .map(|r| doc.slice(r.clone()).trim())
                    .collect::<Vec<_>>()
                    .join(" ");
                let hull = position
                    .iter()
                    .fold(position.first().map_or(0..0, Clone::clone), |h, r| {
                        h.start.min(r.start)..h.end.max(r.end)
                    });
                doc.spanned(text, hull)
            });
            return Some(Signatory {
                position: pos,
                name: doc.spanned(m.as_str().to_string(), base + m.start()..base + m.end()),
            });
        }
        position.push(b.range.clone());
    }
    None
}

/// With no subject in the enacting clause («…, ПРИКАЗЫВАЮ:», «БҰЙЫРАМЫН:»,
/// «…, решил:»), the first signatory's position names the body: «Министр
/// энергетики Республики Казахстан» (a ministry), «Облыс әкімі» (an akim),
/// a session's chairman or a secretary of a maslikhat. A resolution is
/// signed by the head of the body that adopted it, so its signature does
/// not say the body.
fn issuer_from_signature(doc: &Doc<'_>, seg: &Segments, act: &mut Act) {
    let decided_alone = act
        .kind
        .as_ref()
        .is_some_and(|k| matches!(k.value, ActKind::Decision | ActKind::Order));
    if act.issuer.is_some() || !decided_alone {
        return;
    }
    let Some(name_re) = name_regex() else { return };
    for b in &seg.signature {
        let s = block_str(doc, b);
        let name_at = name_re.find(s).map(|m| m.start());
        let position = s.get(..name_at.unwrap_or(s.len())).unwrap_or("").trim_end();
        let base = doc.at(s);
        let found = doc.g.bodies.find(position).or_else(|| {
            // Only a maslikhat holds sessions: «Председатель сессии».
            doc.g
                .session
                .find(position)
                .map(|(_, m)| (Body::Maslikhat, m))
        });
        if let Some((body, m)) = found {
            let body_range = base + m.start..base + m.end;
            act.issuer = Some(issuer(doc, body, body_range, base..base + position.len()));
            return;
        }
        // The first signatory's name: its position named no body.
        if name_at.is_some() {
            return;
        }
    }
}

/// A signing name: initials and surname ("А.Кульгинов", "Б. Байбек",
/// "К. ТОКАЕВ") at the end of a line.
fn name_regex() -> Option<&'static regex::Regex> {
    static RE: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    RE.get_or_init(|| regex::Regex::new(r"(?:\p{Lu}\.\s?){1,2}\p{Lu}[\p{L}\-]+$").ok())
        .as_ref()
}

/// Appendices approved by another act (a new edition of its regulation)
/// are recorded as approvals of that act's regulations.
fn appendix_approvals(doc: &Doc<'_>, seg: &Segments, approvals: &[Option<ActRef>], act: &mut Act) {
    for (a, by) in seg.appendices.iter().zip(approvals) {
        if a.approved.is_none() && a.heading.get(1).is_none() {
            continue;
        }
        let Some(title) = a.body.iter().find(|(_, c)| *c == Class::RegulationTitle) else {
            continue;
        };
        let Some(service) = quoted_name(doc, block_str(doc, &title.0)) else {
            continue;
        };
        let by = by.clone();
        let own_date = act.date.as_ref().map(|d| d.value);
        let own_number = act.number.as_ref().map(|n| n.value.clone());
        let of = by.filter(|b| {
            b.date.as_ref().map(|d| d.value) != own_date
                || b.number.as_ref().map(|n| n.value.clone()) != own_number
        });
        let listed = act
            .approves
            .iter_mut()
            .find(|x| same_service(&x.service.value, &service.value));
        match listed {
            Some(x) => x.of = x.of.take().or(of),
            None if of.is_some() => act.approves.push(Approval {
                regulation: None,
                service,
                of,
            }),
            None => {}
        }
    }
}

pub use crate::text::same_service;

/// A text that is only an attachment ("… № 278 қаулысымен бекітілген" then
/// the regulation) is a regulation approved by that act.
fn standalone_regulation(
    doc: &Doc<'_>,
    seg: &Segments,
    approvals: &[Option<ActRef>],
    act: &mut Act,
) {
    if act.kind.is_some()
        || act.date.is_some()
        || !seg.operative.is_empty()
        || seg.preamble.is_some()
    {
        return;
    }
    let Some(first) = seg.appendices.first() else {
        return;
    };
    let Some(title) = first
        .body
        .iter()
        .find(|(_, c)| *c == Class::RegulationTitle)
    else {
        return;
    };
    let kind_range = doc
        .g
        .kinds
        .find_iter(block_str(doc, &title.0))
        .last()
        .map(|(_, m)| {
            doc.at(block_str(doc, &title.0)) + m.start..doc.at(block_str(doc, &title.0)) + m.end
        });
    act.kind = Some(doc.spanned(
        ActKind::Regulation,
        kind_range.unwrap_or(title.0.range.clone()),
    ));
    if act.title.is_none() {
        act.title = Some(doc.text_at(title.0.range.clone()));
    }
    if first.approved.is_some() {
        act.approved_by = approvals.first().cloned().flatten();
    }
}

/// The act's first header paragraph that is read for facts: where findings
/// about the act as a whole are reported.
pub fn head(seg: &Segments) -> Range<usize> {
    seg.header
        .iter()
        .map(|(b, _)| b)
        .find(|b| !oversized(b))
        .map_or(0..0, |b| b.range.clone())
}

/// What the text leaves out about who approved a regulation standing alone
/// and where a local body sits. (An incomplete identity is judged in
/// [`crate::validate`].)
fn report_missing(doc: &Doc<'_>, seg: &Segments, act: &Act, diagnostics: &mut Vec<Diagnostic>) {
    let whole = head(seg);
    if act.kind.as_ref().map(|k| k.value) == Some(ActKind::Regulation) {
        if act.approved_by.is_none() {
            diagnostics.push(doc.diagnostic(
                Code::ApprovedByMissing,
                "a regulation standing alone, but no act approving it is named",
                whole,
            ));
        }
        return;
    }
    let regional = act
        .issuer
        .as_ref()
        .and_then(|i| i.body.as_ref())
        .is_some_and(|b| b.value.is_local());
    if regional && act.issuer.as_ref().is_some_and(|i| i.region.is_none()) {
        diagnostics.push(doc.diagnostic(
            Code::RegionUnknown,
            "a local body whose oblast the text does not name",
            whole,
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::record::{Act, ActKind, Body};
    use crate::source::Source;

    /// The act record of an invented text; `name` gives its format.
    fn act(name: &str, text: &str) -> Act {
        let source = Source::from_bytes(name, text.as_bytes().to_vec()).expect("decodes");
        crate::pipeline::document(&source, crate::grammar::for_tests()).act
    }

    /// Kind, body, date and number, as the record gives them.
    fn identity(
        a: &Act,
    ) -> (
        Option<ActKind>,
        Option<Body>,
        Option<String>,
        Option<String>,
    ) {
        (
            a.kind.as_ref().map(|k| k.value),
            a.issuer
                .as_ref()
                .and_then(|i| i.body.as_ref())
                .map(|b| b.value),
            a.date.as_ref().map(|d| d.value.to_string()),
            a.number.as_ref().map(|n| n.value.clone()),
        )
    }

    const ORDER_RU: &str = "# Об утверждении Правил оказания государственной услуги «Выдача лицензии»\n\nВ соответствии с подпунктом 1) статьи 10 Закона Республики Казахстан «О государственных услугах» ПРИКАЗЫВАЮ:\n\n1. Утвердить прилагаемые Правила оказания государственной услуги «Выдача лицензии».\n\n2. Настоящий приказ вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования.\n\n**Министр здравоохранения Республики Казахстан**\n\n**Е. Биртанов**\n\n";
    const RULES_RU: &str = "\n\n## Правила оказания государственной услуги «Выдача лицензии»\n\n### Глава 1. Общие положения\n\n1. Настоящие Правила определяют порядок.\n";

    /// Issue 9: the approval stamp of the act's own annex gives its kind,
    /// issuer, date and number when no requisites line does.
    #[test]
    fn a_russian_approval_stamp_names_the_act() {
        let stamp = "> *Утвержден*  \n> *приказом Министра здравоохранения Республики Казахстан*  \n> *от 12 марта 2017 года № 214*";
        let a = act("t.md", &format!("{ORDER_RU}{stamp}{RULES_RU}"));
        assert_eq!(
            identity(&a),
            (
                Some(ActKind::Order),
                Some(Body::Ministry),
                Some("2017-03-12".into()),
                Some("214".into())
            )
        );
    }

    #[test]
    fn a_kazakh_approval_stamp_names_the_act() {
        let text = "# «Лицензия беру» мемлекеттік көрсетілетін қызмет қағидаларын бекіту туралы\n\n«Мемлекеттік көрсетілетін қызметтер туралы» Қазақстан Республикасы Заңының 10-бабының 1) тармақшасына сәйкес БҰЙЫРАМЫН:\n\n1. Қоса беріліп отырған «Лицензия беру» мемлекеттік көрсетілетін қызмет қағидалары бекітілсін.\n\n**Қазақстан Республикасының Энергетика министрі**\n\n**Қ. Бозымбаев**\n\n> *Қазақстан Республикасы Энергетика министрінің 2018 жылғы 3 шілдедегі № 77 бұйрығымен бекітілген*\n\n## «Лицензия беру» мемлекеттік көрсетілетін қызмет қағидалары\n\n### 1-тарау. Жалпы ережелер\n\n1. Осы қағидалар тәртібін айқындайды.\n";
        assert_eq!(
            identity(&act("t.md", text)),
            (
                Some(ActKind::Order),
                Some(Body::Ministry),
                Some("2018-07-03".into()),
                Some("77".into())
            )
        );
    }

    /// The number may come before the date.
    #[test]
    fn a_stamp_with_its_number_first() {
        let text = "О порядке выдачи разрешений\n\nВ соответствии с Законом Республики Казахстан \"О местном государственном управлении\" аким Северо-Казахстанской области РЕШИЛ:\n\n1. Утвердить прилагаемый порядок выдачи разрешений.\n\nАким области\n\nА. Иванов\n\nУТВЕРЖДЕНО решением акима Северо-Казахстанской области № 12 от 04.02.2001г.\n\nПорядок выдачи разрешений\n\n1. Разрешение выдается.\n";
        assert_eq!(
            identity(&act("t.txt", text)),
            (
                Some(ActKind::Decision),
                Some(Body::Akim),
                Some("2001-02-04".into()),
                Some("12".into())
            )
        );
    }

    /// The stamp of a restated annex names the act being amended, not this
    /// one.
    #[test]
    fn the_stamp_of_an_amended_act_gives_nothing() {
        let text = "# О внесении изменения в приказ Министра здравоохранения Республики Казахстан от 12 марта 2017 года № 214 «Об утверждении Правил»\n\nПРИКАЗЫВАЮ:\n\n1. Внести в приказ Министра здравоохранения Республики Казахстан от 12 марта 2017 года № 214 «Об утверждении Правил» следующее изменение: Правила изложить в новой редакции согласно приложению к настоящему приказу.\n\n**Министр здравоохранения Республики Казахстан**\n\n**Е. Биртанов**\n\n> *Утвержден*  \n> *приказом Министра здравоохранения Республики Казахстан*  \n> *от 12 марта 2017 года № 214*\n\n## Правила оказания государственной услуги «Выдача лицензии»\n\n### Глава 1. Общие положения\n\n1. Настоящие Правила определяют порядок.\n";
        let a = act("t.md", text);
        assert_eq!(a.amends.len(), 1);
        assert_eq!((a.date, a.number), (None, None));
    }

    /// Issue 9: with no subject in the enacting clause, the signature says
    /// the body.
    #[test]
    fn the_signature_decides_the_body() {
        let order = act("t.md", ORDER_RU);
        assert_eq!(identity(&order).1, Some(Body::Ministry));
        assert_eq!(
            order.issuer.map(|i| i.name.value).as_deref(),
            Some("Министр здравоохранения Республики Казахстан")
        );
        let akim = "Об установлении карантина\n\nВ соответствии с Законом Республики Казахстан «О ветеринарии» ШЕШІМ ҚАБЫЛДАЙМЫН:\n\n1. Карантин белгіленсін.\n\n**Облыс әкімі**\n\n**Б. Сапарбаев**\n";
        assert_eq!(identity(&act("t.md", akim)).1, Some(Body::Akim));
        for chairman in [
            "**Председатель сессии Аккольского районного маслихата**\n\n**А. Мананбаева**\n\n**Секретарь Аккольского районного маслихата**\n\n**Д. Салыбекова**\n",
            "**Председатель сессии**\n\n**А. Мананбаева**\n",
            "**Ақкөл аудандық мәслихатының хатшысы**\n\n**Ж. Салыбекова**\n",
        ] {
            let text = format!(
                "О повышении ставок\n\nВ соответствии со статьей 6 Закона Республики Казахстан, решил:\n\n1. Повысить ставки.\n\n{chairman}"
            );
            assert_eq!(
                identity(&act("t.md", &text)).1,
                Some(Body::Maslikhat),
                "{chairman}"
            );
        }
    }

    /// A stamp naming another act does not: the act that restated the
    /// annex, or an act of another body.
    #[test]
    fn a_stamp_naming_another_act_gives_nothing() {
        for stamp in [
            "> *Утвержден приказом Министра здравоохранения Республики Казахстан от 12 марта 2017 года № 214 (в редакции приказа Министра здравоохранения Республики Казахстан от 5 мая 2019 года № 30)*",
            "> *Утвержден*  \n> *постановлением Правительства Республики Казахстан*  \n> *от 12 марта 2017 года № 214*",
        ] {
            let a = act("t.md", &format!("{ORDER_RU}{stamp}{RULES_RU}"));
            assert_eq!((a.date, a.number), (None, None), "{stamp}");
        }
    }
}
