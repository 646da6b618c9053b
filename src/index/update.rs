//! Building and updating the index from a corpus.
//!
//! An update is incremental and atomic:
//! - each corpus entry (a file, or an act folder) is hashed with the
//!   parser's fingerprint; an entry whose hash the index already holds is
//!   not parsed again (its records come from the index's record cache),
//!   and an unchanged corpus is not parsed at all;
//! - the registry is re-linked over all records, so a new repealing act
//!   changes the status history of the acts it touches in the act table;
//! - the documents of changed and removed entries are replaced, and
//!   everything lands in one tantivy commit whose payload names the state
//!   file. A crash before the commit leaves the previous commit, and the
//!   state it names, answering.

use super::Index;
use super::documents::{self, SearchDoc, lang_code};
use super::schema::{self, Fields};
use super::state::{self, ActInfo, EntryState, State, index_error, write_atomically};
use crate::error::{Error, Result};
use crate::grammar::Grammar;
use crate::record::Document;
use crate::registry::{Registry, act_key, label};
use crate::source::{Entry, corpus_entries};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use tantivy::{IndexWriter, TantivyDocument, Term};

/// What an update is asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    /// The corpus directory.
    pub corpus: PathBuf,
    /// The index directory.
    pub index: PathBuf,
    /// Identifies the parser (and its grammar): records cached by another
    /// parser are parsed again.
    pub fingerprint: String,
    /// Parse everything again and rebuild from scratch.
    pub rebuild: bool,
}

/// What an update did.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Report {
    /// Corpus entries (files and act folders).
    pub entries: usize,
    /// Entries parsed now (new or changed).
    pub parsed: usize,
    /// Entries whose records came from the cache.
    pub cached: usize,
    /// Entries gone from the corpus.
    pub removed: usize,
    /// Acts whose facts or status history changed.
    pub acts_changed: usize,
    /// Search documents written.
    pub documents_written: u64,
    /// Search documents in the index after the update.
    pub documents: u64,
    /// Whether nothing had changed (no commit was made).
    pub unchanged: bool,
    /// What could not be read (one line each, naming the file).
    pub errors: Vec<String>,
}

/// A step of an update, for a progress display.
#[derive(Debug, Clone)]
pub enum Progress {
    /// Entries to look at.
    Start(usize),
    /// One entry looked at (parsed or taken from the cache).
    Entry(String),
    /// Writing and committing the index.
    Commit,
}

/// The index's record cache.
const RECORDS: &str = "records";

/// Build or update the index at `opts.index` from `opts.corpus`.
pub fn update(opts: &Options, g: &Grammar, progress: &mut dyn FnMut(Progress)) -> Result<Report> {
    let (entries, mut errors) = corpus_entries(&opts.corpus)?;
    let _lock = lock(&opts.index)?;
    let existing = if opts.rebuild {
        None
    } else {
        Index::open(&opts.index, g).ok()
    };
    // A fresh build goes into a new generation, which becomes current only
    // once it is whole.
    let generation = match &existing {
        Some(i) => i.dir.clone(),
        None => new_generation(&opts.index)?,
    };
    let old_state = existing
        .as_ref()
        .map(|i| i.state.clone())
        .unwrap_or_default();
    let keys = entry_keys(&entries, &opts.fingerprint, &mut errors);
    let mut report = Report {
        entries: entries.len(),
        ..Report::default()
    };
    let unchanged = existing.is_some()
        && keys.len() == old_state.entries.len()
        && keys
            .iter()
            .all(|(path, key)| old_state.entries.get(path).is_some_and(|e| &e.key == key));
    if unchanged {
        report.unchanged = true;
        report.cached = keys.len();
        report.documents = existing.as_ref().map_or(0, Index::num_docs);
        report.errors = errors;
        return Ok(report);
    }
    std::fs::create_dir_all(generation.join(RECORDS)).map_err(|e| index_error(&generation, e))?;
    progress(Progress::Start(entries.len()));
    let mut records: BTreeMap<String, Vec<Document>> = BTreeMap::new();
    let mut changed: Vec<String> = Vec::new();
    for e in &entries {
        let path = e.path().display().to_string();
        let Some(key) = keys.get(&path) else {
            continue;
        };
        let cached = old_state.entries.get(&path).filter(|s| &s.key == key);
        let docs = match cached.and_then(|_| load_records(&generation, key).ok()) {
            Some(docs) => {
                report.cached += 1;
                docs
            }
            None => {
                report.parsed += 1;
                changed.push(path.clone());
                match crate::pipeline::entry(e, g) {
                    Ok((docs, mut unread)) => {
                        errors.append(&mut unread);
                        save_records(&generation, key, &docs)?;
                        docs
                    }
                    Err(err) => {
                        errors.push(err.to_string());
                        Vec::new()
                    }
                }
            }
        };
        records.insert(path.clone(), docs);
        progress(Progress::Entry(path));
    }
    let removed: Vec<String> = old_state
        .entries
        .keys()
        .filter(|p| !keys.contains_key(*p))
        .cloned()
        .collect();
    report.removed = removed.len();

    // Re-link everything: a new act may change the status of old ones.
    let all: Vec<Document> = records.values().flatten().cloned().collect();
    let registry = Registry::from_documents(all, Vec::new(), g);
    let mut state = State {
        version: schema::VERSION,
        entries: keys
            .iter()
            .map(|(p, k)| (p.clone(), EntryState { key: k.clone() }))
            .collect(),
        acts: old_state.acts.clone(),
    };
    report.acts_changed = update_acts(&mut state, &registry);

    progress(Progress::Commit);
    let fresh = existing.is_none();
    let index = match existing {
        Some(i) => i,
        None => Index::create(&generation, g)?,
    };
    let numbers = state.numbers();
    let mut writer = writer(&index, &generation)?;
    let fields = index.fields;
    for path in changed.iter().chain(&removed) {
        writer.delete_term(Term::from_field_text(fields.entry, path));
    }
    for path in &changed {
        for doc in records.get(path).into_iter().flatten() {
            for d in documents::of_document(doc, g) {
                let act = numbers.get(&d.act_id).copied().unwrap_or(u64::MAX);
                writer
                    .add_document(to_tantivy(&fields, &d, act, path))
                    .map_err(|e| index_error(&generation, e))?;
                report.documents_written += 1;
            }
        }
    }
    let state_file = commit(&mut writer, &state, &generation)?;
    writer
        .wait_merging_threads()
        .map_err(|e| index_error(&generation, e))?;
    if fresh {
        make_current(&opts.index, &generation)?;
    }
    collect_garbage(&generation, &state, &state_file);
    remove_other_generations(&opts.index, &generation);
    report.documents = Index::open(&opts.index, g)?.num_docs();
    report.errors = errors;
    Ok(report)
}

