# Peer for UmapBenchmark: umap-learn with its defaults on the first n of MNIST's 70,000 images (training set first,
# pixels scaled to [0, 1]). Runs UMAP twice in the same process and times both; the second run is the one quoted
# (the first includes numba's compilation). Writes the second embedding to OUT.npy, for UmapBenchmark's
# "score" mode (same 10-NN accuracy and trustworthiness code as ours).
# Usage: env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE NUMBA_NUM_THREADS=2 python3 latent-bench/scripts/umap_learn.py MNIST_DIR 70000 OUT.npy
import sys, time, numpy as np
import umap
d, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def images(name):
    with open(d + '/' + name, 'rb') as f: return np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784)
x = np.concatenate([images('train-images-idx3-ubyte'), images('t10k-images-idx3-ubyte')])[:n].astype(np.float32) / 255
for run in (1, 2):
    t0, c0 = time.time(), time.process_time()
    e = umap.UMAP(n_components=2, n_neighbors=15, min_dist=0.1).fit_transform(x)
    print(f"umap-learn {umap.__version__} run {run}: n {n}, {time.time() - t0:.2f} s wall, "
          f"{time.process_time() - c0:.2f} s CPU (all threads)", flush=True)
np.save(out, e.astype(np.float32))
