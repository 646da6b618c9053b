//! Stage 3: segment. Paragraphs in, the act's parts out: header (title,
//! status badge, requisites, footnotes), preamble, operative points,
//! signature, and appendices (each with its heading, approval line and
//! body, where a regulation lives).
//!
//! Invariants: every paragraph lands in exactly one part (a paragraph that
//! holds two structures, such as a regulation's title run into its first
//! chapter heading, is split first); the parts are in document order.

pub mod regulation;
pub mod tree;

use crate::grammar::Grammar;
use crate::normalize::Normalized;
use crate::numbering::{Mark, item_number};
use crate::record::ActKind;
use crate::record::StructureUnit;
use std::ops::Range;

/// A unit of text the segmenter places: a paragraph or part of one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Normalized range.
    pub range: Range<usize>,
}

/// What a block is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Class {
    /// "Утративший силу".
    Badge,
    /// "Сноска. …" / "Ескерту. …".
    Footnote,
    /// "Постановление акимата … № 272. Зарегистрировано …".
    Requisites,
    /// "… ПОСТАНОВЛЯЕТ:".
    Enacting,
    /// "Приложение 1 к постановлению …" (the act's appendix).
    ActAppendix,
    /// "Приложение 1 к регламенту …" (a regulation's own appendix).
    RegulationAppendix,
    /// "Утвержден постановлением …" / "… қаулысымен бекітілген".
    Approved,
    /// «Регламент государственной услуги "…"».
    RegulationTitle,
    /// "1. Общие положения", "Глава 2. …".
    Chapter,
    /// "5. …".
    Point,
    /// "1) …".
    Subpoint,
    /// "Аким области" (a position that signs).
    Signature,
    /// Anything else.
    Plain,
}

/// One appendix of the act.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Appendix {
    /// Its number as written ("1"), if any.
    pub number: Option<Range<usize>>,
    /// The heading blocks ("Приложение 1 к постановлению …").
    pub heading: Vec<Block>,
    /// The approval line ("Утвержден постановлением …").
    pub approved: Option<Block>,
    /// Everything else, in order.
    pub body: Vec<(Block, Class)>,
    /// Whether the body has a regulation title yet.
    pub has_regulation: bool,
    /// The regulation in the body, segmented once the body is complete.
    pub regulation: Option<regulation::Regulation>,
}

/// The parts of an act.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segments {
    /// Title, badge, requisites, footnotes, in order.
    pub header: Vec<(Block, Class)>,
    /// Text between the title and the enacting clause: the legal basis
    /// and, in court rulings, the reasoning.
    pub recitals: Vec<Block>,
    /// The enacting clause.
    pub preamble: Option<Block>,
    /// Points and their sub-paragraphs.
    pub operative: Vec<(Block, Class)>,
    /// Position and name lines.
    pub signature: Vec<Block>,
    /// Appendices, in order.
    pub appendices: Vec<Appendix>,
    /// Whether the header has its title yet (what follows it, up to the
    /// enacting clause, is recitals).
    pub titled: bool,
}

impl Segments {
    /// The act's first header paragraph that is read for facts (one over
    /// the size limit is not): where findings about the act as a whole are
    /// reported.
    pub fn head(&self) -> Range<usize> {
        self.header
            .iter()
            .map(|(b, _)| b)
            .find(|b| b.range.len() <= MAX_PARAGRAPH)
            .map_or(0..0, |b| b.range.clone())
    }
}

/// Paragraphs longer than this are not classified or read for facts: no
/// act has one, and reading them would cost time in proportion to hostile
/// input. They stay in the segments as plain text.
pub const MAX_PARAGRAPH: usize = 64 * 1024;

