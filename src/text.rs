//! Text that remembers where each of its bytes came from.
//!
//! Every stage from decoding to paragraph joining rewrites the text, and
//! every rewrite goes through [`Text::edit`], which records a map from the
//! new text back to the ORIGINAL bytes. A later stage can therefore
//! normalize freely and still report the exact source of a value.
//!
//! The map is a sorted list of pieces. A *linear* piece maps byte `i` of
//! its output to byte `src_start + i` of the source; a *block* piece maps
//! its whole output to a whole source range (a decoded character, a
//! replaced quote, a word that was moved back into place). A span is mapped
//! to the hull of the source ranges of the pieces it touches, so a span
//! over a moved word still covers the bytes it came from.

use crate::span::Span;
use std::ops::Range;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    /// Start of the piece in the output text; it ends where the next starts.
    out: usize,
    src_start: usize,
    src_end: usize,
    linear: bool,
}

/// A string plus the map from its bytes to the original input's bytes.
///
/// Shared: a pass that changes nothing returns its input, and a clone
/// costs a count, not a copy of the text and its map.
#[derive(Debug, Clone, Default)]
pub struct Text(Arc<Mapped>);

#[derive(Debug, Default)]
struct Mapped {
    text: String,
    pieces: Vec<Piece>,
}

impl Text {
    fn new(text: String, pieces: Vec<Piece>) -> Text {
        Text(Arc::new(Mapped { text, pieces }))
    }

    /// Text that is its own source (byte `i` comes from byte `i`).
    pub fn identity(text: impl Into<String>) -> Text {
        let text = text.into();
        let pieces = if text.is_empty() {
            Vec::new()
        } else {
            vec![Piece {
                out: 0,
                src_start: 0,
                src_end: text.len(),
                linear: true,
            }]
        };
        Text::new(text, pieces)
    }

    /// The text itself.
    pub fn as_str(&self) -> &str {
        &self.0.text
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.0.text.len()
    }

    /// True for the empty text.
    pub fn is_empty(&self) -> bool {
        self.0.text.is_empty()
    }

    /// The original bytes a range of this text came from. Ranges outside
    /// the text are clamped; an empty range maps to an empty span.
    pub fn source_span(&self, range: Range<usize>) -> Span {
        let start = range.start.min(self.0.text.len());
        let end = range.end.clamp(start, self.0.text.len());
        hull(&self.0.pieces, self.0.text.len(), start, end)
    }

    /// Rewrite the text. The closure reads the current text through the
    /// builder and emits the new one; the map is composed automatically.
    pub fn edit(&self, f: impl FnOnce(&mut Builder<'_>)) -> Text {
        let mut b = Builder::new(&self.0.text);
        f(&mut b);
        // Most passes change nothing in most texts: then the map stays.
        if b.unchanged() {
            return self.clone();
        }
        let (text, local) = b.finish();
        let pieces = compose(&self.0.pieces, self.0.text.len(), &local);
        Text::new(text, pieces)
    }

    /// Build a text whose source is a byte buffer that is not a string
    /// (decoding): `chunks` are `(output, source range)` pairs in order.
    pub(crate) fn from_chunks<'a>(
        chunks: impl IntoIterator<Item = (Chunk<'a>, Range<usize>)>,
    ) -> Text {
        let mut text = String::new();
        let mut pieces: Vec<Piece> = Vec::new();
        for (chunk, src) in chunks {
            let out = text.len();
            match chunk {
                Chunk::Same(s) => {
                    text.push_str(s);
                    push_piece(
                        &mut pieces,
                        Piece {
                            out,
                            src_start: src.start,
                            src_end: src.end,
                            linear: true,
                        },
                    );
                }
                Chunk::Char(c) => {
                    text.push(c);
                    push_piece(
                        &mut pieces,
                        Piece {
                            out,
                            src_start: src.start,
                            src_end: src.end,
                            linear: false,
                        },
                    );
                }
            }
        }
        Text::new(text, pieces)
    }
}

/// A decoded chunk handed to [`Text::from_chunks`].
pub(crate) enum Chunk<'a> {
    /// Output bytes equal in number and order to the source bytes.
    Same(&'a str),
    /// One character decoded from a source range of any length.
    Char(char),
}

/// Emits a new text while reading the old one; see [`Text::edit`].
///
/// Until the first edit, copies of the input's head from its start are
/// only counted, not made: a pass that changes nothing costs its scan.
pub struct Builder<'a> {
    input: &'a str,
    /// `input[..head]` is the output so far, not yet copied into `out`
    /// (while `out` and `pieces` are empty).
    head: usize,
    out: String,
    pieces: Vec<Piece>,
}

