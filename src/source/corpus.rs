//! Finding the files of a corpus directory: which files are acts, in a
//! stable order. Reading them is [`super::Source::read`]'s job.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// One act of a corpus: a text file, or an act folder (a folder holding
/// meta.yaml: one act, in both languages).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Entry {
    /// A text file that is an act of its own.
    File(PathBuf),
    /// An act folder.
    Folder(PathBuf),
}

impl Entry {
    /// How many bytes its texts hold (a folder's files together), or 0
    /// where that cannot be told: only to schedule the work, longest first.
    pub fn size(&self) -> u64 {
        fn len(p: &Path) -> u64 {
            std::fs::metadata(p).map_or(0, |m| m.len())
        }
        match self {
            Entry::File(p) => len(p),
            Entry::Folder(d) => std::fs::read_dir(d)
                .map_or(0, |files| files.flatten().map(|f| len(&f.path())).sum()),
        }
    }
}

/// The acts of a corpus directory, walked recursively and sorted so the
/// registry is the same on every machine: act folders (see
/// [`super::folder`]) and any other `*.txt`, `*.md`, `*.html` file.
/// `corpus/` can so mix single files and act folders, and a
/// kazakhstan-law checkout works as a corpus as it is.
///
/// Nothing outside the corpus is read, and nothing can hang the walk:
/// symbolic links to directories are not followed (a link loop must not
/// hang the load); a link that leads out of the corpus, an act folder
/// holding one, a dangling link, and a FIFO or device named like a text
/// (reading it could block for ever) are reported in the second list and
/// skipped. The corpus directory itself must be readable; a sub-directory
/// that is not is reported and the rest is still read.
pub fn corpus_entries(dir: &Path) -> Result<(Vec<Entry>, Vec<String>)> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let root = std::fs::canonicalize(dir).map_err(|source| Error::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        if super::folder::is_folder(&d) {
            match folder_link_out(&d, &root) {
                Some(why) => errors.push(why),
                None => out.push(Entry::Folder(d)),
            }
            continue;
        }
        let entries = match std::fs::read_dir(&d) {
            Ok(entries) => entries,
            Err(source) if d == dir => {
                return Err(Error::Read {
                    path: d.clone(),
                    source,
                });
            }
            Err(source) => {
                errors.push(Error::Read { path: d, source }.to_string());
                continue;
            }
        };
        for e in entries.flatten() {
            let p = e.path();
            let is_act = is_text(&p) && !is_corpus_doc(&p);
            match e.file_type() {
                Ok(t) if t.is_dir() => stack.push(p),
                Ok(t) if t.is_symlink() => match link(&p, is_act, &root) {
                    Ok(true) => out.push(Entry::File(p)),
                    Ok(false) => {}
                    Err(why) => errors.push(why),
                },
                _ if !is_act => {}
                Ok(t) if t.is_file() => out.push(Entry::File(p)),
                Ok(_) => errors.push(not_regular(&p)),
                Err(source) => errors.push(Error::Read { path: p, source }.to_string()),
            }
        }
    }
    out.sort_by(|a, b| a.path().cmp(b.path()));
    errors.sort();
    Ok((out, errors))
}

/// A symbolic link met in the walk: whether it is an act to read (`is_act`:
/// named like one, and a regular file inside the corpus). A link that
/// would be read, or a link to a directory, is an error when it leads out
/// of the corpus; an act's link, when it leads nowhere or to no regular
/// file. A link to a directory inside is not followed.
fn link(p: &Path, is_act: bool, root: &Path) -> std::result::Result<bool, String> {
    match std::fs::canonicalize(p) {
        Err(source) if is_act => Err(Error::Read {
            path: p.to_path_buf(),
            source,
        }
        .to_string()),
        Err(_) => Ok(false),
        Ok(t) if !t.starts_with(root) && (is_act || t.is_dir()) => Err(format!(
            "{}: a symbolic link out of the corpus (to {}); skipped",
            p.display(),
            t.display()
        )),
        Ok(t) if is_act && t.starts_with(root) && t.is_file() => Ok(true),
        Ok(t) if is_act && t.starts_with(root) && !t.is_dir() => Err(not_regular(p)),
        Ok(_) => Ok(false),
    }
}

/// A FIFO, socket or device named like a text: reading it could block
/// for ever, so it is reported, never opened.
fn not_regular(p: &Path) -> String {
    format!(
        "{}: not a regular file (a FIFO, socket or device); skipped",
        p.display()
    )
}

