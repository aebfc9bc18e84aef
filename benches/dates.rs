//! Throughput of the TIMEX3 recogniser on real newswire: the TimeBank + AQUAINT texts
//! (tags stripped), read at bench time from `../shared` (not shipped with the crate).
//! Baselines over the same bytes, in the same run: a plain `regex` scan for digit runs
//! and a `split_whitespace` word count — the floor any single pass over the text pays.
//!
//! Run: `cargo bench --bench dates`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsmark_core::extract::dates::TimexRecognizer;
use newsmark_core::extract::{Context, Extractor};
use newsmark_train::eval::timeml;
use regex::Regex;
use std::hint::black_box;
use std::path::Path;

/// One document: its text and creation date.
type TextAndDct = (String, Option<chrono::NaiveDate>);

fn corpus() -> Option<(String, Vec<TextAndDct>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/timebank");
    let docs = timeml::read_dir(&dir).ok()?;
    let all: String = docs
        .iter()
        .map(|d| d.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    let per_doc = docs.into_iter().map(|d| (d.text, d.dct)).collect();
    Some((all, per_doc))
}

fn bench(c: &mut Criterion) {
    let Some((all, docs)) = corpus() else {
        eprintln!("../shared/data/timebank not found: nothing to measure");
        return;
    };
    let rec = TimexRecognizer::new();
    let mut g = c.benchmark_group("dates");
    g.throughput(Throughput::Bytes(all.len() as u64));
    g.sample_size(20);
    g.bench_function("timex/timebank-docs", |b| {
        b.iter(|| {
            let mut n = 0;
            for (text, dct) in &docs {
                n += rec.extract(black_box(text), &Context { dct: *dct }).len();
            }
            n
        })
    });
    g.bench_function("timex/concatenated", |b| {
        let ctx = Context {
            dct: chrono::NaiveDate::from_ymd_opt(1998, 1, 8),
        };
        b.iter(|| rec.extract(black_box(&all), &ctx).len())
    });
    let digits = Regex::new(r"\d+").expect("digits regex");
    g.bench_function("baseline/regex-digits", |b| {
        b.iter(|| digits.find_iter(black_box(&all)).count())
    });
    g.bench_function("baseline/split-whitespace", |b| {
        b.iter(|| black_box(&all).split_whitespace().count())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
