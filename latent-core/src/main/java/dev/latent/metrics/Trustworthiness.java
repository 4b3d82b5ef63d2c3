package dev.latent.metrics;

import dev.latent.data.Matrix;
import dev.latent.internal.Check;
import dev.latent.internal.Parallel;
import dev.latent.neighbors.ExactKnn;
import dev.latent.neighbors.Neighbors;

/**
 * Trustworthiness of an embedding: how far the embedding's nearest neighbours were from each point in the
 * original space. 1 means every embedded neighbour was also an original neighbour.
 * <p>With {@code r(i, j)} the rank of {@code j} among the other rows ordered by original distance to {@code i}
 * (1 for the nearest) and {@code U_k(i)} the {@code k} nearest neighbours of {@code i} in the embedding,
 * <pre>
 *   T(k) = 1 - 2 / (n k (2n - 3k - 1)) * sum_i sum_{j in U_k(i)} max(0, r(i, j) - k)
 * </pre>
 * exactly as scikit-learn's {@code sklearn.manifold.trustworthiness} computes it (Euclidean distances, and
 * {@code k < n / 2} so that the normalization keeps {@code T} in [0, 1]). Rows at equal original distance are
 * ranked by row index (equality judged on the float32 distances); scikit-learn's unstable sort leaves that
 * order unspecified.
 * <p>{@link #score(Matrix, Matrix, int)} is exact. Ranks are counted rather than sorted: for each row its
 * original distances to all rows are formed in blocks through {@link dev.latent.linalg.Gemm} (squared, in
 * float32, on centred rows), and the rank of each embedded neighbour is one plus the number of rows closer than
 * it. That costs O(n^2 (d + k)) time and O(n) memory per row of the current block, so it is practical up to
 * about n = 20,000. Rows are cut into fixed-size chunks of {@link Parallel}, so the result does not depend on the
 * thread count. Embedded neighbours come from {@link dev.latent.neighbors.ExactKnn}; with
 * {@link #score(Matrix, Neighbors)} any neighbour search can supply them.
 * <p>{@link #sampled} takes a seeded sample of {@code m} query rows and ranks their embedded neighbours against
 * all {@code n} rows, replacing {@code n} by {@code m} in the outer sum of the normalization; it costs
 * O(m n (d + k)) time and estimates {@code T(k)} without bias.
 * <p>Reference: J. Venna and S. Kaski, "Neighborhood Preservation in Nonlinear Projection Methods: An
 * Experimental Study", ICANN 2001, LNCS 2130, 485-491.
 */
public final class Trustworthiness {
    private Trustworthiness() {}

    /**
     * The exact trustworthiness of {@code embedded} as a picture of {@code original}, with {@code k} neighbours.
     * @param k neighbours per row, in {@code [1, n / 2)}
     * @throws IllegalArgumentException if the row counts differ, {@code k} is out of range, or either matrix
     *                                  holds NaN or infinity
     */
    public static double score(Matrix original, Matrix embedded, int k) {
        checkPair(original, embedded, k);
        return score(original, ExactKnn.searchSelf(embedded, k));
    }

    /**
     * Trustworthiness estimated from {@code sampleSize} query rows drawn with {@code seed}, each ranked against all
     * rows; exact when {@code sampleSize >= n} and no two embedded distances tie.
     * @throws IllegalArgumentException as {@link #score(Matrix, Matrix, int)}, or if {@code sampleSize < 1}
     */
    public static double sampled(Matrix original, Matrix embedded, int k, int sampleSize, long seed) {
        Check.atLeast("sampleSize", sampleSize, 1);
        checkPair(original, embedded, k);
        int n = original.rows();
        int[] rows = Sampling.distinct(n, sampleSize, seed);
        // k + 1 neighbours of each sampled row among all rows, then the row itself is dropped (when several rows
        // share its position it may not be listed; then the farthest of the k + 1 is dropped instead)
        Neighbors found = ExactKnn.search(embedded, embedded.rows(rows), k + 1);
        int[] neighbors = new int[rows.length * k];
        for (int q = 0; q < rows.length; q++) {
            int out = q * k;
            for (int r = 0; r <= k && out < (q + 1) * k; r++) {
                int j = found.index(q, r);
                if (j != rows[q]) neighbors[out++] = j;
            }
        }
        return fromPenalty(penalty(original, rows, neighbors, k), rows.length, n, k);
    }

