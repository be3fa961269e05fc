#!/usr/bin/env bash
# Installs every tool the project needs, pinned, skipping what is already present.
# Usage: scripts/setup.sh [build|test]   (test also installs Chromium + chromedriver)
set -euo pipefail
cd "$(dirname "$0")/.."

# the wasm-bindgen CLI must match the crate pinned in Cargo.toml (the one place it is written)
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' Cargo.toml)
MODE=${1:-build}
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

log() { printf '[setup] %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes)"
  # no --locked: one locked dependency version is not in the registry
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing node packages (npm ci)"
  npm ci --no-audit --no-fund
fi

if [ "$MODE" = test ]; then
  # Chromium and its driver for the browser tests; a CJK font so Chinese renders in screenshots
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || [ ! -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]; then
    log "installing chromium, chromium-driver and fonts-wqy-microhei"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver fonts-wqy-microhei
  fi
fi

log "fetching crates"
cargo fetch --quiet
log "tools ready"
