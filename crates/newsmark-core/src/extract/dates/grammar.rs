//! The time-expression grammar: from a token position, the longest time expression that
//! starts there, with its TIMEX3 type and value.

use super::lex::{Hol, Kind, Kw, Part, Season, Tok, Unit, W};
use super::resolve::{self, Pick, Tense};
use crate::extract::labels::{DATE, DURATION, SET, TIME};
use chrono::{Datelike, NaiveDate};

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

/// How many of something: a number, or an unspecified "several".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Amount {
    N(u64),
    /// n and a half ("2 1/2").
    Half(u64),
    X,
}

/// Keeps the longer of two candidate hits (the first on a tie).
fn longer(a: Option<Hit>, b: Option<Hit>) -> Option<Hit> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.e > a.e { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// Words after a bare four-digit number that make it a quantity, not a year.
const QUANTITY_WORDS: &[&str] = &[
    "million",
    "billion",
    "trillion",
    "thousand",
    "hundred",
    "shares",
    "people",
    "feet",
    "foot",
    "metres",
    "meters",
    "miles",
    "km",
    "kilometers",
    "kilometres",
    "tons",
    "tonnes",
    "points",
    "percent",
    "units",
    "cars",
    "troops",
    "jobs",
    "workers",
    "employees",
    "acres",
    "pounds",
    "dollars",
    "yen",
    "marks",
    "francs",
    "barrels",
    "votes",
    "members",
    "students",
    "soldiers",
    "rooms",
    "homes",
    "square",
    "yards",
    "degrees",
    "seats",
    "copies",
    "times",
    "to",
];

/// Past-tense verbs without the `-ed` ending.
const PAST_WORDS: &[&str] = &[
    "said",
    "was",
    "were",
    "had",
    "did",
    "told",
    "met",
    "went",
    "came",
    "took",
    "made",
    "gave",
    "held",
    "began",
    "rose",
    "fell",
    "got",
    "saw",
    "left",
    "won",
    "lost",
    "sold",
    "bought",
    "paid",
    "led",
    "ran",
    "brought",
    "kept",
    "sent",
    "spent",
    "thought",
    "became",
    "found",
    "shot",
    "struck",
    "stood",
    "ago",
    "wrote",
    "spoke",
    "broke",
    "chose",
    "drew",
    "flew",
    "grew",
    "knew",
    "threw",
    "wore",
    "hit",
    "cut",
    "quit",
    "put",
    "felt",
    "heard",
    "meant",
    "built",
    "sought",
    "taught",
    "caught",
    "fought",
    "last",
    "earlier",
    "previously",
    "yesterday",
    "recently",
];

/// Past-tense reporting verbs: what they report may still lie ahead.
const REPORTING: &[&str] = &[
    "said",
    "told",
    "announced",
    "reported",
    "added",
    "noted",
    "stated",
    "predicted",
    "estimated",
    "projected",
    "indicated",
    "disclosed",
    "forecast",
    "warned",
    "agreed",
    "decided",
    "voted",
    "approved",
    "planned",
];

/// Markers of a future or planned event.
const FUTURE_WORDS: &[&str] = &[
    "will",
    "ll",
    "shall",
    "would",
    "plans",
    "plan",
    "planning",
    "planned",
    "scheduled",
    "expected",
    "expects",
    "expect",
    "slated",
    "due",
    "upcoming",
    "next",
    "intends",
    "aims",
    "hopes",
    "going",
    "tomorrow",
    "coming",
    "until",
    "till",
    "begins",
    "starts",
    "opens",
    "later",
    "prepares",
    "preparing",
    "ahead",
    "soon",
    // "Netanyahu and Arafat meet Monday": a meeting in the present tense is scheduled.
    "meet",
    "meets",
];

/// `-ed` words that are not past-tense reports.
const NOT_PAST_ED: &[&str] = &[
    "need",
    "indeed",
    "speed",
    "red",
    "bed",
    "united",
    "hundred",
    "based",
    "related",
    "limited",
    "proposed",
    "interested",
    "concerned",
    "supposed",
    "used",
    "detailed",
    "advanced",
    "experienced",
    "embattled",
    "so-called",
    "called",
    "armed",
    "led",
];

/// The reference time of the story: the last date mentioned, at the granularity it was
/// given (month, day and quarter 0 when not known).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct RefTime {
    y: i32,
    m: u32,
    d: u32,
    q: u32,
}

impl RefTime {
    /// From a TIMEX3 value that starts with a year: `1998`, `1998-10`, `1998-10-23`,
    /// `1998-10-23T22:00`, `1989-Q3`, `1998-W43`.
    fn parse(v: &str) -> Option<RefTime> {
        let b = v.as_bytes();
        if b.len() < 4
            || !b[..4].iter().all(u8::is_ascii_digit)
            || b.get(4).is_some_and(|c| *c != b'-')
        {
            return None;
        }
        let y: i32 = v[..4].parse().ok()?;
        let mut r = RefTime {
            y,
            ..RefTime::default()
        };
        let two = |k: usize| -> Option<u32> {
            let s = v.get(k..k + 2)?;
            if s.bytes().all(|c| c.is_ascii_digit())
                && b.get(k + 2).is_none_or(|c| !c.is_ascii_digit())
            {
                s.parse().ok()
            } else {
                None
            }
        };
        if b.get(5) == Some(&b'Q') {
            r.q = u32::from(*b.get(6)?)
                .checked_sub(u32::from(b'0'))
                .filter(|q| (1..=4).contains(q))?;
        } else if b.get(5) == Some(&b'W') {
            let w = two(6)?;
            let d = NaiveDate::from_isoywd_opt(y, w, chrono::Weekday::Mon)?;
            r = RefTime::of(d);
            r.d = 0;
        } else if let Some(m) = two(5).filter(|m| (1..=12).contains(m)) {
            r.m = m;
            r.q = (m - 1) / 3 + 1;
            if b.get(7) == Some(&b'-') {
                if let Some(d) = two(8) {
                    r.d = d;
                }
            }
        }
        Some(r)
    }

    fn of(d: NaiveDate) -> RefTime {
        RefTime {
            y: d.year(),
            m: d.month(),
            d: d.day(),
            q: d.month0() / 3 + 1,
        }
    }

