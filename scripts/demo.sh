#!/usr/bin/env bash
# Builds the widget and serves the demo site on http://127.0.0.1 (installing what is missing first).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build-web.sh
port="${PORT:-8080}"
# Find a free port if the default is taken, so a second run does not fail.
while (echo > "/dev/tcp/127.0.0.1/$port") >/dev/null 2>&1; do port=$((port + 1)); done
echo
echo "crosscheck demo: http://127.0.0.1:$port/"
echo "(select a sentence in one of the articles; Ctrl+C stops the server)"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory www
