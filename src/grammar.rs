//! The lexicon: every Russian and Kazakh word the parser knows, loaded from
//! `grammar/ru.toml` and `grammar/kk.toml` (embedded at build time).
//!
//! Rules in `parse/` and `segment/` never spell a Russian or Kazakh word;
//! they ask the [`Grammar`]. Both languages are merged: a Russian act that
//! quotes a Kazakh phrase is still understood. Phrase syntax is described
//! at the top of `ru.toml`: case-insensitive, `е` = `ё`, `word*` is a
//! stem, `#` is a number.

use crate::error::{Error, Result};
use crate::record::{ActKind, Body, DurationUnit};
use regex::Regex;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::OnceLock;

/// The built-in grammar files.
pub const BUILTIN: [(&str, &str); 2] = [
    ("ru.toml", include_str!("../grammar/ru.toml")),
    ("kk.toml", include_str!("../grammar/kk.toml")),
];

/// What `#` matches in a phrase: 5, 19, 4/496, 8-1.
const NUMBER: &str = r"[0-9]+(?:[/\-][0-9]+)*";

/// What continues a stem (`word*`, `word+`): the letters of the two
/// languages (Latin look-alikes are folded to Cyrillic before matching, and
/// Latin stays for names such as "egov.kz"), digits and hyphens. Unicode's
/// whole `\w` would do the same here at many times the compile cost:
/// under `(?i)` each stem would carry every script's letters.
const STEM_ANY: &str = r"[\p{Cyrillic}a-zA-Z0-9_\-]*";
const STEM_PLUS: &str = r"[\p{Cyrillic}a-zA-Z0-9_\-]+";

/// A compiled list of phrases, each mapped to a key.
///
/// Word boundaries are checked in code, not with `\b`: a Unicode `\b`
/// keeps the regex engine off its DFA on Cyrillic text, which made every
/// scan of a long paragraph hundreds of times slower. The search finds
/// candidate bounds with the DFA; the key is read from the short matched
/// slice afterwards.
#[derive(Debug, Clone)]
pub struct Matcher<K> {
    keys: Vec<K>,
    anchored: Regex,
    search: Regex,
}

/// Phrases with no key: only "does it match, and where".
pub type Phrases = Matcher<()>;

/// How far past its start an anchored phrase may reach.
const AT_START_WINDOW: usize = 1024;

use crate::text::floor_char_boundary;

/// Letters and digits: what a phrase boundary may not split.
fn is_word_char(c: char) -> bool {
    crate::text::is_letter_or_digit(c) || c == '_'
}

impl<K: Clone> Matcher<K> {
    /// Compile `(key, phrase)` pairs. Longer phrases are tried first, so
    /// "изложить в следующей редакции" wins over "изложить".
    pub fn new(
        file: &str,
        field: &str,
        entries: impl IntoIterator<Item = (K, String)>,
    ) -> Result<Self> {
        let mut entries: Vec<(K, String)> = entries
            .into_iter()
            .filter(|(_, p)| !p.trim().is_empty())
            .collect();
        entries.sort_by_key(|(_, p)| std::cmp::Reverse(p.chars().count()));
        let alternatives: Vec<String> = entries
            .iter()
            .map(|(_, p)| format!("({})", phrase_regex(p)))
            .collect();
        let body = if alternatives.is_empty() {
            r"[^\s\S]".to_string()
        } else {
            alternatives.join("|")
        };
        let compile = |pattern: String| {
            Regex::new(&pattern).map_err(|e| Error::Grammar {
                file: file.into(),
                reason: format!("{field}: {e}"),
            })
        };
        Ok(Matcher {
            keys: entries.into_iter().map(|(k, _)| k).collect(),
            anchored: compile(format!("(?i)^(?:{body})"))?,
            search: compile(format!("(?i)(?:{body})"))?,
        })
    }

    /// The key of the phrase matching exactly `s[..end]`.
    fn key_at(&self, s: &str, end: usize) -> Option<K> {
        let head = s.get(..end.min(floor_char_boundary(s, AT_START_WINDOW)))?;
        let caps = self.anchored.captures(head)?;
        (1..caps.len())
            .find(|&i| caps.get(i).is_some())
            .and_then(|i| self.keys.get(i - 1))
            .cloned()
    }