    fn date(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.y, self.m, self.d)
    }

    /// The value at the granularity of `u`, if the reference is that precise.
    fn value(self, u: Unit) -> Option<String> {
        match u {
            Unit::Year => Some(format!("{:04}", self.y)),
            Unit::Quarter if self.q > 0 => Some(format!("{:04}-Q{}", self.y, self.q)),
            Unit::Month if self.m > 0 => Some(resolve::month(self.y, self.m)),
            Unit::Week | Unit::Day => self.date().map(|d| resolve::at_granularity(d, u)),
            _ => None,
        }
    }

    /// The reference moved by `n` units, at that granularity.
    fn shifted(self, n: i64, u: Unit) -> Option<String> {
        let base = match u {
            Unit::Year => NaiveDate::from_ymd_opt(self.y, 1, 1)?,
            Unit::Quarter if self.q > 0 => NaiveDate::from_ymd_opt(self.y, self.q * 3 - 2, 1)?,
            Unit::Month if self.m > 0 => NaiveDate::from_ymd_opt(self.y, self.m, 1)?,
            Unit::Week | Unit::Day => self.date()?,
            _ => return None,
        };
        Some(resolve::at_granularity(resolve::shift(base, n, u)?, u))
    }
}

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

    /// Quarter-relative values: "a year earlier" after "the third quarter" is the third
    /// quarter of the year before; "the quarter" is the last quarter named.
    fn resolve_anaphors(&self, hits: &mut [Hit]) {
        let mut last: Option<(i32, u32)> = None;
        for k in 0..hits.len() {
            self.year_ago_apposition(hits, k);
            let h = &mut hits[k];
            match h.anaphor {
                Anaphor::None => {
                    let v = h.value.as_deref().unwrap_or("").as_bytes();
                    if v.len() == 7
                        && v[4] == b'-'
                        && v[5] == b'Q'
                        && v[..4].iter().all(u8::is_ascii_digit)
                    {
                        let y = std::str::from_utf8(&v[..4])
                            .ok()
                            .and_then(|y| y.parse().ok());
                        let q = u32::from(v[6].wrapping_sub(b'0'));
                        // Results are reported for quarters already over: a forecast
                        // ("losses through the third quarter of 1990") is not the
                        // quarter under discussion.
                        // A fiscal quarter "ended Sept. 30" is over whatever its number.
                        let now = self.dct.map(|d| (d.year(), d.month0() / 3 + 1));
                        let ended = self.is(h.e, "ended")
                            || (h.s > 0 && self.is(h.s - 1, "fiscal"))
                            || self.is(h.s, "fiscal")
                            || self.tense(h.s, h.e) == Tense::Past;
                        // "After a flat second quarter, ...": a contrast, not the topic.
                        let contrast = (1..=3).any(|b| {
                            h.s >= b && (self.is(h.s - b, "after") || self.is(h.s - b, "following"))
                        });
                        let topic = |y: i32| !contrast && (ended || now.is_none_or(|n| (y, q) < n));
                        if let Some(y) = y.filter(|&y| topic(y)) {
                            last = Some((y, q));
                        }
                    } else if h.label == DURATION && matches!(v, b"P6M" | b"P9M") {
                        // "the first nine months": results for part of the year (quarter 0).
                        last = self.dct.map(|d| (d.year(), 0));
                    }
                }
                Anaphor::YearAgo => match last {
                    Some((y, 0)) => h.value = Some(format!("{:04}", y - 1)),
                    Some((y, q)) => h.value = Some(format!("{:04}-Q{q}", y - 1)),
                    None => {}
                },
                Anaphor::Quarter => {
                    if let Some((y, q @ 1..=4)) = last {
                        h.value = Some(format!("{y:04}-Q{q}"));
                    }
                }
                Anaphor::InYear(y) => {
                    if let Some((_, q @ 1..=4)) = last {
                        h.value = Some(format!("{y:04}-Q{q}"));
                    }
                }
            }
        }
    }

    /// "the comparable year-ago quarter, the second quarter ended Oct. 31, ...": the
    /// apposition names the year-ago quarter, so it and the day it ended are a year before
    /// the DCT's year, and the year-ago quarter is that one.
    fn year_ago_apposition(&self, hits: &mut [Hit], k: usize) {
        let Some(dct) = self.dct else { return };
        let (h, rest) = match hits[k..].split_first_mut() {
            Some((h, rest)) if h.anaphor == Anaphor::YearAgo && !rest.is_empty() => (h, rest),
            _ => return,
        };
        let q = &mut rest[0];
        if !(self.punct(h.e, b',') && q.s == h.e + 1) {
            return;
        }
        let this_year = format!("{:04}-Q", dct.year());
        let Some(n) = q
            .value
            .as_deref()
            .and_then(|v| v.strip_prefix(this_year.as_str()))
            .filter(|n| matches!(*n, "1" | "2" | "3" | "4"))
        else {
            return;
        };
        // Only a quarter named without its own year.
        if (q.s..q.e).any(|i| self.num(i).is_some_and(|(_, d)| d == 4)) {
            return;
        }
        let v = format!("{:04}-Q{n}", dct.year() - 1);
        q.value = Some(v.clone());
        h.value = Some(v);
        h.anaphor = Anaphor::None;
        let end = q.e;
        // "... ended Oct. 31," inside the apposition.
        if let Some(d) = rest.get_mut(1) {
            let inside = (end..d.s).all(|i| !self.punct(i, b',') && !self.boundary_before(i + 1));
            let ended = self.is(end, "ended") || self.is(end, "ending");
            if let Some(date) = d
                .value
                .as_deref()
                .filter(|v| v.len() == 10 && inside && ended)
            {
                if date[..4] == format!("{:04}", dct.year()) {
                    d.value = Some(format!("{:04}{}", dct.year() - 1, &date[4..]));
                }
            }
        }
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

    // ----- tense ---------------------------------------------------------------------

    /// True when tokens `i - 1` and `i` are in different sentences.
    fn boundary_before(&self, i: usize) -> bool {
        if i == 0 || i >= self.t.len() {
            return true;
        }
        let prev = &self.t[i - 1];
        let gap = &self.text[prev.end..self.t[i].start];
        if gap.contains("\n\n") || gap.contains("\r\n\r\n") {
            return true;
        }
        if prev.kind == Kind::Punct && matches!(prev.n as u8, b'.' | b'!' | b'?' | b';') {
            // Not a full stop of an abbreviation (Sept. Mr.).
            let abbr = i >= 2
                && prev.n as u8 == b'.'
                && self.adj(i - 1)
                && self.t[i - 2].kind == Kind::Word
                && (matches!(self.t[i - 2].w, W::Month { abbr: true, .. })
                    || crate::text::is_abbreviation(self.txt(i - 2))
                    || self.t[i - 2].end - self.t[i - 2].start == 1);
            // "Birmingham, Ala., killed": a stop before a comma or a lower-case word
            // ends an abbreviation, not a sentence.
            let goes_on = prev.n as u8 == b'.'
                && (self.punct(i, b',')
                    || (self.t[i].kind == Kind::Word
                        && self.text.as_bytes()[self.t[i].start].is_ascii_lowercase()));
            return !abbr && !goes_on;
        }
        false
    }

    fn tense_word(&self, i: usize) -> Tense {
        let t = &self.t[i];
        if t.kind != Kind::Word || t.end - t.start > 14 {
            return Tense::Unknown;
        }
        let mut buf = [0u8; 14];
        let s = self.txt(i).as_bytes();
        for (b, c) in buf.iter_mut().zip(s) {
            *b = c.to_ascii_lowercase();
        }
        let Ok(lc) = std::str::from_utf8(&buf[..s.len()]) else {
            return Tense::Unknown;
        };
        // "next to the embassy" is a place.
        if lc == "next" && self.is(i + 1, "to") {
            return Tense::Unknown;
        }
        // "is to resume", "are to meet": a scheduled event.
        if (lc == "is" || lc == "are") && self.is(i + 1, "to") {
            return Tense::Future;
        }
        // "will be named", "to be held": the participle after "be" is not a past tense;
        // the word before "be" decides.
        if i > 0 && self.is(i - 1, "be") && (lc.ends_with("ed") || PAST_WORDS.contains(&lc)) {
            return Tense::Unknown;
        }
        if lc == "set" || lc == "poised" || lc == "likely" {
            return if self.is(i + 1, "to") {
                Tense::Future
            } else {
                Tense::Unknown
            };
        }
        // "set aside vacation plans for the trip", "the plan of the talks": the noun tells
        // no tense; "plans to visit", "plans a visit" do.
        if (lc == "plans" || lc == "plan")
            && (self.is(i + 1, "for")
                || self.is(i + 1, "of")
                || self.t.get(i + 1).is_none_or(|t| t.kind == Kind::Punct)
                || (i > 0
                    && [
                        "the", "a", "its", "his", "her", "their", "our", "these", "those",
                    ]
                    .iter()
                    .any(|w| self.is(i - 1, w))))
        {
            return Tense::Unknown;
        }
        // "agreed to meet Tuesday": the verb before "to" decides.
        if lc == "meet" && i > 0 && self.is(i - 1, "to") {
            return Tense::Unknown;
        }
        if FUTURE_WORDS.contains(&lc) {
            return Tense::Future;
        }
        if PAST_WORDS.contains(&lc) {
            return Tense::Past;
        }
        // "a still unspecified date", "the revised plan": an adjective, not a report.
        let attributive = i > 0
            && [
                "a", "an", "the", "still", "very", "most", "more", "less", "so", "yet",
            ]
            .iter()
            .any(|w| self.is(i - 1, w));
        if lc.len() >= 4
            && lc.ends_with("ed")
            && !lc.ends_with("eed")
            && !NOT_PAST_ED.contains(&lc)
            && !attributive
        {
            return Tense::Past;
        }
        Tense::Unknown
    }

    /// The tense of the sentence around tokens `s..e`: the nearest marker before, else after.
    fn tense(&self, s: usize, e: usize) -> Tense {
        self.tense_marker(s, e).0
    }

    /// The tense and the token that marks it.
    fn tense_marker(&self, s: usize, e: usize) -> (Tense, usize) {
        let mut i = s;
        let mut steps = 0;
        let mut until: Option<usize> = None;
        while i > 0 && steps < 14 && !self.boundary_before(i) {
            i -= 1;
            steps += 1;
            // "a pact effective June 1": a change that takes effect on that day.
            if i + 1 == s && self.is(i, "effective") {
                return (Tense::Future, i);
            }
            let t = self.tense_word(i);
            // "ran daily until November": "until" points ahead of its clause's verb, so
            // a tensed verb before it decides; alone it marks the future.
            let deadline = self.kw(i, Kw::Until) || (i + 1 == s && self.kw(i, Kw::Through));
            if deadline && until.is_none() {
                until = Some(i);
                continue;
            }
            // A deadline granted or moved ("gave them until Tuesday", "postponed until
            // Tuesday") still lies ahead.
            if until.is_some()
                && [
                    "gave",
                    "given",
                    "extended",
                    "postponed",
                    "delayed",
                    "adjourned",
                    "deferred",
                    "granted",
                ]
                .iter()
                .any(|w| self.txt(i).eq_ignore_ascii_case(w))
            {
                break;
            }
            if t != Tense::Unknown {
                return (t, i);
            }
        }
        if let Some(k) = until {
            return (Tense::Future, k);
        }
        match self.tense_after(e) {
            (Tense::Unknown, _) => {
                // Only the words beyond the two windows are left to read.
                let back = (i > 0 && !self.boundary_before(i)).then_some(i);
                let fwd = e + 12;
                let fwd = (fwd < self.t.len() && (e..=fwd).all(|j| !self.boundary_before(j)))
                    .then_some(fwd);
                self.sentence_tense(s, e, back, fwd)
            }
            found => found,
        }
    }

    /// A future marker that only leans ahead ("would", "later", "planned").
    fn weak_future(&self, k: usize) -> bool {
        let w = self.txt(k);
        [
            "would", "coming", "later", "going", "ahead", "soon", "hopes", "aims", "expect",
            "expects", "planned",
        ]
        .iter()
        .any(|x| w.eq_ignore_ascii_case(x))
    }

    /// The nearest tense marker before token `s` in its sentence, however far.
    fn sentence_tense_before(&self, s: usize) -> Option<(Tense, usize)> {
        let mut i = s;
        while i > 0 && s - i < 40 && !self.boundary_before(i) {
            i -= 1;
            let t = self.tense_word(i);
            if t != Tense::Unknown {
                return Some((t, i));
            }
        }
        None
    }

    /// The nearest tense marker anywhere in the sentence around tokens `s..e` (a long
    /// sentence puts its verb far from "In January, a week after the anniversary of ...,
    /// a bombing killed"): the last resort when none is near.
    fn sentence_tense(
        &self,
        s: usize,
        e: usize,
        back_from: Option<usize>,
        fwd_from: Option<usize>,
    ) -> (Tense, usize) {
        const REACH: usize = 40;
        let mut back = None;
        let mut i = back_from.unwrap_or(0);
        while back_from.is_some() && i > 0 && s - i < REACH && !self.boundary_before(i) {
            i -= 1;
            let t = self.tense_word(i);
            if t != Tense::Unknown {
                back = Some((t, i, s - i));
                break;
            }
        }
        let mut fwd = None;
        let mut j = fwd_from.unwrap_or(self.t.len());
        while j < self.t.len() && j - e < REACH && !self.boundary_before(j) {
            let t = self.tense_word(j);
            if t != Tense::Unknown {
                fwd = Some((t, j, j + 1 - e));
                break;
            }
            j += 1;
        }
        match (back, fwd) {
            (Some((t, i, db)), Some((_, _, df))) if db <= df => (t, i),
            (_, Some((t, j, _))) => (t, j),
            (Some((t, i, _)), None) => (t, i),
            (None, None) => (Tense::Unknown, e),
        }
    }

    /// The first tense marker after token `e` in its sentence.
    fn tense_after(&self, e: usize) -> (Tense, usize) {
        let mut j = e;
        let mut steps = 0;
        while j < self.t.len() && steps < 12 && !self.boundary_before(j) {
            let t = self.tense_word(j);
            if t != Tense::Unknown {
                return (t, j);
            }
            j += 1;
            steps += 1;
        }
        (Tense::Unknown, e)
    }

    /// Weekdays in news are mostly past: only a clear future marker ("will", "plans",
    /// "scheduled", "next") makes "Friday" the coming one.
    fn weekday_tense(&self, s: usize, e: usize) -> Tense {
        // "as early as Tuesday", "as soon as Tuesday": the coming one.
        if s >= 2 && self.is(s - 1, "as") && (self.kw(s - 2, Kw::Early) || self.kw(s - 2, Kw::Soon))
        {
            return Tense::Future;
        }
        match self.tense_marker(s, e) {
            // "Until Thursday, they had not called him a suspect": the clause decides.
            (Tense::Future, k) if self.kw(k, Kw::Until) && self.tense_after(e).0 == Tense::Past => {
                Tense::Past
            }
            (Tense::Future, k) => {
                if self.weak_future(k) {
                    // A weak marker before the day ("planned to leave on Thursday"): the
                    // nearer of the two, the past one on a tie; after it ("On Friday,
                    // the government planned to pay"), the day is past.
                    // A tensed verb earlier in a long sentence still rules ("is scheduled
                    // to spend five hours in Dar es Salaam, her first stop Tuesday
                    // morning, and then ... later in the day").
                    if k < s {
                        Tense::Unknown
                    } else {
                        match self.sentence_tense_before(s) {
                            Some((Tense::Future, j)) if !self.weak_future(j) => Tense::Future,
                            _ => Tense::Past,
                        }
                    }
                } else {
                    Tense::Future
                }
            }
            _ => Tense::Past,
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
                } => self.year_ago_adj(i, i),
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

    /// "day before last Tuesday", "the day after Christmas": the day next to a named day
    /// ("the" stays out, as in TimeBank).
    fn day_before_after(&self, i: usize) -> Option<Hit> {
        let dir = match self.w(i + 1) {
            W::K(Kw::Before) => -1,
            W::K(Kw::After) => 1,
            _ => return None,
        };
        let j = i + 2;
        if j >= self.t.len() || !self.trigger(j) {
            return None;
        }
        let inner = self.at(j, &[])?;
        if inner.s != j || inner.label != DATE {
            return None;
        }
        let day = inner.value.as_deref().and_then(RefTime::parse)?.date()?;
        let v = resolve::shift(day, dir, Unit::Day).map(resolve::day);
        hit(i, inner.e, DATE, v)
    }

    // ----- numbers -------------------------------------------------------------------

    /// A number at `i`: digits or words ("twenty-four"), or `a`/`an`, "a few", "several".
    fn amount(&self, i: usize) -> Option<(Amount, usize)> {
        let t = self.t.get(i)?;
        match (t.kind, t.w) {
            (Kind::Num, _) => {
                // 1,000
                let mut v = u64::from(t.n);
                let mut j = i + 1;
                while self.punct(j, b',')
                    && self.adj(j)
                    && self.adj(j + 1)
                    && self.num(j + 1).is_some_and(|(_, d)| d == 3)
                {
                    v = v * 1000 + u64::from(self.t[j + 1].n);
                    j += 2;
                }
                if t.digits > 7
                    || (self.punct(j, b'.')
                        && self.adj(j)
                        && self.adj(j + 1)
                        && self.num(j + 1).is_some())
                {
                    return None;
                }
                // "2 1/2"
                if j == i + 1
                    && self.num(j) == Some((1, 1))
                    && !self.adj(j)
                    && self.punct(j + 1, b'/')
                    && self.adj(j + 1)
                    && self.num(j + 2) == Some((2, 1))
                    && self.adj(j + 2)
                {
                    return Some((Amount::Half(v), j + 3));
                }
                Some((Amount::N(v), j))
            }
            (_, W::Num(n)) => {
                let mut v = u64::from(n);
                let mut j = i + 1;
                if (20..=90).contains(&n) {
                    let k = if self.punct(j, b'-') && self.adj(j) {
                        j + 1
                    } else {
                        j
                    };
                    if let W::Num(u) = self.w(k) {
                        if u < 10 {
                            v += u64::from(u);
                            j = k + 1;
                        }
                    }
                }
                if self.kw(j, Kw::Hundred) {
                    v *= 100;
                    j += 1;
                } else if self.kw(j, Kw::Thousand) {
                    v *= 1000;
                    j += 1;
                }
                Some((Amount::N(v), j))
            }
            (_, W::K(Kw::A)) => {
                if self.kw(i + 1, Kw::Few) {
                    Some((Amount::X, i + 2))
                } else if self.kw(i + 1, Kw::Hundred) {
                    Some((Amount::N(100), i + 2))
                } else if self.kw(i + 1, Kw::Couple) {
                    let j = if self.kw(i + 2, Kw::Of) { i + 3 } else { i + 2 };
                    Some((Amount::N(2), j))
                } else {
                    Some((Amount::N(1), i + 1))
                }
            }
            (_, W::K(Kw::Several | Kw::Few | Kw::Many)) => Some((Amount::X, i + 1)),
            _ => None,
        }
    }

    /// An amount followed by a unit: `(amount, unit, plural, adjectival, end)`.
    fn amount_unit(&self, i: usize) -> Option<(Amount, Unit, bool, usize)> {
        let (a, mut j) = self.amount(i)?;
        // "two more weeks", "five additional years"
        if self.kw(j, Kw::More)
            || self.is(j, "additional")
            || self.is(j, "straight")
            || self.is(j, "full")
            || self.is(j, "trading")
            || self.is(j, "consecutive")
        {
            j += 1;
        }
        let hyph = self.punct(j, b'-') && self.adj(j) && self.adj(j + 1);
        if hyph {
            j += 1;
        }
        let W::Unit { u, plural } = self.w(j) else {
            return None;
        };
        if a == Amount::N(1) && self.t[i].w == W::K(Kw::A) && plural {
            return None;
        }
        // "the 1988 quarter": a year before a singular unit, not an amount.
        if !plural && !hyph && self.num(i).is_some_and(|(n, d)| d == 4 && n > 1) {
            return None;
        }
        // "52 years old": an age; "three-quarters", "a quarter of": fractions.
        if self.is(j + 1, "old")
            || (u == Unit::Quarter && (hyph && plural || self.kw(j + 1, Kw::Of)))
        {
            return None;
        }
        // "6-year-old": an age, which TimeBank does not mark.
        if self.punct(j + 1, b'-') && self.adj(j + 1) && self.is(j + 2, "old") {
            return None;
        }
        // "a week or so (ago)": the approximation belongs to the expression.
        if !hyph && self.is(j + 1, "or") && self.is(j + 2, "so") {
            return Some((a, u, hyph, j + 3));
        }
        Some((a, u, hyph, j + 1))
    }

    fn duration_value(a: Amount, u: Unit) -> String {
        let (code, time) = u.code();
        let t = if time { "T" } else { "" };
        match (a, u) {
            (Amount::N(n), Unit::Decade) => format!("P{}Y", n * 10),
            (Amount::N(n), Unit::Century) => format!("P{}Y", n * 100),
            (Amount::N(n), _) => format!("P{t}{n}{code}"),
            (Amount::Half(n), Unit::Year) => format!("P{n}Y6M"),
            (Amount::Half(n), Unit::Hour) => format!("PT{n}H30M"),
            (Amount::Half(n), Unit::Day) => format!("P{n}DT12H"),
            (Amount::Half(n), Unit::Minute) => format!("PT{n}M30S"),
            (Amount::Half(n), _) => format!("P{t}{n}{code}"),
            (Amount::X, _) => format!("P{t}X{code}"),
        }
    }

    /// "three days", "48 hours", "a decade", "two-year", "two weeks ago", "a year earlier".
    fn duration(&self, i: usize) -> Option<Hit> {
        let (a, u, _adjectival, j) = self.amount_unit(i)?;
        // "a year-earlier loss": "year-earlier" is the expression.
        if self.punct(j, b'-')
            && self.adj(j)
            && (self.kw(j + 1, Kw::Earlier) || self.kw(j + 1, Kw::Ago))
        {
            return None;
        }
        if self.kw(j, Kw::Ago) || (self.kw(j, Kw::Earlier) && !self.kw(j + 1, Kw::This)) {
            let e = j + 1;
            let mut h = hit(i, e, DATE, self.shifted(a, u, -1))?;
            if a == Amount::N(1) && u == Unit::Year {
                h.anaphor = Anaphor::YearAgo;
            }
            return Some(h);
        }
        if self.kw(j, Kw::Later) && !self.kw(j + 1, Kw::This) {
            return hit(i, j + 1, DATE, self.shifted(a, u, 1));
        }
        // "Islam will one day be ...": "one day" after a modal is an unspecified future.
        if a == Amount::N(1)
            && u == Unit::Day
            && j == i + 2
            && self.is(i, "one")
            && i > 0
            && [
                "will", "would", "could", "may", "might", "can", "should", "must",
            ]
            .iter()
            .any(|w| self.is(i - 1, w))
        {
            return hit(i, j, DATE, Some("FUTURE_REF".into()));
        }
        if self.is(j, "from") && self.kw(j + 1, Kw::Now) {
            return hit(i, j + 2, DATE, self.shifted(a, u, 1));
        }
        // "a year" after a number or "twice": a rate.
        if self.t[i].w == W::K(Kw::A)
            && i > 0
            && (self.t[i - 1].kind == Kind::Num
                || self.is(i - 1, "twice")
                || self.is(i - 1, "times")
                || self.kw(i - 1, Kw::Once))
        {
            return hit(i, j, SET, Some(Self::duration_value(Amount::N(1), u)));
        }
        // "two to three weeks": keep the first number's unit.
        hit(i, j, DURATION, Some(Self::duration_value(a, u)))
    }

    /// The value of DCT ± `a` units, at that unit's granularity.
    fn shifted(&self, a: Amount, u: Unit, sign: i64) -> Option<String> {
        let Amount::N(n) = a else {
            return Some(if sign < 0 { "PAST_REF" } else { "FUTURE_REF" }.into());
        };
        let dct = self.dct?;
        let n = i64::try_from(n).ok()?.checked_mul(sign)?;
        let d = resolve::shift(dct, n, u)?;
        Some(resolve::at_granularity(d, u))
    }

    /// Bare plural units: "months" → PXM ("for months", "despite months of").
    fn bare_units(&self, i: usize, u: Unit) -> Option<Hit> {
        if self.is(i + 1, "old") {
            return None;
        }
        // "seconds", "quarters" (living quarters, three-quarters) and the tail of a
        // compound ("three-quarters", "decades-long" is kept) are not durations alone.
        if matches!(u, Unit::Second | Unit::Quarter) || (self.adj(i) && self.punct(i - 1, b'-')) {
            return None;
        }
        if self.kw(i + 1, Kw::Ago) {
            return hit(i, i + 2, DATE, Some("PAST_REF".into()));
        }
        // "years old", "hours later" stay durations; "days" after a number was handled.
        hit(i, i + 1, DURATION, Some(Self::duration_value(Amount::X, u)))
    }

    /// Spelled-out times: "four o'clock".
    fn numword_time(&self, i: usize) -> Option<Hit> {
        let W::Num(h) = self.w(i) else { return None };
        if h <= 12 && self.kw(i + 1, Kw::Oclock) {
            let mut e = i + 2;
            let mut hour = h;
            if self.kw(e, Kw::Pm) {
                hour = if h == 12 { 12 } else { h + 12 };
                e += 1;
            } else if self.kw(e, Kw::Am) && h == 12 {
                hour = 0;
                e += 1;
            }
            let v = self.time_value(i, e, &[], hour, 0);
            return hit(i, e, TIME, Some(v));
        }
        None
    }

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

    fn yyyymmdd(&self, i: usize, n: u32) -> Option<Hit> {
        let (y, m, d) = (n / 10000, (n / 100) % 100, n % 100);
        if !(1900..=2099).contains(&y) || self.adj(i + 1) && self.t[i + 1].kind != Kind::Punct {
            return None;
        }
        let date = NaiveDate::from_ymd_opt(y as i32, m, d)?;
        hit(i, i + 1, DATE, Some(resolve::day(date)))
    }

    /// Is token `i` free of glued digits after it (not "1990.5", "2,000", "10:30:")?
    fn ends_clean(&self, i: usize) -> bool {
        let j = i + 1;
        !(self.adj(j)
            && self.t[j].kind == Kind::Punct
            && matches!(self.t[j].n as u8, b'.' | b',' | b':' | b'/')
            && self.adj(j + 1)
            && self.num(j + 1).is_some())
            && !(self.adj(j) && matches!(self.t[j].kind, Kind::Num | Kind::Other))
            && !self.punct(j, b'%')
    }

    /// Four-digit years, ISO dates, decades ("1990s").
    fn year(&self, i: usize) -> Option<Hit> {
        let (y, _) = self.num(i)?;
        // ISO 2025-09-04 / 2025-09
        if self.punct(i + 1, b'-') && self.adj(i + 1) && self.adj(i + 2) {
            if let Some((m, 2)) = self.num(i + 2) {
                if self.punct(i + 3, b'-') && self.adj(i + 3) && self.adj(i + 4) {
                    if let Some((d, 2)) = self.num(i + 4) {
                        let date = NaiveDate::from_ymd_opt(y as i32, m, d)?;
                        if !self.ends_clean(i + 4) {
                            return None;
                        }
                        return hit(i, i + 5, DATE, Some(resolve::day(date)));
                    }
                    return None;
                }
                if (1..=12).contains(&m) && self.ends_clean(i + 2) {
                    return hit(i, i + 3, DATE, Some(resolve::month(y as i32, m)));
                }
            }
            // "2025-26" season or a range: just the year, if it is one.
        }
        if !(1000..=2099).contains(&y) {
            return None;
        }
        // 1990s, 1990's
        if self.adj(i + 1) && self.is(i + 1, "s") && y % 10 == 0 {
            return hit(i, i + 2, DATE, Some(format!("{:03}", y / 10)));
        }
        if self.punct(i + 1, b'\'')
            && self.adj(i + 1)
            && self.adj(i + 2)
            && self.is(i + 2, "s")
            && y % 10 == 0
            && !self
                .t
                .get(i + 3)
                .is_some_and(|t| t.kind == Kind::Word && t.w == W::None && self.adj(i + 3))
        {
            // "1990's" as a decade only when not a possessive of the year ("1990's budget").
            let next_word = self.t.get(i + 3).map(|_| self.txt(i + 3)).unwrap_or("");
            if next_word.chars().next().is_some_and(|c| c.is_lowercase()) {
                return None;
            }
        }
        if !(1600..=2099).contains(&y) || !self.ends_clean(i) {
            return None;
        }
        if i > 0
            && (self.punct(i - 1, b'$')
                || self.punct(i - 1, b'#')
                || self.is(i - 1, "No")
                || self.is(i - 1, "number"))
        {
            return None;
        }
        if self.adj(i + 1) && self.t[i + 1].kind == Kind::Word && !self.is(i + 1, "s") {
            return None;
        }
        if let Some(t) = self.t.get(i + 1) {
            if t.kind == Kind::Word
                && QUANTITY_WORDS
                    .iter()
                    .any(|q| self.txt(i + 1).eq_ignore_ascii_case(q))
                && !self.year_before_to(i, y)
            {
                return None;
            }
            if t.kind == Kind::Word && matches!(t.w, W::Unit { .. }) {
                return None;
            }
        }
        hit(i, i + 1, DATE, Some(format!("{y:04}")))
    }

    /// "from 1991 to 1997", "from 100,000 in 1980 to 300,000": a year before "to", not
    /// the low end of an amount ("from 1500 to 2000 troops").
    fn year_before_to(&self, i: usize, y: u32) -> bool {
        if !self.kw(i + 1, Kw::To) {
            return false;
        }
        match self.num(i + 2) {
            Some((y2, 4)) => {
                y2 > y
                    && y2 <= y + 200
                    && self.year(i + 2).is_some()
                    && i > 0
                    && (self.is(i - 1, "from") || self.kw(i - 1, Kw::In))
            }
            Some(_) => false,
            None => i > 0 && self.kw(i - 1, Kw::In),
        }
    }

    /// "'90s"
    fn decade_short(&self, i: usize) -> Option<Hit> {
        let (n, 2) = self.num(i + 1)? else {
            return None;
        };
        if n % 10 != 0 || !(self.adj(i + 2) && self.is(i + 2, "s")) {
            return None;
        }
        let century = match self.dct {
            Some(d) if 2000 + n as i32 <= d.year() => 20,
            _ => 19,
        };
        hit(i, i + 3, DATE, Some(format!("{century}{}", n / 10)))
    }

    /// "the 20th century" (the "the" is added by the caller).
    fn century(&self, i: usize) -> Option<Hit> {
        let (n, _) = self.num(i)?;
        if !(1..=21).contains(&n)
            || !self.adj(i + 1)
            || !self.is(i + 1, "th") && !self.is(i + 1, "st")
        {
            return None;
        }
        let j = if self.punct(i + 2, b'-') {
            i + 3
        } else {
            i + 2
        };
        if self.w(j)
            != (W::Unit {
                u: Unit::Century,
                plural: false,
            })
        {
            return None;
        }
        hit(i, j + 1, DATE, Some(format!("{:02}", n - 1)))
    }

    /// US dates "9/4/25", "11/02/1989".
    fn slash_date(&self, i: usize) -> Option<Hit> {
        let (m, _) = self.num(i)?;
        if !(self.punct(i + 1, b'/') && self.adj(i + 1) && self.adj(i + 2)) {
            return None;
        }
        let (d, dd) = self.num(i + 2)?;
        if dd > 2 || !(self.punct(i + 3, b'/') && self.adj(i + 3) && self.adj(i + 4)) {
            return None;
        }
        let (y, yd) = self.num(i + 4)?;
        let y = match yd {
            2 => {
                // Two-digit years: this century up to a year after the DCT, else the last.
                let limit = self.dct.map_or(2029, |d| d.year() + 1);
                if 2000 + y as i32 <= limit {
                    2000 + y as i32
                } else {
                    1900 + y as i32
                }
            }
            4 => y as i32,
            _ => return None,
        };
        if !self.ends_clean(i + 4) {
            return None;
        }
        let date = NaiveDate::from_ymd_opt(y, m, d)?;
        hit(i, i + 5, DATE, Some(resolve::day(date)))
    }

    /// A day number with an optional ordinal suffix: (day, next token).
    fn day_num(&self, i: usize) -> Option<(u32, usize)> {
        let (d, digits) = self.num(i)?;
        if digits > 2 || !(1..=31).contains(&d) {
            return None;
        }
        let mut j = i + 1;
        if self.adj(j)
            && (self.is(j, "st") || self.is(j, "nd") || self.is(j, "rd") || self.is(j, "th"))
        {
            j += 1;
        }
        // Not a time "4:30", a decimal "4.5", a range of numbers "4,000".
        if self.adj(j)
            && self.t[j].kind == Kind::Punct
            && matches!(self.t[j].n as u8, b':' | b'.' | b',')
            && self.adj(j + 1)
            && self.num(j + 1).is_some()
        {
            return None;
        }
        if self.adj(j) && matches!(self.t[j].kind, Kind::Word | Kind::Num) {
            return None;
        }
        Some((d, j))
    }

    /// A year after a date: `[,] YYYY` → (year, next token).
    fn year_after(&self, j: usize) -> Option<(i32, usize)> {
        let k = if self.punct(j, b',') { j + 1 } else { j };
        let (y, d) = self.num(k)?;
        if d != 4 || !(1000..=2999).contains(&y) || !self.ends_clean(k) {
            return None;
        }
        Some((y as i32, k + 1))
    }

    /// A full or partial date value from month, day and optional year.
    fn md_value(
        &self,
        s: usize,
        e: usize,
        m: u32,
        d: u32,
        y: Option<i32>,
    ) -> Option<Option<String>> {
        if let Some(y) = y {
            return Some(Some(resolve::day(NaiveDate::from_ymd_opt(y, m, d)?)));
        }
        // Reject impossible days even without a year (Feb 30); Feb 29 is fine in 2024.
        NaiveDate::from_ymd_opt(2024, m, d)?;
        Some(match self.dct {
            Some(dct) => {
                let y = resolve::year_for(dct, m, Some(d), self.tense(s, e));
                y.and_then(|y| NaiveDate::from_ymd_opt(y, m, d))
                    .map(resolve::day)
                    .or(Some(format!("XXXX-{m:02}-{d:02}")))
            }
            None => Some(format!("XXXX-{m:02}-{d:02}")),
        })
    }

    /// "4 September 2025", "4th of July".
    fn day_month(&self, i: usize) -> Option<Hit> {
        let (d, mut j) = self.day_num(i)?;
        if self.kw(j, Kw::Of) {
            j += 1;
        }
        let W::Month { m, abbr } = self.w(j) else {
            return None;
        };
        if !self.cap(j) {
            return None;
        }
        j += 1;
        if abbr && self.punct(j, b'.') && self.adj(j) {
            j += 1;
        }
        let (y, e) = match self.year_after(j) {
            Some((y, e)) => (Some(y), e),
            None => (None, j),
        };
        let v = self.md_value(i, e, m, d, y)?;
        hit(i, e, DATE, v)
    }

    /// Month names: "Sept. 4", "September 4, 2025", "March 2024", "January".
    fn month(&self, i: usize) -> Option<Hit> {
        let W::Month { m, abbr } = self.w(i) else {
            return None;
        };
        if !self.cap(i) {
            return None;
        }
        let mut j = i + 1;
        let dotted = abbr && self.punct(j, b'.') && self.adj(j);
        if dotted {
            j += 1;
        }
        if let Some((d, k)) = self.day_num(j) {
            let (y, e) = match self.year_after(k) {
                Some((y, e)) => (Some(y), e),
                None => (None, k),
            };
            // "Jan 4" is a date; "May 5" too; but "Mar 3" reads like one as well.
            let v = self.md_value(i, e, m, d, y)?;
            return hit(i, e, DATE, v);
        }
        // "March 2024", "March of 2024"
        let k = if self.kw(j, Kw::Of) || self.punct(j, b',') {
            j + 1
        } else {
            j
        };
        if let Some((y, e)) = self.year_at(k) {
            return hit(i, e, DATE, Some(resolve::month(y, m)));
        }
        // "June last year", "January this year"
        if let (
            W::K(k @ (Kw::Last | Kw::This | Kw::Next)),
            W::Unit {
                u: Unit::Year,
                plural: false,
            },
        ) = (self.w(j), self.w(j + 1))
        {
            let off = match k {
                Kw::Last => -1,
                Kw::Next => 1,
                _ => 0,
            };
            let v = self.dct.map(|d| resolve::month(d.year() + off, m));
            return hit(i, j + 2, DATE, v);
        }
        // A month on its own.
        if abbr && !dotted {
            return None;
        }
        let ambiguous = matches!(m, 3 | 5) || abbr;
        let context = i > 0
            && (matches!(
                self.w(i - 1),
                W::K(
                    Kw::In
                        | Kw::Early
                        | Kw::Late
                        | Kw::Mid
                        | Kw::Last
                        | Kw::Next
                        | Kw::This
                        | Kw::Of
                        | Kw::Since
                        | Kw::Until
                        | Kw::By
                        | Kw::And
                        | Kw::Or
                        | Kw::To
                        | Kw::Through
                        | Kw::Before
                        | Kw::After
                        | Kw::During
                        | Kw::From
                )
            ) || self.punct(i - 1, b'-'));
        if ambiguous && !context {
            return None;
        }
        if !ambiguous && i > 0 && self.is(i - 1, "the") {
            return None;
        }
        let e = if dotted { i + 2 } else { i + 1 };
        let v = match self.dct {
            Some(dct) => {
                let (tense, k) = self.tense_marker(i, e);
                // "agreed to purchase the line in February": the purchase may lie ahead of
                // the agreement, so the past verb does not decide.
                let tense = if tense == Tense::Past && k < i && self.infinitive_between(k, i) {
                    Tense::Unknown
                } else {
                    tense
                };
                let year = if self.clear_past(tense, k, i) {
                    resolve::year_for_clear(dct, m, None, tense)
                } else {
                    resolve::year_for(dct, m, None, tense)
                };
                year.map(|y| resolve::month(y, m))
            }
            None => Some(format!("XXXX-{m:02}")),
        };
        hit(i, e, DATE, v)
    }

    /// A past tense told by the verb of the clause before the expression at `s` ("the
    /// operator changed to a calendar year in December"), not by a reporting verb whose
    /// clause may look ahead ("said ... in January").
    /// An infinitive ("to start", not "to a calendar year") among tokens `k..s`: it opens
    /// a clause of its own, whose time the verb before it does not tell.
    fn infinitive_between(&self, k: usize, s: usize) -> bool {
        (k..s).any(|j| {
            self.kw(j, Kw::To)
                && !matches!(self.w(j + 1), W::K(Kw::A | Kw::The))
                && self.t.get(j + 1).is_some_and(|t| t.kind == Kind::Word)
        })
    }

    fn clear_past(&self, tense: Tense, k: usize, s: usize) -> bool {
        if tense != Tense::Past || k >= s {
            return false;
        }
        // "is heard in May": a present passive.
        let passive = k > 0
            && ["is", "are", "be", "been", "being"]
                .iter()
                .any(|w| self.is(k - 1, w));
        // "placed orders to start trading for November": an infinitive opens another
        // clause ("to a calendar year" is a preposition).
        let infinitive = self.infinitive_between(k, s);
        !REPORTING.iter().any(|w| self.is(k, w)) && !self.is(k, "last") && !passive && !infinitive
    }
}

impl Parser<'_> {
    // ----- weekdays, parts of day, times -----------------------------------------------

    /// The date of a weekday named at `s..e`, by tense or by `pick`.
    fn weekday_date(&self, wd: u32, s: usize, e: usize, pick: Option<Pick>) -> Option<NaiveDate> {
        let dct = self.dct?;
        let pick = pick.unwrap_or_else(|| Pick::Tense(self.weekday_tense(s, e)));
        Some(resolve::weekday(dct, wd, pick))
    }

    /// A part of the day after a day expression: (part, plural, next token).
    fn part_after(&self, j: usize) -> Option<(Part, bool, usize)> {
        match self.w(j) {
            W::Part { p, plural } => Some((p, plural, j + 1)),
            _ => None,
        }
    }

    /// "Friday", "Thursday, April 5", "Tuesday morning", "Mondays".
    fn weekday(&self, i: usize) -> Option<Hit> {
        let W::Weekday { d, plural } = self.w(i) else {
            return None;
        };
        if plural {
            if let Some((p, _, e)) = self.part_after(i + 1) {
                return hit(i, e, SET, Some(format!("XXXX-WXX-{d}T{}", p.code())));
            }
            return hit(i, i + 1, SET, Some(format!("XXXX-WXX-{d}")));
        }
        // "Thursday, April 5" / "Thursday April 5, 1998"
        let j = if self.punct(i + 1, b',') {
            i + 2
        } else {
            i + 1
        };
        if matches!(self.w(j), W::Month { .. }) {
            if let Some(h) = self.month(j) {
                if h.value.as_deref().is_some_and(|v| v.len() == 10) {
                    return hit(i, h.e, DATE, h.value);
                }
            }
        }
        if let Some((p, plural, e)) = self.part_after(i + 1) {
            if plural {
                return hit(i, e, SET, Some(format!("XXXX-WXX-{d}T{}", p.code())));
            }
            let date = self.weekday_date(d, i, e, None);
            // "Friday evening" is the evening of that day, a TIME, as TimeML has it (and
            // TimeBank always does).
            if p == Part::Evening {
                let v = match date {
                    Some(date) => resolve::day_part(date, p),
                    None => format!("XXXX-WXX-{d}T{}", p.code()),
                };
                return hit(i, e, TIME, Some(v));
            }
            let v = match date {
                Some(date) => resolve::day(date),
                None => format!("XXXX-WXX-{d}"),
            };
            // TimeBank marks "Friday night" as a DATE far more often than as a TIME, and
            // then mostly with the day's value: a DATE keeps day granularity.
            return hit(i, e, DATE, Some(v));
        }
        let v = match self.weekday_date(d, i, i + 1, None) {
            Some(date) => resolve::day(date),
            None => format!("XXXX-WXX-{d}"),
        };
        hit(i, i + 1, DATE, Some(v))
    }

    /// A day expression right after a time ("10 p.m. Wednesday", "noon today", "5 p.m.
    /// EST, Nov. 6"): (day value, end).
    fn day_after_time(&self, j: usize) -> Option<(Option<String>, usize)> {
        let k = if self.punct(j, b',') { j + 1 } else { j };
        let h = match self.w(k) {
            W::Weekday { plural: false, .. } => self.weekday(k),
            W::Month { .. } => self.month(k),
            W::K(Kw::Today | Kw::Yesterday | Kw::Tomorrow) => self.deictic(k),
            _ => None,
        }?;
        if h.label != DATE
            || h.value
                .as_deref()
                .is_some_and(|v| v.len() != 10 && !v.starts_with("XXXX"))
        {
            return None;
        }
        Some((h.value, h.e))
    }

    /// The value of a time of day `hh:mm` on the day named after it, or on the last full
    /// date mentioned just before, or on the DCT.
    fn time_value(&self, s: usize, e: usize, prev: &[Hit], hour: u32, min: u32) -> String {
        let clock = if min == 0 && hour == 24 {
            "24:00".to_string()
        } else {
            format!("{hour:02}:{min:02}")
        };
        let base = self.anchor_day(s, e, prev);
        format!("{base}T{clock}")
    }

    fn anchor_day(&self, s: usize, _e: usize, prev: &[Hit]) -> String {
        if let Some(h) = prev.last() {
            if h.e + 12 >= s && !(h.e..s).any(|k| self.boundary_before(k + 1)) {
                if let Some(v) = &h.value {
                    if v.len() >= 10 && v.as_bytes()[4] == b'-' && v.as_bytes()[7] == b'-' {
                        return v[..10].to_string();
                    }
                }
            }
        }
        self.dct
            .map_or_else(|| "XXXX-XX-XX".to_string(), resolve::day)
    }

    /// Clock times: "3 p.m.", "10:30", "10:35 a.m. EST", "3 p.m. local time",
    /// "4 in the morning", "10 p.m. Wednesday".
    fn clock(&self, i: usize, prev: &[Hit]) -> Option<Hit> {
        let (h, hd) = self.num(i)?;
        if hd > 2 {
            return None;
        }
        let mut j = i + 1;
        let mut min = 0;
        let mut colon = false;
        if self.punct(j, b':') && self.adj(j) && self.adj(j + 1) {
            let (m, md) = self.num(j + 1)?;
            if md != 2 || m > 59 || h > 24 {
                return None;
            }
            min = m;
            colon = true;
            j += 2;
            // seconds
            if self.punct(j, b':')
                && self.adj(j)
                && self.adj(j + 1)
                && self.num(j + 1).is_some_and(|(_, d)| d == 2)
            {
                j += 2;
            }
        }
        let mut hour = h;
        if self.kw(j, Kw::Am) || self.kw(j, Kw::Pm) {
            if !(1..=12).contains(&h) {
                return None;
            }
            let pm = self.kw(j, Kw::Pm);
            hour = match (pm, h) {
                (true, 12) => 12,
                (true, h) => h + 12,
                (false, 12) => 0,
                (false, h) => h,
            };
            j += 1;
        } else if self.kw(j, Kw::Oclock) {
            j += 1;
        } else if self.kw(j, Kw::In)
            && self.kw(j + 1, Kw::The)
            && matches!(self.w(j + 2), W::Part { plural: false, .. })
            && h <= 12
        {
            if let W::Part { p, .. } = self.w(j + 2) {
                if matches!(p, Part::Afternoon | Part::Evening | Part::Night) && h < 12 {
                    hour = h + 12;
                }
            }
            j += 3;
        } else if !colon || !self.ends_clean(j - 1) {
            return None;
        }
        if hour > 24 {
            return None;
        }
        // time zone
        if self.kw(j, Kw::Tz) && self.cap(j) {
            j += 1;
        } else if self.kw(j, Kw::Local) && self.kw(j + 1, Kw::Time) {
            j += 2;
        }
        let mut e = j;
        let mut base: Option<String> = None;
        if let Some((v, k)) = self.day_after_time(j) {
            base = v;
            e = k;
        }
        let clock = if hour == 24 {
            "24:00".to_string()
        } else {
            format!("{hour:02}:{min:02}")
        };
        let v = match base {
            Some(b) => format!("{}T{clock}", &b[..10.min(b.len())]),
            None => format!("{}T{clock}", self.anchor_day(i, e, prev)),
        };
        hit(i, e, TIME, Some(v))
    }

    // ----- keyword-led expressions ------------------------------------------------------

    fn deictic(&self, i: usize) -> Option<Hit> {
        let off = match self.w(i) {
            W::K(Kw::Today) => 0,
            W::K(Kw::Yesterday) => -1,
            W::K(Kw::Tomorrow) => 1,
            W::K(Kw::Tonight) => {
                let v = self.dct.map(|d| format!("{}TNI", resolve::day(d)));
                return hit(i, i + 1, TIME, v);
            }
            _ => return None,
        };
        let date = self.dct.and_then(|d| resolve::shift(d, off, Unit::Day));
        if let Some((p, false, e)) = self.part_after(i + 1) {
            return hit(i, e, TIME, date.map(|d| resolve::day_part(d, p)));
        }
        hit(i, i + 1, DATE, date.map(resolve::day))
    }

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
            Kw::A => longer(self.duration(i), self.half(i)),
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

    /// A modifier ("more than", "nearly") before a duration, a time or a date "ago".
    fn modified(&self, i: usize, j: usize, prev: &[Hit]) -> Option<Hit> {
        let inner = match self.t.get(j)?.kind {
            Kind::Num => self.number(j, prev),
            Kind::Word => match self.w(j) {
                W::Num(_) | W::K(Kw::A | Kw::Several | Kw::Few) => self.duration(j),
                W::K(Kw::Noon | Kw::Midnight) => self.keyword(j, Kw::Noon, prev),
                W::K(Kw::The) => self.the(j),
                _ => None,
            },
            _ => None,
        }?;
        if inner.s != j
            || inner.label == DATE
                && !inner.value.as_deref().is_some_and(|v| v.ends_with("_REF"))
                && !self.kw(inner.e - 1, Kw::Ago)
        {
            // "about 2024" is not a modified date in TimeML's sense; keep the year alone.
            return None;
        }
        Some(Hit { s: i, ..inner })
    }

    /// "half an hour", "a half hour".
    fn half(&self, i: usize) -> Option<Hit> {
        let (j, e) = if (self.kw(i, Kw::Half) && self.kw(i + 1, Kw::A))
            || (self.kw(i, Kw::A) && self.kw(i + 1, Kw::Half))
        {
            (i + 2, i + 3)
        } else {
            return None;
        };
        let v = match self.w(j) {
            W::Unit {
                u: Unit::Hour,
                plural: false,
            } => "PT30M",
            W::Unit {
                u: Unit::Day,
                plural: false,
            } => "PT12H",
            W::Unit {
                u: Unit::Year,
                plural: false,
            } => "P6M",
            W::Unit {
                u: Unit::Century,
                plural: false,
            } => "P50Y",
            _ => return None,
        };
        hit(i, e, DURATION, Some(v.into()))
    }

    /// "every Monday", "every two years", "each day", "every morning".
    fn set(&self, i: usize) -> Option<Hit> {
        let j = i + 1;
        match self.w(j) {
            W::Weekday { d, .. } => hit(i, j + 1, SET, Some(format!("XXXX-WXX-{d}"))),
            W::Month { m, abbr: false } => hit(i, j + 1, SET, Some(format!("XXXX-{m:02}"))),
            W::Unit { u, plural: false } => {
                hit(i, j + 1, SET, Some(Self::duration_value(Amount::N(1), u)))
            }
            W::Part { p, plural: false } => {
                hit(i, j + 1, SET, Some(format!("XXXX-XX-XXT{}", p.code())))
            }
            W::K(Kw::Other) => match self.w(j + 1) {
                W::Unit { u, plural: false } => {
                    hit(i, j + 2, SET, Some(Self::duration_value(Amount::N(2), u)))
                }
                _ => None,
            },
            W::Num(_) | W::K(Kw::Few) => {
                let (a, u, _, e) = self.amount_unit(j)?;
                hit(i, e, SET, Some(Self::duration_value(a, u)))
            }
            _ if self.num(j).is_some() => {
                let (a, u, _, e) = self.amount_unit(j)?;
                hit(i, e, SET, Some(Self::duration_value(a, u)))
            }
            _ => None,
        }
    }

    /// The DCT's own unit: "this year" → 2025, "this week" → 2025-W36.
    fn this_unit(&self, u: Unit) -> Option<String> {
        let dct = self.dct?;
        match u {
            Unit::Second | Unit::Minute | Unit::Hour => None,
            _ => Some(resolve::at_granularity(dct, u)),
        }
    }

    fn unit_offset(&self, u: Unit, n: i64) -> Option<String> {
        let dct = self.dct?;
        if matches!(u, Unit::Second | Unit::Minute | Unit::Hour) {
            return None;
        }
        Some(resolve::at_granularity(resolve::shift(dct, n, u)?, u))
    }

    /// "last year", "next week", "this month", "last Tuesday", "last night", "the past two
    /// years", "next March", "this summer". `s` is where the expression starts ("the").
    fn relative(&self, s: usize, i: usize, k: Kw) -> Option<Hit> {
        let dir: i64 = match k {
            Kw::Last | Kw::Past | Kw::Previous => -1,
            Kw::Next | Kw::Coming | Kw::Following => 1,
            _ => 0,
        };
        let j = i + 1;
        // "this past spring": the latest such season begun before the DCT.
        if k == Kw::This && self.kw(j, Kw::Past) {
            if let W::Season(se) = self.w(j + 1) {
                let v = self.dct.map(|d| {
                    let start = [3, 6, 9, 12][season_index(se) as usize];
                    let y = if start < d.month() {
                        d.year()
                    } else {
                        d.year() - 1
                    };
                    format!("{y:04}-{}", se.code())
                });
                return hit(s, j + 2, DATE, v);
            }
        }
        // "the past two years", "last three months", "the next few days"
        if k != Kw::This {
            if let Some((a, u, _, e)) = self.amount_unit(j) {
                if !(self.t[j].w == W::K(Kw::A)) {
                    return hit(s, e, DURATION, Some(Self::duration_value(a, u)));
                }
            }
        }
        match self.w(j) {
            W::Unit { u, plural: false } => {
                let e = j + 1;
                if s < i || k == Kw::Past {
                    // "the past year", "the last week", "past decade": durations.
                    if s < i && k == Kw::This {
                        return hit(s, e, DATE, self.this_unit(u));
                    }
                    // TimeBank marks "the past year", "the last decade" as the previous
                    // year or decade (a DATE); "past decade", "the next year" stay
                    // durations.
                    if s < i
                        && matches!(k, Kw::Past | Kw::Last)
                        && matches!(u, Unit::Year | Unit::Decade)
                    {
                        return hit(s, e, DATE, self.unit_offset(u, -1));
                    }
                    // "the next day", "the next year or so": the unit after the story's
                    // reference time in a narrative, after the DCT in a forecast.
                    if s < i
                        && k == Kw::Next
                        && matches!(u, Unit::Day | Unit::Week | Unit::Month | Unit::Year)
                    {
                        let e = if self.is(e, "or") && self.is(e + 1, "so") {
                            e + 2
                        } else {
                            e
                        };
                        let narrative = self.tense(s, e) != Tense::Future;
                        let v = narrative
                            .then(|| self.reference.get().and_then(|r| r.shifted(1, u)))
                            .flatten()
                            .or_else(|| self.unit_offset(u, 1));
                        return hit(s, e, DATE, v);
                    }
                    if k != Kw::Following && k != Kw::Previous {
                        return hit(s, e, DURATION, Some(Self::duration_value(Amount::N(1), u)));
                    }
                }
                if matches!(u, Unit::Second | Unit::Minute | Unit::Hour) {
                    return None;
                }
                // "the following year", "the previous month": from the story's reference
                // time when it has one that precise.
                if matches!(k, Kw::Following | Kw::Previous) {
                    if let Some(v) = self.reference.get().and_then(|r| r.shifted(dir, u)) {
                        return hit(s, e, DATE, Some(v));
                    }
                }
                // "this year's third quarter", "next year's first half"
                if u == Unit::Year && self.punct(e, b'\'') && self.adj(e) && self.is(e + 1, "s") {
                    if let Some(y) = self.dct.map(|d| d.year() + dir as i32) {
                        if let Some(q) = self.quarter(s, e + 2, Some(y)) {
                            return Some(q);
                        }
                    }
                    // "last year's quarter": the quarter under discussion, a year before.
                    if k == Kw::Last && (self.is(e + 2, "quarter") || self.is(e + 2, "period")) {
                        return Some(Hit {
                            s,
                            e: e + 3,
                            label: DATE,
                            value: self.unit_offset(u, dir),
                            anaphor: Anaphor::YearAgo,
                        });
                    }
                }
                // "from $33 million last year", "the same period last year": in results,
                // the quarter under discussion a year before.
                if k == Kw::Last && u == Unit::Year && s == i && i > 0 {
                    let p = i - 1;
                    let figure = matches!(self.t[p].kind, Kind::Num)
                        || ["million", "billion", "share", "period", "quarter"]
                            .iter()
                            .any(|w| self.is(p, w));
                    if figure {
                        return Some(Hit {
                            s,
                            e,
                            label: DATE,
                            value: self.unit_offset(u, dir),
                            anaphor: Anaphor::YearAgo,
                        });
                    }
                }
                // "This quarter's loss includes ...", in a story on a quarter's results: the
                // quarter reported, as "the quarter" is; unless the sentence looks ahead.
                if k == Kw::This && u == Unit::Quarter && self.tense(s, e) != Tense::Future {
                    return Some(Hit {
                        s,
                        e,
                        label: DATE,
                        value: self.unit_offset(u, dir),
                        anaphor: Anaphor::Quarter,
                    });
                }
                hit(s, e, DATE, self.unit_offset(u, dir))
            }
            W::Unit { u, plural: true } => {
                if k == Kw::This {
                    return None;
                }
                hit(s, j + 1, DURATION, Some(Self::duration_value(Amount::X, u)))
            }
            W::K(Kw::Weekend) => {
                let v = self.dct.map(|dct| {
                    let sat = match dir {
                        -1 => resolve::weekday(dct, 6, Pick::Before),
                        1 => resolve::weekday(dct, 6, Pick::After),
                        _ => resolve::weekday(dct, 6, Pick::Tense(self.tense(s, j + 1))),
                    };
                    format!("{}-WE", resolve::week(sat))
                });
                hit(s, j + 1, DATE, v)
            }
            W::Weekday { d, plural: false } => {
                let pick = match dir {
                    -1 => Some(Pick::Before),
                    1 => Some(Pick::After),
                    _ => None,
                };
                // "the previous Friday", "the following Monday": relative to the day the
                // story is at, when it has named one.
                let from_ref = matches!(k, Kw::Previous | Kw::Following)
                    .then(|| self.reference.get().and_then(RefTime::date))
                    .flatten()
                    .zip(pick)
                    .map(|(r, p)| resolve::weekday(r, d, p));
                let date = from_ref.or_else(|| self.weekday_date(d, s, j + 1, pick));
                if let Some((p, false, e)) = self.part_after(j + 1) {
                    let v = date.map(|d| resolve::day_part(d, p));
                    return hit(s, e, TIME, v);
                }
                hit(
                    s,
                    j + 1,
                    DATE,
                    date.map(resolve::day).or(Some(format!("XXXX-WXX-{d}"))),
                )
            }
            W::Part { plural: false, .. } if s < i && matches!(k, Kw::Next | Kw::Following) => {
                // "the next morning": the day after the reference day.
                let v = self.reference.get().and_then(|r| r.shifted(1, Unit::Day))?;
                hit(s, j + 1, DATE, Some(v))
            }
            W::Part { p, plural: false } => {
                let off = match (k, p) {
                    (Kw::Last, Part::Night) => -1,
                    (Kw::This, _) => 0,
                    _ => return None,
                };
                let v = self
                    .dct
                    .and_then(|d| resolve::shift(d, off, Unit::Day))
                    .map(|d| resolve::day_part(d, p));
                hit(s, j + 1, TIME, v)
            }
            W::Month { m, abbr } => {
                if abbr
                    || !self.cap(j)
                    || matches!(k, Kw::Past | Kw::Coming | Kw::Previous | Kw::Following)
                {
                    return None;
                }
                // "last March 3" is a full date: let the month rule have it.
                if let Some(h) = self.month(j) {
                    if h.e > j + 1 {
                        return hit(s, h.e, DATE, h.value);
                    }
                }
                let v = self.dct.map(|dct| {
                    let y = dct.year();
                    let y = match dir {
                        // "last February" written in March is not last month (that
                        // would be "last month") but the February a year before.
                        -1 => {
                            if m + 1 < dct.month() {
                                y
                            } else {
                                y - 1
                            }
                        }
                        1 => {
                            if m > dct.month() {
                                y
                            } else {
                                y + 1
                            }
                        }
                        _ => y,
                    };
                    resolve::month(y, m)
                });
                hit(s, j + 1, DATE, v)
            }
            W::Season(se) => {
                if matches!(k, Kw::Past | Kw::Coming | Kw::Previous | Kw::Following) {
                    return None;
                }
                let v = self.dct.map(|dct| {
                    // The season of the DCT, named by the year it starts in (a winter
                    // starts in December), and the one asked for relative to it.
                    let now = season_of(dct.month());
                    let now_y = if dct.month() <= 2 {
                        dct.year() - 1
                    } else {
                        dct.year()
                    };
                    let idx = season_index(se);
                    let y = match dir {
                        -1 if idx < now => now_y,
                        -1 => now_y - 1,
                        1 if idx > now => now_y,
                        1 => now_y + 1,
                        _ => dct.year(),
                    };
                    format!("{y:04}-{}", se.code())
                });
                hit(s, j + 1, DATE, v)
            }
            W::Holiday(h) if matches!(k, Kw::Last | Kw::Next | Kw::This) => {
                self.holiday(s, j, h, dir)
            }
            W::K(Kw::Time) if k == Kw::Last => hit(s, j + 1, DATE, Some("PAST_REF".into())),
            _ => {
                if k == Kw::Past && s < i {
                    // "the past" alone
                    return hit(s, j, DATE, Some("PAST_REF".into()));
                }
                None
            }
        }
    }

    /// "early next year", "late November", "mid-1990s", "earlier this month", "late
    /// yesterday", "the end of the year" (modifier kept in the extent, value unchanged).
    fn early_late(&self, i: usize) -> Option<Hit> {
        let mut j = i + 1;
        if self.punct(j, b'-') && self.adj(j) && self.adj(j + 1) {
            j += 1;
        }
        let t = self.t.get(j)?;
        // TimeBank leaves "earlier" out of "earlier Friday", "later today", "earlier this
        // week" (but keeps it in "earlier this month", "earlier this year").
        let comparative = self.kw(i, Kw::Earlier) || self.kw(i, Kw::Later);
        if matches!(
            t.w,
            W::Weekday { .. } | W::K(Kw::Today | Kw::Yesterday | Kw::Tomorrow | Kw::Tonight)
        ) || (comparative
            && self.w(j + 1)
                == (W::Unit {
                    u: Unit::Week,
                    plural: false,
                }))
        {
            return None;
        }
        let inner = match (t.kind, t.w) {
            (Kind::Num, _) => self.year(j).filter(|h| h.label == DATE),
            (_, W::K(k @ (Kw::This | Kw::Next | Kw::Last))) => {
                self.relative(j, j, k).filter(|h| h.label != DURATION)
            }
            (_, W::Month { .. }) => self.month(j),
            (_, W::Season(_)) => self.season(j),
            (_, W::K(Kw::Today | Kw::Yesterday | Kw::Tomorrow | Kw::Tonight)) => self.deictic(j),
            (_, W::K(Kw::That)) => self.that(j, j),
            (_, W::Weekday { .. }) => self.weekday(j),
            (_, W::K(Kw::In)) if self.kw(j + 1, Kw::The) => {
                // "later in the week", "early in the year"
                match self.w(j + 2) {
                    W::Unit { u, plural: false } => Some(Hit {
                        s: j,
                        e: j + 3,
                        label: DATE,
                        value: self.this_unit(u),
                        ..Default::default()
                    }),
                    W::Part { p, plural: false } => Some(Hit {
                        s: j,
                        e: j + 3,
                        label: TIME,
                        value: self.dct.map(|d| resolve::day_part(d, p)),
                        ..Default::default()
                    }),
                    _ => None,
                }
            }
            (_, W::Part { p, plural: false }) => {
                // "late afternoon", "mid-afternoon"
                Some(Hit {
                    s: j,
                    e: j + 1,
                    label: TIME,
                    value: self.dct.map(|d| resolve::day_part(d, p)),
                    ..Default::default()
                })
            }
            _ => None,
        }?;
        if inner.s != j {
            return None;
        }
        hit(i, inner.e, inner.label, inner.value)
    }

    /// "fiscal 1989", "fiscal 1990's first quarter".
    fn fiscal(&self, i: usize) -> Option<Hit> {
        let y = self.year(i + 1)?;
        if y.value.as_deref().is_some_and(|v| v.len() == 4) {
            return hit(i, y.e, DATE, y.value);
        }
        None
    }

    /// "the third quarter", "third-quarter", "the first half of 2024", "fourth quarters".
    /// `s` is where the expression starts (a "the" before `i`), `year` a known year.
    fn quarter(&self, s: usize, i: usize, year: Option<i32>) -> Option<Hit> {
        let W::Ord(n) = self.w(i) else { return None };
        let mut j = i + 1;
        if self.punct(j, b'-') && self.adj(j) {
            j += 1;
        }
        if s + 1 == i && self.kw(s, Kw::The) && j > i + 1 {
            // "the third-quarter loss": the adjective alone is the expression.
            return None;
        }
        let (half, plural) = match self.w(j) {
            W::Unit {
                u: Unit::Quarter,
                plural,
            } if n <= 4 => (false, plural),
            W::K(Kw::Half) if n <= 2 => (true, false),
            _ => return None,
        };
        let mut e = j + 1;
        let mut y = year;
        if plural {
            return hit(s, e, SET, Some(format!("XXXX-Q{n}")));
        }
        if y.is_none() {
            let k = if self.kw(e, Kw::Of) { e + 1 } else { e };
            if k > e || self.punct(e, b',') {
                let k = if self.punct(e, b',') { e + 1 } else { k };
                if let Some((yy, 4)) = self.num(k) {
                    if (1000..=2999).contains(&yy) {
                        y = Some(yy as i32);
                        e = k + 1;
                    }
                }
            } else if let Some((yy, 4)) = self.num(e) {
                if (1000..=2999).contains(&yy) {
                    y = Some(yy as i32);
                    e += 1;
                }
            }
        }
        let y = y.or_else(|| self.year_of_part(s, e, if half { 6 * n - 5 } else { 3 * n - 2 }));
        let code = if half {
            format!("H{n}")
        } else {
            format!("Q{n}")
        };
        let v = match y {
            Some(y) => format!("{y:04}-{code}"),
            None => format!("XXXX-{code}"),
        };
        hit(s, e, DATE, Some(v))
    }

    /// The year of a quarter or half named without one (`first_month`, 1–12, is the month
    /// it starts with): the DCT's, unless that part of the year is still to come and the
    /// sentence speaks of the past ("reported a loss for the fourth quarter" in January):
    /// then the year before, as for a month.
    fn year_of_part(&self, s: usize, e: usize, first_month: u32) -> Option<i32> {
        let d = self.dct?;
        let ahead = first_month > d.month();
        Some(if ahead && self.tense(s, e) == Tense::Past {
            d.year() - 1
        } else {
            d.year()
        })
    }

    /// "Q3", "Q3 2024", "H1".
    fn quarter_code(&self, i: usize) -> Option<Hit> {
        let b = self.text.as_bytes()[self.t[i].start];
        let (n, d) = self.num(i + 1)?;
        if d != 1 || !self.adj(i + 1) || self.adj(i + 2) && self.t[i + 2].kind != Kind::Punct {
            return None;
        }
        let (code, max) = if b == b'Q' { ('Q', 4) } else { ('H', 2) };
        if !(1..=max).contains(&n) {
            return None;
        }
        let (y, e) = match self.num(i + 2) {
            Some((y, 4)) if (1000..=2999).contains(&y) => (Some(y as i32), i + 3),
            _ => (
                self.year_of_part(i, i + 2, if code == 'Q' { 3 * n - 2 } else { 6 * n - 5 }),
                i + 2,
            ),
        };
        let v = match y {
            Some(y) => format!("{y:04}-{code}{n}"),
            None => format!("XXXX-{code}{n}"),
        };
        hit(i, e, DATE, Some(v))
    }

    /// Seasons: "summer 2024", "in spring" (the "this/last" forms are in `relative`).
    fn season(&self, i: usize) -> Option<Hit> {
        let W::Season(se) = self.w(i) else {
            return None;
        };
        // "summer 2024", "the winter of nineteen ninety-four"
        let k = if self.kw(i + 1, Kw::Of) { i + 2 } else { i + 1 };
        if let Some((y, e)) = self.year_at(k) {
            return hit(i, e, DATE, Some(format!("{y:04}-{}", se.code())));
        }
        if !(i > 0
            && (self.kw(i - 1, Kw::In) || self.kw(i - 1, Kw::The) || self.kw(i - 1, Kw::This)))
        {
            return None;
        }
        let v = match self.dct {
            Some(d) => format!("{:04}-{}", d.year(), se.code()),
            None => format!("XXXX-{}", se.code()),
        };
        hit(i, i + 1, DATE, Some(v))
    }

    /// Expressions that start with "the".
    fn the(&self, i: usize) -> Option<Hit> {
        let j = i + 1;
        let t = self.t.get(j)?;
        // "the near future", "the near term", "the short term": an unspecified time ahead
        // ("for the foreseeable future" is a span TimeBank leaves unmarked).
        if self.is(j, "near") && self.kw(j + 1, Kw::Future)
            || (self.is(j, "near") || self.is(j, "short")) && self.is(j + 1, "term")
        {
            return hit(i, j + 2, DATE, Some("FUTURE_REF".into()));
        }
        // "the early summer": that season of the DCT's year.
        if matches!(t.w, W::K(Kw::Early | Kw::Late | Kw::Mid)) {
            if let W::Season(se) = self.w(j + 1) {
                let v = match self.dct {
                    Some(d) => format!("{:04}-{}", d.year(), se.code()),
                    None => format!("XXXX-{}", se.code()),
                };
                return hit(i, j + 2, DATE, Some(v));
            }
        }
        // "the late 1970s", "the mid-1990s"
        if matches!(t.w, W::K(Kw::Early | Kw::Late | Kw::Mid)) && !self.kw(j + 1, Kw::Of) {
            let h = self.early_late(j)?;
            return h
                .value
                .as_deref()
                .is_some_and(|v| v.len() == 3)
                .then_some(Hit { s: i, ..h });
        }
        // "the current year", "the current quarter"
        if t.w == W::K(Kw::Current) {
            let h = self.keyword(j, Kw::Current, &[])?;
            return h
                .value
                .as_deref()
                .is_some_and(|v| v.as_bytes()[0].is_ascii_digit())
                .then_some(Hit { s: i, ..h });
        }
        // "the comparable year-ago quarter"
        if self.is(j, "comparable") || self.is(j, "corresponding") || self.is(j, "same") {
            return self.year_ago_adj(i, j + 1);
        }
        // "the 1988 period", "the 1988 third quarter"
        if t.kind == Kind::Num && t.digits == 4 {
            if (1000..=2999).contains(&t.n)
                && self.w(j + 1)
                    == (W::Unit {
                        u: Unit::Quarter,
                        plural: false,
                    })
            {
                return Some(Hit {
                    s: i,
                    e: j + 2,
                    label: DATE,
                    value: Some(format!("{:04}", t.n)),
                    anaphor: Anaphor::InYear(t.n as i32),
                });
            }
            if let Some(h) = self.year(j) {
                if h.value.as_deref().is_some_and(|v| v.len() == 4) {
                    let y: i32 = h.value.as_deref().unwrap_or("0").parse().unwrap_or(0);
                    // "the 1988 period", "the 1988 quarter": the quarter under
                    // discussion, in that year.
                    if self.is(h.e, "period")
                        || self.w(h.e)
                            == (W::Unit {
                                u: Unit::Quarter,
                                plural: false,
                            })
                    {
                        return Some(Hit {
                            s: i,
                            e: h.e + 1,
                            label: DATE,
                            value: h.value,
                            anaphor: Anaphor::InYear(y),
                        });
                    }
                    if let Some(q) = self.quarter(i, h.e, Some(y)) {
                        return Some(q);
                    }
                }
            }
        }
        // "the full year", "the fiscal year", "the latest fiscal year"
        if self.is(j, "full") || self.is(j, "calendar") || self.kw(j, Kw::Fiscal) {
            return self.the_year(i, j + 1);
        }
        if self.kw(j, Kw::Latest) && self.kw(j + 1, Kw::Fiscal) {
            return self.the_year(i, j + 2);
        }
        // "the week of March 6": the week that day is in.
        if self.w(j)
            == (W::Unit {
                u: Unit::Week,
                plural: false,
            })
            && self.kw(j + 1, Kw::Of)
        {
            let h = self.month(j + 2)?;
            let d = h.value.as_deref().and_then(RefTime::parse)?.date()?;
            return hit(i, h.e, DATE, Some(resolve::week(d)));
        }
        // "the last half of 1989", "the first two quarters of 1990": halves of a year.
        let half = if self.kw(j, Kw::Last) && self.kw(j + 1, Kw::Half) {
            Some((2, j + 2))
        } else if matches!(self.w(j), W::Ord(1..=3))
            && self.w(j + 1) == W::Num(2)
            && self.w(j + 2)
                == (W::Unit {
                    u: Unit::Quarter,
                    plural: true,
                })
        {
            match self.w(j) {
                W::Ord(1) => Some((1, j + 3)),
                W::Ord(3) => Some((2, j + 3)),
                _ => None,
            }
        } else {
            None
        };
        if let Some((n, k)) = half {
            if self.kw(k, Kw::Of) {
                if let Some(y) = self.year_at(k + 1).map(|(y, e)| (Some(y), e)).or_else(|| {
                    (self.kw(k + 1, Kw::The)
                        && self.w(k + 2)
                            == (W::Unit {
                                u: Unit::Year,
                                plural: false,
                            }))
                    .then_some((self.dct.map(|d| d.year()), k + 3))
                }) {
                    let v = match y.0 {
                        Some(y) => format!("{y:04}-H{n}"),
                        None => format!("XXXX-H{n}"),
                    };
                    return hit(i, y.1, DATE, Some(v));
                }
            }
        }
        // "the latest period": the quarter under discussion.
        if self.kw(j, Kw::Latest) && self.is(j + 1, "period") {
            return self.the_quarter(i, j + 2);
        }
        match (t.kind, t.w) {
            (
                _,
                W::K(
                    k @ (Kw::Past
                    | Kw::Last
                    | Kw::Next
                    | Kw::Coming
                    | Kw::Previous
                    | Kw::Following
                    | Kw::This),
                ),
            ) => self.relative(i, j, k),
            (_, W::Ord(n)) => {
                // "the first nine months", "the first two years"
                if let Some((a, u, _, e)) = self.amount_unit(j + 1) {
                    if !matches!(self.w(j + 1), W::K(Kw::A)) {
                        return hit(i, e, DURATION, Some(Self::duration_value(a, u)));
                    }
                }
                let _ = n;
                self.quarter(i, j, None)
            }
            (_, W::K(Kw::Fiscal)) => self.quarter(i, j + 1, None).map(|h| Hit { s: i, ..h }),
            (
                _,
                W::Unit {
                    u: Unit::Year,
                    plural: false,
                },
            ) => self.year_ago_adj(i, j).or_else(|| self.the_year(i, j)),
            (
                _,
                W::Unit {
                    u: Unit::Quarter,
                    plural: false,
                },
            ) => self.the_quarter(i, j + 1),
            (_, W::K(Kw::Latest)) => {
                if self.w(j + 1)
                    == (W::Unit {
                        u: Unit::Quarter,
                        plural: false,
                    })
                {
                    return self.the_quarter(i, j + 2);
                }
                if let Some((a, u, _, e)) = self.amount_unit(j + 1) {
                    return hit(i, e, DURATION, Some(Self::duration_value(a, u)));
                }
                None
            }
            (Kind::Num, _) => {
                if let Some(h) = self.century(j) {
                    return hit(i, h.e, h.label, h.value);
                }
                if let Some(h) = self.year(j) {
                    if h.value.as_deref().is_some_and(|v| v.len() == 3) {
                        return hit(i, h.e, h.label, h.value);
                    }
                    return None;
                }
                // "the nine months", "the 12 months"; not "the 14-day" (adjectival).
                let (a, u, hyph, e) = self.amount_unit(j)?;
                if hyph {
                    return None;
                }
                hit(i, e, DURATION, Some(Self::duration_value(a, u)))
            }
            (_, W::Num(_)) => {
                let (a, u, hyph, e) = self.amount_unit(j)?;
                if hyph {
                    return None;
                }
                hit(i, e, DURATION, Some(Self::duration_value(a, u)))
            }
            (_, W::Decade(d)) => hit(i, j + 1, DATE, Some(format!("19{d}"))),
            (Kind::Punct, _) => self.decade_short(j).map(|h| Hit { s: i, ..h }),
            (_, W::K(Kw::Future)) => hit(i, j + 1, DATE, Some("FUTURE_REF".into())),
            (_, W::K(Kw::Present)) => {
                if i > 0 && self.kw(i - 1, Kw::At) {
                    return None;
                }
                None
            }
            (_, W::K(Kw::Weekend)) => {
                self.relative(i, i, Kw::This).filter(|_| false).or_else(|| {
                    let v = self.dct.map(|dct| {
                        let sat = resolve::weekday(dct, 6, Pick::Tense(self.tense(i, j + 1)));
                        format!("{}-WE", resolve::week(sat))
                    });
                    hit(i, j + 1, DATE, v)
                })
            }
            (_, W::K(Kw::End | Kw::Beginning | Kw::Start)) | (_, W::K(Kw::Mid)) => {
                if !self.kw(j + 1, Kw::Of) {
                    return None;
                }
                let k = j + 2;
                let inner = match self.w(k) {
                    W::K(Kw::The) => match self.w(k + 1) {
                        W::Unit { u, plural: false } => Some(Hit {
                            s: k,
                            e: k + 2,
                            label: DATE,
                            value: self.this_unit(u),
                            ..Default::default()
                        }),
                        _ => self.the(k),
                    },
                    W::K(kk @ (Kw::This | Kw::Next | Kw::Last)) => self.relative(k, k, kk),
                    W::Month { .. } => self.month(k),
                    _ if self.num(k).is_some() => self.year(k),
                    _ => None,
                }?;
                if inner.s != k || inner.label != DATE {
                    return None;
                }
                hit(i, inner.e, DATE, inner.value)
            }
            (_, W::Season(se)) => {
                if let Some(h) = self.season(j).filter(|h| h.e > j + 1) {
                    return hit(i, h.e, DATE, h.value);
                }
                let e = j + 1;
                let v = match self.dct {
                    Some(d) => format!("{:04}-{}", d.year(), se.code()),
                    None => format!("XXXX-{}", se.code()),
                };
                hit(i, e, DATE, Some(v))
            }
            _ => None,
        }
    }
}

