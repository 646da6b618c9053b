//! Text analysis for the search index: the tantivy analyzers of Russian and
//! Kazakh text, registered by name ([`RU`], [`KK`]) on an index.
//!
//! Both run the same pipeline, and only the stemmer differs:
//!
//! 1. split on what is not a letter or a digit ([`Words`]: Cyrillic
//!    letters, Kazakh ә ғ қ ң ө ұ ү һ і among them, are letters; "5-1" is
//!    "5" and "1");
//! 2. drop tokens longer than [`MAX_TOKEN_BYTES`] (stray base64, not words);
//! 3. fold letters and lower-case them ([`Fold`]): `ё` is `е`, and Latin
//!    look-alikes typed in a Cyrillic word become Cyrillic (`peгламент`,
//!    Kazakh `i` for `і`);
//! 4. drop the language's stop words (`[search] stop_words`);
//! 5. stem: Snowball for Russian, [`KazakhStemmer`] for Kazakh.
//!
//! Splitting and lower-casing are most of the indexing time, so both look
//! ASCII and Cyrillic letters up in a table made once from the standard
//! library's own answers ([`Letters`]) instead of its general Unicode
//! search.
//!
//! Invariants: filters rewrite a token's text only. Its byte offsets still
//! point at the original word, and its position is the tokenizer's, so a
//! removed stop word leaves a gap that phrase queries respect.

use super::kazakh::KazakhStemmer;
use super::token_map::{MapTokenizer, TokenMap};
use crate::grammar::{Grammar, LookAlikes};
use crate::record::Language;
use std::sync::LazyLock;
use tantivy::tokenizer::{
    RemoveLongFilter, Stemmer, StopWordFilter, TextAnalyzer, Token, TokenFilter, TokenStream,
    Tokenizer, TokenizerManager,
};

/// The name of the Russian analyzer on an index.
pub const RU: &str = "ru";
/// The name of the Kazakh analyzer on an index.
pub const KK: &str = "kk";

/// The longest token kept, in bytes (tantivy's `RemoveLongFilter` counts
/// UTF-8 bytes): 50 Cyrillic letters, longer than any Kazakh word form
/// («жауапкершіліктеріндегі» has 22).
pub const MAX_TOKEN_BYTES: usize = 100;

/// Register the Russian and Kazakh analyzers as [`RU`] and [`KK`].
pub fn register(manager: &TokenizerManager, g: &Grammar) {
    manager.register(RU, analyzer(g, Language::Ru));
    manager.register(KK, analyzer(g, Language::Kk));
}

/// The analyzer of a language's text (documents and query words alike).
pub fn analyzer(g: &Grammar, lang: Language) -> TextAnalyzer {
    let fold = Fold::new(g);
    let stop_words: Vec<String> = g
        .stop_words
        .iter()
        .filter(|(l, _)| *l == lang)
        .flat_map(|(_, words)| words.iter().map(|w| fold.fold(w).to_lowercase()))
        .collect();
    // Folding sees the letters as typed: the look-alike table is
    // case-exact (`B` is `В`, `b` is nothing), so it runs before lower-case.
    let common = TextAnalyzer::builder(Words)
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(fold)
        .filter(StopWordFilter::remove(stop_words));
    match lang {
        Language::Ru => common
            .filter(Stemmer::new(tantivy::tokenizer::Language::Russian))
            .build(),
        Language::Kk => common.filter(KazakhStemmer::new(g)).build(),
    }
}

/// The tokens of `text` as `analyzer` makes them, in order, with their
/// positions: what a query word or phrase is looked up as.
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(usize, String)> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push((token.position, token.text.clone()));
    }
    out
}

/// The tokens' texts alone.
#[cfg(test)]
fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    tokens(analyzer, text).into_iter().map(|(_, t)| t).collect()
}

/// Letter folding: `ё` → `е` (either case), and the Latin letters of a word
/// that is otherwise Cyrillic → the Cyrillic letters they look like
/// (`[letters] lookalikes` of both grammar files: `p` → `р`, and Kazakh
/// `i` → `і`). A word with no Cyrillic letter ("eGov") is left alone, and
/// so is one with a Latin letter that has no look-alike (a name, not a
/// typo).
#[derive(Debug, Clone)]
pub struct Fold {
    lookalikes: LookAlikes,
}

impl Fold {
    /// The fold with the grammar's look-alike table.
    pub fn new(g: &Grammar) -> Self {
        Fold {
            lookalikes: g.lookalikes.clone(),
        }
    }

    /// The folded form of `word`.
    pub fn fold(&self, word: &str) -> String {
        let mut out = String::new();
        if self.fold_into(word, &mut out) {
            out
        } else {
            word.to_string()
        }
    }

