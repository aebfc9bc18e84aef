//! The native `newsmark/1` JSON: one schema for the export, the JS API and the CLI.
//!
//! ```json
//! {"schema": "newsmark/1", "offsets": "unicode-scalar-values",
//!  "text": "...", "dct": "2025-09-01",
//!  "spans": [{"id": 3, "start": 27, "end": 45, "text": "Volodymyr Zelensky",
//!             "label": "PER", "source": "rule", "status": "predicted"}]}
//! ```
//! `start`/`end` count Unicode scalar values (Python `str` indices), end exclusive, and
//! `text == doc.text[start:end]` holds for every span.

use crate::document::{Annotation, Document};
use crate::span::OffsetIndex;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The schema tag written into every document.
pub const SCHEMA: &str = "newsmark/1";
/// The offset unit named in every document.
pub const OFFSETS: &str = "unicode-scalar-values";

/// A whole exported document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Export {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// Always [`OFFSETS`]: the unit `start` and `end` count.
    pub offsets: String,
    /// The document text.
    pub text: String,
    /// The document date, ISO 8601, or null.
    pub dct: Option<NaiveDate>,
    /// The spans, sorted by start.
    pub spans: Vec<Annotation>,
}

/// One line of `newsmark annotate --jsonl` output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonlOut {
    /// The id given on input (any JSON value), echoed back.
    pub id: serde_json::Value,
    /// The document date used.
    pub dct: Option<NaiveDate>,
    /// The spans.
    pub spans: Vec<Annotation>,
}

/// A span whose offsets do not hold against the text: never written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OffsetMismatch {
    /// The span's id.
    pub id: u64,
    /// What the offsets select.
    pub found: String,
    /// What the span says it holds.
    pub expected: String,
}

impl std::fmt::Display for OffsetMismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "span #{} selects “{}” but says “{}”",
            self.id, self.found, self.expected
        )
    }
}

/// The export of `doc`, every span checked against the text.
pub fn export(doc: &Document) -> Result<Export, OffsetMismatch> {
    let text = doc.text();
    let idx = OffsetIndex::new(text);
    for a in doc.spans() {
        let b = idx.bytes_of(a.span());
        let found = &text[b.start..b.end];
        if found != a.text || a.end > idx.char_len() {
            return Err(OffsetMismatch {
                id: a.id,
                found: found.to_string(),
                expected: a.text.clone(),
            });
        }
    }
    Ok(Export {
        schema: SCHEMA.to_string(),
        offsets: OFFSETS.to_string(),
        text: text.to_string(),
        dct: doc.dct(),
        spans: doc.spans().to_vec(),
    })
}

/// The export of `doc` as pretty JSON text.
pub fn to_string_pretty(doc: &Document) -> Result<String, OffsetMismatch> {
    let e = export(doc)?;
    Ok(serde_json::to_string_pretty(&e).expect("export serialises"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Action;
    use crate::extract::Pipeline;

    #[test]
    fn export_has_the_schema_and_char_offsets() {
        let p = Pipeline::default();
        let mut d = Document::new("Zoë 😀 visited 北京 today.", &p);
        // Select only "京": the span snaps to the whole word "北京" (chars 14..16).
        d.apply(
            Action::Add {
                start: 15,
                end: 16,
                label: "LOC".into(),
            },
            &p,
        )
        .unwrap();
        let v: serde_json::Value = serde_json::from_str(&to_string_pretty(&d).unwrap()).unwrap();
        assert_eq!(v["schema"], "newsmark/1");
        assert_eq!(v["offsets"], "unicode-scalar-values");
        assert_eq!(v["dct"], serde_json::Value::Null);
        let span = v["spans"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["label"] == "LOC")
            .unwrap();
        assert_eq!(
            (span["start"].as_u64(), span["end"].as_u64()),
            (Some(14), Some(16))
        );
        assert_eq!(span["text"], "北京");
        assert_eq!(span["source"], "user");
        assert!(span.get("value").is_none());
    }
}
