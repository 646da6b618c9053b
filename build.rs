//! Build step: the built-in grammar (`grammar/*.toml`) read once, here, and
//! written to `OUT_DIR` as JSON, which the binary reads at every start in a
//! fraction of TOML's time (see `src/grammar.rs`). The TOML files stay the
//! source: an error in one fails the build, naming the file.

use std::path::Path;

fn main() -> Result<(), String> {
    let out = std::env::var("OUT_DIR").map_err(|e| format!("OUT_DIR: {e}"))?;
    for name in ["ru", "kk", "gazetteer"] {
        let src = format!("grammar/{name}.toml");
        println!("cargo:rerun-if-changed={src}");
        let text = std::fs::read_to_string(&src).map_err(|e| format!("{src}: {e}"))?;
        let table: toml::Table = toml::from_str(&text).map_err(|e| format!("{src}: {e}"))?;
        let json = serde_json::to_string(&table).map_err(|e| format!("{src}: {e}"))?;
        let dest = Path::new(&out).join(format!("{name}.json"));
        std::fs::write(&dest, json).map_err(|e| format!("{}: {e}", dest.display()))?;
    }
    Ok(())
}
