# Peer for KnnBenchmark: PyNNDescent's k-NN graph of the 70,000 MNIST images (training then test, scaled to
# [0, 1]); builds it twice (the first run includes numba's JIT compilation) and prints the wall and process
# CPU time and the recall of each against the exact graph written by KnnBenchmark (int32 .npy, n x k, self excluded).
# Usage: env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE NUMBA_NUM_THREADS=2 \
#            python3 latent-bench/scripts/knn_pynndescent.py MNIST_DIR TRUTH_NPY [K] [LIMIT] [euclidean|cosine]
import sys, time, numpy as np
from pynndescent import NNDescent
d, truth_file = sys.argv[1], sys.argv[2]
k = int(sys.argv[3]) if len(sys.argv) > 3 else 15
limit = int(sys.argv[4]) if len(sys.argv) > 4 else 70000
metric = sys.argv[5] if len(sys.argv) > 5 else 'euclidean'
def images(name):
    with open(d + '/' + name, 'rb') as f:
        return np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784)
x = (np.concatenate([images('train-images-idx3-ubyte'), images('t10k-images-idx3-ubyte')])[:limit]
     .astype(np.float32) / 255)
n = x.shape[0]
truth = np.load(truth_file).reshape(n, k)
for run in (1, 2):
    t0, c0 = time.time(), time.process_time()
    # k + 1 neighbours: PyNNDescent lists each row as its own nearest neighbour
    index = NNDescent(x, n_neighbors=k + 1, metric=metric, random_state=run)
    idx, _ = index.neighbor_graph
    t, c = time.time() - t0, time.process_time() - c0
    found = idx[:, 1:]
    hits = sum(len(np.intersect1d(found[i], truth[i])) for i in range(n))
    print(f"pynndescent run {run}: wall {t:.2f} s, cpu {c:.2f} s, recall {hits / (n * k):.4f}")
