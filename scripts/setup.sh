# Sourced by `scripts/run` and `scripts/test`: installs what the build needs
# and is missing, and nothing that is already there. Safe to run again.
# shellcheck shell=bash

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

CARGO_LEPTOS_VERSION="0.3.10"
# Must equal the wasm-bindgen version pinned in Cargo.toml / Cargo.lock.
WASM_BINDGEN_VERSION="0.2.130"

export PATH="$HOME/.cargo/bin:$ROOT/tools/node_modules/.bin:$ROOT/end2end/node_modules/.bin:$PATH"

# Each step's line says how long the script has run, so a slow step shows in CI's log.
say() { printf '\n==> %s  (%dm%02ds in)\n' "$*" $((SECONDS / 60)) $((SECONDS % 60)); }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  say "installing $* from Debian"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" \
    || { as_root apt-get update && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"; }
}

need_wasm_target() {
  if ! rustup target list --installed | grep -q '^wasm32-unknown-unknown$'; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

need_cargo_leptos() {
  if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
    say "installing cargo-leptos $CARGO_LEPTOS_VERSION (takes 15-20 minutes, once)"
    cargo install "cargo-leptos@$CARGO_LEPTOS_VERSION" --locked --features no_downloads
  fi
}

need_wasm_bindgen() {
  if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
    # Not --locked: its lockfile names a yanked crate.
    cargo install "wasm-bindgen-cli@$WASM_BINDGEN_VERSION"
  fi
}

need_node() {
  if ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm
  fi
}

need_wasm_opt() {
  need_node
  if [ ! -x "$ROOT/tools/node_modules/.bin/wasm-opt" ]; then
    say "installing wasm-opt (npm binaryen 132)"
    npm ci --prefix "$ROOT/tools" --no-audit --no-fund
  fi
}

setup_build() {
  need_wasm_target
  need_wasm_bindgen
  need_cargo_leptos
  need_wasm_opt
}
