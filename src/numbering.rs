//! Item numbers: the one rule every stage uses to read the number that
//! opens a point, a subpoint or a chapter (`5.`, `1)`, `5-1.`, `5-1)`,
//! `2.1.`, `12-2)`, Kazakh `1-тармақ`), and the bare numbers that
//! amendment paths cite (`пункт 5-1`, `подпункт 3)`).
//!
//! It sits just above the grammar, below normalization, because line
//! unwrapping, segmentation, parsing and consolidation must all agree on
//! what an item number is: when they each had a copy, the segmenter
//! rejected `5-1.` while consolidation addressed it.
//!
//! Invariant: a number is at most three digits in its first group (a year
//! such as `2017.` is not an item), and a marked number is followed by a
//! space or the end of the text.

use crate::grammar::Grammar;
use crate::record::StructureUnit;
use nom::branch::alt;
use nom::character::complete::{char, digit1, one_of};
use nom::combinator::{recognize, value};
use nom::multi::many0;
use nom::{IResult, Parser};

/// What closes an item number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// `5.`: a point, or a chapter's number.
    Dot,
    /// `1)`: a subpoint.
    Paren,
    /// Kazakh `1-тармақ`, `3-тарау`: the unit word glued after a hyphen.
    Unit(StructureUnit),
}

/// An item number at the start of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemNumber<'a> {
    /// The digits and their separators, without the mark: `5-1`, `2.1`.
    pub digits: &'a str,
    /// The number as a record shows it: a subpoint keeps its bracket
    /// (`3)`), a point or chapter drops its dot (`5-1`, `2.1`).
    pub label: &'a str,
    /// What closes it.
    pub mark: Mark,
    /// Bytes of the whole label, mark (or glued unit word) included.
    pub len: usize,
}

impl ItemNumber<'_> {
    /// The first group as a number: `5-1` -> 5.
    pub fn first(&self) -> Option<u32> {
        self.digits
            .split(['-', '.'])
            .next()
            .and_then(|d| d.parse().ok())
    }
}

/// `5`, `5-1`, `2.1`, `12-2`: digits, then any number of `-` or `.` and
/// more digits. `5-тармақ` and `2. Текст` stop after the first group.
pub fn sequence(i: &str) -> IResult<&str, &str> {
    recognize((digit1, many0((one_of("-."), digit1)))).parse(i)
}

/// An item label's number: a [`sequence`] whose first group has at most
/// three digits (`2017.` opening a line is a year, not point 2017).
fn label_sequence(i: &str) -> IResult<&str, &str> {
    let (rest, digits) = sequence(i)?;
    let first = digits.split(['-', '.']).next().unwrap_or(digits);
    if first.len() > 3 {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::TooLarge,
        )));
    }
    Ok((rest, digits))
}

/// `.` or `)`.
fn mark(i: &str) -> IResult<&str, Mark> {
    alt((value(Mark::Dot, char('.')), value(Mark::Paren, char(')')))).parse(i)
}

fn no_label(i: &str) -> nom::Err<nom::error::Error<&str>> {
    nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify))
}

/// `5.`, `1)`, `5-1.`, `2.1.`, `12-2)` opening `i`. The mark may touch
/// the text after it in PDF and HTML exports (`1."Шығыстардың`,
/// `1.Общие`); a digit cannot follow it, since the sequence took them.
pub fn marked_number(i: &str) -> IResult<&str, ItemNumber<'_>> {
    let (rest, digits) = label_sequence(i)?;
    let (after, m) = mark(rest)?;
    let len = i.len() - after.len();
    let label = match m {
        Mark::Paren => i.get(..len).unwrap_or(digits),
        _ => digits,
    };
    Ok((
        after,
        ItemNumber {
            digits,
            label,
            mark: m,
            len,
        },
    ))
}

/// Kazakh glues the unit word after a hyphen: `1-тармақ.`, `3-тарау.`,
/// `2-бап`. It is a label only where the word ends the line, a dot
/// follows, or a heading begins (a capital letter): `2-бабы мынадай
/// редакцияда жазылсын` is an instruction, not article 2.
fn glued_number<'a>(g: &Grammar, i: &'a str) -> IResult<&'a str, ItemNumber<'a>> {
    let (rest, digits) = label_sequence(i)?;
    let word = rest.strip_prefix('-').ok_or_else(|| no_label(i))?;
    let (unit, wlen) = g.structure.at_start(word).ok_or_else(|| no_label(i))?;
    let after = word.get(wlen..).unwrap_or("");
    let heading = after.trim_start();
    let labels = after.trim().is_empty()
        || after.starts_with('.')
        || (after.starts_with(char::is_whitespace)
            && heading.chars().next().is_some_and(char::is_uppercase));
    if !labels {
        return Err(no_label(i));
    }
    Ok((
        after,
        ItemNumber {
            digits,
            label: digits,
            mark: Mark::Unit(unit),
            len: i.len() - after.len(),
        },
    ))
}

