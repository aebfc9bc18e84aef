#!/usr/bin/env bash
# The Python package's tests: builds python/ (the PyO3 extension, with the workspace's `cli`
# profile, into the workspace's target folder) into the cached venv of
# scripts/python-venv.sh and runs pytest on python/tests (annotate, annotate_many, the spaCy
# component, the Dask example on a local cluster). Arguments go to pytest.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
. scripts/python-venv.sh
export VIRTUAL_ENV="$NEWSMARK_VENV" PATH="$NEWSMARK_VENV/bin:$PATH"
# Editable: the package's Python files stay in python/newsmark, the built extension lands
# beside them (ignored by git).
maturin develop --locked --profile cli -m python/Cargo.toml >&2
# The CLI the tests compare with (a no-op after `cargo test --workspace`).
cargo build --locked --quiet -p newsmark-cli
export NEWSMARK_CLI="${CARGO_TARGET_DIR:-$root/target}/debug/newsmark"
exec python -m pytest -q -p no:cacheprovider python/tests "$@"
