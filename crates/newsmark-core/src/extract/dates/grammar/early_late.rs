//! A period narrowed to its start, middle or end: "early next year", "late November",
//! "mid-1990s", "earlier this month", "later in the week", "late afternoon".

use super::{hit, Hit, Parser};
use crate::extract::dates::lex::{Kind, Kw, Unit, W};
use crate::extract::dates::resolve;
use crate::extract::labels::{DATE, DURATION, TIME};

impl Parser<'_> {
    /// "year-end", "year end", "year's end": the end of the year under discussion (the
    /// DCT's), a DATE of year granularity (TimeML's `mod="END"`).
    pub(super) fn year_end(&self, i: usize) -> Option<Hit> {
        let e = if self.punct(i + 1, b'-') && self.adj(i + 1) && self.adj(i + 2) {
            i + 2
        } else if self.punct(i + 1, b'\'') && self.adj(i + 1) && self.is(i + 2, "s") {
            i + 3
        } else {
            i + 1
        };
        if !self.kw(e, Kw::End) {
            return None;
        }
        hit(i, e + 1, DATE, self.this_unit(Unit::Year))
    }

    /// "early next year", "late November", "mid-1990s", "earlier this month", "late
    /// yesterday", "the end of the year" (modifier kept in the extent, value unchanged).
    pub(super) fn early_late(&self, i: usize) -> Option<Hit> {
        let mut j = i + 1;
        if self.punct(j, b'-') && self.adj(j) && self.adj(j + 1) {
            j += 1;
        }
        let t = self.t.get(j)?;
        // TimeBank leaves "earlier" out of "earlier Friday", "earlier this week" (but
        // keeps it in "earlier this month", "earlier this year"); "late yesterday",
        // "earlier today" keep it, as the TimeML guidelines have modifiers inside.
        let comparative = self.kw(i, Kw::Earlier) || self.kw(i, Kw::Later);
        if matches!(t.w, W::Weekday { .. } | W::K(Kw::Tonight))
            || (comparative
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
                // "late afternoon", "mid-afternoon", "mid-afternoon yesterday"
                let (off, e) = match self.w(j + 1) {
                    W::K(Kw::Yesterday) => (-1, j + 2),
                    W::K(Kw::Today) => (0, j + 2),
                    W::K(Kw::Tomorrow) => (1, j + 2),
                    _ => (0, j + 1),
                };
                Some(Hit {
                    s: j,
                    e,
                    label: TIME,
                    value: self
                        .dct
                        .and_then(|d| resolve::shift(d, off, Unit::Day))
                        .map(|d| resolve::day_part(d, p)),
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
}
