//! `newsmark._newsmark`: the core's annotator for Python.
//!
//! - `annotate(text, dct=None)`: the spans of one article, as dicts with char offsets
//!   (Unicode scalar values, what Python's `str` counts).
//! - `annotate_many(iterable, threads=None, dct=None)`: an iterator over the results of many
//!   articles, in input order, annotated by Rust threads while Python holds on to the GIL
//!   only to read inputs and build results.
//! - `detect_dct(text)`: the date of an article's dateline, if any.
//!
//! An article goes the way the CLI's goes (`Document::with_dct`, then the newsmark/1
//! export's spans), so Python gets the same spans as `newsmark annotate`.

use chrono::NaiveDate;
use newsmark_core::extract::entities::ModelEntities;
use newsmark_core::extract::{dct, labels};
use newsmark_core::formats::json;
use newsmark_core::{DctChoice, Document, Pipeline};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyIterator, PyList, PyString};
use std::collections::HashMap;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread;

/// The trained entity model, compiled in as in the CLI.
const MODEL: &[u8] = include_bytes!("../../models/ner.bin");

/// The pipeline, built once per process (the model takes a moment to load).
fn pipeline() -> PyResult<Arc<Pipeline>> {
    static PIPELINE: OnceLock<Result<Arc<Pipeline>, String>> = OnceLock::new();
    PIPELINE
        .get_or_init(|| {
            let model =
                ModelEntities::from_bytes(MODEL).map_err(|e| format!("the entity model: {e}"))?;
            let mut p = Pipeline::default();
            p.set_entities(Box::new(model));
            Ok(Arc::new(p))
        })
        .clone()
        .map_err(pyo3::exceptions::PyRuntimeError::new_err)
}

/// One span as the worker threads leave it: plain Rust, turned into a dict under the GIL.
struct SpanOut {
    start: usize,
    end: usize,
    text: String,
    label: String,
    value: Option<String>,
    entity: Option<usize>,
}

/// One annotated article.
struct Annotated {
    dct: Option<NaiveDate>,
    spans: Vec<SpanOut>,
}

/// Annotates one article as the CLI does: the document, then its exported spans (checked
/// against the text, in chars).
fn annotate_text(p: &Pipeline, text: &str, choice: DctChoice) -> Result<Annotated, String> {
    let doc = Document::with_dct(text, choice, p);
    let export = json::export(&doc).map_err(|e| e.to_string())?;
    Ok(Annotated {
        dct: export.dct,
        spans: export
            .spans
            .into_iter()
            .map(|s| SpanOut {
                start: s.start,
                end: s.end,
                text: s.text,
                label: s.label,
                value: s.value,
                entity: s.entity,
            })
            .collect(),
    })
}

/// Interned dict keys, made once per interpreter.
struct Keys {
    start: Py<PyString>,
    end: Py<PyString>,
    text: Py<PyString>,
    label: Py<PyString>,
    kind: Py<PyString>,
    value: Py<PyString>,
    type_: Py<PyString>,
    entity: Py<PyString>,
    id: Py<PyString>,
    dct: Py<PyString>,
    spans: Py<PyString>,
    entity_kind: Py<PyString>,
    timex_kind: Py<PyString>,
}

fn keys(py: Python<'_>) -> &Keys {
    static KEYS: PyOnceLock<Keys> = PyOnceLock::new();
    KEYS.get_or_init(py, || {
        let s = |k: &str| PyString::intern(py, k).unbind();
        Keys {
            start: s("start"),
            end: s("end"),
            text: s("text"),
            label: s("label"),
            kind: s("kind"),
            value: s("value"),
            type_: s("type"),
            entity: s("entity"),
            id: s("id"),
            dct: s("dct"),
            spans: s("spans"),
            entity_kind: s("entity"),
            timex_kind: s("timex"),
        }
    })
}

