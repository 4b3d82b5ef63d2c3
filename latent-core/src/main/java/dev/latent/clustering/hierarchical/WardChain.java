package dev.latent.clustering.hierarchical;

import dev.latent.internal.Parallel;

/**
 * Ward linkage through the nearest-neighbour chain, working on cluster centroids rather than on a
 * distance matrix.
 * <p>The Ward distance between clusters {@code a} and {@code b} is {@code sqrt(2 n_a n_b / (n_a + n_b))}
 * times the distance between their centroids, which is exactly the height SciPy's Lance-Williams update
 * gives on Euclidean distances. Each nearest-neighbour search considers every live cluster; there are at most
 * about 3n searches. A search first bounds every candidate's Ward distance from below by its size factor
 * times a {@link Projection} bound (32 coordinates per cluster, stored in blocks, read for every candidate),
 * skips the candidates whose bound exceeds the best distance so far, checks the others against a finer bound
 * (128 coordinates, row by row), and computes the distance of the few left, stopping each once its partial
 * sum shows it cannot win. Bounds never exceed distances, so none of this changes the result: the merges
 * are bit for bit those of the unpruned chain. Each merged centroid is projected afresh (160 d
 * multiply-adds).
 * <p>Cost: O(n^2 m) for the bounds (m = 32) plus O(n^2 d p) for the distances, p being the small fraction of
 * candidates the bounds leave (0.3% on 10,000 MNIST images); beyond the data, a centroid buffer of at most n / 2
 * rows, 160 floats of coordinates per cluster and O(n) integers ({@link #bytes}). On all 70,000 MNIST images
 * this is several times less work than computing every distance. The scans run in fixed chunks of
 * positions in the live list, combined in chunk order with ties going to the lower slot, so the result does not
 * depend on the thread count. Ties between a chain element's predecessor and another cluster go to the
 * predecessor, as the algorithm requires. The chain loop itself is {@link NnChain}'s.
 * <p>Reference: D. Müllner, "Modern hierarchical, agglomerative clustering algorithms", arXiv:1109.2378,
 * 2011, section 3.2 (NN-chain) and the "stored data" variant of section 3; J. H. Ward, "Hierarchical
 * grouping to optimize an objective function", JASA 58, 1963; the bounds: see {@link Projection}.
 */
final class WardChain implements NnChain.Clusters {
    /** Live clusters per chunk of a nearest-neighbour scan (a multiple of the bound block); fixed, so results do not depend on threads. */
    static final int CHUNK = 512;
    /** Rows per chunk of the initial projection. */
    static final int PROJECT_CHUNK = 256;

    private final Centroids centroids;
    private final Projection projection;
    private final Projection fine;
    private final float[] coords;      // bound coordinates of the live clusters, by position in the active list
    private final float[] rows;        // fine bound coordinates, row by row, by position
    private final int[] sizeAt;        // cluster sizes, by position
    private final float[] inverseSize; // their inverses, by position (padded to whole blocks)
    private final int[] picked;        // scratch: positions the bounds leave, per chunk from its first position
    private final int[] where;         // position of each live slot in the active list (as NnChain keeps it)
    private final float[] bounds;      // scratch: the bounds of one scan, by position
    private final float[] query;
    private final float[] fineQuery;
    private final double[] chunkBest;
    private final int[] chunkArg;
    private double found;

