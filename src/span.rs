//! Spans: byte ranges of the ORIGINAL input file.
//!
//! Invariant: every [`Span`] that leaves the library points into the bytes
//! the user gave us, never into decoded or normalized text. Internal stages
//! work on normalized text and translate through [`crate::text::Text`]
//! before a span is stored in a record.

use schemars::JsonSchema;
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::marker::PhantomData;
use std::ops::Range;

/// A half-open byte range `[start, end)` of the original file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Which file of the record: its text, or an act folder's meta.yaml.
    pub file: SpanFile,
}

/// The file a span points into. A record is read from one text; in an act
/// folder, the facts of the `requisite:` line are read from meta.yaml, and
/// their spans say so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum SpanFile {
    /// The record's text (`source.path`).
    #[default]
    Text,
    /// The act folder's meta.yaml (`source.meta.path`).
    Meta,
}

/// The name a meta.yaml span carries as its third element.
pub const META_FILE: &str = "meta.yaml";

impl Span {
    /// A span from `start` to `end`; a reversed pair is put in order.
    pub fn new(start: usize, end: usize) -> Self {
        let (start, end) = if start <= end {
            (start, end)
        } else {
            (end, start)
        };
        Span {
            start,
            end,
            file: SpanFile::Text,
        }
    }

    /// The same bytes of meta.yaml.
    pub fn in_meta(self) -> Span {
        Span {
            file: SpanFile::Meta,
            ..self
        }
    }

    /// The smallest span covering both (in `self`'s file).
    pub fn cover(self, other: Span) -> Span {
        Span {
            file: self.file,
            ..Span::new(self.start.min(other.start), self.end.max(other.end))
        }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// As a `Range`.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// Serialized as `[start, end]`, the shape JSON users expect; a span of
/// meta.yaml as `[start, end, "meta.yaml"]`.
impl Serialize for Span {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeTuple;
        let meta = self.file == SpanFile::Meta;
        let mut t = s.serialize_tuple(if meta { 3 } else { 2 })?;
        t.serialize_element(&self.start)?;
        t.serialize_element(&self.end)?;
        if meta {
            t.serialize_element(META_FILE)?;
        }
        t.end()
    }
}

/// Reads back what [`Span`]'s `Serialize` writes: `[start, end]`, or
/// `[start, end, "meta.yaml"]`. Anything else (a reversed pair, another
/// file name, a fourth element) is an error, so a cached record with a
/// corrupt span is refused rather than silently repaired.
impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_seq(SpanVisitor)
    }
}

struct SpanVisitor;

impl<'de> Visitor<'de> for SpanVisitor {
    type Value = Span;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "a span [start, end] or [start, end, \"{META_FILE}\"]")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Span, A::Error> {
        let start: usize = seq
            .next_element()?
            .ok_or_else(|| de::Error::invalid_length(0, &self))?;
        let end: usize = seq
            .next_element()?
            .ok_or_else(|| de::Error::invalid_length(1, &self))?;
        if start > end {
            return Err(de::Error::custom(format!(
                "span [{start}, {end}] ends before it starts"
            )));
        }
        let file = match seq.next_element::<String>()? {
            None => SpanFile::Text,
            Some(name) if name == META_FILE => SpanFile::Meta,
            Some(name) => {
                return Err(de::Error::invalid_value(
                    de::Unexpected::Str(&name),
                    &format!("\"{META_FILE}\" as a span's third element").as_str(),
                ));
            }
        };
        if seq.next_element::<de::IgnoredAny>()?.is_some() {
            return Err(de::Error::invalid_length(4, &self));
        }
        Ok(Span { start, end, file })
    }
}

impl JsonSchema for Span {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Span".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "[start, end) byte offsets into the record's text (source.path); with a third element \"meta.yaml\", into the act folder's meta.yaml (source.meta.path)",
            "type": "array",
            "prefixItems": [
                { "type": "integer", "minimum": 0 },
                { "type": "integer", "minimum": 0 },
                { "const": "meta.yaml" }
            ],
            "items": false,
            "minItems": 2,
            "maxItems": 3
        })
    }
}

/// A value together with the span of the original text it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    /// The extracted value.
    pub value: T,
    /// Where it came from.
    pub span: Span,
}

impl<T> Spanned<T> {
    /// Pair a value with its span.
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }

    /// Transform the value, keeping the span.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Spanned<U> {
        Spanned {
            value: f(self.value),
            span: self.span,
        }
    }
}

/// A value read from the text (with its span), or a default the text did
/// not state (with none): `fee` is `"free"` from «бесплатно», or
/// `"unknown"` when the regulation does not say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum MaybeSpanned<T> {
    /// Read from the text.
    Known(Spanned<T>),
    /// Not stated; the value is the default.
    Unstated(T),
}

impl<T> MaybeSpanned<T> {
    /// The value, either way.
    pub fn value(&self) -> &T {
        match self {
            MaybeSpanned::Known(s) => &s.value,
            MaybeSpanned::Unstated(v) => v,
        }
    }
}

/// The marker key under which a span travels through serialization; the
/// record layer strips it out into the document's `.spans` map (see
/// `record::spans`).
pub const SPAN_MARKER: &str = "$span";
/// The marker key of the wrapped value.
pub const VALUE_MARKER: &str = "$value";

impl<T: Serialize> Serialize for Spanned<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry(SPAN_MARKER, &self.span)?;
        m.serialize_entry(VALUE_MARKER, &self.value)?;
        m.end()
    }
}

