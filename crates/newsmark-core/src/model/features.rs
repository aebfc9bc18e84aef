//! Features of the entity tagger, as 64-bit hashes (feature hashing: no strings are stored
//! in the model's weights).
//!
//! Static features (computed once per token): the word, its lower case, shape, prefixes and
//! suffixes, its word classes ([`clusters`]) and those of the words beside it,
//! capitalisation and position in the sentence, the words and shapes of a ±2 window, word
//! bigrams, word-list membership (place, nationality, organisation, MISC-name and
//! sports-team phrases with their BILOU position; title, first name, organisation word,
//! legal form, function word), and
//! document-level cues (is the word also seen in lower case, or capitalised mid-sentence,
//! elsewhere in the document; is the sentence an all-capitals headline).
//! Dynamic features (depend on the tags already chosen): the previous two tags, the
//! previous tag with the word and with its shape, and the type this word last received in
//! the document.

use super::clusters::{self, Clusters};
use crate::hash::{WordHasher, WordMap};
use crate::lexicon::{self, class, Lexicon};
use crate::text::{Token, TokenKind};
use std::borrow::Cow;
use std::hash::BuildHasherDefault;
use std::ops::Range;

/// Number of tags: `O` plus B, I, L, U for each of PER, ORG, LOC, MISC.
pub const NTAGS: usize = 17;
/// Entity types in tag order.
pub const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];

/// Tag index of `pos` (0 B, 1 I, 2 L, 3 U) of type `ty`.
pub const fn tag(ty: usize, pos: usize) -> usize {
    1 + ty * 4 + pos
}
/// Type (0..4) of a tag, `None` for `O`.
pub const fn tag_type(t: usize) -> Option<usize> {
    if t == 0 {
        None
    } else {
        Some((t - 1) / 4)
    }
}
/// Position (0 B, 1 I, 2 L, 3 U) of a non-`O` tag.
pub const fn tag_pos(t: usize) -> usize {
    (t - 1) % 4
}

/// True when tag `next` may follow tag `prev` in BILOU.
pub fn allowed(prev: usize, next: usize) -> bool {
    let open = prev != 0 && matches!(tag_pos(prev), 0 | 1);
    if open {
        next != 0 && tag_type(next) == tag_type(prev) && matches!(tag_pos(next), 1 | 2)
    } else {
        next == 0 || matches!(tag_pos(next), 0 | 3)
    }
}

/// FNV-1a over a template id and parts.
fn fnv(template: u8, parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    let mut eat = |b: u8| {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    };
    eat(template);
    for p in parts {
        for &b in *p {
            eat(b);
        }
        eat(0xff);
    }
    // Final mix so that low bits are usable.
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51afd7ed558ccd);
    h ^ (h >> 33)
}

/// Hashes of the shapes of a word: long (`Xxxxx`, runs cut at four) and short (`Xx`, runs
/// of one class kept once); no string is built.
fn shapes(w: &str) -> (u64, u64) {
    let (mut long, mut short) = (Fnv::new(4), Fnv::new(5));
    let mut last = '\0';
    let mut run = 0;
    for ch in w.chars() {
        let c = if ch.is_uppercase() {
            'X'
        } else if ch.is_lowercase() {
            'x'
        } else if ch.is_numeric() {
            'd'
        } else {
            ch
        };
        let mut b = [0u8; 4];
        let b = c.encode_utf8(&mut b).as_bytes();
        if c == last {
            run += 1;
        } else {
            run = 1;
            short.eat(b);
        }
        if run <= 4 {
            long.eat(b);
        }
        last = c;
    }
    (long.finish(), short.finish())
}

/// Incremental FNV-1a with the same result as [`fnv`] over one part.
struct Fnv(u64);
impl Fnv {
    fn new(template: u8) -> Fnv {
        Fnv((0xcbf29ce484222325u64 ^ template as u64).wrapping_mul(0x100000001b3))
    }
    fn eat(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x100000001b3);
        }
    }
    fn finish(mut self) -> u64 {
        self.eat(&[0xff]);
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51afd7ed558ccd);
        h ^ (h >> 33)
    }
}

/// Mixes a template id and 64-bit parts (word and shape hashes) into a feature hash: the
/// features of a token's context are built from hashes its words already have, so no
/// byte is hashed twice.
#[inline]
pub fn mix(template: u8, parts: &[u64]) -> u64 {
    let mut h = (template as u64 + 1).wrapping_mul(0x9e3779b97f4a7c15);
    for &p in parts {
        h = (h ^ p).wrapping_mul(0xff51afd7ed558ccd);
        h ^= h >> 32;
    }
    h = h.wrapping_mul(0xc4ceb9fe1a85ec53);
    h ^ (h >> 33)
}

