//! Property tests of the core's contracts (issue 8, "never panics"): on nasty text —
//! ASCII and capitalised names, dates, emoji with ZWJ sequences and flags, combining accents,
//! CJK, right-to-left scripts, CRLF, NUL, lone control characters, very long words —
//!
//! - the pipeline's mentions are sorted, flat, non-empty, on char boundaries, inside the text
//!   (rules and trained model alike), and the detected dateline is too;
//! - every span of a [`Document`] holds exactly `text.chars()[start..end]`;
//! - every importable format gives back what it exported (text, spans, and values, ids and
//!   the date where the format keeps them — see `src/formats/FORMATS.md`);
//! - after any [`Action`], `Undo` restores the observable state exactly and `Redo` re-applies
//!   it; an action that fails leaves the document as it was.
//!
//! `PROPTEST_CASES=1000 cargo test --test properties` runs longer; `PROPTEST_RNG_SEED=n`
//! replays a run. A failure prints the shrunk (minimal) input.

use chrono::NaiveDate;
use newsmark_core::document::Rejection;
use newsmark_core::extract::dct;
use newsmark_core::extract::entities::ModelEntities;
use newsmark_core::formats::{Format, InputFile};
use newsmark_core::span::{Byte, Span};
use newsmark_core::{labels, Action, Annotation, DctChoice, Document, Pipeline, Source, Status};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::Config as ProptestConfig;
use std::collections::HashSet;
use std::sync::LazyLock;

// ---------------------------------------------------------------------------------------
// Set-up.

static RULES: LazyLock<Pipeline> = LazyLock::new(Pipeline::default);

static MODEL: LazyLock<Pipeline> = LazyLock::new(|| {
    let mut p = Pipeline::default();
    let model = ModelEntities::from_bytes(include_bytes!("../models/ner.bin"))
        .expect("models/ner.bin loads");
    p.set_entities(Box::new(model));
    p
});

/// `cases` by default; `PROPTEST_CASES` overrides it for longer runs. No regression files
/// are written into the source tree: a failure prints its minimal input instead.
fn config(cases: u32) -> ProptestConfig {
    let mut c = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        c.cases = cases;
    }
    c.failure_persistence = None;
    c.max_shrink_iters = 4096;
    c
}

// ---------------------------------------------------------------------------------------
// Nasty text.

/// One piece of text: a word, a name, a date, an emoji, a control character…
fn fragment() -> BoxedStrategy<String> {
    prop_oneof![
        4 => "[a-z]{1,10}",
        3 => "[A-Z][a-z]{1,9}",
        3 => select(vec![
            "Volodymyr Zelensky", "Emmanuel Macron", "Donald Trump", "Trump", "Paris",
            "New York", "United Nations", "Reuters", "the European Union", "French",
            "Sept. 4", "September 1, 2025", "2025-09-01", "Monday", "last week", "3 p.m.",
            "every Tuesday", "two years", "tomorrow", "in March", "the 1990s", "Q3 2024",
            "LONDON, Sept 1 (Reuters) -", "Published September 1, 2025", " date 2025-09-01",
            "Mr.", "U.S.", "Dr. No", "and", "of", "'s", "—", "\"", "(", ")", ",", ".",
        ])
        .prop_map(str::to_string),
        2 => "[0-9]{1,6}",
        2 => "(19|20)[0-9]{2}-[01][0-9]-[0-3][0-9]",
        1 => "[0-3]?[0-9]/[01]?[0-9]/[0-9]{2,4}",
        2 => select(vec![
            "😀", "👩‍👩‍👧", "👨🏽‍💻", "🇫🇷", "🇺🇦", "👍🏽", "❤️", "🏳️‍🌈", "#️⃣", "𝒳", "𐍈",
        ])
        .prop_map(str::to_string),
        2 => select(vec![
            "e\u{301}", "Zoe\u{308}", "n\u{303}", "a\u{308}\u{304}", "\u{301}", "Café",
            "Ångström", "İstanbul", "ß", "ﬁ",
        ])
        .prop_map(str::to_string),
        2 => "[\u{4e00}-\u{9fff}]{1,4}",
        2 => select(vec![
            "שלום", "ירושלים", "مرحبا", "القاهرة", "\u{202e}", "\u{200f}", "\u{200d}",
            "\u{200b}", "\u{feff}", "\u{a0}", "\u{2028}", "\u{85}",
        ])
        .prop_map(str::to_string),
        2 => select(vec!["\r\n", "\n", "\r", "\n\n", "\t", "\0", "\u{7}", "\u{1b}", "\u{7f}"])
            .prop_map(str::to_string),
        1 => "[\u{1}-\u{1f}]",
        1 => "[a-zA-Z]{100,400}",
        1 => any::<char>().prop_map(String::from),
        1 => "\\PC{1,6}",
    ]
    .boxed()
}

