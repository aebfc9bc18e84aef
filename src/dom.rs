//! The few places the shell talks to the DOM directly.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

/// The char offsets `[start, end)` of the current mouse selection inside `root`, whose
/// segments carry `data-start` / `data-end` (chars) and hold the text verbatim.
pub fn selection_in(root: &Element) -> Option<(usize, usize)> {
    let sel = web_sys::window()?.get_selection().ok()??;
    if sel.is_collapsed() || sel.range_count() == 0 {
        return None;
    }
    let range = sel.get_range_at(0).ok()?;
    let (a, b) = (range.start_container().ok()?, range.end_container().ok()?);
    if !root.contains(Some(&a)) || !root.contains(Some(&b)) {
        return None;
    }
    let start = offset_of(&a, range.start_offset().ok()?)?;
    let end = offset_of(&b, range.end_offset().ok()?)?;
    Some((start.min(end), start.max(end)))
}

/// Clears the page's text selection.
pub fn clear_selection() {
    if let Some(Ok(Some(sel))) = web_sys::window().map(|w| w.get_selection()) {
        let _ = sel.remove_all_ranges();
    }
}

fn attr(el: &Element, name: &str) -> Option<usize> {
    el.get_attribute(name)?.parse().ok()
}

/// Char offset of a DOM boundary point (node, offset).
///
/// Marks carry `data-start`/`data-end` and blocks `data-from`/`data-to`; the text between
/// marks is bare, and starts where the mark before it ends (or where its block starts).
fn offset_of(node: &Node, offset: u32) -> Option<usize> {
    if node.node_type() == Node::TEXT_NODE {
        let text = node.text_content().unwrap_or_default();
        // DOM offsets count UTF-16 units; ours count chars.
        let mut units = 0usize;
        let mut chars = 0usize;
        for c in text.chars() {
            if units >= offset as usize {
                break;
            }
            units += c.len_utf16();
            chars += 1;
        }
        return Some(start_of(node)? + chars);
    }
    let el: &Element = node.dyn_ref()?;
    let children = el.child_nodes();
    if let Some(child) = children.item(offset) {
        return start_of(&child);
    }
    match children.item(children.length().checked_sub(1)?) {
        Some(last) => end_of(&last),
        None => end_of(node),
    }
}

/// Char offset where a node of the view starts.
fn start_of(node: &Node) -> Option<usize> {
    if let Some(el) = node.dyn_ref::<Element>() {
        return attr(el, "data-start").or_else(|| attr(el, "data-from"));
    }
    let parent = node.parent_element()?;
    if let Some(start) = attr(&parent, "data-start") {
        return Some(start); // the text of a mark
    }
    // Bare text in a block: after the text nodes before it, back to a mark or the start.
    let mut before = 0;
    let mut prev = node.previous_sibling();
    while let Some(p) = prev {
        if let Some(el) = p.dyn_ref::<Element>() {
            return Some(attr(el, "data-end")? + before);
        }
        before += p.text_content().unwrap_or_default().chars().count();
        prev = p.previous_sibling();
    }
    Some(attr(&parent, "data-from")? + before)
}

/// Char offset where a node of the view ends.
fn end_of(node: &Node) -> Option<usize> {
    if let Some(el) = node.dyn_ref::<Element>() {
        return attr(el, "data-end").or_else(|| attr(el, "data-to"));
    }
    let chars = node.text_content().unwrap_or_default().chars().count();
    Some(start_of(node)? + chars)
}

/// Offers `contents` as a file download named `name`.
pub fn download(name: &str, mime: &str, contents: &str) -> Result<(), JsValue> {
    download_bytes(name, mime, contents.as_bytes())
}

/// Offers the bytes `contents` (text or binary) as a file download named `name`.
pub fn download_bytes(name: &str, mime: &str, contents: &[u8]) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(contents));
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &bag)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    gloo_timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// Copies `text` to the clipboard; the promise settles later.
pub fn copy(text: &str) -> Result<js_sys::Promise, JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    Ok(window.navigator().clipboard().write_text(text))
}

/// True when keyboard focus is in a field that takes text (keys belong to it).
pub fn typing_in_field(e: &web_sys::KeyboardEvent) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

/// True when the key was pressed with focus on the page itself or inside the annotated
/// text (so Tab and Enter move between spans there, and keep their usual meaning on
/// buttons and fields).
pub fn in_document_view(e: &web_sys::KeyboardEvent) -> bool {
    let Some(el) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return true;
    };
    el.tag_name() == "BODY" || el.closest(".doc").ok().flatten().is_some()
}

/// The largest file the page reads (bigger ones get a message, not a frozen tab).
pub const MAX_FILE_BYTES: f64 = 20.0 * 1024.0 * 1024.0;

/// Reads picked or dropped files into memory.
pub async fn read_files(
    list: web_sys::FileList,
) -> Result<Vec<newsmark_core::formats::InputFile>, String> {
    let mut out = Vec::new();
    for i in 0..list.length() {
        let Some(file) = list.item(i) else { continue };
        if file.size() > MAX_FILE_BYTES {
            return Err(format!(
                "“{}” is {:.1} MB: newsmark reads files up to {} MB",
                file.name(),
                file.size() / 1_048_576.0,
                MAX_FILE_BYTES / 1_048_576.0
            ));
        }
        let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
            .await
            .map_err(|_| format!("could not read “{}”", file.name()))?;
        out.push(newsmark_core::formats::InputFile::new(
            file.name(),
            js_sys::Uint8Array::new(&buffer).to_vec(),
        ));
    }
    Ok(out)
}

