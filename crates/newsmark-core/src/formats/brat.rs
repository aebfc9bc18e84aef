//! brat standoff: the text in a `.txt` file, written byte for byte, and the annotations in
//! an `.ann` file beside it:
//!
//! ```text
//! T3→PER 27 45→Volodymyr Zelensky
//! T5→DATE 94 101→Sept. 4
//! #1→AnnotatorNotes T5→2025-09-04
//! ```
//! (`→` is a tab.)
//!
//! Offsets are **code points** (brat is Python and slices `str`s), end exclusive; a CRLF
//! counts two. The `T` number is the span id; a TIMEX value is an `AnnotatorNotes` comment
//! on its span (the first one on a time span); any other `AnnotatorNotes` — on an entity,
//! or a second one on a time span — is the span's note, never its value. The `.ann` is line-oriented, so a span with a line break inside is written
//! with brat's fragment syntax (`T1\tLOC 0 3;5 9\tNew York`: the pieces between the line
//! breaks, their texts joined by a space); on import, fragments separated only by white
//! space holding a line break are joined back into one span, and truly discontinuous spans
//! are refused. The DCT, statuses and sources are lost (import: `accepted`, `user`);
//! relations, events, attributes and normalisations are ignored on import.

use super::fields::At;
use super::{
    build_document, checked_spans, strip_bom, ExportError, Format, ImportError, RawSpan, Units, BOM,
};
use crate::document::{Document, Status};
use crate::extract::labels::is_time;
use crate::extract::Source;
use crate::span::{Char, Span};

const F: Format = Format::Brat;

/// A line break as brat's reader sees it: brat splits `.ann` files with Python's
/// `str.splitlines`, which breaks at all of these, not only at LF and CR.
fn is_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{1C}'
            ..='\u{1E}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// `(txt, ann)`: the text file and the annotation file for `doc`.
pub fn export(doc: &Document) -> Result<(String, String), ExportError> {
    let text = doc.text();
    let units = Units::new(text);
    if text.starts_with(BOM) {
        // Readers drop a leading byte-order mark, which would shift every offset by one.
        return Err(ExportError::new(
            F,
            None,
            "the text starts with a byte-order mark (U+FEFF), which brat readers drop: remove it first",
        ));
    }
    let mut ann = String::new();
    let mut notes = 0;
    for c in checked_spans(F, doc, &units)? {
        let a = c.ann;
        if a.label.chars().any(|ch| ch.is_whitespace()) || a.label.contains(';') {
            return Err(ExportError::new(
                F,
                Some(a.id),
                format!("brat types cannot hold spaces or “;”: “{}”", a.label),
            ));
        }
        // A fragment cannot hold a line break, so a span that starts or ends with one has
        // no exact brat form: refuse it rather than write shifted offsets.
        if a.text.starts_with(is_break) || a.text.ends_with(is_break) {
            return Err(ExportError::new(
                F,
                Some(a.id),
                format!(
                    "[{}, {}) starts or ends with a line break, which brat cannot hold",
                    a.start, a.end
                ),
            ));
        }
        // Fragments: the runs between line breaks, in code points.
        let mut frags: Vec<Span<Char>> = Vec::new();
        let mut cur: Option<usize> = None;
        for (k, ch) in a.text.chars().enumerate() {
            let pos = c.chars.start + k;
            match (is_break(ch), cur) {
                (true, Some(s)) => {
                    frags.push(Span::new(s, pos));
                    cur = None;
                }
                (false, None) => cur = Some(pos),
                _ => {}
            }
        }
        if let Some(s) = cur {
            frags.push(Span::new(s, c.chars.end));
        }
        if frags.is_empty() {
            return Err(ExportError::new(
                F,
                Some(a.id),
                "the span holds only line breaks",
            ));
        }
        let offsets: Vec<String> = frags
            .iter()
            .map(|f| format!("{} {}", f.start, f.end))
            .collect();
        let texts: Vec<&str> = frags.iter().filter_map(|f| units.slice(*f)).collect();
        ann.push_str(&format!(
            "T{}\t{} {}\t{}\n",
            a.id,
            a.label,
            offsets.join(";"),
            texts.join(" ")
        ));
        // A time span's value is its first note; a note of the span's own follows it.
        let value = a.value.as_ref().filter(|_| is_time(&a.label));
        for (what, v) in [("value", value), ("note", a.note.as_ref())] {
            let Some(v) = v else { continue };
            if v.contains(char::is_control) || v.chars().any(is_break) {
                return Err(ExportError::new(
                    F,
                    Some(a.id),
                    format!("the {what} holds a control character (tab or line break)"),
                ));
            }
            notes += 1;
            ann.push_str(&format!("#{notes}\tAnnotatorNotes T{}\t{v}\n", a.id));
        }
    }
    Ok((text.to_string(), ann))
}

/// Line `n` (from 1) of the `.ann` file.
fn ann_line(n: usize) -> At {
    At::named(F, format!(".ann line {n}"))
}

