//! Any bytes, read as (lossy) UTF-8, through the dateline detector: no panic, and a found
//! dateline lies inside the text on char boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsmark_core::extract::dct;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Some(d) = dct::detect(&text) {
        let s = d.span;
        assert!(s.start < s.end && s.end <= text.len(), "{d:?} outside");
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "{d:?} splits a char"
        );
    }
});
