//! The annotated text as the page shows it: cut into blocks of a few thousand characters,
//! each written as HTML (plain runs as bare text, `<mark>`s carrying their char offsets in
//! `data-start`/`data-end`, blocks their range in `data-from`/`data-to`), so a mouse
//! selection maps back to exact offsets: a run of text starts where the mark before it
//! ends, or where its block starts.
//!
//! Writing a block's markup as one string and letting the browser parse it is many times
//! faster than building it node by node, which matters on a book-length text. Everything
//! from the document (text, labels, values) is escaped, so nothing in it is ever markup.

use newsmark_core::document::{find_label, Annotation, LabelDef, Status};
use std::rc::Rc;

/// The most bytes of text a block holds before it closes at the next line end (never inside
/// a mark): a long text's blocks, a few hundred per megabyte.
pub const BLOCK_CHARS: usize = 4_000;
/// The fewest: a short text's blocks are its paragraphs (short lines go with the next).
pub const PARAGRAPH_CHARS: usize = 64;
/// A line longer than this is cut wherever (such a block stays inline in the flow).
pub const LONGEST_BLOCK: usize = 8 * BLOCK_CHARS;

/// How many bytes a block of a `len`-byte text holds before it closes at a line end.
///
/// A block made of whole lines is a box of its own on the page, and the browser lays out
/// and paints again only the box whose marks changed. So a short text gets a block per
/// paragraph, and a relabel on a news article touches one paragraph, not the article; a
/// long text gets blocks of up to [`BLOCK_CHARS`], so a book stays a few hundred blocks
/// for the view to walk. The size depends on the text alone, so cutting the same text
/// again (see [`recut`]) cuts where it cut before.
pub fn block_bytes(len: usize) -> usize {
    (len / 256).clamp(PARAGRAPH_CHARS, BLOCK_CHARS)
}

/// What a block shows of one mark.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkView {
    /// The span's id.
    pub id: u64,
    /// Its label.
    pub label: String,
    /// The label's palette colour (CSS class `c-N`).
    pub colour: u8,
    /// The label's place in the document's label list (CSS class `l-N`, whose rule from
    /// [`label_name_rules`] shows the name); `None` for a label not in the list.
    pub name_slot: Option<usize>,
    /// The normalised value of a time expression.
    pub value: Option<String>,
    /// Still a machine suggestion.
    pub predicted: bool,
}

/// A plain run or a mark: its char offsets in the document and bytes in the block's text.
#[derive(Debug, Clone, PartialEq)]
pub struct Seg {
    /// First char (document offsets).
    pub start: usize,
    /// Char after the last.
    pub end: usize,
    /// Where its text lies in the block's text.
    pub bytes: std::ops::Range<usize>,
    /// The mark, if it is one.
    pub mark: Option<MarkView>,
}

/// A block of the text with its segments.
#[derive(Debug, PartialEq)]
pub struct Block {
    /// First char (document offsets).
    pub start: usize,
    /// Char after the last.
    pub end: usize,
    /// The block's text.
    pub text: String,
    /// Its plain runs and marks, in order.
    pub segs: Vec<Seg>,
    /// Whole lines: starts at a line start and ends with a line end (or the text's end), so
    /// it can be laid out as a box of its own.
    pub lines: bool,
    /// The text holds a NUL (see [`Block::needs_nodes`]); found once, when the block is
    /// closed, not on every render.
    nul: bool,
}

impl Block {
    fn empty(at: usize) -> Block {
        Block {
            start: at,
            end: at,
            text: String::new(),
            segs: Vec::new(),
            lines: true,
            nul: false,
        }
    }

    /// The block as cut: its text is final.
    fn closed(mut self) -> Block {
        self.nul = self.text.contains('\0');
        self
    }

    /// True when the browser's HTML parser would not give back this block's text exactly
    /// (it drops NUL characters): such a block must be built node by node.
    pub fn needs_nodes(&self) -> bool {
        self.nul
    }

