//! Tokeniser and sentence splitter with exact byte offsets into the original text.
//!
//! Tokens never lose or invent characters: every token is `&text[span]`. Whitespace is not a
//! token. Hyphenated compounds split at the hyphen ("Russia-Ukraine" → `Russia` `-`
//! `Ukraine`), possessive `'s` is its own token, and dotted abbreviations stay whole
//! (`U.S.`, `Sept.`, `Mr.`).

use crate::span::Span;
use regex::Regex;
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
    pub span: Span,
    /// What it is made of.
    pub kind: TokenKind,
}

impl Token {
    /// The token's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.span.start..self.span.end]
    }
}

static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
          (?:\p{L}\.){2,}                                   # U.S.  a.m.
        | \p{L}[\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}]+)*      # words, O'Brien
        | \p{N}+(?:[.,:/]\p{N}+)*                           # 2025  3.5  1,000  10:30
        | [^\s]                                             # anything else, one char
        ",
    )
    .expect("token regex")
});

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
    for m in TOKEN.find_iter(text) {
        let s = m.as_str();
        let first = s.chars().next().unwrap_or(' ');
        let kind = if first.is_alphabetic() {
            TokenKind::Word
        } else if first.is_numeric() {
            TokenKind::Number
        } else {
            TokenKind::Punct
        };
        // A full stop right after an abbreviation joins it.
        if s == "." {
            if let Some(prev) = out.last_mut() {
                if prev.kind == TokenKind::Word
                    && prev.span.end == m.start()
                    && is_abbreviation(&text[prev.span.start..prev.span.end])
                {
                    prev.span.end = m.end();
                    continue;
                }
            }
        }
        // Possessive 's splits off: "Trump's" -> "Trump" "'s".
        if kind == TokenKind::Word && s.len() > 3 {
            for apos in ["'s", "’s", "'S", "’S"] {
                if let Some(stem) = s.strip_suffix(apos) {
                    if !stem.contains(['\'', '’']) {
                        let cut = m.start() + stem.len();
                        out.push(Token {
                            span: Span::new(m.start(), cut),
                            kind,
                        });
                        out.push(Token {
                            span: Span::new(cut, m.end()),
                            kind: TokenKind::Word,
                        });
                        break;
                    }
                }
            }
            if out.last().is_some_and(|t| t.span.end == m.end()) {
                continue;
            }
        }
        out.push(Token {
            span: Span::new(m.start(), m.end()),
            kind,
        });
    }
    out
}

/// Byte spans of sentences: a sentence ends at `.`, `!` or `?` (not one closing an
/// abbreviation) followed by space, or at a blank line.
pub fn sentences(text: &str) -> Vec<Span> {
    let tokens = tokenize(text);
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, t) in tokens.iter().enumerate() {
        let s = start.get_or_insert(t.span.start);
        let tx = t.text(text);
        let next = tokens.get(i + 1);
        let gap = next.map_or("", |n| &text[t.span.end..n.span.start]);
        let ends = matches!(tx, "." | "!" | "?") && (next.is_none() || !gap.is_empty())
            || gap.contains("\n\n")
            || gap.contains("\r\n\r\n")
            || next.is_none();
        if ends {
            out.push(Span::new(*s, t.span.end));
            start = None;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let got: Vec<&str> = sentences(text)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect();
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
