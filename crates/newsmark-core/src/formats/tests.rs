//! Format tests: hand-written fixtures (`tests/fixtures/formats/`), round trips over hard
//! text, malformed input, and the JSON Schema.

use super::*;
use crate::document::{Action, Annotation, Document, Status};
use crate::extract::{Pipeline, Source};
use chrono::NaiveDate;
use serde_json::Value;
use std::path::PathBuf;

fn fixture(name: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn fixture_str(name: &str) -> String {
    String::from_utf8(fixture(name)).unwrap()
}

/// The span over the `nth` occurrence of `needle`, in code points.
fn ann(text: &str, needle: &str, nth: usize, id: u64, label: &str) -> Annotation {
    let (b, _) = text.match_indices(needle).nth(nth).expect("needle in text");
    let start = text[..b].chars().count();
    Annotation {
        id,
        start,
        end: start + needle.chars().count(),
        text: needle.to_string(),
        label: label.to_string(),
        value: None,
        note: None,
        source: Source::User,
        status: Status::Accepted,
    }
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The document the fixtures describe.
fn paris() -> Document {
    let text = fixture_str("paris.txt");
    let mut spans = vec![
        ann(&text, "Zelensky", 0, 1, "PER"),
        ann(&text, "Macron", 0, 2, "PER"),
        ann(&text, "Paris", 0, 3, "LOC"),
        ann(&text, "Sept. 4", 0, 4, "DATE"),
        ann(&text, "Zoë", 0, 5, "PER"),
    ];
    spans[0].source = Source::Rule;
    spans[0].status = Status::Predicted;
    spans[1].source = Source::Model;
    spans[3].source = Source::Rule;
    spans[3].value = Some("2025-09-04".into());
    Document::from_parts(&text, Some(date("2025-09-01")), spans).unwrap()
}

/// A span to place: the text it covers, its label and its value.
type SpanSpec = (&'static str, &'static str, Option<&'static str>);

/// Texts that make offsets drift elsewhere, each with spans over its hard parts.
fn hard_docs() -> Vec<Document> {
    let cases: Vec<(&str, Vec<SpanSpec>)> = vec![
        (
            "👩‍👩‍👧 family: Zelensky 😀 met 🇫🇷 Macron on Sept. 4.",
            vec![
                ("👩‍👩‍👧", "MISC", None),
                ("Zelensky", "PER", None),
                ("🇫🇷 Macron", "PER", None),
                ("Sept. 4", "DATE", Some("2025-09-04")),
            ],
        ),
        (
            "Cafe\u{301} Zoe\u{308} in Mu\u{308}nchen; naïve Zoë.",
            vec![
                ("Cafe\u{301}", "ORG", None),
                ("Zoe\u{308}", "PER", None),
                ("Mu\u{308}nchen", "LOC", None),
                ("Zoë", "PER", None),
            ],
        ),
        (
            "习近平在北京会见了普京。東京 2025年9月4日",
            vec![
                ("习近平", "PER", None),
                ("北京", "LOC", None),
                ("東京", "LOC", None),
                ("2025年9月4日", "DATE", Some("2025-09-04")),
            ],
        ),
        (
            "נתניהו נפגש בירושלים עם محمد عباس في رام الله yesterday",
            vec![
                ("נתניהו", "PER", None),
                ("בירושלים", "LOC", None),
                ("محمد عباس", "PER", None),
                ("رام الله", "LOC", None),
                ("yesterday", "DATE", Some("2025-08-31")),
            ],
        ),
        (
            "Line one, Kyiv.\r\nLine two: Paris 😀\r\n\r\nNew\r\nYork on Friday\r\n",
            vec![
                ("Kyiv", "LOC", None),
                ("Paris", "LOC", None),
                ("New\r\nYork", "LOC", None),
                ("Friday", "DATE", Some("2025-09-05")),
            ],
        ),
    ];
    cases
        .into_iter()
        .map(|(text, spans)| {
            let spans = spans
                .into_iter()
                .enumerate()
                .map(|(i, (needle, label, value))| {
                    let mut a = ann(text, needle, 0, (i as u64 + 1) * 7, label);
                    a.value = value.map(str::to_string);
                    if i % 2 == 1 {
                        a.source = Source::Rule;
                        a.status = Status::Predicted;
                    }
                    a
                })
                .collect();
            Document::from_parts(text, Some(date("2025-09-01")), spans).unwrap()
        })
        .collect()
}

fn files(out: Vec<ExportFile>) -> Vec<InputFile> {
    out.into_iter()
        .map(|f| InputFile::new(f.name, f.contents))
        .collect()
}

fn json(s: &str) -> Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("{e}: {s}"))
}

fn only(out: Vec<ExportFile>) -> String {
    assert_eq!(out.len(), 1);
    out.into_iter().next().unwrap().text().to_string()
}

// ---------------------------------------------------------------------------------------
// Exports against hand-written fixtures.

#[test]
fn newsmark_export_matches_the_fixture() {
    let got = only(Format::Newsmark.export(&paris()).unwrap());
    assert_eq!(json(&got), json(&fixture_str("newsmark.json")));
}

#[test]
fn doccano_export_matches_the_fixture() {
    let got = only(Format::Doccano.export(&paris()).unwrap());
    assert_eq!(got.lines().count(), 1, "one document, one line");
    assert!(got.ends_with('\n'));
    let want = fixture_str("doccano.jsonl");
    assert_eq!(json(&got), json(want.trim_end()));
}

#[test]
fn label_studio_export_matches_the_fixture() {
    let got = only(Format::LabelStudio.export(&paris()).unwrap());
    assert_eq!(json(&got), json(&fixture_str("label-studio.json")));
}

#[test]
fn spacy_exports_match_the_fixtures() {
    let got = only(Format::Spacy.export(&paris()).unwrap());
    assert_eq!(json(&got), json(&fixture_str("spacy.json")));
    let got = only(Format::SpacyV2.export(&paris()).unwrap());
    assert_eq!(json(&got), json(&fixture_str("spacy-v2.json")));
}

#[test]
fn brat_export_matches_the_fixture_byte_for_byte() {
    let out = Format::Brat.export(&paris()).unwrap();
    assert_eq!(out.len(), 2);
    assert_eq!(out[0].name, "newsmark.txt");
    assert_eq!(out[0].contents.as_slice(), fixture("brat.txt").as_slice());
    assert_eq!(out[1].name, "newsmark.ann");
    assert_eq!(out[1].text(), fixture_str("brat.ann"));
}

#[test]
fn brat_writes_a_span_across_a_line_break_as_fragments() {
    let text = fixture_str("brat-newline.txt");
    let spans = vec![
        ann(&text, "New\r\nYork", 0, 1, "LOC"),
        ann(&text, "Tel Aviv", 0, 2, "LOC"),
    ];
    let doc = Document::from_parts(&text, None, spans).unwrap();
    let out = Format::Brat.export(&doc).unwrap();
    assert_eq!(out[1].text(), fixture_str("brat-newline.ann"));
    let back = brat::import(out[0].text(), out[1].text()).unwrap();
    assert_eq!(back.spans()[0].text, "New\r\nYork");
    assert_eq!((back.spans()[0].start, back.spans()[0].end), (0, 9));
}

#[test]
fn conll_export_matches_the_fixture() {
    let got = only(Format::Conll.export(&paris()).unwrap());
    assert_eq!(got, fixture_str("paris.conll"));
}

#[test]
fn conll_cuts_tokens_at_span_edges_and_never_splits_a_sentence_inside_a_span() {
    // "Trump's" is one token to the tokenizer only when the span says otherwise; the
    // span "Sept. 4. Then" crosses a sentence end.
    let text = "Mr. Smith met Macron's aide on Sept. 4. Then left.";
    let spans = vec![
        ann(text, "Macro", 0, 1, "PER"),
        ann(text, "4. Then", 0, 2, "MISC"),
    ];
    let doc = Document::from_parts(text, None, spans).unwrap();
    let got = conll::export(&doc).unwrap();
    let lines: Vec<&str> = got.lines().collect();
    assert!(lines.contains(&"Macro _ _ B-PER"), "{got}");
    assert!(lines.contains(&"n _ _ O"), "{got}");
    let i = lines.iter().position(|l| *l == "4 _ _ B-MISC").unwrap();
    assert_eq!(lines[i + 1..i + 3], [". _ _ I-MISC", "Then _ _ I-MISC"]);
    assert_eq!(
        lines[i + 3],
        "left _ _ O",
        "no sentence break inside the span: {got}"
    );
}

#[test]
fn w3c_export_matches_the_fixture() {
    let got = only(Format::W3c.export(&paris()).unwrap());
    assert_eq!(json(&got), json(&fixture_str("w3c.jsonld")));
}

#[test]
fn w3c_quotes_and_positions_agree_on_every_hard_text() {
    for doc in hard_docs() {
        let v = json(&w3c::export(&doc).unwrap());
        let chars: Vec<char> = doc.text().chars().collect();
        for a in v.as_array().unwrap() {
            let sel = &a["target"]["selector"];
            let (s, e) = (
                sel[0]["start"].as_u64().unwrap() as usize,
                sel[0]["end"].as_u64().unwrap() as usize,
            );
            let exact: String = chars[s..e].iter().collect();
            assert_eq!(sel[1]["exact"], exact.as_str());
            let prefix: String = chars[s.saturating_sub(w3c::CONTEXT)..s].iter().collect();
            assert_eq!(sel[1]["prefix"], prefix.as_str());
        }
    }
}

// ---------------------------------------------------------------------------------------
// Round trips.

/// What each importable format gives back: text and spans always; the rest where kept.
fn assert_round_trip(format: Format, doc: &Document) {
    let out = format
        .export(doc)
        .unwrap_or_else(|e| panic!("{format}: {e}"));
    let back = format
        .import(&files(out))
        .unwrap_or_else(|e| panic!("{format}: {e}"));
    assert_eq!(back.text(), doc.text(), "{format}: text");
    let key = |a: &Annotation| (a.start, a.end, a.text.clone(), a.label.clone());
    let want: Vec<_> = doc.spans().iter().map(key).collect();
    let got: Vec<_> = back.spans().iter().map(key).collect();
    assert_eq!(got, want, "{format}: spans");
    let keeps_values = matches!(
        format,
        Format::Newsmark | Format::LabelStudio | Format::Brat
    );
    let values = |d: &Document| {
        d.spans()
            .iter()
            .map(|a| a.value.clone())
            .collect::<Vec<_>>()
    };
    if keeps_values {
        assert_eq!(values(&back), values(doc), "{format}: values");
    } else {
        assert!(values(&back).iter().all(Option::is_none));
    }
    let ids = |d: &Document| d.spans().iter().map(|a| a.id).collect::<Vec<_>>();
    if matches!(
        format,
        Format::Newsmark | Format::LabelStudio | Format::Brat
    ) {
        assert_eq!(ids(&back), ids(doc), "{format}: ids");
    }
    if matches!(
        format,
        Format::Newsmark | Format::LabelStudio | Format::Doccano
    ) {
        assert_eq!(back.dct(), doc.dct(), "{format}: dct");
    } else {
        assert_eq!(back.dct(), None);
    }
    if format == Format::Newsmark {
        assert_eq!(back.spans(), doc.spans(), "newsmark keeps everything");
    } else {
        for a in back.spans() {
            assert_eq!((a.status, a.source), (Status::Accepted, Source::User));
        }
    }
}

#[test]
fn every_importable_format_round_trips_the_fixture_document() {
    for f in Format::ALL.into_iter().filter(|f| f.can_import()) {
        assert_round_trip(f, &paris());
    }
}

#[test]
fn every_importable_format_round_trips_emoji_accents_cjk_rtl_and_crlf() {
    for doc in hard_docs() {
        for f in Format::ALL.into_iter().filter(|f| f.can_import()) {
            assert_round_trip(f, &doc);
        }
    }
}

#[test]
fn fixtures_import_as_the_document_they_describe() {
    let want = paris();
    let doc = Format::Newsmark
        .import(&[InputFile::new("n.json", fixture("newsmark.json"))])
        .unwrap();
    assert_eq!(doc.spans(), want.spans());
    assert_eq!(doc.dct(), want.dct());
    for (f, name) in [
        (Format::Doccano, "doccano.jsonl"),
        (Format::LabelStudio, "label-studio.json"),
    ] {
        let doc = f.import(&[InputFile::new(name, fixture(name))]).unwrap();
        assert_eq!(doc.text(), want.text());
        assert_eq!(doc.spans().len(), 5, "{f}");
        assert_eq!(doc.dct(), want.dct(), "{f}");
    }
    let doc = Format::Brat
        .import(&[
            InputFile::new("x.ann", fixture("brat.ann")),
            InputFile::new("x.txt", fixture("brat.txt")),
        ])
        .unwrap();
    assert_eq!(doc.spans()[3].value.as_deref(), Some("2025-09-04"));
    assert_eq!(doc.spans()[3].id, 4);
}

#[test]
fn a_pipeline_document_round_trips_too() {
    let p = Pipeline::default();
    let mut d = Document::new(
        " date 2025-09-01 President Volodymyr Zelensky 🇺🇦 plans to meet Emmanuel Macron in Paris on Sept. 4.\r\nTalks continue on Friday.",
        &p,
    );
    d.apply(
        Action::Add {
            start: 0,
            end: 0,
            label: "MISC".into(),
        },
        &p,
    )
    .ok();
    assert!(!d.spans().is_empty());
    for f in Format::ALL.into_iter().filter(|f| f.can_import()) {
        assert_round_trip(f, &d);
    }
}

#[test]
fn newsmark_keeps_utf16_offsets_beside_code_points() {
    let v = json(&json::to_string_pretty(&paris()).unwrap());
    let s = &v["spans"][4];
    assert_eq!(
        (s["start"].as_u64(), s["end"].as_u64()),
        (Some(47), Some(50))
    );
    assert_eq!(
        (s["utf16"]["start"].as_u64(), s["utf16"]["end"].as_u64()),
        (Some(49), Some(52))
    );
    // What JavaScript would slice: UTF-16 units.
    let units: Vec<u16> = v["text"].as_str().unwrap().encode_utf16().collect();
    assert_eq!(String::from_utf16(&units[49..52]).unwrap(), "Zoë");
}

#[test]
fn export_has_the_schema_and_char_offsets() {
    let p = Pipeline::default();
    let mut d = Document::new("Zoë 😀 visited 北京 today.", &p);
    // Select only "京": the span snaps to the whole word "北京" (chars 14..16).
    d.apply(
        Action::Add {
            start: 15,
            end: 16,
            label: "LOC".into(),
        },
        &p,
    )
    .unwrap();
    let v = json(&json::to_string_pretty(&d).unwrap());
    assert_eq!(v["schema"], "newsmark/1");
    assert_eq!(v["offsets"], "unicode-scalar-values");
    assert_eq!(v["dct"], Value::Null);
    let span = v["spans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["label"] == "LOC")
        .unwrap();
    assert_eq!(
        (span["start"].as_u64(), span["end"].as_u64()),
        (Some(14), Some(16))
    );
    assert_eq!(
        (
            span["utf16"]["start"].as_u64(),
            span["utf16"]["end"].as_u64()
        ),
        (Some(15), Some(17))
    );
    assert_eq!(span["text"], "北京");
    assert_eq!(span["source"], "user");
    assert!(span.get("value").is_none());
}

#[test]
fn convert_goes_from_one_format_to_another() {
    let input = [InputFile::new("d.jsonl", fixture("doccano.jsonl"))];
    let out = convert(Format::Doccano, Format::Brat, &input).unwrap();
    assert_eq!(out.len(), 2);
    assert_eq!(out[0].contents.as_slice(), fixture("paris.txt").as_slice());
    assert!(out[1].text().starts_with("T1\tPER 3 11\tZelensky\n"));
    let out = convert(Format::Brat, Format::Newsmark, &files(out)).unwrap();
    let v = json(out[0].text());
    assert_eq!(v["spans"][4]["text"], "Zoë");
    let e = convert(Format::Conll, Format::Brat, &input).unwrap_err();
    assert!(e.to_string().contains("export-only"), "{e}");
}

#[test]
fn label_studio_reads_legacy_utf16_offsets_by_the_region_text() {
    // Written by a Label Studio that counted JavaScript string units.
    let input = r#"[{"data": {"text": "😀 Kyiv and 🇫🇷 Paris"},
        "annotations": [{"result": [
          {"id": "a", "from_name": "label", "to_name": "text", "type": "labels",
           "value": {"start": 3, "end": 7, "text": "Kyiv", "labels": ["LOC"]}},
          {"id": "b", "from_name": "label", "to_name": "text", "type": "labels",
           "value": {"start": 17, "end": 22, "text": "Paris", "labels": ["LOC"]}}]}]}]"#;
    let doc = Format::LabelStudio.import_str(input).unwrap();
    let got: Vec<_> = doc.spans().iter().map(|a| (a.start, a.end)).collect();
    assert_eq!(got, [(2, 6), (14, 19)]);
    // And a Label Studio newline written as `\n` in the region text.
    let input = r#"{"data": {"text": "New\nYork"}, "annotations": [{"result": [
        {"id": "1", "type": "labels", "value": {"start": 0, "end": 8,
         "text": "New\\nYork", "labels": ["LOC"]}}]}]}"#;
    let doc = Format::LabelStudio.import_str(input).unwrap();
    assert_eq!(doc.spans()[0].text, "New\nYork");
}

