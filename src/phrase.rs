//! The phrase engine: the grammar's phrase syntax compiled into a matcher
//! that costs next to nothing to build.
//!
//! The syntax (described at the top of `grammar/ru.toml`): words matched
//! case-insensitively with `е` = `ё`, any run of white space between
//! words, `word*` a stem with any continuation of word characters, `word+`
//! with at least one, and `#` a number such as 5, 19 or 4/496.
//!
//! Phrases used to be compiled into case-insensitive regexes. Unicode case
//! folding made compiling them most of a small file's parse, and a search
//! retried the regex at every word start. Here a phrase is a short list of
//! atoms; each text character is folded once as the scan passes it, and
//! only the phrases whose first atom accepts that character are tried.
//!
//! The semantics are the regexes' exactly, which the snapshots check: at
//! each start, phrases are tried longest (in characters) first, and the
//! first that matches is the one taken; a match counts only at word
//! boundaries, and when the preferred phrase does not end at one, the scan
//! moves on to the next word.

use crate::text::{fold, is_letter_or_digit};
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

/// How far past its start an anchored phrase may reach.
const AT_START_WINDOW: usize = 1024;

/// One element of a compiled phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Atom {
    /// A character, folded.
    Char(char),
    /// `#`: digits, then groups of `/` or `-` and digits (5, 4/496, 8-1).
    Number,
    /// One or more white-space characters, between words.
    Space,
    /// `*` (`min` 0) or `+` (`min` 1): stem characters.
    Stem { min: usize },
}

/// A list of phrases, each mapped to a key.
#[derive(Debug, Clone)]
pub struct Matcher<K> {
    keys: Vec<K>,
    phrases: Vec<Vec<Atom>>,
    /// The phrases that may start with two folded characters, each list
    /// in preference order, with the phrases of the first character's
    /// bucket that may go on with anything merged in.
    by_two: HashMap<(char, char), Vec<usize>>,
    /// The phrases that may start with a folded character whatever comes
    /// next (one letter, a number, a stem), in preference order, with the
    /// phrases that may start anywhere merged in. Digits share `'0'`.
    by_first: HashMap<char, Vec<usize>>,
    /// Phrases that may start with any character (a bare `*`).
    anywhere: Vec<usize>,
    /// The folded characters below [`MASKED`] that some phrase may start
    /// with, as bits: most starts are refused without a lookup.
    starts: [u64; MASKED / 64],
}

/// The code points the start mask covers: ASCII, Latin-1 and Cyrillic.
const MASKED: usize = 0x540;

/// Phrases with no key: only "does it match, and where".
pub type Phrases = Matcher<()>;

/// What a stem may continue with: the letters of the Cyrillic script,
/// Latin letters, digits, `_` and `-`.
fn is_stem_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-' || is_cyrillic(c)
}

/// The Unicode Cyrillic script (its blocks, minus the combining marks
/// that belong to every script).
fn is_cyrillic(c: char) -> bool {
    matches!(c,
        '\u{0400}'..='\u{0484}'
        | '\u{0487}'..='\u{052F}'
        | '\u{1C80}'..='\u{1C88}'
        | '\u{1D2B}'
        | '\u{1D78}'
        | '\u{2DE0}'..='\u{2DFF}'
        | '\u{A640}'..='\u{A69F}'
        | '\u{FE2E}'..='\u{FE2F}')
}

/// Letters and digits: what a phrase boundary may not split.
#[inline]
pub fn is_word_char(c: char) -> bool {
    is_letter_or_digit(c) || c == '_'
}

/// Compile one phrase of the data syntax.
fn compile(phrase: &str) -> Vec<Atom> {
    let mut atoms = Vec::new();
    for (i, word) in phrase.split_whitespace().enumerate() {
        if i > 0 {
            atoms.push(Atom::Space);
        }
        let (stem, wild) = match (word.strip_suffix('*'), word.strip_suffix('+')) {
            (Some(s), _) => (s, Some(0)),
            (_, Some(s)) if !s.is_empty() => (s, Some(1)),
            _ => (word, None),
        };
        atoms.extend(stem.chars().map(|c| match c {
            '#' => Atom::Number,
            c => Atom::Char(fold(c)),
        }));
        if let Some(min) = wild {
            atoms.push(Atom::Stem { min });
        }
    }
    atoms
}

