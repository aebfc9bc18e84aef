#!/usr/bin/env bash
# Installs whatever is missing, builds the app (release) and serves it on
# http://127.0.0.1:8080 (PORT=… to change). The sample article is one click away
# ("Load sample").
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/setup.sh
cargo fetch --locked
exec trunk serve --release --offline --locked --address 127.0.0.1 --port "${PORT:-8080}"