/// Segment a normalized act.
pub fn segment(n: &Normalized, g: &Grammar) -> Segments {
    let text = n.text.as_str();
    let blocks = split_blocks(n, g);
    let mut s = Segments::default();
    #[derive(PartialEq)]
    enum State {
        Header,
        Operative,
        Signature,
        Appendix,
    }
    let mut state = State::Header;
    for block in blocks {
        let class = classify(text, &block, g);
        let starts_appendix = matches!(
            class,
            Class::ActAppendix | Class::Approved | Class::RegulationTitle
        );
        match state {
            State::Header => match class {
                Class::Enacting => {
                    s.preamble = Some(block);
                    state = State::Operative;
                }
                Class::Point => {
                    s.operative.push((block, class));
                    state = State::Operative;
                }
                _ if starts_appendix => {
                    state = State::Appendix;
                    place_in_appendix(&mut s, block, class, text, g);
                }
                Class::Signature => {
                    s.signature.push(block);
                    state = State::Signature;
                }
                // A law has no enacting clause: its operative part starts
                // at its first article ("Статья 1. …", "1-бап. …").
                Class::Plain if s.titled && is_article(text, &block, g) => {
                    s.operative.push((block, class));
                    state = State::Operative;
                }
                // After the title, plain text leads to the enacting clause.
                Class::Plain if s.titled => s.recitals.push(block),
                _ => {
                    s.titled |= class == Class::Plain && !is_formula(text, &block, g);
                    s.header.push((block, class));
                }
            },
            State::Operative | State::Signature if starts_appendix => {
                state = State::Appendix;
                place_in_appendix(&mut s, block, class, text, g);
            }
            // Numbered reasoning came before the enacting clause (court
            // rulings): it was recitals, not operative points.
            State::Operative if class == Class::Enacting && s.preamble.is_none() => {
                s.recitals.extend(s.operative.drain(..).map(|(b, _)| b));
                s.preamble = Some(block);
            }
            State::Operative => {
                if class == Class::Signature {
                    // "Қазақстан Республикасының / Қаржы министрі": the
                    // country's name may stand on the line before.
                    if let Some((prev, Class::Plain)) = s.operative.last() {
                        let p = text.get(prev.range.clone()).unwrap_or("");
                        if g.country.matches_whole(p)
                            && let Some((prev, _)) = s.operative.pop()
                        {
                            s.signature.push(prev);
                        }
                    }
                    s.signature.push(block);
                    state = State::Signature;
                } else {
                    s.operative.push((block, class));
                }
            }
            State::Signature => s.signature.push(block),
            State::Appendix => place_in_appendix(&mut s, block, class, text, g),
        }
    }
    for a in &mut s.appendices {
        a.regulation = regulation::regulation(text, &a.body, g);
    }
    unarticled_law(&mut s, text, g);
    s
}

/// A law of one paragraph ("Ратифицировать Соглашение …") has neither an
/// enacting clause nor articles: signed by the head of state, what stands
/// between its title and the signature is its operative part.
fn unarticled_law(s: &mut Segments, text: &str, g: &Grammar) {
    if s.preamble.is_some() || !s.operative.is_empty() || !signed_by_head_of_state(s, text, g) {
        return;
    }
    s.operative = s.recitals.drain(..).map(|b| (b, Class::Plain)).collect();
}

/// Whether the signature names the head of state ("Президент" /
/// "Республики Казахстан", one position over several lines).
pub fn signed_by_head_of_state(s: &Segments, text: &str, g: &Grammar) -> bool {
    let position = s
        .signature
        .iter()
        .map(|b| text.get(b.range.clone()).unwrap_or(""))
        .collect::<Vec<_>>()
        .join(" ");
    g.head_of_state.is_match(&position)
}

/// "Статья 1. …" or "1-бап. …": an article heading at the start.
pub fn is_article(text: &str, b: &Block, g: &Grammar) -> bool {
    let s = text.get(b.range.clone()).unwrap_or("");
    match g.structure.at_start(s) {
        Some((StructureUnit::Article, len)) => s
            .get(len..)
            .and_then(|rest| item_number(g, rest.trim_start()).ok())
            .is_some_and(|(_, n)| n.mark == Mark::Dot),
        _ => item_number(g, s).is_ok_and(|(_, n)| n.mark == Mark::Unit(StructureUnit::Article)),
    }
}

/// A formula line ("ИМЕНЕМ РЕСПУБЛИКИ КАЗАХСТАН"), not a title.
pub fn is_formula(text: &str, b: &Block, g: &Grammar) -> bool {
    let s = text.get(b.range.clone()).unwrap_or("");
    g.formulas.matches_whole(s)
}

/// Put a block into the current appendix, or open a new one.
fn place_in_appendix(s: &mut Segments, block: Block, class: Class, text: &str, g: &Grammar) {
    let current_has_regulation = s.appendices.last().is_some_and(|a| a.has_regulation);
    let heading_only = s
        .appendices
        .last()
        .is_some_and(|a| !a.heading.is_empty() && a.body.is_empty() && a.approved.is_none());
    let opens = match class {
        // A second heading right after the first names the regulation's
        // place in the act it amends; it belongs to the same appendix.
        Class::ActAppendix => !heading_only,
        Class::Approved => s
            .appendices
            .last()
            .is_none_or(|a| a.approved.is_some() || !a.body.is_empty()),
        // A title inside a regulation's own appendix (the rules' appendix
        // «Стандарт государственной услуги "…"») heads a part of it.
        Class::RegulationTitle => {
            let in_own_appendix = s
                .appendices
                .last()
                .is_some_and(|a| a.body.iter().any(|(_, c)| *c == Class::RegulationAppendix));
            (current_has_regulation && !in_own_appendix) || s.appendices.is_empty()
        }
        _ => s.appendices.is_empty(),
    };
    if opens {
        s.appendices.push(Appendix::default());
    }
    let Some(a) = s.appendices.last_mut() else {
        return;
    };
    // A heading broken over lines ("Приложение к решению" / "Атбасарского
    // районного маслихата" / "от 18 марта 2026 года № 8С 37/3") is one.
    if class == Class::Plain && a.approved.is_none() && a.body.is_empty() {
        let t = text.get(block.range.clone()).unwrap_or("");
        if let Some(last) = a.heading.last_mut()
            && t.len() < 160
            && last.range.len() + t.len() < 480
            && !t.trim_end().ends_with(['.', ';', ':'])
            && approving_title(t, g).is_none()
        {
            last.range = last.range.start..block.range.end;
            return;
        }
    }
    match class {
        Class::ActAppendix => {
            if a.heading.is_empty() {
                a.number = appendix_number(text, &block, g);
            }
            a.heading.push(block);
        }
        Class::Approved if a.approved.is_none() && a.body.is_empty() => a.approved = Some(block),
        _ => {
            let t = text.get(block.range.clone()).unwrap_or("");
            a.has_regulation |= class == Class::RegulationTitle
                || (a.body.is_empty() && approving_title(t, g).is_some());
            a.body.push((block, class));
        }
    }
}

