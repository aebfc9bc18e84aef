//! Entity tagging speed on a fixed corpus: the CoNLL-2003 development set rebuilt as text
//! (read at bench time from `../shared`, never shipped; a built-in paragraph repeated when
//! it is absent). The tokenizer alone is the in-run baseline; throughput is in bytes.
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsmark_core::extract::entities::{ModelEntities, RuleEntities};
use newsmark_core::extract::{Context, Extractor};
use std::hint::black_box;
use std::path::Path;

fn corpus() -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/conll2003/eng.testa");
    match newsmark_train::eval::conll::read(&path) {
        Ok(docs) => docs.into_iter().map(|d| d.text).collect(),
        Err(_) => vec![
            "U.S. President Donald Trump met German Chancellor Friedrich Merz in Washington on \
             Monday, the Financial Times reported, as NATO allies weighed security guarantees \
             for Ukraine. "
                .repeat(50);
            200
        ],
    }
}

fn bench(c: &mut Criterion) {
    let docs = corpus();
    let bytes: usize = docs.iter().map(String::len).sum();
    let model = ModelEntities::from_bytes(include_bytes!("../models/ner.bin")).expect("model");
    let rules = RuleEntities::default();
    let ctx = Context::default();
    // Warm the word lists once, outside the measurements.
    let _ = rules.extract("Paris", &ctx);
    let mut g = c.benchmark_group("entities");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.bench_function("tokenizer (baseline)", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| newsmark_core::text::tokenize(black_box(d)).len())
                .sum::<usize>()
        })
    });
    g.bench_function("rules", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| rules.extract(black_box(d), &ctx).len())
                .sum::<usize>()
        })
    });
    g.bench_function("model", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| model.extract(black_box(d), &ctx).len())
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
