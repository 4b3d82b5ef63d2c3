package dev.latent.neighbors;

import dev.latent.data.Matrix;
import dev.latent.internal.Check;
import dev.latent.internal.Parallel;
import dev.latent.linalg.Distances;

/**
 * Exact k-nearest-neighbour search by brute force.
 * <p>Queries are cut into fixed chunks of 256 rows that run in parallel (large enough that GEMM's packing
 * of the data is amortized); each chunk meets the data in blocks of 512 rows, whose squared distances come from one GEMM ({@code |q|^2 + |y|^2 - 2 q.y}), and each
 * query keeps the {@code 2k + 8} best candidates in a bounded max-heap. The candidates' distances are then
 * recomputed exactly (differences summed in double) and the nearest {@code k} kept. Because the GEMM
 * expansion errs by at most about {@code (d + 8) 2^-24 (|q|^2 + |y|^2)}, the result is certified: if the
 * worst candidate's approximate distance, less that bound, still exceeds the k-th exact distance, no row
 * outside the candidates can be nearer or tied; otherwise that query is redone by an exact scan of all
 * rows. The answer is therefore exact, and ties are broken by the lower row index. The fallback is rare on
 * ordinary data; it is common when many rows tie at the k-th distance (duplicates), when rows lie far from
 * the origin relative to their spread (centering the data first avoids that), or when a few rows have far
 * larger norms than the rest (the bound uses the largest), and each fallback costs {@code O(n d)}.
 * <p>Cost: {@code 2 n m d} flops at GEMM speed for {@code m} queries against {@code n} rows, plus
 * {@code O(m k d)} for the exact recomputation; memory per chunk is a 256 x 512 float block and the heaps.
 * Chunks do not depend on the thread count, so results are identical for any number of threads.
 * <p>Under {@link Metric#COSINE} the index holds the rows scaled to unit length, searches them by Euclidean
 * distance (which orders them as the cosine distance does) and reports {@code |x - y|^2 / 2 = 1 - cos}.
 */
public final class ExactKnn implements NeighborSearch {
    static final int QUERY_CHUNK = 256;
    static final int DATA_BLOCK = 512;
    private static final double UNIT_ROUNDOFF = 0x1p-24;

    private final Matrix data;
    private final float[] norms;
    private final Metric metric;

    private ExactKnn(Matrix data, Metric metric) {
        this.data = data;
        this.norms = Distances.rowSquaredNorms(data);
        this.metric = metric;
    }

    /**
     * A Euclidean index over a copy of {@code data}.
     * @throws IllegalArgumentException if {@code data} holds a non-finite value
     */
    public static ExactKnn of(Matrix data) {
        return of(data, Metric.EUCLIDEAN);
    }

    /**
     * An index over a copy of {@code data} under {@code metric}.
     * @throws IllegalArgumentException if {@code data} holds a non-finite value, or (for cosine) a row of zeros
     */
    public static ExactKnn of(Matrix data, Metric metric) {
        Check.notNull("data", data);
        Check.notNull("metric", metric);
        Check.finite("data", data);
        return new ExactKnn(Matrix.wrap(data.rows(), data.cols(), metric.prepare("data", data)), metric);
    }

    /** The metric of this index. */
    public Metric metric() {
        return metric;
    }

    @Override
    public Neighbors query(Matrix queries, int k) {
        checkQueries(data, queries, k);
        Matrix q = metric == Metric.EUCLIDEAN ? queries
                : Matrix.wrap(queries.rows(), queries.cols(), metric.prepare("queries", queries));
        return run(data, norms, q, Distances.rowSquaredNorms(q), k, false, metric);
    }

    @Override
    public Neighbors querySelf(int k) {
        checkSelf(data, k);
        return run(data, norms, data, norms, k, true, metric);
    }

    @Override
    public int size() {
        return data.rows();
    }

    @Override
    public int dimension() {
        return data.cols();
    }

