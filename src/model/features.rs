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
use std::collections::{HashMap, HashSet};
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

/// The shape of a word: `Xxxx` → `Xx`, long (`Xxxxx`), short (`Xx`).
fn shapes(w: &str) -> (String, String) {
    let mut long = String::new();
    let mut short = String::new();
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
        if c == last {
            run += 1;
        } else {
            run = 1;
            short.push(c);
        }
        if run <= 4 {
            long.push(c);
        }
        last = c;
    }
    (long, short)
}

/// Per-token facts of one document that features are built from.
pub struct Doc<'t> {
    /// Token texts.
    pub words: Vec<&'t str>,
    /// Lower-cased words.
    pub lower: Vec<String>,
    /// Short shapes.
    pub short: Vec<String>,
    /// Sentences, as token ranges.
    pub sents: Vec<Range<usize>>,
    /// Static feature hashes per token.
    pub feats: Vec<Vec<u64>>,
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

impl<'t> Doc<'t> {
    /// Facts and static features of a document.
    pub fn new(text: &'t str, toks: &[Token], sents: Vec<Range<usize>>) -> Doc<'t> {
        let lex: &Lexicon = lexicon::get();
        let n = toks.len();
        let words: Vec<&str> = toks.iter().map(|t| t.text(text)).collect();
        let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        let mut long = Vec::with_capacity(n);
        let mut short = Vec::with_capacity(n);
        for w in &words {
            let (l, s) = shapes(w);
            long.push(l);
            short.push(s);
        }
        // Headlines in capitals: look words up in title case.
        let mut headline = vec![false; n];
        for r in &sents {
            let ws: Vec<&str> = words[r.clone()]
                .iter()
                .copied()
                .filter(|w| w.chars().any(char::is_alphabetic))
                .collect();
            let caps = ws.iter().filter(|w| all_caps(w)).count();
            if ws.len() >= 3 && caps * 10 >= ws.len() * 7 {
                headline[r.clone()].iter_mut().for_each(|h| *h = true);
            }
        }
        let norm: Vec<String> = (0..n)
            .map(|i| {
                if headline[i]
                    && words[i].len() > 3
                    && all_caps(words[i])
                    && !words[i].contains('.')
                {
                    title_case(words[i])
                } else {
                    words[i].to_string()
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
        let mut seen_lower: HashSet<&str> = HashSet::new();
        let mut seen_cap_mid: HashSet<&str> = HashSet::new();
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
        let mut feats = Vec::with_capacity(n);
        for r in &sents {
            for i in r.clone() {
                let mut f = Vec::with_capacity(48);
                let w = words[i];
                let lw = lower[i].as_str();
                let at = |k: isize| -> Option<usize> {
                    let j = i as isize + k;
                    (j >= r.start as isize && j < r.end as isize).then_some(j as usize)
                };
                let lw_at = |k: isize| at(k).map_or("<s>", |j| lower[j].as_str());
                let sh_at = |k: isize| at(k).map_or("<s>", |j| short[j].as_str());
                f.push(fnv(1, &[]));
                f.push(fnv(2, &[w.as_bytes()]));
                f.push(fnv(3, &[lw.as_bytes()]));
                f.push(fnv(4, &[long[i].as_bytes()]));
                f.push(fnv(5, &[short[i].as_bytes()]));
                let chars: Vec<(usize, char)> = lw.char_indices().collect();
                let nc = chars.len();
                for len in 1..=4usize {
                    if nc > len {
                        let cut = chars[len].0;
                        if len >= 2 {
                            f.push(fnv(5 + len as u8, &[&lw.as_bytes()[..cut]]));
                        }
                        let from = chars[nc - len].0;
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
                f.push(fnv(20, &[sh_at(-1).as_bytes()]));
                f.push(fnv(21, &[sh_at(1).as_bytes()]));
                f.push(fnv(22, &[lw_at(-1).as_bytes(), lw.as_bytes()]));
                f.push(fnv(23, &[lw.as_bytes(), lw_at(1).as_bytes()]));
                f.push(fnv(
                    24,
                    &[
                        sh_at(-1).as_bytes(),
                        short[i].as_bytes(),
                        sh_at(1).as_bytes(),
                    ],
                ));
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
                    f.push(fnv(
                        35,
                        &[&lw.as_bytes()[chars[nc - 3].0..], short[i].as_bytes()],
                    ));
                }
                feats.push(f);
            }
        }
        Doc {
            words,
            lower,
            short,
            sents,
            feats,
        }
    }

    /// Dynamic features of token `i` given the two previous tags and the type this word last
    /// received in the document (`4` for none).
    pub fn dynamic(&self, i: usize, p1: usize, p2: usize, hist: u8, out: &mut Vec<u64>) {
        out.clear();
        let (a, b) = (p1 as u8, p2 as u8);
        out.push(fnv(40, &[&[a]]));
        out.push(fnv(41, &[&[b, a]]));
        out.push(fnv(42, &[&[a], self.lower[i].as_bytes()]));
        out.push(fnv(43, &[&[a], self.short[i].as_bytes()]));
        if hist < 4 {
            out.push(fnv(44, &[&[hist, is_cap(self.words[i]) as u8]]));
        }
    }
}

/// Remembers, within one document, the type last given to each capitalised word.
#[derive(Default)]
pub struct History<'t> {
    last: HashMap<&'t str, u8>,
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
        assert_eq!(shapes("Zelensky"), ("Xxxxx".to_string(), "Xx".to_string()));
        assert_eq!(shapes("U.S."), ("X.X.".to_string(), "X.X.".to_string()));
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
        assert_eq!(a.feats, b.feats);
        assert!(a.feats[1].len() > 20);
    }
}
