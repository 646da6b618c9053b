//! Akoma Ntoso 3.0: one XML document per text of an act, valid against
//! the OASIS schema (`tests/schemas/akomantoso30.xsd`; the tests run
//! `xmllint --schema` over every corpus text).
//!
//! - **Names.** The act's work id is its FRBR work URI
//!   (`/akn/kz-27/act/resolution/akimat/2017-10-31/272`); the text is an
//!   expression of it in its language (`…/272/rus@2017-10-31`, ISO 639-2
//!   codes as AKN writes them); the XML is a manifestation (`….akn`). A
//!   text that states no work id is named from its act's key
//!   (`/akn/kz/act/unidentified/{the file's path as a slug}`) and dated
//!   `1900-01-01` named `unknown` (FRBRdate must carry a date).
//! - **Meta.** Identification; the lifecycle (adoption, and the repeal
//!   when the registry knows when it took effect, with the repealing act
//!   as a `passiveRef`); the references the rest points at (`#reglament`,
//!   the exporter, and `#issuer`, the issuing body).
//! - **Body.** The act's provision tree: chapter › `chapter`, article ›
//!   `article`, point › `point`, subpoint › `hcontainer name="subpoint"`
//!   (AKN has no `subpoint` element; `hcontainer` is its element for a
//!   level of a national hierarchy it does not name), paragraph (абзац)
//!   › `alinea`, AKN's unnumbered paragraph. Each has its `num` as written
//!   ("5.", "3)"), its `heading`, and its own text as `content` (a leaf)
//!   or `intro` (before its children), one `p` per line. A text without a
//!   tree still has a body: one `hcontainer name="text"` with its title.
//! - **Regulations** are the act's appendices: one `attachment` each,
//!   holding a `doc name="regulation"` named by the regulation's id
//!   (`…/272/!regulation-1`) with its own tree in `mainBody`.
//! - **eIds** follow the AKN naming convention: the path of prefixed
//!   numbers from the top (`chp_2__point_7__subpoint_3`), inside an
//!   attachment prefixed by it (`att_1__chp_1__point_1`); numbers are
//!   written as id segments (`5-1`, `2-1`); an unnumbered provision takes
//!   its place among its siblings of its kind; and an eId already taken in
//!   the document (a text that numbers two points "5.") gets `-2`, `-3` …,
//!   so every eId is unique, as the schema requires.

use super::xml::{attr, text};
use super::{language_code, record_ids};
use crate::error::{Error, Result};
use crate::record::{Date, Document, Language, Provision, ProvisionUnit, Regulation};
use crate::registry::{Registry, act_key};
use std::collections::HashSet;

/// The Akoma Ntoso 3.0 namespace.
pub const NAMESPACE: &str = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";

/// The whole registry in Akoma Ntoso, for streaming: one JSON Lines
/// record per text, in path order, `{"_id", "act", "language", "xml"}`,
/// where `_id` is the record's id (as in [`super::jsonl`]), `act` its
/// act's key and `xml` the text's whole AKN document ([`akn_document`]).
/// JSON Lines, because a sequence of XML documents is not one XML
/// document, and an AKN `documentCollection` would make each act's eIds
/// depend on the others: each line's `xml` is the very document
/// [`akn_act`] gives, and validates on its own.
pub fn akn(r: &Registry) -> impl Iterator<Item = Result<String>> + '_ {
    r.documents.iter().zip(record_ids(r)).map(move |(d, id)| {
        let line = serde_json::json!({
            "_id": id,
            "act": act_key(d),
            "language": d.language.code(),
            "xml": akn_document(r, d),
        });
        serde_json::to_string(&line)
            .map(|mut s| {
                s.push('\n');
                s
            })
            .map_err(|source| Error::Serialize {
                what: "an Akoma Ntoso export line".into(),
                source,
            })
    })
}

