//! The lexicon: every Russian and Kazakh word the parser knows, loaded from
//! `grammar/ru.toml` and `grammar/kk.toml` (embedded at build time).
//!
//! Rules in `parse/` and `segment/` never spell a Russian or Kazakh word;
//! they ask the [`Grammar`]. Both languages are merged: a Russian act that
//! quotes a Kazakh phrase is still understood. Phrase syntax is described
//! at the top of `ru.toml`: case-insensitive, `е` = `ё`, `word*` is a
//! stem, `#` is a number.
//!
//! Each TOML section is read (serde) into a struct of its own, and every key
//! is declared once, in `lexicon!` below, together with the [`Grammar`]
//! field it compiles into. Letters are data as well: the Kazakh alphabet
//! and the Latin letters typed for Cyrillic ones ([`LookAlikes`]).

use crate::error::{Error, Result};
use crate::record::{ActKind, Body, DurationUnit, Fee, Language, Op, StructureUnit};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::OnceLock;

/// The built-in grammar files, as written (the binary reads the JSON made
/// of them: [`BUILTIN_JSON`]).
#[cfg(test)]
pub const BUILTIN: [(&str, &str); 2] = [
    ("ru.toml", include_str!("../grammar/ru.toml")),
    ("kk.toml", include_str!("../grammar/kk.toml")),
];

/// The built-in gazetteer: districts and cities with their oblasts.
pub const GAZETTEER: (&str, &str) = ("gazetteer.toml", include_str!("../grammar/gazetteer.toml"));

/// The same three files, read from TOML when the crate was built
/// (`build.rs`) and kept as JSON: the binary reads them at every start,
/// and JSON reads in a fraction of TOML's time. The TOML files stay the
/// source; a test holds the two readings equal.
const BUILTIN_JSON: [(&str, &str); 2] = [
    (
        "ru.toml",
        include_str!(concat!(env!("OUT_DIR"), "/ru.json")),
    ),
    (
        "kk.toml",
        include_str!(concat!(env!("OUT_DIR"), "/kk.json")),
    ),
];
const GAZETTEER_JSON: (&str, &str) = (
    "gazetteer.toml",
    include_str!(concat!(env!("OUT_DIR"), "/gazetteer.json")),
);

/// How a grammar file's text is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Syntax {
    /// As in `grammar/`.
    Toml,
    /// As `build.rs` wrote it.
    Json,
}

/// Read a grammar file's text into its type; errors name the file.
fn decode<T: serde::de::DeserializeOwned>(file: &str, text: &str, syntax: Syntax) -> Result<T> {
    let read = match syntax {
        Syntax::Toml => toml::from_str(text).map_err(|e| e.to_string()),
        Syntax::Json => serde_json::from_str(text).map_err(|e| e.to_string()),
    };
    read.map_err(|reason| Error::Grammar {
        file: file.into(),
        reason: one_line(&reason),
    })
}

use crate::phrase::is_word_char;
pub use crate::phrase::{Matcher, Phrases};

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

/// Latin letters typed for the Cyrillic letters they look like, both ways
/// (`[letters] lookalikes`): `p` ↔ `р`, `H` ↔ `Н`. Each case is listed on
/// its own, since the look differs by case (`B` is `В`, `b` is nothing).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LookAlikes {
    /// `(Latin, Cyrillic)`, sorted by the Latin letter.
    to_cyrillic: Vec<(char, char)>,
    /// `(Cyrillic, Latin)`, sorted by the Cyrillic letter.
    to_latin: Vec<(char, char)>,
}

impl LookAlikes {
    /// The Cyrillic letter a Latin letter stands for (`p` -> `р`).
    pub fn cyrillic(&self, latin: char) -> Option<char> {
        lookup(&self.to_cyrillic, latin)
    }

    /// The Latin letter a Cyrillic letter looks like (`р` -> `p`).
    pub fn latin(&self, cyrillic: char) -> Option<char> {
        lookup(&self.to_latin, cyrillic)
    }
}

fn lookup(sorted: &[(char, char)], c: char) -> Option<char> {
    sorted
        .binary_search_by_key(&c, |&(from, _)| from)
        .ok()
        .and_then(|i| sorted.get(i))
        .map(|&(_, to)| to)
}

// ---- the file format -------------------------------------------------
//
// `lexicon!` declares each field of a grammar file once: the doc and name
// of the compiled `Grammar` field, its type, and the TOML key it is read
// from with that key's type. From that one line it makes the serde struct
// of the section (unknown keys are errors), the `Grammar` field, and the
// step that compiles the values of every file into it (see [`Compile`]).
// A field read from several keys names each with the key it maps them to
// (`point: Vec<String> => StructureUnit::Point | …`).

