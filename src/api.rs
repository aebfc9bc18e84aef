//! `window.newsmark`: the JS API for embedding pages and tests.
//!
//! `window.newsmark.annotate(text, {dct: "YYYY-MM-DD"})` returns the `newsmark/1` JSON
//! object of the text annotated by the page's own pipeline, on the main thread.
//! `window.newsmark.annotateAsync(text, {dct})` returns a `Promise` of the same object,
//! annotated in the page's worker (see [`worker::api_annotate`]) so that the page
//! answers meanwhile. What they refuse, `annotate` throws and `annotateAsync` rejects with,
//! as an `Error` whose `message` says why and whose `code` says what: `"text"` (not a
//! string), `"too-long"` (over [`MAX_TEXT_UNITS`]), `"options"` (not an object of known
//! fields), `"dct"` (not a real `YYYY-MM-DD` date, read by the same strict parser as the CLI
//! and the importers), `"export"`.

use newsmark_core::document::Document;
use newsmark_core::extract::{dct::parse_iso_date, DctChoice};
use newsmark_core::formats::json;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::worker;

/// The longest text either function takes, in UTF-16 code units (JavaScript's
/// `text.length`: 64 Mi, 64 MB of ASCII). Longer ones are refused with `"too-long"` before
/// any work: annotating one holds the text several times over in the program's memory, and
/// a program out of memory aborts, the page's editor with it.
pub const MAX_TEXT_UNITS: u32 = 64 << 20;

/// `{dct}`: any other field is refused ([`read_options`]), as a misspelt `{date: …}` would
/// otherwise be ignored.
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
    let choice = read_options(options)?;
    annotate_here(text, js_text, choice)
}

/// The document date choice `options` asks for: the dateline's unless `options.dct` is a
/// date. Checked here, on the main thread, for both functions: `annotateAsync` rejects
/// before anything is sent to the worker.
fn read_options(options: JsValue) -> Result<DctChoice, JsValue> {
    let opts: Options = if options.is_undefined() || options.is_null() {
        Options::default()
    } else {
        // serde-wasm-bindgen reads a struct's fields by name and never sees others, so
        // `deny_unknown_fields` would not refuse them: the keys are looked at here.
        if let Some(o) = options.dyn_ref::<js_sys::Object>() {
            if let Some(k) = js_sys::Object::keys(o).iter().find(|k| *k != "dct") {
                let k = k.as_string().unwrap_or_default();
                return Err(error(
                    "options",
                    &format!("options: unknown field “{k}”, expected “dct”"),
                ));
            }
        }
        serde_wasm_bindgen::from_value(options)
            .map_err(|e| error("options", &format!("options: {e}")))?
    };
    let dct = match opts.dct.as_deref() {
        None | Some("") => None,
        Some(s) => Some(parse_iso_date(s).map_err(|e| error("dct", &format!("options.dct: {e}")))?),
    };
    Ok(DctChoice::given_or_detect(dct))
}

/// The caller's text, if it is a string within [`MAX_TEXT_UNITS`] (its length is read
/// without copying it).
fn checked_text(text: JsValue) -> Result<js_sys::JsString, JsValue> {
    let text = text
        .dyn_into::<js_sys::JsString>()
        .map_err(|_| error("text", "text: a string is expected"))?;
    let units = text.length();
    if units > MAX_TEXT_UNITS {
        return Err(error(
            "too-long",
            &format!(
                "text: {units} UTF-16 code units; the API takes texts up to {MAX_TEXT_UNITS} \
                 (64 Mi). Split it into parts, or annotate it with the command line: \
                 newsmark annotate FILE"
            ),
        ));
    }
    Ok(text)
}

/// The `newsmark/1` object of `text` (whose JavaScript string is `js_text`), annotated
/// against `choice` by this thread's pipeline.
fn annotate_here(text: &str, js_text: &JsValue, choice: DctChoice) -> Result<JsValue, JsValue> {
    let packed = export_packed(text, choice)?;
    let numbers = js_sys::Float64Array::from(&packed.numbers[..]);
    build(
        &packed.head,
        js_text,
        &numbers,
        &packed.strings,
        json::PACKED_FIELDS,
    )
}

