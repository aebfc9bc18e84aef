//! Selections and words: a selection snapped to the whole words it touches, a piece cut
//! from a longer span trimmed of joining words, every other occurrence of a span's words.

use super::Document;
use crate::span::{Char, OffsetIndex, Span};
use crate::text::{tokenize, Token, TokenKind};

/// Widens a char selection to the whole words it touches and trims punctuation and space
/// at both ends; `None` when no word is touched.
pub fn snap_to_words(text: &str, chars: Span<Char>) -> Option<Span<Char>> {
    snap_in(text, &OffsetIndex::new(text), chars)
}

/// [`snap_to_words`] with the offset index of `text` at hand.
pub(super) fn snap_in(text: &str, idx: &OffsetIndex, chars: Span<Char>) -> Option<Span<Char>> {
    let sel = idx.bytes_of(chars);
    let touched: Vec<_> = tokenize(text)
        .into_iter()
        .filter(|t| t.span.start < sel.end.max(sel.start + 1) && sel.start < t.span.end)
        .collect();
    let first = touched.iter().position(|t| t.kind != TokenKind::Punct)?;
    let last = touched.iter().rposition(|t| t.kind != TokenKind::Punct)?;
    Some(idx.chars_of(Span::new(touched[first].span.start, touched[last].span.end)))
}

/// Like [`snap_to_words`], and also drops joining words left at either end of a piece cut
/// from a longer span ("Mark Rutte and" → "Mark Rutte").
pub(super) fn trim_connectives(
    text: &str,
    idx: &OffsetIndex,
    chars: Span<Char>,
) -> Option<Span<Char>> {
    const JOINERS: &[&str] = &[
        "and", "or", "of", "the", "a", "an", "&", "with", "to", "for",
    ];
    let snapped = snap_in(text, idx, chars)?;
    let b = idx.bytes_of(snapped);
    let toks: Vec<_> = tokenize(&text[b])
        .into_iter()
        .filter(|t| t.kind != TokenKind::Punct)
        .collect();
    let piece = &text[b];
    let keep = |t: &Token| !JOINERS.contains(&t.text(piece).to_lowercase().as_str());
    let first = toks.iter().position(keep)?;
    let last = toks.iter().rposition(keep)?;
    let inner = Span::new(
        b.start + toks[first].span.start,
        b.start + toks[last].span.end,
    );
    Some(idx.chars_of(inner))
}

impl Document {
    /// Every occurrence of `words` in the text as whole words (not inside a longer word),
    /// in chars, in text order.
    pub fn occurrences(&self, words: &str) -> Vec<Span<Char>> {
        if words.is_empty() {
            return Vec::new();
        }
        let text = self.state.text.as_str();
        let idx = self.state.text.index();
        let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
        text.match_indices(words)
            .filter(|(b, _)| {
                !is_word(text[..*b].chars().next_back())
                    && !is_word(text[b + words.len()..].chars().next())
            })
            .map(|(b, _)| idx.chars_of(Span::new(b, b + words.len())))
            .collect()
    }
}
