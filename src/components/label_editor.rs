//! The label editor: rename a label, give it another colour, add one.

use super::Labels;
use crate::editor::Command;
use newsmark_core::document::{Action, PALETTE};
use yew::prelude::*;

/// Props of [`LabelEditor`].
#[derive(Properties, PartialEq)]
pub struct LabelEditorProps {
    /// The label set.
    pub labels: Labels,
    /// Sends editor commands (label edits).
    pub send: Callback<Command>,
}

/// The label editor, folded under "Edit labels".
#[function_component(LabelEditor)]
pub fn label_editor(p: &LabelEditorProps) -> Html {
    // Folded, it holds its summary only: a field and a colour menu per label are put on
    // the page when it is opened (the page starts faster without a hundred options).
    let open = use_state(|| false);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            open.set(
                e.target_unchecked_into::<web_sys::HtmlDetailsElement>()
                    .open(),
            );
        })
    };
    let new_name = use_node_ref();
    let add = {
        let (new_name, send) = (new_name.clone(), p.send.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(input) = new_name.cast::<web_sys::HtmlInputElement>() {
                let name = input.value();
                if !name.trim().is_empty() {
                    send.emit(Command::Edit(Action::AddLabel { name }));
                    input.set_value("");
                }
            }
        })
    };
    html! {
        <details class="label-editor" {ontoggle}>
            <summary>{ "Edit labels" }</summary>
            if *open {
            <ul>
                { for p.labels.iter().map(|l| {
                    let from = l.name.clone();
                    let rename = p.send.reform(move |e: Event| {
                        let to = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
                        Command::Edit(Action::RenameLabel { from: from.clone(), to })
                    });
                    let name = l.name.clone();
                    let recolour = p.send.reform(move |e: Event| {
                        let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
                        Command::Edit(Action::RecolourLabel { name: name.clone(), colour: v.parse().unwrap_or(0) })
                    });
                    html! {
                        <li>
                            <input type="text" value={l.name.clone()} onchange={rename}
                                aria-label={format!("Rename label {}", l.name)} />
                            <select onchange={recolour} aria-label={format!("Colour of {}", l.name)}
                                class={classes!("swatch", format!("c-{}", l.colour))}>
                                { for (0..PALETTE).map(|c| html! {
                                    <option value={c.to_string()} selected={c == l.colour}>{ COLOUR_NAMES[c as usize] }</option>
                                }) }
                            </select>
                        </li>
                    }
                }) }
            </ul>
            <form class="add-label" onsubmit={add}>
                <input ref={new_name} type="text" placeholder="New label, e.g. EVENT" aria-label="New label name" />
                <button type="submit">{ "Add label" }</button>
            </form>
            }
        </details>
    }
}

/// Names of the palette colours, in palette order.
const COLOUR_NAMES: [&str; PALETTE as usize] = [
    "rose", "blue", "green", "violet", "amber", "orange", "sky", "lime", "teal", "pink", "slate",
    "brown",
];
