//! Any bytes, read as (lossy) UTF-8, through the dateline detector: no panic, and a found
//! dateline lies inside the text on char boundaries.
//!
//! Shared by the fuzz target (`fuzz/fuzz_targets/dct.rs`) and by `tests/fuzz_regressions.rs`,
//! which replays every input kept in `fuzz/corpus/dct/` on each `cargo test`.
use newsmark_core::extract::dct;

/// Runs one input; panics on a broken promise.
pub fn run(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Some(d) = dct::detect(&text) {
        let s = d.span;
        assert!(s.start < s.end && s.end <= text.len(), "{d:?} outside");
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "{d:?} splits a char"
        );
    }
}