/// After a panic: a banner that says the work is saved and offers a reload and a download of
/// what is saved. Built with plain DOM calls and links only (no event handlers), since the
/// wasm instance cannot be trusted to run again.
pub fn show_crash_banner(what: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(document) = window.document() else {
        return;
    };
    let Some(body) = document.body() else { return };
    if document.get_element_by_id("crash").is_some() {
        return;
    }
    let saved = window
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(super::storage::KEY).ok().flatten());
    let make = |tag: &str, text: &str| {
        let el = document.create_element(tag).ok()?;
        el.set_text_content(Some(text));
        Some(el)
    };
    let Some(banner) = make("div", "") else {
        return;
    };
    banner.set_id("crash");
    let _ = banner.set_attribute("role", "alert");
    if let Some(p) = make(
        "p",
        "Something went wrong — your work is saved. Reload the page to go on.",
    ) {
        let _ = banner.append_child(&p);
    }
    if let Some(a) = make("a", "Reload") {
        let _ = a.set_attribute("href", &window.location().href().unwrap_or_default());
        let _ = banner.append_child(&a);
    }
    if let (Some(json), Some(a)) = (saved, make("a", "Download the saved work")) {
        let url = format!(
            "data:application/json;charset=utf-8,{}",
            js_sys::encode_uri_component(&json)
        );
        let _ = a.set_attribute("href", &url);
        let _ = a.set_attribute("download", "newsmark-saved.json");
        let _ = banner.append_child(&a);
    }
    if let Some(d) = make("details", "") {
        if let Some(s) = make("summary", "Details") {
            let _ = d.append_child(&s);
        }
        if let Some(pre) = make("pre", what) {
            let _ = d.append_child(&pre);
        }
        let _ = banner.append_child(&d);
    }
    let _ = body.prepend_with_node_1(&banner);
}

/// Work scheduled by [`after_paint`]; dropping it before it ran cancels it.
pub struct AfterPaint(std::rc::Rc<std::cell::Cell<bool>>);

impl AfterPaint {
    /// Lets it run whatever happens to the handle.
    pub fn forget(self) {
        std::mem::forget(self);
    }
}

impl Drop for AfterPaint {
    fn drop(&mut self) {
        self.0.set(false);
    }
}

/// Runs `f` once the next frame has been rendered: a requestAnimationFrame callback runs as
/// that frame starts, and the zero timeout it sets runs in a task after the frame. So
/// what the current change shows is painted first, and `f`'s work (a side pane) follows.
pub fn after_paint(f: impl FnOnce() + 'static) -> AfterPaint {
    let live = std::rc::Rc::new(std::cell::Cell::new(true));
    let run = {
        let live = live.clone();
        move || {
            if live.get() {
                f();
            }
        }
    };
    let frame = Closure::once_into_js(move || {
        gloo_timers::callback::Timeout::new(0, run).forget();
    });
    let asked = web_sys::window().map(|w| w.request_animation_frame(frame.unchecked_ref()));
    if !matches!(asked, Some(Ok(_))) {
        // No frames to wait for (no window): the timeout is set now, for the next task.
        let _ = frame
            .unchecked_ref::<js_sys::Function>()
            .call0(&JsValue::NULL);
    }
    AfterPaint(live)
}

/// Runs `f` when the page is next idle (`requestIdleCallback`), at the latest after
/// `deadline_ms`: work nobody waits for yet (warming up) gives way to input, to the next
/// frame and to whatever else the page has queued. Where idle callbacks do not exist, it
/// runs in a task of its own.
pub fn when_idle(deadline_ms: u32, f: impl FnOnce() + 'static) {
    let f = Closure::once_into_js(f);
    let options = web_sys::IdleRequestOptions::new();
    options.set_timeout(deadline_ms);
    let asked = web_sys::window()
        .map(|w| w.request_idle_callback_with_options(f.unchecked_ref(), &options));
    if !matches!(asked, Some(Ok(_))) {
        let f: js_sys::Function = f.unchecked_into();
        gloo_timers::callback::Timeout::new(0, move || {
            let _ = f.call0(&JsValue::NULL);
        })
        .forget();
    }
}

thread_local! {
    /// The page's sheet of label-name rules (see [`show_label_names`]), once made.
    static LABEL_SHEET: std::cell::RefCell<Option<web_sys::CssStyleSheet>> =
        const { std::cell::RefCell::new(None) };
}

/// Puts `rules` (from [`crate::view::label_name_rules`]) in the page's own constructed
/// style sheet, replacing the rules given before. False when the browser has no
/// constructed style sheets: the caller then names the labels another way.
pub fn show_label_names(rules: &str) -> bool {
    LABEL_SHEET.with(|slot| {
        let mut slot = slot.borrow_mut();
        if slot.is_none() {
            let Some(document) = web_sys::window().and_then(|w| w.document()) else {
                return false;
            };
            let Ok(sheet) = web_sys::CssStyleSheet::new() else {
                return false;
            };
            let adopted = document.adopted_style_sheets();
            if adopted.is_undefined() {
                return false;
            }
            adopted.push(&sheet);
            document.set_adopted_style_sheets(&adopted);
            *slot = Some(sheet);
        }
        slot.as_ref()
            .is_some_and(|sheet| sheet.replace_sync(rules).is_ok())
    })
}
