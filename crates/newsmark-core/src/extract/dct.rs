//! Document creation time (DCT) detection from the top of a pasted article.

use crate::span::{Byte, Span};
use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

/// A DCT found in the text, with the byte span of the dateline that gave it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DetectedDct {
    /// The document date.
    pub date: NaiveDate,
    /// Byte span of the date expression in the dateline (not annotated as a span).
    pub span: Span<Byte>,
}

/// Reads a document date written as `YYYY-MM-DD` — exactly that: four digits of a year
/// from 0001 to 9999, two of a month, two of a day, a real calendar date — and nothing
/// else (no sign, no five-digit year, no time, no spaces). The one date parser of every
/// door that takes a date from outside: the JS API, the CLI, the importers.
pub fn parse_iso_date(s: &str) -> Result<NaiveDate, String> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    let bad = || format!("“{s}” is not a YYYY-MM-DD date");
    if !shape {
        return Err(bad());
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
    let (y, m, d) = (num(0..4), num(5..7), num(8..10));
    if y == 0 {
        return Err(bad());
    }
    NaiveDate::from_ymd_opt(y as i32, m, d).ok_or_else(bad)
}

/// How far into the text a dateline may stand.
const HEAD: usize = 400;

/// Month names and abbreviations, as a regex alternation.
const MONTH: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";

/// A written date: "Sept. 1, 2025", "September 1 2025", "1 September 2025", with an
/// optional weekday before it. Groups: `md_m md_d md_y` or `dm_d dm_m dm_y`.
fn written(y_optional: bool) -> String {
    let y = if y_optional {
        r"(?:,?\s+(?P<md_y>\d{4}))?"
    } else {
        r",?\s+(?P<md_y>\d{4})"
    };
    format!(
        r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:(?P<md_m>{MONTH})\s+(?P<md_d>\d{{1,2}})(?:st|nd|rd|th)?{y}|(?P<dm_d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<dm_m>{MONTH}),?\s+(?P<dm_y>\d{{4}}))\b"
    )
}

/// A leading ISO date, optionally after a `date`/`published` label.
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        \A\s*(?:date[:\s]\s*|dated\s+|(?:published|posted|updated)[:\s]\s*(?:on\s+)?)?
        (?P<iso>(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2}))(?:[T\s]\d{2}:\d{2}(?::\d{2})?Z?)?\b
        ",
    )
    .expect("dateline regex")
});

/// A written date that opens the text, or follows a `Published`/`Updated`/`Date` label
/// at the start of one of the first lines.
static WRITTEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:\A\s*|(?m:^)[ \t]*(?:date|dated|published|posted|updated|first published)(?::|\s)\s*(?:on\s+)?)(?P<date>{})",
        written(false)
    ))
    .expect("written dateline regex")
});

/// A wire dateline: "LONDON, Sept 1 (Reuters) -", "WASHINGTON, Sept. 1, 2025 (AP) —", or
/// without the place: "Dec 5 (Reuters) -".
static WIRE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?m)^[ \t]*(?:\p{{Lu}}[\p{{Lu}} .'-]+(?:,\s*[\p{{L}}. ]+)?,\s+)?(?i:(?P<date>{}))\s*\([^)\n]{{1,40}}\)\s*[-–—]",
        written(true)
    ))
    .expect("wire dateline regex")
});

/// A place in capitals and an ISO date at the start of a line: "MOSCOW 1996-12-06",
/// "PARIS, 2025-09-01 14:30".
static PLACE_ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?m)^[ \t]*\p{Lu}[\p{Lu} .'-]*\p{Lu},?[ \t]+(?P<iso>(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2}))(?:[T ]\d{2}:\d{2}(?::\d{2})?)?\b",
    )
    .expect("place-iso dateline regex")
});

