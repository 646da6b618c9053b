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

/// The acts of a corpus directory, walked recursively and sorted so the
/// registry is the same on every machine: act folders (see
/// [`super::folder`]) and any other `*.txt`, `*.md`, `*.html` file.
/// `corpus/` can so mix single files and act folders, and a
/// kazakhstan-law checkout works as a corpus as it is. Symbolic links to
/// directories are not followed (a link loop must not hang the load). The
/// corpus directory itself must be readable; a sub-directory that is not
/// is reported in the second list and the rest is still read.
pub fn corpus_entries(dir: &Path) -> Result<(Vec<Entry>, Vec<String>)> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        if super::folder::is_folder(&d) {
            out.push(Entry::Folder(d));
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
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(p);
            } else if is_text(&p) && !is_corpus_doc(&p) {
                out.push(Entry::File(p));
            }
        }
    }
    out.sort_by(|a, b| a.path().cmp(b.path()));
    errors.sort();
    Ok((out, errors))
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

    /// The corpus directory itself must exist: that is an error, not an
    /// empty corpus.
    #[test]
    fn a_missing_corpus_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(corpus_files(&dir.path().join("absent")).is_err());
    }
}
