#!/usr/bin/env python3
"""Prints GFLOP/s medians per shape and thread count from the JMH JSON files of the GEMM benchmarks.

usage: gemm_table.py gemm-vecnn.json gemm-openblas-default.json [gemm-reference.json ...]
"""
import json
import statistics
import sys

rows = {}
columns = []
for path in sys.argv[1:]:
    for r in json.load(open(path)):
        name = r["benchmark"].rsplit(".", 1)[-1]
        params = r.get("params", {})
        key = (params.get("shape"), params.get("threads", "1"))
        g = r["secondaryMetrics"].get("gflops")
        if g is None:
            continue
        raw = [x for it in g["rawData"] for x in it]
        if name not in columns:
            columns.append(name)
        rows.setdefault(key, {})[name] = statistics.median(raw)


def order(key):
    shape, threads = key
    dims, t = shape.split(":")
    m, n, k = map(int, dims.split("x"))
    square = m == n == k
    return (not square, max(m, n, k) > 10000, -min(m, n, k) if not square else m, shape, int(threads))


print("| shape (MxNxK:op) | threads | " + " | ".join(c + " GFLOP/s" for c in columns) + " | vecnn / openblas |")
print("|---|---|" + "---|" * (len(columns) + 1))
for key in sorted(rows, key=order):
    vals = rows[key]
    cells = ["%.1f" % vals[c] if c in vals else "-" for c in columns]
    ratio = "%.2f" % (vals["vecnn"] / vals["openblas"]) if "vecnn" in vals and vals.get("openblas") else "-"
    print("| %s | %s | %s | %s |" % (key[0], key[1], " | ".join(cells), ratio))
