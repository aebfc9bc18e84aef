//! Import and export formats, one file per format, and the [`Format`] registry that the CLI
//! (`newsmark convert --from F --to F`) and the page use.
//!
//! Offsets never drift: every export checks `text[start:end]` against each span's own text
//! before anything is written and refuses with an [`ExportError`] otherwise; every import
//! checks the offsets it reads against the text (and against the span text where the file
//! carries one) and says what is wrong and where in an [`ImportError`]. No input panics.
//!
//! Each format counts offsets in its own unit ([`Format::offset_unit`]); see `FORMATS.md`
//! next to this file for what each format keeps and loses.

pub mod brat;
pub mod conll;
pub mod docbin;
pub mod doccano;
mod fields;
pub mod json;
pub mod label_studio;
pub mod spacy;
mod spacy_symbols;
pub mod w3c;

#[cfg(test)]
mod tests;

use crate::document::{Annotation, Document, Status};
use crate::extract::Source;
use crate::span::{Byte, Char, Span, Utf16};
use chrono::NaiveDate;
use std::fmt;

/// An interchange format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Native `newsmark/1` JSON: code points plus UTF-16 offsets, everything kept.
    Newsmark,
    /// doccano sequence-labelling JSONL (`{"text", "label": [[s, e, "L"]]}`).
    Doccano,
    /// Label Studio tasks JSON with `labels` results.
    LabelStudio,
    /// spaCy `{"text", "ents": [{"start", "end", "label"}]}` (displaCy's manual format).
    Spacy,
    /// spaCy v2 training tuples `[text, {"entities": [[s, e, L]]}]`.
    SpacyV2,
    /// spaCy 3 `DocBin` (`.spacy`), the binary file `spacy train` reads.
    SpacyDocBin,
    /// brat standoff: a `.txt` and an `.ann` file.
    Brat,
    /// CoNLL-2003-style BIO columns.
    Conll,
    /// W3C Web Annotation JSON-LD.
    W3c,
}

/// The unit a format counts offsets in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OffsetUnit {
    /// Unicode scalar values (code points): Python `str` indices, spaCy, brat, doccano.
    CodePoints,
    /// UTF-16 code units: JavaScript string indices.
    Utf16,
    /// Tokens (no character offsets at all).
    Tokens,
}

impl OffsetUnit {
    /// How the unit is named inside files that name it.
    pub fn name(self) -> &'static str {
        match self {
            OffsetUnit::CodePoints => "unicode-scalar-values",
            OffsetUnit::Utf16 => "utf-16-code-units",
            OffsetUnit::Tokens => "tokens",
        }
    }
}

impl Format {
    /// Every format, in menu order.
    pub const ALL: [Format; 9] = [
        Format::Newsmark,
        Format::Doccano,
        Format::LabelStudio,
        Format::Spacy,
        Format::SpacyV2,
        Format::SpacyDocBin,
        Format::Brat,
        Format::Conll,
        Format::W3c,
    ];

