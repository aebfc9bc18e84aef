//! TIMEX3 recognition and normalisation (DATE, TIME, DURATION, SET). Stub: filled in next.

use super::{Context, Extractor, Mention};

/// The rule-based TIMEX3 recogniser.
#[derive(Debug, Default)]
pub struct TimexRecognizer;

impl Extractor for TimexRecognizer {
    fn extract(&self, _text: &str, _ctx: &Context) -> Vec<Mention> {
        Vec::new()
    }
}