/// Hold the index directory for this update: one updater at a time (the
/// lock goes with the process, however it ends).
fn lock(dir: &Path) -> Result<std::fs::File> {
    std::fs::create_dir_all(dir).map_err(|e| index_error(dir, e))?;
    let path = dir.join("LOCK");
    let file = std::fs::File::create(&path).map_err(|e| index_error(&path, e))?;
    file.try_lock()
        .map_err(|_| index_error(dir, "another process is updating this index"))?;
    Ok(file)
}

/// A new, empty generation directory in the index directory.
fn new_generation(dir: &Path) -> Result<PathBuf> {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let path = dir.join(format!("gen-{stamp:x}-{}", std::process::id()));
    std::fs::create_dir_all(&path).map_err(|e| index_error(&path, e))?;
    Ok(path)
}

/// Name `generation` in `CURRENT`, in one rename.
fn make_current(dir: &Path, generation: &Path) -> Result<()> {
    let name = generation
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    write_atomically(&dir.join(super::CURRENT), name.as_bytes())
}

/// Remove generations other than `keep`: replaced ones, and those of
/// builds that were killed before they became current.
fn remove_other_generations(dir: &Path, keep: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        let name = e.file_name().to_string_lossy().to_string();
        if name.starts_with("gen-") && path != keep {
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

/// The records of every corpus entry the index was built from, read from
/// its record cache (no parsing): what a server links into its registry.
pub fn cached_records(index: &Index) -> Result<Vec<Document>> {
    let mut out = Vec::new();
    for e in index.state.entries.values() {
        out.extend(load_records(&index.dir, &e.key)?);
    }
    Ok(out)
}

/// Each entry's key: the hash of the parser's fingerprint, the entry's
/// path and its files' names and bytes. An entry that cannot be read is
/// reported and left out.
fn entry_keys(
    entries: &[Entry],
    fingerprint: &str,
    errors: &mut Vec<String>,
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for e in entries {
        let path = e.path().display().to_string();
        match entry_key(e, fingerprint) {
            Ok(key) => {
                out.insert(path, key);
            }
            Err(err) => errors.push(err.to_string()),
        }
    }
    out
}

fn entry_key(e: &Entry, fingerprint: &str) -> Result<String> {
    let mut h = Sha256::new();
    h.update(fingerprint.as_bytes());
    h.update([0]);
    h.update(e.path().display().to_string().as_bytes());
    let files: Vec<PathBuf> = match e {
        Entry::File(p) => vec![p.clone()],
        Entry::Folder(d) => {
            let mut files = crate::source::folder::texts(d);
            files.push(d.join(crate::source::folder::META));
            files.sort();
            files
        }
    };
    for f in files {
        let bytes = std::fs::read(&f).map_err(|source| Error::Read {
            path: f.clone(),
            source,
        })?;
        h.update([0]);
        h.update(f.display().to_string().as_bytes());
        h.update([0]);
        h.update(&bytes);
    }
    Ok(state::hex(&h.finalize()))
}

fn records_path(index: &Path, key: &str) -> PathBuf {
    index.join(RECORDS).join(format!("{key}.json"))
}

fn load_records(index: &Path, key: &str) -> Result<Vec<Document>> {
    let path = records_path(index, key);
    let bytes = std::fs::read(&path).map_err(|e| index_error(&path, e))?;
    serde_json::from_slice(&bytes).map_err(|e| index_error(&path, e))
}

fn save_records(index: &Path, key: &str, docs: &[Document]) -> Result<()> {
    let bytes = serde_json::to_vec(docs).map_err(|source| Error::Serialize {
        what: "records".into(),
        source,
    })?;
    write_atomically(&records_path(index, key), &bytes)
}

/// Bring the act table up to date with the registry: every act of the
/// corpus gets a slot (new ones at the end) and its current facts and
/// history. How many acts changed.
pub fn update_acts(state: &mut State, registry: &Registry) -> usize {
    let mut slots: HashMap<String, usize> = state
        .acts
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.clone(), i))
        .collect();
    let mut ids: Vec<String> = registry.documents.iter().map(act_key).collect();
    ids.sort();
    ids.dedup();
    let mut changed = 0;
    for id in ids {
        let Some(node) = registry.node(&id) else {
            continue;
        };
        let info = ActInfo {
            id: id.clone(),
            label: label(node),
            kind: node.facts.kind,
            body: node.facts.body,
            region: node.facts.region.clone(),
            date: node.facts.date,
            history: registry.history(node),
        };
        match slots.get(&id).and_then(|&i| state.acts.get_mut(i)) {
            Some(old) if *old == info => {}
            Some(old) => {
                *old = info;
                changed += 1;
            }
            None => {
                slots.insert(id, state.acts.len());
                state.acts.push(info);
                changed += 1;
            }
        }
    }
    changed
}

