//! Export speed of annotated documents (pipeline with the trained model and dates, run once
//! outside the measurements) on the shared corpora (see `corpus/mod.rs`): newsmark/1 JSON
//! as the page downloads it and as `annotate --jsonl` writes it, doccano JSONL and CoNLL.
//! Baseline in the same run: `serde_json::to_string` of the plain text, the floor for any
//! JSON that carries the text. Throughput is in bytes of text.
//!
//! Run: `cargo bench --bench export`.

mod corpus;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsmark_core::extract::entities::ModelEntities;
use newsmark_core::formats::{conll, doccano, json};
use newsmark_core::{DctChoice, Document, Pipeline};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let mut pipeline = Pipeline::default();
    let model = ModelEntities::from_bytes(include_bytes!("../models/ner.bin")).expect("model");
    pipeline.set_entities(Box::new(model));
    for corpus in corpus::all() {
        let docs: Vec<Document> = corpus
            .docs
            .iter()
            .map(|d| Document::with_dct(&d.text, DctChoice::given_or_detect(d.dct), &pipeline))
            .collect();
        let total = |f: &dyn Fn(&Document) -> usize| -> usize {
            docs.iter().map(|d| f(black_box(d))).sum()
        };
        let mut g = c.benchmark_group(format!("export/{}", corpus.name));
        g.throughput(Throughput::Bytes(corpus.bytes()));
        g.sample_size(20);
        g.bench_function("baseline: serde_json text", |b| {
            b.iter(|| total(&|d| serde_json::to_string(d.text()).expect("json").len()))
        });
        g.bench_function("newsmark pretty", |b| {
            b.iter(|| total(&|d| json::to_string_pretty(d).expect("export").len()))
        });
        g.bench_function("newsmark jsonl line", |b| {
            b.iter(|| {
                total(&|d| {
                    let e = json::export(d).expect("export");
                    let line = json::JsonlOut {
                        id: 0.into(),
                        dct: e.dct,
                        spans: e.spans,
                    };
                    serde_json::to_string(&line).expect("json").len()
                })
            })
        });
        g.bench_function("doccano", |b| {
            b.iter(|| total(&|d| doccano::export(d).expect("export").len()))
        });
        g.bench_function("conll", |b| {
            b.iter(|| total(&|d| conll::export(d).expect("export").len()))
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
