//! Language detection: `ru` or `kk`, per document and per paragraph.
//!
//! whatlang has no Kazakh (it calls Kazakh text Belarusian or Russian), so
//! Kazakh is decided first, from what only Kazakh has: its letters
//! (ә ғ қ ң ө ұ ү һ і, listed in `grammar/kk.toml`) and its function words.
//! A Russian act that quotes a Kazakh newspaper title ("Орал өңірі") stays
//! Russian because the evidence is weighed, not merely present. Whatever is
//! not Kazakh is asked of whatlang; Cyrillic text it cannot place is
//! Russian, the language of every other act in the registry.

use crate::grammar::Grammar;
use crate::record::Language;

/// The evidence counted in a text.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Evidence {
    words: usize,
    kazakh_letter_words: usize,
    kazakh_function: usize,
    russian_function: usize,
}

/// Only the head of a long text is read: language does not change in the
/// middle of an act, and detection must stay cheap on hostile input.
const SAMPLE_BYTES: usize = 64 * 1024;

/// What the evidence is counted against, read from the grammar once per
/// text rather than once per paragraph.
struct Lexicon<'g> {
    kk_words: &'g [String],
    ru_words: &'g [String],
    /// The lengths (in characters) a function word has, as bits.
    lengths: u64,
    kazakh: CharSet,
    kazakh_letters: &'g [char],
}

impl<'g> Lexicon<'g> {
    fn of(g: &'g Grammar) -> Lexicon<'g> {
        let words = |lang: Language| {
            g.function_words
                .iter()
                .find(|(l, _)| *l == lang)
                .map(|(_, w)| w.as_slice())
                .unwrap_or(&[])
        };
        let (kk_words, ru_words) = (words(Language::Kk), words(Language::Ru));
        let lengths = kk_words
            .iter()
            .chain(ru_words)
            .map(|w| w.chars().count())
            .filter(|&n| n < 64)
            .fold(0u64, |m, n| m | (1 << n));
        Lexicon {
            kk_words,
            ru_words,
            lengths,
            kazakh: CharSet::of(&g.kazakh_letters),
            kazakh_letters: &g.kazakh_letters,
        }
    }
}

fn evidence(text: &str, lexicon: &Lexicon<'_>) -> Evidence {
    let sample = text
        .get(..crate::text::floor_char_boundary(text, SAMPLE_BYTES))
        .unwrap_or("");
    let mut e = Evidence::default();
    // Most words are neither as long as a function word nor hold a
    // Kazakh letter: both are answered from bit sets before any lookup.
    let mut buf = String::new();
    for word in sample
        .split(|c: char| !crate::text::is_letter(c))
        .filter(|w| !w.is_empty())
    {
        e.words += 1;
        if word
            .chars()
            .any(|c| lexicon.kazakh.contains(c, lexicon.kazakh_letters))
        {
            e.kazakh_letter_words += 1;
        }
        // Lower case keeps the number of characters (but for `İ`).
        let n = word.chars().count();
        if n < 64 && lexicon.lengths & (1 << n) == 0 && !word.contains('İ') {
            continue;
        }
        let lower = crate::text::lower_into(word, &mut buf);
        if lexicon.kk_words.iter().any(|w| w == lower) {
            e.kazakh_function += 1;
        }
        if lexicon.ru_words.iter().any(|w| w == lower) {
            e.russian_function += 1;
        }
    }
    e
}

/// Characters below U+0540 as bits, for a list asked of every character.
struct CharSet([u64; 0x540 / 64]);

impl CharSet {
    fn of(chars: &[char]) -> CharSet {
        let mut bits = [0u64; 0x540 / 64];
        for &c in chars {
            let u = u32::from(c) as usize;
            if let Some(w) = bits.get_mut(u / 64) {
                *w |= 1 << (u % 64);
            }
        }
        CharSet(bits)
    }

