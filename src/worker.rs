//! Annotation of long texts in a Web Worker, so that the page answers while a book-length
//! text is annotated.
//!
//! The worker runs this very program: `www/annotate-worker.js` (a module worker) imports the
//! page's wasm-bindgen glue, instantiates the page's own compiled `WebAssembly.Module` (sent
//! to it, never fetched or compiled again), loads the entity model from the bytes the page
//! fetched, and answers with [`worker_annotate`]. `main` does nothing there: a worker has no
//! `window` (see [`super::start`]).
//!
//! The page's reducer leaves the run for texts of [`FROM_BYTES`] or more to the worker
//! ([`Phase::defer_from`]) once the worker says it is ready; the document shows the change at
//! once, and the worker's answer is merged by [`Command::Annotated`] if its text and date
//! are still current. Until the worker is ready, or when it cannot start or fails, the page
//! annotates on the main thread as before: the same pipeline and model, the same spans.
//!
//! The JS API's `annotateAsync` ([`api_annotate`]) sends its texts to the same worker, as
//! messages of their own type (`export`, answered `exported` or `refused`) and ids of their
//! own, so that its answers settle their own promises and never reach the document: the
//! editor's runs and the API's are answered in the order they were sent, each to its
//! sender. Until the worker is ready the API's texts wait for it; once it failed (or will
//! never start: no model, no worker) they are annotated on the main thread, each in a task
//! of its own.

use crate::editor::Command;
use newsmark_core::document::Extraction;
use newsmark_core::extract::entities::ModelEntities;
use newsmark_core::extract::{Article, DctChoice};
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::Callback;

/// Texts from this many bytes on are annotated in the worker. Below it the main thread
/// annotates at once (64 KB take about 12 ms there): a short text is annotated in the
/// same frame, without a round trip.
pub const FROM_BYTES: usize = 64 * 1024;

/// The worker's script (copied to `dist/` by Trunk, see `index.html`).
const SCRIPT: &str = "annotate-worker.js";

/// Where the worker stands, for the page (`data-worker` on the busy notice).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Instantiating the program and loading the model.
    Starting,
    /// Takes texts.
    Ready,
    /// Could not start, or failed: the main thread annotates.
    Off,
}

impl Phase {
    /// The name shown in `data-worker`.
    pub fn name(self) -> &'static str {
        match self {
            Phase::Starting => "starting",
            Phase::Ready => "ready",
            Phase::Off => "off",
        }
    }

    /// The text length from which the page's runs are left to the worker in this phase:
    /// `None` until the worker is ready (and after it failed), so that the main thread
    /// annotates at once.
    pub fn defer_from(self) -> Option<usize> {
        (self == Phase::Ready).then_some(FROM_BYTES)
    }
}

