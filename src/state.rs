//! The page's one state ([`UiState`]) and its reducer: changed only through [`Command`]s
//! that the core's [`Editor`] carries out.

use crate::editor::{Command, Editor, Notice};
use crate::{storage, with_pipeline, worker};
use std::rc::Rc;
use yew::prelude::*;

/// The page's whole state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UiState {
    /// The core editor.
    pub editor: Editor,
}

impl Reducible for UiState {
    type Action = Command;

    fn reduce(self: Rc<Self>, cmd: Command) -> Rc<Self> {
        let mut next = (*self).clone();
        // Long texts go to the annotator worker once it is ready.
        next.editor.defer_from = worker::defer_from();
        with_pipeline(|p| next.editor.run(cmd, p));
        Rc::new(next)
    }
}

/// The state the page starts in: the saved work, or an empty editor with a hint.
pub fn initial() -> UiState {
    let mut editor = match storage::load() {
        Ok(Some((doc, note))) => Editor {
            notice: note.map(Notice::Info),
            ..Editor::new(doc)
        },
        Ok(None) => Editor::default(),
        Err(e) => Editor {
            notice: Some(Notice::Error(e)),
            ..Editor::default()
        },
    };
    if editor.doc.text().is_empty() && editor.notice.is_none() {
        editor.notice = Some(Notice::Info(
            "Paste an article, or press “Load sample”.".into(),
        ));
    }
    UiState { editor }
}
