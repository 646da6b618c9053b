//! Regulation records: a regulation of a public service, read from its
//! segments.
//!
//! Chapter 1 gives the service, provider, standard, channels, forms,
//! result, recipients, fee and terms; chapter 2 the procedures (step,
//! actor, action, duration, result); chapter 3 the sequence between
//! participants and the list of participants; chapter 4 the steps through
//! the portal. Each field is found by its phrase in `[fields]` of the
//! grammar, so a new phrasing is a data change.
//!
//! What the text leaves out is reported here, as diagnostics:
//! `service-name-differs` (the regulation's own title against the act's
//! list), `service-missing` (no service name found), and, for steps the
//! text leaves incomplete, `procedure-actor-missing` and
//! `procedure-duration-missing`. The consistency checks (durations, chapters,
//! participants, term, approving date) judge the finished record in
//! [`crate::validate`]; the durations written in digits and words go there
//! from [`regulations`].

use super::Doc;
use super::act::{quoted_name, same_service};
use super::act_ref::{refs_in, to_record};
use super::duration::{DurationMatch, durations_in, iso8601};
use super::requirements::{self, Row};
use crate::grammar::Phrases;
use crate::numbering::{Mark, item_number};
use crate::record::{
    Act, ActRef, Actor, Channel, Chapter, Code, Diagnostic, Duration, Fee, Form, Language,
    PortalStep, Procedure, Recipient, Regulation, RegulationKind, StepKind, Term, TermKind,
};
use crate::segment::regulation::{self as seg_reg, Point};
use crate::segment::{Appendix, Block, Class, Segments};
use crate::span::{MaybeSpanned, Spanned};
use std::ops::Range;

/// The regulations of an act, in document order, and the durations in
/// them written both in digits and in words (validation compares the two).
pub fn regulations(
    doc: &Doc<'_>,
    seg: &Segments,
    approvals: &[Option<ActRef>],
    act: &Act,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Regulation>, Vec<DurationMatch>) {
    let mut out = Vec::new();
    let mut spelled = Vec::new();
    for (appendix, approved_by) in seg.appendices.iter().zip(approvals) {
        let Some(rs) = &appendix.regulation else {
            continue;
        };
        let ordinal = out.len() + 1;
        let approved_by = approved_by.clone();
        out.push(regulation(
            doc,
            appendix,
            rs,
            approved_by,
            act,
            ordinal,
            diagnostics,
        ));
        spelled.extend(spelled_durations(doc, rs));
    }
    (out, spelled)
}

/// Durations anywhere in a regulation with the number in words beside the
/// digits: «2 (трех) минут».
fn spelled_durations<'a>(
    doc: &'a Doc<'_>,
    rs: &'a seg_reg::Regulation,
) -> impl Iterator<Item = DurationMatch> + 'a {
    rs.chapters
        .iter()
        .flat_map(paragraphs)
        .flat_map(|(b, _)| durations_in(doc, text(doc, b)))
        .filter(|d| d.words.is_some())
}

fn text<'a>(doc: &Doc<'a>, b: &Block) -> &'a str {
    doc.slice(b.range.clone())
}

/// One regulation.
fn regulation(
    doc: &Doc<'_>,
    appendix: &Appendix,
    rs: &seg_reg::Regulation,
    approved_by: Option<ActRef>,
    act: &Act,
    ordinal: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Regulation {
    let title_text = text(doc, &rs.title);
    let service = service_name(doc, title_text);
    let number = appendix
        .number
        .clone()
        .map(|r| doc.spanned(doc.slice(r.clone()).to_string(), r));
    let id = regulation_id(doc, act, number.as_ref().map(|n| n.value.as_str()), ordinal);
    let general = rs.chapter("general").or(rs.chapters.first());
    let kind = doc.spanned(kind(doc, title_text), rs.title.range.clone());
    let mut reg = Regulation {
        id,
        kind,
        service,
        title: doc.text_at(rs.title.range.clone()),
        appendix: number,
        approved_by,
        language: language(doc, rs),
        provider: general.and_then(|c| provider(doc, c)),
        standard: standard(doc, rs, diagnostics),
        channels: general.map(|c| channels(doc, c)).unwrap_or_default(),
        forms: general.map(|c| forms(doc, c)).unwrap_or_default(),
        result: general.and_then(|c| result(doc, c)),
        recipients: general.map(|c| recipients(doc, c)).unwrap_or_default(),
        fee: general
            .and_then(|c| fee(doc, c))
            .map_or(MaybeSpanned::Unstated(Fee::Unknown), MaybeSpanned::Known),
        terms: general.map(|c| terms(doc, c)).unwrap_or_default(),
        schedule: None,
        documents: Vec::new(),
        refusal_grounds: Vec::new(),
        procedures: Vec::new(),
        sequence: Vec::new(),
        actors: Vec::new(),
        portal_steps: Vec::new(),
        chapters: chapters(doc, rs),
        provisions: crate::segment::tree::regulation(doc.map(), rs, doc.g),
    };
    let standard = reg.kind.value == RegulationKind::Standard;
    let region = requirements::region(doc.text, rs, standard, doc.g);
    for row in requirements::rows(doc.text, &region, doc.g) {
        requirement(doc, &row, &mut reg);
    }
    let actions = rs.chapter("actions");
    let interaction = rs.chapter("interaction");
    let lang = reg.language;
    reg.procedures = steps_of(doc, actions, "procedures", rs, lang, diagnostics);
    if reg.procedures.is_empty() {
        reg.procedures = prose_steps(doc, actions, lang, diagnostics);
    }
    attach_results(doc, actions, &mut reg.procedures);
    reg.sequence = steps_of(doc, interaction, "sequence", rs, lang, diagnostics);
    reg.actors = actor_list(doc, interaction.or(actions));
    reg.portal_steps = portal_steps(doc, rs, diagnostics);
    report_incomplete(doc, &reg, rs, diagnostics);
    reg
}

/// The service's name in the title: its quoted name, past an approving
/// act's phrase that some exports put first («"Об утверждении Правил
/// оказания государственной услуги "…"»).
fn service_name(doc: &Doc<'_>, title: &str) -> Option<Spanned<String>> {
    let lead = title.trim_start_matches(['"', '«']);
    let rest = doc
        .g
        .approving_titles
        .at_start(lead)
        .and_then(|(_, len)| lead.get(len..));
    rest.and_then(|r| quoted_name(doc, r))
        .or_else(|| quoted_name(doc, title))
}

/// The kind of service document its title names; a title the grammar
/// reads only as the approving act's («… қағидаларын бекіту туралы») names
/// that act's document.
fn kind(doc: &Doc<'_>, title: &str) -> RegulationKind {
    crate::segment::service_document(title, doc.g)
        .or_else(|| crate::segment::approving_title(title, doc.g))
        .and_then(|k| RegulationKind::from_key(&k))
        .unwrap_or(RegulationKind::Regulation)
}

/// A row of the requirements table, read into the field it names. The
/// table states the service's requirements in one place, so what it says
/// outranks what the chapters' prose gave.
fn requirement(doc: &Doc<'_>, row: &Row, reg: &mut Regulation) {
    if row.field.as_deref() == Some("fee") {
        // The fee's words name no requirement, so a cell that ran the
        // content into the name («… алудың тәсілдері тегін») is read whole.
        let end = row.content.last().map_or(row.name.end, |r| r.end);
        let r = row.name.start..end;
        let s = doc.slice(r.clone());
        if let Some((fee, m)) = doc.g.fee.find(s) {
            reg.fee = MaybeSpanned::Known(doc.spanned(fee, r.start + m.start..r.start + m.end));
        }
        return;
    }
    let (Some(first), Some(last)) = (row.content.first(), row.content.last()) else {
        return;
    };
    let whole = trim_range(doc, first.start..last.end);
    match row.field.as_deref() {
        Some("provider") => reg.provider = Some(doc.text_at(whole)),
        Some("channels") => {
            reg.channels = items(doc, row).map(|r| channel(doc, r)).collect();
        }
        Some("term") => {
            let terms: Vec<Term> = row
                .content
                .iter()
                .flat_map(|r| inline_items(doc, r.clone()))
                .flat_map(|r| sentences(doc, r))
                .filter_map(|r| row_term(doc, &r))
                .collect();
            if !terms.is_empty() {
                reg.terms = terms;
            }
        }
        Some("form") => {
            let forms = forms_in(doc, whole);
            if !forms.is_empty() {
                reg.forms = forms;
            }
        }
        Some("result") => reg.result = Some(doc.text_at(whole)),
        Some("schedule") => reg.schedule = Some(doc.text_at(whole)),
        Some("documents") => reg.documents = items(doc, row).map(|r| doc.text_at(r)).collect(),
        Some("refusal_grounds") => {
            reg.refusal_grounds = items(doc, row).map(|r| doc.text_at(r)).collect();
        }
        _ => {}
    }
}

/// A row's items, as written: each content paragraph, or each part of one
/// that lists them inline («один из следующих документов: актовая запись
/// …; свидетельство …»), without its number and closing punctuation. An
/// introduction ending in a colon is no item.
fn items<'a>(doc: &'a Doc<'_>, row: &'a Row) -> impl Iterator<Item = Range<usize>> + 'a {
    row.content
        .iter()
        .flat_map(move |r| inline_items(doc, r.clone()))
        .map(|r| strip_item(doc, r))
        .filter(|r| !r.is_empty())
}

