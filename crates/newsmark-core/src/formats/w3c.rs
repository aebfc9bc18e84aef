//! W3C Web Annotation (JSON-LD), export only: a JSON list of annotations, one per span,
//! each targeting the document by a `TextPositionSelector` and a `TextQuoteSelector`:
//!
//! ```json
//! {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:newsmark:span:3",
//!  "type": "Annotation", "motivation": "classifying",
//!  "body": [{"type": "TextualBody", "purpose": "classifying", "value": "PER"}],
//!  "target": {"source": "urn:newsmark:document", "selector": [
//!    {"type": "TextPositionSelector", "start": 27, "end": 45},
//!    {"type": "TextQuoteSelector", "exact": "Volodymyr Zelensky",
//!     "prefix": "…", "suffix": "…"}]}}
//! ```
//!
//! `TextPositionSelector` offsets count **code points**, as the Web Annotation Data Model
//! requires ("in terms of unicode code points … not in terms of code units"). Prefix and
//! suffix are up to [`CONTEXT`] code points either side. A TIMEX value is a second body with
//! `purpose: describing`; machine spans carry `creator: {"type": "Software"}`. Loses the
//! text itself (only quotes travel), the DCT and statuses (a reviewed machine span still names its software creator).

use super::{checked_spans, ExportError, Format, Units};
use crate::document::Document;
use crate::extract::Source;
use crate::span::Span;
use serde_json::{json, Value};

/// Code points of context in `prefix` and `suffix`.
pub const CONTEXT: usize = 32;

/// The IRI used as `target.source` by [`export`].
pub const DEFAULT_SOURCE: &str = "urn:newsmark:document";

/// The annotation list for `doc`, targeting [`DEFAULT_SOURCE`].
pub fn export(doc: &Document) -> Result<String, ExportError> {
    export_with_source(doc, DEFAULT_SOURCE)
}

/// The annotation list for `doc`, targeting the document at `source` (its URL, say).
pub fn export_with_source(doc: &Document, source: &str) -> Result<String, ExportError> {
    let units = Units::new(doc.text());
    let mut list = Vec::new();
    for c in checked_spans(Format::W3c, doc, &units)? {
        let a = c.ann;
        let before = Span::new(c.chars.start.saturating_sub(CONTEXT), c.chars.start);
        let after = Span::new(c.chars.end, (c.chars.end + CONTEXT).min(units.chars()));
        let mut body =
            vec![json!({"type": "TextualBody", "purpose": "classifying", "value": a.label})];
        if let Some(v) = &a.value {
            body.push(json!({"type": "TextualBody", "purpose": "describing", "value": v}));
        }
        let mut anno = json!({
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "id": format!("urn:newsmark:span:{}", a.id),
            "type": "Annotation",
            "motivation": "classifying",
            "body": body,
            "target": {
                "source": source,
                "selector": [
                    {"type": "TextPositionSelector", "start": c.chars.start, "end": c.chars.end},
                    {
                        "type": "TextQuoteSelector",
                        "exact": a.text,
                        "prefix": units.slice(before).unwrap_or(""),
                        "suffix": units.slice(after).unwrap_or(""),
                    },
                ],
            },
        });
        if a.source != Source::User {
            let name = match a.source {
                Source::Model => "newsmark trained tagger",
                _ => "newsmark rules",
            };
            anno["creator"] = json!({"type": "Software", "name": name});
        }
        list.push(anno);
    }
    let v = Value::Array(list);
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_else(|_| v.to_string());
    s.push('\n');
    Ok(s)
}