    /// Does a match ending at `end` stop at a word boundary?
    fn ends_clean(s: &str, start: usize, end: usize) -> bool {
        let last = s.get(start..end).and_then(|m| m.chars().last());
        let next = s.get(end..).and_then(|r| r.chars().next());
        !(last.is_some_and(is_word_char) && next.is_some_and(is_word_char))
    }

    /// Does a match starting at `start` begin at a word boundary?
    fn starts_clean(s: &str, start: usize) -> bool {
        let first = s.get(start..).and_then(|m| m.chars().next());
        let prev = s.get(..start).and_then(|p| p.chars().last());
        !(first.is_some_and(is_word_char) && prev.is_some_and(is_word_char))
    }

    /// A match that starts at the beginning of `s`: `(key, length)`.
    pub fn at_start(&self, s: &str) -> Option<(K, usize)> {
        // Phrases are short; an anchored search over the rest of a long
        // paragraph would cost the engine memory in proportion to it.
        let head = s
            .get(..floor_char_boundary(s, AT_START_WINDOW))
            .unwrap_or(s);
        let m = self.anchored.find(head)?;
        if !Self::ends_clean(s, 0, m.end()) {
            return None;
        }
        Some((self.key_at(s, m.end())?, m.end()))
    }

    /// The first match in `s` at word boundaries.
    pub fn find(&self, s: &str) -> Option<(K, Range<usize>)> {
        self.find_iter(s).next()
    }

    /// All non-overlapping matches in `s`, left to right, at word boundaries.
    pub fn find_iter<'a>(&'a self, s: &'a str) -> impl Iterator<Item = (K, Range<usize>)> + 'a {
        let mut at = 0;
        std::iter::from_fn(move || {
            while at <= s.len() {
                let m = self.search.find_at(s, at)?;
                let (start, end) = (m.start(), m.end());
                if Self::starts_clean(s, start) && Self::ends_clean(s, start, end) && end > start {
                    let rest = s.get(start..)?;
                    if let Some(key) = self.key_at(rest, end - start) {
                        at = end;
                        return Some((key, start..end));
                    }
                }
                // Not at a boundary: a phrase can only start at the next word.
                let rest = s.get(start..)?;
                let word = rest.find(|c: char| !is_word_char(c)).unwrap_or(rest.len());
                at = start + word.max(rest.chars().next().map_or(1, char::len_utf8));
            }
            None
        })
    }

    /// Whether any phrase occurs in `s`.
    pub fn is_match(&self, s: &str) -> bool {
        self.find(s).is_some()
    }
}

/// Translate one phrase of the data syntax into a regex (boundaries are
/// checked by [`Matcher`]).
fn phrase_regex(phrase: &str) -> String {
    let words: Vec<String> = phrase.split_whitespace().map(word_regex).collect();
    words.join(r"\s+")
}

fn word_regex(word: &str) -> String {
    // `word*`: any continuation; `word+`: at least one more letter.
    let (stem, wild) = match (word.strip_suffix('*'), word.strip_suffix('+')) {
        (Some(s), _) => (s, Some("*")),
        (_, Some(s)) if !s.is_empty() => (s, Some("+")),
        _ => (word, None),
    };
    let mut out = String::new();
    for c in stem.chars() {
        match c {
            '#' => out.push_str(NUMBER),
            'е' | 'ё' | 'Е' | 'Ё' => out.push_str("[её]"),
            c => out.push_str(&regex::escape(c.encode_utf8(&mut [0; 4]))),
        }
    }
    match wild {
        Some("+") => out.push_str(STEM_PLUS),
        Some(_) => out.push_str(STEM_ANY),
        None => {}
    }
    out
}

