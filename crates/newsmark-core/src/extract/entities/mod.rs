//! Entity recognition (PER, ORG, LOC, MISC).
//!
//! Two recognisers share one tokenisation and one document-level pass:
//! - [`RuleEntities`]: capitalisation patterns plus word lists ([`lexicon`]); no model needed,
//!   so the page uses it before the trained model has loaded.
//! - [`ModelEntities`]: the averaged-perceptron tagger trained on CoNLL-2003 (see
//!   [`crate::model`]), loaded from `models/ner.bin` bytes.
//!
//! Both keep titles outside person names ("President **Volodymyr Zelensky**"), cut the
//! possessive ("**Trump**'s"), keep multi-word names whole, and give a later lone surname
//! the label of the earlier full name ([`link`] exposes the same grouping as entity ids).

mod rules;

use super::labels::PER;
use super::{Context, Extractor, Mention, Source};
use crate::hash::WordMap;
use crate::lexicon::{self, class};
use crate::model::decode::Tagged;
use crate::span::{Byte, Span};
use crate::text::sentence_ranges;
use crate::text::{tokenize, Token, TokenKind};

/// Rule-based entity recogniser.
#[derive(Debug, Clone, Copy)]
pub struct RuleEntities {
    /// Run the document-level pass (lone surnames take the label of the full name).
    pub link_names: bool,
}

impl Default for RuleEntities {
    fn default() -> Self {
        RuleEntities { link_names: true }
    }
}

impl RuleEntities {
    /// Token tags of `text` (before the document-level pass).
    fn tag(&self, text: &str, toks: &[Token]) -> Vec<Tagged> {
        let lex = rules::lexicon();
        let mut tags = Vec::new();
        let mut local = Vec::new();
        for r in sentence_ranges(text, toks) {
            local.clear();
            rules::tag_sentence(text, &toks[r.clone()], lex, &mut local);
            tags.extend(local.iter().map(|t| Tagged {
                start: t.start + r.start,
                end: t.end + r.start,
                label: t.label,
            }));
        }
        rules::resolve_coordination(text, toks, &mut tags);
        tags
    }
}

impl Extractor for RuleEntities {
    fn extract(&self, text: &str, _ctx: &Context) -> Vec<Mention> {
        let toks = tokenize(text);
        let mut tags = self.tag(text, &toks);
        if self.link_names {
            propagate(text, &toks, &mut tags);
        }
        to_mentions(&toks, &tags, Source::Rule)
    }
}

/// The trained tagger ([`crate::model`]) as an [`Extractor`].
#[derive(Debug, Clone)]
pub struct ModelEntities {
    model: crate::model::Model,
    /// Run the document-level pass (lone surnames take the label of the full name).
    pub link_names: bool,
    /// Apply the patterns of today's news that 1996 training text lacks: titles between
    /// an organisation and a person, photo credits, datelines, `@accounts`.
    pub news_patterns: bool,
}

impl ModelEntities {
    /// Loads a model file (`models/ner.bin`).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, String> {
        Ok(ModelEntities {
            model: crate::model::Model::from_bytes(bytes)?,
            link_names: true,
            news_patterns: true,
        })
    }

    /// The loaded model.
    pub fn model(&self) -> &crate::model::Model {
        &self.model
    }
}

impl Extractor for ModelEntities {
    fn extract(&self, text: &str, _ctx: &Context) -> Vec<Mention> {
        let toks = tokenize(text);
        let mut tags = self.model.tag(text, &toks);
        drop_titles(text, &toks, &mut tags);
        fix_spans(text, &toks, &mut tags);
        if self.news_patterns {
            split_titles(text, &toks, &mut tags);
            credits_and_handles(text, &toks, &mut tags);
        }
        if self.link_names {
            propagate(text, &toks, &mut tags);
        }
        to_mentions(&toks, &tags, Source::Model)
    }
}

