//! Saving: every change of the document is stored, after the repaint that shows it; the
//! text still being typed is stored as the page is hidden or left.

use crate::editor::{Command, Notice};
use crate::state::UiState;
use crate::storage;
use newsmark_core::document::Action;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Documents from this many bytes of text are saved a while after the repaint, not in the
/// task right after it (writing a book and its history takes 30 ms or more).
const SAVE_LATER_FROM: usize = 100_000;
/// How long after the repaint such a document is saved: once the person pauses, so edits
/// in a row are saved once and a key pressed in the middle of them does not wait for a
/// save (with 200 ms, an undo typed just after a relabel on a book often did). Leaving or
/// hiding the page saves at once; a crash of the browser can lose this last second.
const SAVE_DELAY_MS: u32 = 1_000;
/// The longest a long document waits unsaved while the person keeps editing, scrolling or
/// typing: then it is saved after the next repaint whatever they do.
const SAVE_WAIT_MAX_MS: f64 = 30_000.0;

/// Text typed into the text area that the document has not taken yet (the area waits for
/// a pause in the typing before it hands the text over): shared by the text pane, which
/// writes it, and [`use_autosave`], which saves it with the document if the page is hidden
/// or left before the pause (#27: words typed 100 ms before the tab closed were lost).
#[derive(Clone, Default)]
pub struct PendingText(Rc<RefCell<Option<String>>>);

impl PendingText {
    /// The person typed: this is the text the area holds now.
    pub fn set(&self, text: String) {
        *self.0.borrow_mut() = Some(text);
    }
    /// The document took the text (or it was dropped): nothing is waiting.
    pub fn clear(&self) {
        self.0.borrow_mut().take();
    }
    fn take(&self) -> Option<String> {
        self.0.borrow_mut().take()
    }
}

