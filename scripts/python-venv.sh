#!/usr/bin/env bash
# Creates (once) the Python environment the peer-reader checks and the Python package's tests
# run in: a venv under $HOME (outside the clone, so a fresh clone reuses it), with the pinned
# packages of tests/python/requirements.txt, all from the package registry (wheels only).
# Idempotent: it reinstalls only when the requirements file changes.
# Prints nothing but errors; sourcing it sets NEWSMARK_VENV.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NEWSMARK_VENV="${NEWSMARK_VENV:-$HOME/.cache/newsmark/venv}"
export NEWSMARK_VENV
req="$root/tests/python/requirements.txt"
stamp="$NEWSMARK_VENV/.requirements.sha256"
want="$(sha256sum "$req" | cut -d' ' -f1)"
if [ ! -x "$NEWSMARK_VENV/bin/python" ]; then
  mkdir -p "$(dirname "$NEWSMARK_VENV")"
  python3 -m venv "$NEWSMARK_VENV"
fi
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  "$NEWSMARK_VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    --only-binary=:all: -r "$req" >&2
  echo "$want" > "$stamp"
fi
