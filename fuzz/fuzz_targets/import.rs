//! Any bytes as a file of an importable format: the first byte picks the format (newsmark,
//! doccano, Label Studio, brat), the rest is the file. brat's `.txt` and `.ann` are split at
//! the first `MARKER` line (no marker: all `.txt`, empty `.ann`). No panic; a document that
//! is read has every span on its own text, sorted and flat, and writes out as newsmark/1.
//! The checks live in `fuzz/checks/import.rs`.
#![no_main]

#[path = "../checks/import.rs"]
mod check;

libfuzzer_sys::fuzz_target!(|data: &[u8]| check::run(data));
