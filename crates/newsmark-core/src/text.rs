//! Tokeniser and sentence splitter with exact byte offsets into the original text.
//!
//! Tokens never lose or invent characters: every token is `&text[span]`. Whitespace is not a
//! token. Hyphenated compounds split at the hyphen ("Russia-Ukraine" → `Russia` `-`
//! `Ukraine`), possessive `'s` is its own token, and dotted abbreviations stay whole
//! (`U.S.`, `Sept.`, `Mr.`).

use crate::span::{Byte, Span};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (with inner apostrophes), or a dotted abbreviation.
    Word,
    /// Digits, possibly with inner `.`, `,`, `:` or `/`.
    Number,
    /// Any other single non-space character.
    Punct,
}

/// One token: its byte span in the text and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte span in the text.
    pub span: Span<Byte>,
    /// What it is made of.
    pub kind: TokenKind,
}

impl Token {
    /// The token's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.span]
    }
}

/// The token grammar, as a regex. [`tokenize`] implements it by hand (the regex crate
/// spent two thirds of the tagger's time here); the unit tests check the two agree.
#[cfg(test)]
pub(crate) const TOKEN_PATTERN: &str = r"(?x)
      (?:\p{L}\.){2,}                                   # U.S.  a.m.
    | \p{L}[\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}]+)*      # words, O'Brien
    | \p{N}+(?:[.,:/]\p{N}+)*                           # 2025  3.5  1,000  10:30
    | [^\s]                                             # anything else, one char
    ";

/// Unicode general category of a character, as far as the token grammar cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cat {
    /// `\p{L}`
    Letter,
    /// `\p{M}`
    Mark,
    /// `\p{N}`
    Number,
    /// `\s`
    Space,
    Other,
}

/// Categories of non-ASCII characters (the standard library has no general category).
static CATEGORY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:(\p{L})|(\p{M})|(\p{N})|(\s))").expect("category regex"));

#[inline]
fn category(c: char) -> Cat {
    match c {
        'a'..='z' | 'A'..='Z' => Cat::Letter,
        '0'..='9' => Cat::Number,
        ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c' => Cat::Space,
        _ if c.is_ascii() => Cat::Other,
        _ => category_beyond_ascii(c),
    }
}

#[inline(never)]
fn category_beyond_ascii(c: char) -> Cat {
    let mut b = [0u8; 4];
    match CATEGORY.captures(c.encode_utf8(&mut b)) {
        Some(m) if m.get(1).is_some() => Cat::Letter,
        Some(m) if m.get(2).is_some() => Cat::Mark,
        Some(m) if m.get(3).is_some() => Cat::Number,
        Some(_) => Cat::Space,
        None => Cat::Other,
    }
}

/// A scanner over the characters of a text with their categories.
struct Scan<'t> {
    text: &'t str,
    /// Byte offset of the next character.
    at: usize,
}

impl Scan<'_> {
    /// The character at byte `at` and its category.
    #[inline]
    fn peek(&self, at: usize) -> Option<(char, Cat)> {
        let b = *self.text.as_bytes().get(at)?;
        if b < 0x80 {
            let c = b as char;
            return Some((c, category(c)));
        }
        let c = self.text[at..].chars().next()?;
        Some((c, category(c)))
    }

    /// End of the longest run of characters from `at` whose category `ok` accepts.
    #[inline]
    fn run(&self, mut at: usize, ok: impl Fn(Cat) -> bool) -> usize {
        while let Some((c, k)) = self.peek(at) {
            if !ok(k) {
                break;
            }
            at += c.len_utf8();
        }
        at
    }

    /// The byte span of the next token, skipping white space; the
    /// alternatives of [`TOKEN_PATTERN`] in order, each as long as it goes.
    fn next_token(&mut self) -> Option<(usize, usize)> {
        let start = self.run(self.at, |k| k == Cat::Space);
        let (c0, k0) = self.peek(start)?;
        let after = start + c0.len_utf8();
        let end = match k0 {
            Cat::Letter => {
                // Dotted abbreviation: two or more letter-and-full-stop pairs.
                let mut at = start;
                let mut pairs = 0;
                while let Some((c, Cat::Letter)) = self.peek(at) {
                    let dot = at + c.len_utf8();
                    if self.text.as_bytes().get(dot) != Some(&b'.') {
                        break;
                    }
                    at = dot + 1;
                    pairs += 1;
                }
                if pairs >= 2 {
                    at
                } else {
                    // A word, then apostrophe groups.
                    let mut at = self.run(after, |k| {
                        matches!(k, Cat::Letter | Cat::Mark | Cat::Number)
                    });
                    while let Some((c, _)) = self.peek(at).filter(|&(c, _)| c == '\'' || c == '’')
                    {
                        let from = at + c.len_utf8();
                        let to = self.run(from, |k| matches!(k, Cat::Letter | Cat::Mark));
                        if to == from {
                            break;
                        }
                        at = to;
                    }
                    at
                }
            }
            Cat::Number => {
                let mut at = self.run(after, |k| k == Cat::Number);
                while let Some(&b) = self.text.as_bytes().get(at) {
                    if !matches!(b, b'.' | b',' | b':' | b'/') {
                        break;
                    }
                    let to = self.run(at + 1, |k| k == Cat::Number);
                    if to == at + 1 {
                        break;
                    }
                    at = to;
                }
                at
            }
            _ => after,
        };
        self.at = end;
        Some((start, end))
    }
}

