package dev.latent.reduction.umap;

import dev.latent.internal.Parallel;
import dev.latent.neighbors.Neighbors;

import java.util.Arrays;

/**
 * UMAP's fuzzy simplicial set of the input: a sparse symmetric graph in CSR form with float weights.
 * <p>Each row {@code i} looks at its nearest other rows. Its local distance offset {@code rho_i} is the
 * distance to its {@code localConnectivity}-th nearest neighbour at a positive distance (interpolated
 * between neighbours for a fractional value), and its bandwidth {@code sigma_i} is found by binary search
 * (at most 64 steps, to within {@code 1e-5}) so that {@code sum_j exp(-max(0, d_ij - rho_i) / sigma_i)}
 * over the neighbours equals {@code log2(k)}, where {@code k} counts the row itself as umap-learn does
 * (its neighbour lists start with the row at distance 0). A sigma below {@code 1e-3} times the mean
 * neighbour distance (of the row, or of all rows when {@code rho_i = 0}) is raised to it. The directed
 * membership strength is {@code w_ij = exp(-max(0, d_ij - rho_i) / sigma_i)}, 1 at or below {@code rho_i}.
 * The fuzzy union of the directed graph {@code A} and its transpose gives
 * {@code mix (A + A^T - A o A^T) + (1 - mix) A o A^T}, with {@code o} the elementwise product and
 * {@code mix = setOpMixRatio}. Columns within a row are sorted ascending; zero weights are dropped.
 * Rows are handled in fixed chunks, so the graph does not depend on the thread count.
 * <p>Cost: {@code O(n k)} time and memory for {@code n} rows of {@code k - 1} neighbours, plus 64
 * exponentials per neighbour in the worst case of the binary search.
 * <p>Reference: L. McInnes, J. Healy, J. Melville, "UMAP: Uniform Manifold Approximation and Projection for
 * Dimension Reduction", arXiv:1802.03426, 2018, section 3.1 and appendix (smooth kNN distances).
 */
final class FuzzyGraph {
    /** Tolerance of the bandwidth search on the sum of memberships. */
    static final double SMOOTH_K_TOLERANCE = 1e-5;
    /** Smallest bandwidth, as a fraction of the mean neighbour distance. */
    static final double MIN_K_DIST_SCALE = 1e-3;
    /** Step limit of the bandwidth search. */
    static final int MAX_STEPS = 64;
    private static final int CHUNK = 1024;

    final int n;
    final int[] rowPtr;
    final int[] cols;
    final float[] weights;

    FuzzyGraph(int n, int[] rowPtr, int[] cols, float[] weights) {
        this.n = n;
        this.rowPtr = rowPtr;
        this.cols = cols;
        this.weights = weights;
    }

    /** The number of stored (directed) entries; each undirected edge counts twice. */
    int entries() {
        return rowPtr[n];
    }

    /** The largest weight, 0 for an empty graph. */
    float maxWeight() {
        float m = 0;
        for (int e = 0; e < rowPtr[n]; e++) m = Math.max(m, weights[e]);
        return m;
    }

    /** The weight of entry (i, j), 0 if absent. */
    float weight(int i, int j) {
        int p = Arrays.binarySearch(cols, rowPtr[i], rowPtr[i + 1], j);
        return p >= 0 ? weights[p] : 0f;
    }

    /**
     * The fuzzy graph of {@code n} rows from their neighbours (the rows themselves excluded).
     * @param distances the metric's distances, as {@code nb.distances()} or converted from them
     */
    static FuzzyGraph of(Neighbors nb, float[] distances, double localConnectivity, double setOpMixRatio) {
        int n = nb.n(), m = nb.k();
        float[] rho = new float[n];
        float[] sigma = new float[n];
        smoothKnn(distances, n, m, localConnectivity, true, rho, sigma);
        float[] w = memberships(distances, n, m, rho, sigma);
        return union(nb.indices(), w, n, m, setOpMixRatio);
    }

    /**
     * Writes the offset {@code rho} and bandwidth {@code sigma} of each of {@code n} rows of {@code m}
     * ascending neighbour distances. With {@code selfCounted}, {@code k = m + 1} (the row is its own
     * neighbour at distance 0, as in a fit); otherwise {@code k = m} (new points against training rows).
     */
    static void smoothKnn(float[] distances, int n, int m, double localConnectivity, boolean selfCounted,
                          float[] rhoOut, float[] sigmaOut) {
        int k = selfCounted ? m + 1 : m;
        double target = Math.log(k) / Math.log(2);
        double total = 0;
        for (float v : distances) total += v;
        double meanAll = n == 0 ? 0 : total / ((double) n * k);
        Parallel.shared().forEachChunk(n, CHUNK, (from, to) -> {
            for (int i = from; i < to; i++) {
                int o = i * m;
                double rho = rho(distances, o, m, localConnectivity);
                double sigma = sigma(distances, o, m, rho, target);
                double sum = 0;
                for (int r = 0; r < m; r++) sum += distances[o + r];
                double floor = MIN_K_DIST_SCALE * (rho > 0 ? sum / k : meanAll);
                rhoOut[i] = (float) rho;
                sigmaOut[i] = (float) Math.max(sigma, floor);
            }
        });
    }

    /** The distance to the {@code localConnectivity}-th neighbour at a positive distance (interpolated). */
    static double rho(float[] distances, int o, int m, double localConnectivity) {
        int first = 0;
        while (first < m && distances[o + first] <= 0) first++;
        int positive = m - first;
        if (positive == 0) return 0;
        if (positive < localConnectivity) return distances[o + m - 1];
        int index = (int) Math.floor(localConnectivity);
        double fraction = localConnectivity - index;
        if (index == 0) return fraction * distances[o + first];
        double rho = distances[o + first + index - 1];
        if (fraction > SMOOTH_K_TOLERANCE && index < positive) {
            rho += fraction * (distances[o + first + index] - distances[o + first + index - 1]);
        }
        return rho;
    }

