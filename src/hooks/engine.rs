//! The entity recogniser and the annotator worker: the trained model loads after the first
//! paint (rules serve until then), then the worker starts with the same model (see
//! `worker.rs`); a document waiting for a run over a long text asks the worker for it.

use crate::editor::Command;
use crate::state::{Msg, SharedPipeline, UiState};
use crate::{dom, model_loader, set_entities, with_pipeline, worker};
use newsmark_core::extract::DctChoice;
use std::cell::RefCell;
use yew::prelude::*;

/// Which entity recogniser the page runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Engine {
    /// Rules and word lists (while the model loads).
    Rules,
    /// The trained model.
    Model,
    /// The model could not be loaded; rules stay.
    Failed(String),
}

impl Engine {
    /// The name in `data-engine`.
    pub fn name(&self) -> &'static str {
        match self {
            Engine::Rules => "rules",
            Engine::Model => "model",
            Engine::Failed(_) => "rules-only",
        }
    }
    /// What the header says.
    pub fn label(&self) -> &'static str {
        match self {
            Engine::Rules => "entities: rules (model loading…)",
            Engine::Model => "entities: trained model",
            Engine::Failed(_) => "entities: rules (model unavailable)",
        }
    }
    /// The header's tooltip.
    pub fn title(&self) -> String {
        match self {
            Engine::Failed(e) => e.clone(),
            _ => "Entity recogniser in use".into(),
        }
    }
}

/// Loads the model and starts the worker; hands them to the state (the pipeline, and the
/// text length from which runs go to the worker) and has the runs a long text waits for
/// done by the worker, or here when it cannot take them. Gives the recogniser in use and
/// the worker's phase.
#[hook]
pub fn use_engine(state: &UseReducerHandle<UiState>) -> (Engine, worker::Phase) {
    let dispatch = state.dispatcher();
    let engine = use_state(|| Engine::Rules);
    let worker_phase = use_state(|| worker::Phase::Starting);
    use_effect_with((), {
        let (engine, dispatch) = (engine.clone(), dispatch.clone());
        let on_phase = Callback::from({
            let (phase, dispatch) = (worker_phase.setter(), dispatch.clone());
            move |p: worker::Phase| {
                dispatch.dispatch(Msg::DeferFrom(p.defer_from()));
                phase.set(p)
            }
        });
        move |_| {
            warm_up_rules();
            // The download starts once the first frame is on screen: the page's own
            // program and first paint come first.
            dom::after_paint(move || {
                wasm_bindgen_futures::spawn_local(load_model(dispatch, engine, on_phase))
            })
            .forget();
        }
    });
    // A document waiting for the machine's run (a long text) asks the worker, or, when
    // the worker cannot take it, has it done here.
    use_effect_with(state.editor.doc.pending(), move |waiting| {
        if let Some(asked) = waiting.clone() {
            if !worker::want(asked) {
                dispatch.dispatch(Msg::Run(Command::Refresh));
            }
        }
    });
    ((*engine).clone(), *worker_phase)
}

/// Fetches and decodes the trained model, puts it into the page's pipeline and starts the
/// annotator worker with it; the text is annotated anew once the rules' warm-up is done.
/// A model that cannot be had leaves the rules in use, and says why.
async fn load_model(
    dispatch: UseReducerDispatcher<UiState>,
    engine: UseStateHandle<Engine>,
    on_phase: Callback<worker::Phase>,
) {
    match model_loader::load().await {
        Ok((model, bytes)) => {
            let pipeline = set_entities(Box::new(model));
            dispatch.dispatch(Msg::SetPipeline(SharedPipeline(pipeline)));
            let send = {
                let dispatch = dispatch.clone();
                Callback::from(move |c| dispatch.dispatch(Msg::Run(c)))
            };
            if let Err(e) = worker::start(bytes, send, on_phase.clone()) {
                web_sys::console::warn_1(&format!("newsmark: {e}").into());
                on_phase.emit(worker::Phase::Off);
            }
            // Decoding the model was one task; the text is annotated anew in another, once
            // the warm-up is done (else that first annotation would compile the patterns
            // and lists, and the program's code, in one long task), so input waiting in
            // between is handled first.
            after_warm_up(move || {
                dispatch.dispatch(Msg::Run(Command::Refresh));
                engine.set(Engine::Model);
            });
        }
        Err(e) => {
            engine.set(Engine::Failed(e));
            // No model, no worker: the JS API's texts are annotated here.
            worker::unavailable();
            on_phase.emit(worker::Phase::Off);
        }
    }
}

/// While the model downloads, the rules get ready (their patterns compile and their word
/// lists load on first use: tens of milliseconds each in wasm) rather than inside the
/// first annotation: from the first idle moment after the first paint, so the page shows
/// and answers first, then a part per task, so input in between is handled and all is
/// ready before the model arrives.
fn warm_up_rules() {
    use newsmark_core::{extract::dct, lexicon};
    let mut steps: Vec<Task> = dct::PREPARE.iter().map(|&f| Box::new(f) as Task).collect();
    steps.push(Box::new(|| {
        lexicon::get();
    }));
    steps.push(Box::new(|| {
        with_pipeline(|p| drop(p.annotate_article("", DctChoice::Detect)))
    }));
    fn run(mut steps: std::vec::IntoIter<Task>) {
        if let Some(step) = steps.next() {
            step();
            gloo_timers::callback::Timeout::new(0, move || run(steps)).forget();
        } else {
            let waiting = AFTER_WARM_UP
                .with(|w| w.borrow_mut().take())
                .unwrap_or_default();
            for f in waiting {
                gloo_timers::callback::Timeout::new(0, f).forget();
            }
        }
    }
    dom::after_paint(move || dom::when_idle(WARM_UP_DEADLINE_MS, move || run(steps.into_iter())))
        .forget();
}

/// How long the warm-up may wait for an idle moment after the first paint.
const WARM_UP_DEADLINE_MS: u32 = 100;

/// A piece of work for a later task.
type Task = Box<dyn FnOnce()>;

thread_local! {
    /// Work waiting for the warm-up to end; `None` once it has.
    static AFTER_WARM_UP: RefCell<Option<Vec<Task>>> = RefCell::new(Some(Vec::new()));
}

/// Runs `f` in a task of its own once the warm-up has ended.
fn after_warm_up(f: impl FnOnce() + 'static) {
    let f: Task = Box::new(f);
    // The queue takes `f` while the warm-up runs; after it, `f` comes back to run now.
    let now = AFTER_WARM_UP.with(|w| match w.borrow_mut().as_mut() {
        Some(queue) => {
            queue.push(f);
            None
        }
        None => Some(f),
    });
    if let Some(f) = now {
        gloo_timers::callback::Timeout::new(0, f).forget();
    }
}
