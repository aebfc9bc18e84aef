//! Offsets, with their unit in their type. Inside the core, text is sliced by UTF-8 byte
//! offsets ([`Span<Byte>`], and `&text[span]` slices a `str` by one); at every boundary the
//! world sees (JSON, the page, the CLI) offsets count **Unicode scalar values**
//! ([`Span<Char>`]: what Python's `str` indexes and spaCy reports), end exclusive. UTF-16
//! exists only at the JavaScript edge (the web app's `api.rs` and text pane).
//! [`OffsetIndex`] converts between the units once per text, in O(log n) per look-up.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::ops::{Index, Range};

/// The unit a [`Span`] counts.
pub trait Unit: Copy + Eq + Ord + fmt::Debug + std::hash::Hash {
    /// Its name, for messages.
    const NAME: &'static str;
}

/// UTF-8 bytes: how the core slices text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Byte {}
impl Unit for Byte {
    const NAME: &'static str = "bytes";
}

/// Unicode scalar values (chars, code points): what documents, exports and APIs count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Char {}
impl Unit for Char {
    const NAME: &'static str = "chars";
}

/// UTF-16 code units: what JavaScript strings count. Only the JS edge and the export's
/// `utf16` field use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Utf16 {}
impl Unit for Utf16 {
    const NAME: &'static str = "UTF-16 units";
}

/// A half-open range `[start, end)` counted in `U` ([`Byte`]s or [`Char`]s). Serialised as
/// `{"start", "end"}`; the unit is the type's, never the data's.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(bound = "")]
pub struct Span<U: Unit> {
    /// First unit inside the span.
    pub start: usize,
    /// First unit after the span.
    pub end: usize,
    #[serde(skip)]
    unit: PhantomData<U>,
}

impl<U: Unit> fmt::Debug for Span<U> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{} {}", self.start, self.end, U::NAME)
    }
}

impl<U: Unit> Span<U> {
    /// A span from `start` to `end` (end exclusive).
    pub const fn new(start: usize, end: usize) -> Self {
        Span {
            start,
            end,
            unit: PhantomData,
        }
    }
    /// Length in the span's unit (0 for a span that ends before it starts).
    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    /// True when the span covers nothing.
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    /// True when the two spans share at least one unit.
    pub const fn overlaps(&self, other: &Span<U>) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// True when `other` lies inside `self`.
    pub const fn contains(&self, other: &Span<U>) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    /// The span as a range of its unit.
    pub const fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// `&text[span]`: the text of a byte span (panics, as `&text[a..b]` does, off char
/// boundaries).
impl Index<Span<Byte>> for str {
    type Output = str;
    fn index(&self, s: Span<Byte>) -> &str {
        &self[s.start..s.end]
    }
}

impl Index<Span<Byte>> for String {
    type Output = str;
    fn index(&self, s: Span<Byte>) -> &str {
        &self.as_str()[s]
    }
}

/// Maps byte offsets of one text to char (scalar value) and UTF-16 offsets and back.
///
/// Stores the byte offset of every 64th char plus a flag for pure-ASCII text, so building it
/// is one pass and memory is a fraction of the text.
#[derive(Debug, Clone)]
pub struct OffsetIndex<'t> {
    text: &'t str,
    ascii: bool,
    /// `checkpoints[k]` = byte offset of char `k * STRIDE`.
    checkpoints: Cow<'t, [usize]>,
    chars: usize,
}

const STRIDE: usize = 64;

/// What an [`OffsetIndex`] learns of its text in its one pass, without the text: kept next
/// to a text that is owned elsewhere (the document keeps one beside each version of its
/// text) and lent again for that text by [`index`](Self::index), with no pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CharMap {
    ascii: bool,
    /// `checkpoints[k]` = byte offset of char `k * STRIDE`.
    checkpoints: Vec<usize>,
    chars: usize,
    /// The length of the text it maps, to catch a map lent for another text.
    bytes: usize,
}

impl CharMap {
    /// Maps `text`: one pass.
    pub fn new(text: &str) -> Self {
        let ascii = text.is_ascii();
        let mut checkpoints = Vec::new();
        let mut chars = text.len();
        if !ascii {
            chars = 0;
            for (i, (b, _)) in text.char_indices().enumerate() {
                if i % STRIDE == 0 {
                    checkpoints.push(b);
                }
                chars = i + 1;
            }
        }
        CharMap {
            ascii,
            checkpoints,
            chars,
            bytes: text.len(),
        }
    }

    /// Number of chars in the text.
    pub fn char_len(&self) -> usize {
        self.chars
    }

    /// The index of `text`, which must be the text this map was made from.
    pub fn index<'t>(&'t self, text: &'t str) -> OffsetIndex<'t> {
        debug_assert_eq!(text.len(), self.bytes, "a char map lent for another text");
        OffsetIndex {
            text,
            ascii: self.ascii,
            checkpoints: Cow::Borrowed(&self.checkpoints),
            chars: self.chars,
        }
    }
}

