//! The saved copy: every version read, today's copies written back byte for byte.

use super::*;
use crate::document::{default_labels, Action};
use crate::extract::{DctChoice, Pipeline};

fn edited() -> Document {
    let p = Pipeline::default();
    let mut d = Document::new("Angela Merkel met Emmanuel Macron in Paris on Monday.", &p);
    let id = d.spans()[0].id;
    d.apply(
        Action::Relabel {
            id,
            label: "MISC".into(),
        },
        &p,
    )
    .unwrap();
    d
}

#[test]
fn the_current_version_round_trips_with_its_history() {
    let d = edited();
    let raw = encode(&d).unwrap();
    let v: Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(v["format"], FORMAT);
    assert_eq!(v["version"], VERSION);
    let back = decode(&raw).unwrap();
    assert_eq!(back.doc, d);
    assert_eq!(back.from_version, VERSION);
    assert_eq!(back.note, None);
    assert!(back.doc.can_undo());
}

#[test]
fn a_version_1_copy_is_read_as_it_was() {
    // What the page wrote under "newsmark/v1/document": the bare document.
    let d = edited();
    let v1 = serde_json::to_string(&d).unwrap();
    assert_eq!(version_of(&serde_json::from_str(&v1).unwrap()), Ok(1));
    let back = decode(&v1).unwrap();
    assert_eq!(back.doc, d);
    assert_eq!(back.from_version, 1);
}

#[test]
fn an_early_version_1_copy_without_a_label_set_gets_the_built_in_one() {
    let raw = r#"{"text":"Macron in Paris.","dct":null,"dct_source":"none",
        "spans":[{"id":1,"start":0,"end":6,"text":"Macron","label":"PER","source":"rule","status":"accepted"}],
        "rejected":[],"next_id":2,
        "undo":[{"text":"","dct":null,"dct_source":"none","spans":[],"rejected":[]}],"redo":[]}"#;
    let migrated = migrate(serde_json::from_str(raw).unwrap()).unwrap();
    assert_eq!(migrated["version"], 2);
    assert_eq!(
        migrated["document"]["labels"],
        serde_json::to_value(default_labels()).unwrap()
    );
    assert_eq!(
        migrated["document"]["undo"][0]["labels"],
        migrated["document"]["labels"]
    );
    let back = decode(raw).unwrap();
    assert_eq!(back.doc.text(), "Macron in Paris.");
    assert_eq!(back.doc.spans()[0].label, "PER");
    assert_eq!(back.doc.labels(), default_labels().as_slice());
    assert!(back.doc.can_undo());
}

#[test]
fn migration_is_idempotent_on_the_current_version() {
    let v: Value = serde_json::from_str(&encode(&edited()).unwrap()).unwrap();
    assert_eq!(migrate(v.clone()).unwrap(), v);
}

#[test]
fn a_newer_version_is_refused_with_a_message() {
    let raw = r#"{"format":"newsmark-save","version":7,"document":{"whatever":true}}"#;
    let e = decode(raw).unwrap_err();
    assert_eq!(e.version, Some(7));
    assert!(e.message.contains("newer newsmark"), "{e}");
    assert!(e.to_string().contains("version 7"), "{e}");
}

