#!/usr/bin/env python3
"""Table of a bench/run-broker-vs-kafka.sh run: p50/p99/p99.9 (or MB/s) of every row, with the ratios
ringlog/kafka_fsync and ringlog/kafka (and ringlog/ringlog_before when that row ran), all from the same
run (medians of that run's interleaved rounds).

Usage: bench/summarize-broker-runs.py RESULTS_DIR   (reads latency-512.json, latency-4096.json, batched-512.json)
"""
import json
import os
import sys

RUNS = [("latency-512", "512 B, one in flight"), ("latency-4096", "4 KiB, one in flight"),
        ("batched-512", "512 B, batched")]
RATIOS = [("ringlog", "kafka_fsync"), ("ringlog", "kafka"), ("ringlog", "ringlog_before")]


def main(d):
    for name, label in RUNS:
        path = os.path.join(d, name + ".json")
        if not os.path.exists(path):
            continue
        with open(path) as f:
            results = json.load(f)["results"]
        rows = {r["backend"]: r for r in results}
        ratios = [(a, b) for a, b in RATIOS if a in rows and b in rows]
        names = [r["backend"] for r in results]
        print(f"\n{label} ({name}.json)\n")
        print("| figure | " + " | ".join(names) + " | " + " | ".join(f"{a} / {b}" for a, b in ratios) + " |")
        print("|---" * (1 + len(names) + len(ratios)) + "|")
        figures = [("MB/s", "mb_per_s")] if name.startswith("batched") else \
            [("p50 us", "p50_us"), ("p99 us", "p99_us"), ("p99.9 us", "p999_us")]
        for fig, key in figures:
            cells = [f"{rows[n][key]:.0f}" for n in names]
            rs = [f"{rows[a][key] / rows[b][key]:.2f}x" if rows[b][key] else "-" for a, b in ratios]
            print(f"| {fig} | " + " | ".join(cells) + " | " + " | ".join(rs) + " |")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