/// Keeps titles outside person names: a PER run that starts with title words
/// ("President Volodymyr Zelensky") loses them.
fn drop_titles(text: &str, toks: &[Token], tags: &mut Vec<Tagged>) {
    let lex = lexicon::get();
    for t in tags.iter_mut().filter(|t| t.label == PER) {
        while t.end - t.start > 1 {
            let w = toks[t.start].text(text);
            let dash =
                w == "-" && t.start > 0 && lex.is(toks[t.start - 1].text(text), class::TITLE);
            if lex.is(w, class::TITLE) && !lex.is(w, class::FIRST_NAME) || dash {
                t.start += 1;
            } else {
                break;
            }
        }
    }
    tags.retain(|t| t.end > t.start);
}

/// Repairs the model's spans where newswire training conventions differ from pasted text:
/// - punctuation at either end of a span is cut off;
/// - a hyphenated modifier ("U.S.-led", "Kyiv-based") keeps only the name before the hyphen,
///   labelled from the word lists when they know it;
/// - person parts joined only by lower-case particles ("Ursula" "von der" "Leyen") merge;
/// - a LOC ending in an organisation word ("White House", "Kremlin") is an ORG.
fn fix_spans(text: &str, toks: &[Token], tags: &mut Vec<Tagged>) {
    let lex = lexicon::get();
    let punct = |k: usize| toks[k].kind == TokenKind::Punct;
    for t in tags.iter_mut() {
        while t.end > t.start && punct(t.start) {
            t.start += 1;
        }
        while t.end > t.start && punct(t.end - 1) {
            t.end -= 1;
        }
        if let Some(h) = (t.start + 1..t.end).find(|&k| toks[k].text(text) == "-") {
            let rest_lower = (h + 1..t.end).all(|k| {
                toks[k]
                    .text(text)
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase)
            });
            if rest_lower && h + 1 < t.end {
                t.end = h;
                let c = lex.classes_of(text, &toks[t.start..t.end]);
                if c & class::PLACE != 0 {
                    t.label = super::labels::LOC;
                } else if c & class::NATIONALITY != 0 {
                    t.label = super::labels::MISC;
                } else if c & class::ORG != 0 {
                    t.label = super::labels::ORG;
                }
            }
        }
        if t.label == super::labels::LOC && t.end > t.start {
            let last = toks[t.end - 1].text(text);
            let whole = lex.classes_of(text, &toks[t.start..t.end]);
            if lex.is(last, class::ORG_WORD)
                && whole & class::PLACE == 0
                && !lex.is(last, class::PLACE)
            {
                t.label = super::labels::ORG;
            }
        }
    }
    tags.retain(|t| t.end > t.start);
    // Merge person parts across particles (one pass: a merge never shifts the rest).
    let mut merged: Vec<Tagged> = Vec::with_capacity(tags.len());
    for b in tags.drain(..) {
        if let Some(a) = merged.last_mut() {
            let particles = (a.end..b.start).all(|j| {
                let w = toks[j].text(text);
                rules::PARTICLES.contains(&w) && toks[j].span.start - toks[j - 1].span.end <= 1
            });
            if a.label == PER
                && b.label != MISC_LABEL
                && b.end - b.start == 1
                && b.start > a.end
                && particles
                && toks[b.start].span.start - toks[b.start - 1].span.end <= 1
            {
                a.end = b.end;
                continue;
            }
        }
        merged.push(b);
    }
    *tags = merged;
}

const MISC_LABEL: &str = super::labels::MISC;

