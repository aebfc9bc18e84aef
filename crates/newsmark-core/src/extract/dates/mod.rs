//! TIMEX3 recognition and normalisation (DATE, TIME, DURATION, SET).
//!
//! A rule grammar over a light token stream ([`lex`]): each token is lexed once and looked
//! up once in a closed lexicon of time words; only tokens that can start a time expression
//! (numbers and lexicon words) try the grammar, so the cost is one linear pass. Values are
//! resolved against the document creation time (DCT) with chrono, using the tense of the
//! surrounding words to choose between the past and the future occurrence of "Friday" or
//! "Sept. 4"; without a DCT they stay underspecified (`XXXX-09-04`) or empty.
//!
//! Extents follow the TimeML guidelines: a leading preposition ("on", "in") is left out;
//! "the", modifiers ("early", "mid-", "more than") and a time zone are included.

mod grammar;
mod lex;
mod resolve;

use super::{Context, Extractor, Mention, Source};
use crate::span::Span;

/// The rule-based TIMEX3 recogniser.
#[derive(Debug, Default, Clone, Copy)]
pub struct TimexRecognizer {
    // No state (the lexicon is static); the private field keeps room for options.
    _private: (),
}

impl TimexRecognizer {
    /// A recogniser.
    pub fn new() -> Self {
        TimexRecognizer { _private: () }
    }
}

impl Extractor for TimexRecognizer {
    fn extract(&self, text: &str, ctx: &Context) -> Vec<Mention> {
        let mut toks = Vec::with_capacity(text.len() / 5 + 1);
        lex::lex(text, &mut toks);
        let hits = grammar::Parser::new(text, &toks, ctx.dct).run();
        hits.into_iter()
            .map(|h| Mention {
                span: Span::new(toks[h.s].start, toks[h.e - 1].end),
                label: h.label.to_string(),
                value: h.value,
                source: Source::Rule,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
