//! Loads the trained entity model after the first paint: the page works with rules until
//! then, and the browser's cache serves the file on later visits.

use newsmark_core::extract::entities::ModelEntities;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Where the page finds the model (copied into `dist/` by Trunk, see `index.html`).
pub const MODEL_URL: &str = "model/ner.bin";

/// Fetches and decodes the model; gives its bytes too (for the annotator worker).
pub async fn load() -> Result<(ModelEntities, js_sys::Uint8Array), String> {
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(MODEL_URL))
        .await
        .map_err(|_| format!("could not fetch {MODEL_URL}"))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "not a response")?;
    if !response.ok() {
        return Err(format!("{MODEL_URL}: HTTP {}", response.status()));
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(|_| "no body")?)
        .await
        .map_err(|_| "the model download broke off")?;
    let bytes = js_sys::Uint8Array::new(&buffer);
    Ok((ModelEntities::from_bytes(&bytes.to_vec())?, bytes))
}
