"""Peer of dev.latent.bench.FigureBenchmark: matplotlib draws the same 70,000-point scatter (OUT/embedding.npy,
coloured by OUT/labels.npy) at 640 x 480 pixels, saved as PNG and SVG; medians of REPEATS timed runs after one
warm-up. Usage: python3 scatter_matplotlib.py OUT 7"""
import io
import statistics
import sys
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

out, repeats = sys.argv[1], int(sys.argv[2])
xy = np.load(out + "/embedding.npy")
labels = np.load(out + "/labels.npy")


def draw(fmt, rasterized):
    fig, ax = plt.subplots(figsize=(6.4, 4.8), dpi=100)
    sc = ax.scatter(xy[:, 0], xy[:, 1], c=labels, cmap="tab10", s=1.5, alpha=0.5, rasterized=rasterized)
    ax.set_title("PCA of MNIST (70,000 images)")
    ax.legend(*sc.legend_elements(), title="label", loc="center left", bbox_to_anchor=(1, 0.5))
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt)
    plt.close(fig)
    return buf.getbuffer().nbytes


for fmt, rasterized in (("png", False), ("svg", True), ("svg", False)):
    draw(fmt, rasterized)
    times, size = [], 0
    for _ in range(repeats if rasterized or fmt == "png" else max(3, repeats // 2)):
        t0 = time.perf_counter()
        size = draw(fmt, rasterized)
        times.append((time.perf_counter() - t0) * 1e3)
    print(f"matplotlib {fmt}{' rasterized' if rasterized else ''}: {statistics.median(times):.0f} ms, {size:,} bytes"
          f" [median of {len(times)}]")
