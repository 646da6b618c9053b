//! The provision tree: the blocks the segmenter placed (the act's
//! operative part, a regulation's chapters and points) nested as
//! chapter › article › point › subpoint › paragraph.
//!
//! Invariant: every block given becomes the own text of exactly one node,
//! and a depth-first walk of the tree meets them in the order given.
//! Unnumbered paragraphs belong to the point they follow (an amendment
//! says «абзац второй пункта 5»), not to its last subpoint.

use super::regulation::Regulation;
use super::{Block, Class, chapter_heading};
use crate::grammar::Grammar;
use crate::numbering::{Mark, item_number};
use crate::record::StructureUnit;
use crate::record::{Provision, ProvisionUnit};
use crate::span::Spanned;
use crate::text::Text;
use std::ops::Range;

/// The act's operative part as a tree.
pub fn operative(n: &Text, blocks: &[(Block, Class)], g: &Grammar) -> Vec<Provision> {
    let mut tree = Builder::new(n, g);
    for (block, class) in blocks {
        tree.add(block, class);
    }
    tree.finish()
}

/// A regulation's text after its title as a tree.
pub fn regulation(n: &Text, r: &Regulation, g: &Grammar) -> Vec<Provision> {
    let mut tree = Builder::new(n, g);
    for c in &r.chapters {
        if let Some(h) = &c.heading {
            tree.add(h, &Class::Chapter);
        }
        for (block, class) in &c.loose {
            tree.add(block, class);
        }
        for p in &c.points {
            tree.add(&p.head, &Class::Point);
            for (block, class) in &p.items {
                tree.add(block, class);
            }
        }
    }
    tree.finish()
}

/// How deep a unit nests.
fn depth(u: ProvisionUnit) -> u8 {
    match u {
        ProvisionUnit::Chapter => 0,
        ProvisionUnit::Article => 1,
        ProvisionUnit::Point => 2,
        ProvisionUnit::Subpoint => 3,
        ProvisionUnit::Paragraph => 4,
    }
}

/// Whether a `child` may sit inside an open `parent`: a chapter only at
/// the top, an article in a chapter, a point in an article or chapter,
/// subpoints and loose paragraphs in a point (or higher).
fn may_hold(parent: ProvisionUnit, child: ProvisionUnit) -> bool {
    let deepest = match child {
        ProvisionUnit::Chapter => return false,
        ProvisionUnit::Article => ProvisionUnit::Chapter,
        ProvisionUnit::Point => ProvisionUnit::Article,
        ProvisionUnit::Subpoint | ProvisionUnit::Paragraph => ProvisionUnit::Point,
    };
    depth(parent) <= depth(deepest)
}

/// Builds a tree from blocks in document order with a stack of open nodes.
struct Builder<'a> {
    n: &'a Text,
    g: &'a Grammar,
    open: Vec<Provision>,
    roots: Vec<Provision>,
}

impl<'a> Builder<'a> {
    fn new(n: &'a Text, g: &'a Grammar) -> Self {
        Builder {
            n,
            g,
            open: Vec::new(),
            roots: Vec::new(),
        }
    }

    fn text(&self, r: Range<usize>) -> &'a str {
        self.n.as_str().get(r).unwrap_or("")
    }

    fn spanned(&self, value: String, r: Range<usize>) -> Spanned<String> {
        Spanned::new(value, self.n.source_span(r))
    }

    fn add(&mut self, block: &Block, class: &Class) {
        let node = self.node(block, class);
        while self
            .open
            .last()
            .is_some_and(|top| !may_hold(top.unit, node.unit))
        {
            self.close();
        }
        self.open.push(node);
    }

    /// Close the innermost open node into its parent (or the roots).
    fn close(&mut self) {
        let Some(mut node) = self.open.pop() else {
            return;
        };
        node.span = node
            .children
            .iter()
            .fold(node.text.span, |s, c| s.cover(c.span));
        match self.open.last_mut() {
            Some(parent) => parent.children.push(node),
            None => self.roots.push(node),
        }
    }

    fn finish(mut self) -> Vec<Provision> {
        while !self.open.is_empty() {
            self.close();
        }
        self.roots
    }

    /// The node a block makes, by its class and its label.
    fn node(&self, block: &Block, class: &Class) -> Provision {
        let r = block.range.clone();
        let s = self.text(r.clone());
        let labelled = match class {
            Class::Chapter => self.chapter(s, r.start),
            Class::Point => self.numbered(s, r.start, ProvisionUnit::Point),
            Class::Subpoint => self.numbered(s, r.start, ProvisionUnit::Subpoint),
            _ => self.article(s, r.start),
        };
        let (unit, number, heading) = labelled.unwrap_or((ProvisionUnit::Paragraph, None, None));
        let text = self.spanned(s.split_whitespace().collect::<Vec<_>>().join(" "), r);
        Provision {
            unit,
            number,
            heading,
            span: text.span,
            text,
            children: Vec::new(),
        }
    }

    /// "5. …", "1) …": the number as written.
    fn numbered(&self, s: &str, at: usize, unit: ProvisionUnit) -> Option<Labelled> {
        let (_, n) = item_number(self.g, s).ok()?;
        let written = n.label;
        Some((
            unit,
            Some(self.spanned(written.to_string(), at..at + written.len())),
            None,
        ))
    }

    /// "Глава 2. …", "1. Общие положения", "2-тарау. …": its number and
    /// its heading.
    fn chapter(&self, s: &str, at: usize) -> Option<Labelled> {
        let num = chapter_heading(s, self.g)?;
        let digits = s.get(num.clone())?;
        let label_end = s
            .get(num.start..)
            .and_then(|from| item_number(self.g, from).ok())
            .map_or(num.end, |(_, n)| num.start + n.len);
        Some((
            ProvisionUnit::Chapter,
            Some(self.spanned(digits.to_string(), at + num.start..at + num.end)),
            self.heading(s, at, label_end),
        ))
    }

    /// "Статья 1. …" / "1-бап. …": an article, numbered with a dot.
    fn article(&self, s: &str, at: usize) -> Option<Labelled> {
        let (num_at, n) = match self.g.structure.at_start(s) {
            Some((StructureUnit::Article, len)) => {
                let rest = s.get(len..)?;
                let from = len + (rest.len() - rest.trim_start().len());
                let (_, n) = item_number(self.g, s.get(from..)?).ok()?;
                (n.mark == Mark::Dot).then_some((from, n))?
            }
            _ => {
                let (_, n) = item_number(self.g, s).ok()?;
                (n.mark == Mark::Unit(StructureUnit::Article)).then_some((0, n))?
            }
        };
        let digits = n.digits;
        Some((
            ProvisionUnit::Article,
            Some(self.spanned(digits.to_string(), at + num_at..at + num_at + digits.len())),
            self.heading(s, at, num_at + n.len),
        ))
    }

    /// What follows a label: ". Общие положения" -> "Общие положения".
    fn heading(&self, s: &str, at: usize, label_end: usize) -> Option<Spanned<String>> {
        let rest = s.get(label_end..)?;
        let body = rest.trim_start_matches(['.', ' ', '\n']);
        let start = label_end + (rest.len() - body.len());
        let body = body.trim_end();
        (!body.is_empty()).then(|| {
            self.spanned(
                body.split_whitespace().collect::<Vec<_>>().join(" "),
                at + start..at + start + body.len(),
            )
        })
    }
}

/// A unit, its number and its heading.
type Labelled = (
    ProvisionUnit,
    Option<Spanned<String>>,
    Option<Spanned<String>>,
);
