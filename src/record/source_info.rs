//! Where a record came from: the file, its encoding and its format.
//!
//! The encoding and format enums live here, in the bottom layer, because
//! the record names them; `source` detects them and re-exports them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Where the record came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SourceInfo {
    /// Path as given.
    pub path: String,
    /// SHA-256 of the file's bytes.
    pub sha256: String,
    /// Detected encoding.
    pub encoding: Encoding,
    /// Detected format.
    pub format: Format,
    /// For a text of an act folder: its meta.yaml, which spans with a third
    /// element `"meta.yaml"` point into.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<MetaInfo>,
}

/// An act folder's meta.yaml, read beside the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MetaInfo {
    /// Path as given.
    pub path: String,
    /// SHA-256 of the file's bytes.
    pub sha256: String,
}

/// How the file's bytes were encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Encoding {
    /// UTF-8 without a byte-order mark.
    #[serde(rename = "utf-8")]
    Utf8,
    /// UTF-8 with a byte-order mark.
    #[serde(rename = "utf-8-bom")]
    Utf8Bom,
    /// UTF-16, little endian, with a byte-order mark.
    #[serde(rename = "utf-16le")]
    Utf16Le,
    /// UTF-16, big endian, with a byte-order mark.
    #[serde(rename = "utf-16be")]
    Utf16Be,
    /// Windows-1251 (Cyrillic).
    #[serde(rename = "windows-1251")]
    Windows1251,
}

/// The shape the text arrived in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Plain text, including text extracted from PDF.
    Text,
    /// A markdown export (headings, emphasis, footnote blockquotes).
    Markdown,
    /// An HTML page saved from the official portal.
    Html,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The JSON names are part of the record layout: moving the enums into
    /// `record` (issue 8) must not change them.
    #[test]
    fn json_names_are_unchanged() {
        let names = |v: serde_json::Value| v.as_str().map(str::to_owned);
        let encodings = [
            (Encoding::Utf8, "utf-8"),
            (Encoding::Utf8Bom, "utf-8-bom"),
            (Encoding::Utf16Le, "utf-16le"),
            (Encoding::Utf16Be, "utf-16be"),
            (Encoding::Windows1251, "windows-1251"),
        ];
        for (e, name) in encodings {
            assert_eq!(
                serde_json::to_value(e).ok().and_then(names).as_deref(),
                Some(name)
            );
        }
        let formats = [
            (Format::Text, "text"),
            (Format::Markdown, "markdown"),
            (Format::Html, "html"),
        ];
        for (f, name) in formats {
            assert_eq!(
                serde_json::to_value(f).ok().and_then(names).as_deref(),
                Some(name)
            );
        }
    }

    /// `record` is the bottom layer (issue 8): none of its files may import
    /// a pipeline stage or the registry.
    #[test]
    fn record_imports_no_stage_above_it() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/record");
        // Spelled without the prefix so this file does not match itself.
        let above = [
            "source",
            "normalize",
            "segment",
            "parse",
            "validate",
            "pipeline",
            "registry",
        ]
        .map(|stage| format!("crate::{stage}"));
        let mut files = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            for stage in &above {
                assert!(
                    !text.contains(stage.as_str()),
                    "{} imports {stage}",
                    path.display()
                );
            }
            files += 1;
        }
        assert!(files > 1, "no files read in {}", dir.display());
    }
}
