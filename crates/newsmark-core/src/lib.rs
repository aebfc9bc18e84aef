//! # newsmark core
//!
//! Everything newsmark does that is not drawing pixels, training or a command line:
//! tokenising, entity and time expression recognition, the annotation [`Document`] with its
//! edits and undo history, the interchange formats and the saved-copy schema. No web
//! dependency — the crate's dependency tree has none — so it builds and is tested natively,
//! and backs the web app, the JS API and the CLI alike.
//!
//! Offsets: inside the core, byte offsets; in every document, export and API, **Unicode
//! scalar values** (chars), end exclusive — see [`span`].
#![deny(missing_docs)]

pub mod document;
pub mod extract;
pub mod formats;
pub mod hash;
pub mod lexicon;
pub mod model;
pub mod persist;
pub mod span;
pub mod text;

pub use document::{Action, Annotation, Document, Status};
pub use extract::{labels, Context, DctChoice, Extractor, Mention, Pipeline, Source};
pub use span::{OffsetIndex, Span};
