//! Dates: `31 октября 2017 года`, `от "23" ноября 2017 года`, `05.06.2020`,
//! `2015 жылғы 27.07.`, `2015 жылғы 28 сәуірдегі`, and as older texts write
//! them: `2005.06.21` (year first), `12.03.99` (a two-digit year),
//! `2016 жылғы "09" ақпандағы` (a quoted day).
//!
//! The rules extract raw numbers; [`RawDate::validate`] judges them, so
//! «31 февраля 2017 года» is found (with its span) and then reported.

use super::{Doc, PResult, fail, phrase};
use crate::grammar::Grammar;
use crate::record::Date;
use nom::Parser;
use nom::branch::alt;
use nom::bytes::complete::take_while_m_n;
use nom::character::complete::{char, space0, space1};
use nom::combinator::opt;
use std::ops::Range;

/// A date as written: numbers not yet checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawDate {
    /// Year.
    pub year: i64,
    /// Month, 1-based.
    pub month: i64,
    /// Day of month.
    pub day: i64,
}

impl RawDate {
    /// The calendar date, if it exists.
    pub fn validate(self) -> Option<Date> {
        Date::new(self.year, self.month, self.day)
    }
}

/// A date found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMatch {
    /// The numbers.
    pub raw: RawDate,
    /// Where (normalized text), without a leading "от".
    pub range: Range<usize>,
}

fn digits(min: usize, max: usize) -> impl Fn(&str) -> PResult<'_, i64> {
    move |i| {
        let (rest, d) = take_while_m_n(min, max, |c: char| c.is_ascii_digit()).parse(i)?;
        if rest.starts_with(|c: char| c.is_ascii_digit()) {
            return fail(i);
        }
        match d.parse() {
            Ok(n) => Ok((rest, n)),
            Err(_) => fail(i),
        }
    }
}

fn year(i: &str) -> PResult<'_, i64> {
    digits(4, 4)(i)
}

/// `31 октября 2017 года`, `"23" ноября 2017 года`.
fn day_month_year<'a>(g: &Grammar, i: &'a str) -> PResult<'a, RawDate> {
    let (i, _) = opt(char('"')).parse(i)?;
    let (i, day) = digits(1, 2)(i)?;
    let (i, _) = opt(char('"')).parse(i)?;
    let (i, _) = space1(i)?;
    let (i, month) = phrase(&g.months)(i)?;
    let (i, _) = space1(i)?;
    let (i, year) = year(i)?;
    let (i, _) = opt((space1, phrase(&g.year_words))).parse(i)?;
    Ok((
        i,
        RawDate {
            year,
            month: i64::from(month),
            day,
        },
    ))
}

/// `05.06.2020`.
fn numeric(i: &str) -> PResult<'_, RawDate> {
    let (i, (day, _, month, _, year)) =
        (digits(1, 2), char('.'), digits(1, 2), char('.'), year).parse(i)?;
    Ok((i, RawDate { year, month, day }))
}

/// Two-digit years run from 1931 to 2030: the acts that write them are of
/// the 1990s and 2000s, and a later one would be in the future.
const CENTURY_PIVOT: i64 = 30;

/// `12.03.99`, `06.05.98 ж.`: every part two digits, so a section number
/// such as `1.1.10` is not a date.
fn numeric_short_year(i: &str) -> PResult<'_, RawDate> {
    let (i, (day, _, month, _, yy)) = (
        digits(2, 2),
        char('.'),
        digits(2, 2),
        char('.'),
        digits(2, 2),
    )
        .parse(i)?;
    let year = if yy > CENTURY_PIVOT {
        1900 + yy
    } else {
        2000 + yy
    };
    Ok((i, RawDate { year, month, day }))
}

/// `2005.06.21`: year, month, day.
fn year_month_day(i: &str) -> PResult<'_, RawDate> {
    let (i, (year, _, month, _, day)) =
        (year, char('.'), digits(2, 2), char('.'), digits(2, 2)).parse(i)?;
    Ok((i, RawDate { year, month, day }))
}