/// A line of the head that holds a full written date and nothing else but a time ("Dec.
/// 5, 2020", "Saturday, 5 December 2020 14:03 GMT"): the date line above a wire story.
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?im)^[ \t]*(?P<date>{})(?:,?[ \t]+(?:at[ \t]+)?\d{{1,2}}[:.]\d{{2}}(?:[ \t]*[ap]\.?m\.?)?(?:[ \t]+[a-z]{{2,5}})?)?[ \t]*\r?$",
        written(false)
    ))
    .expect("date line regex")
});

/// A full date anywhere in the text ("on Dec. 4, 2020"), which gives a wire dateline
/// without a year its year when the months agree.
static STATED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)\b{}", written(false))).expect("stated date regex"));

/// A year stated in the head apart from a wire dateline ("© 2025", "Published ... 2025").
static HEAD_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?im)(?:©|\(c\)|copyright|published|updated|posted)[^\n]{0,40}?\b(?P<y>(?:19|20)\d{2})\b",
    )
    .expect("head year regex")
});

fn month_number(m: &str) -> Option<u32> {
    let m = m.trim_end_matches('.').to_ascii_lowercase();
    let n = match m.get(..3)? {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(n)
}

/// The date of a `written` match, with `year` used when the match has none.
fn written_date(c: &regex::Captures<'_>, year: Option<i32>) -> Option<NaiveDate> {
    let (m, d, y) = match (c.name("md_m"), c.name("dm_m")) {
        (Some(m), _) => (m, c.name("md_d")?, c.name("md_y")),
        (None, Some(m)) => (m, c.name("dm_d")?, c.name("dm_y")),
        _ => return None,
    };
    let y = match y {
        Some(y) => y.as_str().parse().ok()?,
        None => year?,
    };
    NaiveDate::from_ymd_opt(y, month_number(m.as_str())?, d.as_str().parse().ok()?)
}

/// Compiles the dateline patterns ahead of use, one per step (a step each takes tens of
/// milliseconds in wasm at start-up, so a page runs them in tasks of their own).
pub const PREPARE: [fn(); 7] = [
    || {
        LazyLock::force(&ISO);
    },
    || {
        LazyLock::force(&WRITTEN);
    },
    || {
        LazyLock::force(&WIRE);
    },
    || {
        LazyLock::force(&PLACE_ISO);
    },
    || {
        LazyLock::force(&DATE_LINE);
    },
    || {
        LazyLock::force(&STATED);
    },
    || {
        LazyLock::force(&HEAD_YEAR);
    },
];

/// Finds the document date in the first lines of `text`, if it carries one: a leading ISO
/// date (` date 2025-09-01`), a written date that opens the text or follows a
/// `Published`/`Updated` label, or a wire dateline ("LONDON, Sept 1 (Reuters) -") when its
/// year is known. Never guesses a year.
pub fn detect(text: &str) -> Option<DetectedDct> {
    let mut head_end = text.len().min(HEAD);
    while !text.is_char_boundary(head_end) {
        head_end -= 1;
    }
    let head = &text[..head_end];
    if let Some(c) = ISO.captures(head) {
        let iso = c.name("iso")?;
        let date = NaiveDate::from_ymd_opt(
            c["y"].parse().ok()?,
            c["m"].parse().ok()?,
            c["d"].parse().ok()?,
        );
        // An impossible leading date is no dateline, and nothing else is tried.
        return date.map(|date| DetectedDct {
            date,
            span: Span::new(iso.start(), iso.end()),
        });
    }
    if let Some(c) = WRITTEN.captures(head) {
        let m = c.name("date")?;
        if let Some(date) = written_date(&c, None) {
            return Some(DetectedDct {
                date,
                span: Span::new(m.start(), m.end()),
            });
        }
    }
    if let Some(c) = PLACE_ISO.captures(head) {
        let iso = c.name("iso")?;
        if let Some(date) = NaiveDate::from_ymd_opt(
            c["y"].parse().ok()?,
            c["m"].parse().ok()?,
            c["d"].parse().ok()?,
        ) {
            return Some(DetectedDct {
                date,
                span: Span::new(iso.start(), iso.end()),
            });
        }
    }
    if let Some(c) = DATE_LINE.captures(head) {
        let m = c.name("date")?;
        if let Some(date) = written_date(&c, None) {
            return Some(DetectedDct {
                date,
                span: Span::new(m.start(), m.end()),
            });
        }
    }
    if let Some(c) = WIRE.captures(head) {
        let m = c.name("date")?;
        let year = HEAD_YEAR
            .captures(head)
            .and_then(|y| y["y"].parse().ok())
            .or_else(|| stated_year(text, &c));
        let date = written_date(&c, year)?;
        return Some(DetectedDct {
            date,
            span: Span::new(m.start(), m.end()),
        });
    }
    None
}

/// Where the document date was taken from, for the page to say: the dateline's line as it
/// stands in the text, trimmed (at most 80 characters), e.g. "MOSCOW 1996-12-06" or
/// "Dec 5 (Reuters) -".
pub fn dateline_source(text: &str, found: &DetectedDct) -> String {
    let start = text[..found.span.start].rfind('\n').map_or(0, |k| k + 1);
    let end = text[found.span.end..]
        .find('\n')
        .map_or(text.len(), |k| found.span.end + k);
    let line = text[start..end].trim();
    match line.char_indices().nth(80) {
        Some((k, _)) => format!("{}…", &line[..k]),
        None => line.to_string(),
    }
}

/// The year of the first full date the text states in the month of a wire dateline
/// without a year ("Dec 5 (Reuters) - ... talks on Dec. 3, 2020"); none when no stated
/// date is in that month, for the year is never guessed.
fn stated_year(text: &str, wire: &regex::Captures<'_>) -> Option<i32> {
    let month = month_number(wire.name("md_m").or(wire.name("dm_m"))?.as_str())?;
    // The first 64 KB: a stated date is near the top of a story, and a long text costs
    // no more than a short one.
    let mut end = text.len().min(64 * 1024);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    STATED.captures_iter(&text[..end]).find_map(|c| {
        let m = c.name("md_m").or(c.name("dm_m"))?;
        let y = c.name("md_y").or(c.name("dm_y"))?;
        (month_number(m.as_str())? == month)
            .then(|| y.as_str().parse().ok())
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_are_read_strictly() {
        assert_eq!(
            parse_iso_date("2025-09-01"),
            Ok(NaiveDate::from_ymd_opt(2025, 9, 1).unwrap())
        );
        assert!(parse_iso_date("0001-01-01").is_ok());
        assert!(parse_iso_date("9999-12-31").is_ok());
        for bad in [
            "-0001-01-01",
            "+12345-01-01",
            "-262143-01-01",
            "0000-01-01",
            "2025-02-30",
            "2025-13-01",
            "2025-9-1",
            " 2025-09-01",
            "2025-09-01T00:00",
            "２０２５-09-01",
            "",
        ] {
            assert_eq!(
                parse_iso_date(bad),
                Err(format!("“{bad}” is not a YYYY-MM-DD date")),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn reads_the_sample_dateline() {
        let text = " date 2025-09-01 President Volodymyr Zelensky plans";
        let d = detect(text).unwrap();
        assert_eq!(d.date, NaiveDate::from_ymd_opt(2025, 9, 1).unwrap());
        assert_eq!(&text[d.span], "2025-09-01");
    }

    #[test]
    fn reads_a_leading_iso_date_and_refuses_impossible_ones() {
        assert!(detect("2024-02-29 Leap day news").is_some());
        assert!(detect("2023-02-29 Not a date").is_none());
        assert!(detect("Nothing here 2025-09-01").is_none());
    }

    #[test]
    fn reads_written_and_wire_datelines() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
        let cases: &[(&str, Option<NaiveDate>, &str)] = &[
            (
                "Published Sept. 1, 2025\nParis talks",
                d(2025, 9, 1),
                "Sept. 1, 2025",
            ),
            (
                "Talks in Paris\nPublished: September 1, 2025 10:00 BST\n",
                d(2025, 9, 1),
                "September 1, 2025",
            ),
            (
                "September 1, 2025\nPresident Zelensky",
                d(2025, 9, 1),
                "September 1, 2025",
            ),
            (
                "Monday, 1 September 2025 — Kyiv",
                d(2025, 9, 1),
                "Monday, 1 September 2025",
            ),
            ("Updated on Aug 15 2024", d(2024, 8, 15), "Aug 15 2024"),
            (
                "LONDON, Sept. 1, 2025 (Reuters) - Oil rose",
                d(2025, 9, 1),
                "Sept. 1, 2025",
            ),
            (
                "© 2025 Reuters\nLONDON, Sept 1 (Reuters) - Oil rose",
                d(2025, 9, 1),
                "Sept 1",
            ),
            ("WASHINGTON, D.C., Aug 18 (AP) — The summit", None, ""),
            ("LONDON, Sept 1 (Reuters) - Oil rose", None, ""),
            // The datelines people paste.
            (
                "MOSCOW 1996-12-06 Russia said",
                d(1996, 12, 6),
                "1996-12-06",
            ),
            (
                "Talks stall\nDecember 5, 2020\nWASHINGTON (Reuters) - Talks stalled",
                d(2020, 12, 5),
                "December 5, 2020",
            ),
            (
                "Talks stall\nSaturday, 5 December 2020 14:03 GMT\nWASHINGTON (Reuters) -",
                d(2020, 12, 5),
                "Saturday, 5 December 2020",
            ),
            (
                "Dec 5 (Reuters) - Talks that began on Dec. 3, 2020 stalled.",
                d(2020, 12, 5),
                "Dec 5",
            ),
            // A stated date in another month tells nothing: the year stays unknown.
            (
                "Dec 5 (Reuters) - The law of March 3, 2019 stays.",
                None,
                "",
            ),
            (
                "Talks stall\nPublished: 5 December 2020\nBy a reporter",
                d(2020, 12, 5),
                "5 December 2020",
            ),
            (
                "2020-12-05T14:30:00+01:00 Talks stalled",
                d(2020, 12, 5),
                "2020-12-05",
            ),
            (
                "Published: 2020-12-05T14:30Z\nTalks stalled",
                d(2020, 12, 5),
                "2020-12-05",
            ),
            // A date inside a sentence is no date line.
            ("Talks\nThey met on December 5, 2020 in Paris.", None, ""),
            ("The talks on September 1, 2025 failed", None, ""),
            ("September 31, 2025\nNo such day", None, ""),
            ("", None, ""),
        ];
        for (text, want, span) in cases {
            let got = detect(text);
            assert_eq!(got.map(|g| g.date), *want, "{text:?}");
            if let Some(g) = got {
                assert_eq!(&text[g.span], *span, "{text:?}");
            }
        }
    }

    #[test]
    fn says_where_the_date_came_from() {
        let text = "Talks stall\nMOSCOW 1996-12-06 Russia said\nMore";
        let d = detect(text).unwrap();
        assert_eq!(dateline_source(text, &d), "MOSCOW 1996-12-06 Russia said");
        let long = format!("2020-12-05 {}", "word ".repeat(40));
        let d = detect(&long).unwrap();
        assert_eq!(dateline_source(&long, &d).chars().count(), 81);
    }

    #[test]
    fn never_panics_on_odd_heads() {
        let long = "é".repeat(500);
        for text in [
            "\u{feff}2025-09-01 x",
            "🇫🇷 Sept 1 (AFP) -",
            &long,
            "\r\n\r\nPublished\r\n",
            "LONDON, 2025",
        ] {
            let _ = detect(text);
        }
    }
}
