//! Numbers: act numbers after `№` (`272`, `4/496`, `37/03`, `№190`,
//! `8С 37/5`, `271-VIII ЗРК`) and numbers written in words (`двадцати пяти`
//! = 25, `жиырма` = 20).

use super::{PResult, phrase};
use crate::grammar::Grammar;
use nom::Parser;
use nom::bytes::complete::take_while1;
use nom::character::complete::{char, space0, space1};

fn number_char(c: char) -> bool {
    crate::text::is_letter_or_digit(c) || c == '/' || c == '-'
}

/// A series prefix standing alone before the number: `С` in `№ С 5-2`
/// (a maslikhat's session series), `А` in `№ А 2/35`. One or two capital
/// letters; the number proper must follow.
fn series_prefix(tok: &str) -> bool {
    (1..=2).contains(&tok.chars().count()) && tok.chars().all(char::is_uppercase)
}

/// A series glued by a hyphen: `С-12-4`, `А-2/35` (capital letters, a
/// hyphen, then digits).
fn glued_series(tok: &str) -> bool {
    let letters = tok.chars().take_while(|c| c.is_uppercase()).count();
    let rest = tok.chars().skip(letters);
    (1..=2).contains(&letters) && {
        let mut rest = rest;
        rest.next() == Some('-') && rest.next().is_some_and(|c| c.is_ascii_digit())
    }
}

/// `С 21 - 5`: a hyphen typed with spaces around it inside a number whose
/// parts are digits. The length of ` - 5` in `rest`, if it continues.
fn spaced_hyphen(rest: &str) -> Option<usize> {
    let t = rest.strip_prefix(' ').unwrap_or(rest);
    let t = t.strip_prefix('-')?;
    let t = t.strip_prefix(' ').unwrap_or(t);
    if t.len() + 1 == rest.len() {
        // No space on either side: the number rule already took it.
        return None;
    }
    let tok_len = t.find(|c: char| !number_char(c)).unwrap_or(t.len());
    let tok = t.get(..tok_len)?;
    (tok.starts_with(|c: char| c.is_ascii_digit()) && !tok.ends_with(['-', '/']))
        .then(|| rest.len() - t.len() + tok_len)
}

/// `№ 272`: the number's text, or `None` when `№` stands alone. The text is
/// as written; [`number_text`] gives its value.
pub fn act_number(i: &str) -> PResult<'_, Option<&str>> {
    let (i, _) = char('№').parse(i)?;
    let (after_space, _) = space0(i)?;
    let Ok((rest, first)) =
        take_while1::<_, _, nom::error::Error<&str>>(number_char).parse(after_space)
    else {
        return Ok((i, None));
    };
    // `8С 37/5` (a session and its decision) and `271-VIII ЗРК` (a law's
    // suffix) carry a second token; so does a series prefix (`С 5-2`).
    let second = |rest: &str| -> Option<usize> {
        let (r, _) = space1::<_, nom::error::Error<&str>>(rest).ok()?;
        let (_, tok) = take_while1::<_, _, nom::error::Error<&str>>(number_char)
            .parse(r)
            .ok()?;
        let session = first.ends_with(|c: char| crate::text::is_letter(c))
            && tok.starts_with(|c: char| c.is_ascii_digit())
            && !tok.ends_with(['-', '/']);
        let suffix =
            (2..=4).contains(&tok.chars().count()) && tok.chars().all(|c| c.is_uppercase());
        (session || suffix).then(|| rest.len() - r.len() + tok.len())
    };
    let starts_with_digit = first.starts_with(|c: char| c.is_ascii_digit());
    let second_len = second(rest);
    let series = series_prefix(first) && second_len.is_some();
    if first.ends_with(['-', '/']) || !(starts_with_digit || series || glued_series(first)) {
        return Ok((i, None));
    }
    let mut len = first.len() + second_len.unwrap_or(0);
    while let Some(more) = after_space
        .get(len..)
        .filter(|_| {
            after_space
                .get(..len)
                .is_some_and(|n| n.ends_with(|c: char| c.is_ascii_digit()))
        })
        .and_then(spaced_hyphen)
    {
        len += more;
    }
    Ok((
        after_space.get(len..).unwrap_or(""),
        Some(after_space.get(..len).unwrap_or("")),
    ))
}

/// A number's value from its text: a hyphen keeps no spaces around it
/// (`С 21 - 5` is `С 21-5`); everything else is kept as written.
pub fn number_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for part in raw.split('-') {
        if !out.is_empty() {
            out.truncate(out.trim_end().len());
            out.push('-');
            out.push_str(part.trim_start());
        } else {
            out.push_str(part);
        }
    }
    out
}

