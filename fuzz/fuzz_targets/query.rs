//! Fuzz target `query`: see `reglament_fuzz::query` (fuzz/src/lib.rs) for
//! the input and what is checked. The index queried is of the shipped
//! corpus's loose texts, built once per process under
//! fuzz/target/query-index-<pid>/.
#![no_main]

use reglament::Index;
use std::path::Path;
use std::sync::OnceLock;

fn index() -> Option<&'static Index> {
    static INDEX: OnceLock<Option<Index>> = OnceLock::new();
    INDEX
        .get_or_init(|| {
            let fuzz = Path::new(env!("CARGO_MANIFEST_DIR"));
            let dir = fuzz.join(format!("target/query-index-{}", std::process::id()));
            reglament_fuzz::query_index(&fuzz.join("../corpus"), &dir)
        })
        .as_ref()
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| reglament_fuzz::query(data, index()));
