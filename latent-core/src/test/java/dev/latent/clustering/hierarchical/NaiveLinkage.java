package dev.latent.clustering.hierarchical;

/**
 * The textbook O(n^3) agglomerative algorithm, as an independent reference for the tests: a full n x n
 * matrix of Euclidean distances (in double), the globally closest pair merged at every step (ties to the
 * lowest row, then the lowest column), the Lance-Williams formula for the new distances, the merged cluster
 * kept in the higher slot.
 */
final class NaiveLinkage {
    private NaiveLinkage() {}

    /** The (n - 1) x 4 linkage matrix of the rows of {@code x} (n x d, row-major), SciPy's ids. */
    static double[][] linkage(float[] x, int n, int d, Linkage linkage) {
        double[][] dist = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    double diff = (double) x[i * d + c] - x[j * d + c];
                    s += diff * diff;
                }
                dist[i][j] = Math.sqrt(s);
            }
        }
        int[] size = new int[n];
        int[] id = new int[n];
        for (int i = 0; i < n; i++) {
            size[i] = 1;
            id[i] = i;
        }
        double[][] z = new double[n - 1][];
        for (int step = 0; step < n - 1; step++) {
            int bi = -1, bj = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (size[i] == 0) continue;
                for (int j = i + 1; j < n; j++) {
                    if (size[j] == 0) continue;
                    if (bi < 0 || dist[i][j] < best) {
                        best = dist[i][j];
                        bi = i;
                        bj = j;
                    }
                }
            }
            double ni = size[bi], nj = size[bj];
            for (int k = 0; k < n; k++) {
                if (size[k] == 0 || k == bi || k == bj) continue;
                double nk = size[k], dik = dist[bi][k], djk = dist[bj][k], dij = best;
                double v = switch (linkage) {
                    case SINGLE -> Math.min(dik, djk);
                    case COMPLETE -> Math.max(dik, djk);
                    case AVERAGE -> (ni * dik + nj * djk) / (ni + nj);
                    case WARD -> Math.sqrt(((ni + nk) * dik * dik + (nj + nk) * djk * djk - nk * dij * dij)
                            / (ni + nj + nk));
                    case CENTROID -> Math.sqrt(Math.max(0, (ni * dik * dik + nj * djk * djk) / (ni + nj)
                            - ni * nj * dij * dij / ((ni + nj) * (ni + nj))));
                    case MEDIAN -> Math.sqrt(Math.max(0, dik * dik / 2 + djk * djk / 2 - dij * dij / 4));
                };
                dist[bj][k] = v;
                dist[k][bj] = v;
            }
            z[step] = new double[] {Math.min(id[bi], id[bj]), Math.max(id[bi], id[bj]), best, ni + nj};
            size[bj] += size[bi];
            size[bi] = 0;
            id[bj] = n + step;
        }
        return z;
    }
}