    /// Write the folded, lower-cased `word` into `out`; false when nothing
    /// changes (and `out` is to be ignored).
    fn fold_into(&self, word: &str, out: &mut String) -> bool {
        let cyrillic = word.chars().any(is_cyrillic);
        let latin_is_typo = cyrillic
            && word
                .chars()
                .filter(char::is_ascii_alphabetic)
                .all(|c| self.lookalikes.cyrillic(c).is_some());
        let mut changed = false;
        for c in word.chars() {
            // The look-alike table is case-exact (`B` is `В`, `b` is
            // nothing): fold first, then lower-case.
            let folded = match c {
                'ё' => 'е',
                'Ё' => 'Е',
                c if latin_is_typo && c.is_ascii_alphabetic() => {
                    self.lookalikes.cyrillic(c).unwrap_or(c)
                }
                c => c,
            };
            match LETTERS.lower(folded) {
                Some(lower) => {
                    changed |= lower != c;
                    out.push(lower);
                }
                None => {
                    // Outside the table (rare): the general rule.
                    let lower: String = folded.to_lowercase().collect();
                    changed |= lower.chars().ne(std::iter::once(c));
                    out.push_str(&lower);
                }
            }
        }
        changed
    }
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{052F}')
}

/// Letters, digits and lower case of the characters texts are made of
/// (ASCII and the Cyrillic blocks), looked up in a table the standard
/// library fills once; any other character is asked of it directly.
struct Letters {
    /// For each code point below [`Letters::END`]: alphanumeric, and its
    /// lower case when that is one character.
    table: Vec<(bool, Option<char>)>,
}

impl Letters {
    /// The end of the Cyrillic Supplement block.
    const END: u32 = 0x0530;

    fn new() -> Letters {
        let table = (0..Letters::END)
            .map(|u| match char::from_u32(u) {
                Some(c) => {
                    let mut lower = c.to_lowercase();
                    let one = match (lower.next(), lower.next()) {
                        (Some(l), None) => Some(l),
                        _ => None,
                    };
                    (c.is_alphanumeric(), one)
                }
                None => (false, None),
            })
            .collect();
        Letters { table }
    }

    fn entry(&self, c: char) -> Option<(bool, Option<char>)> {
        self.table.get(c as usize).copied()
    }

    /// Whether `c` is a letter or a digit.
    fn is_alphanumeric(&self, c: char) -> bool {
        self.entry(c)
            .map_or_else(|| c.is_alphanumeric(), |(a, _)| a)
    }

    /// `c` lower-cased, when the table knows it and it is one character.
    fn lower(&self, c: char) -> Option<char> {
        self.entry(c).and_then(|(_, l)| l)
    }
}

static LETTERS: LazyLock<Letters> = LazyLock::new(Letters::new);

/// Splits text into runs of letters and digits, as tantivy's
/// `SimpleTokenizer` does, with [`Letters`]' table.
#[derive(Debug, Clone, Copy, Default)]
pub struct Words;

/// The token stream of [`Words`].
pub struct WordStream<'a> {
    text: &'a str,
    chars: std::str::CharIndices<'a>,
    token: Token,
}

impl Tokenizer for Words {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        WordStream {
            text,
            chars: text.char_indices(),
            token: Token {
                position: usize::MAX,
                ..Token::default()
            },
        }
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        let letters = &*LETTERS;
        let Some((start, _)) = self
            .chars
            .by_ref()
            .find(|&(_, c)| letters.is_alphanumeric(c))
        else {
            return false;
        };
        let end = self
            .chars
            .by_ref()
            .find(|&(_, c)| !letters.is_alphanumeric(c))
            .map_or(self.text.len(), |(i, _)| i);
        self.token.text.clear();
        self.token
            .text
            .push_str(self.text.get(start..end).unwrap_or_default());
        self.token.offset_from = start;
        self.token.offset_to = end;
        self.token.position = self.token.position.wrapping_add(1);
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

impl TokenMap for Fold {
    fn map(&self, text: &str, out: &mut String) -> bool {
        self.fold_into(text, out)
    }
}

impl TokenFilter for Fold {
    type Tokenizer<T: Tokenizer> = MapTokenizer<T, Self>;

    fn transform<T: Tokenizer>(self, inner: T) -> Self::Tokenizer<T> {
        MapTokenizer { inner, map: self }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g() -> &'static Grammar {
        crate::grammar::for_tests()
    }

    fn ru(text: &str) -> Vec<String> {
        terms(&mut analyzer(g(), Language::Ru), text)
    }

    fn kk(text: &str) -> Vec<String> {
        terms(&mut analyzer(g(), Language::Kk), text)
    }

