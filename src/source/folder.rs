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
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The file that makes a folder an act folder.
pub const META: &str = "meta.yaml";
/// The texts of an act folder, Russian then Kazakh; either may be missing.
pub const TEXTS: [&str; 2] = ["rus.md", "kaz.md"];

/// An act folder, read and decoded.
#[derive(Debug)]
pub struct Folder {
    /// The folder, as given.
    pub dir: PathBuf,
    /// Its texts that exist and decode, in [`TEXTS`] order.
    pub texts: Vec<Source>,
    /// Its texts that exist but cannot be read or decoded: the others are
    /// still the act's. A meta.yaml that cannot be read or is malformed is
    /// here too: the texts are then read without its requisite.
    pub unread: Vec<Error>,
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

/// meta.yaml's keys as they are, whatever they hold: when meta.yaml is YAML
/// but not as reglament reads it, the error says what `requisite` holds.
#[derive(Deserialize)]
struct MetaShape {
    requisite: Option<serde_saphyr::Spanned<Shape>>,
}

/// What a YAML value is ("a map", "a list", …), any value accepted.
struct Shape(&'static str);

impl<'de> Deserialize<'de> for Shape {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Shape, D::Error> {
        d.deserialize_any(ShapeVisitor)
    }
}

struct ShapeVisitor;

impl<'de> serde::de::Visitor<'de> for ShapeVisitor {
    type Value = Shape;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E>(self, _: bool) -> std::result::Result<Shape, E> {
        Ok(Shape("a boolean"))
    }
    fn visit_i64<E>(self, _: i64) -> std::result::Result<Shape, E> {
        Ok(Shape("a number"))
    }
    fn visit_u64<E>(self, _: u64) -> std::result::Result<Shape, E> {
        Ok(Shape("a number"))
    }
    fn visit_f64<E>(self, _: f64) -> std::result::Result<Shape, E> {
        Ok(Shape("a number"))
    }
    fn visit_str<E>(self, _: &str) -> std::result::Result<Shape, E> {
        Ok(Shape("text"))
    }
    fn visit_unit<E>(self) -> std::result::Result<Shape, E> {
        Ok(Shape("nothing"))
    }
    fn visit_none<E>(self) -> std::result::Result<Shape, E> {
        Ok(Shape("nothing"))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> std::result::Result<Shape, A::Error> {
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
        Ok(Shape("a list"))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Shape, A::Error> {
        while map
            .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
            .is_some()
        {}
        Ok(Shape("a map"))
    }
}

/// The texts an act folder holds, in [`TEXTS`] order.
pub fn texts(dir: &Path) -> Vec<PathBuf> {
    TEXTS
        .iter()
        .map(|name| dir.join(name))
        .filter(|p| p.is_file())
        .collect()
}

/// Whether `dir` is an act folder: it holds a meta.yaml.
pub fn is_folder(dir: &Path) -> bool {
    dir.join(META).is_file()
}

impl Folder {
    /// Read an act folder. Errors name the file: a folder without
    /// meta.yaml or with neither text is an error; a meta.yaml that is not
    /// YAML (with its line), a `requisite` that is not a string or is too
    /// long, and a text that cannot be decoded are in [`Folder::unread`],
    /// and the rest is read.
    pub fn read(dir: impl AsRef<Path>) -> Result<Folder> {
        let dir = dir.as_ref();
        let path = dir.join(META);
        let (meta, unread) = match Meta::read(&path) {
            Ok(meta) => (meta, Vec::new()),
            // A broken meta.yaml costs the act its requisite, not its
            // texts: they are as good as a lone file's.
            Err(e) if is_folder(dir) => (Meta::without_requisite(&path), vec![e]),
            Err(e) => return Err(e),
        };
        let paths = texts(dir);
        if paths.is_empty() {
            return Err(no_texts(dir));
        }
        Ok(Folder::of(
            dir,
            meta,
            unread,
            paths.into_iter().map(Source::read),
        ))
    }

    /// An act folder from the bytes of its files, read as [`Folder::read`]
    /// reads them from disk, without touching it: `dir` only names the
    /// files. `texts` are `rus.md`'s and `kaz.md`'s bytes, in [`TEXTS`]
    /// order, `None` for a text the folder lacks. For callers that hold the
    /// files already (a request body, the fuzzer).
    pub fn from_bytes(
        dir: impl AsRef<Path>,
        meta: Vec<u8>,
        texts: [Option<Vec<u8>>; 2],
    ) -> Result<Folder> {
        let dir = dir.as_ref();
        let path = dir.join(META);
        let sha256 = super::hex(&Sha256::digest(&meta));
        let (meta, unread) = match Meta::from_bytes(&path, meta) {
            Ok(meta) => (meta, Vec::new()),
            // As in `read`: a broken meta.yaml costs only the requisite.
            Err(e) => (
                Meta {
                    path,
                    sha256,
                    requisite: None,
                },
                vec![e],
            ),
        };
        let given: Vec<(PathBuf, Vec<u8>)> = TEXTS
            .iter()
            .zip(texts)
            .filter_map(|(name, bytes)| Some((dir.join(name), bytes?)))
            .collect();
        if given.is_empty() {
            return Err(no_texts(dir));
        }
        let read = given
            .into_iter()
            .map(|(p, bytes)| Source::from_bytes(p, bytes));
        Ok(Folder::of(dir, meta, unread, read))
    }

    /// The folder of `dir` from its meta and its texts as read: a text
    /// that could not be read joins `unread`, after meta.yaml's error.
    fn of(
        dir: &Path,
        meta: Meta,
        mut unread: Vec<Error>,
        read: impl Iterator<Item = Result<Source>>,
    ) -> Folder {
        let mut texts = Vec::new();
        for r in read {
            match r {
                Ok(s) => texts.push(s),
                Err(e) => unread.push(e),
            }
        }
        Folder {
            dir: dir.to_path_buf(),
            texts,
            unread,
            meta,
        }
    }
}

/// The error of an act folder with meta.yaml but neither text.
fn no_texts(dir: &Path) -> Error {
    Error::Decode {
        path: dir.into(),
        reason: format!(
            "an act folder (it has {META}) with neither {}",
            TEXTS.join(" nor ")
        ),
    }
}

impl Meta {
    /// Read and parse meta.yaml.
    pub fn read(path: &Path) -> Result<Meta> {
        Meta::parse(path, Source::read(path)?)
    }

    /// Parse meta.yaml's bytes; `path` names the file in errors and spans.
    pub fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<Meta> {
        Meta::parse(path, Source::from_bytes(path, bytes)?)
    }

    /// Parse meta.yaml, decoded.
    fn parse(path: &Path, source: Source) -> Result<Meta> {
        let text = std::str::from_utf8(&source.bytes).map_err(|e| Error::Decode {
            path: path.into(),
            reason: format!("meta.yaml is not UTF-8: {e}"),
        })?;
        let yaml: MetaYaml = serde_saphyr::from_str(text).map_err(|e| Error::Decode {
            path: path.into(),
            reason: match serde_saphyr::from_str::<MetaShape>(text) {
                Ok(MetaShape { requisite: Some(r) }) => format!(
                    "requisite (line {}): {}, not one line of text",
                    r.referenced.line(),
                    r.value.0
                ),
                _ => format!("not valid meta.yaml: {}", one_line(&e.to_string())),
            },
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

    /// A meta.yaml that could not be read as one: its file and hash (when
    /// it can be read at all), no requisite.
    fn without_requisite(path: &Path) -> Meta {
        let sha256 = std::fs::read(path)
            .map(|b| super::hex(&Sha256::digest(&b)))
            .unwrap_or_default();
        Meta {
            path: path.into(),
            sha256,
            requisite: None,
        }
    }
}

/// The longest requisite line read: real ones are a few hundred bytes
/// (the corpus's longest, about 2 KB); a longer one is not a requisite.
pub const MAX_REQUISITE_BYTES: usize = 16 * 1024;

/// The requisite line as a source of meta.yaml's own length: its bytes
/// where they are, every other byte a space (line breaks kept), so offsets
/// into it are offsets into meta.yaml.
fn requisite_source(
    path: &Path,
    bytes: &[u8],
    r: &serde_saphyr::Spanned<String>,
) -> Result<Source> {
    if r.value.len() > MAX_REQUISITE_BYTES {
        return Err(Error::Decode {
            path: path.into(),
            reason: format!(
                "requisite (line {}): {} bytes long, not a requisite line (at most {MAX_REQUISITE_BYTES})",
                r.referenced.line(),
                r.value.len()
            ),
        });
    }
    let range = scalar_range(bytes, r)
        .filter(|range| holds_value(bytes, range, &r.value))
        .ok_or_else(|| Error::Decode {
            path: path.into(),
            reason: format!(
                "requisite (line {}): its text is not written as it reads (escapes, a block scalar); write it as one plain line",
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

/// Whether the bytes are the value as written: the same words (a plain
/// scalar folded over lines reads with single spaces). A quoted scalar
/// with escapes is not, and the grammar must read the value's own words.
fn holds_value(bytes: &[u8], range: &std::ops::Range<usize>, value: &str) -> bool {
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    bytes
        .get(range.clone())
        .and_then(|b| std::str::from_utf8(b).ok())
        .is_some_and(|raw| words(raw) == words(value))
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

    /// A requisite written with escapes is refused, naming its line.
    #[test]
    fn an_escaped_requisite_is_refused_naming_its_line() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            META,
            "act_code: '1'\nrequisite: 'Приказ ''Об'' № 5'\n",
        );
        let e = Meta::read(&dir.path().join(META)).unwrap_err().to_string();
        assert!(e.contains("line 2"), "{e}");
    }

    /// A text that cannot be decoded does not take the other with it; a
    /// folder with no text at all is an error.
    #[test]
    fn an_unreadable_text_leaves_the_other() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), META, "requisite: Приказ № 1\n");
        assert!(Folder::read(dir.path()).is_err());
        write(dir.path(), "rus.md", "# Приказ\n");
        write(dir.path(), "kaz.md", "");
        let f = Folder::read(dir.path()).unwrap();
        assert_eq!(f.texts.len(), 1);
        assert_eq!(f.unread.len(), 1);
        assert!(f.unread[0].to_string().contains("kaz.md"));
    }

    /// A meta.yaml that is not YAML, whose requisite is not a string, or
    /// whose requisite is far too long is reported naming the file; the
    /// texts are still read, without a requisite.
    #[test]
    fn a_broken_meta_leaves_the_texts() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "rus.md", "# Приказ\n");
        let long = format!("requisite: {}\n", "Приказ ".repeat(MAX_REQUISITE_BYTES));
        for (yaml, says) in [
            ("это: не: YAML: [\n: {\n", "not valid meta.yaml"),
            ("requisite:\n  nested: map\n", "requisite (line 2): a map"),
            ("requisite: [1, 2]\n", "requisite (line 1): a list"),
            (long.as_str(), "bytes long"),
        ] {
            write(dir.path(), META, yaml);
            let f = Folder::read(dir.path()).unwrap();
            assert_eq!(f.texts.len(), 1, "{yaml:.40}");
            assert!(f.meta.requisite.is_none());
            assert!(f.meta.path.ends_with(META));
            let e: Vec<String> = f.unread.iter().map(ToString::to_string).collect();
            assert_eq!(e.len(), 1, "{e:?}");
            assert!(e[0].contains("meta.yaml") && e[0].contains(says), "{e:?}");
        }
    }

    /// A number or a boolean is a plain scalar, and YAML reads a plain
    /// scalar as the text it is: it is the requisite line, as written.
    #[test]
    fn a_number_requisite_is_its_text() {
        let dir = tempfile::tempdir().unwrap();
        for (yaml, text) in [
            ("requisite: 12345\n", "12345"),
            ("requisite: true\n", "true"),
        ] {
            write(dir.path(), META, yaml);
            let meta = Meta::read(&dir.path().join(META)).unwrap();
            let src = String::from_utf8(meta.requisite.unwrap().bytes).unwrap();
            assert_eq!(src.trim(), text);
        }
    }

    /// A folder from its files' bytes is the folder read from disk.
    #[test]
    fn from_bytes_reads_as_the_disk_does() {
        let dir = tempfile::tempdir().unwrap();
        // meta.yaml, rus.md, kaz.md (`None`: no such file).
        type Case<'a> = (&'a str, Option<&'a str>, Option<&'a [u8]>);
        let cases: [Case; 3] = [
            (
                "requisite: Приказ № 1\n",
                Some("# Приказ\n"),
                Some(b"\xff\xfe\x00"),
            ),
            ("requisite: [1, 2]\n", None, Some("# Бұйрық\n".as_bytes())),
            ("", Some("# Приказ\n"), None),
        ];
        for (yaml, rus, kaz) in cases {
            write(dir.path(), META, yaml);
            for (name, text) in TEXTS.iter().zip([rus.map(str::as_bytes), kaz]) {
                let _ = std::fs::remove_file(dir.path().join(name));
                if let Some(t) = text {
                    std::fs::write(dir.path().join(name), t).unwrap();
                }
            }
            let disk = Folder::read(dir.path()).unwrap();
            let texts = [rus.map(|t| t.as_bytes().to_vec()), kaz.map(<[u8]>::to_vec)];
            let bytes = Folder::from_bytes(dir.path(), yaml.as_bytes().to_vec(), texts).unwrap();
            let shown = |f: &Folder| {
                (
                    f.texts
                        .iter()
                        .map(|t| (t.path.clone(), t.bytes.clone()))
                        .collect::<Vec<_>>(),
                    f.unread.iter().map(ToString::to_string).collect::<Vec<_>>(),
                    f.meta.sha256.clone(),
                    f.meta.requisite.as_ref().map(|r| r.bytes.clone()),
                )
            };
            assert_eq!(shown(&bytes), shown(&disk), "{yaml}");
        }
        let none = Folder::from_bytes(dir.path(), b"requisite: x\n".to_vec(), [None, None]);
        assert!(none.unwrap_err().to_string().contains("neither"));
    }

    /// A folder without meta.yaml is no act folder.
    #[test]
    fn a_folder_without_meta_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "rus.md", "# Приказ\n");
        let e = Folder::read(dir.path()).unwrap_err().to_string();
        assert!(e.contains("meta.yaml"), "{e}");
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