/// The spans as a list of dicts: `start`, `end` (chars), `text`, `label`, `kind`
/// (`"entity"` or `"timex"`), `value` and `type` (TIMEX3 value and type; None for
/// entities), `entity` (an id shared by the spans that name the same thing).
fn spans_to_py<'py>(py: Python<'py>, spans: Vec<SpanOut>) -> PyResult<Bound<'py, PyList>> {
    let k = keys(py);
    let list = PyList::empty(py);
    for s in spans {
        let d = PyDict::new(py);
        let time = labels::is_time(&s.label);
        d.set_item(k.start.bind(py), s.start)?;
        d.set_item(k.end.bind(py), s.end)?;
        d.set_item(k.text.bind(py), s.text)?;
        let label = PyString::intern(py, &s.label);
        d.set_item(k.label.bind(py), &label)?;
        d.set_item(
            k.kind.bind(py),
            if time { &k.timex_kind } else { &k.entity_kind }.bind(py),
        )?;
        d.set_item(k.value.bind(py), s.value)?;
        d.set_item(k.type_.bind(py), time.then_some(label))?;
        d.set_item(k.entity.bind(py), s.entity)?;
        list.append(d)?;
    }
    Ok(list)
}

fn date_to_string(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

/// The `dct` argument: None (the dateline, if any), `"dateline"`, `"none"` (no document
/// date: relative dates stay underspecified), `"YYYY-MM-DD"`, or a `datetime.date` (a
/// `datetime.datetime` counts by its date).
fn dct_choice(py: Python<'_>, dct: Option<&Bound<'_, PyAny>>) -> PyResult<DctChoice> {
    let Some(dct) = dct.filter(|d| !d.is_none()) else {
        return Ok(DctChoice::Detect);
    };
    if let Ok(s) = dct.cast::<PyString>() {
        let s = s.to_cow()?;
        return s.parse::<DctChoice>().map_err(|e| {
            PyValueError::new_err(format!(
                "dct {s:?}: {e} (give YYYY-MM-DD, a datetime.date, \"dateline\" or \"none\")"
            ))
        });
    }
    static DATE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let date = DATE.get_or_try_init(py, || -> PyResult<_> {
        Ok(py.import("datetime")?.getattr("date")?.unbind())
    })?;
    if dct.is_instance(date.bind(py))? {
        let y: i32 = dct.getattr("year")?.extract()?;
        let m: u32 = dct.getattr("month")?.extract()?;
        let d: u32 = dct.getattr("day")?.extract()?;
        return NaiveDate::from_ymd_opt(y, m, d)
            .map(|d| DctChoice::Given(Some(d)))
            .ok_or_else(|| PyValueError::new_err(format!("dct {y}-{m}-{d} is not a date")));
    }
    Err(PyTypeError::new_err(format!(
        "dct must be None, a str (YYYY-MM-DD, \"dateline\", \"none\") or a datetime.date, not {}",
        dct.get_type().name()?
    )))
}

/// The spans of `text` (see the module's doc for their fields), with relative dates
/// resolved against `dct`.
#[pyfunction]
#[pyo3(signature = (text, dct = None))]
fn annotate<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
    dct: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyList>> {
    let text = str_arg(text, "text")?;
    let choice = dct_choice(py, dct)?;
    let p = pipeline()?;
    let out = py
        .detach(|| annotate_text(&p, &text, choice))
        .map_err(PyValueError::new_err)?;
    spans_to_py(py, out.spans)
}

/// The document date read from the article's dateline (`datetime.date`), or None.
#[pyfunction]
fn detect_dct<'py>(py: Python<'py>, text: &Bound<'py, PyAny>) -> PyResult<Option<Py<PyAny>>> {
    let text = str_arg(text, "text")?;
    match dct::detect(&text) {
        None => Ok(None),
        Some(d) => {
            use chrono::Datelike;
            let date = py.import("datetime")?.getattr("date")?.call1((
                d.date.year(),
                d.date.month(),
                d.date.day(),
            ))?;
            Ok(Some(date.unbind()))
        }
    }
}

/// A `str` argument as a Rust string; anything else is a TypeError naming it.
fn str_arg(v: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    match v.cast::<PyString>() {
        Ok(s) => Ok(s.to_cow()?.into_owned()),
        Err(_) => Err(PyTypeError::new_err(format!(
            "{what} must be a str, not {}",
            v.get_type().name()?
        ))),
    }
}

/// What one input of `annotate_many` asks for.
struct Job {
    index: usize,
    text: String,
    choice: DctChoice,
}

/// How a result goes back to Python: a list of spans for a `str` input, a dict
/// `{"id", "dct", "spans"}` for a dict input.
enum Shape {
    Spans,
    Record(Py<PyAny>),
}

type Answer = (usize, Result<Annotated, String>);