macro_rules! lexicon {
    (
        file {
            $( $(#[$tdoc:meta])* $tname:ident : $tout:ty =
                $( $(#[$tattr:meta])* $tkey:ident : $traw:ty $(=> $tk:path)? )|+ , )*
        }
        $(
            [$sec:ident] $Sec:ident {
                $( $(#[$doc:meta])* $name:ident : $out:ty =
                    $( $(#[$attr:meta])* $key:ident : $raw:ty $(=> $k:path)? )|+ , )*
            }
        )*
    ) => {
        /// The compiled lexicon of both languages.
        #[derive(Debug, Clone)]
        pub struct Grammar {
            $( $(#[$tdoc])* pub $tname: $tout, )*
            $( $( $(#[$doc])* pub $name: $out, )* )*
            /// Districts and cities with their oblasts (`gazetteer.toml`).
            pub gazetteer: Gazetteer,
        }

        /// One grammar file as written.
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct File {
            language: String,
            $( $( $(#[$tattr])* $tkey: $traw, )+ )*
            $( $sec: $Sec, )*
        }

        $(
            #[derive(Deserialize)]
            #[serde(deny_unknown_fields)]
            struct $Sec {
                $( $( $(#[$attr])* $key: $raw, )+ )*
            }
        )*

        /// Compile the files, merged, into one grammar.
        fn compile(files: &[(&str, File)], gazetteer: Result<Gazetteer>) -> Result<Grammar> {
            let label = files_label(files);
            Ok(Grammar {
                $( $tname: lexicon!(@field label, files, [] $( [$tkey $(=> $tk)?] )+), )*
                $( $( $name: lexicon!(@field label, files, [$sec] $( [$key $(=> $k)?] )+), )* )*
                gazetteer: gazetteer?,
            })
        }
    };

    // One key: its type compiles it.
    (@field $label:ident, $files:ident, [$($sec:ident)?] [$key:ident]) => {
        Compile::compile(
            $label,
            &[$(stringify!($sec),)? stringify!($key)].join("."),
            $files
                .iter()
                .map(|(file, f)| Part {
                    file,
                    language: f.language.as_str(),
                    value: &f $(.$sec)? .$key,
                })
                .collect::<Vec<_>>()
                .as_slice(),
        )?
    };

    // Several keys of phrases, each mapped to a value, into one matcher
    // named after the section.
    (@field $label:ident, $files:ident, [$sec:ident] $([$key:ident => $k:path])+) => {
        Matcher::new(
            $label,
            stringify!($sec),
            $files
                .iter()
                .flat_map(|(_, f)| {
                    let mut entries = Vec::new();
                    $( entries.extend(f.$sec.$key.iter().map(|p| ($k, p.clone()))); )+
                    entries
                })
                .collect::<Vec<_>>(),
        )?
    };
}

lexicon! {
    file {
        /// Month names → month number.
        months: Matcher<u32> = months: Values<u32>,
        /// Number words → value.
        numbers: Matcher<u64> = numbers: Values<u64>,
        /// Kind words → act kind.
        kinds: Matcher<ActKind> = kinds: BTreeMap<ActKind, Vec<String>>,
        /// Body words → issuing body.
        bodies: Matcher<Body> = bodies: BTreeMap<Body, Vec<String>>,
        /// Region names → ISO 3166-2:KZ code.
        regions: Matcher<String> = regions: Vec<Region>,
        /// Chapter title openings → chapter id.
        chapters: Matcher<String> = chapters: BTreeMap<String, Vec<String>>,
        /// Procedure roles → role id.
        roles: Matcher<String> = roles: BTreeMap<String, Vec<String>>,
        /// Channels → channel id.
        channels: Matcher<String> = channels: BTreeMap<String, Vec<String>>,
        /// Service forms → form id.
        forms: Matcher<String> = forms: BTreeMap<String, Vec<String>>,
        /// Recipients → recipient id.
        recipients: Matcher<String> = recipients: BTreeMap<String, Vec<String>>,
        /// Term lines → term id.
        terms: Matcher<String> = terms: BTreeMap<String, Vec<String>>,
        /// Field-opening phrases of a regulation, by field name.
        fields: BTreeMap<String, Phrases> = fields: FieldPhrases,
        /// Displaced-link evidence, in file order.
        displaced: Vec<DisplacedLink> = #[serde(default)] displaced: Vec<DisplacedEvidence>,
        /// Requirement names of a requirements table (their opening words)
        /// → requirement id.
        requirements: Matcher<String> = requirements: BTreeMap<String, Vec<String>>,
        /// Words that tell a requirement anywhere in its name's cell.
        requirement_words: Matcher<String> = requirement_words: BTreeMap<String, Vec<String>>,
        /// Roles as the agent of a step written as a verbal noun or a
        /// passive ("руководством услугодателя") → role id.
        role_agents: Matcher<String> = #[serde(default)] role_agents: BTreeMap<String, Vec<String>>,
        /// A service document's title phrase → its kind (`regulation`,
        /// `e_regulation`, `standard`, `rules`).
        service_documents: Matcher<String> = service_documents: BTreeMap<String, Vec<String>>,
        /// An act's title approving a service document, after the quoted
        /// name («… қағидаларын бекіту туралы»), → the document's kind: an
        /// export may head the document with it.
        approving_titles: Matcher<String> = #[serde(default)] approving_titles: BTreeMap<String, Vec<String>>,
        /// Roles in the genitive that are the subject of a step written as
        /// a possessive verbal noun («көрсетілетін қызметті берушінің …
        /// беруі») → role id.
        role_genitives: Matcher<String> = #[serde(default)] role_genitives: BTreeMap<String, Vec<String>>,
    }
    [dates] DatesFile {
        /// Words after a year ("года", "жылғы").
        year_words: Phrases = year_words: Vec<String>,
        /// Words before a date that are not part of it ("от").
        date_lead: Phrases = lead: Vec<String>,
        /// Words after a year named on its own, besides `year_words`
        /// («на 2023 - 2027 годы», «2023-2027 жылдарға»).
        year_mention_words: Phrases = #[serde(default)] year_mention: Vec<String>,
    }
    [duration] DurationFile {
        /// Lead-ins of a duration ("в течение").
        duration_lead: Phrases = lead: Vec<String>,
        /// Words after a duration ("ішінде").
        duration_trail: Phrases = trail: Vec<String>,
        /// "рабочих" (working days).
        working: Phrases = working: Vec<String>,
        /// "календарных" (calendar days).
        calendar: Phrases = calendar: Vec<String>,
        /// Unit words → unit.
        units: Matcher<DurationUnit> = units: BTreeMap<DurationUnit, Vec<String>>,
    }
    [country] CountryFile {
        /// "Республики Казахстан".
        country: Phrases = names: Vec<String>,
        /// The country's name in the genitive ("Республики Казахстан"), which
        /// continues a name broken before it.
        country_genitive: Phrases = genitive: Vec<String>,
    }
    [region_names] RegionNamesFile {
        /// "области", "города": the words that make a region name an
        /// oblast's or a city's, not a district's.
        region_qualifiers: Phrases = qualifiers: Vec<String>,
    }
    [header] HeaderFile {
        /// Header formulas that are not titles ("ИМЕНЕМ РЕСПУБЛИКИ КАЗАХСТАН").
        formulas: Phrases = formulas: Vec<String>,
    }
    [status] StatusFile {
        /// Status badge "Утративший силу".
        lost_force_label: Phrases = lost_force_label: Vec<String>,
        /// Status badge "Действующий".
        in_force_label: Phrases = in_force_label: Vec<String>,
        /// Status badge "Не введен в действие".
        not_in_force_label: Phrases = not_in_force_label: Vec<String>,
        /// "Утратило силу".
        lost_force: Phrases = lost_force: Vec<String>,
        /// "Сноска" / "Ескерту".
        footnote: Phrases = footnote: Vec<String>,
        /// "Зарегистрировано".
        registered: Phrases = registered: Vec<String>,
        /// "в Реестре государственной регистрации …".
        registered_in_register: Phrases = registered_in_register: Vec<String>,
    }
    [operative] OperativeFile {
        /// "ПОСТАНОВЛЯЕТ" → the kind of act it enacts.
        enacting: Matcher<ActKind> = enacting: BTreeMap<ActKind, Vec<String>>,
        /// "Признать утратившим силу".
        repeal: Phrases = repeal: Vec<String>,
        /// "Утвердить".
        approve: Phrases = approve: Vec<String>,
        /// "Внести в".
        amend: Phrases = amend: Vec<String>,
        /// "О внесении изменений в" (titles).
        amend_title: Phrases = amend_title: Vec<String>,
        /// "О признании утратившим силу" (titles).
        repeal_title: Phrases = repeal_title: Vec<String>,
        /// "вводится в действие".
        entry_into_force: Phrases = entry_into_force: Vec<String>,
        /// "… после дня первого официального опубликования".
        after_first_publication: Phrases = after_first_publication: Vec<String>,
        /// "со дня первого официального опубликования".
        from_first_publication: Phrases = from_first_publication: Vec<String>,
        /// "со дня государственной регистрации".
        from_registration: Phrases = from_registration: Vec<String>,
        /// "со дня подписания".
        from_signing: Phrases = from_signing: Vec<String>,
        /// "Утвержден" (appendix approval line).
        approved: Phrases = approved: Vec<String>,
        /// "Настоящий Закон" / "Осы Заң": a law naming itself.
        own_law: Phrases = own_law: Vec<String>,
        /// "принятый" between a code's name and its date.
        adopted: Phrases = adopted: Vec<String>,
        /// "Перечень утративших силу …": an annex listing repealed acts.
        repeal_list: Phrases = repeal_list: Vec<String>,
    }
    [structure] StructureFile {
        /// Structure words → unit name ("point", "subpoint", …).
        structure: Matcher<StructureUnit> = point: Vec<String> => StructureUnit::Point
            | subpoint: Vec<String> => StructureUnit::Subpoint
            | paragraph: Vec<String> => StructureUnit::Paragraph
            | appendix: Vec<String> => StructureUnit::Appendix
            | chapter: Vec<String> => StructureUnit::Chapter
            | article: Vec<String> => StructureUnit::Article,
        /// "Приложение" opening an appendix heading.
        appendix_heading: Phrases = appendix_heading: Vec<String>,
        /// The word joining an appendix heading to its act: "Приложение 1 к
        /// постановлению" (Kazakh puts the act first and has none).
        appendix_to: Phrases = appendix_to: Vec<String>,
        /// «Регламент государственной услуги».
        regulation_title: Phrases = regulation_title: Vec<String>,
        /// «Государственная услуга».
        service: Phrases = service: Vec<String>,
        /// The heading of a requirements table («Перечень основных
        /// требований …»), at its start (Russian) or end (Kazakh).
        requirements_heading: Phrases = requirements_heading: Vec<String>,
        /// A service document named in an appendix stamp («к Правилам»,
        /// «қағидаларына»): the appendix is that document's own.
        service_document_words: Phrases = service_document_words: Vec<String>,
    }
    [signature] SignatureFile {
        /// Signature positions ("Аким").
        signature_positions: Phrases = positions: Vec<String>,
        /// "Президент Республики Казахстан": the head of state, who signs laws.
        head_of_state: Phrases = head_of_state: Vec<String>,
    }
    [role_qualifiers] RoleQualifiersFile {
        /// Owners in the genitive that qualify a role ("услугодателя").
        role_owners: Phrases = owners: Vec<String>,
        /// Endings of a present active verb, by language: what follows a
        /// performer the lexicon does not know.
        verb_endings: Vec<(Language, Vec<String>)> = #[serde(default)] verb_endings: FunctionWords,
        /// Endings that make a word with a verb ending no active verb (a
        /// Kazakh passive).
        not_verb_endings: Vec<(Language, Vec<String>)> = #[serde(default)] not_verb_endings: FunctionWords,
        /// Case endings a performer's words are not written in.
        stop_endings: Vec<(Language, Vec<String>)> = #[serde(default)] stop_endings: FunctionWords,
        /// Endings of a possessive verbal noun («беруі», «жіберуі»): a step
        /// that ends with one has its performer in the genitive.
        verbal_noun_endings: Vec<(Language, Vec<String>)> = #[serde(default)] verbal_noun_endings: FunctionWords,
        /// A genitive then a possessive («жүйесінің операторы»): in Kazakh,
        /// the noun phrase of an unknown performer ends there.
        genitive_endings: Vec<(Language, Vec<String>)> = #[serde(default)] genitive_endings: FunctionWords,
        /// The possessed noun's endings, after a genitive.
        possessive_endings: Vec<(Language, Vec<String>)> = #[serde(default)] possessive_endings: FunctionWords,
    }
    [fee] FeeFile {
        /// Fee words → free or paid.
        fee: Matcher<Fee> = free: Vec<String> => Fee::Free | paid: Vec<String> => Fee::Paid,
    }
    [amendments] AmendmentsFile {
        /// Amendment operation phrases → op.
        operations: Matcher<Op> = replace: Vec<String> => Op::Replace
            | insert: Vec<String> => Op::Insert
            | delete: Vec<String> => Op::Delete,
        /// "согласно приложению N".
        per_appendix: Phrases = per_appendix: Vec<String>,
        /// "следующего содержания".
        content: Phrases = content: Vec<String>,
        /// "в регламенте государственной услуги" (a context line).
        in_regulation: Phrases = in_regulation: Vec<String>,
        /// "регламент государственной услуги" (an operation on a whole one).
        regulation_op: Phrases = regulation: Vec<String>,
        /// "в" before a unit in a context line ("в пункте 1:").
        in_unit: Phrases = in_unit: Vec<String>,
        /// Words joining numbers into a list ("19 и 20", "19 және 20").
        conjunctions: Phrases = conjunctions: Vec<String>,
        /// Words that make an operation act on words within a provision, not
        /// on the provision ("слова "…" исключить", "сөздері алып тасталсын").
        word_edit: Phrases = words: Vec<String>,
    }
    [detect] DetectFile {
        /// Function words by language, for detection.
        function_words: Vec<(Language, Vec<String>)> = function_words: FunctionWords,
    }
    [letters] LettersFile {
        /// Letters only Kazakh has (among Cyrillic texts), in both cases.
        kazakh_letters: Vec<char> = #[serde(default)] kazakh: KazakhLetters,
        /// Latin letters typed for Cyrillic look-alikes, and back.
        lookalikes: LookAlikes = #[serde(default)] lookalikes: LookAlikeTable,
        /// Letters older texts type for `№` before a number (`N 44`, `N141`).
        number_signs: Vec<char> = #[serde(default)] number_signs: Signs,
    }
    // Issue 9: where texts state their own facts (annex stamps, signatures,
    // older requisite wordings).
    [stamps] StampsFile {
        /// "за" in "Зарегистрировано … 2 апреля 1998 г. за № 1".
        registration_number_lead: Phrases = #[serde(default)] registration_number_lead: Vec<String>,
        /// "письмо" deciding a loss of force ("Утратило силу … - письмо
        /// маслихата … № 1/5-282").
        letter: Phrases = #[serde(default)] letter: Vec<String>,
        /// "в редакции": a stamp naming the act that restated an annex, not
        /// the act itself.
        edition: Phrases = #[serde(default)] edition: Vec<String>,
        /// "исполняющий обязанности", "и.о.": an acting official, who stands
        /// between the kind word and the body.
        acting: Phrases = #[serde(default)] acting: Vec<String>,
        /// "XXV сессиясының", "XVIII сессии": a session ordinal inside a
        /// reference.
        session: Phrases = #[serde(default)] session: Vec<String>,
        /// "№" before an appendix's own number in a Kazakh heading
        /// ("… шешіміне № 2 қосымша").
        appendix_number_sign: Phrases = #[serde(default)] appendix_number_sign: Vec<String>,
        /// A rank after a signing position ("… министрі полиция
        /// генерал-лейтенанты").
        ranks: Phrases = #[serde(default)] ranks: Vec<String>,
    }
    // Issue 10: the analysis of the search index (`src/index/analysis.rs`).
    [search] SearchFile {
        /// Words neither indexed nor searched, by language: each analyzer
        /// drops only its own language's (Kazakh «да» is "also", Russian
        /// «да» is "yes"; neither list should shadow the other's words).
        stop_words: Vec<(Language, Vec<String>)> = stop_words: FunctionWords,
        /// The Kazakh suffix-stripping stemmer's rules (`kk.toml` only).
        kazakh_stemmer: StemRules = #[serde(default)] stemmer: Option<StemmerTable>,
    }
    // Issue 10: how search results name where a provision is.
    [paths] PathsFile {
        /// Each unit's label in a provision path, per language (`point =
        /// "п. #"`, `# ` the number as written).
        path_labels: Vec<(Language, BTreeMap<String, String>)> = labels: PathLabels,
    }
}

/// One file's value of a field.
struct Part<'a, T> {
    /// The file it is written in.
    file: &'a str,
    /// That file's language (`ru`, `kk`).
    language: &'a str,
    value: &'a T,
}

/// A field of a grammar file: how its values in every file compile into
/// one value of the [`Grammar`]. `field` names it in errors.
trait Compile: Sized {
    /// What it compiles into.
    type Output;
    fn compile(label: &str, field: &str, parts: &[Part<'_, Self>]) -> Result<Self::Output>;
}

/// A list of phrases.
impl Compile for Vec<String> {
    type Output = Phrases;
    fn compile(label: &str, field: &str, parts: &[Part<'_, Self>]) -> Result<Phrases> {
        let entries = parts
            .iter()
            .flat_map(|part| part.value.iter().map(|p| ((), p.clone())));
        Matcher::new(label, field, entries)
    }
}

/// Keys and the phrases that name them (`resolution = ["постановлени*"]`).
impl<K: Clone + Ord> Compile for BTreeMap<K, Vec<String>> {
    type Output = Matcher<K>;
    fn compile(label: &str, field: &str, parts: &[Part<'_, Self>]) -> Result<Matcher<K>> {
        let entries = parts.iter().flat_map(|part| {
            part.value
                .iter()
                .flat_map(|(k, ps)| ps.iter().map(move |p| (k.clone(), p.clone())))
        });
        Matcher::new(label, field, entries)
    }
}

/// Phrases and the value each names (`"октября" = 10`).
#[derive(Deserialize)]
#[serde(transparent)]
struct Values<V>(BTreeMap<String, V>);

impl<V: Clone> Compile for Values<V> {
    type Output = Matcher<V>;
    fn compile(label: &str, field: &str, parts: &[Part<'_, Self>]) -> Result<Matcher<V>> {
        let entries = parts
            .iter()
            .flat_map(|part| part.value.0.iter().map(|(p, v)| (v.clone(), p.clone())));
        Matcher::new(label, field, entries)
    }
}

/// Named phrase lists, each its own matcher (`[fields]`).
#[derive(Deserialize)]
#[serde(transparent)]
struct FieldPhrases(BTreeMap<String, Vec<String>>);

impl Compile for FieldPhrases {
    type Output = BTreeMap<String, Phrases>;
    fn compile(label: &str, field: &str, parts: &[Part<'_, Self>]) -> Result<Self::Output> {
        let mut lists: BTreeMap<String, Vec<((), String)>> = BTreeMap::new();
        for part in parts {
            for (name, ps) in &part.value.0 {
                let list = lists.entry(name.clone()).or_default();
                list.extend(ps.iter().map(|p| ((), p.clone())));
            }
        }
        lists
            .into_iter()
            .map(|(name, list)| {
                let matcher = Matcher::new(label, &format!("{field}.{name}"), list)?;
                Ok((name, matcher))
            })
            .collect()
    }
}

/// `[[regions]]`: an ISO 3166-2:KZ code and the names that place an act
/// in it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Region {
    code: String,
    patterns: Vec<String>,
}

impl Compile for Vec<Region> {
    type Output = Matcher<String>;
    fn compile(label: &str, field: &str, parts: &[Part<'_, Self>]) -> Result<Matcher<String>> {
        let regions = parts.iter().flat_map(|part| part.value.iter());
        let mut entries = Vec::new();
        for r in regions {
            let ok = r
                .code
                .strip_prefix("KZ-")
                .is_some_and(|n| n.len() == 2 && n.chars().all(|c| c.is_ascii_digit()));
            if !ok {
                return Err(Error::Grammar {
                    file: label.into(),
                    reason: format!("{field}.code: {:?} is not KZ-NN", r.code),
                });
            }
            entries.extend(r.patterns.iter().map(|p| (r.code.clone(), p.clone())));
        }
        Matcher::new(label, field, entries)
    }
}

/// `[[displaced]]`: a displaced link and its evidence (see
/// [`DisplacedLink`]).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DisplacedEvidence {
    link: Vec<String>,
    left: Vec<String>,
    right: Vec<String>,
}

impl Compile for Vec<DisplacedEvidence> {
    type Output = Vec<DisplacedLink>;
    fn compile(_: &str, field: &str, parts: &[Part<'_, Self>]) -> Result<Self::Output> {
        let mut out = Vec::new();
        for part in parts {
            for (i, d) in part.value.iter().enumerate() {
                // Errors name the file: each entry is one file's.
                let field = format!("{field}[{i}]");
                let matcher = |ps: &mut dyn Iterator<Item = &String>| {
                    Matcher::new(part.file, &field, ps.map(|p| ((), p.clone())))
                };
                // `^` stands for the start of a paragraph, not a phrase.
                let left = &mut d.left.iter().filter(|p| p.as_str() != "^");
                out.push(DisplacedLink {
                    link: matcher(&mut d.link.iter())?,
                    left: matcher(left)?,
                    left_at_start: d.left.iter().any(|p| p == "^"),
                    generic: d.link.iter().all(|p| p.contains(['*', '+'])),
                    right: matcher(&mut d.right.iter())?,
                });
            }
        }
        Ok(out)
    }
}

/// A language's function words (`[detect]`), lower-cased.
#[derive(Deserialize, Default)]
#[serde(transparent)]
struct FunctionWords(Vec<String>);

impl Compile for FunctionWords {
    type Output = Vec<(Language, Vec<String>)>;
    fn compile(_: &str, _: &str, parts: &[Part<'_, Self>]) -> Result<Self::Output> {
        let words = |part: &Part<'_, Self>| part.value.0.iter().map(|w| w.to_lowercase()).collect();
        Ok(parts
            .iter()
            .map(|part| (language(part.language), words(part)))
            .collect())
    }
}

/// A language's labels of the units of a provision path (`[paths]`).
#[derive(Deserialize)]
#[serde(transparent)]
struct PathLabels(BTreeMap<String, String>);

impl Compile for PathLabels {
    type Output = Vec<(Language, BTreeMap<String, String>)>;
    fn compile(_: &str, _: &str, parts: &[Part<'_, Self>]) -> Result<Self::Output> {
        Ok(parts
            .iter()
            .map(|part| (language(part.language), part.value.0.clone()))
            .collect())
    }
}

/// The file's language; [`Grammar::from_sources`] has checked it.
fn language(code: &str) -> Language {
    if code == "kk" {
        Language::Kk
    } else {
        Language::Ru
    }
}

/// Letters only Kazakh has, written lower-case (`[letters] kazakh`).
#[derive(Deserialize, Default)]
#[serde(transparent)]
struct KazakhLetters(String);

impl Compile for KazakhLetters {
    type Output = Vec<char>;
    fn compile(_: &str, _: &str, parts: &[Part<'_, Self>]) -> Result<Vec<char>> {
        let letters = parts.iter().flat_map(|part| part.value.0.chars());
        Ok(letters
            .flat_map(|c| [c, c.to_uppercase().next().unwrap_or(c)])
            .collect())
    }
}

/// `[letters] number_signs`: letters, exactly as written (no case folding).
#[derive(Deserialize, Default)]
#[serde(transparent)]
struct Signs(String);

impl Compile for Signs {
    type Output = Vec<char>;
    fn compile(_: &str, _: &str, parts: &[Part<'_, Self>]) -> Result<Vec<char>> {
        Ok(parts.iter().flat_map(|part| part.value.0.chars()).collect())
    }
}

/// `[letters] lookalikes`: a Latin letter and the Cyrillic one it stands
/// for (`p = "р"`).
#[derive(Deserialize, Default)]
#[serde(transparent)]
struct LookAlikeTable(BTreeMap<char, char>);

impl Compile for LookAlikeTable {
    type Output = LookAlikes;
    fn compile(label: &str, field: &str, parts: &[Part<'_, Self>]) -> Result<LookAlikes> {
        let mut to_cyrillic: Vec<(char, char)> = Vec::new();
        for part in parts {
            for (&latin, &cyrillic) in &part.value.0 {
                if !latin.is_ascii_alphabetic() || !is_cyrillic(cyrillic) {
                    return Err(Error::Grammar {
                        file: part.file.into(),
                        reason: format!(
                            "{field}: {latin:?} = {cyrillic:?} is not a Latin letter and a Cyrillic one"
                        ),
                    });
                }
                to_cyrillic.push((latin, cyrillic));
            }
        }
        to_cyrillic.sort_unstable();
        to_cyrillic.dedup();
        let mut to_latin: Vec<(char, char)> = to_cyrillic.iter().map(|&(l, c)| (c, l)).collect();
        to_latin.sort_unstable();
        // Each letter has one twin, or a fold would depend on the order of
        // the files.
        if let Some(c) = twice(&to_cyrillic).or_else(|| twice(&to_latin)) {
            return Err(Error::Grammar {
                file: label.into(),
                reason: format!("{field}: {c:?} has two look-alikes"),
            });
        }
        Ok(LookAlikes {
            to_cyrillic,
            to_latin,
        })
    }
}

/// A letter that two pairs of a sorted table map from.
fn twice(sorted: &[(char, char)]) -> Option<char> {
    sorted.windows(2).find_map(|w| match w {
        [(a, _), (b, _)] if a == b => Some(*a),
        _ => None,
    })
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{052F}')
}

// ---- search ---------------------------------------------------------------

/// A suffix the stemmer may strip: its letters, and the endings one of
/// which the stem must end in (none: any stem). `[ы і]н` is the `н` of the
/// accusative after a possessive (`шешімін`), not the last letter of any
/// word ending in `н`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suffix {
    /// The suffix, lower case.
    pub letters: Vec<char>,
    /// Endings one of which the stem must have; empty: any.
    pub after: Vec<Vec<char>>,
}

/// The Kazakh stemmer's rules (`[search.stemmer]`): the suffix groups it
/// strips, each at most once, in the order case, possessive, plural (a
/// word stacks them the other way: stem + plural + possessive + case).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StemRules {
    /// Case endings, longest first.
    pub case: Vec<Suffix>,
    /// Possessive endings, longest first.
    pub possessive: Vec<Suffix>,
    /// Plural endings, longest first.
    pub plural: Vec<Suffix>,
    /// Fewest letters a stem keeps.
    pub min_stem: usize,
    /// A stem's last letter as written when no vowel follows (`г` -> `к`:
    /// `әкімдігі` -> `әкімдіг` -> `әкімдік`), sorted.
    pub devoice: Vec<(char, char)>,
}

/// `[search.stemmer]` as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StemmerTable {
    case: Vec<String>,
    possessive: Vec<String>,
    plural: Vec<String>,
    min_stem: usize,
    #[serde(default)]
    devoice: BTreeMap<char, char>,
}

impl Compile for Option<StemmerTable> {
    type Output = StemRules;
    fn compile(_: &str, field: &str, parts: &[Part<'_, Self>]) -> Result<StemRules> {
        let mut tables = parts
            .iter()
            .filter_map(|part| part.value.as_ref().map(|t| (part.file, t)));
        let Some((file, table)) = tables.next() else {
            return Ok(StemRules::default());
        };
        // One language has a stemmer; two tables would have to be merged
        // in an order nobody wrote down.
        if let Some((other, _)) = tables.next() {
            return Err(Error::Grammar {
                file: other.into(),
                reason: format!("{field}: already given in {file}"),
            });
        }
        let group = |name: &str, list: &[String]| -> Result<Vec<Suffix>> {
            let mut out = list
                .iter()
                .map(|s| {
                    suffix(s).ok_or_else(|| Error::Grammar {
                        file: file.into(),
                        reason: format!("{field}.{name}: {s:?} is not a suffix"),
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            out.sort_by_key(|s| std::cmp::Reverse(s.letters.len()));
            Ok(out)
        };
        Ok(StemRules {
            case: group("case", &table.case)?,
            possessive: group("possessive", &table.possessive)?,
            plural: group("plural", &table.plural)?,
            min_stem: table.min_stem,
            devoice: table.devoice.iter().map(|(&a, &b)| (a, b)).collect(),
        })
    }
}

/// Read `[ending ending …]suffix` or `suffix`, lower-cased.
fn suffix(s: &str) -> Option<Suffix> {
    let s = s.to_lowercase();
    let (after, letters) = match s.strip_prefix('[') {
        Some(rest) => {
            let (set, letters) = rest.split_once(']')?;
            let endings = set.split_whitespace().map(|e| e.chars().collect());
            (endings.collect::<Vec<_>>(), letters)
        }
        None => (Vec::new(), s.as_str()),
    };
    let letters: Vec<char> = letters.chars().collect();
    let ok = !letters.is_empty() && letters.iter().all(|c| crate::text::is_letter(*c));
    ok.then_some(Suffix { letters, after })
}

// ---- gazetteer ------------------------------------------------------------

/// What a gazetteer place is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PlaceKind {
    /// A district (район / аудан).
    District,
    /// A city of regional (or republican) significance.
    City,
    /// Another name of a current oblast (an abbreviation, an older name).
    Oblast,
    /// An oblast abolished in 1997, read as its successor.
    AbolishedOblast,
}

/// A place of the gazetteer and the oblast it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// District, city or oblast.
    pub kind: PlaceKind,
    /// ISO 3166-2:KZ code of its oblast today.
    pub oblast: String,
    /// The oblast of acts dated before a date (`was`, `until`).
    pub before: Option<(crate::record::Date, String)>,
}

impl Place {
    /// Its oblast on `date` (today's when the date is unknown).
    pub fn oblast_on(&self, date: Option<crate::record::Date>) -> &str {
        match (&self.before, date) {
            (Some((until, was)), Some(d)) if d < *until => was,
            _ => &self.oblast,
        }
    }
}

/// `grammar/gazetteer.toml`: districts, cities and other oblast names, each
/// with its oblast. A name may belong to several places (there are three
/// Жамбылский районы): a match gives them all.
///
/// Names are scanned word by word, not compiled into one regex: several
/// hundred stems with Unicode letter classes made a regex of hundreds of
/// megabytes. The phrase syntax is the lexicon's.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    places: Vec<Place>,
    /// For each distinct name, the places it names.
    named: Vec<Vec<usize>>,
    /// Each distinct name's words, by its first letter.
    names: BTreeMap<char, Vec<(usize, NameWords)>>,
}

/// A name's words, folded (lower case, `е` for `ё`); `true` marks a stem.
type NameWords = Vec<(Vec<char>, bool)>;

/// A letter as names are compared: lower case, `е` for `ё`.
use crate::text::fold;

/// What continues a stem (the lexicon's `*`): letters, digits, `_`, `-`.
fn continues_stem(c: char) -> bool {
    is_word_char(c) || c == '-'
}

/// The end of `words` matched at `start` of `s`, if they match there.
fn name_end(words: &NameWords, s: &str, start: usize) -> Option<usize> {
    let mut at = start;
    for (i, (word, stem)) in words.iter().enumerate() {
        if i > 0 {
            let rest = s.get(at..)?;
            let t = rest.trim_start();
            if t.len() == rest.len() {
                return None;
            }
            at += rest.len() - t.len();
        }
        let mut chars = s.get(at..)?.chars();
        for &w in word {
            let c = chars.next()?;
            if fold(c) != w {
                return None;
            }
            at += c.len_utf8();
        }
        let rest = s.get(at..)?;
        let tail = rest
            .find(|c: char| !continues_stem(c))
            .unwrap_or(rest.len());
        if *stem {
            at += tail;
        } else if word.last().is_some_and(|&c| is_word_char(c))
            && rest.chars().next().is_some_and(is_word_char)
        {
            return None;
        }
    }
    Some(at)
}

/// The gazetteer file as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GazetteerFile {
    places: Vec<PlaceEntry>,
}

/// One line of `places`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlaceEntry {
    kind: PlaceKind,
    oblast: String,
    #[serde(default)]
    was: Option<String>,
    #[serde(default)]
    until: Option<String>,
    ru: Vec<String>,
    kk: Vec<String>,
}

/// Is `code` an ISO 3166-2:KZ code (`KZ-NN`)?
fn is_region_code(code: &str) -> bool {
    code.strip_prefix("KZ-")
        .is_some_and(|n| n.len() == 2 && n.chars().all(|c| c.is_ascii_digit()))
}

impl Gazetteer {
    /// Read and compile a gazetteer file; errors name the file and the key.
    pub fn from_source(file: &str, text: &str) -> Result<Gazetteer> {
        Gazetteer::read(file, text, Syntax::Toml)
    }

    fn read(file: &str, text: &str, syntax: Syntax) -> Result<Gazetteer> {
        let raw: GazetteerFile = decode(file, text, syntax)?;
        let bad = |key: String, reason: String| Error::Grammar {
            file: file.into(),
            reason: format!("{key}: {reason}"),
        };
        let mut places = Vec::new();
        let mut by_name: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, e) in raw.places.into_iter().enumerate() {
            let key = |k: &str| format!("places[{i}].{k}");
            for code in std::iter::once(&e.oblast).chain(&e.was) {
                if !is_region_code(code) {
                    return Err(bad(key("oblast"), format!("{code:?} is not KZ-NN")));
                }
            }
            let before = match (e.was, e.until) {
                (Some(was), Some(until)) => {
                    let date = until
                        .parse::<jiff::civil::Date>()
                        .map_err(|_| bad(key("until"), format!("{until:?} is not YYYY-MM-DD")))?;
                    Some((crate::record::Date(date), was))
                }
                (None, None) => None,
                _ => {
                    return Err(bad(key("was"), "`was` and `until` go together".to_string()));
                }
            };
            if e.ru.is_empty() && e.kk.is_empty() {
                return Err(bad(key("ru"), "a place needs a name".to_string()));
            }
            for name in e.ru.iter().chain(&e.kk) {
                by_name.entry(name.to_lowercase()).or_default().push(i);
            }
            places.push(Place {
                kind: e.kind,
                oblast: e.oblast,
                before,
            });
        }
        let mut names: BTreeMap<char, Vec<(usize, NameWords)>> = BTreeMap::new();
        let mut named = Vec::new();
        for (k, (name, at)) in by_name.into_iter().enumerate() {
            let words: NameWords = name
                .split_whitespace()
                .map(|w| match w.strip_suffix('*') {
                    Some(stem) => (stem.chars().map(fold).collect(), true),
                    None => (w.chars().map(fold).collect(), false),
                })
                .collect();
            let Some(first) = words.first().and_then(|(w, _)| w.first().copied()) else {
                return Err(bad("places".to_string(), format!("{name:?} is not a name")));
            };
            names.entry(first).or_default().push((k, words));
            named.push(at);
        }
        Ok(Gazetteer {
            places,
            named,
            names,
        })
    }

    /// Every gazetteer name in `s`, left to right, with the places it names.
    /// At each word, the longest name wins; matches do not overlap.
    pub fn find_iter<'a>(
        &'a self,
        s: &'a str,
    ) -> impl Iterator<Item = (Vec<&'a Place>, Range<usize>)> + 'a {
        let mut out = Vec::new();
        let mut next = 0;
        let mut prev: Option<char> = None;
        for (i, c) in s.char_indices() {
            let at_word = prev.is_none_or(|p| !is_word_char(p));
            prev = Some(c);
            if i < next || !at_word {
                continue;
            }
            let Some(candidates) = self.names.get(&fold(c)) else {
                continue;
            };
            let best = candidates
                .iter()
                .filter_map(|(k, words)| name_end(words, s, i).map(|end| (end, *k)))
                .max_by_key(|(end, _)| *end);
            if let Some((end, k)) = best {
                let places = self
                    .named
                    .get(k)
                    .map(|at| at.iter().filter_map(|&p| self.places.get(p)).collect())
                    .unwrap_or_default();
                out.push((places, i..end));
                next = end;
            }
        }
        out.into_iter()
    }

    /// How many places it lists.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// Whether it lists none.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }
}

// ---- loading ------------------------------------------------------------

impl Grammar {
    /// The grammar built into the binary, compiled once.
    pub fn builtin() -> Result<&'static Grammar> {
        static CELL: OnceLock<std::result::Result<Grammar, String>> = OnceLock::new();
        CELL.get_or_init(|| {
            Grammar::read(&BUILTIN_JSON, GAZETTEER_JSON, Syntax::Json).map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|reason| Error::Grammar {
            file: "*.toml".into(),
            reason: reason.clone(),
        })
    }

    /// Compile grammar files given as `(file name, TOML text)`, with the
    /// built-in gazetteer.
    pub fn from_sources(sources: &[(&str, &str)]) -> Result<Grammar> {
        Grammar::read(sources, GAZETTEER, Syntax::Toml)
    }

    fn read(sources: &[(&str, &str)], gazetteer: (&str, &str), syntax: Syntax) -> Result<Grammar> {
        let mut files = Vec::new();
        for &(name, text) in sources {
            files.push((name, read_file(name, text, syntax)?));
        }
        compile(&files, Gazetteer::read(gazetteer.0, gazetteer.1, syntax))
    }
}

/// One grammar file, read and checked for its language.
fn read_file(name: &str, text: &str, syntax: Syntax) -> Result<File> {
    let file: File = decode(name, text, syntax)?;
    if !["ru", "kk"].contains(&file.language.as_str()) {
        return Err(Error::Grammar {
            file: name.into(),
            reason: format!(
                "language: expected \"ru\" or \"kk\", found {:?}",
                file.language
            ),
        });
    }
    Ok(file)
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn files_label(files: &[(&str, File)]) -> &'static str {
    if files.len() == 1 {
        "grammar"
    } else {
        "ru.toml+kk.toml"
    }
}

impl Grammar {
    /// The label of a unit (`chapter`, `point`, `regulation` …) in a
    /// provision path of `lang`, with `#` where its number goes; the unit's
    /// name itself when the grammar has none.
    pub fn path_label<'a>(&'a self, lang: Language, unit: &'a str) -> &'a str {
        self.path_labels
            .iter()
            .filter(|(l, _)| *l == lang)
            .find_map(|(_, labels)| labels.get(unit))
            .map_or(unit, String::as_str)
    }

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

    /// A phrase that closes `s`, and only one that does.
    #[test]
    fn at_end_is_the_phrase_closing_the_line() {
        let m = Matcher::new("test", "approved", [((), "бекітілген".to_string())]).unwrap();
        let s = "№ 278 қаулысымен бекітілген";
        assert_eq!(
            m.at_end(s),
            Some(((), s.len() - "бекітілген".len()..s.len()))
        );
        assert_eq!(m.at_end("бекітілген регламент"), None);
        assert_eq!(m.at_end("бекітілгендер"), None);
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
    fn a_phrase_fills_a_line_or_not() {
        let badge = &g().lost_force_label;
        assert!(badge.matches_whole("Утративший силу"));
        assert!(badge.matches_whole("утративший  силу \n"));
        assert!(!badge.matches_whole("Утративший силу постановление"));
        assert!(!badge.matches_whole("Утративший силуэт"));
        assert!(!badge.matches_whole(" Утративший силу"));
        assert!(!badge.matches_whole(""));
        let kinds = &g().kinds;
        assert_eq!(kinds.whole("Регламент "), Some(ActKind::Regulation));
        assert_eq!(kinds.whole("Регламент государственной услуги"), None);
    }

    #[test]
    fn lookalikes_both_ways_both_cases() {
        let t = &g().lookalikes;
        assert_eq!(t.cyrillic('p'), Some('р'));
        assert_eq!(t.cyrillic('P'), Some('Р'));
        assert_eq!(t.cyrillic('i'), Some('і')); // kk.toml's
        assert_eq!(t.cyrillic('I'), Some('І'));
        assert_eq!(t.latin('р'), Some('p'));
        assert_eq!(t.latin('Р'), Some('P'));
        assert_eq!(t.latin('і'), Some('i'));
        assert_eq!(t.latin('Н'), Some('H'));
        // A letter that only looks alike in one case.
        assert_eq!(t.cyrillic('B'), Some('В'));
        assert_eq!(t.cyrillic('b'), None);
        assert_eq!(t.latin('н'), None);
        assert_eq!(t.cyrillic('z'), None);
        assert_eq!(t.latin('ж'), None);
    }

    #[test]
    fn ids_read_the_lookalikes_after_digits() {
        let segment =
            |n: &str| crate::record::id::number_segment(n, |c| g().lookalikes.cyrillic(c));
        assert_eq!(segment("8C 37/5"), segment("8С 37/5"));
        assert_eq!(segment("12p"), "12r");
        assert_eq!(segment("12H"), "12n");
        // Before the digits it stays Latin.
        assert_eq!(segment("C-12"), "c-12");
    }

    #[test]
    fn kazakh_letters_in_both_cases() {
        let k = &g().kazakh_letters;
        assert!(k.contains(&'ә') && k.contains(&'Ә'));
        assert!(k.contains(&'і') && k.contains(&'І'));
        assert!(!k.contains(&'а'));
    }

    fn with_ru(from: &str, to: &str) -> String {
        let ru = BUILTIN[0].1.replace(from, to);
        Grammar::from_sources(&[("ru.toml", &ru), ("kk.toml", BUILTIN[1].1)])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn lookalikes_must_pair_latin_with_cyrillic_once() {
        let err = with_ru("a = \"а\",", "a = \"b\",");
        assert!(
            err.contains("letters.lookalikes") && err.contains("'a'"),
            "{err}"
        );
        // Two Latin letters for one Cyrillic letter: which would `latin` give?
        let err = with_ru("a = \"а\",", "a = \"а\", d = \"а\",");
        assert!(err.contains("two look-alikes"), "{err}");
    }

    #[test]
    fn a_section_key_is_wired_to_its_grammar_field() {
        // `[amendments] words` is `word_edit`; `[country] names` is `country`.
        assert!(g().word_edit.at_start("слова").is_some());
        assert!(g().country.at_start("Республики Казахстан").is_some());
        assert_eq!(
            g().fee.at_start("бесплатно").map(|(f, _)| f),
            Some(crate::record::Fee::Free)
        );
        assert_eq!(
            g().structure.at_start("тармақшасы").map(|(u, _)| u),
            Some(StructureUnit::Subpoint)
        );
    }

    #[test]
    fn unknown_section_keys_and_bad_phrases_are_named() {
        let err = with_ru("lost_force_label =", "lost_forse_label =");
        assert!(
            err.starts_with("grammar/ru.toml:") && err.contains("lost_forse_label"),
            "{err}"
        );
        // A value the compile step rejects names its field.
        let err = with_ru("code = \"KZ-10\"", "code = \"KZ-1\"");
        assert!(
            err.contains("regions.code") && err.contains("KZ-1"),
            "{err}"
        );
    }

    #[test]
    fn the_built_in_json_reads_as_the_toml_it_was_made_from() {
        let json = Grammar::read(&BUILTIN_JSON, GAZETTEER_JSON, Syntax::Json);
        let toml = Grammar::from_sources(&BUILTIN);
        let (Ok(json), Ok(toml)) = (json, toml) else {
            panic!("the built-in grammar does not compile");
        };
        assert_eq!(format!("{json:?}"), format!("{toml:?}"));
    }

    #[test]
    fn the_gazetteer_loads_every_district_and_city() {
        // About 170 districts and 40 cities, and the oblasts' other names.
        assert!(g().gazetteer.len() > 200, "{}", g().gazetteer.len());
        let found: Vec<_> = g()
            .gazetteer
            .find_iter("маслихат Бурабайского района и акимат г. Степногорска")
            .map(|(places, _)| places.iter().map(|p| p.oblast.clone()).collect::<Vec<_>>())
            .collect();
        assert_eq!(found, [["KZ-11"], ["KZ-11"]]);
        // Inside a word, no name.
        assert_eq!(g().gazetteer.find_iter("ааккольский район").count(), 0);
    }

    #[test]
    fn a_bad_gazetteer_key_names_the_file_and_the_key() {
        let err = |from: &str, to: &str| {
            let text = GAZETTEER.1.replacen(from, to, 1);
            Gazetteer::from_source(GAZETTEER.0, &text)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default()
        };
        let e = err("oblast = \"KZ-11\"", "oblst = \"KZ-11\"");
        assert!(e.contains("gazetteer.toml") && e.contains("oblst"), "{e}");
        let e = err("oblast = \"KZ-11\"", "oblast = \"KZ-1\"");
        assert!(e.contains("places[0].oblast") && e.contains("KZ-1"), "{e}");
        let e = err("until = \"2022-06-08\"", "until = \"2022-13-08\"");
        assert!(e.contains(".until") && e.contains("2022-13-08"), "{e}");
        let e = err("kind = \"district\"", "kind = \"village\"");
        assert!(e.contains("gazetteer.toml") && e.contains("village"), "{e}");
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