    /// The markup of the block's content (its segments), `selected` marked as such.
    pub fn inner_html(&self, selected: Option<u64>) -> String {
        let mut out = String::with_capacity(self.text.len() * 2 + self.segs.len() * 200);
        for seg in &self.segs {
            let text = &self.text[seg.bytes.clone()];
            // A plain run is bare text: its offsets follow from the mark before it (or the
            // block's start), and an element fewer per run is that much less for the
            // browser to style, lay out and paint.
            let Some(m) = &seg.mark else {
                escape(&mut out, text);
                continue;
            };
            out.push_str("<mark");
            for (name, value) in mark_attributes(seg, m, text, selected) {
                out.push(' ');
                out.push_str(name);
                out.push_str("=\"");
                escape(&mut out, &value);
                out.push('"');
            }
            out.push_str(" tabindex=\"0\">");
            escape(&mut out, text);
            out.push_str("</mark>");
        }
        out
    }

    /// How to turn the DOM of `old` (with `old_selected`) into this block's (with
    /// `selected`) by setting attributes of marks in place: `(mark index, attributes)`
    /// for each mark that changed; `None` when the segments differ in text or offsets, and
    /// the markup must be written anew. Keeping the elements keeps focus and spares the
    /// browser laying the block out again.
    pub fn patch_from(
        &self,
        old: &Block,
        old_selected: Option<u64>,
        selected: Option<u64>,
    ) -> Option<Vec<MarkPatch>> {
        if self.text != old.text || self.segs.len() != old.segs.len() {
            return None;
        }
        let mut out = Vec::new();
        let mut marks = 0;
        for (new, was) in self.segs.iter().zip(&old.segs) {
            if (new.start, new.end, new.bytes.clone()) != (was.start, was.end, was.bytes.clone()) {
                return None;
            }
            match (&new.mark, &was.mark) {
                (None, None) => {}
                (Some(m), Some(w)) => {
                    let on = |sel: Option<u64>, id: u64| sel == Some(id);
                    if m != w || on(selected, m.id) != on(old_selected, w.id) {
                        let text = &self.text[new.bytes.clone()];
                        out.push((marks, mark_attributes(new, m, text, selected)));
                    }
                    marks += 1;
                }
                _ => return None,
            }
        }
        Some(out)
    }
}

/// A mark to update in place: its index among the block's marks (its child elements), and
/// all its attributes.
pub type MarkPatch = (usize, Vec<(&'static str, String)>);

/// The attributes of a mark's element (besides `tabindex`), unescaped: its colour and
/// status classes, label, offsets, value and id, and a title and accessible name of label
/// and value (what assistive technology reads with the text). Both ways a block reaches
/// the page (its markup, or nodes for a block the parser would alter) take them from here.
pub fn mark_attributes(
    seg: &Seg,
    m: &MarkView,
    text: &str,
    selected: Option<u64>,
) -> Vec<(&'static str, String)> {
    let mut class = match m.name_slot {
        Some(n) => format!("c-{} l-{n}", m.colour),
        None => format!("c-{} l-x", m.colour),
    };
    if m.predicted {
        class.push_str(" predicted");
    }
    if selected == Some(m.id) {
        class.push_str(" selected");
    }
    let title = match &m.value {
        Some(v) => format!("{} {v}", m.label),
        None => m.label.clone(),
    };
    let mut out = vec![
        ("class", class),
        ("data-label", m.label.clone()),
        ("data-start", seg.start.to_string()),
        ("data-end", seg.end.to_string()),
    ];
    if let Some(v) = &m.value {
        out.push(("data-value", v.clone()));
    }
    out.push(("data-id", m.id.to_string()));
    out.push(("aria-label", format!("{title}: {text}")));
    out.push(("title", title));
    out
}

/// Appends `s` escaped for HTML text and double-quoted attribute values. A carriage return
/// is written as a character reference: the parser would turn a raw one into a line feed,
/// and the DOM text must keep the document's characters one for one.
pub fn escape(out: &mut String, s: &str) {
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        let with = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\r' => "&#13;",
            _ => continue,
        };
        out.push_str(&s[from..i]);
        out.push_str(with);
        from = i + 1;
    }
    out.push_str(&s[from..]);
}