#[test]
fn label_studio_predictions_come_in_predicted() {
    let input = r#"{"data": {"text": "Kyiv"}, "predictions": [{"model_version": "x",
        "result": [{"id": "1", "type": "labels",
                    "value": {"start": 0, "end": 4, "labels": ["LOC"]}}]}]}"#;
    let doc = Format::LabelStudio.import_str(input).unwrap();
    assert_eq!(doc.spans()[0].status, Status::Predicted);
}

#[test]
fn doccano_reads_the_entities_form_and_meta_dct() {
    let input = "{\"text\": \"Kyiv 😀 Paris\", \"entities\": [{\"id\": 9, \"label\": \"LOC\", \"start_offset\": 7, \"end_offset\": 12}], \"meta\": {\"dct\": \"2025-01-02\"}}\r\n\r\n";
    let doc = Format::Doccano.import_str(input).unwrap();
    assert_eq!(doc.spans()[0].text, "Paris");
    assert_eq!(doc.dct(), Some(date("2025-01-02")));
}

// ---------------------------------------------------------------------------------------
// Refusals.

/// A document whose span does not select its text (as a corrupted save could hold).
fn drifting() -> Document {
    let v = serde_json::json!({
        "text": "😀 Paris", "dct": null, "dct_source": "none", "rejected": [], "next_id": 2,
        "spans": [{"id": 1, "start": 1, "end": 6, "text": "Paris", "label": "LOC",
                   "source": "user", "status": "accepted"}]
    });
    serde_json::from_value(v).unwrap()
}

