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

use crate::span::{Byte, Span};
use chrono::{Datelike, NaiveDate};
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
    pub span: Span<Byte>,
    /// Label name (see [`labels`]).
    pub label: String,
    /// Normalised TIMEX3 value for time expressions.
    pub value: Option<String>,
    /// Who proposed it.
    pub source: Source,
}

impl Mention {
    /// A mention with no value.
    pub fn new(span: Span<Byte>, label: &str, source: Source) -> Self {
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
        let mut times: Vec<Span<Byte>> = out.iter().map(|m| m.span).collect();
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
fn overlaps_any(sorted: &[Span<Byte>], span: Span<Byte>) -> bool {
    let i = sorted.partition_point(|s| s.end <= span.start);
    sorted.get(i).is_some_and(|s| s.overlaps(&span))
}

/// Which document date an article is resolved against: the one type for the document
/// date from the page's field to the parser. The pipeline takes it, the document keeps it
/// (with the date it gave, [`Document::dct`](crate::Document::dct)), the saved copy and the
/// worker's messages write it, and the page says from it where the date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DctChoice {
    /// The date read from the article's dateline, if it has one; follows the text as it
    /// changes.
    #[default]
    Detect,
    /// This date (or explicitly none), whatever the dateline says: set by the person or
    /// given by the caller.
    Given(Option<NaiveDate>),
}

/// The choice as one word, for messages between the page and its worker: `dateline`,
/// `none`, or the given date as `YYYY-MM-DD`. [`str::parse`] reads it back.
impl std::fmt::Display for DctChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DctChoice::Detect => f.write_str("dateline"),
            DctChoice::Given(None) => f.write_str("none"),
            DctChoice::Given(Some(d)) => write!(f, "{}", d.format("%Y-%m-%d")),
        }
    }
}

impl std::str::FromStr for DctChoice {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "dateline" => Ok(DctChoice::Detect),
            "none" => Ok(DctChoice::Given(None)),
            d => dct::parse_iso_date(d).map(|d| DctChoice::Given(Some(d))),
        }
    }
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
    pub dateline: Option<Span<Byte>>,
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

/// Separates the strings of a packed article (no label or TIMEX3 value holds it).
const UNIT_SEPARATOR: char = '\u{1f}';

impl Article {
    /// The article packed to hand it between two copies of the program (the page and its
    /// Web Worker) at the cost of a copy: numbers (the DCT as `[1, year, month, day]` or
    /// `[0, 0, 0, 0]`, the dateline as `[1, start, end]` or `[0, 0, 0]`, then five per
    /// mention: byte start, byte end, label, value (0 for none, else string number + 1),
    /// source) and the distinct labels and values, joined by U+001F. Offsets of texts
    /// under 4 GB. Not a public format: read back by [`Article::unpack`].
    pub fn pack(&self) -> (Vec<u32>, String) {
        let mut strings: Vec<&str> = Vec::new();
        let mut index = std::collections::HashMap::new();
        fn intern<'a>(
            s: &'a str,
            strings: &mut Vec<&'a str>,
            index: &mut std::collections::HashMap<&'a str, u32>,
        ) -> u32 {
            *index.entry(s).or_insert_with(|| {
                strings.push(s);
                strings.len() as u32 - 1
            })
        }
        let n = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        let mut numbers = Vec::with_capacity(7 + 5 * self.mentions.len());
        match self.dct {
            // Any year round-trips through `as`: i32 → u32 → i32.
            Some(d) => numbers.extend([1, d.year() as u32, d.month(), d.day()]),
            None => numbers.extend([0, 0, 0, 0]),
        }
        match self.dateline {
            Some(s) => numbers.extend([1, n(s.start), n(s.end)]),
            None => numbers.extend([0, 0, 0]),
        }
        for m in &self.mentions {
            let label = intern(&m.label, &mut strings, &mut index);
            let value = m
                .value
                .as_deref()
                .map_or(0, |v| intern(v, &mut strings, &mut index) + 1);
            let source = match m.source {
                Source::Model => 0,
                Source::Rule => 1,
                Source::User => 2,
            };
            numbers.extend([n(m.span.start), n(m.span.end), label, value, source]);
        }
        let joined = strings.join(&UNIT_SEPARATOR.to_string());
        (numbers, joined)
    }

    /// The article packed by [`Article::pack`].
    pub fn unpack(numbers: &[u32], strings: &str) -> Result<Article, String> {
        let strings: Vec<&str> = strings.split(UNIT_SEPARATOR).collect();
        let bad = || "not a packed article".to_string();
        let (head, rest) = numbers.split_at_checked(7).ok_or_else(bad)?;
        if rest.len() % 5 != 0 {
            return Err(bad());
        }
        let dct = match head[..4] {
            [0, ..] => None,
            [_, y, m, d] => Some(NaiveDate::from_ymd_opt(y as i32, m, d).ok_or_else(bad)?),
            _ => unreachable!("four numbers"),
        };
        let dateline = (head[4] != 0).then(|| Span::new(head[5] as usize, head[6] as usize));
        let string = |i: u32| {
            strings
                .get(i as usize)
                .map(|s| s.to_string())
                .ok_or_else(bad)
        };
        let mentions = rest
            .chunks_exact(5)
            .map(|m| {
                Ok(Mention {
                    span: Span::new(m[0] as usize, m[1] as usize),
                    label: string(m[2])?,
                    value: match m[3] {
                        0 => None,
                        v => Some(string(v - 1)?),
                    },
                    source: match m[4] {
                        0 => Source::Model,
                        1 => Source::Rule,
                        2 => Source::User,
                        _ => return Err(bad()),
                    },
                })
            })
            .collect::<Result<_, String>>()?;
        Ok(Article {
            dct,
            dateline,
            mentions,
        })
    }
}

#[cfg(test)]
mod wire_tests {
    use super::*;

    #[test]
    fn a_dct_choice_reads_back_what_it_writes() {
        for c in [
            DctChoice::Detect,
            DctChoice::Given(None),
            DctChoice::Given(NaiveDate::from_ymd_opt(2025, 9, 1)),
            DctChoice::Given(NaiveDate::from_ymd_opt(1, 1, 1)),
        ] {
            assert_eq!(c.to_string().parse::<DctChoice>(), Ok(c), "{c}");
        }
        assert!("detect".parse::<DctChoice>().is_err());
        assert!("+12345-01-01".parse::<DctChoice>().is_err());
    }

    #[test]
    fn an_article_survives_its_packing() {
        let text = "WASHINGTON, Jan. 8, 1998 — Zoë Keller met NATO officials in Kyiv last week.";
        let p = Pipeline::default();
        for choice in [
            DctChoice::Detect,
            DctChoice::Given(None),
            DctChoice::Given(NaiveDate::from_ymd_opt(2001, 2, 3)),
        ] {
            let article = p.annotate_article(text, choice);
            assert!(article.mentions.iter().any(|m| m.value.is_some()));
            let (numbers, strings) = article.pack();
            assert_eq!(Article::unpack(&numbers, &strings), Ok(article));
        }
        assert!(Article::unpack(&[1, 2, 3], "").is_err());
        assert!(Article::unpack(&[0, 0, 0, 0, 0, 0, 0, 1, 2, 9, 0, 0], "PER").is_err());
    }
}
