#!/usr/bin/env bash
# Fill fuzz/corpus/<target>/ with seeds made from the shipped corpus
# (../corpus) and the benchmark queries. Safe to re-run: each seed is named
# by what it was made from, so a re-run overwrites rather than adds. The
# generated corpora are not committed (.gitignore).
#
#   decode, parse  every text: corpus/*.txt, corpus/extra/*, each act
#                  folder's rus.md and kaz.md
#   folder         each act folder as meta.yaml, rus.md, kaz.md joined by
#                  the separator line (an empty part for a missing text)
#   diff           each text beside itself with its digits changed, and
#                  each loose text beside the next: two texts joined by the
#                  separator line
#   query          each line of benches/queries.txt and
#                  ../shared/bench/queries.txt (when there), and a few
#                  queries with `name=value` filter lines
set -euo pipefail
cd "$(dirname "$0")"
root=..
out=corpus
# The line between the parts of one input (reglament_fuzz::SEPARATOR).
sep=$'\n--8<--\n'

mkdir -p "$out"/{decode,parse,folder,diff,query}

# A seed's file name: the source path with / made _ (unique, readable).
name() { echo "${1#"$root"/}" | tr '/' '_'; }

texts=()
while IFS= read -r -d '' f; do texts+=("$f"); done < <(
    find "$root/corpus" -type f \( -name '*.txt' -o -name '*.md' \) \
        ! -name SOURCES.md ! -name README.md -print0 | sort -z)

for f in "${texts[@]}"; do
    cp "$f" "$out/decode/$(name "$f")"
    cp "$f" "$out/parse/$(name "$f")"
    # The same text, its digits changed (new dates, numbers, durations).
    { cat "$f"; printf '%s' "$sep"; tr '123' '234' < "$f"; } > "$out/diff/$(name "$f")"
done

loose=()
for f in "${texts[@]}"; do
    case "$f" in *.txt) loose+=("$f") ;; esac
done
for ((i = 0; i + 1 < ${#loose[@]}; i++)); do
    a=${loose[$i]} b=${loose[$((i + 1))]}
    { cat "$a"; printf '%s' "$sep"; cat "$b"; } > "$out/diff/pair_$(name "$a")"
done

while IFS= read -r -d '' meta; do
    dir=$(dirname "$meta")
    {
        cat "$meta"
        printf '%s' "$sep"
        [ -f "$dir/rus.md" ] && cat "$dir/rus.md"
        printf '%s' "$sep"
        [ -f "$dir/kaz.md" ] && cat "$dir/kaz.md"
    } > "$out/folder/$(name "$dir")"
done < <(find "$root/corpus" -name meta.yaml -print0 | sort -z)

n=0
for list in "$root/benches/queries.txt" "$root/../shared/bench/queries.txt"; do
    [ -f "$list" ] || continue
    while IFS= read -r line; do
        n=$((n + 1))
        printf '%s' "$line" > "$out/query/line_$(basename "$(dirname "$list")")_$n"
    done < "$list"
done
# Filters, one `name=value` a line after the query text.
printf '%s\n' 'регистрация безработных' 'status=in_force' 'region=KZ-27' \
    'year=2015..2019' 'lang=ru' 'level=provision' > "$out/query/filters_1"
printf '%s\n' '«жұмыспен қамту' 'as_of=2016-01-01' 'kind=resolution' 'body=akimat' \
    'service=справки' 'page=2' 'per_page=20' > "$out/query/filters_2"

for t in decode parse folder diff query; do
    echo "$t: $(ls "$out/$t" | wc -l) seeds"
done
