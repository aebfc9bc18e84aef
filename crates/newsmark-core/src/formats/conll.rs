//! CoNLL-2003-style columns, export only: `-DOCSTART- -X- -X- O`, then one token per line
//! as `token _ _ TAG` (token, POS, chunk, entity tag; newsmark has no POS or chunk, so
//! those columns are `_`), a blank line between sentences. Tags are BIO (IOB2): `B-PER`
//! starts a span, `I-PER` continues it, `O` is outside.
//!
//! Tokens come from the project tokenizer ([`crate::text::tokenize`]), never split inside a
//! grapheme cluster (flags, ZWJ emoji sequences, combining accents stay whole), cut further
//! at span edges so every span is whole tokens, and sentences from [`crate::text::sentences`]
//! (never split inside a span). There are no character offsets (unit: tokens) and the
//! white space between tokens is gone. Loses: the exact text (spacing, line breaks), the
//! DCT, TIMEX values (a `DATE` span is just `B-DATE I-DATE`), statuses, sources and ids.

use super::{checked_spans, ExportError, Format, Units};
use crate::document::Document;
use crate::span::{Byte, Span};
use crate::text::sentences;

/// The CoNLL text for `doc`.
pub fn export(doc: &Document) -> Result<String, ExportError> {
    let text = doc.text();
    let units = Units::new(text);
    let spans = checked_spans(Format::Conll, doc, &units)?;
    // Byte spans of the annotations, with their labels.
    let marks: Vec<(Span<Byte>, &str)> = spans
        .iter()
        .map(|c| (c.bytes, c.ann.label.as_str()))
        .collect();
    for c in &spans {
        if c.ann.label.chars().any(char::is_whitespace) {
            return Err(ExportError::new(
                Format::Conll,
                Some(c.ann.id),
                format!("CoNLL tags cannot hold spaces: “{}”", c.ann.label),
            ));
        }
    }
    let cuts: Vec<usize> = marks.iter().flat_map(|(s, _)| [s.start, s.end]).collect();
    let tokens = super::docbin::tokens_cut_at(text, &cuts);
    let sentence_starts: Vec<usize> = sentences(text).iter().map(|s| s.start).collect();
    let mut out = String::from("-DOCSTART- -X- -X- O\n");
    let mut in_sentence = false;
    for t in tokens {
        let inside = marks
            .iter()
            .find(|(s, _)| s.start <= t.start && t.end <= s.end);
        let opens_sentence = sentence_starts.binary_search(&t.start).is_ok();
        let within_span = inside.is_some_and(|(s, _)| s.start < t.start);
        if opens_sentence && !within_span {
            out.push('\n');
            in_sentence = false;
        }
        let tag = match inside {
            Some((s, l)) if s.start == t.start => format!("B-{l}"),
            Some((_, l)) => format!("I-{l}"),
            None => "O".to_string(),
        };
        if !in_sentence && !opens_sentence {
            // A token before the first sentence start (cannot happen with the splitter,
            // but never lose one).
            out.push('\n');
        }
        in_sentence = true;
        out.push_str(&text[t]);
        out.push_str(" _ _ ");
        out.push_str(&tag);
        out.push('\n');
    }
    Ok(out)
}
