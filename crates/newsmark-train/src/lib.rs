//! # newsmark-train
//!
//! Build-time code that the page never ships: readers of the corpora newsmark learns from
//! and is measured on, the entity tagger's [`trainer`], and the quality reports of
//! [`eval`] (`newsmark eval-ner`, `eval-dates`, `eval-sample`).
#![deny(missing_docs)]

pub mod eval;
pub mod trainer;

pub use trainer::{train, train_with, Settings};
