//! Act references: how one text cites another.
//!
//! Russian: KIND ISSUER [от DATE] [№ NUMBER] ["TITLE"]
//!   `постановлением акимата Западно-Казахстанской области от 5 июня 2020 года № 131`
//! Kazakh: ISSUER-GEN DATE № NUMBER ["TITLE"] [(…)] KIND
//!   `Ақтөбе облысы әкімдігінің 2015 жылғы 27.07. № 278 қаулысымен`
//!
//! A citation without a date, a number or a title (`указанным
//! постановлением`) is not a reference to resolve, and is not returned.

use super::Doc;
use super::date::{DateMatch, date_at};
use super::number::{act_number, number_text};
use crate::record::{ActKind, ActRef, Body, Code, Diagnostic, Issuer, id};
pub use crate::text::quoted;
use crate::text::word_starts;
use std::ops::Range;

/// An issuer as found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuerMatch {
    /// The issuer's words.
    pub range: Range<usize>,
    /// The kind of body, and the word that says so.
    pub body: Option<(Body, Range<usize>)>,
    /// The region's code, and the words that name it.
    pub region: Option<(String, Range<usize>)>,
}

/// A reference as found (normalized ranges; values unchecked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefMatch {
    /// The whole citation.
    pub range: Range<usize>,
    /// The kind word.
    pub kind: Option<(ActKind, Range<usize>)>,
    /// The issuer.
    pub issuer: Option<IssuerMatch>,
    /// The date.
    pub date: Option<DateMatch>,
    /// The number (`None` inside: `№` with nothing after it).
    pub number: Option<(Option<String>, Range<usize>)>,
    /// The quoted title, without its quotes.
    pub title: Option<Range<usize>>,
}

/// The Russian-order reference starting at `s` (which starts with a kind word).
pub fn russian(doc: &Doc<'_>, s: &str) -> Option<RefMatch> {
    let (kind, kind_len) = doc.g.kinds.at_start(s)?;
    let base = doc.at(s);
    let mut at = kind_len;
    let issuer = issuer_words(doc, s.get(at..)?).map(|r| {
        let r = base + at + r.start..base + at + r.end;
        at = r.end - base;
        issuer_facts(doc, r)
    });
    let mut date = None;
    let mut number = None;
    // "от DATE № N", "№ N от DATE": either order, each once.
    for _ in 0..2 {
        let rest = s.get(at..)?;
        let trimmed = rest.trim_start();
        let skip = rest.len() - trimmed.len();
        if date.is_none()
            && let Some(d) = date_at(doc, trimmed)
        {
            at = d.range.end - base;
            date = Some(d);
            continue;
        }
        if number.is_none()
            && let Ok((after, n)) = act_number(trimmed)
        {
            let end = s.len() - after.len();
            let num_start = n.map_or(base + at + skip, |n| doc.at(n));
            number = Some((n.map(number_text), num_start..base + end));
            at = end;
            continue;
        }
        break;
    }
    let title = s.get(at..).and_then(|rest| {
        let t = rest.trim_start();
        let (inner, len) = quoted(t)?;
        let start = base + at + (rest.len() - t.len());
        at = start + len - base;
        Some(start + inner.start..start + inner.end)
    });
    if date.is_none() && number.is_none() && title.is_none() {
        return None;
    }
    Some(RefMatch {
        range: base..base + at,
        kind: Some((kind, base..base + kind_len)),
        issuer,
        date,
        number,
        title,
    })
}

/// No word of an issuer is longer than this (hyphenated runs included).
const MAX_WORD_CHARS: usize = 60;
/// How far around a Kazakh reference its issuer and notes may stand.
const MAX_ISSUER_BYTES: usize = 400;

/// How many words an issuer's name may have: a joint act's deciding
/// officials run to 17 («Заместителя Премьер-Министра Республики Казахстан -
/// Министр индустрии и новых технологий Республики Казахстан и Министра
/// сельского хозяйства Республики Казахстан»).
const MAX_ISSUER_WORDS: usize = 24;