    /// `(text, position)` of each token.
    fn positions(lang: Language, text: &str) -> Vec<(String, usize)> {
        let mut a = analyzer(g(), lang);
        let mut stream = a.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.position));
        }
        out
    }

    /// The table answers as the standard library does, for every
    /// character it holds.
    #[test]
    fn the_letter_table_agrees_with_the_standard_library() {
        for u in 0..Letters::END + 16 {
            let Some(c) = char::from_u32(u) else { continue };
            assert_eq!(LETTERS.is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            if let Some(l) = LETTERS.lower(c) {
                assert_eq!(c.to_lowercase().collect::<String>(), l.to_string(), "{c:?}");
            }
        }
    }

    /// Words splits as tantivy's SimpleTokenizer does.
    #[test]
    fn words_split_as_the_simple_tokenizer_does() {
        let text = "Регламент «Тіркеу», п. 5-1) eGov; ӘКІМДІГІ 2019ж.—x\u{00A0}y ё";
        let mut ours = Words;
        let mut theirs = tantivy::tokenizer::SimpleTokenizer::default();
        let collect = |s: &mut dyn FnMut() -> Option<(String, usize, usize, usize)>| {
            std::iter::from_fn(s).collect::<Vec<_>>()
        };
        let mut a = ours.token_stream(text);
        let mut b = theirs.token_stream(text);
        let x = collect(&mut || {
            a.next()
                .map(|t| (t.text.clone(), t.offset_from, t.offset_to, t.position))
        });
        let y = collect(&mut || {
            b.next()
                .map(|t| (t.text.clone(), t.offset_from, t.offset_to, t.position))
        });
        assert_eq!(x, y);
    }

    #[test]
    fn russian_words_are_stemmed_and_stop_words_dropped() {
        assert_eq!(
            ru("Регистрация лиц, ищущих работу"),
            ["регистрац", "лиц", "ищущ", "работ"]
        );
        // The forms of one word meet.
        assert_eq!(ru("безработных безработные"), ["безработн", "безработн"]);
        assert_eq!(
            ru("Об утверждении регламента и о внесении изменений"),
            ["утвержден", "регламент", "внесен", "изменен"]
        );
    }

    #[test]
    fn stop_words_leave_gaps_in_positions() {
        assert_eq!(
            positions(Language::Ru, "постановление и решение"),
            [("постановлен".to_string(), 0), ("решен".to_string(), 2)]
        );
    }

    #[test]
    fn yo_is_folded_to_ye() {
        assert_eq!(ru("учёт"), ru("учет"));
        assert_eq!(ru("ЁЛКА"), ["елк"]);
    }

    #[test]
    fn latin_lookalikes_in_a_cyrillic_word_are_folded() {
        // Latin p, e, a typed in a Russian word.
        assert_eq!(ru("peгламент"), ru("регламент"));
        assert_eq!(ru("PEГЛAMEHT"), ru("регламент"));
        // All Latin: a name, kept.
        assert_eq!(ru("eGov"), ["egov"]);
        // A Latin letter with no look-alike: not a typo of a Cyrillic word.
        assert_eq!(Fold::new(g()).fold("egovкз"), "egovкз");
    }

    #[test]
    fn kazakh_latin_i_is_folded() {
        assert_eq!(
            kk("Мемлекеттiк көрсетiлетiн қызмет"),
            kk("Мемлекеттік көрсетілетін қызмет")
        );
        assert_eq!(kk("Iске"), kk("Іске"));
    }

    #[test]
    fn kazakh_phrases_are_stemmed_and_stop_words_dropped() {
        assert_eq!(
            kk("Мемлекеттiк көрсетілетін қызметтің құжаттарымен және шешімі"),
            ["мемлекеттік", "көрсетілет", "қызмет", "құжат", "шешім"]
        );
        assert_eq!(
            positions(Language::Kk, "жұмыспен қамту туралы ереже"),
            [
                ("жұмыс".to_string(), 0),
                ("қамту".to_string(), 1),
                ("ереже".to_string(), 3)
            ]
        );
    }

    #[test]
    fn numbers_and_kazakh_letters_are_tokens() {
        assert_eq!(ru("2019 года № 5-1"), ["2019", "год", "5", "1"]);
        // Each Kazakh letter is a word character, in either case.
        let mut words = TextAnalyzer::from(Words);
        assert_eq!(
            terms(&mut words, "әғқңөұүһі ӘҒҚҢӨҰҮҺІ"),
            ["әғқңөұүһі", "ӘҒҚҢӨҰҮҺІ"]
        );
    }

    #[test]
    fn overlong_tokens_are_dropped() {
        let long = "а".repeat(MAX_TOKEN_BYTES);
        assert_eq!(ru(&format!("{long} регламент")), ["регламент"]);
    }

    #[test]
    fn analyzers_are_registered_by_name() {
        let manager = TokenizerManager::default();
        register(&manager, g());
        let mut a = manager.get(KK).expect("kk is registered");
        assert_eq!(terms(&mut a, "қызметті"), ["қызмет"]);
        assert!(manager.get(RU).is_some());
    }
}
