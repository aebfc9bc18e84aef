//! Any bytes, read as (lossy) UTF-8, as the page's saved copy (localStorage): no panic; a copy
//! that is read holds a document that passes its own check and saves and reads back the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsmark_core::persist;

fuzz_target!(|data: &[u8]| {
    let raw = String::from_utf8_lossy(data);
    if let Ok(loaded) = persist::decode(&raw) {
        assert_eq!(loaded.doc.check(), Ok(()));
        let again = persist::encode(&loaded.doc).expect("a read document saves");
        let back = persist::decode(&again).expect("a saved document reads back");
        assert_eq!(back.doc, loaded.doc);
    }
});
