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
    /** Live clusters per chunk of a nearest-neighbour scan (a multiple of the bound block); fixed, so results do not depend on threads. */
    static final int CHUNK = 2048;

    private final Centroids centroids;
    private final Projection projection;
    private final float[] coords;      // bound coordinates of the live clusters, by position in the active list
    private final int[] sizeAt;        // cluster sizes, by position
    private final int[] where;         // position of each live slot in the active list (as NnChain keeps it)
    private final float[] bounds;      // scratch: the bounds of one scan, by position
    private final float[] query;
    private final double[] chunkBest;
    private final int[] chunkArg;
    private double found;

    private WardChain(float[] x, int n, int d, Projection projection) {
        centroids = new Centroids(x, n, d);
        this.projection = projection;
        coords = new float[Math.toIntExact(Projection.floats(n, d))];
        sizeAt = new int[n];
        where = new int[n];
        for (int i = 0; i < n; i++) {
            projection.project(x, i * d, coords, i);
            sizeAt[i] = 1;
            where[i] = i;
        }
        bounds = new float[Projection.blocks(n) * Projection.BLOCK];
        query = new float[projection.m];
        int chunks = Parallel.chunkCount(n, CHUNK);
        chunkBest = new double[chunks];
        chunkArg = new int[chunks];
    }

    /** Bytes this algorithm allocates for {@code n} rows of {@code d} columns, beyond the merges. */
    static long bytes(int n, int d) {
        return Centroids.bufferBytes(n, d) + Projection.bytes(n, d) + 4L * Projection.BLOCK + 8L * n + 12L * n
                + 12L * Parallel.chunkCount(n, CHUNK) + NnChain.bytes(n);
    }

    static Merges merges(float[] x, int n, int d) {
        return merges(x, n, d, Projection.of(x, n, d));
    }

    static Merges merges(float[] x, int n, int d, Projection projection) {
        return NnChain.run(n, new WardChain(x, n, d, projection));
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

    /** Merges the centroids, projects the new one, and removes {@code drop}'s position as NnChain does. */
    @Override
    public void merge(int keep, int drop, int[] active, int count) {
        centroids.merge(keep, drop, false);
        int pk = where[keep];
        projection.project(centroids.array(keep), centroids.offset(keep), coords, pk);
        sizeAt[pk] = centroids.size[keep];
        int pos = where[drop], lastPos = count - 1, last = active[lastPos];
        assert active[pos] == drop : "positions out of step with the chain's";
        projection.move(coords, lastPos, pos);
        sizeAt[pos] = sizeAt[lastPos];
        where[last] = pos;
    }

    /**
     * {@inheritDoc}
     * <p>Each chunk of {@link #CHUNK} live clusters first bounds every Ward distance from below
     * ({@link Projection}, times the size factor) and skips the clusters whose bound exceeds the chunk's best
     * so far (or the limit); it computes the others' distances, stopping each once it cannot win. Neither
     * shortcut can change the answer: it is the cluster of smallest distance, the lowest slot on ties, whatever
     * the chunks. The chunks' answers are combined in order.
     */
    @Override
    public int nearest(int a, int prev, double limit, int[] active, int count) {
        float[] aArray = centroids.array(a);
        int aOff = centroids.offset(a), d = centroids.d, na = centroids.size[a];
        projection.read(coords, where[a], query);
        Parallel.shared().forEachChunk(count, CHUNK, (lo, hi) -> {
            projection.lowerBounds(coords, query, lo, hi, bounds);
            double min = limit;
            double minUp = min * (1 + 1e-9);
            int arg = -1;
            for (int p = lo; p < hi; p++) {
                int nt = sizeAt[p];
                // bound * n_a n_t / (n_a + n_t) > min rules the cluster out (bounds never exceed the distance)
                if (bounds[p] * ((double) na * nt) > minUp * (na + nt)) continue;
                int t = active[p];
                if (t == a || t == prev) continue;
                double factor = (double) na * nt / (na + nt);
                double bound = min == Double.POSITIVE_INFINITY ? min : min / factor * (1 + 1e-12);
                double w = Distances.squaredBounded(aArray, aOff, centroids.array(t), centroids.offset(t), d, bound)
                        * factor;
                if (w < min || (w == min && arg >= 0 && t < arg)) {
                    min = w;
                    minUp = min * (1 + 1e-9);
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