/// Why an act folder is skipped: a file of it (meta.yaml or a text) is a
/// symbolic link out of the corpus.
fn folder_link_out(d: &Path, root: &Path) -> Option<String> {
    let names = std::iter::once(super::folder::META).chain(super::folder::TEXTS);
    names.map(|n| d.join(n)).find_map(|p| {
        let is_link = std::fs::symlink_metadata(&p).is_ok_and(|m| m.is_symlink());
        let target = std::fs::canonicalize(&p).ok()?;
        (is_link && !target.starts_with(root)).then(|| {
            format!(
                "{}: an act folder whose {} is a symbolic link out of the corpus (to {}); skipped",
                d.display(),
                p.file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default(),
                target.display()
            )
        })
    })
}

impl Entry {
    /// The file or folder.
    pub fn path(&self) -> &Path {
        match self {
            Entry::File(p) | Entry::Folder(p) => p,
        }
    }
}

/// Every text file of a corpus directory, act folders' texts included, in
/// [`corpus_entries`] order: what to parse when each text stands alone.
pub fn corpus_files(dir: &Path) -> Result<(Vec<PathBuf>, Vec<String>)> {
    let (entries, errors) = corpus_entries(dir)?;
    let files = entries
        .into_iter()
        .flat_map(|e| match e {
            Entry::File(p) => vec![p],
            Entry::Folder(d) => super::folder::texts(&d),
        })
        .collect();
    Ok((files, errors))
}

/// The formats an act's text comes in.
pub(crate) fn is_text(p: &Path) -> bool {
    p.extension()
        .is_some_and(|x| x == "txt" || x == "md" || x == "html" || x == "htm")
}

/// The corpus's own documentation (SOURCES.md, README.md) is not an act.
pub(crate) fn is_corpus_doc(p: &Path) -> bool {
    p.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| matches!(n, "SOURCES.md" | "README.md"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Acts in any of the three formats are found, recursively and sorted;
    /// the corpus's own documentation and other files are not.
    #[test]
    fn finds_acts_and_skips_the_corpus_docs() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("kk")).unwrap();
        for name in [
            "b.txt",
            "a.md",
            "kk/c.html",
            "kk/d.htm",
            "SOURCES.md",
            "README.md",
            "notes.json",
        ] {
            std::fs::write(root.join(name), "x").unwrap();
        }
        let (files, errors) = corpus_files(root).unwrap();
        let names: Vec<_> = files
            .iter()
            .filter_map(|p| p.strip_prefix(root).ok())
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["a.md", "b.txt", "kk/c.html", "kk/d.htm"]);
        assert!(errors.is_empty(), "{errors:?}");
    }

    /// Links out of the corpus (to a file, a directory, or as an act
    /// folder's text) are reported and not read; a link inside is read; a
    /// dangling link and a FIFO named like a text are reported, never
    /// opened (a FIFO would block the walk's reader for ever).
    #[test]
    fn links_out_and_fifos_are_reported_not_read() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "x").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("a.txt"), "x").unwrap();
        let link = |to: &Path, name: &str| std::os::unix::fs::symlink(to, root.join(name)).unwrap();
        link(&outside.path().join("secret.txt"), "out.txt");
        link(outside.path(), "out-dir");
        link(&root.join("a.txt"), "inside.txt");
        link(&root.join("gone.txt"), "dangling.txt");
        std::fs::create_dir(root.join("act")).unwrap();
        std::fs::write(root.join("act/meta.yaml"), "requisite: Приказ № 1\n").unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.txt"), root.join("act/rus.md"))
            .unwrap();
        let fifo = std::process::Command::new("mkfifo")
            .arg(root.join("pipe.txt"))
            .status()
            .is_ok_and(|s| s.success());
        let (entries, errors) = corpus_entries(root).unwrap();
        let names: Vec<_> = entries
            .iter()
            .filter_map(|e| e.path().strip_prefix(root).ok())
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["a.txt", "inside.txt"]);
        let reported = |name: &str| errors.iter().any(|e| e.contains(name));
        for name in [
            "out.txt",
            "out-dir",
            "dangling.txt",
            "rus.md is a symbolic link",
        ] {
            assert!(reported(name), "{name}: {errors:?}");
        }
        assert!(
            errors
                .iter()
                .all(|e| !e.starts_with(&*root.join("a.txt").to_string_lossy()))
        );
        assert_eq!(reported("pipe.txt"), fifo, "{errors:?}");
        assert_eq!(errors.len(), 4 + usize::from(fifo), "{errors:?}");
    }

    /// The corpus directory itself must exist: that is an error, not an
    /// empty corpus.
    #[test]
    fn a_missing_corpus_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(corpus_files(&dir.path().join("absent")).is_err());
    }
}
