//! The document's label set: names in legend (and number key) order, each with a palette
//! colour; the person adds, renames and recolours labels.

use super::{Document, EditError, Outcome};
use crate::extract::labels;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// How many colours the palette has (see `www/style.css`, classes `c-0` … `c-11`); each
/// pair of background and ink meets WCAG AA contrast.
pub const PALETTE: u8 = 12;

/// A label of the document's label set: its name and its palette colour.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelDef {
    /// Label name.
    pub name: String,
    /// Index into the palette, below [`PALETTE`].
    pub colour: u8,
}

/// The palette colour of `label` and its place in `labels` (colour 0 and no place for a
/// label outside the set).
pub fn find_label(labels: &[LabelDef], label: &str) -> (u8, Option<usize>) {
    labels
        .iter()
        .position(|l| l.name == label)
        .map_or((0, None), |i| (labels[i].colour, Some(i)))
}

/// The built-in label set, each with its own colour.
pub fn default_labels() -> Vec<LabelDef> {
    labels::ALL
        .iter()
        .enumerate()
        .map(|(i, l)| LabelDef {
            name: l.to_string(),
            colour: i as u8,
        })
        .collect()
}

/// True for a usable label name: not blank, at most 32 characters, no control characters.
pub fn is_usable_label(label: &str) -> bool {
    !label.trim().is_empty() && label.chars().count() <= 32 && !label.contains(char::is_control)
}

pub(super) fn check_label(label: &str) -> Result<(), EditError> {
    if is_usable_label(label) {
        Ok(())
    } else {
        Err(EditError::BadLabel(label.to_string()))
    }
}

/// The first palette colour no label uses yet (or the least used one).
fn next_colour(labels: &[LabelDef]) -> u8 {
    (0..PALETTE)
        .min_by_key(|c| labels.iter().filter(|l| l.colour == *c).count())
        .unwrap_or(0)
}

impl Document {
    /// The label set, in legend (and number key) order.
    pub fn labels(&self) -> &[LabelDef] {
        &self.state.labels
    }

    /// The palette colour of `label` (0 for a label outside the set).
    pub fn colour_of(&self, label: &str) -> u8 {
        find_label(&self.state.labels, label).0
    }

    /// Makes sure every name in `names` is in the label set (in that order after the ones
    /// already there); new ones get the next colours. For imports, not an undo step.
    pub fn set_label_names(&mut self, names: &[String]) {
        self.new_version();
        for n in names {
            if !self.state.labels.iter().any(|l| &l.name == n) {
                let colour = next_colour(&self.state.labels);
                self.state.labels.push(LabelDef {
                    name: n.clone(),
                    colour,
                });
            }
        }
    }

    /// Number of spans per label, in the order of `labels::ALL`, then other labels by name.
    pub fn label_counts(&self) -> Vec<(String, usize)> {
        let mut counts: Vec<(String, usize)> = self
            .state
            .labels
            .iter()
            .map(|l| (l.name.clone(), 0))
            .collect();
        for a in self.state.spans.iter() {
            match counts.iter_mut().find(|(l, _)| *l == a.label) {
                Some((_, n)) => *n += 1,
                None => counts.push((a.label.clone(), 1)),
            }
        }
        counts
    }

    pub(super) fn add_label(&mut self, name: String) -> Result<Outcome, EditError> {
        let name = name.trim().to_string();
        check_label(&name)?;
        if self.state.labels.iter().any(|l| l.name == name) {
            return Err(EditError::LabelExists(name));
        }
        self.set_label_names(&[name]);
        Ok(Outcome::default())
    }

    /// Renames a label, on every span and rejection that carries it too.
    pub(super) fn rename_label(&mut self, from: String, to: String) -> Result<Outcome, EditError> {
        let to = to.trim().to_string();
        check_label(&to)?;
        if from == to {
            return Ok(Outcome::default());
        }
        if self.state.labels.iter().any(|l| l.name == to) {
            return Err(EditError::LabelExists(to));
        }
        let def = self
            .state
            .labels
            .iter_mut()
            .find(|l| l.name == from)
            .ok_or_else(|| EditError::NoSuchLabel(from.clone()))?;
        def.name = to.clone();
        for a in Arc::make_mut(&mut self.state.spans)
            .iter_mut()
            .filter(|a| a.label == from)
        {
            a.label = to.clone();
        }
        for r in self.state.rejected.iter_mut().filter(|r| r.label == from) {
            r.label = to.clone();
        }
        Ok(Outcome::default())
    }

    pub(super) fn recolour_label(
        &mut self,
        name: String,
        colour: u8,
    ) -> Result<Outcome, EditError> {
        let def = self
            .state
            .labels
            .iter_mut()
            .find(|l| l.name == name)
            .ok_or(EditError::NoSuchLabel(name))?;
        def.colour = colour % PALETTE;
        Ok(Outcome::default())
    }
}
