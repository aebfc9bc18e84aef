//! Table-driven tests of the time grammar, and the sample article's gold.

use super::*;
use chrono::NaiveDate;

fn dct(y: i32, m: u32, d: u32) -> Context {
    Context {
        dct: NaiveDate::from_ymd_opt(y, m, d),
    }
}

/// (text, label, value) of every mention.
fn run(text: &str, ctx: &Context) -> Vec<(String, String, String)> {
    TimexRecognizer::new()
        .extract(text, ctx)
        .into_iter()
        .map(|m| {
            (
                text[m.span.start..m.span.end].to_string(),
                m.label,
                m.value.unwrap_or_default(),
            )
        })
        .collect()
}

/// Checks that `text` has exactly one mention, with this extent, label and value.
fn one(text: &str, ctx: &Context, extent: &str, label: &str, value: &str) {
    let got = run(text, ctx);
    assert_eq!(
        got,
        vec![(extent.to_string(), label.to_string(), value.to_string())],
        "in {text:?}"
    );
}

/// One expression per sentence: (text, extent, label, value), all with DCT 2025-09-01
/// (a Monday).
const WITH_DCT: &[(&str, &str, &str, &str)] = &[
    // absolute dates
    (
        "They met on Aug. 15 in Alaska.",
        "Aug. 15",
        "DATE",
        "2025-08-15",
    ),
    (
        "Leaders will meet on Sept. 4 in Paris.",
        "Sept. 4",
        "DATE",
        "2025-09-04",
    ),
    (
        "It happened on 4 September 2025.",
        "4 September 2025",
        "DATE",
        "2025-09-04",
    ),
    (
        "It happened on September 4, 2025, in Paris.",
        "September 4, 2025",
        "DATE",
        "2025-09-04",
    ),
    (
        "The filing is dated 2025-09-04.",
        "2025-09-04",
        "DATE",
        "2025-09-04",
    ),
    (
        "The memo of 9/4/25 was leaked.",
        "9/4/25",
        "DATE",
        "2025-09-04",
    ),
    (
        "Prices fell in March 2024.",
        "March 2024",
        "DATE",
        "2024-03",
    ),
    ("Prices fell in 2024.", "2024", "DATE", "2024"),
    ("Growth was fast in the 1990s.", "the 1990s", "DATE", "199"),
    ("Sales rose in Q3.", "Q3", "DATE", "2025-Q3"),
    (
        "Sales rose in the third quarter.",
        "the third quarter",
        "DATE",
        "2025-Q3",
    ),
    (
        "Third-quarter profit rose.",
        "Third-quarter",
        "DATE",
        "2025-Q3",
    ),
    ("He resigned in January.", "January", "DATE", "2025-01"),
    (
        "Talks begin in early October.",
        "early October",
        "DATE",
        "2025-10",
    ),
    ("Output peaked in mid-1990s.", "mid-1990s", "DATE", "199"),
    (
        "It was founded in the 20th century.",
        "the 20th century",
        "DATE",
        "19",
    ),
    // relative dates
    ("He spoke yesterday.", "yesterday", "DATE", "2025-08-31"),
    ("She speaks today.", "today", "DATE", "2025-09-01"),
    ("They vote tomorrow.", "tomorrow", "DATE", "2025-09-02"),
    (
        "He arrived last Tuesday.",
        "last Tuesday",
        "DATE",
        "2025-08-26",
    ),
    ("He arrived on Tuesday.", "Tuesday", "DATE", "2025-08-26"),
    (
        "He will arrive on Tuesday.",
        "Tuesday",
        "DATE",
        "2025-09-02",
    ),
    ("They meet next month.", "next month", "DATE", "2025-10"),
    ("They met last year.", "last year", "DATE", "2024"),
    (
        "It closed two weeks ago.",
        "two weeks ago",
        "DATE",
        "2025-W34",
    ),
    (
        "Sales fell earlier this year.",
        "earlier this year",
        "DATE",
        "2025",
    ),
    ("Talks resume this week.", "this week", "DATE", "2025-W36"),
    ("The deal closed a year ago.", "a year ago", "DATE", "2024"),
    (
        "Rain is due this weekend.",
        "this weekend",
        "DATE",
        "2025-W36-WE",
    ),
    (
        "It reopened in June last year.",
        "June last year",
        "DATE",
        "2024-06",
    ),
    // reference values
    (
        "He is not expected at the moment.",
        "at the moment",
        "DATE",
        "PRESENT_REF",
    ),
    ("Prices are high now.", "now", "DATE", "PRESENT_REF"),
    (
        "She is currently abroad.",
        "currently",
        "DATE",
        "PRESENT_REF",
    ),
    (
        "The army recently attacked.",
        "recently",
        "DATE",
        "PAST_REF",
    ),
    ("They will decide soon.", "soon", "DATE", "FUTURE_REF"),
    (
        "Robots will rule in the future.",
        "the future",
        "DATE",
        "FUTURE_REF",
    ),
    // times
    (
        "The vote starts at 3 p.m. local time.",
        "3 p.m. local time",
        "TIME",
        "2025-09-01T15:00",
    ),
    (
        "The vote starts at 10:30 today.",
        "10:30 today",
        "TIME",
        "2025-09-01T10:30",
    ),
    ("Lunch is at noon.", "noon", "TIME", "2025-09-01T12:00"),
    (
        "The blast came at 10:35 a.m. EST.",
        "10:35 a.m. EST",
        "TIME",
        "2025-09-01T10:35",
    ),
    (
        "They met this morning.",
        "this morning",
        "TIME",
        "2025-09-01TMO",
    ),
    ("He left last night.", "last night", "TIME", "2025-08-31TNI"),
    (
        "He left Tuesday morning.",
        "Tuesday morning",
        "DATE",
        "2025-08-26",
    ),
    (
        "Officials gave them until 9 a.m. Tuesday to sign.",
        "9 a.m. Tuesday",
        "TIME",
        "2025-09-02T09:00",
    ),
    (
        "He could arrive as early as Friday, aides said.",
        "Friday",
        "DATE",
        "2025-09-05",
    ),
    (
        "Trading is to resume in Paris Thursday.",
        "Thursday",
        "DATE",
        "2025-09-04",
    ),
    (
        "She will be named commander for a mission in December.",
        "December",
        "DATE",
        "2025-12",
    ),
    // durations
    (
        "Despite months of talks, nothing moved.",
        "months",
        "DURATION",
        "PXM",
    ),
    ("The war lasted two years.", "two years", "DURATION", "P2Y"),
    ("It took a decade.", "a decade", "DURATION", "P10Y"),
    ("It took three days.", "three days", "DURATION", "P3D"),
    ("He was held for 48 hours.", "48 hours", "DURATION", "PT48H"),
    ("A two-year deal was signed.", "two-year", "DURATION", "P2Y"),
    (
        "Prices rose in the past two months.",
        "the past two months",
        "DURATION",
        "P2M",
    ),
    (
        "Sales rose in the first nine months.",
        "the first nine months",
        "DURATION",
        "P9M",
    ),
    (
        "It lasted more than four hours.",
        "more than four hours",
        "DURATION",
        "PT4H",
    ),
    (
        "It took twenty-four hours.",
        "twenty-four hours",
        "DURATION",
        "PT24H",
    ),
    ("It took 2 1/2 years.", "2 1/2 years", "DURATION", "P2Y6M"),
    ("It took a few days.", "a few days", "DURATION", "PXD"),
    (
        "They waited half an hour.",
        "half an hour",
        "DURATION",
        "PT30M",
    ),
    // sets
    (
        "They meet every Monday.",
        "every Monday",
        "SET",
        "XXXX-WXX-1",
    ),
    ("Flights leave daily.", "daily", "SET", "P1D"),
    (
        "They meet every two years.",
        "every two years",
        "SET",
        "P2Y",
    ),
    ("He calls each month.", "each month", "SET", "P1M"),
    ("Shops close on Sundays.", "Sundays", "SET", "XXXX-WXX-7"),
    // holidays
    (
        "The boy was found on Thanksgiving Day clinging to a tube.",
        "Thanksgiving Day",
        "DATE",
        "2024-11-28",
    ),
    (
        "The pool will reopen on Memorial Day.",
        "Memorial Day",
        "DATE",
        "2026-05-25",
    ),
    (
        "He was rescued last Thanksgiving.",
        "last Thanksgiving",
        "DATE",
        "2024-11-28",
    ),
    (
        "Crowds gathered as Easter week began.",
        "Easter week",
        "DATE",
        "2025-W16",
    ),
    (
        "The vote comes on Election Day 2026.",
        "Election Day 2026",
        "DATE",
        "2026-11-03",
    ),
    (
        "Shops will close on Christmas Eve.",
        "Christmas Eve",
        "DATE",
        "2025-12-24",
    ),
    // years in words (broadcast transcripts)
    (
        "He was convicted in nineteen ninety-one.",
        "nineteen ninety-one",
        "DATE",
        "1991",
    ),
    (
        "Oil hit that level in the winter of nineteen ninety-four.",
        "the winter of nineteen ninety-four",
        "DATE",
        "1994-WI",
    ),
    (
        "January nineteen ninety-seven. Atlanta again.",
        "January nineteen ninety-seven",
        "DATE",
        "1997-01",
    ),
    (
        "He promised to halve it by the year two thousand.",
        "the year two thousand",
        "DATE",
        "2000",
    ),
    // "the year"
    (
        "Sales for the full year rose 13%.",
        "the full year",
        "DATE",
        "2025",
    ),
];

