//! Fuzz the whole parser: any bytes, decoded or refused, never a panic;
//! every span of an accepted file lies inside it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reglament::{Grammar, Source};

fuzz_target!(|data: &[u8]| {
    let Ok(grammar) = Grammar::builtin() else { return };
    let Ok(source) = Source::from_bytes("fuzz", data.to_vec()) else { return };
    let doc = reglament::document(&source, grammar);
    let Ok(json) = doc.to_json() else { return };
    for span in json["spans"].as_object().into_iter().flatten().map(|(_, s)| s) {
        let end = span[1].as_u64().unwrap_or(0) as usize;
        assert!(end <= data.len(), "span past the end of the input");
    }
});
