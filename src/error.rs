//! The library's one error type.
//!
//! Parsing *content* never fails: a strange act yields a record plus
//! diagnostics. `Error` is for what stops us from having content at all
//! (I/O, undecodable bytes, a broken grammar file) and, later, for the
//! registry and the index. Every variant names the file or field involved.

use std::path::PathBuf;

/// Everything that can go wrong outside of content parsing.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be read (missing, a directory, no permission).
    #[error("{path}: cannot read: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },

    /// The bytes are not a text we can decode.
    #[error("{path}: {reason}")]
    Decode {
        /// The file.
        path: PathBuf,
        /// What is wrong with the bytes, in one line.
        reason: String,
    },

    /// A grammar file is malformed (a bug in the shipped data, or a user's
    /// edited copy).
    #[error("grammar/{file}: {reason}")]
    Grammar {
        /// The grammar file, e.g. `ru.toml`.
        file: String,
        /// What is wrong, naming the field.
        reason: String,
    },

    /// Output could not be serialized.
    #[error("cannot serialize {what}: {source}")]
    Serialize {
        /// What was being written.
        what: String,
        /// The serializer's reason.
        source: serde_json::Error,
    },

    /// No act of the registry answers to a query (a work id, a part of
    /// one, a file of the corpus).
    #[error("{query}: {reason}")]
    NoSuchAct {
        /// What was asked for.
        query: String,
        /// Why nothing answers.
        reason: String,
    },

    /// A query names several acts of the registry.
    #[error("{query}: names {} acts: {}", .candidates.len(), .candidates.join(", "))]
    AmbiguousAct {
        /// What was asked for.
        query: String,
        /// The ids it names.
        candidates: Vec<String>,
    },

    /// A report could not be written.
    #[error("cannot write {what}: {reason}")]
    Write {
        /// What was being written.
        what: String,
        /// Why not.
        reason: String,
    },

    /// A command-line argument or configuration value is invalid.
    #[error("{field}: {reason}")]
    Invalid {
        /// The argument or field.
        field: String,
        /// What is wrong with it.
        reason: String,
    },

    /// The search index could not be opened, read or written.
    #[error("index {path}: {reason}")]
    Index {
        /// The index directory.
        path: String,
        /// Why not.
        reason: String,
    },
}

/// Result with the library error.
pub type Result<T, E = Error> = std::result::Result<T, E>;
