//! Fuzz target `folder`: see `reglament_fuzz::folder` (fuzz/src/lib.rs) for the
//! input and what is checked.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| reglament_fuzz::folder(data));
