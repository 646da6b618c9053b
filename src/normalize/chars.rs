//! Pass 2: characters. One form for each thing that is typed many ways.
//!
//! - NFC;
//! - every space (NBSP, thin, em, tab …) is `' '`; zero-width characters,
//!   the BOM and soft hyphens vanish; other controls become spaces;
//! - every dash (‐ ‑ ‒ – — ― −) is `-`;
//! - every double quote (« » „ “ ” ″) is `"`; single quotes (‘ ’ ‚) `'`;
//! - look-alikes: a Latin letter inside a Cyrillic word is the Cyrillic
//!   letter it looks like (`Пpиказ` -> `Приказ`, `i` is Kazakh `і`; the
//!   table is `[letters] lookalikes` in the grammar); a Cyrillic `І`/`О`
//!   inside a number is the digit (`І997` -> `1997`).
//!
//! Line breaks are untouched. Every rewrite is character for character, so
//! spans map exactly.

use crate::grammar::{Grammar, LookAlikes};
use crate::text::{Builder, Text, is_letter_or_digit};
use unicode_normalization::{UnicodeNormalization, char::canonical_combining_class, is_nfc_quick};

/// Run pass 2.
pub fn normalize(text: &Text, g: &Grammar) -> Text {
    // NFC first, so words are split where canonical text splits them; and
    // last, because dropping a soft hyphen or folding a look-alike can
    // bring a letter and a combining mark together.
    let text = nfc(text);
    let text = text.edit(classes);
    let text = text.edit(|b| lookalikes(b, &g.lookalikes));
    let text = if g.number_signs.is_empty() {
        text
    } else {
        text.edit(|b| number_sign(b, &g.number_signs))
    };
    nfc(&text)
}

/// `N 44`, `N141`: older texts type a letter (`[letters] number_signs`)
/// for `№`. The letter is a word's first, and digits follow it, in the
/// same word or after one space; it becomes `№`, mapped to the letter.
fn number_sign(b: &mut Builder<'_>, signs: &[char]) {
    let input = b.input();
    let mut copied = 0;
    for (start, word) in words_starting(input, signs) {
        let mut chars = word.chars();
        let Some(first) = chars.next() else {
            continue;
        };
        let rest = chars.as_str();
        let glued = !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit());
        let spaced = rest.is_empty()
            && input
                .get(start + word.len()..)
                .and_then(|r| r.strip_prefix(' '))
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
        if glued || spaced {
            b.copy(copied..start);
            b.replace("№", start..start + first.len_utf8());
            copied = start + first.len_utf8();
        }
    }
    b.copy(copied..input.len());
}

/// A character that is NFC whatever stands around it (a starter that
/// neither composes with a neighbour nor decomposes): Latin-1 and the
/// spacing Latin before the combining marks, Cyrillic letters, dashes and
/// quotes. Nearly every character of an act, decided without the tables
/// `is_nfc_quick` consults.
#[cfg(test)]
fn plainly_nfc(c: char) -> bool {
    matches!(c, '\0'..='\u{02FF}' | '\u{0400}'..='\u{0482}' | '\u{048A}'..='\u{04FF}' | '\u{2010}'..='\u{2027}' | '№')
}

/// `s.chars().all(plainly_nfc)`, read off the UTF-8 bytes: ASCII, the
/// two-byte sequences of U+0080..U+02FF and of Cyrillic (less U+0483..
/// U+0489), and the three-byte dashes, quotes and `№`.
fn plainly_nfc_bytes(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&lead) = b.get(i) {
        let next = b.get(i + 1).copied().unwrap_or(0);
        i += match lead {
            0x00..=0x7F => 1,
            0xC2..=0xCB => 2,
            0xD0..=0xD3 if !(lead == 0xD2 && (0x83..=0x89).contains(&next)) => 2,
            0xE2 => {
                let third = b.get(i + 2).copied().unwrap_or(0);
                if next == 0x80 && (0x90..=0xA7).contains(&third) || next == 0x84 && third == 0x96 {
                    3
                } else {
                    return false;
                }
            }
            _ => return false,
        };
    }
    true
}

/// Hangul jamo and syllables: composed across "starters".
fn is_hangul(c: char) -> bool {
    matches!(c, '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' | '\u{A960}'..='\u{A97F}' | '\u{AC00}'..='\u{D7FF}')
}

fn nfc(text: &Text) -> Text {
    let s = text.as_str();
    if plainly_nfc_bytes(s) || is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        return text.clone();
    }
    text.edit(|b| {
        let input = b.input();
        // Compose each starter with its combining marks, so the map stays
        // local. Hangul jamo compose across starters; they stay together.
        let mut seg_start = 0;
        let flush = |b: &mut Builder<'_>, s: usize, e: usize| {
            let seg = input.get(s..e).unwrap_or("");
            let composed: String = seg.nfc().collect();
            if composed == seg {
                b.copy(s..e)
            } else {
                b.replace(&composed, s..e)
            }
        };
        for (i, c) in input.char_indices() {
            if i > seg_start && canonical_combining_class(c) == 0 && !is_hangul(c) {
                flush(b, seg_start, i);
                seg_start = i;
            }
        }
        flush(b, seg_start, input.len());
    })
}

