//! Years: "1998", "2025-09-04", "the 1990s", "'90s", "the 20th century", "fiscal 1989",
//! and years in words ("nineteen ninety-six", "two thousand one").

use super::{hit, Hit, Parser};
use crate::extract::dates::lex::{Kind, Kw, Unit, W};
use crate::extract::dates::resolve;
use crate::extract::labels::DATE;
use chrono::{Datelike, NaiveDate};

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

impl Parser<'_> {
    /// Four-digit years, ISO dates, decades ("1990s").
    pub(super) fn year(&self, i: usize) -> Option<Hit> {
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
    pub(super) fn decade_short(&self, i: usize) -> Option<Hit> {
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
    pub(super) fn century(&self, i: usize) -> Option<Hit> {
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

    /// A year after a date: `[,] YYYY` → (year, next token).
    pub(super) fn year_after(&self, j: usize) -> Option<(i32, usize)> {
        let k = if self.punct(j, b',') { j + 1 } else { j };
        let (y, d) = self.num(k)?;
        if d != 4 || !(1000..=2999).contains(&y) || !self.ends_clean(k) {
            return None;
        }
        Some((y as i32, k + 1))
    }

    /// "fiscal 1989", "fiscal 1990's first quarter".
    pub(super) fn fiscal(&self, i: usize) -> Option<Hit> {
        if let Some(y) = self.year(i + 1) {
            if y.value.as_deref().is_some_and(|v| v.len() == 4) {
                return hit(i, y.e, DATE, y.value);
            }
            return None;
        }
        // "fiscal second-quarter (profit)", "fiscal first quarter": the quarter, with
        // its premodifier.
        self.quarter(i, i + 1, None)
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
    pub(super) fn year_words(&self, i: usize) -> Option<(i32, usize)> {
        self.year_words_in(i, true)
    }

    /// A year after a month or season: digits ("1994") or words ("nineteen ninety-four").
    pub(super) fn year_at(&self, k: usize) -> Option<(i32, usize)> {
        if let Some((y, 4)) = self.num(k) {
            if (1000..=2999).contains(&y) && self.ends_clean(k) {
                return Some((y as i32, k + 1));
            }
            return None;
        }
        self.year_words_in(k, false)
    }
}
