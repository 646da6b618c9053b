#!/usr/bin/env python3
"""natasha's DatesExtractor on the texts `reglament bench dates` wrote, and
the two side by side: time, and the dates each finds that the other misses.

    python3 benches/dates_natasha.py DIR [--runs N] [--json]

DIR holds NNNN.txt (the normalized Russian texts) and reglament.json (what
reglament found in them, with character offsets, and its median time).
A natasha date counts as found by reglament when a reglament date overlaps
it and agrees on every part natasha states (year, month, day): natasha also
reports partial dates («2019 года», «1 января»), which reglament, reading
an act's dates, does not take for dates.
"""
import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from natasha import DatesExtractor, MorphVocab


def natasha_dates(extractor, text):
    out = []
    for m in extractor(text):
        f = m.fact
        out.append({"start": m.start, "end": m.stop, "text": text[m.start:m.stop],
                    "year": f.year, "month": f.month, "day": f.day})
    return out


def agrees(n, r):
    overlap = n["start"] < r["end"] and r["start"] < n["end"]
    return overlap and all(n[k] is None or n[k] == r[k] for k in ("year", "month", "day"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    d = Path(a.dir)
    ours = json.loads((d / "reglament.json").read_text())
    texts = {f["file"]: (d / f["file"]).read_text() for f in ours["files"]}
    extractor = DatesExtractor(MorphVocab())
    times, found = [], {}
    for _ in range(max(1, a.runs)):
        t0 = time.perf_counter()
        found = {name: natasha_dates(extractor, t) for name, t in texts.items()}
        times.append(time.perf_counter() - t0)
    nat_s = statistics.median(times)
    both = nat_only = ours_only = partial = 0
    missed_examples = []
    for f in ours["files"]:
        mine = f["dates"]
        theirs = found[f["file"]]
        for n in theirs:
            full = None not in (n["year"], n["month"], n["day"])
            partial += not full
            if any(agrees(n, r) for r in mine):
                both += 1
            else:
                nat_only += 1
                if len(missed_examples) < 12:
                    missed_examples.append(n["text"])
        ours_only += sum(1 for r in mine if not any(agrees(n, r) for n in theirs))
    report = {
        "texts": len(texts), "bytes": ours["bytes"],
        "reglament_ms": ours["seconds"] * 1e3, "natasha_ms": nat_s * 1e3,
        "speedup": nat_s / ours["seconds"] if ours["seconds"] else None,
        "natasha_dates": both + nat_only, "natasha_partial": partial,
        "found_by_both": both, "natasha_only": nat_only, "reglament_only": ours_only,
        "natasha_only_examples": missed_examples,
    }
    if a.json:
        json.dump(report, sys.stdout, ensure_ascii=False)
        print()
    else:
        for k, v in report.items():
            print(f"{k}: {v}")


if __name__ == "__main__":
    main()
