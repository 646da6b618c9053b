//! Stage 5: records. The output types (serde + JSON Schema), stable ids, and
//! the conversion of spanned values into the document's `.spans` map.
//!
//! Invariants: every extracted value is a [`Spanned`] whose span points into
//! the original file; `Document::to_json` moves those spans into `.spans`,
//! keyed by the JSON Pointer of the value, so the record itself stays plain.

mod diagnostic;
pub mod id;
mod origin;
pub mod provision;
mod source_info;
pub mod spans;
mod unit;

pub use unit::StructureUnit;

pub use diagnostic::{Code, Diagnostic, Level};
pub use origin::InMeta;
pub use provision::{Provision, ProvisionUnit};
pub use source_info::{Encoding, Format, MetaInfo, SourceInfo};

use crate::span::{Span, Spanned};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Version of the JSON record layout; bumped on any incompatible change.
pub const SCHEMA_VERSION: &str = "3";

/// The language of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    /// Russian.
    Ru,
    /// Kazakh.
    Kk,
}

impl Language {
    /// ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Language::Ru => "ru",
            Language::Kk => "kk",
        }
    }
}

/// The kind of a normative act.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ActKind {
    /// постановление / қаулы
    Resolution,
    /// решение / шешім
    Decision,
    /// приказ / бұйрық
    Order,
    /// закон / заң
    Law,
    /// указ / жарлық
    Decree,
    /// a regulation standing on its own (an attachment without its act)
    Regulation,
    /// a joint resolution and decision / бірлескен қаулысы мен шешімі
    Joint,
    /// распоряжение / өкім (an akim's or the Prime Minister's)
    Disposition,
}

impl ActKind {
    /// The name used in ids and output.
    pub fn as_str(self) -> &'static str {
        match self {
            ActKind::Resolution => "resolution",
            ActKind::Decision => "decision",
            ActKind::Order => "order",
            ActKind::Law => "law",
            ActKind::Decree => "decree",
            ActKind::Regulation => "regulation",
            ActKind::Joint => "joint",
            ActKind::Disposition => "disposition",
        }
    }
}

/// The kind of body that issued an act.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Body {
    /// акимат / әкімдік
    Akimat,
    /// аким / әкім
    Akim,
    /// маслихат / мәслихат
    Maslikhat,
    /// a ministry or minister
    Ministry,
    /// the Government
    Government,
    /// the Parliament (laws)
    Parliament,
    /// a court
    Court,
    /// the President
    President,
}

impl Body {
    /// The name used in ids and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Body::Akimat => "akimat",
            Body::Akim => "akim",
            Body::Maslikhat => "maslikhat",
            Body::Ministry => "ministry",
            Body::Government => "government",
            Body::Parliament => "parliament",
            Body::Court => "court",
            Body::President => "president",
        }
    }

    /// A body of an oblast, a city or a district, whose acts name their
    /// region; the rest are national. Courts count as national: only the
    /// Supreme and Constitutional courts issue normative acts. A match, not
    /// a list, so a new body must be placed on one side or the other.
    pub fn is_local(self) -> bool {
        match self {
            Body::Akimat | Body::Akim | Body::Maslikhat => true,
            Body::Ministry
            | Body::Government
            | Body::Parliament
            | Body::Court
            | Body::President => false,
        }
    }
}

/// A calendar date, serialized as ISO 8601 `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub jiff::civil::Date);

impl Date {
    /// A valid date of the modern state's legal history, or `None` (31
    /// February, the year 0000, 2999 …).
    pub fn new(year: i64, month: i64, day: i64) -> Option<Date> {
        if !(1900..=2100).contains(&year) {
            return None;
        }
        let y = i16::try_from(year).ok()?;
        let m = i8::try_from(month).ok()?;
        let d = i8::try_from(day).ok()?;
        jiff::civil::Date::new(y, m, d).ok().map(Date)
    }

    /// Parse `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Date> {
        s.parse::<jiff::civil::Date>().ok().map(Date)
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("not a date: {s:?}")))
    }
}

impl JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "format": "date" })
    }
}

/// Units of a duration.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DurationUnit {
    /// минута / минут
    Minute,
    /// час / сағат
    Hour,
    /// рабочий день / жұмыс күні
    WorkingDay,
    /// календарный день / күнтізбелік күн
    CalendarDay,
    /// день, unqualified / күн
    Day,
    /// месяц / ай
    Month,
}