/// Words naming an issuer, from the start of `s` to `от`, `№`, a quote,
/// a bracket, punctuation or a digit. A comma inside a body's name that
/// lists its fields («Министерства энергетики, индустрии и торговли») does
/// not end it.
fn issuer_words(doc: &Doc<'_>, s: &str) -> Option<Range<usize>> {
    let mut end = None;
    let mut at = 0;
    for _ in 0..MAX_ISSUER_WORDS {
        let rest = s.get(at..)?;
        let rest = rest
            .strip_prefix(',')
            .filter(|r| listed_field(doc, r))
            .unwrap_or(rest);
        at = s.len() - rest.len();
        let trimmed = rest.trim_start();
        if trimmed.len() == rest.len() && at > 0 {
            break;
        }
        // A word may carry dots ("г. Алматы"); a final dot ends a sentence
        // and is not the issuer's.
        let token_len = trimmed
            .find(|c: char| !(crate::text::is_letter(c) || c == '-' || c == '.'))
            .unwrap_or(trimmed.len());
        let token = trimmed.get(..token_len)?;
        let word = token.trim_end_matches('.');
        let lead = doc
            .g
            .date_lead
            .at_start(trimmed)
            .is_some_and(|(_, l)| l == word.len());
        if word.is_empty() || lead || word.chars().count() > MAX_WORD_CHARS {
            break;
        }
        at += rest.len() - trimmed.len() + token.len();
        end = Some(at - (token.len() - word.len()));
    }
    let end = end?;
    let start = s.len() - s.trim_start().len();
    (end > start).then_some(start..end)
}

/// After a comma, a name's list of fields goes on: a lower-case word, then
/// a conjunction («, метрологии и сертификации»).
fn listed_field(doc: &Doc<'_>, after_comma: &str) -> bool {
    let mut words = after_comma.split_whitespace();
    let field = words.next().unwrap_or("");
    let conjunction = words.next().unwrap_or("");
    after_comma.starts_with(' ')
        && field.chars().next().is_some_and(char::is_lowercase)
        && field.chars().all(crate::text::is_letter)
        && doc.g.conjunctions.matches_whole(conjunction)
}

/// Body and region of an issuer's words.
pub fn issuer_facts(doc: &Doc<'_>, r: Range<usize>) -> IssuerMatch {
    let s = doc.slice(r.clone());
    let base = r.start;
    let body = doc
        .g
        .bodies
        .find(s)
        .map(|(b, m)| (b, base + m.start..base + m.end));
    // A local body's words may open with the country's name («Қазақстан
    // Республикасы Атырау облысы әкімінің»): the region named makes it local.
    let named = region(doc, s).map(|(code, m)| (code, base + m.start..base + m.end));
    let national = body.as_ref().is_some_and(|(b, _)| !b.is_local())
        || (doc.g.country.is_match(s) && named.is_none());
    let region = if national { None } else { named };
    IssuerMatch {
        range: r,
        body,
        region,
    }
}

/// The region an issuer's words name, and where in `s` (today's oblast;
/// [`to_record`] reads it again as of the act's date). A name said to be
/// an oblast's or a city's («Алматинской области», «Алматы облысы»,
/// «города Астаны»: a qualifier word inside the name or right after it)
/// outranks a district of the gazetteer («Аккольского района» → KZ-11),
/// which outranks a bare name, itself perhaps a district's: «акимата
/// Жамбылского района Алматинской области» is of Almaty oblast (KZ-19), not
/// Zhambyl (KZ-31). Among equals, the first. See [`super::region`].
pub fn region(doc: &Doc<'_>, s: &str) -> Option<(String, Range<usize>)> {
    let base = doc.at(s);
    super::region::named(doc, s, None).map(|n| (n.code, n.range.start - base..n.range.end - base))
}