    /// Short name, as the CLI takes it (`--from doccano`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Newsmark => "newsmark",
            Format::Doccano => "doccano",
            Format::LabelStudio => "label-studio",
            Format::Spacy => "spacy",
            Format::SpacyV2 => "spacy-v2",
            Format::SpacyDocBin => "spacy-docbin",
            Format::Brat => "brat",
            Format::Conll => "conll",
            Format::W3c => "w3c",
        }
    }

    /// Human-readable name, for menus.
    pub fn title(self) -> &'static str {
        match self {
            Format::Newsmark => "newsmark/1 JSON",
            Format::Doccano => "doccano JSONL",
            Format::LabelStudio => "Label Studio tasks JSON",
            Format::Spacy => "spaCy (ents JSON)",
            Format::SpacyV2 => "spaCy v2 training data",
            Format::SpacyDocBin => "spaCy DocBin (.spacy)",
            Format::Brat => "brat standoff (.txt + .ann)",
            Format::Conll => "CoNLL-2003 BIO columns",
            Format::W3c => "W3C Web Annotation (JSON-LD)",
        }
    }

    /// The format named `name` (as [`Format::name`] gives it; case and `_`/`-` ignored).
    pub fn from_name(name: &str) -> Option<Format> {
        let n = name.trim().to_ascii_lowercase().replace('_', "-");
        let n = match n.as_str() {
            "json" | "newsmark/1" | "newsmark-json" => "newsmark",
            "labelstudio" | "ls" => "label-studio",
            "spacyv2" | "spacy2" => "spacy-v2",
            "docbin" | "spacy-binary" | "spacy3" | "dot-spacy" => "spacy-docbin",
            "conll2003" | "conll-2003" | "bio" => "conll",
            "web-annotation" | "webannotation" | "w3c-annotation" => "w3c",
            other => other,
        };
        Format::ALL.into_iter().find(|f| f.name() == n)
    }

    /// File extension of the (main) file, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Newsmark | Format::LabelStudio | Format::Spacy | Format::SpacyV2 => "json",
            Format::Doccano => "jsonl",
            Format::SpacyDocBin => "spacy",
            Format::Brat => "ann",
            Format::Conll => "conll",
            Format::W3c => "jsonld",
        }
    }

    /// MIME type of the (main) file.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Newsmark | Format::LabelStudio | Format::Spacy | Format::SpacyV2 => {
                "application/json"
            }
            Format::Doccano => "application/jsonl",
            Format::SpacyDocBin => "application/octet-stream",
            Format::Brat | Format::Conll => "text/plain; charset=utf-8",
            Format::W3c => "application/ld+json; profile=\"http://www.w3.org/ns/anno.jsonld\"",
        }
    }

    /// The unit the format's offsets count.
    ///
    /// - newsmark/1: code points in `start`/`end`, UTF-16 code units in `utf16` beside them;
    /// - doccano, spaCy, spaCy v2, brat, W3C `TextPositionSelector`: code points;
    /// - Label Studio: code points — what Label Studio's `Text` tag stores since its emoji
    ///   fix (its own tests: "Should calculate offsets by code points in text"); on import,
    ///   offsets written by older versions in UTF-16 units are recognised by the span text;
    /// - CoNLL: tokens, no character offsets.
    pub fn offset_unit(self) -> OffsetUnit {
        match self {
            Format::Conll => OffsetUnit::Tokens,
            _ => OffsetUnit::CodePoints,
        }
    }

    /// True when [`Format::import`] reads this format (spaCy, CoNLL and W3C are export only).
    pub fn can_import(self) -> bool {
        matches!(
            self,
            Format::Newsmark | Format::Doccano | Format::LabelStudio | Format::Brat
        )
    }

    /// The files that hold `doc` in this format (brat gives two: `.txt` and `.ann`).
    pub fn export(self, doc: &Document) -> Result<Vec<ExportFile>, ExportError> {
        let one = |contents: String| self.one_file(contents.into_bytes());
        match self {
            Format::Newsmark => one(json::to_string_pretty(doc)?),
            Format::Doccano => one(doccano::export(doc)?),
            Format::LabelStudio => one(label_studio::export(doc)?),
            Format::Spacy => one(spacy::export(doc)?),
            Format::SpacyV2 => one(spacy::export_v2(doc)?),
            Format::SpacyDocBin => self.one_file(docbin::export(&[doc])?),
            Format::Brat => {
                let (txt, ann) = brat::export(doc)?;
                Ok(vec![
                    ExportFile {
                        name: "newsmark.txt".into(),
                        mime: "text/plain; charset=utf-8",
                        contents: txt.into_bytes(),
                    },
                    ExportFile {
                        name: "newsmark.ann".into(),
                        mime: self.mime(),
                        contents: ann.into_bytes(),
                    },
                ])
            }
            Format::Conll => one(conll::export(doc)?),
            Format::W3c => one(w3c::export(doc)?),
        }
    }

    fn one_file(self, contents: Vec<u8>) -> Result<Vec<ExportFile>, ExportError> {
        Ok(vec![ExportFile {
            name: format!("newsmark.{}", self.extension()),
            mime: self.mime(),
            contents,
        }])
    }

    /// True when the export is text (UTF-8); false for binary files (`.spacy`).
    pub fn is_text(self) -> bool {
        self != Format::SpacyDocBin
    }

    /// Guesses the format of dropped or picked files from their names and first bytes:
    /// `.ann` → brat; `.jsonl` → doccano; JSON with `"schema": "newsmark/…"` → newsmark;
    /// a JSON array or an object with `"data"` → Label Studio; a JSON object with `"label"`
    /// → doccano. `None` when nothing fits.
    pub fn detect(files: &[InputFile]) -> Option<Format> {
        let has = |ext: &str| {
            files
                .iter()
                .any(|f| f.name.to_ascii_lowercase().ends_with(ext))
        };
        if has(".ann") {
            return Some(Format::Brat);
        }
        let [file] = files else { return None };
        if has(".jsonl") {
            return Some(Format::Doccano);
        }
        let head = String::from_utf8_lossy(&file.bytes[..file.bytes.len().min(4096)]);
        let head = head.trim_start_matches(BOM).trim_start();
        if head.starts_with('[') {
            return Some(Format::LabelStudio);
        }
        if !head.starts_with('{') {
            return None;
        }
        let first_line = head.lines().next().unwrap_or("");
        if head.contains("\"newsmark/") {
            Some(Format::Newsmark)
        } else if head.contains("\"data\"") && head.contains("\"text\"") {
            Some(Format::LabelStudio)
        } else if first_line.contains("\"label\"") || head.contains("\"label\"") {
            Some(Format::Doccano)
        } else {
            None
        }
    }

    /// Reads a document from `files`: one file for every format but brat, which wants the
    /// `.txt` and the `.ann` (told apart by their names' extensions). Bytes need not be valid
    /// UTF-8: bad input gives an [`ImportError`], never a panic. A leading BOM is dropped.
    pub fn import(self, files: &[InputFile]) -> Result<Document, ImportError> {
        if !self.can_import() {
            return Err(ImportError::new(
                self,
                None,
                format!("{} is an export-only format", self.title()),
            ));
        }
        if self == Format::Brat {
            let find = |ext: &str| {
                files
                    .iter()
                    .find(|f| f.name.to_ascii_lowercase().ends_with(ext))
            };
            let (Some(txt), Some(ann)) = (find(".txt"), find(".ann")) else {
                return Err(ImportError::new(
                    self,
                    None,
                    format!(
                        "brat needs two files, a .txt and an .ann; got {}",
                        if files.is_empty() {
                            "none".to_string()
                        } else {
                            files
                                .iter()
                                .map(|f| format!("“{}”", f.name))
                                .collect::<Vec<_>>()
                                .join(", ")
                        }
                    ),
                ));
            };
            let txt_s = decode(self, &txt.name, &txt.bytes)?;
            let ann_s = decode(self, &ann.name, &ann.bytes)?;
            return brat::import(&txt_s, &ann_s);
        }
        let [file] = files else {
            return Err(ImportError::new(
                self,
                None,
                format!(
                    "{} reads exactly one file, got {}",
                    self.title(),
                    files.len()
                ),
            ));
        };
        let s = decode(self, &file.name, &file.bytes)?;
        self.import_str(&s)
    }

    /// Reads a document from the text of a single-file format (brat: use
    /// [`brat::import`] with both texts).
    pub fn import_str(self, input: &str) -> Result<Document, ImportError> {
        let input = strip_bom(input);
        match self {
            Format::Newsmark => json::import(input),
            Format::Doccano => doccano::import(input),
            Format::LabelStudio => label_studio::import(input),
            Format::Brat => Err(ImportError::new(
                self,
                None,
                "brat needs two files, a .txt and an .ann",
            )),
            _ => Err(ImportError::new(
                self,
                None,
                format!("{} is an export-only format", self.title()),
            )),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Reads `input` in `from` and writes it in `to`: `newsmark convert --from F --to F`.
pub fn convert(
    from: Format,
    to: Format,
    input: &[InputFile],
) -> Result<Vec<ExportFile>, ConvertError> {
    let doc = from.import(input).map_err(ConvertError::Import)?;
    to.export(&doc).map_err(ConvertError::Export)
}

/// One written file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFile {
    /// Suggested file name (`newsmark.json`, `newsmark.ann`, …).
    pub name: String,
    /// MIME type.
    pub mime: &'static str,
    /// The file's bytes: UTF-8 text (no BOM, `\n` line ends; the document text itself is
    /// written exactly as it is, CRLF included), or binary for [`Format::SpacyDocBin`].
    pub contents: Vec<u8>,
}

impl ExportFile {
    /// The contents as text; empty for a binary file (see [`Format::is_text`]).
    pub fn text(&self) -> &str {
        std::str::from_utf8(&self.contents).unwrap_or("")
    }
}

/// One file given to [`Format::import`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    /// File name (brat tells `.txt` from `.ann` by it; otherwise only used in messages).
    pub name: String,
    /// Raw contents.
    pub bytes: Vec<u8>,
}

