//! Document creation time (DCT) detection from the top of a pasted article.

use crate::span::Span;
use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

/// A DCT found in the text, with the byte span of the dateline that gave it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DetectedDct {
    /// The document date.
    pub date: NaiveDate,
    /// Byte span of the date expression in the dateline (not annotated as a span).
    pub span: Span,
}

/// How far into the text a dateline may stand.
const HEAD: usize = 400;

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        \A\s*(?:date[:\s]\s*|dated\s+|published[:\s]\s*(?:on\s+)?)?
        (?P<iso>(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2}))(?:[T\s]\d{2}:\d{2}(?::\d{2})?Z?)?\b
        ",
    )
    .expect("dateline regex")
});

/// Finds the document date in the first lines of `text`, if it carries one.
pub fn detect(text: &str) -> Option<DetectedDct> {
    let mut head_end = text.len().min(HEAD);
    while !text.is_char_boundary(head_end) {
        head_end -= 1;
    }
    let head = &text[..head_end];
    let c = DATELINE.captures(head)?;
    let iso = c.name("iso")?;
    let date = NaiveDate::from_ymd_opt(
        c["y"].parse().ok()?,
        c["m"].parse().ok()?,
        c["d"].parse().ok()?,
    )?;
    Some(DetectedDct { date, span: Span::new(iso.start(), iso.end()) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_sample_dateline() {
        let text = " date 2025-09-01 President Volodymyr Zelensky plans";
        let d = detect(text).unwrap();
        assert_eq!(d.date, NaiveDate::from_ymd_opt(2025, 9, 1).unwrap());
        assert_eq!(&text[d.span.start..d.span.end], "2025-09-01");
    }

    #[test]
    fn reads_a_leading_iso_date_and_refuses_impossible_ones() {
        assert!(detect("2024-02-29 Leap day news").is_some());
        assert!(detect("2023-02-29 Not a date").is_none());
        assert!(detect("Nothing here 2025-09-01").is_none());
    }
}
