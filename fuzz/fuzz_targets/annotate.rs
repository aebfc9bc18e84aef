//! Any bytes, read as (lossy) UTF-8, through the whole annotation pipeline with the rules
//! and with the trained model: no panic, and the mentions keep their contract (sorted, flat,
//! non-empty, on char boundaries, inside the text, off the dateline).
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use newsmark_core::extract::entities::ModelEntities;
use newsmark_core::extract::Article;
use newsmark_core::{DctChoice, Document, Pipeline};
use std::sync::LazyLock;

static RULES: LazyLock<Pipeline> = LazyLock::new(Pipeline::default);
static MODEL: LazyLock<Pipeline> = LazyLock::new(|| {
    let mut p = Pipeline::default();
    let m = ModelEntities::from_bytes(include_bytes!("../../models/ner.bin")).expect("model");
    p.set_entities(Box::new(m));
    p
});

fn check(text: &str, a: &Article) {
    let mut last_end = 0;
    for m in &a.mentions {
        assert!(m.span.start < m.span.end, "empty mention {m:?}");
        assert!(m.span.end <= text.len(), "{m:?} past the text");
        assert!(
            text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end),
            "{m:?} splits a char"
        );
        assert!(
            m.span.start >= last_end,
            "{m:?} overlaps or is out of order"
        );
        last_end = m.span.end;
        if let Some(line) = a.dateline {
            assert!(!m.span.overlaps(&line), "{m:?} on the dateline");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for p in [&*RULES, &*MODEL] {
        check(&text, &p.annotate_article(&text, DctChoice::Detect));
    }
    let dct = NaiveDate::from_ymd_opt(2025, 9, 1);
    check(&text, &MODEL.annotate_article(&text, DctChoice::Given(dct)));
    let doc = Document::new(&text, &RULES);
    for a in doc.spans() {
        let found: String = text.chars().skip(a.start).take(a.end - a.start).collect();
        assert_eq!(found, a.text, "span {a:?}");
    }
});
