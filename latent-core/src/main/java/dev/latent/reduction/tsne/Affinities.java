package dev.latent.reduction.tsne;

import dev.latent.data.Matrix;
import dev.latent.internal.Check;
import dev.latent.internal.Parallel;
import dev.latent.neighbors.ExactKnn;
import dev.latent.neighbors.NeighborSearch;
import dev.latent.neighbors.Neighbors;

import java.util.Arrays;

/**
 * The symmetric input affinities {@code P} of t-SNE, as a sparse matrix in CSR form.
 * <p>Each row {@code i} looks at its {@code k = min(n - 1, floor(3 perplexity))} nearest neighbours
 * (Euclidean, exact). A binary search on the Gaussian precision {@code beta_i} makes the entropy (natural
 * log) of the conditional distribution {@code p_j|i ~ exp(-beta_i d_ij^2)} over those neighbours equal
 * {@code log(perplexity)} to within {@code 1e-5} (at most 200 steps; when {@code k < perplexity}, as can
 * happen when {@code k = n - 1}, the target is out of reach and the distribution ends nearly uniform). The result is symmetrized as
 * {@code p_ij = (p_j|i + p_i|j) / 2n}, so that it sums to 1. Columns of each row are sorted ascending.
 * Rows are calibrated in fixed chunks, so the result does not depend on the thread count.
 * <p>Reference: L. van der Maaten and G. Hinton, "Visualizing Data using t-SNE", JMLR 9, 2008;
 * L. van der Maaten, "Accelerating t-SNE using Tree-Based Algorithms", JMLR 15, 2014 (the 3 perplexity
 * nearest neighbours).
 * @param n      number of rows (and columns)
 * @param rowPtr row {@code i}'s entries are {@code [rowPtr[i], rowPtr[i + 1])}, length {@code n + 1}
 * @param cols   column of each entry
 * @param values value of each entry
 */
record Affinities(int n, int[] rowPtr, int[] cols, double[] values) {
    /** Entropy tolerance of the binary search. */
    static final double TOLERANCE = 1e-5;
    /** Step limit of the binary search. */
    static final int MAX_STEPS = 200;
    private static final int CHUNK = 64;

    /** The neighbours each row uses for a given perplexity on {@code n} rows. */
    static int neighbours(int n, double perplexity) {
        return (int) Math.min(n - 1, Math.floor(3 * perplexity));
    }

    /**
     * The affinities of the rows of {@code x}.
     * @throws IllegalArgumentException if {@code x} has fewer than 2 rows, a non-finite value, or
     *                                  {@code perplexity} is not in {@code (0, n)}
     */
    static Affinities of(Matrix x, double perplexity) {
        Check.notNull("x", x);
        Check.rowsAtLeast("x", x, 2, "t-SNE needs neighbours");
        Check.finite("x", x);
        checkPerplexity(perplexity, x.rows());
        return of(ExactKnn.of(x), perplexity);
    }

    /** The affinities of the rows indexed by {@code search}, found with its {@link NeighborSearch#querySelf}. */
    static Affinities of(NeighborSearch search, double perplexity) {
        int n = search.size();
        checkPerplexity(perplexity, n);
        int k = Math.max(1, neighbours(n, perplexity));
        return of(search.querySelf(k), perplexity);
    }

    /** The affinities from each row's {@link #neighbours} nearest other rows, {@code nb} (one query row per row). */
    static Affinities of(Neighbors nb, double perplexity) {
        return symmetrize(nb.n(), nb.k(), nb.indices(), conditional(nb, perplexity));
    }

    /**
     * The conditional affinities {@code p_j|i} of each row of {@code queries} to its
     * {@code min(size, floor(3 perplexity))} nearest rows of {@code search}: each row sums to 1 and is calibrated to
     * {@code perplexity} like the rows of a fit (as openTSNE does for new points).
     * @return the neighbours, with {@code p_j|i} in place of the distances
     */
    static Conditional conditional(NeighborSearch search, Matrix queries, double perplexity) {
        int k = (int) Math.max(1, Math.min(search.size(), Math.floor(3 * perplexity)));
        Neighbors nb = search.query(queries, k);
        return new Conditional(queries.rows(), k, nb.indices(), conditional(nb, perplexity));
    }

    /**
     * Conditional affinities of new rows to the rows of a fit, {@code m x k}, dense.
     * @param m       number of new rows
     * @param k       neighbours per row
     * @param indices row {@code i}'s neighbours are {@code indices[i k .. (i + 1) k)}
     * @param values  {@code p_j|i} at the same positions; each row sums to 1
     */
    record Conditional(int m, int k, int[] indices, double[] values) {
    }

