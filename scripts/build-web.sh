#!/usr/bin/env bash
# Builds the wasm package (pkg/) and puts the files a page needs next to the demo (www/pkg/).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
wasm-pack build --target web --release -- --no-default-features
mkdir -p www/pkg
cp pkg/crosscheck.js pkg/crosscheck_bg.wasm www/pkg/
