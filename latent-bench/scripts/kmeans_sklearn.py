"""Peer run for KMeansBenchmark: scikit-learn KMeans on all 70,000 MNIST images.

Same data as dev.latent.bench.KMeansBenchmark (raw IDX, pixels / 255 as float32), one k-means++
seeding, Lloyd, random_state=0 (or the seeds given as a fourth argument). CPU time is time.process_time(),
the user + sys time of all the process's threads. Run with
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 latent-bench/scripts/kmeans_sklearn.py \
        /work/data/package/data 10,100 3
"""
import os
import sys
import time

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import normalized_mutual_info_score


def read_images(path):
    with open(path, "rb") as f:
        magic, n, rows, cols = np.frombuffer(f.read(16), dtype=">i4")
        if magic != 0x803:
            raise SystemExit(f"{path}: not an IDX3 unsigned-byte file")
        pixels = np.frombuffer(f.read(), dtype=np.uint8)
    return pixels.reshape(n, rows * cols).astype(np.float32) / np.float32(255)


def read_labels(path):
    with open(path, "rb") as f:
        magic, n = np.frombuffer(f.read(8), dtype=">i4")
        if magic != 0x801:
            raise SystemExit(f"{path}: not an IDX1 label file")
        return np.frombuffer(f.read(), dtype=np.uint8).astype(np.int32)


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "/work/data/package/data"
    ks = [int(k) for k in (sys.argv[2] if len(sys.argv) > 2 else "10,100").split(",")]
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    seeds = [int(s) for s in (sys.argv[4] if len(sys.argv) > 4 else "0").split(",")]
    x = np.concatenate([read_images(os.path.join(folder, "train-images-idx3-ubyte")),
                        read_images(os.path.join(folder, "t10k-images-idx3-ubyte"))])
    digits = np.concatenate([read_labels(os.path.join(folder, "train-labels-idx1-ubyte")),
                             read_labels(os.path.join(folder, "t10k-labels-idx1-ubyte"))])
    print(f"MNIST {x.shape[0]} x {x.shape[1]} {x.dtype}")
    for k in ks:
        for seed in seeds:
            seconds, cpu = [], []
            for r in range(repeats):
                c0, t0 = time.process_time(), time.perf_counter()
                m = KMeans(n_clusters=k, n_init=1, algorithm="lloyd", random_state=seed).fit(x)
                seconds.append(time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
                nmi = normalized_mutual_info_score(digits, m.labels_)
                print(f"k={k} seed {seed} run {r}: {seconds[-1]:.3f} s wall, {cpu[-1]:.3f} s cpu, {m.n_iter_} iterations, "
                      f"inertia {m.inertia_:.6e}, NMI {nmi:.4f}", flush=True)
            print(f"k={k} seed {seed} median: {float(np.median(seconds)):.3f} s wall, {float(np.median(cpu)):.3f} s cpu, "
                  f"{m.n_iter_} iterations, inertia {m.inertia_:.6e}, NMI {nmi:.4f}", flush=True)


if __name__ == "__main__":
    main()
