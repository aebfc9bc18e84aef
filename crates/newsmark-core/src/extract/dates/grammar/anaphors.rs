//! Quarter anaphora, resolved once the pass is over: "a year ago", "the quarter", "the 1988
//! period" take the last quarter the text reported on.

use super::{Anaphor, Hit, Parser};
use crate::extract::dates::resolve::Tense;
use crate::extract::labels::DURATION;
use chrono::Datelike;

impl Parser<'_> {
    /// Quarter-relative values: "a year earlier" after "the third quarter" is the third
    /// quarter of the year before; "the quarter" is the last quarter named.
    pub(super) fn resolve_anaphors(&self, hits: &mut [Hit]) {
        let mut last: Option<(i32, u32)> = None;
        for k in 0..hits.len() {
            self.year_ago_apposition(hits, k);
            let h = &mut hits[k];
            match h.anaphor {
                Anaphor::None => {
                    let v = h.value.as_deref().unwrap_or("").as_bytes();
                    if v.len() == 7
                        && v[4] == b'-'
                        && v[5] == b'Q'
                        && v[..4].iter().all(u8::is_ascii_digit)
                    {
                        let y = std::str::from_utf8(&v[..4])
                            .ok()
                            .and_then(|y| y.parse().ok());
                        let q = u32::from(v[6].wrapping_sub(b'0'));
                        // Results are reported for quarters already over: a forecast
                        // ("losses through the third quarter of 1990") is not the
                        // quarter under discussion.
                        // A fiscal quarter "ended Sept. 30" is over whatever its number.
                        let now = self.dct.map(|d| (d.year(), d.month0() / 3 + 1));
                        let ended = self.is(h.e, "ended")
                            || (h.s > 0 && self.is(h.s - 1, "fiscal"))
                            || self.is(h.s, "fiscal")
                            || self.tense(h.s, h.e) == Tense::Past;
                        // "After a flat second quarter, ...": a contrast, not the topic.
                        let contrast = (1..=3).any(|b| {
                            h.s >= b && (self.is(h.s - b, "after") || self.is(h.s - b, "following"))
                        });
                        let topic = |y: i32| !contrast && (ended || now.is_none_or(|n| (y, q) < n));
                        if let Some(y) = y.filter(|&y| topic(y)) {
                            last = Some((y, q));
                        }
                    } else if h.label == DURATION && matches!(v, b"P6M" | b"P9M") {
                        // "the first nine months": results for part of the year (quarter 0).
                        last = self.dct.map(|d| (d.year(), 0));
                    }
                }
                Anaphor::YearAgo => match last {
                    Some((y, 0)) => h.value = Some(format!("{:04}", y - 1)),
                    Some((y, q)) => h.value = Some(format!("{:04}-Q{q}", y - 1)),
                    None => {}
                },
                Anaphor::Quarter => {
                    if let Some((y, q @ 1..=4)) = last {
                        h.value = Some(format!("{y:04}-Q{q}"));
                    }
                }
                Anaphor::InYear(y) => {
                    if let Some((_, q @ 1..=4)) = last {
                        h.value = Some(format!("{y:04}-Q{q}"));
                    }
                }
            }
        }
    }

    /// "the comparable year-ago quarter, the second quarter ended Oct. 31, ...": the
    /// apposition names the year-ago quarter, so it and the day it ended are a year before
    /// the DCT's year, and the year-ago quarter is that one.
    fn year_ago_apposition(&self, hits: &mut [Hit], k: usize) {
        let Some(dct) = self.dct else { return };
        let (h, rest) = match hits[k..].split_first_mut() {
            Some((h, rest)) if h.anaphor == Anaphor::YearAgo && !rest.is_empty() => (h, rest),
            _ => return,
        };
        let q = &mut rest[0];
        if !(self.punct(h.e, b',') && q.s == h.e + 1) {
            return;
        }
        let this_year = format!("{:04}-Q", dct.year());
        let Some(n) = q
            .value
            .as_deref()
            .and_then(|v| v.strip_prefix(this_year.as_str()))
            .filter(|n| matches!(*n, "1" | "2" | "3" | "4"))
        else {
            return;
        };
        // Only a quarter named without its own year.
        if (q.s..q.e).any(|i| self.num(i).is_some_and(|(_, d)| d == 4)) {
            return;
        }
        let v = format!("{:04}-Q{n}", dct.year() - 1);
        q.value = Some(v.clone());
        h.value = Some(v);
        h.anaphor = Anaphor::None;
        let end = q.e;
        // "... ended Oct. 31," inside the apposition.
        if let Some(d) = rest.get_mut(1) {
            let inside = (end..d.s).all(|i| !self.punct(i, b',') && !self.boundary_before(i + 1));
            let ended = self.is(end, "ended") || self.is(end, "ending");
            if let Some(date) = d
                .value
                .as_deref()
                .filter(|v| v.len() == 10 && inside && ended)
            {
                if date[..4] == format!("{:04}", dct.year()) {
                    d.value = Some(format!("{:04}{}", dct.year() - 1, &date[4..]));
                }
            }
        }
    }
}
