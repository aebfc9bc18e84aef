"""Reads newsmark's exports with the peers' own readers and checks they see what newsmark
wrote: spaCy (DocBin, Doc.char_span, doc.ents, its CoNLL-2003 converter), and a strict
brat standoff reader written here after brat's own rules (brat is not on PyPI).

Usage: check_exports.py PATH/TO/newsmark

The texts come from tests/python/fixtures/hard.jsonl (emoji, flags, ZWJ sequences,
combining accents, CJK, Hebrew, Arabic, CRLF, U+2028 and the other characters Python's
splitlines breaks at); each is annotated by the CLI, then exported through
`convert --from newsmark --to …` and the whole set through `annotate --jsonl --docbin`.
A hand-made document adds spans across those line breaks and over emoji.
"""

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import spacy
from spacy.symbols import IDS
from spacy.tokens import DocBin
from spacy.training.converters import conll_ner_to_docs

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TIME = {"DATE", "TIME", "DURATION", "SET"}
# The characters str.splitlines breaks at (brat reads .ann files with it).
PY_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"

checks = 0


def check(cond, what):
    global checks
    checks += 1
    if not cond:
        raise AssertionError(what)


def run(cli, *args, stdin=None):
    r = subprocess.run([cli, *args], input=stdin, capture_output=True)
    if r.returncode != 0:
        raise AssertionError(f"newsmark {' '.join(args)}: {r.stderr.decode()}")
    return r.stdout


def read_jsonl(path):
    # Lines split at \n only: the texts hold U+2028 and friends, which splitlines would cut.
    text = path.read_text(encoding="utf-8")
    return [json.loads(line) for line in text.split("\n") if line.strip()]


def hand_made():
    """A newsmark/1 document with spans over the hard characters."""
    text = "Talks in New\u2028York, Tel\u2029Aviv and Ban\x85gkok 👩‍👩‍👧 met Zoë (e\u0301te\u0301) 🇺🇦 on 4 Sept. 2025."
    spans = []
    for needle, label, value in [
        ("New\u2028York", "LOC", None),
        ("Tel\u2029Aviv", "LOC", None),
        ("Ban\x85gkok", "LOC", None),
        ("👩‍👩‍👧", "MISC", None),
        ("Zoë", "PER", None),
        ("e\u0301te\u0301", "MISC", None),
        ("🇺🇦", "MISC", None),
        ("4 Sept. 2025", "DATE", "2025-09-04"),
    ]:
        start = text.index(needle)
        s = {"start": start, "end": start + len(needle), "label": label}
        if value:
            s["value"] = value
        spans.append(s)
    return {
        "schema": "newsmark/1",
        "offsets": "unicode-scalar-values",
        "text": text,
        "dct": "2025-09-01",
        "spans": spans,
    }


def expected_spans(doc_json):
    return [
        (s["start"], s["end"], s["label"], s.get("value"))
        for s in doc_json["spans"]
    ]


def check_docbin(doc, text, spans, dct, where):
    """spaCy's view of one Doc against newsmark's spans."""
    check(doc.text == text, f"{where}: doc.text differs")
    ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    want_ents = [(s, e, l) for s, e, l, _ in spans if l not in TIME]
    check(ents == want_ents, f"{where}: doc.ents {ents} != {want_ents}")
    check("timex" in doc.spans, f"{where}: no 'timex' span group")
    timex = [(x.start_char, x.end_char, x.label_, x.kb_id_ or None) for x in doc.spans["timex"]]
    want_timex = [(s, e, l, v) for s, e, l, v in spans if l in TIME]
    check(timex == want_timex, f"{where}: timex {timex} != {want_timex}")
    for s, e, label, _ in spans:
        span = doc.char_span(s, e, label=label)
        check(span is not None, f"{where}: Doc.char_span({s}, {e}) is None")
        check(span.text == text[s:e], f"{where}: char_span text {span.text!r}")
    check(doc.user_data.get("dct") == dct, f"{where}: user_data {doc.user_data}")


def read_brat(txt, ann, where):
    """brat's standoff rules: lines as splitlines gives them; `T` lines
    `ID<TAB>TYPE START END[;START END…]<TAB>TEXT`, the text being the fragments' texts
    joined by a space; `#` AnnotatorNotes lines."""
    out, notes = {}, {}
    for n, line in enumerate(ann.splitlines(), 1):
        if not line:
            continue
        cols = line.split("\t")
        check(len(cols) == 3, f"{where}: .ann line {n} has {len(cols)} columns: {line!r}")
        ident, mid, rest = cols
        if ident.startswith("T"):
            label, offs = mid.split(" ", 1)
            frags = []
            for frag in offs.split(";"):
                s, e = frag.split(" ")
                s, e = int(s), int(e)
                check(0 <= s < e <= len(txt), f"{where}: bad fragment {frag}")
                check(not any(c in PY_BREAKS for c in txt[s:e]), f"{where}: fragment holds a line break")
                frags.append((s, e))
            check(" ".join(txt[s:e] for s, e in frags) == rest, f"{where}: {ident} text {rest!r}")
            out[ident] = (frags[0][0], frags[-1][1], label)
        elif ident.startswith("#"):
            kind, target = mid.split(" ")
            check(kind == "AnnotatorNotes", f"{where}: {kind}")
            notes[target] = rest
    return out, notes