/// One cell for the page's life: equal to itself only.
impl PartialEq for PendingText {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Work is never lost: every change of the document is saved. Pointing at spans or
/// messages change the state but not the document, and are not worth a save (which writes
/// the whole undo history). The save runs in the task after the repaint, so an edit shows
/// at once (a long document once the person pauses: edits in a row are saved once); a
/// newer state replaces a save not yet done, and one still waiting when the page is hidden
/// or left is done then, with the text still being typed (`pending`) if there is some: the
/// document is saved with that text in place and its annotation still to do, which the page
/// does when it is opened again. A save that fails says why through `send`.
#[hook]
pub fn use_autosave(
    state: &UseReducerHandle<UiState>,
    send: &Callback<Command>,
    pending: &PendingText,
) {
    // The state as last rendered, for the save made as the page is left.
    let latest = use_mut_ref(|| state.clone());
    *latest.borrow_mut() = state.clone();
    // What the page started with is in storage already (or there is nothing to keep).
    let saved = use_mut_ref(|| Some(state.editor.doc.clone()));
    let unsaved = use_mut_ref(|| None::<Rc<dyn Fn()>>);
    let save_timer = use_mut_ref(|| None::<gloo_timers::callback::Timeout>);
    // Since when a long document has waited unsaved (ms, `Date.now()`).
    let waiting_since = use_mut_ref(|| None::<f64>);
    use_effect_with(state.clone(), {
        let (send, unsaved) = (send.clone(), unsaved.clone());
        let (save_timer, waiting_since) = (save_timer.clone(), waiting_since.clone());
        move |state| {
            if saved.borrow().as_ref() == Some(&state.editor.doc) {
                return;
            }
            let save: Rc<dyn Fn()> = Rc::new({
                let state = state.clone();
                move || {
                    let doc = &state.editor.doc;
                    match storage::save(doc) {
                        Ok(()) => *saved.borrow_mut() = Some(doc.clone()),
                        Err(e) => {
                            if !matches!(&state.editor.notice, Some(Notice::Error(m)) if *m == e) {
                                send.emit(Command::Notify(Notice::Error(e)));
                            }
                        }
                    }
                }
            });
            let was_waiting = unsaved.borrow_mut().replace(save).is_some();
            *save_timer.borrow_mut() = None;
            let now = js_sys::Date::now();
            let delay = if state.editor.doc.text().len() < SAVE_LATER_FROM {
                *waiting_since.borrow_mut() = None;
                0
            } else {
                // The wait starts with the first edit not yet saved.
                let since = match *waiting_since.borrow() {
                    Some(t) if was_waiting => t,
                    _ => now,
                };
                *waiting_since.borrow_mut() = Some(since);
                if now - since < SAVE_WAIT_MAX_MS {
                    SAVE_DELAY_MS
                } else {
                    0
                }
            };
            let in_frame = Closure::once_into_js({
                let unsaved = unsaved.clone();
                move || save_after(&save_timer, &unsaved, delay)
            });
            let asked = web_sys::window()
                .map(|w| w.request_animation_frame(in_frame.unchecked_ref()).is_ok());
            if asked != Some(true) {
                flush(&unsaved);
            }
        }
    });
    // While the person scrolls or types, a long document waiting to be saved waits on (a
    // save in the middle would stall a frame or a key), at most SAVE_WAIT_MAX_MS in all.
    use_effect_with((), {
        let unsaved = unsaved.clone();
        move |_| {
            let on_activity = Closure::<dyn Fn()>::new(move || {
                let Some(since) = *waiting_since.borrow() else {
                    return;
                };
                if unsaved.borrow().is_none() || js_sys::Date::now() - since >= SAVE_WAIT_MAX_MS {
                    return;
                }
                save_after(&save_timer, &unsaved, SAVE_DELAY_MS);
            });
            if let Some(d) = web_sys::window().and_then(|w| w.document()) {
                for event in ["scroll", "keydown", "pointerdown"] {
                    let _ = d.add_event_listener_with_callback_and_bool(
                        event,
                        on_activity.as_ref().unchecked_ref(),
                        true,
                    );
                }
            }
            on_activity.forget();
        }
    });
    let (pending, send) = (pending.clone(), send.clone());
    use_effect_with((), move |_| {
        let on_leave = Closure::<dyn Fn()>::new(move || match pending.take() {
            Some(text) => save_with_text(&latest.borrow(), text, &unsaved, &send),
            None => flush(&unsaved),
        });
        if let Some(w) = web_sys::window() {
            for event in ["pagehide", "visibilitychange"] {
                let _ =
                    w.add_event_listener_with_callback(event, on_leave.as_ref().unchecked_ref());
            }
        }
        on_leave.forget();
    });
}

/// The save waiting to run, if any.
type Unsaved = RefCell<Option<Rc<dyn Fn()>>>;

/// Runs the save waiting in `unsaved` `delay_ms` from now, in place of an earlier timer.
fn save_after(
    timer: &RefCell<Option<gloo_timers::callback::Timeout>>,
    unsaved: &Rc<Unsaved>,
    delay_ms: u32,
) {
    let unsaved = unsaved.clone();
    *timer.borrow_mut() = Some(gloo_timers::callback::Timeout::new(delay_ms, move || {
        flush(&unsaved)
    }));
}

/// Saves the document of `state` with `text` put in place of its own, as the person's edit
/// would, but with the machine's run over it left for later (it is saved as waiting for it):
/// the page is going away, and a run could take longer than it has. Replaces any save
/// waiting in `unsaved`, which holds an older document.
fn save_with_text(state: &UiState, text: String, unsaved: &Unsaved, send: &Callback<Command>) {
    unsaved.borrow_mut().take();
    let mut editor = state.editor.clone();
    editor.defer_from = Some(0);
    editor.run(Command::Edit(Action::SetText(text)), &state.pipeline.0);
    if let Err(e) = storage::save(&editor.doc) {
        send.emit(Command::Notify(Notice::Error(e)));
    }
}

/// Runs the save waiting in `unsaved`, if any.
fn flush(unsaved: &Unsaved) {
    let save = unsaved.borrow_mut().take();
    if let Some(save) = save {
        save();
    }
}