/// Builds the blocks of a text, segment by segment.
struct Blocks {
    out: Vec<Block>,
    cur: Block,
    /// [`block_bytes`] of the text.
    size: usize,
}

impl Blocks {
    /// Adds a segment (chars `start..end`, its text `seg`); true when that closed a block.
    fn push(&mut self, seg: &str, start: usize, end: usize, mark: Option<MarkView>) -> bool {
        let cur = &mut self.cur;
        if cur.segs.is_empty() {
            cur.start = start;
        }
        let from = cur.text.len();
        cur.text.push_str(seg);
        cur.segs.push(Seg {
            start,
            end,
            bytes: from..cur.text.len(),
            mark,
        });
        cur.end = end;
        let at_line_end = cur.text.ends_with('\n');
        if cur.text.len() >= self.size && at_line_end || cur.text.len() >= LONGEST_BLOCK {
            let mut next = Block::empty(end);
            next.lines = at_line_end;
            cur.lines &= at_line_end;
            self.out.push(std::mem::replace(cur, next).closed());
            return true;
        }
        false
    }

    /// Where plain text `piece` (at the start of what is left) is cut: whole, or after the
    /// first line end past the room left in the block, or at the longest a block may be.
    fn plain_cut(&self, piece: &str) -> usize {
        let room = self.size.saturating_sub(self.cur.text.len());
        if piece.len() <= room {
            return piece.len();
        }
        let limit = LONGEST_BLOCK.saturating_sub(self.cur.text.len()).max(1);
        match piece.as_bytes()[room..].iter().position(|&b| b == b'\n') {
            Some(k) if room + k < limit => room + k + 1,
            _ if piece.len() <= limit => piece.len(),
            _ => {
                let mut k = limit;
                while !piece.is_char_boundary(k) {
                    k += 1;
                }
                k
            }
        }
    }
}

/// Byte offset `chars` characters after byte `from` of `text`.
fn advance(text: &str, from: usize, chars: usize) -> usize {
    if chars == 0 {
        return from;
    }
    text[from..]
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(k, _)| from + k)
}

/// Cuts a text into blocks from a given point (a char offset, its byte offset, and the first
/// span at or after it), and can stop where a block ends.
struct Cutter<'a> {
    text: &'a str,
    spans: &'a [Annotation],
    labels: &'a [LabelDef],
    b: Blocks,
    /// The next span.
    i: usize,
    /// Where the cut has got to, in chars and bytes.
    ch: usize,
    byte: usize,
}

impl<'a> Cutter<'a> {
    fn new(
        text: &'a str,
        spans: &'a [Annotation],
        labels: &'a [LabelDef],
        (ch, byte, i): (usize, usize, usize),
    ) -> Self {
        // A block is whole lines when it starts at a line start.
        let mut cur = Block::empty(ch);
        cur.lines = byte == 0 || text[..byte].ends_with('\n');
        Cutter {
            text,
            spans,
            labels,
            b: Blocks {
                out: Vec::new(),
                cur,
                size: block_bytes(text.len()),
            },
            i,
            ch,
            byte,
        }
    }

    /// Adds plain text up to byte `to` (char `to_ch`); true when it stopped at a block's end
    /// `stop` asked for (the position is then that end).
    fn plain(&mut self, to: usize, to_ch: usize, stop: &mut impl FnMut(usize) -> bool) -> bool {
        while self.byte < to {
            let piece = &self.text[self.byte..to];
            let cut = self.b.plain_cut(piece);
            let n = if cut == piece.len() {
                to_ch - self.ch
            } else {
                piece[..cut].chars().count()
            };
            let closed = self.b.push(&piece[..cut], self.ch, self.ch + n, None);
            self.ch += n;
            self.byte += cut;
            if closed && stop(self.ch) {
                return true;
            }
        }
        false
    }