/// The state of one `annotate_many` run.
struct Run {
    input: Option<Py<PyIterator>>,
    default_dct: DctChoice,
    jobs: Option<Sender<Job>>,
    answers: Receiver<Answer>,
    /// Inputs read so far; the next one gets this index.
    read: usize,
    /// The next index to hand back.
    next: usize,
    /// Answers that came back before their turn.
    early: HashMap<usize, Result<Annotated, String>>,
    /// How each index in flight is handed back.
    shapes: HashMap<usize, Shape>,
    /// An input that could not be read: raised when its turn comes.
    failed: Option<(usize, PyErr)>,
    /// At most this many inputs in flight.
    window: usize,
}

/// The iterator `annotate_many` returns.
#[pyclass(module = "newsmark._newsmark")]
struct AnnotateMany {
    run: Mutex<Run>,
}

/// Starts `threads` workers taking jobs from one queue; they end when the queue's sender is
/// dropped (the iterator is exhausted or dropped).
fn start_workers(p: Arc<Pipeline>, threads: usize) -> (Sender<Job>, Receiver<Answer>) {
    let (job_tx, job_rx) = mpsc::channel::<Job>();
    let (ans_tx, ans_rx) = mpsc::channel::<Answer>();
    let job_rx = Arc::new(Mutex::new(job_rx));
    for _ in 0..threads {
        let (jobs, answers, p) = (Arc::clone(&job_rx), ans_tx.clone(), Arc::clone(&p));
        thread::spawn(move || loop {
            // The lock is held only to take a job, never while annotating.
            let job = match jobs.lock() {
                Ok(rx) => rx.recv(),
                Err(_) => return,
            };
            let Ok(job) = job else { return };
            let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                annotate_text(&p, &job.text, job.choice)
            }))
            .unwrap_or_else(|_| Err("the annotator failed on this text".into()));
            if answers.send((job.index, out)).is_err() {
                return;
            }
        });
    }
    (job_tx, ans_rx)
}

impl Run {
    /// Reads inputs and queues them until `window` are in flight or the input ends.
    fn fill(&mut self, py: Python<'_>) {
        while self.failed.is_none() && self.read - self.next < self.window {
            let Some(input) = self.input.as_ref() else {
                return;
            };
            let mut it = input.bind(py).clone();
            let item = match it.next() {
                None => {
                    self.input = None;
                    self.jobs = None;
                    return;
                }
                Some(Err(e)) => Err(e),
                Some(Ok(item)) => self.job(py, &item),
            };
            let index = self.read;
            self.read += 1;
            match item {
                Ok((text, choice, shape)) => {
                    self.shapes.insert(index, shape);
                    if let Some(jobs) = &self.jobs {
                        let _ = jobs.send(Job {
                            index,
                            text,
                            choice,
                        });
                    }
                }
                Err(e) => {
                    // Nothing after a bad input is read: the error ends the iteration in
                    // its turn, as a loop over `annotate` would.
                    self.failed = Some((index, e));
                    self.input = None;
                    self.jobs = None;
                }
            }
        }
    }

    /// One input: a `str`, or a dict with `text` and optional `dct` and `id`.
    fn job(&self, py: Python<'_>, item: &Bound<'_, PyAny>) -> PyResult<(String, DctChoice, Shape)> {
        let at = self.read;
        if let Ok(s) = item.cast::<PyString>() {
            return Ok((s.to_cow()?.into_owned(), self.default_dct, Shape::Spans));
        }
        let Ok(d) = item.cast::<PyDict>() else {
            return Err(PyTypeError::new_err(format!(
                "input {at}: expected a str or a dict with \"text\", not {}",
                item.get_type().name()?
            )));
        };
        let text = match d.get_item("text")? {
            Some(t) => str_arg(&t, &format!("input {at}: \"text\""))?,
            None => {
                return Err(PyValueError::new_err(format!(
                    "input {at}: the dict has no \"text\""
                )))
            }
        };
        let choice = match d.get_item("dct")? {
            Some(v) if !v.is_none() => dct_choice(py, Some(&v)).map_err(|e| {
                let kind = e.get_type(py);
                let msg = format!("input {at}: {}", e.value(py));
                PyErr::from_type(kind, msg)
            })?,
            _ => self.default_dct,
        };
        let id = match d.get_item("id")? {
            Some(v) => v.unbind(),
            None => py.None(),
        };
        Ok((text, choice, Shape::Record(id)))
    }

