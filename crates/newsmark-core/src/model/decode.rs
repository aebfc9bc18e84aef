//! Greedy left-to-right decoding over BILOU tags, generic over the scorer: the loaded
//! [`Model`](super::Model) (`i16` sums of `i8` weights) and the trainer's perceptron (`f32`)
//! decode through the same code, so training measures exactly what the page will tag.

use super::features::{allowed, tag_pos, tag_type, DocFeatures, History, NTAGS, TYPES};

/// A labelled run of tokens `[start, end)` (token indices).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tagged {
    /// First token.
    pub start: usize,
    /// Token after the last.
    pub end: usize,
    /// Entity type.
    pub label: &'static str,
}

/// A score: `f32` while training, `i16` in a loaded model, whose weights are `i8` (a
/// token's few dozen features cannot reach `i16`'s bounds; the sum saturates if they did).
/// Integer sums of the quantised weights order tags exactly as their `f32` sums did, at
/// half the memory and twice the SIMD lanes.
pub trait Score: Copy + Default + PartialOrd {}
impl Score for f32 {}
impl Score for i16 {}

/// Something that scores a token from its feature hashes.
pub trait Scorer {
    /// The score type.
    type Score: Score;
    /// Adds the weights of feature `h` to `scores`.
    fn add(&self, h: u64, scores: &mut [Self::Score; NTAGS]);

    /// Adds the weights of every feature of `hs`.
    #[inline]
    fn add_all(&self, hs: &[u64], scores: &mut [Self::Score; NTAGS]) {
        for &h in hs {
            self.add(h, scores);
        }
    }
}

/// Static scores of every token: the sum of the weights of its static features.
pub type Fixed<T> = Vec<[T; NTAGS]>;

/// Static scores of a [`DocFeatures::materialise`]d document, feature by feature.
pub fn fixed_scores<S: Scorer>(s: &S, doc: &DocFeatures) -> Fixed<S::Score> {
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
/// word elsewhere ([`DocFeatures::nonlocal`]).
pub fn decode<S: Scorer>(
    s: &S,
    doc: &DocFeatures,
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

pub(crate) fn decode_pass<S: Scorer>(
    s: &S,
    doc: &DocFeatures,
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
pub(crate) fn greedy<T: Score>(
    doc: &DocFeatures,
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

/// The best-scoring tag among those `ok` allows (tag 0, `O`, if none is).
pub fn best<T: Score>(scores: &[T; NTAGS], ok: impl Fn(usize) -> bool) -> usize {
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
pub fn spans(tags: &[usize]) -> Vec<Tagged> {
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
