//! Entities: which spans name the same person, place, date… ("Trump" after "Donald
//! Trump"), and the list of them the page shows. The links are the document's: made once
//! per version of its spans, when first asked (by the page's entity list, an export…), and
//! kept with that version, so every reader gets the same ids without linking again. They
//! are not made on every edit: on a book that is a pass over every span the edit's paint
//! need not wait for (the page shows the entity list in the task after).

use super::{Document, Status};
use crate::extract::entities::link_by;
use crate::extract::labels;

/// One entity: the spans that refer to the same person, place, date…
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Entity id (see [`Document::entity_ids`]).
    pub id: usize,
    /// The label of its mentions.
    pub label: String,
    /// Its longest mention ("Donald Trump" rather than "Trump").
    pub name: String,
    /// Ids of its spans, in text order.
    pub mentions: Vec<u64>,
    /// How many of them are still predicted (not reviewed).
    pub predicted: usize,
}

impl Document {
    /// The entity each span refers to (aligned with [`spans`](Self::spans)): mentions with
    /// the same label and text, or a lone surname after the full name ("Trump" after
    /// "Donald Trump"), share an id. Ids count from 0 in order of first mention. Linked
    /// once per version of the document.
    pub fn entity_ids(&self) -> &[usize] {
        self.version.entity_ids.get_or_init(|| self.link().into())
    }

    /// Links the spans of the current state.
    pub(super) fn link(&self) -> Vec<usize> {
        let text = &self.state.text;
        let idx = text.index();
        link_by(
            text.as_str(),
            self.state
                .spans
                .iter()
                .map(|a| (idx.bytes_of(a.span()), a.label.as_str(), a.value.as_deref())),
        )
    }

    /// Distinct entities with their mentions, in legend order of their label, then by
    /// number of mentions (most first), then by first mention.
    pub fn entities(&self) -> Vec<Entity> {
        // Entity ids count from 0 in order of first mention: id k is `out[k]` until sorted.
        let mut out: Vec<Entity> = Vec::new();
        for (a, id) in self
            .state
            .spans
            .iter()
            .zip(self.entity_ids().iter().copied())
        {
            match out.get_mut(id) {
                Some(e) => {
                    e.mentions.push(a.id);
                    e.predicted += usize::from(a.status == Status::Predicted);
                    if a.text.chars().count() > e.name.chars().count() {
                        e.name = a.text.clone();
                    }
                }
                None => {
                    debug_assert_eq!(id, out.len());
                    out.push(Entity {
                        id,
                        label: a.label.clone(),
                        name: a.text.clone(),
                        mentions: vec![a.id],
                        predicted: usize::from(a.status == Status::Predicted),
                    })
                }
            }
        }
        let order = |l: &str| {
            labels::ALL
                .iter()
                .position(|x| *x == l)
                .unwrap_or(labels::ALL.len())
        };
        out.sort_by(|a, b| {
            (order(&a.label), std::cmp::Reverse(a.mentions.len()), a.id).cmp(&(
                order(&b.label),
                std::cmp::Reverse(b.mentions.len()),
                b.id,
            ))
        });
        out
    }
}
