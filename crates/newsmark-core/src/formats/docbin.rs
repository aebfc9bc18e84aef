//! spaCy `DocBin` (`.spacy`), export only: the binary file `spacy train` reads, one or many
//! documents.
//!
//! The file is a zlib stream holding one msgpack map, as spaCy 3's `DocBin.to_bytes`
//! writes it:
//!
//! - `attrs`: the token columns, spaCy attribute ids `[ORTH, ENT_IOB, ENT_TYPE]`;
//! - `tokens`: one row of `u64` per token (little-endian), every document's rows one after
//!   the other; `ORTH` and `ENT_TYPE` are string hashes (spaCy's 64-bit MurmurHash2,
//!   `MurmurHash64A` with seed 1, of the UTF-8 string; the strings of spaCy's symbol table,
//!   such as `LOC` and `DATE`, have their small symbol id instead), `ENT_IOB` is 1 = I,
//!   2 = O, 3 = B;
//! - `spaces`: one byte per token, 1 when a single U+0020 follows it;
//! - `lengths`: the token count of each document (`i32`, little-endian);
//! - `strings`: every string hashed above, so spaCy can turn hashes back into text;
//! - `cats`, `flags`, `span_groups`, `user_data`: one entry per document.
//!
//! **Tokens** come from the project tokenizer, cut further at span edges, so that every
//! span lies on token boundaries and `Doc.char_span(start, end)` finds it. The white space
//! between tokens is kept as spaCy keeps it: a single space after a token is its `whitespace_`,
//! any other white space is a token of its own, so `doc.text` is the text exactly.
//!
//! **Entities** (every label that is not a TIMEX3 type) are `doc.ents`. **Time
//! expressions** (`DATE`, `TIME`, `DURATION`, `SET`) are not entities in the CoNLL sense
//! and go to the span group `doc.spans["timex"]`, labelled with their type; the TIMEX3
//! value is the span's `kb_id_` (a normalisation, which is what a knowledge-base id is),
//! so `span.kb_id_ == "2025-09-04"`. The DCT is `doc.user_data["dct"]` (`"YYYY-MM-DD"`).
//! Offsets are code points, as Python's `str` counts (`span.start_char`).
//!
//! The deflate stream is written with stored (uncompressed) blocks: every zlib reader
//! reads it, and it keeps a compressor out of the page. Lost: statuses, sources, ids.

use super::spacy_symbols::SYMBOLS;
use super::{checked_spans, ExportError, Format, Units};
use crate::document::Document;
use crate::extract::labels::is_time;
use crate::span::{Byte, Span};
use crate::text::tokenize;
use std::collections::BTreeSet;

const F: Format = Format::SpacyDocBin;

/// spaCy's attribute ids (`spacy.attrs`), stable across spaCy 3.
const ORTH: u64 = 65;
const ENT_IOB: u64 = 77;
const ENT_TYPE: u64 = 78;
const IOB_I: u64 = 1;
const IOB_O: u64 = 2;
const IOB_B: u64 = 3;

/// The name of the span group that holds the time expressions.
pub const TIMEX_GROUP: &str = "timex";

/// The id spaCy's `StringStore` gives `s`: its symbol id for the few hundred strings in
/// spaCy's symbol table (`LOC`, `DATE`, `NOUN`, the empty string…), else its hash.
pub fn string_id(s: &str) -> u64 {
    match SYMBOLS.binary_search_by(|(k, _)| (*k).cmp(s)) {
        Ok(i) => SYMBOLS[i].1,
        Err(_) => hash_string(s),
    }
}

/// spaCy's string hash: `MurmurHash64A` of the UTF-8 bytes with seed 1.
pub fn hash_string(s: &str) -> u64 {
    const M: u64 = 0xc6a4_a793_5bd1_e995;
    const R: u32 = 47;
    let data = s.as_bytes();
    let mut h: u64 = 1 ^ (data.len() as u64).wrapping_mul(M);
    let mut blocks = data.chunks_exact(8);
    for b in &mut blocks {
        let mut k = u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
        k = k.wrapping_mul(M);
        k ^= k >> R;
        k = k.wrapping_mul(M);
        h ^= k;
        h = h.wrapping_mul(M);
    }
    let tail = blocks.remainder();
    if !tail.is_empty() {
        for (i, &b) in tail.iter().enumerate() {
            h ^= u64::from(b) << (8 * i);
        }
        h = h.wrapping_mul(M);
    }
    h ^= h >> R;
    h = h.wrapping_mul(M);
    h ^= h >> R;
    h
}

/// One spaCy token: its byte span in the text and whether one U+0020 follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SpacyToken {
    pub(crate) span: Span<Byte>,
    pub(crate) space: bool,
}

fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