#[test]
fn grammar_table_with_dct() {
    let ctx = dct(2025, 9, 1);
    for (text, extent, label, value) in WITH_DCT {
        one(text, &ctx, extent, label, value);
    }
}

#[test]
fn without_a_dct_values_stay_underspecified() {
    let ctx = Context::default();
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "They met on Sept. 4 in Paris.",
            "Sept. 4",
            "DATE",
            "XXXX-09-04",
        ),
        ("They met on Friday.", "Friday", "DATE", "XXXX-WXX-5"),
        (
            "Prices fell in March 2024.",
            "March 2024",
            "DATE",
            "2024-03",
        ),
        ("It took three days.", "three days", "DURATION", "P3D"),
        ("He resigned in January.", "January", "DATE", "XXXX-01"),
        ("It starts at 3 p.m.", "3 p.m.", "TIME", "XXXX-XX-XXT15:00"),
        // Nothing to resolve against: no value rather than a guess.
        ("He spoke yesterday.", "yesterday", "DATE", ""),
        ("They met last year.", "last year", "DATE", ""),
    ];
    for (text, extent, label, value) in cases {
        one(text, &ctx, extent, label, value);
    }
}

#[test]
fn leaves_non_times_alone() {
    let ctx = dct(2025, 9, 1);
    for text in [
        "The 6-year-old boy was rescued.",
        "He bought 2000 shares for $1,990.",
        "You may go; the troops march on.",
        "Iraq imports about three-quarters of its food.",
        "Mr. Jan Kowalski spoke.",
        "He scored 3:2 and 1.5 points.",
        "The futures market and the current account.",
        "He was 52 years old.",
        "",
    ] {
        assert_eq!(run(text, &ctx), vec![], "in {text:?}");
    }
}

