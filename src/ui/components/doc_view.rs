//! The annotated text: plain segments and `<mark>`s, each carrying its char offsets
//! (`data-start`, `data-end`) so a mouse selection maps back to exact offsets.

use super::label_class;
use crate::document::Status;
use crate::editor::Command;
use crate::ui::app::UiState;
use crate::ui::dom;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Props of [`DocView`].
#[derive(Properties, PartialEq)]
pub struct DocViewProps {
    /// The page state.
    pub state: UseReducerHandle<UiState>,
    /// Sends editor commands.
    pub send: Callback<Command>,
}

/// The annotated text.
#[function_component(DocView)]
pub fn doc_view(p: &DocViewProps) -> Html {
    let root = use_node_ref();
    let ed = &p.state.editor;
    let text = ed.doc.text();
    let onmouseup = {
        let (root, send) = (root.clone(), p.send.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(el) = root.cast::<web_sys::Element>() else {
                return;
            };
            if let Some((start, end)) = dom::selection_in(&el) {
                send.emit(Command::SelectText { start, end });
                dom::clear_selection();
            }
        })
    };
    // Keep the selected span in view and focused, so Tab/Enter/1–8 act where the eye is.
    use_effect_with(ed.selected, {
        let root = root.clone();
        move |selected| {
            let found = selected.and_then(|id| {
                let el = root.cast::<web_sys::Element>()?;
                el.query_selector(&format!("mark[data-id=\"{id}\"]"))
                    .ok()
                    .flatten()
            });
            if let Some(mark) = found.and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok()) {
                let opts = web_sys::ScrollIntoViewOptions::new();
                opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
                mark.scroll_into_view_with_scroll_into_view_options(&opts);
                let _ = mark.focus();
            }
        }
    });
    if text.is_empty() {
        return html! { <div class="doc empty" ref={root}><p>{ "No text yet." }</p></div> };
    }

    let mut children: Vec<Html> = Vec::with_capacity(ed.doc.spans().len() * 2 + 1);
    let mut byte = 0usize;
    let mut ch = 0usize;
    let mut chars = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()));
    // Walks chars once, turning char offsets into byte offsets for slicing.
    let mut to_byte = {
        let mut at = 0usize;
        let mut last = chars.next().unwrap_or(0);
        move |c: usize| -> usize {
            while at < c {
                last = chars.next().unwrap_or(last);
                at += 1;
            }
            last
        }
    };
    for a in ed.doc.spans() {
        let (s, e) = (to_byte(a.start), to_byte(a.end));
        if a.start > ch {
            children.push(html! { <span data-start={ch.to_string()} data-end={a.start.to_string()}>{ &text[byte..s] }</span> });
        }
        let id = a.id;
        let onclick = p
            .send
            .reform(move |_: MouseEvent| Command::Select(Some(id)));
        let onkeydown = {
            let send = p.send.clone();
            Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Enter" || e.key() == " " {
                    e.prevent_default();
                    send.emit(Command::Select(Some(id)));
                }
            })
        };
        let mut title = a.label.clone();
        if let Some(v) = &a.value {
            title = format!("{title} {v}");
        }
        children.push(html! {
            <mark
                class={classes!(label_class(ed.doc.labels(), &a.label),
                    (a.status == Status::Predicted).then_some("predicted"),
                    (ed.selected == Some(id)).then_some("selected"))}
                data-label={a.label.clone()}
                data-start={a.start.to_string()}
                data-end={a.end.to_string()}
                data-value={a.value.clone()}
                data-id={id.to_string()}
                title={title.clone()}
                aria-label={format!("{title}: {}", a.text)}
                tabindex="0"
                {onclick}
                {onkeydown}
            >{ &text[s..e] }</mark>
        });
        byte = e;
        ch = a.end;
    }
    if byte < text.len() {
        let end = ch + text[byte..].chars().count();
        children.push(html! { <span data-start={ch.to_string()} data-end={end.to_string()}>{ &text[byte..] }</span> });
    }
    html! {
        <div class="doc" ref={root} {onmouseup} aria-label="Annotated text">{ for children }</div>
    }
}
