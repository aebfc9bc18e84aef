//! Relative expressions: "last year", "next week", "this month", "last Tuesday", "last
//! night", "the past two years", "next March", "this summer", "the following year", "that
//! year".

use super::{hit, numbers::Amount, reference::RefTime, Anaphor, Hit, Parser};
use crate::extract::dates::lex::{Kind, Kw, Part, Season, Unit, W};
use crate::extract::dates::resolve::{self, Pick, Tense};
use crate::extract::labels::{DATE, DURATION, TIME};
use chrono::Datelike;

impl Parser<'_> {
    /// The DCT's own unit: "this year" → 2025, "this week" → 2025-W36.
    pub(super) fn this_unit(&self, u: Unit) -> Option<String> {
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
    pub(super) fn relative(&self, s: usize, i: usize, k: Kw) -> Option<Hit> {
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

    /// "that year", "that same day", "that quarter": the story's reference time at that
    /// granularity (nothing when the text has not named one).
    pub(super) fn that(&self, s: usize, i: usize) -> Option<Hit> {
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
