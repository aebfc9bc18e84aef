//! A document as plain parts, for the saved copy: `crate::persist` has a schema of its own
//! and reads a document's states through [`Snapshot`]'s getters and builds one from
//! [`StateParts`], never naming a field here, so the fields can change without changing
//! what sits in a person's storage.

use super::shared_text::SharedText;
use super::{Annotation, Document, LabelDef, Rejection, Snapshot, Version};
use crate::extract::DctChoice;
use chrono::NaiveDate;
use std::sync::Arc;

/// One state of a document (the current one, or an undo or redo step), in plain parts.
pub(crate) struct StateParts {
    pub(crate) text: String,
    pub(crate) dct: Option<NaiveDate>,
    pub(crate) dct_choice: DctChoice,
    pub(crate) spans: Vec<Annotation>,
    pub(crate) rejected: Vec<Rejection>,
    pub(crate) labels: Vec<LabelDef>,
    /// The machine's run for this state is still due.
    pub(crate) stale: bool,
}

impl Snapshot {
    pub(crate) fn text(&self) -> &str {
        self.text.as_str()
    }
    pub(crate) fn dct(&self) -> Option<NaiveDate> {
        self.dct
    }
    pub(crate) fn dct_choice(&self) -> DctChoice {
        self.dct_choice
    }
    pub(crate) fn spans(&self) -> &[Annotation] {
        &self.spans
    }
    pub(crate) fn rejected(&self) -> &[Rejection] {
        &self.rejected
    }
    pub(crate) fn labels(&self) -> &[LabelDef] {
        &self.labels
    }
    pub(crate) fn is_stale(&self) -> bool {
        self.stale
    }
}

impl Document {
    /// The current state.
    pub(crate) fn current_state(&self) -> &Snapshot {
        &self.state
    }
    /// The undo steps, oldest first.
    pub(crate) fn undo_states(&self) -> impl Iterator<Item = &Snapshot> {
        self.undo.iter().map(|s| &**s)
    }
    /// The redo steps, farthest first.
    pub(crate) fn redo_states(&self) -> impl Iterator<Item = &Snapshot> {
        self.redo.iter().map(|s| &**s)
    }
    /// The id the next new span gets.
    pub(crate) fn next_span_id(&self) -> u64 {
        self.next_id
    }

    /// A document from its states, as [`current_state`](Self::current_state),
    /// [`undo_states`](Self::undo_states) and [`redo_states`](Self::redo_states) give them,
    /// unchecked (see [`check`](Self::check)). A state whose text is that of the state
    /// before it shares it, and its offset index, as in the session that made them.
    pub(crate) fn from_states(
        state: StateParts,
        next_id: u64,
        undo: Vec<StateParts>,
        redo: Vec<StateParts>,
    ) -> Document {
        let mut last: Option<SharedText> = None;
        let mut build = |p: StateParts| {
            let text = match last.take() {
                Some(t) if t.as_str() == p.text => t,
                _ => SharedText::new(Arc::from(p.text)),
            };
            last = Some(text.clone());
            Snapshot {
                text,
                dct: p.dct,
                dct_choice: p.dct_choice,
                spans: Arc::new(p.spans),
                rejected: p.rejected,
                labels: p.labels,
                stale: p.stale,
            }
        };
        let undo: Vec<Arc<Snapshot>> = undo.into_iter().map(|p| Arc::new(build(p))).collect();
        let state = build(state);
        // Redo steps are kept farthest first: the nearest, built next, is the last.
        let mut redo: Vec<Arc<Snapshot>> =
            redo.into_iter().rev().map(|p| Arc::new(build(p))).collect();
        redo.reverse();
        Document {
            state,
            next_id,
            undo,
            redo,
            version: Version::fresh(),
        }
    }
}
