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
    for e in &r.edges {
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
    let mut out = Vec::new();
    for (other, relation, restated) in related {
        if !seen.insert(other.clone()) {
            continue;
        }
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

/// The lineage as an indented tree, for people.
pub fn render(l: &Lineage) -> String {
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