#[test]
fn anaphors_follow_the_story_reference_time() {
    let ctx = dct(2000, 1, 28);
    let got = run(
        "She fled in June 1998 and returned later that year. On May 22, 1995, he was \
         promoted, and the following year he moved. For the year ended Sept. 30, net rose.",
        &ctx,
    );
    let want = [
        ("June 1998", "DATE", "1998-06"),
        ("later that year", "DATE", "1998"),
        ("May 22, 1995", "DATE", "1995-05-22"),
        ("the following year", "DATE", "1996"),
        ("the year", "DURATION", "P1Y"),
        ("Sept. 30", "DATE", "1999-09-30"),
    ];
    let want: Vec<(String, String, String)> = want
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(got, want);
    // Without a date named before it, "that year" has nothing to refer to.
    assert_eq!(run("He left that year.", &ctx), vec![]);
}

#[test]
fn holiday_words_need_their_holiday_form() {
    let ctx = dct(2025, 9, 1);
    for text in [
        "A new year of labor unrest began.",
        "New York and the Labor Party met.",
        "The election day was set; christmas lights were up.",
        "He won nineteen twenty-year-old votes.",
    ] {
        assert_eq!(run(text, &ctx), vec![], "in {text:?}");
    }
}

#[test]
fn resolves_tense_across_the_year_boundary() {
    // A Jan. 6 article: "by Jan. 14" is eight days ahead, "Dec. 20" last month.
    let ctx = dct(2000, 1, 6);
    one(
        "He must be returned by Jan. 14, officials said.",
        &ctx,
        "Jan. 14",
        "DATE",
        "2000-01-14",
    );
    one(
        "The ruling came on Dec. 20.",
        &ctx,
        "Dec. 20",
        "DATE",
        "1999-12-20",
    );
}

#[test]
fn a_month_alone_follows_a_clear_tense_further_than_a_date() {
    // Late October: January is nine months back or two ahead.
    let ctx = dct(1989, 10, 27);
    one(
        "In January, the company brought in a new chief.",
        &ctx,
        "January",
        "DATE",
        "1989-01",
    );
    // "through" a month is a deadline ahead, even after a past verb.
    one(
        "The banks extended loans through January.",
        &ctx,
        "January",
        "DATE",
        "1990-01",
    );
    // "be paid", "a still unspecified": participles, not past reports.
    one(
        "The dividend would be paid on a still unspecified date in January.",
        &ctx,
        "January",
        "DATE",
        "1990-01",
    );
    // Early March: December nine months ahead in a future sentence.
    one(
        "She will be named commander for a mission in December.",
        &dct(1998, 3, 4),
        "December",
        "DATE",
        "1998-12",
    );
}