/// What features need of one distinct word of a document.
struct Word {
    /// Its lower case, a range of `DocFeatures::lower_buf`.
    lower: Range<u32>,
    /// Hash of the lower case.
    lh: u64,
    /// Long and short shape hashes.
    long: u64,
    short: u64,
    /// Packed word-class path ([`clusters`]), [`clusters::NONE`] if unknown.
    cl: u32,
    /// Single-word list classes.
    classes: u16,
    /// Starts with a capital; has letters and no lower case.
    cap: bool,
    all_caps: bool,
    /// Has a letter.
    alpha: bool,
    /// Starts with a lower-case letter.
    lower_first: bool,
}

/// Per-token facts of one document that features are built from. Facts of a word alone
/// are kept once per distinct word (`vocab`), tokens point to them (`wid`).
pub struct DocFeatures<'t> {
    /// Token texts.
    pub words: Vec<&'t str>,
    /// Per token, its index in `vocab`.
    pub wid: Vec<u32>,
    vocab: Vec<Word>,
    lower_buf: String,
    /// Sentences, as token ranges.
    pub sents: Vec<Range<usize>>,
    /// Per token: sentence-initial, headline, seen in lower case elsewhere, seen
    /// capitalised mid-sentence elsewhere (bits of [`INITIAL`] …).
    cues: Vec<u8>,
    /// Per token: phrase-list classes and position ([`Lexicon::matches_words`]).
    gaz: Vec<(u16, u8)>,
    /// Per token: single-word list classes (of the title case of an upper-case headline
    /// word).
    classes: Vec<u16>,
    /// Static feature hashes of all tokens once [`DocFeatures::materialise`]d, token `i`'s at
    /// `feat_at[i]..feat_at[i + 1]`.
    feat_buf: Vec<u64>,
    feat_at: Vec<u32>,
}

const INITIAL: u8 = 1;
const HEADLINE: u8 = 2;
const SEEN_LOWER: u8 = 4;
const SEEN_CAP_MID: u8 = 8;

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn all_caps(w: &str) -> bool {
    w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase)
}

fn title_case(w: &str) -> String {
    let mut s = String::with_capacity(w.len());
    for (k, ch) in w.chars().enumerate() {
        if k == 0 {
            s.push(ch);
        } else {
            s.extend(ch.to_lowercase());
        }
    }
    s
}

/// Byte offset after the first `k` characters of `s` (ASCII: `k`).
fn cut_after(s: &str, k: usize) -> usize {
    if s.is_ascii() {
        k
    } else {
        s.char_indices().nth(k).map_or(s.len(), |(b, _)| b)
    }
}

/// Hash of the lower case of a word, the start of the sentence for a missing one.
pub fn word_hash(lw: &str) -> u64 {
    fnv(3, &[lw.as_bytes()])
}

/// Hash-set of words for document cues.
type WordSet<'t> = std::collections::HashSet<&'t str, BuildHasherDefault<WordHasher>>;

/// Templates of the features of a neighbouring word's lower case, at offsets -1, +1, -2, +2.
pub const NEIGHBOURS: [(u8, isize); 4] = [(16, -1), (17, 1), (18, -2), (19, 2)];

/// Hash standing for a word or shape beyond the sentence's ends.
const EDGE: u64 = 0x5f3c_9d2e_71a4_b806;

/// Templates of the short shape of the previous and next word, in [`NEIGHBOURS`] order.
const NEIGHBOUR_SHAPES: [Option<u8>; 4] = [Some(20), Some(21), None, None];

/// Templates of the word class (middle level) of a neighbouring word, in [`NEIGHBOURS`]
/// order; for the adjacent words, these plus 10 are the templates of their finest class.
const NEIGHBOUR_CLASSES: [u8; 4] = [55, 56, 57, 58];

/// What the features of a neighbour need of its word: lower-case hash, short shape hash
/// and packed word classes.
pub type Neighbour = (u64, u64, u32);

