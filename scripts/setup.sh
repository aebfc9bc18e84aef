#!/usr/bin/env bash
# Installs whatever newsmark's build and tests need and is missing; safe to run again.
# Everything comes from the package registries (crates.io, npm, Debian): no prebuilt
# binary is downloaded from anywhere else, and Trunk is pinned to the local tools.
#
# Source it (`. scripts/setup.sh`) to get PATH set up, or run it on its own.
set -euo pipefail

NEWSMARK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="${NEWSMARK_TOOLS:-$HOME/.cache/newsmark-tools}"
TRUNK_VERSION="0.21.14"
BINARYEN_VERSION="132.0.0"   # npm package whose wasm-opt prints version_132 (see Trunk.toml)
export PATH="$TOOLS/bin:$HOME/.cargo/bin:$PATH"
mkdir -p "$TOOLS/bin"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$NEWSMARK_ROOT/Cargo.lock")"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  say "building trunk $TRUNK_VERSION from crates.io (about 7 minutes on 2 cores)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  say "building wasm-bindgen-cli $WASM_BINDGEN_VERSION from crates.io"
  # Its own lock file can name a crate version the registry no longer serves: retry unlocked.
  cargo install --locked wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" \
    || cargo install --force wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if [ "$(wasm-opt --version 2>/dev/null | awk '{print $3}')" != "132" ]; then
  say "installing binaryen $BINARYEN_VERSION (wasm-opt) from npm"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS/binaryen" "binaryen@$BINARYEN_VERSION"
  ln -sf "$TOOLS/binaryen/node_modules/.bin/wasm-opt" "$TOOLS/bin/wasm-opt"
fi

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  say "installing Debian's chromium and chromium-driver"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
fi

# The browser tests' driver (playwright-core, told to use /usr/bin/chromium).
if [ ! -d "$NEWSMARK_ROOT/tests/e2e/node_modules/playwright-core" ]; then
  say "installing the browser-test driver (npm ci in tests/e2e)"
  (cd "$NEWSMARK_ROOT/tests/e2e" && npm ci --silent --no-audit --no-fund)
fi

say "tools ready: $(trunk --version), wasm-bindgen $WASM_BINDGEN_VERSION, wasm-opt $(wasm-opt --version | awk '{print $3}'), $(chromium --version 2>/dev/null | head -1)"