/// The `newsmark/1` export of a text, as [`build`] and [`build_later`] take it: the
/// document's fields as one small JSON text (its `text` empty, its `spans` an empty list:
/// the caller has the text, and the spans are packed), its spans as numbers and a few
/// strings (`json::pack`). Writing, copying and parsing a JSON text of tens of thousands
/// of spans took a quarter of a megabyte's annotation.
struct Packed {
    /// The fields but the text and spans, JSON.
    pub head: String,
    /// [`json::PACKED_FIELDS`] numbers per span.
    pub numbers: Vec<f64>,
    /// `[names, values]` of [`json::Packed`], JSON.
    pub strings: String,
}

/// Annotates `text` against `choice` with this thread's pipeline (the page's, or the
/// worker's: the same program and model) and exports it, packed.
fn export_packed(text: &str, choice: DctChoice) -> Result<Packed, JsValue> {
    let doc = super::with_pipeline(|p| Document::with_dct(text, choice, p));
    let mut export = json::export(&doc).map_err(|e| error("export", &e.to_string()))?;
    export.text.clear();
    let spans = std::mem::take(&mut export.spans);
    let packed = json::pack(&spans);
    let head = serde_json::to_string(&export).map_err(|e| error("export", &e.to_string()))?;
    let strings = serde_json::to_string(&(&packed.names, &packed.values))
        .map_err(|e| error("export", &e.to_string()))?;
    Ok(Packed {
        head,
        numbers: packed.numbers,
        strings,
    })
}

/// `annotateAsync`: checks the text and options here, then has the worker annotate (or,
/// without one, this thread in a later task); a promise of what `annotate` returns.
fn annotate_async(text: JsValue, options: JsValue) -> js_sys::Promise {
    let checked = checked_text(text).and_then(|t| Ok((t, read_options(options)?)));
    let (text, choice) = match checked {
        Ok(x) => x,
        Err(e) => return js_sys::Promise::reject(&e),
    };
    js_sys::Promise::new(&mut |resolve, reject| {
        let js_text: JsValue = text.clone().into();
        worker::api_annotate(worker::Request {
            text: text.clone(),
            choice,
            answer: Box::new(move |answer| settle(&js_text, choice, answer, &resolve, &reject)),
        })
    })
}

/// Settles the promise of `annotateAsync(js_text)` with the worker's `answer`, or, without
/// a worker, with what `annotate` returns or throws, computed now.
fn settle(
    js_text: &JsValue,
    choice: DctChoice,
    answer: worker::Answer,
    resolve: &js_sys::Function,
    reject: &js_sys::Function,
) {
    let result = match answer {
        // The object is made a slice of spans per task ([`build_later`]); a promise
        // resolved with a promise follows it, to its object or its error.
        worker::Answer::Exported {
            head,
            numbers,
            strings,
        } => Ok(build_later(&head, js_text, &numbers, &strings, json::PACKED_FIELDS).into()),
        worker::Answer::Refused { code, message } => Err(error(&code, &message)),
        worker::Answer::NoWorker => match js_text.as_string() {
            Some(text) => annotate_here(&text, js_text, choice),
            None => Err(error("text", "text: a string is expected")),
        },
    };
    let _ = match result {
        Ok(doc) => resolve.call1(&JsValue::NULL, &doc),
        Err(e) => reject.call1(&JsValue::NULL, &e),
    };
}

/// Worker side of `annotateAsync`: annotates `text` against `dct` (as [`DctChoice`]'s
/// `Display` writes it) as `annotate` does, and returns its export packed as `{head,
/// numbers: Float64Array, strings}` (see [`Packed`]). A refusal is an `Error` with a `code`.
#[wasm_bindgen(js_name = workerExport)]
pub fn worker_export(text: &str, dct: &str) -> Result<JsValue, JsValue> {
    let choice: DctChoice = dct
        .parse()
        .map_err(|e: String| error("dct", &format!("options.dct: {e}")))?;
    let packed = export_packed(text, choice)?;
    let out = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&out, &k.into(), v).map(drop);
    set("head", &packed.head.into())?;
    set("numbers", &js_sys::Float64Array::from(&packed.numbers[..]))?;
    set("strings", &packed.strings.into())?;
    Ok(out.into())
}