/// `2015 жылғы 27.07.`, `2015 жылғы 28 сәуірдегі`, `2016 жылғы 27 желтоқсанда`.
fn year_first<'a>(g: &Grammar, i: &'a str) -> PResult<'a, RawDate> {
    let (i, year) = year(i)?;
    let (i, _) = (space1, phrase(&g.year_words), space1).parse(i)?;
    let numeric_dm = |i| -> PResult<'_, (i64, i64)> {
        let (i, (day, _, month)) = (digits(1, 2), char('.'), digits(1, 2)).parse(i)?;
        let (i, _) = opt(char('.')).parse(i)?;
        Ok((i, (day, month)))
    };
    // The day may be quoted: `2016 жылғы "09" ақпандағы`.
    let words_dm = |i| -> PResult<'_, (i64, i64)> {
        let (i, (_, day, _, _, month)) = (
            opt(char('"')),
            digits(1, 2),
            opt(char('"')),
            space1,
            phrase(&g.months),
        )
            .parse(i)?;
        Ok((i, (day, i64::from(month))))
    };
    let (i, (day, month)) = alt((numeric_dm, words_dm)).parse(i)?;
    Ok((i, RawDate { year, month, day }))
}

/// Any date form at the start of `i`, after an optional lead word ("от").
pub fn date<'a>(g: &Grammar, i: &'a str) -> PResult<'a, (RawDate, &'a str)> {
    let (i, _) = opt((phrase(&g.date_lead), space0)).parse(i)?;
    let start = i;
    let (rest, raw) = alt((
        |i| year_first(g, i),
        year_month_day,
        |i| day_month_year(g, i),
        numeric,
        numeric_short_year,
    ))
    .parse(i)?;
    let len = start.len() - rest.len();
    Ok((rest, (raw, start.get(..len).unwrap_or(""))))
}

/// `на 2026 год`, `в 1998 году`, `2023 - 2027 годы`, `2015 г.`: a year named
/// on its own (a budget's year, a programme's period). It is no act's
/// date: only [`mentions_in`] reports it.
pub fn year_mention<'a>(g: &Grammar, i: &'a str) -> PResult<'a, i64> {
    let (i, y) = year(i)?;
    let (i, _) = (
        space1,
        alt((phrase(&g.year_words), phrase(&g.year_mention_words))),
    )
        .parse(i)?;
    Ok((i, y))
}

/// A date or a year named in a text: what date extraction reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mention {
    /// A whole date.
    Date(DateMatch),
    /// A year on its own, and where it is written (with its year word).
    Year(i64, Range<usize>),
}

/// Every date and every year named on its own in `s`, left to right.
/// Besides word starts, a date may start right after a hyphen or a blank
/// to fill in («2026-2028 годы», «"___" ________2017 года»), never after
/// a letter, a digit, `.` or `/` (inside a number such as 1.2.2020 or
/// 4/438).
pub fn mentions_in(doc: &Doc<'_>, s: &str) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    let mut covered = 0;
    let mut prev: Option<char> = None;
    for (w, c) in s.char_indices() {
        let before = prev.replace(c);
        let starts = c.is_ascii_digit() || (c == '"' && before.is_none_or(char::is_whitespace));
        let may =
            before.is_none_or(|p| !(crate::text::is_letter_or_digit(p) || p == '.' || p == '/'));
        let at = doc.at(s) + w;
        if !starts || !may || at < covered {
            continue;
        }
        let Some(rest) = s.get(w..) else { continue };
        if let Some(d) = date_at(doc, rest) {
            covered = d.range.end;
            out.push(Mention::Date(d));
        } else if let Ok((after, y)) = year_mention(doc.g, rest) {
            let text = rest.get(..rest.len() - after.len()).unwrap_or("");
            let range = doc.range_of(text);
            covered = range.end;
            out.push(Mention::Year(y, range));
        }
    }
    out
}

/// The date at the start of `s` (a slice of the document), if any.
pub fn date_at(doc: &Doc<'_>, s: &str) -> Option<DateMatch> {
    let (_, (raw, text)) = date(doc.g, s).ok()?;
    Some(DateMatch {
        raw,
        range: doc.range_of(text.trim_end()),
    })
}