/// The Kazakh-order reference whose issuer body word starts at `s`.
pub fn kazakh(doc: &Doc<'_>, before: &str, s: &str) -> Option<RefMatch> {
    let (_, body_len) = doc.g.bodies.at_start(s)?;
    let base = doc.at(s);
    let rest = s.get(body_len..)?;
    let t = rest.trim_start();
    if t.len() == rest.len() {
        return None;
    }
    let date = date_at(doc, past_acting(doc, t))?;
    let mut at = date.range.end - base;
    let mut number = None;
    let rest = past_session(doc, s.get(at..)?.trim_start());
    if let Ok((after, n)) = act_number(rest) {
        let end = s.len() - after.len();
        number = Some((
            n.map(number_text),
            n.map_or(base + at, |n| doc.at(n))..base + end,
        ));
        at = end;
    }
    let mut title = None;
    let rest = s.get(at..)?;
    let t = rest.trim_start();
    if let Some((inner, len)) = quoted(t) {
        let start = base + at + rest.len() - t.len();
        title = Some(start + inner.start..start + inner.end);
        at = start + len - base;
    }
    // A parenthetical may stand before the kind word (the footnote's
    // entry-into-force note).
    let rest = s.get(at..)?;
    let t = rest.trim_start();
    if t.starts_with('(') {
        let window = t
            .get(..crate::text::floor_char_boundary(t, MAX_ISSUER_BYTES))
            .unwrap_or(t);
        let close = window.find(')')?;
        at += rest.len() - t.len() + close + 1;
    }
    let rest = s.get(at..)?;
    let t = rest.trim_start();
    let (kind, kind_len) = doc.g.kinds.at_start(t)?;
    let kind_start = base + at + rest.len() - t.len();
    let issuer_start = kazakh_issuer_start(doc, before);
    let issuer = issuer_facts(doc, issuer_start..base + body_len);
    Some(RefMatch {
        range: issuer_start..kind_start + kind_len,
        kind: Some((kind, kind_start..kind_start + kind_len)),
        issuer: Some(issuer),
        date: Some(date),
        number,
        title,
    })
}

/// Past an acting official's words after the body word: "облысы әкімінің
/// міндетін атқарушының 2019 жылғы …".
fn past_acting<'a>(doc: &Doc<'_>, t: &'a str) -> &'a str {
    match doc.g.acting.at_start(t) {
        Some((_, len)) => t.get(len..).map_or(t, str::trim_start),
        None => t,
    }
}

/// Past a session between the date and the number: "2018 жылғы 14
/// наурыздағы XXV сессиясының № 240 шешіміне" (the ordinal may be left
/// out).
fn past_session<'a>(doc: &Doc<'_>, t: &'a str) -> &'a str {
    let after_ordinal = t
        .find(' ')
        .and_then(|i| t.get(i..))
        .map_or("", str::trim_start);
    [t, after_ordinal]
        .into_iter()
        .find_map(|r| {
            let (_, len) = doc.g.session.at_start(r)?;
            r.get(len..).map(str::trim_start)
        })
        .unwrap_or(t)
}

/// Where a Kazakh issuer begins, scanning back from its body word within
/// the clause: at the country's name, else the region's, else the run of
/// capitalised words.
fn kazakh_issuer_start(doc: &Doc<'_>, before: &str) -> usize {
    // An issuer is a few words: look at most this far back.
    let near_start =
        crate::text::floor_char_boundary(before, before.len().saturating_sub(MAX_ISSUER_BYTES));
    let near = before.get(near_start..).unwrap_or("");
    let clause_start = near
        .rfind(['.', ',', ';', ':', '(', ')', '"'])
        .map_or(0, |i| i + 1);
    let clause = near.get(clause_start..).unwrap_or("");
    let base = doc.at(near) + clause_start;
    // The last name in the clause is this issuer's; an earlier one belongs
    // to an earlier reference ("… № 1 қаулысы және Ақтөбе облысы …").
    if let Some((_, m)) = doc.g.country.find_iter(clause).last() {
        return base + m.start;
    }
    if let Some((_, m)) = doc.g.regions.find_iter(clause).last() {
        return base + m.start;
    }
    // «Ақкөл аудандық мәслихатының»: a district's name, not capitalised
    // throughout.
    if let Some((_, m)) = doc.g.gazetteer.find_iter(clause).last() {
        return base + m.start;
    }
    let mut start = base + clause.len();
    for w in word_starts(clause).collect::<Vec<_>>().into_iter().rev() {
        if clause
            .get(w..)
            .and_then(|r| r.chars().next())
            .is_some_and(char::is_uppercase)
        {
            start = base + w;
        } else {
            break;
        }
    }
    start
}

/// Every reference in `s`, left to right. Only where a kind word (Russian
/// order) or a body word (Kazakh order) stands is a reference tried; the
/// scan for those words is one pass of the regex engine.
pub fn refs_in(doc: &Doc<'_>, s: &str) -> Vec<RefMatch> {
    let mut out: Vec<RefMatch> = Vec::new();
    let base = doc.at(s);
    let mut starts: Vec<(usize, bool)> = doc
        .g
        .kinds
        .find_iter(s)
        .map(|(_, m)| (m.start, true))
        .collect();
    starts.extend(doc.g.bodies.find_iter(s).map(|(_, m)| (m.start, false)));
    starts.sort_unstable();
    for (w, russian_order) in starts {
        if out.last().is_some_and(|r| base + w < r.range.end) {
            continue;
        }
        let Some(rest) = s.get(w..) else { continue };
        // A Kazakh issuer reaches back, but not into the previous reference.
        let prev_end = out
            .last()
            .map_or(0, |r| r.range.end.saturating_sub(base))
            .min(w);
        let before = s.get(prev_end..w).unwrap_or("");
        let found = if russian_order {
            russian(doc, rest)
        } else {
            kazakh(doc, before, rest)
        };
        if let Some(m) = found {
            // A Kazakh issuer reaches back over words already passed.
            while out.last().is_some_and(|r| r.range.end > m.range.start) {
                out.pop();
            }
            out.push(m);
        }
    }
    out
}

