package dev.latent.clustering.hierarchical;

import dev.latent.Estimator;
import dev.latent.data.Matrix;
import dev.latent.internal.Check;

import java.util.Locale;

/**
 * Hyperparameters of agglomerative (hierarchical) clustering; an immutable value that is also the
 * estimator. {@link #fit(Matrix)} builds the whole {@link Dendrogram}; cutting it into flat clusters is a
 * separate, cheap step ({@link Dendrogram#cut(int)}, {@link Dendrogram#cutAtHeight(double)}).
 * <p>Each linkage runs the algorithm of the right complexity for it (n rows, d columns, distances
 * Euclidean):
 * <ul>
 * <li>{@link Linkage#SINGLE}: Prim's minimum spanning tree on the implicit complete graph; O(n^2 d) time at
 *     worst, O(n) memory plus 160 floats per row for distance bounds.</li>
 * <li>{@link Linkage#WARD}: the nearest-neighbour chain on the cluster centroids; O(n^2 d) time at worst,
 *     O(n) memory plus a centroid buffer of at most half the data's size and 160 floats per row for
 *     distance bounds.</li>
 * <li>{@link Linkage#CENTROID}, {@link Linkage#MEDIAN}: Müllner's generic algorithm on the centroids, with
 *     a cached nearest neighbour per cluster; O(n^2 d) time in usual cases (O(n^3 d) worst case), the same
 *     memory as Ward.</li>
 * <li>{@link Linkage#COMPLETE}, {@link Linkage#AVERAGE}: the nearest-neighbour chain on the condensed
 *     float32 distance matrix; O(n^2 d) time, 2 n (n - 1) bytes.</li>
 * </ul>
 * Where only the smallest distance matters (single, Ward, centroid, median), a distance stops being
 * computed as soon as its partial sum shows it cannot win. Single and Ward linkage first bound each
 * candidate's distance from below by its leading principal coordinates and the norm of the rest (see the
 * package-private {@code Projection}: 32 coordinates, then 128 for the candidates left) and compute only the
 * distances the bounds cannot rule out (on 10,000 MNIST images, about 2% of them for single linkage and 0.3%
 * for Ward); on all 70,000 MNIST images this makes each of the two a matter of minutes. Neither shortcut ever
 * changes the result: bounds never exceed the computed distances, with margins above every float rounding, so
 * the merges are bit for bit those of the unpruned algorithms. The input is read in place and never modified. Distance work runs in parallel on the shared pool in
 * fixed chunks, so the dendrogram is identical whatever the thread count. Before allocating, {@code fit}
 * compares {@link #memoryBytes(int, int)} with the free heap and refuses a run that cannot fit.
 * <p>The dendrogram's {@link Dendrogram#report()} counts the n - 1 merges as iterations, is always
 * converged, and gives the highest merge height as its objective (no per-merge history: the heights are
 * in the dendrogram).
 * <p>Exact ties between merge candidates go to the lowest-numbered clusters, as far as the algorithm
 * allows: the nearest-neighbour chain and the spanning tree may order merges of exactly equal height
 * differently from the textbook greedy algorithm, which never changes the heights.
 * <p>Reference: D. Müllner, "Modern hierarchical, agglomerative clustering algorithms", arXiv:1109.2378,
 * 2011; heights follow SciPy's {@code scipy.cluster.hierarchy.linkage} conventions.
 * @param linkage how the distance between clusters is measured; default {@link Linkage#WARD}
 */
public record Agglomerative(Linkage linkage) implements Estimator<Dendrogram> {
    /** Bytes of heap kept free beyond the estimate, for the JVM and the caller. */
    private static final long HEADROOM = 64L << 20;

    public Agglomerative {
        Check.notNull("linkage", linkage);
    }

    /** Agglomerative clustering with the given linkage. */
    public static Agglomerative of(Linkage linkage) {
        return new Agglomerative(linkage);
    }

    /** Ward linkage. */
    public static Agglomerative defaults() {
        return new Agglomerative(Linkage.WARD);
    }

    public Agglomerative withLinkage(Linkage linkage) {
        return new Agglomerative(linkage);
    }

    /**
     * The heap a fit on {@code n} rows of {@code d} columns needs beyond the data itself, in bytes
     * (an estimate that counts every array the run allocates, including the dendrogram).
     */
    public long memoryBytes(int n, int d) {
        Check.atLeast("n", n, 0);
        Check.atLeast("d", d, 0);
        long perRow = 16 + 20 + 12 + 8;        // merges, dendrogram, union-find, cut/labels
        long algorithm = switch (linkage) {
            case SINGLE -> MinimumSpanningTree.bytes(n, d);
            case WARD -> WardChain.bytes(n, d);
            case CENTROID, MEDIAN -> Centroids.bufferBytes(n, d) + 22L * n;
            case COMPLETE, AVERAGE -> CondensedDistances.bytes(n) + 16L * n;
        };
        return perRow * n + algorithm;
    }

    /**
     * Builds the dendrogram of the rows of {@code x}.
     * @throws IllegalArgumentException if {@code x} has fewer than 2 rows or no columns, holds NaN or
     *     infinity (naming the first bad row and column), or the run needs more heap than is free
     */
    @Override
    public Dendrogram fit(Matrix x) {
        Check.notNull("x", x);
        Check.rowsAtLeast("x", x, 2, "a merge needs two points");
        Check.argument(x.cols() >= 1, "x must have at least 1 column, got 0");
        Check.finite("x", x);
        int n = x.rows(), d = x.cols();
        checkMemory(n, d);
        long start = System.nanoTime();
        float[] v = x.values();
        Merges merges = switch (linkage) {
            case SINGLE -> MinimumSpanningTree.merges(v, n, d);
            case WARD -> WardChain.merges(v, n, d);
            case CENTROID -> CentroidLinkage.merges(v, n, d, false);
            case MEDIAN -> CentroidLinkage.merges(v, n, d, true);
            case COMPLETE, AVERAGE -> MatrixChain.merges(v, n, d, linkage);
        };
        Dendrogram.Order order = switch (linkage) {
            case SINGLE -> Dendrogram.Order.SORTED;
            case CENTROID, MEDIAN -> Dendrogram.Order.AS_MADE;
            case WARD, COMPLETE, AVERAGE -> Dendrogram.Order.CLAMPED_SORTED;
        };
        return Dendrogram.of(this, merges, order, start);
    }

    private void checkMemory(int n, int d) {
        long need = memoryBytes(n, d);
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (need + HEADROOM <= free) return;
        System.gc(); // only on this path: garbage may be all that stands in the way
        free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (need + HEADROOM <= free) return;
        String what = linkage.needsDistanceMatrix()
                ? " (its condensed distance matrix holds " + CondensedDistances.entries(n) + " float32 distances)"
                : "";
        String alternative = linkage.needsDistanceMatrix() ? ", or use WARD or SINGLE linkage, which need no distance matrix" : "";
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "agglomerative clustering with %s linkage on %d rows needs about %s of heap%s, but only %s is"
                        + " available (max heap %s); raise -Xmx, or pre-cluster with k-means (a few thousand"
                        + " centres) and cluster the centres%s",
                linkage, n, gib(need + HEADROOM), what, gib(Math.max(0, free)), gib(rt.maxMemory()), alternative));
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
    }
}