def conll_entities(conll_text):
    """Entities (token texts, label) as spaCy's own CoNLL-2003 converter reads them."""
    docs = conll_ner_to_docs(conll_text, n_sents=1000, no_print=True)
    return [(tuple(t.text for t in e), e.label_) for d in docs for e in d.ents]


def main():
    cli = sys.argv[1]
    nlp = spacy.blank("xx")
    # The symbol table compiled into the core is the pinned spaCy's.
    table = (ROOT / "crates/newsmark-core/src/formats/spacy_symbols.rs").read_text()
    ours = {k: int(v) for k, v in re.findall(r'\("([^"]*)", (\d+)\)', table)}
    check(ours == dict(IDS), "spacy_symbols.rs differs from spacy.symbols.IDS")

    lines = read_jsonl(FIXTURES / "hard.jsonl")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        # Whole project: one DocBin, in input order.
        annotated = [json.loads(l) for l in run(cli, "annotate", "--jsonl", str(FIXTURES / "hard.jsonl")).decode().split("\n") if l]
        run(cli, "annotate", "--jsonl", "--docbin", str(tmp / "all.spacy"), str(FIXTURES / "hard.jsonl"))
        db = DocBin().from_bytes((tmp / "all.spacy").read_bytes())
        docs = list(db.get_docs(nlp.vocab))
        check(len(docs) == len(lines), f"{len(docs)} docs in the DocBin, {len(lines)} lines")
        for line, out, doc in zip(lines, annotated, docs):
            check(line["id"] == out["id"], "ids out of order")
            check_docbin(doc, line["text"], expected_spans(out), out["dct"], f"all.spacy {line['id']}")

        # Each article alone, through every format a peer reads.
        documents = []
        for line in lines:
            (tmp / "a.txt").write_bytes(line["text"].encode())
            args = ["annotate"] + (["--dct", line["dct"]] if line.get("dct") else []) + [str(tmp / "a.txt")]
            documents.append((line["id"], json.loads(run(cli, *args))))
        documents.append(("hand-made", hand_made()))
        documents.append(("fixture", json.loads((ROOT / "crates/newsmark-core/tests/fixtures/formats/newsmark.json").read_text())))
        for name, d in documents:
            src = tmp / f"{name}.json"
            src.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
            spans = expected_spans(d)
            text = d["text"]

            out = tmp / name
            run(cli, "convert", "--from", "newsmark", "--to", "spacy-docbin", "--out", str(out), str(src))
            (doc,) = DocBin().from_bytes((out / "newsmark.spacy").read_bytes()).get_docs(nlp.vocab)
            check_docbin(doc, text, spans, d.get("dct"), f"{name}.spacy")

            run(cli, "convert", "--from", "newsmark", "--to", "brat", "--out", str(out), str(src))
            txt = (out / "newsmark.txt").read_bytes().decode("utf-8")
            ann = (out / "newsmark.ann").read_bytes().decode("utf-8")
            check(txt == text, f"{name}: brat .txt differs")
            got, notes = read_brat(txt, ann, f"{name}.ann")
            check(sorted(got.values()) == sorted((s, e, l) for s, e, l, _ in spans), f"{name}: brat spans {got}")
            want_notes = {f"T{s['id']}": s["value"] for s in json.loads(run(cli, "convert", "--from", "newsmark", "--to", "newsmark", str(src)))["spans"] if s.get("value")}
            check(notes == want_notes, f"{name}: brat notes {notes} != {want_notes}")

            run(cli, "convert", "--from", "newsmark", "--to", "conll", "--out", str(out), str(src))
            conll = (out / "newsmark.conll").read_text(encoding="utf-8")
            got = [("".join(toks), label) for toks, label in conll_entities(conll)]
            # CoNLL has no white space: compare each entity's text without it.
            want = [("".join(text[s:e].split()), l) for s, e, l, _ in spans]
            check(got == want, f"{name}: CoNLL entities {got} != {want}")

            run(cli, "convert", "--from", "newsmark", "--to", "label-studio", "--out", str(out), str(src))
            tasks = json.loads((out / "newsmark.json").read_text(encoding="utf-8"))
            results = tasks[0]["annotations"][0]["result"]
            ls = [(r["value"]["start"], r["value"]["end"], r["value"]["labels"][0]) for r in results if r["type"] == "labels"]
            for r in results:
                if r["type"] == "labels":
                    v = r["value"]
                    check(tasks[0]["data"]["text"][v["start"]:v["end"]] == v["text"], f"{name}: Label Studio text")
            check(ls == [(s, e, l) for s, e, l, _ in spans], f"{name}: Label Studio spans {ls}")
    print(f"check_exports: {checks} checks passed (spaCy {spacy.__version__})")


if __name__ == "__main__":
    main()
