#!/usr/bin/env bash
# Compares the per-request CPU of two `faultray` binaries on one request, both under load at the same time, so
# that this machine's drift (its speed varies by up to a fifth within a minute) hits both alike; a change of a
# few per cent is not measurable by running one after the other. Each round: wrk -t1 -c32 on each server for
# SECS seconds, at once; then each server's CPU time (user + system, from /proc) per request it answered, and B/A.
#
#   scripts/bench-ab.sh A_BINARY B_BINARY [PATH]      PATH: /api/topology by default
#   settings: ROUNDS=5 SECS=5 (the servers run `serve --demo --tier-limits free=1000000000`, as bench-http.sh)
#
# The same binary as A and B shows the method's own spread: ±2.5 % to ±12 % in a round on this machine, by how
# steady it is at the time; so take several rounds, and run A/A beside A/B.
set -euo pipefail
# Without two binaries: the comment above, as help.
[ $# -ge 2 ] || { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 2; }
a=$1 b=$2 path=${3:-/api/topology}
ROUNDS=${ROUNDS:-5}
SECS=${SECS:-5}
command -v wrk >/dev/null || { echo "bench-ab: wrk is missing (apt-get install -y wrk)" >&2; exit 1; }
out=$(mktemp -d /tmp/faultray-bench-ab.XXXXXX)
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$out"' EXIT
ports=()
for binary in "$a" "$b"; do
    port=$(free_port)
    mkdir -p "$out/$port"
    "$binary" serve --demo --port "$port" --data-dir "$out/$port" --tier-limits free=1000000000 >"$out/$port.log" 2>&1 &
    pids+=($!)
    ports+=("$port")
done
for port in "${ports[@]}"; do
    for _ in $(seq 300); do curl -sf -o /dev/null "http://127.0.0.1:$port/api/health" && break; sleep 0.1; done
done
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# Runs wrk on both servers at once for $1 seconds, outputs in $out/wrk-0.txt and wrk-1.txt.
both() {
    wrk -t1 -c32 -d"$1"s "http://127.0.0.1:${ports[0]}$path" >"$out/wrk-0.txt" &
    local first=$!
    wrk -t1 -c32 -d"$1"s "http://127.0.0.1:${ports[1]}$path" >"$out/wrk-1.txt"
    wait "$first"
}
both 1  # warm-up
for round in $(seq "$ROUNDS"); do
    a0=$(cpu "${pids[0]}") b0=$(cpu "${pids[1]}")
    both "$SECS"
    a1=$(cpu "${pids[0]}") b1=$(cpu "${pids[1]}")
    na=$(awk '/requests in/ {print $1}' "$out/wrk-0.txt") nb=$(awk '/requests in/ {print $1}' "$out/wrk-1.txt")
    awk -v r="$round" -v a0="$a0" -v a1="$a1" -v b0="$b0" -v b1="$b1" -v na="$na" -v nb="$nb" -v k="$(getconf CLK_TCK)" 'BEGIN {
        ca = (a1 - a0) / k * 1e6 / na; cb = (b1 - b0) / k * 1e6 / nb
        printf "round %d: A %d requests, %.1f µs CPU each; B %d requests, %.1f µs CPU each; B/A %.3f\n", r, na, ca, nb, cb, cb / ca }'
done
