//! Table-driven tests of the time grammar, and the sample article's gold.

use super::*;
use chrono::NaiveDate;

fn dct(y: i32, m: u32, d: u32) -> Context {
    Context {
        dct: NaiveDate::from_ymd_opt(y, m, d),
    }
}

/// (text, label, value) of every mention.
fn run(text: &str, ctx: &Context) -> Vec<(String, String, String)> {
    TimexRecognizer
        .extract(text, ctx)
        .into_iter()
        .map(|m| {
            (
                text[m.span.start..m.span.end].to_string(),
                m.label,
                m.value.unwrap_or_default(),
            )
        })
        .collect()
}

/// Checks that `text` has exactly one mention, with this extent, label and value.
fn one(text: &str, ctx: &Context, extent: &str, label: &str, value: &str) {
    let got = run(text, ctx);
    assert_eq!(
        got,
        vec![(extent.to_string(), label.to_string(), value.to_string())],
        "in {text:?}"
    );
}

#[test]
fn sample_article_gives_exactly_its_gold_time_spans() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/samples/paris-talks-2025-09-01.gold.json"
    );
    let raw = std::fs::read_to_string(path).expect("the sample gold is beside the checkout");
    let gold: serde_json::Value = serde_json::from_str(&raw).unwrap();
    let text = gold["text"].as_str().unwrap();
    let dct_s = gold["dct"].as_str().unwrap();
    // The DCT comes from the dateline, and agrees with the gold's.
    let detected = crate::extract::dct::detect(text).expect("dateline");
    assert_eq!(detected.date.to_string(), dct_s);
    let idx = crate::span::OffsetIndex::new(text);
    let mut want: Vec<(usize, usize, String, String)> = Vec::new();
    for s in gold["spans"].as_array().unwrap() {
        let label = s["label"].as_str().unwrap();
        if crate::extract::labels::is_time(label) {
            let b = idx.bytes_of(Span::new(
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            ));
            want.push((
                b.start,
                b.end,
                label.to_string(),
                s["value"].as_str().unwrap().to_string(),
            ));
        }
    }
    assert_eq!(want.len(), 7);
    let got: Vec<(usize, usize, String, String)> = TimexRecognizer
        .extract(
            text,
            &Context {
                dct: Some(detected.date),
            },
        )
        .into_iter()
        .filter(|m| !m.span.overlaps(&detected.span))
        .map(|m| {
            (
                m.span.start,
                m.span.end,
                m.label,
                m.value.unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(got, want);
}

/// Where the time goes: `cargo test --release --lib timing -- --ignored --nocapture`.
#[test]
#[ignore]
fn timing() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/timebank");
    let docs = crate::eval::timeml::read_dir(std::path::Path::new(dir)).unwrap();
    let all: String = docs
        .iter()
        .map(|d| d.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    let t = std::time::Instant::now();
    let mut toks = Vec::new();
    for _ in 0..10 {
        toks.clear();
        lex::lex(&all, &mut toks);
    }
    let lex_t = t.elapsed() / 10;
    let t = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..10 {
        n += grammar::Parser::new(&all, &toks, None).run().len();
    }
    let parse_t = t.elapsed() / 10;
    println!(
        "{} bytes, {} tokens, lex {:?}, parse {:?}, {} hits",
        all.len(),
        toks.len(),
        lex_t,
        parse_t,
        n / 10
    );
}
