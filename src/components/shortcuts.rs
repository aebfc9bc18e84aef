//! The "?" overlay: every keyboard shortcut.

use yew::prelude::*;

/// Props of [`Shortcuts`].
#[derive(Properties, PartialEq)]
pub struct ShortcutsProps {
    /// Close pressed.
    pub on_close: Callback<MouseEvent>,
}

const KEYS: &[(&str, &str)] = &[
    (
        "1 – 8",
        "label the selected span or the text selection (numbers as in the legend)",
    ),
    ("Tab / Shift+Tab", "select the next / previous span"),
    (
        "Enter",
        "accept the selected suggestion and move to the next one",
    ),
    ("Delete / Backspace", "delete the selected span"),
    (
        "Shift+→ / Shift+←",
        "grow / shrink the selected span's end by a word",
    ),
    (
        "Alt+Shift+← / Alt+Shift+→",
        "grow / shrink its start by a word",
    ),
    ("Ctrl+Z", "undo"),
    ("Ctrl+Shift+Z / Ctrl+Y", "redo"),
    ("Esc", "cancel the selection"),
    ("?", "show or hide this list"),
];

/// The shortcut overlay.
#[function_component(Shortcuts)]
pub fn shortcuts(p: &ShortcutsProps) -> Html {
    html! {
        <section class="shortcuts" role="dialog" aria-label="Keyboard shortcuts">
            <h2>{ "Keyboard shortcuts" }</h2>
            <dl>
                { for KEYS.iter().map(|(k, what)| html! {
                    <><dt><kbd>{ *k }</kbd></dt><dd>{ *what }</dd></>
                }) }
            </dl>
            <button type="button" onclick={p.on_close.clone()}>{ "Close" }</button>
        </section>
    }
}
