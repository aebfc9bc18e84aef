#!/usr/bin/env bash
# The benchmark of issue 7: builds what is stale (the release page in dist/, the CLI in
# target/cli/), then runs tests/e2e/perf.mjs, which prints every figure next to its target
# as a markdown table, from one run in headless Chromium.
#   scripts/bench.sh              RUNS=3 scripts/bench.sh (fewer repeats)
# The native criterion benchmarks of the core are separate:
#   cargo bench --bench dates --bench entities
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cache/newsmark-tools/bin:$HOME/.cargo/bin:$PATH"

step() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }

# Rebuild the page only when a file it is made of is newer than the build.
stale() {
  [ ! -f dist/index.html ] && return 0
  [ -n "$(find src www models data index.html Cargo.toml Cargo.lock Trunk.toml -newer dist/index.html -print -quit 2>/dev/null)" ]
}
if stale; then
  step "release build of the page (trunk build --release --offline --locked)"
  nice trunk build --release --offline --locked >&2
fi

# The CLI, for the --threads row (cargo does nothing when it is fresh).
step "CLI (cargo build --profile cli --bin newsmark)"
nice cargo build --locked --profile cli --bin newsmark >&2

if [ ! -d tests/e2e/node_modules/compromise ]; then
  step "browser test dependencies (npm ci)"
  (cd tests/e2e && npm ci >&2)
fi

step "benchmark (headless Chromium, ~1½ min)"
exec node tests/e2e/perf.mjs
