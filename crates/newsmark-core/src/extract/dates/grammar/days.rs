//! Days: weekdays ("Friday", "Thursday, April 5", "Tuesday morning", "Mondays"), "today",
//! "yesterday", "tomorrow", "tonight", and "the day after Christmas".

use super::{hit, reference::RefTime, Hit, Parser};
use crate::extract::dates::lex::{Kw, Part, Unit, W};
use crate::extract::dates::resolve::{self, Pick, Tense};
use crate::extract::labels::{DATE, SET, TIME};
use chrono::NaiveDate;

impl Parser<'_> {
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

    /// "day before last Tuesday", "the day after Christmas": the day next to a named day
    /// ("the" stays out, as in TimeBank).
    pub(super) fn day_before_after(&self, i: usize) -> Option<Hit> {
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

    /// The date of a weekday named at `s..e`, by tense or by `pick`.
    pub(super) fn weekday_date(
        &self,
        wd: u32,
        s: usize,
        e: usize,
        pick: Option<Pick>,
    ) -> Option<NaiveDate> {
        let dct = self.dct?;
        let pick = pick.unwrap_or_else(|| Pick::Tense(self.weekday_tense(s, e)));
        Some(resolve::weekday(dct, wd, pick))
    }

    /// A part of the day after a day expression: (part, plural, next token).
    pub(super) fn part_after(&self, j: usize) -> Option<(Part, bool, usize)> {
        match self.w(j) {
            W::Part { p, plural } => Some((p, plural, j + 1)),
            _ => None,
        }
    }

    /// "Friday", "Thursday, April 5", "Tuesday morning", "Mondays".
    pub(super) fn weekday(&self, i: usize) -> Option<Hit> {
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

    pub(super) fn deictic(&self, i: usize) -> Option<Hit> {
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
}
