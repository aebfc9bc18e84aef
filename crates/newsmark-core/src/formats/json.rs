//! The native `newsmark/1` JSON: one schema for the export, the JS API and the CLI, and the
//! only format that keeps everything (DCT, statuses, sources, values, ids).
//!
//! ```json
//! {"schema": "newsmark/1", "offsets": "unicode-scalar-values",
//!  "text": "...", "dct": "2025-09-01",
//!  "labels": ["PER", "ORG", "LOC", "MISC", "DATE", "TIME", "DURATION", "SET"],
//!  "spans": [{"id": 3, "start": 27, "end": 45, "utf16": {"start": 27, "end": 45},
//!             "text": "Volodymyr Zelensky", "label": "PER",
//!             "source": "rule", "status": "predicted"}]}
//! ```
//! `start`/`end` count Unicode scalar values (Python `str` indices), end exclusive;
//! `utf16.start`/`utf16.end` are the same span in UTF-16 code units (JavaScript string
//! indices); `text == doc.text[start:end]` holds for every span. The JSON Schema is
//! `newsmark-1.schema.json` next to this file.

use super::fields::{
    array, date, expected, field, json_error, object, offset_of, optional, required, string, At,
};
use super::{
    build_document, checked_spans, label_set, strip_bom, ExportError, Format, ImportError, RawSpan,
    Units,
};
use crate::document::{Annotation, Document, Status};
use crate::extract::Source;
use crate::span::Span;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The schema tag written into every document.
pub const SCHEMA: &str = "newsmark/1";
/// The offset unit named in every document.
pub const OFFSETS: &str = "unicode-scalar-values";
/// The JSON Schema (draft 2020-12) every export validates against.
pub const JSON_SCHEMA: &str = include_str!("newsmark-1.schema.json");

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
    /// The label set: the built-in labels, then any other label the spans use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<Vec<String>>,
    /// The spans, sorted by start.
    pub spans: Vec<ExportSpan>,
}

/// A span in UTF-16 code units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Utf16Span {
    /// First UTF-16 unit of the span.
    pub start: usize,
    /// First UTF-16 unit after the span.
    pub end: usize,
}

/// One exported span: the document's [`Annotation`] plus its UTF-16 offsets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportSpan {
    /// Stable id within the document.
    pub id: u64,
    /// First code point of the span.
    pub start: usize,
    /// First code point after the span.
    pub end: usize,
    /// The same span in UTF-16 code units.
    pub utf16: Utf16Span,
    /// `text[start..end]` in code points.
    pub text: String,
    /// Label name.
    pub label: String,
    /// TIMEX3 value (time labels only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// A free-text note on the span (not a value).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Who proposed the span.
    pub source: Source,
    /// Review status.
    pub status: Status,
    /// The entity the span refers to: spans that name the same person, place or date share
    /// it ("Trump" after "Donald Trump"). Written on export; ignored on import.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<usize>,
}

impl ExportSpan {
    /// The span as the document holds it (without the UTF-16 offsets).
    pub fn annotation(&self) -> Annotation {
        Annotation {
            id: self.id,
            start: self.start,
            end: self.end,
            text: self.text.clone(),
            label: self.label.clone(),
            value: self.value.clone(),
            note: self.note.clone(),
            source: self.source,
            status: self.status,
        }
    }
}

/// One line of `newsmark annotate --jsonl` output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonlOut {
    /// The id given on input (any JSON value), echoed back.
    pub id: serde_json::Value,
    /// The document date used.
    pub dct: Option<NaiveDate>,
    /// The spans.
    pub spans: Vec<ExportSpan>,
}

/// The export of `doc`, every span checked against the text.
pub fn export(doc: &Document) -> Result<Export, ExportError> {
    let units = Units::new(doc.text());
    // `checked_spans` keeps the document's order, so the document's entity ids (linked
    // once per version, not here) line up by position.
    let entities = doc.entity_ids();
    let spans = checked_spans(Format::Newsmark, doc, &units)?
        .into_iter()
        .zip(entities.iter().copied())
        .map(|(c, entity)| ExportSpan {
            entity: Some(entity),
            id: c.ann.id,
            start: c.chars.start,
            end: c.chars.end,
            utf16: Utf16Span {
                start: c.utf16.start,
                end: c.utf16.end,
            },
            text: c.ann.text.clone(),
            label: c.ann.label.clone(),
            value: c.ann.value.clone(),
            note: c.ann.note.clone(),
            source: c.ann.source,
            status: c.ann.status,
        })
        .collect();
    Ok(Export {
        schema: SCHEMA.to_string(),
        offsets: OFFSETS.to_string(),
        text: doc.text().to_string(),
        dct: doc.dct(),
        labels: Some(label_set(doc)),
        spans,
    })
}

/// The export of `doc` as pretty JSON text.
pub fn to_string_pretty(doc: &Document) -> Result<String, ExportError> {
    let e = export(doc)?;
    serde_json::to_string_pretty(&e)
        .map_err(|err| ExportError::new(Format::Newsmark, None, err.to_string()))
}

const F: Format = Format::Newsmark;

