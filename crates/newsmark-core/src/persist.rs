//! The saved copy of the person's work (the page keeps it in `localStorage`): the whole
//! [`Document`] with its undo history, in a versioned envelope, and the migration of every
//! older shape to the current one. Pure, no web dependency.
//!
//! Versions:
//! - **1** (no envelope): the bare document object, as the page wrote it until the
//!   envelope came, `{"text", "dct", "dct_source", "spans", "rejected", "labels"?,
//!   "next_id", "undo"?, "redo"?}`. The label set (`labels`, in every state and undo step)
//!   came later within version 1: older copies lack it and get the built-in set.
//! - **2**: `{"format": "newsmark-save", "version": 2, "document": {…version 1 with every
//!   `labels` present…}}`.
//!
//! The document object has a schema of its own, here (`SavedDocument` and the `Saved*`
//! types it holds), converted to and from a [`Document`] through the document's plain
//! parts: the document's fields can change without changing what sits in a person's
//! storage, and a change of this schema is a new version with its migration. It is also
//! the serde form of [`Document`] (a bare document object, as version 1 was).
//!
//! A copy written by a newer newsmark is refused with a message, never read half-way; a
//! copy whose spans do not fit its text is refused (only its undo history at fault: the
//! history is dropped and the document kept).

use crate::document::{default_labels, Annotation, DctSource, Document, LabelDef, Rejection};
use crate::document::{Snapshot, StateParts, Status};
use crate::extract::Source;
use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{json, Map, Value};
use std::borrow::Cow;
use std::fmt;

/// What the envelope's `format` says.
pub const FORMAT: &str = "newsmark-save";
/// The version this build writes (and the newest it reads).
pub const VERSION: u64 = 2;

/// Why a saved copy could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The version found, if one could be told.
    pub version: Option<u64>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.version {
            Some(v) => write!(f, "saved copy (format version {v}): {}", self.message),
            None => write!(f, "saved copy: {}", self.message),
        }
    }
}

impl std::error::Error for LoadError {}

fn err(version: Option<u64>, message: impl Into<String>) -> LoadError {
    LoadError {
        version,
        message: message.into(),
    }
}

/// A saved copy read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    /// The document.
    pub doc: Document,
    /// The version the copy was written in (older ones were migrated).
    pub from_version: u64,
    /// Something the person should know (e.g. the undo history had to be dropped).
    pub note: Option<String>,
}

/// The version of a parsed saved copy: the envelope's, or 1 for a bare document.
pub fn version_of(value: &Value) -> Result<u64, LoadError> {
    let Some(obj) = value.as_object() else {
        return Err(err(None, "not a JSON object"));
    };
    match (obj.get("format"), obj.get("version")) {
        (None, None) if obj.contains_key("text") => Ok(1),
        (Some(Value::String(f)), Some(v)) if f == FORMAT => match v.as_u64() {
            Some(n) if n >= 1 => Ok(n),
            _ => Err(err(None, format!("version {v} is not a positive integer"))),
        },
        (Some(f), _) => Err(err(
            None,
            format!("format {f} is not “{FORMAT}”: not a newsmark saved copy"),
        )),
        _ => Err(err(
            None,
            "neither a versioned saved copy nor a document: no “format” and no “text”",
        )),
    }
}

/// Upgrades a parsed saved copy of any version this build knows to the current
/// [`VERSION`], step by step. Pure: only reshapes JSON; the document is checked when read.
pub fn migrate(mut value: Value) -> Result<Value, LoadError> {
    let mut version = version_of(&value)?;
    if version > VERSION {
        return Err(err(
            Some(version),
            format!(
                "written by a newer newsmark; this page reads versions up to {VERSION}: open it there, or export from there"
            ),
        ));
    }
    while version < VERSION {
        value = match version {
            1 => v1_to_v2(value)?,
            v => return Err(err(Some(v), "no migration is known from this version")),
        };
        version += 1;
    }
    Ok(value)
}

