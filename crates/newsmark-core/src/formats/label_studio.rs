//! Label Studio tasks JSON: a list of tasks, each `{"data": {"text"}, "annotations":
//! [{"result": [...]}]}` with one `labels` result per span:
//!
//! ```json
//! {"id": "3", "from_name": "label", "to_name": "text", "type": "labels",
//!  "value": {"start": 27, "end": 45, "text": "Volodymyr Zelensky", "labels": ["PER"]}}
//! ```
//!
//! Offsets are **code points**: Label Studio's `Text` tag stores them so since its emoji
//! fix (its test suite: "Should calculate offsets by code points in text"), and its docs
//! tell Python users to slice `text[start:end]`. Files from versions that stored UTF-16
//! (JavaScript) offsets are recognised on import: when the code-point slice differs from
//! `value.text` but the UTF-16 reading matches, that reading is taken.
//!
//! A TIMEX value travels as a per-region `textarea` result with the same region `id`
//! (`from_name: "value"`, `value.text: ["2025-09-04"]`), which a labelling config with
//! `<TextArea name="value" toName="text" perRegion="true"/>` shows; the DCT as
//! `data.dct`. Statuses and sources are lost (import: `accepted`, `user`; regions from
//! `predictions` when a task has no annotation come in `predicted`, `model`).

use super::fields::{
    date, expected, field, json_error, list, object, offset_of, optional, required, short, string,
    At,
};
use super::{
    build_document, checked_spans, strip_bom, ExportError, Format, ImportError, RawSpan, Units,
};
use crate::document::{Document, Status};
use crate::extract::Source;
use crate::span::{Char, Span};
use serde_json::{json, Map, Value};

const F: Format = Format::LabelStudio;

/// The tasks JSON (a list of one task) for `doc`.
pub fn export(doc: &Document) -> Result<String, ExportError> {
    let units = Units::new(doc.text());
    let mut result = Vec::new();
    for c in checked_spans(F, doc, &units)? {
        let id = c.ann.id.to_string();
        result.push(json!({
            "id": id,
            "from_name": "label",
            "to_name": "text",
            "type": "labels",
            "value": {
                "start": c.chars.start,
                "end": c.chars.end,
                "text": c.ann.text,
                "labels": [c.ann.label],
            },
        }));
        if let Some(v) = &c.ann.value {
            result.push(json!({
                "id": id,
                "from_name": "value",
                "to_name": "text",
                "type": "textarea",
                "value": {"start": c.chars.start, "end": c.chars.end, "text": [v]},
            }));
        }
    }
    let mut data = Map::new();
    data.insert("text".into(), Value::String(doc.text().to_string()));
    if let Some(d) = doc.dct() {
        data.insert("dct".into(), Value::String(d.to_string()));
    }
    let v = json!([{"data": data, "annotations": [{"result": result}]}]);
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_else(|_| v.to_string());
    s.push('\n');
    Ok(s)
}