    /// The next result in input order, or None at the end.
    fn next(&mut self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        self.fill(py);
        if let Some((at, _)) = &self.failed {
            if *at == self.next {
                let (_, e) = self.failed.take().expect("checked");
                self.next += 1;
                self.read = self.next;
                return Err(e);
            }
        }
        if self.next == self.read {
            return Ok(None);
        }
        let want = self.next;
        let answer = match self.early.remove(&want) {
            Some(a) => a,
            None => {
                // The receiver is not Sync: it goes into the GIL-free wait and comes back.
                let (answers, early) = (&mut self.answers, &mut self.early);
                let rx = std::mem::replace(answers, mpsc::channel().1);
                let (rx, answer) = py.detach(move || {
                    let answer = loop {
                        match rx.recv() {
                            Ok((i, a)) if i == want => break a,
                            Ok((i, a)) => {
                                early.insert(i, a);
                            }
                            Err(_) => break Err("the annotator's threads have stopped".into()),
                        }
                    };
                    (rx, answer)
                });
                *answers = rx;
                answer
            }
        };
        self.next += 1;
        let shape = self.shapes.remove(&want).unwrap_or(Shape::Spans);
        // Keep the workers busy while this result is turned into Python objects.
        self.fill(py);
        let a = answer.map_err(|e| PyValueError::new_err(format!("input {want}: {e}")))?;
        let spans = spans_to_py(py, a.spans)?;
        match shape {
            Shape::Spans => Ok(Some(spans.into_any().unbind())),
            Shape::Record(id) => {
                let k = keys(py);
                let d = PyDict::new(py);
                d.set_item(k.id.bind(py), id)?;
                d.set_item(k.dct.bind(py), date_to_string(a.dct))?;
                d.set_item(k.spans.bind(py), spans)?;
                Ok(Some(d.into_any().unbind()))
            }
        }
    }
}

#[pymethods]
impl AnnotateMany {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        // Never wait for the lock: its holder may be waiting for the GIL this thread holds.
        let mut run = self.run.try_lock().map_err(|_| {
            pyo3::exceptions::PyRuntimeError::new_err(
                "this annotate_many iterator is in use by another thread",
            )
        })?;
        run.next(py)
    }
}

/// Annotates every text of `texts` (an iterable of `str`, or of dicts with `text` and
/// optional `dct` and `id`) on `threads` Rust threads (default: the number of cores),
/// reading the iterable as it goes. Yields, in input order, a list of spans for each `str`
/// and a dict `{"id", "dct", "spans"}` for each dict. `dct` is the default document date.
#[pyfunction]
#[pyo3(signature = (texts, threads = None, dct = None))]
fn annotate_many<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    threads: Option<&Bound<'py, PyAny>>,
    dct: Option<&Bound<'py, PyAny>>,
) -> PyResult<AnnotateMany> {
    let threads = match threads.filter(|t| !t.is_none()) {
        None => thread::available_parallelism().map_or(1, std::num::NonZero::get),
        Some(t) => {
            let n: i64 = t.extract().map_err(|_| {
                PyTypeError::new_err(format!(
                    "threads must be an int or None, not {}",
                    t.get_type()
                        .name()
                        .map(|n| n.to_string())
                        .unwrap_or_default()
                ))
            })?;
            if !(1..=1024).contains(&n) {
                return Err(PyValueError::new_err(format!(
                    "threads must be between 1 and 1024, not {n}"
                )));
            }
            n as usize
        }
    };
    if texts.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "annotate_many takes an iterable of texts, not one str: use annotate(text)",
        ));
    }
    let default_dct = dct_choice(py, dct)?;
    let input = texts.try_iter()?.unbind();
    let (jobs, answers) = start_workers(pipeline()?, threads);
    Ok(AnnotateMany {
        run: Mutex::new(Run {
            input: Some(input),
            default_dct,
            jobs: Some(jobs),
            answers,
            read: 0,
            next: 0,
            early: HashMap::new(),
            shapes: HashMap::new(),
            failed: None,
            window: 8 * threads,
        }),
    })
}

#[pymodule]
fn _newsmark(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(annotate, m)?)?;
    m.add_function(wrap_pyfunction!(annotate_many, m)?)?;
    m.add_function(wrap_pyfunction!(detect_dct, m)?)?;
    m.add_class::<AnnotateMany>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("LABELS", labels::ALL.to_vec())?;
    Ok(())
}
