//! Times of day: "3 p.m.", "10:30", "10:35 a.m. EST", "four o'clock", "4 in the morning",
//! "10 p.m. Wednesday", on the day they name or the last day the text mentioned.

use super::{hit, Hit, Parser};
use crate::extract::dates::lex::{Kw, Part, W};
use crate::extract::dates::resolve;
use crate::extract::labels::{DATE, TIME};

impl Parser<'_> {
    /// Spelled-out times: "four o'clock".
    pub(super) fn numword_time(&self, i: usize) -> Option<Hit> {
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

    /// A day expression right after a time ("10 p.m. Wednesday", "noon today", "5 p.m.
    /// EST, Nov. 6"): (day value, end).
    pub(super) fn day_after_time(&self, j: usize) -> Option<(Option<String>, usize)> {
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

    /// The day named in or right after a short parenthesis that follows a time ("10:35
    /// a.m. (0735 GMT) Friday", "4 in the morning (4 a.m. EDT Thursday)"); the
    /// parenthesis and the day stay outside the time's extent.
    fn day_after_aside(&self, j: usize) -> Option<String> {
        if !self.punct(j, b'(') {
            return None;
        }
        let close = (j + 1..(j + 10).min(self.t.len())).find(|&k| self.punct(k, b')'))?;
        if let Some((v, _)) = self.day_after_time(close + 1) {
            return v;
        }
        (j + 1..close)
            .filter(|&k| {
                matches!(
                    self.w(k),
                    W::Weekday { plural: false, .. } | W::Month { .. }
                )
            })
            .find_map(|k| self.day_after_time(k).and_then(|(v, _)| v))
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

    pub(super) fn anchor_day(&self, s: usize, _e: usize, prev: &[Hit]) -> String {
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
    pub(super) fn clock(&self, i: usize, prev: &[Hit]) -> Option<Hit> {
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
        let base = match self.day_after_time(j) {
            Some((v, k)) => {
                e = k;
                v
            }
            None => self.day_after_aside(j),
        };
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
}
