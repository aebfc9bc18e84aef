#!/usr/bin/env bash
# The crate boundaries of ARCHITECTURE.md, checked on the dependency trees cargo resolves:
# - newsmark-core: no web crate (wasm-bindgen, web-sys, js-sys, yew), no CLI crate (clap), no
#   Python binding (pyo3), and not newsmark-train, for any target;
# - the page (newsmark-web on wasm32): no training or CLI code.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
fail=0
check() { # name, forbidden-regex, cargo tree args...
  local name=$1 bad=$2; shift 2
  local found
  found=$(cargo tree --locked --prefix none -e normal,build "$@" | awk '{print $1}' | sort -u | grep -E "^($bad)$" || true)
  if [ -n "$found" ]; then
    echo "boundary broken: $name depends on: $(echo $found)" >&2
    fail=1
  else
    echo "ok: $name has none of ${bad//|/, }" >&2
  fi
}
check "newsmark-core" 'wasm-bindgen|web-sys|js-sys|yew|clap|pyo3|newsmark-train|newsmark-web|newsmark-cli|newsmark-py' -p newsmark-core --target all
check "the page (newsmark-web, wasm32)" 'clap|pyo3|newsmark-train|newsmark-cli|newsmark-py|criterion|proptest' -p newsmark-web --target wasm32-unknown-unknown
exit $fail
