//! The trained entity tagger: features, model file format, training and tagging.
//!
//! A greedy left-to-right averaged perceptron over BILOU tags (17 classes), with hashed
//! features ([`features`]). Training ([`train`]) reads CoNLL-2003, rebuilds each document's
//! text, tokenises it with the project's tokenizer (so training sees exactly the tokens that
//! pasted text will give), and keeps the epoch that scores best on the development file.
//! The model file keeps only feature hashes and quantised weights, never text.
//!
//! An optional second pass ([`Settings::two_pass`]) re-tags each document knowing the
//! labels the first pass gave the same word elsewhere in it, trained on jackknifed
//! first-pass labels; on eng.testa it did not beat one pass (0.901 against 0.904) and it
//! halves the speed, so the shipped model is one-pass.
//!
//! File format (`models/ner.bin`), little-endian:
//! `b"NMNER\x01"`, `u8` number of tags (17), `u8` flags (bit 0: two passes, bit 1: word
//! classes follow), `f32` weight scale, `u32` number of features `n`; then `n` LEB128
//! deltas of the sorted `u32` feature keys; then per feature a LEB128 bit mask of its
//! non-zero tags followed by one `i8` weight per set bit; then, with flag bit 1, the word
//! class table ([`clusters`]) to the end of the file. [`Model::from_bytes`] checks all of
//! it and never panics.

pub mod clusters;
pub mod features;

use crate::eval::conll;
use crate::extract::entities::{sentence_ranges, Tagged};
use crate::text::{tokenize, Token};
use clusters::Clusters;
use features::{
    allowed, history_feat, neighbour_feats, tag, tag_pos, tag_type, transition_feats, Doc, History,
    IdMap, NEIGHBOURS, NTAGS, TYPES,
};
use std::path::Path;

const MAGIC: &[u8; 6] = b"NMNER\x01";

/// One slot of the weight table: a feature key and its row of weights side by side, so a
/// lookup touches one cache line (the table is a few MB; lookups are the tagger's cost).
#[derive(Debug, Clone, Copy)]
#[repr(C, align(8))]
struct Slot {
    key: u32,
    w: [i8; NTAGS],
    used: bool,
}

/// Open-addressing map from feature key to its row of quantised weights (keys are
/// already hashes). A key's first slot is given by its top bits, so the model file's keys,
/// stored in ascending order, fill the table front to back: loading writes memory in
/// sequence instead of all over a table of several MB.
#[derive(Debug, Clone)]
struct Table {
    slots: Vec<Slot>,
    mask: usize,
    shift: u32,
    len: usize,
    /// One bit per hash of the low bits of a key, set for every key in the table: most
    /// features a text asks for (word pairs above all) are not in the model, and this
    /// answers them from a few hundred KB that stay in cache instead of the table's MB.
    filter: Vec<u64>,
    filter_mask: usize,
}

impl Table {
    fn with_capacity(n: usize) -> Table {
        let size = (n + n / 2).next_power_of_two().max(16);
        let empty = Slot {
            key: 0,
            w: [0; NTAGS],
            used: false,
        };
        let bits = (n * 16).next_power_of_two().max(64);
        Table {
            slots: vec![empty; size],
            mask: size - 1,
            shift: 32 - size.trailing_zeros(),
            len: 0,
            filter: vec![0; bits / 64],
            filter_mask: bits - 1,
        }
    }

    /// The first slot to look at for `key`.
    #[inline]
    fn home(&self, key: u32) -> usize {
        (u64::from(key) >> self.shift) as usize
    }

    /// Inserts `key` (the caller never inserts a key twice).
    fn insert(&mut self, key: u32, w: [i8; NTAGS]) {
        let mut i = self.home(key);
        while self.slots[i].used {
            i = (i + 1) & self.mask;
        }
        self.slots[i] = Slot { key, w, used: true };
        self.len += 1;
        let b = key as usize & self.filter_mask;
        self.filter[b / 64] |= 1 << (b % 64);
    }

