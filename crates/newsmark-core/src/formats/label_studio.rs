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

use super::{
    build_document, checked_spans, offset_of, short, ExportError, Format, ImportError, RawSpan,
    Units,
};
use crate::document::{Document, Status};
use crate::extract::Source;
use crate::span::{Char, Span};
use chrono::NaiveDate;
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

fn err(at: impl Into<String>, msg: impl Into<String>) -> ImportError {
    ImportError::at(F, at, msg)
}

/// Reads one Label Studio task (a list holding one task, or the task object itself).
pub fn import(input: &str) -> Result<Document, ImportError> {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    let root: Value = serde_json::from_str(input).map_err(|e| super::json_error(F, &e))?;
    let (task, path) = match &root {
        Value::Array(tasks) => match tasks.as_slice() {
            [t] => (t, "$[0]".to_string()),
            [] => return Err(err("$", "the task list is empty")),
            _ => {
                return Err(err(
                    "$",
                    format!("{} tasks; newsmark imports one task at a time", tasks.len()),
                ))
            }
        },
        Value::Object(_) => (&root, "$".to_string()),
        v => {
            return Err(err(
                "$",
                format!("expected a task list, found {}", short(v)),
            ))
        }
    };
    let Value::Object(task) = task else {
        return Err(err(
            path,
            format!("expected a task object, found {}", short(task)),
        ));
    };
    let data = match task.get("data") {
        Some(Value::Object(d)) => d,
        Some(v) => {
            return Err(err(
                format!("{path}.data"),
                format!("expected an object, found {}", short(v)),
            ))
        }
        None => return Err(err(&path, "no \"data\" field")),
    };
    let text = match data.get("text") {
        Some(Value::String(t)) => t.as_str(),
        Some(v) => {
            return Err(err(
                format!("{path}.data.text"),
                format!("expected a string, found {}", short(v)),
            ))
        }
        None => {
            return Err(err(
                format!("{path}.data"),
                format!(
                    "no \"text\" field (fields: {})",
                    data.keys().cloned().collect::<Vec<_>>().join(", ")
                ),
            ))
        }
    };
    let dct = match data.get("dct") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
            err(
                format!("{path}.data.dct"),
                format!("“{s}” is not a YYYY-MM-DD date"),
            )
        })?),
        Some(v) => {
            return Err(err(
                format!("{path}.data.dct"),
                format!("expected a date string, found {}", short(v)),
            ))
        }
    };
    // Annotations first; predictions only when nobody annotated.
    let pick = |key: &str| -> Result<Option<(&Vec<Value>, String)>, ImportError> {
        match task.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Array(a)) if a.is_empty() => Ok(None),
            Some(Value::Array(a)) => {
                let p = format!("{path}.{key}[0]");
                match a[0].get("result") {
                    Some(Value::Array(r)) => Ok(Some((r, format!("{p}.result")))),
                    Some(v) => Err(err(
                        format!("{p}.result"),
                        format!("expected a list, found {}", short(v)),
                    )),
                    None => Err(err(p, "no \"result\" field")),
                }
            }
            Some(v) => Err(err(
                format!("{path}.{key}"),
                format!("expected a list, found {}", short(v)),
            )),
        }
    };
    let (results, rpath, status, source) = match pick("annotations")? {
        Some((r, p)) => (r.as_slice(), p, Status::Accepted, Source::User),
        None => match pick("predictions")? {
            Some((r, p)) => (r.as_slice(), p, Status::Predicted, Source::Model),
            None => (&[][..], String::new(), Status::Accepted, Source::User),
        },
    };
    let units = Units::new(text);
    let mut raw: Vec<(Option<String>, RawSpan)> = Vec::new();
    let mut values: Vec<(String, String, String)> = Vec::new(); // (region id, value, at)
    for (i, r) in results.iter().enumerate() {
        let at = format!("{rpath}[{i}]");
        let Value::Object(r) = r else {
            return Err(err(at, format!("expected an object, found {}", short(r))));
        };
        let ty = r.get("type").and_then(Value::as_str).unwrap_or("");
        let rid = r.get("id").map(|v| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        });
        let Some(Value::Object(value)) = r.get("value") else {
            return Err(err(at, "no \"value\" object"));
        };
        match ty {
            "labels" => {
                let labels = match value.get("labels") {
                    Some(Value::Array(l)) => l,
                    _ => return Err(err(format!("{at}.value"), "no \"labels\" list")),
                };
                let label = match labels.as_slice() {
                    [Value::String(l)] => l.clone(),
                    [] => return Err(err(format!("{at}.value.labels"), "the region has no label")),
                    [_] => {
                        return Err(err(
                            format!("{at}.value.labels"),
                            format!("expected a label name, found {}", short(&labels[0])),
                        ))
                    }
                    _ => {
                        return Err(err(
                            format!("{at}.value.labels"),
                            format!(
                                "{} labels on one region; newsmark spans have one",
                                labels.len()
                            ),
                        ))
                    }
                };
                let span = region_span(value, &units, &at)?;
                let id = rid.as_deref().and_then(|s| s.parse::<u64>().ok());
                raw.push((
                    rid,
                    RawSpan {
                        at,
                        id,
                        start: span.start,
                        end: span.end,
                        label,
                        value: None,
                        source,
                        status,
                    },
                ));
            }
            "textarea" => {
                let texts = match value.get("text") {
                    Some(Value::Array(t)) => t,
                    _ => return Err(err(format!("{at}.value"), "no \"text\" list")),
                };
                let v = match texts.as_slice() {
                    [Value::String(v)] => v.clone(),
                    _ => {
                        return Err(err(
                            format!("{at}.value.text"),
                            format!(
                                "expected one value string, found {}",
                                short(&Value::Array(texts.clone()))
                            ),
                        ))
                    }
                };
                match rid {
                    Some(rid) => values.push((rid, v, at)),
                    None => return Err(err(at, "a per-region value without a region \"id\"")),
                }
            }
            // Other result types (choices, relations, ratings…) are not spans: ignored.
            _ => {}
        }
    }
    for (rid, v, at) in values {
        match raw
            .iter_mut()
            .find(|(id, _)| id.as_deref() == Some(rid.as_str()))
        {
            Some((_, s)) => s.value = Some(v),
            None => {
                return Err(err(
                    at,
                    format!("a value for region “{rid}”, which has no labels result"),
                ))
            }
        }
    }
    build_document(F, text, dct, raw.into_iter().map(|(_, s)| s).collect())
}

