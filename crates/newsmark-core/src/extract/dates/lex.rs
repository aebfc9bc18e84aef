//! A small, allocation-light lexer for the time grammar: one pass over the bytes, tokens
//! with byte spans, and each word looked up once in the closed lexicon of time words.

use crate::hash::WordMap;
use std::sync::LazyLock;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// ASCII letters (possibly with an inner apostrophe), or `a.m.`/`p.m.`.
    Word,
    /// ASCII digits.
    Num,
    /// One ASCII punctuation character.
    Punct,
    /// Anything else (non-ASCII run): never part of a time expression.
    Other,
}

/// Units of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// The TIMEX3 duration letter(s), and whether it is a time (`T`) unit.
    pub(crate) fn code(self) -> (&'static str, bool) {
        match self {
            Unit::Second => ("S", true),
            Unit::Minute => ("M", true),
            Unit::Hour => ("H", true),
            Unit::Day => ("D", false),
            Unit::Week => ("W", false),
            Unit::Month => ("M", false),
            Unit::Quarter => ("Q", false),
            Unit::Year => ("Y", false),
            Unit::Decade => ("DE", false),
            Unit::Century => ("CE", false),
        }
    }
}

/// Parts of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Morning,
    Afternoon,
    Evening,
    Night,
}

impl Part {
    pub(crate) fn code(self) -> &'static str {
        match self {
            Part::Morning => "MO",
            Part::Afternoon => "AF",
            Part::Evening => "EV",
            Part::Night => "NI",
        }
    }
}

/// Seasons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
}

impl Season {
    pub(crate) fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }
}

/// Time-related words; everything else is `Kw::None`-free [`W::None`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kw {
    The,
    A,
    Last,
    Next,
    This,
    Past,
    Coming,
    Previous,
    Following,
    Ago,
    Earlier,
    Later,
    Early,
    Late,
    Mid,
    Now,
    Currently,
    Recently,
    Recent,
    Soon,
    Today,
    Yesterday,
    Tomorrow,
    Tonight,
    Overnight,
    Noon,
    Midnight,
    Every,
    Each,
    Per,
    Daily,
    Weekly,
    Monthly,
    Hourly,
    Annually,
    Quarterly,
    More,
    Less,
    No,
    Than,
    Nearly,
    Almost,
    About,
    Around,
    Roughly,
    Some,
    Least,
    At,
    On,
    In,
    Up,
    To,
    Over,
    Within,
    Several,
    Few,
    Couple,
    Of,
    Fiscal,
    Half,
    End,
    Beginning,
    Start,
    Moment,
    Present,
    Future,
    Lately,
    Current,
    Previously,
    Am,
    Pm,
    Oclock,
    Local,
    Time,
    Tz,
    Weekend,
    And,
    Or,
    Hundred,
    Thousand,
    Nowadays,
    These,
    Many,
    Other,
    Once,
    Ahead,
    Since,
    Until,
    By,
    Through,
    Before,
    After,
    During,
    From,
    Same,
    Latest,
    Eve,
    Right,
    That,
}

/// Holidays with a calendar rule (US ones where a country is needed: US newswire).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hol {
    /// Dec. 25 (Christmas Eve: Dec. 24).
    Christmas,
    /// Fourth Thursday of November.
    Thanksgiving,
    /// Easter Sunday (Gregorian computus).
    Easter,
    /// Oct. 31.
    Halloween,
    /// "New Year's Day" Jan. 1 ("New Year's Eve": Dec. 31).
    NewYear,
    /// "Independence Day", July 4.
    Independence,
    /// "Labor Day", first Monday of September.
    Labor,
    /// "Memorial Day", last Monday of May.
    Memorial,
    /// "Veterans Day", Nov. 11.
    Veterans,
    /// "Election Day", the Tuesday after the first Monday of November.
    Election,
    /// "Valentine's Day", Feb. 14.
    Valentine,
}

impl Hol {
    /// Holidays named by a word that is also ordinary English ("new", "labor"): they
    /// need "Day" (or "Year") after them.
    pub(crate) fn needs_day(self) -> bool {
        matches!(
            self,
            Hol::Independence
                | Hol::Labor
                | Hol::Memorial
                | Hol::Veterans
                | Hol::Election
                | Hol::Valentine
        )
    }
}

