//! Any bytes, read as (lossy) UTF-8, as the page's saved copy (localStorage): no panic; a copy
//! that is read holds a document that passes its own check and saves and reads back the same.
//! The checks live in `fuzz/checks/saved.rs`.
#![no_main]

#[path = "../checks/saved.rs"]
mod check;

libfuzzer_sys::fuzz_target!(|data: &[u8]| check::run(data));
