//! The search index: tantivy documents of acts, regulations and provisions,
//! and the analysis of their Russian and Kazakh text.

// Not yet read outside their tests until the index is built on them.
#[allow(dead_code)]
pub mod analysis;
#[allow(dead_code)]
pub mod kazakh;
