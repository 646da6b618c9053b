//! Pass 3: letter-spacing. PDF export spaces out some words letter by
//! letter: `с о ц и а л ь н о й  з а щ и т ы`. Inside such a run a single
//! space joins letters and a wider gap separates words.
//!
//! Rules, each applied until nothing changes (so the pass is idempotent):
//! - a run of four or more one-character tokens, at least three of them
//!   letters, is letter-spaced;
//! - on a letter-spaced line, a lone letter followed by a word joins it when
//!   the joined word occurs elsewhere in the document and the remainder
//!   does not (`с татуса` -> `статуса`);
//! - `18 )` at the start of a line is `18)`, and `" ;` is `";`.

use super::{Vocabulary, line_ranges};
use crate::text::{Builder, Text};

/// Run pass 3.
pub fn collapse(text: &Text, vocabulary: &Vocabulary) -> Text {
    let mut text = text.clone();
    // Each round removes spaces, so this ends; three rounds reach the
    // fixpoint on every text we have seen.
    for _ in 0..4 {
        let next = text.edit(|b| {
            let input = b.input();
            let mut first = true;
            for r in line_ranges(input) {
                if !first {
                    b.copy(r.start - 1..r.start);
                }
                first = false;
                line(b, r.start, r.end, vocabulary);
            }
        });
        if next.as_str() == text.as_str() {
            return next;
        }
        text = next;
    }
    text
}

#[derive(Debug, Clone, Copy)]
struct Token {
    start: usize,
    end: usize,
    chars: usize,
}

fn tokens(s: &str, base: usize) -> Vec<Token> {
    tokens_of(s)
        .map(|(start, t, chars)| Token {
            start: base + start,
            end: base + start + t.len(),
            chars,
        })
        .collect()
}

/// What to do with the gap before token `i`.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Gap {
    Keep,
    Remove,
    Single,
}

fn line(b: &mut Builder<'_>, start: usize, end: usize, vocabulary: &Vocabulary) {
    let input = b.input();
    let text = input.get(start..end).unwrap_or("");
    if untouched(text) {
        b.copy(start..end);
    } else {
        rewrite(b, start, end, vocabulary);
    }
}

/// Apply the rules to the line `input[start..end]`.
fn rewrite(b: &mut Builder<'_>, start: usize, end: usize, vocabulary: &Vocabulary) {
    let input = b.input();
    let text = input.get(start..end).unwrap_or("");
    let toks = tokens(text, start);
    let mut gaps = vec![Gap::Keep; toks.len()];
    mark_runs(input, &toks, &mut gaps);
    // Only a line that shows letter-spacing (a collapsed run, or words set
    // apart by wide gaps) may have a stray letter: elsewhere "в месте" is
    // two words even if "вместе" occurs in the act.
    let wide_gaps = toks
        .windows(2)
        .any(|w| matches!(w, [a, b] if b.start - a.end >= 2));
    if wide_gaps || gaps.iter().any(|g| *g != Gap::Keep) {
        mark_vocabulary_joins(input, &toks, &mut gaps, vocabulary);
    }
    mark_punctuation(input, &toks, &mut gaps);
    // Emit: leading indentation, then tokens with their gaps.
    let mut at = start;
    for (i, t) in toks.iter().enumerate() {
        match gaps.get(i).copied().unwrap_or(Gap::Keep) {
            Gap::Keep => b.copy(at..t.start),
            Gap::Remove => {}
            Gap::Single => {
                if t.start > at {
                    b.replace(" ", at..t.start);
                }
            }
        }
        b.copy(t.start..t.end);
        at = t.end;
    }
    b.copy(at..end);
}

/// Whether no rule below can change the line, told in one pass without
/// collecting its tokens: each rule needs something the line lacks. A
/// letter-spaced run needs four one-character tokens in a row; a
/// vocabulary join, a wide gap and a one-character token before a single
/// space; the punctuation rules, `18 )` at the start or `" ;`. Nearly
/// every line of canonical text is untouched.
fn untouched(line: &str) -> bool {
    let toks = tokens_of(line);
    let mut run = 0;
    let mut wide = false;
    let mut single_then_space = false;
    let mut prev: Option<(&str, usize, usize)> = None; // (token, chars, end)
    for (i, (start, tok, chars)) in toks.enumerate() {
        run = if chars == 1 { run + 1 } else { 0 };
        if run >= 4 {
            return false;
        }
        if let Some((p, p_chars, p_end)) = prev {
            let gap = start - p_end;
            wide |= gap >= 2;
            if gap == 1 {
                single_then_space |= p_chars == 1;
                let digits_then_bracket =
                    i == 1 && p.bytes().all(|c| c.is_ascii_digit()) && tok.starts_with(')');
                let quote_then_punct = p.ends_with('"') && tok.starts_with(['.', ',', ';', ':']);
                if digits_then_bracket || quote_then_punct {
                    return false;
                }
            }
        }
        prev = Some((tok, chars, start + tok.len()));
    }
    !(wide && single_then_space)
}

/// The space-separated tokens of `s`: `(start, token, characters)`.
fn tokens_of(s: &str) -> impl Iterator<Item = (usize, &str, usize)> {
    s.split(' ').filter(|t| !t.is_empty()).map(move |t| {
        (
            t.as_ptr() as usize - s.as_ptr() as usize,
            t,
            t.chars().count(),
        )
    })
}

fn token_str<'a>(input: &'a str, t: &Token) -> &'a str {
    input.get(t.start..t.end).unwrap_or("")
}

