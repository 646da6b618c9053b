//! Lineage: an act's ancestors (what it acts on) and descendants (what acts
//! on it), through amendments, restatements and repeals.
//!
//! Every relation reads "a later act acts on an earlier one": `amends`,
//! `restates` and `repeals` point from the actor; `lost_force_by` points
//! the other way, and is read in reverse. So the chain of the seeds reads
//! from № 177: repealed by № 204, amended by № 272, repealed by № 131.

use super::{Edge, EdgeKind, Registry, label};
use serde::Serialize;
use std::collections::BTreeSet;

/// A node of a lineage tree.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Branch {
    /// Work id.
    pub id: String,
    /// A label for people.
    pub label: String,
    /// Known only from references.
    pub stub: bool,
    /// How it relates to its parent in the tree ("repealed by", …); empty
    /// at the root.
    pub relation: String,
    /// The regulations restated, if any.
    pub restated: Vec<String>,
    /// Further acts.
    pub children: Vec<Branch>,
}

/// An act's lineage.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Lineage {
    /// The act.
    pub root: Branch,
    /// What it acts on, and what those act on.
    pub ancestors: Vec<Branch>,
    /// What acts on it, and what acts on those.
    pub descendants: Vec<Branch>,
}

/// `(actor, acted on, relation seen from the actor, from the acted-on)`.
fn acts_on(e: &Edge) -> Option<(&str, &str, &'static str, &'static str)> {
    match e.kind {
        EdgeKind::Amends => Some((&e.from, &e.to, "amends", "amended by")),
        EdgeKind::Restates => Some((
            &e.from,
            &e.to,
            "restates a regulation of",
            "regulation restated by",
        )),
        EdgeKind::Repeals => Some((&e.from, &e.to, "repeals", "repealed by")),
        EdgeKind::LostForceBy => Some((&e.to, &e.from, "repeals", "repealed by")),
        EdgeKind::Approves | EdgeKind::FollowsStandard => None,
    }
}

/// The lineage of the act `id`.
pub fn lineage(r: &Registry, id: &str) -> Option<Lineage> {
    let node = r.node(id)?;
    let root = Branch {
        id: id.into(),
        label: label(node),
        stub: node.stub,
        relation: String::new(),
        restated: Vec::new(),
        children: Vec::new(),
    };
    let mut seen = BTreeSet::from([id.to_string()]);
    let descendants = grow(r, id, Direction::Down, &mut seen);
    let mut seen = BTreeSet::from([id.to_string()]);
    let ancestors = grow(r, id, Direction::Up, &mut seen);
    Some(Lineage {
        root,
        ancestors,
        descendants,
    })
}

#[derive(Clone, Copy, PartialEq)]
enum Direction {
    /// Acts that act on this one.
    Down,
    /// Acts this one acts on.
    Up,
}

fn grow(r: &Registry, id: &str, dir: Direction, seen: &mut BTreeSet<String>) -> Vec<Branch> {
    // One branch per related act: its amendments and restatements of the
    // same act merge into one, listing the regulations restated.
    let mut related: Vec<(String, String, Vec<String>)> = Vec::new();
    for e in r.edges_at(id) {
        let Some((actor, acted, from_actor, from_acted)) = acts_on(e) else {
            continue;
        };
        let (other, relation) = match dir {
            Direction::Down if acted == id => (actor, from_acted),
            Direction::Up if actor == id => (acted, from_actor),
            _ => continue,
        };
        let restated = (e.kind == EdgeKind::Restates)
            .then(|| e.detail.clone())
            .flatten();
        match related.iter_mut().find(|(o, _, _)| o == other) {
            Some(x) => x.2.extend(restated),
            None => related.push((
                other.to_string(),
                relation.to_string(),
                restated.into_iter().collect(),
            )),
        }
    }
    // Direct relatives are claimed before any is grown, so an act related
    // both directly and through another shows up as a direct child.
    related.retain(|(other, _, _)| seen.insert(other.clone()));
    let mut out = Vec::new();
    for (other, relation, restated) in related {
        let Some(n) = r.node(&other) else { continue };
        let children = grow(r, &other, dir, seen);
        out.push(Branch {
            id: other.clone(),
            label: label(n),
            stub: n.stub,
            relation,
            restated,
            children,
        });
    }
    out
}

/// For people.
impl Lineage {
    /// The lineage as an indented tree, for people.
    pub fn render(&self) -> String {
        render(self)
    }
}