/// The number of an appendix heading: "Приложение 1 …" or "… 1-қосымша".
fn appendix_number(text: &str, block: &Block, g: &Grammar) -> Option<Range<usize>> {
    let s = text.get(block.range.clone())?;
    let digits = |from: usize| -> Option<Range<usize>> {
        let rest = s.get(from..)?;
        let start = from + rest.find(|c: char| c.is_ascii_digit())?;
        let len = s
            .get(start..)?
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(s.len() - start);
        Some(block.range.start + start..block.range.start + start + len)
    };
    // Kazakh: the number is glued before the word ("1-қосымша").
    if let Some(r) = glued_number(s, StructureUnit::Appendix, g) {
        return Some(block.range.start + r.start..block.range.start + r.end);
    }
    // Kazakh, the act first: "… шешіміне № 2 қосымша" (or no number).
    if kazakh_heading(s, g) {
        let (_, r) = kazakh_heading_parts(s.trim_end(), g)?;
        return r.map(|r| block.range.start + r.start..block.range.start + r.end);
    }
    let first_word_end = s.find(' ').unwrap_or(s.len());
    // "Приложение № 2 к …": the sign before the number is passed over.
    let after_word = s.get(first_word_end..)?.trim_start();
    let sign_len = after_word.len() - without_number_sign(after_word, g).len();
    let r = digits(first_word_end)?;
    // "Приложение 1 к …": the number follows the word directly.
    (r.start - block.range.start <= first_word_end + 1 + sign_len).then_some(r)
}

/// Paragraphs as blocks, split where one paragraph holds two structures.
fn split_blocks(n: &Normalized, g: &Grammar) -> Vec<Block> {
    let text = n.text.as_str();
    let mut out: Vec<Block> = Vec::with_capacity(n.paragraphs.len());
    for p in &n.paragraphs {
        // "Регламент государственной услуги" / "\"Выдача …\"": a title whose
        // name went to the next heading line is one block.
        if let Some(last) = out.last_mut() {
            let prev = text.get(last.range.clone()).unwrap_or("");
            let bare_title = g.regulation_title.matches_whole(prev);
            if bare_title
                && text
                    .get(p.range.clone())
                    .is_some_and(|s| s.starts_with('"'))
            {
                last.range = last.range.start..p.range.end;
                continue;
            }
        }
        let mut start = p.range.start;
        for cut in cuts(text, p.range.clone(), g) {
            if cut > start {
                out.push(Block {
                    range: start..trim_end(text, start, cut),
                });
                start = cut;
            }
        }
        out.push(Block {
            range: start..p.range.end,
        });
    }
    out
}

fn trim_end(text: &str, start: usize, end: usize) -> usize {
    start + text.get(start..end).map_or(0, |s| s.trim_end().len())
}

/// Where to split a paragraph: before a chapter heading run into a
/// regulation title (`Регламент … "…" 1. Общие положения`), and before an
/// approval line run into an appendix heading (`Приложение 1 … № 272
/// Утвержден постановлением …`).
fn cuts(text: &str, r: Range<usize>, g: &Grammar) -> Vec<usize> {
    let s = text.get(r.clone()).unwrap_or("");
    let mut out = Vec::new();
    // A Kazakh approval line run into the title it approves:
    // "… қаулысымен бекітілген "…" мемлекеттік көрсетілетін қызмет регламенті".
    for (_, m) in g.approved.find_iter(s) {
        let rest = s.get(m.end..).unwrap_or("").trim_start();
        if is_regulation_title(rest, g) {
            out.push(r.start + (s.len() - rest.len()));
            return out;
        }
    }
    let is_title = g.regulation_title.at_start(s).is_some();
    let is_heading = g.appendix_heading.at_start(s).is_some();
    // Kazakh names the service first: `"…" мемлекеттік көрсетілетін қызмет
    // регламенті 1-тарау. Жалпы ережелер`.
    let kazakh_title = s.starts_with('"');
    if !is_title && !is_heading && !kazakh_title {
        return out;
    }
    for w in crate::text::word_starts(s).skip(2) {
        let rest = s.get(w..).unwrap_or("");
        let title_before = || is_title || is_regulation_title(s.get(..w).unwrap_or(""), g);
        if (is_title || kazakh_title) && chapter_heading(rest, g).is_some() && title_before() {
            out.push(r.start + w);
            break;
        }
        if is_heading && approved_line(rest, g) {
            out.push(r.start + w);
            break;
        }
    }
    out
}

