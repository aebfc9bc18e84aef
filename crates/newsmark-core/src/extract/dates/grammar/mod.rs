//! The time-expression grammar: from a token position, the longest time expression that
//! starts there, with its TIMEX3 type and value.
//!
//! One [`Parser`] over the tokens of a text. Here: its cursor helpers, the pass over the
//! tokens ([`Parser::run`]) and the dispatch on the token an expression starts with (a
//! number, a keyword). Each kind of expression is parsed in a file of its own, by an
//! `impl Parser` there, as rustc's parser is split into `expr.rs`, `ty.rs`, `pat.rs`. A
//! rule calls the rules of other files through `self`, always in one direction: the rules
//! that can lead back to any kind of expression (the dispatch) are here, so the files
//! form no cycle.

mod anaphors;
mod approximate;
mod days;
mod durations;
mod early_late;
mod holidays;
mod months;
mod numbers;
mod quarters;
mod reference;
mod relative;
mod seasons;
mod sets;
mod tense;
mod tense_words;
mod the;
mod times;
mod years;

use super::lex::{Kind, Kw, Tok, Unit, W};
use crate::extract::labels::{DATE, SET, TIME};
use chrono::NaiveDate;
use numbers::Amount;
use reference::RefTime;

/// A recognised expression: tokens `s..e`, its type and its value.
#[derive(Debug, Clone, Default)]
pub(crate) struct Hit {
    pub s: usize,
    pub e: usize,
    pub label: &'static str,
    pub value: Option<String>,
    /// A value that depends on an earlier expression of the text.
    pub anaphor: Anaphor,
}

/// Expressions resolved against the last quarter mentioned before them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Anaphor {
    #[default]
    None,
    /// "a year ago", "the year-earlier quarter": the same quarter a year before.
    YearAgo,
    /// "the quarter", "the latest quarter": the quarter being discussed.
    Quarter,
    /// "the 1988 period": the quarter being discussed, in the given year.
    InYear(i32),
}

fn hit(s: usize, e: usize, label: &'static str, value: Option<String>) -> Option<Hit> {
    Some(Hit {
        s,
        e,
        label,
        value,
        anaphor: Anaphor::None,
    })
}

/// Keeps the longer of two candidate hits (the first on a tie).
fn longer(a: Option<Hit>, b: Option<Hit>) -> Option<Hit> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.e > a.e { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// The grammar over the tokens of one text.
pub(crate) struct Parser<'a> {
    text: &'a str,
    t: &'a [Tok],
    dct: Option<NaiveDate>,
    /// The last date the text mentioned before the current position.
    reference: std::cell::Cell<Option<RefTime>>,
}

impl<'a> Parser<'a> {
    pub(crate) fn new(text: &'a str, t: &'a [Tok], dct: Option<NaiveDate>) -> Self {
        Parser {
            text,
            t,
            dct,
            reference: std::cell::Cell::new(None),
        }
    }

    /// All expressions, left to right, longest first, never overlapping.
    pub(crate) fn run(&self) -> Vec<Hit> {
        let mut out: Vec<Hit> = Vec::new();
        let mut i = 0;
        while i < self.t.len() {
            if self.trigger(i) {
                if let Some(h) = self.at(i, &out) {
                    if h.e > i && h.s >= i {
                        if let Some(r) = h.value.as_deref().and_then(RefTime::parse) {
                            self.reference.set(Some(r));
                        }
                        i = h.e;
                        out.push(h);
                        continue;
                    }
                }
            }
            i += 1;
        }
        self.resolve_anaphors(&mut out);
        out
    }

    // ----- token helpers -------------------------------------------------------------