fn separator() -> impl Strategy<Value = &'static str> {
    select(vec![
        " ", " ", " ", ", ", ". ", "\n", "\r\n", "", "\t", "  ",
    ])
}

/// A text of up to `max` fragments, sometimes opening with a dateline.
fn nasty_text(max: usize) -> BoxedStrategy<String> {
    (
        select(vec![
            "",
            "",
            "",
            " date 2025-09-01 ",
            "LONDON, Sept 1 (Reuters) - ",
        ]),
        prop::collection::vec((fragment(), separator()), 0..max),
    )
        .prop_map(|(head, parts)| {
            let mut s = head.to_string();
            for (f, sep) in parts {
                s.push_str(&f);
                s.push_str(sep);
            }
            s
        })
        .boxed()
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (1900i32..2100, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).expect("valid day"))
}

/// Labels: the built-in ones and usable others, and now and then an unusable one (refused
/// with an error).
fn label() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => select(vec![
            "PER", "ORG", "LOC", "MISC", "DATE", "TIME", "DURATION", "SET", "EVENT", "Ünïcödé",
        ]),
        1 => select(vec!["", "  ", "A\tB", "X\u{0}", "THIS_LABEL_IS_FAR_TOO_LONG_TO_BE_USED"]),
    ]
    .prop_map(str::to_string)
}

// ---------------------------------------------------------------------------------------
// Checks.

fn chars_slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

/// A byte span lies inside `text`, on char boundaries, and is not empty.
fn check_byte_span(text: &str, s: Span<Byte>, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(s.start < s.end, "{what}: empty span {s:?}");
    prop_assert!(
        s.end <= text.len(),
        "{what}: {s:?} past {} bytes",
        text.len()
    );
    prop_assert!(
        text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
        "{what}: {s:?} splits a char"
    );
    Ok(())
}

fn check_article(p: &Pipeline, text: &str, choice: DctChoice) -> Result<(), TestCaseError> {
    let a = p.annotate_article(text, choice);
    for m in &a.mentions {
        check_byte_span(text, m.span, &format!("mention {m:?}"))?;
        prop_assert!(!m.label.is_empty());
        if let Some(line) = a.dateline {
            prop_assert!(!m.span.overlaps(&line), "{m:?} overlaps the dateline");
        }
    }
    for w in a.mentions.windows(2) {
        prop_assert!(
            w[0].span.end <= w[1].span.start,
            "not sorted and flat: {:?} then {:?}",
            w[0],
            w[1]
        );
    }
    if let Some(line) = a.dateline {
        check_byte_span(text, line, "dateline")?;
    }
    if let DctChoice::Given(d) = choice {
        prop_assert_eq!(a.dct, d);
    }
    Ok(())
}

