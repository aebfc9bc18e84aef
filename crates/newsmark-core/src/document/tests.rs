//! Native tests of every action, including the undo of each.

use super::*;
use crate::extract::{Context, Extractor, Mention};

/// Marks every occurrence of fixed words: a recogniser whose output the tests control.
struct Words(Vec<(&'static str, &'static str)>);

impl Extractor for Words {
    fn extract(&self, text: &str, ctx: &Context) -> Vec<Mention> {
        let mut out = Vec::new();
        for (w, label) in &self.0 {
            for (i, _) in text.match_indices(w) {
                let mut m = Mention::new(Span::new(i, i + w.len()), label, Source::Rule);
                if labels::is_time(label) {
                    m.value = Some(ctx.dct.map_or("XXXX".into(), |d| d.to_string()));
                }
                out.push(m);
            }
        }
        out.sort_by_key(|m| m.span.start);
        out
    }
}

fn pipeline() -> Pipeline {
    Pipeline::new(
        Box::new(Words(vec![("today", "DATE")])),
        Box::new(Words(vec![
            ("Paris", "LOC"),
            ("Zoë", "PER"),
            ("Kyiv", "LOC"),
        ])),
    )
}

const TEXT: &str = " date 2025-09-01 Zoë met 😀 people in Paris today.\r\nKyiv next.";

fn doc() -> Document {
    Document::new(TEXT, &pipeline())
}

fn labels_of(d: &Document) -> Vec<(String, String)> {
    d.spans()
        .iter()
        .map(|a| (a.text.clone(), a.label.clone()))
        .collect()
}

fn id_of(d: &Document, text: &str) -> u64 {
    d.spans().iter().find(|a| a.text == text).unwrap().id
}