/// The item number opening `i`: `5.`, `1)`, `5-1.`, `5-1)`, `2.1.`,
/// `12-2)`, or Kazakh `1-тармақ.`. Returns the rest after the label.
pub fn item_number<'a>(g: &Grammar, i: &'a str) -> IResult<&'a str, ItemNumber<'a>> {
    marked_number(i).or_else(|_| glued_number(g, i))
}

/// A number cited after a unit word: `5-1`, `2.1`, `3)`. Its length in
/// bytes, bracket included; 0 when `s` does not open with one.
pub fn cited_len(s: &str) -> usize {
    let Ok((rest, digits)) = sequence(s) else {
        return 0;
    };
    digits.len() + usize::from(rest.starts_with(')'))
}

/// A number's place in order, group by group: `5` < `5-1` < `5-2` < `6`,
/// and `2` < `2.1` < `3` (the separator does not count: `5-1` and `5.1`
/// are the same place). Groups that do not parse sort last.
pub fn order(digits: &str) -> Vec<u64> {
    digits
        .split(['-', '.', ')'])
        .filter(|x| !x.is_empty())
        .map(|x| x.parse().unwrap_or(u64::MAX))
        .collect()
}

/// A number as an address compares it: digits and separators only, no
/// bracket or final dot (`17)` -> `17`, `5-1.` -> `5-1`).
pub fn key(s: &str) -> String {
    let kept: String = s
        .chars()
        .filter(|c| c.is_ascii_digit() || matches!(c, '-' | '.'))
        .collect();
    kept.trim_matches(['-', '.']).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Option<(String, Mark, usize)> {
        let g = crate::grammar::for_tests();
        item_number(g, s)
            .ok()
            .map(|(_, n)| (n.label.to_string(), n.mark, n.len))
    }

    #[test]
    fn points_and_subpoints() {
        assert_eq!(read("5. Текст"), Some(("5".into(), Mark::Dot, 2)));
        assert_eq!(read("1) работник"), Some(("1)".into(), Mark::Paren, 2)));
        assert_eq!(read("5-1. Текст"), Some(("5-1".into(), Mark::Dot, 4)));
        assert_eq!(read("5-1) текст"), Some(("5-1)".into(), Mark::Paren, 4)));
        assert_eq!(read("2.1. Текст"), Some(("2.1".into(), Mark::Dot, 4)));
        assert_eq!(read("12-2)"), Some(("12-2)".into(), Mark::Paren, 5)));
    }

    #[test]
    fn a_mark_may_touch_the_text() {
        assert_eq!(read("1.\"Шығыстардың"), Some(("1".into(), Mark::Dot, 2)));
        assert_eq!(read("1.Общие положения"), Some(("1".into(), Mark::Dot, 2)));
    }

    #[test]
    fn kazakh_glued_unit() {
        assert_eq!(
            read("1-тармақ."),
            Some((
                "1".into(),
                Mark::Unit(StructureUnit::Point),
                "1-тармақ".len()
            ))
        );
        assert_eq!(
            read("2-бап Жалпы ережелер").map(|(_, m, _)| m),
            Some(Mark::Unit(StructureUnit::Article))
        );
        // An instruction that opens with a cited unit is not a label.
        assert_eq!(read("2-бабы мынадай редакцияда жазылсын:"), None);
        assert_eq!(read("1-тармақ мынадай"), None);
        assert_eq!(
            read("3-тарау. Жалпы"),
            Some((
                "3".into(),
                Mark::Unit(StructureUnit::Chapter),
                "3-тарау".len()
            ))
        );
    }

    #[test]
    fn not_item_numbers() {
        // A year, a date, a number inside a sentence, a bare number.
        assert_eq!(read("2017. год"), None);
        assert_eq!(read("12.03.2019 года"), None);
        assert_eq!(read("5 минут"), None);
        assert_eq!(read("текст"), None);
        assert_eq!(read(""), None);
    }

    #[test]
    fn cited_numbers() {
        assert_eq!(cited_len("5-1 изложить"), 3);
        assert_eq!(cited_len("2.1,"), 3);
        assert_eq!(cited_len("17) и"), 3);
        assert_eq!(cited_len("5-тармақ"), 1);
        assert_eq!(cited_len("пункт"), 0);
        assert_eq!(cited_len("1234 и"), 4);
    }

    #[test]
    fn keys_and_order() {
        assert_eq!(key("17)"), "17");
        assert_eq!(key("5-1."), "5-1");
        assert!(order("5") < order("5-1"));
        assert!(order("5-1") < order("5-2"));
        assert!(order("5-2") < order("6"));
        assert_eq!(item_number_first("5-1. x"), Some(5));
    }

    fn item_number_first(s: &str) -> Option<u32> {
        let g = crate::grammar::for_tests();
        item_number(g, s).ok().and_then(|(_, n)| n.first())
    }
}