/// Reads a document from the `.txt` text and the `.ann` annotations.
pub fn import(txt: &str, ann: &str) -> Result<Document, ImportError> {
    let txt = strip_bom(txt);
    let ann = strip_bom(ann);
    let units = Units::new(txt);
    // (brat id, span) and (target id, note, line).
    let mut spans: Vec<(String, RawSpan)> = Vec::new();
    let mut notes: Vec<(String, String, usize)> = Vec::new();
    for (i, line) in ann.split('\n').enumerate() {
        let n = i + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        let mut cols = line.splitn(3, '\t');
        let id = cols.next().unwrap_or("");
        let mid = cols.next();
        let rest = cols.next();
        match id.chars().next() {
            Some('T') => {
                let Some(mid) = mid else {
                    return Err(
                        ann_line(n).err(format!("“{id}” has no tab-separated type and offsets"))
                    );
                };
                spans.push((id.to_string(), text_bound(&units, n, id, mid, rest)?));
            }
            Some('#') => {
                let Some(mid) = mid else { continue };
                let mut parts = mid.split_whitespace();
                if parts.next() == Some("AnnotatorNotes") {
                    if let Some(target) = parts.next() {
                        notes.push((target.to_string(), rest.unwrap_or("").trim().to_string(), n));
                    }
                }
            }
            // Relations, events, attributes, normalisations, equivalences: not spans.
            Some('R' | 'E' | 'A' | 'M' | 'N' | '*') => {}
            _ => {
                return Err(ann_line(n).err(format!(
                    "“{}” is not a brat annotation line (ids start with T, R, E, A, M, N, # or *)",
                    short_line(line)
                )))
            }
        }
    }
    for (i, (id, _)) in spans.iter().enumerate() {
        if let Some((_, other)) = spans[..i].iter().find(|(o, _)| o == id) {
            return Err(ImportError::at(
                F,
                spans[i].1.at.clone(),
                format!("id {id} is used twice (also at {})", other.at),
            ));
        }
    }
    for (target, note, n) in notes {
        match spans.iter_mut().find(|(id, _)| *id == target) {
            // The first note on a time span is its TIMEX value; any other note stays a
            // note (several are joined by a line break).
            Some((_, s)) if !note.is_empty() => {
                if is_time(&s.label) && s.value.is_none() {
                    s.value = Some(note);
                } else {
                    s.note = Some(match s.note.take() {
                        Some(before) => format!("{before}\n{note}"),
                        None => note,
                    });
                }
            }
            Some(_) => {}
            None => {
                return Err(ann_line(n).err(format!(
                    "AnnotatorNotes for {target}, which is not a text-bound annotation here"
                )))
            }
        }
    }
    build_document(F, txt, None, spans.into_iter().map(|(_, s)| s).collect())
}

fn short_line(line: &str) -> String {
    if line.chars().count() > 30 {
        format!("{}…", line.chars().take(30).collect::<String>())
    } else {
        line.to_string()
    }
}

/// One `T` line: `TYPE s e[;s e…]` and the text.
fn text_bound(
    units: &Units<'_>,
    n: usize,
    id: &str,
    mid: &str,
    text: Option<&str>,
) -> Result<RawSpan, ImportError> {
    let Some((label, offsets)) = mid.split_once(' ') else {
        return Err(ann_line(n).err(format!("{id}: expected “TYPE start end”, found “{mid}”")));
    };
    let mut frags = Vec::new();
    for frag in offsets.split(';') {
        let nums: Vec<&str> = frag.split_whitespace().collect();
        let [s, e] = nums.as_slice() else {
            return Err(ann_line(n).err(format!("{id}: expected “start end”, found “{frag}”")));
        };
        let num = |x: &str| {
            x.parse::<usize>().map_err(|_| {
                ann_line(n).err(format!("{id}: offset “{x}” is not a non-negative integer"))
            })
        };
        let (s, e) = (num(s)?, num(e)?);
        super::check_range(s, e, units.chars(), "characters")
            .map_err(|m| ann_line(n).err(format!("{id}: {m}")))?;
        frags.push(Span::new(s, e));
    }
    // The text column holds the fragments' texts joined by a space.
    if let Some(t) = text {
        let found: Vec<&str> = frags.iter().filter_map(|f| units.slice(*f)).collect();
        let found = found.join(" ");
        if found != t {
            return Err(ann_line(n).err(format!(
                "{id}: offsets {offsets} select “{found}” but the line says “{t}”{}",
                super::json::hint(units, frags[0].start, frags[frags.len() - 1].end, t)
            )));
        }
    }
    // Fragments apart only by white space with a line break are one span.
    for w in frags.windows(2) {
        let gap = if w[0].end <= w[1].start {
            units.slice(Span::new(w[0].end, w[1].start))
        } else {
            None
        };
        let joinable = gap.is_some_and(|g| {
            g.chars().all(|c| c.is_whitespace() || is_break(c)) && g.contains(is_break)
        });
        if !joinable {
            return Err(ann_line(n).err(format!(
                "{id}: a discontinuous span ({offsets}); newsmark spans are contiguous"
            )));
        }
    }
    let id_num = id[1..].parse::<u64>().ok();
    Ok(RawSpan {
        at: format!(".ann line {n} ({id})"),
        id: id_num,
        start: frags[0].start,
        end: frags[frags.len() - 1].end,
        label: label.to_string(),
        value: None,
        note: None,
        source: Source::User,
        status: Status::Accepted,
    })
}
