//! What the index knows besides its documents, committed with them: the
//! corpus entries it was built from (by content hash, for incremental
//! updates) and the act table (each act's facts and status history, which
//! filters and facets read by the act's number).
//!
//! The state is written to a file named by its own hash before the
//! index commits, and the commit's payload names that file, so the
//! documents and the state they belong to change together or not at all.

use crate::error::{Error, Result};
use crate::record::{ActKind, Body, Date};
use crate::registry::{Interval, StatusValue};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// One act of the act table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActInfo {
    /// Its key in the registry (the work id, or `file:…`).
    pub id: String,
    /// A label for people: "resolution № 272 of 2017-10-31".
    pub label: String,
    /// Its kind (`resolution`, `order`, …).
    pub kind: Option<ActKind>,
    /// Its issuing body (`akimat`, `ministry`, …).
    pub body: Option<Body>,
    /// Its region (ISO 3166-2:KZ).
    pub region: Option<String>,
    /// Its date of adoption.
    pub date: Option<Date>,
    /// Its status on every day.
    pub history: Vec<Interval>,
}

impl ActInfo {
    /// Its status on a day.
    pub fn status_on(&self, day: Date) -> StatusValue {
        self.history
            .iter()
            .find(|i| i.contains(day))
            .map_or(StatusValue::Unknown, |i| i.status)
    }

    /// The interval that holds a day.
    pub fn interval_on(&self, day: Date) -> Option<&Interval> {
        self.history.iter().find(|i| i.contains(day))
    }

    /// Its year of adoption.
    pub fn year(&self) -> Option<i16> {
        self.date.map(|d| d.0.year())
    }
}

/// A corpus entry as last indexed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryState {
    /// The hash of its bytes (and of the parser that read them): the name
    /// of its cached records.
    pub key: String,
}

/// The state of an index.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct State {
    /// The layout version ([`super::schema::VERSION`]).
    pub version: u32,
    /// The corpus entries by path.
    pub entries: BTreeMap<String, EntryState>,
    /// The act table; an act's number is its position, stable across
    /// updates (an act that leaves the corpus keeps its slot).
    pub acts: Vec<ActInfo>,
}

impl State {
    /// Act numbers by id.
    pub fn numbers(&self) -> HashMap<String, u64> {
        self.acts
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i as u64))
            .collect()
    }

    /// Write it into `dir` under a name made of its hash, unless that file
    /// is there; the name.
    pub fn save(&self, dir: &Path) -> Result<String> {
        let bytes = serde_json::to_vec(self).map_err(|source| Error::Serialize {
            what: "index state".into(),
            source,
        })?;
        let hash = Sha256::digest(&bytes);
        let name = format!("state-{}.json", hex(&hash).get(..16).unwrap_or("0"));
        write_atomically(&dir.join(&name), &bytes)?;
        Ok(name)
    }

    /// Read the state file `name` of `dir`.
    pub fn load(dir: &Path, name: &str) -> Result<State> {
        let path = dir.join(name);
        let bytes = std::fs::read(&path).map_err(|e| index_error(&path, e))?;
        serde_json::from_slice(&bytes).map_err(|e| index_error(&path, e))
    }
}

/// Lower-case hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Write a file so that it is either absent or whole: into a temporary
/// file beside it, synced, then renamed over it.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
    let write = || -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        index_error(path, e)
    })
}

/// An index error about a path.
pub fn index_error(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::Index {
        path: path.display().to_string(),
        reason: e.to_string(),
    }
}
