import spacy
from spacy.tokens import Span

import newsmark

TEXT = "🎉 Angela Merkel visited Paris on Monday.\r\nMacron met her in Berlin for three hours."


def test_add_pipe_sets_ents_and_timex():
    nlp = spacy.blank("en")
    nlp.add_pipe("newsmark", config={"dct": "2025-09-03"})
    doc = nlp(TEXT)
    ents = [(e.text, e.label_) for e in doc.ents]
    assert ("Angela Merkel", "PER") in ents and ("Paris", "LOC") in ents and ("Berlin", "LOC") in ents
    assert all(label in ("PER", "ORG", "LOC", "MISC") for _, label in ents)
    timex = [(s.text, s.label_, s._.timex_value) for s in doc.spans["timex"]]
    assert ("Monday", "DATE", "2025-09-01") in timex
    assert ("three hours", "DURATION", "PT3H") in timex
    assert doc._.dct == "2025-09-03"
    # Every span covers the characters newsmark found (they fall on token boundaries here).
    want = {(s["start"], s["end"], s["label"]) for s in newsmark.annotate(TEXT, dct="2025-09-03")}
    got = {(s.start_char, s.end_char, s.label_) for s in [*doc.ents, *doc.spans["timex"]]}
    assert got == want
    assert doc._.newsmark_dropped == 0


def test_the_factory_comes_from_the_entry_point():
    """Being installed is enough: the factory is found through spaCy's entry points."""
    assert "newsmark" in spacy.registry.factories.get_all()


def test_dateline_and_doc_dct():
    nlp = spacy.blank("en")
    nlp.add_pipe("newsmark")
    doc = nlp(" date 2025-09-01 Zelensky meets Macron in Paris on Sept. 4.")
    assert doc._.dct == "2025-09-01"
    assert [(s.text, s._.timex_value) for s in doc.spans["timex"]] == [("Sept. 4", "2025-09-04")]
    # A date set on the doc before the component runs wins.
    doc = nlp.make_doc("He left on Friday.")
    doc._.dct = "2025-09-03"
    doc = nlp.get_pipe("newsmark")(doc)
    assert [s._.timex_value for s in doc.spans["timex"]] == ["2025-08-29"]


def test_misaligned_spans_expand_to_tokens():
    text = "Merkel@Paris met Berlin-based officials on Monday."
    spans = newsmark.annotate(text, dct="2025-09-03")
    # newsmark's span starts inside spaCy's token "Merkel@Paris"...
    assert (spans[0]["start"], spans[0]["end"]) == (6, 12)
    nlp = spacy.blank("en")
    nlp.add_pipe("newsmark", config={"dct": "2025-09-03"})
    doc = nlp(text)
    assert doc[0].text == "Merkel@Paris"
    # ... and becomes the whole token; spans on token boundaries stay as they are.
    assert [(e.start_char, e.end_char) for e in doc.ents] == [(0, 12), (17, 23)]
    nlp = spacy.blank("en")
    nlp.add_pipe("newsmark", config={"dct": "2025-09-03", "alignment_mode": "strict"})
    doc = nlp(text)
    assert [(e.start_char, e.end_char) for e in doc.ents] == [(17, 23)]
    assert doc._.newsmark_dropped == 1


def test_pipe_matches_call_and_keeps_order():
    nlp = spacy.blank("en")
    nlp.add_pipe("newsmark", config={"dct": "2025-09-03", "threads": 2})
    texts = [f"{'so ' * i}Angela Merkel visited Paris on Monday." for i in range(30)]
    piped = list(nlp.pipe(texts, batch_size=7))
    for i, (text, doc) in enumerate(zip(texts, piped)):
        assert doc.text == text
        one = nlp(text)
        assert [(e.start_char, e.label_) for e in doc.ents] == [(e.start_char, e.label_) for e in one.ents]
        assert doc.ents[0].start_char == 3 * i
        assert [s._.timex_value for s in doc.spans["timex"]] == ["2025-09-01"]


def test_bad_config_fails_when_the_pipeline_is_built():
    nlp = spacy.blank("en")
    try:
        nlp.add_pipe("newsmark", config={"dct": "soon"})
    except ValueError as e:
        assert "dct" in str(e)
    else:
        raise AssertionError("a bad dct was accepted")


def test_timex_value_extension_is_registered():
    assert Span.has_extension("timex_value")
