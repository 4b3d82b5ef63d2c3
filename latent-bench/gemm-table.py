#!/usr/bin/env python3
"""Turns GemmBenchmark JSON results (jmh -rf json) into a Markdown table of median GFLOP/s per shape and thread count.

usage: python3 latent-bench/gemm-table.py gemm.json [more.json ...]
Several files (repeated runs) are pooled: the median is over all measurement iterations of all files.
"""
import json
import statistics
import sys

scores = {}  # (shape, method) -> list of ms/op
for path in sys.argv[1:]:
    with open(path) as f:
        for r in json.load(f):
            method = r["benchmark"].rsplit(".", 1)[1]
            shape = (r["params"]["shape"], r["params"].get("threads", "2"))
            for fork in r["primaryMetric"]["rawData"]:
                scores.setdefault((shape, method), []).extend(fork)


def gflops(shape, ms):
    m, k, n = (int(x) for x in shape[0].split(":")[0].split("x"))
    return 2.0 * m * n * k / (ms * 1e-3) / 1e9


shapes = []
for shape, _ in scores:
    if shape not in shapes:
        shapes.append(shape)
print("| shape m x k x n | threads | Latent vector GFLOP/s | Latent scalar GFLOP/s | OpenBLAS GFLOP/s | vector / OpenBLAS | runs (iterations) |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for shape in shapes:
    med = {meth: statistics.median(v) for (s, meth), v in scores.items() if s == shape}
    g = {meth: gflops(shape, ms) for meth, ms in med.items()}
    vec, sca, blas = g.get("latent"), g.get("latentScalar"), g.get("openblas")
    ratio = f"{vec / blas:.0%}" if vec and blas else "-"
    fmt = lambda x: f"{x:.1f}" if x else "-"
    count = len(scores.get((shape, "latent"), []))
    label = shape[0].replace(":", " ")
    print(f"| {label} | {shape[1]} | {fmt(vec)} | {fmt(sca)} | {fmt(blas)} | {ratio} | {count} |")
