//! What the index holds: a parsed record turned into search documents at
//! three levels, the act, each regulation, and each provision of their
//! provision trees, each knowing its act, its regulation, its path for
//! people, and its span in the source file.

use crate::grammar::Grammar;
use crate::record::{Document, Language, Provision, ProvisionUnit, Regulation};
use crate::registry::act_key;
use crate::span::Span;
use serde::{Deserialize, Serialize};

/// The level of a search document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// An act: its title and what it does.
    Act,
    /// A regulation of a public service: its service model as text.
    Regulation,
    /// One node of a provision tree.
    Provision,
}

impl Level {
    /// Every level, in the order of their codes.
    pub const ALL: [Level; 3] = [Level::Act, Level::Regulation, Level::Provision];

    /// The level's name (`act`, `regulation`, `provision`).
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Act => "act",
            Level::Regulation => "regulation",
            Level::Provision => "provision",
        }
    }

    /// Its code in the index's fast column.
    pub fn code(self) -> u64 {
        match self {
            Level::Act => 0,
            Level::Regulation => 1,
            Level::Provision => 2,
        }
    }

    /// The level of a code.
    pub fn from_code(code: u64) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The level a name names.
    pub fn parse(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

/// A language's code in the index's fast column.
pub fn lang_code(lang: Language) -> u64 {
    match lang {
        Language::Ru => 0,
        Language::Kk => 1,
    }
}

/// The language of a code.
pub fn lang_of(code: u64) -> Language {
    if code == 1 {
        Language::Kk
    } else {
        Language::Ru
    }
}

/// One search document. An act's document holds its title, issuer,
/// approved services, signatory and its whole operative text; a
/// regulation's, its service model; a provision's, its own text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchDoc {
    /// Its id: the source file, the level and the span
    /// (`corpus/x.txt#provision:120-480`).
    pub id: String,
    /// Its level.
    pub level: Level,
    /// Its act's key in the registry (the work id, or `file:…`).
    pub act_id: String,
    /// Its regulation's id.
    pub regulation_id: Option<String>,
    /// Where it is, for people: «Регламент «…» › п. 7 › пп. 3)».
    pub path: String,
    /// The language of its text.
    pub lang: Language,
    /// Heading words: the act's title, the regulation's service, the
    /// provision's heading.
    pub title: String,
    /// Its text.
    pub text: String,
    /// The service of its regulation.
    pub service: Option<String>,
    /// The source file.
    pub source: String,
    /// Its span in the source file.
    pub span: Span,
}

/// The search documents of one parsed text: its act, its regulations, and
/// every provision of both.
pub fn of_document(doc: &Document, g: &Grammar) -> Vec<SearchDoc> {
    let act_id = act_key(doc);
    let lang = doc.language;
    let base = SearchDoc {
        id: String::new(),
        level: Level::Act,
        act_id: act_id.clone(),
        regulation_id: None,
        path: act_label(doc),
        lang,
        title: String::new(),
        text: String::new(),
        service: None,
        source: doc.source.path.clone(),
        span: Span::default(),
    };
    let mut out = vec![act_doc(doc, &base)];
    let act_path = base.path.clone();
    for p in &doc.provisions {
        provisions(p, &act_path, &base, g, &mut out);
    }
    for reg in &doc.regulations {
        let r = regulation_doc(reg, &base, g);
        let path = r.path.clone();
        let inner = SearchDoc {
            level: Level::Provision,
            ..r.clone()
        };
        out.push(r);
        for p in &reg.provisions {
            provisions(p, &path, &inner, g, &mut out);
        }
    }
    for d in &mut out {
        d.id = format!(
            "{}#{}:{}-{}",
            d.source,
            d.level.as_str(),
            d.span.start,
            d.span.end
        );
    }
    out
}

