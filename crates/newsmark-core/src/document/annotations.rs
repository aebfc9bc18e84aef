//! Span edits: the person adds, relabels, confirms, resizes, splits and deletes spans, one
//! or all of a kind at once. Each is one method, called by the dispatcher in `action`.

use super::label_set::check_label;
use super::words::{snap_in, trim_connectives};
use super::{Annotation, Document, EditError, Outcome, Rejection, Status};
use crate::extract::{labels, Source};
use crate::span::{Char, Span};
use std::sync::Arc;

impl Document {
    /// What [`Action::LabelAll`](super::Action::LabelAll) and
    /// [`Action::DeleteAll`](super::Action::DeleteAll) on span `id` would change:
    /// `(relabelled, added, deleted)` counts, for a preview before the step is taken.
    pub fn apply_all_preview(&self, id: u64) -> Option<(usize, usize, usize)> {
        let a = self.span(id)?;
        let (mut relabel, mut add) = (0, 0);
        let spans = &self.state.spans;
        for occ in self.occurrences(&a.text) {
            // Spans are sorted and flat: the first that ends after the occurrence's start
            // is the only one that may overlap it.
            let k = spans.partition_point(|s| s.end <= occ.start);
            match spans.get(k).filter(|s| s.span().overlaps(&occ)) {
                Some(s) if s.span() == occ && s.id != id && s.label != a.label => relabel += 1,
                Some(_) => {}
                None => add += 1,
            }
        }
        let delete = self
            .state
            .spans
            .iter()
            .filter(|s| s.text == a.text && s.id != id)
            .count();
        Some((relabel, add, delete))
    }

    pub(super) fn relabel(&mut self, id: u64, label: String) -> Result<Outcome, EditError> {
        check_label(&label)?;
        self.set_label_names(std::slice::from_ref(&label));
        let a = self.span_mut(id)?;
        if !labels::is_time(&label) {
            a.value = None;
        }
        a.label = label;
        a.status = Status::Accepted;
        Ok(Outcome::touched(id))
    }

