//! The document's own words, counted: the evidence for repairs that no
//! dictionary could give us. "статуса" occurring elsewhere in an act
//! proves that `с татуса` is one letter-spaced word, and "Казахстан"
//! occurring elsewhere proves that `Казахстанместном` is two.

use std::collections::HashMap;

/// Lower-cased alphabetic words of a text and how often each occurs.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    counts: HashMap<String, u32>,
}

impl Vocabulary {
    /// Count the words of `text`.
    pub fn of(text: &str) -> Vocabulary {
        let mut counts: HashMap<String, u32> = HashMap::new();
        for w in text
            .split(|c: char| !crate::text::is_letter(c))
            .filter(|w| !w.is_empty())
        {
            *counts.entry(w.to_lowercase()).or_default() += 1;
        }
        Vocabulary { counts }
    }

    /// How often `word` occurs (case-insensitive).
    pub fn count(&self, word: &str) -> u32 {
        self.counts.get(&word.to_lowercase()).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_case_insensitively() {
        let v = Vocabulary::of("Статуса статуса, оралмана");
        assert_eq!(v.count("СТАТУСА"), 2);
        assert_eq!(v.count("нет"), 0);
    }
}