    /// Whether `c` is in `all` (the list the set was made of).
    fn contains(&self, c: char, all: &[char]) -> bool {
        let u = u32::from(c) as usize;
        match self.0.get(u / 64) {
            Some(w) => w & (1 << (u % 64)) != 0,
            None => all.contains(&c),
        }
    }
}

/// The language of `text`, or `None` when it has no words to judge.
pub fn detect(text: &str, g: &Grammar) -> Option<Language> {
    detect_with(text, &Lexicon::of(g))
}

fn detect_with(text: &str, lexicon: &Lexicon<'_>) -> Option<Language> {
    let e = evidence(text, lexicon);
    if e.words == 0 {
        return None;
    }
    let kazakh = e.kazakh_letter_words + 2 * e.kazakh_function;
    // Kazakh letters mark about one word in four of running Kazakh text; a
    // Russian text quoting a Kazakh name has a handful among hundreds.
    if kazakh * 8 >= e.words && kazakh > e.russian_function {
        return Some(Language::Kk);
    }
    // A few words with no letter or word that only one language has
    // ("Жалпы ережелер", "порталда:") are undecided, not guessed.
    if e.words < 8 && kazakh == 0 && e.russian_function == 0 {
        return None;
    }
    // Weak evidence: whatlang calls Kazakh "Belarusian", so that verdict
    // plus any Kazakh evidence is Kazakh. Everything else Cyrillic is
    // Russian, the language of every other act in the registry (so with no
    // Kazakh evidence at all there is nothing to ask whatlang).
    if kazakh == 0 {
        return Some(Language::Ru);
    }
    let sample = text
        .get(..crate::text::floor_char_boundary(text, SAMPLE_BYTES))
        .unwrap_or("");
    match whatlang::detect(sample).map(|i| i.lang()) {
        Some(whatlang::Lang::Bel) if kazakh > 0 => Some(Language::Kk),
        _ => Some(Language::Ru),
    }
}

/// The language of each paragraph (`None` where there are no words to
/// judge), in order.
pub fn paragraph_languages(n: &crate::normalize::Normalized, g: &Grammar) -> Vec<Option<Language>> {
    let lexicon = Lexicon::of(g);
    n.paragraphs
        .iter()
        .map(|p| detect_with(n.paragraph_text(p), &lexicon))
        .collect()
}

/// The language of a text's majority: what most of its words are in.
pub fn majority(n: &crate::normalize::Normalized, langs: &[Option<Language>]) -> Option<Language> {
    let mut kk = 0usize;
    let mut ru = 0usize;
    for (p, l) in n.paragraphs.iter().zip(langs) {
        let words = n.paragraph_text(p).split_whitespace().count();
        match l {
            Some(Language::Kk) => kk += words,
            Some(Language::Ru) => ru += words,
            None => {}
        }
    }
    match (kk, ru) {
        (0, 0) => None,
        (k, r) if k > r => Some(Language::Kk),
        _ => Some(Language::Ru),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g() -> &'static Grammar {
        crate::grammar::for_tests()
    }

    #[test]
    fn kazakh_by_letters_and_words() {
        let s = "Ақтөбе облысы әкімдігінің 2015 жылғы 27.07. № 278 қаулысымен бекітілген";
        assert_eq!(detect(s, g()), Some(Language::Kk));
    }

    #[test]
    fn russian_quoting_a_kazakh_newspaper_stays_russian() {
        let s = "опубликованное от 3 октября 2015 года в газетах \"Орал өңірі\" и \"Приуралье\" следующие изменения и дополнения";
        assert_eq!(detect(s, g()), Some(Language::Ru));
    }

    #[test]
    fn kazakh_with_latin_i_is_still_kazakh() {
        // Latin i for і is folded before detection in the pipeline; even
        // unfolded, the other letters and words decide.
        let s = "Қазақстан Республикасы Қаржы министрлiгiнiң Бюджет заңнамасы департаменті заңнамада белгіленген тәртіппен";
        assert_eq!(detect(s, g()), Some(Language::Kk));
    }

    #[test]
    fn per_paragraph_in_a_bilingual_text() {
        let text = "Постановление акимата о регламенте государственной услуги и порядке его применения.\n\n\
                    Осы қаулы алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі.\n\n\
                    Жалпы ережелер";
        let n = crate::normalize::normalize_text(
            &crate::text::Text::identity(text),
            crate::source::Format::Text,
            g(),
        );
        let langs = paragraph_languages(&n, g());
        assert_eq!(langs, [Some(Language::Ru), Some(Language::Kk), None]);
    }

    #[test]
    fn nothing_to_judge() {
        assert_eq!(detect("12.05.2020 № 4/438", g()), None);
    }
}
