//! The entity recognisers on the built-in sample article, scored against its hand gold
//! (`www/samples/*.gold.json`, shipped beside the article so that a bare clone tests it).

use newsmark_core::extract::entities::{ModelEntities, RuleEntities};
use newsmark_core::extract::{labels, Context, Extractor};
use newsmark_core::span::{OffsetIndex, Span};
use newsmark_train::eval::Counts;

/// Scores the rules on the sample article against its gold (entities only, exact match).
#[test]
fn rules_score_well_on_the_sample_article() {
    let f1 = sample_f1(&RuleEntities::default());
    assert!(f1 >= 0.95, "sample F1 {f1:.3}");
}

fn sample_f1(ex: &dyn Extractor) -> f64 {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/samples/");
    let text = std::fs::read_to_string(format!("{dir}paris-talks-2025-09-01.txt")).unwrap();
    let gold: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{dir}paris-talks-2025-09-01.gold.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(gold["text"].as_str().unwrap(), text);
    let idx = OffsetIndex::new(&text);
    let mut want: Vec<(usize, usize, String)> = gold["spans"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| !labels::is_time(s["label"].as_str().unwrap()))
        .map(|s| {
            let c = Span::new(
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            );
            let b = idx.bytes_of(c);
            (b.start, b.end, s["label"].as_str().unwrap().to_string())
        })
        .collect();
    want.sort();
    let got: Vec<(usize, usize, String)> = ex
        .extract(&text, &Context::default())
        .into_iter()
        .map(|m| (m.span.start, m.span.end, m.label))
        .collect();
    let tp = got.iter().filter(|g| want.contains(g)).count();
    for g in got.iter().filter(|g| !want.contains(g)) {
        eprintln!("FP {:?} {}", &text[g.0..g.1], g.2);
    }
    for w in want.iter().filter(|w| !got.contains(w)) {
        eprintln!("FN {:?} {}", &text[w.0..w.1], w.2);
    }
    let c = Counts {
        tp,
        fp: got.len() - tp,
        fn_: want.len() - tp,
    };
    eprintln!(
        "sample P {:.3} R {:.3} F1 {:.3}",
        c.precision(),
        c.recall(),
        c.f1()
    );
    c.f1()
}

fn model() -> ModelEntities {
    ModelEntities::from_bytes(include_bytes!("../../../models/ner.bin")).unwrap()
}

/// Scores the shipped model on the sample article against its gold.
#[test]
fn model_scores_well_on_the_sample_article() {
    let f1 = sample_f1(&model());
    assert!(f1 >= 0.95, "sample F1 {f1:.3}");
}