    pub(super) fn set_value(
        &mut self,
        id: u64,
        value: Option<String>,
    ) -> Result<Outcome, EditError> {
        let a = self.span_mut(id)?;
        a.value = value
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty());
        a.status = Status::Accepted;
        Ok(Outcome::touched(id))
    }

    pub(super) fn accept(&mut self, id: u64) -> Result<Outcome, EditError> {
        self.span_mut(id)?.status = Status::Accepted;
        Ok(Outcome::touched(id))
    }

    pub(super) fn accept_all(&mut self) -> Outcome {
        for a in Arc::make_mut(&mut self.state.spans) {
            a.status = Status::Accepted;
        }
        Outcome::default()
    }

    pub(super) fn reject_all(&mut self) -> Outcome {
        let (gone, kept): (Vec<Annotation>, Vec<Annotation>) =
            Arc::unwrap_or_clone(std::mem::take(&mut self.state.spans))
                .into_iter()
                .partition(|a| a.status == Status::Predicted);
        self.state.spans = Arc::new(kept);
        self.state
            .rejected
            .extend(gone.into_iter().map(|a| Rejection {
                start: a.start,
                end: a.end,
                label: a.label,
            }));
        Outcome::default()
    }

    /// Removes a span; a machine one is remembered as rejected.
    pub(super) fn delete(&mut self, id: u64) -> Result<Outcome, EditError> {
        let i = self.index_of(id)?;
        let a = Arc::make_mut(&mut self.state.spans).remove(i);
        if a.source != Source::User {
            self.state.rejected.push(Rejection {
                start: a.start,
                end: a.end,
                label: a.label,
            });
        }
        Ok(Outcome::default())
    }

    /// The selection `sel` snapped to whole words, once it is known to lie in the text.
    fn snapped(&self, sel: Span<Char>) -> Result<Span<Char>, EditError> {
        let len = self.state.text.char_len();
        if sel.end > len || sel.start > sel.end {
            return Err(EditError::OutOfRange { end: sel.end, len });
        }
        let text = &self.state.text;
        snap_in(text.as_str(), &text.index(), sel).ok_or(EditError::EmptySelection)
    }

    /// Adds a span of the person's over the whole words of `sel`, where no span is.
    pub(super) fn add(&mut self, sel: Span<Char>, label: String) -> Result<Outcome, EditError> {
        check_label(&label)?;
        self.set_label_names(std::slice::from_ref(&label));
        let span = self.snapped(sel)?;
        if let Some(o) = self.state.spans.iter().find(|a| a.span().overlaps(&span)) {
            return Err(EditError::Overlap {
                text: o.text.clone(),
                label: o.label.clone(),
            });
        }
        let id = self.insert_user_span(span, label);
        Ok(Outcome::touched(id))
    }

    /// Adds a span over `sel` through the spans in the way: with `split` each keeps its
    /// words outside the selection, otherwise they go (machine ones remembered as rejected).
    pub(super) fn add_over(
        &mut self,
        sel: Span<Char>,
        label: String,
        split: bool,
    ) -> Result<Outcome, EditError> {
        check_label(&label)?;
        let span = self.snapped(sel)?;
        let text = self.state.text.clone();
        let idx = text.index();
        let (in_the_way, mut kept): (Vec<Annotation>, Vec<Annotation>) =
            Arc::unwrap_or_clone(std::mem::take(&mut self.state.spans))
                .into_iter()
                .partition(|a| a.span().overlaps(&span));
        for a in in_the_way {
            let parts = [Span::new(a.start, span.start), Span::new(span.end, a.end)];
            let rests: Vec<Span<Char>> = parts
                .into_iter()
                .filter(|p| split && p.start < p.end)
                .filter_map(|p| trim_connectives(text.as_str(), &idx, p))
                .filter(|p| !p.overlaps(&span))
                .collect();
            if rests.is_empty() && a.source != Source::User {
                self.state.rejected.push(Rejection {
                    start: a.start,
                    end: a.end,
                    label: a.label.clone(),
                });
            }
            for (i, r) in rests.into_iter().enumerate() {
                let id = if i == 0 { a.id } else { self.fresh_id() };
                kept.push(Annotation {
                    id,
                    start: r.start,
                    end: r.end,
                    text: text.slice(r).to_string(),
                    status: Status::Accepted,
                    ..a.clone()
                });
            }
        }
        kept.sort_by_key(|a| (a.start, a.end));
        self.state.spans = Arc::new(kept);
        self.add(span, label)
    }

    /// Moves a span's boundaries; it must stay non-empty and flat.
    pub(super) fn resize(&mut self, id: u64, span: Span<Char>) -> Result<Outcome, EditError> {
        let len = self.state.text.char_len();
        if span.end > len || span.start >= span.end {
            return Err(EditError::OutOfRange { end: span.end, len });
        }
        if let Some(o) = self
            .state
            .spans
            .iter()
            .find(|a| a.id != id && a.span().overlaps(&span))
        {
            return Err(EditError::Overlap {
                text: o.text.clone(),
                label: o.label.clone(),
            });
        }
        let text = self.state.text.slice(span).to_string();
        let a = self.span_mut(id)?;
        a.start = span.start;
        a.end = span.end;
        a.text = text;
        a.status = Status::Accepted;
        Arc::make_mut(&mut self.state.spans).sort_by_key(|a| (a.start, a.end));
        Ok(Outcome::touched(id))
    }

    /// Gives every other occurrence of the span's words its label: spans there are
    /// relabelled, free occurrences get a new span, occurrences inside other spans are left.
    pub(super) fn label_all(&mut self, id: u64) -> Result<Outcome, EditError> {
        let (text, label) = {
            let a = self.span(id).ok_or(EditError::NoSuchSpan(id))?;
            (a.text.clone(), a.label.clone())
        };
        for occ in self.occurrences(&text) {
            match self
                .state
                .spans
                .iter()
                .position(|a| a.span().overlaps(&occ))
            {
                Some(i) if self.state.spans[i].span() == occ => {
                    let a = &mut Arc::make_mut(&mut self.state.spans)[i];
                    if !labels::is_time(&label) {
                        a.value = None;
                    }
                    a.label = label.clone();
                    a.status = Status::Accepted;
                }
                Some(_) => {}
                None => {
                    self.insert_user_span(occ, label.clone());
                }
            }
        }
        Ok(Outcome::touched(id))
    }

    /// Deletes the span and every other span with the same text.
    pub(super) fn delete_all(&mut self, id: u64) -> Result<Outcome, EditError> {
        let text = self.span(id).ok_or(EditError::NoSuchSpan(id))?.text.clone();
        let ids: Vec<u64> = self
            .state
            .spans
            .iter()
            .filter(|a| a.text == text)
            .map(|a| a.id)
            .collect();
        for id in ids {
            self.delete(id)?;
        }
        Ok(Outcome::default())
    }

    /// Inserts a span of the person's (accepted) over `span` (chars), in order, and forgets
    /// any rejection of a suggestion at exactly that place; returns its id.
    fn insert_user_span(&mut self, span: Span<Char>, label: String) -> u64 {
        let id = self.fresh_id();
        let text = self.state.text.slice(span).to_string();
        self.state
            .rejected
            .retain(|r| Span::new(r.start, r.end) != span);
        let at = self.state.spans.partition_point(|a| a.start < span.start);
        Arc::make_mut(&mut self.state.spans).insert(
            at,
            Annotation {
                id,
                start: span.start,
                end: span.end,
                text,
                label,
                value: None,
                note: None,
                source: Source::User,
                status: Status::Accepted,
            },
        );
        id
    }

    pub(super) fn fresh_id(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    fn index_of(&self, id: u64) -> Result<usize, EditError> {
        self.state
            .spans
            .iter()
            .position(|a| a.id == id)
            .ok_or(EditError::NoSuchSpan(id))
    }

    fn span_mut(&mut self, id: u64) -> Result<&mut Annotation, EditError> {
        let i = self.index_of(id)?;
        Ok(&mut Arc::make_mut(&mut self.state.spans)[i])
    }
}