#[test]
fn strange_payloads_are_refused_with_a_message() {
    for (raw, says) in [
        ("", "not readable JSON"),
        ("[1,2]", "not a JSON object"),
        ("{}", "no “format” and no “text”"),
        (
            r#"{"format":"other","version":1}"#,
            "not a newsmark saved copy",
        ),
        (
            r#"{"format":"newsmark-save","version":0}"#,
            "not a positive integer",
        ),
        (r#"{"format":"newsmark-save","version":2}"#, "no “document”"),
        (r#"{"text":5}"#, "cannot be read"),
        (r#"{"text":"ab","undo":7}"#, "is not a list"),
    ] {
        let e = decode(raw).unwrap_err();
        assert!(e.to_string().contains(says), "{raw}: {e}");
    }
}

#[test]
fn a_copy_whose_spans_do_not_fit_the_text_is_refused() {
    let mut v: Value = serde_json::from_str(&encode(&edited()).unwrap()).unwrap();
    v["document"]["spans"][0]["end"] = json!(500);
    let e = decode(&v.to_string()).unwrap_err();
    assert!(e.message.contains("does not lie inside"), "{e}");
    let mut v: Value = serde_json::from_str(&encode(&edited()).unwrap()).unwrap();
    v["document"]["spans"][0]["text"] = json!("Angela");
    assert!(decode(&v.to_string())
        .unwrap_err()
        .message
        .contains("holds"));
    let mut v: Value = serde_json::from_str(&encode(&edited()).unwrap()).unwrap();
    v["document"]["next_id"] = json!(1);
    assert!(decode(&v.to_string())
        .unwrap_err()
        .message
        .contains("next id"));
}

#[test]
fn a_damaged_history_is_dropped_and_the_document_kept() {
    let d = edited();
    let mut v: Value = serde_json::from_str(&encode(&d).unwrap()).unwrap();
    v["document"]["undo"][0]["spans"] = json!([{"id":1,"start":0,"end":99,"text":"x",
        "label":"PER","source":"rule","status":"predicted"}]);
    let back = decode(&v.to_string()).unwrap();
    assert_eq!(back.doc.text(), d.text());
    assert_eq!(back.doc.spans(), d.spans());
    assert!(!back.doc.can_undo());
    assert!(back.note.unwrap().contains("undo step 1"));
}

#[test]
fn keeping_part_of_the_history_keeps_the_most_recent_steps() {
    let p = Pipeline::default();
    let mut d = Document::new("Macron met Merkel in Paris.", &p);
    for label in ["MISC", "ORG", "LOC"] {
        let id = d.spans()[0].id;
        d.apply(
            Action::Relabel {
                id,
                label: label.into(),
            },
            &p,
        )
        .unwrap();
    }
    d.apply(Action::Undo, &p).unwrap();
    assert_eq!(d.history_len(), (2, 1));
    let mut short = d.clone();
    short.keep_history(1, 0);
    assert_eq!(short.history_len(), (1, 0));
    assert_eq!(short.spans(), d.spans());
    short.apply(Action::Undo, &p).unwrap();
    d.apply(Action::Undo, &p).unwrap();
    assert_eq!(short.spans(), d.spans());
    assert!(!short.can_undo());
}

fn fixture(name: &str) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/saved/");
    std::fs::read_to_string(format!("{dir}{name}")).unwrap()
}

/// A saved copy's `dct_source` word for the document's date choice: given (`user`), or
/// read from the dateline (`detected` when it gave a date, `none` when not).
fn saved_source(d: &Document) -> &'static str {
    match (d.dct_choice(), d.dct()) {
        (DctChoice::Given(_), _) => "user",
        (DctChoice::Detect, Some(_)) => "detected",
        (DctChoice::Detect, None) => "none",
    }
}

/// What a state holds, from the document's public types alone (not this schema).
fn state_view(d: &Document) -> Value {
    json!({
        "text": d.text(), "dct": d.dct(), "dct_source": saved_source(d), "spans": d.spans(),
        "rejected": d.rejected(), "labels": d.labels(), "stale": d.pending().is_some(),
    })
}

/// A saved state as written, without what belongs to the document as a whole.
fn saved_view(state: &Value) -> Value {
    let mut v = state.clone();
    let m = v.as_object_mut().unwrap();
    for key in ["next_id", "undo", "redo"] {
        m.remove(key);
    }
    let stale = m.get("stale").and_then(Value::as_bool).unwrap_or(false);
    m.insert("stale".into(), json!(stale));
    v
}

#[test]
fn a_version_2_copy_written_before_the_schema_of_its_own_loads_and_saves_byte_for_byte() {
    // Written by the code of 00687f8, when the saved copy was Document's serde derive:
    // the sample article with edits of every kind, undo and redo steps, a waiting state.
    let raw = fixture("v2-sample-edited.json");
    let loaded = decode(&raw).unwrap();
    assert_eq!((loaded.from_version, loaded.note.as_deref()), (2, None));
    assert_eq!(encode(&loaded.doc).unwrap(), raw);
    // Its serde form is the envelope's document.
    let bare = serde_json::to_string(&loaded.doc).unwrap();
    assert_eq!(
        format!(r#"{{"format":"newsmark-save","version":2,"document":{bare}}}"#),
        raw
    );
    // Every state, oldest to newest, is the one written.
    let v: Value = serde_json::from_str(&raw).unwrap();
    let doc = &v["document"];
    let mut want: Vec<Value> = doc["undo"]
        .as_array()
        .unwrap()
        .iter()
        .map(saved_view)
        .collect();
    want.push(saved_view(doc));
    want.extend(doc["redo"].as_array().unwrap().iter().rev().map(saved_view));
    let p = Pipeline::default();
    let mut d = loaded.doc.clone();
    while d.can_undo() {
        d.apply(Action::Undo, &p).unwrap();
    }
    let mut got = vec![state_view(&d)];
    while d.can_redo() {
        let text = d.shared_text().clone();
        d.apply(Action::Redo, &p).unwrap();
        // A text equal to the state's before is that text, shared, as in the session.
        if *text == **d.shared_text() {
            assert!(std::sync::Arc::ptr_eq(&text, d.shared_text()));
        }
        got.push(state_view(&d));
    }
    assert_eq!(got.len(), want.len());
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        assert_eq!(g, w, "state {i} of {}", want.len());
    }
    // Loaded twice: equal documents; the next id as written.
    assert_eq!(decode(&raw).unwrap().doc, loaded.doc);
    let mut d = loaded.doc.clone();
    d.apply(
        Action::Add {
            start: 0,
            end: 5,
            label: "X".into(),
        },
        &p,
    )
    .unwrap();
    assert_eq!(d.spans()[0].id, doc["next_id"].as_u64().unwrap());
}

#[test]
fn the_export_of_a_loaded_copy_links_entities_as_before() {
    // The `entity` of every exported span in each state (current, then each undo),
    // written by the code of 00687f8, which linked on export.
    let want: Vec<Vec<usize>> =
        serde_json::from_str(&fixture("v2-sample-edited.entities.json")).unwrap();
    let p = Pipeline::default();
    let mut d = decode(&fixture("v2-sample-edited.json")).unwrap().doc;
    let mut got = Vec::new();
    loop {
        let e = crate::formats::json::export(&d).unwrap();
        got.push(
            e.spans
                .iter()
                .map(|s| s.entity.unwrap())
                .collect::<Vec<_>>(),
        );
        if d.apply(Action::Undo, &p).is_err() {
            break;
        }
    }
    assert_eq!(got, want);
}

#[test]
fn the_seed_copies_of_both_versions_load_and_save_as_version_2() {
    // The fuzz target's seeds: a version 1 copy (no envelope, no label set, no history;
    // chars beyond ASCII) and a version 2 copy with a label set of its own.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fuzz/corpus/saved/");
    for (name, version) in [("seed-v1", 1), ("seed-v2", 2)] {
        let raw = std::fs::read_to_string(format!("{dir}{name}")).unwrap();
        let loaded = decode(&raw).unwrap();
        assert_eq!(
            (loaded.from_version, loaded.note.as_deref()),
            (version, None)
        );
        let again = encode(&loaded.doc).unwrap();
        let mut migrated = migrate(serde_json::from_str(&raw).unwrap()).unwrap();
        // As written, with the history (none) that a saved copy always writes.
        for key in ["undo", "redo"] {
            let doc = migrated["document"].as_object_mut().unwrap();
            doc.entry(key).or_insert(json!([]));
        }
        assert_eq!(
            serde_json::from_str::<Value>(&again).unwrap(),
            migrated,
            "{name}"
        );
        assert_eq!(decode(&again).unwrap().doc, loaded.doc, "{name}");
    }
}

#[test]
fn a_span_note_is_saved_and_comes_back() {
    let d = crate::formats::brat::import(
        "Macron met Putin.",
        "T1\tPER 0 6\tMacron\n#1\tAnnotatorNotes T1\tFrench president\n",
    )
    .unwrap();
    let raw = encode(&d).unwrap();
    assert!(raw.contains("\"note\":\"French president\""), "{raw}");
    let back = decode(&raw).unwrap();
    assert_eq!(
        back.doc.spans()[0].note.as_deref(),
        Some("French president")
    );
    assert_eq!(back.doc.spans()[0].value, None);
}
