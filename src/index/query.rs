//! A search request: the words and phrases asked for, and the filters,
//! each checked as it is set, so that a bad value is an error naming the
//! parameter and what it accepts.

use super::documents::Level;
use crate::error::{Error, Result};
use crate::record::{ActKind, Body, Date, Language};
use crate::registry::StatusValue;
use serde::Serialize;

/// The longest query text, in characters.
pub const MAX_QUERY_CHARS: usize = 1000;
/// The most words and phrases in a query.
pub const MAX_TERMS: usize = 32;
/// The largest page.
pub const MAX_PER_PAGE: usize = 100;
/// How deep paging goes: page × per_page at most this many groups.
pub const MAX_DEPTH: usize = 1000;

/// One part of the query text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Part {
    /// A word.
    Word(String),
    /// A "phrase in quotes".
    Phrase(String),
}

/// A search request.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Query {
    /// The query text.
    pub text: String,
    /// Only documents whose act has this status on `as_of`.
    pub status: Option<StatusValue>,
    /// The day status is asked for.
    pub as_of: Date,
    /// Only acts of this region (ISO 3166-2:KZ).
    pub region: Option<String>,
    /// Only acts of this body.
    pub body: Option<Body>,
    /// Only acts of this kind.
    pub kind: Option<ActKind>,
    /// Only documents in this language.
    pub lang: Option<Language>,
    /// Only acts adopted in these years (inclusive).
    pub year: Option<(i16, i16)>,
    /// Only documents of this level.
    pub level: Option<Level>,
    /// Only regulations (and their provisions) of a service with these
    /// words.
    pub service: Option<String>,
    /// The page, from 1.
    pub page: usize,
    /// Groups per page.
    pub per_page: usize,
    /// Whether to make snippets.
    pub snippets: bool,
}

impl Query {
    /// A query for `text` with no filters, as of `today`.
    pub fn new(text: &str, today: Date) -> Result<Query> {
        if text.chars().count() > MAX_QUERY_CHARS {
            return Err(invalid(
                "q",
                format!("longer than {MAX_QUERY_CHARS} characters"),
            ));
        }
        let q = Query {
            text: text.to_string(),
            status: None,
            as_of: today,
            region: None,
            body: None,
            kind: None,
            lang: None,
            year: None,
            level: None,
            service: None,
            page: 1,
            per_page: 10,
            snippets: true,
        };
        if q.parts().len() > MAX_TERMS {
            return Err(invalid("q", format!("more than {MAX_TERMS} words")));
        }
        Ok(q)
    }

    /// Set a filter or paging parameter by name, checking its value. An
    /// empty value leaves it unset.
    pub fn set(&mut self, name: &str, value: &str) -> Result<()> {
        let value = value.trim();
        if value.is_empty() {
            return Ok(());
        }
        match name {
            "status" => {
                self.status = Some(named(
                    name,
                    value,
                    "in_force, lost_force, not_yet_in_force or unknown",
                )?)
            }
            "as_of" => {
                self.as_of = Date::parse(value).ok_or_else(|| {
                    invalid(name, format!("{value:?} is not a date (YYYY-MM-DD)"))
                })?;
            }
            "region" => self.region = Some(region(value)?),
            "body" => {
                self.body = Some(named(
                    name,
                    value,
                    "akimat, akim, maslikhat, ministry, government, parliament, court or president",
                )?)
            }
            "kind" => {
                self.kind = Some(named(
                    name,
                    value,
                    "resolution, decision, order, law, decree, regulation, joint or disposition",
                )?)
            }
            "lang" => self.lang = Some(named(name, value, "ru or kk")?),
            "year" => self.year = Some(years(value)?),
            "level" => {
                self.level = Some(Level::parse(value).ok_or_else(|| {
                    invalid(
                        name,
                        format!("{value:?}: expected act, regulation or provision"),
                    )
                })?);
            }
            "service" => {
                if value.chars().count() > MAX_QUERY_CHARS {
                    return Err(invalid(
                        name,
                        format!("longer than {MAX_QUERY_CHARS} characters"),
                    ));
                }
                self.service = Some(value.to_string());
            }
            "page" => self.page = number(name, value, 1, MAX_DEPTH)?,
            "per_page" => self.per_page = number(name, value, 1, MAX_PER_PAGE)?,
            _ => return Err(invalid(name, "no such parameter".to_string())),
        }
        if self.page.saturating_mul(self.per_page) > MAX_DEPTH {
            return Err(invalid(
                "page",
                format!("pages go no deeper than {MAX_DEPTH} results"),
            ));
        }
        Ok(())
    }

