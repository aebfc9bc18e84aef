//! The machine's suggestions: a run of the pipeline over the current text and document
//! date, now or (for a long text) later elsewhere, merged with what the person did: their
//! spans and rejections stand and block suggestions, and a suggestion made again keeps its
//! id.

use super::shared_text::SharedText;
use super::{Annotation, Document, Outcome, Status};
use crate::extract::{Article, DctChoice, Pipeline};
use crate::span::{Char, Span};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// A run of the machine that a document waits for: the text to annotate and the document
/// date to resolve it against (see [`Document::pending`] and [`Document::complete`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extraction {
    /// The text.
    pub text: Arc<str>,
    /// The document date choice.
    pub choice: DctChoice,
}

impl Extraction {
    /// Runs `pipeline` over the text: what [`Document::complete`] takes.
    pub fn run(&self, pipeline: &Pipeline) -> Article {
        pipeline.annotate_article(&self.text, self.choice)
    }
}

/// How an action gets the machine's suggestions: from `pipeline` at once, or, for a text
/// of `defer_from` bytes or more, later (the document is left stale).
#[derive(Clone, Copy)]
pub(super) struct Machine<'a> {
    pub(super) pipeline: &'a Pipeline,
    pub(super) defer_from: usize,
}

impl<'a> Machine<'a> {
    pub(super) fn now(pipeline: &'a Pipeline) -> Self {
        Machine {
            pipeline,
            defer_from: usize::MAX,
        }
    }
}

impl Document {
    /// Re-runs the machine over the same text (e.g. once a better recogniser has loaded):
    /// the person's spans and rejections stay, suggestions are proposed anew. Not an undo
    /// step: it changes what the machine says, not what the person did.
    pub fn refresh(&mut self, pipeline: &Pipeline) {
        self.refresh_deferring(pipeline, usize::MAX);
    }

    /// Like [`refresh`](Self::refresh), but for a text of `defer_from` bytes or more the
    /// run is left for later: the document only becomes stale (see [`pending`](Self::pending)).
    pub fn refresh_deferring(&mut self, pipeline: &Pipeline, defer_from: usize) {
        self.new_version();
        let text = self.state.text.clone();
        self.reannotate(
            text,
            Machine {
                pipeline,
                defer_from,
            },
        );
    }

    /// The run of the machine this document waits for, if its suggestions are stale (an
    /// action applied with [`apply_deferring`](Self::apply_deferring), or an undo back to
    /// such a state): the text and the document date choice of the current state.
    pub fn pending(&self) -> Option<Extraction> {
        self.state.stale.then(|| Extraction {
            text: self.state.text.arc().clone(),
            choice: self.dct_choice(),
        })
    }

    /// Merges the machine's suggestions computed elsewhere for `asked` (from
    /// [`pending`](Self::pending)), as [`refresh`](Self::refresh) would: not an undo step.
    /// A result for a text or date that is no longer the current one, or for a document
    /// that is not stale, is ignored: returns whether it was taken.
    pub fn complete(&mut self, asked: &Extraction, article: Article) -> bool {
        let text = self.state.text.arc();
        let current = self.state.stale
            && asked.choice == self.dct_choice()
            && (Arc::ptr_eq(&asked.text, text) || *asked.text == **text);
        if current {
            self.new_version();
            self.merge(article);
            // The text in a new allocation: a view that tells texts apart by identity
            // (the page's, which shows a new text a few blocks per task) shows the
            // annotated text as a new one, not every block it has shown at once again.
            self.state.text = self.state.text.reallocated();
        }
        current
    }

    /// Re-runs the machine over `text`: accepted spans and rejections follow the edit (and
    /// are dropped where the text under them changed), predicted spans are proposed anew,
    /// now or (for a long text, see [`Machine`]) once [`complete`](Self::complete) brings
    /// them.
    pub(super) fn reannotate(&mut self, text: SharedText, machine: Machine) -> Outcome {
        let out = self.follow_edit(text);
        if self.state.text.as_str().len() >= machine.defer_from {
            self.state.stale = true;
        } else {
            let article = machine
                .pipeline
                .annotate_article(self.state.text.as_str(), self.dct_choice());
            self.merge(article);
        }
        out
    }

    /// Puts the machine's `article` (of the current text, resolved against the current
    /// document date choice) in place of the earlier suggestions: the person's spans and
    /// rejections block suggestions, a suggestion made again keeps its id, and a detected
    /// document date follows the article's.
    fn merge(&mut self, article: Article) {
        let text = self.state.text.clone();
        let mut kept: Vec<Annotation> = Vec::new();
        // Predicted spans that the new run proposes again keep their ids, so the same
        // result is the same state (no empty undo step) and selections stay put.
        let mut previous: HashMap<(usize, usize, String), u64> = HashMap::new();
        for a in Arc::unwrap_or_clone(std::mem::take(&mut self.state.spans)) {
            if a.status == Status::Accepted {
                kept.push(a);
            } else {
                previous.insert((a.start, a.end, a.label), a.id);
            }
        }
        if self.state.dct_choice == DctChoice::Detect {
            self.state.dct = article.dct;
        }
        let idx = text.index();
        // The person's spans (flat, sorted) and rejections block suggestions; both are looked
        // up, not scanned, so a book-length text stays linear.
        kept.sort_by_key(|a| (a.start, a.end));
        let kept_spans: Vec<Span<Char>> = kept.iter().map(|a| a.span()).collect();
        let rejected = std::mem::take(&mut self.state.rejected);
        let blocked: HashSet<(usize, usize, &str)> = rejected
            .iter()
            .map(|r| (r.start, r.end, r.label.as_str()))
            .collect();
        let mut spans = Vec::with_capacity(kept.len() + article.mentions.len());
        for m in article.mentions {
            let s = idx.chars_of(m.span);
            let i = kept_spans.partition_point(|k| k.end <= s.start);
            let in_the_way = kept_spans.get(i).is_some_and(|k| k.overlaps(&s))
                || blocked.contains(&(s.start, s.end, m.label.as_str()));
            if in_the_way {
                continue;
            }
            let id = match previous.remove(&(s.start, s.end, m.label.clone())) {
                Some(id) => id,
                None => self.fresh_id(),
            };
            spans.push(Annotation {
                id,
                start: s.start,
                end: s.end,
                text: text.as_str()[m.span].to_string(),
                label: m.label,
                value: m.value,
                note: None,
                source: m.source,
                status: Status::Predicted,
            });
        }
        drop(blocked);
        spans.extend(kept);
        spans.sort_by_key(|a| (a.start, a.end));
        self.state.spans = Arc::new(spans);
        self.state.rejected = rejected;
        self.state.stale = false;
    }
}
