//! The provision tree: an act's text (or a regulation's) as nested
//! provisions, chapter › article › point › subpoint › paragraph, each with
//! its number as written, its own text and its span.
//!
//! The pipeline builds it once; consolidation, search, diff and export
//! read it. Invariant: every paragraph of the text it covers is the own
//! text of exactly one node, and a depth-first walk meets them in
//! document order.

use crate::span::{Span, Spanned};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The kind of a provision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProvisionUnit {
    /// глава / тарау: "Глава 2. …", "1. Общие положения", "2-тарау. …".
    Chapter,
    /// статья / бап: "Статья 1.", "1-бап.".
    Article,
    /// пункт / тармақ: "5. …", "5-1. …".
    Point,
    /// подпункт / тармақша: "1) …".
    Subpoint,
    /// абзац / азатжол: an unnumbered paragraph.
    Paragraph,
}

/// One provision and the provisions inside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Provision {
    /// What it is.
    pub unit: ProvisionUnit,
    /// Its number as written: `"5-1"`, `"3)"`, `"2.1"`; none for a
    /// paragraph.
    pub number: Option<Spanned<String>>,
    /// A chapter's or article's heading, without its number.
    pub heading: Option<Spanned<String>>,
    /// Its own normalized text, label included, without its children.
    pub text: Spanned<String>,
    /// The whole provision, children included.
    pub span: Span,
    /// The provisions inside it, in order.
    pub children: Vec<Provision>,
}

impl Provision {
    /// This node and every node inside it, depth first, in document order.
    pub fn walk(&self) -> Box<dyn Iterator<Item = &Provision> + '_> {
        Box::new(std::iter::once(self).chain(self.children.iter().flat_map(Provision::walk)))
    }
}
