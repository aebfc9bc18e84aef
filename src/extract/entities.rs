//! Entity recognition from capitalisation patterns and word lists. Stub: filled in next.

use super::{Context, Extractor, Mention};

/// Rule-based entity recogniser.
#[derive(Debug, Default)]
pub struct RuleEntities;

impl Extractor for RuleEntities {
    fn extract(&self, _text: &str, _ctx: &Context) -> Vec<Mention> {
        Vec::new()
    }
}