/// The features a token gets from the word at `NEIGHBOURS[k]`, given that word's lower-case
/// and short-shape hashes and classes (`None`: no word there, outside the sentence): its
/// lower case, for the adjacent words their shape, and its word class when known. They
/// depend on that word alone, so the tagger scores them once per distinct word.
#[inline]
pub fn neighbour_feats(k: usize, word: Option<Neighbour>, out: &mut Vec<u64>) {
    let (lh, short, cl) = word.unwrap_or((EDGE, EDGE, clusters::NONE));
    out.push(mix(NEIGHBOURS[k].0, &[lh]));
    if let Some(t) = NEIGHBOUR_SHAPES[k] {
        out.push(mix(t, &[short]));
    }
    if cl != clusters::NONE {
        let [c1, c2, _] = clusters::levels(cl);
        out.push(mix(NEIGHBOUR_CLASSES[k], &[c2]));
        if k < 2 {
            out.push(mix(NEIGHBOUR_CLASSES[k] + 10, &[c1]));
        }
    }
}

/// Features that depend on the word alone (its text, lower case, shapes and word classes):
/// the constant bias, the word, its lower case, shapes, prefixes and suffixes, and the path
/// of its word classes (each level alone, the middle one with the shape).
fn word_feats(w: &str, lw: &str, long: u64, short: u64, cl: u32, out: &mut Vec<u64>) {
    if cl != clusters::NONE {
        let [c1, c2, c3] = clusters::levels(cl);
        out.push(mix(50, &[c1]));
        out.push(mix(51, &[c2]));
        out.push(mix(52, &[c3]));
        out.push(mix(53, &[c2, short]));
    }
    out.push(fnv(1, &[]));
    out.push(fnv(2, &[w.as_bytes()]));
    out.push(word_hash(lw));
    out.push(long);
    out.push(short);
    let nc = lw.chars().count();
    for len in 1..=4usize {
        if nc > len {
            if len >= 2 {
                let cut = cut_after(lw, len);
                out.push(fnv(5 + len as u8, &[&lw.as_bytes()[..cut]]));
            }
            let from = cut_after(lw, nc - len);
            out.push(fnv(10 + len as u8, &[&lw.as_bytes()[from..]]));
        }
    }
    if nc > 3 {
        let from = cut_after(lw, nc - 3);
        out.push(fnv(35, &[&lw.as_bytes()[from..], &short.to_le_bytes()]));
    }
}

impl<'t> DocFeatures<'t> {
    /// Static feature hashes of token `i` (the document must be [`DocFeatures::materialise`]d).
    #[inline]
    pub fn feats(&self, i: usize) -> &[u64] {
        &self.feat_buf[self.feat_at[i] as usize..self.feat_at[i + 1] as usize]
    }

    #[inline]
    fn word(&self, i: usize) -> &Word {
        &self.vocab[self.wid[i] as usize]
    }

    /// Lower-cased text of token `i`.
    #[inline]
    pub fn lower(&self, i: usize) -> &str {
        let r = &self.word(i).lower;
        &self.lower_buf[r.start as usize..r.end as usize]
    }

    /// Hashes of the lower case and of the short shape of token `i`, and its word classes.
    #[inline]
    pub fn lower_and_shape(&self, i: usize) -> Neighbour {
        let w = self.word(i);
        (w.lh, w.short, w.cl)
    }

    /// Number of distinct words.
    pub fn vocab_len(&self) -> usize {
        self.vocab.len()
    }

    /// Features of token `i` that depend on its word alone (see [`word_feats`]).
    pub fn word_feats(&self, i: usize, out: &mut Vec<u64>) {
        let v = self.word(i);
        word_feats(self.words[i], self.lower(i), v.long, v.short, v.cl, out);
    }

    /// Token index at offset `k` from token `i` within sentence `r`.
    #[inline]
    pub fn neighbour(&self, i: usize, k: isize, r: &Range<usize>) -> Option<usize> {
        let j = i as isize + k;
        (j >= r.start as isize && j < r.end as isize).then_some(j as usize)
    }

    /// Single-word list classes of token `i`.
    #[inline]
    fn classes(&self, i: usize) -> u16 {
        self.classes[i]
    }

