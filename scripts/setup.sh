#!/usr/bin/env bash
# Installs what building, serving and testing crosscheck need, and skips what is already there.
# Every step is idempotent so that `make demo` and `make test` can call it on every run.
set -euo pipefail
cd "$(dirname "$0")/.."

need_browser=0
for arg in "$@"; do
  case "$arg" in
    --browser) need_browser=1 ;;
    *) echo "setup.sh: unknown option $arg (known: --browser)" >&2; exit 2 ;;
  esac
done

log() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! command -v wasm-pack >/dev/null 2>&1; then
  log "installing wasm-pack (about 2 minutes)"
  cargo install wasm-pack --locked
fi

# wasm-pack cannot download its own wasm-bindgen here, and the CLI must match the crate exactly,
# so the version is read from Cargo.lock (Cargo.toml pins it with `=`).
want=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/[^0-9.]/,""); print; exit}' Cargo.lock 2>/dev/null || true)
if [ -z "$want" ]; then
  want=$(grep -E '^wasm-bindgen *= *' Cargo.toml | grep -o -E '[0-9]+\.[0-9]+\.[0-9]+' | head -1)
fi
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  log "installing wasm-bindgen-cli $want (about 2.5 minutes; had: ${have:-none})"
  # --locked fails here: one locked dependency version is missing from the registry.
  cargo install wasm-bindgen-cli --version "$want" --force
fi

# Debian's binaryen is too old for current rustc output; the npm package ships a recent wasm-opt.
wasm_opt_ok=0
if command -v wasm-opt >/dev/null 2>&1; then
  v=$(wasm-opt --version 2>/dev/null | grep -o -E '[0-9]+' | head -1 || echo 0)
  [ "${v:-0}" -ge 116 ] && wasm_opt_ok=1
fi
if [ "$wasm_opt_ok" -eq 0 ]; then
  log "installing wasm-opt (npm package binaryen)"
  npm install -g binaryen >/dev/null
fi

# The widget shell's build tools (esbuild bundles www/src/, tsc checks its types), pinned in package-lock.json.
if [ ! -x node_modules/.bin/esbuild ] || [ ! -x node_modules/.bin/tsc ]; then
  log "installing the shell's build tools (esbuild, typescript from npm)"
  npm ci --no-audit --no-fund >/dev/null
fi

if [ "$need_browser" -eq 1 ]; then
  if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    log "installing Chromium and ChromeDriver from Debian"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  if [ ! -d tests/e2e/node_modules/playwright-core ]; then
    log "installing the end-to-end test driver (playwright-core, no browser download)"
    (cd tests/e2e && npm ci --no-audit --no-fund >/dev/null)
  fi
fi
log "tools ready"