#[test]
fn no_format_writes_a_drifting_offset() {
    let d = drifting();
    for f in Format::ALL {
        let e = f.export(&d).unwrap_err();
        assert_eq!(e.span, Some(1), "{f}");
        let msg = e.to_string();
        assert!(
            msg.contains("select “ Pari” but the span says “Paris”"),
            "{f}: {msg}"
        );
    }
}

#[test]
fn brat_refuses_labels_with_spaces() {
    let text = "Kyiv";
    let doc = Document::from_parts(text, None, vec![ann(text, "Kyiv", 0, 1, "CITY NAME")]).unwrap();
    let e = Format::Brat.export(&doc).unwrap_err();
    assert!(e.to_string().contains("cannot hold spaces"), "{e}");
}

fn import_err(f: Format, input: &str) -> String {
    match f.import_str(input) {
        Ok(_) => panic!("{f} accepted {input:?}"),
        Err(e) => e.to_string(),
    }
}

fn brat_err(txt: &str, ann: &str) -> String {
    brat::import(txt, ann).unwrap_err().to_string()
}

#[test]
fn malformed_inputs_say_what_and_where() {
    let cases: Vec<(Format, &str, &str)> = vec![
        (Format::Doccano, r#"{"text": "abcdef", "label": [[5, 2, "PER"]]}"#,
         "doccano line 1 span 1: span [5, 2) ends before it starts"),
        (Format::Doccano, "\n\n{\"text\": \"abc\", \"label\": [[0, 9, \"PER\"]]}",
         "doccano line 3 span 1: span [0, 9) ends past the end of the text (3 characters)"),
        (Format::Doccano, "{\"text\": \"a\"}\n{\"text\": \"b\"}", "doccano line 2: a second document"),
        (Format::Doccano, "{\"text\": \"abc\", \"label\": [[0, 1]]}", "expected [start, end, \"LABEL\"]"),
        (Format::Doccano, "{\"text\": \"abc\", \"label\": [[0, 99999999999999999999999, \"X\"]]}",
         "end must be a non-negative integer"),
        (Format::Doccano, "{\"text\": \"abc\", \"label\": [[-1, 2, \"X\"]]}", "start must be a non-negative integer, found -1"),
        (Format::Doccano, "{\"text\": \"abc\", \"label\": [[0, 1, \"X\"], [0, 2, \"Y\"]]}", "overlaps"),
        (Format::Doccano, "", "the file holds no document"),
        (Format::Doccano, "{\"text\": ", "doccano line 1: not a JSON object"),
        (Format::Newsmark, "{\"schema\": \"newsmark/1\", \"text\": \"ab", "newsmark line 1 column"),
        (Format::Newsmark, "{\"schema\": \"newsmark/1\", \"text\": \"ab", "ends too early"),
        (Format::Newsmark, "[]", "newsmark $: expected a JSON object"),
        (Format::Newsmark, r#"{"schema": "newsmark/2", "text": "", "spans": []}"#,
         "newsmark $.schema: expected \"newsmark/1\", found \"newsmark/2\""),
        (Format::Newsmark, r#"{"schema": "newsmark/1", "offsets": "utf-16", "text": "", "spans": []}"#, "$.offsets"),
        (Format::Newsmark, r#"{"schema": "newsmark/1", "text": "ab", "dct": "soon", "spans": []}"#,
         "$.dct: “soon” is not a YYYY-MM-DD date"),
        // The importers read dates as strictly as the CLI and the JS API (#27).
        (Format::Newsmark, r#"{"schema": "newsmark/1", "text": "ab", "dct": "+12345-01-01", "spans": []}"#,
         "$.dct: “+12345-01-01” is not a YYYY-MM-DD date"),
        (Format::Newsmark, r#"{"schema": "newsmark/1", "text": "ab", "dct": "0000-01-01", "spans": []}"#,
         "$.dct: “0000-01-01” is not a YYYY-MM-DD date"),
        (Format::Doccano, r#"{"text": "ab", "dct": "-0001-01-01"}"#,
         "“-0001-01-01” is not a YYYY-MM-DD date"),
        (Format::Newsmark, r#"{"schema": "newsmark/1", "text": "😀 Paris", "spans": [
            {"start": 3, "end": 8, "text": "Paris", "label": "LOC"}]}"#,
         "$.spans[0]: span [3, 8) ends past the end of the text (7 characters)"),
        (Format::Newsmark, r#"{"schema": "newsmark/1", "text": "😀 Paris xy", "spans": [
            {"start": 3, "end": 8, "text": "Paris", "label": "LOC"}]}"#,
         "$.spans[0]: offsets [3, 8) select “aris ” but the span's text is “Paris” (the offsets look like UTF-16 code units; newsmark/1 counts code points)"),
        (Format::Newsmark, r#"{"schema": "newsmark/1", "text": "é Paris xyz", "spans": [
            {"start": 3, "end": 8, "text": "Paris", "label": "LOC"}]}"#,
         "(the offsets look like UTF-8 bytes"),
        (Format::Newsmark, r#"{"schema": "newsmark/1", "text": "😀 Paris", "spans": [
            {"start": 2, "end": 7, "utf16": {"start": 2, "end": 8}, "text": "Paris", "label": "LOC"}]}"#,
         "$.spans[0].utf16: UTF-16 offsets [2, 8) disagree with code points [2, 7) (“Paris” is UTF-16 [3, 8))"),
        (Format::Newsmark, r#"{"schema": "newsmark/1", "text": "ab cd", "spans": [
            {"start": 0, "end": 2, "label": "A"}, {"start": 1, "end": 5, "label": "B"}]}"#,
         "$.spans[1]: span [1, 5) “b cd” overlaps [0, 2) “ab” ($.spans[0])"),
        (Format::Newsmark, r#"{"schema": "newsmark/1", "text": "ab cd", "labels": ["PER"], "spans": [
            {"start": 0, "end": 2, "label": "LOC"}]}"#,
         "$.spans[0].label: label “LOC” is not in the document's \"labels\""),
        (Format::Newsmark, r#"{"schema": "newsmark/1", "text": "ab cd", "spans": [
            {"start": 0, "end": 2, "label": "LOC", "status": "maybe"}]}"#,
         "$.spans[0].status: expected \"predicted\" or \"accepted\""),
        (Format::Newsmark, r#"{"schema": "newsmark/1", "text": "ab cd", "spans": [
            {"id": 1, "start": 0, "end": 2, "label": "LOC"}, {"id": 1, "start": 3, "end": 5, "label": "LOC"}]}"#,
         "id 1 is used twice"),
        (Format::Newsmark, r#"{"schema": "newsmark/1", "text": "ab cd", "spans": [
            {"id": 18446744073709551615, "start": 0, "end": 2, "label": "LOC"}]}"#,
         "is too large"),
        (Format::Newsmark, r#"{"schema": "newsmark/1", "text": "ab", "spans": [
            {"start": 0, "end": 2, "label": ""}]}"#, "is not a usable label"),
        (Format::LabelStudio, "[]", "the task list is empty"),
        (Format::LabelStudio, r#"[{"data": {"text": "a"}}, {"data": {"text": "b"}}]"#, "2 tasks"),
        (Format::LabelStudio, r#"[{"data": {"body": "a"}}]"#, "label-studio $[0].data: no \"text\" field (fields: body)"),
        (Format::LabelStudio, r#"[{"data": {"text": "Kyiv"}, "annotations": [{"result": [
            {"id": "x", "type": "labels", "value": {"start": 0, "end": 3, "text": "Kyiv", "labels": ["LOC"]}}]}]}]"#,
         "label-studio $[0].annotations[0].result[0].value: offsets [0, 3) select “Kyi” but the region's text is “Kyiv”"),
        (Format::LabelStudio, r#"[{"data": {"text": "Kyiv"}, "annotations": [{"result": [
            {"id": "x", "type": "labels", "value": {"start": 0, "end": 4, "labels": ["LOC", "GPE"]}}]}]}]"#,
         "2 labels on one region"),
        (Format::Newsmark, r#"{"schema": "newsmark/1", "text": "😀", "spans": [
            {"start": 0, "end": 1, "utf16": {"start": 0, "end": 1}, "text": "😀", "label": "X"}]}"#,
         "UTF-16 offsets [0, 1) disagree"),
    ];
    for (f, input, want) in cases {
        let got = import_err(f, input);
        assert!(got.contains(want), "{f} {input}\n got: {got}\nwant: {want}");
    }
}