/// Version 1 → 2: the bare document goes into the envelope; states without a label set
/// (older copies) get the built-in one, written out.
fn v1_to_v2(value: Value) -> Result<Value, LoadError> {
    let Value::Object(mut doc) = value else {
        return Err(err(Some(1), "not a JSON object"));
    };
    let labels = serde_json::to_value(built_in_labels())
        .map_err(|e| err(Some(1), format!("built-in labels: {e}")))?;
    let fill = |state: &mut Map<String, Value>| {
        state.entry("labels").or_insert_with(|| labels.clone());
    };
    fill(&mut doc);
    for key in ["undo", "redo"] {
        match doc.get_mut(key) {
            None | Some(Value::Null) => {}
            Some(Value::Array(steps)) => {
                for step in steps.iter_mut() {
                    let Value::Object(state) = step else {
                        return Err(err(
                            Some(1),
                            format!("an entry of “{key}” is not an object"),
                        ));
                    };
                    fill(state);
                }
            }
            Some(_) => return Err(err(Some(1), format!("“{key}” is not a list"))),
        }
    }
    Ok(json!({ "format": FORMAT, "version": 2, "document": Value::Object(doc) }))
}

/// Reads a saved copy of any known version: migrates, parses, and checks the document.
pub fn decode(raw: &str) -> Result<Loaded, LoadError> {
    let value: Value =
        serde_json::from_str(raw).map_err(|e| err(None, format!("not readable JSON ({e})")))?;
    let from_version = version_of(&value)?;
    let mut value = migrate(value)?;
    let document = value
        .get_mut("document")
        .map(Value::take)
        .ok_or_else(|| err(Some(from_version), "no “document” in the envelope"))?;
    let saved: SavedDocument = serde_json::from_value(document).map_err(|e| {
        err(
            Some(from_version),
            format!("the document cannot be read: {e}"),
        )
    })?;
    let mut doc = saved.into_document();
    let mut note = None;
    match doc.check() {
        Ok(()) => {}
        Err((true, why)) => {
            doc.keep_history(0, 0);
            note = Some(format!(
                "the saved undo history was damaged ({why}) and was dropped; the document is intact"
            ));
        }
        Err((false, why)) => return Err(err(Some(from_version), why)),
    }
    Ok(Loaded {
        doc,
        from_version,
        note,
    })
}

/// Writes the current version of a saved copy of `doc`.
pub fn encode(doc: &Document) -> Result<String, serde_json::Error> {
    #[derive(Serialize)]
    struct Envelope<'a> {
        format: &'static str,
        version: u64,
        document: SavedDocument<'a, StepsOf<'a>>,
    }
    serde_json::to_string(&Envelope {
        format: FORMAT,
        version: VERSION,
        document: SavedDocument::of(doc),
    })
}

// ---------------------------------------------------------------------------------------
// The schema of the saved document (the envelope's `document`, and a version 1 copy).

/// The saved document: its current state (with its fields inline), the next span id, and
/// the undo steps (oldest first) and redo steps (farthest first). `Steps` is how the steps
/// are held: saved states when read, the document's own states (each converted as it is
/// written, so a long history is never copied whole) when written.
#[derive(Serialize, Deserialize)]
struct SavedDocument<'a, Steps = Vec<SavedState<'a>>> {
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
struct SavedState<'a> {
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
struct SavedLabel<'a> {
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
fn built_in_labels() -> Vec<SavedLabel<'static>> {
    default_labels()
        .into_iter()
        .map(|l| SavedLabel {
            name: Cow::Owned(l.name),
            colour: l.colour,
        })
        .collect()
}

/// The undo or redo steps of a document, written one at a time.
struct StepsOf<'a> {
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
    fn of(doc: &'a Document) -> Self {
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
    fn into_document(self) -> Document {
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
            dct_source: s.dct_source().into(),
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
            dct_source: self.dct_source.into(),
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
            source: self.source.into(),
            status: self.status.into(),
        }
    }
}

impl From<DctSource> for SavedDctSource {
    fn from(s: DctSource) -> Self {
        match s {
            DctSource::None => SavedDctSource::None,
            DctSource::Detected => SavedDctSource::Detected,
            DctSource::User => SavedDctSource::User,
        }
    }
}

