//! The loaded model ([`Model`]): its file format, read and written, and the fast one-pass
//! tagger the page runs.
//!
//! File format (`models/ner.bin`), little-endian:
//! `b"NMNER\x01"`, `u8` number of tags (17), `u8` flags (bit 0: two passes, bit 1: word
//! classes follow), `f32` weight scale, `u32` number of features `n`; then `n` LEB128
//! deltas of the sorted `u32` feature keys; then per feature a LEB128 bit mask of its
//! non-zero tags followed by one `i8` weight per set bit; then, with flag bit 1, the word
//! class table ([`super::clusters`]) to the end of the file. [`Model::from_bytes`] checks
//! all of it and never panics.

use super::clusters::Clusters;
use super::decode::{decode, greedy, spans, Fixed, Scorer, Tagged};
use super::features::{
    history_feat, neighbour_feats, transition_feats, DocFeatures, NEIGHBOURS, NTAGS,
};
use super::table::Table;
use crate::text::{sentence_ranges, Token};

const MAGIC: &[u8; 6] = b"NMNER\x01";

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

/// The 32-bit key a feature hash is stored under.
pub fn key(h: u64) -> u32 {
    (h ^ (h >> 32)) as u32
}

impl Scorer for Model {
    type Score = i16;
    #[inline]
    fn add(&self, h: u64, scores: &mut [i16; NTAGS]) {
        add_weights(&self.table, h, scores);
    }
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
            Some(Clusters::from_bytes(
                &bytes[pos..],
                super::features::word_hash,
            )?)
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

    /// True for a model that tags twice (the second pass knowing the first's labels).
    pub fn two_pass(&self) -> bool {
        self.two_pass
    }

    /// Weight scale of the quantised weights.
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// Tags `text` (already tokenised as `toks`): entity runs in token indices.
    pub fn tag(&self, text: &str, toks: &[Token]) -> Vec<Tagged> {
        let doc = DocFeatures::new(
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
    fn decode_one_pass(&self, doc: &DocFeatures, fixed: &Fixed<i16>) -> Vec<usize> {
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
    fn fixed_scores(&self, doc: &DocFeatures) -> Fixed<i16> {
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
pub fn write_model(
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

#[cfg(test)]
mod tests {
    use super::super::decode::fixed_scores;
    use super::super::features::tag;
    use super::*;
    use crate::text::tokenize;

    #[test]
    fn cached_static_scores_equal_feature_by_feature_scores() {
        let bytes =
            std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/ner.bin")).unwrap();
        let model = Model::from_bytes(&bytes).unwrap();
        let sample = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../www/samples/paris-talks-2025-09-01.txt"
        );
        let text = std::fs::read_to_string(sample).unwrap()
            + "\n\nBREAKING NEWS FROM KYIV AND MOSCOW\nZürich's Café Müller — São Paulo 東京 🙂.";
        let toks = tokenize(&text);
        let doc = DocFeatures::new(
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
        use super::super::clusters;
        use super::super::features::word_hash;
        let table = tiny_clusters();
        let bytes = write_model(vec![(7, [0.5; NTAGS])], 0.01, false, Some(&table));
        let m = Model::from_bytes(&bytes).unwrap();
        let cls = m.clusters.as_ref().unwrap();
        assert_eq!(cls.len(), 2);
        let acme = cls.get(word_hash("acme"));
        assert_eq!(clusters::levels(acme), [1, 1, 0]);
        assert_eq!(clusters::levels(cls.get(word_hash("zenith"))), [0, 0, 0]);
        assert_eq!(cls.get(word_hash("other")), clusters::NONE);
        // A document's words find their classes, "Acme" through its lower case: four
        // features of its own classes, one of the class of "Zenith" two words on.
        let text = "Acme hired Zenith .";
        let toks = tokenize(text);
        let doc =
            DocFeatures::new(text, &toks, sentence_ranges(text, &toks), Some(cls)).materialise();
        let plain = DocFeatures::new(text, &toks, sentence_ranges(text, &toks), None).materialise();
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
}