#[test]
fn surrogate_splitting_utf16_offsets_are_refused() {
    // Label Studio legacy reading: UTF-16 offset 1 is inside the surrogate pair of 😀.
    let input = r#"[{"data": {"text": "😀ab"}, "annotations": [{"result": [
        {"id": "x", "type": "labels", "value": {"start": 1, "end": 3, "text": "a", "labels": ["X"]}}]}]}]"#;
    let e = import_err(Format::LabelStudio, input);
    let want = "offsets [1, 3) select “ab” but the region's text is “a” (neither as code points \
                nor as UTF-16 units; read as UTF-16, offset 1 splits a surrogate pair)";
    assert!(e.contains(want), "{e}");
    let input = r#"[{"data": {"text": "😀a"}, "annotations": [{"result": [
        {"id": "x", "type": "labels", "value": {"start": 1, "end": 3, "text": "a", "labels": ["X"]}}]}]}]"#;
    let e = import_err(Format::LabelStudio, input);
    let want = "ends past the end of the text (2 characters, 3 UTF-16 units); read as UTF-16, \
                offset 1 splits a surrogate pair";
    assert!(e.contains(want), "{e}");
    // newsmark/1: a UTF-16 offset inside a pair never agrees with the code points.
    let input = r#"{"schema": "newsmark/1", "text": "😀a", "spans": [
        {"start": 0, "end": 1, "utf16": {"start": 1, "end": 2}, "text": "😀", "label": "X"}]}"#;
    let e = import_err(Format::Newsmark, input);
    assert!(
        e.contains("UTF-16 offsets [1, 2) disagree with code points [0, 1)"),
        "{e}"
    );
}

