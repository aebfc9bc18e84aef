//! Two tabs of the page share one saved copy. When another tab saves the work, this tab
//! takes that copy at once and says so, so that its next save builds on the other tab's
//! edits instead of writing over them (#27: a relabel made in one tab was silently lost
//! when the other tab saved its older document).

use crate::editor::{Command, Notice};
use crate::storage;
use newsmark_core::persist;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Follows the saved copy as other tabs write it (the browser's `storage` event, which
/// fires in every tab of the page but the one that wrote).
#[hook]
pub fn use_other_tabs(send: &Callback<Command>) {
    let send = send.clone();
    use_effect_with((), move |_| {
        let on_storage =
            Closure::<dyn Fn(web_sys::StorageEvent)>::new(move |e: web_sys::StorageEvent| {
                if e.key().as_deref() != Some(storage::KEY) {
                    return;
                }
                // Removed (storage cleared): this tab keeps what it shows, and saves it again
                // with its next change.
                let Some(raw) = e.new_value() else {
                    return;
                };
                match persist::decode(&raw) {
                    Ok(loaded) => {
                        send.emit(Command::Replace(Box::new(loaded.doc)));
                        send.emit(Command::Notify(Notice::Info(
                            "This article was changed in another tab of newsmark: this tab now \
                             shows that version, with its undo history."
                                .into(),
                        )));
                    }
                    Err(e) => send.emit(Command::Notify(Notice::Error(format!(
                        "another tab saved a copy this tab cannot read ({e}); this tab keeps \
                         its own"
                    )))),
                }
            });
        if let Some(w) = web_sys::window() {
            let _ =
                w.add_event_listener_with_callback("storage", on_storage.as_ref().unchecked_ref());
        }
        on_storage.forget();
    });
}
