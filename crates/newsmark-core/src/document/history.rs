//! Undo and redo: each change the person makes is one step back to the state before it.
//! Steps are whole states sharing what did not change (the text, and the spans until one
//! changes), so going back is a swap, not a replay.

use super::{Document, EditError, Outcome, Snapshot};
use std::sync::Arc;

/// How many steps undo remembers.
pub const UNDO_LIMIT: usize = 200;

impl Document {
    /// True when there is a step to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
    /// True when there is a step to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
    /// How many steps undo and redo hold.
    pub fn history_len(&self) -> (usize, usize) {
        (self.undo.len(), self.redo.len())
    }

    /// Forgets all but the `undo` most recent undo steps and the `redo` nearest redo steps
    /// (to make a saved copy fit a small storage). The document itself is unchanged.
    pub fn keep_history(&mut self, undo: usize, redo: usize) {
        let u = self.undo.len().saturating_sub(undo);
        self.undo.drain(..u);
        let r = self.redo.len().saturating_sub(redo);
        self.redo.drain(..r);
    }

    /// Goes back to the state before the last change.
    pub(super) fn undo_step(&mut self) -> Result<Outcome, EditError> {
        let prev = self.undo.pop().ok_or(EditError::NothingTo("undo"))?;
        let cur = std::mem::replace(&mut self.state, Arc::unwrap_or_clone(prev));
        self.redo.push(Arc::new(cur));
        Ok(Outcome::default())
    }

    /// Makes the last undone change again.
    pub(super) fn redo_step(&mut self) -> Result<Outcome, EditError> {
        let next = self.redo.pop().ok_or(EditError::NothingTo("redo"))?;
        let cur = std::mem::replace(&mut self.state, Arc::unwrap_or_clone(next));
        self.undo.push(Arc::new(cur));
        Ok(Outcome::default())
    }

    /// Remembers `before`, the state an action started from, as an undo step if the action
    /// changed anything; a new step forgets what could be redone.
    pub(super) fn record(&mut self, before: Snapshot) {
        // Whether the suggestions are still due is not a change of the person's: a
        // deferred run makes the same undo steps as one done at once.
        let stale = std::mem::replace(&mut self.state.stale, before.stale);
        let changed = self.state != before;
        self.state.stale = stale;
        if changed {
            self.undo.push(Arc::new(before));
            if self.undo.len() > UNDO_LIMIT {
                self.undo.remove(0);
            }
            self.redo.clear();
        }
    }

    /// A lower bound on the size of a saved copy (its JSON): each state, the current one and
    /// every undo and redo step, holds its text and every span with its field names, text
    /// and label. It tells, before encoding, that a copy cannot fit where a smaller one
    /// was refused: on a book, spans weigh more than the text.
    pub fn saved_bytes_lower_bound(&self) -> usize {
        // `{"id":,"start":,"end":,"text":"","label":"","source":"rule","status":"accepted"}`
        // (the shortest source and status) and the comma before the next span: what a span
        // takes besides its numbers, text, label and value. Escapes only add to it.
        const SPAN_BYTES: usize = 81;
        // `,"value":""`
        const VALUE_BYTES: usize = 11;
        let digits = |n: u64| n.checked_ilog10().map_or(1, |d| d as usize + 1);
        let span = |a: &super::Annotation| {
            SPAN_BYTES
                + digits(a.id)
                + digits(a.start as u64)
                + digits(a.end as u64)
                + a.text.len()
                + a.label.len()
                + a.value.as_ref().map_or(0, |v| VALUE_BYTES + v.len())
        };
        let snapshot =
            |s: &Snapshot| s.text.as_str().len() + s.spans.iter().map(span).sum::<usize>();
        let steps = self.undo.iter().chain(&self.redo);
        snapshot(&self.state) + steps.map(|s| snapshot(s)).sum::<usize>()
    }
}