#[test]
fn annotates_with_char_offsets_and_the_dateline_dct() {
    let d = doc();
    assert_eq!(d.dct(), NaiveDate::from_ymd_opt(2025, 9, 1));
    assert_eq!(d.dct_choice(), DctChoice::Detect);
    for a in d.spans() {
        let by_chars: String = TEXT.chars().skip(a.start).take(a.end - a.start).collect();
        assert_eq!(by_chars, a.text);
        assert_eq!(a.status, Status::Predicted);
    }
    assert_eq!(
        labels_of(&d),
        [
            ("Zoë", "PER"),
            ("Paris", "LOC"),
            ("today", "DATE"),
            ("Kyiv", "LOC")
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    assert_eq!(d.spans()[2].value.as_deref(), Some("2025-09-01"));
}

#[test]
fn relabel_accepts_and_undo_restores_exactly() {
    let p = pipeline();
    let mut d = doc();
    let before = d.clone();
    let id = id_of(&d, "Paris");
    d.apply(
        Action::Relabel {
            id,
            label: "ORG".into(),
        },
        &p,
    )
    .unwrap();
    assert_eq!(d.span(id).unwrap().label, "ORG");
    assert_eq!(d.span(id).unwrap().status, Status::Accepted);
    d.apply(Action::Undo, &p).unwrap();
    assert_eq!(d.spans(), before.spans());
    d.apply(Action::Redo, &p).unwrap();
    assert_eq!(d.span(id).unwrap().label, "ORG");
}

#[test]
fn delete_rejects_and_survives_reannotation() {
    let p = pipeline();
    let mut d = doc();
    let id = id_of(&d, "Paris");
    d.apply(Action::Delete { id }, &p).unwrap();
    assert!(d.spans().iter().all(|a| a.text != "Paris"));
    // Typing elsewhere re-annotates; the rejected suggestion stays away.
    let more = format!("{} More.", d.text());
    d.apply(Action::SetText(more), &p).unwrap();
    assert!(d.spans().iter().all(|a| a.text != "Paris"));
    // Undo twice brings it back exactly.
    d.apply(Action::Undo, &p).unwrap();
    d.apply(Action::Undo, &p).unwrap();
    assert_eq!(d, {
        let mut fresh = doc();
        fresh.next_id = d.next_id;
        fresh.redo = d.redo.clone();
        fresh
    });
}

#[test]
fn add_snaps_to_words_and_refuses_overlap() {
    let p = pipeline();
    let mut d = doc();
    // Select " people i" (chars around "people"), sloppy at both ends.
    let start = TEXT.chars().position(|c| c == 'p').unwrap() - 1;
    let out = d
        .apply(
            Action::Add {
                start,
                end: start + 9,
                label: "MISC".into(),
            },
            &p,
        )
        .unwrap();
    let a = d.span(out.touched.unwrap()).unwrap();
    assert_eq!(
        (a.text.as_str(), a.source, a.status),
        ("people in", Source::User, Status::Accepted)
    );
    let zoe = d.span(id_of(&d, "Zoë")).unwrap().clone();
    let err = d.apply(
        Action::Add {
            start: zoe.start,
            end: zoe.end + 4,
            label: "ORG".into(),
        },
        &p,
    );
    assert!(matches!(err, Err(EditError::Overlap { .. })));
    assert!(matches!(
        d.apply(
            Action::Add {
                start: 17,
                end: 17,
                label: "ORG".into()
            },
            &p
        ),
        Ok(_) | Err(EditError::Overlap { .. })
    ));
    assert_eq!(
        d.apply(
            Action::Add {
                start: 0,
                end: 999,
                label: "ORG".into()
            },
            &p
        ),
        Err(EditError::OutOfRange {
            end: 999,
            len: TEXT.chars().count()
        })
    );
    d.apply(Action::Undo, &p).unwrap();
    assert!(d.spans().iter().all(|a| a.source != Source::User));
}

#[test]
fn selection_of_only_punctuation_or_space_is_refused() {
    let p = pipeline();
    let mut d = Document::new("Hello , world", &p);
    assert_eq!(
        d.apply(
            Action::Add {
                start: 5,
                end: 7,
                label: "ORG".into()
            },
            &p
        ),
        Err(EditError::EmptySelection)
    );
}

#[test]
fn user_spans_follow_text_edits_and_are_counted_when_dropped() {
    let p = pipeline();
    let mut d = doc();
    let id = id_of(&d, "Kyiv");
    d.apply(Action::Accept { id }, &p).unwrap();
    let zoe = id_of(&d, "Zoë");
    d.apply(
        Action::Relabel {
            id: zoe,
            label: "ORG".into(),
        },
        &p,
    )
    .unwrap();
    // Insert text before both: offsets shift, decisions stay.
    let t = d.text().replacen("met", "met many", 1);
    d.apply(Action::SetText(t), &p).unwrap();
    let k = d.span(id).unwrap();
    assert_eq!((k.text.as_str(), k.status), ("Kyiv", Status::Accepted));
    let by_chars: String = d.text().chars().skip(k.start).take(4).collect();
    assert_eq!(by_chars, "Kyiv");
    assert_eq!(d.span(zoe).unwrap().label, "ORG");
    // Edit inside the accepted span: it is dropped and counted.
    let t = d.text().replacen("Kyiv", "Kiev", 1);
    let out = d.apply(Action::SetText(t), &p).unwrap();
    assert_eq!(out.dropped, 1);
    assert!(d.span(id).is_none());
}

#[test]
fn user_dct_overrides_the_dateline_and_re_resolves_values() {
    let p = pipeline();
    let mut d = doc();
    let date = NaiveDate::from_ymd_opt(2020, 1, 2).unwrap();
    d.apply(Action::SetDct(Some(date)), &p).unwrap();
    assert_eq!(
        (d.dct(), d.dct_choice()),
        (Some(date), DctChoice::Given(Some(date)))
    );
    let today = d.spans().iter().find(|a| a.label == "DATE").unwrap();
    assert_eq!(today.value.as_deref(), Some("2020-01-02"));
    d.apply(Action::SetDct(None), &p).unwrap();
    assert_eq!(
        d.spans()
            .iter()
            .find(|a| a.label == "DATE")
            .unwrap()
            .value
            .as_deref(),
        Some("XXXX")
    );
    d.apply(Action::UseDetectedDct, &p).unwrap();
    assert_eq!(d.dct(), NaiveDate::from_ymd_opt(2025, 9, 1));
    d.apply(Action::Undo, &p).unwrap();
    assert_eq!(d.dct(), None);
}

#[test]
fn set_value_and_errors_leave_the_document_unchanged() {
    let p = pipeline();
    let mut d = doc();
    let id = id_of(&d, "today");
    d.apply(
        Action::SetValue {
            id,
            value: Some(" 2025-09-02 ".into()),
        },
        &p,
    )
    .unwrap();
    assert_eq!(d.span(id).unwrap().value.as_deref(), Some("2025-09-02"));
    let before = d.clone();
    assert_eq!(
        d.apply(Action::Delete { id: 999 }, &p),
        Err(EditError::NoSuchSpan(999))
    );
    assert_eq!(
        d.apply(
            Action::Relabel {
                id,
                label: " ".into()
            },
            &p
        ),
        Err(EditError::BadLabel(" ".into()))
    );
    assert_eq!(d, before);
    let mut fresh = Document::default();
    assert_eq!(
        fresh.apply(Action::Undo, &p),
        Err(EditError::NothingTo("undo"))
    );
}

#[test]
fn undo_history_is_bounded_and_redo_cleared_by_a_new_edit() {
    let p = pipeline();
    let mut d = Document::new("x", &p);
    for i in 0..UNDO_LIMIT + 10 {
        d.apply(Action::SetText(format!("x{i}")), &p).unwrap();
    }
    assert_eq!(d.undo.len(), UNDO_LIMIT);
    d.apply(Action::Undo, &p).unwrap();
    assert!(d.can_redo());
    d.apply(Action::SetText("y".into()), &p).unwrap();
    assert!(!d.can_redo());
}

#[test]
fn saved_state_round_trips_through_serde() {
    let p = pipeline();
    let mut d = doc();
    let id = id_of(&d, "Paris");
    d.apply(Action::Delete { id }, &p).unwrap();
    let json = serde_json::to_string(&d).unwrap();
    let back: Document = serde_json::from_str(&json).unwrap();
    assert_eq!(back, d);
}

#[test]
fn text_edit_maps_spans_around_the_change() {
    let e = TextEdit::between("abcXdef", "abcYYdef");
    assert_eq!(
        e,
        TextEdit {
            at: 3,
            removed: 1,
            inserted: 2
        }
    );
    assert_eq!(e.map(Span::new(0, 3)), Some(Span::new(0, 3)));
    assert_eq!(e.map(Span::new(4, 7)), Some(Span::new(5, 8)));
    assert_eq!(e.map(Span::new(2, 5)), None);
    let e = TextEdit::between("aaa", "aaaa");
    assert_eq!(e.inserted - e.removed, 1);
}

#[test]
fn load_text_starts_afresh_in_one_undoable_step() {
    let p = pipeline();
    let mut d = doc();
    d.apply(Action::SetDct(NaiveDate::from_ymd_opt(2000, 1, 1)), &p)
        .unwrap();
    let id = id_of(&d, "Kyiv");
    d.apply(Action::Accept { id }, &p).unwrap();
    let before = d.clone();
    d.apply(Action::LoadText("Kyiv today".into()), &p).unwrap();
    assert_eq!((d.dct(), d.dct_choice()), (None, DctChoice::Detect));
    assert!(d.spans().iter().all(|a| a.status == Status::Predicted));
    assert_eq!(labels_of(&d).len(), 2);
    d.apply(Action::Undo, &p).unwrap();
    assert_eq!(d.spans(), before.spans());
    assert_eq!(d.dct(), before.dct());
}

#[test]
fn re_annotation_with_the_same_result_is_no_change() {
    let p = pipeline();
    let mut d = doc();
    let date = NaiveDate::from_ymd_opt(2020, 1, 2);
    d.apply(Action::SetDct(date), &p).unwrap();
    let steps = d.undo.len();
    d.apply(Action::SetDct(date), &p).unwrap();
    assert_eq!(
        d.undo.len(),
        steps,
        "setting the same date again is not an undo step"
    );
    // Typing elsewhere keeps the ids of the suggestions that still stand.
    let ids: Vec<u64> = d.spans().iter().map(|a| a.id).collect();
    let more = format!("{} More.", d.text());
    d.apply(Action::SetText(more), &p).unwrap();
    assert_eq!(d.spans().iter().map(|a| a.id).collect::<Vec<_>>(), ids);
}

#[test]
fn from_parts_checks_every_span_against_the_text() {
    let span = |id, start, end, text: &str, label: &str| Annotation {
        id,
        start,
        end,
        text: text.into(),
        label: label.into(),
        value: None,
        note: None,
        source: Source::User,
        status: Status::Accepted,
    };
    let text = "😀 Zoë in 北京";
    let d = Document::from_parts(
        text,
        NaiveDate::from_ymd_opt(2025, 9, 1),
        vec![span(5, 9, 11, "北京", "LOC"), span(5, 2, 5, "Zoë", "PER")],
    )
    .unwrap();
    assert_eq!(
        labels_of(&d),
        [
            ("Zoë".to_string(), "PER".to_string()),
            ("北京".into(), "LOC".into())
        ]
    );
    assert_ne!(
        d.spans()[0].id,
        d.spans()[1].id,
        "duplicate ids are renumbered"
    );
    assert!(matches!(d.dct_choice(), DctChoice::Given(_)));
    let err = |spans| {
        Document::from_parts(text, None, spans)
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        err(vec![span(1, 2, 5, "Zoe", "PER")]),
        "span 0: [2, 5) holds “Zoë”, not “Zoe”"
    );
    assert!(err(vec![span(1, 9, 12, "北京", "LOC")]).contains("past the text's 11 characters"));
    assert!(err(vec![span(1, 5, 2, "", "PER")]).contains("ends before it starts"));
    assert!(err(vec![
        span(1, 2, 5, "Zoë", "PER"),
        span(2, 3, 5, "oë", "PER")
    ])
    .contains("overlaps"));
}

#[test]
fn accept_all_is_one_undoable_step() {
    let p = pipeline();
    let mut d = doc();
    d.apply(Action::AcceptAll, &p).unwrap();
    assert!(d.spans().iter().all(|a| a.status == Status::Accepted));
    d.apply(Action::Undo, &p).unwrap();
    assert!(d.spans().iter().all(|a| a.status == Status::Predicted));
}

#[test]
fn entities_group_mentions_and_link_surnames() {
    let p = Pipeline::new(
        Box::new(Words(vec![])),
        Box::new(Words(vec![
            ("Donald Trump", "PER"),
            ("Trump", "PER"),
            ("Kyiv", "LOC"),
        ])),
    );
    // "Trump" inside "Donald Trump" overlaps it and is dropped by the pipeline.
    let d = Document::new(
        "Donald Trump went to Kyiv. Trump left Kyiv; Trump slept.",
        &p,
    );
    let ents = d.entities();
    let names: Vec<(&str, &str, usize)> = ents
        .iter()
        .map(|e| (e.label.as_str(), e.name.as_str(), e.mentions.len()))
        .collect();
    assert_eq!(names, [("PER", "Donald Trump", 3), ("LOC", "Kyiv", 2)]);
    let ids = d.entity_ids();
    assert_eq!(ids.len(), d.spans().len());
}

#[test]
fn import_replaces_the_document_in_one_undoable_step() {
    let p = pipeline();
    let mut d = doc();
    let before = d.clone();
    let imported = Document::from_parts("Other text", None, vec![]).unwrap();
    d.apply(Action::Import(Box::new(imported)), &p).unwrap();
    assert_eq!((d.text(), d.spans().len()), ("Other text", 0));
    d.apply(Action::Undo, &p).unwrap();
    assert_eq!(d.text(), before.text());
    assert_eq!(d.spans(), before.spans());
}

#[test]
fn with_dct_resolves_against_the_given_date_in_one_pass() {
    let p = pipeline();
    let date = NaiveDate::from_ymd_opt(2020, 1, 2);
    let d = Document::with_dct(TEXT, DctChoice::Given(date), &p);
    assert_eq!((d.dct(), d.dct_choice()), (date, DctChoice::Given(date)));
    let today = d.spans().iter().find(|a| a.label == "DATE").unwrap();
    assert_eq!(today.value.as_deref(), Some("2020-01-02"));
    assert!(!d.can_undo());
}

fn ids_by_text(d: &Document, text: &str) -> Vec<u64> {
    d.spans()
        .iter()
        .filter(|a| a.text == text)
        .map(|a| a.id)
        .collect()
}

#[test]
fn add_over_replaces_or_splits_the_spans_in_the_way() {
    let p = Pipeline::new(
        Box::new(Words(vec![])),
        Box::new(Words(vec![("Mark Rutte and Keir Starmer", "PER")])),
    );
    let text = "Mark Rutte and Keir Starmer met.";
    let mut d = Document::new(text, &p);
    let keir = text.find("Keir").unwrap();
    // Split: "Keir Starmer" becomes its own span, "Mark Rutte" keeps the old one's id.
    let old = d.spans()[0].id;
    d.apply(
        Action::AddOver {
            start: keir,
            end: keir + 12,
            label: "PER".into(),
            split: true,
        },
        &p,
    )
    .unwrap();
    assert_eq!(
        labels_of(&d),
        [
            ("Mark Rutte".into(), "PER".into()),
            ("Keir Starmer".into(), "PER".into())
        ]
    );
    assert_eq!(d.spans()[0].id, old);
    d.apply(Action::Undo, &p).unwrap();
    // Replace: the span in the way goes and is remembered as rejected.
    d.apply(
        Action::AddOver {
            start: keir,
            end: keir + 12,
            label: "PER".into(),
            split: false,
        },
        &p,
    )
    .unwrap();
    assert_eq!(
        labels_of(&d),
        [("Keir Starmer".to_string(), "PER".to_string())]
    );
    assert_eq!(d.rejected().len(), 1);
    d.apply(Action::Undo, &p).unwrap();
    assert_eq!(d.spans().len(), 1);
    assert!(d.rejected().is_empty());
}

#[test]
fn resize_moves_boundaries_and_refuses_overlaps() {
    let p = pipeline();
    let mut d = doc();
    let paris = d.span(id_of(&d, "Paris")).unwrap().clone();
    d.apply(
        Action::Resize {
            id: paris.id,
            start: paris.start - 3,
            end: paris.end,
        },
        &p,
    )
    .unwrap();
    assert_eq!(d.span(paris.id).unwrap().text, "in Paris");
    let today = d.span(id_of(&d, "today")).unwrap().clone();
    let err = d.apply(
        Action::Resize {
            id: paris.id,
            start: paris.start,
            end: today.end,
        },
        &p,
    );
    assert!(matches!(err, Err(EditError::Overlap { .. })));
    assert!(d
        .apply(
            Action::Resize {
                id: paris.id,
                start: 5,
                end: 5
            },
            &p
        )
        .is_err());
    d.apply(Action::Undo, &p).unwrap();
    assert_eq!(d.span(paris.id).unwrap().text, "Paris");
}

#[test]
fn label_all_and_delete_all_are_single_steps_with_a_preview() {
    let p = Pipeline::new(
        Box::new(Words(vec![])),
        Box::new(Words(vec![("NATO", "LOC")])),
    );
    let text = "NATO met. NATO troops; NATOs and the NATO-led force. Kyiv.";
    let mut d = Document::new(text, &p);
    let first = d.spans()[0].id;
    d.apply(
        Action::Relabel {
            id: first,
            label: "ORG".into(),
        },
        &p,
    )
    .unwrap();
    // Whole-word occurrences: "NATO" ×3, not the one inside "NATOs" (which this test's
    // recogniser marks anyway, so four spans hold the text "NATO").
    let whole = d.occurrences("NATO");
    assert_eq!(whole.len(), 3);
    assert_eq!(d.apply_all_preview(first), Some((2, 0, 3)));
    d.apply(Action::LabelAll { id: first }, &p).unwrap();
    let label_at = |d: &Document, s: Span<crate::span::Char>| {
        d.spans()
            .iter()
            .find(|a| a.span() == s)
            .unwrap()
            .label
            .clone()
    };
    assert!(whole.iter().all(|s| label_at(&d, *s) == "ORG"));
    let inside = d
        .spans()
        .iter()
        .find(|a| a.text == "NATO" && !whole.contains(&a.span()))
        .unwrap();
    assert_eq!(
        inside.label, "LOC",
        "not a whole-word occurrence: left alone"
    );
    // A free occurrence gets a new span.
    let k = d.occurrences("Kyiv")[0];
    d.apply(
        Action::Add {
            start: k.start,
            end: k.end,
            label: "LOC".into(),
        },
        &p,
    )
    .unwrap();
    let t = format!("{} Kyiv again.", d.text());
    d.apply(Action::SetText(t), &p).unwrap();
    let kyiv = ids_by_text(&d, "Kyiv")[0];
    assert_eq!(d.apply_all_preview(kyiv), Some((0, 1, 0)));
    d.apply(Action::LabelAll { id: kyiv }, &p).unwrap();
    assert_eq!(ids_by_text(&d, "Kyiv").len(), 2);
    d.apply(Action::DeleteAll { id: first }, &p).unwrap();
    assert!(ids_by_text(&d, "NATO").is_empty());
    d.apply(Action::Undo, &p).unwrap();
    assert_eq!(ids_by_text(&d, "NATO").len(), 4);
}

#[test]
fn custom_labels_add_rename_recolour_each_undoable() {
    let p = pipeline();
    let mut d = doc();
    assert_eq!(d.labels().len(), 8);
    d.apply(
        Action::AddLabel {
            name: " EVENT ".into(),
        },
        &p,
    )
    .unwrap();
    assert_eq!(d.labels().last().unwrap().name, "EVENT");
    assert_eq!(
        d.apply(
            Action::AddLabel {
                name: "EVENT".into()
            },
            &p
        ),
        Err(EditError::LabelExists("EVENT".into()))
    );
    let colour = d.colour_of("EVENT");
    assert!(colour >= 8, "a new label takes an unused colour");
    d.apply(
        Action::RenameLabel {
            from: "LOC".into(),
            to: "PLACE".into(),
        },
        &p,
    )
    .unwrap();
    assert!(d.spans().iter().all(|a| a.label != "LOC"));
    assert_eq!(d.span(id_of(&d, "Paris")).unwrap().label, "PLACE");
    assert_eq!(d.label_counts()[2], ("PLACE".to_string(), 2));
    d.apply(
        Action::RecolourLabel {
            name: "PLACE".into(),
            colour: 11,
        },
        &p,
    )
    .unwrap();
    assert_eq!(d.colour_of("PLACE"), 11);
    assert_eq!(
        d.apply(
            Action::RenameLabel {
                from: "NOPE".into(),
                to: "X".into()
            },
            &p
        ),
        Err(EditError::NoSuchLabel("NOPE".into()))
    );
    for _ in 0..3 {
        d.apply(Action::Undo, &p).unwrap();
    }
    assert_eq!(d.labels(), &default_labels()[..]);
    assert_eq!(d.span(id_of(&d, "Paris")).unwrap().label, "LOC");
    // A label used on a new span joins the set.
    let k = d.occurrences("people")[0];
    d.apply(
        Action::Add {
            start: k.start,
            end: k.end,
            label: "GROUP".into(),
        },
        &p,
    )
    .unwrap();
    assert!(d.labels().iter().any(|l| l.name == "GROUP"));
}

#[test]
fn every_action_is_undone_exactly_and_redone() {
    let p = pipeline();
    let base = doc();
    let id = id_of(&base, "Paris");
    let today = id_of(&base, "today");
    let people = base.occurrences("people")[0];
    let actions = vec![
        Action::SetText(format!("{} More.", base.text())),
        Action::LoadText("Kyiv today".into()),
        Action::SetDct(NaiveDate::from_ymd_opt(2001, 2, 3)),
        Action::Relabel {
            id,
            label: "ORG".into(),
        },
        Action::SetValue {
            id: today,
            value: Some("2025-09-02".into()),
        },
        Action::Accept { id },
        Action::AcceptAll,
        Action::RejectAll,
        Action::Delete { id },
        Action::Add {
            start: people.start,
            end: people.end,
            label: "MISC".into(),
        },
        Action::AddOver {
            start: people.start,
            end: people.end + 9,
            label: "MISC".into(),
            split: true,
        },
        Action::Resize {
            id,
            start: people.end + 4,
            end: people.end + 9,
        },
        Action::LabelAll { id },
        Action::DeleteAll { id },
        Action::Import(Box::new(Document::from_parts("x", None, vec![]).unwrap())),
        Action::AddLabel {
            name: "EVENT".into(),
        },
        Action::RenameLabel {
            from: "LOC".into(),
            to: "PLACE".into(),
        },
        Action::RecolourLabel {
            name: "PER".into(),
            colour: 9,
        },
    ];
    for action in actions {
        let mut d = base.clone();
        d.apply(action.clone(), &p)
            .unwrap_or_else(|e| panic!("{action:?}: {e}"));
        let after = d.state.clone();
        assert_ne!(after, base.state, "{action:?} changed nothing");
        d.apply(Action::Undo, &p).unwrap();
        assert_eq!(d.state, base.state, "undo of {action:?}");
        d.apply(Action::Redo, &p).unwrap();
        assert_eq!(d.state, after, "redo of {action:?}");
    }
}

#[test]
fn reject_all_keeps_the_persons_spans_and_remembers_the_rest() {
    let p = pipeline();
    let mut d = doc();
    let id = id_of(&d, "Kyiv");
    d.apply(Action::Accept { id }, &p).unwrap();
    d.apply(Action::RejectAll, &p).unwrap();
    assert_eq!(labels_of(&d), [("Kyiv".to_string(), "LOC".to_string())]);
    assert_eq!(d.rejected().len(), 3);
    let more = format!("{} Again.", d.text());
    d.apply(Action::SetText(more), &p).unwrap();
    assert_eq!(
        d.spans().len(),
        1,
        "rejected suggestions stay rejected on re-annotation"
    );
}

#[test]
fn every_change_gets_a_new_revision_and_a_copy_keeps_its_own() {
    let p = pipeline();
    let mut d = doc();
    let copy = d.clone();
    assert_eq!(copy.revision(), d.revision());
    let mut seen = vec![d.revision()];
    let id = id_of(&d, "Paris");
    let steps = [
        Action::Relabel {
            id,
            label: "ORG".into(),
        },
        Action::Undo,
        Action::Redo,
        Action::Delete { id },
    ];
    for step in steps {
        d.apply(step, &p).unwrap();
        assert!(!seen.contains(&d.revision()), "a change kept a revision");
        seen.push(d.revision());
    }
    // A failed action changes nothing, the revision included.
    let now = d.revision();
    assert!(d.apply(Action::Delete { id }, &p).is_err());
    assert_eq!(d.revision(), now);
    // The revision is not part of the value: an equal document from elsewhere is equal.
    let again = Document::new(TEXT, &p);
    assert_ne!(again.revision(), copy.revision());
    assert_eq!(again, copy);
    d.refresh(&p);
    assert!(!seen.contains(&d.revision()));
}

#[test]
fn a_saved_copy_is_never_smaller_than_its_lower_bound() {
    let p = pipeline();
    let mut d = doc();
    let spans = |d: &Document| d.spans().len();
    assert!(spans(&d) > 0);
    let bound = |d: &Document| {
        let b = d.saved_bytes_lower_bound();
        let json = crate::persist::encode(d).unwrap();
        assert!(json.len() >= b, "{} < {b}", json.len());
        b
    };
    let alone = bound(&d);
    assert!(alone >= TEXT.len() + 81 * spans(&d));
    d.apply(Action::SetText(format!("{TEXT} More.")), &p)
        .unwrap();
    d.apply(Action::Undo, &p).unwrap();
    // Each step holds its text and spans: the redo step now, with a longer text.
    let with_step = bound(&d);
    assert!(with_step >= 2 * alone + " More.".len());
    d.keep_history(0, 0);
    assert_eq!(bound(&d), alone);
    // Short numbers, empty labels and an empty text: still a lower bound.
    let mut tiny = Document::new("a b", &p);
    tiny.apply(
        Action::Add {
            start: 0,
            end: 1,
            label: "X".into(),
        },
        &p,
    )
    .unwrap();
    bound(&tiny);
    // On a long text, close to the real size: spans and text are nearly all of it.
    let long = Document::new(&TEXT.repeat(200), &p);
    let json = crate::persist::encode(&long).unwrap().len();
    let b = bound(&long);
    assert!(b * 100 >= json * 95, "{b} is far below {json}");
}

// Runs of the machine left for later (the page's Web Worker): `apply_deferring` with a
// limit of 0 defers every run, `complete` merges the result.

/// Runs what `d` waits for and merges it, as the page does with the worker's answer.
fn complete_pending(d: &mut Document, p: &Pipeline) {
    let asked = d.pending().expect("a run is due");
    let article = asked.run(p);
    assert!(d.complete(&asked, article));
    assert!(d.pending().is_none());
}

#[test]
fn a_deferred_run_ends_in_the_same_document_as_one_done_at_once() {
    let p = pipeline();
    let date = NaiveDate::from_ymd_opt(2020, 1, 2).unwrap();
    let edited = TEXT.replacen("met", "met many", 1);
    let steps = [
        Action::SetText(edited.clone()),
        Action::SetText(format!("Kyiv today. {edited}")),
        Action::SetDct(Some(date)),
        Action::SetText(edited.replacen("Paris", "Lyon", 1)),
        Action::UseDetectedDct,
        Action::SetDct(None),
        Action::LoadText("In Paris today, 2025-09-02".into()),
        Action::Undo,
        Action::Redo,
    ];
    let mut now = doc();
    let mut later = doc();
    // Decisions of the person's are carried through both.
    let id = id_of(&now, "Kyiv");
    now.apply(Action::Accept { id }, &p).unwrap();
    later.apply(Action::Accept { id }, &p).unwrap();
    for step in steps {
        let a = now.apply(step.clone(), &p).unwrap();
        let b = later.apply_deferring(step.clone(), &p, 0).unwrap();
        assert_eq!(a, b, "{step:?}");
        if later.pending().is_some() {
            complete_pending(&mut later, &p);
        }
        // Spans with their ids, the date, the undo history: all equal.
        assert_eq!(later, now, "after {step:?}");
        later.check().unwrap();
    }
    now.refresh(&p);
    later.refresh_deferring(&p, 0);
    complete_pending(&mut later, &p);
    assert_eq!(later, now);
}

#[test]
fn a_deferred_change_is_made_at_once_and_waits_for_the_machine() {
    let p = pipeline();
    let mut d = doc();
    let before = d.clone();
    let paris = id_of(&d, "Paris");
    let zoe = id_of(&d, "Zoë");
    let t = d.text().replacen("Zoë", "Zoe", 1);
    d.apply_deferring(Action::SetText(t.clone()), &p, 0)
        .unwrap();
    // The text is there, with the earlier suggestions that still fit it; the one whose
    // text changed is gone. One undo step, which goes back to the whole earlier state.
    assert_eq!(d.text(), t);
    assert!(d.span(paris).is_some() && d.span(zoe).is_none());
    assert_eq!(d.history_len(), (1, 0));
    let asked = d.pending().unwrap();
    assert_eq!(
        (&*asked.text, asked.choice),
        (t.as_str(), DctChoice::Detect)
    );
    d.check().unwrap();
    let mut undone = d.clone();
    undone.apply(Action::Undo, &p).unwrap();
    assert!(undone.pending().is_none());
    assert_eq!(undone.spans(), before.spans());
    // Completing is not an undo step.
    complete_pending(&mut d, &p);
    assert_eq!(d.history_len(), (1, 0));
    assert_eq!(d.span(paris).map(|a| a.text.as_str()), Some("Paris"));
    // A short text (below the limit) is annotated at once.
    d.apply_deferring(Action::SetText("Paris.".into()), &p, 100)
        .unwrap();
    assert!(d.pending().is_none());
    assert_eq!(labels_of(&d), [("Paris".to_string(), "LOC".to_string())]);
}

#[test]
fn a_result_for_a_text_or_date_no_longer_current_is_ignored() {
    let p = pipeline();
    let date = NaiveDate::from_ymd_opt(2020, 1, 2).unwrap();
    let mut d = doc();
    let t1 = format!("{TEXT} Paris.");
    d.apply_deferring(Action::SetText(t1.clone()), &p, 0)
        .unwrap();
    let first = d.pending().unwrap();
    let first_article = first.run(&p);
    // The person kept typing: the answer for the earlier text is refused.
    let t2 = format!("{t1} Kyiv.");
    d.apply_deferring(Action::SetText(t2), &p, 0).unwrap();
    let unchanged = d.clone();
    assert!(!d.complete(&first, first_article.clone()));
    assert_eq!(d, unchanged);
    // The person changed the date: the answer for the detected one is refused.
    let second = d.pending().unwrap();
    let second_article = second.run(&p);
    d.apply_deferring(Action::SetDct(Some(date)), &p, 0)
        .unwrap();
    assert!(!d.complete(&second, second_article.clone()));
    assert_eq!(d.pending().unwrap().choice, DctChoice::Given(Some(date)));
    // Undone back to the earlier text: that state is not waiting, nothing is merged.
    d.apply(Action::Undo, &p).unwrap();
    d.apply(Action::Undo, &p).unwrap();
    assert_eq!(d.text(), t1);
    let waiting = d.clone();
    assert!(d.pending().is_some(), "undone to a state still waiting");
    // An answer for the same text but another date is refused; the right one is taken.
    let wrong = Extraction {
        text: first.text.clone(),
        choice: DctChoice::Given(Some(date)),
    };
    assert!(!d.complete(&wrong, first_article.clone()));
    assert_eq!(d, waiting);
    assert!(d.complete(&first, first_article.clone()));
    // Once merged, the same answer again is not taken either.
    assert!(!d.complete(&first, first_article));
    assert_eq!(d.spans().len(), 5);
    d.check().unwrap();
}

#[test]
fn edits_while_the_machine_works_are_kept_by_its_result() {
    let p = pipeline();
    let mut d = doc();
    let t = format!("{TEXT} Paris again.");
    d.apply_deferring(Action::SetText(t), &p, 0).unwrap();
    let asked = d.pending().unwrap();
    // The person relabels one earlier suggestion and deletes another meanwhile.
    let zoe = id_of(&d, "Zoë");
    let kyiv = id_of(&d, "Kyiv");
    d.apply_deferring(
        Action::Relabel {
            id: zoe,
            label: "ORG".into(),
        },
        &p,
        0,
    )
    .unwrap();
    d.apply_deferring(Action::Delete { id: kyiv }, &p, 0)
        .unwrap();
    assert!(d.pending().is_some());
    assert!(d.complete(&asked, asked.run(&p)));
    assert_eq!(d.span(zoe).map(|a| a.label.as_str()), Some("ORG"));
    assert!(d.spans().iter().all(|a| a.text != "Kyiv"));
    assert_eq!(d.spans().iter().filter(|a| a.text == "Paris").count(), 2);
    // Three undo steps, as at once: the text, the relabel, the delete.
    assert_eq!(d.history_len(), (3, 0));
}

#[test]
fn a_state_waiting_for_the_machine_is_saved_as_waiting() {
    let p = pipeline();
    let mut d = doc();
    d.apply_deferring(Action::SetText(format!("{TEXT} Kyiv.")), &p, 0)
        .unwrap();
    let json = serde_json::to_string(&d).unwrap();
    let back: Document = serde_json::from_str(&json).unwrap();
    assert_eq!(back, d);
    assert!(back.pending().is_some());
    // A state that waits for nothing is saved as before.
    complete_pending(&mut d, &p);
    assert!(!serde_json::to_string(&d).unwrap().contains("stale"));
}

#[test]
fn entity_ids_are_linked_once_per_version_and_follow_every_change() {
    let p = Pipeline::new(
        Box::new(Words(vec![])),
        Box::new(Words(vec![
            ("Donald Trump", "PER"),
            ("Trump", "PER"),
            ("Kyiv", "LOC"),
        ])),
    );
    let mut d = Document::new("Donald Trump went to Kyiv. Trump left Kyiv.", &p);
    let fresh = |d: &Document| d.link();
    assert_eq!(d.entity_ids(), [0, 1, 0, 1]);
    // Asked again, or by a copy: the same links, not linked again.
    assert!(std::ptr::eq(d.entity_ids(), d.entity_ids()));
    assert!(std::ptr::eq(d.clone().entity_ids(), d.entity_ids()));
    // Each change is a new version, linked anew.
    let trump = d.spans()[2].id;
    d.apply(
        Action::Relabel {
            id: trump,
            label: "ORG".into(),
        },
        &p,
    )
    .unwrap();
    assert_eq!(d.entity_ids(), [0, 1, 2, 1]);
    assert_eq!(d.entity_ids(), fresh(&d).as_slice());
    d.apply(Action::Undo, &p).unwrap();
    assert_eq!(d.entity_ids(), [0, 1, 0, 1]);
    d.apply(Action::SetText("Kyiv. Trump in Kyiv.".into()), &p)
        .unwrap();
    assert_eq!(d.entity_ids(), fresh(&d).as_slice());
    assert_eq!(d.entity_ids(), [0, 1, 0]);
    // A failed action leaves the version, and its links, as they were.
    let before = d.entity_ids().as_ptr();
    assert!(d.apply(Action::Accept { id: 999 }, &p).is_err());
    assert_eq!(d.entity_ids().as_ptr(), before);
    // A deferred run merged: linked anew.
    d.apply_deferring(Action::SetText("Donald Trump. Trump.".into()), &p, 0)
        .unwrap();
    let asked = d.pending().unwrap();
    assert!(d.complete(&asked, asked.run(&p)));
    assert_eq!(d.entity_ids(), [0, 0]);
}