/// Words that take a full stop as part of themselves.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Capt", "Sgt", "Jr",
    "Sr", "St", "Mt", "Ft", "Inc", "Corp", "Ltd", "Co", "Bros", "No", "vs", "etc", "Jan", "Feb",
    "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mon", "Tue", "Tues",
    "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun", "approx", "est", "Ave", "Blvd",
];

/// True for words such as `Mr`, `Sept` that take a following full stop.
pub fn is_abbreviation(word: &str) -> bool {
    ABBREVIATIONS.contains(&word)
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(text.len() / 5);
    let mut scan = Scan { text, at: 0 };
    while let Some((start, end)) = scan.next_token() {
        let s = &text[start..end];
        let m = Span::new(start, end);
        let c = s.chars().next().unwrap_or(' ');
        let kind = if c.is_alphabetic() {
            TokenKind::Word
        } else if c.is_numeric() {
            TokenKind::Number
        } else {
            TokenKind::Punct
        };
        // A full stop right after an abbreviation joins it.
        if s == "." {
            if let Some(prev) = out.last_mut() {
                if prev.kind == TokenKind::Word
                    && prev.span.end == m.start
                    && is_abbreviation(&text[prev.span])
                {
                    prev.span.end = m.end;
                    continue;
                }
            }
        }
        // Possessive 's splits off: "Trump's" -> "Trump" "'s".
        if kind == TokenKind::Word && s.len() > 3 {
            for apos in ["'s", "’s", "'S", "’S"] {
                if let Some(stem) = s.strip_suffix(apos) {
                    if !stem.contains(['\'', '’']) {
                        let cut = m.start + stem.len();
                        out.push(Token {
                            span: Span::new(m.start, cut),
                            kind,
                        });
                        out.push(Token {
                            span: Span::new(cut, m.end),
                            kind: TokenKind::Word,
                        });
                        break;
                    }
                }
            }
            if out.last().is_some_and(|t| t.span.end == m.end) {
                continue;
            }
        }
        out.push(Token { span: m, kind });
    }
    out
}

/// Byte spans of sentences: a sentence ends at `.`, `!` or `?` (not one closing an
/// abbreviation) followed by space, or at a blank line.
pub fn sentences(text: &str) -> Vec<Span<Byte>> {
    let toks = tokenize(text);
    split_sentences(text, &toks, Breaks::BlankLine)
        .into_iter()
        .map(|r| Span::new(toks[r.start].span.start, toks[r.end - 1].span.end))
        .collect()
}

/// Sentences as ranges of token indices: the same rule as [`sentences`] (a
/// sentence ends at `.`, `!` or `?` followed by space, or at a blank line), plus any line
/// break, since pasted news text puts headlines and datelines on lines of their own.
pub fn sentence_ranges(text: &str, toks: &[Token]) -> Vec<Range<usize>> {
    split_sentences(text, toks, Breaks::AnyLine)
}

/// Which line breaks end a sentence in [`split_sentences`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Breaks {
    /// Only a blank line (`\n\n` or `\r\n\r\n` between two tokens): [`sentences`].
    BlankLine,
    /// Any line break, and a full stop right after a single capital ("P. Simmons") is an
    /// initial's, not a sentence's end: [`sentence_ranges`], which the tagger reads.
    AnyLine,
}