impl InputFile {
    /// A file from its name and contents.
    pub fn new(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        InputFile {
            name: name.into(),
            bytes: bytes.into(),
        }
    }
}

/// Why a document could not be written. Nothing is written when one is returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportError {
    /// The format being written.
    pub format: Format,
    /// The span concerned, if one.
    pub span: Option<u64>,
    /// What is wrong.
    pub message: String,
}

impl ExportError {
    pub(crate) fn new(format: Format, span: Option<u64>, message: impl Into<String>) -> Self {
        ExportError {
            format,
            span,
            message: message.into(),
        }
    }
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot write {}: ", self.format.title())?;
        if let Some(id) = self.span {
            write!(f, "span #{id}: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for ExportError {}

/// Why a file could not be read: what is wrong and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// The format being read.
    pub format: Format,
    /// Where: `line 3`, `$.spans[2].start`, `newsmark.ann line 4`…
    pub at: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl ImportError {
    pub(crate) fn new(format: Format, at: Option<String>, message: impl Into<String>) -> Self {
        ImportError {
            format,
            at,
            message: message.into(),
        }
    }
    pub(crate) fn at(format: Format, at: impl Into<String>, message: impl Into<String>) -> Self {
        ImportError::new(format, Some(at.into()), message)
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.at {
            Some(at) => write!(f, "{} {at}: {}", self.format.name(), self.message),
            None => write!(f, "{}: {}", self.format.name(), self.message),
        }
    }
}

impl std::error::Error for ImportError {}

/// Why [`convert`] failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConvertError {
    /// The input could not be read.
    Import(ImportError),
    /// The document could not be written.
    Export(ExportError),
}

impl fmt::Display for ConvertError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConvertError::Import(e) => e.fmt(f),
            ConvertError::Export(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ConvertError {}

/// The byte-order mark U+FEFF, which Windows editors put before UTF-8 text. Every reader
/// drops one at the start of its input ([`strip_bom`]), since offsets count from after it.
pub(crate) const BOM: &str = "\u{feff}";

/// `text` without its leading byte-order mark, if it has one (one is dropped, not more).
pub(crate) fn strip_bom(text: &str) -> &str {
    text.strip_prefix(BOM).unwrap_or(text)
}

/// Decodes a file: UTF-8 (a leading BOM dropped), or an error naming the first bad byte.
fn decode(format: Format, name: &str, bytes: &[u8]) -> Result<String, ImportError> {
    utf8(name, bytes).map_err(|(at, message)| ImportError::at(format, at, message))
}

/// The text of a UTF-8 file (a leading BOM dropped), or where and why it is not UTF-8
/// text: the first bad byte, or a UTF-16 byte-order mark for what it is.
fn utf8(name: &str, bytes: &[u8]) -> Result<String, (String, String)> {
    let bytes = bytes.strip_prefix(BOM.as_bytes()).unwrap_or(bytes);
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err((
            format!("{name} line 1"),
            "UTF-16 text (it starts with a UTF-16 byte-order mark): save it as UTF-8".into(),
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let upto = e.valid_up_to();
            let line = bytes[..upto].iter().filter(|&&b| b == b'\n').count() + 1;
            let bad = bytes
                .get(upto)
                .map_or(String::new(), |b| format!(" 0x{b:02X}"));
            Err((
                format!("{name} line {line}"),
                format!("not UTF-8 text (invalid byte{bad} at byte {upto})"),
            ))
        }
    }
}

/// The article in a plain-text file (`.txt` on its own, not a brat pair): UTF-8, a leading
/// BOM dropped. The error says why the bytes are not text (a binary file, another
/// encoding), naming the file, the line and the first bad byte.
pub fn plain_text(file: &InputFile) -> Result<String, String> {
    utf8(&file.name, &file.bytes).map_err(|(at, message)| format!("{at}: {message}"))
}

// ---------------------------------------------------------------------------------------
// Offsets shared by every format.

/// Every char boundary of a text in bytes, code points and UTF-16 units: one pass, then
/// O(1) (chars → others) or O(log n) (UTF-16 → chars) per look-up.
pub(crate) struct Units<'t> {
    text: &'t str,
    /// `bytes[k]` = byte offset of char `k`; one extra entry for the end.
    bytes: Vec<usize>,
    /// `utf16[k]` = UTF-16 offset of char `k`; one extra entry for the end.
    utf16: Vec<usize>,
}

impl<'t> Units<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        let mut bytes = Vec::with_capacity(text.len() + 1);
        let mut utf16 = Vec::with_capacity(text.len() + 1);
        let mut u = 0;
        for (b, c) in text.char_indices() {
            bytes.push(b);
            utf16.push(u);
            u += c.len_utf16();
        }
        bytes.push(text.len());
        utf16.push(u);
        Units { text, bytes, utf16 }
    }
    /// Length in chars.
    pub(crate) fn chars(&self) -> usize {
        self.bytes.len() - 1
    }
    /// Length in UTF-16 units.
    pub(crate) fn utf16_len(&self) -> usize {
        self.utf16[self.chars()]
    }
    /// The byte span of a char span (which must lie inside).
    pub(crate) fn byte_span(&self, chars: Span<Char>) -> Span<Byte> {
        Span::new(self.bytes[chars.start], self.bytes[chars.end])
    }
    /// The UTF-16 span of a char span (which must lie inside).
    pub(crate) fn utf16_span(&self, chars: Span<Char>) -> Span<Utf16> {
        Span::new(self.utf16[chars.start], self.utf16[chars.end])
    }
    /// The text of a char span, or `None` outside the text.
    pub(crate) fn slice(&self, chars: Span<Char>) -> Option<&'t str> {
        if chars.start > chars.end || chars.end > self.chars() {
            return None;
        }
        let b = self.byte_span(chars);
        Some(&self.text[b])
    }
    /// The char offset of UTF-16 offset `u`, or `None` past the end or inside a surrogate
    /// pair.
    pub(crate) fn char_of_utf16(&self, u: usize) -> Option<usize> {
        self.utf16.binary_search(&u).ok()
    }
    /// The char offset of byte offset `b`, if it is a char boundary.
    pub(crate) fn char_of_byte(&self, b: usize) -> Option<usize> {
        self.bytes.binary_search(&b).ok()
    }
}

