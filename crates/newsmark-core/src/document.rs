//! The annotation document: text, document date, spans, the person's decisions, and an
//! undo history. Every change goes through [`Document::apply`] with an [`Action`]; the
//! web app's reducer, the tests and any future CLI editing all use that one door.
//!
//! Offsets here are **chars** (Unicode scalar values), end exclusive: the JSON contract.

use crate::extract::entities::link_by;
use crate::extract::{labels, Article, DctChoice, Pipeline, Source};
use crate::span::{Char, OffsetIndex, Span};
use crate::text::{tokenize, TokenKind};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

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

/// Where the document date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum DctSource {
    /// No date known.
    #[default]
    None,
    /// Read from the article's dateline; follows the text as it changes.
    Detected,
    /// Set (or cleared) by the person; text changes do not override it.
    User,
}

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
        /// Palette index, below [`PALETTE`].
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

/// What an applied action did, for the status line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Person-made spans dropped because the text under them changed.
    pub dropped: usize,
    /// Id of the span the action created or touched, if any.
    pub touched: Option<u64>,
}

/// The part of the document that undo restores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Snapshot {
    text: Arc<str>,
    dct: Option<NaiveDate>,
    dct_source: DctSource,
    /// Shared between versions until one of them changes its spans (copy on write): the
    /// page keeps a version per state and an undo step per edit.
    spans: Arc<Vec<Annotation>>,
    rejected: Vec<Rejection>,
    #[serde(default = "default_labels")]
    labels: Vec<LabelDef>,
    /// The machine's suggestions are those of an earlier text or date, carried along the
    /// last change: a fresh run is due (see [`Document::pending`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    stale: bool,
}

/// A run of the machine that a document waits for: the text to annotate and the document
/// date to resolve it against (see [`Document::pending`] and [`Document::complete`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extraction {
    /// The text.
    pub text: Arc<str>,
    /// The document date choice.
    pub choice: DctChoice,
}

impl Extraction {
    /// Runs `pipeline` over the text: what [`Document::complete`] takes.
    pub fn run(&self, pipeline: &Pipeline) -> Article {
        pipeline.annotate_article(&self.text, self.choice)
    }
}

/// How an action gets the machine's suggestions: from `pipeline` at once, or, for a text
/// of `defer_from` bytes or more, later (the document is left stale).
#[derive(Clone, Copy)]
struct Machine<'a> {
    pipeline: &'a Pipeline,
    defer_from: usize,
}

impl<'a> Machine<'a> {
    fn now(pipeline: &'a Pipeline) -> Self {
        Machine {
            pipeline,
            defer_from: usize::MAX,
        }
    }
}

/// How many steps undo remembers.
pub const UNDO_LIMIT: usize = 200;

/// An annotated document with its undo history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    #[serde(flatten)]
    state: Snapshot,
    next_id: u64,
    /// Undo and redo steps, shared between clones of the document (the page keeps one
    /// per state) instead of copied.
    #[serde(default)]
    undo: Vec<Arc<Snapshot>>,
    #[serde(default)]
    redo: Vec<Arc<Snapshot>>,
    /// Which version of the document this is, for caches of what is derived from it.
    #[serde(skip, default = "Revision::fresh")]
    revision: Revision,
}

/// A number that changes whenever a document changes: no two versions of any documents
/// in the process share one. It is not part of the document's value: documents equal in
/// every other field compare equal whatever their revisions.
#[derive(Debug, Clone, Copy, Eq)]
struct Revision(u64);

impl Revision {
    fn fresh() -> Revision {
        use std::sync::atomic::{AtomicU64, Ordering};
        static NEXT: AtomicU64 = AtomicU64::new(1);
        Revision(NEXT.fetch_add(1, Ordering::Relaxed))
    }
}

impl PartialEq for Revision {
    fn eq(&self, _: &Revision) -> bool {
        true
    }
}

