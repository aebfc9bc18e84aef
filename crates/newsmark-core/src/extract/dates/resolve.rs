//! Calendar arithmetic for TIMEX3 values (all through chrono; never a clock).

use super::lex::{Part, Unit};
use chrono::{Datelike, Months, NaiveDate, Weekday};

/// Which way the sentence around an expression points in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tense {
    Past,
    Future,
    Unknown,
}

/// `YYYY-MM-DD`.
pub(crate) fn day(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// A part of a day, `YYYY-MM-DDTMO` ("Tuesday morning").
pub(crate) fn day_part(d: NaiveDate, p: Part) -> String {
    format!("{}T{}", day(d), p.code())
}

/// ISO week `YYYY-Www`.
pub(crate) fn week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

/// `YYYY-MM`.
pub(crate) fn month(y: i32, m: u32) -> String {
    format!("{y:04}-{m:02}")
}

/// `YYYY-Qn` of a date.
pub(crate) fn quarter(d: NaiveDate) -> String {
    format!("{:04}-Q{}", d.year(), (d.month0() / 3) + 1)
}

/// The value of `d` at the granularity of `unit`.
pub(crate) fn at_granularity(d: NaiveDate, unit: Unit) -> String {
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => day(d),
        Unit::Week => week(d),
        Unit::Month => month(d.year(), d.month()),
        Unit::Quarter => quarter(d),
        Unit::Year => format!("{:04}", d.year()),
        Unit::Decade => format!("{:03}", d.year().div_euclid(10)),
        Unit::Century => format!("{:02}", d.year().div_euclid(100)),
    }
}

/// `d` moved by `n` units (negative: back), or `None` if out of range.
pub(crate) fn shift(d: NaiveDate, n: i64, unit: Unit) -> Option<NaiveDate> {
    let months = |k: i64| -> Option<NaiveDate> {
        let k32 = u32::try_from(k.unsigned_abs()).ok()?;
        if k >= 0 {
            d.checked_add_months(Months::new(k32))
        } else {
            d.checked_sub_months(Months::new(k32))
        }
    };
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour => Some(d),
        Unit::Day => d.checked_add_signed(chrono::TimeDelta::try_days(n)?),
        Unit::Week => d.checked_add_signed(chrono::TimeDelta::try_days(n.checked_mul(7)?)?),
        Unit::Month => months(n),
        Unit::Quarter => months(n.checked_mul(3)?),
        Unit::Year => months(n.checked_mul(12)?),
        Unit::Decade => months(n.checked_mul(120)?),
        Unit::Century => months(n.checked_mul(1200)?),
    }
}

/// The weekday number 1 (Monday) … 7 (Sunday) as chrono's `Weekday`.
fn weekday_of(n: u32) -> Weekday {
    match n {
        1 => Weekday::Mon,
        2 => Weekday::Tue,
        3 => Weekday::Wed,
        4 => Weekday::Thu,
        5 => Weekday::Fri,
        6 => Weekday::Sat,
        _ => Weekday::Sun,
    }
}

/// Which occurrence of a weekday is meant relative to the DCT.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pick {
    /// By tense: past → the latest one on or before the DCT, future → the first on or
    /// after it, unknown → the nearest one (ties go to the past).
    Tense(Tense),
    /// `last Tuesday`: strictly before the DCT.
    Before,
    /// `next Tuesday`: strictly after the DCT.
    After,
}

/// The date of weekday `wd` (1 = Monday) relative to `dct`.
pub(crate) fn weekday(dct: NaiveDate, wd: u32, pick: Pick) -> NaiveDate {
    let target = weekday_of(wd).num_days_from_monday() as i64;
    let now = dct.weekday().num_days_from_monday() as i64;
    let back = (now - target).rem_euclid(7); // days back to the latest one on/before dct
    let fwd = (target - now).rem_euclid(7); // days forward to the first one on/after dct
    let off = match pick {
        Pick::Before => -(if back == 0 { 7 } else { back }),
        Pick::After => {
            if fwd == 0 {
                7
            } else {
                fwd
            }
        }
        Pick::Tense(Tense::Past) => -back,
        Pick::Tense(Tense::Future) => fwd,
        Pick::Tense(Tense::Unknown) => {
            if back <= fwd {
                -back
            } else {
                fwd
            }
        }
    };
    dct.checked_add_signed(chrono::TimeDelta::days(off))
        .unwrap_or(dct)
}

