//! # newsmark-web: the page
//!
//! The Yew shell over [`newsmark_core`]. Three parts build natively and are tested with
//! `cargo test`: [`editor`] (the editor session that the page's reducer wraps: the document,
//! what the person points at, the status message), [`state`] (the page's state and its pure
//! reducer) and [`view`] (the annotated text as HTML blocks). The rest is the browser shell,
//! compiled for wasm32 only: `app.rs` composes the state, the hooks and the markup; each hook
//! under `hooks/` owns one effect (saving, keys, the model and the worker, imports and
//! exports); each component under `components/` owns its props and sends
//! [`Command`](crate::editor::Command)s up; `dom.rs` holds the few direct DOM calls
//! (selection offsets, downloads, clipboard); `storage.rs` persists the document;
//! `worker.rs` annotates long texts off the main thread; `api.rs` is `window.newsmark`, the
//! one place where offsets are UTF-16.

pub mod editor;
pub mod state;
pub mod view;

#[cfg(target_arch = "wasm32")]
pub mod api;
#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod dom;
#[cfg(target_arch = "wasm32")]
pub mod hooks;
#[cfg(target_arch = "wasm32")]
pub mod model_loader;
#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod worker;

#[cfg(target_arch = "wasm32")]
pub use shell::*;

/// What the page holds beside its components: the sample, the extraction pipeline, start-up.
#[cfg(target_arch = "wasm32")]
mod shell {
    use super::{api, app, dom};
    use newsmark_core::extract::{Extractor, Pipeline};
    use std::cell::RefCell;
    use std::rc::Rc;

    /// The built-in sample article ("Load sample").
    pub const SAMPLE: &str = include_str!("../www/samples/paris-talks-2025-09-01.txt");

    thread_local! {
        /// Rules until the trained entity model has loaded, then the model: the pipeline of
        /// `window.newsmark` and of the worker. The page's state holds its own handle to it
        /// ([`crate::state::UiState::pipeline`]).
        static PIPELINE: RefCell<Rc<Pipeline>> = RefCell::new(Rc::new(Pipeline::default()));
    }

    /// Runs `f` with the page's extraction pipeline.
    pub fn with_pipeline<R>(f: impl FnOnce(&Pipeline) -> R) -> R {
        f(&pipeline())
    }

    /// The page's extraction pipeline.
    pub fn pipeline() -> Rc<Pipeline> {
        PIPELINE.with(|p| p.borrow().clone())
    }

    /// Makes the page's pipeline one with a new entity recogniser (the loaded model), and
    /// gives it.
    pub fn set_entities(entities: Box<dyn Extractor + Send + Sync>) -> Rc<Pipeline> {
        let mut next = Pipeline::default();
        next.set_entities(entities);
        let next = Rc::new(next);
        PIPELINE.with(|p| *p.borrow_mut() = next.clone());
        next
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
}