#[test]
fn brat_errors_name_the_ann_line() {
    let txt = "Kyiv and Paris";
    assert_eq!(
        brat_err(txt, "T1\tLOC 0 4\tKyiv\nT2\tLOC 9 20\tParis\n"),
        "brat .ann line 2: T2: span [9, 20) ends past the end of the text (14 characters)"
    );
    assert!(brat_err(txt, "T1\tLOC 4 0\tKyiv\n").contains("span [4, 0) ends before it starts"));
    assert!(brat_err(txt, "T1\tLOC 0 4\tKiev\n")
        .contains("T1: offsets 0 4 select “Kyiv” but the line says “Kiev”"));
    assert!(brat_err(txt, "T1\tLOC 0 4;9 14\tKyiv Paris\n").contains("discontinuous span"));
    assert!(
        brat_err(txt, "T1\tLOC x 4\tKyiv\n").contains("offset “x” is not a non-negative integer")
    );
    assert!(brat_err(txt, "hello\n").contains(".ann line 1: “hello” is not a brat annotation line"));
    assert!(brat_err(txt, "#1\tAnnotatorNotes T9\tx\n").contains("AnnotatorNotes for T9"));
    assert!(
        brat_err(txt, "T1\tLOC 0 4\tKyiv\nT1\tLOC 9 14\tParis\n").contains("id T1 is used twice")
    );
    // Relations and attributes are ignored, CRLF line ends and a BOM are fine.
    let doc = brat::import(
        "\u{feff}Kyiv and Paris",
        "\u{feff}T1\tLOC 0 4\tKyiv\r\nR1\tNear Arg1:T1 Arg2:T2\r\nT2\tLOC 9 14\tParis\r\nA1\tNegated T1\r\n",
    )
    .unwrap();
    assert_eq!(doc.spans().len(), 2);
    let e = Format::Brat
        .import(&[InputFile::new("a.ann", "T1\tX 0 1\ta")])
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("brat needs two files, a .txt and an .ann; got “a.ann”"),
        "{e}"
    );
}

