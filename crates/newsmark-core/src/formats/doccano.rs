//! doccano sequence-labelling JSONL: one JSON object per line,
//! `{"text": "...", "label": [[start, end, "LABEL"], ...]}`.
//!
//! Offsets are **code points**, end exclusive (what doccano's Python side slices with).
//! Beware: doccano's web editor has been reported to count UTF-16 code units in text with
//! emoji (doccano issue #2290); the two agree on any text without characters beyond U+FFFF.
//! A `"dct"` field carries the document date when there is one (doccano keeps extra fields
//! as metadata). Values, statuses, sources and ids are lost.
//!
//! Import reads one document (one non-empty line). It takes `label` as `[[s, e, "L"]]`
//! triples, or doccano's newer `entities: [{"start_offset", "end_offset", "label"}]`; the
//! date from `dct` or `meta.dct`. Spans come in `accepted`, `source: user`.

use super::fields::{
    array_of, date, expected, list, offset_of, optional, required, short, string, At,
};
use super::{
    build_document, checked_spans, strip_bom, ExportError, Format, ImportError, RawSpan, Units,
};
use crate::document::{Document, Status};
use crate::extract::Source;
use serde_json::{json, Value};

const F: Format = Format::Doccano;

/// The JSONL line (with its `\n`) for `doc`.
pub fn export(doc: &Document) -> Result<String, ExportError> {
    let units = Units::new(doc.text());
    let spans = checked_spans(F, doc, &units)?;
    let label: Vec<Value> = spans
        .iter()
        .map(|c| json!([c.chars.start, c.chars.end, c.ann.label]))
        .collect();
    let mut obj = serde_json::Map::new();
    obj.insert("text".into(), Value::String(doc.text().to_string()));
    obj.insert("label".into(), Value::Array(label));
    if let Some(d) = doc.dct() {
        obj.insert("dct".into(), Value::String(d.to_string()));
    }
    let mut line = Value::Object(obj).to_string();
    line.push('\n');
    Ok(line)
}

/// Reads a one-document doccano JSONL file.
pub fn import(input: &str) -> Result<Document, ImportError> {
    let input = strip_bom(input);
    let mut lines = input
        .split('\n')
        .enumerate()
        .map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l)))
        .filter(|(_, l)| !l.trim().is_empty());
    let Some((n, line)) = lines.next() else {
        return Err(ImportError::new(
            F,
            None,
            "the file holds no document (it is empty)",
        ));
    };
    if let Some((m, _)) = lines.next() {
        return Err(At::line(F, m)
            .err("a second document; newsmark imports one document at a time (split the file)"));
    }
    let at = At::line(F, n);
    let v: Value = serde_json::from_str(line).map_err(|e| {
        at.err(format!("not a JSON object (column {}): {}", e.column(), {
            let m = e.to_string();
            m.split(" at line").next().unwrap_or("").to_string()
        }))
    })?;
    let Value::Object(obj) = v else {
        return Err(at.err(expected("a JSON object", &v)));
    };
    let text = required(
        obj.get("text").or_else(|| obj.get("data")),
        "text",
        &at,
        string,
    )?;
    let dct_v = obj
        .get("dct")
        .or_else(|| obj.get("meta").and_then(|m| m.get("dct")));
    let dct = optional(dct_v, "dct", &at, |v| date(v, "a date string"))?;
    let units = Units::new(text);
    let mut raw = Vec::new();
    let mut push = |i: usize, s: &Value, e: &Value, l: &Value| -> Result<(), ImportError> {
        let at = at.field(&format!("span {}", i + 1));
        let start = offset_of(s, "start").map_err(|m| at.err(m))?;
        let end = offset_of(e, "end").map_err(|m| at.err(m))?;
        let Value::String(label) = l else {
            return Err(at.err(format!("the label must be a string, found {}", short(l))));
        };
        super::check_range(start, end, units.chars(), "characters").map_err(|m| at.err(m))?;
        raw.push(RawSpan {
            at: at.path().to_string(),
            id: None,
            start,
            end,
            label: label.clone(),
            value: None,
            note: None,
            source: Source::User,
            status: Status::Accepted,
        });
        Ok(())
    };
    let label = obj.get("label").or_else(|| obj.get("labels"));
    let triples = optional(label, "label", &at, |v| {
        array_of(v, "a list of [start, end, \"LABEL\"]")
    })?;
    for (i, item) in triples.unwrap_or_default().iter().enumerate() {
        match item.as_array().map(Vec::as_slice) {
            Some([s, e, l]) => push(i, s, e, l)?,
            _ => {
                return Err(at
                    .field(&format!("span {}", i + 1))
                    .err(expected("[start, end, \"LABEL\"]", item)))
            }
        }
    }
    let entities = optional(obj.get("entities"), "entities", &at, list)?;
    for (i, item) in entities.unwrap_or_default().iter().enumerate() {
        let (Some(s), Some(e), Some(l)) = (
            item.get("start_offset"),
            item.get("end_offset"),
            item.get("label"),
        ) else {
            return Err(at.field(&format!("entity {}", i + 1)).err(expected(
                "{\"start_offset\", \"end_offset\", \"label\"}",
                item,
            )));
        };
        push(i, s, e, l)?;
    }
    build_document(F, text, dct, raw)
}