    /// Features of token `i` in sentence `r` that depend on its context: capitalisation
    /// and position flags, the shapes around it, word bigrams, list memberships around it
    /// and document cues. With [`DocFeatures::word_feats`] and the [`neighbour_feats`], these make
    /// all static features of the token.
    pub fn context_feats(&self, i: usize, r: &Range<usize>, out: &mut Vec<u64>) {
        let v = self.word(i);
        let cues = self.cues[i];
        let at = |k: isize| self.neighbour(i, k, r);
        let sh_at = |k: isize| at(k).map_or(EDGE, |j| self.word(j).short);
        let lh_at = |k: isize| at(k).map_or(EDGE, |j| self.word(j).lh);
        let flags = (cues & INITIAL != 0) as u64
            | (v.cap as u64) << 1
            | (v.all_caps as u64) << 2
            | ((cues & HEADLINE != 0) as u64) << 3;
        out.push(mix(15, &[flags]));
        let (s0, s1) = (sh_at(-1), sh_at(1));
        out.push(mix(22, &[lh_at(-1), v.lh]));
        out.push(mix(23, &[v.lh, lh_at(1)]));
        out.push(mix(24, &[s0, v.short, s1]));
        let (g, p) = self.gaz[i];
        if g != 0 {
            for bit in 0..class::COUNT {
                if g & (1 << bit) != 0 {
                    out.push(mix(25, &[bit as u64, p as u64]));
                }
            }
        }
        for (tmpl, k) in [(26u8, -1isize), (27, 1)] {
            if let Some(j) = at(k) {
                let (g, p) = self.gaz[j];
                if g != 0 {
                    out.push(mix(tmpl, &[g as u64, p as u64]));
                }
            }
        }
        let cue = self.classes(i)
            & (class::TITLE | class::FIRST_NAME | class::ORG_WORD | class::STOP | class::LEGAL);
        if cue != 0 {
            out.push(mix(28, &[cue as u64, v.cap as u64]));
        }
        for (tmpl, k) in [(29u8, -1isize), (30, 1), (31, 2), (32, -2)] {
            if let Some(j) = at(k) {
                let c = self.classes(j)
                    & (class::TITLE | class::FIRST_NAME | class::ORG_WORD | class::LEGAL);
                if c != 0 && self.word(j).cap {
                    out.push(mix(tmpl, &[c as u64]));
                }
            }
        }
        if v.cap {
            out.push(mix(
                33,
                &[(cues & (SEEN_LOWER | SEEN_CAP_MID | INITIAL)) as u64],
            ));
        }
        if cues & HEADLINE != 0 {
            out.push(mix(34, &[v.lh]));
        }
    }

    /// All static features of token `i` in sentence `r`.
    pub fn static_feats(&self, i: usize, r: &Range<usize>, out: &mut Vec<u64>) {
        self.word_feats(i, out);
        for (k, &(_, off)) in NEIGHBOURS.iter().enumerate() {
            neighbour_feats(
                k,
                self.neighbour(i, off, r).map(|j| self.lower_and_shape(j)),
                out,
            );
        }
        self.context_feats(i, r, out);
    }

    /// Computes and keeps the static features of every token, for [`DocFeatures::feats`]
    /// (training visits each token many times).
    pub fn materialise(mut self) -> Self {
        let mut buf = Vec::with_capacity(self.words.len() * 44);
        let mut at = vec![0u32; self.words.len() + 1];
        for r in &self.sents {
            for i in r.clone() {
                let from = buf.len();
                self.static_feats(i, r, &mut buf);
                at[i] = from as u32;
                at[i + 1] = buf.len() as u32;
            }
        }
        self.feat_buf = buf;
        self.feat_at = at;
        self
    }