/// A word of the lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum W {
    /// Not a time word.
    None,
    /// Month 1–12; `abbr` for a short form (`Sept`, `Aug`).
    Month { m: u32, abbr: bool },
    /// Weekday 1 (Monday) – 7 (Sunday); `plural` for `Mondays`.
    Weekday { d: u32, plural: bool },
    /// A unit noun.
    Unit { u: Unit, plural: bool },
    /// A cardinal number word (`two`, `twenty`).
    Num(u32),
    /// An ordinal word (`first`, `third`).
    Ord(u32),
    /// A part of the day.
    Part { p: Part, plural: bool },
    /// A season.
    Season(Season),
    /// A decade word (`twenties`... `nineties`) → tens digit.
    Decade(u32),
    /// A holiday name (or its first word).
    Holiday(Hol),
    /// A keyword.
    K(Kw),
}

/// One token.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub w: W,
    /// Value of a `Num` token (saturating), or the punctuation byte.
    pub n: u32,
    /// Number of digits of a `Num` token.
    pub digits: u8,
    /// First letter is upper case (words).
    pub cap: bool,
}

/// The closed lexicon of time words (lower case).
const LEXICON: &[(&str, W)] = &[
    ("january", month(1)),
    ("february", month(2)),
    ("march", month(3)),
    ("april", month(4)),
    ("may", month(5)),
    ("june", month(6)),
    ("july", month(7)),
    ("august", month(8)),
    ("september", month(9)),
    ("october", month(10)),
    ("november", month(11)),
    ("december", month(12)),
    ("jan", mabbr(1)),
    ("feb", mabbr(2)),
    ("mar", mabbr(3)),
    ("apr", mabbr(4)),
    ("jun", mabbr(6)),
    ("jul", mabbr(7)),
    ("aug", mabbr(8)),
    ("sep", mabbr(9)),
    ("sept", mabbr(9)),
    ("oct", mabbr(10)),
    ("nov", mabbr(11)),
    ("dec", mabbr(12)),
    ("monday", wd(1)),
    ("tuesday", wd(2)),
    ("wednesday", wd(3)),
    ("thursday", wd(4)),
    ("friday", wd(5)),
    ("saturday", wd(6)),
    ("sunday", wd(7)),
    ("mondays", wds(1)),
    ("tuesdays", wds(2)),
    ("wednesdays", wds(3)),
    ("thursdays", wds(4)),
    ("fridays", wds(5)),
    ("saturdays", wds(6)),
    ("sundays", wds(7)),
    ("second", W::Ord(2)),
    ("seconds", units(Unit::Second)),
    ("minute", unit(Unit::Minute)),
    ("min", unit(Unit::Minute)),
    ("minutes", units(Unit::Minute)),
    ("mins", units(Unit::Minute)),
    ("hour", unit(Unit::Hour)),
    ("hr", unit(Unit::Hour)),
    ("hours", units(Unit::Hour)),
    ("hrs", units(Unit::Hour)),
    ("day", unit(Unit::Day)),
    ("days", units(Unit::Day)),
    ("week", unit(Unit::Week)),
    ("weeks", units(Unit::Week)),
    ("month", unit(Unit::Month)),
    ("months", units(Unit::Month)),
    ("quarter", unit(Unit::Quarter)),
    ("quarters", units(Unit::Quarter)),
    ("year", unit(Unit::Year)),
    ("years", units(Unit::Year)),
    ("decade", unit(Unit::Decade)),
    ("decades", units(Unit::Decade)),
    ("century", unit(Unit::Century)),
    ("centuries", units(Unit::Century)),
    ("one", W::Num(1)),
    ("two", W::Num(2)),
    ("three", W::Num(3)),
    ("four", W::Num(4)),
    ("five", W::Num(5)),
    ("six", W::Num(6)),
    ("seven", W::Num(7)),
    ("eight", W::Num(8)),
    ("nine", W::Num(9)),
    ("ten", W::Num(10)),
    ("eleven", W::Num(11)),
    ("twelve", W::Num(12)),
    ("thirteen", W::Num(13)),
    ("fourteen", W::Num(14)),
    ("fifteen", W::Num(15)),
    ("sixteen", W::Num(16)),
    ("seventeen", W::Num(17)),
    ("eighteen", W::Num(18)),
    ("nineteen", W::Num(19)),
    ("twenty", W::Num(20)),
    ("thirty", W::Num(30)),
    ("forty", W::Num(40)),
    ("fifty", W::Num(50)),
    ("sixty", W::Num(60)),
    ("seventy", W::Num(70)),
    ("eighty", W::Num(80)),
    ("ninety", W::Num(90)),
    ("dozen", W::Num(12)),
    ("first", W::Ord(1)),
    ("third", W::Ord(3)),
    ("fourth", W::Ord(4)),
    ("fifth", W::Ord(5)),
    (
        "morning",
        W::Part {
            p: Part::Morning,
            plural: false,
        },
    ),
    (
        "mornings",
        W::Part {
            p: Part::Morning,
            plural: true,
        },
    ),
    (
        "afternoon",
        W::Part {
            p: Part::Afternoon,
            plural: false,
        },
    ),
    (
        "afternoons",
        W::Part {
            p: Part::Afternoon,
            plural: true,
        },
    ),
    (
        "evening",
        W::Part {
            p: Part::Evening,
            plural: false,
        },
    ),
    (
        "evenings",
        W::Part {
            p: Part::Evening,
            plural: true,
        },
    ),
    (
        "night",
        W::Part {
            p: Part::Night,
            plural: false,
        },
    ),
    (
        "nights",
        W::Part {
            p: Part::Night,
            plural: true,
        },
    ),
    ("spring", W::Season(Season::Spring)),
    ("summer", W::Season(Season::Summer)),
    ("fall", W::Season(Season::Fall)),
    ("autumn", W::Season(Season::Fall)),
    ("winter", W::Season(Season::Winter)),
    ("twenties", W::Decade(2)),
    ("thirties", W::Decade(3)),
    ("forties", W::Decade(4)),
    ("fifties", W::Decade(5)),
    ("sixties", W::Decade(6)),
    ("seventies", W::Decade(7)),
    ("eighties", W::Decade(8)),
    ("nineties", W::Decade(9)),
    ("the", k(Kw::The)),
    ("a", k(Kw::A)),
    ("an", k(Kw::A)),
    ("last", k(Kw::Last)),
    ("next", k(Kw::Next)),
    ("this", k(Kw::This)),
    ("past", k(Kw::Past)),
    ("coming", k(Kw::Coming)),
    ("upcoming", k(Kw::Coming)),
    ("previous", k(Kw::Previous)),
    ("prior", k(Kw::Previous)),
    ("preceding", k(Kw::Previous)),
    ("following", k(Kw::Following)),
    ("ago", k(Kw::Ago)),
    ("earlier", k(Kw::Earlier)),
    ("later", k(Kw::Later)),
    ("early", k(Kw::Early)),
    ("late", k(Kw::Late)),
    ("mid", k(Kw::Mid)),
    ("middle", k(Kw::Mid)),
    ("now", k(Kw::Now)),
    ("currently", k(Kw::Currently)),
    ("presently", k(Kw::Currently)),
    ("recently", k(Kw::Recently)),
    ("recent", k(Kw::Recent)),
    ("soon", k(Kw::Soon)),
    ("today", k(Kw::Today)),
    ("yesterday", k(Kw::Yesterday)),
    ("tomorrow", k(Kw::Tomorrow)),
    ("tonight", k(Kw::Tonight)),
    ("overnight", k(Kw::Overnight)),
    ("noon", k(Kw::Noon)),
    ("midday", k(Kw::Noon)),
    ("midnight", k(Kw::Midnight)),
    ("every", k(Kw::Every)),
    ("each", k(Kw::Each)),
    ("per", k(Kw::Per)),
    ("daily", k(Kw::Daily)),
    ("weekly", k(Kw::Weekly)),
    ("monthly", k(Kw::Monthly)),
    ("hourly", k(Kw::Hourly)),
    ("annually", k(Kw::Annually)),
    ("yearly", k(Kw::Annually)),
    ("quarterly", k(Kw::Quarterly)),
    ("more", k(Kw::More)),
    ("less", k(Kw::Less)),
    ("fewer", k(Kw::Less)),
    ("than", k(Kw::Than)),
    ("no", k(Kw::No)),
    ("nearly", k(Kw::Nearly)),
    ("almost", k(Kw::Almost)),
    ("about", k(Kw::About)),
    ("around", k(Kw::Around)),
    ("approximately", k(Kw::Around)),
    ("roughly", k(Kw::Roughly)),
    ("some", k(Kw::Some)),
    ("least", k(Kw::Least)),
    ("at", k(Kw::At)),
    ("on", k(Kw::On)),
    ("in", k(Kw::In)),
    ("up", k(Kw::Up)),
    ("to", k(Kw::To)),
    ("over", k(Kw::Over)),
    ("within", k(Kw::Within)),
    ("several", k(Kw::Several)),
    ("few", k(Kw::Few)),
    ("couple", k(Kw::Couple)),
    ("of", k(Kw::Of)),
    ("fiscal", k(Kw::Fiscal)),
    ("half", k(Kw::Half)),
    ("end", k(Kw::End)),
    ("beginning", k(Kw::Beginning)),
    ("start", k(Kw::Start)),
    ("moment", k(Kw::Moment)),
    ("present", k(Kw::Present)),
    ("future", k(Kw::Future)),
    ("lately", k(Kw::Lately)),
    ("current", k(Kw::Current)),
    ("previously", k(Kw::Previously)),
    ("formerly", k(Kw::Previously)),
    ("am", k(Kw::Am)),
    ("a.m.", k(Kw::Am)),
    ("a.m", k(Kw::Am)),
    ("pm", k(Kw::Pm)),
    ("p.m.", k(Kw::Pm)),
    ("p.m", k(Kw::Pm)),
    ("local", k(Kw::Local)),
    ("time", k(Kw::Time)),
    ("gmt", k(Kw::Tz)),
    ("utc", k(Kw::Tz)),
    ("est", k(Kw::Tz)),
    ("edt", k(Kw::Tz)),
    ("cst", k(Kw::Tz)),
    ("cdt", k(Kw::Tz)),
    ("pst", k(Kw::Tz)),
    ("pdt", k(Kw::Tz)),
    ("mst", k(Kw::Tz)),
    ("mdt", k(Kw::Tz)),
    ("bst", k(Kw::Tz)),
    ("cet", k(Kw::Tz)),
    ("cest", k(Kw::Tz)),
    ("et", k(Kw::Tz)),
    ("pt", k(Kw::Tz)),
    ("weekend", k(Kw::Weekend)),
    ("christmas", W::Holiday(Hol::Christmas)),
    ("thanksgiving", W::Holiday(Hol::Thanksgiving)),
    ("easter", W::Holiday(Hol::Easter)),
    ("halloween", W::Holiday(Hol::Halloween)),
    ("new", W::Holiday(Hol::NewYear)),
    ("independence", W::Holiday(Hol::Independence)),
    ("labor", W::Holiday(Hol::Labor)),
    ("memorial", W::Holiday(Hol::Memorial)),
    ("veterans", W::Holiday(Hol::Veterans)),
    ("election", W::Holiday(Hol::Election)),
    ("valentine", W::Holiday(Hol::Valentine)),
    ("and", k(Kw::And)),
    ("or", k(Kw::Or)),
    ("hundred", k(Kw::Hundred)),
    ("thousand", k(Kw::Thousand)),
    ("nowadays", k(Kw::Nowadays)),
    ("these", k(Kw::These)),
    ("many", k(Kw::Many)),
    ("other", k(Kw::Other)),
    ("once", k(Kw::Once)),
    ("ahead", k(Kw::Ahead)),
    ("since", k(Kw::Since)),
    ("until", k(Kw::Until)),
    ("till", k(Kw::Until)),
    ("by", k(Kw::By)),
    ("through", k(Kw::Through)),
    ("thru", k(Kw::Through)),
    ("before", k(Kw::Before)),
    ("after", k(Kw::After)),
    ("during", k(Kw::During)),
    ("from", k(Kw::From)),
    ("same", k(Kw::Same)),
    ("latest", k(Kw::Latest)),
    ("eve", k(Kw::Eve)),
    ("right", k(Kw::Right)),
    ("that", k(Kw::That)),
];

