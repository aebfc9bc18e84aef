//! The source pane: the article text area (debounced) and the document date.

use crate::editor::{paste_into, text_too_long, Command, Notice};
use crate::hooks::PendingText;
use chrono::NaiveDate;
use gloo_timers::callback::Timeout;
use newsmark_core::document::Action;
use newsmark_core::extract::{dct, DctChoice};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// How long typing must pause before the text is annotated again.
const DEBOUNCE_MS: u32 = 250;

/// Texts longer than this (bytes) are not kept in the text area unless the person asks:
/// the browser lays out all of a text area's text, which takes most of a second for a
/// book, on the paste and again whenever the page moves.
const EDIT_IN_AREA_UP_TO: usize = 200_000;

/// Props of [`SourcePane`].
#[derive(Properties, PartialEq)]
pub struct SourceProps {
    /// The document text.
    pub text: AttrValue,
    /// The document date in force.
    pub dct: Option<NaiveDate>,
    /// How it is chosen: from the dateline, or set by the person.
    pub dct_choice: DctChoice,
    /// Where the text being typed waits until it is handed over (saved with the document
    /// if the page is left first).
    pub typing: PendingText,
    /// Sends editor commands.
    pub send: Callback<Command>,
}

/// The source pane.
#[function_component(SourcePane)]
pub fn source_pane(p: &SourceProps) -> Html {
    // What the person typed but the document has not taken yet.
    let draft = use_state(|| None::<String>);
    let timer = use_mut_ref(|| None::<Timeout>);
    // The person asked to edit a long text in the area anyway.
    let edit_long = use_state(|| false);

    // A text area hands back "\n" for every line end; a document with CRLF line ends (an
    // import) keeps them, so offsets after the first line do not shift under the person's
    // spans when they type.
    let crlf = p.text.contains("\r\n");
    // The text the area holds now waits for typing to pause, then goes to the document.
    let take_text = {
        let (draft, send, typing) = (draft.clone(), p.send.clone(), p.typing.clone());
        Callback::from(move |mut value: String| {
            if crlf {
                value = value.replace("\r\n", "\n").replace('\n', "\r\n");
            }
            draft.set(Some(value.clone()));
            typing.set(value.clone());
            let (send, setter, typing) = (send.clone(), draft.setter(), typing.clone());
            *timer.borrow_mut() = Some(Timeout::new(DEBOUNCE_MS, move || {
                typing.clear();
                send.emit(Command::Edit(Action::SetText(value)));
                setter.set(None);
            }));
        })
    };
    let oninput = {
        let (send, take_text) = (p.send.clone(), take_text.clone());
        // What the area shows now: given back when a paste is refused.
        let before = draft
            .as_ref()
            .map_or_else(|| p.text.clone(), |d| AttrValue::from(d.clone()));
        Callback::from(move |e: InputEvent| {
            let area = e.target_unchecked_into::<web_sys::HtmlTextAreaElement>();
            let value = area.value();
            // Too long a text (a paste into a long text, a drop) is refused at once: the
            // area gets back what it showed (a draft still waiting goes on waiting), and
            // the message says why.
            if let Some(message) = text_too_long("The text", value.len()) {
                area.set_value(&before);
                send.emit(Command::Notify(Notice::Error(message)));
                return;
            }
            take_text.emit(value);
        })
    };
    // Too long a paste is refused before the browser puts it into the area, which alone
    // takes seconds for tens of MB. A paste that makes the text longer than the area keeps
    // is taken here too, and the browser puts nothing into the area: it would lay out all
    // of the text (a 1 MB paste blocked the page for 300 to 800 ms) only for the area to
    // be swapped for a note at once.
    let onpaste = {
        let (send, take_text) = (p.send.clone(), take_text.clone());
        let keep_long = *edit_long;
        Callback::from(move |e: Event| {
            let Some(pasted) = pasted_text(&e) else {
                return;
            };
            if let Some(message) = text_too_long("The pasted text", pasted.len()) {
                e.prevent_default();
                send.emit(Command::Notify(Notice::Error(message)));
                return;
            }
            if keep_long {
                return;
            }
            let area = e.target_unchecked_into::<web_sys::HtmlTextAreaElement>();
            let (Ok(Some(start)), Ok(Some(end))) = (area.selection_start(), area.selection_end())
            else {
                return;
            };
            let text = paste_into(&area.value(), start, end, &pasted);
            if text.len() <= EDIT_IN_AREA_UP_TO {
                return;
            }
            e.prevent_default();
            if let Some(message) = text_too_long("The text", text.len()) {
                send.emit(Command::Notify(Notice::Error(message)));
            } else {
                take_text.emit(text);
            }
        })
    };
    let dct_value = p
        .dct
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    // The date is typed as ISO 8601, the form every value of the document takes. (A
    // browser date field shows it in the locale's order instead, and it alone took 20 to
    // 40 ms of the page's first frame here.) Something else is refused with a message,
    // and the field shows the date in force again.
    let onchange_date = {
        let (send, current) = (p.send.clone(), dct_value.clone());
        Callback::from(move |e: Event| {
            let field = e.target_unchecked_into::<web_sys::HtmlInputElement>();
            let typed = field.value();
            let typed = typed.trim();
            if typed.is_empty() {
                send.emit(Command::Edit(Action::SetDct(None)));
            } else if let Ok(date) = newsmark_core::extract::dct::parse_iso_date(typed) {
                send.emit(Command::Edit(Action::SetDct(Some(date))));
            } else {
                field.set_value(&current);
                send.emit(Command::Notify(Notice::Error(format!(
                    "“{typed}” is not a date the page can use: write the document date \
                     as YYYY-MM-DD, e.g. 2025-09-01. The date was not changed."
                ))));
            }
        })
    };
    // The keyboard way to add a span: select text in the text area (Shift+arrows), then
    // this button (or its access key) proposes it, and a number key labels it.
    let area = use_node_ref();
    let mark_selection = {
        let (area, send) = (area.clone(), p.send.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(t) = area.cast::<web_sys::HtmlTextAreaElement>() else {
                return;
            };
            let value = t.value();
            let to_chars = |units: u32| {
                let mut n = 0usize;
                let (mut u, mut newlines) = (0u32, 0usize);
                for c in value.chars() {
                    if u >= units {
                        break;
                    }
                    u += c.len_utf16() as u32;
                    n += 1;
                    newlines += usize::from(c == '\n');
                }
                // The area shows CRLF documents with "\n" only.
                if crlf {
                    n + newlines
                } else {
                    n
                }
            };
            if let (Ok(Some(a)), Ok(Some(b))) = (t.selection_start(), t.selection_end()) {
                if a != b {
                    send.emit(Command::SelectText {
                        start: to_chars(a),
                        end: to_chars(b),
                    });
                }
            }
        })
    };
    let use_dateline = p
        .send
        .reform(|_: MouseEvent| Command::Edit(Action::UseDetectedDct));
    let shown = draft
        .as_ref()
        .map_or_else(|| p.text.clone(), |d| AttrValue::from(d.clone()));
    let long = (shown.len() > EDIT_IN_AREA_UP_TO && !*edit_long).then(|| shown.len());
    // A paste into the small area beside a long text replaces it, as a paste over the whole
    // text would.
    let paste_over = {
        let send = p.send.clone();
        Callback::from(move |e: Event| {
            // Nothing a paste brings goes into the small area itself.
            e.prevent_default();
            let Some(pasted) = pasted_text(&e) else {
                return;
            };
            if let Some(message) = text_too_long("The pasted text", pasted.len()) {
                send.emit(Command::Notify(Notice::Error(message)));
            } else if !pasted.is_empty() {
                send.emit(Command::Edit(Action::SetText(pasted)));
            }
        })
    };
    // Only a paste goes into that area: a key typed there would replace the whole text.
    let no_typing = Callback::from(|e: InputEvent| {
        e.target_unchecked_into::<web_sys::HtmlTextAreaElement>()
            .set_value("");
    });
    let edit_anyway = {
        let edit_long = edit_long.clone();
        Callback::from(move |_: MouseEvent| edit_long.set(true))
    };
    let dct_note = match (p.dct_choice, p.dct) {
        (DctChoice::Given(_), _) => "set by you".to_string(),
        // Say where the date came from: the dateline's line as it stands in the text.
        (DctChoice::Detect, Some(_)) => match dct::detect(&p.text) {
            Some(found) => format!(
                "read from the dateline “{}”",
                dct::dateline_source(&p.text, &found)
            ),
            None => "read from the dateline".to_string(),
        },
        (DctChoice::Detect, None) => "none: relative dates stay unresolved".to_string(),
    };
    html! {
        <section class="source" aria-label="Source">
            <label for="article" class="field-label">{ "Article text" }</label>
            if let Some(bytes) = long {
                <div class="long-text">
                    <p>{ format!("The text is {}: it is shown annotated on the right, \
                        where you can select text to add a span. Editing it here makes the page slow.",
                        size_name(bytes)) }</p>
                    <textarea id="article" class="paste-over" rows="2" spellcheck="false"
                        onpaste={paste_over} oninput={no_typing}
                        placeholder="Paste a text here to replace this one" />
                    <button type="button" onclick={edit_anyway}>{ "Edit the text here anyway" }</button>
                </div>
            } else {
                <textarea id="article" ref={area} value={shown} {oninput} {onpaste} spellcheck="false"
                    placeholder="Paste a news article here…" />
                <button type="button" class="mark-selection" onclick={mark_selection} accesskey="m"
                    title="Propose the text selected above as a new span (Alt+M), then press its label's number">
                    { "Annotate selected text" }
                </button>
            }
            <div class="dct">
                <label for="dct">{ "Document date" }</label>
                <input id="dct" type="text" inputmode="numeric" autocomplete="off" spellcheck="false"
                    size="10" maxlength="10" placeholder="YYYY-MM-DD" title="The document date, as YYYY-MM-DD"
                    value={dct_value} onchange={onchange_date} />
                <span class="dct-note">{ dct_note }</span>
                if matches!(p.dct_choice, DctChoice::Given(_)) {
                    <button type="button" onclick={use_dateline}>{ "Use dateline" }</button>
                }
            </div>
        </section>
    }
}

/// A byte count for people: "1.06 MB", "230 KB".
fn size_name(bytes: usize) -> String {
    if bytes >= 1_000_000 {
        format!("{:.2} MB", bytes as f64 / 1e6)
    } else {
        format!("{} KB", bytes.div_ceil(1000))
    }
}

/// The plain text a paste event carries, if any.
fn pasted_text(e: &Event) -> Option<String> {
    e.dyn_ref::<web_sys::ClipboardEvent>()?
        .clipboard_data()?
        .get_data("text/plain")
        .ok()
}
