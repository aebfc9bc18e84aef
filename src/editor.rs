//! The editor session: the document plus what the person is pointing at, and the one
//! message the page shows. The web app's reducer is a thin wrapper over [`Editor::run`],
//! so every behaviour of the page below the DOM is tested natively here.

use newsmark_core::document::{snap_to_words, Action, Document, EditError, Extraction, Status};
use newsmark_core::extract::{Article, Pipeline};
use newsmark_core::span::{slice_chars, Byte, Char, Span};
use serde::{Deserialize, Serialize};

/// A message for the status line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Notice {
    /// Something happened that the person may want to know.
    Info(String),
    /// Something could not be done; nothing was changed.
    Error(String),
}

/// The longest text the page takes, in UTF-8 bytes (2 MiB). The page annotates in the
/// browser's main thread, a few seconds per MB, and saves the document with its spans in
/// `localStorage` (a few MB per origin): a longer paste or import is refused with a
/// message rather than freezing the tab. A 1 MB article still goes through. The command
/// line (`newsmark annotate`) has no such limit.
pub const MAX_TEXT_BYTES: usize = 2 * 1024 * 1024;

/// The message refusing a text of `bytes` UTF-8 bytes (`what`: "The pasted text"…), or
/// `None` when it is within [`MAX_TEXT_BYTES`].
pub fn text_too_long(what: &str, bytes: usize) -> Option<String> {
    const MB: f64 = 1024.0 * 1024.0;
    (bytes > MAX_TEXT_BYTES).then(|| {
        format!(
            "{what} is {:.1} MB; the page takes texts up to {} MB, so nothing was changed. \
             Split it into parts, or annotate it with the command line: newsmark annotate FILE",
            bytes as f64 / MB,
            MAX_TEXT_BYTES as f64 / MB
        )
    })
}

/// The text a paste of `pasted` makes of `text` when the selection is `[start, end)` (in
/// UTF-16 code units, as a text area counts): what the browser would make of it, line ends
/// as a text area has them ("\n").
pub fn paste_into(text: &str, start: u32, end: u32, pasted: &str) -> String {
    let at = |units: u32| {
        let mut u = 0u32;
        for (i, c) in text.char_indices() {
            if u >= units {
                return i;
            }
            u += c.len_utf16() as u32;
        }
        text.len()
    };
    let (from, to) = (at(start.min(end)), at(start.max(end)));
    let pasted = pasted.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len() - (to - from) + pasted.len());
    out.push_str(&text[..from]);
    out.push_str(&pasted);
    out.push_str(&text[to..]);
    out
}

/// A text selection waiting for a label, snapped to whole words (chars).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pending {
    /// Snapped span in chars.
    pub span: Span<Char>,
    /// Its text.
    pub text: String,
    /// Text and label of the spans it overlaps (annotation is flat: they must give way).
    pub overlaps: Vec<(String, String)>,
    /// With overlaps: keep the parts of those spans outside the selection (split) rather
    /// than remove them (replace).
    pub split: bool,
}

/// What the person asks the editor to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Change the document.
    Edit(Action),
    /// Point at a span (or at nothing).
    Select(Option<u64>),
    /// The person selected chars `[start, end)` of the text with the mouse.
    SelectText {
        /// First char.
        start: usize,
        /// First char after.
        end: usize,
    },
    /// Point at the next span after the current one (Tab), or the previous (Shift+Tab);
    /// wraps around.
    Step(bool),
    /// The label with this 1-based legend number (keys 1–8): labels the pending selection,
    /// or relabels the span pointed at.
    LabelKey(usize),
    /// Accept the span pointed at and point at the next predicted one (Enter).
    AcceptSelected,
    /// Delete the span pointed at, if any (the Delete key).
    DeleteSelected,
    /// Label the pending selection.
    LabelPending(String),
    /// For a pending selection over other spans: split them (true) or replace them.
    PendingSplit(bool),
    /// Move a boundary of the selected span by one word: the end (`end`) or the start,
    /// outwards (`grow`) or inwards.
    Nudge {
        /// The end boundary, else the start.
        end: bool,
        /// Outwards, else inwards.
        grow: bool,
    },
    /// Drop the pending selection, the pointer and the message (Esc).
    Cancel,
    /// Re-run the machine over the text (the recogniser changed, or a run left for later
    /// is to be done here after all); not an undo step.
    Refresh,
    /// The machine's run that the document waited for ([`Document::pending`]), done
    /// elsewhere (a Web Worker): merged if the text and date are still those it was asked
    /// for, else ignored.
    Annotated(Box<(Extraction, Article)>),
    /// Replace the whole editor (load from storage).
    Replace(Box<Document>),
    /// Show a message.
    Notify(Notice),
}