#[test]
fn a_forecast_quarter_is_not_the_quarter_under_discussion() {
    let ctx = dct(1989, 10, 26);
    let got = run(
        "Net fell in the third quarter. Analysts expect losses through the third quarter \
         of 1990. In the year-ago period, it earned $101 million.",
        &ctx,
    );
    assert_eq!(
        got.last(),
        Some(&(
            "the year-ago period".into(),
            "DATE".into(),
            "1988-Q3".into()
        ))
    );
    // A fiscal fourth quarter that was reported is over, whatever its number.
    let got = run(
        "Ralston reported a decline in fourth-quarter net. Sales in the latest period rose.",
        &dct(1989, 11, 2),
    );
    assert_eq!(
        got.last(),
        Some(&("the latest period".into(), "DATE".into(), "1989-Q4".into()))
    );
}

#[test]
fn last_year_after_a_figure_is_the_quarter_a_year_before() {
    let ctx = dct(1989, 10, 30);
    let got = run(
        "Third-quarter net was $24 million, compared with $3 million last year. \
         Sales for last year's quarter were $3 million. Last year, it moved.",
        &ctx,
    );
    let values: Vec<_> = got.iter().map(|g| (g.0.as_str(), g.2.as_str())).collect();
    assert_eq!(
        values,
        [
            ("Third-quarter", "1989-Q3"),
            ("last year", "1988-Q3"),
            ("last year's quarter", "1988-Q3"),
            ("Last year", "1988"),
        ]
    );
}

#[test]
fn a_weak_future_marker_picks_the_nearer_weekday() {
    // A Wednesday: Thursday is a day ahead, six days back.
    let ctx = dct(1998, 9, 30);
    one(
        "The team planned to leave Nairobi on Thursday.",
        &ctx,
        "Thursday",
        "DATE",
        "1998-10-01",
    );
    one(
        "He would be traveling to the United States Thursday.",
        &ctx,
        "Thursday",
        "DATE",
        "1998-10-01",
    );
    // Monday is two days back, five ahead.
    one(
        "They planned to meet on Monday.",
        &ctx,
        "Monday",
        "DATE",
        "1998-09-28",
    );
    // The marker after the day: the day is past.
    one(
        "On Friday, the government planned to pay the claims.",
        &ctx,
        "Friday",
        "DATE",
        "1998-09-25",
    );
}

#[test]
fn a_tense_after_a_long_subject_still_counts() {
    // A Monday: the verb comes ten words after "On Tuesday".
    one(
        "On Tuesday, the National Abortion and Reproductive Rights Action League plans to \
         hold a news conference.",
        &dct(1998, 10, 26),
        "Tuesday",
        "DATE",
        "1998-10-27",
    );
}

#[test]
fn a_quarter_named_in_contrast_is_not_the_topic() {
    let got = run(
        "Net rose in the third quarter. After a flat second quarter, sales grew. \
         Charges were taken in the year-earlier period.",
        &dct(1989, 11, 1),
    );
    assert_eq!(
        got.last(),
        Some(&(
            "the year-earlier period".into(),
            "DATE".into(),
            "1988-Q3".into()
        ))
    );
}

#[test]
fn effective_names_a_date_ahead() {
    one(
        "The bank also created an office of the chairman, effective Feb. 1.",
        &dct(1989, 10, 26),
        "Feb. 1",
        "DATE",
        "1990-02-01",
    );
}

#[test]
fn year_ago_follows_the_quarter_under_discussion() {
    let ctx = dct(1989, 11, 2);
    let got = run(
        "Net rose in the third quarter from $5 million a year earlier.",
        &ctx,
    );
    assert_eq!(
        got[1],
        ("a year earlier".into(), "DATE".into(), "1988-Q3".into())
    );
}

#[test]
fn a_month_follows_the_clause_verb_however_far() {
    // An October article: the December before, not the one ahead.
    one(
        "The operator changed from a fiscal year to a calendar year in December.",
        &dct(1989, 10, 27),
        "December",
        "DATE",
        "1988-12",
    );
    // A reporting verb or a present passive does not decide so far.
    one(
        "The case is heard in December.",
        &dct(1989, 10, 27),
        "December",
        "DATE",
        "1989-12",
    );
}