/// Words that govern a displaced link on its left, and that it governs on
/// its right: the evidence for putting a moved word back.
#[derive(Debug, Clone)]
pub struct DisplacedLink {
    /// The moved text.
    pub link: Phrases,
    /// Words expected just before it.
    pub left: Phrases,
    /// `^` in the data: the start of a paragraph also governs it.
    pub left_at_start: bool,
    /// Every pattern is a stem (ends in `*` or `+`): weaker evidence than a
    /// named word form.
    pub generic: bool,
    /// Words expected just after it.
    pub right: Phrases,
}

/// The compiled lexicon of both languages.
#[derive(Debug, Clone)]
pub struct Grammar {
    /// Month names → month number.
    pub months: Matcher<u32>,
    /// Words after a year ("года", "жылғы").
    pub year_words: Phrases,
    /// Words before a date that are not part of it ("от").
    pub date_lead: Phrases,
    /// Number words → value.
    pub numbers: Matcher<u64>,
    /// Lead-ins of a duration ("в течение").
    pub duration_lead: Phrases,
    /// Words after a duration ("ішінде").
    pub duration_trail: Phrases,
    /// "рабочих" (working days).
    pub working: Phrases,
    /// "календарных" (calendar days).
    pub calendar: Phrases,
    /// Unit words → unit.
    pub units: Matcher<DurationUnit>,
    /// Kind words → act kind.
    pub kinds: Matcher<ActKind>,
    /// Body words → issuing body.
    pub bodies: Matcher<Body>,
    /// "Республики Казахстан".
    pub country: Phrases,
    /// The country's name in the genitive ("Республики Казахстан"), which
    /// continues a name broken before it.
    pub country_genitive: Phrases,
    /// Header formulas that are not titles ("ИМЕНЕМ РЕСПУБЛИКИ КАЗАХСТАН").
    pub formulas: Phrases,
    /// Region names → ISO 3166-2:KZ code.
    pub regions: Matcher<String>,
    /// "области", "города": the words that make a region name an oblast's
    /// or a city's, not a district's.
    pub region_qualifiers: Phrases,
    /// Status badge "Утративший силу".
    pub lost_force_label: Phrases,
    /// Status badge "Действующий".
    pub in_force_label: Phrases,
    /// Status badge "Не введен в действие".
    pub not_in_force_label: Phrases,
    /// "Утратило силу".
    pub lost_force: Phrases,
    /// "Сноска" / "Ескерту".
    pub footnote: Phrases,
    /// "Зарегистрировано".
    pub registered: Phrases,
    /// "в Реестре государственной регистрации …".
    pub registered_in_register: Phrases,
    /// "ПОСТАНОВЛЯЕТ" → the kind of act it enacts.
    pub enacting: Matcher<ActKind>,
    /// "Признать утратившим силу".
    pub repeal: Phrases,
    /// "Утвердить".
    pub approve: Phrases,
    /// "Внести в".
    pub amend: Phrases,
    /// "О внесении изменений в" (titles).
    pub amend_title: Phrases,
    /// "О признании утратившим силу" (titles).
    pub repeal_title: Phrases,
    /// "вводится в действие".
    pub entry_into_force: Phrases,
    /// "… после дня первого официального опубликования".
    pub after_first_publication: Phrases,
    /// "со дня первого официального опубликования".
    pub from_first_publication: Phrases,
    /// "со дня государственной регистрации".
    pub from_registration: Phrases,
    /// "со дня подписания".
    pub from_signing: Phrases,
    /// "Утвержден" (appendix approval line).
    pub approved: Phrases,
    /// Structure words → unit name ("point", "subpoint", …).
    pub structure: Matcher<StructureUnit>,
    /// "Приложение" opening an appendix heading.
    pub appendix_heading: Phrases,
    /// The word joining an appendix heading to its act: "Приложение 1 к
    /// постановлению" (Kazakh puts the act first and has none).
    pub appendix_to: Phrases,
    /// «Регламент государственной услуги».
    pub regulation_title: Phrases,
    /// «Государственная услуга».
    pub service: Phrases,
    /// Chapter title openings → chapter id.
    pub chapters: Matcher<String>,
    /// Signature positions ("Аким").
    pub signature_positions: Phrases,
    /// Procedure roles → role id.
    pub roles: Matcher<String>,
    /// Owners in the genitive that qualify a role ("услугодателя").
    pub role_owners: Phrases,
    /// Channels → channel id.
    pub channels: Matcher<String>,
    /// Service forms → form id.
    pub forms: Matcher<String>,
    /// Fee words → free or paid.
    pub fee: Matcher<crate::record::Fee>,
    /// Recipients → recipient id.
    pub recipients: Matcher<String>,
    /// Term lines → term id.
    pub terms: Matcher<String>,
    /// Field-opening phrases of a regulation, by field name.
    pub fields: BTreeMap<String, Phrases>,
    /// Amendment operation phrases → op.
    pub operations: Matcher<crate::record::Op>,
    /// "согласно приложению N".
    pub per_appendix: Phrases,
    /// "следующего содержания".
    pub content: Phrases,
    /// "в регламенте государственной услуги" (a context line).
    pub in_regulation: Phrases,
    /// "регламент государственной услуги" (an operation on a whole one).
    pub regulation_op: Phrases,
    /// "в" before a unit in a context line ("в пункте 1:").
    pub in_unit: Phrases,
    /// Words joining numbers into a list ("19 и 20", "19 және 20").
    pub conjunctions: Phrases,
    /// Words that make an operation act on words within a provision, not
    /// on the provision ("слова "…" исключить", "сөздері алып тасталсын").
    pub word_edit: Phrases,
    /// Displaced-link evidence, in file order.
    pub displaced: Vec<DisplacedLink>,
    /// Letters only Kazakh has (among Cyrillic texts).
    pub kazakh_letters: Vec<char>,
    /// Function words by language, for detection.
    pub function_words: Vec<(crate::record::Language, Vec<String>)>,
}