    /// Cuts until a block ends where `stop` says (true), or the text ends (false).
    fn run(&mut self, mut stop: impl FnMut(usize) -> bool) -> bool {
        while let Some(a) = self.spans.get(self.i) {
            let s = advance(self.text, self.byte, a.start - self.ch);
            if self.plain(s, a.start, &mut stop) {
                return true;
            }
            let e = advance(self.text, s, a.end - a.start);
            let (colour, name_slot) = find_label(self.labels, &a.label);
            let mark = MarkView {
                id: a.id,
                label: a.label.clone(),
                colour,
                name_slot,
                value: a.value.clone(),
                predicted: a.status == Status::Predicted,
            };
            let closed = self.b.push(&self.text[s..e], a.start, a.end, Some(mark));
            (self.i, self.ch, self.byte) = (self.i + 1, a.end, e);
            if closed && stop(self.ch) {
                return true;
            }
        }
        let (end, end_ch) = (
            self.text.len(),
            self.ch + self.text[self.byte..].chars().count(),
        );
        self.plain(end, end_ch, &mut stop)
    }

    /// The blocks cut, the last one included.
    fn finish(self) -> Vec<Block> {
        let mut out = self.b.out;
        if !self.b.cur.segs.is_empty() {
            out.push(self.b.cur.closed());
        }
        out
    }
}

/// The style rules that write each label's name after its marks: `.doc mark.l-N::after`
/// with the name as a literal string. A name written by `content: attr(data-label)` would
/// be read from each mark's own attribute, and the browser could share no style between
/// marks: while a book scrolls, each newly shown block cost several times more to style.
pub fn label_name_rules(labels: &[LabelDef]) -> String {
    let mut out = String::new();
    for (i, l) in labels.iter().enumerate() {
        out.push_str(&format!(".doc mark.l-{i}::after{{content:\""));
        for c in l.name.chars() {
            match c {
                '"' | '\\' => {
                    out.push('\\');
                    out.push(c);
                }
                // Control characters (a line break above all) as hex escapes.
                c if c.is_control() => out.push_str(&format!("\\{:x} ", c as u32)),
                c => out.push(c),
            }
        }
        out.push_str("\"}\n");
    }
    out
}

/// Cuts a document's text into blocks (`spans` sorted and flat, in chars).
pub fn blocks(text: &str, spans: &[Annotation], labels: &[LabelDef]) -> Vec<Block> {
    let mut c = Cutter::new(text, spans, labels, (0, 0, 0));
    c.run(|_| false);
    c.finish()
}

/// How many of `spans` fall in `block` if the block shows exactly them (same offsets, ids,
/// labels, colours, values and status) and no other span starts inside it; else `None`.
fn same_marks(block: &Block, spans: &[Annotation], labels: &[LabelDef]) -> Option<usize> {
    let mut n = 0;
    for seg in &block.segs {
        let Some(m) = &seg.mark else { continue };
        let a = spans.get(n)?;
        let (colour, name_slot) = find_label(labels, &a.label);
        let same = a.start == seg.start
            && a.end == seg.end
            && a.id == m.id
            && a.label == m.label
            && a.value == m.value
            && (a.status == Status::Predicted) == m.predicted
            && colour == m.colour
            && name_slot == m.name_slot;
        if !same {
            return None;
        }
        n += 1;
    }
    match spans.get(n) {
        Some(a) if a.start < block.end => None,
        _ => Some(n),
    }
}

