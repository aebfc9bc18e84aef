//! The entity tagger's trainer: an averaged perceptron over the features of
//! [`newsmark_core::model::features`], decoded by the same code the page tags with
//! ([`newsmark_core::model::decode`]), written in the model file format the page reads.
//!
//! Training reads CoNLL-2003, rebuilds each document's text, tokenises it with the
//! project's tokenizer (so training sees exactly the tokens that pasted text will give),
//! and keeps the epoch that scores best on the development file.

use crate::eval::{conll, Counts};
use newsmark_core::hash::IdMap;
use newsmark_core::model::clusters::Clusters;
use newsmark_core::model::decode::{best, decode, fixed_scores, spans, Scorer};
use newsmark_core::model::features::{tag, word_hash, DocFeatures, History, NTAGS, TYPES};
use newsmark_core::model::{key, write_model, Model};
use newsmark_core::span::{Byte, Span};
use newsmark_core::text::sentence_ranges;
use newsmark_core::text::{tokenize, Token};
use std::path::Path;

/// A training document: static features and gold tags.
struct Example<'t> {
    doc: DocFeatures<'t>,
    gold: Vec<usize>,
}

/// BILOU tags of `toks` from gold byte spans.
fn gold_tags(toks: &[Token], entities: &[(Span<Byte>, String)]) -> Vec<usize> {
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

/// Weights indexed by feature hash: row `index[h]` of `w` holds feature `h`'s [`NTAGS`]
/// weights. The perceptron's current weights and its averaged ones are both of these.
struct Weights {
    index: IdMap<u64, u32>,
    w: Vec<f32>,
}

impl Scorer for Weights {
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

/// Averaged perceptron during training: the current weights, and for each weight its sum
/// over past steps up to `stamp` (brought up to date lazily, when it changes).
struct Perceptron {
    weights: Weights,
    total: Vec<f32>,
    stamp: Vec<u32>,
    clock: u32,
}

impl Perceptron {
    fn bump(&mut self, h: u64, t: usize, d: f32) {
        let Weights { index, w } = &mut self.weights;
        if let Some(&row) = index.get(&h) {
            let j = row as usize * NTAGS + t;
            self.total[j] += (self.clock - self.stamp[j]) as f32 * w[j];
            self.stamp[j] = self.clock;
            w[j] += d;
        }
    }

    /// Averaged weights as a scorer.
    fn averaged(&self) -> Weights {
        let clock = self.clock.max(1) as f32;
        let w = &self.weights.w;
        let w = (0..w.len())
            .map(|j| (self.total[j] + (self.clock - self.stamp[j]) as f32 * w[j]) / clock)
            .collect();
        Weights {
            index: self.weights.index.clone(),
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
        let doc = &ex.doc;
        let mut hist = History::new(doc);
        let mut tags = vec![0usize; doc.words.len()];
        for r in &doc.sents {
            let (mut p1, mut p2) = (0usize, 0usize);
            for i in r.clone() {
                self.clock += 1;
                let mut scores = [0f32; NTAGS];
                self.weights.add_all(doc.feats(i), &mut scores);
                let code = nl.map_or(0, |c| c[i]);
                doc.dynamic(i, p1, p2, hist.get(doc, i), code, &mut dynf);
                self.weights.add_all(&dynf, &mut scores);
                let guess = best(&scores, |_| true);
                let gold = ex.gold[i];
                if guess != gold {
                    for &h in doc.feats(i).iter().chain(dynf.iter()) {
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

/// Exact-match F1 of `scorer` on examples.
fn f1<S: Scorer>(s: &S, examples: &[Example], two_pass: bool) -> f64 {
    let mut counts = Counts::default();
    for ex in examples {
        let got = spans(&decode(
            s,
            &ex.doc,
            &fixed_scores(s, &ex.doc),
            true,
            two_pass,
        ));
        let want = spans(&ex.gold);
        let tp = got.iter().filter(|g| want.contains(g)).count();
        counts.add(Counts {
            tp,
            fp: got.len() - tp,
            fn_: want.len() - tp,
        });
    }
    counts.f1()
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
            runs: 1,
        }
    }
}

fn examples(docs: &[conll::ConllDoc]) -> Vec<(Vec<Token>, Vec<usize>)> {
    docs.iter()
        .map(|d| {
            let toks = tokenize(&d.text);
            let gold = gold_tags(&toks, &d.entities);
            (toks, gold)
        })
        .collect()
}

fn build<'t>(
    docs: &'t [conll::ConllDoc],
    toks: &'t [(Vec<Token>, Vec<usize>)],
    cls: Option<&Clusters>,
) -> Vec<Example<'t>> {
    docs.iter()
        .zip(toks)
        .map(|(d, (t, g))| Example {
            doc: DocFeatures::new(&d.text, t, sentence_ranges(&d.text, t), cls).materialise(),
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
        .map(|b| Clusters::from_bytes(b, word_hash))
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
        weights: Weights {
            index: index.clone(),
            w: vec![0.0; nw],
        },
        total: vec![0.0; nw],
        stamp: vec![0; nw],
        clock: 0,
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
    let mut sum: Option<Weights> = None;
    let (mut score, mut epoch) = (0.0, 0);
    for run in 0..set.runs.max(1) {
        let mut p = fresh();
        let mut order: Vec<usize> = (0..tr.len()).collect();
        let mut best_model: Option<(f64, usize, Weights)> = None;
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
            f1(&m, &dv, m.two_pass())
        );
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsmark_core::model::decode::Tagged;

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