impl<'a> Builder<'a> {
    fn new(input: &'a str) -> Self {
        Builder {
            input,
            head: 0,
            out: String::new(),
            pieces: Vec::new(),
        }
    }

    /// The text being rewritten.
    pub fn input(&self) -> &'a str {
        self.input
    }

    /// What has been emitted so far.
    pub fn output(&self) -> &str {
        if self.pieces.is_empty() {
            self.input.get(..self.head).unwrap_or("")
        } else {
            &self.out
        }
    }

    /// Whether the output so far is the whole input, unchanged.
    fn unchanged(&self) -> bool {
        self.pieces.is_empty() && self.head == self.input.len()
    }

    /// Make the counted head a real copy, before anything else is emitted.
    fn materialize(&mut self) {
        if self.pieces.is_empty() {
            self.out.reserve(self.input.len());
            let head = std::mem::take(&mut self.head);
            if head > 0 {
                self.push_copy(0..head);
            }
        }
    }

    /// Copy `input[range]` unchanged. A range that is not on character
    /// boundaries is ignored (callers compute ranges from the input itself).
    pub fn copy(&mut self, range: Range<usize>) {
        // A range off char boundaries would be a caller's bug; it is
        // dropped rather than panicking.
        if range.is_empty() || self.input.get(range.clone()).is_none() {
            return;
        }
        if self.pieces.is_empty() && range.start == self.head {
            self.head = range.end;
            return;
        }
        self.materialize();
        self.push_copy(range);
    }

    fn push_copy(&mut self, range: Range<usize>) {
        let Some(s) = self.input.get(range.clone()) else {
            return;
        };
        let out = self.out.len();
        self.out.push_str(s);
        push_piece(
            &mut self.pieces,
            Piece {
                out,
                src_start: range.start,
                src_end: range.end,
                linear: true,
            },
        );
    }

    /// Emit `s` in place of `input[src]` (which may be empty: an insertion).
    pub fn replace(&mut self, s: &str, src: Range<usize>) {
        if s.is_empty() {
            return;
        }
        self.materialize();
        let out = self.out.len();
        self.out.push_str(s);
        let start = src.start.min(src.end);
        push_piece(
            &mut self.pieces,
            Piece {
                out,
                src_start: start,
                src_end: src.end.max(start),
                linear: false,
            },
        );
    }

    /// Emit `s` with no source of its own, anchored at input offset `at`.
    pub fn insert(&mut self, s: &str, at: usize) {
        self.replace(s, at..at);
    }

    fn finish(mut self) -> (String, Vec<Piece>) {
        self.materialize();
        (self.out, self.pieces)
    }
}

/// Append a piece, merging with the previous one when both are linear and
/// contiguous in the source, so unedited stretches stay one piece.
fn push_piece(pieces: &mut Vec<Piece>, p: Piece) {
    if let Some(last) = pieces.last_mut() {
        if last.linear && p.linear && last.src_end == p.src_start {
            last.src_end = p.src_end;
            return;
        }
        if last.out == p.out {
            // The previous piece emitted nothing; replace it.
            *last = p;
            return;
        }
    }
    pieces.push(p);
}

fn piece_end(pieces: &[Piece], i: usize, len: usize) -> usize {
    pieces.get(i + 1).map_or(len, |n| n.out)
}

