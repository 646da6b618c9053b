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
    /// What closes it.
    pub mark: Mark,
    /// Bytes of the whole label, mark (or glued unit word) included.
    pub len: usize,
}

impl<'a> ItemNumber<'a> {
    /// The number as a record shows it: a subpoint keeps its bracket
    /// (`3)`), a point or chapter drops its dot (`5-1`, `2.1`).
    pub fn as_written(&self, text: &'a str) -> &'a str {
        let end = match self.mark {
            Mark::Paren => self.digits.len() + 1,
            _ => self.digits.len(),
        };
        text.get(..end).unwrap_or(self.digits)
    }

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

/// A space or the end of the text follows a mark.
fn at_boundary(rest: &str) -> bool {
    rest.is_empty() || rest.starts_with(char::is_whitespace)
}

/// The item number opening `i`: `5.`, `1)`, `5-1.`, `5-1)`, `2.1.`,
/// `12-2)`, or Kazakh `1-тармақ`. Returns the rest after the label.
pub fn item_number<'a>(g: &Grammar, i: &'a str) -> IResult<&'a str, ItemNumber<'a>> {
    let (rest, digits) = label_sequence(i)?;
    if let Ok((after, m)) = mark(rest) {
        if at_boundary(after) {
            let len = i.len() - after.len();
            return Ok((
                after,
                ItemNumber {
                    digits,
                    mark: m,
                    len,
                },
            ));
        }
    }
    // Kazakh glues the unit word after a hyphen: "1-тармақ", "3-тарау".
    if let Some(word) = rest.strip_prefix('-') {
        if let Some((unit, wlen)) = g.structure.at_start(word) {
            let after = word.get(wlen..).unwrap_or("");
            let len = i.len() - after.len();
            return Ok((
                after,
                ItemNumber {
                    digits,
                    mark: Mark::Unit(unit),
                    len,
                },
            ));
        }
    }
    Err(nom::Err::Error(nom::error::Error::new(
        i,
        nom::error::ErrorKind::Verify,
    )))
}

/// A number cited after a unit word: `5-1`, `2.1`, `3)`. Its length in
/// bytes, bracket included; 0 when `s` does not open with one.
pub fn cited_len(s: &str) -> usize {
    let Ok((rest, digits)) = sequence(s) else {
        return 0;
    };
    digits.len() + usize::from(rest.starts_with(')'))
}

/// A number's place in order: `5` < `5-1` < `5-2` < `5.1` ≤ `6`. Groups
/// that do not parse sort last.
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
            .map(|(_, n)| (n.as_written(s).to_string(), n.mark, n.len))
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
    fn kazakh_glued_unit() {
        assert_eq!(
            read("1-тармақ мынадай"),
            Some((
                "1".into(),
                Mark::Unit(StructureUnit::Point),
                "1-тармақ".len()
            ))
        );
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
        assert_eq!(read("5.Текст"), None);
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
