//! The annotation document: text, document date, spans, the person's decisions, and an
//! undo history. Every change goes through [`Document::apply`] with an [`Action`]; the
//! web app's reducer, the tests and any future CLI editing all use that one door.
//!
//! Offsets here are **chars** (Unicode scalar values), end exclusive: the JSON contract.
//!
//! The type and its read side are here; each concern has a file of its own, each an
//! `impl Document` block:
//! - `action`: the door: [`Action`], [`EditError`], `apply` and the dispatcher that
//!   sends each action to the one method that makes it;
//! - `history`: undo and redo steps;
//! - `annotations`: span edits (add, relabel, delete, split, label all…);
//! - `words`: snapping a selection to whole words, finding a span's other occurrences;
//! - `text_edit`: a new text, with every span and rejection mapped through the change;
//! - `merge`: the machine's run over the text merged with the person's spans and rejections;
//! - `dct`: the document date;
//! - `label_set`: the label set;
//! - `entities`: which spans name the same entity (linked once per version);
//! - `validate`: documents from outside (imports, saved copies) checked;
//! - `shared_text`: the text with its offset index, built once per text;
//! - `parts`: a document as plain parts, for the saved copy.
//!
//! The saved copy's shape is not here: `crate::persist` has a schema of its own (and gives
//! [`Document`] its serde form), so the fields below can change without changing what sits
//! in a person's storage.

mod action;
mod annotations;
mod dct;
mod entities;
mod history;
mod label_set;
mod merge;
mod parts;
mod shared_text;
mod text_edit;
mod validate;
mod words;

pub use action::{Action, EditError};
pub use entities::Entity;
pub use history::UNDO_LIMIT;
pub use label_set::{default_labels, find_label, is_usable_label, LabelDef, PALETTE};
pub use merge::Extraction;
pub(crate) use parts::StateParts;
pub use words::snap_to_words;

use crate::extract::{DctChoice, Pipeline, Source};
use crate::span::{Char, Span};
use chrono::NaiveDate;
use merge::Machine;
use serde::{Deserialize, Serialize};
use shared_text::SharedText;
use std::sync::{Arc, OnceLock};
#[cfg(test)]
use {crate::extract::labels, text_edit::TextEdit};

/// Where a span stands in review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Proposed by the machine, not yet confirmed.
    Predicted,
    /// Added, edited or confirmed by the person: re-annotation keeps it.
    Accepted,
}

/// One annotated span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    /// Stable id within the document (survives edits, undo and reload).
    pub id: u64,
    /// First char of the span.
    pub start: usize,
    /// First char after the span.
    pub end: usize,
    /// `text[start..end]` in chars.
    pub text: String,
    /// Label name.
    pub label: String,
    /// TIMEX3 value (time labels only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// A free-text note on the span (a brat `AnnotatorNotes` on an entity, say): kept and
    /// written back, never read as a TIMEX value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Who proposed the span.
    pub source: Source,
    /// Review status.
    pub status: Status,
}

impl Annotation {
    /// The span in chars.
    pub fn span(&self) -> Span<Char> {
        Span::new(self.start, self.end)
    }
}

/// A machine suggestion the person deleted: it is not proposed again while its text stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejection {
    /// First char.
    pub start: usize,
    /// First char after.
    pub end: usize,
    /// The label that was rejected.
    pub label: String,
}

/// What an applied action did, for the status line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Person-made spans dropped because the text under them changed.
    pub dropped: usize,
    /// Id of the span the action created or touched, if any.
    pub touched: Option<u64>,
}

impl Outcome {
    /// An action that touched span `id`.
    fn touched(id: u64) -> Outcome {
        Outcome {
            dropped: 0,
            touched: Some(id),
        }
    }
}

/// The part of the document that undo restores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Snapshot {
    /// The text, with its offset index (shared between versions with the same text).
    text: SharedText,
    dct: Option<NaiveDate>,
    dct_choice: DctChoice,
    /// Shared between versions until one of them changes its spans (copy on write): the
    /// page keeps a version per state and an undo step per edit.
    spans: Arc<Vec<Annotation>>,
    rejected: Vec<Rejection>,
    labels: Vec<LabelDef>,
    /// The machine's suggestions are those of an earlier text or date, carried along the
    /// last change: a fresh run is due (see [`Document::pending`]).
    stale: bool,
}

