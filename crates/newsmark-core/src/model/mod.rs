//! The trained entity tagger: features, model file format and tagging.
//!
//! A greedy left-to-right averaged perceptron over BILOU tags (17 classes), with hashed
//! features ([`features`]). Training (in `newsmark-train`) reads CoNLL-2003, rebuilds each document's
//! text, tokenises it with the project's tokenizer (so training sees exactly the tokens that
//! pasted text will give), and keeps the epoch that scores best on the development file.
//! The model file keeps only feature hashes and quantised weights, never text.
//!
//! An optional second pass (the model file's flag) re-tags each document knowing the
//! labels the first pass gave the same word elsewhere in it, trained on jackknifed
//! first-pass labels; on eng.testa it did not beat one pass (0.901 against 0.904) and it
//! halves the speed, so the shipped model is one-pass.
//!
//!
//! - [`features`]: the feature templates, hashed, of a tokenised document.
//! - [`decode`]: greedy decoding over BILOU tags, shared by the tagger and the trainer.
//! - [`Model`] (`tagger.rs`): the model file, read and written, and the tagger the page runs.

pub mod clusters;
pub mod decode;
pub mod features;
mod table;
mod tagger;

pub use tagger::{key, write_model, Model};