const fn month(m: u32) -> W {
    W::Month { m, abbr: false }
}
const fn mabbr(m: u32) -> W {
    W::Month { m, abbr: true }
}
const fn wd(d: u32) -> W {
    W::Weekday { d, plural: false }
}
const fn wds(d: u32) -> W {
    W::Weekday { d, plural: true }
}
const fn unit(u: Unit) -> W {
    W::Unit { u, plural: false }
}
const fn units(u: Unit) -> W {
    W::Unit { u, plural: true }
}
const fn k(k: Kw) -> W {
    W::K(k)
}

/// The lexicon as a hash map, built once (a long `match` on strings is a linear scan).
static MAP: LazyLock<WordMap<&'static str, W>> =
    LazyLock::new(|| LEXICON.iter().copied().collect());

fn lookup(lc: &str) -> W {
    MAP.get(lc).copied().unwrap_or(W::None)
}

/// Lower-cases an ASCII word into `buf` and looks it up.
fn classify(word: &[u8]) -> W {
    let mut buf = [0u8; 12];
    if word.len() > buf.len() {
        return W::None;
    }
    for (b, c) in buf.iter_mut().zip(word) {
        *b = c.to_ascii_lowercase();
    }
    match std::str::from_utf8(&buf[..word.len()]) {
        Ok(s) => {
            if s == "o'clock" {
                W::K(Kw::Oclock)
            } else {
                lookup(s)
            }
        }
        Err(_) => W::None,
    }
}

