//! CoNLL-2003 reader and entity evaluation.
//!
//! The files have one token per line in four columns (`token POS chunk NE`), a blank line
//! between sentences and `-DOCSTART-` lines between documents; NE tags are IOB1 (`I-X`
//! inside or starting an entity, `B-X` only to start an entity right after another of the
//! same type). Each document is rebuilt as text by joining its tokens with spaces and its
//! sentences with newlines, so gold entities become exact byte spans of that text and any
//! [`Extractor`] can be scored on it.
//!
//! The CoNLL++ 2020 files (Liu & Ritter 2023) have one token a line as `word start end TAG`
//! instead, `start`/`end` being character offsets into the article. [`parse`] tells the two
//! apart by those integer columns and, for them, places each token at its offset: gaps
//! inside a sentence are spaces, the gap between two sentences a line break (the text
//! before the first token is left out, offsets shifted accordingly).

use super::{Counts, Table};
use newsmark_core::extract::{Context, Extractor};
use newsmark_core::span::{Byte, Span};
use std::collections::HashSet;
use std::path::Path;

/// One document rebuilt as text, with its gold entities.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConllDoc {
    /// Tokens joined by spaces, sentences by newlines.
    pub text: String,
    /// Gold entities: byte span and label (PER, ORG, LOC, MISC), sorted by start.
    pub entities: Vec<(Span<Byte>, String)>,
}

/// Reads a CoNLL-2003 file into documents.
pub fn read(path: &Path) -> Result<Vec<ConllDoc>, String> {
    let raw = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    parse(&raw).map_err(|e| format!("{}: {e}", path.display()))
}

/// True when `raw` is in the CoNLL++ offset format (`word start end TAG`): its first token
/// line has integers in the second and third columns.
fn has_offsets(raw: &str) -> bool {
    raw.lines()
        .map(str::trim_end)
        .find(|l| !l.is_empty() && !l.starts_with("-DOCSTART-"))
        .is_some_and(|l| {
            let cols: Vec<&str> = l.split_whitespace().collect();
            cols.len() == 4 && cols[1].parse::<usize>().is_ok() && cols[2].parse::<usize>().is_ok()
        })
}

/// Parses CoNLL-2003 text, or CoNLL++ text with character offsets (see [`read`]).
pub fn parse(raw: &str) -> Result<Vec<ConllDoc>, String> {
    let offsets = has_offsets(raw);
    // With offsets: the character offset where the document's text starts, and the end
    // (in characters) of the text so far.
    let mut origin: Option<usize> = None;
    let mut chars_at = 0usize;
    let mut new_sentence = false;
    let mut docs = Vec::new();
    let mut doc = ConllDoc::default();
    // The open entity: (start byte, label, end byte).
    let mut open: Option<(usize, String, usize)> = None;
    let mut sentence_has_tokens = false;
    let close = |doc: &mut ConllDoc, open: &mut Option<(usize, String, usize)>| {
        if let Some((s, l, e)) = open.take() {
            doc.entities.push((Span::new(s, e), l));
        }
    };
    for (n, line) in raw.lines().enumerate() {
        let line = line.trim_end();
        if line.starts_with("-DOCSTART-") {
            close(&mut doc, &mut open);
            if !doc.text.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            sentence_has_tokens = false;
            (origin, chars_at, new_sentence) = (None, 0, false);
            continue;
        }
        if line.is_empty() {
            close(&mut doc, &mut open);
            if sentence_has_tokens && !offsets {
                doc.text.push('\n');
            }
            new_sentence |= sentence_has_tokens;
            sentence_has_tokens = false;
            continue;
        }
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.len() < 2 {
            return Err(format!("line {}: expected `token POS chunk NE`", n + 1));
        }
        let (token, tag) = (cols[0], cols[cols.len() - 1]);
        if offsets {
            let bad = || format!("line {}: expected `word start end TAG`", n + 1);
            let from: usize = cols.get(1).and_then(|c| c.parse().ok()).ok_or_else(bad)?;
            let at = from - *origin.get_or_insert(from);
            if at < chars_at {
                return Err(format!("line {}: token overlaps the one before", n + 1));
            }
            for k in 0..at - chars_at {
                doc.text
                    .push(if new_sentence && k == 0 { '\n' } else { ' ' });
            }
            chars_at = at + token.chars().count();
            new_sentence = false;
        } else if sentence_has_tokens {
            doc.text.push(' ');
        }
        let start = doc.text.len();
        doc.text.push_str(token);
        let end = doc.text.len();
        sentence_has_tokens = true;
        if tag == "O" {
            close(&mut doc, &mut open);
            continue;
        }
        let (prefix, label) = tag
            .split_once('-')
            .ok_or_else(|| format!("line {}: bad tag {tag}", n + 1))?;
        let continues = prefix == "I" && open.as_ref().is_some_and(|(_, l, _)| l == label);
        if continues {
            if let Some(o) = open.as_mut() {
                o.2 = end;
            }
        } else {
            close(&mut doc, &mut open);
            open = Some((start, label.to_string(), end));
        }
    }
    close(&mut doc, &mut open);
    if !doc.text.is_empty() {
        docs.push(doc);
    }
    for d in &mut docs {
        while d.text.ends_with('\n') {
            d.text.pop();
        }
        d.text.truncate(d.text.trim_end().len());
    }
    Ok(docs)
}