/// An amendment operation.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// «изложить в следующей редакции» / «мынадай редакцияда жазылсын»
    Replace,
    /// «дополнить» / «толықтырылсын»
    Insert,
    /// «исключить» / «алып тасталсын»
    Delete,
}

/// The status an act's own text states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The text says it is in force.
    InForce,
    /// The text says it lost force.
    LostForce,
    /// The text does not say.
    #[default]
    Unknown,
}

/// Who issued an act.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Issuer {
    /// The kind of body.
    pub body: Option<Spanned<Body>>,
    /// ISO 3166-2:KZ code of the region; none for national bodies.
    pub region: Option<Spanned<String>>,
    /// The issuer as written ("акимата Западно-Казахстанской области").
    pub name: Spanned<String>,
}

/// A reference to an act, as another text cites it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ActRef {
    /// The FRBR work id the reference resolves to, when kind, date and
    /// number are all known.
    pub id: Option<String>,
    /// Kind of the cited act.
    pub kind: Option<Spanned<ActKind>>,
    /// Its issuer.
    pub issuer: Option<Issuer>,
    /// Its date of adoption.
    pub date: Option<Spanned<Date>>,
    /// Its number.
    pub number: Option<Spanned<String>>,
    /// Its title, when the citation quotes it.
    pub title: Option<Spanned<String>>,
    /// The whole citation as written.
    pub text: Spanned<String>,
}

/// State registration with the justice authorities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Registration {
    /// The registering authority as written.
    pub authority: Option<Spanned<String>>,
    /// Date of registration.
    pub date: Option<Spanned<Date>>,
    /// Registration number.
    pub number: Option<Spanned<String>>,
}

/// How and when an act enters into force.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct EntryIntoForce {
    /// The rule.
    pub rule: EntryRule,
    /// Days after the event, for `days_after_first_publication`.
    pub days: Option<Spanned<u32>>,
    /// The date, for `on_date`.
    pub date: Option<Spanned<Date>>,
    /// The provision as written.
    pub text: Spanned<String>,
}

/// The event an act's force is counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EntryRule {
    /// N calendar days after the day of first official publication.
    DaysAfterFirstPublication,
    /// From the day of first official publication.
    FirstPublication,
    /// From the day of state registration.
    Registration,
    /// From the day of signing or adoption.
    Signing,
    /// From a date the provision names ("с 1 января 2026 года").
    OnDate,
    /// A rule we could not classify; see `text`.
    Other,
}

/// That an act lost force, and by which act.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct LostForce {
    /// The act that repealed it.
    pub by: Option<ActRef>,
    /// When the repealing act's own entry into force is stated, the rule.
    pub effective: Option<EntryIntoForce>,
    /// The footnote or requisites line that says so.
    pub statement: Spanned<String>,
}

/// The signature under an act.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Signatory {
    /// Position ("Аким области").
    pub position: Option<Spanned<String>>,
    /// Name ("А.Кульгинов").
    pub name: Spanned<String>,
}

/// A regulation an act approves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Approval {
    /// Id of the regulation record, when the regulation's text is in this
    /// document.
    pub regulation: Option<String>,
    /// The service the regulation governs, as named in the approving text.
    pub service: Spanned<String>,
    /// The act whose regulation this is, when not the approving act itself
    /// (e.g. a new edition of a regulation of an amended act).
    pub of: Option<ActRef>,
}

/// A footnote (Сноска / Ескерту).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Footnote {
    /// Its text.
    pub text: Spanned<String>,
}