/// The canonical form of a character: `Some("")` to drop it, `None` to keep.
fn canonical(c: char) -> Option<&'static str> {
    // Printable ASCII and the letters from the combining marks to before
    // U+1680 (Cyrillic among them) are canonical: answered first.
    if matches!(c, ' '..='~' | '\u{0300}'..='\u{167F}') {
        return None;
    }
    Some(match c {
        '\n' => return None,
        '\u{00A0}'
        | '\u{2000}'..='\u{200A}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}'
        | '\t'
        | '\u{1680}'
        | '\u{2028}'
        | '\u{2029}' => " ",
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => "",
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => "-",
        '«' | '»' | '„' | '“' | '”' | '‟' | '″' | '〝' | '〞' | '＂' => "\"",
        '‘' | '’' | '‚' | '‛' | '′' => "'",
        c if c.is_control() => " ",
        _ => return None,
    })
}

fn classes(b: &mut Builder<'_>) {
    let input = b.input();
    let mut run_start = 0;
    for (i, c) in input.char_indices() {
        if let Some(rep) = canonical(c) {
            b.copy(run_start..i);
            b.replace(rep, i..i + c.len_utf8());
            run_start = i + c.len_utf8();
        }
    }
    b.copy(run_start..input.len());
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}' | '\u{0500}'..='\u{052F}')
}

/// The digit a letter stands for inside a number.
fn digit_twin(c: char) -> Option<char> {
    Some(match c {
        'І' | 'і' | 'I' | 'l' => '1',
        'О' | 'о' | 'O' => '0',
        _ => return None,
    })
}

/// Fold look-alikes word by word: the word's script decides.
fn lookalikes(b: &mut Builder<'_>, table: &LookAlikes) {
    let input = b.input();
    let mut copied = 0;
    for (start, word) in words_with_ascii(input) {
        let fix = fold_word(word, table);
        if let Some(fixed) = fix {
            b.copy(copied..start);
            for ((i, old), new) in word.char_indices().zip(fixed.chars()) {
                if old == new {
                    b.copy(start + i..start + i + old.len_utf8());
                } else {
                    let mut buf = [0; 4];
                    b.replace(
                        new.encode_utf8(&mut buf),
                        start + i..start + i + old.len_utf8(),
                    );
                }
            }
            copied = start + word.len();
        }
    }
    b.copy(copied..input.len());
}

/// The words (maximal runs of letters and digits) of `s` that start with
/// one of `signs`, left to right: each sign is searched for as a string
/// (memchr), and the other words are never looked at.
fn words_starting<'a>(s: &'a str, signs: &[char]) -> Vec<(usize, &'a str)> {
    let mut starts: Vec<usize> = signs
        .iter()
        .filter(|&&c| is_letter_or_digit(c))
        .flat_map(|&c| s.match_indices(c).map(|(at, _)| at))
        .collect();
    starts.sort_unstable();
    starts.dedup();
    starts
        .into_iter()
        .filter(|&at| {
            s.get(..at)
                .and_then(|r| r.chars().next_back())
                .is_none_or(|c| !is_letter_or_digit(c))
        })
        .filter_map(|at| word_at(s, at))
        .collect()
}

/// The words of `s` that hold an ASCII character (a letter or digit,
/// since words hold nothing else), left to right: only these can hold a
/// Latin look-alike or a digit typed as a letter. Cyrillic text is
/// passed over a byte at a time.
fn words_with_ascii(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut from = 0;
    std::iter::from_fn(move || {
        let rest = s.get(from..)?;
        let hit = from + rest.bytes().position(|b| b.is_ascii_alphanumeric())?;
        let start = s.get(..hit).map_or(hit, |head| {
            head.char_indices()
                .rev()
                .take_while(|&(_, c)| is_letter_or_digit(c))
                .last()
                .map_or(hit, |(i, _)| i)
        });
        let word = word_at(s, start)?;
        from = start + word.1.len();
        Some(word)
    })
}

/// The word that starts at `at`.
fn word_at(s: &str, at: usize) -> Option<(usize, &str)> {
    let rest = s.get(at..)?;
    let len = rest
        .find(|c: char| !is_letter_or_digit(c))
        .unwrap_or(rest.len());
    rest.get(..len).filter(|w| !w.is_empty()).map(|w| (at, w))
}

