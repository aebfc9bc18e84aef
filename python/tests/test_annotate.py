import datetime
import json
import os
import pathlib
import subprocess

import pytest

import newsmark

# Texts whose chars are 1, 2, 3 and 4 bytes in UTF-8 and 1 or 2 UTF-16 units, and CRLF lines.
FIXTURES = {
    "emoji": "🎉🎉 Angela Merkel 👋 visited Paris on Monday. 🇫🇷 Emmanuel Macron met her in Berlin.",
    "accents": "Café Müller: François Hollande and Søren Kierkegaard spoke in Zürich on 3 March 2025.",
    "cjk": "東京 (Reuters) – 習近平 and Shinzo Abe met in Tokyo on Friday, 2 May 2025. 谢谢.",
    "crlf": "PARIS, Sept 1\r\n\r\nAngela Merkel met Emmanuel Macron in Berlin on Monday.\r\nNext week\r\nthey meet in Rome.",
}


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_offsets_are_python_str_offsets(name):
    text = FIXTURES[name]
    spans = newsmark.annotate(text, dct="2025-09-03")
    assert spans, name
    for s in spans:
        assert text[s["start"] : s["end"]] == s["text"], s
        assert s["start"] < s["end"]
    # Sorted and flat.
    assert all(a["end"] <= b["start"] for a, b in zip(spans, spans[1:]))


def test_span_fields():
    text = FIXTURES["emoji"]
    spans = newsmark.annotate(text, dct="2025-09-03")
    by_text = {s["text"]: s for s in spans}
    merkel = by_text["Angela Merkel"]
    assert merkel["start"] == text.index("Angela Merkel") == 3
    assert (merkel["label"], merkel["kind"], merkel["value"], merkel["type"]) == ("PER", "entity", None, None)
    monday = by_text["Monday"]
    assert (monday["label"], monday["kind"], monday["type"]) == ("DATE", "timex", "DATE")
    assert monday["value"] == "2025-09-01"
    assert by_text["Paris"]["label"] == "LOC"
    assert set(merkel) == {"start", "end", "text", "label", "kind", "value", "type", "entity"}
    for s in spans:
        assert s["label"] in newsmark.LABELS
        assert (s["kind"] == "timex") == (s["value"] is not None) == (s["type"] is not None)


def test_the_same_spans_as_the_cli(sample, tmp_path):
    """The package and `newsmark annotate --jsonl` give the same spans for the same lines."""
    root = pathlib.Path(__file__).resolve().parents[2]
    cli = pathlib.Path(os.environ.get("NEWSMARK_CLI", root / "target" / "debug" / "newsmark"))
    lines = [{"id": i, "text": t} for i, t in enumerate([sample, *FIXTURES.values()])]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(l) + "\n" for l in lines), encoding="utf-8")
    if not cli.exists():
        subprocess.run(["cargo", "build", "--quiet", "-p", "newsmark-cli"], cwd=root, check=True)
    out = subprocess.run([str(cli), "annotate", "--jsonl", str(src)], capture_output=True, check=True)
    want = [json.loads(l) for l in out.stdout.decode("utf-8").splitlines()]
    got = list(newsmark.annotate_many(lines, threads=2))
    assert len(got) == len(want) == len(lines)
    for g, w in zip(got, want):
        assert (g["id"], g["dct"]) == (w["id"], w["dct"])
        keep = ("start", "end", "text", "label", "value", "entity")
        assert [{k: s[k] for k in keep} for s in g["spans"]] == [
            {k: s.get(k) for k in keep} for s in w["spans"]
        ]


def test_dct_from_the_dateline(sample):
    assert newsmark.detect_dct(sample) == datetime.date(2025, 9, 1)
    assert newsmark.detect_dct("No dateline here.") is None
    by_text = {s["text"]: s for s in newsmark.annotate(sample)}
    assert by_text["Sept. 4"]["value"] == "2025-09-04"
    # "dateline" is the default said out loud.
    assert newsmark.annotate(sample, dct="dateline") == newsmark.annotate(sample)


@pytest.mark.parametrize(
    "dct", ["2025-09-03", datetime.date(2025, 9, 3), datetime.datetime(2025, 9, 3, 23, 59)]
)
def test_dct_given(dct):
    (friday,) = newsmark.annotate("He left on Friday.", dct=dct)
    assert friday["value"] == "2025-08-29"


def test_dct_none_leaves_relative_dates_underspecified(sample):
    (friday,) = newsmark.annotate("He left on Friday.")
    assert friday["value"] == "XXXX-WXX-5"
    # "none" ignores the dateline too.
    by_text = {s["text"]: s for s in newsmark.annotate(sample, dct="none")}
    assert by_text["Sept. 4"]["value"] == "XXXX-09-04"
    # A given date wins over the dateline.
    by_text = {s["text"]: s for s in newsmark.annotate(sample, dct="2026-01-01")}
    assert by_text["Sept. 4"]["value"] == "2026-09-04"


@pytest.mark.parametrize("dct", ["2025-02-30", "yesterday", "2025-9-3", "", "detect"])
def test_bad_dct_is_a_value_error(dct):
    with pytest.raises(ValueError, match="dct"):
        newsmark.annotate("Monday.", dct=dct)


@pytest.mark.parametrize("dct", [20250903, 3.5, ["2025-09-03"], b"2025-09-03"])
def test_dct_of_another_type_is_a_type_error(dct):
    with pytest.raises(TypeError, match="dct must be"):
        newsmark.annotate("Monday.", dct=dct)


@pytest.mark.parametrize("text", [None, 42, b"Paris on Monday", ["Paris"]])
def test_text_must_be_a_str(text):
    with pytest.raises(TypeError, match="text must be a str"):
        newsmark.annotate(text)


def test_unencodable_text_is_a_value_error():
    # A lone surrogate is a valid Python str but no Unicode text.
    with pytest.raises(UnicodeEncodeError):
        newsmark.annotate("Paris \ud800 on Monday")


def test_empty_and_odd_texts():
    assert newsmark.annotate("") == []
    assert newsmark.annotate("\r\n\t \u200b\ufeff") == []
    text = "\x00Paris\x00 on Monday" * 3
    for s in newsmark.annotate(text, dct="2025-09-03"):
        assert text[s["start"] : s["end"]] == s["text"]
