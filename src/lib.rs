//! # reglament
//!
//! A registry of Kazakhstan's public-service regulations. reglament reads
//! normative acts (akimat resolutions and the service regulations they
//! approve, amend and repeal), in Russian or Kazakh, as markdown exports,
//! PDF-extracted text or pages saved from the official portal, and turns
//! them into structured records in which every value carries the byte span
//! of the original file it was read from.
//!
//! ## The pipeline
//!
//! Data flows one way; each stage is a module:
//!
//! 1. [`source`]: decode bytes (UTF-8, UTF-16, Windows-1251; text,
//!    markdown, HTML) into a [`text::Text`] mapped back to the bytes;
//! 2. [`normalize`]: one canonical form (quotes, dashes, look-alike letters,
//!    letter-spacing, displaced hyperlink words, hard-wrapped lines);
//! 3. [`segment`]: header, preamble, points, signature, appendices;
//! 4. [`parse`]: nom rules over the segments, with words from [`grammar`];
//! 5. [`record`]: the output types, ids and the JSON with its `.spans`;
//! 6. [`registry`]: every record of a corpus linked: lineage, status as of
//!    a date, consolidated texts.
//!
//! Properties: parsing content never fails (problems are
//! [`record::Diagnostic`]s); library code never panics, on any input; every
//! extracted value maps to its original bytes; Russian and Kazakh are
//! equals, and their words live in `grammar/*.toml`, not in the code.
//!
//! ## Example
//!
//! ```
//! use reglament::{Grammar, Source};
//!
//! let text = "Постановление акимата Западно-Казахстанской области от 31 октября 2017 года № 272. \
//!             Зарегистрировано Департаментом юстиции Западно-Казахстанской области 20 ноября 2017 года № 4954.";
//! let source = Source::from_bytes("example.txt", text.as_bytes().to_vec())?;
//! let doc = reglament::pipeline::document(&source, Grammar::builtin()?);
//!
//! assert_eq!(doc.act.id.as_deref(), Some("/akn/kz-27/act/resolution/akimat/2017-10-31/272"));
//! let number = doc.act.number.as_ref().map(|n| n.span).unwrap_or_default();
//! assert_eq!(&text[number.range()], "272"); // spans point into the original bytes
//! # Ok::<(), reglament::Error>(())
//! ```

pub mod error;
pub mod grammar;
pub mod lang;
pub mod normalize;
pub mod numbering;
pub mod parse;
pub mod pipeline;
pub mod record;
pub mod registry;
pub mod segment;
pub mod source;
pub mod span;
pub mod text;
pub mod validate;

pub use error::{Error, Result};
pub use grammar::Grammar;
pub use record::{Act, ActRef, Diagnostic, Document};
pub use source::Source;
pub use span::{Span, Spanned};

/// The README's code blocks are compiled and run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