/// Index of the piece containing output offset `at` (the last piece when
/// `at` is the end of the text).
fn piece_at(pieces: &[Piece], at: usize) -> Option<usize> {
    let i = pieces.partition_point(|p| p.out <= at);
    i.checked_sub(1)
}

/// Map the output range `[start, end)` to the hull of its source bytes.
fn hull(pieces: &[Piece], len: usize, start: usize, end: usize) -> Span {
    if pieces.is_empty() {
        return Span::new(start, end);
    }
    if start == end {
        let p = point(pieces, len, start);
        return Span::new(p, p);
    }
    let mut lo = usize::MAX;
    let mut hi = 0;
    let mut i = piece_at(pieces, start).unwrap_or(0);
    while let Some(p) = pieces.get(i) {
        if p.out >= end {
            break;
        }
        let pe = piece_end(pieces, i, len);
        let a = start.max(p.out);
        let b = end.min(pe);
        if a < b {
            let (s, e) = if p.linear {
                (p.src_start + (a - p.out), p.src_start + (b - p.out))
            } else {
                (p.src_start, p.src_end)
            };
            lo = lo.min(s);
            hi = hi.max(e);
        }
        i += 1;
    }
    if lo == usize::MAX {
        let p = point(pieces, len, start);
        return Span::new(p, p);
    }
    Span::new(lo, hi)
}

/// Map a single output offset to a source offset.
fn point(pieces: &[Piece], len: usize, at: usize) -> usize {
    let Some(i) = piece_at(pieces, at) else {
        return at;
    };
    let Some(p) = pieces.get(i) else { return at };
    let pe = piece_end(pieces, i, len);
    if p.linear {
        (p.src_start + (at - p.out)).min(p.src_end)
    } else if at >= pe {
        p.src_end
    } else {
        p.src_start
    }
}

/// Compose `outer` (new text -> old text) with `inner` (old text ->
/// original) into new text -> original.
fn compose(inner: &[Piece], inner_len: usize, outer: &[Piece]) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(outer.len());
    for op in outer {
        if !op.linear || inner.is_empty() {
            let h = hull(inner, inner_len, op.src_start, op.src_end);
            push_piece(
                &mut out,
                Piece {
                    out: op.out,
                    src_start: h.start,
                    src_end: h.end,
                    linear: false,
                },
            );
            continue;
        }
        let (s, e) = (op.src_start, op.src_end);
        let mut j = piece_at(inner, s).unwrap_or(0);
        while let Some(ip) = inner.get(j) {
            if ip.out >= e {
                break;
            }
            let ipe = piece_end(inner, j, inner_len);
            let a = s.max(ip.out);
            let b = e.min(ipe);
            if a < b {
                let out_at = op.out + (a - s);
                let piece = if ip.linear {
                    Piece {
                        out: out_at,
                        src_start: ip.src_start + (a - ip.out),
                        src_end: ip.src_start + (b - ip.out),
                        linear: true,
                    }
                } else {
                    Piece {
                        out: out_at,
                        src_start: ip.src_start,
                        src_end: ip.src_end,
                        linear: false,
                    }
                };
                push_piece(&mut out, piece);
            }
            j += 1;
        }
    }
    out
}

// ---- small scanners over text, shared by the segmenter and the rules ----

/// `char::to_lowercase`'s first character, answered without Unicode's
/// tables for ASCII, Cyrillic and punctuation: lower-casing every word was
/// a tenth of a parse.
#[inline]
pub fn lower(c: char) -> char {
    lower_fast(c).unwrap_or_else(|| c.to_lowercase().next().unwrap_or(c))
}

/// [`lower`] where no table is needed; `None` elsewhere.
#[inline]
fn lower_fast(c: char) -> Option<char> {
    let u = u32::from(c);
    let mapped = match u {
        0x41..=0x5A | 0x0410..=0x042F => u + 0x20,
        0x00..=0xBF | 0x2000..=0x206F => u,
        0x0400..=0x040F => u + 0x50,
        0x0430..=0x045F | 0x0482..=0x0489 | 0x04CF => u,
        // Upper case on even code points, lower on the odd one after.
        0x0460..=0x0481 | 0x048A..=0x04BF | 0x04D0..=0x052F => u | 1,
        0x04C0 => 0x04CF,
        // Here the pairs start on odd code points.
        0x04C1..=0x04CE => u + (u & 1),
        _ => return None,
    };
    char::from_u32(mapped)
}