    /** The calibrated {@code p_j|i}, {@code n x k}, of each query row over its neighbours. */
    private static double[] conditional(Neighbors nb, double perplexity) {
        int n = nb.n(), k = nb.k();
        double[] cond = new double[n * k];
        Parallel.shared().forEachChunk(n, CHUNK, (from, to) -> {
            double[] d2 = new double[k];
            double[] p = new double[k];
            for (int i = from; i < to; i++) {
                for (int r = 0; r < k; r++) {
                    double d = nb.distance(i, r);
                    d2[r] = d * d;
                }
                calibrate(d2, k, perplexity, p);
                System.arraycopy(p, 0, cond, i * k, k);
            }
        });
        return cond;
    }

    static void checkPerplexity(double perplexity, int n) {
        Check.argument(Double.isFinite(perplexity) && perplexity > 0,
                "perplexity must be positive and finite, got " + perplexity);
        Check.argument(perplexity < n,
                "perplexity must be < the number of rows (" + n + "), got " + perplexity);
    }

    /**
     * Finds the precision {@code beta} for which the distribution {@code p_r ~ exp(-beta d2[r])} over the first
     * {@code k} squared distances has entropy {@code log(perplexity)}, writes it into {@code p} and returns beta.
     */
    static double calibrate(double[] d2, int k, double perplexity, double[] p) {
        double target = Math.log(perplexity);
        double min = Double.POSITIVE_INFINITY;
        for (int r = 0; r < k; r++) min = Math.min(min, d2[r]);
        double beta = 1;
        double lo = 0;
        double hi = Double.POSITIVE_INFINITY;
        for (int step = 0; step < MAX_STEPS; step++) {
            double h = distribution(d2, k, min, beta, p);
            double diff = h - target;
            if (Math.abs(diff) <= TOLERANCE) break;
            if (diff > 0) { // too flat: sharpen
                lo = beta;
                beta = hi == Double.POSITIVE_INFINITY ? beta * 2 : (beta + hi) / 2;
            } else {
                hi = beta;
                beta = (beta + lo) / 2;
            }
        }
        distribution(d2, k, min, beta, p);
        return beta;
    }

    /** Writes {@code p_r ~ exp(-beta (d2[r] - min))} normalized, and returns its entropy. */
    private static double distribution(double[] d2, int k, double min, double beta, double[] p) {
        double z = 0;
        for (int r = 0; r < k; r++) {
            p[r] = Math.exp(-beta * (d2[r] - min));
            z += p[r];
        }
        double mean = 0;
        for (int r = 0; r < k; r++) {
            p[r] /= z;
            mean += p[r] * (d2[r] - min);
        }
        return Math.log(z) + beta * mean;
    }

    /** The entropy (natural log) of a distribution, ignoring zero entries. */
    static double entropy(double[] p, int k) {
        double h = 0;
        for (int r = 0; r < k; r++) if (p[r] > 0) h -= p[r] * Math.log(p[r]);
        return h;
    }

    private static Affinities symmetrize(int n, int k, int[] idx, double[] cond) {
        // incoming lists: rows j that have i among their neighbours
        int[] inPtr = new int[n + 1];
        for (int e = 0; e < n * k; e++) inPtr[idx[e] + 1]++;
        for (int i = 0; i < n; i++) inPtr[i + 1] += inPtr[i];
        int[] inRow = new int[n * k];
        double[] inVal = new double[n * k];
        int[] fill = Arrays.copyOf(inPtr, n);
        for (int j = 0; j < n; j++) {
            for (int r = 0; r < k; r++) {
                int i = idx[j * k + r];
                inRow[fill[i]] = j;
                inVal[fill[i]++] = cond[j * k + r];
            }
        }
        double[] acc = new double[n];
        boolean[] seen = new boolean[n];
        int[] rowPtr = new int[n + 1];
        int[] cols = new int[2 * n * k];
        double[] values = new double[2 * n * k];
        int nnz = 0;
        double scale = 1.0 / (2.0 * n);
        for (int i = 0; i < n; i++) {
            int start = nnz;
            for (int r = 0; r < k; r++) {
                int j = idx[i * k + r];
                acc[j] += cond[i * k + r];
                if (!seen[j]) { seen[j] = true; cols[nnz++] = j; }
            }
            for (int e = inPtr[i]; e < inPtr[i + 1]; e++) {
                int j = inRow[e];
                acc[j] += inVal[e];
                if (!seen[j]) { seen[j] = true; cols[nnz++] = j; }
            }
            Arrays.sort(cols, start, nnz);
            for (int e = start; e < nnz; e++) {
                int j = cols[e];
                values[e] = acc[j] * scale;
                acc[j] = 0;
                seen[j] = false;
            }
            rowPtr[i + 1] = nnz;
        }
        return new Affinities(n, rowPtr, Arrays.copyOf(cols, nnz), Arrays.copyOf(values, nnz));
    }

    /** The entry {@code (i, j)}, or 0. */
    double get(int i, int j) {
        int e = Arrays.binarySearch(cols, rowPtr[i], rowPtr[i + 1], j);
        return e >= 0 ? values[e] : 0;
    }
}
