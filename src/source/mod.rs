//! Stage 1: decode. Bytes in, [`Source`] out: the original bytes, their
//! encoding and format, and the decoded text mapped back to the bytes.
//!
//! Invariant: `Source::text` maps every byte to `Source::bytes`; HTML pages
//! are already reduced to the act's own text here, so later stages never
//! see markup from a page.

mod corpus;
mod decode;
pub mod folder;
mod html;

// The record names these, so they live in the bottom layer.
pub use crate::record::{Encoding, Format};
pub use corpus::{Entry, corpus_entries, corpus_files};
pub(crate) use corpus::{is_corpus_doc, is_text};
pub(crate) use decode::decode;
pub use folder::{Folder, Meta};
pub(crate) use html::entity_len;

use crate::error::{Error, Result};
use crate::text::Text;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Files above this size are refused rather than parsed: acts are at most
/// a few megabytes, and this bounds memory for hostile input.
pub const MAX_FILE_BYTES: usize = 256 * 1024 * 1024;

/// A decoded input file.
#[derive(Debug, Clone)]
pub struct Source {
    /// Where it was read from, as given.
    pub path: PathBuf,
    /// The original bytes: every span points into these.
    pub bytes: Vec<u8>,
    /// SHA-256 of `bytes`, hex.
    pub sha256: String,
    /// Detected encoding.
    pub encoding: Encoding,
    /// Detected format.
    pub format: Format,
    /// The text (markup of HTML pages removed), mapped to `bytes`.
    pub text: Text,
}

impl Source {
    /// Read and decode a file. Errors name the file.
    pub fn read(path: impl AsRef<Path>) -> Result<Source> {
        let path = path.as_ref();
        let meta = std::fs::metadata(path).map_err(|source| Error::Read {
            path: path.into(),
            source,
        })?;
        if meta.is_dir() {
            return Err(Error::Decode {
                path: path.into(),
                reason: "is a directory, not a file".into(),
            });
        }
        if meta.len() > MAX_FILE_BYTES as u64 {
            return Err(Error::Decode {
                path: path.into(),
                reason: format!(
                    "too large ({} bytes; the limit is {MAX_FILE_BYTES})",
                    meta.len()
                ),
            });
        }
        // Read at most one byte past the limit: a FIFO or a file that grows
        // while read (whose metadata said little) cannot exhaust memory.
        let mut bytes = Vec::new();
        std::fs::File::open(path)
            .and_then(|f| {
                std::io::Read::read_to_end(
                    &mut std::io::Read::take(f, MAX_FILE_BYTES as u64 + 1),
                    &mut bytes,
                )
            })
            .map_err(|source| Error::Read {
                path: path.into(),
                source,
            })?;
        Source::from_bytes(path, bytes)
    }

    /// Decode bytes that came from `path` (used for naming only).
    pub fn from_bytes(path: impl Into<PathBuf>, bytes: Vec<u8>) -> Result<Source> {
        let path = path.into();
        if bytes.len() > MAX_FILE_BYTES {
            return Err(Error::Decode {
                path,
                reason: format!("too large ({} bytes)", bytes.len()),
            });
        }
        let (decoded, encoding) = match decode::decode(&bytes) {
            Ok(ok) => ok,
            Err(reason) => return Err(Error::Decode { path, reason }),
        };
        let format = detect_format(decoded.as_str());
        let text = match format {
            Format::Html => html::extract(&decoded),
            Format::Text | Format::Markdown => decoded,
        };
        let sha256 = hex(&Sha256::digest(&bytes));
        Ok(Source {
            path,
            bytes,
            sha256,
            encoding,
            format,
            text,
        })
    }

    /// The original bytes of a span, as text (lossy for non-UTF-8 files).
    pub fn original(&self, span: crate::span::Span) -> String {
        let bytes = self.bytes.get(span.range()).unwrap_or_default();
        match self.encoding {
            Encoding::Utf8 | Encoding::Utf8Bom => String::from_utf8_lossy(bytes).into_owned(),
            Encoding::Windows1251 => encoding_rs::WINDOWS_1251
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
            Encoding::Utf16Le => encoding_rs::UTF_16LE
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
            Encoding::Utf16Be => encoding_rs::UTF_16BE
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// Decide the format from the text's own markers.
fn detect_format(text: &str) -> Format {
    let head: String = text
        .trim_start()
        .chars()
        .take(256)
        .collect::<String>()
        .to_ascii_lowercase();
    if head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with("<?xml") && head.contains("<html")
    {
        return Format::Html;
    }
    let markdown_line = |l: &str| {
        let t = l.trim_start();
        t.starts_with("**")
            || t.starts_with("> ")
            || t.starts_with("<a id=")
            || (t.starts_with('#') && t.trim_start_matches('#').starts_with(' '))
            || t.contains("](http")
    };
    if text.lines().take(5000).any(markdown_line) {
        return Format::Markdown;
    }
    Format::Text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(detect_format("<!DOCTYPE html>\n<html>"), Format::Html);
        assert_eq!(detect_format("\n\n**О внесении**\n"), Format::Markdown);
        assert_eq!(detect_format("## **2. Описание**"), Format::Markdown);
        assert_eq!(detect_format("Приложение 1\n      1. Текст"), Format::Text);
    }

    #[test]
    fn errors_name_the_file() {
        let err = Source::from_bytes("x/empty.txt", Vec::new())
            .err()
            .map(|e| e.to_string());
        assert_eq!(err.as_deref(), Some("x/empty.txt: empty file"));
    }
}