/// The record of a found reference: values checked, spans mapped, id
/// computed. Problems become diagnostics.
pub fn to_record(doc: &Doc<'_>, m: &RefMatch, diagnostics: &mut Vec<Diagnostic>) -> ActRef {
    let kind = m.kind.clone().map(|(k, r)| doc.spanned(k, r));
    let date = m
        .date
        .as_ref()
        .and_then(|d| checked_date(doc, d, diagnostics));
    let issuer = m.issuer.as_ref().map(|i| {
        let on = date.as_ref().map(|d| d.value);
        issuer_on(doc, i, on, diagnostics)
    });
    let number = m.number.as_ref().and_then(|(n, r)| match n {
        Some(n) => Some(doc.spanned(n.clone(), r.clone())),
        None => {
            diagnostics.push(doc.diagnostic(
                Code::NumberMissing,
                "«№» with no number after it",
                r.clone(),
            ));
            None
        }
    });
    let title = m.title.clone().map(|r| doc.text_at(r));
    let id = work_id(
        doc.g,
        kind.as_ref().map(|k| k.value),
        issuer.as_ref(),
        date.as_ref().map(|d| d.value),
        number.as_ref().map(|n| n.value.as_str()),
    );
    ActRef {
        id,
        kind,
        issuer,
        date,
        number,
        title,
        text: doc.text_at(m.range.clone()),
    }
}

