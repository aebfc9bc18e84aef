//! Extraction: everything that turns raw text into machine-proposed spans.
//!
//! Each recogniser implements [`Extractor`] and returns [`Mention`]s in **byte** offsets.
//! [`Pipeline`] runs the time-expression recogniser first and the entity recogniser second,
//! drops entity mentions that overlap a time expression, and returns one sorted, flat
//! (non-overlapping) list. The UI, the JS API and the CLI only ever call
//! [`Pipeline::annotate`], so a recogniser can be swapped (rules → trained model) without
//! touching them.

pub mod dates;
pub mod dct;
pub mod entities;

use crate::span::Span;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The built-in label names.
pub mod labels {
    /// Person.
    pub const PER: &str = "PER";
    /// Organisation.
    pub const ORG: &str = "ORG";
    /// Location.
    pub const LOC: &str = "LOC";
    /// Other names: nationalities, events, works.
    pub const MISC: &str = "MISC";
    /// TIMEX3 DATE.
    pub const DATE: &str = "DATE";
    /// TIMEX3 TIME.
    pub const TIME: &str = "TIME";
    /// TIMEX3 DURATION.
    pub const DURATION: &str = "DURATION";
    /// TIMEX3 SET.
    pub const SET: &str = "SET";
    /// All built-in labels, entities first, in legend order.
    pub const ALL: [&str; 8] = [PER, ORG, LOC, MISC, DATE, TIME, DURATION, SET];

    /// True for the TIMEX3 types, whose spans carry a `value`.
    pub fn is_time(label: &str) -> bool {
        matches!(label, DATE | TIME | DURATION | SET)
    }
}

/// Who proposed a span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// A trained statistical model.
    Model,
    /// A hand-written rule or word list.
    Rule,
    /// The person.
    User,
}

/// A span proposed by a recogniser, in byte offsets of the text it was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte span.
    pub span: Span,
    /// Label name (see [`labels`]).
    pub label: String,
    /// Normalised TIMEX3 value for time expressions.
    pub value: Option<String>,
    /// Who proposed it.
    pub source: Source,
}

impl Mention {
    /// A mention with no value.
    pub fn new(span: Span, label: &str, source: Source) -> Self {
        Mention {
            span,
            label: label.to_string(),
            value: None,
            source,
        }
    }
}

/// What a recogniser may know about the document besides its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context {
    /// Document creation time: relative dates resolve against it; without it they stay
    /// underspecified (`XXXX-09-04`), never guessed from a clock.
    pub dct: Option<NaiveDate>,
}

/// A recogniser of spans in text.
pub trait Extractor {
    /// Mentions found in `text`, in byte offsets, sorted by start, not overlapping.
    fn extract(&self, text: &str, ctx: &Context) -> Vec<Mention>;
}

/// Time expressions first, then entities, merged into one flat list.
pub struct Pipeline {
    times: Box<dyn Extractor + Send + Sync>,
    entities: Box<dyn Extractor + Send + Sync>,
}

impl Default for Pipeline {
    fn default() -> Self {
        Pipeline {
            times: Box::new(dates::TimexRecognizer::default()),
            entities: Box::new(entities::RuleEntities::default()),
        }
    }
}

impl Pipeline {
    /// A pipeline from two recognisers.
    pub fn new(
        times: Box<dyn Extractor + Send + Sync>,
        entities: Box<dyn Extractor + Send + Sync>,
    ) -> Self {
        Pipeline { times, entities }
    }

    /// The entity recogniser in use.
    pub fn entities(&self) -> &dyn Extractor {
        self.entities.as_ref()
    }

    /// Replaces the entity recogniser (e.g. once the trained model has loaded).
    pub fn set_entities(&mut self, entities: Box<dyn Extractor + Send + Sync>) {
        self.entities = entities;
    }

    /// All mentions in `text`, sorted by start, never overlapping.
    pub fn annotate(&self, text: &str, ctx: &Context) -> Vec<Mention> {
        let mut out = self.times.extract(text, ctx);
        let mut times: Vec<Span> = out.iter().map(|m| m.span).collect();
        times.sort();
        let ents: Vec<Mention> = self
            .entities
            .extract(text, ctx)
            .into_iter()
            .filter(|e| !overlaps_any(&times, e.span))
            .collect();
        out.extend(ents);
        out.sort_by_key(|m| (m.span.start, m.span.end));
        // Defensive: a recogniser that breaks its contract must not break the document.
        let mut flat: Vec<Mention> = Vec::with_capacity(out.len());
        for m in out {
            let on_boundaries = text.is_char_boundary(m.span.start)
                && text.is_char_boundary(m.span.end)
                && m.span.end <= text.len();
            if !m.span.is_empty()
                && on_boundaries
                && flat.last().is_none_or(|l| l.span.end <= m.span.start)
            {
                flat.push(m);
            }
        }
        flat
    }
}

/// True when `span` overlaps one of `sorted` (sorted by start, not overlapping each other).
fn overlaps_any(sorted: &[Span], span: Span) -> bool {
    let i = sorted.partition_point(|s| s.end <= span.start);
    sorted.get(i).is_some_and(|s| s.overlaps(&span))
}

/// Which document date an article is resolved against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DctChoice {
    /// The date read from the article's dateline, if it has one.
    Detect,
    /// This date (or explicitly none), whatever the dateline says.
    Given(Option<NaiveDate>),
}

impl DctChoice {
    /// `Given(d)` when `d` is some, else `Detect`.
    pub fn given_or_detect(d: Option<NaiveDate>) -> Self {
        d.map_or(DctChoice::Detect, |d| DctChoice::Given(Some(d)))
    }
}

/// What [`Pipeline::annotate_article`] found in an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The document date used: the one given, else the one detected in the dateline.
    pub dct: Option<NaiveDate>,
    /// The dateline that gave the DCT, if it was detected (never itself a span).
    pub dateline: Option<Span>,
    /// Mentions, byte offsets, sorted and flat.
    pub mentions: Vec<Mention>,
}

impl Pipeline {
    /// Annotates a whole article: finds its dateline, resolves relative dates against the
    /// date `choice` says, and leaves the dateline itself unannotated.
    pub fn annotate_article(&self, text: &str, choice: DctChoice) -> Article {
        let detected = dct::detect(text);
        let dct = match choice {
            DctChoice::Detect => detected.map(|d| d.date),
            DctChoice::Given(d) => d,
        };
        let dateline = detected.map(|d| d.span);
        let mut mentions = self.annotate(text, &Context { dct });
        if let Some(line) = dateline {
            mentions.retain(|m| !m.span.overlaps(&line));
        }
        Article {
            dct,
            dateline,
            mentions,
        }
    }
}