/// The year of a month (and day) named without one: the occurrence nearest the DCT that
/// agrees with the tense (past → not after the DCT, future → not before it), unless the
/// nearest occurrence overall is much nearer; without a tense, the nearest with future
/// distances doubled.
/// How many times further than the nearest occurrence a tense-agreeing month (without a
/// day) may lie: a whole month named alone follows its tense further than "Jan. 14".
const REACH: i64 = 5;
pub(crate) fn year_for(dct: NaiveDate, m: u32, d: Option<u32>, tense: Tense) -> Option<i32> {
    year_within(dct, m, d, tense, false)
}

/// Like [`year_for`], but a tense told by the clause's own verb ("changed to a calendar
/// year in December") is followed however far the agreeing occurrence lies.
pub(crate) fn year_for_clear(dct: NaiveDate, m: u32, d: Option<u32>, tense: Tense) -> Option<i32> {
    year_within(dct, m, d, tense, true)
}

fn year_within(dct: NaiveDate, m: u32, d: Option<u32>, tense: Tense, clear: bool) -> Option<i32> {
    let y = dct.year();
    let mut best: Option<(i64, i32)> = None;
    let mut any: Option<(i64, i32)> = None;
    let mut unk: Option<(i64, i32)> = None;
    for cy in [y - 1, y, y + 1] {
        let (lo, hi) = match d {
            Some(d) => {
                let x = NaiveDate::from_ymd_opt(cy, m, d)?;
                (x, x)
            }
            None => {
                let lo = NaiveDate::from_ymd_opt(cy, m, 1)?;
                let hi = lo.checked_add_months(Months::new(1))?.pred_opt()?;
                (lo, hi)
            }
        };
        // Distance from the DCT to the nearest day of the period (0 when inside).
        let dist = if dct < lo {
            (lo - dct).num_days()
        } else if dct > hi {
            (dct - hi).num_days()
        } else {
            0
        };
        let ok = match tense {
            Tense::Past => lo <= dct,
            Tense::Future => hi >= dct,
            Tense::Unknown => true,
        };
        if any.is_none_or(|(b, _)| dist < b) {
            any = Some((dist, cy));
        }
        // Without a tense, news dates lean to the past: a future occurrence counts
        // double its distance (measured on TimeBank: 1x and 3x are both worse).
        if tense == Tense::Unknown {
            let wd = if lo > dct { dist * 2 } else { dist };
            if unk.is_none_or(|(b, _)| wd < b) {
                unk = Some((wd, cy));
            }
        }
        if ok && best.is_none_or(|(b, _)| dist < b) {
            best = Some((dist, cy));
        }
    }
    // Tense words are a noisy guide: a tense-agreeing year far further away than the
    // nearest occurrence loses to it ("said ... by Jan. 14" in a Jan. 6 article).
    let reach = if d.is_some() { 3 } else { REACH };
    if let Some((_, y)) = unk {
        return Some(y);
    }
    match (best, any) {
        (Some((bd, by)), Some((ad, _))) if clear || bd <= reach * ad + 30 => Some(by),
        (_, Some((_, ay))) => Some(ay),
        (b, None) => b.map(|(_, y)| y),
    }
}

