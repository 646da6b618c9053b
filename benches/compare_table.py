#!/usr/bin/env python3
"""The table benches/compare.sh prints, from the results it keeps.

    compare_table.py DIR FLOOR_BYTES N [N ...]
"""
import json
import re
import sys
from pathlib import Path


def load(p):
    return json.loads(Path(p).read_text())


def overlap(a, b):
    """Mean share of the shorter top 10 that the other engine also ranks in
    its top 10, over the queries where both find something."""
    qa = {q["q"]: q["top10"] for q in a["queries"]}
    shares = []
    for q in b["queries"]:
        x, y = qa.get(q["q"], []), q["top10"]
        if x and y:
            shares.append(len(set(x) & set(y)) / min(len(x), len(y)))
    return sum(shares) / len(shares) if shares else float("nan"), len(shares)


def main():
    d = Path(sys.argv[1])
    floor_bytes = int(sys.argv[2])
    sizes = sys.argv[3:]
    rows = []

    def row(measure, ours, theirs, ratio, goal, ok):
        rows.append([measure, ours, theirs, ratio, goal, "yes" if ok else "NO"])

    runs = {r["command"]: r for r in load(d / "parse.json")["results"]}
    med = {c: r["median"] for c, r in runs.items()}
    by = lambda key: next(v for c, v in med.items() if key(c))
    floor = by(lambda c: "bench floor" in c)
    parse = by(lambda c: c.endswith("parse corpus"))
    one = by(lambda c: "one-line" in c)
    seed = by(lambda c: "parse corpus/004" in c)
    mb = floor_bytes / 1e6
    row("parse, corpus (wall)", f"{mb / parse:.1f} MB/s", f"floor {mb / floor:.1f} MB/s",
        f"{parse / floor:.2f}x floor", "<= 5x", parse / floor <= 5)
    user = lambda c: runs[c]["user"]
    fu = user(next(c for c in runs if "bench floor" in c))
    pu = user(next(c for c in runs if c.endswith("parse corpus")))
    rows.append(["parse, corpus (CPU)", f"{pu * 1e3:.0f} ms", f"floor {fu * 1e3:.0f} ms",
                 f"{pu / fu:.2f}x floor", "(all cores' time)", ""])
    row("start-up share", f"one line {one * 1e3:.1f} ms", f"seed 004 {seed * 1e3:.1f} ms",
        f"{one / seed:.3f}", "<= 0.1", one / seed <= 0.1)

    dt = load(d / "dates.json")
    found = dt["found_by_both"]
    row("dates (ru corpus)", f"{dt['reglament_ms']:.1f} ms", f"natasha {dt['natasha_ms']:.0f} ms",
        f"{dt['speedup']:.0f}x", ">= 500x", dt["speedup"] >= 500)
    row("dates natasha finds", f"{found}/{dt['natasha_dates']}",
        f"reglament-only {dt['reglament_only']}", f"natasha-only {dt['natasha_only']}",
        "every one", dt["natasha_only"] == 0)

    for n in sizes:
        r = load(d / f"reglament_{n}.json")
        s = load(d / f"sqlite_fts5_{n}.json")
        p = load(d / f"postgres_fts_{n}.json")
        row(f"search {int(n):,} p50/p99", f"{r['p50_ms']:.2f}/{r['p99_ms']:.2f} ms",
            f"FTS5 {s['p50_ms']:.2f}/{s['p99_ms']:.2f}, PG {p['p50_ms']:.2f}/{p['p99_ms']:.2f}",
            f"PG/ours p99 {p['p99_ms'] / r['p99_ms']:.1f}x, FTS5/ours {s['p99_ms'] / r['p99_ms']:.1f}x",
            "p99 < 10 ms, >= 10x PG" if n == sizes[-1] else "",
            r["p99_ms"] < 10 and p["p99_ms"] / r["p99_ms"] >= 10 if n == sizes[-1] else True)
        os_, ns = overlap(r, s)
        op, np_ = overlap(r, p)
        rows.append([f"search {int(n):,} top-10 overlap", "", f"FTS5 {os_:.0%} ({ns} q), PG {op:.0%} ({np_} q)",
                     "", "", ""])

    load_txt = (d / "load.txt").read_text()
    rps = re.search(r"Requests/sec:\s+([\d.]+)", load_txt)
    p99 = re.search(r"99%\s+([\d.]+)(\w+)", load_txt)
    if rps and p99:
        rows.append(["server, 64 connections", f"{float(rps.group(1)):.0f} req/s",
                     f"p99 {p99.group(1)} {p99.group(2)}", "", "", ""])

    hdr = ["measure", "reglament", "peer / floor", "ratio", "goal", "met"]
    out = [hdr] + rows
    w = [max(len(r[i]) for r in out) for i in range(len(hdr))]
    for k, r in enumerate(out):
        print("| " + " | ".join(c.ljust(w[i]) for i, c in enumerate(r)) + " |")
        if k == 0:
            print("|" + "|".join("-" * (x + 2) for x in w) + "|")


if __name__ == "__main__":
    main()