/// True when `c` never starts a grapheme cluster of its own: joiners, variation selectors,
/// emoji skin-tone modifiers, tag characters and the common blocks of combining marks.
fn extends_cluster(c: char) -> bool {
    matches!(c,
        '\u{200C}' | '\u{200D}'
        | '\u{0300}'..='\u{036F}'
        | '\u{0483}'..='\u{0489}'
        | '\u{0591}'..='\u{05BD}'
        | '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{1F3FB}'..='\u{1F3FF}'
        | '\u{E0020}'..='\u{E007F}'
        | '\u{E0100}'..='\u{E01EF}')
}

/// The project tokenizer's tokens, joined where the tokenizer cut inside a grapheme cluster
/// (a flag's two regional indicators, a ZWJ emoji sequence, a base and its combining marks
/// or modifiers), then cut at every byte offset in `cuts` that falls inside one (span
/// edges, which must be token boundaries).
pub(crate) fn tokens_cut_at(text: &str, cuts: &[usize]) -> Vec<Span<Byte>> {
    let mut words: Vec<Span<Byte>> = Vec::new();
    for t in tokenize(text) {
        if let Some(last) = words.last_mut() {
            if last.end == t.span.start {
                let before = text[*last].chars().next_back();
                let after = text[t.span].chars().next();
                let glued = match (before, after) {
                    (Some(a), Some(b)) => {
                        let ri_pair = is_regional_indicator(a)
                            && is_regional_indicator(b)
                            && text[*last]
                                .chars()
                                .rev()
                                .take_while(|&c| is_regional_indicator(c))
                                .count()
                                % 2
                                == 1;
                        extends_cluster(b) || a == '\u{200D}' || ri_pair
                    }
                    _ => false,
                };
                if glued {
                    last.end = t.span.end;
                    continue;
                }
            }
        }
        words.push(t.span);
    }
    let mut tokens: Vec<Span<Byte>> = Vec::new();
    for w in words {
        let mut from = w.start;
        for &c in cuts {
            if c > from && c < w.end {
                tokens.push(Span::new(from, c));
                from = c;
            }
        }
        tokens.push(Span::new(from, w.end));
    }
    tokens.sort_by_key(|t| t.start);
    tokens
}

/// spaCy's tokens for `text`: `words` cover everything but single spaces after a token,
/// so that joining each token's text and its space gives `text` back.
pub(crate) fn spacy_tokens(text: &str, words: &[Span<Byte>]) -> Vec<SpacyToken> {
    let mut out: Vec<SpacyToken> = Vec::with_capacity(words.len() * 2);
    let mut at = 0;
    let gap = |out: &mut Vec<SpacyToken>, from: usize, to: usize| {
        let mut from = from;
        if from < to && text[from..].starts_with(' ') {
            if let Some(last) = out.last_mut() {
                last.space = true;
                from += 1;
            }
        }
        if from < to {
            out.push(SpacyToken {
                span: Span::new(from, to),
                space: false,
            });
        }
    };
    for w in words {
        gap(&mut out, at, w.start);
        out.push(SpacyToken {
            span: *w,
            space: false,
        });
        at = w.end;
    }
    gap(&mut out, at, text.len());
    out
}

/// The `.spacy` bytes for `docs`, one spaCy `Doc` each, in order.
pub fn export(docs: &[&Document]) -> Result<Vec<u8>, ExportError> {
    let mut w = DocBinWriter::default();
    for d in docs {
        w.add(d)?;
    }
    Ok(w.finish())
}

/// A `.spacy` file built one document at a time (the CLI's whole-project export), holding
/// only the token rows and strings, not the documents.
#[derive(Debug, Default)]
pub struct DocBinWriter {
    strings: BTreeSet<String>,
    tokens: Vec<u8>,
    spaces: Vec<u8>,
    lengths: Vec<u8>,
    groups: Vec<Vec<u8>>,
    user_data: Vec<Vec<u8>>,
}

