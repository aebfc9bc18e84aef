//! The annotated text: plain segments and `<mark>`s, each carrying its char offsets
//! (`data-start`, `data-end`) so a mouse selection maps back to exact offsets.
//!
//! A long text is cut into blocks of a few thousand characters, each its own component:
//! an edit re-renders only the blocks whose content changed, and a new text is put on the
//! page a few blocks per task, so a book-length paste never freezes the tab.

use super::label_class;
use crate::document::{Annotation, LabelDef, Status};
use crate::editor::Command;
use crate::ui::app::UiState;
use crate::ui::dom;
use gloo_timers::callback::Timeout;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// About how many bytes of text a block holds: it closes at the first line end past this,
/// never inside a mark.
const BLOCK_CHARS: usize = 4_000;
/// A line longer than this is cut wherever (such a block stays inline in the flow).
const LONGEST_BLOCK: usize = 8 * BLOCK_CHARS;
/// Blocks put on the page per task while a long text is being shown.
const BLOCKS_PER_STEP: usize = 8;

/// Props of [`DocView`].
#[derive(Properties, PartialEq)]
pub struct DocViewProps {
    /// The page state.
    pub state: UseReducerHandle<UiState>,
    /// Sends editor commands.
    pub send: Callback<Command>,
}

/// What a block shows of one mark.
#[derive(Clone, PartialEq)]
struct MarkView {
    id: u64,
    label: String,
    class: String,
    value: Option<String>,
    predicted: bool,
}

/// A plain run or a mark: its char offsets in the document and bytes in the block's text.
#[derive(Clone, PartialEq)]
struct Seg {
    start: usize,
    end: usize,
    bytes: std::ops::Range<usize>,
    mark: Option<MarkView>,
}

/// A block of the text with its segments.
#[derive(PartialEq)]
struct Block {
    start: usize,
    end: usize,
    text: String,
    segs: Vec<Seg>,
    /// Whole lines: starts at a line start and ends with a line end (or the text's end), so
    /// it can be laid out as a box of its own.
    lines: bool,
}

impl Block {
    fn empty(at: usize) -> Block {
        Block {
            start: at,
            end: at,
            text: String::new(),
            segs: Vec::new(),
            lines: true,
        }
    }
}

/// Builds the blocks of a text, segment by segment.
struct Blocks {
    out: Vec<Block>,
    cur: Block,
}

impl Blocks {
    /// Adds a segment (chars `start..end`, its text `seg`); a full block is closed.
    fn push(&mut self, seg: &str, start: usize, end: usize, mark: Option<MarkView>) {
        let cur = &mut self.cur;
        if cur.segs.is_empty() {
            cur.start = start;
        }
        let from = cur.text.len();
        cur.text.push_str(seg);
        cur.segs.push(Seg {
            start,
            end,
            bytes: from..cur.text.len(),
            mark,
        });
        cur.end = end;
        let at_line_end = cur.text.ends_with('\n');
        if cur.text.len() >= BLOCK_CHARS && at_line_end || cur.text.len() >= LONGEST_BLOCK {
            let mut next = Block::empty(end);
            next.lines = at_line_end;
            cur.lines &= at_line_end;
            self.out.push(std::mem::replace(cur, next));
        }
    }

    /// Adds plain text starting at char `start`, cut after line ends so blocks stay small.
    fn plain(&mut self, mut piece: &str, start: usize) {
        let mut c = start;
        while !piece.is_empty() {
            let room = BLOCK_CHARS.saturating_sub(self.cur.text.len());
            let cut = if piece.len() <= room {
                piece.len()
            } else {
                // The first line end past the room left, else the longest a block may be.
                let limit = LONGEST_BLOCK.saturating_sub(self.cur.text.len()).max(1);
                match piece.as_bytes()[room..].iter().position(|&b| b == b'\n') {
                    Some(k) if room + k < limit => room + k + 1,
                    _ if piece.len() <= limit => piece.len(),
                    _ => {
                        let mut k = limit;
                        while !piece.is_char_boundary(k) {
                            k += 1;
                        }
                        k
                    }
                }
            };
            let (head, rest) = piece.split_at(cut);
            let n = head.chars().count();
            self.push(head, c, c + n, None);
            c += n;
            piece = rest;
        }
    }
}