/// Reads a `newsmark/1` document: text, DCT, spans with ids, statuses, sources and values.
/// Unknown fields are ignored; everything known is checked (schema tag, offset unit, offsets
/// inside the text, `text[start:end]` equal to the span text, the UTF-16 offsets where
/// given, flatness, labels in `labels` when that is given).
pub fn import(input: &str) -> Result<Document, ImportError> {
    let input = strip_bom(input);
    let root: Value = serde_json::from_str(input).map_err(|e| json_error(F, &e))?;
    let at = At::root(F);
    let Value::Object(root) = root else {
        return Err(at.err(expected("a JSON object", &root)));
    };
    match root.get("schema") {
        Some(Value::String(s)) if s == SCHEMA => {}
        Some(v) => {
            return Err(at
                .field("schema")
                .err(expected(&format!("\"{SCHEMA}\""), v)))
        }
        None => return Err(at.err(format!("no \"schema\" field (expected \"{SCHEMA}\")"))),
    }
    match root.get("offsets") {
        None => {}
        Some(Value::String(s)) if s == OFFSETS => {}
        Some(v) => {
            return Err(at
                .field("offsets")
                .err(expected(&format!("\"{OFFSETS}\""), v)))
        }
    }
    let text = required(root.get("text"), "text", &at, string)?;
    let dct = optional(root.get("dct"), "dct", &at, |v| {
        date(v, "a YYYY-MM-DD string or null")
    })?;
    let label_set: Option<Vec<String>> = match optional(root.get("labels"), "labels", &at, array)? {
        None => None,
        Some(ls) => Some(
            ls.iter()
                .enumerate()
                .map(|(i, l)| match l {
                    Value::String(s) => Ok(s.clone()),
                    v => Err(at.field("labels").index(i).err(expected("a label name", v))),
                })
                .collect::<Result<_, _>>()?,
        ),
    };
    let spans = required(root.get("spans"), "spans", &at, array)?;
    let units = Units::new(text);
    let mut raw = Vec::with_capacity(spans.len());
    for (i, s) in spans.iter().enumerate() {
        let at = at.field("spans").index(i);
        let s = object(s).map_err(|m| at.err(m))?;
        raw.push(read_span(s, &at, &units, label_set.as_deref())?);
    }
    let mut doc = build_document(F, text, dct, raw)?;
    if let Some(names) = &label_set {
        doc.set_label_names(names);
    }
    Ok(doc)
}

fn read_span(
    s: &Map<String, Value>,
    at: &At,
    units: &Units<'_>,
    label_set: Option<&[String]>,
) -> Result<RawSpan, ImportError> {
    let num = |k: &str| required(s.get(k), k, at, |v| offset_of(v, k));
    let start = num("start")?;
    let end = num("end")?;
    super::check_range(start, end, units.chars(), "characters").map_err(|m| at.err(m))?;
    let chars = Span::new(start, end);
    let found = units.slice(chars).unwrap_or("");
    if let Some(t) = s
        .get("text")
        .map(|v| field(v, "text", at, string))
        .transpose()?
    {
        if t != found {
            return Err(at.err(format!(
                "offsets [{start}, {end}) select “{found}” but the span's text is “{t}”{}",
                hint(units, start, end, t)
            )));
        }
    }
    if let Some(u) = optional(s.get("utf16"), "utf16", at, object)? {
        let u_at = at.field("utf16");
        let get = |k: &str| required(u.get(k), k, &u_at, |v| offset_of(v, k));
        let (us, ue) = (get("start")?, get("end")?);
        let want = units.utf16_span(chars);
        if (us, ue) != (want.start, want.end) {
            return Err(u_at.err(format!(
                "UTF-16 offsets [{us}, {ue}) disagree with code points [{start}, {end}) \
                 (“{found}” is UTF-16 [{}, {}))",
                want.start, want.end
            )));
        }
    }
    let label = required(s.get("label"), "label", at, string)?.to_string();
    if let Some(set) = label_set {
        if !set.contains(&label) {
            return Err(at.field("label").err(format!(
                "label “{label}” is not in the document's \"labels\""
            )));
        }
    }
    let value = optional(s.get("value"), "value", at, string)?.map(str::to_string);
    let note = optional(s.get("note"), "note", at, string)?.map(str::to_string);
    let source = word(s, "source", at, "\"model\", \"rule\" or \"user\"")?.unwrap_or(Source::User);
    let status =
        word(s, "status", at, "\"predicted\" or \"accepted\"")?.unwrap_or(Status::Accepted);
    let id = optional(s.get("id"), "id", at, |v| {
        v.as_u64()
            .ok_or_else(|| expected("a non-negative integer", v))
    })?;
    Ok(RawSpan {
        at: at.path().to_string(),
        id,
        start,
        end,
        label,
        value,
        note,
        source,
        status,
    })
}

/// Field `k` of `s` as one of the words serde names a `T` by (`words` lists them), or `None`
/// when it is absent (null is refused like any other wrong word).
fn word<T: serde::de::DeserializeOwned>(
    s: &Map<String, Value>,
    k: &str,
    at: &At,
    words: &str,
) -> Result<Option<T>, ImportError> {
    s.get(k)
        .map(|v| {
            field(v, k, at, |v| {
                serde_json::from_value(v.clone()).map_err(|_| expected(words, v))
            })
        })
        .transpose()
}