/// Two patterns of today's news that 1996 newswire never had, labelled as the CoNLL
/// guidelines say:
/// - a photo credit line, `REUTERS/Jane Doe/File Photo`: the agency is an organisation,
///   the photographer a person, the rest of the line nothing;
/// - a Twitter account, `@name`: MISC, the `@` included;
/// - a Reuters dateline, `SAN FRANCISCO/NEW YORK (Reuters) -` or `LONDON, Dec 7 (Reuters)`:
///   each run of words in capitals before it is a place.
fn credits_and_handles(text: &str, toks: &[Token], tags: &mut Vec<Tagged>) {
    let word = |k: usize| toks[k].text(text);
    let cap = |k: usize| word(k).chars().next().is_some_and(char::is_uppercase);
    let tight = |k: usize| toks[k].span.start == toks[k - 1].span.end;
    let mut add: Vec<Tagged> = Vec::new();
    for r in sentence_ranges(text, toks) {
        let (a, b) = (r.start, r.end);
        if b - a >= 4 && word(a) == "REUTERS" && word(a + 1) == "/" {
            let mut e = a + 2;
            while e < b
                && toks[e].kind == TokenKind::Word
                && (cap(e) || word(e).len() <= 3 && e + 1 < b && cap(e + 1))
            {
                e += 1;
            }
            if e > a + 2 && (e == b || word(e) == "/") && cap(a + 2) {
                tags.retain(|t| t.end <= a || t.start >= b);
                add.push(Tagged {
                    start: a,
                    end: a + 1,
                    label: super::labels::ORG,
                });
                add.push(Tagged {
                    start: a + 2,
                    end: e,
                    label: PER,
                });
            }
        }
    }
    for r in sentence_ranges(text, toks) {
        let Some(p) = (r.start..r.end.saturating_sub(1))
            .take(12)
            .find(|&k| word(k) == "(" && word(k + 1).starts_with("Reuters"))
        else {
            continue;
        };
        let caps = |k: usize| {
            toks[k].kind == TokenKind::Word
                && word(k).len() > 1
                && !word(k).chars().any(char::is_lowercase)
        };
        let mut k = r.start;
        while k < p {
            if !caps(k) {
                k += 1;
                continue;
            }
            let s = k;
            while k < p && caps(k) {
                k += 1;
            }
            tags.retain(|t| t.end <= s || t.start >= k);
            add.push(Tagged {
                start: s,
                end: k,
                label: super::labels::LOC,
            });
        }
    }
    for (k, tok) in toks.iter().enumerate().skip(1) {
        if word(k - 1) == "@" && tok.kind == TokenKind::Word && tight(k) {
            tags.retain(|t| t.end < k || t.start > k);
            add.push(Tagged {
                start: k - 1,
                end: k + 1,
                label: MISC_LABEL,
            });
        }
    }
    if !add.is_empty() {
        tags.extend(add);
        tags.sort_by_key(|t| t.start);
    }
}

/// Splits a run that holds an organisation or place, a title and a person ("Orange County
/// Sheriff Don Barnes", "European Commission President Ursula von der Leyen", "Senate
/// Democratic leader Chuck Schumer") into the name before the title and the person after
/// it, the title outside both; and a nationality before a person ("Welshman Jamie
/// Donaldson") into the nationality and the person. The model learnt from 1996 text where
/// such runs are rare, and tags them as one name.
fn split_titles(text: &str, toks: &[Token], tags: &mut Vec<Tagged>) {
    let lex = lexicon::get();
    let word = |k: usize| toks[k].text(text);
    let cap = |k: usize| word(k).chars().next().is_some_and(char::is_uppercase);
    let is_title = |k: usize| {
        let w = word(k);
        if cap(k) {
            lex.is(w, class::TITLE) && !lex.is(w, class::FIRST_NAME)
        } else {
            let mut cs = w.chars();
            w.len() > 2
                && cs.next().is_some_and(char::is_lowercase)
                && lex.is(
                    &cs.as_str().chars().fold(w[..1].to_uppercase(), |mut t, c| {
                        t.push(c);
                        t
                    }),
                    class::TITLE,
                )
        }
    };
    // A person's name: capitalised words and particles, starting with a capital.
    let person = |a: usize, b: usize| {
        b > a
            && b - a <= 4
            && cap(a)
            && (a..b).all(|k| {
                toks[k].kind == TokenKind::Word
                    && (cap(k) || rules::PARTICLES.contains(&word(k)))
                    && !lex.is(word(k), class::TITLE | class::ORG_WORD)
            })
    };
    let mut out: Vec<Tagged> = Vec::with_capacity(tags.len());
    for t in tags.drain(..) {
        let mut done = false;
        if t.end - t.start >= 3 {
            if let Some(k) = (t.start + 1..t.end - 1).find(|&k| is_title(k)) {
                let mut r = k;
                while r < t.end && is_title(r) {
                    r += 1;
                }
                let mut l = k;
                while l > t.start && !cap(l - 1) {
                    l -= 1;
                }
                if l > t.start && person(r, t.end) {
                    let left = lex.classes_of(text, &toks[t.start..l]);
                    let label = if lex.is(word(l - 1), class::ORG_WORD) {
                        super::labels::ORG
                    } else if t.label != PER {
                        t.label
                    } else if left & class::PLACE != 0 {
                        super::labels::LOC
                    } else if left & class::NATIONALITY != 0 {
                        MISC_LABEL
                    } else {
                        super::labels::ORG
                    };
                    out.push(Tagged {
                        start: t.start,
                        end: l,
                        label,
                    });
                    out.push(Tagged {
                        start: r,
                        end: t.end,
                        label: PER,
                    });
                    done = true;
                }
            }
        }
        if !done
            && t.end - t.start >= 3
            && lex.is(word(t.start), class::NATIONALITY)
            && lex.is(word(t.start + 1), class::FIRST_NAME)
            && person(t.start + 1, t.end)
        {
            out.push(Tagged {
                start: t.start,
                end: t.start + 1,
                label: MISC_LABEL,
            });
            out.push(Tagged {
                start: t.start + 1,
                end: t.end,
                label: PER,
            });
            done = true;
        }
        if !done {
            out.push(t);
        }
    }
    *tags = out;
}

