//! The annotated text as the page shows it: cut into blocks of a few thousand characters,
//! each written as HTML (plain runs and `<mark>`s carrying their char offsets in
//! `data-start`/`data-end`, blocks their range in `data-from`/`data-to`), so a mouse
//! selection maps back to exact offsets.
//!
//! Writing a block's markup as one string and letting the browser parse it is many times
//! faster than building it node by node, which matters on a book-length text. Everything
//! from the document (text, labels, values) is escaped, so nothing in it is ever markup.

use crate::document::{Annotation, LabelDef, Status};

/// About how many bytes of text a block holds: it closes at the first line end past this,
/// never inside a mark.
pub const BLOCK_CHARS: usize = 4_000;
/// A line longer than this is cut wherever (such a block stays inline in the flow).
pub const LONGEST_BLOCK: usize = 8 * BLOCK_CHARS;

/// What a block shows of one mark.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkView {
    /// The span's id.
    pub id: u64,
    /// Its label.
    pub label: String,
    /// The label's palette colour (CSS class `c-N`).
    pub colour: u8,
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
}

impl Block {
    fn empty(at: usize) -> Block {
        Block {
            start: at,
            end: at,
            text: String::new(),
            segs: Vec::new(),
            lines: true,
        }
    }

    /// True when the browser's HTML parser would not give back this block's text exactly
    /// (it drops NUL characters): such a block must be built node by node.
    pub fn needs_nodes(&self) -> bool {
        self.text.contains('\0')
    }

    /// The markup of the block's content (its segments), `selected` marked as such.
    pub fn inner_html(&self, selected: Option<u64>) -> String {
        let mut out = String::with_capacity(self.text.len() * 2 + self.segs.len() * 200);
        for seg in &self.segs {
            let text = &self.text[seg.bytes.clone()];
            let Some(m) = &seg.mark else {
                out.push_str("<span data-start=\"");
                push_num(&mut out, seg.start);
                out.push_str("\" data-end=\"");
                push_num(&mut out, seg.end);
                out.push_str("\">");
                escape(&mut out, text);
                out.push_str("</span>");
                continue;
            };
            out.push_str("<mark class=\"c-");
            push_num(&mut out, usize::from(m.colour));
            if m.predicted {
                out.push_str(" predicted");
            }
            if selected == Some(m.id) {
                out.push_str(" selected");
            }
            out.push_str("\" data-label=\"");
            escape(&mut out, &m.label);
            out.push_str("\" data-start=\"");
            push_num(&mut out, seg.start);
            out.push_str("\" data-end=\"");
            push_num(&mut out, seg.end);
            if let Some(v) = &m.value {
                out.push_str("\" data-value=\"");
                escape(&mut out, v);
            }
            out.push_str("\" data-id=\"");
            out.push_str(&m.id.to_string());
            // The title (label and value) is also what assistive technology reads with
            // the text.
            out.push_str("\" title=\"");
            escape(&mut out, &m.label);
            if let Some(v) = &m.value {
                out.push(' ');
                escape(&mut out, v);
            }
            out.push_str("\" aria-label=\"");
            escape(&mut out, &m.label);
            if let Some(v) = &m.value {
                out.push(' ');
                escape(&mut out, v);
            }
            out.push_str(": ");
            escape(&mut out, text);
            out.push_str("\" tabindex=\"0\">");
            escape(&mut out, text);
            out.push_str("</mark>");
        }
        out
    }
}

fn push_num(out: &mut String, n: usize) {
    use std::fmt::Write;
    let _ = write!(out, "{n}");
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
}

impl Blocks {
    /// Adds a segment (chars `start..end`, its text `seg`); a full block is closed.
    fn push(&mut self, seg: &str, start: usize, end: usize, mark: Option<MarkView>) {
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
        if cur.text.len() >= BLOCK_CHARS && at_line_end || cur.text.len() >= LONGEST_BLOCK {
            let mut next = Block::empty(end);
            next.lines = at_line_end;
            cur.lines &= at_line_end;
            self.out.push(std::mem::replace(cur, next));
        }
    }

    /// Adds plain text starting at char `start`, cut after line ends so blocks stay small.
    fn plain(&mut self, mut piece: &str, start: usize) {
        let mut c = start;
        while !piece.is_empty() {
            let room = BLOCK_CHARS.saturating_sub(self.cur.text.len());
            let cut = if piece.len() <= room {
                piece.len()
            } else {
                // The first line end past the room left, else the longest a block may be.
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
            };
            let (head, rest) = piece.split_at(cut);
            let n = head.chars().count();
            self.push(head, c, c + n, None);
            c += n;
            piece = rest;
        }
    }
}

/// Cuts a document's text into blocks (`spans` sorted and flat, in chars). Char offsets
/// become byte offsets in one walk.
pub fn blocks(text: &str, spans: &[Annotation], labels: &[LabelDef]) -> Vec<Block> {
    let mut b = Blocks {
        out: Vec::new(),
        cur: Block::empty(0),
    };
    let mut chars = text
        .char_indices()
        .map(|(k, _)| k)
        .chain(std::iter::once(text.len()));
    let (mut c_at, mut b_at) = (0usize, chars.next().unwrap_or(0));
    let mut to_byte = move |c: usize| -> usize {
        while c_at < c {
            b_at = chars.next().unwrap_or(b_at);
            c_at += 1;
        }
        b_at
    };
    let colour = |label: &str| {
        labels
            .iter()
            .find(|l| l.name == label)
            .map_or(0, |l| l.colour)
    };
    let (mut ch, mut byte) = (0usize, 0usize);
    for a in spans {
        let (s, e) = (to_byte(a.start), to_byte(a.end));
        if a.start > ch {
            b.plain(&text[byte..s], ch);
        }
        let mark = MarkView {
            id: a.id,
            label: a.label.clone(),
            colour: colour(&a.label),
            value: a.value.clone(),
            predicted: a.status == Status::Predicted,
        };
        b.push(&text[s..e], a.start, a.end, Some(mark));
        (ch, byte) = (a.end, e);
    }
    if byte < text.len() {
        b.plain(&text[byte..], ch);
    }
    let mut out = b.out;
    if !b.cur.segs.is_empty() {
        out.push(b.cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{default_labels, Document};
    use crate::extract::Source;

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
    fn markup_from_the_document_is_text_and_never_markup() {
        let text = "<img src=x onerror=alert(1)> & \"Bob\" <script>x</script>";
        let d = doc(text, &[(0, 28, "\"><b>x</b>")]);
        let bs = blocks(d.text(), d.spans(), d.labels());
        let html = bs[0].inner_html(Some(1));
        assert!(!html.contains("<img") && !html.contains("<script") && !html.contains("<b>"));
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(html.contains("data-label=\"&quot;&gt;&lt;b&gt;x&lt;/b&gt;\""));
        let colour = d.colour_of("\"><b>x</b>");
        assert!(html.contains(&format!("class=\"c-{colour} predicted selected\"")));
        assert_eq!(shown(&html), text);
        let mut out = String::new();
        escape(&mut out, "a\"b<c>d&e\rf");
        assert_eq!(out, "a&quot;b&lt;c&gt;d&amp;e&#13;f");
    }

    #[test]
    fn only_a_block_with_nul_needs_nodes() {
        let d = doc("a\0b", &[]);
        assert!(blocks(d.text(), d.spans(), d.labels())[0].needs_nodes());
        let d = doc("ab\r\n", &[]);
        assert!(!blocks(d.text(), d.spans(), d.labels())[0].needs_nodes());
        assert!(!default_labels().is_empty());
    }
}
