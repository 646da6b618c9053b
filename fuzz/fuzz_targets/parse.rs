//! Fuzz target `parse`: see `reglament_fuzz::parse` (fuzz/src/lib.rs) for the
//! input and what is checked.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| reglament_fuzz::parse(data));
