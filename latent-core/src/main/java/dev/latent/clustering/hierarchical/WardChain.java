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
 * The chain loop itself is {@link NnChain}'s.
 * <p>Reference: D. Müllner, "Modern hierarchical, agglomerative clustering algorithms", arXiv:1109.2378,
 * 2011, section 3.2 (NN-chain) and the "stored data" variant of section 3; J. H. Ward, "Hierarchical
 * grouping to optimize an objective function", JASA 58, 1963.
 */
final class WardChain implements NnChain.Clusters {
    /** Live clusters per chunk of a nearest-neighbour scan; fixed, so results do not depend on threads. */
    static final int CHUNK = 512;

    private final Centroids centroids;
    private final double[] chunkBest;
    private final int[] chunkArg;
    private double found;

    private WardChain(float[] x, int n, int d) {
        centroids = new Centroids(x, n, d);
        int chunks = Parallel.chunkCount(n, CHUNK);
        chunkBest = new double[chunks];
        chunkArg = new int[chunks];
    }

    static Merges merges(float[] x, int n, int d) {
        return NnChain.run(n, new WardChain(x, n, d));
    }

    /** Ward's criterion halved: {@code n_s n_t / (n_s + n_t)} times the squared centroid distance. */
    @Override
    public double dissimilarity(int s, int t) {
        int ns = centroids.size[s], nt = centroids.size[t];
        return centroids.squared(s, t) * ((double) ns * nt / (ns + nt));
    }

    @Override
    public double found() {
        return found;
    }

    /** The height of a merge of criterion {@code w}: {@code sqrt(2 w)}, SciPy's Ward height. */
    @Override
    public double height(double w) {
        return Math.sqrt(2 * w);
    }

    @Override
    public void merge(int keep, int drop, int[] active, int count) {
        centroids.merge(keep, drop, false);
    }

    /**
     * {@inheritDoc}
     * <p>Each chunk of {@link #CHUNK} live clusters stops computing a distance as soon as it exceeds the chunk's
     * best so far (or the limit), which cannot change the answer; the chunks' answers are combined in order.
     */
    @Override
    public int nearest(int a, int prev, double limit, int[] active, int count) {
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
        found = min;
        return arg;
    }
}
