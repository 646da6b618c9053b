//! reglament
pub mod error;
pub mod grammar;
pub mod normalize;
pub mod record;
pub mod source;
pub mod span;
pub mod text;
