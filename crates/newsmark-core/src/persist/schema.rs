//! The schema of the saved document (the envelope's `document`, and a version 1 copy):
//! plain structs mirroring the JSON field for field, converted to and from a [`Document`]
//! through its plain parts. A change here is a change of what sits in a person's storage:
//! a new [`VERSION`](super::VERSION), with its migration.

use crate::document::{default_labels, Annotation, Document, LabelDef, Rejection};
use crate::document::{Snapshot, StateParts, Status};
use crate::extract::DctChoice;
use crate::extract::Source;
use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;

/// The saved document: its current state (with its fields inline), the next span id, and
/// the undo steps (oldest first) and redo steps (farthest first). `Steps` is how the steps
/// are held: saved states when read, the document's own states (each converted as it is
/// written, so a long history is never copied whole) when written.
#[derive(Serialize, Deserialize)]
pub(super) struct SavedDocument<'a, Steps = Vec<SavedState<'a>>> {
    #[serde(flatten)]
    state: SavedState<'a>,
    next_id: u64,
    #[serde(default)]
    undo: Steps,
    #[serde(default)]
    redo: Steps,
}

/// One saved state: the current one, or an undo or redo step.
#[derive(Serialize, Deserialize)]
pub(super) struct SavedState<'a> {
    text: Cow<'a, str>,
    dct: Option<NaiveDate>,
    dct_source: SavedDctSource,
    spans: Vec<SavedSpan<'a>>,
    rejected: Vec<SavedRejection<'a>>,
    /// Missing in early version 1 copies (migrated to version 2 with the built-in set).
    #[serde(default = "built_in_labels")]
    labels: Vec<SavedLabel<'a>>,
    /// The machine's run for this state is still due; written only when it is.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    stale: bool,
}

/// A saved span: offsets in chars, end exclusive.
#[derive(Serialize, Deserialize)]
struct SavedSpan<'a> {
    id: u64,
    start: usize,
    end: usize,
    text: Cow<'a, str>,
    label: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    value: Option<Cow<'a, str>>,
    /// Absent in copies saved before notes existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<Cow<'a, str>>,
    source: SavedSource,
    status: SavedStatus,
}

/// A saved rejection of a machine suggestion.
#[derive(Serialize, Deserialize)]
struct SavedRejection<'a> {
    start: usize,
    end: usize,
    label: Cow<'a, str>,
}

/// A saved label of the label set.
#[derive(Serialize, Deserialize)]
pub(super) struct SavedLabel<'a> {
    name: Cow<'a, str>,
    colour: u8,
}

/// Where the document date came from, as saved.
#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum SavedDctSource {
    /// No date known.
    None,
    /// Read from the dateline.
    Detected,
    /// Set by the person.
    User,
}

/// Who proposed a span, as saved.
#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum SavedSource {
    /// A trained model.
    Model,
    /// A rule or word list.
    Rule,
    /// The person.
    User,
}

/// A span's review status, as saved.
#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum SavedStatus {
    /// Proposed by the machine.
    Predicted,
    /// Added, edited or confirmed by the person.
    Accepted,
}

/// The built-in label set, as saved.
pub(super) fn built_in_labels() -> Vec<SavedLabel<'static>> {
    default_labels()
        .into_iter()
        .map(|l| SavedLabel {
            name: Cow::Owned(l.name),
            colour: l.colour,
        })
        .collect()
}

/// The undo or redo steps of a document, written one at a time.
pub(super) struct StepsOf<'a> {
    doc: &'a Document,
    redo: bool,
}

impl Serialize for StepsOf<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.redo {
            s.collect_seq(self.doc.redo_states().map(SavedState::of))
        } else {
            s.collect_seq(self.doc.undo_states().map(SavedState::of))
        }
    }
}

impl<'a> SavedDocument<'a, StepsOf<'a>> {
    /// The saved form of `doc`, borrowing from it.
    pub(super) fn of(doc: &'a Document) -> Self {
        SavedDocument {
            state: SavedState::of(doc.current_state()),
            next_id: doc.next_span_id(),
            undo: StepsOf { doc, redo: false },
            redo: StepsOf { doc, redo: true },
        }
    }
}

impl SavedDocument<'_> {
    /// The document this saved form holds, unchecked (see [`Document::check`]).
    pub(super) fn into_document(self) -> Document {
        let steps = |v: Vec<SavedState>| v.into_iter().map(SavedState::into_parts).collect();
        Document::from_states(
            self.state.into_parts(),
            self.next_id,
            steps(self.undo),
            steps(self.redo),
        )
    }
}

