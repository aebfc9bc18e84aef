//! spaCy, export only, offsets in **code points** (spaCy's `Doc.char_span` and
//! `ent.start_char` index Python `str`s).
//!
//! - [`export`]: displaCy's manual format, `{"text": "...", "ents": [{"start", "end",
//!   "label"}]}`, one document;
//! - [`export_v2`]: spaCy v2 training data, a list of `[text, {"entities": [[s, e, L]]}]`
//!   tuples (here: one).
//!
//! Both keep text, spans and labels; they lose the DCT, TIMEX values, statuses, sources
//! and ids.

use super::{checked_spans, ExportError, Format, Units};
use crate::document::Document;
use serde_json::{json, Value};

/// `{"text", "ents": [{"start", "end", "label"}]}` as pretty JSON.
pub fn export(doc: &Document) -> Result<String, ExportError> {
    let units = Units::new(doc.text());
    let ents: Vec<Value> = checked_spans(Format::Spacy, doc, &units)?
        .iter()
        .map(|c| json!({"start": c.chars.start, "end": c.chars.end, "label": c.ann.label}))
        .collect();
    let v = json!({"text": doc.text(), "ents": ents});
    Ok(pretty(&v))
}

/// `[[text, {"entities": [[s, e, L]]}]]` as JSON (a v2 `TRAIN_DATA` list of one example).
pub fn export_v2(doc: &Document) -> Result<String, ExportError> {
    let units = Units::new(doc.text());
    let ents: Vec<Value> = checked_spans(Format::SpacyV2, doc, &units)?
        .iter()
        .map(|c| json!([c.chars.start, c.chars.end, c.ann.label]))
        .collect();
    let v = json!([[doc.text(), {"entities": ents}]]);
    Ok(pretty(&v))
}

fn pretty(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_else(|_| v.to_string());
    s.push('\n');
    s
}
