//! `window.newsmark`: the JS API for embedding pages and tests.
//!
//! `window.newsmark.annotate(text, {dct: "YYYY-MM-DD"})` returns the `newsmark/1` JSON
//! object of the text annotated by the page's own pipeline. What it refuses, it throws as
//! an `Error` whose `message` says why and whose `code` says what: `"text"` (not a
//! string), `"options"` (not an object of known fields), `"dct"` (not a real `YYYY-MM-DD`
//! date, read by the same strict parser as the CLI and the importers), `"export"`.

use newsmark_core::document::Document;
use newsmark_core::extract::{dct::parse_iso_date, DctChoice};
use newsmark_core::formats::json;
use wasm_bindgen::prelude::*;

#[derive(serde::Deserialize, Default)]
struct Options {
    #[serde(default)]
    dct: Option<String>,
}

/// Annotates `text`; `options.dct` (ISO date) overrides the dateline.
#[wasm_bindgen]
pub fn annotate(text: &str, options: JsValue) -> Result<JsValue, JsValue> {
    annotate_with_text(text, &JsValue::from_str(text), options)
}

/// [`annotate`], handing back `js_text` (the caller's own string, equal to `text`) as the
/// result's `text`: a megabyte of text need not be escaped, decoded and parsed again.
fn annotate_with_text(text: &str, js_text: &JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let opts: Options = if options.is_undefined() || options.is_null() {
        Options::default()
    } else {
        serde_wasm_bindgen::from_value(options)
            .map_err(|e| error("options", &format!("options: {e}")))?
    };
    let dct = match opts.dct.as_deref() {
        None | Some("") => None,
        Some(s) => Some(parse_iso_date(s).map_err(|e| error("dct", &format!("options.dct: {e}")))?),
    };
    let doc =
        super::with_pipeline(|p| Document::with_dct(text, DctChoice::given_or_detect(dct), p));
    let mut export = json::export(&doc).map_err(|e| error("export", &e.to_string()))?;
    export.text.clear();
    // The document's fields as one small JSON text, its spans as numbers and a few strings
    // (`json::pack`) that `build` turns into the span objects: writing, copying and
    // parsing a JSON text of tens of thousands of spans took a quarter of a megabyte's
    // annotation.
    let spans = std::mem::take(&mut export.spans);
    let packed = json::pack(&spans);
    let head = serde_json::to_string(&export).map_err(|e| error("export", &e.to_string()))?;
    let strings = serde_json::to_string(&(&packed.names, &packed.values))
        .map_err(|e| error("export", &e.to_string()))?;
    let numbers = js_sys::Float64Array::from(&packed.numbers[..]);
    build(&head, js_text, &numbers, &strings, json::PACKED_FIELDS)
}

#[wasm_bindgen(inline_js = "
export function build(head, text, n, strings, fields) {
  const out = JSON.parse(head);
  const [names, values] = JSON.parse(strings);
  out.text = text;
  const spans = new Array(n.length / fields);
  for (let k = 0, i = 0; k < n.length; k += fields, i++) {
    const s = { id: n[k], start: n[k + 1], end: n[k + 2], utf16: { start: n[k + 3], end: n[k + 4] },
      text: text.slice(n[k + 3], n[k + 4]), label: names[n[k + 5]] };
    if (n[k + 6] >= 0) s.value = values[n[k + 6]];
    s.source = names[n[k + 7]];
    s.status = names[n[k + 8]];
    if (n[k + 9] >= 0) s.entity = n[k + 9];
    spans[i] = s;
  }
  out.spans = spans;
  return out;
}
")]
extern "C" {
    /// The `newsmark/1` object from its fields but the spans (`head`, JSON), its text and
    /// its spans packed as `json::pack` does (see `json::unpack`, its Rust twin).
    #[wasm_bindgen(catch)]
    fn build(
        head: &str,
        text: &JsValue,
        numbers: &js_sys::Float64Array,
        strings: &str,
        fields: usize,
    ) -> Result<JsValue, JsValue>;
}

/// A JavaScript `Error` with `message` and a machine-readable `code`.
fn error(code: &str, message: &str) -> JsValue {
    let e = js_sys::Error::new(message);
    let _ = js_sys::Reflect::set(&e, &"code".into(), &code.into());
    e.into()
}

/// Puts `{annotate, version}` on `window.newsmark`.
pub fn install() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let api = js_sys::Object::new();
    let f = Closure::<dyn Fn(JsValue, JsValue) -> Result<JsValue, JsValue>>::new(
        |t: JsValue, o| match t.as_string() {
            Some(s) => annotate_with_text(&s, &t, o),
            None => Err(error("text", "text: a string is expected")),
        },
    );
    let _ = js_sys::Reflect::set(&api, &"annotate".into(), f.as_ref());
    f.forget();
    let _ = js_sys::Reflect::set(&api, &"version".into(), &env!("CARGO_PKG_VERSION").into());
    let _ = js_sys::Reflect::set(&window, &"newsmark".into(), &api);
}