/// Reads back what [`Spanned`]'s `Serialize` writes: exactly the two keys
/// [`SPAN_MARKER`] and [`VALUE_MARKER`], in either order. This is the raw
/// serde form (`serde_json::to_value`), not `Document::to_json`'s, whose
/// spans have moved to `.spans`.
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(SpannedVisitor(PhantomData))
    }
}

struct SpannedVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for SpannedVisitor<T> {
    type Value = Spanned<T>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(
            f,
            "a map {{\"{SPAN_MARKER}\": span, \"{VALUE_MARKER}\": value}}"
        )
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Spanned<T>, A::Error> {
        let mut span = None;
        let mut value = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                SPAN_MARKER if span.is_some() => {
                    return Err(de::Error::duplicate_field(SPAN_MARKER));
                }
                SPAN_MARKER => span = Some(map.next_value()?),
                VALUE_MARKER if value.is_some() => {
                    return Err(de::Error::duplicate_field(VALUE_MARKER));
                }
                VALUE_MARKER => value = Some(map.next_value()?),
                _ => return Err(de::Error::unknown_field(&key, &[SPAN_MARKER, VALUE_MARKER])),
            }
        }
        let span = span.ok_or_else(|| de::Error::missing_field(SPAN_MARKER))?;
        let value = value.ok_or_else(|| de::Error::missing_field(VALUE_MARKER))?;
        Ok(Spanned { value, span })
    }
}

/// In the schema a spanned value is just its value: spans live in `.spans`.
impl<T: JsonSchema> JsonSchema for Spanned<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }

    fn inline_schema() -> bool {
        T::inline_schema()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_orders_reversed_pairs() {
        assert_eq!(Span::new(5, 2), Span::new(2, 5));
        assert_eq!((Span::new(5, 2).start, Span::new(5, 2).end), (2, 5));
    }

    #[test]
    fn cover_is_the_hull() {
        assert_eq!(Span::new(2, 4).cover(Span::new(8, 9)), Span::new(2, 9));
    }

    #[test]
    fn serializes_as_pair() {
        let json = serde_json::to_string(&Span::new(3, 7)).unwrap_or_default();
        assert_eq!(json, "[3,7]");
        let json = serde_json::to_string(&Span::new(3, 7).in_meta()).unwrap_or_default();
        assert_eq!(json, r#"[3,7,"meta.yaml"]"#);
    }

    /// A span, or a spanned value, read back from its own JSON.
    fn back<T: Serialize + serde::de::DeserializeOwned>(v: &T) -> T {
        serde_json::from_value(serde_json::to_value(v).unwrap()).unwrap()
    }

    #[test]
    fn spans_read_back_in_their_file() {
        for span in [Span::new(3, 7), Span::new(3, 7).in_meta(), Span::new(0, 0)] {
            assert_eq!(back(&span), span);
        }
        let meta: Span = serde_json::from_str(r#"[3,7,"meta.yaml"]"#).unwrap();
        assert_eq!(meta.file, SpanFile::Meta);
    }

    #[test]
    fn malformed_spans_are_refused() {
        for bad in [
            "[3]",
            "[]",
            "[7,3]",
            r#"[3,7,"text.txt"]"#,
            r#"[3,7,"meta.yaml",1]"#,
            "[-1,7]",
            r#"{"start":3,"end":7}"#,
            "\"3..7\"",
        ] {
            let read = serde_json::from_str::<Span>(bad);
            assert!(read.is_err(), "{bad} read as {read:?}");
        }
        let reversed = serde_json::from_str::<Span>("[7,3]").unwrap_err();
        assert!(
            reversed.to_string().contains("ends before it starts"),
            "{reversed}"
        );
        let file = serde_json::from_str::<Span>(r#"[3,7,"x"]"#).unwrap_err();
        assert!(file.to_string().contains("meta.yaml"), "{file}");
    }

    #[test]
    fn spanned_values_read_back() {
        let text = Spanned::new("272".to_string(), Span::new(10, 13));
        assert_eq!(back(&text), text);
        let meta = Spanned::new(7u32, Span::new(1, 2).in_meta());
        assert_eq!(back(&meta), meta);
        let nested = Spanned::new(Some(Spanned::new(1u8, Span::new(4, 5))), Span::new(0, 9));
        assert_eq!(back(&nested), nested);
        // Key order does not matter; the shape does.
        let swapped: Spanned<u32> = serde_json::from_str(r#"{"$value":7,"$span":[1,2]}"#).unwrap();
        assert_eq!(swapped, Spanned::new(7, Span::new(1, 2)));
    }

    #[test]
    fn malformed_spanned_values_are_refused() {
        for bad in [
            r#"{"$span":[1,2]}"#,
            r#"{"$value":7}"#,
            r#"{"$span":[1,2],"$value":7,"extra":0}"#,
            r#"{"$span":[1,2],"$span":[1,2],"$value":7}"#,
            r#"{"$span":[2,1],"$value":7}"#,
            "7",
        ] {
            let read = serde_json::from_str::<Spanned<u32>>(bad);
            assert!(read.is_err(), "{bad} read as {read:?}");
        }
    }

    /// `MaybeSpanned` is untagged: each variant must come back as itself.
    #[test]
    fn maybe_spanned_keeps_its_variant() {
        let known = MaybeSpanned::Known(Spanned::new("free".to_string(), Span::new(5, 15)));
        assert_eq!(back(&known), known);
        let in_meta = MaybeSpanned::Known(Spanned::new(3u32, Span::new(5, 15).in_meta()));
        assert_eq!(back(&in_meta), in_meta);
        let unstated = MaybeSpanned::<String>::Unstated("unknown".into());
        assert_eq!(back(&unstated), unstated);
    }
}