    /// The words and "phrases" of the text. A quote left open runs to the
    /// end of the text.
    pub fn parts(&self) -> Vec<Part> {
        let mut out = Vec::new();
        for (i, chunk) in self.text.split(['"', '«', '»', '“', '”']).enumerate() {
            if i % 2 == 1 {
                if !chunk.trim().is_empty() {
                    out.push(Part::Phrase(chunk.trim().to_string()));
                }
            } else {
                out.extend(
                    chunk
                        .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
                        .filter(|w| w.chars().any(crate::text::is_letter_or_digit))
                        .map(|w| Part::Word(w.to_string())),
                );
            }
        }
        out
    }
}

fn invalid(field: &str, reason: String) -> Error {
    Error::Invalid {
        field: field.to_string(),
        reason,
    }
}

/// A value named as the records name it (`in_force`, `akimat`, `kk`).
fn named<T: serde::de::DeserializeOwned>(field: &str, value: &str, expected: &str) -> Result<T> {
    serde_json::from_value(serde_json::Value::String(value.to_string()))
        .map_err(|_| invalid(field, format!("{value:?}: expected {expected}")))
}

/// `KZ-27`, `kz-27` or `KZ` (national acts).
fn region(value: &str) -> Result<String> {
    let up = value.to_uppercase();
    let ok = up == "KZ"
        || up.strip_prefix("KZ-").is_some_and(|c| {
            (2..=3).contains(&c.len()) && c.chars().all(|c| c.is_ascii_alphanumeric())
        });
    if ok {
        Ok(up)
    } else {
        Err(invalid(
            "region",
            format!("{value:?}: expected an ISO 3166-2:KZ code such as KZ-27"),
        ))
    }
}

/// `2017`, `2015..2019` or `2015-2019`.
fn years(value: &str) -> Result<(i16, i16)> {
    let bad = || {
        invalid(
            "year",
            format!("{value:?}: expected a year (2017) or a range (2015..2019)"),
        )
    };
    let (a, b) = match value.split_once("..").or_else(|| value.split_once('-')) {
        Some((a, b)) => (a.trim(), b.trim()),
        None => (value, value),
    };
    let from: i16 = if a.is_empty() {
        1900
    } else {
        a.parse().map_err(|_| bad())?
    };
    let to: i16 = if b.is_empty() {
        2100
    } else {
        b.parse().map_err(|_| bad())?
    };
    if from > to {
        return Err(bad());
    }
    Ok((from, to))
}

fn number(field: &str, value: &str, min: usize, max: usize) -> Result<usize> {
    value
        .parse::<usize>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or_else(|| {
            invalid(
                field,
                format!("{value:?}: expected a number from {min} to {max}"),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Query {
        let today = Date::new(2026, 1, 1).unwrap_or(Date(jiff::civil::date(2026, 1, 1)));
        Query::new(text, today).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn words_and_phrases() {
        assert_eq!(
            q(r#"регистрация "лиц ищущих" работу"#).parts(),
            [
                Part::Word("регистрация".into()),
                Part::Phrase("лиц ищущих".into()),
                Part::Word("работу".into())
            ]
        );
        assert_eq!(
            q("«жұмыспен қамту").parts(),
            [Part::Phrase("жұмыспен қамту".into())]
        );
    }

    #[test]
    fn filters_are_checked_and_named_in_errors() {
        let mut x = q("a");
        assert!(x.set("status", "in_force").is_ok());
        assert_eq!(x.status, Some(StatusValue::InForce));
        assert!(x.set("region", "kz-27").is_ok());
        assert_eq!(x.region.as_deref(), Some("KZ-27"));
        assert!(x.set("year", "2015..2019").is_ok());
        assert_eq!(x.year, Some((2015, 2019)));
        assert!(x.set("lang", "kk").is_ok());
        for (name, value) in [
            ("status", "valid"),
            ("as_of", "2019-02-30"),
            ("region", "Astana"),
            ("year", "20x"),
            ("level", "article"),
            ("lang", "en"),
            ("page", "0"),
            ("per_page", "1000"),
            ("colour", "red"),
        ] {
            let err = x
                .clone()
                .set(name, value)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(err.starts_with(name), "{name}={value}: {err}");
        }
    }

    #[test]
    fn caps() {
        let today = Date::new(2026, 1, 1).unwrap_or(Date(jiff::civil::date(2026, 1, 1)));
        assert!(Query::new(&"а".repeat(MAX_QUERY_CHARS + 1), today).is_err());
        assert!(Query::new(&"слово ".repeat(MAX_TERMS + 1), today).is_err());
        let mut x = q("a");
        assert!(x.set("per_page", "100").is_ok());
        assert!(x.set("page", "11").is_err());
    }
}
