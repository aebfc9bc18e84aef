use super::*;
use crate::extract::labels::{LOC, MISC, ORG};

fn found(text: &str, ex: &dyn Extractor) -> Vec<(String, String)> {
    ex.extract(text, &Context::default())
        .into_iter()
        .map(|m| (text[m.span].to_string(), m.label))
        .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn rules_keep_titles_out_and_cut_possessives() {
    let text = "U.K. Prime Minister Keir Starmer met German Chancellor Friedrich Merz. \
                Despite Starmer's doubts, the European Commission backed it.";
    assert_eq!(
        found(text, &RuleEntities::default()),
        pairs(&[
            ("U.K.", LOC),
            ("Keir Starmer", PER),
            ("German", MISC),
            ("Friedrich Merz", PER),
            ("Starmer", PER),
            ("European Commission", ORG),
        ])
    );
}

#[test]
fn rules_use_lists_particles_and_context() {
    let text = "Officials in Lagos said Ursula von der Leyen and NATO chief Mark Rutte \
                spoke to the Financial Times, according to Reuters and Semafor.";
    let got = found(text, &RuleEntities::default());
    for want in [
        ("Lagos", LOC),
        ("Ursula von der Leyen", PER),
        ("NATO", ORG),
        ("Financial Times", ORG),
        ("Reuters", ORG),
        ("Semafor", ORG),
    ] {
        assert!(
            got.contains(&(want.0.to_string(), want.1.to_string())),
            "{want:?} not in {got:?}"
        );
    }
    assert!(!got.iter().any(|(s, _)| s == "Officials"), "{got:?}");
}

#[test]
fn sentences_split_on_lines_and_stops() {
    let text = "Headline here\nHe met Mr. Smith. Then left";
    let toks = tokenize(text);
    let r = sentence_ranges(text, &toks);
    assert_eq!(r, vec![0..2, 2..7, 7..9]);
    // An initial's full stop does not end a sentence; a lower-case word's does.
    let text = "( P. Simmons 4-38 ) and b. Then";
    let toks = tokenize(text);
    assert_eq!(sentence_ranges(text, &toks), vec![0..11, 11..12]);
}

#[test]
fn link_groups_surnames_with_full_names() {
    let text = "Donald Trump met Putin. Trump left. Vladimir Putin stayed in Paris.";
    let m = |a: usize, b: usize, l: &str| Mention::new(Span::new(a, b), l, Source::Rule);
    let ms = vec![
        m(0, 12, PER),
        m(17, 22, PER),
        m(24, 29, PER),
        m(36, 50, PER),
        m(61, 66, LOC),
    ];
    assert_eq!(link(text, &ms), vec![0, 1, 0, 1, 2]);
}

fn model() -> ModelEntities {
    ModelEntities::from_bytes(include_bytes!("../../../../../models/ner.bin")).unwrap()
}

#[test]
fn model_keeps_titles_out_and_cuts_possessives() {
    let text = "U.S. President Donald Trump's envoy met European Commission President \
                Ursula von der Leyen in Brussels on Monday. Trump said the Kremlin agreed.";
    let got = found(text, &model());
    for want in [
        ("U.S.", LOC),
        ("Donald Trump", PER),
        ("European Commission", ORG),
        ("Ursula von der Leyen", PER),
        ("Brussels", LOC),
        ("Trump", PER),
    ] {
        assert!(
            got.contains(&(want.0.to_string(), want.1.to_string())),
            "{want:?} not in {got:?}"
        );
    }
    assert!(
        !got.iter()
            .any(|(s, _)| s.starts_with("President") || s.ends_with("'s")),
        "{got:?}"
    );
}

#[test]
fn model_knows_credits_datelines_accounts_and_titles_between_names() {
    let text = "SAN FRANCISCO/NEW YORK (Reuters) - Orange County Sheriff Don Barnes said \
                @OCSheriff would post updates.\nREUTERS/Jane Doe/File Photo";
    let got = found(text, &model());
    for want in [
        ("SAN FRANCISCO", LOC),
        ("NEW YORK", LOC),
        ("Don Barnes", PER),
        ("@OCSheriff", MISC),
        ("REUTERS", ORG),
        ("Jane Doe", PER),
    ] {
        assert!(
            got.contains(&(want.0.to_string(), want.1.to_string())),
            "{want:?} not in {got:?}"
        );
    }
    assert!(
        !got.iter()
            .any(|(s, _)| s.contains("Sheriff Don") || s.contains("Photo")),
        "{got:?}"
    );
    // Without the patterns the bare tagger is used as it comes.
    let mut bare = model();
    bare.news_patterns = false;
    assert!(!found(text, &bare).contains(&("@OCSheriff".to_string(), MISC.to_string())));
}

#[test]
fn model_rejects_bad_files() {
    assert!(ModelEntities::from_bytes(b"not a model").is_err());
}
