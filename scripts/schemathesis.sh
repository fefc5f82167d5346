#!/usr/bin/env bash
# Schemathesis over the OpenAPI document of a running `faultray serve --demo`, with every check and a
# bounded number of examples per operation: once without a key (key creation excluded, so that one
# created key does not turn authentication on for the rest of the run) and once with a key holding
# every permission. Any 5xx or schema violation fails it.
#
# Usage: scripts/schemathesis.sh [FAULTRAY]   (default: .build/debug/faultray, what `swift test` built)
# Environment: SCHEMATHESIS_EXAMPLES (default 20), SCHEMATHESIS_PORT (default 18642).
set -euo pipefail
cd "$(dirname "$0")/.."
faultray=${1:-.build/debug/faultray}
examples=${SCHEMATHESIS_EXAMPLES:-20}
port=${SCHEMATHESIS_PORT:-18642}
command -v st >/dev/null || python3 -m pip install --quiet schemathesis

data=$(mktemp -d)
server=
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$data"
}
trap cleanup EXIT

"$faultray" serve --demo --rate-limit off --port "$port" --data-dir "$data" >"$data/server.log" 2>&1 &
server=$!
base=http://127.0.0.1:$port
for _ in $(seq 1 150); do
    curl -sf "$base/api/health" >/dev/null 2>&1 && break
    sleep 0.2
done
curl -sf "$base/api/health" >/dev/null || { cat "$data/server.log"; echo "the server did not start" >&2; exit 1; }

run() {
    st --config-file scripts/schemathesis.toml run "$base/api/openapi.json" --url "$base" --checks all \
        --max-examples "$examples" --seed 1 "$@"
}

echo "== schemathesis without a key (key creation excluded)"
run --exclude-operation-id-regex '^createKey'

echo "== schemathesis with a key holding every permission"
key=$("$faultray" keys create --name schemathesis --permissions view_results,run_simulation,create_project \
    --tier enterprise --data-dir "$data")
sleep 1.2   # the server looks at whether keys exist at most once a second
run --header "Authorization: Bearer $key"