impl Parser<'_> {
    /// "the quarter", "the latest quarter": the quarter under discussion, else the last
    /// complete one before the DCT.
    fn the_quarter(&self, s: usize, e: usize) -> Option<Hit> {
        let mut v = self
            .dct
            .and_then(|d| resolve::shift(d, -1, Unit::Quarter))
            .map(resolve::quarter);
        // "the quarter ended July 31": the three months up to that day, named by the
        // calendar quarter that holds most of them (May-July: the second), unless the
        // text has named the (fiscal) quarter under discussion.
        if self.is(e, "ended") || self.is(e, "ending") {
            let end = self
                .month(e + 1)
                .filter(|h| h.s == e + 1)
                .and_then(|h| h.value)
                .and_then(|v| NaiveDate::parse_from_str(&v, "%Y-%m-%d").ok());
            if let Some(end) = end {
                v = Some(resolve::quarter(end - chrono::TimeDelta::days(45)));
            }
        }
        // "the quarter a year ago": that quarter, a year before.
        let (e, anaphor) = match self.duration(e) {
            Some(h) if h.anaphor == Anaphor::YearAgo && h.s == e => (h.e, Anaphor::YearAgo),
            _ => (e, Anaphor::Quarter),
        };
        Some(Hit {
            s,
            e,
            label: DATE,
            value: if anaphor == Anaphor::YearAgo {
                self.dct.map(|d| format!("{:04}", d.year() - 1))
            } else {
                v
            },
            anaphor,
        })
    }

    /// "the year" (token `j`): "the year 2000", "the year two thousand"; "the year ended
    /// Sept. 30" (a twelve-month period: a duration); otherwise the year under discussion,
    /// the DCT's.
    fn the_year(&self, s: usize, j: usize) -> Option<Hit> {
        if self.w(j)
            != (W::Unit {
                u: Unit::Year,
                plural: false,
            })
        {
            return None;
        }
        if let Some((y, e)) = self.year_at(j + 1) {
            return hit(s, e, DATE, Some(format!("{y:04}")));
        }
        // Not "the year's", "the year-ago", "the year before".
        if self.adj(j + 1) && (self.punct(j + 1, b'\'') || self.punct(j + 1, b'-')) {
            return None;
        }
        if self.is(j + 1, "ended") || self.is(j + 1, "ending") || self.is(j + 1, "through") {
            return hit(s, j + 1, DURATION, Some("P1Y".into()));
        }
        if matches!(
            self.w(j + 1),
            W::K(Kw::Before | Kw::After | Kw::Earlier | Kw::Later | Kw::Ago)
        ) || self.is(j + 1, "when")
            || self.is(j + 1, "of")
        {
            return None;
        }
        hit(s, j + 1, DATE, self.this_unit(Unit::Year))
    }

    /// "year-earlier", "the year-ago quarter", "the year-earlier period".
    fn year_ago_adj(&self, s: usize, i: usize) -> Option<Hit> {
        if !(self.punct(i + 1, b'-') && self.adj(i + 1) && self.adj(i + 2)) {
            return None;
        }
        if !(self.kw(i + 2, Kw::Earlier) || self.kw(i + 2, Kw::Ago)) {
            return None;
        }
        let mut e = i + 3;
        if let (
            W::Ord(n @ 1..=4),
            W::Unit {
                u: Unit::Quarter,
                plural: false,
            },
        ) = (self.w(e), self.w(e + 1))
        {
            let v = self.dct.map(|d| format!("{:04}-Q{n}", d.year() - 1));
            return Some(Hit {
                s,
                e: e + 2,
                label: DATE,
                value: v,
                anaphor: Anaphor::None,
            });
        }
        if s < i {
            // With "the", the noun belongs to the expression.
            if self.w(e)
                == (W::Unit {
                    u: Unit::Quarter,
                    plural: false,
                })
                || self.is(e, "period")
            {
                e += 1;
            } else {
                return None;
            }
        }
        let v = self.dct.map(|d| format!("{:04}", d.year() - 1));
        Some(Hit {
            s,
            e,
            label: DATE,
            value: v,
            anaphor: Anaphor::YearAgo,
        })
    }
}

