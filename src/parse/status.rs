//! Status phrases: state registration, loss of force, entry into force.
//!
//! - `Зарегистрировано Департаментом юстиции … 20 ноября 2017 года № 4954`
//!   / `… Әділет министрлігінде 2016 жылғы 27 желтоқсанда № 14606 болып
//!   тіркелді`;
//! - `Утратило силу постановлением … № 131` / `Күші жойылды - … бұйрығымен`;
//! - `вводится в действие по истечении десяти календарных дней после дня
//!   первого официального опубликования` / `алғашқы ресми жарияланған
//!   күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі`.

use super::act_ref::{RefMatch, issuer_facts, refs_in};
use super::date::{DateMatch, dates_in};
use super::number::{act_number, number_text, number_words};
use super::{Doc, word_starts};
use crate::record::EntryRule;
use std::ops::Range;

/// A registration statement as found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistrationMatch {
    /// The registering authority's words.
    pub authority: Option<Range<usize>>,
    /// Date of registration.
    pub date: Option<DateMatch>,
    /// Registration number.
    pub number: Option<(Option<String>, Range<usize>)>,
}

/// The registration statement in `s`.
pub fn registration(doc: &Doc<'_>, s: &str) -> Option<RegistrationMatch> {
    let (_, m) = doc.g.registered.find(s)?;
    let base = doc.at(s);
    // Russian: the phrase comes first. Kazakh ("… болып тіркелді"): last,
    // so the sentence before it holds the facts.
    let after = s.get(m.end..)?;
    let ends_sentence = after.trim_start().is_empty() || after.trim_start().starts_with('.');
    let first_date = dates_in(doc, after)
        .into_iter()
        .next()
        .filter(|d| !ends_sentence && d.range.start - (base + m.end) < 200);
    let (authority, date, tail) = if let Some(d) = first_date {
        let auth = base + m.end..d.range.start;
        let tail = doc.slice(d.range.end..base + s.len());
        (Some(auth), Some(d), tail)
    } else {
        let sentence_start = sentence_start(s.get(..m.start)?);
        let sentence = s.get(sentence_start..m.start)?;
        let d = dates_in(doc, sentence).into_iter().next()?;
        let auth = base + sentence_start..d.range.start;
        (
            Some(auth),
            Some(d.clone()),
            doc.slice(d.range.end..base + m.start),
        )
    };
    let t = number_lead(doc, tail.trim_start());
    let number = act_number(t).ok().map(|(_, n)| {
        // A bare "№" is reported at the sign itself.
        let r = n.map_or(doc.at(t)..doc.at(t) + '№'.len_utf8(), |n| doc.range_of(n));
        (n.map(number_text), r)
    });
    let authority = authority.map(|r| trim(doc, r)).filter(|r| !r.is_empty());
    Some(RegistrationMatch {
        authority,
        date,
        number,
    })
}

/// Past a word that leads the registration number: "… 1998 г. за № 1".
fn number_lead<'a>(doc: &Doc<'_>, t: &'a str) -> &'a str {
    match doc.g.registration_number_lead.at_start(t) {
        Some((_, len)) => t.get(len..).map_or(t, str::trim_start),
        None => t,
    }
}

/// Where the sentence that ends `s` begins: after the last ". " that is
/// followed by a capital letter (not the dot inside "27.12. № 5").
fn sentence_start(s: &str) -> usize {
    let mut start = 0;
    for (i, _) in s.match_indices(". ") {
        if s.get(i + 2..)
            .and_then(|r| r.chars().next())
            .is_some_and(char::is_uppercase)
        {
            start = i + 2;
        }
    }
    start
}

fn trim(doc: &Doc<'_>, r: Range<usize>) -> Range<usize> {
    let s = doc.slice(r.clone());
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    r.start + lead..r.start + lead + t.len()
}

/// A statement that this act lost force: where it is, and the repealing
/// act when it is cited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LostForceMatch {
    /// The phrase ("Утратило силу").
    pub phrase: Range<usize>,
    /// The repealing act.
    pub by: Option<RefMatch>,
}

/// "Утратило силу постановлением …" / "Күші жойылды - … бұйрығымен".
pub fn lost_force(doc: &Doc<'_>, s: &str) -> Option<LostForceMatch> {
    let (_, m) = doc.g.lost_force.find(s)?;
    let base = doc.at(s);
    let after = s.get(m.end..)?;
    let by = refs_in(doc, after)
        .into_iter()
        .next()
        .filter(|r| r.range.start - (base + m.end) < 40)
        .or_else(|| letter_ref(doc, after));
    Some(LostForceMatch {
        phrase: base + m.start..base + m.end,
        by,
    })
}

/// How far past the loss-of-force phrase a deciding letter may stand.
const MAX_LETTER_BYTES: usize = 400;

