//! Spans: byte ranges of the ORIGINAL input file.
//!
//! Invariant: every [`Span`] that leaves the library points into the bytes
//! the user gave us, never into decoded or normalized text. Internal stages
//! work on normalized text and translate through [`crate::text::Text`]
//! before a span is stored in a record.

use schemars::JsonSchema;
use serde::{Serialize, Serializer};
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
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
}
