//! The status line: the editor's one message, announced to screen readers.

use crate::editor::Notice;
use yew::prelude::*;

/// Props of [`StatusLine`].
#[derive(Properties, PartialEq)]
pub struct StatusProps {
    /// The message, if any.
    pub notice: Option<Notice>,
}

/// The status line.
#[function_component(StatusLine)]
pub fn status_line(p: &StatusProps) -> Html {
    let (class, text) = match &p.notice {
        Some(Notice::Info(t)) => ("status info", t.as_str()),
        Some(Notice::Error(t)) => ("status error", t.as_str()),
        None => ("status", ""),
    };
    html! { <p class={class} role="status" aria-live="polite">{ text }</p> }
}
