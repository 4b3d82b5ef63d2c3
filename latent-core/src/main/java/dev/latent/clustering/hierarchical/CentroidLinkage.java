package dev.latent.clustering.hierarchical;

import dev.latent.internal.Parallel;

/**
 * Centroid and median linkage through Müllner's generic algorithm, on cluster centroids instead of a
 * distance matrix.
 * <p>These linkages are not reducible (a merge can bring the new cluster closer to a third one than
 * either part was), so the nearest-neighbour chain does not apply. Each live cluster {@code s} caches its
 * nearest live cluster among the higher slots; every step merges the globally closest pair, then
 * compares the new cluster with every lower slot and rescans only those whose cached neighbour was one of
 * the two merged clusters. Memory, beyond the data, is O(n) plus a centroid buffer of at most n / 2 rows:
 * no distance matrix. Time is O(n^2 d) in usual cases; in the worst case, when many clusters must be
 * rescanned at each step, O(n^3 d). Müllner keeps the candidates in a priority queue; here the global
 * minimum is a linear scan, O(n) per step and so no more than the O(n d) distance work per step. Merges
 * are recorded in the order made (the heights may decrease), ties going to the lowest pair of slots.
 * <p>Reference: D. Müllner, "Modern hierarchical, agglomerative clustering algorithms", arXiv:1109.2378,
 * 2011, section 3.1 (generic clustering algorithm); J. C. Gower, "A comparison of some methods of cluster
 * analysis", Biometrics 23, 1967 (median linkage).
 */
final class CentroidLinkage {
    /** Slots per chunk of the update pass; fixed, so results do not depend on the thread count. */
    static final int CHUNK = 256;

    private final Centroids centroids;
    private final int n;
    private final int[] nearest;       // nearest live slot above s, or -1
    private final double[] nearestDist;

    private CentroidLinkage(float[] x, int n, int d) {
        this.centroids = new Centroids(x, n, d);
        this.n = n;
        this.nearest = new int[n];
        this.nearestDist = new double[n];
    }

    static Merges merges(float[] x, int n, int d, boolean median) {
        return new CentroidLinkage(x, n, d).run(median);
    }

    private Merges run(boolean median) {
        Parallel parallel = Parallel.shared();
        int[] size = centroids.size;
        parallel.forEachChunk(n, CHUNK, (lo, hi) -> {
            for (int s = lo; s < hi; s++) rescan(s);
        });
        Merges merges = new Merges(n);
        for (int step = 0; step < n - 1; step++) {
            int a = -1;
            double min = Double.POSITIVE_INFINITY;
            for (int s = 0; s < n; s++) {
                if (size[s] > 0 && nearest[s] >= 0 && (a < 0 || nearestDist[s] < min)) {
                    a = s;
                    min = nearestDist[s];
                }
            }
            int b = nearest[a];
            merges.add(a, b, Math.sqrt(min));
            centroids.merge(b, a, median);
            nearest[a] = -1;
            final int drop = a, keep = b;
            parallel.forEachChunk(keep, CHUNK, (lo, hi) -> {
                for (int s = lo; s < hi; s++) {
                    if (size[s] == 0) continue;
                    if (nearest[s] == drop || nearest[s] == keep) {
                        rescan(s);
                    } else {
                        double v = Distances.squaredBounded(centroids.array(s), centroids.offset(s),
                                centroids.array(keep), centroids.offset(keep), centroids.d, nearestDist[s]);
                        if (v < nearestDist[s] || (v == nearestDist[s] && keep < nearest[s])) {
                            nearest[s] = keep;
                            nearestDist[s] = v;
                        }
                    }
                }
            });
            rescan(keep);
        }
        return merges;
    }

    /** Finds the nearest live slot above {@code s} (lowest slot on ties). */
    private void rescan(int s) {
        int[] size = centroids.size;
        int arg = -1;
        double min = Double.POSITIVE_INFINITY;
        for (int t = s + 1; t < n; t++) {
            if (size[t] == 0) continue;
            // Only a distance below the best so far matters: stop computing once past it.
            double v = Distances.squaredBounded(centroids.array(s), centroids.offset(s), centroids.array(t),
                    centroids.offset(t), centroids.d, min);
            if (arg < 0 || v < min) {
                min = v;
                arg = t;
            }
        }
        nearest[s] = arg;
        nearestDist[s] = min;
    }
}
