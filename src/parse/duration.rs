//! Durations: `в течение 2 (двух) минут`, `– 30 минут`, `1 (один) рабочий
//! день`, `не более 15 (пятнадцать) минут`, `20 (жиырма) минут ішінде`,
//! `1 (бір) күн ішінде`, `2 (екі) жұмыс күні`.
//!
//! DURATION := [QUALIFIER] (DIGITS | WORDS) ["(" WORDS ")"] [QUALIFIER] UNIT
//!
//! (The qualifier stands before the number in Kazakh: `күнтізбелік он
//! күн`, and before the unit in Russian: `десяти календарных дней`.)
//!
//! The number in digits and the number in words are both kept, so a
//! disagreement (`2 (трех) минут`) can be reported.

use super::number::number_words;
use super::{Doc, PResult, fail, phrase};
use crate::grammar::Grammar;
use crate::record::DurationUnit;
use nom::Parser;
use nom::bytes::complete::take_while_m_n;
use nom::character::complete::{char, space0, space1};
use nom::combinator::opt;
use std::ops::Range;

/// A duration as found (normalized ranges).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DurationMatch {
    /// The number (in digits when written so, else in words).
    pub value: u64,
    /// Where the number is.
    pub value_range: Range<usize>,
    /// The number in words beside the digits, and where.
    pub words: Option<(u64, Range<usize>)>,
    /// The unit (a qualified day: working or calendar).
    pub unit: DurationUnit,
    /// Where the unit word (with its qualifier) is.
    pub unit_range: Range<usize>,
    /// The whole duration, from the number to the unit.
    pub range: Range<usize>,
}

/// The numbers of a duration: `2 (двух)`, `20`, `двух`.
struct Amount {
    value: u64,
    value_len: usize,
    words: Option<(u64, usize, usize)>, // (value, offset, length)
}

fn digits(i: &str) -> PResult<'_, u64> {
    let (rest, d) = take_while_m_n(1, 4, |c: char| c.is_ascii_digit()).parse(i)?;
    if rest.starts_with(|c: char| {
        c.is_ascii_digit()
            || matches!(c, '.' | ',')
                && rest
                    .get(1..)
                    .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
    }) {
        // A date, a longer number or a fraction ("1,5 часа"), not a
        // duration in whole units.
        return fail(i);
    }
    match d.parse() {
        Ok(v) => Ok((rest, v)),
        Err(_) => fail(i),
    }
}

/// `2 (двух)` or `двух` or `2`.
fn amount<'a>(g: &Grammar, i: &'a str) -> PResult<'a, Amount> {
    if let Ok((rest, value)) = digits(i) {
        let value_len = i.len() - rest.len();
        let words = |r: &'a str| -> PResult<'a, (u64, usize, usize)> {
            let (r, _) = (space0, char('('), space0).parse(r)?;
            let start = r;
            let (r2, v) = number_words(g, r)?;
            let len = start.len() - r2.len();
            let (r2, _) = (space0, char(')')).parse(r2)?;
            Ok((r2, (v, i.len() - start.len(), len)))
        };
        let (rest, words) = opt(words).parse(rest)?;
        return Ok((
            rest,
            Amount {
                value,
                value_len,
                words,
            },
        ));
    }
    let (rest, value) = number_words(g, i)?;
    Ok((
        rest,
        Amount {
            value,
            value_len: i.len() - rest.len(),
            words: None,
        },
    ))
}

/// A working/calendar qualifier and the space after it.
fn qualifier<'a>(g: &Grammar, i: &'a str) -> PResult<'a, DurationUnit> {
    let (i, q) = nom::branch::alt((
        |i| phrase(&g.working)(i).map(|(r, _)| (r, DurationUnit::WorkingDay)),
        |i| phrase(&g.calendar)(i).map(|(r, _)| (r, DurationUnit::CalendarDay)),
    ))
    .parse(i)?;
    let (i, _) = space1(i)?;
    Ok((i, q))
}

/// The unit, with a working/calendar qualifier before it (or one given
/// before the number, `ahead`).
fn unit<'a>(g: &Grammar, i: &'a str, ahead: Option<DurationUnit>) -> PResult<'a, DurationUnit> {
    let (rest, qualifier) = opt(|i| qualifier(g, i)).parse(i)?;
    let qualifier = qualifier.or(ahead);
    let (rest, unit) = phrase(&g.units)(rest)?;
    let unit = match (unit, qualifier) {
        (DurationUnit::Day, Some(q)) => q,
        (u, None) => u,
        // "рабочих минут" is not a thing: the qualifier is not ours.
        (_, Some(_)) => return fail(i),
    };
    Ok((rest, unit))
}

/// A duration at the start of `s`.
pub fn duration_at(doc: &Doc<'_>, s: &str) -> Option<DurationMatch> {
    let g = doc.g;
    let (after_q, ahead) = opt(|i| qualifier(g, i)).parse(s).ok()?;
    let number_at = s.len() - after_q.len();
    let (rest, amount) = amount(g, after_q).ok()?;
    let (rest, _) = space1::<_, nom::error::Error<&str>>(rest).ok()?;
    let unit_start = s.len() - rest.len();
    let (rest, unit) = unit(g, rest, ahead).ok()?;
    let end = s.len() - rest.len();
    let base = doc.at(s);
    let value_at = base + number_at;
    Some(DurationMatch {
        value: amount.value,
        value_range: value_at..value_at + amount.value_len,
        words: amount
            .words
            .map(|(v, off, len)| (v, value_at + off..value_at + off + len)),
        unit,
        unit_range: base + unit_start..base + end,
        range: base..base + end,
    })
}