#[test]
fn export_only_formats_refuse_import() {
    for f in [Format::Spacy, Format::SpacyV2, Format::Conll, Format::W3c] {
        assert!(!f.can_import());
        let e = f.import(&[InputFile::new("x", "{}")]).unwrap_err();
        assert!(e.to_string().contains("export-only"), "{e}");
    }
}

#[test]
fn bom_and_crlf_are_accepted_and_binary_is_refused() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(fixture("newsmark.json"));
    let doc = Format::Newsmark
        .import(&[InputFile::new("x.json", bytes)])
        .unwrap();
    assert_eq!(doc.spans().len(), 5);
    let crlf = fixture_str("newsmark.json").replace('\n', "\r\n");
    assert_eq!(Format::Newsmark.import_str(&crlf).unwrap().spans().len(), 5);
    let junk = vec![0xFF, 0x00, 0x41, 0x0A, 0xC3];
    for f in Format::ALL.into_iter().filter(|f| f.can_import()) {
        let mut input = vec![InputFile::new("x.txt", junk.clone())];
        if f == Format::Brat {
            input.push(InputFile::new("x.ann", junk.clone()));
        }
        let e = f.import(&input).unwrap_err().to_string();
        assert!(
            e.contains("line 1: not UTF-8 text (invalid byte 0xFF at byte 0)"),
            "{f}: {e}"
        );
    }
}

#[test]
fn a_plain_text_file_is_its_text_and_anything_else_says_why_not() {
    use super::plain_text;
    let text = "\u{202B}الرئيس ماكرون\u{202C} met 👨‍👩‍👧 in Paris\0 today.\r\n";
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(text.as_bytes());
    assert_eq!(plain_text(&InputFile::new("a.txt", bytes)).unwrap(), text);
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    assert_eq!(
        plain_text(&InputFile::new("cat.png", png)).unwrap_err(),
        "cat.png line 1: not UTF-8 text (invalid byte 0x89 at byte 0)"
    );
    let latin1 = b"Caf\xE9 in Paris\nZo\xEB".to_vec();
    assert_eq!(
        plain_text(&InputFile::new("old.txt", latin1)).unwrap_err(),
        "old.txt line 1: not UTF-8 text (invalid byte 0xE9 at byte 3)"
    );
    let cut = "Zoë".as_bytes()[..3].to_vec(); // ends inside "ë"
    assert_eq!(
        plain_text(&InputFile::new("cut.txt", cut)).unwrap_err(),
        "cut.txt line 1: not UTF-8 text (invalid byte 0xC3 at byte 2)"
    );
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("Paris".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert!(plain_text(&InputFile::new("w.txt", utf16))
        .unwrap_err()
        .contains("UTF-16 text"));
    assert_eq!(plain_text(&InputFile::new("e.txt", vec![])).unwrap(), "");
}

/// Never a panic: every prefix of every valid file, and single-byte corruptions of it.
#[test]
fn no_input_panics() {
    let doc = &hard_docs()[0];
    let mut tried = 0;
    for f in Format::ALL.into_iter().filter(|f| f.can_import()) {
        let out = f.export(doc).unwrap();
        let main = out.last().unwrap().text().to_string();
        let mutate = |bytes: Vec<u8>| -> Vec<InputFile> {
            let mut fs = files(out.clone());
            let last = fs.len() - 1;
            fs[last].bytes = bytes;
            fs
        };
        let b = main.as_bytes();
        for cut in 0..b.len() {
            let _ = f.import(&mutate(b[..cut].to_vec()));
            tried += 1;
        }
        for i in (0..b.len()).step_by(3) {
            for x in [b'0', b'9', b'"', b'\t', b'-', b';', 0xFF, b'{', b']'] {
                let mut m = b.to_vec();
                m[i] = x;
                let _ = f.import(&mutate(m));
                tried += 1;
            }
        }
    }
    assert!(tried > 1000);
}

// ---------------------------------------------------------------------------------------
// The JSON Schema, checked by a small validator of the keywords it uses.

fn validate(schema: &Value, root: &Value, v: &Value, path: &str, errs: &mut Vec<String>) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.strip_prefix("#/$defs/").expect("local $ref");
        return validate(&root["$defs"][name], root, v, path, errs);
    }
    let type_ok = |t: &str| match t {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "integer" => v.is_u64() || v.is_i64(),
        "null" => v.is_null(),
        other => panic!("type {other} not handled"),
    };
    match schema.get("type") {
        Some(Value::String(t)) if !type_ok(t) => errs.push(format!("{path}: not {t}")),
        Some(Value::Array(ts)) if !ts.iter().any(|t| type_ok(t.as_str().unwrap())) => {
            errs.push(format!("{path}: not any of {ts:?}"))
        }
        _ => {}
    }
    if let Some(c) = schema.get("const") {
        if c != v {
            errs.push(format!("{path}: not {c}"));
        }
    }
    if let Some(Value::Array(e)) = schema.get("enum") {
        if !e.contains(v) {
            errs.push(format!("{path}: {v} not in enum"));
        }
    }
    if let (Some(p), Some(s)) = (schema.get("pattern").and_then(Value::as_str), v.as_str()) {
        if !regex::Regex::new(p).unwrap().is_match(s) {
            errs.push(format!("{path}: {s} does not match {p}"));
        }
    }
    if let Some(s) = v.as_str() {
        let n = s.chars().count() as u64;
        if schema
            .get("minLength")
            .and_then(Value::as_u64)
            .is_some_and(|m| n < m)
        {
            errs.push(format!("{path}: too short"));
        }
        if schema
            .get("maxLength")
            .and_then(Value::as_u64)
            .is_some_and(|m| n > m)
        {
            errs.push(format!("{path}: too long"));
        }
    }
    if let Some(n) = v.as_f64() {
        if schema
            .get("minimum")
            .and_then(Value::as_f64)
            .is_some_and(|m| n < m)
        {
            errs.push(format!("{path}: below minimum"));
        }
        if schema
            .get("maximum")
            .and_then(Value::as_f64)
            .is_some_and(|m| n > m)
        {
            errs.push(format!("{path}: above maximum"));
        }
    }
    if let Value::Object(o) = v {
        if let Some(Value::Array(req)) = schema.get("required") {
            for k in req {
                if !o.contains_key(k.as_str().unwrap()) {
                    errs.push(format!("{path}: missing {k}"));
                }
            }
        }
        let props = schema.get("properties").and_then(Value::as_object);
        for (k, x) in o {
            match props.and_then(|p| p.get(k)) {
                Some(s) => validate(s, root, x, &format!("{path}.{k}"), errs),
                None if schema.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    errs.push(format!("{path}: unexpected {k}"))
                }
                None => {}
            }
        }
    }
    if let Value::Array(a) = v {
        if let Some(items) = schema.get("items") {
            for (i, x) in a.iter().enumerate() {
                validate(items, root, x, &format!("{path}[{i}]"), errs);
            }
        }
        if schema.get("uniqueItems") == Some(&Value::Bool(true)) {
            for (i, x) in a.iter().enumerate() {
                if a[..i].contains(x) {
                    errs.push(format!("{path}[{i}]: repeated"));
                }
            }
        }
    }
}

