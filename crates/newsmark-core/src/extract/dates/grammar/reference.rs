//! The story's reference time: the last date the text mentioned, which "the following
//! year", "that day" and "the next morning" count from.

use crate::extract::dates::lex::Unit;
use crate::extract::dates::resolve;
use chrono::{Datelike, NaiveDate};

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
    pub(super) fn parse(v: &str) -> Option<RefTime> {
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

    pub(super) fn date(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.y, self.m, self.d)
    }

    /// The value at the granularity of `u`, if the reference is that precise.
    pub(super) fn value(self, u: Unit) -> Option<String> {
        match u {
            Unit::Year => Some(format!("{:04}", self.y)),
            Unit::Quarter if self.q > 0 => Some(format!("{:04}-Q{}", self.y, self.q)),
            Unit::Month if self.m > 0 => Some(resolve::month(self.y, self.m)),
            Unit::Week | Unit::Day => self.date().map(|d| resolve::at_granularity(d, u)),
            _ => None,
        }
    }

    /// The reference moved by `n` units, at that granularity.
    pub(super) fn shifted(self, n: i64, u: Unit) -> Option<String> {
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