    #[inline]
    fn get(&self, key: u32) -> Option<&[i8; NTAGS]> {
        let b = key as usize & self.filter_mask;
        if self.filter[b / 64] & (1 << (b % 64)) == 0 {
            return None;
        }
        let mut i = self.home(key);
        loop {
            let s = &self.slots[i];
            if !s.used {
                return None;
            }
            if s.key == key {
                return Some(&s.w);
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// A loaded model: feature key → row of quantised weights.
#[derive(Debug, Clone)]
pub struct Model {
    table: Table,
    scale: f32,
    two_pass: bool,
    moves: Box<Moves>,
    /// Word classes, when the model was trained with them.
    clusters: Option<Clusters>,
}

/// The summed weights of the dynamic features that depend on no word, looked up once per
/// model instead of once per token: of each pair of previous tags, and of each history
/// with capitalisation.
#[derive(Debug, Clone)]
struct Moves {
    /// Indexed by `p2 * NTAGS + p1`.
    tags: Vec<[i16; NTAGS]>,
    /// Indexed by `hist * 2 + cap`.
    history: [[i16; NTAGS]; 8],
}

impl Moves {
    fn new(table: &Table) -> Moves {
        let sum = |feats: &[u64]| {
            let mut s = [0i16; NTAGS];
            for &h in feats {
                add_weights(table, h, &mut s);
            }
            s
        };
        let mut buf = Vec::with_capacity(2);
        let tags = (0..NTAGS * NTAGS)
            .map(|k| {
                buf.clear();
                transition_feats(k % NTAGS, k / NTAGS, &mut buf);
                sum(&buf)
            })
            .collect();
        let history = std::array::from_fn(|k| {
            let h = history_feat((k / 2) as u8, k % 2 == 1);
            sum(h.as_slice())
        });
        Moves { tags, history }
    }
}

/// Adds the weights of feature `h` to `scores`.
#[inline]
fn add_weights(table: &Table, h: u64, scores: &mut [i16; NTAGS]) {
    if let Some(w) = table.get(key(h)) {
        for t in 0..NTAGS {
            scores[t] = scores[t].saturating_add(w[t] as i16);
        }
    }
}

/// Adds a row of summed weights to `scores`.
#[inline]
fn add_row(scores: &mut [i16; NTAGS], row: &[i16; NTAGS]) {
    for (a, &b) in scores.iter_mut().zip(row) {
        *a = a.saturating_add(b);
    }
}

fn key(h: u64) -> u32 {
    (h ^ (h >> 32)) as u32
}

/// A score: `f32` while training, `i16` in a loaded model, whose weights are `i8` (a
/// token's few dozen features cannot reach `i16`'s bounds; the sum saturates if they did).
/// Integer sums of the quantised weights order tags exactly as their `f32` sums did, at
/// half the memory and twice the SIMD lanes.
trait Score: Copy + Default + PartialOrd {}
impl Score for f32 {}
impl Score for i16 {}

/// Something that scores a token from its feature hashes.
trait Scorer {
    type Score: Score;
    fn add(&self, h: u64, scores: &mut [Self::Score; NTAGS]);

    /// Adds the weights of every feature of `hs`.
    #[inline]
    fn add_all(&self, hs: &[u64], scores: &mut [Self::Score; NTAGS]) {
        for &h in hs {
            self.add(h, scores);
        }
    }
}

impl Scorer for Model {
    type Score = i16;
    #[inline]
    fn add(&self, h: u64, scores: &mut [i16; NTAGS]) {
        add_weights(&self.table, h, scores);
    }
}

/// Static scores of every token: the sum of the weights of its static features.
type Fixed<T> = Vec<[T; NTAGS]>;

/// Static scores of a [`Doc::materialise`]d document, feature by feature.
fn fixed_scores<S: Scorer>(s: &S, doc: &Doc) -> Fixed<S::Score> {
    (0..doc.words.len())
        .map(|i| {
            let mut scores = [S::Score::default(); NTAGS];
            s.add_all(doc.feats(i), &mut scores);
            scores
        })
        .collect()
}

/// Greedy decoding of one document from its static scores: tags per token. With
/// `two_pass`, a second pass re-tags the document knowing the first pass's labels of each
/// word elsewhere ([`Doc::nonlocal`]).
fn decode<S: Scorer>(
    s: &S,
    doc: &Doc,
    fixed: &Fixed<S::Score>,
    constrained: bool,
    two_pass: bool,
) -> Vec<usize> {
    let first = decode_pass(s, doc, fixed, constrained, None);
    if !two_pass {
        return first;
    }
    let nl = doc.nonlocal(&first);
    decode_pass(s, doc, fixed, constrained, Some(&nl))
}

fn decode_pass<S: Scorer>(
    s: &S,
    doc: &Doc,
    fixed: &Fixed<S::Score>,
    constrained: bool,
    nl: Option<&[u8]>,
) -> Vec<usize> {
    let mut dynf = Vec::with_capacity(8);
    greedy(doc, fixed, constrained, |i, p1, p2, hist, scores| {
        let code = nl.map_or(0, |c| c[i]);
        doc.dynamic(i, p1, p2, hist, code, &mut dynf);
        s.add_all(&dynf, scores);
    })
}

/// Greedy left-to-right decoding from the static scores: `dynamic(i, p1, p2, hist, scores)`
/// adds token `i`'s dynamic scores given the two previous tags and the type its word last
/// received ([`History`]); the best tag (allowed after `p1`, and able to end the sentence
/// if last, when `constrained`) is taken.
fn greedy<T: Score>(
    doc: &Doc,
    fixed: &Fixed<T>,
    constrained: bool,
    mut dynamic: impl FnMut(usize, usize, usize, u8, &mut [T; NTAGS]),
) -> Vec<usize> {
    let mut tags = vec![0usize; doc.words.len()];
    let mut hist = History::new(doc);
    for r in &doc.sents {
        let (mut p1, mut p2) = (0usize, 0usize);
        for i in r.clone() {
            let mut scores = fixed[i];
            dynamic(i, p1, p2, hist.get(doc, i), &mut scores);
            let last = i + 1 == r.end;
            let t = best(&scores, |t| {
                !constrained || (allowed(p1, t) && (!last || allowed(t, 0)))
            });
            tags[i] = t;
            p2 = p1;
            p1 = t;
        }
        hist.record(doc, r.clone(), &tags);
    }
    tags
}

fn best<T: Score>(scores: &[T; NTAGS], ok: impl Fn(usize) -> bool) -> usize {
    let mut b = usize::MAX;
    for t in 0..NTAGS {
        if ok(t) && (b == usize::MAX || scores[t] > scores[b]) {
            b = t;
        }
    }
    if b == usize::MAX {
        0
    } else {
        b
    }
}

/// Entity runs from BILOU tags (tolerant: an unfinished entity ends where its type stops).
fn spans(tags: &[usize]) -> Vec<Tagged> {
    let mut out: Vec<Tagged> = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let ty = tag_type(t);
        if let Some((s, oty)) = open {
            if ty == Some(oty) && matches!(tag_pos(t), 1 | 2) {
                if tag_pos(t) == 2 {
                    out.push(Tagged {
                        start: s,
                        end: i + 1,
                        label: TYPES[oty],
                    });
                    open = None;
                }
                continue;
            }
            out.push(Tagged {
                start: s,
                end: i,
                label: TYPES[oty],
            });
            open = None;
        }
        if let Some(ty) = ty {
            if tag_pos(t) == 3 {
                out.push(Tagged {
                    start: i,
                    end: i + 1,
                    label: TYPES[ty],
                });
            } else {
                open = Some((i, ty));
            }
        }
    }
    if let Some((s, oty)) = open {
        out.push(Tagged {
            start: s,
            end: tags.len(),
            label: TYPES[oty],
        });
    }
    out
}

impl Model {
    /// Reads a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, String> {
        let bad = |what: &str| format!("not a newsmark entity model: {what}");
        if bytes.len() < 16 || &bytes[..6] != MAGIC {
            return Err(bad("wrong header"));
        }
        if bytes[6] as usize != NTAGS {
            return Err(bad("wrong tag count"));
        }
        if bytes[7] > 3 {
            return Err(bad("unknown flags"));
        }
        let two_pass = bytes[7] & 1 != 0;
        let has_clusters = bytes[7] & 2 != 0;
        let scale = f32::from_le_bytes(bytes[8..12].try_into().map_err(|_| bad("scale"))?);
        let n = u32::from_le_bytes(bytes[12..16].try_into().map_err(|_| bad("count"))?) as usize;
        let mut pos = 16;
        let read = |pos: &mut usize| -> Result<u64, String> {
            let mut v = 0u64;
            for shift in (0..64).step_by(7) {
                let b = *bytes.get(*pos).ok_or_else(|| bad("truncated"))?;
                *pos += 1;
                v |= ((b & 0x7f) as u64) << shift;
                if b & 0x80 == 0 {
                    return Ok(v);
                }
            }
            Err(bad("bad number"))
        };
        // Every key takes at least one byte: a count beyond the file is a bad file.
        if n > bytes.len() {
            return Err(bad("feature count"));
        }
        let mut keys = Vec::with_capacity(n);
        let mut k = 0u64;
        for row in 0..n {
            let d = read(&mut pos)?;
            if row > 0 && d == 0 {
                return Err(bad("keys out of order"));
            }
            k = k.checked_add(d).ok_or_else(|| bad("key"))?;
            keys.push(u32::try_from(k).map_err(|_| bad("key"))?);
        }
        let mut table = Table::with_capacity(n);
        for &key in &keys {
            let mask = read(&mut pos)?;
            if mask >> NTAGS != 0 {
                return Err(bad("tag mask"));
            }
            let mut w = [0i8; NTAGS];
            for (t, x) in w.iter_mut().enumerate() {
                if mask & (1 << t) != 0 {
                    let b = *bytes.get(pos).ok_or_else(|| bad("truncated"))?;
                    pos += 1;
                    *x = b as i8;
                }
            }
            table.insert(key, w);
        }
        let clusters = if has_clusters {
            Some(Clusters::from_bytes(&bytes[pos..], features::word_hash)?)
        } else if pos != bytes.len() {
            return Err(bad("trailing bytes"));
        } else {
            None
        };
        Ok(Model {
            moves: Box::new(Moves::new(&table)),
            table,
            scale,
            two_pass,
            clusters,
        })
    }

    /// Number of features kept.
    pub fn len(&self) -> usize {
        self.table.len
    }

    /// True for a model with no features.
    pub fn is_empty(&self) -> bool {
        self.table.len == 0
    }

    /// Weight scale of the quantised weights.
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// Tags `text` (already tokenised as `toks`): entity runs in token indices.
    pub(crate) fn tag(&self, text: &str, toks: &[Token]) -> Vec<Tagged> {
        let doc = Doc::new(
            text,
            toks,
            sentence_ranges(text, toks),
            self.clusters.as_ref(),
        );
        let fixed = self.fixed_scores(&doc);
        if self.two_pass {
            spans(&decode(self, &doc, &fixed, true, true))
        } else {
            spans(&self.decode_one_pass(&doc, &fixed))
        }
    }

    /// [`decode_pass`] of one constrained pass, with the word-free dynamic features'
    /// weights taken from [`Moves`]: the same tags, two table lookups per token instead of
    /// five.
    #[inline(never)]
    fn decode_one_pass(&self, doc: &Doc, fixed: &Fixed<i16>) -> Vec<usize> {
        let mut buf = Vec::with_capacity(2);
        greedy(doc, fixed, true, |i, p1, p2, hist, scores| {
            add_row(scores, &self.moves.tags[p2 * NTAGS + p1]);
            if hist < 4 {
                let cap = doc.cap(i) as usize;
                add_row(scores, &self.moves.history[hist as usize * 2 + cap]);
            }
            buf.clear();
            doc.word_tag_feats(i, p1, &mut buf);
            self.add_all(&buf, scores);
        })
    }

    /// Static scores of every token of `doc`, as [`fixed_scores`] gives them but without
    /// hashing every feature of every token: the features of a word alone, and those it
    /// gives its neighbours, are scored once per distinct word of the document.
    #[inline(never)]
    fn fixed_scores(&self, doc: &Doc) -> Fixed<i16> {
        let n = doc.words.len();
        // Per distinct word: its own word features, then as the neighbour of each
        // `NEIGHBOURS` template. Filled in the order words first occur.
        let mut table: Vec<[[i16; NTAGS]; 5]> = vec![[[0; NTAGS]; 5]; doc.vocab_len()];
        let mut done = vec![false; doc.vocab_len()];
        let mut buf = Vec::with_capacity(64);
        for i in 0..n {
            let id = doc.wid[i] as usize;
            if done[id] {
                continue;
            }
            done[id] = true;
            let e = &mut table[id];
            buf.clear();
            doc.word_feats(i, &mut buf);
            self.add_all(&buf, &mut e[0]);
            for k in 0..NEIGHBOURS.len() {
                buf.clear();
                neighbour_feats(k, Some(doc.lower_and_shape(i)), &mut buf);
                self.add_all(&buf, &mut e[k + 1]);
            }
        }
        let wid = &doc.wid;
        let edge: [[i16; NTAGS]; 4] = std::array::from_fn(|k| {
            let mut s = [0; NTAGS];
            buf.clear();
            neighbour_feats(k, None, &mut buf);
            self.add_all(&buf, &mut s);
            s
        });
        let mut out = vec![[0i16; NTAGS]; n];
        for r in &doc.sents {
            for i in r.clone() {
                let mut s = table[wid[i] as usize][0];
                for (k, &(_, off)) in NEIGHBOURS.iter().enumerate() {
                    let add = match doc.neighbour(i, off, r) {
                        Some(j) => &table[wid[j] as usize][k + 1],
                        None => &edge[k],
                    };
                    add_row(&mut s, add);
                }
                buf.clear();
                doc.context_feats(i, r, &mut buf);
                self.add_all(&buf, &mut s);
                out[i] = s;
            }
        }
        out
    }
}

/// Serialises `rows` (key, weights) quantised to `i8` with `scale`, and the word-class
/// table `clusters` if any.
fn write_model(
    mut rows: Vec<(u32, [f32; NTAGS])>,
    scale: f32,
    two_pass: bool,
    clusters: Option<&[u8]>,
) -> Vec<u8> {
    rows.sort_by_key(|r| r.0);
    let q = |w: f32| (w / scale).round().clamp(-127.0, 127.0) as i8;
    rows.retain(|(_, w)| w.iter().any(|&x| q(x) != 0));
    let mut out = Vec::with_capacity(rows.len() * 6);
    out.extend_from_slice(MAGIC);
    out.push(NTAGS as u8);
    out.push(two_pass as u8 | (clusters.is_some() as u8) << 1);
    out.extend_from_slice(&scale.to_le_bytes());
    out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
    let leb = |out: &mut Vec<u8>, mut v: u64| loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            break;
        }
        out.push(b | 0x80);
    };
    let mut prev = 0u64;
    for (k, _) in &rows {
        leb(&mut out, *k as u64 - prev);
        prev = *k as u64;
    }
    for (_, w) in &rows {
        let mut mask = 0u64;
        for (t, &x) in w.iter().enumerate() {
            if q(x) != 0 {
                mask |= 1 << t;
            }
        }
        leb(&mut out, mask);
        for &x in w {
            if q(x) != 0 {
                out.push(q(x) as u8);
            }
        }
    }
    out.extend_from_slice(clusters.unwrap_or_default());
    out
}

