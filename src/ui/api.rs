//! `window.newsmark`: the JS API for embedding pages and tests.
//!
//! `window.newsmark.annotate(text, {dct: "YYYY-MM-DD"})` returns the `newsmark/1` JSON
//! object of the text annotated by the page's own pipeline.

use crate::document::Document;
use crate::extract::DctChoice;
use crate::formats::json;
use chrono::NaiveDate;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[derive(serde::Deserialize, Default)]
struct Options {
    #[serde(default)]
    dct: Option<String>,
}

/// Annotates `text`; `options.dct` (ISO date) overrides the dateline.
#[wasm_bindgen]
pub fn annotate(text: &str, options: JsValue) -> Result<JsValue, JsValue> {
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
    let export = json::export(&doc).map_err(|e| JsValue::from_str(&e.to_string()))?;
    export
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from_str(&e.to_string()))
}

/// Puts `{annotate, version}` on `window.newsmark`.
pub fn install() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let api = js_sys::Object::new();
    let f = Closure::<dyn Fn(String, JsValue) -> Result<JsValue, JsValue>>::new(|t: String, o| {
        annotate(&t, o)
    });
    let _ = js_sys::Reflect::set(&api, &"annotate".into(), f.as_ref());
    f.forget();
    let _ = js_sys::Reflect::set(&api, &"version".into(), &env!("CARGO_PKG_VERSION").into());
    let _ = js_sys::Reflect::set(&window, &"newsmark".into(), &api);
}