#[test]
fn the_day_before_a_named_day() {
    // A Thursday: last Tuesday is Feb 22, the day before it Feb 21.
    one(
        "The day before last Tuesday's hearing, Manuel went to his uncle's home.",
        &dct(2000, 2, 24),
        "day before last Tuesday",
        "DATE",
        "2000-02-21",
    );
    one(
        "They left the day after Tuesday.",
        &dct(2000, 2, 24),
        "day after Tuesday",
        "DATE",
        "2000-02-23",
    );
}

#[test]
fn one_day_after_a_modal_is_the_future() {
    one(
        "Islam will one day be the second largest religion in the country.",
        &dct(1998, 3, 3),
        "one day",
        "DATE",
        "FUTURE_REF",
    );
    one(
        "Shares fell in one day.",
        &dct(1998, 3, 3),
        "one day",
        "DURATION",
        "P1D",
    );
}

#[test]
fn previous_and_following_weekdays_count_from_the_story_day() {
    // A Monday article about Friday's close: the Friday before that one.
    let got = run(
        "London stocks fell Friday, down 4.5% from the previous Friday.",
        &dct(1989, 10, 30),
    );
    assert_eq!(
        got,
        [
            ("Friday".into(), "DATE".into(), "1989-10-27".into()),
            (
                "the previous Friday".into(),
                "DATE".into(),
                "1989-10-20".into()
            ),
        ]
    );
    let got = run(
        "The talks began on Oct. 4; the following Monday they broke down.",
        &dct(1989, 10, 30),
    );
    assert_eq!(
        got[1],
        (
            "the following Monday".into(),
            "DATE".into(),
            "1989-10-09".into()
        )
    );
}

#[test]
fn an_apposition_names_the_year_ago_quarter() {
    let got = run(
        "Net rose in the third quarter. In the comparable year-ago quarter, the second \
         quarter ended Oct. 31, the company had a loss. Results for that quarter included \
         a write-down.",
        &dct(1989, 10, 27),
    );
    let values: Vec<&str> = got.iter().map(|g| g.2.as_str()).collect();
    assert_eq!(
        values,
        ["1989-Q3", "1988-Q2", "1988-Q2", "1988-10-31", "1988-Q2"]
    );
}

#[test]
fn a_weekday_evening_is_a_time_of_that_day() {
    // A Wednesday article.
    one(
        "As of Tuesday evening, the relatives had not answered.",
        &dct(2000, 3, 29),
        "Tuesday evening",
        "TIME",
        "2000-03-28TEV",
    );
}

#[test]
fn last_month_name_is_never_the_month_just_ended() {
    // Written on March 1: the month just ended would be "last month".
    one(
        "Two helicopters crashed last February.",
        &dct(1998, 3, 1),
        "last February",
        "DATE",
        "1997-02",
    );
    one(
        "Two helicopters crashed last January.",
        &dct(1998, 3, 1),
        "last January",
        "DATE",
        "1998-01",
    );
}

#[test]
fn a_meeting_in_the_present_tense_is_ahead() {
    // A Friday article.
    one(
        "He and Arafat meet separately Monday with the Secretary of State.",
        &dct(1998, 5, 1),
        "Monday",
        "DATE",
        "1998-05-04",
    );
    one(
        "They agreed to meet Monday.",
        &dct(1998, 5, 1),
        "Monday",
        "DATE",
        "1998-04-27",
    );
}

#[test]
fn never_panics_and_keeps_the_contract() {
    let ctx = dct(2025, 9, 1);
    let long_line = "on Sept. 4 at 3 p.m. 2025-09-04 ".repeat(400);
    let texts = [
        "😀 Sept. 4 😀 北京 last week\r\nnext Monday\r\n",
        "Sept.",
        "Sept. 99",
        "31/31/31 99:99 p.m. 0000-00-00 9999",
        "the the the last last next",
        "'",
        "a.m",
        "Q",
        "mid-",
        "4th of",
        "12345678901234567890 years",
        "\u{feff}Thursday, April 31",
        &long_line,
    ];
    for text in texts {
        let ms = TimexRecognizer::new().extract(text, &ctx);
        let mut end = 0;
        for m in &ms {
            assert!(m.span.start >= end && m.span.start < m.span.end && m.span.end <= text.len());
            assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
            assert!(crate::extract::labels::is_time(&m.label));
            end = m.span.end;
        }
        let _ = TimexRecognizer::new().extract(text, &Context::default());
    }
    // Every byte prefix of a mixed text (cuts inside words, numbers and emoji).
    let mixed = "Zoë left on Aug. 15, 2025 at 10:30 a.m. — 北京 2 1/2 years 😀 every Monday";
    for (i, _) in mixed.char_indices() {
        let _ = TimexRecognizer::new().extract(&mixed[..i], &ctx);
    }
}

