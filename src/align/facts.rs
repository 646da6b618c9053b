//! The language-independent facts of a provision's own text: durations,
//! dates and the other numbers written in digits. A Russian text and its
//! Kazakh translation must state the same ones, whatever their words.
//!
//! Each fact is read once: the digits of a date or a duration are not also
//! numbers, and the provision's own label (`5.`, `1)`, `Глава 2.`,
//! `2-тарау.`) is not read at all.

use crate::grammar::Grammar;
use crate::numbering::{Mark, item_number, sequence};
use crate::parse::Doc;
use crate::parse::date::dates_in;
use crate::parse::duration::durations_in;
use crate::record::{DurationUnit, StructureUnit};
use crate::text::Text;
use schemars::JsonSchema;
use serde::Serialize;
use std::ops::Range;

/// A duration as both texts must state it: `2 (двух) минут` and
/// `2 (екі) минут` are both `{value: 2, unit: minute}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
pub struct DurationValue {
    /// The number (in digits where written so, else from its words).
    pub value: u64,
    /// The unit (working and calendar days apart).
    pub unit: DurationUnit,
}

/// What a provision's own text states, in text order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// Its durations.
    pub durations: Vec<DurationValue>,
    /// Its dates, `YYYY-MM-DD` (as written, even an impossible one).
    pub dates: Vec<String>,
    /// Its other numbers in digits, as written (`10`, `5-1`, `4/496`,
    /// `1,5`).
    pub numbers: Vec<String>,
}

/// A label opening a text: the unit it names, if it names one, its
/// number and its length in bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The unit a word names (`Глава 2.`, `2-тарау.`); none for a bare
    /// `5.` or `1)`.
    pub unit: Option<StructureUnit>,
    /// Its number, digits and separators only (`2`, `5-1`).
    pub number: String,
    /// Bytes of the label, its mark included.
    pub len: usize,
}

/// The label opening `text`: `5.`, `1)`, `5-1.`, `2-тарау.`, `1-бап`, or
/// a unit word and a number (`Глава 2.`, `Статья 5`).
pub fn label(g: &Grammar, text: &str) -> Option<Label> {
    if let Ok((rest, n)) = item_number(g, text) {
        let (unit, dot) = match n.mark {
            // `2-тарау.`: the dot after the glued word is the label's.
            Mark::Unit(u) => (Some(u), usize::from(rest.starts_with('.'))),
            Mark::Dot | Mark::Paren => (None, 0),
        };
        return Some(Label {
            unit,
            number: crate::numbering::key(n.digits),
            len: n.len + dot,
        });
    }
    let (unit, word) = g.structure.at_start(text)?;
    let after_word = text.get(word..)?;
    let digits_at = after_word.len() - after_word.trim_start().len();
    if digits_at == 0 {
        return None;
    }
    let (rest, digits) = sequence(after_word.get(digits_at..)?).ok()?;
    let rest_len = rest.len() - rest.strip_prefix(['.', ')']).unwrap_or(rest).len();
    Some(Label {
        unit: Some(unit),
        number: crate::numbering::key(digits),
        len: text.len() - rest.len() + rest_len,
    })
}

/// The facts of `text`, a provision's own text without its label.
pub fn facts(g: &Grammar, text: &str) -> Facts {
    let t = Text::identity(text);
    let doc = Doc::new(&t, g);
    let found_durations = durations_in(&doc, t.as_str());
    let found_dates = dates_in(&doc, t.as_str());
    let mut taken: Vec<Range<usize>> = found_durations
        .iter()
        .map(|d| d.range.clone())
        .chain(found_dates.iter().map(|d| d.range.clone()))
        .collect();
    taken.sort_by_key(|r| r.start);
    Facts {
        durations: found_durations
            .iter()
            .map(|d| DurationValue {
                value: d.value,
                unit: d.unit,
            })
            .collect(),
        dates: found_dates
            .iter()
            .map(|d| format!("{:04}-{:02}-{:02}", d.raw.year, d.raw.month, d.raw.day))
            .collect(),
        numbers: numbers(t.as_str(), &taken),
    }
}

/// The numbers in digits of `s` outside the `taken` ranges: a run of
/// digits, with `.`, `,`, `-` or `/` between digits kept inside it
/// (`5-1`, `4/496`, `1,5`).
pub fn numbers(s: &str, taken: &[Range<usize>]) -> Vec<String> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(rest) = s.get(at..) {
        let Some(skip) = rest.find(|c: char| c.is_ascii_digit()) else {
            break;
        };
        let start = at + skip;
        let len = number_len(s.get(start..).unwrap_or(""));
        let end = start + len.max(1);
        if !taken.iter().any(|r| r.start <= start && start < r.end)
            && let Some(n) = s.get(start..end)
        {
            out.push(n.to_string());
        }
        at = end;
    }
    out
}