/// A letter that decided a loss of force, as a reference with no kind:
/// "- письмо маслихата Актюбинской области от 20 декабря 2004 года №
/// 1/5-282" (the facts follow the word) / "- … мәслихатының 2007 жылғы 30
/// наурыздағы № 01-151/01-06 хатымен" (they precede it).
fn letter_ref(doc: &Doc<'_>, after: &str) -> Option<RefMatch> {
    let window = after.get(..crate::text::floor_char_boundary(after, MAX_LETTER_BYTES))?;
    let base = doc.at(window);
    let (_, word) = doc.g.letter.find(window)?;
    let following = dates_in(doc, window.get(word.end..)?)
        .into_iter()
        .next()
        .filter(|d| d.range.start - (base + word.end) < 200);
    let (date, issuer_from, end) = match following {
        Some(d) => (d, base + word.end, None),
        None => {
            let before = window.get(..word.start)?;
            let d = dates_in(doc, before).into_iter().next()?;
            // The issuer stands after the dash or comma that ends the reason.
            let from = before
                .get(..d.range.start - base)?
                .rfind(['-', ',', ')'])
                .map_or(0, |i| i + 1);
            (d, base + from, Some(base + word.end))
        }
    };
    let issuer_text = doc.slice(issuer_from..date.range.start);
    let issuer_text = issuer_text.trim();
    let issuer_text = doc
        .g
        .date_lead
        .at_end(issuer_text)
        .and_then(|(_, m)| issuer_text.get(..m.start))
        .map_or(issuer_text, str::trim_end);
    let issuer_start = doc.at(issuer_text);
    let issuer = (!issuer_text.is_empty())
        .then(|| issuer_facts(doc, issuer_start..issuer_start + issuer_text.len()));
    let rest = doc.slice(date.range.end..base + window.len());
    let t = rest.trim_start();
    let number = act_number(t).ok().map(|(_, n)| {
        let r = n.map_or(doc.at(t)..doc.at(t) + '№'.len_utf8(), |n| doc.range_of(n));
        (n.map(number_text), r)
    });
    let start = (base + word.start).min(issuer_start);
    let number_end = number.as_ref().map_or(date.range.end, |(_, r)| r.end);
    let end = end.unwrap_or(base + word.end).max(number_end);
    Some(RefMatch {
        range: start..end,
        kind: None,
        issuer,
        date: Some(date),
        number,
        title: None,
    })
}

/// An entry-into-force provision as found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryMatch {
    /// The rule.
    pub rule: EntryRule,
    /// Days after the event, and where the number is written.
    pub days: Option<(u32, Range<usize>)>,
    /// The date named, for a rule "с 1 января 2026 года".
    pub date: Option<DateMatch>,
    /// The provision.
    pub range: Range<usize>,
}

/// The entry-into-force provision in `s`.
pub fn entry_into_force(doc: &Doc<'_>, s: &str) -> Option<EntryMatch> {
    let g = doc.g;
    let (_, phrase) = doc.g.entry_into_force.find(s)?;
    let named_date = dates_in(doc, s.get(phrase.end..).unwrap_or(""))
        .into_iter()
        .next();
    let base = doc.at(s);
    let rule = if g.after_first_publication.is_match(s) {
        EntryRule::DaysAfterFirstPublication
    } else if g.from_first_publication.is_match(s) {
        EntryRule::FirstPublication
    } else if g.from_registration.is_match(s) {
        EntryRule::Registration
    } else if g.from_signing.is_match(s) {
        EntryRule::Signing
    } else if named_date.is_some() {
        EntryRule::OnDate
    } else {
        EntryRule::Other
    };
    let days = if rule == EntryRule::DaysAfterFirstPublication {
        day_count(doc, s)
    } else {
        None
    };
    let trimmed = s.trim_end();
    let date = if rule == EntryRule::OnDate {
        named_date
    } else {
        None
    };
    Some(EntryMatch {
        rule,
        days,
        date,
        range: base..base + trimmed.len(),
    })
}