/// The code-point span of a region, checked against `value.text` when it is given.
fn region_span(
    value: &Map<String, Value>,
    units: &Units<'_>,
    at: &str,
) -> Result<Span<Char>, ImportError> {
    let get = |k: &str| match value.get(k) {
        Some(v) => offset_of(v, k).map_err(|m| err(format!("{at}.value.{k}"), m)),
        None => Err(err(format!("{at}.value"), format!("no \"{k}\" field"))),
    };
    let (start, end) = (get("start")?, get("end")?);
    if end < start {
        return Err(err(
            format!("{at}.value"),
            format!("span [{start}, {end}) ends before it starts"),
        ));
    }
    let want = match value.get("text") {
        None | Some(Value::Null) => None,
        Some(Value::String(t)) => Some(t.as_str()),
        Some(v) => {
            return Err(err(
                format!("{at}.value.text"),
                format!("expected a string, found {}", short(v)),
            ))
        }
    };
    let as_chars = Span::new(start, end);
    let Some(want) = want else {
        super::check_range(start, end, units.chars(), "characters")
            .map_err(|m| err(format!("{at}.value"), m))?;
        return Ok(as_chars);
    };
    // Label Studio writes a line break inside `value.text` as the two characters `\n`.
    let same = |s: &str| s == want || s.replace("\r\n", "\\n").replace('\n', "\\n") == want;
    if let Some(found) = units.slice(as_chars) {
        if same(found) {
            super::check_range(start, end, units.chars(), "characters")
                .map_err(|m| err(format!("{at}.value"), m))?;
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
        Some(found) => Err(err(
            format!("{at}.value"),
            format!(
                "offsets [{start}, {end}) select “{found}” but the region's text is “{want}” \
                 (neither as code points nor as UTF-16 units{note})"
            ),
        )),
        None => Err(err(
            format!("{at}.value"),
            format!(
                "span [{start}, {end}) ends past the end of the text ({} characters, {} UTF-16 \
                 units){note}",
                units.chars(),
                units.utf16_len()
            ),
        )),
    }
}