    /** The bandwidth whose memberships over the row's {@code m} neighbours add up to {@code target}. */
    static double sigma(float[] distances, int o, int m, double rho, double target) {
        double lo = 0, hi = Double.POSITIVE_INFINITY, mid = 1;
        for (int step = 0; step < MAX_STEPS; step++) {
            double sum = 0;
            for (int r = 0; r < m; r++) {
                double d = distances[o + r] - rho;
                sum += d > 0 ? Math.exp(-d / mid) : 1;
            }
            if (Math.abs(sum - target) < SMOOTH_K_TOLERANCE) break;
            if (sum > target) {
                hi = mid;
                mid = (lo + hi) / 2;
            } else {
                lo = mid;
                mid = hi == Double.POSITIVE_INFINITY ? mid * 2 : (lo + hi) / 2;
            }
        }
        return mid;
    }

    /** The directed membership strengths {@code exp(-max(0, d - rho) / sigma)}, row-major {@code n x m}. */
    static float[] memberships(float[] distances, int n, int m, float[] rho, float[] sigma) {
        float[] w = new float[n * m];
        Parallel.shared().forEachChunk(n, CHUNK, (from, to) -> {
            for (int i = from; i < to; i++) {
                for (int r = 0; r < m; r++) {
                    int e = i * m + r;
                    double d = distances[e] - rho[i];
                    w[e] = d <= 0 || sigma[i] == 0 ? 1f : (float) Math.exp(-d / sigma[i]);
                }
            }
        });
        return w;
    }

    /**
     * The fuzzy union of the directed graph with {@code m} entries per row (columns {@code indices}, weights
     * {@code w}) and its transpose.
     */
    static FuzzyGraph union(int[] indices, float[] w, int n, int m, double mix) {
        // the directed graph A with each row's columns sorted
        int[] aCols = indices.clone();
        float[] aW = w.clone();
        Parallel.shared().forEachChunk(n, CHUNK, (from, to) -> {
            for (int i = from; i < to; i++) sortRow(aCols, aW, i * m, m);
        });
        // its transpose, rows filled in ascending source order so their columns come out sorted
        int[] tPtr = new int[n + 1];
        for (int e = 0; e < n * m; e++) tPtr[aCols[e] + 1]++;
        for (int i = 0; i < n; i++) tPtr[i + 1] += tPtr[i];
        int[] fill = Arrays.copyOf(tPtr, n);
        int[] tCols = new int[n * m];
        float[] tW = new float[n * m];
        for (int i = 0; i < n; i++) {
            for (int e = i * m; e < (i + 1) * m; e++) {
                int p = fill[aCols[e]]++;
                tCols[p] = i;
                tW[p] = aW[e];
            }
        }
        int[] rowPtr = new int[n + 1];
        Parallel.shared().forEachChunk(n, CHUNK, (from, to) -> {
            for (int i = from; i < to; i++) {
                rowPtr[i + 1] = merge(aCols, aW, i * m, (i + 1) * m, tCols, tW, tPtr[i], tPtr[i + 1], mix,
                        null, null, 0);
            }
        });
        for (int i = 0; i < n; i++) rowPtr[i + 1] += rowPtr[i];
        int[] cols = new int[rowPtr[n]];
        float[] weights = new float[rowPtr[n]];
        Parallel.shared().forEachChunk(n, CHUNK, (from, to) -> {
            for (int i = from; i < to; i++) {
                merge(aCols, aW, i * m, (i + 1) * m, tCols, tW, tPtr[i], tPtr[i + 1], mix, cols, weights,
                        rowPtr[i]);
            }
        });
        return new FuzzyGraph(n, rowPtr, cols, weights);
    }

    /**
     * Merges row {@code a[aFrom, aTo)} of A with row {@code t[tFrom, tTo)} of its transpose, both sorted by
     * column; writes the positive union weights at {@code out} when {@code outCols} is not null and returns
     * how many there are.
     */
    private static int merge(int[] aCols, float[] aW, int aFrom, int aTo, int[] tCols, float[] tW, int tFrom,
                             int tTo, double mix, int[] outCols, float[] outW, int out) {
        int p = aFrom, q = tFrom, count = 0;
        while (p < aTo || q < tTo) {
            int ca = p < aTo ? aCols[p] : Integer.MAX_VALUE;
            int ct = q < tTo ? tCols[q] : Integer.MAX_VALUE;
            int c = Math.min(ca, ct);
            double x = 0, y = 0;
            // a row may list a column twice only if the neighbour search did; take the larger weight then
            while (p < aTo && aCols[p] == c) x = Math.max(x, aW[p++]);
            while (q < tTo && tCols[q] == c) y = Math.max(y, tW[q++]);
            double product = x * y;
            double v = mix * (x + y - product) + (1 - mix) * product;
            if (v > 0) {
                if (outCols != null) {
                    outCols[out + count] = c;
                    outW[out + count] = (float) v;
                }
                count++;
            }
        }
        return count;
    }

    /** Sorts the {@code m} entries at {@code o} by column (insertion sort; rows are short). */
    private static void sortRow(int[] cols, float[] w, int o, int m) {
        for (int a = o + 1; a < o + m; a++) {
            int c = cols[a];
            float v = w[a];
            int p = a;
            while (p > o && cols[p - 1] > c) {
                cols[p] = cols[p - 1];
                w[p] = w[p - 1];
                p--;
            }
            cols[p] = c;
            w[p] = v;
        }
    }
}
