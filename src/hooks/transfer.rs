//! Imports and exports: the sample, files from the picker or dropped on the page, downloads
//! and the clipboard.

use crate::dom;
use crate::editor::{Command, Notice};
use crate::state::UiState;
use crate::SAMPLE;
use newsmark_core::document::Action;
use newsmark_core::formats::{self, json, Format, InputFile};
use newsmark_core::persist;
use yew::prelude::*;

/// The toolbar's and the page's handlers of imports and exports.
pub struct Transfer {
    /// Loads the built-in sample.
    pub on_load_sample: Callback<MouseEvent>,
    /// Downloads the document as newsmark JSON.
    pub on_export: Callback<MouseEvent>,
    /// Copies the document as newsmark JSON.
    pub on_copy: Callback<MouseEvent>,
    /// Copies the document in a format (its annotation file).
    pub on_copy_as: Callback<Format>,
    /// Imports files.
    pub on_files: Callback<web_sys::FileList>,
    /// Downloads the document in a format.
    pub on_export_as: Callback<Format>,
    /// Lets files be dropped on the page.
    pub ondragover: Callback<DragEvent>,
    /// Imports the files dropped on the page.
    pub ondrop: Callback<DragEvent>,
}

/// The handlers of imports and exports. They are made once and read the state current when
/// they run, so the toolbar (and its export menus) is rendered again only when what it
/// shows changed. What they do, or why they could not, they say through `send`.
#[hook]
pub fn use_transfer(state: &UseReducerHandle<UiState>, send: &Callback<Command>) -> Transfer {
    let current = use_mut_ref(|| state.clone());
    *current.borrow_mut() = state.clone();
    let on_load_sample = {
        let send = send.clone();
        use_callback((), move |_, _| {
            send.emit(Command::Edit(Action::LoadText(SAMPLE.to_string())))
        })
    };
    let export_json = {
        let current = current.clone();
        move || json::to_string_pretty(&current.borrow().editor.doc).map_err(|e| e.to_string())
    };
    let on_export = {
        let send = send.clone();
        let export_json = export_json.clone();
        use_callback((), move |_, _| {
            let result = export_json().and_then(|j| {
                dom::download("newsmark.json", "application/json", &j)
                    .map_err(|_| "the browser refused the download".to_string())
            });
            send.emit(Command::Notify(match result {
                Ok(()) => Notice::Info("exported newsmark.json".into()),
                Err(e) => Notice::Error(format!("Export failed: {e}")),
            }));
        })
    };
    let on_copy = {
        let send = send.clone();
        use_callback((), move |_, _| {
            copy_to_clipboard(&send, export_json().map(|j| ("the JSON".to_string(), j)))
        })
    };
    let on_copy_as = {
        let send = send.clone();
        let current = current.clone();
        use_callback((), move |format: Format, _| {
            // A multi-file format (brat) copies its annotation file, the last one.
            let result = format
                .export(&current.borrow().editor.doc)
                .map_err(|e| e.to_string())
                .and_then(|mut files| files.pop().ok_or_else(|| "nothing to copy".to_string()))
                .and_then(|f| match String::from_utf8(f.contents) {
                    Ok(text) if format.is_text() => Ok((f.name, text)),
                    _ => Err(format!(
                        "{} is a binary file: use Download instead",
                        format.title()
                    )),
                });
            copy_to_clipboard(&send, result);
        })
    };
    // Import: files from the picker or dropped on the page; a file that cannot be read
    // leaves the current document untouched and says why.
    let on_files = {
        let send = send.clone();
        use_callback((), move |list: web_sys::FileList, _| {
            let send = send.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let cmd = match dom::read_files(list).await {
                    Ok(files) => import_command(&files),
                    Err(e) => Command::Notify(Notice::Error(format!("Import failed: {e}"))),
                };
                send.emit(cmd);
            });
        })
    };
    let on_export_as = {
        let send = send.clone();
        use_callback((), move |format: Format, _| {
            let result = format
                .export(&current.borrow().editor.doc)
                .map_err(|e| e.to_string())
                .and_then(|files| {
                    for f in &files {
                        dom::download_bytes(&f.name, f.mime, &f.contents)
                            .map_err(|_| "the browser refused the download".to_string())?;
                    }
                    Ok(files
                        .iter()
                        .map(|f| f.name.clone())
                        .collect::<Vec<_>>()
                        .join(" and "))
                });
            send.emit(Command::Notify(match result {
                Ok(names) => Notice::Info(format!(
                    "exported {names} (offsets: {})",
                    format.offset_unit().name()
                )),
                Err(e) => Notice::Error(format!("Export failed: {e}")),
            }));
        })
    };
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = {
        let on_files = on_files.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(files) = e.data_transfer().and_then(|d| d.files()) {
                if files.length() > 0 {
                    on_files.emit(files);
                }
            }
        })
    };
    Transfer {
        on_load_sample,
        on_export,
        on_copy,
        on_copy_as,
        on_files,
        on_export_as,
        ondragover,
        ondrop,
    }
}

