"""The spaCy component ``newsmark``: ``nlp.add_pipe("newsmark")``.

It sets, on each ``Doc``:

- ``doc.ents``: the PER/ORG/LOC/MISC entities (whatever ``doc.ents`` held before is
  replaced);
- ``doc.spans["timex"]`` (the key is the ``timex_key`` setting): the time expressions,
  labelled DATE/TIME/DURATION/SET, each with its TIMEX3 value in ``span._.timex_value``;
- ``doc._.dct``: the document date the values were resolved against (``"YYYY-MM-DD"``), or
  None.

newsmark's offsets are characters; a span that does not fall on token boundaries is
widened to the tokens it touches (``doc.char_span(..., alignment_mode="expand")``; set
``alignment_mode`` to ``"contract"`` or ``"strict"`` to shrink or drop it instead). An
entity that, once widened, would overlap the one before it is left out of ``doc.ents`` (which
cannot overlap) and counted in ``doc._.newsmark_dropped``.

The document date: ``doc._.dct`` when something set it before the component ran, else the
``dct`` setting (None: the article's dateline, ``"none"``: no date, or ``"YYYY-MM-DD"``).
"""

from __future__ import annotations

from typing import Iterable, Iterator, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from . import _newsmark

for _name, _cls in (("dct", Doc), ("newsmark_dropped", Doc), ("timex_value", Span)):
    if not _cls.has_extension(_name):
        _cls.set_extension(_name, default=None)


class NewsmarkComponent:
    """Entities into ``doc.ents``, time expressions into ``doc.spans[timex_key]``."""

    def __init__(
        self,
        name: str = "newsmark",
        dct: Optional[str] = None,
        timex_key: str = "timex",
        alignment_mode: str = "expand",
        threads: Optional[int] = None,
    ):
        if alignment_mode not in ("strict", "contract", "expand"):
            raise ValueError(
                f"alignment_mode must be strict, contract or expand, not {alignment_mode!r}"
            )
        # Checked now, so that a bad date fails when the pipeline is built.
        _newsmark.annotate("", dct=dct)
        self.name = name
        self.dct = dct
        self.timex_key = timex_key
        self.alignment_mode = alignment_mode
        self.threads = threads

    def _record(self, doc: Doc) -> dict:
        return {"text": doc.text, "dct": doc._.dct if doc._.dct is not None else self.dct}

    def __call__(self, doc: Doc) -> Doc:
        (result,) = _newsmark.annotate_many([self._record(doc)], threads=1)
        return self._apply(doc, result)

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Annotates ``batch_size`` documents at a time on Rust threads (``threads``)."""
        for batch in minibatch(docs, size=batch_size):
            results = _newsmark.annotate_many(
                [self._record(d) for d in batch], threads=self.threads
            )
            for doc, result in zip(batch, results):
                yield self._apply(doc, result)

    def _apply(self, doc: Doc, result: dict) -> Doc:
        ents, timexes, dropped = [], [], 0
        for s in result["spans"]:
            span = doc.char_span(
                s["start"], s["end"], label=s["label"], alignment_mode=self.alignment_mode
            )
            if span is None or len(span) == 0:
                dropped += 1
                continue
            if s["kind"] == "timex":
                span._.timex_value = s["value"]
                timexes.append(span)
            elif ents and span.start < ents[-1].end:
                dropped += 1
            else:
                ents.append(span)
        doc.set_ents(ents, default="outside")
        doc.spans[self.timex_key] = timexes
        doc._.dct = result["dct"]
        doc._.newsmark_dropped = dropped
        return doc


@Language.factory(
    "newsmark",
    default_config={"dct": None, "timex_key": "timex", "alignment_mode": "expand", "threads": None},
)
def make_newsmark(
    nlp: Language,
    name: str,
    dct: Optional[str],
    timex_key: str,
    alignment_mode: str,
    threads: Optional[int],
) -> NewsmarkComponent:
    return NewsmarkComponent(name, dct, timex_key, alignment_mode, threads)
