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
//! Data flows one way; each stage is a private module that imports only
//! the stages below it:
//!
//! 1. `source`: decode bytes (UTF-8, UTF-16, Windows-1251; text, markdown,
//!    HTML) into text mapped back to the original bytes;
//! 2. `normalize`: one canonical form (quotes, dashes, look-alike letters,
//!    letter-spacing, displaced hyperlink words, hard-wrapped lines);
//! 3. `segment`: header, preamble, points, signature, appendices, each
//!    regulation's chapters and points, and the provision trees;
//! 4. `parse`: nom rules over the segments, with words from the
//!    [`Grammar`]; `numbering` is the one item-number rule they share;
//! 5. `validate`: judges the finished record (consistency checks);
//! 6. `pipeline`: runs the stages once per text ([`document`], [`file`]);
//! 7. [`Registry`]: every record of a corpus linked: lineage, status as of
//!    a date, consolidated texts.
//!
//! Below them all, `record` holds the output types (re-exported here),
//! `span` the [`Span`]s into the original bytes, and `error` the one
//! [`Error`].
//!
//! Properties: parsing content never fails (problems are
//! [`Diagnostic`]s); library code never panics, on any input; every
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
//! let doc = reglament::document(&source, Grammar::builtin()?);
//!
//! assert_eq!(doc.act.id.as_deref(), Some("/akn/kz-27/act/resolution/akimat/2017-10-31/272"));
//! let number = doc.act.number.as_ref().map(|n| n.span).unwrap_or_default();
//! assert_eq!(&text[number.range()], "272"); // spans point into the original bytes
//! # Ok::<(), reglament::Error>(())
//! ```

pub mod align;
mod api;
mod diff;
mod error;
pub mod export;
mod grammar;
mod index;
mod lang;
mod normalize;
mod numbering;
mod parse;
mod phrase;
mod pipeline;
mod record;
mod registry;
mod segment;
mod source;
mod span;
mod text;
mod validate;

pub use api::{Admin, ApiError, AppState, router, router_with};
pub use diff::{Diff, regulations as diff_regulations};
pub use error::{Error, Result};
pub use grammar::Grammar;
pub use index::bench;
pub use index::documents::of_document as search_documents;
pub use index::{
    ActInfo, Facets, Hit, Index, Level as SearchLevel, Options as IndexOptions,
    Progress as IndexProgress, Query as SearchQuery, Report as IndexReport,
    Results as SearchResults, SearchDoc, State as IndexState, cached_records,
    update as update_index,
};
pub use normalize::normalize_str;
pub use pipeline::{
    FoundDate, dates, document, entry, file, floor, folder, language, normalized_text, records,
    records_then,
};
pub use record::{
    Act, ActKind, ActRef, Actor, Amendment, Approval, Body, Channel, Chapter, Code, Date,
    Diagnostic, Document, Duration, DurationUnit, EntryIntoForce, EntryRule, Fee, Footnote, Form,
    Issuer, Language, Level, LostForce, MetaInfo, Op, PathPart, PortalStep, Procedure, Provision,
    ProvisionUnit, Recipient, Registration, Regulation, RegulationKind, SCHEMA_VERSION, Scope,
    Signatory, SourceInfo, Status, StepKind, StructureUnit, Term, TermKind,
};
pub use registry::{
    Applied, Branch, Change, Consolidated, DateBasis, Decider, Edge, EdgeKind, Facts, Interval,
    Lineage, NOT_IN_CORPUS, Node, NodeKind, Registry, ReportFormat, StatusAt, StatusQuery,
    StatusValue, Step, TextProvision, UNDATABLE, Unapplied, WORD_EDIT, act_key, corpus_files,
    render_status,
};
pub use source::{Encoding, Entry, Folder, Format, Meta, Source, corpus_entries};
pub use span::{MaybeSpanned, Span, Spanned};

/// The README's code blocks are compiled and run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