/// The folded word, if folding changes it.
fn fold_word(word: &str, table: &LookAlikes) -> Option<String> {
    // Without an ASCII character there is no Latin letter or digit to fold.
    if word.bytes().all(|b| !b.is_ascii()) {
        return None;
    }
    let cyrillic = word.chars().filter(|&c| is_cyrillic(c)).count();
    let latin = word.chars().filter(|c| c.is_ascii_alphabetic()).count();
    let digits = word.chars().filter(char::is_ascii_digit).count();
    if digits >= 2
        && digits + word.chars().filter(|&c| digit_twin(c).is_some()).count()
            == word.chars().count()
    {
        let folded: String = word.chars().map(|c| digit_twin(c).unwrap_or(c)).collect();
        return (folded != word).then_some(folded);
    }
    if cyrillic > 0 && latin > 0 && digits == 0 {
        if word
            .chars()
            .filter(char::is_ascii_alphabetic)
            .any(|c| table.cyrillic(c).is_none())
        {
            return None; // a genuinely mixed token, not a typing slip
        }
        let folded: String = word
            .chars()
            .map(|c| {
                if c.is_ascii() {
                    table.cyrillic(c).unwrap_or(c)
                } else {
                    c
                }
            })
            .collect();
        return Some(folded);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> String {
        normalize(&Text::identity(s), crate::grammar::for_tests())
            .as_str()
            .to_string()
    }

    #[test]
    fn spaces_dashes_quotes() {
        assert_eq!(
            n("«Орал\u{a0}өңірі» – 30\u{2009}минут — да"),
            "\"Орал өңірі\" - 30 минут - да"
        );
        assert_eq!(n("соци\u{ad}альной"), "социальной");
    }

    #[test]
    fn plainly_nfc_characters_are_nfc_starters() {
        use unicode_normalization::char::compose;
        let set: Vec<char> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| plainly_nfc(c))
            .collect();
        for &c in &set {
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(
                is_nfc_quick(std::iter::once(c)),
                unicode_normalization::IsNormalized::Yes,
                "{c:?}"
            );
            // No two of them compose, so a text made of them only is NFC
            // as it stands.
            for &m in &set {
                assert_eq!(compose(c, m), None, "{c:?} + {m:?}");
            }
        }
    }

    #[test]
    fn plainly_nfc_bytes_agrees_with_the_characters() {
        let mut all = String::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let one = c.to_string();
            assert_eq!(plainly_nfc_bytes(&one), plainly_nfc(c), "{c:?}");
            all.push(c);
        }
        assert!(!plainly_nfc_bytes(&all));
        assert!(plainly_nfc_bytes("Приказ № 5 - «"));
    }

    #[test]
    fn canonical_characters_are_answered_alike_with_or_without_the_shortcut() {
        // The shortcut's ranges hold no character the table rewrites.
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if matches!(c, ' '..='~' | '\u{0300}'..='\u{167F}') {
                assert!(
                    !c.is_control() && !matches!(c, '\u{00A0}' | '\u{00AD}'),
                    "{c:?}"
                );
            }
        }
    }

    #[test]
    fn words_are_found_as_by_splitting() {
        let s = "N 44, Пpиказ 12a-b_ 1997 ж. www.egov.kz №N5 КN5";
        let all: Vec<(usize, &str)> = s
            .split(|c: char| !is_letter_or_digit(c))
            .filter(|w| !w.is_empty())
            .map(|w| (w.as_ptr() as usize - s.as_ptr() as usize, w))
            .collect();
        let ascii: Vec<_> = all
            .iter()
            .copied()
            .filter(|(_, w)| w.bytes().any(|b| b.is_ascii()))
            .collect();
        assert_eq!(words_with_ascii(s).collect::<Vec<_>>(), ascii);
        let n: Vec<_> = all
            .iter()
            .copied()
            .filter(|(_, w)| w.starts_with('N'))
            .collect();
        assert_eq!(words_starting(s, &['N']), n);
    }

    #[test]
    fn nfc_composes() {
        assert_eq!(n("и\u{306}"), "й");
    }

    #[test]
    fn lookalikes_fold_inside_cyrillic_words_only() {
        assert_eq!(n("министрлiгiнiң"), "министрлігінің");
        assert_eq!(n("Пpиказ"), "Приказ"); // Latin p
        assert_eq!(n("Kaзak"), "Казак"); // the grammar's table, both cases
        assert_eq!(n("www.egov.kz"), "www.egov.kz");
        assert_eq!(n("І997 жылғы"), "1997 жылғы");
        assert_eq!(n("VIII"), "VIII");
    }

    #[test]
    fn a_latin_n_before_a_number_is_the_number_sign() {
        assert_eq!(n("решение N 44"), "решение № 44");
        assert_eq!(n("приказ N141 от"), "приказ №141 от");
        // Not before a number, or inside a word: left alone.
        assert_eq!(n("N-ский район"), "N-ский район");
        assert_eq!(n("NATO 5"), "NATO 5");
        assert_eq!(n("N5a"), "N5a");
        let src = "N 44";
        let t = normalize(&Text::identity(src), crate::grammar::for_tests());
        assert_eq!(t.source_span(0.."№".len()), crate::span::Span::new(0, 1));
    }

    #[test]
    fn spans_map_each_character() {
        let src = "«Ә» Пpиказ";
        let t = normalize(&Text::identity(src), crate::grammar::for_tests());
        let p = t.as_str().find('р').unwrap_or(0);
        assert_eq!(src.get(t.source_span(p..p + 2).range()), Some("p"));
        assert_eq!(src.get(t.source_span(0..1).range()), Some("«"));
    }
}
