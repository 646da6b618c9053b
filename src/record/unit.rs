//! The structural units of an act's text: the names a provision's address
//! is made of. Grammar maps the words that name them onto these.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Structural units named in texts and amendment paths.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum StructureUnit {
    /// пункт / тармақ
    Point,
    /// подпункт / тармақша
    Subpoint,
    /// абзац / азатжол
    Paragraph,
    /// приложение / қосымша
    Appendix,
    /// глава / тарау
    Chapter,
    /// статья / бап
    Article,
}