/// Bytes of the number opening `s`: digits, and separators between digits.
fn number_len(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut end = 0;
    while let Some(&b) = bytes.get(end) {
        let joins = matches!(b, b'.' | b',' | b'-' | b'/')
            && end > 0
            && bytes.get(end + 1).is_some_and(u8::is_ascii_digit);
        if b.is_ascii_digit() || joins {
            end += 1;
        } else {
            break;
        }
    }
    end
}

/// The same multiset: the order of words differs between the languages,
/// so the order of the facts may too.
pub fn same<T: Ord + Clone>(a: &[T], b: &[T]) -> bool {
    let (mut a, mut b) = (a.to_vec(), b.to_vec());
    a.sort();
    b.sort();
    a == b
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g() -> &'static Grammar {
        crate::grammar::for_tests()
    }

    fn label_of(s: &str) -> Option<(Option<StructureUnit>, String, usize)> {
        label(g(), s).map(|l| (l.unit, l.number, l.len))
    }

    #[test]
    fn labels_in_both_languages() {
        assert_eq!(label_of("5. Текст"), Some((None, "5".into(), 2)));
        assert_eq!(label_of("1) работник"), Some((None, "1".into(), 2)));
        assert_eq!(label_of("5-1. Текст"), Some((None, "5-1".into(), 4)));
        let chapter = Some(StructureUnit::Chapter);
        assert_eq!(
            label_of("Глава 2. Описание"),
            Some((chapter, "2".into(), "Глава 2.".len()))
        );
        assert_eq!(
            label_of("2-тарау. Сипаттама"),
            Some((chapter, "2".into(), "2-тарау.".len()))
        );
        assert_eq!(
            label_of("Статья 5 Закона").map(|l| (l.0, l.1)),
            Some((Some(StructureUnit::Article), "5".into()))
        );
        // Words with no number, a year, plain text: no label.
        assert_eq!(label_of("Глава государства"), None);
        assert_eq!(label_of("2017 жылғы"), None);
        assert_eq!(label_of("Текст"), None);
    }

    #[test]
    fn numbers_keep_their_inner_separators() {
        assert_eq!(
            numbers("пункт 5-1, № 4/496, 1,5 часа и 2.", &[]),
            ["5-1", "4/496", "1,5", "2"]
        );
        assert_eq!(numbers("10-бабының 2) тармақшасына", &[]), ["10", "2"]);
        assert!(numbers("без цифр", &[]).is_empty());
    }

    #[test]
    fn the_facts_of_a_russian_text_and_its_kazakh_translation_agree() {
        let ru = facts(
            g(),
            "В соответствии с подпунктом 2) статьи 10 Закона от 15 апреля 2013 года в течение 2 (двух) рабочих дней",
        );
        let kk = facts(
            g(),
            "2013 жылғы 15 сәуірдегі Заңы 10-бабының 2) тармақшасына сәйкес 2 (екі) жұмыс күні ішінде",
        );
        assert_eq!(ru.dates, ["2013-04-15"]);
        assert_eq!(kk.dates, ["2013-04-15"]);
        let two_days = DurationValue {
            value: 2,
            unit: DurationUnit::WorkingDay,
        };
        assert_eq!(ru.durations, [two_days]);
        assert_eq!(kk.durations, [two_days]);
        // Order differs, the multiset does not; the 2 and 2013 of the date
        // and the duration are not numbers again.
        assert_eq!(ru.numbers, ["2", "10"]);
        assert_eq!(kk.numbers, ["10", "2"]);
        assert!(same(&ru.numbers, &kk.numbers));
    }

    #[test]
    fn durations_in_words_are_read() {
        let ru = facts(g(), "в течение десяти календарных дней");
        let kk = facts(g(), "күнтізбелік он күн ішінде");
        assert_eq!(ru.durations, kk.durations);
        assert_eq!(
            ru.durations.first().map(|d| (d.value, d.unit)),
            Some((10, DurationUnit::CalendarDay))
        );
    }

    #[test]
    fn an_impossible_date_is_kept_as_written() {
        assert_eq!(facts(g(), "от 31 февраля 2017 года").dates, ["2017-02-31"]);
    }
}