/// A span checked against the text, in every unit.
pub(crate) struct Checked<'d> {
    pub(crate) ann: &'d Annotation,
    pub(crate) chars: Span<Char>,
    pub(crate) bytes: Span<Byte>,
    pub(crate) utf16: Span<Utf16>,
}

/// Checks every span of `doc` before `format` writes it: inside the text, not empty,
/// `text[start:end]` equal to the span's text. Sorted by start.
pub(crate) fn checked_spans<'d>(
    format: Format,
    doc: &'d Document,
    units: &Units<'_>,
) -> Result<Vec<Checked<'d>>, ExportError> {
    let mut out: Vec<Checked<'d>> = Vec::with_capacity(doc.spans().len());
    for a in doc.spans() {
        let chars = a.span();
        let Some(found) = units.slice(chars) else {
            return Err(ExportError::new(
                format,
                Some(a.id),
                format!(
                    "offsets [{}, {}) lie outside the text's {} characters",
                    a.start,
                    a.end,
                    units.chars()
                ),
            ));
        };
        if found != a.text {
            return Err(ExportError::new(
                format,
                Some(a.id),
                format!(
                    "offsets [{}, {}) select “{found}” but the span says “{}”",
                    a.start, a.end, a.text
                ),
            ));
        }
        if chars.is_empty() {
            return Err(ExportError::new(format, Some(a.id), "the span is empty"));
        }
        out.push(Checked {
            ann: a,
            chars,
            bytes: units.byte_span(chars),
            utf16: units.utf16_span(chars),
        });
    }
    out.sort_by_key(|c| (c.chars.start, c.chars.end));
    Ok(out)
}