impl DocBinWriter {
    /// Documents added so far.
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// True before the first document.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Adds `doc` as the next spaCy `Doc`; on an error nothing is added.
    pub fn add(&mut self, doc: &Document) -> Result<(), ExportError> {
        let mut new_strings: BTreeSet<String> = BTreeSet::new();
        let mut rows: Vec<u8> = Vec::new();
        let mut spaces: Vec<u8> = Vec::new();
        let text = doc.text();
        let units = Units::new(text);
        let spans = checked_spans(F, doc, &units)?;
        let cuts: Vec<usize> = spans
            .iter()
            .flat_map(|c| [c.bytes.start, c.bytes.end])
            .collect();
        let toks = spacy_tokens(text, &tokens_cut_at(text, &cuts));
        // Token index by byte offset of its start and its end.
        let start_tok = |b: usize| toks.binary_search_by_key(&b, |t| t.span.start).ok();
        let end_tok = |b: usize| toks.binary_search_by_key(&b, |t| t.span.end).ok();
        let mut iob = vec![(IOB_O, 0u64); toks.len()];
        let mut timex: Vec<[u8; 40]> = Vec::new();
        for c in &spans {
            let (Some(s), Some(e)) = (start_tok(c.bytes.start), end_tok(c.bytes.end)) else {
                return Err(ExportError::new(
                    F,
                    Some(c.ann.id),
                    format!(
                        "[{}, {}) does not fall on token boundaries",
                        c.chars.start, c.chars.end
                    ),
                ));
            };
            let label = string_id(&c.ann.label);
            new_strings.insert(c.ann.label.clone());
            if is_time(&c.ann.label) {
                let kb = match &c.ann.value {
                    Some(v) => {
                        new_strings.insert(v.clone());
                        string_id(v)
                    }
                    None => 0,
                };
                // struct.pack(">QQQllll", id, kb_id, label, start, end, start_char, end_char)
                let mut row = [0u8; 40];
                row[8..16].copy_from_slice(&kb.to_be_bytes());
                row[16..24].copy_from_slice(&label.to_be_bytes());
                for (k, v) in [s, e + 1, c.chars.start, c.chars.end]
                    .into_iter()
                    .enumerate()
                {
                    let v = i32::try_from(v).map_err(|_| {
                        ExportError::new(F, Some(c.ann.id), "offset beyond spaCy's 32-bit range")
                    })?;
                    row[24 + 4 * k..28 + 4 * k].copy_from_slice(&v.to_be_bytes());
                }
                timex.push(row);
            } else {
                iob[s] = (IOB_B, label);
                for x in &mut iob[s + 1..=e] {
                    *x = (IOB_I, label);
                }
            }
        }
        for (t, (io, ty)) in toks.iter().zip(&iob) {
            let word = &text[t.span];
            rows.extend_from_slice(&string_id(word).to_le_bytes());
            rows.extend_from_slice(&io.to_le_bytes());
            rows.extend_from_slice(&ty.to_le_bytes());
            spaces.push(u8::from(t.space));
            if !self.strings.contains(word) && !new_strings.contains(word) {
                new_strings.insert(word.to_string());
            }
        }
        let n = i32::try_from(toks.len())
            .map_err(|_| ExportError::new(F, None, "more tokens than spaCy's 32-bit range"))?;
        self.lengths.extend_from_slice(&n.to_le_bytes());
        self.groups.push(span_groups(&timex));
        let mut ud = Vec::new();
        match doc.dct() {
            Some(d) => {
                map_len(&mut ud, 1);
                str_(&mut ud, "dct");
                str_(&mut ud, &d.format("%Y-%m-%d").to_string());
            }
            None => map_len(&mut ud, 0),
        }
        self.user_data.push(ud);
        self.strings.extend(new_strings);
        self.tokens.extend_from_slice(&rows);
        self.spaces.extend_from_slice(&spaces);
        Ok(())
    }

    /// The file's bytes.
    pub fn finish(self) -> Vec<u8> {
        let DocBinWriter {
            strings,
            tokens,
            spaces,
            lengths,
            groups,
            user_data,
        } = self;
        let n = groups.len();
        let mut m = Vec::new();
        map_len(&mut m, 10);
        str_(&mut m, "version");
        str_(&mut m, "0.1");
        str_(&mut m, "attrs");
        array_len(&mut m, 3);
        for a in [ORTH, ENT_IOB, ENT_TYPE] {
            uint(&mut m, a);
        }
        str_(&mut m, "tokens");
        bin(&mut m, &tokens);
        str_(&mut m, "spaces");
        bin(&mut m, &spaces);
        str_(&mut m, "lengths");
        bin(&mut m, &lengths);
        str_(&mut m, "strings");
        array_len(&mut m, strings.len());
        for s in &strings {
            str_(&mut m, s);
        }
        str_(&mut m, "cats");
        array_len(&mut m, n);
        for _ in 0..n {
            map_len(&mut m, 0);
        }
        str_(&mut m, "flags");
        array_len(&mut m, n);
        for _ in 0..n {
            map_len(&mut m, 1);
            str_(&mut m, "has_unknown_spaces");
            m.push(0xc2); // false
        }
        str_(&mut m, "span_groups");
        array_len(&mut m, groups.len());
        for g in &groups {
            bin(&mut m, g);
        }
        str_(&mut m, "user_data");
        array_len(&mut m, user_data.len());
        for u in &user_data {
            bin(&mut m, u);
        }
        zlib_stored(&m)
    }
}

