#!/usr/bin/env python3
"""Writes data/legal-forms.txt, legal-form suffixes of company names, from PyPI `cleanco`
2.3 (MIT; `cleanco/termdata.py`):

    pip download --no-deps cleanco==2.3 -d /tmp/cleanco && unzip -o -q /tmp/cleanco/*.whl -d /tmp/cleanco/x
    python3 scripts/build-legal-forms.py /tmp/cleanco/x > data/legal-forms.txt

Forms are kept in upper case (`ASA`, `S.P.A.`), dropping those of two letters that are
also common words or abbreviations, plus a few spellings that news uses (`Tbk`, `Oyj`).
"""
import re
import sys

sys.path.insert(0, sys.argv[1])
from cleanco.termdata import terms_by_country, terms_by_type  # noqa: E402

TWO_LETTER_KEPT = {"AG", "NV", "SA", "AB", "KG", "LP", "SE", "BV", "OY"}
EXTRA = ["Inc", "Corp", "Co", "Cos", "Ltd", "LLC", "LLP", "Plc", "PLC", "GmbH", "SpA", "S.p.A.",
         "Tbk", "PT", "Bhd", "Pte", "Pty", "Oyj", "PJSC", "OJSC", "JSC", "OAO", "ASA", "AB", "NV",
         "SA", "AG", "SE", "KGaA", "SAB", "BV", "Holdings", "Group"]
forms = set(EXTRA)
for table in (terms_by_type, terms_by_country):
    for terms in table.values():
        for t in terms:
            t = t.strip()
            if not re.fullmatch(r"[a-z.]+", t):
                continue
            bare = t.rstrip(".")
            up = (t if "." in bare else bare).upper()
            letters = up.replace(".", "")
            if len(letters) < 2 or (len(letters) == 2 and letters not in TWO_LETTER_KEPT):
                continue
            if letters.lower() in {"private", "company", "limited", "unlimited", "incorporated",
                                   "corporation", "etat", "vat", "dat", "sal", "ans", "teo", "cio", "ent",
                                   "pse", "psu", "gte", "sep", "cpt", "ses", "fie", "fop", "sem"}:
                continue
            forms.add(up)
print("# Legal-form suffixes of company names: a feature of the entity tagger.")
print("# Built by scripts/build-legal-forms.py from PyPI cleanco 2.3 (MIT).")
for f in sorted(forms):
    print(f)