/// "Утвержден постановлением …": the approval phrase then a kind word.
fn approved_line(s: &str, g: &Grammar) -> bool {
    let Some((_, len)) = g.approved.at_start(s) else {
        return false;
    };
    let rest = s.get(len..).unwrap_or("").trim_start();
    // The kind word may be preceded by its issuer in the same clause only
    // in Kazakh, which is handled by `kazakh_approved`.
    g.kinds.at_start(rest).is_some() || g.bodies.at_start(rest).is_some()
}

/// A Kazakh approval line: "… № 278 қаулысымен бекітілген".
fn kazakh_approved(s: &str, g: &Grammar) -> bool {
    let t = s.trim_end_matches(['.', ' ']);
    g.approved.at_end(t).is_some() && s.contains('№') && s.len() < 300
}

/// The number glued by a hyphen before a `unit` word in `s` ("1-қосымша",
/// "3-тарау"), its range in `s`.
fn glued_number(s: &str, unit: StructureUnit, g: &Grammar) -> Option<Range<usize>> {
    g.structure.find_iter(s).find_map(|(u, m)| {
        let head = s.get(..m.start)?.strip_suffix('-')?;
        let digits = head.chars().rev().take_while(char::is_ascii_digit).count();
        // ASCII digits: one byte each.
        (u == unit && digits > 0).then(|| head.len() - digits..head.len())
    })
}

/// A chapter heading at the start of `s`: "1. Общие положения", "Глава 2.
/// …", "3-тарау. …". Returns the chapter number's text range in `s`.
pub fn chapter_heading(s: &str, g: &Grammar) -> Option<Range<usize>> {
    let mut at = 0;
    if let Some((StructureUnit::Chapter, len)) = g.structure.at_start(s) {
        at = len + s.get(len..)?.len() - s.get(len..)?.trim_start().len();
    }
    // "1.", "1.Общие" or Kazakh "1-тарау." / "1-тарау Жалпы ережелер".
    let (rest, n) = crate::numbering::item_number(g, s.get(at..)?).ok()?;
    if !matches!(n.mark, Mark::Dot | Mark::Unit(StructureUnit::Chapter)) {
        return None;
    }
    let num = at..at + n.digits.len();
    let rest = rest.strip_prefix('.').unwrap_or(rest);
    let title = rest.trim_start().trim_end();
    // Russian puts the key phrase first ("Общие положения"), Kazakh last
    // ("… іс-әрекет тәртібін сипаттау"); a heading never ends a sentence.
    let heading_like = title.len() < 600 && !title.ends_with(['.', ':', ';']);
    (heading_like && g.chapters.is_match(title)).then_some(num)
}

/// Classify one block.
pub fn classify(text: &str, block: &Block, g: &Grammar) -> Class {
    let s = text.get(block.range.clone()).unwrap_or("");
    if s.len() > MAX_PARAGRAPH {
        return Class::Plain;
    }
    if g.lost_force_label.matches_whole(s)
        || g.in_force_label.matches_whole(s)
        || g.not_in_force_label.matches_whole(s)
    {
        return Class::Badge;
    }
    if g.footnote
        .at_start(s)
        .is_some_and(|(_, len)| s.get(len..).is_some_and(|r| r.starts_with('.')))
    {
        return Class::Footnote;
    }
    if is_requisites(s, g) {
        return Class::Requisites;
    }
    if let Some(c) = appendix_heading_class(s, g) {
        return c;
    }
    if approved_line(s, g) || kazakh_approved(s, g) {
        return Class::Approved;
    }
    if is_regulation_title(s, g) {
        return Class::RegulationTitle;
    }
    if chapter_heading(s, g).is_some() {
        return Class::Chapter;
    }
    if is_enacting(s, g) {
        return Class::Enacting;
    }
    if numbered(s, Mark::Dot, g) {
        return Class::Point;
    }
    if numbered(s, Mark::Paren, g) {
        return Class::Subpoint;
    }
    if is_signature(s, g) {
        return Class::Signature;
    }
    Class::Plain
}

/// "5." (a point) or "5)" (a subpoint) at the start: the item-number
/// rule, with the mark asked for.
fn numbered(s: &str, mark: Mark, g: &Grammar) -> bool {
    item_number(g, s).is_ok_and(|(_, n)| n.mark == mark)
}

fn is_requisites(s: &str, g: &Grammar) -> bool {
    let starts_with_kind = g
        .kinds
        .at_start(s)
        .is_some_and(|(k, _)| k != ActKind::Regulation);
    let registered = g.registered.is_match(s) && !s.starts_with('(');
    // "Постановление акимата … от 31 октября 2017 года № 272": a short
    // line opening with a kind word and carrying a number dates the act.
    let dating = starts_with_kind
        && s.len() < 600
        && s.contains('№')
        && s.chars().next().is_some_and(char::is_uppercase);
    // Kazakh requisites open with the issuer: "… № 688 бұйрығы. … № 14606
    // болып тіркелді." (the registration phrase closes its sentence).
    let kazakh = s.len() < 600
        && s.contains('№')
        && g.registered.find_iter(s).any(|(_, m)| {
            s.get(m.end..)
                .is_some_and(|r| r.trim_start().starts_with('.') || r.trim().is_empty())
        });
    dating || (starts_with_kind && (registered || g.lost_force.is_match(s))) || kazakh
}