/// Letter-spaced runs: single spaces join, wider gaps become one space.
fn mark_runs(input: &str, toks: &[Token], gaps: &mut [Gap]) {
    let mut i = 0;
    while i < toks.len() {
        let mut j = i;
        while toks.get(j).is_some_and(|t| t.chars == 1) {
            j += 1;
        }
        let letters = toks
            .get(i..j)
            .unwrap_or(&[])
            .iter()
            .filter(|t| token_str(input, t).chars().all(crate::text::is_letter))
            .count();
        if j - i >= 4 && letters >= 3 {
            for k in i + 1..j {
                let (Some(prev), Some(cur)) = (toks.get(k - 1), toks.get(k)) else {
                    continue;
                };
                if let Some(g) = gaps.get_mut(k) {
                    *g = if cur.start - prev.end == 1 {
                        Gap::Remove
                    } else {
                        Gap::Single
                    };
                }
            }
            i = j;
        } else {
            i = j.max(i + 1);
        }
    }
}

/// `с татуса` -> `статуса`, proven by the document's vocabulary.
fn mark_vocabulary_joins(input: &str, toks: &[Token], gaps: &mut [Gap], vocabulary: &Vocabulary) {
    for k in 1..toks.len() {
        let (Some(prev), Some(cur)) = (toks.get(k - 1), toks.get(k)) else {
            continue;
        };
        if gaps.get(k) != Some(&Gap::Keep) || cur.start - prev.end != 1 || prev.chars != 1 {
            continue;
        }
        let letter = token_str(input, prev);
        let rest = token_str(input, cur);
        let word: String = rest
            .chars()
            .take_while(|c| crate::text::is_letter(*c))
            .collect();
        if !letter.chars().all(crate::text::is_letter) || word.chars().count() < 3 {
            continue;
        }
        let joined = format!("{letter}{word}");
        if vocabulary.count(&joined) >= 1
            && vocabulary.count(&word) <= 1
            && let Some(g) = gaps.get_mut(k)
        {
            *g = Gap::Remove;
        }
    }
}

/// `18 )` at the start of a line, and a space between a closing quote and
/// punctuation (`" ;`), are artefacts of letter-spacing.
fn mark_punctuation(input: &str, toks: &[Token], gaps: &mut [Gap]) {
    if let (Some(first), Some(second)) = (toks.first(), toks.get(1)) {
        let num = token_str(input, first);
        if num.chars().all(|c| c.is_ascii_digit())
            && token_str(input, second).starts_with(')')
            && second.start - first.end == 1
            && let Some(g) = gaps.get_mut(1)
        {
            *g = Gap::Remove;
        }
    }
    for k in 1..toks.len() {
        let (Some(prev), Some(cur)) = (toks.get(k - 1), toks.get(k)) else {
            continue;
        };
        let after_quote = token_str(input, prev).ends_with('"');
        let punct = token_str(input, cur)
            .chars()
            .next()
            .is_some_and(|c| matches!(c, '.' | ',' | ';' | ':'));
        if after_quote
            && punct
            && cur.start - prev.end == 1
            && let Some(g) = gaps.get_mut(k)
        {
            *g = Gap::Remove;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every line the shortcut passes over is one the rules leave as it
    /// is: checked on every line of the shipped corpus, raw (letter-spaced
    /// PDF lines included), and on lines each rule changes.
    #[test]
    fn untouched_lines_are_lines_no_rule_changes() {
        let mut texts = vec![
            "с о ц и а л ь н о й  з а щ и т ы".to_string(),
            "18 ) услугодателя ;".to_string(),
            "\"Об утверждении\" ; далее".to_string(),
            "с татуса  и статуса".to_string(),
        ];
        let mut dirs = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/corpus"
        ))];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    dirs.push(p);
                } else if let Ok(s) = std::fs::read_to_string(&p) {
                    texts.push(s);
                }
            }
        }
        let (mut passed, mut changed) = (0, 0);
        for text in &texts {
            let vocabulary = Vocabulary::of(text);
            for line in text.lines() {
                let t = Text::identity(line);
                let out = t.edit(|b| rewrite(b, 0, line.len(), &vocabulary));
                if untouched(line) {
                    assert_eq!(out.as_str(), line);
                    passed += 1;
                } else {
                    changed += usize::from(out.as_str() != line);
                }
            }
        }
        assert!(passed > 10_000 && changed >= 4, "{passed} {changed}");
    }

    fn c(s: &str) -> String {
        let t = Text::identity(s);
        collapse(&t, &Vocabulary::of(s)).as_str().to_string()
    }

    #[test]
    fn letter_spaced_runs_collapse() {
        assert_eq!(
            c("с о ц и а л ь н о й  з а щ и т ы  н а с е л е н и я :"),
            "социальной защиты населения:"
        );
        assert_eq!(
            c("      1 )  у с л у г о д а т е л я ;"),
            "      1) услугодателя;"
        );
        assert_eq!(
            c("т е ч е н и е  2  ( д в у х )  м и н у т ;"),
            "течение 2 (двух) минут;"
        );
    }

    #[test]
    fn ordinary_text_is_untouched() {
        let s = "в т. ч. и в  соответствии с 1 2 3 4 5";
        assert_eq!(c(s), s);
    }

    #[test]
    fn vocabulary_joins_a_stray_letter() {
        let s = "      18 )   с татуса  оралмана\" .\"Присвоение\n\"Присвоение статуса оралмана\"";
        assert_eq!(
            c(s).lines().next(),
            Some("      18)   статуса  оралмана\".\"Присвоение")
        );
    }

    #[test]
    fn is_idempotent() {
        for s in ["a  b  c  d", "a b  c  d  e  f g", "с о ц и а л ь н о й"] {
            let once = c(s);
            assert_eq!(c(&once), once, "{s:?}");
        }
    }
}