/// A training document: static features and gold tags.
struct Example<'t> {
    doc: Doc<'t>,
    gold: Vec<usize>,
}

/// BILOU tags of `toks` from gold byte spans.
fn gold_tags(toks: &[Token], entities: &[(crate::span::Span, String)]) -> Vec<usize> {
    let mut tags = vec![0usize; toks.len()];
    for (span, label) in entities {
        let Some(ty) = TYPES.iter().position(|t| t == label) else {
            continue;
        };
        let inside: Vec<usize> = (0..toks.len())
            .filter(|&k| toks[k].span.overlaps(span))
            .collect();
        match inside.len() {
            0 => {}
            1 => tags[inside[0]] = tag(ty, 3),
            m => {
                for (j, &k) in inside.iter().enumerate() {
                    tags[k] = tag(
                        ty,
                        if j == 0 {
                            0
                        } else if j + 1 == m {
                            2
                        } else {
                            1
                        },
                    );
                }
            }
        }
    }
    tags
}

/// Averaged perceptron weights during training, indexed by feature hash.
struct Perceptron {
    index: IdMap<u64, u32>,
    w: Vec<f32>,
    total: Vec<f32>,
    stamp: Vec<u32>,
    clock: u32,
    /// Word dropout rate of capitalised words, out of 65,536.
    dropout: u64,
    seed: u64,
}