// ---------------------------------------------------------------------------------------
// Building imported documents.

/// A span read from a file, before it is checked against the text.
#[derive(Debug, Clone)]
pub(crate) struct RawSpan {
    /// Where it was read, for messages (`line 3`, `$.spans[1]`).
    pub(crate) at: String,
    /// Id from the file, if the format has one.
    pub(crate) id: Option<u64>,
    /// Code-point offsets.
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) label: String,
    pub(crate) value: Option<String>,
    pub(crate) note: Option<String>,
    pub(crate) source: Source,
    pub(crate) status: Status,
}

/// The error for `[start, end)` when it does not fit a text of `len` units.
pub(crate) fn check_range(start: usize, end: usize, len: usize, unit: &str) -> Result<(), String> {
    if end < start {
        return Err(format!("span [{start}, {end}) ends before it starts"));
    }
    if start == end {
        return Err(format!("span [{start}, {end}) is empty"));
    }
    if end > len {
        return Err(format!(
            "span [{start}, {end}) ends past the end of the text ({len} {unit})"
        ));
    }
    Ok(())
}

/// The same rule the document applies to labels.
pub(crate) fn check_label(label: &str) -> Result<(), String> {
    if crate::document::is_usable_label(label) {
        Ok(())
    } else {
        Err(format!(
            "“{}” is not a usable label (empty, over 32 characters or with control characters)",
            label.escape_debug()
        ))
    }
}

