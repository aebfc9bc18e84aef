//! Quarters and halves of a year: "the third quarter", "third-quarter", "the first half of
//! 2024", "Q3 2024", "H1", "the quarter", "the year-ago quarter".

use super::{hit, Anaphor, Hit, Parser};
use crate::extract::dates::lex::{Kind, Kw, Unit, W};
use crate::extract::dates::resolve::{self, Tense};
use crate::extract::labels::{DATE, SET};
use chrono::{Datelike, NaiveDate};

impl Parser<'_> {
    /// "the third quarter", "third-quarter", "the first half of 2024", "fourth quarters".
    /// `s` is where the expression starts (a "the" before `i`), `year` a known year.
    pub(super) fn quarter(&self, s: usize, i: usize, year: Option<i32>) -> Option<Hit> {
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
    pub(super) fn quarter_code(&self, i: usize) -> Option<Hit> {
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

    /// "the quarter", "the latest quarter": the quarter under discussion, else the last
    /// complete one before the DCT.
    pub(super) fn the_quarter(&self, s: usize, e: usize) -> Option<Hit> {
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

    /// "year-earlier", "the year-ago quarter", "the year-earlier period".
    pub(super) fn year_ago_adj(&self, s: usize, i: usize) -> Option<Hit> {
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
