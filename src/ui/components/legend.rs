//! The legend: one chip per label with its colour, key and count.

use super::{label_class, label_key};
use yew::prelude::*;

/// Props of [`Legend`].
#[derive(Properties, PartialEq)]
pub struct LegendProps {
    /// `(label, count)` in legend order.
    pub counts: Vec<(String, usize)>,
}

/// The legend.
#[function_component(Legend)]
pub fn legend(p: &LegendProps) -> Html {
    html! {
        <ul class="legend" aria-label="Labels">
            { for p.counts.iter().map(|(label, n)| html! {
                <li class={classes!("chip", label_class(label))} data-label={label.clone()} data-count={n.to_string()}>
                    if let Some(k) = label_key(label) { <kbd>{ k }</kbd> }
                    <span class="name">{ label.clone() }</span>
                    <span class="count">{ *n }</span>
                </li>
            }) }
        </ul>
    }
}