    /// Facts of a document, from which its features are computed; `cls`: the model's word
    /// classes, if it has them.
    pub fn new(
        text: &'t str,
        toks: &[Token],
        sents: Vec<Range<usize>>,
        cls: Option<&Clusters>,
    ) -> DocFeatures<'t> {
        let lex: &Lexicon = lexicon::get();
        let n = toks.len();
        let words: Vec<&str> = toks.iter().map(|t| t.text(text)).collect();
        let mut lower_buf = String::new();
        let mut ids: WordMap<&str, u32> = WordMap::default();
        let mut vocab: Vec<Word> = Vec::new();
        let wid: Vec<u32> = words
            .iter()
            .map(|&w| {
                *ids.entry(w).or_insert_with(|| {
                    let a = lower_buf.len() as u32;
                    if w.is_ascii() {
                        lower_buf.extend(w.bytes().map(|b| b.to_ascii_lowercase() as char));
                    } else {
                        lower_buf.extend(w.chars().flat_map(char::to_lowercase));
                    }
                    let lw = &lower_buf[a as usize..];
                    let (long, short) = shapes(w);
                    let lh = word_hash(lw);
                    vocab.push(Word {
                        lower: a..lower_buf.len() as u32,
                        lh,
                        long,
                        short,
                        cl: cls.map_or(clusters::NONE, |c| c.get(lh)),
                        classes: lex.classes(w),
                        cap: is_cap(w),
                        all_caps: all_caps(w),
                        alpha: w.chars().any(char::is_alphabetic),
                        lower_first: w.chars().next().is_some_and(char::is_lowercase),
                    });
                    (vocab.len() - 1) as u32
                })
            })
            .collect();
        let word = |i: usize| &vocab[wid[i] as usize];
        let mut cues = vec![0u8; n];
        // Headlines in capitals: look words up in title case.
        for r in &sents {
            let (mut alpha, mut caps) = (0, 0);
            for i in r.clone() {
                if word(i).alpha {
                    alpha += 1;
                    caps += word(i).all_caps as usize;
                }
            }
            if alpha >= 3 && caps * 10 >= alpha * 7 {
                cues[r.clone()].iter_mut().for_each(|c| *c |= HEADLINE);
            }
        }
        let mut classes: Vec<u16> = (0..n).map(|i| word(i).classes).collect();
        let norm: Vec<Cow<str>> = (0..n)
            .map(|i| {
                let w = words[i];
                if cues[i] & HEADLINE != 0 && w.len() > 3 && word(i).all_caps && !w.contains('.') {
                    let t = title_case(w);
                    classes[i] = lex.classes(&t);
                    Cow::Owned(t)
                } else {
                    Cow::Borrowed(w)
                }
            })
            .collect();
        let breaks: Vec<bool> = (0..n)
            .map(|k| {
                k > 0 && {
                    let gap = &text[toks[k - 1].span.end..toks[k].span.start];
                    gap.len() > 1 || gap.contains('\n')
                }
            })
            .collect();
        let gaz = lex.matches_words(&norm, &breaks);
        drop(norm);
        // Document-level cues.
        for r in &sents {
            if let Some(k) = (r.start..r.end).find(|&k| toks[k].kind != TokenKind::Punct) {
                cues[k] |= INITIAL;
            }
        }
        // "Seen in lower case elsewhere": the token's lower case occurs as a word that
        // starts in lower case (outside headlines).
        let mut seen_lower: WordSet = WordSet::default();
        let mut seen_cap_mid = vec![false; vocab.len()];
        let mut listed = vec![false; vocab.len()];
        for i in 0..n {
            if cues[i] & HEADLINE != 0 {
                continue;
            }
            let id = wid[i] as usize;
            if vocab[id].lower_first {
                if !std::mem::replace(&mut listed[id], true) {
                    seen_lower.insert(words[i]);
                }
            } else if vocab[id].cap && cues[i] & INITIAL == 0 {
                seen_cap_mid[id] = true;
            }
        }
        let lower_seen: Vec<bool> = vocab
            .iter()
            .map(|v| seen_lower.contains(&lower_buf[v.lower.start as usize..v.lower.end as usize]))
            .collect();
        for i in 0..n {
            let id = wid[i] as usize;
            if lower_seen[id] {
                cues[i] |= SEEN_LOWER;
            }
            if seen_cap_mid[id] {
                cues[i] |= SEEN_CAP_MID;
            }
        }
        DocFeatures {
            words,
            wid,
            vocab,
            lower_buf,
            sents,
            cues,
            gaz,
            classes,
            feat_buf: Vec::new(),
            feat_at: Vec::new(),
        }
    }

    /// Dynamic features of token `i` given the two previous tags, the type this word last
    /// received in the document (`4` for none) and its non-local code from a first pass
    /// ([`DocFeatures::nonlocal`], `0` for none).
    pub fn dynamic(&self, i: usize, p1: usize, p2: usize, hist: u8, nl: u8, out: &mut Vec<u64>) {
        out.clear();
        if nl != 0 {
            out.push(mix(45, &[nl as u64]));
            out.push(mix(46, &[nl as u64, p1 as u64]));
        }
        transition_feats(p1, p2, out);
        self.word_tag_feats(i, p1, out);
        out.extend(history_feat(hist, self.cap(i)));
    }

    /// The dynamic features of token `i` that depend on its word: the previous tag with
    /// the word's lower case, and with its shape.
    #[inline]
    pub fn word_tag_feats(&self, i: usize, p1: usize, out: &mut Vec<u64>) {
        let v = self.word(i);
        out.push(mix(42, &[p1 as u64, v.lh]));
        out.push(mix(43, &[p1 as u64, v.short]));
    }

    /// True when token `i` is capitalised.
    #[inline]
    pub fn cap(&self, i: usize) -> bool {
        self.word(i).cap
    }
}