/// Mark a folded character (or a character above the mask: not marked,
/// since the mask is only asked below it) as a possible start.
fn set_bit(mask: &mut [u64; MASKED / 64], c: char) {
    let u = u32::from(c) as usize;
    if let Some(word) = mask.get_mut(u / 64) {
        *word |= 1 << (u % 64);
    }
}

/// The bucket a folded character looks in: digits share one.
fn bucket(c: char) -> char {
    if c.is_ascii_digit() { '0' } else { c }
}

impl<K: Clone> Matcher<K> {
    /// Compile `(key, phrase)` pairs. Longer phrases are tried first, so
    /// "изложить в следующей редакции" wins over "изложить". Every phrase
    /// compiles; the signature keeps room for a syntax that could fail.
    pub fn new(
        _file: &str,
        _field: &str,
        entries: impl IntoIterator<Item = (K, String)>,
    ) -> crate::error::Result<Self> {
        let mut entries: Vec<(K, String)> = entries
            .into_iter()
            .filter(|(_, p)| !p.trim().is_empty())
            .collect();
        entries.sort_by_key(|(_, p)| std::cmp::Reverse(p.chars().count()));
        let phrases: Vec<Vec<Atom>> = entries.iter().map(|(_, p)| compile(p)).collect();
        let mut by_two: HashMap<(char, char), Vec<usize>> = HashMap::default();
        let mut by_first: HashMap<char, Vec<usize>> = HashMap::default();
        let mut anywhere = Vec::new();
        for (i, atoms) in phrases.iter().enumerate() {
            match (atoms.first(), atoms.get(1)) {
                (Some(Atom::Char(a)), Some(Atom::Char(b))) if !a.is_ascii_digit() => {
                    by_two.entry((*a, bucket(*b))).or_default().push(i);
                }
                (Some(Atom::Char(c)), _) => by_first.entry(bucket(*c)).or_default().push(i),
                (Some(Atom::Number), _) => by_first.entry('0').or_default().push(i),
                _ => anywhere.push(i),
            }
        }
        // Each list also holds, in their places, the phrases a wider list
        // would try at the same start.
        for list in by_first.values_mut() {
            list.extend(&anywhere);
            list.sort_unstable();
        }
        for ((first, _), list) in &mut by_two {
            let wider = by_first.get(first).unwrap_or(&anywhere);
            list.extend(wider);
            list.sort_unstable();
            list.dedup();
        }
        let mut starts = [0u64; MASKED / 64];
        if anywhere.is_empty() {
            let firsts = by_two
                .keys()
                .map(|(c, _)| *c)
                .chain(by_first.keys().copied());
            for c in firsts {
                // A digit bucket stands for every digit.
                let chars: Vec<char> = if c == '0' {
                    ('0'..='9').collect()
                } else {
                    vec![c]
                };
                for c in chars {
                    set_bit(&mut starts, c);
                }
            }
        } else {
            starts = [u64::MAX; MASKED / 64];
        }
        Ok(Matcher {
            keys: entries.into_iter().map(|(k, _)| k).collect(),
            phrases,
            by_two,
            by_first,
            anywhere,
            starts,
        })
    }

    /// Whether some phrase may start with `c` (always, above the mask).
    #[inline]
    fn may_start(&self, c: char) -> bool {
        let u = u32::from(fold(c)) as usize;
        self.starts
            .get(u / 64)
            .is_none_or(|word| word & (1 << (u % 64)) != 0)
    }

    /// The phrases to try at a start whose first two characters are
    /// `first` and `second`, in preference order.
    fn candidates(&self, first: char, second: Option<char>) -> &[usize] {
        let first = bucket(fold(first));
        let two = second.and_then(|c| self.by_two.get(&(first, bucket(fold(c)))));
        two.or_else(|| self.by_first.get(&first))
            .map_or(&self.anywhere, Vec::as_slice)
    }