/// The command that imports `files`: the detected format's document, or a message.
fn import_command(files: &[InputFile]) -> Command {
    let names = files
        .iter()
        .map(|f| f.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    // A .txt on its own is an article to annotate (with an .ann it is brat's); a saved
    // copy (what the crash banner offers for download) is read as the page reads it.
    if let [file] = files {
        let head = &file.bytes[..file.bytes.len().min(200)];
        if String::from_utf8_lossy(head).contains(&format!("\"{}\"", persist::FORMAT)) {
            return match std::str::from_utf8(&file.bytes)
                .map_err(|e| e.to_string())
                .and_then(|raw| persist::decode(raw).map_err(|e| e.to_string()))
            {
                Ok(loaded) => Command::Edit(Action::Import(Box::new(loaded.doc))),
                Err(e) => Command::Notify(Notice::Error(format!(
                    "Import failed, nothing was changed: {e}"
                ))),
            };
        }
        if file.name.to_ascii_lowercase().ends_with(".txt") {
            return match formats::plain_text(file) {
                Ok(text) => Command::Edit(Action::LoadText(text)),
                Err(e) => Command::Notify(Notice::Error(format!(
                    "Import failed, nothing was changed: {e}"
                ))),
            };
        }
    }
    let Some(format) = Format::detect(files) else {
        return Command::Notify(Notice::Error(format!(
            "Import failed: “{names}” is not a format newsmark reads (an article as UTF-8 .txt, newsmark JSON, doccano JSONL, Label Studio JSON, brat .txt + .ann); nothing was changed"
        )));
    };
    match format.import(files) {
        Ok(doc) => Command::Edit(Action::Import(Box::new(doc))),
        Err(e) => Command::Notify(Notice::Error(format!(
            "Import failed, nothing was changed: {e}"
        ))),
    }
}

/// Copies `what` (a name for the message, and the text) to the clipboard and reports.
fn copy_to_clipboard(send: &Callback<Command>, what: Result<(String, String), String>) {
    let send = send.clone();
    match what.and_then(|(name, text)| {
        dom::copy(&text)
            .map(|p| (name, p))
            .map_err(|_| "no clipboard".to_string())
    }) {
        Ok((name, promise)) => wasm_bindgen_futures::spawn_local(async move {
            let done = wasm_bindgen_futures::JsFuture::from(promise).await;
            send.emit(Command::Notify(match done {
                Ok(_) => Notice::Info(format!("copied {name} to the clipboard")),
                Err(_) => Notice::Error(
                    "The browser refused the clipboard: use a download instead".into(),
                ),
            }));
        }),
        Err(e) => send.emit(Command::Notify(Notice::Error(format!("Copy failed: {e}")))),
    }
}
