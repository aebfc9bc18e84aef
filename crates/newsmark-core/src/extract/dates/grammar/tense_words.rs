//! The tense one word marks: past-tense verbs, markers of a future or planned event, and
//! the `-ed` words that are not past tenses.

use super::Parser;
use crate::extract::dates::lex::Kind;
use crate::extract::dates::resolve::Tense;

/// Past-tense verbs without the `-ed` ending.
const PAST_WORDS: &[&str] = &[
    "said",
    "was",
    "were",
    "had",
    "did",
    "told",
    "met",
    "went",
    "came",
    "took",
    "made",
    "gave",
    "held",
    "began",
    "rose",
    "fell",
    "got",
    "saw",
    "left",
    "won",
    "lost",
    "sold",
    "bought",
    "paid",
    "led",
    "ran",
    "brought",
    "kept",
    "sent",
    "spent",
    "thought",
    "became",
    "found",
    "shot",
    "struck",
    "stood",
    "ago",
    "wrote",
    "spoke",
    "broke",
    "chose",
    "drew",
    "flew",
    "grew",
    "knew",
    "threw",
    "wore",
    "hit",
    "cut",
    "quit",
    "put",
    "felt",
    "heard",
    "meant",
    "built",
    "sought",
    "taught",
    "caught",
    "fought",
    "last",
    "earlier",
    "previously",
    "yesterday",
    "recently",
];

/// Markers of a future or planned event.
const FUTURE_WORDS: &[&str] = &[
    "will",
    "ll",
    "shall",
    "would",
    "plans",
    "plan",
    "planning",
    "planned",
    "scheduled",
    "expected",
    "expects",
    "expect",
    "slated",
    "due",
    "upcoming",
    "next",
    "intends",
    "aims",
    "hopes",
    "going",
    "tomorrow",
    "coming",
    "until",
    "till",
    "begins",
    "starts",
    "opens",
    "later",
    "prepares",
    "preparing",
    "ahead",
    "soon",
    // "Netanyahu and Arafat meet Monday": a meeting in the present tense is scheduled.
    "meet",
    "meets",
];

/// `-ed` words that are not past-tense reports.
const NOT_PAST_ED: &[&str] = &[
    "need",
    "indeed",
    "speed",
    "red",
    "bed",
    "united",
    "hundred",
    "based",
    "related",
    "limited",
    "proposed",
    "interested",
    "concerned",
    "supposed",
    "used",
    "detailed",
    "advanced",
    "experienced",
    "embattled",
    "so-called",
    "called",
    "armed",
    "led",
];

impl Parser<'_> {
    pub(super) fn tense_word(&self, i: usize) -> Tense {
        let t = &self.t[i];
        if t.kind != Kind::Word || t.end - t.start > 14 {
            return Tense::Unknown;
        }
        let mut buf = [0u8; 14];
        let s = self.txt(i).as_bytes();
        for (b, c) in buf.iter_mut().zip(s) {
            *b = c.to_ascii_lowercase();
        }
        let Ok(lc) = std::str::from_utf8(&buf[..s.len()]) else {
            return Tense::Unknown;
        };
        // "next to the embassy" is a place.
        if lc == "next" && self.is(i + 1, "to") {
            return Tense::Unknown;
        }
        // "is to resume", "are to meet": a scheduled event.
        if (lc == "is" || lc == "are") && self.is(i + 1, "to") {
            return Tense::Future;
        }
        // "will be named", "to be held": the participle after "be" is not a past tense;
        // the word before "be" decides.
        if i > 0 && self.is(i - 1, "be") && (lc.ends_with("ed") || PAST_WORDS.contains(&lc)) {
            return Tense::Unknown;
        }
        if lc == "set" || lc == "poised" || lc == "likely" {
            return if self.is(i + 1, "to") {
                Tense::Future
            } else {
                Tense::Unknown
            };
        }
        // "set aside vacation plans for the trip", "the plan of the talks": the noun tells
        // no tense; "plans to visit", "plans a visit" do.
        if (lc == "plans" || lc == "plan")
            && (self.is(i + 1, "for")
                || self.is(i + 1, "of")
                || self.t.get(i + 1).is_none_or(|t| t.kind == Kind::Punct)
                || (i > 0
                    && [
                        "the", "a", "its", "his", "her", "their", "our", "these", "those",
                    ]
                    .iter()
                    .any(|w| self.is(i - 1, w))))
        {
            return Tense::Unknown;
        }
        // "agreed to meet Tuesday": the verb before "to" decides.
        if lc == "meet" && i > 0 && self.is(i - 1, "to") {
            return Tense::Unknown;
        }
        // "had been scheduled to expire Friday", "had been due": a plan seen from a
        // past moment (the pluperfect) was for a time already past.
        if i >= 2
            && self.is(i - 1, "been")
            && self.is(i - 2, "had")
            && ["scheduled", "due", "expected", "slated", "planned", "set"].contains(&lc)
        {
            return Tense::Past;
        }
        if FUTURE_WORDS.contains(&lc) {
            return Tense::Future;
        }
        if PAST_WORDS.contains(&lc) {
            return Tense::Past;
        }
        // "a still unspecified date", "the revised plan": an adjective, not a report.
        let attributive = i > 0
            && [
                "a", "an", "the", "still", "very", "most", "more", "less", "so", "yet",
            ]
            .iter()
            .any(|w| self.is(i - 1, w));
        if lc.len() >= 4
            && lc.ends_with("ed")
            && !lc.ends_with("eed")
            && !NOT_PAST_ED.contains(&lc)
            && !attributive
        {
            return Tense::Past;
        }
        Tense::Unknown
    }

    /// A future marker that only leans ahead ("would", "later", "planned").
    pub(super) fn weak_future(&self, k: usize) -> bool {
        let w = self.txt(k);
        [
            "would", "coming", "later", "going", "ahead", "soon", "hopes", "aims", "expect",
            "expects", "planned",
        ]
        .iter()
        .any(|x| w.eq_ignore_ascii_case(x))
    }
}