impl Scorer for Perceptron {
    type Score = f32;
    #[inline]
    fn add(&self, h: u64, scores: &mut [f32; NTAGS]) {
        if let Some(&row) = self.index.get(&h) {
            let w = &self.w[row as usize * NTAGS..(row as usize + 1) * NTAGS];
            for (s, &x) in scores.iter_mut().zip(w) {
                *s += x;
            }
        }
    }
}

impl Perceptron {
    fn bump(&mut self, h: u64, t: usize, d: f32) {
        if let Some(&row) = self.index.get(&h) {
            let j = row as usize * NTAGS + t;
            self.total[j] += (self.clock - self.stamp[j]) as f32 * self.w[j];
            self.stamp[j] = self.clock;
            self.w[j] += d;
        }
    }

    /// Averaged weights as a scorer.
    fn averaged(&self) -> Averaged {
        let clock = self.clock.max(1) as f32;
        let w = (0..self.w.len())
            .map(|j| (self.total[j] + (self.clock - self.stamp[j]) as f32 * self.w[j]) / clock)
            .collect();
        Averaged {
            index: self.index.clone(),
            w,
        }
    }

    /// One pass of online training over `order`.
    /// With `nl` (second-pass inputs per example), each document is learnt twice: as a
    /// first pass without them and as a second pass with them.
    fn epoch(&mut self, examples: &[Example], order: &[usize], nl: Option<&[Vec<u8>]>) {
        for &e in order {
            let ex = &examples[e];
            self.learn(ex, None);
            if let Some(nl) = nl {
                self.learn(ex, Some(&nl[e]));
            }
        }
    }

