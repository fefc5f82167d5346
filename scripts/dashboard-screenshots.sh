#!/usr/bin/env bash
# Takes the README's screenshots of the dashboard (docs/dashboard/*.png, 1280×800) with headless
# Chromium against `faultray serve --demo`. Usage: scripts/dashboard-screenshots.sh [path/to/faultray]
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-.build/debug/faultray}
data=$(mktemp -d)
port=18765
"$binary" serve --demo --port "$port" --data-dir "$data" --rate-limit off >"$data/log" 2>&1 &
server=$!
trap 'kill $server; rm -rf "$data"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && break; sleep 0.2; done
mkdir -p docs/dashboard
for page in overview topology "blast?component=database" "whatif?component=service" findings model calendar; do
    name=${page%%\?*}
    chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,800 --virtual-time-budget=8000 \
        --screenshot="docs/dashboard/$name.png" "http://127.0.0.1:$port/#$page" 2>/dev/null
done
ls -l docs/dashboard
