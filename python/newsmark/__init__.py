"""newsmark: entities (PER/ORG/LOC/MISC) and TIMEX3 dates in news text, on newsmark's Rust core.

    >>> import newsmark
    >>> for s in newsmark.annotate("Angela Merkel visited Paris on Monday.", dct="2025-09-03"):
    ...     print(s["start"], s["end"], s["label"], s["text"], s["value"])

Offsets count Unicode scalar values, as Python's ``str`` does: ``text[s["start"]:s["end"]] ==
s["text"]``. See README.md beside this package for ``annotate_many`` and the spaCy component.
"""

import sys as _sys

from ._newsmark import LABELS, AnnotateMany, __version__, annotate, annotate_many, detect_dct

__all__ = ["LABELS", "AnnotateMany", "__version__", "annotate", "annotate_many", "detect_dct"]

# spaCy finds the "newsmark" factory through the package's entry point; when spaCy is
# already imported, register it now too (importing spaCy here would slow every import).
if "spacy" in _sys.modules:
    from . import spacy_component as _spacy_component  # noqa: F401
