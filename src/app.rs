//! The root component: the page's one state ([`UiState`], `state.rs`) and the hooks around
//! it (`hooks/`: saving, keys, the model and the worker, imports and exports), then the
//! markup.

use super::components::{
    DocView, EntityList, Inspector, Labels, Legend, Shortcuts, SourcePane, StatusLine, Toolbar,
};
use super::hooks::{
    use_autosave, use_engine, use_entities, use_first_paint_done, use_other_tabs, use_send,
    use_shortcuts, use_transfer, PendingText, Transfer,
};
use super::{pipeline, storage};
use crate::state::UiState;
use std::rc::Rc;
use yew::prelude::*;

/// The root component.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| UiState::starting(storage::load(), pipeline()));
    let send = use_send(&state);
    // The text being typed, until the text area hands it over.
    let typing = (*use_memo((), |_| PendingText::default())).clone();
    use_autosave(&state, &send, &typing);
    use_other_tabs(&send);
    let help = use_shortcuts(&send);
    let (engine, worker_phase) = use_engine(&state);
    let Transfer {
        on_load_sample,
        on_export,
        on_copy,
        on_copy_as,
        on_files,
        on_export_as,
        ondragover,
        ondrop,
    } = use_transfer(&state, &send);
    let panes = use_first_paint_done();
    let entities = use_entities(&state);

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
                        dct_choice={doc.dct_choice()}
                        typing={typing.clone()}
                        send={send.clone()}
                    />
                    if panes {
                        <EntityList entities={entities} selected={ed.selected} labels={labels.clone()} send={send.clone()} />
                    }
                </div>
                <section class="result" aria-label="Annotations" aria-busy={busy.to_string()}>
                    if panes {
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