/// The editor's whole state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Editor {
    /// The document with its history.
    pub doc: Document,
    /// The span the person is pointing at.
    pub selected: Option<u64>,
    /// A text selection waiting for a label.
    pub pending: Option<Pending>,
    /// The status-line message.
    pub notice: Option<Notice>,
    /// Runs of the machine over texts of this many bytes or more are left for later
    /// ([`Document::apply_deferring`]); `None`: always at once.
    pub defer_from: Option<usize>,
}

impl Editor {
    /// An editor over `doc`.
    pub fn new(doc: Document) -> Self {
        Editor {
            doc,
            ..Default::default()
        }
    }

    /// Runs one command. Errors become an error notice; the document is then unchanged.
    pub fn run(&mut self, cmd: Command, pipeline: &Pipeline) {
        match cmd {
            Command::Edit(action) => self.edit(action, pipeline),
            Command::Select(id) => {
                self.selected = id.filter(|id| self.doc.span(*id).is_some());
                self.pending = None;
            }
            Command::SelectText { start, end } => {
                let doc = &self.doc;
                self.pending = snap_to_words(doc.text(), Span::new(start.min(end), start.max(end)))
                    .and_then(|span| {
                        let text = slice_chars(doc.text(), span)?.to_string();
                        let overlaps = doc
                            .spans()
                            .iter()
                            .filter(|a| a.span().overlaps(&span))
                            .map(|a| (a.text.clone(), a.label.clone()))
                            .collect();
                        Some(Pending {
                            span,
                            text,
                            overlaps,
                            split: true,
                        })
                    });
                if self.pending.is_some() {
                    self.selected = None;
                }
            }
            Command::Step(forward) => {
                let spans = self.doc.spans();
                if spans.is_empty() {
                    return;
                }
                let here = self
                    .selected
                    .and_then(|id| spans.iter().position(|a| a.id == id));
                let n = spans.len();
                let i = match (here, forward) {
                    (None, true) => 0,
                    (None, false) => n - 1,
                    (Some(i), true) => (i + 1) % n,
                    (Some(i), false) => (i + n - 1) % n,
                };
                self.selected = Some(spans[i].id);
                self.pending = None;
            }
            Command::LabelKey(k) => {
                let Some(label) = k
                    .checked_sub(1)
                    .and_then(|i| self.doc.labels().get(i))
                    .map(|l| l.name.clone())
                else {
                    return;
                };
                if self.pending.is_some() {
                    self.run(Command::LabelPending(label.to_string()), pipeline);
                } else if let Some(id) = self.selected {
                    self.edit(
                        Action::Relabel {
                            id,
                            label: label.to_string(),
                        },
                        pipeline,
                    );
                }
            }
            Command::AcceptSelected => {
                let Some(id) = self.selected else { return };
                self.edit(Action::Accept { id }, pipeline);
                let spans = self.doc.spans();
                let at = spans.iter().position(|a| a.id == id).unwrap_or(0);
                let next = spans[at..]
                    .iter()
                    .chain(&spans[..at])
                    .find(|a| a.status == Status::Predicted);
                self.selected = Some(next.map_or(id, |a| a.id));
            }
            Command::DeleteSelected => {
                if let Some(id) = self.selected {
                    self.edit(Action::Delete { id }, pipeline);
                }
            }
            Command::LabelPending(label) => {
                if let Some(p) = self.pending.take() {
                    let (start, end) = (p.span.start, p.span.end);
                    let action = if p.overlaps.is_empty() {
                        Action::Add { start, end, label }
                    } else {
                        Action::AddOver {
                            start,
                            end,
                            label,
                            split: p.split,
                        }
                    };
                    self.edit(action, pipeline);
                }
            }
            Command::PendingSplit(split) => {
                if let Some(p) = &mut self.pending {
                    p.split = split;
                }
            }
            Command::Nudge { end, grow } => {
                let Some(a) = self.selected.and_then(|id| self.doc.span(id)).cloned() else {
                    return;
                };
                match nudge(self.doc.text(), a.span(), end, grow) {
                    Some(s) if s != a.span() => self.edit(
                        Action::Resize {
                            id: a.id,
                            start: s.start,
                            end: s.end,
                        },
                        pipeline,
                    ),
                    _ => {}
                }
            }
            Command::Cancel => {
                self.pending = None;
                self.selected = None;
                self.notice = None;
            }
            Command::Refresh => self.doc.refresh_deferring(pipeline, self.defer_limit()),
            Command::Annotated(done) => {
                let (asked, article) = *done;
                if self.doc.complete(&asked, article)
                    && self.selected.is_some_and(|id| self.doc.span(id).is_none())
                {
                    self.selected = None;
                }
            }
            Command::Replace(doc) => *self = Editor::new(*doc),
            Command::Notify(n) => self.notice = Some(n),
        }
    }

