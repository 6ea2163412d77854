#!/usr/bin/env bash
# Builds the wasm package (pkg/) and puts the files a page needs next to the demo (www/pkg/), then bundles and minifies
# the shell's modules (www/src/) into the one file the embed line loads (www/crosscheck.js), with esbuild.
# SHELL_ONLY=1 skips the wasm build (for work on the shell alone).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
if [ -z "${SHELL_ONLY:-}" ]; then
  wasm-pack build --target web --release -- --no-default-features
  mkdir -p www/pkg
  cp pkg/crosscheck.js pkg/crosscheck_bg.wasm www/pkg/
fi
# The shell's build tools (esbuild, typescript) are pinned in package-lock.json at the repository root.
if [ ! -x node_modules/.bin/esbuild ]; then npm ci --no-audit --no-fund >/dev/null; fi
node_modules/.bin/esbuild www/src/main.js --bundle --minify --format=esm --target=es2022 --legal-comments=none \
  --log-level=warning --outfile=www/crosscheck.js
