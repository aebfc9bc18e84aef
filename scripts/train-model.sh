#!/usr/bin/env bash
# Trains the entity tagger on CoNLL-2003 (from ../shared, never shipped) and writes
# models/ner.bin. Deterministic: the same seed and data give the same bytes.
# Usage: scripts/train-model.sh [SEED]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
data="${CONLL_DIR:-$here/../shared/data/conll2003}"
seed="${1:-1}"
cd "$here"
CARGO_PROFILE_CLI_LTO=off cargo run --quiet --profile cli -p newsmark-train --example ner -- \
  train "$data/eng.train" "$data/eng.testa" "$seed" models/ner.bin
CARGO_PROFILE_CLI_LTO=off cargo run --quiet --profile cli -p newsmark-train --example ner -- \
  eval models/ner.bin "$data/eng.testa"
