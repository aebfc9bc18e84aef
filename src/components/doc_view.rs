//! The annotated text: plain segments and `<mark>`s, each carrying its char offsets
//! (`data-start`, `data-end`) so a mouse selection maps back to exact offsets.
//!
//! A long text is cut into blocks of a few thousand characters, each its own component:
//! an edit re-renders only the blocks whose content changed, and a new text is put on the
//! page a few blocks per task, so a book-length paste never freezes the tab.

use crate::dom;
use crate::editor::Command;
use crate::state::UiState;
use crate::view::{blocks, label_name_rules, mark_attributes, recut, Block, MarkPatch};
use gloo_timers::callback::Timeout;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew::virtual_dom::VTag;

/// About how many characters of text are put on the page per task while a long text is
/// being shown (whole blocks: a step ends with the block that reaches it).
const CHARS_PER_STEP: usize = 32_000;

/// Props of [`DocView`].
#[derive(Properties, PartialEq)]
pub struct DocViewProps {
    /// The page state.
    pub state: UseReducerHandle<UiState>,
    /// Sends editor commands.
    pub send: Callback<Command>,
}

/// Props of [`DocBlock`].
#[derive(Properties, PartialEq)]
struct BlockProps {
    block: Rc<Block>,
    /// The selected span, when it is in this block.
    selected: Option<u64>,
}

/// One block of the text: its markup written at once (see [`crate::view`]), and after an
/// edit that only changed marks (a relabel, a selection) its marks updated in place; a
/// block whose text the HTML parser would alter is built node by node.
#[function_component(DocBlock)]
fn doc_block(p: &BlockProps) -> Html {
    let b = &p.block;
    let node = use_node_ref();
    // What the element shows now: the block and selection last written into it.
    let shown = use_mut_ref(|| None::<(Rc<Block>, Option<u64>)>);
    use_effect_with((p.block.clone(), p.selected), {
        let node = node.clone();
        move |(block, selected)| {
            if let Some(el) = node.cast::<web_sys::Element>() {
                let plan = shown
                    .borrow()
                    .as_ref()
                    .and_then(|(old, was)| block.patch_from(old, *was, *selected));
                match plan {
                    Some(changes) => patch(&el, &changes),
                    None => el.set_inner_html(&block.inner_html(*selected)),
                }
                *shown.borrow_mut() = Some((block.clone(), *selected));
            }
        }
    });
    let class = classes!("block", b.lines.then_some("lines"));
    let (from, to) = (b.start.to_string(), b.end.to_string());
    if b.needs_nodes() {
        return html! {
            <span {class} data-from={from} data-to={to}>{ for nodes(b, p.selected) }</span>
        };
    }
    html! { <span {class} data-from={from} data-to={to} ref={node} /> }
}

/// Sets the changed marks' attributes (a value no longer there is removed); a block's
/// child elements are its marks.
fn patch(el: &web_sys::Element, changes: &[MarkPatch]) {
    let children = el.children();
    for (k, attrs) in changes {
        let Some(mark) = children.item(*k as u32) else {
            continue;
        };
        if !attrs.iter().any(|(name, _)| *name == "data-value") {
            let _ = mark.remove_attribute("data-value");
        }
        for (name, value) in attrs {
            let _ = mark.set_attribute(name, value);
        }
    }
}

/// The segments of `b` as virtual nodes: the same elements and attributes as
/// [`Block::inner_html`] writes.
fn nodes(b: &Block, selected: Option<u64>) -> impl Iterator<Item = Html> + '_ {
    b.segs.iter().map(move |seg| {
        let text = &b.text[seg.bytes.clone()];
        let Some(m) = &seg.mark else {
            return html! { { text } };
        };
        let mut mark = VTag::new("mark");
        for (name, value) in mark_attributes(seg, m, text, selected) {
            mark.add_attribute(name, value);
        }
        mark.add_attribute("tabindex", "0");
        mark.add_child(html! { { text } });
        mark.into()
    })
}