/// Splits `text` into tokens (whitespace is skipped; non-ASCII runs become `Other`).
pub(crate) fn lex(text: &str, out: &mut Vec<Tok>) {
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        if c.is_ascii_alphabetic() {
            // a.m. / p.m.
            if (c | 0x20 == b'a' || c | 0x20 == b'p')
                && i + 2 < n
                && b[i + 1] == b'.'
                && b[i + 2] | 0x20 == b'm'
                && (start == 0 || !b[start - 1].is_ascii_alphanumeric())
                && b.get(i + 3).is_none_or(|x| !x.is_ascii_alphabetic())
            {
                let mut end = i + 3;
                if b.get(end) == Some(&b'.') {
                    end += 1;
                }
                let w = if c | 0x20 == b'a' {
                    W::K(Kw::Am)
                } else {
                    W::K(Kw::Pm)
                };
                out.push(Tok {
                    start,
                    end,
                    kind: Kind::Word,
                    w,
                    n: 0,
                    digits: 0,
                    cap: false,
                });
                i = end;
                continue;
            }
            while i < n && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            // "o'clock" is the only word with an apostrophe we need.
            if i == start + 1
                && c | 0x20 == b'o'
                && b[i..].len() >= 6
                && b[i] == b'\''
                && b[i + 1..i + 6].eq_ignore_ascii_case(b"clock")
                && b.get(i + 6).is_none_or(|x| !x.is_ascii_alphabetic())
            {
                i += 6;
            }
            // A word glued to non-ASCII letters is not an English time word.
            let glued = i < n && b[i] >= 0x80;
            let w = if glued {
                W::None
            } else {
                classify(&b[start..i])
            };
            out.push(Tok {
                start,
                end: i,
                kind: Kind::Word,
                w,
                n: 0,
                digits: 0,
                cap: c.is_ascii_uppercase(),
            });
        } else if c.is_ascii_digit() {
            let mut v: u32 = 0;
            while i < n && b[i].is_ascii_digit() {
                v = v.saturating_mul(10).saturating_add(u32::from(b[i] - b'0'));
                i += 1;
            }
            let digits = (i - start).min(255) as u8;
            out.push(Tok {
                start,
                end: i,
                kind: Kind::Num,
                w: W::None,
                n: v,
                digits,
                cap: false,
            });
        } else if c < 0x80 {
            i += 1;
            out.push(Tok {
                start,
                end: i,
                kind: Kind::Punct,
                w: W::None,
                n: u32::from(c),
                digits: 0,
                cap: false,
            });
        } else {
            // A run of non-ASCII chars (and any ASCII letters/digits glued to it).
            while i < n
                && !b[i].is_ascii_whitespace()
                && (b[i] >= 0x80 || b[i].is_ascii_alphanumeric())
            {
                i += 1;
            }
            out.push(Tok {
                start,
                end: i,
                kind: Kind::Other,
                w: W::None,
                n: 0,
                digits: 0,
                cap: false,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexes_times_and_abbreviations() {
        let text = "Sept. 4 at 3 p.m. in 北京, o'clock 10:30 Monday's";
        let mut t = Vec::new();
        lex(text, &mut t);
        let s: Vec<&str> = t.iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(
            s,
            [
                "Sept", ".", "4", "at", "3", "p.m.", "in", "北京", ",", "o'clock", "10", ":", "30",
                "Monday", "'", "s"
            ]
        );
        assert_eq!(t[0].w, W::Month { m: 9, abbr: true });
        assert_eq!(t[5].w, W::K(Kw::Pm));
        assert_eq!(t[9].w, W::K(Kw::Oclock));
        assert_eq!(t[10].n, 10);
    }
}
