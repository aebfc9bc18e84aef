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
//! The document object has a schema of its own, in `schema` (`SavedDocument` and the `Saved*`
//! types it holds), converted to and from a [`Document`] through the document's plain
//! parts: the document's fields can change without changing what sits in a person's
//! storage, and a change of this schema is a new version with its migration. It is also
//! the serde form of [`Document`] (a bare document object, as version 1 was).
//!
//! A copy written by a newer newsmark is refused with a message, never read half-way; a
//! copy whose spans do not fit its text is refused (only its undo history at fault: the
//! history is dropped and the document kept).

mod schema;

use crate::document::Document;
use schema::{built_in_labels, SavedDocument, StepsOf};
use serde::Serialize;
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

#[cfg(test)]
mod tests;