fn is_enacting(s: &str, g: &Grammar) -> bool {
    g.enacting.find_iter(s).any(|(_, m)| {
        let word = s.get(m.clone()).unwrap_or("");
        let upper = word
            .chars()
            .filter(|c| crate::text::is_letter(*c))
            .all(char::is_uppercase);
        let rest = s.get(m.end..).unwrap_or("").trim_start();
        let colon = rest.starts_with(':');
        // "…, маслихат решил;" (older texts close the clause with a
        // semicolon): only where it ends the paragraph.
        let semicolon = rest.strip_prefix(';').is_some_and(|r| r.trim().is_empty());
        upper || colon || semicolon
    })
}

/// "Приложение 1 к постановлению …" (act) or "… к регламенту …" (its
/// regulation); Kazakh "… қаулысына 1-қосымша" or "… регламентіне 1-қосымша".
fn appendix_heading_class(s: &str, g: &Grammar) -> Option<Class> {
    // Characters, not bytes: a stamp naming the rules' long service in
    // Cyrillic is over 400 bytes.
    if s.chars().count() > 400 {
        return None;
    }
    // Whose appendix it is: the act's kind word, or a service document's
    // («к Правилам оказания …, утвержденным приказом …»). Russian names the
    // owner first, Kazakh last, right before «қосымша».
    let to_regulation = |r: &str, owner_first: bool| {
        let kind = g
            .kinds
            .find_iter(r)
            .map(|(k, m)| (k == ActKind::Regulation, m.start));
        let document = g
            .service_document_words
            .find_iter(r)
            .map(|(_, m)| (true, m.start));
        let mut all: Vec<(bool, usize)> = kind.chain(document).collect();
        all.sort_by_key(|(_, at)| *at);
        let owner = if owner_first { all.first() } else { all.last() };
        owner.is_some_and(|(own, _)| *own)
    };
    let capital = s.chars().next().is_some_and(char::is_uppercase);
    if let Some((_, len)) = g.appendix_heading.at_start(s).filter(|_| capital) {
        let rest = s.get(len..)?.trim_start();
        let rest_number = without_number_sign(rest, g);
        let ok = rest.is_empty()
            || rest_number.starts_with(|c: char| c.is_ascii_digit())
            || g.appendix_to.at_start(rest).is_some();
        if !ok {
            return None;
        }
        // The first kind word says whose appendix it is: "к регламенту" or
        // "к постановлению".
        return Some(if to_regulation(rest, true) {
            Class::RegulationAppendix
        } else {
            Class::ActAppendix
        });
    }
    // Kazakh: "… қаулысына 1-қосымша", the glued unit word last.
    let t = s.trim_end_matches(['.', ' ']);
    let last_is_glued_appendix = g
        .structure
        .at_end(t)
        .is_some_and(|(u, _)| u == StructureUnit::Appendix)
        && glued_number(t, StructureUnit::Appendix, g).is_some();
    if last_is_glued_appendix || kazakh_heading(s, g) {
        return Some(if to_regulation(t, false) {
            Class::RegulationAppendix
        } else {
            Class::ActAppendix
        });
    }
    None
}

/// Past a `№` before an appendix's own number ("Приложение № 2", "№ 2
/// қосымша"), or `s` as it is.
fn without_number_sign<'a>(s: &'a str, g: &Grammar) -> &'a str {
    match g.appendix_number_sign.at_start(s) {
        Some((_, len)) => s.get(len..).map_or(s, str::trim_start),
        None => s,
    }
}

/// Where the appendix word that ends a Kazakh heading starts: "… шешіміне
/// қосымша", "… шешіміне № 2 қосымша".
fn trailing_appendix_word(t: &str, g: &Grammar) -> Option<usize> {
    g.appendix_heading.at_end(t).map(|(_, m)| m.start)
}

/// The heading before the appendix word, past its own number (`2`, `№ 2`):
/// the act it belongs to, and where that number is in `t`.
fn kazakh_heading_parts<'a>(t: &'a str, g: &Grammar) -> Option<(&'a str, Option<Range<usize>>)> {
    let before = t.get(..trailing_appendix_word(t, g)?)?.trim_end();
    let digits = before
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .count();
    let head = before.get(..before.len() - digits)?;
    if digits == 0 {
        return Some((before, None));
    }
    if !head.is_empty() && !head.ends_with(' ') {
        return None;
    }
    let number = head.len()..before.len();
    let head = head.trim_end();
    // "№ 2": the sign is the appendix's, not the act's.
    let head = g
        .appendix_number_sign
        .at_end(head)
        .and_then(|(_, m)| head.get(..m.start))
        .unwrap_or(head)
        .trim_end();
    Some((head, Some(number)))
}