#[test]
fn sample_article_gives_exactly_its_gold_time_spans() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../www/samples/paris-talks-2025-09-01.gold.json"
    );
    let raw = std::fs::read_to_string(path).expect("the sample gold is beside the checkout");
    let gold: serde_json::Value = serde_json::from_str(&raw).unwrap();
    let text = gold["text"].as_str().unwrap();
    let dct_s = gold["dct"].as_str().unwrap();
    // The DCT comes from the dateline, and agrees with the gold's.
    let detected = crate::extract::dct::detect(text).expect("dateline");
    assert_eq!(detected.date.to_string(), dct_s);
    let idx = crate::span::OffsetIndex::new(text);
    let mut want: Vec<(usize, usize, String, String)> = Vec::new();
    for s in gold["spans"].as_array().unwrap() {
        let label = s["label"].as_str().unwrap();
        if crate::extract::labels::is_time(label) {
            let b = idx.bytes_of(Span::new(
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            ));
            want.push((
                b.start,
                b.end,
                label.to_string(),
                s["value"].as_str().unwrap().to_string(),
            ));
        }
    }
    assert_eq!(want.len(), 7);
    let got: Vec<(usize, usize, String, String)> = TimexRecognizer::new()
        .extract(
            text,
            &Context {
                dct: Some(detected.date),
            },
        )
        .into_iter()
        .filter(|m| !m.span.overlaps(&detected.span))
        .map(|m| {
            (
                m.span.start,
                m.span.end,
                m.label,
                m.value.unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(got, want);
}

#[test]
fn plans_as_a_noun_tell_no_tense() {
    // A Monday: the clause's verb is past; "vacation plans" is a noun, not a schedule.
    one(
        "On Friday, when Albright set aside vacation plans for the hastily arranged trip, \
         she cited the attacks.",
        &dct(1998, 8, 17),
        "Friday",
        "DATE",
        "1998-08-14",
    );
    // The verb still points ahead.
    one(
        "The minister plans to visit Nairobi on Friday.",
        &dct(1998, 8, 17),
        "Friday",
        "DATE",
        "1998-08-21",
    );
}

#[test]
fn the_quarter_ended_a_day_is_the_calendar_quarter_of_most_of_its_months() {
    // May to July: mostly the second quarter.
    let got = run(
        "In the quarter ended July 31, Jayark had an average of 5.6 million shares \
         outstanding.",
        &dct(1989, 10, 30),
    );
    assert_eq!(
        got[0],
        ("the quarter".into(), "DATE".into(), "1989-Q2".into())
    );
    // A fiscal quarter named before stays the quarter under discussion.
    let got = run(
        "Earnings soared in the fiscal first quarter. For the quarter ended Sept. 30, \
         Delta posted net income of $133.1 million.",
        &dct(1989, 10, 26),
    );
    assert_eq!(
        got[1],
        ("the quarter".into(), "DATE".into(), "1989-Q1".into())
    );
}

#[test]
fn a_long_sentence_still_has_a_tense() {
    // The verb is far from the month, past "Ala.," (a stop before a comma goes on).
    let got = run(
        "In January, a week after the 25th anniversary of the Roe vs. Wade Supreme Court \
         decision, a clinic bombing in Birmingham, Ala., killed a security guard.",
        &dct(1998, 10, 25),
    );
    assert_eq!(got[0], ("January".into(), "DATE".into(), "1998-01".into()));
    // The only tense marker lies far before the date: "would leave ... from August 6".
    let got = run(
        "It said two new flights would leave Bombay on Monday and Tuesday nights from \
         March 30, with the third departing each Thursday from August 6.",
        &dct(1998, 2, 13),
    );
    assert_eq!(
        got.last(),
        Some(&("August 6".into(), "DATE".into(), "1998-08-06".into()))
    );
}

#[test]
fn a_month_in_an_infinitive_clause_is_not_told_by_the_verb_before() {
    // The acquisition may lie ahead of the announcement: the nearer January is meant.
    one(
        "Banc One announced an agreement to acquire the Peoria, Ill., bank holding company \
         in January.",
        &dct(1989, 11, 2),
        "January",
        "DATE",
        "1990-01",
    );
}

#[test]
fn or_so_belongs_to_the_expression() {
    one(
        "Then, a week or so ago, Gen. Schwarzkopf picked the date.",
        &dct(1991, 2, 25),
        "a week or so ago",
        "DATE",
        "1991-W08",
    );
    one(
        "The plant will be sold in the next two years or so.",
        &dct(1989, 11, 2),
        "the next two years or so",
        "DURATION",
        "P2Y",
    );
}

#[test]
fn a_clear_future_early_in_a_long_sentence_outweighs_a_weak_one_after_the_day() {
    // A Monday: "later in the day" after the weekday does not make it past when the
    // sentence's verb, far before, is "is scheduled to".
    let got = run(
        "Albright, after a 16-hour flight, is scheduled to spend only five hours on the \
         ground in Dar es Salaam, Tanzania, her first stop Tuesday morning, and then about \
         5 1/2 hours in Nairobi, Kenya, later in the day.",
        &dct(1998, 8, 17),
    );
    assert!(
        got.contains(&("Tuesday morning".into(), "DATE".into(), "1998-08-18".into())),
        "{got:?}"
    );
}

#[test]
fn the_next_unit_is_a_date_after_the_reference_or_the_dct() {
    // A forecast: the year after the DCT's.
    one(
        "The plant will be closed over the next year or so, a spokesman said.",
        &dct(1989, 11, 2),
        "the next year or so",
        "DATE",
        "1990",
    );
    // A narrative: the day after the day the story is at.
    let got = run(
        "He was taken to a hospital on Feb. 21. He appeared in court the next day.",
        &dct(2000, 2, 24),
    );
    assert_eq!(
        got[1],
        ("the next day".into(), "DATE".into(), "2000-02-22".into())
    );
}

#[test]
fn a_year_before_to_is_a_year_in_a_range() {
    let got = run(
        "He was found guilty at least twice from 1991 to 1997.",
        &dct(2000, 2, 10),
    );
    assert_eq!(
        got,
        vec![
            ("1991".into(), "DATE".into(), "1991".into()),
            ("1997".into(), "DATE".into(), "1997".into())
        ]
    );
    let got = run(
        "Visitors jumped from fewer than 100,000 in 1980 to more than 300,000.",
        &dct(1998, 9, 7),
    );
    assert_eq!(got, vec![("1980".into(), "DATE".into(), "1980".into())]);
    // Amounts stay amounts.
    assert!(run("It will send from 1500 to 2000 troops.", &dct(1998, 9, 7)).is_empty());
}

#[test]
fn the_near_future_and_an_early_season() {
    one(
        "It may sell the unit through a public offering in the near future.",
        &dct(1989, 11, 1),
        "the near future",
        "DATE",
        "FUTURE_REF",
    );
    one(
        "We don't minimize the challenges of the near term.",
        &dct(1989, 10, 30),
        "the near term",
        "DATE",
        "FUTURE_REF",
    );
    one(
        "Orders have increased from the low levels of the early summer.",
        &dct(1989, 10, 26),
        "the early summer",
        "DATE",
        "1989-SU",
    );
}

#[test]
fn this_past_season_is_the_latest_one_begun() {
    one(
        "Control Data scrapped its ETA supercomputer business this past spring.",
        &dct(1989, 10, 30),
        "this past spring",
        "DATE",
        "1989-SP",
    );
    one(
        "The team lost its coach this past fall.",
        &dct(1990, 2, 10),
        "this past fall",
        "DATE",
        "1989-FA",
    );
}

#[test]
fn a_quarter_reported_in_the_past_is_the_latest_such_quarter() {
    one(
        "AT&T also announced an eighteen percent drop in profits for the fourth quarter.",
        &dct(1998, 1, 26),
        "the fourth quarter",
        "DATE",
        "1997-Q4",
    );
    // Still to come, or already under way: the DCT's year.
    one(
        "AT&T expects profits to rise in the fourth quarter.",
        &dct(1998, 1, 26),
        "the fourth quarter",
        "DATE",
        "1998-Q4",
    );
    one(
        "Sales fell in the first quarter.",
        &dct(1998, 3, 10),
        "the first quarter",
        "DATE",
        "1998-Q1",
    );
}

#[test]
fn this_quarter_in_a_results_story_is_the_quarter_reported() {
    let text = "Acme posted a loss for the third quarter. This quarter's loss includes \
                pretax charges of $4.9 million.";
    let got = run(text, &dct(1989, 11, 1));
    assert!(
        got.iter()
            .any(|(t, l, v)| t == "This quarter" && l == "DATE" && v == "1989-Q3"),
        "{got:?}"
    );
    // A sentence that looks ahead speaks of the quarter under way.
    let text = "Acme posted a loss for the third quarter. It will break even this quarter.";
    let got = run(text, &dct(1989, 11, 1));
    assert!(
        got.iter()
            .any(|(t, l, v)| t == "this quarter" && l == "DATE" && v == "1989-Q4"),
        "{got:?}"
    );
}

#[test]
fn fiscal_premodifies_a_quarter() {
    // TimeML keeps determiners and premodifiers inside the extent.
    let ctx = dct(2025, 11, 3);
    one(
        "The company earned $5 million in the fiscal first quarter.",
        &ctx,
        "the fiscal first quarter",
        "DATE",
        "2025-Q1",
    );
    one(
        "Its fiscal second-quarter profit rose.",
        &ctx,
        "fiscal second-quarter",
        "DATE",
        "2025-Q2",
    );
}

#[test]
fn a_modifier_before_a_deictic_day_is_inside() {
    let ctx = dct(2025, 9, 3);
    one(
        "The spokesman said late yesterday that talks had failed.",
        &ctx,
        "late yesterday",
        "DATE",
        "2025-09-02",
    );
    one(
        "Earlier today, the minister resigned.",
        &ctx,
        "Earlier today",
        "DATE",
        "2025-09-03",
    );
    // A part of a named day is a TIME of that day.
    one(
        "Shares were up at mid-afternoon yesterday in London.",
        &ctx,
        "mid-afternoon yesterday",
        "TIME",
        "2025-09-02TAF",
    );
}

#[test]
fn a_time_takes_its_day_from_a_parenthesis_after_it() {
    // A Saturday article: Friday is the day before.
    let got = run(
        "The blast occurred at 10:35 a.m. (0735 GMT) Friday.",
        &dct(2025, 9, 6),
    );
    let t = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    assert_eq!(
        got,
        [
            t("10:35 a.m.", "TIME", "2025-09-05T10:35"),
            t("Friday", "DATE", "2025-09-05")
        ]
    );
}

#[test]
fn a_plan_in_the_pluperfect_is_past() {
    // A Monday article: the offer "had been due to expire" the Friday before.
    one(
        "The offer had been due to expire Friday evening.",
        &dct(2025, 9, 8),
        "Friday evening",
        "TIME",
        "2025-09-05TEV",
    );
    // Still ahead when the plan is told in the present.
    one(
        "The offer is due to expire Friday evening.",
        &dct(2025, 9, 8),
        "Friday evening",
        "TIME",
        "2025-09-12TEV",
    );
}

#[test]
fn a_duration_before_later_is_the_duration() {
    let ctx = dct(2025, 9, 1);
    // TimeML: "later" is the signal that anchors the duration to an event.
    one(
        "Three days later, the talks resumed.",
        &ctx,
        "Three days",
        "DURATION",
        "P3D",
    );
    one(
        "But a minute and a half later, a pilot called in.",
        &ctx,
        "a minute and a half",
        "DURATION",
        "PT1M30S",
    );
    one(
        "He served two and a half years.",
        &ctx,
        "two and a half years",
        "DURATION",
        "P2Y6M",
    );
}

#[test]
fn frequency_adverbs_are_sets() {
    let ctx = dct(2025, 9, 1);
    // TimeML: "annually", "hourly" are recurring times (SET) with the period as value.
    one(
        "The festival is held annually.",
        &ctx,
        "annually",
        "SET",
        "P1Y",
    );
    one(
        "Average hourly earnings rose.",
        &ctx,
        "hourly",
        "SET",
        "PT1H",
    );
}

#[test]
fn a_period_noun_and_a_couple_of_units() {
    let ctx = dct(2025, 9, 1);
    one(
        "The fraud ran over a three-year period.",
        &ctx,
        "a three-year period",
        "DURATION",
        "P3Y",
    );
    one(
        "Sales should grow over the next couple of years.",
        &ctx,
        "the next couple of years",
        "DURATION",
        "P2Y",
    );
}

#[test]
fn year_end_is_the_end_of_the_year() {
    let ctx = dct(2025, 9, 1);
    for (text, extent) in [
        ("The deal should close by year-end.", "year-end"),
        ("The deal should close by year end.", "year end"),
        ("Rules should be in place by year's end.", "year's end"),
    ] {
        one(text, &ctx, extent, "DATE", "2025");
    }
}

#[test]
fn a_bound_keeps_its_negation() {
    one(
        "Sites would open for no more than sixty days.",
        &dct(2025, 9, 1),
        "no more than sixty days",
        "DURATION",
        "P60D",
    );
}

#[test]
fn over_a_unit_is_more_than_a_unit() {
    let ctx = dct(2025, 9, 1);
    one(
        "The tour is likely to last over a week.",
        &ctx,
        "over a week",
        "DURATION",
        "P1W",
    );
    // "over" as a preposition stays outside.
    one(
        "Prices rose over the past year.",
        &ctx,
        "the past year",
        "DATE",
        "2024",
    );
}