/// The number of calendar days: before "календарных" in Russian
/// ("десяти календарных дней"), after "күнтізбелік" in Kazakh
/// ("күнтізбелік он күн").
fn day_count(doc: &Doc<'_>, s: &str) -> Option<(u32, Range<usize>)> {
    let (_, cal) = doc.g.calendar.find(s)?;
    let base = doc.at(s);
    let value = |i: &str| -> Option<(u32, usize)> {
        if let Ok((rest, v)) = number_words(doc.g, i) {
            return Some((u32::try_from(v).ok()?, i.len() - rest.len()));
        }
        let digits = i.find(|c: char| !c.is_ascii_digit()).unwrap_or(i.len());
        Some((i.get(..digits)?.parse().ok()?, digits))
    };
    // Kazakh: the number follows.
    if let Some((v, len)) = s.get(cal.end..).map(str::trim_start).and_then(value) {
        let start = base + s.len() - s.get(cal.end..)?.trim_start().len();
        return Some((v, start..start + len));
    }
    // Russian: the number words precede; find where they start.
    let before = s.get(..cal.start)?.trim_end();
    let starts: Vec<usize> = word_starts(before).collect();
    for &w in starts.iter().rev().take(3).rev() {
        let cand = before.get(w..)?;
        if let Some((v, len)) = value(cand)
            && len == cand.len()
        {
            return Some((v, base + w..base + w + len));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Text;

    fn with<T>(s: &str, f: impl FnOnce(&Doc<'_>, &str) -> T) -> T {
        let g = crate::grammar::for_tests();
        let t = Text::identity(s);
        let doc = Doc::new(&t, g);
        f(&doc, t.as_str())
    }

    #[test]
    fn russian_registration() {
        let s = "Постановление акимата от 31 октября 2017 года № 272. Зарегистрировано Департаментом юстиции Западно-Казахстанской области 20 ноября 2017 года № 4954. Утратило силу";
        let got = with(s, |doc, s| {
            let r = registration(doc, s)?;
            Some((
                doc.slice(r.authority?).to_string(),
                r.date?.raw.day,
                r.number?.0?,
            ))
        });
        assert_eq!(
            got,
            Some((
                "Департаментом юстиции Западно-Казахстанской области".into(),
                20,
                "4954".into()
            ))
        );
    }

    /// Issue 9: older requisites put "за" before the registration number.
    #[test]
    fn registration_number_after_za() {
        for (s, n) in [
            (
                "Решение Акима Алматинской области от 22 сентября 1997 г. № 9-360. Зарегистрировано управлением юстиции 2 апреля 1998 г. за № 1. Утратило силу",
                "1",
            ),
            (
                "Решение Акима области от 13 мая 1998 года № 516. Зарегистрировано управлением юстиции Восточно-Казахстанской области 20 мая 1998 года за № 38.",
                "38",
            ),
            (
                "Решение акимата области от 27 февраля 2015 года № 22/350. Зарегистрировано Департаментом юстиции Мангистауской области от 03 апреля 2015 года № 2659",
                "2659",
            ),
        ] {
            let got = with(s, |doc, s| registration(doc, s).and_then(|r| r.number?.0));
            assert_eq!(got.as_deref(), Some(n), "{s}");
        }
    }

    #[test]
    fn kazakh_registration() {
        let s = "Қазақстан Республикасы Қаржы министрінің 2016 жылғы 26 желтоқсандағы № 688 бұйрығы. Қазақстан Республикасының Әділет министрлігінде 2016 жылғы 27 желтоқсанда № 14606 болып тіркелді.";
        let got = with(s, |doc, s| {
            let r = registration(doc, s)?;
            Some((
                doc.slice(r.authority?).to_string(),
                r.date?.raw.month,
                r.number?.0?,
            ))
        });
        assert_eq!(
            got,
            Some((
                "Қазақстан Республикасының Әділет министрлігінде".into(),
                12,
                "14606".into()
            ))
        );
    }

    #[test]
    fn entry_rules() {
        let ru = "4. Настоящее постановление вводится в действие по истечении десяти календарных дней после дня первого официального опубликования.";
        assert_eq!(
            with(ru, |d, s| entry_into_force(d, s)
                .map(|e| (e.rule, e.days.map(|x| x.0)))),
            Some((EntryRule::DaysAfterFirstPublication, Some(10)))
        );
        let kk = "алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі";
        assert_eq!(
            with(kk, |d, s| entry_into_force(d, s)
                .map(|e| (e.rule, e.days.map(|x| x.0)))),
            Some((EntryRule::DaysAfterFirstPublication, Some(10)))
        );
        let sign = "2. Настоящее постановление вводится в действие со дня его подписания.";
        assert_eq!(
            with(sign, |d, s| entry_into_force(d, s).map(|e| e.rule)),
            Some(EntryRule::Signing)
        );
    }

    /// Issue 9: a letter decided the loss of force; its date and number
    /// are the deciding reference.
    #[test]
    fn lost_force_by_a_letter() {
        let facts = |s: &str| {
            with(s, |d, s| {
                let by = lost_force(d, s)?.by?;
                Some((
                    by.date?.raw.year,
                    by.number?.0?,
                    by.issuer?.body.map(|b| b.0),
                ))
            })
        };
        let ru = "Утратило силу в связи с истечением срока применения - письмо маслихата Актюбинской области от 20 декабря 2004 года № 1/5-282";
        assert_eq!(
            facts(ru),
            Some((2004, "1/5-282".into(), Some(crate::record::Body::Maslikhat)))
        );
        let kk = "Ескерту. Қолданылу мерзімінің аяқталуына байланысты күші жойылды - Шығыс Қазақстан облыстық мәслихатының 2007 жылғы 30 наурыздағы № 01-151/01-06 хатымен.";
        assert_eq!(
            facts(kk),
            Some((
                2007,
                "01-151/01-06".into(),
                Some(crate::record::Body::Maslikhat)
            ))
        );
    }

    #[test]
    fn lost_force_with_its_act() {
        let s = "Сноска. Утратило силу постановлением акимата Западно-Казахстанской области от 05.06.2020 № 131 (вводится в действие по истечении десяти календарных дней)";
        let n = with(s, |d, s| {
            lost_force(d, s)
                .and_then(|l| l.by)
                .and_then(|b| b.number)
                .and_then(|n| n.0)
        });
        assert_eq!(n.as_deref(), Some("131"));
    }
}
