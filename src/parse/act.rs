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
    repeal_annexes(doc, seg, &mut act, diagnostics);
    law(doc, seg, &mut act);
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
        _ => act_ref::act_id(doc.g, &act),
    };
    identity_from_appendix(doc, seg, &mut act, diagnostics);
    super::act_region::resolve(doc, seg, &mut act, diagnostics);
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
    act.id = act_ref::act_id(doc.g, act);
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
    if doc.g.amend_title.is_match(s)
        && let Some(r) = refs.first().cloned().or_else(|| kazakh_law_ref(doc, s))
    {
        push_unique(&mut act.amends, to_record(doc, &r, diagnostics));
    }
    if doc.g.repeal_title.is_match(s) {
        for r in &refs {
            push_unique(&mut act.repeals, to_record(doc, r, diagnostics));
        }
    }
}

/// Add a reference unless the same act is already listed. The same act
/// named twice (undated in the title, dated in the operative point) is
/// kept once, with what the fuller citation says.
fn push_unique(list: &mut Vec<ActRef>, r: ActRef) {
    let same = |a: &ActRef| match (&a.id, &r.id) {
        (Some(x), Some(y)) => x == y,
        _ => a.text.value == r.text.value || same_act(a, &r),
    };
    match list.iter_mut().find(|a| same(a)) {
        None => list.push(r),
        Some(a) if fuller(&r, a) => *a = r,
        Some(_) => {}
    }
}

/// Two citations of one act: the same kind and quoted title, and no date
/// or number that differs.
fn same_act(a: &ActRef, b: &ActRef) -> bool {
    let value = |k: &Option<Spanned<ActKind>>| k.as_ref().map(|k| k.value);
    let words = |t: &Spanned<String>| t.value.split_whitespace().collect::<Vec<_>>().join(" ");
    let agree = |x: Option<String>, y: Option<String>| x.is_none() || y.is_none() || x == y;
    let titled = match (&a.title, &b.title) {
        (Some(x), Some(y)) => words(x) == words(y),
        _ => false,
    };
    titled
        && value(&a.kind) == value(&b.kind)
        && agree(
            a.date.as_ref().map(|d| d.value.to_string()),
            b.date.as_ref().map(|d| d.value.to_string()),
        )
        && agree(
            a.number.as_ref().map(|n| n.value.clone()),
            b.number.as_ref().map(|n| n.value.clone()),
        )
}

