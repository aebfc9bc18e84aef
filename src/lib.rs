//! # newsmark core
//!
//! Everything newsmark does that is not drawing pixels: tokenising, entity and time
//! expression recognition, the annotation [`Document`] with its edits and undo history, and
//! the `newsmark/1` JSON. No web dependency: it builds and is tested natively, and backs the
//! web app (`src/ui`), the JS API and the CLI alike.
//!
//! Offsets: inside the core, byte offsets; in every document, export and API, **Unicode
//! scalar values** (chars), end exclusive — see [`span`].
#![deny(missing_docs)]

pub mod document;
pub mod editor;
pub mod eval;
pub mod extract;
pub mod formats;
pub mod model;
pub mod persist;
pub mod span;
pub mod text;
pub mod view;

#[cfg(target_arch = "wasm32")]
pub mod ui;

pub use document::{Action, Annotation, Document, Status};
pub use extract::{labels, Context, DctChoice, Extractor, Mention, Pipeline, Source};
pub use span::{OffsetIndex, Span};