fn schema_errors(v: &Value) -> Vec<String> {
    let schema = json(json::JSON_SCHEMA);
    let mut errs = Vec::new();
    validate(&schema, &schema, v, "$", &mut errs);
    errs
}

#[test]
fn the_schema_is_draft_2020_12_and_every_export_validates() {
    let schema = json(json::JSON_SCHEMA);
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let mut docs = hard_docs();
    docs.push(paris());
    docs.push(Document::new(
        " date 2025-09-01 Macron will meet Putin in Paris on Sept. 4.",
        &Pipeline::default(),
    ));
    docs.push(Document::default());
    for d in &docs {
        let v = json(&json::to_string_pretty(d).unwrap());
        assert_eq!(schema_errors(&v), Vec::<String>::new(), "{v}");
    }
}

#[test]
fn the_schema_validator_catches_broken_documents() {
    let mut v = json(&fixture_str("newsmark.json"));
    v["spans"][0]["status"] = "maybe".into();
    v["spans"][1].as_object_mut().unwrap().remove("utf16");
    v["dct"] = "1 Sept".into();
    v["schema"] = "newsmark/0".into();
    let errs = schema_errors(&v);
    assert_eq!(errs.len(), 4, "{errs:?}");
}

#[test]
fn registry_names_round_trip_and_units_are_stated() {
    for f in Format::ALL {
        assert_eq!(Format::from_name(f.name()), Some(f));
        assert!(!f.extension().is_empty() && !f.mime().is_empty());
    }
    assert_eq!(Format::from_name("Label_Studio"), Some(Format::LabelStudio));
    assert_eq!(Format::from_name("nope"), None);
    assert_eq!(Format::Conll.offset_unit(), OffsetUnit::Tokens);
    assert_eq!(Format::LabelStudio.offset_unit(), OffsetUnit::CodePoints);
    let v = json(&only(Format::Newsmark.export(&paris()).unwrap()));
    assert_eq!(v["offsets"], OffsetUnit::CodePoints.name());
}

#[test]
fn detect_tells_formats_by_name_and_first_bytes() {
    let f = |name: &str, body: &str| InputFile::new(name, body.as_bytes());
    let d = |files: &[InputFile]| Format::detect(files);
    assert_eq!(
        d(&[f("a.txt", "x"), f("a.ann", "T1\tPER 0 1\tx")]),
        Some(Format::Brat)
    );
    assert_eq!(
        d(&[f("a.jsonl", "{\"text\": \"x\"}")]),
        Some(Format::Doccano)
    );
    assert_eq!(
        d(&[f("a.json", "{\"text\": \"x\", \"label\": []}")]),
        Some(Format::Doccano)
    );
    assert_eq!(
        d(&[f("a.json", "\u{feff}[{\"data\": {\"text\": \"x\"}}]")]),
        Some(Format::LabelStudio)
    );
    assert_eq!(
        d(&[f(
            "a.json",
            "{\"data\": {\"text\": \"x\"}, \"annotations\": []}"
        )]),
        Some(Format::LabelStudio)
    );
    assert_eq!(
        d(&[f("a.json", "{\"schema\": \"newsmark/1\", \"text\": \"x\"}")]),
        Some(Format::Newsmark)
    );
    assert_eq!(d(&[f("a.bin", "\u{0}\u{1}garbage")]), None);
    assert_eq!(d(&[]), None);
}

#[test]
fn the_label_set_travels_in_newsmark_json() {
    let p = crate::extract::Pipeline::default();
    let mut doc = Document::new("Talks in Paris.", &p);
    doc.apply(
        crate::document::Action::AddLabel {
            name: "EVENT".into(),
        },
        &p,
    )
    .unwrap();
    let files = Format::Newsmark.export(&doc).unwrap();
    let back = Format::Newsmark.import_str(files[0].text()).unwrap();
    let names: Vec<&str> = back.labels().iter().map(|l| l.name.as_str()).collect();
    assert_eq!(
        names.last(),
        Some(&"EVENT"),
        "an unused custom label survives the round trip"
    );
}

#[test]
fn brat_refuses_a_span_that_ends_in_a_line_break() {
    // Found by the property tests: "…, \r" (the \r of a CRLF) lost its last char in brat.
    let text = "Kyiv, \r\nMoscow";
    let span = crate::document::Annotation {
        id: 1,
        start: 0,
        end: 7,
        text: "Kyiv, \r".into(),
        label: "LOC".into(),
        value: None,
        note: None,
        source: crate::extract::Source::User,
        status: crate::document::Status::Accepted,
    };
    let doc = Document::from_parts(text, None, vec![span]).unwrap();
    let err = Format::Brat.export(&doc).unwrap_err().to_string();
    assert!(err.contains("line break"), "{err}");
}

#[test]
fn brat_refuses_a_text_that_starts_with_a_byte_order_mark() {
    let doc = Document::from_parts("\u{feff}ab cd", None, vec![]).unwrap();
    let err = Format::Brat.export(&doc).unwrap_err().to_string();
    assert!(err.contains("byte-order mark"), "{err}");
}