    fn defer_limit(&self) -> usize {
        self.defer_from.unwrap_or(usize::MAX)
    }

    fn edit(&mut self, action: Action, pipeline: &Pipeline) {
        let too_long = match &action {
            Action::SetText(t) | Action::LoadText(t) => text_too_long("The text", t.len()),
            Action::Import(d) => text_too_long("The imported text", d.text().len()),
            _ => None,
        };
        if let Some(message) = too_long {
            self.notice = Some(Notice::Error(message));
            return;
        }
        let what = describe(&action, &self.doc);
        let deleting = matches!(action, Action::Delete { .. });
        match self
            .doc
            .apply_deferring(action, pipeline, self.defer_limit())
        {
            Ok(out) => {
                if let Some(id) = out.touched {
                    self.selected = Some(id);
                }
                if deleting || self.selected.is_some_and(|id| self.doc.span(id).is_none()) {
                    self.selected = None;
                }
                self.notice = match (out.dropped, what) {
                    (0, Some(w)) => Some(Notice::Info(w)),
                    (0, None) => None,
                    (n, _) => Some(Notice::Info(format!(
                        "the text under {n} of your span{} changed: {} dropped",
                        if n == 1 { "" } else { "s" },
                        if n == 1 { "it was" } else { "they were" }
                    ))),
                };
            }
            Err(e) => self.notice = Some(e.into()),
        }
    }
}

/// The span `s` (chars) with one boundary moved by one word; `None` when it cannot move
/// (text edge, or the span would become empty).
fn nudge(text: &str, s: Span<Char>, end: bool, grow: bool) -> Option<Span<Char>> {
    let idx = newsmark_core::span::OffsetIndex::new(text);
    let b = idx.bytes_of(s);
    let words: Vec<Span<Byte>> = newsmark_core::text::tokenize(text)
        .into_iter()
        .filter(|t| t.kind != newsmark_core::text::TokenKind::Punct)
        .map(|t| t.span)
        .collect();
    let moved = match (end, grow) {
        (true, true) => Span::new(b.start, words.iter().find(|w| w.start >= b.end)?.end),
        (true, false) => {
            let inside: Vec<&Span<Byte>> = words
                .iter()
                .filter(|w| w.start >= b.start && w.end <= b.end)
                .collect();
            Span::new(b.start, inside.get(inside.len().checked_sub(2)?)?.end)
        }
        (false, true) => Span::new(words.iter().rev().find(|w| w.end <= b.start)?.start, b.end),
        (false, false) => {
            let inside: Vec<&Span<Byte>> = words
                .iter()
                .filter(|w| w.start >= b.start && w.end <= b.end)
                .collect();
            Span::new(inside.get(1)?.start, b.end)
        }
    };
    Some(idx.chars_of(moved))
}