/// The span id of the mark an event happened in, if any.
fn mark_id(e: &Event) -> Option<u64> {
    let target: web_sys::Element = e.target()?.dyn_into().ok()?;
    let mark = target.closest("mark[data-id]").ok()??;
    mark.get_attribute("data-id")?.parse().ok()
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
    // Marks are plain markup: a click on one, or Enter/Space on a focused one, selects it.
    let onclick = {
        let send = p.send.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(id) = mark_id(&e) {
                send.emit(Command::Select(Some(id)));
            }
        })
    };
    let onkeydown = {
        let send = p.send.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                if let Some(id) = mark_id(&e) {
                    e.prevent_default();
                    send.emit(Command::Select(Some(id)));
                }
            }
        })
    };
    // The blocks are rebuilt only when the text, the spans or the labels changed.
    let key = ed.doc.revision();
    // Over the same text, the blocks whose marks did not change are kept as they are.
    let cache = use_mut_ref(|| {
        let text: std::sync::Arc<str> = std::sync::Arc::from("");
        (None, text, Rc::new(Vec::<Rc<Block>>::new()))
    });
    let blocks = {
        let mut c = cache.borrow_mut();
        if c.0 != Some(key) {
            let doc = &ed.doc;
            let shared = doc.shared_text().clone();
            let fresh = if std::sync::Arc::ptr_eq(&c.1, &shared) {
                recut(&c.2, text, doc.spans(), doc.labels())
            } else {
                blocks(text, doc.spans(), doc.labels())
                    .into_iter()
                    .map(Rc::new)
                    .collect()
            };
            *c = (Some(key), shared, Rc::new(fresh));
        }
        c.2.clone()
    };
    let selected_span = ed.selected.and_then(|id| ed.doc.span(id));
    let selected_block = selected_span.map(|span| blocks.partition_point(|b| b.end <= span.start));
    // How much of the text is on the page (chars): a new text starts with its first
    // blocks and grows a step per task; the block of the selected span is always there.
    let shown = use_mut_ref(|| (0usize, 0usize, CHARS_PER_STEP));
    let text_id = (text.as_ptr() as usize, text.len());
    {
        let mut s = shown.borrow_mut();
        if (s.0, s.1) != text_id {
            *s = (text_id.0, text_id.1, CHARS_PER_STEP);
        }
        if let Some(b) = selected_block.and_then(|k| blocks.get(k)) {
            s.2 = s.2.max(b.end);
        }
    }
    let limit = blocks.partition_point(|b| b.start < shown.borrow().2);
    let more = blocks.len() > limit;
    let update = use_force_update();
    use_effect({
        let shown = shown.clone();
        move || {
            let step = more.then(|| {
                Timeout::new(0, move || {
                    shown.borrow_mut().2 += CHARS_PER_STEP;
                    update.force_update();
                })
            });
            move || drop(step)
        }
    });
    // The name of each label after its marks, from the page's sheet of label rules; where
    // the browser has no such sheets, from each mark's data-label (dearer to style).
    let names_by_attr = use_state_eq(|| false);
    use_effect_with(ed.doc.labels().to_vec(), {
        let names_by_attr = names_by_attr.clone();
        move |labels| names_by_attr.set(!dom::show_label_names(&label_name_rules(labels)))
    });
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
    html! {
        <div class={classes!("doc", names_by_attr.then_some("names-by-attr"))} ref={root} {onmouseup} {onclick} {onkeydown} aria-label="Annotated text" aria-busy={more.to_string()}>
            { for blocks[..limit].iter().enumerate().map(|(k, b)| html! {
                <DocBlock key={format!("{}{}", b.start, if b.needs_nodes() { "n" } else { "" })} block={b.clone()}
                    selected={if selected_block == Some(k) { ed.selected } else { None }} />
            }) }
        </div>
    }
}
