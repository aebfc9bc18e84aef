//! The top bar: sample, undo/redo, export and copy.

use super::ExportMenu;
use crate::editor::Command;
use newsmark_core::document::Action;
use newsmark_core::formats::Format;
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
    /// Files picked for import.
    pub on_files: Callback<web_sys::FileList>,
    /// "Download" pressed with a format chosen.
    pub on_export_as: Callback<Format>,
    /// "Copy" pressed with a format chosen.
    pub on_copy_as: Callback<Format>,
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
    let reject_all = p
        .send
        .reform(|_: MouseEvent| Command::Edit(Action::RejectAll));
    let picker = use_node_ref();
    let open_picker = {
        let picker = picker.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = picker.cast::<web_sys::HtmlInputElement>() {
                input.set_value("");
                input.click();
            }
        })
    };
    let on_pick = {
        let on_files = p.on_files.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<web_sys::HtmlInputElement>();
            if let Some(files) = input.files().filter(|f| f.length() > 0) {
                on_files.emit(files);
            }
        })
    };
    html! {
        <nav class="toolbar" aria-label="Document">
            <button type="button" onclick={open_picker}
                title="Import an article (UTF-8 .txt), newsmark JSON, doccano JSONL, Label Studio JSON, or brat .txt + .ann (or drop files on the page)">
                { "Import…" }
            </button>
            <input ref={picker} type="file" multiple=true hidden=true onchange={on_pick}
                accept=".json,.jsonl,.txt,.ann" aria-label="Import file" />
            <button type="button" onclick={p.on_load_sample.clone()}>{ "Load sample" }</button>
            <button type="button" onclick={undo} disabled={!p.can_undo} title="Undo (Ctrl+Z)">{ "Undo" }</button>
            <button type="button" onclick={redo} disabled={!p.can_redo} title="Redo (Ctrl+Shift+Z)">{ "Redo" }</button>
            <button type="button" onclick={accept_all} disabled={!p.has_text}
                title="Accept every remaining suggestion">{ "Accept all" }</button>
            <button type="button" onclick={reject_all} disabled={!p.has_text}
                title="Reject every remaining suggestion">{ "Reject all" }</button>
            <button type="button" onclick={p.on_export.clone()} disabled={!p.has_text}>{ "Export JSON" }</button>
            <button type="button" onclick={p.on_copy.clone()} disabled={!p.has_text}>{ "Copy JSON" }</button>
            // Its own component: an undo or a redo changes the buttons above, not the menu.
            <ExportMenu has_text={p.has_text} on_export_as={p.on_export_as.clone()}
                on_copy_as={p.on_copy_as.clone()} />
        </nav>
    }
}