fn describe(action: &Action, doc: &Document) -> Option<String> {
    let name = |id: &u64| {
        doc.span(*id)
            .map_or_else(String::new, |a| format!("“{}”", a.text))
    };
    Some(match action {
        Action::Relabel { id, label } => format!("{} is now {label}", name(id)),
        Action::Delete { id } => format!("deleted {}", name(id)),
        Action::Add { label, .. } => format!("added a {label} span"),
        Action::AcceptAll => "accepted every suggestion".into(),
        Action::RejectAll => "rejected every remaining suggestion".into(),
        Action::LabelAll { id } => format!("every {} now has its label", name(id)),
        Action::DeleteAll { id } => format!("deleted every {}", name(id)),
        Action::AddOver { label, split, .. } => {
            format!(
                "added a {label} span ({} the spans in the way)",
                if *split { "split" } else { "replacing" }
            )
        }
        Action::Undo => "undone".into(),
        Action::Redo => "redone".into(),
        _ => return None,
    })
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

impl From<EditError> for Notice {
    fn from(e: EditError) -> Self {
        Notice::Error(capitalise(&e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use newsmark_core::extract::{Context, Extractor, Mention};

    /// A recogniser that finds nothing: these tests are about the person's own edits.
    struct Nothing;
    impl Extractor for Nothing {
        fn extract(&self, _: &str, _: &Context) -> Vec<Mention> {
            Vec::new()
        }
    }

    fn editor() -> (Editor, Pipeline) {
        let p = Pipeline::new(Box::new(Nothing), Box::new(Nothing));
        (Editor::new(Document::new("Talks in Paris, France.", &p)), p)
    }

    #[test]
    fn a_mouse_selection_snaps_then_takes_a_label() {
        let (mut e, p) = editor();
        e.run(Command::SelectText { start: 10, end: 7 }, &p); // backwards "n P": mid-word, with space
        assert_eq!(
            e.pending.as_ref().map(|x| x.text.as_str()),
            Some("in Paris")
        );
        e.run(Command::LabelPending("LOC".into()), &p);
        let id = e.selected.unwrap();
        assert_eq!(e.doc.span(id).unwrap().text, "in Paris");
        assert!(e.pending.is_none());
        e.run(Command::Edit(Action::Delete { id }), &p);
        assert_eq!(e.selected, None);
        assert!(matches!(e.notice, Some(Notice::Info(ref m)) if m.contains("deleted")));
    }

    #[test]
    fn errors_become_notices_and_change_nothing() {
        let (mut e, p) = editor();
        let before = e.doc.clone();
        e.run(
            Command::Edit(Action::Relabel {
                id: 42,
                label: "PER".into(),
            }),
            &p,
        );
        assert_eq!(
            e.notice,
            Some(Notice::Error(
                "No span #42 (it may have been removed)".into()
            ))
        );
        assert_eq!(e.doc, before);
        e.run(Command::SelectText { start: 14, end: 16 }, &p); // ", " only
        assert_eq!(e.pending, None);
        e.run(Command::Cancel, &p);
        assert_eq!(e.notice, None);
    }

    #[test]
    fn a_text_over_the_limit_is_refused_and_a_megabyte_goes_through() {
        let (mut e, p) = editor();
        let before = e.doc.clone();
        let big = "Paris talks. ".repeat(MAX_TEXT_BYTES / 13 + 1);
        for action in [
            Action::SetText(big.clone()),
            Action::LoadText(big.clone()),
            Action::Import(Box::new(Document::new(&big, &p))),
        ] {
            e.run(Command::Edit(action), &p);
            assert_eq!(e.doc, before);
            let Some(Notice::Error(m)) = &e.notice else {
                panic!("no error: {:?}", e.notice)
            };
            assert!(
                m.contains("is 2.0 MB; the page takes texts up to 2 MB"),
                "{m}"
            );
            assert!(m.contains("newsmark annotate"), "{m}");
        }
        let megabyte = "Paris talks. ".repeat(1_000_000 / 13);
        e.run(Command::Edit(Action::SetText(megabyte.clone())), &p);
        assert_eq!(e.doc.text(), megabyte);
        assert_eq!(
            text_too_long("The pasted text", 20 << 20).unwrap()[..55],
            *"The pasted text is 20.0 MB; the page takes texts up to "
        );
        assert_eq!(text_too_long("x", MAX_TEXT_BYTES), None);
    }

    #[test]
    fn keys_step_through_spans_label_and_accept() {
        /// Proposes every capitalised word as PER: a recogniser the test controls.
        struct Capitalised;
        impl Extractor for Capitalised {
            fn extract(&self, text: &str, _: &Context) -> Vec<Mention> {
                newsmark_core::text::tokenize(text)
                    .into_iter()
                    .filter(|t| t.text(text).starts_with(char::is_uppercase))
                    .map(|t| Mention::new(t.span, "PER", newsmark_core::extract::Source::Rule))
                    .collect()
            }
        }
        let p = Pipeline::new(Box::new(Nothing), Box::new(Capitalised));
        let mut e = Editor::new(Document::new("Macron met Merkel in Paris.", &p));
        let ids: Vec<u64> = e.doc.spans().iter().map(|a| a.id).collect();
        assert!(ids.len() >= 3, "{:?}", e.doc.spans());
        e.run(Command::Step(true), &p);
        assert_eq!(e.selected, Some(ids[0]));
        e.run(Command::Step(false), &p);
        assert_eq!(e.selected, Some(*ids.last().unwrap()), "wraps backwards");
        e.run(Command::Step(true), &p);
        e.run(Command::LabelKey(2), &p);
        assert_eq!(e.doc.span(ids[0]).unwrap().label, "ORG");
        e.run(Command::LabelKey(99), &p);
        assert_eq!(
            e.doc.span(ids[0]).unwrap().label,
            "ORG",
            "no label 99: nothing happens"
        );
        e.run(Command::AcceptSelected, &p);
        assert_eq!(
            e.selected,
            Some(ids[1]),
            "Enter moves on to the next suggestion"
        );
        e.run(Command::AcceptSelected, &p);
        assert_eq!(e.doc.span(ids[1]).unwrap().status, Status::Accepted);
        // A pending selection takes the label key instead.
        e.run(Command::SelectText { start: 7, end: 10 }, &p);
        e.run(Command::LabelKey(4), &p);
        let added = e.doc.spans().iter().find(|a| a.text == "met").unwrap();
        assert_eq!(
            (added.label.as_str(), added.source),
            ("MISC", newsmark_core::extract::Source::User)
        );
    }

    #[test]
    fn a_selection_over_a_span_splits_or_replaces_it_and_nudges_move_boundaries() {
        let p = Pipeline::new(Box::new(Nothing), Box::new(Nothing));
        let mut e = Editor::new(Document::new(
            "Mark Rutte and Keir Starmer met in Paris.",
            &p,
        ));
        e.run(Command::SelectText { start: 0, end: 27 }, &p);
        e.run(Command::LabelPending("PER".into()), &p);
        e.run(Command::SelectText { start: 16, end: 22 }, &p); // "eir St"
        let pending = e.pending.clone().unwrap();
        assert_eq!(pending.text, "Keir Starmer");
        assert_eq!(
            pending.overlaps,
            [("Mark Rutte and Keir Starmer".to_string(), "PER".to_string())]
        );
        e.run(Command::LabelPending("PER".into()), &p);
        let texts: Vec<&str> = e.doc.spans().iter().map(|a| a.text.as_str()).collect();
        assert_eq!(texts, ["Mark Rutte", "Keir Starmer"]);
        // Replace instead: undo, select again, choose replace.
        e.run(Command::Edit(Action::Undo), &p);
        e.run(Command::SelectText { start: 16, end: 22 }, &p);
        e.run(Command::PendingSplit(false), &p);
        e.run(Command::LabelPending("PER".into()), &p);
        let texts: Vec<&str> = e.doc.spans().iter().map(|a| a.text.as_str()).collect();
        assert_eq!(texts, ["Keir Starmer"]);
        // Nudges: grow the end by a word, shrink it back, grow the start.
        e.run(
            Command::Nudge {
                end: true,
                grow: true,
            },
            &p,
        );
        assert_eq!(
            e.doc.span(e.selected.unwrap()).unwrap().text,
            "Keir Starmer met"
        );
        e.run(
            Command::Nudge {
                end: true,
                grow: false,
            },
            &p,
        );
        e.run(
            Command::Nudge {
                end: false,
                grow: true,
            },
            &p,
        );
        assert_eq!(
            e.doc.span(e.selected.unwrap()).unwrap().text,
            "and Keir Starmer"
        );
        e.run(
            Command::Nudge {
                end: false,
                grow: false,
            },
            &p,
        );
        e.run(
            Command::Nudge {
                end: false,
                grow: false,
            },
            &p,
        );
        e.run(
            Command::Nudge {
                end: true,
                grow: false,
            },
            &p,
        );
        assert_eq!(
            e.doc.span(e.selected.unwrap()).unwrap().text,
            "Starmer",
            "never shrinks to nothing"
        );
    }

    #[test]
    fn long_texts_wait_for_the_worker_and_its_answer_is_merged_once_current() {
        let p = Pipeline::default();
        let text = "PARIS, Sept. 1, 2025 — Emmanuel Macron met Olaf Scholz in Berlin on Monday.";
        let mut now = Editor::default();
        now.run(Command::Edit(Action::SetText(text.into())), &p);
        let mut e = Editor {
            defer_from: Some(20),
            ..Editor::default()
        };
        e.run(Command::Edit(Action::SetText(text.into())), &p);
        assert_eq!(e.doc.text(), text);
        let asked = e.doc.pending().expect("a long text waits");
        let article = asked.run(&p);
        // The person changed the date meanwhile: the answer is ignored.
        let mut moved = e.clone();
        moved.run(Command::Edit(Action::SetDct(None)), &p);
        let before = moved.clone();
        moved.run(
            Command::Annotated(Box::new((asked.clone(), article.clone()))),
            &p,
        );
        assert_eq!(moved, before);
        // Otherwise it gives what the page computes at once.
        e.run(Command::Annotated(Box::new((asked, article))), &p);
        assert!(e.doc.pending().is_none());
        assert_eq!(e.doc, now.doc);
        assert!(!e.doc.spans().is_empty());
        // A refresh waits too, and a short text never does.
        e.run(Command::Refresh, &p);
        assert!(e.doc.pending().is_some());
        e.run(Command::Edit(Action::SetText("Berlin.".into())), &p);
        assert!(e.doc.pending().is_none());
    }

    #[test]
    fn a_paste_replaces_the_selection_counted_in_utf16_units() {
        assert_eq!(paste_into("", 0, 0, "new"), "new");
        assert_eq!(paste_into("abc", 0, 3, "x"), "x");
        assert_eq!(paste_into("abc", 1, 1, "x"), "axbc");
        // 😀 is two UTF-16 units, é one: the selection after them is counted so.
        assert_eq!(paste_into("😀é|old|", 4, 7, "new"), "😀é|new|");
        // A selection made backwards, and one past the end, as a browser never hands over.
        assert_eq!(paste_into("abcd", 3, 1, "x"), "axd");
        assert_eq!(paste_into("ab", 5, 9, "x"), "abx");
    }

    #[test]
    fn pasted_line_ends_become_those_of_a_text_area() {
        assert_eq!(paste_into("a\nb", 1, 1, "1\r\n2\r3\n"), "a1\n2\n3\n\nb");
    }
}