/// The largest span id an import accepts: 2^53 - 1, the largest integer JavaScript (the
/// page, the JS API) holds exactly.
pub const MAX_ID: u64 = (1 << 53) - 1;

/// Checks the spans against the text (bounds, labels, flatness, unique ids) and builds the
/// document. Ids missing from the file are given in text order after the largest one read.
pub(crate) fn build_document(
    format: Format,
    text: &str,
    dct: Option<NaiveDate>,
    mut raw: Vec<RawSpan>,
) -> Result<Document, ImportError> {
    let units = Units::new(text);
    for r in &raw {
        check_range(r.start, r.end, units.chars(), "characters")
            .map_err(|m| ImportError::at(format, r.at.clone(), m))?;
        check_label(&r.label).map_err(|m| ImportError::at(format, r.at.clone(), m))?;
    }
    raw.sort_by_key(|r| (r.start, r.end));
    for w in raw.windows(2) {
        if w[1].start < w[0].end {
            return Err(ImportError::at(
                format,
                w[1].at.clone(),
                format!(
                    "span [{}, {}) “{}” overlaps [{}, {}) “{}” ({}); newsmark annotation is flat",
                    w[1].start,
                    w[1].end,
                    units.slice(Span::new(w[1].start, w[1].end)).unwrap_or(""),
                    w[0].start,
                    w[0].end,
                    units.slice(Span::new(w[0].start, w[0].end)).unwrap_or(""),
                    w[0].at
                ),
            ));
        }
    }
    let mut seen = std::collections::HashMap::new();
    for r in &raw {
        if let Some(id) = r.id {
            if id > MAX_ID {
                return Err(ImportError::at(
                    format,
                    r.at.clone(),
                    format!(
                        "id {id} is too large (ids stay below 2^53, JavaScript's safe integers)"
                    ),
                ));
            }
            if let Some(prev) = seen.insert(id, r.at.clone()) {
                return Err(ImportError::at(
                    format,
                    r.at.clone(),
                    format!("id {id} is used twice (also at {prev})"),
                ));
            }
        }
    }
    let mut next = raw.iter().filter_map(|r| r.id).max().unwrap_or(0);
    let spans: Vec<Annotation> = raw
        .into_iter()
        .map(|r| {
            let id = r.id.unwrap_or_else(|| {
                next += 1;
                next
            });
            let s = Span::new(r.start, r.end);
            Annotation {
                id,
                start: r.start,
                end: r.end,
                text: units.slice(s).unwrap_or("").to_string(),
                label: r.label,
                value: r.value,
                note: r.note,
                source: r.source,
                status: r.status,
            }
        })
        .collect();
    Document::from_parts(text, dct, spans)
        .map_err(|e| ImportError::new(format, None, format!("the document refused the spans: {e}")))
}

/// The label set of a document: the built-in labels, then any other label its spans use.
pub(crate) fn label_set(doc: &Document) -> Vec<String> {
    let mut out: Vec<String> = doc.labels().iter().map(|l| l.name.clone()).collect();
    for a in doc.spans() {
        if !out.contains(&a.label) {
            out.push(a.label.clone());
        }
    }
    out
}