/// Every span holds its own text at its char offsets; spans are sorted, flat, with unique
/// ids; rejections lie inside the text.
fn check_document(doc: &Document) -> Result<(), TestCaseError> {
    let text = doc.text();
    let len = text.chars().count();
    let mut ids = HashSet::new();
    for a in doc.spans() {
        prop_assert!(a.start < a.end, "empty span {a:?}");
        prop_assert!(a.end <= len, "{a:?} past the text's {len} chars");
        prop_assert_eq!(&chars_slice(text, a.start, a.end), &a.text, "span {:?}", a);
        prop_assert!(ids.insert(a.id), "duplicate id {}", a.id);
    }
    for w in doc.spans().windows(2) {
        prop_assert!(
            w[0].end <= w[1].start,
            "not sorted and flat: {:?} then {:?}",
            w[0],
            w[1]
        );
    }
    for r in doc.rejected() {
        prop_assert!(r.start < r.end && r.end <= len, "rejection {r:?} outside");
    }
    prop_assert_eq!(doc.entity_ids().len(), doc.spans().len());
    // What a reload checks holds for every document an edit can reach, and the saved copy
    // (with its history) reads back exactly.
    prop_assert_eq!(doc.check(), Ok(()));
    let saved =
        newsmark_core::persist::encode(doc).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let loaded = newsmark_core::persist::decode(&saved).map(|l| l.doc);
    prop_assert_eq!(loaded, Ok(doc.clone()));
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Recognisers and documents.

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn rule_mentions_are_sorted_flat_and_on_char_boundaries(
        text in nasty_text(40),
        given in prop::option::of(date()),
    ) {
        check_article(&RULES, &text, DctChoice::Detect)?;
        check_article(&RULES, &text, DctChoice::Given(given))?;
    }

    #[test]
    fn model_mentions_are_sorted_flat_and_on_char_boundaries(
        text in nasty_text(40),
        given in prop::option::of(date()),
    ) {
        check_article(&MODEL, &text, DctChoice::Detect)?;
        check_article(&MODEL, &text, DctChoice::Given(given))?;
    }

    #[test]
    fn detected_datelines_lie_on_char_boundaries(text in nasty_text(12)) {
        if let Some(d) = dct::detect(&text) {
            check_byte_span(&text, d.span, "dateline")?;
        }
    }

    #[test]
    fn document_spans_hold_their_text_at_char_offsets(text in nasty_text(40)) {
        check_document(&Document::new(&text, &RULES))?;
        check_document(&Document::new(&text, &MODEL))?;
    }
}

// ---------------------------------------------------------------------------------------
// Export → import.

/// A span to place: where (fractions of the text), how long, what.
#[derive(Debug, Clone)]
struct SpanSeed {
    at: usize,
    len: usize,
    label: &'static str,
    value: Option<String>,
}

fn span_seed() -> impl Strategy<Value = SpanSeed> {
    (
        0usize..400,
        1usize..12,
        select(vec![
            "PER", "ORG", "LOC", "MISC", "DATE", "TIME", "DURATION", "SET", "EVENT", "Ünï",
        ]),
        // TIMEX-like values; a value is one line of text (formats store it on one line).
        prop::option::of("[A-Z0-9][A-Za-z0-9:._ -]{0,11}[A-Za-z0-9]"),
    )
        .prop_map(|(at, len, label, value)| SpanSeed {
            at,
            len,
            label,
            value,
        })
}

/// A document with spans over arbitrary char ranges (non-overlapping), built from parts.
/// With `trim`, each range loses the white space at its edges (as every span the editor,
/// the recognisers and the importers make does); without, a span may start or end with a
/// line break, a space, or hold nothing else.
fn placed_document(text: &str, seeds: &[SpanSeed], dct: Option<NaiveDate>, trim: bool) -> Document {
    let chars: Vec<char> = text.chars().collect();
    let len = chars.len();
    // White space, and the separators U+001C–U+001E that are not Unicode white space but
    // break lines for Python's splitlines (and so for brat).
    let blank = |c: char| c.is_whitespace() || ('\u{1C}'..='\u{1E}').contains(&c);
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut spans = Vec::new();
    if len > 0 {
        for (i, s) in seeds.iter().enumerate() {
            let mut start = s.at % len;
            let mut end = (start + s.len).min(len);
            while trim && start < end && blank(chars[start]) {
                start += 1;
            }
            while trim && start < end && blank(chars[end - 1]) {
                end -= 1;
            }
            if start == end || taken.iter().any(|&(a, b)| start < b && a < end) {
                continue;
            }
            taken.push((start, end));
            spans.push(Annotation {
                id: i as u64 + 1,
                start,
                end,
                text: chars_slice(text, start, end),
                label: s.label.to_string(),
                // A TIMEX value belongs to time labels only (brat reads a note on an
                // entity as a note).
                value: s
                    .value
                    .clone()
                    .filter(|_| newsmark_core::extract::labels::is_time(s.label)),
                note: None,
                source: Source::User,
                status: Status::Accepted,
            });
        }
    }
    Document::from_parts(text, dct, spans).expect("placed spans fit the text")
}