/// The parts of a paragraph between semicolons outside brackets, the
/// first past the introduction that ends at its last colon. (Quotes are no
/// guide: «"Государственная корпорация "Правительство для граждан"» nests
/// one kind.)
fn inline_items(doc: &Doc<'_>, r: Range<usize>) -> Vec<Range<usize>> {
    let s = doc.slice(r.clone());
    let mut out = Vec::new();
    let (mut depth, mut start) = (0_i32, 0);
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ';' if depth <= 0 => {
                out.push(r.start + start..r.start + i);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(r.start + start..r.end);
    out.into_iter()
        .enumerate()
        .filter_map(|(n, p)| {
            let part = doc.slice(p.clone());
            let body = match part.rfind(':') {
                // A colon that ends the part introduces what follows it.
                Some(i) if part.get(i + 1..).is_some_and(|t| t.trim().is_empty()) => return None,
                Some(i) if n == 0 && depth_zero(part, i) => p.start + i + 1..p.end,
                _ => p,
            };
            Some(trim_range(doc, body))
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// The sentences of a range: a term cell may state each term in its own
/// («17 рабочих дней. Максимально допустимое время ожидания … - 15
/// минут.»).
fn sentences(doc: &Doc<'_>, r: Range<usize>) -> Vec<Range<usize>> {
    let s = doc.slice(r.clone());
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in s.match_indices(". ") {
        let next_upper = s
            .get(i + 2..)
            .and_then(|t| t.chars().next())
            .is_some_and(char::is_uppercase);
        if next_upper && depth_zero(s, i) {
            out.push(r.start + start..r.start + i);
            start = i + 2;
        }
    }
    out.push(r.start + start..r.end);
    out
}

/// Whether the byte `at` of `s` stands outside brackets.
fn depth_zero(s: &str, at: usize) -> bool {
    let before = s.get(..at).unwrap_or("");
    before.matches('(').count() <= before.matches(')').count()
}

/// A term in a row's paragraph: its durations, of the kind its words tell.
fn row_term(doc: &Doc<'_>, r: &Range<usize>) -> Option<Term> {
    let s = doc.slice(r.clone());
    let ds = durations_in(doc, s);
    if ds.is_empty() {
        return None;
    }
    let kind = doc
        .g
        .terms
        .find(s)
        .map_or(TermKind::ServiceTerm, |(k, _)| term_kind(&k));
    Some(term(doc, kind, r.clone(), &ds))
}

/// The forms named in a range, each once.
fn forms_in(doc: &Doc<'_>, r: Range<usize>) -> Vec<Spanned<Form>> {
    let mut out: Vec<Spanned<Form>> = Vec::new();
    for (id, m) in doc.g.forms.find_iter(doc.slice(r.clone())) {
        let form = match id.as_str() {
            "electronic" => Form::Electronic,
            "paper" => Form::Paper,
            "partially_automated" => Form::PartiallyAutomated,
            _ => continue,
        };
        if !out.iter().any(|f| f.value == form) {
            out.push(doc.spanned(form, r.start + m.start..r.start + m.end));
        }
    }
    out
}

/// `{act id}/!regulation-{appendix}`; a regulation that is the whole text
/// (an attachment alone) is the act.
fn regulation_id(
    doc: &Doc<'_>,
    act: &Act,
    appendix: Option<&str>,
    ordinal: usize,
) -> Option<String> {
    let id = act.id.as_ref()?;
    if act
        .kind
        .as_ref()
        .is_some_and(|k| k.value == crate::record::ActKind::Regulation)
    {
        return Some(id.clone());
    }
    let segment = |a| crate::record::id::number_segment(a, |c| doc.g.lookalikes.cyrillic(c));
    let n = appendix.map_or_else(|| ordinal.to_string(), segment);
    Some(format!("{id}/!regulation-{n}"))
}

/// The regulation's language, from its own text.
fn language(doc: &Doc<'_>, rs: &seg_reg::Regulation) -> Language {
    let end = rs.points().last().map_or(rs.title.range.end, |p| {
        p.items
            .last()
            .map_or(p.head.range.end, |(b, _)| b.range.end)
    });
    crate::lang::detect(doc.slice(rs.title.range.start..end), doc.g).unwrap_or(Language::Ru)
}

/// Every paragraph of a chapter, with its class: loose ones, point heads,
/// and their items.
fn paragraphs(c: &seg_reg::Chapter) -> impl Iterator<Item = (&Block, Class)> {
    c.loose
        .iter()
        .map(|(b, k)| (b, k.clone()))
        .chain(c.points.iter().flat_map(|p| {
            std::iter::once((&p.head, Class::Point))
                .chain(p.items.iter().map(|(b, k)| (b, k.clone())))
        }))
}

/// The phrases of a `[fields]` entry (none when the grammar has none).
fn field<'g>(doc: &Doc<'g>, name: &str) -> Option<&'g Phrases> {
    doc.g.field(name)
}

/// "… оказывается центрами занятости … (далее - услугодатель)".
fn provider(doc: &Doc<'_>, c: &seg_reg::Chapter) -> Option<Spanned<String>> {
    let marker = field(doc, "provider")?;
    for (b, _) in paragraphs(c) {
        let s = text(doc, b);
        let Some((_, m)) = marker.find(s) else {
            continue;
        };
        // The marker sits in brackets after the name: "… (далее - услугодатель)".
        let Some(clause) = s
            .get(..m.start)
            .and_then(|before| before.rfind('(').and_then(|open| before.get(..open)))
        else {
            continue;
        };
        // After the lead word ("оказывается"), else after the last bracket.
        let lead_end = field(doc, "provider_lead")
            .and_then(|l| l.find_iter(clause).last())
            .map(|(_, m)| m.end);
        let start = lead_end.unwrap_or_else(|| clause.rfind(')').map_or(0, |i| i + 1));
        let name = clause.get(start..)?.trim();
        if name.is_empty() {
            continue;
        }
        let at = doc.at(s)
            + start
            + (clause.get(start..)?.len() - clause.get(start..)?.trim_start().len());
        return Some(doc.spanned(name.to_string(), at..at + name.len()));
    }
    None
}

/// The service standard: the act cited after (Russian) or before (Kazakh)
/// "стандарт государственной услуги".
fn standard(
    doc: &Doc<'_>,
    rs: &seg_reg::Regulation,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ActRef> {
    let phrase = field(doc, "standard")?;
    for c in &rs.chapters {
        for (b, _) in paragraphs(c) {
            let s = text(doc, b);
            let base = doc.at(s);
            let refs = refs_in(doc, s);
            // The phrase may occur inside a cited act's own title; that one
            // is not the anchor.
            let inside = |m: &Range<usize>| {
                refs.iter()
                    .any(|r| r.range.start <= base + m.start && base + m.end <= r.range.end)
            };
            let Some((_, m)) = phrase.find_iter(s).find(|(_, m)| !inside(m)) else {
                continue;
            };
            let after = refs.iter().find(|r| r.range.start >= base + m.end);
            let before = refs.iter().rev().find(|r| r.range.end <= base + m.start);
            if let Some(r) = after.or(before) {
                return Some(to_record(doc, r, diagnostics));
            }
        }
    }
    None
}

/// "Прием документов … осуществляются через: 1) канцелярию …; 2) портал"
/// or inline "… осуществляется через Центр занятости населения".
fn channels(doc: &Doc<'_>, c: &seg_reg::Chapter) -> Vec<Channel> {
    let Some(phrase) = field(doc, "channels") else {
        return Vec::new();
    };
    let all: Vec<(&Block, Class)> = paragraphs(c).collect();
    for (i, (b, _)) in all.iter().enumerate() {
        let s = text(doc, b);
        let Some((_, m)) = phrase.find(s) else {
            continue;
        };
        let rest = s.get(m.end..).unwrap_or("").trim();
        if rest.ends_with(':') || rest.is_empty() {
            return all
                .get(i + 1..)
                .unwrap_or(&[])
                .iter()
                .take_while(|(_, k)| *k == Class::Subpoint)
                .map(|(b, _)| channel(doc, b.range.clone()))
                .collect();
        }
        // Inline: what follows "осуществляется через".
        let Some((_, via)) = field(doc, "channels_via").and_then(|p| p.find(s)) else {
            continue;
        };
        let start = doc.at(s) + via.end;
        let end = doc.at(s) + s.trim_end_matches(['.', ';']).len();
        if start < end {
            return vec![channel(doc, start..end)];
        }
    }
    Vec::new()
}

/// A channel entry: its kind from `[channels]`, the words as written.
fn channel(doc: &Doc<'_>, r: Range<usize>) -> Channel {
    let r = strip_item(doc, r);
    let s = doc.slice(r.clone());
    // "услугодателя в … Государственная корпорация": the specific channel
    // wins over the provider, who is named in most entries.
    let found: Vec<(String, Range<usize>)> = doc.g.channels.find_iter(s).collect();
    let best = found
        .iter()
        .find(|(k, _)| k != "provider")
        .or(found.first());
    match best {
        Some((kind, m)) => Channel {
            kind: doc.spanned(kind.clone(), r.start + m.start..r.start + m.end),
            text: doc.text_at(r),
        },
        None => Channel {
            kind: doc.spanned("other".into(), r.clone()),
            text: doc.text_at(r),
        },
    }
}

/// The first group of the item number opening a block ("5-1)" -> 5) and
/// its range.
fn item_first(doc: &Doc<'_>, b: &Block) -> Option<(u32, Range<usize>)> {
    let (_, n) = item_number(doc.g, text(doc, b)).ok()?;
    let first = n.digits.split(['-', '.']).next().unwrap_or(n.digits);
    Some((n.first()?, b.range.start..b.range.start + first.len()))
}

/// A step's number. A step whose number does not read is kept, numbered 0,
/// and the reader is told.
fn step_number(doc: &Doc<'_>, b: &Block, diagnostics: &mut Vec<Diagnostic>) -> (u32, Range<usize>) {
    item_first(doc, b).unwrap_or_else(|| {
        let head = b.range.start..b.range.start + doc.slice(b.range.clone()).find(' ').unwrap_or(0);
        diagnostics.push(doc.diagnostic(
            Code::ProcedureNumberInvalid,
            format!(
                "step number {:?} does not read; numbered 0",
                doc.slice(head.clone())
            ),
            head.clone(),
        ));
        (0, head.start..head.start)
    })
}

/// A range without its "N) " marker and its closing punctuation.
fn strip_item(doc: &Doc<'_>, r: Range<usize>) -> Range<usize> {
    let s = doc.slice(r.clone());
    let start = item_number(doc.g, s).map_or(0, |(_, n)| match n.mark {
        Mark::Dot | Mark::Paren => n.len,
        Mark::Unit(_) => 0,
    });
    let body = s.get(start..).unwrap_or("");
    let lead = body.len() - body.trim_start().len();
    let trimmed = body.trim().trim_end_matches([';', '.', ',', ' ']);
    let from = r.start + start + lead;
    from..from + trimmed.len()
}

/// "Форма оказания государственной услуги: электронная (частично
/// автоматизированная) и (или) бумажная".
fn forms(doc: &Doc<'_>, c: &seg_reg::Chapter) -> Vec<Spanned<Form>> {
    let Some(phrase) = field(doc, "form") else {
        return Vec::new();
    };
    for (b, _) in paragraphs(c) {
        let s = text(doc, b);
        let Some((_, m)) = phrase.find(s) else {
            continue;
        };
        let base = doc.at(s);
        return forms_in(doc, base + m.end..base + s.len());
    }
    Vec::new()
}

/// "3. Результат оказания государственной услуги: …".
fn result(doc: &Doc<'_>, c: &seg_reg::Chapter) -> Option<Spanned<String>> {
    let phrase = field(doc, "result")?;
    for p in &c.points {
        let s = text(doc, &p.head);
        let body = s.get(s.find(". ").map_or(0, |i| i + 2)..)?;
        let Some((_, len)) = phrase.at_start(body) else {
            continue;
        };
        let rest = body.get(len..)?;
        let value = rest.trim_start_matches([':', '-', ' ']);
        let at = doc.at(rest) + (rest.len() - value.len());
        let value = value.trim_end();
        return (!value.is_empty()).then(|| doc.spanned(value.to_string(), at..at + value.len()));
    }
    None
}

/// "… оказывается … физическим лицам".
fn recipients(doc: &Doc<'_>, c: &seg_reg::Chapter) -> Vec<Spanned<Recipient>> {
    let mut out: Vec<Spanned<Recipient>> = Vec::new();
    for (b, class) in paragraphs(c) {
        if class == Class::Subpoint {
            continue;
        }
        let s = text(doc, b);
        for (id, m) in doc.g.recipients.find_iter(s) {
            let r = match id.as_str() {
                "individuals" => Recipient::Individuals,
                "legal_entities" => Recipient::LegalEntities,
                _ => continue,
            };
            if !out.iter().any(|x| x.value == r) {
                out.push(doc.spanned(r, doc.at(s) + m.start..doc.at(s) + m.end));
            }
        }
    }
    out
}

/// "… оказывается бесплатно …" (not inside a list of results, where
/// «тегін қызметтер» is what is delivered, not its price).
fn fee(doc: &Doc<'_>, c: &seg_reg::Chapter) -> Option<Spanned<Fee>> {
    for (b, class) in paragraphs(c) {
        if class == Class::Subpoint {
            continue;
        }
        let s = text(doc, b);
        if let Some((fee, m)) = doc.g.fee.find(s) {
            return Some(doc.spanned(fee, doc.at(s) + m.start..doc.at(s) + m.end));
        }
    }
    None
}

/// "5. Срок оказания государственной услуги: 1) … – 30 минут …; 2)
/// максимально допустимое время ожидания … – 30 минут; …".
fn terms(doc: &Doc<'_>, c: &seg_reg::Chapter) -> Vec<Term> {
    let mut out = Vec::new();
    for p in &c.points {
        let head = text(doc, &p.head);
        let Some((kind, _)) = doc.g.terms.find(head) else {
            continue;
        };
        let head_durations = durations_in(doc, head);
        if !head_durations.is_empty() {
            out.push(term(
                doc,
                term_kind(&kind),
                p.head.range.clone(),
                &head_durations,
            ));
            continue;
        }
        for (b, class) in &p.items {
            if *class != Class::Subpoint {
                continue;
            }
            let s = text(doc, b);
            let kind = doc
                .g
                .terms
                .find(s)
                .map_or(TermKind::ServiceTerm, |(k, _)| term_kind(&k));
            let ds = durations_in(doc, s);
            if !ds.is_empty() {
                out.push(term(doc, kind, b.range.clone(), &ds));
            }
        }
    }
    out
}

fn term_kind(id: &str) -> TermKind {
    match id {
        "max_waiting" => TermKind::MaxWaiting,
        "max_service" => TermKind::MaxService,
        _ => TermKind::ServiceTerm,
    }
}

fn term(doc: &Doc<'_>, kind: TermKind, r: Range<usize>, ds: &[DurationMatch]) -> Term {
    Term {
        kind,
        durations: ds.iter().map(|d| duration(doc, d)).collect(),
        text: doc.text_at(strip_item(doc, r)),
    }
}

/// The duration record of a found duration.
fn duration(doc: &Doc<'_>, d: &DurationMatch) -> Duration {
    Duration {
        value: doc.spanned(d.value, d.value_range.clone()),
        unit: doc.spanned(d.unit, d.unit_range.clone()),
        iso8601: iso8601(d.value, d.unit),
        text: doc.text_at(d.range.clone()),
    }
}

/// The chapters' headings.
fn chapters(doc: &Doc<'_>, rs: &seg_reg::Regulation) -> Vec<Chapter> {
    rs.chapters
        .iter()
        .filter_map(|c| {
            let h = c.heading.as_ref()?;
            Some(Chapter {
                n: c.number
                    .clone()
                    .and_then(|r| doc.slice(r.clone()).parse().ok().map(|n| doc.spanned(n, r))),
                id: c.id.clone(),
                title: doc.text_at(h.range.clone()),
            })
        })
        .collect()
}

/// The point of a chapter that lists steps: the one whose head has the
/// field's phrase and which has subpoints.
fn step_point<'a>(
    doc: &Doc<'_>,
    c: Option<&'a seg_reg::Chapter>,
    field_name: &str,
) -> Option<&'a Point> {
    let phrase = field(doc, field_name)?;
    c?.points.iter().find(|p| {
        phrase.is_match(text(doc, &p.head))
            && p.items
                .iter()
                .any(|(b, k)| *k == Class::Subpoint || word_step(doc, b).is_some())
    })
}

/// Steps written as prose: a chapter of actions with no list of steps
/// describes each in a point of its own («8. Ответственный сотрудник
/// услугодателя … проводит проверку … – в течение 30 минут.»). A point is a
/// step when it names who acts; it keeps the point's number. The point that
/// states the procedure's basis («Основанием начала процедуры …») is none,
/// and a point ending in «:» goes on in its items.
fn prose_steps(
    doc: &Doc<'_>,
    c: Option<&seg_reg::Chapter>,
    lang: Language,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Procedure> {
    let Some(c) = c else {
        return Vec::new();
    };
    let basis = field(doc, "procedure_basis");
    let mut out = Vec::new();
    for p in &c.points {
        let head = strip_item(doc, p.head.range.clone());
        if head.is_empty() || basis.is_some_and(|b| b.is_match(doc.slice(head.clone()))) {
            continue;
        }
        let mut found = Vec::new();
        // A role the point names outranks words read as an unknown
        // performer («Көрсетілген іс-әрекеттердің нәтижелері бойынша
        // көрсетілетін қызметті берушінің қызметкері …»).
        let read = step_actor(doc, head.clone(), lang, &mut found);
        let unknown =
            |a: &(Actor, Range<usize>)| a.0.role.as_ref().is_none_or(|r| r.value == "other");
        let Some(actor) = (match read {
            Some(a) if !unknown(&a) => Some(a),
            other => named_role(doc, head.clone()).or(other),
        }) else {
            continue;
        };
        if unknown(&actor) {
            diagnostics.extend(found);
        }
        let body = if doc.slice(p.head.range.clone()).trim_end().ends_with(':') {
            p.items
                .last()
                .map_or(head.clone(), |(b, _)| head.start..b.range.end)
        } else {
            head
        };
        let Some((n, n_range)) = item_first(doc, &p.head) else {
            continue;
        };
        out.push(step_with(doc, n, n_range, body, Some(actor)));
    }
    out
}

/// The first role a prose point names, with the owner written before it
/// («… көрсетілетін қызметті берушінің қызметкері мынадай шешім қабылдайды»)
/// or after it («… сотрудник услугодателя, принимает …»).
fn named_role(doc: &Doc<'_>, body: Range<usize>) -> Option<(Actor, Range<usize>)> {
    let s = doc.slice(body.clone());
    let (_, m) = doc.g.roles.find(s)?;
    let before = s.get(..m.start)?.trim_end();
    let start = doc
        .g
        .role_owners
        .at_end(before)
        .map_or(m.start, |(_, o)| o.start);
    actor(doc, body.start + start..body.end)
}

/// A step numbered by its word rather than a list mark, "1-әрекет – …":
/// the number, its range, and where the step's text starts.
fn word_step(doc: &Doc<'_>, b: &Block) -> Option<(u32, Range<usize>, usize)> {
    let s = text(doc, b);
    let digits = s.find(|c: char| !c.is_ascii_digit())?;
    let n = s.get(..digits)?.parse().ok()?;
    let rest = s.get(digits..)?.strip_prefix('-')?;
    let (_, len) = field(doc, "step_word")?.at_start(rest)?;
    let after = rest.get(len..)?;
    let body = after.trim_start_matches([' ', '-', '–', '—', ':', '.']);
    if body.len() == after.len() && !after.is_empty() {
        // "1-әрекеттің": a longer word, not the step's.
        return None;
    }
    let at = b.range.start;
    Some((n, at..at + digits, at + (s.len() - body.len())))
}

/// The steps listed under a chapter's step point (procedures or sequence).
fn steps_of(
    doc: &Doc<'_>,
    c: Option<&seg_reg::Chapter>,
    field_name: &str,
    rs: &seg_reg::Regulation,
    lang: Language,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Procedure> {
    // A regulation without chapter headings still lists its steps.
    let point = step_point(doc, c, field_name).or_else(|| {
        rs.chapters
            .iter()
            .find_map(|c| step_point(doc, Some(c), field_name))
    });
    let Some(point) = point else {
        return Vec::new();
    };
    let result_phrase = field(doc, "step_result");
    let mut out: Vec<Procedure> = Vec::new();
    // A step that ends with ":" goes on in the paragraphs that follow it,
    // up to the next step.
    let mut open = false;
    // Where the last step's text starts: a performer in the genitive is
    // read over the step with its continuation.
    let mut step_start = 0;
    let mut list_follows = false;
    for (b, class) in &point.items {
        let s = text(doc, b);
        if let Some((n, n_range, start)) = word_step(doc, b) {
            out.push(step_at(
                doc,
                n,
                n_range,
                start..strip_item(doc, b.range.clone()).end,
                lang,
                diagnostics,
            ));
            step_start = b.range.start;
            open = false;
            list_follows = false;
            continue;
        }
        match class {
            Class::Subpoint => {
                out.push(step(doc, b, lang, diagnostics));
                step_start = b.range.start;
                open = false;
                // «10) … келіп түскен күні үш сағат ішінде:»: the list goes
                // on though the action stops before the duration.
                list_follows = s.trim_end().ends_with(':');
            }
            _ => {
                // "Результат - запись в журнале регистрации;" after a step.
                let Some((_, len)) = result_phrase.and_then(|p| p.at_start(s)) else {
                    if let Some(last) = out
                        .last_mut()
                        .filter(|p| p.result.is_none() && (open || p.action.value.ends_with(':')))
                    {
                        extend_action(doc, last, b);
                        open = true;
                    }
                    // The performer in the genitive, read over the step
                    // and the list after it.
                    if let Some(last) = out.last_mut().filter(|p| p.actor.is_none())
                        && (open || list_follows)
                    {
                        let whole = step_start..b.range.end;
                        last.actor = genitive_subject(doc, whole, lang).map(|(a, _)| a);
                    }
                    continue;
                };
                let Some(last) = out.last_mut() else { continue };
                let value = s
                    .get(len..)
                    .unwrap_or("")
                    .trim_start_matches([' ', '-', ':']);
                let at = doc.at(s) + (s.len() - value.len());
                let value = value.trim_end().trim_end_matches([';', '.']);
                if !value.is_empty() {
                    last.result = Some(doc.spanned(value.to_string(), at..at + value.len()));
                }
            }
        }
    }
    out
}

/// Add a continuation paragraph to a step's action (and its duration, if
/// the step had none).
fn extend_action(doc: &Doc<'_>, p: &mut Procedure, b: &Block) {
    let s = text(doc, b);
    let value = format!(
        "{} {}",
        p.action.value,
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    );
    p.action = Spanned::new(value, p.action.span.cover(doc.span(b.range.clone())));
    if p.duration.is_none() {
        p.duration = durations_in(doc, s).first().map(|d| duration(doc, d));
    }
    // «подписание согласования: …; … начальником услугодателя»: the agent
    // may come after the list the step's first line opened.
    if p.actor.is_none() {
        p.actor = agent(doc, b.range.clone()).map(|(a, _)| a);
    }
}

/// One step: "1) работник канцелярии услугодателя регистрирует … – в
/// течение 2 (двух) минут".
fn step(doc: &Doc<'_>, b: &Block, lang: Language, diagnostics: &mut Vec<Diagnostic>) -> Procedure {
    let (n, n_range) = step_number(doc, b, diagnostics);
    step_at(
        doc,
        n,
        n_range,
        strip_item(doc, b.range.clone()),
        lang,
        diagnostics,
    )
}

/// A step numbered `n`, whose text (actor, action, duration) is `body`.
fn step_at(
    doc: &Doc<'_>,
    n: u32,
    n_range: Range<usize>,
    body: Range<usize>,
    lang: Language,
    diagnostics: &mut Vec<Diagnostic>,
) -> Procedure {
    let actor = step_actor(doc, body.clone(), lang, diagnostics);
    step_with(doc, n, n_range, body, actor)
}

/// A step numbered `n` whose performer is already read.
fn step_with(
    doc: &Doc<'_>,
    n: u32,
    n_range: Range<usize>,
    body: Range<usize>,
    actor: Option<(Actor, Range<usize>)>,
) -> Procedure {
    let durations = durations_in(doc, doc.slice(body.clone()));
    let d = durations.first();
    // The action: after an actor that opens the step (one named inside it
    // stays in the action's words), up to a duration that ends the step.
    let start = actor
        .as_ref()
        .filter(|(_, r)| r.start == body.start)
        .map_or(body.start, |(_, r)| r.end);
    let end = match d {
        Some(d)
            if doc
                .slice(duration_trail_end(doc, d.range.end, body.end)..body.end)
                .trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation())
                .is_empty() =>
        {
            duration_lead_start(doc, start, d.range.start)
        }
        _ => body.end,
    };
    let action = trim_range(doc, start..end.max(start));
    Procedure {
        n: doc.spanned(n, n_range),
        actor: actor.map(|(a, _)| a),
        action: doc.text_at(action),
        duration: d.map(|d| duration(doc, d)),
        result: None,
    }
}

/// Where the words leading a duration start ("– в течение"), so the action
/// stops before them.
fn duration_lead_start(doc: &Doc<'_>, from: usize, at: usize) -> usize {
    let before = doc.slice(from..at);
    let trimmed = before.trim_end();
    let mut end = from + trimmed.len();
    if let Some((_, m)) = doc.g.duration_lead.at_end(trimmed) {
        end = from + m.start;
    }
    end
}

/// Past the word that closes a duration after it ("20 минут ішінде"), or
/// `at` when none does.
fn duration_trail_end(doc: &Doc<'_>, at: usize, end: usize) -> usize {
    let after = doc.slice(at..end);
    let t = after.trim_start();
    doc.g
        .duration_trail
        .at_start(t)
        .map_or(at, |(_, len)| at + (after.len() - t.len()) + len)
}

/// A range without surrounding spaces, dashes and commas.
fn trim_range(doc: &Doc<'_>, r: Range<usize>) -> Range<usize> {
    let s = doc.slice(r.clone());
    let t = s.trim_start_matches([' ', '-', ',']);
    let start = r.start + (s.len() - t.len());
    let t = t.trim_end_matches([' ', '-', ',', ';', '.']);
    start..start + t.len()
}

/// A step's performer: a role opening the step, else a role named as the
/// agent inside it ("выбор исполнителя руководством услугодателя"), else
/// the words the step's grammar places before its verb, as written, with
/// role `other` and an `actor-unknown-role` note.
fn step_actor(
    doc: &Doc<'_>,
    body: Range<usize>,
    lang: Language,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(Actor, Range<usize>)> {
    if let Some((a, r)) = actor(doc, body.clone()) {
        // «көрсетілетін қызметті беруші басшылығының …»: the opening role
        // owns the agent right after it, who performs the step.
        let owned = agent(doc, r.end..body.end)
            .filter(|(_, ar)| doc.slice(r.end..ar.start).trim().is_empty());
        return Some(match owned {
            Some((ag, ar)) => (
                Actor {
                    role: ag.role,
                    text: doc.text_at(r.start..ar.end),
                },
                r.start..ar.end,
            ),
            None => (a, r),
        });
    }
    if let Some(found) = agent(doc, body.clone()) {
        return Some(found);
    }
    if let Some(found) = genitive_subject(doc, body.clone(), lang) {
        return Some(found);
    }
    let words = unknown_actor(doc, body.clone(), lang)?;
    // «По результатам проверки руководитель услугодателя подписывает …»:
    // a known role among the words before the verb is the performer.
    let known = doc
        .g
        .roles
        .find(doc.slice(words.clone()))
        .and_then(|(_, m)| actor(doc, words.start + m.start..body.end));
    if let Some(found) = known {
        return Some(found);
    }
    diagnostics.push(doc.diagnostic(
        Code::ActorUnknownRole,
        format!(
            "«{}» performs a step but is no role the lexicon knows; role other",
            doc.slice(words.clone())
        ),
        words.clone(),
    ));
    Some((
        Actor {
            role: Some(doc.spanned("other".to_string(), words.clone())),
            text: doc.text_at(words.clone()),
        },
        words,
    ))
}

/// Kazakh writes a step as a possessive verbal noun with its performer in
/// the genitive: «… көрсетілетін қызметті берушінің … жауапты беруі». Only
/// a step that ends with such a noun is read so, since a genitive elsewhere
/// owns an object («… берушінің басшылығына жолдау»).
fn genitive_subject(
    doc: &Doc<'_>,
    body: Range<usize>,
    lang: Language,
) -> Option<(Actor, Range<usize>)> {
    let s = doc.slice(body.clone());
    let last = s
        .trim_end_matches(|c: char| !crate::text::is_letter_or_digit(c))
        .rsplit(char::is_whitespace)
        .next()?
        .to_lowercase();
    let endings = doc
        .g
        .verbal_noun_endings
        .iter()
        .filter(|(l, _)| *l == lang)
        .flat_map(|(_, e)| e.iter());
    let verbal_noun = endings
        .into_iter()
        .any(|e| last.chars().count() > e.chars().count() + 2 && last.ends_with(e.as_str()));
    if !verbal_noun {
        return None;
    }
    let (role, m) = doc.g.role_genitives.find(s)?;
    let words = body.start + m.start..body.start + m.end;
    Some((
        Actor {
            role: Some(doc.spanned(role, words.clone())),
            text: doc.text_at(words.clone()),
        },
        words,
    ))
}

/// A role named as the agent of a step written as a verbal noun or a
/// passive: "руководством услугодателя", "… басшылығының". The first one
/// in the step. The genitive after it is not taken for its owner: in
/// "проверка исполнителем услугополучателя" it is the object.
fn agent(doc: &Doc<'_>, body: Range<usize>) -> Option<(Actor, Range<usize>)> {
    let (role, m) = doc.g.role_agents.find(doc.slice(body.clone()))?;
    let words = body.start + m.start..body.start + m.end;
    Some((
        Actor {
            role: Some(doc.spanned(role, words.clone())),
            text: doc.text_at(words.clone()),
        },
        words,
    ))
}

/// The words before a step's verb, when they read as its performer: the
/// first clause opens with at most [`MAX_ACTOR_WORDS`] words, none a number
/// or in a case a performer is not written in, and then an active verb
/// ("оператор информационной системы МВД обрабатывает …").
fn unknown_actor(doc: &Doc<'_>, body: Range<usize>, lang: Language) -> Option<Range<usize>> {
    let s = doc.slice(body.clone());
    let clause = s.split([',', ';', ':', '.', '(', '«', '"']).next()?;
    let endings = |table: &[(Language, Vec<String>)]| -> Vec<String> {
        table
            .iter()
            .filter(|(l, _)| *l == lang)
            .flat_map(|(_, e)| e.iter().cloned())
            .collect()
    };
    let verbs = endings(&doc.g.verb_endings);
    let not_verbs = endings(&doc.g.not_verb_endings);
    let stops = endings(&doc.g.stop_endings);
    let ends = |w: &str, list: &[String]| {
        list.iter()
            .any(|e| w.len() > e.len() + 2 && w.ends_with(e.as_str()))
    };
    if let Some(end) = genitive_phrase(doc, clause, lang) {
        return Some(body.start..body.start + end);
    }
    let mut end = 0;
    for (i, (at, word)) in words_at(clause).enumerate() {
        let w = word.to_lowercase();
        if ends(&w, &verbs) && !ends(&w, &not_verbs) {
            return (i > 0).then(|| body.start..body.start + end);
        }
        if i >= MAX_ACTOR_WORDS || ends(&w, &stops) || w.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        end = at + word.len();
    }
    None
}

/// An unknown Kazakh performer written as a genitive and its possessed
/// noun within the first words of a clause that has an active verb
/// («ІІМ ақпараттық жүйесінің операторы келіп түсетін өтінімдерді өңдейді»):
/// where the phrase ends.
fn genitive_phrase(doc: &Doc<'_>, clause: &str, lang: Language) -> Option<usize> {
    let of = |table: &[(Language, Vec<String>)]| -> Vec<String> {
        table
            .iter()
            .filter(|(l, _)| *l == lang)
            .flat_map(|(_, e)| e.iter().cloned())
            .collect()
    };
    let (genitive, possessive) = (of(&doc.g.genitive_endings), of(&doc.g.possessive_endings));
    let (verbs, not_verbs) = (of(&doc.g.verb_endings), of(&doc.g.not_verb_endings));
    let ends = |w: &str, list: &[String]| {
        list.iter()
            .any(|e| w.chars().count() > e.chars().count() + 2 && w.ends_with(e.as_str()))
    };
    let words: Vec<(usize, String, usize)> = words_at(clause)
        .map(|(at, w)| (at, w.to_lowercase(), w.len()))
        .collect();
    let active = words
        .iter()
        .any(|(_, w, _)| ends(w, &verbs) && !ends(w, &not_verbs));
    if !active {
        return None;
    }
    words
        .windows(2)
        .take(MAX_ACTOR_WORDS)
        .find(|pair| matches!(pair, [(_, g, _), (_, p, _)] if ends(g, &genitive) && ends(p, &possessive)))
        .and_then(|pair| pair.get(1))
        .map(|(at, _, len)| at + len)
}

/// The most words an unknown performer is read in.
const MAX_ACTOR_WORDS: usize = 6;

/// The words of a text with their offsets.
fn words_at(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split_whitespace()
        .map(move |w| (w.as_ptr() as usize - s.as_ptr() as usize, w))
}

/// The actor at the start of a step: an owner in the genitive before the
/// role (Kazakh) or after it (Russian) belongs to the actor's words. A role
/// that spells its owner ("Мемлекеттік корпорацияның қызметкері") is tried
/// whole first.
fn actor(doc: &Doc<'_>, body: Range<usize>) -> Option<(Actor, Range<usize>)> {
    let s = doc.slice(body.clone());
    let mut at = 0;
    if doc.g.roles.at_start(s).is_none()
        && let Some((_, len)) = doc.g.role_owners.at_start(s)
    {
        at = len + s.get(len..)?.len() - s.get(len..)?.trim_start().len();
    }
    let rest = s.get(at..)?;
    let (role, len) = doc.g.roles.at_start(rest)?;
    let mut end = at + len;
    let after = s.get(end..)?;
    let t = after.trim_start();
    if let Some((_, olen)) = doc.g.role_owners.at_start(t) {
        end += after.len() - t.len() + olen;
    }
    let role_range = body.start + at..body.start + at + len;
    let words = body.start..body.start + end;
    Some((
        Actor {
            role: Some(doc.spanned(role, role_range)),
            text: doc.text_at(words.clone()),
        },
        words,
    ))
}

/// Chapter 3's list of participants: "1) работник канцелярии услугодателя;".
fn actor_list(doc: &Doc<'_>, c: Option<&seg_reg::Chapter>) -> Vec<Actor> {
    let Some(point) = step_point(doc, c, "actors") else {
        return Vec::new();
    };
    point
        .items
        .iter()
        .filter(|(_, k)| *k == Class::Subpoint)
        .map(|(b, _)| {
            let body = strip_item(doc, b.range.clone());
            actor(doc, body.clone()).map_or_else(
                || Actor {
                    role: None,
                    text: doc.text_at(body),
                },
                |(a, _)| a,
            )
        })
        .collect()
}

/// Chapter 4's steps through the portal: "2) процесс 1 - …", "3) условие 1
/// - …", "2) 1-үдеріс - …".
fn portal_steps(
    doc: &Doc<'_>,
    rs: &seg_reg::Regulation,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<PortalStep> {
    let point = rs
        .chapters
        .iter()
        .rev()
        .find_map(|c| step_point(doc, Some(c), "portal_steps"));
    let Some(point) = point else {
        return Vec::new();
    };
    point
        .items
        .iter()
        .filter(|(_, k)| *k == Class::Subpoint)
        .map(|(b, _)| {
            let (n, n_range) = step_number(doc, b, diagnostics);
            let body = strip_item(doc, b.range.clone());
            let (kind, number) = step_kind(doc, body.clone());
            PortalStep {
                n: doc.spanned(n, n_range),
                kind,
                number,
                text: doc.text_at(body.clone()),
                duration: durations_in(doc, doc.slice(body))
                    .first()
                    .map(|d| duration(doc, d)),
            }
        })
        .collect()
}

/// "процесс 3" / "3-үдеріс" -> (process, 3); "условие 1" / "1-шарт" ->
/// (condition, 1).
fn step_kind(doc: &Doc<'_>, body: Range<usize>) -> (StepKind, Option<Spanned<u32>>) {
    let s = doc.slice(body.clone());
    for (field_name, kind) in [
        ("portal_process", StepKind::Process),
        ("portal_condition", StepKind::Condition),
    ] {
        let Some(phrase) = field(doc, field_name) else {
            continue;
        };
        // Russian: the word, then the number.
        if let Some((_, len)) = phrase.at_start(s) {
            let rest = s.get(len..).unwrap_or("");
            let t = rest.trim_start();
            let d = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
            let start = body.start + len + (rest.len() - t.len());
            let number = t
                .get(..d)
                .and_then(|n| n.parse().ok())
                .map(|n| doc.spanned(n, start..start + d));
            return (kind, number);
        }
        // Kazakh: the number, a hyphen, then the word.
        let d = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(0);
        if d > 0
            && s.get(d..).is_some_and(|r| {
                r.starts_with('-') && phrase.at_start(r.get(1..).unwrap_or("")).is_some()
            })
        {
            let number = s
                .get(..d)
                .and_then(|n| n.parse().ok())
                .map(|n| doc.spanned(n, body.start..body.start + d));
            return (kind, number);
        }
    }
    (StepKind::Step, None)
}

/// Results listed apart ("6. Результат процедуры (действия) …: 1) …; 2) …")
/// go to the steps of the same number that have none.
fn attach_results(doc: &Doc<'_>, c: Option<&seg_reg::Chapter>, steps: &mut [Procedure]) {
    let Some(point) = step_point(doc, c, "procedure_results") else {
        return;
    };
    for (b, k) in &point.items {
        if *k != Class::Subpoint {
            continue;
        }
        let Some((n, _)) = item_first(doc, b) else {
            continue;
        };
        let r = strip_item(doc, b.range.clone());
        if let Some(step) = steps
            .iter_mut()
            .find(|p| p.n.value == n && p.result.is_none())
        {
            step.result = Some(doc.text_at(r));
        }
    }
}

// ---- what the text leaves out --------------------------------------------

/// Steps without a participant or a duration, a title without a service.
fn report_incomplete(
    doc: &Doc<'_>,
    reg: &Regulation,
    rs: &seg_reg::Regulation,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let title = rs.title.range.clone();
    for p in reg.procedures.iter().chain(&reg.sequence) {
        if p.actor.is_none() {
            diagnostics.push(Diagnostic::new(
                Code::ProcedureActorMissing,
                format!("step {} names no participant the lexicon knows", p.n.value),
                p.action.span,
            ));
        }
        if p.duration.is_none() {
            diagnostics.push(Diagnostic::new(
                Code::ProcedureDurationMissing,
                format!("step {} states no duration", p.n.value),
                p.action.span,
            ));
        }
    }
    if reg.service.is_none() {
        diagnostics.push(doc.diagnostic(
            Code::ServiceMissing,
            "a regulation whose title names no service in quotes",
            title,
        ));
    }
}

/// Link the act's approvals to the regulation records they name: by the
/// service's name, else by place when the list in the operative part and
/// the appendices are the same length (they are in the same order; a name
/// may differ in a word, "инвалидам" / "на инвалидов").
pub fn link_approvals(act: &mut Act, regs: &[Regulation], diagnostics: &mut Vec<Diagnostic>) {
    let same_length = act.approves.len() == regs.len();
    for (i, a) in act.approves.iter_mut().enumerate() {
        let by_name = regs.iter().find(|r| {
            r.service
                .as_ref()
                .is_some_and(|s| same_service(&s.value, &a.service.value))
        });
        let by_place = if same_length { regs.get(i) } else { None };
        if let (None, Some(r)) = (by_name, by_place) {
            let title = r.service.as_ref().map_or("", |s| s.value.as_str());
            diagnostics.push(Diagnostic::new(
                Code::ServiceNameDiffers,
                format!(
                    "the act lists «{}» where its appendix titles the regulation «{title}»",
                    a.service.value
                ),
                a.service.span,
            ));
        }
        if let Some(r) = by_name.or(by_place) {
            a.regulation = r.id.clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Text;

    /// The performer of a step text: (role, words as written), and the
    /// codes of the notes it left.
    fn performer(s: &str, lang: Language) -> (Option<(String, String)>, Vec<Code>) {
        let g = crate::grammar::for_tests();
        let t = Text::identity(s);
        let doc = Doc::new(&t, g);
        let mut d = Vec::new();
        let found = step_actor(&doc, 0..s.len(), lang, &mut d).map(|(a, _)| {
            let role = a.role.map(|r| r.value).unwrap_or_default();
            (role, a.text.value)
        });
        (found, d.iter().map(|d| d.code).collect())
    }

    fn role(s: &str, lang: Language) -> Option<String> {
        performer(s, lang).0.map(|(r, _)| r)
    }

    #[test]
    fn ministerial_roles_in_russian() {
        let cases = [
            (
                "сотрудник подразделения миграционной службы обрабатывает поступающие заявки",
                "migration_officer",
            ),
            (
                "инспектор миграционной службы проверяет документы",
                "migration_officer",
            ),
            ("инспектор проверяет документы", "inspector"),
            ("ответственный исполнитель готовит ответ", "executor"),
            (
                "руководитель структурного подразделения услугодателя подписывает разрешение",
                "unit_head",
            ),
            (
                "работник Государственной корпорации выдает результат",
                "state_corporation_operator",
            ),
            (
                "оператор Государственной корпорации принимает документы",
                "state_corporation_operator",
            ),
            ("вице-министр подписывает приказ", "deputy_minister"),
            (
                "руководитель управления подписывает письмо",
                "department_head",
            ),
            (
                "руководитель департамента согласовывает проект",
                "department_head",
            ),
        ];
        for (s, want) in cases {
            assert_eq!(role(s, Language::Ru).as_deref(), Some(want), "{s}");
        }
    }

    #[test]
    fn ministerial_roles_in_kazakh() {
        let cases = [
            (
                "Мемлекеттік корпорацияның қызметкері құжаттарды тексереді",
                "state_corporation_operator",
            ),
            ("жауапты орындаушы жауап дайындайды", "executor"),
            (
                "құрылымдық бөлімшенің басшысы рұқсатқа қол қояды",
                "unit_head",
            ),
            (
                "көші-қон қызметінің қызметкері өтінімдерді өңдейді",
                "migration_officer",
            ),
            (
                "көші-қон қызметі бөлінісінің қызметкері келіп түсетін өтінімдерді өңдейді",
                "migration_officer",
            ),
            ("вице-министр бұйрыққа қол қояды", "deputy_minister"),
            (
                "көрсетілетін қызметті берушінің кеңсе қызметкері құжаттарды тіркейді",
                "office_clerk",
            ),
        ];
        for (s, want) in cases {
            assert_eq!(role(s, Language::Kk).as_deref(), Some(want), "{s}");
        }
    }

    /// A step written as a verbal noun names its performer as the agent.
    #[test]
    fn agents_of_verbal_nouns() {
        assert_eq!(
            performer(
                "выбор исполнителя руководством услугодателя в течение десяти минут",
                Language::Ru
            )
            .0,
            Some(("head".into(), "руководством".into()))
        );
        assert_eq!(
            role(
                "заявка заполняется работником Государственной корпорации",
                Language::Ru
            )
            .as_deref(),
            Some("state_corporation_operator")
        );
        assert_eq!(
            role(
                "он минут ішінде көрсетілетін қызметті беруші басшылығының орындаушыны таңдауы",
                Language::Kk
            )
            .as_deref(),
            Some("head")
        );
    }

    /// Issue 12: a performer the lexicon does not know is kept as written,
    /// with role `other` and a note.
    #[test]
    fn an_unknown_performer_is_kept() {
        let (found, codes) = performer(
            "оператор информационной системы МВД обрабатывает поступающие заявки",
            Language::Ru,
        );
        assert_eq!(
            found,
            Some(("other".into(), "оператор информационной системы МВД".into()))
        );
        assert_eq!(codes, [Code::ActorUnknownRole]);
        let (found, codes) = performer("бас маман тексереді", Language::Kk);
        assert_eq!(found, Some(("other".into(), "бас маман".into())));
        assert_eq!(codes, [Code::ActorUnknownRole]);
    }

    /// No performer is invented where the step names none.
    #[test]
    fn no_performer_where_none_is_named() {
        for (s, lang) in [
            (
                "прием, проверка полноты собранных документов производится в течение 20 минут",
                Language::Ru,
            ),
            (
                "согласование материалов с КНБ РК осуществляется в течение трех рабочих дней",
                Language::Ru,
            ),
            (
                "представление руководителю подразделения на рассмотрение и подписание разрешения, осуществляется",
                Language::Ru,
            ),
            (
                "жиналған құжаттарды қабылдау, толықтығын тексеру 20 (жиырма) минут ішінде жүргізіледі",
                Language::Kk,
            ),
            (
                "ІІМ ақпараттық жүйлеріне мәліметтер енгізу 2 (екі) сағат ішінде жүзеге асырылады",
                Language::Kk,
            ),
            (
                "бөлініс басшысына қарауға ұсыну және рұқсаттарға қол қою 20 (жиырма) минут ішінде жүзеге асырылады",
                Language::Kk,
            ),
        ] {
            assert_eq!(performer(s, lang), (None, vec![]), "{s}");
        }
    }

    use serde_json::Value;

    /// The procedures of the first regulation in `text`, as JSON.
    fn steps(text: &str) -> Vec<Value> {
        let g = crate::grammar::for_tests();
        let source = crate::Source::from_bytes("t.txt", text.as_bytes().to_vec()).unwrap();
        let v = crate::pipeline::document(&source, g).to_json().unwrap();
        v["regulations"][0]["procedures"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    const KK_HEAD: &str = "«Шақыруларды келісу» мемлекеттік көрсетілетін қызмет регламенті\n\n\
        1-тарау. Жалпы ережелер\n\n\
        1. «Шақыруларды келісу» мемлекеттік көрсетілетін қызметі.\n\n\
        2-тарау. Көрсетілетін қызметті берушінің құрылымдық бөліністерінің (қызметкерлерінің) \
        мемлекеттік қызмет көрсету процесіндегі іс-әрекеттері тәртібінің сипаттамасы\n\n";

    /// The ministerial wording "әрбір рәсімнің (іс-қимылдың) мазмұны", the
    /// duration before "ішінде" and a verb after it.
    #[test]
    fn kazakh_ministerial_steps() {
        let t = format!(
            "{KK_HEAD}6. Мемлекеттік қызмет көрсету процесінің құрамына кіретін әрбір рәсімнің \
             (іс-қимылдың) мазмұны, оны орындау ұзақтығы:\n\n\
             1) құжаттарды қабылдау және тексеру 20 (жиырма) минут ішінде;\n\n\
             2) өтінішті он минут ішінде тіркеу;\n\n\
             3) рұқсаттарды басып шығару 2 (екі) сағат ішінде жүзеге асырылады.\n"
        );
        let s = steps(&t);
        assert_eq!(s.len(), 3, "{s:#?}");
        assert_eq!(s[0]["n"], 1);
        assert_eq!(s[0]["duration"]["iso8601"], "PT20M");
        // The duration and its "ішінде" end the step: not the action's.
        assert_eq!(s[0]["action"], "құжаттарды қабылдау және тексеру");
        assert_eq!(s[1]["duration"]["iso8601"], "PT10M");
        assert_eq!(s[2]["duration"]["iso8601"], "PT2H");
        // A verb after "ішінде": the action keeps the whole sentence.
        assert_eq!(
            s[2]["action"],
            "рұқсаттарды басып шығару 2 (екі) сағат ішінде жүзеге асырылады"
        );
    }

    /// "1-әрекет – …": a step numbered by its word.
    #[test]
    fn steps_numbered_by_their_word() {
        let t = format!(
            "{KK_HEAD}5. Мемлекеттік қызмет көрсету үдерісінің құрамына кіретін әрбір рәсімнің \
             (іс-әрекеттің) мазмұны:\n\n\
             1-әрекет – көрсетілетін қызметті берушінің кеңсе қызметкері құжаттарды 15 (он бес) \
             минут ішінде тіркейді.\n\n\
             Нәтижесі – құжаттарды басшыға жолдау;\n\n\
             2-әрекет – көрсетілетін қызметті берушінің басшысы 1 (бір) жұмыс күні ішінде \
             қарайды.\n"
        );
        let s = steps(&t);
        assert_eq!(s.len(), 2, "{s:#?}");
        assert_eq!(s[0]["n"], 1);
        assert_eq!(s[0]["duration"]["iso8601"], "PT15M");
        assert_eq!(s[0]["duration"]["value"], 15);
        assert_eq!(s[0]["result"], "құжаттарды басшыға жолдау");
        assert_eq!(s[1]["n"], 2);
        assert_eq!(s[1]["duration"]["iso8601"], "P1D");
        assert_eq!(s[1]["duration"]["unit"], "working_day");
    }

    /// "1-әрекеттің нәтижесі": a longer word is not a step's number.
    #[test]
    fn a_longer_word_is_not_a_step() {
        let t = format!(
            "{KK_HEAD}5. Әрбір рәсімнің (іс-әрекеттің) мазмұны:\n\n\
             1-әрекеттің нәтижесі туралы.\n"
        );
        assert!(steps(&t).is_empty());
    }

    /// A step that ends with ":" goes on over its paragraphs up to the
    /// next step, and its duration is found in the last of them.
    #[test]
    fn a_step_goes_on_over_its_paragraphs() {
        let t = "Регламент государственной услуги \"Выдача справок\"\n\n\
                 1. Общие положения\n\n\
                 1. Государственная услуга \"Выдача справок\".\n\n\
                 2. Описание порядка действий структурных подразделений\n\n\
                 3. Содержание каждой процедуры (действия):\n\n\
                 1) оформление исполнителем:\n\n\
                 приглашения на въезд;\n\n\
                 приглашения по выдаче визы в течение одного часа;\n\n\
                 2) выдача справки в течение 10 минут.\n";
        let s = steps(t);
        assert_eq!(s.len(), 2, "{s:#?}");
        assert_eq!(s[0]["duration"]["iso8601"], "PT1H");
        assert_eq!(s[1]["duration"]["iso8601"], "PT10M");
    }

    /// Words against digits in Kazakh: «15 (он бес) минут» agrees, «15 (он
    /// екі) минут» does not, and the check says so.
    #[test]
    fn kazakh_words_against_digits() {
        let mismatches = |d: &str| {
            let t = format!(
                "{KK_HEAD}5. Әрбір рәсімнің (іс-әрекеттің) мазмұны:\n\n\
                 1) көрсетілетін қызметті берушінің кеңсе қызметкері құжаттарды {d} ішінде \
                 тіркейді;\n"
            );
            let g = crate::grammar::for_tests();
            let source = crate::Source::from_bytes("t.txt", t.into_bytes()).unwrap();
            let v = crate::pipeline::document(&source, g).to_json().unwrap();
            assert_eq!(
                v["regulations"][0]["procedures"][0]["duration"]["value"],
                15
            );
            v["diagnostics"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|d| d["code"] == "duration-words-mismatch")
                .count()
        };
        assert_eq!(mismatches("15 (он бес) минут"), 0);
        assert_eq!(mismatches("15 (он екі) минут"), 1);
    }

    /// The first regulation of `text`, as JSON.
    fn first_regulation(text: &str) -> Value {
        let g = crate::grammar::for_tests();
        let source = crate::Source::from_bytes("t.txt", text.as_bytes().to_vec()).unwrap();
        let v = crate::pipeline::document(&source, g).to_json().unwrap();
        assert_eq!(v["regulations"].as_array().map(Vec::len), Some(1), "{v:#?}");
        v["regulations"][0].clone()
    }

    /// Issue 12: the 2020+ rules, their requirements table in an appendix
    /// of their own, flattened one cell per paragraph.
    #[test]
    fn rules_read_their_requirements_table() {
        let t = "Об утверждении Правил оказания государственной услуги «Выдача справки»\n\n\
            ПРИКАЗЫВАЮ:\n\n\
            1. Утвердить прилагаемые Правила оказания государственной услуги «Выдача справки».\n\n\
            Министр юстиции\n\n\
            Приложение к приказу Министра юстиции Республики Казахстан от 19 июня 2020 года № 107\n\n\
            Правила оказания государственной услуги «Выдача справки»\n\n\
            Глава 1. Общие положения\n\n\
            1. Настоящие Правила определяют порядок оказания государственной услуги.\n\n\
            Приложение 1 к Правилам оказания государственной услуги «Выдача справки»\n\n\
            Стандарт государственной услуги «Выдача справки»\n\n\
            1\n\nНаименование услугодателя\n\nТерриториальные органы юстиции\n\n\
            2\n\nСпособы предоставления государственной услуги\n\n\
            через: 1) Государственную корпорацию; 2) веб-портал «электронного правительства»\n\n\
            3\n\nСрок оказания государственной услуги\n\n\
            2 (два) рабочих дня. Максимально допустимое время ожидания - 15 минут\n\n\
            4\n\nФорма оказания государственной услуги\n\nэлектронная\n\n\
            5\n\nРазмер оплаты, взимаемой с услугополучателя\n\nБесплатно\n\n\
            6\n\nГрафик работы услугодателя\n\nС понедельника по пятницу с 9.00 до 18.30 часов\n\n\
            7\n\nПеречень документов, необходимых для оказания государственной услуги\n\n\
            Один из следующих документов: заявление; копия паспорта (при наличии)\n\n\
            8\n\nОснования для отказа в оказании государственной услуги\n\n\
            1) недостоверность документов;\n\n2) несоответствие требованиям.\n";
        let r = first_regulation(t);
        assert_eq!(r["kind"], "rules");
        assert_eq!(r["service"], "Выдача справки");
        assert_eq!(r["provider"], "Территориальные органы юстиции");
        let channels: Vec<&str> = r["channels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["kind"].as_str().unwrap())
            .collect();
        assert_eq!(channels, ["state_corporation", "portal"]);
        let terms: Vec<(&str, &str)> = r["terms"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                (
                    t["kind"].as_str().unwrap(),
                    t["durations"][0]["iso8601"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(terms, [("service_term", "P2D"), ("max_waiting", "PT15M")]);
        assert_eq!(r["forms"][0], "electronic");
        assert_eq!(r["fee"], "free");
        assert_eq!(
            r["schedule"],
            "С понедельника по пятницу с 9.00 до 18.30 часов"
        );
        assert_eq!(
            r["documents"],
            serde_json::json!(["заявление", "копия паспорта (при наличии)"])
        );
        assert_eq!(
            r["refusal_grounds"],
            serde_json::json!(["недостоверность документов", "несоответствие требованиям"])
        );
    }

    /// A chapter of actions written as prose: each point that names who
    /// acts is a step, with the point's number; the basis is none.
    #[test]
    fn prose_steps_are_the_points_that_name_who_acts() {
        let t = "Регламент государственной услуги «Выдача проездного документа беженца»\n\n\
            Глава 1. Общие положения\n\n\
            1. Государственная услуга оказывается территориальными подразделениями.\n\n\
            Глава 2. Описание порядка действий структурных подразделений (работников) услугодателя в процессе оказания государственной услуги\n\n\
            5. Основанием начала процедуры оказания государственной услуги является прием услугодателем заявления.\n\n\
            6. Государственная услуга предоставляется в сроки, установленные пунктом 4 Стандарта.\n\n\
            7. Ответственный сотрудник услугодателя проводит проверку полноты представленных документов – в течение 30 минут.\n\n\
            8. По результатам проверки руководитель услугодателя подписывает проездной документ – в течение 1 рабочего дня.\n";
        let r = first_regulation(t);
        let steps: Vec<(u64, Option<&str>, Option<&str>)> = r["procedures"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["n"].as_u64().unwrap(),
                    s["actor"]["role"].as_str(),
                    s["duration"]["iso8601"].as_str(),
                )
            })
            .collect();
        assert_eq!(
            steps,
            [
                (7, Some("executor"), Some("PT30M")),
                (8, Some("head"), Some("P1D"))
            ]
        );
    }

    /// A standard with no table is itself the list of requirements: its
    /// numbered points are the rows.
    #[test]
    fn a_standard_reads_its_numbered_points() {
        let t = "Стандарт государственной услуги «Выдача справки»\n\n\
            1. Общие положения\n\n\
            1. Государственная услуга «Выдача справки».\n\n\
            2. Порядок оказания государственной услуги\n\n\
            4. Срок оказания государственной услуги: 2 (два) рабочих дня.\n\n\
            5. Форма оказания государственной услуги: электронная.\n\n\
            7. Размер оплаты, взимаемой с услугополучателя: бесплатно.\n\n\
            8. График работы услугодателя: с понедельника по пятницу с 9.00 до 18.00 часов.\n";
        let r = first_regulation(t);
        assert_eq!(r["kind"], "standard");
        assert_eq!(r["service"], "Выдача справки");
        assert_eq!(r["terms"][0]["durations"][0]["iso8601"], "P2D");
        assert_eq!(r["forms"][0], "electronic");
        assert_eq!(r["fee"], "free");
        assert_eq!(
            r["schedule"],
            "с понедельника по пятницу с 9.00 до 18.00 часов"
        );
    }
}
