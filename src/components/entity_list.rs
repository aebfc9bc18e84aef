//! The entity list: distinct entities per label with their mention counts; clicking one
//! selects its next mention in the text.

use super::{label_class, Labels};
use crate::editor::Command;
use newsmark_core::document::Entity;
use std::rc::Rc;
use yew::prelude::*;

/// Rows shown at first, and added by each "show more": a book has thousands of entities,
/// and laying out every row would slow down every edit.
const ROWS: usize = 100;

/// Props of [`EntityList`].
#[derive(Properties, PartialEq)]
pub struct EntityListProps {
    /// The document's entities.
    pub entities: Rc<Vec<Entity>>,
    /// The span pointed at.
    pub selected: Option<u64>,
    /// The label set.
    pub labels: Labels,
    /// Sends editor commands.
    pub send: Callback<Command>,
}

/// The entity list.
#[function_component(EntityList)]
pub fn entity_list(p: &EntityListProps) -> Html {
    let filter = use_state(String::new);
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: Event| {
            filter.set(
                e.target_unchecked_into::<web_sys::HtmlSelectElement>()
                    .value(),
            );
        })
    };
    let status = use_state(String::new);
    let on_status = {
        let status = status.clone();
        Callback::from(move |e: Event| {
            status.set(
                e.target_unchecked_into::<web_sys::HtmlSelectElement>()
                    .value(),
            );
        })
    };
    let rows = use_state(|| ROWS);
    let matching: Vec<&Entity> = p
        .entities
        .iter()
        .filter(|e| filter.is_empty() || e.label == *filter)
        .filter(|e| match status.as_str() {
            "predicted" => e.predicted > 0,
            "accepted" => e.predicted < e.mentions.len(),
            _ => true,
        })
        .collect();
    let hidden = matching.len().saturating_sub(*rows);
    let more = {
        let rows = rows.clone();
        Callback::from(move |_: MouseEvent| rows.set(*rows + ROWS))
    };
    html! {
        <section class="entities" aria-label="Entities">
            <div class="entities-head">
                <h2>{ format!("Entities ({})", p.entities.len()) }</h2>
                <label>{ "Show " }
                    <select onchange={on_filter} aria-label="Filter entities by label">
                        <option value="" selected={filter.is_empty()}>{ "all labels" }</option>
                        { for p.labels.iter().map(|l| html! {
                            <option value={l.name.clone()} selected={*filter == l.name}>{ l.name.clone() }</option>
                        }) }
                    </select>
                </label>
                <select onchange={on_status} aria-label="Filter entities by status">
                    <option value="" selected={status.is_empty()}>{ "any status" }</option>
                    <option value="predicted" selected={*status == "predicted"}>{ "to review" }</option>
                    <option value="accepted" selected={*status == "accepted"}>{ "accepted" }</option>
                </select>
            </div>
            <ul>
                { for matching.into_iter().take(*rows).map(|e| {
                    // The mention after the one pointed at, else the first.
                    let next = p.selected
                        .and_then(|s| e.mentions.iter().position(|m| *m == s))
                        .map_or(e.mentions[0], |i| e.mentions[(i + 1) % e.mentions.len()]);
                    let pick = p.send.reform(move |_: MouseEvent| Command::Select(Some(next)));
                    // Keyed by the entity's first mention, unique and kept across edits: a
                    // relabel inserts or drops one row instead of rewriting every row below.
                    html! {
                        <li key={e.mentions[0]}>
                            <button type="button" class="entity" onclick={pick}
                                data-label={e.label.clone()}
                            data-predicted={e.predicted.to_string()}>
                                <span class={classes!("chip", label_class(&p.labels, &e.label))}>{ e.label.clone() }</span>
                                <span class="name">{ e.name.clone() }</span>
                                <span class="count" aria-label="mentions">{ e.mentions.len() }</span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
            if hidden > 0 {
                <button type="button" class="more" onclick={more}>
                    { format!("Show {} more ({hidden} not shown)", ROWS.min(hidden)) }
                </button>
            }
        </section>
    }
}