/// The AKN document of an act's text: the act `id` (a work id, or the
/// `file:` key of an act that states none) in `language`, or, with no
/// language asked for, in the language of its first text.
pub fn akn_act(r: &Registry, id: &str, language: Option<Language>) -> Result<String> {
    let mut texts = r.documents.iter().filter(|d| act_key(d) == id).peekable();
    if texts.peek().is_none() {
        return Err(Error::NoSuchAct {
            query: id.into(),
            reason: "no text of the corpus is of this act".into(),
        });
    }
    let doc = texts.find(|d| language.is_none_or(|l| d.language == l));
    match doc {
        Some(d) => Ok(akn_document(r, d)),
        None => Err(Error::NoSuchAct {
            query: id.into(),
            reason: format!(
                "the corpus has no {} text of this act",
                language.map_or("", Language::code)
            ),
        }),
    }
}

/// One text's AKN document, with the XML declaration.
pub fn akn_document(r: &Registry, d: &Document) -> String {
    let frbr = Frbr::of(d);
    let mut w = Writer::default();
    w.out
        .push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    w.out
        .push_str(&format!("<akomaNtoso xmlns=\"{NAMESPACE}\">\n"));
    let kind = d.act.kind.as_ref().map_or("act", |k| k.value.as_str());
    w.out.push_str(&format!("<act name=\"{}\">\n", attr(kind)));
    w.meta(r, d, &frbr);
    w.preface(d);
    w.out.push_str("<body>\n");
    if d.provisions.is_empty() {
        w.unstructured(d.act.title.as_ref().map(|t| t.value.as_str()));
    } else {
        w.provisions(&d.provisions, "");
    }
    w.out.push_str("</body>\n");
    w.attachments(d, &frbr);
    w.out.push_str("</act>\n</akomaNtoso>\n");
    w.out
}

/// The FRBR names of a text.
#[derive(Debug, Clone, PartialEq)]
struct Frbr {
    /// The work URI.
    work: String,
    /// The country segment of the work URI (`kz`, `kz-27`).
    country: String,
    /// The work's date, and what it is the date of.
    date: (Date, &'static str),
    /// ISO 639-2.
    language: &'static str,
}

impl Frbr {
    fn of(d: &Document) -> Frbr {
        let key = act_key(d);
        let work = d.act.id.clone().unwrap_or_else(|| unidentified(&key));
        let country = work
            .split('/')
            .nth(2)
            .filter(|c| !c.is_empty())
            .unwrap_or("kz")
            .to_string();
        let adopted = d.act.date.as_ref().map(|x| (x.value, "adoption"));
        let registered = d
            .act
            .registration
            .as_ref()
            .and_then(|x| x.date.as_ref())
            .map(|x| (x.value, "registration"));
        let date = adopted
            .or(registered)
            .unwrap_or((Date(jiff::civil::date(1900, 1, 1)), "unknown"));
        Frbr {
            work,
            country,
            date,
            language: language_code(d.language),
        }
    }

