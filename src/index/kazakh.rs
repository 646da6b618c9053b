//! A light Kazakh stemmer: tantivy, Lucene and Snowball have none.
//!
//! A Kazakh noun stacks its endings as stem + plural + possessive + case
//! (`құжат·тар·ы·мен`, "with its documents"). The stemmer strips them in
//! the other order: one case ending, then one possessive, then one plural,
//! each the longest of its group that fits and leaves at least `min_stem`
//! letters. A stem's last letter is then written as it is with no vowel
//! after it (`әкімдіг` → `әкімдік`), so a noun and its inflections meet.
//! The suffixes, their conditions and the minimum are grammar data
//! (`[search.stemmer]` in `grammar/kk.toml`); it expects lower-case,
//! folded words (see `analysis`).

use super::token_map::{MapTokenizer, TokenMap};
use crate::grammar::{Grammar, StemRules, Suffix};
use std::sync::Arc;
use tantivy::tokenizer::{TokenFilter, Tokenizer};

/// The Kazakh stemmer, as a function ([`KazakhStemmer::stem`]) and as a
/// tantivy token filter.
#[derive(Debug, Clone)]
pub struct KazakhStemmer {
    rules: Arc<StemRules>,
}

impl KazakhStemmer {
    /// The stemmer with the grammar's rules.
    pub fn new(g: &Grammar) -> Self {
        KazakhStemmer {
            rules: Arc::new(g.kazakh_stemmer.clone()),
        }
    }

    /// The stem of a lower-case word.
    pub fn stem(&self, word: &str) -> String {
        let mut letters: Vec<char> = word.chars().collect();
        let rules = &*self.rules;
        for group in [&rules.case, &rules.possessive, &rules.plural] {
            strip(&mut letters, group, rules.min_stem);
        }
        if let Some(last) = letters.last_mut()
            && let Some(&(_, plain)) = rules.devoice.iter().find(|(from, _)| from == last)
        {
            *last = plain;
        }
        letters.into_iter().collect()
    }
}

/// Strip the first (longest) suffix of `group` that ends `word`, follows an
/// ending it allows, and leaves at least `min_stem` letters.
fn strip(word: &mut Vec<char>, group: &[Suffix], min_stem: usize) {
    let fits = |s: &Suffix| {
        let keep = word.len().checked_sub(s.letters.len())?;
        let stem = word.get(..keep)?;
        let follows = s.after.is_empty() || s.after.iter().any(|e| stem.ends_with(e));
        (keep >= min_stem && word.ends_with(&s.letters) && follows).then_some(keep)
    };
    if let Some(keep) = group.iter().find_map(fits) {
        word.truncate(keep);
    }
}

impl TokenMap for KazakhStemmer {
    fn map(&self, text: &str, out: &mut String) -> bool {
        out.push_str(&self.stem(text));
        true
    }
}

impl TokenFilter for KazakhStemmer {
    type Tokenizer<T: Tokenizer> = MapTokenizer<T, Self>;

    fn transform<T: Tokenizer>(self, inner: T) -> Self::Tokenizer<T> {
        MapTokenizer { inner, map: self }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stemmer() -> KazakhStemmer {
        KazakhStemmer::new(crate::grammar::for_tests())
    }

    fn stem(word: &str) -> String {
        stemmer().stem(word)
    }

    /// Every word gives `expected`.
    fn meet(words: &[&str], expected: &str) {
        for w in words {
            assert_eq!(stem(w), expected, "{w}");
        }
    }

    #[test]
    fn the_issue_examples() {
        meet(&["қызметті", "қызметтің", "қызмет"], "қызмет");
        meet(&["құжаттарды", "құжаттарымен"], "құжат");
    }

    #[test]
    fn plural() {
        // лар/лер after vowels and р, дар/дер after voiced, тар/тер after
        // voiceless consonants.
        meet(&["құжаттар", "құжат"], "құжат");
        meet(&["ережелер", "ереже"], "ереже");
        meet(&["органдар", "орган"], "орган");
        meet(&["өтініштер", "өтініш"], "өтініш");
    }

    #[test]
    fn possessive() {
        // ы/і after a consonant, сы/сі after a vowel.
        meet(&["шешімі", "шешім"], "шешім");
        meet(&["облысы", "облыс"], "облыс");
        meet(&["жұмысы", "жұмыс"], "жұмыс");
        meet(&["республикасы", "республика"], "республика");
        meet(&["тізбесі", "тізбе"], "тізбе");
        // A stem in ы: the agent nouns.
        meet(&["басшысы", "басшы", "басшысының", "басшысына"], "басш");
        meet(&["қаулысымен", "қаулы"], "қаул");
        // The first and second singular are not stripped: шешім is no
        // шеш + ім.
        assert_eq!(stem("шешім"), "шешім");
    }

    #[test]
    fn genitive() {
        meet(&["мәслихаттың", "мәслихат"], "мәслихат");
        meet(&["шешімнің", "шешімінің"], "шешім");
        meet(&["әкімдігінің", "әкімдігі", "әкімдік"], "әкімдік");
        meet(&["республикасының"], "республика");
    }

    #[test]
    fn dative() {
        meet(&["шешіміне", "шешімге"], "шешім");
        meet(&["жұмысқа"], "жұмыс");
        meet(&["әкімге", "әкім"], "әкім");
    }

    #[test]
    fn locative() {
        meet(
            &["облыста", "облысында", "облыстағы", "облысындағы"],
            "облыс",
        );
        meet(&["мерзімде", "мерзімінде"], "мерзім");
    }

    #[test]
    fn ablative() {
        meet(&["шешімнен", "шешімінен"], "шешім");
        meet(&["облыстан"], "облыс");
        meet(&["әкімдіктен"], "әкімдік");
    }

    #[test]
    fn accusative() {
        meet(&["шешімді", "шешімін"], "шешім");
        meet(&["ережені", "ережесін"], "ереже");
    }

    #[test]
    fn instrumental() {
        meet(&["жұмыспен", "жұмыс"], "жұмыс");
        meet(&["өтінішпен", "өтініш"], "өтініш");
        meet(&["басшымен", "басшы"], "басш");
    }

    #[test]
    fn stacked_endings() {
        // plural + possessive + case
        meet(&["құжаттарының", "құжаттарында", "құжаттарын"], "құжат");
        meet(&["ережелерінің", "ережелері"], "ереже");
    }

    #[test]
    fn a_stem_keeps_its_minimum_length() {
        // Function words and short words are not cut below three letters.
        meet(&["мен"], "мен");
        meet(&["бен"], "бен");
        meet(&["да"], "да");
        meet(&["жеке"], "жеке");
        meet(&["ісі"], "ісі");
    }

    #[test]
    fn devoicing_joins_a_stem_and_its_voiced_form() {
        meet(&["тәртібі", "тәртіп"], "тәртіп");
    }

    #[test]
    fn other_words_pass() {
        meet(&["мемлекеттік"], "мемлекеттік");
        meet(&["2019"], "2019");
        meet(&["egov"], "egov");
        meet(&[""], "");
    }
}
