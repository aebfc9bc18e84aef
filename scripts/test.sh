#!/usr/bin/env bash
# Installs whatever is missing, then runs every check and test:
#   formatting and lints, native unit, property and integration tests of the core and CLI,
#   the exports read by the peers' own readers (spaCy in a cached venv), the Python package's
#   tests,
#   bounded fuzzing of the core, the release build of the page, and the browser tests in
#   headless Chromium.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/setup.sh

step() { printf '\n\033[1m== %s\033[0m\n' "$*" >&2; }

step "fetch crates"
cargo fetch --locked

step "format and lints"
cargo fmt --all --check
cargo clippy --locked --workspace --all-targets -- -D warnings
cargo clippy --locked --target wasm32-unknown-unknown -p newsmark-web --lib --bins -- -D warnings

step "crate boundaries (the core has no web, CLI or training crate in its tree)"
scripts/check-boundaries.sh

step "native tests (core, CLI)"
cargo test --locked --workspace

step "exports read by the peers' own readers (spaCy, its CoNLL-2003 converter, a strict brat reader)"
. scripts/python-venv.sh
cargo build --locked -p newsmark-cli
"$NEWSMARK_VENV/bin/python" tests/python/check_exports.py target/debug/newsmark

step "Python package (python/: build into the cached venv, pytest)"
scripts/test-python.sh

step "a bare clone (nothing beside it, no ../shared) passes the native tests"
scripts/check-bare-clone.sh

step "fuzzing (15 s per target; scripts/fuzz.sh SECONDS to go longer)"
scripts/fuzz.sh "${FUZZ_SECONDS:-15}"

step "release build of the page"
trunk build --release --offline --locked
ls -l dist/*.wasm | awk '{print "wasm bytes:", $5}'

step "browser tests (headless Chromium)"
(cd tests/e2e && npm test)
