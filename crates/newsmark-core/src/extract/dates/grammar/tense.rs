//! Where sentences end, and the tense of the clause around an expression, from the nearest
//! marker before or after it: it picks the past or the coming "Friday", "Sept. 4" or
//! "February".

use super::Parser;
use crate::extract::dates::lex::{Kind, Kw, W};
use crate::extract::dates::resolve::Tense;

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

impl Parser<'_> {
    /// True when tokens `i - 1` and `i` are in different sentences.
    pub(super) fn boundary_before(&self, i: usize) -> bool {
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

    /// The tense of the sentence around tokens `s..e`: the nearest marker before, else after.
    pub(super) fn tense(&self, s: usize, e: usize) -> Tense {
        self.tense_marker(s, e).0
    }

    /// The tense and the token that marks it.
    pub(super) fn tense_marker(&self, s: usize, e: usize) -> (Tense, usize) {
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

    /// The nearest tense marker before token `s` in its sentence, however far.
    pub(super) fn sentence_tense_before(&self, s: usize) -> Option<(Tense, usize)> {
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
    pub(super) fn tense_after(&self, e: usize) -> (Tense, usize) {
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

    /// A past tense told by the verb of the clause before the expression at `s` ("the
    /// operator changed to a calendar year in December"), not by a reporting verb whose
    /// clause may look ahead ("said ... in January").
    /// An infinitive ("to start", not "to a calendar year") among tokens `k..s`: it opens
    /// a clause of its own, whose time the verb before it does not tell.
    pub(super) fn infinitive_between(&self, k: usize, s: usize) -> bool {
        (k..s).any(|j| {
            self.kw(j, Kw::To)
                && !matches!(self.w(j + 1), W::K(Kw::A | Kw::The))
                && self.t.get(j + 1).is_some_and(|t| t.kind == Kind::Word)
        })
    }

    pub(super) fn clear_past(&self, tense: Tense, k: usize, s: usize) -> bool {
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
