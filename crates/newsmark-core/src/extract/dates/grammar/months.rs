//! Calendar dates: month names ("Sept. 4", "4 September 2025", "March 2024", "June last
//! year", "January") and numeric dates ("9/4/25", "20250904").

use super::{hit, Hit, Parser};
use crate::extract::dates::lex::{Kind, Kw, Unit, W};
use crate::extract::dates::resolve::{self, Tense};
use crate::extract::labels::DATE;
use chrono::{Datelike, NaiveDate};

impl Parser<'_> {
    pub(super) fn yyyymmdd(&self, i: usize, n: u32) -> Option<Hit> {
        let (y, m, d) = (n / 10000, (n / 100) % 100, n % 100);
        if !(1900..=2099).contains(&y) || self.adj(i + 1) && self.t[i + 1].kind != Kind::Punct {
            return None;
        }
        let date = NaiveDate::from_ymd_opt(y as i32, m, d)?;
        hit(i, i + 1, DATE, Some(resolve::day(date)))
    }

    /// US dates "9/4/25", "11/02/1989".
    pub(super) fn slash_date(&self, i: usize) -> Option<Hit> {
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
    pub(super) fn day_month(&self, i: usize) -> Option<Hit> {
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
    pub(super) fn month(&self, i: usize) -> Option<Hit> {
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
}
