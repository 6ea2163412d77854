#!/usr/bin/env bash
# The performance benchmark (`make bench`): payload, start-up, lookup latency, marking a long page, and crosscheck side
# by side with MiniSearch, Lunr and FlexSearch in headless Chromium, plus native micro-benchmarks of the core. Prints
# every figure and writes docs/benchmarks.md (bench/run.mjs) and bench/out/ (inputs and results.json).
# Takes 5 to 10 minutes on 2 cores after the first setup; knobs are listed at the top of bench/run.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "tools (scripts/setup.sh --browser)"
./scripts/setup.sh --browser
if ! command -v twiggy >/dev/null 2>&1; then
  echo "bench: installing twiggy for the wasm size breakdown (about 2 minutes; skipped if it fails)"
  cargo install twiggy --locked || cargo install twiggy || echo "bench: twiggy could not be installed; the size breakdown will list sections only"
fi
if [ ! -f ../shared/eval/checkthat2020/verified_claims.docs.tsv ] && [ -z "${CROSSCHECK_EVAL:-}" ]; then
  echo "bench: ../shared/eval/ (the CheckThat 2020 and seed query files) is missing; set CROSSCHECK_EVAL=DIR" >&2
  exit 1
fi
eval_dir="${CROSSCHECK_EVAL:-../shared/eval}"

step "the wasm package (scripts/build-web.sh)"
./scripts/build-web.sh

step "the benchmark's browser driver and libraries (npm ci in bench/)"
(cd bench && npm ci --no-audit --no-fund)

step "inputs: the CheckThat claims one per line, compiled; the seed dataset compiled"
cargo build --release --quiet
node bench/prepare.mjs
./target/release/crosscheck build bench/out/claims.tsv -o bench/out/checkthat.ccd
./target/release/crosscheck build data/seed -o bench/out/seed.ccd

step "native micro-benchmarks (cargo bench --bench core)"
CROSSCHECK_EVAL="$eval_dir" CROSSCHECK_BENCH_JSON=bench/out/native.json cargo bench --bench core

step "in headless Chromium (node bench/run.mjs)"
CROSSCHECK_EVAL="$eval_dir" node bench/run.mjs
