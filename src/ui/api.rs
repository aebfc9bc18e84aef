//! `window.newsmark`: the JS API for embedding pages and tests.
//!
//! `window.newsmark.annotate(text, {dct: "YYYY-MM-DD"})` returns the `newsmark/1` JSON
//! object of the text annotated by the page's own pipeline.

use crate::document::Document;
use crate::extract::DctChoice;
use crate::formats::json;
use chrono::NaiveDate;
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
            .map_err(|e| JsValue::from_str(&format!("options: {e}")))?
    };
    let dct = match opts.dct.as_deref() {
        None | Some("") => None,
        Some(s) => Some(s.parse::<NaiveDate>().map_err(|_| {
            JsValue::from_str(&format!("options.dct: “{s}” is not a YYYY-MM-DD date"))
        })?),
    };
    let doc =
        super::with_pipeline(|p| Document::with_dct(text, DctChoice::given_or_detect(dct), p));
    let mut export = json::export(&doc).map_err(|e| JsValue::from_str(&e.to_string()))?;
    export.text.clear();
    // One JSON string parsed by the engine: far cheaper than building tens of thousands of
    // small objects field by field across the wasm boundary.
    let json = serde_json::to_string(&export).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let out = js_sys::JSON::parse(&json)?;
    js_sys::Reflect::set(&out, &"text".into(), js_text)?;
    Ok(out)
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
            None => Err(JsValue::from_str("text: a string is expected")),
        },
    );
    let _ = js_sys::Reflect::set(&api, &"annotate".into(), f.as_ref());
    f.forget();
    let _ = js_sys::Reflect::set(&api, &"version".into(), &env!("CARGO_PKG_VERSION").into());
    let _ = js_sys::Reflect::set(&window, &"newsmark".into(), &api);
}