/// An index writer with the memory and threads this machine affords.
pub fn writer(index: &Index, dir: &Path) -> Result<IndexWriter> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    index
        .inner
        .writer_with_num_threads(threads, 1024 * 1024 * 1024)
        .map_err(|e| match e {
            tantivy::TantivyError::LockFailure(..) => {
                index_error(dir, "another process is updating this index")
            }
            e => index_error(dir, e),
        })
}

/// Save the state and commit, naming the state in the commit; the name.
pub fn commit(writer: &mut IndexWriter, state: &State, dir: &Path) -> Result<String> {
    let name = state.save(dir)?;
    let mut prepared = writer.prepare_commit().map_err(|e| index_error(dir, e))?;
    prepared.set_payload(&name);
    prepared.commit().map_err(|e| index_error(dir, e))?;
    Ok(name)
}

/// One search document as tantivy's.
pub fn to_tantivy(f: &Fields, d: &SearchDoc, act: u64, entry: &str) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.id, &d.id);
    doc.add_u64(f.key, stable_key(&d.id));
    doc.add_u64(f.level, d.level.code());
    doc.add_u64(f.tag, schema::tag(act, d.level.code(), lang_code(d.lang)));
    doc.add_text(f.act_id, &d.act_id);
    if let Some(r) = &d.regulation_id {
        doc.add_text(f.regulation_id, r);
    }
    doc.add_text(f.entry, entry);
    doc.add_u64(f.lang, lang_code(d.lang));
    doc.add_text(f.path, &d.path);
    doc.add_text(f.source, &d.source);
    doc.add_u64(f.span_start, d.span.start as u64);
    doc.add_u64(f.span_end, d.span.end as u64);
    if !d.title.is_empty() {
        doc.add_text(Fields::of(f.title, d.lang), &d.title);
    }
    doc.add_text(Fields::of(f.text, d.lang), &d.text);
    if let Some(s) = &d.service {
        doc.add_text(Fields::of(f.service, d.lang), s);
    }
    doc
}

/// A number made from an id, the same in every build and on every machine.
pub fn stable_key(id: &str) -> u64 {
    let digest = Sha256::digest(id.as_bytes());
    let mut bytes = [0u8; 8];
    for (b, d) in bytes.iter_mut().zip(digest.iter()) {
        *b = *d;
    }
    u64::from_be_bytes(bytes)
}

/// Remove state files other than `current`, and cached records the state
/// does not name.
fn collect_garbage(dir: &Path, state: &State, current: &str) {
    let keep: std::collections::HashSet<String> = state
        .entries
        .values()
        .map(|e| format!("{}.json", e.key))
        .collect();
    if let Ok(files) = std::fs::read_dir(dir.join(RECORDS)) {
        for f in files.flatten() {
            let name = f.file_name().to_string_lossy().to_string();
            if !keep.contains(&name) {
                let _ = std::fs::remove_file(f.path());
            }
        }
    }
    if let Ok(files) = std::fs::read_dir(dir) {
        for f in files.flatten() {
            let name = f.file_name().to_string_lossy().to_string();
            if name.starts_with("state-") && name != current {
                let _ = std::fs::remove_file(f.path());
            }
        }
    }
}