/// When offsets select the wrong text, says which unit they would be right in.
pub(crate) fn hint(units: &Units<'_>, start: usize, end: usize, want: &str) -> &'static str {
    // Would `start` and `end` select `want` read as char offsets by `char_of`?
    let reads_as = |char_of: &dyn Fn(usize) -> Option<usize>| {
        char_of(start)
            .zip(char_of(end))
            .and_then(|(s, e)| units.slice(Span::new(s, e)))
            == Some(want)
    };
    if reads_as(&|u| units.char_of_utf16(u)) {
        " (the offsets look like UTF-16 code units; newsmark/1 counts code points)"
    } else if reads_as(&|b| units.char_of_byte(b)) {
        " (the offsets look like UTF-8 bytes; newsmark/1 counts code points)"
    } else {
        ""
    }
}

/// Numbers per span in [`Packed::numbers`].
pub const PACKED_FIELDS: usize = 10;

/// A document's spans as numbers and a few strings, for the page's JS API to build its
/// span objects from (a JSON text of tens of thousands of spans is dearer to write, copy and
/// parse than the objects are to make). Per span, [`PACKED_FIELDS`] numbers: `id`,
/// `start`, `end`, `utf16.start`, `utf16.end`, the index in `names` of its label, the
/// index in `values` of its value (or -1), the indexes in `names` of its source and
/// status, its entity (or -1). Its `text` is the text between its UTF-16 offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct Packed {
    /// [`PACKED_FIELDS`] numbers per span.
    pub numbers: Vec<f64>,
    /// Labels, sources and statuses, each once.
    pub names: Vec<String>,
    /// The spans' values, in span order.
    pub values: Vec<String>,
}

/// [`Packed`] of `spans`.
pub fn pack(spans: &[ExportSpan]) -> Packed {
    let mut p = Packed {
        numbers: Vec::with_capacity(spans.len() * PACKED_FIELDS),
        names: Vec::new(),
        values: Vec::new(),
    };
    let name = |names: &mut Vec<String>, s: &str| match names.iter().position(|n| n == s) {
        Some(i) => i as f64,
        None => {
            names.push(s.to_string());
            (names.len() - 1) as f64
        }
    };
    // A source's or status's name, as serde writes it, is looked up once per kind.
    fn slot<T: Serialize + Copy + PartialEq>(
        seen: &mut Vec<(T, f64)>,
        names: &mut Vec<String>,
        v: T,
        name: impl Fn(&mut Vec<String>, &str) -> f64,
    ) -> f64 {
        if let Some(&(_, i)) = seen.iter().find(|(w, _)| *w == v) {
            return i;
        }
        let word = match serde_json::to_value(v) {
            Ok(Value::String(s)) => s,
            _ => String::new(),
        };
        let i = name(names, &word);
        seen.push((v, i));
        i
    }
    let (mut sources, mut statuses) = (Vec::new(), Vec::new());
    for s in spans {
        let label = name(&mut p.names, &s.label);
        let value = match &s.value {
            Some(v) => {
                p.values.push(v.clone());
                (p.values.len() - 1) as f64
            }
            None => -1.0,
        };
        let source = slot(&mut sources, &mut p.names, s.source, name);
        let status = slot(&mut statuses, &mut p.names, s.status, name);
        p.numbers.extend([
            s.id as f64,
            s.start as f64,
            s.end as f64,
            s.utf16.start as f64,
            s.utf16.end as f64,
            label,
            value,
            source,
            status,
            s.entity.map_or(-1.0, |e| e as f64),
        ]);
    }
    p
}

/// The spans of `packed` over `text`, as the page's JS API builds them (for tests).
pub fn unpack(packed: &Packed, text: &str) -> Result<Vec<ExportSpan>, String> {
    let utf16: Vec<u16> = text.encode_utf16().collect();
    let name = |x: f64| packed.names.get(x as usize).cloned().ok_or("name");
    fn parse<T: serde::de::DeserializeOwned>(w: String) -> Result<T, String> {
        serde_json::from_value(Value::String(w)).map_err(|e| e.to_string())
    }
    packed
        .numbers
        .chunks_exact(PACKED_FIELDS)
        .map(|n| {
            let (a, b) = (n[3] as usize, n[4] as usize);
            Ok(ExportSpan {
                id: n[0] as u64,
                start: n[1] as usize,
                end: n[2] as usize,
                utf16: Utf16Span { start: a, end: b },
                text: String::from_utf16(utf16.get(a..b).ok_or("utf16")?)
                    .map_err(|e| e.to_string())?,
                label: name(n[5])?,
                value: (n[6] >= 0.0)
                    .then(|| packed.values.get(n[6] as usize).cloned().ok_or("value"))
                    .transpose()?,
                note: None,
                source: parse(name(n[7])?)?,
                status: parse(name(n[8])?)?,
                entity: (n[9] >= 0.0).then_some(n[9] as usize),
            })
        })
        .collect()
}
