//! Any bytes, read as (lossy) UTF-8, through the whole annotation pipeline with the rules
//! or with the trained model (the first byte picks which, and whether a date is given): no
//! panic, and the mentions keep their contract (sorted, flat,
//! non-empty, on char boundaries, inside the text, off the dateline).
//!
//! Shared by the fuzz target (`fuzz/fuzz_targets/annotate.rs`) and by `tests/fuzz_regressions.rs`,
//! which replays every input kept in `fuzz/corpus/annotate/` on each `cargo test`.
use chrono::NaiveDate;
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

/// Runs one input; panics on a broken promise.
pub fn run(data: &[u8]) {
    // The first byte picks one of the pipeline's ways in, so each input costs one
    // annotation (four per input ran at a quarter of the speed and found nothing more).
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    match pick % 4 {
        0 => check(&text, &RULES.annotate_article(&text, DctChoice::Detect)),
        1 => check(&text, &MODEL.annotate_article(&text, DctChoice::Detect)),
        2 => {
            let dct = NaiveDate::from_ymd_opt(2025, 9, 1);
            check(&text, &MODEL.annotate_article(&text, DctChoice::Given(dct)));
        }
        _ => {
            let doc = Document::new(&text, &RULES);
            for a in doc.spans() {
                let found: String = text.chars().skip(a.start).take(a.end - a.start).collect();
                assert_eq!(found, a.text, "span {a:?}");
            }
        }
    }
}