#[test]
fn packed_spans_give_back_the_exported_spans() {
    // Emoji, accents, CJK and CRLF: UTF-16 and char offsets part ways; a user span with a
    // label of its own and accepted status, dates with values, entities.
    let text = "😀 Zoë met Angela Merkel in Paris on Sept. 4, 2025.\r\n東京 talks: Merkel and 🙂 NATO, Monday.";
    let p = Pipeline::default();
    let mut doc = Document::with_dct(
        text,
        crate::extract::DctChoice::Given(NaiveDate::from_ymd_opt(2025, 9, 1)),
        &p,
    );
    let start = text.chars().position(|c| c == '東').unwrap();
    let add = Action::Add {
        start,
        end: start + 2,
        label: "LOC".into(),
    };
    doc.apply(add, &p).unwrap();
    let export = json::export(&doc).unwrap();
    assert!(export.spans.iter().any(|s| s.value.is_some()));
    assert!(export.spans.iter().any(|s| s.entity.is_some()));
    assert!(export.spans.iter().any(|s| s.status == Status::Accepted));
    let packed = json::pack(&export.spans);
    assert_eq!(
        packed.numbers.len(),
        export.spans.len() * json::PACKED_FIELDS
    );
    assert_eq!(json::unpack(&packed, text).unwrap(), export.spans);
}

#[test]
fn label_studio_skips_relations_and_other_results_without_a_value() {
    let input = r#"[{"data": {"text": "Macron met Putin."},
      "annotations": [{"result": [
        {"id": "a", "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": 0, "end": 6, "text": "Macron", "labels": ["PER"]}},
        {"id": "b", "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": 11, "end": 16, "text": "Putin", "labels": ["PER"]}},
        {"from_id": "a", "to_id": "b", "type": "relation", "direction": "right", "labels": []}
      ]}]}]"#;
    let doc = label_studio::import(input).unwrap();
    let texts: Vec<&str> = doc.spans().iter().map(|s| s.text.as_str()).collect();
    assert_eq!(texts, ["Macron", "Putin"]);
    // A labels result without a value is still an error, named by its place.
    let broken = r#"[{"data": {"text": "Macron"}, "annotations": [{"result": [
        {"id": "a", "type": "labels"}]}]}]"#;
    let e = import_err(Format::LabelStudio, broken);
    assert!(
        e.contains("result[0]") && e.contains("no \"value\" object"),
        "{e}"
    );
}

/// Every character Python's `str.splitlines` (and so brat's reader) breaks a line at.
const PY_LINE_BREAKS: [char; 10] = [
    '\n', '\r', '\u{0B}', '\u{0C}', '\u{1C}', '\u{1D}', '\u{1E}', '\u{85}', '\u{2028}', '\u{2029}',
];

#[test]
fn brat_writes_every_python_line_break_as_a_fragment_boundary() {
    for br in PY_LINE_BREAKS {
        let text = format!("I saw New{br}York today.");
        let spans = vec![ann(&text, &format!("New{br}York"), 0, 1, "LOC")];
        let doc = Document::from_parts(&text, None, spans).unwrap();
        let out = Format::Brat.export(&doc).unwrap();
        let ann_file = out[1].text();
        // One line per annotation, even when split as Python splits lines.
        let py_lines = ann_file
            .split(|c| PY_LINE_BREAKS.contains(&c))
            .filter(|l| !l.is_empty())
            .count();
        assert_eq!(py_lines, 1, "{br:?}: {ann_file:?}");
        assert_eq!(ann_file, "T1\tLOC 6 9;10 14\tNew York\n", "{br:?}");
        let back = brat::import(out[0].text(), ann_file).unwrap();
        assert_eq!(back.spans()[0].text, format!("New{br}York"), "{br:?}");
    }
}

#[test]
fn docbin_writes_every_hard_document_on_token_boundaries() {
    // The export refuses a span that misses token boundaries; spaCy reads the bytes in
    // tests/python/check_exports.py.
    let mut docs = hard_docs();
    docs.push(paris());
    for d in &docs {
        let out = Format::SpacyDocBin.export(d).unwrap();
        assert_eq!(out[0].name, "newsmark.spacy");
        assert_eq!(&out[0].contents[..2], &[0x78, 0x01]);
    }
    let all: Vec<&Document> = docs.iter().collect();
    assert!(docbin::export(&all).unwrap().len() > docbin::export(&all[..1]).unwrap().len());
}

#[test]
fn brat_notes_on_entities_stay_notes_and_never_become_time_values() {
    let txt = "Macron met Putin on Monday.";
    let ann = "T1\tPER 0 6\tMacron\n#1\tAnnotatorNotes T1\tFrench president\nT2\tDATE 20 26\tMonday\n#2\tAnnotatorNotes T2\t2025-09-01\n";
    let doc = brat::import(txt, ann).unwrap();
    let macron = &doc.spans()[0];
    assert_eq!(
        macron.value, None,
        "a note on an entity is not a TIMEX value"
    );
    assert_eq!(macron.note.as_deref(), Some("French president"));
    assert_eq!(doc.spans()[1].value.as_deref(), Some("2025-09-01"));
    // Label Studio and W3C carry values only for time spans.
    let ls = only(Format::LabelStudio.export(&doc).unwrap());
    assert!(!ls.contains("French president"), "{ls}");
    assert_eq!(ls.matches("\"textarea\"").count(), 1, "{ls}");
    let w3c = only(Format::W3c.export(&doc).unwrap());
    assert!(!w3c.contains("French president"), "{w3c}");
    // brat writes the note back as a note; newsmark/1 keeps it.
    let out = Format::Brat.export(&doc).unwrap();
    assert_eq!(out[1].text(), ann);
    let back = Format::Newsmark
        .import_str(&only(Format::Newsmark.export(&doc).unwrap()))
        .unwrap();
    assert_eq!(back.spans()[0].note.as_deref(), Some("French president"));
}

#[test]
fn conll_never_splits_a_flag_an_emoji_sequence_or_a_combining_accent() {
    let text = "🇺🇦🇫🇷 Zoë met 👩‍👩‍👧 and 👍🏽 in Zu\u{308}rich ❤\u{FE0F} 🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}.";
    let doc =
        Document::from_parts(text, None, vec![ann(text, "Zu\u{308}rich", 0, 1, "LOC")]).unwrap();
    let conll = only(Format::Conll.export(&doc).unwrap());
    let tokens: Vec<&str> = conll
        .lines()
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    assert_eq!(
        tokens,
        [
            "🇺🇦",
            "🇫🇷",
            "Zoë",
            "met",
            "👩‍👩‍👧",
            "and",
            "👍🏽",
            "in",
            "Zu\u{308}rich",
            "❤\u{FE0F}",
            "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}",
            "."
        ]
    );
    assert!(conll.contains("Zu\u{308}rich _ _ B-LOC\n"), "{conll}");
}