/// A letter as the lexicon compares it: lower case, and `е` for `ё`.
#[inline]
pub fn fold(c: char) -> char {
    match lower(c) {
        'ё' => 'е',
        l => l,
    }
}

/// `s` in lower case, into `buf` (emptied first): `str::to_lowercase`
/// without a new allocation per word.
pub fn lower_into<'a>(s: &str, buf: &'a mut String) -> &'a str {
    buf.clear();
    for c in s.chars() {
        match lower_fast(c) {
            Some(l) => buf.push(l),
            // Possibly more than one character (`İ`).
            None => buf.extend(c.to_lowercase()),
        }
    }
    buf
}

/// `char::is_alphabetic`, answered without Unicode's tables for ASCII and
/// Cyrillic, which is nearly every character of an act: the tables' lookup
/// dominated normalization of large files.
#[inline]
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if ('\u{0400}'..='\u{04FF}').contains(&c) {
        // Cyrillic, minus the signs and marks that are not letters.
        !matches!(c, '\u{0482}'..='\u{0489}')
    } else if is_punctuation(c) {
        false
    } else {
        c.is_alphabetic()
    }
}

/// The punctuation acts use outside ASCII (dashes, quotes, `…`, `№`): no
/// letter and no digit, answered without the tables.
#[inline]
fn is_punctuation(c: char) -> bool {
    matches!(
        c,
        '\u{2000}'..='\u{206F}' | '\u{2116}' | '«' | '»' | '\u{A0}'
    )
}

/// `char::is_alphanumeric`, with [`is_letter`]'s fast path.
#[inline]
pub fn is_letter_or_digit(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if is_punctuation(c) {
        false
    } else {
        is_letter(c) || c.is_numeric()
    }
}

/// The largest char boundary of `s` at or below `at`.
pub fn floor_char_boundary(s: &str, at: usize) -> usize {
    if at >= s.len() {
        return s.len();
    }
    (0..=at).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0)
}

/// Start offsets of the words of `s` (after whitespace or at the start).
pub fn word_starts(s: &str) -> impl Iterator<Item = usize> + '_ {
    let mut prev_space = true;
    s.char_indices().filter_map(move |(i, c)| {
        let start = prev_space && !c.is_whitespace();
        prev_space = c.is_whitespace();
        start.then_some(i)
    })
}

/// How far a quoted title may run: titles are lines, not pages.
const MAX_QUOTED: usize = 8 * 1024;

/// A quoted title at the start of `s`: the inner range and the length
/// including quotes. Nested quotes balance (`"О внесении … "Об
/// утверждении …""`). A title whose nesting never closes (exports often
/// drop one closing quote) ends at its last closing quote; one with none
/// runs to the end of `s`.
pub fn quoted(s: &str) -> Option<(Range<usize>, usize)> {
    if !s.starts_with('"') {
        return None;
    }
    let window = s.get(..floor_char_boundary(s, MAX_QUOTED)).unwrap_or(s);
    let mut depth = 1;
    let mut prev = '"';
    let mut last_close = None;
    for (i, c) in window.char_indices().skip(1) {
        if c == '"' {
            let next = window.get(i + 1..).and_then(|r| r.chars().next());
            let opening = (prev == ' ' || prev == '(') && next.is_some_and(|n| n.is_alphanumeric());
            if opening {
                depth += 1;
            } else {
                depth -= 1;
                last_close = Some(i);
                if depth == 0 {
                    return Some((1..i, i + 1));
                }
            }
        }
        prev = c;
    }
    if let Some(i) = last_close {
        return Some((1..i, i + 1));
    }
    let inner = window.trim_end();
    (inner.len() > 1).then_some((1..inner.len(), inner.len()))
}

