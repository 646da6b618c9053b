//! The document's own words, counted: the evidence for repairs that no
//! dictionary could give us. "статуса" occurring elsewhere in an act
//! proves that `с татуса` is one letter-spaced word, and "Казахстан"
//! occurring elsewhere proves that `Казахстанместном` is two.

use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;
use std::sync::OnceLock;

/// Lower-cased alphabetic words of a text and how often each occurs.
/// Counted when first asked: most texts show no letter-spacing or
/// displaced words, and nothing asks.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    text: String,
    counts: OnceLock<HashMap<String, u32>>,
}

impl Vocabulary {
    /// The vocabulary of `text`.
    pub fn of(text: &str) -> Vocabulary {
        Vocabulary {
            text: text.to_string(),
            counts: OnceLock::new(),
        }
    }

    fn counts(&self) -> &HashMap<String, u32> {
        self.counts.get_or_init(|| count_words(&self.text))
    }

    /// How often `word` occurs (case-insensitive).
    pub fn count(&self, word: &str) -> u32 {
        // Asked for every word of the text: one buffer per thread.
        thread_local!(static BUF: RefCell<String> = const { RefCell::new(String::new()) });
        BUF.with(|buf| {
            let mut buf = buf.borrow_mut();
            let lower = crate::text::lower_into(word, &mut buf);
            self.counts().get(lower).copied().unwrap_or(0)
        })
    }
}

/// Count the words of `text`.
fn count_words(text: &str) -> HashMap<String, u32> {
    let mut counts: HashMap<String, u32> = HashMap::default();
    let mut buf = String::new();
    for w in text
        .split(|c: char| !crate::text::is_letter(c))
        .filter(|w| !w.is_empty())
    {
        let lower = crate::text::lower_into(w, &mut buf);
        match counts.get_mut(lower) {
            Some(n) => *n += 1,
            None => {
                counts.insert(lower.to_string(), 1);
            }
        }
    }
    counts
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
