//! Expressions that start with "the": "the near future", "the late 1970s", "the current
//! year", "the 1988 period", "the week of March 6", "the first nine months", "the end of the
//! year", "the year 2000".

use super::{hit, reference::RefTime, Anaphor, Hit, Parser};
use crate::extract::dates::lex::{Kind, Kw, Unit, W};
use crate::extract::dates::resolve::{self, Pick};
use crate::extract::labels::{DATE, DURATION};
use chrono::Datelike;

impl Parser<'_> {
    /// Expressions that start with "the".
    pub(super) fn the(&self, i: usize) -> Option<Hit> {
        let j = i + 1;
        let t = self.t.get(j)?;
        // "the near future", "the near term", "the short term": an unspecified time ahead
        // ("for the foreseeable future" is a span TimeBank leaves unmarked).
        if self.is(j, "near") && self.kw(j + 1, Kw::Future)
            || (self.is(j, "near") || self.is(j, "short")) && self.is(j + 1, "term")
        {
            return hit(i, j + 2, DATE, Some("FUTURE_REF".into()));
        }
        // "the early summer": that season of the DCT's year.
        if matches!(t.w, W::K(Kw::Early | Kw::Late | Kw::Mid)) {
            if let W::Season(se) = self.w(j + 1) {
                let v = match self.dct {
                    Some(d) => format!("{:04}-{}", d.year(), se.code()),
                    None => format!("XXXX-{}", se.code()),
                };
                return hit(i, j + 2, DATE, Some(v));
            }
        }
        // "the late 1970s", "the mid-1990s"
        if matches!(t.w, W::K(Kw::Early | Kw::Late | Kw::Mid)) && !self.kw(j + 1, Kw::Of) {
            let h = self.early_late(j)?;
            return h
                .value
                .as_deref()
                .is_some_and(|v| v.len() == 3)
                .then_some(Hit { s: i, ..h });
        }
        // "the current year", "the current quarter"
        if t.w == W::K(Kw::Current) {
            let h = self.keyword(j, Kw::Current, &[])?;
            return h
                .value
                .as_deref()
                .is_some_and(|v| v.as_bytes()[0].is_ascii_digit())
                .then_some(Hit { s: i, ..h });
        }
        // "the comparable year-ago quarter"
        if self.is(j, "comparable") || self.is(j, "corresponding") || self.is(j, "same") {
            return self.year_ago_adj(i, j + 1);
        }
        // "the 1988 period", "the 1988 third quarter"
        if t.kind == Kind::Num && t.digits == 4 {
            if (1000..=2999).contains(&t.n)
                && self.w(j + 1)
                    == (W::Unit {
                        u: Unit::Quarter,
                        plural: false,
                    })
            {
                return Some(Hit {
                    s: i,
                    e: j + 2,
                    label: DATE,
                    value: Some(format!("{:04}", t.n)),
                    anaphor: Anaphor::InYear(t.n as i32),
                });
            }
            if let Some(h) = self.year(j) {
                if h.value.as_deref().is_some_and(|v| v.len() == 4) {
                    let y: i32 = h.value.as_deref().unwrap_or("0").parse().unwrap_or(0);
                    // "the 1988 period", "the 1988 quarter": the quarter under
                    // discussion, in that year.
                    if self.is(h.e, "period")
                        || self.w(h.e)
                            == (W::Unit {
                                u: Unit::Quarter,
                                plural: false,
                            })
                    {
                        return Some(Hit {
                            s: i,
                            e: h.e + 1,
                            label: DATE,
                            value: h.value,
                            anaphor: Anaphor::InYear(y),
                        });
                    }
                    if let Some(q) = self.quarter(i, h.e, Some(y)) {
                        return Some(q);
                    }
                }
            }
        }
        // "the full year", "the fiscal year", "the latest fiscal year"
        if self.is(j, "full") || self.is(j, "calendar") || self.kw(j, Kw::Fiscal) {
            if let Some(h) = self.the_year(i, j + 1) {
                return Some(h);
            }
            // "the fiscal first quarter", "the fiscal-first quarter": the determiner and
            // "fiscal" belong to the quarter's extent.
            if self.kw(j, Kw::Fiscal) {
                let k = if self.punct(j + 1, b'-') && self.adj(j + 1) && self.adj(j + 2) {
                    j + 2
                } else {
                    j + 1
                };
                return self.quarter(i, k, None).map(|h| Hit { s: i, ..h });
            }
            return None;
        }
        if self.kw(j, Kw::Latest) && self.kw(j + 1, Kw::Fiscal) {
            return self.the_year(i, j + 2);
        }
        // "the week of March 6": the week that day is in.
        if self.w(j)
            == (W::Unit {
                u: Unit::Week,
                plural: false,
            })
            && self.kw(j + 1, Kw::Of)
        {
            let h = self.month(j + 2)?;
            let d = h.value.as_deref().and_then(RefTime::parse)?.date()?;
            return hit(i, h.e, DATE, Some(resolve::week(d)));
        }
        // "the last half of 1989", "the first two quarters of 1990": halves of a year.
        let half = if self.kw(j, Kw::Last) && self.kw(j + 1, Kw::Half) {
            Some((2, j + 2))
        } else if matches!(self.w(j), W::Ord(1..=3))
            && self.w(j + 1) == W::Num(2)
            && self.w(j + 2)
                == (W::Unit {
                    u: Unit::Quarter,
                    plural: true,
                })
        {
            match self.w(j) {
                W::Ord(1) => Some((1, j + 3)),
                W::Ord(3) => Some((2, j + 3)),
                _ => None,
            }
        } else {
            None
        };
        if let Some((n, k)) = half {
            if self.kw(k, Kw::Of) {
                if let Some(y) = self.year_at(k + 1).map(|(y, e)| (Some(y), e)).or_else(|| {
                    (self.kw(k + 1, Kw::The)
                        && self.w(k + 2)
                            == (W::Unit {
                                u: Unit::Year,
                                plural: false,
                            }))
                    .then_some((self.dct.map(|d| d.year()), k + 3))
                }) {
                    let v = match y.0 {
                        Some(y) => format!("{y:04}-H{n}"),
                        None => format!("XXXX-H{n}"),
                    };
                    return hit(i, y.1, DATE, Some(v));
                }
            }
        }
        // "the latest period": the quarter under discussion.
        if self.kw(j, Kw::Latest) && self.is(j + 1, "period") {
            return self.the_quarter(i, j + 2);
        }
        match (t.kind, t.w) {
            (
                _,
                W::K(
                    k @ (Kw::Past
                    | Kw::Last
                    | Kw::Next
                    | Kw::Coming
                    | Kw::Previous
                    | Kw::Following
                    | Kw::This),
                ),
            ) => self.relative(i, j, k),
            (_, W::Ord(n)) => {
                // "the first nine months", "the first two years"
                if let Some((a, u, _, e)) = self.amount_unit(j + 1) {
                    if !matches!(self.w(j + 1), W::K(Kw::A)) {
                        return hit(i, e, DURATION, Some(Self::duration_value(a, u)));
                    }
                }
                let _ = n;
                self.quarter(i, j, None)
            }
            (_, W::K(Kw::Fiscal)) => self.quarter(i, j + 1, None).map(|h| Hit { s: i, ..h }),
            (
                _,
                W::Unit {
                    u: Unit::Year,
                    plural: false,
                },
            ) => self.year_ago_adj(i, j).or_else(|| self.the_year(i, j)),
            (
                _,
                W::Unit {
                    u: Unit::Quarter,
                    plural: false,
                },
            ) => self.the_quarter(i, j + 1),
            (_, W::K(Kw::Latest)) => {
                if self.w(j + 1)
                    == (W::Unit {
                        u: Unit::Quarter,
                        plural: false,
                    })
                {
                    return self.the_quarter(i, j + 2);
                }
                if let Some((a, u, _, e)) = self.amount_unit(j + 1) {
                    return hit(i, e, DURATION, Some(Self::duration_value(a, u)));
                }
                None
            }
            (Kind::Num, _) => {
                if let Some(h) = self.century(j) {
                    return hit(i, h.e, h.label, h.value);
                }
                if let Some(h) = self.year(j) {
                    if h.value.as_deref().is_some_and(|v| v.len() == 3) {
                        return hit(i, h.e, h.label, h.value);
                    }
                    return None;
                }
                // "the nine months", "the 12 months"; not "the 14-day" (adjectival).
                let (a, u, hyph, e) = self.amount_unit(j)?;
                if hyph {
                    return None;
                }
                hit(i, e, DURATION, Some(Self::duration_value(a, u)))
            }
            (_, W::Num(_)) => {
                let (a, u, hyph, e) = self.amount_unit(j)?;
                if hyph {
                    return None;
                }
                hit(i, e, DURATION, Some(Self::duration_value(a, u)))
            }
            (_, W::Decade(d)) => hit(i, j + 1, DATE, Some(format!("19{d}"))),
            (Kind::Punct, _) => self.decade_short(j).map(|h| Hit { s: i, ..h }),
            (_, W::K(Kw::Future)) => hit(i, j + 1, DATE, Some("FUTURE_REF".into())),
            (_, W::K(Kw::Present)) => {
                if i > 0 && self.kw(i - 1, Kw::At) {
                    return None;
                }
                None
            }
            (_, W::K(Kw::Weekend)) => {
                self.relative(i, i, Kw::This).filter(|_| false).or_else(|| {
                    let v = self.dct.map(|dct| {
                        let sat = resolve::weekday(dct, 6, Pick::Tense(self.tense(i, j + 1)));
                        format!("{}-WE", resolve::week(sat))
                    });
                    hit(i, j + 1, DATE, v)
                })
            }
            (_, W::K(Kw::End | Kw::Beginning | Kw::Start)) | (_, W::K(Kw::Mid)) => {
                if !self.kw(j + 1, Kw::Of) {
                    return None;
                }
                let k = j + 2;
                let inner = match self.w(k) {
                    W::K(Kw::The) => match self.w(k + 1) {
                        W::Unit { u, plural: false } => Some(Hit {
                            s: k,
                            e: k + 2,
                            label: DATE,
                            value: self.this_unit(u),
                            ..Default::default()
                        }),
                        _ => self.the(k),
                    },
                    W::K(kk @ (Kw::This | Kw::Next | Kw::Last)) => self.relative(k, k, kk),
                    W::Month { .. } => self.month(k),
                    _ if self.num(k).is_some() => self.year(k),
                    _ => None,
                }?;
                if inner.s != k || inner.label != DATE {
                    return None;
                }
                hit(i, inner.e, DATE, inner.value)
            }
            (_, W::Season(se)) => {
                if let Some(h) = self.season(j).filter(|h| h.e > j + 1) {
                    return hit(i, h.e, DATE, h.value);
                }
                let e = j + 1;
                let v = match self.dct {
                    Some(d) => format!("{:04}-{}", d.year(), se.code()),
                    None => format!("XXXX-{}", se.code()),
                };
                hit(i, e, DATE, Some(v))
            }
            _ => None,
        }
    }

    /// "the year" (token `j`): "the year 2000", "the year two thousand"; "the year ended
    /// Sept. 30" (a twelve-month period: a duration); otherwise the year under discussion,
    /// the DCT's.
    fn the_year(&self, s: usize, j: usize) -> Option<Hit> {
        if self.w(j)
            != (W::Unit {
                u: Unit::Year,
                plural: false,
            })
        {
            return None;
        }
        if let Some((y, e)) = self.year_at(j + 1) {
            return hit(s, e, DATE, Some(format!("{y:04}")));
        }
        // Not "the year's", "the year-ago", "the year before".
        if self.adj(j + 1) && (self.punct(j + 1, b'\'') || self.punct(j + 1, b'-')) {
            return None;
        }
        if self.is(j + 1, "ended") || self.is(j + 1, "ending") || self.is(j + 1, "through") {
            return hit(s, j + 1, DURATION, Some("P1Y".into()));
        }
        if matches!(
            self.w(j + 1),
            W::K(Kw::Before | Kw::After | Kw::Earlier | Kw::Later | Kw::Ago)
        ) || self.is(j + 1, "when")
            || self.is(j + 1, "of")
        {
            return None;
        }
        hit(s, j + 1, DATE, self.this_unit(Unit::Year))
    }
}