/// The checked date, or a diagnostic.
pub fn checked_date(
    doc: &Doc<'_>,
    d: &DateMatch,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<crate::span::Spanned<crate::record::Date>> {
    match d.raw.validate() {
        Some(date) => Some(doc.spanned(date, d.range.clone())),
        None => {
            diagnostics.push(doc.diagnostic(
                Code::DateInvalid,
                format!("«{}» is not a calendar date", doc.slice(d.range.clone())),
                d.range.clone(),
            ));
            None
        }
    }
}

/// An issuer record whose region is read as of the act's date: a district
/// of Abai, Zhetisu or Ulytau oblast was another oblast's before 8 June
/// 2022; an abolished oblast is read as its successor, with a note.
fn issuer_on(
    doc: &Doc<'_>,
    i: &IssuerMatch,
    date: Option<crate::record::Date>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Issuer {
    let mut rec = issuer_record(doc, i);
    if i.region.is_none() {
        return rec;
    }
    if let Some(n) = super::region::named(doc, doc.slice(i.range.clone()), date) {
        diagnostics.extend(super::region::successor_note(doc, &n));
        rec.region = Some(doc.spanned(n.code, n.range));
    }
    rec
}

/// An issuer record.
pub fn issuer_record(doc: &Doc<'_>, i: &IssuerMatch) -> Issuer {
    Issuer {
        body: i.body.clone().map(|(b, r)| doc.spanned(b, r)),
        region: i.region.clone().map(|(c, r)| doc.spanned(c, r)),
        name: doc.text_at(i.range.clone()),
    }
}

/// The work id, when kind, date and number are known. A law's issuer is
/// Parliament even when the citation does not say so.
pub fn work_id(
    g: &crate::grammar::Grammar,
    kind: Option<ActKind>,
    issuer: Option<&Issuer>,
    date: Option<crate::record::Date>,
    number: Option<&str>,
) -> Option<String> {
    let kind = kind?;
    let body = issuer
        .and_then(|i| i.body.as_ref().map(|b| b.value))
        .or((kind == ActKind::Law).then_some(Body::Parliament));
    let region = issuer.and_then(|i| i.region.as_ref().map(|r| r.value.as_str()));
    // Without its body an act cannot be named, and a local body's act
    // without its oblast neither: an id with the country in the region's
    // place would claim a national act.
    let body = body?;
    if region.is_none() && body.is_local() {
        return None;
    }
    let cyrillic = |c| g.lookalikes.cyrillic(c);
    Some(id::work_id(region, kind, body, date?, number?, cyrillic))
}

/// An act's own work id, from its kind, issuer, date and number.
pub fn act_id(g: &crate::grammar::Grammar, act: &crate::record::Act) -> Option<String> {
    work_id(
        g,
        act.kind.as_ref().map(|k| k.value),
        act.issuer.as_ref(),
        act.date.as_ref().map(|d| d.value),
        act.number.as_ref().map(|n| n.value.as_str()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Text;

    fn refs(s: &str) -> Vec<(Option<String>, Option<String>, String)> {
        let g = crate::grammar::for_tests();
        let t = Text::identity(s);
        let doc = Doc::new(&t, g);
        let mut d = Vec::new();
        refs_in(&doc, t.as_str())
            .iter()
            .map(|m| {
                let r = to_record(&doc, m, &mut d);
                (r.id, r.title.map(|t| t.value), r.text.value)
            })
            .collect()
    }

    /// Issue 9: an acting official and a session ordinal do not break a
    /// reference.
    #[test]
    fn acting_officials_and_sessions() {
        let facts = |s: &str| {
            let g = crate::grammar::for_tests();
            let t = Text::identity(s);
            let doc = Doc::new(&t, g);
            let m = refs_in(&doc, t.as_str()).into_iter().next()?;
            let r = to_record(&doc, &m, &mut Vec::new());
            Some((
                r.kind.map(|k| k.value),
                r.date.map(|d| d.value.to_string()),
                r.number.map(|n| n.value),
            ))
        };
        assert_eq!(
            facts("Ақтөбе облысы әкімінің міндетін атқарушының 2019 жылғы 5 наурыздағы № 5 шешімі"),
            Some((
                Some(ActKind::Decision),
                Some("2019-03-05".into()),
                Some("5".into())
            ))
        );
        assert_eq!(
            facts(
                "Атырау облыстық мәслихатының 2018 жылғы 14 наурыздағы XXV сессиясының № 240 шешіміне"
            ),
            Some((
                Some(ActKind::Decision),
                Some("2018-03-14".into()),
                Some("240".into())
            ))
        );
        assert_eq!(
            facts(
                "Решение XVIII сессии Восточно-Казахстанского областного маслихата от 17 сентября 1998 года № 18/4"
            ),
            Some((
                Some(ActKind::Decision),
                Some("1998-09-17".into()),
                Some("18/4".into())
            ))
        );
        assert_eq!(
            facts(
                "приказом исполняющего обязанности Министра внутренних дел Республики Казахстан от 27 июня 2017 года № 452"
            ),
            Some((
                Some(ActKind::Order),
                Some("2017-06-27".into()),
                Some("452".into())
            ))
        );
    }

    #[test]
    fn russian_reference_with_region() {
        let r = refs(
            "Утратило силу постановлением акимата Западно-Казахстанской области от 5 июня 2020 года № 131",
        );
        assert_eq!(
            r.first().and_then(|r| r.0.clone()).as_deref(),
            Some("/akn/kz-27/act/resolution/akimat/2020-06-05/131")
        );
    }

    /// Issue 8: a district named like an oblast («Жамбылский район» of
    /// Almaty oblast) does not make the act Zhambyl oblast's.
    #[test]
    fn region_named_with_its_oblast_outranks_a_district_name() {
        let ids = |s: &str| refs(s).into_iter().map(|r| r.0).collect::<Vec<_>>();
        assert_eq!(
            ids(
                "постановлением акимата Жамбылского района Алматинской области от 5 июня 2020 года № 5"
            ),
            [Some(
                "/akn/kz-19/act/resolution/akimat/2020-06-05/5".to_string()
            )]
        );
        assert_eq!(
            ids("постановлением акимата Алматинского района города Астаны от 5 июня 2020 года № 5"),
            [Some(
                "/akn/kz-71/act/resolution/akimat/2020-06-05/5".to_string()
            )]
        );
        // The oblast's own act keeps its code.
        assert_eq!(
            ids("решением маслихата Жамбылской области от 5 июня 2020 года № 5"),
            [Some(
                "/akn/kz-31/act/decision/maslikhat/2020-06-05/5".to_string()
            )]
        );
        // Kazakh names the oblast first, and a district's name without it.
        assert_eq!(
            ids("Алматы облысы Жамбыл ауданы әкімдігінің 2020 жылғы 5 маусымдағы № 5 қаулысымен"),
            [Some(
                "/akn/kz-19/act/resolution/akimat/2020-06-05/5".to_string()
            )]
        );
        assert_eq!(
            ids("Жамбыл облысы Талас ауданы әкімдігінің 2020 жылғы 5 маусымдағы № 5 қаулысымен"),
            [Some(
                "/akn/kz-31/act/resolution/akimat/2020-06-05/5".to_string()
            )]
        );
    }

    /// Issue 9: districts name their oblast, as of the cited act's date; a
    /// Kazakh issuer opening with the country's name is still local.
    #[test]
    fn districts_and_local_issuers_with_the_countrys_name() {
        let ids = |s: &str| refs(s).into_iter().map(|r| r.0).collect::<Vec<_>>();
        assert_eq!(
            ids("решением Урджарского районного маслихата от 5 мая 2020 года № 5"),
            [Some(
                "/akn/kz-63/act/decision/maslikhat/2020-05-05/5".to_string()
            )]
        );
        assert_eq!(
            ids("решением Урджарского районного маслихата от 5 мая 2023 года № 5"),
            [Some(
                "/akn/kz-10/act/decision/maslikhat/2023-05-05/5".to_string()
            )]
        );
        assert_eq!(
            ids("Ақкөл аудандық мәслихатының 2016 жылғы 12 тамыздағы № 5-2 шешімімен"),
            [Some(
                "/akn/kz-11/act/decision/maslikhat/2016-08-12/5-2".to_string()
            )]
        );
        assert_eq!(
            ids(
                "Қазақстан Республикасы Атырау облысы әкімінің 2009 жылғы 11 қарашадағы № 52 шешімімен"
            ),
            [Some(
                "/akn/kz-23/act/decision/akim/2009-11-11/52".to_string()
            )]
        );
        // The country's name alone still makes a national issuer.
        assert_eq!(
            ids("приказом Министра финансов Республики Казахстан от 5 мая 2020 года № 5"),
            [Some("/akn/kz/act/order/ministry/2020-05-05/5".to_string())]
        );
    }

    #[test]
    fn nested_titles_balance() {
        let r = refs(
            "приказом Министра труда от 4 июля 2017 года № 190 \"О внесении изменений в приказ от 28 апреля 2015 года № 279 \"Об утверждении стандартов\"\" (зарегистрирован",
        );
        assert_eq!(r.len(), 1);
        assert_eq!(
            r.first().and_then(|r| r.1.clone()).as_deref(),
            Some(
                "О внесении изменений в приказ от 28 апреля 2015 года № 279 \"Об утверждении стандартов\""
            )
        );
        assert_eq!(
            r.first().and_then(|r| r.0.clone()).as_deref(),
            Some("/akn/kz/act/order/ministry/2017-07-04/190")
        );
    }

    #[test]
    fn kazakh_reference() {
        let r = refs("Ақтөбе облысы әкімдігінің 2015 жылғы 27.07. № 278 қаулысымен бекітілген");
        assert_eq!(
            r.first().and_then(|r| r.0.clone()).as_deref(),
            Some("/akn/kz-15/act/resolution/akimat/2015-07-27/278")
        );
        assert_eq!(
            r.first().map(|r| r.2.as_str()),
            Some("Ақтөбе облысы әкімдігінің 2015 жылғы 27.07. № 278 қаулысымен")
        );
    }

    #[test]
    fn kazakh_footnote_with_parenthetical() {
        let r = refs(
            "Ескерту. Күші жойылды - ҚР Қаржы министрінің 10.06.2025 № 293 (алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі) бұйрығымен.",
        );
        assert_eq!(
            r.first().and_then(|r| r.0.clone()).as_deref(),
            Some("/akn/kz/act/order/ministry/2025-06-10/293")
        );
    }

    #[test]
    fn bare_kind_words_are_not_references() {
        assert!(
            refs("утвержденный указанным постановлением, изложить в новой редакции").is_empty()
        );
    }

    #[test]
    fn laws_belong_to_parliament() {
        let r = refs(
            "Законом Республики Казахстан от 23 января 2001 года \"О местном государственном управлении\"",
        );
        assert_eq!(r.first().and_then(|r| r.0.clone()).as_deref(), None); // no number
        assert_eq!(r.len(), 1);
    }
}
