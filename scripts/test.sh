#!/usr/bin/env bash
# Runs every test: the core natively, the wasm API in headless Chromium, and the widget end to end.
# Installs what is missing first, and exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh --browser
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "formatting (cargo fmt --check)"
cargo fmt --all --check

step "lints (cargo clippy -D warnings, native and wasm)"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings

step "native tests of every crate (cargo test --workspace)"
cargo test --release --workspace

step "wasm API in headless Chromium (wasm-pack test)"
wasm-pack test --headless --chrome --release

step "widget shell types (tsc --checkJs over www/src/)"
node_modules/.bin/tsc -p jsconfig.json

step "widget end to end in headless Chromium (node --test)"
./scripts/build-web.sh
node --test tests/e2e/
