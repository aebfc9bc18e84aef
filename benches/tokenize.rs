//! Tokeniser and sentence splitter speed on the shared corpora (see `corpus/mod.rs`).
//! Baseline in the same run, over the same bytes: `split_whitespace`, the floor any pass
//! that finds words pays. Throughput is in bytes of text.
//!
//! Run: `cargo bench --bench tokenize`.

mod corpus;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    for corpus in corpus::all() {
        let mut g = c.benchmark_group(format!("tokenize/{}", corpus.name));
        g.throughput(Throughput::Bytes(corpus.bytes()));
        g.sample_size(20);
        g.bench_function("baseline: split_whitespace", |b| {
            b.iter(|| corpus.sum(|d| black_box(&d.text).split_whitespace().count()))
        });
        g.bench_function("tokenize", |b| {
            b.iter(|| corpus.sum(|d| newsmark_core::text::tokenize(black_box(&d.text)).len()))
        });
        g.bench_function("sentences", |b| {
            b.iter(|| corpus.sum(|d| newsmark_core::text::sentences(black_box(&d.text)).len()))
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
