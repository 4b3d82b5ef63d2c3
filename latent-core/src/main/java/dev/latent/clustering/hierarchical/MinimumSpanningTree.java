package dev.latent.clustering.hierarchical;

import dev.latent.internal.Parallel;

import java.util.Arrays;

/**
 * Single linkage through Prim's minimum spanning tree on the implicit complete graph of the rows.
 * <p>O(n^2 d) time and O(n) memory: no distance is stored, each is computed once when its end point
 * joins the tree, and stops early once its partial sum exceeds the point's current distance to the tree.
 * Single-linkage merges are the tree's edges sorted by length (ties in the order Prim's algorithm found them).
 * <p>Reference: D. Müllner, "Modern hierarchical, agglomerative clustering algorithms", arXiv:1109.2378,
 * 2011, section 3.3 (MST-linkage); R. C. Prim, "Shortest connection networks and some generalizations",
 * Bell System Technical Journal 36, 1957.
 */
final class MinimumSpanningTree {
    /** Rows per chunk of the distance updates; fixed, so results do not depend on the thread count. */
    static final int CHUNK = 1024;

    private MinimumSpanningTree() {}

    static Merges merges(float[] x, int n, int d) {
        double[] best = new double[n];        // squared distance from each outside point to the tree
        int[] nearest = new int[n];           // the tree point at that distance
        boolean[] inTree = new boolean[n];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        int chunks = Parallel.chunkCount(n, CHUNK);
        double[] chunkBest = new double[chunks];
        int[] chunkArg = new int[chunks];
        Merges merges = new Merges(n);
        Parallel parallel = Parallel.shared();
        int v = 0;
        inTree[0] = true;
        for (int step = 1; step < n; step++) {
            final int from = v;
            parallel.forEachChunk(n, CHUNK, (lo, hi) -> {
                int vRow = from * d;
                double min = Double.POSITIVE_INFINITY;
                int arg = -1;
                for (int j = lo; j < hi; j++) {
                    if (inTree[j]) continue;
                    // Only a distance below best[j] matters: stop computing once past it.
                    double dist = Distances.squaredBounded(x, vRow, x, j * d, d, best[j]);
                    if (dist < best[j]) {
                        best[j] = dist;
                        nearest[j] = from;
                    }
                    if (arg < 0 || best[j] < min) {
                        min = best[j];
                        arg = j;
                    }
                }
                chunkBest[lo / CHUNK] = min;
                chunkArg[lo / CHUNK] = arg;
            });
            int next = -1;
            double min = Double.POSITIVE_INFINITY;
            for (int c = 0; c < chunks; c++) {
                if (chunkArg[c] >= 0 && (next < 0 || chunkBest[c] < min)) {
                    min = chunkBest[c];
                    next = chunkArg[c];
                }
            }
            inTree[next] = true;
            merges.add(nearest[next], next, Math.sqrt(min));
            v = next;
        }
        return merges;
    }
}
