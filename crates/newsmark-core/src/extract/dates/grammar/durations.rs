//! Durations, and the dates counted from the DCT with one: "three days", "48 hours", "a
//! half hour", "months", "two weeks ago", "a year earlier", "five years from now".

use super::{hit, numbers::Amount, Anaphor, Hit, Parser};
use crate::extract::dates::lex::{Kind, Kw, Unit, W};
use crate::extract::dates::resolve;
use crate::extract::labels::{DATE, DURATION, SET};

impl Parser<'_> {
    /// An amount followed by a unit: `(amount, unit, plural, adjectival, end)`.
    pub(super) fn amount_unit(&self, i: usize) -> Option<(Amount, Unit, bool, usize)> {
        let (mut a, mut j) = self.amount(i)?;
        // "two and a half years"
        if let Amount::N(n) = a {
            if self.kw(j, Kw::And) && self.kw(j + 1, Kw::A) && self.kw(j + 2, Kw::Half) {
                a = Amount::Half(n);
                j += 3;
            }
        }
        // "two more weeks", "five additional years"
        if self.kw(j, Kw::More)
            || self.is(j, "additional")
            || self.is(j, "straight")
            || self.is(j, "full")
            || self.is(j, "trading")
            || self.is(j, "consecutive")
        {
            j += 1;
        }
        let hyph = self.punct(j, b'-') && self.adj(j) && self.adj(j + 1);
        if hyph {
            j += 1;
        }
        let W::Unit { u, plural } = self.w(j) else {
            return None;
        };
        if a == Amount::N(1) && self.t[i].w == W::K(Kw::A) && plural {
            return None;
        }
        // "the 1988 quarter": a year before a singular unit, not an amount.
        if !plural && !hyph && self.num(i).is_some_and(|(n, d)| d == 4 && n > 1) {
            return None;
        }
        // "52 years old": an age; "three-quarters", "a quarter of": fractions.
        if self.is(j + 1, "old")
            || (u == Unit::Quarter && (hyph && plural || self.kw(j + 1, Kw::Of)))
        {
            return None;
        }
        // "6-year-old": an age, which TimeBank does not mark.
        if self.punct(j + 1, b'-') && self.adj(j + 1) && self.is(j + 2, "old") {
            return None;
        }
        // "a minute and a half", "two hours and a half": one and a half units.
        if let Amount::N(n) = a {
            if self.kw(j + 1, Kw::And) && self.kw(j + 2, Kw::A) && self.kw(j + 3, Kw::Half) {
                return Some((Amount::Half(n), u, hyph, j + 4));
            }
        }
        // "a week or so (ago)": the approximation belongs to the expression.
        if !hyph && self.is(j + 1, "or") && self.is(j + 2, "so") {
            return Some((a, u, hyph, j + 3));
        }
        Some((a, u, hyph, j + 1))
    }

    pub(super) fn duration_value(a: Amount, u: Unit) -> String {
        let (code, time) = u.code();
        let t = if time { "T" } else { "" };
        match (a, u) {
            (Amount::N(n), Unit::Decade) => format!("P{}Y", n * 10),
            (Amount::N(n), Unit::Century) => format!("P{}Y", n * 100),
            (Amount::N(n), _) => format!("P{t}{n}{code}"),
            (Amount::Half(n), Unit::Year) => format!("P{n}Y6M"),
            (Amount::Half(n), Unit::Hour) => format!("PT{n}H30M"),
            (Amount::Half(n), Unit::Day) => format!("P{n}DT12H"),
            (Amount::Half(n), Unit::Minute) => format!("PT{n}M30S"),
            (Amount::Half(n), _) => format!("P{t}{n}{code}"),
            (Amount::X, _) => format!("P{t}X{code}"),
        }
    }

    /// "three days", "48 hours", "a decade", "two-year", "two weeks ago", "a year earlier".
    pub(super) fn duration(&self, i: usize) -> Option<Hit> {
        let (a, u, _adjectival, j) = self.amount_unit(i)?;
        // "a year-earlier loss": "year-earlier" is the expression.
        if self.punct(j, b'-')
            && self.adj(j)
            && (self.kw(j + 1, Kw::Earlier) || self.kw(j + 1, Kw::Ago))
        {
            return None;
        }
        if self.kw(j, Kw::Ago) || (self.kw(j, Kw::Earlier) && !self.kw(j + 1, Kw::This)) {
            let e = j + 1;
            let mut h = hit(i, e, DATE, self.shifted(a, u, -1))?;
            if a == Amount::N(1) && u == Unit::Year {
                h.anaphor = Anaphor::YearAgo;
            }
            return Some(h);
        }
        // "three days later": TimeML marks the duration, "later" being the signal that
        // anchors it to an event.
        if self.kw(j, Kw::Later) && !self.kw(j + 1, Kw::This) {
            return hit(i, j, DURATION, Some(Self::duration_value(a, u)));
        }
        // "Islam will one day be ...": "one day" after a modal is an unspecified future.
        if a == Amount::N(1)
            && u == Unit::Day
            && j == i + 2
            && self.is(i, "one")
            && i > 0
            && [
                "will", "would", "could", "may", "might", "can", "should", "must",
            ]
            .iter()
            .any(|w| self.is(i - 1, w))
        {
            return hit(i, j, DATE, Some("FUTURE_REF".into()));
        }
        if self.is(j, "from") && self.kw(j + 1, Kw::Now) {
            return hit(i, j + 2, DATE, self.shifted(a, u, 1));
        }
        // "a year" after a number or "twice": a rate.
        if self.t[i].w == W::K(Kw::A)
            && i > 0
            && (self.t[i - 1].kind == Kind::Num
                || self.is(i - 1, "twice")
                || self.is(i - 1, "times")
                || self.kw(i - 1, Kw::Once))
        {
            return hit(i, j, SET, Some(Self::duration_value(Amount::N(1), u)));
        }
        // "two to three weeks": keep the first number's unit.
        hit(i, j, DURATION, Some(Self::duration_value(a, u)))
    }

    /// The value of DCT ± `a` units, at that unit's granularity.
    fn shifted(&self, a: Amount, u: Unit, sign: i64) -> Option<String> {
        let Amount::N(n) = a else {
            return Some(if sign < 0 { "PAST_REF" } else { "FUTURE_REF" }.into());
        };
        let dct = self.dct?;
        let n = i64::try_from(n).ok()?.checked_mul(sign)?;
        let d = resolve::shift(dct, n, u)?;
        Some(resolve::at_granularity(d, u))
    }

    /// Bare plural units: "months" → PXM ("for months", "despite months of").
    pub(super) fn bare_units(&self, i: usize, u: Unit) -> Option<Hit> {
        if self.is(i + 1, "old") {
            return None;
        }
        // "seconds", "quarters" (living quarters, three-quarters) and the tail of a
        // compound ("three-quarters", "decades-long" is kept) are not durations alone.
        if matches!(u, Unit::Second | Unit::Quarter) || (self.adj(i) && self.punct(i - 1, b'-')) {
            return None;
        }
        if self.kw(i + 1, Kw::Ago) {
            return hit(i, i + 2, DATE, Some("PAST_REF".into()));
        }
        // "years old", "hours later" stay durations; "days" after a number was handled.
        hit(i, i + 1, DURATION, Some(Self::duration_value(Amount::X, u)))
    }

    /// "a three-year period", "a 90-day span": the adjectival duration with its noun,
    /// a noun phrase whose head is itself a length of time.
    pub(super) fn a_period(&self, i: usize) -> Option<Hit> {
        let (a, u, hyph, e) = self.amount_unit(i + 1)?;
        if !hyph || !(self.is(e, "period") || self.is(e, "span") || self.is(e, "stretch")) {
            return None;
        }
        hit(i, e + 1, DURATION, Some(Self::duration_value(a, u)))
    }

    /// "half an hour", "a half hour".
    pub(super) fn half(&self, i: usize) -> Option<Hit> {
        let (j, e) = if (self.kw(i, Kw::Half) && self.kw(i + 1, Kw::A))
            || (self.kw(i, Kw::A) && self.kw(i + 1, Kw::Half))
        {
            (i + 2, i + 3)
        } else {
            return None;
        };
        let v = match self.w(j) {
            W::Unit {
                u: Unit::Hour,
                plural: false,
            } => "PT30M",
            W::Unit {
                u: Unit::Day,
                plural: false,
            } => "PT12H",
            W::Unit {
                u: Unit::Year,
                plural: false,
            } => "P6M",
            W::Unit {
                u: Unit::Century,
                plural: false,
            } => "P50Y",
            _ => return None,
        };
        hit(i, e, DURATION, Some(v.into()))
    }
}
