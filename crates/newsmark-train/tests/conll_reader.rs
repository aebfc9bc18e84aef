//! The CoNLL files newsmark exports read back with the reader training uses.

#[test]
fn conll_export_reads_back_with_the_project_conll_reader() {
    // The core's CoNLL export of this article is this fixture, byte for byte (see the
    // core's `conll_export_matches_the_fixture`).
    let got = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../newsmark-core/tests/fixtures/formats/paris.conll"
    ))
    .unwrap();
    let docs = newsmark_train::eval::conll::parse(&got).unwrap();
    assert_eq!(docs.len(), 1);
    let d = &docs[0];
    let ents: Vec<(&str, &str)> = d
        .entities
        .iter()
        .map(|(s, l)| (&d.text[*s], l.as_str()))
        .collect();
    assert_eq!(
        ents,
        [
            ("Zelensky", "PER"),
            ("Macron", "PER"),
            ("Paris", "LOC"),
            ("Sept. 4", "DATE"),
            ("Zoë", "PER")
        ]
    );
}