    fn expression(&self) -> String {
        format!("{}/{}@{}", self.work, self.language, self.date.0)
    }
}

/// The work URI of an act that states no id, from its key (`file:` and a
/// path): the path as a slug of ASCII letters, digits and hyphens.
fn unidentified(key: &str) -> String {
    let path = key.strip_prefix("file:").unwrap_or(key);
    let mut slug = String::new();
    for c in path.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    format!("/akn/kz/act/unidentified/{}", slug.trim_matches('-'))
}

/// The AKN element of a provision: its tag, the `name` of an
/// `hcontainer`, and its eId prefix.
fn element(unit: ProvisionUnit) -> (&'static str, Option<&'static str>, &'static str) {
    match unit {
        ProvisionUnit::Chapter => ("chapter", None, "chp"),
        ProvisionUnit::Article => ("article", None, "art"),
        ProvisionUnit::Point => ("point", None, "point"),
        ProvisionUnit::Subpoint => ("hcontainer", Some("subpoint"), "subpoint"),
        ProvisionUnit::Paragraph => ("alinea", None, "al"),
    }
}

/// A number as an eId segment: lower-case ASCII letters, digits and
/// hyphens (`5-1`, `3)` -> `3`, `2.1` -> `2-1`, `а)` -> `a`).
fn number_segment(number: &str) -> String {
    crate::record::id::number_segment(number.trim_end_matches([')', '.']), |_| None)
}

/// Splits a provision's own text into the label it opens with (`5.`,
/// `3)`, `Глава 2.`, `2-тарау.`), when it opens with its number, and the
/// rest.
fn split_label<'t>(text: &'t str, number: Option<&str>) -> (Option<&'t str>, &'t str) {
    let Some(number) = number.map(str::trim).filter(|n| !n.is_empty()) else {
        return (None, text.trim());
    };
    let text = text.trim();
    let Some(at) = text.find(number) else {
        return (None, text);
    };
    // Nothing before it, or one capitalised word and a space.
    let before = text.get(..at).unwrap_or("");
    let word = before.strip_suffix(' ').unwrap_or(before);
    let unit_word = word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().all(crate::text::is_letter)
        && word.len() < before.len();
    if !(before.is_empty() || unit_word) {
        return (None, text);
    }
    let mut end = at + number.len();
    let rest = |end: usize| text.get(end..).unwrap_or("");
    // A Kazakh unit word joined by a hyphen: "2-тарау", "1-бап".
    if rest(end).starts_with('-') {
        let word: usize = rest(end)
            .chars()
            .skip(1)
            .take_while(|c| crate::text::is_letter(*c))
            .map(char::len_utf8)
            .sum();
        if word > 0 {
            end += 1 + word;
        }
    }
    if !number.ends_with([')', '.']) && rest(end).starts_with(['.', ')']) {
        end += 1;
    }
    let after = rest(end);
    if !(after.is_empty() || after.starts_with(char::is_whitespace)) {
        return (None, text);
    }
    (text.get(..end), after.trim())
}

/// The lines of a text that carry words.
fn lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

/// An AKN document being written, and the eIds it has used.
#[derive(Default)]
struct Writer {
    out: String,
    eids: HashSet<String>,
}

impl Writer {
    /// `wanted`, or, when the document has it already, `wanted-2`,
    /// `wanted-3` …
    fn eid(&mut self, wanted: String) -> String {
        let mut id = wanted.clone();
        let mut n = 2;
        while self.eids.contains(&id) {
            id = format!("{wanted}-{n}");
            n += 1;
        }
        self.eids.insert(id.clone());
        id
    }

    fn line(&mut self, s: &str) {
        self.out.push_str(s);
        self.out.push('\n');
    }

    fn meta(&mut self, r: &Registry, d: &Document, frbr: &Frbr) {
        self.line("<meta>");
        self.identification(d, frbr);
        let lost = r.node(&act_key(d)).and_then(|n| r.lost_on(n));
        let repealer = lost.as_ref().and_then(|l| {
            let by = l.decided_by.as_ref()?;
            Some((l.as_of, by.id.clone(), by.label.clone()))
        });
        let adopted = d.act.date.as_ref().map(|x| x.value);
        let events = adopted.is_some() || repealer.is_some();
        if events {
            self.line("<lifecycle source=\"#reglament\">");
            if let Some(date) = adopted {
                self.line(&format!(
                    "<eventRef eId=\"evt_1\" date=\"{date}\" source=\"#original\" type=\"generation\"/>"
                ));
            }
            if let Some((date, _, _)) = &repealer {
                self.line(&format!(
                    "<eventRef eId=\"evt_2\" date=\"{date}\" source=\"#repealer\" type=\"repeal\"/>"
                ));
            }
            self.line("</lifecycle>");
        }
        self.line("<references source=\"#reglament\">");
        let title = d.act.title.as_ref().map_or("", |t| t.value.as_str());
        self.line(&format!(
            "<original eId=\"original\" href=\"{}\" showAs=\"{}\"/>",
            attr(&frbr.expression()),
            attr(if title.is_empty() { &frbr.work } else { title })
        ));
        if let Some((_, id, label)) = &repealer {
            self.line(&format!(
                "<passiveRef eId=\"repealer\" href=\"{}\" showAs=\"{}\"/>",
                attr(id),
                attr(label)
            ));
        }
        self.line("<TLCOrganization eId=\"reglament\" href=\"/ontology/organization/reglament\" showAs=\"reglament\"/>");
        let body = d
            .act
            .issuer
            .as_ref()
            .and_then(|i| i.body.as_ref())
            .map_or("body", |b| b.value.as_str());
        let issuer = d
            .act
            .issuer
            .as_ref()
            .map_or("unknown", |i| i.name.value.as_str());
        self.line(&format!(
            "<TLCOrganization eId=\"issuer\" href=\"/ontology/organization/{}/{}\" showAs=\"{}\"/>",
            attr(&frbr.country),
            attr(body),
            attr(issuer)
        ));
        self.line("</references>");
        self.line("</meta>");
    }