#[wasm_bindgen(inline_js = "
function span(n, k, text, names, values) {
  const s = { id: n[k], start: n[k + 1], end: n[k + 2], utf16: { start: n[k + 3], end: n[k + 4] },
    text: text.slice(n[k + 3], n[k + 4]), label: names[n[k + 5]] };
  if (n[k + 6] >= 0) s.value = values[n[k + 6]];
  s.source = names[n[k + 7]];
  s.status = names[n[k + 8]];
  if (n[k + 9] >= 0) s.entity = n[k + 9];
  return s;
}

export function build(head, text, n, strings, fields) {
  const out = JSON.parse(head);
  const [names, values] = JSON.parse(strings);
  out.text = text;
  const spans = new Array(n.length / fields);
  for (let k = 0, i = 0; k < n.length; k += fields, i++) spans[i] = span(n, k, text, names, values);
  out.spans = spans;
  return out;
}

// What build returns, as a promise: the spans are made a slice per task, each of about
// SLICE_MS, so that input waiting meanwhile is handled between slices.
const SLICE_MS = 16;
export function build_later(head, text, n, strings, fields) {
  return new Promise((resolve, reject) => {
    const out = JSON.parse(head);
    const [names, values] = JSON.parse(strings);
    out.text = text;
    const spans = new Array(n.length / fields);
    let k = 0, i = 0;
    const next = new MessageChannel();
    const slice = () => {
      try {
        const until = performance.now() + SLICE_MS;
        while (k < n.length) {
          spans[i++] = span(n, k, text, names, values);
          k += fields;
          if ((i & 511) === 0 && performance.now() > until) {
            next.port2.postMessage(null);
            return;
          }
        }
        next.port1.close();
        out.spans = spans;
        resolve(out);
      } catch (e) {
        next.port1.close();
        reject(e);
      }
    };
    next.port1.onmessage = slice;
    slice();
  });
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

    /// [`build`]'s object, made over several tasks: a promise of it. `numbers` is a
    /// `Float64Array`, `head` and `strings` JSON strings.
    fn build_later(
        head: &JsValue,
        text: &JsValue,
        numbers: &JsValue,
        strings: &JsValue,
        fields: usize,
    ) -> js_sys::Promise;
}

/// A JavaScript `Error` with `message` and a machine-readable `code`.
fn error(code: &str, message: &str) -> JsValue {
    let e = js_sys::Error::new(message);
    let _ = js_sys::Reflect::set(&e, &"code".into(), &code.into());
    e.into()
}

/// Puts `{annotate, annotateAsync, version}` on `window.newsmark`.
pub fn install() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let api = js_sys::Object::new();
    let f =
        Closure::<dyn Fn(JsValue, JsValue) -> Result<JsValue, JsValue>>::new(|t: JsValue, o| {
            let t: JsValue = checked_text(t)?.into();
            match t.as_string() {
                Some(s) => annotate_with_text(&s, &t, o),
                None => Err(error("text", "text: a string is expected")),
            }
        });
    let _ = js_sys::Reflect::set(&api, &"annotate".into(), f.as_ref());
    f.forget();
    let f = Closure::<dyn Fn(JsValue, JsValue) -> js_sys::Promise>::new(annotate_async);
    let _ = js_sys::Reflect::set(&api, &"annotateAsync".into(), f.as_ref());
    f.forget();
    let _ = js_sys::Reflect::set(&api, &"version".into(), &env!("CARGO_PKG_VERSION").into());
    let _ = js_sys::Reflect::set(&window, &"newsmark".into(), &api);
}
