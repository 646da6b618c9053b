//! Moving spans out of values into the `.spans` map.
//!
//! A [`Spanned`](crate::span::Spanned) value serializes as
//! `{"$span": [s, e], "$value": v}`. [`extract`] walks the JSON tree once,
//! replaces each such object by `v`, and records `pointer -> [s, e]`, where
//! `pointer` is the RFC 6901 JSON Pointer of `v` in the final record. The
//! pointers are therefore right by construction, whatever the nesting.

use crate::span::{META_FILE, SPAN_MARKER, Span, VALUE_MARKER};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Strip span markers from `value`; return the plain value and the spans.
pub fn extract(value: Value) -> (Value, BTreeMap<String, Span>) {
    let mut spans = BTreeMap::new();
    let mut path = String::new();
    let plain = walk(value, &mut path, &mut spans);
    (plain, spans)
}

fn walk(value: Value, path: &mut String, spans: &mut BTreeMap<String, Span>) -> Value {
    match value {
        Value::Object(map) => {
            if let Some((span, inner)) = as_spanned(&map) {
                spans.insert(path.clone(), span);
                return walk(inner, path, spans);
            }
            let mut out = Map::with_capacity(map.len());
            for (k, v) in map {
                let len = path.len();
                path.push('/');
                path.push_str(&escape(&k));
                let v = walk(v, path, spans);
                path.truncate(len);
                out.insert(k, v);
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(
            items
                .into_iter()
                .enumerate()
                .map(|(i, v)| {
                    let len = path.len();
                    path.push('/');
                    path.push_str(&i.to_string());
                    let v = walk(v, path, spans);
                    path.truncate(len);
                    v
                })
                .collect(),
        ),
        other => other,
    }
}

fn as_spanned(map: &Map<String, Value>) -> Option<(Span, Value)> {
    if map.len() != 2 {
        return None;
    }
    let pair = map.get(SPAN_MARKER)?.as_array()?;
    let start = usize::try_from(pair.first()?.as_u64()?).ok()?;
    let end = usize::try_from(pair.get(1)?.as_u64()?).ok()?;
    let span = match pair.get(2) {
        None => Span::new(start, end),
        Some(f) if f.as_str() == Some(META_FILE) => Span::new(start, end).in_meta(),
        Some(_) => return None,
    };
    Some((span, map.get(VALUE_MARKER)?.clone()))
}

/// RFC 6901: `~` -> `~0`, `/` -> `~1`.
fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Spanned;
    use serde::Serialize;

    #[derive(Serialize)]
    struct Inner {
        date: Spanned<String>,
    }

    #[derive(Serialize)]
    struct Outer {
        items: Vec<Inner>,
        #[serde(rename = "a/b")]
        odd: Spanned<u32>,
    }

    #[test]
    fn pointers_follow_the_final_shape() {
        let v = serde_json::to_value(Outer {
            items: vec![Inner {
                date: Spanned::new("2017-10-31".into(), Span::new(5, 9)),
            }],
            odd: Spanned::new(7, Span::new(1, 2)),
        })
        .unwrap_or_default();
        let (plain, spans) = extract(v);
        assert_eq!(
            plain,
            serde_json::json!({"items": [{"date": "2017-10-31"}], "a/b": 7})
        );
        assert_eq!(spans.get("/items/0/date"), Some(&Span::new(5, 9)));
        assert_eq!(spans.get("/a~1b"), Some(&Span::new(1, 2)));
    }
}
