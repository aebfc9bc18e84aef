//! The root component's hooks, one effect each: the root component (`app.rs`) composes
//! them with the state's reducer and the markup.

mod after_paint;
mod autosave;
mod engine;
mod other_tabs;
mod shortcuts;
mod transfer;

pub use after_paint::{use_entities, use_first_paint_done};
pub use autosave::{use_autosave, PendingText};
pub use engine::{use_engine, Engine};
pub use other_tabs::use_other_tabs;
pub use shortcuts::{use_shortcuts, Help};
pub use transfer::{use_transfer, Transfer};

use crate::editor::Command;
use crate::state::{Msg, UiState};
use yew::prelude::*;

/// One callback for the page's life that sends the person's commands to the state:
/// components whose other props did not change see equal props and are not rendered again
/// (on a long text, the blocks of the text).
#[hook]
pub fn use_send(state: &UseReducerHandle<UiState>) -> Callback<Command> {
    let dispatch = state.dispatcher();
    (*use_memo((), move |_| {
        Callback::from(move |c: Command| dispatch.dispatch(Msg::Run(c)))
    }))
    .clone()
}
