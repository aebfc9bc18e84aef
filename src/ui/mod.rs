//! The web shell: Yew components over the core's [`Editor`](crate::editor::Editor).
//! Compiled for wasm32 only. `app.rs` holds the reducer; each component owns its props and
//! sends [`Command`](crate::editor::Command)s up; `dom.rs` holds the few direct DOM calls
//! (selection offsets, downloads, clipboard); `storage.rs` persists the document;
//! `api.rs` is `window.newsmark`.

pub mod api;
pub mod app;
pub mod components;
pub mod dom;
pub mod model_loader;
pub mod storage;
pub mod worker;

use crate::extract::{Extractor, Pipeline};
use std::cell::RefCell;

/// The built-in sample article ("Load sample").
pub const SAMPLE: &str = include_str!("../../www/samples/paris-talks-2025-09-01.txt");

thread_local! {
    /// Rules until the trained entity model has loaded, then the model.
    static PIPELINE: RefCell<Pipeline> = RefCell::new(Pipeline::default());
}

/// Runs `f` with the page's extraction pipeline.
pub fn with_pipeline<R>(f: impl FnOnce(&Pipeline) -> R) -> R {
    PIPELINE.with(|p| f(&p.borrow()))
}

/// Puts a new entity recogniser (the loaded model) into the page's pipeline.
pub fn set_entities(entities: Box<dyn Extractor + Send + Sync>) {
    PIPELINE.with(|p| p.borrow_mut().set_entities(entities));
}

/// Starts the app: panic hook, `window.newsmark`, and the Yew renderer. In a worker (no
/// `window`: the same program annotating long texts, see [`worker`]) it does nothing.
pub fn start() {
    if web_sys::window().is_none() {
        return;
    }
    // Through Yew's own setter: a plain `std::panic::set_hook` is overwritten by the
    // renderer with a console-only hook, and the banner never shows.
    yew::set_custom_panic_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        dom::show_crash_banner(&info.to_string());
    }));
    api::install();
    // The loading shell of index.html gives way to the app in the same task: no frame
    // shows both.
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
    yew::Renderer::<app::App>::new().render();
}