impl Parser<'_> {
    /// "that year", "that same day", "that quarter": the story's reference time at that
    /// granularity (nothing when the text has not named one).
    fn that(&self, s: usize, i: usize) -> Option<Hit> {
        let mut j = i + 1;
        if self.kw(j, Kw::Same) {
            j += 1;
        }
        let W::Unit { u, plural: false } = self.w(j) else {
            return None;
        };
        let v = self.reference.get()?.value(u)?;
        let mut h = hit(s, j + 1, DATE, Some(v))?;
        // "that quarter": the quarter under discussion, when results name one.
        if u == Unit::Quarter {
            h.anaphor = Anaphor::Quarter;
        }
        Some(h)
    }

    /// A year written in words: "nineteen ninety-six", "nineteen eighty", "nineteen
    /// hundred", "two thousand (and) one" (the last only where a year is expected:
    /// `strict` is false). Returns (year, next token).
    fn year_words_in(&self, i: usize, strict: bool) -> Option<(i32, usize)> {
        let W::Num(h) = self.w(i) else { return None };
        if (10..=20).contains(&h) && h != 12 {
            let j = i + 1;
            if self.kw(j, Kw::Hundred) {
                return Some((h as i32 * 100, j + 1));
            }
            let W::Num(t) = self.w(j) else { return None };
            if !(20..=90).contains(&t) || t % 10 != 0 {
                return None;
            }
            let k = if self.punct(j + 1, b'-') && self.adj(j + 1) {
                j + 2
            } else {
                j + 1
            };
            if let W::Num(u @ 1..=9) = self.w(k) {
                return Some((h as i32 * 100 + (t + u) as i32, k + 1));
            }
            // "nineteen ninety-" with nothing after the hyphen is not ours.
            if k > j + 1 {
                return None;
            }
            return Some((h as i32 * 100 + t as i32, j + 1));
        }
        if h == 2 && !strict && self.kw(i + 1, Kw::Thousand) {
            let mut j = i + 2;
            let and = self.kw(j, Kw::And);
            if and {
                j += 1;
            }
            if let W::Num(u @ 1..=19) = self.w(j) {
                return Some((2000 + u as i32, j + 1));
            }
            if and {
                return None;
            }
            return Some((2000, j));
        }
        None
    }

    /// A year written in words where it stands alone ("in nineteen ninety-six").
    fn year_words(&self, i: usize) -> Option<(i32, usize)> {
        self.year_words_in(i, true)
    }

    /// A year after a month or season: digits ("1994") or words ("nineteen ninety-four").
    fn year_at(&self, k: usize) -> Option<(i32, usize)> {
        if let Some((y, 4)) = self.num(k) {
            if (1000..=2999).contains(&y) && self.ends_clean(k) {
                return Some((y as i32, k + 1));
            }
            return None;
        }
        self.year_words_in(k, false)
    }

    /// Holidays: "Christmas", "Christmas Eve", "Thanksgiving Day", "New Year's Day",
    /// "Labor Day 2024", "Easter week"; with `dir` -1/1 after "last"/"next" (0: "this"
    /// or bare, by tense). `s` is where the expression starts, `i` the holiday word.
    fn holiday(&self, s: usize, i: usize, h: Hol, dir: i64) -> Option<Hit> {
        if !self.cap(i) {
            return None;
        }
        let mut j = i + 1;
        // "New Year", "Valentine's", "Veterans' Day"
        if h == Hol::NewYear {
            if !(self.w(j)
                == (W::Unit {
                    u: Unit::Year,
                    plural: false,
                })
                && self.cap(j))
            {
                return None;
            }
            j += 1;
        }
        if self.punct(j, b'\'') && self.adj(j) {
            if self.is(j + 1, "s") && self.adj(j + 1) {
                j += 2;
            } else if h == Hol::Veterans {
                j += 1;
            }
        }
        let mut eve = false;
        if self.is(j, "Day") {
            j += 1;
        } else if self.kw(j, Kw::Eve) && matches!(h, Hol::Christmas | Hol::NewYear) {
            eve = true;
            j += 1;
        } else if h.needs_day() {
            return None;
        }
        let mut e = j;
        let year = match self.year_after(j) {
            Some((y, k)) => {
                e = k;
                Some(y)
            }
            None => None,
        };
        let week = self.w(e)
            == (W::Unit {
                u: Unit::Week,
                plural: false,
            });
        if week {
            e += 1;
        }
        let date = match (year, self.dct) {
            (Some(y), _) => resolve::holiday(h, y, eve),
            (None, Some(dct)) => {
                let y = dct.year();
                let cand = |y: i32| resolve::holiday(h, y, eve);
                match dir {
                    -1 => cand(y).filter(|d| *d < dct).or_else(|| cand(y - 1)),
                    1 => cand(y).filter(|d| *d > dct).or_else(|| cand(y + 1)),
                    _ => {
                        let this = cand(y)?;
                        let yy = if s < i {
                            Some(y)
                        } else {
                            resolve::year_for(dct, this.month(), Some(this.day()), self.tense(s, e))
                        };
                        yy.and_then(cand)
                    }
                }
            }
            (None, None) => None,
        };
        let v = match date {
            Some(d) if week => resolve::week(d),
            Some(d) => resolve::day(d),
            None => {
                // Without a year: the fixed-date holidays keep their month and day.
                let d = resolve::holiday(h, 2001, eve)?;
                let fixed = resolve::holiday(h, 2002, eve)
                    .is_some_and(|x| (x.month(), x.day()) == (d.month(), d.day()));
                if !fixed || week {
                    return hit(s, e, DATE, None);
                }
                format!("XXXX-{:02}-{:02}", d.month(), d.day())
            }
        };
        hit(s, e, DATE, Some(v))
    }
}

/// 0 spring … 3 winter, by month (December counts with the winter that follows).
fn season_of(m: u32) -> u32 {
    match m {
        3..=5 => 0,
        6..=8 => 1,
        9..=11 => 2,
        _ => 3,
    }
}

fn season_index(s: Season) -> u32 {
    match s {
        Season::Spring => 0,
        Season::Summer => 1,
        Season::Fall => 2,
        Season::Winter => 3,
    }
}
