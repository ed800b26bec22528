#!/usr/bin/env python3
"""Table of a bench/run-broker-vs-kafka.sh run: p50/p99/p99.9 and MB/s per broker, with the ratios
ringlog/kafka_fsync and ringlog/kafka from the same run (medians of that run's interleaved rounds).

Usage: bench/summarize-broker-runs.py RESULTS_DIR   (reads latency-512.json, latency-4096.json, batched-512.json)
"""
import json
import os
import sys

RUNS = [("latency-512", "512 B, one in flight"), ("latency-4096", "4 KiB, one in flight"),
        ("batched-512", "512 B, batched")]


def rows(path):
    with open(path) as f:
        return {r["backend"]: r for r in json.load(f)["results"]}


def ratio(a, b):
    return f"{a / b:.2f}x" if b else "-"


def main(d):
    print("| run | figure | kafka_fsync | kafka | ringlog | ringlog / kafka_fsync | ringlog / kafka |")
    print("|---|---|---|---|---|---|---|")
    for name, label in RUNS:
        path = os.path.join(d, name + ".json")
        if not os.path.exists(path):
            continue
        r = rows(path)
        kf, k, rl = r.get("kafka_fsync"), r.get("kafka"), r.get("ringlog")
        if not (kf and k and rl):
            print(f"| {label} | missing rows in {path} | | | | | |")
            continue
        figures = [("MB/s", "mb_per_s")] if name.startswith("batched") else \
            [("p50 us", "p50_us"), ("p99 us", "p99_us"), ("p99.9 us", "p999_us")]
        for fig, key in figures:
            print(f"| {label} | {fig} | {kf[key]:.0f} | {k[key]:.0f} | {rl[key]:.0f} | "
                  f"{ratio(rl[key], kf[key])} | {ratio(rl[key], k[key])} |")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
