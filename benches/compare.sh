#!/usr/bin/env bash
# reglament beside its peers, measured in one run on the same inputs, as
# one table of ratios (README.md, "Speed and peers"):
#   parse   reglament parse against the floor (read, decode, NFC: `reglament
#           bench floor`) on the shipped corpus, as whole processes; and the
#           start-up share (a one-line file against seed 004);
#   dates   date extraction against natasha's DatesExtractor (PyPI) on the
#           Russian texts of the corpus, normalized: time, and the dates
#           each finds that the other misses;
#   search  reglament, SQLite FTS5 and PostgreSQL full-text search on the
#           same provisions and queries (benches/peers, from the project's
#           shared bench): p50/p99 and top-10 overlap, at each N;
#   server  search requests per second and p99 at 64 connections (wrk).
#
#   benches/compare.sh [N ...]        (default: 100000 1000000)
#
# Installs what is missing: hyperfine, wrk and PostgreSQL from Debian's
# packages, natasha and psycopg from PyPI. Takes about ten minutes at 1M on
# two cores. Results are kept in target/compare/.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100000 1000000)
out=target/compare
mkdir -p "$out"
py=${PYTHON:-python3}

# --- what the measures need ---------------------------------------------------
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v wrk >/dev/null || need+=(wrk)
command -v curl >/dev/null || need+=(curl)
command -v bc >/dev/null || need+=(bc)
if ((${#need[@]})); then
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
"$py" -c 'import natasha' 2>/dev/null || "$py" -m pip install -q natasha
# PostgreSQL and psycopg: benches/peers/run.sh installs them when missing.

cargo build --release --quiet
bin=target/release/reglament
[ -n "${CARGO_TARGET_DIR:-}" ] && bin=$CARGO_TARGET_DIR/release/reglament

# --- parse ----------------------------------------------------------------------
seed=$(ls corpus/004_*.txt | head -1)
printf 'Постановление акимата от 1 января 2020 года № 1\n' >"$out/one-line.txt"
echo "== parse: floor and parser on corpus/, one line against $seed" >&2
hyperfine -N -w 3 -r 20 --export-json "$out/parse.json" \
    "$bin bench floor corpus" "$bin parse corpus" \
    "$bin parse $out/one-line.txt" "$bin parse $seed" >&2
floor_bytes=$("$bin" bench floor corpus | cut -d' ' -f1)

# --- dates ----------------------------------------------------------------------
echo "== dates: reglament and natasha on the Russian texts" >&2
"$bin" bench dates corpus --out "$out/dates" >&2
"$py" benches/dates_natasha.py "$out/dates" --json >"$out/dates.json"

# --- search ---------------------------------------------------------------------
for n in "${sizes[@]}"; do
    echo "== search at $n provisions: reglament, then its peers on the same provisions" >&2
    "$bin" bench search --provisions "$n" --dump "$out/provisions_$n.jsonl" --json \
        --dir "$out/index_$n" >"$out/reglament_$n.json"
    rm -rf "$out/index_$n"
    SCALED="$out/provisions_$n.jsonl" RESULTS="$out" benches/peers/run.sh "$n" >&2
    rm -f "$out/provisions_$n.jsonl"
done

# --- server ---------------------------------------------------------------------
echo "== server: search at 64 connections" >&2
benches/load.sh 15 | tee "$out/load.txt" >&2

# --- the table ------------------------------------------------------------------
"$py" benches/compare_table.py "$out" "$floor_bytes" "${sizes[@]}"
