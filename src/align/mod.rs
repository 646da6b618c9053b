//! Alignment of a Russian and a Kazakh text of one act or regulation, by
//! structure: chapter, article, point, subpoint and paragraph, matched by
//! their unit and number as written (`path`), never by their words.
//!
//! Unnumbered paragraphs, which have no number to meet by, are paired
//! parent by parent as two sequences (`matching`).
//!
//! Each pair is then checked for the facts a translation must keep:
//! durations, dates and the numbers written in digits (`facts`). A
//! provision on one side only, or a fact that differs, is flagged.
//!
//! Sits beside `diff` and `index`: reads records (and the registry to find
//! the two texts of an id); its output is plain data for the API. Never
//! fails: two trees always align, at worst into pairs of one side each.
//! Spans are byte spans of each side's own source file.

mod facts;
mod matching;
mod path;

use crate::grammar::Grammar;
use crate::record::{Document, Language, Provision, ProvisionUnit, Regulation};
use crate::registry::{Registry, act_key};
use crate::span::Span;
pub use facts::DurationValue;
use facts::{Facts, same};
use path::Entry;
use schemars::JsonSchema;
use serde::Serialize;

/// A text to align: its provision tree and what names it.
#[derive(Debug, Clone)]
pub struct Tree<'a> {
    /// The act's key ([`act_key`]: its work id), or the regulation's id.
    pub id: String,
    /// The text's language.
    pub language: Language,
    /// The source file its spans point into.
    pub path: &'a str,
    /// The provisions.
    pub provisions: &'a [Provision],
}

impl<'a> Tree<'a> {
    /// The act's own text of a document (its regulations left out).
    pub fn act(doc: &'a Document) -> Tree<'a> {
        Tree {
            id: act_key(doc),
            language: doc.language,
            path: &doc.source.path,
            provisions: &doc.provisions,
        }
    }

    /// A regulation of a document.
    pub fn regulation(doc: &'a Document, regulation: &'a Regulation) -> Tree<'a> {
        Tree {
            id: regulation.id.clone().unwrap_or_default(),
            language: regulation.language,
            path: &doc.source.path,
            provisions: &regulation.provisions,
        }
    }
}

/// One side of an alignment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Side {
    /// The act's work id, or the regulation's id.
    pub id: String,
    /// The text's language.
    pub language: Language,
    /// The source file its spans point into.
    pub path: String,
}

/// A provision of one side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Item {
    /// What it is, as the record says (a chapter heading the record holds
    /// as a paragraph stays a paragraph here; the pair's `path` says
    /// chapter).
    pub unit: ProvisionUnit,
    /// Its number as written (`5-1`, `3)`), none for a paragraph.
    pub number: Option<String>,
    /// Its own text, label included, without its children.
    pub text: String,
    /// Where its own text is in the side's source file.
    pub span: Span,
}

/// What differs in a pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Flag {
    /// The provision is missing in `a` (present in `b` only).
    MissingA,
    /// The provision is missing in `b` (present in `a` only).
    MissingB,
    /// The durations differ; each side's in its text order.
    Durations {
        /// In `a`.
        a: Vec<DurationValue>,
        /// In `b`.
        b: Vec<DurationValue>,
    },
    /// The dates differ (`YYYY-MM-DD`).
    Dates {
        /// In `a`.
        a: Vec<String>,
        /// In `b`.
        b: Vec<String>,
    },
    /// The numbers in digits differ (those of dates, durations and the
    /// provision's own label apart).
    Numbers {
        /// In `a`.
        a: Vec<String>,
        /// In `b`.
        b: Vec<String>,
    },
}

impl Flag {
    /// A fact that differs, as opposed to a provision missing.
    pub fn is_mismatch(&self) -> bool {
        !matches!(self, Flag::MissingA | Flag::MissingB)
    }
}

/// A provision and its counterpart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Pair {
    /// Its address: `chapter 2 / point 6 / subpoint 1` (as `a` places it,
    /// or `b` when missing in `a`). Numbers are digits only: `1)` is
    /// `subpoint 1`.
    pub path: String,
    /// The provision in `a`.
    pub a: Option<Item>,
    /// The provision in `b`.
    pub b: Option<Item>,
    /// What differs; empty when the pair agrees.
    pub flags: Vec<Flag>,
}

/// The counts of an alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
pub struct Summary {
    /// Pairs in all.
    pub pairs: usize,
    /// Pairs with both sides.
    pub matched: usize,
    /// Provisions missing in `a`.
    pub missing_a: usize,
    /// Provisions missing in `b`.
    pub missing_b: usize,
    /// Pairs with both sides whose facts differ.
    pub mismatched: usize,
}

/// Two texts aligned provision by provision, in document order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Alignment {
    /// The first text (usually Russian).
    pub a: Side,
    /// The second (usually Kazakh).
    pub b: Side,
    /// The pairs, in the order of `a`, each provision of `b` only placed
    /// before the next pair that follows it in `b`.
    pub pairs: Vec<Pair>,
    /// The counts.
    pub summary: Summary,
}

