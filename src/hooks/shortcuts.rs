//! The keyboard: undo/redo, Delete, Esc, 1–8, Tab, Enter, Shift+arrows, and `?` for the
//! overlay that lists them.

use crate::dom;
use crate::editor::Command;
use newsmark_core::document::Action;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The shortcut overlay, as the page shows it.
pub struct Help {
    /// Whether it is open.
    pub open: bool,
    /// Closes it (its Close button).
    pub on_close: Callback<MouseEvent>,
}

/// Listens for the page's keys (unless the person is typing in a field), sends their
/// commands through `send`, and opens or closes the shortcut overlay.
#[hook]
pub fn use_shortcuts(send: &Callback<Command>) -> Help {
    let help = use_reducer(|| Open(false));
    use_effect_with((), {
        let send = send.clone();
        let help = help.dispatcher();
        move |_| {
            let on_key =
                Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |e: web_sys::KeyboardEvent| {
                    if dom::typing_in_field(&e) {
                        return;
                    }
                    if let Some(cmd) = key_command(&e, &help) {
                        e.prevent_default();
                        send.emit(cmd);
                    }
                });
            let document = web_sys::window().and_then(|w| w.document());
            if let Some(d) = &document {
                let _ =
                    d.add_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref());
            }
            move || {
                if let Some(d) = document {
                    let _ = d.remove_event_listener_with_callback(
                        "keydown",
                        on_key.as_ref().unchecked_ref(),
                    );
                }
            }
        }
    });
    let on_close = {
        let help = help.dispatcher();
        use_callback((), move |_, _| help.dispatch(Toggle::Close))
    };
    Help {
        open: help.0,
        on_close,
    }
}

/// The command of a key, if it has one; Esc and `?` close or toggle the overlay too.
fn key_command(e: &web_sys::KeyboardEvent, help: &UseReducerDispatcher<Open>) -> Option<Command> {
    let ctrl = e.ctrl_key() || e.meta_key();
    let key = e.key();
    match key.as_str() {
        "z" | "Z" if ctrl && e.shift_key() => Some(Command::Edit(Action::Redo)),
        "z" | "Z" if ctrl => Some(Command::Edit(Action::Undo)),
        "y" | "Y" if ctrl => Some(Command::Edit(Action::Redo)),
        "Delete" | "Backspace" if !ctrl => Some(Command::DeleteSelected),
        "Escape" => {
            help.dispatch(Toggle::Close);
            Some(Command::Cancel)
        }
        "?" => {
            help.dispatch(Toggle::Toggle);
            None
        }
        "ArrowRight" | "ArrowLeft" if e.shift_key() && !ctrl && dom::in_document_view(e) => {
            let right = key == "ArrowRight";
            // Shift+→/← move the end; with Alt, the start.
            Some(if e.alt_key() {
                Command::Nudge {
                    end: false,
                    grow: !right,
                }
            } else {
                Command::Nudge {
                    end: true,
                    grow: right,
                }
            })
        }
        "Tab" if !ctrl && dom::in_document_view(e) => Some(Command::Step(!e.shift_key())),
        "Enter" if !ctrl && dom::in_document_view(e) => Some(Command::AcceptSelected),
        k if !ctrl && !e.alt_key() && k.len() == 1 => k
            .parse::<usize>()
            .ok()
            .filter(|d| (1..=9).contains(d))
            .map(Command::LabelKey),
        _ => None,
    }
}

/// Whether the shortcut overlay is open (a reducer, so the key listener toggles the
/// current value, not the one it captured).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Open(bool);

enum Toggle {
    Toggle,
    Close,
}

impl Reducible for Open {
    type Action = Toggle;
    fn reduce(self: Rc<Self>, a: Toggle) -> Rc<Self> {
        Rc::new(Open(match a {
            Toggle::Toggle => !self.0,
            Toggle::Close => false,
        }))
    }
}
