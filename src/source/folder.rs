//! Act folders: one act in two languages, as the `kazakhstan-law`
//! repositories publish it: `rus.md`, `kaz.md` and `meta.yaml`.
//!
//! `meta.yaml` is read with a YAML parser (serde-saphyr), never by hand.
//! Its `requisite:` line is the act's official requisites. It is handed on
//! as a [`Source`] of its own whose bytes are meta.yaml's, with everything
//! but the line blanked: the same grammar reads it as any requisites line,
//! and every span it yields points into meta.yaml as it is on disk.

use super::Source;
use crate::error::{Error, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The file that makes a folder an act folder.
pub const META: &str = "meta.yaml";
/// The texts of an act folder, Russian then Kazakh; either may be missing.
pub const TEXTS: [&str; 2] = ["rus.md", "kaz.md"];

/// An act folder, read and decoded.
#[derive(Debug, Clone)]
pub struct Folder {
    /// The folder, as given.
    pub dir: PathBuf,
    /// Its texts that exist, in [`TEXTS`] order.
    pub texts: Vec<Source>,
    /// meta.yaml.
    pub meta: Meta,
}

/// What meta.yaml says.
#[derive(Debug, Clone)]
pub struct Meta {
    /// The file.
    pub path: PathBuf,
    /// SHA-256 of its bytes, hex.
    pub sha256: String,
    /// The requisite line, as a source whose spans are meta.yaml's; `None`
    /// when meta.yaml has no `requisite:`.
    pub requisite: Option<Source>,
}

/// The keys of meta.yaml that reglament reads; the others are the
/// publisher's bookkeeping (codes, addresses) and are ignored.
#[derive(Deserialize)]
struct MetaYaml {
    requisite: Option<serde_saphyr::Spanned<String>>,
}

/// Whether `dir` is an act folder: it holds a meta.yaml.
pub fn is_folder(dir: &Path) -> bool {
    dir.join(META).is_file()
}

impl Folder {
    /// Read an act folder. Errors name the file: a folder without
    /// meta.yaml, a meta.yaml that is not YAML (with its line), a
    /// `requisite` that is not a string, a text that cannot be decoded.
    pub fn read(dir: impl AsRef<Path>) -> Result<Folder> {
        let dir = dir.as_ref();
        let meta = Meta::read(&dir.join(META))?;
        let texts = TEXTS
            .iter()
            .map(|name| dir.join(name))
            .filter(|p| p.exists())
            .map(Source::read)
            .collect::<Result<Vec<_>>>()?;
        Ok(Folder {
            dir: dir.to_path_buf(),
            texts,
            meta,
        })
    }
}

impl Meta {
    /// Read and parse meta.yaml.
    pub fn read(path: &Path) -> Result<Meta> {
        let source = Source::read(path)?;
        let text = std::str::from_utf8(&source.bytes).map_err(|e| Error::Decode {
            path: path.into(),
            reason: format!("meta.yaml is not UTF-8: {e}"),
        })?;
        let yaml: MetaYaml = serde_saphyr::from_str(text).map_err(|e| Error::Decode {
            path: path.into(),
            reason: format!("not valid meta.yaml: {}", one_line(&e.to_string())),
        })?;
        let requisite = match yaml.requisite {
            Some(r) => Some(requisite_source(path, &source.bytes, &r)?),
            None => None,
        };
        Ok(Meta {
            path: path.into(),
            sha256: source.sha256,
            requisite,
        })
    }
}

/// The requisite line as a source of meta.yaml's own length: its bytes
/// where they are, every other byte a space (line breaks kept), so offsets
/// into it are offsets into meta.yaml.
fn requisite_source(
    path: &Path,
    bytes: &[u8],
    r: &serde_saphyr::Spanned<String>,
) -> Result<Source> {
    let range = scalar_range(bytes, r).ok_or_else(|| Error::Decode {
        path: path.into(),
        reason: format!(
            "requisite (line {}): cannot locate its text in the file",
            r.referenced.line()
        ),
    })?;
    let masked = bytes
        .iter()
        .enumerate()
        .map(|(i, &b)| match b {
            _ if range.contains(&i) => b,
            b'\n' => b'\n',
            _ => b' ',
        })
        .collect();
    Source::from_bytes(path, masked)
}

/// The bytes of the scalar's text, without the quotes of a quoted scalar.
/// The parser's span covers the scalar as written; a plain scalar's bytes
/// are its value, a quoted one's are its value between the quotes.
fn scalar_range(bytes: &[u8], r: &serde_saphyr::Spanned<String>) -> Option<std::ops::Range<usize>> {
    let span = r.referenced.span();
    let start = usize::try_from(span.byte_offset()?).ok()?;
    let len = usize::try_from(span.byte_len()?).ok()?;
    let raw = bytes.get(start..start.checked_add(len)?)?;
    let quoted = matches!(
        (raw.first(), raw.last()),
        (Some(b'\''), Some(b'\'')) | (Some(b'"'), Some(b'"'))
    ) && raw.len() >= 2;
    Some(if quoted {
        start + 1..start + len - 1
    } else {
        start..start + len
    })
}

/// A parser's message on one line (it may draw the offending line).
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) {
        std::fs::write(dir.join(name), text).unwrap();
    }

    /// The requisite's source holds the line at its own offsets in
    /// meta.yaml and nothing else.
    #[test]
    fn requisite_keeps_its_offsets() {
        let dir = tempfile::tempdir().unwrap();
        let yaml =
            "act_code: '1'\nrequisite: Решение акима области от 1 мая 2001 года № 2\nform: РЕШ\n";
        write(dir.path(), META, yaml);
        let meta = Meta::read(&dir.path().join(META)).unwrap();
        let src = meta.requisite.unwrap();
        assert_eq!(src.bytes.len(), yaml.len());
        let at = yaml.find("Решение").unwrap();
        let text = String::from_utf8(src.bytes.clone()).unwrap();
        assert_eq!(text.trim(), "Решение акима области от 1 мая 2001 года № 2");
        assert_eq!(text.find("Решение"), Some(at));
    }

    /// A quoted requisite: the quotes are not part of the line.
    #[test]
    fn quoted_requisite_drops_its_quotes() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), META, "requisite: 'Приказ Министра № 5'\n");
        let meta = Meta::read(&dir.path().join(META)).unwrap();
        let text = String::from_utf8(meta.requisite.unwrap().bytes).unwrap();
        assert_eq!(text.trim(), "Приказ Министра № 5");
    }

    /// Broken YAML is an error naming the file; a missing requisite is not.
    #[test]
    fn broken_meta_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), META, "requisite: [unclosed\n");
        let e = Meta::read(&dir.path().join(META)).unwrap_err().to_string();
        assert!(e.contains("meta.yaml"), "{e}");
        write(dir.path(), META, "act_code: '1'\n");
        assert!(
            Meta::read(&dir.path().join(META))
                .unwrap()
                .requisite
                .is_none()
        );
        write(dir.path(), META, "requisite:\n  nested: map\n");
        assert!(Meta::read(&dir.path().join(META)).is_err());
    }

    /// Either text may be missing; the ones there are read in order.
    #[test]
    fn reads_the_texts_there_are() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), META, "requisite: Приказ № 1\n");
        write(dir.path(), "kaz.md", "# Бұйрық\n");
        let f = Folder::read(dir.path()).unwrap();
        assert_eq!(f.texts.len(), 1);
        assert!(f.texts[0].path.ends_with("kaz.md"));
        assert!(is_folder(dir.path()));
        assert!(!is_folder(&dir.path().join("nope")));
    }
}