    private static void checkPair(Matrix original, Matrix embedded, int k) {
        Check.notNull("original", original);
        Check.notNull("embedded", embedded);
        if (embedded.rows() != original.rows()) {
            throw new IllegalArgumentException("embedded must have one row per row of original ("
                    + original.rows() + "), got " + embedded.rows());
        }
        checkK(k, original.rows());
        Check.finite("original", original);
        Check.finite("embedded", embedded);
    }

    /**
     * The trustworthiness of {@code neighbors}, the {@code k = neighbors.k()} nearest embedded neighbours of every
     * row (self excluded, row {@code i}'s list first), with respect to the rows of {@code original}.
     * @throws IllegalArgumentException if {@code neighbors} does not cover every row of {@code original}, names a
     *                                  row out of range or a row as its own neighbour, {@code k} is not in
     *                                  {@code [1, n / 2)}, or {@code original} holds NaN or infinity
     */
    public static double score(Matrix original, Neighbors neighbors) {
        Check.notNull("original", original);
        Check.notNull("neighbors", neighbors);
        int n = original.rows();
        if (neighbors.n() != n) {
            throw new IllegalArgumentException("neighbors must list the neighbours of all " + n
                    + " rows of original, got " + neighbors.n());
        }
        checkK(neighbors.k(), n);
        Check.finite("original", original);
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) rows[i] = i;
        checkNeighbors(neighbors.indices(), rows, neighbors.k(), n);
        return fromPenalty(penalty(original, rows, neighbors.indices(), neighbors.k()), n, n, neighbors.k());
    }

    static void checkK(int k, int n) {
        Check.atLeast("k", k, 1);
        if (2L * k >= n) {
            throw new IllegalArgumentException("k must be < n / 2 = " + (n / 2.0) + ", got " + k);
        }
    }

    /** Checks that {@code indices} (k per query) name rows in range other than the query itself. */
    static void checkNeighbors(int[] indices, int[] queries, int k, int n) {
        for (int q = 0; q < queries.length; q++) {
            for (int r = 0; r < k; r++) {
                int j = indices[q * k + r];
                if (j < 0 || j >= n || j == queries[q]) {
                    throw new IllegalArgumentException("neighbors of row " + queries[q]
                            + " must name other rows in [0, " + n + "), got " + j);
                }
            }
        }
    }

    /** {@code T} from the summed rank penalty of {@code m} query rows out of {@code n}. */
    static double fromPenalty(double penalty, int m, int n, int k) {
        return 1.0 - penalty * (2.0 / ((double) m * k * (2.0 * n - 3.0 * k - 1.0)));
    }

    /**
     * The sum over queries {@code rows[q]} and their embedded neighbours {@code neighbors[q * k .. q * k + k)} of
     * {@code max(0, rank - k)}, ranks taken in the original space.
     */
    static double penalty(Matrix original, int[] rows, int[] neighbors, int k) {
        DistanceTiles tiles = new DistanceTiles(original);
        int n = original.rows();
        int block = tiles.maxTileRows(Math.max(1, (1 << 22) / n));
        double[] partial = Parallel.shared().forChunks(rows.length, block, (from, to) -> {
            DistanceTiles.Workspace w = tiles.workspace(to - from);
            float[] dist = new float[(to - from) * n];
            tiles.loadQueries(w, rows, from, to);
            int stride = tiles.tileColumns();
            for (int j0 = 0; j0 < n; j0 += stride) {
                int cols = Math.min(stride, n - j0);
                tiles.compute(w, j0, cols);
                for (int r = 0; r < w.count; r++) System.arraycopy(w.out, r * stride, dist, r * n + j0, cols);
            }
            double sum = 0;
            for (int r = 0; r < w.count; r++) {
                int q = from + r;
                dist[r * n + rows[q]] = Float.POSITIVE_INFINITY; // a row is not its own neighbour
                sum += rowPenalty(dist, r * n, n, neighbors, q * k, k);
            }
            return sum;
        });
        double total = 0;
        for (double p : partial) total += p;
        return total;
    }

    /** The penalty of one row whose original distances are {@code dist[o .. o + n)}. */
    private static long rowPenalty(float[] dist, int o, int n, int[] neighbors, int nb, int k) {
        long sum = 0;
        for (int t = 0; t < k; t++) {
            int j = neighbors[nb + t];
            float dj = dist[o + j];
            int closer = 0;
            for (int l = 0; l < j; l++) if (dist[o + l] <= dj) closer++;     // ties before j rank ahead of it
            for (int l = j + 1; l < n; l++) if (dist[o + l] < dj) closer++;
            int rank = closer + 1;
            if (rank > k) sum += rank - k;
        }
        return sum;
    }
}