    /// FRBR work, expression and manifestation of `frbr` (for a
    /// regulation, `this` names it inside its act's work).
    fn identification(&mut self, d: &Document, frbr: &Frbr) {
        let (date, name) = (frbr.date.0, frbr.date.1);
        let expression = frbr.expression();
        self.line("<identification source=\"#reglament\">");
        self.line("<FRBRWork>");
        self.line(&format!("<FRBRthis value=\"{}/!main\"/>", attr(&frbr.work)));
        self.line(&format!("<FRBRuri value=\"{}\"/>", attr(&frbr.work)));
        self.line(&format!("<FRBRdate date=\"{date}\" name=\"{name}\"/>"));
        self.line("<FRBRauthor href=\"#issuer\"/>");
        self.line(&format!("<FRBRcountry value=\"{}\"/>", attr(&frbr.country)));
        if let Some(kind) = &d.act.kind {
            self.line(&format!(
                "<FRBRsubtype value=\"{}\"/>",
                attr(kind.value.as_str())
            ));
        }
        if let Some(number) = &d.act.number {
            self.line(&format!("<FRBRnumber value=\"{}\"/>", attr(&number.value)));
        }
        self.line("</FRBRWork>");
        self.expression_and_manifestation(&expression, "!main", (date, name), frbr.language);
        self.line("</identification>");
    }

    fn expression_and_manifestation(
        &mut self,
        expression: &str,
        component: &str,
        (date, name): (Date, &str),
        language: &str,
    ) {
        let e = attr(expression);
        self.line("<FRBRExpression>");
        self.line(&format!("<FRBRthis value=\"{e}/{component}\"/>"));
        self.line(&format!("<FRBRuri value=\"{e}\"/>"));
        self.line(&format!("<FRBRdate date=\"{date}\" name=\"{name}\"/>"));
        self.line("<FRBRauthor href=\"#issuer\"/>");
        self.line(&format!("<FRBRlanguage language=\"{language}\"/>"));
        self.line("</FRBRExpression>");
        self.line("<FRBRManifestation>");
        self.line(&format!("<FRBRthis value=\"{e}/{component}.xml\"/>"));
        self.line(&format!("<FRBRuri value=\"{e}.akn\"/>"));
        self.line(&format!("<FRBRdate date=\"{date}\" name=\"{name}\"/>"));
        self.line("<FRBRauthor href=\"#reglament\"/>");
        self.line("<FRBRformat value=\"application/akn+xml\"/>");
        self.line("</FRBRManifestation>");
    }

    /// The title, and the requisites: issuer, date, number.
    fn preface(&mut self, d: &Document) {
        let a = &d.act;
        let mut requisites = Vec::new();
        if let Some(i) = &a.issuer {
            requisites.push(format!(
                "<docProponent>{}</docProponent>",
                text(&i.name.value)
            ));
        }
        if let Some(date) = &a.date {
            requisites.push(format!(
                "<docDate date=\"{}\">{}</docDate>",
                date.value,
                text(&date.value.to_string())
            ));
        }
        if let Some(n) = &a.number {
            requisites.push(format!("№ <docNumber>{}</docNumber>", text(&n.value)));
        }
        if a.title.is_none() && requisites.is_empty() {
            return;
        }
        self.line("<preface>");
        if !requisites.is_empty() {
            self.line(&format!("<p>{}</p>", requisites.join(", ")));
        }
        if let Some(t) = &a.title {
            self.line(&format!(
                "<longTitle><p><docTitle>{}</docTitle></p></longTitle>",
                text(&t.value)
            ));
        }
        self.line("</preface>");
    }

