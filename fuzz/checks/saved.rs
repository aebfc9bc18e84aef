//! Any bytes, read as (lossy) UTF-8, as the page's saved copy (localStorage): no panic; a copy
//! that is read holds a document that passes its own check and saves and reads back the same.
//!
//! Shared by the fuzz target (`fuzz/fuzz_targets/saved.rs`) and by `tests/fuzz_regressions.rs`,
//! which replays every input kept in `fuzz/corpus/saved/` on each `cargo test`.
use newsmark_core::persist;

/// Runs one input; panics on a broken promise.
pub fn run(data: &[u8]) {
    let raw = String::from_utf8_lossy(data);
    if let Ok(loaded) = persist::decode(&raw) {
        assert_eq!(loaded.doc.check(), Ok(()));
        let again = persist::encode(&loaded.doc).expect("a read document saves");
        let back = persist::decode(&again).expect("a saved document reads back");
        assert_eq!(back.doc, loaded.doc);
    }
}
