//! reglament's integration tests: one binary, one module per concern.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

// Shared helpers: parse corpus files, read JSON pointers.
mod util;

// Snapshots (insta) of the record of every corpus file.
mod corpus;
// The facts the seeds must yield, asserted exactly.
mod seeds;
// Service regulations: procedures, durations, actors, checks.
mod regulations;
// Service documents of every kind: the development folders' acceptance.
mod services;
// Amendment operations: wording boundaries, contexts, paths, phrasings.
mod amendments;
// Amendments, the registry: lineage, status as of a date, consolidation.
mod registry;
// The command line: output shapes, exit codes, errors naming the file.
mod cli;
// Hostile and degenerate input: huge, impossible, empty.
mod limits;
// The hostile-input suite: bad bytes, deep nesting, broken meta.yaml, links out of the corpus, unreadable files.
mod hostile;
// Inputs the fuzzer found, through the fuzz targets' own checks (fuzz/src/lib.rs).
mod fuzzed;
// Crash safety: the indexer and the server killed at random moments.
mod crash;
// Properties over arbitrary input (proptest).
mod properties;
// Act folders: meta.yaml requisites, and the measure of the texts alone.
mod folders;
// The house: README's layout matches src/, and imports run one way.
mod layout;
// Records read back from their raw serde form, equal (a cache of records).
mod roundtrip;
// The search index: acceptance queries, facets, incremental and killed builds.
mod search;
// The HTTP API through the router: every endpoint, errors included.
mod api;
// The server's access control and limits: the admin token, writes, caps, traversal.
mod access;
// The web page end to end in headless Chromium.
mod e2e;
// Exports: JSON Lines, CSV, Akoma Ntoso against its schema, the Atom feed.
mod export;
// ru↔kk alignment by structure: pairs, missing provisions, facts that differ.
mod align;
