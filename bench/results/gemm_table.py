#!/usr/bin/env python3
"""Prints GFLOP/s medians per shape and thread count from the JMH JSON files of the GEMM benchmarks.

usage: gemm_table.py gemm-*.json [gemm-reference.json ...]   (files named *skylakex* hold OpenBLAS
with OPENBLAS_CORETYPE=SkylakeX)
"""
import json
import statistics
import sys

rows = {}
columns = []
for path in sys.argv[1:]:
    for r in json.load(open(path)):
        name = r["benchmark"].rsplit(".", 1)[-1]
        if name == "openblas" and "skylakex" in path:
            name = "openblas SkylakeX"
        params = r.get("params", {})
        key = (params.get("shape"), params.get("threads", "1"))
        g = r["secondaryMetrics"].get("gflops")
        if g is None:
            continue
        raw = [x for it in g["rawData"] for x in it]
        if name not in columns:
            columns.append(name)
        rows.setdefault(key, {})[name] = statistics.median(raw)


# vecnn first, then OpenBLAS as installed, OpenBLAS SkylakeX, the scalar reference, whatever else.
PREFERRED = ["vecnn", "openblas", "openblas SkylakeX", "reference"]
columns.sort(key=lambda c: PREFERRED.index(c) if c in PREFERRED else len(PREFERRED))


def order(key):
    shape, threads = key
    dims, t = shape.split(":")
    m, n, k = map(int, dims.split("x"))
    square = m == n == k
    return (not square, max(m, n, k) > 10000, -min(m, n, k) if not square else m, shape, int(threads))


print("| shape (MxNxK:op) | threads | " + " | ".join(c + " GFLOP/s" for c in columns)
      + " | vecnn / best OpenBLAS |")
print("|---|---|" + "---|" * (len(columns) + 1))
for key in sorted(rows, key=order):
    vals = rows[key]
    cells = ["%.1f" % vals[c] if c in vals else "-" for c in columns]
    # OpenBLAS as installed and with OPENBLAS_CORETYPE=SkylakeX: compare against the faster.
    blas = max([v for c, v in vals.items() if c.startswith("openblas")], default=0)
    ratio = "%.2f" % (vals["vecnn"] / blas) if "vecnn" in vals and blas else "-"
    print("| %s | %s | %s | %s |" % (key[0], key[1], " | ".join(cells), ratio))