/// The act record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Default)]
pub struct Act {
    /// FRBR work id, e.g. `/akn/kz-27/act/resolution/akimat/2017-10-31/272`.
    pub id: Option<String>,
    /// Kind of act.
    pub kind: Option<Spanned<ActKind>>,
    /// Who issued it.
    pub issuer: Option<Issuer>,
    /// Date of adoption.
    pub date: Option<Spanned<Date>>,
    /// Number.
    pub number: Option<Spanned<String>>,
    /// Title.
    pub title: Option<Spanned<String>>,
    /// State registration.
    pub registration: Option<Registration>,
    /// Status as the text states it.
    pub status: Status,
    /// Loss of force, when stated.
    pub lost_force: Option<LostForce>,
    /// Acts this one amends.
    pub amends: Vec<ActRef>,
    /// Acts this one declares lost force.
    pub repeals: Vec<ActRef>,
    /// Regulations this act approves.
    pub approves: Vec<Approval>,
    /// For a regulation standing alone: the act that approved it.
    pub approved_by: Option<ActRef>,
    /// Signature.
    pub signatory: Option<Signatory>,
    /// Entry-into-force rule.
    pub entry_into_force: Option<EntryIntoForce>,
    /// Footnotes.
    pub footnotes: Vec<Footnote>,
}

/// A duration: `2 (двух) минут` is `{value: 2, unit: minute, iso8601: PT2M}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Duration {
    /// The number (in digits where written so).
    pub value: Spanned<u64>,
    /// The unit.
    pub unit: Spanned<DurationUnit>,
    /// ISO 8601 (a working day is written as a day; `unit` says which).
    pub iso8601: String,
    /// The duration as written.
    pub text: Spanned<String>,
}

/// Which term of a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TermKind {
    /// The term of rendering the service.
    ServiceTerm,
    /// The maximum waiting time to hand in documents.
    MaxWaiting,
    /// The maximum service time.
    MaxService,
}

/// A term of a service, with its durations (one per case the text names:
/// "30 минут, при обращении на портал – 1 рабочий день").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Term {
    /// Which term.
    pub kind: TermKind,
    /// Its durations.
    pub durations: Vec<Duration>,
    /// The provision as written.
    pub text: Spanned<String>,
}

/// A channel through which the service is requested or delivered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Channel {
    /// `office`, `provider`, `state_corporation`, `employment_center`,
    /// `portal`, `akim_village` (grammar `[channels]`), or `other`.
    pub kind: Spanned<String>,
    /// As written.
    pub text: Spanned<String>,
}

/// The four documents that set out a public service. They share one
/// model; each fills the fields its text states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RegulationKind {
    /// регламент государственной услуги / мемлекеттік көрсетілетін қызмет
    /// регламенті: chapters of procedures between the provider's staff.
    Regulation,
    /// электронный регламент: the steps through the portal.
    ERegulation,
    /// стандарт государственной услуги: numbered points of requirements.
    Standard,
    /// правила оказания государственной услуги / мемлекеттік қызмет
    /// көрсету қағидалары: the 2020+ rules, with a requirements table.
    Rules,
}

impl RegulationKind {
    /// The kind for a `[service_documents]` key of the grammar.
    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "regulation" => Some(Self::Regulation),
            "e_regulation" => Some(Self::ERegulation),
            "standard" => Some(Self::Standard),
            "rules" => Some(Self::Rules),
            _ => None,
        }
    }

    /// The name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Regulation => "regulation",
            Self::ERegulation => "e_regulation",
            Self::Standard => "standard",
            Self::Rules => "rules",
        }
    }
}

/// How a service is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    /// Electronic.
    Electronic,
    /// On paper.
    Paper,
    /// Electronic, partially automated.
    PartiallyAutomated,
}

/// Who receives a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Recipient {
    /// Individuals.
    Individuals,
    /// Legal entities.
    LegalEntities,
}

/// Whether a service is paid for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Fee {
    /// Free of charge.
    Free,
    /// Paid.
    Paid,
    /// The regulation does not say.
    Unknown,
}

/// A participant: a role id from the grammar and the words as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Actor {
    /// Role id (`office_clerk`, `head`, `executor`, … in `[roles]`), when
    /// the lexicon knows the role.
    pub role: Option<Spanned<String>>,
    /// As written ("работник канцелярии услугодателя").
    pub text: Spanned<String>,
}

/// A step of a service: who does what, for how long, with what result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Procedure {
    /// Its number in the list.
    pub n: Spanned<u32>,
    /// Who does it.
    pub actor: Option<Actor>,
    /// What is done, as written.
    pub action: Spanned<String>,
    /// How long it takes.
    pub duration: Option<Duration>,
    /// What it yields.
    pub result: Option<Spanned<String>>,
}

