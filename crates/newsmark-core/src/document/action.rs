//! The one door every change goes through: [`Action`]s, why one may fail
//! ([`EditError`]), [`Document::apply`], and the dispatcher that sends each action to the
//! one method that makes it (in the file of its concern).

use super::merge::Machine;
use super::{Document, Outcome, Version};
use crate::extract::Pipeline;
use crate::span::Span;
use chrono::NaiveDate;
use std::fmt;

/// An edit of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Replace the whole text (paste, typing, "Load sample"); re-annotates.
    SetText(String),
    /// Start a new article: replace the text, forget every span and decision, and read the
    /// document date from its dateline again.
    LoadText(String),
    /// Replace the whole document with an imported one (text, date, spans, statuses).
    Import(Box<Document>),
    /// Set or clear the document date by hand; time values re-resolve.
    SetDct(Option<NaiveDate>),
    /// Go back to the date read from the dateline.
    UseDetectedDct,
    /// Change a span's label.
    Relabel {
        /// Span id.
        id: u64,
        /// New label.
        label: String,
    },
    /// Set a time span's TIMEX3 value.
    SetValue {
        /// Span id.
        id: u64,
        /// New value, `None` to clear.
        value: Option<String>,
    },
    /// Confirm a predicted span.
    Accept {
        /// Span id.
        id: u64,
    },
    /// Confirm every predicted span at once.
    AcceptAll,
    /// Reject every predicted span at once (each is remembered as rejected).
    RejectAll,
    /// Remove a span (a machine one is remembered as rejected).
    Delete {
        /// Span id.
        id: u64,
    },
    /// Add a span over a char range, snapped to whole words.
    Add {
        /// First char of the selection.
        start: usize,
        /// First char after the selection.
        end: usize,
        /// Label.
        label: String,
    },
    /// Add a span over a selection that overlaps existing spans: with `split`, each span in
    /// the way keeps its words outside the selection; otherwise the spans in the way go
    /// (machine ones are remembered as rejected).
    AddOver {
        /// First char of the selection.
        start: usize,
        /// First char after the selection.
        end: usize,
        /// Label.
        label: String,
        /// Keep the outside parts of the spans in the way.
        split: bool,
    },
    /// Move a span's boundaries (chars); the span must stay non-empty and flat.
    Resize {
        /// Span id.
        id: u64,
        /// New first char.
        start: usize,
        /// New first char after.
        end: usize,
    },
    /// Give every other occurrence of this span's words its label: spans there are
    /// relabelled, free occurrences get a new span, occurrences inside other spans are left.
    LabelAll {
        /// Span id.
        id: u64,
    },
    /// Delete this span and every other span with the same text.
    DeleteAll {
        /// Span id.
        id: u64,
    },
    /// Add a label to the label set.
    AddLabel {
        /// Its name.
        name: String,
    },
    /// Rename a label, on every span that carries it too.
    RenameLabel {
        /// The current name.
        from: String,
        /// The new name.
        to: String,
    },
    /// Give a label another palette colour.
    RecolourLabel {
        /// The label.
        name: String,
        /// Palette index, below [`PALETTE`](super::PALETTE).
        colour: u8,
    },
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
}

/// Why an action could not be applied. The document is unchanged when one is returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// No span has this id.
    NoSuchSpan(u64),
    /// The selection holds no word.
    EmptySelection,
    /// The selection lies outside the text.
    OutOfRange {
        /// Selection end.
        end: usize,
        /// Text length in chars.
        len: usize,
    },
    /// The new span would overlap an existing one (annotation is flat).
    Overlap {
        /// Text of the span in the way.
        text: String,
        /// Its label.
        label: String,
    },
    /// The label is empty or too long.
    BadLabel(String),
    /// Nothing to undo or redo.
    NothingTo(&'static str),
    /// A label of that name is already in the set.
    LabelExists(String),
    /// No label of that name is in the set.
    NoSuchLabel(String),
    /// A span given to [`Document::from_parts`] does not fit the text.
    InvalidSpan {
        /// Position of the span in the list given.
        index: usize,
        /// What is wrong with it.
        reason: String,
    },
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::NoSuchSpan(id) => write!(f, "no span #{id} (it may have been removed)"),
            EditError::EmptySelection => write!(f, "the selection holds no word to annotate"),
            EditError::OutOfRange { end, len } => {
                write!(
                    f,
                    "the selection ends at {end}, past the text's {len} characters"
                )
            }
            EditError::Overlap { text, label } => write!(
                f,
                "the selection overlaps “{text}” ({label}); delete or relabel that span first"
            ),
            EditError::BadLabel(l) => write!(f, "“{l}” is not a usable label name"),
            EditError::NothingTo(what) => write!(f, "nothing to {what}"),
            EditError::LabelExists(l) => write!(f, "there is a label “{l}” already"),
            EditError::NoSuchLabel(l) => write!(f, "there is no label “{l}”"),
            EditError::InvalidSpan { index, reason } => write!(f, "span {index}: {reason}"),
        }
    }
}

