//! The root component: the page's one state ([`UiState`], `state.rs`) and the effects around
//! it (saving, keys, the model and the worker in `hooks/`; imports and exports).

use super::components::{
    DocView, EntityList, Inspector, Labels, Legend, Shortcuts, SourcePane, StatusLine, Toolbar,
};
use super::hooks::{use_autosave, use_engine, use_send, use_shortcuts};
use super::{dom, pipeline, storage, SAMPLE};
use crate::editor::{Command, Notice};
use crate::state::UiState;
use newsmark_core::document::{Action, Entity};
use newsmark_core::formats::{self, json, Format, InputFile};
use newsmark_core::persist;
use std::rc::Rc;
use yew::prelude::*;

/// The root component.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| UiState::starting(storage::load(), pipeline()));
    let send = use_send(&state);
    use_autosave(&state, &send);
    let help = use_shortcuts(&send);
    let (engine, worker_phase) = use_engine(&state);

    // The toolbar's callbacks are made once and read the state current when they run, so
    // the toolbar (and its export menus) is rendered again only when what it shows changed.
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
                .map(|f| (f.name, f.contents));
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
                        dom::download(&f.name, f.mime, &f.contents)
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

    // The first frame shows the header, the toolbar and the text pane, what a person acts
    // on first; the annotation panes follow in the task after it. On a cold page their
    // first render and layout cost tens of milliseconds the first frame need not wait for.
    let panes = use_state_eq(|| false);
    use_effect_with((), {
        let panes = panes.setter();
        move |_| dom::after_paint(move || panes.set(true)).forget()
    });

    let ed = &state.editor;
    let doc = &ed.doc;
    let selected = ed.selected.and_then(|id| doc.span(id)).cloned();
    let labels: Labels = Rc::new(doc.labels().to_vec());
    // Derived lists are computed again only when the document changed.
    let counts = use_memo(doc.revision(), |_| Rc::new(doc.label_counts()));
    // The text pane's copy of the text, made again only when the text changed: a relabel
    // or an undo on a book copied a megabyte each time.
    let text = use_memo(doc.shared_text().clone(), |t| {
        AttrValue::from(t.to_string())
    });
    let entities = use_entities(&state);
    // What "label all" would change: a scan of the whole text, so once per span and version.
    let preview = *use_memo((doc.revision(), ed.selected), |(_, id)| {
        id.and_then(|id| doc.apply_all_preview(id))
    });
    let busy = doc.pending().is_some();
    html! {
            <div class="app" {ondragover} {ondrop}>
                <header class="top">
                    <h1>{ "newsmark" }</h1>
                    <span class="engine" data-engine={engine.name()} title={engine.title()}>
                        { engine.label() }
                    </span>
                    <span class="annotating" aria-live="polite" data-worker={worker_phase.name()}>
                        { if busy { "annotating…" } else { "" } }
                    </span>
                    <Toolbar
                        can_undo={doc.can_undo()}
                        can_redo={doc.can_redo()}
                        has_text={!doc.text().is_empty()}
                        {on_load_sample}
                        send={send.clone()}
                        {on_export}
                        {on_copy}
                        {on_copy_as}
                        {on_files}
                        {on_export_as}
                    />
                </header>
                <StatusLine notice={ed.notice.clone()} />
                if help.open {
                    <Shortcuts on_close={help.on_close} />
                }
                <main class="panes">
    <div class="side">
                                        <SourcePane
                        text={(*text).clone()}
                        dct={doc.dct()}
                        dct_source={doc.dct_source()}
                        send={send.clone()}
                    />
                        if *panes {
                            <EntityList entities={entities} selected={ed.selected} labels={labels.clone()} send={send.clone()} />
                        }
                    </div>
                    <section class="result" aria-label="Annotations" aria-busy={busy.to_string()}>
                        if *panes {
                            <Legend counts={(*counts).clone()} labels={labels.clone()} send={send.clone()} />
                            <Inspector span={selected} pending={ed.pending.clone()}
                                {preview}
                                labels={labels.clone()}
                                send={send.clone()} />
                            <DocView state={state.clone()} send={send.clone()} />
                        }
                    </section>
                </main>
            </div>
        }
}

/// The document's entities, computed again when the document changed, after the frame
/// that shows the change: an edit's own marks and inspector paint first, and the list (a
/// few milliseconds of layout on an article, entity linking over a book besides) follows
/// in the next task.
#[hook]
fn use_entities(state: &UseReducerHandle<UiState>) -> Rc<Vec<Entity>> {
    let revision = state.editor.doc.revision();
    let entities = use_mut_ref(|| Rc::new(Vec::<Entity>::new()));
    let update = use_force_update();
    use_effect_with(revision, {
        let (entities, state) = (entities.clone(), state.clone());
        move |_| {
            let step = dom::after_paint(move || {
                let fresh = state.editor.doc.entities();
                // The same list (no text yet, or a change that left the entities as they
                // were) is not worth rendering the page again.
                if **entities.borrow() != fresh {
                    *entities.borrow_mut() = Rc::new(fresh);
                    update.force_update();
                }
            });
            move || drop(step)
        }
    });
    let shown = entities.borrow().clone();
    shown
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