impl<'a> SavedState<'a> {
    fn of(s: &'a Snapshot) -> Self {
        SavedState {
            text: Cow::Borrowed(s.text()),
            dct: s.dct(),
            dct_source: SavedDctSource::of(s.dct_choice(), s.dct()),
            spans: s.spans().iter().map(SavedSpan::of).collect(),
            rejected: s
                .rejected()
                .iter()
                .map(|r| SavedRejection {
                    start: r.start,
                    end: r.end,
                    label: Cow::Borrowed(&r.label),
                })
                .collect(),
            labels: s
                .labels()
                .iter()
                .map(|l| SavedLabel {
                    name: Cow::Borrowed(&l.name),
                    colour: l.colour,
                })
                .collect(),
            stale: s.is_stale(),
        }
    }

    fn into_parts(self) -> StateParts {
        StateParts {
            text: self.text.into_owned(),
            dct: self.dct,
            dct_choice: self.dct_source.choice(self.dct),
            spans: self
                .spans
                .into_iter()
                .map(SavedSpan::into_annotation)
                .collect(),
            rejected: self
                .rejected
                .into_iter()
                .map(|r| Rejection {
                    start: r.start,
                    end: r.end,
                    label: r.label.into_owned(),
                })
                .collect(),
            labels: self
                .labels
                .into_iter()
                .map(|l| LabelDef {
                    name: l.name.into_owned(),
                    colour: l.colour,
                })
                .collect(),
            stale: self.stale,
        }
    }
}

impl<'a> SavedSpan<'a> {
    fn of(a: &'a Annotation) -> Self {
        SavedSpan {
            id: a.id,
            start: a.start,
            end: a.end,
            text: Cow::Borrowed(&a.text),
            label: Cow::Borrowed(&a.label),
            value: a.value.as_deref().map(Cow::Borrowed),
            note: a.note.as_deref().map(Cow::Borrowed),
            source: a.source.into(),
            status: a.status.into(),
        }
    }

    fn into_annotation(self) -> Annotation {
        Annotation {
            id: self.id,
            start: self.start,
            end: self.end,
            text: self.text.into_owned(),
            label: self.label.into_owned(),
            value: self.value.map(Cow::into_owned),
            note: self.note.map(Cow::into_owned),
            source: self.source.into(),
            status: self.status.into(),
        }
    }
}

impl SavedDctSource {
    /// How a saved copy writes a document date: given (`user`), or read from the dateline
    /// (`detected` when it gave one, `none` when not).
    fn of(choice: DctChoice, dct: Option<NaiveDate>) -> Self {
        match (choice, dct) {
            (DctChoice::Given(_), _) => SavedDctSource::User,
            (DctChoice::Detect, Some(_)) => SavedDctSource::Detected,
            (DctChoice::Detect, None) => SavedDctSource::None,
        }
    }

    /// The choice a saved copy's `dct_source` and `dct` stand for.
    fn choice(self, dct: Option<NaiveDate>) -> DctChoice {
        match self {
            SavedDctSource::User => DctChoice::Given(dct),
            SavedDctSource::Detected | SavedDctSource::None => DctChoice::Detect,
        }
    }
}

impl From<Source> for SavedSource {
    fn from(s: Source) -> Self {
        match s {
            Source::Model => SavedSource::Model,
            Source::Rule => SavedSource::Rule,
            Source::User => SavedSource::User,
        }
    }
}

impl From<SavedSource> for Source {
    fn from(s: SavedSource) -> Self {
        match s {
            SavedSource::Model => Source::Model,
            SavedSource::Rule => Source::Rule,
            SavedSource::User => Source::User,
        }
    }
}

impl From<Status> for SavedStatus {
    fn from(s: Status) -> Self {
        match s {
            Status::Predicted => SavedStatus::Predicted,
            Status::Accepted => SavedStatus::Accepted,
        }
    }
}

impl From<SavedStatus> for Status {
    fn from(s: SavedStatus) -> Self {
        match s {
            SavedStatus::Predicted => Status::Predicted,
            SavedStatus::Accepted => Status::Accepted,
        }
    }
}

/// A document's serde form is its saved form: the bare document object (a version 1
/// copy, or a version 2 copy's `document`), unchecked.
impl Serialize for Document {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        SavedDocument::of(self).serialize(s)
    }
}

impl<'de> Deserialize<'de> for Document {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        SavedDocument::deserialize(d).map(SavedDocument::into_document)
    }
}
