//! Any bytes, read as (lossy) UTF-8, through the dateline detector: no panic, and a found
//! dateline lies inside the text on char boundaries.
//! The checks live in `fuzz/checks/dct.rs`.
#![no_main]

#[path = "../checks/dct.rs"]
mod check;

libfuzzer_sys::fuzz_target!(|data: &[u8]| check::run(data));