/// Cuts the document into blocks. Char offsets become byte offsets in one walk.
fn blocks(text: &str, spans: &[Annotation], labels: &[LabelDef]) -> Vec<Block> {
    let mut b = Blocks {
        out: Vec::new(),
        cur: Block::empty(0),
    };
    let mut chars = text
        .char_indices()
        .map(|(k, _)| k)
        .chain(std::iter::once(text.len()));
    let (mut c_at, mut b_at) = (0usize, chars.next().unwrap_or(0));
    let mut to_byte = move |c: usize| -> usize {
        while c_at < c {
            b_at = chars.next().unwrap_or(b_at);
            c_at += 1;
        }
        b_at
    };
    let (mut ch, mut byte) = (0usize, 0usize);
    for a in spans {
        let (s, e) = (to_byte(a.start), to_byte(a.end));
        if a.start > ch {
            b.plain(&text[byte..s], ch);
        }
        let mark = MarkView {
            id: a.id,
            label: a.label.clone(),
            class: label_class(labels, &a.label),
            value: a.value.clone(),
            predicted: a.status == Status::Predicted,
        };
        b.push(&text[s..e], a.start, a.end, Some(mark));
        (ch, byte) = (a.end, e);
    }
    if byte < text.len() {
        b.plain(&text[byte..], ch);
    }
    let mut out = b.out;
    if !b.cur.segs.is_empty() {
        out.push(b.cur);
    }
    out
}

/// Props of [`DocBlock`].
#[derive(Properties, PartialEq)]
struct BlockProps {
    block: Rc<Block>,
    /// The selected span, when it is in this block.
    selected: Option<u64>,
    send: Callback<Command>,
}

/// One block of the text.
#[function_component(DocBlock)]
fn doc_block(p: &BlockProps) -> Html {
    let b = &p.block;
    let segs = b.segs.iter().map(|seg| {
        let text = &b.text[seg.bytes.clone()];
        let Some(m) = &seg.mark else {
            return html! { <span data-start={seg.start.to_string()} data-end={seg.end.to_string()}>{ text }</span> };
        };
        let id = m.id;
        let onclick = p.send.reform(move |_: MouseEvent| Command::Select(Some(id)));
        let onkeydown = {
            let send = p.send.clone();
            Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Enter" || e.key() == " " {
                    e.prevent_default();
                    send.emit(Command::Select(Some(id)));
                }
            })
        };
        let title = match &m.value {
            Some(v) => format!("{} {v}", m.label),
            None => m.label.clone(),
        };
        html! {
            <mark
                class={classes!(m.class.clone(),
                    m.predicted.then_some("predicted"),
                    (p.selected == Some(id)).then_some("selected"))}
                data-label={m.label.clone()}
                data-start={seg.start.to_string()}
                data-end={seg.end.to_string()}
                data-value={m.value.clone()}
                data-id={id.to_string()}
                aria-label={format!("{title}: {text}")}
                title={title}
                tabindex="0"
                {onclick}
                {onkeydown}
            >{ text }</mark>
        }
    });
    html! {
        <span class={classes!("block", b.lines.then_some("lines"))} data-from={b.start.to_string()} data-to={b.end.to_string()}>{ for segs }</span>
    }
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
    // The blocks are rebuilt only when the text, the spans or the labels changed.
    let key = ed.doc.revision();
    let cache = use_mut_ref(|| (None, Rc::new(Vec::<Rc<Block>>::new())));
    let blocks = {
        let mut c = cache.borrow_mut();
        if c.0 != Some(key) {
            let fresh = blocks(text, ed.doc.spans(), ed.doc.labels());
            *c = (Some(key), Rc::new(fresh.into_iter().map(Rc::new).collect()));
        }
        c.1.clone()
    };
    let selected_span = ed.selected.and_then(|id| ed.doc.span(id));
    let selected_block = selected_span.map(|span| blocks.partition_point(|b| b.end <= span.start));
    // How many blocks are on the page: a new text starts with the first few and grows a
    // step per task; the block of the selected span is always there.
    let shown = use_mut_ref(|| (0usize, 0usize, BLOCKS_PER_STEP));
    let text_id = (text.as_ptr() as usize, text.len());
    {
        let mut s = shown.borrow_mut();
        if (s.0, s.1) != text_id {
            *s = (text_id.0, text_id.1, BLOCKS_PER_STEP);
        }
        if let Some(k) = selected_block {
            s.2 = s.2.max(k + 1);
        }
    }
    let limit = shown.borrow().2.min(blocks.len());
    let more = blocks.len() > limit;
    let update = use_force_update();
    use_effect({
        let shown = shown.clone();
        move || {
            let step = more.then(|| {
                Timeout::new(0, move || {
                    shown.borrow_mut().2 += BLOCKS_PER_STEP;
                    update.force_update();
                })
            });
            move || drop(step)
        }
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
    let send = &p.send;
    html! {
        <div class="doc" ref={root} {onmouseup} aria-label="Annotated text" aria-busy={more.to_string()}>
            { for blocks[..limit].iter().enumerate().map(|(k, b)| html! {
                <DocBlock key={b.start} block={b.clone()}
                    selected={if selected_block == Some(k) { ed.selected } else { None }}
                    send={send.clone()} />
            }) }
        </div>
    }
}