struct Handle {
    worker: web_sys::Worker,
    phase: Phase,
    next_id: u32,
    /// The run in the worker now.
    busy: Option<(u32, Extraction)>,
    /// The latest run asked for while the worker was busy.
    wanted: Option<Extraction>,
    send: Callback<Command>,
    on_phase: Callback<Phase>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

/// A text the JS API wants annotated (`annotateAsync`), and what to do with the answer.
pub struct Request {
    /// The caller's string (within the API's limit).
    pub text: js_sys::JsString,
    /// The document date choice, already checked.
    pub choice: DctChoice,
    /// Called once, with the answer.
    pub answer: Box<dyn FnOnce(Answer)>,
}

/// The answer to a [`Request`].
pub enum Answer {
    /// The worker's export, packed (`head`, `numbers`, `strings`, as `workerExport` gives them).
    Exported {
        head: JsValue,
        numbers: JsValue,
        strings: JsValue,
    },
    /// The worker refused the text: the error's code and message.
    Refused { code: String, message: String },
    /// No worker takes it: the main thread must annotate it (this is a task of its own).
    NoWorker,
}

/// The JS API's requests, apart from the editor's run.
#[derive(Default)]
struct Api {
    /// Waiting for the worker to be ready.
    queued: Vec<Request>,
    /// Sent to the worker, by id.
    sent: HashMap<u32, Request>,
    next_id: u32,
    /// No worker takes requests (it failed, or never started): the main thread does.
    here: bool,
}

thread_local! {
    static WORKER: RefCell<Option<Handle>> = const { RefCell::new(None) };
    static API: RefCell<Api> = RefCell::default();
}

/// Starts the worker with the entity model's bytes (the file the page loaded). Answers
/// come back through `send`, the worker's phase through `on_phase`. An error (no glue
/// script to hand over, the browser refused the worker) leaves the page annotating on
/// the main thread.
pub fn start(
    model: js_sys::Uint8Array,
    send: Callback<Command>,
    on_phase: Callback<Phase>,
) -> Result<(), String> {
    let started = start_worker(model, send, on_phase);
    if started.is_err() {
        unavailable();
    }
    started
}

fn start_worker(
    model: js_sys::Uint8Array,
    send: Callback<Command>,
    on_phase: Callback<Phase>,
) -> Result<(), String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    // Trunk preloads its glue script; the worker imports the same file.
    let glue = document
        .query_selector("link[rel=modulepreload][href$='.js']")
        .ok()
        .flatten()
        .and_then(|l| l.dyn_into::<web_sys::HtmlLinkElement>().ok())
        .map(|l| l.href())
        .ok_or("no glue script to hand to the worker")?;
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    options.set_name("newsmark annotator");
    let worker = web_sys::Worker::new_with_options(SCRIPT, &options)
        .map_err(|e| format!("the browser refused the worker: {e:?}"))?;
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|e: web_sys::MessageEvent| {
            answer(e.data())
        });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(|_| {
        fail("the worker stopped");
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    worker.set_onmessageerror(Some(on_error.as_ref().unchecked_ref()));

    let init = js_sys::Object::new();
    set(&init, "type", &"init".into());
    set(&init, "glue", &glue.into());
    set(&init, "module", &wasm_bindgen::module());
    set(&init, "model", &model);
    worker
        .post_message_with_transfer(&init, &js_sys::Array::of1(&model.buffer()))
        .map_err(|e| format!("could not start the worker: {e:?}"))?;
    WORKER.with(|w| {
        *w.borrow_mut() = Some(Handle {
            worker,
            phase: Phase::Starting,
            next_id: 1,
            busy: None,
            wanted: None,
            send,
            on_phase: on_phase.clone(),
            _on_message: on_message,
            _on_error: on_error,
        })
    });
    on_phase.emit(Phase::Starting);
    Ok(())
}

/// Asks the worker for the run the document waits for. `false` when the worker cannot
/// take it (not ready, gone): the page must annotate on the main thread.
pub fn want(asked: Extraction) -> bool {
    WORKER.with(|w| {
        let mut w = w.borrow_mut();
        let Some(h) = w.as_mut().filter(|h| h.phase == Phase::Ready) else {
            return false;
        };
        match &h.busy {
            Some((_, running)) if *running == asked => h.wanted = None,
            Some(_) => h.wanted = Some(asked),
            None => post(h, asked),
        }
        true
    })
}

fn post(h: &mut Handle, asked: Extraction) {
    let id = h.next_id;
    h.next_id += 1;
    let msg = js_sys::Object::new();
    set(&msg, "type", &"annotate".into());
    set(&msg, "id", &id.into());
    set(&msg, "text", &JsValue::from_str(&asked.text));
    set(&msg, "dct", &asked.choice.to_string().into());
    // Posting fails only for a worker that is gone; its error event says so.
    let _ = h.worker.post_message(&msg);
    h.busy = Some((id, asked));
}

/// A message from the worker: ready, an answer, or a failure.
fn answer(data: JsValue) {
    let get = |k: &str| js_sys::Reflect::get(&data, &k.into()).unwrap_or(JsValue::UNDEFINED);
    match get("type").as_string().as_deref() {
        Some("ready") => {
            let on_phase = WORKER.with(|w| {
                let mut w = w.borrow_mut();
                let h = w.as_mut()?;
                h.phase = Phase::Ready;
                Some(h.on_phase.clone())
            });
            if let Some(f) = on_phase {
                f.emit(Phase::Ready);
            }
            let queued = API.with(|a| std::mem::take(&mut a.borrow_mut().queued));
            for request in queued {
                api_annotate(request);
            }
        }
        Some("exported") => {
            if let Some(request) = api_answered(&get("id")) {
                (request.answer)(Answer::Exported {
                    head: get("head"),
                    numbers: get("numbers"),
                    strings: get("strings"),
                });
            }
        }
        Some("refused") => {
            if let Some(request) = api_answered(&get("id")) {
                (request.answer)(Answer::Refused {
                    code: get("code").as_string().unwrap_or_else(|| "export".into()),
                    message: get("message").as_string().unwrap_or_default(),
                });
            }
        }
        Some("done") => {
            let id = get("id").as_f64().map_or(0, |x| x as u32);
            let numbers = get("numbers")
                .dyn_into::<js_sys::Uint32Array>()
                .map(|a| a.to_vec())
                .unwrap_or_default();
            let strings = get("strings").as_string().unwrap_or_default();
            let article = match Article::unpack(&numbers, &strings) {
                Ok(a) => a,
                Err(e) => return fail(&format!("the worker's answer is unreadable: {e}")),
            };
            let done = WORKER.with(|w| {
                let mut w = w.borrow_mut();
                let h = w.as_mut()?;
                let (busy, asked) = h.busy.take()?;
                if busy != id {
                    h.busy = Some((busy, asked));
                    return None;
                }
                if let Some(next) = h.wanted.take() {
                    post(h, next);
                }
                Some((asked, h.send.clone()))
            });
            if let Some((asked, send)) = done {
                send.emit(Command::Annotated(Box::new((asked, article))));
            }
        }
        _ => {
            let why = get("error").as_string().unwrap_or_else(|| "failed".into());
            fail(&format!("the worker failed: {why}"));
        }
    }
}

/// The worker is gone: the page annotates on the main thread from now on, including any
/// run it waited for (a refresh, which no longer defers).
fn fail(why: &str) {
    web_sys::console::warn_1(&format!("newsmark: {why}; annotating on the page").into());
    let gone = WORKER.with(|w| {
        let mut w = w.borrow_mut();
        let h = w.as_mut()?;
        h.worker.terminate();
        h.phase = Phase::Off;
        let waited = h.busy.take().is_some() | h.wanted.take().is_some();
        Some((waited, h.send.clone(), h.on_phase.clone()))
    });
    if let Some((waited, send, on_phase)) = gone {
        on_phase.emit(Phase::Off);
        if waited {
            send.emit(Command::Refresh);
        }
    }
    unavailable();
}

/// Has the JS API's text annotated: by the worker when it is ready, later when it is
/// starting (or the model it starts with is loading), by the main thread in a task of its
/// own when there is no worker.
pub fn api_annotate(request: Request) {
    let ready = WORKER.with(|w| {
        w.borrow()
            .as_ref()
            .filter(|h| h.phase == Phase::Ready)
            .map(|h| h.worker.clone())
    });
    API.with(|a| {
        let mut a = a.borrow_mut();
        match ready {
            Some(worker) => {
                let id = a.next_id;
                a.next_id = a.next_id.wrapping_add(1);
                let msg = js_sys::Object::new();
                set(&msg, "type", &"export".into());
                set(&msg, "id", &id.into());
                set(&msg, "text", &request.text);
                set(&msg, "dct", &request.choice.to_string().into());
                // Posting fails only for a worker that is gone; its error event says so,
                // and the request is then annotated here with the others sent.
                let _ = worker.post_message(&msg);
                a.sent.insert(id, request);
            }
            None if a.here => settle_later(request),
            None => a.queued.push(request),
        }
    })
}

/// The request the worker's answer with this id settles (none if it was settled
/// otherwise: the worker failed meanwhile).
fn api_answered(id: &JsValue) -> Option<Request> {
    let id = id.as_f64()? as u32;
    API.with(|a| a.borrow_mut().sent.remove(&id))
}

/// No worker will take the JS API's texts (it could not start, or it failed, or the model
/// it would start with could not be had): those waiting or sent, and those to come, are
/// annotated on the main thread, each in a task of its own.
pub fn unavailable() {
    let waiting: Vec<Request> = API.with(|a| {
        let mut a = a.borrow_mut();
        a.here = true;
        let mut sent: Vec<(u32, Request)> = a.sent.drain().collect();
        sent.sort_by_key(|(id, _)| *id);
        let mut waiting: Vec<Request> = sent.into_iter().map(|(_, r)| r).collect();
        waiting.append(&mut a.queued);
        waiting
    });
    for request in waiting {
        settle_later(request);
    }
}

/// Hands the request back to be annotated on the main thread, in a task of its own.
fn settle_later(request: Request) {
    gloo_timers::callback::Timeout::new(0, move || (request.answer)(Answer::NoWorker)).forget();
}

fn set(o: &js_sys::Object, k: &str, v: &JsValue) {
    let _ = js_sys::Reflect::set(o, &k.into(), v);
}

// In the worker.

/// Worker side: loads the entity model from its bytes into this instance's pipeline.
#[wasm_bindgen(js_name = workerLoadModel)]
pub fn worker_load_model(bytes: &[u8]) -> Result<(), JsValue> {
    let model = ModelEntities::from_bytes(bytes).map_err(|e| JsValue::from_str(&e))?;
    super::set_entities(Box::new(model));
    Ok(())
}

/// Worker side: annotates `text` against the document date choice `dct` (as
/// [`DctChoice`]'s `Display` writes it: "dateline", "none" or a date) and returns the article packed ([`Article::pack`]) as `{numbers:
/// Uint32Array, strings}`.
#[wasm_bindgen(js_name = workerAnnotate)]
pub fn worker_annotate(text: &str, dct: &str) -> Result<JsValue, JsValue> {
    let choice: DctChoice = dct.parse().map_err(|e: String| JsValue::from_str(&e))?;
    let (numbers, strings) = super::with_pipeline(|p| p.annotate_article(text, choice)).pack();
    let out = js_sys::Object::new();
    set(&out, "numbers", &js_sys::Uint32Array::from(&numbers[..]));
    set(&out, "strings", &strings.into());
    Ok(out.into())
}