/// A Kazakh heading that names the act by its kind word right before the
/// appendix word, with no glued number: "Атырау облысы әкімінің 2009 жылғы
/// 11 қарашадағы № 52 шешіміне қосымша", "… № 52 шешіміне № 2 қосымша". A
/// heading does not end a sentence.
fn kazakh_heading(s: &str, g: &Grammar) -> bool {
    let t = s.trim_end();
    if t.ends_with('.') {
        return false;
    }
    // «… қағидаларына қосымша»: a service document's own appendix.
    let owned = |head: &str| {
        g.kinds.at_end(head).is_some_and(|(_, m)| m.start > 0)
            || g.service_document_words
                .at_end(head)
                .is_some_and(|(_, m)| m.start > 0)
    };
    kazakh_heading_parts(t, g).is_some_and(|(head, _)| owned(head))
}

/// «Регламент государственной услуги "…"» or «"…" мемлекеттік
/// көрсетілетін қызмет регламенті»: the phrase and the quoted name, and
/// nothing else (an instruction such as «регламент … "…" изложить в новой
/// редакции» is not a title).
fn is_regulation_title(s: &str, g: &Grammar) -> bool {
    service_document(s, g).is_some()
}

/// The kind of service document a title names (`[service_documents]`:
/// regulation, e_regulation, standard, rules), when `s` is such a title.
pub fn service_document(s: &str, g: &Grammar) -> Option<String> {
    let t = s.trim_end_matches(['.', ' ']);
    if let Some((kind, len)) = g.service_documents.at_start(t) {
        let rest = t.get(len..).unwrap_or("").trim_start();
        let (_, qlen) = crate::text::quoted(rest)?;
        return rest.get(qlen..)?.trim().is_empty().then_some(kind);
    }
    let (inner, qlen) = crate::text::quoted(t)?;
    let rest = t.get(qlen..).unwrap_or("").trim_start();
    let (kind, m) = g.service_documents.at_end(rest)?;
    (inner.len() > 3 && m.start == 0).then_some(kind)
}

/// A Kazakh export that heads the rules with the act's own title
/// («"…" мемлекеттік қызмет көрсету қағидаларын бекіту туралы») names the
/// document it approves: its kind, when `s` is such a heading.
pub fn approving_title(s: &str, g: &Grammar) -> Option<String> {
    // The act's title may keep the quote that closed it in the act.
    let t = s.trim_end_matches(['.', ' ', '"']);
    // Russian puts the phrase first; the export may open it with a stray
    // quote («"Об утверждении Правил …"…").
    let lead = t.trim_start_matches(['"', '«']);
    if let Some((kind, len)) = g.approving_titles.at_start(lead) {
        let rest = lead.get(len..).unwrap_or("").trim_start();
        return crate::text::quoted(rest).map(|_| kind);
    }
    let (inner, qlen) = crate::text::quoted(t)?;
    let rest = t.get(qlen..).unwrap_or("").trim_start();
    let (kind, m) = g.approving_titles.at_end(rest)?;
    (inner.len() > 3 && m.start == 0).then_some(kind)
}

/// A signing position without the rank that ends it: "Ішкі істер министрі
/// полиция генерал-лейтенанты" → "Ішкі істер министрі".
fn without_rank<'a>(t: &'a str, g: &Grammar) -> &'a str {
    g.ranks
        .at_end(t)
        .filter(|(_, m)| m.start > 0)
        .and_then(|(_, m)| t.get(..m.start))
        .map_or(t, str::trim_end)
}

