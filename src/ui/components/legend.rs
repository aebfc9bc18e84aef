//! The legend: one chip per label with its colour, key and count.

use super::{label_class, label_key, Labels};
use crate::document::{Action, PALETTE};
use crate::editor::Command;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`Legend`].
#[derive(Properties, PartialEq)]
pub struct LegendProps {
    /// `(label, count)` in legend order.
    pub counts: Rc<Vec<(String, usize)>>,
    /// The label set.
    pub labels: Labels,
    /// Sends editor commands (label edits).
    pub send: Callback<Command>,
}

/// The legend.
#[function_component(Legend)]
pub fn legend(p: &LegendProps) -> Html {
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
        <>
        <ul class="legend" aria-label="Labels">
            { for p.counts.iter().map(|(label, n)| html! {
                <li class={classes!("chip", label_class(&p.labels, label))} data-label={label.clone()} data-count={n.to_string()}>
                    if let Some(k) = label_key(&p.labels, label) { <kbd>{ k }</kbd> }
                    <span class="name">{ label.clone() }</span>
                    <span class="count">{ *n }</span>
                </li>
            }) }
        </ul>
        <details class="label-editor">
            <summary>{ "Edit labels" }</summary>
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
        </details>
        </>
    }
}

/// Names of the palette colours, in palette order.
const COLOUR_NAMES: [&str; PALETTE as usize] = [
    "rose", "blue", "green", "violet", "amber", "orange", "sky", "lime", "teal", "pink", "slate",
    "brown",
];