/// Structural units named in texts and amendment paths.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Deserialize,
    serde::Serialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum StructureUnit {
    /// пункт / тармақ
    Point,
    /// подпункт / тармақша
    Subpoint,
    /// абзац / азатжол
    Paragraph,
    /// приложение / қосымша
    Appendix,
    /// глава / тарау
    Chapter,
    /// статья / бап
    Article,
}

// ---- the file format -------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    language: String,
    months: BTreeMap<String, u32>,
    dates: DatesFile,
    numbers: BTreeMap<String, u64>,
    duration: DurationFile,
    kinds: BTreeMap<ActKind, Vec<String>>,
    bodies: BTreeMap<Body, Vec<String>>,
    country: CountryFile,
    header: HeaderFile,
    regions: Vec<RegionFile>,
    region_names: RegionNamesFile,
    status: StatusFile,
    operative: OperativeFile,
    structure: StructureFile,
    chapters: BTreeMap<String, Vec<String>>,
    signature: SignatureFile,
    role_qualifiers: RoleQualifiersFile,
    roles: BTreeMap<String, Vec<String>>,
    channels: BTreeMap<String, Vec<String>>,
    forms: BTreeMap<String, Vec<String>>,
    fee: FeeFile,
    recipients: BTreeMap<String, Vec<String>>,
    terms: BTreeMap<String, Vec<String>>,
    fields: BTreeMap<String, Vec<String>>,
    amendments: AmendmentsFile,
    #[serde(default)]
    displaced: Vec<DisplacedFile>,
    detect: DetectFile,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DetectFile {
    letters: String,
    function_words: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DatesFile {
    year_words: Vec<String>,
    lead: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DurationFile {
    lead: Vec<String>,
    trail: Vec<String>,
    working: Vec<String>,
    calendar: Vec<String>,
    units: BTreeMap<DurationUnit, Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CountryFile {
    names: Vec<String>,
    genitive: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HeaderFile {
    formulas: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegionFile {
    code: String,
    patterns: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegionNamesFile {
    qualifiers: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusFile {
    lost_force_label: Vec<String>,
    in_force_label: Vec<String>,
    not_in_force_label: Vec<String>,
    lost_force: Vec<String>,
    footnote: Vec<String>,
    registered: Vec<String>,
    registered_in_register: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OperativeFile {
    enacting: BTreeMap<ActKind, Vec<String>>,
    repeal: Vec<String>,
    approve: Vec<String>,
    amend: Vec<String>,
    amend_title: Vec<String>,
    repeal_title: Vec<String>,
    entry_into_force: Vec<String>,
    after_first_publication: Vec<String>,
    from_first_publication: Vec<String>,
    from_registration: Vec<String>,
    from_signing: Vec<String>,
    approved: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StructureFile {
    point: Vec<String>,
    subpoint: Vec<String>,
    paragraph: Vec<String>,
    appendix: Vec<String>,
    chapter: Vec<String>,
    article: Vec<String>,
    appendix_heading: Vec<String>,
    appendix_to: Vec<String>,
    regulation_title: Vec<String>,
    service: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleQualifiersFile {
    owners: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SignatureFile {
    positions: Vec<String>,
}

/// A fee is free or paid; any other key is an error in the file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FeeFile {
    free: Vec<String>,
    paid: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AmendmentsFile {
    replace: Vec<String>,
    insert: Vec<String>,
    delete: Vec<String>,
    per_appendix: Vec<String>,
    content: Vec<String>,
    in_regulation: Vec<String>,
    regulation: Vec<String>,
    in_unit: Vec<String>,
    conjunctions: Vec<String>,
    words: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DisplacedFile {
    link: Vec<String>,
    left: Vec<String>,
    right: Vec<String>,
}

// ---- loading ------------------------------------------------------------

impl Grammar {
    /// The grammar built into the binary, compiled once.
    pub fn builtin() -> Result<&'static Grammar> {
        static CELL: OnceLock<std::result::Result<Grammar, String>> = OnceLock::new();
        CELL.get_or_init(|| Grammar::from_sources(&BUILTIN).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|reason| Error::Grammar {
                file: "*.toml".into(),
                reason: reason.clone(),
            })
    }

    /// Compile grammar files given as `(file name, TOML text)`.
    pub fn from_sources(sources: &[(&str, &str)]) -> Result<Grammar> {
        let mut files = Vec::new();
        for (name, text) in sources {
            let file: File = toml::from_str(text).map_err(|e| Error::Grammar {
                file: (*name).into(),
                reason: one_line(&e.to_string()),
            })?;
            if !["ru", "kk"].contains(&file.language.as_str()) {
                return Err(Error::Grammar {
                    file: (*name).into(),
                    reason: format!(
                        "language: expected \"ru\" or \"kk\", found {:?}",
                        file.language
                    ),
                });
            }
            files.push((*name, file));
        }
        compile(&files)
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Phrases of one field across all files.
fn phrases(
    files: &[(&str, File)],
    field: &str,
    get: impl Fn(&File) -> &Vec<String>,
) -> Result<Phrases> {
    let entries: Vec<((), String)> = files
        .iter()
        .flat_map(|(_, f)| get(f).iter().map(|p| ((), p.clone())))
        .collect();
    Matcher::new(files_label(files), field, entries)
}

/// Keyed phrases of one field across all files.
fn keyed<K: Clone + Ord>(
    files: &[(&str, File)],
    field: &str,
    get: impl Fn(&File) -> &BTreeMap<K, Vec<String>>,
) -> Result<Matcher<K>> {
    let entries: Vec<(K, String)> = files
        .iter()
        .flat_map(|(_, f)| {
            get(f)
                .iter()
                .flat_map(|(k, ps)| ps.iter().map(move |p| (k.clone(), p.clone())))
        })
        .collect();
    Matcher::new(files_label(files), field, entries)
}

/// Phrase -> value tables (months, numbers) across all files.
fn valued<V: Clone>(
    files: &[(&str, File)],
    field: &str,
    get: impl Fn(&File) -> &BTreeMap<String, V>,
) -> Result<Matcher<V>> {
    let entries: Vec<(V, String)> = files
        .iter()
        .flat_map(|(_, f)| get(f).iter().map(|(p, v)| (v.clone(), p.clone())))
        .collect();
    Matcher::new(files_label(files), field, entries)
}

fn files_label(files: &[(&str, File)]) -> &'static str {
    if files.len() == 1 {
        "grammar"
    } else {
        "ru.toml+kk.toml"
    }
}

fn compile(files: &[(&str, File)]) -> Result<Grammar> {
    let label = files_label(files);
    let months = valued(files, "months", |f| &f.months)?;
    let numbers = valued(files, "numbers", |f| &f.numbers)?;

    let structure_entries: Vec<(StructureUnit, String)> = files
        .iter()
        .flat_map(|(_, f)| {
            let s = &f.structure;
            [
                (StructureUnit::Point, &s.point),
                (StructureUnit::Subpoint, &s.subpoint),
                (StructureUnit::Paragraph, &s.paragraph),
                (StructureUnit::Appendix, &s.appendix),
                (StructureUnit::Chapter, &s.chapter),
                (StructureUnit::Article, &s.article),
            ]
            .into_iter()
            .flat_map(|(u, ps)| ps.iter().map(move |p| (u, p.clone())))
        })
        .collect();

    let op_entries: Vec<(crate::record::Op, String)> = files
        .iter()
        .flat_map(|(_, f)| {
            let a = &f.amendments;
            [
                (crate::record::Op::Replace, &a.replace),
                (crate::record::Op::Insert, &a.insert),
                (crate::record::Op::Delete, &a.delete),
            ]
            .into_iter()
            .flat_map(|(op, ps)| ps.iter().map(move |p| (op, p.clone())))
        })
        .collect();

    let region_entries: Vec<(String, String)> = files
        .iter()
        .flat_map(|(_, f)| {
            f.regions
                .iter()
                .flat_map(|r| r.patterns.iter().map(|p| (r.code.clone(), p.clone())))
        })
        .collect();
    for (code, _) in &region_entries {
        let ok = code
            .strip_prefix("KZ-")
            .is_some_and(|n| n.len() == 2 && n.chars().all(|c| c.is_ascii_digit()));
        if !ok {
            return Err(Error::Grammar {
                file: label.into(),
                reason: format!("regions.code: {code:?} is not KZ-NN"),
            });
        }
    }

    let mut fields: BTreeMap<String, Vec<((), String)>> = BTreeMap::new();
    for (_, f) in files {
        for (k, ps) in &f.fields {
            fields
                .entry(k.clone())
                .or_default()
                .extend(ps.iter().map(|p| ((), p.clone())));
        }
    }
    let fields = fields
        .into_iter()
        .map(|(k, v)| Ok((k.clone(), Matcher::new(label, &format!("fields.{k}"), v)?)))
        .collect::<Result<BTreeMap<_, _>>>()?;

    let mut displaced = Vec::new();
    for (name, f) in files {
        for (i, d) in f.displaced.iter().enumerate() {
            let field = format!("displaced[{i}]");
            let list = |ps: &Vec<String>| ps.iter().map(|p| ((), p.clone())).collect::<Vec<_>>();
            let left: Vec<String> = d
                .left
                .iter()
                .filter(|p| p.as_str() != "^")
                .cloned()
                .collect();
            displaced.push(DisplacedLink {
                link: Matcher::new(name, &field, list(&d.link))?,
                left: Matcher::new(name, &field, list(&left))?,
                left_at_start: d.left.iter().any(|p| p == "^"),
                generic: d.link.iter().all(|p| p.contains(['*', '+'])),
                right: Matcher::new(name, &field, list(&d.right))?,
            });
        }
    }

    let mut kazakh_letters = Vec::new();
    let mut function_words = Vec::new();
    for (_, f) in files {
        let lang = if f.language == "kk" {
            crate::record::Language::Kk
        } else {
            crate::record::Language::Ru
        };
        if lang == crate::record::Language::Kk {
            kazakh_letters.extend(
                f.detect
                    .letters
                    .chars()
                    .flat_map(|c| [c, c.to_uppercase().next().unwrap_or(c)]),
            );
        }
        function_words.push((
            lang,
            f.detect
                .function_words
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
        ));
    }

    Ok(Grammar {
        kazakh_letters,
        function_words,
        months,
        year_words: phrases(files, "dates.year_words", |f| &f.dates.year_words)?,
        date_lead: phrases(files, "dates.lead", |f| &f.dates.lead)?,
        numbers,
        duration_lead: phrases(files, "duration.lead", |f| &f.duration.lead)?,
        duration_trail: phrases(files, "duration.trail", |f| &f.duration.trail)?,
        working: phrases(files, "duration.working", |f| &f.duration.working)?,
        calendar: phrases(files, "duration.calendar", |f| &f.duration.calendar)?,
        units: keyed(files, "duration.units", |f| &f.duration.units)?,
        kinds: keyed(files, "kinds", |f| &f.kinds)?,
        bodies: keyed(files, "bodies", |f| &f.bodies)?,
        country: phrases(files, "country.names", |f| &f.country.names)?,
        country_genitive: phrases(files, "country.genitive", |f| &f.country.genitive)?,
        formulas: phrases(files, "header.formulas", |f| &f.header.formulas)?,
        regions: Matcher::new(label, "regions", region_entries)?,
        region_qualifiers: phrases(files, "region_names.qualifiers", |f| {
            &f.region_names.qualifiers
        })?,
        lost_force_label: phrases(files, "status.lost_force_label", |f| {
            &f.status.lost_force_label
        })?,
        in_force_label: phrases(files, "status.in_force_label", |f| &f.status.in_force_label)?,
        not_in_force_label: phrases(files, "status.not_in_force_label", |f| {
            &f.status.not_in_force_label
        })?,
        lost_force: phrases(files, "status.lost_force", |f| &f.status.lost_force)?,
        footnote: phrases(files, "status.footnote", |f| &f.status.footnote)?,
        registered: phrases(files, "status.registered", |f| &f.status.registered)?,
        registered_in_register: phrases(files, "status.registered_in_register", |f| {
            &f.status.registered_in_register
        })?,
        enacting: keyed(files, "operative.enacting", |f| &f.operative.enacting)?,
        repeal: phrases(files, "operative.repeal", |f| &f.operative.repeal)?,
        approve: phrases(files, "operative.approve", |f| &f.operative.approve)?,
        amend: phrases(files, "operative.amend", |f| &f.operative.amend)?,
        amend_title: phrases(files, "operative.amend_title", |f| &f.operative.amend_title)?,
        repeal_title: phrases(files, "operative.repeal_title", |f| {
            &f.operative.repeal_title
        })?,
        entry_into_force: phrases(files, "operative.entry_into_force", |f| {
            &f.operative.entry_into_force
        })?,
        after_first_publication: phrases(files, "operative.after_first_publication", |f| {
            &f.operative.after_first_publication
        })?,
        from_first_publication: phrases(files, "operative.from_first_publication", |f| {
            &f.operative.from_first_publication
        })?,
        from_registration: phrases(files, "operative.from_registration", |f| {
            &f.operative.from_registration
        })?,
        from_signing: phrases(files, "operative.from_signing", |f| {
            &f.operative.from_signing
        })?,
        approved: phrases(files, "operative.approved", |f| &f.operative.approved)?,
        structure: Matcher::new(label, "structure", structure_entries)?,
        appendix_heading: phrases(files, "structure.appendix_heading", |f| {
            &f.structure.appendix_heading
        })?,
        appendix_to: phrases(files, "structure.appendix_to", |f| &f.structure.appendix_to)?,
        regulation_title: phrases(files, "structure.regulation_title", |f| {
            &f.structure.regulation_title
        })?,
        service: phrases(files, "structure.service", |f| &f.structure.service)?,
        chapters: keyed(files, "chapters", |f| &f.chapters)?,
        signature_positions: phrases(files, "signature.positions", |f| &f.signature.positions)?,
        roles: keyed(files, "roles", |f| &f.roles)?,
        role_owners: phrases(files, "role_qualifiers.owners", |f| {
            &f.role_qualifiers.owners
        })?,
        channels: keyed(files, "channels", |f| &f.channels)?,
        forms: keyed(files, "forms", |f| &f.forms)?,
        fee: Matcher::new(
            files_label(files),
            "fee",
            files
                .iter()
                .flat_map(|(_, f)| {
                    let free = f
                        .fee
                        .free
                        .iter()
                        .map(|p| (crate::record::Fee::Free, p.clone()));
                    let paid = f
                        .fee
                        .paid
                        .iter()
                        .map(|p| (crate::record::Fee::Paid, p.clone()));
                    free.chain(paid)
                })
                .collect::<Vec<_>>(),
        )?,
        recipients: keyed(files, "recipients", |f| &f.recipients)?,
        terms: keyed(files, "terms", |f| &f.terms)?,
        fields,
        operations: Matcher::new(label, "amendments", op_entries)?,
        per_appendix: phrases(files, "amendments.per_appendix", |f| {
            &f.amendments.per_appendix
        })?,
        content: phrases(files, "amendments.content", |f| &f.amendments.content)?,
        in_regulation: phrases(files, "amendments.in_regulation", |f| {
            &f.amendments.in_regulation
        })?,
        regulation_op: phrases(files, "amendments.regulation", |f| &f.amendments.regulation)?,
        in_unit: phrases(files, "amendments.in_unit", |f| &f.amendments.in_unit)?,
        conjunctions: phrases(files, "amendments.conjunctions", |f| {
            &f.amendments.conjunctions
        })?,
        word_edit: phrases(files, "amendments.words", |f| &f.amendments.words)?,
        displaced,
    })
}

impl Grammar {
    /// The phrases of a regulation field (empty when the grammar has none).
    pub fn field(&self, name: &str) -> Option<&Phrases> {
        self.fields.get(name)
    }
}

/// The built-in grammar, for unit tests: a grammar that fails to load
/// fails the test instead of letting it return early and pass.
#[cfg(test)]
pub(crate) fn for_tests() -> &'static Grammar {
    Grammar::builtin().expect("the built-in grammar loads")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g() -> &'static Grammar {
        crate::grammar::for_tests()
    }

    #[test]
    fn builtin_grammar_loads() {
        assert!(Grammar::builtin().is_ok(), "{:?}", Grammar::builtin().err());
    }

    #[test]
    fn phrases_are_case_insensitive_and_yo_blind() {
        assert_eq!(
            g().months.at_start("Октября 2017"),
            Some((10, "Октября".len()))
        );
        assert_eq!(g().numbers.at_start("трёх) минут").map(|(v, _)| v), Some(3));
    }

    #[test]
    fn stems_and_longest_first() {
        assert_eq!(
            g().kinds.at_start("қаулысымен бекітілген").map(|(k, _)| k),
            Some(ActKind::Resolution)
        );
        let (op, len) = g()
            .operations
            .at_start("изложить в следующей редакции:")
            .unwrap_or((crate::record::Op::Delete, 0));
        assert_eq!(
            (op, len),
            (
                crate::record::Op::Replace,
                "изложить в следующей редакции".len()
            )
        );
    }

    #[test]
    fn words_do_not_match_inside_words() {
        // "аким" must not match the start of "акимата".
        assert_eq!(
            g().bodies.at_start("акимата области").map(|(b, _)| b),
            Some(Body::Akimat)
        );
        assert_eq!(
            g().bodies.at_start("акима области").map(|(b, _)| b),
            Some(Body::Akim)
        );
    }

    #[test]
    fn regions_prefer_the_specific_name() {
        assert_eq!(
            g().regions
                .find("акимата города Алматы")
                .map(|(c, _)| c)
                .as_deref(),
            Some("KZ-75")
        );
        assert_eq!(
            g().regions
                .find("Ақтөбе облысы әкімдігінің")
                .map(|(c, _)| c)
                .as_deref(),
            Some("KZ-15")
        );
    }

    #[test]
    fn number_placeholder() {
        assert!(
            g().per_appendix
                .at_start("согласно приложению 19")
                .is_some()
        );
    }

    #[test]
    fn unknown_fields_are_named() {
        let bad = BUILTIN[0].1.replace("[months]", "[monthz]");
        let err = Grammar::from_sources(&[("ru.toml", &bad)])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            err.starts_with("grammar/ru.toml:") && err.contains("monthz"),
            "{err}"
        );
    }
}
