package dev.latent.clustering.hierarchical;

import dev.latent.internal.Parallel;

/**
 * Ward linkage through the nearest-neighbour chain, working on cluster centroids rather than on a
 * distance matrix.
 * <p>The Ward distance between clusters {@code a} and {@code b} is {@code sqrt(2 n_a n_b / (n_a + n_b))}
 * times the distance between their centroids, which is exactly the height SciPy's Lance-Williams update
 * gives on Euclidean distances. Each nearest-neighbour search scans every live cluster, O(n d); there are
 * at most about 3n searches, so the run costs O(n^2 d) time and, beyond the data, O(n) integers plus a
 * centroid buffer of at most n / 2 rows. The scans run in fixed chunks of live clusters, combined in chunk
 * order with ties going to the lower slot, so the result does not depend on the thread count. A distance
 * stops being computed once its partial sum shows it cannot beat the chunk's best so far (or the chain's
 * predecessor), which never changes the result.
 * Ties between a chain element's predecessor and another cluster go to the predecessor, as the algorithm
 * requires.
 * <p>Reference: D. Müllner, "Modern hierarchical, agglomerative clustering algorithms", arXiv:1109.2378,
 * 2011, section 3.2 (NN-chain) and the "stored data" variant of section 3; J. H. Ward, "Hierarchical
 * grouping to optimize an objective function", JASA 58, 1963.
 */
final class WardChain {
    /** Live clusters per chunk of a nearest-neighbour scan; fixed, so results do not depend on threads. */
    static final int CHUNK = 512;

    private final Centroids centroids;
    private final int[] active;
    private final int[] position;
    private int count;
    private final double[] chunkBest;
    private final int[] chunkArg;

    private WardChain(float[] x, int n, int d) {
        centroids = new Centroids(x, n, d);
        active = new int[n];
        position = new int[n];
        for (int s = 0; s < n; s++) {
            active[s] = s;
            position[s] = s;
        }
        count = n;
        int chunks = Parallel.chunkCount(n, CHUNK);
        chunkBest = new double[chunks];
        chunkArg = new int[chunks];
    }

    static Merges merges(float[] x, int n, int d) {
        return new WardChain(x, n, d).run(n);
    }

    private Merges run(int n) {
        Merges merges = new Merges(n);
        int[] chain = new int[n];
        int top = 0;
        while (count > 1) {
            if (top == 0) chain[top++] = active[0];
            int a, b;
            double w;
            while (true) {
                a = chain[top - 1];
                int prev = top >= 2 ? chain[top - 2] : -1;
                // Only a cluster strictly closer than the predecessor can displace it (ties go to it).
                double limit = prev >= 0 ? ward(a, prev) : Double.POSITIVE_INFINITY;
                b = nearest(a, prev, limit);
                if (b < 0) {
                    b = prev;
                    w = limit;
                    break;
                }
                w = chunkBest[0];
                chain[top++] = b;
            }
            top -= 2;
            int keep = Math.max(a, b), drop = Math.min(a, b);
            merges.add(drop, keep, Math.sqrt(2 * w));
            centroids.merge(keep, drop, false);
            remove(drop);
        }
        return merges;
    }

    /** Ward's criterion halved: {@code n_s n_t / (n_s + n_t)} times the squared centroid distance. */
    private double ward(int s, int t) {
        int ns = centroids.size[s], nt = centroids.size[t];
        return centroids.squared(s, t) * ((double) ns * nt / (ns + nt));
    }

    /**
     * The live cluster other than {@code prev} nearest to {@code a} (lowest slot on ties) if its criterion
     * is below {@code limit}, else -1; the criterion is left in chunkBest[0]. Each chunk stops computing a distance as soon as it
     * exceeds the chunk's best so far (or the limit), which cannot change the answer.
     */
    private int nearest(int a, int prev, double limit) {
        float[] aArray = centroids.array(a);
        int aOff = centroids.offset(a), d = centroids.d, na = centroids.size[a];
        Parallel.shared().forEachChunk(count, CHUNK, (lo, hi) -> {
            double min = limit;
            int arg = -1;
            for (int p = lo; p < hi; p++) {
                int t = active[p];
                if (t == a || t == prev) continue;
                int nt = centroids.size[t];
                double factor = (double) na * nt / (na + nt);
                double bound = min == Double.POSITIVE_INFINITY ? min : min / factor * (1 + 1e-12);
                double w = Distances.squaredBounded(aArray, aOff, centroids.array(t), centroids.offset(t), d, bound)
                        * factor;
                if (w < min || (w == min && arg >= 0 && t < arg)) {
                    min = w;
                    arg = t;
                }
            }
            chunkBest[lo / CHUNK] = min;
            chunkArg[lo / CHUNK] = arg;
        });
        int chunks = Parallel.chunkCount(count, CHUNK);
        double min = Double.POSITIVE_INFINITY;
        int arg = -1;
        for (int c = 0; c < chunks; c++) {
            int t = chunkArg[c];
            if (t >= 0 && (arg < 0 || chunkBest[c] < min || (chunkBest[c] == min && t < arg))) {
                min = chunkBest[c];
                arg = t;
            }
        }
        chunkBest[0] = min;
        return arg;
    }

    private void remove(int s) {
        int p = position[s];
        int last = active[--count];
        active[p] = last;
        position[last] = p;
    }
}