/// A signing position: starts with a position word, is short, and does not
/// read as a sentence.
fn is_signature(s: &str, g: &Grammar) -> bool {
    // Kazakh puts the domain first: "Қаржы министрі", "Облыс әкімі"; a rank
    // may follow ("… министрі полиция генерал-лейтенанты").
    let t = without_rank(s.trim_end(), g);
    let position_last = g.signature_positions.at_end(t).is_some();
    s.chars().count() < 120
        && (g.signature_positions.at_start(s).is_some() || position_last)
        && !t.ends_with([';', ':', ',', '.'])
        && s.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(s: &str) -> Option<&str> {
        let g = crate::grammar::for_tests();
        appendix_number(s, &Block { range: 0..s.len() }, g).and_then(|r| s.get(r))
    }

    /// Issue 9: the appendix's own number, not the act's.
    #[test]
    fn appendix_numbers() {
        assert_eq!(number("Приложение 1 к постановлению акимата"), Some("1"));
        assert_eq!(
            number("Приложение № 2 к решению акима области № 7 от 15 мая 1999 г."),
            Some("2")
        );
        assert_eq!(
            number("Облыс әкімінің 2011 жылғы 5 мамырдағы № 7 шешіміне 3-қосымша"),
            Some("3")
        );
        assert_eq!(
            number("Атырау облысы әкімінің 2009 жылғы 11 қарашадағы № 52 шешіміне № 2 қосымша"),
            Some("2")
        );
        assert_eq!(
            number("Атырау облысы әкімінің 2009 жылғы 11 қарашадағы № 52 шешіміне 2 қосымша"),
            Some("2")
        );
        assert_eq!(
            number("Атырау облысы әкімінің 2009 жылғы 11 қарашадағы № 52 шешіміне қосымша"),
            None
        );
    }

    fn class(s: &str) -> Class {
        let g = crate::grammar::for_tests();
        classify(s, &Block { range: 0..s.len() }, g)
    }

    #[test]
    fn classes() {
        assert_eq!(class("Утративший силу"), Class::Badge);
        assert_eq!(
            class("Сноска. Утратило силу постановлением акимата"),
            Class::Footnote
        );
        assert_eq!(
            class(
                "Постановление акимата Западно-Казахстанской области от 31 октября 2017 года № 272. Зарегистрировано Департаментом юстиции 20 ноября 2017 года № 4954."
            ),
            Class::Requisites
        );
        assert_eq!(
            class("акимат Западно-Казахстанской области ПОСТАНОВЛЯЕТ:"),
            Class::Enacting
        );
        assert_eq!(
            class(
                "Приложение 1 к постановлению акимата Западно-Казахстанской области от 31 октября 2017 года № 272"
            ),
            Class::ActAppendix
        );
        assert_eq!(
            class("Приложение 2 к регламенту оказания государственной услуги \"Выдача\""),
            Class::RegulationAppendix
        );
        assert_eq!(
            class(
                "Утвержден постановлением акимата Западно-Казахстанской области от 4 августа 2015 года № 204"
            ),
            Class::Approved
        );
        assert_eq!(
            class("Ақтөбе облысы әкімдігінің 2015 жылғы 27.07. № 278 қаулысымен бекітілген"),
            Class::Approved
        );
        assert_eq!(
            class("Регламент государственной услуги \"Выдача направлений\""),
            Class::RegulationTitle
        );
        assert_eq!(
            class("\"Адамдарға жолдамалар беру\" мемлекеттік көрсетілетін қызмет регламенті"),
            Class::RegulationTitle
        );
        assert_eq!(class("1. Общие положения"), Class::Chapter);
        assert_eq!(
            class("Глава 2. Описание порядка действий структурных подразделений"),
            Class::Chapter
        );
        assert_eq!(
            class(
                "2. Мемлекеттік қызмет көрсету үдерісінде көрсетілетін қызметті берушінің құрылымдық бөлімшелерінің (қызметкерлерінің) іс-әрекет тәртібін сипаттау"
            ),
            Class::Chapter
        );
        assert_eq!(
            class("6. Для получения государственной услуги"),
            Class::Point
        );
        assert_eq!(
            class("1) работник канцелярии услугодателя;"),
            Class::Subpoint
        );
        assert_eq!(class("Аким области"), Class::Signature);
        // Issue 9: a rank after the Kazakh position word.
        assert_eq!(
            class("Қазақстан Республикасының Ішкі істер министрі полиция генерал-лейтенанты"),
            Class::Signature
        );
        assert_eq!(
            class("Приложение к регламенту государственной услуги \"Регистрация\""),
            Class::RegulationAppendix
        );
        assert_eq!(class("1-қосымша"), Class::ActAppendix);
        // Issue 9: annex headings in all their forms.
        for heading in [
            "Атырау облысы әкімінің 2009 жылғы 11 қарашадағы № 52 шешіміне қосымша",
            "Атырау облысы әкімінің 2009 жылғы 11 қарашадағы № 52 шешіміне № 2 қосымша",
            "Приложение № 2 к решению акима области № 7 от 15 мая 1999 г.",
        ] {
            assert_eq!(class(heading), Class::ActAppendix, "{heading}");
        }
        // A sentence that ends with the word is not a heading.
        assert_eq!(class("Осы шешімге қосымша."), Class::Plain);
        // Electronic regulations, in both languages.
        assert_eq!(
            class("\"Жұмыссыз ретінде тіркеу\" электрондық мемлекеттік қызмет көрсету регламенті"),
            Class::RegulationTitle
        );
        assert_eq!(
            class("Электронный регламент государственной услуги \"Регистрация безработных\""),
            Class::RegulationTitle
        );
        // Enacting formulas of maslikhats and akims, in both languages.
        for formula in [
            "Аудандық мәслихат ШЕШІМ ЕТТІ:",
            "облыстық мәслихат ШЕШІМ ЕТЕДІ:",
            "Облыс әкімі ШЕШТІМ:",
            "ауыл әкімі шешім етемін:",
            "ШЕШІМ қабылдаймын:",
            "аким района принимаю РЕШЕНИЕ:",
            // Older and joint formulas.
            "облыс әкімі ШЕШІМ ШЫҒАРДЫ:",
            "аким области РЕШАЮ:",
            "аким области решил;",
            "маслихат РЕШИЛ и акимат района ПОСТАНОВИЛ:",
            "Кабинет Министров Республики Казахстан постановляет:",
            "облыс әкімдігі ҚАУЛЫ ЕТЕДІ және облыстық мәслихаты ШЕШІМ ЕТЕДІ:",
        ] {
            assert_eq!(class(formula), Class::Enacting, "{formula}");
        }
        // "решил" inside a sentence is not the formula.
        assert_ne!(
            class("маслихат решил; далее следует текст"),
            Class::Enacting
        );
    }

    /// A Kazakh title with its first chapter heading run into it (the
    /// markdown headings of 2019-0211-129097 were joined) is cut before the
    /// heading.
    #[test]
    fn a_kazakh_title_run_into_its_chapter() {
        let g = crate::grammar::for_tests();
        let s = "\"Шақыруларды келісу\" мемлекеттік көрсетілетін қызмет регламенті 1-тарау. Жалпы ережелер";
        let cut = cuts(s, 0..s.len(), g);
        assert_eq!(cut.len(), 1);
        let at = cut.first().copied().unwrap_or(0);
        assert_eq!(s.get(at..), Some("1-тарау. Жалпы ережелер"));
        assert_eq!(
            class(s.get(..at).unwrap_or("").trim_end()),
            Class::RegulationTitle
        );
        // A quoted sentence with no title is not cut.
        let t = "\"Шақыруларды келісу\" туралы 1-тарау. Жалпы ережелер";
        assert!(cuts(t, 0..t.len(), g).is_empty());
    }

    /// Issue 12: the four kinds of service document, by their titles.
    #[test]
    fn service_documents_by_kind() {
        let g = crate::grammar::for_tests();
        let kind = |s: &str| service_document(s, g);
        let cases = [
            (
                "Регламент государственной услуги \"Выдача справки\"",
                "regulation",
            ),
            (
                "Электронный регламент государственной услуги \"Выдача справки\"",
                "e_regulation",
            ),
            (
                "Стандарт государственной услуги \"Выдача справки\"",
                "standard",
            ),
            (
                "Правила оказания государственной услуги \"Выдача проездного документа\"",
                "rules",
            ),
            (
                "\"Жол жүру құжатын беру\" мемлекеттік қызмет көрсету қағидалары",
                "rules",
            ),
            (
                "\"Жол жүру құжатын беру\" мемлекеттік қызметін көрсету қағидалары",
                "rules",
            ),
            (
                "\"Жол жүрі құжатын беру\" мемлекеттік көрсетілетін қызмет стандарты",
                "standard",
            ),
            (
                "\"Анықтама беру\" мемлекеттік көрсетілетін қызмет регламенті",
                "regulation",
            ),
        ];
        for (s, want) in cases {
            assert_eq!(kind(s).as_deref(), Some(want), "{s}");
        }
        // An instruction or the approving act's title is no title.
        assert_eq!(
            kind("Правила оказания государственной услуги \"Х\" изложить в новой редакции"),
            None
        );
        assert_eq!(
            kind("Об утверждении Правил оказания государственной услуги \"Выдача\""),
            None
        );
    }

    /// An export that heads the rules with the act's own title.
    #[test]
    fn approving_titles_name_the_document() {
        let g = crate::grammar::for_tests();
        let cases = [
            "\"Об утверждении Правил оказания государственной услуги \"Выдача выписки\"",
            "\"Жол жүру құжатын беру\" мемлекеттік қызмет көрсету қағидаларын бекіту туралы",
            "\"Жылжымалы мүлік кепілін беру\" мемлекеттік қызмет көрсету қағидаларын бекіту туралы\"",
        ];
        for s in cases {
            assert_eq!(approving_title(s, g).as_deref(), Some("rules"), "{s}");
        }
        assert_eq!(approving_title("Об утверждении регламента", g), None);
    }

    /// A stamp naming the rules or the standard is the document's own
    /// appendix; one naming the act first, or last in Kazakh, is the act's.
    #[test]
    fn stamps_of_a_service_documents_own_appendix() {
        assert_eq!(
            class("Приложение 3 к Правилам оказания государственной услуги \"Выдача\""),
            Class::RegulationAppendix
        );
        assert_eq!(
            class("Приложение 6 к Стандарту государственной услуги \"Выдача\""),
            Class::RegulationAppendix
        );
        assert_eq!(
            class(
                "Приложение 1 к приказу Министра юстиции Республики Казахстан от 19 июня 2020 года № 107"
            ),
            Class::ActAppendix
        );
        assert_eq!(
            class("\"Жол жүру құжатын беру\" мемлекеттік қызмет көрсету қағидаларына 1-қосымша"),
            Class::RegulationAppendix
        );
        assert_eq!(
            class("\"Жол жүру құжатын беру\" мемлекеттік қызмет көрсету қағидаларына қосымша"),
            Class::RegulationAppendix
        );
        // A stamp over 400 bytes but under 400 characters is still a stamp.
        let long = format!(
            "Приложение 1 к Правилам оказания государственной услуги \"{}\"",
            "выдача заключения ".repeat(14)
        );
        assert!(long.len() > 400 && long.chars().count() < 400);
        assert_eq!(class(&long), Class::RegulationAppendix);
    }
}
