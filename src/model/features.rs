//! Features of the entity tagger, as 64-bit hashes (feature hashing: no strings are stored
//! in the model).
//!
//! Static features (computed once per token): the word, its lower case, shape, prefixes and
//! suffixes, capitalisation and position in the sentence, the words and shapes of a ±2
//! window, word bigrams, word-list membership (place, nationality, organisation phrases
//! with their BILOU position; title, first name, organisation word, function word), and
//! document-level cues (is the word also seen in lower case, or capitalised mid-sentence,
//! elsewhere in the document; is the sentence an all-capitals headline).
//! Dynamic features (depend on the tags already chosen): the previous two tags, the
//! previous tag with the word and with its shape, and the type this word last received in
//! the document.

use crate::extract::entities::lexicon::{self, class, Lexicon};
use crate::text::{Token, TokenKind};
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
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

/// A hasher for keys that already are hashes.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);
impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x100000001b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = (n as u64).wrapping_mul(0x9E3779B97F4A7C15);
    }
}
/// A hash map keyed by hashes.
pub type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

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

/// Per-token facts of one document that features are built from.
pub struct Doc<'t> {
    /// Token texts.
    pub words: Vec<&'t str>,
    /// Lower-cased words, as ranges of `lower_buf`.
    lower: Vec<Range<u32>>,
    lower_buf: String,
    /// Short shape hashes.
    short: Vec<u64>,
    /// Sentences, as token ranges.
    pub sents: Vec<Range<usize>>,
    /// Static feature hashes of all tokens, token `i`'s at `feat_at[i]..feat_at[i + 1]`.
    feat_buf: Vec<u64>,
    feat_at: Vec<u32>,
}

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

/// Hash-set of words for document cues.
type WordSet<'t> = std::collections::HashSet<&'t str, BuildHasherDefault<IdHasher>>;

impl<'t> Doc<'t> {
    /// Static feature hashes of token `i`.
    #[inline]
    pub fn feats(&self, i: usize) -> &[u64] {
        &self.feat_buf[self.feat_at[i] as usize..self.feat_at[i + 1] as usize]
    }

    /// Lower-cased text of token `i`.
    #[inline]
    pub fn lower(&self, i: usize) -> &str {
        let r = &self.lower[i];
        &self.lower_buf[r.start as usize..r.end as usize]
    }

