# Peer for TsneBenchmark: scikit-learn PCA(50) then TSNE on the first n MNIST test images; prints times and LOO 10-NN accuracy.
# Usage: env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 latent-bench/scripts/tsne_sklearn.py MNIST_DIR 5000
import sys, time, numpy as np
from sklearn.decomposition import PCA
from sklearn.manifold import TSNE
from sklearn.neighbors import KNeighborsClassifier
from sklearn.model_selection import cross_val_score
d, n = sys.argv[1], int(sys.argv[2])
with open(d + '/t10k-images-idx3-ubyte', 'rb') as f: x = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784)[:n].astype(np.float32) / 255
with open(d + '/t10k-labels-idx1-ubyte', 'rb') as f: y = np.frombuffer(f.read(), np.uint8, offset=8)[:n]
t0 = time.time(); p = PCA(50).fit_transform(x); t1 = time.time()
e = TSNE(2, perplexity=30, init='pca', learning_rate='auto', random_state=0, n_jobs=2).fit_transform(p); t2 = time.time()
# leave-one-out 10-NN: neighbours of each point excluding itself
from sklearn.neighbors import NearestNeighbors
idx = NearestNeighbors(n_neighbors=11).fit(e).kneighbors(e, return_distance=False)[:, 1:]
votes = y[idx]
pred = np.array([np.bincount(v, minlength=10).argmax() for v in votes])
print(f"n {n}: pca {t1-t0:.2f} s, tsne {t2-t1:.2f} s, 10-NN accuracy {np.mean(pred == y):.4f}")
