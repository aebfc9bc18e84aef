//! Documents from outside: an import's parts checked before they become a document, and a
//! saved copy's document checked against everything the other methods take for granted.

use super::label_set::{check_label, default_labels};
use super::shared_text::SharedText;
use super::{Annotation, Document, EditError, Snapshot, Version, PALETTE};
use crate::extract::DctChoice;
use chrono::NaiveDate;
use std::collections::HashSet;
use std::sync::Arc;

impl Document {
    /// A document from imported parts: `spans` are checked against `text` (offsets in
    /// chars inside the text, `text` fields matching, labels usable, no overlaps) and sorted;
    /// duplicate or zero ids are renumbered. A given `dct` counts as set by the person.
    pub fn from_parts(
        text: &str,
        dct: Option<NaiveDate>,
        mut spans: Vec<Annotation>,
    ) -> Result<Document, EditError> {
        let text = SharedText::new(Arc::from(text));
        let len = text.char_len();
        for (index, a) in spans.iter().enumerate() {
            let bad = |reason: String| EditError::InvalidSpan { index, reason };
            if a.start >= a.end {
                return Err(bad(format!(
                    "[{}, {}) is empty or ends before it starts",
                    a.start, a.end
                )));
            }
            if a.end > len {
                return Err(bad(format!(
                    "ends at {}, past the text's {len} characters",
                    a.end
                )));
            }
            let found = text.slice(a.span());
            if found != a.text {
                return Err(bad(format!(
                    "[{}, {}) holds “{found}”, not “{}”",
                    a.start, a.end, a.text
                )));
            }
            check_label(&a.label)
                .map_err(|_| bad(format!("“{}” is not a usable label", a.label)))?;
        }
        spans.sort_by_key(|a| (a.start, a.end));
        if let Some(w) = spans.windows(2).find(|w| w[0].end > w[1].start) {
            return Err(EditError::InvalidSpan {
                index: spans.iter().position(|a| a == &w[1]).unwrap_or(0),
                reason: format!(
                    "“{}” overlaps “{}” (annotation is flat)",
                    w[1].text, w[0].text
                ),
            });
        }
        let mut seen = HashSet::new();
        let mut next_id = spans
            .iter()
            .map(|a| a.id)
            .max()
            .unwrap_or(0)
            .saturating_add(1);
        for a in &mut spans {
            if a.id == 0 || !seen.insert(a.id) {
                a.id = next_id;
                seen.insert(next_id);
                next_id = next_id.saturating_add(1);
            }
        }
        let mut doc = Document {
            state: Snapshot {
                text,
                dct,
                dct_choice: DctChoice::given_or_detect(dct),
                spans: Arc::new(spans),
                rejected: Vec::new(),
                labels: default_labels(),
                stale: false,
            },
            next_id,
            undo: Vec::new(),
            redo: Vec::new(),
            version: Version::fresh(),
        };
        let used: Vec<String> = doc.state.spans.iter().map(|a| a.label.clone()).collect();
        doc.set_label_names(&used);
        Ok(doc)
    }

    /// Checks what every other method takes for granted, for a document read from outside
    /// (a saved copy): in the current state and in every undo and redo step, spans lie
    /// inside the text on its chars and their `text` matches, are sorted and flat, carry
    /// usable labels and distinct ids below the next id; rejections lie inside the text;
    /// label names are usable and distinct with colours from the palette. The error says
    /// which step and what is wrong; `Err((true, _))` when only the history is at fault.
    pub fn check(&self) -> Result<(), (bool, String)> {
        if self.next_id == 0 || self.next_id == u64::MAX {
            return Err((false, format!("next id {} is out of range", self.next_id)));
        }
        check_snapshot(&self.state, self.next_id).map_err(|e| (false, e))?;
        for (i, s) in self.undo.iter().rev().enumerate() {
            check_snapshot(s, self.next_id)
                .map_err(|e| (true, format!("undo step {}: {e}", i + 1)))?;
        }
        for (i, s) in self.redo.iter().rev().enumerate() {
            check_snapshot(s, self.next_id)
                .map_err(|e| (true, format!("redo step {}: {e}", i + 1)))?;
        }
        Ok(())
    }
}

/// The invariants of one state (see [`Document::check`]).
fn check_snapshot(s: &Snapshot, next_id: u64) -> Result<(), String> {
    let len = s.text.char_len();
    let mut ids = HashSet::new();
    let mut prev_end = 0;
    for (i, a) in s.spans.iter().enumerate() {
        let at = |m: String| format!("span {} (#{}): {m}", i + 1, a.id);
        if a.start >= a.end || a.end > len {
            return Err(at(format!(
                "[{}, {}) does not lie inside the text's {len} characters",
                a.start, a.end
            )));
        }
        let found = s.text.slice(a.span());
        if found != a.text {
            return Err(at(format!(
                "[{}, {}) holds “{}”, not “{}”",
                a.start, a.end, found, a.text
            )));
        }
        if a.start < prev_end {
            return Err(at("overlaps or precedes the span before it".into()));
        }
        prev_end = a.end;
        if a.id == 0 || a.id >= next_id || !ids.insert(a.id) {
            return Err(at(format!(
                "id {} is zero, repeated or not below the next id {next_id}",
                a.id
            )));
        }
        check_label(&a.label).map_err(|e| at(e.to_string()))?;
    }
    for r in &s.rejected {
        if r.start > r.end || r.end > len {
            return Err(format!(
                "a rejection [{}, {}) lies outside the text's {len} characters",
                r.start, r.end
            ));
        }
    }
    let mut names = HashSet::new();
    for l in &s.labels {
        check_label(&l.name).map_err(|e| format!("label set: {e}"))?;
        if !names.insert(l.name.as_str()) {
            return Err(format!("label set: “{}” appears twice", l.name));
        }
        if l.colour >= PALETTE {
            return Err(format!(
                "label set: “{}” has colour {}, past the palette's {PALETTE}",
                l.name, l.colour
            ));
        }
    }
    Ok(())
}