/// What a portal step is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// "процесс N" / "N-үдеріс".
    Process,
    /// "условие N" / "N-шарт".
    Condition,
    /// Any other step.
    Step,
}

/// A step of the service through the portal (or the State Corporation).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PortalStep {
    /// Its number in the list.
    pub n: Spanned<u32>,
    /// Process, condition or plain step.
    pub kind: StepKind,
    /// "процесс 3" -> 3.
    pub number: Option<Spanned<u32>>,
    /// As written.
    pub text: Spanned<String>,
    /// How long it takes, when stated.
    pub duration: Option<Duration>,
}

/// A chapter of a regulation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Chapter {
    /// Its number.
    pub n: Option<Spanned<u32>>,
    /// Chapter id from the grammar (`general`, `actions`, `interaction`,
    /// `state_corporation`, `other`, `appeal`).
    pub id: Option<String>,
    /// Its title.
    pub title: Spanned<String>,
}

/// A regulation of a public service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Regulation {
    /// Stable id under the act's id.
    pub id: Option<String>,
    /// What kind of service document it is; its span is the title that
    /// says so.
    pub kind: Spanned<RegulationKind>,
    /// The service's name, without quotes.
    pub service: Option<Spanned<String>>,
    /// The regulation's title as written.
    pub title: Spanned<String>,
    /// Its appendix number in the act.
    pub appendix: Option<Spanned<String>>,
    /// The act that approved it.
    pub approved_by: Option<ActRef>,
    /// Its language.
    pub language: Language,
    /// Who renders the service, as written.
    pub provider: Option<Spanned<String>>,
    /// The service standard it follows.
    pub standard: Option<ActRef>,
    /// Where the service is requested and delivered.
    pub channels: Vec<Channel>,
    /// How it is rendered.
    pub forms: Vec<Spanned<Form>>,
    /// What it yields.
    pub result: Option<Spanned<String>>,
    /// Who receives it.
    pub recipients: Vec<Spanned<Recipient>>,
    /// Paid or free.
    pub fee: crate::span::MaybeSpanned<Fee>,
    /// Its terms.
    pub terms: Vec<Term>,
    /// The provider's working hours, as written.
    pub schedule: Option<Spanned<String>>,
    /// The documents the applicant submits, one entry per item as written.
    pub documents: Vec<Spanned<String>>,
    /// The grounds for refusing the service, one entry per item as written.
    pub refusal_grounds: Vec<Spanned<String>>,
    /// Chapter 2: the procedures.
    pub procedures: Vec<Procedure>,
    /// Chapter 3: the sequence of procedures between participants.
    pub sequence: Vec<Procedure>,
    /// Chapter 3: the participants.
    pub actors: Vec<Actor>,
    /// Chapter 4: the steps through the portal.
    pub portal_steps: Vec<PortalStep>,
    /// Its chapters.
    pub chapters: Vec<Chapter>,
    /// Its text as a provision tree (after the title; its own appendices,
    /// such as diagrams, are not in it).
    pub provisions: Vec<Provision>,
}

/// A step of a structural address: a unit and its numbers
/// ("подпункты 19), 20)" is `{unit: subpoint, numbers: ["19)", "20)"]}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PathPart {
    /// The unit, with the span of its word ("подпункт", "тармақшасы").
    pub unit: Spanned<StructureUnit>,
    /// Its numbers as written.
    pub numbers: Vec<Spanned<String>>,
}

/// What an amendment operation acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// The provisions its path names, whole.
    Provision,
    /// Words inside them ("в подпункте 3) слова "…" исключить"): the path
    /// names where, the quoted words say what.
    Words,
}

/// An amendment operation: what an act does to another act's text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Amendment {
    /// replace, insert or delete.
    pub op: Spanned<Op>,
    /// The amended act.
    pub target: ActRef,
    /// The regulation inside it, when the operation is on one (its service).
    pub regulation: Option<Spanned<String>>,
    /// Where in the target: outermost unit first (`пункт 1 / подпункт 17)`).
    /// Empty for a whole regulation, or when the instruction names a place
    /// the parser cannot address (a diagnostic says so).
    pub path: Vec<PathPart>,
    /// Whole provisions, or words inside them.
    pub scope: Scope,
    /// The operation is on a regulation as a whole, named with no unit
    /// inside it ("регламент … изложить в новой редакции согласно
    /// приложению 1"): with `replace`, a new edition of it.
    pub whole_regulation: bool,
    /// The new wording, where given.
    pub text: Option<Spanned<String>>,
    /// The appendices of this act that carry the new wording ("согласно
    /// приложению 1").
    pub appendices: Vec<Spanned<String>>,
    /// The regulation records of this document in those appendices.
    pub new_regulations: Vec<String>,
    /// The instruction as written ("подпункт 17) пункта 1 изложить в
    /// следующей редакции:").
    pub instruction: Spanned<String>,
    /// The whole operation, instruction and new wording.
    pub span: Span,
}