    /**
     * The {@code k} nearest rows of {@code data} for each row of {@code queries}, nearest first, ties broken
     * by the lower index; distances are Euclidean.
     * @throws IllegalArgumentException if {@code k < 1}, {@code k} exceeds the rows of {@code data}, the
     *                                  column counts differ, or either matrix holds a non-finite value
     */
    public static Neighbors search(Matrix data, Matrix queries, int k) {
        Check.notNull("data", data);
        Check.finite("data", data);
        checkQueries(data, queries, k);
        return run(data, Distances.rowSquaredNorms(data), queries, Distances.rowSquaredNorms(queries), k, false,
                Metric.EUCLIDEAN);
    }

    /**
     * The {@code k} nearest other rows of {@code data} for each of its rows (a row is never its own neighbour,
     * but a duplicate of it is, at distance 0), nearest first, ties broken by the lower index.
     * @throws IllegalArgumentException if {@code k < 1}, {@code k > rows - 1}, or {@code data} holds a
     *                                  non-finite value
     */
    public static Neighbors searchSelf(Matrix data, int k) {
        Check.notNull("data", data);
        Check.finite("data", data);
        checkSelf(data, k);
        float[] norms = Distances.rowSquaredNorms(data);
        return run(data, norms, data, norms, k, true, Metric.EUCLIDEAN);
    }

    private static void checkQueries(Matrix data, Matrix queries, int k) {
        Check.notNull("queries", queries);
        Check.atLeast("k", k, 1);
        if (k > data.rows()) {
            throw new IllegalArgumentException("k must be <= " + data.rows() + " (the rows of data), got " + k);
        }
        Check.columns("queries", queries, data.cols());
        Check.finite("queries", queries);
    }

    private static void checkSelf(Matrix data, int k) {
        Check.atLeast("k", k, 1);
        if (k > data.rows() - 1) {
            throw new IllegalArgumentException("k must be <= " + (data.rows() - 1)
                    + " (the rows of data less the row itself), got " + k);
        }
    }

    private static Neighbors run(Matrix data, float[] dataNorms, Matrix queries, float[] queryNorms, int k,
                                 boolean self, Metric metric) {
        int m = queries.rows();
        int[] indices = new int[m * k];
        float[] distances = new float[m * k];
        float maxNorm = 0;
        for (float v : dataNorms) maxNorm = Math.max(maxNorm, v);
        float maxDataNorm = maxNorm;
        Parallel.shared().forEachChunk(m, QUERY_CHUNK, (from, to) ->
                searchChunk(data, dataNorms, maxDataNorm, queries, queryNorms, k, self, metric, from, to,
                        indices, distances));
        return new Neighbors(m, k, indices, distances);
    }

    /** Finds the neighbours of query rows {@code [from, to)} and writes them to {@code outIdx}, {@code outDist}. */
    private static void searchChunk(Matrix data, float[] dataNorms, float maxDataNorm, Matrix queries,
                                    float[] queryNorms, int k, boolean self, Metric metric, int from, int to,
                                    int[] outIdx, float[] outDist) {
        int n = data.rows(), d = data.cols(), rows = to - from;
        int available = self ? n - 1 : n;
        int cap = (int) Math.min(available, 2L * k + 8);
        float[] x = data.values(), q = queries.values();
        float[] block = new float[rows * Math.min(DATA_BLOCK, n)];
        float[] heapDist = new float[rows * cap];
        int[] heapIdx = new int[rows * cap];
        int[] size = new int[rows];
        for (int start = 0; start < n; start += DATA_BLOCK) {
            int end = Math.min(n, start + DATA_BLOCK), cols = end - start;
            Distances.squaredBlock(q, queryNorms, from, to, x, dataNorms, start, end, d, block, 0, cols);
            for (int a = 0; a < rows; a++) {
                int qi = from + a, o = a * cols, h = a * cap;
                int s = size[a];
                for (int b = 0; b < cols; b++) {
                    int j = start + b;
                    if (self && j == qi) continue;
                    float v = block[o + b];
                    if (s < cap) {
                        heapPush(heapDist, heapIdx, h, s++, v, j);
                    } else if (v < heapDist[h]) {
                        // j exceeds every index in the heap, so an equal distance never displaces the top
                        heapReplaceTop(heapDist, heapIdx, h, cap, v, j);
                    }
                }
                size[a] = s;
            }
        }
        double gamma = (d + 8) * UNIT_ROUNDOFF * 1.02;
        int[] candIdx = new int[cap];
        double[] candDist = new double[cap];
        for (int a = 0; a < rows; a++) {
            int qi = from + a, h = a * cap, qRow = qi * d;
            for (int c = 0; c < cap; c++) {
                int j = heapIdx[h + c];
                candIdx[c] = j;
                candDist[c] = Distances.squared(q, qRow, x, j * d, d);
            }
            sortByDistanceThenIndex(candDist, candIdx, cap);
            boolean certified = cap == available
                    || heapDist[h] - gamma * ((double) queryNorms[qi] + maxDataNorm) > candDist[k - 1];
            if (!certified) exactScan(x, n, d, q, qRow, self ? qi : -1, k, candDist, candIdx);
            int out = qi * k;
            for (int r = 0; r < k; r++) {
                outIdx[out + r] = candIdx[r];
                outDist[out + r] = metric.fromSquared(candDist[r]);
            }
        }
    }

