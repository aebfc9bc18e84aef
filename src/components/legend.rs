//! The legend: one chip per label with its colour, key and count.

use super::{label_class, label_key, LabelEditor, Labels};
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
    /// Sends editor commands (label edits, from the label editor).
    pub send: Callback<Command>,
}

/// The legend.
#[function_component(Legend)]
pub fn legend(p: &LegendProps) -> Html {
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
        // Its own component: an edit changes the counts, not the labels, and the editor
        // (a field and a colour menu per label) is not rendered again.
        <LabelEditor labels={p.labels.clone()} send={p.send.clone()} />
        </>
    }
}