    /// Tags one document greedily, updating on each mistake.
    fn learn(&mut self, ex: &Example, nl: Option<&[u8]>) {
        let mut dynf = Vec::with_capacity(8);
        let mut kept: Vec<u64> = Vec::with_capacity(64);
        let doc = &ex.doc;
        let mut hist = History::new(doc);
        let mut tags = vec![0usize; doc.words.len()];
        for r in &doc.sents {
            let (mut p1, mut p2) = (0usize, 0usize);
            for i in r.clone() {
                self.clock += 1;
                let mut scores = [0f32; NTAGS];
                // Word dropout: now and then the token's own word is hidden, so that the
                // model learns what its shape, classes and context say of a name it has
                // not seen.
                let drop = self.dropout > 0 && doc.cap(i) && {
                    let mut z = (self.clock as u64).wrapping_mul(0x9E3779B97F4A7C15) ^ self.seed;
                    z = (z ^ (z >> 31)).wrapping_mul(0xBF58476D1CE4E5B9);
                    ((z ^ (z >> 29)) & 0xffff) < self.dropout
                };
                kept.clear();
                let ids = doc.identity(i);
                kept.extend(doc.feats(i).iter().filter(|h| !drop || !ids.contains(h)));
                self.add_all(&kept, &mut scores);
                let code = nl.map_or(0, |c| c[i]);
                doc.dynamic(i, p1, p2, hist.get(doc, i), code, &mut dynf);
                if drop {
                    let wt = doc.word_tag(i, p1);
                    dynf.retain(|&h| h != wt);
                }
                self.add_all(&dynf, &mut scores);
                let guess = best(&scores, |_| true);
                let gold = ex.gold[i];
                if guess != gold {
                    for &h in kept.iter().chain(dynf.iter()) {
                        self.bump(h, gold, 1.0);
                        self.bump(h, guess, -1.0);
                    }
                }
                tags[i] = guess;
                p2 = p1;
                p1 = guess;
            }
            hist.record(doc, r.clone(), &tags);
        }
    }
}

struct Averaged {
    index: IdMap<u64, u32>,
    w: Vec<f32>,
}

impl Scorer for Averaged {
    type Score = f32;
    #[inline]
    fn add(&self, h: u64, scores: &mut [f32; NTAGS]) {
        if let Some(&row) = self.index.get(&h) {
            let w = &self.w[row as usize * NTAGS..(row as usize + 1) * NTAGS];
            for (s, &x) in scores.iter_mut().zip(w) {
                *s += x;
            }
        }
    }
}

/// Exact-match F1 of `scorer` on examples.
fn f1<S: Scorer>(s: &S, examples: &[Example], two_pass: bool) -> f64 {
    let (mut tp, mut np, mut ng) = (0usize, 0usize, 0usize);
    for ex in examples {
        let got = spans(&decode(
            s,
            &ex.doc,
            &fixed_scores(s, &ex.doc),
            true,
            two_pass,
        ));
        let want = spans(&ex.gold);
        tp += got.iter().filter(|g| want.contains(g)).count();
        np += got.len();
        ng += want.len();
    }
    if tp == 0 {
        0.0
    } else {
        2.0 * tp as f64 / (np + ng) as f64
    }
}