/// An annotated document with its undo history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    state: Snapshot,
    next_id: u64,
    /// Undo and redo steps, shared between clones of the document (the page keeps one
    /// per state) instead of copied.
    undo: Vec<Arc<Snapshot>>,
    redo: Vec<Arc<Snapshot>>,
    /// Which version of the document this is, and what is derived from it.
    version: Version,
}

/// Which version of a document this is: a number that changes whenever a document changes
/// (no two versions of any documents in the process share one), and what is derived from
/// that version, computed when first asked and dropped with it. Not part of the document's
/// value: documents equal in every other field compare equal whatever their versions.
///
/// Every method that changes a document starts a new version ([`Document::new_version`]),
/// so what is derived is never that of an earlier version.
#[derive(Debug, Clone)]
struct Version {
    revision: u64,
    /// The entity id of each span (see [`Document::entity_ids`]), linked when first asked.
    entity_ids: OnceLock<Arc<[usize]>>,
}

impl Version {
    fn fresh() -> Version {
        use std::sync::atomic::{AtomicU64, Ordering};
        static NEXT: AtomicU64 = AtomicU64::new(1);
        Version {
            revision: NEXT.fetch_add(1, Ordering::Relaxed),
            entity_ids: OnceLock::new(),
        }
    }
}

impl PartialEq for Version {
    fn eq(&self, _: &Version) -> bool {
        true
    }
}

impl Eq for Version {}

impl Default for Snapshot {
    fn default() -> Self {
        Snapshot {
            text: SharedText::new(Arc::from("")),
            dct: None,
            dct_choice: DctChoice::Detect,
            spans: Arc::default(),
            rejected: Vec::new(),
            labels: default_labels(),
            stale: false,
        }
    }
}

impl Default for Document {
    fn default() -> Self {
        Document {
            state: Snapshot::default(),
            next_id: 1,
            undo: Vec::new(),
            redo: Vec::new(),
            version: Version::fresh(),
        }
    }
}

impl Document {
    /// A document for `text`, annotated by `pipeline` (dateline DCT detected).
    pub fn new(text: &str, pipeline: &Pipeline) -> Self {
        Document::with_dct(text, DctChoice::Detect, pipeline)
    }

    /// A document for `text` resolved against the date `choice` says (a given date counts
    /// as set by the person), annotated once.
    pub fn with_dct(text: &str, choice: DctChoice, pipeline: &Pipeline) -> Self {
        let mut d = Document::default();
        d.state.dct_choice = choice;
        if let DctChoice::Given(dct) = choice {
            d.state.dct = dct;
        }
        d.reannotate(SharedText::new(Arc::from(text)), Machine::now(pipeline));
        d
    }

    /// The text.
    pub fn text(&self) -> &str {
        self.state.text.as_str()
    }
    /// The text as shared between versions: two versions with the same text hold the same
    /// allocation unless the text was set anew.
    pub fn shared_text(&self) -> &Arc<str> {
        self.state.text.arc()
    }
    /// Spans, sorted by start, never overlapping.
    pub fn spans(&self) -> &[Annotation] {
        &self.state.spans
    }
    /// Machine suggestions the person rejected.
    pub fn rejected(&self) -> &[Rejection] {
        &self.state.rejected
    }
    /// The span with this id.
    pub fn span(&self, id: u64) -> Option<&Annotation> {
        self.state.spans.iter().find(|a| a.id == id)
    }

    /// A number that differs between any two versions of any documents in this process
    /// (a copy keeps its original's): a view can tell cheaply whether what it derived from
    /// a document is still good. Not saved, not part of the document's value.
    pub fn revision(&self) -> u64 {
        self.version.revision
    }

    /// Starts a new version: a new revision, and nothing derived from the last one (the
    /// entity links among them).
    fn new_version(&mut self) {
        self.version = Version::fresh();
    }
}

#[cfg(test)]
mod tests;