impl Default for Document {
    fn default() -> Self {
        Document {
            state: Snapshot {
                text: Arc::from(""),
                dct: None,
                dct_source: DctSource::None,
                spans: Arc::default(),
                rejected: Vec::new(),
                labels: default_labels(),
                stale: false,
            },
            next_id: 1,
            undo: Vec::new(),
            redo: Vec::new(),
            revision: Revision::fresh(),
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
        if let DctChoice::Given(dct) = choice {
            d.state.dct = dct;
            d.state.dct_source = DctSource::User;
        }
        d.reannotate(Arc::from(text), Machine::now(pipeline));
        d
    }

    /// A document from imported parts: `spans` are checked against `text` (offsets in
    /// chars inside the text, `text` fields matching, labels usable, no overlaps) and sorted;
    /// duplicate or zero ids are renumbered. A given `dct` counts as set by the person.
    pub fn from_parts(
        text: &str,
        dct: Option<NaiveDate>,
        mut spans: Vec<Annotation>,
    ) -> Result<Document, EditError> {
        let idx = OffsetIndex::new(text);
        let len = idx.char_len();
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
            let b = idx.bytes_of(a.span());
            let found = &text[b];
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
        let mut seen = std::collections::HashSet::new();
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
                text: Arc::from(text),
                dct,
                dct_source: if dct.is_some() {
                    DctSource::User
                } else {
                    DctSource::None
                },
                spans: Arc::new(spans),
                rejected: Vec::new(),
                labels: default_labels(),
                stale: false,
            },
            next_id,
            undo: Vec::new(),
            redo: Vec::new(),
            revision: Revision::fresh(),
        };
        let used: Vec<String> = doc.state.spans.iter().map(|a| a.label.clone()).collect();
        doc.set_label_names(&used);
        Ok(doc)
    }

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
        self.revision = Revision::fresh();
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

    /// The text.
    pub fn text(&self) -> &str {
        &self.state.text
    }
    /// The text as shared between versions: two versions with the same text hold the same
    /// allocation unless the text was set anew.
    pub fn shared_text(&self) -> &Arc<str> {
        &self.state.text
    }
    /// The document date in force.
    pub fn dct(&self) -> Option<NaiveDate> {
        self.state.dct
    }
    /// Where the document date came from.
    pub fn dct_source(&self) -> DctSource {
        self.state.dct_source
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
        let span = |a: &Annotation| {
            SPAN_BYTES
                + digits(a.id)
                + digits(a.start as u64)
                + digits(a.end as u64)
                + a.text.len()
                + a.label.len()
                + a.value.as_ref().map_or(0, |v| VALUE_BYTES + v.len())
        };
        let snapshot = |s: &Snapshot| s.text.len() + s.spans.iter().map(span).sum::<usize>();
        let steps = self.undo.iter().chain(&self.redo);
        snapshot(&self.state) + steps.map(|s| snapshot(s)).sum::<usize>()
    }

    /// Forgets all but the `undo` most recent undo steps and the `redo` nearest redo steps
    /// (to make a saved copy fit a small storage). The document itself is unchanged.
    pub fn keep_history(&mut self, undo: usize, redo: usize) {
        let u = self.undo.len().saturating_sub(undo);
        self.undo.drain(..u);
        let r = self.redo.len().saturating_sub(redo);
        self.redo.drain(..r);
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

    /// The entity each span refers to (aligned with [`spans`](Self::spans)): mentions with
    /// the same label and text, or a lone surname after the full name ("Trump" after
    /// "Donald Trump"), share an id. Ids count from 0 in order of first mention.
    pub fn entity_ids(&self) -> Vec<usize> {
        let text = &*self.state.text;
        let idx = OffsetIndex::new(text);
        link_by(
            text,
            self.state
                .spans
                .iter()
                .map(|a| (idx.bytes_of(a.span()), a.label.as_str(), a.value.as_deref())),
        )
    }

    /// Every occurrence of `words` in the text as whole words (not inside a longer word),
    /// in chars, in text order.
    pub fn occurrences(&self, words: &str) -> Vec<Span<Char>> {
        if words.is_empty() {
            return Vec::new();
        }
        let text = &*self.state.text;
        let idx = OffsetIndex::new(text);
        let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
        text.match_indices(words)
            .filter(|(b, _)| {
                !is_word(text[..*b].chars().next_back())
                    && !is_word(text[b + words.len()..].chars().next())
            })
            .map(|(b, _)| idx.chars_of(Span::new(b, b + words.len())))
            .collect()
    }

    /// What [`Action::LabelAll`] and [`Action::DeleteAll`] on span `id` would change:
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

    /// Distinct entities with their mentions, in legend order of their label, then by
    /// number of mentions (most first), then by first mention.
    pub fn entities(&self) -> Vec<Entity> {
        // Entity ids count from 0 in order of first mention: id k is `out[k]` until sorted.
        let mut out: Vec<Entity> = Vec::new();
        for (a, id) in self.state.spans.iter().zip(self.entity_ids()) {
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

    /// A number that differs between any two versions of any documents in this process
    /// (a copy keeps its original's): a view can tell cheaply whether what it derived from
    /// a document is still good. Not saved, not part of the document's value.
    pub fn revision(&self) -> u64 {
        self.revision.0
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

    /// Re-runs the machine over the same text (e.g. once a better recogniser has loaded):
    /// the person's spans and rejections stay, suggestions are proposed anew. Not an undo
    /// step: it changes what the machine says, not what the person did.
    pub fn refresh(&mut self, pipeline: &Pipeline) {
        self.refresh_deferring(pipeline, usize::MAX);
    }

    /// Like [`refresh`](Self::refresh), but for a text of `defer_from` bytes or more the
    /// run is left for later: the document only becomes stale (see [`pending`](Self::pending)).
    pub fn refresh_deferring(&mut self, pipeline: &Pipeline, defer_from: usize) {
        self.revision = Revision::fresh();
        let text = self.state.text.clone();
        self.reannotate(
            text,
            Machine {
                pipeline,
                defer_from,
            },
        );
    }

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
        let revision = std::mem::replace(&mut self.revision, Revision::fresh());
        let out = self.apply_now(
            action,
            Machine {
                pipeline,
                defer_from,
            },
        );
        if out.is_err() {
            self.revision = revision;
        }
        out
    }

    /// The run of the machine this document waits for, if its suggestions are stale (an
    /// action applied with [`apply_deferring`](Self::apply_deferring), or an undo back to
    /// such a state): the text and the document date choice of the current state.
    pub fn pending(&self) -> Option<Extraction> {
        self.state.stale.then(|| Extraction {
            text: self.state.text.clone(),
            choice: self.dct_choice(),
        })
    }

    /// Merges the machine's suggestions computed elsewhere for `asked` (from
    /// [`pending`](Self::pending)), as [`refresh`](Self::refresh) would: not an undo step.
    /// A result for a text or date that is no longer the current one, or for a document
    /// that is not stale, is ignored: returns whether it was taken.
    pub fn complete(&mut self, asked: &Extraction, article: Article) -> bool {
        let current = self.state.stale
            && asked.choice == self.dct_choice()
            && (Arc::ptr_eq(&asked.text, &self.state.text) || *asked.text == *self.state.text);
        if current {
            self.revision = Revision::fresh();
            self.merge(article);
            // The text in a new allocation: a view that tells texts apart by identity
            // (the page's, which shows a new text a few blocks per task) shows the
            // annotated text as a new one, not every block it has shown at once again.
            self.state.text = Arc::from(&*self.state.text);
        }
        current
    }

    /// The document date choice of the current state: the person's date, else the
    /// dateline's.
    fn dct_choice(&self) -> DctChoice {
        match self.state.dct_source {
            DctSource::User => DctChoice::Given(self.state.dct),
            _ => DctChoice::Detect,
        }
    }

    fn apply_now(&mut self, action: Action, pipeline: Machine) -> Result<Outcome, EditError> {
        match action {
            Action::Undo => {
                let prev = self.undo.pop().ok_or(EditError::NothingTo("undo"))?;
                let cur = std::mem::replace(&mut self.state, Arc::unwrap_or_clone(prev));
                self.redo.push(Arc::new(cur));
                Ok(Outcome::default())
            }
            Action::Redo => {
                let next = self.redo.pop().ok_or(EditError::NothingTo("redo"))?;
                let cur = std::mem::replace(&mut self.state, Arc::unwrap_or_clone(next));
                self.undo.push(Arc::new(cur));
                Ok(Outcome::default())
            }
            other => {
                let before = self.state.clone();
                let next_id = self.next_id;
                let out = match self.edit(other, pipeline) {
                    Ok(out) => out,
                    Err(e) => {
                        // An action that fails half-way leaves nothing behind.
                        self.state = before;
                        self.next_id = next_id;
                        return Err(e);
                    }
                };
                // Whether the suggestions are still due is not a change of the person's:
                // a deferred run makes the same undo steps as one done at once.
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
                Ok(out)
            }
        }
    }

    fn edit(&mut self, action: Action, pipeline: Machine) -> Result<Outcome, EditError> {
        match action {
            Action::SetText(text) => {
                if *self.state.text == *text {
                    return Ok(Outcome::default());
                }
                Ok(self.reannotate(Arc::from(text), pipeline))
            }
            Action::LoadText(text) => {
                self.state.spans = Arc::default();
                self.state.rejected.clear();
                self.state.dct = None;
                self.state.dct_source = DctSource::Detected;
                self.state.text = Arc::from("");
                Ok(self.reannotate(Arc::from(text), pipeline))
            }
            Action::Import(doc) => {
                self.next_id = self.next_id.max(doc.next_id);
                self.state = doc.state;
                Ok(Outcome::default())
            }
            Action::SetDct(dct) => {
                self.state.dct = dct;
                self.state.dct_source = DctSource::User;
                let text = self.state.text.clone();
                Ok(self.reannotate(text, pipeline))
            }
            Action::UseDetectedDct => {
                self.state.dct_source = DctSource::Detected;
                let text = self.state.text.clone();
                Ok(self.reannotate(text, pipeline))
            }
            Action::Relabel { id, label } => {
                check_label(&label)?;
                self.set_label_names(std::slice::from_ref(&label));
                let a = self.span_mut(id)?;
                if !labels::is_time(&label) {
                    a.value = None;
                }
                a.label = label;
                a.status = Status::Accepted;
                Ok(Outcome {
                    dropped: 0,
                    touched: Some(id),
                })
            }
            Action::SetValue { id, value } => {
                let a = self.span_mut(id)?;
                a.value = value
                    .map(|v| v.trim().to_string())
                    .filter(|v| !v.is_empty());
                a.status = Status::Accepted;
                Ok(Outcome {
                    dropped: 0,
                    touched: Some(id),
                })
            }
            Action::Accept { id } => {
                self.span_mut(id)?.status = Status::Accepted;
                Ok(Outcome {
                    dropped: 0,
                    touched: Some(id),
                })
            }
            Action::AcceptAll => {
                for a in Arc::make_mut(&mut self.state.spans) {
                    a.status = Status::Accepted;
                }
                Ok(Outcome::default())
            }
            Action::RejectAll => {
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
                Ok(Outcome::default())
            }
            Action::Delete { id } => {
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
            Action::Add { start, end, label } => {
                check_label(&label)?;
                self.set_label_names(std::slice::from_ref(&label));
                let len = OffsetIndex::new(&self.state.text).char_len();
                if end > len || start > end {
                    return Err(EditError::OutOfRange { end, len });
                }
                let span = snap_to_words(&self.state.text, Span::new(start, end))
                    .ok_or(EditError::EmptySelection)?;
                if let Some(o) = self.state.spans.iter().find(|a| a.span().overlaps(&span)) {
                    return Err(EditError::Overlap {
                        text: o.text.clone(),
                        label: o.label.clone(),
                    });
                }
                let id = self.insert_user_span(span, label);
                Ok(Outcome {
                    dropped: 0,
                    touched: Some(id),
                })
            }
            Action::AddOver {
                start,
                end,
                label,
                split,
            } => {
                check_label(&label)?;
                let len = OffsetIndex::new(&self.state.text).char_len();
                if end > len || start > end {
                    return Err(EditError::OutOfRange { end, len });
                }
                let span = snap_to_words(&self.state.text, Span::new(start, end))
                    .ok_or(EditError::EmptySelection)?;
                let (in_the_way, mut kept): (Vec<Annotation>, Vec<Annotation>) =
                    Arc::unwrap_or_clone(std::mem::take(&mut self.state.spans))
                        .into_iter()
                        .partition(|a| a.span().overlaps(&span));
                for a in in_the_way {
                    let parts = [Span::new(a.start, span.start), Span::new(span.end, a.end)];
                    let rests: Vec<Span<Char>> = parts
                        .into_iter()
                        .filter(|p| split && p.start < p.end)
                        .filter_map(|p| trim_connectives(&self.state.text, p))
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
                            text: char_slice(&self.state.text, r),
                            status: Status::Accepted,
                            ..a.clone()
                        });
                    }
                }
                kept.sort_by_key(|a| (a.start, a.end));
                self.state.spans = Arc::new(kept);
                self.edit(
                    Action::Add {
                        start: span.start,
                        end: span.end,
                        label,
                    },
                    pipeline,
                )
            }
            Action::Resize { id, start, end } => {
                let len = OffsetIndex::new(&self.state.text).char_len();
                if end > len || start >= end {
                    return Err(EditError::OutOfRange { end, len });
                }
                let span = Span::new(start, end);
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
                let text = char_slice(&self.state.text, span);
                let a = self.span_mut(id)?;
                a.start = start;
                a.end = end;
                a.text = text;
                a.status = Status::Accepted;
                Arc::make_mut(&mut self.state.spans).sort_by_key(|a| (a.start, a.end));
                Ok(Outcome {
                    dropped: 0,
                    touched: Some(id),
                })
            }
            Action::LabelAll { id } => {
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
                Ok(Outcome {
                    dropped: 0,
                    touched: Some(id),
                })
            }
            Action::DeleteAll { id } => {
                let text = self.span(id).ok_or(EditError::NoSuchSpan(id))?.text.clone();
                let ids: Vec<u64> = self
                    .state
                    .spans
                    .iter()
                    .filter(|a| a.text == text)
                    .map(|a| a.id)
                    .collect();
                for id in ids {
                    self.edit(Action::Delete { id }, pipeline)?;
                }
                Ok(Outcome::default())
            }
            Action::AddLabel { name } => {
                let name = name.trim().to_string();
                check_label(&name)?;
                if self.state.labels.iter().any(|l| l.name == name) {
                    return Err(EditError::LabelExists(name));
                }
                self.set_label_names(&[name]);
                Ok(Outcome::default())
            }
            Action::RenameLabel { from, to } => {
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
            Action::RecolourLabel { name, colour } => {
                let def = self
                    .state
                    .labels
                    .iter_mut()
                    .find(|l| l.name == name)
                    .ok_or(EditError::NoSuchLabel(name))?;
                def.colour = colour % PALETTE;
                Ok(Outcome::default())
            }
            // Handled in `apply`, which never passes them here.
            Action::Undo | Action::Redo => Ok(Outcome::default()),
        }
    }

    /// Inserts a span of the person's (accepted) over `span` (chars), in order, and forgets
    /// any rejection of a suggestion at exactly that place; returns its id.
    fn insert_user_span(&mut self, span: Span<Char>, label: String) -> u64 {
        let id = self.fresh_id();
        let text = char_slice(&self.state.text, span);
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
                source: Source::User,
                status: Status::Accepted,
            },
        );
        id
    }

    fn fresh_id(&mut self) -> u64 {
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

    /// Re-runs the machine over `text`: accepted spans and rejections follow the edit (and
    /// are dropped where the text under them changed), predicted spans are proposed anew,
    /// now or (for a long text, see [`Machine`]) once [`complete`](Self::complete) brings
    /// them.
    fn reannotate(&mut self, text: Arc<str>, machine: Machine) -> Outcome {
        let out = self.follow_edit(text);
        if self.state.text.len() >= machine.defer_from {
            self.state.stale = true;
        } else {
            let article = machine
                .pipeline
                .annotate_article(&self.state.text, self.dct_choice());
            self.merge(article);
        }
        out
    }

    /// Replaces the text by `text`: every span and rejection follows the edit; those whose
    /// text changed are dropped (the person's are counted). The machine's suggestions that
    /// stand stay until [`merge`](Self::merge) replaces them.
    fn follow_edit(&mut self, text: Arc<str>) -> Outcome {
        let edit = if Arc::ptr_eq(&self.state.text, &text) {
            TextEdit::NONE
        } else {
            TextEdit::between(&self.state.text, &text)
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

    /// Puts the machine's `article` (of the current text, resolved against the current
    /// document date choice) in place of the earlier suggestions: the person's spans and
    /// rejections block suggestions, a suggestion made again keeps its id, and a detected
    /// document date follows the article's.
    fn merge(&mut self, article: Article) {
        let text = self.state.text.clone();
        let mut kept: Vec<Annotation> = Vec::new();
        // Predicted spans that the new run proposes again keep their ids, so the same
        // result is the same state (no empty undo step) and selections stay put.
        let mut previous: HashMap<(usize, usize, String), u64> = HashMap::new();
        for a in Arc::unwrap_or_clone(std::mem::take(&mut self.state.spans)) {
            if a.status == Status::Accepted {
                kept.push(a);
            } else {
                previous.insert((a.start, a.end, a.label), a.id);
            }
        }
        if self.state.dct_source != DctSource::User {
            self.state.dct = article.dct;
            self.state.dct_source = if article.dct.is_some() {
                DctSource::Detected
            } else {
                DctSource::None
            };
        }
        let idx = OffsetIndex::new(&text);
        // The person's spans (flat, sorted) and rejections block suggestions; both are looked
        // up, not scanned, so a book-length text stays linear.
        kept.sort_by_key(|a| (a.start, a.end));
        let kept_spans: Vec<Span<Char>> = kept.iter().map(|a| a.span()).collect();
        let rejected = std::mem::take(&mut self.state.rejected);
        let blocked: std::collections::HashSet<(usize, usize, &str)> = rejected
            .iter()
            .map(|r| (r.start, r.end, r.label.as_str()))
            .collect();
        let mut spans = Vec::with_capacity(kept.len() + article.mentions.len());
        for m in article.mentions {
            let s = idx.chars_of(m.span);
            let i = kept_spans.partition_point(|k| k.end <= s.start);
            let in_the_way = kept_spans.get(i).is_some_and(|k| k.overlaps(&s))
                || blocked.contains(&(s.start, s.end, m.label.as_str()));
            if in_the_way {
                continue;
            }
            let id = match previous.remove(&(s.start, s.end, m.label.clone())) {
                Some(id) => id,
                None => self.fresh_id(),
            };
            spans.push(Annotation {
                id,
                start: s.start,
                end: s.end,
                text: text[m.span].to_string(),
                label: m.label,
                value: m.value,
                source: m.source,
                status: Status::Predicted,
            });
        }
        drop(blocked);
        spans.extend(kept);
        spans.sort_by_key(|a| (a.start, a.end));
        self.state.spans = Arc::new(spans);
        self.state.rejected = rejected;
        self.state.stale = false;
    }
}

/// The invariants of one state (see [`Document::check`]).
fn check_snapshot(s: &Snapshot, next_id: u64) -> Result<(), String> {
    let idx = OffsetIndex::new(&s.text);
    let len = idx.char_len();
    let mut ids = std::collections::HashSet::new();
    let mut prev_end = 0;
    for (i, a) in s.spans.iter().enumerate() {
        let at = |m: String| format!("span {} (#{}): {m}", i + 1, a.id);
        if a.start >= a.end || a.end > len {
            return Err(at(format!(
                "[{}, {}) does not lie inside the text's {len} characters",
                a.start, a.end
            )));
        }
        let b = idx.bytes_of(a.span());
        if s.text[b] != *a.text {
            return Err(at(format!(
                "[{}, {}) holds “{}”, not “{}”",
                a.start, a.end, &s.text[b], a.text
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
    let mut names = std::collections::HashSet::new();
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

/// The first palette colour no label uses yet (or the least used one).
fn next_colour(labels: &[LabelDef]) -> u8 {
    (0..PALETTE)
        .min_by_key(|c| labels.iter().filter(|l| l.colour == *c).count())
        .unwrap_or(0)
}

/// True for a usable label name: not blank, at most 32 characters, no control characters.
pub fn is_usable_label(label: &str) -> bool {
    !label.trim().is_empty() && label.chars().count() <= 32 && !label.contains(char::is_control)
}

fn check_label(label: &str) -> Result<(), EditError> {
    if is_usable_label(label) {
        Ok(())
    } else {
        Err(EditError::BadLabel(label.to_string()))
    }
}

/// The text of a char span.
fn char_slice(text: &str, chars: Span<Char>) -> String {
    let b = OffsetIndex::new(text).bytes_of(chars);
    text[b].to_string()
}

/// Widens a char selection to the whole words it touches and trims punctuation and space
/// at both ends; `None` when no word is touched.
pub fn snap_to_words(text: &str, chars: Span<Char>) -> Option<Span<Char>> {
    let idx = OffsetIndex::new(text);
    let sel = idx.bytes_of(chars);
    let touched: Vec<_> = tokenize(text)
        .into_iter()
        .filter(|t| t.span.start < sel.end.max(sel.start + 1) && sel.start < t.span.end)
        .collect();
    let first = touched.iter().position(|t| t.kind != TokenKind::Punct)?;
    let last = touched.iter().rposition(|t| t.kind != TokenKind::Punct)?;
    Some(idx.chars_of(Span::new(touched[first].span.start, touched[last].span.end)))
}

/// Like [`snap_to_words`], and also drops joining words left at either end of a piece cut
/// from a longer span ("Mark Rutte and" → "Mark Rutte").
fn trim_connectives(text: &str, chars: Span<Char>) -> Option<Span<Char>> {
    const JOINERS: &[&str] = &[
        "and", "or", "of", "the", "a", "an", "&", "with", "to", "for",
    ];
    let snapped = snap_to_words(text, chars)?;
    let idx = OffsetIndex::new(text);
    let b = idx.bytes_of(snapped);
    let toks: Vec<_> = tokenize(&text[b])
        .into_iter()
        .filter(|t| t.kind != TokenKind::Punct)
        .collect();
    let piece = &text[b];
    let keep = |t: &crate::text::Token| !JOINERS.contains(&t.text(piece).to_lowercase().as_str());
    let first = toks.iter().position(keep)?;
    let last = toks.iter().rposition(keep)?;
    let inner = Span::new(
        b.start + toks[first].span.start,
        b.start + toks[last].span.end,
    );
    Some(idx.chars_of(inner))
}

/// A single contiguous replacement: chars `[at, at + removed)` of the old text became
/// `inserted` chars. Derived from the common prefix and suffix of the two texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TextEdit {
    at: usize,
    removed: usize,
    inserted: usize,
}

impl TextEdit {
    /// No change.
    const NONE: TextEdit = TextEdit {
        at: 0,
        removed: 0,
        inserted: 0,
    };

    fn between(old: &str, new: &str) -> TextEdit {
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
    fn map(&self, s: Span<Char>) -> Option<Span<Char>> {
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

#[cfg(test)]
mod tests;