/// Easter Sunday of year `y` (the anonymous Gregorian computus).
pub(crate) fn easter(y: i32) -> Option<NaiveDate> {
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(y, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// The date of holiday `h` in year `y`; `eve` for its eve (Christmas Eve, New Year's Eve).
pub(crate) fn holiday(h: super::lex::Hol, y: i32, eve: bool) -> Option<NaiveDate> {
    use super::lex::Hol;
    let nth = |m: u32, wd: Weekday, n: u8| NaiveDate::from_weekday_of_month_opt(y, m, wd, n);
    let d = match h {
        Hol::Christmas => NaiveDate::from_ymd_opt(y, 12, 25),
        Hol::NewYear if eve => return NaiveDate::from_ymd_opt(y, 12, 31),
        Hol::NewYear => NaiveDate::from_ymd_opt(y, 1, 1),
        Hol::Halloween => NaiveDate::from_ymd_opt(y, 10, 31),
        Hol::Independence => NaiveDate::from_ymd_opt(y, 7, 4),
        Hol::Veterans => NaiveDate::from_ymd_opt(y, 11, 11),
        Hol::Valentine => NaiveDate::from_ymd_opt(y, 2, 14),
        Hol::Thanksgiving => nth(11, Weekday::Thu, 4),
        Hol::Labor => nth(9, Weekday::Mon, 1),
        Hol::Memorial => {
            let last = NaiveDate::from_ymd_opt(y, 5, 31)?;
            let back = i64::from(last.weekday().num_days_from_monday());
            last.checked_sub_signed(chrono::TimeDelta::days(back))
        }
        Hol::Election => nth(11, Weekday::Mon, 1)?.checked_add_signed(chrono::TimeDelta::days(1)),
        Hol::Easter => easter(y),
    }?;
    if eve {
        d.pred_opt()
    } else {
        Some(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn weekdays_follow_tense() {
        let mon = d(2025, 9, 1); // a Monday
        let fri = 5;
        assert_eq!(weekday(mon, fri, Pick::Tense(Tense::Past)), d(2025, 8, 29));
        assert_eq!(weekday(mon, fri, Pick::Tense(Tense::Future)), d(2025, 9, 5));
        assert_eq!(
            weekday(mon, fri, Pick::Tense(Tense::Unknown)),
            d(2025, 8, 29)
        );
        assert_eq!(weekday(mon, 1, Pick::Tense(Tense::Past)), mon);
        assert_eq!(weekday(mon, 1, Pick::Before), d(2025, 8, 25));
        assert_eq!(weekday(mon, 1, Pick::After), d(2025, 9, 8));
        assert_eq!(weekday(mon, 3, Pick::Tense(Tense::Unknown)), d(2025, 9, 3));
    }

    #[test]
    fn years_of_month_days_follow_tense() {
        let dct = d(2025, 9, 1);
        assert_eq!(year_for(dct, 8, Some(15), Tense::Past), Some(2025));
        assert_eq!(year_for(dct, 9, Some(4), Tense::Future), Some(2025));
        // Three days ahead beats a year back even in a past-tense sentence.
        assert_eq!(year_for(dct, 9, Some(4), Tense::Past), Some(2025));
        assert_eq!(year_for(dct, 12, Some(20), Tense::Past), Some(2024));
        assert_eq!(year_for(dct, 12, Some(20), Tense::Unknown), Some(2025));
        // Six months either way, no tense: the past one.
        assert_eq!(
            year_for(d(1998, 2, 6), 8, Some(6), Tense::Unknown),
            Some(1997)
        );
        assert_eq!(year_for(dct, 1, Some(5), Tense::Future), Some(2026));
        assert_eq!(
            year_for(d(2025, 1, 5), 12, Some(20), Tense::Unknown),
            Some(2024)
        );
        assert_eq!(year_for(dct, 2, Some(30), Tense::Unknown), None);
        assert_eq!(year_for(dct, 9, None, Tense::Past), Some(2025));
    }

    #[test]
    fn holidays_follow_their_calendar_rules() {
        use crate::extract::dates::lex::Hol;
        assert_eq!(easter(2000), Some(d(2000, 4, 23)));
        assert_eq!(easter(2024), Some(d(2024, 3, 31)));
        assert_eq!(easter(2025), Some(d(2025, 4, 20)));
        assert_eq!(
            holiday(Hol::Thanksgiving, 1999, false),
            Some(d(1999, 11, 25))
        );
        assert_eq!(holiday(Hol::Election, 1998, false), Some(d(1998, 11, 3)));
        assert_eq!(holiday(Hol::Election, 2026, false), Some(d(2026, 11, 3)));
        assert_eq!(holiday(Hol::Memorial, 2025, false), Some(d(2025, 5, 26)));
        assert_eq!(holiday(Hol::Labor, 2025, false), Some(d(2025, 9, 1)));
        assert_eq!(holiday(Hol::Christmas, 2025, true), Some(d(2025, 12, 24)));
        assert_eq!(holiday(Hol::NewYear, 2025, true), Some(d(2025, 12, 31)));
    }

    #[test]
    fn shifts_and_formats() {
        let dct = d(2025, 9, 1);
        assert_eq!(week(dct), "2025-W36");
        assert_eq!(quarter(dct), "2025-Q3");
        assert_eq!(
            at_granularity(shift(dct, -2, Unit::Week).unwrap(), Unit::Week),
            "2025-W34"
        );
        assert_eq!(
            at_granularity(shift(dct, -1, Unit::Month).unwrap(), Unit::Month),
            "2025-08"
        );
        assert_eq!(
            at_granularity(shift(dct, -1, Unit::Decade).unwrap(), Unit::Decade),
            "201"
        );
        assert_eq!(
            day(shift(d(2024, 3, 31), -1, Unit::Month).unwrap()),
            "2024-02-29"
        );
        assert!(shift(dct, i64::MAX, Unit::Year).is_none());
    }
}
