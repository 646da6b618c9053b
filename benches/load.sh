#!/usr/bin/env bash
# The server under load, on 127.0.0.1 only, bounded in time:
#   1. the time from start to ready (`/healthz` answers) on an existing
#      index, as the median of 5 starts;
#   2. search requests per second and latency percentiles at 64
#      connections (wrk, Debian's), each request a query of
#      benches/queries.txt in turn.
#
#   benches/load.sh [SECONDS]      (default 20 s of load)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}
port=${PORT:-18080}
addr=127.0.0.1:$port
work=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$work"' EXIT

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
cargo build --release --quiet
bin=target/release/reglament
[ -n "${CARGO_TARGET_DIR:-}" ] && bin=$CARGO_TARGET_DIR/release/reglament

# Start the server; set `took` to the seconds until /healthz answers.
start() {
    local t0
    t0=$(date +%s.%N)
    "$bin" serve --addr "$addr" --index "$work/index" >>"$work/log" 2>&1 &
    pid=$!
    until curl -sf "http://$addr/healthz" >/dev/null 2>&1; do sleep 0.005; done
    took=$(echo "$(date +%s.%N) - $t0" | bc)
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; }

start
echo "first start (builds the index): ${took} s"
stop
times=()
for _ in 1 2 3 4 5; do
    start
    times+=("$took")
    stop
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
echo "ready on an existing index: median ${median} s of ${times[*]}"

start

# One request per query, in turn, URL-encoded once here.
python3 - "$work/queries.lua" <<'PY'
import sys, urllib.parse
qs = [l.strip() for l in open("benches/queries.txt", encoding="utf-8") if l.strip() and not l.startswith("#")]
paths = ",".join('"/api/v1/search?q=%s"' % urllib.parse.quote(q) for q in qs)
open(sys.argv[1], "w").write("""
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
""" % paths)
PY
echo "search at 64 connections for ${secs} s ($(grep -vc '^#' benches/queries.txt) queries in turn):"
wrk -t2 -c64 -d"${secs}s" --latency -s "$work/queries.lua" "http://$addr" |
    grep -E "Requests/sec|Latency  |50%|90%|99%|requests in|Non-2xx"