    fn w(&self, i: usize) -> W {
        self.t.get(i).map_or(W::None, |t| t.w)
    }
    fn kw(&self, i: usize, k: Kw) -> bool {
        self.w(i) == W::K(k)
    }
    /// Token `i` follows token `i - 1` with no space between.
    fn adj(&self, i: usize) -> bool {
        i > 0 && i < self.t.len() && self.t[i].start == self.t[i - 1].end
    }
    fn punct(&self, i: usize, c: u8) -> bool {
        self.t
            .get(i)
            .is_some_and(|t| t.kind == Kind::Punct && t.n == u32::from(c))
    }
    fn num(&self, i: usize) -> Option<(u32, u8)> {
        self.t
            .get(i)
            .filter(|t| t.kind == Kind::Num)
            .map(|t| (t.n, t.digits))
    }
    fn txt(&self, i: usize) -> &'a str {
        self.t.get(i).map_or("", |t| &self.text[t.start..t.end])
    }
    fn is(&self, i: usize, word: &str) -> bool {
        self.t.get(i).is_some_and(|t| t.kind == Kind::Word)
            && self.txt(i).eq_ignore_ascii_case(word)
    }
    fn cap(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.cap)
    }

    fn trigger(&self, i: usize) -> bool {
        let t = &self.t[i];
        match t.kind {
            Kind::Num => true,
            Kind::Word => {
                t.w != W::None
                    || (t.end - t.start == 1
                        && matches!(self.text.as_bytes()[t.start], b'Q' | b'H')
                        && self.adj(i + 1)
                        && self.num(i + 1).is_some())
            }
            Kind::Punct => t.n == u32::from(b'\'') && self.adj(i + 1) && self.num(i + 1).is_some(),
            Kind::Other => false,
        }
    }

    // ----- dispatch ------------------------------------------------------------------

    fn at(&self, i: usize, prev: &[Hit]) -> Option<Hit> {
        let t = &self.t[i];
        let h = match t.kind {
            Kind::Num => self.number(i, prev),
            Kind::Punct => self.decade_short(i),
            Kind::Word => match t.w {
                W::Month { .. } => self.month(i),
                W::Weekday { .. } => self.weekday(i),
                W::Num(_) => longer(
                    longer(self.duration(i), self.numword_time(i)),
                    self.year_words(i)
                        .map(|(y, e)| Hit {
                            s: i,
                            e,
                            label: DATE,
                            value: Some(format!("{y:04}")),
                            anaphor: Anaphor::None,
                        })
                        .filter(|_| !self.kw(i, Kw::A)),
                ),
                W::Unit { u, plural: true } => self.bare_units(i, u),
                W::Unit {
                    u: Unit::Year,
                    plural: false,
                } => self.year_ago_adj(i, i).or_else(|| self.year_end(i)),
                W::Unit {
                    u: Unit::Day,
                    plural: false,
                } => self.day_before_after(i),
                W::Season(_) => self.season(i),
                W::Holiday(h) => self.holiday(i, i, h, 0),
                W::Part { .. } => None,
                W::Ord(_) => self.quarter(i, i, None),
                W::Decade(_) => None,
                W::None => self.quarter_code(i),
                W::K(k) => self.keyword(i, k, prev),
                _ => None,
            },
            Kind::Other => None,
        };
        // A time expression directly followed by a time of day ("Friday 3 p.m.") is left
        // alone: the two stay separate mentions.
        h
    }

    /// Expressions that start with a number, by its count of digits.
    fn number(&self, i: usize, prev: &[Hit]) -> Option<Hit> {
        let (n, d) = self.num(i)?;
        // Anything glued to a letter or a decimal point before it is not ours ("A320").
        if self.adj(i) && matches!(self.t[i - 1].kind, Kind::Word | Kind::Num) {
            return None;
        }
        if self.adj(i)
            && (self.punct(i - 1, b'.') || self.punct(i - 1, b'$') || self.punct(i - 1, b','))
        {
            return None;
        }
        match d {
            8 => self.yyyymmdd(i, n),
            4 => longer(self.year(i), self.duration(i)),
            1 | 2 => {
                let mut best = self.slash_date(i);
                best = longer(best, self.clock(i, prev));
                best = longer(best, self.day_month(i));
                best = longer(best, self.century(i));
                if best.is_none() {
                    best = self.duration(i);
                }
                best
            }
            _ => self.duration(i),
        }
    }

    /// Expressions led by a keyword of the lexicon: each keyword to its rule.
    fn keyword(&self, i: usize, k: Kw, prev: &[Hit]) -> Option<Hit> {
        let r = |v: &str| Some(v.to_string());
        match k {
            Kw::Today | Kw::Yesterday | Kw::Tomorrow | Kw::Tonight => self.deictic(i),
            Kw::Now => {
                // "now" as a discourse marker at a sentence start still refers to the present.
                hit(i, i + 1, DATE, r("PRESENT_REF"))
            }
            Kw::Currently | Kw::Nowadays => hit(i, i + 1, DATE, r("PRESENT_REF")),
            // "previously", "formerly", bare "future", "quarterly", "annually" and the
            // adjective "recent" are left out: TimeBank rarely marks them (measured).
            Kw::Recently | Kw::Lately => hit(i, i + 1, DATE, r("PAST_REF")),
            Kw::Soon => {
                if (i > 0 && self.is(i - 1, "as"))
                    || self.is(i + 1, "as")
                    || self.is(i + 1, "after")
                {
                    return None;
                }
                hit(i, i + 1, DATE, r("FUTURE_REF"))
            }
            Kw::Recent => {
                if let W::Unit { plural: true, .. } = self.w(i + 1) {
                    return hit(i, i + 2, DATE, r("PAST_REF"));
                }
                None
            }
            Kw::Current => {
                if let W::Unit { u, plural: false } = self.w(i + 1) {
                    return hit(i, i + 2, DATE, self.this_unit(u));
                }
                if self.kw(i + 1, Kw::Fiscal) {
                    if let W::Unit { u, plural: false } = self.w(i + 2) {
                        return hit(i, i + 3, DATE, self.this_unit(u));
                    }
                }
                let next = self.txt(i + 1);
                if [
                    "account", "accounts", "affairs", "events", "flow", "flows", "source", "price",
                    "prices", "market", "rate", "rates",
                ]
                .iter()
                .any(|w| next.eq_ignore_ascii_case(w))
                {
                    return None;
                }
                hit(i, i + 1, DATE, r("PRESENT_REF"))
            }
            Kw::Noon | Kw::Midnight => {
                let hour = if k == Kw::Noon { 12 } else { 24 };
                let mut e = i + 1;
                let base = match self.day_after_time(e) {
                    Some((v, k2)) => {
                        e = k2;
                        v
                    }
                    None => None,
                };
                let clock = if hour == 24 { "24:00" } else { "12:00" };
                let v = match base {
                    Some(b) => format!("{}T{clock}", &b[..10.min(b.len())]),
                    None => format!("{}T{clock}", self.anchor_day(i, e, prev)),
                };
                hit(i, e, TIME, Some(v))
            }
            Kw::That => self.that(i, i),
            Kw::Every | Kw::Each => self.set(i),
            Kw::Per => match self.w(i + 1) {
                W::Unit { u, plural: false } => {
                    hit(i, i + 2, SET, Some(Self::duration_value(Amount::N(1), u)))
                }
                _ => None,
            },
            Kw::Daily => hit(i, i + 1, SET, r("P1D")),
            Kw::Weekly => hit(i, i + 1, SET, r("P1W")),
            Kw::Monthly => hit(i, i + 1, SET, r("P1M")),
            Kw::Annually => hit(i, i + 1, SET, r("P1Y")),
            Kw::Hourly => hit(i, i + 1, SET, r("PT1H")),
            Kw::At => {
                if self.kw(i + 1, Kw::The) && self.kw(i + 2, Kw::Moment) {
                    return hit(i, i + 3, DATE, r("PRESENT_REF"));
                }
                if self.kw(i + 1, Kw::Present) {
                    return hit(i, i + 2, DATE, r("PRESENT_REF"));
                }
                if self.kw(i + 1, Kw::Least) {
                    return self.modified(i, i + 2, prev);
                }
                None
            }
            Kw::These => {
                if self.is(i + 1, "days") {
                    return hit(i, i + 2, DATE, r("PRESENT_REF"));
                }
                None
            }
            // "over a week", "over an hour": "more than", part of the expression (not the
            // preposition of "over the past year", "over a three-year period").
            Kw::Over => {
                if self.kw(i + 1, Kw::A) && matches!(self.w(i + 2), W::Unit { plural: false, .. }) {
                    return self.modified(i, i + 1, prev);
                }
                None
            }
            // "no more than sixty days": the bound is part of the expression.
            Kw::No => {
                if matches!(self.w(i + 1), W::K(Kw::More | Kw::Less)) && self.kw(i + 2, Kw::Than) {
                    return self.modified(i, i + 3, prev);
                }
                None
            }
            Kw::More | Kw::Less => {
                if self.kw(i + 1, Kw::Than) {
                    return self.modified(i, i + 2, prev);
                }
                None
            }
            // "about" and "over" are mostly left outside the extent in TimeBank.
            Kw::Nearly | Kw::Almost | Kw::Around | Kw::Roughly | Kw::Some => {
                self.modified(i, i + 1, prev)
            }
            Kw::Right => {
                if self.kw(i + 1, Kw::Now) {
                    return hit(i, i + 2, DATE, r("PRESENT_REF"));
                }
                None
            }
            Kw::Up => {
                if self.kw(i + 1, Kw::To) {
                    return self.modified(i, i + 2, prev);
                }
                None
            }
            Kw::A => longer(longer(self.duration(i), self.half(i)), self.a_period(i)),
            Kw::Several | Kw::Few | Kw::Many => self.duration(i),
            Kw::Half => self.half(i),
            Kw::The => self.the(i),
            Kw::Last
            | Kw::Next
            | Kw::This
            | Kw::Past
            | Kw::Coming
            | Kw::Previous
            | Kw::Following => self.relative(i, i, k),
            Kw::Early | Kw::Late | Kw::Mid | Kw::Earlier | Kw::Later => self.early_late(i),
            Kw::Fiscal => self.fiscal(i),
            _ => None,
        }
    }
}