/// The blocks of the same `text` with new `spans` (or labels), given those cut before: a
/// block whose marks did not change is kept (the same `Rc`, so a view can skip it), the
/// others are cut anew until the cut meets an old block's start again. Equal to
/// [`blocks`] of the new spans; `old` must have been cut from this very text.
pub fn recut(
    old: &[Rc<Block>],
    text: &str,
    spans: &[Annotation],
    labels: &[LabelDef],
) -> Vec<Rc<Block>> {
    let mut out = Vec::with_capacity(old.len());
    let (mut ch, mut byte, mut i, mut k) = (0usize, 0usize, 0usize, 0usize);
    loop {
        while let Some(b) = old.get(k).filter(|b| b.start == ch) {
            let Some(n) = same_marks(b, &spans[i..], labels) else {
                break;
            };
            out.push(b.clone());
            (ch, byte, i, k) = (b.end, byte + b.text.len(), i + n, k + 1);
        }
        if byte >= text.len() && i >= spans.len() {
            return out;
        }
        let mut c = Cutter::new(text, spans, labels, (ch, byte, i));
        let synced = c.run(|end| {
            while old.get(k).is_some_and(|b| b.start < end) {
                k += 1;
            }
            old.get(k).is_some_and(|b| b.start == end)
        });
        (ch, byte, i) = (c.ch, c.byte, c.i);
        out.extend(c.finish().into_iter().map(Rc::new));
        if !synced {
            return out;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsmark_core::document::{default_labels, Action, Document};
    use newsmark_core::extract::Source;

    fn doc(text: &str, spans: &[(usize, usize, &str)]) -> Document {
        let spans = spans
            .iter()
            .enumerate()
            .map(|(k, &(start, end, label))| Annotation {
                id: k as u64 + 1,
                start,
                end,
                text: text.chars().skip(start).take(end - start).collect(),
                label: label.into(),
                value: None,
                note: None,
                source: Source::User,
                status: Status::Predicted,
            })
            .collect();
        Document::from_parts(text, None, spans).unwrap()
    }

    /// The text a browser would show for `html`: tags dropped, references decoded.
    fn shown(html: &str) -> String {
        let no_tags = regex::Regex::new("<[^>]*>").unwrap().replace_all(html, "");
        no_tags
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#13;", "\r")
            .replace("&amp;", "&")
    }

    #[test]
    fn blocks_cover_the_text_with_exact_char_offsets() {
        let line = "Zoë met 😀 people in 東京 today.\r\n";
        let text = line.repeat(400);
        let per_line = line.chars().count();
        let spans: Vec<(usize, usize, &str)> = (0..400)
            .map(|k| (k * per_line, k * per_line + 3, "PER"))
            .collect();
        let d = doc(&text, &spans);
        let bs = blocks(d.text(), d.spans(), d.labels());
        assert!(bs.len() > 1, "a long text is cut");
        let mut at = 0;
        let mut joined = String::new();
        for b in &bs {
            assert_eq!(b.start, at);
            assert!(b.lines, "cut at line ends");
            for s in &b.segs {
                let chars: String = text.chars().skip(s.start).take(s.end - s.start).collect();
                assert_eq!(&b.text[s.bytes.clone()], chars);
            }
            at = b.end;
            joined.push_str(&shown(&b.inner_html(None)));
        }
        assert_eq!(at, text.chars().count());
        assert_eq!(joined, text, "the markup shows the text, CRs included");
    }

    #[test]
    fn a_short_text_is_cut_per_paragraph_and_a_long_one_in_larger_blocks() {
        let para = "President Zelensky met European leaders in Paris on Sept. 4, AFP said.\n\n";
        let short = para.repeat(10);
        let d = doc(&short, &[(10, 18, "PER"), (90, 98, "PER")]);
        let bs = blocks(d.text(), d.spans(), d.labels());
        let lines = |b: &Block| b.text.lines().filter(|l| !l.is_empty()).count();
        assert_eq!(bs.iter().filter(|b| lines(b) == 1).count(), 10, "{bs:?}");
        assert!(bs.iter().all(|b| b.lines && lines(b) <= 1));
        assert_eq!(block_bytes(short.len()), PARAGRAPH_CHARS);

        let long = para.repeat(20_000);
        let d = doc(&long, &[]);
        let bs = blocks(d.text(), d.spans(), d.labels());
        assert_eq!(block_bytes(long.len()), BLOCK_CHARS);
        assert!(
            bs.len() <= long.len() / BLOCK_CHARS + 1,
            "{} blocks",
            bs.len()
        );
        assert!(bs
            .iter()
            .all(|b| b.lines && b.text.len() < BLOCK_CHARS + para.len()));
    }

    #[test]
    fn markup_from_the_document_is_text_and_never_markup() {
        let text = "<img src=x onerror=alert(1)> & \"Bob\" <script>x</script>";
        let d = doc(text, &[(0, 28, "\"><b>x</b>")]);
        let bs = blocks(d.text(), d.spans(), d.labels());
        let html = bs[0].inner_html(Some(1));
        assert!(!html.contains("<img") && !html.contains("<script") && !html.contains("<b>"));
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(html.contains("data-label=\"&quot;&gt;&lt;b&gt;x&lt;/b&gt;\""));
        let colour = d.colour_of("\"><b>x</b>");
        let slot = d
            .labels()
            .iter()
            .position(|l| l.name == "\"><b>x</b>")
            .unwrap();
        assert!(html.contains(&format!("class=\"c-{colour} l-{slot} predicted selected\"")));
        assert_eq!(shown(&html), text);
        // The text after the mark is bare: only marks are elements.
        assert!(
            html.ends_with("</mark> &amp; &quot;Bob&quot; &lt;script&gt;x&lt;/script&gt;"),
            "{html}"
        );
        let mut out = String::new();
        escape(&mut out, "a\"b<c>d&e\rf");
        assert_eq!(out, "a&quot;b&lt;c&gt;d&amp;e&#13;f");
    }

    #[test]
    fn each_label_name_is_a_literal_rule_of_its_own_slot() {
        let d = doc("Ann met Bob.", &[(0, 3, "PER"), (8, 11, "a \"b\\c")]);
        let rules = label_name_rules(d.labels());
        let slot = |name: &str| d.labels().iter().position(|l| l.name == name).unwrap();
        let per = format!(".doc mark.l-{}::after{{content:\"PER\"}}\n", slot("PER"));
        assert!(rules.contains(&per), "{rules}");
        let odd = format!(
            ".doc mark.l-{}::after{{content:\"a \\\"b\\\\c\"}}\n",
            slot("a \"b\\c")
        );
        assert!(rules.contains(&odd), "{rules}");
        assert_eq!(rules.lines().count(), d.labels().len());
        // A control character cannot stand in a CSS string: it is a hex escape.
        let tab = LabelDef {
            name: "x\ty".into(),
            colour: 0,
        };
        assert_eq!(
            label_name_rules(&[tab]),
            ".doc mark.l-0::after{content:\"x\\9 y\"}\n"
        );
        // Each mark carries the class of its label's slot.
        let html = blocks(d.text(), d.spans(), d.labels())[0].inner_html(None);
        let class = format!(
            "class=\"c-{} l-{} predicted\"",
            d.colour_of("PER"),
            slot("PER")
        );
        assert!(html.contains(&class), "{html}");
    }

    #[test]
    fn a_relabel_or_a_selection_patches_marks_in_place() {
        let text = "Zoë met Bob in Paris today.";
        let d = doc(text, &[(0, 3, "PER"), (8, 11, "PER"), (15, 20, "LOC")]);
        let old = &blocks(d.text(), d.spans(), d.labels())[0];
        let mut relabelled = d.clone();
        let p = newsmark_core::extract::Pipeline::default();
        relabelled
            .apply(
                Action::Relabel {
                    id: 2,
                    label: "ORG".into(),
                },
                &p,
            )
            .unwrap();
        let new = &blocks(relabelled.text(), relabelled.spans(), relabelled.labels())[0];
        let plan = new.patch_from(old, Some(1), Some(2)).unwrap();
        // The relabelled mark (now selected too) and the one no longer selected.
        let changed: Vec<usize> = plan.iter().map(|(k, _)| *k).collect();
        assert_eq!(changed, [0, 1], "the first and second marks");
        let attrs: std::collections::HashMap<_, _> = plan[1].1.iter().cloned().collect();
        assert_eq!(attrs["data-label"], "ORG");
        assert!(
            attrs["class"].ends_with(" predicted selected")
                || attrs["class"].ends_with(" selected")
        );
        assert!(!plan[0]
            .1
            .iter()
            .any(|(n, v)| *n == "class" && v.contains("selected")));
        // Nothing changed: nothing to do.
        assert_eq!(old.patch_from(old, None, None), Some(vec![]));
        // A span with other offsets: the markup is written anew.
        let moved = doc(text, &[(0, 3, "PER"), (8, 14, "PER"), (15, 20, "LOC")]);
        let moved = &blocks(moved.text(), moved.spans(), moved.labels())[0];
        assert_eq!(moved.patch_from(old, None, None), None);
    }

    #[test]
    fn only_a_block_with_nul_needs_nodes() {
        let d = doc("a\0b", &[]);
        assert!(blocks(d.text(), d.spans(), d.labels())[0].needs_nodes());
        let d = doc("ab\r\n", &[]);
        assert!(!blocks(d.text(), d.spans(), d.labels())[0].needs_nodes());
        assert!(!default_labels().is_empty());
    }

    /// A text of lines of random lengths (ASCII, accents, emoji, CJK, CRLF) and flat spans
    /// on it, from a seed.
    fn random_doc(seed: u64) -> (String, Vec<(usize, usize, &'static str)>) {
        let mut x = seed | 1;
        let mut next = move |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n) as usize
        };
        let words = ["Zoë", "met", "😀", "東京", "Paris", "on", "Monday", "x"];
        let mut text = String::new();
        let lines = 80 + next(160);
        for k in 0..lines {
            for _ in 0..1 + next(30) {
                text.push_str(words[next(words.len() as u64)]);
                text.push(' ');
            }
            text.push_str(["\n", "\r\n", "\n\n", " "][next(4)]);
            if seed.is_multiple_of(3) && k == lines / 2 {
                text.push_str(&"y".repeat(33_000)); // a line longer than a block
            }
        }
        let n = text.chars().count();
        let mut spans = Vec::new();
        let mut at = 0;
        while at + 10 < n {
            let start = at + next(60);
            let end = (start + 1 + next(12)).min(n);
            if start >= end {
                break;
            }
            spans.push((start, end, ["PER", "LOC", "DATE"][next(3)]));
            at = end;
        }
        (text, spans)
    }

    #[test]
    fn recutting_after_an_edit_equals_cutting_anew_and_keeps_the_untouched_blocks() {
        for seed in 1..16u64 {
            let (text, spans) = random_doc(seed);
            let before = doc(&text, &spans);
            let old: Vec<Rc<Block>> = blocks(before.text(), before.spans(), before.labels())
                .into_iter()
                .map(Rc::new)
                .collect();
            // Edits as the person makes them: a relabel, an accept, a deletion, a longer span,
            // a label-all, and an undo.
            let ids: Vec<u64> = before.spans().iter().map(|a| a.id).collect();
            let id = ids[(seed as usize * 7) % ids.len()];
            let span = before.span(id).unwrap().clone();
            let limit = before
                .spans()
                .iter()
                .find(|a| a.start >= span.end)
                .map_or(text.chars().count(), |a| a.start);
            let p = newsmark_core::extract::Pipeline::default();
            let label = if span.label == "PER" { "ORG" } else { "PER" };
            let steps = [
                Action::Relabel {
                    id,
                    label: label.into(),
                },
                Action::Accept { id },
                Action::Delete { id },
                Action::Resize {
                    id,
                    start: span.start,
                    end: (span.end + 2).min(limit),
                },
                Action::LabelAll { id },
            ];
            let mut edits = Vec::new();
            for step in steps {
                // One span changes, except under "label all".
                let local = !matches!(step, Action::LabelAll { .. });
                let mut d = before.clone();
                if d.apply(step, &p).is_ok() && d.can_undo() {
                    edits.push((d.clone(), local));
                    d.apply(Action::Undo, &p).unwrap();
                    edits.push((d, local));
                }
            }
            for (after, local) in edits {
                let fresh = blocks(after.text(), after.spans(), after.labels());
                let re = recut(&old, after.text(), after.spans(), after.labels());
                assert_eq!(re.len(), fresh.len(), "seed {seed}");
                for (a, b) in re.iter().zip(&fresh) {
                    assert_eq!(**a, *b, "seed {seed}");
                }
                let kept = re
                    .iter()
                    .filter(|b| old.iter().any(|o| Rc::ptr_eq(o, b)))
                    .count();
                assert!(
                    !local || kept + 3 >= re.len(),
                    "seed {seed}: only {kept} of {} kept",
                    re.len()
                );
            }
        }
    }
}
