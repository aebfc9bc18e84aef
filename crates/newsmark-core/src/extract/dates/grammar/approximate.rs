//! Approximate and bounded amounts: "more than two years", "nearly a decade", "almost
//! three weeks ago", "at least a year", "up to five years", "around noon".

use super::{Hit, Parser};
use crate::extract::dates::lex::{Kind, Kw, W};
use crate::extract::labels::DATE;

impl Parser<'_> {
    /// A modifier ("more than", "nearly") before a duration, a time or a date "ago".
    pub(super) fn modified(&self, i: usize, j: usize, prev: &[Hit]) -> Option<Hit> {
        let inner = match self.t.get(j)?.kind {
            Kind::Num => self.number(j, prev),
            Kind::Word => match self.w(j) {
                W::Num(_) | W::K(Kw::A | Kw::Several | Kw::Few) => self.duration(j),
                W::K(Kw::Noon | Kw::Midnight) => self.keyword(j, Kw::Noon, prev),
                W::K(Kw::The) => self.the(j),
                _ => None,
            },
            _ => None,
        }?;
        if inner.s != j
            || inner.label == DATE
                && !inner.value.as_deref().is_some_and(|v| v.ends_with("_REF"))
                && !self.kw(inner.e - 1, Kw::Ago)
        {
            // "about 2024" is not a modified date in TimeML's sense; keep the year alone.
            return None;
        }
        Some(Hit { s: i, ..inner })
    }
}
