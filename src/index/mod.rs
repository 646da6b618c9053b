//! The search index: acts, regulations and provisions in a tantivy index,
//! with Russian and Kazakh analysis, status as of any date, filters,
//! facets and highlighted snippets.
//!
//! - `schema`: the fields, named once;
//! - `analysis`: the Russian and Kazakh analyzers (`kazakh`: the stemmer;
//!   `token_map`: the filters' shared machinery);
//! - `documents`: records as search documents at three levels;
//! - `state`: the act table (status histories) and the corpus manifest,
//!   committed with the documents;
//! - `update`: incremental, atomic builds from a corpus;
//! - `query`: parsing a query and its filters;
//! - `search`: running it: grouping, facets, snippets;
//! - `bench`: a generator of provisions and the search benchmark.

pub mod analysis;
pub mod bench;
pub mod documents;
pub mod kazakh;
mod query;
pub mod schema;
mod search;
pub mod state;
mod token_map;
pub mod update;

pub use documents::{Level, SearchDoc};
pub use query::Query;
pub use search::{Facets, Hit, Results};
pub use state::{ActInfo, State};
pub use update::{Options, Progress, Report, cached_records, update};

use crate::error::Result;
use crate::grammar::Grammar;
use schema::Fields;
use state::index_error;
use std::path::{Path, PathBuf};
use tantivy::IndexReader;

/// An opened index: its documents, its fields and its state.
pub struct Index {
    /// The tantivy index.
    pub inner: tantivy::Index,
    /// Its fields.
    pub fields: Fields,
    /// Its state: the corpus manifest and the act table.
    pub state: State,
    /// A reader over its last commit.
    pub reader: IndexReader,
    /// Its directory.
    pub dir: PathBuf,
    /// The act table's facet values, numbered.
    facet_values: search::FacetValues,
}

/// The file of an index directory that names its current generation.
pub const CURRENT: &str = "CURRENT";

/// The current generation's directory of the index directory `dir`.
pub fn current_generation(dir: &Path) -> Result<PathBuf> {
    let path = dir.join(CURRENT);
    let name = std::fs::read_to_string(&path)
        .map_err(|_| index_error(dir, "no index here (run `reglament index`)"))?;
    let name = name.trim();
    if name.is_empty() || name.contains(['/', '\\']) || name.starts_with('.') {
        return Err(index_error(&path, format!("names no generation: {name:?}")));
    }
    Ok(dir.join(name))
}

/// The state file an opened index's last commit names.
fn payload(inner: &tantivy::Index, dir: &Path) -> Result<String> {
    let meta = inner.load_metas().map_err(|e| index_error(dir, e))?;
    meta.payload
        .ok_or_else(|| index_error(dir, "no complete build (run `reglament index`)"))
}

impl Index {
    /// Open the index directory `dir` (its current generation) at its last
    /// commit.
    ///
    /// An index directory holds generations, each a complete tantivy index
    /// with its state and record cache, and the file `CURRENT` naming the
    /// one in use. Updates commit into the current generation; a rebuild
    /// makes a new one and then replaces `CURRENT` in one rename, so a
    /// reader always finds a whole index.
    pub fn open(dir: &Path, g: &Grammar) -> Result<Index> {
        Index::open_generation(&current_generation(dir)?, g)
    }

    /// Open one generation's directory at its last commit.
    pub fn open_generation(dir: &Path, g: &Grammar) -> Result<Index> {
        let inner = tantivy::Index::open_in_dir(dir).map_err(|e| index_error(dir, e))?;
        let fields = schema::fields_of(&inner.schema())
            .ok_or_else(|| index_error(dir, "built by another version of reglament"))?;
        let name = payload(&inner, dir)?;
        let state = State::load(dir, &name)?;
        if state.version != schema::VERSION {
            return Err(index_error(dir, "built by another version of reglament"));
        }
        Index::wrap(inner, fields, state, dir, g)
    }

    /// A new, empty index in `dir`, which must not hold one.
    pub fn create(dir: &Path, g: &Grammar) -> Result<Index> {
        std::fs::create_dir_all(dir).map_err(|e| index_error(dir, e))?;
        let (schema, fields) = schema::build();
        let inner = tantivy::Index::builder()
            .schema(schema)
            .settings(schema::settings())
            .create_in_dir(dir)
            .map_err(|e| index_error(dir, e))?;
        let state = State {
            version: schema::VERSION,
            ..State::default()
        };
        Index::wrap(inner, fields, state, dir, g)
    }

    /// An index in memory, for benchmarks and tests.
    pub fn in_memory(g: &Grammar, state: State) -> Result<Index> {
        let (schema, fields) = schema::build();
        let inner = tantivy::Index::builder()
            .schema(schema)
            .settings(schema::settings())
            .create_in_ram()
            .map_err(|e| index_error(Path::new(":memory:"), e))?;
        Index::wrap(inner, fields, state, Path::new(":memory:"), g)
    }

    fn wrap(
        inner: tantivy::Index,
        fields: Fields,
        state: State,
        dir: &Path,
        g: &Grammar,
    ) -> Result<Index> {
        analysis::register(inner.tokenizers(), g);
        let reader = inner
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| index_error(dir, e))?;
        Ok(Index {
            inner,
            fields,
            facet_values: search::FacetValues::new(&state.acts),
            state,
            reader,
            dir: dir.to_path_buf(),
        })
    }

    /// How many search documents it holds.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }
}
