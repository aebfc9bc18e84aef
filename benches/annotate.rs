//! Whole annotation as the CLI does it: the pipeline with the trained model and the date
//! normaliser, each document read for its dateline and built into a `Document`, on the
//! shared corpora (see `corpus/mod.rs`). Baselines in the same run, over the same bytes: a
//! `regex` scan for capitalised words (the crudest "entity" finder) and the tokeniser.
//! Throughput is in bytes of text.
//!
//! Run: `cargo bench --bench annotate`.

mod corpus;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsmark_core::extract::entities::ModelEntities;
use newsmark_core::{Context, DctChoice, Document, Pipeline};
use regex::Regex;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let mut pipeline = Pipeline::default();
    let model = ModelEntities::from_bytes(include_bytes!("../models/ner.bin")).expect("model");
    pipeline.set_entities(Box::new(model));
    let capitalised = Regex::new(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)*").expect("regex");
    for corpus in corpus::all() {
        // Warm lazily built tables once, outside the measurements.
        let _ = Document::new("Paris, Sept. 4 (Reuters) - Merkel met Macron.", &pipeline);
        let mut g = c.benchmark_group(format!("annotate/{}", corpus.name));
        g.throughput(Throughput::Bytes(corpus.bytes()));
        g.sample_size(10);
        g.bench_function("baseline: regex capitalised words", |b| {
            b.iter(|| corpus.sum(|d| capitalised.find_iter(black_box(&d.text)).count()))
        });
        g.bench_function("baseline: tokenize", |b| {
            b.iter(|| corpus.sum(|d| newsmark_core::text::tokenize(black_box(&d.text)).len()))
        });
        g.bench_function("pipeline.annotate", |b| {
            b.iter(|| {
                corpus.sum(|d| {
                    let ctx = Context { dct: d.dct };
                    pipeline.annotate(black_box(&d.text), &ctx).len()
                })
            })
        });
        g.bench_function("Document::with_dct (CLI)", |b| {
            b.iter(|| {
                corpus.sum(|d| {
                    let choice = DctChoice::given_or_detect(d.dct);
                    Document::with_dct(black_box(&d.text), choice, &pipeline)
                        .spans()
                        .len()
                })
            })
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