/// The lineage as an indented tree.
fn render(l: &Lineage) -> String {
    let mut out = format!(
        "{}  {}{}\n",
        l.root.label,
        l.root.id,
        if l.root.stub { "  (not in corpus)" } else { "" }
    );
    for (title, branches) in [("ancestors", &l.ancestors), ("descendants", &l.descendants)] {
        out.push_str(&format!("{title}:\n"));
        if branches.is_empty() {
            out.push_str("  (none)\n");
        }
        render_branches(branches, "  ", &mut out);
    }
    out
}

fn render_branches(branches: &[Branch], indent: &str, out: &mut String) {
    for (i, b) in branches.iter().enumerate() {
        let last = i + 1 == branches.len();
        let stub = if b.stub { "  (not in corpus)" } else { "" };
        out.push_str(&format!(
            "{indent}{} {} {}  {}{stub}\n",
            if last { "└─" } else { "├─" },
            b.relation,
            b.label,
            b.id
        ));
        let child_indent = format!("{indent}{}", if last { "   " } else { "│  " });
        if !b.restated.is_empty() {
            let list = b
                .restated
                .iter()
                .map(|s| format!("«{s}»"))
                .collect::<Vec<_>>()
                .join(", ");
            out.push_str(&format!("{child_indent}   (restating {list})\n"));
        }
        render_branches(&b.children, &child_indent, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::{Facts, Node, NodeKind};

    fn registry(edges: &[(&str, EdgeKind, &str)]) -> Registry {
        let mut r = Registry::default();
        for id in ["a", "b", "c"] {
            r.nodes.insert(
                id.into(),
                Node {
                    id: id.into(),
                    kind: NodeKind::Act,
                    stub: false,
                    facts: Facts::default(),
                    files: Vec::new(),
                },
            );
        }
        r.edges = edges
            .iter()
            .map(|(from, kind, to)| Edge {
                kind: *kind,
                from: (*from).into(),
                to: (*to).into(),
                stated_in: "test".into(),
                detail: None,
            })
            .collect();
        r.index_edges();
        r
    }

    #[test]
    fn a_direct_relative_is_a_direct_child() {
        // b amends a; c amends both a and b.
        let r = registry(&[
            ("b", EdgeKind::Amends, "a"),
            ("c", EdgeKind::Amends, "b"),
            ("c", EdgeKind::Amends, "a"),
        ]);
        let Some(l) = lineage(&r, "a") else {
            panic!("a is a node");
        };
        let direct: Vec<&str> = l.descendants.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(direct, ["b", "c"]);
        // Each act once in the tree.
        assert!(l.descendants.iter().all(|b| b.children.is_empty()));
    }

    /// Issue 8: the walk reads each node's edges from the index, in the
    /// order the texts state them, and an index left behind by edges set
    /// later is not trusted.
    #[test]
    fn the_walk_reads_the_edge_index() {
        let mut r = registry(&[
            ("c", EdgeKind::Amends, "a"),
            ("a", EdgeKind::LostForceBy, "b"),
            ("a", EdgeKind::Amends, "a"),
        ]);
        let ids = |r: &Registry, id: &str| -> Vec<String> {
            r.edges_at(id)
                .iter()
                .map(|e| format!("{}>{}", e.from, e.to))
                .collect()
        };
        assert_eq!(ids(&r, "a"), ["c>a", "a>b", "a>a"]);
        assert_eq!(ids(&r, "b"), ["a>b"]);
        assert!(ids(&r, "nowhere").is_empty());
        let Some(l) = lineage(&r, "a") else {
            panic!("a is a node");
        };
        let down: Vec<(&str, &str)> = l
            .descendants
            .iter()
            .map(|b| (b.id.as_str(), b.relation.as_str()))
            .collect();
        assert_eq!(down, [("c", "amended by"), ("b", "repealed by")]);
        r.edges.push(Edge {
            kind: EdgeKind::Repeals,
            from: "b".into(),
            to: "c".into(),
            stated_in: "test".into(),
            detail: None,
        });
        assert_eq!(ids(&r, "c"), ["c>a", "b>c"]);
    }

    #[test]
    fn a_cycle_ends() {
        let r = registry(&[("b", EdgeKind::Amends, "a"), ("a", EdgeKind::Amends, "b")]);
        let Some(l) = lineage(&r, "a") else {
            panic!("a is a node");
        };
        assert_eq!(l.descendants.len(), 1);
        assert_eq!(l.ancestors.len(), 1);
    }
}
