//! The inspector: edits the span the person points at, or labels a new selection.

use super::{label_class, label_key, Labels};
use crate::editor::{Command, Pending};
use newsmark_core::document::{Action, Annotation, Status};
use newsmark_core::extract::labels;
use yew::prelude::*;

/// Props of [`Inspector`].
#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    /// The selected span.
    pub span: Option<Annotation>,
    /// A text selection waiting for a label.
    pub pending: Option<Pending>,
    /// For the selected span: how many other occurrences "label all" would relabel and
    /// add, and "delete all" would delete.
    pub preview: Option<(usize, usize, usize)>,
    /// The label set.
    pub labels: Labels,
    /// Sends editor commands.
    pub send: Callback<Command>,
}

fn label_buttons(set: &Labels, current: Option<&str>, on_pick: Callback<String>) -> Html {
    html! {
        <div class="labels" role="group" aria-label="Label">
            { for set.iter().map(|def| {
                let l = def.name.clone();
                let pick = { let l = l.clone(); on_pick.reform(move |_: MouseEvent| l.clone()) };
                let pressed = current == Some(l.as_str());
                html! {
                    <button type="button" class={classes!("chip", label_class(set, &l))}
                        aria-pressed={pressed.to_string()} data-label={l.clone()} onclick={pick}>
                        if let Some(k) = label_key(set, &l) { <kbd>{ k }</kbd> }
                        { l.clone() }
                    </button>
                }
            }) }
        </div>
    }
}

/// The inspector.
#[function_component(Inspector)]
pub fn inspector(p: &InspectorProps) -> Html {
    if let Some(pending) = &p.pending {
        let pick = p.send.reform(Command::LabelPending);
        let cancel = p.send.reform(|_: MouseEvent| Command::Cancel);
        let overlap = (!pending.overlaps.is_empty()).then(|| {
            let names = pending
                .overlaps
                .iter()
                .map(|(t, l)| format!("“{t}” ({l})"))
                .collect::<Vec<_>>()
                .join(", ");
            let split = p.send.reform(|_: MouseEvent| Command::PendingSplit(true));
            let replace = p.send.reform(|_: MouseEvent| Command::PendingSplit(false));
            html! {
                <div class="overlap" role="group" aria-label="Spans in the way">
                    <p>{ format!("It overlaps {names}:") }</p>
                    <button type="button" aria-pressed={pending.split.to_string()} onclick={split}>
                        { "Split them (keep the words outside)" }
                    </button>
                    <button type="button" aria-pressed={(!pending.split).to_string()} onclick={replace}>
                        { "Replace them" }
                    </button>
                </div>
            }
        });
        return html! {
            <section class="inspector" aria-label="New span">
                <p>{ "Add " }<q>{ pending.text.clone() }</q>{ " as:" }</p>
                { for overlap }
                { label_buttons(&p.labels, None, pick) }
                <button type="button" onclick={cancel}>{ "Cancel" }</button>
            </section>
        };
    }
    let Some(a) = &p.span else {
        return html! {
            <section class="inspector empty" aria-label="Span editor">
                <p>{ "Click a highlighted span to relabel or delete it; select text to add one." }</p>
            </section>
        };
    };
    let id = a.id;
    let relabel = p
        .send
        .reform(move |label| Command::Edit(Action::Relabel { id, label }));
    let delete = p
        .send
        .reform(move |_: MouseEvent| Command::Edit(Action::Delete { id }));
    let accept = p
        .send
        .reform(move |_: MouseEvent| Command::Edit(Action::Accept { id }));
    let label_all = p
        .send
        .reform(move |_: MouseEvent| Command::Edit(Action::LabelAll { id }));
    let delete_all = p
        .send
        .reform(move |_: MouseEvent| Command::Edit(Action::DeleteAll { id }));
    let set_value = p.send.reform(move |e: Event| {
        let v = e
            .target_unchecked_into::<web_sys::HtmlInputElement>()
            .value();
        Command::Edit(Action::SetValue { id, value: Some(v) })
    });
    let status = match a.status {
        Status::Predicted => "predicted",
        Status::Accepted => "accepted",
    };
    html! {
        <section class="inspector" aria-label="Span editor">
            <p>
                <q class="span-text">{ a.text.clone() }</q>
                <span class="meta">{ format!(" chars {}–{} · {} · {:?}", a.start, a.end, status, a.source).to_lowercase() }</span>
            </p>
            { label_buttons(&p.labels, Some(&a.label), relabel) }
            // Every row is there whatever the label and status, so a relabel or an accept
            // changes no height: the document below does not move (nor need laying out
            // again) and the buttons stay under the pointer.
            <label class="value">{ "Value " }
                if labels::is_time(&a.label) {
                    <input type="text" value={a.value.clone().unwrap_or_default()} onchange={set_value}
                        aria-label="TIMEX3 value" placeholder="e.g. 2025-09-04, P3M, PRESENT_REF" />
                } else {
                    <input type="text" value="" disabled=true aria-label="TIMEX3 value"
                        placeholder="for date and time labels" />
                }
            </label>
            if let Some((relabel, add, delete)) = p.preview {
                <div class="apply-all" role="group" aria-label="Apply to every occurrence">
                    <button type="button" onclick={label_all} disabled={relabel + add == 0}
                        title="Give every other occurrence of these words this label">
                        { format!("Label all ({} relabel, {} new)", relabel, add) }
                    </button>
                    <button type="button" onclick={delete_all} disabled={delete == 0}
                        title="Delete every other span with this text too">
                        { format!("Delete all ({})", delete + 1) }
                    </button>
                </div>
            }
            <div class="actions">
                if a.status == Status::Predicted {
                    <button type="button" onclick={accept}>{ "Accept" }</button>
                } else {
                    <button type="button" disabled=true>{ "Accepted" }</button>
                }
                <button type="button" class="danger" onclick={delete}>{ "Delete" }</button>
            </div>
        </section>
    }
}
