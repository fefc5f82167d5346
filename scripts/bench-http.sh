#!/usr/bin/env bash
# The HTTP benchmark of README's performance section, in one run: builds the release binaries, starts
# the bare Hummingbird routes (faultray-bare: a small body, one as large as the topology's, and that with the
# topology's header fields, which is what the bytes of that answer cost alone), `faultray serve --demo` on SQLite, and (unless
# CLUSTER=0) nginx in front of two `faultray serve` on one PostgreSQL, then runs wrk on each request
# side by side, ROUNDS times in turn, and prints a Markdown table: requests/s and p99 (the range over
# the rounds) and the ratio to the bare route run beside each row (a paired comparison). Each row's DURATION is
# cut into SLICES slices, each right after a slice of the bare route (bare, row, bare, row, …), and the ratio is
# that of their totals: this machine's speed drifts by up to a fifth within a minute, so the pairs are seconds
# apart.
#
# Rate limiting stays on (the default) with the free tier raised to LIMIT requests per minute: no key
# exists, so every request is counted as its client address at the free tier (the sliding log on one
# server, the per-minute row in PostgreSQL behind nginx), gets its X-RateLimit-* headers, and is never
# refused. The writes upload examples/demo.yaml, the model already served, to the default project (PUT
# /api/infrastructure): each assesses it, replaces the stored model and adds one score-history row (the
# history grows by one row per write; the next read makes the cached topology again).
#
# Needs: swift, wrk, curl, python3; for the cluster rows nginx and PostgreSQL's server programs
# (apt-get install -y wrk nginx postgresql). Settings from the environment:
#   DURATION=10s (whole seconds) SLICES=5 CONNECTIONS=64 THREADS=2 ROUNDS=2 CLUSTER=1 LIMIT=1000000000 BUILD=1
#   OUT=<new temp dir>
#   LIMITS="--tier-limits free=$LIMIT" (the servers' rate-limit flags; e.g. LIMITS="--rate-limit off")
# Every process it starts is stopped by PID when it ends; the logs and wrk outputs stay in OUT.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

DURATION=${DURATION:-10s}
SLICES=${SLICES:-5}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
ROUNDS=${ROUNDS:-2}
CLUSTER=${CLUSTER:-1}
LIMIT=${LIMIT:-1000000000}
read -r -a limits <<<"${LIMITS:---tier-limits free=$LIMIT}"
OUT=${OUT:-$(mktemp -d /tmp/faultray-bench-http.XXXXXX)}
mkdir -p "$OUT"
chmod 755 "$OUT"

say() { echo "bench-http: $*" >&2; }
die() { say "$*"; exit 1; }

seconds=${DURATION%s}
[[ "$seconds" =~ ^[0-9]+$ && "$SLICES" =~ ^[0-9]+$ && "$SLICES" -ge 1 ]] || die "DURATION must be whole seconds (10s) and SLICES a count"
slice=$((seconds / SLICES))
[ "$slice" -ge 1 ] || die "DURATION ($DURATION) must give each of the $SLICES slices a second at least"

for tool in wrk curl python3; do
    command -v "$tool" >/dev/null || die "$tool is missing (apt-get install -y wrk curl python3)"
done
NGINX=$(command -v nginx || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; } || true)
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ "$CLUSTER" = 1 ] && { [ -z "$NGINX" ] || [ ! -x "$PG_BIN/postgres" ]; }; then
    die "the cluster rows need nginx and PostgreSQL (apt-get install -y nginx postgresql), or CLUSTER=0"
fi

if [ "${BUILD:-1}" = 1 ]; then
    say "building release (log: $OUT/build.log)"
    swift build -c release --product faultray >"$OUT/build.log" 2>&1 || die "build failed, see $OUT/build.log"
    swift build -c release --product faultray-bare >>"$OUT/build.log" 2>&1 || die "build failed, see $OUT/build.log"
fi
bin=$(swift build -c release --show-bin-path)
[ -x "$bin/faultray" ] && [ -x "$bin/faultray-bare" ] || die "no release binaries in $bin (run with BUILD=1)"