impl From<SavedDctSource> for DctSource {
    fn from(s: SavedDctSource) -> Self {
        match s {
            SavedDctSource::None => DctSource::None,
            SavedDctSource::Detected => DctSource::Detected,
            SavedDctSource::User => DctSource::User,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Action;
    use crate::extract::Pipeline;

    fn edited() -> Document {
        let p = Pipeline::default();
        let mut d = Document::new("Angela Merkel met Emmanuel Macron in Paris on Monday.", &p);
        let id = d.spans()[0].id;
        d.apply(
            Action::Relabel {
                id,
                label: "MISC".into(),
            },
            &p,
        )
        .unwrap();
        d
    }

    #[test]
    fn the_current_version_round_trips_with_its_history() {
        let d = edited();
        let raw = encode(&d).unwrap();
        let v: Value = serde_json::from_str(&raw).unwrap();
        assert_eq!(v["format"], FORMAT);
        assert_eq!(v["version"], VERSION);
        let back = decode(&raw).unwrap();
        assert_eq!(back.doc, d);
        assert_eq!(back.from_version, VERSION);
        assert_eq!(back.note, None);
        assert!(back.doc.can_undo());
    }

    #[test]
    fn a_version_1_copy_is_read_as_it_was() {
        // What the page wrote under "newsmark/v1/document": the bare document.
        let d = edited();
        let v1 = serde_json::to_string(&d).unwrap();
        assert_eq!(version_of(&serde_json::from_str(&v1).unwrap()), Ok(1));
        let back = decode(&v1).unwrap();
        assert_eq!(back.doc, d);
        assert_eq!(back.from_version, 1);
    }

    #[test]
    fn an_early_version_1_copy_without_a_label_set_gets_the_built_in_one() {
        let raw = r#"{"text":"Macron in Paris.","dct":null,"dct_source":"none",
            "spans":[{"id":1,"start":0,"end":6,"text":"Macron","label":"PER","source":"rule","status":"accepted"}],
            "rejected":[],"next_id":2,
            "undo":[{"text":"","dct":null,"dct_source":"none","spans":[],"rejected":[]}],"redo":[]}"#;
        let migrated = migrate(serde_json::from_str(raw).unwrap()).unwrap();
        assert_eq!(migrated["version"], 2);
        assert_eq!(
            migrated["document"]["labels"],
            serde_json::to_value(default_labels()).unwrap()
        );
        assert_eq!(
            migrated["document"]["undo"][0]["labels"],
            migrated["document"]["labels"]
        );
        let back = decode(raw).unwrap();
        assert_eq!(back.doc.text(), "Macron in Paris.");
        assert_eq!(back.doc.spans()[0].label, "PER");
        assert_eq!(back.doc.labels(), default_labels().as_slice());
        assert!(back.doc.can_undo());
    }

    #[test]
    fn migration_is_idempotent_on_the_current_version() {
        let v: Value = serde_json::from_str(&encode(&edited()).unwrap()).unwrap();
        assert_eq!(migrate(v.clone()).unwrap(), v);
    }

    #[test]
    fn a_newer_version_is_refused_with_a_message() {
        let raw = r#"{"format":"newsmark-save","version":7,"document":{"whatever":true}}"#;
        let e = decode(raw).unwrap_err();
        assert_eq!(e.version, Some(7));
        assert!(e.message.contains("newer newsmark"), "{e}");
        assert!(e.to_string().contains("version 7"), "{e}");
    }

    #[test]
    fn strange_payloads_are_refused_with_a_message() {
        for (raw, says) in [
            ("", "not readable JSON"),
            ("[1,2]", "not a JSON object"),
            ("{}", "no “format” and no “text”"),
            (
                r#"{"format":"other","version":1}"#,
                "not a newsmark saved copy",
            ),
            (
                r#"{"format":"newsmark-save","version":0}"#,
                "not a positive integer",
            ),
            (r#"{"format":"newsmark-save","version":2}"#, "no “document”"),
            (r#"{"text":5}"#, "cannot be read"),
            (r#"{"text":"ab","undo":7}"#, "is not a list"),
        ] {
            let e = decode(raw).unwrap_err();
            assert!(e.to_string().contains(says), "{raw}: {e}");
        }
    }

    #[test]
    fn a_copy_whose_spans_do_not_fit_the_text_is_refused() {
        let mut v: Value = serde_json::from_str(&encode(&edited()).unwrap()).unwrap();
        v["document"]["spans"][0]["end"] = json!(500);
        let e = decode(&v.to_string()).unwrap_err();
        assert!(e.message.contains("does not lie inside"), "{e}");
        let mut v: Value = serde_json::from_str(&encode(&edited()).unwrap()).unwrap();
        v["document"]["spans"][0]["text"] = json!("Angela");
        assert!(decode(&v.to_string())
            .unwrap_err()
            .message
            .contains("holds"));
        let mut v: Value = serde_json::from_str(&encode(&edited()).unwrap()).unwrap();
        v["document"]["next_id"] = json!(1);
        assert!(decode(&v.to_string())
            .unwrap_err()
            .message
            .contains("next id"));
    }

    #[test]
    fn a_damaged_history_is_dropped_and_the_document_kept() {
        let d = edited();
        let mut v: Value = serde_json::from_str(&encode(&d).unwrap()).unwrap();
        v["document"]["undo"][0]["spans"] = json!([{"id":1,"start":0,"end":99,"text":"x",
            "label":"PER","source":"rule","status":"predicted"}]);
        let back = decode(&v.to_string()).unwrap();
        assert_eq!(back.doc.text(), d.text());
        assert_eq!(back.doc.spans(), d.spans());
        assert!(!back.doc.can_undo());
        assert!(back.note.unwrap().contains("undo step 1"));
    }

    #[test]
    fn keeping_part_of_the_history_keeps_the_most_recent_steps() {
        let p = Pipeline::default();
        let mut d = Document::new("Macron met Merkel in Paris.", &p);
        for label in ["MISC", "ORG", "LOC"] {
            let id = d.spans()[0].id;
            d.apply(
                Action::Relabel {
                    id,
                    label: label.into(),
                },
                &p,
            )
            .unwrap();
        }
        d.apply(Action::Undo, &p).unwrap();
        assert_eq!(d.history_len(), (2, 1));
        let mut short = d.clone();
        short.keep_history(1, 0);
        assert_eq!(short.history_len(), (1, 0));
        assert_eq!(short.spans(), d.spans());
        short.apply(Action::Undo, &p).unwrap();
        d.apply(Action::Undo, &p).unwrap();
        assert_eq!(short.spans(), d.spans());
        assert!(!short.can_undo());
    }

    fn fixture(name: &str) -> String {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/saved/");
        std::fs::read_to_string(format!("{dir}{name}")).unwrap()
    }

    /// What a state holds, from the document's public types alone (not this schema).
    fn state_view(d: &Document) -> Value {
        json!({
            "text": d.text(), "dct": d.dct(), "dct_source": d.dct_source(), "spans": d.spans(),
            "rejected": d.rejected(), "labels": d.labels(), "stale": d.pending().is_some(),
        })
    }

    /// A saved state as written, without what belongs to the document as a whole.
    fn saved_view(state: &Value) -> Value {
        let mut v = state.clone();
        let m = v.as_object_mut().unwrap();
        for key in ["next_id", "undo", "redo"] {
            m.remove(key);
        }
        let stale = m.get("stale").and_then(Value::as_bool).unwrap_or(false);
        m.insert("stale".into(), json!(stale));
        v
    }

    #[test]
    fn a_version_2_copy_written_before_the_schema_of_its_own_loads_and_saves_byte_for_byte() {
        // Written by the code of 00687f8, when the saved copy was Document's serde derive:
        // the sample article with edits of every kind, undo and redo steps, a waiting state.
        let raw = fixture("v2-sample-edited.json");
        let loaded = decode(&raw).unwrap();
        assert_eq!((loaded.from_version, loaded.note.as_deref()), (2, None));
        assert_eq!(encode(&loaded.doc).unwrap(), raw);
        // Its serde form is the envelope's document.
        let bare = serde_json::to_string(&loaded.doc).unwrap();
        assert_eq!(
            format!(r#"{{"format":"newsmark-save","version":2,"document":{bare}}}"#),
            raw
        );
        // Every state, oldest to newest, is the one written.
        let v: Value = serde_json::from_str(&raw).unwrap();
        let doc = &v["document"];
        let mut want: Vec<Value> = doc["undo"]
            .as_array()
            .unwrap()
            .iter()
            .map(saved_view)
            .collect();
        want.push(saved_view(doc));
        want.extend(doc["redo"].as_array().unwrap().iter().rev().map(saved_view));
        let p = Pipeline::default();
        let mut d = loaded.doc.clone();
        while d.can_undo() {
            d.apply(Action::Undo, &p).unwrap();
        }
        let mut got = vec![state_view(&d)];
        while d.can_redo() {
            let text = d.shared_text().clone();
            d.apply(Action::Redo, &p).unwrap();
            // A text equal to the state's before is that text, shared, as in the session.
            if *text == **d.shared_text() {
                assert!(std::sync::Arc::ptr_eq(&text, d.shared_text()));
            }
            got.push(state_view(&d));
        }
        assert_eq!(got.len(), want.len());
        for (i, (g, w)) in got.iter().zip(&want).enumerate() {
            assert_eq!(g, w, "state {i} of {}", want.len());
        }
        // Loaded twice: equal documents; the next id as written.
        assert_eq!(decode(&raw).unwrap().doc, loaded.doc);
        let mut d = loaded.doc.clone();
        d.apply(
            Action::Add {
                start: 0,
                end: 5,
                label: "X".into(),
            },
            &p,
        )
        .unwrap();
        assert_eq!(d.spans()[0].id, doc["next_id"].as_u64().unwrap());
    }

    #[test]
    fn the_export_of_a_loaded_copy_links_entities_as_before() {
        // The `entity` of every exported span in each state (current, then each undo),
        // written by the code of 00687f8, which linked on export.
        let want: Vec<Vec<usize>> =
            serde_json::from_str(&fixture("v2-sample-edited.entities.json")).unwrap();
        let p = Pipeline::default();
        let mut d = decode(&fixture("v2-sample-edited.json")).unwrap().doc;
        let mut got = Vec::new();
        loop {
            let e = crate::formats::json::export(&d).unwrap();
            got.push(
                e.spans
                    .iter()
                    .map(|s| s.entity.unwrap())
                    .collect::<Vec<_>>(),
            );
            if d.apply(Action::Undo, &p).is_err() {
                break;
            }
        }
        assert_eq!(got, want);
    }

    #[test]
    fn the_seed_copies_of_both_versions_load_and_save_as_version_2() {
        // The fuzz target's seeds: a version 1 copy (no envelope, no label set, no history;
        // chars beyond ASCII) and a version 2 copy with a label set of its own.
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fuzz/corpus/saved/");
        for (name, version) in [("seed-v1", 1), ("seed-v2", 2)] {
            let raw = std::fs::read_to_string(format!("{dir}{name}")).unwrap();
            let loaded = decode(&raw).unwrap();
            assert_eq!(
                (loaded.from_version, loaded.note.as_deref()),
                (version, None)
            );
            let again = encode(&loaded.doc).unwrap();
            let mut migrated = migrate(serde_json::from_str(&raw).unwrap()).unwrap();
            // As written, with the history (none) that a saved copy always writes.
            for key in ["undo", "redo"] {
                let doc = migrated["document"].as_object_mut().unwrap();
                doc.entry(key).or_insert(json!([]));
            }
            assert_eq!(
                serde_json::from_str::<Value>(&again).unwrap(),
                migrated,
                "{name}"
            );
            assert_eq!(decode(&again).unwrap().doc, loaded.doc, "{name}");
        }
    }
}