/// Turns token tags into byte-offset mentions.
pub(crate) fn to_mentions(toks: &[Token], tags: &[Tagged], source: Source) -> Vec<Mention> {
    tags.iter()
        .filter(|t| t.end > t.start)
        .map(|t| {
            Mention::new(
                Span::new(toks[t.start].span.start, toks[t.end - 1].span.end),
                t.label,
                source,
            )
        })
        .collect()
}

/// The name-bearing words of a mention: its word tokens, less lower-case particles.
fn name_words<'t>(text: &'t str, toks: &[Token]) -> Vec<&'t str> {
    toks.iter()
        .filter(|t| {
            t.kind == TokenKind::Word && t.text(text).chars().next().is_some_and(char::is_uppercase)
        })
        .map(|t| t.text(text))
        .collect()
}

/// Document-level consistency:
/// - a lone capitalised word equal to the surname of an earlier (or later) multi-word person
///   becomes PER, whether it was tagged otherwise or not tagged at all;
/// - an untagged capitalised word that elsewhere in the document was tagged as a single-word
///   name gets the same label (sentence-initial words that the sentence alone left unsure).
pub(crate) fn propagate(text: &str, toks: &[Token], tags: &mut Vec<Tagged>) {
    let lex = lexicon::get();
    let mut surnames: WordMap<&str, ()> = WordMap::default();
    for t in tags.iter().filter(|t| t.label == PER) {
        let words = name_words(text, &toks[t.start..t.end]);
        if words.len() >= 2 {
            surnames.insert(words[words.len() - 1], ());
        }
    }
    let mut single: WordMap<&str, &'static str> = WordMap::default();
    for t in tags.iter_mut() {
        if t.end - t.start == 1 {
            let w = toks[t.start].text(text);
            if surnames.contains_key(w)
                && !lex.is(w, class::PLACE | class::NATIONALITY | class::ORG)
            {
                t.label = PER;
            }
            single.entry(w).or_insert(t.label);
        }
    }
    // Untagged capitalised words.
    let mut covered = vec![false; toks.len()];
    for t in tags.iter() {
        covered[t.start..t.end].iter_mut().for_each(|c| *c = true);
    }
    let mut added = Vec::new();
    for (i, tok) in toks.iter().enumerate() {
        if covered[i] || tok.kind != TokenKind::Word {
            continue;
        }
        let w = tok.text(text);
        if !w.chars().next().is_some_and(char::is_uppercase)
            || lex.is(w, class::STOP | class::TITLE)
        {
            continue;
        }
        // Only a lone word: not part of a longer capitalised run left untagged.
        let cap = |k: usize| {
            toks.get(k).is_some_and(|t| {
                t.kind == TokenKind::Word
                    && t.text(text).chars().next().is_some_and(char::is_uppercase)
            })
        };
        if (i > 0 && cap(i - 1) && !covered[i - 1]) || (cap(i + 1) && !covered[i + 1]) {
            continue;
        }
        let label = if surnames.contains_key(w) {
            Some(PER)
        } else {
            single.get(w).copied()
        };
        if let Some(label) = label {
            added.push(Tagged {
                start: i,
                end: i + 1,
                label,
            });
        }
    }
    if !added.is_empty() {
        tags.extend(added);
        tags.sort_by_key(|t| t.start);
    }
}