    /// Facts and static features of a document.
    pub fn new(text: &'t str, toks: &[Token], sents: Vec<Range<usize>>) -> Doc<'t> {
        let lex: &Lexicon = lexicon::get();
        let n = toks.len();
        let words: Vec<&str> = toks.iter().map(|t| t.text(text)).collect();
        let mut lower_buf = String::with_capacity(text.len());
        let mut lower = Vec::with_capacity(n);
        let mut long = Vec::with_capacity(n);
        let mut short = Vec::with_capacity(n);
        for w in &words {
            let a = lower_buf.len() as u32;
            if w.is_ascii() {
                lower_buf.extend(w.bytes().map(|b| b.to_ascii_lowercase() as char));
            } else {
                lower_buf.extend(w.chars().flat_map(char::to_lowercase));
            }
            lower.push(a..lower_buf.len() as u32);
            let (l, s) = shapes(w);
            long.push(l);
            short.push(s);
        }
        let low = |i: usize| -> &str {
            let r = &lower[i];
            &lower_buf[r.start as usize..r.end as usize]
        };
        // Headlines in capitals: look words up in title case.
        let mut headline = vec![false; n];
        for r in &sents {
            let (mut alpha, mut caps) = (0, 0);
            for w in &words[r.clone()] {
                if w.chars().any(char::is_alphabetic) {
                    alpha += 1;
                    caps += all_caps(w) as usize;
                }
            }
            if alpha >= 3 && caps * 10 >= alpha * 7 {
                headline[r.clone()].iter_mut().for_each(|h| *h = true);
            }
        }
        let norm: Vec<Cow<str>> = (0..n)
            .map(|i| {
                if headline[i]
                    && words[i].len() > 3
                    && all_caps(words[i])
                    && !words[i].contains('.')
                {
                    Cow::Owned(title_case(words[i]))
                } else {
                    Cow::Borrowed(words[i])
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
        let single: Vec<u16> = norm.iter().map(|w| lex.classes(w)).collect();
        // Document-level cues.
        let mut initial = vec![false; n];
        for r in &sents {
            if let Some(k) = (r.start..r.end).find(|&k| toks[k].kind != TokenKind::Punct) {
                initial[k] = true;
            }
        }
        let mut seen_lower = WordSet::default();
        let mut seen_cap_mid = WordSet::default();
        for i in 0..n {
            if headline[i] {
                continue;
            }
            if words[i].chars().next().is_some_and(char::is_lowercase) {
                seen_lower.insert(words[i]);
            } else if is_cap(words[i]) && !initial[i] {
                seen_cap_mid.insert(words[i]);
            }
        }
        let mut feat_buf = Vec::with_capacity(n * 44);
        let mut feat_at = Vec::with_capacity(n + 1);
        feat_at.push(0u32);
        let start = fnv(1, &[]);
        let none = fnv(0, &[b"<s>"]);
        for r in &sents {
            for i in r.clone() {
                let f = &mut feat_buf;
                let w = words[i];
                let lw = low(i);
                let at = |k: isize| -> Option<usize> {
                    let j = i as isize + k;
                    (j >= r.start as isize && j < r.end as isize).then_some(j as usize)
                };
                let lw_at = |k: isize| at(k).map_or("<s>", low);
                let sh_at = |k: isize| at(k).map_or(none, |j| short[j]);
                let hb = |h: u64| h.to_le_bytes();
                f.push(start);
                f.push(fnv(2, &[w.as_bytes()]));
                f.push(fnv(3, &[lw.as_bytes()]));
                f.push(long[i]);
                f.push(short[i]);
                let nc = lw.chars().count();
                for len in 1..=4usize {
                    if nc > len {
                        if len >= 2 {
                            let cut = cut_after(lw, len);
                            f.push(fnv(5 + len as u8, &[&lw.as_bytes()[..cut]]));
                        }
                        let from = cut_after(lw, nc - len);
                        f.push(fnv(10 + len as u8, &[&lw.as_bytes()[from..]]));
                    }
                }
                let flags = [
                    initial[i] as u8,
                    is_cap(w) as u8,
                    all_caps(w) as u8,
                    headline[i] as u8,
                ];
                f.push(fnv(15, &[&flags]));
                f.push(fnv(16, &[lw_at(-1).as_bytes()]));
                f.push(fnv(17, &[lw_at(1).as_bytes()]));
                f.push(fnv(18, &[lw_at(-2).as_bytes()]));
                f.push(fnv(19, &[lw_at(2).as_bytes()]));
                f.push(fnv(20, &[&hb(sh_at(-1))]));
                f.push(fnv(21, &[&hb(sh_at(1))]));
                f.push(fnv(22, &[lw_at(-1).as_bytes(), lw.as_bytes()]));
                f.push(fnv(23, &[lw.as_bytes(), lw_at(1).as_bytes()]));
                f.push(fnv(24, &[&hb(sh_at(-1)), &hb(short[i]), &hb(sh_at(1))]));
                let (g, p) = gaz[i];
                for bit in 0..class::COUNT {
                    if g & (1 << bit) != 0 {
                        f.push(fnv(25, &[&[bit as u8, p]]));
                    }
                }
                for (tmpl, k) in [(26u8, -1isize), (27, 1)] {
                    if let Some(j) = at(k) {
                        if gaz[j].0 != 0 {
                            f.push(fnv(tmpl, &[&gaz[j].0.to_le_bytes(), &[gaz[j].1]]));
                        }
                    }
                }
                let cue =
                    single[i] & (class::TITLE | class::FIRST_NAME | class::ORG_WORD | class::STOP);
                if cue != 0 {
                    f.push(fnv(28, &[&cue.to_le_bytes(), &[is_cap(w) as u8]]));
                }
                for (tmpl, k) in [(29u8, -1isize), (30, 1), (31, 2), (32, -2)] {
                    if let Some(j) = at(k) {
                        let c = single[j] & (class::TITLE | class::FIRST_NAME | class::ORG_WORD);
                        if c != 0 && is_cap(words[j]) {
                            f.push(fnv(tmpl, &[&c.to_le_bytes()]));
                        }
                    }
                }
                if is_cap(w) {
                    let doc_cues = [
                        seen_lower.contains(lw) as u8,
                        seen_cap_mid.contains(w) as u8,
                        initial[i] as u8,
                    ];
                    f.push(fnv(33, &[&doc_cues]));
                }
                if headline[i] {
                    f.push(fnv(34, &[lw.as_bytes()]));
                }
                if nc > 3 {
                    let from = cut_after(lw, nc - 3);
                    f.push(fnv(35, &[&lw.as_bytes()[from..], &hb(short[i])]));
                }
                feat_at.push(feat_buf.len() as u32);
            }
        }
        Doc {
            words,
            lower,
            lower_buf,
            short,
            sents,
            feat_buf,
            feat_at,
        }
    }

    /// Dynamic features of token `i` given the two previous tags, the type this word last
    /// received in the document (`4` for none) and its non-local code from a first pass
    /// ([`Doc::nonlocal`], `0` for none).
    pub fn dynamic(&self, i: usize, p1: usize, p2: usize, hist: u8, nl: u8, out: &mut Vec<u64>) {
        out.clear();
        if nl != 0 {
            out.push(fnv(45, &[&[nl]]));
            out.push(fnv(46, &[&[nl, p1 as u8]]));
        }
        let (a, b) = (p1 as u8, p2 as u8);
        out.push(fnv(40, &[&[a]]));
        out.push(fnv(41, &[&[b, a]]));
        out.push(fnv(42, &[&[a], self.lower(i).as_bytes()]));
        out.push(fnv(43, &[&[a], &self.short[i].to_le_bytes()]));
        if hist < 4 {
            out.push(fnv(44, &[&[hist, is_cap(self.words[i]) as u8]]));
        }
    }
}

impl Doc<'_> {
    /// Non-local codes from a first pass's `tags`: for each capitalised word, the types that
    /// the same word received elsewhere in the document (the token itself left out), as
    /// `1 + 2 * majority type + unanimous`, or `0` when it received none.
    pub fn nonlocal(&self, tags: &[usize]) -> Vec<u8> {
        let key = |w: &str| is_cap(w) && w.len() > 1;
        let mut counts: IdMap<&str, [u16; 4]> = IdMap::default();
        for (w, &t) in self.words.iter().zip(tags) {
            if let (Some(ty), true) = (tag_type(t), key(w)) {
                counts.entry(w).or_default()[ty] += 1;
            }
        }
        self.words
            .iter()
            .zip(tags)
            .map(|(w, &t)| {
                if !key(w) {
                    return 0;
                }
                let Some(c) = counts.get(w) else { return 0 };
                let mut c = *c;
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
#[derive(Default)]
pub struct History<'t> {
    last: IdMap<&'t str, u8>,
}

impl<'t> History<'t> {
    /// The type last given to `word`, `4` if none.
    pub fn get(&self, word: &str) -> u8 {
        self.last.get(word).copied().unwrap_or(4)
    }
    /// Records the tags of a finished sentence.
    pub fn record(&mut self, words: &[&'t str], tags: &[usize]) {
        for (w, &t) in words.iter().zip(tags) {
            if let Some(ty) = tag_type(t) {
                if is_cap(w) && w.len() > 1 {
                    self.last.insert(w, ty as u8);
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
        let s = crate::extract::entities::sentence_ranges(text, &toks);
        let a = Doc::new(text, &toks, s.clone());
        let b = Doc::new(text, &toks, s);
        assert_eq!(a.feat_buf, b.feat_buf);
        assert!(a.feats(1).len() > 20);
        assert_eq!(a.lower(1), "zelensky");
        assert_eq!(cut_after("zürich", 2), 3);
    }
}