    /**
     * Writes the exact {@code k} nearest rows of {@code x} to the query at {@code q[qRow ..]}, skipping row
     * {@code skip}, to the first {@code k} entries of {@code dist} and {@code idx}, nearest first.
     */
    private static void exactScan(float[] x, int n, int d, float[] q, int qRow, int skip, int k,
                                  double[] dist, int[] idx) {
        int s = 0;
        for (int j = 0; j < n; j++) {
            if (j == skip) continue;
            double v = Distances.squared(q, qRow, x, j * d, d);
            if (s < k) {
                // insertion keeps the first s entries sorted by (distance, index); j is the largest index so far
                int p = s++;
                while (p > 0 && dist[p - 1] > v) {
                    dist[p] = dist[p - 1];
                    idx[p] = idx[p - 1];
                    p--;
                }
                dist[p] = v;
                idx[p] = j;
            } else if (v < dist[k - 1]) {
                int p = k - 1;
                while (p > 0 && dist[p - 1] > v) {
                    dist[p] = dist[p - 1];
                    idx[p] = idx[p - 1];
                    p--;
                }
                dist[p] = v;
                idx[p] = j;
            }
        }
    }

    /** Sorts the first {@code len} entries by distance, then index (insertion sort; {@code len} is small). */
    static void sortByDistanceThenIndex(double[] dist, int[] idx, int len) {
        for (int i = 1; i < len; i++) {
            double v = dist[i];
            int j = idx[i], p = i;
            while (p > 0 && (dist[p - 1] > v || (dist[p - 1] == v && idx[p - 1] > j))) {
                dist[p] = dist[p - 1];
                idx[p] = idx[p - 1];
                p--;
            }
            dist[p] = v;
            idx[p] = j;
        }
    }

    /** True if (d1, i1) orders after (d2, i2). */
    private static boolean after(float d1, int i1, float d2, int i2) {
        return d1 > d2 || (d1 == d2 && i1 > i2);
    }

    /** Adds (v, j) to the max-heap at {@code [h, h + s)}, ordered by distance then index. */
    private static void heapPush(float[] dist, int[] idx, int h, int s, float v, int j) {
        int p = s;
        while (p > 0) {
            int parent = (p - 1) >>> 1;
            if (!after(v, j, dist[h + parent], idx[h + parent])) break;
            dist[h + p] = dist[h + parent];
            idx[h + p] = idx[h + parent];
            p = parent;
        }
        dist[h + p] = v;
        idx[h + p] = j;
    }

    /** Replaces the top of the full max-heap at {@code [h, h + cap)} with (v, j) and restores the heap order. */
    private static void heapReplaceTop(float[] dist, int[] idx, int h, int cap, float v, int j) {
        int p = 0;
        while (true) {
            int c = 2 * p + 1;
            if (c >= cap) break;
            if (c + 1 < cap && after(dist[h + c + 1], idx[h + c + 1], dist[h + c], idx[h + c])) c++;
            if (!after(dist[h + c], idx[h + c], v, j)) break;
            dist[h + p] = dist[h + c];
            idx[h + p] = idx[h + c];
            p = c;
        }
        dist[h + p] = v;
        idx[h + p] = j;
    }
}