/// One or more number words: `двадцати пяти` = 25, `две тысячи` = 2000,
/// `екі жүз` = 200. A hundred or a thousand multiplies what precedes it
/// when that is smaller; otherwise words add.
pub fn number_words<'a>(g: &Grammar, i: &'a str) -> PResult<'a, u64> {
    let (mut rest, first) = phrase(&g.numbers)(i)?;
    let (mut total, mut group) = (0u64, first);
    while let Ok((r, (_, v))) = (space1, phrase(&g.numbers)).parse(rest) {
        if v >= 100 && group < v {
            group = group.max(1).saturating_mul(v);
            if v >= 1000 {
                total = total.saturating_add(group);
                group = 0;
            }
        } else {
            group = group.saturating_add(v);
        }
        rest = r;
    }
    Ok((rest, total.saturating_add(group)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Option<Option<&str>> {
        act_number(s).ok().map(|(_, n)| n)
    }

    #[test]
    fn act_numbers() {
        assert_eq!(n("№ 272."), Some(Some("272")));
        assert_eq!(n("№2/260 "), Some(Some("2/260")));
        assert_eq!(n("№ 37/03 \"Об"), Some(Some("37/03")));
        assert_eq!(n("№ 8С 37/5 от"), Some(Some("8С 37/5")));
        assert_eq!(n("№ 271-VIII ЗРК"), Some(Some("271-VIII ЗРК")));
        assert_eq!(n("№ 77-НП"), Some(Some("77-НП")));
        assert_eq!(n("№ 131 (вводится"), Some(Some("131")));
        assert_eq!(n("№ 272 ПОСТАНОВЛЯЕТ"), Some(Some("272")));
    }

    /// Issue 9: numbers as older texts and requisite lines write them.
    #[test]
    fn series_and_letter_numbers() {
        assert_eq!(n("№ С 5-2. Зарегистрировано"), Some(Some("С 5-2")));
        assert_eq!(n("№ С 21-5 от"), Some(Some("С 21-5")));
        assert_eq!(n("№ С-12-4 "), Some(Some("С-12-4")));
        assert_eq!(n("№ 8С-11-10 от"), Some(Some("8С-11-10")));
        assert_eq!(n("№ 8С 37/3"), Some(Some("8С 37/3")));
        assert_eq!(n("№ А-2/35 и решение"), Some(Some("А-2/35")));
        assert_eq!(n("№ 14с от"), Some(Some("14с")));
        assert_eq!(n("№ 23р"), Some(Some("23р")));
        assert_eq!(n("№ 23ө шешімі"), Some(Some("23ө")));
        assert_eq!(n("№ 110-II. Зарегистрирован"), Some(Some("110-II")));
        // A hyphen with spaces is part of the number; its value drops them.
        assert_eq!(n("№ С 21 - 5 от"), Some(Some("С 21 - 5")));
        assert_eq!(n("№ С 8 - 8 шешімімен"), Some(Some("С 8 - 8")));
        assert_eq!(number_text("С 21 - 5"), "С 21-5");
        assert_eq!(number_text("8С 37/3"), "8С 37/3");
        // The next word is not the number's.
        assert_eq!(n("№ 5 от 12 мая"), Some(Some("5")));
        assert_eq!(n("№ 12 шешімі"), Some(Some("12")));
        assert_eq!(n("№ 12 - решение"), Some(Some("12")));
        assert_eq!(n("№ С от"), Some(None));
        assert_eq!(n("№ ВКО"), Some(None));
    }

    #[test]
    fn bare_numero_sign() {
        assert_eq!(n("№"), Some(None));
        assert_eq!(n("№ ."), Some(None));
        assert_eq!(n("нет"), None);
    }

    #[test]
    fn words() {
        let g = crate::grammar::for_tests();
        assert_eq!(
            number_words(g, "двадцати пяти) минут").ok().map(|(_, v)| v),
            Some(25)
        );
        assert_eq!(
            number_words(g, "десяти календарных").ok().map(|(_, v)| v),
            Some(10)
        );
        assert_eq!(
            number_words(g, "жиырма) минут").ok().map(|(_, v)| v),
            Some(20)
        );
        assert_eq!(number_words(g, "минут").ok(), None);
        assert_eq!(
            number_words(g, "две тысячи").ok().map(|(_, v)| v),
            Some(2000)
        );
        assert_eq!(
            number_words(g, "екі жүз бес").ok().map(|(_, v)| v),
            Some(205)
        );
        assert_eq!(
            number_words(g, "сто двадцать").ok().map(|(_, v)| v),
            Some(120)
        );
    }
}
