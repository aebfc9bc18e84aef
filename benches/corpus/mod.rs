//! The fixed corpora the core benchmarks share, read at bench time from `../shared` (never
//! shipped with the crate):
//!
//! - `conll`: the CoNLL-2003 development set (`eng.testa`, 216 Reuters stories) rebuilt as
//!   text — tokens joined by spaces, sentences by newlines, as `eval-ner` scores it;
//! - `timebank`: the TimeBank + AQUAINT texts (tags stripped), each with its creation date.
//!
//! When `../shared` is absent, the sample article stands in for both (repeated), so
//! `cargo bench` still runs; the figures are then not comparable with the README's.

use chrono::NaiveDate;
use newsmark_train::eval::{conll, timeml};
use std::path::Path;

/// One document: its text and creation date (if known).
pub struct BenchDoc {
    pub text: String,
    #[allow(dead_code)] // the tokeniser bench has no use for it
    pub dct: Option<NaiveDate>,
}

/// A named set of documents.
pub struct Corpus {
    pub name: &'static str,
    pub docs: Vec<BenchDoc>,
}

impl Corpus {
    /// `f` over every document, summed (what a bench iteration counts).
    #[allow(dead_code)] // the export bench sums over documents it annotated first
    pub fn sum(&self, f: impl Fn(&BenchDoc) -> usize) -> usize {
        self.docs.iter().map(f).sum()
    }

    /// Bytes of text, for criterion's throughput.
    pub fn bytes(&self) -> u64 {
        self.docs.iter().map(|d| d.text.len() as u64).sum()
    }
}

fn shared(rel: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(rel)
}

fn fallback(name: &'static str) -> Corpus {
    let sample = include_str!("../../www/samples/paris-talks-2025-09-01.txt");
    eprintln!("../shared/data not found: {name} is the sample article repeated");
    Corpus {
        name,
        docs: (0..200)
            .map(|_| BenchDoc {
                text: sample.to_string(),
                dct: NaiveDate::from_ymd_opt(2025, 9, 1),
            })
            .collect(),
    }
}

/// Both corpora, CoNLL-2003 first.
pub fn all() -> Vec<Corpus> {
    let conll = match conll::read(&shared("data/conll2003/eng.testa")) {
        Ok(docs) => Corpus {
            name: "conll-testa",
            // The stories are from 1996-08-30 and after; the datelines say so.
            docs: docs
                .into_iter()
                .map(|d| BenchDoc {
                    text: d.text,
                    dct: None,
                })
                .collect(),
        },
        Err(_) => fallback("conll-testa"),
    };
    let timebank = match timeml::read_dir(&shared("data/timebank")) {
        Ok(docs) if !docs.is_empty() => Corpus {
            name: "timebank",
            docs: docs
                .into_iter()
                .map(|d| BenchDoc {
                    text: d.text,
                    dct: d.dct,
                })
                .collect(),
        },
        _ => fallback("timebank"),
    };
    vec![conll, timebank]
}
