//! Any bytes as a file of an importable format: the first byte picks the format (newsmark,
//! doccano, Label Studio, brat), the rest is the file. brat's `.txt` and `.ann` are split at
//! the first `MARKER` line (no marker: all `.txt`, empty `.ann`). No panic; a document that
//! is read has every span on its own text, sorted and flat, and writes out as newsmark/1.
//!
//! Shared by the fuzz target (`fuzz/fuzz_targets/import.rs`) and by `tests/fuzz_regressions.rs`,
//! which replays every input kept in `fuzz/corpus/import/` on each `cargo test`.
use newsmark_core::formats::{Format, InputFile};

/// Where brat's `.txt` ends and its `.ann` begins in a fuzz input.
const MARKER: &[u8] = b"\n===ann===\n";

fn files(format: Format, rest: &[u8]) -> Vec<InputFile> {
    if format != Format::Brat {
        let name = format!("in.{}", format.extension());
        return vec![InputFile::new(name, rest)];
    }
    let (txt, ann) = match rest.windows(MARKER.len()).position(|w| w == MARKER) {
        Some(i) => (&rest[..i], &rest[i + MARKER.len()..]),
        None => (rest, &[][..]),
    };
    vec![InputFile::new("in.txt", txt), InputFile::new("in.ann", ann)]
}

/// Runs one input; panics on a broken promise.
pub fn run(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let importable: Vec<Format> = Format::ALL.into_iter().filter(|f| f.can_import()).collect();
    let format = importable[pick as usize % importable.len()];
    let files = files(format, rest);
    let _ = Format::detect(&files);
    let Ok(doc) = format.import(&files) else {
        return;
    };
    let text = doc.text();
    let mut last_end = 0;
    for a in doc.spans() {
        assert!(
            a.start < a.end && a.start >= last_end,
            "{a:?} empty, unsorted or overlapping"
        );
        last_end = a.end;
        let found: String = text.chars().skip(a.start).take(a.end - a.start).collect();
        assert_eq!(found, a.text, "span {a:?}");
    }
    if let Err(e) = Format::Newsmark.export(&doc) {
        panic!("an imported document does not write as newsmark/1: {e}");
    }
}