/// Every date in `s`, left to right.
pub fn dates_in(doc: &Doc<'_>, s: &str) -> Vec<DateMatch> {
    let mut out: Vec<DateMatch> = Vec::new();
    for w in super::word_starts(s) {
        if out.last().is_some_and(|d| doc.at(s) + w < d.range.end) {
            continue;
        }
        if let Some(rest) = s.get(w..)
            && rest.starts_with(|c: char| c.is_ascii_digit() || c == '"')
            && let Some(d) = date_at(doc, rest)
        {
            out.push(d);
        }
    }
    out
}

#[cfg(test)]
mod tests {

    /// Years named on their own are mentions, not dates; a range's last
    /// year and a year after a blank count too.
    #[test]
    fn year_mentions() {
        let text = "на 2026-2028 годы, в 1998 году, от ____2017 года и 31 октября 2017 года, пункт 1.2020 г.";
        let map = crate::text::Text::identity(text);
        let doc = Doc::new(&map, g());
        let found: Vec<String> = mentions_in(&doc, map.as_str())
            .into_iter()
            .map(|m| match m {
                Mention::Date(d) => format!("{}-{}-{}", d.raw.year, d.raw.month, d.raw.day),
                Mention::Year(y, r) => format!("{y}:{}", &text[r]),
            })
            .collect();
        assert_eq!(
            found,
            [
                "2028:2028 годы",
                "1998:1998 году",
                "2017:2017 года",
                "2017-10-31"
            ]
        );
    }

    use super::*;

    fn g() -> &'static Grammar {
        crate::grammar::for_tests()
    }

    fn d(s: &str) -> Option<(i64, i64, i64, usize)> {
        date(g(), s)
            .ok()
            .map(|(rest, (r, _))| (r.year, r.month, r.day, s.len() - rest.len()))
    }

    #[test]
    fn all_the_forms() {
        assert_eq!(
            d("31 октября 2017 года № 272").map(|x| (x.0, x.1, x.2)),
            Some((2017, 10, 31))
        );
        assert_eq!(
            d("05.06.2020 № 131").map(|x| (x.0, x.1, x.2)),
            Some((2020, 6, 5))
        );
        assert_eq!(
            d("от \"23\" ноября 2017 года").map(|x| (x.0, x.1, x.2)),
            Some((2017, 11, 23))
        );
        assert_eq!(
            d("2015 жылғы 27.07. № 278").map(|x| (x.0, x.1, x.2)),
            Some((2015, 7, 27))
        );
        assert_eq!(
            d("2015 жылғы 28 сәуірдегі № 279").map(|x| (x.0, x.1, x.2)),
            Some((2015, 4, 28))
        );
        assert_eq!(
            d("2016 жылғы 27 желтоқсанда № 14606").map(|x| (x.0, x.1, x.2)),
            Some((2016, 12, 27))
        );
    }

    #[test]
    fn older_forms() {
        let ymd = |s: &str| d(s).map(|x| (x.0, x.1, x.2));
        assert_eq!(ymd("2005.06.21 N 31р"), Some((2005, 6, 21)));
        assert_eq!(ymd("12.03.99 № 5"), Some((1999, 3, 12)));
        assert_eq!(ymd("06.05.98 ж."), Some((1998, 5, 6)));
        assert_eq!(ymd("04.02.01г."), Some((2001, 2, 4)));
        assert_eq!(ymd("2016 жылғы \"09\" ақпандағы № 12"), Some((2016, 2, 9)));
        // Section numbers and decimals are not dates.
        assert_eq!(ymd("1.1.10. Текст"), None);
        assert_eq!(ymd("12.03.999"), None);
        assert_eq!(ymd("2005.6.21"), None);
    }

    #[test]
    fn the_match_covers_year_words() {
        let s = "31 октября 2017 года № 272";
        assert_eq!(d(s).map(|x| x.3), Some("31 октября 2017 года".len()));
    }

    #[test]
    fn impossible_dates_are_found_then_refused() {
        let r = date(g(), "31 февраля 2017 года").ok().map(|(_, (r, _))| r);
        assert_eq!(
            r,
            Some(RawDate {
                year: 2017,
                month: 2,
                day: 31
            })
        );
        assert_eq!(r.and_then(RawDate::validate), None);
    }

    #[test]
    fn non_dates() {
        assert_eq!(d("2 (двух) минут"), None);
        assert_eq!(d("123.45.2020"), None);
        assert_eq!(d("5 июня"), None);
    }
}