/// SplitMix64: a small deterministic generator for shuffling.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E3779B97F4A7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58476D1CE4E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D049BB133111EB);
        z ^ (z >> 31)
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Most passes over the training data; the best on the development data is kept.
    pub epochs: usize,
    /// Features seen fewer times than this in training are dropped.
    pub min_count: u32,
    /// Weights are quantised linearly to `i8` against the |w| at this quantile (larger
    /// ones clip); 1.0 (the maximum) works best.
    pub clip_quantile: f64,
    /// Tag twice, the second pass knowing the first pass's labels of each word elsewhere
    /// in the document.
    pub two_pass: bool,
    /// Folds of the training data for the first-pass labels that the second pass learns
    /// from (each fold is tagged by a model trained on the others).
    pub folds: usize,
    /// Passes over the training data for each fold's first-pass model.
    pub fold_epochs: usize,
    /// Print progress to stderr.
    pub verbose: bool,
    /// Word-class table (`data/word-clusters.bin`) to learn from and ship in the model.
    pub clusters: Option<&'static [u8]>,
    /// While learning, how often a capitalised word's own identity features are hidden.
    pub word_dropout: f64,
    /// Independent training runs (each with its own document order) whose weights are
    /// averaged into the model.
    pub runs: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            epochs: 20,
            min_count: 1,
            clip_quantile: 1.0,
            two_pass: false,
            folds: 4,
            fold_epochs: 8,
            verbose: true,
            clusters: None,
            word_dropout: 0.0,
            runs: 1,
        }
    }
}

fn examples(docs: &[conll::Doc]) -> Vec<(Vec<Token>, Vec<usize>)> {
    docs.iter()
        .map(|d| {
            let toks = tokenize(&d.text);
            let gold = gold_tags(&toks, &d.entities);
            (toks, gold)
        })
        .collect()
}

fn build<'t>(
    docs: &'t [conll::Doc],
    toks: &'t [(Vec<Token>, Vec<usize>)],
    cls: Option<&Clusters>,
) -> Vec<Example<'t>> {
    docs.iter()
        .zip(toks)
        .map(|(d, (t, g))| Example {
            doc: Doc::new(&d.text, t, sentence_ranges(&d.text, t), cls).materialise(),
            gold: g.clone(),
        })
        .collect()
}

/// Trains a tagger on CoNLL-2003 `train`, tunes on `dev`, and returns the model file bytes.
pub fn train(train: &Path, dev: &Path, seed: u64) -> Result<Vec<u8>, String> {
    train_with(train, dev, seed, Settings::default())
}