    private WardChain(float[] x, int n, int d, Projection projection, Projection fine) {
        centroids = new Centroids(x, n, d);
        this.projection = projection;
        this.fine = fine;
        coords = new float[Math.toIntExact(Projection.floats(n, d, projection.m))];
        rows = new float[Math.multiplyExact(n, fine.m)];
        int padded = Projection.blocks(n) * Projection.BLOCK;
        sizeAt = new int[n];
        inverseSize = new float[padded];
        where = new int[n];
        Parallel.shared().forEachChunk(n, PROJECT_CHUNK, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                projection.project(x, i * d, coords, i);
                fine.projectRow(x, i * d, rows, i);
            }
        });
        for (int i = 0; i < n; i++) {
            sizeAt[i] = 1;
            inverseSize[i] = 1;
            where[i] = i;
        }
        bounds = new float[padded];
        picked = new int[n];
        query = new float[projection.m];
        fineQuery = new float[fine.m];
        int chunks = Parallel.chunkCount(n, CHUNK);
        chunkBest = new double[chunks];
        chunkArg = new int[chunks];
    }

    /** Bytes this algorithm allocates for {@code n} rows of {@code d} columns, beyond the merges. */
    static long bytes(int n, int d) {
        int coarse = Projection.coordinates(d, Projection.COORDINATES);
        return Centroids.bufferBytes(n, d) + Projection.bytes(n, d, Projection.FINE_COORDINATES)
                + 4 * Projection.floats(n, d, Projection.COORDINATES) + 8L * (coarse - 1) * d + 8L * Projection.BLOCK + 20L * n + 12L * n
                + 12L * Parallel.chunkCount(n, CHUNK) + NnChain.bytes(n);
    }

    static Merges merges(float[] x, int n, int d) {
        Projection fine = Projection.of(x, n, d, Projection.FINE_COORDINATES);
        return NnChain.run(n, new WardChain(x, n, d, fine.truncate(Projection.COORDINATES), fine));
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
        fine.projectRow(centroids.array(keep), centroids.offset(keep), rows, pk);
        sizeAt[pk] = centroids.size[keep];
        inverseSize[pk] = 1f / centroids.size[keep];
        int pos = where[drop], lastPos = count - 1, last = active[lastPos];
        assert active[pos] == drop : "positions out of step with the chain's";
        projection.move(coords, lastPos, pos);
        System.arraycopy(rows, lastPos * fine.m, rows, pos * fine.m, fine.m);
        sizeAt[pos] = sizeAt[lastPos];
        inverseSize[pos] = inverseSize[lastPos];
        where[last] = pos;
    }

    /**
     * {@inheritDoc}
     * <p>Every live cluster's Ward distance is first bounded from below ({@link Projection}, times the size
     * factor), and only the clusters whose bound does not exceed the best distance so far (or the limit) get
     * their distance computed, each stopping once it cannot win. When there is no limit (the chain's first
     * element), the cluster of smallest bound is measured first, so that the scan starts from a tight bound.
     * None of this can change the answer: it is the cluster of smallest distance, the lowest slot on ties,
     * whatever the order of the scan and the chunks. The scan runs in chunks of {@link #CHUNK} positions whose
     * answers are combined in order.
     */
    @Override
    public int nearest(int a, int prev, double limit, int[] active, int count) {
        float[] aArray = centroids.array(a);
        int aOff = centroids.offset(a), d = centroids.d, na = centroids.size[a];
        float inverseA = 1f / na;
        projection.read(coords, where[a], query);
        System.arraycopy(rows, where[a] * fine.m, fineQuery, 0, fine.m);
        Parallel parallel = Parallel.shared();
        int chunks = Parallel.chunkCount(count, CHUNK);
        double start = limit;
        int startArg = -1;
        boolean haveBounds = limit == Double.POSITIVE_INFINITY;
        if (haveBounds) {
            // the smallest bound * n_a n_t / (n_a + n_t), that is bound / (1 / n_a + 1 / n_t), of each chunk
            parallel.forEachChunk(count, CHUNK, (lo, hi) -> {
                projection.lowerBounds(coords, query, lo, hi, bounds);
                double min = Double.POSITIVE_INFINITY;
                int arg = -1;
                for (int p = lo; p < hi; p++) {
                    double w = bounds[p] / (inverseA + (double) inverseSize[p]);
                    if ((w < min || arg < 0) && active[p] != a && active[p] != prev) {
                        min = w;
                        arg = p;
                    }
                }
                chunkBest[lo / CHUNK] = min;
                chunkArg[lo / CHUNK] = arg;
            });
            int first = -1;
            double min = Double.POSITIVE_INFINITY;
            for (int c = 0; c < chunks; c++) {
                if (chunkArg[c] >= 0 && (first < 0 || chunkBest[c] < min)) {
                    min = chunkBest[c];
                    first = chunkArg[c];
                }
            }
            if (first >= 0) {
                startArg = active[first];
                start = dissimilarity(a, startArg);
            }
        }
        final double initial = start;
        final int initialArg = startArg;
        parallel.forEachChunk(count, CHUNK, (lo, hi) -> {
            if (!haveBounds) projection.lowerBounds(coords, query, lo, hi, bounds);
            // bound > min (1 / n_a + 1 / n_t) rules a cluster out: its Ward distance exceeds min
            float factor = (float) (initial * (1 + 1e-6));
            if (factor < initial * (1 + 1e-6)) factor = Math.nextUp(factor);
            int found = Projection.select(bounds, inverseSize, inverseA, factor, lo, hi, picked);
            double min = initial;
            double minUp = min * (1 + 1e-9);
            int arg = initialArg;
            for (int s = lo; s < lo + found; s++) {
                int p = picked[s];
                int nt = sizeAt[p];
                if (bounds[p] * ((double) na * nt) > minUp * (na + nt)) continue;
                int t = active[p];
                if (t == a || t == prev) continue;
                if (fine.rowBound(rows, p, fineQuery) * ((double) na * nt) > minUp * (na + nt)) continue;
                double factorT = (double) na * nt / (na + nt);
                double bound = min == Double.POSITIVE_INFINITY ? min : min / factorT * (1 + 1e-12);
                double w = Distances.squaredBounded(aArray, aOff, centroids.array(t), centroids.offset(t), d, bound)
                        * factorT;
                if (w < min || (w == min && arg >= 0 && t < arg)) {
                    min = w;
                    minUp = min * (1 + 1e-9);
                    arg = t;
                }
            }
            chunkBest[lo / CHUNK] = min;
            chunkArg[lo / CHUNK] = arg;
        });
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