/// Every duration in `s`, left to right.
pub fn durations_in(doc: &Doc<'_>, s: &str) -> Vec<DurationMatch> {
    let mut out: Vec<DurationMatch> = Vec::new();
    let base = doc.at(s);
    for w in crate::text::word_starts(s) {
        if out.last().is_some_and(|d| base + w < d.range.end) {
            continue;
        }
        let Some(rest) = s.get(w..) else { continue };
        // "1,5": the 5 is a fraction's, not a number of its own.
        let after_decimal_comma = s.get(..w).is_some_and(|b| {
            let mut back = b.chars().rev();
            back.next() == Some(',') && back.next().is_some_and(|c| c.is_ascii_digit())
        });
        let starts_number = rest.starts_with(|c: char| c.is_ascii_digit())
            || doc.g.numbers.at_start(rest).is_some()
            || doc.g.working.at_start(rest).is_some()
            || doc.g.calendar.at_start(rest).is_some();
        if starts_number
            && !after_decimal_comma
            && let Some(d) = duration_at(doc, rest)
        {
            out.push(d);
        }
    }
    out
}

/// ISO 8601 for a duration. A working day has no ISO unit of its own; it
/// is written as a day, and the unit field says which kind.
pub fn iso8601(value: u64, unit: DurationUnit) -> String {
    match unit {
        DurationUnit::Minute => format!("PT{value}M"),
        DurationUnit::Hour => format!("PT{value}H"),
        DurationUnit::WorkingDay | DurationUnit::CalendarDay | DurationUnit::Day => {
            format!("P{value}D")
        }
        DurationUnit::Month => format!("P{value}M"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Text;

    fn d(s: &str) -> Vec<(u64, DurationUnit, Option<u64>, String)> {
        let g = crate::grammar::for_tests();
        let t = Text::identity(s);
        let doc = Doc::new(&t, g);
        durations_in(&doc, t.as_str())
            .into_iter()
            .map(|m| {
                (
                    m.value,
                    m.unit,
                    m.words.map(|w| w.0),
                    doc.slice(m.range).to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn the_forms() {
        use DurationUnit::*;
        assert_eq!(
            d("– в течение 2 (двух) минут"),
            [(2, Minute, Some(2), "2 (двух) минут".into())]
        );
        assert_eq!(
            d("– 30 минут, при обращении на портал – 1 (один) рабочий день;"),
            [
                (30, Minute, None, "30 минут".into()),
                (1, WorkingDay, Some(1), "1 (один) рабочий день".into())
            ]
        );
        assert_eq!(d("в течении 5 (пяти) минут").first().map(|x| x.0), Some(5));
        assert_eq!(
            d("не более 15 (пятнадцать) минут").first().map(|x| x.0),
            Some(15)
        );
        assert_eq!(
            d("20 (жиырма) минут ішінде").first().map(|x| (x.0, x.1)),
            Some((20, Minute))
        );
        assert_eq!(
            d("1 (бір) күн ішінде").first().map(|x| (x.0, x.1)),
            Some((1, Day))
        );
        assert_eq!(d("10 (он) минут").first().map(|x| x.0), Some(10));
        assert_eq!(
            d("в течение 2 (двух) рабочих дней")
                .first()
                .map(|x| (x.0, x.1)),
            Some((2, WorkingDay))
        );
        assert_eq!(
            d("в течение 1 (одного) рабочего дня")
                .first()
                .map(|x| (x.0, x.1)),
            Some((1, WorkingDay))
        );
        assert_eq!(
            d("25 (двадцати пяти) минут").first().map(|x| x.2),
            Some(Some(25))
        );
        assert_eq!(
            d("в течение одной минуты").first().map(|x| (x.0, x.1)),
            Some((1, Minute))
        );
    }

    #[test]
    fn a_fraction_is_not_a_whole_duration() {
        assert_eq!(d("в течение 1,5 часа"), []);
        assert_eq!(d("не более 0,5 рабочего дня"), []);
    }

    #[test]
    fn the_kazakh_qualifier_before_the_number() {
        use DurationUnit::*;
        assert_eq!(
            d("күнтізбелік он күн өткен соң"),
            [(10, CalendarDay, None, "күнтізбелік он күн".into())]
        );
        assert_eq!(
            d("күнтізбелік 10 (он) күн ішінде"),
            [(10, CalendarDay, Some(10), "күнтізбелік 10 (он) күн".into())]
        );
        assert_eq!(
            d("2 (екі) жұмыс күні"),
            [(2, WorkingDay, Some(2), "2 (екі) жұмыс күні".into())]
        );
    }

    #[test]
    fn words_that_disagree_are_kept() {
        assert_eq!(
            d("2 (трех) минут").first().map(|x| (x.0, x.2)),
            Some((2, Some(3)))
        );
    }

    #[test]
    fn dates_and_numbers_are_not_durations() {
        assert!(d("от 20.10.2020 года").is_empty());
        assert!(d("2015 года").is_empty());
        assert!(d("пункт 9 Стандарта").is_empty());
    }

    #[test]
    fn iso() {
        assert_eq!(iso8601(2, DurationUnit::Minute), "PT2M");
        assert_eq!(iso8601(1, DurationUnit::WorkingDay), "P1D");
    }
}