/// Entity ids for `mentions` (byte offsets into `text`, sorted by start): two mentions get
/// the same id when they have the same label and either the same text, or one is a single
/// word equal to the last name word of the other ("Trump" and "Donald Trump", in either
/// order), or the same text up to a leading "the". Ids are numbered from 0 in order of first
/// mention. Time expressions are linked only by identical text and value.
pub fn link(text: &str, mentions: &[Mention]) -> Vec<usize> {
    link_by(
        text,
        mentions
            .iter()
            .map(|m| (m.span, m.label.as_str(), m.value.as_deref())),
    )
}

/// [`link`] over `(byte span, label, value)` of each mention, in text order: how the
/// document links its spans, once per version (`Document::entity_ids`).
pub fn link_by<'a>(
    text: &str,
    mentions: impl ExactSizeIterator<Item = (Span<Byte>, &'a str, Option<&'a str>)>,
) -> Vec<usize> {
    let mut ids = Vec::with_capacity(mentions.len());
    // Keys are "label \u{1} text", the text being the whole mention (with its value, for a
    // time) or, in `last_word`, the last name word of a multi-word person.
    let mut full: WordMap<String, usize> = WordMap::default();
    let mut last_word: WordMap<String, usize> = WordMap::default();
    let mut key = String::new();
    let mut word_key = String::new();
    let keyed = |buf: &mut String, label: &str, parts: &[&str]| {
        buf.clear();
        buf.push_str(label);
        buf.push('\u{1}');
        for (k, p) in parts.iter().enumerate() {
            if k > 0 {
                buf.push('\0');
            }
            buf.push_str(p);
        }
    };
    let mut next = 0;
    for (span, label, value) in mentions {
        let s = text.get(span.start..span.end).unwrap_or("");
        let s = s
            .strip_prefix("the ")
            .or_else(|| s.strip_prefix("The "))
            .unwrap_or(s);
        match value {
            Some(v) => keyed(&mut key, label, &[s, v]),
            None => keyed(&mut key, label, &[s]),
        }
        let mut id = full.get(key.as_str()).copied();
        let known = id.is_some();
        // The last name word, for a multi-word name (times are linked by text alone).
        let mut last = None;
        if !super::labels::is_time(label) {
            let toks = tokenize(s);
            let words = name_words(s, &toks);
            if id.is_none() && words.len() == 1 && toks.len() == 1 {
                id = last_word.get(key.as_str()).copied();
            }
            if words.len() >= 2 {
                let w = words[words.len() - 1];
                keyed(&mut word_key, label, &[w]);
                if id.is_none() {
                    id = full.get(word_key.as_str()).copied();
                }
                last = Some(w);
            }
        }
        let id = id.unwrap_or_else(|| {
            next += 1;
            next - 1
        });
        if !known {
            full.insert(key.clone(), id);
        }
        if last.is_some() && label == PER && !last_word.contains_key(word_key.as_str()) {
            last_word.insert(word_key.clone(), id);
        }
        ids.push(id);
    }
    ids
}

#[cfg(test)]
mod tests;