    /// The preferred phrase matching at `at` (which must be a char
    /// boundary): `(phrase, end)`.
    fn preferred(&self, s: &str, at: usize) -> Option<(usize, usize)> {
        let mut chars = s.get(at..)?.chars();
        let first = chars.next()?;
        if !self.may_start(first) {
            return None;
        }
        self.candidates(first, chars.next()).iter().find_map(|&i| {
            let atoms = self.phrases.get(i)?;
            match_atoms(atoms, s, at).map(|end| (i, end))
        })
    }

    fn key(&self, i: usize) -> Option<K> {
        self.keys.get(i).cloned()
    }

    /// A match that starts at the beginning of `s`: `(key, length)`.
    pub fn at_start(&self, s: &str) -> Option<(K, usize)> {
        // Phrases are short; the window bounds a stem's run.
        let head = s
            .get(..crate::text::floor_char_boundary(s, AT_START_WINDOW))
            .unwrap_or(s);
        let (i, end) = self.preferred(head, 0)?;
        if !ends_clean(s, 0, end) {
            return None;
        }
        Some((self.key(i)?, end))
    }

    /// Whether a phrase fills `s`: it matches at the start and only spaces
    /// follow ("Утративший силу" as a line of its own, not in a sentence).
    pub fn matches_whole(&self, s: &str) -> bool {
        self.whole(s).is_some()
    }

    /// The key of the phrase that fills `s` (white space aside), if one does.
    pub fn whole(&self, s: &str) -> Option<K> {
        self.at_start(s)
            .filter(|(_, len)| s.get(*len..).is_some_and(|r| r.trim().is_empty()))
            .map(|(k, _)| k)
    }

    /// The match that ends `s`, if one does: a phrase closing a line
    /// («… қаулысымен бекітілген», «… министрі полиция генерал-лейтенанты»).
    /// Matches do not overlap, so only the last can.
    pub fn at_end(&self, s: &str) -> Option<(K, Range<usize>)> {
        self.find_iter(s).last().filter(|(_, m)| m.end == s.len())
    }

    /// The first match in `s` at word boundaries.
    pub fn find(&self, s: &str) -> Option<(K, Range<usize>)> {
        self.find_iter(s).next()
    }

    /// All non-overlapping matches in `s`, left to right, at word
    /// boundaries, in one pass over the text.
    pub fn find_iter<'a>(&'a self, s: &'a str) -> impl Iterator<Item = (K, Range<usize>)> + 'a {
        let mut chars = s.char_indices().peekable();
        // Whether the character before the next one is a word character.
        let mut in_word = false;
        std::iter::from_fn(move || {
            while let Some((at, c)) = chars.next() {
                let word = is_word_char(c);
                let inside = std::mem::replace(&mut in_word, word) && word;
                // A phrase may start only where a word does, or at a sign;
                // and most starts no phrase may start with.
                if inside || !self.may_start(c) {
                    continue;
                }
                let Some((i, end)) = self.preferred(s, at) else {
                    continue;
                };
                if end > at && ends_clean(s, at, end) {
                    // Resume after the match.
                    while chars.peek().is_some_and(|&(j, _)| j < end) {
                        in_word = chars.next().is_some_and(|(_, c)| is_word_char(c));
                    }
                    if let Some(key) = self.key(i) {
                        return Some((key, at..end));
                    }
                }
                // The preferred phrase stops inside a word: the next
                // start is the next word.
            }
            None
        })
    }

    /// Whether any phrase occurs in `s`.
    pub fn is_match(&self, s: &str) -> bool {
        self.find(s).is_some()
    }
}

/// Does a match ending at `end` stop at a word boundary?
fn ends_clean(s: &str, start: usize, end: usize) -> bool {
    let last = s.get(start..end).and_then(|m| m.chars().next_back());
    let next = s.get(end..).and_then(|r| r.chars().next());
    !(last.is_some_and(is_word_char) && next.is_some_and(is_word_char))
}