/// Whether `new` says more than `old`: a date or number `old` lacks.
fn fuller(new: &ActRef, old: &ActRef) -> bool {
    (old.date.is_none() && new.date.is_some()) || (old.number.is_none() && new.number.is_some())
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
        // In a joint act the last subject follows the first one's enacting
        // word ("… әкімдігі ҚАУЛЫ ЕТЕДІ және … мәслихаты ШЕШІМ ЕТЕДІ").
        let previous = enacting
            .iter()
            .rev()
            .nth(1)
            .map_or(0, |(_, r)| r.end)
            .min(m.start);
        let clause_start = before
            .rfind(['"', ',', ')', ':'])
            .map_or(0, |i| i + 1)
            .max(previous);
        let clause = before.get(clause_start..).unwrap_or("");
        let clause = match doc.g.conjunctions.at_start(clause.trim_start()) {
            Some((_, len)) => clause.trim_start().get(len..).unwrap_or(clause),
            None => clause,
        };
        let clause_start = before.len() - clause.len();
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
    // "Признать утратившими силу следующие приказы:" opens a list: each
    // subpoint (or unnumbered line) after it names one repealed act.
    let mut repeal_list = false;
    for (block, class) in &seg.operative {
        let s = block_str(doc, block);
        if matches!(class, Class::Point) {
            approving = false;
        }
        if matches!(class, Class::Point) {
            repeal_list = false;
        }
        if doc.g.amend.is_match(s)
            && let Some(r) = amended(doc, s)
        {
            push_unique(&mut act.amends, to_record(doc, &r, diagnostics));
        }
        if doc.g.repeal.is_match(s) {
            if opens_list(s) {
                repeal_list = true;
            }
            for r in refs_in(doc, s) {
                push_unique(&mut act.repeals, to_record(doc, &r, diagnostics));
            }
        } else if repeal_list
            && matches!(class, Class::Subpoint | Class::Plain)
            && let Some(r) = listed_act(doc, s)
        {
            push_unique(&mut act.repeals, to_record(doc, &r, diagnostics));
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
        if approving
            && *class == Class::Subpoint
            && let Some(name) = quoted_name(doc, s)
        {
            act.approves.push(Approval {
                regulation: None,
                service: name,
                of: None,
            });
        }
        if act.entry_into_force.is_none()
            && let Some(e) = entry_into_force(doc, s)
        {
            act.entry_into_force = Some(entry_record(doc, &e));
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

/// The act an amend phrase governs, with what the citation grammar leaves
/// to the laws: the date after a code's name ("Земельный кодекс …,
/// принятый 20 июня 2003 г.") and a Kazakh law cited without its issuer
/// ("\"Тіл туралы\" 1997 жылғы 11 шілдедегі Қазақстан Республикасының
/// Заңына").
fn amended(doc: &Doc<'_>, s: &str) -> Option<RefMatch> {
    let found = nearest_ref(doc, s, &doc.g.amend)
        .or_else(|| kazakh_law_ref(doc, s))
        .or_else(|| adopted_law_ref(doc, s));
    let mut r = found?;
    if r.date.is_none()
        && r.kind.as_ref().is_some_and(|(k, _)| *k == ActKind::Law)
        && let Some(d) = adopted_date(doc, s, r.range.end)
    {
        r.range = r.range.start..d.range.end;
        r.date = Some(d);
    }
    Some(r)
}

/// ", принятый 20 июня 2003 г." after a citation that ends at `end`, in
/// the same clause.
fn adopted_date(doc: &Doc<'_>, s: &str, end: usize) -> Option<super::date::DateMatch> {
    let rest = doc.slice(end..doc.at(s) + s.len());
    let (_, m) = doc.g.adopted.find(rest)?;
    let between = rest.get(..m.start)?;
    if between.contains(['.', ':', ';', '"']) {
        return None;
    }
    super::date::date_at(doc, rest.get(m.end..)?.trim_start())
}

/// A code cited by its name, the date after it: "Внести в Земельный
/// кодекс Республики Казахстан, принятый 20 июня 2003 г., …".
fn adopted_law_ref(doc: &Doc<'_>, s: &str) -> Option<RefMatch> {
    let base = doc.at(s);
    let (_, phrase) = doc.g.amend.find(s)?;
    let (kind, m) = doc
        .g
        .kinds
        .find_iter(s)
        .find(|(k, m)| *k == ActKind::Law && m.start >= phrase.end)?;
    let date = adopted_date(doc, s, base + m.end)?;
    Some(RefMatch {
        range: base + m.start..date.range.end,
        kind: Some((kind, base + m.start..base + m.end)),
        issuer: None,
        date: Some(date),
        number: None,
        title: None,
    })
}

/// A Kazakh law cited by its title and date, the country standing in for
/// its issuer: «"Тіл туралы" 1997 жылғы 11 шілдедегі Қазақстан
/// Республикасының Заңына». A title alone will do (in the act's title);
/// a date alone too.
fn kazakh_law_ref(doc: &Doc<'_>, s: &str) -> Option<RefMatch> {
    let base = doc.at(s);
    doc.g.kinds.find_iter(s).find_map(|(kind, m)| {
        if kind != ActKind::Law {
            return None;
        }
        let mut before = s.get(..m.start)?.trim_end();
        let country = doc
            .g
            .country
            .find_iter(before)
            .last()
            .filter(|(_, c)| c.end == before.len())
            .map(|(_, c)| c.start);
        if let Some(c) = country {
            before = before.get(..c)?.trim_end();
        }
        let date = super::date::dates_in(doc, before)
            .into_iter()
            .last()
            .filter(|d| d.range.end == base + before.len());
        if let Some(d) = &date {
            before = doc.slice(base..d.range.start).trim_end();
        }
        let title = before
            .strip_suffix('"')
            .and_then(|inner| inner.rfind('"'))
            .map(|open| base + open + 1..base + before.len() - 1);
        if date.is_none() && title.is_none() {
            return None;
        }
        let start = title.as_ref().map_or_else(
            || date.as_ref().map_or(base + m.start, |d| d.range.start),
            |t| t.start - 1,
        );
        Some(RefMatch {
            range: start..base + m.end,
            kind: Some((kind, base + m.start..base + m.end)),
            issuer: None,
            date,
            number: None,
            title,
        })
    })
}

/// Whether a repeal phrase opens a list ("… следующие приказы:",
/// "Күші жойылды деп танылсын:").
fn opens_list(s: &str) -> bool {
    s.trim_end().ends_with(':')
}

/// The act a repeal list's item names: its first citation outside quotes
/// (a quoted title may cite the act it amended: "приказ … № 176 «О
/// внесении изменения в приказ … № 496 …»"). A Kazakh item puts the title
/// first, and a title read as a citation may swallow the act after it:
/// then the act is sought after each quote that closes the title. A
/// citation with neither date nor number is not an act named.
fn listed_act(doc: &Doc<'_>, s: &str) -> Option<RefMatch> {
    let base = doc.at(s);
    let quotes = quote_depths(s);
    // A closing quote with none open: a title whose opening quote the text
    // left out ran up to it.
    let unmatched = quotes
        .iter()
        .filter(|q| q.unmatched)
        .map(|q| q.at)
        .next_back();
    let outside = |r: &RefMatch| {
        let at = r.kind.as_ref().map_or(r.range.start, |(_, k)| k.start);
        let at = at.saturating_sub(base);
        unmatched.is_none_or(|u| u < at)
            && quotes
                .iter()
                .take_while(|q| q.at < at)
                .last()
                .is_none_or(|q| q.depth == 0)
    };
    let named = |from: usize| {
        refs_in(doc, s.get(from..).unwrap_or(""))
            .into_iter()
            .filter(|r| r.date.is_some() || r.number.is_some())
            .collect::<Vec<_>>()
    };
    let all = named(0);
    if let Some(r) = all.iter().find(|r| outside(r)) {
        return Some(r.clone());
    }
    let after_title = quotes
        .iter()
        .filter(|q| q.depth == 0)
        .find_map(|q| named(q.at + 1).into_iter().find(|r| outside(r)));
    after_title.or_else(|| all.into_iter().next())
}

/// A quote in a text: where, how many quotes are open after it, and
/// whether it closed none.
struct Quote {
    at: usize,
    depth: usize,
    unmatched: bool,
}

/// Each quote of `s`. Quotes are normalized to one character, so an
/// opening one is told by what stands around it: a space, a bracket or
/// another quote before, a letter, digit or quote after.
fn quote_depths(s: &str) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut prev: Option<char> = None;
    let mut chars = s.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c == '"' {
            let next = chars.peek().map(|&(_, n)| n);
            let opening = prev.is_none_or(|p| p == ' ' || p == '(' || p == '"' || p == '\n')
                && next.is_some_and(|n| crate::text::is_letter_or_digit(n) || n == '"');
            let unmatched = !opening && depth == 0;
            depth = if opening {
                depth + 1
            } else {
                depth.saturating_sub(1)
            };
            out.push(Quote {
                at,
                depth,
                unmatched,
            });
        }
        prev = Some(c);
    }
    out
}

/// An annex listing repealed acts ("Перечень утративших силу некоторых
/// приказов …", "… күші жойылған кейбір бұйрықтарының тізбесі"): each of
/// its items is one repealed act.
fn repeal_annexes(doc: &Doc<'_>, seg: &Segments, act: &mut Act, diagnostics: &mut Vec<Diagnostic>) {
    for a in &seg.appendices {
        let title = a
            .heading
            .iter()
            .chain(a.body.first().map(|(b, _)| b))
            .any(|b| {
                b.range.len() < MAX_LIST_TITLE && doc.g.repeal_list.is_match(block_str(doc, b))
            });
        if !title {
            continue;
        }
        for (b, class) in &a.body {
            // Items are numbered "1)" or "1." as the annex has it.
            if !matches!(class, Class::Subpoint | Class::Point) {
                continue;
            }
            if let Some(r) = listed_act(doc, block_str(doc, b)) {
                push_unique(&mut act.repeals, to_record(doc, &r, diagnostics));
            }
        }
    }
}

/// An annex's title is a line, not a paragraph.
const MAX_LIST_TITLE: usize = 1024;

/// A law has no enacting clause to tell its kind. It is a law when it
/// names itself so in its entry into force ("Настоящий Закон вводится в
/// действие …", "Осы Заң … қолданысқа енгізіледі") or when the head of
/// state signs it. (Its issuer is left to the id rule: Parliament.)
fn law(doc: &Doc<'_>, seg: &Segments, act: &mut Act) {
    if act.kind.is_some() || seg.preamble.is_some() {
        return;
    }
    let own = seg.operative.iter().find_map(|(b, _)| {
        let s = block_str(doc, b);
        if !doc.g.entry_into_force.is_match(s) {
            return None;
        }
        let (_, m) = doc.g.own_law.find(s)?;
        let (_, k) = doc.g.kinds.find(s.get(m.clone())?)?;
        let base = doc.at(s) + m.start;
        Some(base + k.start..base + k.end)
    });
    let signed = || {
        // The span is the signature: the position may take several lines.
        let first = seg.signature.first()?.range.start;
        let last = seg.signature.last()?.range.end;
        crate::segment::signed_by_head_of_state(seg, doc.text, doc.g).then_some(first..last)
    };
    if let Some(r) = own.or_else(signed) {
        act.kind = Some(doc.spanned(ActKind::Law, r));
    }
}

/// The first quoted name in a list item: `1) "Регистрация …";`. A stray
/// closing quote before it (`услуги" "Выдача …"`) is passed over.
pub fn quoted_name(doc: &Doc<'_>, s: &str) -> Option<Spanned<String>> {
    let opening = |i: usize| {
        let prev = s.get(..i).and_then(|p| p.chars().last());
        let next = s.get(i + 1..).and_then(|r| r.chars().next());
        prev.is_none_or(|c| c == ' ' || c == '(')
            && next.is_some_and(crate::text::is_letter_or_digit)
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
    let mut position: Vec<Range<usize>> = Vec::new();
    for b in blocks {
        let s = block_str(doc, b);
        if let Some(start) = signing_name(s) {
            let base = doc.at(s);
            let before = s.get(..start).unwrap_or("").trim_end();
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
                name: doc.spanned(
                    s.get(start..).unwrap_or("").to_string(),
                    base + start..base + s.len(),
                ),
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
    for b in &seg.signature {
        let s = block_str(doc, b);
        let name_at = signing_name(s);
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

/// Where the signing name that ends `s` starts, if one does: initials and
/// a surname ("А.Кульгинов", "Б. Байбек", "К. ТОКАЕВ"); the leftmost start.
fn signing_name(s: &str) -> Option<usize> {
    s.char_indices()
        .map(|(i, _)| i)
        .find(|&i| s.get(i..).is_some_and(is_signing_name))
}

/// The whole of `s` is one or two initials and a surname.
fn is_signing_name(s: &str) -> bool {
    initial(s).is_some_and(|rest| initial(rest).is_some_and(is_surname) || is_surname(rest))
}

/// What follows an initial at the start of `s`: a capital, a full stop,
/// and a space or none ("К.", "К. ").
fn initial(s: &str) -> Option<&str> {
    let rest = s.strip_prefix(is_capital)?.strip_prefix('.')?;
    Some(rest.strip_prefix(char::is_whitespace).unwrap_or(rest))
}

/// A capital and at least one more letter or hyphen, to the end of `s`.
fn is_surname(s: &str) -> bool {
    s.strip_prefix(is_capital).is_some_and(|rest| {
        !rest.is_empty() && rest.chars().all(|c| crate::text::is_letter(c) || c == '-')
    })
}

/// An upper-case letter (Unicode's `Uppercase`, which is the letters of
/// category Lu and a few letter-like symbols no name is written in).
fn is_capital(c: char) -> bool {
    c.is_uppercase()
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

/// What the text leaves out about who approved a regulation standing alone
/// and where a local body sits. (An incomplete identity is judged in
/// [`crate::validate`].)
fn report_missing(doc: &Doc<'_>, seg: &Segments, act: &Act, diagnostics: &mut Vec<Diagnostic>) {
    let whole = seg.head();
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
    use crate::record::{Act, ActKind, Body, Document, ProvisionUnit};
    use crate::source::Source;

    fn parse(s: &str) -> Document {
        let source = Source::from_bytes("act.txt", s.as_bytes().to_vec()).expect("decodes");
        crate::pipeline::document(&source, crate::grammar::for_tests())
    }

    fn kind(d: &Document) -> Option<ActKind> {
        d.act.kind.as_ref().map(|k| k.value)
    }

    /// (kind, date, number) of each cited act.
    fn cited(
        refs: &[crate::record::ActRef],
    ) -> Vec<(Option<ActKind>, Option<String>, Option<String>)> {
        refs.iter()
            .map(|r| {
                (
                    r.kind.as_ref().map(|k| k.value),
                    r.date.as_ref().map(|d| d.value.to_string()),
                    r.number.as_ref().map(|n| n.value.clone()),
                )
            })
            .collect()
    }

    fn articles(d: &Document) -> Vec<String> {
        d.provisions
            .iter()
            .filter(|p| p.unit == ProvisionUnit::Article)
            .filter_map(|p| p.number.as_ref().map(|n| n.value.clone()))
            .collect()
    }

    const RU_LAW: &str = "О внесении дополнения в Закон Республики Казахстан \"О языках в Республике Казахстан\"\n\n\
        Статья 1. Внести в Закон Республики Казахстан от 11 июля 1997 года \"О языках в Республике Казахстан\" следующее дополнение:\n\n\
        статью 4 дополнить частью второй следующего содержания:\n\n\
        \"Государство заботится о языках.\".\n\n\
        Статья 2. Настоящий Закон вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования.\n\n\
        Президент\nРеспублики Казахстан\nК. ТОКАЕВ\n";

    #[test]
    fn a_law_starts_at_its_first_article_and_names_itself() {
        let d = parse(RU_LAW);
        assert_eq!(kind(&d), Some(ActKind::Law));
        assert_eq!(articles(&d), ["1", "2"]);
        // The title's undated citation and the article's dated one are one.
        assert_eq!(
            cited(&d.act.amends),
            [(Some(ActKind::Law), Some("1997-07-11".into()), None)]
        );
    }

    #[test]
    fn a_kazakh_law_cites_the_amended_law_by_title_and_date() {
        let d = parse(
            "\"Қазақстан Республикасындағы тіл туралы\" Қазақстан Республикасының Заңына толықтыру енгізу туралы\n\n\
             1-бап. \"Қазақстан Республикасындағы тіл туралы\" 1997 жылғы 11 шілдедегі Қазақстан Республикасының Заңына мынадай толықтыру енгізілсін:\n\n\
             4-бап мынадай мазмұндағы екінші бөлікпен толықтырылсын:\n\n\
             \"Мемлекет тілдерге қамқорлық жасайды.\".\n\n\
             2-бап. Осы Заң алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі.\n\n\
             Қазақстан Республикасының\nПрезиденті\nҚ. ТОҚАЕВ\n",
        );
        assert_eq!(kind(&d), Some(ActKind::Law));
        assert_eq!(articles(&d), ["1", "2"]);
        assert_eq!(
            cited(&d.act.amends),
            [(Some(ActKind::Law), Some("1997-07-11".into()), None)]
        );
    }

    #[test]
    fn a_code_is_dated_by_its_adoption() {
        let d = parse(
            "О внесении изменения в Земельный кодекс Республики Казахстан\n\n\
             Статья 1. Внести в Земельный кодекс Республики Казахстан, принятый 20 июня 2003 г., следующее изменение:\n\n\
             статью 5 исключить.\n\n\
             Статья 2. Настоящий Закон вводится в действие со дня его первого официального опубликования.\n",
        );
        assert_eq!(kind(&d), Some(ActKind::Law));
        assert_eq!(
            cited(&d.act.amends),
            [(Some(ActKind::Law), Some("2003-06-20".into()), None)]
        );
    }

    #[test]
    fn a_law_of_one_paragraph_signed_by_the_president() {
        let d = parse(
            "О ратификации Соглашения о сотрудничестве\n\n\
             Ратифицировать Соглашение о сотрудничестве, совершенное в Астане 28 февраля 2025 года.\n\n\
             Президент\nРеспублики Казахстан\nК. ТОКАЕВ\n",
        );
        assert_eq!(kind(&d), Some(ActKind::Law));
        assert_eq!(d.provisions.len(), 1);
    }

    #[test]
    fn a_repeal_list_in_subpoints() {
        let d = parse(
            "О признании утратившими силу некоторых приказов\n\n\
             ПРИКАЗЫВАЮ:\n\n\
             1. Признать утратившими силу следующие приказы Министра внутренних дел Республики Казахстан:\n\n\
             1) приказ Министра внутренних дел Республики Казахстан от 3 января 2019 года № 966 \"Об утверждении стандарта\";\n\n\
             2) приказ Министра внутренних дел Республики Казахстан от 25 февраля 2016 года № 176 \"О внесении изменения в приказ Министра внутренних дел Республики Казахстан от 30 мая 2015 года № 496 \"Об утверждении регламента\"\".\n\n\
             2. Настоящий приказ вводится в действие со дня его первого официального опубликования.\n",
        );
        assert_eq!(
            cited(&d.act.repeals),
            [
                (
                    Some(ActKind::Order),
                    Some("2019-01-03".into()),
                    Some("966".into())
                ),
                (
                    Some(ActKind::Order),
                    Some("2016-02-25".into()),
                    Some("176".into())
                ),
            ]
        );
    }

    #[test]
    fn a_repeal_list_in_lines() {
        let d = parse(
            "О признании утратившими силу некоторых решений\n\n\
             Аким области РЕШИЛ:\n\n\
             1. Признать утратившими силу некоторые решения акима Жамбылской области:\n\n\
             решение акима Жамбылской области от 12 марта 1999 года № 44;\n\n\
             решение акима Жамбылской области от 2 апреля 1999 года № 51.\n\n\
             2. Настоящее решение вводится в действие со дня подписания.\n",
        );
        assert_eq!(
            cited(&d.act.repeals),
            [
                (
                    Some(ActKind::Decision),
                    Some("1999-03-12".into()),
                    Some("44".into())
                ),
                (
                    Some(ActKind::Decision),
                    Some("1999-04-02".into()),
                    Some("51".into())
                ),
            ]
        );
    }

    #[test]
    fn a_kazakh_repeal_list_names_the_act_after_its_title() {
        let d = parse(
            "Бұйрықтардың күші жойылды деп тану туралы\n\n\
             БҰЙЫРАМЫН:\n\n\
             1. Қазақстан Республикасы Ішкі істер министрінің мынадай бұйрықтарының күші жойылды деп танылсын:\n\n\
             1) \"Шақыруларды ресімдеу\" мемлекеттік көрсетілетін қызмет регламентін бекіту туралы\" Қазақстан Республикасы Ішкі істер министрінің 2015 жылғы 30 мамырдағы № 496 бұйрығына өзгеріс енгізу туралы\" Қазақстан Республикасы Ішкі істер министрінің 2016 жылғы 25 ақпандағы № 176 бұйрығы (Нормативтік құқықтық актілерді мемлекеттік тіркеу тізілімінде № 13500 болып тіркелген);\n\n\
             2. Осы бұйрық алғашқы ресми жарияланған күнінен бастап қолданысқа енгізіледі.\n",
        );
        assert_eq!(
            cited(&d.act.repeals),
            [(
                Some(ActKind::Order),
                Some("2016-02-25".into()),
                Some("176".into())
            )]
        );
    }

    #[test]
    fn a_repeal_list_in_an_annex() {
        let d = parse(
            "О признании утратившими силу некоторых решений Правительства Республики Казахстан\n\n\
             Правительство Республики Казахстан ПОСТАНОВЛЯЕТ:\n\n\
             1. Признать утратившими силу некоторые решения Правительства Республики Казахстан согласно приложению к настоящему постановлению.\n\n\
             Премьер-Министр\nРеспублики Казахстан О. Бектенов\n\n\
             Приложение к постановлению Правительства Республики Казахстан от 5 марта 2024 года № 180\n\n\
             Перечень утративших силу некоторых решений Правительства Республики Казахстан\n\n\
             1. Постановление Правительства Республики Казахстан от 4 ноября 2022 года № 871 \"Об утверждении Комплексного плана\".\n\n\
             2. Постановление Правительства Республики Казахстан от 31 января 2023 года № 63 \"Об утверждении Комплексного плана\".\n",
        );
        assert_eq!(
            cited(&d.act.repeals),
            [
                (
                    Some(ActKind::Resolution),
                    Some("2022-11-04".into()),
                    Some("871".into())
                ),
                (
                    Some(ActKind::Resolution),
                    Some("2023-01-31".into()),
                    Some("63".into())
                ),
            ]
        );
    }

    #[test]
    fn the_same_repealed_act_in_title_and_point_is_one() {
        let d = parse(
            "О признании утратившим силу приказа Министра финансов Республики Казахстан от 1 июля 2009 года № 285\n\n\
             ПРИКАЗЫВАЮ:\n\n\
             1. Признать утратившим силу приказ Министра финансов Республики Казахстан от 1 июля 2009 года № 285 \"Об утверждении Правил\".\n",
        );
        assert_eq!(
            cited(&d.act.repeals),
            [(
                Some(ActKind::Order),
                Some("2009-07-01".into()),
                Some("285".into())
            )]
        );
    }

    #[test]
    fn enacting_subjects_give_the_body() {
        let d = parse(
            "О мерах\n\nВ целях реализации Указа Кабинет Министров Республики Казахстан постановляет:\n\n1. Утвердить Положение.\n",
        );
        assert_eq!(kind(&d), Some(ActKind::Resolution));
        assert_eq!(
            d.act
                .issuer
                .as_ref()
                .and_then(|i| i.body.as_ref())
                .map(|b| b.value),
            Some(Body::Government)
        );
        // A joint act: the last subject, after the first one's enacting word.
        let d = parse(
            "Көшеге атау беру туралы\n\n\
             Заңға сәйкес Атырау облысының әкімдігі ҚАУЛЫ ЕТЕДІ және Атырау облыстық мәслихаты ШЕШІМ ЕТЕДІ:\n\n\
             1. Көшеге атау берілсін.\n",
        );
        assert_eq!(kind(&d), Some(ActKind::Joint));
        let issuer = d.act.issuer.expect("issuer");
        assert_eq!(issuer.name.value, "Атырау облыстық мәслихаты");
        assert_eq!(issuer.region.map(|r| r.value).as_deref(), Some("KZ-23"));
        // An older akim's decision closed by a semicolon.
        let d = parse(
            "О мерах\n\nВ соответствии с законом, аким области решил;\n\n1. Провести работы.\n",
        );
        assert_eq!(kind(&d), Some(ActKind::Decision));
    }

    #[test]
    fn a_disposition_repeals_in_a_footnote() {
        let d = parse(
            "О мерах по благоустройству\n\n\
             Сноска. Утратило силу распоряжением акима Жамбылской области от 2005.06.21 N 31р.\n\n\
             Аким области РЕШИЛ:\n\n1. Провести работы.\n",
        );
        let by = d.act.lost_force.and_then(|l| l.by).expect("repealing act");
        assert_eq!(by.kind.map(|k| k.value), Some(ActKind::Disposition));
        assert_eq!(by.number.map(|n| n.value).as_deref(), Some("31р"));
    }

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