impl<'t> OffsetIndex<'t> {
    /// Indexes `text`.
    pub fn new(text: &'t str) -> Self {
        let map = CharMap::new(text);
        OffsetIndex {
            text,
            ascii: map.ascii,
            checkpoints: Cow::Owned(map.checkpoints),
            chars: map.chars,
        }
    }

    /// Number of chars in the text.
    pub fn char_len(&self) -> usize {
        self.chars
    }

    /// Char offset of byte offset `byte` (which must be a char boundary; a byte inside a
    /// char maps to that char's start).
    pub fn char_of_byte(&self, byte: usize) -> usize {
        if self.ascii {
            return byte.min(self.text.len());
        }
        let byte = byte.min(self.text.len());
        let k = match self.checkpoints.binary_search(&byte) {
            Ok(k) => return k * STRIDE,
            Err(k) => k - 1,
        };
        let from = self.checkpoints[k];
        k * STRIDE
            + self.text[from..]
                .char_indices()
                .take_while(|(b, _)| from + b < byte)
                .count()
    }

    /// Byte offset of char offset `ch`; offsets past the end clamp to the text's length.
    pub fn byte_of_char(&self, ch: usize) -> usize {
        if self.ascii {
            return ch.min(self.text.len());
        }
        if ch >= self.chars {
            return self.text.len();
        }
        let k = ch / STRIDE;
        let from = self.checkpoints[k];
        let rest = ch - k * STRIDE;
        self.text[from..]
            .char_indices()
            .nth(rest)
            .map_or(self.text.len(), |(b, _)| from + b)
    }

    /// Converts a byte span to a char span.
    pub fn chars_of(&self, bytes: Span<Byte>) -> Span<Char> {
        Span::new(self.char_of_byte(bytes.start), self.char_of_byte(bytes.end))
    }

    /// Converts a char span to a byte span.
    pub fn bytes_of(&self, chars: Span<Char>) -> Span<Byte> {
        Span::new(self.byte_of_char(chars.start), self.byte_of_char(chars.end))
    }

    /// UTF-16 code-unit offset of byte offset `byte` (what JavaScript strings count); a
    /// byte inside a char maps to that char's start, past the end to the end.
    pub fn utf16_of_byte(&self, byte: usize) -> usize {
        let mut byte = byte.min(self.text.len());
        while !self.text.is_char_boundary(byte) {
            byte -= 1;
        }
        self.text[..byte].encode_utf16().count()
    }
}

/// The text of `chars` (a char span) in `text`, or `None` when it does not lie inside.
pub fn slice_chars(text: &str, chars: Span<Char>) -> Option<&str> {
    if chars.start > chars.end {
        return None;
    }
    let idx = OffsetIndex::new(text);
    if chars.end > idx.char_len() {
        return None;
    }
    let b = idx.bytes_of(chars);
    Some(&text[b])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn python_like(text: &str, s: usize, e: usize) -> String {
        text.chars().skip(s).take(e - s).collect()
    }

    #[test]
    fn round_trips_every_offset_on_mixed_scripts() {
        let text = "Café 👩‍👩‍👧 in 北京\r\nשלום e\u{301}! ".repeat(5);
        let idx = OffsetIndex::new(&text);
        assert_eq!(idx.char_len(), text.chars().count());
        for (i, (b, _)) in text.char_indices().enumerate() {
            assert_eq!(idx.char_of_byte(b), i);
            assert_eq!(idx.byte_of_char(i), b);
        }
        assert_eq!(idx.byte_of_char(idx.char_len()), text.len());
        assert_eq!(idx.char_of_byte(text.len()), idx.char_len());
    }

    #[test]
    fn slices_like_python() {
        let text = "🇫🇷 Paris, 北京 and Zoë";
        for (s, e) in [(0, 2), (3, 8), (10, 12), (17, 20)] {
            assert_eq!(
                slice_chars(text, Span::<Char>::new(s, e)).unwrap(),
                python_like(text, s, e)
            );
        }
        assert_eq!(slice_chars(text, Span::<Char>::new(3, 99)), None);
    }

    #[test]
    fn utf16_counts_surrogate_pairs_twice() {
        let text = "a😀b";
        let idx = OffsetIndex::new(text);
        assert_eq!(idx.utf16_of_byte(text.len()), 4);
        assert_eq!(idx.utf16_of_byte(1 + 4), 3);
        // Inside a char, past the end: no panic.
        assert_eq!(idx.utf16_of_byte(2), idx.utf16_of_byte(1));
        assert_eq!(idx.utf16_of_byte(usize::MAX), 4);
        assert_eq!(Span::<Byte>::new(5, 2).len(), 0);
        let t = "Zoë met 北京";
        assert_eq!(&t[Span::<Byte>::new(9, 15)], "北京");
        assert_eq!(
            OffsetIndex::new(t).chars_of(Span::new(9, 15)),
            Span::<Char>::new(8, 10)
        );
    }
}