# PostgreSQL (and nginx, which then needs no privileges) run as nobody when this runs as root.
as_owner=()
if [ "$(id -u)" = 0 ]; then
    as_owner=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
fi

pids=()
postgres_pid=""
cleanup() {
    local pid i
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
        pid=${pids[i]}
        kill -TERM "$pid" 2>/dev/null || continue
        for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    done
    if [ -n "$postgres_pid" ]; then
        kill -INT "$postgres_pid" 2>/dev/null || true  # fast shutdown
        for _ in $(seq 100); do kill -0 "$postgres_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$postgres_pid" 2>/dev/null || true
    fi
    rm -rf "$OUT/pg" "$OUT/sqlite"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Starts "$@" in the background, its output in $OUT/$1.log; the PID is kept for the clean-up.
start() {
    local name=$1; shift
    "$@" >"$OUT/$name.log" 2>&1 </dev/null &
    pids+=($!)
}

# Waits up to 60 s until $1 answers 200.
wait_ready() {
    for _ in $(seq 600); do
        [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1" || true)" = 200 ] && return 0
        sleep 0.1
    done
    die "$1 did not answer 200 within 60 s (logs in $OUT)"
}

sqlite_port=$(free_port)
mkdir -p "$OUT/sqlite"
start sqlite env FAULTRAY_DATA_DIR="$OUT/sqlite" "$bin/faultray" serve --demo --port "$sqlite_port" "${limits[@]}"
wait_ready "http://127.0.0.1:$sqlite_port/api/health"

# The bare routes: a small body, one as large as the topology answer, and that with the topology's header fields (all
# but Content-Length and Date, which Hummingbird writes for either).
topology_bytes=$(curl -sf "http://127.0.0.1:$sqlite_port/api/topology" | wc -c)
curl -sf -D - -o /dev/null "http://127.0.0.1:$sqlite_port/api/topology" | tr -d '\r' | grep ':' \
    | grep -v -i -E '^(content-length|date):' >"$OUT/topology-fields.txt"
bare_port=$(free_port)
start bare "$bin/faultray-bare" "$bare_port" "$topology_bytes" "$OUT/topology-fields.txt"
wait_ready "http://127.0.0.1:$bare_port/bare"

lua_put="$OUT/put.lua"
python3 - "$root/examples/demo.yaml" "$lua_put" <<'EOF'
import json, sys
body = open(sys.argv[1]).read()
with open(sys.argv[2], "w") as f:
    f.write('wrk.method = "PUT"\nwrk.headers["Content-Type"] = "application/yaml"\nwrk.body = %s\n' % json.dumps(body))
EOF

if [ "$CLUSTER" = 1 ]; then
    mkdir -p "$OUT/pg"
    [ ${#as_owner[@]} -eq 0 ] || chown nobody "$OUT/pg"
    "${as_owner[@]}" "$PG_BIN/initdb" -D "$OUT/pg/data" -U faultray --auth=trust -E UTF8 --no-sync >"$OUT/initdb.log" 2>&1 \
        || die "initdb failed, see $OUT/initdb.log"
    pg_port=$(free_port)
    "${as_owner[@]}" "$PG_BIN/postgres" -D "$OUT/pg/data" -p "$pg_port" -k "$OUT/pg" -c listen_addresses=127.0.0.1 \
        -c max_connections=300 >"$OUT/postgres.log" 2>&1 </dev/null &
    postgres_pid=$!
    for _ in $(seq 600); do "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$pg_port" && break; sleep 0.1; done
    "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$pg_port" || die "PostgreSQL did not start within 60 s, see $OUT/postgres.log"
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$pg_port" -U faultray faultray || die "createdb failed"
    database="postgres://faultray@127.0.0.1:$pg_port/faultray?sslmode=disable"

    server_ports=()
    for n in 1 2; do
        port=$(free_port)
        server_ports+=("$port")
        start "pg-server-$n" "$bin/faultray" serve --database "$database" --port "$port" --trust-proxy "${limits[@]}"
        wait_ready "http://127.0.0.1:$port/api/health"
    done
    # Both servers serve the model the first uploads.
    curl -sf -o /dev/null -X PUT -H 'Content-Type: application/yaml' --data-binary "@$root/examples/demo.yaml" \
        "http://127.0.0.1:${server_ports[0]}/api/infrastructure" || die "the demo upload to the PostgreSQL servers failed"

    # deploy/nginx.conf as it is, but for these ports, inside a main configuration of this directory's own.
    lb_port=$(free_port)
    sed -e "s/listen 80;/listen 127.0.0.1:$lb_port;/" -e "s/127.0.0.1:8001/127.0.0.1:${server_ports[0]}/" \
        -e "s/127.0.0.1:8002/127.0.0.1:${server_ports[1]}/" "$root/deploy/nginx.conf" >"$OUT/faultray-nginx.conf"
    lb="$OUT/nginx"
    mkdir -p "$lb"
    [ ${#as_owner[@]} -eq 0 ] || chown nobody "$lb"
    cat >"$OUT/nginx.conf" <<EOF
worker_processes 1;
error_log $lb/error.log;
pid $lb/nginx.pid;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $lb/body;
    proxy_temp_path $lb/proxy;
    fastcgi_temp_path $lb/fastcgi;
    uwsgi_temp_path $lb/uwsgi;
    scgi_temp_path $lb/scgi;
    include $OUT/faultray-nginx.conf;
}
EOF
    start nginx "${as_owner[@]}" "$NGINX" -p "$lb" -c "$OUT/nginx.conf" -e "$lb/error.log" -g "daemon off;"
    wait_ready "http://127.0.0.1:$lb_port/api/health"
fi

# The rows: label, URL, and wrk's script (empty: GET).
rows=(
    "bare Hummingbird route (\`faultray-bare\`)|http://127.0.0.1:$bare_port/bare|"
    "bare Hummingbird route, a body as large as the topology ($topology_bytes bytes)|http://127.0.0.1:$bare_port/bare/sized|"
    "bare Hummingbird route, that body with the topology's header fields|http://127.0.0.1:$bare_port/bare/fields|"
    "SQLite, one server: cached \`GET /api/topology\`|http://127.0.0.1:$sqlite_port/api/topology|"
    "SQLite, one server: \`GET /api/health\`|http://127.0.0.1:$sqlite_port/api/health|"
    "SQLite, one server: \`PUT /api/infrastructure\` (the demo)|http://127.0.0.1:$sqlite_port/api/infrastructure|$lua_put"
)
if [ "$CLUSTER" = 1 ]; then
    rows+=(
        "nginx, two servers, PostgreSQL: cached \`GET /api/topology\`|http://127.0.0.1:$lb_port/api/topology|"
        "nginx, two servers, PostgreSQL: \`GET /api/health\`|http://127.0.0.1:$lb_port/api/health|"
        "nginx, two servers, PostgreSQL: \`PUT /api/infrastructure\` (the demo)|http://127.0.0.1:$lb_port/api/infrastructure|$lua_put"
    )
fi

# wrk's requests, seconds, p99 (ms), non-2xx count and socket errors from its output file.
parse() {
    python3 - "$1" <<'EOF'
import re, sys
text = open(sys.argv[1]).read()
requests, elapsed, elapsed_unit = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m)\b", text).groups()
seconds = float(elapsed) * {"us": 1e-6, "ms": 1e-3, "s": 1, "m": 60}[elapsed_unit]
value, unit = re.search(r"^\s*99%\s+([\d.]+)(us|ms|s)\s*$", text, re.M).groups()
p99 = float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
bad = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", text)
errors = re.search(r"Socket errors: (.*)", text)
print("%d\t%.3f\t%.2f\t%d\t%s" % (int(requests), seconds, p99, int(bad.group(1)) if bad else 0,
                                 errors.group(1).strip() if errors else ""))
EOF
}

# Runs wrk for one slice on row $2's URL (with its script) for round $1, as wrk-ROUND-NAME.txt ($3), and appends its
# figures to $results under the row's index, or under "bare-INDEX" when $4 says the run is the bare route paired
# with that row.
measure() {
    local round=$1 i=$2 name=$3 key=${4:-$2} label url script file
    IFS='|' read -r label url script <<<"${rows[i]}"
    # A first request fills the cache (and sees that the route answers) before the measured run.
    curl -s -o /dev/null --max-time 60 "$url" || true
    file="$OUT/wrk-$round-$name.txt"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${slice}s" --latency ${script:+-s "$script"} "$url" >"$file" 2>&1 \
        || die "wrk failed on $url, see $file"
    printf '%s\t%s\t%s\n' "$round" "$key" "$(parse "$file")" >>"$results"
    say "round $round: ${label//\`/}: $(awk -F'\t' '{printf "%.0f requests/s, p99 %s ms", $3 / $4, $5}' <<<"$(tail -n 1 "$results")")"
}

results="$OUT/results.tsv"
: >"$results"
say "load before: $(uptime)"
for round in $(seq "$ROUNDS"); do
    for i in "${!rows[@]}"; do
        # Every other row is compared with slices of the bare route run between its own: this machine's speed
        # drifts by a fifth within a minute, which a single bare run per round would count against the rows after it.
        for part in $(seq "$SLICES"); do
            [ "$i" = 0 ] || measure "$round" 0 "$i-bare-$part" "bare-$i"
            measure "$round" "$i" "$i-$part"
        done
    done
done
say "load after: $(uptime)"

python3 - "$results" "$ROUNDS" "$DURATION" "$SLICES" "$CONNECTIONS" "$THREADS" "${limits[*]}" "${rows[@]}" <<'EOF' | tee "$OUT/table.md"
import sys
results, rounds, duration, slices, connections, threads, flags = sys.argv[1:8]
labels = [row.split("|")[0] for row in sys.argv[8:]]
# The slices of one key in one round, summed: requests over seconds, the highest p99, the non-2xx and errors.
runs = {}
for line in open(results):
    r, key, requests, seconds, p99, bad, errors = (line.rstrip("\n").split("\t") + [""])[:7]
    total = runs.setdefault((int(r), key), [0, 0.0, 0.0, 0, set()])
    total[0] += int(requests); total[1] += float(seconds); total[2] = max(total[2], float(p99)); total[3] += int(bad)
    if errors:
        total[4].add(errors)
data, paired = {}, {}
for (r, key), (requests, seconds, p99, bad, errors) in sorted(runs.items()):
    figures = (r, requests / seconds, p99, bad, "; ".join(sorted(errors)))
    if key.startswith("bare-"):
        paired[(r, int(key[5:]))] = requests / seconds
        data.setdefault(0, []).append(figures)
    else:
        data.setdefault(int(key), []).append(figures)
def span(values, fmt):
    lo, hi = min(values), max(values)
    return fmt(lo) if fmt(lo) == fmt(hi) else "%s–%s" % (fmt(lo), fmt(hi))
print("| request | requests/s | p99 | of the bare route's requests/s | non-2xx / socket errors |")
print("|---|---:|---:|---:|---|")
for i, label in enumerate(labels):
    runs = data.get(i, [])
    if not runs:
        continue
    rps = span([x[1] for x in runs], lambda v: "{:,.0f}".format(v))
    p99 = span([x[2] for x in runs], lambda v: "%.1f ms" % v)
    ratio = "" if i == 0 else span([x[1] / paired[(x[0], i)] * 100 for x in runs], lambda v: "%.0f %%" % v)
    bad = sum(x[3] for x in runs)
    errors = "; ".join(sorted({x[4] for x in runs if x[4]}))
    print("| %s | %s | %s | %s | %s |" % (label, rps, p99, ratio, ("%d" % bad) + (" / " + errors if errors else "")))
print()
print("(wrk -t%s -c%s --latency, %s rounds of %s per row in %s slices, each after a slice of the bare route; ranges over "
      "the rounds (the bare route: over every run); p99: the highest of a round's slices; ratio: to the bare route's "
      "slices between the row's, in each round; servers run with `%s`, no keys)"
      % (threads, connections, rounds, duration, slices, flags))
EOF
say "logs and wrk outputs: $OUT"