/// Exports `doc` and reads it back. With `may_refuse`, an export error is allowed (the
/// README's promise is "refuse rather than write an offset that drifts"); whatever is
/// written must read back exactly.
fn round_trip(format: Format, doc: &Document, may_refuse: bool) -> Result<(), TestCaseError> {
    let out = match format.export(doc) {
        Ok(out) => out,
        Err(e) if may_refuse => {
            prop_assert!(!e.message.is_empty());
            return Ok(());
        }
        Err(e) => return Err(TestCaseError::fail(format!("{format} export: {e}"))),
    };
    let files: Vec<InputFile> = out
        .into_iter()
        .map(|f| InputFile::new(f.name, f.contents))
        .collect();
    let back = match format.import(&files) {
        Ok(back) => back,
        Err(e) => return Err(TestCaseError::fail(format!("{format} import: {e}"))),
    };
    check_document(&back)?;
    prop_assert_eq!(back.text(), doc.text(), "{}: text", format);
    let key = |d: &Document| -> Vec<(usize, usize, String)> {
        d.spans()
            .iter()
            .map(|a| (a.start, a.end, a.label.clone()))
            .collect()
    };
    prop_assert_eq!(key(&back), key(doc), "{}: (start, end, label)", format);
    let keeps = |kept: &[Format]| kept.contains(&format);
    let values = |d: &Document| {
        d.spans()
            .iter()
            .map(|a| a.value.clone())
            .collect::<Vec<_>>()
    };
    let ids = |d: &Document| d.spans().iter().map(|a| a.id).collect::<Vec<_>>();
    if keeps(&[Format::Newsmark, Format::LabelStudio, Format::Brat]) {
        prop_assert_eq!(values(&back), values(doc), "{}: values", format);
        prop_assert_eq!(ids(&back), ids(doc), "{}: ids", format);
    }
    if keeps(&[Format::Newsmark, Format::LabelStudio, Format::Doccano]) {
        prop_assert_eq!(back.dct(), doc.dct(), "{}: dct", format);
    }
    if format == Format::Newsmark {
        prop_assert_eq!(back.spans(), doc.spans(), "newsmark keeps everything");
    }
    Ok(())
}

/// Every import drops a leading byte-order mark (README: "A UTF-8 BOM is dropped"), and brat
/// writes the text as its own file, so a text that opens with U+FEFF cannot come back from
/// brat: a documented limitation, left out of the round trips.
fn without_leading_bom(text: &str) -> &str {
    text.trim_start_matches('\u{feff}')
}

fn importable() -> Vec<Format> {
    Format::ALL.into_iter().filter(|f| f.can_import()).collect()
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn every_importable_format_round_trips_word_edged_spans_anywhere(
        text in nasty_text(30),
        seeds in prop::collection::vec(span_seed(), 0..12),
        dct in prop::option::of(date()),
    ) {
        let text = without_leading_bom(&text);
        let doc = placed_document(text, &seeds, dct, true);
        for f in importable() {
            round_trip(f, &doc, false)?;
        }
    }

    #[test]
    fn every_importable_format_refuses_or_round_trips_spans_over_any_range(
        text in nasty_text(30),
        seeds in prop::collection::vec(span_seed(), 0..12),
        dct in prop::option::of(date()),
    ) {
        let text = without_leading_bom(&text);
        let doc = placed_document(text, &seeds, dct, false);
        for f in importable() {
            round_trip(f, &doc, true)?;
        }
    }

    #[test]
    fn every_importable_format_round_trips_what_the_pipeline_found(text in nasty_text(30)) {
        let doc = Document::new(without_leading_bom(&text), &MODEL);
        for f in importable() {
            round_trip(f, &doc, false)?;
        }
    }
}

// ---------------------------------------------------------------------------------------
// Undo and redo.

/// One random step, made concrete against the document it is applied to: `pick` chooses an
/// existing span (or, one past the last, an id that does not exist).
#[derive(Debug, Clone)]
enum Step {
    Edit {
        at: usize,
        del: usize,
        insert: String,
    },
    Load(String),
    SetDct(Option<NaiveDate>),
    UseDetectedDct,
    Relabel {
        pick: usize,
        label: String,
    },
    SetValue {
        pick: usize,
        value: Option<String>,
    },
    Accept {
        pick: usize,
    },
    AcceptAll,
    Delete {
        pick: usize,
    },
    Add {
        a: usize,
        b: usize,
        label: String,
    },
    AddOver {
        a: usize,
        b: usize,
        label: String,
        split: bool,
    },
    Resize {
        pick: usize,
        a: usize,
        b: usize,
    },
    LabelAll {
        pick: usize,
    },
    DeleteAll {
        pick: usize,
    },
    Import(String),
    Undo,
    Redo,
}

