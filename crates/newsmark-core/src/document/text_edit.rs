//! A new text: the person's spans and rejections, and the machine's suggestions until its
//! next run, follow the change ([`TextEdit`]); those whose text changed are dropped.

use super::merge::Machine;
use super::shared_text::SharedText;
use super::{Annotation, Document, Outcome, Rejection, Status};
use crate::extract::DctChoice;
use crate::span::{Char, Span};
use std::sync::Arc;

impl Document {
    /// Replaces the whole text (paste, typing) and re-annotates.
    pub(super) fn set_text(&mut self, text: String, machine: Machine) -> Outcome {
        if self.state.text.as_str() == text {
            return Outcome::default();
        }
        self.reannotate(SharedText::new(Arc::from(text)), machine)
    }

    /// Starts a new article: a new text, no span or decision kept, the document date read
    /// from its dateline again.
    pub(super) fn load_text(&mut self, text: String, machine: Machine) -> Outcome {
        self.state.spans = Arc::default();
        self.state.rejected.clear();
        self.state.dct = None;
        self.state.dct_choice = DctChoice::Detect;
        self.state.text = SharedText::new(Arc::from(""));
        self.reannotate(SharedText::new(Arc::from(text)), machine)
    }

    /// Puts an imported document in place of this one (its history aside).
    pub(super) fn import(&mut self, doc: Document) -> Outcome {
        self.next_id = self.next_id.max(doc.next_id);
        self.state = doc.state;
        Outcome::default()
    }

    /// Replaces the text by `text`: every span and rejection follows the edit; those whose
    /// text changed are dropped (the person's are counted). The machine's suggestions that
    /// stand stay until [`merge`](Self::merge) replaces them.
    pub(super) fn follow_edit(&mut self, text: SharedText) -> Outcome {
        let edit = if self.state.text.ptr_eq(&text) {
            TextEdit::NONE
        } else {
            TextEdit::between(self.state.text.as_str(), text.as_str())
        };
        let mut dropped = 0;
        let spans = Arc::unwrap_or_clone(std::mem::take(&mut self.state.spans))
            .into_iter()
            .filter_map(|a| match edit.map(a.span()) {
                Some(s) => Some(Annotation {
                    start: s.start,
                    end: s.end,
                    ..a
                }),
                None => {
                    dropped += usize::from(a.status == Status::Accepted);
                    None
                }
            })
            .collect();
        let rejected = std::mem::take(&mut self.state.rejected)
            .into_iter()
            .filter_map(|r| {
                edit.map(Span::new(r.start, r.end)).map(|s| Rejection {
                    start: s.start,
                    end: s.end,
                    ..r
                })
            })
            .collect();
        self.state.text = text;
        self.state.spans = Arc::new(spans);
        self.state.rejected = rejected;
        Outcome {
            dropped,
            touched: None,
        }
    }
}

/// A single contiguous replacement: chars `[at, at + removed)` of the old text became
/// `inserted` chars. Derived from the common prefix and suffix of the two texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct TextEdit {
    pub(super) at: usize,
    pub(super) removed: usize,
    pub(super) inserted: usize,
}

impl TextEdit {
    /// No change.
    pub(super) const NONE: TextEdit = TextEdit {
        at: 0,
        removed: 0,
        inserted: 0,
    };

    pub(super) fn between(old: &str, new: &str) -> TextEdit {
        let prefix = old
            .chars()
            .zip(new.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let old_len = old.chars().count();
        let new_len = new.chars().count();
        let max_suffix = old_len.min(new_len) - prefix;
        let suffix = old
            .chars()
            .rev()
            .zip(new.chars().rev())
            .take(max_suffix)
            .take_while(|(a, b)| a == b)
            .count();
        TextEdit {
            at: prefix,
            removed: old_len - prefix - suffix,
            inserted: new_len - prefix - suffix,
        }
    }

    /// Where an old span lies in the new text, or `None` if the edit touched it.
    pub(super) fn map(&self, s: Span<Char>) -> Option<Span<Char>> {
        if s.end <= self.at {
            Some(s)
        } else if s.start >= self.at + self.removed {
            let shift = |x: usize| x - self.removed + self.inserted;
            Some(Span::new(shift(s.start), shift(s.end)))
        } else {
            None
        }
    }
}
