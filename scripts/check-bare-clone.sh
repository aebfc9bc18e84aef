#!/usr/bin/env bash
# A user's clone has nothing beside it (no ../shared): clone this repository's committed
# state into an empty temporary folder and run the native tests there, so that no test can
# come to depend on files outside the repository. Shares this checkout's target folder, so
# only the workspace's own crates are rebuilt.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
git clone --quiet --no-local "$root" "$tmp/newsmark"
[ ! -e "$tmp/shared" ] || { echo "$tmp/shared exists" >&2; exit 1; }
cd "$tmp/newsmark"
CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}" cargo test --locked --offline --workspace --quiet
echo "a bare clone of $(git rev-parse --short HEAD) passes its native tests" >&2
