//! Holidays: "Christmas", "Christmas Eve", "Thanksgiving Day", "New Year's Day", "Labor Day
//! 2024", "Easter week", "last Christmas".

use super::{hit, Hit, Parser};
use crate::extract::dates::lex::{Hol, Kw, Unit, W};
use crate::extract::dates::resolve;
use crate::extract::labels::DATE;
use chrono::Datelike;

impl Parser<'_> {
    /// Holidays: "Christmas", "Christmas Eve", "Thanksgiving Day", "New Year's Day",
    /// "Labor Day 2024", "Easter week"; with `dir` -1/1 after "last"/"next" (0: "this"
    /// or bare, by tense). `s` is where the expression starts, `i` the holiday word.
    pub(super) fn holiday(&self, s: usize, i: usize, h: Hol, dir: i64) -> Option<Hit> {
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