/// The dynamic features of the two previous tags alone.
pub fn transition_feats(p1: usize, p2: usize, out: &mut Vec<u64>) {
    let (a, b) = (p1 as u64, p2 as u64);
    out.push(mix(40, &[a]));
    out.push(mix(41, &[b, a]));
}

/// The dynamic feature of the type the word last received (`hist`, `4` for none) with its
/// capitalisation, if it received one.
pub fn history_feat(hist: u8, cap: bool) -> Option<u64> {
    (hist < 4).then(|| mix(44, &[hist as u64, cap as u64]))
}

impl DocFeatures<'_> {
    /// Non-local codes from a first pass's `tags`: for each capitalised word, the types that
    /// the same word received elsewhere in the document (the token itself left out), as
    /// `1 + 2 * majority type + unanimous`, or `0` when it received none.
    pub fn nonlocal(&self, tags: &[usize]) -> Vec<u8> {
        let key = |i: usize| self.word(i).cap && self.words[i].len() > 1;
        let mut counts: Vec<[u16; 4]> = vec![[0; 4]; self.vocab.len()];
        for (i, &t) in tags.iter().enumerate() {
            if let (Some(ty), true) = (tag_type(t), key(i)) {
                counts[self.wid[i] as usize][ty] += 1;
            }
        }
        tags.iter()
            .enumerate()
            .map(|(i, &t)| {
                if !key(i) {
                    return 0;
                }
                let mut c = counts[self.wid[i] as usize];
                if let Some(ty) = tag_type(t) {
                    c[ty] -= 1;
                }
                let total: u16 = c.iter().sum();
                if total == 0 {
                    return 0;
                }
                let maj = (0..4).max_by_key(|&k| (c[k], 4 - k)).unwrap_or(0);
                1 + 2 * maj as u8 + (c[maj] == total) as u8
            })
            .collect()
    }
}

/// Remembers, within one document, the type last given to each capitalised word.
pub struct History {
    /// By word id: the type last given, `4` for none.
    last: Vec<u8>,
}

impl History {
    /// An empty history for `doc`.
    pub fn new(doc: &DocFeatures) -> History {
        History {
            last: vec![4; doc.vocab.len()],
        }
    }
    /// The type last given to the word of token `i`, `4` if none.
    #[inline]
    pub fn get(&self, doc: &DocFeatures, i: usize) -> u8 {
        self.last[doc.wid[i] as usize]
    }
    /// Records the tags of a finished sentence (tokens `r`).
    pub fn record(&mut self, doc: &DocFeatures, r: Range<usize>, tags: &[usize]) {
        for i in r {
            if let Some(ty) = tag_type(tags[i]) {
                let v = doc.word(i);
                if v.cap && doc.words[i].len() > 1 {
                    self.last[doc.wid[i] as usize] = ty as u8;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_transitions() {
        assert_eq!(shapes("Zelensky"), (fnv(4, &[b"Xxxxx"]), fnv(5, &[b"Xx"])));
        assert_eq!(shapes("U.S."), (fnv(4, &[b"X.X."]), fnv(5, &[b"X.X."])));
        assert_eq!(shapes("Éva"), shapes("Ana"));
        assert!(allowed(0, tag(0, 0)) && allowed(tag(0, 0), tag(0, 2)) && allowed(tag(0, 3), 0));
        assert!(!allowed(0, tag(1, 1)) && !allowed(tag(0, 0), tag(1, 2)) && !allowed(tag(0, 1), 0));
    }

    #[test]
    fn features_are_deterministic() {
        let text = "President Zelensky met NATO chiefs in Paris.";
        let toks = crate::text::tokenize(text);
        let s = crate::text::sentence_ranges(text, &toks);
        let a = DocFeatures::new(text, &toks, s.clone(), None).materialise();
        let b = DocFeatures::new(text, &toks, s, None).materialise();
        assert_eq!(a.vocab_len(), 8);
        assert_eq!(a.feat_buf, b.feat_buf);
        assert!(a.feats(1).len() > 20);
        assert_eq!(a.lower(1), "zelensky");
        assert_eq!(cut_after("zürich", 2), 3);
    }
}
