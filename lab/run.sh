#!/usr/bin/env bash
# The fidelity lab in one command: builds faultray if needed, starts the system on loopback, injects
# every scenario of lab/scenarios.json and writes lab-report.md and lab-report.json (default: docs/).
# Options are passed to lab/lab.py (--window, --rate, --baselines, --only, --out); see lab/README.md.
# Exit code: 0 when every scenario agrees, is inconclusive or is a known gap; 1 when one disagrees.
set -euo pipefail
cd "$(dirname "$0")/.."
faultray="${FAULTRAY:-.build/debug/faultray}"
if [ ! -x "$faultray" ]; then swift build --product faultray; fi
out=docs
for arg in "$@"; do [ "$arg" = "--out" ] && out=""; done
exec /usr/bin/python3 lab/lab.py --faultray "$faultray" ${out:+--out "$out"} "$@"