/// Where `atoms` match from `at`, preferring what a backtracking regex
/// prefers: every quantifier greedy, giving back only when what follows
/// fails.
fn match_atoms(atoms: &[Atom], s: &str, at: usize) -> Option<usize> {
    let Some((atom, rest)) = atoms.split_first() else {
        return Some(at);
    };
    let tail = s.get(at..)?;
    match atom {
        Atom::Char(f) => {
            let c = tail.chars().next()?;
            (fold(c) == *f)
                .then(|| match_atoms(rest, s, at + c.len_utf8()))
                .flatten()
        }
        // No atom after these can match what they take (a stem ends a
        // word, and words are separated by white space), so their longest
        // run is the only one to try.
        Atom::Space => {
            let n = run(tail, char::is_whitespace);
            (n > 0).then(|| match_atoms(rest, s, at + n)).flatten()
        }
        Atom::Stem { min } => {
            let n = run(tail, is_stem_char);
            let chars = tail.get(..n).map_or(0, |t| t.chars().count());
            (chars >= *min)
                .then(|| match_atoms(rest, s, at + n))
                .flatten()
        }
        // A number may be followed by `-1` or a digit of the phrase: its
        // possible ends are tried longest first.
        Atom::Number => number_ends(tail)
            .into_iter()
            .rev()
            .find_map(|n| match_atoms(rest, s, at + n)),
    }
}

/// The byte length of the run of characters at the start of `s` that
/// `keep` accepts.
fn run(s: &str, keep: impl Fn(char) -> bool) -> usize {
    s.find(|c: char| !keep(c)).unwrap_or(s.len())
}

/// Every length of a number at the start of `s`, shortest first: after
/// each digit that completes `[0-9]+([/-][0-9]+)*`.
fn number_ends(s: &str) -> Vec<usize> {
    let mut ends = Vec::new();
    let bytes = s.as_bytes();
    let mut i = 0;
    loop {
        let group = i;
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
            ends.push(i);
        }
        if i == group {
            // A separator with no digit after it: the number ended before.
            break;
        }
        match bytes.get(i) {
            Some(b'/' | b'-') if bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => i += 1,
            _ => break,
        }
    }
    ends
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(phrases: &[&str]) -> Matcher<usize> {
        Matcher::new(
            "test",
            "test",
            phrases.iter().enumerate().map(|(i, p)| (i, p.to_string())),
        )
        .unwrap()
    }

    #[test]
    fn case_and_yo_are_folded() {
        let x = m(&["ещё раз"]);
        assert_eq!(x.at_start("ЕЩЕ  раз"), Some((0, "ЕЩЕ  раз".len())));
        assert_eq!(fold('Ә'), 'ә');
        assert_eq!(fold('І'), 'і');
    }

    #[test]
    fn longer_phrases_win_and_boundaries_hold() {
        let x = m(&["изложить", "изложить в следующей редакции"]);
        let s = "пункт изложить в следующей редакции:";
        assert_eq!(x.find(s), Some((1, 11..s.len() - 1)));
        // Inside a word there is no match.
        assert_eq!(m(&["мая"]).find("замаях и мая"), Some((0, 16..22)));
    }

    #[test]
    fn stems_and_numbers() {
        let x = m(&["приложени+ #", "№ #-тарау"]);
        assert_eq!(x.find("см. Приложение 12/3."), Some((0, 6..31)));
        assert_eq!(x.find("приложени 5"), None);
        // The number gives back `-2` for the phrase's own hyphen.
        assert_eq!(x.find("№ 1-2-тарау"), Some((1, 0..18)));
    }

    #[test]
    fn a_preferred_phrase_ending_inside_a_word_moves_the_scan_on() {
        // "дн" is preferred (longer) but stops inside "дней": the shorter
        // "д" is not tried at that start, as with the regexes before.
        let x = m(&["дн", "д"]);
        assert_eq!(x.find("дней д"), Some((1, 9..11)));
    }

    #[test]
    fn number_ends_are_every_complete_prefix() {
        assert_eq!(number_ends("12-34x"), vec![1, 2, 4, 5]);
        assert_eq!(number_ends("4/"), vec![1]);
        assert_eq!(number_ends("x"), Vec::<usize>::new());
    }
}
