//! The index's fields, named once. Every other part of the index asks
//! [`Fields`] for a field; no field name is spelled anywhere else.
//!
//! Text is indexed twice over, once per language, each field with its own
//! analyzer: a Russian document's words go to the `_ru` fields, a Kazakh
//! document's to the `_kk` fields, and a query is analysed for both.
//! What filters and facets read per document (its act, level, language) is
//! a fast column; what an act knows (region, kind, status history) lives
//! once in the act table of the index's state (see `state`).

use super::analysis;
use crate::record::Language;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

/// The layout's version: an index of another version is rebuilt.
pub const VERSION: u32 = 1;

/// The fast column of [`Fields::tag`].
pub const TAG: &str = "tag";
/// The fast column of [`Fields::key`].
pub const KEY: &str = "key";

/// A document's tag: its act's number, its level code and its language
/// code in one number.
pub fn tag(act: u64, level: u64, lang: u64) -> u64 {
    act.saturating_mul(8) | (level & 3) << 1 | (lang & 1)
}

/// The act number, level code and language code of a tag.
pub fn untag(tag: u64) -> (u64, u64, u64) {
    (tag >> 3, (tag >> 1) & 3, tag & 1)
}

/// The fields of the index.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// The search document's id (stored).
    pub id: Field,
    /// A stable number made from the id: it orders hits of equal score the
    /// same way in every build (fast).
    pub key: Field,
    /// The document's level (0 act, 1 regulation, 2 provision).
    pub level: Field,
    /// What filters and facets read of every match, in one fast column:
    /// the act's number in the act table, the level and the language (see
    /// [`tag`]).
    pub tag: Field,
    /// The act's work id (stored).
    pub act_id: Field,
    /// The regulation's id, for a regulation or a provision of one.
    pub regulation_id: Field,
    /// The corpus entry (file or act folder) the document was read from:
    /// the unit of incremental updates.
    pub entry: Field,
    /// The language (0 ru, 1 kk).
    pub lang: Field,
    /// The provision path for people.
    pub path: Field,
    /// The source file.
    pub source: Field,
    /// The span's start and end in the source file.
    pub span_start: Field,
    /// See `span_start`.
    pub span_end: Field,
    /// Heading words (an act's title, a regulation's service, a chapter's
    /// heading), per language.
    pub title: [Field; 2],
    /// The document's text, per language.
    pub text: [Field; 2],
    /// The regulation's service, per language, for the `service` filter.
    pub service: [Field; 2],
}

impl Fields {
    /// The field of `lang` among a per-language pair.
    pub fn of(pair: [Field; 2], lang: Language) -> Field {
        let [ru, kk] = pair;
        match lang {
            Language::Ru => ru,
            Language::Kk => kk,
        }
    }
}

/// A text field analysed by `tokenizer`, with positions for phrases.
fn text(tokenizer: &str, stored: bool) -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(tokenizer)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let options = TextOptions::default().set_indexing_options(indexing);
    if stored {
        options.set_stored()
    } else {
        options
    }
}

/// The schema and its fields.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        key: b.add_u64_field(KEY, FAST),
        level: b.add_u64_field("level", INDEXED | STORED),
        tag: b.add_u64_field(TAG, FAST),
        act_id: b.add_text_field("act_id", STRING | STORED),
        regulation_id: b.add_text_field("regulation_id", STRING | STORED),
        entry: b.add_text_field("entry", STRING),
        lang: b.add_u64_field("lang", INDEXED | STORED),
        path: b.add_text_field("path", STORED),
        source: b.add_text_field("source", STORED),
        span_start: b.add_u64_field("span_start", STORED),
        span_end: b.add_u64_field("span_end", STORED),
        title: [
            b.add_text_field("title_ru", text(analysis::RU, true)),
            b.add_text_field("title_kk", text(analysis::KK, true)),
        ],
        text: [
            b.add_text_field("text_ru", text(analysis::RU, true)),
            b.add_text_field("text_kk", text(analysis::KK, true)),
        ],
        service: [
            b.add_text_field("service_ru", text(analysis::RU, false)),
            b.add_text_field("service_kk", text(analysis::KK, false)),
        ],
    };
    (b.build(), fields)
}

/// The index's settings: tantivy's defaults. (Smaller document-store
/// blocks, tried for cheaper hit reading, made no measurable difference to
/// query time and grew the index by a fifth.)
pub fn settings() -> tantivy::IndexSettings {
    tantivy::IndexSettings::default()
}

/// Read the fields of an opened index's schema, checking each is there.
pub fn fields_of(schema: &Schema) -> Option<Fields> {
    // Fields are numbered in the order they are added, so an index built
    // by `build` has the same numbers; check the names agree.
    let (built, expected) = build();
    let same = built.num_fields() == schema.num_fields()
        && built
            .fields()
            .all(|(f, entry)| schema.get_field(entry.name()).ok() == Some(f));
    same.then_some(expected)
}