/// A value as plain JSON: its spanned values as their values, spans left
/// out (what a diff shows side by side).
pub fn plain<T: Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v)
        .map(|raw| spans::extract(raw).0)
        .unwrap_or_default()
}

/// A record (`what` names it in an error) as JSON: values plain, their
/// spans gathered in `.spans` (JSON Pointer -> `[start, end]` of the
/// original file).
pub fn with_spans<T: Serialize>(v: &T, what: &str) -> crate::error::Result<serde_json::Value> {
    let raw = serde_json::to_value(v).map_err(|source| crate::error::Error::Serialize {
        what: what.into(),
        source,
    })?;
    let (mut plain, spans) = spans::extract(raw);
    if let serde_json::Value::Object(map) = &mut plain {
        let spans: serde_json::Map<String, serde_json::Value> = spans
            .into_iter()
            .map(|(k, s)| (k, serde_json::to_value(s).unwrap_or_default()))
            .collect();
        map.insert("spans".into(), serde_json::Value::Object(spans));
    }
    Ok(plain)
}

/// One parsed file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Document {
    /// Layout version ([`SCHEMA_VERSION`]).
    pub schema_version: String,
    /// The file.
    pub source: SourceInfo,
    /// Language of the document.
    pub language: Language,
    /// The act.
    pub act: Act,
    /// The act's own operative text as a provision tree.
    pub provisions: Vec<Provision>,
    /// The regulations of public services in it, in document order.
    pub regulations: Vec<Regulation>,
    /// What it does to other acts' texts, in document order.
    pub amendments: Vec<Amendment>,
    /// Findings, in document order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Document {
    /// The record as JSON: values plain, their spans gathered in `.spans`
    /// (JSON Pointer -> `[start, end]` of the original file).
    pub fn to_json(&self) -> crate::error::Result<serde_json::Value> {
        with_spans(self, "document")
    }

    /// The JSON Schema of [`Document::to_json`]'s output.
    pub fn json_schema() -> serde_json::Value {
        let mut schema = serde_json::to_value(schemars::schema_for!(Document)).unwrap_or_default();
        if let Some(props) = schema.get_mut("properties").and_then(|p| p.as_object_mut()) {
            props.insert(
                "spans".into(),
                serde_json::json!({
                    "description": "For every extracted value: its JSON Pointer -> [start, end) byte span of the original file ([start, end, \"meta.yaml\"]: of the act folder's meta.yaml)",
                    "type": "object",
                    "additionalProperties": { "$ref": "#/$defs/Span" }
                }),
            );
        }
        if let Some(req) = schema.get_mut("required").and_then(|r| r.as_array_mut()) {
            req.push("spans".into());
        }
        if let Some(defs) = schema.get_mut("$defs").and_then(|d| d.as_object_mut()) {
            defs.entry("Span").or_insert_with(|| {
                crate::span::Span::json_schema(&mut schemars::SchemaGenerator::default()).to_value()
            });
        }
        schema
    }
}

#[cfg(test)]
mod tests {
    use super::Body;

    /// Issue 8: "is this body local" was written four ways.
    #[test]
    fn local_bodies_are_akimats_akims_and_maslikhats() {
        let local: Vec<Body> = [
            Body::Akimat,
            Body::Akim,
            Body::Maslikhat,
            Body::Ministry,
            Body::Government,
            Body::Parliament,
            Body::Court,
            Body::President,
        ]
        .into_iter()
        .filter(|b| b.is_local())
        .collect();
        assert_eq!(local, [Body::Akimat, Body::Akim, Body::Maslikhat]);
    }
}
