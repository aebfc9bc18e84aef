//! Seasons with a year, or after "in", "the", "this": "summer 2024", "the winter of nineteen
//! ninety-four", "in spring".

use super::{hit, Hit, Parser};
use crate::extract::dates::lex::{Kw, W};
use crate::extract::labels::DATE;
use chrono::Datelike;

impl Parser<'_> {
    /// Seasons: "summer 2024", "in spring" (the "this/last" forms are in `relative`).
    pub(super) fn season(&self, i: usize) -> Option<Hit> {
        let W::Season(se) = self.w(i) else {
            return None;
        };
        // "summer 2024", "the winter of nineteen ninety-four"
        let k = if self.kw(i + 1, Kw::Of) { i + 2 } else { i + 1 };
        if let Some((y, e)) = self.year_at(k) {
            return hit(i, e, DATE, Some(format!("{y:04}-{}", se.code())));
        }
        if !(i > 0
            && (self.kw(i - 1, Kw::In) || self.kw(i - 1, Kw::The) || self.kw(i - 1, Kw::This)))
        {
            return None;
        }
        let v = match self.dct {
            Some(d) => format!("{:04}-{}", d.year(), se.code()),
            None => format!("XXXX-{}", se.code()),
        };
        hit(i, i + 1, DATE, Some(v))
    }
}
