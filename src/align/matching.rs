//! Which provision of `b` is the counterpart of each provision of `a`, and
//! the order the pairs are shown in.
//!
//! Numbered provisions meet by their key (`path`). Unnumbered paragraphs
//! have no number to meet by: those of one parent are aligned as two
//! sequences (the best sum of scores, as `diff` aligns lines), a pair
//! scoring more when its facts agree, so one paragraph more on one side
//! does not shift every paragraph after it onto the wrong counterpart.

use super::facts::Facts;
use super::path::{Entry, Step};
use crate::record::ProvisionUnit;
use std::collections::{HashMap, VecDeque};

/// An entry of `a`, of `b`, or of both, by index.
pub type Slot = (Option<usize>, Option<usize>);

/// For each entry of `a`, the index of its counterpart in `b`.
pub fn partners(
    ea: &[Entry<'_>],
    eb: &[Entry<'_>],
    fa: &[Facts],
    fb: &[Facts],
    drop: bool,
) -> Vec<Option<usize>> {
    let mut partner: Vec<Option<usize>> = vec![None; ea.len()];
    // Numbered provisions (and chapters read from a heading), by key.
    let mut by_key: HashMap<Vec<Step>, VecDeque<usize>> = HashMap::new();
    for (j, e) in eb.iter().enumerate().filter(|(_, e)| !is_paragraph(e)) {
        by_key.entry(e.key(drop)).or_default().push_back(j);
    }
    for (i, e) in ea.iter().enumerate().filter(|(_, e)| !is_paragraph(e)) {
        if let Some(slot) = partner.get_mut(i) {
            *slot = by_key.get_mut(&e.key(drop)).and_then(VecDeque::pop_front);
        }
    }
    // Paragraphs, parent by parent.
    let pa = paragraphs(ea, drop);
    let pb = paragraphs(eb, drop);
    for (parent, xs) in &pa {
        let Some(ys) = pb.get(parent) else { continue };
        let score = |x: usize, y: usize| match (
            xs.get(x).and_then(|&i| fa.get(i)),
            ys.get(y).and_then(|&j| fb.get(j)),
        ) {
            (Some(a), Some(b)) => similarity(a, b),
            _ => 0,
        };
        for (x, y) in best_pairs(xs.len(), ys.len(), score) {
            if let (Some(&i), Some(&j)) = (xs.get(x), ys.get(y))
                && let Some(slot) = partner.get_mut(i)
            {
                *slot = Some(j);
            }
        }
    }
    partner
}

fn is_paragraph(e: &Entry<'_>) -> bool {
    e.path
        .last()
        .is_some_and(|s| s.unit == ProvisionUnit::Paragraph)
}

/// The paragraphs of each parent (by the parent's key), in order.
fn paragraphs(entries: &[Entry<'_>], drop: bool) -> HashMap<Vec<Step>, Vec<usize>> {
    let mut out: HashMap<Vec<Step>, Vec<usize>> = HashMap::new();
    for (i, e) in entries.iter().enumerate().filter(|(_, e)| is_paragraph(e)) {
        let mut parent = e.key(drop);
        parent.pop();
        out.entry(parent).or_default().push(i);
    }
    out
}

/// How well two paragraphs' facts agree: the same facts (some) best, the
/// same none next, different facts least, but still a pair rather than
/// two provisions missing.
fn similarity(a: &Facts, b: &Facts) -> u32 {
    let same = super::facts::same(&a.durations, &b.durations)
        && super::facts::same(&a.dates, &b.dates)
        && super::facts::same(&a.numbers, &b.numbers);
    let empty = a.durations.is_empty() && a.dates.is_empty() && a.numbers.is_empty();
    match (same, empty) {
        (true, false) => 3,
        (true, true) => 2,
        (false, _) => 1,
    }
}

/// The most cells [`best_pairs`] fills (4 MB): two runs of a thousand
/// paragraphs under one parent. Beyond it, paragraphs pair by place.
const MAX_CELLS: usize = 1_000_000;

/// The pairs `(x, y)`, increasing in both, of the largest total score
/// (`n` by `m` items, a gap scoring nothing).
pub fn best_pairs(n: usize, m: usize, score: impl Fn(usize, usize) -> u32) -> Vec<(usize, usize)> {
    let width = m + 1;
    if (n + 1).saturating_mul(width) > MAX_CELLS {
        return (0..n.min(m)).map(|k| (k, k)).collect();
    }
    // best[x * width + y]: the best total over a[x..] and b[y..].
    let mut best = vec![0u32; (n + 1) * width];
    let at = |best: &[u32], x: usize, y: usize| best.get(x * width + y).copied().unwrap_or(0);
    for x in (0..n).rev() {
        for y in (0..m).rev() {
            let v = (score(x, y) + at(&best, x + 1, y + 1))
                .max(at(&best, x + 1, y))
                .max(at(&best, x, y + 1));
            if let Some(cell) = best.get_mut(x * width + y) {
                *cell = v;
            }
        }
    }
    let (mut x, mut y, mut out) = (0, 0, Vec::new());
    while x < n && y < m {
        let here = at(&best, x, y);
        if score(x, y) + at(&best, x + 1, y + 1) == here {
            out.push((x, y));
            x += 1;
            y += 1;
        } else if at(&best, x + 1, y) == here {
            x += 1;
        } else {
            y += 1;
        }
    }
    out
}

/// The slots in the order of `a`; an entry of `b` alone comes before the
/// first pair that follows it in `b`, the rest of `b` at the end.
pub fn order(partner: &[Option<usize>], nb: usize) -> Vec<Slot> {
    let mut taken = vec![false; nb];
    for j in partner.iter().flatten() {
        if let Some(t) = taken.get_mut(*j) {
            *t = true;
        }
    }
    let alone = |j: usize| !taken.get(j).copied().unwrap_or(true);
    let mut out = Vec::with_capacity(partner.len() + nb);
    let mut next_b = 0;
    for (i, j) in partner.iter().enumerate() {
        if let Some(j) = *j {
            // b's own provisions before this one come first.
            out.extend((next_b..j).filter(|&k| alone(k)).map(|k| (None, Some(k))));
            next_b = next_b.max(j + 1);
        }
        out.push((Some(i), *j));
    }
    out.extend((next_b..nb).filter(|&k| alone(k)).map(|k| (None, Some(k))));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_paragraph_more_does_not_shift_the_rest() {
        // a: A B C D, b: B C D; equal letters score 3, others 1.
        let a = ['A', 'B', 'C', 'D'];
        let b = ['B', 'C', 'D'];
        let score = |x: usize, y: usize| if a.get(x) == b.get(y) { 3 } else { 1 };
        assert_eq!(best_pairs(4, 3, score), [(1, 0), (2, 1), (3, 2)]);
    }

    #[test]
    fn too_many_paragraphs_pair_by_place() {
        let pairs = best_pairs(2000, 1500, |_, _| 1);
        assert_eq!(pairs.len(), 1500);
        assert_eq!(pairs.last(), Some(&(1499, 1499)));
    }

    #[test]
    fn different_paragraphs_still_pair() {
        assert_eq!(best_pairs(2, 2, |_, _| 1), [(0, 0), (1, 1)]);
        assert!(best_pairs(0, 3, |_, _| 1).is_empty());
    }

    #[test]
    fn b_alone_comes_before_the_next_pair() {
        // a0-b0, a1 alone, b1 alone, a2-b2.
        assert_eq!(
            order(&[Some(0), None, Some(2)], 4),
            [
                (Some(0), Some(0)),
                (Some(1), None),
                (None, Some(1)),
                (Some(2), Some(2)),
                (None, Some(3)),
            ]
        );
    }
}
