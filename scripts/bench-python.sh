#!/usr/bin/env bash
# Not a test: the Python package's throughput against the CLI's on the same text, measured
# in one run. The text: the page's sample article (www/samples) as JSON lines, repeated to
# about MB megabytes (default 8), each line its own document.
#   - `newsmark annotate --jsonl --threads N` (the CLI, `cli` profile), file to /dev/null;
#   - `annotate_many(records, threads=N)` on the parsed lines (the records in memory, the
#     results taken as Python objects), and end to end: read, json.loads, annotate_many,
#     json.dumps, write — the CLI's work;
#   - the Dask example (python/examples/dask_jsonl.py) over the lines split into 8 files, on
#     a LocalCluster of 1 and 2 worker processes (cluster started beforehand).
# N = 1 and 2; each figure is the best of 5 runs (Dask: of 3), the CLI's and Python's runs interleaved
# (the machine may be shared: compare figures of one run only). Usage: scripts/bench-python.sh [MB]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mb="${1:-8}"
. scripts/python-venv.sh
export VIRTUAL_ENV="$NEWSMARK_VENV" PATH="$NEWSMARK_VENV/bin:$PATH"
cargo build --locked --quiet --profile cli -p newsmark-cli
maturin develop --locked --quiet --profile cli -m python/Cargo.toml >/dev/null 2>&1
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
exec python scripts/bench_python.py "$root" "$tmp" "$mb"