    /// A body for a text without a provision tree.
    fn unstructured(&mut self, title: Option<&str>) {
        let id = self.eid("hcontainer_1".into());
        self.line(&format!(
            "<hcontainer eId=\"{id}\" name=\"text\"><content><p>{}</p></content></hcontainer>",
            text(title.unwrap_or(""))
        ));
    }

    /// Provisions under the eId `parent` ("" at the top).
    fn provisions(&mut self, ps: &[Provision], parent: &str) {
        let mut seen: Vec<(ProvisionUnit, usize)> = Vec::new();
        for p in ps {
            let place = match seen.iter_mut().find(|(u, _)| *u == p.unit) {
                Some((_, n)) => {
                    *n += 1;
                    *n
                }
                None => {
                    seen.push((p.unit, 1));
                    1
                }
            };
            self.provision(p, parent, place);
        }
    }

    /// One provision, the `place`-th of its kind among its siblings.
    fn provision(&mut self, p: &Provision, parent: &str, place: usize) {
        let (tag, name, prefix) = element(p.unit);
        let number = p.number.as_ref().map(|n| n.value.as_str());
        let segment = number
            .map(number_segment)
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| place.to_string());
        let wanted = if parent.is_empty() {
            format!("{prefix}_{segment}")
        } else {
            format!("{parent}__{prefix}_{segment}")
        };
        let id = self.eid(wanted);
        let name = name.map(|n| format!(" name=\"{n}\"")).unwrap_or_default();
        self.line(&format!("<{tag} eId=\"{}\"{name}>", attr(&id)));
        let (label, mut own) = split_label(&p.text.value, number);
        if let Some(label) = label.or(number) {
            self.line(&format!("<num>{}</num>", text(label)));
        }
        if let Some(h) = &p.heading {
            let heading = h.value.trim();
            self.line(&format!("<heading>{}</heading>", text(heading)));
            // A chapter's own text is its label and heading.
            own = own.strip_prefix(heading).unwrap_or(own).trim();
        }
        let paragraphs: String = lines(own)
            .into_iter()
            .map(|l| format!("<p>{}</p>", text(l)))
            .collect();
        match (p.children.is_empty(), paragraphs.is_empty()) {
            (true, false) => self.line(&format!("<content>{paragraphs}</content>")),
            (false, false) => self.line(&format!("<intro>{paragraphs}</intro>")),
            (_, true) => {}
        }
        self.provisions(&p.children, &id);
        self.line(&format!("</{tag}>"));
    }

    /// The regulations, as the act's attachments.
    fn attachments(&mut self, d: &Document, frbr: &Frbr) {
        if d.regulations.is_empty() {
            return;
        }
        self.line("<attachments>");
        for (i, reg) in d.regulations.iter().enumerate() {
            let id = self.eid(format!("att_{}", i + 1));
            self.line(&format!("<attachment eId=\"{id}\">"));
            self.regulation(reg, i + 1, &id, frbr);
            self.line("</attachment>");
        }
        self.line("</attachments>");
    }

    fn regulation(&mut self, reg: &Regulation, n: usize, eid: &str, act: &Frbr) {
        let component = format!("!regulation-{n}");
        let work = reg
            .id
            .clone()
            .unwrap_or_else(|| format!("{}/{component}", act.work));
        let expression = format!("{}/{}@{}", act.work, act.language, act.date.0);
        self.line("<doc name=\"regulation\">");
        self.line("<meta>");
        self.line("<identification source=\"#reglament\">");
        self.line("<FRBRWork>");
        self.line(&format!("<FRBRthis value=\"{}\"/>", attr(&work)));
        self.line(&format!("<FRBRuri value=\"{}\"/>", attr(&act.work)));
        self.line(&format!(
            "<FRBRdate date=\"{}\" name=\"{}\"/>",
            act.date.0, act.date.1
        ));
        self.line("<FRBRauthor href=\"#issuer\"/>");
        self.line(&format!("<FRBRcountry value=\"{}\"/>", attr(&act.country)));
        self.line("</FRBRWork>");
        self.expression_and_manifestation(&expression, &component, act.date, act.language);
        self.line("</identification>");
        self.line("</meta>");
        self.line(&format!(
            "<preface><longTitle><p><docTitle>{}</docTitle></p></longTitle></preface>",
            text(&reg.title.value)
        ));
        self.line("<mainBody>");
        if reg.provisions.is_empty() {
            self.line(&format!("<p>{}</p>", text(&reg.title.value)));
        } else {
            self.provisions(&reg.provisions, eid);
        }
        self.line("</mainBody>");
        self.line("</doc>");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::{Span, Spanned};

    fn node(
        unit: ProvisionUnit,
        number: Option<&str>,
        t: &str,
        children: Vec<Provision>,
    ) -> Provision {
        let s = |v: &str| Spanned::new(v.to_string(), Span::new(0, 0));
        Provision {
            unit,
            number: number.map(s),
            heading: None,
            text: s(t),
            span: Span::new(0, 0),
            children,
        }
    }

    #[test]
    fn labels_are_split_from_the_text() {
        assert_eq!(split_label("5. Текст", Some("5")), (Some("5."), "Текст"));
        assert_eq!(split_label("3) текст;", Some("3)")), (Some("3)"), "текст;"));
        assert_eq!(
            split_label("Глава 2. Общие", Some("2")),
            (Some("Глава 2."), "Общие")
        );
        assert_eq!(
            split_label("2-тарау. Жалпы", Some("2")),
            (Some("2-тарау."), "Жалпы")
        );
        assert_eq!(
            split_label("5-1. Текст", Some("5-1")),
            (Some("5-1."), "Текст")
        );
        // A text that does not open with its number keeps it all.
        assert_eq!(
            split_label("в пункте 5 слова", Some("5")),
            (None, "в пункте 5 слова")
        );
        assert_eq!(split_label("52. Текст", Some("5")), (None, "52. Текст"));
        assert_eq!(split_label(" абзац ", None), (None, "абзац"));
    }

    #[test]
    fn numbers_become_eid_segments() {
        assert_eq!(number_segment("3)"), "3");
        assert_eq!(number_segment("5-1"), "5-1");
        assert_eq!(number_segment("2.1."), "2-1");
        assert_eq!(number_segment("а)"), "a");
    }

    #[test]
    fn eids_are_paths_and_unique() {
        let tree = vec![
            node(
                ProvisionUnit::Point,
                Some("1"),
                "1. Первый:",
                vec![
                    node(ProvisionUnit::Subpoint, Some("1)"), "1) а;", vec![]),
                    node(ProvisionUnit::Paragraph, None, "абзац", vec![]),
                    node(ProvisionUnit::Paragraph, None, "ещё абзац", vec![]),
                ],
            ),
            // A text that numbers two points alike.
            node(ProvisionUnit::Point, Some("1"), "1. Второй", vec![]),
        ];
        let mut w = Writer::default();
        w.provisions(&tree, "");
        let ids: Vec<&str> = w
            .out
            .split("eId=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .collect();
        assert_eq!(
            ids,
            [
                "point_1",
                "point_1__subpoint_1",
                "point_1__al_1",
                "point_1__al_2",
                "point_1-2"
            ]
        );
        assert!(
            w.out
                .contains("<hcontainer eId=\"point_1__subpoint_1\" name=\"subpoint\">")
        );
        assert!(
            w.out
                .contains("<num>1.</num>\n<intro><p>Первый:</p></intro>")
        );
        assert!(
            w.out
                .contains("<num>1)</num>\n<content><p>а;</p></content>")
        );
    }

    #[test]
    fn a_text_without_an_id_is_named_by_its_file() {
        assert_eq!(
            unidentified("file:corpus/extra/ru_Закон 271.txt"),
            "/akn/kz/act/unidentified/corpus-extra-ru-271-txt"
        );
    }
}
