//! The page's one state ([`UiState`]) and its reducer: changed only through [`Msg`]s, the
//! person's [`Command`]s carried out by the core's [`Editor`].
//!
//! The reducer is pure: all it reads is the state and the message. The extraction pipeline
//! it annotates with is in the state ([`Msg::SetPipeline`] swaps in the one with the trained
//! model), and so is the text length from which runs are left to the annotator worker
//! ([`Msg::DeferFrom`], sent as the worker's phase changes). It builds and is tested natively;
//! only the [`yew::Reducible`] impl over it is the browser's.

use crate::editor::{Command, Editor, Notice};
use newsmark_core::document::Document;
use newsmark_core::extract::Pipeline;
use std::fmt;
use std::rc::Rc;

/// The extraction pipeline the reducer annotates with. Two handles are equal when they are
/// the same pipeline (a pipeline cannot be compared, and is never changed in place: a new
/// recogniser comes as a new pipeline).
#[derive(Clone)]
pub struct SharedPipeline(pub Rc<Pipeline>);

impl PartialEq for SharedPipeline {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for SharedPipeline {}

impl fmt::Debug for SharedPipeline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SharedPipeline({:p})", Rc::as_ptr(&self.0))
    }
}

/// The page's whole state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UiState {
    /// The core editor.
    pub editor: Editor,
    /// The pipeline the editor's runs use: rules until the trained model has loaded.
    pub pipeline: SharedPipeline,
    /// Runs over texts of this many bytes or more are left to the annotator worker (given
    /// to the editor before each command); `None` while the worker is not ready.
    pub defer_from: Option<usize>,
}

/// What changes the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    /// Carry out a command of the person (or the worker's answer).
    Run(Command),
    /// Annotate with this pipeline from now on. The text is not annotated again here: a
    /// [`Command::Refresh`] does that.
    SetPipeline(SharedPipeline),
    /// Leave runs over texts of this many bytes or more to the worker (`None`: every run at
    /// once, here).
    DeferFrom(Option<usize>),
}

impl From<Command> for Msg {
    fn from(cmd: Command) -> Self {
        Msg::Run(cmd)
    }
}

impl UiState {
    /// The state the page starts in, from what storage gave (`Ok(None)`: nothing saved; a
    /// note: part of the saved copy had to be left out): the saved work, or an empty editor
    /// with a hint, or the reason the saved copy could not be read.
    pub fn starting(
        saved: Result<Option<(Document, Option<String>)>, String>,
        pipeline: Rc<Pipeline>,
    ) -> UiState {
        let mut editor = match saved {
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
        UiState {
            editor,
            pipeline: SharedPipeline(pipeline),
            defer_from: None,
        }
    }

    /// The state after `msg`, or `None` when `msg` changes nothing (the page is then not
    /// rendered again). Pure: reads only `self` and `msg`.
    pub fn next(&self, msg: Msg) -> Option<UiState> {
        match msg {
            Msg::Run(cmd) => {
                let mut next = self.clone();
                next.editor.defer_from = self.defer_from;
                next.editor.run(cmd, &self.pipeline.0);
                Some(next)
            }
            Msg::SetPipeline(p) => (p != self.pipeline).then(|| UiState {
                pipeline: p,
                ..self.clone()
            }),
            Msg::DeferFrom(d) => (d != self.defer_from).then(|| UiState {
                defer_from: d,
                ..self.clone()
            }),
        }
    }
}

#[cfg(target_arch = "wasm32")]
impl yew::Reducible for UiState {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        match self.next(msg) {
            Some(next) => Rc::new(next),
            None => self,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsmark_core::document::Action;

    const LONG: &str =
        "PARIS, Sept. 1, 2025 — Emmanuel Macron met Olaf Scholz in Berlin on Monday.";

    fn state() -> UiState {
        UiState::starting(Ok(None), Rc::new(Pipeline::default()))
    }

    fn run(s: &UiState, cmd: Command) -> UiState {
        s.next(Msg::Run(cmd)).expect("a command gives a new state")
    }

    #[test]
    fn the_page_starts_with_the_saved_work_or_a_hint_or_the_reason() {
        let empty = state();
        assert_eq!(
            empty.editor.notice,
            Some(Notice::Info(
                "Paste an article, or press “Load sample”.".into()
            ))
        );
        assert_eq!(empty.defer_from, None);
        let p = Pipeline::default();
        let doc = Document::new(LONG, &p);
        let saved = UiState::starting(
            Ok(Some((doc.clone(), Some("history dropped".into())))),
            Rc::new(Pipeline::default()),
        );
        assert_eq!(saved.editor.doc, doc);
        assert_eq!(
            saved.editor.notice,
            Some(Notice::Info("history dropped".into()))
        );
        let broken = UiState::starting(Err("unreadable".into()), Rc::new(Pipeline::default()));
        assert_eq!(
            broken.editor.notice,
            Some(Notice::Error("unreadable".into()))
        );
    }

    #[test]
    fn commands_annotate_with_the_pipeline_in_the_state() {
        let s = run(&state(), Command::Edit(Action::SetText(LONG.into())));
        assert_eq!(s.editor.doc.text(), LONG);
        assert!(
            s.editor.doc.pending().is_none(),
            "no worker: annotated at once"
        );
        assert!(!s.editor.doc.spans().is_empty());
    }

    #[test]
    fn long_texts_wait_once_the_threshold_is_in_the_state_and_after_a_replace() {
        let s = state()
            .next(Msg::DeferFrom(Some(20)))
            .expect("a new threshold");
        assert_eq!(
            s.next(Msg::DeferFrom(Some(20))),
            None,
            "the same: no change"
        );
        let s = run(&s, Command::Edit(Action::SetText(LONG.into())));
        assert!(s.editor.doc.pending().is_some(), "left to the worker");
        // Replacing the editor keeps the page's threshold.
        let p = Pipeline::default();
        let s = run(&s, Command::Replace(Box::new(Document::new("Berlin.", &p))));
        let s = run(&s, Command::Edit(Action::SetText(LONG.into())));
        assert!(s.editor.doc.pending().is_some());
        // Without a worker, the run is done here.
        let s = s.next(Msg::DeferFrom(None)).unwrap();
        let s = run(&s, Command::Refresh);
        assert!(s.editor.doc.pending().is_none());
    }

    #[test]
    fn a_new_pipeline_is_swapped_in_without_annotating_again() {
        let s = run(&state(), Command::Edit(Action::SetText(LONG.into())));
        let same = s.pipeline.clone();
        assert_eq!(s.next(Msg::SetPipeline(same)), None);
        let model = SharedPipeline(Rc::new(Pipeline::default()));
        let t = s.next(Msg::SetPipeline(model.clone())).unwrap();
        assert_eq!(t.pipeline, model);
        assert_ne!(t.pipeline, s.pipeline);
        assert_eq!(t.editor, s.editor);
    }
}