/// Align two provision trees.
pub fn align(a: &Tree<'_>, b: &Tree<'_>, g: &Grammar) -> Alignment {
    let ea = path::entries(g, a.provisions);
    let eb = path::entries(g, b.provisions);
    // Points numbered through the chapters are matched across them, unless
    // a text numbers them again in each chapter.
    let drop = path::unique(&ea, true) && path::unique(&eb, true);
    let fa: Vec<Facts> = ea.iter().map(|e| own_facts(g, e)).collect();
    let fb: Vec<Facts> = eb.iter().map(|e| own_facts(g, e)).collect();
    let partner = matching::partners(&ea, &eb, &fa, &fb, drop);
    let pairs: Vec<Pair> = matching::order(&partner, eb.len())
        .into_iter()
        .map(|(i, j)| pair(at(i, &ea, &fa), at(j, &eb, &fb)))
        .collect();
    Alignment {
        a: side(a),
        b: side(b),
        summary: summary(&pairs),
        pairs,
    }
}

/// Align the act texts of two documents (regulations left out).
pub fn documents(a: &Document, b: &Document, g: &Grammar) -> Alignment {
    align(&Tree::act(a), &Tree::act(b), g)
}

/// Align two regulations, each with the document it is in.
pub fn regulations(
    a: (&Document, &Regulation),
    b: (&Document, &Regulation),
    g: &Grammar,
) -> Alignment {
    align(&Tree::regulation(a.0, a.1), &Tree::regulation(b.0, b.1), g)
}

/// The text of `id` in `language`: the act text of a document whose act
/// key ([`act_key`]) is `id`, or a regulation whose id is `id`. The first
/// such text of the registry; none when it has none.
pub fn tree<'a>(registry: &'a Registry, id: &str, language: Language) -> Option<Tree<'a>> {
    registry
        .documents
        .iter()
        .filter(|d| d.language == language)
        .find_map(|d| tree_of(d, id))
}

/// The text of `id` in a document, if it holds one.
fn tree_of<'a>(doc: &'a Document, id: &str) -> Option<Tree<'a>> {
    if act_key(doc) == id {
        return Some(Tree::act(doc));
    }
    doc.regulations
        .iter()
        .find(|r| r.id.as_deref() == Some(id))
        .map(|r| Tree::regulation(doc, r))
}

/// The Russian and the Kazakh text of `id` (an act's work id or key, or a
/// regulation's id), when the registry has both.
pub fn counterparts<'a>(registry: &'a Registry, id: &str) -> Option<(Tree<'a>, Tree<'a>)> {
    Some((
        tree(registry, id, Language::Ru)?,
        tree(registry, id, Language::Kk)?,
    ))
}

/// A text [`by_ids`] could not find.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotFound {
    /// No Russian text has this id.
    #[error("no Russian text of {0}")]
    Russian(String),
    /// No Kazakh text has this id.
    #[error("no Kazakh text of {0}")]
    Kazakh(String),
}

/// Align the Russian text of `ru` with the Kazakh text of `kk` (act work
/// ids or keys, or regulation ids; usually one id twice), as
/// `GET /api/v1/align?a=&b=` asks.
pub fn by_ids(registry: &Registry, ru: &str, kk: &str, g: &Grammar) -> Result<Alignment, NotFound> {
    let a = tree(registry, ru, Language::Ru).ok_or_else(|| NotFound::Russian(ru.to_string()))?;
    let b = tree(registry, kk, Language::Kk).ok_or_else(|| NotFound::Kazakh(kk.to_string()))?;
    Ok(align(&a, &b, g))
}

fn side(t: &Tree<'_>) -> Side {
    Side {
        id: t.id.clone(),
        language: t.language,
        path: t.path.to_string(),
    }
}

/// Entry `i` of a side, with its facts.
fn at<'x, 'a>(
    i: Option<usize>,
    e: &'x [Entry<'a>],
    f: &'x [Facts],
) -> Option<(&'x Entry<'a>, &'x Facts)> {
    i.and_then(|i| Some((e.get(i)?, f.get(i)?)))
}

/// A pair with its flags.
fn pair(a: Option<(&Entry<'_>, &Facts)>, b: Option<(&Entry<'_>, &Facts)>) -> Pair {
    let path = a.or(b).map(|(e, _)| e.render()).unwrap_or_default();
    let flags = match (a, b) {
        (Some((_, fa)), Some((_, fb))) => compare(fa, fb),
        (Some(_), None) => vec![Flag::MissingB],
        (None, _) => vec![Flag::MissingA],
    };
    Pair {
        path,
        a: a.map(|(e, _)| item(e)),
        b: b.map(|(e, _)| item(e)),
        flags,
    }
}

fn item(e: &Entry<'_>) -> Item {
    Item {
        unit: e.node.unit,
        number: e.node.number.as_ref().map(|n| n.value.clone()),
        text: e.node.text.value.clone(),
        span: e.node.text.span,
    }
}

/// The facts of an entry's own text, its label left out.
fn own_facts(g: &Grammar, e: &Entry<'_>) -> Facts {
    let text = e.node.text.value.as_str();
    facts::facts(g, text.get(e.label_len..).unwrap_or(text))
}