/// Service names compared as words (quotes, case and spacing aside).
pub fn same_service(a: &str, b: &str) -> bool {
    let words = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    words(a) == words(b)
}

#[cfg(test)]
mod tests {

    /// The fast path agrees with Unicode's tables wherever it answers.
    #[test]
    fn lower_agrees_with_unicode() {
        for c in (0u32..0x2100).filter_map(char::from_u32) {
            if let Some(l) = lower_fast(c) {
                assert_eq!(
                    Some(l),
                    c.to_lowercase().next(),
                    "{c:?} U+{:04X}",
                    u32::from(c)
                );
                assert_eq!(c.to_lowercase().count(), 1, "{c:?}");
            }
        }
        let mut buf = String::new();
        assert_eq!(
            lower_into("ҚазАҚ İ Ёж", &mut buf),
            "ҚазАҚ İ Ёж".to_lowercase()
        );
        assert_eq!(fold('Ё'), 'е');
    }

    #[test]
    fn the_fast_letter_tests_agree_with_unicode() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    use super::*;

    fn slice(src: &str, s: Span) -> &str {
        src.get(s.range()).unwrap_or("<bad span>")
    }

    #[test]
    fn identity_maps_to_itself() {
        let t = Text::identity("абв где");
        assert_eq!(t.source_span(2..4), Span::new(2, 4));
    }

    #[test]
    fn edits_compose_back_to_the_original() {
        let src = "a  «quoted»  b";
        let t = Text::identity(src);
        // Pass 1: guillemets become straight quotes.
        let t = t.edit(|b| {
            let input = b.input();
            for (i, c) in input.char_indices() {
                let r = i..i + c.len_utf8();
                match c {
                    '«' | '»' => b.replace("\"", r),
                    _ => b.copy(r),
                }
            }
        });
        assert_eq!(t.as_str(), "a  \"quoted\"  b");
        // Pass 2: collapse double spaces.
        let t = t.edit(|b| {
            let input = b.input();
            let mut prev_space = false;
            for (i, c) in input.char_indices() {
                let space = c == ' ';
                if !(space && prev_space) {
                    b.copy(i..i + 1);
                }
                prev_space = space;
            }
        });
        assert_eq!(t.as_str(), "a \"quoted\" b");
        let q = t.as_str().find("quoted").unwrap_or(0);
        assert_eq!(slice(src, t.source_span(q..q + 6)), "quoted");
        // The quote maps to the whole two-byte guillemet.
        assert_eq!(slice(src, t.source_span(q - 1..q)), "«");
        assert_eq!(slice(src, t.source_span(0..t.len())), src);
    }

    #[test]
    fn moved_words_map_to_their_hull() {
        let src = "силу  акимата постановлением";
        let t = Text::identity(src);
        let word = src.find("постановлением").unwrap_or(0);
        let hole = src.find("  ").unwrap_or(0) + 1;
        let t = t.edit(|b| {
            b.copy(0..hole);
            b.copy(word..src.len());
            b.copy(hole..word - 1);
        });
        assert_eq!(t.as_str(), "силу постановлением акимата");
        let s = t.source_span(0..t.len());
        assert_eq!(s, Span::new(0, src.len()));
        let w = t.as_str().find("постановлением").unwrap_or(0);
        assert_eq!(
            slice(src, t.source_span(w..w + "постановлением".len())),
            "постановлением"
        );
    }

    #[test]
    fn insertions_map_to_a_point() {
        let t = Text::identity("ab").edit(|b| {
            b.copy(0..1);
            b.insert(" ", 1);
            b.copy(1..2);
        });
        assert_eq!(t.as_str(), "a b");
        assert_eq!(t.source_span(1..2), Span::new(1, 1));
        assert_eq!(t.source_span(0..3), Span::new(0, 2));
    }

    #[test]
    fn out_of_range_is_clamped() {
        let t = Text::identity("abc");
        assert_eq!(t.source_span(2..99), Span::new(2, 3));
        assert_eq!(t.source_span(99..100), Span::new(3, 3));
    }
}
