//! The structural address of each provision of a tree, as both languages
//! write it: the unit and the number, not the words («Глава 2» and
//! «2-тарау» are chapter 2; `1)` is subpoint 1; `5-1.` is point 5-1).
//!
//! Unnumbered paragraphs are addressed by their place among their
//! siblings (paragraph 1, 2, …); `matching` pairs them by their facts. A paragraph that opens with a chapter's
//! label (a heading the segmenter left inside a point) is read as that
//! chapter, so it still meets its counterpart.

use super::facts::label;
use crate::grammar::Grammar;
use crate::record::{Provision, ProvisionUnit, StructureUnit};
use std::collections::HashSet;

/// One step of an address: a unit and its number.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Step {
    /// The unit.
    pub unit: ProvisionUnit,
    /// Its number, digits and separators only (`2`, `5-1`); for a
    /// paragraph, its place among its siblings.
    pub number: String,
}

impl Step {
    /// `point 5-1`, `subpoint 3`, `paragraph 2`.
    pub fn render(&self) -> String {
        format!("{} {}", unit_name(self.unit), self.number)
    }
}

/// The name of a unit in a path.
fn unit_name(u: ProvisionUnit) -> &'static str {
    match u {
        ProvisionUnit::Chapter => "chapter",
        ProvisionUnit::Article => "article",
        ProvisionUnit::Point => "point",
        ProvisionUnit::Subpoint => "subpoint",
        ProvisionUnit::Paragraph => "paragraph",
    }
}

/// A provision with its address.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    /// The provision.
    pub node: &'a Provision,
    /// Its address from the root, chapters included.
    pub path: Vec<Step>,
    /// Bytes of its label at the start of its own text (0 for none).
    pub label_len: usize,
}

impl Entry<'_> {
    /// `chapter 2 / point 6 / subpoint 1`.
    pub fn render(&self) -> String {
        self.path
            .iter()
            .map(Step::render)
            .collect::<Vec<_>>()
            .join(" / ")
    }

    /// The key it is matched by. Points are numbered through a text's
    /// chapters, so with `drop_chapters` a chapter is left out of the
    /// address of the numbered provisions inside it: a point the other
    /// text places in another chapter still meets its counterpart.
    pub fn key(&self, drop_chapters: bool) -> Vec<Step> {
        if !drop_chapters || self.path.len() < 2 {
            return self.path.clone();
        }
        let mut out: Vec<Step> = Vec::new();
        let mut steps = self.path.iter().peekable();
        while let Some(s) = steps.next() {
            let numbered_next = steps
                .peek()
                .is_some_and(|n| matches!(n.unit, ProvisionUnit::Point | ProvisionUnit::Article));
            if s.unit == ProvisionUnit::Chapter && numbered_next {
                continue;
            }
            out.push(s.clone());
        }
        out
    }
}

/// Every provision of a tree, depth first, in document order, with its
/// address.
pub fn entries<'a>(g: &Grammar, tree: &'a [Provision]) -> Vec<Entry<'a>> {
    let mut out = Vec::new();
    walk(g, tree, &[], &mut out);
    out
}

fn walk<'a>(g: &Grammar, nodes: &'a [Provision], prefix: &[Step], out: &mut Vec<Entry<'a>>) {
    let mut paragraphs = 0usize;
    for node in nodes {
        let (step, label_len) = step_of(g, node, &mut paragraphs);
        // A chapter stands at the top, wherever the tree put its heading.
        let path = if step.unit == ProvisionUnit::Chapter {
            vec![step]
        } else {
            let mut p = prefix.to_vec();
            p.push(step);
            p
        };
        out.push(Entry {
            node,
            path: path.clone(),
            label_len,
        });
        walk(g, &node.children, &path, out);
    }
}

/// The step of one node; `paragraphs` counts the unnumbered ones among its
/// siblings so far.
fn step_of(g: &Grammar, node: &Provision, paragraphs: &mut usize) -> (Step, usize) {
    let text = node.text.value.as_str();
    if let Some(n) = &node.number {
        let len = label(g, text).map_or(0, |l| l.len);
        let step = Step {
            unit: node.unit,
            number: crate::numbering::key(&n.value),
        };
        return (step, len);
    }
    if let Some(l) = label(g, text)
        && l.unit == Some(StructureUnit::Chapter)
    {
        let step = Step {
            unit: ProvisionUnit::Chapter,
            number: l.number,
        };
        return (step, l.len);
    }
    *paragraphs += 1;
    let step = Step {
        unit: node.unit,
        number: paragraphs.to_string(),
    };
    (step, 0)
}

/// Whether every key of `entries` is different.
pub fn unique(entries: &[Entry<'_>], drop_chapters: bool) -> bool {
    let mut seen = HashSet::new();
    entries.iter().all(|e| seen.insert(e.key(drop_chapters)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::{Span, Spanned};

    fn node(unit: ProvisionUnit, number: Option<&str>, text: &str) -> Provision {
        Provision {
            unit,
            number: number.map(|n| Spanned::new(n.to_string(), Span::default())),
            heading: None,
            text: Spanned::new(text.to_string(), Span::default()),
            span: Span::default(),
            children: Vec::new(),
        }
    }

    fn paths(tree: &[Provision], drop: bool) -> Vec<String> {
        let g = crate::grammar::for_tests();
        entries(g, tree)
            .iter()
            .map(|e| {
                e.key(drop)
                    .iter()
                    .map(Step::render)
                    .collect::<Vec<_>>()
                    .join(" / ")
            })
            .collect()
    }

    #[test]
    fn labels_are_normalised() {
        use ProvisionUnit::*;
        let mut ch = node(Chapter, Some("2"), "2-тарау. Сипаттама");
        let mut p = node(Point, Some("5-1"), "5-1. Текст");
        p.children = vec![
            node(Subpoint, Some("1)"), "1) бір"),
            node(Paragraph, None, "азатжол"),
            node(Paragraph, None, "тағы"),
        ];
        ch.children = vec![p];
        assert_eq!(
            paths(std::slice::from_ref(&ch), false),
            [
                "chapter 2",
                "chapter 2 / point 5-1",
                "chapter 2 / point 5-1 / subpoint 1",
                "chapter 2 / point 5-1 / paragraph 1",
                "chapter 2 / point 5-1 / paragraph 2",
            ]
        );
        assert_eq!(
            paths(&[ch], true),
            [
                "chapter 2",
                "point 5-1",
                "point 5-1 / subpoint 1",
                "point 5-1 / paragraph 1",
                "point 5-1 / paragraph 2",
            ]
        );
    }

    #[test]
    fn a_chapter_heading_left_in_a_point_is_a_chapter() {
        use ProvisionUnit::*;
        let mut p = node(Point, Some("5"), "5. Нәтижесі");
        p.children = vec![
            node(Paragraph, None, "2-тарау. Сипаттама"),
            node(Paragraph, None, "азатжол"),
        ];
        assert_eq!(
            paths(&[p], false),
            ["point 5", "chapter 2", "point 5 / paragraph 1"]
        );
    }

    #[test]
    fn a_paragraph_of_a_chapter_keeps_its_chapter() {
        use ProvisionUnit::*;
        let mut ch = node(Chapter, Some("1"), "Глава 1. Общие");
        ch.children = vec![node(Paragraph, None, "текст")];
        assert_eq!(paths(&[ch], true), ["chapter 1", "chapter 1 / paragraph 1"]);
    }
}