/// Reads one Label Studio task (a list holding one task, or the task object itself).
pub fn import(input: &str) -> Result<Document, ImportError> {
    let input = strip_bom(input);
    let root: Value = serde_json::from_str(input).map_err(|e| json_error(F, &e))?;
    let top = At::root(F);
    let (task, at) = match &root {
        Value::Array(tasks) => match tasks.as_slice() {
            [t] => (t, top.index(0)),
            [] => return Err(top.err("the task list is empty")),
            _ => {
                return Err(top.err(format!(
                    "{} tasks; newsmark imports one task at a time",
                    tasks.len()
                )))
            }
        },
        Value::Object(_) => (&root, top),
        v => return Err(top.err(expected("a task list", v))),
    };
    let Value::Object(task) = task else {
        return Err(at.err(expected("a task object", task)));
    };
    let data = required(task.get("data"), "data", &at, object)?;
    let data_at = at.field("data");
    let text = match data.get("text") {
        Some(v) => field(v, "text", &data_at, string)?,
        None => {
            return Err(data_at.err(format!(
                "no \"text\" field (fields: {})",
                data.keys().cloned().collect::<Vec<_>>().join(", ")
            )))
        }
    };
    let dct = optional(data.get("dct"), "dct", &data_at, |v| {
        date(v, "a date string")
    })?;
    // Annotations first; predictions only when nobody annotated.
    let pick = |key: &str| -> Result<Option<(&[Value], At)>, ImportError> {
        let list = list;
        let Some([first, ..]) = optional(task.get(key), key, &at, list)? else {
            return Ok(None);
        };
        let first_at = at.field(key).index(0);
        let result = required(first.get("result"), "result", &first_at, list)?;
        Ok(Some((result, first_at.field("result"))))
    };
    let (results, results_at, status, source) = match pick("annotations")? {
        Some((r, p)) => (r, p, Status::Accepted, Source::User),
        None => match pick("predictions")? {
            Some((r, p)) => (r, p, Status::Predicted, Source::Model),
            None => (&[][..], at.clone(), Status::Accepted, Source::User),
        },
    };
    let units = Units::new(text);
    let mut raw: Vec<(Option<String>, RawSpan)> = Vec::new();
    let mut values: Vec<(String, String, At)> = Vec::new(); // (region id, value, at)
    for (i, r) in results.iter().enumerate() {
        let at = results_at.index(i);
        let r = object(r).map_err(|m| at.err(m))?;
        let ty = r.get("type").and_then(Value::as_str).unwrap_or("");
        let rid = r.get("id").map(|v| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        });
        // Only `labels` and `textarea` results are read; relations (which have no
        // `value`), choices, ratings… are skipped before their shape is looked at.
        if ty != "labels" && ty != "textarea" {
            continue;
        }
        let Some(Value::Object(value)) = r.get("value") else {
            return Err(at.err("no \"value\" object"));
        };
        let value_at = at.field("value");
        match ty {
            "labels" => {
                let Some(Value::Array(labels)) = value.get("labels") else {
                    return Err(value_at.err("no \"labels\" list"));
                };
                let labels_at = value_at.field("labels");
                let label = match labels.as_slice() {
                    [Value::String(l)] => l.clone(),
                    [] => return Err(labels_at.err("the region has no label")),
                    [l] => return Err(labels_at.err(expected("a label name", l))),
                    _ => {
                        return Err(labels_at.err(format!(
                            "{} labels on one region; newsmark spans have one",
                            labels.len()
                        )))
                    }
                };
                let span = region_span(value, &units, &value_at)?;
                let id = rid.as_deref().and_then(|s| s.parse::<u64>().ok());
                raw.push((
                    rid,
                    RawSpan {
                        at: at.path().to_string(),
                        id,
                        start: span.start,
                        end: span.end,
                        label,
                        value: None,
                        note: None,
                        source,
                        status,
                    },
                ));
            }
            // "textarea", the only other type let through above.
            _ => {
                let Some(Value::Array(texts)) = value.get("text") else {
                    return Err(value_at.err("no \"text\" list"));
                };
                let v = match texts.as_slice() {
                    [Value::String(v)] => v.clone(),
                    _ => {
                        return Err(value_at.field("text").err(format!(
                            "expected one value string, found {}",
                            short(&Value::Array(texts.clone()))
                        )))
                    }
                };
                match rid {
                    Some(rid) => values.push((rid, v, at)),
                    None => return Err(at.err("a per-region value without a region \"id\"")),
                }
            }
        }
    }
    for (rid, v, at) in values {
        match raw
            .iter_mut()
            .find(|(id, _)| id.as_deref() == Some(rid.as_str()))
        {
            Some((_, s)) => s.value = Some(v),
            None => {
                return Err(at.err(format!(
                    "a value for region “{rid}”, which has no labels result"
                )))
            }
        }
    }
    build_document(F, text, dct, raw.into_iter().map(|(_, s)| s).collect())
}

/// The code-point span of a region, checked against `value.text` when it is given; `at` is
/// the region's `value`.
fn region_span(
    value: &Map<String, Value>,
    units: &Units<'_>,
    at: &At,
) -> Result<Span<Char>, ImportError> {
    let get = |k: &str| required(value.get(k), k, at, |v| offset_of(v, k));
    let (start, end) = (get("start")?, get("end")?);
    if end < start {
        return Err(at.err(format!("span [{start}, {end}) ends before it starts")));
    }
    let want = optional(value.get("text"), "text", at, string)?;
    let as_chars = Span::new(start, end);
    let Some(want) = want else {
        super::check_range(start, end, units.chars(), "characters").map_err(|m| at.err(m))?;
        return Ok(as_chars);
    };
    // Label Studio writes a line break inside `value.text` as the two characters `\n`.
    let same = |s: &str| s == want || s.replace("\r\n", "\\n").replace('\n', "\\n") == want;
    if let Some(found) = units.slice(as_chars) {
        if same(found) {
            super::check_range(start, end, units.chars(), "characters").map_err(|m| at.err(m))?;
            return Ok(as_chars);
        }
    }
    // Older Label Studio: UTF-16 code units.
    if let (Some(s), Some(e)) = (units.char_of_utf16(start), units.char_of_utf16(end)) {
        let legacy = Span::new(s, e);
        if units.slice(legacy).is_some_and(same) && !legacy.is_empty() {
            return Ok(legacy);
        }
    }
    let split = [start, end]
        .into_iter()
        .find(|&u| u < units.utf16_len() && units.char_of_utf16(u).is_none());
    let note = match split {
        Some(u) => format!("; read as UTF-16, offset {u} splits a surrogate pair"),
        None => String::new(),
    };
    match units.slice(as_chars) {
        Some(found) => Err(at.err(format!(
            "offsets [{start}, {end}) select “{found}” but the region's text is “{want}” \
             (neither as code points nor as UTF-16 units{note})"
        ))),
        None => Err(at.err(format!(
            "span [{start}, {end}) ends past the end of the text ({} characters, {} UTF-16 \
             units){note}",
            units.chars(),
            units.utf16_len()
        ))),
    }
}
