//! Any bytes, read as (lossy) UTF-8, through the whole annotation pipeline with the rules
//! or with the trained model (the first byte picks which, and whether a date is given): no
//! panic, and the mentions keep their contract (sorted, flat,
//! non-empty, on char boundaries, inside the text, off the dateline).
//! The checks live in `fuzz/checks/annotate.rs`.
#![no_main]

#[path = "../checks/annotate.rs"]
mod check;

libfuzzer_sys::fuzz_target!(|data: &[u8]| check::run(data));