/// Sentences of `toks` as ranges of token indices: a sentence ends at `.`, `!` or `?`
/// followed by space (or the text's end), at the line breaks `breaks` says, and at the
/// last token.
fn split_sentences(text: &str, toks: &[Token], breaks: Breaks) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..toks.len() {
        let t = &toks[i];
        let next = toks.get(i + 1);
        let gap = next.map_or("", |n| &text[t.span.end..n.span.start]);
        let tx = t.text(text);
        let (line_ends, initial) = match breaks {
            Breaks::BlankLine => (gap.contains("\n\n") || gap.contains("\r\n\r\n"), false),
            // "P. Simmons": a full stop right after a single capital is an initial's.
            Breaks::AnyLine => (
                gap.contains('\n'),
                tx == "."
                    && i > 0
                    && toks[i - 1].span.end == t.span.start
                    && is_initial(toks[i - 1].text(text)),
            ),
        };
        let ends =
            (matches!(tx, "." | "!" | "?") && !initial && (next.is_none() || !gap.is_empty()))
                || line_ends
                || next.is_none();
        if ends {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    out
}

/// A single capital letter: the initial of a name when a full stop follows it.
fn is_initial(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase) && cs.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The token boundaries [`TOKEN_PATTERN`] gives, before abbreviations and possessives.
    fn by_regex(text: &str) -> Vec<(usize, usize)> {
        static RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(TOKEN_PATTERN).unwrap());
        RE.find_iter(text).map(|m| (m.start(), m.end())).collect()
    }

    fn by_hand(text: &str) -> Vec<(usize, usize)> {
        let mut scan = Scan { text, at: 0 };
        std::iter::from_fn(|| scan.next_token()).collect()
    }

    #[test]
    fn the_scanner_agrees_with_the_token_regex() {
        let cases = [
            "U.S.A. a.m. U.S-led e.g.. A. B",
            "O'Brien rock'n'roll it’s 'quoted' don'",
            "2025-09-01 3.5 1,000 10:30 1/2/ 4.. ,5 ½ Ⅻ ²3 ٣٤ 12:",
            "naïve café e\u{301}x \u{301}lone Zürich São 東京 🙂👨‍👩‍👧 مرحبا שלום",
            "tabs\tand\r\nCRLF\u{a0}nbsp\u{2003}em\u{200b}zw\u{feff}bom\u{0}nul",
            "x\u{1c}y\u{85}z — “quotes” ... !? #tag @user $5 €3,50 A1b2 a'1 a’é",
        ];
        for text in cases {
            assert_eq!(by_hand(text), by_regex(text), "{text:?}");
        }
        // Every character next to every other, and random strings over the same alphabet.
        let alphabet: Vec<char> = "aZ9.,:/'’ \n\u{301}é½Ⅻ東🙂\u{a0}-".chars().collect();
        for &a in &alphabet {
            for &b in &alphabet {
                for &c in &alphabet {
                    let t: String = [a, b, c, a].iter().collect();
                    assert_eq!(by_hand(&t), by_regex(&t), "{t:?}");
                }
            }
        }
        let mut seed = 0x2545f4914f6cdd1du64;
        for _ in 0..3000 {
            let t: String = (0..24)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    alphabet[(seed % alphabet.len() as u64) as usize]
                })
                .collect();
            assert_eq!(by_hand(&t), by_regex(&t), "{t:?}");
        }
    }

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn splits_news_text() {
        assert_eq!(
            words("U.S. President Donald Trump's talks on Sept. 4, in the Russia-Ukraine war."),
            [
                "U.S.",
                "President",
                "Donald",
                "Trump",
                "'s",
                "talks",
                "on",
                "Sept.",
                "4",
                ",",
                "in",
                "the",
                "Russia",
                "-",
                "Ukraine",
                "war",
                "."
            ]
        );
    }

    #[test]
    fn keeps_offsets_exact_on_unicode() {
        let text = "Zoë’s café — 北京 😀 O'Brien\r\n3.5%";
        for t in tokenize(text) {
            assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        }
        assert_eq!(
            words(text),
            ["Zoë", "’s", "café", "—", "北京", "😀", "O'Brien", "3.5", "%"]
        );
    }

    #[test]
    fn splits_sentences_but_not_after_abbreviations() {
        let text = "He met Mr. Smith on Sept. 4. They talked.\n\nNew paragraph";
        let got: Vec<&str> = sentences(text).iter().map(|s| &text[*s]).collect();
        assert_eq!(
            got,
            [
                "He met Mr. Smith on Sept. 4.",
                "They talked.",
                "New paragraph"
            ]
        );
    }
}