fn step() -> impl Strategy<Value = Step> {
    let pick = any::<usize>;
    prop_oneof![
        4 => (any::<usize>(), 0usize..8, prop::collection::vec(fragment(), 0..3))
            .prop_map(|(at, del, ins)| Step::Edit { at, del, insert: ins.concat() }),
        1 => nasty_text(10).prop_map(Step::Load),
        1 => prop::option::of(date()).prop_map(Step::SetDct),
        1 => Just(Step::UseDetectedDct),
        2 => (pick(), label()).prop_map(|(pick, label)| Step::Relabel { pick, label }),
        2 => (pick(), prop::option::of(prop_oneof![
            Just(String::new()),
            Just("  ".to_string()),
            "[A-Z0-9 :-]{1,12}",
            "\\PC{1,4}",
        ]))
            .prop_map(|(pick, value)| Step::SetValue { pick, value }),
        2 => pick().prop_map(|pick| Step::Accept { pick }),
        1 => Just(Step::AcceptAll),
        2 => pick().prop_map(|pick| Step::Delete { pick }),
        3 => (any::<usize>(), any::<usize>(), label())
            .prop_map(|(a, b, label)| Step::Add { a, b, label }),
        2 => (any::<usize>(), any::<usize>(), label(), any::<bool>())
            .prop_map(|(a, b, label, split)| Step::AddOver { a, b, label, split }),
        1 => (pick(), any::<usize>(), any::<usize>())
            .prop_map(|(pick, a, b)| Step::Resize { pick, a, b }),
        1 => pick().prop_map(|pick| Step::LabelAll { pick }),
        1 => pick().prop_map(|pick| Step::DeleteAll { pick }),
        1 => nasty_text(8).prop_map(Step::Import),
        1 => Just(Step::Undo),
        1 => Just(Step::Redo),
    ]
}

/// A char range from two raw numbers: mostly inside the text, sometimes just past its end
/// or reversed (both refused with an error).
fn range(len: usize, a: usize, b: usize) -> (usize, usize) {
    let start = a % (len + 2);
    let end = if b.is_multiple_of(7) {
        b % (len + 2)
    } else {
        start.saturating_add(1 + b % 12)
    };
    (start, end)
}

fn concretise(step: &Step, doc: &Document) -> Action {
    let spans = doc.spans();
    let id = |pick: usize| match pick % (spans.len() + 1) {
        i if i < spans.len() => spans[i].id,
        _ => 999_999,
    };
    let len = doc.text().chars().count();
    match step.clone() {
        Step::Edit { at, del, insert } => {
            let chars: Vec<char> = doc.text().chars().collect();
            let at = at % (chars.len() + 1);
            let del = del.min(chars.len() - at);
            let mut s: String = chars[..at].iter().collect();
            s.push_str(&insert);
            s.extend(&chars[at + del..]);
            Action::SetText(s)
        }
        Step::Load(t) => Action::LoadText(t),
        Step::SetDct(d) => Action::SetDct(d),
        Step::UseDetectedDct => Action::UseDetectedDct,
        Step::Relabel { pick, label } => Action::Relabel {
            id: id(pick),
            label,
        },
        Step::SetValue { pick, value } => Action::SetValue {
            id: id(pick),
            value,
        },
        Step::Accept { pick } => Action::Accept { id: id(pick) },
        Step::AcceptAll => Action::AcceptAll,
        Step::Delete { pick } => Action::Delete { id: id(pick) },
        Step::Add { a, b, label } => {
            let (start, end) = range(len, a, b);
            Action::Add { start, end, label }
        }
        Step::AddOver { a, b, label, split } => {
            let (start, end) = range(len, a, b);
            Action::AddOver {
                start,
                end,
                label,
                split,
            }
        }
        Step::Resize { pick, a, b } => {
            let (start, end) = range(len, a, b);
            Action::Resize {
                id: id(pick),
                start,
                end,
            }
        }
        Step::LabelAll { pick } => Action::LabelAll { id: id(pick) },
        Step::DeleteAll { pick } => Action::DeleteAll { id: id(pick) },
        Step::Import(t) => Action::Import(Box::new(Document::new(&t, &RULES))),
        Step::Undo => Action::Undo,
        Step::Redo => Action::Redo,
    }
}

/// Everything a person can see of a document (undo restores exactly this).
type Observed = (
    String,
    Option<NaiveDate>,
    DctChoice,
    Vec<Annotation>,
    Vec<Rejection>,
);