/// `doc.spans` as spaCy serialises it: `{SpanGroup bytes: ["timex"]}`, each group
/// `{"name", "attrs": {}, "spans": [packed span…]}`.
fn span_groups(timex: &[[u8; 40]]) -> Vec<u8> {
    let mut group = Vec::new();
    map_len(&mut group, 3);
    str_(&mut group, "name");
    str_(&mut group, TIMEX_GROUP);
    str_(&mut group, "attrs");
    map_len(&mut group, 0);
    str_(&mut group, "spans");
    array_len(&mut group, timex.len());
    for row in timex {
        bin(&mut group, row);
    }
    let mut out = Vec::new();
    map_len(&mut out, 1);
    bin(&mut out, &group);
    array_len(&mut out, 1);
    str_(&mut out, TIMEX_GROUP);
    out
}

// The msgpack subset the file needs.

fn uint(out: &mut Vec<u8>, v: u64) {
    match v {
        0..=0x7f => out.push(v as u8),
        0x80..=0xff => out.extend_from_slice(&[0xcc, v as u8]),
        0x100..=0xffff => {
            out.push(0xcd);
            out.extend_from_slice(&(v as u16).to_be_bytes());
        }
        0x1_0000..=0xffff_ffff => {
            out.push(0xce);
            out.extend_from_slice(&(v as u32).to_be_bytes());
        }
        _ => {
            out.push(0xcf);
            out.extend_from_slice(&v.to_be_bytes());
        }
    }
}

/// A header with a 4-bit, 16-bit or 32-bit length (`fix` is the 4-bit form's tag).
fn header(out: &mut Vec<u8>, n: usize, fix: u8, tag16: u8) {
    if n < 16 {
        out.push(fix | n as u8);
    } else if let Ok(n) = u16::try_from(n) {
        out.push(tag16);
        out.extend_from_slice(&n.to_be_bytes());
    } else {
        out.push(tag16 + 1);
        out.extend_from_slice(&(n as u32).to_be_bytes());
    }
}

fn array_len(out: &mut Vec<u8>, n: usize) {
    header(out, n, 0x90, 0xdc);
}

fn map_len(out: &mut Vec<u8>, n: usize) {
    header(out, n, 0x80, 0xde);
}

fn str_(out: &mut Vec<u8>, s: &str) {
    let n = s.len();
    if n < 32 {
        out.push(0xa0 | n as u8);
    } else if let Ok(n) = u8::try_from(n) {
        out.extend_from_slice(&[0xd9, n]);
    } else if let Ok(n) = u16::try_from(n) {
        out.push(0xda);
        out.extend_from_slice(&n.to_be_bytes());
    } else {
        out.push(0xdb);
        out.extend_from_slice(&(n as u32).to_be_bytes());
    }
    out.extend_from_slice(s.as_bytes());
}

fn bin(out: &mut Vec<u8>, b: &[u8]) {
    let n = b.len();
    if let Ok(n) = u8::try_from(n) {
        out.extend_from_slice(&[0xc4, n]);
    } else if let Ok(n) = u16::try_from(n) {
        out.push(0xc5);
        out.extend_from_slice(&n.to_be_bytes());
    } else {
        out.push(0xc6);
        out.extend_from_slice(&(n as u32).to_be_bytes());
    }
    out.extend_from_slice(b);
}

/// A zlib stream (RFC 1950) of stored deflate blocks (RFC 1951 §3.2.4) holding `data`.
fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + data.len() / 65535 * 5 + 11);
    out.extend_from_slice(&[0x78, 0x01]);
    let mut chunks = data.chunks(65535).peekable();
    if chunks.peek().is_none() {
        out.extend_from_slice(&[1, 0, 0, 0xff, 0xff]);
    }
    while let Some(c) = chunks.next() {
        out.push(u8::from(chunks.peek().is_none()));
        let n = c.len() as u16;
        out.extend_from_slice(&n.to_le_bytes());
        out.extend_from_slice(&(!n).to_le_bytes());
        out.extend_from_slice(c);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &x in data {
        a = (a + u32::from(x)) % 65521;
        b = (b + a) % 65521;
    }
    out.extend_from_slice(&((b << 16) | a).to_be_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_spacys() {
        // Values from spaCy 3.8's `spacy.strings.hash_string`.
        assert_eq!(hash_string("PER"), 4317129024397789502);
        assert_eq!(hash_string("Zoë"), 16948573035762911534);
        assert_eq!(hash_string(""), 14313749767032693980);
        // Symbols are not hashed.
        assert_eq!(string_id("LOC"), 385);
        assert_eq!(string_id("PER"), hash_string("PER"));
        assert!(SYMBOLS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn spacy_tokens_give_the_text_back() {
        let text = "  Hi  there,\r\nNew York ";
        let toks = spacy_tokens(text, &tokens_cut_at(text, &[]));
        let mut back = String::new();
        for t in &toks {
            back.push_str(&text[t.span]);
            if t.space {
                back.push(' ');
            }
        }
        assert_eq!(back, text);
        assert!(toks.iter().all(|t| !t.span.is_empty()));
    }
}
