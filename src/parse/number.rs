//! Numbers: act numbers after `№` (`272`, `4/496`, `37/03`, `№190`,
//! `8С 37/5`, `271-VIII ЗРК`) and numbers written in words (`двадцати пяти`
//! = 25, `жиырма` = 20).

use super::{PResult, phrase};
use crate::grammar::Grammar;
use nom::Parser;
use nom::bytes::complete::take_while1;
use nom::character::complete::{char, space0, space1};

fn number_char(c: char) -> bool {
    c.is_alphanumeric() || c == '/' || c == '-'
}

/// `№ 272`: the number's text, or `None` when `№` stands alone.
pub fn act_number(i: &str) -> PResult<'_, Option<&str>> {
    let (i, _) = char('№').parse(i)?;
    let (after_space, _) = space0(i)?;
    let Ok((rest, first)) =
        take_while1::<_, _, nom::error::Error<&str>>(number_char).parse(after_space)
    else {
        return Ok((i, None));
    };
    if !first.starts_with(|c: char| c.is_ascii_digit()) || first.ends_with(['-', '/']) {
        return Ok((i, None));
    }
    // `8С 37/5` (a session and its decision) and `271-VIII ЗРК` (a law's
    // suffix) carry a second token.
    let second = |rest: &str| -> Option<usize> {
        let (r, _) = space1::<_, nom::error::Error<&str>>(rest).ok()?;
        let (_, tok) = take_while1::<_, _, nom::error::Error<&str>>(number_char)
            .parse(r)
            .ok()?;
        let session = first.ends_with(|c: char| c.is_alphabetic())
            && tok.starts_with(|c: char| c.is_ascii_digit());
        let suffix =
            (2..=4).contains(&tok.chars().count()) && tok.chars().all(|c| c.is_uppercase());
        (session || suffix).then(|| rest.len() - r.len() + tok.len())
    };
    let len = first.len() + second(rest).unwrap_or(0);
    Ok((
        after_space.get(len..).unwrap_or(""),
        Some(after_space.get(..len).unwrap_or("")),
    ))
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