/// "resolution № 272 of 2017-10-31" or the act's title.
fn act_label(doc: &Document) -> String {
    let a = &doc.act;
    let kind = a.kind.as_ref().map_or("act", |k| k.value.as_str());
    let number = a.number.as_ref().map(|n| format!(" № {}", n.value));
    let date = a.date.as_ref().map(|d| format!(" of {}", d.value));
    format!(
        "{kind}{}{}",
        number.unwrap_or_default(),
        date.unwrap_or_default()
    )
}

fn act_doc(doc: &Document, base: &SearchDoc) -> SearchDoc {
    let a = &doc.act;
    let title = a
        .title
        .as_ref()
        .map(|t| t.value.clone())
        .unwrap_or_default();
    let mut text = vec![title.clone()];
    text.extend(a.issuer.as_ref().map(|i| i.name.value.clone()));
    text.extend(a.approves.iter().map(|x| x.service.value.clone()));
    text.extend(a.signatory.as_ref().map(|s| s.name.value.clone()));
    // The operative text as a whole, so that words spread over several
    // of its points still find the act.
    text.extend(
        doc.provisions
            .iter()
            .flat_map(Provision::walk)
            .map(|p| p.text.value.clone()),
    );
    SearchDoc {
        title,
        text: join(text),
        span: a.title.as_ref().map(|t| t.span).unwrap_or_default(),
        ..base.clone()
    }
}

fn regulation_doc(reg: &Regulation, base: &SearchDoc, g: &Grammar) -> SearchDoc {
    let service = reg.service.as_ref().map(|s| s.value.clone());
    let title = service.clone().unwrap_or_else(|| reg.title.value.clone());
    let mut text = vec![reg.title.value.clone()];
    text.extend(reg.provider.as_ref().map(|p| p.value.clone()));
    text.extend(reg.channels.iter().map(|c| c.text.value.clone()));
    text.extend(reg.result.as_ref().map(|r| r.value.clone()));
    text.extend(reg.terms.iter().map(|t| t.text.value.clone()));
    for p in reg.procedures.iter().chain(&reg.sequence) {
        text.extend(p.actor.as_ref().map(|a| a.text.value.clone()));
        text.push(p.action.value.clone());
        text.extend(p.result.as_ref().map(|r| r.value.clone()));
    }
    let span = reg
        .provisions
        .iter()
        .fold(reg.title.span, |s, p| s.cover(p.span));
    SearchDoc {
        level: Level::Regulation,
        regulation_id: reg.id.clone(),
        path: format!("{} «{title}»", g.path_label(base.lang, "regulation")),
        lang: reg.language,
        title,
        text: join(text),
        service,
        span,
        ..base.clone()
    }
}

/// The provision `p` and those inside it, under the path `parent`.
fn provisions(
    p: &Provision,
    parent: &str,
    base: &SearchDoc,
    g: &Grammar,
    out: &mut Vec<SearchDoc>,
) {
    let path = format!("{parent} › {}", step(p, base.lang, g));
    if !p.text.value.trim().is_empty() {
        out.push(SearchDoc {
            level: Level::Provision,
            path: path.clone(),
            title: p
                .heading
                .as_ref()
                .map(|h| h.value.clone())
                .unwrap_or_default(),
            text: p.text.value.clone(),
            span: p.span,
            ..base.clone()
        });
    }
    for c in &p.children {
        provisions(c, &path, base, g, out);
    }
}

/// One step of a path: «п. 7», «пп. 3)», «7-тармақ».
fn step(p: &Provision, lang: Language, g: &Grammar) -> String {
    let unit = match p.unit {
        ProvisionUnit::Chapter => "chapter",
        ProvisionUnit::Article => "article",
        ProvisionUnit::Point => "point",
        ProvisionUnit::Subpoint => "subpoint",
        ProvisionUnit::Paragraph => "paragraph",
    };
    let label = g.path_label(lang, unit);
    match &p.number {
        Some(n) => label.replace('#', &n.value),
        None => label.replace('#', "").trim().to_string(),
    }
}

fn join(parts: Vec<String>) -> String {
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}
