//! The document's text with its offset index: the index is built once, when a text is made,
//! and shared by every version of the document that holds that text (undo steps, the
//! page's copies), so no edit, look-up or check passes over the text again to count chars.

use crate::span::{Byte, Char, CharMap, OffsetIndex, Span};
use std::fmt;
use std::sync::Arc;

/// A text and its [`CharMap`], both shared.
#[derive(Clone)]
pub(super) struct SharedText {
    text: Arc<str>,
    map: Arc<CharMap>,
}

impl SharedText {
    /// The text, indexed: one pass.
    pub(super) fn new(text: Arc<str>) -> SharedText {
        let map = Arc::new(CharMap::new(&text));
        SharedText { text, map }
    }

    /// The same text in a new allocation, with the same index (no pass).
    pub(super) fn reallocated(&self) -> SharedText {
        SharedText {
            text: Arc::from(&*self.text),
            map: self.map.clone(),
        }
    }

    pub(super) fn as_str(&self) -> &str {
        &self.text
    }

    pub(super) fn arc(&self) -> &Arc<str> {
        &self.text
    }

    /// True when both hold the same allocation (then the same text).
    pub(super) fn ptr_eq(&self, other: &SharedText) -> bool {
        Arc::ptr_eq(&self.text, &other.text)
    }

    /// The offset index of the text, at no cost.
    pub(super) fn index(&self) -> OffsetIndex<'_> {
        self.map.index(&self.text)
    }

    /// Number of chars.
    pub(super) fn char_len(&self) -> usize {
        self.map.char_len()
    }

    /// The byte span of a char span.
    pub(super) fn bytes_of(&self, chars: Span<Char>) -> Span<Byte> {
        self.index().bytes_of(chars)
    }

    /// The text of a char span.
    pub(super) fn slice(&self, chars: Span<Char>) -> &str {
        &self.text[self.bytes_of(chars)]
    }
}

/// Equal when the texts are: the index follows from the text.
impl PartialEq for SharedText {
    fn eq(&self, other: &SharedText) -> bool {
        self.ptr_eq(other) || *self.text == *other.text
    }
}

impl Eq for SharedText {}

impl fmt::Debug for SharedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.text, f)
    }
}
