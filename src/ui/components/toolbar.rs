//! The top bar: sample, undo/redo, export and copy.

use crate::document::Action;
use crate::editor::Command;
use yew::prelude::*;

/// Props of [`Toolbar`].
#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    /// Whether undo has a step.
    pub can_undo: bool,
    /// Whether redo has a step.
    pub can_redo: bool,
    /// Whether there is any text to export.
    pub has_text: bool,
    /// "Load sample" pressed.
    pub on_load_sample: Callback<MouseEvent>,
    /// "Export JSON" pressed.
    pub on_export: Callback<MouseEvent>,
    /// "Copy JSON" pressed.
    pub on_copy: Callback<MouseEvent>,
    /// Sends editor commands (undo/redo).
    pub send: Callback<Command>,
}

/// The top bar.
#[function_component(Toolbar)]
pub fn toolbar(p: &ToolbarProps) -> Html {
    let undo = p.send.reform(|_: MouseEvent| Command::Edit(Action::Undo));
    let redo = p.send.reform(|_: MouseEvent| Command::Edit(Action::Redo));
    let accept_all = p
        .send
        .reform(|_: MouseEvent| Command::Edit(Action::AcceptAll));
    html! {
        <nav class="toolbar" aria-label="Document">
            <button type="button" onclick={p.on_load_sample.clone()}>{ "Load sample" }</button>
            <button type="button" onclick={undo} disabled={!p.can_undo} title="Undo (Ctrl+Z)">{ "Undo" }</button>
            <button type="button" onclick={redo} disabled={!p.can_redo} title="Redo (Ctrl+Shift+Z)">{ "Redo" }</button>
            <button type="button" onclick={accept_all} disabled={!p.has_text}
                title="Accept every remaining suggestion">{ "Accept all" }</button>
            <button type="button" onclick={p.on_export.clone()} disabled={!p.has_text}>{ "Export JSON" }</button>
            <button type="button" onclick={p.on_copy.clone()} disabled={!p.has_text}>{ "Copy JSON" }</button>
        </nav>
    }
}
