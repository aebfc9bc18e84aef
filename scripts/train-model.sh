#!/usr/bin/env bash
# Trains the entity tagger on CoNLL-2003 (from ../shared, never shipped) and writes
# models/ner.bin, with the word classes of data/word-clusters.bin embedded. Deterministic:
# the same seed and data give the same bytes.
# Usage: scripts/train-model.sh [SEED]
#   DEV_ONLY=1 scripts/train-model.sh   trains on eng.train alone, epoch chosen on eng.testa
#                                       (the configuration that the ablation table measures)
# The shipped model learns from eng.train and eng.testa together, for EPOCHS passes, the
# weights of RUNS runs averaged, features seen fewer than MIN_COUNT times dropped (the
# choices were made on eng.train alone; eng.testa then no longer measures it).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
data="${CONLL_DIR:-$here/../shared/data/conll2003}"
seed="${1:-1}"
cd "$here"
run() { CARGO_PROFILE_CLI_LTO=off cargo run --quiet --profile cli -p newsmark-train --example ner -- "$@"; }
if [ -n "${DEV_ONLY:-}" ]; then
  NER_RUNS="${RUNS:-3}" NER_MIN_COUNT="${MIN_COUNT:-2}" run train "$data/eng.train" "$data/eng.testa" "$seed" models/ner.bin
else
  both="$(mktemp)"
  trap 'rm -f "$both"' EXIT
  cat "$data/eng.train" "$data/eng.testa" > "$both"
  NER_EPOCHS="${EPOCHS:-15}" NER_RUNS="${RUNS:-3}" NER_MIN_COUNT="${MIN_COUNT:-2}" run train "$both" "$data/eng.testa" "$seed" models/ner.bin
fi
run eval models/ner.bin "$data/eng.testa"
pp="$here/../shared/data/conllpp2020/dev.txt"
if [ -f "$pp" ]; then run eval models/ner.bin "$pp"; fi