fn observe(d: &Document) -> Observed {
    (
        d.text().to_string(),
        d.dct(),
        d.dct_choice(),
        d.spans().to_vec(),
        d.rejected().to_vec(),
    )
}

fn undo_redo_sequence(start: &str, steps: &[Step]) -> Result<(), TestCaseError> {
    let p = &*RULES;
    let mut doc = Document::new(start, p);
    check_document(&doc)?;
    for step in steps {
        let action = concretise(step, &doc);
        let before = observe(&doc);
        let whole_before = doc.clone();
        match doc.apply(action.clone(), p) {
            Err(e) => {
                prop_assert!(!e.to_string().is_empty());
                prop_assert_eq!(
                    &doc,
                    &whole_before,
                    "{:?} failed ({}) but changed the document",
                    action,
                    e
                );
            }
            Ok(_) => {
                check_document(&doc)?;
                if matches!(action, Action::Undo | Action::Redo) {
                    continue;
                }
                let after = observe(&doc);
                if after == before {
                    continue;
                }
                let whole_after = doc.clone();
                prop_assert!(
                    doc.apply(Action::Undo, p).is_ok(),
                    "{:?}: nothing to undo",
                    action
                );
                prop_assert_eq!(observe(&doc), before, "undo after {:?}", action);
                prop_assert!(
                    doc.apply(Action::Redo, p).is_ok(),
                    "{:?}: nothing to redo",
                    action
                );
                prop_assert_eq!(&doc, &whole_after, "redo after {:?}", action);
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn undo_restores_and_redo_reapplies_every_action(
        start in nasty_text(20),
        steps in prop::collection::vec(step(), 1..12),
    ) {
        undo_redo_sequence(&start, &steps)?;
    }
}

/// The generators above reach what they should: a sanity check that the strategies are not
/// degenerate (a property that never meets a span would prove little).
#[test]
fn the_generated_documents_carry_spans() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut with_spans, mut time_spans) = (0, 0);
    for _ in 0..32 {
        let text = nasty_text(30).new_tree(&mut runner).unwrap().current();
        let doc = Document::new(&text, &RULES);
        with_spans += usize::from(!doc.spans().is_empty());
        time_spans += doc
            .spans()
            .iter()
            .filter(|a| labels::is_time(&a.label))
            .count();
    }
    assert!(with_spans >= 16, "only {with_spans} of 32 texts had spans");
    assert!(time_spans >= 8, "only {time_spans} time spans");
}

/// The random action sequences reach what they should: most kinds of action both succeed
/// and fail now and then, and a good share of them change the document (an undo property
/// that only ever met no-ops and errors would prove little).
#[test]
fn the_generated_action_sequences_change_documents() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    use std::collections::HashMap;
    let mut runner = TestRunner::deterministic();
    // kind → (changed, unchanged, failed)
    let mut seen: HashMap<String, (usize, usize, usize)> = HashMap::new();
    for _ in 0..48 {
        let start = nasty_text(20).new_tree(&mut runner).unwrap().current();
        let steps = prop::collection::vec(step(), 1..12)
            .new_tree(&mut runner)
            .unwrap()
            .current();
        let mut doc = Document::new(&start, &RULES);
        for s in &steps {
            let action = concretise(s, &doc);
            let kind = format!("{action:?}");
            let kind = kind
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap()
                .to_string();
            let before = observe(&doc);
            let e = seen.entry(kind).or_default();
            match doc.apply(action, &RULES) {
                Ok(_) if observe(&doc) != before => e.0 += 1,
                Ok(_) => e.1 += 1,
                Err(_) => e.2 += 1,
            }
        }
    }
    let mut kinds: Vec<_> = seen.iter().collect();
    kinds.sort();
    println!("(changed, unchanged, failed) per action: {kinds:?}");
    for k in [
        "SetText", "Relabel", "Delete", "Add", "AddOver", "SetDct", "LoadText",
    ] {
        let (changed, _, _) = seen.get(k).copied().unwrap_or_default();
        assert!(
            changed >= 2,
            "{k} changed the document only {changed} times"
        );
    }
    for k in ["Relabel", "Add", "Delete"] {
        let (_, _, failed) = seen.get(k).copied().unwrap_or_default();
        assert!(failed >= 1, "{k} never failed");
    }
}
