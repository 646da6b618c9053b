//! Fuzz target `decode`: see `reglament_fuzz::decode` (fuzz/src/lib.rs) for the
//! input and what is checked.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| reglament_fuzz::decode(data));