/// Scores `entities` on documents: exact span and label match, per label and overall.
pub fn score(docs: &[ConllDoc], entities: &dyn Extractor) -> Table {
    let mut table = Table::new("entities (exact span + label)");
    for label in ["LOC", "MISC", "ORG", "PER"] {
        table.row(label);
    }
    for d in docs {
        let gold: HashSet<(Span<Byte>, &str)> =
            d.entities.iter().map(|(s, l)| (*s, l.as_str())).collect();
        let got: HashSet<(Span<Byte>, String)> = entities
            .extract(&d.text, &Context::default())
            .into_iter()
            .filter(|m| !newsmark_core::extract::labels::is_time(&m.label))
            .map(|m| (m.span, m.label))
            .collect();
        for (s, l) in &got {
            let c: &mut Counts = table.row(l);
            if gold.contains(&(*s, l.as_str())) {
                c.tp += 1;
            } else {
                c.fp += 1;
            }
        }
        for (s, l) in &gold {
            if !got.contains(&(*s, l.to_string())) {
                table.row(l).fn_ += 1;
            }
        }
    }
    table
}

/// Evaluates `entities` on a CoNLL-2003 file (exact span and label match) and returns the
/// printable per-type table.
pub fn evaluate(path: &Path, entities: &dyn Extractor) -> Result<String, String> {
    let docs = read(path)?;
    let mut table = score(&docs, entities);
    table.title = format!(
        "{}: {} ({} documents)",
        path.display(),
        table.title,
        docs.len()
    );
    Ok(table.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsmark_core::extract::{Mention, Source};

    const SAMPLE: &str = "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\n\
                          call NN I-NP O\n. . O O\n\nPeter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\nand CC O O\n\
                          Blair NNP I-NP B-PER\n\n-DOCSTART- -X- O O\n\nIn IN I-PP O\nBonn NNP I-NP I-LOC\nDe NNP I-NP I-PER\n\
                          Klerk NNP I-NP I-PER\nB-PER NNP I-NP B-PER\n";

    fn spans(d: &ConllDoc) -> Vec<(&str, &str)> {
        d.entities
            .iter()
            .map(|(s, l)| (&d.text[*s], l.as_str()))
            .collect()
    }

    #[test]
    fn rebuilds_conllpp_text_from_offsets() {
        let raw = "-DOCSTART- - - O\n\nREUTERS 21 28 I-ORG\n/ 29 30 O\nJosé 31 35 I-PER\n\n\
                   Biden 37 42 I-PER\nwon 43 46 O\n\n-DOCSTART- - - O\n\nIn 5 7 O\nLima 8 12 I-LOC\n";
        let docs = parse(raw).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].text, "REUTERS / José\n Biden won");
        assert_eq!(
            spans(&docs[0]),
            [("REUTERS", "ORG"), ("José", "PER"), ("Biden", "PER")]
        );
        assert_eq!(docs[1].text, "In Lima");
        assert_eq!(spans(&docs[1]), [("Lima", "LOC")]);
        assert!(parse("-DOCSTART- - - O\n\nA 5 6 O\nB 5 6 O\n").is_err());
    }

    #[test]
    fn rebuilds_text_and_iob1_spans() {
        let docs = parse(SAMPLE).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(
            docs[0].text,
            "EU rejects German call .\nPeter Blackburn and Blair"
        );
        assert_eq!(
            spans(&docs[0]),
            [
                ("EU", "ORG"),
                ("German", "MISC"),
                ("Peter Blackburn", "PER"),
                ("Blair", "PER")
            ]
        );
        assert_eq!(docs[1].text, "In Bonn De Klerk B-PER");
        assert_eq!(
            spans(&docs[1]),
            [("Bonn", "LOC"), ("De Klerk", "PER"), ("B-PER", "PER")]
        );
    }

    struct Fixed(Vec<(usize, usize, &'static str)>);
    impl Extractor for Fixed {
        fn extract(&self, _text: &str, _ctx: &Context) -> Vec<Mention> {
            self.0
                .iter()
                .map(|&(s, e, l)| Mention::new(Span::new(s, e), l, Source::Rule))
                .collect()
        }
    }

    #[test]
    fn scores_exact_matches_per_label() {
        let docs = parse(SAMPLE).unwrap();
        // "EU" right, "German" wrong label, "Peter" wrong span, "Blair" right.
        let ex = Fixed(vec![
            (0, 2, "ORG"),
            (11, 17, "LOC"),
            (25, 30, "PER"),
            (45, 50, "PER"),
        ]);
        let t = score(&docs[..1], &ex);
        assert_eq!(
            t.rows["ORG"],
            Counts {
                tp: 1,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(
            t.rows["LOC"],
            Counts {
                tp: 0,
                fp: 1,
                fn_: 0
            }
        );
        assert_eq!(
            t.rows["MISC"],
            Counts {
                tp: 0,
                fp: 0,
                fn_: 1
            }
        );
        assert_eq!(
            t.rows["PER"],
            Counts {
                tp: 1,
                fp: 1,
                fn_: 1
            }
        );
        assert_eq!(
            t.total(),
            Counts {
                tp: 2,
                fp: 2,
                fn_: 2
            }
        );
    }
}
