#!/usr/bin/env python3
"""Ratios of `ringlog bench --target log` JSON files to their same-run baselines.

QD1 files (one thread, 4 KiB): for every log backend B with a `raw:B` row, p50(B)/p50(raw:B), with a
`rawbatch:B` row p50(B)/p50(rawbatch:B), and ops/s(B)/ops/s(append_force). Thread files (rows B@1, B and raw:B): ops/s(B)/ops/s(B@1) and
p99(B)/p99(raw:B). Prints one line per file and the min/median/max over files per figure.
usage: summarize-log-runs.py FILE.json...
"""
import json
import statistics
import sys
from collections import defaultdict


def rows(path):
    with open(path) as f:
        return {r["backend"]: r for r in json.load(f)["results"]}


def ratios(r):
    out = {}
    for name, row in r.items():
        if name.startswith("raw:") or name.startswith("rawbatch:") or "@" in name or name == "append_force":
            continue
        raw = r.get("raw:" + name)
        one = r.get(name + "@1")
        if one is None:
            if raw:
                out[name + " p50/raw"] = row["p50_us"] / raw["p50_us"]
            batch = r.get("rawbatch:" + name)
            if batch:
                out[name + " p50/rawbatch"] = row["p50_us"] / batch["p50_us"]
            if "append_force" in r:
                out[name + " ops/append_force"] = row["ops_per_s"] / r["append_force"]["ops_per_s"]
        else:
            out[name + " ops/1thread"] = row["ops_per_s"] / one["ops_per_s"]
            if raw:
                out[name + " p99/raw_p99"] = row["p99_us"] / raw["p99_us"]
                out[name + "@1 p50/raw"] = one["p50_us"] / raw["p50_us"]
    return out


def main(paths):
    acc = defaultdict(list)
    for p in paths:
        rs = ratios(rows(p))
        print(p.split("/")[-1], " ".join(f"{k}={v:.2f}" for k, v in sorted(rs.items())))
        for k, v in rs.items():
            acc[k].append(v)
    print("figure: median [min-max] over", len(paths), "files")
    for k, vs in sorted(acc.items()):
        print(f"  {k:36s} {statistics.median(vs):6.2f} [{min(vs):.2f}-{max(vs):.2f}] n={len(vs)}")


if __name__ == "__main__":
    main(sys.argv[1:])