/// The flags of two sets of facts.
fn compare(a: &Facts, b: &Facts) -> Vec<Flag> {
    let mut flags = Vec::new();
    if !same(&a.durations, &b.durations) {
        flags.push(Flag::Durations {
            a: a.durations.clone(),
            b: b.durations.clone(),
        });
    }
    if !same(&a.dates, &b.dates) {
        flags.push(Flag::Dates {
            a: a.dates.clone(),
            b: b.dates.clone(),
        });
    }
    if !same(&a.numbers, &b.numbers) {
        flags.push(Flag::Numbers {
            a: a.numbers.clone(),
            b: b.numbers.clone(),
        });
    }
    flags
}

fn summary(pairs: &[Pair]) -> Summary {
    let count = |f: &dyn Fn(&Pair) -> bool| pairs.iter().filter(|p| f(p)).count();
    Summary {
        pairs: pairs.len(),
        matched: count(&|p| p.a.is_some() && p.b.is_some()),
        missing_a: count(&|p| p.a.is_none()),
        missing_b: count(&|p| p.b.is_none()),
        mismatched: count(&|p| p.flags.iter().any(Flag::is_mismatch)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Spanned;

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

    fn tree<'a>(language: Language, provisions: &'a [Provision]) -> Tree<'a> {
        Tree {
            id: "x".into(),
            language,
            path: "x.txt",
            provisions,
        }
    }

    fn run(a: &[Provision], b: &[Provision]) -> Alignment {
        let g = crate::grammar::for_tests();
        align(&tree(Language::Ru, a), &tree(Language::Kk, b), g)
    }

    fn points(ns: &[(&str, &str)]) -> Vec<Provision> {
        ns.iter()
            .map(|(n, t)| node(ProvisionUnit::Point, Some(n), t))
            .collect()
    }

    #[test]
    fn one_side_only_keeps_document_order() {
        let a = points(&[("1", "1. а"), ("2", "2. б"), ("4", "4. г")]);
        let b = points(&[("1", "1. а"), ("3", "3. в"), ("4", "4. г")]);
        let al = run(&a, &b);
        let got: Vec<(String, Vec<Flag>)> = al
            .pairs
            .iter()
            .map(|p| (p.path.clone(), p.flags.clone()))
            .collect();
        assert_eq!(
            got,
            [
                ("point 1".to_string(), vec![]),
                ("point 2".to_string(), vec![Flag::MissingB]),
                ("point 3".to_string(), vec![Flag::MissingA]),
                ("point 4".to_string(), vec![]),
            ]
        );
        assert_eq!(
            al.summary,
            Summary {
                pairs: 4,
                matched: 2,
                missing_a: 1,
                missing_b: 1,
                mismatched: 0
            }
        );
    }

    #[test]
    fn a_label_is_not_a_number_and_facts_are_compared() {
        let a = points(&[("12", "12. В течение 2 (двух) минут, пункт 5.")]);
        let b = points(&[("12", "12. 3 (үш) минут ішінде, 5-тармақ.")]);
        let al = run(&a, &b);
        let flags = al
            .pairs
            .first()
            .map(|p| p.flags.clone())
            .unwrap_or_default();
        assert_eq!(
            flags,
            [Flag::Durations {
                a: vec![DurationValue {
                    value: 2,
                    unit: crate::record::DurationUnit::Minute
                }],
                b: vec![DurationValue {
                    value: 3,
                    unit: crate::record::DurationUnit::Minute
                }],
            }]
        );
        assert_eq!(al.summary.mismatched, 1);
    }

    #[test]
    fn points_renumbered_in_each_chapter_keep_their_chapter() {
        let mut c1 = node(ProvisionUnit::Chapter, Some("1"), "Глава 1.");
        c1.children = points(&[("1", "1. а")]);
        let mut c2 = node(ProvisionUnit::Chapter, Some("2"), "Глава 2.");
        c2.children = points(&[("1", "1. б")]);
        let tree = [c1, c2];
        let al = run(&tree, &tree);
        let paths: Vec<&str> = al.pairs.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "chapter 1",
                "chapter 1 / point 1",
                "chapter 2",
                "chapter 2 / point 1"
            ]
        );
        assert_eq!(al.summary.matched, 4);
    }

    #[test]
    fn the_output_shape() {
        let a = points(&[("1", "1. от 31 октября 2017 года")]);
        let al = run(&a, &[]);
        let json = serde_json::to_value(&al).unwrap_or_default();
        assert_eq!(json["a"]["language"], "ru");
        assert_eq!(json["pairs"][0]["path"], "point 1");
        assert_eq!(json["pairs"][0]["a"]["number"], "1");
        assert_eq!(json["pairs"][0]["a"]["span"], serde_json::json!([0, 0]));
        assert_eq!(json["pairs"][0]["b"], serde_json::Value::Null);
        assert_eq!(json["pairs"][0]["flags"][0]["kind"], "missing_b");
        assert_eq!(json["summary"]["missing_b"], 1);
    }
}