/// [`train`] with explicit settings.
pub fn train_with(train: &Path, dev: &Path, seed: u64, set: Settings) -> Result<Vec<u8>, String> {
    let train_docs = conll::read(train)?;
    let dev_docs = conll::read(dev)?;
    let tr_tok = examples(&train_docs);
    let dv_tok = examples(&dev_docs);
    let cls = set
        .clusters
        .map(|b| Clusters::from_bytes(b, features::word_hash))
        .transpose()?;
    let tr = build(&train_docs, &tr_tok, cls.as_ref());
    let dv = build(&dev_docs, &dv_tok, cls.as_ref());
    // Feature index: static features seen often enough, and dynamic ones under gold history.
    let mut counts: IdMap<u64, u32> = IdMap::default();
    let mut dynf = Vec::new();
    for ex in &tr {
        let mut hist = History::new(&ex.doc);
        let nl = ex.doc.nonlocal(&ex.gold);
        for r in &ex.doc.sents {
            for i in r.clone() {
                for &h in ex.doc.feats(i) {
                    *counts.entry(h).or_insert(0) += 1;
                }
                let p1 = if i > r.start { ex.gold[i - 1] } else { 0 };
                let p2 = if i > r.start + 1 { ex.gold[i - 2] } else { 0 };
                ex.doc
                    .dynamic(i, p1, p2, hist.get(&ex.doc, i), 0, &mut dynf);
                if set.two_pass && nl[i] != 0 {
                    let more = dynf.clone();
                    ex.doc
                        .dynamic(i, p1, p2, hist.get(&ex.doc, i), nl[i], &mut dynf);
                    dynf.extend(more);
                }
                for &h in &dynf {
                    *counts.entry(h).or_insert(0) += 1;
                }
            }
            hist.record(&ex.doc, r.clone(), &ex.gold);
        }
    }
    let mut kept: Vec<u64> = counts
        .iter()
        .filter(|(_, &c)| c >= set.min_count)
        .map(|(&h, _)| h)
        .collect();
    kept.sort_unstable();
    let mut index: IdMap<u64, u32> = IdMap::default();
    for (row, h) in kept.iter().enumerate() {
        index.insert(*h, row as u32);
    }
    let nw = kept.len() * NTAGS;
    if set.verbose {
        eprintln!(
            "{} training docs, {} features kept of {}",
            tr.len(),
            kept.len(),
            counts.len()
        );
    }
    drop(counts);
    let fresh = || Perceptron {
        index: index.clone(),
        w: vec![0.0; nw],
        total: vec![0.0; nw],
        stamp: vec![0; nw],
        clock: 0,
        dropout: (set.word_dropout * 65536.0) as u64,
        seed,
    };
    let mut rng = Rng(seed);
    // Second-pass inputs for the training documents: first-pass labels from models that
    // did not see the document (jackknife), so that the second pass learns how far a
    // first pass on unseen text can be trusted.
    let nl_train: Vec<Vec<u8>> = if set.two_pass {
        let mut out = vec![Vec::new(); tr.len()];
        for fold in 0..set.folds {
            let mut q = fresh();
            let mut others: Vec<usize> = (0..tr.len()).filter(|d| d % set.folds != fold).collect();
            for _ in 0..set.fold_epochs {
                rng.shuffle(&mut others);
                q.epoch(&tr, &others, None);
            }
            let avg = q.averaged();
            for d in (0..tr.len()).filter(|d| d % set.folds == fold) {
                let doc = &tr[d].doc;
                out[d] = doc.nonlocal(&decode(&avg, doc, &fixed_scores(&avg, doc), true, false));
            }
            if set.verbose {
                eprintln!("first-pass fold {} of {}", fold + 1, set.folds);
            }
        }
        out
    } else {
        Vec::new()
    };
    // Each run learns from its own order of the documents; their weights are averaged
    // (runs differ by a point of F1 on out-of-period text; their mean is steadier).
    let mut sum: Option<Averaged> = None;
    let (mut score, mut epoch) = (0.0, 0);
    for run in 0..set.runs.max(1) {
        let mut p = fresh();
        let mut order: Vec<usize> = (0..tr.len()).collect();
        let mut best_model: Option<(f64, usize, Averaged)> = None;
        for ep in 1..=set.epochs {
            rng.shuffle(&mut order);
            p.epoch(&tr, &order, set.two_pass.then_some(&nl_train));
            let avg = p.averaged();
            let f = f1(&avg, &dv, set.two_pass);
            if set.verbose {
                eprintln!("run {} epoch {ep}: dev F1 {f:.4}", run + 1);
            }
            if best_model.as_ref().is_none_or(|b| f > b.0) {
                best_model = Some((f, ep, avg));
            }
        }
        let (f, ep, avg) = best_model.ok_or("no epochs")?;
        (score, epoch) = (f, ep);
        match sum.as_mut() {
            None => sum = Some(avg),
            Some(s) => s.w.iter_mut().zip(&avg.w).for_each(|(a, b)| *a += b),
        }
    }
    let mut avg = sum.ok_or("no runs")?;
    let runs = set.runs.max(1) as f32;
    avg.w.iter_mut().for_each(|x| *x /= runs);
    if set.runs > 1 {
        score = f1(&avg, &dv, set.two_pass);
    }
    // Quantise.
    let mut mags: Vec<f32> = avg.w.iter().map(|x| x.abs()).filter(|&x| x > 0.0).collect();
    mags.sort_by(f32::total_cmp);
    let clip = mags
        .get(((mags.len() as f64 - 1.0) * set.clip_quantile) as usize)
        .copied()
        .unwrap_or(1.0);
    let scale = (clip / 127.0).max(1e-6);
    let mut rows: IdMap<u32, [f32; NTAGS]> = IdMap::default();
    for (&h, &row) in &avg.index {
        let r = rows.entry(key(h)).or_insert([0.0; NTAGS]);
        for (t, x) in r.iter_mut().enumerate() {
            *x += avg.w[row as usize * NTAGS + t];
        }
    }
    let bytes = write_model(
        rows.into_iter().collect(),
        scale,
        set.two_pass,
        set.clusters,
    );
    if set.verbose {
        let m = Model::from_bytes(&bytes)?;
        eprintln!(
            "best epoch {epoch} (dev F1 {score:.4}); {} features, {} bytes; quantised dev F1 {:.4}",
            m.len(),
            bytes.len(),
            f1(&m, &dv, m.two_pass)
        );
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cached_static_scores_equal_feature_by_feature_scores() {
        let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/models/ner.bin")).unwrap();
        let model = Model::from_bytes(&bytes).unwrap();
        let sample = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/www/samples/paris-talks-2025-09-01.txt"
        );
        let text = std::fs::read_to_string(sample).unwrap()
            + "\n\nBREAKING NEWS FROM KYIV AND MOSCOW\nZürich's Café Müller — São Paulo 東京 🙂.";
        let toks = tokenize(&text);
        let doc = Doc::new(
            &text,
            &toks,
            sentence_ranges(&text, &toks),
            model.clusters.as_ref(),
        );
        let fast = model.fixed_scores(&doc);
        let doc = doc.materialise();
        assert_eq!(fast, fixed_scores(&model, &doc));
        assert!(fast.iter().any(|s| s.iter().any(|&x| x != 0)));
        // The one-pass decoder with summed word-free weights gives the generic decoder's
        // tags, entities among them.
        let tags = model.decode_one_pass(&doc, &fast);
        assert_eq!(tags, decode(&model, &doc, &fast, true, false));
        assert!(spans(&tags).len() > 20);
    }

    #[test]
    fn spans_from_bilou() {
        let (b, i, l, u) = (tag(0, 0), tag(0, 1), tag(0, 2), tag(2, 3));
        let got = spans(&[0, b, i, l, u, 0, b]);
        assert_eq!(
            got,
            [
                Tagged {
                    start: 1,
                    end: 4,
                    label: "PER"
                },
                Tagged {
                    start: 4,
                    end: 5,
                    label: "LOC"
                },
                Tagged {
                    start: 6,
                    end: 7,
                    label: "PER"
                }
            ]
        );
    }

    #[test]
    fn model_file_round_trips() {
        let mut w = [0f32; NTAGS];
        w[3] = 1.0;
        w[5] = -0.5;
        let bytes = write_model(
            vec![(7, w), (3, [0.0; NTAGS]), (1 << 31, w)],
            0.01,
            true,
            None,
        );
        let m = Model::from_bytes(&bytes).unwrap();
        assert_eq!(m.len(), 2);
        let row = m.table.get(7).unwrap();
        assert_eq!((row[3], row[5]), (100, -50));
        assert!(Model::from_bytes(&bytes[..bytes.len() - 1]).is_err());
        assert!(Model::from_bytes(b"garbage").is_err());
        // No prefix and no single-byte change makes loading panic.
        for k in 0..bytes.len() {
            assert!(Model::from_bytes(&bytes[..k]).is_err());
            for v in [0u8, 1, 0x7f, 0x80, 0xff] {
                let mut b = bytes.clone();
                b[k] = v;
                let _ = Model::from_bytes(&b);
            }
        }
        let mut huge = bytes.clone();
        huge[12..16].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(Model::from_bytes(&huge).is_err());
    }

    /// A word-class table of two words, "acme" (classes 1, 1, 0) and "zenith" (0, 0, 0).
    fn tiny_clusters() -> Vec<u8> {
        let mut b = b"NMWC\x01".to_vec();
        b.extend_from_slice(&2u32.to_le_bytes());
        for k in [2u16, 2, 1] {
            b.extend_from_slice(&k.to_le_bytes());
        }
        for x in [0u16, 1, 0, 0, 1, 0] {
            b.extend_from_slice(&x.to_le_bytes());
        }
        b.extend_from_slice(b"\x00acme\n\x00zenith\n");
        b
    }

    #[test]
    fn word_classes_travel_in_the_model_file() {
        let table = tiny_clusters();
        let bytes = write_model(vec![(7, [0.5; NTAGS])], 0.01, false, Some(&table));
        let m = Model::from_bytes(&bytes).unwrap();
        let cls = m.clusters.as_ref().unwrap();
        assert_eq!(cls.len(), 2);
        let acme = cls.get(features::word_hash("acme"));
        assert_eq!(clusters::levels(acme), [1, 1, 0]);
        assert_eq!(
            clusters::levels(cls.get(features::word_hash("zenith"))),
            [0, 0, 0]
        );
        assert_eq!(cls.get(features::word_hash("other")), clusters::NONE);
        // A document's words find their classes, "Acme" through its lower case: four
        // features of its own classes, one of the class of "Zenith" two words on.
        let text = "Acme hired Zenith .";
        let toks = tokenize(text);
        let doc = Doc::new(text, &toks, sentence_ranges(text, &toks), Some(cls)).materialise();
        let plain = Doc::new(text, &toks, sentence_ranges(text, &toks), None).materialise();
        assert_eq!(doc.feats(0).len(), plain.feats(0).len() + 5);
        // No truncation and no single-byte change of the table makes loading panic.
        for k in bytes.len() - table.len()..bytes.len() {
            assert!(Model::from_bytes(&bytes[..k]).is_err());
            for v in [0u8, 1, 0x0a, 0x7f, 0xff] {
                let mut b = bytes.clone();
                b[k] = v;
                let _ = Model::from_bytes(&b);
            }
        }
    }

    #[test]
    fn training_is_deterministic_and_learns() {
        let dir = std::env::temp_dir().join(format!("newsmark-ner-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut corpus = String::new();
        let people = ["Smith", "Jones", "Brown", "Clark"];
        let places = ["Paris", "Berlin", "Lagos", "Lima"];
        for k in 0..40 {
            corpus.push_str("-DOCSTART- -X- O O\n\n");
            let (p, l) = (people[k % 4], places[(k / 4) % 4]);
            for (w, t) in [
                ("Mr", "O"),
                (p, "I-PER"),
                ("went", "O"),
                ("to", "O"),
                (l, "I-LOC"),
                (".", "O"),
            ] {
                corpus.push_str(&format!("{w} X X {t}\n"));
            }
            corpus.push('\n');
        }
        let (tr, dv) = (dir.join("train"), dir.join("dev"));
        std::fs::write(&tr, &corpus).unwrap();
        std::fs::write(&dv, &corpus).unwrap();
        let set = Settings {
            epochs: 3,
            min_count: 1,
            clip_quantile: 1.0,
            two_pass: true,
            folds: 2,
            fold_epochs: 2,
            verbose: false,
            clusters: None,
            word_dropout: 0.0,
            runs: 2,
        };
        let a = train_with(&tr, &dv, 7, set).unwrap();
        let b = train_with(&tr, &dv, 7, set).unwrap();
        assert_eq!(a, b);
        let m = Model::from_bytes(&a).unwrap();
        let text = "Mr Jones went to Lima .";
        let toks = tokenize(text);
        let got = m.tag(text, &toks);
        assert_eq!(
            got,
            [
                Tagged {
                    start: 1,
                    end: 2,
                    label: "PER"
                },
                Tagged {
                    start: 4,
                    end: 5,
                    label: "LOC"
                }
            ]
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
