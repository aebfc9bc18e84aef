//! The saved copy of the person's work (the page keeps it in `localStorage`): the whole
//! [`Document`] with its undo history, in a versioned envelope, and the migration of every
//! older shape to the current one. Pure, no web dependency.
//!
//! Versions:
//! - **1** (no envelope): the bare [`Document`] object, as the page wrote it until the
//!   envelope came, `{"text", "dct", "dct_source", "spans", "rejected", "labels"?,
//!   "next_id", "undo"?, "redo"?}`. The label set (`labels`, in every state and undo step)
//!   came later within version 1: older copies lack it and get the built-in set.
//! - **2**: `{"format": "newsmark-save", "version": 2, "document": {…version 1 with every
//!   `labels` present…}}`.
//!
//! A copy written by a newer newsmark is refused with a message, never read half-way; a
//! copy whose spans do not fit its text is refused (only its undo history at fault: the
//! history is dropped and the document kept).

use crate::document::{default_labels, Document};
use serde_json::{json, Map, Value};
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
    let labels = serde_json::to_value(default_labels())
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
    let mut doc: Document = serde_json::from_value(document).map_err(|e| {
        err(
            Some(from_version),
            format!("the document cannot be read: {e}"),
        )
    })?;
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
    #[derive(serde::Serialize)]
    struct Envelope<'a> {
        format: &'static str,
        version: u64,
        document: &'a Document,
    }
    serde_json::to_string(&Envelope {
        format: FORMAT,
        version: VERSION,
        document: doc,
    })
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
}