impl std::error::Error for EditError {}

impl Document {
    /// Applies one action. On error the document is unchanged.
    pub fn apply(&mut self, action: Action, pipeline: &Pipeline) -> Result<Outcome, EditError> {
        self.apply_deferring(action, pipeline, usize::MAX)
    }

    /// Like [`apply`](Self::apply), but when the action changes the text or the document
    /// date of a text of `defer_from` bytes or more, the machine's run is left for later
    /// (e.g. to a Web Worker): the change is made at once and is the same one undo step
    /// (the person's spans and rejections follow the edit, and so do the machine's earlier
    /// suggestions), the document becomes stale, [`pending`](Self::pending) says what to
    /// annotate, and [`complete`](Self::complete) merges the result as
    /// [`refresh`](Self::refresh) would, to the same spans as [`apply`](Self::apply).
    pub fn apply_deferring(
        &mut self,
        action: Action,
        pipeline: &Pipeline,
        defer_from: usize,
    ) -> Result<Outcome, EditError> {
        let version = std::mem::replace(&mut self.version, Version::fresh());
        let out = self.apply_now(
            action,
            Machine {
                pipeline,
                defer_from,
            },
        );
        if out.is_err() {
            self.version = version;
        }
        out
    }

    fn apply_now(&mut self, action: Action, machine: Machine) -> Result<Outcome, EditError> {
        match action {
            Action::Undo => self.undo_step(),
            Action::Redo => self.redo_step(),
            other => {
                let before = self.state.clone();
                let next_id = self.next_id;
                let out = match self.edit(other, machine) {
                    Ok(out) => out,
                    Err(e) => {
                        // An action that fails half-way leaves nothing behind.
                        self.state = before;
                        self.next_id = next_id;
                        return Err(e);
                    }
                };
                self.record(before);
                Ok(out)
            }
        }
    }

    /// Makes one action (not undo or redo) by the method of its concern.
    fn edit(&mut self, action: Action, machine: Machine) -> Result<Outcome, EditError> {
        match action {
            Action::SetText(text) => Ok(self.set_text(text, machine)),
            Action::LoadText(text) => Ok(self.load_text(text, machine)),
            Action::Import(doc) => Ok(self.import(*doc)),
            Action::SetDct(dct) => Ok(self.set_dct(dct, machine)),
            Action::UseDetectedDct => Ok(self.use_detected_dct(machine)),
            Action::Relabel { id, label } => self.relabel(id, label),
            Action::SetValue { id, value } => self.set_value(id, value),
            Action::Accept { id } => self.accept(id),
            Action::AcceptAll => Ok(self.accept_all()),
            Action::RejectAll => Ok(self.reject_all()),
            Action::Delete { id } => self.delete(id),
            Action::Add { start, end, label } => self.add(Span::new(start, end), label),
            Action::AddOver {
                start,
                end,
                label,
                split,
            } => self.add_over(Span::new(start, end), label, split),
            Action::Resize { id, start, end } => self.resize(id, Span::new(start, end)),
            Action::LabelAll { id } => self.label_all(id),
            Action::DeleteAll { id } => self.delete_all(id),
            Action::AddLabel { name } => self.add_label(name),
            Action::RenameLabel { from, to } => self.rename_label(from, to),
            Action::RecolourLabel { name, colour } => self.recolour_label(name, colour),
            // Handled in `apply_now`, which never passes them here.
            Action::Undo | Action::Redo => Ok(Outcome::default()),
        }
    }
}
